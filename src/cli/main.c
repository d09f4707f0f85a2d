/* ismsnav's entry point: global options, the choice between the
 * navigator and a subcommand, and where the corpus comes from. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ismsnav/paths.h"
#include "ismsnav/search.h"
#include "ismsnav/store.h"
#include "ismsnav/text.h"
#include "tui/tui.h"

static const char usage_text[] =
	"usage: ismsnav [--corpus DIR]... [--theme NAME]       open the navigator\n"
	"       ismsnav list [--pack P] [--tag T] [--ref REF]  ID<TAB>question per line\n"
	"       ismsnav show ID [--width N] [--plain|--color]  print an answer\n"
	"       ismsnav search QUERY [--limit N] [--format tsv|json]  ranked search\n"
	"       ismsnav refs [REF]                             clauses and who cites them\n"
	"       ismsnav graph [--format dot|tsv] [--from ID --depth N]  follow-ups\n"
	"       ismsnav watch                                  watch for changes: faster starts\n"
	"       ismsnav check [--strict] [PATH]...             validate entries\n"
	"       ismsnav register [NAME [--format FMT]]         list or print registers\n"
	"       ismsnav register NAME show ID                  one row, every field\n"
	"       ismsnav register NAME add FIELD=VALUE...       add a row, print its ID\n"
	"       ismsnav register NAME set ID FIELD=VALUE...    change fields\n"
	"       ismsnav register NAME delete ID                delete a row\n"
	"       ismsnav register NAME import FILE.csv          all rows or none\n"
	"       ismsnav demo reset [--yes]                     put the demo data back\n"
	"       ismsnav --help | --version\n"
	"\n"
	"Registers: risk, isms_artifacts, soa, assets. FMT: table (the default;\n"
	"fits the terminal, or --width N), csv, json or md.\n"
	"\n"
	"Options:\n"
	"  --corpus DIR   read entries from DIR instead of the bundled corpus\n"
	"                 (repeatable; also ISMSNAV_CORPUS=DIR[:DIR...])\n"
	"  --theme NAME   default, mono or contrast (for projectors);\n"
	"                 NO_COLOR=1 selects mono\n"
	"  --db FILE      the register database (also ISMSNAV_DB=FILE; default\n"
	"                 $XDG_DATA_HOME/ismsnav/registers.db)\n"
	"  --demo         registers in a throwaway copy of the demo data;\n"
	"                 changes are not saved\n"
	"\n"
	"In the navigator press ? for the keys. See ismsnav(1).\n";

void cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("ismsnav: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs("\nTry 'ismsnav --help'.\n", stderr);
	va_end(ap);
}

int cli_opt_value(int argc, char **argv, int *i, const char *name, const char **val)
{
	size_t n = strlen(name);
	const char *a = argv[*i];
	if (strncmp(a, name, n) != 0)
		return 0;
	if (a[n] == '=') {
		*val = a + n + 1;
		(*i)++;
		return 1;
	}
	if (a[n] != '\0')
		return 0;
	if (*i + 1 >= argc) {
		cli_usage_error("%s needs a value", name);
		return -1;
	}
	*val = argv[*i + 1];
	*i += 2;
	return 1;
}

int cli_load(const struct cli *cli, const char *const *paths, size_t npaths,
	     struct corpus *c, struct diag_list *diags)
{
	if (npaths == 0) {
		paths = cli->corpus_paths;
		npaths = cli->ncorpus;
	}
	if (npaths == 0) {
		fprintf(stderr, "ismsnav: cannot find the bundled corpus; use --corpus DIR\n");
		return -1;
	}
	/* A path that cannot be read is said at once; the others still load. */
	struct corpus_catalog cat = {0};
	int rc = corpus_catalog_scan(&cat, paths, npaths, diags);
	if (rc < 0)
		diag_print(diags, stderr, DIAG_ERROR);
	corpus_catalog_load(&cat, c, NULL, 0, false, diags);
	corpus_catalog_free(&cat);
	return rc;
}

