/* Parsing one corpus file: split the YAML front matter from the Markdown
 * answer (tolerating a BOM, CRLF and a leading `---`), map the YAML onto
 * struct entry with type checks, and extract the follow-up links. Every
 * problem names the file and line. */
#include "ismsnav/entry.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "ismsnav/links.h"
#include "ismsnav/text.h"

void entry_id_format(unsigned id, char out[16])
{
	snprintf(out, 16, "Q%03u", id);
}

bool entry_id_parse(const char *s, unsigned *id)
{
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s != 'Q' && *s != 'q')
		return false;
	s++;
	if (!isdigit((unsigned char)*s))
		return false;
	unsigned long v = 0;
	while (isdigit((unsigned char)*s)) {
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > ENTRY_ID_MAX)
			return false;
		s++;
	}
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s)
		return false;
	*id = (unsigned)v;
	return true;
}

void entry_free(struct entry *e)
{
	if (!e)
		return;
	free(e->id_text);
	free(e->query);
	isn_strlist_free(&e->packs);
	isn_strlist_free(&e->primary_ids);
	isn_strlist_free(&e->overlap_ids);
	isn_strlist_free(&e->capability_tags);
	isn_strlist_free(&e->flags);
	isn_strlist_free(&e->cards_hint);
	for (size_t i = 0; i < e->nsources; i++) {
		free(e->sources[i].title);
		free(e->sources[i].id);
		free(e->sources[i].locator);
	}
	free(e->sources);
	for (size_t i = 0; i < e->nactions; i++) {
		free(e->actions[i].type);
		free(e->actions[i].target);
		free(e->actions[i].label);
	}
	free(e->actions);
	free(e->output_mode);
	free(e->notes);
	for (size_t i = 0; i < e->nextras; i++)
		free(e->extras[i].key);
	free(e->extras);
	free(e->body);
	free(e->path);
	for (size_t i = 0; i < e->nlinks; i++)
		free(e->links[i].label);
	free(e->links);
	free(e);
}

/* ---- splitting -------------------------------------------------------- */

struct split {
	char *text;        /* whole file, BOM stripped, CRLF -> LF */
	size_t len;
	size_t fm_start;   /* front matter [fm_start, fm_end) */
	size_t fm_end;
	int fm_line;       /* file line of the front matter's first line */
	bool has_sep;
	size_t body_start;
	int body_line;
};

static bool is_separator(const char *line, size_t n)
{
	if (n < 3 || memcmp(line, "---", 3) != 0)
		return false;
	for (size_t i = 3; i < n; i++)
		if (line[i] != ' ' && line[i] != '\t')
			return false;
	return true;
}

bool entry_peek_id(const char *data, size_t len, unsigned *id)
{
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	size_t pos = 0;
	bool first = true;
	while (pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		if (!nl)
			return false; /* a cut line: cannot tell */
		size_t end = (size_t)(nl - data), n = end - pos;
		const char *l = data + pos;
		if (n && l[n - 1] == '\r')
			n--;
		if (is_separator(l, n) && !first)
			return false;
		if (n > 3 && !memcmp(l, "id:", 3)) {
			char v[32];
			size_t a = 3, b = n;
			while (a < b && (l[a] == ' ' || l[a] == '\t'))
				a++;
			while (b > a && (l[b - 1] == ' ' || l[b - 1] == '\t'))
				b--;
			if (b - a >= 2 && (l[a] == '"' || l[a] == '\'') && l[b - 1] == l[a]) {
				a++;
				b--;
			}
			if (b - a >= sizeof v)
				return false;
			memcpy(v, l + a, b - a);
			v[b - a] = '\0';
			return entry_id_parse(v, id);
		}
		first = false;
		pos = end + 1;
	}
	return false;
}

static char *normalise(const char *data, size_t len, size_t *out_len)
{
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	char *t = malloc(len + 1);
	if (!t)
		return NULL;
	if (!memchr(data, '\r', len)) {
		memcpy(t, data, len);
		t[len] = '\0';
		*out_len = len;
		return t;
	}
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (data[i] == '\r' && i + 1 < len && data[i + 1] == '\n')
			continue;
		t[o++] = data[i];
	}
	t[o] = '\0';
	*out_len = o;
	return t;
}

static void split_lines(struct split *s)
{
	size_t pos = 0;
	int line = 1;
	s->fm_start = 0;
	s->fm_line = 1;
	s->has_sep = false;
	bool first = true;
	while (pos < s->len) {
		const char *nl = memchr(s->text + pos, '\n', s->len - pos);
		size_t end = nl ? (size_t)(nl - s->text) : s->len;
		size_t next = nl ? end + 1 : s->len;
		if (is_separator(s->text + pos, end - pos)) {
			if (first) {
				s->fm_start = next;
				s->fm_line = line + 1;
			} else {
				s->fm_end = pos;
				s->has_sep = true;
				s->body_start = next;
				s->body_line = line + 1;
				return;
			}
		}
		first = false;
		pos = next;
		line++;
	}
	s->fm_end = s->len;
	s->body_start = s->len;
	s->body_line = line;
}

