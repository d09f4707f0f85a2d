/* The registers' model without a database: register and field lookup, ID
 * and value parsing for every field type, the rules across fields of a
 * row, document status transitions, derived scores, and sorting,
 * filtering and the heat map over a table held in memory. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ismsnav/reg.h"

/* ---- helpers ---- */

static const struct reg_field *field(enum reg_kind k, const char *name)
{
	const struct reg_def *d = reg_def(k);
	int i = reg_field_index(d, name);

	cr_assert_geq(i, 0, "%s has no field %s", d->name, name);
	return &d->fields[i];
}

/* Parses `in` as field `name` of register k and asserts it gives `want`. */
static void parses(enum reg_kind k, const char *name, const char *in, const char *want)
{
	char err[REG_ERR_MAX] = "", *out = (char *)"sentinel";
	int rc = reg_parse_value(reg_def(k), field(k, name), in, &out, err, sizeof err);

	cr_assert_eq(rc, 0, "%s='%s' refused: %s", name, in, err);
	cr_assert_not_null(out);
	cr_assert_str_eq(out, want, "%s='%s'", name, in);
	free(out);
}

/* Asserts that `in` is refused as field `name`, with a message that names
 * the field (at its start) and contains `needle`. */
static void refuses(enum reg_kind k, const char *name, const char *in, const char *needle)
{
	char err[REG_ERR_MAX] = "", *out = (char *)"sentinel";
	int rc = reg_parse_value(reg_def(k), field(k, name), in, &out, err, sizeof err);

	cr_assert_eq(rc, -1, "%s='%s' accepted as '%s'", name, in, rc == 0 ? out : "");
	cr_assert_null(out, "nothing is handed out on refusal");
	cr_assert_eq(strncmp(err, name, strlen(name)), 0, "message '%s' does not start with %s",
		     err, name);
	cr_assert(strstr(err, needle), "message '%s' lacks '%s'", err, needle);
}

static void id_is(enum reg_kind k, const char *in, const char *want)
{
	char out[32] = "";

	cr_assert_eq(reg_parse_id(reg_def(k), in, out, sizeof out), 0, "'%s' refused", in);
	cr_assert_str_eq(out, want, "'%s'", in);
}

static void not_id(enum reg_kind k, const char *in)
{
	char out[32] = "";

	cr_assert_eq(reg_parse_id(reg_def(k), in, out, sizeof out), -1, "'%s' accepted as %s", in,
		     out);
}

/* A row of register k: every cell "" except the name=value pairs given. */
static char **row(enum reg_kind k, const char *const *kv)
{
	const struct reg_def *d = reg_def(k);
	char **cells = calloc(d->nfields, sizeof(*cells));

	cr_assert_not_null(cells);
	for (size_t i = 0; i < d->nfields; i++)
		cells[i] = strdup("");
	for (size_t i = 0; kv && kv[i]; i += 2) {
		int f = reg_field_index(d, kv[i]);

		cr_assert_geq(f, 0, "no field %s", kv[i]);
		free(cells[f]);
		cells[f] = strdup(kv[i + 1]);
	}
	return cells;
}

#define KV(...) ((const char *const[]){__VA_ARGS__, NULL})

static int check(enum reg_kind k, const char *const *kv, char *err, size_t errlen)
{
	char **cells = row(k, kv);
	int rc;

	err[0] = '\0';
	rc = reg_check_row(reg_def(k), cells, err, errlen);
	reg_row_free(reg_def(k), cells);
	return rc;
}

static void row_ok(enum reg_kind k, const char *const *kv)
{
	char err[REG_ERR_MAX];

	cr_assert_eq(check(k, kv, err, sizeof err), 0, "refused: %s", err);
}

static void row_bad(enum reg_kind k, const char *const *kv, const char *needle)
{
	char err[REG_ERR_MAX];

	cr_assert_eq(check(k, kv, err, sizeof err), -1, "accepted; wanted '%s'", needle);
	cr_assert(strstr(err, needle), "message '%s' lacks '%s'", err, needle);
}

static const char *cellv(const struct reg_table *t, size_t r, const char *name)
{
	int f = reg_field_index(t->def, name);

	cr_assert_geq(f, 0);
	return t->rows[r].cell[f];
}

/* A risk table: rows of (id, title, likelihood, impact, residual L, residual I). */
static void risks(struct reg_table *t, const char *const (*rows)[6], size_t n)
{
	*t = (struct reg_table){.def = reg_def(REG_RISK)};
	for (size_t r = 0; r < n; r++) {
		char **cells = row(REG_RISK, KV("id", rows[r][0], "title", rows[r][1], "likelihood",
						rows[r][2], "impact", rows[r][3],
						"residual_likelihood", rows[r][4], "residual_impact",
						rows[r][5], "status", "open"));

		cr_assert_eq(reg_derive(t->def, cells), 0);
		cr_assert_eq(reg_table_push(t, cells), 0);
	}
}

static void identity(size_t *idx, size_t n)
{
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
}

/* Asserts the IDs of the rows idx[0..n) are exactly `want`. */
static void ids_are(const struct reg_table *t, const size_t *idx, size_t n,
		    const char *const *want, size_t nwant)
{
	cr_assert_eq(n, nwant, "%zu rows, want %zu", n, nwant);
	for (size_t i = 0; i < n; i++)
		cr_assert_str_eq(t->rows[idx[i]].cell[0], want[i], "position %zu", i);
}

