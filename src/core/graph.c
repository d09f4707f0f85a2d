/* The follow-up graph read from the search index: nodes and edges, a
 * breadth-first walk from one entry, and the dot and TSV printers. */
#include "ismsnav/graph.h"

#include <stdlib.h>
#include <string.h>

#include "ismsnav/entry.h"
#include "ismsnav/text.h"

/* Pale fills that keep black text readable; packs take them in name
 * order, and wrap around when there are more packs. */
static const char *const pack_colours[] = {"#cfe2f3", "#d9ead3", "#fff2cc", "#f4cccc",
					   "#d9d2e9", "#fce5cd", "#d0e0e3", "#ead1dc"};

/* Undoes a failed print: the buffer as it was. */
static int truncate_to(struct isn_buf *b, size_t len)
{
	b->len = len;
	if (b->data)
		b->data[len] = '\0';
	return -1;
}

static int add_node(struct graph *g, struct graph_node n)
{
	if (isn_grow(&g->nodes, &g->cap, g->n + 1, sizeof(*g->nodes)) < 0)
		return -1;
	g->nodes[g->n++] = n;
	return 0;
}

static int node_of_entry(const struct entry *e, void *ctx)
{
	struct graph_node n = {.id = e->id};
	n.question = text_sanitize(e->query, strlen(e->query), false);
	n.pack = e->packs.n ? isn_strdup(e->packs.v[0]) : NULL;
	if (!n.question || (e->packs.n && !n.pack) || add_node(ctx, n) < 0) {
		free(n.question);
		free(n.pack);
		return -1;
	}
	return 0;
}

static int edge_of_link(const struct search_link *l, void *ctx)
{
	struct graph *g = ctx;
	/* links of one entry come together: drop a repeated target */
	for (size_t i = g->nedges; i > 0 && g->edges[i - 1].from == l->from; i--)
		if (g->edges[i - 1].to == l->to)
			return 0;
	if (isn_grow(&g->edges, &g->edges_cap, g->nedges + 1, sizeof(*g->edges)) < 0)
		return -1;
	g->edges[g->nedges++] = (struct graph_edge){l->from, l->to, l->followup, l->dangling};
	return 0;
}

