/* Printing a loaded register: CSV that store_import_csv reads back, JSON,
 * a Markdown table, and the fitted plain-text table that the terminal UI
 * shares. Rows are printed in the order idx[0..n) (row numbers of t; a
 * NULL idx means rows 0..n in table order). Output is appended to the
 * caller's isn_buf; functions return 0, or -1 when memory runs out or a
 * callback fails, and then leave the buffer as it was. Never touches
 * SQLite, so printing can be tested without a database. */
#ifndef ISMSNAV_REGFMT_H
#define ISMSNAV_REGFMT_H

#include <stddef.h>

#include "ismsnav/reg.h"
#include "ismsnav/util.h"

/* Every field except RF_PSEUDO ones as the header (field names), then one
 * record per row, RFC 4180 with CRLF. Derived and fixed fields are printed
 * too; the import skips them when it reads the file back. */
int regfmt_csv(const struct reg_table *t, const size_t *idx, size_t n, struct isn_buf *out);

/* Fills *out with the revision history of document `id` (a table of
 * store_revision_def rows); 0, or -1 to stop the printing. */
typedef int (*regfmt_revisions_fn)(void *ctx, const char *id, struct reg_table *out);

/* An array of objects keyed by field name (RF_PSEUDO fields left out):
 * ratings and scores as numbers or null, link fields as arrays of IDs,
 * everything else as strings. When `revisions` is given, every object also
 * gets "revisions": [{"version", "date", "author", "summary"}...]. */
int regfmt_json(const struct reg_table *t, const size_t *idx, size_t n,
		regfmt_revisions_fn revisions, void *ctx, struct isn_buf *out);

/* "## <title>", a blank line, then a GitHub pipe table of every field but
 * the RF_PSEUDO and RF_AUTO ones, headed by their labels. In cells `|` and
 * `\` are escaped, line breaks become <br>, control characters are made
 * visible. */
int regfmt_md(const struct reg_table *t, const size_t *idx, size_t n, struct isn_buf *out);

struct reg_col {
	int field; /* index into t->def->fields */
	int width; /* display columns */
};

/* Columns for a table `width` display columns wide (0: no limit; then each
 * column gets its natural width capped at 48): the RF_TABLE fields in order,
 * each at least as wide as its heading (head) unless space runs out, one
 * space between columns; when too wide, text columns shrink first
 * (towards their reg_field.width, then to a minimum of 4), then columns
 * are dropped from the right (never the ID). Natural width = widest of
 * heading and displayed cell text over rows idx[0..n). Returns ncols. */
size_t regfmt_fit(const struct reg_table *t, const size_t *idx, size_t n, int width,
		  struct reg_col *cols, size_t maxcols);

/* A cell as shown in tables: enum values with '_' as ' ' ("not started"),
 * newlines and tabs as single spaces, control characters made visible
 * (text_sanitize in include/ismsnav/text.h). Newly allocated. */
char *regfmt_cell(const struct reg_field *f, const char *v);

/* The fitted table: a line of headings, then one line per row; cells
 * longer than their column end in `ellipsis` ("…", or "..." where the
 * terminal is not UTF-8), columns padded with spaces by display width,
 * one space between them, no trailing spaces, every line '\n'-terminated
 * and at most `width` columns wide (0: no limit). */
int regfmt_table(const struct reg_table *t, const size_t *idx, size_t n, int width,
		 const char *ellipsis, struct isn_buf *out);

#endif
