/* Parsing one corpus file: split the YAML front matter from the Markdown
 * answer (tolerating a BOM, CRLF and a leading `---`), map the YAML onto
 * struct entry with type checks, and extract the follow-up links. Every
 * problem names the file and line. */
#include "ismsnav/entry.h"

#include <ctype.h>
#include <stdarg.h>
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

/* ---- YAML mapping ----------------------------------------------------- */

struct ctx {
	const char *path;
	int line0;            /* file line of YAML line 0 */
	yaml_document_t *doc;
	struct diag_list *diags;
	int errors;
	struct entry *e;
};

static int node_line(const struct ctx *c, const yaml_node_t *n)
{
	return c->line0 + (int)n->start_mark.line;
}

static void err(struct ctx *c, const yaml_node_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void err(struct ctx *c, const yaml_node_t *n, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_add(c->diags, DIAG_ERROR, c->path, n ? node_line(c, n) : c->line0, "%s", msg);
	c->errors++;
}

static const char *type_name(const yaml_node_t *n)
{
	switch (n->type) {
	case YAML_SEQUENCE_NODE: return "a list";
	case YAML_MAPPING_NODE: return "a mapping";
	default: return "a string";
	}
}

static bool is_null(const yaml_node_t *n)
{
	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	const char *v = (const char *)n->data.scalar.value;
	return !*v || !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") ||
	       !strcmp(v, "NULL");
}

/* Reports a string longer than max bytes; `what` names it in the message. */
static bool too_long(struct ctx *c, const char *what, const yaml_node_t *n, size_t max)
{
	if (n->data.scalar.length <= max)
		return false;
	err(c, n, "%s is %zu bytes long; the limit is %zu", what, n->data.scalar.length, max);
	return true;
}

/* Reports a list of more than ENTRY_LIST_MAX items. */
static bool too_many(struct ctx *c, const char *key, const yaml_node_t *n)
{
	size_t items = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	if (items <= ENTRY_LIST_MAX)
		return false;
	err(c, n, "'%s' has %zu items; the limit is %u", key, items, ENTRY_LIST_MAX);
	return true;
}

/* A string field: NULL value leaves *out unset. */
static void get_string(struct ctx *c, const char *key, yaml_node_t *n, char **out)
{
	if (is_null(n))
		return;
	if (n->type != YAML_SCALAR_NODE) {
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
	*out = isn_strndup((const char *)n->data.scalar.value, n->data.scalar.length);
	if (!*out)
		err(c, n, "out of memory reading '%s'", key);
}

static void get_list(struct ctx *c, const char *key, yaml_node_t *n, struct isn_strlist *out)
{
	if (is_null(n))
		return;
	if (n->type != YAML_SEQUENCE_NODE) {
		diag_add(c->diags, DIAG_ERROR, c->path, node_line(c, n),
			 "'%s' must be a list, not %s", key, type_name(n));
		c->errors++;
		return;
	}
	if (too_many(c, key, n))
		return;
	for (yaml_node_item_t *it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++) {
		yaml_node_t *v = yaml_document_get_node(c->doc, *it);
		if (!v)
			continue;
		if (v->type != YAML_SCALAR_NODE) {
			diag_add(c->diags, DIAG_ERROR, c->path, node_line(c, v),
				 "items of '%s' must be strings, not %s", key, type_name(v));
			c->errors++;
			continue;
		}
		char what[80];
		snprintf(what, sizeof what, "an item of '%s'", key);
		if (too_long(c, what, v, ENTRY_TEXT_MAX))
			continue;
		if (isn_strlist_push(out, (const char *)v->data.scalar.value) < 0)
			err(c, v, "out of memory reading '%s'", key);
	}
}

static void add_extra(struct ctx *c, const char *key, const yaml_node_t *n)
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

typedef void (*field_fn)(struct ctx *c, const char *key, yaml_node_t *v, void *obj);

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

/* Marks each pair whose key repeats an earlier pair's. Sorting the keys
 * keeps this O(n log n): comparing each key with all those before it took
 * minutes for a front matter of many thousands of keys. NULL on
 * allocation failure. */
static bool *find_duplicate_keys(struct ctx *c, yaml_node_t *map)
{
	yaml_node_pair_t *start = map->data.mapping.pairs.start;
	size_t n = (size_t)(map->data.mapping.pairs.top - start), m = 0;
	bool *dup = calloc(n ? n : 1, sizeof(*dup));
	struct key_ref *refs = malloc((n ? n : 1) * sizeof(*refs));
	if (!dup || !refs) {
		free(dup);
		free(refs);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		yaml_node_t *k = yaml_document_get_node(c->doc, start[i].key);
		if (k && k->type == YAML_SCALAR_NODE)
			refs[m++] = (struct key_ref){(const char *)k->data.scalar.value, i};
	}
	qsort(refs, m, sizeof(*refs), key_ref_cmp);
	for (size_t i = 1; i < m; i++)
		if (!strcmp(refs[i].key, refs[i - 1].key))
			dup[refs[i].i] = true;
	free(refs);
	return dup;
}

/* Walks a mapping, dispatching known keys and keeping unknown ones. */
static void walk_mapping(struct ctx *c, const char *where, yaml_node_t *map,
			 const struct field *fields, size_t nfields, void *obj)
{
	yaml_node_pair_t *start = map->data.mapping.pairs.start;
	bool *dups = find_duplicate_keys(c, map);
	if (!dups) {
		err(c, map, "out of memory reading %s", *where ? where : "the front matter");
		return;
	}
	for (yaml_node_pair_t *p = start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(c->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(c->doc, p->value);
		if (!k || !v)
			continue;
		if (k->type != YAML_SCALAR_NODE) {
			err(c, k, "%s: keys must be strings", where);
			continue;
		}
		const char *key = (const char *)k->data.scalar.value;
		if (dups[p - start]) {
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
	free(dups);
}

/* -- sources and actions: lists of small mappings -- */

static void f_src_title(struct ctx *c, const char *k, yaml_node_t *v, void *o)
{ get_string(c, k, v, &((struct entry_source *)o)->title); }
static void f_src_id(struct ctx *c, const char *k, yaml_node_t *v, void *o)
{ get_string(c, k, v, &((struct entry_source *)o)->id); }
static void f_src_locator(struct ctx *c, const char *k, yaml_node_t *v, void *o)
{ get_string(c, k, v, &((struct entry_source *)o)->locator); }
static void f_act_type(struct ctx *c, const char *k, yaml_node_t *v, void *o)
{ get_string(c, k, v, &((struct entry_action *)o)->type); }
static void f_act_target(struct ctx *c, const char *k, yaml_node_t *v, void *o)
{ get_string(c, k, v, &((struct entry_action *)o)->target); }
static void f_act_label(struct ctx *c, const char *k, yaml_node_t *v, void *o)
{ get_string(c, k, v, &((struct entry_action *)o)->label); }

static const struct field source_fields[] = {
	{"title", f_src_title}, {"id", f_src_id}, {"locator", f_src_locator},
};
static const struct field action_fields[] = {
	{"type", f_act_type}, {"target", f_act_target}, {"label", f_act_label},
};

/* Reads a list of mappings into an array of `size`-byte records. */
static void get_records(struct ctx *c, const char *key, yaml_node_t *n,
			const struct field *fields, size_t nfields,
			void **arr, size_t *count, size_t size)
{
	if (is_null(n))
		return;
	if (n->type != YAML_SEQUENCE_NODE) {
		diag_add(c->diags, DIAG_ERROR, c->path, node_line(c, n),
			 "'%s' must be a list, not %s", key, type_name(n));
		c->errors++;
		return;
	}
	if (too_many(c, key, n))
		return;
	size_t cap = *count;
	for (yaml_node_item_t *it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++) {
		yaml_node_t *v = yaml_document_get_node(c->doc, *it);
		if (!v)
			continue;
		if (v->type != YAML_MAPPING_NODE) {
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
static void f_id(struct ctx *c, const char *k, yaml_node_t *v, void *o)
{
	get_string(c, k, v, &E(o)->id_text);
	E(o)->id_line = node_line(c, v);
}
static void f_query(struct ctx *c, const char *k, yaml_node_t *v, void *o)
{ get_string(c, k, v, &E(o)->query); }
static void f_packs(struct ctx *c, const char *k, yaml_node_t *v, void *o)
{ get_list(c, k, v, &E(o)->packs); }
static void f_primary(struct ctx *c, const char *k, yaml_node_t *v, void *o)
{ get_list(c, k, v, &E(o)->primary_ids); }
static void f_overlap(struct ctx *c, const char *k, yaml_node_t *v, void *o)
{ get_list(c, k, v, &E(o)->overlap_ids); }
static void f_tags(struct ctx *c, const char *k, yaml_node_t *v, void *o)
{ get_list(c, k, v, &E(o)->capability_tags); }
static void f_flags(struct ctx *c, const char *k, yaml_node_t *v, void *o)
{ get_list(c, k, v, &E(o)->flags); }
static void f_output_mode(struct ctx *c, const char *k, yaml_node_t *v, void *o)
{ get_string(c, k, v, &E(o)->output_mode); }
static void f_notes(struct ctx *c, const char *k, yaml_node_t *v, void *o)
{ get_string(c, k, v, &E(o)->notes); }
static void f_sources(struct ctx *c, const char *k, yaml_node_t *v, void *o)
{
	get_records(c, k, v, source_fields, ISN_ARRAY_LEN(source_fields),
		    (void **)&E(o)->sources, &E(o)->nsources, sizeof(struct entry_source));
}
static void f_actions(struct ctx *c, const char *k, yaml_node_t *v, void *o)
{
	get_records(c, "ui.actions", v, action_fields, ISN_ARRAY_LEN(action_fields),
		    (void **)&E(o)->actions, &E(o)->nactions, sizeof(struct entry_action));
	(void)k;
}
static void f_cards(struct ctx *c, const char *k, yaml_node_t *v, void *o)
{
	(void)k;
	get_list(c, "ui.cards_hint", v, &E(o)->cards_hint);
}

static void f_graph(struct ctx *c, const char *k, yaml_node_t *v, void *o)
{
	static const char *yes[] = {"true", "True", "TRUE", "yes", "Yes", "on"};
	static const char *no[] = {"false", "False", "FALSE", "no", "No", "off"};
	if (is_null(v))
		return;
	if (v->type == YAML_SCALAR_NODE) {
		const char *s = (const char *)v->data.scalar.value;
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

static void f_ui(struct ctx *c, const char *k, yaml_node_t *v, void *o)
{
	if (is_null(v))
		return;
	if (v->type != YAML_MAPPING_NODE) {
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
static bool has_key(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);
		if (k && k->type == YAML_SCALAR_NODE &&
		    !strcmp((const char *)k->data.scalar.value, key))
			return true;
	}
	return false;
}

enum fm_result { FM_OK, FM_NOT_ENTRY, FM_BROKEN };

static bool opens(yaml_event_type_t t)
{
	return t == YAML_MAPPING_START_EVENT || t == YAML_SEQUENCE_START_EVENT;
}

static bool closes(yaml_event_type_t t)
{
	return t == YAML_MAPPING_END_EVENT || t == YAML_SEQUENCE_END_EVENT;
}

/* A blank, a line break or the end; the lead bytes of NEL, LS and PS,
 * which YAML 1.1 also breaks lines at, count too (erring high is safe). */
static bool blank_or_end(const char *s, size_t i, size_t len)
{
	return i >= len || s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
	       s[i] == '\xC2' || s[i] == '\xE2';
}

/* A bound on the nesting depth found without parsing. Every level opens
 * at a character of its own: `[` or `{`; `-`, `?` or `:` followed by a
 * blank in block context; or a `:` making a one-pair mapping inside a
 * flow sequence, whose own `[` is on the same path (hence the 2). */
static size_t depth_bound(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		char ch = s[i];
		if (ch == '[')
			n += 2;
		else if (ch == '{')
			n++;
		else if ((ch == '-' || ch == '?' || ch == ':') && blank_or_end(s, i + 1, len))
			n++;
	}
	return n;
}

/* libyaml's time grows with the square of the nesting depth (a front
 * matter of 100,000 nested brackets takes minutes to load), so the depth
 * is measured on the event stream first, which stops at the first level
 * past the limit; the usual front matter, whose bound is below the limit,
 * needs no such pass. Returns false when the front matter is too deep
 * (reported unless quiet); a syntax error is left to the full parse. */
static bool depth_ok(struct ctx *c, const char *yaml, size_t len, bool quiet)
{
	if (depth_bound(yaml, len) <= ENTRY_YAML_MAX_DEPTH)
		return true;
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return true; /* the full parse reports it */
	yaml_parser_set_input_string(&p, (const unsigned char *)yaml, len);
	int depth = 0;
	bool ok = true, done = false;
	while (!done) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev))
			break;
		depth += opens(ev.type) - closes(ev.type);
		if (depth > ENTRY_YAML_MAX_DEPTH) {
			ok = false;
			if (!quiet)
				diag_add(c->diags, DIAG_ERROR, c->path,
					 c->line0 + (int)ev.start_mark.line,
					 "the front matter is nested deeper than %d levels",
					 ENTRY_YAML_MAX_DEPTH);
		}
		done = !ok || ev.type == YAML_DOCUMENT_END_EVENT ||
		       ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return ok;
}

/* Parses the front matter into e. */
static enum fm_result parse_front_matter(struct ctx *c, const char *yaml, size_t len,
					 bool quiet_if_not_entry)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	if (!depth_ok(c, yaml, len, quiet_if_not_entry))
		return quiet_if_not_entry ? FM_NOT_ENTRY : FM_BROKEN;
	if (!yaml_parser_initialize(&parser)) {
		diag_add(c->diags, DIAG_ERROR, c->path, 0, "out of memory");
		return FM_BROKEN;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
	if (!yaml_parser_load(&parser, &doc)) {
		enum fm_result r = FM_NOT_ENTRY;
		if (!quiet_if_not_entry) {
			char where[64] = "";
			if (parser.context && parser.context_mark.line != parser.problem_mark.line)
				snprintf(where, sizeof where, " that starts on line %d",
					 c->line0 + (int)parser.context_mark.line);
			diag_add(c->diags, DIAG_ERROR, c->path,
				 c->line0 + (int)parser.problem_mark.line,
				 "YAML syntax error: %s%s%s%s",
				 parser.problem ? parser.problem : "unknown",
				 parser.context ? " " : "", parser.context ? parser.context : "",
				 where);
			r = FM_BROKEN;
		}
		yaml_parser_delete(&parser);
		return r;
	}
	c->doc = &doc;
	enum fm_result r = FM_OK;
	yaml_node_t *root = yaml_document_get_root_node(&doc);
	if (!root || root->type != YAML_MAPPING_NODE || !has_key(&doc, root, "id")) {
		bool entry_like = root && root->type == YAML_MAPPING_NODE &&
				  has_key(&doc, root, "query");
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
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	c->doc = NULL;
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
