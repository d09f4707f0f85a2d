/* The list view: ID and question of every entry in corpus order, narrowed
 * as the reader types a filter (the core's entry_matches decides what
 * matches). Enter opens the selected entry in the answer view. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/app.h"
#include "tui/draw.h"

/* Width of the ID column: the widest ID, computed once. */
static int id_column(const struct corpus *c)
{
	int w = 4;
	for (size_t i = 0; i < c->n; i++) {
		char id[16];
		entry_id_format(c->entries[i]->id, id);
		int iw = (int)strlen(id);
		w = iw > w ? iw : w;
	}
	return w + 2;
}

/* Recomputes the matches. Every keystroke scans the whole corpus: a longer
 * filter does not always narrow the result ("Q1" does not match Q010,
 * "Q10" does, by number), so the previous matches cannot simply be
 * searched again. */
static void refilter(struct app *a)
{
	struct list_state *l = &a->list;
	const struct corpus *c = a->corpus;
	if (!l->match) {
		l->match = malloc((c->n ? c->n : 1) * sizeof(*l->match));
		if (!l->match) {
			app_message(a, true, "Out of memory");
			return;
		}
		l->id_cols = id_column(c);
	}
	size_t cur = l->sel < l->nmatch ? l->match[l->sel] : 0;
	size_t n = 0;
	l->stale = false;
	for (size_t i = 0; i < c->n; i++)
		if (entry_matches(c->entries[i], l->filter.text))
			l->match[n++] = c->entries[i]->id;
	l->nmatch = n;
	/* keep the same entry selected when it is still shown */
	l->sel = 0;
	for (size_t i = 0; i < n; i++)
		if (l->match[i] == cur)
			l->sel = i;
}

void list_corpus_changed(struct app *a)
{
	struct list_state *l = &a->list;
	size_t cur = l->sel < l->nmatch ? l->match[l->sel] : 0;
	free(l->match);
	l->match = NULL;
	l->nmatch = 0;
	refilter(a);
	for (size_t i = 0; i < l->nmatch; i++)
		if (l->match[i] == cur)
			l->sel = i;
}

/* Typing only marks the matches stale: a burst of keys typed faster than
 * the corpus can be searched is filtered once, when next needed. */
static void ensure_matches(struct app *a)
{
	if (!a->list.match || a->list.stale)
		refilter(a);
}

static void keep_visible(struct app *a)
{
	struct list_state *l = &a->list;
	size_t h = (size_t)app_body_rows(a);
	if (l->sel < l->top)
		l->top = l->sel;
	else if (l->sel >= l->top + h)
		l->top = l->sel - h + 1;
	if (l->nmatch <= h)
		l->top = 0;
	else if (l->top > l->nmatch - h)
		l->top = l->nmatch - h;
}

static void draw_row(struct app *a, int y, const struct entry *e, int idw,
		     int cols, bool sel)
{
	attr_t base = sel ? display_role(&a->disp, ROLE_SELECT) : display_role(&a->disp, ROLE_TEXT);
	char id[16];
	entry_id_format(e->id, id);
	draw_fill(y, 0, cols, base);
	draw_text(y, 1, id, strlen(id), idw, draw_overlay(base, display_style(&a->disp, ST_BOLD)));
	draw_text_cut(y, 1 + idw, e->query, cols - idw - 2, base, a->g.ellipsis);
}

static void list_draw(struct app *a, int rows, int cols)
{
	struct list_state *l = &a->list;
	ensure_matches(a);
	keep_visible(a);
	int idw = l->id_cols;
	attr_t head = display_style(&a->disp, ST_LABEL);
	draw_text(0, 1, "ID", 2, idw, head);
	draw_text(0, 1 + idw, "Question", 8, cols - idw - 1, head);
	for (int y = 1; y < rows; y++) {
		size_t i = l->top + (size_t)(y - 1);
		if (i >= l->nmatch)
			break;
		const struct entry *e = corpus_find(a->corpus, (unsigned)l->match[i]);
		if (e)
			draw_row(a, y, e, idw, cols, i == l->sel);
	}
	if (l->nmatch == 0 && rows > 2)
		draw_text_cut(2, 1, a->corpus->n ? "No question matches the filter (Esc clears it)."
						  : "No questions were loaded.",
			      cols - 2, display_role(&a->disp, ROLE_TEXT), a->g.ellipsis);
}

