/* Printing registers: CSV that round-trips through a real store, JSON and
 * Markdown escaping, and table columns that fit any width in display
 * columns, wide characters included. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "ismsnav/regfmt.h"
#include "ismsnav/store.h"
#include "ismsnav/text.h"

#define INJECTION "'); DROP TABLE risk;--"
#define TRICKY "He said \"no\", then left;\nline two, \"quoted\"\r\nZürich 日本"

static void setup(void)
{
	test_locale();
	setenv("SOURCE_DATE_EPOCH", "1767225600", 1); /* 2026-01-01 */
}

TestSuite(regfmt, .init = setup);

static struct store *demo_store(void)
{
	struct store *s;
	char err[REG_ERR_MAX] = "";

	cr_assert_eq(store_open(&s, NULL, STORE_DEMO, err, sizeof(err)), 0, "%s", err);
	return s;
}

static struct reg_table load(struct store *s, enum reg_kind k)
{
	struct reg_table t;
	char err[REG_ERR_MAX] = "";

	cr_assert_eq(store_load(s, k, &t, err, sizeof(err)), 0, "%s", err);
	return t;
}

/* The register as CSV (caller frees). */
static char *export_csv(struct store *s, enum reg_kind k)
{
	struct reg_table t = load(s, k);
	struct isn_buf b = {0};

	cr_assert_eq(regfmt_csv(&t, NULL, t.n, &b), 0);
	reg_table_free(&t);
	return isn_buf_take(&b);
}

static void write_file(const char *path, const char *data)
{
	FILE *f = fopen(path, "wb");

	cr_assert_not_null(f);
	cr_assert_eq(fwrite(data, 1, strlen(data), f), strlen(data));
	cr_assert_eq(fclose(f), 0);
}

static void import(struct store *s, enum reg_kind k, const char *csv)
{
	char path[] = "/tmp/test_regfmt_XXXXXX", err[REG_ERR_MAX] = "";
	int fd = mkstemp(path);
	size_t count;

	cr_assert_geq(fd, 0);
	close(fd);
	write_file(path, csv);
	cr_assert_eq(store_import_csv(s, k, path, &count, err, sizeof(err)), 0, "%s", err);
	unlink(path);
}

static void set(struct store *s, enum reg_kind k, const char *id, const char *field,
		const char *value)
{
	struct reg_assign a = {field, value};
	char err[REG_ERR_MAX] = "";

	cr_assert_eq(store_set(s, k, id, &a, 1, err, sizeof(err)), 0, "%s", err);
}

static void add_tricky_risk(struct store *s, char *id, size_t idlen)
{
	struct reg_assign as[] = {
		{"title", INJECTION}, {"scenario", TRICKY}, {"owner", "Zürich 日本, \"Ops\""},
		{"likelihood", "2"},  {"impact", "5"},      {"controls", "8.13, A.5.1"},
		{"assets", "A-001"},
	};
	char err[REG_ERR_MAX] = "";

	cr_assert_eq(store_add(s, REG_RISK, as, ISN_ARRAY_LEN(as), id, idlen, err, sizeof(err)),
		     0, "%s", err);
}

Test(regfmt, csv_header_leaves_out_pseudo_fields_only)
{
	struct store *s = demo_store();
	char *csv = export_csv(s, REG_DOC);

	cr_assert(!strncmp(csv, "id,title,type,clause,owner,approver,version,status,"
				"approved_on,next_review,location,created,updated\r\n",
			   strlen("id,title,type,clause,owner,approver,version,status,"
				  "approved_on,next_review,location,created,updated\r\n")),
		  "header: %.120s", csv);
	free(csv);
	csv = export_csv(s, REG_RISK);
	cr_assert(strstr(csv, ",score,level,") != NULL, "derived fields are printed");
	free(csv);
	store_close(s);
}

/* Changed rows of one store, imported into a fresh demo store, export the
 * same bytes; so does importing into a store where the rows were deleted. */
