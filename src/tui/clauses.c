/* The clause index view: the core's clause tree (standards, their
 * clauses and controls, the entries citing each) drawn like ncdu's tree,
 * a count on every standard and clause line and a primary/overlap mark
 * on every entry line. Opening an entry is a history step, so going back
 * returns here with the tree as it was left. */
#include <stdio.h>
#include <string.h>

#include "ismsnav/text.h"
#include "tui/app.h"
#include "tui/draw.h"

#define MARK_COLS 8 /* "primary " */
#define LABEL_MAX_COLS 16 /* a longer clause label is cut short */

static struct clauses_state *state(struct app *a)
{
	return &a->clauses;
}

static const struct ct_row *selected(struct app *a)
{
	struct clauses_state *s = state(a);
	return s->sel < s->tree.rows.n ? &s->tree.rows.v[s->sel] : NULL;
}

static void remember(struct app *a)
{
	struct clauses_state *s = state(a);
	clausetree_key(&s->tree, s->sel, &s->sel_key);
}

static void keep_visible(struct app *a)
{
	struct clauses_state *s = state(a);
	size_t h = (size_t)app_body_rows(a), n = s->tree.rows.n;
	if (s->sel >= n)
		s->sel = n ? n - 1 : 0;
	if (s->sel < s->top)
		s->top = s->sel;
	else if (s->sel >= s->top + h)
		s->top = s->sel - h + 1;
	if (n <= h)
		s->top = 0;
	else if (s->top > n - h)
		s->top = n - h;
}

/* Computes the rows again and finds the selected line among them (or
 * the line above where it was, when it is gone). */
static void relist(struct app *a)
{
	struct clauses_state *s = state(a);
	if (clausetree_rows(&s->tree, s->filter.text) < 0) {
		s->tree.rows.n = 0;
		app_message(a, true, "Out of memory");
	}
	long k = clausetree_find_key(&s->tree, &s->sel_key);
	if (k >= 0)
		s->sel = (size_t)k;
	keep_visible(a);
	remember(a);
}

/* Selects reference ref, its standard and itself expanded, in the upper
 * third of the screen. */
static void focus(struct app *a, const char *ref)
{
	struct clauses_state *s = state(a);
	long r = clausetree_find_ref(&s->tree, ref);
	if (r < 0) {
		app_message(a, true, "No entry cites %s", ref);
		return;
	}
	s->tree.stds[s->tree.refs[r].std].expanded = true;
	if (clausetree_expand_ref(&s->tree, (size_t)r, a->index) < 0)
		app_message(a, true, "The search index cannot be read");
	prompt_clear(&s->filter);
	s->sel_key = (struct ct_key){.kind = CT_REF};
	snprintf(s->sel_key.ref, sizeof s->sel_key.ref, "%s", ref);
	relist(a);
	size_t third = (size_t)app_body_rows(a) / 3;
	s->top = s->sel > third ? s->sel - third : 0;
	keep_visible(a);
}

/* Reads the tree when first shown or after a reload, keeping what was
 * expanded and selected; false when there is nothing to show. */
static bool sync(struct app *a)
{
	struct clauses_state *s = state(a);
	if (!a->index)
		return false;
	if (!s->loaded || s->stale) {
		s->stale = false;
		if (clausetree_load(&s->tree, a->index) < 0) {
			s->failed = !s->loaded;
			app_message(a, true, "The search index cannot be read");
		} else {
			s->loaded = true;
			s->failed = false;
		}
		if (s->loaded)
			relist(a);
	}
	if (s->loaded && s->focus[0]) {
		focus(a, s->focus);
		s->focus[0] = '\0';
	}
	return s->loaded;
}

void clauses_focus(struct app *a, const char *ref)
{
	snprintf(state(a)->focus, sizeof state(a)->focus, "%s", ref ? ref : "");
}

void clauses_state_free(struct app *a)
{
	clausetree_free(&state(a)->tree);
}

/* ---- drawing ---------------------------------------------------------- */

static bool utf8(const struct app *a)
{
	return strcmp(a->g.ellipsis, "...") != 0;
}

