/* Search as you type beyond the corpus: screen names, register rows
 * (prefixes, folded spellings, stop words, strong and weak matches,
 * snippets with marks) and the order shown among ranked entries. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ismsnav/find.h"
#include "ismsnav/util.h"

TestSuite(find, .init = test_locale);

/* A row of register k: every field empty but those given as name, value. */
static void add_row(struct reg_table *t, const char *const *kv)
{
	const struct reg_def *d = t->def;
	char **cells = calloc(d->nfields, sizeof(*cells));
	cr_assert_not_null(cells);
	for (size_t f = 0; f < d->nfields; f++) {
		const char *v = "";
		for (size_t i = 0; kv[i]; i += 2)
			if (!strcmp(kv[i], d->fields[f].name))
				v = kv[i + 1];
		cells[f] = isn_strdup(v);
		cr_assert_not_null(cells[f]);
	}
	cr_assert_eq(reg_table_push(t, cells), 0);
}

#define KV(...) ((const char *const[]){__VA_ARGS__, NULL})

/* find_rows on a table prepared for this one call. */
static int rows_of(const struct reg_table *t, const char *q, size_t max, struct find_list *l)
{
	struct find_table ft;
	cr_assert_eq(find_table_init(&ft, t), 0);
	cr_assert_eq(ft.n, t->n);
	int rc = find_rows(&ft, q, max, l);
	find_table_free(&ft);
	return rc;
}

static void risk_table(struct reg_table *t)
{
	*t = (struct reg_table){.def = reg_def(REG_RISK)};
	add_row(t, KV("id", "R-001", "title", "Supplier goes bust", "owner", "Procurement lead",
		      "scenario", "A key supplier stops trading and the\nservice is lost"));
	add_row(t, KV("id", "R-002", "title", "Laptop stolen from a car", "owner", "IT manager",
		      "treatment_plan", "Encrypt every laptop; organisation-wide MDM"));
	add_row(t, KV("id", "R-003", "title", "Phishing leads to account takeover",
		      "owner", "Security officer", "status", "open"));
}

static size_t count_marks(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += *s == SEARCH_MARK_ON;
	return n;
}

Test(find, screens_are_found_by_name_and_by_other_words)
{
	struct find_list l = {0};
	cr_assert_eq(find_screens("heat", 0, &l), 0);
	cr_assert_eq(l.n, 1);
	cr_assert_eq(l.v[0].screen, FS_HEAT);
	cr_assert_str_eq(l.v[0].title, "Heat map");
	cr_assert_str_eq(find_tag(&l.v[0]), "screen");
	find_list_clear(&l);

	/* both the risk register and the heat map know "risk"; the name wins */
	cr_assert_eq(find_screens("risk", 0, &l), 0);
	cr_assert_eq(l.n, 2);
	cr_assert_eq(l.v[0].screen, FS_RISKS);
	cr_assert_eq(l.v[1].screen, FS_HEAT);
	find_list_clear(&l);

	cr_assert_eq(find_screens("the statement of applicability", 0, &l), 0);
	cr_assert_eq(l.n, 1, "stop words do not count");
	cr_assert_eq(l.v[0].screen, FS_SOA);
	cr_assert_eq(l.v[0].strength, FIND_STRONG);
	find_list_clear(&l);

	cr_assert_eq(find_screens("documents", 0, &l), 0);
	cr_assert_eq(l.n, 1);
	cr_assert_eq(l.v[0].screen, FS_DOCS);
	find_list_clear(&l);

	cr_assert_eq(find_screens("clause index", 1u << FS_CLAUSES, &l), 0);
	cr_assert_eq(l.n, 0, "a skipped screen is never found");
	cr_assert_eq(find_screens("clause ind", 0, &l), 0);
	cr_assert_eq(l.n, 1, "the last word is a prefix");
	cr_assert_eq(l.v[0].screen, FS_CLAUSES);
	find_list_free(&l);
}

