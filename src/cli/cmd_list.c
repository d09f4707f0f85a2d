/* `ismsnav list`: one line per entry, ID<TAB>question, sorted by ID,
 * optionally filtered by pack, capability tag or clause reference. The
 * entries come from the search index, so a warm start parses no file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ismsnav/search.h"
#include "ismsnav/text.h"

struct list_filter {
	const char *pack, *tag, *ref;
};

/* Printable ASCII is what text_sanitize leaves as it is: most questions
 * need no copy. */
static bool needs_sanitizing(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f)
			return true;
	return false;
}

static int print_entry(unsigned id, const char *question, void *ctx)
{
	(void)ctx;
	char s[16];
	entry_id_format(id, s);
	size_t n = strlen(question);
	char *q = needs_sanitizing(question, n) ? text_sanitize(question, n, false) : NULL;
	fputs(s, stdout);
	putchar('\t');
	fputs(q ? q : question, stdout);
	putchar('\n');
	free(q);
	return 0;
}

static int print_if_wanted(const struct entry *e, void *ctx)
{
	const struct list_filter *f = ctx;
	if ((f->pack && !entry_has_pack(e, f->pack)) || (f->tag && !entry_has_tag(e, f->tag)) ||
	    (f->ref && !entry_has_ref(e, f->ref)))
		return 0;
	return print_entry(e->id, e->query, NULL);
}

int cmd_list(struct cli *cli, int argc, char **argv)
{
	struct list_filter f = {0};
	for (int i = 0; i < argc;) {
		int r;
		if ((r = cli_opt_value(argc, argv, &i, "--pack", &f.pack)) ||
		    (r = cli_opt_value(argc, argv, &i, "--tag", &f.tag)) ||
		    (r = cli_opt_value(argc, argv, &i, "--ref", &f.ref))) {
			if (r < 0)
				return EXIT_USAGE;
			continue;
		}
		cli_usage_error("list: unexpected argument '%s'", argv[i]);
		return EXIT_USAGE;
	}
	struct search_index *idx;
	int rc = cli_open_index(cli, &idx);
	if (rc < 0)
		return EXIT_PROBLEM;
	bool filtered = f.pack || f.tag || f.ref;
	if ((filtered ? search_each_entry(idx, print_if_wanted, &f)
		      : search_each_question(idx, print_entry, NULL)) != 0) {
		fprintf(stderr, "ismsnav: cannot read the search index\n");
		rc = -1;
	}
	search_close(idx);
	if (fflush(stdout) != 0)
		return EXIT_PROBLEM;
	return rc == 0 ? EXIT_OK : EXIT_PROBLEM;
}
