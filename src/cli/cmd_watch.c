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

/* The signal handlers only write the signal's letter to a pipe, which
 * watcher_run watches: 'z' to be suspended, 'x' to stop. */
static void on_signal(int sig)
{
	int saved = errno;
	char c = sig == SIGTSTP ? 'z' : 'x';
	if (write(stop_pipe[1], &c, 1) < 0) {
		/* the pipe is full: a stop is already pending */
	}
	errno = saved;
}

static void set_handler(int sig, void (*fn)(int))
{
	struct sigaction sa = {.sa_handler = fn};
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static int catch_signals(void)
{
	if (pipe(stop_pipe) < 0)
		return -1;
	set_handler(SIGINT, on_signal);
	set_handler(SIGTERM, on_signal);
	set_handler(SIGHUP, on_signal);
	set_handler(SIGTSTP, on_signal);
	return 0;
}

/* Ctrl-Z: a suspended watcher would keep every start waiting for its
 * answer, so it takes its socket away first, and puts it back when it
 * goes on. The changes made meanwhile are queued by the kernel and
 * counted then (or overflow the queue, which counts as a change too). */
static int suspend(struct watcher *w, struct diag_list *diags)
{
	watcher_unlisten(w);
	set_handler(SIGTSTP, SIG_DFL);
	raise(SIGTSTP);
	set_handler(SIGTSTP, on_signal);
	return watcher_listen(w, diags);
}

/* Answers until a signal stops it; returns an exit status. */
static int serve(struct watcher *w, struct diag_list *diags)
{
	for (;;) {
		if (watcher_run(w, stop_pipe[0], diags) < 0)
			return EXIT_PROBLEM;
		char c;
		if (read(stop_pipe[0], &c, 1) != 1 || c != 'z')
			return EXIT_OK;
		if (suspend(w, diags) < 0)
			return EXIT_PROBLEM;
	}
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
	if (!index_file || catch_signals() < 0) {
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
			rc = serve(w, &diags);
		}
	}
	diag_print(&diags, stderr, DIAG_WARNING);
	diag_list_free(&diags);
	watcher_close(w);
	search_close(idx);
	free(index_file);
	return rc;
}
