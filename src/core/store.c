/* The register store on SQLite: opening and creating the file, forward
 * migrations, loading registers into reg_tables and writing validated
 * changes, each in one transaction. All SQL is in the named statements
 * below with bound (named) parameters; values are checked by reg.c first
 * and by the schema's CHECK constraints again. */
#include "ismsnav/store.h"

#include <errno.h>
#include <libgen.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ismsnav/csv.h"
#include "ismsnav/util.h"

#define STORE_BUSY_MS 2000
/* A connection is only ever used by the thread that opened it: SQLite's
 * own locking of it would cost a mutex per call for nothing. */
#define STORE_OPEN_FLAGS SQLITE_OPEN_NOMUTEX

extern const char store_schema_sql[];
extern const char store_demo_sql[];

/* ---- the statements, one set per register ---- */

#define RISK_ASSETS                                                                   \
	"(SELECT group_concat(asset_id, ', ') FROM (SELECT asset_id FROM risk_asset " \
	"WHERE risk_id = r.id ORDER BY length(asset_id), asset_id))"
#define RISK_CONTROLS                                                                 \
	"(SELECT group_concat(control_id, ', ') FROM (SELECT control_id FROM "        \
	"risk_control JOIN control ON control.id = control_id WHERE risk_id = r.id "  \
	"ORDER BY control.seq))"
#define RISK_SELECT                                                                   \
	"SELECT id, title, scenario, threat, vulnerability, " RISK_ASSETS " AS assets, " \
	"owner, likelihood, impact, residual_likelihood, residual_impact, treatment, " \
	"treatment_plan, treatment_due, " RISK_CONTROLS " AS controls, status, "       \
	"accepted_by, accepted_on, accepted_until, next_review, created, updated "     \
	"FROM risk AS r"

#define DOC_SELECT                                                                    \
	"SELECT id, title, type, clause, owner, approver, version, status, "         \
	"approved_on, next_review, location, created, updated FROM document"

#define SOA_RISKS                                                                     \
	"(SELECT group_concat(risk_id, ', ') FROM (SELECT risk_id FROM risk_control " \
	"WHERE control_id = s.control ORDER BY length(risk_id), risk_id))"
#define SOA_SELECT                                                                    \
	"SELECT s.control AS control, c.theme AS theme, c.title AS title, "          \
	"s.applicable AS applicable, s.justification AS justification, "             \
	"s.implementation AS implementation, s.owner AS owner, " SOA_RISKS " AS risks, " \
	"s.evidence AS evidence, s.last_reviewed AS last_reviewed, s.updated AS updated " \
	"FROM soa AS s JOIN control AS c ON c.id = s.control"

#define ASSET_RISKS                                                                   \
	"(SELECT group_concat(risk_id, ', ') FROM (SELECT risk_id FROM risk_asset "   \
	"WHERE asset_id = a.id ORDER BY length(risk_id), risk_id))"
#define ASSET_SELECT                                                                  \
	"SELECT id, name, category, owner, classification, confidentiality, "        \
	"integrity, availability, location, " ASSET_RISKS " AS risks, created, updated " \
	"FROM asset AS a"

/* A link field: how to clear a row's links and add one (?1 the row, ?2 the
 * linked ID), and which table holds the linked IDs. */
struct link_sql {
	const char *field;
	const char *clear, *add;
	/* every (row ID, linked ID) pair, grouped by row ID */
	const char *pairs;
};

/* select_all reads a whole register, in no particular order, without its
 * link fields: those are filled from each link's pairs, one pass instead of
 * two subqueries per row, and the rows are put in ID order in C (SQLite
 * would sort whole rows to order them by length(id), id). select_one
 * reads one row with its links. */
struct reg_sql {
	const char *select_all, *select_one;
	const char *insert, *update, *remove, *max_id, *exists;
	struct link_sql links[2];
};

static const struct reg_sql sqls[REG_COUNT] = {
	[REG_RISK] = {
		"SELECT id, title, scenario, threat, vulnerability, owner, likelihood, impact, "
		"residual_likelihood, residual_impact, treatment, treatment_plan, treatment_due, "
		"status, accepted_by, accepted_on, accepted_until, next_review, created, updated "
		"FROM risk",
		RISK_SELECT " WHERE id = :id",
		"INSERT INTO risk (id, title, scenario, threat, vulnerability, owner, likelihood, "
		"impact, residual_likelihood, residual_impact, treatment, treatment_plan, "
		"treatment_due, status, accepted_by, accepted_on, accepted_until, next_review, "
		"created, updated) VALUES (:id, :title, :scenario, :threat, :vulnerability, "
		":owner, :likelihood, :impact, :residual_likelihood, :residual_impact, "
		":treatment, :treatment_plan, :treatment_due, :status, :accepted_by, "
		":accepted_on, :accepted_until, :next_review, :created, :updated)",
		"UPDATE risk SET title = :title, scenario = :scenario, threat = :threat, "
		"vulnerability = :vulnerability, owner = :owner, likelihood = :likelihood, "
		"impact = :impact, residual_likelihood = :residual_likelihood, "
		"residual_impact = :residual_impact, treatment = :treatment, "
		"treatment_plan = :treatment_plan, treatment_due = :treatment_due, "
		"status = :status, accepted_by = :accepted_by, accepted_on = :accepted_on, "
		"accepted_until = :accepted_until, next_review = :next_review, "
		"created = :created, updated = :updated WHERE id = :id",
		"DELETE FROM risk WHERE id = :id",
		"SELECT max(CAST(substr(id, 3) AS INTEGER)) FROM risk",
		"SELECT 1 FROM risk WHERE id = ?1",
		{{"assets", "DELETE FROM risk_asset WHERE risk_id = ?1",
		  "INSERT INTO risk_asset (risk_id, asset_id) VALUES (?1, ?2)",
		  "SELECT risk_id, asset_id FROM risk_asset ORDER BY risk_id"},
		 {"controls", "DELETE FROM risk_control WHERE risk_id = ?1",
		  "INSERT INTO risk_control (risk_id, control_id) VALUES (?1, ?2)",
		  "SELECT risk_id, control_id FROM risk_control ORDER BY risk_id"}},
	},
	[REG_DOC] = {
		DOC_SELECT,
		DOC_SELECT " WHERE id = :id",
		"INSERT INTO document (id, title, type, clause, owner, approver, version, status, "
		"approved_on, next_review, location, created, updated) VALUES (:id, :title, "
		":type, :clause, :owner, :approver, :version, :status, :approved_on, "
		":next_review, :location, :created, :updated)",
		"UPDATE document SET title = :title, type = :type, clause = :clause, "
		"owner = :owner, approver = :approver, version = :version, status = :status, "
		"approved_on = :approved_on, next_review = :next_review, location = :location, "
		"created = :created, updated = :updated WHERE id = :id",
		"DELETE FROM document WHERE id = :id",
		"SELECT max(CAST(substr(id, 5) AS INTEGER)) FROM document",
		"SELECT 1 FROM document WHERE id = ?1",
		{{NULL, NULL, NULL, NULL}, {NULL, NULL, NULL, NULL}},
	},
	[REG_SOA] = {
		"SELECT s.control AS control, c.theme AS theme, c.title AS title, "
		"s.applicable AS applicable, s.justification AS justification, "
		"s.implementation AS implementation, s.owner AS owner, s.evidence AS evidence, "
		"s.last_reviewed AS last_reviewed, s.updated AS updated "
		"FROM soa AS s JOIN control AS c ON c.id = s.control ORDER BY c.seq",
		SOA_SELECT " WHERE s.control = :control",
		NULL,
		"UPDATE soa SET applicable = :applicable, justification = :justification, "
		"implementation = :implementation, owner = :owner, evidence = :evidence, "
		"last_reviewed = :last_reviewed, updated = :updated WHERE control = :control",
		NULL,
		NULL,
		"SELECT 1 FROM soa WHERE control = ?1",
		{{"risks", "DELETE FROM risk_control WHERE control_id = ?1",
		  "INSERT INTO risk_control (control_id, risk_id) VALUES (?1, ?2)",
		  "SELECT control_id, risk_id FROM risk_control ORDER BY control_id"},
		 {NULL, NULL, NULL, NULL}},
	},
	[REG_ASSET] = {
		"SELECT id, name, category, owner, classification, confidentiality, integrity, "
		"availability, location, created, updated FROM asset",
		ASSET_SELECT " WHERE id = :id",
		"INSERT INTO asset (id, name, category, owner, classification, confidentiality, "
		"integrity, availability, location, created, updated) VALUES (:id, :name, "
		":category, :owner, :classification, :confidentiality, :integrity, "
		":availability, :location, :created, :updated)",
		"UPDATE asset SET name = :name, category = :category, owner = :owner, "
		"classification = :classification, confidentiality = :confidentiality, "
		"integrity = :integrity, availability = :availability, location = :location, "
		"created = :created, updated = :updated WHERE id = :id",
		"DELETE FROM asset WHERE id = :id",
		"SELECT max(CAST(substr(id, 3) AS INTEGER)) FROM asset",
		"SELECT 1 FROM asset WHERE id = ?1",
		{{"risks", "DELETE FROM risk_asset WHERE asset_id = ?1",
		  "INSERT INTO risk_asset (asset_id, risk_id) VALUES (?1, ?2)",
		  "SELECT asset_id, risk_id FROM risk_asset ORDER BY asset_id"},
		 {NULL, NULL, NULL, NULL}},
	},
};

