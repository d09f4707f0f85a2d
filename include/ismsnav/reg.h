/* The registers' model: which registers exist, their fields (one X-macro
 * table, src/core/regfields.def, drives storage, validation, the CLI, CSV
 * and JSON headers, the table view and the forms) and the pure rules on
 * values: parsing, normalising, cross-field checks, derived scores.
 * Nothing here touches SQLite; store.h does. Strings returned through
 * `char **out` are owned by the caller. Errors are written into a
 * caller-provided buffer as one sentence naming the field. */
#ifndef ISMSNAV_REG_H
#define ISMSNAV_REG_H

#include <stdbool.h>
#include <stddef.h>

#include "ismsnav/util.h"

#define REG_ERR_MAX 512
#define REG_TEXT_MAX 4096   /* bytes in a one-line field */
#define REG_NOTE_MAX 65536  /* bytes in a long text field */
#define REG_LINKS_MAX 500   /* IDs in one link field */
#define REG_FIELDS_MAX 32   /* fields of one register */
#define REG_ID_MAX 999999   /* the highest row number (R-999999): rows per register */

enum reg_kind { REG_RISK, REG_DOC, REG_SOA, REG_ASSET, REG_COUNT };

enum reg_ftype {
	FT_ID,      /* the row's key: R-001, DOC-001, A-001, or a control (5.1) */
	FT_TEXT,    /* short text (kept verbatim, newlines included) */
	FT_NOTE,    /* longer text, shown wrapped in the row view */
	FT_RATING,  /* an integer 1..5 */
	FT_ENUM,    /* one of field->values */
	FT_BOOL,    /* yes or no */
	FT_DATE,    /* YYYY-MM-DD, a real calendar date */
	FT_STAMP,   /* YYYY-MM-DDTHH:MM:SSZ, kept by the store */
	FT_LINKS,   /* IDs of rows of register field->target, ", "-separated */
	FT_SCORE,   /* derived: likelihood x impact */
	FT_LEVEL    /* derived: the band of a score */
};

enum {
	RF_REQ = 1 << 0,     /* may not be empty */
	RF_DERIVED = 1 << 1, /* computed; printed, never read back */
	RF_AUTO = 1 << 2,    /* kept by the store (timestamps); import keeps them */
	RF_FIXED = 1 << 3,   /* from the standard (SoA theme and title) */
	RF_TABLE = 1 << 4,   /* a column of the table view and `--format table` */
	RF_PSEUDO = 1 << 5   /* accepted on add/set only, never stored as a column */
};

struct reg_field {
	const char *name;   /* snake_case: CLI, CSV and JSON name, SQL column */
	const char *label;  /* for people */
	const char *head;   /* short table heading */
	enum reg_ftype type;
	unsigned flags;
	const char *const *values; /* FT_ENUM: NULL-terminated, stored form */
	enum reg_kind target;      /* FT_LINKS: the register linked to */
	const char *src1, *src2;   /* FT_SCORE: the two ratings; FT_LEVEL: the score */
	int width;                 /* preferred table width in columns */
};

struct reg_def {
	enum reg_kind kind;
	const char *name;      /* risk, isms_artifacts, soa, assets */
	const char *title;     /* "Risk register" */
	const char *table;     /* SQL table */
	const char *id_prefix; /* "R-", or NULL where IDs are not generated */
	const struct reg_field *fields;
	size_t nfields;
	bool fixed_rows;       /* the SoA: rows can be changed, never added */
};

const struct reg_def *reg_def(enum reg_kind k);
/* By name or a usual alias (risks, documents, docs, artifacts, asset). */
const struct reg_def *reg_find(const char *name);
/* The index of a field by name, or -1. */
int reg_field_index(const struct reg_def *d, const char *name);

/* Checks one value typed by a person and returns its stored form in *out:
 * enum values folded to lower case with spaces and hyphens as '_', "yes"
 * for y/yes/true/1, dates as YYYY-MM-DD, links normalised ("A.5.15" ->
 * "5.15", "r-1" -> "R-001") and joined with ", ". Empty input gives "".
 * Returns 0, or -1 with a message naming the field and what it accepts. */
