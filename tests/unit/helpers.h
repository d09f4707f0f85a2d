/* Shared helpers for the unit tests: locale set-up and small builders. */
#ifndef TEST_HELPERS_H
#define TEST_HELPERS_H

#include <stddef.h>

#include "ismsnav/corpus.h"
#include "ismsnav/diag.h"
#include "ismsnav/layout.h"

void test_locale(void);
/* Parses a string as a file named `path`; NULL when not ENTRY_OK. */
struct entry *parse_str(const char *path, const char *text, struct diag_list *d);
/* True when some diagnostic of `level` at `line` contains `needle`. */
int has_diag(const struct diag_list *d, enum diag_level level, int line, const char *needle);
/* Asserts the layout invariants: every line fits the width, spans lie
 * inside their line, text is valid UTF-8 with no control characters. */
void check_doc_invariants(const struct layout_doc *d);
/* The document as plain text, lines joined with '\n' (caller frees). */
char *doc_text(const struct layout_doc *d);

/* A copy of the fixture folder FIXTURES_DIR/<fixture> in a new folder
 * /tmp/ismsnav-<tag>-XXXXXX (root): corpus is the copy, dated an hour back
 * (a file changed in the last moments is always read again), cache a
 * path for the index below root. */
#define TEMP_ROOT_MAX 64
#define TEMP_PATH_MAX 128
void temp_corpus(const char *tag, const char *fixture, char root[TEMP_ROOT_MAX],
		 char corpus[TEMP_PATH_MAX], char cache[TEMP_PATH_MAX]);
/* Removes the folder temp_corpus made, immutable files included. */
void temp_corpus_remove(const char *root);

#endif
