/* The one application state of the navigator, the view interface (a
 * small table of functions per view, as tig's view_ops) and the actions a
 * key handler returns instead of drawing. */
#ifndef TUI_APP_H
#define TUI_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "ismsnav/answer.h"
#include "ismsnav/clausetree.h"
#include "ismsnav/corpus.h"
#include "ismsnav/find.h"
#include "ismsnav/history.h"
#include "ismsnav/layout.h"
#include "ismsnav/reg.h"
#include "ismsnav/store.h"
#include "tui/display.h"
#include "tui/keys.h"
#include "tui/prompt.h"

#define APP_MIN_COLS 40
#define APP_MIN_ROWS 10

enum view_id {
	VIEW_LIST,
	VIEW_ANSWER,
	VIEW_REGISTER, /* a register's table */
	VIEW_ROW,      /* one row with every field and its links */
	VIEW_FORM,     /* adding or editing a row */
	VIEW_HEAT,     /* the risk heat map */
	VIEW_MENU,     /* a pick list: registers, actions, values */
	VIEW_CLAUSES,  /* the clause index */
	VIEW_TRAIL,
	VIEW_HELP,
	VIEW_COUNT
};

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
struct search_index;

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
	size_t *match;     /* IDs of the entries shown */
	size_t nmatch;
	size_t sel, top;
	int id_cols;       /* width of the ID column */
	struct prompt filter;
	bool typing;
	bool stale;        /* the filter changed since `match` was computed */
	/* with the index, the query's results in the order shown (list.c) */
	struct find_list found;
	char found_for[PROMPT_MAX]; /* the query `found` holds the results of */
	char *note;        /* how the index read the query, or NULL */
	size_t nentries;   /* entries among the results */
	int tag_cols, key_cols;
	struct find_table rows[REG_COUNT]; /* registers ready to search */
	unsigned long rows_load[REG_COUNT]; /* the load each was made from, 0: none */
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

/* The register screen of the current history step. */
struct register_state {
	struct store *store;       /* opened when first needed */
	bool store_failed;
	char store_err[REG_ERR_MAX];
	struct reg_table tab[REG_COUNT];
	bool loaded[REG_COUNT];
	unsigned long loads[REG_COUNT]; /* times each was loaded (searches notice) */
	int reg;                   /* the register shown, or -1 */
	unsigned long step;        /* the history step shown (its serial) */
	const char *only;          /* the step's narrowing, or NULL */
	size_t *idx;               /* rows shown, in display order */
	size_t n;
	size_t sel, top;
	int sort[REG_COUNT];       /* field sorted by, per register */
	bool desc[REG_COUNT];
	struct prompt filter;
	bool typing;
	bool stale;
	int heat_l, heat_i;        /* a heat map cell narrowing the risks, or 0 */
	bool heat_residual;
	bool confirm_delete;       /* waiting for y/n */
	int delete_reg;            /* what would be deleted */
	char delete_id[32];
	/* the fitted columns, for the whole register (so they stay put while
	 * a filter is typed), valid for one table load and one width */
	int fit_reg, fit_width;
	bool fit_valid;
	size_t ncols;
	int col_field[32], col_width[32];
	char last_filter[PROMPT_MAX]; /* the filter idx was last computed for */
};

/* One row: the lines the detail view shows and the links among them. */
struct row_link {
	int reg;        /* a register to open, or -1 for an answer */
	unsigned entry; /* the answer's entry ID */
	char *only;     /* the register rows (owned) */
	char *title;    /* owned */
	size_t line;    /* where it is drawn */
};

struct row_state {
	char **cells;  /* a copy of the row (owned) */
	int reg;
	struct isn_strlist lines; /* "Label\tvalue" per line */
	struct row_link *links;
	size_t nlinks, links_cap, sel_link;
	size_t top;
};

#define FORM_FIELDS_MAX 32

struct form_state {
	int reg;
	bool adding;
	char id[32];
	char *value[FORM_FIELDS_MAX]; /* what the form holds, per field (owned) */
	bool changed[FORM_FIELDS_MAX];
	int field[FORM_FIELDS_MAX];   /* the editable fields, in order */
	size_t nfield, sel, top;
	struct prompt edit;
	bool typing;
};

enum menu_kind { MENU_REGISTERS, MENU_ACTIONS, MENU_VALUES, MENU_SORT };

#define MENU_MAX 40

struct menu_state {
	enum menu_kind kind;
	char title[96];
	char item[MENU_MAX][128];
	int value[MENU_MAX];     /* what choosing item i means to the caller */
	size_t n, sel;
};