void cli_report_skipped(const struct diag_list *diags)
{
	if (diags->errors)
		fprintf(stderr,
			"ismsnav: %zu problem%s in the corpus; what could be read was loaded "
			"(run 'ismsnav check' for details)\n",
			diags->errors, diags->errors == 1 ? "" : "s");
}

static int add_corpus(struct cli *cli, const char *path)
{
	const char **v = realloc(cli->corpus_paths, (cli->ncorpus + 1) * sizeof(*v));
	if (!v)
		return -1;
	cli->corpus_paths = v;
	v[cli->ncorpus++] = path;
	return 0;
}

/* --corpus wins; else ISMSNAV_CORPUS; else the bundled corpus. */
static int default_corpus(struct cli *cli)
{
	if (cli->ncorpus)
		return 0;
	const char *env = getenv("ISMSNAV_CORPUS");
	if (env && *env) {
		cli->env_copy = strdup(env);
		if (!cli->env_copy)
			return -1;
		for (char *tok = strtok(cli->env_copy, ":"); tok; tok = strtok(NULL, ":"))
			if (add_corpus(cli, tok) < 0)
				return -1;
		return 0;
	}
	cli->bundled = paths_bundled_corpus(cli->argv0);
	return cli->bundled ? add_corpus(cli, cli->bundled) : 0;
}

/* Reads the heads while the corpus's files are checked; again, from the
 * updated index, when one had changed. */
static int read_heads(struct search_index *idx, void *ctx, bool again)
{
	struct corpus *c = ctx;
	if (again)
		corpus_free(c);
	return search_load_heads(idx, c);
}

/* Fills c from the search index: heads only, each entry parsed in full
 * when it is opened, so a warm start parses no file. Returns like
 * cli_load, or -2 when the index cannot serve (the caller loads files). */
static int load_heads(struct cli *cli, struct search_index **idx, struct corpus *c,
		      struct diag_list *diags)
{
	struct diag_list idx_diags = {0};
	struct search_opts o = {.check_later = true};
	int rc = search_open(idx, cli->corpus_paths, cli->ncorpus, &o, &idx_diags);
	if (rc > 0) /* a path that cannot be read is said at once, as cli_load does */
		diag_print(&idx_diags, stderr, DIAG_ERROR);
	if (rc < 0) {
		diag_list_free(&idx_diags);
		*idx = NULL;
		return -2;
	}
	/* and counted with the files' problems, as cli_load counts it */
	for (size_t i = 0; i < idx_diags.n; i++)
		diag_add(diags, idx_diags.v[i].level, idx_diags.v[i].path, idx_diags.v[i].line, "%s",
			 idx_diags.v[i].message);
	diag_list_free(&idx_diags);
	if (search_during_check(*idx, read_heads, c) < 0 || search_file_diags(*idx, diags) < 0) {
		corpus_free(c);
		diag_list_free(diags);
		search_close(*idx);
		*idx = NULL;
		return -2;
	}
	return rc > 0 ? -1 : 0;
}

static int run_navigator(struct cli *cli)
{
	if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO)) {
		fprintf(stderr, "ismsnav: not a terminal; use a command: list, show or check "
				"(see 'ismsnav --help')\n");
		return EXIT_USAGE;
	}
	struct corpus c = {0};
	struct diag_list diags = {0};
	/* The index serves the list, search, the clause index and backlinks;
	 * without one (it cannot be made) every file is parsed as before and
	 * those say so. */
	struct search_index *idx = NULL;
	int loaded = cli->ncorpus ? load_heads(cli, &idx, &c, &diags) : -2;
	if (loaded == -2)
		loaded = cli_load(cli, NULL, 0, &c, &diags);
	struct tui_opts o = {.theme = cli->theme, .db_path = cli->db_path, .demo = cli->demo,
			     .index = idx, .corpus_paths = cli->corpus_paths,
			     .ncorpus = cli->ncorpus};
	int rc = EXIT_PROBLEM;
	if (loaded == 0 || c.n > 0)
		rc = tui_run(&c, &diags, &o);
	search_close(idx);
	if (rc == EXIT_OK && loaded < 0)
		rc = EXIT_PROBLEM;
	cli_report_skipped(&diags);
	corpus_free(&c);
	diag_list_free(&diags);
	return rc;
}

