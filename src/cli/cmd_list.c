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

struct listing {
	struct list_filter f;
	char *text;  /* the lines, held until the index is known to be current */
	size_t len;
	FILE *out;
};

static int print_entry(unsigned id, const char *question, void *ctx)
{
	struct listing *l = ctx;
	char s[16];
	entry_id_format(id, s);
	size_t n = strlen(question);
	char *q = needs_sanitizing(question, n) ? text_sanitize(question, n, false) : NULL;
	fputs(s, l->out);
	putc('\t', l->out);
	fputs(q ? q : question, l->out);
	putc('\n', l->out);
	free(q);
	return 0;
}

static int print_if_wanted(const struct entry *e, void *ctx)
{
	const struct list_filter *f = &((struct listing *)ctx)->f;
	if ((f->pack && !entry_has_pack(e, f->pack)) || (f->tag && !entry_has_tag(e, f->tag)) ||
	    (f->ref && !entry_has_ref(e, f->ref)))
		return 0;
	return print_entry(e->id, e->query, ctx);
}

/* Lists into memory while the corpus's files are checked. */
static int list_entries(struct search_index *idx, void *ctx, bool again)
{
	struct listing *l = ctx;
	if (again && fseek(l->out, 0, SEEK_SET) != 0)
		return -1;
	const struct list_filter *f = &l->f;
	int rc = f->pack || f->tag || f->ref ? search_each_entry(idx, print_if_wanted, l)
					     : search_each_question(idx, print_entry, l);
	if (fflush(l->out) != 0)
		return -1;
	l->len = (size_t)ftell(l->out);
	return rc;
}

int cmd_list(struct cli *cli, int argc, char **argv)
{
	struct listing l = {0};
	for (int i = 0; i < argc;) {
		int r;
		if ((r = cli_opt_value(argc, argv, &i, "--pack", &l.f.pack)) ||
		    (r = cli_opt_value(argc, argv, &i, "--tag", &l.f.tag)) ||
		    (r = cli_opt_value(argc, argv, &i, "--ref", &l.f.ref))) {
			if (r < 0)
				return EXIT_USAGE;
			continue;
		}
		cli_usage_error("list: unexpected argument '%s'", argv[i]);
		return EXIT_USAGE;
	}
	/* the files are stat()ed while the entries are read */
	struct search_index *idx;
	struct diag_list diags = {0};
	int rc = cli_open_index(cli, &idx, &diags);
	if (rc < 0) {
		diag_list_free(&diags);
		return EXIT_PROBLEM;
	}
	size_t cap;
	if (!(l.out = open_memstream(&l.text, &cap)) ||
	    search_during_check(idx, list_entries, &l) != 0) {
		fprintf(stderr, "ismsnav: cannot read the search index\n");
		rc = -1;
	}
	cli_report_index(idx, &diags);
	search_close(idx);
	if (l.out)
		fclose(l.out);
	if (rc >= 0 && l.len && fwrite(l.text, 1, l.len, stdout) != l.len)
		rc = -1;
	free(l.text);
	if (fflush(stdout) != 0)
		return EXIT_PROBLEM;
	return rc == 0 ? EXIT_OK : EXIT_PROBLEM;
}