/* ---- the front matter as a tree --------------------------------------- */

/* The front matter's nodes, built from libyaml's event stream. libyaml's
 * own document loader allocates a tag and a list for every node and frees
 * them one by one; here the nodes share one array, their children a
 * second and the scalars' bytes a third. */
enum ykind { Y_SCALAR, Y_SEQUENCE, Y_MAPPING };

struct ynode {
	enum ykind kind;
	bool plain;      /* a plain scalar: the only kind that can be null */
	int line;        /* from 0, in the YAML text */
	size_t at, len;  /* a scalar's bytes, NUL-terminated, at text + at */
	size_t first, n; /* a collection's children: kid[first .. first + n);
			    a mapping's go key, value, key, value... */
};

struct yanchor {
	size_t name;     /* offset in text */
	size_t node;
};

struct ytree {
	struct ynode *node;
	size_t nnode, node_cap;
	size_t *kid;     /* the children of the closed collections */
	size_t nkid, kid_cap;
	size_t *open;    /* the children so far of the collections still open */
	size_t nopen, open_cap;
	char *text;
	size_t ntext, text_cap;
	struct yanchor *anchor;
	size_t nanchor, anchor_cap;
	bool has_root;
	size_t root;
};

static void ytree_free(struct ytree *t)
{
	free(t->node);
	free(t->kid);
	free(t->open);
	free(t->text);
	free(t->anchor);
}

/* Copies n bytes and a NUL into the tree's text; their offset, or
 * SIZE_MAX on allocation failure. */
static size_t ytext(struct ytree *t, const unsigned char *s, size_t n)
{
	if (n > SIZE_MAX - t->ntext - 1 ||
	    isn_grow(&t->text, &t->text_cap, t->ntext + n + 1, 1) < 0)
		return SIZE_MAX;
	size_t at = t->ntext;
	if (n)
		memcpy(t->text + at, s, n);
	t->text[at + n] = '\0';
	t->ntext += n + 1;
	return at;
}

/* Adds a node as the next child of the collection open at the top (or as
 * the root), and registers its anchor. Its index, or SIZE_MAX on
 * allocation failure. */
static size_t ynode_add(struct ytree *t, enum ykind kind, const yaml_event_t *ev,
			const yaml_char_t *anchor)
{
	if (isn_grow(&t->node, &t->node_cap, t->nnode + 1, sizeof(*t->node)) < 0 ||
	    isn_grow(&t->open, &t->open_cap, t->nopen + 1, sizeof(*t->open)) < 0)
		return SIZE_MAX;
	size_t i = t->nnode;
	t->node[i] = (struct ynode){.kind = kind, .line = (int)ev->start_mark.line};
	if (kind == Y_SCALAR) {
		t->node[i].plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		t->node[i].len = ev->data.scalar.length;
		t->node[i].at = ytext(t, ev->data.scalar.value, ev->data.scalar.length);
		if (t->node[i].at == SIZE_MAX)
			return SIZE_MAX;
	}
	if (anchor) {
		size_t name = ytext(t, anchor, strlen((const char *)anchor));
		if (name == SIZE_MAX || isn_grow(&t->anchor, &t->anchor_cap, t->nanchor + 1,
						 sizeof(*t->anchor)) < 0)
			return SIZE_MAX;
		t->anchor[t->nanchor++] = (struct yanchor){name, i};
	}
	t->nnode++;
	t->open[t->nopen++] = i;
	return i;
}

/* The node an alias names: the latest with that anchor, as YAML says.
 * SIZE_MAX when there is none. */
static size_t yanchor_find(const struct ytree *t, const yaml_char_t *name)
{
	for (size_t i = t->nanchor; i-- > 0;)
		if (!strcmp(t->text + t->anchor[i].name, (const char *)name))
			return t->anchor[i].node;
	return SIZE_MAX;
}

/* The collections still open, outermost first: the node of each, and
 * where its children start in t->open. */
struct yopen {
	size_t node, from;
};

/* Why the tree could not be built. */
struct yfail {
	const char *problem; /* NULL: out of memory */
	char detail[96];
	int line, context_line; /* context_line < 0: none */
	bool deep;
};

/* Builds the tree of the first document in the stream. Stops at the
 * first nesting level past ENTRY_YAML_MAX_DEPTH: libyaml's time grows
 * with the square of the depth, and a front matter of 100,000 nested
 * brackets would take minutes. */
