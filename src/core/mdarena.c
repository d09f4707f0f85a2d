/* A per-thread bump allocator for cmark (see mdarena.h). */
#include "ismsnav/mdarena.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALIGN alignof(max_align_t)
#define CHUNK_BYTES (64u * 1024u)
/* Each block is preceded by its size, padded to keep the block aligned. */
#define BLOCK_HEAD ALIGN

struct chunk {
	struct chunk *next; /* the chunk filled before this one */
	size_t cap, used;   /* bytes of data, and of them in use */
	alignas(max_align_t) unsigned char data[];
};

struct arena {
	struct chunk *head;  /* the chunk blocks are taken from */
	unsigned char *last; /* the block handed out last, or NULL */
};

static _Thread_local struct arena arena;

static _Noreturn void out_of_memory(void)
{
	fputs("ismsnav: out of memory while reading Markdown\n", stderr);
	abort();
}

static size_t block_size(const unsigned char *block)
{
	size_t n;
	memcpy(&n, block - BLOCK_HEAD, sizeof(n));
	return n;
}

static size_t padded(size_t n)
{
	if (n > SIZE_MAX - BLOCK_HEAD - ALIGN)
		out_of_memory();
	return (n + ALIGN - 1) / ALIGN * ALIGN;
}

static void *take(size_t size)
{
	size_t need = BLOCK_HEAD + padded(size);
	struct chunk *c = arena.head;
	if (!c || c->cap - c->used < need) {
		size_t cap = need > CHUNK_BYTES ? need : CHUNK_BYTES;
		if (cap > SIZE_MAX - sizeof(*c) || !(c = malloc(sizeof(*c) + cap)))
			out_of_memory();
		*c = (struct chunk){.next = arena.head, .cap = cap};
		arena.head = c;
	}
	unsigned char *block = c->data + c->used + BLOCK_HEAD;
	memcpy(block - BLOCK_HEAD, &size, sizeof(size));
	c->used += need;
	arena.last = block;
	return block;
}

static void *arena_calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		out_of_memory();
	void *p = take(n * size);
	memset(p, 0, n * size);
	return p;
}

static void *arena_realloc(void *ptr, size_t size)
{
	unsigned char *block = ptr;
	if (!block)
		return take(size);
	size_t old = block_size(block);
	struct chunk *c = arena.head;
	if (block == arena.last) {
		/* the last block grows or shrinks where it is when it fits */
		size_t start = (size_t)(block - c->data);
		if (c->cap - start >= padded(size)) {
			c->used = start + padded(size);
			memcpy(block - BLOCK_HEAD, &size, sizeof(size));
			return block;
		}
	}
	void *p = take(size);
	memcpy(p, block, old < size ? old : size);
	return p;
}

static void arena_free(void *ptr)
{
	if (ptr && ptr == arena.last) {
		arena.head->used = (size_t)(arena.last - BLOCK_HEAD - arena.head->data);
		arena.last = NULL;
	}
}

static cmark_mem mem = {arena_calloc, arena_realloc, arena_free};

cmark_mem *md_arena_mem(void)
{
	return &mem;
}

void md_arena_reset(void)
{
	struct chunk *keep = NULL;
	for (struct chunk *c = arena.head, *next; c; c = next) {
		next = c->next;
		if (!keep && c->cap == CHUNK_BYTES)
			keep = c;
		else
			free(c);
	}
	if (keep)
		*keep = (struct chunk){.cap = CHUNK_BYTES};
	arena = (struct arena){.head = keep};
}

void md_arena_release(void)
{
	md_arena_reset();
	free(arena.head);
	arena = (struct arena){0};
}