static const char sql_revision_add[] =
	"INSERT INTO document_revision (doc_id, seq, version, date, author, summary) "
	"VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM document_revision "
	"WHERE doc_id = ?1), ?2, ?3, ?4, ?5)";
static const char sql_revisions[] =
	"SELECT version, date, author, summary FROM document_revision "
	"WHERE doc_id = ?1 ORDER BY seq";
static const char sql_is_ours[] = "SELECT value FROM meta WHERE key = 'application'";
static const char sql_count_tables[] = "SELECT count(*) FROM sqlite_master";

/* Emptied (the SoA reset to its defaults) before the demo data goes in;
 * children before parents. */
static const char sql_clear[] =
	"DELETE FROM risk_control; DELETE FROM risk_asset; DELETE FROM document_revision;"
	"DELETE FROM document; DELETE FROM risk; DELETE FROM asset;"
	"UPDATE soa SET applicable = 'yes', justification = '', "
	"implementation = 'not_started', owner = '', evidence = '', last_reviewed = '', "
	"updated = '';";

/* The content compared with the demo data by `demo reset`. */
static const char *const sql_dump[] = {
	"SELECT * FROM asset ORDER BY id",
	"SELECT * FROM risk ORDER BY id",
	"SELECT * FROM risk_asset ORDER BY 1, 2",
	"SELECT * FROM risk_control ORDER BY 1, 2",
	"SELECT * FROM document ORDER BY id",
	"SELECT * FROM document_revision ORDER BY 1, 2",
	"SELECT * FROM soa ORDER BY control",
};

const struct reg_def store_revision_def = {
	REG_DOC, "revisions", "Revision history", "document_revision", NULL,
	(const struct reg_field[]){
		{.name = "version", .label = "Version", .head = "Ver", .type = FT_TEXT, .width = 6},
		{.name = "date", .label = "Date", .head = "Date", .type = FT_DATE, .width = 10},
		{.name = "author", .label = "Author", .head = "Author", .type = FT_TEXT, .width = 16},
		{.name = "summary", .label = "Summary", .head = "Summary", .type = FT_TEXT, .width = 30},
	},
	4, true};

/* The built-in forward migrations: migrations[v - 1] turns schema v into
 * v + 1. Version 1 is assets/schema.sql itself. */
static const char *const migrations[] = {NULL};
#define NMIGRATIONS 0

struct store {
	sqlite3 *db;
	char *path;
	bool readonly;
	char notice[256];
};

/* ---- errors ---- */

/* Turns an SQLite failure into a sentence a user can act on. */
static int fail(struct store *s, int rc, char *err, size_t errlen)
{
	const char *p = s->path;

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		isn_errf(err, errlen, "%s is locked by another process (waited %d s); close it there "
				 "and try again", p, STORE_BUSY_MS / 1000);
		break;
	case SQLITE_NOTADB:
		isn_errf(err, errlen, "%s is not an SQLite database; it was left untouched", p);
		break;
	case SQLITE_CORRUPT:
		isn_errf(err, errlen, "%s is damaged (%s); nothing was written. Check it with "
				 "sqlite3 '%s' 'PRAGMA integrity_check' and restore a backup",
		    p, sqlite3_errmsg(s->db), p);
		break;
	case SQLITE_READONLY:
		isn_errf(err, errlen, "%s cannot be written (read-only); nothing was changed", p);
		break;
	case SQLITE_FULL:
		isn_errf(err, errlen, "the disk holding %s is full; nothing was changed", p);
		break;
	case SQLITE_CANTOPEN:
		isn_errf(err, errlen, "cannot open %s: %s", p, sqlite3_errmsg(s->db));
		break;
	default:
		isn_errf(err, errlen, "%s: %s", p, sqlite3_errmsg(s->db));
		break;
	}
	return -1;
}

static int exec(struct store *s, const char *sql, char *err, size_t errlen)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : fail(s, rc, err, errlen);
}

static int prepare(struct store *s, const char *sql, sqlite3_stmt **st, char *err,
		   size_t errlen)
{
	int rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);

	return rc == SQLITE_OK ? 0 : fail(s, rc, err, errlen);
}

/* ---- opening ---- */

char *store_default_path(void)
{
	const char *env = getenv("ISMSNAV_DB"), *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (env && *env)
		return isn_strdup(env);
	if (xdg && *xdg == '/')
		return isn_asprintf("%s/ismsnav/registers.db", xdg);
	if (home && *home)
		return isn_asprintf("%s/.local/share/ismsnav/registers.db", home);
	return isn_strdup("registers.db");
}

