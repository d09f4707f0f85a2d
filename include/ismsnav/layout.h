/* Laying out text for the terminal: a document is an array of lines, each
 * a UTF-8 string plus typed spans (style flags and, for links, an index
 * into the document's link table). Layout is a pure function of the input
 * and the width: every line's display width is at most the width, text is
 * sanitised (no control character survives), and words are only split
 * when they are longer than the width.
 *
 * layout_markdown() walks cmark's tree; layout_para() wraps one paragraph
 * with a first-line and a continuation prefix, and is what the answer
 * header and footer use too. The document owns all its memory. */
#ifndef ISMSNAV_LAYOUT_H
#define ISMSNAV_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Blocks (quotes, list items) nested deeper than this are drawn at this
 * level, and a note after the answer says so; inline markup nested deeper
 * than its limit keeps the style it had there. */
#define LAYOUT_MAX_BLOCK_DEPTH 64
#define LAYOUT_MAX_INLINE_DEPTH 64

enum {
	ST_BOLD = 1u << 0,
	ST_ITALIC = 1u << 1,
	ST_CODE = 1u << 2,     /* inline code and code blocks */
	ST_LINK = 1u << 3,     /* a link to an entry that exists, or a URL */
	ST_MISSING = 1u << 4,  /* a link to an entry not in this corpus */
	ST_HEADING = 1u << 5,
	ST_QUOTE = 1u << 6,
	ST_DIM = 1u << 7,      /* bullets, quote bars, rules, labels */
	ST_TITLE = 1u << 8,    /* the answer's ID and question */
	ST_LABEL = 1u << 9,    /* header field names, footer titles */
};

struct layout_span {
	uint32_t start, end; /* byte offsets into the line's text */
	uint16_t style;
	int32_t link;        /* index into doc->links, or -1 */
};

struct layout_line {
	char *text;          /* NUL-terminated UTF-8 */
	uint32_t len;        /* bytes */
	uint32_t width;      /* display columns */
	struct layout_span *spans;
	uint32_t nspans;
};

enum layout_link_kind { LINK_ENTRY, LINK_URL };

struct layout_link {
	enum layout_link_kind kind;
	unsigned target;     /* LINK_ENTRY: the ID number */
	char *url;           /* LINK_URL */
	bool missing;        /* LINK_ENTRY whose target is not in the corpus */
};

/* Where a link appears: Tab moves through these in reading order. */
struct layout_anchor {
	uint32_t line;
	uint32_t span;
	int32_t link;
};

struct layout_doc {
	int width;
	struct layout_line *lines;
	size_t n, cap;
	struct layout_link *links;
	size_t nlinks, links_cap;
	int32_t *link_slots; /* entry links by target: a hash of link indexes */
	size_t nslots, nentry_links;
	struct layout_anchor *anchors;
	size_t nanchors, anchors_cap;
	int error;           /* set on allocation failure: the doc is partial */
};

/* Tells the layout whether an entry exists, so links to missing entries
 * are styled as such. NULL means "everything exists". */
typedef bool (*layout_exists_fn)(unsigned id, void *ctx);

struct layout_opts {
	int width;           /* columns, at least 1 */
	layout_exists_fn exists;
	void *exists_ctx;
};

/* A run of text being assembled before it is wrapped. */
struct layout_para {
	char *text;
	size_t len, cap;
	struct layout_span *spans;
	size_t nspans, spans_cap;
	bool keep_indent;    /* code: keep leading spaces on the first line */
	int error;
};

void layout_doc_init(struct layout_doc *d, int width);
void layout_doc_free(struct layout_doc *d);

/* Appends text (sanitised on the way in) with a style and link. */
void layout_para_add(struct layout_para *p, const char *s, size_t n,
		     uint16_t style, int32_t link);
/* A forced line break inside a paragraph. */
void layout_para_break(struct layout_para *p);
void layout_para_reset(struct layout_para *p);
void layout_para_free(struct layout_para *p);

/* Wraps p at the doc's width: the first line starts with `first`, later
 * ones with `cont` (both drawn with prefix_style). */
void layout_emit(struct layout_doc *d, const struct layout_para *p,
		 const char *first, const char *cont, uint16_t prefix_style);
void layout_blank(struct layout_doc *d);
/* A full-width horizontal rule. */
void layout_rule(struct layout_doc *d);

/* Adds a link to the table and returns its index (or -1). */
int32_t layout_add_link(struct layout_doc *d, enum layout_link_kind kind,
			unsigned target, const char *url, bool missing);

/* Lays out a Markdown text, appending to d. */
void layout_markdown(struct layout_doc *d, const char *md, size_t len,
		     const struct layout_opts *opts);

/* Index of the first anchor at or after (line), or -1. */
long layout_anchor_at_or_after(const struct layout_doc *d, size_t line);

#endif
