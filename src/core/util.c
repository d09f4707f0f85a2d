/* Growable buffers, string lists and checked allocation helpers shared by
 * the core modules. */
#include "ismsnav/util.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int isn_grow(void *arr, size_t *cap, size_t need, size_t size)
{
	void **p = arr;
	if (need <= *cap)
		return 0;
	size_t ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			return -1;
		ncap *= 2;
	}
	if (size && ncap > SIZE_MAX / size)
		return -1;
	void *n = realloc(*p, ncap * size);
	if (!n)
		return -1;
	*p = n;
	*cap = ncap;
	return 0;
}

int isn_buf_reserve(struct isn_buf *b, size_t extra)
{
	if (extra > SIZE_MAX - b->len - 1)
		return -1;
	if (isn_grow(&b->data, &b->cap, b->len + extra + 1, 1) < 0)
		return -1;
	b->data[b->len] = '\0';
	return 0;
}

int isn_buf_add(struct isn_buf *b, const char *s, size_t n)
{
	if (isn_buf_reserve(b, n) < 0)
		return -1;
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int isn_buf_adds(struct isn_buf *b, const char *s)
{
	return isn_buf_add(b, s, strlen(s));
}

int isn_buf_addc(struct isn_buf *b, char c)
{
	return isn_buf_add(b, &c, 1);
}

__attribute__((format(printf, 2, 0)))
static int buf_vprintf(struct isn_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || isn_buf_reserve(b, (size_t)n) < 0)
		return -1;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int isn_buf_printf(struct isn_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return r;
}

char *isn_buf_take(struct isn_buf *b)
{
	char *s = b->data ? b->data : isn_strdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

void isn_buf_free(struct isn_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *isn_strndup(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

bool isn_dirset_seen(struct isn_dirset *s, const struct stat *st)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].dev == st->st_dev && s->v[i].ino == st->st_ino)
			return true;
	if (isn_grow(&s->v, &s->cap, s->n + 1, sizeof(*s->v)) == 0)
		s->v[s->n++] = (struct isn_dir_id){st->st_dev, st->st_ino};
	return false;
}

void isn_dirset_free(struct isn_dirset *s)
{
	free(s->v);
	*s = (struct isn_dirset){0};
}

char *isn_strdup(const char *s)
{
	return isn_strndup(s, strlen(s));
}

char *isn_asprintf(const char *fmt, ...)
{
	struct isn_buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	int r = buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (r < 0) {
		isn_buf_free(&b);
		return NULL;
	}
	return isn_buf_take(&b);
}

int isn_strlist_push(struct isn_strlist *l, const char *s)
{
	if (isn_grow(&l->v, &l->cap, l->n + 1, sizeof(*l->v)) < 0)
		return -1;
	char *d = isn_strdup(s);
	if (!d)
		return -1;
	l->v[l->n++] = d;
	return 0;
}

void isn_strlist_free(struct isn_strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

const char *isn_strcasestr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (n == 0)
		return hay;
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i] &&
		       tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return hay;
	}
	return NULL;
}

int isn_mkdir_p(const char *path)
{
	char *p = isn_strdup(path);
	if (!p)
		return -1;
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	int rc = mkdir(p, 0700) == 0 || errno == EEXIST ? 0 : -1;
	free(p);
	return rc;
}

void isn_errf(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

#define ARENA_BLOCK 65536

struct isn_arena_block {
	struct isn_arena_block *next;
	size_t size;
	max_align_t data[];
};

void *isn_arena_alloc(struct isn_arena *a, size_t n)
{
	size_t align = sizeof(max_align_t), need = (n + align - 1) / align * align;

	if (need < n)
		return NULL;
	if (need > a->left) {
		size_t size = need > ARENA_BLOCK / 4 ? need : ARENA_BLOCK;
		struct isn_arena_block *b = malloc(sizeof(*b) + size);

		if (!b)
			return NULL;
		b->size = size;
		if (need == size && a->blocks) { /* a big one: keep filling the current block */
			b->next = a->blocks->next;
			a->blocks->next = b;
			return b->data;
		}
		b->next = a->blocks;
		a->blocks = b;
		a->p = (char *)b->data;
		a->left = size;
	}
	void *p = a->p;
	a->p += need;
	a->left -= need;
	return p;
}

char *isn_arena_strndup(struct isn_arena *a, const char *s, size_t n)
{
	char *p = isn_arena_alloc(a, n + 1);

	if (p) {
		if (n)
			memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

void isn_arena_free(struct isn_arena *a)
{
	while (a->blocks) {
		struct isn_arena_block *next = a->blocks->next;
		free(a->blocks);
		a->blocks = next;
	}
	*a = (struct isn_arena){0};
}
