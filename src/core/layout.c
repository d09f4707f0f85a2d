/* The document model and the line wrapper: paragraphs of styled text are
 * wrapped greedily at spaces into lines that never exceed the width, with
 * a first-line prefix (a bullet, a number) and a continuation prefix (the
 * hanging indent, quote bars). Words longer than a line are split. */
#include "ismsnav/layout.h"

#include <stdlib.h>
#include <string.h>

#include "ismsnav/text.h"
#include "ismsnav/util.h"

void layout_doc_init(struct layout_doc *d, int width)
{
	*d = (struct layout_doc){0};
	d->width = width < 1 ? 1 : width;
}

void layout_doc_free(struct layout_doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->lines[i].text);
		free(d->lines[i].spans);
	}
	free(d->lines);
	for (size_t i = 0; i < d->nlinks; i++)
		free(d->links[i].url);
	free(d->links);
	free(d->link_slots);
	free(d->anchors);
	*d = (struct layout_doc){0};
}

/* Entry links are shared by target. An answer may name thousands of
 * entries, so they are found through an open-addressing table of link
 * indexes (-1 when free, at most half full), not by a scan of all links. */
static size_t slot_of(const struct layout_doc *d, unsigned target)
{
	size_t mask = d->nslots - 1, i = (target * 2654435761u) & mask;
	while (d->link_slots[i] >= 0 && d->links[d->link_slots[i]].target != target)
		i = (i + 1) & mask;
	return i;
}

static int32_t find_entry_link(const struct layout_doc *d, unsigned target)
{
	return d->nslots ? d->link_slots[slot_of(d, target)] : -1;
}

/* Indexes link k, an entry link just appended. */
static int index_entry_link(struct layout_doc *d, int32_t k)
{
	if ((d->nentry_links + 1) * 2 > d->nslots) {
		size_t n = d->nslots ? d->nslots * 2 : 64;
		int32_t *slots = malloc(n * sizeof(*slots));
		if (!slots)
			return -1;
		for (size_t i = 0; i < n; i++)
			slots[i] = -1;
		free(d->link_slots);
		d->link_slots = slots;
		d->nslots = n;
		d->nentry_links = 0;
		for (size_t i = 0; i < (size_t)k; i++) {
			if (d->links[i].kind == LINK_ENTRY) {
				d->link_slots[slot_of(d, d->links[i].target)] = (int32_t)i;
				d->nentry_links++;
			}
		}
	}
	d->link_slots[slot_of(d, d->links[k].target)] = k;
	d->nentry_links++;
	return 0;
}

int32_t layout_add_link(struct layout_doc *d, enum layout_link_kind kind,
			unsigned target, const char *url, bool missing)
{
	if (kind == LINK_ENTRY) {
		int32_t k = find_entry_link(d, target);
		if (k >= 0)
			return k;
	}
	if (d->nlinks >= INT32_MAX ||
	    isn_grow(&d->links, &d->links_cap, d->nlinks + 1, sizeof(*d->links)) < 0) {
		d->error = 1;
		return -1;
	}
	char *u = NULL;
	if (url && !(u = isn_strdup(url))) {
		d->error = 1;
		return -1;
	}
	d->links[d->nlinks] = (struct layout_link){kind, target, u, missing};
	int32_t k = (int32_t)d->nlinks++;
	if (kind == LINK_ENTRY && index_entry_link(d, k) < 0) {
		d->error = 1;
		return -1;
	}
	return k;
}

/* ---- paragraphs ------------------------------------------------------- */

static void para_span(struct layout_para *p, size_t start, size_t end,
		      uint16_t style, int32_t link)
{
	if (end <= start || (style == 0 && link < 0))
		return;
	if (p->nspans) {
		struct layout_span *last = &p->spans[p->nspans - 1];
		if (last->end == start && last->style == style && last->link == link) {
			last->end = (uint32_t)end;
			return;
		}
	}
	if (isn_grow(&p->spans, &p->spans_cap, p->nspans + 1, sizeof(*p->spans)) < 0) {
		p->error = 1;
		return;
	}
	p->spans[p->nspans++] = (struct layout_span){(uint32_t)start, (uint32_t)end, style, link};
}

