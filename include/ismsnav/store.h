/* The register store: one SQLite file (or a throwaway in-memory copy of
 * the demo) holding the four registers. It creates the file from the
 * built-in schema and demo data, migrates older files forward, refuses to
 * write to files from a newer ismsnav, opens read-only files read-only,
 * and runs every change in one transaction with bound parameters only.
 * Functions return 0 on success, -1 with a message in `err` (never a raw
 * SQLite code alone). A store owns its connection; tables it fills are
 * the caller's (reg_table_free). */
#ifndef ISMSNAV_STORE_H
#define ISMSNAV_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ismsnav/reg.h"

#define STORE_SCHEMA_VERSION 1
#define STORE_CSV_MAX (64u << 20) /* bytes in an imported CSV file */

struct store;

enum {
	STORE_DEMO = 1 << 0,     /* ignore path: an in-memory copy of the demo */
	STORE_READONLY = 1 << 1, /* never write, even where allowed */
	STORE_NOCREATE = 1 << 2  /* fail when the file does not exist */
};

/* Opens (creating with demo data if missing) the database at path. A file
 * that is not an ismsnav database is an error and is left untouched. */
int store_open(struct store **out, const char *path, unsigned flags,
	       char *err, size_t errlen);
void store_close(struct store *s);

const char *store_path(const struct store *s);      /* ":memory:" for --demo */
bool store_readonly(const struct store *s);
/* Why the store is read-only ("the file is read-only", "made by a newer
 * ismsnav ..."), or NULL. */
const char *store_notice(const struct store *s);

/* The default location: $ISMSNAV_DB, else $XDG_DATA_HOME/ismsnav/
 * registers.db, else ~/.local/share/ismsnav/registers.db. Newly allocated. */
char *store_default_path(void);

/* Loads every row of a register, in ID order, derived cells filled. */
int store_load(struct store *s, enum reg_kind k, struct reg_table *out,
	       char *err, size_t errlen);
/* Loads one row; *cells is NULL when there is no such ID. */
int store_get(struct store *s, enum reg_kind k, const char *id, char ***cells,
	      char *err, size_t errlen);

struct reg_assign {
	const char *field; /* a field name */
	const char *value; /* as typed; "" clears the field */
};

/* Adds a row from assignments; an absent id gets the next free one,
 * written to new_id. Validated in full before anything is written. */
int store_add(struct store *s, enum reg_kind k, const struct reg_assign *as,
	      size_t n, char *new_id, size_t idlen, char *err, size_t errlen);
/* Changes fields of one row. A changed document version writes a
 * revision (its summary and author from the pseudo-fields
 * change_summary and changed_by). */
int store_set(struct store *s, enum reg_kind k, const char *id,
	      const struct reg_assign *as, size_t n, char *err, size_t errlen);
int store_delete(struct store *s, enum reg_kind k, const char *id,
		 char *err, size_t errlen);

/* Imports a CSV file (RFC 4180, header of field names): every row is
 * checked first; one bad row writes nothing and the message names the
 * file and line. Rows with an existing ID replace that row's fields; rows
 * without an ID are added. *count gets the number of rows imported. */
int store_import_csv(struct store *s, enum reg_kind k, const char *path,
		     size_t *count, char *err, size_t errlen);

/* A document's revision history, oldest first: rows of four cells
 * (version, date, author, summary). */
int store_revisions(struct store *s, const char *doc_id, struct reg_table *out,
		    char *err, size_t errlen);
extern const struct reg_def store_revision_def;

/* Which corpus questions cite a control is the corpus's business; the
 * store answers the reverse links between registers: the rows of register
 * `to` linked to row `id` of register `from`. */
int store_links(struct store *s, enum reg_kind from, const char *id,
		enum reg_kind to, struct reg_table *out, char *err, size_t errlen);

/* Does the store hold anything but exactly the demo data? (Compared table
 * by table with a fresh in-memory copy; nothing is written.) */
int store_demo_differs(struct store *s, bool *differs, char *err, size_t errlen);
/* Replaces the whole content with the demo data, in one transaction. */
int store_demo_reset(struct store *s, char *err, size_t errlen);

/* Runs PRAGMA integrity_check and foreign_key_check; 0 when both pass. */
int store_check(struct store *s, char *err, size_t errlen);

/* Applies forward migrations steps[from..n) to an open connection, one
 * transaction each, setting user_version after each. Exposed for tests;
 * store_open uses the built-in list. `db` is a sqlite3 *. */
int store_migrate(void *db, const char *const *steps, int nsteps,
		  char *err, size_t errlen);

#endif
