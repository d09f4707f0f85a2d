/* A loaded register as CSV, JSON, Markdown or a plain-text table fitted to
 * a width. The table fitting is shared with the terminal UI so that what
 * `ismsnav register NAME` prints is what the register view draws. */
#include "ismsnav/regfmt.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ismsnav/csv.h"
#include "ismsnav/text.h"

#define FIT_CAP 48 /* natural width limit when there is no width limit */
#define FIT_MIN 4  /* a text column shrinks no further */
#define FIT_MAXCOLS 64

/* Row number i of the order: idx[i], or i itself when there is no idx. */
static size_t row_at(const size_t *idx, size_t i)
{
	return idx ? idx[i] : i;
}

/* Undoes a half-written output, so callers never print a broken half. */
static int rollback(struct isn_buf *out, size_t len)
{
	if (out->data) {
		out->len = len;
		out->data[len] = '\0';
	}
	return -1;
}

/* ---- CSV ---- */

static size_t csv_cells(const struct reg_def *d, char *const *cells, const char **v)
{
	size_t k = 0;

	for (size_t i = 0; i < d->nfields; i++)
		if (!(d->fields[i].flags & RF_PSEUDO))
			v[k++] = cells ? cells[i] : d->fields[i].name;
	return k;
}

int regfmt_csv(const struct reg_table *t, const size_t *idx, size_t n, struct isn_buf *out)
{
	const struct reg_def *d = t->def;
	const char **v = calloc(d->nfields, sizeof(*v));
	size_t start = out->len;
	int rc = -1;

	if (!v)
		return -1;
	if (csv_put_record(out, v, csv_cells(d, NULL, v)) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		char *const *cells = t->rows[row_at(idx, i)].cell;

		if (csv_put_record(out, v, csv_cells(d, cells, v)) < 0)
			goto out;
	}
	rc = 0;
out:
	free(v);
	return rc == 0 ? 0 : rollback(out, start);
}

/* ---- JSON ---- */

/* A JSON string: quotes and backslashes escaped, control characters as
 * \u00XX, UTF-8 as it is; bytes that are not UTF-8 (a file edited by
 * hand) become U+FFFD so that the output stays valid JSON. */
static int json_str(struct isn_buf *b, const char *s)
{
	size_t n = strlen(s), i = 0;
	int rc = isn_buf_addc(b, '"');

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t k;

		if (c == '"' || c == '\\') {
			rc |= isn_buf_addc(b, '\\') | isn_buf_addc(b, (char)c);
			i++;
		} else if (c < 0x20) {
			rc |= isn_buf_printf(b, "\\u%04x", c);
			i++;
		} else if (c < 0x80) {
			rc |= isn_buf_addc(b, (char)c);
			i++;
		} else {
			k = text_decode(s + i, n - i, &cp);
			if (cp == TEXT_REPLACEMENT && k == 1)
				rc |= isn_buf_adds(b, "\\ufffd");
			else
				rc |= isn_buf_add(b, s + i, k);
			i += k;
		}
	}
	return rc | isn_buf_addc(b, '"');
}

static bool all_digits(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return i > 0 && i < 10;
}

/* "A-001, A-004" as ["A-001", "A-004"]. */
static int json_links(struct isn_buf *b, const char *v)
{
	int rc = isn_buf_addc(b, '[');
	bool first = true;

	while (*v) {
		size_t len = strcspn(v, ",");
		size_t lead = strspn(v, " ");
		char *id;

		while (len > lead && v[len - 1] == ' ')
			len--;
		if (len > lead) {
			if (!(id = isn_strndup(v + lead, len - lead)))
				return -1;
			rc |= isn_buf_adds(b, first ? "" : ", ") | json_str(b, id);
			free(id);
			first = false;
		}
		v += strcspn(v, ",");
		if (*v)
			v++;
	}
	return rc | isn_buf_addc(b, ']');
}

static int json_value(struct isn_buf *b, const struct reg_field *f, const char *v)
{
	if (f->type == FT_LINKS)
		return json_links(b, v);
	if (f->type == FT_RATING || f->type == FT_SCORE) {
		if (!v[0])
			return isn_buf_adds(b, "null");
		if (all_digits(v))
			return isn_buf_adds(b, v);
	}
	return json_str(b, v);
}