static void para_raw(struct layout_para *p, const char *s, size_t n)
{
	if (n > UINT32_MAX - p->len - 1 ||
	    isn_grow(&p->text, &p->cap, p->len + n + 1, 1) < 0) {
		p->error = 1;
		return;
	}
	memcpy(p->text + p->len, s, n);
	p->len += n;
	p->text[p->len] = '\0';
}

void layout_para_add(struct layout_para *p, const char *s, size_t n,
		     uint16_t style, int32_t link)
{
	char *clean = text_sanitize(s, n, false);
	if (!clean) {
		p->error = 1;
		return;
	}
	size_t start = p->len;
	para_raw(p, clean, strlen(clean));
	free(clean);
	para_span(p, start, p->len, style, link);
}

void layout_para_break(struct layout_para *p)
{
	para_raw(p, "\n", 1);
}

void layout_para_reset(struct layout_para *p)
{
	p->len = 0;
	p->nspans = 0;
	if (p->text)
		p->text[0] = '\0';
}

void layout_para_free(struct layout_para *p)
{
	free(p->text);
	free(p->spans);
	*p = (struct layout_para){0};
}

/* ---- lines ------------------------------------------------------------ */

static struct layout_line *new_line(struct layout_doc *d)
{
	if (isn_grow(&d->lines, &d->cap, d->n + 1, sizeof(*d->lines)) < 0) {
		d->error = 1;
		return NULL;
	}
	struct layout_line *l = &d->lines[d->n++];
	*l = (struct layout_line){0};
	return l;
}

static void line_span(struct layout_doc *d, struct layout_line *l, size_t start,
		      size_t end, uint16_t style, int32_t link, bool anchor)
{
	if (end <= start || (style == 0 && link < 0))
		return;
	struct layout_span *s = realloc(l->spans, (l->nspans + 1) * sizeof(*s));
	if (!s) {
		d->error = 1;
		return;
	}
	l->spans = s;
	s[l->nspans] = (struct layout_span){(uint32_t)start, (uint32_t)end, style, link};
	if (anchor && link >= 0) {
		if (isn_grow(&d->anchors, &d->anchors_cap, d->nanchors + 1,
			     sizeof(*d->anchors)) < 0) {
			d->error = 1;
		} else {
			d->anchors[d->nanchors++] = (struct layout_anchor){
				(uint32_t)(l - d->lines), l->nspans, link};
		}
	}
	l->nspans++;
}

/* The first span of p that ends after offset a. Spans are appended in
 * text order without overlap, so their ends only grow: a binary search
 * keeps a long paragraph with many spans linear to lay out instead of
 * visiting every span for every line. */
