/* The search index: an SQLite FTS5 index of every corpus entry (ID,
 * question, Markdown-stripped answer, clause references with their source
 * titles, notes, capability tags, packs) plus the entries' heads, clause
 * references and follow-up links, so that `list`, `search`, `refs`,
 * `graph`, the clause index and backlinks need no parsing on a warm start.
 *
 * The cache. One SQLite file per set of corpus paths in
 * $XDG_CACHE_HOME/ismsnav/ (else ~/.cache/ismsnav/), named by a hash of
 * the paths as written and as absolute paths, stamped with SEARCH_FORMAT
 * in PRAGMA user_version and checked for its magic and corpus set before
 * use. search_open() stats every file and parses only those whose size,
 * modification time or status change time (in ns; the last catches a
 * file replaced by one with the same size and time, as `cp -p` does)
 * changed, the new ones, and, when a file that
 * owned an ID changes or goes, the other files declaring that ID; the
 * files gone are removed. When no walked folder changed its times, the
 * list of files comes from the index instead of reading the folders. A
 * file or folder changed less than two seconds before the scan is looked
 * at again next time (the clock that stamps files is coarse). A missing,
 * damaged, foreign or older cache file is rebuilt into a temporary file
 * renamed over it; a cache file that cannot be written is copied into
 * memory and updated there; a cache folder that cannot be written gives
 * an index built in memory. None of these is an error. Updates take
 * SQLite's write lock and compare again under it, so two ismsnav
 * processes never index the same change twice. Files are stat()ed and
 * parsed on several threads; the index is used from one thread.
 *
 * What is indexed. The answer without its "Likely follow-ups" (stored as
 * links), "Sources" and "Applies to" (stored as references with their
 * titles), and the app's own "Do next in ismsnav" and "How ismsnav helps"
 * sections; section labels and the heading that repeats the question are
 * left out too.
 *
 * Words. Tokens are lower-cased and stripped of diacritics (unicode61
 * remove_diacritics 2), British spellings folded into American ones, then
 * stemmed (porter), in the index and in queries alike (tokenizer
 * 'isn remove_diacritics 2'); a prefix in a query is folded but not
 * stemmed. The folded spellings (search_fold):
 *   -is- to -iz- after these stems, when followed by e, es, ed, er, ers,
 *     ing, ation, ations, ational or able (organise, organisation,
 *     organisational...): anonymis, apologis, authoris, capitalis,
 *     categoris, centralis, characteris, computeris, containeris,
 *     contextualis, criticis, customis, decentralis, deserialis, digitis,
 *     emphasis, finalis, formalis, generalis, globalis, harmonis,
 *     incentivis, industrialis, initialis, internalis, itemis, jeopardis,
 *     legalis, legitimis, localis, maximis, memoris, minimis, mobilis,
 *     modernis, monetis, neutralis, normalis, operationalis, optimis,
 *     organis, penalis, personalis, polaris, prioritis, privatis,
 *     pseudonymis, publicis, randomis, rationalis, realis, recognis,
 *     reorganis, sanitis, scrutinis, sensitis, serialis, socialis,
 *     specialis, stabilis, standardis, summaris, symbolis, synchronis,
 *     systematis, tokenis, trivialis, unauthoris, utilis, victimis,
 *     virtualis, visualis;
 *   -ys- to -yz- after analys, catalys, paralys, followed by e, es, ed,
 *     er, ers or ing (analyse, analysed; "analysis" stays);
 *   -our to -or at the start of any word beginning with armour,
 *     behaviour, clamour, colour, endeavour, favour, flavour, harbour,
 *     honour, humour, labour, neighbour, odour, parlour, rigour, rumour,
 *     savour, tumour, valour, vapour, vigour (behavioural, colours,
 *     favourite...);
 *   these whole words: acknowledgement(s), ageing, analogue(s), calibre,
 *     cancelled, cancelling, catalogue(d/s), cataloguing, centre(d/s),
 *     counsellor(s), defence(s), dialogue(s), enrol(s), enrolment(s),
 *     fibre(s), fulfil(s), fulfilment, grey, instalment(s), judgement(s),
 *     labelled, labelling, licence(s), litre(s), metre(s), modelled,
 *     modelling, offence(s), pretence, programme(s), signalled,
 *     signalling, theatre(s), travelled, traveller(s), travelling.
 * Words like "exercise", "advise", "four" or "hour" are not folded.
 *
 * Queries (search_query). Plain words: lower-cased, English stop words
 * and possessives dropped, ORed so that not every word must match, and
 * ranked by isn_rank (a BM25 per column, summed with the column weights:
 * ID 10, question 2, primary references 1.5, answer 1, overlap
 * references and notes 0.5, tags and packs 0.2). A small thesaurus adds,
 * at half weight, the standard's words for common acronyms and everyday
 * words (MFA, SoA, BCP, DR, PII, DLP, SIEM, KPI, NDA, AUP, BYOD, VPN, IAM,
 * PAM, SDLC, RPO/RTO, EDR, TLS, CMDB, HR...; wipe, shred, offboarding,
 * onboarding, metric, marking, breach, ransomware, laptop, encrypt,
 * password, patch, vendor, regulator, law, sanction, appetite). With
 * SEARCH_TYPING the last word (3 letters or more) is also a prefix, and
 * the longest indexed stem it starts with ("organiza" -> organ); that
 * prefix is sought outside the body when shorter than 5 letters or after
 * other words, and after other words not at all below 5 letters (it would
 * start too many of the answers' words). "Quoted
 * phrases", prefix*, AND/OR/NOT in upper case and parentheses switch to
 * FTS5 syntax (words ANDed, no stop words dropped; an unclosed quote is
 * closed); a query FTS5 cannot read is searched again as plain words,
 * with a note saying so. Clause numbers are words: "A.5.15", "5.15" and
 * "clause 9.2" find the entries citing them; "Q42" finds Q042.
 *
 * Memory: the caller owns the index (search_close) and every result
 * structure it is given (the matching *_free function); strings inside
 * results are owned by the result. Errors: functions return 0 on success
 * and -1 on failure with a message naming the file (and line) where one
 * applies, in diags or in the result's `note`. */