static bool ytree_build(yaml_parser_t *p, struct ytree *t, struct yfail *f)
{
	struct yopen stack[ENTRY_YAML_MAX_DEPTH];
	size_t depth = 0;
	*f = (struct yfail){.context_line = -1};
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(p, &ev)) {
			f->problem = p->problem ? p->problem : "unknown";
			snprintf(f->detail, sizeof f->detail, "%s", p->context ? p->context : "");
			f->line = (int)p->problem_mark.line;
			if (p->context && p->context_mark.line != p->problem_mark.line)
				f->context_line = (int)p->context_mark.line;
			return false;
		}
		bool ok = true, done = false;
		size_t i = 0;
		switch (ev.type) {
		case YAML_SCALAR_EVENT:
			ok = ynode_add(t, Y_SCALAR, &ev, ev.data.scalar.anchor) != SIZE_MAX;
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth == ENTRY_YAML_MAX_DEPTH) {
				f->problem = "";
				f->deep = true;
				f->line = (int)ev.start_mark.line;
				yaml_event_delete(&ev);
				return false;
			}
			i = ynode_add(t, ev.type == YAML_MAPPING_START_EVENT ? Y_MAPPING : Y_SEQUENCE,
				      &ev, ev.type == YAML_MAPPING_START_EVENT
						   ? ev.data.mapping_start.anchor
						   : ev.data.sequence_start.anchor);
			if ((ok = i != SIZE_MAX))
				stack[depth++] = (struct yopen){i, t->nopen};
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT: {
			struct yopen o = stack[--depth];
			size_t n = t->nopen - o.from;
			if ((ok = isn_grow(&t->kid, &t->kid_cap, t->nkid + n, sizeof(*t->kid)) == 0)) {
				if (n)
					memcpy(t->kid + t->nkid, t->open + o.from, n * sizeof(*t->kid));
				t->node[o.node].first = t->nkid;
				t->node[o.node].n = n;
				t->nkid += n;
				t->nopen = o.from;
			}
			break;
		}
		case YAML_ALIAS_EVENT: {
			i = yanchor_find(t, ev.data.alias.anchor);
			bool inside = false; /* a collection containing itself */
			for (size_t d = 0; i != SIZE_MAX && d < depth; d++)
				inside = inside || stack[d].node == i;
			if (i == SIZE_MAX || inside) {
				f->problem = inside ? "found an alias inside its own anchor"
						    : "found undefined alias";
				snprintf(f->detail, sizeof f->detail, "*%.80s",
					 (const char *)ev.data.alias.anchor);
				f->line = (int)ev.start_mark.line;
				yaml_event_delete(&ev);
				return false;
			}
			if ((ok = isn_grow(&t->open, &t->open_cap, t->nopen + 1, sizeof(*t->open)) == 0))
				t->open[t->nopen++] = i;
			break;
		}
		case YAML_DOCUMENT_END_EVENT:
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
		if (!ok)
			return false; /* f->problem NULL: out of memory */
		if (done)
			break;
	}
	if (t->nopen) {
		t->has_root = true;
		t->root = t->open[0];
	}
	return true;
}

/* ---- YAML mapping ----------------------------------------------------- */

struct ctx {
	const char *path;
	int line0;            /* file line of YAML line 0 */
	const struct ytree *t;
	struct diag_list *diags;
	int errors;
	struct entry *e;
};

static int node_line(const struct ctx *c, const struct ynode *n)
{
	return c->line0 + n->line;
}

static const char *sval(const struct ctx *c, const struct ynode *n)
{
	return c->t->text + n->at;
}

/* Child i of a collection. */
static const struct ynode *kid(const struct ctx *c, const struct ynode *n, size_t i)
{
	return &c->t->node[c->t->kid[n->first + i]];
}