static int query_int(struct store *s, const char *sql, long long *v, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	int rc;

	if (prepare(s, sql, &st, err, errlen) < 0)
		return -1;
	rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail(s, rc, err, errlen);
}

static int fill_new(struct store *s, char *err, size_t errlen)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", STORE_SCHEMA_VERSION);
	if (exec(s, "BEGIN IMMEDIATE", err, errlen) < 0)
		return -1;
	if (exec(s, store_schema_sql, err, errlen) < 0 || exec(s, store_demo_sql, err, errlen) < 0 ||
	    exec(s, sql, err, errlen) < 0 || exec(s, "COMMIT", err, errlen) < 0) {
		if (!sqlite3_get_autocommit(s->db))
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

int store_migrate(void *db, const char *const *steps, int nsteps, char *err, size_t errlen)
{
	struct store tmp = {.db = db, .path = "the database"};
	long long v;

	if (query_int(&tmp, "PRAGMA user_version", &v, err, errlen) < 0)
		return -1;
	for (; v >= 1 && v <= nsteps; v++) {
		char sql[64];

		snprintf(sql, sizeof(sql), "PRAGMA user_version = %lld", v + 1);
		if (exec(&tmp, "BEGIN IMMEDIATE", err, errlen) < 0)
			return -1;
		if (exec(&tmp, steps[v - 1], err, errlen) < 0 || exec(&tmp, sql, err, errlen) < 0 ||
		    exec(&tmp, "COMMIT", err, errlen) < 0) {
			if (!sqlite3_get_autocommit(db))
				sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	return 0;
}

static bool writable(const char *path)
{
	char *copy = isn_strdup(path);
	bool ok = copy && access(path, W_OK) == 0 && access(dirname(copy), W_OK) == 0;

	free(copy);
	return ok;
}

/* Opens a file read-only. SQLite needs to create the -shm file of a WAL
 * database even to read it; in a read-only folder the file is opened as
 * immutable instead (nobody else can be writing to it there). */
static int open_readonly(struct store *s, char *err, size_t errlen)
{
	struct isn_buf uri = {0};
	long long n;
	int rc;

	rc = sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READONLY | STORE_OPEN_FLAGS, NULL);
	if (rc == SQLITE_OK && query_int(s, sql_count_tables, &n, NULL, 0) == 0)
		return 0;
	sqlite3_close(s->db);
	s->db = NULL;
	if (isn_buf_adds(&uri, "file:") < 0)
		return -1;
	for (const char *p = s->path; *p; p++)
		if ((*p == '%' || *p == '?' || *p == '#' ? isn_buf_printf(&uri, "%%%02X", *p)
							  : isn_buf_addc(&uri, *p)) < 0)
			goto nomem;
	if (isn_buf_adds(&uri, "?immutable=1") < 0)
		goto nomem;
	rc = sqlite3_open_v2(uri.data, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | STORE_OPEN_FLAGS,
			     NULL);
	isn_buf_free(&uri);
	return rc == SQLITE_OK ? 0 : fail(s, rc, err, errlen);
nomem:
	isn_buf_free(&uri);
	isn_errf(err, errlen, "out of memory");
	return -1;
}

static int open_file(struct store *s, unsigned flags, char *err, size_t errlen)
{
	struct stat st;
	bool exists = stat(s->path, &st) == 0;
	int rc;

	if (exists && S_ISDIR(st.st_mode)) {
		isn_errf(err, errlen, "%s is a folder, not a database file", s->path);
		return -1;
	}
	if (!exists && (flags & (STORE_NOCREATE | STORE_READONLY))) {
		isn_errf(err, errlen, "%s does not exist", s->path);
		return -1;
	}
	if (!exists) {
		char *copy = isn_strdup(s->path);

		if (!copy || isn_mkdir_p(dirname(copy)) < 0) {
			isn_errf(err, errlen, "cannot create the folder for %s: %s", s->path,
			    strerror(errno));
			free(copy);
			return -1;
		}
		free(copy);
	}
	if ((flags & STORE_READONLY) || (exists && !writable(s->path))) {
		s->readonly = true;
		snprintf(s->notice, sizeof(s->notice), "%s",
			 flags & STORE_READONLY ? "opened read-only"
						: "read-only: the file or its folder cannot be written");
		return open_readonly(s, err, errlen);
	}
	rc = sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | STORE_OPEN_FLAGS,
			     NULL);
	return rc == SQLITE_OK ? 0 : fail(s, rc, err, errlen);
}

/* Decides what the opened file is: new (fill it), ours (migrate it if
 * older, keep off it if newer), or something else (refuse). */
static int adopt(struct store *s, char *err, size_t errlen)
{
	long long ntables, version;
	sqlite3_stmt *st;
	bool ours = false;

	if (query_int(s, sql_count_tables, &ntables, err, errlen) < 0)
		return -1;
	if (ntables == 0) {
		if (s->readonly) {
			isn_errf(err, errlen, "%s is empty and read-only", s->path);
			return -1;
		}
		if (strcmp(s->path, ":memory:") != 0 &&
		    exec(s, "PRAGMA journal_mode = WAL", err, errlen) < 0)
			return -1;
		return fill_new(s, err, errlen);
	}
	if (sqlite3_prepare_v2(s->db, sql_is_ours, -1, &st, NULL) == SQLITE_OK) {
		const unsigned char *app = sqlite3_step(st) == SQLITE_ROW
						   ? sqlite3_column_text(st, 0) : NULL;

		/* someone else's meta table may hold a NULL there */
		ours = app && !strcmp((const char *)app, "ismsnav registers");
		sqlite3_finalize(st);
	}
	if (!ours) {
		isn_errf(err, errlen, "%s is an SQLite database but not an ismsnav register file; "
				 "it was left untouched", s->path);
		return -1;
	}
	if (query_int(s, "PRAGMA user_version", &version, err, errlen) < 0)
		return -1;
	if (version > STORE_SCHEMA_VERSION) {
		s->readonly = true;
		snprintf(s->notice, sizeof(s->notice),
			 "read-only: written by a newer ismsnav (schema %lld; this one knows %d)",
			 version, STORE_SCHEMA_VERSION);
	} else if (version < STORE_SCHEMA_VERSION && s->readonly) {
		snprintf(s->notice, sizeof(s->notice),
			 "read-only: an older format (schema %lld), upgraded when next opened "
			 "writable", version);
	} else if (version < STORE_SCHEMA_VERSION &&
		   store_migrate(s->db, migrations, NMIGRATIONS, err, errlen) < 0) {
		return -1;
	}
	return 0;
}

int store_open(struct store **out, const char *path, unsigned flags, char *err, size_t errlen)
{
	struct store *s = calloc(1, sizeof(*s));

	*out = NULL;
	if (!s || !(s->path = isn_strdup(flags & STORE_DEMO ? ":memory:" : path))) {
		free(s);
		isn_errf(err, errlen, "out of memory");
		return -1;
	}
	if (flags & STORE_DEMO) {
		if (sqlite3_open_v2(":memory:", &s->db, SQLITE_OPEN_READWRITE | STORE_OPEN_FLAGS, NULL) != SQLITE_OK) {
			fail(s, SQLITE_CANTOPEN, err, errlen);
			goto bad;
		}
	} else if (open_file(s, flags, err, errlen) < 0) {
		goto bad;
	}
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	sqlite3_extended_result_codes(s->db, 1);
	if (exec(s, "PRAGMA foreign_keys = ON", err, errlen) < 0 || adopt(s, err, errlen) < 0)
		goto bad;
	if (!s->readonly && exec(s, "PRAGMA synchronous = FULL", err, errlen) < 0)
		goto bad;
	*out = s;
	return 0;
bad:
	store_close(s);
	return -1;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

const char *store_path(const struct store *s) { return s->path; }
bool store_readonly(const struct store *s) { return s->readonly; }
const char *store_notice(const struct store *s) { return s->notice[0] ? s->notice : NULL; }

/* ---- reading ---- */

static int stored(const struct reg_field *f)
{
	return !(f->flags & (RF_DERIVED | RF_PSEUDO));
}

/* Which result column holds each stored field (-1 for none), found once
 * per statement rather than once per row. */
static void column_map(const struct reg_def *d, sqlite3_stmt *st, int *map)
{
	int ncol = sqlite3_column_count(st);

	for (size_t i = 0; i < d->nfields; i++) {
		map[i] = -1;
		if (stored(&d->fields[i]))
			for (int c = 0; c < ncol; c++)
				if (!strcmp(sqlite3_column_name(st, c), d->fields[i].name)) {
					map[i] = c;
					break;
				}
	}
}

/* Reads the current row of st into a new cells array (derived cells filled). */
static char **row_cells(const struct reg_def *d, sqlite3_stmt *st, const int *map)
{
	char **cells = calloc(d->nfields, sizeof(*cells));

	if (!cells)
		return NULL;
	for (size_t i = 0; i < d->nfields; i++) {
		const unsigned char *v = map[i] < 0 ? NULL : sqlite3_column_text(st, map[i]);
		size_t n = v ? (size_t)sqlite3_column_bytes(st, map[i]) : 0;

		if (!(cells[i] = malloc(n + 1)))
			goto nomem;
		if (n)
			memcpy(cells[i], v, n);
		cells[i][n] = '\0';
	}
	if (reg_derive(d, cells) == 0)
		return cells;
nomem:
	reg_row_free(d, cells);
	return NULL;
}

/* Reads the current row of st into out's arena: the cells array and every
 * string in one place, derived cells included. */
static char **row_packed(const struct reg_def *d, sqlite3_stmt *st, const int *map,
			 struct isn_arena *arena)
{
	char **cells = isn_arena_alloc(arena, d->nfields * sizeof(*cells)), buf[16];

	if (!cells)
		return NULL;
	for (size_t i = 0; i < d->nfields; i++) {
		const unsigned char *v = NULL;
		char num[24];
		size_t n = 0;

		if (map[i] >= 0 && sqlite3_column_type(st, map[i]) == SQLITE_INTEGER) {
			/* ratings: formatted here, not converted (and kept) by SQLite */
			n = (size_t)snprintf(num, sizeof num, "%lld", sqlite3_column_int64(st, map[i]));
			v = (const unsigned char *)num;
		} else if (map[i] >= 0 && (v = sqlite3_column_text(st, map[i]))) {
			n = (size_t)sqlite3_column_bytes(st, map[i]);
		}
		if (!(cells[i] = isn_arena_strndup(arena, v ? (const char *)v : "", n)))
			return NULL;
	}
	for (size_t i = 0; i < d->nfields; i++)
		if (reg_derived_text(d, cells, i, buf) &&
		    !(cells[i] = isn_arena_strndup(arena, buf, strlen(buf))))
			return NULL;
	return cells;
}

/* Appends every row st yields to out (whose strings go to its arena);
 * returns the last sqlite3_step code (SQLITE_DONE when all went well). */
static int read_rows(const struct reg_def *d, sqlite3_stmt *st, struct reg_table *out)
{
	int map[REG_FIELDS_MAX], rc;

	if (!out->arena && !(out->arena = calloc(1, sizeof(*out->arena))))
		return SQLITE_NOMEM;
	column_map(d, st, map);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char **cells = row_packed(d, st, map, out->arena);

		if (!cells || reg_table_push(out, cells) < 0)
			return SQLITE_NOMEM;
	}
	return rc;
}

/* The row with ID `id` of a table in ID order, or -1. */
static long find_row(const struct reg_table *t, const char *id)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = reg_id_cmp(t->rows[mid].cell[0], id);

		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int cmp_ids(const void *a, const void *b)
{
	return reg_id_cmp(*(char *const *)a, *(char *const *)b);
}

/* Puts the linked IDs gathered for one row into its link cell, in order. */
static int flush_links(struct reg_table *t, int f, const char *key, struct isn_strlist *ids)
{
	long r = find_row(t, key);
	struct isn_buf b = {0};
	int rc = 0;

	if (r >= 0 && ids->n) {
		qsort(ids->v, ids->n, sizeof(*ids->v), cmp_ids);
		for (size_t i = 0; i < ids->n && rc == 0; i++)
			if ((i && isn_buf_add(&b, ", ", 2) < 0) || isn_buf_adds(&b, ids->v[i]) < 0)
				rc = -1;
		if (rc == 0 && !(t->rows[r].cell[f] = isn_arena_strndup(t->arena, b.data, b.len)))
			rc = -1;
	}
	isn_buf_free(&b);
	isn_strlist_free(ids);
	return rc;
}

/* Fills one link field of every row from the link's pairs, which come
 * grouped by row. */
static int load_links(struct store *s, struct reg_table *t, const struct link_sql *ls)
{
	int f = reg_field_index(t->def, ls->field), rc;
	struct isn_strlist ids = {0};
	char *key = NULL;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(s->db, ls->pairs, -1, &st, NULL) != SQLITE_OK)
		return sqlite3_errcode(s->db);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);
		const char *id = (const char *)sqlite3_column_text(st, 1);

		if (!k || !id)
			continue;
		if (key && strcmp(key, k)) {
			if (flush_links(t, f, key, &ids) < 0) {
				rc = SQLITE_NOMEM;
				break;
			}
			free(key);
			key = NULL;
		}
		if ((!key && !(key = isn_strdup(k))) || isn_strlist_push(&ids, id) < 0) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	if (rc == SQLITE_DONE && key && flush_links(t, f, key, &ids) < 0)
		rc = SQLITE_NOMEM;
	free(key);
	isn_strlist_free(&ids);
	sqlite3_finalize(st);
	return rc;
}

