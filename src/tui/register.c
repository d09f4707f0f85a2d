/* The register view: one register as a table fitted to the width (the
 * core's regfmt_fit decides the columns), sorted by any column, narrowed
 * by a typed filter, by the link that led here or by a heat map cell.
 * Enter shows a row, a/e/d add, edit and delete. The heat map view of the
 * risk register lives here too, since it narrows this table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ismsnav/regfmt.h"
#include "ismsnav/text.h"
#include "tui/app.h"
#include "tui/draw.h"

#define COLS_MAX 32

static struct reg_table *table(struct app *a)
{
	return a->reg.reg >= 0 ? app_table(a, a->reg.reg) : NULL;
}

/* Is ID `id` one of the ", "-separated IDs in `only`? */
static bool in_only(const char *only, const char *id)
{
	size_t n = strlen(id);

	for (const char *p = only; (p = strstr(p, id)); p += n)
		if ((p == only || p[-1] == ' ' || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
			return true;
	return false;
}

/* Recomputes the rows shown: the step's narrowing, the heat map cell and
 * the filter, in the chosen order. The selection stays on the same row. */
static void refilter(struct app *a)
{
	struct register_state *r = &a->reg;
	struct reg_table *t = table(a);
	char keep[32] = "";
	size_t n = 0;

	if (r->sel < r->n && t && r->idx[r->sel] < t->n)
		snprintf(keep, sizeof keep, "%s", t->rows[r->idx[r->sel]].cell[0]);
	else if (history_current(&a->hist))
		snprintf(keep, sizeof keep, "%s", history_current(&a->hist)->row);
	free(r->idx);
	r->idx = NULL;
	r->n = 0;
	r->stale = false;
	if (!t)
		return;
	if (!(r->idx = malloc((t->n ? t->n : 1) * sizeof(*r->idx)))) {
		app_message(a, true, "Out of memory");
		return;
	}
	for (size_t i = 0; i < t->n; i++) {
		if (r->only && !in_only(r->only, t->rows[i].cell[0]))
			continue;
		if (r->heat_l && !reg_heat_match(t, i, r->heat_residual, r->heat_l, r->heat_i))
			continue;
		r->idx[n++] = i;
	}
	n = reg_filter(t, r->idx, n, r->filter.text);
	snprintf(r->last_filter, sizeof r->last_filter, "%s", r->filter.text);
	reg_sort(t, r->idx, n, r->sort[r->reg], r->desc[r->reg]);
	r->n = n;
	r->sel = 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t->rows[r->idx[i]].cell[0], keep))
			r->sel = i;
}

/* A filter that only grew (typed at its end) keeps a subset of the rows
 * shown, since every word of the old filter is in the new one or is the
 * start of one: those rows are searched again instead of the register. */
static void narrow(struct app *a)
{
	struct register_state *r = &a->reg;
	struct reg_table *t = table(a);
	size_t len = strlen(r->last_filter);

	if (r->stale || !t || !r->idx || strncmp(r->filter.text, r->last_filter, len) != 0) {
		r->stale = true;
		return;
	}
	const char *id = r->sel < r->n ? t->rows[r->idx[r->sel]].cell[0] : NULL;
	char keep[32] = "";
	if (id)
		snprintf(keep, sizeof keep, "%s", id);
	r->n = reg_filter(t, r->idx, r->n, r->filter.text);
	snprintf(r->last_filter, sizeof r->last_filter, "%s", r->filter.text);
	r->sel = 0;
	for (size_t i = 0; i < r->n && keep[0]; i++)
		if (!strcmp(t->rows[r->idx[i]].cell[0], keep))
			r->sel = i;
}

static void ensure(struct app *a)
{
	const struct history_step *st = history_current(&a->hist);
	struct register_state *r = &a->reg;

	if (st && st->reg >= 0 && st->serial != r->step) {
		r->reg = st->reg;
		r->step = st->serial;
		r->only = st->only;
		r->heat_l = r->heat_i = 0;
		r->sel = r->top = 0;
		r->n = 0;
		r->stale = true;
	}
	if (r->stale || (!r->idx && table(a)))
		refilter(a);
}