static void err(struct ctx *c, const struct ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void err(struct ctx *c, const struct ynode *n, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_add(c->diags, DIAG_ERROR, c->path, n ? node_line(c, n) : c->line0, "%s", msg);
	c->errors++;
}

static const char *type_name(const struct ynode *n)
{
	switch (n->kind) {
	case Y_SEQUENCE: return "a list";
	case Y_MAPPING: return "a mapping";
	default: return "a string";
	}
}

static bool is_null(const struct ctx *c, const struct ynode *n)
{
	if (n->kind != Y_SCALAR || !n->plain)
		return false;
	const char *v = sval(c, n);
	return !*v || !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") ||
	       !strcmp(v, "NULL");
}

/* Reports a string longer than max bytes; `what` names it in the message. */
static bool too_long(struct ctx *c, const char *what, const struct ynode *n, size_t max)
{
	if (n->len <= max)
		return false;
	err(c, n, "%s is %zu bytes long; the limit is %zu", what, n->len, max);
	return true;
}

/* Reports a list of more than ENTRY_LIST_MAX items. */
static bool too_many(struct ctx *c, const char *key, const struct ynode *n)
{
	if (n->n <= ENTRY_LIST_MAX)
		return false;
	err(c, n, "'%s' has %zu items; the limit is %u", key, n->n, ENTRY_LIST_MAX);
	return true;
}

/* A string field: NULL value leaves *out unset. */
static void get_string(struct ctx *c, const char *key, const struct ynode *n, char **out)
{
	if (is_null(c, n))
		return;
	if (n->kind != Y_SCALAR) {
		diag_add(c->diags, DIAG_ERROR, c->path, node_line(c, n),
			 "'%s' must be a string, not %s", key, type_name(n));
		c->errors++;
		return;
	}
	char what[80];
	snprintf(what, sizeof what, "'%s'", key);
	if (too_long(c, what, n, strcmp(key, "notes") ? ENTRY_TEXT_MAX : ENTRY_NOTES_MAX))
		return;
	free(*out);
	*out = isn_strndup(sval(c, n), n->len);
	if (!*out)
		err(c, n, "out of memory reading '%s'", key);
}

static void get_list(struct ctx *c, const char *key, const struct ynode *n,
		     struct isn_strlist *out)
{
	if (is_null(c, n))
		return;
	if (n->kind != Y_SEQUENCE) {
		diag_add(c->diags, DIAG_ERROR, c->path, node_line(c, n),
			 "'%s' must be a list, not %s", key, type_name(n));
		c->errors++;
		return;
	}
	if (too_many(c, key, n))
		return;
	for (size_t i = 0; i < n->n; i++) {
		const struct ynode *v = kid(c, n, i);
		if (v->kind != Y_SCALAR) {
			diag_add(c->diags, DIAG_ERROR, c->path, node_line(c, v),
				 "items of '%s' must be strings, not %s", key, type_name(v));
			c->errors++;
			continue;
		}
		char what[80];
		snprintf(what, sizeof what, "an item of '%s'", key);
		if (too_long(c, what, v, ENTRY_TEXT_MAX))
			continue;
		if (isn_strlist_push(out, sval(c, v)) < 0)
			err(c, v, "out of memory reading '%s'", key);
	}
}

static void add_extra(struct ctx *c, const char *key, const struct ynode *n)
{
	struct entry *e = c->e;
	size_t have = e->nextras;
	/* the array doubles whenever the count reaches a power of two */
	if ((have & (have - 1)) == 0) {
		struct entry_extra *x = realloc(e->extras, (have ? 2 * have : 1) * sizeof(*x));
		if (!x)
			return;
		e->extras = x;
	}
	char *k = isn_strdup(key);
	if (!k)
		return;
	e->extras[e->nextras++] = (struct entry_extra){k, node_line(c, n)};
}

typedef void (*field_fn)(struct ctx *c, const char *key, const struct ynode *v, void *obj);

struct field {
	const char *name;
	field_fn fn;
};

struct key_ref {
	const char *key;
	size_t i;
};

static int key_ref_cmp(const void *a, const void *b)
{
	const struct key_ref *x = a, *y = b;
	int r = strcmp(x->key, y->key);
	return r ? r : (x->i > y->i) - (x->i < y->i);
}

/* Marks each pair whose key repeats an earlier pair's, in dup[pair].
 * Sorting the keys keeps this O(n log n): comparing each key with all
 * those before it took minutes for a front matter of many thousands of
 * keys. A mapping of up to SMALL_MAP pairs is compared pair by pair
 * without allocating. -1 on allocation failure. */
#define SMALL_MAP 16
static int find_duplicate_keys(struct ctx *c, const struct ynode *map, bool *dup)
{
	size_t n = map->n / 2;
	if (n <= SMALL_MAP) {
		for (size_t i = 1; i < n; i++) {
			const struct ynode *k = kid(c, map, 2 * i);
			for (size_t j = 0; k->kind == Y_SCALAR && j < i && !dup[i]; j++) {
				const struct ynode *e = kid(c, map, 2 * j);
				dup[i] = e->kind == Y_SCALAR && !strcmp(sval(c, e), sval(c, k));
			}
		}
		return 0;
	}
	struct key_ref *refs = malloc(n * sizeof(*refs));
	if (!refs)
		return -1;
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		const struct ynode *k = kid(c, map, 2 * i);
		if (k->kind == Y_SCALAR)
			refs[m++] = (struct key_ref){sval(c, k), i};
	}
	qsort(refs, m, sizeof(*refs), key_ref_cmp);
	for (size_t i = 1; i < m; i++)
		if (!strcmp(refs[i].key, refs[i - 1].key))
			dup[refs[i].i] = true;
	free(refs);
	return 0;
}