Test(find, words_that_match_nothing_or_only_stop_words_find_no_screen)
{
	struct find_list l = {0};
	cr_assert_eq(find_screens("", 0, &l), 0);
	cr_assert_eq(find_screens("the of and", 0, &l), 0);
	cr_assert_eq(find_screens("h", 0, &l), 0, "one letter is too little");
	cr_assert_eq(find_screens("supplier offboarding", 0, &l), 0);
	cr_assert_eq(l.n, 0);
	/* two words of which one matches: not enough */
	cr_assert_eq(find_screens("heat supplier", 0, &l), 0);
	cr_assert_eq(l.n, 0);
	/* half of four words: a weak match */
	cr_assert_eq(find_screens("open heat map please", 0, &l), 0);
	cr_assert_eq(l.n, 1);
	cr_assert_eq(l.v[0].strength, FIND_WEAK);
	find_list_free(&l);
}

Test(find, rows_match_every_word_by_prefix_in_their_text_fields)
{
	struct reg_table t;
	risk_table(&t);
	struct find_list l = {0};
	cr_assert_eq(rows_of(&t, "supplier", 10, &l), 0);
	cr_assert_eq(l.n, 1);
	cr_assert_eq(l.v[0].kind, FIND_ROW);
	cr_assert_eq(l.v[0].reg, REG_RISK);
	cr_assert_str_eq(l.v[0].key, "R-001");
	cr_assert_str_eq(l.v[0].title, "Supplier goes bust");
	cr_assert_str_eq(find_tag(&l.v[0]), "risk");
	/* the snippet comes from a field other than the title, on one line */
	cr_assert_not_null(l.v[0].snippet);
	cr_assert_not_null(strstr(l.v[0].snippet, "Scenario: "));
	cr_assert_not_null(strstr(l.v[0].snippet, "\x01supplier\x02"));
	cr_assert_null(strchr(l.v[0].snippet, '\n'));
	find_list_clear(&l);

	cr_assert_eq(rows_of(&t, "lapt stol", 10, &l), 0);
	cr_assert_eq(l.n, 1, "prefixes");
	cr_assert_str_eq(l.v[0].key, "R-002");
	find_list_clear(&l);

	cr_assert_eq(rows_of(&t, "organization", 10, &l), 0);
	cr_assert_eq(l.n, 1, "a folded spelling finds 'organisation-wide'");
	cr_assert_str_eq(l.v[0].key, "R-002");
	cr_assert_eq(count_marks(l.v[0].snippet), 1);
	find_list_clear(&l);

	cr_assert_eq(rows_of(&t, "r-003", 10, &l), 0);
	cr_assert_eq(l.n, 1, "by ID");
	cr_assert_str_eq(l.v[0].key, "R-003");
	find_list_clear(&l);

	cr_assert_eq(rows_of(&t, "manager supplier", 10, &l), 0);
	cr_assert_eq(l.n, 0, "every word of two must match");
	cr_assert_eq(rows_of(&t, "ratings", 10, &l), 0);
	cr_assert_eq(l.n, 0);
	find_list_free(&l);
	reg_table_free(&t);
}

Test(find, strong_rows_come_before_weak_ones_and_max_is_kept)
{
	struct reg_table t;
	risk_table(&t);
	struct find_list l = {0};
	/* R-003 has all three words, R-002 two of three */
	cr_assert_eq(rows_of(&t, "laptop account takeover phishing", 10, &l), 0);
	cr_assert_eq(l.n, 1);
	cr_assert_str_eq(l.v[0].key, "R-003");
	cr_assert_eq(l.v[0].strength, FIND_WEAK, "three of four words");
	find_list_clear(&l);
	cr_assert_eq(rows_of(&t, "laptop stolen car phishing", 10, &l), 0);
	cr_assert_eq(l.n, 1);
	cr_assert_str_eq(l.v[0].key, "R-002");
	find_list_clear(&l);
	cr_assert_eq(rows_of(&t, "officer manager procurement", 10, &l), 0);
	cr_assert_eq(l.n, 0, "one word of three is not enough");
	cr_assert_eq(rows_of(&t, "r-00", 2, &l), 0);
	cr_assert_eq(l.n, 2, "at most max rows");
	cr_assert_str_eq(l.v[0].key, "R-001");
	find_list_free(&l);
	reg_table_free(&t);
}

