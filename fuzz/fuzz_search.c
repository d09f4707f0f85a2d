/* Fuzz target: search queries. Any bytes are translated into an FTS5
 * expression, their words folded from British to American spelling, and
 * the query run against a small in-memory index of the search fixtures,
 * as typed (the last word a prefix) and as entered. A query never fails:
 * what FTS5 cannot read is searched as words, with a note; hits are
 * entries of the index, at most `limit`, with one-line UTF-8 text.
 *
 * Input: one byte of flags and limit, then the query. */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "ismsnav/search.h"
#include "ismsnav/text.h"
#include "ismsnav/util.h"

#define FIXTURES ISMSNAV_SOURCE_DIR "/tests/fixtures/search"

static struct search_index *idx;
static unsigned ids[64];
static size_t nids;

static void close_index(void)
{
	search_close(idx);
	idx = NULL;
}

static int add_id(unsigned id, const char *question, void *ctx)
{
	(void)question;
	(void)ctx;
	if (nids >= ISN_ARRAY_LEN(ids))
		return 1;
	ids[nids++] = id;
	return 0;
}

static bool indexed(unsigned id)
{
	for (size_t i = 0; i < nids; i++)
		if (ids[i] == id)
			return true;
	return false;
}

static void check_text(const char *s, const char *what)
{
	FUZZ_CHECK(s != NULL, "%s is NULL", what);
	size_t n = strlen(s);
	FUZZ_CHECK(text_valid_utf8(s, n, NULL), "%s is not UTF-8: '%s'", what, s);
	FUZZ_CHECK(!strchr(s, '\n') && !strchr(s, '\r'), "%s has a line break", what);
}

static void fold_words(const char *q)
{
	char out[64];

	for (const char *p = q; *p;) {
		size_t n = 0;
		while (p[n] >= 'a' && p[n] <= 'z')
			n++;
		if (n == 0) {
			p++;
			continue;
		}
		for (size_t cap = 1; cap <= sizeof(out); cap *= 4) {
			for (int prefix = 0; prefix < 2; prefix++) {
				memset(out, 'x', sizeof(out));
				size_t got = search_fold(p, n, prefix, out, cap);
				if (got == 0)
					continue;
				FUZZ_CHECK(got < cap && out[got] == '\0' && strlen(out) == got,
					   "fold of '%.*s' gave %zu bytes in %zu", (int)n, p, got, cap);
				for (size_t i = 0; i < got; i++)
					FUZZ_CHECK(out[i] >= 'a' && out[i] <= 'z',
						   "fold of '%.*s' gave '%s'", (int)n, p, out);
			}
		}
		p += n;
	}
}

static void run_query(const char *q, size_t limit, unsigned flags)
{
	struct search_results r;

	int rc = search_query(idx, q, limit, flags, &r);
	FUZZ_CHECK(rc == 0, "query failed: %s", r.note ? r.note : "(no note)");
	FUZZ_CHECK(r.n <= limit, "%zu hits for a limit of %zu", r.n, limit);
	for (size_t i = 0; i < r.n; i++) {
		FUZZ_CHECK(indexed(r.v[i].id), "hit Q%03u is not in the index", r.v[i].id);
		for (size_t j = 0; j < i; j++)
			FUZZ_CHECK(r.v[j].id != r.v[i].id, "Q%03u is hit twice", r.v[i].id);
		check_text(r.v[i].question, "a hit's question");
		check_text(r.v[i].snippet, "a hit's snippet");
	}
	if (r.note)
		check_text(r.note, "the note");
	search_results_free(&r);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *paths[] = {FIXTURES};
	struct search_opts o = {.in_memory = true};
	struct diag_list d = {0};

	(void)argc;
	(void)argv;
	text_locale_init();
	if (search_open(&idx, paths, 1, &o, &d) != 0 ||
	    search_each_question(idx, add_id, NULL) != 0 || nids == 0) {
		diag_print(&d, stderr, DIAG_WARNING);
		fprintf(stderr, "cannot index %s\n", FIXTURES);
		abort();
	}
	diag_list_free(&d);
	atexit(close_index);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 4096)
		return 0;
	unsigned flags = data[0] & 1 ? SEARCH_TYPING : 0;
	size_t limit = (size_t)(data[0] >> 1) % 12;
	char *q = isn_strndup((const char *)data + 1, size - 1);
	bool syntax;

	FUZZ_CHECK(q != NULL, "out of memory");
	char *expr = search_translate(q, flags, &syntax);
	FUZZ_CHECK(expr != NULL, "translation failed");
	free(expr);
	fold_words(q);
	run_query(q, limit, flags);
	run_query(q, limit, flags ^ SEARCH_TYPING);
	free(q);
	return 0;
}
