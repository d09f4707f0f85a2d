/* The form view: adding or editing one register row, one field per line.
 * Enter changes a field: text is typed (and checked by the core's
 * reg_parse_value when Enter accepts it), fixed values are picked from a
 * list. s or Ctrl-S saves in one transaction through the store, which
 * checks the whole row again; Esc discards. Nothing is written until the
 * save is confirmed, and a refused save keeps everything typed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ismsnav/regfmt.h"
#include "ismsnav/text.h"
#include "ismsnav/util.h"
#include "tui/app.h"
#include "tui/draw.h"

#define LABEL_COLS 26

void form_state_free(struct app *a)
{
	struct form_state *f = &a->form;

	for (size_t i = 0; i < FORM_FIELDS_MAX; i++)
		free(f->value[i]);
	*f = (struct form_state){0};
}

static const struct reg_def *def(const struct app *a)
{
	return reg_def((enum reg_kind)a->form.reg);
}

static bool editable(const struct reg_field *fl, bool adding)
{
	if (fl->flags & (RF_DERIVED | RF_FIXED | RF_AUTO))
		return false;
	return fl->type != FT_ID || adding;
}

struct action form_start(struct app *a, int reg, const char *id)
{
	const struct reg_def *d = reg_def((enum reg_kind)reg);
	struct form_state *f = &a->form;
	char **cells = NULL, err[REG_ERR_MAX];

	if (!app_store(a))
		return act(ACT_HANDLED);
	if (store_readonly(a->reg.store)) {
		app_message(a, true, "Read-only: %s", store_notice(a->reg.store));
		return act(ACT_HANDLED);
	}
	if (!id && d->fixed_rows) {
		app_message(a, true, "The SoA keeps one row per Annex A control: edit a row (e)");
		return act(ACT_HANDLED);
	}
	if (id && (store_get(a->reg.store, (enum reg_kind)reg, id, &cells, err, sizeof err) < 0 ||
		   !cells)) {
		app_message(a, true, "%s", cells ? err : "The row is gone");
		return act(ACT_HANDLED);
	}
	form_state_free(a);
	f->reg = reg;
	f->adding = !id;
	snprintf(f->id, sizeof f->id, "%s", id ? id : "");
	for (size_t i = 0; i < d->nfields && i < FORM_FIELDS_MAX; i++) {
		const char *v = cells ? cells[i] : "";

		if (!cells && !strcmp(d->fields[i].name, "status"))
			v = d->kind == REG_RISK ? "open" : "draft";
		if (!cells && !strcmp(d->fields[i].name, "version"))
			v = "0.1";
		if (!(f->value[i] = isn_strdup(v)))
			goto nomem;
		if (!cells && v[0])
			f->changed[i] = true; /* defaults are part of what is added */
		if (editable(&d->fields[i], f->adding))
			f->field[f->nfield++] = (int)i;
	}
	reg_row_free(d, cells);
	return act_open(VIEW_FORM);
nomem:
	reg_row_free(d, cells);
	form_state_free(a);
	app_message(a, true, "Out of memory");
	return act(ACT_HANDLED);
}

static void keep_visible(struct app *a)
{
	struct form_state *f = &a->form;
	size_t h = (size_t)app_body_rows(a) > 2 ? (size_t)app_body_rows(a) - 2 : 1;

	if (f->sel < f->top)
		f->top = f->sel;
	else if (f->sel >= f->top + h)
		f->top = f->sel - h + 1;
}

