/* Search as you type beyond the corpus: register rows and screen names
 * matched word by word (prefixes, folded spellings), their snippets with
 * the matched words marked, and the order in which they are shown among
 * the entries the search index ranks. */
#include "ismsnav/find.h"

#include <stdlib.h>
#include <string.h>

#include "ismsnav/util.h"

#define WORDS_MAX 16   /* query words considered */
#define WORD_MAX 64    /* bytes of a word compared */
#define TOP_ENTRIES 3  /* entries shown before the strong rows */
#define SNIPPET_LEAD 40
#define SNIPPET_MAX 200

struct words {
	char w[WORDS_MAX][WORD_MAX];
	size_t len[WORDS_MAX];
	size_t n;
};

static const char *const stop_words[] = {
	"about", "all", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
	"can", "could", "did", "do", "does", "doing", "for", "from", "had", "has", "have",
	"how", "if", "in", "into", "is", "it", "its", "me", "more", "must", "my", "need",
	"not", "of", "on", "or", "our", "shall", "should", "so", "some", "such", "than",
	"that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
	"to", "us", "was", "we", "were", "what", "when", "where", "which", "who", "whom",
	"why", "will", "with", "would", "you", "your", NULL};

static bool is_stop(const char *w)
{
	for (size_t i = 0; stop_words[i]; i++)
		if (!strcmp(stop_words[i], w))
			return true;
	return false;
}

static bool word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c >= 0x80;
}

/* Bytes of punctuation written in UTF-8 at s (curly quotes, dashes,
 * the ellipsis, no-break space, guillemets, middle dot), or 0. */
static size_t punct_len(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x80 && u[2] <= 0xBF)
		return 3;
	if (u[0] == 0xC2 && u[1] >= 0xA0 && u[1] <= 0xBF)
		return 2;
	return 0;
}

static bool in_word(const char *s, size_t i)
{
	return word_byte((unsigned char)s[i]) && !punct_len(s + i);
}

/* '.' and '-' join digits to a word ("5.15", "R-003", "A.5.15") but
 * split words ("organisation-wide"); '_' joins. */
static bool joiner(const char *s, size_t i)
{
	unsigned char c = (unsigned char)s[i], next = (unsigned char)s[i + 1];
	if (c == '_')
		return in_word(s, i + 1);
	return (c == '.' || c == '-') && next >= '0' && next <= '9';
}

/* The next word of s from *pos: [*start, *end). False at the end. */
static bool next_word(const char *s, size_t *pos, size_t *start, size_t *end)
{
	size_t i = *pos;
	while (s[i] && !in_word(s, i)) {
		size_t p = punct_len(s + i);
		i += p ? p : 1;
	}
	if (!s[i])
		return false;
	*start = i;
	while (s[i] && (in_word(s, i) || (i > *start && joiner(s, i))))
		i++;
	*end = *pos = i;
	return true;
}

/* The word lower-cased and folded into out (cut to WORD_MAX - 1 bytes). */
static size_t fold_word(const char *s, size_t n, bool prefix, char out[WORD_MAX])
{
	char low[WORD_MAX];
	if (n >= WORD_MAX)
		n = WORD_MAX - 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		low[i] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
	}
	low[n] = '\0';
	size_t f = search_fold(low, n, prefix, out, WORD_MAX);
	if (f == 0 || f >= WORD_MAX) {
		memcpy(out, low, n + 1);
		return n;
	}
	return f;
}

static void query_words(const char *q, struct words *w)
{
	size_t pos = 0, s, e;
	w->n = 0;
	while (w->n < WORDS_MAX && next_word(q, &pos, &s, &e)) {
		char *out = w->w[w->n];
		size_t n = fold_word(q + s, e - s, true, out);
		if (n < 2 || is_stop(out))
			continue;
		bool dup = false;
		for (size_t i = 0; i < w->n; i++)
			dup |= !strcmp(w->w[i], out);
		if (!dup)
			w->len[w->n++] = n;
	}
}