static void remember_row(struct app *a)
{
	struct history_step *st = history_current(&a->hist);
	struct reg_table *t = table(a);

	if (st && st->reg >= 0 && t && a->reg.sel < a->reg.n)
		snprintf(st->row, sizeof st->row, "%s", t->rows[a->reg.idx[a->reg.sel]].cell[0]);
}

static void keep_visible(struct app *a)
{
	struct register_state *r = &a->reg;
	size_t h = (size_t)(app_body_rows(a) > 1 ? app_body_rows(a) - 1 : 1);

	if (r->sel < r->top)
		r->top = r->sel;
	else if (r->sel >= r->top + h)
		r->top = r->sel - h + 1;
	if (r->n <= h)
		r->top = 0;
	else if (r->top > r->n - h)
		r->top = r->n - h;
}

static void draw_cell(struct app *a, int y, int x, const struct reg_field *f, const char *v,
		      int w, attr_t attr)
{
	char *shown = regfmt_cell(f, v);

	if (shown) {
		draw_text_cut(y, x, shown, w, attr, a->g.ellipsis);
		free(shown);
	}
}

static attr_t level_attr(const struct app *a, const char *level, attr_t base)
{
	enum role role = !strcmp(level, "critical") ? ROLE_CRITICAL
			 : !strcmp(level, "high")   ? ROLE_HIGH
			 : !strcmp(level, "medium") ? ROLE_MEDIUM
			 : !strcmp(level, "low")    ? ROLE_LOW
						    : ROLE_TEXT;
	return draw_overlay(base, display_role(&a->disp, role));
}

/* Column widths from the widths of the cells: over the whole register when
 * it is small, else over an even sample of FIT_SAMPLE rows (a long cell
 * the sample misses is cut with an ellipsis like any other). */
#define FIT_SAMPLE 2000

static size_t fit(const struct reg_table *t, int width, struct reg_col *col)
{
	size_t n = t->n < FIT_SAMPLE ? t->n : FIT_SAMPLE, *idx, got;

	if (t->n <= FIT_SAMPLE || !(idx = malloc(n * sizeof(*idx))))
		return regfmt_fit(t, NULL, t->n, width, col, COLS_MAX);
	for (size_t i = 0; i < n; i++)
		idx[i] = i * t->n / n;
	got = regfmt_fit(t, idx, n, width, col, COLS_MAX);
	free(idx);
	return got;
}

static void title_line(struct app *a, const struct reg_table *t, int cols)
{
	struct register_state *r = &a->reg;
	const struct history_step *st = history_current(&a->hist);
	const struct reg_field *f = &t->def->fields[r->sort[r->reg]];
	char buf[512];
	int n;

	n = snprintf(buf, sizeof buf, "%s", st && st->title ? st->title : t->def->title);
	if (r->heat_l && n >= 0 && (size_t)n < sizeof buf)
		n += snprintf(buf + n, sizeof buf - (size_t)n, "%s%s likelihood %d, impact %d",
			      a->g.dot, r->heat_residual ? "residual" : "inherent", r->heat_l,
			      r->heat_i);
	if (n >= 0 && (size_t)n < sizeof buf)
		snprintf(buf + n, sizeof buf - (size_t)n, "%ssorted by %s%s", a->g.dot, f->label,
			 r->desc[r->reg] ? " (descending)" : "");
	draw_text_cut(0, 1, buf, cols - 2, display_style(&a->disp, ST_TITLE | ST_BOLD),
		      a->g.ellipsis);
}

