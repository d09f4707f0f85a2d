/* Markdown to lines: walks cmark's tree with its iterator, keeping a
 * style stack for inline markup and a prefix stack for blocks (a list
 * bullet on an item's first line only, quote bars on every line), and
 * hands each paragraph to the wrapper. "See Qnnn" in text becomes a link
 * through the same scanner the link extractor uses. */
#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ismsnav/entry.h"
#include "ismsnav/layout.h"
#include "ismsnav/links.h"
#include "ismsnav/util.h"

/* Deeper block nesting than the limit adds no more prefix (and a note
 * says so); deeper inline nesting adds no more style. Both keep
 * pathological input bounded. */
#define MD_MAX_BLOCK_DEPTH LAYOUT_MAX_BLOCK_DEPTH
#define MD_MAX_INLINE_DEPTH LAYOUT_MAX_INLINE_DEPTH

struct prefix {
	char first[32];
	char cont[32];
	bool used;       /* the first line has been emitted */
};

struct md {
	struct layout_doc *d;
	const struct layout_opts *o;
	struct layout_para para;
	struct prefix pre[MD_MAX_BLOCK_DEPTH];
	int npre;        /* may exceed MD_MAX_BLOCK_DEPTH; only the first are kept */
	uint16_t style[MD_MAX_INLINE_DEPTH];
	int32_t link[MD_MAX_INLINE_DEPTH];
	int nstyle;
	int list_depth;
	/* the number of the last item of each open list, by list depth, so an
	 * item's number is not counted from its list's start every time */
	int item_no[MD_MAX_BLOCK_DEPTH];
	bool pending_blank;
	bool too_deep;   /* some block was nested past MD_MAX_BLOCK_DEPTH */
	struct isn_buf first, cont; /* scratch for building prefixes */
};

static uint16_t cur_style(const struct md *m)
{
	int i = m->nstyle < MD_MAX_INLINE_DEPTH ? m->nstyle : MD_MAX_INLINE_DEPTH;
	return i ? m->style[i - 1] : 0;
}

static int32_t cur_link(const struct md *m)
{
	int i = m->nstyle < MD_MAX_INLINE_DEPTH ? m->nstyle : MD_MAX_INLINE_DEPTH;
	return i ? m->link[i - 1] : -1;
}

static void push_style(struct md *m, uint16_t add, int32_t link)
{
	if (m->nstyle < MD_MAX_INLINE_DEPTH) {
		m->style[m->nstyle] = cur_style(m) | add;
		m->link[m->nstyle] = link >= 0 ? link : cur_link(m);
	}
	m->nstyle++;
}

static void pop_style(struct md *m)
{
	if (m->nstyle > 0)
		m->nstyle--;
}

static void push_prefix(struct md *m, const char *first, const char *cont)
{
	if (m->npre < MD_MAX_BLOCK_DEPTH) {
		struct prefix *p = &m->pre[m->npre];
		snprintf(p->first, sizeof p->first, "%s", first);
		snprintf(p->cont, sizeof p->cont, "%s", cont);
		p->used = false;
	} else {
		m->too_deep = true;
	}
	m->npre++;
}

static void pop_prefix(struct md *m)
{
	if (m->npre > 0)
		m->npre--;
}

/* Builds the prefixes for the next line(s) and marks first lines used. */
static void build_prefixes(struct md *m, bool consume)
{
	m->first.len = m->cont.len = 0;
	isn_buf_adds(&m->first, "");
	isn_buf_adds(&m->cont, "");
	int n = m->npre < MD_MAX_BLOCK_DEPTH ? m->npre : MD_MAX_BLOCK_DEPTH;
	for (int i = 0; i < n; i++) {
		struct prefix *p = &m->pre[i];
		isn_buf_adds(&m->first, p->used ? p->cont : p->first);
		isn_buf_adds(&m->cont, p->cont);
		if (consume)
			p->used = true;
	}
	if (!m->first.data || !m->cont.data)
		m->d->error = 1;
}

