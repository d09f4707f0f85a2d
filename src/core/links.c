/* Finding follow-up links in an answer's Markdown: the items of the
 * "Likely follow-ups" section and every "See Qnnn" elsewhere. Scanning is
 * line-based so each link keeps its source line for diagnostics. */
#include "ismsnav/links.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ismsnav/util.h"

/* ---- the "See Q010, Q012–Q014" scanner -------------------------------- */

static bool is_word_byte(unsigned char c)
{
	return isalnum(c) || c == '_' || c >= 0x80;
}

/* An ID at s[i]: "Q" and 1–6 digits, not followed by a letter, digit or
 * underscore (a dash or any non-ASCII character may follow). */
static size_t scan_id(const char *s, size_t n, size_t i, unsigned *id)
{
	if (i >= n || s[i] != 'Q')
		return 0;
	size_t j = i + 1;
	unsigned long v = 0;
	while (j < n && isdigit((unsigned char)s[j]) && j - i <= 6) {
		v = v * 10 + (unsigned long)(s[j] - '0');
		j++;
	}
	if (j == i + 1 || (j < n && (isalnum((unsigned char)s[j]) || s[j] == '_')))
		return 0;
	*id = (unsigned)v;
	return j - i;
}

static size_t skip_spaces(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	/* a no-break space is a space here too */
	while (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
		i = skip_spaces(s, n, i + 2);
	return i;
}

/* A range dash: hyphen, en dash or em dash. Returns its byte length. */
static size_t scan_dash(const char *s, size_t n, size_t i)
{
	if (i < n && s[i] == '-')
		return 1;
	if (i + 2 < n && !memcmp(s + i, "\xE2\x80\x93", 3))
		return 3;
	if (i + 2 < n && !memcmp(s + i, "\xE2\x80\x94", 3))
		return 3;
	return 0;
}

/* A list separator between IDs: ",", ";", "&", "and", "or". */
static size_t scan_sep(const char *s, size_t n, size_t i)
{
	size_t j = skip_spaces(s, n, i);
	if (j < n && (s[j] == ',' || s[j] == ';' || s[j] == '&'))
		j = skip_spaces(s, n, j + 1);
	if (j + 3 < n && !strncmp(s + j, "and ", 4))
		j = skip_spaces(s, n, j + 4);
	else if (j + 2 < n && !strncmp(s + j, "or ", 3))
		j = skip_spaces(s, n, j + 3);
	return j == i ? 0 : j - i;
}

/* After "See": optional "also", then IDs. */
static size_t after_see(const char *s, size_t n, size_t i)
{
	if (i + 3 > n || strncasecmp(s + i, "see", 3) != 0)
		return 0;
	if (i > 0 && is_word_byte((unsigned char)s[i - 1]))
		return 0;
	size_t j = skip_spaces(s, n, i + 3);
	if (j == i + 3)
		return 0;
	if (j + 4 < n && !strncasecmp(s + j, "also", 4) &&
	    (s[j + 4] == ' ' || s[j + 4] == '\t'))
		j = skip_spaces(s, n, j + 4);
	return j;
}

size_t links_scan(const char *s, size_t n,
		  int (*fn)(const struct link_ref *ref, void *ctx), void *ctx)
{
	size_t found = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != 'S' && s[i] != 's')
			continue;
		size_t j = after_see(s, n, i);
		unsigned id;
		size_t k;
		if (!j || !(k = scan_id(s, n, j, &id)))
			continue;
		for (;;) {
			struct link_ref r = {.start = j, .first_end = j + k, .first = id,
					     .last = id, .last_start = j, .end = j + k};
			size_t p = skip_spaces(s, n, j + k);
			size_t d = scan_dash(s, n, p);
			unsigned last;
			size_t q, k2;
			if (d && (q = skip_spaces(s, n, p + d), k2 = scan_id(s, n, q, &last))) {
				r.last = last;
				r.last_start = q;
				r.end = q + k2;
			}
			found++;
			if (fn && fn(&r, ctx))
				return found;
			size_t sep = scan_sep(s, n, r.end);
			if (!sep || !(k = scan_id(s, n, r.end + sep, &id))) {
				i = r.end - 1;
				break;
			}
			j = r.end + sep;
		}
	}
	return found;
}

/* ---- extraction ------------------------------------------------------- */

