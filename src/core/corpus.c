/* Loading the corpus: walk folders (sorted, hidden entries skipped, loops
 * guarded), parse every file, keep the good entries sorted by ID and turn
 * every problem into a diagnostic. Also the queries over loaded entries
 * that the list view and `ismsnav list` share. */
#include "ismsnav/corpus.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ismsnav/util.h"

/* Bytes read to peek at a file's ID; front matter is rarely longer. */
#define PEEK_BYTES 4096

struct walk {
	struct corpus_catalog *cat;
	struct diag_list *diags;
	struct isn_dirset seen;
};

static void too_big(struct diag_list *diags, const char *path, long long size)
{
	diag_add(diags, DIAG_ERROR, path, 0,
		 "file is %lld bytes; entries are limited to %u bytes (1 MiB)", size,
		 ENTRY_MAX_BYTES);
}

/* Reads up to max bytes of f into a new buffer. */
static char *read_upto(FILE *f, size_t max, size_t *len)
{
	size_t cap = max < 65536 ? max : 65536;
	char *data = malloc(cap + 1);
	*len = 0;
	while (data) {
		size_t r = fread(data + *len, 1, cap - *len, f);
		*len += r;
		if (r == 0 || *len == max)
			break;
		if (*len == cap) {
			size_t ncap = cap * 2 > max ? max : cap * 2;
			char *n = realloc(data, ncap + 1);
			if (!n) {
				free(data);
				return NULL;
			}
			data = n;
			cap = ncap;
		}
	}
	return data;
}

/* Peeks at the ID with one open and one read: this runs for every file of
 * every corpus at every start, so it makes as few system calls as it can. */
static void catalog_file(struct walk *w, const char *path)
{
	struct corpus_catalog *cat = w->cat;
	if (isn_grow(&cat->v, &cat->cap, cat->n + 1, sizeof(*cat->v)) < 0)
		return;
	struct corpus_file f = {.path = isn_strdup(path)};
	if (!f.path)
		return;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		char head[PEEK_BYTES];
		ssize_t n = read(fd, head, sizeof head);
		if (n > 0)
			f.id_known = entry_peek_id(head, (size_t)n, &f.id);
		close(fd);
	}
	cat->v[cat->n++] = f;
}

#ifdef __APPLE__
#define ST_MTIM(st) ((st)->st_mtimespec)
#else
#define ST_MTIM(st) ((st)->st_mtim)
#endif

static void record_dir(struct corpus_catalog *cat, const char *path, const struct stat *st)
{
	if (isn_grow(&cat->dirs, &cat->dirs_cap, cat->ndirs + 1, sizeof(*cat->dirs)) < 0)
		return;
	char *p = isn_strdup(path);
	if (!p)
		return;
	cat->dirs[cat->ndirs++] = (struct corpus_dir){p, (long long)ST_MTIM(st).tv_sec,
						      (long)ST_MTIM(st).tv_nsec};
}

bool corpus_dir_unchanged(const struct corpus_dir *d)
{
	struct stat st;
	return stat(d->path, &st) == 0 && (long long)ST_MTIM(&st).tv_sec == d->mtime_sec &&
	       (long)ST_MTIM(&st).tv_nsec == d->mtime_nsec;
}

static int cmp_item(const void *a, const void *b)
{
	const struct corpus_dir_item *x = a, *y = b;
	return strcmp(x->name, y->name);
}

static void walk_path(struct walk *w, const char *path, int depth);

struct corpus_dir_item *corpus_read_folder(DIR *d, size_t *n)
{
	struct corpus_dir_item *items = NULL;
	size_t cap = 0;
	struct dirent *de;
	*n = 0;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue; /* hidden files, ".", ".." */
		if (isn_grow(&items, &cap, *n + 1, sizeof(*items)) < 0)
			break;
		items[*n].name = isn_strdup(de->d_name);
		items[*n].type = de->d_type;
		if (!items[*n].name)
			break;
		(*n)++;
	}
	if (*n > 1)
		qsort(items, *n, sizeof(*items), cmp_item);
	return items;
}