Test(regfmt, csv_round_trips_through_another_store)
{
	struct store *a = demo_store(), *b = demo_store(), *c = demo_store();
	char id[32], err[REG_ERR_MAX] = "";
	char *ca, *cb, *cc;
	struct reg_table t;

	add_tricky_risk(a, id, sizeof(id));
	set(a, REG_RISK, "R-001", "title", INJECTION);
	set(a, REG_RISK, "R-002", "treatment_plan", TRICKY);
	set(a, REG_RISK, "R-003", "owner", "Zürich 日本");
	ca = export_csv(a, REG_RISK);
	cr_assert(strstr(ca, "\"He said \"\"no\"\", then left;\nline two") != NULL,
		  "quotes doubled, newline kept inside quotes");

	import(b, REG_RISK, ca);
	cb = export_csv(b, REG_RISK);
	cr_assert_str_eq(cb, ca);

	t = load(c, REG_RISK);
	for (size_t i = 0; i < t.n; i++)
		cr_assert_eq(store_delete(c, REG_RISK, t.rows[i].cell[0], err, sizeof(err)), 0,
			     "%s", err);
	reg_table_free(&t);
	import(c, REG_RISK, ca);
	cc = export_csv(c, REG_RISK);
	cr_assert_str_eq(cc, ca);

	t = load(c, REG_RISK);
	long r = reg_table_find(&t, id);
	cr_assert_geq(r, 0);
	cr_assert_str_eq(t.rows[r].cell[reg_field_index(t.def, "title")], INJECTION);
	cr_assert_str_eq(t.rows[r].cell[reg_field_index(t.def, "scenario")], TRICKY);
	cr_assert_str_eq(t.rows[r].cell[reg_field_index(t.def, "controls")], "5.1, 8.13");
	reg_table_free(&t);
	free(ca);
	free(cb);
	free(cc);
	store_close(a);
	store_close(b);
	store_close(c);
}

/* Every register's export, imported into the store it came from, changes
 * nothing and exports the same bytes. */
Test(regfmt, csv_round_trips_every_register_in_place)
{
	struct store *s = demo_store();

	set(s, REG_SOA, "5.1", "evidence", TRICKY);
	set(s, REG_ASSET, "A-002", "location", INJECTION);
	set(s, REG_DOC, "DOC-001", "location", "Zürich 日本 \\share\\isms");
	for (int k = 0; k < REG_COUNT; k++) {
		char *before = export_csv(s, (enum reg_kind)k), *after;

		import(s, (enum reg_kind)k, before);
		after = export_csv(s, (enum reg_kind)k);
		cr_assert_str_eq(after, before, "register %s", reg_def((enum reg_kind)k)->name);
		free(before);
		free(after);
	}
	store_close(s);
}

/* ---- tables built by hand ---- */

/* A row of register d: every cell "", then name/value pairs. */
static char **row(const struct reg_def *d, const char *const *pairs, size_t npairs)
{
	char **cells = calloc(d->nfields, sizeof(*cells));

	cr_assert_not_null(cells);
	for (size_t i = 0; i < d->nfields; i++)
		cells[i] = isn_strdup("");
	for (size_t p = 0; p + 1 < npairs; p += 2) {
		int i = reg_field_index(d, pairs[p]);

		cr_assert_geq(i, 0, "no field %s", pairs[p]);
		free(cells[i]);
		cells[i] = isn_strdup(pairs[p + 1]);
	}
	return cells;
}

#define ROW(t, ...)                                                                     \
	reg_table_push((t), row((t)->def, (const char *const[]){__VA_ARGS__},            \
			       ISN_ARRAY_LEN(((const char *const[]){__VA_ARGS__}))))

static char *json_of(const struct reg_table *t, regfmt_revisions_fn fn)
{
	struct isn_buf b = {0};

	cr_assert_eq(regfmt_json(t, NULL, t->n, fn, NULL, &b), 0);
	return isn_buf_take(&b);
}

