/* Watching the corpus (`ismsnav watch`): a watcher that saw no change lets
 * a start skip the file check; every kind of change (an edit, a new
 * folder and a file in it, a removal, a linked file's target) makes the
 * next start check again and find it; what the protocol must refuse. */
#include <criterion/criterion.h>

#ifdef __linux__

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"
#include "ismsnav/search.h"
#include "ismsnav/util.h"
#include "ismsnav/watch.h"

static char root[TEMP_ROOT_MAX], corpus[TEMP_PATH_MAX], cache[TEMP_PATH_MAX];

static void setup(void)
{
	test_locale();
	temp_corpus("watch", "search", root, corpus, cache);
}

static void teardown(void)
{
	temp_corpus_remove(root);
}

TestSuite(watch, .init = setup, .fini = teardown);

static void path_of(char *out, size_t cap, const char *name)
{
	snprintf(out, cap, "%s/%s", corpus, name);
}

/* Writes a file with its time in the past, so that only the watcher, not
 * a recent time, can tell that it changed. */
static void write_file(const char *name, const char *text)
{
	char path[256];
	path_of(path, sizeof path, name);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f, "%s", path);
	fputs(text, f);
	fclose(f);
	struct timespec t[2];
	clock_gettime(CLOCK_REALTIME, &t[0]);
	t[0].tv_sec -= 50;
	t[1] = t[0];
	cr_assert_eq(utimensat(AT_FDCWD, path, t, 0), 0);
}

static struct search_index *open_corpus(const char *const *roots, size_t n)
{
	struct search_opts o = {.cache_dir = cache};
	struct search_index *idx = NULL;
	struct diag_list d = {0};
	cr_assert_geq(search_open(&idx, roots, n, &o, &d), 0);
	diag_list_free(&d);
	return idx;
}

/* ---- a watcher on a thread ---------------------------------------------- */

struct running {
	struct watcher *w;
	char *index_file;
	int stop[2];
	pthread_t th;
	int rc;
};

static void *run(void *arg)
{
	struct running *r = arg;
	struct diag_list d = {0};
	r->rc = watcher_run(r->w, r->stop[0], &d);
	diag_list_free(&d);
	return NULL;
}

/* What `ismsnav watch` does: open the index, watch, check once more,
 * then answer. */
static void start_on(struct running *r, const char *const *roots, size_t n)
{
	struct search_index *idx = open_corpus(roots, n);
	r->index_file = isn_strdup(search_cache_file(idx));
	struct diag_list d = {0};
	cr_assert_eq(watcher_open(&r->w, roots, n, r->index_file, &d), 0);
	uint64_t token = watcher_token(r->w);
	cr_assert_geq(search_refresh(idx, &d), 0);
	watcher_done(r->w, token);
	search_close(idx);
	cr_assert_eq(watcher_listen(r->w, &d), 0);
	diag_list_free(&d);
	cr_assert_eq(pipe(r->stop), 0);
	cr_assert_eq(pthread_create(&r->th, NULL, run, r), 0);
}

static void start(struct running *r)
{
	const char *roots[] = {corpus};
	start_on(r, roots, 1);
}

static void stop(struct running *r)
{
	cr_assert_eq(write(r->stop[1], "x", 1), 1);
	pthread_join(r->th, NULL);
	cr_assert_eq(r->rc, 0);
	watcher_close(r->w);
	close(r->stop[0]);
	close(r->stop[1]);
	free(r->index_file);
}

/* Opens the index as a command would: true when the watcher spared the
 * check. */
static bool opens_watched(const char *q, bool *found)
{
	const char *roots[] = {corpus};
	struct search_index *idx = open_corpus(roots, 1);
	bool watched = search_stats(idx)->watched;
	if (q) {
		struct search_results r;
		cr_assert_eq(search_query(idx, q, 20, 0, &r), 0);
		*found = r.n > 0;
		search_results_free(&r);
	}
	search_close(idx);
	return watched;
}

static bool finds(const char *q, bool *watched)
{
	bool found = false;
	*watched = opens_watched(q, &found);
	return found;
}

/* ---- tests ---------------------------------------------------------------- */

Test(watch, a_clean_watcher_spares_the_check)
{
	struct running r;
	start(&r);
	const char *roots[] = {corpus};
	struct search_index *idx = open_corpus(roots, 1);
	const struct search_stats *s = search_stats(idx);
	cr_assert(s->watched);
	cr_assert_eq(s->parsed, 0);
	cr_assert_eq(s->files, 8);
	cr_assert_eq(s->entries, 7);
	struct diag_list d = {0};
	cr_assert_eq(search_file_diags(idx, &d), 0);
	diag_list_free(&d);
	search_close(idx);
	stop(&r);
	cr_assert_not(opens_watched(NULL, NULL), "no watcher: the files are checked");
}