static void walk_dir(struct walk *w, const char *path, const struct stat *st, int depth)
{
	if (depth > CORPUS_MAX_DEPTH) {
		diag_add(w->diags, DIAG_WARNING, path, 0,
			 "folders nested deeper than %d levels are not read", CORPUS_MAX_DEPTH);
		return;
	}
	if (isn_dirset_seen(&w->seen, st))
		return;
	record_dir(w->cat, path, st);
	DIR *d = opendir(path);
	if (!d) {
		diag_add(w->diags, DIAG_ERROR, path, 0, "cannot open folder: %s", strerror(errno));
		return;
	}
	size_t n;
	struct corpus_dir_item *items = corpus_read_folder(d, &n);
	closedir(d);
	for (size_t i = 0; i < n; i++) {
		char *child = isn_asprintf("%s/%s", path, items[i].name);
		if (child && items[i].type == DT_REG)
			catalog_file(w, child);
		else if (child)
			walk_path(w, child, depth + 1);
		free(child);
		free(items[i].name);
	}
	free(items);
}

static void walk_path(struct walk *w, const char *path, int depth)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		diag_add(w->diags, DIAG_ERROR, path, 0, "cannot read: %s", strerror(errno));
		return;
	}
	if (S_ISDIR(st.st_mode))
		walk_dir(w, path, &st, depth);
	else if (S_ISREG(st.st_mode))
		catalog_file(w, path);
	else if (depth == 0)
		diag_add(w->diags, DIAG_ERROR, path, 0, "not a file or folder");
}

int corpus_catalog_scan(struct corpus_catalog *cat, const char *const *paths,
			size_t npaths, struct diag_list *diags)
{
	struct walk w = {.cat = cat, .diags = diags};
	int rc = 0;
	for (size_t i = 0; i < npaths; i++) {
		struct stat st;
		if (stat(paths[i], &st) != 0) {
			diag_add(diags, DIAG_ERROR, paths[i], 0, "cannot read: %s", strerror(errno));
			rc = -1;
			continue;
		}
		walk_path(&w, paths[i], 0);
	}
	isn_dirset_free(&w.seen);
	return rc;
}

void corpus_catalog_free(struct corpus_catalog *cat)
{
	for (size_t i = 0; i < cat->n; i++)
		free(cat->v[i].path);
	free(cat->v);
	for (size_t i = 0; i < cat->ndirs; i++)
		free(cat->dirs[i].path);
	free(cat->dirs);
	*cat = (struct corpus_catalog){0};
}

/* Reads one entry file whole; NULL (reported) when it cannot be read or
 * is over the size limit. */
static char *read_entry_file(const char *path, size_t *len, struct diag_list *diags)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		diag_add(diags, DIAG_ERROR, path, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	/* One byte past the limit tells a file that is too big (even one that
	 * grew since it was listed) without reading it all. */
	char *data = read_upto(f, ENTRY_MAX_BYTES + 1, len);
	bool failed = ferror(f);
	fclose(f);
	if (!data || failed) {
		diag_add(diags, DIAG_ERROR, path, 0, "cannot read: %s",
			 data ? "read error" : "out of memory");
		free(data);
		return NULL;
	}
	if (*len > ENTRY_MAX_BYTES) {
		struct stat st;
		too_big(diags, path, stat(path, &st) == 0 ? (long long)st.st_size : (long long)*len);
		free(data);
		return NULL;
	}
	return data;
}

/* Parses one file into c; returns the ID it declared, or -1. */
static long load_file(struct corpus *c, const char *path, bool head_only,
		      struct diag_list *diags)
{
	long id = -1;
	size_t len;
	char *data = read_entry_file(path, &len, diags);
	if (!data)
		return id;
	struct entry *e;
	enum entry_status st = head_only ? entry_parse_head(path, data, len, diags, &e)
					 : entry_parse(path, data, len, diags, &e);
	if (st == ENTRY_OK) {
		id = e->id;
		corpus_add(c, e, diags);
	}
	free(data);
	return id;
}

static bool wanted(const struct corpus_file *f, const unsigned *ids, size_t nids)
{
	if (f->loaded)
		return false;
	if (!ids || !f->id_known)
		return true;
	for (size_t i = 0; i < nids; i++)
		if (ids[i] == f->id)
			return true;
	return false;
}

