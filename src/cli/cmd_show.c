/* `ismsnav show ID`: print an answer exactly as the answer view lays it
 * out, as plain text or with ANSI styles. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ismsnav/answer.h"
#include "ismsnav/idcache.h"

#define SHOW_MAX_WIDTH 1000

static int terminal_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* SGR parameters for a set of style flags; the most specific wins. */
static void sgr(uint16_t st, char *out, size_t n)
{
	out[0] = '\0';
	size_t len = 0;
#define ADD(code) len += (size_t)snprintf(out + len, n - len, "%s%s", len ? ";" : "", code)
	if (st & (ST_BOLD | ST_TITLE | ST_HEADING))
		ADD("1");
	if (st & (ST_DIM | ST_MISSING))
		ADD("2");
	if (st & ST_ITALIC)
		ADD("3");
	if (st & (ST_LINK | ST_MISSING))
		ADD("4");
	if (st & ST_MISSING)
		ADD("31");
	else if (st & ST_LINK)
		ADD("34");
	else if (st & (ST_TITLE | ST_HEADING))
		ADD("33");
	else if (st & ST_CODE)
		ADD("36");
	else if (st & ST_LABEL)
		ADD("35");
#undef ADD
}

static void print_line(const struct layout_line *l, bool color)
{
	if (!color) {
		fwrite(l->text, 1, l->len, stdout);
		putchar('\n');
		return;
	}
	uint32_t pos = 0;
	for (uint32_t i = 0; i < l->nspans; i++) {
		const struct layout_span *s = &l->spans[i];
		fwrite(l->text + pos, 1, s->start - pos, stdout);
		char code[64];
		sgr(s->style, code, sizeof code);
		printf("\033[%sm", code);
		fwrite(l->text + s->start, 1, s->end - s->start, stdout);
		fputs("\033[0m", stdout);
		pos = s->end;
	}
	fwrite(l->text + pos, 1, l->len - pos, stdout);
	putchar('\n');
}

/* Parses the entry and the entries it links to (for their questions, and
 * to tell which links lead nowhere). True when the catalogue proved right:
 * the entry and every target found, and no file declaring another ID. */
static bool load_needed(struct corpus_catalog *cat, unsigned id, struct corpus *c,
			struct diag_list *diags)
{
	size_t stale = corpus_catalog_load(cat, c, &id, 1, false, diags);
	const struct entry *e = corpus_find(c, id);
	if (!e)
		return false;
	bool found = true;
	if (e->nlinks) {
		unsigned *targets = malloc(e->nlinks * sizeof(*targets));
		if (!targets)
			return false;
		for (size_t i = 0; i < e->nlinks; i++)
			targets[i] = e->links[i].target;
		stale += corpus_catalog_load(cat, c, targets, e->nlinks, true, diags);
		for (size_t i = 0; i < e->nlinks; i++)
			found &= corpus_find(c, targets[i]) != NULL;
		free(targets);
	}
	return stale == 0 && found;
}

/* `show` needs a handful of entries, so it opens only their files: the ID
 * cache says which. When the cache is missing, stale or wrong about any
 * entry, every file is scanned again (and the cache rewritten). */
static int load_answer(const struct cli *cli, unsigned id, struct corpus *c,
		       struct diag_list *diags)
{
	if (cli->ncorpus == 0)
		return cli_load(cli, NULL, 0, c, diags);
	char *cache = idcache_file(cli->corpus_paths, cli->ncorpus);
	struct corpus_catalog cat = {0};
	int rc = 0;
	if (cache && idcache_read(cache, &cat) && load_needed(&cat, id, c, diags))
		goto done;
	corpus_catalog_free(&cat);
	corpus_free(c);
	diag_list_free(diags);
	rc = corpus_catalog_scan(&cat, cli->corpus_paths, cli->ncorpus, diags);
	if (rc < 0)
		diag_print(diags, stderr, DIAG_ERROR);
	load_needed(&cat, id, c, diags);
	if (cache && rc == 0)
		idcache_write(cache, &cat);
done:
	corpus_catalog_free(&cat);
	free(cache);
	return rc;
}

int cmd_show(struct cli *cli, int argc, char **argv)
{
	const char *idarg = NULL, *wstr = NULL;
	int color = -1;
	for (int i = 0; i < argc;) {
		int r = cli_opt_value(argc, argv, &i, "--width", &wstr);
		if (r < 0)
			return EXIT_USAGE;
		if (r)
			continue;
		if (!strcmp(argv[i], "--plain"))
			color = 0;
		else if (!strcmp(argv[i], "--color") || !strcmp(argv[i], "--colour"))
			color = 1;
		else if (argv[i][0] == '-' && argv[i][1]) {
			cli_usage_error("show: unknown option '%s'", argv[i]);
			return EXIT_USAGE;
		} else if (!idarg)
			idarg = argv[i];
		else {
			cli_usage_error("show: one ID at a time ('%s' is extra)", argv[i]);
			return EXIT_USAGE;
		}
		i++;
	}
	if (!idarg) {
		cli_usage_error("show: which entry? (for example: ismsnav show Q001)");
		return EXIT_USAGE;
	}
	unsigned id;
	if (!entry_id_parse(idarg, &id)) {
		cli_usage_error("show: '%s' is not a question ID (like Q001)", idarg);
		return EXIT_USAGE;
	}
	int width = terminal_width();
	if (wstr) {
		char *end;
		long w = strtol(wstr, &end, 10);
		if (*end || w < 1 || w > SHOW_MAX_WIDTH) {
			cli_usage_error("show: --width takes a number from 1 to %d", SHOW_MAX_WIDTH);
			return EXIT_USAGE;
		}
		width = (int)w;
	}
	if (color < 0) {
		const char *nc = getenv("NO_COLOR");
		color = isatty(STDOUT_FILENO) && !(nc && *nc);
	}

	struct corpus c = {0};
	struct diag_list diags = {0};
	int rc = load_answer(cli, id, &c, &diags);
	cli_report_skipped(&diags);
	const struct entry *e = corpus_find(&c, id);
	if (!e && (rc == 0 || c.n > 0)) {
		char s[16];
		entry_id_format(id, s);
		fprintf(stderr, "ismsnav: %s is not in this corpus\n", s);
	}
	struct answer a;
	if (e && answer_layout(&a, &c, e, width) == 0) {
		for (size_t i = 0; i < a.doc.n; i++)
			print_line(&a.doc.lines[i], color);
		answer_free(&a);
	} else if (e) {
		fprintf(stderr, "ismsnav: out of memory laying out the answer\n");
		e = NULL;
	}
	corpus_free(&c);
	diag_list_free(&diags);
	if (fflush(stdout) != 0)
		return EXIT_PROBLEM;
	return e && rc == 0 ? EXIT_OK : EXIT_PROBLEM;
}
