/* A corpus entry ("question"): the YAML front matter's fields, the
 * Markdown answer, where it came from (path and line numbers, so every
 * message can name file:line) and its outgoing follow-up links.
 *
 * entry_parse() turns one file's bytes into an entry; the corpus module
 * walks folders and owns the entries it loads. */
#ifndef ISMSNAV_ENTRY_H
#define ISMSNAV_ENTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "ismsnav/diag.h"
#include "ismsnav/util.h"

/* What one entry may hold; ismsnav(1) lists them under LIMITS. A file past
 * any of them is reported with its path and line and not loaded; the
 * other files still are. */
#define ENTRY_MAX_BYTES (1024u * 1024u) /* bytes in one file */
#define ENTRY_ID_MAX 999999u        /* the highest question ID, Q999999 */
#define ENTRY_TEXT_MAX 4096u        /* bytes in a text field or a list item */
#define ENTRY_NOTES_MAX 65536u      /* bytes in `notes` */
#define ENTRY_LIST_MAX 256u         /* items in one list (packs, sources ...) */
#define ENTRY_YAML_MAX_DEPTH 64     /* nesting of the front matter */

struct entry_source {
	char *title, *id, *locator;
};

struct entry_action {
	char *type, *target, *label;
};

/* A key the format does not know; kept so `check` can report it. */
struct entry_extra {
	char *key;
	int line;
};

enum link_origin {
	LINK_FOLLOWUP, /* an item of the "Likely follow-ups" section */
	LINK_INLINE    /* a "See Qnnn" anywhere else in the answer */
};

struct entry_link {
	unsigned target;     /* the ID's number */
	char *label;         /* the quoted question, or NULL */
	int line;            /* line in the source file */
	enum link_origin origin;
};

struct entry {
	unsigned id;        /* Q001 -> 1 */
	char *id_text;      /* as written in the file */
	char *query;
	struct isn_strlist packs, primary_ids, overlap_ids, capability_tags,
		flags, cards_hint;
	struct entry_source *sources;
	size_t nsources;
	struct entry_action *actions;
	size_t nactions;
	char *output_mode;
	int graph_required; /* -1 when absent */
	char *notes;
	struct entry_extra *extras;
	size_t nextras;

	char *body;       /* the Markdown answer, LF line endings, NUL-terminated */
	size_t body_len;
	int body_line;    /* file line of the body's first line */

	char *path;
	int id_line;      /* file line of the `id:` key */
	unsigned long seq; /* load order, so the first of two duplicates wins */

	struct entry_link *links;
	size_t nlinks;
};

/* Formats an ID number the canonical way ("Q001"); out needs 16 bytes. */
void entry_id_format(unsigned id, char out[16]);

/* Parses "Q1", "Q01", "q001" (surrounding spaces allowed) into a number.
 * Returns false when s is not an ID. */
bool entry_id_parse(const char *s, unsigned *id);

enum entry_status {
	ENTRY_OK,
	ENTRY_SKIPPED, /* not an entry (no front matter with an id): a warning */
	ENTRY_BROKEN   /* an entry with errors: reported, not loaded */
};

/* Parses one file's contents. `path` is used in diagnostics and copied
 * into the entry. On ENTRY_OK *out is a new entry (free it with
 * entry_free); otherwise *out is NULL and diagnostics say why. */
enum entry_status entry_parse(const char *path, const char *data, size_t len,
			      struct diag_list *diags, struct entry **out);

/* Like entry_parse, for an entry that is only referred to (its ID and
 * question shown beside a link): the front matter is parsed and checked,
 * the answer is kept but neither validated nor scanned for links. */
enum entry_status entry_parse_head(const char *path, const char *data, size_t len,
				   struct diag_list *diags, struct entry **out);

/* Reads the ID a file declares without parsing its YAML: the value of a
 * plain top-level `id:` line before the separator. Returns false when it
 * cannot tell from these bytes; only a full parse knows then. */
bool entry_peek_id(const char *data, size_t len, unsigned *id);

void entry_free(struct entry *e);

#endif
