/* The relevance check: runs every query of relevance sets against the
 * search index of a corpus and measures how often an entry answering it
 * ranks in the top three (hit@3) and the mean reciprocal rank (MRR).
 * Usage: relevance CORPUS MIN_HIT3 SET.tsv...; exits 1 when a set's
 * hit@3 is below MIN_HIT3. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ismsnav/search.h"
#include "ismsnav/text.h"
#include "ismsnav/util.h"

/* Results looked at for the reciprocal rank. */
#define RANK_DEPTH 10

struct heads {
	unsigned *ids;
	char **primary; /* primary references, space-separated */
	size_t n, cap, pcap;
};

static int keep_head(const struct entry *e, void *ctx)
{
	struct heads *h = ctx;
	struct isn_buf b = {0};
	for (size_t i = 0; i < e->primary_ids.n; i++)
		isn_buf_printf(&b, " %s ", e->primary_ids.v[i]);
	if (isn_grow(&h->ids, &h->cap, h->n + 1, sizeof(*h->ids)) < 0 ||
	    isn_grow(&h->primary, &h->pcap, h->n + 1, sizeof(*h->primary)) < 0) {
		isn_buf_free(&b);
		return -1;
	}
	h->ids[h->n] = e->id;
	h->primary[h->n++] = isn_buf_take(&b);
	return 0;
}

/* True when a primary reference of entry id is one of `want` (space-
 * separated; "A.5.18" matches "ISO27001:2022/A.5.18"). */
static bool answers(const struct heads *h, unsigned id, const char *want)
{
	const char *prim = NULL;
	for (size_t i = 0; i < h->n && !prim; i++)
		if (h->ids[i] == id)
			prim = h->primary[i];
	char *w = isn_strdup(want);
	bool ok = false;
	for (char *t = strtok(w, " "); t && prim && !ok; t = strtok(NULL, " ")) {
		char *full = isn_asprintf(" %s ", t), *local = isn_asprintf("/%s ", t);
		ok = (full && strstr(prim, full)) || (local && strstr(prim, local));
		free(full);
		free(local);
	}
	free(w);
	return ok;
}

/* The rank (1-based) of the first answering hit, 0 when none. */
static size_t first_answer(struct search_index *idx, const struct heads *h, const char *q,
			   const char *want, char got[64])
{
	struct search_results r;
	size_t rank = 0;
	got[0] = '\0';
	if (search_query(idx, q, RANK_DEPTH, 0, &r) < 0)
		return 0;
	for (size_t i = 0; i < r.n; i++) {
		if (i < 3) {
			char id[16];
			entry_id_format(r.v[i].id, id);
			snprintf(got + strlen(got), 64 - strlen(got), "%s%s", i ? " " : "", id);
		}
		if (!rank && answers(h, r.v[i].id, want))
			rank = i + 1;
	}
	search_results_free(&r);
	return rank;
}

struct score {
	size_t n, hits;
	double rr;
};

static void report(const char *name, const struct score *s)
{
	double hit3 = s->n ? (double)s->hits / (double)s->n : 0;
	printf("%s: %zu queries, hit@3 %.3f (%zu), MRR %.3f\n", name, s->n, hit3, s->hits,
	       s->n ? s->rr / (double)s->n : 0);
}

/* Scores one set; says which queries missed the top three. */
static int check(struct search_index *idx, const struct heads *h, const char *file,
		 struct score *sc)
{
	FILE *f = fopen(file, "r");
	if (!f) {
		perror(file);
		return -1;
	}
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	while (getline(&line, &cap, f) > 0) {
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		char *tab = strchr(line, '\t');
		if (line[0] == '#' || !line[0])
			continue;
		if (!tab) {
			fprintf(stderr, "%s:%zu: no tab between query and references\n", file, lineno);
			continue;
		}
		*tab = '\0';
		char got[64];
		size_t rank = first_answer(idx, h, line, tab + 1, got);
		sc->n++;
		sc->hits += rank >= 1 && rank <= 3;
		sc->rr += rank ? 1.0 / (double)rank : 0;
		if (rank == 0 || rank > 3)
			printf("%s:%zu: rank %zu: %s -> want %s, got %s\n", file, lineno, rank, line,
			       tab + 1, got);
	}
	free(line);
	fclose(f);
	return 0;
}

static int run_sets(struct search_index *idx, double min, char **files, int nfiles)
{
	struct heads h = {0};
	struct score all = {0};
	int rc = search_each_entry(idx, keep_head, &h) == 0 ? 0 : 1;
	for (int i = 0; rc == 0 && i < nfiles; i++) {
		struct score sc = {0};
		if (check(idx, &h, files[i], &sc) < 0 || sc.n == 0) {
			rc = 1;
			break;
		}
		report(files[i], &sc);
		if ((double)sc.hits < min * (double)sc.n)
			rc = 1;
		all.n += sc.n;
		all.hits += sc.hits;
		all.rr += sc.rr;
	}
	if (nfiles > 1)
		report("all", &all);
	for (size_t i = 0; i < h.n; i++)
		free(h.primary[i]);
	free(h.primary);
	free(h.ids);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: relevance CORPUS MIN_HIT3 SET.tsv...\n");
		return 2;
	}
	text_locale_init();
	const char *paths[] = {argv[1]};
	struct search_opts o = {.in_memory = true};
	struct diag_list d = {0};
	struct search_index *idx;
	int rc = 1;
	if (search_open(&idx, paths, 1, &o, &d) != 0) {
		diag_print(&d, stderr, DIAG_ERROR);
	} else {
		rc = run_sets(idx, strtod(argv[2], NULL), argv + 3, argc - 3);
		search_close(idx);
	}
	diag_list_free(&d);
	return rc;
}