/* Does text word t (folded) match query word i? An "a.5.15" in the query
 * also finds the control written "5.15". */
static bool word_hit(const struct words *w, size_t i, const char *t, size_t tn)
{
	const char *q = w->w[i];
	size_t qn = w->len[i];
	if (qn <= tn && !memcmp(t, q, qn))
		return true;
	return qn > 2 && q[0] == 'a' && q[1] == '.' && qn - 2 <= tn && !memcmp(t, q + 2, qn - 2);
}

/* Marks in `seen` (a bit per query word) the words s matches; returns
 * the byte offset of the first matching word, or -1. */
static long scan(const struct words *w, const char *s, unsigned *seen)
{
	size_t pos = 0, st, en;
	long first = -1;
	while (next_word(s, &pos, &st, &en)) {
		char t[WORD_MAX];
		size_t tn = fold_word(s + st, en - st, false, t);
		for (size_t i = 0; i < w->n; i++) {
			if (!word_hit(w, i, t, tn))
				continue;
			*seen |= 1u << i;
			if (first < 0)
				first = (long)st;
		}
	}
	return first;
}

static size_t bits(unsigned v)
{
	size_t n = 0;
	for (; v; v &= v - 1)
		n++;
	return n;
}

static int strength(const struct words *w, unsigned seen)
{
	size_t m = bits(seen);
	if (w->n == 0 || m == 0)
		return 0;
	if (m == w->n)
		return FIND_STRONG;
	return w->n >= 3 && 2 * m >= w->n ? FIND_WEAK : 0;
}

/* Appends, remembering a failure so that it is checked once at the end. */
static void append(struct isn_buf *b, bool *failed, const char *s, size_t n)
{
	if (isn_buf_add(b, s, n) < 0)
		*failed = true;
}

/* Appends text on one line: control characters (the line breaks of
 * notes, and any byte that could pass for a match mark) become spaces. */
static void append_text(struct isn_buf *b, bool *failed, const char *s, size_t n)
{
	size_t from = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && (unsigned char)s[i] >= 0x20)
			continue;
		append(b, failed, s + from, i - from);
		if (i < n)
			append(b, failed, " ", 1);
		from = i + 1;
	}
}

/* The text from about SNIPPET_LEAD bytes before `from` (at a word start),
 * one line, at most SNIPPET_MAX bytes, with the matched words marked. */
static char *snippet(const struct words *w, const char *label, const char *s, size_t from)
{
	struct isn_buf b = {0};
	bool failed = false;
	size_t start = 0, len = strlen(s);
	if (from > SNIPPET_LEAD) {
		start = from - SNIPPET_LEAD;
		while (start < from && s[start] != ' ' && s[start] != '\n')
			start++;
	}
	if (label) {
		append_text(&b, &failed, label, strlen(label));
		append(&b, &failed, ": ", 2);
	}
	if (start > 0)
		append(&b, &failed, "\xE2\x80\xA6", 3);
	size_t pos = start, st, en, copied = start;
	size_t stop = start + SNIPPET_MAX < len ? start + SNIPPET_MAX : len;
	while (stop < len && stop > start && ((unsigned char)s[stop] & 0xC0) == 0x80)
		stop--; /* never inside a character */
	while (copied < stop && next_word(s, &pos, &st, &en)) {
		if (st >= stop)
			break;
		char t[WORD_MAX];
		size_t tn = fold_word(s + st, en - st, false, t);
		bool hit = false;
		for (size_t i = 0; i < w->n && !hit; i++)
			hit = word_hit(w, i, t, tn);
		append_text(&b, &failed, s + copied, st - copied);
		if (hit)
			append(&b, &failed, (const char[]){SEARCH_MARK_ON}, 1);
		append_text(&b, &failed, s + st, en - st);
		if (hit)
			append(&b, &failed, (const char[]){SEARCH_MARK_OFF}, 1);
		copied = en;
	}
	if (copied < stop)
		append_text(&b, &failed, s + copied, stop - copied);
	if (stop < len)
		append(&b, &failed, "\xE2\x80\xA6", 3);
	if (failed) {
		isn_buf_free(&b);
		return NULL;
	}
	return isn_buf_take(&b);
}