struct extract {
	struct entry_link *v;
	size_t n, cap;
	const char *path;
	int line;
	const char *label;
	size_t label_len;
	enum link_origin origin;
	struct diag_list *diags;
	int oom;
	bool full;      /* LINKS_MAX reached and reported */
	unsigned char *seen; /* a bit per ID, once there are more than a few */
};

/* Past this many links, a bitmap of the IDs linked (at most six digits,
 * so 125 KiB) answers has_link at once: a body repeating thousands of
 * IDs must not cost a scan of every link for each one. */
#define SEEN_AFTER 16

static bool has_link(const struct extract *x, unsigned id)
{
	if (x->seen)
		return id <= ENTRY_ID_MAX && (x->seen[id / 8] >> (id % 8) & 1);
	for (size_t i = 0; i < x->n; i++)
		if (x->v[i].target == id)
			return true;
	return false;
}

static void mark_seen(struct extract *x, unsigned id)
{
	if (!x->seen && x->n > SEEN_AFTER) {
		if (!(x->seen = calloc(ENTRY_ID_MAX / 8 + 1, 1))) {
			x->oom = 1;
			return;
		}
		for (size_t i = 0; i < x->n; i++)
			mark_seen(x, x->v[i].target);
	} else if (x->seen && id <= ENTRY_ID_MAX) {
		x->seen[id / 8] |= (unsigned char)(1u << (id % 8));
	}
}

static void push(struct extract *x, unsigned id)
{
	if (has_link(x, id))
		return;
	/* Every link costs a copy of its label and a scan of the others: a
	 * file listing thousands of IDs must not take minutes to load. */
	if (x->n >= LINKS_MAX) {
		if (!x->full)
			diag_add(x->diags, DIAG_WARNING, x->path, x->line,
				 "more than %u %s links; the rest are not linked", LINKS_MAX,
				 x->origin == LINK_FOLLOWUP ? "follow-up" : "inline");
		x->full = true;
		return;
	}
	if (isn_grow(&x->v, &x->cap, x->n + 1, sizeof(*x->v)) < 0) {
		x->oom = 1;
		return;
	}
	char *label = NULL;
	if (x->label) {
		label = isn_strndup(x->label, x->label_len);
		if (!label) {
			x->oom = 1;
			return;
		}
	}
	x->v[x->n++] = (struct entry_link){id, label, x->line, x->origin};
	mark_seen(x, id);
}

static int on_ref(const struct link_ref *r, void *ctx)
{
	struct extract *x = ctx;
	if (r->last < r->first || r->last - r->first >= LINKS_MAX_RANGE) {
		diag_add(x->diags, DIAG_WARNING, x->path, x->line,
			 "range Q%03u–Q%03u is %s; only its ends are linked", r->first, r->last,
			 r->last < r->first ? "backwards" : "too wide (over 200 entries)");
		push(x, r->first);
		push(x, r->last);
	} else {
		for (unsigned id = r->first; id <= r->last && !x->oom; id++)
			push(x, id);
	}
	return x->oom;
}

/* The text between the first pair of quotes (curly or straight). */
static void find_label(const char *s, size_t n, const char **label, size_t *len)
{
	static const char *open[] = {"\xE2\x80\x9C", "\"", "\xE2\x80\x98"};
	static const char *close[] = {"\xE2\x80\x9D", "\"", "\xE2\x80\x99"};
	*label = NULL;
	*len = 0;
	for (size_t q = 0; q < ISN_ARRAY_LEN(open); q++) {
		size_t ol = strlen(open[q]), cl = strlen(close[q]);
		for (size_t i = 0; i + ol <= n; i++) {
			if (memcmp(s + i, open[q], ol) != 0)
				continue;
			for (size_t j = i + ol; j + cl <= n; j++) {
				if (!memcmp(s + j, close[q], cl)) {
					*label = s + i + ol;
					*len = j - i - ol;
					/* cut a very long one at a character boundary */
					if (*len > LINKS_LABEL_MAX) {
						*len = LINKS_LABEL_MAX;
						while (*len && ((unsigned char)(*label)[*len] & 0xC0) == 0x80)
							(*len)--;
					}
					return;
				}
			}
			break;
		}
	}
}

