/* The row view: every field of one register row, label and value, long
 * text wrapped, then its links: a risk to its controls' SoA rows and its
 * assets, an SoA row to its risks and to the questions of the corpus that
 * cite the control, an asset to its risks. Tab selects a link, Enter
 * follows it as a new history step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ismsnav/regfmt.h"
#include "ismsnav/text.h"
#include "ismsnav/util.h"
#include "tui/app.h"
#include "tui/draw.h"

#define LABEL_COLS 24

void row_state_free(struct app *a)
{
	struct row_state *r = &a->row;

	if (r->cells)
		reg_row_free(reg_def((enum reg_kind)r->reg), r->cells);
	for (size_t i = 0; i < r->nlinks; i++) {
		free(r->links[i].only);
		free(r->links[i].title);
	}
	free(r->links);
	isn_strlist_free(&r->lines);
	*r = (struct row_state){0};
}

static int add_line(struct row_state *r, const char *label, const char *value)
{
	char *line = isn_asprintf("%s\t%s", label, value);
	int rc = line ? isn_strlist_push(&r->lines, line) : -1;

	free(line);
	return rc;
}

static int add_link(struct row_state *r, int reg, unsigned entry, const char *only,
		    const char *title, const char *label, const char *value)
{
	struct row_link *l;

	if (isn_grow(&r->links, &r->links_cap, r->nlinks + 1, sizeof(*r->links)) < 0)
		return -1;
	l = &r->links[r->nlinks];
	*l = (struct row_link){.reg = reg, .entry = entry, .line = r->lines.n};
	if ((only && !(l->only = isn_strdup(only))) || !(l->title = isn_strdup(title)) ||
	    add_line(r, label, value) < 0) {
		free(l->only);
		free(l->title);
		return -1;
	}
	r->nlinks++;
	return 0;
}

/* Does entry e cite Annex A control `control` (5.15)? 2 primary, 1 overlap. */
static int cites(const struct entry *e, const char *control)
{
	char a[32], b[32];

	snprintf(a, sizeof a, "ISO27001:2022/A.%s", control);
	snprintf(b, sizeof b, "ISO27002:2022/%s", control);
	for (size_t i = 0; i < e->primary_ids.n; i++)
		if (!strcmp(e->primary_ids.v[i], a) || !strcmp(e->primary_ids.v[i], b))
			return 2;
	for (size_t i = 0; i < e->overlap_ids.n; i++)
		if (!strcmp(e->overlap_ids.v[i], a) || !strcmp(e->overlap_ids.v[i], b))
			return 1;
	return 0;
}

static int question_links(struct app *a, struct row_state *r, const char *control)
{
	for (int pass = 2; pass >= 1; pass--)
		for (size_t i = 0; i < a->corpus->n; i++) {
			const struct entry *e = a->corpus->entries[i];
			char id[16], label[48];

			if (cites(e, control) != pass)
				continue;
			entry_id_format(e->id, id);
			snprintf(label, sizeof label, "%s %s", pass == 2 ? "Answer" : "Also in", id);
			if (add_link(r, -1, e->id, NULL, id, label, e->query) < 0)
				return -1;
		}
	return 0;
}

static int field_links(struct row_state *r, const struct reg_def *d, char **cells)
{
	for (size_t f = 0; f < d->nfields; f++) {
		const struct reg_field *fl = &d->fields[f];
		char title[96];

		if (fl->type != FT_LINKS || !cells[f][0])
			continue;
		snprintf(title, sizeof title, "%s of %s", fl->label, cells[0]);
		if (add_link(r, (int)fl->target, 0, cells[f], title,
			     reg_def(fl->target)->title, cells[f]) < 0)
			return -1;
	}
	return 0;
}

static int build(struct app *a, int reg, const char *id)
{
	const struct reg_def *d = reg_def((enum reg_kind)reg);
	struct row_state *r = &a->row;
	struct reg_table rev = {0};
	char err[REG_ERR_MAX];

	row_state_free(a);
	r->reg = reg;
	if (store_get(a->reg.store, (enum reg_kind)reg, id, &r->cells, err, sizeof err) < 0 ||
	    !r->cells) {
		app_message(a, true, "%s", r->cells ? err : "The row is gone");
		return -1;
	}
	for (size_t f = 0; f < d->nfields; f++) {
		char *v;

		if (d->fields[f].flags & RF_PSEUDO)
			continue;
		v = regfmt_cell(&d->fields[f], r->cells[f]);
		if (d->fields[f].type == FT_NOTE || d->fields[f].type == FT_TEXT) {
			free(v); /* long text keeps its line breaks */
			v = text_sanitize(r->cells[f], strlen(r->cells[f]), true);
		}
		if (!v || add_line(r, d->fields[f].label, v) < 0) {
			free(v);
			return -1;
		}
		free(v);
	}
	if (reg == REG_DOC &&
	    store_revisions(a->reg.store, id, &rev, err, sizeof err) == 0 && rev.n) {
		add_line(r, "", "");
		add_line(r, "Revisions", "");
		for (size_t i = 0; i < rev.n; i++) {
			char *line = isn_asprintf("%s  %s  %s", rev.rows[i].cell[1],
						  rev.rows[i].cell[2], rev.rows[i].cell[3]);
			if (line)
				add_line(r, rev.rows[i].cell[0], line);
			free(line);
		}
	}
	reg_table_free(&rev);
	add_line(r, "", "");
	add_line(r, "Links", "");
	if (field_links(r, d, r->cells) < 0 ||
	    (reg == REG_SOA && question_links(a, r, r->cells[0]) < 0))
		return -1;
	if (r->nlinks == 0)
		add_line(r, "", "(none)");
	return 0;
}

