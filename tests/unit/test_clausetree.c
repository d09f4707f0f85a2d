/* The clause index tree: grouping by standard in clause order, counts,
 * titles from the built-in tables, the entries of a clause (exactly that
 * clause), expansion and filter to rows, and a reload that keeps the
 * tree's shape. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ismsnav/clausetree.h"

static struct search_ref_counts counts(const char *const *refs, const size_t *p,
				       const size_t *o, size_t n)
{
	struct search_ref_counts rc = {0};
	rc.v = calloc(n, sizeof(*rc.v));
	cr_assert_not_null(rc.v);
	for (size_t i = 0; i < n; i++)
		rc.v[i] = (struct search_ref_count){strdup(refs[i]), p[i], o[i]};
	rc.n = rc.cap = n;
	return rc;
}

/* Three standards, given interleaved as a merged list could be. */
static void sample(struct clausetree *t)
{
	static const char *const refs[] = {"ISO27000:2018", "ISO27001:2022/4.1",
					   "ISO27002:2022/5.1", "ISO27001:2022/9.2",
					   "ISO27001:2022/A.5.18"};
	static const size_t p[] = {0, 1, 0, 2, 3}, o[] = {2, 1, 1, 0, 1};
	struct search_ref_counts rc = counts(refs, p, o, 5);
	cr_assert_eq(clausetree_build(t, &rc), 0);
	search_ref_counts_free(&rc);
}

static const char *row_name(const struct clausetree *t, size_t i)
{
	const struct ct_row *r = &t->rows.v[i];
	return r->kind == CT_STD ? t->stds[r->std].name : t->refs[r->ref].ref;
}

Test(clausetree, titles_come_from_the_built_in_tables)
{
	struct clausetree t = {0};
	cr_assert_str_eq(clausetree_title(&t, "ISO27001:2022/9.2"), "Internal audit");
	cr_assert_str_eq(clausetree_title(&t, "ISO27001:2022/5.3"),
			 "Organizational roles, responsibilities and authorities");
	cr_assert_str_eq(clausetree_title(&t, "ISO27001:2022/A.5.18"), "Access rights");
	cr_assert_str_eq(clausetree_title(&t, "ISO27001:2022/A.8.34"),
			 "Protection of information systems during audit testing");
	/* ISO/IEC 27002:2022 numbers its controls as Annex A does */
	cr_assert_str_eq(clausetree_title(&t, "ISO27002:2022/8.34"),
			 "Protection of information systems during audit testing");
	cr_assert_str_eq(clausetree_title(&t, "ISO27001:2022/A.5"), "Organizational controls");
	cr_assert_str_eq(clausetree_title(&t, "ISO27002:2022/6"), "People controls");
	cr_assert_str_eq(clausetree_title(&t, "ISO27001:2022/A.8"), "Technological controls");
	cr_assert_null(clausetree_title(&t, "ISO27001:2022/11"));
	cr_assert_null(clausetree_title(&t, "ISO27002:2022/A.5.18"));
	cr_assert_null(clausetree_title(&t, "ISO27001:2022"));
	clausetree_free(&t);
}

Test(clausetree, groups_references_by_standard_keeping_clause_order)
{
	struct clausetree t = {0};
	sample(&t);
	cr_assert_eq(t.nstds, 3);
	cr_assert_str_eq(t.stds[0].name, "ISO27000:2018");
	cr_assert_str_eq(t.stds[1].name, "ISO27001:2022");
	cr_assert_str_eq(t.stds[2].name, "ISO27002:2022");
	cr_assert_eq(t.stds[1].n, 3);
	cr_assert_str_eq(t.refs[t.stds[1].first].clause, "4.1");
	cr_assert_str_eq(t.refs[t.stds[1].first + 1].clause, "9.2");
	cr_assert_str_eq(t.refs[t.stds[1].first + 2].clause, "A.5.18");
	cr_assert_str_eq(t.refs[t.stds[1].first + 2].title, "Access rights");
	/* the standard's counts are its references' summed */
	cr_assert_eq(t.stds[1].primary, 6);
	cr_assert_eq(t.stds[1].overlap, 2);
	/* a whole standard cited: no clause */
	cr_assert_str_eq(t.refs[0].clause, "");
	cr_assert_eq(t.refs[0].overlap, 2);
	cr_assert_eq(t.clause_cols, 6); /* "A.5.18" */
	for (size_t i = 0; i < t.nrefs; i++)
		cr_assert_eq(t.stds[t.refs[i].std].first <= i, true);
	clausetree_free(&t);
}