static void register_draw(struct app *a, int rows, int cols)
{
	struct register_state *r = &a->reg;
	struct reg_col col[COLS_MAX];
	struct reg_table *t;
	size_t ncol;
	int x;

	ensure(a);
	if (!(t = table(a))) {
		draw_text_cut(1, 1, a->reg.store_err[0] ? a->reg.store_err : "The register cannot be read.",
			      cols - 2, display_role(&a->disp, ROLE_ERROR), a->g.ellipsis);
		return;
	}
	keep_visible(a);
	title_line(a, t, cols);
	if (!r->fit_valid || r->fit_reg != r->reg || r->fit_width != cols) {
		r->ncols = fit(t, cols - 2, col);
		for (size_t c = 0; c < r->ncols; c++) {
			r->col_field[c] = col[c].field;
			r->col_width[c] = col[c].width;
		}
		r->fit_valid = true;
		r->fit_reg = r->reg;
		r->fit_width = cols;
	}
	ncol = r->ncols;
	for (size_t c = 0; c < ncol; c++)
		col[c] = (struct reg_col){r->col_field[c], r->col_width[c]};
	attr_t head = display_role(&a->disp, ROLE_BAR);
	draw_fill(1, 0, cols, head);
	x = 1;
	for (size_t c = 0; c < ncol; c++) {
		const struct reg_field *f = &t->def->fields[col[c].field];
		attr_t at = col[c].field == r->sort[r->reg]
				    ? draw_overlay(head, display_style(&a->disp, ST_BOLD))
				    : head;
		draw_text_cut(1, x, f->head, col[c].width, at, a->g.ellipsis);
		x += col[c].width + 1;
	}
	for (int y = 2; y < rows; y++) {
		size_t i = r->top + (size_t)(y - 2);
		if (i >= r->n)
			break;
		char **cell = t->rows[r->idx[i]].cell;
		attr_t base = display_role(&a->disp, i == r->sel ? ROLE_SELECT : ROLE_TEXT);
		draw_fill(y, 0, cols, base);
		x = 1;
		for (size_t c = 0; c < ncol; c++) {
			const struct reg_field *f = &t->def->fields[col[c].field];
			attr_t at = f->type == FT_LEVEL && i != r->sel ? level_attr(a, cell[col[c].field], base)
				    : c == 0 ? draw_overlay(base, display_style(&a->disp, ST_BOLD))
					     : base;
			draw_cell(a, y, x, f, cell[col[c].field], col[c].width, at);
			x += col[c].width + 1;
		}
	}
	if (r->n == 0 && rows > 3)
		draw_text_cut(3, 1, t->n ? "No row matches (Esc clears the filter)."
					 : "The register is empty: a adds a row.",
			      cols - 2, display_role(&a->disp, ROLE_TEXT), a->g.ellipsis);
}

static void sort_by(struct app *a, int field, bool flip)
{
	struct register_state *r = &a->reg;

	if (flip)
		r->desc[r->reg] = !r->desc[r->reg];
	else if (field >= 0) {
		r->sort[r->reg] = field;
		/* scores and ratings read best from the highest down */
		enum reg_ftype ty = reg_def((enum reg_kind)r->reg)->fields[field].type;
		r->desc[r->reg] = ty == FT_SCORE || ty == FT_LEVEL || ty == FT_RATING;
	}
	r->stale = true;
}

/* The next or previous field that is a column of the table. */
static void sort_step(struct app *a, int dir)
{
	const struct reg_def *d = reg_def((enum reg_kind)a->reg.reg);
	int f = a->reg.sort[a->reg.reg], n = (int)d->nfields;

	for (int k = 0; k < n; k++) {
		f = (f + dir + n) % n;
		if (d->fields[f].flags & RF_TABLE)
			break;
	}
	sort_by(a, f, false);
	app_message(a, false, "Sorted by %s", d->fields[f].label);
}

static struct action sort_menu(struct app *a)
{
	const struct reg_def *d = reg_def((enum reg_kind)a->reg.reg);
	struct menu_state *m = &a->menu;

	*m = (struct menu_state){.kind = MENU_SORT};
	snprintf(m->title, sizeof m->title, "Sort %s by", d->title);
	for (size_t i = 0; i < d->nfields && m->n < MENU_MAX; i++) {
		if (d->fields[i].flags & RF_PSEUDO)
			continue;
		if ((int)i == a->reg.sort[a->reg.reg])
			m->sel = m->n;
		snprintf(m->item[m->n], sizeof m->item[0], "%s", d->fields[i].label);
		m->value[m->n++] = (int)i;
	}
	return act_open(VIEW_MENU);
}

