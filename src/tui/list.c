/* The list view: ID and question of every entry, and `/` to look things
 * up. With the search index, `/` searches as you type: ranked entries
 * with a snippet line each (the matched words highlighted), register rows
 * and screens by name (the core's find module decides which and in what
 * order). Without an index it filters the list (the core's entry_matches
 * decides what matches). Enter opens the selection; the query and the
 * selection stay when one comes back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ismsnav/search.h"
#include "ismsnav/text.h"
#include "tui/app.h"
#include "tui/draw.h"

/* Entries asked of the index per query: two screens' worth. Each costs a
 * snippet, so more would slow every key (on the bundled corpus, p50 per
 * key 5.7 ms for 20, 8.0 ms for 40, 9.5 ms for 60). */
#define LIST_HITS 30
#define LIST_ROWS_MAX 24   /* register rows shown at most */
#define LIST_KEY_COLS 10   /* the ID column never grows wider */

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

/* Searching (rather than filtering the list) needs the index and a query. */
static bool searching(const struct app *a)
{
	return a->index && a->list.filter.len > 0;
}

/* ---- the plain list and the filter without an index ----------------- */

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
	/* with an index the list shows every entry; the query goes to search */
	const char *filter = a->index ? "" : l->filter.text;
	for (size_t i = 0; i < c->n; i++)
		if (entry_matches(c->entries[i], filter))
			l->match[n++] = c->entries[i]->id;
	l->nmatch = n;
	/* keep the same entry selected when it is still shown */
	l->sel = 0;
	for (size_t i = 0; i < n; i++)
		if (l->match[i] == cur)
			l->sel = i;
}

/* ---- search as you type ------------------------------------------------ */

/* Register rows are searched only where the registers already are: an
 * open store, the demo, or a database file that exists. Searching never
 * creates one. */
static bool registers_at_hand(struct app *a)
{
	if (a->reg.store)
		return true;
	if (a->reg.store_failed)
		return false;
	if (a->demo)
		return true;
	char *def = a->db_path ? NULL : store_default_path();
	const char *p = a->db_path ? a->db_path : def;
	bool there = p && access(p, F_OK) == 0;
	free(def);
	return there;
}

/* Register r ready to search: prepared again whenever it was loaded
 * again (after a change), once for all the keys typed meanwhile. */
static const struct find_table *searchable(struct app *a, int r)
{
	struct list_state *l = &a->list;
	const struct reg_table *t = app_table(a, r);
	if (!t)
		return NULL;
	if (l->rows_load[r] != a->reg.loads[r]) {
		find_table_free(&l->rows[r]);
		l->rows_load[r] = 0;
		if (find_table_init(&l->rows[r], t) < 0) {
			app_message(a, true, "Out of memory");
			return NULL;
		}
		l->rows_load[r] = a->reg.loads[r];
	}
	return &l->rows[r];
}

static void find_register_rows(struct app *a, const char *q, struct find_list *rows)
{
	if (!registers_at_hand(a) || !app_store(a))
		return;
	for (int r = 0; r < REG_COUNT && rows->n < LIST_ROWS_MAX; r++) {
		const struct find_table *ft = searchable(a, r);
		if (ft && find_rows(ft, q, LIST_ROWS_MAX - rows->n, rows) < 0)
			app_message(a, true, "Out of memory");
	}
}

static bool same_item(const struct find_item *x, const struct find_item *y)
{
	if (x->kind != y->kind)
		return false;
	switch (x->kind) {
	case FIND_ENTRY:
		return x->id == y->id;
	case FIND_ROW:
		return x->reg == y->reg && x->key && y->key && !strcmp(x->key, y->key);
	case FIND_SCREEN:
		return x->screen == y->screen;
	}
	return false;
}

static int tag_columns(const struct find_list *f)
{
	int w = 1;
	for (size_t i = 0; i < f->n; i++) {
		int tw = (int)strlen(find_tag(&f->v[i]));
		w = tw > w ? tw : w;
	}
	return w;
}

static int key_columns(const struct app *a, const struct find_list *f)
{
	int w = a->list.id_cols - 2;
	for (size_t i = 0; i < f->n; i++) {
		int kw = f->v[i].key ? text_width(f->v[i].key, strlen(f->v[i].key)) : 0;
		w = kw > w ? kw : w;
	}
	return (w < LIST_KEY_COLS ? w : LIST_KEY_COLS) + 2;
}

/* Runs the query: entries from the index, then rows and screens, merged
 * in the order the find module gives. A new query selects the best
 * result; the same query again (after a reload) keeps the selection. */