static void blank_line(struct md *m)
{
	build_prefixes(m, false);
	if (m->d->error)
		return;
	/* the quote bars continue through blank lines; indentation does not */
	size_t n = m->cont.len;
	while (n > 0 && m->cont.data[n - 1] == ' ')
		n--;
	m->cont.data[n] = '\0';
	if (n == 0) {
		layout_blank(m->d);
		return;
	}
	struct layout_para empty = {0};
	layout_para_add(&empty, " ", 1, 0, -1);
	layout_emit(m->d, &empty, m->cont.data, m->cont.data, ST_DIM);
	layout_para_free(&empty);
}

static void before_block(struct md *m)
{
	if (m->pending_blank && m->d->n > 0)
		blank_line(m);
	m->pending_blank = false;
}

static void emit_para(struct md *m, uint16_t prefix_style)
{
	build_prefixes(m, true);
	if (m->d->error)
		return;
	if (m->para.error)
		m->d->error = 1;
	layout_emit(m->d, &m->para, m->first.data, m->cont.data, prefix_style);
	layout_para_reset(&m->para);
	m->pending_blank = true;
}

static bool exists(const struct md *m, unsigned id)
{
	return !m->o->exists || m->o->exists(id, m->o->exists_ctx);
}

struct text_ctx {
	struct md *m;
	const char *s;
	size_t done;
};

static void add_id_link(struct md *m, const char *s, size_t a, size_t b, unsigned id)
{
	bool ok = exists(m, id);
	int32_t link = layout_add_link(m->d, LINK_ENTRY, id, NULL, !ok);
	layout_para_add(&m->para, s + a, b - a,
			cur_style(m) | (ok ? ST_LINK : ST_MISSING), link);
}

static int on_text_ref(const struct link_ref *r, void *ctx)
{
	struct text_ctx *t = ctx;
	struct md *m = t->m;
	layout_para_add(&m->para, t->s + t->done, r->start - t->done, cur_style(m), cur_link(m));
	add_id_link(m, t->s, r->start, r->first_end, r->first);
	if (r->last_start > r->start) {
		layout_para_add(&m->para, t->s + r->first_end, r->last_start - r->first_end,
				cur_style(m), cur_link(m));
		add_id_link(m, t->s, r->last_start, r->end, r->last);
	}
	t->done = r->end;
	return 0;
}

static void add_text(struct md *m, const char *s)
{
	size_t n = strlen(s);
	if (cur_link(m) >= 0) { /* already inside a Markdown link */
		layout_para_add(&m->para, s, n, cur_style(m), cur_link(m));
		return;
	}
	struct text_ctx t = {m, s, 0};
	links_scan(s, n, on_text_ref, &t);
	layout_para_add(&m->para, s + t.done, n - t.done, cur_style(m), cur_link(m));
}

/* A link whose URL names an entry ("Q010", "#Q010", "ismsnav:Q010") is an
 * entry link; anything else keeps its URL. */
static int32_t link_for_url(struct md *m, const char *url)
{
	const char *u = url ? url : "";
	if (*u == '#')
		u++;
	else if (!strncmp(u, "ismsnav:", 8))
		u += 8;
	unsigned id;
	if (entry_id_parse(u, &id))
		return layout_add_link(m->d, LINK_ENTRY, id, NULL, !exists(m, id));
	return layout_add_link(m->d, LINK_URL, 0, url ? url : "", false);
}

static void add_code_block(struct md *m, const char *lit, const char *first,
			   const char *cont, uint16_t style)
{
	push_prefix(m, first, cont);
	m->para.keep_indent = true;
	const char *s = lit;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		struct isn_buf line = {0};
		for (size_t i = 0; i < n; i++) {
			if (s[i] == '\t')
				do
					isn_buf_addc(&line, ' ');
				while (line.len % 4);
			else
				isn_buf_addc(&line, s[i]);
		}
		layout_para_add(&m->para, line.data ? line.data : " ", line.len ? line.len : 1,
				style, -1);
		isn_buf_free(&line);
		emit_para(m, ST_DIM);
		s = nl ? nl + 1 : s + n;
	}
	m->para.keep_indent = false;
	pop_prefix(m);
}