static void row_enter(struct app *a)
{
	struct reg_table *t = a->reg.reg >= 0 ? app_table(a, a->reg.reg) : NULL;

	if (!t || a->reg.sel >= a->reg.n || build(a, a->reg.reg, t->rows[a->reg.idx[a->reg.sel]].cell[0]) < 0)
		row_state_free(a);
}

/* Draws "Label   value" with the value wrapped to the width; returns rows used. */
static int draw_line(int y, int rows, const char *line, int cols, attr_t at,
		     attr_t label_at)
{
	const char *tab = strchr(line, '\t');
	const char *v = tab ? tab + 1 : line;
	int lw = cols > 60 ? LABEL_COLS : 14, used = 0;

	if (tab)
		draw_text(y, 1, line, (size_t)(tab - line), lw - 1, label_at);
	while (y + used < rows) {
		size_t len = strcspn(v, "\n");
		size_t fit = text_fit(v, len, cols - lw - 2);

		size_t next;

		if (fit == 0 && len > 0)
			fit = len; /* a character wider than the room: draw_text clips it */
		next = fit;
		if (fit < len) { /* break after the last space that fits, if any */
			size_t sp = fit;
			while (sp > 0 && v[sp - 1] != ' ')
				sp--;
			if (sp > 0)
				fit = next = sp;
		}
		draw_text(y + used, lw + 1, v, fit, cols - lw - 2, at);
		used++;
		v += next;
		if (*v == '\n')
			v++;
		else if (!*v)
			break;
	}
	return used ? used : 1;
}

static void row_draw(struct app *a, int rows, int cols)
{
	struct row_state *r = &a->row;
	char title[160];
	int y = 1;

	if (!r->cells)
		return;
	snprintf(title, sizeof title, "%s %s", reg_def((enum reg_kind)r->reg)->title, r->cells[0]);
	draw_text_cut(0, 1, title, cols - 2, display_style(&a->disp, ST_TITLE | ST_BOLD),
		      a->g.ellipsis);
	for (size_t i = r->top; i < r->lines.n && y < rows; i++) {
		attr_t at = display_role(&a->disp, ROLE_TEXT);
		for (size_t k = 0; k < r->nlinks; k++)
			if (r->links[k].line == i)
				at = display_role(&a->disp, k == r->sel_link ? ROLE_SELECT : ROLE_LINK);
		y += draw_line(y, rows, r->lines.v[i], cols, at, display_style(&a->disp, ST_LABEL));
	}
}

static struct action follow(struct app *a)
{
	struct row_state *r = &a->row;
	struct row_link *l;

	if (r->sel_link >= r->nlinks)
		return act(ACT_HANDLED);
	l = &r->links[r->sel_link];
	if (l->reg < 0) {
		if (!app_visit(a, l->entry))
			return act(ACT_HANDLED);
		return act_open(VIEW_ANSWER);
	}
	return app_open_register(a, l->reg, l->only, l->title);
}

static void show_link(struct app *a)
{
	struct row_state *r = &a->row;
	size_t line = r->links[r->sel_link].line, h = (size_t)app_body_rows(a);

	if (line < r->top || line >= r->top + h)
		r->top = line > h / 2 ? line - h / 2 : 0;
}

static struct action row_key(struct app *a, enum cmd cmd, const struct tui_key *k)
{
	struct row_state *r = &a->row;
	size_t n = r->lines.n;

	if (register_confirming(a))
		return register_confirm_key(a, k);
	if (!r->cells)
		return cmd == CMD_LEAVE ? act(ACT_CLOSE) : act(ACT_PASS);
	if (app_move(cmd, &r->top, n, (size_t)app_body_rows(a))) {
		size_t h = (size_t)app_body_rows(a);
		if (r->top + h > n)
			r->top = n > h ? n - h : 0;
		return act(ACT_HANDLED);
	}
	switch (cmd) {
	case CMD_NEXT_LINK:
	case CMD_PREV_LINK:
		if (!r->nlinks)
			return act(ACT_HANDLED);
		r->sel_link = (r->sel_link + (cmd == CMD_NEXT_LINK ? 1 : r->nlinks - 1)) % r->nlinks;
		show_link(a);
		return act(ACT_HANDLED);
	case CMD_FOLLOW:
		return follow(a);
	case CMD_EDIT:
		return form_start(a, r->reg, r->cells[0]);
	case CMD_DELETE:
		return register_ask_delete(a, r->reg, r->cells[0]);
	case CMD_LEAVE:
		return act(ACT_CLOSE);
	default:
		return act(ACT_PASS);
	}
}

static void row_status(struct app *a, struct view_status *s)
{
	struct row_state *r = &a->row;

	if (r->cells)
		snprintf(s->where, sizeof s->where, "%s%s%zu link%s", r->cells[0], a->g.dot,
			 r->nlinks, r->nlinks == 1 ? "" : "s");
}

/* Reloads the row after an edit saved from it. */
void row_refresh(struct app *a)
{
	if (a->row.cells) {
		char id[32];
		snprintf(id, sizeof id, "%s", a->row.cells[0]);
		if (build(a, a->row.reg, id) < 0)
			row_state_free(a);
	}
}

const struct view_ops row_view = {
	.name = "Row",
	.scope = KS_ROW,
	.page = false,
	.enter = row_enter,
	.draw = row_draw,
	.key = row_key,
	.resize = NULL,
	.status = row_status,
};
