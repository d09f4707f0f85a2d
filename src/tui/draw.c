/* Drawing helpers: every string reaches the terminal through draw_text,
 * which measures in display columns and never lets a control character
 * through, so a stray byte in an entry cannot corrupt the screen. */
#include "tui/draw.h"

#include <stdlib.h>
#include <string.h>

#include "ismsnav/text.h"
#include "ismsnav/util.h"

static bool is_unsafe(uint32_t cp)
{
	return cp == TEXT_REPLACEMENT || cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

int draw_text(int y, int x, const char *s, size_t n, int cols, attr_t attr)
{
	if (cols <= 0)
		return 0;
	const char *bad = MB_CUR_MAX > 1 ? "\xEF\xBF\xBD" : "?";
	attrset(attr);
	move(y, x);
	int used = 0;
	size_t i = 0, run = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = text_decode(s + i, n - i, &cp);
		int w = text_cp_width(cp);
		if (used + w > cols)
			break;
		if (is_unsafe(cp)) {
			addnstr(s + run, (int)(i - run));
			addstr(bad);
			run = i + k;
		}
		used += w;
		i += k;
	}
	addnstr(s + run, (int)(i - run));
	return used;
}

int draw_text_cut(int y, int x, const char *s, int cols, attr_t attr,
		  const char *ellipsis)
{
	size_t n = strlen(s);
	if (text_width(s, n) <= cols)
		return draw_text(y, x, s, n, cols, attr);
	int ew = text_width(ellipsis, strlen(ellipsis));
	if (ew > cols)
		return 0;
	int used = draw_text(y, x, s, text_fit(s, n, cols - ew), cols - ew, attr);
	return used + draw_text(y, x + used, ellipsis, strlen(ellipsis), cols - used, attr);
}

void draw_fill(int y, int x, int cols, attr_t attr)
{
	if (cols <= 0)
		return;
	attrset(attr);
	mvhline(y, x, (chtype)(' ' | attr), cols);
}

attr_t draw_overlay(attr_t a, attr_t b)
{
	attr_t colour = (b & A_COLOR) ? (b & A_COLOR) : (a & A_COLOR);
	return (a & ~A_COLOR) | (b & ~A_COLOR) | colour;
}

/* The next search match in `text` that ends after `pos`: [*ms, *me). */
static bool next_match(const char *text, const char *q, uint32_t pos,
		       uint32_t *ms, uint32_t *me)
{
	size_t qn = strlen(q);
	if (*me > pos && *ms < *me)
		return true;
	const char *hit = qn ? isn_strcasestr(text + pos, q) : NULL;
	if (!hit)
		return false;
	*ms = (uint32_t)(hit - text);
	*me = *ms + (uint32_t)qn;
	return true;
}

/* The attributes at byte `pos` of the line, and where they next change. */
static attr_t attr_at(const struct display *d, const struct layout_line *l,
		      const struct line_marks *m, uint32_t pos, uint32_t *end)
{
	attr_t attr = display_role(d, ROLE_TEXT);
	*end = l->len;
	for (uint32_t i = 0; i < l->nspans; i++) {
		const struct layout_span *s = &l->spans[i];
		if (s->start > pos) {
			if (s->start < *end)
				*end = s->start;
			continue;
		}
		if (s->end <= pos)
			continue;
		attr = draw_overlay(attr, display_style(d, s->style));
		if (m && m->select_span == (long)i)
			attr = draw_overlay(attr, display_role(d, ROLE_SELECT));
		if (s->end < *end)
			*end = s->end;
	}
	return attr;
}

void draw_doc_line(const struct display *d, int y, const struct layout_line *l,
		   int cols, const struct line_marks *m)
{
	uint32_t pos = 0, ms = 0, me = 0;
	int used = 0;
	const char *q = m && m->query && *m->query ? m->query : NULL;
	while (pos < l->len && used < cols) {
		uint32_t end;
		attr_t attr = attr_at(d, l, m, pos, &end);
		if (q && next_match(l->text, q, pos, &ms, &me)) {
			if (ms <= pos) {
				attr = draw_overlay(attr, display_role(d, ROLE_MATCH));
				end = me < end ? me : end;
			} else if (ms < end) {
				end = ms;
			}
		}
		used += draw_text(y, used, l->text + pos, end - pos, cols - used, attr);
		pos = end;
	}
}