static const char *bullet_for(int depth)
{
	static const char *bullets[] = {"\xE2\x80\xA2 ", "\xE2\x97\xA6 ", "\xE2\x96\xAA "};
	return bullets[(depth > 0 ? depth - 1 : 0) % 3];
}

static void enter_item(struct md *m, cmark_node *item)
{
	cmark_node *list = cmark_node_parent(item);
	char first[32], cont[32];
	if (list && cmark_node_get_list_type(list) == CMARK_ORDERED_LIST) {
		int n;
		if (m->list_depth >= 1 && m->list_depth <= MD_MAX_BLOCK_DEPTH) {
			n = ++m->item_no[m->list_depth - 1];
		} else {
			n = cmark_node_get_list_start(list);
			for (cmark_node *p = cmark_node_previous(item); p; p = cmark_node_previous(p))
				n++;
		}
		char delim = cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ')' : '.';
		int len = snprintf(first, sizeof first, "%d%c ", n, delim);
		if (len < 0 || len >= (int)sizeof cont)
			len = 3;
		memset(cont, ' ', (size_t)len);
		cont[len] = '\0';
	} else {
		snprintf(first, sizeof first, "%s", bullet_for(m->list_depth));
		snprintf(cont, sizeof cont, "  ");
	}
	if (list && cmark_node_get_list_tight(list) && cmark_node_previous(item))
		m->pending_blank = false;
	else
		before_block(m);
	push_prefix(m, first, cont);
}

/* The corpus writes section labels as a bold line directly followed by
 * its text ("**Plain-English answer**" then a new line). CommonMark would
 * join them into one line; we keep the label on a line of its own, which
 * is what the author meant. */
static bool is_label_break(cmark_node *softbreak)
{
	cmark_node *prev = cmark_node_previous(softbreak);
	return prev && cmark_node_get_type(prev) == CMARK_NODE_STRONG &&
	       !cmark_node_previous(prev);
}