static int push(struct find_list *l, const struct find_item *it)
{
	if (isn_grow(&l->v, &l->cap, l->n + 1, sizeof(*l->v)) < 0)
		return -1;
	l->v[l->n++] = *it;
	return 0;
}

static void item_free(struct find_item *it)
{
	free(it->key);
	free(it->title);
	free(it->snippet);
}

/* ---- screens ---------------------------------------------------------- */

static const struct {
	const char *name;
	const char *words; /* other words it is known by */
	const char *about;
} screens[FS_COUNT] = {
	[FS_RISKS] = {"Risk register", "risks registers",
		      "Every risk with its ratings, owner, treatment and status"},
	[FS_DOCS] = {"ISMS artifacts register",
		     "artefacts documents docs documentation policies procedures records registers",
		     "The ISMS documents and records: versions, owners, approvals and reviews"},
	[FS_SOA] = {"Statement of Applicability", "soa annex controls register registers",
		    "Each Annex A control: applicable or not, why, and how far implemented"},
	[FS_ASSETS] = {"Asset register", "assets inventory registers",
		       "The information assets: owners, classification and ratings"},
	[FS_HEAT] = {"Heat map", "risk risks matrix likelihood impact",
		     "The risks placed by likelihood and impact"},
	[FS_CLAUSES] = {"Clause index", "clauses controls references standards annex",
			"The standards' clauses and controls, and the entries citing each"},
	[FS_TRAIL] = {"Trail", "history visited breadcrumbs",
		      "The answers and registers visited, in order"},
	[FS_HELP] = {"Help", "keys keyboard shortcuts",
		     "Every key, screen by screen"},
};

const char *find_screen_name(int screen)
{
	return screen >= 0 && screen < FS_COUNT ? screens[screen].name : "";
}

struct screen_hit {
	int screen, strength;
	size_t by_name; /* query words found in the name itself */
};

static int cmp_screen_hit(const void *x, const void *y)
{
	const struct screen_hit *a = x, *b = y;
	if (a->strength != b->strength)
		return b->strength - a->strength;
	if (a->by_name != b->by_name)
		return a->by_name < b->by_name ? 1 : -1;
	return a->screen - b->screen;
}

int find_screens(const char *query, unsigned skip, struct find_list *out)
{
	struct words w;
	query_words(query, &w);
	struct screen_hit hits[FS_COUNT];
	size_t n = 0;
	for (int i = 0; i < FS_COUNT; i++) {
		if (skip & (1u << i))
			continue;
		unsigned by_name = 0, seen = 0;
		scan(&w, screens[i].name, &by_name);
		seen = by_name;
		scan(&w, screens[i].words, &seen);
		int st = strength(&w, seen);
		if (st)
			hits[n++] = (struct screen_hit){i, st, bits(by_name)};
	}
	qsort(hits, n, sizeof(*hits), cmp_screen_hit);
	size_t was = out->n;
	for (size_t i = 0; i < n; i++) {
		int s = hits[i].screen;
		unsigned seen = 0;
		long at = scan(&w, screens[s].about, &seen);
		struct find_item it = {.kind = FIND_SCREEN, .reg = -1, .screen = s,
				       .strength = hits[i].strength};
		it.title = isn_strdup(screens[s].name);
		it.snippet = snippet(&w, NULL, screens[s].about, at > 0 ? (size_t)at : 0);
		if (!it.title || !it.snippet || push(out, &it) < 0) {
			item_free(&it);
			while (out->n > was)
				item_free(&out->v[--out->n]);
			return -1;
		}
	}
	return 0;
}

/* ---- register rows ---------------------------------------------------- */

