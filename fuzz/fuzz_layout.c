/* Fuzz target: any Markdown laid out at any width from 1 to 300 columns,
 * alone or as a whole answer (header, body, follow-ups, actions) when the
 * input parses as an entry. Every run checks the layout's promises: no
 * line wider than the width (measured with text_width), every span and
 * link inside its line and on character boundaries, valid UTF-8 without
 * control characters, anchors that point at link spans; with the answer's
 * "Linked from" line too.
 *
 * Input: two bytes choose the width, one byte the mode, the rest is the
 * text. */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "ismsnav/answer.h"
#include "ismsnav/corpus.h"
#include "ismsnav/entry.h"
#include "ismsnav/layout.h"
#include "ismsnav/text.h"
#include "ismsnav/util.h"

enum {
	MODE_ANSWER = 1 << 0,   /* parse as an entry and lay out the answer */
	MODE_MISSING = 1 << 1,  /* entries with odd IDs do not exist */
	MODE_BACKLINKS = 1 << 2 /* answer: add "Linked from" with its own targets */
};

static bool odd_missing(unsigned id, void *ctx)
{
	(void)ctx;
	return id % 2 == 0;
}

static bool continuation(const char *s, uint32_t off, uint32_t len)
{
	return off < len && ((unsigned char)s[off] & 0xC0) == 0x80;
}

static void check_doc(const struct layout_doc *d, int width)
{
	FUZZ_CHECK(d->width == width, "doc width %d, asked %d", d->width, width);
	for (size_t i = 0; i < d->n; i++) {
		const struct layout_line *l = &d->lines[i];
		FUZZ_CHECK(l->text != NULL, "line %zu has no text", i);
		FUZZ_CHECK(strlen(l->text) == l->len, "line %zu: %zu bytes to the NUL, len %u",
			   i, strlen(l->text), l->len);
		FUZZ_CHECK(text_valid_utf8(l->text, l->len, NULL), "line %zu is not UTF-8", i);
		int w = text_width(l->text, l->len);
		FUZZ_CHECK(w <= width, "line %zu is %d columns at width %d: '%s'", i, w, width,
			   l->text);
		FUZZ_CHECK((int)l->width == w, "line %zu says %u columns, is %d", i, l->width, w);
		for (uint32_t k = 0; k < l->len; k++) {
			unsigned char c = (unsigned char)l->text[k];
			FUZZ_CHECK(c >= 0x20 && c != 0x7F, "control byte 0x%02X in line %zu", c, i);
			/* C1 controls (U+0080-U+009F) are C2 80..C2 9F in UTF-8 */
			FUZZ_CHECK(!(c == 0xC2 && k + 1 < l->len &&
				     (unsigned char)l->text[k + 1] < 0xA0),
				   "C1 control in line %zu", i);
		}
		for (uint32_t s = 0; s < l->nspans; s++) {
			const struct layout_span *sp = &l->spans[s];
			FUZZ_CHECK(sp->start <= sp->end && sp->end <= l->len,
				   "line %zu span %u is [%u,%u) of %u bytes", i, s, sp->start,
				   sp->end, l->len);
			FUZZ_CHECK(!continuation(l->text, sp->start, l->len) &&
				   !continuation(l->text, sp->end, l->len),
				   "line %zu span %u cuts a character", i, s);
			FUZZ_CHECK(sp->link >= -1 && (sp->link < 0 || (size_t)sp->link < d->nlinks),
				   "line %zu span %u links to %d of %zu", i, s, sp->link, d->nlinks);
		}
	}
	for (size_t i = 0; i < d->nlinks; i++) {
		const struct layout_link *k = &d->links[i];
		FUZZ_CHECK(k->kind == LINK_ENTRY || k->url != NULL, "URL link %zu has no URL", i);
	}
	for (size_t i = 0; i < d->nanchors; i++) {
		const struct layout_anchor *a = &d->anchors[i];
		FUZZ_CHECK(a->line < d->n, "anchor %zu on line %u of %zu", i, a->line, d->n);
		FUZZ_CHECK(a->span < d->lines[a->line].nspans, "anchor %zu: span %u of %u", i,
			   a->span, d->lines[a->line].nspans);
		FUZZ_CHECK(d->lines[a->line].spans[a->span].link == a->link && a->link >= 0,
			   "anchor %zu names link %d, its span %d", i, a->link,
			   d->lines[a->line].spans[a->span].link);
		if (i > 0)
			FUZZ_CHECK(d->anchors[i - 1].line <= a->line, "anchors out of order at %zu", i);
	}
}

static void lay_out_markdown(const char *md, size_t len, int width, unsigned mode)
{
	struct layout_doc d;
	struct layout_opts o = {.width = width, .exists = mode & MODE_MISSING ? odd_missing : NULL};

	layout_doc_init(&d, width);
	layout_markdown(&d, md, len, &o);
	FUZZ_CHECK(!d.error, "layout failed");
	check_doc(&d, width);
	layout_doc_free(&d);
}

static void lay_out_answer(const char *text, size_t len, int width, unsigned mode)
{
	struct diag_list diags = {0};
	struct corpus c = {0};
	struct entry *e = NULL;
	struct answer a;

	if (entry_parse("fuzz/layout.md", text, len, &diags, &e) != ENTRY_OK)
		goto out;
	corpus_add(&c, e, &diags);
	corpus_finish(&c, &diags);
	FUZZ_CHECK(answer_layout(&a, &c, e, width) == 0, "answer layout failed");
	check_doc(&a.doc, width);
	FUZZ_CHECK(a.body_first_line <= a.doc.n, "the body starts on line %zu of %zu",
		   a.body_first_line, a.doc.n);
	for (size_t i = 0; i < a.nfollowups; i++)
		FUZZ_CHECK(a.followups[i] >= 0 && (size_t)a.followups[i] < a.doc.nlinks,
			   "follow-up %zu is link %d of %zu", i, a.followups[i], a.doc.nlinks);
	if (mode & MODE_BACKLINKS) {
		unsigned ids[16];
		size_t n = 0;
		ids[n++] = e->id;
		for (size_t i = 0; i < e->nlinks && n < ISN_ARRAY_LEN(ids); i++)
			ids[n++] = e->links[i].target;
		FUZZ_CHECK(answer_backlinks(&a, &c, ids, n) == 0, "backlinks failed");
		check_doc(&a.doc, width);
	}
	answer_free(&a);
out:
	corpus_free(&c);
	diag_list_free(&diags);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	text_locale_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	int width = 1 + (int)(((unsigned)data[0] << 8 | data[1]) % 300);
	unsigned mode = data[2];
	const char *text = (const char *)data + 3;
	size_t len = size - 3;

	if (mode & MODE_ANSWER)
		lay_out_answer(text, len, width, mode);
	else
		lay_out_markdown(text, len, width, mode);
	return 0;
}