static const char *expander(const struct app *a, bool open)
{
	if (utf8(a))
		return open ? "\xE2\x96\xBE" : "\xE2\x96\xB8"; /* ▾ ▸ */
	return open ? "-" : "+";
}

/* The count at the right edge; returns the columns left of it. */
static int draw_count(int y, int cols, size_t primary, size_t overlap,
		      attr_t base)
{
	char count[96];
	clausetree_count_text(primary, overlap, count, sizeof count);
	int w = text_width(count, strlen(count));
	int x = cols - 1 - w;
	if (x < cols / 2)
		x = cols / 2;
	draw_text(y, x, count, strlen(count), cols - 1 - x, base);
	return x - 1;
}

static void draw_std(struct app *a, int y, const struct ct_std *st, int cols, attr_t base)
{
	attr_t bold = draw_overlay(base, display_style(&a->disp, ST_BOLD));
	attr_t dim = draw_overlay(base, display_style(&a->disp, ST_DIM));
	int end = draw_count(y, cols, st->primary, st->overlap, base);
	int x = 1 + draw_text(y, 1, expander(a, st->expanded), strlen(expander(a, st->expanded)),
			      end - 1, bold);
	x += 1 + draw_text(y, x + 1, st->name, strlen(st->name), end - x - 1, bold);
	char what[64];
	snprintf(what, sizeof what, "%zu reference%s", st->n, st->n == 1 ? "" : "s");
	if (end - x - 2 > 0)
		draw_text_cut(y, x + 2, what, end - x - 2, dim, a->g.ellipsis);
}

static void draw_ref(struct app *a, int y, const struct ct_ref *r, int cols, attr_t base)
{
	attr_t bold = draw_overlay(base, display_style(&a->disp, ST_BOLD));
	int end = draw_count(y, cols, r->primary, r->overlap, base);
	const char *mark = expander(a, r->expanded);
	int x = 3 + draw_text(y, 3, mark, strlen(mark), end - 3, bold);
	const char *label = *r->clause ? r->clause : CLAUSETREE_WHOLE;
	int lw = state(a)->tree.clause_cols;
	lw = lw < LABEL_MAX_COLS ? lw : LABEL_MAX_COLS;
	if (end - x - 1 <= 0)
		return;
	draw_text_cut(y, x + 1, label, lw < end - x - 1 ? lw : end - x - 1, bold, a->g.ellipsis);
	x += 1 + lw + 2;
	if (r->title && end - x > 0)
		draw_text_cut(y, x, r->title, end - x, base, a->g.ellipsis);
}

static void draw_cite(struct app *a, int y, const struct ct_cite *c, int cols, attr_t base)
{
	uint16_t st = c->primary ? ST_BOLD : ST_DIM;
	attr_t mark = draw_overlay(base, display_style(&a->disp, st));
	attr_t link = draw_overlay(base, display_style(&a->disp, ST_LINK));
	const char *what = c->primary ? "primary" : "overlap";
	int x = 7;
	if (cols - x - 1 <= 0)
		return;
	draw_text(y, x, what, strlen(what), cols - x - 1, mark);
	x += MARK_COLS;
	char id[16];
	entry_id_format(c->id, id);
	if (cols - x - 1 <= 0)
		return;
	x += draw_text(y, x, id, strlen(id), cols - x - 1, link) + 2;
	if (cols - x - 1 > 0)
		draw_text_cut(y, x, c->question, cols - x - 1, base, a->g.ellipsis);
}

static void draw_row(struct app *a, int y, size_t i, int cols)
{
	struct clausetree *t = &state(a)->tree;
	const struct ct_row *r = &t->rows.v[i];
	attr_t base = display_role(&a->disp, i == state(a)->sel ? ROLE_SELECT : ROLE_TEXT);
	draw_fill(y, 0, cols, base);
	if (r->kind == CT_STD)
		draw_std(a, y, &t->stds[r->std], cols, base);
	else if (r->kind == CT_REF)
		draw_ref(a, y, &t->refs[r->ref], cols, base);
	else
		draw_cite(a, y, &t->refs[r->ref].cites[r->cite], cols, base);
}

static void draw_note(struct app *a, int rows, int cols, const char *text)
{
	if (rows > 2)
		draw_text_cut(2, 1, text, cols - 2, display_role(&a->disp, ROLE_TEXT), a->g.ellipsis);
}

