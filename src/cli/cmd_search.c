/* `ismsnav search`, `refs` and `graph`: ranked search, the clause index
 * and the follow-up graph. All three read the search index rather than
 * the parsed corpus, so a warm start parses no file at all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ismsnav/graph.h"
#include "ismsnav/search.h"

#define SEARCH_DEFAULT_LIMIT 20
#define SEARCH_MAX_LIMIT 10000
#define GRAPH_DEFAULT_DEPTH 2
#define GRAPH_MAX_DEPTH 100

int cli_open_index(const struct cli *cli, struct search_index **idx, struct diag_list *later)
{
	if (cli->ncorpus == 0) {
		fprintf(stderr, "ismsnav: cannot find the bundled corpus; use --corpus DIR\n");
		return -1;
	}
	struct diag_list own = {0}, *diags = later ? later : &own;
	struct search_opts o = {.check_later = later != NULL};
	int rc = search_open(idx, cli->corpus_paths, cli->ncorpus, &o, diags);
	if (rc != 0)
		diag_print(diags, stderr, DIAG_ERROR);
	if (rc >= 0 && !later)
		cli_report_index(*idx, &own);
	diag_list_free(&own);
	return rc;
}

void cli_report_index(struct search_index *idx, struct diag_list *diags)
{
	struct diag_list files = {0};
	if (search_file_diags(idx, &files) == 0) {
		files.errors += diags->errors;
		cli_report_skipped(&files);
	} else {
		diag_print(&files, stderr, DIAG_ERROR);
	}
	diag_list_free(&files);
	diag_list_free(diags);
}

/* Parses a whole number from 1 to max; false when s is not one. */
static bool parse_count(const char *s, long max, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < 1 || v > max)
		return false;
	*out = v;
	return true;
}

/* ---- search ----------------------------------------------------------- */

/* The snippet's match markers as brackets for a terminal or a file. */
static void put_snippet(const char *s, FILE *out)
{
	for (; *s; s++)
		fputc(*s == SEARCH_MARK_ON ? '[' : *s == SEARCH_MARK_OFF ? ']' : *s, out);
}

static void put_json_string(const char *s, FILE *out)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == SEARCH_MARK_ON || c == SEARCH_MARK_OFF)
			fputc(c == SEARCH_MARK_ON ? '[' : ']', out);
		else if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void print_hits(const struct search_results *r, bool json)
{
	if (json)
		fputs("[", stdout);
	for (size_t i = 0; i < r->n; i++) {
		const struct search_hit *h = &r->v[i];
		char id[16];
		entry_id_format(h->id, id);
		if (json) {
			printf("%s\n  {\"id\": \"%s\", \"question\": ", i ? "," : "", id);
			put_json_string(h->question, stdout);
			fputs(", \"snippet\": ", stdout);
			put_json_string(h->snippet, stdout);
			fputs("}", stdout);
		} else {
			printf("%s\t%s\t", id, h->question);
			put_snippet(h->snippet, stdout);
			putchar('\n');
		}
	}
	if (json)
		fputs(r->n ? "\n]\n" : "]\n", stdout);
}

struct search_args {
	const char *format;
	long limit;
	struct isn_buf query;
};

static int search_args(int argc, char **argv, struct search_args *a)
{
	const char *limit = NULL;
	bool words = false;
	for (int i = 0; i < argc;) {
		int r = 0;
		if (!words && ((r = cli_opt_value(argc, argv, &i, "--limit", &limit)) ||
			       (r = cli_opt_value(argc, argv, &i, "--format", &a->format)))) {
			if (r < 0)
				return -1;
			continue;
		}
		if (!words && !strcmp(argv[i], "--")) {
			words = true;
		} else if (!words && argv[i][0] == '-' && argv[i][1]) {
			cli_usage_error("search: unknown option '%s'", argv[i]);
			return -1;
		} else if ((a->query.len && isn_buf_addc(&a->query, ' ') < 0) ||
			   isn_buf_adds(&a->query, argv[i]) < 0) {
			return -1;
		}
		i++;
	}
	if (limit && !parse_count(limit, SEARCH_MAX_LIMIT, &a->limit)) {
		cli_usage_error("search: --limit takes a number from 1 to %d", SEARCH_MAX_LIMIT);
		return -1;
	}
	if (strcmp(a->format, "tsv") != 0 && strcmp(a->format, "json") != 0) {
		cli_usage_error("search: unknown format '%s' (tsv, json)", a->format);
		return -1;
	}
	if (!a->query.len) {
		cli_usage_error("search: what for? (for example: ismsnav search access review)");
		return -1;
	}
	return 0;
}

int cmd_search(struct cli *cli, int argc, char **argv)
{
	struct search_args a = {.format = "tsv", .limit = SEARCH_DEFAULT_LIMIT};
	if (search_args(argc, argv, &a) < 0) {
		isn_buf_free(&a.query);
		return EXIT_USAGE;
	}
	struct search_index *idx;
	/* the files are stat()ed while the query runs */
	struct diag_list diags = {0};
	int rc = cli_open_index(cli, &idx, &diags);
	struct search_results r = {0};
	int found = -1;
	if (rc >= 0) {
		found = search_query(idx, a.query.data, (size_t)a.limit, 0, &r);
		cli_report_index(idx, &diags);
	}
	diag_list_free(&diags);
	if (found == 0 && r.note)
		fprintf(stderr, "ismsnav: %s\n", r.note);
	else if (found < 0 && rc >= 0)
		fprintf(stderr, "ismsnav: search failed: %s\n", r.note ? r.note : "out of memory");
	if (found == 0 && (r.n || !strcmp(a.format, "json")))
		print_hits(&r, !strcmp(a.format, "json"));
	if (found == 0 && r.n == 0)
		fprintf(stderr, "ismsnav: nothing found for '%s'\n", a.query.data);
	size_t hits = r.n;
	search_results_free(&r);
	if (rc >= 0)
		search_close(idx);
	isn_buf_free(&a.query);
	if (fflush(stdout) != 0)
		return EXIT_PROBLEM;
	return rc == 0 && found == 0 && hits ? EXIT_OK : EXIT_PROBLEM;
}

