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

int history_visit(struct history *h, unsigned id)
{
	if (h->n > 0 && h->steps[h->cur].id == id)
		return 0;
	size_t keep = h->n > 0 ? h->cur + 1 : 0;  /* drop the forward part */
	if (keep == HISTORY_MAX) {
		memmove(h->steps, h->steps + 1, (keep - 1) * sizeof(*h->steps));
		keep--;
	}
	if (isn_grow(&h->steps, &h->cap, keep + 1, sizeof(*h->steps)) < 0)
		return -1;
	h->steps[keep] = (struct history_step){id, 0, -1};
	h->n = keep + 1;
	h->cur = keep;
	return 0;
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
	free(h->steps);
	*h = (struct history){0};
}
