/* Shared helpers for the unit tests. */
#include "helpers.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ismsnav/entry.h"
#include "ismsnav/text.h"
#include "ismsnav/util.h"

void test_locale(void)
{
	cr_assert(text_locale_init(), "a UTF-8 locale is needed for the tests");
}

struct entry *parse_str(const char *path, const char *text, struct diag_list *d)
{
	struct entry *e = NULL;
	entry_parse(path, text, strlen(text), d, &e);
	return e;
}

int has_diag(const struct diag_list *d, enum diag_level level, int line, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].level == level && (line < 0 || d->v[i].line == line) &&
		    strstr(d->v[i].message, needle))
			return 1;
	return 0;
}

void check_doc_invariants(const struct layout_doc *d)
{
	cr_assert_eq(d->error, 0);
	for (size_t i = 0; i < d->n; i++) {
		const struct layout_line *l = &d->lines[i];
		cr_assert_eq(strlen(l->text), l->len, "line %zu has a NUL inside", i);
		cr_assert_leq((int)l->width, d->width, "line %zu is %u wide at width %d: '%s'",
			      i, l->width, d->width, l->text);
		cr_assert_eq(text_width(l->text, l->len), (int)l->width);
		cr_assert(text_valid_utf8(l->text, l->len, NULL), "line %zu is not UTF-8", i);
		for (uint32_t k = 0; k < l->len; k++) {
			unsigned char c = (unsigned char)l->text[k];
			cr_assert(c >= 0x20 && c != 0x7F, "control byte 0x%02x in line %zu", c, i);
		}
		for (uint32_t s = 0; s < l->nspans; s++) {
			cr_assert_leq(l->spans[s].start, l->spans[s].end);
			cr_assert_leq(l->spans[s].end, l->len);
			if (l->spans[s].link >= 0)
				cr_assert_lt((size_t)l->spans[s].link, d->nlinks);
		}
	}
	for (size_t i = 0; i < d->nanchors; i++) {
		cr_assert_lt(d->anchors[i].line, d->n);
		cr_assert_lt(d->anchors[i].span, d->lines[d->anchors[i].line].nspans);
	}
}

char *doc_text(const struct layout_doc *d)
{
	struct isn_buf b = {0};
	for (size_t i = 0; i < d->n; i++) {
		isn_buf_add(&b, d->lines[i].text, d->lines[i].len);
		isn_buf_addc(&b, '\n');
	}
	return isn_buf_take(&b);
}

void temp_corpus(const char *tag, const char *fixture, char root[TEMP_ROOT_MAX],
		 char corpus[TEMP_PATH_MAX], char cache[TEMP_PATH_MAX])
{
	snprintf(root, TEMP_ROOT_MAX, "/tmp/ismsnav-%s-XXXXXX", tag);
	cr_assert_not_null(mkdtemp(root));
	snprintf(corpus, TEMP_PATH_MAX, "%s/corpus", root);
	snprintf(cache, TEMP_PATH_MAX, "%s/cache", root);
	char cmd[512];
	snprintf(cmd, sizeof cmd, "cp -R '%s/%s' '%s' && find '%s' -exec touch -d '-1 hour' {} +",
		 FIXTURES_DIR, fixture, corpus, corpus);
	cr_assert_eq(system(cmd), 0);
}

void temp_corpus_remove(const char *root)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "chattr -R -i '%s' 2>/dev/null; rm -rf '%s'", root, root);
	cr_assert_eq(system(cmd), 0);
}