Test(clausetree, count_text)
{
	char buf[64];
	clausetree_count_text(2, 1, buf, sizeof buf);
	cr_assert_str_eq(buf, "3 (2 primary, 1 overlap)");
	clausetree_count_text(0, 0, buf, sizeof buf);
	cr_assert_str_eq(buf, "0 (0 primary, 0 overlap)");
}

static struct search_citations cites(void)
{
	/* as search_citations gives 9.2: 9.2 and the clauses below it */
	struct search_citations c = {0};
	c.v = calloc(3, sizeof(*c.v));
	c.v[0] = (struct search_citation){strdup("ISO27001:2022/9.2"), 2, true, strdup("Audit?")};
	c.v[1] = (struct search_citation){strdup("ISO27001:2022/9.2"), 5, false, strdup("Plan?")};
	c.v[2] = (struct search_citation){strdup("ISO27001:2022/9.2.2"), 6, true, strdup("Prog?")};
	c.n = c.cap = 3;
	return c;
}

Test(clausetree, expansion_gives_rows)
{
	struct clausetree t = {0};
	sample(&t);
	cr_assert_eq(clausetree_rows(&t, NULL), 0);
	cr_assert_eq(t.rows.n, 3, "collapsed: the standards only");
	t.stds[1].expanded = true;
	cr_assert_eq(clausetree_rows(&t, ""), 0);
	cr_assert_eq(t.rows.n, 6);
	cr_assert_str_eq(row_name(&t, 2), "ISO27001:2022/4.1");
	cr_assert_eq(t.rows.v[5].kind, CT_STD);

	long r = clausetree_find_ref(&t, "ISO27001:2022/9.2");
	cr_assert_geq(r, 0);
	struct search_citations c = cites();
	cr_assert_eq(clausetree_set_cites(&t, (size_t)r, &c), 0);
	search_citations_free(&c);
	cr_assert_eq(t.refs[r].ncites, 2, "9.2.2's entry is not 9.2's");
	t.refs[r].expanded = true;
	cr_assert_eq(clausetree_rows(&t, NULL), 0);
	cr_assert_eq(t.rows.n, 8);
	cr_assert_eq(t.rows.v[4].kind, CT_CITE);
	cr_assert_eq(t.refs[r].cites[t.rows.v[4].cite].id, 2);
	cr_assert(t.refs[r].cites[t.rows.v[4].cite].primary);
	cr_assert_eq(t.refs[r].cites[t.rows.v[5].cite].id, 5);
	cr_assert_not(t.refs[r].cites[t.rows.v[5].cite].primary);
	cr_assert_str_eq(t.refs[r].cites[t.rows.v[5].cite].question, "Plan?");
	/* parents: entry -> clause -> standard -> itself */
	cr_assert_eq(clausetree_parent(&t, 5), 3);
	cr_assert_eq(clausetree_parent(&t, 3), 1);
	cr_assert_eq(clausetree_parent(&t, 1), 1);
	cr_assert_eq(clausetree_parent(&t, 6), 1);
	/* a collapsed clause hides its entries but keeps them */
	t.refs[r].expanded = false;
	cr_assert_eq(clausetree_rows(&t, NULL), 0);
	cr_assert_eq(t.rows.n, 6);
	cr_assert(t.refs[r].loaded);
	clausetree_free(&t);
}

Test(clausetree, filter_shows_matching_clauses_only)
{
	struct clausetree t = {0};
	sample(&t);
	clausetree_open_matches(&t, "  ");
	cr_assert_not(t.stds[1].expanded, "a blank filter opens nothing");
	clausetree_open_matches(&t, "AUDIT");
	cr_assert(t.stds[1].expanded);
	cr_assert_not(t.stds[0].expanded);
	cr_assert_not(t.stds[2].expanded);
	cr_assert_eq(clausetree_rows(&t, "AUDIT"), 0);
	cr_assert_eq(t.rows.n, 2);
	cr_assert_str_eq(row_name(&t, 0), "ISO27001:2022");
	cr_assert_str_eq(row_name(&t, 1), "ISO27001:2022/9.2");
	/* every word must appear, in the reference or its title */
	cr_assert_eq(clausetree_rows(&t, "access a.5"), 0);
	cr_assert_eq(t.rows.n, 2);
	cr_assert_str_eq(row_name(&t, 1), "ISO27001:2022/A.5.18");
	cr_assert_eq(clausetree_rows(&t, "access 9.2"), 0);
	cr_assert_eq(t.rows.n, 0);
	/* a standard's name shows all of it */
	t.stds[2].expanded = true;
	cr_assert_eq(clausetree_rows(&t, "27002"), 0);
	cr_assert_eq(t.rows.n, 2);
	cr_assert_str_eq(row_name(&t, 1), "ISO27002:2022/5.1");
	clausetree_free(&t);
}

