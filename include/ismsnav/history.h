/* Navigation history, like a browser's: visiting a new entry drops the
 * forward part; back and forward move a cursor. Each step remembers the
 * reading position so that going back returns to where the reader was.
 * The history owns its array; steps are plain values. */
#ifndef ISMSNAV_HISTORY_H
#define ISMSNAV_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

/* Older steps are dropped beyond this many, so a long walk stays flat. */
#define HISTORY_MAX 1000

struct history_step {
	unsigned id;
	size_t top;   /* first visible line of the answer */
	long anchor;  /* selected link anchor, or -1 */
};

struct history {
	struct history_step *steps;
	size_t n, cap;
	size_t cur;   /* index of the current step; meaningful when n > 0 */
};

void history_init(struct history *h);
/* Visits id after the current step, dropping any forward steps. Visiting
 * the current entry again does nothing. Returns 0 or -1 (no memory). */
int history_visit(struct history *h, unsigned id);
bool history_back(struct history *h);
bool history_forward(struct history *h);
/* Moves to step i (as chosen from the trail); false when out of range. */
bool history_jump(struct history *h, size_t i);
struct history_step *history_current(struct history *h);
bool history_can_back(const struct history *h);
bool history_can_forward(const struct history *h);
void history_free(struct history *h);

#endif