/* Walks a mapping, dispatching known keys and keeping unknown ones. */
static void walk_mapping(struct ctx *c, const char *where, const struct ynode *map,
			 const struct field *fields, size_t nfields, void *obj)
{
	size_t n = map->n / 2;
	bool small[SMALL_MAP] = {false};
	bool *dups = n <= SMALL_MAP ? small : calloc(n, sizeof(*dups));
	if (!dups || find_duplicate_keys(c, map, dups) < 0) {
		if (dups != small)
			free(dups);
		err(c, map, "out of memory reading %s", *where ? where : "the front matter");
		return;
	}
	for (size_t p = 0; p < n; p++) {
		const struct ynode *k = kid(c, map, 2 * p), *v = kid(c, map, 2 * p + 1);
		if (k->kind != Y_SCALAR) {
			err(c, k, "%s: keys must be strings", where);
			continue;
		}
		const char *key = sval(c, k);
		if (dups[p]) {
			err(c, k, "duplicate key '%s'", key);
			continue;
		}
		size_t i = 0;
		while (i < nfields && strcmp(fields[i].name, key) != 0)
			i++;
		if (i < nfields) {
			fields[i].fn(c, key, v, obj);
		} else {
			char full[256];
			snprintf(full, sizeof full, "%s%s%s", where, *where ? "." : "", key);
			add_extra(c, full, k);
		}
	}
	if (dups != small)
		free(dups);
}

/* -- sources and actions: lists of small mappings -- */

static void f_src_title(struct ctx *c, const char *k, const struct ynode *v, void *o)
{ get_string(c, k, v, &((struct entry_source *)o)->title); }
static void f_src_id(struct ctx *c, const char *k, const struct ynode *v, void *o)
{ get_string(c, k, v, &((struct entry_source *)o)->id); }
static void f_src_locator(struct ctx *c, const char *k, const struct ynode *v, void *o)
{ get_string(c, k, v, &((struct entry_source *)o)->locator); }
static void f_act_type(struct ctx *c, const char *k, const struct ynode *v, void *o)
{ get_string(c, k, v, &((struct entry_action *)o)->type); }
static void f_act_target(struct ctx *c, const char *k, const struct ynode *v, void *o)
{ get_string(c, k, v, &((struct entry_action *)o)->target); }
static void f_act_label(struct ctx *c, const char *k, const struct ynode *v, void *o)
{ get_string(c, k, v, &((struct entry_action *)o)->label); }

static const struct field source_fields[] = {
	{"title", f_src_title}, {"id", f_src_id}, {"locator", f_src_locator},
};
static const struct field action_fields[] = {
	{"type", f_act_type}, {"target", f_act_target}, {"label", f_act_label},
};

/* Reads a list of mappings into an array of `size`-byte records. */
static void get_records(struct ctx *c, const char *key, const struct ynode *n,
			const struct field *fields, size_t nfields,
			void **arr, size_t *count, size_t size)
{
	if (is_null(c, n))
		return;
	if (n->kind != Y_SEQUENCE) {
		diag_add(c->diags, DIAG_ERROR, c->path, node_line(c, n),
			 "'%s' must be a list, not %s", key, type_name(n));
		c->errors++;
		return;
	}
	if (too_many(c, key, n))
		return;
	size_t cap = *count;
	for (size_t i = 0; i < n->n; i++) {
		const struct ynode *v = kid(c, n, i);
		if (v->kind != Y_MAPPING) {
			diag_add(c->diags, DIAG_ERROR, c->path, node_line(c, v),
				 "items of '%s' must be mappings, not %s", key, type_name(v));
			c->errors++;
			continue;
		}
		if (isn_grow(arr, &cap, *count + 1, size) < 0) {
			err(c, v, "out of memory reading '%s'", key);
			return;
		}
		char *rec = (char *)*arr + *count * size;
		memset(rec, 0, size);
		(*count)++;
		walk_mapping(c, key, v, fields, nfields, rec);
	}
}

