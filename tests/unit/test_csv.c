/* CSV reader and writer: RFC 4180, spreadsheet line endings, BOM, UTF-8,
 * error messages with their lines, and write-then-read round trips. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ismsnav/csv.h"

/* Reads the next record and asserts it is exactly `want`, started on
 * `line`. */
static void expect_record(struct csv_reader *r, struct isn_strlist *f, int line,
			  const char *const *want, size_t n)
{
	char err[200] = "";
	cr_assert_eq(csv_read_record(r, f, err, sizeof err), 1, "error: %s", err);
	cr_assert_eq(r->record_line, line);
	cr_assert_eq(f->n, n, "got %zu fields, want %zu", f->n, n);
	for (size_t i = 0; i < n; i++)
		cr_assert_str_eq(f->v[i], want[i], "field %zu", i);
}

#define FIELDS(...) (const char *const[]){__VA_ARGS__}
#define EXPECT(r, f, line, ...)                                                \
	expect_record((r), (f), (line), FIELDS(__VA_ARGS__),                   \
		      sizeof(FIELDS(__VA_ARGS__)) / sizeof(const char *))

static void expect_end(struct csv_reader *r, struct isn_strlist *f)
{
	char err[200] = "";
	cr_assert_eq(csv_read_record(r, f, err, sizeof err), 0, "error: %s", err);
	cr_assert_eq(f->n, 0);
}

/* Reads `data` up to its first error and asserts the error's message and
 * the line of the record it is in. */
static void expect_error(const char *data, size_t len, int record_line, const char *msg)
{
	struct csv_reader r;
	struct isn_strlist f = {0};
	char err[200] = "";
	int rc;
	csv_reader_init(&r, data, len);
	while ((rc = csv_read_record(&r, &f, err, sizeof err)) == 1)
		;
	cr_assert_eq(rc, -1);
	cr_assert_str_eq(err, msg);
	cr_assert_eq(r.record_line, record_line);
	cr_assert_eq(f.n, 0, "no half record is handed out");
	cr_assert_eq(csv_read_record(&r, &f, err, sizeof err), 0, "the reader stops");
	isn_strlist_free(&f);
}

Test(csv, reads_simple_records)
{
	const char *s = "id,name,owner\nR1,Backup,IT\n";
	struct csv_reader r;
	struct isn_strlist f = {0};
	csv_reader_init(&r, s, strlen(s));
	EXPECT(&r, &f, 1, "id", "name", "owner");
	EXPECT(&r, &f, 2, "R1", "Backup", "IT");
	expect_end(&r, &f);
	cr_assert_eq(r.line, 3);
	isn_strlist_free(&f);
}

Test(csv, empty_input_has_no_records)
{
	struct csv_reader r;
	struct isn_strlist f = {0};
	csv_reader_init(&r, "", 0);
	expect_end(&r, &f);
	csv_reader_init(&r, NULL, 0);
	expect_end(&r, &f);
	csv_reader_init(&r, "\xEF\xBB\xBF", 3);
	expect_end(&r, &f);
	isn_strlist_free(&f);
}

Test(csv, accepts_crlf_lf_and_lone_cr_endings)
{
	const char *s = "a,1\r\nb,2\nc,3\rd,4";
	struct csv_reader r;
	struct isn_strlist f = {0};
	csv_reader_init(&r, s, strlen(s));
	EXPECT(&r, &f, 1, "a", "1");
	EXPECT(&r, &f, 2, "b", "2");
	EXPECT(&r, &f, 3, "c", "3");
	EXPECT(&r, &f, 4, "d", "4");
	expect_end(&r, &f);
	isn_strlist_free(&f);
}

Test(csv, last_record_may_lack_a_line_ending)
{
	struct csv_reader r;
	struct isn_strlist f = {0};
	csv_reader_init(&r, "x,y", 3);
	EXPECT(&r, &f, 1, "x", "y");
	expect_end(&r, &f);
	csv_reader_init(&r, "\"x\",\"y\"", 7);
	EXPECT(&r, &f, 1, "x", "y");
	expect_end(&r, &f);
	isn_strlist_free(&f);
}

