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