static bool searched_field(const struct reg_field *f)
{
	return f->type == FT_ID || f->type == FT_TEXT || f->type == FT_NOTE ||
	       f->type == FT_ENUM;
}

static int title_field(const struct reg_def *d)
{
	int f = reg_field_index(d, "title");
	return f >= 0 ? f : reg_field_index(d, "name");
}

/* The row's match: strength, and the field that best shows it (the one
 * with most matched words, other than the ID and title), or -1. */
static int match_row(const struct reg_table *t, size_t r, const struct words *w,
		     int *best, long *best_at)
{
	const struct reg_def *d = t->def;
	char **cells = t->rows[r].cell;
	int tf = title_field(d);
	unsigned seen = 0;
	size_t best_n = 0;
	*best = -1;
	*best_at = -1;
	for (size_t f = 0; f < d->nfields; f++) {
		if (!searched_field(&d->fields[f]) || !cells[f][0])
			continue;
		unsigned here = 0;
		long at = scan(w, cells[f], &here);
		seen |= here;
		if ((int)f != tf && f != 0 && bits(here) > best_n) {
			best_n = bits(here);
			*best = (int)f;
			*best_at = at;
		}
	}
	return strength(w, seen);
}

static int row_item(const struct reg_table *t, size_t r, const struct words *w, int st,
		    int best, long at, struct find_item *it)
{
	const struct reg_def *d = t->def;
	char **cells = t->rows[r].cell;
	int tf = title_field(d);
	*it = (struct find_item){.kind = FIND_ROW, .reg = (int)d->kind, .screen = -1,
				 .strength = st};
	it->key = isn_strdup(cells[0]);
	it->title = isn_strdup(tf >= 0 ? cells[tf] : "");
	if (it->title)
		for (char *p = it->title; *p; p++)
			if ((unsigned char)*p < 0x20)
				*p = ' ';
	if (best >= 0)
		it->snippet = snippet(w, d->fields[best].label, cells[best],
				      at > 0 ? (size_t)at : 0);
	if (!it->key || !it->title || (best >= 0 && !it->snippet)) {
		item_free(it);
		return -1;
	}
	return 0;
}

/* Each row's searched fields as one string of folded words, separated by
 * spaces: folding is the costly part, done once per table. */
static char *row_words(const struct reg_table *t, size_t r)
{
	const struct reg_def *d = t->def;
	char **cells = t->rows[r].cell;
	struct isn_buf b = {0};
	bool failed = false;
	for (size_t f = 0; f < d->nfields; f++) {
		if (!searched_field(&d->fields[f]))
			continue;
		size_t pos = 0, st, en;
		while (next_word(cells[f], &pos, &st, &en)) {
			char w[WORD_MAX];
			size_t n = fold_word(cells[f] + st, en - st, false, w);
			if (b.len)
				append(&b, &failed, " ", 1);
			append(&b, &failed, w, n);
		}
	}
	if (failed) {
		isn_buf_free(&b);
		return NULL;
	}
	return isn_buf_take(&b);
}

int find_table_init(struct find_table *ft, const struct reg_table *t)
{
	*ft = (struct find_table){.t = t};
	if (!t->def || t->n == 0)
		return 0;
	ft->words = calloc(t->n, sizeof(*ft->words));
	if (!ft->words)
		return -1;
	ft->n = t->n;
	for (size_t r = 0; r < t->n; r++)
		if (!(ft->words[r] = row_words(t, r))) {
			find_table_free(ft);
			return -1;
		}
	return 0;
}

void find_table_free(struct find_table *ft)
{
	for (size_t r = 0; ft->words && r < ft->n; r++)
		free(ft->words[r]);
	free(ft->words);
	*ft = (struct find_table){0};
}

/* The query words found among a row's folded words. */
static unsigned seen_in(const struct words *w, const char *words)
{
	unsigned seen = 0;
	const char *p = words;
	while (*p) {
		const char *e = strchr(p, ' ');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		for (size_t i = 0; i < w->n; i++)
			if (word_hit(w, i, p, n))
				seen |= 1u << i;
		p += n + (e != NULL);
	}
	return seen;
}

