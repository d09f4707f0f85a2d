/* `ismsnav register`: list the registers, print one as a table, CSV, JSON
 * or Markdown, show one row, and add, change, delete or import rows. Every
 * change goes through the store, which validates it in full first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ismsnav/regfmt.h"
#include "ismsnav/store.h"
#include "ismsnav/text.h"

#define REGISTER_MAX_WIDTH 10000

static const char actions[] = "show, add, set, delete, import";

int cli_open_store(const struct cli *cli, struct store **s)
{
	char err[REG_ERR_MAX];

	if (store_open(s, cli->db_path, cli->demo ? STORE_DEMO : 0, err, sizeof(err)) < 0) {
		fprintf(stderr, "ismsnav: %s\n", err);
		return -1;
	}
	if (store_notice(*s))
		fprintf(stderr, "ismsnav: note: %s: %s\n", store_path(*s), store_notice(*s));
	return 0;
}

static int store_error(const char *err)
{
	fprintf(stderr, "ismsnav: %s\n", err);
	return EXIT_PROBLEM;
}

/* Writes out what was printed; a full disk or closed pipe is a problem. */
static int flush(struct isn_buf *b)
{
	size_t n = b->len;
	bool ok = !n || fwrite(b->data, 1, n, stdout) == n;

	isn_buf_free(b);
	if (fflush(stdout) != 0 || !ok) {
		fprintf(stderr, "ismsnav: cannot write the output\n");
		return EXIT_PROBLEM;
	}
	return EXIT_OK;
}

static void register_names(char *out, size_t outlen)
{
	size_t o = 0;

	out[0] = '\0';
	for (int k = 0; k < REG_COUNT && o < outlen; k++)
		o += (size_t)snprintf(out + o, outlen - o, "%s%s", k ? ", " : "",
				      reg_def((enum reg_kind)k)->name);
}

/* `ismsnav register`: each register's name, row count and title. */
static int list_registers(const struct cli *cli)
{
	char err[REG_ERR_MAX];
	struct store *s;
	int rc = EXIT_OK;

	if (cli_open_store(cli, &s) < 0)
		return EXIT_PROBLEM;
	for (int k = 0; k < REG_COUNT && rc == EXIT_OK; k++) {
		struct reg_table t;

		if (store_load(s, (enum reg_kind)k, &t, err, sizeof(err)) < 0) {
			rc = store_error(err);
			break;
		}
		printf("%-15s %4zu  %s\n", t.def->name, t.n, t.def->title);
		reg_table_free(&t);
	}
	store_close(s);
	if (fflush(stdout) != 0)
		return EXIT_PROBLEM;
	return rc;
}

/* ---- printing a register ---- */

static int terminal_width(void)
{
	struct winsize ws;
	const char *cols = getenv("COLUMNS");

	if (!isatty(STDOUT_FILENO))
		return 0; /* a pipe or file gets every column whole */
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (cols && atoi(cols) > 0)
		return atoi(cols);
	return 80;
}

static int revisions_of(void *ctx, const char *id, struct reg_table *out)
{
	char err[REG_ERR_MAX];

	if (store_revisions(ctx, id, out, err, sizeof(err)) < 0) {
		fprintf(stderr, "ismsnav: %s\n", err);
		return -1;
	}
	return 0;
}

static int format(const struct cli *cli, struct store *s, const struct reg_table *t,
		  const char *fmt, int width, struct isn_buf *b)
{
	if (!strcmp(fmt, "csv"))
		return regfmt_csv(t, NULL, t->n, b);
	if (!strcmp(fmt, "json"))
		return regfmt_json(t, NULL, t->n, t->def->kind == REG_DOC ? revisions_of : NULL, s,
				   b);
	if (!strcmp(fmt, "md"))
		return regfmt_md(t, NULL, t->n, b);
	return regfmt_table(t, NULL, t->n, width, cli->utf8 ? "\xE2\x80\xA6" : "...", b);
}

