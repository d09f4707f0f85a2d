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
};

static struct glyphs pick_glyphs(void)
{
	if (!strcmp(nl_langinfo(CODESET), "UTF-8"))
		return (struct glyphs){" \xE2\x80\xBA ", "\xE2\x80\xA6", " \xC2\xB7 ",
				       "\xE2\x96\xB8"}; /* › … · ▸ */
	return (struct glyphs){" > ", "...", " - ", ">"};
}

void app_init(struct app *a, struct corpus *c, const struct diag_list *diags)
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
}

void app_free(struct app *a)
{
	free(a->list.match);
	answer_free(&a->answer.ans);
	layout_doc_free(&a->help.doc);
	history_free(&a->hist);
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
