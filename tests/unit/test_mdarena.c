/* The Markdown arena: cmark trees built in it are the trees cmark builds
 * with its own allocator, and its blocks behave as calloc/realloc/free
 * promise. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ismsnav/mdarena.h"
#include "ismsnav/util.h"

/* A document of n sections with most of cmark's node kinds; large n
 * makes its buffers outgrow one arena chunk. */
static char *document(int n)
{
	struct isn_buf b = {0};
	for (int i = 0; i < n; i++)
		isn_buf_printf(&b,
			       "## Section %d\n\n"
			       "Some *emphasis*, **strong** text, `code` and a "
			       "[link](https://example.org/%d \"title\").\n"
			       "A soft break, then a hard one.  \nEnd.\n\n"
			       "- item one\n- item *two*\n  - nested [ref][r%d]\n\n"
			       "> quoted\n> text\n\n"
			       "```c\nint x = %d;\n```\n\n"
			       "[r%d]: /target/%d\n\n",
			       i, i, i, i, i, i);
	return isn_buf_take(&b);
}

/* The HTML of md parsed with the arena, copied out of it. */
static char *arena_html(const char *md)
{
	cmark_parser *p = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, md_arena_mem());
	cmark_parser_feed(p, md, strlen(md));
	cmark_node *root = cmark_parser_finish(p);
	cmark_parser_free(p);
	/* the renderer allocates its result with the tree's allocator */
	char *html = strdup(cmark_render_html(root, CMARK_OPT_DEFAULT));
	md_arena_reset();
	return html;
}

static void same_as_cmark(int sections)
{
	char *md = document(sections);
	char *want = cmark_markdown_to_html(md, strlen(md), CMARK_OPT_DEFAULT);
	char *got = arena_html(md);
	cr_assert_str_eq(got, want);
	free(got);
	free(want);
	free(md);
}

Test(mdarena, small_tree_renders_as_with_cmarks_allocator)
{
	same_as_cmark(3);
	md_arena_release();
}

Test(mdarena, tree_larger_than_a_chunk_renders_the_same)
{
	same_as_cmark(2000); /* about 400 KiB of Markdown */
	same_as_cmark(1);    /* and the arena works on after the reset */
	md_arena_release();
}

Test(mdarena, last_block_grows_and_shrinks_in_place)
{
	cmark_mem *m = md_arena_mem();
	char *a = m->calloc(1, 16);
	memcpy(a, "fifteen letters", 16);
	char *b = m->realloc(a, 4000);
	cr_assert_eq(b, a, "the last block grows where it is");
	cr_assert_str_eq(b, "fifteen letters");
	cr_assert_eq(m->realloc(b, 8), b);
	cr_assert_eq(memcmp(b, "fifteen ", 8), 0);
	md_arena_release();
}

Test(mdarena, earlier_block_moves_with_its_bytes)
{
	cmark_mem *m = md_arena_mem();
	char *a = m->calloc(1, 32);
	memcpy(a, "first", 6);
	char *b = m->calloc(1, 32);
	char *a2 = m->realloc(a, 100000); /* past a chunk, too */
	cr_assert_neq(a2, a);
	cr_assert_str_eq(a2, "first");
	cr_assert_eq(b[0], 0);
	md_arena_release();
}

Test(mdarena, freeing_the_last_block_gives_its_room_back)
{
	cmark_mem *m = md_arena_mem();
	char *a = m->calloc(1, 64);
	char *b = m->calloc(1, 64);
	m->free(b);
	cr_assert_eq(m->calloc(1, 64), b);
	m->free(a); /* not the last: kept until the reset */
	cr_assert_neq(m->calloc(1, 64), a);
	md_arena_release();
}

Test(mdarena, calloc_zeroes_memory_used_before_a_reset)
{
	cmark_mem *m = md_arena_mem();
	unsigned char *a = m->calloc(1, 256);
	memset(a, 0xAB, 256);
	md_arena_reset();
	unsigned char *b = m->calloc(256, 1);
	cr_assert_eq(b, a, "the kept chunk is used again");
	for (int i = 0; i < 256; i++)
		cr_assert_eq(b[i], 0);
	md_arena_release();
}

Test(mdarena, blocks_are_aligned)
{
	cmark_mem *m = md_arena_mem();
	for (size_t n = 1; n < 64; n += 7)
		cr_assert_eq((uintptr_t)m->calloc(1, n) % _Alignof(max_align_t), 0);
	md_arena_release();
}

static void *parse_many(void *arg)
{
	(void)arg;
	for (int i = 0; i < 20; i++)
		same_as_cmark(40);
	md_arena_release();
	return NULL;
}

Test(mdarena, threads_each_have_their_own)
{
	pthread_t th[3];
	for (int i = 0; i < 3; i++)
		cr_assert_eq(pthread_create(&th[i], NULL, parse_many, NULL), 0);
	parse_many(NULL);
	for (int i = 0; i < 3; i++)
		pthread_join(th[i], NULL);
}
