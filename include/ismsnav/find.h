/* What search as you type finds besides the corpus's entries: register
 * rows (risks, documents, SoA controls, assets) by their words, and the
 * navigator's screens by name ("risk register", "heat map"), so typing
 * what one wants takes one there; and the order in which entries, rows
 * and screens are shown together.
 *
 * Words. A query is cut into words (letters, digits, and '.', '-' or '_'
 * inside a word, so "R-003" and "5.15" stay whole), lower-cased (ASCII),
 * with English stop words, FTS5 operators (AND, OR, NOT) and one-letter
 * words dropped. A word matches a word of the text that starts with it
 * ("risk" finds "risks"); British spellings are folded as the search
 * index folds them (search_fold), so "organisation" finds
 * "organization" and back. "A.5.15" finds SoA control 5.15.
 *
 * Strength. A row or screen matching every word is a strong match; one
 * matching at least half of three or more words is a weak one; others
 * are not found. Rows are searched in their ID, text, note and choice
 * fields (not ratings, dates or links).
 *
 * Order (find_merge): strong screens, then the three best entries, then
 * strong rows, then the other entries in their rank order, then weak
 * screens and weak rows.
 *
 * Memory: a find_list owns its items and their strings (find_list_free).
 * Functions return 0, or -1 when memory ran out (the list is then left
 * as it was before the call). */
#ifndef ISMSNAV_FIND_H
#define ISMSNAV_FIND_H

#include <stdbool.h>
#include <stddef.h>

#include "ismsnav/reg.h"
#include "ismsnav/search.h"

enum find_kind { FIND_ENTRY, FIND_ROW, FIND_SCREEN };

/* The screens that can be found by name. */
enum find_screen {
	FS_RISKS,
	FS_DOCS,
	FS_SOA,
	FS_ASSETS,
	FS_HEAT,
	FS_CLAUSES,
	FS_TRAIL,
	FS_HELP,
	FS_COUNT
};

enum find_strength { FIND_WEAK = 1, FIND_STRONG = 2 };

struct find_item {
	enum find_kind kind;
	int reg;              /* FIND_ROW: an enum reg_kind */
	int screen;           /* FIND_SCREEN: an enum find_screen */
	unsigned id;          /* FIND_ENTRY: the entry's ID */
	char *key;            /* FIND_ROW: the row's ID ("R-003", "5.15") */
	char *title;          /* the question, the row's title, the screen's name */
	char *snippet;        /* matched words between SEARCH_MARK_ON/OFF, or NULL */
	int strength;         /* rows and screens */
};

struct find_list {
	struct find_item *v;
	size_t n, cap;
};

/* The short tag that marks an item's kind: "Q", "risk", "doc", "SoA",
 * "asset" or "screen". */
const char *find_tag(const struct find_item *it);
/* A screen's name, as found and shown. */
const char *find_screen_name(int screen);

/* Appends the screens whose names match query, strongest first. Screens
 * not in skip (a bit per enum find_screen) are the ones searched. */
int find_screens(const char *query, unsigned skip, struct find_list *out);

/* A register's rows made ready for find_rows: the words of each row's
 * searched fields, lower-cased and folded once (the costly part), so
 * that a key press only compares. It refers to t: make it again when t
 * is loaded again or changed. */
struct find_table {
	const struct reg_table *t;
	char **words;  /* per row, its folded words separated by spaces */
	size_t n;
};
int find_table_init(struct find_table *ft, const struct reg_table *t);
void find_table_free(struct find_table *ft);

/* Appends the rows of ft's table that match query, strong before weak,
 * each in ID order, at most max. */
int find_rows(const struct find_table *ft, const char *query, size_t max,
	      struct find_list *out);

/* Builds into out (emptied first) the shown order of the entries hits
 * (in their rank order), rows and screens (found by the functions
 * above). rows and screens are left as they were. */
int find_merge(const struct search_results *hits, const struct find_list *rows,
	       const struct find_list *screens, struct find_list *out);

void find_list_clear(struct find_list *l);
void find_list_free(struct find_list *l);

#endif
