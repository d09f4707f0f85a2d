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
