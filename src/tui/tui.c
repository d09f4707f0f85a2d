/* The navigator's main loop: read a key, let the top view turn it into an
 * action, apply the action, draw. Also the parts of the screen that do
 * not belong to one view: the status line and the "too small" notice. */
#include "tui/tui.h"

#include <stdio.h>
#include <string.h>

#include "ismsnav/text.h"
#include "tui/app.h"
#include "tui/draw.h"

static bool too_small(const struct app *a)
{
	return a->cols < APP_MIN_COLS || a->rows < APP_MIN_ROWS;
}

static void draw_centred(const struct app *a, int y, const char *s, attr_t attr)
{
	int w = text_width(s, strlen(s));
	int x = w < a->cols ? (a->cols - w) / 2 : 0;
	if (y >= 0 && y < a->rows)
		draw_text_cut(y, x, s, a->cols - x, attr, a->g.ellipsis);
}

static void draw_too_small(const struct app *a)
{
	char need[64];
	snprintf(need, sizeof need, "need %dx%d, have %dx%d", APP_MIN_COLS, APP_MIN_ROWS,
		 a->cols, a->rows);
	int y = a->rows / 2 - 1;
	draw_centred(a, y, "Terminal too small", display_style(&a->disp, ST_BOLD));
	draw_centred(a, y + 1, need, display_role(&a->disp, ROLE_TEXT));
	draw_centred(a, y + 2, "q quits", display_style(&a->disp, ST_DIM));
}

/* The label and the typed text, its tail when it is too long, with the
 * cursor after it. */
static void draw_prompt(struct app *a, int y, const struct view_status *s, int room,
			attr_t attr)
{
	const char *t = s->prompt->text;
	size_t n = s->prompt->len;
	int x = 1 + draw_text(y, 1, s->prompt_label, strlen(s->prompt_label), room, attr);
	int avail = room - (x - 1) - 1;
	while (n && text_width(t, n) > avail) {
		uint32_t cp;
		size_t k = text_decode(t, n, &cp);
		t += k;
		n -= k;
	}
	x += draw_text(y, x, t, n, avail, attr);
	a->cursor_y = y;
	a->cursor_x = x;
}

static void draw_status(struct app *a)
{
	const struct view_ops *v = app_ops(app_top(a));
	struct view_status s = {0};
	v->status(a, &s);
	int y = a->rows - 1, cols = a->cols;
	attr_t bar = display_role(&a->disp, ROLE_BAR);
	draw_fill(y, 0, cols, bar);
	/* while typing, '?' is text: the right side shows the counts instead,
	 * or why a key typed was not taken */
	const char *right = !s.prompt ? "? help"
			    : s.prompt->full ? "full: 255 bytes at most" : s.where;
	int rw = text_width(right, strlen(right));
	if (rw > cols / 2)
		rw = cols / 2;
	int room = cols - rw - 3;
	draw_text_cut(y, cols - rw - 1, right, rw, bar, a->g.ellipsis);
	if (s.prompt) {
		draw_prompt(a, y, &s, room, bar);
	} else if (a->msg[0]) {
		attr_t at = a->msg_error ? draw_overlay(bar, display_role(&a->disp, ROLE_ERROR)) : bar;
		draw_text_cut(y, 1, a->msg, room, at, a->g.ellipsis);
	} else {
		attr_t bold = draw_overlay(bar, display_style(&a->disp, ST_BOLD));
		int x = 1 + draw_text(y, 1, v->name, strlen(v->name), room, bold) + 2;
		draw_text_cut(y, x, s.where, room - x + 1, bar, a->g.ellipsis);
	}
}

static void draw(struct app *a)
{
	erase();
	a->cursor_y = a->cursor_x = -1;
	if (too_small(a)) {
		draw_too_small(a);
	} else {
		app_ops(app_top(a))->draw(a, a->rows - 1, a->cols);
		draw_status(a);
	}
	if (a->cursor_y >= 0) {
		curs_set(1);
		move(a->cursor_y, a->cursor_x);
	} else {
		curs_set(0);
	}
	refresh();
}

static void on_resize(struct app *a)
{
	getmaxyx(stdscr, a->rows, a->cols);
	if (too_small(a))
		return;
	for (size_t i = 0; i < a->depth; i++) {
		const struct view_ops *v = app_ops(a->stack[i]);
		if (v->resize)
			v->resize(a);
	}
}

/* What a key means when the view leaves it alone. */
static struct action global_key(struct app *a, enum cmd cmd)
{
	switch (cmd) {
	case CMD_REGISTERS:
		return app_switcher(a);
	case CMD_CLAUSES:
		return app_open_clauses(a, NULL);
	case CMD_RELOAD:
		return app_reload(a);
	case CMD_HELP:
		return act_open(VIEW_HELP);
	case CMD_CLOSE:
		return act(ACT_CLOSE);
	case CMD_QUIT:
		return act(ACT_QUIT);
	case CMD_REDRAW:
		return act(ACT_REDRAW);
	case CMD_SUSPEND:
		display_suspend();
		return act(ACT_REDRAW);
	default:
		return act(ACT_HANDLED);
	}
}

static void apply(struct app *a, struct action r)
{
	switch (r.kind) {
	case ACT_PASS:
	case ACT_HANDLED:
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACT_OPEN:
		app_open(a, r.view);
		break;
	case ACT_CLOSE:
		if (!app_close(a))
			a->quit = true;
		break;
	case ACT_QUIT:
		a->quit = true;
		break;
	}
}

static void on_key(struct app *a, const struct tui_key *k)
{
	a->msg[0] = '\0';
	if (k->fn && k->code == KEY_RESIZE) {
		on_resize(a);
		return;
	}
	const struct view_ops *v = app_ops(app_top(a));
	enum cmd cmd = keys_lookup(k, v->scope);
	if (too_small(a)) {
		/* nothing is visible to act on; only leaving makes sense */
		if (cmd == CMD_CLOSE || cmd == CMD_QUIT)
			a->quit = true;
		return;
	}
	struct action r = v->key(a, cmd, k);
	apply(a, r.kind == ACT_PASS ? global_key(a, cmd) : r);
}

int tui_run(struct corpus *c, struct diag_list *diags, const struct tui_opts *opts)
{
	const char *theme = opts ? opts->theme : NULL;
	char err[160];
	struct app a;
	app_init(&a, c, diags);
	a.db_path = opts ? opts->db_path : NULL;
	a.demo = opts && opts->demo;
	a.index = opts ? opts->index : NULL;
	a.corpus_paths = opts ? opts->corpus_paths : NULL;
	a.ncorpus = opts ? opts->ncorpus : 0;
	if (display_start(&a.disp, theme, err, sizeof err) != 0) {
		fprintf(stderr, "ismsnav: %s\n", err);
		app_free(&a);
		return tui_theme_valid(theme) ? 1 : 2;
	}
	getmaxyx(stdscr, a.rows, a.cols);
	int rc = 0;
	while (!a.quit) {
		if (!display_key_pending())
			draw(&a);
		struct tui_key k;
		if (!display_read_key(&k)) {
			rc = 1; /* the terminal is gone: nobody asked to quit */
			break;
		}
		on_key(&a, &k);
	}
	display_end(&a.disp);
	app_free(&a);
	return rc;
}