static int parse_print_options(int argc, char **argv, const char **fmt, int *width)
{
	const char *w = NULL;

	for (int i = 0; i < argc;) {
		int r;

		if ((r = cli_opt_value(argc, argv, &i, "--format", fmt)) ||
		    (r = cli_opt_value(argc, argv, &i, "--width", &w))) {
			if (r < 0)
				return -1;
			continue;
		}
		cli_usage_error("register: unexpected argument '%s' (actions: %s)", argv[i],
				actions);
		return -1;
	}
	if (strcmp(*fmt, "table") && strcmp(*fmt, "csv") && strcmp(*fmt, "json") &&
	    strcmp(*fmt, "md")) {
		cli_usage_error("register: unknown format '%s' (table, csv, json, md)", *fmt);
		return -1;
	}
	if (w) {
		char *end;
		long v = strtol(w, &end, 10);

		if (*end || end == w || v < 0 || v > REGISTER_MAX_WIDTH) {
			cli_usage_error("register: --width must be 0 (no limit) to %d, not '%s'",
					REGISTER_MAX_WIDTH, w);
			return -1;
		}
		*width = (int)v;
	}
	return 0;
}

static int print_register(const struct cli *cli, const struct reg_def *d, int argc,
			  char **argv)
{
	const char *fmt = "table";
	int width = terminal_width(), rc;
	struct isn_buf b = {0};
	char err[REG_ERR_MAX];
	struct reg_table t;
	struct store *s;

	if (parse_print_options(argc, argv, &fmt, &width) < 0)
		return EXIT_USAGE;
	if (cli_open_store(cli, &s) < 0)
		return EXIT_PROBLEM;
	if (store_load(s, d->kind, &t, err, sizeof(err)) < 0) {
		store_close(s);
		return store_error(err);
	}
	rc = format(cli, s, &t, fmt, width, &b);
	reg_table_free(&t);
	store_close(s);
	if (rc < 0) {
		isn_buf_free(&b);
		fprintf(stderr, "ismsnav: %s could not be printed\n", d->name);
		return EXIT_PROBLEM;
	}
	return flush(&b);
}

/* ---- one row ---- */

/* Prints "Label: value", values aligned, a value's later lines under its
 * first; control characters made visible, no trailing spaces. */
static void print_field(const char *label, int label_width, const char *value)
{
	char *lf = isn_strdup(value), *safe, *w = lf;
	const char *p;
	int indent = label_width - text_width(label, strlen(label)) + 1;

	/* a CRLF from a spreadsheet is one line break, not a space and one */
	for (const char *r = value; lf && *r; r++)
		if (r[0] != '\r' || r[1] != '\n')
			*w++ = *r;
	if (lf)
		*w = '\0';
	safe = lf ? text_sanitize(lf, strlen(lf), true) : NULL;
	free(lf);
	p = safe ? safe : "";

	printf("%s:", label);
	for (;;) {
		size_t n = strcspn(p, "\n");

		if (n)
			printf("%*s%.*s", indent, "", (int)n, p);
		putchar('\n');
		if (!p[n])
			break;
		p += n + 1;
		indent = label_width + 2;
	}
	free(safe);
}

