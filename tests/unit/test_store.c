/* The register store on SQLite: creating, reopening and migrating files,
 * adding, changing and deleting rows in transactions, links between
 * registers, document revisions, CSV import, and every way a file can be
 * unusable (not SQLite, someone else's, newer, read-only, locked). Each
 * test works in its own temporary folder. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ismsnav/csv.h"
#include "ismsnav/store.h"

#define DAY1 "1767225600" /* 2026-01-01T00:00:00Z */
#define DAY2 "1767312000" /* 2026-01-02T00:00:00Z */
#define DAY3 "1767398400" /* 2026-01-03T00:00:00Z */

static char root[64];

static void setup(void)
{
	snprintf(root, sizeof root, "/tmp/ismsnav-store-XXXXXX");
	cr_assert_not_null(mkdtemp(root));
	setenv("SOURCE_DATE_EPOCH", DAY1, 1);
	unsetenv("ISMSNAV_DB");
}

static void teardown(void)
{
	char cmd[256];

	snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s' && rm -rf '%s'", root, root);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(store, .init = setup, .fini = teardown);

/* ---- helpers ---- */

static void at(char out[256], const char *name)
{
	snprintf(out, 256, "%s/%s", root, name);
}

static struct store *open_at(const char *name, unsigned flags)
{
	char p[256], err[REG_ERR_MAX] = "";
	struct store *s = NULL;

	at(p, name);
	cr_assert_eq(store_open(&s, p, flags, err, sizeof err), 0, "open %s: %s", p, err);
	cr_assert_not_null(s);
	return s;
}

#define AS(...)                                                                     \
	(const struct reg_assign[]){__VA_ARGS__},                                   \
		sizeof((const struct reg_assign[]){__VA_ARGS__}) / sizeof(struct reg_assign)

static const char *cv(enum reg_kind k, char **cells, const char *name)
{
	int i = reg_field_index(reg_def(k), name);

	cr_assert_geq(i, 0, "no field %s", name);
	return cells[i];
}

static char **get(struct store *s, enum reg_kind k, const char *id)
{
	char err[REG_ERR_MAX] = "", **cells = NULL;

	cr_assert_eq(store_get(s, k, id, &cells, err, sizeof err), 0, "get %s: %s", id, err);
	cr_assert_not_null(cells, "no row %s", id);
	return cells;
}

/* Field `name` of row `id`, copied (caller frees). */
static char *value(struct store *s, enum reg_kind k, const char *id, const char *name)
{
	char **cells = get(s, k, id);
	char *v = strdup(cv(k, cells, name));

	reg_row_free(reg_def(k), cells);
	return v;
}

static void value_is(struct store *s, enum reg_kind k, const char *id, const char *name,
		     const char *want)
{
	char *v = value(s, k, id, name);

	cr_assert_str_eq(v, want, "%s %s.%s", reg_def(k)->name, id, name);
	free(v);
}

static bool exists(struct store *s, enum reg_kind k, const char *id)
{
	char err[REG_ERR_MAX] = "", **cells = NULL;

	cr_assert_eq(store_get(s, k, id, &cells, err, sizeof err), 0, "%s", err);
	reg_row_free(reg_def(k), cells);
	return cells != NULL;
}

static size_t count(struct store *s, enum reg_kind k)
{
	struct reg_table t;
	char err[REG_ERR_MAX] = "";
	size_t n;

	cr_assert_eq(store_load(s, k, &t, err, sizeof err), 0, "%s", err);
	n = t.n;
	reg_table_free(&t);
	return n;
}

/* The highest number among the IDs of register k. */
static int max_id(struct store *s, enum reg_kind k)
{
	struct reg_table t;
	char err[REG_ERR_MAX] = "";
	int max = 0;

	cr_assert_eq(store_load(s, k, &t, err, sizeof err), 0, "%s", err);
	for (size_t i = 0; i < t.n; i++) {
		int n = atoi(t.rows[i].cell[0] + strlen(reg_def(k)->id_prefix));
		max = n > max ? n : max;
	}
	reg_table_free(&t);
	return max;
}

static void next_id(struct store *s, enum reg_kind k, int plus, char out[32])
{
	snprintf(out, 32, "%s%03d", reg_def(k)->id_prefix, max_id(s, k) + plus);
}

static void add_ok(struct store *s, enum reg_kind k, const struct reg_assign *as, size_t n,
		   char id[32])
{
	char err[REG_ERR_MAX] = "";

	id[0] = '\0';
	cr_assert_eq(store_add(s, k, as, n, id, 32, err, sizeof err), 0, "add: %s", err);
	cr_assert_neq(id[0], '\0');
}

static void set_ok(struct store *s, enum reg_kind k, const char *id,
		   const struct reg_assign *as, size_t n)
{
	char err[REG_ERR_MAX] = "";

	cr_assert_eq(store_set(s, k, id, as, n, err, sizeof err), 0, "set %s: %s", id, err);
}

/* Asserts that a call returned -1 with a message containing `needle`. */
#define REFUSED(call, err, needle)                                                  \
	do {                                                                        \
		(err)[0] = '\0';                                                    \
		int rc_ = (call);                                                   \
		cr_assert_eq(rc_, -1, "%s succeeded; wanted '%s'", #call, needle);  \
		cr_assert(strstr((err), (needle)), "message '%s' lacks '%s'", (err), \
			  (needle));                                                \
	} while (0)

static void write_file(const char *name, const char *text, size_t len)
{
	char p[256];
	FILE *f;

	at(p, name);
	f = fopen(p, "wb");
	cr_assert_not_null(f, "%s: %s", p, strerror(errno));
	cr_assert_eq(fwrite(text, 1, len, f), len);
	cr_assert_eq(fclose(f), 0);
}

static char *read_bytes(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	cr_assert_not_null(f, "%s: %s", path, strerror(errno));
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	cr_assert_not_null(buf);
	cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static bool file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* The names in a folder other than . and .., joined by spaces. */
static char *listing(const char *dir)
{
	struct isn_buf b = {0};
	struct dirent *e;
	DIR *d = opendir(dir);

	cr_assert_not_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			isn_buf_printf(&b, "%s ", e->d_name);
	closedir(d);
	return isn_buf_take(&b);
}

static long long raw_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long v;

	cr_assert_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK, "%s",
		     sqlite3_errmsg(db));
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW, "%s", sql);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static char *raw_text(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char *v;

	cr_assert_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK, "%s",
		     sqlite3_errmsg(db));
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW, "%s", sql);
	v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	char *msg = NULL;

	cr_assert_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
		     SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, &msg), SQLITE_OK, "%s", msg);
	sqlite3_close(db);
}

static long long db_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v;

	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK, "%s: %s", sql,
		     sqlite3_errmsg(db));
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW, "%s", sql);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Tries every kind of write and asserts each is refused, saying why. */
static void writes_refused(struct store *s, const char *why)
{
	char err[REG_ERR_MAX], id[32], csv[256];
	size_t n = 99;

	REFUSED(store_add(s, REG_RISK, AS({"title", "x"}, {"likelihood", "1"}, {"impact", "1"}),
			  id, sizeof id, err, sizeof err),
		err, why);
	REFUSED(store_set(s, REG_RISK, "R-001", AS({"owner", "someone else"}), err, sizeof err),
		err, why);
	REFUSED(store_delete(s, REG_RISK, "R-001", err, sizeof err), err, why);
	write_file("import.csv", "title,likelihood,impact\nx,1,1\n", 28);
	at(csv, "import.csv");
	REFUSED(store_import_csv(s, REG_RISK, csv, &n, err, sizeof err), err, why);
	cr_assert_eq(n, 0);
	REFUSED(store_demo_reset(s, err, sizeof err), err, why);
}

/* ---- creating and opening ---- */