struct heat_state {
	int l, i;                /* the cell under the cursor, 1..5 */
};

struct help_state {
	struct layout_doc doc;
	bool laid;
	size_t top;
};

struct trail_state {
	size_t sel, top;
};

/* The clause index: one tree for the whole session, so that its
 * expansion and selection survive opening an entry and coming back. */
struct clauses_state {
	struct clausetree tree;
	bool loaded;               /* the tree was read from the index */
	bool stale;                /* read it again before showing it */
	bool failed;               /* the index could not be read */
	size_t sel, top;
	struct ct_key sel_key;     /* the selection, found again after a reload */
	char focus[256];           /* a reference to select when next shown, or "" */
	struct prompt filter;
	bool typing;
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
	struct diag_list *diags;  /* the corpus's problems (R loads them again) */
	const char *const *corpus_paths; /* for R when there is no index */
	size_t ncorpus;
	struct display disp;
	struct glyphs g;
	struct history hist;
	enum view_id stack[VIEW_COUNT];
	size_t depth;
	struct list_state list;
	struct answer_state answer;
	struct help_state help;
	struct trail_state trail;
	struct register_state reg;
	struct row_state row;
	struct form_state form;
	struct menu_state menu;
	struct heat_state heat;
	struct clauses_state clauses;
	const char *db_path;
	bool demo;
	struct search_index *index; /* search, clause index, backlinks; may be NULL */
	int rows, cols;       /* the screen */
	char msg[256];        /* shown in the status line until the next key */
	bool msg_error;
	int cursor_y, cursor_x; /* where the text cursor shows, or -1 */
	bool quit;
};

extern const struct view_ops list_view, answer_view, trail_view, help_view;
extern const struct view_ops register_view, row_view, form_view, heat_view, menu_view;
extern const struct view_ops clauses_view;

void app_init(struct app *a, struct corpus *c, struct diag_list *diags);
void app_free(struct app *a);
const struct view_ops *app_ops(enum view_id v);
enum view_id app_top(const struct app *a);
void app_open(struct app *a, enum view_id v);
/* Closes the top view; returns false when it was the last one. */
bool app_close(struct app *a);
void app_message(struct app *a, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Entry id in full, parsed from its file when first needed (reload.c);
 * NULL when it is not in the corpus. A file broken or gone since it was
 * indexed gives the head and a message naming the file and line. */
const struct entry *app_entry(struct app *a, unsigned id);
/* The reload key: brings the index and the corpus up to date, keeping
 * the trail and the views whose entries still exist. */
struct action app_reload(struct app *a);
/* The corpus was read again: the list finds its selection by ID. */
void list_corpus_changed(struct app *a);
void list_free(struct app *a);
/* Visits entry id: a new history step, read from the top. */
bool app_visit(struct app *a, unsigned id);
void row_state_free(struct app *a);
void row_refresh(struct app *a);
void form_state_free(struct app *a);
/* Opens the form to add a row (id NULL) or edit row id of register reg. */
struct action form_start(struct app *a, int reg, const char *id);
void form_value_chosen(struct app *a, int choice);
void register_sort_chosen(struct app *a, int field);
void register_heat_chosen(struct app *a, int l, int i, bool residual);
struct action register_ask_delete(struct app *a, int reg, const char *id);
bool register_confirming(const struct app *a);
struct action register_confirm_key(struct app *a, const struct tui_key *k);
/* Shows the current history step in its view (answer or register). */
struct action app_show_step(struct app *a);
/* Opens register `reg` as a new history step (narrowed to `only`). */
struct action app_open_register(struct app *a, int reg, const char *only, const char *title);
/* The register store, opened on first use; NULL (with a message shown)
 * when it cannot be opened. */
struct store *app_store(struct app *a);
/* A register's rows, loaded on first use or after a change; NULL on error. */
struct reg_table *app_table(struct app *a, int reg);
/* Forgets loaded registers after a change so they are read again. */
void app_tables_changed(struct app *a);
/* Opens the register switcher. */
struct action app_switcher(struct app *a);
/* Opens the clause index as a new history step, at reference ref (as
 * cited, e.g. "ISO27001:2022/A.5.18") when it is not NULL. */
struct action app_open_clauses(struct app *a, const char *ref);
/* Asks the clause index to select ref when it is next shown. */
void clauses_focus(struct app *a, const char *ref);
void clauses_state_free(struct app *a);
/* The short name of a step for breadcrumbs and the trail. */
void app_step_name(const struct app *a, const struct history_step *st, char *out, size_t n);
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