/* ---- refs ------------------------------------------------------------- */

static int print_counts(struct search_index *idx)
{
	struct search_ref_counts rc;
	if (search_ref_counts(idx, &rc) < 0)
		return -1;
	for (size_t i = 0; i < rc.n; i++)
		printf("%s\t%zu\t%zu\n", rc.v[i].ref, rc.v[i].primary, rc.v[i].overlap);
	search_ref_counts_free(&rc);
	return 0;
}

/* Returns how many entries cite ref, or -1. */
static long print_citations(struct search_index *idx, const char *ref)
{
	struct search_citations c;
	if (search_citations(idx, ref, &c) < 0)
		return -1;
	for (size_t i = 0; i < c.n; i++) {
		char id[16];
		entry_id_format(c.v[i].id, id);
		printf("%s\t%s\t%s\t%s\n", c.v[i].ref, id, c.v[i].primary ? "primary" : "overlap",
		       c.v[i].question);
	}
	long n = (long)c.n;
	search_citations_free(&c);
	return n;
}

int cmd_refs(struct cli *cli, int argc, char **argv)
{
	const char *ref = NULL;
	for (int i = 0; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1]) {
			cli_usage_error("refs: unknown option '%s'", argv[i]);
			return EXIT_USAGE;
		}
		if (ref) {
			cli_usage_error("refs: one reference at a time ('%s' is extra)", argv[i]);
			return EXIT_USAGE;
		}
		ref = argv[i];
	}
	struct search_index *idx;
	int rc = cli_open_index(cli, &idx, NULL);
	if (rc < 0)
		return EXIT_PROBLEM;
	long n = ref ? print_citations(idx, ref) : print_counts(idx);
	if (n < 0)
		fprintf(stderr, "ismsnav: cannot read the search index\n");
	else if (ref && n == 0)
		fprintf(stderr, "ismsnav: no entry cites '%s'\n", ref);
	search_close(idx);
	if (fflush(stdout) != 0)
		return EXIT_PROBLEM;
	return rc == 0 && n >= 0 && (!ref || n > 0) ? EXIT_OK : EXIT_PROBLEM;
}

/* ---- graph ------------------------------------------------------------ */

struct graph_args {
	const char *format, *from, *depth;
	unsigned id;
	long steps;
};

static int graph_args(int argc, char **argv, struct graph_args *a)
{
	for (int i = 0; i < argc;) {
		int r;
		if ((r = cli_opt_value(argc, argv, &i, "--format", &a->format)) ||
		    (r = cli_opt_value(argc, argv, &i, "--from", &a->from)) ||
		    (r = cli_opt_value(argc, argv, &i, "--depth", &a->depth))) {
			if (r < 0)
				return -1;
			continue;
		}
		cli_usage_error("graph: unexpected argument '%s'", argv[i]);
		return -1;
	}
	if (strcmp(a->format, "dot") != 0 && strcmp(a->format, "tsv") != 0) {
		cli_usage_error("graph: unknown format '%s' (dot, tsv)", a->format);
		return -1;
	}
	if (a->depth && !a->from) {
		cli_usage_error("graph: --depth needs --from ID");
		return -1;
	}
	if (a->from && !entry_id_parse(a->from, &a->id)) {
		cli_usage_error("graph: '%s' is not a question ID (like Q001)", a->from);
		return -1;
	}
	if (a->depth && !parse_count(a->depth, GRAPH_MAX_DEPTH, &a->steps)) {
		cli_usage_error("graph: --depth takes a number from 1 to %d", GRAPH_MAX_DEPTH);
		return -1;
	}
	return 0;
}

static int print_graph(struct search_index *idx, const struct graph_args *a)
{
	struct graph g;
	if (graph_build(idx, a->from ? &a->id : NULL, (unsigned)a->steps, &g) < 0) {
		fprintf(stderr, "ismsnav: cannot read the search index\n");
		return -1;
	}
	const struct graph_node *start = a->from ? graph_node(&g, a->id) : NULL;
	int rc = 0;
	if (a->from && (!start || start->missing)) {
		char s[16];
		entry_id_format(a->id, s);
		fprintf(stderr, "ismsnav: %s is not in this corpus\n", s);
		rc = -1;
	}
	struct isn_buf out = {0};
	if (rc == 0 && (!strcmp(a->format, "dot") ? graph_dot(&g, &out) : graph_tsv(&g, &out)) < 0) {
		fprintf(stderr, "ismsnav: out of memory\n");
		rc = -1;
	}
	if (rc == 0 && out.len)
		fwrite(out.data, 1, out.len, stdout);
	isn_buf_free(&out);
	graph_free(&g);
	return rc;
}

int cmd_graph(struct cli *cli, int argc, char **argv)
{
	struct graph_args a = {.format = "dot", .steps = GRAPH_DEFAULT_DEPTH};
	if (graph_args(argc, argv, &a) < 0)
		return EXIT_USAGE;
	struct search_index *idx;
	int rc = cli_open_index(cli, &idx, NULL);
	if (rc < 0)
		return EXIT_PROBLEM;
	int printed = print_graph(idx, &a);
	search_close(idx);
	if (fflush(stdout) != 0)
		return EXIT_PROBLEM;
	return rc == 0 && printed == 0 ? EXIT_OK : EXIT_PROBLEM;
}