/* Reorders the rows by ID, naturally (R-9 before R-10). */
static int order_rows(struct reg_table *t)
{
	size_t *idx = malloc((t->n ? t->n : 1) * sizeof(*idx));
	struct reg_row *rows = malloc((t->n ? t->n : 1) * sizeof(*rows));

	if (!idx || !rows) {
		free(idx);
		free(rows);
		return -1;
	}
	for (size_t i = 0; i < t->n; i++)
		idx[i] = i;
	reg_sort(t, idx, t->n, 0, false);
	for (size_t i = 0; i < t->n; i++)
		rows[i] = t->rows[idx[i]];
	memcpy(t->rows, rows, t->n * sizeof(*rows));
	free(idx);
	free(rows);
	return 0;
}

int store_load(struct store *s, enum reg_kind k, struct reg_table *out, char *err,
	       size_t errlen)
{
	const struct reg_def *d = reg_def(k);
	sqlite3_stmt *st;
	int rc;

	*out = (struct reg_table){.def = d};
	if (prepare(s, sqls[k].select_all, &st, err, errlen) < 0)
		return -1;
	rc = read_rows(d, st, out);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE && order_rows(out) < 0)
		rc = SQLITE_NOMEM;
	for (size_t l = 0; rc == SQLITE_DONE && l < 2 && sqls[k].links[l].field; l++)
		rc = load_links(s, out, &sqls[k].links[l]);
	if (rc != SQLITE_DONE) {
		reg_table_free(out);
		return fail(s, rc, err, errlen);
	}
	return 0;
}