Test(regfmt, json_escapes_strings_and_types_values)
{
	struct reg_table t = {.def = reg_def(REG_RISK)};
	char *j;

	ROW(&t, "id", "R-001", "title", "a \"q\" \\ b\x01\nZürich 日本\x7f", "likelihood", "3",
	    "impact", "4", "score", "12", "level", "high", "controls", "5.1, 8.13",
	    "owner", "bad \xff byte");
	j = json_of(&t, NULL);
	cr_assert(strstr(j, "\"title\": \"a \\\"q\\\" \\\\ b\\u0001\\u000aZürich 日本\x7f\"") != NULL,
		  "%s", j);
	cr_assert(strstr(j, "\"likelihood\": 3,") != NULL, "%s", j);
	cr_assert(strstr(j, "\"score\": 12,") != NULL, "%s", j);
	cr_assert(strstr(j, "\"residual_likelihood\": null,") != NULL, "%s", j);
	cr_assert(strstr(j, "\"level\": \"high\",") != NULL, "%s", j);
	cr_assert(strstr(j, "\"controls\": [\"5.1\", \"8.13\"],") != NULL, "%s", j);
	cr_assert(strstr(j, "\"assets\": [],") != NULL, "%s", j);
	cr_assert(strstr(j, "\"owner\": \"bad \\ufffd byte\"") != NULL, "%s", j);
	cr_assert(j[0] == '[' && !strcmp(j + strlen(j) - 3, "}\n]") == 0);
	cr_assert(!strcmp(j + strlen(j) - 2, "]\n"));
	free(j);
	reg_table_free(&t);

	t = (struct reg_table){.def = reg_def(REG_ASSET)};
	j = json_of(&t, NULL);
	cr_assert_str_eq(j, "[]\n");
	free(j);
}

static int two_revisions(void *ctx, const char *id, struct reg_table *out)
{
	(void)ctx;
	*out = (struct reg_table){.def = &store_revision_def};
	cr_assert_str_eq(id, "DOC-001");
	ROW(out, "version", "0.1", "date", "2026-01-05", "author", "Nadia", "summary", "First");
	ROW(out, "version", "1.0", "date", "2026-02-01", "author", "Helen", "summary",
	    "Approved \"as is\"");
	return 0;
}

Test(regfmt, json_lists_document_revisions)
{
	struct reg_table t = {.def = reg_def(REG_DOC)};
	char *j;

	ROW(&t, "id", "DOC-001", "title", "Policy", "change_summary", "never printed");
	j = json_of(&t, two_revisions);
	cr_assert(strstr(j, "\"revisions\": [\n      {\"version\": \"0.1\", \"date\": "
			    "\"2026-01-05\", \"author\": \"Nadia\", \"summary\": \"First\"},\n"
			    "      {\"version\": \"1.0\", \"date\": \"2026-02-01\", \"author\": "
			    "\"Helen\", \"summary\": \"Approved \\\"as is\\\"\"}\n    ]") != NULL,
		  "%s", j);
	cr_assert(strstr(j, "change_summary") == NULL, "pseudo fields are left out");
	free(j);
	reg_table_free(&t);
}

Test(regfmt, markdown_escapes_what_would_break_the_table)
{
	struct reg_table t = {.def = reg_def(REG_ASSET)};
	struct isn_buf b = {0};
	const char *line;

	ROW(&t, "id", "A-001", "name", "a|b\\c\r\nd\ne\rf\tg\x1b[31m", "category", "site",
	    "created", "2026-01-01T00:00:00Z");
	cr_assert_eq(regfmt_md(&t, NULL, t.n, &b), 0);
	cr_assert(!strncmp(b.data, "## Asset inventory\n\n| ID | Name | Category |", 42), "%s",
		  b.data);
	cr_assert(strstr(b.data, "| A-001 | a\\|b\\\\c<br>d<br>e<br>f g\xe2\x90\x9b[31m | site |") !=
		  NULL, "%s", b.data);
	cr_assert(strstr(b.data, "Created") == NULL, "timestamps are left out");
	cr_assert(strstr(b.data, "2026-01-01T") == NULL);
	/* three lines: heading row, delimiter row, one row; same cell count */
	line = strstr(b.data, "\n|");
	cr_assert_not_null(line);
	int bars[3] = {0}, k = 0;
	for (const char *p = line + 1; *p && k < 3; p++) {
		if (*p == '\n')
			k++;
		else if (*p == '|' && p[-1] != '\\')
			bars[k]++;
	}
	cr_assert_eq(k, 3);
	cr_assert_eq(bars[0], bars[1]);
	cr_assert_eq(bars[1], bars[2]);
	isn_buf_free(&b);
	reg_table_free(&t);
}

Test(regfmt, cell_shows_enums_in_words_and_text_on_one_line)
{
	const struct reg_def *d = reg_def(REG_SOA);
	const struct reg_field *impl = &d->fields[reg_field_index(d, "implementation")];
	const struct reg_field *note = &d->fields[reg_field_index(d, "justification")];
	char *c;

	c = regfmt_cell(impl, "not_started");
	cr_assert_str_eq(c, "not started");
	free(c);
	c = regfmt_cell(note, "a\r\nb\nc\td\x01_e");
	cr_assert_str_eq(c, "a b c d\xe2\x90\x81_e");
	free(c);
}