Test(store, creates_a_new_file_from_schema_and_demo)
{
	char p[256], dir[256], err[REG_ERR_MAX] = "";
	struct store *s = open_at("sub/dir/registers.db", 0);
	struct reg_table t;
	struct stat st;
	char *mode;

	at(p, "sub/dir/registers.db");
	at(dir, "sub/dir");
	cr_assert_str_eq(store_path(s), p);
	cr_assert_not(store_readonly(s));
	cr_assert_null(store_notice(s));
	cr_assert_eq(stat(dir, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0700, "a new folder is private");

	cr_assert_eq(store_load(s, REG_SOA, &t, err, sizeof err), 0, "%s", err);
	cr_assert_eq(t.n, 93);
	cr_assert_str_eq(t.rows[0].cell[0], "5.1");
	cr_assert_str_eq(cv(REG_SOA, t.rows[0].cell, "theme"), "Organizational");
	cr_assert_str_eq(cv(REG_SOA, t.rows[0].cell, "title"), "Policies for information security");
	cr_assert_str_eq(t.rows[9].cell[0], "5.10", "in the standard's order");
	cr_assert_str_eq(t.rows[36].cell[0], "5.37");
	cr_assert_str_eq(t.rows[37].cell[0], "6.1");
	cr_assert_str_eq(cv(REG_SOA, t.rows[37].cell, "theme"), "People");
	cr_assert_str_eq(t.rows[92].cell[0], "8.34");
	cr_assert_str_eq(cv(REG_SOA, t.rows[92].cell, "theme"), "Technological");
	reg_table_free(&t);

	cr_assert_gt(count(s, REG_RISK), 0);
	cr_assert_gt(count(s, REG_DOC), 0);
	cr_assert_gt(count(s, REG_ASSET), 0);

	/* every loaded risk carries its derived score and level */
	cr_assert_eq(store_load(s, REG_RISK, &t, err, sizeof err), 0, "%s", err);
	for (size_t r = 0; r < t.n; r++) {
		char **c = t.rows[r].cell;
		int score = atoi(cv(REG_RISK, c, "likelihood")) * atoi(cv(REG_RISK, c, "impact"));
		char want[8];

		snprintf(want, sizeof want, "%d", score);
		cr_assert_str_eq(cv(REG_RISK, c, "score"), want, "%s", c[0]);
		cr_assert_str_eq(cv(REG_RISK, c, "level"), reg_level(score), "%s", c[0]);
		if (r > 0)
			cr_assert_lt(atoi(t.rows[r - 1].cell[0] + 2), atoi(c[0] + 2),
				     "rows come in ID order");
	}
	reg_table_free(&t);
	cr_assert_eq(store_check(s, err, sizeof err), 0, "%s", err);
	store_close(s);

	cr_assert_eq(raw_int(p, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	mode = raw_text(p, "PRAGMA journal_mode");
	cr_assert_str_eq(mode, "wal");
	free(mode);
	cr_assert_eq(raw_int(p, "SELECT count(*) FROM soa"), 93);
	cr_assert_eq(raw_int(p, "SELECT count(*) FROM control"), 93);
}

Test(store, reopening_keeps_the_data)
{
	struct store *s = open_at("r.db", 0);
	char id[32];
	size_t n = count(s, REG_RISK);

	add_ok(s, REG_RISK, AS({"title", "Persist me"}, {"likelihood", "2"}, {"impact", "4"}), id);
	set_ok(s, REG_SOA, "5.7", AS({"owner", "Threat team"}));
	store_close(s);
	s = open_at("r.db", 0);
	cr_assert_eq(count(s, REG_RISK), n + 1);
	value_is(s, REG_RISK, id, "title", "Persist me");
	value_is(s, REG_RISK, id, "score", "8");
	value_is(s, REG_SOA, "5.7", "owner", "Threat team");
	store_close(s);
}

Test(store, demo_mode_writes_no_file)
{
	char p[256], err[REG_ERR_MAX] = "", id[32];
	struct store *s = NULL;
	char *ls;

	at(p, "demo.db");
	cr_assert_eq(store_open(&s, p, STORE_DEMO, err, sizeof err), 0, "%s", err);
	cr_assert_str_eq(store_path(s), ":memory:");
	cr_assert_not(store_readonly(s));
	cr_assert_eq(count(s, REG_SOA), 93);
	cr_assert_gt(count(s, REG_RISK), 0);
	add_ok(s, REG_RISK, AS({"title", "Only in memory"}, {"likelihood", "1"}, {"impact", "1"}),
	       id);
	cr_assert_eq(store_check(s, err, sizeof err), 0, "%s", err);
	store_close(s);
	cr_assert_not(file_exists(p));
	ls = listing(root);
	cr_assert_str_eq(ls, "");
	free(ls);

	cr_assert_eq(store_open(&s, NULL, STORE_DEMO, err, sizeof err), 0, "%s", err);
	cr_assert_eq(count(s, REG_SOA), 93);
	store_close(s);
}

Test(store, default_path)
{
	char *p;

	setenv("ISMSNAV_DB", "/data/client-a.db", 1);
	setenv("XDG_DATA_HOME", "/xdg", 1);
	setenv("HOME", "/home/u", 1);
	p = store_default_path();
	cr_assert_str_eq(p, "/data/client-a.db");
	free(p);

	setenv("ISMSNAV_DB", "", 1);
	p = store_default_path();
	cr_assert_str_eq(p, "/xdg/ismsnav/registers.db");
	free(p);

	unsetenv("ISMSNAV_DB");
	setenv("XDG_DATA_HOME", "relative/data", 1); /* not absolute: ignored */
	p = store_default_path();
	cr_assert_str_eq(p, "/home/u/.local/share/ismsnav/registers.db");
	free(p);

	unsetenv("XDG_DATA_HOME");
	p = store_default_path();
	cr_assert_str_eq(p, "/home/u/.local/share/ismsnav/registers.db");
	free(p);
}

Test(store, refuses_folders_and_missing_files_when_asked)
{
	char p[256], err[REG_ERR_MAX] = "";
	struct store *s = (struct store *)&s;

	cr_assert_eq(store_open(&s, root, 0, err, sizeof err), -1);
	cr_assert_null(s);
	cr_assert(strstr(err, "is a folder, not a database file"), "%s", err);

	at(p, "missing.db");
	REFUSED(store_open(&s, p, STORE_NOCREATE, err, sizeof err), err, "does not exist");
	REFUSED(store_open(&s, p, STORE_READONLY, err, sizeof err), err, "does not exist");
	cr_assert_not(file_exists(p));
}

/* ---- adding ---- */

Test(store, add_gives_the_next_free_id_and_fills_defaults)
{
	struct store *s = open_at("a.db", 0);
	char id[32], want[32], err[REG_ERR_MAX];
	char **c;

	next_id(s, REG_RISK, 1, want);
	add_ok(s, REG_RISK, AS({"title", "New risk"}, {"likelihood", "2"}, {"impact", "3"}), id);
	cr_assert_str_eq(id, want);
	c = get(s, REG_RISK, id);
	cr_assert_str_eq(cv(REG_RISK, c, "title"), "New risk");
	cr_assert_str_eq(cv(REG_RISK, c, "likelihood"), "2");
	cr_assert_str_eq(cv(REG_RISK, c, "score"), "6");
	cr_assert_str_eq(cv(REG_RISK, c, "level"), "medium");
	cr_assert_str_eq(cv(REG_RISK, c, "residual_score"), "");
	cr_assert_str_eq(cv(REG_RISK, c, "status"), "open");
	cr_assert_str_eq(cv(REG_RISK, c, "controls"), "");
	cr_assert_str_eq(cv(REG_RISK, c, "created"), "2026-01-01T00:00:00Z");
	cr_assert_str_eq(cv(REG_RISK, c, "updated"), "2026-01-01T00:00:00Z");
	reg_row_free(reg_def(REG_RISK), c);

	/* an explicit ID is normalised; later IDs continue after the highest */
	add_ok(s, REG_RISK, AS({"id", "r-400"}, {"title", "Explicit"}, {"likelihood", "1"},
			       {"impact", "1"}), id);
	cr_assert_str_eq(id, "R-400");
	add_ok(s, REG_RISK, AS({"title", "After"}, {"likelihood", "1"}, {"impact", "1"}), id);
	cr_assert_str_eq(id, "R-401");
	add_ok(s, REG_RISK, AS({"id", ""}, {"title", "Empty id"}, {"likelihood", "1"},
			       {"impact", "1"}), id);
	cr_assert_str_eq(id, "R-402");

	next_id(s, REG_DOC, 1, want);
	add_ok(s, REG_DOC, AS({"title", "Cryptography policy"}, {"type", "Policy"}), id);
	cr_assert_str_eq(id, want);
	value_is(s, REG_DOC, id, "status", "draft");
	value_is(s, REG_DOC, id, "version", "0.1");
	value_is(s, REG_DOC, id, "type", "policy");

	next_id(s, REG_ASSET, 1, want);
	add_ok(s, REG_ASSET, AS({"name", "Office Wi-Fi"}, {"category", "service"},
				{"confidentiality", "3"}), id);
	cr_assert_str_eq(id, want);
	value_is(s, REG_ASSET, id, "confidentiality", "3");
	value_is(s, REG_ASSET, id, "integrity", "");
	value_is(s, REG_ASSET, id, "risks", "");

	/* the SoA keeps its 93 rows */
	REFUSED(store_add(s, REG_SOA, AS({"applicable", "yes"}), id, sizeof id, err, sizeof err),
		err, "soa rows cannot be added");
	c = get(s, REG_SOA, "5.1");
	REFUSED(store_add(s, REG_SOA, AS({"control", "A.5.1"}, {"owner", "Added?"}), id, sizeof id,
			  err, sizeof err),
		err, "soa already has a row 5.1; use set to change it");
	value_is(s, REG_SOA, "5.1", "owner", cv(REG_SOA, c, "owner"));
	reg_row_free(reg_def(REG_SOA), c);
	cr_assert_eq(count(s, REG_SOA), 93);
	store_close(s);
}

Test(store, add_refuses_a_duplicate_id)
{
	struct store *s = open_at("d.db", 0);
	char id[32], err[REG_ERR_MAX];
	size_t n;

	add_ok(s, REG_RISK, AS({"id", "R-500"}, {"title", "First"}, {"likelihood", "1"},
			       {"impact", "1"}), id);
	n = count(s, REG_RISK);
	REFUSED(store_add(s, REG_RISK, AS({"id", "r-500"}, {"title", "Second"},
					  {"likelihood", "2"}, {"impact", "2"}),
			  id, sizeof id, err, sizeof err),
		err, "risk already has a row R-500; use set to change it");
	cr_assert_eq(count(s, REG_RISK), n);
	value_is(s, REG_RISK, "R-500", "title", "First");
	value_is(s, REG_RISK, "R-500", "likelihood", "1");
	store_close(s);
}

Test(store, an_invalid_add_writes_nothing)
{
	struct store *s = open_at("i.db", 0);
	char id[32], want[32], err[REG_ERR_MAX], p[256];
	size_t nrisk, nasset;
	long long links;

	at(p, "i.db");
	nrisk = count(s, REG_RISK);
	nasset = count(s, REG_ASSET);
	links = raw_int(p, "SELECT (SELECT count(*) FROM risk_control) * 1000 + "
			   "(SELECT count(*) FROM risk_asset)");
	next_id(s, REG_RISK, 1, want);

	REFUSED(store_add(s, REG_RISK, AS({"title", "x"}, {"likelihood", "9"}, {"impact", "1"}),
			  id, sizeof id, err, sizeof err),
		err, "likelihood: '9' is not a rating from 1 to 5");
	REFUSED(store_add(s, REG_RISK, AS({"likelihood", "1"}, {"impact", "1"}), id, sizeof id,
			  err, sizeof err),
		err, "title is required");
	REFUSED(store_add(s, REG_RISK, AS({"title", "x"}, {"likelihood", "1"}, {"impact", "1"},
					  {"controls", "5.1, 9.9"}),
			  id, sizeof id, err, sizeof err),
		err, "controls: '9.9' is not an Annex A control");
	REFUSED(store_add(s, REG_RISK, AS({"title", "x"}, {"likelihood", "1"}, {"impact", "1"},
					  {"controls", "5.1"}, {"assets", "A-001, A-999"}),
			  id, sizeof id, err, sizeof err),
		err, "assets: there is no asset A-999");
	REFUSED(store_add(s, REG_RISK, AS({"id", "X-1"}, {"title", "x"}, {"likelihood", "1"},
					  {"impact", "1"}),
			  id, sizeof id, err, sizeof err),
		err, "id: 'X-1' is not a risk ID such as R-001");
	REFUSED(store_add(s, REG_RISK, AS({"title", "x"}, {"likelihood", "1"}, {"impact", "1"},
					  {"status", "accepted"}),
			  id, sizeof id, err, sizeof err),
		err, "an accepted risk needs accepted_by and accepted_on");
	REFUSED(store_add(s, REG_RISK, AS({"title", "x"}, {"likelihood", "1"}, {"impact", "1"},
					  {"treatment", "ignore"}),
			  id, sizeof id, err, sizeof err),
		err, "treatment: 'ignore' is not one of: modify, retain, avoid, share");
	REFUSED(store_add(s, REG_ASSET, AS({"name", "x"}, {"category", "cloud"}), id, sizeof id,
			  err, sizeof err),
		err, "category: 'cloud' is not one of");
	REFUSED(store_add(s, REG_ASSET, AS({"name", "x"}, {"category", "site"},
					   {"risks", "R-999"}),
			  id, sizeof id, err, sizeof err),
		err, "risks: there is no risk R-999");

	cr_assert_eq(count(s, REG_RISK), nrisk);
	cr_assert_eq(count(s, REG_ASSET), nasset);
	cr_assert_eq(raw_int(p, "SELECT (SELECT count(*) FROM risk_control) * 1000 + "
				"(SELECT count(*) FROM risk_asset)"),
		     links);
	/* the failed adds used up no ID */
	add_ok(s, REG_RISK, AS({"title", "x"}, {"likelihood", "1"}, {"impact", "1"}), id);
	cr_assert_str_eq(id, want);
	store_close(s);
}

/* ---- changing ---- */

Test(store, set_changes_fields_and_the_updated_time_only_on_a_change)
{
	struct store *s = open_at("s.db", 0);
	char id[32];

	add_ok(s, REG_RISK, AS({"title", "A"}, {"likelihood", "1"}, {"impact", "1"}), id);
	setenv("SOURCE_DATE_EPOCH", DAY2, 1);
	set_ok(s, REG_RISK, id, AS({"owner", "Alice"}));
	value_is(s, REG_RISK, id, "owner", "Alice");
	value_is(s, REG_RISK, id, "updated", "2026-01-02T00:00:00Z");
	value_is(s, REG_RISK, id, "created", "2026-01-01T00:00:00Z");

	setenv("SOURCE_DATE_EPOCH", DAY3, 1);
	set_ok(s, REG_RISK, id, AS({"owner", "Alice"}, {"title", "A"}));
	set_ok(s, REG_RISK, id, AS({"id", id}, {"likelihood", " 1 "}));
	set_ok(s, REG_RISK, id, AS({"status", "Open"}));
	value_is(s, REG_RISK, id, "updated", "2026-01-02T00:00:00Z");

	set_ok(s, REG_RISK, id, AS({"likelihood", "5"}, {"impact", "5"}, {"controls", "8.8, 5.7"}));
	value_is(s, REG_RISK, id, "score", "25");
	value_is(s, REG_RISK, id, "level", "critical");
	value_is(s, REG_RISK, id, "controls", "5.7, 8.8");
	value_is(s, REG_RISK, id, "updated", "2026-01-03T00:00:00Z");
	value_is(s, REG_RISK, id, "created", "2026-01-01T00:00:00Z");

	/* clearing a field */
	set_ok(s, REG_RISK, id, AS({"owner", ""}, {"controls", ""}));
	value_is(s, REG_RISK, id, "owner", "");
	value_is(s, REG_RISK, id, "controls", "");

	/* an ID given in any spelling */
	set_ok(s, REG_RISK, "r-1", AS({"next_review", "2027-01-31"}));
	value_is(s, REG_RISK, "R-001", "next_review", "2027-01-31");
	value_is(s, REG_RISK, "R-001", "updated", "2026-01-03T00:00:00Z");

	/* the SoA has an updated time too */
	set_ok(s, REG_SOA, "A.5.7", AS({"evidence", "Threat feed subscription"}));
	value_is(s, REG_SOA, "5.7", "updated", "2026-01-03T00:00:00Z");
	store_close(s);
}

Test(store, set_refuses_what_cannot_be_set)
{
	struct store *s = open_at("s.db", 0);
	char err[REG_ERR_MAX], *title = NULL;

	title = value(s, REG_RISK, "R-001", "title");
	REFUSED(store_set(s, REG_RISK, "R-001", AS({"colour", "red"}), err, sizeof err), err,
		"risk has no field 'colour'; its fields are: ");
	cr_assert_str_eq(err, "risk has no field 'colour'; its fields are: id, title, scenario, "
			      "threat, vulnerability, assets, owner, likelihood, impact, "
			      "residual_likelihood, residual_impact, treatment, treatment_plan, "
			      "treatment_due, controls, status, accepted_by, accepted_on, "
			      "accepted_until, next_review");
	REFUSED(store_set(s, REG_RISK, "R-001", AS({"score", "3"}), err, sizeof err), err,
		"score is derived from other fields; it cannot be set");
	REFUSED(store_set(s, REG_RISK, "R-001", AS({"residual_level", "low"}), err, sizeof err),
		err, "residual_level is derived from other fields");
	REFUSED(store_set(s, REG_RISK, "R-001", AS({"created", "2020-01-01T00:00:00Z"}), err,
			  sizeof err),
		err, "created is kept by ismsnav; it cannot be set");
	REFUSED(store_set(s, REG_RISK, "R-001", AS({"updated", ""}), err, sizeof err), err,
		"updated is kept by ismsnav");
	REFUSED(store_set(s, REG_SOA, "5.1", AS({"title", "My own title"}), err, sizeof err), err,
		"title comes from the standard; it cannot be set");
	REFUSED(store_set(s, REG_SOA, "5.1", AS({"theme", "People"}), err, sizeof err), err,
		"theme comes from the standard");
	REFUSED(store_set(s, REG_RISK, "R-999", AS({"owner", "x"}), err, sizeof err), err,
		"risk has no row R-999");
	REFUSED(store_set(s, REG_RISK, "xyz", AS({"owner", "x"}), err, sizeof err), err,
		"id: 'xyz' is not a risk ID such as R-001");
	REFUSED(store_set(s, REG_RISK, "", AS({"owner", "x"}), err, sizeof err), err,
		"risk: give the ID of the row to change");
	REFUSED(store_set(s, REG_SOA, "9.1", AS({"owner", "x"}), err, sizeof err), err,
		"control: '9.1' is not an Annex A control");
	REFUSED(store_set(s, REG_RISK, "R-001", AS({"title", "ok"}, {"likelihood", "0"}), err,
			  sizeof err),
		err, "likelihood: '0' is not a rating from 1 to 5");
	REFUSED(store_set(s, REG_RISK, "R-001", AS({"title", ""}), err, sizeof err), err,
		"title is required");
	REFUSED(store_set(s, REG_RISK, "R-001", AS({"title", "   "}), err, sizeof err), err,
		"title is required");
	REFUSED(store_set(s, REG_RISK, "R-001", AS({"title", "ok"}, {"assets", "A-999"}), err,
			  sizeof err),
		err, "assets: there is no asset A-999");
	value_is(s, REG_RISK, "R-001", "title", title);
	free(title);
	store_close(s);
}

Test(store, soa_rules)
{
	struct store *s = open_at("soa.db", 0);
	char err[REG_ERR_MAX];

	set_ok(s, REG_SOA, "8.30", AS({"applicable", "yes"}, {"justification", ""}));
	REFUSED(store_set(s, REG_SOA, "8.30", AS({"applicable", "no"}), err, sizeof err), err,
		"justification is required when a control is not applicable");
	value_is(s, REG_SOA, "8.30", "applicable", "yes");
	set_ok(s, REG_SOA, "8.30", AS({"applicable", "N"},
				      {"justification", "No outsourced development"}));
	value_is(s, REG_SOA, "8.30", "applicable", "no");
	value_is(s, REG_SOA, "8.30", "justification", "No outsourced development");
	REFUSED(store_set(s, REG_SOA, "8.30", AS({"justification", ""}), err, sizeof err), err,
		"justification is required");
	REFUSED(store_set(s, REG_SOA, "8.30", AS({"implementation", "In Progress"}), err,
			  sizeof err),
		err, "implementation: 'In Progress' is not one of: not_started, planned, partial, "
		     "implemented");
	set_ok(s, REG_SOA, "8.30", AS({"implementation", "Not Started"}));
	value_is(s, REG_SOA, "8.30", "implementation", "not_started");
	REFUSED(store_delete(s, REG_SOA, "8.30", err, sizeof err), err,
		"soa rows cannot be deleted");
	cr_assert_eq(count(s, REG_SOA), 93);
	store_close(s);
}

/* ---- deleting and links ---- */

Test(store, delete_removes_the_row_and_its_links)
{
	struct store *s = open_at("del.db", 0);
	char asset[32], risk[32], doc[32], err[REG_ERR_MAX], p[256];
	struct reg_table t;
	char *before;

	at(p, "del.db");
	add_ok(s, REG_ASSET, AS({"name", "Build server"}, {"category", "hardware"}), asset);
	before = value(s, REG_SOA, "8.25", "risks");
	add_ok(s, REG_RISK, AS({"title", "Supply chain attack"}, {"likelihood", "2"},
			       {"impact", "5"}, {"controls", "8.25, 8.5"}, {"assets", asset}),
	       risk);
	value_is(s, REG_ASSET, asset, "risks", risk);

	cr_assert_eq(store_delete(s, REG_RISK, risk, err, sizeof err), 0, "%s", err);
	cr_assert_not(exists(s, REG_RISK, risk));
	value_is(s, REG_ASSET, asset, "risks", "");
	value_is(s, REG_SOA, "8.25", "risks", before);
	cr_assert_eq(raw_int(p, "SELECT count(*) FROM risk_control WHERE risk_id NOT IN "
				"(SELECT id FROM risk)"),
		     0);
	REFUSED(store_delete(s, REG_RISK, risk, err, sizeof err), err, "risk has no row");
	REFUSED(store_delete(s, REG_RISK, "garbage", err, sizeof err), err,
		"'garbage' is not an ID of risk");

	/* deleting an asset unlinks it from its risks */
	add_ok(s, REG_RISK, AS({"title", "Server theft"}, {"likelihood", "1"}, {"impact", "3"},
			       {"assets", asset}),
	       risk);
	value_is(s, REG_RISK, risk, "assets", asset);
	cr_assert_eq(store_delete(s, REG_ASSET, asset, err, sizeof err), 0, "%s", err);
	value_is(s, REG_RISK, risk, "assets", "");

	/* deleting a document deletes its history */
	add_ok(s, REG_DOC, AS({"title", "Temp"}, {"type", "record"}), doc);
	cr_assert_eq(store_delete(s, REG_DOC, doc, err, sizeof err), 0, "%s", err);
	cr_assert_eq(store_revisions(s, doc, &t, err, sizeof err), 0, "%s", err);
	cr_assert_eq(t.n, 0);
	reg_table_free(&t);
	cr_assert_eq(store_check(s, err, sizeof err), 0, "%s", err);
	free(before);
	store_close(s);
}

/* "a" plus ", " plus "b", or whichever is not empty. */
static char *joined(const char *a, const char *b)
{
	char *s = malloc(strlen(a) + strlen(b) + 3);

	sprintf(s, "%s%s%s", a, a[0] && b[0] ? ", " : "", b);
	return s;
}

Test(store, links_show_up_on_both_sides)
{
	struct store *s = open_at("links.db", 0);
	char a1[32], a2[32], risk[32], both[100], err[REG_ERR_MAX];
	char *soa_before = NULL, *want;
	struct reg_table t;
	size_t n;

	add_ok(s, REG_ASSET, AS({"name", "Payroll export"}, {"category", "information"}), a1);
	add_ok(s, REG_ASSET, AS({"name", "Payroll bureau"}, {"category", "supplier"}), a2);
	soa_before = value(s, REG_SOA, "5.15", "risks");
	snprintf(both, sizeof both, "%s, %s, %s", a2, a1, a2);
	add_ok(s, REG_RISK, AS({"title", "Payroll fraud"}, {"likelihood", "2"}, {"impact", "4"},
			       {"controls", "8.5, 5.15, A.5.15"}, {"assets", both}),
	       risk);
	value_is(s, REG_RISK, risk, "controls", "5.15, 8.5");
	want = joined(a1, a2);
	value_is(s, REG_RISK, risk, "assets", want);
	free(want);
	want = joined(soa_before, risk);
	value_is(s, REG_SOA, "5.15", "risks", want);
	free(want);
	value_is(s, REG_ASSET, a1, "risks", risk);
	value_is(s, REG_ASSET, a2, "risks", risk);

	/* from the SoA side: the risk gains a control */
	set_ok(s, REG_SOA, "5.7", AS({"risks", risk}));
	value_is(s, REG_RISK, risk, "controls", "5.7, 5.15, 8.5");
	value_is(s, REG_SOA, "5.7", "risks", risk);
	/* from the asset side: the asset drops the risk */
	set_ok(s, REG_ASSET, a2, AS({"risks", ""}));
	value_is(s, REG_RISK, risk, "assets", a1);

	/* a link to a row that does not exist */
	n = count(s, REG_RISK);
	REFUSED(store_set(s, REG_RISK, risk, AS({"assets", "A-999"}), err, sizeof err), err,
		"assets: there is no asset A-999");
	cr_assert_str_eq(err, "assets: there is no asset A-999");
	value_is(s, REG_RISK, risk, "assets", a1);
	REFUSED(store_set(s, REG_SOA, "5.7", AS({"risks", "R-999"}), err, sizeof err), err,
		"risks: there is no risk R-999");
	value_is(s, REG_SOA, "5.7", "risks", risk);
	cr_assert_eq(count(s, REG_RISK), n);

	/* the reverse links, as views follow them */
	cr_assert_eq(store_links(s, REG_RISK, risk, REG_SOA, &t, err, sizeof err), 0, "%s", err);
	cr_assert_eq(t.n, 3);
	cr_assert_eq(t.def, reg_def(REG_SOA));
	cr_assert_str_eq(t.rows[0].cell[0], "5.7");
	cr_assert_str_eq(t.rows[1].cell[0], "5.15");
	cr_assert_str_eq(cv(REG_SOA, t.rows[1].cell, "title"), "Access control");
	cr_assert_str_eq(t.rows[2].cell[0], "8.5");
	reg_table_free(&t);
	cr_assert_eq(store_links(s, REG_RISK, risk, REG_ASSET, &t, err, sizeof err), 0, "%s", err);
	cr_assert_eq(t.n, 1);
	cr_assert_str_eq(t.rows[0].cell[0], a1);
	cr_assert_str_eq(cv(REG_ASSET, t.rows[0].cell, "name"), "Payroll export");
	reg_table_free(&t);
	cr_assert_eq(store_links(s, REG_SOA, "A.5.7", REG_RISK, &t, err, sizeof err), 0, "%s",
		     err);
	cr_assert_eq(t.n, 1);
	cr_assert_str_eq(t.rows[0].cell[0], risk);
	cr_assert_str_eq(cv(REG_RISK, t.rows[0].cell, "score"), "8");
	reg_table_free(&t);
	cr_assert_eq(store_links(s, REG_ASSET, a2, REG_RISK, &t, err, sizeof err), 0, "%s", err);
	cr_assert_eq(t.n, 0);
	reg_table_free(&t);
	REFUSED(store_links(s, REG_RISK, "R-999", REG_SOA, &t, err, sizeof err), err,
		"risk has no row R-999");
	cr_assert_eq(t.n, 0);
	REFUSED(store_links(s, REG_SOA, "5.7", REG_ASSET, &t, err, sizeof err), err,
		"soa rows have no links to assets");
	cr_assert_eq(t.n, 0);
	free(soa_before);
	store_close(s);
}

/* ---- documents ---- */

static void revision_is(const struct reg_table *t, size_t i, const char *version,
			const char *date, const char *author, const char *summary)
{
	cr_assert_lt(i, t->n);
	cr_assert_str_eq(t->rows[i].cell[0], version, "revision %zu", i);
	cr_assert_str_eq(t->rows[i].cell[1], date, "revision %zu", i);
	cr_assert_str_eq(t->rows[i].cell[2], author, "revision %zu", i);
	cr_assert_str_eq(t->rows[i].cell[3], summary, "revision %zu", i);
}

static void revisions(struct store *s, const char *doc, struct reg_table *t)
{
	char err[REG_ERR_MAX] = "";

	cr_assert_eq(store_revisions(s, doc, t, err, sizeof err), 0, "%s", err);
	cr_assert_eq(t->def, &store_revision_def);
}

Test(store, a_version_change_writes_a_revision)
{
	struct store *s = open_at("rev.db", 0);
	struct reg_table t;
	char doc[32], doc2[32];

	add_ok(s, REG_DOC, AS({"title", "Access control policy"}, {"type", "policy"},
			      {"owner", "Olga"}, {"version", "1.0"}, {"changed_by", "Ann"},
			      {"change_summary", "Initial issue"}),
	       doc);
	revisions(s, doc, &t);
	cr_assert_eq(t.n, 1);
	revision_is(&t, 0, "1.0", "2026-01-01", "Ann", "Initial issue");
	reg_table_free(&t);
	/* the pseudo-fields are not kept on the row */
	value_is(s, REG_DOC, doc, "change_summary", "");
	value_is(s, REG_DOC, doc, "changed_by", "");

	setenv("SOURCE_DATE_EPOCH", DAY2, 1);
	set_ok(s, REG_DOC, doc, AS({"owner", "Pete"}));
	set_ok(s, REG_DOC, doc, AS({"version", "1.0"}, {"change_summary", "Nothing really"}));
	revisions(s, doc, &t);
	cr_assert_eq(t.n, 1, "no version change, no revision");
	reg_table_free(&t);
	value_is(s, REG_DOC, doc, "updated", "2026-01-02T00:00:00Z");

	set_ok(s, REG_DOC, doc, AS({"version", "1.1"}, {"change_summary", "Added MFA"},
				   {"changed_by", "Bob"}));
	setenv("SOURCE_DATE_EPOCH", DAY3, 1);
	set_ok(s, REG_DOC, doc, AS({"version", "1.2"}));
	revisions(s, doc, &t);
	cr_assert_eq(t.n, 3);
	revision_is(&t, 0, "1.0", "2026-01-01", "Ann", "Initial issue");
	revision_is(&t, 1, "1.1", "2026-01-02", "Bob", "Added MFA");
	revision_is(&t, 2, "1.2", "2026-01-03", "Pete", "New version");
	reg_table_free(&t);
	value_is(s, REG_DOC, doc, "version", "1.2");

	/* an add without a summary still writes the first revision */
	add_ok(s, REG_DOC, AS({"title", "Backup procedure"}, {"type", "procedure"},
			      {"owner", "Kim"}),
	       doc2);
	revisions(s, doc2, &t);
	cr_assert_eq(t.n, 1);
	revision_is(&t, 0, "0.1", "2026-01-03", "Kim", "First version");
	reg_table_free(&t);

	revisions(s, "DOC-999", &t);
	cr_assert_eq(t.n, 0);
	reg_table_free(&t);
	store_close(s);
}

Test(store, document_status_transitions_are_enforced)
{
	struct store *s = open_at("st.db", 0);
	char doc[32], err[REG_ERR_MAX];

	add_ok(s, REG_DOC, AS({"title", "Risk methodology"}, {"type", "procedure"}), doc);
	REFUSED(store_set(s, REG_DOC, doc, AS({"status", "published"}), err, sizeof err), err,
		"status: a draft document cannot become published; from draft it can go to: "
		"in_review, retired");
	value_is(s, REG_DOC, doc, "status", "draft");
	set_ok(s, REG_DOC, doc, AS({"status", "In Review"}));
	REFUSED(store_set(s, REG_DOC, doc, AS({"status", "approved"}), err, sizeof err), err,
		"a document that is approved needs approver and approved_on");
	value_is(s, REG_DOC, doc, "status", "in_review");
	set_ok(s, REG_DOC, doc, AS({"status", "approved"}, {"approver", "CEO"},
				   {"approved_on", "2026-01-01"}));
	REFUSED(store_set(s, REG_DOC, doc, AS({"status", "in_review"}), err, sizeof err), err,
		"an approved document cannot become in_review");
	set_ok(s, REG_DOC, doc, AS({"status", "published"}));
	set_ok(s, REG_DOC, doc, AS({"status", "retired"}));
	REFUSED(store_set(s, REG_DOC, doc, AS({"status", "published"}), err, sizeof err), err,
		"from retired it can go to: draft");
	set_ok(s, REG_DOC, doc, AS({"status", "draft"}));
	value_is(s, REG_DOC, doc, "status", "draft");
	store_close(s);
}

/* ---- text ---- */

Test(store, injection_strings_and_newlines_are_stored_verbatim)
{
	static const char *const title = "'); DROP TABLE risk;--";
	static const char *const scenario = "line 1\nline 2\r\n\"quoted\" and 'single'\n\n\ttab";
	static const char *const owner = "Robert'); DELETE FROM asset; --";
	static const char *const threat = "  padded  ";
	static const char *const vuln = "Zürich 東京 %s %n \\ ; --";
	struct store *s = open_at("inj.db", 0);
	size_t nrisk = count(s, REG_RISK), nasset = count(s, REG_ASSET);
	char id[32], err[REG_ERR_MAX];

	add_ok(s, REG_RISK, AS({"title", title}, {"scenario", scenario}, {"owner", owner},
			       {"threat", threat}, {"vulnerability", vuln}, {"likelihood", "3"},
			       {"impact", "3"}),
	       id);
	set_ok(s, REG_SOA, "5.1", AS({"justification", "x'); DELETE FROM soa;--\nsecond line"}));
	set_ok(s, REG_DOC, "DOC-001", AS({"location", "\"; DROP TABLE document; --"}));
	store_close(s);
	s = open_at("inj.db", 0);
	value_is(s, REG_RISK, id, "title", title);
	value_is(s, REG_RISK, id, "scenario", scenario);
	value_is(s, REG_RISK, id, "owner", owner);
	value_is(s, REG_RISK, id, "threat", threat);
	value_is(s, REG_RISK, id, "vulnerability", vuln);
	value_is(s, REG_SOA, "5.1", "justification", "x'); DELETE FROM soa;--\nsecond line");
	value_is(s, REG_DOC, "DOC-001", "location", "\"; DROP TABLE document; --");
	cr_assert_eq(count(s, REG_RISK), nrisk + 1);
	cr_assert_eq(count(s, REG_ASSET), nasset);
	cr_assert_eq(count(s, REG_SOA), 93);
	cr_assert_eq(store_check(s, err, sizeof err), 0, "%s", err);
	store_close(s);
}

/* ---- CSV import ---- */

Test(store, imports_a_good_csv_file)
{
	static const char csv[] =
		"title,likelihood,impact,controls,scenario,owner\r\n"
		"Phishing of finance staff,4,3,\"8.5, A.5.15\",\"Line one\r\nline two, with a "
		"comma and \"\"quotes\"\"\",Grace\r\n"
		"Laptop theft,2,4,7.9,,\r\n";
	struct store *s = open_at("imp.db", 0);
	char p[256], first[32], second[32], err[REG_ERR_MAX] = "";
	size_t n = 0, before = count(s, REG_RISK);

	write_file("risks.csv", csv, sizeof csv - 1);
	at(p, "risks.csv");
	next_id(s, REG_RISK, 1, first);
	next_id(s, REG_RISK, 2, second);
	cr_assert_eq(store_import_csv(s, REG_RISK, p, &n, err, sizeof err), 0, "%s", err);
	cr_assert_eq(n, 2);
	cr_assert_eq(count(s, REG_RISK), before + 2);
	value_is(s, REG_RISK, first, "title", "Phishing of finance staff");
	value_is(s, REG_RISK, first, "controls", "5.15, 8.5");
	value_is(s, REG_RISK, first, "scenario",
		 "Line one\r\nline two, with a comma and \"quotes\"");
	value_is(s, REG_RISK, first, "owner", "Grace");
	value_is(s, REG_RISK, first, "score", "12");
	value_is(s, REG_RISK, first, "status", "open");
	value_is(s, REG_RISK, first, "created", "2026-01-01T00:00:00Z");
	value_is(s, REG_RISK, second, "title", "Laptop theft");
	value_is(s, REG_RISK, second, "controls", "7.9");
	value_is(s, REG_RISK, second, "owner", "");
	store_close(s);
}

Test(store, one_bad_row_imports_nothing_and_names_its_line)
{
	/* the first record spans lines 2-3, so the bad one starts on line 5 */
	static const char csv[] = "title,likelihood,impact,scenario\n"
				  "Good one,1,1,\"multi\nline\"\n"
				  "Good two,2,2,\n"
				  "Bad,7,1,\n"
				  "Good three,3,3,\n";
	struct store *s = open_at("bad.db", 0);
	char p[256], want[400], id[32], next[32], err[REG_ERR_MAX] = "";
	size_t n = 99, before = count(s, REG_RISK);

	write_file("bad.csv", csv, sizeof csv - 1);
	at(p, "bad.csv");
	next_id(s, REG_RISK, 1, next);
	cr_assert_eq(store_import_csv(s, REG_RISK, p, &n, err, sizeof err), -1);
	snprintf(want, sizeof want, "%s:5: likelihood: '7' is not a rating from 1 to 5", p);
	cr_assert_str_eq(err, want);
	cr_assert_eq(n, 0);
	cr_assert_eq(count(s, REG_RISK), before);
	/* the store is usable after the rollback, and no ID was used up */
	add_ok(s, REG_RISK, AS({"title", "After"}, {"likelihood", "1"}, {"impact", "1"}), id);
	cr_assert_str_eq(id, next);
	store_close(s);
}

Test(store, import_errors_name_file_and_line)
{
	struct store *s = open_at("ie.db", 0);
	char p[256], want[400], err[REG_ERR_MAX] = "";
	size_t n, before = count(s, REG_RISK);

	at(p, "x.csv");
	write_file("x.csv", "title,colour\nx,red\n", 19);
	REFUSED(store_import_csv(s, REG_RISK, p, &n, err, sizeof err), err, "unknown column");
	snprintf(want, sizeof want, "%s:1: unknown column 'colour'", p);
	cr_assert(strstr(err, want) == err, "%s", err);

	write_file("x.csv", "title,title\nx,y\n", 16);
	REFUSED(store_import_csv(s, REG_RISK, p, &n, err, sizeof err), err,
		":1: column 'title' appears twice");

	write_file("x.csv", "title,likelihood,impact\na,1,1\nb,2\n", 34);
	snprintf(want, sizeof want, "%s:3: 2 fields where the header has 3", p);
	REFUSED(store_import_csv(s, REG_RISK, p, &n, err, sizeof err), err, want);

	write_file("x.csv", "title,likelihood,impact\na,1,1\nb\"c,2,2\n", 38);
	snprintf(want, sizeof want, "%s:3: ", p);
	REFUSED(store_import_csv(s, REG_RISK, p, &n, err, sizeof err), err, want);

	write_file("x.csv", "", 0);
	snprintf(want, sizeof want, "%s:1: the file is empty", p);
	REFUSED(store_import_csv(s, REG_RISK, p, &n, err, sizeof err), err, want);

	write_file("x.csv", "title,likelihood,impact\na,1,1\n\"unterminated,1,1\n", 47);
	snprintf(want, sizeof want, "%s:3: ", p);
	REFUSED(store_import_csv(s, REG_RISK, p, &n, err, sizeof err), err, want);

	at(p, "missing.csv");
	REFUSED(store_import_csv(s, REG_RISK, p, &n, err, sizeof err), err, "cannot read");
	cr_assert_eq(count(s, REG_RISK), before);
	store_close(s);
}

Test(store, import_updates_existing_ids_and_adds_the_rest)
{
	static const char csv[] = "id,title,likelihood,impact,owner\n"
				  "R-001,Renamed by import,2,2,\n"
				  ",Brand new,1,2,Zed\n"
				  "r-70,Explicit id,3,3,Ann\n"
				  "\n";
	struct store *s = open_at("upd.db", 0);
	char p[256], next[32], err[REG_ERR_MAX] = "";
	char *scenario = NULL, *created = NULL;
	size_t n = 0, before = count(s, REG_RISK);

	write_file("u.csv", csv, sizeof csv - 1);
	at(p, "u.csv");
	next_id(s, REG_RISK, 1, next);
	scenario = value(s, REG_RISK, "R-001", "scenario");
	created = value(s, REG_RISK, "R-001", "created");
	cr_assert_eq(store_import_csv(s, REG_RISK, p, &n, err, sizeof err), 0, "%s", err);
	cr_assert_eq(n, 3);
	cr_assert_eq(count(s, REG_RISK), before + 2);
	value_is(s, REG_RISK, "R-001", "title", "Renamed by import");
	value_is(s, REG_RISK, "R-001", "score", "4");
	value_is(s, REG_RISK, "R-001", "owner", "");
	value_is(s, REG_RISK, "R-001", "scenario", scenario); /* not in the file: kept */
	value_is(s, REG_RISK, "R-001", "created", created);
	value_is(s, REG_RISK, "R-001", "updated", "2026-01-01T00:00:00Z");
	value_is(s, REG_RISK, next, "title", "Brand new");
	value_is(s, REG_RISK, next, "owner", "Zed");
	value_is(s, REG_RISK, "R-070", "title", "Explicit id");
	free(scenario);
	free(created);
	store_close(s);
}

Test(store, imports_the_soa_by_control)
{
	static const char csv[] = "control,theme,title,applicable,justification,implementation\n"
				  "A.5.1,Whatever,Not the title,no,Not needed here,not started\n"
				  "8.34,,,Yes,,Implemented\n";
	struct store *s = open_at("soa.db", 0);
	char p[256], err[REG_ERR_MAX] = "";
	size_t n = 0;

	write_file("soa.csv", csv, sizeof csv - 1);
	at(p, "soa.csv");
	cr_assert_eq(store_import_csv(s, REG_SOA, p, &n, err, sizeof err), 0, "%s", err);
	cr_assert_eq(n, 2);
	value_is(s, REG_SOA, "5.1", "applicable", "no");
	value_is(s, REG_SOA, "5.1", "justification", "Not needed here");
	value_is(s, REG_SOA, "5.1", "implementation", "not_started");
	value_is(s, REG_SOA, "5.1", "title", "Policies for information security");
	value_is(s, REG_SOA, "5.1", "theme", "Organizational");
	value_is(s, REG_SOA, "8.34", "implementation", "implemented");
	cr_assert_eq(count(s, REG_SOA), 93);

	write_file("soa.csv", "control,owner\n9.1,x\n", 20);
	REFUSED(store_import_csv(s, REG_SOA, p, &n, err, sizeof err), err,
		":2: control: '9.1' is not an Annex A control");
	write_file("soa.csv", "owner\nx\n", 8);
	REFUSED(store_import_csv(s, REG_SOA, p, &n, err, sizeof err), err,
		":2: soa rows cannot be added");
	store_close(s);
}

/* Writes every row of register k as the CSV export does: all fields. */
static void export_csv(struct store *s, enum reg_kind k, const char *name, const char *change_id,
		       const char *change_field, const char *change_to)
{
	const struct reg_def *d = reg_def(k);
	struct reg_table t;
	struct isn_buf b = {0};
	const char *head[64];
	char err[REG_ERR_MAX] = "";

	cr_assert_eq(store_load(s, k, &t, err, sizeof err), 0, "%s", err);
	for (size_t i = 0; i < d->nfields; i++)
		head[i] = d->fields[i].name;
	cr_assert_eq(csv_put_record(&b, head, d->nfields), 0);
	for (size_t r = 0; r < t.n; r++) {
		const char *cells[64];

		for (size_t i = 0; i < d->nfields; i++)
			cells[i] = t.rows[r].cell[i];
		if (change_id && !strcmp(t.rows[r].cell[0], change_id))
			cells[reg_field_index(d, change_field)] = change_to;
		cr_assert_eq(csv_put_record(&b, cells, d->nfields), 0);
	}
	write_file(name, b.data, b.len);
	isn_buf_free(&b);
	reg_table_free(&t);
}

Test(store, an_export_imports_back_unchanged)
{
	static const enum reg_kind kinds[] = {REG_RISK, REG_DOC, REG_SOA, REG_ASSET};
	struct store *s = open_at("rt.db", 0);
	char p[256], err[REG_ERR_MAX] = "";
	bool differs = true;
	size_t n;

	setenv("SOURCE_DATE_EPOCH", DAY3, 1);
	at(p, "rt.csv");
	for (size_t k = 0; k < 4; k++) {
		export_csv(s, kinds[k], "rt.csv", NULL, NULL, NULL);
		cr_assert_eq(store_import_csv(s, kinds[k], p, &n, err, sizeof err), 0, "%s: %s",
			     reg_def(kinds[k])->name, err);
		cr_assert_eq(n, count(s, kinds[k]));
	}
	cr_assert_eq(store_demo_differs(s, &differs, err, sizeof err), 0, "%s", err);
	cr_assert_not(differs, "importing an export changed something");

	/* one changed cell changes that row only */
	export_csv(s, REG_RISK, "rt.csv", "R-002", "owner", "New owner, with \"quotes\"\nand a line");
	cr_assert_eq(store_import_csv(s, REG_RISK, p, &n, err, sizeof err), 0, "%s", err);
	value_is(s, REG_RISK, "R-002", "owner", "New owner, with \"quotes\"\nand a line");
	cr_assert_eq(store_demo_differs(s, &differs, err, sizeof err), 0, "%s", err);
	cr_assert(differs);
	store_close(s);
}

/* ---- migrations ---- */

Test(store, migrate_applies_the_steps_in_order)
{
	static const char *const steps[] = {
		"ALTER TABLE t ADD COLUMN y DEFAULT 5",
		"CREATE TABLE u (z); INSERT INTO u VALUES (7)",
	};
	sqlite3 *db;
	char err[REG_ERR_MAX] = "";

	cr_assert_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, "CREATE TABLE t (x); INSERT INTO t VALUES (1); "
				      "PRAGMA user_version = 1",
				  NULL, NULL, NULL),
		     SQLITE_OK);
	cr_assert_eq(store_migrate(db, steps, 2, err, sizeof err), 0, "%s", err);
	cr_assert_eq(db_int(db, "PRAGMA user_version"), 3);
	cr_assert_eq(db_int(db, "SELECT y FROM t"), 5);
	cr_assert_eq(db_int(db, "SELECT z FROM u"), 7);
	cr_assert(sqlite3_get_autocommit(db), "no transaction is left open");
	/* up to date: nothing runs again */
	cr_assert_eq(store_migrate(db, steps, 2, err, sizeof err), 0, "%s", err);
	cr_assert_eq(db_int(db, "SELECT count(*) FROM u"), 1);
	cr_assert_eq(db_int(db, "PRAGMA user_version"), 3);
	sqlite3_close(db);

	/* from version 2 only the later steps run */
	static const char *const later[] = {"THIS IS NOT SQL", "CREATE TABLE v (a)",
					    "CREATE TABLE w (b)"};
	cr_assert_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, "PRAGMA user_version = 2", NULL, NULL, NULL), SQLITE_OK);
	cr_assert_eq(store_migrate(db, later, 3, err, sizeof err), 0, "%s", err);
	cr_assert_eq(db_int(db, "PRAGMA user_version"), 4);
	cr_assert_eq(db_int(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('v', 'w')"), 2);
	sqlite3_close(db);
}

Test(store, a_failing_migration_step_rolls_back)
{
	static const char *const steps[] = {
		"CREATE TABLE a (x)",
		"CREATE TABLE b (x); INSERT INTO no_such_table VALUES (1)",
		"CREATE TABLE c (x)",
	};
	char p[256], err[REG_ERR_MAX] = "";
	sqlite3 *db;

	at(p, "m.db");
	cr_assert_eq(sqlite3_open(p, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, "PRAGMA journal_mode = WAL; CREATE TABLE t (x); "
				      "PRAGMA user_version = 1",
				  NULL, NULL, NULL),
		     SQLITE_OK);
	cr_assert_eq(store_migrate(db, steps, 3, err, sizeof err), -1);
	cr_assert(strstr(err, "no_such_table"), "%s", err);
	cr_assert_eq(db_int(db, "PRAGMA user_version"), 2, "the first step stays done");
	cr_assert_eq(db_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'a'"), 1);
	cr_assert_eq(db_int(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('b', 'c')"), 0);
	cr_assert(sqlite3_get_autocommit(db), "no transaction is left open");
	sqlite3_close(db);
	cr_assert_eq(raw_int(p, "PRAGMA user_version"), 2);

	/* a failing first step leaves the version where it was */
	cr_assert_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, "PRAGMA user_version = 1", NULL, NULL, NULL), SQLITE_OK);
	static const char *const bad[] = {"CREATE TABLE d (x); CREATE TABLE d (y)"};
	cr_assert_eq(store_migrate(db, bad, 1, err, sizeof err), -1);
	cr_assert(strstr(err, "already exists"), "%s", err);
	cr_assert_eq(db_int(db, "PRAGMA user_version"), 1);
	cr_assert_eq(db_int(db, "SELECT count(*) FROM sqlite_master"), 0);
	sqlite3_close(db);
}

/* ---- files that cannot be used as they are ---- */

Test(store, a_newer_file_opens_read_only)
{
	char p[256], sql[64], want[400], err[REG_ERR_MAX] = "";
	struct store *s = open_at("new.db", 0);
	size_t nrisk = count(s, REG_RISK), len1, len2;
	char *bytes1, *bytes2;

	store_close(s);
	at(p, "new.db");
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", STORE_SCHEMA_VERSION + 1);
	raw_exec(p, sql);
	bytes1 = read_bytes(p, &len1);

	s = open_at("new.db", 0);
	cr_assert(store_readonly(s));
	snprintf(want, sizeof want,
		 "read-only: written by a newer ismsnav (schema %d; this one knows %d)",
		 STORE_SCHEMA_VERSION + 1, STORE_SCHEMA_VERSION);
	cr_assert_not_null(store_notice(s));
	cr_assert_str_eq(store_notice(s), want);
	cr_assert_eq(count(s, REG_RISK), nrisk);
	writes_refused(s, "newer ismsnav");
	snprintf(want, sizeof want, "%s is read-only: written by a newer ismsnav", p);
	REFUSED(store_delete(s, REG_RISK, "R-002", err, sizeof err), err, want);
	store_close(s);

	cr_assert_eq(raw_int(p, "PRAGMA user_version"), STORE_SCHEMA_VERSION + 1);
	bytes2 = read_bytes(p, &len2);
	cr_assert_eq(len1, len2);
	cr_assert_eq(memcmp(bytes1, bytes2, len1), 0, "the file was changed");
	free(bytes1);
	free(bytes2);
}

static void refused_untouched(const char *name, const char *bytes, size_t len, unsigned flags,
			      const char *want_suffix)
{
	char p[256], want[400], err[REG_ERR_MAX] = "", *after, *ls;
	struct store *s = (struct store *)&s;
	size_t alen;

	at(p, name);
	cr_assert_eq(store_open(&s, p, flags, err, sizeof err), -1, "opened %s", name);
	cr_assert_null(s);
	snprintf(want, sizeof want, "%s%s", p, want_suffix);
	cr_assert_str_eq(err, want);
	after = read_bytes(p, &alen);
	cr_assert_eq(alen, len, "%s changed size", name);
	cr_assert_eq(memcmp(after, bytes, len), 0, "%s was changed", name);
	free(after);
	ls = listing(root);
	cr_assert(!strstr(ls, "-wal") && !strstr(ls, "-shm") && !strstr(ls, "-journal"), "%s", ls);
	free(ls);
}

Test(store, a_file_that_is_not_sqlite_is_refused_and_untouched)
{
	char garbage[8192];

	for (size_t i = 0; i < sizeof garbage; i++)
		garbage[i] = "This is not a database, it is a shopping list. "[i % 48];
	write_file("junk.db", garbage, sizeof garbage);
	refused_untouched("junk.db", garbage, sizeof garbage, 0,
			  " is not an SQLite database; it was left untouched");
	refused_untouched("junk.db", garbage, sizeof garbage, STORE_READONLY,
			  " is not an SQLite database; it was left untouched");
	refused_untouched("junk.db", garbage, sizeof garbage, STORE_NOCREATE,
			  " is not an SQLite database; it was left untouched");
	/* shorter than an SQLite header, and binary */
	write_file("short.db", "hello\n", 6);
	refused_untouched("short.db", "hello\n", 6, 0,
			  " is not an SQLite database; it was left untouched");
	for (size_t i = 0; i < sizeof garbage; i++)
		garbage[i] = (char)(i * 7 + 3);
	write_file("bin.db", garbage, sizeof garbage);
	refused_untouched("bin.db", garbage, sizeof garbage, 0,
			  " is not an SQLite database; it was left untouched");
}

Test(store, someone_elses_sqlite_file_is_refused_and_untouched)
{
	static const char *const setups[] = {
		"CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); "
		"INSERT INTO customers (name) VALUES ('Acme')",
		/* tables named like ours, values that are not */
		"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); "
		"INSERT INTO meta VALUES ('application', NULL)",
		"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); "
		"INSERT INTO meta VALUES ('application', 'something else')",
		"CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB); "
		"INSERT INTO meta VALUES ('application', x'00')",
		"CREATE TABLE meta (k, v)",
	};

	for (size_t i = 0; i < sizeof setups / sizeof *setups; i++) {
		char name[32], p[256], *bytes;
		size_t len;

		snprintf(name, sizeof name, "other%zu.db", i);
		at(p, name);
		raw_exec(p, setups[i]);
		bytes = read_bytes(p, &len);
		refused_untouched(name, bytes, len, 0,
				  " is an SQLite database but not an ismsnav register file; it "
				  "was left untouched");
		refused_untouched(name, bytes, len, STORE_READONLY,
				  " is an SQLite database but not an ismsnav register file; it "
				  "was left untouched");
		free(bytes);
	}
}

/* A file with one row of ours, closed. */
static void make_file(const char *name, char id[32])
{
	struct store *s = open_at(name, 0);

	add_ok(s, REG_RISK, AS({"title", "Kept"}, {"likelihood", "2"}, {"impact", "2"}), id);
	store_close(s);
}

static void opens_read_only(const char *name, unsigned flags, const char *notice,
			    const char *id, size_t nrisk)
{
	char p[256], want[400], err[REG_ERR_MAX] = "";
	struct store *s = open_at(name, flags);

	at(p, name);
	cr_assert(store_readonly(s));
	cr_assert_not_null(store_notice(s));
	cr_assert_str_eq(store_notice(s), notice);
	cr_assert_eq(count(s, REG_RISK), nrisk);
	value_is(s, REG_RISK, id, "title", "Kept");
	cr_assert_eq(count(s, REG_SOA), 93);
	writes_refused(s, "read-only");
	snprintf(want, sizeof want, "%s is %s; nothing was changed", p, notice);
	REFUSED(store_set(s, REG_RISK, id, AS({"title", "Changed"}), err, sizeof err), err, want);
	cr_assert_str_eq(err, want);
	cr_assert_eq(store_check(s, err, sizeof err), 0, "%s", err);
	store_close(s);
}

Test(store, the_read_only_flag_never_writes)
{
	char p[256], id[32], *bytes, *after;
	size_t len, alen, n;
	struct store *s;

	make_file("flag.db", id);
	s = open_at("flag.db", 0);
	n = count(s, REG_RISK);
	store_close(s);
	at(p, "flag.db");
	bytes = read_bytes(p, &len);
	opens_read_only("flag.db", STORE_READONLY, "opened read-only", id, n);
	after = read_bytes(p, &alen);
	cr_assert_eq(alen, len);
	cr_assert_eq(memcmp(after, bytes, len), 0);
	free(bytes);
	free(after);
}

Test(store, a_read_only_file_opens_read_only)
{
	char p[256], id[32];
	struct store *s;
	size_t n;

	make_file("ro.db", id);
	s = open_at("ro.db", 0);
	n = count(s, REG_RISK);
	store_close(s);
	at(p, "ro.db");
	cr_assert_eq(chmod(p, 0444), 0);
	if (geteuid() == 0) /* access(2) says root may write anything */
		opens_read_only("ro.db", STORE_READONLY, "opened read-only", id, n);
	else
		opens_read_only("ro.db", 0, "read-only: the file or its folder cannot be written", id, n);
}

Test(store, a_file_in_a_read_only_folder_opens_read_only)
{
	char dir[256], id[32], *ls, *ls2;
	struct store *s;
	size_t n;

	at(dir, "locked");
	cr_assert_eq(mkdir(dir, 0700), 0);
	make_file("locked/reg.db", id);
	s = open_at("locked/reg.db", 0);
	n = count(s, REG_RISK);
	store_close(s);
	ls = listing(dir);
	cr_assert_eq(chmod(dir, 0555), 0);
	if (geteuid() == 0) {
		opens_read_only("locked/reg.db", STORE_READONLY, "opened read-only", id, n);
	} else {
		opens_read_only("locked/reg.db", 0, "read-only: the file or its folder cannot be written", id, n);
		ls2 = listing(dir);
		cr_assert_str_eq(ls2, ls, "nothing was created in the folder");
		free(ls2);
	}
	free(ls);
}

/* ---- demo reset ---- */

Test(store, demo_reset_restores_the_demo)
{
	struct store *s = open_at("demo.db", 0);
	char id[32], doc[32], err[REG_ERR_MAX] = "";
	bool differs = true;
	char *owner = value(s, REG_RISK, "R-001", "owner");
	size_t nrisk = count(s, REG_RISK), ndoc = count(s, REG_DOC);
	struct reg_table t;
	size_t nrev;

	cr_assert_eq(store_demo_differs(s, &differs, err, sizeof err), 0, "%s", err);
	cr_assert_not(differs, "a new file holds the demo data");

	setenv("SOURCE_DATE_EPOCH", DAY3, 1);
	set_ok(s, REG_RISK, "R-001", AS({"owner", "Someone else"}));
	cr_assert_eq(store_demo_differs(s, &differs, err, sizeof err), 0, "%s", err);
	cr_assert(differs);
	add_ok(s, REG_RISK, AS({"title", "Workshop risk"}, {"likelihood", "5"}, {"impact", "5"},
			       {"controls", "5.1"}),
	       id);
	add_ok(s, REG_DOC, AS({"title", "Workshop doc"}, {"type", "record"}), doc);
	set_ok(s, REG_SOA, "8.1", AS({"applicable", "no"}, {"justification", "Workshop"}));
	revisions(s, "DOC-001", &t);
	nrev = t.n;
	reg_table_free(&t);
	set_ok(s, REG_DOC, "DOC-001", AS({"version", "9.9"}, {"status", "draft"}));

	cr_assert_eq(store_demo_reset(s, err, sizeof err), 0, "%s", err);
	cr_assert_eq(store_demo_differs(s, &differs, err, sizeof err), 0, "%s", err);
	cr_assert_not(differs, "the reset left differences");
	value_is(s, REG_RISK, "R-001", "owner", owner);
	cr_assert_not(exists(s, REG_RISK, id));
	cr_assert_not(exists(s, REG_DOC, doc));
	cr_assert_eq(count(s, REG_RISK), nrisk);
	cr_assert_eq(count(s, REG_DOC), ndoc);
	cr_assert_eq(count(s, REG_SOA), 93);
	revisions(s, "DOC-001", &t);
	cr_assert_eq(t.n, nrev);
	reg_table_free(&t);
	cr_assert_eq(store_check(s, err, sizeof err), 0, "%s", err);
	store_close(s);

	/* and it lasts */
	s = open_at("demo.db", 0);
	cr_assert_eq(store_demo_differs(s, &differs, err, sizeof err), 0, "%s", err);
	cr_assert_not(differs);
	store_close(s);

	/* the throwaway demo is the demo */
	cr_assert_eq(store_open(&s, NULL, STORE_DEMO, err, sizeof err), 0, "%s", err);
	cr_assert_eq(store_demo_differs(s, &differs, err, sizeof err), 0, "%s", err);
	cr_assert_not(differs);
	store_close(s);
	free(owner);
}

/* ---- locks ---- */

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

Test(store, a_locked_database_waits_then_says_so)
{
	struct store *s = open_at("lock.db", 0);
	char p[256], id[32], err[REG_ERR_MAX] = "";
	size_t n = count(s, REG_RISK), imported = 9;
	sqlite3 *other;
	double t0;

	at(p, "lock.db");
	cr_assert_eq(sqlite3_open(p, &other), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), SQLITE_OK);

	t0 = seconds();
	REFUSED(store_add(s, REG_RISK, AS({"title", "x"}, {"likelihood", "1"}, {"impact", "1"}),
			  id, sizeof id, err, sizeof err),
		err, "locked");
	cr_assert_geq(seconds() - t0, 1.5, "gave up without waiting");
	cr_assert(strstr(err, p) == err, "the message names the file: %s", err);
	REFUSED(store_set(s, REG_RISK, "R-001", AS({"owner", "x"}), err, sizeof err), err,
		"locked");
	write_file("l.csv", "title,likelihood,impact\nx,1,1\n", 28);
	at(p, "l.csv");
	REFUSED(store_import_csv(s, REG_RISK, p, &imported, err, sizeof err), err, "locked");
	cr_assert_eq(imported, 0);
	/* reading goes on meanwhile */
	cr_assert_eq(count(s, REG_RISK), n);

	cr_assert_eq(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	add_ok(s, REG_RISK, AS({"title", "x"}, {"likelihood", "1"}, {"impact", "1"}), id);
	cr_assert_eq(count(s, REG_RISK), n + 1);
	store_close(s);
}

Test(store, a_commit_that_cannot_finish_rolls_back_and_the_store_stays_usable)
{
	/* In a rollback-journal file (someone ran `PRAGMA journal_mode = DELETE`
	 * on it) a reader blocks the COMMIT rather than the BEGIN. */
	char p[256], id[32], err[REG_ERR_MAX] = "";
	struct store *s;
	sqlite3 *other;
	size_t n;

	s = open_at("j.db", 0);
	store_close(s);
	at(p, "j.db");
	raw_exec(p, "PRAGMA journal_mode = DELETE");
	s = open_at("j.db", 0);
	n = count(s, REG_RISK);
	cr_assert_eq(sqlite3_open(p, &other), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(other, "BEGIN; SELECT count(*) FROM risk", NULL, NULL, NULL),
		     SQLITE_OK);
	REFUSED(store_add(s, REG_RISK, AS({"title", "x"}, {"likelihood", "1"}, {"impact", "1"}),
			  id, sizeof id, err, sizeof err),
		err, "locked");
	cr_assert_eq(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	cr_assert_eq(db_int(other, "SELECT count(*) FROM risk"), (long long)n,
		     "the refused change was written");
	sqlite3_close(other);
	cr_assert_eq(count(s, REG_RISK), n, "the refused change is still visible");
	add_ok(s, REG_RISK, AS({"title", "y"}, {"likelihood", "1"}, {"impact", "1"}), id);
	cr_assert_eq(count(s, REG_RISK), n + 1);
	store_close(s);
	cr_assert_eq(raw_int(p, "SELECT count(*) FROM risk"), (long long)n + 1);
}

Test(store, a_damaged_file_is_reported_and_never_repaired)
{
	char p[256], want[400], id[32], err[REG_ERR_MAX] = "";
	struct store *s = open_at("dmg.db", 0);
	long long root_page, page_size;
	char *bytes, *after;
	size_t len, alen;
	FILE *f;

	store_close(s);
	at(p, "dmg.db");
	root_page = raw_int(p, "SELECT rootpage FROM sqlite_master WHERE name = 'risk'");
	page_size = raw_int(p, "PRAGMA page_size");
	cr_assert_gt(root_page, 1);
	f = fopen(p, "r+b");
	cr_assert_not_null(f);
	cr_assert_eq(fseek(f, (long)((root_page - 1) * page_size), SEEK_SET), 0);
	for (long long i = 0; i < page_size; i++)
		fputc(0xAB, f);
	cr_assert_eq(fclose(f), 0);
	bytes = read_bytes(p, &len);

	s = open_at("dmg.db", 0);
	snprintf(want, sizeof want, "%s is damaged (", p);
	{
		struct reg_table t;

		REFUSED(store_load(s, REG_RISK, &t, err, sizeof err), err, want);
		cr_assert(strstr(err, "nothing was written"), "%s", err);
		cr_assert_eq(t.n, 0);
	}
	REFUSED(store_add(s, REG_RISK, AS({"title", "x"}, {"likelihood", "1"}, {"impact", "1"}),
			  id, sizeof id, err, sizeof err),
		err, want);
	snprintf(want, sizeof want, "%s fails the integrity check", p);
	REFUSED(store_check(s, err, sizeof err), err, want);
	/* the other registers still read */
	cr_assert_eq(count(s, REG_SOA), 93);
	store_close(s);
	after = read_bytes(p, &alen);
	cr_assert_eq(alen, len);
	cr_assert_eq(memcmp(after, bytes, len), 0, "the damaged file was changed");
	free(bytes);
	free(after);
}

Test(store, an_empty_file_is_filled_unless_read_only)
{
	char p[256], err[REG_ERR_MAX] = "";
	struct store *s = NULL;

	write_file("empty.db", "", 0);
	at(p, "empty.db");
	REFUSED(store_open(&s, p, STORE_READONLY, err, sizeof err), err, " is empty and read-only");
	cr_assert_null(s);
	s = open_at("empty.db", 0);
	cr_assert_eq(count(s, REG_SOA), 93);
	cr_assert_gt(count(s, REG_RISK), 0);
	store_close(s);
}

Test(store, import_keeps_the_timestamps_it_is_given)
{
	static const char csv[] = "title,type,version,created,updated,change_summary,changed_by\n"
				  "Old policy,policy,2.0,2019-05-01T08:00:00Z,2020-06-01T09:30:00Z,"
				  "Migrated from the wiki,Ann\n"
				  "Fresh record,record,1.0,,,,\n";
	struct store *s = open_at("ts.db", 0);
	char p[256], first[32], second[32], err[REG_ERR_MAX] = "";
	struct reg_table t;
	size_t n = 0;

	write_file("ts.csv", csv, sizeof csv - 1);
	at(p, "ts.csv");
	next_id(s, REG_DOC, 1, first);
	next_id(s, REG_DOC, 2, second);
	cr_assert_eq(store_import_csv(s, REG_DOC, p, &n, err, sizeof err), 0, "%s", err);
	cr_assert_eq(n, 2);
	value_is(s, REG_DOC, first, "created", "2019-05-01T08:00:00Z");
	value_is(s, REG_DOC, first, "updated", "2020-06-01T09:30:00Z");
	value_is(s, REG_DOC, second, "created", "2026-01-01T00:00:00Z");
	value_is(s, REG_DOC, second, "updated", "2026-01-01T00:00:00Z");
	revisions(s, first, &t);
	cr_assert_eq(t.n, 1);
	revision_is(&t, 0, "2.0", "2026-01-01", "Ann", "Migrated from the wiki");
	reg_table_free(&t);

	write_file("ts.csv", "title,type,created\nX,policy,yesterday\n", 38);
	REFUSED(store_import_csv(s, REG_DOC, p, &n, err, sizeof err), err,
		":2: created: 'yesterday' is not a UTC time");
	store_close(s);
}

Test(store, set_refuses_to_change_a_rows_id)
{
	struct store *s = open_at("ids.db", STORE_DEMO);
	char err[REG_ERR_MAX];
	struct reg_assign same[] = {{"id", "r-1"}, {"owner", "Kept"}};
	struct reg_assign other[] = {{"id", "R-002"}, {"owner", "Lost"}};

	cr_assert_eq(store_set(s, REG_RISK, "R-001", same, 2, err, sizeof err), 0, "%s", err);
	value_is(s, REG_RISK, "R-001", "owner", "Kept");
	cr_assert_eq(store_set(s, REG_RISK, "R-001", other, 2, err, sizeof err), -1);
	cr_assert(strstr(err, "cannot be changed"), "%s", err);
	value_is(s, REG_RISK, "R-001", "owner", "Kept");
	value_is(s, REG_RISK, "R-002", "id", "R-002");
	store_close(s);
}
