/* A bump allocator for cmark's parse trees.
 *
 * cmark allocates every node, string and buffer of a parse on its own,
 * and building the search index parses thousands of answers only to read
 * each tree once and throw it away. md_arena_mem() is a cmark allocator
 * that hands out memory from an arena kept per thread; it takes back only
 * the block handed out last when freed, and md_arena_reset() takes back
 * all of it at once, keeping one chunk for the next parse. Anything
 * allocated through it is invalid after the next reset on the same
 * thread. A thread that used it calls md_arena_release() before it ends.
 *
 * cmark's own allocator aborts when memory runs out, and so does this one
 * (after saying so on stderr): cmark cannot carry on from a failed
 * allocation. */
#ifndef ISMSNAV_MDARENA_H
#define ISMSNAV_MDARENA_H

#include <cmark.h>

cmark_mem *md_arena_mem(void);
void md_arena_reset(void);
void md_arena_release(void);

#endif