Test(watch, an_edit_is_found_then_trusted_again)
{
	struct running r;
	start(&r);
	bool watched;
	cr_assert_not(finds("zeppelins", &watched));
	cr_assert(watched);
	write_file("b-audit.md", "id: Q2\nquery: What is an internal audit?\n---\nZeppelins.\n");
	cr_assert(finds("zeppelins", &watched));
	cr_assert_not(watched, "a change: the files were checked");
	cr_assert(finds("zeppelins", &watched));
	cr_assert(watched, "checked since: trusted again");
	stop(&r);
}

Test(watch, a_new_folder_and_the_files_put_in_it)
{
	struct running r;
	start(&r);
	char dir[256];
	path_of(dir, sizeof dir, "new");
	cr_assert_eq(mkdir(dir, 0755), 0);
	bool watched;
	cr_assert_not(finds("hangar", &watched));
	cr_assert_not(watched);
	/* the folder is watched now: a file in it is a change */
	write_file("new/h.md", "id: Q8\nquery: Where is the hangar?\n---\nThere.\n");
	cr_assert(finds("hangar", &watched));
	cr_assert_not(watched);
	write_file("new/h.md", "id: Q8\nquery: Where is the airfield?\n---\nThere.\n");
	cr_assert(finds("airfield", &watched));
	cr_assert_not(watched);
	cr_assert(finds("airfield", &watched));
	cr_assert(watched);
	stop(&r);
}

Test(watch, a_removed_file_and_a_renamed_folder)
{
	struct running r;
	start(&r);
	char from[256], to[256];
	bool watched;
	cr_assert(finds("classification", &watched));
	path_of(from, sizeof from, "c-classify.md");
	cr_assert_eq(unlink(from), 0);
	cr_assert_not(finds("classification", &watched));
	cr_assert_not(watched);
	/* a folder renamed hidden leaves the corpus */
	cr_assert(finds("repositories", &watched));
	path_of(from, sizeof from, "sub");
	path_of(to, sizeof to, ".sub");
	cr_assert_eq(rename(from, to), 0);
	cr_assert_not(finds("repositories", &watched));
	cr_assert_not(watched);
	cr_assert_eq(rename(to, from), 0);
	cr_assert(finds("repositories", &watched));
	cr_assert_not(watched);
	stop(&r);
}

Test(watch, hidden_files_are_no_change)
{
	struct running r;
	start(&r);
	write_file(".b-audit.md.swp", "an editor's swap file");
	bool watched;
	cr_assert_not(finds("zeppelins", &watched));
	cr_assert(watched);
	stop(&r);
}

/* A link to a file elsewhere, even to a hidden one, is watched there. */
Test(watch, a_linked_file_is_watched_where_it_lives)
{
	char outside[256], link[256];
	snprintf(outside, sizeof outside, "%s/elsewhere", root);
	cr_assert_eq(mkdir(outside, 0755), 0);
	snprintf(outside, sizeof outside, "%s/elsewhere/.l.md", root);
	FILE *f = fopen(outside, "w");
	cr_assert_not_null(f);
	fputs("id: Q9\nquery: Where are the lighthouses?\n---\nOn the coast.\n", f);
	fclose(f);
	path_of(link, sizeof link, "l.md");
	cr_assert_eq(symlink(outside, link), 0);
	struct running r;
	start(&r);
	bool watched;
	cr_assert(finds("lighthouses", &watched));
	cr_assert(watched);
	f = fopen(outside, "w");
	cr_assert_not_null(f);
	fputs("id: Q9\nquery: Where are the windmills?\n---\nOn the coast.\n", f);
	fclose(f);
	cr_assert(finds("windmills", &watched));
	cr_assert_not(watched);
	stop(&r);
}

Test(watch, a_change_during_a_check_keeps_it_dirty)
{
	struct running r;
	start(&r);
	uint64_t token = 0;
	cr_assert_eq(watch_ask(r.index_file, &token), WATCH_CLEAN);
	write_file("b-audit.md", "id: Q2\nquery: What is an internal audit?\n---\nKites.\n");
	cr_assert_eq(watch_ask(r.index_file, &token), WATCH_DIRTY);
	cr_assert_gt(token, 0);
	/* someone checks; meanwhile another edit */
	write_file("b-audit.md", "id: Q2\nquery: What is an internal audit?\n---\nBalloons.\n");
	watch_done(r.index_file, token);
	uint64_t later = 0;
	cr_assert_eq(watch_ask(r.index_file, &later), WATCH_DIRTY);
	cr_assert_gt(later, token);
	/* a token from the future, or the past, cleans nothing */
	watch_done(r.index_file, later + 1);
	watch_done(r.index_file, token);
	cr_assert_eq(watch_ask(r.index_file, &later), WATCH_DIRTY);
	watch_done(r.index_file, later);
	cr_assert_eq(watch_ask(r.index_file, &later), WATCH_CLEAN);
	stop(&r);
}

