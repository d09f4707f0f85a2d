/* Markdown layout: wrapping at any width, styles, prefixes, links. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ismsnav/layout.h"
#include "ismsnav/text.h"

TestSuite(layout, .init = test_locale);

static char *render(const char *md, int width, struct layout_doc *d)
{
	struct layout_opts o = {.width = width};
	layout_doc_init(d, width);
	layout_markdown(d, md, strlen(md), &o);
	check_doc_invariants(d);
	return doc_text(d);
}

static const char rich[] =
	"### 1) A heading that is fairly long\n"
	"\n"
	"**Plain-English answer**\n"
	"Some *italic*, **bold**, `code` and a [link](https://example.org) "
	"with \xE6\x83\x85\xE5\xA0\xB1\xE3\x82\xBB\xE3\x82\xAD\xE3\x83\xA5 wide text and \xF0\x9F\x94\x92 emoji.  \n"
	"After a hard break. See Q010 and a Supercalifragilisticexpialidocious word.\n"
	"\n"
	"- one\n"
	"  - nested one that is long enough to wrap around\n"
	"    1. deeper ordered item\n"
	"- two\n"
	"\n"
	"> quoted text that also wraps at small widths\n"
	">\n"
	"> second quoted paragraph\n"
	"\n"
	"---\n"
	"\n"
	"```\n\tcode \x1b[31m line\n```\n";

Test(layout, invariants_hold_at_every_width)
{
	for (int w = 1; w <= 120; w++) {
		struct layout_doc d;
		free(render(rich, w, &d));
		layout_doc_free(&d);
	}
}

Test(layout, soft_breaks_join_and_hard_breaks_split)
{
	struct layout_doc d;
	char *t = render("one\ntwo  \nthree\n", 80, &d);
	cr_assert_str_eq(t, "one two\nthree\n");
	free(t);
	layout_doc_free(&d);
}

Test(layout, a_bold_label_line_keeps_its_own_line)
{
	struct layout_doc d;
	char *t = render("**Why it matters**\nBecause.\n", 80, &d);
	cr_assert_str_eq(t, "Why it matters\nBecause.\n");
	free(t);
	layout_doc_free(&d);
	t = render("**Bold** then more\ntext\n", 80, &d);
	cr_assert_str_eq(t, "Bold then more text\n", "only a line that is all bold is a label");
	free(t);
	layout_doc_free(&d);
}

Test(layout, wraps_words_without_splitting_them)
{
	struct layout_doc d;
	char *t = render("alpha beta gamma delta\n", 11, &d);
	cr_assert_str_eq(t, "alpha beta\ngamma delta\n");
	free(t);
	layout_doc_free(&d);
}

Test(layout, splits_only_words_longer_than_the_width)
{
	struct layout_doc d;
	char *t = render("ab abcdefghij\n", 4, &d);
	cr_assert_str_eq(t, "ab\nabcd\nefgh\nij\n");
	free(t);
	layout_doc_free(&d);
}

Test(layout, wide_characters_count_two_columns)
{
	struct layout_doc d;
	/* 情報セキュ = 5 wide characters = 10 columns */
	char *t = render("\xE6\x83\x85\xE5\xA0\xB1\xE3\x82\xBB\xE3\x82\xAD\xE3\x83\xA5\n", 5, &d);
	cr_assert_str_eq(t, "\xE6\x83\x85\xE5\xA0\xB1\n\xE3\x82\xBB\xE3\x82\xAD\n\xE3\x83\xA5\n");
	free(t);
	layout_doc_free(&d);
	/* at width 1 a wide character cannot fit: it is replaced, not overflowed */
	t = render("\xE6\x83\x85\n", 1, &d);
	cr_assert_str_eq(t, "\xEF\xBF\xBD\n");
	free(t);
	layout_doc_free(&d);
}

Test(layout, nested_lists_hang_their_indent)
{
	struct layout_doc d;
	char *t = render("- first item wraps here\n  - inner item wraps too\n- second\n", 14, &d);
	cr_assert_str_eq(t,
		"\xE2\x80\xA2 first item\n"
		"  wraps here\n"
		"  \xE2\x97\xA6 inner item\n"
		"    wraps too\n"
		"\xE2\x80\xA2 second\n");
	free(t);
	layout_doc_free(&d);
}

Test(layout, ordered_lists_number_and_align)
{
	struct layout_doc d;
	char *t = render("9. nine wraps\n10. ten\n", 10, &d);
	cr_assert_str_eq(t, "9. nine\n   wraps\n10. ten\n");
	free(t);
	layout_doc_free(&d);
}

Test(layout, quote_bars_on_every_line)
{
	struct layout_doc d;
	char *t = render("> aaa bbb ccc\n>\n> ddd\n", 9, &d);
	cr_assert_str_eq(t, "\xE2\x94\x82 aaa bbb\n\xE2\x94\x82 ccc\n\xE2\x94\x82\n\xE2\x94\x82 ddd\n");
	free(t);
	layout_doc_free(&d);
}

Test(layout, code_blocks_keep_indentation_and_lose_controls)
{
	struct layout_doc d;
	char *t = render("```\n\tx\x1b[0m\n```\n", 40, &d);
	cr_assert_str_eq(t, "      x\xE2\x90\x9B[0m\n");
	cr_assert(d.lines[0].nspans >= 1);
	free(t);
	layout_doc_free(&d);
}