static long node_index(const struct graph *g, unsigned id)
{
	size_t lo = 0, hi = g->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (g->nodes[mid].id == id)
			return (long)mid;
		if (g->nodes[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

const struct graph_node *graph_node(const struct graph *g, unsigned id)
{
	long i = node_index(g, id);
	return i < 0 ? NULL : &g->nodes[i];
}

static int cmp_node(const void *a, const void *b)
{
	unsigned x = ((const struct graph_node *)a)->id, y = ((const struct graph_node *)b)->id;
	return (x > y) - (x < y);
}

/* Targets that are not in the corpus become nodes of their own. */
static int add_missing(struct graph *g)
{
	size_t n0 = g->n;
	for (size_t i = 0; i < g->nedges; i++) {
		unsigned to = g->edges[i].to;
		if (!g->edges[i].dangling || node_index(g, to) >= 0)
			continue;
		bool added = false;
		for (size_t k = n0; k < g->n && !added; k++)
			added = g->nodes[k].id == to;
		if (!added && add_node(g, (struct graph_node){.id = to, .missing = true}) < 0)
			return -1;
	}
	if (g->n > n0)
		qsort(g->nodes, g->n, sizeof(*g->nodes), cmp_node);
	return 0;
}

/* The first edge leaving `from` (edges are sorted by from). */
static size_t first_edge(const struct graph *g, unsigned from)
{
	size_t lo = 0, hi = g->nedges;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (g->edges[mid].from < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Marks the nodes reachable from `start` within depth steps, and the
 * edges walked. */
static int walk(const struct graph *g, unsigned start, unsigned depth, bool *node_in,
		bool *edge_in)
{
	size_t *queue = malloc((g->n + 1) * sizeof(*queue));
	unsigned *dist = calloc(g->n + 1, sizeof(*dist));
	long s = node_index(g, start);
	if (!queue || !dist || s < 0) {
		free(queue);
		free(dist);
		return s < 0 ? 0 : -1;
	}
	size_t head = 0, tail = 0;
	queue[tail++] = (size_t)s;
	node_in[s] = true;
	while (head < tail) {
		size_t u = queue[head++];
		if (dist[u] >= depth || g->nodes[u].missing)
			continue;
		for (size_t e = first_edge(g, g->nodes[u].id);
		     e < g->nedges && g->edges[e].from == g->nodes[u].id; e++) {
			long v = node_index(g, g->edges[e].to);
			edge_in[e] = true;
			if (v >= 0 && !node_in[v]) {
				node_in[v] = true;
				dist[v] = dist[u] + 1;
				queue[tail++] = (size_t)v;
			}
		}
	}
	free(queue);
	free(dist);
	return 0;
}

/* Keeps the marked nodes and edges only. */
static void keep_marked(struct graph *g, const bool *node_in, const bool *edge_in)
{
	size_t o = 0;
	for (size_t i = 0; i < g->n; i++) {
		if (node_in[i])
			g->nodes[o++] = g->nodes[i];
		else {
			free(g->nodes[i].question);
			free(g->nodes[i].pack);
		}
	}
	g->n = o;
	o = 0;
	for (size_t i = 0; i < g->nedges; i++)
		if (edge_in[i])
			g->edges[o++] = g->edges[i];
	g->nedges = o;
}

static int restrict_to(struct graph *g, unsigned from, unsigned depth)
{
	bool *node_in = calloc(g->n + 1, sizeof(*node_in));
	bool *edge_in = calloc(g->nedges + 1, sizeof(*edge_in));
	int rc = node_in && edge_in ? walk(g, from, depth, node_in, edge_in) : -1;
	if (rc == 0)
		keep_marked(g, node_in, edge_in);
	free(node_in);
	free(edge_in);
	return rc;
}

int graph_build(struct search_index *idx, const unsigned *from, unsigned depth,
		struct graph *g)
{
	*g = (struct graph){0};
	int rc = search_each_entry(idx, node_of_entry, g) == 0 &&
				 search_each_link(idx, edge_of_link, g) == 0 && add_missing(g) == 0
			 ? 0
			 : -1;
	if (rc == 0 && from)
		rc = restrict_to(g, *from, depth);
	if (rc < 0)
		graph_free(g);
	return rc;
}

/* ---- printing --------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The packs in name order: a pack's colour is its place in this list. */
static const char **sorted_packs(const struct graph *g, size_t *n)
{
	const char **v = malloc((g->n + 1) * sizeof(*v));
	*n = 0;
	if (!v)
		return NULL;
	for (size_t i = 0; i < g->n; i++)
		if (g->nodes[i].pack)
			v[(*n)++] = g->nodes[i].pack;
	qsort(v, *n, sizeof(*v), cmp_str);
	size_t o = 0;
	for (size_t i = 0; i < *n; i++)
		if (o == 0 || strcmp(v[o - 1], v[i]) != 0)
			v[o++] = v[i];
	*n = o;
	return v;
}

static const char *pack_colour(const char **packs, size_t n, const char *pack)
{
	const char **p = pack ? bsearch(&pack, packs, n, sizeof(*packs), cmp_str) : NULL;
	return p ? pack_colours[(size_t)(p - packs) % ISN_ARRAY_LEN(pack_colours)] : "white";
}

/* A dot string literal's contents: quotes and backslashes escaped. */
static int add_dot_text(struct isn_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (((s[i] == '"' || s[i] == '\\') && isn_buf_addc(b, '\\') < 0) ||
		    isn_buf_addc(b, s[i]) < 0)
			return -1;
	return 0;
}

/* The question cut to GRAPH_LABEL_COLS columns, at a space when there
 * is one, with "…" when cut. */
static int add_short(struct isn_buf *b, const char *q)
{
	size_t n = strlen(q);
	if (text_width(q, n) <= GRAPH_LABEL_COLS)
		return add_dot_text(b, q, n);
	size_t cut = text_fit(q, n, GRAPH_LABEL_COLS - 1);
	size_t sp = cut;
	while (sp > 0 && q[sp] != ' ')
		sp--;
	if (sp > cut / 2)
		cut = sp;
	while (cut > 0 && q[cut - 1] == ' ')
		cut--;
	return add_dot_text(b, q, cut) == 0 && isn_buf_adds(b, "…") == 0 ? 0 : -1;
}

static int dot_node(struct isn_buf *b, const struct graph_node *n, const char **packs,
		    size_t npacks)
{
	char id[16];
	entry_id_format(n->id, id);
	if (n->missing)
		return isn_buf_printf(b, "\t\"%s\" [label=\"%s\\n(not in the corpus)\", "
					 "style=\"rounded,dashed\", fillcolor=none];\n", id, id);
	if (isn_buf_printf(b, "\t\"%s\" [label=\"%s\\n", id, id) < 0 || add_short(b, n->question) < 0)
		return -1;
	return isn_buf_printf(b, "\", fillcolor=\"%s\"];\n", pack_colour(packs, npacks, n->pack));
}

static int dot_edge(struct isn_buf *b, const struct graph_edge *e)
{
	char from[16], to[16];
	entry_id_format(e->from, from);
	entry_id_format(e->to, to);
	const char *style = e->dangling ? " [style=dashed]" : e->followup ? "" : " [color=gray50]";
	return isn_buf_printf(b, "\t\"%s\" -> \"%s\"%s;\n", from, to, style);
}

int graph_dot(const struct graph *g, struct isn_buf *out)
{
	size_t len0 = out->len, npacks;
	const char **packs = sorted_packs(g, &npacks);
	int rc = packs ? 0 : -1;
	if (rc == 0)
		rc = isn_buf_adds(out, "digraph ismsnav {\n"
				       "\tgraph [rankdir=LR];\n"
				       "\tnode [shape=box, style=\"rounded,filled\", fontsize=10];\n"
				       "\tedge [arrowsize=0.6];\n");
	for (size_t i = 0; rc == 0 && i < npacks; i++)
		rc = isn_buf_printf(out, "\t/* pack %s: %s */\n", packs[i],
				    pack_colours[i % ISN_ARRAY_LEN(pack_colours)]);
	for (size_t i = 0; rc == 0 && i < g->n; i++)
		rc = dot_node(out, &g->nodes[i], packs, npacks);
	for (size_t i = 0; rc == 0 && i < g->nedges; i++)
		rc = dot_edge(out, &g->edges[i]);
	if (rc == 0)
		rc = isn_buf_adds(out, "}\n");
	free(packs);
	return rc < 0 ? truncate_to(out, len0) : 0;
}

int graph_tsv(const struct graph *g, struct isn_buf *out)
{
	size_t len0 = out->len;
	for (size_t i = 0; i < g->nedges; i++) {
		const struct graph_edge *e = &g->edges[i];
		char from[16], to[16];
		entry_id_format(e->from, from);
		entry_id_format(e->to, to);
		const char *kind = e->dangling ? "dangling" : e->followup ? "followup" : "inline";
		if (isn_buf_printf(out, "%s\t%s\t%s\n", from, to, kind) < 0)
			return truncate_to(out, len0);
	}
	return 0;
}

void graph_free(struct graph *g)
{
	for (size_t i = 0; i < g->n; i++) {
		free(g->nodes[i].question);
		free(g->nodes[i].pack);
	}
	free(g->nodes);
	free(g->edges);
	*g = (struct graph){0};
}
