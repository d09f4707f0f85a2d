/* The application state: the stack of open views, the status message,
 * visiting entries through the history, and the movement arithmetic the
 * views share. */
#include "tui/app.h"

#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct view_ops *const view_table[VIEW_COUNT] = {
	[VIEW_LIST] = &list_view,
	[VIEW_ANSWER] = &answer_view,
	[VIEW_TRAIL] = &trail_view,
	[VIEW_HELP] = &help_view,
	[VIEW_REGISTER] = &register_view,
	[VIEW_ROW] = &row_view,
	[VIEW_FORM] = &form_view,
	[VIEW_HEAT] = &heat_view,
	[VIEW_MENU] = &menu_view,
	[VIEW_CLAUSES] = &clauses_view,
};

static struct glyphs pick_glyphs(void)
{
	if (!strcmp(nl_langinfo(CODESET), "UTF-8"))
		return (struct glyphs){" \xE2\x80\xBA ", "\xE2\x80\xA6", " \xC2\xB7 ",
				       "\xE2\x96\xB8"}; /* › … · ▸ */
	return (struct glyphs){" > ", "...", " - ", ">"};
}

void app_init(struct app *a, struct corpus *c, struct diag_list *diags)
{
	*a = (struct app){0};
	a->corpus = c;
	a->diags = diags;
	a->g = pick_glyphs();
	history_init(&a->hist);
	a->answer.match_line = -1;
	a->cursor_y = a->cursor_x = -1;
	a->stack[0] = VIEW_LIST;
	a->depth = 1;
	a->reg.reg = -1;
	for (int r = 0; r < REG_COUNT; r++)
		a->reg.sort[r] = 0;
}

void app_free(struct app *a)
{
	list_free(a);
	answer_free(&a->answer.ans);
	layout_doc_free(&a->help.doc);
	history_free(&a->hist);
	for (int r = 0; r < REG_COUNT; r++)
		reg_table_free(&a->reg.tab[r]);
	free(a->reg.idx);
	row_state_free(a);
	form_state_free(a);
	clauses_state_free(a);
	store_close(a->reg.store);
}

const struct view_ops *app_ops(enum view_id v)
{
	return view_table[v];
}

enum view_id app_top(const struct app *a)
{
	return a->stack[a->depth - 1];
}

/* A view already open is brought back by closing what lies above it; a
 * page (the answer) replaces whatever popups were open above the list. */
void app_open(struct app *a, enum view_id v)
{
	for (size_t i = 0; i < a->depth; i++) {
		if (a->stack[i] == v) {
			a->depth = i + 1;
			return;
		}
	}
	if (view_table[v]->page)
		a->depth = 1;
	a->stack[a->depth++] = v;
	if (view_table[v]->enter)
		view_table[v]->enter(a);
}

bool app_close(struct app *a)
{
	if (a->depth <= 1)
		return false;
	a->depth--;
	return true;
}

void app_message(struct app *a, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	va_end(ap);
	a->msg_error = error;
}

bool app_visit(struct app *a, unsigned id)
{
	if (history_visit(&a->hist, id) < 0) {
		app_message(a, true, "Out of memory");
		return false;
	}
	return true;
}

struct action app_show_step(struct app *a)
{
	const struct history_step *st = history_current(&a->hist);

	if (!st)
		return act(ACT_HANDLED);
	if (st->reg == HISTORY_CLAUSES)
		return act_open(VIEW_CLAUSES);
	return act_open(st->reg < 0 ? VIEW_ANSWER : VIEW_REGISTER);
}

struct action app_open_register(struct app *a, int reg, const char *only, const char *title)
{
	a->reg.store_failed = false; /* asked again: try again (a lock may be gone) */
	if (!app_table(a, reg))
		return act(ACT_HANDLED);
	if (history_visit_register(&a->hist, reg, only, title) < 0) {
		app_message(a, true, "Out of memory");
		return act(ACT_HANDLED);
	}
	return app_show_step(a);
}

struct store *app_store(struct app *a)
{
	struct register_state *r = &a->reg;

	if (!r->store && !r->store_failed) {
		char *path = a->demo || a->db_path ? NULL : store_default_path();
		const char *p = a->db_path ? a->db_path : path;

		if (store_open(&r->store, p, a->demo ? STORE_DEMO : 0, r->store_err,
			       sizeof r->store_err) < 0)
			r->store_failed = true;
		else if (store_notice(r->store))
			app_message(a, false, "Registers: %s", store_notice(r->store));
		free(path);
	}
	if (r->store_failed)
		app_message(a, true, "%s", r->store_err);
	return r->store;
}