void register_sort_chosen(struct app *a, int field)
{
	sort_by(a, field, false);
}

void register_heat_chosen(struct app *a, int l, int i, bool residual)
{
	a->reg.heat_l = l;
	a->reg.heat_i = i;
	a->reg.heat_residual = residual;
	a->reg.stale = true;
	a->reg.sel = 0;
}

static const char *selected_id(struct app *a)
{
	struct reg_table *t = table(a);

	return t && a->reg.sel < a->reg.n ? t->rows[a->reg.idx[a->reg.sel]].cell[0] : NULL;
}

static struct action walk(struct app *a, bool back)
{
	remember_row(a);
	if (!(back ? history_back(&a->hist) : history_forward(&a->hist))) {
		app_message(a, false, back ? "This is the first step of the trail"
					   : "This is the last step of the trail");
		return act(ACT_HANDLED);
	}
	return app_show_step(a);
}

static struct action typing_key(struct app *a, enum cmd cmd, const struct tui_key *k)
{
	struct register_state *r = &a->reg;

	switch (prompt_key(&r->filter, k)) {
	case PR_EDIT:
		narrow(a);
		return act(ACT_HANDLED);
	case PR_SAME:
		return act(ACT_HANDLED);
	case PR_ACCEPT:
		r->typing = false;
		return act(ACT_HANDLED);
	case PR_CANCEL:
		r->typing = false;
		prompt_clear(&r->filter);
		r->stale = true;
		return act(ACT_HANDLED);
	case PR_PASS:
		break;
	}
	if (app_move(cmd, &r->sel, r->n, (size_t)app_body_rows(a) - 1))
		return act(ACT_HANDLED);
	return act(ACT_PASS);
}

static struct action confirm_key(struct app *a, const struct tui_key *k)
{
	struct register_state *r = &a->reg;
	char err[REG_ERR_MAX];

	r->confirm_delete = false;
	if (k->fn || (k->code != 'y' && k->code != 'Y')) {
		app_message(a, false, "Nothing was deleted");
		return act(ACT_HANDLED);
	}
	if (store_delete(r->store, (enum reg_kind)r->delete_reg, r->delete_id, err, sizeof err) < 0) {
		app_message(a, true, "%s", err);
		return act(ACT_HANDLED);
	}
	app_tables_changed(a);
	app_message(a, false, "Deleted %s", r->delete_id);
	if (app_top(a) == VIEW_ROW)
		return act(ACT_CLOSE);
	return act(ACT_HANDLED);
}

struct action register_ask_delete(struct app *a, int reg, const char *id)
{
	const struct reg_def *d = reg_def((enum reg_kind)reg);
	struct register_state *r = &a->reg;

	if (!id || !app_store(a))
		return act(ACT_HANDLED);
	if (d->fixed_rows) {
		app_message(a, true, "SoA rows cannot be deleted: set Applicable to no, with a "
				     "justification");
		return act(ACT_HANDLED);
	}
	if (store_readonly(r->store)) {
		app_message(a, true, "Read-only: %s", store_notice(r->store));
		return act(ACT_HANDLED);
	}
	r->confirm_delete = true;
	r->delete_reg = reg;
	snprintf(r->delete_id, sizeof r->delete_id, "%s", id);
	app_message(a, true, "Delete %s? y deletes it, any other key keeps it", id);
	return act(ACT_HANDLED);
}

bool register_confirming(const struct app *a)
{
	return a->reg.confirm_delete;
}

struct action register_confirm_key(struct app *a, const struct tui_key *k)
{
	return confirm_key(a, k);
}

static struct action register_key(struct app *a, enum cmd cmd, const struct tui_key *k)
{
	struct register_state *r = &a->reg;