#ifndef ISMSNAV_SEARCH_H
#define ISMSNAV_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "ismsnav/corpus.h"
#include "ismsnav/diag.h"
#include "ismsnav/entry.h"

/* The cache file's format: a file stamped with another version is
 * rebuilt. Bump it whenever the schema, the tokenizer or the folded
 * spellings change. */
#define SEARCH_FORMAT 1

/* Snippets mark each matched word: SEARCH_MARK_ON before, SEARCH_MARK_OFF
 * after. Neither byte ever occurs in sanitized text. */
#define SEARCH_MARK_ON '\x01'
#define SEARCH_MARK_OFF '\x02'

struct search_index;

struct search_opts {
	const char *cache_dir; /* NULL: $XDG_CACHE_HOME/ismsnav or ~/.cache/ismsnav */
	bool in_memory;        /* never use a file (the index lives in memory) */
	/* For a caller that reads the index right away: search_open returns
	 * while the files are still being stat()ed, and the first
	 * search_query (or search_during_check) runs meanwhile on the index
	 * as it was, and once more if some file had changed. Any other call
	 * waits for the check first. */
	bool check_later;
};

/* What search_open (or search_refresh) did. */
struct search_stats {
	size_t files;     /* files found in the corpus */
	size_t entries;   /* entries in the index */
	size_t parsed;    /* files parsed: added, changed, or all on a rebuild */
	size_t removed;   /* files that were gone */
	bool rebuilt;     /* built from scratch */
	bool in_memory;   /* no usable cache file */
	bool watched;     /* a watcher said no file changed: none was checked */
	const char *why;  /* why it was rebuilt or kept in memory, or NULL */
};

/* Opens the index of the corpus below paths (folders walked like
 * corpus_load does, or single files), bringing it up to date. A path that
 * cannot be read is reported in diags, as corpus_catalog_scan does.
 * Returns 0; 1 when a corpus path could not be read (the others are
 * indexed); -1 when no index could be made at all (reported in diags). */
int search_open(struct search_index **out, const char *const *paths, size_t npaths,
		const struct search_opts *opts, struct diag_list *diags);
/* Walks the corpus again and brings the index up to date (a reload key).
 * Returns like search_open. */
int search_refresh(struct search_index *idx, struct diag_list *diags);
/* Calls fn to read the index while a check left running by search_open
 * (search_opts' check_later) goes on: the calls fn makes do not wait for
 * it. When the check finds a changed file, the index is brought up to
 * date and fn is called again with `again` set; it must then start over
 * (so fn should hold its output until this returns). Returns fn's last
 * result, or -1 when the index could not be brought up to date
 * (search_file_diags says why). */
int search_during_check(struct search_index *idx,
			int (*fn)(struct search_index *idx, void *ctx, bool again), void *ctx);
/* Appends the problems of the corpus's files (broken entries, files that
 * are not entries, duplicate IDs) exactly as corpus_load reports them,
 * also for files that were not parsed again. Returns 0 or -1. */
int search_file_diags(struct search_index *idx, struct diag_list *diags);
const struct search_stats *search_stats(struct search_index *idx);
/* The cache file in use, or NULL when the index is in memory. */
const char *search_cache_file(struct search_index *idx);
void search_close(struct search_index *idx);

/* ---- entries ---------------------------------------------------------- */

