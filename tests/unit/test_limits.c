/* The limits listed under LIMITS in ismsnav(1): each one is tried at its
 * value, where the input must be accepted, and just past it, where it
 * must be refused with a message naming the file and line while the rest
 * of the work goes on. Big inputs are built in memory or as sparse files
 * in a temporary folder, never committed. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "ismsnav/corpus.h"
#include "ismsnav/csv.h"
#include "ismsnav/entry.h"
#include "ismsnav/history.h"
#include "ismsnav/layout.h"
#include "ismsnav/links.h"
#include "ismsnav/reg.h"
#include "ismsnav/store.h"
#include "ismsnav/util.h"

/* The temporary folder a test made, removed after it even when it fails. */
static char *made;

static void setup(void)
{
	test_locale();
}

static void teardown(void)
{
	if (made) {
		char *cmd = isn_asprintf("rm -rf '%s'", made);
		if (cmd && system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", made);
		free(cmd);
		free(made);
		made = NULL;
	}
}

TestSuite(limits, .init = setup, .fini = teardown);

/* ---- helpers ---------------------------------------------------------- */

/* n copies of s, concatenated (caller frees). */
static char *repeat(const char *s, size_t n)
{
	size_t k = strlen(s);
	char *out = malloc(k * n + 1);
	cr_assert_not_null(out);
	for (size_t i = 0; i < n; i++)
		memcpy(out + i * k, s, k);
	out[k * n] = '\0';
	return out;
}

/* An entry whose front matter is `head` (id and query come first) and
 * whose answer is `body`; parses it and returns the status. */
static enum entry_status parse_entry(const char *head, const char *body,
				     struct diag_list *d)
{
	char *text = isn_asprintf("id: Q1\nquery: Limits?\n%s---\n%s", head, body);
	cr_assert_not_null(text);
	struct entry *e = NULL;
	enum entry_status st = entry_parse("e.md", text, strlen(text), d, &e);
	entry_free(e);
	free(text);
	return st;
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f, "cannot write %s", path);
	cr_assert_eq(fwrite(data, 1, len, f), len);
	cr_assert_eq(fclose(f), 0);
}

/* A new temporary folder (one per test), removed by teardown. */
static const char *temp_dir(void)
{
	teardown();
	made = isn_strdup("/tmp/ismsnav-limits-XXXXXX");
	cr_assert_not_null(made);
	cr_assert_not_null(mkdtemp(made));
	return made;
}

/* ---- entry files ------------------------------------------------------ */

/* A valid entry of exactly `size` bytes: front matter, then answer lines. */
static char *entry_of_size(size_t size)
{
	const char *head = "id: Q7\nquery: How big may an entry be?\n---\n";
	size_t hl = strlen(head);
	char *t = malloc(size + 1);
	cr_assert_not_null(t);
	memcpy(t, head, hl);
	for (size_t i = hl; i < size; i++)
		t[i] = (i - hl) % 64 == 63 ? '\n' : "words "[(i - hl) % 6];
	t[size] = '\0';
	return t;
}

Test(limits, entry_file_size)
{
	struct diag_list d = {0};
	struct entry *e = NULL;
	char *t = entry_of_size(ENTRY_MAX_BYTES);
	cr_assert_eq(entry_parse("big.md", t, ENTRY_MAX_BYTES, &d, &e), ENTRY_OK);
	cr_assert_eq(d.errors, 0);
	entry_free(e);
	free(t);

	t = entry_of_size(ENTRY_MAX_BYTES + 1);
	cr_assert_eq(entry_parse("big.md", t, ENTRY_MAX_BYTES + 1, &d, &e), ENTRY_BROKEN);
	cr_assert_null(e);
	cr_assert(has_diag(&d, DIAG_ERROR, 0, "limited to 1048576 bytes"));
	free(t);
	diag_list_free(&d);
}

/* The loader reads a file of the limit, reports the one past it, and
 * still loads the others. */