/* A document's revisions, one per line under a heading, columns aligned. */
static int print_revisions(struct store *s, const char *id)
{
	struct isn_buf line = {0};
	struct reg_table t;
	char err[REG_ERR_MAX];
	int w[4] = {0};

	if (store_revisions(s, id, &t, err, sizeof(err)) < 0)
		return store_error(err);
	for (size_t r = 0; r < t.n; r++)
		for (int c = 0; c < 4; c++) {
			int cw = text_width(t.rows[r].cell[c], strlen(t.rows[r].cell[c]));

			w[c] = cw > w[c] ? cw : w[c];
		}
	printf("\nRevisions:%s\n", t.n ? "" : " none");
	for (size_t r = 0; r < t.n; r++) {
		line.len = 0;
		for (int c = 0; c < 4; c++) {
			char *v = text_sanitize(t.rows[r].cell[c], strlen(t.rows[r].cell[c]), false);
			const char *shown = v ? v : "";
			int pad = w[c] - text_width(shown, strlen(shown));

			isn_buf_printf(&line, "  %s%*s", shown, pad > 0 ? pad : 0, "");
			free(v);
		}
		while (line.len && line.data[line.len - 1] == ' ')
			line.data[--line.len] = '\0';
		printf("%s\n", line.data ? line.data : "");
	}
	isn_buf_free(&line);
	reg_table_free(&t);
	return EXIT_OK;
}

static int parse_id(const struct reg_def *d, const char *in, char *key, size_t keylen)
{
	if (reg_parse_id(d, in, key, keylen) == 0)
		return 0;
	fprintf(stderr, "ismsnav: '%s' is not an ID of %s (such as %s)\n", in, d->name,
		d->kind == REG_SOA ? "5.1 or A.8.13" : d->kind == REG_RISK ? "R-001"
					 : d->kind == REG_DOC ? "DOC-001" : "A-001");
	return -1;
}

static int show_row(const struct cli *cli, const struct reg_def *d, int argc, char **argv)
{
	char key[32], err[REG_ERR_MAX];
	struct store *s;
	char **cells;
	int width = 0, rc = EXIT_OK;

	if (argc != 1) {
		cli_usage_error("register %s show needs one ID", d->name);
		return EXIT_USAGE;
	}
	if (parse_id(d, argv[0], key, sizeof(key)) < 0)
		return EXIT_PROBLEM;
	if (cli_open_store(cli, &s) < 0)
		return EXIT_PROBLEM;
	if (store_get(s, d->kind, key, &cells, err, sizeof(err)) < 0) {
		store_close(s);
		return store_error(err);
	}
	if (!cells) {
		store_close(s);
		fprintf(stderr, "ismsnav: %s has no row %s\n", d->name, key);
		return EXIT_PROBLEM;
	}
	for (size_t i = 0; i < d->nfields; i++) {
		int w = text_width(d->fields[i].label, strlen(d->fields[i].label));

		width = w > width ? w : width;
	}
	for (size_t i = 0; i < d->nfields; i++)
		if (!(d->fields[i].flags & RF_PSEUDO))
			print_field(d->fields[i].label, width, cells[i]);
	if (d->kind == REG_DOC)
		rc = print_revisions(s, key);
	reg_row_free(d, cells);
	store_close(s);
	if (fflush(stdout) != 0)
		return EXIT_PROBLEM;
	return rc;
}

/* ---- changes ---- */

/* FIELD=VALUE arguments as assignments, split in place at the first '='. */
static struct reg_assign *assignments(const struct reg_def *d, const char *action, int argc,
				      char **argv)
{
	struct reg_assign *as;

	if (argc < 1) {
		cli_usage_error("register %s %s needs FIELD=VALUE arguments", d->name, action);
		return NULL;
	}
	if (!(as = calloc((size_t)argc, sizeof(*as)))) {
		fprintf(stderr, "ismsnav: out of memory\n");
		return NULL;
	}
	for (int i = 0; i < argc; i++) {
		char *eq = strchr(argv[i], '=');

		if (!eq || eq == argv[i]) {
			cli_usage_error("register %s %s: '%s' is not FIELD=VALUE", d->name,
					action, argv[i]);
			free(as);
			return NULL;
		}
		*eq = '\0';
		as[i] = (struct reg_assign){argv[i], eq + 1};
	}
	return as;
}

