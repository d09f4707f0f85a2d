/* Follow-up links. An answer points at other entries in two ways: the
 * items of its "Likely follow-ups" section (a quoted question and its
 * targets: "(See Q010.)", "(See Q010, Q012)", "(See Q091–Q100)"), and a
 * "See Qnnn" anywhere else. This module finds both in Markdown text; the
 * layout uses the same scanner so that what is extracted is exactly what
 * is drawn as a link. */
#ifndef ISMSNAV_LINKS_H
#define ISMSNAV_LINKS_H

#include <stddef.h>

#include "ismsnav/diag.h"
#include "ismsnav/entry.h"

/* A range wider than this is reported and not expanded. */
#define LINKS_MAX_RANGE 200u
/* An answer keeps at most this many follow-ups, and as many inline links;
 * the rest are reported once and not linked. */
#define LINKS_MAX 1000u
/* A follow-up's quoted question is kept up to this many bytes. */
#define LINKS_LABEL_MAX 512u

/* One ID written in the text after "See": bytes [start, end) of s. A
 * range "Q091–Q100" gives one ref with first=91, last=100 and spans the
 * whole range text; the IDs' own spans are [start, first_end) and
 * [last_start, end). */
struct link_ref {
	size_t start, end;
	size_t first_end, last_start;
	unsigned first, last;
};

/* Finds the ID references that follow the word "See" in s[0..n).
 * Calls fn for each; stops early when fn returns non-zero. Returns the
 * number of references found. */
size_t links_scan(const char *s, size_t n,
		  int (*fn)(const struct link_ref *ref, void *ctx), void *ctx);

/* Extracts all links of a Markdown body. `first_line` is the file line of
 * the body's first line; problems (too wide a range) go to diags under
 * `path`. Follow-ups come first, in order, without duplicates; then the
 * inline links. Returns 0, or -1 on allocation failure. */
int links_extract(const char *body, size_t len, const char *path,
		  int first_line, struct diag_list *diags,
		  struct entry_link **out, size_t *nout);

#endif