static size_t first_span_after(const struct layout_para *p, size_t a)
{
	size_t lo = 0, hi = p->nspans;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->spans[mid].end <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Appends one line: prefix, then para bytes [a, b). A wide character that
 * cannot fit at all (width 1) is shown as U+FFFD. */
static void put_line(struct layout_doc *d, const char *prefix, size_t plen,
		     uint16_t pstyle, const struct layout_para *p, size_t a, size_t b,
		     bool substitute)
{
	struct layout_line *l = new_line(d);
	if (!l)
		return;
	const char *src = p ? p->text + a : "";
	size_t n = p ? b - a : 0;
	if (substitute) {
		src = "\xEF\xBF\xBD";
		n = 3;
	}
	l->text = malloc(plen + n + 1);
	if (!l->text) {
		d->error = 1;
		d->n--;
		return;
	}
	memcpy(l->text, prefix, plen);
	memcpy(l->text + plen, src, n);
	l->len = (uint32_t)(plen + n);
	l->text[l->len] = '\0';
	l->width = (uint32_t)text_width(l->text, l->len);
	line_span(d, l, 0, plen, pstyle, -1, false);
	for (size_t i = p ? first_span_after(p, a) : 0; p && i < p->nspans; i++) {
		const struct layout_span *s = &p->spans[i];
		if (s->start >= b)
			break;
		size_t sa = s->start > a ? s->start : a, sb = s->end < b ? s->end : b;
		if (substitute) {
			sa = a;
			sb = a + 3;
		}
		line_span(d, l, plen + sa - a, plen + sb - a, s->style, s->link,
			  s->start >= a);
	}
}

/* The widest prefix we allow, so deep nesting never leaves no room. */
static size_t clamp_prefix(const char *prefix, int width, int *pw)
{
	int room = width / 2 < 20 ? width / 2 : 20;
	if (room < 1)
		room = 1;
	int max = width - room;
	size_t n = strlen(prefix);
	*pw = text_width(prefix, n);
	if (*pw > max) {
		n = text_fit(prefix, n, max < 0 ? 0 : max);
		*pw = text_width(prefix, n);
	}
	return n;
}

static size_t skip_spaces(const struct layout_para *p, size_t i)
{
	while (i < p->len && p->text[i] == ' ')
		i++;
	return i;
}

/* Finds where the line starting at `a` ends (exclusive, trailing spaces
 * trimmed) and where the next one starts. */
static void next_break(const struct layout_para *p, size_t a, int avail,
		       size_t *end, size_t *next, bool *substitute)
{
	int col = 0;
	size_t brk_end = 0, brk_next = 0;
	bool have_brk = false;
	size_t i = a;
	*substitute = false;
	while (i < p->len) {
		if (p->text[i] == '\n') {
			*end = i;
			*next = i + 1;
			goto trim;
		}
		uint32_t cp;
		size_t k = text_decode(p->text + i, p->len - i, &cp);
		int cw = text_cp_width(cp);
		if (cp == ' ') {
			brk_end = i;
			brk_next = i + 1;
			have_brk = i > a;
		}
		if (col + cw > avail) {
			if (cp == ' ') {
				*end = i;
				*next = skip_spaces(p, i);
			} else if (have_brk) {
				*end = brk_end;
				*next = skip_spaces(p, brk_next);
			} else if (i == a) {
				/* not even one character fits */
				*end = i + k;
				*next = i + k;
				*substitute = true;
				return;
			} else {
				*end = i;
				*next = i;
			}
			goto trim;
		}
		col += cw;
		i += k;
	}
	*end = p->len;
	*next = p->len;
trim:
	while (*end > a && p->text[*end - 1] == ' ')
		(*end)--;
}

void layout_emit(struct layout_doc *d, const struct layout_para *p,
		 const char *first, const char *cont, uint16_t prefix_style)
{
	if (!p || p->len == 0 || d->error)
		return;
	int fw, cw;
	size_t fl = clamp_prefix(first, d->width, &fw);
	size_t cl = clamp_prefix(cont, d->width, &cw);
	size_t a = p->keep_indent ? 0 : skip_spaces(p, 0);
	bool is_first = true;
	while (a < p->len || is_first) {
		size_t end, next;
		bool sub;
		int avail = d->width - (is_first ? fw : cw);
		next_break(p, a, avail, &end, &next, &sub);
		put_line(d, is_first ? first : cont, is_first ? fl : cl, prefix_style,
			 p, a, end, sub);
		is_first = false;
		if (next <= a && !sub)
			next = a + 1; /* cannot happen; guarantees progress */
		a = next;
		if (d->error)
			return;
	}
}

void layout_blank(struct layout_doc *d)
{
	if (d->n == 0 || d->lines[d->n - 1].len == 0)
		return;
	put_line(d, "", 0, 0, NULL, 0, 0, false);
}

void layout_rule(struct layout_doc *d)
{
	struct isn_buf b = {0};
	for (int i = 0; i < d->width; i++)
		isn_buf_adds(&b, "\xE2\x94\x80"); /* ─ */
	if (!b.data) {
		d->error = 1;
		return;
	}
	put_line(d, b.data, b.len, ST_DIM, NULL, 0, 0, false);
	isn_buf_free(&b);
}

long layout_anchor_at_or_after(const struct layout_doc *d, size_t line)
{
	for (size_t i = 0; i < d->nanchors; i++)
		if (d->anchors[i].line >= line)
			return (long)i;
	return -1;
}