static void refind(struct app *a)
{
	struct list_state *l = &a->list;
	const char *q = l->filter.text;
	bool same_query = !strcmp(l->found_for, q);
	bool have_keep = same_query && l->sel < l->found.n;
	struct find_item keep = have_keep ? l->found.v[l->sel] : (struct find_item){0};
	struct search_results res = {0};
	struct find_list rows = {0}, screens = {0}, merged = {0};
	int rc = search_query(a->index, q, LIST_HITS, SEARCH_TYPING, &res);
	free(l->note);
	l->note = res.note ? strdup(res.note) : NULL;
	if (rc < 0 && !l->note)
		l->note = strdup("The search failed");
	find_register_rows(a, q, &rows);
	if (find_screens(q, 0, &screens) < 0 ||
	    find_merge(rc == 0 ? &res : NULL, &rows, &screens, &merged) < 0)
		app_message(a, true, "Out of memory");
	size_t sel = 0;
	for (size_t i = 0; have_keep && i < merged.n; i++)
		if (same_item(&merged.v[i], &keep)) {
			sel = i;
			break;
		}
	find_list_free(&l->found);
	l->found = merged;
	l->nentries = rc == 0 ? res.n : 0;
	l->sel = sel;
	if (!same_query)
		l->top = 0;
	snprintf(l->found_for, sizeof l->found_for, "%s", q);
	l->tag_cols = tag_columns(&l->found);
	l->key_cols = key_columns(a, &l->found);
	search_results_free(&res);
	find_list_free(&rows);
	find_list_free(&screens);
}

/* Typing only marks the results stale: a burst of keys typed faster than
 * the corpus can be searched is looked up once, when next needed. */
static void ensure_matches(struct app *a)
{
	struct list_state *l = &a->list;
	/* with an index the plain list never changes with the query */
	if (!l->match || (l->stale && !a->index))
		refilter(a);
	if (l->stale && searching(a))
		refind(a);
	l->stale = false;
}

/* How many items are shown, and the screen lines each takes. */
static size_t item_count(const struct app *a)
{
	return searching(a) ? a->list.found.n : a->list.nmatch;
}

static size_t page_items(const struct app *a)
{
	size_t h = (size_t)app_body_rows(a), per = searching(a) ? 2 : 1;
	return h / per > 0 ? h / per : 1;
}

static void keep_visible(struct app *a)
{
	struct list_state *l = &a->list;
	size_t h = page_items(a), n = item_count(a);
	if (l->sel < l->top)
		l->top = l->sel;
	else if (l->sel >= l->top + h)
		l->top = l->sel - h + 1;
	if (n <= h)
		l->top = 0;
	else if (l->top > n - h)
		l->top = n - h;
}

/* ---- drawing ---------------------------------------------------------- */

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

/* Draws a snippet within cols columns from x: the text dim, the words
 * between SEARCH_MARK_ON and SEARCH_MARK_OFF highlighted, an ellipsis
 * where it is cut. */
static void draw_snippet(struct app *a, int y, int x, const char *s, int cols, attr_t base)
{
	attr_t dim = draw_overlay(base, display_style(&a->disp, ST_DIM));
	attr_t mark = draw_overlay(base, display_role(&a->disp, ROLE_MATCH));
	int total = 0;
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, "\x01\x02");
		total += text_width(p, n);
		p += n + (p[n] != '\0');
	}
	int ew = text_width(a->g.ellipsis, strlen(a->g.ellipsis));
	int room = total > cols ? cols - ew : cols;
	int used = 0;
	bool on = false;
	for (const char *p = s; *p && used < room;) {
		size_t n = strcspn(p, "\x01\x02");
		size_t fit = text_fit(p, n, room - used);
		used += draw_text(y, x + used, p, fit, room - used, on ? mark : dim);
		if (fit < n)
			break;
		p += n;
		if (*p)
			on = *p++ == SEARCH_MARK_ON;
	}
	if (total > cols && room >= 0)
		draw_text(y, x + used, a->g.ellipsis, strlen(a->g.ellipsis), cols - used, dim);
}

/* One result: its kind's tag, ID and title on the first line, the
 * snippet (or what the item is) dimmer on the second, if it fits. */
