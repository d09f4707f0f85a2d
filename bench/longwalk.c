/* The long walk: follows follow-up links through a corpus for many steps
 * with the calls the answer view makes (a history visit, the entry parsed
 * when first opened, the answer laid out with its "Linked from" line),
 * going back and forward at random, and samples the process's memory
 * every 1,000 steps. Memory must stay flat once the walk is under way.
 *
 *   bench_longwalk CORPUS [STEPS [SEED]]
 *
 * The search index goes to $XDG_CACHE_HOME/ismsnav/ as the navigator's
 * does. Prints one line per sample (step, peak and current resident
 * memory, history length, entries parsed so far) and exits 1 when the
 * peak or the current figure grew by 5 MB or more after the first sample. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "ismsnav/answer.h"
#include "ismsnav/corpus.h"
#include "ismsnav/diag.h"
#include "ismsnav/history.h"
#include "ismsnav/search.h"

#define SAMPLE_EVERY 1000
#define GROWTH_MAX_KB (5 * 1024)

/* A Park-Miller generator: the same walk for the same seed anywhere. */
static unsigned long rnd(unsigned long *s, unsigned long n)
{
	*s = *s * 16807 % 2147483647;
	return *s % n;
}

static long peak_kb(void)
{
	struct rusage ru;
	return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;
}

static long current_kb(void)
{
	long size = 0, resident = -1;
	FILE *f = fopen("/proc/self/statm", "r");
	if (!f)
		return -1;
	if (fscanf(f, "%ld %ld", &size, &resident) != 2)
		resident = -1;
	fclose(f);
	return resident < 0 ? -1 : resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* The answer view's sync(): the step's entry parsed in full when first
 * opened, laid out at the width, with the entries linking to it. */
static int show(struct answer *ans, struct corpus *c, struct search_index *idx, unsigned id,
		int width)
{
	struct diag_list d = {0};
	struct entry *e = NULL;
	unsigned *ids = NULL;
	size_t n = 0;
	int rc = -1;

	answer_free(ans);
	corpus_complete(c, id, &d, &e);
	diag_list_free(&d);
	if (!e || answer_layout(ans, c, e, width) != 0)
		goto out;
	if (search_backlinks(idx, id, &ids, &n) < 0 || answer_backlinks(ans, c, ids, n) < 0)
		goto out;
	rc = 0;
out:
	free(ids);
	return rc;
}

/* A link of the laid-out answer to an entry of the corpus, at random;
 * 0 when it has none. */
static unsigned pick_link(const struct answer *ans, unsigned long *seed)
{
	size_t n = 0;
	for (size_t i = 0; i < ans->doc.nlinks; i++)
		if (ans->doc.links[i].kind == LINK_ENTRY && !ans->doc.links[i].missing)
			n++;
	if (!n)
		return 0;
	size_t k = rnd(seed, n);
	for (size_t i = 0; i < ans->doc.nlinks; i++)
		if (ans->doc.links[i].kind == LINK_ENTRY && !ans->doc.links[i].missing && !k--)
			return ans->doc.links[i].target;
	return 0;
}

static size_t parsed(const struct corpus *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->n; i++)
		n += !entry_is_head(c->entries[i]);
	return n;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 4) {
		fprintf(stderr, "usage: bench_longwalk CORPUS [STEPS [SEED]]\n");
		return 2;
	}
	const char *paths[] = {argv[1]};
	long steps = argc > 2 ? atol(argv[2]) : 20000;
	unsigned long seed = argc > 3 ? strtoul(argv[3], NULL, 10) % 2147483646 + 1 : 27001;
	static const int widths[] = {80, 100, 60, 132, 200, 40};
	struct diag_list diags = {0};
	struct search_index *idx = NULL;
	struct corpus c = {0};
	struct history h;
	struct answer ans = {0};
	long first_peak = 0, first_cur = 0, last_peak = 0, last_cur = 0;
	long follows = 0, backs = 0, forwards = 0, jumps = 0;
	int width = widths[0], rc = 1;

	history_init(&h);
	if (search_open(&idx, paths, 1, NULL, &diags) < 0 || search_load_heads(idx, &c) < 0 ||
	    c.n == 0) {
		fprintf(stderr, "bench_longwalk: cannot read the corpus %s\n", argv[1]);
		diag_print(&diags, stderr, DIAG_ERROR);
		goto out;
	}
	printf("%8s %10s %10s %8s %8s\n", "step", "peak_kb", "rss_kb", "history", "parsed");
	if (history_visit(&h, c.entries[0]->id) < 0 || show(&ans, &c, idx, c.entries[0]->id, width) < 0)
		goto oom;
	for (long s = 1; s <= steps; s++) {
		unsigned long r = rnd(&seed, 100);
		unsigned next = 0;
		if (r < 15 && history_back(&h)) {
			backs++;
		} else if (r < 22 && history_forward(&h)) {
			forwards++;
		} else {
			/* a follow-up of the answer; from a dead end, the list */
			next = pick_link(&ans, &seed);
			if (next)
				follows++;
			else
				jumps++;
			if (!next)
				next = c.entries[rnd(&seed, c.n)]->id;
			if (history_visit(&h, next) < 0)
				goto oom;
		}
		if (s % 500 == 0) /* now and then the window is resized */
			width = widths[rnd(&seed, sizeof widths / sizeof *widths)];
		if (show(&ans, &c, idx, history_current(&h)->id, width) < 0)
			goto oom;
		if (s % SAMPLE_EVERY == 0) {
			last_peak = peak_kb();
			last_cur = current_kb();
			if (s == SAMPLE_EVERY) {
				first_peak = last_peak;
				first_cur = last_cur;
			}
			printf("%8ld %10ld %10ld %8zu %8zu\n", s, last_peak, last_cur, h.n, parsed(&c));
			fflush(stdout);
		}
	}
	printf("links followed %ld, back %ld, forward %ld, jumps from dead ends %ld\n", follows,
	       backs, forwards, jumps);
	if (steps < SAMPLE_EVERY * 2) {
		printf("too few steps to judge: walk %d or more\n", SAMPLE_EVERY * 2);
		goto out;
	}
	printf("after step %d: peak %+ld kB, current %+ld kB (limit %+d kB)\n", SAMPLE_EVERY,
	       last_peak - first_peak, last_cur - first_cur, GROWTH_MAX_KB);
	if (last_peak - first_peak >= GROWTH_MAX_KB || last_cur - first_cur >= GROWTH_MAX_KB) {
		printf("FAIL: memory grew by 5 MB or more\n");
		goto out;
	}
	printf("PASS: memory stayed flat\n");
	rc = 0;
	goto out;
oom:
	fprintf(stderr, "bench_longwalk: out of memory\n");
out:
	answer_free(&ans);
	history_free(&h);
	corpus_free(&c);
	diag_list_free(&diags);
	search_close(idx);
	return rc;
}