Test(csv, trailing_line_ending_adds_no_record)
{
	const char *ends[] = {"x\n", "x\r\n", "x\r"};
	struct csv_reader r;
	struct isn_strlist f = {0};
	for (size_t i = 0; i < ISN_ARRAY_LEN(ends); i++) {
		csv_reader_init(&r, ends[i], strlen(ends[i]));
		EXPECT(&r, &f, 1, "x");
		expect_end(&r, &f);
		cr_assert_eq(r.line, 2, "case %zu", i);
	}
	isn_strlist_free(&f);
}

Test(csv, keeps_empty_fields)
{
	const char *s = ",,\na,,b,\n\"\",x\n";
	struct csv_reader r;
	struct isn_strlist f = {0};
	csv_reader_init(&r, s, strlen(s));
	EXPECT(&r, &f, 1, "", "", "");
	EXPECT(&r, &f, 2, "a", "", "b", "");
	EXPECT(&r, &f, 3, "", "x");
	expect_end(&r, &f);
	isn_strlist_free(&f);
}

Test(csv, blank_line_is_one_empty_field)
{
	const char *s = "a\n\nb\r\n\r\n";
	struct csv_reader r;
	struct isn_strlist f = {0};
	csv_reader_init(&r, s, strlen(s));
	EXPECT(&r, &f, 1, "a");
	EXPECT(&r, &f, 2, "");
	EXPECT(&r, &f, 3, "b");
	EXPECT(&r, &f, 4, "");
	expect_end(&r, &f);
	isn_strlist_free(&f);
}

Test(csv, quoted_fields_hold_commas_and_quotes)
{
	const char *s = "\"a,b\",\"say \"\"hi\"\"\",\"\"\"\",\"\"\"\"\"\",\"  pad  \"\n";
	struct csv_reader r;
	struct isn_strlist f = {0};
	csv_reader_init(&r, s, strlen(s));
	EXPECT(&r, &f, 1, "a,b", "say \"hi\"", "\"", "\"\"", "  pad  ");
	expect_end(&r, &f);
	isn_strlist_free(&f);
}

Test(csv, quoted_fields_keep_line_endings_exactly)
{
	const char *s = "\"one\ntwo\",\"crlf\r\nkept\",\"lone\rcr\"\r\nnext\n";
	struct csv_reader r;
	struct isn_strlist f = {0};
	csv_reader_init(&r, s, strlen(s));
	EXPECT(&r, &f, 1, "one\ntwo", "crlf\r\nkept", "lone\rcr");
	/* LF, CRLF and the lone CR each count one line */
	EXPECT(&r, &f, 5, "next");
	expect_end(&r, &f);
	cr_assert_eq(r.line, 6);
	isn_strlist_free(&f);
}

Test(csv, record_line_is_where_a_multiline_record_starts)
{
	const char *s = "head\n\"a\n\nb\",c\nz\n\"\n\"\n";
	struct csv_reader r;
	struct isn_strlist f = {0};
	csv_reader_init(&r, s, strlen(s));
	EXPECT(&r, &f, 1, "head");
	EXPECT(&r, &f, 2, "a\n\nb", "c");
	cr_assert_eq(r.line, 5);
	EXPECT(&r, &f, 5, "z");
	EXPECT(&r, &f, 6, "\n");
	expect_end(&r, &f);
	cr_assert_eq(r.line, 8);
	isn_strlist_free(&f);
}

Test(csv, utf8_passes_through)
{
	const char *s = "Zürich,日本語,🔒😀\n\"Ünïcödé, “quoted”\",é\n";
	struct csv_reader r;
	struct isn_strlist f = {0};
	csv_reader_init(&r, s, strlen(s));
	EXPECT(&r, &f, 1, "Z\xC3\xBCrich", "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E",
	       "\xF0\x9F\x94\x92\xF0\x9F\x98\x80");
	EXPECT(&r, &f, 2, "Ünïcödé, “quoted”", "é");
	expect_end(&r, &f);
	isn_strlist_free(&f);
}

