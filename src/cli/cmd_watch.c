/* `ismsnav watch`: keeps watching the corpus for changes, so that other
 * ismsnav processes can trust the search index without stat()ing every
 * file (watch.h). Runs until interrupted. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ismsnav/search.h"
#include "ismsnav/util.h"
#include "ismsnav/watch.h"

static int stop_pipe[2] = {-1, -1};

static void on_stop(int sig)
{
	(void)sig;
	int saved = errno;
	if (write(stop_pipe[1], "x", 1) < 0) {
		/* the pipe is full: a stop is already pending */
	}
	errno = saved;
}

static int catch_stops(void)
{
	if (pipe(stop_pipe) < 0)
		return -1;
	struct sigaction sa = {.sa_handler = on_stop};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	return 0;
}

/* Brings the index up to date once the watches are in place, so that any
 * change made before them is found, and tells the watcher it may answer
 * "clean". */
static void first_check(struct search_index *idx, struct watcher *w)
{
	struct diag_list again = {0};
	uint64_t token = watcher_token(w);
	if (search_refresh(idx, &again) >= 0 && search_cache_file(idx))
		watcher_done(w, token);
	diag_list_free(&again); /* said already when the index was opened */
}

int cmd_watch(struct cli *cli, int argc, char **argv)
{
	if (argc > 0) {
		cli_usage_error("watch: unexpected argument '%s'", argv[0]);
		return EXIT_USAGE;
	}
	struct search_index *idx;
	if (cli_open_index(cli, &idx, NULL) < 0)
		return EXIT_PROBLEM;
	const char *file = search_cache_file(idx);
	if (!file) {
		const char *why = search_stats(idx)->why;
		fprintf(stderr, "ismsnav: the search index is kept in memory (%s): nothing to watch\n",
			why ? why : "no cache folder");
		search_close(idx);
		return EXIT_PROBLEM;
	}
	char *index_file = isn_strdup(file);
	struct diag_list diags = {0};
	struct watcher *w = NULL;
	int rc = EXIT_PROBLEM;
	if (!index_file || catch_stops() < 0) {
		fprintf(stderr, "ismsnav: watch: %s\n", strerror(errno));
	} else if (watcher_open(&w, cli->corpus_paths, cli->ncorpus, index_file, &diags) == 0) {
		first_check(idx, w);
		search_close(idx);
		idx = NULL;
		if (watcher_listen(w, &diags) == 0) {
			fprintf(stderr,
				"ismsnav: watching the corpus for changes (%zu folder%s); "
				"searches skip the file check meanwhile. Ctrl-C stops.\n",
				watcher_count(w), watcher_count(w) == 1 ? "" : "s");
			rc = watcher_run(w, stop_pipe[0], &diags) == 0 ? EXIT_OK : EXIT_PROBLEM;
		}
	}
	diag_print(&diags, stderr, DIAG_WARNING);
	diag_list_free(&diags);
	watcher_close(w);
	search_close(idx);
	free(index_file);
	return rc;
}