static void clauses_draw(struct app *a, int rows, int cols)
{
	struct clauses_state *s = state(a);
	attr_t head = display_style(&a->disp, ST_LABEL);
	draw_text_cut(0, 1, "Clause index: standards, clauses and controls, and the entries citing them",
		      cols - 2, head, a->g.ellipsis);
	if (!sync(a)) {
		draw_note(a, rows, cols,
			  a->index && s->failed
				  ? "The search index cannot be read, so there is no clause index."
				  : "There is no search index (it could not be made), so there is no "
				    "clause index. The question list and answers still work.");
		return;
	}
	keep_visible(a);
	for (int y = 1; y < rows; y++) {
		size_t i = s->top + (size_t)(y - 1);
		if (i >= s->tree.rows.n)
			break;
		draw_row(a, y, i, cols);
	}
	if (s->tree.rows.n == 0)
		draw_note(a, rows, cols,
			  s->tree.nrefs ? "No clause or control matches the filter (Esc clears it)."
					: "No entry cites a clause or control.");
}

/* ---- keys ------------------------------------------------------------- */

static struct action open_entry(struct app *a, const struct ct_row *r)
{
	const struct ct_cite *c = &state(a)->tree.refs[r->ref].cites[r->cite];
	if (!corpus_find(a->corpus, c->id)) {
		char id[16];
		entry_id_format(c->id, id);
		app_message(a, true, "%s is not in this corpus (R reloads it)", id);
		return act(ACT_HANDLED);
	}
	if (!app_visit(a, c->id))
		return act(ACT_HANDLED);
	return app_show_step(a);
}

static void set_open(struct app *a, const struct ct_row *r, bool open)
{
	struct clausetree *t = &state(a)->tree;
	if (r->kind == CT_STD) {
		t->stds[r->std].expanded = open;
	} else if (!open) {
		t->refs[r->ref].expanded = false;
	} else if (clausetree_expand_ref(t, r->ref, a->index) < 0) {
		app_message(a, true, "The search index cannot be read");
	}
	relist(a);
}

static bool is_open(struct app *a, const struct ct_row *r)
{
	const struct clausetree *t = &state(a)->tree;
	return r->kind == CT_STD ? t->stds[r->std].expanded : t->refs[r->ref].expanded;
}

/* l/Right: expand; on an open line, step to its first child. */
static struct action expand(struct app *a, const struct ct_row *r)
{
	struct clauses_state *s = state(a);
	if (r->kind == CT_CITE)
		return open_entry(a, r);
	if (!is_open(a, r)) {
		set_open(a, r, true);
	} else if (s->sel + 1 < s->tree.rows.n && s->tree.rows.v[s->sel + 1].kind > r->kind) {
		s->sel++;
		keep_visible(a);
		remember(a);
	}
	return act(ACT_HANDLED);
}

/* h/Left: collapse; on a closed line or an entry, step to its parent. */
static struct action collapse(struct app *a, const struct ct_row *r)
{
	struct clauses_state *s = state(a);
	if (r->kind != CT_CITE && is_open(a, r)) {
		set_open(a, r, false);
		return act(ACT_HANDLED);
	}
	s->sel = clausetree_parent(&s->tree, s->sel);
	keep_visible(a);
	remember(a);
	return act(ACT_HANDLED);
}

/* Jumps to the first clause matching the filter as it is typed. */
static void filter_changed(struct app *a)
{
	struct clauses_state *s = state(a);
	clausetree_open_matches(&s->tree, s->filter.text);
	s->sel_key = (struct ct_key){.kind = CT_STD};
	relist(a);
	s->sel = 0;
	for (size_t i = 0; i < s->tree.rows.n; i++) {
		if (s->tree.rows.v[i].kind == CT_REF) {
			s->sel = i;
			break;
		}
	}
	keep_visible(a);
	remember(a);
}