Test(limits, corpus_skips_only_the_file_too_big)
{
	const char *dir = temp_dir();
	char *p1 = isn_asprintf("%s/a.md", dir), *p2 = isn_asprintf("%s/b.md", dir);
	char *p3 = isn_asprintf("%s/c.md", dir);
	char *at = entry_of_size(ENTRY_MAX_BYTES), *past = entry_of_size(ENTRY_MAX_BYTES + 1);
	const char *small = "id: Q8\nquery: Small?\n---\nYes.\n";
	past[4] = '9'; /* Q9, so that the IDs differ */
	write_file(p1, at, ENTRY_MAX_BYTES);
	write_file(p2, past, ENTRY_MAX_BYTES + 1);
	write_file(p3, small, strlen(small));

	struct corpus c = {0};
	struct diag_list d = {0};
	const char *paths[] = {dir};
	cr_assert_eq(corpus_load(&c, paths, 1, &d), 0);
	cr_assert_eq(c.n, 2);
	cr_assert_not_null(corpus_find(&c, 7));
	cr_assert_not_null(corpus_find(&c, 8));
	cr_assert_eq(d.errors, 1);
	cr_assert_str_eq(d.v[0].path, p2);
	cr_assert(strstr(d.v[0].message, "1048577 bytes"), "%s", d.v[0].message);

	corpus_free(&c);
	diag_list_free(&d);
	free(at);
	free(past);
	free(p1);
	free(p2);
	free(p3);
}

Test(limits, question_ids)
{
	unsigned id;
	cr_assert(entry_id_parse("Q999999", &id));
	cr_assert_eq(id, ENTRY_ID_MAX);
	cr_assert_not(entry_id_parse("Q1000000", &id));

	struct diag_list d = {0};
	struct entry *e = parse_str("e.md", "id: Q999999\nquery: Last?\n---\nYes.\n", &d);
	cr_assert_not_null(e);
	entry_free(e);
	cr_assert_null(parse_str("e.md", "id: Q1000000\nquery: Past?\n---\nNo.\n", &d));
	cr_assert(has_diag(&d, DIAG_ERROR, 1, "up to 6 digits"));
	diag_list_free(&d);
}

Test(limits, text_field_length)
{
	struct diag_list d = {0};
	char *q = repeat("q", ENTRY_TEXT_MAX);
	char *text = isn_asprintf("id: Q1\nquery: %s\n---\nA.\n", q);
	struct entry *e = parse_str("e.md", text, &d);
	cr_assert_not_null(e);
	cr_assert_eq(strlen(e->query), ENTRY_TEXT_MAX);
	entry_free(e);
	free(text);

	text = isn_asprintf("id: Q1\nquery: %sq\n---\nA.\n", q);
	cr_assert_null(parse_str("e.md", text, &d));
	cr_assert(has_diag(&d, DIAG_ERROR, 2, "'query' is 4097 bytes long; the limit is 4096"));
	free(text);
	free(q);
	diag_list_free(&d);
}

Test(limits, notes_length)
{
	struct diag_list d = {0};
	char *n = repeat("n", ENTRY_NOTES_MAX);
	char *head = isn_asprintf("notes: %s\n", n);
	cr_assert_eq(parse_entry(head, "A.\n", &d), ENTRY_OK);
	cr_assert_eq(d.errors, 0);
	free(head);

	head = isn_asprintf("notes: %sn\n", n);
	cr_assert_eq(parse_entry(head, "A.\n", &d), ENTRY_BROKEN);
	cr_assert(has_diag(&d, DIAG_ERROR, 3, "'notes' is 65537 bytes long"));
	free(head);
	free(n);
	diag_list_free(&d);
}

Test(limits, list_item_length)
{
	struct diag_list d = {0};
	char *t = repeat("t", ENTRY_TEXT_MAX);
	char *head = isn_asprintf("capability_tags:\n  - short\n  - %s\n", t);
	cr_assert_eq(parse_entry(head, "A.\n", &d), ENTRY_OK);
	free(head);

	head = isn_asprintf("capability_tags:\n  - short\n  - %st\n", t);
	cr_assert_eq(parse_entry(head, "A.\n", &d), ENTRY_BROKEN);
	cr_assert(has_diag(&d, DIAG_ERROR, 5, "an item of 'capability_tags' is 4097 bytes"));
	free(head);
	free(t);
	diag_list_free(&d);
}