struct reg_table *app_table(struct app *a, int reg)
{
	struct register_state *r = &a->reg;
	char err[REG_ERR_MAX];

	if (reg < 0 || reg >= REG_COUNT || !app_store(a))
		return NULL;
	if (!r->loaded[reg]) {
		reg_table_free(&r->tab[reg]);
		if (store_load(r->store, (enum reg_kind)reg, &r->tab[reg], err, sizeof err) < 0) {
			app_message(a, true, "%s", err);
			return NULL;
		}
		r->loaded[reg] = true;
		r->loads[reg]++;
	}
	return &r->tab[reg];
}

void app_tables_changed(struct app *a)
{
	/* links make one register's change show in another */
	for (int r = 0; r < REG_COUNT; r++)
		a->reg.loaded[r] = false;
	a->reg.stale = true;
	a->reg.fit_valid = false;
	a->list.stale = true; /* rows found by a search are looked up again */
}

/* Opening a page closes the views above the list: a form among them
 * would lose what was typed, so it must be saved or discarded first. */
static bool form_open(struct app *a)
{
	for (size_t i = 0; i < a->depth; i++)
		if (a->stack[i] == VIEW_FORM) {
			app_message(a, true, "Save the form (s) or discard it (Esc) first");
			return true;
		}
	return false;
}

struct action app_switcher(struct app *a)
{
	struct menu_state *m = &a->menu;

	if (form_open(a))
		return act(ACT_HANDLED);
	*m = (struct menu_state){.kind = MENU_REGISTERS};
	snprintf(m->title, sizeof m->title, "Registers");
	for (int r = 0; r < REG_COUNT; r++) {
		snprintf(m->item[m->n], sizeof m->item[0], "%s", reg_def((enum reg_kind)r)->title);
		m->value[m->n++] = r;
	}
	snprintf(m->item[m->n], sizeof m->item[0], "Risk heat map");
	m->value[m->n++] = REG_COUNT;
	if (a->reg.reg >= 0 && app_top(a) != VIEW_LIST)
		m->sel = (size_t)a->reg.reg;
	return act_open(VIEW_MENU);
}

struct action app_open_clauses(struct app *a, const char *ref)
{
	if (form_open(a))
		return act(ACT_HANDLED);
	if (history_visit_clauses(&a->hist) < 0) {
		app_message(a, true, "Out of memory");
		return act(ACT_HANDLED);
	}
	clauses_focus(a, ref);
	return app_show_step(a);
}

void app_step_name(const struct app *a, const struct history_step *st, char *out, size_t n)
{
	static const char *const short_names[REG_COUNT] = {"Risks", "Documents", "SoA",
							   "Assets"};
	(void)a;
	if (st->reg == HISTORY_CLAUSES) {
		snprintf(out, n, "Clause index");
	} else if (st->reg < 0) {
		char id[16];
		entry_id_format(st->id, id);
		snprintf(out, n, "%s", id);
	} else if (st->title) {
		snprintf(out, n, "%s", st->title);
	} else {
		snprintf(out, n, "%s", short_names[st->reg]);
	}
}

int app_body_rows(const struct app *a)
{
	int h = a->rows - 2; /* a title line above, the status line below */
	return h > 1 ? h : 1;
}

bool app_move(enum cmd cmd, size_t *pos, size_t n, size_t page)
{
	size_t last = n ? n - 1 : 0;
	if (page < 1)
		page = 1;
	if (*pos > last)
		*pos = last;
	switch (cmd) {
	case CMD_DOWN:
		*pos = *pos < last ? *pos + 1 : last;
		return true;
	case CMD_UP:
		*pos = *pos > 0 ? *pos - 1 : 0;
		return true;
	case CMD_PAGE_DOWN:
		*pos = last - *pos > page ? *pos + page : last;
		return true;
	case CMD_PAGE_UP:
		*pos = *pos > page ? *pos - page : 0;
		return true;
	case CMD_FIRST:
		*pos = 0;
		return true;
	case CMD_LAST:
		*pos = last;
		return true;
	default:
		return false;
	}
}
