/* The registers' model: field tables built from regfields.def and the
 * rules on values that need no database (parsing, normalising, checks
 * across fields, derived scores, sorting and filtering a loaded table). */
#include "ismsnav/reg.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ismsnav/text.h"
#include "ismsnav/util.h"

static const char *const reg_treatments[] = {"modify", "retain", "avoid", "share", NULL};
static const char *const reg_risk_statuses[] = {"open", "treating", "accepted", "closed", NULL};
static const char *const reg_doc_types[] = {"policy", "procedure", "plan", "record",
					    "register", "report", NULL};
static const char *const reg_doc_statuses[] = {"draft", "in_review", "approved",
					       "published", "retired", NULL};
static const char *const reg_impl_statuses[] = {"not_started", "planned", "partial",
						"implemented", NULL};
static const char *const reg_asset_categories[] = {"information", "software", "hardware",
						   "service", "people", "site", "supplier", NULL};
static const char *const reg_classifications[] = {"public", "internal", "confidential",
						  "restricted", NULL};
static const char *const reg_yes_no[] = {"yes", "no", NULL};

/* regfields.def is included once per register; FOR_<register> keeps the
 * rows of the register being built and drops the others. */
#define ROW(n, l, h, t, f, v, tg, s1, s2, w)                                          \
	{.name = #n, .label = l, .head = h, .type = t, .flags = f, .values = v,       \
	 .target = tg, .src1 = s1, .src2 = s2, .width = w},
#define SKIP(...)
#define FIELD(reg, ...) FOR_##reg(__VA_ARGS__)

#define FOR_RISK ROW
#define FOR_DOC SKIP
#define FOR_SOA SKIP
#define FOR_ASSET SKIP
static const struct reg_field risk_fields[] = {
#include "regfields.def"
};
#undef FOR_RISK
#undef FOR_DOC
#define FOR_RISK SKIP
#define FOR_DOC ROW
#define FIELD(reg, ...) FOR_##reg(__VA_ARGS__)
static const struct reg_field doc_fields[] = {
#include "regfields.def"
};
#undef FOR_DOC
#undef FOR_SOA
#define FOR_DOC SKIP
#define FOR_SOA ROW
#define FIELD(reg, ...) FOR_##reg(__VA_ARGS__)
static const struct reg_field soa_fields[] = {
#include "regfields.def"
};
#undef FOR_SOA
#undef FOR_ASSET
#define FOR_SOA SKIP
#define FOR_ASSET ROW
#define FIELD(reg, ...) FOR_##reg(__VA_ARGS__)
static const struct reg_field asset_fields[] = {
#include "regfields.def"
};
#undef FOR_RISK
#undef FOR_DOC
#undef FOR_SOA
#undef FOR_ASSET
#undef ROW
#undef SKIP

static const struct reg_def defs[REG_COUNT] = {
	[REG_RISK] = {REG_RISK, "risk", "Risk register", "risk", "R-", risk_fields,
		      ISN_ARRAY_LEN(risk_fields), false},
	[REG_DOC] = {REG_DOC, "isms_artifacts", "ISMS artifacts register", "document", "DOC-",
		     doc_fields, ISN_ARRAY_LEN(doc_fields), false},
	[REG_SOA] = {REG_SOA, "soa", "Statement of Applicability", "soa", NULL, soa_fields,
		     ISN_ARRAY_LEN(soa_fields), true},
	[REG_ASSET] = {REG_ASSET, "assets", "Asset inventory", "asset", "A-", asset_fields,
		       ISN_ARRAY_LEN(asset_fields), false},
};

static const struct {
	const char *alias;
	enum reg_kind kind;
} aliases[] = {
	{"risks", REG_RISK},         {"risk_register", REG_RISK},
	{"documents", REG_DOC},      {"docs", REG_DOC},
	{"artifacts", REG_DOC},      {"isms_artefacts", REG_DOC},
	{"statement_of_applicability", REG_SOA},
	{"asset", REG_ASSET},        {"inventory", REG_ASSET},
};

const struct reg_def *reg_def(enum reg_kind k)
{
	return (unsigned)k < REG_COUNT ? &defs[k] : NULL;
}