Test(csv, skips_a_bom_only_at_the_start)
{
	const char *s = "\xEF\xBB\xBFid,name\n\xEF\xBB\xBFx,y\n";
	struct csv_reader r;
	struct isn_strlist f = {0};
	csv_reader_init(&r, s, strlen(s));
	EXPECT(&r, &f, 1, "id", "name");
	EXPECT(&r, &f, 2, "\xEF\xBB\xBFx", "y");
	expect_end(&r, &f);
	/* a BOM before a quoted first field */
	s = "\xEF\xBB\xBF\"id\",n";
	csv_reader_init(&r, s, strlen(s));
	EXPECT(&r, &f, 1, "id", "n");
	isn_strlist_free(&f);
}

Test(csv, clears_the_list_it_is_given)
{
	struct csv_reader r;
	struct isn_strlist f = {0};
	cr_assert_eq(isn_strlist_push(&f, "stale"), 0);
	cr_assert_eq(isn_strlist_push(&f, "older"), 0);
	csv_reader_init(&r, "new", 3);
	EXPECT(&r, &f, 1, "new");
	isn_strlist_free(&f);
}

Test(csv, rejects_a_quote_inside_an_unquoted_field)
{
	const char *msg2 = "a quote inside an unquoted field on line 2 "
			   "(quote the field and double the quote)";
	expect_error("ok\nab\"c\n", 8, 2, msg2);
	expect_error("ok\nx, \"c\"\n", 10, 2, msg2);
	/* the record starts on line 2, the quote is on line 3 */
	expect_error("ok\n\"multi\nline\",b\"\n", 19, 2,
		     "a quote inside an unquoted field on line 3 "
		     "(quote the field and double the quote)");
}

Test(csv, rejects_text_after_the_closing_quote)
{
	expect_error("\"a\"b\n", 5, 1, "text after the closing quote on line 1");
	expect_error("\"a\" ,b\n", 7, 1, "text after the closing quote on line 1");
	expect_error("x\n\"a\nb\"c\n", 9, 2, "text after the closing quote on line 3");
}

Test(csv, rejects_an_unclosed_quoted_field)
{
	expect_error("\"open", 5, 1, "a quoted field is not closed (it starts on line 1)");
	expect_error("a\nb,\"open\n\nmore", 15, 2,
		     "a quoted field is not closed (it starts on line 2)");
	/* the record starts on line 2, the open field on line 3 */
	expect_error("a\n\"x\ny\",\"open\nz\n", 16, 2,
		     "a quoted field is not closed (it starts on line 3)");
	/* a doubled quote at the very end does not close the field */
	expect_error("\"ab\"\"", 5, 1, "a quoted field is not closed (it starts on line 1)");
}

Test(csv, rejects_nul_bytes)
{
	expect_error("a\nb\0c\n", 6, 2, "a NUL byte on line 2");
	expect_error("a\n\"b\n\0\"\n", 8, 2, "a NUL byte on line 3");
	expect_error("\0", 1, 1, "a NUL byte on line 1");
}

Test(csv, truncates_errors_to_the_buffer)
{
	struct csv_reader r;
	struct isn_strlist f = {0};
	char err[8];
	csv_reader_init(&r, "a\"", 2);
	cr_assert_eq(csv_read_record(&r, &f, err, sizeof err), -1);
	cr_assert_str_eq(err, "a quote");
	csv_reader_init(&r, "a\"", 2);
	cr_assert_eq(csv_read_record(&r, &f, NULL, 0), -1);
	isn_strlist_free(&f);
}

/* The field as csv_put_field writes it (caller frees). */
static char *put(const char *s)
{
	struct isn_buf b = {0};
	cr_assert_eq(csv_put_field(&b, s), 0);
	return isn_buf_take(&b);
}

Test(csv, writer_quotes_only_when_needed)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"", ""},
		{"plain", "plain"},
		{"inner space", "inner space"},
		{"Zürich 日本語", "Zürich 日本語"},
		{"'); DROP TABLE risk;--", "'); DROP TABLE risk;--"},
		{"a,b", "\"a,b\""},
		{"say \"hi\"", "\"say \"\"hi\"\"\""},
		{"\"", "\"\"\"\""},
		{"two\nlines", "\"two\nlines\""},
		{"cr\rlf", "\"cr\rlf\""},
		{"crlf\r\n", "\"crlf\r\n\""},
		{" lead", "\" lead\""},
		{"trail ", "\"trail \""},
		{" ", "\" \""},
		{"\ttab", "\ttab"},
		{"\xEF\xBB\xBF" "bom", "\"\xEF\xBB\xBF" "bom\""},
	};
	for (size_t i = 0; i < ISN_ARRAY_LEN(cases); i++) {
		char *got = put(cases[i].in);
		cr_assert_not_null(got);
		cr_assert_str_eq(got, cases[i].out, "case %zu", i);
		free(got);
	}
}