/* A flow list of n items, each the item's number between pre and post. */
static char *flow_list(const char *key, const char *pre, const char *post, size_t n)
{
	struct isn_buf b = {0};
	cr_assert_eq(isn_buf_printf(&b, "%s: [", key), 0);
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(isn_buf_printf(&b, "%s%s%zu%s", i ? ", " : "", pre, i, post), 0);
	cr_assert_eq(isn_buf_printf(&b, "]\n"), 0);
	return isn_buf_take(&b);
}

Test(limits, list_items)
{
	struct diag_list d = {0};
	char *head = flow_list("packs", "p", "", ENTRY_LIST_MAX);
	cr_assert_eq(parse_entry(head, "A.\n", &d), ENTRY_OK);
	cr_assert_eq(d.errors, 0);
	free(head);

	head = flow_list("packs", "p", "", ENTRY_LIST_MAX + 1);
	cr_assert_eq(parse_entry(head, "A.\n", &d), ENTRY_BROKEN);
	cr_assert(has_diag(&d, DIAG_ERROR, 3, "'packs' has 257 items; the limit is 256"));
	free(head);
	diag_list_free(&d);
}

Test(limits, source_records)
{
	struct diag_list d = {0};
	char *head = flow_list("sources", "{title: s", "}", ENTRY_LIST_MAX);
	cr_assert_eq(parse_entry(head, "A.\n", &d), ENTRY_OK);
	cr_assert_eq(d.errors, 0);
	free(head);

	head = flow_list("sources", "{title: s", "}", ENTRY_LIST_MAX + 1);
	cr_assert_eq(parse_entry(head, "A.\n", &d), ENTRY_BROKEN);
	cr_assert(has_diag(&d, DIAG_ERROR, 3, "'sources' has 257 items"));
	free(head);
	diag_list_free(&d);
}

/* The top-level mapping is the first level, so a key's value may nest
 * ENTRY_YAML_MAX_DEPTH - 1 more. */
Test(limits, front_matter_nesting_in_flow_style)
{
	struct diag_list d = {0};
	size_t in = ENTRY_YAML_MAX_DEPTH - 1;
	char *open = repeat("[", in), *close = repeat("]", in);
	char *head = isn_asprintf("deep: %s%s\n", open, close);
	cr_assert_eq(parse_entry(head, "A.\n", &d), ENTRY_OK);
	cr_assert_eq(d.errors, 0);
	free(head);

	head = isn_asprintf("deep: [%s%s]\n", open, close);
	cr_assert_eq(parse_entry(head, "A.\n", &d), ENTRY_BROKEN);
	cr_assert(has_diag(&d, DIAG_ERROR, 3, "nested deeper than 64 levels"));
	free(head);
	free(open);
	free(close);
	diag_list_free(&d);
}

Test(limits, front_matter_nesting_in_block_style)
{
	struct diag_list d = {0};
	char *dashes = repeat("- ", ENTRY_YAML_MAX_DEPTH - 1);
	char *head = isn_asprintf("deep:\n  %sx\n", dashes);
	cr_assert_eq(parse_entry(head, "A.\n", &d), ENTRY_OK);
	cr_assert_eq(d.errors, 0);
	free(head);

	head = isn_asprintf("deep:\n  - %sx\n", dashes);
	cr_assert_eq(parse_entry(head, "A.\n", &d), ENTRY_BROKEN);
	cr_assert(has_diag(&d, DIAG_ERROR, 4, "nested deeper than 64 levels"));
	free(head);
	free(dashes);
	diag_list_free(&d);
}

/* Without the limit, libyaml needs minutes for this (its time grows with
 * the square of the depth). Entries that only need their heads read stop
 * early too. */
Test(limits, deep_front_matter_is_refused_quickly, .timeout = 20)
{
	struct diag_list d = {0};
	char *open = repeat("[", 200000);
	char *head = isn_asprintf("notes: %s\n", open);
	cr_assert_eq(parse_entry(head, "A.\n", &d), ENTRY_BROKEN);
	cr_assert(has_diag(&d, DIAG_ERROR, 3, "nested deeper than 64 levels"));

	char *text = isn_asprintf("%s%s---\nA.\n", head, "id: Q2\nquery: q\n");
	struct entry *e = NULL;
	cr_assert_eq(entry_parse_head("h.md", text, strlen(text), &d, &e), ENTRY_BROKEN);
	cr_assert(has_diag(&d, DIAG_ERROR, 1, "nested deeper than 64 levels"));
	free(text);
	free(head);
	free(open);
	diag_list_free(&d);
}

