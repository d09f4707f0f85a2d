/* The clause index tree: references grouped by standard, their citing
 * entries read on demand, and the visible rows for a given expansion
 * state and filter. */
#include "ismsnav/clausetree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ismsnav/csv.h"
#include "ismsnav/text.h"
#include "ismsnav/util.h"

/* assets/clauses_2022.csv and assets/annex_a_2022.csv, built in. */
extern const char clausetree_clauses_csv[];
extern const char clausetree_annex_csv[];

#define WHOLE_TITLE "the standard as a whole"

/* ---- titles ------------------------------------------------------------ */

struct title_list {
	struct ct_title *v;
	size_t n, cap;
};

static int add_title(struct title_list *l, const char *key, const char *title)
{
	if (isn_grow(&l->v, &l->cap, l->n + 1, sizeof(*l->v)) < 0)
		return -1;
	struct ct_title t = {isn_strdup(key), isn_strdup(title)};
	if (!t.key || !t.title) {
		free(t.key);
		free(t.title);
		return -1;
	}
	l->v[l->n++] = t;
	return 0;
}

/* Calls add for each data row of a built-in table (its header skipped). */
static int each_row(const char *csv, int (*add)(struct title_list *l, const struct isn_strlist *f),
		    struct title_list *l)
{
	struct csv_reader r;
	struct isn_strlist f = {0};
	char err[128];
	int rc, line = 0;
	csv_reader_init(&r, csv, strlen(csv));
	while ((rc = csv_read_record(&r, &f, err, sizeof err)) == 1) {
		if (line++ > 0 && f.n >= 2 && *f.v[0] && add(l, &f) < 0) {
			rc = -1;
			break;
		}
	}
	isn_strlist_free(&f);
	return rc < 0 ? -1 : 0;
}

static int add_clause(struct title_list *l, const struct isn_strlist *f)
{
	char key[96];
	snprintf(key, sizeof key, "ISO27001:2022/%s", f->v[0]);
	return add_title(l, key, f->v[1]);
}

/* A control of Annex A, which ISO/IEC 27002:2022 numbers alike; the first
 * control of a theme also names the theme ("A.5", "Organizational
 * controls"). */
static int add_control(struct title_list *l, const struct isn_strlist *f)
{
	if (f->n < 3)
		return 0;
	const char *id = f->v[0], *dot = strchr(id, '.');
	char key[96];
	snprintf(key, sizeof key, "ISO27001:2022/A.%s", id);
	if (add_title(l, key, f->v[2]) < 0)
		return -1;
	snprintf(key, sizeof key, "ISO27002:2022/%s", id);
	if (add_title(l, key, f->v[2]) < 0)
		return -1;
	if (!dot || strcmp(dot, ".1") != 0)
		return 0;
	char theme[96];
	int n = (int)(dot - id);
	snprintf(theme, sizeof theme, "%s controls", f->v[1]);
	snprintf(key, sizeof key, "ISO27001:2022/A.%.*s", n, id);
	if (add_title(l, key, theme) < 0)
		return -1;
	snprintf(key, sizeof key, "ISO27002:2022/%.*s", n, id);
	return add_title(l, key, theme);
}

static int title_cmp(const void *a, const void *b)
{
	return strcmp(((const struct ct_title *)a)->key, ((const struct ct_title *)b)->key);
}

static void titles_free(struct ct_title *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].title);
	}
	free(v);
}

static int load_titles(struct clausetree *t)
{
	struct title_list l = {0};
	if (each_row(clausetree_clauses_csv, add_clause, &l) < 0 ||
	    each_row(clausetree_annex_csv, add_control, &l) < 0) {
		titles_free(l.v, l.n);
		return -1;
	}
	qsort(l.v, l.n, sizeof(*l.v), title_cmp);
	t->titles = l.v;
	t->ntitles = l.n;
	return 0;
}

