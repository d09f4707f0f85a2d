/* CSV reading and writing for registers that people keep in spreadsheets:
 * RFC 4180 plus the line endings, byte-order marks and stray quotes that
 * real spreadsheet exports contain. */
#include "ismsnav/csv.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define CSV_BOM "\xEF\xBB\xBF"

void csv_reader_init(struct csv_reader *r, const char *data, size_t len)
{
	if (!data)
		data = ""; /* so that data + len is defined */
	r->p = data;
	r->end = data + len;
	r->line = 1;
	r->record_line = 0;
	if (len >= 3 && memcmp(data, CSV_BOM, 3) == 0)
		r->p += 3;
}

__attribute__((format(printf, 4, 5)))
static int fail(struct csv_reader *r, char *err, size_t errlen, const char *fmt, ...)
{
	if (err && errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	/* Where the next record would start is anyone's guess after a
	 * malformed one (a stray quote may have swallowed the rest), so the
	 * reader stops rather than hand out misaligned records. */
	r->p = r->end;
	return -1;
}

/* Counts a line ending that ends at `c` (the byte at r->p): LF, or a CR
 * not followed by LF, so that CRLF counts once and old Mac files still
 * get line numbers. */
static void count_line(struct csv_reader *r, char c)
{
	if (c == '\n' || (c == '\r' && (r->p + 1 == r->end || r->p[1] != '\n')))
		r->line++;
}

/* Reads an unquoted field up to the comma, line ending or end of input. */
static int read_plain(struct csv_reader *r, struct isn_buf *f, char *err, size_t errlen)
{
	const char *s = r->p;
	while (r->p < r->end && *r->p != ',' && *r->p != '\r' && *r->p != '\n') {
		if (*r->p == '"')
			return fail(r, err, errlen, "a quote inside an unquoted field on line %d "
				    "(quote the field and double the quote)", r->line);
		if (*r->p == '\0')
			return fail(r, err, errlen, "a NUL byte on line %d", r->line);
		r->p++;
	}
	if (isn_buf_add(f, s, (size_t)(r->p - s)) < 0)
		return fail(r, err, errlen, "out of memory");
	return 0;
}

/* Reads a quoted field whose opening quote is at r->p, keeping commas
 * and line endings inside it byte for byte. */
static int read_quoted(struct csv_reader *r, struct isn_buf *f, char *err, size_t errlen)
{
	int start = r->line;
	const char *s = ++r->p;
	for (;;) {
		if (r->p == r->end)
			return fail(r, err, errlen, "a quoted field is not closed "
				    "(it starts on line %d)", start);
		char c = *r->p;
		if (c == '\0')
			return fail(r, err, errlen, "a NUL byte on line %d", r->line);
		if (c != '"') {
			count_line(r, c);
			r->p++;
			continue;
		}
		/* The quote is data when doubled and dropped when it closes. */
		if (isn_buf_add(f, s, (size_t)(r->p - s) + 1) < 0)
			return fail(r, err, errlen, "out of memory");
		if (r->p + 1 < r->end && r->p[1] == '"') {
			r->p += 2;
			s = r->p;
			continue;
		}
		f->data[--f->len] = '\0'; /* the closing quote is not data */
		r->p++;
		break;
	}
	if (r->p < r->end && *r->p != ',' && *r->p != '\r' && *r->p != '\n')
		return fail(r, err, errlen, "text after the closing quote on line %d", r->line);
	return 0;
}

/* Steps over a CRLF, LF or lone CR at r->p, if any. */
static void skip_line_end(struct csv_reader *r)
{
	if (r->p == r->end)
		return;
	if (*r->p == '\r')
		r->p++;
	if (r->p < r->end && *r->p == '\n')
		r->p++;
	r->line++;
}

/* Empties the list but keeps its array for the next record. */
static void clear_fields(struct isn_strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	l->n = 0;
}

int csv_read_record(struct csv_reader *r, struct isn_strlist *fields,
		    char *err, size_t errlen)
{
	clear_fields(fields);
	if (r->p >= r->end)
		return 0;
	r->record_line = r->line;
	struct isn_buf f = {0};
	int rc;
	for (;;) {
		f.len = 0;
		if (f.data)
			f.data[0] = '\0';
		if (r->p < r->end && *r->p == '"')
			rc = read_quoted(r, &f, err, errlen);
		else
			rc = read_plain(r, &f, err, errlen);
		if (rc < 0)
			break;
		if (isn_strlist_push(fields, f.data ? f.data : "") < 0) {
			rc = fail(r, err, errlen, "out of memory");
			break;
		}
		if (r->p < r->end && *r->p == ',') {
			if (fields->n == CSV_FIELDS_MAX) {
				rc = fail(r, err, errlen, "the record on line %d has more than %d "
					  "fields", r->record_line, CSV_FIELDS_MAX);
				break;
			}
			r->p++;
			continue;
		}
		skip_line_end(r);
		rc = 1;
		break;
	}
	isn_buf_free(&f);
	if (rc < 0)
		clear_fields(fields); /* half a record is no record */
	return rc;
}

/* Spreadsheets trim the spaces around a field and break it at commas,
 * quotes and line endings; a leading BOM would be taken for the file's
 * own when the field opens the file. Quoting protects all of these. */
static bool needs_quotes(const char *s)
{
	size_t n = strlen(s);
	if (n && (s[0] == ' ' || s[n - 1] == ' '))
		return true;
	if (strncmp(s, CSV_BOM, 3) == 0)
		return true;
	return strpbrk(s, ",\"\r\n") != NULL;
}

int csv_put_field(struct isn_buf *b, const char *s)
{
	if (!needs_quotes(s))
		return isn_buf_adds(b, s);
	if (isn_buf_addc(b, '"') < 0)
		return -1;
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		/* Writes the run including the quote, then the quote again. */
		if (isn_buf_add(b, s, (size_t)(q - s) + 1) < 0 || isn_buf_addc(b, '"') < 0)
			return -1;
	}
	if (isn_buf_adds(b, s) < 0 || isn_buf_addc(b, '"') < 0)
		return -1;
	return 0;
}

int csv_put_record(struct isn_buf *b, const char *const *fields, size_t n)
{
	size_t len = b->len;
	for (size_t i = 0; i < n; i++) {
		if ((i > 0 && isn_buf_addc(b, ',') < 0) || csv_put_field(b, fields[i]) < 0)
			goto fail;
	}
	if (isn_buf_add(b, "\r\n", 2) < 0)
		goto fail;
	return 0;
fail:
	/* Leaves no half record behind for the caller to write out. */
	if (b->data) {
		b->len = len;
		b->data[len] = '\0';
	}
	return -1;
}
