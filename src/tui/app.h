/* The one application state of the navigator, the view interface (a
 * small table of functions per view, as tig's view_ops) and the actions a
 * key handler returns instead of drawing. */
#ifndef TUI_APP_H
#define TUI_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "ismsnav/answer.h"
#include "ismsnav/corpus.h"
#include "ismsnav/history.h"
#include "ismsnav/layout.h"
#include "tui/display.h"
#include "tui/keys.h"
#include "tui/prompt.h"

#define APP_MIN_COLS 40
#define APP_MIN_ROWS 10

enum view_id { VIEW_LIST, VIEW_ANSWER, VIEW_TRAIL, VIEW_HELP, VIEW_COUNT };

enum act_kind {
	ACT_PASS,    /* not for this view: the app applies its global meaning */
	ACT_HANDLED, /* state changed (or not); draw as usual */
	ACT_REDRAW,  /* repaint the whole screen */
	ACT_OPEN,    /* show another view */
	ACT_CLOSE,   /* close this view */
	ACT_QUIT
};

struct action {
	enum act_kind kind;
	enum view_id view; /* for ACT_OPEN */
};

struct app;

/* A view's part of the status line. */
struct view_status {
	char where[160];             /* e.g. "Q010 · 34%" */
	const struct prompt *prompt; /* a field being typed into, or NULL */
	const char *prompt_label;
};

struct view_ops {
	const char *name;  /* shown in the status line */
	unsigned scope;    /* KS_* rows of the key table that apply */
	bool page;         /* a main view: opening it closes help and trail */
	void (*enter)(struct app *a);
	/* draws rows [0, rows) of the screen; the status line is the app's */
	void (*draw)(struct app *a, int rows, int cols);
	struct action (*key)(struct app *a, enum cmd cmd, const struct tui_key *k);
	void (*resize)(struct app *a);
	void (*status)(struct app *a, struct view_status *s);
};

struct list_state {
	size_t *match;     /* corpus indexes of the entries shown */
	size_t nmatch;
	size_t sel, top;
	int id_cols;       /* width of the ID column */
	struct prompt filter;
	bool typing;
	bool stale;        /* the filter changed since `match` was computed */
};

struct answer_state {
	struct answer ans;
	bool laid;         /* ans holds entry `id` laid out at `width` */
	unsigned id;
	int width;
	struct prompt search;
	bool typing;
	char query[PROMPT_MAX]; /* the search being highlighted, or "" */
	long match_line;   /* line of the current match, or -1 */
};

struct help_state {
	struct layout_doc doc;
	bool laid;
	size_t top;
};

struct trail_state {
	size_t sel, top;
};

/* Strings that depend on whether the terminal speaks UTF-8. */
struct glyphs {
	const char *sep;      /* between breadcrumb steps */
	const char *ellipsis;
	const char *dot;      /* between status fields */
	const char *mark;     /* the current trail step */
};

struct app {
	struct corpus *corpus;
	const struct diag_list *diags;
	struct display disp;
	struct glyphs g;
	struct history hist;
	enum view_id stack[VIEW_COUNT];
	size_t depth;
	struct list_state list;
	struct answer_state answer;
	struct help_state help;
	struct trail_state trail;
	int rows, cols;       /* the screen */
	char msg[256];        /* shown in the status line until the next key */
	bool msg_error;
	int cursor_y, cursor_x; /* where the text cursor shows, or -1 */
	bool quit;
};

extern const struct view_ops list_view, answer_view, trail_view, help_view;

void app_init(struct app *a, struct corpus *c, const struct diag_list *diags);
void app_free(struct app *a);
const struct view_ops *app_ops(enum view_id v);
enum view_id app_top(const struct app *a);
void app_open(struct app *a, enum view_id v);
/* Closes the top view; returns false when it was the last one. */
bool app_close(struct app *a);
void app_message(struct app *a, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Visits entry id: a new history step, read from the top. */
bool app_visit(struct app *a, unsigned id);
/* Rows left for a view's content below its title line. */
int app_body_rows(const struct app *a);

static inline struct action act(enum act_kind k)
{
	return (struct action){k, VIEW_LIST};
}

static inline struct action act_open(enum view_id v)
{
	return (struct action){ACT_OPEN, v};
}

/* Moves a position within [0, n) by a movement command; `page` is the
 * screen height. Returns false for a command that is not a movement. */
bool app_move(enum cmd cmd, size_t *pos, size_t n, size_t page);

#endif
