/* The answer view: the core's answer document (the very lines `ismsnav
 * show` prints) with scrolling, link selection and following, history
 * back and forward, a breadcrumb of the walked chain and a text search.
 * The reading position lives in the current history step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ismsnav/search.h"
#include "ismsnav/text.h"
#include "ismsnav/util.h"
#include "tui/app.h"
#include "tui/draw.h"

static struct history_step *step_of(struct app *a)
{
	return history_current(&a->hist);
}

static size_t max_top(const struct app *a)
{
	size_t n = a->answer.ans.doc.n, h = (size_t)app_body_rows(a);
	return n > h ? n - h : 0;
}

static bool line_visible(const struct app *a, size_t line)
{
	const struct history_step *st = &a->hist.steps[a->hist.cur];
	return line >= st->top && line < st->top + (size_t)app_body_rows(a);
}

/* Scrolls so that `line` shows, in the upper third when it was off screen. */
static void show_line(struct app *a, size_t line)
{
	struct history_step *st = step_of(a);
	if (line_visible(a, line))
		return;
	size_t third = (size_t)app_body_rows(a) / 3;
	st->top = line > third ? line - third : 0;
	if (st->top > max_top(a))
		st->top = max_top(a);
}

static void show_anchor(struct app *a)
{
	struct history_step *st = step_of(a);
	if (st->anchor >= 0)
		show_line(a, a->answer.ans.doc.anchors[st->anchor].line);
}

/* Ends the answer with the entries linking to it, from the search index
 * (nothing without one). False when memory ran out (the answer is gone). */
static bool add_backlinks(struct app *a, unsigned id)
{
	unsigned *ids = NULL;
	size_t n = 0;
	if (!a->index)
		return true;
	if (search_backlinks(a->index, id, &ids, &n) < 0) {
		app_message(a, true, "The search index cannot be read: no \"Linked from\" line");
		return true;
	}
	int rc = answer_backlinks(&a->answer.ans, a->corpus, ids, n);
	free(ids);
	if (rc < 0)
		app_message(a, true, "Out of memory");
	return rc == 0;
}

/* Lays out the current step's entry at the screen width. When only the
 * width changed, the reading position is kept as a fraction of the
 * document, and a selected link stays in view. */
static bool sync(struct app *a)
{
	struct answer_state *s = &a->answer;
	struct history_step *st = step_of(a);
	if (!st)
		return false;
	if (s->laid && s->id == st->id && s->width == a->cols)
		return true;
	bool rewrap = s->laid && s->id == st->id;
	double frac = rewrap && s->ans.doc.n ? (double)st->top / (double)s->ans.doc.n : 0;
	answer_free(&s->ans);
	s->laid = false;
	s->match_line = -1;
	const struct entry *e = app_entry(a, st->id); /* parsed when first opened */
	if (!e || answer_layout(&s->ans, a->corpus, e, a->cols) != 0) {
		app_message(a, true, e ? "Out of memory" : "This entry is gone");
		return false;
	}
	if (!add_backlinks(a, st->id))
		return false;
	s->laid = true;
	s->id = st->id;
	s->width = a->cols;
	if (rewrap)
		st->top = (size_t)(frac * (double)s->ans.doc.n + 0.5);
	if (st->top > max_top(a))
		st->top = max_top(a);
	if (st->anchor >= (long)s->ans.doc.nanchors)
		st->anchor = -1;
	show_anchor(a);
	return true;
}

/* Scrolls; a selected link that leaves the screen is deselected, so Enter
 * never follows a link the reader cannot see. */
static bool scroll_by(struct app *a, enum cmd cmd)
{
	struct history_step *st = step_of(a);
	if (!app_move(cmd, &st->top, max_top(a) + 1, (size_t)app_body_rows(a)))
		return false;
	if (st->anchor >= 0 && !line_visible(a, a->answer.ans.doc.anchors[st->anchor].line))
		st->anchor = -1;
	return true;
}

/* ---- links ------------------------------------------------------------ */

static long first_visible_anchor(struct app *a, int dir)
{
	const struct layout_doc *d = &a->answer.ans.doc;
	size_t top = step_of(a)->top, end = top + (size_t)app_body_rows(a);
	if (dir > 0) {
		long i = layout_anchor_at_or_after(d, top);
		return i >= 0 ? i : 0;
	}
	for (size_t i = d->nanchors; i-- > 0;)
		if (d->anchors[i].line < end)
			return (long)i;
	return (long)d->nanchors - 1;
}