static int json_revisions(struct isn_buf *b, regfmt_revisions_fn fn, void *ctx,
			  const char *id)
{
	struct reg_table rt = {0};
	int rc;

	if (fn(ctx, id, &rt) < 0)
		return -1;
	rc = isn_buf_adds(b, ",\n    \"revisions\": [");
	for (size_t r = 0; r < rt.n; r++) {
		rc |= isn_buf_adds(b, r ? ",\n      {" : "\n      {");
		for (size_t i = 0; i < rt.def->nfields; i++)
			rc |= isn_buf_adds(b, i ? ", " : "") |
			      json_str(b, rt.def->fields[i].name) | isn_buf_adds(b, ": ") |
			      json_str(b, rt.rows[r].cell[i]);
		rc |= isn_buf_addc(b, '}');
	}
	rc |= isn_buf_adds(b, rt.n ? "\n    ]" : "]");
	reg_table_free(&rt);
	return rc;
}

static int json_row(struct isn_buf *b, const struct reg_def *d, char *const *cells,
		    regfmt_revisions_fn revisions, void *ctx)
{
	int rc = isn_buf_addc(b, '{');
	bool first = true;

	for (size_t i = 0; i < d->nfields; i++) {
		const struct reg_field *f = &d->fields[i];

		if (f->flags & RF_PSEUDO)
			continue;
		rc |= isn_buf_adds(b, first ? "\n    " : ",\n    ") | json_str(b, f->name) |
		      isn_buf_adds(b, ": ") | json_value(b, f, cells[i]);
		first = false;
	}
	if (revisions && json_revisions(b, revisions, ctx, cells[0]) < 0)
		return -1;
	return rc | isn_buf_adds(b, "\n  }");
}

int regfmt_json(const struct reg_table *t, const size_t *idx, size_t n,
		regfmt_revisions_fn revisions, void *ctx, struct isn_buf *out)
{
	size_t start = out->len;
	int rc = isn_buf_addc(out, '[');

	for (size_t i = 0; i < n && rc == 0; i++)
		rc |= isn_buf_adds(out, i ? ",\n  " : "\n  ") |
		      json_row(out, t->def, t->rows[row_at(idx, i)].cell, revisions, ctx);
	rc |= isn_buf_adds(out, n ? "\n]\n" : "]\n");
	return rc == 0 ? 0 : rollback(out, start);
}

/* ---- Markdown ---- */

/* One cell: line breaks (LF, CRLF, CR) as <br>, `|` and `\` escaped so
 * that neither ends the cell nor eats the next character, everything
 * else made safe by text_sanitize. */
static int md_cell(struct isn_buf *b, const char *v)
{
	struct isn_buf lf = {0};
	char *safe;
	int rc = 0;

	for (const char *p = v; *p; p++) {
		if (*p == '\r' && p[1] == '\n')
			continue;
		rc |= isn_buf_addc(&lf, *p == '\r' ? '\n' : *p);
	}
	if (rc < 0 || !(safe = text_sanitize(lf.data ? lf.data : "", lf.len, true))) {
		isn_buf_free(&lf);
		return -1;
	}
	isn_buf_free(&lf);
	for (const char *p = safe; *p; p++) {
		if (*p == '\n')
			rc |= isn_buf_adds(b, "<br>");
		else if (*p == '|' || *p == '\\')
			rc |= isn_buf_addc(b, '\\') | isn_buf_addc(b, *p);
		else
			rc |= isn_buf_addc(b, *p);
	}
	free(safe);
	return rc;
}

static bool md_field(const struct reg_field *f)
{
	return !(f->flags & (RF_PSEUDO | RF_AUTO));
}

static int md_header(struct isn_buf *b, const struct reg_def *d)
{
	int rc = isn_buf_adds(b, "## ") | md_cell(b, d->title) | isn_buf_adds(b, "\n\n|");

	for (size_t i = 0; i < d->nfields; i++)
		if (md_field(&d->fields[i]))
			rc |= isn_buf_addc(b, ' ') | md_cell(b, d->fields[i].label) |
			      isn_buf_adds(b, " |");
	rc |= isn_buf_adds(b, "\n|");
	for (size_t i = 0; i < d->nfields; i++)
		if (md_field(&d->fields[i]))
			rc |= isn_buf_adds(b, " --- |");
	return rc | isn_buf_addc(b, '\n');
}

int regfmt_md(const struct reg_table *t, const size_t *idx, size_t n, struct isn_buf *out)
{
	const struct reg_def *d = t->def;
	size_t start = out->len;
	int rc = md_header(out, d);

	for (size_t r = 0; r < n && rc == 0; r++) {
		char *const *cells = t->rows[row_at(idx, r)].cell;

		rc |= isn_buf_addc(out, '|');
		for (size_t i = 0; i < d->nfields; i++)
			if (md_field(&d->fields[i]))
				rc |= isn_buf_addc(out, ' ') | md_cell(out, cells[i]) |
				      isn_buf_adds(out, " |");
		rc |= isn_buf_addc(out, '\n');
	}
	return rc == 0 ? 0 : rollback(out, start);
}