#define E(o) ((struct entry *)(o))
static void f_id(struct ctx *c, const char *k, const struct ynode *v, void *o)
{
	get_string(c, k, v, &E(o)->id_text);
	E(o)->id_line = node_line(c, v);
}
static void f_query(struct ctx *c, const char *k, const struct ynode *v, void *o)
{ get_string(c, k, v, &E(o)->query); }
static void f_packs(struct ctx *c, const char *k, const struct ynode *v, void *o)
{ get_list(c, k, v, &E(o)->packs); }
static void f_primary(struct ctx *c, const char *k, const struct ynode *v, void *o)
{ get_list(c, k, v, &E(o)->primary_ids); }
static void f_overlap(struct ctx *c, const char *k, const struct ynode *v, void *o)
{ get_list(c, k, v, &E(o)->overlap_ids); }
static void f_tags(struct ctx *c, const char *k, const struct ynode *v, void *o)
{ get_list(c, k, v, &E(o)->capability_tags); }
static void f_flags(struct ctx *c, const char *k, const struct ynode *v, void *o)
{ get_list(c, k, v, &E(o)->flags); }
static void f_output_mode(struct ctx *c, const char *k, const struct ynode *v, void *o)
{ get_string(c, k, v, &E(o)->output_mode); }
static void f_notes(struct ctx *c, const char *k, const struct ynode *v, void *o)
{ get_string(c, k, v, &E(o)->notes); }
static void f_sources(struct ctx *c, const char *k, const struct ynode *v, void *o)
{
	get_records(c, k, v, source_fields, ISN_ARRAY_LEN(source_fields),
		    (void **)&E(o)->sources, &E(o)->nsources, sizeof(struct entry_source));
}
static void f_actions(struct ctx *c, const char *k, const struct ynode *v, void *o)
{
	get_records(c, "ui.actions", v, action_fields, ISN_ARRAY_LEN(action_fields),
		    (void **)&E(o)->actions, &E(o)->nactions, sizeof(struct entry_action));
	(void)k;
}
static void f_cards(struct ctx *c, const char *k, const struct ynode *v, void *o)
{
	(void)k;
	get_list(c, "ui.cards_hint", v, &E(o)->cards_hint);
}

static void f_graph(struct ctx *c, const char *k, const struct ynode *v, void *o)
{
	static const char *yes[] = {"true", "True", "TRUE", "yes", "Yes", "on"};
	static const char *no[] = {"false", "False", "FALSE", "no", "No", "off"};
	if (is_null(c, v))
		return;
	if (v->kind == Y_SCALAR) {
		const char *s = sval(c, v);
		for (size_t i = 0; i < ISN_ARRAY_LEN(yes); i++) {
			if (!strcmp(s, yes[i])) { E(o)->graph_required = 1; return; }
			if (!strcmp(s, no[i])) { E(o)->graph_required = 0; return; }
		}
	}
	diag_add(c->diags, DIAG_ERROR, c->path, node_line(c, v),
		 "'%s' must be true or false", k);
	c->errors++;
}

static const struct field ui_fields[] = {
	{"cards_hint", f_cards}, {"actions", f_actions},
};

static void f_ui(struct ctx *c, const char *k, const struct ynode *v, void *o)
{
	if (is_null(c, v))
		return;
	if (v->kind != Y_MAPPING) {
		diag_add(c->diags, DIAG_ERROR, c->path, node_line(c, v),
			 "'%s' must be a mapping, not %s", k, type_name(v));
		c->errors++;
		return;
	}
	walk_mapping(c, "ui", v, ui_fields, ISN_ARRAY_LEN(ui_fields), o);
}
#undef E

static const struct field entry_fields[] = {
	{"id", f_id},
	{"query", f_query},
	{"packs", f_packs},
	{"primary_ids", f_primary},
	{"overlap_ids", f_overlap},
	{"capability_tags", f_tags},
	{"flags", f_flags},
	{"sources", f_sources},
	{"ui", f_ui},
	{"output_mode", f_output_mode},
	{"graph_required", f_graph},
	{"notes", f_notes},
};

/* True when the mapping has a key named `key`. */
static bool has_key(const struct ctx *c, const struct ynode *map, const char *key)
{
	for (size_t i = 0; i < map->n; i += 2) {
		const struct ynode *k = kid(c, map, i);
		if (k->kind == Y_SCALAR && !strcmp(sval(c, k), key))
			return true;
	}
	return false;
}

enum fm_result { FM_OK, FM_NOT_ENTRY, FM_BROKEN };

/* Reports why the tree could not be built (unless quiet) and says what
 * that makes of the file. */
static enum fm_result build_failed(struct ctx *c, const struct yfail *f, bool quiet)
{
	if (!f->problem) {
		diag_add(c->diags, DIAG_ERROR, c->path, 0, "out of memory");
		return FM_BROKEN;
	}
	if (quiet)
		return FM_NOT_ENTRY;
	if (f->deep) {
		diag_add(c->diags, DIAG_ERROR, c->path, c->line0 + f->line,
			 "the front matter is nested deeper than %d levels", ENTRY_YAML_MAX_DEPTH);
		return FM_BROKEN;
	}
	char where[64] = "";
	if (f->context_line >= 0)
		snprintf(where, sizeof where, " that starts on line %d", c->line0 + f->context_line);
	diag_add(c->diags, DIAG_ERROR, c->path, c->line0 + f->line, "YAML syntax error: %s%s%s%s",
		 f->problem, *f->detail ? " " : "", f->detail, where);
	return FM_BROKEN;
}