/* Sends raw bytes to the watcher; returns its answer line. */
static char *raw_request(const char *index_file, const char *bytes, size_t n)
{
	char *sock = watch_socket_path(index_file);
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	snprintf(a.sun_path, sizeof a.sun_path, "%s", sock);
	free(sock);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	cr_assert_geq(fd, 0);
	cr_assert_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	if (n)
		cr_assert_eq(send(fd, bytes, n, MSG_NOSIGNAL), (ssize_t)n);
	shutdown(fd, SHUT_WR);
	char buf[128];
	ssize_t k = recv(fd, buf, sizeof buf - 1, 0);
	close(fd);
	buf[k > 0 ? k : 0] = '\0';
	return isn_strdup(buf);
}

Test(watch, bad_requests_are_refused_and_the_watcher_goes_on)
{
	struct running r;
	start(&r);
	char *a = raw_request(r.index_file, "hello\n", 6);
	cr_assert_str_eq(a, "error unknown request\n");
	free(a);
	a = raw_request(r.index_file, "done 12x\n", 9);
	cr_assert_str_eq(a, "ok\n");
	free(a);
	a = raw_request(r.index_file, "", 0); /* says nothing, hangs up */
	cr_assert_str_eq(a, "");
	free(a);
	char big[200];
	memset(big, 'x', sizeof big);
	a = raw_request(r.index_file, big, sizeof big); /* no end of line */
	cr_assert_str_eq(a, "");
	free(a);
	uint64_t token;
	cr_assert_eq(watch_ask(r.index_file, &token), WATCH_CLEAN);
	stop(&r);
}

Test(watch, one_watcher_per_index)
{
	struct running r;
	start(&r);
	const char *roots[] = {corpus};
	struct watcher *w = NULL;
	struct diag_list d = {0};
	cr_assert_eq(watcher_open(&w, roots, 1, r.index_file, &d), -1);
	cr_assert_null(w);
	cr_assert(has_diag(&d, DIAG_ERROR, 0, "another 'ismsnav watch'"));
	diag_list_free(&d);
	uint64_t token;
	cr_assert_eq(watch_ask(r.index_file, &token), WATCH_CLEAN, "the first one still answers");
	stop(&r);
}

Test(watch, a_stale_socket_is_no_watcher)
{
	struct running r;
	start(&r);
	char *file = isn_strdup(r.index_file);
	stop(&r);
	char *sock = watch_socket_path(file);
	struct stat st;
	cr_assert_neq(stat(sock, &st), 0, "a stopped watcher removes its socket");
	/* a socket left by a watcher that was killed */
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	snprintf(a.sun_path, sizeof a.sun_path, "%s", sock);
	cr_assert_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
	close(fd);
	uint64_t token;
	cr_assert_eq(watch_ask(file, &token), WATCH_NONE);
	cr_assert_not(opens_watched(NULL, NULL));
	/* and a new watcher takes its place */
	start(&r);
	cr_assert_eq(watch_ask(file, &token), WATCH_CLEAN);
	stop(&r);
	free(sock);
	free(file);
}

Test(watch, a_missing_root_is_never_clean)
{
	char missing[256];
	snprintf(missing, sizeof missing, "%s/later", root);
	const char *roots[] = {corpus, missing};
	struct running r;
	start_on(&r, roots, 2);
	uint64_t token = 0;
	cr_assert_eq(watch_ask(r.index_file, &token), WATCH_DIRTY);
	watch_done(r.index_file, token);
	cr_assert_eq(watch_ask(r.index_file, &token), WATCH_DIRTY);
	stop(&r);
}

Test(watch, paths)
{
	char *s = watch_socket_path("/c/ismsnav/search-00ff.db");
	cr_assert_str_eq(s, "/c/ismsnav/search-00ff.sock");
	free(s);
	uint64_t token;
	cr_assert_eq(watch_ask(NULL, &token), WATCH_NONE);
	char longer[300];
	memset(longer, 'd', sizeof longer);
	memcpy(longer, "/tmp/", 5);
	strcpy(longer + 250, "/x.db");
	cr_assert_eq(watch_ask(longer, &token), WATCH_NONE, "too long for a socket");
	struct watcher *w = NULL;
	struct diag_list d = {0};
	const char *roots[] = {corpus};
	cr_assert_eq(watcher_open(&w, roots, 1, longer, &d), -1);
	cr_assert(has_diag(&d, DIAG_ERROR, 0, "too long for a socket"));
	diag_list_free(&d);
}

#else

Test(watch, not_on_this_system)
{
	cr_skip_test("watching needs inotify (Linux)");
}

#endif