static void md_enter(struct md *m, cmark_node *node)
{
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_PARAGRAPH:
	case CMARK_NODE_HEADING:
		before_block(m);
		layout_para_reset(&m->para);
		if (cmark_node_get_type(node) == CMARK_NODE_HEADING)
			push_style(m, ST_HEADING | ST_BOLD, -1);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		before_block(m);
		push_prefix(m, "\xE2\x94\x82 ", "\xE2\x94\x82 "); /* │ */
		break;
	case CMARK_NODE_LIST: {
		cmark_node *item = cmark_node_parent(node);
		cmark_node *outer = item ? cmark_node_parent(item) : NULL;
		if (outer && cmark_node_get_type(outer) == CMARK_NODE_LIST &&
		    cmark_node_get_list_tight(outer))
			m->pending_blank = false;
		else
			before_block(m);
		m->list_depth++;
		if (m->list_depth <= MD_MAX_BLOCK_DEPTH)
			m->item_no[m->list_depth - 1] = cmark_node_get_list_start(node) - 1;
		break;
	}
	case CMARK_NODE_ITEM:
		enter_item(m, node);
		break;
	case CMARK_NODE_CODE_BLOCK:
		before_block(m);
		add_code_block(m, cmark_node_get_literal(node), "  ", "  ", ST_CODE);
		break;
	case CMARK_NODE_HTML_BLOCK:
		before_block(m);
		add_code_block(m, cmark_node_get_literal(node), "", "", ST_DIM);
		break;
	case CMARK_NODE_THEMATIC_BREAK: {
		before_block(m);
		build_prefixes(m, true);
		struct layout_para rule = {0};
		int w = m->d->width - 4;
		for (int i = 0; i < (w < 1 ? 1 : w); i++)
			layout_para_add(&rule, "\xE2\x94\x80", 3, ST_DIM, -1);
		layout_emit(m->d, &rule, m->first.data ? m->first.data : "",
			    m->cont.data ? m->cont.data : "", ST_DIM);
		layout_para_free(&rule);
		m->pending_blank = true;
		break;
	}
	case CMARK_NODE_TEXT:
		add_text(m, cmark_node_get_literal(node));
		break;
	case CMARK_NODE_CODE: {
		const char *lit = cmark_node_get_literal(node);
		layout_para_add(&m->para, lit, strlen(lit), cur_style(m) | ST_CODE, cur_link(m));
		break;
	}
	case CMARK_NODE_HTML_INLINE: {
		const char *lit = cmark_node_get_literal(node);
		layout_para_add(&m->para, lit, strlen(lit), cur_style(m) | ST_DIM, cur_link(m));
		break;
	}
	case CMARK_NODE_SOFTBREAK:
		if (is_label_break(node))
			layout_para_break(&m->para);
		else
			layout_para_add(&m->para, " ", 1, cur_style(m), cur_link(m));
		break;
	case CMARK_NODE_LINEBREAK:
		layout_para_break(&m->para);
		break;
	case CMARK_NODE_EMPH:
		push_style(m, ST_ITALIC, -1);
		break;
	case CMARK_NODE_STRONG:
		push_style(m, ST_BOLD, -1);
		break;
	case CMARK_NODE_LINK: {
		int32_t link = link_for_url(m, cmark_node_get_url(node));
		bool missing = link >= 0 && m->d->links[link].missing;
		push_style(m, missing ? ST_MISSING : ST_LINK, link);
		break;
	}
	case CMARK_NODE_IMAGE:
		layout_para_add(&m->para, "[image: ", 8, cur_style(m) | ST_DIM, cur_link(m));
		push_style(m, ST_ITALIC, -1);
		break;
	default:
		break;
	}
}

static void md_exit(struct md *m, cmark_node *node)
{
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_PARAGRAPH:
		emit_para(m, ST_DIM);
		break;
	case CMARK_NODE_HEADING:
		pop_style(m);
		emit_para(m, ST_DIM);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
	case CMARK_NODE_ITEM:
		pop_prefix(m);
		m->pending_blank = true;
		break;
	case CMARK_NODE_LIST:
		m->list_depth--;
		m->pending_blank = true;
		break;
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
	case CMARK_NODE_LINK:
		pop_style(m);
		break;
	case CMARK_NODE_IMAGE:
		pop_style(m);
		layout_para_add(&m->para, "]", 1, cur_style(m) | ST_DIM, cur_link(m));
		break;
	default:
		break;
	}
}

/* Says once, after the answer, why the deepest blocks lost their indent. */
static void note_depth(struct md *m)
{
	char msg[96];
	int n = snprintf(msg, sizeof msg, "(blocks nested deeper than %d levels are "
			 "shown at level %d)", MD_MAX_BLOCK_DEPTH, MD_MAX_BLOCK_DEPTH);
	struct layout_para p = {0};
	layout_blank(m->d);
	layout_para_add(&p, msg, (size_t)n, ST_DIM, -1);
	layout_emit(m->d, &p, "", "", 0);
	layout_para_free(&p);
}

void layout_markdown(struct layout_doc *d, const char *md, size_t len,
		     const struct layout_opts *opts)
{
	cmark_node *root = cmark_parse_document(md, len, CMARK_OPT_DEFAULT);
	if (!root) {
		d->error = 1;
		return;
	}
	struct md m = {.d = d, .o = opts};
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while (it && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE && !d->error) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER)
			md_enter(&m, node);
		else if (ev == CMARK_EVENT_EXIT)
			md_exit(&m, node);
	}
	if (!it)
		d->error = 1;
	if (m.too_deep && !d->error)
		note_depth(&m);
	cmark_iter_free(it);
	cmark_node_free(root);
	layout_para_free(&m.para);
	isn_buf_free(&m.first);
	isn_buf_free(&m.cont);
}