/* Parses the front matter into e. */
static enum fm_result parse_front_matter(struct ctx *c, const char *yaml, size_t len,
					 bool quiet_if_not_entry)
{
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		diag_add(c->diags, DIAG_ERROR, c->path, 0, "out of memory");
		return FM_BROKEN;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
	struct ytree t = {0};
	struct yfail f;
	bool built = ytree_build(&parser, &t, &f);
	yaml_parser_delete(&parser);
	if (!built) {
		ytree_free(&t);
		return build_failed(c, &f, quiet_if_not_entry);
	}
	c->t = &t;
	enum fm_result r = FM_OK;
	const struct ynode *root = t.has_root ? &t.node[t.root] : NULL;
	if (!root || root->kind != Y_MAPPING || !has_key(c, root, "id")) {
		bool entry_like = root && root->kind == Y_MAPPING && has_key(c, root, "query");
		if (entry_like && !quiet_if_not_entry) {
			diag_add(c->diags, DIAG_ERROR, c->path, c->line0,
				 "missing required field 'id'");
			r = FM_BROKEN;
		} else {
			r = FM_NOT_ENTRY;
		}
	} else {
		walk_mapping(c, "", root, entry_fields, ISN_ARRAY_LEN(entry_fields), c->e);
		if (c->errors)
			r = FM_BROKEN;
	}
	ytree_free(&t);
	c->t = NULL;
	return r;
}

/* For an entry that is only referred to, reads `id` and `query` from the
 * event stream and stops as soon as it has both: the rest of the front
 * matter is not needed. Anything unexpected returns false, and the caller
 * parses the whole front matter (which reports problems properly). */
static bool quick_head(struct ctx *c, const char *yaml, size_t len)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return false;
	yaml_parser_set_input_string(&p, (const unsigned char *)yaml, len);
	struct entry *e = c->e;
	int depth = 0;          /* nesting inside the top-level mapping */
	bool want_value = false, ok = false;
	char *key = NULL;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev))
			break;
		yaml_event_type_t t = ev.type;
		if (t == YAML_MAPPING_START_EVENT || t == YAML_SEQUENCE_START_EVENT) {
			depth++;
			if (depth > ENTRY_YAML_MAX_DEPTH) { /* the full parse reports it */
				yaml_event_delete(&ev);
				break;
			}
			if (depth == 2 && want_value) /* a collection value: skip it */
				want_value = false, free(key), key = NULL;
		} else if (t == YAML_MAPPING_END_EVENT || t == YAML_SEQUENCE_END_EVENT) {
			depth--;
		} else if (t == YAML_SCALAR_EVENT && depth == 1) {
			const char *v = (const char *)ev.data.scalar.value;
			if (!want_value) {
				key = isn_strdup(v);
				want_value = key != NULL;
			} else {
				if (!strcmp(key, "id") && !e->id_text) {
					e->id_text = isn_strdup(v);
					e->id_line = c->line0 + (int)ev.start_mark.line;
				} else if (!strcmp(key, "query") && !e->query) {
					e->query = isn_strdup(v);
				}
				want_value = false;
				free(key);
				key = NULL;
			}
		} else if (t == YAML_ALIAS_EVENT || t == YAML_STREAM_END_EVENT ||
			   (t == YAML_DOCUMENT_END_EVENT)) {
			yaml_event_delete(&ev);
			break;
		}
		yaml_event_delete(&ev);
		if (e->id_text && e->query) {
			ok = true;
			break;
		}
	}
	free(key);
	yaml_parser_delete(&p);
	if (!ok) {
		free(e->id_text);
		free(e->query);
		e->id_text = e->query = NULL;
	}
	return ok;
}

static bool validate(struct ctx *c)
{
	struct entry *e = c->e;
	if (!e->id_text || !*e->id_text) {
		diag_add(c->diags, DIAG_ERROR, c->path, e->id_line ? e->id_line : c->line0,
			 "'id' is empty");
		return false;
	}
	if (!entry_id_parse(e->id_text, &e->id)) {
		diag_add(c->diags, DIAG_ERROR, c->path, e->id_line,
			 "id '%s' is not a question ID (Q followed by up to 6 digits)", e->id_text);
		return false;
	}
	if (!e->query || !*e->query) {
		diag_add(c->diags, DIAG_ERROR, c->path, e->id_line,
			 "missing required field 'query'");
		return false;
	}
	return true;
}

static int first_nonblank_line(const char *s, size_t n)
{
	int line = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			line++;
		else if (!isspace((unsigned char)s[i]))
			return line;
	}
	return -1;
}

static int line_of_offset(const char *s, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n')
			line++;
	return line;
}

/* Where the separator line after the first line starts, or len: the
 * front matter ends before it. The same rule as split_lines, on the raw
 * bytes (a line may still end in CR here). */
static size_t front_matter_end(const char *data, size_t len)
{
	size_t pos = 0;
	bool first = true;
	while (pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) : len, n = end - pos;
		if (n && data[end - 1] == '\r')
			n--;
		if (!first && is_separator(data + pos, n))
			return pos;
		first = false;
		pos = nl ? end + 1 : len;
	}
	return len;
}

