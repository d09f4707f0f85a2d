/* Register benchmark: builds a risk register of N rows, then times what
 * the register view does with it: open (read the file into a table, sort,
 * fit the columns), re-sort by each column, and filter per keystroke.
 *
 *   bench_registers gen FILE N    create FILE with N generated risks
 *   bench_registers run FILE      time the view's work on FILE
 *
 * `run` prints one line per measure (median, p99, max in ms) and the peak
 * resident memory of the process. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "ismsnav/regfmt.h"
#include "ismsnav/store.h"
#include "ismsnav/util.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void report(const char *what, double *t, size_t n)
{
	qsort(t, n, sizeof(*t), cmp_double);
	printf("%-34s median %7.2f ms   p99 %7.2f ms   max %7.2f ms   (%zu runs)\n", what,
	       t[n / 2], t[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1], t[n - 1], n);
}

static const char *const words[] = {
	"cloud", "supplier", "laptop", "phishing", "backup", "ransomware", "payroll",
	"customer", "database", "access", "leaver", "contractor", "firewall", "patch",
	"encryption", "office", "courier", "invoice", "vendor", "outage", "credential",
	"logging", "retention", "privacy", "audit", "mobile", "wifi", "badge", "printer",
	"source", "code", "secret", "token", "api", "region", "storage", "bucket", "email",
};

static const char *word(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return words[(*seed >> 16) % (sizeof(words) / sizeof(*words))];
}

static unsigned pick(unsigned *seed, unsigned n)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 16) % n;
}

static int gen(const char *path, long n)
{
	static const char *const treat[] = {"modify", "retain", "avoid", "share"};
	static const char *const status[] = {"open", "treating", "closed"};
	char err[REG_ERR_MAX], csv[] = "/tmp/bench-risks-XXXXXX";
	struct isn_buf b = {0};
	struct store *s;
	unsigned seed = 27001;
	size_t count;
	int fd, rc = 1;

	if (store_open(&s, path, 0, err, sizeof err) < 0) {
		fprintf(stderr, "bench: %s\n", err);
		return 1;
	}
	isn_buf_adds(&b, "id,title,scenario,threat,vulnerability,owner,likelihood,impact,"
			 "residual_likelihood,residual_impact,treatment,treatment_plan,"
			 "treatment_due,controls,status,next_review\r\n");
	for (long i = 0; i < n; i++) {
		unsigned l = 1 + pick(&seed, 5), im = 1 + pick(&seed, 5);
		isn_buf_printf(&b, "R-%05ld,%s %s exposes %s data,\"A %s %s lets an attacker reach the "
				   "%s, which holds %s records.\",%s misuse,Weak %s on the %s,"
				   "Owner %u,%u,%u,%u,%u,%s,Review %s and %s controls,2027-%02u-%02u,"
				   "\"%u.%u, 8.%u\",%s,2027-%02u-01\r\n",
			       i + 1, word(&seed), word(&seed), word(&seed), word(&seed), word(&seed),
			       word(&seed), word(&seed), word(&seed), word(&seed), word(&seed),
			       pick(&seed, 40), l, im, l > 1 ? l - 1 : 1, im, treat[pick(&seed, 4)],
			       word(&seed), word(&seed), 1 + pick(&seed, 12), 1 + pick(&seed, 28),
			       5, 1 + pick(&seed, 37), 1 + pick(&seed, 34), status[pick(&seed, 3)],
			       1 + pick(&seed, 12));
	}
	if ((fd = mkstemp(csv)) < 0 || !b.data) {
		perror("bench");
		goto out;
	}
	FILE *f = fdopen(fd, "w");
	fwrite(b.data, 1, b.len, f);
	fclose(f);
	if (store_import_csv(s, REG_RISK, csv, &count, err, sizeof err) < 0)
		fprintf(stderr, "bench: %s\n", err);
	else
		rc = 0;
	remove(csv);
	printf("%s: %zu risks imported\n", path, count);
out:
	isn_buf_free(&b);
	store_close(s);
	return rc;
}

/* What the view does when it opens: read, order, fit the columns. */
static int open_view(const char *path, struct store **s, struct reg_table *t, size_t **idx)
{
	struct reg_col cols[32];
	char err[REG_ERR_MAX];

	if (store_open(s, path, STORE_NOCREATE, err, sizeof err) < 0 ||
	    store_load(*s, REG_RISK, t, err, sizeof err) < 0) {
		fprintf(stderr, "bench: %s\n", err);
		return -1;
	}
	*idx = malloc(t->n * sizeof(**idx));
	for (size_t i = 0; i < t->n; i++)
		(*idx)[i] = i;
	reg_sort(t, *idx, t->n, 0, false);
	/* the view fits its columns to an even sample of 2,000 rows */
	size_t ns = t->n < 2000 ? t->n : 2000, *sample = malloc((ns ? ns : 1) * sizeof(*sample));
	for (size_t i = 0; i < ns; i++)
		sample[i] = i * t->n / ns;
	regfmt_fit(t, sample, ns, 120, cols, 32);
	free(sample);
	return 0;
}