static int dispatch(struct cli *cli, const char *cmd, int argc, char **argv)
{
	if (!cmd)
		return run_navigator(cli);
	if (!strcmp(cmd, "list"))
		return cmd_list(cli, argc, argv);
	if (!strcmp(cmd, "show"))
		return cmd_show(cli, argc, argv);
	if (!strcmp(cmd, "check"))
		return cmd_check(cli, argc, argv);
	if (!strcmp(cmd, "register"))
		return cmd_register(cli, argc, argv);
	if (!strcmp(cmd, "demo"))
		return cmd_demo(cli, argc, argv);
	if (!strcmp(cmd, "search"))
		return cmd_search(cli, argc, argv);
	if (!strcmp(cmd, "refs"))
		return cmd_refs(cli, argc, argv);
	if (!strcmp(cmd, "graph"))
		return cmd_graph(cli, argc, argv);
	if (!strcmp(cmd, "watch"))
		return cmd_watch(cli, argc, argv);
	cli_usage_error("unknown command '%s'", cmd);
	return EXIT_USAGE;
}

/* Takes the global options out of argv wherever they stand, leaving the
 * command and its own arguments in order. Returns -1 on a usage error,
 * 1 when --help or --version was handled. */
static int global_options(struct cli *cli, int *argc, char **argv)
{
	int out = 1;
	for (int i = 1; i < *argc;) {
		const char *v;
		int r;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage_text, stdout);
			return 1;
		}
		if (!strcmp(argv[i], "--version")) {
			printf("ismsnav %s\n", ISMSNAV_VERSION);
			return 1;
		}
		if ((r = cli_opt_value(*argc, argv, &i, "--corpus", &v)) != 0) {
			if (r < 0 || add_corpus(cli, v) < 0)
				return -1;
			continue;
		}
		if ((r = cli_opt_value(*argc, argv, &i, "--theme", &v)) != 0) {
			if (r < 0)
				return -1;
			if (!tui_theme_valid(v)) {
				cli_usage_error("unknown theme '%s' (default, mono, contrast)", v);
				return -1;
			}
			cli->theme = v;
			continue;
		}
		if ((r = cli_opt_value(*argc, argv, &i, "--db", &v)) != 0) {
			if (r < 0)
				return -1;
			if (!*v) {
				cli_usage_error("--db needs a file name");
				return -1;
			}
			cli->db_path = v;
			continue;
		}
		if (!strcmp(argv[i], "--demo")) {
			cli->demo = true;
			i++;
			continue;
		}
		argv[out++] = argv[i++];
	}
	*argc = out;
	return 0;
}

int main(int argc, char **argv)
{
	struct cli cli = {.argv0 = argv[0], .utf8 = text_locale_init()};
	int rc = global_options(&cli, &argc, argv);
	if (rc == 0 && !cli.db_path)
		cli.db_path = cli.db_default = store_default_path();
	if (rc == 0 && (!cli.db_path || default_corpus(&cli) < 0)) {
		fprintf(stderr, "ismsnav: out of memory\n");
		rc = -1;
	}
	if (rc == 0) {
		const char *cmd = argc > 1 ? argv[1] : NULL;
		if (cmd && cmd[0] == '-') {
			cli_usage_error("unknown option '%s'", cmd);
			rc = EXIT_USAGE;
		} else {
			rc = dispatch(&cli, cmd, argc > 2 ? argc - 2 : 0, argv + 2);
		}
	} else {
		rc = rc > 0 ? EXIT_OK : EXIT_USAGE;
	}
	free(cli.corpus_paths);
	free(cli.bundled);
	free(cli.env_copy);
	free(cli.db_default);
	return rc;
}