Test(find, soa_controls_are_found_with_or_without_the_annex_letter)
{
	struct reg_table t = {.def = reg_def(REG_SOA)};
	add_row(&t, KV("control", "5.15", "theme", "Organizational", "title", "Access control",
		       "justification", "Needed for every system"));
	add_row(&t, KV("control", "8.24", "theme", "Technological", "title", "Use of cryptography"));
	struct find_list l = {0};
	cr_assert_eq(rows_of(&t, "A.5.15", 10, &l), 0);
	cr_assert_eq(l.n, 1);
	cr_assert_str_eq(l.v[0].key, "5.15");
	cr_assert_str_eq(l.v[0].title, "Access control");
	cr_assert_str_eq(find_tag(&l.v[0]), "SoA");
	find_list_clear(&l);
	cr_assert_eq(rows_of(&t, "cryptography", 10, &l), 0);
	cr_assert_eq(l.n, 1);
	cr_assert_str_eq(l.v[0].key, "8.24");
	find_list_free(&l);
	reg_table_free(&t);
}

static void add_hit(struct search_results *r, unsigned id, const char *q)
{
	cr_assert_eq(isn_grow(&r->v, &r->cap, r->n + 1, sizeof(*r->v)), 0);
	r->v[r->n++] = (struct search_hit){.id = id, .question = isn_strdup(q),
					    .snippet = isn_strdup("a \x01match\x02 here")};
}

Test(find, merge_puts_strong_screens_first_then_three_entries_then_strong_rows)
{
	struct search_results hits = {0};
	for (unsigned i = 1; i <= 5; i++)
		add_hit(&hits, i, "Question");
	struct find_list rows = {0}, screens = {0}, out = {0};
	struct find_item strong_row = {.kind = FIND_ROW, .reg = REG_RISK, .screen = -1,
				       .key = (char *)"R-001", .title = (char *)"Strong",
				       .strength = FIND_STRONG};
	struct find_item weak_row = strong_row;
	weak_row.key = (char *)"R-002";
	weak_row.title = (char *)"Weak";
	weak_row.strength = FIND_WEAK;
	struct find_item strong_screen = {.kind = FIND_SCREEN, .reg = -1, .screen = FS_HEAT,
					  .title = (char *)"Heat map", .strength = FIND_STRONG};
	struct find_item weak_screen = strong_screen;
	weak_screen.screen = FS_HELP;
	weak_screen.strength = FIND_WEAK;
	rows.v = (struct find_item[]){weak_row, strong_row};
	rows.n = 2;
	screens.v = (struct find_item[]){strong_screen, weak_screen};
	screens.n = 2;

	cr_assert_eq(find_merge(&hits, &rows, &screens, &out), 0);
	cr_assert_eq(out.n, 9);
	cr_assert_eq(out.v[0].kind, FIND_SCREEN);
	cr_assert_eq(out.v[0].screen, FS_HEAT);
	for (size_t i = 1; i <= 3; i++) {
		cr_assert_eq(out.v[i].kind, FIND_ENTRY);
		cr_assert_eq(out.v[i].id, i, "entries keep their rank order");
	}
	cr_assert_eq(out.v[1].snippet[2], SEARCH_MARK_ON, "the snippet is kept");
	cr_assert_eq(out.v[4].kind, FIND_ROW);
	cr_assert_str_eq(out.v[4].key, "R-001");
	cr_assert_eq(out.v[5].id, 4);
	cr_assert_eq(out.v[6].id, 5);
	cr_assert_eq(out.v[7].screen, FS_HELP);
	cr_assert_str_eq(out.v[8].key, "R-002");
	cr_assert_str_eq(find_tag(&out.v[2]), "Q");

	/* merging again replaces what out held; no entries at all works too */
	cr_assert_eq(find_merge(NULL, &rows, NULL, &out), 0);
	cr_assert_eq(out.n, 2);
	cr_assert_str_eq(out.v[0].key, "R-001");
	find_list_free(&out);
	search_results_free(&hits);
}
