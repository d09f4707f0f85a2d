/* Browser-like navigation history with a bounded length, so that a walk
 * of any length keeps memory flat. */
#include "ismsnav/history.h"

#include <stdlib.h>
#include <string.h>

#include "ismsnav/util.h"

void history_init(struct history *h)
{
	*h = (struct history){0};
}

static void step_free(struct history_step *st)
{
	free(st->only);
	free(st->title);
}

/* Appends st after the current step, dropping the forward part and, at
 * the limit, the oldest step. Takes ownership of st's strings. */
static int push(struct history *h, struct history_step st)
{
	size_t keep = h->n > 0 ? h->cur + 1 : 0;
	for (size_t i = keep; i < h->n; i++)
		step_free(&h->steps[i]);
	h->n = keep;
	if (keep == HISTORY_MAX) {
		step_free(&h->steps[0]);
		memmove(h->steps, h->steps + 1, (keep - 1) * sizeof(*h->steps));
		keep--;
		h->n = keep;
	}
	if (isn_grow(&h->steps, &h->cap, keep + 1, sizeof(*h->steps)) < 0) {
		step_free(&st);
		if (h->n)
			h->cur = h->n - 1;
		return -1;
	}
	st.serial = ++h->visits;
	h->steps[keep] = st;
	h->n = keep + 1;
	h->cur = keep;
	return 0;
}

int history_visit(struct history *h, unsigned id)
{
	if (h->n > 0 && h->steps[h->cur].reg == HISTORY_ANSWER && h->steps[h->cur].id == id)
		return 0;
	return push(h, (struct history_step){.id = id, .reg = HISTORY_ANSWER, .anchor = -1});
}

int history_visit_clauses(struct history *h)
{
	if (h->n > 0 && h->steps[h->cur].reg == HISTORY_CLAUSES)
		return 0;
	return push(h, (struct history_step){.reg = HISTORY_CLAUSES, .anchor = -1});
}

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

int history_visit_register(struct history *h, int reg, const char *only, const char *title)
{
	struct history_step st = {.reg = reg, .anchor = -1};

	if (h->n > 0 && h->steps[h->cur].reg == reg && same_str(h->steps[h->cur].only, only))
		return 0;
	if ((only && !(st.only = isn_strdup(only))) || (title && !(st.title = isn_strdup(title)))) {
		step_free(&st);
		return -1;
	}
	return push(h, st);
}

bool history_can_back(const struct history *h)
{
	return h->n > 0 && h->cur > 0;
}

bool history_can_forward(const struct history *h)
{
	return h->n > 0 && h->cur + 1 < h->n;
}

bool history_back(struct history *h)
{
	if (!history_can_back(h))
		return false;
	h->cur--;
	return true;
}

bool history_forward(struct history *h)
{
	if (!history_can_forward(h))
		return false;
	h->cur++;
	return true;
}

bool history_jump(struct history *h, size_t i)
{
	if (i >= h->n)
		return false;
	h->cur = i;
	return true;
}

struct history_step *history_current(struct history *h)
{
	return h->n ? &h->steps[h->cur] : NULL;
}

void history_free(struct history *h)
{
	for (size_t i = 0; i < h->n; i++)
		step_free(&h->steps[i]);
	free(h->steps);
	*h = (struct history){0};
}