int store_get(struct store *s, enum reg_kind k, const char *id, char ***cells, char *err,
	      size_t errlen)
{
	sqlite3_stmt *st;
	int rc;

	*cells = NULL;
	if (prepare(s, sqls[k].select_one, &st, err, errlen) < 0)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	int map[REG_FIELDS_MAX];

	rc = sqlite3_step(st);
	column_map(reg_def(k), st, map);
	if (rc == SQLITE_ROW && !(*cells = row_cells(reg_def(k), st, map)))
		rc = SQLITE_NOMEM;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fail(s, rc, err, errlen);
	return 0;
}

int store_revisions(struct store *s, const char *doc_id, struct reg_table *out, char *err,
		    size_t errlen)
{
	const struct reg_def *d = &store_revision_def;
	sqlite3_stmt *st;
	int rc;

	*out = (struct reg_table){.def = d};
	if (prepare(s, sql_revisions, &st, err, errlen) < 0)
		return -1;
	sqlite3_bind_text(st, 1, doc_id, -1, SQLITE_STATIC);
	rc = read_rows(d, st, out);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		reg_table_free(out);
		return fail(s, rc, err, errlen);
	}
	return 0;
}

/* Follows the link field of `from` that points at `to`: the link tables
 * hold both directions, and the loaded link cell lists them in order. */
int store_links(struct store *s, enum reg_kind from, const char *id, enum reg_kind to,
		struct reg_table *out, char *err, size_t errlen)
{
	const struct reg_def *d = reg_def(from), *t = reg_def(to);
	char key[32], **cells = NULL;
	const char *v;
	int f = -1, rc = 0;

	*out = (struct reg_table){.def = t};
	for (size_t i = 0; d && t && i < d->nfields; i++)
		if (d->fields[i].type == FT_LINKS && d->fields[i].target == to)
			f = (int)i;
	if (f < 0) {
		isn_errf(err, errlen, "%s rows have no links to %s", d ? d->name : "?",
		    t ? t->name : "?");
		return -1;
	}
	if (reg_parse_id(d, id, key, sizeof(key)) < 0) {
		isn_errf(err, errlen, "'%.40s' is not an ID of %s", id, d->name);
		return -1;
	}
	if (store_get(s, from, key, &cells, err, errlen) < 0)
		return -1;
	if (!cells) {
		isn_errf(err, errlen, "%s has no row %s", d->name, key);
		return -1;
	}
	for (v = cells[f]; rc == 0 && *v;) {
		size_t n = strcspn(v, ",");
		char **row = NULL;

		snprintf(key, sizeof(key), "%.*s", (int)n, v);
		rc = store_get(s, to, key, &row, err, errlen);
		if (rc == 0 && row && reg_table_push(out, row) < 0) {
			reg_row_free(t, row);
			isn_errf(err, errlen, "out of memory");
			rc = -1;
		}
		v += n;
		while (*v == ',' || *v == ' ')
			v++;
	}
	reg_row_free(d, cells);
	if (rc < 0)
		reg_table_free(out);
	return rc;
}

/* ---- writing ---- */

static int refuse_readonly(struct store *s, char *err, size_t errlen)
{
	if (!s->readonly)
		return 0;
	isn_errf(err, errlen, "%s is %s; nothing was changed", s->path,
		 s->notice[0] ? s->notice : "read-only");
	return -1;
}

static int begin(struct store *s, char *err, size_t errlen)
{
	if (refuse_readonly(s, err, errlen) < 0)
		return -1;
	return exec(s, "BEGIN IMMEDIATE", err, errlen);
}

static int end(struct store *s, int rc, char *err, size_t errlen)
{
	if (rc == 0 && exec(s, "COMMIT", err, errlen) == 0)
		return 0;
	/* A COMMIT that failed (busy, disk full) can leave the transaction
	 * open, holding its locks and blocking every later change. */
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

static int step_done(struct store *s, sqlite3_stmt *st, char *err, size_t errlen)
{
	int rc = sqlite3_step(st);

	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 0;
	if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		isn_errf(err, errlen, "the change breaks a rule of the register file (%s); nothing "
				 "was changed", sqlite3_errmsg(s->db));
		return -1;
	}
	return fail(s, rc, err, errlen);
}

static int next_id(struct store *s, const struct reg_def *d, char *out, size_t outlen,
		   char *err, size_t errlen)
{
	long long max;

	if (query_int(s, sqls[d->kind].max_id, &max, err, errlen) < 0)
		return -1;
	if (max >= REG_ID_MAX) {
		isn_errf(err, errlen, "%s already has a row %s%d, the highest ID there is; give "
				 "the new row a free ID with id=", d->name, d->id_prefix, REG_ID_MAX);
		return -1;
	}
	snprintf(out, outlen, "%s%03lld", d->id_prefix, max + 1);
	return 0;
}

static int row_exists(struct store *s, enum reg_kind k, const char *id, bool *yes,
		      char *err, size_t errlen)
{
	sqlite3_stmt *st;
	int rc;

	if (prepare(s, sqls[k].exists, &st, err, errlen) < 0)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	*yes = rc == SQLITE_ROW;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail(s, rc, err, errlen);
}