const char *clausetree_title(struct clausetree *t, const char *ref)
{
	if (!t->titles && load_titles(t) < 0)
		return NULL;
	struct ct_title key = {(char *)ref, NULL};
	const struct ct_title *hit = bsearch(&key, t->titles, t->ntitles, sizeof(key), title_cmp);
	return hit ? hit->title : NULL;
}

/* ---- building ----------------------------------------------------------- */

static void cites_free(struct ct_ref *r)
{
	for (size_t i = 0; i < r->ncites; i++)
		free(r->cites[i].question);
	free(r->cites);
	r->cites = NULL;
	r->ncites = 0;
	r->loaded = false;
}

static void content_free(struct ct_std *stds, size_t nstds, struct ct_ref *refs, size_t nrefs)
{
	for (size_t i = 0; i < nstds; i++)
		free(stds[i].name);
	free(stds);
	for (size_t i = 0; i < nrefs; i++) {
		cites_free(&refs[i]);
		free(refs[i].ref);
	}
	free(refs);
}

/* The length of the standard's name at the start of ref. */
static size_t std_len(const char *ref)
{
	const char *slash = strchr(ref, '/');
	return slash ? (size_t)(slash - ref) : strlen(ref);
}

static long find_std(const struct ct_std *stds, size_t n, const char *name, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(stds[i].name) == len && !memcmp(stds[i].name, name, len))
			return (long)i;
	return -1;
}

/* Each reference's standard, the standards created in order of first
 * appearance; std_of[i] is reference i's standard. */
static int group(const struct search_ref_counts *rc, struct ct_std **out, size_t *nout,
		 size_t *std_of)
{
	struct ct_std *stds = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < rc->n; i++) {
		const char *ref = rc->v[i].ref;
		size_t len = std_len(ref);
		long s = find_std(stds, n, ref, len);
		if (s < 0) {
			if (isn_grow(&stds, &cap, n + 1, sizeof(*stds)) < 0)
				goto fail;
			stds[n] = (struct ct_std){.name = isn_strndup(ref, len)};
			if (!stds[n].name)
				goto fail;
			s = (long)n++;
		}
		std_of[i] = (size_t)s;
		stds[s].n++;
		stds[s].primary += rc->v[i].primary;
		stds[s].overlap += rc->v[i].overlap;
	}
	*out = stds;
	*nout = n;
	return 0;
fail:
	content_free(stds, n, NULL, 0);
	return -1;
}

int clausetree_build(struct clausetree *t, const struct search_ref_counts *rc)
{
	struct ct_std *stds = NULL;
	size_t nstds = 0;
	size_t *std_of = calloc(rc->n ? rc->n : 1, sizeof(*std_of));
	struct ct_ref *refs = calloc(rc->n ? rc->n : 1, sizeof(*refs));
	size_t *fill = NULL;
	if (!std_of || !refs || group(rc, &stds, &nstds, std_of) < 0)
		goto fail;
	fill = calloc(nstds ? nstds : 1, sizeof(*fill));
	if (!fill)
		goto fail;
	for (size_t s = 0, at = 0; s < nstds; at += stds[s++].n)
		stds[s].first = fill[s] = at;
	/* a stable placement: clause order within each standard is kept */
	for (size_t i = 0; i < rc->n; i++) {
		struct ct_ref *r = &refs[fill[std_of[i]]++];
		if (!(r->ref = isn_strdup(rc->v[i].ref)))
			goto fail;
		r->std = std_of[i];
		r->primary = rc->v[i].primary;
		r->overlap = rc->v[i].overlap;
		size_t len = std_len(r->ref);
		r->clause = r->ref[len] ? r->ref + len + 1 : "";
		r->title = *r->clause ? clausetree_title(t, r->ref) : WHOLE_TITLE;
	}
	int cols = (int)strlen(CLAUSETREE_WHOLE);
	for (size_t i = 0; i < rc->n; i++) {
		int w = text_width(refs[i].clause, strlen(refs[i].clause));
		cols = w > cols ? w : cols;
	}
	content_free(t->stds, t->nstds, t->refs, t->nrefs);
	t->stds = stds;
	t->nstds = nstds;
	t->refs = refs;
	t->nrefs = rc->n;
	t->rows.n = 0;
	t->clause_cols = cols;
	free(std_of);
	free(fill);
	return 0;
fail:
	content_free(stds, nstds, refs, rc->n);
	free(std_of);
	free(fill);
	return -1;
}

