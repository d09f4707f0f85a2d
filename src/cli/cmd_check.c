/* `ismsnav check`: validate entries and report every problem as
 * path:line: level: message on stderr, with a one-line summary on stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char *const known_actions[] = {"open_register", "start_workflow"};

static void check_actions(const struct corpus *c, struct diag_list *diags)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct entry *e = c->entries[i];
		for (size_t j = 0; j < e->nactions; j++) {
			const struct entry_action *a = &e->actions[j];
			bool known = false;
			for (size_t k = 0; a->type && k < 2; k++)
				known |= !strcmp(a->type, known_actions[k]);
			if (!known)
				diag_add(diags, DIAG_WARNING, e->path, e->id_line,
					 "action %zu: unknown type '%s' (expected open_register or start_workflow)",
					 j + 1, a->type ? a->type : "");
			if (!a->label || !*a->label)
				diag_add(diags, DIAG_WARNING, e->path, e->id_line,
					 "action %zu has no label", j + 1);
		}
	}
}

int cmd_check(struct cli *cli, int argc, char **argv)
{
	bool strict = false;
	const char **paths = calloc((size_t)argc + 1, sizeof(*paths));
	size_t npaths = 0;
	if (!paths)
		return EXIT_PROBLEM;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--strict")) {
			strict = true;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			cli_usage_error("check: unknown option '%s'", argv[i]);
			free(paths);
			return EXIT_USAGE;
		} else {
			paths[npaths++] = argv[i];
		}
	}
	struct corpus c = {0};
	struct diag_list diags = {0};
	cli_load(cli, paths, npaths, &c, &diags);
	corpus_check_extras(&c, &diags);
	corpus_check_links(&c, &diags);
	check_actions(&c, &diags);
	diag_sort(&diags);
	fflush(stdout);
	diag_print(&diags, stderr, DIAG_WARNING);
	printf("%zu question%s, %zu error%s, %zu warning%s\n", c.n, c.n == 1 ? "" : "s",
	       diags.errors, diags.errors == 1 ? "" : "s", diags.warnings,
	       diags.warnings == 1 ? "" : "s");
	int rc = diags.errors || (strict && diags.warnings) ? EXIT_PROBLEM : EXIT_OK;
	corpus_free(&c);
	diag_list_free(&diags);
	free(paths);
	return rc;
}