size_t corpus_catalog_load(struct corpus_catalog *cat, struct corpus *c,
			   const unsigned *ids, size_t nids, bool head_only,
			   struct diag_list *diags)
{
	size_t stale = 0;
	for (size_t i = 0; i < cat->n; i++) {
		struct corpus_file *f = &cat->v[i];
		if (!wanted(f, ids, nids))
			continue;
		long id = load_file(c, f->path, head_only, diags);
		f->loaded = true;
		stale += f->id_known && id >= 0 && (unsigned)id != f->id;
	}
	corpus_finish(c, diags);
	return stale;
}

int corpus_load(struct corpus *c, const char *const *paths, size_t npaths,
		struct diag_list *diags)
{
	struct corpus_catalog cat = {0};
	int rc = corpus_catalog_scan(&cat, paths, npaths, diags);
	corpus_catalog_load(&cat, c, NULL, 0, false, diags);
	corpus_catalog_free(&cat);
	return rc;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = *(struct entry *const *)a, *y = *(struct entry *const *)b;
	if (x->id != y->id)
		return (x->id > y->id) - (x->id < y->id);
	return (x->seq > y->seq) - (x->seq < y->seq);
}

void corpus_finish(struct corpus *c, struct diag_list *diags)
{
	if (c->n > 1)
		qsort(c->entries, c->n, sizeof(*c->entries), cmp_entry);
	size_t o = 0;
	for (size_t i = 0; i < c->n; i++) {
		struct entry *e = c->entries[i];
		if (o > 0 && c->entries[o - 1]->id == e->id) {
			const struct entry *first = c->entries[o - 1];
			char id[16];
			entry_id_format(e->id, id);
			diag_add(diags, DIAG_ERROR, e->path, e->id_line,
				 "duplicate id %s (already defined at %s:%d); skipped", id,
				 first->path, first->id_line);
			entry_free(e);
			continue;
		}
		c->entries[o++] = e;
	}
	c->n = o;
}

bool entry_is_head(const struct entry *e)
{
	return e->body == NULL;
}

/* Parses the file of head h in full; NULL (reported, naming the file and
 * line) when it cannot be read, is broken or declares another ID now. */
static struct entry *parse_full(const struct entry *h, struct diag_list *diags)
{
	size_t len;
	char *data = read_entry_file(h->path, &len, diags);
	if (!data)
		return NULL;
	struct entry *e = NULL;
	enum entry_status st = entry_parse(h->path, data, len, diags, &e);
	free(data);
	char want[16];
	entry_id_format(h->id, want);
	if (st == ENTRY_SKIPPED) {
		/* a warning when loading; here it costs the reader the answer */
		diag_add(diags, DIAG_ERROR, h->path, 0, "no longer holds an entry (%s was read from it)",
			 want);
		return NULL;
	}
	if (st != ENTRY_OK)
		return NULL;
	if (e->id != h->id) {
		char got[16];
		entry_id_format(e->id, got);
		diag_add(diags, DIAG_ERROR, h->path, e->id_line,
			 "now declares %s, not %s; reload the corpus to see the change", got, want);
		entry_free(e);
		return NULL;
	}
	return e;
}

int corpus_complete(struct corpus *c, unsigned id, struct diag_list *diags,
		    struct entry **out)
{
	long i = corpus_index(c, id);
	*out = i < 0 ? NULL : c->entries[i];
	if (i < 0)
		return -1;
	if (!entry_is_head(*out))
		return 0;
	struct entry *e = parse_full(*out, diags);
	if (!e)
		return -1;
	e->seq = (*out)->seq; /* the same place among duplicates */
	entry_free(*out);
	c->entries[i] = *out = e;
	return 0;
}

static bool lists_equal(const struct isn_strlist *a, const struct isn_strlist *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	return true;
}

