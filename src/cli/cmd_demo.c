/* `ismsnav demo reset`: put the demo data back into the register file after
 * a workshop. It asks before replacing anything else, and a file that is
 * not an ismsnav database is moved aside, never overwritten. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ismsnav/store.h"

#define BACKUP_TRIES 100

/* Asks a yes/no question on the terminal. Returns 1 for yes, 0 for no,
 * -1 when there is no terminal to ask on. */
static int confirm(const char *question)
{
	FILE *tty = NULL, *in = stdin, *out = stderr;
	char answer[64] = "";

	if (!isatty(STDIN_FILENO)) {
		/* stdin may be a file or pipe while a person still sits at the
		 * terminal, as with `ssh` or `git` asking for a password */
		if (!(tty = fopen("/dev/tty", "r+")))
			return -1;
		in = out = tty;
	}
	fprintf(out, "%s [y/N] ", question);
	fflush(out);
	if (!fgets(answer, sizeof(answer), in))
		answer[0] = '\0';
	if (tty)
		fclose(tty);
	return answer[0] == 'y' || answer[0] == 'Y';
}

/* True when --yes was given or the user agrees; otherwise says that path
 * was left alone, and how to go ahead without a terminal. */
static bool agreed(const char *question, bool yes, const char *path, const char *action)
{
	int r;

	if (yes)
		return true;
	r = confirm(question);
	if (r == 1)
		return true;
	if (r < 0)
		fprintf(stderr, "ismsnav: %s was left as it was: there is no terminal to ask "
				"on; run again with --yes to %s\n", path, action);
	else
		fprintf(stderr, "ismsnav: %s was left as it was\n", path);
	return false;
}

/* Moves from to to unless `to` exists; link(2) makes the test and the move
 * one step, so a backup is never overwritten. */
static int move_new(const char *from, const char *to)
{
	struct stat st;

	if (link(from, to) == 0)
		return unlink(from);
	if (errno == EEXIST)
		return -1;
	/* file systems without hard links */
	if (lstat(to, &st) == 0) {
		errno = EEXIST;
		return -1;
	}
	return rename(from, to);
}

/* Moves path's SQLite side files (an unfinished journal or WAL) along with
 * it: left behind, they would be taken for the new file's own. */
static int move_side_files(const char *path, const char *bak)
{
	static const char *const suffix[] = {"-wal", "-shm", "-journal"};
	int rc = 0;

	for (size_t i = 0; i < ISN_ARRAY_LEN(suffix) && rc == 0; i++) {
		char *from = isn_asprintf("%s%s", path, suffix[i]);
		char *to = isn_asprintf("%s%s", bak, suffix[i]);

		if (!from || !to)
			rc = -1;
		else if (access(from, F_OK) == 0 && move_new(from, to) < 0) {
			fprintf(stderr, "ismsnav: cannot move %s to %s: %s\n", from, to,
				strerror(errno));
			rc = -1;
		}
		free(from);
		free(to);
	}
	return rc;
}

/* Moves path to the first free name of path.bak, path.bak2, ...; returns
 * that name (newly allocated) or NULL, having said why. */
static char *move_aside(const char *path)
{
	for (int i = 1; i <= BACKUP_TRIES; i++) {
		char *bak = i == 1 ? isn_asprintf("%s.bak", path) : isn_asprintf("%s.bak%d", path, i);

		if (!bak) {
			fprintf(stderr, "ismsnav: out of memory\n");
			return NULL;
		}
		if (move_new(path, bak) == 0) {
			if (move_side_files(path, bak) == 0)
				return bak;
			free(bak);
			return NULL;
		}
		if (errno != EEXIST) {
			fprintf(stderr, "ismsnav: cannot move %s to %s: %s\n", path, bak,
				strerror(errno));
			free(bak);
			return NULL;
		}
		free(bak);
	}
	fprintf(stderr, "ismsnav: %s.bak to %s.bak%d all exist; remove some first\n", path, path,
		BACKUP_TRIES);
	return NULL;
}

/* Whether a file that store_open refused may be moved aside: only one
 * that is not SQLite at all, or is SQLite but not ours or damaged. A file
 * that is locked, unreadable or in a read-only folder stays where it is. */