	ensure(a);
	if (r->confirm_delete)
		return confirm_key(a, k);
	if (!table(a))
		return cmd == CMD_BACK || cmd == CMD_FORWARD ? walk(a, cmd == CMD_BACK) : act(ACT_PASS);
	if (r->typing)
		return typing_key(a, cmd, k);
	if (app_move(cmd, &r->sel, r->n, (size_t)app_body_rows(a) - 1))
		return act(ACT_HANDLED);
	switch (cmd) {
	case CMD_ROWS_FILTER:
		r->typing = true;
		return act(ACT_HANDLED);
	case CMD_ROWS_CLEAR:
		prompt_clear(&r->filter);
		r->heat_l = r->heat_i = 0;
		r->stale = true;
		return act(ACT_HANDLED);
	case CMD_DETAIL:
		if (!selected_id(a))
			return act(ACT_HANDLED);
		remember_row(a);
		return act_open(VIEW_ROW);
	case CMD_SORT_NEXT:
	case CMD_SORT_PREV:
		sort_step(a, cmd == CMD_SORT_NEXT ? 1 : -1);
		return act(ACT_HANDLED);
	case CMD_SORT_FLIP:
		sort_by(a, -1, true);
		return act(ACT_HANDLED);
	case CMD_SORT_PICK:
		return sort_menu(a);
	case CMD_HEATMAP:
		if (r->reg != REG_RISK)
			return app_open_register(a, REG_RISK, NULL, NULL).kind == ACT_OPEN
				       ? act_open(VIEW_HEAT) : act(ACT_HANDLED);
		return act_open(VIEW_HEAT);
	case CMD_ADD:
		return form_start(a, r->reg, NULL);
	case CMD_EDIT:
		return selected_id(a) ? form_start(a, r->reg, selected_id(a)) : act(ACT_HANDLED);
	case CMD_DELETE:
		return register_ask_delete(a, r->reg, selected_id(a));
	case CMD_BACK:
	case CMD_FORWARD:
		return walk(a, cmd == CMD_BACK);
	case CMD_TRAIL:
		remember_row(a);
		return act_open(VIEW_TRAIL);
	default:
		return act(ACT_PASS);
	}
}

static void register_resize(struct app *a)
{
	ensure(a);
	keep_visible(a);
}

static void register_status(struct app *a, struct view_status *s)
{
	struct register_state *r = &a->reg;
	struct reg_table *t = a->reg.reg >= 0 && r->loaded[r->reg] ? &r->tab[r->reg] : NULL;
	int n = 0;

	if (t)
		n = snprintf(s->where, sizeof s->where, "%zu/%zu rows", r->n, t->n);
	if (!r->typing && r->filter.len && n >= 0 && (size_t)n < sizeof s->where)
		n += snprintf(s->where + n, sizeof s->where - (size_t)n, "%sfilter: %s", a->g.dot,
			      r->filter.text);
	if (r->store && store_readonly(r->store) && n >= 0 && (size_t)n < sizeof s->where)
		snprintf(s->where + n, sizeof s->where - (size_t)n, "%sread-only", a->g.dot);
	if (r->typing) {
		s->prompt = &r->filter;
		s->prompt_label = "Filter: ";
	}
}

const struct view_ops register_view = {
	.name = "Register",
	.scope = KS_REGISTER,
	.page = true,
	.enter = NULL,
	.draw = register_draw,
	.key = register_key,
	.resize = register_resize,
	.status = register_status,
};

/* ---- the heat map ---- */

static void heat_enter(struct app *a)
{
	if (a->heat.l < 1 || a->heat.l > 5 || a->heat.i < 1 || a->heat.i > 5)
		a->heat.l = a->heat.i = 3;
}