int clausetree_set_cites(struct clausetree *t, size_t r, const struct search_citations *c)
{
	struct ct_ref *ref = &t->refs[r];
	size_t n = 0;
	for (size_t i = 0; i < c->n; i++)
		n += !strcmp(c->v[i].ref, ref->ref);
	struct ct_cite *v = calloc(n ? n : 1, sizeof(*v));
	if (!v)
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < c->n; i++) {
		if (strcmp(c->v[i].ref, ref->ref) != 0)
			continue;
		v[k] = (struct ct_cite){c->v[i].id, c->v[i].primary,
					isn_strdup(c->v[i].question ? c->v[i].question : "")};
		if (!v[k++].question) {
			for (size_t j = 0; j < k; j++)
				free(v[j].question);
			free(v);
			return -1;
		}
	}
	cites_free(ref);
	ref->cites = v;
	ref->ncites = n;
	ref->loaded = true;
	return 0;
}

int clausetree_expand_ref(struct clausetree *t, size_t r, struct search_index *idx)
{
	if (!t->refs[r].loaded) {
		struct search_citations c;
		if (search_citations(idx, t->refs[r].ref, &c) < 0)
			return -1;
		int rc = clausetree_set_cites(t, r, &c);
		search_citations_free(&c);
		if (rc < 0)
			return -1;
	}
	t->refs[r].expanded = true;
	return 0;
}

long clausetree_find_ref(const struct clausetree *t, const char *ref)
{
	for (size_t i = 0; i < t->nrefs; i++)
		if (!strcmp(t->refs[i].ref, ref))
			return (long)i;
	return -1;
}

int clausetree_load(struct clausetree *t, struct search_index *idx)
{
	struct search_ref_counts rc;
	if (search_ref_counts(idx, &rc) < 0)
		return -1;
	struct clausetree nt = {.titles = t->titles, .ntitles = t->ntitles};
	int err = clausetree_build(&nt, &rc);
	search_ref_counts_free(&rc);
	for (size_t s = 0; !err && s < t->nstds; s++) {
		const char *name = t->stds[s].name;
		long k = find_std(nt.stds, nt.nstds, name, strlen(name));
		if (t->stds[s].expanded && k >= 0)
			nt.stds[k].expanded = true;
	}
	for (size_t r = 0; !err && r < t->nrefs; r++) {
		long k = t->refs[r].expanded ? clausetree_find_ref(&nt, t->refs[r].ref) : -1;
		if (k >= 0)
			err = clausetree_expand_ref(&nt, (size_t)k, idx);
	}
	/* the titles are shared: whichever tree is dropped must not free them */
	struct clausetree *drop = err ? &nt : t, *keep = err ? t : &nt;
	keep->titles = nt.titles;
	keep->ntitles = nt.ntitles;
	drop->titles = NULL;
	drop->ntitles = 0;
	clausetree_free(drop);
	if (!err)
		*t = nt;
	return err ? -1 : 0;
}

/* ---- rows --------------------------------------------------------------- */

/* Every word of filter appears in a or b (either may be NULL). */
static bool words_in(const char *filter, const char *a, const char *b)
{
	char word[128];
	const char *p = filter;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			return true;
		size_t n = strcspn(p, " \t");
		if (n >= sizeof word)
			n = sizeof word - 1;
		memcpy(word, p, n);
		word[n] = '\0';
		p += strcspn(p, " \t");
		if (!(a && isn_strcasestr(a, word)) && !(b && isn_strcasestr(b, word)))
			return false;
	}
}

