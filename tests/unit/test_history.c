/* Browser-like navigation history. */
#include <criterion/criterion.h>

#include "ismsnav/history.h"

Test(history, back_and_forward_walk_the_chain)
{
	struct history h;
	history_init(&h);
	cr_assert_null(history_current(&h));
	cr_assert_not(history_back(&h));
	history_visit(&h, 1);
	history_visit(&h, 10);
	history_visit(&h, 25);
	cr_assert_eq(history_current(&h)->id, 25);
	cr_assert(history_back(&h));
	cr_assert_eq(history_current(&h)->id, 10);
	cr_assert(history_back(&h));
	cr_assert_eq(history_current(&h)->id, 1);
	cr_assert_not(history_back(&h));
	cr_assert(history_forward(&h));
	cr_assert(history_forward(&h));
	cr_assert_eq(history_current(&h)->id, 25);
	cr_assert_not(history_forward(&h));
	history_free(&h);
}

Test(history, visiting_after_back_drops_the_forward_part)
{
	struct history h;
	history_init(&h);
	history_visit(&h, 1);
	history_visit(&h, 2);
	history_visit(&h, 3);
	history_back(&h);
	history_back(&h);
	history_visit(&h, 7);
	cr_assert_eq(h.n, 2);
	cr_assert_eq(history_current(&h)->id, 7);
	cr_assert_not(history_can_forward(&h));
	history_free(&h);
}

Test(history, revisiting_the_current_entry_adds_nothing)
{
	struct history h;
	history_init(&h);
	history_visit(&h, 4);
	history_visit(&h, 4);
	cr_assert_eq(h.n, 1);
	history_free(&h);
}

Test(history, remembers_the_reading_position_per_step)
{
	struct history h;
	history_init(&h);
	history_visit(&h, 1);
	history_current(&h)->top = 42;
	history_current(&h)->anchor = 3;
	history_visit(&h, 2);
	cr_assert_eq(history_current(&h)->top, 0);
	cr_assert_eq(history_current(&h)->anchor, -1);
	history_back(&h);
	cr_assert_eq(history_current(&h)->top, 42);
	cr_assert_eq(history_current(&h)->anchor, 3);
	history_free(&h);
}

Test(history, jump_moves_to_any_step)
{
	struct history h;
	history_init(&h);
	for (unsigned i = 1; i <= 4; i++)
		history_visit(&h, i);
	cr_assert(history_jump(&h, 1));
	cr_assert_eq(history_current(&h)->id, 2);
	cr_assert(history_can_forward(&h));
	cr_assert_not(history_jump(&h, 4));
	history_free(&h);
}

Test(history, stays_bounded_on_a_long_walk)
{
	struct history h;
	history_init(&h);
	for (unsigned i = 0; i < 3 * HISTORY_MAX; i++)
		history_visit(&h, i);
	cr_assert_eq(h.n, HISTORY_MAX);
	cr_assert_eq(history_current(&h)->id, 3 * HISTORY_MAX - 1);
	cr_assert_eq(h.steps[0].id, 2 * HISTORY_MAX);
	history_free(&h);
}

Test(history, register_screens_are_steps_between_answers)
{
	struct history h;
	history_init(&h);
	history_visit(&h, 1);
	cr_assert_eq(history_visit_register(&h, 0, NULL, NULL), 0);
	cr_assert_eq(history_visit_register(&h, 2, "5.15, 8.5", "Annex A controls of R-001"), 0);
	history_visit(&h, 215);
	cr_assert_eq(h.n, 4);
	cr_assert_eq(history_current(&h)->reg, -1);
	cr_assert(history_back(&h));
	cr_assert_eq(history_current(&h)->reg, 2);
	cr_assert_str_eq(history_current(&h)->only, "5.15, 8.5");
	cr_assert_str_eq(history_current(&h)->title, "Annex A controls of R-001");
	cr_assert(history_back(&h));
	cr_assert_eq(history_current(&h)->reg, 0);
	cr_assert_null(history_current(&h)->only);
	history_free(&h);
}

Test(history, revisiting_the_same_register_screen_adds_nothing)
{
	struct history h;
	history_init(&h);
	history_visit_register(&h, 0, NULL, NULL);
	history_visit_register(&h, 0, NULL, "ignored title");
	cr_assert_eq(h.n, 1);
	history_visit_register(&h, 0, "R-001", NULL);
	cr_assert_eq(h.n, 2);
	history_visit_register(&h, 0, "R-001", NULL);
	cr_assert_eq(h.n, 2);
	/* an answer whose ID equals a register number is another step */
	history_visit(&h, 0);
	cr_assert_eq(h.n, 3);
	history_free(&h);
}

Test(history, dropped_register_steps_free_their_strings)
{
	struct history h;
	history_init(&h);
	for (int i = 0; i < HISTORY_MAX + 50; i++)
		history_visit_register(&h, i % 4, i % 2 ? "R-001, R-002" : NULL,
				       i % 3 ? "narrowed" : NULL);
	cr_assert_eq(h.n, HISTORY_MAX);
	history_back(&h);
	history_back(&h);
	history_visit(&h, 7); /* drops the two forward steps */
	cr_assert_eq(h.n, HISTORY_MAX - 1);
	history_free(&h); /* ASan and valgrind see any leak */
}

Test(history, every_visit_has_its_own_serial)
{
	struct history h;
	history_init(&h);
	history_visit_register(&h, 0, NULL, NULL);
	unsigned long first = history_current(&h)->serial;
	history_visit(&h, 5);
	history_back(&h);
	cr_assert_eq(history_current(&h)->serial, first);
	/* the same screen visited anew, after the old step was dropped */
	history_visit(&h, 6);
	history_back(&h);
	history_back(&h);
	history_visit_register(&h, 1, NULL, NULL);
	cr_assert_neq(history_current(&h)->serial, first);
	history_free(&h);
}

Test(history, the_clause_index_is_a_step_between_answers)
{
	struct history h;
	history_init(&h);
	history_visit(&h, 1);
	cr_assert_eq(history_visit_clauses(&h), 0);
	cr_assert_eq(history_visit_clauses(&h), 0);
	cr_assert_eq(h.n, 2, "visiting the clause index again adds nothing");
	cr_assert_eq(history_current(&h)->reg, HISTORY_CLAUSES);
	history_visit(&h, 5);
	cr_assert_eq(history_current(&h)->reg, HISTORY_ANSWER);
	cr_assert(history_back(&h));
	cr_assert_eq(history_current(&h)->reg, HISTORY_CLAUSES);
	cr_assert(history_back(&h));
	cr_assert_eq(history_current(&h)->id, 1);
	cr_assert_eq(history_current(&h)->reg, HISTORY_ANSWER);
	history_free(&h);
}