/* Rejects what cannot be an entry before any parsing. With head_only,
 * only the front matter's bytes need to be valid UTF-8. */
static bool precheck(const char *path, const char *data, size_t len, bool head_only,
		     struct diag_list *diags, enum entry_status *st)
{
	if (len > ENTRY_MAX_BYTES) {
		diag_add(diags, DIAG_ERROR, path, 0,
			 "file is %zu bytes; entries are limited to %u bytes (1 MiB)",
			 len, ENTRY_MAX_BYTES);
		*st = ENTRY_BROKEN;
		return false;
	}
	const char *nul = memchr(data, '\0', len);
	if (nul) {
		diag_add(diags, DIAG_WARNING, path, line_of_offset(data, (size_t)(nul - data)),
			 "binary file (NUL byte); skipped");
		*st = ENTRY_SKIPPED;
		return false;
	}
	if (first_nonblank_line(data, len) < 0) {
		diag_add(diags, DIAG_WARNING, path, 0, "empty file; skipped");
		*st = ENTRY_SKIPPED;
		return false;
	}
	size_t bad, check = len;
	if (head_only)
		check = front_matter_end(data, len);
	if (!text_valid_utf8(data, check, &bad)) {
		diag_add(diags, DIAG_ERROR, path, line_of_offset(data, bad),
			 "invalid UTF-8 (byte 0x%02X at offset %zu)",
			 (unsigned)(unsigned char)data[bad], bad);
		*st = ENTRY_BROKEN;
		return false;
	}
	return true;
}

static enum entry_status finish(struct ctx *c, struct split *s, bool head_only)
{
	struct entry *e = c->e;
	e->body_len = s->len - s->body_start;
	e->body = isn_strndup(s->text + s->body_start, e->body_len);
	e->body_line = s->body_line;
	e->path = isn_strdup(c->path);
	if (!e->body || !e->path) {
		diag_add(c->diags, DIAG_ERROR, c->path, 0, "out of memory");
		return ENTRY_BROKEN;
	}
	if (head_only)
		return ENTRY_OK;
	if (first_nonblank_line(e->body, e->body_len) < 0)
		diag_add(c->diags, DIAG_WARNING, c->path, s->body_line, "the answer is empty");
	if (links_extract(e->body, e->body_len, c->path, e->body_line, c->diags,
			  &e->links, &e->nlinks) < 0) {
		diag_add(c->diags, DIAG_ERROR, c->path, 0, "out of memory");
		return ENTRY_BROKEN;
	}
	return ENTRY_OK;
}

static enum entry_status parse(const char *path, const char *data, size_t len,
				bool head_only, struct diag_list *diags, struct entry **out)
{
	*out = NULL;
	enum entry_status st;
	if (!precheck(path, data, len, head_only, diags, &st))
		return st;
	struct split s = {0};
	s.text = normalise(data, len, &s.len);
	struct entry *e = calloc(1, sizeof(*e));
	if (!s.text || !e) {
		diag_add(diags, DIAG_ERROR, path, 0, "out of memory");
		free(s.text);
		free(e);
		return ENTRY_BROKEN;
	}
	e->graph_required = -1;
	split_lines(&s);
	struct ctx c = {.path = path, .line0 = s.fm_line, .diags = diags, .e = e};
	enum fm_result fr;
	if (head_only && s.has_sep && quick_head(&c, s.text + s.fm_start, s.fm_end - s.fm_start))
		fr = FM_OK;
	else
		fr = parse_front_matter(&c, s.text + s.fm_start, s.fm_end - s.fm_start,
					!s.has_sep);
	if (fr == FM_OK && !s.has_sep) {
		diag_add(diags, DIAG_ERROR, path, e->id_line,
			 "missing '---' line between the front matter and the answer");
		fr = FM_BROKEN;
	}
	if (fr == FM_NOT_ENTRY) {
		diag_add(diags, DIAG_WARNING, path, 0, "no front matter with an 'id'; skipped");
		st = ENTRY_SKIPPED;
	} else if (fr == FM_BROKEN || !validate(&c)) {
		st = ENTRY_BROKEN;
	} else {
		st = finish(&c, &s, head_only);
	}
	free(s.text);
	if (st == ENTRY_OK)
		*out = e;
	else
		entry_free(e);
	return st;
}

enum entry_status entry_parse(const char *path, const char *data, size_t len,
			      struct diag_list *diags, struct entry **out)
{
	return parse(path, data, len, false, diags, out);
}

enum entry_status entry_parse_head(const char *path, const char *data, size_t len,
				   struct diag_list *diags, struct entry **out)
{
	return parse(path, data, len, true, diags, out);
}