/* ---- folders ---------------------------------------------------------- */

/* Makes `levels` nested folders below dir with an entry at the bottom and
 * loads dir. Returns the number of entries loaded. */
static size_t load_nested(int levels, struct diag_list *d)
{
	const char *dir = temp_dir();
	struct isn_buf path = {0};
	cr_assert_eq(isn_buf_adds(&path, dir), 0);
	for (int i = 1; i <= levels; i++) {
		cr_assert_eq(isn_buf_printf(&path, "/%d", i), 0);
		cr_assert_eq(mkdir(path.data, 0700), 0);
	}
	cr_assert_eq(isn_buf_adds(&path, "/e.md"), 0);
	const char *e = "id: Q1\nquery: Deep?\n---\nYes.\n";
	write_file(path.data, e, strlen(e));

	struct corpus c = {0};
	const char *paths[] = {dir};
	corpus_load(&c, paths, 1, d);
	size_t n = c.n;
	corpus_free(&c);
	isn_buf_free(&path);
	return n;
}

Test(limits, folder_depth)
{
	struct diag_list d = {0};
	cr_assert_eq(load_nested(CORPUS_MAX_DEPTH, &d), 1);
	cr_assert_eq(d.n, 0);
	cr_assert_eq(load_nested(CORPUS_MAX_DEPTH + 1, &d), 0);
	cr_assert_eq(d.warnings, 1);
	cr_assert(strstr(d.v[0].message, "nested deeper than 32 levels"), "%s", d.v[0].message);
	cr_assert(strstr(d.v[0].path, "/33"), "%s", d.v[0].path);
	diag_list_free(&d);
}

/* ---- links and layout ------------------------------------------------- */

Test(limits, follow_up_ranges)
{
	struct diag_list d = {0};
	struct entry_link *l = NULL;
	size_t n = 0;
	const char *at = "**Likely follow-ups**\n- a (See Q1-Q200)\n";
	cr_assert_eq(links_extract(at, strlen(at), "e.md", 5, &d, &l, &n), 0);
	cr_assert_eq(n, LINKS_MAX_RANGE);
	cr_assert_eq(d.n, 0);
	for (size_t i = 0; i < n; i++)
		free(l[i].label);
	free(l);

	const char *past = "**Likely follow-ups**\n- a (See Q1-Q201)\n";
	cr_assert_eq(links_extract(past, strlen(past), "e.md", 5, &d, &l, &n), 0);
	cr_assert_eq(n, 2);
	cr_assert(has_diag(&d, DIAG_WARNING, 6, "too wide"));
	for (size_t i = 0; i < n; i++)
		free(l[i].label);
	free(l);
	diag_list_free(&d);
}

static char *layout_text(const char *md, int width)
{
	struct layout_doc doc;
	struct layout_opts o = {.width = width};
	layout_doc_init(&doc, width);
	layout_markdown(&doc, md, strlen(md), &o);
	cr_assert_eq(doc.error, 0);
	check_doc_invariants(&doc);
	char *t = doc_text(&doc);
	layout_doc_free(&doc);
	return t;
}

Test(limits, markdown_block_nesting)
{
	char *quotes = repeat(">", LAYOUT_MAX_BLOCK_DEPTH);
	char *md = isn_asprintf("%s deep\n", quotes);
	char *t = layout_text(md, 300);
	cr_assert(strstr(t, "deep"));
	cr_assert_null(strstr(t, "nested deeper"), "%s", t);
	free(t);
	free(md);

	md = isn_asprintf(">%s deeper\n", quotes);
	t = layout_text(md, 300);
	cr_assert(strstr(t, "deeper"));
	cr_assert(strstr(t, "(blocks nested deeper than 64 levels are shown at level 64)"),
		  "%s", t);
	free(t);
	free(md);
	free(quotes);
}