static void form_draw(struct app *a, int rows, int cols)
{
	struct form_state *f = &a->form;
	const struct reg_def *d = def(a);
	char title[160];
	int lw = cols > 70 ? LABEL_COLS : 16;

	if (!f->nfield)
		return;
	keep_visible(a);
	if (f->adding)
		snprintf(title, sizeof title, "New row of the %s", d->title);
	else
		snprintf(title, sizeof title, "Editing %s of the %s", f->id, d->title);
	draw_text_cut(0, 1, title, cols - 2, display_style(&a->disp, ST_TITLE | ST_BOLD),
		      a->g.ellipsis);
	for (int y = 1; y < rows - 1; y++) {
		size_t k = f->top + (size_t)(y - 1);
		if (k >= f->nfield)
			break;
		int i = f->field[k];
		const struct reg_field *fl = &d->fields[i];
		bool sel = k == f->sel;
		attr_t base = display_role(&a->disp, sel ? ROLE_SELECT : ROLE_TEXT);
		char label[64];

		snprintf(label, sizeof label, "%s%s%s", fl->label, fl->flags & RF_REQ ? " *" : "",
			 f->changed[i] && !f->adding ? " +" : "");
		draw_fill(y, 0, cols, base);
		draw_text_cut(y, 1, label, lw - 1, draw_overlay(base, display_style(&a->disp, ST_BOLD)),
			      a->g.ellipsis);
		if (sel && f->typing) {
			draw_text(y, lw + 1, f->edit.text, f->edit.len, cols - lw - 2, base);
			a->cursor_y = y;
			a->cursor_x = lw + 1 + text_width(f->edit.text, f->edit.len);
			if (a->cursor_x >= cols)
				a->cursor_x = cols - 1;
			continue;
		}
		char *shown = regfmt_cell(fl, f->value[i]);
		if (shown && !shown[0] && fl->type == FT_ID && f->adding) {
			free(shown);
			shown = isn_strdup("(next free ID)");
		}
		if (shown)
			draw_text_cut(y, lw + 1, shown, cols - lw - 2, base, a->g.ellipsis);
		free(shown);
	}
	draw_text_cut(rows - 1, 1, "* required   + changed   Enter changes a field   "
				   "s saves   Esc discards",
		      cols - 2, display_role(&a->disp, ROLE_DIM), a->g.ellipsis);
}

static bool pick_list(const struct reg_field *fl)
{
	return fl->type == FT_ENUM || fl->type == FT_BOOL || fl->type == FT_RATING;
}

static struct action open_values(struct app *a, const struct reg_field *fl, const char *cur)
{
	struct menu_state *m = &a->menu;
	static const char *const ratings[] = {"1", "2", "3", "4", "5", NULL};
	const char *const *v = fl->type == FT_RATING ? ratings : fl->values;

	*m = (struct menu_state){.kind = MENU_VALUES};
	snprintf(m->title, sizeof m->title, "%s", fl->label);
	for (int i = 0; v[i] && m->n < MENU_MAX; i++) {
		char *shown = regfmt_cell(fl, v[i]);
		snprintf(m->item[m->n], sizeof m->item[0], "%s", shown ? shown : v[i]);
		free(shown);
		if (!strcmp(v[i], cur))
			m->sel = m->n;
		m->value[m->n++] = i;
	}
	if (!(fl->flags & RF_REQ) && m->n < MENU_MAX) {
		snprintf(m->item[m->n], sizeof m->item[0], "(empty)");
		if (!cur[0])
			m->sel = m->n;
		m->value[m->n++] = -1;
	}
	return act_open(VIEW_MENU);
}

static int set_value(struct app *a, int i, const char *v)
{
	struct form_state *f = &a->form;
	char *copy = isn_strdup(v);

	if (!copy)
		return -1;
	if (strcmp(f->value[i], copy))
		f->changed[i] = true;
	free(f->value[i]);
	f->value[i] = copy;
	return 0;
}

/* The menu's choice for the field being edited. */
void form_value_chosen(struct app *a, int choice)
{
	struct form_state *f = &a->form;
	int i = f->field[f->sel];
	const struct reg_field *fl = &def(a)->fields[i];
	static const char *const ratings[] = {"1", "2", "3", "4", "5"};
	const char *v = choice < 0 ? "" : fl->type == FT_RATING ? ratings[choice] : fl->values[choice];

	if (set_value(a, i, v) < 0)
		app_message(a, true, "Out of memory");
}

static struct action start_edit(struct app *a)
{
	struct form_state *f = &a->form;
	int i = f->field[f->sel];
	const struct reg_field *fl = &def(a)->fields[i];

	if (pick_list(fl))
		return open_values(a, fl, f->value[i]);
	if (strlen(f->value[i]) >= PROMPT_MAX) {
		app_message(a, true, "%s is too long to edit here; use: ismsnav register %s set",
			    fl->label, def(a)->name);
		return act(ACT_HANDLED);
	}
	prompt_set(&f->edit, f->value[i]);
	f->typing = true;
	return act(ACT_HANDLED);
}