#define IDS(t, idx, n, ...)                                                          \
	ids_are((t), (idx), (n), (const char *const[]){__VA_ARGS__},                 \
		sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

/* ---- registers and fields ---- */

Test(reg, finds_registers_by_name_and_alias)
{
	static const struct {
		const char *name;
		int kind;
	} cases[] = {
		{"risk", REG_RISK},
		{"RISK", REG_RISK},
		{"risks", REG_RISK},
		{"Risk register", REG_RISK},
		{"risk-register", REG_RISK},
		{"isms_artifacts", REG_DOC},
		{"ISMS-artifacts", REG_DOC},
		{"isms artefacts", REG_DOC},
		{"documents", REG_DOC},
		{"docs", REG_DOC},
		{"artifacts", REG_DOC},
		{"soa", REG_SOA},
		{"SoA", REG_SOA},
		{"Statement of Applicability", REG_SOA},
		{"assets", REG_ASSET},
		{"asset", REG_ASSET},
		{"Inventory", REG_ASSET},
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const struct reg_def *d = reg_find(cases[i].name);

		cr_assert_not_null(d, "'%s' not found", cases[i].name);
		cr_assert_eq((int)d->kind, cases[i].kind, "'%s'", cases[i].name);
		cr_assert_eq(d, reg_def(d->kind));
	}
	cr_assert_null(reg_find("controls"));
	cr_assert_null(reg_find(""));
	cr_assert_null(reg_find(NULL));
	cr_assert_null(reg_find("risk "));
	cr_assert_null(reg_find("riskriskriskriskriskriskriskriskriskriskriskriskriskriskriskrisk"
				"riskrisk"));
	cr_assert_null(reg_def(REG_COUNT));
}

Test(reg, register_definitions)
{
	const struct reg_def *r = reg_def(REG_RISK), *d = reg_def(REG_DOC);
	const struct reg_def *s = reg_def(REG_SOA), *a = reg_def(REG_ASSET);

	cr_assert_str_eq(r->name, "risk");
	cr_assert_str_eq(d->name, "isms_artifacts");
	cr_assert_str_eq(s->name, "soa");
	cr_assert_str_eq(a->name, "assets");
	cr_assert_str_eq(r->id_prefix, "R-");
	cr_assert_str_eq(d->id_prefix, "DOC-");
	cr_assert_null(s->id_prefix);
	cr_assert_str_eq(a->id_prefix, "A-");
	cr_assert(s->fixed_rows);
	cr_assert_not(r->fixed_rows || d->fixed_rows || a->fixed_rows);
	cr_assert_eq(r->nfields, 26);
	cr_assert_eq(d->nfields, 15);
	cr_assert_eq(s->nfields, 11);
	cr_assert_eq(a->nfields, 12);
	cr_assert_str_eq(r->fields[0].name, "id");
	cr_assert_str_eq(s->fields[0].name, "control");
	cr_assert_eq(reg_field_index(r, "likelihood"), 7);
	cr_assert_eq(reg_field_index(r, "updated"), 25);
	cr_assert_eq(reg_field_index(r, "colour"), -1);
	cr_assert_eq(reg_field_index(r, "Title"), -1);
	/* every register's key comes first and is an ID */
	for (int k = 0; k < REG_COUNT; k++) {
		cr_assert_eq(reg_def(k)->kind, k);
		cr_assert_eq(reg_def(k)->fields[0].type, FT_ID);
		for (size_t i = 1; i < reg_def(k)->nfields; i++)
			cr_assert_neq(reg_def(k)->fields[i].type, FT_ID);
	}
	cr_assert_eq(field(REG_RISK, "controls")->target, REG_SOA);
	cr_assert_eq(field(REG_RISK, "assets")->target, REG_ASSET);
	cr_assert_eq(field(REG_SOA, "risks")->target, REG_RISK);
	cr_assert_eq(field(REG_ASSET, "risks")->target, REG_RISK);
	cr_assert(field(REG_RISK, "score")->flags & RF_DERIVED);
	cr_assert(field(REG_SOA, "title")->flags & RF_FIXED);
	cr_assert(field(REG_DOC, "change_summary")->flags & RF_PSEUDO);
}

/* ---- IDs ---- */

Test(reg, parses_risk_document_and_asset_ids)
{
	id_is(REG_RISK, "r-7", "R-007");
	id_is(REG_RISK, "R-007", "R-007");
	id_is(REG_RISK, "R7", "R-007");
	id_is(REG_RISK, "  R-0012  ", "R-012");
	id_is(REG_RISK, "R-1000", "R-1000");
	id_is(REG_RISK, "R-999999", "R-999999");
	id_is(REG_DOC, "doc-3", "DOC-003");
	id_is(REG_DOC, "DOC3", "DOC-003");
	id_is(REG_DOC, "DOC-042", "DOC-042");
	id_is(REG_ASSET, "a-12", "A-012");
	id_is(REG_ASSET, "A-1", "A-001");

	not_id(REG_RISK, "");
	not_id(REG_RISK, "R");
	not_id(REG_RISK, "R-");
	not_id(REG_RISK, "R-0");
	not_id(REG_RISK, "R-000");
	not_id(REG_RISK, "R--1");
	not_id(REG_RISK, "R- 1");
	not_id(REG_RISK, "R-+1");
	not_id(REG_RISK, "R--1");
	not_id(REG_RISK, "R-1a");
	not_id(REG_RISK, "R-1.5");
	not_id(REG_RISK, "R-1 2");
	not_id(REG_RISK, "R-1000000");
	not_id(REG_RISK, "R-99999999999999999999999");
	not_id(REG_RISK, "X-1");
	not_id(REG_RISK, "A-1");
	not_id(REG_RISK, "garbage");
	not_id(REG_RISK, "7");
	not_id(REG_DOC, "D-3");
	not_id(REG_DOC, "R-3");
	not_id(REG_ASSET, "A.5.1");
	not_id(REG_ASSET, "AB-1");
}

Test(reg, parses_annex_a_controls)
{
	id_is(REG_SOA, "A.5.1", "5.1");
	id_is(REG_SOA, "a.5.1", "5.1");
	id_is(REG_SOA, "5.1", "5.1");
	id_is(REG_SOA, " 8.34 ", "8.34");
	id_is(REG_SOA, "5.37", "5.37");
	id_is(REG_SOA, "6.8", "6.8");
	id_is(REG_SOA, "7.14", "7.14");
	id_is(REG_SOA, "A.8.1", "8.1");

	not_id(REG_SOA, "5.38");
	not_id(REG_SOA, "6.9");
	not_id(REG_SOA, "7.15");
	not_id(REG_SOA, "8.35");
	not_id(REG_SOA, "9.1");
	not_id(REG_SOA, "4.1");
	not_id(REG_SOA, "6.0");
	not_id(REG_SOA, "5");
	not_id(REG_SOA, "5.");
	not_id(REG_SOA, ".1");
	not_id(REG_SOA, "5.1.1");
	not_id(REG_SOA, "5.1x");
	not_id(REG_SOA, "-5.1");
	not_id(REG_SOA, "A.");
	not_id(REG_SOA, "A..5.1");
	not_id(REG_SOA, "99999999999999999999.1");
	not_id(REG_SOA, "5.99999999999999999999");
	not_id(REG_SOA, "garbage");
	not_id(REG_SOA, "");
}

Test(reg, the_id_field_normalises_and_names_what_it_wants)
{
	parses(REG_RISK, "id", " r-7 ", "R-007");
	parses(REG_SOA, "control", "A.5.15", "5.15");
	parses(REG_RISK, "id", "", "");
	refuses(REG_RISK, "id", "X-1", "a risk ID such as R-001");
	refuses(REG_DOC, "id", "X-1", "a document ID such as DOC-001");
	refuses(REG_ASSET, "id", "X-1", "an asset ID such as A-001");
	refuses(REG_SOA, "control", "9.1", "an Annex A control");
}

/* ---- values ---- */

Test(reg, ratings_are_one_to_five)
{
	parses(REG_RISK, "likelihood", "1", "1");
	parses(REG_RISK, "likelihood", "5", "5");
	parses(REG_RISK, "impact", " 3 ", "3");
	parses(REG_RISK, "residual_impact", "", "");
	parses(REG_ASSET, "availability", "4", "4");
	refuses(REG_RISK, "likelihood", "0", "'0' is not a rating from 1 to 5");
	refuses(REG_RISK, "likelihood", "6", "'6' is not a rating from 1 to 5");
	refuses(REG_RISK, "impact", "x", "'x' is not a rating from 1 to 5");
	refuses(REG_RISK, "impact", "-1", "not a rating");
	refuses(REG_RISK, "impact", "3.5", "not a rating");
	refuses(REG_RISK, "impact", "03", "not a rating");
	refuses(REG_RISK, "impact", "33", "not a rating");
	refuses(REG_ASSET, "confidentiality", "high", "not a rating");
}

Test(reg, enums_fold_case_spaces_and_hyphens)
{
	parses(REG_DOC, "status", "In Review", "in_review");
	parses(REG_DOC, "status", "in-review", "in_review");
	parses(REG_DOC, "status", "IN_REVIEW", "in_review");
	parses(REG_DOC, "status", "  Published ", "published");
	parses(REG_SOA, "implementation", "not-started", "not_started");
	parses(REG_SOA, "implementation", "Not Started", "not_started");
	parses(REG_SOA, "implementation", "implemented", "implemented");
	parses(REG_RISK, "treatment", "Modify", "modify");
	parses(REG_RISK, "treatment", "SHARE", "share");
	parses(REG_RISK, "treatment", "", "");
	parses(REG_RISK, "status", "Treating", "treating");
	parses(REG_DOC, "type", "Procedure", "procedure");
	parses(REG_ASSET, "category", "Supplier", "supplier");
	parses(REG_ASSET, "classification", "Restricted", "restricted");

	refuses(REG_RISK, "treatment", "mitigate",
		"treatment: 'mitigate' is not one of: modify, retain, avoid, share");
	refuses(REG_DOC, "status", "final",
		"is not one of: draft, in_review, approved, published, retired");
	refuses(REG_SOA, "implementation", "in progress",
		"is not one of: not_started, planned, partial, implemented");
	refuses(REG_ASSET, "category", "cloud",
		"is not one of: information, software, hardware, service, people, site, supplier");
	refuses(REG_ASSET, "classification", "secret",
		"is not one of: public, internal, confidential, restricted");
	refuses(REG_DOC, "status", "in review please", "is not one of");
	/* longer than any value: refused, not truncated into a match */
	refuses(REG_RISK, "status", "openopenopenopenopenopenopenopenopenopenopenopenopenopenopen"
				    "openopenopen",
		"is not one of");
}

Test(reg, booleans)
{
	static const char *const yes[] = {"y", "Y", "yes", "YES", "Yes", "true", "TRUE", "1", " yes "};
	static const char *const no[] = {"n", "N", "no", "NO", "false", "False", "0"};

	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		parses(REG_SOA, "applicable", yes[i], "yes");
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		parses(REG_SOA, "applicable", no[i], "no");
	parses(REG_SOA, "applicable", "", "");
	refuses(REG_SOA, "applicable", "maybe", "applicable: 'maybe' is not one of: yes, no");
	refuses(REG_SOA, "applicable", "2", "is not one of: yes, no");
	refuses(REG_SOA, "applicable", "yess", "is not one of: yes, no");
}

Test(reg, dates_are_real_calendar_dates)
{
	parses(REG_RISK, "treatment_due", "2028-02-29", "2028-02-29");
	parses(REG_RISK, "treatment_due", "2000-02-29", "2000-02-29");
	parses(REG_RISK, "next_review", " 2026-12-31 ", "2026-12-31");
	parses(REG_DOC, "approved_on", "2026-01-01", "2026-01-01");
	parses(REG_SOA, "last_reviewed", "", "");
	refuses(REG_RISK, "treatment_due", "2026-02-29", "'2026-02-29' is not a date (YYYY-MM-DD)");
	refuses(REG_RISK, "treatment_due", "2100-02-29", "is not a date");
	refuses(REG_RISK, "treatment_due", "2026-13-01", "is not a date");
	refuses(REG_RISK, "treatment_due", "2026-00-10", "is not a date");
	refuses(REG_RISK, "treatment_due", "2026-04-31", "is not a date");
	refuses(REG_RISK, "treatment_due", "2026-01-00", "is not a date");
	refuses(REG_RISK, "treatment_due", "2026-1-1", "is not a date");
	refuses(REG_RISK, "treatment_due", "2026-01-011", "is not a date");
	refuses(REG_RISK, "treatment_due", "26-01-01", "is not a date");
	refuses(REG_RISK, "treatment_due", "2026/01/01", "is not a date");
	refuses(REG_RISK, "treatment_due", "01.02.2026", "is not a date");
	refuses(REG_RISK, "treatment_due", "1899-12-31", "is not a date");
	refuses(REG_RISK, "treatment_due", "tomorrow", "is not a date");

	cr_assert(reg_date_valid("2024-02-29"));
	cr_assert(reg_date_valid("2026-12-31"));
	cr_assert_not(reg_date_valid("2026-12-32"));
	cr_assert_not(reg_date_valid(""));
	cr_assert_not(reg_date_valid("2026"));
	cr_assert_not(reg_date_valid("2026-06"));
	cr_assert_not(reg_date_valid("2026-06-1"));
}

Test(reg, stamps_are_utc_times)
{
	parses(REG_RISK, "created", "2026-01-20T09:10:00Z", "2026-01-20T09:10:00Z");
	parses(REG_RISK, "updated", " 2028-02-29T23:59:59Z ", "2028-02-29T23:59:59Z");
	parses(REG_SOA, "updated", "", "");
	refuses(REG_RISK, "created", "2026-01-20 09:10:00", "is not a UTC time");
	refuses(REG_RISK, "created", "2026-01-20T09:10:00", "is not a UTC time");
	refuses(REG_RISK, "created", "2026-01-20T24:00:00Z", "is not a UTC time");
	refuses(REG_RISK, "created", "2026-01-20T23:60:00Z", "is not a UTC time");
	refuses(REG_RISK, "created", "2026-02-30T10:00:00Z", "is not a UTC time");
	refuses(REG_RISK, "created", "2026-01-20T1a:00:00Z", "is not a UTC time");
	refuses(REG_RISK, "created", "2026-01-20", "is not a UTC time");
}

Test(reg, links_are_deduplicated_and_sorted_naturally)
{
	parses(REG_RISK, "controls", "8.5, 5.15, A.5.15", "5.15, 8.5");
	parses(REG_RISK, "controls", "A.8.1;5.10 5.9,,5.1", "5.1, 5.9, 5.10, 8.1");
	parses(REG_RISK, "controls", "8.34", "8.34");
	parses(REG_RISK, "controls", "", "");
	parses(REG_RISK, "controls", " , ; ", "");
	parses(REG_RISK, "assets", "a-2, A-10, A-002, a-1", "A-001, A-002, A-010");
	parses(REG_SOA, "risks", "r-10\nR-2\tR-1000", "R-002, R-010, R-1000");
	parses(REG_ASSET, "risks", "R-001", "R-001");

	refuses(REG_RISK, "controls", "5.1, 9.9", "controls: '9.9' is not an Annex A control");
	refuses(REG_RISK, "controls", "5.38", "'5.38' is not an Annex A control of ISO/IEC "
					      "27001:2022");
	refuses(REG_RISK, "assets", "A-1, R-2", "assets: 'R-2' is not an asset ID such as A-001");
	refuses(REG_SOA, "risks", "R-1, A-2", "risks: 'A-2' is not a risk ID such as R-001");
	refuses(REG_ASSET, "risks", "R-001 garbage", "risks: 'garbage' is not a risk ID");
}

Test(reg, too_many_links_are_refused)
{
	char *in = calloc(1, 600 * 10), *p = in;

	cr_assert_not_null(in);
	for (int i = 1; i <= 500; i++)
		p += sprintf(p, "R-%d,", i);
	{
		char err[REG_ERR_MAX] = "", *out = NULL;
		const struct reg_field *f = field(REG_SOA, "risks");

		cr_assert_eq(reg_parse_value(reg_def(REG_SOA), f, in, &out, err, sizeof err), 0,
			     "%s", err);
		cr_assert_eq(strncmp(out, "R-001, R-002, ", 14), 0);
		cr_assert(strstr(out, ", R-500"));
		free(out);
	}
	sprintf(p, "R-501");
	refuses(REG_SOA, "risks", in, "risks: more than 500 links");
	free(in);
}

Test(reg, text_is_kept_verbatim)
{
	parses(REG_RISK, "title", "'); DROP TABLE risk;--", "'); DROP TABLE risk;--");
	parses(REG_RISK, "title", "  two  spaces  ", "  two  spaces  ");
	parses(REG_RISK, "title", "say \"hi\", it's", "say \"hi\", it's");
	parses(REG_RISK, "owner", "Zürich – 東京 😀", "Zürich – 東京 😀");
	parses(REG_RISK, "title", "line one\nline two", "line one\nline two");
	parses(REG_RISK, "scenario", "a\r\nb\n\n\tc \"q\" ", "a\r\nb\n\n\tc \"q\" ");
	parses(REG_SOA, "justification", "%s %n %%", "%s %n %%");
	parses(REG_DOC, "change_summary", "First", "First");
}

Test(reg, invalid_utf8_is_refused)
{
	refuses(REG_RISK, "title", "caf\xc3", "title: the value is not valid UTF-8 (byte 4)");
	refuses(REG_RISK, "scenario", "\xff" "abc", "not valid UTF-8 (byte 1)");
	refuses(REG_RISK, "status", "op\xe9n", "not valid UTF-8 (byte 3)");
	refuses(REG_RISK, "controls", "5.1, \xc0\xaf", "not valid UTF-8");
	refuses(REG_DOC, "owner", "\xed\xa0\x80", "not valid UTF-8"); /* a surrogate */
}

static char *repeat(char c, size_t n)
{
	char *s = malloc(n + 1);

	cr_assert_not_null(s);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

Test(reg, text_length_limits)
{
	char *text = repeat('t', REG_TEXT_MAX), *note = repeat('n', REG_NOTE_MAX);
	char *text1 = repeat('t', REG_TEXT_MAX + 1), *note1 = repeat('n', REG_NOTE_MAX + 1);
	char want[64];

	parses(REG_RISK, "title", text, text);
	parses(REG_RISK, "scenario", note, note);
	parses(REG_RISK, "scenario", text1, text1); /* a note may be longer than a line */
	snprintf(want, sizeof want, "title: %d bytes is too long (at most %d)", REG_TEXT_MAX + 1,
		 REG_TEXT_MAX);
	refuses(REG_RISK, "title", text1, want);
	snprintf(want, sizeof want, "scenario: %d bytes is too long (at most %d)",
		 REG_NOTE_MAX + 1, REG_NOTE_MAX);
	refuses(REG_RISK, "scenario", note1, want);
	refuses(REG_RISK, "status", text1, "too long");
	free(text);
	free(note);
	free(text1);
	free(note1);
}

Test(reg, derived_fields_cannot_be_parsed)
{
	refuses(REG_RISK, "score", "12", "score is derived from other fields");
	refuses(REG_RISK, "residual_level", "high", "residual_level is derived");
}

/* ---- rows ---- */

Test(reg, risk_rows)
{
	row_ok(REG_RISK, KV("title", "t", "likelihood", "3", "impact", "4", "status", "open"));
	row_bad(REG_RISK, KV("likelihood", "3", "impact", "4", "status", "open"), "title is required");
	row_bad(REG_RISK, KV("title", "t", "impact", "4", "status", "open"),
		"likelihood is required");
	row_bad(REG_RISK, KV("title", "t", "likelihood", "3", "status", "open"),
		"impact is required");
	row_bad(REG_RISK, KV("title", "t", "likelihood", "3", "impact", "4"), "status is required");

	/* residual ratings go in pairs */
	row_ok(REG_RISK, KV("title", "t", "likelihood", "3", "impact", "4", "status", "open",
			    "residual_likelihood", "2", "residual_impact", "2"));
	row_bad(REG_RISK, KV("title", "t", "likelihood", "3", "impact", "4", "status", "open",
			     "residual_likelihood", "2"),
		"residual_likelihood and residual_impact go together");
	row_bad(REG_RISK, KV("title", "t", "likelihood", "3", "impact", "4", "status", "open",
			     "residual_impact", "2"),
		"residual_likelihood and residual_impact go together");

	/* acceptance needs who and when */
	row_bad(REG_RISK, KV("title", "t", "likelihood", "3", "impact", "4", "status", "accepted"),
		"an accepted risk needs accepted_by and accepted_on");
	row_bad(REG_RISK, KV("title", "t", "likelihood", "3", "impact", "4", "status", "accepted",
			     "accepted_by", "CEO"),
		"accepted_by and accepted_on");
	row_bad(REG_RISK, KV("title", "t", "likelihood", "3", "impact", "4", "status", "accepted",
			     "accepted_on", "2026-03-01"),
		"accepted_by and accepted_on");
	row_ok(REG_RISK, KV("title", "t", "likelihood", "3", "impact", "4", "status", "accepted",
			    "accepted_by", "CEO", "accepted_on", "2026-03-01"));
	row_ok(REG_RISK, KV("title", "t", "likelihood", "3", "impact", "4", "status", "accepted",
			    "accepted_by", "CEO", "accepted_on", "2026-03-01", "accepted_until",
			    "2026-03-01"));
	row_ok(REG_RISK, KV("title", "t", "likelihood", "3", "impact", "4", "status", "accepted",
			    "accepted_by", "CEO", "accepted_on", "2026-03-01", "accepted_until",
			    "2027-03-01"));
	row_bad(REG_RISK, KV("title", "t", "likelihood", "3", "impact", "4", "status", "accepted",
			     "accepted_by", "CEO", "accepted_on", "2026-03-01", "accepted_until",
			     "2026-02-28"),
		"accepted_until (2026-02-28) is before accepted_on (2026-03-01)");
	/* text keeps its spaces, but only spaces is not a value */
	row_bad(REG_RISK, KV("title", "  \t\n ", "likelihood", "3", "impact", "4", "status", "open"),
		"title is required");
	row_ok(REG_RISK, KV("title", " t ", "likelihood", "3", "impact", "4", "status", "open"));
	row_bad(REG_RISK, KV("title", "t", "likelihood", "3", "impact", "4", "status", "accepted",
			     "accepted_by", "   ", "accepted_on", "2026-03-01"),
		"an accepted risk needs accepted_by and accepted_on");
	/* not accepted: the details may stay from an earlier acceptance */
	row_ok(REG_RISK, KV("title", "t", "likelihood", "3", "impact", "4", "status", "open",
			    "accepted_by", "CEO"));
}

Test(reg, soa_rows)
{
	row_ok(REG_SOA, KV("control", "5.1", "applicable", "yes", "implementation", "planned"));
	row_ok(REG_SOA, KV("control", "5.1", "applicable", "no", "implementation", "not_started",
			   "justification", "No development done in house"));
	row_bad(REG_SOA, KV("control", "5.1", "applicable", "no", "implementation", "not_started"),
		"justification is required when a control is not applicable");
	row_bad(REG_SOA, KV("control", "5.1", "applicable", "no", "implementation", "not_started",
			    "justification", " \n "),
		"justification is required when a control is not applicable");
	row_bad(REG_SOA, KV("control", "5.1", "implementation", "planned"),
		"applicable is required");
	row_bad(REG_SOA, KV("control", "5.1", "applicable", "yes"), "implementation is required");
}

Test(reg, document_rows)
{
	row_ok(REG_DOC, KV("title", "Policy", "type", "policy", "version", "0.1", "status", "draft"));
	row_bad(REG_DOC, KV("title", "Policy", "version", "0.1", "status", "draft"),
		"type is required");
	row_bad(REG_DOC, KV("title", "Policy", "type", "policy", "status", "draft"),
		"version is required");
	row_bad(REG_DOC, KV("title", "Policy", "type", "policy", "version", "1.0", "status",
			    "approved"),
		"a document that is approved needs approver and approved_on");
	row_bad(REG_DOC, KV("title", "Policy", "type", "policy", "version", "1.0", "status",
			    "approved", "approver", "CEO"),
		"needs approver and approved_on");
	row_bad(REG_DOC, KV("title", "Policy", "type", "policy", "version", "1.0", "status",
			    "published", "approved_on", "2026-01-02"),
		"a document that is published needs approver and approved_on");
	row_ok(REG_DOC, KV("title", "Policy", "type", "policy", "version", "1.0", "status",
			   "approved", "approver", "CEO", "approved_on", "2026-01-02"));
	row_bad(REG_DOC, KV("title", "Policy", "type", "policy", "version", "1.0", "status",
			    "approved", "approver", " ", "approved_on", "2026-01-02"),
		"needs approver and approved_on");
	row_bad(REG_DOC, KV("title", "Policy", "type", "policy", "version", "  ", "status",
			    "draft"),
		"version is required");
	row_ok(REG_DOC, KV("title", "Policy", "type", "policy", "version", "1.0", "status",
			   "in_review"));
}

Test(reg, asset_rows)
{
	row_ok(REG_ASSET, KV("name", "Laptops", "category", "hardware"));
	row_bad(REG_ASSET, KV("category", "hardware"), "name is required");
	row_bad(REG_ASSET, KV("name", "Laptops"), "category is required");
}

Test(reg, every_document_status_transition)
{
	static const char *const st[] = {"draft", "in_review", "approved", "published", "retired"};
	static const char *const allowed[][2] = {
		{"draft", "in_review"},    {"draft", "retired"},       {"in_review", "draft"},
		{"in_review", "approved"}, {"approved", "published"},  {"approved", "draft"},
		{"published", "draft"},    {"published", "in_review"}, {"published", "retired"},
		{"retired", "draft"},
	};
	int nallowed = 0;

	for (size_t a = 0; a < 5; a++)
		for (size_t b = 0; b < 5; b++) {
			char err[REG_ERR_MAX] = "";
			bool want = a == b;
			int rc;

			for (size_t i = 0; i < sizeof allowed / sizeof *allowed; i++)
				want = want || (!strcmp(allowed[i][0], st[a]) &&
						 !strcmp(allowed[i][1], st[b]));
			rc = reg_doc_transition(st[a], st[b], err, sizeof err);
			cr_assert_eq(rc, want ? 0 : -1, "%s -> %s: %d (%s)", st[a], st[b], rc, err);
			if (!want) {
				char head[128];

				snprintf(head, sizeof head,
					 "status: %s %s document cannot become %s; from %s it can "
					 "go to: ",
					 strchr("aeiou", st[a][0]) ? "an" : "a", st[a], st[b], st[a]);
				cr_assert(strstr(err, head) == err, "'%s'", err);
			} else if (a != b) {
				nallowed++;
			}
		}
	cr_assert_eq(nallowed, 10);
	/* a new document has no status to come from */
	cr_assert_eq(reg_doc_transition("", "published", NULL, 0), 0);
}

Test(reg, refused_transitions_list_the_allowed_ones)
{
	char err[REG_ERR_MAX] = "";

	cr_assert_eq(reg_doc_transition("draft", "published", err, sizeof err), -1);
	cr_assert_str_eq(err, "status: a draft document cannot become published; from draft it "
			      "can go to: in_review, retired");
	cr_assert_eq(reg_doc_transition("published", "approved", err, sizeof err), -1);
	cr_assert_str_eq(err, "status: a published document cannot become approved; from "
			      "published it can go to: draft, in_review, retired");
	cr_assert_eq(reg_doc_transition("retired", "published", err, sizeof err), -1);
	cr_assert(strstr(err, "can go to: draft"), "%s", err);
	cr_assert_eq(reg_doc_transition("in_review", "published", err, sizeof err), -1);
	cr_assert_str_eq(err, "status: an in_review document cannot become published; from "
			      "in_review it can go to: draft, approved");
	cr_assert_eq(reg_doc_transition("approved", "in_review", err, sizeof err), -1);
	cr_assert_str_eq(err, "status: an approved document cannot become in_review; from "
			      "approved it can go to: published, draft");
}

Test(reg, level_bands)
{
	static const struct {
		int score;
		const char *level;
	} cases[] = {
		{0, ""},       {1, "low"},     {4, "low"},   {5, "medium"},    {9, "medium"},
		{10, "high"},  {16, "high"},   {17, "critical"}, {25, "critical"}, {-3, ""},
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		cr_assert_str_eq(reg_level(cases[i].score), cases[i].level, "score %d",
				 cases[i].score);
}

Test(reg, derive_fills_scores_and_levels)
{
	const struct reg_def *d = reg_def(REG_RISK);
	char **c = row(REG_RISK, KV("likelihood", "4", "impact", "5", "residual_likelihood", "2",
				    "residual_impact", "2", "score", "99", "level", "stale"));
	char **e = row(REG_RISK, KV("likelihood", "3", "impact", "3", "residual_score", "7",
				    "residual_level", "medium"));

	cr_assert_eq(reg_derive(d, c), 0);
	cr_assert_str_eq(c[reg_field_index(d, "score")], "20");
	cr_assert_str_eq(c[reg_field_index(d, "level")], "critical");
	cr_assert_str_eq(c[reg_field_index(d, "residual_score")], "4");
	cr_assert_str_eq(c[reg_field_index(d, "residual_level")], "low");
	/* without residual ratings, no residual score or level (stale ones go) */
	cr_assert_eq(reg_derive(d, e), 0);
	cr_assert_str_eq(e[reg_field_index(d, "score")], "9");
	cr_assert_str_eq(e[reg_field_index(d, "level")], "medium");
	cr_assert_str_eq(e[reg_field_index(d, "residual_score")], "");
	cr_assert_str_eq(e[reg_field_index(d, "residual_level")], "");
	reg_row_free(d, c);
	reg_row_free(d, e);
	/* registers without scores are left alone */
	c = row(REG_ASSET, KV("name", "n", "confidentiality", "5"));
	cr_assert_eq(reg_derive(reg_def(REG_ASSET), c), 0);
	cr_assert_str_eq(c[reg_field_index(reg_def(REG_ASSET), "confidentiality")], "5");
	reg_row_free(reg_def(REG_ASSET), c);
}

Test(reg, today_and_now_honour_source_date_epoch)
{
	char day[11], now[21];

	setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
	reg_today(day);
	reg_now(now);
	cr_assert_str_eq(day, "2026-01-01");
	cr_assert_str_eq(now, "2026-01-01T00:00:00Z");
	setenv("SOURCE_DATE_EPOCH", "1709251199", 1);
	reg_today(day);
	reg_now(now);
	cr_assert_str_eq(day, "2024-02-29");
	cr_assert_str_eq(now, "2024-02-29T23:59:59Z");
	unsetenv("SOURCE_DATE_EPOCH");
	reg_now(now);
	cr_assert_eq(strlen(now), 20);
	cr_assert_eq(now[19], 'Z');
}

/* ---- tables ---- */

Test(reg, table_push_find_and_free)
{
	struct reg_table t;
	static const char *const rows[][6] = {
		{"R-001", "a", "1", "1", "", ""},
		{"R-002", "b", "2", "2", "", ""},
	};

	risks(&t, rows, 2);
	cr_assert_eq(t.n, 2);
	cr_assert_eq(reg_table_find(&t, "R-002"), 1);
	cr_assert_eq(reg_table_find(&t, "R-001"), 0);
	cr_assert_eq(reg_table_find(&t, "R-003"), -1);
	reg_table_free(&t);
	cr_assert_eq(t.n, 0);
	cr_assert_null(t.rows);
}

static const char *const sort_rows[][6] = {
	/* id      title      L    I    RL   RI */
	{"R-10", "banana", "4", "5", "1", "1"},   /* 20 critical, 1 low */
	{"R-2", "Apple", "2", "2", "", ""},       /* 4 low */
	{"R-1", "cherry", "3", "4", "3", "3"},    /* 12 high, 9 medium */
	{"R-1000", "apple pie", "3", "3", "2", "2"}, /* 9 medium, 4 low */
	{"R-999", "", "1", "2", "", ""},          /* 2 low */
};

Test(reg, sorts_ids_naturally)
{
	struct reg_table t;
	size_t idx[5];

	risks(&t, sort_rows, 5);
	identity(idx, 5);
	reg_sort(&t, idx, 5, 0, false);
	IDS(&t, idx, 5, "R-1", "R-2", "R-10", "R-999", "R-1000");
	reg_sort(&t, idx, 5, 0, true);
	IDS(&t, idx, 5, "R-1000", "R-999", "R-10", "R-2", "R-1");
	reg_table_free(&t);
}

Test(reg, sorts_scores_by_value_not_as_text)
{
	struct reg_table t;
	size_t idx[5];
	int score = reg_field_index(reg_def(REG_RISK), "score");

	risks(&t, sort_rows, 5);
	identity(idx, 5);
	reg_sort(&t, idx, 5, score, false);
	/* 2, 4, 9, 12, 20 (as text it would be 12, 2, 20, 4, 9) */
	IDS(&t, idx, 5, "R-999", "R-2", "R-1000", "R-1", "R-10");
	reg_sort(&t, idx, 5, score, true);
	IDS(&t, idx, 5, "R-10", "R-1", "R-1000", "R-2", "R-999");
	cr_assert_str_eq(cellv(&t, idx[0], "score"), "20");
	reg_table_free(&t);
}

Test(reg, sorts_levels_by_rank)
{
	struct reg_table t;
	size_t idx[5];
	int level = reg_field_index(reg_def(REG_RISK), "level");

	risks(&t, sort_rows, 5);
	identity(idx, 5);
	reg_sort(&t, idx, 5, level, false);
	/* low (R-2, R-999), medium (R-1000), high (R-1), critical (R-10); ties by ID */
	IDS(&t, idx, 5, "R-2", "R-999", "R-1000", "R-1", "R-10");
	reg_sort(&t, idx, 5, level, true);
	IDS(&t, idx, 5, "R-10", "R-1", "R-1000", "R-2", "R-999");
	reg_table_free(&t);
}

Test(reg, empty_cells_sort_last_in_both_directions)
{
	struct reg_table t;
	size_t idx[5];
	int rs = reg_field_index(reg_def(REG_RISK), "residual_score");
	int title = reg_field_index(reg_def(REG_RISK), "title");

	risks(&t, sort_rows, 5);
	identity(idx, 5);
	reg_sort(&t, idx, 5, rs, false);
	/* 1, 4, 9, then the two without residual ratings in ID order */
	IDS(&t, idx, 5, "R-10", "R-1000", "R-1", "R-2", "R-999");
	reg_sort(&t, idx, 5, rs, true);
	IDS(&t, idx, 5, "R-1", "R-1000", "R-10", "R-2", "R-999");
	/* text without regard to case, the empty title last */
	reg_sort(&t, idx, 5, title, false);
	IDS(&t, idx, 5, "R-2", "R-1000", "R-10", "R-1", "R-999");
	reg_sort(&t, idx, 5, title, true);
	IDS(&t, idx, 5, "R-1", "R-10", "R-1000", "R-2", "R-999");
	reg_table_free(&t);
}

Test(reg, ties_keep_id_order_and_sorting_is_stable)
{
	static const char *const rows[][6] = {
		{"R-3", "x", "2", "2", "", ""}, {"R-1", "x", "2", "2", "", ""},
		{"R-2", "x", "2", "2", "", ""}, {"R-20", "x", "1", "1", "", ""},
		{"R-4", "x", "2", "2", "", ""},
	};
	struct reg_table t;
	size_t idx[5] = {4, 3, 2, 1, 0};
	int l = reg_field_index(reg_def(REG_RISK), "likelihood");

	risks(&t, rows, 5);
	reg_sort(&t, idx, 5, l, false);
	IDS(&t, idx, 5, "R-20", "R-1", "R-2", "R-3", "R-4");
	reg_sort(&t, idx, 5, l, true);
	IDS(&t, idx, 5, "R-1", "R-2", "R-3", "R-4", "R-20");
	reg_table_free(&t);

	/* rows equal in value and ID keep the order they came in */
	static const char *const same[][6] = {
		{"R-1", "x", "2", "2", "", ""}, {"R-1", "x", "2", "2", "", ""},
		{"R-1", "x", "2", "2", "", ""}, {"R-1", "x", "1", "2", "", ""},
	};
	size_t j[4] = {2, 0, 3, 1};

	risks(&t, same, 4);
	reg_sort(&t, j, 4, l, false);
	cr_assert_eq(j[0], 3);
	cr_assert_eq(j[1], 2);
	cr_assert_eq(j[2], 0);
	cr_assert_eq(j[3], 1);
	reg_table_free(&t);
}

Test(reg, sorts_enums_by_their_order_and_links_naturally)
{
	const struct reg_def *d = reg_def(REG_RISK);
	struct reg_table t = {.def = d};
	static const char *const st[][3] = {
		{"R-1", "closed", "5.10"}, {"R-2", "open", "5.9"}, {"R-3", "accepted", "8.1, 8.2"},
		{"R-4", "treating", "5.9, 8.1"},
	};
	size_t idx[4];

	for (size_t i = 0; i < 4; i++)
		cr_assert_eq(reg_table_push(&t, row(REG_RISK, KV("id", st[i][0], "status", st[i][1],
								  "controls", st[i][2]))),
			     0);
	identity(idx, 4);
	reg_sort(&t, idx, 4, reg_field_index(d, "status"), false);
	IDS(&t, idx, 4, "R-2", "R-4", "R-3", "R-1"); /* open, treating, accepted, closed */
	reg_sort(&t, idx, 4, reg_field_index(d, "controls"), false);
	IDS(&t, idx, 4, "R-2", "R-4", "R-1", "R-3"); /* 5.9 < 5.9, 8.1 < 5.10 < 8.1, 8.2 */
	reg_table_free(&t);
}

Test(reg, sort_ignores_a_bad_field_and_tiny_inputs)
{
	struct reg_table t;
	size_t idx[5] = {4, 2, 0, 1, 3};

	risks(&t, sort_rows, 5);
	reg_sort(&t, idx, 5, -1, false);
	reg_sort(&t, idx, 5, (int)t.def->nfields, false);
	reg_sort(&t, idx, 1, 0, false);
	cr_assert_eq(idx[0], 4);
	cr_assert_eq(idx[1], 2);
	cr_assert_eq(idx[4], 3);
	reg_table_free(&t);
}

Test(reg, filter_needs_every_word_in_some_cell)
{
	struct reg_table t;
	size_t idx[5];

	risks(&t, sort_rows, 5);
	identity(idx, 5);
	cr_assert_eq(reg_filter(&t, idx, 5, ""), 5);
	cr_assert_eq(reg_filter(&t, idx, 5, NULL), 5);
	cr_assert_eq(reg_filter(&t, idx, 5, "  \t "), 5);
	cr_assert_eq(reg_filter(&t, idx, 5, "APPLE"), 2);
	IDS(&t, idx, 2, "R-2", "R-1000");
	identity(idx, 5);
	cr_assert_eq(reg_filter(&t, idx, 5, "apple PIE"), 1);
	IDS(&t, idx, 1, "R-1000");
	identity(idx, 5);
	/* words may sit in different cells: a title and a derived level */
	cr_assert_eq(reg_filter(&t, idx, 5, "banana Critical"), 1);
	IDS(&t, idx, 1, "R-10");
	identity(idx, 5);
	cr_assert_eq(reg_filter(&t, idx, 5, "banana low"), 1); /* residual level */
	identity(idx, 5);
	cr_assert_eq(reg_filter(&t, idx, 5, "banana high"), 0);
	identity(idx, 5);
	cr_assert_eq(reg_filter(&t, idx, 5, "r-99"), 1);
	IDS(&t, idx, 1, "R-999");
	/* only the rows given are considered, in their order */
	size_t sub[3] = {3, 1, 0};
	cr_assert_eq(reg_filter(&t, sub, 3, "low"), 3);
	cr_assert_eq(sub[0], 3);
	cr_assert_eq(sub[1], 1);
	cr_assert_eq(sub[2], 0);
	cr_assert_eq(reg_filter(&t, sub, 3, "medium"), 1);
	cr_assert_eq(sub[0], 3);
	reg_table_free(&t);
}

Test(reg, heat_map_counts_and_matches)
{
	static const char *const rows[][6] = {
		{"R-1", "a", "4", "5", "1", "1"}, {"R-2", "b", "4", "5", "2", "1"},
		{"R-3", "c", "1", "1", "", ""},   {"R-4", "d", "5", "1", "", ""},
		{"R-5", "e", "", "3", "1", "1"},  {"R-6", "f", "2", "", "", ""},
	};
	struct reg_table t;
	unsigned heat[5][5];
	unsigned total = 0;

	risks(&t, rows, 6);
	memset(heat, 0xff, sizeof heat);
	cr_assert_eq(reg_heat(&t, false, heat), 4);
	cr_assert_eq(heat[3][4], 2);
	cr_assert_eq(heat[0][0], 1);
	cr_assert_eq(heat[4][0], 1, "likelihood is the first index");
	cr_assert_eq(heat[0][4], 0);
	for (int l = 0; l < 5; l++)
		for (int i = 0; i < 5; i++)
			total += heat[l][i];
	cr_assert_eq(total, 4);

	cr_assert_eq(reg_heat(&t, true, heat), 3);
	cr_assert_eq(heat[0][0], 2);
	cr_assert_eq(heat[1][0], 1);
	cr_assert_eq(heat[3][4], 0);

	cr_assert(reg_heat_match(&t, 0, false, 4, 5));
	cr_assert(reg_heat_match(&t, 1, false, 4, 5));
	cr_assert_not(reg_heat_match(&t, 0, false, 5, 4));
	cr_assert(reg_heat_match(&t, 3, false, 5, 1));
	cr_assert_not(reg_heat_match(&t, 4, false, 0, 3), "no likelihood: in no cell");
	cr_assert_not(reg_heat_match(&t, 5, false, 2, 0));
	cr_assert(reg_heat_match(&t, 0, true, 1, 1));
	cr_assert(reg_heat_match(&t, 4, true, 1, 1));
	cr_assert_not(reg_heat_match(&t, 2, true, 1, 1));
	reg_table_free(&t);

	/* the heat map only makes sense for risks */
	struct reg_table a = {.def = reg_def(REG_ASSET)};
	cr_assert_eq(reg_table_push(&a, row(REG_ASSET, KV("id", "A-001", "name", "x"))), 0);
	cr_assert_eq(reg_heat(&a, false, heat), 0);
	cr_assert_eq(heat[0][0], 0);
	cr_assert_not(reg_heat_match(&a, 0, false, 1, 1));
	reg_table_free(&a);
}