/* ---- the fitted table ---- */

char *regfmt_cell(const struct reg_field *f, const char *v)
{
	bool words = f->type == FT_ENUM || f->type == FT_BOOL;
	char *copy = isn_strdup(v), *w = copy, *shown;

	if (!copy)
		return NULL;
	for (const char *r = v; *r; r++) {
		if (r[0] == '\r' && r[1] == '\n')
			continue; /* CRLF would otherwise become two spaces */
		*w++ = words && *r == '_' ? ' ' : *r;
	}
	*w = '\0';
	shown = text_sanitize(copy, (size_t)(w - copy), false);
	free(copy);
	return shown;
}

/* Width of one character as text_sanitize shows it: what it replaces
 * becomes one column (a space, a control picture or U+FFFD), and
 * text_cp_width already counts most of those as one; these it does not. */
static int shown_cp_width(uint32_t cp)
{
	if (cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069))
		return 1;
	return text_cp_width(cp);
}

/* Display width of a cell as regfmt_cell shows it, measured without
 * making the copy: fitting a large register measures every cell. */
static int cell_width(const char *v)
{
	size_t n = strlen(v), i = 0;
	int w = 0;

	while (i < n) {
		uint32_t cp;

		if (v[i] == '\r' && v[i + 1] == '\n') {
			i++; /* CRLF is one space */
			continue;
		}
		if ((unsigned char)v[i] >= 0x20 && (unsigned char)v[i] < 0x7f) {
			w++;
			i++;
			continue;
		}
		i += text_decode(v + i, n - i, &cp);
		w += shown_cp_width(cp);
	}
	return w;
}

static int head_width(const struct reg_field *f)
{
	return text_width(f->head, strlen(f->head));
}

static int natural_width(const struct reg_table *t, const size_t *idx, size_t n, int field)
{
	const struct reg_field *f = &t->def->fields[field];
	int w = head_width(f);

	for (size_t i = 0; i < n; i++) {
		int cw = cell_width(t->rows[row_at(idx, i)].cell[field]);

		if (cw > w)
			w = cw;
	}
	return w;
}

/* Text columns give up width first; IDs, ratings and fixed values keep theirs. */
static bool shrinkable(const struct reg_field *f)
{
	return f->type == FT_TEXT || f->type == FT_NOTE || f->type == FT_LINKS;
}

static int min_int(int a, int b)
{
	return a < b ? a : b;
}

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

static long total_width(const struct reg_col *cols, size_t n)
{
	long w = n ? (long)n - 1 : 0;

	for (size_t i = 0; i < n; i++)
		w += cols[i].width;
	return w;
}

/* The narrowest a column may become: text columns down to FIT_MIN. */
static int min_width(const struct reg_def *d, const struct reg_col *c)
{
	return shrinkable(&d->fields[c->field]) ? min_int(c->width, FIT_MIN) : c->width;
}

/* Where a text column stops shrinking: first at its preferred width (at
 * least its heading), then at FIT_MIN. */
static int target_width(const struct reg_def *d, const struct reg_col *c, int natural,
			bool hard)
{
	const struct reg_field *f = &d->fields[c->field];

	if (!shrinkable(f))
		return c->width;
	if (hard)
		return min_int(natural, FIT_MIN);
	return min_int(natural, max_int(f->width, head_width(f)));
}

/* Towards their preferred widths, the columns with the most to spare give
 * first, so a long title keeps up with a short owner. */
static void shrink_to_preferred(const struct reg_def *d, struct reg_col *cols,
				const int *natural, size_t n, long over)
{
	while (over > 0) {
		size_t best = n;
		int most = 0;

		for (size_t i = 0; i < n; i++) {
			int spare = cols[i].width - target_width(d, &cols[i], natural[i], false);

			if (spare > most) {
				most = spare;
				best = i;
			}
		}
		if (best == n)
			return;
		cols[best].width--;
		over--;
	}
}

/* Below their preferred widths, text columns shrink in proportion to
 * those widths (weight), so the title stays the widest text column. */