Test(clausetree, keys_find_rows_again)
{
	struct clausetree t = {0};
	sample(&t);
	t.stds[1].expanded = true;
	cr_assert_eq(clausetree_rows(&t, NULL), 0);
	struct ct_key k;
	clausetree_key(&t, 3, &k);
	cr_assert_eq(k.kind, CT_REF);
	cr_assert_str_eq(k.ref, "ISO27001:2022/9.2");
	t.stds[0].expanded = true; /* rows move down by one */
	cr_assert_eq(clausetree_rows(&t, NULL), 0);
	cr_assert_eq(clausetree_find_key(&t, &k), 4);
	t.stds[1].expanded = false;
	cr_assert_eq(clausetree_rows(&t, NULL), 0);
	cr_assert_eq(clausetree_find_key(&t, &k), -1);
	clausetree_free(&t);
}

Test(clausetree, empty_counts_give_an_empty_tree)
{
	struct clausetree t = {0};
	struct search_ref_counts rc = {0};
	cr_assert_eq(clausetree_build(&t, &rc), 0);
	cr_assert_eq(clausetree_rows(&t, "x"), 0);
	cr_assert_eq(t.rows.n, 0);
	cr_assert_eq(clausetree_find_ref(&t, "ISO27001:2022/9.2"), -1);
	clausetree_free(&t);
}

/* ---- from the search index ---------------------------------------------- */

static struct search_index *open_fixtures(void)
{
	const char *paths[] = {FIXTURES_DIR "/search"};
	struct search_opts o = {.in_memory = true};
	struct search_index *idx = NULL;
	struct diag_list d = {0};
	cr_assert_eq(search_open(&idx, paths, 1, &o, &d), 0);
	diag_list_free(&d);
	return idx;
}

Test(clausetree, loads_from_the_index_and_keeps_its_shape)
{
	test_locale();
	struct search_index *idx = open_fixtures();
	struct clausetree t = {0};
	cr_assert_eq(clausetree_load(&t, idx), 0);
	cr_assert_eq(t.nstds, 1);
	cr_assert_str_eq(t.stds[0].name, "ISO27001:2022");
	cr_assert_eq(t.stds[0].n, 9);
	cr_assert_eq(t.stds[0].primary, 7);
	cr_assert_eq(t.stds[0].overlap, 3);

	long r = clausetree_find_ref(&t, "ISO27001:2022/A.8.2");
	cr_assert_geq(r, 0);
	cr_assert_eq(t.refs[r].primary, 0);
	cr_assert_eq(t.refs[r].overlap, 2);
	cr_assert_str_eq(t.refs[r].title, "Privileged access rights");
	cr_assert_eq(clausetree_expand_ref(&t, (size_t)r, idx), 0);
	cr_assert_eq(t.refs[r].ncites, 2);
	cr_assert_eq(t.refs[r].cites[0].id, 1);
	cr_assert_eq(t.refs[r].cites[1].id, 7);
	cr_assert_not(t.refs[r].cites[0].primary);
	cr_assert_str_eq(t.refs[r].cites[0].question, "How do we review access rights?");

	long a = clausetree_find_ref(&t, "ISO27001:2022/9.2");
	cr_assert_eq(clausetree_expand_ref(&t, (size_t)a, idx), 0);
	cr_assert_eq(t.refs[a].ncites, 1, "9.2.2's entry is not listed under 9.2");
	cr_assert_eq(t.refs[a].cites[0].id, 2);
	cr_assert(t.refs[a].cites[0].primary);

	t.stds[0].expanded = true;
	t.refs[a].expanded = false;
	cr_assert_eq(clausetree_load(&t, idx), 0);
	cr_assert(t.stds[0].expanded);
	r = clausetree_find_ref(&t, "ISO27001:2022/A.8.2");
	cr_assert(t.refs[r].expanded);
	cr_assert_eq(t.refs[r].ncites, 2, "read again on reload");
	a = clausetree_find_ref(&t, "ISO27001:2022/9.2");
	cr_assert_not(t.refs[a].expanded);
	cr_assert_eq(clausetree_rows(&t, NULL), 0);
	cr_assert_eq(t.rows.n, 1 + 9 + 2);
	clausetree_free(&t);
	search_close(idx);
}
