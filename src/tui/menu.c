/* The menu view: a short pick list (the register switcher, an answer's
 * actions, a field's fixed values, the sort column). Enter or the item's
 * number chooses; what a choice means is decided here by the menu kind. */
#include <stdio.h>
#include <string.h>

#include "tui/app.h"
#include "tui/draw.h"

static void menu_draw(struct app *a, int rows, int cols)
{
	struct menu_state *m = &a->menu;
	size_t h = rows > 2 ? (size_t)rows - 2 : 1, top = m->sel >= h ? m->sel - h + 1 : 0;

	draw_text_cut(0, 1, m->title, cols - 2, display_style(&a->disp, ST_TITLE | ST_BOLD),
		      a->g.ellipsis);
	for (size_t i = top; i < m->n && (int)(i - top) + 2 < rows; i++) {
		int y = (int)(i - top) + 2;
		attr_t at = display_role(&a->disp, i == m->sel ? ROLE_SELECT : ROLE_TEXT);
		char line[160];

		if (i < 9)
			snprintf(line, sizeof line, " %zu  %s", i + 1, m->item[i]);
		else
			snprintf(line, sizeof line, "    %s", m->item[i]);
		draw_fill(y, 0, cols, at);
		draw_text_cut(y, 1, line, cols - 2, at, a->g.ellipsis);
	}
}

static struct action run_register(struct app *a, int v)
{
	if (v == REG_COUNT) {
		struct action r = app_open_register(a, REG_RISK, NULL, NULL);
		if (r.kind != ACT_OPEN)
			return r;
		app_open(a, VIEW_REGISTER);
		return act_open(VIEW_HEAT);
	}
	return app_open_register(a, v, NULL, NULL);
}

static struct action run_action(struct app *a, int v)
{
	const struct history_step *st = history_current(&a->hist);
	const struct entry *e = st && st->reg < 0 ? app_entry(a, st->id) : NULL; /* in full */
	const struct entry_action *ac;
	const struct reg_def *d;

	if (!e || v < 0 || (size_t)v >= e->nactions)
		return act(ACT_HANDLED);
	ac = &e->actions[v];
	if (ac->type && !strcmp(ac->type, "open_register")) {
		if (!(d = reg_find(ac->target ? ac->target : ""))) {
			app_message(a, true, "There is no register '%s' (there are: risk, "
					     "isms_artifacts, soa, assets)",
				    ac->target ? ac->target : "");
			return act(ACT_HANDLED);
		}
		return app_open_register(a, (int)d->kind, NULL, NULL);
	}
	if (ac->type && !strcmp(ac->type, "start_workflow")) {
		app_message(a, true, "The workflow '%s' is not available yet",
			    ac->label ? ac->label : ac->target ? ac->target : "");
		return act(ACT_HANDLED);
	}
	app_message(a, true, "Unknown action type '%s'", ac->type ? ac->type : "");
	return act(ACT_HANDLED);
}

/* Closes the menu, then does what the item means. */
static struct action choose(struct app *a, size_t i)
{
	struct menu_state *m = &a->menu;
	int v = m->value[i];

	app_close(a);
	switch (m->kind) {
	case MENU_REGISTERS:
		return run_register(a, v);
	case MENU_ACTIONS:
		return run_action(a, v);
	case MENU_VALUES:
		form_value_chosen(a, v);
		return act(ACT_HANDLED);
	case MENU_SORT:
		register_sort_chosen(a, v);
		return act(ACT_HANDLED);
	}
	return act(ACT_HANDLED);
}

static struct action menu_key(struct app *a, enum cmd cmd, const struct tui_key *k)
{
	struct menu_state *m = &a->menu;

	if (app_move(cmd, &m->sel, m->n, (size_t)app_body_rows(a)))
		return act(ACT_HANDLED);
	if (!k->fn && k->code >= '1' && k->code <= '9' && (size_t)(k->code - '1') < m->n)
		return choose(a, (size_t)(k->code - '1'));
	switch (cmd) {
	case CMD_PICK:
		return m->n ? choose(a, m->sel) : act(ACT_CLOSE);
	case CMD_LEAVE:
		return act(ACT_CLOSE);
	case CMD_REGISTERS:
		return m->kind == MENU_REGISTERS ? act(ACT_CLOSE) : act(ACT_PASS);
	default:
		return act(ACT_PASS);
	}
}

static void menu_status(struct app *a, struct view_status *s)
{
	snprintf(s->where, sizeof s->where, "%zu of %zu", a->menu.sel + 1, a->menu.n);
}

const struct view_ops menu_view = {
	.name = "Menu",
	.scope = KS_MENU,
	.page = false,
	.enter = NULL,
	.draw = menu_draw,
	.key = menu_key,
	.resize = NULL,
	.status = menu_status,
};