static bool replaceable(const char *path, const char *err)
{
	static const char magic[16] = "SQLite format 3";
	char head[16] = {0};
	struct stat st;
	FILE *f;
	size_t n;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || !(f = fopen(path, "rb")))
		return false;
	n = fread(head, 1, sizeof(head), f);
	fclose(f);
	if (n < sizeof(head) || memcmp(head, magic, sizeof(magic)) != 0)
		return true;
	/* store_open reports the reason in words only; see its messages */
	return strstr(err, "not an ismsnav register file") || strstr(err, "is damaged") ||
	       strstr(err, "not an SQLite database");
}

/* Opens the file, moving a foreign or damaged one aside first (if agreed). */
static int open_or_replace(const char *path, bool yes, struct store **s, bool *created)
{
	char err[REG_ERR_MAX], question[REG_ERR_MAX];
	char *bak;

	*created = access(path, F_OK) != 0;
	if (store_open(s, path, 0, err, sizeof(err)) == 0)
		return 0;
	if (*created || !replaceable(path, err)) {
		fprintf(stderr, "ismsnav: %s\n", err);
		return -1;
	}
	if (!yes)
		fprintf(stderr, "ismsnav: %s\n", err);
	snprintf(question, sizeof(question), "%s is not an ismsnav register file. Move it "
		 "aside and create a new one with the demo data?", path);
	if (!agreed(question, yes, path, "move it aside and create a new one"))
		return -1;
	if (!(bak = move_aside(path)))
		return -1;
	printf("%s is not an ismsnav register file: moved it to %s\n", path, bak);
	free(bak);
	*created = true;
	if (store_open(s, path, 0, err, sizeof(err)) < 0) {
		fprintf(stderr, "ismsnav: %s\n", err);
		return -1;
	}
	return 0;
}

/* Replaces what the file holds with the demo data, if agreed. */
static int replace(struct store *s, const char *path, bool yes)
{
	char err[REG_ERR_MAX], question[REG_ERR_MAX];

	snprintf(question, sizeof(question), "%s holds other data than the demo. Replace it "
		 "with the demo data?", path);
	if (!agreed(question, yes, path, "replace what it holds with the demo data"))
		return EXIT_PROBLEM;
	if (store_demo_reset(s, err, sizeof(err)) < 0) {
		fprintf(stderr, "ismsnav: %s\n", err);
		return EXIT_PROBLEM;
	}
	printf("%s: the demo data was restored\n", path);
	return EXIT_OK;
}

static int reset(const struct cli *cli, bool yes)
{
	const char *path = cli->db_path;
	char err[REG_ERR_MAX];
	bool created, differs;
	struct store *s;
	int rc = EXIT_OK;

	if (open_or_replace(path, yes, &s, &created) < 0)
		return EXIT_PROBLEM;
	if (store_notice(s))
		fprintf(stderr, "ismsnav: note: %s: %s\n", path, store_notice(s));
	if (created) {
		printf("%s: created with the demo data\n", path);
	} else if (store_demo_differs(s, &differs, err, sizeof(err)) < 0) {
		fprintf(stderr, "ismsnav: %s\n", err);
		rc = EXIT_PROBLEM;
	} else if (!differs) {
		printf("%s already holds exactly the demo data; nothing to do\n", path);
	} else {
		rc = replace(s, path, yes);
	}
	store_close(s);
	if (fflush(stdout) != 0)
		rc = EXIT_PROBLEM;
	return rc;
}

int cmd_demo(struct cli *cli, int argc, char **argv)
{
	bool yes = false;

	if (argc < 1 || strcmp(argv[0], "reset")) {
		cli_usage_error("demo: the only action is 'reset' (ismsnav demo reset [--yes])");
		return EXIT_USAGE;
	}
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--yes") && strcmp(argv[i], "-y")) {
			cli_usage_error("demo reset: unexpected argument '%s'", argv[i]);
			return EXIT_USAGE;
		}
		yes = true;
	}
	if (cli->demo) {
		cli_usage_error("demo reset works on a file, and --demo has none (use --db FILE)");
		return EXIT_USAGE;
	}
	return reset(cli, yes);
}