/* A 1 MiB answer of one paragraph with 131,072 links, one per line: took
 * half a minute when every line visited every span of its paragraph. */
Test(limits, long_paragraph_lays_out_in_linear_time, .timeout = 10)
{
	size_t links = ENTRY_MAX_BYTES / 8;
	char *md = repeat("See Q1. ", links);
	struct layout_doc doc;
	struct layout_opts o = {.width = 8};
	layout_doc_init(&doc, 8);
	layout_markdown(&doc, md, strlen(md), &o);
	cr_assert_eq(doc.error, 0);
	cr_assert_eq(doc.n, links);
	cr_assert_eq(doc.nanchors, links);
	layout_doc_free(&doc);
	free(md);
}

/* ---- history ---------------------------------------------------------- */

Test(limits, history_steps)
{
	struct history h;
	history_init(&h);
	for (unsigned i = 1; i <= HISTORY_MAX; i++)
		cr_assert_eq(history_visit(&h, i), 0);
	cr_assert_eq(h.n, HISTORY_MAX);
	cr_assert_eq(h.steps[0].id, 1);
	cr_assert_eq(history_visit(&h, HISTORY_MAX + 1), 0);
	cr_assert_eq(h.n, HISTORY_MAX);
	cr_assert_eq(h.steps[0].id, 2, "the oldest step is dropped");
	cr_assert_eq(h.steps[h.cur].id, HISTORY_MAX + 1);
	history_free(&h);
}

/* ---- registers -------------------------------------------------------- */

static const struct reg_field *field_of_type(const struct reg_def *d, enum reg_ftype t)
{
	for (size_t i = 0; i < d->nfields; i++)
		if (d->fields[i].type == t)
			return &d->fields[i];
	cr_assert_fail("no field of type %d", (int)t);
	return NULL;
}

static void value_limit(enum reg_ftype type, size_t max)
{
	const struct reg_def *d = reg_def(REG_RISK);
	const struct reg_field *f = field_of_type(d, type);
	char err[REG_ERR_MAX], *out = NULL, *v = repeat("v", max);
	cr_assert_eq(reg_parse_value(d, f, v, &out, err, sizeof err), 0, "%s", err);
	free(out);
	free(v);
	v = repeat("v", max + 1);
	cr_assert_eq(reg_parse_value(d, f, v, &out, err, sizeof err), -1);
	cr_assert(strstr(err, "too long"), "%s", err);
	free(v);
}

Test(limits, register_text_and_note_length)
{
	value_limit(FT_TEXT, REG_TEXT_MAX);
	value_limit(FT_NOTE, REG_NOTE_MAX);
}

Test(limits, register_links_per_field)
{
	const struct reg_def *d = reg_def(REG_RISK);
	const struct reg_field *f = &d->fields[reg_field_index(d, "assets")];
	char err[REG_ERR_MAX], *out = NULL;
	struct isn_buf b = {0};
	for (int i = 1; i <= REG_LINKS_MAX; i++)
		cr_assert_eq(isn_buf_printf(&b, "A-%d,", i), 0);
	cr_assert_eq(reg_parse_value(d, f, b.data, &out, err, sizeof err), 0, "%s", err);
	free(out);
	cr_assert_eq(isn_buf_printf(&b, "A-%d", REG_LINKS_MAX + 1), 0);
	cr_assert_eq(reg_parse_value(d, f, b.data, &out, err, sizeof err), -1);
	cr_assert(strstr(err, "more than 500 links"), "%s", err);
	isn_buf_free(&b);
}

Test(limits, register_ids)
{
	const struct reg_def *d = reg_def(REG_RISK);
	char id[32];
	cr_assert_eq(reg_parse_id(d, "R-999999", id, sizeof id), 0);
	cr_assert_str_eq(id, "R-999999");
	cr_assert_eq(reg_parse_id(d, "R-1000000", id, sizeof id), -1);
}

#define RISK(...) ((struct reg_assign[]){{"title", "t"}, {"likelihood", "2"}, \
	{"impact", "2"}, {"owner", "o"}, {"treatment", "retain"}, __VA_ARGS__})

/* The next free ID is one past the highest: the highest there is can be
 * handed out, and after it adding needs an ID chosen by hand. */