static struct action typing_key(struct app *a, enum cmd cmd, const struct tui_key *k)
{
	struct clauses_state *s = state(a);
	switch (prompt_key(&s->filter, k)) {
	case PR_EDIT:
		filter_changed(a);
		return act(ACT_HANDLED);
	case PR_SAME:
		return act(ACT_HANDLED);
	case PR_ACCEPT:
		s->typing = false;
		return act(ACT_HANDLED);
	case PR_CANCEL:
		s->typing = false;
		prompt_clear(&s->filter);
		relist(a);
		return act(ACT_HANDLED);
	case PR_PASS:
		break;
	}
	if (app_move(cmd, &s->sel, s->tree.rows.n, (size_t)app_body_rows(a))) {
		keep_visible(a);
		remember(a);
		return act(ACT_HANDLED);
	}
	return act(ACT_PASS);
}

static struct action walk_back(struct app *a)
{
	if (!history_back(&a->hist)) {
		app_message(a, false, "This is the first step of the trail");
		return act(ACT_HANDLED);
	}
	return app_show_step(a);
}

static struct action clauses_key(struct app *a, enum cmd cmd, const struct tui_key *k)
{
	struct clauses_state *s = state(a);
	/* while the filter is typed, letters and Backspace are text */
	if (s->typing && sync(a))
		return typing_key(a, cmd, k);
	if (cmd == CMD_CL_BACK)
		return walk_back(a);
	if (cmd == CMD_TRAIL)
		return act_open(VIEW_TRAIL);
	if (!sync(a))
		return act(ACT_PASS);
	if (app_move(cmd, &s->sel, s->tree.rows.n, (size_t)app_body_rows(a))) {
		keep_visible(a);
		remember(a);
		return act(ACT_HANDLED);
	}
	const struct ct_row *r = selected(a);
	switch (cmd) {
	case CMD_CL_OPEN:
		if (!r)
			return act(ACT_HANDLED);
		if (r->kind == CT_CITE)
			return open_entry(a, r);
		set_open(a, r, !is_open(a, r));
		return act(ACT_HANDLED);
	case CMD_CL_EXPAND:
		return r ? expand(a, r) : act(ACT_HANDLED);
	case CMD_CL_COLLAPSE:
		return r ? collapse(a, r) : act(ACT_HANDLED);
	case CMD_CL_FILTER:
		s->typing = true;
		return act(ACT_HANDLED);
	case CMD_CL_CLEAR:
		if (s->filter.len) {
			prompt_clear(&s->filter);
			relist(a);
		}
		return act(ACT_HANDLED);
	case CMD_CLAUSES:
		return act(ACT_HANDLED); /* already here */
	default:
		return act(ACT_PASS);
	}
}

/* Shown again (back from an answer, or after a reload): read the counts
 * again, keeping the tree's shape. */
static void clauses_enter(struct app *a)
{
	state(a)->stale = true;
}

static void clauses_resize(struct app *a)
{
	if (state(a)->loaded)
		keep_visible(a);
}

static void clauses_status(struct app *a, struct view_status *s)
{
	struct clauses_state *c = state(a);
	const struct ct_row *r = c->loaded ? selected(a) : NULL;
	int n = 0;
	if (r && r->kind == CT_STD)
		n = snprintf(s->where, sizeof s->where, "%s", c->tree.stds[r->std].name);
	else if (r)
		n = snprintf(s->where, sizeof s->where, "%s", c->tree.refs[r->ref].ref);
	if (c->loaded && n >= 0 && (size_t)n < sizeof s->where)
		n += snprintf(s->where + n, sizeof s->where - (size_t)n, "%s%zu/%zu", n ? a->g.dot : "",
			      c->tree.rows.n ? c->sel + 1 : 0, c->tree.rows.n);
	if (!c->typing && c->filter.len && n >= 0 && (size_t)n < sizeof s->where)
		snprintf(s->where + n, sizeof s->where - (size_t)n, "%sfilter: %.100s", a->g.dot,
			 c->filter.text);
	if (c->typing) {
		s->prompt = &c->filter;
		s->prompt_label = "Filter: ";
	}
}

const struct view_ops clauses_view = {
	.name = "Clause index",
	.scope = KS_CLAUSES,
	.page = true,
	.enter = clauses_enter,
	.draw = clauses_draw,
	.key = clauses_key,
	.resize = clauses_resize,
	.status = clauses_status,
};
