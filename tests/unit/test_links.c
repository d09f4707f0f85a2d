/* Follow-up extraction: the "Likely follow-ups" section, ranges, and
 * "See Qnnn" anywhere else. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ismsnav/links.h"

TestSuite(links, .init = test_locale);

struct got {
	unsigned first[16], last[16];
	size_t n;
};

static int collect(const struct link_ref *r, void *ctx)
{
	struct got *g = ctx;
	if (g->n < 16) {
		g->first[g->n] = r->first;
		g->last[g->n] = r->last;
		g->n++;
	}
	return 0;
}

static struct got scan(const char *s)
{
	struct got g = {0};
	links_scan(s, strlen(s), collect, &g);
	return g;
}

Test(links, scans_single_lists_and_ranges)
{
	struct got g = scan("(See Q010.)");
	cr_assert_eq(g.n, 1);
	cr_assert_eq(g.first[0], 10);
	g = scan("(See Q010, Q012 and Q14)");
	cr_assert_eq(g.n, 3);
	cr_assert_eq(g.first[2], 14);
	const char *dashes[] = {"(See Q091\xE2\x80\x93Q100)", "(See Q091\xE2\x80\x94Q100)",
				"(See Q091-Q100)", "(See Q091 \xE2\x80\x93 Q100)"};
	for (size_t i = 0; i < 4; i++) {
		g = scan(dashes[i]);
		cr_assert_eq(g.n, 1, "case %zu", i);
		cr_assert_eq(g.first[0], 91);
		cr_assert_eq(g.last[0], 100);
	}
	g = scan("see also Q5; and see q6");
	cr_assert_eq(g.n, 1, "lower-case q is prose, not an ID");
	cr_assert_eq(g.first[0], 5);
}

Test(links, ignores_look_alikes)
{
	cr_assert_eq(scan("Seeing Q5").n, 0);
	cr_assert_eq(scan("oversee Q5").n, 0);
	cr_assert_eq(scan("SeeQ5").n, 0);
	cr_assert_eq(scan("See Q5a").n, 0);
	cr_assert_eq(scan("See Q").n, 0);
	cr_assert_eq(scan("Q5 alone").n, 0);
}

static void extract(const char *md, struct entry_link **l, size_t *n, struct diag_list *d)
{
	cr_assert_eq(links_extract(md, strlen(md), "f.md", 10, d, l, n), 0);
}

static void free_links(struct entry_link *l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(l[i].label);
	free(l);
}

Test(links, extracts_followups_with_labels_and_lines)
{
	const char *md =
		"Intro that mentions See Q077 inline.\n"
		"\n"
		"**Likely follow-ups**\n"
		"- \xE2\x80\x9CWhat exactly is an ISMS?\xE2\x80\x9D (See Q010.)\n"
		"- \"Plain quotes?\" (See Q025, Q051)\n"
		"- \xE2\x80\x9CWhich first?\xE2\x80\x9D (See Q091\xE2\x80\x93Q093)\n"
		"\n"
		"**Sources**\n"
		"- ISO/IEC 27001:2022 Clause 4.1 (See Q010 again, not a follow-up)\n";
	struct diag_list d = {0};
	struct entry_link *l;
	size_t n;
	extract(md, &l, &n, &d);
	unsigned want[] = {10, 25, 51, 91, 92, 93, 77};
	cr_assert_eq(n, 7);
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(l[i].target, want[i], "link %zu", i);
	cr_assert_str_eq(l[0].label, "What exactly is an ISMS?");
	cr_assert_str_eq(l[1].label, "Plain quotes?");
	cr_assert_eq(l[0].line, 13);
	cr_assert_eq(l[0].origin, LINK_FOLLOWUP);
	cr_assert_eq(l[6].origin, LINK_INLINE);
	cr_assert_eq(l[6].line, 10);
	cr_assert_eq(d.n, 0);
	free_links(l, n);
	diag_list_free(&d);
}

Test(links, the_samples_label_styles_open_the_section)
{
	const char *labels[] = {"**Likely follow-ups**", "**Likely follow-ups**  ",
				"### Likely follow-ups", "**Likely follow-ups:**"};
	for (size_t i = 0; i < 4; i++) {
		char md[256];
		snprintf(md, sizeof md, "%s\n- \"Q?\" (See Q081)\n", labels[i]);
		struct diag_list d = {0};
		struct entry_link *l;
		size_t n;
		extract(md, &l, &n, &d);
		cr_assert_eq(n, 1, "label %zu", i);
		cr_assert_eq(l[0].origin, LINK_FOLLOWUP);
		free_links(l, n);
		diag_list_free(&d);
	}
}

Test(links, a_followup_without_target_is_a_warning)
{
	struct diag_list d = {0};
	struct entry_link *l;
	size_t n;
	extract("**Likely follow-ups**\n- \"Where to?\"\n", &l, &n, &d);
	cr_assert_eq(n, 0);
	cr_assert(has_diag(&d, DIAG_WARNING, 11, "follow-up has no target"));
	free_links(l, n);
	diag_list_free(&d);
}

Test(links, wide_or_backwards_ranges_link_only_their_ends)
{
	struct diag_list d = {0};
	struct entry_link *l;
	size_t n;
	extract("**Likely follow-ups**\n- x (See Q1-Q999999)\n- y (See Q9-Q3)\n", &l, &n, &d);
	cr_assert_eq(n, 4);
	cr_assert_eq(l[1].target, 999999);
	cr_assert(has_diag(&d, DIAG_WARNING, 11, "too wide"));
	cr_assert(has_diag(&d, DIAG_WARNING, 12, "backwards"));
	free_links(l, n);
	diag_list_free(&d);
}

Test(links, duplicates_collapse_and_code_is_ignored)
{
	struct diag_list d = {0};
	struct entry_link *l;
	size_t n;
	extract("See Q3. See Q3 again.\n```\nSee Q4\n```\n**Likely follow-ups**\n- a (See Q3)\n",
		&l, &n, &d);
	cr_assert_eq(n, 1);
	cr_assert_eq(l[0].target, 3);
	cr_assert_eq(l[0].origin, LINK_FOLLOWUP);
	free_links(l, n);
	diag_list_free(&d);
}

/* A body naming thousands of IDs once took minutes to load (every link
 * scanned all the others) and copied a long label for each: links stop
 * at LINKS_MAX per kind with one warning, labels at LINKS_LABEL_MAX. */