static int add_row(const struct cli *cli, const struct reg_def *d, int argc, char **argv)
{
	struct reg_assign *as = assignments(d, "add", argc, argv);
	char id[32], err[REG_ERR_MAX];
	struct store *s;
	int rc;

	if (!as)
		return EXIT_USAGE;
	if (d->fixed_rows) {
		/* the store would take an existing control's row as a change */
		fprintf(stderr, "ismsnav: %s rows cannot be added: it keeps one row per Annex A "
				"control; change them with 'ismsnav register %s set'\n", d->name,
			d->name);
		free(as);
		return EXIT_PROBLEM;
	}
	if (cli_open_store(cli, &s) < 0) {
		free(as);
		return EXIT_PROBLEM;
	}
	rc = store_add(s, d->kind, as, (size_t)argc, id, sizeof(id), err, sizeof(err));
	store_close(s);
	free(as);
	if (rc < 0)
		return store_error(err);
	printf("%s\n", id);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_PROBLEM;
}

static int set_row(const struct cli *cli, const struct reg_def *d, int argc, char **argv)
{
	struct reg_assign *as;
	char key[32], err[REG_ERR_MAX];
	struct store *s;
	int rc;

	if (argc < 1) {
		cli_usage_error("register %s set needs an ID and FIELD=VALUE arguments", d->name);
		return EXIT_USAGE;
	}
	if (!(as = assignments(d, "set", argc - 1, argv + 1)))
		return EXIT_USAGE;
	if (parse_id(d, argv[0], key, sizeof(key)) < 0 || cli_open_store(cli, &s) < 0) {
		free(as);
		return EXIT_PROBLEM;
	}
	rc = store_set(s, d->kind, key, as, (size_t)argc - 1, err, sizeof(err));
	store_close(s);
	free(as);
	return rc < 0 ? store_error(err) : EXIT_OK;
}

static int delete_row(const struct cli *cli, const struct reg_def *d, int argc, char **argv)
{
	char err[REG_ERR_MAX];
	struct store *s;
	int rc;

	if (argc != 1) {
		cli_usage_error("register %s delete needs one ID", d->name);
		return EXIT_USAGE;
	}
	if (cli_open_store(cli, &s) < 0)
		return EXIT_PROBLEM;
	rc = store_delete(s, d->kind, argv[0], err, sizeof(err));
	store_close(s);
	return rc < 0 ? store_error(err) : EXIT_OK;
}

static int import_file(const struct cli *cli, const struct reg_def *d, int argc, char **argv)
{
	char err[REG_ERR_MAX];
	struct store *s;
	size_t count;
	int rc;

	if (argc != 1) {
		cli_usage_error("register %s import needs one CSV file", d->name);
		return EXIT_USAGE;
	}
	if (cli_open_store(cli, &s) < 0)
		return EXIT_PROBLEM;
	rc = store_import_csv(s, d->kind, argv[0], &count, err, sizeof(err));
	store_close(s);
	if (rc < 0)
		return store_error(err);
	printf("%s: %zu row%s imported\n", d->name, count, count == 1 ? "" : "s");
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_PROBLEM;
}

int cmd_register(struct cli *cli, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(const struct cli *, const struct reg_def *, int, char **);
	} acts[] = {
		{"show", show_row},     {"add", add_row},         {"set", set_row},
		{"delete", delete_row}, {"import", import_file},
	};
	const struct reg_def *d;
	char names[128];

	if (argc == 0)
		return list_registers(cli);
	if (!(d = reg_find(argv[0]))) {
		register_names(names, sizeof(names));
		cli_usage_error("no register '%s' (registers: %s)", argv[0], names);
		return EXIT_USAGE;
	}
	if (argc == 1 || argv[1][0] == '-')
		return print_register(cli, d, argc - 1, argv + 1);
	for (size_t i = 0; i < ISN_ARRAY_LEN(acts); i++)
		if (!strcmp(argv[1], acts[i].name))
			return acts[i].run(cli, d, argc - 2, argv + 2);
	cli_usage_error("register %s: unknown action '%s' (%s)", d->name, argv[1], actions);
	return EXIT_USAGE;
}