/* Every ID in a link field must name an existing row. */
static int check_links(struct store *s, const struct reg_field *f, const char *v, char *err,
		       size_t errlen)
{
	char id[32];

	while (*v) {
		size_t n = strcspn(v, ",");
		bool yes;

		snprintf(id, sizeof(id), "%.*s", (int)n, v);
		if (row_exists(s, f->target, id, &yes, err, errlen) < 0)
			return -1;
		if (!yes) {
			isn_errf(err, errlen, "%s: there is no %s %s", f->name,
			    f->target == REG_RISK ? "risk" : f->target == REG_ASSET ? "asset"
										 : "control",
			    id);
			return -1;
		}
		v += n;
		while (*v == ',' || *v == ' ')
			v++;
	}
	return 0;
}

static int bind_row(sqlite3_stmt *st, const struct reg_def *d, char *const *cells)
{
	char name[64];

	for (size_t i = 0; i < d->nfields; i++) {
		const struct reg_field *f = &d->fields[i];
		int p;

		snprintf(name, sizeof(name), ":%s", f->name);
		if (!stored(f) || !(p = sqlite3_bind_parameter_index(st, name)))
			continue;
		if (f->type == FT_RATING)
			cells[i][0] ? sqlite3_bind_int(st, p, atoi(cells[i])) : sqlite3_bind_null(st, p);
		else
			sqlite3_bind_text(st, p, cells[i], -1, SQLITE_STATIC);
	}
	return 0;
}

static int write_links(struct store *s, const struct reg_def *d, char *const *cells,
		       char *const *old, char *err, size_t errlen)
{
	const struct reg_sql *q = &sqls[d->kind];

	for (size_t l = 0; l < 2 && q->links[l].field; l++) {
		int f = reg_field_index(d, q->links[l].field);
		const char *v = cells[f];
		sqlite3_stmt *st;

		if (old && !strcmp(old[f], v))
			continue;
		if (check_links(s, &d->fields[f], v, err, errlen) < 0 ||
		    prepare(s, q->links[l].clear, &st, err, errlen) < 0)
			return -1;
		sqlite3_bind_text(st, 1, cells[0], -1, SQLITE_STATIC);
		if (step_done(s, st, err, errlen) < 0)
			return -1;
		while (*v) {
			size_t n = strcspn(v, ",");

			if (prepare(s, q->links[l].add, &st, err, errlen) < 0)
				return -1;
			sqlite3_bind_text(st, 1, cells[0], -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, v, (int)n, SQLITE_STATIC);
			if (step_done(s, st, err, errlen) < 0)
				return -1;
			v += n;
			while (*v == ',' || *v == ' ')
				v++;
		}
	}
	return 0;
}

static int add_revision(struct store *s, char *const *cells, const char *author,
			const char *summary, char *err, size_t errlen)
{
	const struct reg_def *d = reg_def(REG_DOC);
	sqlite3_stmt *st;
	char today[11];

	reg_today(today);
	if (prepare(s, sql_revision_add, &st, err, errlen) < 0)
		return -1;
	sqlite3_bind_text(st, 1, cells[0], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, cells[reg_field_index(d, "version")], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, today, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, author, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, summary, -1, SQLITE_STATIC);
	return step_done(s, st, err, errlen);
}

/* What an add, set or imported row brings besides the cells. */
struct change {
	const char *summary, *author; /* a document's pseudo-fields */
	bool keep_auto;               /* import: timestamps given are kept */
	bool auto_given[2];           /* created, updated were given */
};

static char **copy_cells(const struct reg_def *d, char *const *from)
{
	char **c = calloc(d->nfields, sizeof(*c));

	for (size_t i = 0; c && i < d->nfields; i++)
		if (!(c[i] = isn_strdup(from ? from[i] : ""))) {
			reg_row_free(d, c);
			return NULL;
		}
	return c;
}

static int set_cell(const struct reg_def *d, char **cells, const char *name, const char *v)
{
	int i = reg_field_index(d, name);
	char *copy;

	if (i < 0)
		return 0;
	if (!(copy = isn_strdup(v)))
		return -1;
	free(cells[i]);
	cells[i] = copy;
	return 0;
}

/* Applies assignments to cells; pseudo-field values go to ch. */
static int assign(const struct reg_def *d, char **cells, const struct reg_assign *as, size_t n,
		  bool adding, struct change *ch, char **pseudo, char *err, size_t errlen)
{
	for (size_t a = 0; a < n; a++) {
		int i = reg_field_index(d, as[a].field);
		const struct reg_field *f;
		char *v;

		if (i < 0) {
			struct isn_buf names = {0};

			for (size_t k = 0; k < d->nfields; k++)
				if (!(d->fields[k].flags & (RF_DERIVED | RF_FIXED | RF_AUTO)))
					isn_buf_printf(&names, "%s%s", names.len ? ", " : "",
						       d->fields[k].name);
			isn_errf(err, errlen, "%s has no field '%.40s'; its fields are: %s", d->name,
			    as[a].field, names.data ? names.data : "");
			isn_buf_free(&names);
			return -1;
		}
		f = &d->fields[i];
		if (f->flags & (RF_DERIVED | RF_FIXED)) {
			if (ch->keep_auto) /* import reads back whole exports: skip these */
				continue;
			isn_errf(err, errlen, "%s %s; it cannot be set", f->name,
			    f->flags & RF_FIXED ? "comes from the standard"
						: "is derived from other fields");
			return -1;
		}
		if ((f->flags & RF_AUTO) && !ch->keep_auto) {
			isn_errf(err, errlen, "%s is kept by ismsnav; it cannot be set", f->name);
			return -1;
		}
		if (f->type == FT_ID && !adding) {
			char key[32];

			if (!as[a].value[0] || (reg_parse_id(d, as[a].value, key, sizeof key) == 0 &&
						!strcmp(key, cells[i])))
				continue; /* the row's own key, as the caller gave it */
			isn_errf(err, errlen, "%s: the ID of %s cannot be changed", f->name, cells[i]);
			return -1;
		}
		if (reg_parse_value(d, f, as[a].value, &v, err, errlen) < 0)
			return -1;
		if (f->flags & RF_PSEUDO) {
			free(pseudo[i]);
			pseudo[i] = v;
			continue;
		}
		if (f->flags & RF_AUTO)
			ch->auto_given[strcmp(f->name, "created") == 0 ? 0 : 1] = v[0] != '\0';
		free(cells[i]);
		cells[i] = v;
	}
	return 0;
}

static bool same_row(const struct reg_def *d, char *const *a, char *const *b)
{
	for (size_t i = 0; i < d->nfields; i++)
		if (!(d->fields[i].flags & (RF_AUTO | RF_DERIVED | RF_PSEUDO)) && strcmp(a[i], b[i]))
			return false;
	return true;
}

/* Writes one row (old == NULL: a new one) inside the caller's transaction. */
static int put_row(struct store *s, const struct reg_def *d, char **cells, char *const *old,
		   struct change *ch, char *err, size_t errlen)
{
	const struct reg_sql *q = &sqls[d->kind];
	int ver = reg_field_index(d, "version"), st_i = reg_field_index(d, "status");
	int ci = reg_field_index(d, "created");
	char now[21];
	sqlite3_stmt *st;

