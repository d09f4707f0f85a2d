/* The help view: the key table (keys.def) laid out by the core's
 * paragraph wrapper at the screen width, one section per group of keys,
 * so the help can never disagree with what the keys do. */
#include <stdio.h>
#include <string.h>

#include "tui/app.h"
#include "tui/draw.h"

#define HELP_INDENT "  "
#define NARROW_TEXT_COLS 24 /* below this much room beside the keys, stack them */

static void add_para(struct layout_doc *d, const char *text, uint16_t style,
		     const char *first, const char *cont, uint16_t prefix_style)
{
	struct layout_para p = {0};
	layout_para_add(&p, text, strlen(text), style, -1);
	layout_emit(d, &p, first, cont, prefix_style);
	layout_para_free(&p);
}

static int label_cols(const struct key_row *rows, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n; i++)
		if (rows[i].label && (int)strlen(rows[i].label) > w)
			w = (int)strlen(rows[i].label);
	return w + 2;
}

/* "  j, Down      Down one line", or on a narrow screen the keys on a
 * line of their own above the indented text. */
static void add_key(struct layout_doc *d, const struct key_row *r, int lw)
{
	char first[64], cont[64];
	bool narrow = d->width - lw - (int)strlen(HELP_INDENT) < NARROW_TEXT_COLS;
	if (narrow) {
		add_para(d, r->label, ST_BOLD, HELP_INDENT, HELP_INDENT, 0);
		add_para(d, r->help, 0, HELP_INDENT "    ", HELP_INDENT "    ", 0);
		return;
	}
	snprintf(first, sizeof first, HELP_INDENT "%-*s", lw, r->label);
	snprintf(cont, sizeof cont, HELP_INDENT "%*s", lw, "");
	add_para(d, r->help, 0, first, cont, ST_BOLD);
}

static void build(struct app *a)
{
	struct help_state *h = &a->help;
	size_t n;
	const struct key_row *rows = keys_table(&n);
	int lw = label_cols(rows, n);
	layout_doc_free(&h->doc);
	layout_doc_init(&h->doc, a->cols);
	for (size_t i = 0; i < n; i++) {
		if (rows[i].cmd == CMD_NONE) {
			if (i > 0)
				layout_blank(&h->doc);
			add_para(&h->doc, rows[i].help, ST_HEADING, " ", " ", 0);
		} else {
			add_key(&h->doc, &rows[i], lw);
		}
	}
	h->laid = !h->doc.error;
	if (!h->laid)
		app_message(a, true, "Out of memory");
}

static size_t max_top(const struct app *a)
{
	size_t n = a->help.doc.n, h = (size_t)app_body_rows(a);
	return n > h ? n - h : 0;
}

static void sync(struct app *a)
{
	struct help_state *h = &a->help;
	if (!h->laid || h->doc.width != a->cols)
		build(a);
	if (h->top > max_top(a))
		h->top = max_top(a);
}

static void help_enter(struct app *a)
{
	a->help.top = 0;
}

static void help_draw(struct app *a, int rows, int cols)
{
	sync(a);
	const struct layout_doc *d = &a->help.doc;
	draw_text_cut(0, 1, "Keys of ismsnav: q or Esc closes this help", cols - 2,
		      display_style(&a->disp, ST_TITLE | ST_BOLD), a->g.ellipsis);
	for (int y = 1; y < rows && a->help.top + (size_t)(y - 1) < d->n; y++)
		draw_doc_line(&a->disp, y, &d->lines[a->help.top + (size_t)(y - 1)], cols, NULL);
}

static struct action help_key(struct app *a, enum cmd cmd, const struct tui_key *k)
{
	(void)k;
	sync(a);
	if (app_move(cmd, &a->help.top, max_top(a) + 1, (size_t)app_body_rows(a)))
		return act(ACT_HANDLED);
	return cmd == CMD_LEAVE ? act(ACT_CLOSE) : act(ACT_PASS);
}

static void help_resize(struct app *a)
{
	sync(a);
}

static void help_status(struct app *a, struct view_status *s)
{
	size_t n = a->help.doc.n, h = (size_t)app_body_rows(a);
	size_t pct = n <= h ? 100 : (a->help.top + h) * 100 / n;
	snprintf(s->where, sizeof s->where, "%zu%%", pct);
}

const struct view_ops help_view = {
	.name = "Help",
	.scope = KS_HELP,
	.page = false,
	.enter = help_enter,
	.draw = help_draw,
	.key = help_key,
	.resize = help_resize,
	.status = help_status,
};
