/* Watching the corpus for changes, so that a start need not stat() every
 * file to find the edited ones (`ismsnav watch`).
 *
 * A watcher is a process that holds an inotify watch on every folder of
 * a corpus set and counts the changes it is told of. It answers on a
 * socket beside the search index (the index's file name with ".sock"
 * for ".db"):
 *
 *   "sync"   -> "clean": no file changed since the index was last brought
 *               up to date; the caller may trust the index as it is.
 *            -> "dirty N": something changed (N counts the changes); the
 *               caller checks every file as usual, then says
 *   "done N" -> the index is up to date with everything before change N.
 *               Unless more changes came meanwhile, the watcher is clean.
 *
 * inotify queues an event before the system call that made the change
 * returns, so a change finished before "sync" is always counted: a
 * "clean" answer is never stale. Whoever misses a step (no watcher, no
 * answer, a change during a check, a full event queue, an error) gets
 * the full check, as without a watcher. Only Linux has inotify; on other
 * systems watcher_open says so, and the client side finds no watcher. */
#ifndef ISMSNAV_WATCH_H
#define ISMSNAV_WATCH_H

#include <stddef.h>
#include <stdint.h>

#include "ismsnav/diag.h"

enum watch_state {
	WATCH_NONE,  /* no watcher answered */
	WATCH_CLEAN, /* nothing changed since the index was brought up to date */
	WATCH_DIRTY, /* something changed: check, then watch_done(token) */
};

/* The socket of the watcher of the index at index_file; NULL when out
 * of memory. The caller frees it. */
char *watch_socket_path(const char *index_file);

/* Asks the watcher of the index at index_file, if one runs. Sets *token
 * when WATCH_DIRTY. Never waits more than a quarter of a second. */
enum watch_state watch_ask(const char *index_file, uint64_t *token);
/* Tells the watcher that the index was brought up to date by a check
 * that started after watch_ask gave token. */
void watch_done(const char *index_file, uint64_t token);

struct watcher;

/* Starts watching the corpus below roots (folders walked as the corpus
 * is: hidden entries skipped, symbolic links followed, at most
 * CORPUS_MAX_DEPTH deep; or single files) for the index at index_file.
 * Fails, saying why in diags, when another watcher has that index, when
 * the system cannot watch (no inotify, too few watches allowed) or when
 * the socket cannot be made. Nothing answers until watcher_listen. */
int watcher_open(struct watcher **out, const char *const *roots, size_t nroots,
		 const char *index_file, struct diag_list *diags);
/* The number of changes so far (0 when the watch is broken). */
uint64_t watcher_token(struct watcher *w);
/* Marks the index up to date, as "done token" does. */
void watcher_done(struct watcher *w, uint64_t token);
/* Starts answering on the socket. */
int watcher_listen(struct watcher *w, struct diag_list *diags);
/* Stops answering (removes the socket) but goes on counting: for a
 * watcher about to be suspended, which readers must not wait for. */
void watcher_unlisten(struct watcher *w);
/* Answers and counts until stop_fd becomes readable (returns 0) or the
 * watch breaks (returns -1, said in diags). */
int watcher_run(struct watcher *w, int stop_fd, struct diag_list *diags);
/* How many folders (and single files) are watched. */
size_t watcher_count(const struct watcher *w);
/* Stops answering: removes the socket and frees w. */
void watcher_close(struct watcher *w);

#endif
