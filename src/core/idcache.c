/* The ID cache behind `ismsnav show`: a text file listing the corpus
 * folders with their modification times and every file with the ID it
 * declares. Plain text keeps it inspectable; it is rewritten whole via a
 * temporary file and rename(), so a reader never sees half of it. */
#include "ismsnav/idcache.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ismsnav/util.h"

#define IDCACHE_MAGIC "ismsnav-idcache 1"

static uint64_t fnv1a(uint64_t h, const char *s)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

char *idcache_file(const char *const *paths, size_t npaths)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char *dir = NULL;
	if (xdg && *xdg == '/')
		dir = isn_asprintf("%s/ismsnav", xdg);
	else if (home && *home)
		dir = isn_asprintf("%s/.cache/ismsnav", home);
	if (!dir || isn_mkdir_p(dir) < 0) {
		free(dir);
		return NULL;
	}
	/* The key is the set of paths as written (the catalogue stores file
	 * names relative to them) and as absolute paths, in order. */
	uint64_t h = 14695981039346656037ull;
	for (size_t i = 0; i < npaths; i++) {
		char *abs = realpath(paths[i], NULL);
		h = fnv1a(h, paths[i]);
		h = fnv1a(h, "\t");
		h = fnv1a(h, abs ? abs : "");
		h = fnv1a(h, "\n");
		free(abs);
	}
	char *file = isn_asprintf("%s/ids-%016llx.txt", dir, (unsigned long long)h);
	free(dir);
	return file;
}

/* Splits off the next tab-separated field of *s (in place). */
static char *field(char **s)
{
	char *f = *s;
	if (!f)
		return NULL;
	char *tab = strchr(f, '\t');
	if (tab) {
		*tab = '\0';
		*s = tab + 1;
	} else {
		*s = NULL;
	}
	return f;
}

static bool parse_dir(char *rest, struct corpus_catalog *cat)
{
	char *sec = field(&rest), *nsec = field(&rest), *path = rest;
	if (!sec || !nsec || !path || !*path)
		return false;
	char *end1, *end2;
	struct corpus_dir d = {.mtime_sec = strtoll(sec, &end1, 10),
			       .mtime_nsec = strtol(nsec, &end2, 10)};
	if (*end1 || *end2)
		return false;
	d.path = path;
	if (!corpus_dir_unchanged(&d))
		return false;
	if (isn_grow(&cat->dirs, &cat->dirs_cap, cat->ndirs + 1, sizeof(*cat->dirs)) < 0 ||
	    !(d.path = isn_strdup(path)))
		return false;
	cat->dirs[cat->ndirs++] = d;
	return true;
}

static bool parse_file(char *rest, struct corpus_catalog *cat)
{
	char *id = field(&rest), *path = rest;
	if (!id || !path || !*path)
		return false;
	struct corpus_file f = {0};
	if (strcmp(id, "?") != 0) {
		char *end;
		unsigned long v = strtoul(id, &end, 10);
		if (*end || v > UINT_MAX)
			return false;
		f.id = (unsigned)v;
		f.id_known = true;
	}
	if (isn_grow(&cat->v, &cat->cap, cat->n + 1, sizeof(*cat->v)) < 0 ||
	    !(f.path = isn_strdup(path)))
		return false;
	cat->v[cat->n++] = f;
	return true;
}

bool idcache_read(const char *file, struct corpus_catalog *cat)
{
	FILE *f = fopen(file, "r");
	if (!f)
		return false;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	bool ok = getline(&line, &cap, f) > 0 && !strcmp(line, IDCACHE_MAGIC "\n");
	bool ended = false;
	while (ok && (n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] != '\n') {
			ok = false; /* a cut last line: damaged */
			break;
		}
		line[n - 1] = '\0';
		if (!strcmp(line, "end")) {
			ended = true;
			break;
		}
		if (line[0] == 'D' && line[1] == '\t')
			ok = parse_dir(line + 2, cat);
		else if (line[0] == 'F' && line[1] == '\t')
			ok = parse_file(line + 2, cat);
		else
			ok = false;
	}
	free(line);
	fclose(f);
	if (!ok || !ended) {
		corpus_catalog_free(cat);
		return false;
	}
	return true;
}

bool idcache_write(const char *file, const struct corpus_catalog *cat)
{
	char *tmp = isn_asprintf("%s.%ld.tmp", file, (long)getpid());
	if (!tmp)
		return false;
	FILE *f = fopen(tmp, "w");
	bool ok = f != NULL;
	if (ok)
		ok = fputs(IDCACHE_MAGIC "\n", f) >= 0;
	for (size_t i = 0; ok && i < cat->ndirs; i++) {
		const struct corpus_dir *d = &cat->dirs[i];
		/* a tab or newline in a name would break the format: no cache */
		ok = !strpbrk(d->path, "\t\n") &&
		     fprintf(f, "D\t%lld\t%ld\t%s\n", d->mtime_sec, d->mtime_nsec, d->path) > 0;
	}
	for (size_t i = 0; ok && i < cat->n; i++) {
		const struct corpus_file *cf = &cat->v[i];
		ok = !strpbrk(cf->path, "\t\n");
		if (ok && cf->id_known)
			ok = fprintf(f, "F\t%u\t%s\n", cf->id, cf->path) > 0;
		else if (ok)
			ok = fprintf(f, "F\t?\t%s\n", cf->path) > 0;
	}
	if (ok)
		ok = fputs("end\n", f) >= 0;
	if (f && fclose(f) != 0)
		ok = false;
	if (ok)
		ok = rename(tmp, file) == 0;
	if (!ok)
		unlink(tmp);
	free(tmp);
	return ok;
}