static void draw_item(struct app *a, int y, int rows, const struct find_item *it, int cols,
		      bool sel)
{
	const struct list_state *l = &a->list;
	attr_t base = display_role(&a->disp, sel ? ROLE_SELECT : ROLE_TEXT);
	attr_t bold = draw_overlay(base, display_style(&a->disp, ST_BOLD));
	attr_t dim = draw_overlay(base, display_style(&a->disp, ST_DIM));
	int x = 1, right = cols - 1;
	draw_fill(y, 0, cols, base);
	const char *tag = find_tag(it);
	draw_text(y, x, tag, strlen(tag), right - x, dim);
	x += l->tag_cols + 1;
	if (it->kind != FIND_SCREEN && x < right) {
		char id[16];
		const char *key = it->key;
		if (it->kind == FIND_ENTRY) {
			entry_id_format(it->id, id);
			key = id;
		}
		draw_text_cut(y, x, key ? key : "", l->key_cols - 1 < right - x ? l->key_cols - 1
										 : right - x,
			      bold, a->g.ellipsis);
		x += l->key_cols;
	}
	if (x < right)
		draw_text_cut(y, x, it->title ? it->title : "", right - x,
			      it->kind == FIND_SCREEN ? bold : base, a->g.ellipsis);
	if (y + 1 >= rows)
		return;
	draw_fill(y + 1, 0, cols, base);
	int sx = 1 + l->tag_cols + 1;
	if (sx >= right)
		return;
	if (it->snippet && *it->snippet)
		draw_snippet(a, y + 1, sx, it->snippet, right - sx, base);
	else if (it->kind == FIND_ROW)
		draw_text_cut(y + 1, sx, reg_def((enum reg_kind)it->reg)->title, right - sx, dim,
			      a->g.ellipsis);
}

static void draw_results(struct app *a, int rows, int cols)
{
	struct list_state *l = &a->list;
	attr_t head = display_style(&a->disp, ST_LABEL);
	int x = 1 + l->tag_cols + 1;
	if (x < cols - 1)
		draw_text(0, x, "ID", 2, cols - 1 - x, head);
	/* how the query was read heads the results too: the status line
	 * leaves it only half its width while the query is typed */
	char title[PROMPT_MAX + 16];
	snprintf(title, sizeof title, "Found%s%s", l->note ? a->g.dot : "", l->note ? l->note : "");
	if (x + l->key_cols < cols - 1)
		draw_text_cut(0, x + l->key_cols, title, cols - 1 - x - l->key_cols, head,
			      a->g.ellipsis);
	for (size_t i = l->top; i < l->found.n; i++) {
		int y = 1 + (int)(i - l->top) * 2;
		if (y >= rows)
			break;
		draw_item(a, y, rows, &l->found.v[i], cols, i == l->sel);
	}
	if (l->found.n == 0 && rows > 2)
		draw_text_cut(2, 1, "Nothing found (Esc clears the search).", cols - 2,
			      display_role(&a->disp, ROLE_TEXT), a->g.ellipsis);
}

