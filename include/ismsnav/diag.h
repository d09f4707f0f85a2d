/* Diagnostics: problems found while loading or checking the corpus, each
 * naming a file and line. A list owns its messages; the loader appends,
 * the CLI prints them as `path:line: error: message`. */
#ifndef ISMSNAV_DIAG_H
#define ISMSNAV_DIAG_H

#include <stdio.h>
#include <stddef.h>

enum diag_level { DIAG_WARNING, DIAG_ERROR };

struct diag {
	enum diag_level level;
	char *path;
	int line; /* 1-based; 0 when the problem concerns the whole file */
	char *message;
	size_t seq;   /* order of discovery, for stable sorting */
};

struct diag_list {
	struct diag *v;
	size_t n, cap;
	size_t errors, warnings;
};

/* Appends a diagnostic. Allocation failure is not reported: a diagnostic
 * lost for lack of memory must not turn into a second failure. */
void diag_add(struct diag_list *l, enum diag_level level, const char *path,
	      int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void diag_print(const struct diag_list *l, FILE *out, enum diag_level min);
void diag_format(const struct diag *d, FILE *out);
/* Sorts by path, then line, keeping discovery order for equal keys. */
void diag_sort(struct diag_list *l);
void diag_list_free(struct diag_list *l);

#endif