static void shrink_in_proportion(const struct reg_def *d, struct reg_col *cols,
				 const int *weight, size_t n, long over)
{
	while (over > 0) {
		size_t best = n;

		for (size_t i = 0; i < n; i++) {
			if (cols[i].width <= target_width(d, &cols[i], weight[i], true))
				continue;
			/* width/weight largest, compared without division */
			if (best == n || (long)cols[i].width * weight[best] >
						 (long)cols[best].width * weight[i])
				best = i;
		}
		if (best == n)
			return;
		cols[best].width--;
		over--;
	}
}

size_t regfmt_fit(const struct reg_table *t, const size_t *idx, size_t n, int width,
		  struct reg_col *cols, size_t maxcols)
{
	const struct reg_def *d = t->def;
	int natural[FIT_MAXCOLS], weight[FIT_MAXCOLS];
	size_t nc = 0;
	long min_total;

	if (maxcols > FIT_MAXCOLS)
		maxcols = FIT_MAXCOLS;
	for (size_t i = 0; i < d->nfields && nc < maxcols; i++)
		if (d->fields[i].flags & RF_TABLE)
			cols[nc++] = (struct reg_col){(int)i, natural_width(t, idx, n, (int)i)};
	if (width <= 0 || nc == 0) {
		for (size_t i = 0; i < nc; i++)
			cols[i].width = min_int(cols[i].width, FIT_CAP);
		return nc;
	}
	/* Drop columns from the right until the rest fit at their narrowest. */
	for (;;) {
		min_total = (long)nc - 1;
		for (size_t i = 0; i < nc; i++)
			min_total += min_width(d, &cols[i]);
		if (min_total <= width || nc == 1)
			break;
		nc--;
	}
	if (nc == 1) {
		cols[0].width = min_int(cols[0].width, width);
		return 1;
	}
	for (size_t i = 0; i < nc; i++)
		natural[i] = cols[i].width;
	shrink_to_preferred(d, cols, natural, nc, total_width(cols, nc) - width);
	for (size_t i = 0; i < nc; i++)
		weight[i] = cols[i].width;
	shrink_in_proportion(d, cols, weight, nc, total_width(cols, nc) - width);
	return nc;
}

/* Appends s in a column `w` wide: cut with the ellipsis when too long,
 * padded with spaces when shorter (unless it is the last column). */
static int put_cell(struct isn_buf *b, const char *s, int w, const char *ellipsis, bool pad)
{
	size_t len = strlen(s), keep;
	int sw = text_width(s, len), ew = text_width(ellipsis, strlen(ellipsis));
	int rc = 0;

	if (sw <= w) {
		rc = isn_buf_add(b, s, len);
	} else if (ew < w) {
		keep = text_fit(s, len, w - ew);
		rc = isn_buf_add(b, s, keep) | isn_buf_adds(b, ellipsis);
		sw = text_width(s, keep) + ew;
	} else {
		keep = text_fit(s, len, w);
		rc = isn_buf_add(b, s, keep);
		sw = text_width(s, keep);
	}
	for (; pad && sw < w; sw++)
		rc |= isn_buf_addc(b, ' ');
	return rc;
}

static int end_line(struct isn_buf *b, size_t line_start)
{
	while (b->len > line_start && b->data[b->len - 1] == ' ')
		b->data[--b->len] = '\0';
	return isn_buf_addc(b, '\n');
}

static int table_row(struct isn_buf *b, const struct reg_def *d, char *const *cells,
		     const struct reg_col *cols, size_t nc, const char *ellipsis)
{
	size_t line_start = b->len;
	int rc = 0;

	for (size_t c = 0; c < nc; c++) {
		const struct reg_field *f = &d->fields[cols[c].field];
		char *shown = cells ? regfmt_cell(f, cells[cols[c].field]) : NULL;

		if (cells && !shown)
			return -1;
		rc |= isn_buf_adds(b, c ? " " : "") |
		      put_cell(b, shown ? shown : f->head, cols[c].width, ellipsis, c + 1 < nc);
		free(shown);
	}
	return rc | end_line(b, line_start);
}

int regfmt_table(const struct reg_table *t, const size_t *idx, size_t n, int width,
		 const char *ellipsis, struct isn_buf *out)
{
	const struct reg_def *d = t->def;
	struct reg_col *cols = calloc(d->nfields ? d->nfields : 1, sizeof(*cols));
	size_t start = out->len, nc;
	int rc;

	if (!cols)
		return -1;
	nc = regfmt_fit(t, idx, n, width, cols, d->nfields);
	rc = table_row(out, d, NULL, cols, nc, ellipsis);
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = table_row(out, d, t->rows[row_at(idx, i)].cell, cols, nc, ellipsis);
	free(cols);
	return rc == 0 ? 0 : rollback(out, start);
}