/* Calls fn for each entry in ID order with a head-only entry: id,
 * id_text, query, packs, primary_ids, overlap_ids, capability_tags, path
 * and id_line are set; the body, sources, actions and links are not. The
 * entry lives until fn returns. Stops at fn's first non-zero return,
 * which is returned; 0 when all were visited, -1 on a database error. */
int search_each_entry(struct search_index *idx,
		      int (*fn)(const struct entry *e, void *ctx), void *ctx);

/* Calls fn with each entry's ID and question, in ID order: the cheapest
 * listing, with nothing else read. Stops like search_each_entry. */
int search_each_question(struct search_index *idx,
			 int (*fn)(unsigned id, const char *question, void *ctx), void *ctx);

/* Fills an empty corpus with head-only entries (as search_each_entry
 * gives them), so that a list can be shown without parsing; parse an
 * entry's file (e->path) when it is opened. Returns 0 or -1. */
int search_load_heads(struct search_index *idx, struct corpus *c);

/* ---- queries ---------------------------------------------------------- */

enum search_flags {
	SEARCH_TYPING = 1u << 0 /* the last word is still being typed: prefix */
};

struct search_hit {
	unsigned id;
	double score;    /* bm25: lower is better; compares hits of one query */
	char *question;  /* sanitized, one line */
	char *snippet;   /* a few words of the answer, matches marked */
};

struct search_results {
	struct search_hit *v;
	size_t n, cap;
	char *note;      /* how the query was read when not as typed, or NULL */
};

/* Bytes in a query: a longer one finds nothing and gets a note saying so
 * (thousands of prefix terms would keep FTS5 busy for minutes). */
#define SEARCH_QUERY_MAX 1024

/* Ranks the entries for query and keeps the best `limit`. An empty query
 * (or one of stop words only) gives no hits and no note. Returns 0, or -1
 * on a database error (the note says what). Fast enough for each key
 * press: prepared statements are kept in the index. */
int search_query(struct search_index *idx, const char *query, size_t limit,
		 unsigned flags, struct search_results *out);
void search_results_free(struct search_results *r);

/* The FTS5 expression a query becomes (newly allocated; "" when there is
 * nothing to search for), without the typing-prefix expansion that needs
 * the index. *syntax says whether FTS5 syntax was used. NULL on
 * allocation failure. */
char *search_translate(const char *query, unsigned flags, bool *syntax);

/* Folds one lower-case word's British spelling into the American one
 * (see the list above). Writes at most cap bytes (NUL included) to out
 * and returns the folded length, or 0 when the word is not folded. With
 * prefix, a word cut short is folded too ("organis" -> "organiz"). */
size_t search_fold(const char *word, size_t n, bool prefix, char *out, size_t cap);

/* ---- references and links ------------------------------------------- */

/* One clause or control reference and how many entries cite it. */
struct search_ref_count {
	char *ref;
	size_t primary, overlap;
};

struct search_ref_counts {
	struct search_ref_count *v;
	size_t n, cap;
};

/* Every reference cited, in clause order ("ISO27001:2022/4" before
 * "ISO27001:2022/10", "A.5.2" before "A.5.10"). */
int search_ref_counts(struct search_index *idx, struct search_ref_counts *out);
void search_ref_counts_free(struct search_ref_counts *r);

struct search_citation {
	char *ref;       /* the reference as cited */
	unsigned id;
	bool primary;
	char *question;
};

struct search_citations {
	struct search_citation *v;
	size_t n, cap;
};

/* The entries citing ref or a reference below it (at a dot or slash, as
 * entry_has_ref matches: "ISO27001:2022/6" finds 6.1.2). A ref without a
 * standard matches in any standard; "clause 9.2" is 9.2, "Annex A 5.15"
 * and "a5.15" are A.5.15, and a bare number matches Annex A too ("8.2"
 * finds clause 8.2 and control A.8.2). Sorted by reference in clause
 * order, then primary first, then ID. */
int search_citations(struct search_index *idx, const char *ref,
		     struct search_citations *out);
void search_citations_free(struct search_citations *c);

/* IDs of the entries linking to id (follow-ups and inline links), sorted
 * and without duplicates; *ids is NULL when there are none (free it). */
int search_backlinks(struct search_index *idx, unsigned id, unsigned **ids, size_t *n);

struct search_link {
	unsigned from, to;
	bool followup;   /* a "Likely follow-ups" item, else an inline "See" */
	bool dangling;   /* `to` is not in the corpus */
};

/* Calls fn for each link in (from, order of appearance) order. Stops at
 * fn's first non-zero return, which is returned; -1 on a database error. */
int search_each_link(struct search_index *idx,
		     int (*fn)(const struct search_link *l, void *ctx), void *ctx);

#endif