static void heat_draw(struct app *a, int rows, int cols)
{
	struct reg_table *t = app_table(a, REG_RISK);
	unsigned heat[5][5];
	int cw, x0, y0;
	char buf[64];

	if (!t)
		return;
	size_t placed = reg_heat(t, a->reg.heat_residual, heat);
	snprintf(buf, sizeof buf, "Risk heat map (%s)%s%zu risks placed",
		 a->reg.heat_residual ? "residual" : "inherent", a->g.dot, placed);
	draw_text_cut(0, 1, buf, cols - 2, display_style(&a->disp, ST_TITLE | ST_BOLD),
		      a->g.ellipsis);
	x0 = cols >= 60 ? 14 : 4;
	cw = (cols - x0 - 1) / 5; /* five cells across whatever the width */
	if (cw > 9)
		cw = 9;
	if (cw < 4)
		cw = 4;
	y0 = 2;
	draw_text_cut(y0, 1, x0 > 4 ? "Likelihood" : "L", x0 - 2, display_style(&a->disp, ST_LABEL),
		      a->g.ellipsis);
	for (int l = 5; l >= 1; l--) {
		int y = y0 + (5 - l) * 2 + 1;
		if (y + 1 >= rows)
			break;
		snprintf(buf, sizeof buf, "%d", l);
		draw_text(y, x0 - 2, buf, strlen(buf), 1, display_style(&a->disp, ST_BOLD));
		for (int i = 1; i <= 5; i++) {
			int score = l * i;
			bool cur = l == a->heat.l && i == a->heat.i;
			attr_t at = level_attr(a, reg_level(score), display_role(&a->disp, ROLE_TEXT));
			if (cur)
				at = display_role(&a->disp, ROLE_SELECT);
			char cell[32];
			/* the band's initial keeps the map readable without colour */
			snprintf(cell, sizeof cell, "%c %u", "LMHC"[score <= 4 ? 0 : score <= 9 ? 1 : score <= 16 ? 2 : 3],
				 heat[l - 1][i - 1]);
			int x = x0 + (i - 1) * cw;
			if (x + cw > cols)
				break;
			draw_fill(y, x, cw - 1, at);
			draw_fill(y + 1, x, cw - 1, at);
			draw_text(y, x + 1, cell, strlen(cell), cw - 2, at);
		}
	}
	int yb = y0 + 11;
	if (yb < rows) {
		for (int i = 1; i <= 5; i++) {
			snprintf(buf, sizeof buf, "%d", i);
			int x = x0 + (i - 1) * cw + cw / 2 - 1;
			if (x < cols)
				draw_text(yb, x, buf, 1, 1, display_style(&a->disp, ST_BOLD));
		}
	}
	if (yb + 1 < rows)
		draw_text_cut(yb + 1, x0, "Impact", cols - x0 - 1, display_style(&a->disp, ST_LABEL),
			      a->g.ellipsis);
	if (yb + 3 < rows)
		draw_text_cut(yb + 3, 1, "L low (1-4)  M medium (5-9)  H high (10-16)  C critical (17-25).  "
					 "Enter lists the cell's risks; i switches inherent/residual.",
			      cols - 2, display_role(&a->disp, ROLE_DIM), a->g.ellipsis);
}

static struct action heat_key(struct app *a, enum cmd cmd, const struct tui_key *k)
{
	struct heat_state *h = &a->heat;

	(void)k;
	switch (cmd) {
	case CMD_UP:
		h->l = h->l < 5 ? h->l + 1 : 5;
		return act(ACT_HANDLED);
	case CMD_DOWN:
		h->l = h->l > 1 ? h->l - 1 : 1;
		return act(ACT_HANDLED);
	case CMD_HEAT_LEFT:
		h->i = h->i > 1 ? h->i - 1 : 1;
		return act(ACT_HANDLED);
	case CMD_HEAT_RIGHT:
		h->i = h->i < 5 ? h->i + 1 : 5;
		return act(ACT_HANDLED);
	case CMD_HEAT_FLIP:
		a->reg.heat_residual = !a->reg.heat_residual;
		return act(ACT_HANDLED);
	case CMD_HEAT_PICK:
		register_heat_chosen(a, h->l, h->i, a->reg.heat_residual);
		return act(ACT_CLOSE);
	case CMD_LEAVE:
		return act(ACT_CLOSE);
	default:
		return act(ACT_PASS);
	}
}

static void heat_status(struct app *a, struct view_status *s)
{
	snprintf(s->where, sizeof s->where, "likelihood %d%simpact %d%sscore %d", a->heat.l,
		 a->g.dot, a->heat.i, a->g.dot, a->heat.l * a->heat.i);
}

const struct view_ops heat_view = {
	.name = "Heat map",
	.scope = KS_HEAT,
	.page = false,
	.enter = heat_enter,
	.draw = heat_draw,
	.key = heat_key,
	.resize = NULL,
	.status = heat_status,
};