Test(limits, register_full)
{
	struct store *s;
	char err[REG_ERR_MAX], id[32];
	cr_assert_eq(store_open(&s, NULL, STORE_DEMO, err, sizeof err), 0, "%s", err);
	cr_assert_eq(store_add(s, REG_RISK, RISK({"id", "R-999998"}), 6, id, sizeof id, err,
			       sizeof err), 0, "%s", err);
	cr_assert_eq(store_add(s, REG_RISK, RISK(), 5, id, sizeof id, err, sizeof err), 0,
		     "%s", err);
	cr_assert_str_eq(id, "R-999999");
	cr_assert_eq(store_add(s, REG_RISK, RISK(), 5, id, sizeof id, err, sizeof err), -1);
	cr_assert(strstr(err, "R-999999, the highest ID"), "%s", err);
	cr_assert_eq(store_add(s, REG_RISK, RISK({"id", "R-500000"}), 6, id, sizeof id, err,
			       sizeof err), 0, "%s", err);
	store_close(s);
}

/* A sparse file of `size` bytes that starts with `head`: nothing but the
 * head is written to disk. */
static void sparse_file(const char *path, const char *head, off_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, head, strlen(head)), (ssize_t)strlen(head));
	cr_assert_eq(ftruncate(fd, size), 0);
	cr_assert_eq(close(fd), 0);
}

static size_t risk_rows(struct store *s)
{
	struct reg_table t;
	char err[REG_ERR_MAX];
	cr_assert_eq(store_load(s, REG_RISK, &t, err, sizeof err), 0, "%s", err);
	size_t n = t.n;
	reg_table_free(&t);
	return n;
}

/* At the limit the file is read (and refused for its NUL bytes, which is
 * all a sparse file holds); past it, refused for its size unread. */
Test(limits, csv_import_size)
{
	const char *dir = temp_dir();
	char err[REG_ERR_MAX];
	char *path = isn_asprintf("%s/big.csv", dir);
	struct store *s;
	size_t count = 9, before;
	cr_assert_eq(store_open(&s, NULL, STORE_DEMO, err, sizeof err), 0, "%s", err);
	before = risk_rows(s);

	sparse_file(path, "title\nx", STORE_CSV_MAX);
	cr_assert_eq(store_import_csv(s, REG_RISK, path, &count, err, sizeof err), -1);
	cr_assert(strstr(err, "a NUL byte on line 2"), "%s", err);
	cr_assert_null(strstr(err, "limited"), "%s", err);

	sparse_file(path, "title\nx", (off_t)STORE_CSV_MAX + 1);
	cr_assert_eq(store_import_csv(s, REG_RISK, path, &count, err, sizeof err), -1);
	cr_assert(strstr(err, "is 67108865 bytes; imports are limited to 67108864 bytes"),
		  "%s", err);
	cr_assert(strstr(err, path), "%s", err);
	cr_assert_eq(count, 0);
	cr_assert_eq(risk_rows(s), before, "nothing imported");

	store_close(s);
	free(path);
}

/* A record of n empty fields (n - 1 commas) on line 2. */
static int read_wide_record(size_t n, struct isn_strlist *fields, char *err, size_t errlen)
{
	char *commas = repeat(",", n - 1);
	char *text = isn_asprintf("a,b\n%s\n", commas);
	struct csv_reader r;
	csv_reader_init(&r, text, strlen(text));
	cr_assert_eq(csv_read_record(&r, fields, err, errlen), 1);
	int rc = csv_read_record(&r, fields, err, errlen);
	free(text);
	free(commas);
	return rc;
}

Test(limits, csv_fields_per_record)
{
	struct isn_strlist f = {0};
	char err[200] = "";
	cr_assert_eq(read_wide_record(CSV_FIELDS_MAX, &f, err, sizeof err), 1, "%s", err);
	cr_assert_eq(f.n, CSV_FIELDS_MAX);
	cr_assert_eq(read_wide_record(CSV_FIELDS_MAX + 1, &f, err, sizeof err), -1);
	cr_assert_str_eq(err, "the record on line 2 has more than 1024 fields");
	cr_assert_eq(f.n, 0);
	isn_strlist_free(&f);
}
