/* The ID cache: round trip, and every way it must refuse to be trusted. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"
#include "ismsnav/idcache.h"

static char root[64];

static void write_file(const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", root, name);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
}

static void setup(void)
{
	test_locale();
	snprintf(root, sizeof root, "/tmp/ismsnav-idcache-XXXXXX");
	cr_assert_not_null(mkdtemp(root));
	char sub[128];
	snprintf(sub, sizeof sub, "%s/corpus", root);
	mkdir(sub, 0700);
	write_file("corpus/a.md", "id: Q1\nquery: one\n---\nx\n");
	write_file("corpus/b.md", "---\nid: Q2\nquery: two\n---\nx\n");
	write_file("corpus/c.md", "{id: Q3, query: three}\n---\nx\n");
	char cache[128];
	snprintf(cache, sizeof cache, "%s/cache", root);
	setenv("XDG_CACHE_HOME", cache, 1);
}

static void teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(idcache, .init = setup, .fini = teardown);

static char *scan_and_write(struct corpus_catalog *cat)
{
	char dir[128];
	snprintf(dir, sizeof dir, "%s/corpus", root);
	const char *paths[] = {dir};
	struct diag_list d = {0};
	cr_assert_eq(corpus_catalog_scan(cat, paths, 1, &d), 0);
	diag_list_free(&d);
	char *file = idcache_file(paths, 1);
	cr_assert_not_null(file);
	cr_assert(strstr(file, "/cache/ismsnav/ids-"));
	cr_assert(idcache_write(file, cat));
	return file;
}

Test(idcache, round_trip)
{
	struct corpus_catalog cat = {0}, back = {0};
	char *file = scan_and_write(&cat);
	cr_assert(idcache_read(file, &back));
	cr_assert_eq(back.n, 3);
	cr_assert_eq(back.v[0].id, 1);
	cr_assert(back.v[1].id_known);
	cr_assert_eq(back.v[1].id, 2);
	cr_assert_not(back.v[2].id_known, "flow-style front matter must be parsed");
	cr_assert_eq(back.ndirs, 1);
	corpus_catalog_free(&back);
	corpus_catalog_free(&cat);
	free(file);
}

Test(idcache, a_changed_folder_invalidates_it)
{
	struct corpus_catalog cat = {0}, back = {0};
	char *file = scan_and_write(&cat);
	/* make sure the folder's time moves even on a coarse clock */
	struct timespec ts = {0, 20 * 1000 * 1000};
	nanosleep(&ts, NULL);
	write_file("corpus/d.md", "id: Q4\nquery: four\n---\nx\n");
	cr_assert_not(idcache_read(file, &back));
	cr_assert_eq(back.n, 0);
	corpus_catalog_free(&cat);
	free(file);
}

Test(idcache, damaged_or_foreign_files_are_refused)
{
	struct corpus_catalog cat = {0}, back = {0};
	char *file = scan_and_write(&cat);
	FILE *f = fopen(file, "r+");
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fclose(f);
	cr_assert_eq(truncate(file, size - 3), 0, "cut before the end marker");
	cr_assert_not(idcache_read(file, &back));
	f = fopen(file, "w");
	fputs("SQLite format 3\n", f);
	fclose(f);
	cr_assert_not(idcache_read(file, &back));
	cr_assert_not(idcache_read("/nonexistent/ids.txt", &back));
	corpus_catalog_free(&cat);
	free(file);
}

Test(idcache, no_cache_folder_means_no_cache)
{
	setenv("XDG_CACHE_HOME", "/proc/ismsnav-cannot-write", 1);
	unsetenv("HOME");
	const char *paths[] = {"/tmp"};
	char *file = idcache_file(paths, 1);
	cr_assert_null(file);
}
