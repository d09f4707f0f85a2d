/* The composed answer: header, body and numbered follow-ups. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ismsnav/answer.h"

TestSuite(answer, .init = test_locale);

static struct corpus c;
static struct diag_list d;

static void setup(void)
{
	test_locale();
	const char *paths[] = {FIXTURES_DIR "/corpus"};
	corpus_load(&c, paths, 1, &d);
}

static void teardown(void)
{
	corpus_free(&c);
	diag_list_free(&d);
}

Test(answer, header_body_and_numbered_followups, .init = setup, .fini = teardown)
{
	struct answer a;
	cr_assert_eq(answer_layout(&a, &c, corpus_find(&c, 1), 60), 0);
	check_doc_invariants(&a.doc);
	char *t = doc_text(&a.doc);
	cr_assert(strstr(t, "Q001  What is a fixture entry for?\n"));
	cr_assert(strstr(t, "Primary  ISO27001:2022/4.1 \xC2\xB7 ISO27001:2022/A.5.1\n"));
	cr_assert(strstr(t, "[1] Q002  How do chains work?\n"));
	cr_assert(strstr(t, "[2] Q003  Which entries form a range?\n"));
	cr_assert(strstr(t, "[3] Q004  What is the last fixture?\n"));
	cr_assert(strstr(t, "[4] Q009  Where is the missing one? (not in this corpus)\n"));
	cr_assert(strstr(t, "Open Risk Register (open_register risk)"));
	cr_assert_eq(a.nfollowups, 4);
	cr_assert_eq(a.doc.links[a.followups[0]].target, 2);
	cr_assert(a.doc.links[a.followups[3]].missing);
	cr_assert_gt(a.body_first_line, 0);
	free(t);
	answer_free(&a);
}

Test(answer, every_line_fits_at_every_width, .init = setup, .fini = teardown)
{
	for (size_t i = 0; i < c.n; i++) {
		for (int w = 1; w <= 100; w++) {
			struct answer a;
			cr_assert_eq(answer_layout(&a, &c, c.entries[i], w), 0);
			check_doc_invariants(&a.doc);
			answer_free(&a);
		}
	}
}

/* The span of link `link` at anchor i. */
static const struct layout_span *anchor_span(const struct answer *a, size_t i)
{
	const struct layout_anchor *an = &a->doc.anchors[i];
	return &a->doc.lines[an->line].spans[an->span];
}

Test(answer, backlinks_end_the_answer_as_links, .init = setup, .fini = teardown)
{
	struct answer a;
	cr_assert_eq(answer_layout(&a, &c, corpus_find(&c, 1), 80), 0);
	size_t lines = a.doc.n, anchors = a.doc.nanchors;
	static const unsigned ids[] = {2, 4, 77};
	cr_assert_eq(answer_backlinks(&a, &c, ids, 3), 0);
	check_doc_invariants(&a.doc);
	cr_assert_eq(a.doc.n, lines + 2, "a blank line, then the list");
	cr_assert_str_eq(a.doc.lines[lines].text, "");
	cr_assert_str_eq(a.doc.lines[lines + 1].text, "Linked from: Q002, Q004, Q077");
	cr_assert_eq(a.doc.nanchors, anchors + 3, "Tab reaches each ID");
	for (size_t i = 0; i < 3; i++) {
		const struct layout_anchor *an = &a.doc.anchors[anchors + i];
		cr_assert_eq(an->line, lines + 1);
		cr_assert_eq(a.doc.links[an->link].kind, LINK_ENTRY);
		cr_assert_eq(a.doc.links[an->link].target, ids[i]);
	}
	cr_assert(anchor_span(&a, anchors)->style & ST_LINK);
	cr_assert(a.doc.links[a.doc.anchors[anchors + 2].link].missing, "Q077 is not loaded");
	cr_assert(anchor_span(&a, anchors + 2)->style & ST_MISSING);
	answer_free(&a);
}

Test(answer, no_backlinks_add_nothing, .init = setup, .fini = teardown)
{
	struct answer a;
	cr_assert_eq(answer_layout(&a, &c, corpus_find(&c, 1), 80), 0);
	size_t lines = a.doc.n;
	cr_assert_eq(answer_backlinks(&a, &c, NULL, 0), 0);
	cr_assert_eq(a.doc.n, lines);
	answer_free(&a);
}

Test(answer, backlinks_wrap_under_the_label, .init = setup, .fini = teardown)
{
	unsigned ids[12];
	for (unsigned i = 0; i < 12; i++)
		ids[i] = 100 + i;
	for (int w = 1; w <= 60; w++) {
		struct answer a;
		cr_assert_eq(answer_layout(&a, &c, corpus_find(&c, 1), w), 0);
		size_t lines = a.doc.n;
		cr_assert_eq(answer_backlinks(&a, &c, ids, 12), 0);
		check_doc_invariants(&a.doc);
		if (w == 40) {
			cr_assert_str_eq(a.doc.lines[lines + 1].text,
					 "Linked from: Q100, Q101, Q102, Q103,");
			cr_assert_str_eq(a.doc.lines[lines + 2].text,
					 "             Q104, Q105, Q106, Q107,");
		}
		answer_free(&a);
	}
}

Test(answer, missing_followup_anchor_is_styled_missing, .init = setup, .fini = teardown)
{
	struct answer a;
	answer_layout(&a, &c, corpus_find(&c, 1), 80);
	int32_t link = a.followups[3];
	bool found = false;
	for (size_t i = 0; i < a.doc.nanchors; i++) {
		const struct layout_anchor *an = &a.doc.anchors[i];
		if (an->link != link)
			continue;
		const struct layout_span *s = &a.doc.lines[an->line].spans[an->span];
		cr_assert(s->style & ST_MISSING);
		found = true;
	}
	cr_assert(found);
	answer_free(&a);
}