static void select_link(struct app *a, int dir)
{
	const struct layout_doc *d = &a->answer.ans.doc;
	struct history_step *st = step_of(a);
	long n = (long)d->nanchors;
	if (n == 0) {
		app_message(a, false, "This answer has no links");
		return;
	}
	if (st->anchor < 0 || !line_visible(a, d->anchors[st->anchor].line))
		st->anchor = first_visible_anchor(a, dir);
	else
		st->anchor = (st->anchor + dir + n) % n;
	show_anchor(a);
}

static struct action follow(struct app *a, int32_t link)
{
	const struct layout_doc *d = &a->answer.ans.doc;
	if (link < 0 || (size_t)link >= d->nlinks)
		return act(ACT_HANDLED);
	const struct layout_link *l = &d->links[link];
	if (l->kind == LINK_URL) {
		app_message(a, false, "Link: %s", l->url ? l->url : "");
		return act(ACT_HANDLED);
	}
	if (l->missing || !corpus_find(a->corpus, l->target)) {
		char id[16];
		entry_id_format(l->target, id);
		app_message(a, true, "%s is not in this corpus", id);
		return act(ACT_HANDLED);
	}
	app_visit(a, l->target);
	return act(ACT_HANDLED);
}

static struct action follow_selected(struct app *a)
{
	long i = step_of(a)->anchor;
	if (i < 0) {
		app_message(a, false, "No link selected: Tab selects one, 1-9 follow the follow-ups");
		return act(ACT_HANDLED);
	}
	return follow(a, a->answer.ans.doc.anchors[i].link);
}

static struct action follow_number(struct app *a, int n)
{
	const struct answer *ans = &a->answer.ans;
	if (n < 1 || (size_t)n > ans->nfollowups) {
		if (ans->nfollowups)
			app_message(a, true, "No follow-up %d: this answer has %zu", n, ans->nfollowups);
		else
			app_message(a, true, "This answer has no follow-ups");
		return act(ACT_HANDLED);
	}
	return follow(a, ans->followups[n - 1]);
}

/* The span to draw as selected on `line`: the selected anchor, or the
 * rest of its link wrapped onto the next line. */
static long selected_span(struct app *a, size_t line)
{
	const struct layout_doc *d = &a->answer.ans.doc;
	long i = step_of(a)->anchor;
	if (i < 0)
		return -1;
	const struct layout_anchor *an = &d->anchors[i];
	if (line == an->line)
		return an->span;
	const struct layout_line *prev = &d->lines[an->line];
	if (line != an->line + 1 || prev->spans[an->span].end != prev->len)
		return -1;
	const struct layout_line *l = &d->lines[line];
	for (uint32_t j = 0; j < l->nspans; j++) {
		if (l->spans[j].link != an->link)
			continue;
		bool own_anchor = i + 1 < (long)d->nanchors && d->anchors[i + 1].line == line &&
				  d->anchors[i + 1].span == j;
		return own_anchor ? -1 : (long)j;
	}
	return -1;
}

/* ---- search ----------------------------------------------------------- */

/* The first line from `from` on (dir 1) or back (dir -1), wrapping,
 * that contains the query; -1 when none does. */
static long find_line(const struct app *a, size_t from, int dir)
{
	const struct layout_doc *d = &a->answer.ans.doc;
	const char *q = a->answer.query;
	if (!*q || d->n == 0)
		return -1;
	for (size_t k = 0; k < d->n; k++) {
		size_t i = dir > 0 ? (from + k) % d->n : (from + d->n - k % d->n) % d->n;
		if (isn_strcasestr(d->lines[i].text, q))
			return (long)i;
	}
	return -1;
}

static void search_from(struct app *a, size_t from, int dir)
{
	struct answer_state *s = &a->answer;
	long line = find_line(a, from, dir);
	s->match_line = -1;
	if (line < 0) {
		app_message(a, true, "Not found: %s", s->query);
		return;
	}
	s->match_line = line;
	show_line(a, (size_t)line);
}

