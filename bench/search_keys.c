/* Search as you type, timed: each query of a file is typed one key at a
 * time and search_query() (SEARCH_TYPING) runs after every key, as the
 * list view's `/` would. Prints how many calls ran and their p50, p90, p99
 * and maximum in milliseconds. Built on demand by bench/search.sh.
 * Usage: bench_search_keys CORPUS QUERIES [LIMIT]  (a query per line; in a
 * TSV file the first column; lines starting with # are skipped) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ismsnav/search.h"
#include "ismsnav/text.h"
#include "ismsnav/util.h"

struct times {
	double *v;
	size_t n, cap;
};

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Types q key by key; returns -1 when a query fails. */
static int type_query(struct search_index *idx, const char *q, size_t limit, struct times *t)
{
	size_t n = strlen(q);
	char *typed = malloc(n + 1);
	int rc = typed ? 0 : -1;
	for (size_t k = 1; rc == 0 && k <= n; k++) {
		memcpy(typed, q, k);
		typed[k] = '\0';
		struct search_results r;
		double t0 = now_ms();
		rc = search_query(idx, typed, limit, SEARCH_TYPING, &r);
		double dt = now_ms() - t0;
		if (getenv("BENCH_EACH"))
			fprintf(stderr, "%6.2f ms  %3zu hits  %s\n", dt, r.n, typed);
		search_results_free(&r);
		if (isn_grow(&t->v, &t->cap, t->n + 1, sizeof(*t->v)) < 0)
			rc = -1;
		else
			t->v[t->n++] = dt;
	}
	free(typed);
	return rc;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double pct(const struct times *t, double p)
{
	size_t i = (size_t)(p * (double)(t->n - 1) + 0.5);
	return t->v[i];
}

static int type_all(struct search_index *idx, FILE *f, size_t limit, struct times *t)
{
	char *line = NULL;
	size_t cap = 0;
	int rc = 0;
	while (rc == 0 && getline(&line, &cap, f) > 0) {
		line[strcspn(line, "\t\n")] = '\0';
		if (line[0] && line[0] != '#')
			rc = type_query(idx, line, limit, t);
	}
	free(line);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench_search_keys CORPUS QUERIES [LIMIT]\n");
		return 2;
	}
	text_locale_init();
	size_t limit = argc > 3 ? strtoul(argv[3], NULL, 10) : 50;
	const char *paths[] = {argv[1]};
	struct diag_list d = {0};
	struct search_index *idx;
	struct times t = {0};
	FILE *f = fopen(argv[2], "r");
	int rc = 1;
	if (!f) {
		perror(argv[2]);
	} else if (search_open(&idx, paths, 1, NULL, &d) < 0) {
		diag_print(&d, stderr, DIAG_ERROR);
	} else {
		rc = type_all(idx, f, limit, &t) == 0 && t.n ? 0 : 1;
		search_close(idx);
	}
	if (rc == 0) {
		qsort(t.v, t.n, sizeof(*t.v), cmp_double);
		printf("%zu keystrokes: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n", t.n,
		       pct(&t, 0.50), pct(&t, 0.90), pct(&t, 0.99), t.v[t.n - 1]);
	}
	if (f)
		fclose(f);
	free(t.v);
	diag_list_free(&d);
	return rc;
}