int find_rows(const struct find_table *ft, const char *query, size_t max,
	      struct find_list *out)
{
	const struct reg_table *t = ft->t;
	struct words w;
	query_words(query, &w);
	if (w.n == 0 || !t || !t->def || ft->n != t->n)
		return 0;
	size_t was = out->n, taken = 0;
	/* strong rows first, then weak, each in the table's (ID) order */
	for (int want = FIND_STRONG; want >= FIND_WEAK; want--) {
		for (size_t r = 0; r < t->n && taken < max; r++) {
			if (strength(&w, seen_in(&w, ft->words[r])) != want)
				continue;
			int best;
			long at;
			match_row(t, r, &w, &best, &at);
			struct find_item it;
			if (row_item(t, r, &w, want, best, at, &it) < 0)
				goto fail;
			if (push(out, &it) < 0) {
				item_free(&it);
				goto fail;
			}
			taken++;
		}
	}
	return 0;
fail:
	while (out->n > was)
		item_free(&out->v[--out->n]);
	return -1;
}

/* ---- the merged order ----------------------------------------------- */

static int copy_item(struct find_list *out, const struct find_item *src)
{
	struct find_item it = *src;
	it.key = src->key ? isn_strdup(src->key) : NULL;
	it.title = isn_strdup(src->title ? src->title : "");
	it.snippet = src->snippet ? isn_strdup(src->snippet) : NULL;
	if ((src->key && !it.key) || !it.title || (src->snippet && !it.snippet) ||
	    push(out, &it) < 0) {
		item_free(&it);
		return -1;
	}
	return 0;
}

static int copy_hits(struct find_list *out, const struct search_results *h, size_t from,
		     size_t to)
{
	for (size_t i = from; i < to && i < h->n; i++) {
		struct find_item it = {.kind = FIND_ENTRY, .reg = -1, .screen = -1,
				       .id = h->v[i].id, .title = h->v[i].question,
				       .snippet = h->v[i].snippet};
		if (copy_item(out, &it) < 0)
			return -1;
	}
	return 0;
}

static int copy_found(struct find_list *out, const struct find_list *in, int strength)
{
	for (size_t i = 0; in && i < in->n; i++)
		if (in->v[i].strength == strength && copy_item(out, &in->v[i]) < 0)
			return -1;
	return 0;
}

int find_merge(const struct search_results *hits, const struct find_list *rows,
	       const struct find_list *screens_found, struct find_list *out)
{
	struct find_list l = {0};
	size_t nh = hits ? hits->n : 0;
	int rc = 0;
	rc |= copy_found(&l, screens_found, FIND_STRONG);
	if (hits)
		rc |= copy_hits(&l, hits, 0, TOP_ENTRIES);
	rc |= copy_found(&l, rows, FIND_STRONG);
	if (hits)
		rc |= copy_hits(&l, hits, TOP_ENTRIES, nh);
	rc |= copy_found(&l, screens_found, FIND_WEAK);
	rc |= copy_found(&l, rows, FIND_WEAK);
	if (rc) {
		find_list_free(&l);
		return -1;
	}
	find_list_free(out);
	*out = l;
	return 0;
}

const char *find_tag(const struct find_item *it)
{
	static const char *const reg_tags[REG_COUNT] = {"risk", "doc", "SoA", "asset"};
	switch (it->kind) {
	case FIND_ENTRY:
		return "Q";
	case FIND_ROW:
		return it->reg >= 0 && it->reg < REG_COUNT ? reg_tags[it->reg] : "row";
	case FIND_SCREEN:
		return "screen";
	}
	return "";
}

void find_list_clear(struct find_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		item_free(&l->v[i]);
	l->n = 0;
}

void find_list_free(struct find_list *l)
{
	find_list_clear(l);
	free(l->v);
	*l = (struct find_list){0};
}
