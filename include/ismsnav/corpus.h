/* The corpus: every entry loaded from one or more folders (or files),
 * sorted by ID, with lookup by ID and the follow-up links resolved.
 * Loading never stops at a bad file: each problem becomes a diagnostic
 * and the file is skipped. The corpus owns its entries. */
#ifndef ISMSNAV_CORPUS_H
#define ISMSNAV_CORPUS_H

#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>

#include "ismsnav/diag.h"
#include "ismsnav/entry.h"

/* Folders more than this many levels below a corpus path are not walked;
 * a warning names the first one skipped. */
#define CORPUS_MAX_DEPTH 32

/* One entry of a folder being walked. */
struct corpus_dir_item {
	char *name;         /* owned */
	unsigned char type; /* d_type: DT_REG spares a stat() per file */
};

/* A folder's visible entries (hidden ones and "." and ".." skipped),
 * sorted by name so that walking is repeatable; *n is their number. The
 * caller frees each name and the array. Shared by corpus loading and
 * the search index's walk, so both see the same files in the same order. */
struct corpus_dir_item *corpus_read_folder(DIR *d, size_t *n);

struct corpus {
	struct entry **entries; /* sorted by id */
	size_t n, cap;
	unsigned long seq;      /* load order of the next entry */
};

/* Loads every entry below each path (a folder, walked recursively with
 * hidden files and folders skipped, or a single file). Returns 0, or -1
 * when a path cannot be read at all (reported in diags; the other paths
 * still load). */
int corpus_load(struct corpus *c, const char *const *paths, size_t npaths,
		struct diag_list *diags);

/* A catalogue of the files below some paths and the ID each declares,
 * found without parsing (entry_peek_id), so that a command needing a few
 * entries parses only those. */
struct corpus_file {
	char *path;
	unsigned id;
	bool id_known;
	bool loaded;   /* parsed already: never parsed twice */
};

/* A folder that was walked and its modification time, which changes
 * whenever a file in it is added, removed or renamed. */
struct corpus_dir {
	char *path;
	long long mtime_sec;
	long mtime_nsec;
};

struct corpus_catalog {
	struct corpus_file *v;
	size_t n, cap;
	struct corpus_dir *dirs;
	size_t ndirs, dirs_cap;
};

/* Lists the files below each path in load order. Returns -1 when a path
 * cannot be read at all (reported; the others are still listed). */
int corpus_catalog_scan(struct corpus_catalog *cat, const char *const *paths,
			size_t npaths, struct diag_list *diags);
/* Parses into c the files that declare one of ids (every file when ids
 * is NULL, and every file whose ID could not be peeked), then finishes c.
 * Calling it again with more ids adds the files not parsed yet. Returns
 * how many parsed files declared another ID than the catalogue said (a
 * stale catalogue). With head_only, files are read as entries that are
 * only referred to (entry_parse_head). */
size_t corpus_catalog_load(struct corpus_catalog *cat, struct corpus *c,
			   const unsigned *ids, size_t nids, bool head_only,
			   struct diag_list *diags);
void corpus_catalog_free(struct corpus_catalog *cat);
/* True while the folder still has the modification time recorded. */
bool corpus_dir_unchanged(const struct corpus_dir *d);

/* Appends one parsed entry (the corpus takes it over). Call
 * corpus_finish() after the last one. */
void corpus_add(struct corpus *c, struct entry *e, struct diag_list *diags);

/* Sorts entries by ID and drops duplicates: the entry loaded later is
 * reported as an error naming the first one. corpus_load calls it. */
void corpus_finish(struct corpus *c, struct diag_list *diags);

struct entry *corpus_find(const struct corpus *c, unsigned id);
/* Index of the entry with this id, or -1. */
long corpus_index(const struct corpus *c, unsigned id);

/* True for an entry that holds only its head (as search_load_heads
 * makes them): no body, sources, actions or links read yet. */
bool entry_is_head(const struct entry *e);

/* Makes entry `id` of c complete when it is a head: its file (e->path)
 * is parsed in full and the entry replaced (pointers to the head become
 * invalid). The file may have changed since the head was read: when it
 * cannot be read, is broken, or declares another ID now, the head stays
 * and diags says why, naming the file (and line). *out is the entry in c
 * afterwards, NULL when id is not in c. Returns 0 when *out is complete,
 * -1 otherwise. */
int corpus_complete(struct corpus *c, unsigned id, struct diag_list *diags,
		    struct entry **out);

/* How two loads of a corpus differ, by ID: entries only in the later one
 * are added, only in the earlier one removed, and in both with another
 * question, path, references, packs or tags (or body, when both loads
 * read it) changed. */
struct corpus_diff {
	size_t added, removed, changed;
};
void corpus_diff(const struct corpus *before, const struct corpus *now,
		 struct corpus_diff *d);

/* Warnings for links to entries that are not in the corpus. */
void corpus_check_links(const struct corpus *c, struct diag_list *diags);

/* Warnings for unknown front-matter keys. */
void corpus_check_extras(const struct corpus *c, struct diag_list *diags);

/* True when the entry cites a clause reference starting with `prefix` at
 * a component boundary ("ISO27001:2022/6" matches 6.1.2, not 60). */
bool entry_has_ref(const struct entry *e, const char *prefix);
bool entry_has_pack(const struct entry *e, const char *pack);
bool entry_has_tag(const struct entry *e, const char *tag);
/* Case-insensitive match of every word of `query` against ID, question
 * and answer text. An empty query matches everything. */
bool entry_matches(const struct entry *e, const char *query);

void corpus_free(struct corpus *c);

#endif