/* Strips Markdown decoration around a label line: #, *, _, spaces, ':'. */
static void strip_label(const char *s, size_t n, const char **out, size_t *outn)
{
	size_t a = 0, b = n;
	while (a < b && strchr("#*_ \t", s[a]))
		a++;
	while (b > a && strchr("*_: \t)", s[b - 1]))
		b--;
	*out = s + a;
	*outn = b - a;
}

/* A line that opens a section: a heading, or a line that is all bold. */
static bool is_section_line(const char *s, size_t n)
{
	size_t i = skip_spaces(s, n, 0);
	if (i < n && s[i] == '#')
		return true;
	while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n - i >= 5 && (!strncmp(s + i, "**", 2) || !strncmp(s + i, "__", 2)) &&
	       (!strncmp(s + n - 2, "**", 2) || !strncmp(s + n - 2, "__", 2) ||
		s[n - 1] == ':');
}

static bool is_followups_label(const char *s, size_t n)
{
	const char *l;
	size_t ln;
	strip_label(s, n, &l, &ln);
	return (ln == 17 && !strncasecmp(l, "Likely follow-ups", 17)) ||
	       (ln == 17 && !strncasecmp(l, "Likely follow ups", 17)) ||
	       (ln == 10 && !strncasecmp(l, "Follow-ups", 10));
}

/* A list item marker at the start of the line: "-", "*", "+", "1." "1)". */
static size_t item_marker(const char *s, size_t n)
{
	size_t i = skip_spaces(s, n, 0);
	if (i + 1 < n && strchr("-*+", s[i]) && (s[i + 1] == ' ' || s[i + 1] == '\t'))
		return i + 2;
	size_t j = i;
	while (j < n && isdigit((unsigned char)s[j]) && j - i < 9)
		j++;
	if (j > i && j + 1 < n && (s[j] == '.' || s[j] == ')') && s[j + 1] == ' ')
		return j + 2;
	return 0;
}

static bool is_fence(const char *s, size_t n)
{
	size_t i = skip_spaces(s, n, 0);
	return i < 4 && i + 3 <= n &&
	       (!strncmp(s + i, "```", 3) || !strncmp(s + i, "~~~", 3));
}

int links_extract(const char *body, size_t len, const char *path,
		  int first_line, struct diag_list *diags,
		  struct entry_link **out, size_t *nout)
{
	struct extract fx = {.path = path, .diags = diags, .origin = LINK_FOLLOWUP};
	struct extract ix = {.path = path, .diags = diags, .origin = LINK_INLINE};
	bool in_section = false, in_fence = false;
	size_t pos = 0;
	int line = first_line;
	while (pos < len && !fx.oom && !ix.oom) {
		const char *nl = memchr(body + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - body) : len;
		const char *s = body + pos;
		size_t n = end - pos;
		if (is_fence(s, n)) {
			in_fence = !in_fence;
		} else if (!in_fence && is_section_line(s, n)) {
			in_section = is_followups_label(s, n);
		} else if (!in_fence) {
			size_t m = in_section ? item_marker(s, n) : 0;
			if (m) {
				fx.line = line;
				find_label(s + m, n - m, &fx.label, &fx.label_len);
				if (!links_scan(s + m, n - m, on_ref, &fx))
					diag_add(diags, DIAG_WARNING, path, line,
						 "follow-up has no target (write \"(See Q010.)\")");
			} else {
				ix.line = line;
				links_scan(s, n, on_ref, &ix);
			}
		}
		pos = nl ? end + 1 : len;
		line++;
	}
	int rc = (fx.oom || ix.oom) ? -1 : 0;
	/* Follow-ups first; inline links only where they add a target. */
	for (size_t i = 0; i < ix.n; i++) {
		if (rc == 0 && !has_link(&fx, ix.v[i].target) &&
		    isn_grow(&fx.v, &fx.cap, fx.n + 1, sizeof(*fx.v)) < 0)
			rc = -1;
		if (rc < 0 || has_link(&fx, ix.v[i].target)) {
			free(ix.v[i].label);
			continue;
		}
		fx.v[fx.n++] = ix.v[i];
	}
	if (rc < 0) {
		for (size_t i = 0; i < fx.n; i++)
			free(fx.v[i].label);
		free(fx.v);
		fx.v = NULL;
		fx.n = 0;
	}
	free(ix.v);
	free(ix.seen);
	free(fx.seen);
	*out = fx.v;
	*nout = fx.n;
	return rc;
}