static void list_draw(struct app *a, int rows, int cols)
{
	struct list_state *l = &a->list;
	ensure_matches(a);
	keep_visible(a);
	if (searching(a)) {
		draw_results(a, rows, cols);
		return;
	}
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

/* ---- keys ------------------------------------------------------------- */

static struct action open_screen(struct app *a, int screen)
{
	switch (screen) {
	case FS_RISKS:
	case FS_DOCS:
	case FS_SOA:
	case FS_ASSETS:
		return app_open_register(a, screen - FS_RISKS + REG_RISK, NULL, NULL);
	case FS_HEAT: {
		struct action r = app_open_register(a, REG_RISK, NULL, NULL);
		if (r.kind != ACT_OPEN)
			return r;
		app_open(a, VIEW_REGISTER);
		return act_open(VIEW_HEAT);
	}
	case FS_CLAUSES:
		return app_open_clauses(a, NULL);
	case FS_TRAIL:
		if (a->hist.n == 0) {
			app_message(a, false, "The trail is empty: open a question first");
			return act(ACT_HANDLED);
		}
		return act_open(VIEW_TRAIL);
	case FS_HELP:
		return act_open(VIEW_HELP);
	}
	return act(ACT_HANDLED);
}

static struct action open_item(struct app *a, const struct find_item *it)
{
	switch (it->kind) {
	case FIND_ENTRY:
		if (!corpus_find(a->corpus, it->id)) {
			char id[16];
			entry_id_format(it->id, id);
			app_message(a, true, "%s is not in the corpus any more (R reloads)", id);
			return act(ACT_HANDLED);
		}
		if (!app_visit(a, it->id))
			return act(ACT_HANDLED);
		return act_open(VIEW_ANSWER);
	case FIND_ROW:
		return app_open_register(a, it->reg, it->key, it->key);
	case FIND_SCREEN:
		return open_screen(a, it->screen);
	}
	return act(ACT_HANDLED);
}

static struct action open_selected(struct app *a)
{
	struct list_state *l = &a->list;
	if (searching(a))
		return l->sel < l->found.n ? open_item(a, &l->found.v[l->sel]) : act(ACT_HANDLED);
	if (l->sel >= l->nmatch)
		return act(ACT_HANDLED);
	if (!app_visit(a, (unsigned)l->match[l->sel]))
		return act(ACT_HANDLED);
	return act_open(VIEW_ANSWER);
}

static void clear_query(struct app *a)
{
	struct list_state *l = &a->list;
	/* the entry selected among the results stays selected in the list */
	if (searching(a)) {
		const struct find_item *it = l->sel < l->found.n ? &l->found.v[l->sel] : NULL;
		l->sel = 0;
		for (size_t i = 0; it && it->kind == FIND_ENTRY && i < l->nmatch; i++)
			if (l->match[i] == it->id)
				l->sel = i;
	}
	prompt_clear(&l->filter);
	l->stale = true;
	free(l->note);
	l->note = NULL;
}

/* While the query is typed, characters edit it; function and control
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
		clear_query(a);
		return act(ACT_HANDLED);
	case PR_PASS:
		break;
	}
	ensure_matches(a);
	if (app_move(cmd, &l->sel, item_count(a), page_items(a)))
		return act(ACT_HANDLED);
	return act(ACT_PASS);
}

static struct action list_key(struct app *a, enum cmd cmd, const struct tui_key *k)
{
	struct list_state *l = &a->list;
	if (l->typing)
		return typing_key(a, cmd, k);
	ensure_matches(a);
	if (app_move(cmd, &l->sel, item_count(a), page_items(a)))
		return act(ACT_HANDLED);
	switch (cmd) {
	case CMD_FILTER:
		l->typing = true;
		return act(ACT_HANDLED);
	case CMD_CLEAR:
		if (l->filter.len)
			clear_query(a);
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

/* ---- status ------------------------------------------------------------ */

static void search_status(struct app *a, char *s, size_t n)
{
	const struct list_state *l = &a->list;
	size_t rows = 0, screens = 0;
	for (size_t i = 0; i < l->found.n; i++) {
		rows += l->found.v[i].kind == FIND_ROW;
		screens += l->found.v[i].kind == FIND_SCREEN;
	}
	int k = snprintf(s, n, "%s%s%zu%s/%zu questions", l->note ? l->note : "",
			 l->note ? a->g.dot : "", l->nentries, l->nentries >= LIST_HITS ? "+" : "",
			 a->corpus->n);
	if (rows && k >= 0 && (size_t)k < n)
		k += snprintf(s + k, n - (size_t)k, "%s%zu row%s", a->g.dot, rows,
			      rows == 1 ? "" : "s");
	if (screens && k >= 0 && (size_t)k < n)
		snprintf(s + k, n - (size_t)k, "%s%zu screen%s", a->g.dot, screens,
			 screens == 1 ? "" : "s");
}

static void list_status(struct app *a, struct view_status *s)
{
	struct list_state *l = &a->list;
	ensure_matches(a);
	int n;
	if (searching(a)) {
		search_status(a, s->where, sizeof s->where);
		n = (int)strlen(s->where);
		if (!l->typing && (size_t)n < sizeof s->where)
			n += snprintf(s->where + n, sizeof s->where - (size_t)n, "%ssearch: %s",
				      a->g.dot, l->filter.text);
	} else {
		n = snprintf(s->where, sizeof s->where, "%zu/%zu questions", l->nmatch,
			     a->corpus->n);
		if (!l->typing && l->filter.len && n >= 0 && (size_t)n < sizeof s->where)
			n += snprintf(s->where + n, sizeof s->where - (size_t)n, "%sfilter: %s",
				      a->g.dot, l->filter.text);
	}
	/* warnings (a README beside the entries) are for `check`, not here */
	if (a->diags && a->diags->errors && n >= 0 && (size_t)n < sizeof s->where)
		snprintf(s->where + n, sizeof s->where - (size_t)n,
			 "%s%zu file%s skipped (ismsnav check)", a->g.dot, a->diags->errors,
			 a->diags->errors == 1 ? "" : "s");
	if (l->typing) {
		s->prompt = &l->filter;
		s->prompt_label = a->index ? "Search: " : "Filter: ";
	}
}

/* ---- the state's life ------------------------------------------------ */

void list_corpus_changed(struct app *a)
{
	struct list_state *l = &a->list;
	size_t cur = l->sel < l->nmatch ? l->match[l->sel] : 0;
	size_t sel = l->sel;
	free(l->match);
	l->match = NULL;
	l->nmatch = 0;
	refilter(a);
	for (size_t i = 0; i < l->nmatch; i++)
		if (l->match[i] == cur)
			l->sel = i;
	if (searching(a)) {
		/* the same query again finds the selection again */
		l->sel = sel;
		refind(a);
	}
}

void list_free(struct app *a)
{
	struct list_state *l = &a->list;
	free(l->match);
	find_list_free(&l->found);
	free(l->note);
	for (int r = 0; r < REG_COUNT; r++)
		find_table_free(&l->rows[r]);
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
