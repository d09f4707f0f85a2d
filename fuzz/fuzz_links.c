/* Fuzz target: follow-up extraction from any Markdown body, and the
 * "See Qnnn" scanner the layout shares with it. Checks that every
 * reference the scanner reports lies inside the text in order and names
 * the IDs written there, and that the extracted links are what the
 * header promises: follow-ups first, no target twice, labels inside the
 * body, lines inside the file. */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "ismsnav/links.h"
#include "ismsnav/text.h"

struct scan {
	const char *s;
	size_t n, prev_end, seen;
};

static unsigned id_at(const char *s, size_t a, size_t b)
{
	unsigned v = 0;
	FUZZ_CHECK(b > a + 1 && s[a] == 'Q', "an ID span that is not an ID");
	for (size_t i = a + 1; i < b; i++) {
		FUZZ_CHECK(s[i] >= '0' && s[i] <= '9', "a non-digit inside an ID span");
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	return v;
}

static int on_ref(const struct link_ref *r, void *ctx)
{
	struct scan *sc = ctx;
	bool single = r->last_start == r->start; /* one ID, not a range */
	FUZZ_CHECK(r->start < r->first_end && r->end <= sc->n &&
		   (single ? r->first_end == r->end && r->first == r->last
			   : r->first_end <= r->last_start && r->last_start < r->end),
		   "reference spans [%zu,%zu) [%zu,%zu) in %zu bytes", r->start, r->first_end,
		   r->last_start, r->end, sc->n);
	FUZZ_CHECK(r->start >= sc->prev_end, "reference at %zu overlaps the one ending at %zu",
		   r->start, sc->prev_end);
	FUZZ_CHECK(id_at(sc->s, r->start, r->first_end) == r->first, "first ID misread");
	FUZZ_CHECK(id_at(sc->s, r->last_start, r->end) == r->last, "last ID misread");
	sc->prev_end = r->end;
	sc->seen++;
	return 0;
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
	const char *s = (const char *)data;
	struct scan sc = {.s = s, .n = size};
	struct diag_list d = {0};
	struct entry_link *links = NULL;
	size_t n = 0, lines = 1;
	const int first_line = 7;

	size_t found = links_scan(s, size, on_ref, &sc);
	FUZZ_CHECK(found == sc.seen, "scan counted %zu, reported %zu", found, sc.seen);

	for (size_t i = 0; i < size; i++)
		lines += s[i] == '\n';
	FUZZ_CHECK(links_extract(s, size, "fuzz/links.md", first_line, &d, &links, &n) == 0,
		   "extraction failed");
	bool inline_seen = false;
	for (size_t i = 0; i < n; i++) {
		const struct entry_link *l = &links[i];
		FUZZ_CHECK(l->line >= first_line && (size_t)(l->line - first_line) < lines,
			   "link %zu on line %d", i, l->line);
		if (l->origin == LINK_INLINE)
			inline_seen = true;
		else
			FUZZ_CHECK(!inline_seen, "follow-up %zu comes after an inline link", i);
		if (l->label)
			FUZZ_CHECK(l->origin == LINK_FOLLOWUP && strlen(l->label) <= size,
				   "link %zu has a label it cannot have", i);
		for (size_t j = 0; j < i; j++)
			FUZZ_CHECK(links[j].target != l->target, "links %zu and %zu both go to Q%u",
				   j, i, l->target);
	}
	for (size_t i = 0; i < n; i++)
		free(links[i].label);
	free(links);
	for (size_t i = 0; i < d.n; i++)
		FUZZ_CHECK(d.v[i].line >= first_line && (size_t)(d.v[i].line - first_line) < lines,
			   "diagnostic on line %d", d.v[i].line);
	diag_list_free(&d);
	return 0;
}
