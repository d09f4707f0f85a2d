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
/* Appends "Linked from: Q001, Q077" at the end of a laid-out answer:
 * the n entries that link to it (ids, as search_backlinks gives them),
 * each a link that Tab selects. Nothing when n is 0. Kept apart from
 * answer_layout because the list comes from the search index, which
 * `ismsnav show` does not open. Returns 0, or -1 on allocation failure
 * (the answer is then freed). */
int answer_backlinks(struct answer *a, const struct corpus *c, const unsigned *ids, size_t n);
void answer_free(struct answer *a);

#endif
