/* Fuzz target: one file's bytes split into front matter and answer and
 * parsed as an entry, in full and head-only, plus the ID helpers. Beyond
 * the sanitizers it checks that the status, the entry and the
 * diagnostics agree, and that a loaded entry is well formed. */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "ismsnav/entry.h"
#include "ismsnav/text.h"

static const char *const path = "fuzz/entry.md";

static size_t count_lines(const uint8_t *data, size_t size)
{
	size_t n = 1;
	for (size_t i = 0; i < size; i++)
		n += data[i] == '\n' || data[i] == '\r';
	return n;
}

static void check_list(const struct isn_strlist *l, const char *what)
{
	for (size_t i = 0; i < l->n; i++)
		FUZZ_CHECK(l->v[i] != NULL, "%s[%zu] is NULL", what, i);
}

static void check_entry(const struct entry *e, bool head_only)
{
	char buf[16];
	unsigned back;

	FUZZ_CHECK(e->id <= ENTRY_ID_MAX, "id %u out of range", e->id);
	FUZZ_CHECK(e->id_text != NULL, "an entry without its ID text");
	entry_id_format(e->id, buf);
	FUZZ_CHECK(entry_id_parse(buf, &back) && back == e->id, "ID %u does not round-trip", e->id);
	FUZZ_CHECK(e->body != NULL && strlen(e->body) == e->body_len,
		   "body length %zu disagrees with its text", e->body_len);
	FUZZ_CHECK(e->path && !strcmp(e->path, path), "the path was not kept");
	if (!head_only)
		FUZZ_CHECK(text_valid_utf8(e->body, e->body_len, NULL),
			   "an accepted answer is not UTF-8");
	check_list(&e->packs, "packs");
	check_list(&e->primary_ids, "primary_ids");
	check_list(&e->overlap_ids, "overlap_ids");
	check_list(&e->capability_tags, "capability_tags");
	for (size_t i = 0; i < e->nlinks; i++) {
		FUZZ_CHECK(e->links[i].target <= ENTRY_ID_MAX, "link to %u", e->links[i].target);
		for (size_t j = 0; j < i; j++)
			FUZZ_CHECK(e->links[i].target != e->links[j].target,
				   "link %zu repeats link %zu", i, j);
	}
}

static void run(const uint8_t *data, size_t size, bool head_only)
{
	struct diag_list d = {0};
	struct entry *e = NULL;
	enum entry_status st;
	size_t lines = count_lines(data, size);

	st = (head_only ? entry_parse_head : entry_parse)(path, (const char *)data, size, &d, &e);
	FUZZ_CHECK((st == ENTRY_OK) == (e != NULL), "status %d with entry %p", (int)st, (void *)e);
	if (st == ENTRY_BROKEN)
		FUZZ_CHECK(d.errors > 0, "a broken entry without an error");
	else
		FUZZ_CHECK(d.errors == 0, "status %d with %zu errors", (int)st, d.errors);
	if (st == ENTRY_SKIPPED)
		FUZZ_CHECK(d.warnings > 0, "a skipped file without a warning");
	for (size_t i = 0; i < d.n; i++) {
		FUZZ_CHECK(d.v[i].message && d.v[i].path, "diagnostic %zu is incomplete", i);
		FUZZ_CHECK(d.v[i].line >= 0 && (size_t)d.v[i].line <= lines + 1,
			   "diagnostic at line %d of a %zu-line file: %s", d.v[i].line, lines,
			   d.v[i].message);
	}
	if (e)
		check_entry(e, head_only);
	entry_free(e);
	diag_list_free(&d);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	text_locale_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char line[64];
	unsigned id;
	size_t n = 0;

	run(data, size, false);
	run(data, size, true);
	if (entry_peek_id((const char *)data, size, &id))
		FUZZ_CHECK(id <= ENTRY_ID_MAX, "peeked ID %u out of range", id);
	/* the first line as an ID, as the command line and the views read them */
	while (n < size && n + 1 < sizeof(line) && data[n] != '\n' && data[n] != '\0') {
		line[n] = (char)data[n];
		n++;
	}
	line[n] = '\0';
	if (entry_id_parse(line, &id))
		FUZZ_CHECK(id <= ENTRY_ID_MAX, "parsed ID %u out of range", id);
	return 0;
}