	if (old && same_row(d, cells, old))
		return 0;
	/* A refused transition first: telling someone to add an approver
	 * for a move that stays refused would send them the wrong way. */
	/* an imported row states where a document is, not a step it takes */
	if (d->kind == REG_DOC && old && !ch->keep_auto &&
	    reg_doc_transition(old[st_i], cells[st_i], err, errlen) < 0)
		return -1;
	if (reg_derive(d, cells) < 0 || reg_check_row(d, cells, err, errlen) < 0)
		return -1;
	reg_now(now);
	if (ci >= 0 && !ch->auto_given[0] && set_cell(d, cells, "created", old ? old[ci] : now) < 0)
		return -1;
	if (ci >= 0 && !cells[ci][0] && set_cell(d, cells, "created", now) < 0)
		return -1;
	if (!ch->auto_given[1] && set_cell(d, cells, "updated", now) < 0)
		return -1;
	if (prepare(s, old ? q->update : q->insert, &st, err, errlen) < 0)
		return -1;
	bind_row(st, d, cells);
	if (step_done(s, st, err, errlen) < 0 || write_links(s, d, cells, old, err, errlen) < 0)
		return -1;
	if (d->kind == REG_DOC && (!old || strcmp(old[ver], cells[ver]))) {
		const char *author = ch->author && *ch->author ? ch->author
				     : cells[reg_field_index(d, "owner")];
		const char *summary = ch->summary && *ch->summary ? ch->summary
				      : old ? "New version" : "First version";

		if (add_revision(s, cells, author, summary, err, errlen) < 0)
			return -1;
	}
	return 0;
}

/* Fills the defaults of a new row. */
static int defaults(const struct reg_def *d, char **cells)
{
	if (d->kind == REG_RISK)
		return set_cell(d, cells, "status", "open");
	if (d->kind == REG_DOC)
		return set_cell(d, cells, "status", "draft") | set_cell(d, cells, "version", "0.1");
	return 0;
}

/* One row's add-or-change with assignments, inside a transaction. */
static int apply(struct store *s, const struct reg_def *d, const char *id,
		 const struct reg_assign *as, size_t n, bool must_exist, bool keep_auto,
		 char *out_id, size_t idlen, char *err, size_t errlen)
{
	char **old = NULL, **cells = NULL, *pseudo[32] = {0};
	struct change ch = {.keep_auto = keep_auto};
	char key[32] = "";
	int rc = -1;

	if (d->nfields > ISN_ARRAY_LEN(pseudo))
		return -1;
	if (id && id[0] && reg_parse_id(d, id, key, sizeof(key)) < 0) {
		char *dummy = NULL;

		reg_parse_value(d, &d->fields[0], id, &dummy, err, errlen);
		free(dummy);
		return -1;
	}
	if (key[0] && store_get(s, d->kind, key, &old, err, errlen) < 0)
		return -1;
	if (!old && (must_exist || d->fixed_rows)) {
		if (key[0])
			isn_errf(err, errlen, "%s has no row %s", d->name, key);
		else if (must_exist)
			isn_errf(err, errlen, "%s: give the ID of the row to change", d->name);
		else
			isn_errf(err, errlen, "%s rows cannot be added: it keeps one row per Annex A "
					 "control; change them with set", d->name);
		goto out;
	}
	if (!(cells = copy_cells(d, old)) || (!old && defaults(d, cells) < 0))
		goto out;
	if (assign(d, cells, as, n, !old, &ch, pseudo, err, errlen) < 0)
		goto out;
	if (!old && ((!key[0] && next_id(s, d, key, sizeof(key), err, errlen) < 0) ||
		     set_cell(d, cells, d->fields[0].name, key) < 0))
		goto out;
	if (d->kind == REG_DOC) {
		ch.summary = pseudo[reg_field_index(d, "change_summary")];
		ch.author = pseudo[reg_field_index(d, "changed_by")];
	}
	rc = put_row(s, d, cells, old, &ch, err, errlen);
	if (rc == 0 && out_id)
		snprintf(out_id, idlen, "%s", cells[0]);
out:
	for (size_t i = 0; i < ISN_ARRAY_LEN(pseudo); i++)
		free(pseudo[i]);
	reg_row_free(d, old);
	reg_row_free(d, cells);
	return rc;
}

/* The ID among assignments, if any. */
static const char *assigned_id(const struct reg_def *d, const struct reg_assign *as, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(as[i].field, d->fields[0].name))
			return as[i].value;
	return NULL;
}

int store_add(struct store *s, enum reg_kind k, const struct reg_assign *as, size_t n,
	      char *new_id, size_t idlen, char *err, size_t errlen)
{
	const struct reg_def *d = reg_def(k);
	const char *id = assigned_id(d, as, n);
	bool exists = false;
	char key[32];
	int rc;

	if (begin(s, err, errlen) < 0)
		return -1;
	rc = 0;
	if (id && id[0] && reg_parse_id(d, id, key, sizeof(key)) == 0) {
		rc = row_exists(s, k, key, &exists, err, errlen);
		if (rc == 0 && exists) { /* the SoA too: add never changes a row */
			isn_errf(err, errlen, "%s already has a row %s; use set to change it", d->name, key);
			rc = -1;
		}
	}
	if (rc == 0)
		rc = apply(s, d, id, as, n, false, false, new_id, idlen, err, errlen);
	return end(s, rc, err, errlen);
}

int store_set(struct store *s, enum reg_kind k, const char *id, const struct reg_assign *as,
	      size_t n, char *err, size_t errlen)
{
	int rc;

	if (begin(s, err, errlen) < 0)
		return -1;
	rc = apply(s, reg_def(k), id, as, n, true, false, NULL, 0, err, errlen);
	return end(s, rc, err, errlen);
}

int store_delete(struct store *s, enum reg_kind k, const char *id, char *err, size_t errlen)
{
	const struct reg_def *d = reg_def(k);
	sqlite3_stmt *st;
	char key[32];
	int rc = -1;

	if (d->fixed_rows) {
		isn_errf(err, errlen, "%s rows cannot be deleted: it keeps one row per Annex A control; "
				 "set applicable=no with a justification instead", d->name);
		return -1;
	}
	if (reg_parse_id(d, id, key, sizeof(key)) < 0) {
		isn_errf(err, errlen, "'%.40s' is not an ID of %s", id, d->name);
		return -1;
	}
	if (begin(s, err, errlen) < 0)
		return -1;
	if (prepare(s, sqls[k].remove, &st, err, errlen) == 0) {
		sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":id"), key, -1,
				  SQLITE_STATIC);
		rc = step_done(s, st, err, errlen);
		if (rc == 0 && sqlite3_changes(s->db) == 0) {
			isn_errf(err, errlen, "%s has no row %s", d->name, key);
			rc = -1;
		}
	}
	return end(s, rc, err, errlen);
}

/* ---- import ---- */