static bool str_equal(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* What both loads know about an entry: the head, and the body when both
 * have read it. */
static bool same_entry(const struct entry *a, const struct entry *b)
{
	return str_equal(a->query, b->query) && str_equal(a->path, b->path) &&
	       a->id_line == b->id_line && lists_equal(&a->packs, &b->packs) &&
	       lists_equal(&a->primary_ids, &b->primary_ids) &&
	       lists_equal(&a->overlap_ids, &b->overlap_ids) &&
	       lists_equal(&a->capability_tags, &b->capability_tags) &&
	       (!a->body || !b->body || str_equal(a->body, b->body));
}

void corpus_diff(const struct corpus *before, const struct corpus *now,
		 struct corpus_diff *d)
{
	*d = (struct corpus_diff){0};
	size_t i = 0, j = 0;
	/* both sorted by ID with no duplicates: one merge pass */
	while (i < before->n || j < now->n) {
		const struct entry *a = i < before->n ? before->entries[i] : NULL;
		const struct entry *b = j < now->n ? now->entries[j] : NULL;
		if (a && (!b || a->id < b->id)) {
			d->removed++;
			i++;
		} else if (b && (!a || b->id < a->id)) {
			d->added++;
			j++;
		} else {
			d->changed += !same_entry(a, b);
			i++;
			j++;
		}
	}
}

long corpus_index(const struct corpus *c, unsigned id)
{
	size_t lo = 0, hi = c->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		unsigned m = c->entries[mid]->id;
		if (m == id)
			return (long)mid;
		if (m < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

struct entry *corpus_find(const struct corpus *c, unsigned id)
{
	long i = corpus_index(c, id);
	return i < 0 ? NULL : c->entries[i];
}

void corpus_add(struct corpus *c, struct entry *e, struct diag_list *diags)
{
	if (isn_grow(&c->entries, &c->cap, c->n + 1, sizeof(*c->entries)) < 0) {
		diag_add(diags, DIAG_ERROR, e->path, 0, "out of memory; entry skipped");
		entry_free(e);
		return;
	}
	e->seq = c->seq++;
	c->entries[c->n++] = e;
}

void corpus_check_links(const struct corpus *c, struct diag_list *diags)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct entry *e = c->entries[i];
		for (size_t j = 0; j < e->nlinks; j++) {
			if (corpus_find(c, e->links[j].target))
				continue;
			char id[16];
			entry_id_format(e->links[j].target, id);
			diag_add(diags, DIAG_WARNING, e->path, e->links[j].line,
				 "%s %s is not in this corpus",
				 e->links[j].origin == LINK_FOLLOWUP ? "follow-up" : "link to", id);
		}
	}
}

void corpus_check_extras(const struct corpus *c, struct diag_list *diags)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct entry *e = c->entries[i];
		for (size_t j = 0; j < e->nextras; j++)
			diag_add(diags, DIAG_WARNING, e->path, e->extras[j].line,
				 "unknown key '%s'", e->extras[j].key);
	}
}

static bool ref_matches(const char *ref, const char *prefix)
{
	size_t n = strlen(prefix);
	if (strncmp(ref, prefix, n) != 0)
		return false;
	char next = ref[n];
	/* stop at a component boundary: "6" matches "6.1" but not "60" */
	return next == '\0' || next == '.' || next == '/' || n == 0 ||
	       prefix[n - 1] == '.' || prefix[n - 1] == '/';
}

bool entry_has_ref(const struct entry *e, const char *prefix)
{
	for (size_t i = 0; i < e->primary_ids.n; i++)
		if (ref_matches(e->primary_ids.v[i], prefix))
			return true;
	for (size_t i = 0; i < e->overlap_ids.n; i++)
		if (ref_matches(e->overlap_ids.v[i], prefix))
			return true;
	return false;
}

static bool list_has(const struct isn_strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcasecmp(l->v[i], s))
			return true;
	return false;
}

bool entry_has_pack(const struct entry *e, const char *pack)
{
	return list_has(&e->packs, pack);
}

bool entry_has_tag(const struct entry *e, const char *tag)
{
	return list_has(&e->capability_tags, tag);
}

static bool word_matches(const struct entry *e, const char *w, size_t n)
{
	char buf[256];
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, w, n);
	buf[n] = '\0';
	char id[16];
	entry_id_format(e->id, id);
	unsigned q;
	if (entry_id_parse(buf, &q) && q == e->id)
		return true;
	return isn_strcasestr(id, buf) || isn_strcasestr(e->query, buf) ||
	       (e->body && isn_strcasestr(e->body, buf));
}

bool entry_matches(const struct entry *e, const char *query)
{
	const char *p = query;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *s = p;
		while (*p && *p != ' ')
			p++;
		if (p > s && !word_matches(e, s, (size_t)(p - s)))
			return false;
	}
	return true;
}

void corpus_free(struct corpus *c)
{
	for (size_t i = 0; i < c->n; i++)
		entry_free(c->entries[i]);
	free(c->entries);
	*c = (struct corpus){0};
}