static bool blank(const char *s)
{
	return !s || s[strspn(s, " \t")] == '\0';
}

static bool ref_matches(const struct ct_ref *r, const char *filter)
{
	return words_in(filter, r->ref, r->title);
}

void clausetree_open_matches(struct clausetree *t, const char *filter)
{
	if (blank(filter))
		return;
	for (size_t r = 0; r < t->nrefs; r++)
		if (ref_matches(&t->refs[r], filter))
			t->stds[t->refs[r].std].expanded = true;
}

static int push(struct ct_rows *rows, struct ct_row row)
{
	if (isn_grow(&rows->v, &rows->cap, rows->n + 1, sizeof(*rows->v)) < 0)
		return -1;
	rows->v[rows->n++] = row;
	return 0;
}

int clausetree_rows(struct clausetree *t, const char *filter)
{
	struct ct_rows *rows = &t->rows;
	bool any = !blank(filter);
	rows->n = 0;
	for (size_t s = 0; s < t->nstds; s++) {
		const struct ct_std *st = &t->stds[s];
		bool all = !any || words_in(filter, st->name, NULL);
		size_t shown = 0;
		for (size_t r = st->first; !all && r < st->first + st->n; r++)
			shown += ref_matches(&t->refs[r], filter);
		if (!all && shown == 0)
			continue;
		if (push(rows, (struct ct_row){CT_STD, s, 0, 0}) < 0)
			return -1;
		if (!st->expanded)
			continue;
		for (size_t r = st->first; r < st->first + st->n; r++) {
			const struct ct_ref *ref = &t->refs[r];
			if (!all && !ref_matches(ref, filter))
				continue;
			if (push(rows, (struct ct_row){CT_REF, s, r, 0}) < 0)
				return -1;
			for (size_t c = 0; ref->expanded && c < ref->ncites; c++)
				if (push(rows, (struct ct_row){CT_CITE, s, r, c}) < 0)
					return -1;
		}
	}
	return 0;
}

size_t clausetree_parent(const struct clausetree *t, size_t i)
{
	const struct ct_rows *rows = &t->rows;
	if (i >= rows->n || rows->v[i].kind == CT_STD)
		return i;
	enum ct_kind want = rows->v[i].kind == CT_CITE ? CT_REF : CT_STD;
	while (i > 0 && rows->v[i].kind != want)
		i--;
	return i;
}

void clausetree_key(const struct clausetree *t, size_t row, struct ct_key *k)
{
	*k = (struct ct_key){CT_STD, "", 0};
	if (row >= t->rows.n)
		return;
	const struct ct_row *r = &t->rows.v[row];
	k->kind = r->kind;
	snprintf(k->ref, sizeof k->ref, "%s",
		 r->kind == CT_STD ? t->stds[r->std].name : t->refs[r->ref].ref);
	if (r->kind == CT_CITE)
		k->id = t->refs[r->ref].cites[r->cite].id;
}

long clausetree_find_key(const struct clausetree *t, const struct ct_key *k)
{
	for (size_t i = 0; i < t->rows.n; i++) {
		const struct ct_row *r = &t->rows.v[i];
		if (r->kind != k->kind)
			continue;
		const char *name = r->kind == CT_STD ? t->stds[r->std].name : t->refs[r->ref].ref;
		if (strcmp(name, k->ref) != 0)
			continue;
		if (r->kind != CT_CITE || t->refs[r->ref].cites[r->cite].id == k->id)
			return (long)i;
	}
	return -1;
}

void clausetree_count_text(size_t primary, size_t overlap, char *out, size_t n)
{
	snprintf(out, n, "%zu (%zu primary, %zu overlap)", primary + overlap, primary, overlap);
}

void clausetree_free(struct clausetree *t)
{
	content_free(t->stds, t->nstds, t->refs, t->nrefs);
	titles_free(t->titles, t->ntitles);
	free(t->rows.v);
	*t = (struct clausetree){0};
}
