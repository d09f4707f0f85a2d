/* `ismsnav list`: one line per entry, ID<TAB>question, sorted by ID,
 * optionally filtered by pack, capability tag or clause reference. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ismsnav/text.h"

int cmd_list(struct cli *cli, int argc, char **argv)
{
	const char *pack = NULL, *tag = NULL, *ref = NULL;
	for (int i = 0; i < argc;) {
		int r;
		if ((r = cli_opt_value(argc, argv, &i, "--pack", &pack)) ||
		    (r = cli_opt_value(argc, argv, &i, "--tag", &tag)) ||
		    (r = cli_opt_value(argc, argv, &i, "--ref", &ref))) {
			if (r < 0)
				return EXIT_USAGE;
			continue;
		}
		cli_usage_error("list: unexpected argument '%s'", argv[i]);
		return EXIT_USAGE;
	}
	struct corpus c = {0};
	struct diag_list diags = {0};
	int rc = cli_load(cli, NULL, 0, &c, &diags);
	cli_report_skipped(&diags);
	for (size_t i = 0; i < c.n; i++) {
		const struct entry *e = c.entries[i];
		if ((pack && !entry_has_pack(e, pack)) || (tag && !entry_has_tag(e, tag)) ||
		    (ref && !entry_has_ref(e, ref)))
			continue;
		char id[16];
		entry_id_format(e->id, id);
		char *q = text_sanitize(e->query, strlen(e->query), false);
		printf("%s\t%s\n", id, q ? q : "");
		free(q);
	}
	corpus_free(&c);
	diag_list_free(&diags);
	if (fflush(stdout) != 0)
		return EXIT_PROBLEM;
	return rc == 0 ? EXIT_OK : EXIT_PROBLEM;
}
