/* Fuzz target: CSV reading and register import. The reader's records are
 * written back and read again (the writer's output must read back to the
 * same fields), then the bytes are imported into an in-memory copy of the
 * demo registers through the same path `ismsnav register import` takes.
 * An import either fails whole, naming the file and line, or leaves
 * every row of the register valid by the register's own rules.
 *
 * Input: one byte chooses the register, the rest is the CSV file. The
 * file lives in a memfd, so nothing touches the disk; the store is reset
 * to the demo data after any import that changed it, so every input
 * starts from the same state. */
#define _GNU_SOURCE
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "ismsnav/csv.h"
#include "ismsnav/reg.h"
#include "ismsnav/store.h"
#include "ismsnav/text.h"
#include "ismsnav/util.h"

#define MAX_RECORDS 200

static struct store *store;

static void close_store(void)
{
	store_close(store);
	store = NULL;
}

static void round_trip(const struct isn_strlist *rec)
{
	struct isn_buf b = {0};
	struct isn_strlist back = {0};
	struct csv_reader r;
	char err[256];

	FUZZ_CHECK(csv_put_record(&b, (const char *const *)rec->v, rec->n) == 0, "write failed");
	csv_reader_init(&r, b.data, b.len);
	FUZZ_CHECK(csv_read_record(&r, &back, err, sizeof(err)) == 1,
		   "a written record does not read back: %s", err);
	FUZZ_CHECK(back.n == rec->n, "%zu fields written, %zu read back", rec->n, back.n);
	for (size_t i = 0; i < rec->n; i++)
		FUZZ_CHECK(!strcmp(back.v[i], rec->v[i]), "field %zu changed in a round trip", i);
	FUZZ_CHECK(csv_read_record(&r, &back, err, sizeof(err)) == 0,
		   "one record written, more read back");
	isn_strlist_free(&back);
	isn_buf_free(&b);
}

/* Reads every record; returns how many were read before the end or an error. */
static size_t read_all(const char *data, size_t len)
{
	struct csv_reader r;
	struct isn_strlist rec = {0};
	char err[256];
	size_t n = 0;
	int got, last_line = 0;

	csv_reader_init(&r, data, len);
	while (n < MAX_RECORDS && (got = csv_read_record(&r, &rec, err, sizeof(err))) == 1) {
		FUZZ_CHECK(rec.n > 0, "a record of no fields");
		FUZZ_CHECK(r.record_line > last_line, "record on line %d after line %d",
			   r.record_line, last_line);
		last_line = r.record_line;
		round_trip(&rec);
		n++;
	}
	isn_strlist_free(&rec);
	return n;
}

static void check_register(enum reg_kind k)
{
	struct reg_table t = {0};
	char err[REG_ERR_MAX];

	FUZZ_CHECK(store_load(store, k, &t, err, sizeof(err)) == 0, "load failed: %s", err);
	for (size_t i = 0; i < t.n; i++)
		FUZZ_CHECK(reg_check_row(t.def, t.rows[i].cell, err, sizeof(err)) == 0,
			   "imported row %zu of %s breaks a rule: %s", i, t.def->name, err);
	reg_table_free(&t);
	FUZZ_CHECK(store_check(store, err, sizeof(err)) == 0, "store check failed: %s", err);
}

static void import(enum reg_kind k, const char *data, size_t len)
{
	char path[64], err[REG_ERR_MAX] = "";
	size_t count = 99;
	int fd = memfd_create("fuzz.csv", 0);

	FUZZ_CHECK(fd >= 0, "memfd_create failed");
	FUZZ_CHECK(write(fd, data, len) == (ssize_t)len, "memfd write failed");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	int rc = store_import_csv(store, k, path, &count, err, sizeof(err));
	close(fd);
	if (rc < 0) {
		FUZZ_CHECK(count == 0, "a failed import reports %zu rows", count);
		FUZZ_CHECK(!strncmp(err, path, strlen(path)), "the message does not name the file: %s",
			   err);
		return;
	}
	if (count == 0)
		return;
	check_register(k);
	FUZZ_CHECK(store_demo_reset(store, err, sizeof(err)) == 0, "reset failed: %s", err);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[REG_ERR_MAX];

	(void)argc;
	(void)argv;
	text_locale_init();
	setenv("SOURCE_DATE_EPOCH", "1767225600", 1); /* fixed timestamps */
	if (store_open(&store, NULL, STORE_DEMO, err, sizeof(err)) < 0) {
		fprintf(stderr, "cannot open the demo store: %s\n", err);
		abort();
	}
	atexit(close_store);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	enum reg_kind k = (enum reg_kind)(data[0] % REG_COUNT);
	const char *csv = (const char *)data + 1;
	size_t len = size - 1;

	read_all(csv, len);
	import(k, csv, len);
	return 0;
}