static struct action open_selected(struct app *a)
{
	struct list_state *l = &a->list;
	if (l->sel >= l->nmatch)
		return act(ACT_HANDLED);
	if (!app_visit(a, (unsigned)l->match[l->sel]))
		return act(ACT_HANDLED);
	return act_open(VIEW_ANSWER);
}

/* While the filter is typed, characters edit it; function and control
 * keys keep their usual meaning, so arrows still move the selection. */
static struct action typing_key(struct app *a, enum cmd cmd, const struct tui_key *k)
{
	struct list_state *l = &a->list;
	switch (prompt_key(&l->filter, k)) {
	case PR_EDIT:
		l->stale = true;
		return act(ACT_HANDLED);
	case PR_SAME:
		return act(ACT_HANDLED);
	case PR_ACCEPT:
		l->typing = false;
		ensure_matches(a);
		return open_selected(a);
	case PR_CANCEL:
		l->typing = false;
		prompt_clear(&l->filter);
		l->stale = true;
		return act(ACT_HANDLED);
	case PR_PASS:
		break;
	}
	ensure_matches(a);
	if (app_move(cmd, &l->sel, l->nmatch, (size_t)app_body_rows(a)))
		return act(ACT_HANDLED);
	return act(ACT_PASS);
}

static struct action list_key(struct app *a, enum cmd cmd, const struct tui_key *k)
{
	struct list_state *l = &a->list;
	if (l->typing)
		return typing_key(a, cmd, k);
	ensure_matches(a);
	if (app_move(cmd, &l->sel, l->nmatch, (size_t)app_body_rows(a)))
		return act(ACT_HANDLED);
	switch (cmd) {
	case CMD_FILTER:
		l->typing = true;
		return act(ACT_HANDLED);
	case CMD_CLEAR:
		if (l->filter.len) {
			prompt_clear(&l->filter);
			l->stale = true;
		}
		return act(ACT_HANDLED);
	case CMD_OPEN:
		return open_selected(a);
	case CMD_TRAIL:
		if (a->hist.n == 0) {
			app_message(a, false, "The trail is empty: open a question first");
			return act(ACT_HANDLED);
		}
		return act_open(VIEW_TRAIL);
	default:
		return act(ACT_PASS);
	}
}

static void list_resize(struct app *a)
{
	ensure_matches(a);
	keep_visible(a);
}

static void list_status(struct app *a, struct view_status *s)
{
	struct list_state *l = &a->list;
	ensure_matches(a);
	int n = snprintf(s->where, sizeof s->where, "%zu/%zu questions", l->nmatch,
			 a->corpus->n);
	if (!l->typing && l->filter.len && n >= 0 && (size_t)n < sizeof s->where)
		n += snprintf(s->where + n, sizeof s->where - (size_t)n, "%sfilter: %s",
			      a->g.dot, l->filter.text);
	/* warnings (a README beside the entries) are for `check`, not here */
	if (a->diags && a->diags->errors && n >= 0 && (size_t)n < sizeof s->where)
		snprintf(s->where + n, sizeof s->where - (size_t)n,
			 "%s%zu file%s skipped (ismsnav check)", a->g.dot, a->diags->errors,
			 a->diags->errors == 1 ? "" : "s");
	if (l->typing) {
		s->prompt = &l->filter;
		s->prompt_label = "Filter: ";
	}
}

const struct view_ops list_view = {
	.name = "List",
	.scope = KS_LIST,
	.page = false,
	.enter = NULL, /* the first view: computes its matches when first drawn */
	.draw = list_draw,
	.key = list_key,
	.resize = list_resize,
	.status = list_status,
};
