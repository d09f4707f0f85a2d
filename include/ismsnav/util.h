/* Small shared helpers: a growable byte buffer, checked allocation and
 * string lists. Every function that allocates returns NULL (or -1) on
 * allocation failure; callers own what they get and free it with the
 * matching *_free function. */
#ifndef ISMSNAV_UTIL_H
#define ISMSNAV_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define ISN_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

struct isn_buf {
	char *data; /* always NUL-terminated when non-NULL */
	size_t len;
	size_t cap;
};

int isn_buf_reserve(struct isn_buf *b, size_t extra);
int isn_buf_add(struct isn_buf *b, const char *s, size_t n);
int isn_buf_adds(struct isn_buf *b, const char *s);
int isn_buf_addc(struct isn_buf *b, char c);
int isn_buf_printf(struct isn_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Hands the buffer's bytes to the caller (never NULL: "" for an empty
 * buffer, NULL only on allocation failure) and resets the buffer. */
char *isn_buf_take(struct isn_buf *b);
void isn_buf_free(struct isn_buf *b);

/* Grows *arr so that it holds at least `need` elements of `size` bytes. */
int isn_grow(void *arr, size_t *cap, size_t need, size_t size);

/* The folders met on a walk, by device and inode, so that a loop
 * through a link is walked once. */
struct isn_dirset {
	struct isn_dir_id {
		dev_t dev;
		ino_t ino;
	} *v;
	size_t n, cap;
};

struct stat;
/* True when st's folder was met before; else records it and returns
 * false (also when recording fails: the walk goes on). */
bool isn_dirset_seen(struct isn_dirset *s, const struct stat *st);
void isn_dirset_free(struct isn_dirset *s);

char *isn_strdup(const char *s);
char *isn_strndup(const char *s, size_t n);
char *isn_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A list of owned strings. */
struct isn_strlist {
	char **v;
	size_t n;
	size_t cap;
};

int isn_strlist_push(struct isn_strlist *l, const char *s);
void isn_strlist_free(struct isn_strlist *l);

/* Case-insensitive (ASCII) substring search. */
const char *isn_strcasestr(const char *hay, const char *needle);

/* An arena: many small allocations freed together, for data that lives
 * and dies as a whole (a loaded register). Zero-initialise it; memory
 * from isn_arena_alloc is aligned for any type and is never freed alone. */
struct isn_arena_block;
struct isn_arena {
	struct isn_arena_block *blocks;
	char *p;
	size_t left;
};

void *isn_arena_alloc(struct isn_arena *a, size_t n);
char *isn_arena_strndup(struct isn_arena *a, const char *s, size_t n);
void isn_arena_free(struct isn_arena *a);

/* Writes a message into a caller's error buffer (err may be NULL). */
void isn_errf(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Creates a folder and its missing parents (mode 0700). */
int isn_mkdir_p(const char *path);

#endif