static char *slurp(const char *path, size_t *len, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	struct isn_buf b = {0};
	char chunk[65536];
	struct stat st;
	size_t n;

	if (!f) {
		isn_errf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		return NULL;
	}
	/* The size first, so that a huge file is refused without reading it;
	 * the loop checks again for a file that grows meanwhile. */
	if (fstat(fileno(f), &st) == 0 && st.st_size > (off_t)STORE_CSV_MAX) {
		isn_errf(err, errlen, "%s is %lld bytes; imports are limited to %u bytes (%u MiB)",
		    path, (long long)st.st_size, STORE_CSV_MAX, STORE_CSV_MAX >> 20);
		goto bad;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b.len + n > STORE_CSV_MAX) {
			isn_errf(err, errlen, "%s is larger than %u bytes (%u MiB), the limit for "
					 "imports", path, STORE_CSV_MAX, STORE_CSV_MAX >> 20);
			goto bad;
		}
		if (isn_buf_add(&b, chunk, n) < 0)
			goto bad;
	}
	if (ferror(f)) {
		isn_errf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		goto bad;
	}
	fclose(f);
	*len = b.len;
	return b.data ? isn_buf_take(&b) : isn_strdup("");
bad:
	fclose(f);
	isn_buf_free(&b);
	return NULL;
}

static int import_rows(struct store *s, const struct reg_def *d, const char *path,
		       struct csv_reader *r, size_t *count, char *err, size_t errlen)
{
	struct isn_strlist head = {0}, rec = {0};
	struct reg_assign *as = NULL;
	char msg[REG_ERR_MAX];
	int rc = -1, got;

	if ((got = csv_read_record(r, &head, msg, sizeof(msg))) <= 0) {
		isn_errf(err, errlen, "%s:%d: %s", path, r->record_line > 0 ? r->record_line : 1,
		    got == 0 ? "the file is empty; the first line must name the columns" : msg);
		goto out;
	}
	for (size_t i = 0; i < head.n; i++) {
		if (reg_field_index(d, head.v[i]) < 0) {
			isn_errf(err, errlen, "%s:%d: unknown column '%.40s' (see 'ismsnav register %s "
					 "--format csv' for the columns)", path, r->record_line,
			    head.v[i], d->name);
			goto out;
		}
		for (size_t j = 0; j < i; j++)
			if (!strcmp(head.v[i], head.v[j])) {
				isn_errf(err, errlen, "%s:%d: column '%s' appears twice", path,
				    r->record_line, head.v[i]);
				goto out;
			}
	}
	if (!(as = calloc(head.n ? head.n : 1, sizeof(*as))))
		goto out;
	while ((got = csv_read_record(r, &rec, msg, sizeof(msg))) > 0) {
		if (rec.n == 1 && !rec.v[0][0])
			continue; /* a blank line */
		if (rec.n != head.n) {
			isn_errf(err, errlen, "%s:%d: %zu fields where the header has %zu", path,
			    r->record_line, rec.n, head.n);
			goto out;
		}
		for (size_t i = 0; i < head.n; i++)
			as[i] = (struct reg_assign){head.v[i], rec.v[i]};
		const char *id = assigned_id(d, as, head.n);
		if (apply(s, d, id, as, head.n, false, true, NULL, 0, msg, sizeof(msg)) < 0) {
			isn_errf(err, errlen, "%s:%d: %s", path, r->record_line, msg);
			goto out;
		}
		(*count)++;
	}
	if (got < 0) {
		isn_errf(err, errlen, "%s:%d: %s", path, r->record_line, msg);
		goto out;
	}
	rc = 0;
out:
	free(as);
	isn_strlist_free(&head);
	isn_strlist_free(&rec);
	return rc;
}

int store_import_csv(struct store *s, enum reg_kind k, const char *path, size_t *count,
		     char *err, size_t errlen)
{
	struct csv_reader r;
	size_t len;
	char *data;
	int rc;

	*count = 0;
	if (refuse_readonly(s, err, errlen) < 0 || !(data = slurp(path, &len, err, errlen)))
		return -1;
	csv_reader_init(&r, data, len);
	if (begin(s, err, errlen) < 0) {
		free(data);
		return -1;
	}
	rc = import_rows(s, reg_def(k), path, &r, count, err, errlen);
	free(data);
	if (rc < 0)
		*count = 0;
	return end(s, rc, err, errlen);
}

/* ---- demo data and checks ---- */

static int tables_equal(sqlite3 *a, sqlite3 *b, const char *sql, bool *equal)
{
	sqlite3_stmt *sa = NULL, *sb = NULL;
	int ra, rb, rc = -1;

	*equal = false;
	if (sqlite3_prepare_v2(a, sql, -1, &sa, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(b, sql, -1, &sb, NULL) != SQLITE_OK)
		goto out;
	for (;;) {
		ra = sqlite3_step(sa);
		rb = sqlite3_step(sb);
		if (ra != rb || (ra != SQLITE_ROW && ra != SQLITE_DONE))
			break;
		if (ra == SQLITE_DONE) {
			*equal = true;
			break;
		}
		for (int c = 0; c < sqlite3_column_count(sa); c++) {
			const unsigned char *x = sqlite3_column_text(sa, c), *y = sqlite3_column_text(sb, c);

			if (!x != !y || (x && strcmp((const char *)x, (const char *)y)))
				goto done;
		}
	}
done:
	rc = (ra == SQLITE_ROW || ra == SQLITE_DONE) ? 0 : -1;
out:
	sqlite3_finalize(sa);
	sqlite3_finalize(sb);
	return rc;
}

int store_demo_differs(struct store *s, bool *differs, char *err, size_t errlen)
{
	struct store *demo;
	bool equal = true;

	*differs = true;
	if (store_open(&demo, NULL, STORE_DEMO, err, errlen) < 0)
		return -1;
	for (size_t i = 0; equal && i < ISN_ARRAY_LEN(sql_dump); i++)
		if (tables_equal(s->db, demo->db, sql_dump[i], &equal) < 0) {
			fail(s, sqlite3_errcode(s->db), err, errlen);
			store_close(demo);
			return -1;
		}
	store_close(demo);
	*differs = !equal;
	return 0;
}

int store_demo_reset(struct store *s, char *err, size_t errlen)
{
	int rc;

	if (begin(s, err, errlen) < 0)
		return -1;
	rc = exec(s, sql_clear, err, errlen);
	if (rc == 0)
		rc = exec(s, store_demo_sql, err, errlen);
	return end(s, rc, err, errlen);
}

int store_check(struct store *s, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	int rc;

	if (prepare(s, "PRAGMA integrity_check", &st, err, errlen) < 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(st, 0), "ok")) {
		isn_errf(err, errlen, "%s fails the integrity check: %s", s->path,
		    rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0)
				     : sqlite3_errmsg(s->db));
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	if (prepare(s, "PRAGMA foreign_key_check", &st, err, errlen) < 0)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW) {
		isn_errf(err, errlen, "%s has links to rows that do not exist", s->path);
		return -1;
	}
	return rc == SQLITE_DONE ? 0 : fail(s, rc, err, errlen);
}