/* ---- fitting ---- */

/* Columns are measured without copying cells; the measure must be the
 * width of the cell as shown. */
Test(regfmt, measured_width_is_the_shown_width)
{
	static const char *const values[] = {
		"plain", "Zürich 日本", "a\r\nb", "a\rb\nc\td", "\x01\x1b[0m\x7f",
		"C1 \xc2\x85 here", "bad \xff\xfe bytes", "bidi \xe2\x80\xae x \xe2\x81\xa6",
		"line \xe2\x80\xa8 sep \xef\xbb\xbf bom", "e\xcc\x81 combining", "emoji \xf0\x9f\x94\x92",
		"soft\xc2\xadhyphen", "",
	};
	const struct reg_def *d = reg_def(REG_RISK);
	int title = reg_field_index(d, "title");

	for (size_t i = 0; i < ISN_ARRAY_LEN(values); i++) {
		struct reg_table t = {.def = d};
		struct reg_col cols[32];
		char *shown = regfmt_cell(&d->fields[title], values[i]);
		int want = text_width(shown, strlen(shown));

		ROW(&t, "id", "R-1", "title", values[i]);
		regfmt_fit(&t, NULL, t.n, 0, cols, 32);
		cr_assert_eq(cols[1].field, title);
		cr_assert_eq(cols[1].width, want > 5 ? want : 5, "value %zu ('%s'): %d, shown %d",
			     i, shown, cols[1].width, want);
		free(shown);
		reg_table_free(&t);
	}
}

static int widest_line(const char *s, int *nlines)
{
	int widest = 0;

	*nlines = 0;
	while (*s) {
		size_t n = strcspn(s, "\n");
		int w = text_width(s, n);

		cr_assert(n == 0 || s[n - 1] != ' ', "trailing space in '%.*s'", (int)n, s);
		cr_assert(text_valid_utf8(s, n, NULL), "a character was cut");
		if (w > widest)
			widest = w;
		(*nlines)++;
		s += n + (s[n] == '\n');
	}
	return widest;
}

static void check_fit(const struct reg_table *t, int width, const char *ellipsis)
{
	struct reg_col cols[32];
	struct isn_buf b = {0};
	size_t nc = regfmt_fit(t, NULL, t->n, width, cols, ISN_ARRAY_LEN(cols));
	int lines;
	long total = (long)nc - 1;

	cr_assert_geq(nc, 1, "width %d", width);
	cr_assert_eq(cols[0].field, 0, "the ID column is always kept (width %d)", width);
	for (size_t i = 0; i < nc; i++) {
		cr_assert(t->def->fields[cols[i].field].flags & RF_TABLE);
		cr_assert_gt(cols[i].width, 0);
		total += cols[i].width;
	}
	cr_assert_leq(total, width);
	cr_assert_eq(regfmt_table(t, NULL, t->n, width, ellipsis, &b), 0);
	cr_assert_leq(widest_line(b.data, &lines), width, "width %d:\n%s", width, b.data);
	cr_assert_eq(lines, (int)t->n + 1);
	cr_assert(b.data[0] == 'I' || b.data[0] == 'C', "the ID heading comes first");
	isn_buf_free(&b);
}

Test(regfmt, table_fits_every_width)
{
	struct store *s = demo_store();
	static const int widths[] = {20, 40, 80, 200, 7, 1};

	for (int k = 0; k < REG_COUNT; k++) {
		struct reg_table t = load(s, (enum reg_kind)k);

		for (size_t w = 0; w < ISN_ARRAY_LEN(widths); w++) {
			check_fit(&t, widths[w], "…");
			check_fit(&t, widths[w], "...");
		}
		reg_table_free(&t);
	}
	store_close(s);
}