static void search_again(struct app *a, int dir)
{
	struct answer_state *s = &a->answer;
	if (!*s->query) {
		app_message(a, false, "No search yet: / searches this answer");
		return;
	}
	size_t n = s->ans.doc.n, top = step_of(a)->top;
	size_t from = s->match_line >= 0 ? (size_t)s->match_line : top;
	if (s->match_line >= 0 && n)
		from = dir > 0 ? (from + 1) % n : (from + n - 1) % n;
	search_from(a, from, dir);
}

static struct action search_key(struct app *a, enum cmd cmd, const struct tui_key *k)
{
	struct answer_state *s = &a->answer;
	switch (prompt_key(&s->search, k)) {
	case PR_EDIT:
		snprintf(s->query, sizeof s->query, "%s", s->search.text);
		if (*s->query)
			search_from(a, step_of(a)->top, 1);
		return act(ACT_HANDLED);
	case PR_SAME:
		return act(ACT_HANDLED);
	case PR_ACCEPT:
		s->typing = false;
		if (*s->query && s->match_line < 0)
			app_message(a, true, "Not found: %s", s->query);
		return act(ACT_HANDLED);
	case PR_CANCEL:
		s->typing = false;
		s->query[0] = '\0';
		s->match_line = -1;
		return act(ACT_HANDLED);
	case PR_PASS:
		break;
	}
	/* arrows and page keys still scroll while the search is typed */
	return scroll_by(a, cmd) ? act(ACT_HANDLED) : act(ACT_PASS);
}

/* ---- the view --------------------------------------------------------- */

/* IDs of steps [first, cur] and the separators between them, plus the
 * leading ellipsis when first > 0, must fit in cols. */
static size_t crumbs_first(struct app *a, int cols)
{
	const struct history *h = &a->hist;
	int sep = text_width(a->g.sep, strlen(a->g.sep));
	int lead = text_width(a->g.ellipsis, strlen(a->g.ellipsis)) + sep;
	char id[96];
	app_step_name(a, &h->steps[h->cur], id, sizeof id);
	int w = text_width(id, strlen(id));
	size_t first = h->cur;
	while (first > 0) {
		app_step_name(a, &h->steps[first - 1], id, sizeof id);
		int add = text_width(id, strlen(id)) + sep;
		if (w + add + (first > 1 ? lead : 0) > cols)
			break;
		w += add;
		first--;
	}
	return first;
}

static void draw_crumbs(struct app *a, int cols)
{
	const struct history *h = &a->hist;
	attr_t dim = display_style(&a->disp, ST_DIM), text = display_role(&a->disp, ROLE_TEXT);
	attr_t cur = display_style(&a->disp, ST_TITLE | ST_BOLD);
	int x = 1, room = cols - 2;
	size_t first = crumbs_first(a, room);
	if (first > 0) {
		x += draw_text(0, x, a->g.ellipsis, strlen(a->g.ellipsis), cols - x, dim);
		x += draw_text(0, x, a->g.sep, strlen(a->g.sep), cols - x, dim);
	}
	for (size_t i = first; i <= h->cur; i++) {
		char id[96];
		app_step_name(a, &h->steps[i], id, sizeof id);
		x += draw_text(0, x, id, strlen(id), cols - x, i == h->cur ? cur : text);
		if (i < h->cur)
			x += draw_text(0, x, a->g.sep, strlen(a->g.sep), cols - x, dim);
	}
}

static void answer_draw(struct app *a, int rows, int cols)
{
	if (!step_of(a) || !sync(a))
		return;
	draw_crumbs(a, cols);
	const struct layout_doc *d = &a->answer.ans.doc;
	size_t top = step_of(a)->top;
	for (int y = 1; y < rows && top + (size_t)(y - 1) < d->n; y++) {
		size_t i = top + (size_t)(y - 1);
		struct line_marks m = {selected_span(a, i), a->answer.query};
		draw_doc_line(&a->disp, y, &d->lines[i], cols, &m);
	}
}

static struct action walk(struct app *a, bool back)
{
	if (!(back ? history_back(&a->hist) : history_forward(&a->hist))) {
		app_message(a, false, back ? "This is the first step of the trail"
					   : "This is the last step of the trail");
		return act(ACT_HANDLED);
	}
	return app_show_step(a);
}

/* The clause index, at the answer's first primary reference. */
static struct action open_clauses(struct app *a)
{
	const struct entry *e = corpus_find(a->corpus, step_of(a)->id);
	return app_open_clauses(a, e && e->primary_ids.n ? e->primary_ids.v[0] : NULL);
}