static struct action typing_key(struct app *a, const struct tui_key *k)
{
	struct form_state *f = &a->form;
	int i = f->field[f->sel];
	const struct reg_field *fl = &def(a)->fields[i];
	char err[REG_ERR_MAX], *v;

	switch (prompt_key(&f->edit, k)) {
	case PR_ACCEPT:
		if (reg_parse_value(def(a), fl, f->edit.text, &v, err, sizeof err) < 0) {
			app_message(a, true, "%s", err);
			return act(ACT_HANDLED);
		}
		f->typing = false;
		if (set_value(a, i, v) < 0)
			app_message(a, true, "Out of memory");
		free(v);
		return act(ACT_HANDLED);
	case PR_CANCEL:
		if (k->fn || k->code != TK_ESC)
			return act(ACT_HANDLED); /* Backspace on an empty field: keep typing */
		f->typing = false;
		return act(ACT_HANDLED);
	default:
		if (f->edit.full)
			app_message(a, true, "full: 255 bytes at most");
		return act(ACT_HANDLED); /* every other key is text or ignored */
	}
}

static struct action save(struct app *a)
{
	struct form_state *f = &a->form;
	const struct reg_def *d = def(a);
	struct reg_assign as[FORM_FIELDS_MAX];
	char err[REG_ERR_MAX], id[32] = "";
	size_t n = 0;
	int rc;

	for (size_t k = 0; k < f->nfield; k++) {
		int i = f->field[k];
		if (f->changed[i] && (!f->adding || f->value[i][0]))
			as[n++] = (struct reg_assign){d->fields[i].name, f->value[i]};
	}
	if (!f->adding && n == 0) {
		form_state_free(a);
		app_message(a, false, "Nothing changed");
		return act(ACT_CLOSE);
	}
	if (f->adding)
		rc = store_add(a->reg.store, (enum reg_kind)f->reg, as, n, id, sizeof id, err,
			       sizeof err);
	else
		rc = store_set(a->reg.store, (enum reg_kind)f->reg, f->id, as, n, err, sizeof err);
	if (rc < 0) {
		app_message(a, true, "Not saved: %s", err);
		return act(ACT_HANDLED);
	}
	if (!f->adding)
		snprintf(id, sizeof id, "%s", f->id);
	app_tables_changed(a);
	struct history_step *st = history_current(&a->hist);
	if (st && st->reg == f->reg)
		snprintf(st->row, sizeof st->row, "%s", id);
	a->reg.sel = (size_t)-1; /* select the saved row when the table is next drawn */
	app_message(a, false, "Saved %s", id);
	form_state_free(a);
	row_refresh(a);
	return act(ACT_CLOSE);
}

static struct action form_key(struct app *a, enum cmd cmd, const struct tui_key *k)
{
	struct form_state *f = &a->form;

	if (!f->nfield)
		return cmd == CMD_FORM_DISCARD ? act(ACT_CLOSE) : act(ACT_PASS);
	if (f->typing)
		return typing_key(a, k);
	if (cmd == CMD_FORM_NEXT)
		cmd = CMD_DOWN;
	if (cmd == CMD_FORM_PREV)
		cmd = CMD_UP;
	if (app_move(cmd, &f->sel, f->nfield, (size_t)app_body_rows(a) - 2))
		return act(ACT_HANDLED);
	switch (cmd) {
	case CMD_FORM_EDIT:
		return start_edit(a);
	case CMD_FORM_SAVE:
		return save(a);
	case CMD_FORM_DISCARD:
		form_state_free(a);
		app_message(a, false, "Discarded");
		return act(ACT_CLOSE);
	case CMD_CLOSE:
	case CMD_QUIT:
	case CMD_REGISTERS:
	case CMD_TRAIL:
		/* leaving must not throw typed work away silently */
		app_message(a, true, "Save with s or discard with Esc first");
		return act(ACT_HANDLED);
	default:
		return act(ACT_PASS);
	}
}

static void form_status(struct app *a, struct view_status *s)
{
	struct form_state *f = &a->form;

	if (f->nfield)
		snprintf(s->where, sizeof s->where, "field %zu of %zu", f->sel + 1, f->nfield);
}

const struct view_ops form_view = {
	.name = "Form",
	.scope = KS_FORM,
	.page = false,
	.enter = NULL,
	.draw = form_draw,
	.key = form_key,
	.resize = NULL,
	.status = form_status,
};