Test(regfmt, text_columns_shrink_before_columns_are_dropped)
{
	struct store *s = demo_store();
	struct reg_table t = load(s, REG_RISK);
	struct reg_col wide[32], narrow[32];
	size_t nw = regfmt_fit(&t, NULL, t.n, 200, wide, 32);
	size_t nn = regfmt_fit(&t, NULL, t.n, 80, narrow, 32);
	int title = reg_field_index(t.def, "title");

	cr_assert_eq(nn, nw, "at 80 columns every risk column still fits, narrowed");
	for (size_t i = 0; i < nw; i++) {
		const struct reg_field *f = &t.def->fields[wide[i].field];

		cr_assert_geq(wide[i].width, text_width(f->head, strlen(f->head)),
			      "%s is at least as wide as its heading", f->name);
		if (f->type != FT_TEXT && f->type != FT_LINKS)
			cr_assert_eq(narrow[i].width, wide[i].width, "%s keeps its width", f->name);
	}
	cr_assert_eq(narrow[1].field, title);
	cr_assert_lt(narrow[1].width, wide[1].width, "the title gave up width");
	nn = regfmt_fit(&t, NULL, t.n, 40, narrow, 32);
	cr_assert_lt(nn, nw, "at 40 columns some columns are dropped");
	for (size_t i = 0; i < nn; i++)
		cr_assert_eq(narrow[i].field, wide[i].field, "dropped from the right");
	reg_table_free(&t);
	store_close(s);
}

Test(regfmt, no_width_limit_caps_columns)
{
	struct reg_table t = {.def = reg_def(REG_RISK)};
	struct reg_col cols[32];
	char title[200];
	size_t nc;

	memset(title, 'x', sizeof(title) - 1);
	title[sizeof(title) - 1] = '\0';
	ROW(&t, "id", "R-001", "title", title, "likelihood", "1");
	nc = regfmt_fit(&t, NULL, t.n, 0, cols, 32);
	cr_assert_eq(cols[1].width, 48);
	cr_assert_eq(cols[0].width, 5, "ID: the widest cell");
	for (size_t i = 0; i < nc; i++)
		cr_assert_leq(cols[i].width, 48);
	reg_table_free(&t);
}

Test(regfmt, wide_characters_count_two_columns)
{
	struct reg_table t = {.def = reg_def(REG_ASSET)};
	struct isn_buf b = {0};
	struct reg_col cols[32];
	int lines;

	ROW(&t, "id", "A-001", "name", "日本日本日本日本日本日本日本日本日本日本日本日本",
	    "category", "site", "owner", "Zürich");
	ROW(&t, "id", "A-002", "name", "ascii", "category", "people", "owner", "日本");
	size_t nc = regfmt_fit(&t, NULL, t.n, 0, cols, 32);
	cr_assert_eq(cols[1].width, 48, "24 wide characters are 48 columns");
	cr_assert_eq(cols[3].width, 6, "Zürich is 6 columns, not 7 bytes");
	(void)nc;
	for (int w = 10; w <= 60; w += 7) {
		b.len = 0;
		cr_assert_eq(regfmt_table(&t, NULL, t.n, w, "…", &b), 0);
		cr_assert_leq(widest_line(b.data, &lines), w, "width %d:\n%s", w, b.data);
	}
	isn_buf_free(&b);
	reg_table_free(&t);
}

Test(regfmt, table_cuts_with_the_ellipsis_and_pads_by_width)
{
	struct reg_table t = {.def = reg_def(REG_ASSET)};
	struct isn_buf b = {0};

	ROW(&t, "id", "A-001", "name", "Customer account and invoice data", "category",
	    "information", "owner", "日本");
	ROW(&t, "id", "A-002", "name", "Laptops", "category", "hardware", "owner", "IT");
	cr_assert_eq(regfmt_table(&t, NULL, t.n, 0, "…", &b), 0);
	cr_assert_str_eq(b.data,
			 "ID    Name                              Category    Owner Class C I A Risks\n"
			 "A-001 Customer account and invoice data information 日本\n"
			 "A-002 Laptops                           hardware    IT\n");
	b.len = 0;
	cr_assert_eq(regfmt_table(&t, NULL, t.n, 30, "...", &b), 0);
	cr_assert_str_eq(b.data,
			 "ID    Name    Category    O...\n"
			 "A-001 Cust... information 日本\n"
			 "A-002 Laptops hardware    IT\n");
	b.len = 0;
	cr_assert_eq(regfmt_table(&t, NULL, t.n, 30, "…", &b), 0);
	cr_assert_str_eq(b.data,
			 "ID    Name    Category    Own…\n"
			 "A-001 Custom… information 日本\n"
			 "A-002 Laptops hardware    IT\n");
	isn_buf_free(&b);
	reg_table_free(&t);
}
