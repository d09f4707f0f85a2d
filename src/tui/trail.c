/* The trail view: every step of the history, the current one marked;
 * Enter jumps to a step (history_jump) and shows it in the answer view
 * at the position it was left. */
#include <stdio.h>
#include <string.h>

#include "tui/app.h"
#include "tui/draw.h"

static void keep_visible(struct app *a)
{
	struct trail_state *t = &a->trail;
	size_t h = (size_t)app_body_rows(a), n = a->hist.n;
	if (t->sel >= n)
		t->sel = n ? n - 1 : 0;
	if (t->sel < t->top)
		t->top = t->sel;
	else if (t->sel >= t->top + h)
		t->top = t->sel - h + 1;
	if (n <= h)
		t->top = 0;
}

static void trail_enter(struct app *a)
{
	a->trail.sel = a->hist.cur;
	a->trail.top = 0;
	keep_visible(a);
}

static void draw_step(struct app *a, int y, size_t i, int cols)
{
	const struct history_step *st = &a->hist.steps[i];
	const struct entry *e = st->reg == HISTORY_ANSWER ? corpus_find(a->corpus, st->id) : NULL;
	bool sel = i == a->trail.sel, cur = i == a->hist.cur;
	attr_t base = display_role(&a->disp, sel ? ROLE_SELECT : ROLE_TEXT);
	attr_t strong = draw_overlay(base, display_style(&a->disp, ST_BOLD));
	char head[128], id[96];
	app_step_name(a, st, id, sizeof id);
	if (st->reg >= 0)
		snprintf(id, sizeof id, "%s", "Register");
	snprintf(head, sizeof head, "%4zu  %s  ", i + 1, id);
	draw_fill(y, 0, cols, base);
	if (cur)
		draw_text(y, 1, a->g.mark, strlen(a->g.mark), 1, strong);
	int x = 2 + draw_text(y, 2, head, strlen(head), cols - 3, cur ? strong : base);
	char name[96];
	app_step_name(a, st, name, sizeof name);
	if (st->reg >= 0 && !st->title)
		snprintf(name, sizeof name, "%s", reg_def((enum reg_kind)st->reg)->title);
	else if (st->reg == HISTORY_CLAUSES)
		snprintf(name, sizeof name, "%s", "Standards, their clauses and controls");
	draw_text_cut(y, x, st->reg != HISTORY_ANSWER ? name : e ? e->query : "(not in this corpus)", cols - x - 1,
		      cur ? strong : base, a->g.ellipsis);
}

static void trail_draw(struct app *a, int rows, int cols)
{
	keep_visible(a);
	draw_text_cut(0, 1, "Trail: the answers and registers visited, in order. Enter jumps to one.",
		      cols - 2, display_style(&a->disp, ST_LABEL), a->g.ellipsis);
	for (int y = 1; y < rows; y++) {
		size_t i = a->trail.top + (size_t)(y - 1);
		if (i >= a->hist.n)
			break;
		draw_step(a, y, i, cols);
	}
}

static struct action trail_key(struct app *a, enum cmd cmd, const struct tui_key *k)
{
	(void)k;
	struct trail_state *t = &a->trail;
	if (app_move(cmd, &t->sel, a->hist.n, (size_t)app_body_rows(a)))
		return act(ACT_HANDLED);
	switch (cmd) {
	case CMD_JUMP:
		if (!history_jump(&a->hist, t->sel))
			return act(ACT_HANDLED);
		return app_show_step(a);
	case CMD_LEAVE:
		return act(ACT_CLOSE);
	default:
		return act(ACT_PASS);
	}
}

static void trail_resize(struct app *a)
{
	keep_visible(a);
}

static void trail_status(struct app *a, struct view_status *s)
{
	snprintf(s->where, sizeof s->where, "step %zu of %zu", a->trail.sel + 1, a->hist.n);
}

const struct view_ops trail_view = {
	.name = "Trail",
	.scope = KS_TRAIL,
	.page = false,
	.enter = trail_enter,
	.draw = trail_draw,
	.key = trail_key,
	.resize = trail_resize,
	.status = trail_status,
};
