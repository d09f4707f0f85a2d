/* The answer as a reader sees it: a header (ID, question, packs, clause
 * references, tags), the laid-out Markdown, then the numbered follow-ups
 * and the entry's actions. The answer view draws this document and
 * `ismsnav show` prints it, so both always agree. */
#ifndef ISMSNAV_ANSWER_H
#define ISMSNAV_ANSWER_H

#include "ismsnav/corpus.h"
#include "ismsnav/layout.h"

struct answer {
	struct layout_doc doc;
	/* followups[i] is the doc link index for follow-up number i+1 */
	int32_t *followups;
	size_t nfollowups;
	size_t body_first_line; /* first line of the Markdown body in doc */
};

/* Lays out entry e of corpus c at `width` columns (an entry that holds
 * only its head shows a line saying its answer could not be read). Returns 0, or -1 on
 * allocation failure (a is then freed). */
int answer_layout(struct answer *a, const struct corpus *c,
		  const struct entry *e, int width);
void answer_free(struct answer *a);

#endif