Test(layout, styles_are_spans)
{
	struct layout_doc d;
	char *t = render("a **b** *c* `d`\n", 40, &d);
	cr_assert_str_eq(t, "a b c d\n");
	const struct layout_line *l = &d.lines[0];
	cr_assert_eq(l->nspans, 3);
	cr_assert_eq(l->spans[0].style, ST_BOLD);
	cr_assert_eq(l->spans[0].start, 2);
	cr_assert_eq(l->spans[1].style, ST_ITALIC);
	cr_assert_eq(l->spans[2].style, ST_CODE);
	free(t);
	layout_doc_free(&d);
}

static bool only_q1(unsigned id, void *ctx)
{
	(void)ctx;
	return id == 1;
}

Test(layout, see_references_become_links_and_urls_are_kept)
{
	struct layout_opts o = {.width = 80, .exists = only_q1};
	struct layout_doc d;
	layout_doc_init(&d, 80);
	const char *md = "See Q001, Q002. A [site](https://x.test) and [entry](#Q1).\n";
	layout_markdown(&d, md, strlen(md), &o);
	check_doc_invariants(&d);
	cr_assert_eq(d.nlinks, 3, "Q001 twice is one link; Q002; the URL");
	cr_assert_eq(d.links[0].target, 1);
	cr_assert_not(d.links[0].missing);
	cr_assert_eq(d.links[1].target, 2);
	cr_assert(d.links[1].missing);
	cr_assert_eq(d.links[2].kind, LINK_URL);
	cr_assert_str_eq(d.links[2].url, "https://x.test");
	cr_assert_eq(d.nanchors, 4);
	const struct layout_line *l = &d.lines[0];
	const struct layout_span *s = &l->spans[d.anchors[1].span];
	cr_assert_eq(s->style & ST_MISSING, ST_MISSING);
	cr_assert_eq(strncmp(l->text + s->start, "Q002", 4), 0);
	layout_doc_free(&d);
}

Test(layout, a_link_split_across_lines_is_one_anchor)
{
	struct layout_doc d;
	free(render("[a link text that wraps](https://x.test)\n", 8, &d));
	cr_assert_gt(d.n, 1);
	cr_assert_eq(d.nanchors, 1);
	layout_doc_free(&d);
}

Test(layout, pathological_nesting_stays_bounded)
{
	size_t n = 20000;
	char *md = malloc(n * 2 + 16);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		md[k++] = '>';
		md[k++] = ' ';
	}
	strcpy(md + k, "deep\n");
	struct layout_doc d;
	for (int w = 1; w <= 80; w += 79) {
		free(render(md, w, &d));
		cr_assert_gt(d.n, 0);
		layout_doc_free(&d);
	}
	for (size_t i = 0; i < n; i++)
		md[i] = '*';
	md[n] = 'x';
	for (size_t i = n + 1; i < 2 * n + 1; i++)
		md[i] = '*';
	md[2 * n + 1] = '\0';
	free(render(md, 40, &d));
	layout_doc_free(&d);
	free(md);
}

/* An answer naming thousands of entries once took minutes to lay out:
 * entry links are now found through a table, which must still give one
 * link per target, however many there are and in whatever order. */
Test(layout, thousands_of_entry_links_are_shared_by_target)
{
	struct isn_buf md = {0};
	struct layout_doc d;

	isn_buf_adds(&md, "See ");
	for (unsigned i = 1; i <= 3000; i++)
		isn_buf_printf(&md, "%sQ%u", i > 1 ? ", " : "", i * 7);
	isn_buf_adds(&md, ".\n\nAgain: See ");
	for (unsigned i = 3000; i >= 1; i--)
		isn_buf_printf(&md, "%sQ%u", i < 3000 ? ", " : "", i * 7);
	isn_buf_adds(&md, ", [and](Q21) [a URL](https://example.org).\n");
	free(render(md.data, 60, &d));
	cr_assert_eq(d.nlinks, 3001);
	for (size_t i = 0; i < 3000; i++) {
		cr_assert_eq(d.links[i].kind, LINK_ENTRY);
		cr_assert_eq(d.links[i].target, (i + 1) * 7);
	}
	cr_assert_eq(d.links[3000].kind, LINK_URL);
	/* two anchors per target (both lists) plus the Markdown links */
	cr_assert_eq(d.nanchors, 6002);
	for (size_t i = 0; i < d.nanchors; i++) {
		int32_t k = d.anchors[i].link;
		if (i < 3000)
			cr_assert_eq(k, (int32_t)i);
		else if (i < 6000)
			cr_assert_eq(k, (int32_t)(5999 - i));
	}
	cr_assert_eq(d.anchors[6000].link, 2);
	cr_assert_eq(d.anchors[6001].link, 3000);
	layout_doc_free(&d);
	isn_buf_free(&md);
}

/* Items were numbered by counting their earlier siblings, which took
 * minutes for a long list: numbers now follow each open list. */
Test(layout, ordered_items_are_numbered_per_list)
{
	struct layout_doc d;
	char *t = render("7. a\n"
			 "   1. x\n"
			 "   2. y\n"
			 "      1) deep\n"
			 "8. b\n"
			 "   1. z\n"
			 "9. c\n",
			 40, &d);
	cr_assert_str_eq(t, "7. a\n   1. x\n   2. y\n      1) deep\n8. b\n   1. z\n9. c\n");
	free(t);
	layout_doc_free(&d);

	struct isn_buf md = {0};
	for (int i = 0; i < 20000; i++)
		isn_buf_adds(&md, "1. a\n");
	t = render(md.data, 20, &d);
	cr_assert_eq(d.n, 20000);
	cr_assert_str_eq(d.lines[19999].text, "20000. a");
	free(t);
	layout_doc_free(&d);
	isn_buf_free(&md);
}