static int run(const char *path)
{
	static const char *const typed[] = {"cloud supplier", "ransomware laptop", "owner 12",
					    "high modify", "8.5 backup"};
	enum { OPENS = 20 };
	double t[4096];
	struct store *s;
	struct reg_table tab;
	size_t *idx, n = 0;

	for (int k = 0; k < OPENS; k++) {
		double t0 = now_ms();
		if (open_view(path, &s, &tab, &idx) < 0)
			return 1;
		t[k] = now_ms() - t0;
		if (k + 1 < OPENS) {
			reg_table_free(&tab);
			free(idx);
			store_close(s);
		}
	}
	printf("%zu risks\n", tab.n);
	report("open the view (read, sort, fit)", t, OPENS);

	for (int round = 0; round < 5; round++)
		for (size_t f = 0; f < tab.def->nfields; f++) {
			if (!(tab.def->fields[f].flags & RF_TABLE))
				continue;
			double t0 = now_ms();
			reg_sort(&tab, idx, tab.n, (int)f, round % 2);
			t[n++] = now_ms() - t0;
		}
	report("re-sort by a column", t, n);

	/* Each keystroke filters the whole register again and sorts the result,
	 * as the view does. */
	n = 0;
	size_t *shown = malloc(tab.n * sizeof(*shown));
	for (size_t q = 0; q < sizeof(typed) / sizeof(*typed); q++) {
		for (size_t len = 1; len <= strlen(typed[q]); len++) {
			char prefix[64];
			snprintf(prefix, sizeof prefix, "%.*s", (int)len, typed[q]);
			double t0 = now_ms();
			for (size_t i = 0; i < tab.n; i++)
				shown[i] = i;
			size_t m = reg_filter(&tab, shown, tab.n, prefix);
			reg_sort(&tab, shown, m, 0, false);
			t[n++] = now_ms() - t0;
		}
	}
	report("filter per keystroke, full rescan", t, n);

	/* The view keeps the rows shown and, while the filter only grows,
	 * searches those again. */
	n = 0;
	for (size_t q = 0; q < sizeof(typed) / sizeof(*typed); q++) {
		size_t m = tab.n;
		for (size_t i = 0; i < tab.n; i++)
			shown[i] = i;
		for (size_t len = 1; len <= strlen(typed[q]); len++) {
			char prefix[64];
			snprintf(prefix, sizeof prefix, "%.*s", (int)len, typed[q]);
			double t0 = now_ms();
			m = reg_filter(&tab, shown, m, prefix);
			t[n++] = now_ms() - t0;
		}
	}
	report("filter per keystroke, as typed", t, n);
	free(shown);

	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("peak memory                        %.1f MiB\n", ru.ru_maxrss / 1024.0);
	reg_table_free(&tab);
	free(idx);
	store_close(s);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "gen"))
		return gen(argv[2], atol(argv[3]));
	if (argc == 3 && !strcmp(argv[1], "run"))
		return run(argv[2]);
	fprintf(stderr, "usage: bench_registers gen FILE N | run FILE\n");
	return 2;
}