const struct reg_def *reg_find(const char *name)
{
	char key[64];
	size_t i;

	if (!name || strlen(name) >= sizeof(key))
		return NULL;
	for (i = 0; name[i]; i++)
		key[i] = name[i] == '-' || name[i] == ' ' ? '_'
							 : (char)tolower((unsigned char)name[i]);
	key[i] = '\0';
	for (i = 0; i < REG_COUNT; i++)
		if (!strcmp(defs[i].name, key))
			return &defs[i];
	for (i = 0; i < ISN_ARRAY_LEN(aliases); i++)
		if (!strcmp(aliases[i].alias, key))
			return &defs[aliases[i].kind];
	return NULL;
}

int reg_field_index(const struct reg_def *d, const char *name)
{
	for (size_t i = 0; i < d->nfields; i++)
		if (!strcmp(d->fields[i].name, name))
			return (int)i;
	return -1;
}

/* ---- IDs ---- */

/* The Annex A controls of ISO/IEC 27001:2022: how many per theme. */
static int controls_in_theme(long theme)
{
	switch (theme) {
	case 5: return 37;
	case 6: return 8;
	case 7: return 14;
	case 8: return 34;
	default: return 0;
	}
}

static int parse_control(const char *in, char *out, size_t outlen)
{
	const char *p = in;
	char *end;
	long theme, num;

	while (isspace((unsigned char)*p))
		p++;
	if ((p[0] == 'A' || p[0] == 'a') && p[1] == '.')
		p += 2;
	else if (p[0] == 'A' || p[0] == 'a')
		p++;
	if (!isdigit((unsigned char)*p))
		return -1;
	theme = strtol(p, &end, 10);
	if (*end != '.' || !isdigit((unsigned char)end[1]))
		return -1;
	num = strtol(end + 1, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if (*end || num < 1 || num > controls_in_theme(theme))
		return -1;
	snprintf(out, outlen, "%ld.%ld", theme, num);
	return 0;
}

int reg_parse_id(const struct reg_def *d, const char *in, char *out, size_t outlen)
{
	const char *p = in;
	size_t plen;
	unsigned long num;
	char *end;

	if (d->kind == REG_SOA)
		return parse_control(in, out, outlen);
	while (isspace((unsigned char)*p))
		p++;
	plen = strlen(d->id_prefix) - 1; /* without the dash */
	if (strncasecmp(p, d->id_prefix, plen) != 0)
		return -1;
	p += plen;
	if (*p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return -1;
	num = strtoul(p, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if (*end || num == 0 || num > REG_ID_MAX || end - p > 12)
		return -1;
	snprintf(out, outlen, "%s%03lu", d->id_prefix, num);
	return 0;
}

/* ---- values ---- */

static char *trimmed(const char *in)
{
	const char *e;

	while (isspace((unsigned char)*in))
		in++;
	e = in + strlen(in);
	while (e > in && isspace((unsigned char)e[-1]))
		e--;
	return isn_strndup(in, (size_t)(e - in));
}

static void join_values(const char *const *v, char *out, size_t outlen)
{
	size_t o = 0;

	out[0] = '\0';
	for (size_t i = 0; v[i] && o + 1 < outlen; i++)
		o += (size_t)snprintf(out + o, outlen - o, "%s%s", i ? ", " : "", v[i]);
}

static int parse_enum(const struct reg_field *f, const char *v, char **out, char *err,
		      size_t errlen)
{
	char key[64], allowed[256];
	size_t i;

	for (i = 0; v[i] && i + 1 < sizeof(key); i++)
		key[i] = v[i] == ' ' || v[i] == '-' ? '_' : (char)tolower((unsigned char)v[i]);
	key[i] = '\0';
	if (!v[i]) {
		if (f->type == FT_BOOL) {
			if (!strcmp(key, "y") || !strcmp(key, "true") || !strcmp(key, "1"))
				strcpy(key, "yes");
			else if (!strcmp(key, "n") || !strcmp(key, "false") || !strcmp(key, "0"))
				strcpy(key, "no");
		}
		for (i = 0; f->values[i]; i++)
			if (!strcmp(f->values[i], key))
				return (*out = isn_strdup(key)) ? 0 : -1;
	}
	join_values(f->values, allowed, sizeof(allowed));
	isn_errf(err, errlen, "%s: '%.60s' is not one of: %s", f->name, v, allowed);
	return -1;
}

bool reg_date_valid(const char *s)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d, days;

	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return false;
	if (s[10])
		return false;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return false;
	days = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	return d <= days;
}

static bool stamp_valid(const char *s)
{
	char date[11];
	int hh, mm, ss;

	if (strlen(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	for (int i = 11; i < 19; i++)
		if (i != 13 && i != 16 && !isdigit((unsigned char)s[i]))
			return false;
	hh = atoi(s + 11);
	mm = atoi(s + 14);
	ss = atoi(s + 17);
	return reg_date_valid(date) && hh < 24 && mm < 60 && ss < 61;
}

static inline bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline int lower(char c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : (unsigned char)c;
}

/* Natural order of IDs: digit runs compare by value (R-2 < R-10, 5.9 < 5.10). */
static int natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (is_digit(*a) && is_digit(*b)) {
			size_t la, lb;

			while (*a == '0' && is_digit(a[1]))
				a++;
			while (*b == '0' && is_digit(b[1]))
				b++;
			for (la = 0; is_digit(a[la]); la++)
				;
			for (lb = 0; is_digit(b[lb]); lb++)
				;
			if (la != lb)
				return la < lb ? -1 : 1;
			int c = strncmp(a, b, la);
			if (c)
				return c;
			a += la;
			b += lb;
			continue;
		}
		int ca = lower(*a), cb = lower(*b);
		if (ca != cb)
			return ca < cb ? -1 : 1;
		a++;
		b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

int reg_id_cmp(const char *a, const char *b)
{
	return natural_cmp(a, b);
}

static int cmp_str(const void *a, const void *b)
{
	return natural_cmp(*(char *const *)a, *(char *const *)b);
}

static int parse_links(const struct reg_field *f, const char *v, char **out, char *err,
		       size_t errlen)
{
	const struct reg_def *t = reg_def(f->target);
	struct isn_strlist ids = {0};
	struct isn_buf b = {0};
	const char *p = v;
	int rc = -1;

	while (*p) {
		char tok[64], id[32];
		size_t n = strcspn(p, ",; \t\r\n");

		if (n == 0) {
			p++;
			continue;
		}
		if (n >= sizeof(tok) || (snprintf(tok, sizeof(tok), "%.*s", (int)n, p),
					 reg_parse_id(t, tok, id, sizeof(id)) < 0)) {
			isn_errf(err, errlen, "%s: '%.*s' is not %s", f->name, (int)(n > 40 ? 40 : n), p,
			    t->kind == REG_SOA ? "an Annex A control of ISO/IEC 27001:2022 "
						 "(5.1-5.37, 6.1-6.8, 7.1-7.14, 8.1-8.34)"
					       : t->kind == REG_RISK ? "a risk ID such as R-001"
								     : "an asset ID such as A-001");
			goto out;
		}
		p += n;
		bool dup = false;
		for (size_t i = 0; i < ids.n; i++)
			dup = dup || !strcmp(ids.v[i], id);
		if (!dup && isn_strlist_push(&ids, id) < 0)
			goto out;
		if (ids.n > REG_LINKS_MAX) {
			isn_errf(err, errlen, "%s: more than %d links", f->name, REG_LINKS_MAX);
			goto out;
		}
	}
	if (ids.n)
		qsort(ids.v, ids.n, sizeof(*ids.v), cmp_str);
	for (size_t i = 0; i < ids.n; i++)
		if (isn_buf_printf(&b, "%s%s", i ? ", " : "", ids.v[i]) < 0)
			goto out;
	*out = isn_buf_take(&b);
	rc = *out ? 0 : -1;
out:
	isn_buf_free(&b);
	isn_strlist_free(&ids);
	return rc;
}

int reg_parse_value(const struct reg_def *d, const struct reg_field *f, const char *in,
		    char **out, char *err, size_t errlen)
{
	size_t bad, len = strlen(in);
	char *v;
	int rc = -1;

	*out = NULL;
	if (!text_valid_utf8(in, len, &bad)) {
		isn_errf(err, errlen, "%s: the value is not valid UTF-8 (byte %zu)", f->name, bad + 1);
		return -1;
	}
	if (len > (f->type == FT_NOTE ? REG_NOTE_MAX : REG_TEXT_MAX)) {
		isn_errf(err, errlen, "%s: %zu bytes is too long (at most %d)", f->name, len,
		    f->type == FT_NOTE ? REG_NOTE_MAX : REG_TEXT_MAX);
		return -1;
	}
	/* Text keeps every byte as typed; everything else is trimmed first. */
	if (f->type == FT_TEXT || f->type == FT_NOTE)
		return (*out = isn_strdup(in)) ? 0 : -1;
	if (!(v = trimmed(in)))
		return -1;
	if (!*v) {
		*out = v;
		return 0;
	}
	switch (f->type) {
	case FT_ID: {
		char id[32];

		if (reg_parse_id(d, v, id, sizeof(id)) == 0) {
			rc = (*out = isn_strdup(id)) ? 0 : -1;
		} else {
			isn_errf(err, errlen, "%s: '%.40s' is not %s", f->name, v,
			    d->kind == REG_SOA ? "an Annex A control (5.1-8.34)"
					       : d->kind == REG_RISK  ? "a risk ID such as R-001"
						 : d->kind == REG_DOC ? "a document ID such as DOC-001"
								      : "an asset ID such as A-001");
		}
		break;
	}
	case FT_RATING:
		if (v[0] >= '1' && v[0] <= '5' && !v[1])
			rc = (*out = isn_strdup(v)) ? 0 : -1;
		else
			isn_errf(err, errlen, "%s: '%.40s' is not a rating from 1 to 5", f->name, v);
		break;
	case FT_ENUM:
	case FT_BOOL:
		rc = parse_enum(f, v, out, err, errlen);
		break;
	case FT_DATE:
		if (reg_date_valid(v))
			rc = (*out = isn_strdup(v)) ? 0 : -1;
		else
			isn_errf(err, errlen, "%s: '%.40s' is not a date (YYYY-MM-DD)", f->name, v);
		break;
	case FT_STAMP:
		if (stamp_valid(v))
			rc = (*out = isn_strdup(v)) ? 0 : -1;
		else
			isn_errf(err, errlen, "%s: '%.40s' is not a UTC time (YYYY-MM-DDTHH:MM:SSZ)",
			    f->name, v);
		break;
	case FT_LINKS:
		rc = parse_links(f, v, out, err, errlen);
		break;
	default:
		isn_errf(err, errlen, "%s is derived from other fields and cannot be set", f->name);
		break;
	}
	free(v);
	return rc;
}

/* ---- rows ---- */

static const char *cell(const struct reg_def *d, char *const *cells, const char *name)
{
	int i = reg_field_index(d, name);

	return i < 0 ? "" : cells[i];
}

/* Text keeps its spaces, so "given" means more than spaces: a title of
 * three blanks is no title. */
static bool blank(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return !*s;
}

int reg_check_row(const struct reg_def *d, char *const *cells, char *err, size_t errlen)
{
	for (size_t i = 0; i < d->nfields; i++) {
		const struct reg_field *f = &d->fields[i];

		if ((f->flags & RF_REQ) && blank(cells[i])) {
			isn_errf(err, errlen, "%s is required", f->name);
			return -1;
		}
	}
	switch (d->kind) {
	case REG_RISK:
		if (!cell(d, cells, "residual_likelihood")[0] != !cell(d, cells, "residual_impact")[0]) {
			isn_errf(err, errlen, "residual_likelihood and residual_impact go together: "
					 "give both or neither");
			return -1;
		}
		if (!strcmp(cell(d, cells, "status"), "accepted") &&
		    (blank(cell(d, cells, "accepted_by")) || !cell(d, cells, "accepted_on")[0])) {
			isn_errf(err, errlen, "an accepted risk needs accepted_by and accepted_on "
					 "(who accepted it, and when)");
			return -1;
		}
		if (cell(d, cells, "accepted_until")[0] && cell(d, cells, "accepted_on")[0] &&
		    strcmp(cell(d, cells, "accepted_until"), cell(d, cells, "accepted_on")) < 0) {
			isn_errf(err, errlen, "accepted_until (%s) is before accepted_on (%s)",
			    cell(d, cells, "accepted_until"), cell(d, cells, "accepted_on"));
			return -1;
		}
		break;
	case REG_DOC: {
		const char *st = cell(d, cells, "status");

		if ((!strcmp(st, "approved") || !strcmp(st, "published")) &&
		    (blank(cell(d, cells, "approver")) || !cell(d, cells, "approved_on")[0])) {
			isn_errf(err, errlen, "a document that is %s needs approver and approved_on", st);
			return -1;
		}
		break;
	}
	case REG_SOA:
		if (!strcmp(cell(d, cells, "applicable"), "no") &&
		    blank(cell(d, cells, "justification"))) {
			isn_errf(err, errlen, "justification is required when a control is not "
					 "applicable (say why it is excluded)");
			return -1;
		}
		break;
	default:
		break;
	}
	return 0;
}

int reg_doc_transition(const char *from, const char *to, char *err, size_t errlen)
{
	static const struct {
		const char *from, *to;
	} allowed[] = {
		{"draft", "in_review"},      {"draft", "retired"},
		{"in_review", "draft"},      {"in_review", "approved"},
		{"approved", "published"},   {"approved", "draft"},
		{"published", "draft"},      {"published", "in_review"},
		{"published", "retired"},    {"retired", "draft"},
	};
	char list[128] = "";
	size_t o = 0;

	if (!from[0] || !strcmp(from, to))
		return 0;
	for (size_t i = 0; i < ISN_ARRAY_LEN(allowed); i++) {
		if (strcmp(allowed[i].from, from))
			continue;
		if (!strcmp(allowed[i].to, to))
			return 0;
		o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s", o ? ", " : "",
				      allowed[i].to);
	}
	isn_errf(err, errlen, "status: %s %s document cannot become %s; from %s it can go to: %s",
	    strchr("aeiou", from[0]) ? "an" : "a", from, to, from, list);
	return -1;
}

const char *reg_level(int score)
{
	if (score <= 0)
		return "";
	if (score <= 4)
		return "low";
	if (score <= 9)
		return "medium";
	if (score <= 16)
		return "high";
	return "critical";
}

/* The field a derived field reads: in the table it comes just before, so
 * look there first (this runs for every row loaded). */
static const char *source(const struct reg_def *d, char *const *cells, size_t i,
			  const char *name)
{
	for (size_t k = 1; k <= 3 && k <= i; k++)
		if (!strcmp(d->fields[i - k].name, name))
			return cells[i - k];
	return cell(d, cells, name);
}

static int set_text(char **c, const char *v)
{
	size_t n = strlen(v);
	char *p = realloc(*c, n + 1);

	if (!p)
		return -1;
	memcpy(p, v, n + 1);
	*c = p;
	return 0;
}

bool reg_derived_text(const struct reg_def *d, char *const *cells, size_t i, char out[16])
{
	const struct reg_field *f = &d->fields[i];

	out[0] = '\0';
	if (f->type == FT_SCORE) {
		const char *a = source(d, cells, i, f->src1), *b = source(d, cells, i, f->src2);

		if (a[0] && b[0]) {
			int v = atoi(a) * atoi(b);
			char *p = out;
			if (v >= 10)
				*p++ = (char)('0' + v / 10 % 10);
			*p++ = (char)('0' + v % 10);
			*p = '\0';
		}
		return true;
	}
	if (f->type == FT_LEVEL) {
		snprintf(out, 16, "%s", reg_level(atoi(source(d, cells, i, f->src1))));
		return true;
	}
	return false;
}

int reg_derive(const struct reg_def *d, char **cells)
{
	char buf[16];

	for (size_t i = 0; i < d->nfields; i++)
		if (reg_derived_text(d, cells, i, buf) && set_text(&cells[i], buf) < 0)
			return -1;
	return 0;
}

static time_t reg_time(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;

	if (e && *e) {
		long long t = strtoll(e, &end, 10);
		if (!*end && t >= 0)
			return (time_t)t;
	}
	return time(NULL);
}

void reg_today(char out[11])
{
	time_t t = reg_time();
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void reg_now(char out[21])
{
	time_t t = reg_time();
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- tables ---- */

static void hay_free(struct reg_table *t);

int reg_table_push(struct reg_table *t, char **cells)
{
	if (isn_grow(&t->rows, &t->cap, t->n + 1, sizeof(*t->rows)) < 0)
		return -1;
	t->rows[t->n++].cell = cells;
	return 0;
}

void reg_row_free(const struct reg_def *d, char **cells)
{
	if (!cells)
		return;
	for (size_t i = 0; i < d->nfields; i++)
		free(cells[i]);
	free(cells);
}

void reg_table_free(struct reg_table *t)
{
	hay_free(t);
	if (t->arena) {
		isn_arena_free(t->arena);
		free(t->arena);
		t->arena = NULL;
	} else {
		for (size_t i = 0; i < t->n; i++)
			reg_row_free(t->def, t->rows[i].cell);
	}
	free(t->rows);
	t->rows = NULL;
	t->n = t->cap = 0;
}

long reg_table_find(const struct reg_table *t, const char *id)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->rows[i].cell[0], id))
			return (long)i;
	return -1;
}

static int enum_rank(const struct reg_field *f, const char *v)
{
	for (int i = 0; f->values && f->values[i]; i++)
		if (!strcmp(f->values[i], v))
			return i;
	return 99;
}

static int level_rank(const char *v)
{
	static const char *const order[] = {"low", "medium", "high", "critical"};

	for (int i = 0; i < 4; i++)
		if (!strcmp(order[i], v))
			return i;
	return -1;
}

/* A row's sort key for one field, computed once per sort: numbers for
 * ratings, scores, levels and fixed values, the text otherwise. */
struct sort_key {
	size_t row;
	bool empty;
	long num;
	const char *text;
	const char *id;
};

static bool numeric(enum reg_ftype t)
{
	return t == FT_RATING || t == FT_SCORE || t == FT_LEVEL || t == FT_ENUM || t == FT_BOOL;
}

static void make_key(const struct reg_table *t, const struct reg_field *f, int fi, size_t row,
		     struct sort_key *k)
{
	const char *v = t->rows[row].cell[fi];

	*k = (struct sort_key){.row = row, .empty = !v[0], .text = v, .id = t->rows[row].cell[0]};
	if (f->type == FT_RATING || f->type == FT_SCORE)
		k->num = atol(v);
	else if (f->type == FT_LEVEL)
		k->num = level_rank(v);
	else if (f->type == FT_ENUM || f->type == FT_BOOL)
		k->num = enum_rank(f, v);
}

static int key_cmp(const struct sort_key *a, const struct sort_key *b, bool num, bool desc)
{
	int r;

	if (a->empty || b->empty) /* empty cells last, whichever the direction */
		r = a->empty && b->empty ? 0 : a->empty ? 1 : -1;
	else {
		r = num ? (a->num > b->num) - (a->num < b->num) : natural_cmp(a->text, b->text);
		if (desc)
			r = -r;
	}
	return r ? r : natural_cmp(a->id, b->id);
}

static void merge_sort(struct sort_key *v, struct sort_key *tmp, size_t n, bool num, bool desc)
{
	size_t half = n / 2, i = 0, j = half, k = 0;

	if (n < 2)
		return;
	merge_sort(v, tmp, half, num, desc);
	merge_sort(v + half, tmp, n - half, num, desc);
	if (key_cmp(&v[half - 1], &v[half], num, desc) <= 0)
		return; /* already in order: common when re-sorting sorted rows */
	while (i < half && j < n)
		tmp[k++] = key_cmp(&v[j], &v[i], num, desc) < 0 ? v[j++] : v[i++];
	while (i < half)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof(*v));
}

void reg_sort(const struct reg_table *t, size_t *idx, size_t n, int f, bool desc)
{
	struct sort_key *keys, *tmp;

	if (n < 2 || f < 0 || (size_t)f >= t->def->nfields)
		return;
	keys = malloc(n * sizeof(*keys));
	tmp = malloc(n * sizeof(*tmp));
	if (keys && tmp) {
		for (size_t i = 0; i < n; i++)
			make_key(t, &t->def->fields[f], f, idx[i], &keys[i]);
		merge_sort(keys, tmp, n, numeric(t->def->fields[f].type), desc);
		for (size_t i = 0; i < n; i++)
			idx[i] = keys[i].row;
	}
	free(keys);
	free(tmp);
}

/* The search text of row r: its cells lower-cased (ASCII), joined by a
 * unit separator so that no word matches across two cells. */
static char *row_hay(const struct reg_table *t, size_t r)
{
	size_t len = 0;
	char *h, *p;

	for (size_t i = 0; i < t->def->nfields; i++)
		len += strlen(t->rows[r].cell[i]) + 1;
	if (!(h = p = malloc(len + 1)))
		return NULL;
	for (size_t i = 0; i < t->def->nfields; i++) {
		for (const char *c = t->rows[r].cell[i]; *c; c++)
			*p++ = (char)lower(*c);
		*p++ = '\x1f';
	}
	*p = '\0';
	return h;
}

static void hay_free(struct reg_table *t)
{
	for (size_t i = 0; i < t->nhay; i++)
		free(t->hay[i]);
	free(t->hay);
	t->hay = NULL;
	t->nhay = 0;
}

static bool build_hay(struct reg_table *t)
{
	if (t->hay && t->nhay == t->n)
		return true;
	hay_free(t);
	if (!t->n || !(t->hay = calloc(t->n, sizeof(*t->hay))))
		return false;
	for (; t->nhay < t->n; t->nhay++)
		if (!(t->hay[t->nhay] = row_hay(t, t->nhay))) {
			hay_free(t);
			return false;
		}
	return true;
}

static bool row_has(const struct reg_table *t, size_t r, const char *word)
{
	if (t->hay)
		return strstr(t->hay[r], word) != NULL;
	for (size_t i = 0; i < t->def->nfields; i++)
		if (isn_strcasestr(t->rows[r].cell[i], word))
			return true;
	return false;
}

size_t reg_filter(struct reg_table *t, size_t *idx, size_t n, const char *query)
{
	char words[512], *w[64], *save = NULL;
	size_t nw = 0, kept = 0;

	snprintf(words, sizeof(words), "%s", query ? query : "");
	for (char *p = words; *p; p++)
		*p = (char)lower(*p);
	for (char *tok = strtok_r(words, " \t", &save); tok && nw < ISN_ARRAY_LEN(w);
	     tok = strtok_r(NULL, " \t", &save))
		w[nw++] = tok;
	if (nw == 0)
		return n;
	build_hay(t); /* without memory for it, each cell is searched instead */
	for (size_t i = 0; i < n; i++) {
		bool all = true;

		for (size_t k = 0; k < nw && all; k++)
			all = row_has(t, idx[i], w[k]);
		if (all)
			idx[kept++] = idx[i];
	}
	return kept;
}

static bool ratings(const struct reg_table *t, size_t r, bool residual, int *l, int *i)
{
	int fl = reg_field_index(t->def, residual ? "residual_likelihood" : "likelihood");
	int fi = reg_field_index(t->def, residual ? "residual_impact" : "impact");

	if (fl < 0 || fi < 0)
		return false;
	*l = atoi(t->rows[r].cell[fl]);
	*i = atoi(t->rows[r].cell[fi]);
	return *l >= 1 && *l <= 5 && *i >= 1 && *i <= 5;
}

size_t reg_heat(const struct reg_table *t, bool residual, unsigned heat[5][5])
{
	size_t placed = 0;
	int l, i;

	memset(heat, 0, sizeof(unsigned[5][5]));
	for (size_t r = 0; r < t->n; r++)
		if (ratings(t, r, residual, &l, &i)) {
			heat[l - 1][i - 1]++;
			placed++;
		}
	return placed;
}

bool reg_heat_match(const struct reg_table *t, size_t r, bool residual, int l, int i)
{
	int rl, ri;

	return ratings(t, r, residual, &rl, &ri) && rl == l && ri == i;
}