Test(csv, writer_appends_records_with_crlf)
{
	struct isn_buf b = {0};
	const char *row[] = {"R1", "a,b", "", "x"};
	cr_assert_eq(isn_buf_adds(&b, "head\r\n"), 0);
	cr_assert_eq(csv_put_record(&b, row, ISN_ARRAY_LEN(row)), 0);
	cr_assert_eq(csv_put_record(&b, row, 1), 0);
	cr_assert_eq(csv_put_record(&b, NULL, 0), 0);
	cr_assert_str_eq(b.data, "head\r\nR1,\"a,b\",,x\r\nR1\r\n\r\n");
	cr_assert_eq(b.len, strlen(b.data));
	isn_buf_free(&b);
}

static const char *const tricky[] = {
	"", " ", "plain", "a,b", "\"", "\"\"", "say \"hi\"", "'); DROP TABLE risk;--",
	" lead", "trail ", "  both  ", "\r", "lone\rcr", "\n", "line\nfeed",
	"crlf\r\nin", "\r\n", ",", ",,", "\",\"", "Zürich", "日本語", "🔒 emoji 😀",
	"\xEF\xBB\xBF" "bom", "tab\there", "=1+1", "-", "#comment",
};

/* A fixed pseudo-random walk, so that a failure is the same every run. */
static unsigned next_rand(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 16) & 0x7fff;
}

Test(csv, round_trips_tricky_strings)
{
	enum { RECORDS = 300, MAX_FIELDS = 6 };
	const char *rows[RECORDS][MAX_FIELDS];
	size_t counts[RECORDS];
	unsigned seed = 27001;
	struct isn_buf b = {0};
	for (size_t i = 0; i < RECORDS; i++) {
		counts[i] = 1 + next_rand(&seed) % MAX_FIELDS;
		for (size_t j = 0; j < counts[i]; j++)
			rows[i][j] = tricky[next_rand(&seed) % ISN_ARRAY_LEN(tricky)];
		cr_assert_eq(csv_put_record(&b, rows[i], counts[i]), 0);
	}
	struct csv_reader r;
	struct isn_strlist f = {0};
	char err[200] = "";
	csv_reader_init(&r, b.data, b.len);
	for (size_t i = 0; i < RECORDS; i++) {
		cr_assert_eq(csv_read_record(&r, &f, err, sizeof err), 1,
			     "record %zu: %s", i, err);
		cr_assert_eq(f.n, counts[i], "record %zu", i);
		for (size_t j = 0; j < counts[i]; j++)
			cr_assert_str_eq(f.v[j], rows[i][j], "record %zu field %zu", i, j);
	}
	expect_end(&r, &f);
	isn_strlist_free(&f);
	isn_buf_free(&b);
}

Test(csv, round_trips_each_tricky_string_alone_and_first)
{
	for (size_t i = 0; i < ISN_ARRAY_LEN(tricky); i++) {
		struct isn_buf b = {0};
		const char *row[] = {tricky[i], "end"};
		cr_assert_eq(csv_put_record(&b, row, 2), 0);
		cr_assert_eq(csv_put_record(&b, row, 1), 0);
		struct csv_reader r;
		struct isn_strlist f = {0};
		csv_reader_init(&r, b.data, b.len);
		EXPECT(&r, &f, 1, tricky[i], "end");
		cr_assert_eq(csv_read_record(&r, &f, NULL, 0), 1, "case %zu", i);
		cr_assert_eq(f.n, 1, "case %zu", i);
		cr_assert_str_eq(f.v[0], tricky[i], "case %zu", i);
		expect_end(&r, &f);
		isn_strlist_free(&f);
		isn_buf_free(&b);
	}
}
