/* The clause index as a tree: standards, then the clauses and controls
 * of each that the corpus cites (in clause order), then the entries
 * citing each one. Counts come from search_ref_counts; the entries under
 * a clause are read from the search index when it is first expanded and
 * are the entries citing exactly that reference (9.2's entries, not
 * 9.2.2's), primary first, then by ID. Clause and control titles of
 * ISO/IEC 27001:2022 (and of the ISO/IEC 27002:2022 controls, numbered
 * alike) come from assets/clauses_2022.csv and assets/annex_a_2022.csv,
 * built into the program.
 *
 * clausetree_rows() turns the tree, its expansion state and a filter
 * into the rows a view shows, so the view only draws and moves.
 *
 * Memory: the tree owns everything in it, rows included
 * (clausetree_free); a row refers to the tree by index and is valid until
 * the tree is loaded again. Errors: functions return 0, or -1 on a
 * database error or when memory ran out (the tree is then left as it was
 * or empty, never half-built). */
#ifndef ISMSNAV_CLAUSETREE_H
#define ISMSNAV_CLAUSETREE_H

#include <stdbool.h>
#include <stddef.h>

#include "ismsnav/search.h"

struct ct_cite {
	unsigned id;
	bool primary;
	char *question;
};

/* The clause label of a reference to a whole standard. */
#define CLAUSETREE_WHOLE "(all)"

struct ct_ref {
	char *ref;          /* as cited: "ISO27001:2022/A.5.18" */
	const char *clause; /* inside ref: "A.5.18", or "" for the whole standard */
	const char *title;  /* "Access rights", or NULL when not known */
	size_t std;         /* its standard */
	size_t primary, overlap;
	bool expanded;
	bool loaded;        /* cites were read */
	struct ct_cite *cites;
	size_t ncites;
};

struct ct_std {
	char *name;         /* "ISO27001:2022" */
	size_t first, n;    /* its references: refs[first, first + n) */
	size_t primary, overlap; /* citations of all its references */
	bool expanded;
};

enum ct_kind { CT_STD, CT_REF, CT_CITE };

struct ct_row {
	enum ct_kind kind;
	size_t std, ref, cite; /* ref and cite only where they apply */
};

struct ct_rows {
	struct ct_row *v;
	size_t n, cap;
};

struct ct_title {
	char *key;           /* "ISO27001:2022/A.5.18" */
	char *title;
};

struct clausetree {
	struct ct_title *titles; /* read once from the built-in tables, sorted */
	size_t ntitles;
	struct ct_std *stds;
	size_t nstds;
	struct ct_ref *refs;
	size_t nrefs;
	struct ct_rows rows; /* from the last clausetree_rows */
	int clause_cols;     /* the widest clause label, in columns */
};

/* A row named so that it can be found again in a tree loaded afresh. */
struct ct_key {
	enum ct_kind kind;
	char ref[256];       /* the standard's name for CT_STD */
	unsigned id;         /* CT_CITE */
};

/* Builds the tree from reference counts (as search_ref_counts gives
 * them: clause order). Standards keep the order of their first
 * reference. Replaces t's content; everything starts collapsed. */
int clausetree_build(struct clausetree *t, const struct search_ref_counts *rc);

/* Reads the counts from the index and builds the tree again, keeping the
 * standards and references that were expanded expanded (their entries
 * read again). On failure t is left as it was. */
int clausetree_load(struct clausetree *t, struct search_index *idx);

/* Keeps, of c, the citations of reference r exactly, as its entries. */
int clausetree_set_cites(struct clausetree *t, size_t r, const struct search_citations *c);

/* Expands reference r, reading its entries from idx the first time. */
int clausetree_expand_ref(struct clausetree *t, size_t r, struct search_index *idx);

/* The reference cited exactly as ref, or -1. */
long clausetree_find_ref(const struct clausetree *t, const char *ref);

/* Expands every standard with a reference matching filter (so that
 * clearing the filter leaves the matches in view). */
void clausetree_open_matches(struct clausetree *t, const char *filter);

/* Fills t->rows: each standard; under an expanded one its references;
 * under an expanded reference its entries. With a non-empty filter
 * (words, all of which must appear, in any case, in the reference or its
 * title, or in the standard's name) only the matching references and the
 * standards holding them are shown. */
int clausetree_rows(struct clausetree *t, const char *filter);

/* The row holding the parent of row i (itself for a standard). */
size_t clausetree_parent(const struct clausetree *t, size_t i);

void clausetree_key(const struct clausetree *t, size_t row, struct ct_key *k);
/* The row named by k, or -1 when it is not shown. */
long clausetree_find_key(const struct clausetree *t, const struct ct_key *k);

/* "3 (2 primary, 1 overlap)" into out. */
void clausetree_count_text(size_t primary, size_t overlap, char *out, size_t n);

/* The title of a reference ("ISO27001:2022/A.5.18" gives "Access
 * rights"; "ISO27001:2022/A.5" the theme, "Organizational controls"), or
 * NULL. Reads the built-in tables on first use; NULL also when they
 * cannot be read (no memory). The string lives as long as the tree. */
const char *clausetree_title(struct clausetree *t, const char *ref);

void clausetree_free(struct clausetree *t);

#endif