int reg_parse_value(const struct reg_def *d, const struct reg_field *f,
		    const char *in, char **out, char *err, size_t errlen);

/* Normalises one row ID of register d ("r-7" -> "R-007", "A.5.1" -> "5.1").
 * Returns 0 or -1 when it is not an ID of that register. */
int reg_parse_id(const struct reg_def *d, const char *in, char *out, size_t outlen);

/* Rules that involve several fields of one complete row (cells in stored
 * form, one per field, "" when empty): required fields, acceptance
 * details, residual ratings in pairs, a justification for an excluded
 * control, approval details of approved documents. */
int reg_check_row(const struct reg_def *d, char *const *cells, char *err, size_t errlen);

/* May an ISMS document move from status `from` to `to`? (Staying put is
 * always allowed.) On refusal, names the statuses that are allowed. */
int reg_doc_transition(const char *from, const char *to, char *err, size_t errlen);

/* Score bands: 1-4 low, 5-9 medium, 10-16 high, 17-25 critical. */
const char *reg_level(int score);
/* Fills the derived cells (score, level) of a row from its ratings. */
int reg_derive(const struct reg_def *d, char **cells);
/* Writes the value of field i into out when it is a derived field (true),
 * from the other cells of the row. */
bool reg_derived_text(const struct reg_def *d, char *const *cells, size_t i, char out[16]);

/* Natural order of IDs, digit runs by value: R-9 < R-10, 5.9 < 5.10. */
int reg_id_cmp(const char *a, const char *b);

/* A valid calendar date YYYY-MM-DD. */
bool reg_date_valid(const char *s);

/* Today's date and the current time in UTC, honouring SOURCE_DATE_EPOCH
 * so tests and reproducible demos get fixed timestamps. */
void reg_today(char out[11]);
void reg_now(char out[21]);

/* ---- a register loaded in memory, for views and printing ---- */

struct reg_row {
	char **cell; /* one per field, never NULL ("" when empty) */
};

struct reg_table {
	const struct reg_def *def;
	struct reg_row *rows;
	size_t n, cap;
	/* per row, its cells lower-cased and joined, built by the first
	 * reg_filter (the search text), and how many rows it covers */
	char **hay;
	size_t nhay;
	/* set in tables the store loads: the rows' cells and strings live in
	 * it, so such rows are never freed or replaced one by one */
	struct isn_arena *arena;
};

/* Appends a row, taking ownership of cells (an array of d->nfields strings). */
int reg_table_push(struct reg_table *t, char **cells);
void reg_table_free(struct reg_table *t);
void reg_row_free(const struct reg_def *d, char **cells);
/* The row with that ID, or -1. */
long reg_table_find(const struct reg_table *t, const char *id);

/* Orders idx[0..n) (row numbers of t) by field f: ratings, scores and
 * levels by value, IDs naturally (R-2 before R-10), text without regard
 * to case; empty cells last; ties keep the ID order. Stable. */
void reg_sort(const struct reg_table *t, size_t *idx, size_t n, int f, bool desc);

/* Keeps in idx the rows in which every word of `query` appears in some
 * cell (ignoring the case of ASCII letters); returns the new count. An
 * empty query keeps all. The first call builds the table's search text
 * (about the size of the cells again), so later keystrokes scan one
 * string per row. */
size_t reg_filter(struct reg_table *t, size_t *idx, size_t n, const char *query);

/* Counts risks per (likelihood, impact) cell: heat[l-1][i-1]. Rows
 * without both ratings are not counted. residual selects the residual
 * ratings. Returns how many rows were placed. */
size_t reg_heat(const struct reg_table *t, bool residual, unsigned heat[5][5]);
/* Does row r sit in heat map cell (l, i)? */
bool reg_heat_match(const struct reg_table *t, size_t r, bool residual, int l, int i);

#endif
