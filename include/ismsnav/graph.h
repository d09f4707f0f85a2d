/* The follow-up graph: entries as nodes and their links ("Likely
 * follow-ups" items and inline "See Qnnn") as edges, read from the search
 * index without parsing. Either the whole corpus, or what can be reached
 * from one entry in a number of steps. Printed as Graphviz dot (nodes
 * labelled with ID and a short question, filled by pack, links to entries
 * not in the corpus dashed) or as TSV (from, to, kind).
 *
 * The graph owns its strings (graph_free). Output is appended to the
 * caller's isn_buf. Functions return 0, or -1 when memory runs out or the
 * index cannot be read. */
#ifndef ISMSNAV_GRAPH_H
#define ISMSNAV_GRAPH_H

#include <stdbool.h>
#include <stddef.h>

#include "ismsnav/search.h"
#include "ismsnav/util.h"

/* Questions are cut to this many columns in dot labels. */
#define GRAPH_LABEL_COLS 32

struct graph_node {
	unsigned id;
	char *question;  /* sanitized; NULL for an entry not in the corpus */
	char *pack;      /* the entry's first pack, or NULL */
	bool missing;    /* linked to but not in the corpus */
};

struct graph_edge {
	unsigned from, to;
	bool followup;   /* else an inline link */
	bool dangling;   /* `to` is not in the corpus */
};

struct graph {
	struct graph_node *nodes; /* sorted by ID */
	size_t n, cap;
	struct graph_edge *edges; /* sorted by `from`, then order in the answer */
	size_t nedges, edges_cap;
};

/* Reads the graph: the whole corpus when `from` is NULL, else the entries
 * reachable from *from in at most `depth` links (the entry itself at depth
 * 0). The same link twice keeps its first (follow-up) kind. */
int graph_build(struct search_index *idx, const unsigned *from, unsigned depth,
		struct graph *g);
/* The node of an ID, or NULL. */
const struct graph_node *graph_node(const struct graph *g, unsigned id);
int graph_dot(const struct graph *g, struct isn_buf *out);
/* from<TAB>to<TAB>kind, kind being followup, inline or dangling. */
int graph_tsv(const struct graph *g, struct isn_buf *out);
void graph_free(struct graph *g);

#endif