Test(links, many_targets_stop_at_the_limit)
{
	struct isn_buf b = {0};
	struct entry_link *l;
	struct diag_list d = {0};
	size_t n;

	isn_buf_adds(&b, "**Likely follow-ups**\n\n- \"x");
	for (int i = 0; i < 300; i++)
		isn_buf_adds(&b, "\xC3\xA9"); /* two-byte characters at odd offsets */
	isn_buf_adds(&b, "\" (See ");
	for (unsigned i = 0; i < 6; i++)
		isn_buf_printf(&b, "%sQ%u-Q%u", i ? ", " : "", i * 200 + 1, i * 200 + 199);
	isn_buf_adds(&b, ")\n\nInline: See ");
	for (unsigned i = 0; i < 1001; i++)
		isn_buf_printf(&b, "%sQ%u", i ? ", " : "", 5000 + i);
	isn_buf_adds(&b, ".\n");
	extract(b.data, &l, &n, &d);
	cr_assert_eq(n, 2 * LINKS_MAX);
	cr_assert_eq(l[0].target, 1);
	cr_assert_eq(l[LINKS_MAX - 1].origin, LINK_FOLLOWUP);
	cr_assert_eq(l[LINKS_MAX].target, 5000);
	cr_assert_eq(l[2 * LINKS_MAX - 1].target, 5000 + LINKS_MAX - 1);
	/* byte 512 is inside a character: the cut falls before it */
	cr_assert_eq(strlen(l[0].label), LINKS_LABEL_MAX - 1);
	cr_assert_eq(strlen(l[LINKS_MAX - 1].label), LINKS_LABEL_MAX - 1);
	cr_assert(has_diag(&d, DIAG_WARNING, 12, "more than 1000 follow-up links"));
	cr_assert(has_diag(&d, DIAG_WARNING, 14, "more than 1000 inline links"));
	cr_assert_eq(d.warnings, 2);
	free_links(l, n);
	diag_list_free(&d);
	isn_buf_free(&b);
}
