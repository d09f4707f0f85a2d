/* Navigation history, like a browser's: visiting a new entry drops the
 * forward part; back and forward move a cursor. A step is an answer, a
 * register screen (a register, possibly narrowed to some rows by the link
 * that led there) or the clause index. Each step remembers the reading position so that going
 * back returns to where the reader was. The history owns its array and
 * the steps' strings. */
#ifndef ISMSNAV_HISTORY_H
#define ISMSNAV_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

/* Older steps are dropped beyond this many, so a long walk stays flat. */
#define HISTORY_MAX 1000

/* What a step shows, in its `reg` when it is not a register. */
#define HISTORY_ANSWER (-1)
#define HISTORY_CLAUSES (-2)

struct history_step {
	unsigned id;  /* an answer: the entry's ID */
	int reg;      /* HISTORY_ANSWER, HISTORY_CLAUSES, else the register (enum reg_kind) */
	char *only;   /* a register: the row IDs shown (", "-separated), or NULL for all */
	char *title;  /* a register: what narrowed it ("Controls of R-003"), or NULL */
	char row[32]; /* a register: the selected row's ID, "" for the first */
	size_t top;   /* first visible line */
	long anchor;  /* selected link anchor, or -1 */
	unsigned long serial; /* unique to this visit: tells two steps apart */
};

struct history {
	struct history_step *steps;
	size_t n, cap;
	size_t cur;   /* index of the current step; meaningful when n > 0 */
	unsigned long visits; /* serial of the latest step */
};

void history_init(struct history *h);
/* Visits id after the current step, dropping any forward steps. Visiting
 * the current entry again does nothing. Returns 0 or -1 (no memory). */
int history_visit(struct history *h, unsigned id);
/* Visits a register screen; `only` and `title` (may be NULL) are copied.
 * Visiting the screen already current does nothing. */
int history_visit_register(struct history *h, int reg, const char *only, const char *title);
/* Visits the clause index; nothing when it is the current step. */
int history_visit_clauses(struct history *h);
bool history_back(struct history *h);
bool history_forward(struct history *h);
/* Moves to step i (as chosen from the trail); false when out of range. */
bool history_jump(struct history *h, size_t i);
struct history_step *history_current(struct history *h);
bool history_can_back(const struct history *h);
bool history_can_forward(const struct history *h);
void history_free(struct history *h);

#endif
