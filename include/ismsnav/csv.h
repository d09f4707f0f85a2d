/* CSV as RFC 4180 writes it: fields separated by commas, records by CRLF
 * (LF accepted on input), fields quoted when they hold a comma, quote,
 * CR or LF, quotes doubled inside quotes. UTF-8 passes through untouched;
 * a UTF-8 byte-order mark at the start is skipped. The reader reports
 * errors with the line where the record starts. */
#ifndef ISMSNAV_CSV_H
#define ISMSNAV_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "ismsnav/util.h"

/* Fields in one record: a longer record is malformed (a row of millions of
 * commas would otherwise cost gigabytes of empty fields). */
#define CSV_FIELDS_MAX 1024

struct csv_reader {
	const char *p, *end; /* the unread input */
	int line;            /* the line of the next character (1-based) */
	int record_line;     /* where the last record read started */
};

void csv_reader_init(struct csv_reader *r, const char *data, size_t len);

/* Reads the next record into fields (cleared first; owned strings).
 * Returns 1 when a record was read, 0 at the end of input, -1 on a
 * malformed record (a quote inside an unquoted field, an unterminated
 * quoted field, text after a closing quote, more than CSV_FIELDS_MAX
 * fields) with a message in err.
 * A blank line is a record of one empty field. */
int csv_read_record(struct csv_reader *r, struct isn_strlist *fields,
		    char *err, size_t errlen);

/* Appends one field, quoted when needed. */
int csv_put_field(struct isn_buf *b, const char *s);
/* Appends a record of n fields and the CRLF. */
int csv_put_record(struct isn_buf *b, const char *const *fields, size_t n);

#endif
