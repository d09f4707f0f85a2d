/* What the subcommands share: the options every command accepts and the
 * corpus they load. Each subcommand lives in its own cmd_*.c file and
 * returns an exit status (0 success, 1 problem found, 2 usage error). */
#ifndef ISMSNAV_CLI_H
#define ISMSNAV_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "ismsnav/corpus.h"
#include "ismsnav/diag.h"

enum { EXIT_OK = 0, EXIT_PROBLEM = 1, EXIT_USAGE = 2 };

struct cli {
	const char *argv0;
	const char **corpus_paths; /* from --corpus, ISMSNAV_CORPUS, or bundled */
	size_t ncorpus;
	const char *theme;
	char *bundled;             /* owned */
	char *env_copy;            /* owned: ISMSNAV_CORPUS split in place */
	const char *db_path;       /* the register file: --db, ISMSNAV_DB or default */
	char *db_default;          /* owned: the default db_path */
	bool demo;                 /* --demo: a throwaway copy of the demo data */
	bool utf8;                 /* the locale is UTF-8 (tables cut with "…") */
};

struct store;

/* Opens the register store that --db/--demo name; says why on stderr when
 * it cannot, and prints the store's notice (read-only and why) if any. */
int cli_open_store(const struct cli *cli, struct store **s);

/* Loads the corpus from cli's paths (or `paths` when npaths > 0). */
int cli_load(const struct cli *cli, const char *const *paths, size_t npaths,
	     struct corpus *c, struct diag_list *diags);

struct search_index;

/* Opens the search index of cli's corpus (search.h) and reports the
 * corpus's problems as cli_load's callers do: unreadable paths at once,
 * then how many files were skipped. Returns like search_open. With
 * `later` (for one search_query or search_during_check: search_opts'
 * check_later), the problems are kept there for cli_report_index, to be
 * called once the index has been read. */
int cli_open_index(const struct cli *cli, struct search_index **idx, struct diag_list *later);
/* Adds the index's file problems to diags, says how many files were
 * skipped (or why the index failed), and empties diags. */
void cli_report_index(struct search_index *idx, struct diag_list *diags);

/* Says on stderr how many files were skipped with errors, if any. */
void cli_report_skipped(const struct diag_list *diags);

/* Parses "--name VALUE" or "--name=VALUE" at argv[*i]; advances *i past
 * what it consumed. Returns 1 when matched, 0 when not, -1 when the value
 * is missing (reported). */
int cli_opt_value(int argc, char **argv, int *i, const char *name, const char **val);

void cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int cmd_list(struct cli *cli, int argc, char **argv);
int cmd_show(struct cli *cli, int argc, char **argv);
int cmd_check(struct cli *cli, int argc, char **argv);
int cmd_register(struct cli *cli, int argc, char **argv);
int cmd_demo(struct cli *cli, int argc, char **argv);
int cmd_search(struct cli *cli, int argc, char **argv);
int cmd_refs(struct cli *cli, int argc, char **argv);
int cmd_graph(struct cli *cli, int argc, char **argv);
int cmd_watch(struct cli *cli, int argc, char **argv);

#endif