/* The entry's ui.actions as a menu. */
static struct action actions_menu(struct app *a)
{
	const struct entry *e = corpus_find(a->corpus, step_of(a)->id);
	struct menu_state *m = &a->menu;

	if (!e || e->nactions == 0) {
		app_message(a, false, "This answer has no actions");
		return act(ACT_HANDLED);
	}
	*m = (struct menu_state){.kind = MENU_ACTIONS};
	snprintf(m->title, sizeof m->title, "Actions");
	for (size_t i = 0; i < e->nactions && m->n < MENU_MAX; i++) {
		const struct entry_action *ac = &e->actions[i];
		snprintf(m->item[m->n], sizeof m->item[0], "%s (%s %s)",
			 ac->label ? ac->label : ac->target ? ac->target : "?",
			 ac->type ? ac->type : "", ac->target ? ac->target : "");
		m->value[m->n++] = (int)i;
	}
	return act_open(VIEW_MENU);
}

static struct action answer_key(struct app *a, enum cmd cmd, const struct tui_key *k)
{
	struct answer_state *s = &a->answer;
	if (!step_of(a) || !sync(a))
		return act(ACT_PASS);
	if (s->typing)
		return search_key(a, cmd, k);
	if (scroll_by(a, cmd))
		return act(ACT_HANDLED);
	switch (cmd) {
	case CMD_NEXT_LINK:
	case CMD_PREV_LINK:
		select_link(a, cmd == CMD_NEXT_LINK ? 1 : -1);
		return act(ACT_HANDLED);
	case CMD_FOLLOW:
		return follow_selected(a);
	case CMD_FOLLOWUP:
		return follow_number(a, k->code - '0');
	case CMD_BACK:
	case CMD_FORWARD:
		return walk(a, cmd == CMD_BACK);
	case CMD_TRAIL:
		return act_open(VIEW_TRAIL);
	case CMD_ACTIONS:
		return actions_menu(a);
	case CMD_CLAUSES:
		return open_clauses(a);
	case CMD_SEARCH:
		s->typing = true;
		prompt_clear(&s->search);
		return act(ACT_HANDLED);
	case CMD_NEXT_MATCH:
	case CMD_PREV_MATCH:
		search_again(a, cmd == CMD_NEXT_MATCH ? 1 : -1);
		return act(ACT_HANDLED);
	case CMD_UNMARK:
		s->query[0] = '\0';
		s->match_line = -1;
		return act(ACT_HANDLED);
	default:
		return act(ACT_PASS);
	}
}

static void answer_resize(struct app *a)
{
	if (step_of(a))
		sync(a);
}

static void link_status(struct app *a, char *buf, size_t n)
{
	const struct layout_doc *d = &a->answer.ans.doc;
	long i = step_of(a)->anchor;
	if (i < 0)
		return;
	const struct layout_link *l = &d->links[d->anchors[i].link];
	char id[16];
	entry_id_format(l->target, id);
	snprintf(buf, n, "%slink %s%s", a->g.dot, l->kind == LINK_URL ? l->url : id,
		 l->missing ? " (not in this corpus)" : "");
}

static void answer_status(struct app *a, struct view_status *s)
{
	struct answer_state *as = &a->answer;
	struct history_step *st = step_of(a);
	if (!st || !as->laid)
		return;
	size_t n = as->ans.doc.n, h = (size_t)app_body_rows(a);
	size_t pct = n <= h ? 100 : (st->top + h) * 100 / n;
	char id[16], link[128] = "";
	entry_id_format(st->id, id);
	link_status(a, link, sizeof link);
	const struct entry *e = corpus_find(a->corpus, st->id);
	bool hint = e && e->nactions && !link[0];
	snprintf(s->where, sizeof s->where, "%s%s%zu%%%s%s%s", id, a->g.dot, pct, link,
		 hint ? a->g.dot : "", hint ? "a: actions" : "");
	if (as->typing) {
		s->prompt = &as->search;
		s->prompt_label = "/";
	}
}

const struct view_ops answer_view = {
	.name = "Answer",
	.scope = KS_ANSWER,
	.page = true,
	.enter = NULL,
	.draw = answer_draw,
	.key = answer_key,
	.resize = answer_resize,
	.status = answer_status,
};
