/* The terminal navigator: the list of questions, answers with follow-up
 * links, history and trail. main() calls tui_run once the locale is set
 * and the corpus is loaded. */
#ifndef TUI_TUI_H
#define TUI_TUI_H

#include <stdbool.h>

#include "ismsnav/corpus.h"
#include "ismsnav/diag.h"

struct search_index;

struct tui_opts {
	const char *theme;   /* "default", "mono", "contrast", or NULL */
	const char *db_path; /* the register file (opened when first needed) */
	bool demo;           /* registers in a throwaway copy of the demo data */
	struct search_index *index; /* the corpus's search index, or NULL (borrowed) */
	const char *const *corpus_paths; /* where the corpus was read (for reloading) */
	size_t ncorpus;
};

/* Runs the navigator on a loaded corpus until the user quits; returns the
 * exit status: 0, 1 when the terminal cannot be used, 2 for an unknown
 * theme. The diagnostics count shows in the status line if any files
 * were skipped; reloading the corpus replaces c's entries and diags. */
int tui_run(struct corpus *c, struct diag_list *diags, const struct tui_opts *opts);

/* True for a theme name tui_run accepts (NULL means the default). */
bool tui_theme_valid(const char *name);

#endif
