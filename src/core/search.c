/* The search index: an SQLite FTS5 cache of the corpus, kept up to date
 * file by file, and the ranked queries, clause references and links read
 * from it. See include/ismsnav/search.h for what it promises. */
#include "ismsnav/search.h"

#include <cmark.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ismsnav/mdarena.h"
#include "ismsnav/text.h"
#include "ismsnav/util.h"
#include "ismsnav/watch.h"

/* Identifies our cache files among other SQLite files. */
#define SEARCH_MAGIC "ismsnav search index"
/* The cache file's page size (PRAGMA page_size). */
#define SEARCH_PAGE_SIZE "16384"
/* Waiting for another ismsnav updating the same cache. */
#define SEARCH_BUSY_MS 5000
/* Words of the answer shown around the matches in a snippet. */
#define SNIPPET_TOKENS 12
/* Typed words shorter than this are not completed as prefixes: a
 * one-letter prefix matches most of the vocabulary. */
#define TYPING_MIN_PREFIX 3
/* Queries whose hits are kept, for a query typed again (search_index). */
#define RECENT_QUERIES 8
/* ...and shorter than this are completed outside the answers' text. */
#define TYPING_BODY_PREFIX 5
/* Below this many files, stat() them without threads. */
#define PARALLEL_MIN_FILES 1000
#define MAX_THREADS 4
/* Files a thread of the stat pool takes at a time. */
#define STAT_CHUNK 64
/* Parsed files waiting to be stored, at most; and below how many files
 * to parse no thread is started. */
#define PARSE_WINDOW 64
#define PARALLEL_MIN_PARSE 32
/* A typed word is completed from an indexed stem at most this much
 * shorter ("organiza" from "organ"). */
#define TYPING_STEM_SLACK 4
/* A thesaurus alternative weighs this much of the word typed. */
#define SYNONYM_WEIGHT 0.5

/* A file or folder changed this recently may change again within the
 * same tick of the file system's clock: it is looked at again next time. */
#define RACY_NS 2000000000LL

#ifdef __APPLE__
#define ST_MTIM(st) ((st)->st_mtimespec)
#define ST_CTIM(st) ((st)->st_ctimespec)
#else
#define ST_MTIM(st) ((st)->st_mtim)
#define ST_CTIM(st) ((st)->st_ctim)
#endif

/* ==== spelling ========================================================= */

enum fold_kind {
	FOLD_ISE,  /* stem ending in "is": s -> z before an -ise/-isation tail */
	FOLD_YSE,  /* stem ending in "ys": s -> z before an -yse tail */
	FOLD_START,/* any word starting with `gb` */
	FOLD_WORD  /* the whole word only */
};

struct fold_rule {
	const char *gb, *us;
	unsigned char ngb, nus; /* their lengths */
	enum fold_kind kind;
};

#define FOLD(gb, us, kind) {gb, us, sizeof(gb) - 1, sizeof(us) - 1, kind}

/* Sorted by gb (strcmp order): search_fold finds rules by bisection. */
static const struct fold_rule fold_rules[] = {
	FOLD("acknowledgement", "acknowledgment", FOLD_WORD),
	FOLD("acknowledgements", "acknowledgments", FOLD_WORD),
	FOLD("ageing", "aging", FOLD_WORD),
	FOLD("analogue", "analog", FOLD_WORD),
	FOLD("analogues", "analogs", FOLD_WORD),
	FOLD("analys", "analyz", FOLD_YSE),
	FOLD("anonymis", "anonymiz", FOLD_ISE),
	FOLD("apologis", "apologiz", FOLD_ISE),
	FOLD("armour", "armor", FOLD_START),
	FOLD("authoris", "authoriz", FOLD_ISE),
	FOLD("behaviour", "behavior", FOLD_START),
	FOLD("calibre", "caliber", FOLD_WORD),
	FOLD("cancelled", "canceled", FOLD_WORD),
	FOLD("cancelling", "canceling", FOLD_WORD),
	FOLD("capitalis", "capitaliz", FOLD_ISE),
	FOLD("catalogue", "catalog", FOLD_WORD),
	FOLD("catalogued", "cataloged", FOLD_WORD),
	FOLD("catalogues", "catalogs", FOLD_WORD),
	FOLD("cataloguing", "cataloging", FOLD_WORD),
	FOLD("catalys", "catalyz", FOLD_YSE),
	FOLD("categoris", "categoriz", FOLD_ISE),
	FOLD("centralis", "centraliz", FOLD_ISE),
	FOLD("centre", "center", FOLD_WORD),
	FOLD("centred", "centered", FOLD_WORD),
	FOLD("centres", "centers", FOLD_WORD),
	FOLD("characteris", "characteriz", FOLD_ISE),
	FOLD("clamour", "clamor", FOLD_START),
	FOLD("colour", "color", FOLD_START),
	FOLD("computeris", "computeriz", FOLD_ISE),
	FOLD("containeris", "containeriz", FOLD_ISE),
	FOLD("contextualis", "contextualiz", FOLD_ISE),
	FOLD("counsellor", "counselor", FOLD_WORD),
	FOLD("counsellors", "counselors", FOLD_WORD),
	FOLD("criticis", "criticiz", FOLD_ISE),
	FOLD("customis", "customiz", FOLD_ISE),
	FOLD("decentralis", "decentraliz", FOLD_ISE),
	FOLD("defence", "defense", FOLD_WORD),
	FOLD("defences", "defenses", FOLD_WORD),
	FOLD("deserialis", "deserializ", FOLD_ISE),
	FOLD("dialogue", "dialog", FOLD_WORD),
	FOLD("dialogues", "dialogs", FOLD_WORD),
	FOLD("digitis", "digitiz", FOLD_ISE),
	FOLD("emphasis", "emphasiz", FOLD_ISE),
	FOLD("endeavour", "endeavor", FOLD_START),
	FOLD("enrol", "enroll", FOLD_WORD),
	FOLD("enrolment", "enrollment", FOLD_WORD),
	FOLD("enrolments", "enrollments", FOLD_WORD),
	FOLD("enrols", "enrolls", FOLD_WORD),
	FOLD("favour", "favor", FOLD_START),
	FOLD("fibre", "fiber", FOLD_WORD),
	FOLD("fibres", "fibers", FOLD_WORD),
	FOLD("finalis", "finaliz", FOLD_ISE),
	FOLD("flavour", "flavor", FOLD_START),
	FOLD("formalis", "formaliz", FOLD_ISE),
	FOLD("fulfil", "fulfill", FOLD_WORD),
	FOLD("fulfilment", "fulfillment", FOLD_WORD),
	FOLD("fulfils", "fulfills", FOLD_WORD),
	FOLD("generalis", "generaliz", FOLD_ISE),
	FOLD("globalis", "globaliz", FOLD_ISE),
	FOLD("grey", "gray", FOLD_WORD),
	FOLD("harbour", "harbor", FOLD_START),
	FOLD("harmonis", "harmoniz", FOLD_ISE),
	FOLD("honour", "honor", FOLD_START),
	FOLD("humour", "humor", FOLD_START),
	FOLD("incentivis", "incentiviz", FOLD_ISE),
	FOLD("industrialis", "industrializ", FOLD_ISE),
	FOLD("initialis", "initializ", FOLD_ISE),
	FOLD("instalment", "installment", FOLD_WORD),
	FOLD("instalments", "installments", FOLD_WORD),
	FOLD("internalis", "internaliz", FOLD_ISE),
	FOLD("itemis", "itemiz", FOLD_ISE),
	FOLD("jeopardis", "jeopardiz", FOLD_ISE),
	FOLD("judgement", "judgment", FOLD_WORD),
	FOLD("judgements", "judgments", FOLD_WORD),
	FOLD("labelled", "labeled", FOLD_WORD),
	FOLD("labelling", "labeling", FOLD_WORD),
	FOLD("labour", "labor", FOLD_START),
	FOLD("legalis", "legaliz", FOLD_ISE),
	FOLD("legitimis", "legitimiz", FOLD_ISE),
	FOLD("licence", "license", FOLD_WORD),
	FOLD("licences", "licenses", FOLD_WORD),
	FOLD("litre", "liter", FOLD_WORD),
	FOLD("litres", "liters", FOLD_WORD),
	FOLD("localis", "localiz", FOLD_ISE),
	FOLD("maximis", "maximiz", FOLD_ISE),
	FOLD("memoris", "memoriz", FOLD_ISE),
	FOLD("metre", "meter", FOLD_WORD),
	FOLD("metres", "meters", FOLD_WORD),
	FOLD("minimis", "minimiz", FOLD_ISE),
	FOLD("mobilis", "mobiliz", FOLD_ISE),
	FOLD("modelled", "modeled", FOLD_WORD),
	FOLD("modelling", "modeling", FOLD_WORD),
	FOLD("modernis", "moderniz", FOLD_ISE),
	FOLD("monetis", "monetiz", FOLD_ISE),
	FOLD("neighbour", "neighbor", FOLD_START),
	FOLD("neutralis", "neutraliz", FOLD_ISE),
	FOLD("normalis", "normaliz", FOLD_ISE),
	FOLD("odour", "odor", FOLD_START),
	FOLD("offence", "offense", FOLD_WORD),
	FOLD("offences", "offenses", FOLD_WORD),
	FOLD("operationalis", "operationaliz", FOLD_ISE),
	FOLD("optimis", "optimiz", FOLD_ISE),
	FOLD("organis", "organiz", FOLD_ISE),
	FOLD("paralys", "paralyz", FOLD_YSE),
	FOLD("parlour", "parlor", FOLD_START),
	FOLD("penalis", "penaliz", FOLD_ISE),
	FOLD("personalis", "personaliz", FOLD_ISE),
	FOLD("polaris", "polariz", FOLD_ISE),
	FOLD("pretence", "pretense", FOLD_WORD),
	FOLD("prioritis", "prioritiz", FOLD_ISE),
	FOLD("privatis", "privatiz", FOLD_ISE),
	FOLD("programme", "program", FOLD_WORD),
	FOLD("programmes", "programs", FOLD_WORD),
	FOLD("pseudonymis", "pseudonymiz", FOLD_ISE),
	FOLD("publicis", "publiciz", FOLD_ISE),
	FOLD("randomis", "randomiz", FOLD_ISE),
	FOLD("rationalis", "rationaliz", FOLD_ISE),
	FOLD("realis", "realiz", FOLD_ISE),
	FOLD("recognis", "recogniz", FOLD_ISE),
	FOLD("reorganis", "reorganiz", FOLD_ISE),
	FOLD("rigour", "rigor", FOLD_START),
	FOLD("rumour", "rumor", FOLD_START),
	FOLD("sanitis", "sanitiz", FOLD_ISE),
	FOLD("savour", "savor", FOLD_START),
	FOLD("scrutinis", "scrutiniz", FOLD_ISE),
	FOLD("sensitis", "sensitiz", FOLD_ISE),
	FOLD("serialis", "serializ", FOLD_ISE),
	FOLD("signalled", "signaled", FOLD_WORD),
	FOLD("signalling", "signaling", FOLD_WORD),
	FOLD("socialis", "socializ", FOLD_ISE),
	FOLD("specialis", "specializ", FOLD_ISE),
	FOLD("stabilis", "stabiliz", FOLD_ISE),
	FOLD("standardis", "standardiz", FOLD_ISE),
	FOLD("summaris", "summariz", FOLD_ISE),
	FOLD("symbolis", "symboliz", FOLD_ISE),
	FOLD("synchronis", "synchroniz", FOLD_ISE),
	FOLD("systematis", "systematiz", FOLD_ISE),
	FOLD("theatre", "theater", FOLD_WORD),
	FOLD("theatres", "theaters", FOLD_WORD),
	FOLD("tokenis", "tokeniz", FOLD_ISE),
	FOLD("travelled", "traveled", FOLD_WORD),
	FOLD("traveller", "traveler", FOLD_WORD),
	FOLD("travellers", "travelers", FOLD_WORD),
	FOLD("travelling", "traveling", FOLD_WORD),
	FOLD("trivialis", "trivializ", FOLD_ISE),
	FOLD("tumour", "tumor", FOLD_START),
	FOLD("unauthoris", "unauthoriz", FOLD_ISE),
	FOLD("utilis", "utiliz", FOLD_ISE),
	FOLD("valour", "valor", FOLD_START),
	FOLD("vapour", "vapor", FOLD_START),
	FOLD("victimis", "victimiz", FOLD_ISE),
	FOLD("vigour", "vigor", FOLD_START),
	FOLD("virtualis", "virtualiz", FOLD_ISE),
	FOLD("visualis", "visualiz", FOLD_ISE),
};

/* What may follow an -is or -ys stem for the word to be folded. */
static const char *const ise_tails[] = {"e", "es", "ed", "er", "ers", "ing", "ation",
					"ations", "ational", "able"};
static const char *const yse_tails[] = {"e", "es", "ed", "er", "ers", "ing"};

/* Compares a rule's British form with the first n bytes of a word. */
static int cmp_rule(const struct fold_rule *r, const char *w, size_t n)
{
	size_t m = r->ngb;
	int c = memcmp(r->gb, w, m < n ? m : n);
	if (c)
		return c;
	return (m > n) - (m < n);
}

/* The last rule whose British form sorts at or before w[0..n). */
static long rule_floor(const char *w, size_t n)
{
	long lo = 0, hi = (long)ISN_ARRAY_LEN(fold_rules) - 1, found = -1;
	while (lo <= hi) {
		long mid = lo + (hi - lo) / 2;
		if (cmp_rule(&fold_rules[mid], w, n) <= 0) {
			found = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	return found;
}

static size_t common_prefix(const char *a, size_t na, const char *b, size_t nb)
{
	size_t i = 0;
	while (i < na && i < nb && a[i] == b[i])
		i++;
	return i;
}

static bool tail_ok(const char *const *tails, size_t ntails, const char *rest, size_t n,
		    bool prefix)
{
	if (n == 0 && prefix)
		return true;
	for (size_t i = 0; i < ntails; i++) {
		size_t m = strlen(tails[i]);
		if (m == n ? memcmp(tails[i], rest, n) == 0
			   : prefix && m > n && memcmp(tails[i], rest, n) == 0)
			return true;
	}
	return false;
}

/* Whether rule r applies to the word w[0..n) that starts with r->gb. */
static bool rule_applies(const struct fold_rule *r, const char *w, size_t n, bool prefix)
{
	size_t m = r->ngb;
	switch (r->kind) {
	case FOLD_ISE:
		return tail_ok(ise_tails, ISN_ARRAY_LEN(ise_tails), w + m, n - m, prefix);
	case FOLD_YSE:
		return tail_ok(yse_tails, ISN_ARRAY_LEN(yse_tails), w + m, n - m, prefix);
	case FOLD_START:
		return true;
	case FOLD_WORD:
		return n == m;
	}
	return false;
}

static size_t put_folded(const char *us, size_t nus, const char *rest, size_t nrest,
			 char *out, size_t cap)
{
	if (nus + nrest + 1 > cap)
		return 0;
	memcpy(out, us, nus);
	memcpy(out + nus, rest, nrest);
	out[nus + nrest] = '\0';
	return nus + nrest;
}

/* While typing, a word cut inside a British form ("behaviou") becomes
 * the American form cut where the two part ("behavio"). */
static size_t fold_cut(const char *w, size_t n, char *out, size_t cap)
{
	long i = rule_floor(w, n) + 1;
	if (i >= (long)ISN_ARRAY_LEN(fold_rules))
		return 0;
	const struct fold_rule *r = &fold_rules[i];
	size_t ngb = r->ngb, nus = r->nus;
	if (ngb <= n || memcmp(r->gb, w, n) != 0)
		return 0;
	size_t d = common_prefix(r->gb, ngb, r->us, nus);
	return n > d ? put_folded(r->us, d, "", 0, out, cap) : 0;
}

size_t search_fold(const char *w, size_t n, bool prefix, char *out, size_t cap)
{
	/* Any rule that is a prefix of w is no longer than the common prefix
	 * of w and the rule sorting just before it: narrow down to it. */
	size_t len = n;
	for (;;) {
		long i = rule_floor(w, len);
		if (i < 0)
			break;
		const struct fold_rule *r = &fold_rules[i];
		size_t m = r->ngb;
		if (m <= n && memcmp(r->gb, w, m) == 0) {
			if (rule_applies(r, w, n, prefix))
				return put_folded(r->us, r->nus, w + m, n - m, out, cap);
			if (m == 0)
				break;
			len = m - 1;
			continue;
		}
		size_t c = common_prefix(r->gb, m, w, len);
		if (c == 0)
			break;
		len = c;
	}
	return prefix ? fold_cut(w, n, out, cap) : 0;
}

/* ==== the tokenizer ==================================================== */

/* The tokens of recent words as written, by a hash of the word: the same
 * few thousand words make most of a corpus, and folding the spelling and
 * Porter's steps cost more than a look. */
#define STEM_CACHE 4096
#define STEM_CACHE_WORD 24
struct stem_slot {
	uint8_t n, sn;  /* lengths of the word and its stem; n 0: empty */
	char word[STEM_CACHE_WORD], stem[STEM_CACHE_WORD];
};

/* "isn" splits text with unicode61 (its arguments, such as
 * remove_diacritics 2, are passed on), folds each word's spelling and
 * stems it with porter: tokenize = 'isn remove_diacritics 2'. A prefix in
 * a query ("res*") is folded but not stemmed: porter would cut "res" to
 * "re" and match every word starting so. Offsets are the original
 * text's, so snippets mark the words as written.
 *
 * Porter only wraps a whole tokenizer, so it is given "isnword", which
 * returns its input as a single token, to stem one word at a time. */
struct isn_tok {
	fts5_tokenizer split, stem;
	Fts5Tokenizer *split_inst, *stem_inst;
	uint8_t starts[(26 * 26 * 26 + 7) / 8]; /* first three letters of some rule */
	struct stem_slot *cache; /* STEM_CACHE slots, or NULL */
};

struct isn_cb {
	struct isn_tok *t;
	void *ctx;
	int (*token)(void *, int, const char *, int, int, int);
	int flags;
	int start, end;   /* where the word being stemmed lies in the text */
	struct stem_slot *slot; /* where the stem of the word goes, or NULL */
	int slot_n;
	/* in a prefix query, the word held back until it is known whether
	 * it is the last (the prefix) */
	char held[64];
	int nheld, held_flags, held_start, held_end;
};

/* The first three letters as a number, or -1 when they are not a-z. */
static int start_index(const char *w)
{
	unsigned a = (unsigned char)w[0] - 'a', b = (unsigned char)w[1] - 'a',
		 c = (unsigned char)w[2] - 'a';
	return a < 26 && b < 26 && c < 26 ? (int)((a * 26 + b) * 26 + c) : -1;
}

static int word_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int n,
			 int (*token)(void *, int, const char *, int, int, int))
{
	(void)p, (void)flags;
	return token(ctx, 0, text, n, 0, n);
}

/* The tokenizer has no state: its handle is the (non-NULL) user data. */
static int word_create(void *ud, const char **args, int nargs, Fts5Tokenizer **out)
{
	(void)args, (void)nargs;
	*out = (Fts5Tokenizer *)ud;
	return SQLITE_OK;
}

static void word_delete(Fts5Tokenizer *p)
{
	(void)p;
}

/* Porter's stem of a word, given out at the word's place in the text,
 * and kept in the cache slot the word is being stemmed for. */
static int stemmed(void *ctx, int tflags, const char *tok, int n, int start, int end)
{
	(void)start, (void)end;
	struct isn_cb *cb = ctx;
	if (cb->slot && n < STEM_CACHE_WORD) {
		memcpy(cb->slot->stem, tok, (size_t)n);
		cb->slot->sn = (uint8_t)n;
		cb->slot->n = (uint8_t)cb->slot_n;
	}
	cb->slot = NULL;
	return cb->token(cb->ctx, tflags, tok, n, cb->start, cb->end);
}

static struct stem_slot *stem_slot(struct isn_tok *t, const char *w, int n)
{
	if (n >= STEM_CACHE_WORD || (!t->cache && !(t->cache = calloc(STEM_CACHE, sizeof(*t->cache)))))
		return NULL;
	uint32_t h = 2166136261u;
	for (int i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return &t->cache[h & (STEM_CACHE - 1)];
}

/* Gives out the stem of tok (a word as folded) at its place; when slot
 * is not NULL, the stem is kept there for the word as written. */
static int stem_token(struct isn_cb *cb, struct stem_slot *slot, const char *tok, int n,
		      int start, int end)
{
	cb->start = start;
	cb->end = end;
	cb->slot = slot; /* the slot is the word's once stemmed() has its stem */
	int rc = cb->t->stem.xTokenize(cb->t->stem_inst, cb, cb->flags, tok, n, stemmed);
	cb->slot = NULL;
	return rc;
}

/* In "phrase words*" only the last word is a prefix: the words before it
 * are stemmed as in the index. */
static int hold_token(struct isn_cb *cb, int tflags, const char *tok, int n, int start, int end)
{
	int rc = SQLITE_OK;
	if (cb->nheld)
		rc = stem_token(cb, NULL, cb->held, cb->nheld, cb->held_start, cb->held_end);
	cb->nheld = 0;
	if (rc != SQLITE_OK)
		return rc;
	if (n >= (int)sizeof cb->held)
		return cb->token(cb->ctx, tflags, tok, n, start, end);
	memcpy(cb->held, tok, (size_t)n);
	cb->nheld = n;
	cb->held_flags = tflags;
	cb->held_start = start;
	cb->held_end = end;
	return SQLITE_OK;
}

static int isn_token(void *ctx, int tflags, const char *tok, int n, int start, int end)
{
	struct isn_cb *cb = ctx;
	bool prefix = (cb->flags & FTS5_TOKENIZE_PREFIX) != 0;
	/* a prefix query's words are few: only the others use the cache */
	struct stem_slot *slot = prefix ? NULL : stem_slot(cb->t, tok, n);
	if (slot && slot->n == n && !memcmp(slot->word, tok, (size_t)n))
		return cb->token(cb->ctx, 0, slot->stem, slot->sn, start, end);
	if (slot) {
		slot->n = 0;
		memcpy(slot->word, tok, (size_t)n);
		cb->slot_n = n;
	}
	char buf[64];
	if (n >= 3 && n < (int)sizeof buf - 8) {
		int p = start_index(tok);
		size_t m = 0;
		if (p >= 0 && (cb->t->starts[p / 8] >> (p % 8)) & 1)
			m = search_fold(tok, (size_t)n, prefix, buf, sizeof buf);
		if (m) {
			tok = buf;
			n = (int)m;
		}
	}
	if (prefix)
		return hold_token(cb, tflags, tok, n, start, end);
	return stem_token(cb, slot, tok, n, start, end);
}

typedef int (*token_fn)(void *, int, const char *, int, int, int);

/* A run of text given to unicode61 on its own, its offsets moved back
 * to the whole text's. */
struct aux_run {
	void *ctx;
	token_fn token;
	int base;
};

static int aux_run_token(void *ctx, int tflags, const char *tok, int n, int start, int end)
{
	struct aux_run *r = ctx;
	return r->token(r->ctx, tflags, tok, n, r->base + start, r->base + end);
}

/* What unicode61 makes of each byte: an ASCII letter or digit (1), a
 * byte of a character beyond ASCII (2), or an ASCII separator (0). */
#define CLASS_ROW(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x
static const unsigned char byte_class[256] = {
	CLASS_ROW(0), CLASS_ROW(0), CLASS_ROW(0),        /* controls, space, ! to / */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, /* 0 to 9, : to ? */
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* @, A to O */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, /* P to Z, [ to _ */
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* `, a to o */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, /* p to z, { to DEL */
	CLASS_ROW(2), CLASS_ROW(2), CLASS_ROW(2), CLASS_ROW(2),
	CLASS_ROW(2), CLASS_ROW(2), CLASS_ROW(2), CLASS_ROW(2),
};

/* Where each token lies, for snippet() and highlight(), which use
 * nothing else: folding and stemming give one token for one, so both are
 * skipped. unicode61 ends a token at every ASCII character that is not a
 * letter or a digit, so the text is cut there first; a run of ASCII
 * letters and digits is one token without asking it (most of the text,
 * and its folding of each token is most of its cost), and only a run
 * holding other bytes (é, ’, —) is given to it. */
static int aux_tokenize(struct isn_tok *t, void *ctx, int flags, const char *text, int n,
			token_fn token)
{
	const unsigned char *s = (const unsigned char *)text;
	int i = 0, rc = SQLITE_OK;
	while (rc == SQLITE_OK && i < n) {
		while (i < n && !byte_class[s[i]])
			i++;
		int start = i;
		unsigned kinds = 0;
		for (; i < n && byte_class[s[i]]; i++)
			kinds |= byte_class[s[i]];
		if (kinds == 1) {
			rc = token(ctx, 0, text + start, i - start, start, i);
		} else if (kinds) {
			struct aux_run r = {.ctx = ctx, .token = token, .base = start};
			rc = t->split.xTokenize(t->split_inst, &r, flags, text + start, i - start,
						aux_run_token);
		}
	}
	return rc;
}

static int isn_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int n,
			token_fn token)
{
	struct isn_tok *t = (struct isn_tok *)p;
	if (flags & FTS5_TOKENIZE_AUX)
		return aux_tokenize(t, ctx, flags, text, n, token);
	struct isn_cb cb = {.t = t, .ctx = ctx, .token = token, .flags = flags};
	int rc = t->split.xTokenize(t->split_inst, &cb, flags, text, n, isn_token);
	if (rc == SQLITE_OK && cb.nheld)
		rc = token(ctx, cb.held_flags, cb.held, cb.nheld, cb.held_start, cb.held_end);
	return rc;
}

static void isn_delete(Fts5Tokenizer *p)
{
	struct isn_tok *t = (struct isn_tok *)p;
	if (!t)
		return;
	if (t->split_inst)
		t->split.xDelete(t->split_inst);
	if (t->stem_inst)
		t->stem.xDelete(t->stem_inst);
	free(t->cache);
	free(t);
}

static int isn_create(void *api_ptr, const char **args, int nargs, Fts5Tokenizer **out)
{
	fts5_api *api = api_ptr;
	struct isn_tok *t = calloc(1, sizeof(*t));
	void *ud = NULL;
	const char *word[] = {"isnword"};
	if (!t)
		return SQLITE_NOMEM;
	int rc = api->xFindTokenizer(api, "unicode61", &ud, &t->split);
	if (rc == SQLITE_OK)
		rc = t->split.xCreate(ud, args, nargs, &t->split_inst);
	if (rc == SQLITE_OK)
		rc = api->xFindTokenizer(api, "porter", &ud, &t->stem);
	if (rc == SQLITE_OK)
		rc = t->stem.xCreate(ud, word, 1, &t->stem_inst);
	if (rc != SQLITE_OK) {
		isn_delete((Fts5Tokenizer *)t);
		return rc;
	}
	for (size_t i = 0; i < ISN_ARRAY_LEN(fold_rules); i++) {
		int si = start_index(fold_rules[i].gb);
		if (si >= 0)
			t->starts[si / 8] |= (uint8_t)(1u << (si % 8));
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static fts5_api *fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
	return api;
}

/* ---- ranking ---------------------------------------------------------- */

/* BM25 parameters, as FTS5's own bm25(). */
#define BM25_K1 1.2
#define BM25_B 0.75
/* Phrases of a query and columns of the index that the ranking weighs;
 * phrases beyond the limit still match but add nothing. */
#define RANK_MAX_PHRASES 64
#define RANK_MAX_COLUMNS 8

/* What a query's phrases weigh: the inverse document frequency, and a
 * weight given with the query (thesaurus alternatives weigh less than
 * the words typed). Computed once per query and kept as the function's
 * auxiliary data. */
struct rank_phrases {
	int n;
	double idf[RANK_MAX_PHRASES];
	double weight[RANK_MAX_PHRASES];
	/* k1 * b / (the column's tokens per row): no division per row */
	double norm_per_token[RANK_MAX_COLUMNS];
};

/* Entries holding each phrase of recent queries: the words typed before
 * the last key are counted again at every key otherwise. */
#define PHRASE_CACHE 64
#define PHRASE_KEY 64
struct phrase_count {
	char key[PHRASE_KEY];
	sqlite3_int64 hits;
};

/* What the ranking keeps between calls, one per index. The phrases of
 * the query being run: FTS5 ranks the rows on one cursor and gives the
 * rows returned on another, and each would count every phrase's rows
 * again. The length of each column of every row, read at once for search
 * as you type: FTS5 would look each row's lengths up in its table with a
 * query of its own for every row ranked. */
struct rank_cache {
	unsigned query;          /* the query being run (run_match counts them) */
	const char *keys;        /* the query's phrases, a line each, or NULL */
	struct phrase_count counts[PHRASE_CACHE];
	size_t ncounts, next_count;
	unsigned phrases_query;  /* the query `phrases` belong to; 0: none */
	struct rank_phrases phrases;
	sqlite3_int64 *rows;     /* rowids, ascending */
	int *sizes;              /* ncol lengths per row */
	size_t nrows;
	size_t hint;             /* where the last row was found */
	int ncol;                /* 0: no lengths kept */
	bool long_phrase;        /* the query has a phrase of two words or more */
};

static void rank_cache_clear(struct rank_cache *c)
{
	c->ncounts = c->next_count = 0;
	free(c->rows);
	free(c->sizes);
	c->rows = NULL;
	c->sizes = NULL;
	c->nrows = 0;
	c->ncol = 0;
	c->phrases_query = 0;
}

/* The kept lengths of a row's columns, or NULL. FTS5 ranks the rows in
 * ascending order, so the next row is looked for after the last first. */
static const int *kept_sizes(struct rank_cache *c, sqlite3_int64 rowid)
{
	size_t lo = 0, hi = c->nrows, h = c->hint;
	if (h < c->nrows && c->rows[h] <= rowid) {
		/* gallop forward from the last row found */
		size_t step = 1;
		lo = h;
		while (lo + step < c->nrows && c->rows[lo + step] <= rowid) {
			lo += step;
			step *= 2;
		}
		hi = lo + step < c->nrows ? lo + step + 1 : c->nrows;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->rows[mid] < rowid)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < c->nrows && c->rows[lo] == rowid) {
		c->hint = lo;
		return c->sizes + lo * (size_t)c->ncol;
	}
	return NULL;
}

static int count_row(const Fts5ExtensionApi *x, Fts5Context *fts, void *ctx)
{
	(void)x, (void)fts;
	(*(sqlite3_int64 *)ctx)++;
	return SQLITE_OK;
}

/* Phrase weights: numbers separated by spaces, 1 for those not given. */
static void parse_weights(struct rank_phrases *r, const char *s)
{
	for (int i = 0; i < RANK_MAX_PHRASES; i++) {
		char *end;
		double w = s ? strtod(s, &end) : 1.0;
		r->weight[i] = s && end != s ? w : 1.0;
		s = s && end != s ? end : NULL;
	}
}

/* The entries holding phrase i (key: its text as in the query, n bytes),
 * counted once while the index stays as it is. */
static sqlite3_int64 phrase_hits(struct rank_cache *c, const Fts5ExtensionApi *x,
				 Fts5Context *fts, int i, const char *key, size_t n)
{
	bool keep = key && n > 0 && n < PHRASE_KEY;
	for (size_t k = 0; keep && k < c->ncounts; k++)
		if (!strncmp(c->counts[k].key, key, n) && !c->counts[k].key[n])
			return c->counts[k].hits;
	sqlite3_int64 hits = 0;
	if (x->xQueryPhrase(fts, i, &hits, count_row) != SQLITE_OK)
		return 0;
	if (keep) {
		struct phrase_count *slot = &c->counts[c->next_count];
		c->next_count = (c->next_count + 1) % PHRASE_CACHE;
		if (c->ncounts < PHRASE_CACHE)
			c->ncounts++;
		memcpy(slot->key, key, n);
		slot->key[n] = '\0';
		slot->hits = hits;
	}
	return hits;
}

static struct rank_phrases *rank_phrases(const Fts5ExtensionApi *x, Fts5Context *fts,
					 const char *weights)
{
	struct rank_cache *cache = x->xUserData(fts);
	struct rank_phrases *r = &cache->phrases;
	sqlite3_int64 nrow = 0;
	if (cache->query && cache->phrases_query == cache->query)
		return r;
	cache->phrases_query = 0;
	if (x->xRowCount(fts, &nrow) != SQLITE_OK)
		return NULL;
	r->n = x->xPhraseCount(fts);
	cache->long_phrase = false;
	for (int i = 0; i < r->n; i++)
		cache->long_phrase |= x->xPhraseSize(fts, i) > 1;
	/* the keys name the phrases only when FTS5 found each of them */
	const char *key = cache->keys;
	int nkeys = 0;
	for (const char *k = key; k && *k; k++)
		nkeys += *k == '\n';
	if (nkeys != r->n)
		key = NULL;
	if (r->n > RANK_MAX_PHRASES)
		r->n = RANK_MAX_PHRASES;
	parse_weights(r, weights);
	/* FTS5 reads the totals from disk at each call: once per query here */
	for (int c = 0; c < RANK_MAX_COLUMNS; c++) {
		sqlite3_int64 total = 0;
		if (c >= x->xColumnCount(fts) || x->xColumnTotalSize(fts, c, &total) != SQLITE_OK)
			total = 0;
		double avg_len = total > 0 && nrow > 0 ? (double)total / (double)nrow : 1;
		r->norm_per_token[c] = BM25_K1 * BM25_B / avg_len;
	}
	/* With one phrase, its idf scales every row's score alike and changes
	 * no order: the pass that counts its rows (over every row holding its
	 * words, checking their positions for a phrase) is skipped. */
	if (r->n == 1)
		r->idf[0] = 1;
	for (int i = 0; i < r->n && r->n > 1; i++) {
		size_t klen = key ? strcspn(key, "\n") : 0;
		sqlite3_int64 hits = phrase_hits(cache, x, fts, i, key, klen);
		key = key && key[klen] ? key + klen + 1 : NULL;
		double idf = log(((double)nrow - (double)hits + 0.5) / ((double)hits + 0.5));
		r->idf[i] = idf > 1e-6 ? idf : 1e-6;
	}
	cache->phrases_query = cache->query;
	return r;
}

/* BM25 of one column: its term frequencies and length, normed by the
 * column's average length (norm_per_token). */
static double column_bm25(const struct rank_phrases *r, int c, int len, const int *tf)
{
	double norm = BM25_K1 * (1 - BM25_B) + r->norm_per_token[c] * (double)len, score = 0;
	for (int p = 0; p < r->n; p++)
		if (tf[p] > 0)
			score += r->weight[p] * r->idf[p] * tf[p] * (BM25_K1 + 1) / (tf[p] + norm);
	return score;
}

/* isn_rank(fts, phrase_weights, w0, w1, ...): BM25 computed for each
 * column on its own, with that column's length and average length, and
 * summed with the column weights; lower is better, like bm25(). FTS5's
 * bm25() weighs columns inside one saturating term frequency and
 * normalises by the whole row's length, so a short question that matches
 * counts barely more than a long answer that mentions a word twice. */
static void rank(const Fts5ExtensionApi *x, Fts5Context *fts, sqlite3_context *ctx, int nval,
		 sqlite3_value **val)
{
	const char *weights = nval > 0 ? (const char *)sqlite3_value_text(val[0]) : NULL;
	struct rank_phrases *r = rank_phrases(x, fts, weights);
	int ncol = x->xColumnCount(fts);
	int tf[RANK_MAX_COLUMNS * RANK_MAX_PHRASES];
	if (!r || ncol > RANK_MAX_COLUMNS) {
		sqlite3_result_error_code(ctx, SQLITE_ERROR);
		return;
	}
	memset(tf, 0, (size_t)(ncol * r->n) * sizeof(*tf));
	/* each phrase's own positions: xInst would merge them all into one
	 * array sorted by position first, which the counts do not need */
	for (int p = 0; p < r->n; p++) {
		Fts5PhraseIter it;
		int ic, io;
		if (x->xPhraseFirst(fts, p, &it, &ic, &io) != SQLITE_OK)
			continue;
		for (; ic >= 0; x->xPhraseNext(fts, &it, &ic, &io))
			if (ic < ncol)
				tf[ic * r->n + p] += 1;
	}
	struct rank_cache *cache = x->xUserData(fts);
	const int *sizes = cache->ncol == ncol ? kept_sizes(cache, x->xRowid(fts)) : NULL;
	double score = 0;
	for (int c = 0; c < ncol && c + 1 < nval; c++) {
		double w = sqlite3_value_double(val[c + 1]);
		int len = 0;
		if (w == 0 || (!sizes && x->xColumnSize(fts, c, &len) != SQLITE_OK))
			continue;
		score += w * column_bm25(r, c, sizes ? sizes[c] : len, tf + c * r->n);
	}
	sqlite3_result_double(ctx, -score);
}

/* ---- snippets of answers with many matches ---------------------------- */

/* FTS5's snippet() weighs every window around every match, so its cost
 * grows with the square of the matches in one answer: an answer repeating
 * a word 20,000 times took seconds. Past SNIPPET_MANY_MATCHES matches in
 * a row, isn_snippet() makes the snippet instead, in time linear in the
 * answer's length (and n log n in its matches): the window of the
 * words asked for that holds the most distinct phrases, every matched
 * word in it marked as snippet() marks them. */
#define SNIPPET_MANY_MATCHES 64
#define SNIPPET_STR_(x) #x
#define SNIPPET_STR(x) SNIPPET_STR_(x)

struct snip_walk {
	int first, last;        /* the window's token numbers */
	int next;               /* the next token's number */
	const unsigned char *hit; /* per window token: 1 when matched */
	int *start, *end;       /* per window token: byte offsets */
	bool more;              /* a token follows the window */
};

/* Tokenizer callback: records the byte offsets of the window's tokens and
 * stops at the first token after it. */
static int snip_token(void *ctx, int flags, const char *tok, int ntok, int start, int end)
{
	(void)tok;
	(void)ntok;
	struct snip_walk *w = ctx;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	int i = w->next++;
	if (i > w->last) {
		w->more = true;
		return SQLITE_DONE; /* enough: the rest of the text is not read */
	}
	if (i >= w->first) {
		w->start[i - w->first] = start;
		w->end[i - w->first] = end;
	}
	return SQLITE_OK;
}

static int cmp_snip_inst(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b; /* pos comes first */
	return (x > y) - (x < y);
}

/* isn_snippet(fts, COLUMN, ON, OFF, ELLIPSIS, WORDS) */
static void snippet_many(const Fts5ExtensionApi *x, Fts5Context *fts, sqlite3_context *ctx,
			 int nval, sqlite3_value **val)
{
	if (nval != 5) {
		sqlite3_result_error(ctx, "isn_snippet: wrong number of arguments", -1);
		return;
	}
	int col = sqlite3_value_int(val[0]);
	const char *on = (const char *)sqlite3_value_text(val[1]);
	const char *off = (const char *)sqlite3_value_text(val[2]);
	const char *dots = (const char *)sqlite3_value_text(val[3]);
	int words = sqlite3_value_int(val[4]);
	if (!on || !off || !dots || words < 1 || words > 64) {
		sqlite3_result_error(ctx, "isn_snippet: bad arguments", -1);
		return;
	}
	int ninst = 0;
	if (x->xInstCount(fts, &ninst) != SQLITE_OK) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	/* The column's matches in token order. */
	struct snip_inst {
		int pos, phrase;
	} *v = ninst > 0 ? sqlite3_malloc64((sqlite3_uint64)ninst * sizeof(*v)) : NULL;
	int nphrase = x->xPhraseCount(fts);
	int *count = nphrase > 0 ? sqlite3_malloc64((sqlite3_uint64)nphrase * sizeof(int)) : NULL;
	if ((ninst > 0 && !v) || (nphrase > 0 && !count)) {
		sqlite3_free(v);
		sqlite3_free(count);
		sqlite3_result_error_nomem(ctx);
		return;
	}
	int n = 0;
	for (int i = 0; i < ninst; i++) {
		int p, c, o;
		if (x->xInst(fts, i, &p, &c, &o) == SQLITE_OK && c == col && p >= 0 && p < nphrase)
			v[n++] = (struct snip_inst){o, p};
	}
	qsort(v, (size_t)n, sizeof(*v), cmp_snip_inst);
	/* The window holding the most distinct phrases (the earliest of
	 * equals), slid over the matches with a count per phrase. */
	int first = 0, best = -1, distinct = 0;
	if (nphrase > 0)
		memset(count, 0, (size_t)nphrase * sizeof(int));
	for (int i = 0, j = 0; i < n; i++) {
		for (; j < n && v[j].pos < v[i].pos + words; j++)
			distinct += count[v[j].phrase]++ == 0;
		if (distinct > best) {
			/* a few words of lead-in, as long as the window's last
			 * match stays in it */
			int room = words - 1 - (v[j - 1].pos - v[i].pos);
			int lead = room < words / 4 ? room : words / 4;
			best = distinct;
			first = v[i].pos > lead ? v[i].pos - lead : 0;
		}
		distinct -= --count[v[i].phrase] == 0;
	}
	unsigned char hit[64] = {0};
	int start[64], end[64];
	for (int i = 0; i < n; i++)
		if (v[i].pos >= first && v[i].pos < first + words)
			hit[v[i].pos - first] = 1;
	sqlite3_free(v);
	sqlite3_free(count);
	const char *text;
	int len;
	if (x->xColumnText(fts, col, &text, &len) != SQLITE_OK) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	struct snip_walk w = {first, first + words - 1, 0, hit, start, end, false};
	int rc = x->xTokenize(fts, text, len, &w, snip_token);
	if (rc != SQLITE_OK && rc != SQLITE_DONE) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	int got = w.next - first - (w.more ? 1 : 0);
	if (got > words)
		got = words;
	struct isn_buf b = {0};
	int err = 0;
	if (got <= 0) {
		sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
		return;
	}
	if (first > 0)
		err |= isn_buf_add(&b, dots, strlen(dots));
	for (int i = 0; i < got; i++) {
		if (i > 0)
			err |= isn_buf_add(&b, text + end[i - 1], (size_t)(start[i] - end[i - 1]));
		if (hit[i])
			err |= isn_buf_add(&b, on, strlen(on));
		err |= isn_buf_add(&b, text + start[i], (size_t)(end[i] - start[i]));
		if (hit[i])
			err |= isn_buf_add(&b, off, strlen(off));
	}
	if (w.more)
		err |= isn_buf_add(&b, dots, strlen(dots));
	if (err) {
		isn_buf_free(&b);
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, b.data ? b.data : "", (int)b.len, SQLITE_TRANSIENT);
	isn_buf_free(&b);
}

/* isn_inst(fts): the number of matches in the row. */
static void inst_count(const Fts5ExtensionApi *x, Fts5Context *fts, sqlite3_context *ctx,
		       int nval, sqlite3_value **val)
{
	(void)nval;
	(void)val;
	int n = 0;
	if (x->xInstCount(fts, &n) != SQLITE_OK)
		sqlite3_result_error_nomem(ctx);
	else
		sqlite3_result_int(ctx, n);
}

/* Registers the tokenizer and the ranking and snippet functions on a connection; the
 * ranking keeps what it reuses in cache. */
static int register_fts5(sqlite3 *db, struct rank_cache *cache)
{
	fts5_api *api = fts5_api_of(db);
	if (!api)
		return -1;
	fts5_tokenizer word = {word_create, word_delete, word_tokenize};
	fts5_tokenizer tok = {isn_create, isn_delete, isn_tokenize};
	if (api->xCreateTokenizer(api, "isnword", api, &word, NULL) != SQLITE_OK ||
	    api->xCreateTokenizer(api, "isn", api, &tok, NULL) != SQLITE_OK)
		return -1;
	return api->xCreateFunction(api, "isn_rank", cache, rank, NULL) == SQLITE_OK &&
			       api->xCreateFunction(api, "isn_snippet", NULL, snippet_many, NULL) ==
				       SQLITE_OK &&
			       api->xCreateFunction(api, "isn_inst", NULL, inst_count, NULL) == SQLITE_OK
		       ? 0
		       : -1;
}

/* ==== Markdown to words ================================================ */

/* Sections left out of the indexed answer: the follow-ups are indexed as
 * links (their text is other entries' questions), the sources and
 * "Applies to" as the references with their titles, and the two sections
 * about ismsnav itself describe the app, not the standard. */
static const char *const skipped_sections[] = {"Likely follow-ups", "Sources", "Applies to",
					       "Do next in ismsnav", "How ismsnav helps"};

/* The label of a "**Label**" paragraph (a section heading), or NULL. */
static const char *section_label(cmark_node *para)
{
	if (cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return NULL;
	cmark_node *strong = cmark_node_first_child(para);
	if (!strong || cmark_node_get_type(strong) != CMARK_NODE_STRONG)
		return NULL;
	cmark_node *next = cmark_node_next(strong);
	/* the spaces of a hard break "**Label**  " leave an empty text */
	while (next && cmark_node_get_type(next) == CMARK_NODE_TEXT &&
	       strspn(cmark_node_get_literal(next), " \t") == strlen(cmark_node_get_literal(next)))
		next = cmark_node_next(next);
	if (next && cmark_node_get_type(next) != CMARK_NODE_SOFTBREAK &&
	    cmark_node_get_type(next) != CMARK_NODE_LINEBREAK)
		return NULL;
	cmark_node *text = cmark_node_first_child(strong);
	if (!text || cmark_node_next(text) || cmark_node_get_type(text) != CMARK_NODE_TEXT)
		return NULL;
	return cmark_node_get_literal(text);
}

static bool skipped_section(const char *label)
{
	for (size_t i = 0; i < ISN_ARRAY_LEN(skipped_sections); i++)
		if (!strcmp(label, skipped_sections[i]))
			return true;
	return false;
}

/* Appends text with control characters turned into spaces, so that the
 * snippet markers can never be confused with the text. */
static int add_clean(struct isn_buf *b, const char *s)
{
	size_t n = strlen(s);
	if (isn_buf_reserve(b, n + 1) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		b->data[b->len++] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
	}
	b->data[b->len] = '\0';
	return 0;
}

static int add_block_text(struct isn_buf *b, cmark_node *block, cmark_node *skip)
{
	cmark_iter *it = cmark_iter_new(block);
	cmark_event_type ev;
	int rc = it ? 0 : -1;
	while (rc == 0 && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (n == skip && ev == CMARK_EVENT_ENTER) {
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			continue;
		}
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			rc = add_clean(b, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			rc = isn_buf_addc(b, ' ');
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
		case CMARK_NODE_ITEM:
			if (ev == CMARK_EVENT_EXIT)
				rc = isn_buf_addc(b, '\n');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	return rc;
}

/* The first heading repeats the question ("### 12) Question?"). */
static bool repeats_question(cmark_node *block, const char *question)
{
	if (cmark_node_get_type(block) != CMARK_NODE_HEADING || !question)
		return false;
	struct isn_buf b = {0};
	bool same = false;
	if (add_block_text(&b, block, NULL) == 0 && b.len) {
		while (b.len && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == ' '))
			b.data[--b.len] = '\0';
		size_t q = strlen(question);
		same = b.len >= q && !strcmp(b.data + b.len - q, question);
	}
	isn_buf_free(&b);
	return same;
}

/* The answer's words, one block per line. NULL on allocation failure.
 * The tree is built in this thread's Markdown arena, which is reset
 * afterwards instead of freeing it node by node. */
static char *answer_text(const char *md, size_t len, const char *question)
{
	cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, md_arena_mem());
	cmark_parser_feed(parser, md, len);
	cmark_node *root = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	if (!root) {
		md_arena_reset();
		return NULL;
	}
	struct isn_buf b = {0};
	bool skipping = false;
	int rc = 0;
	for (cmark_node *n = cmark_node_first_child(root); n && rc == 0;
	     n = cmark_node_next(n)) {
		const char *label = section_label(n);
		if (label)
			skipping = skipped_section(label);
		if (skipping || (n == cmark_node_first_child(root) && repeats_question(n, question)))
			continue;
		rc = add_block_text(&b, n, label ? cmark_node_first_child(n) : NULL);
	}
	md_arena_reset();
	if (rc < 0) {
		isn_buf_free(&b);
		return NULL;
	}
	return isn_buf_take(&b);
}

/* ==== walking the corpus =============================================== */

/* A file of the corpus: what it is on disk, and what the index knows. */
struct cfile {
	char *path;
	long long size, mtime, ctime; /* on disk (times in ns); size -1: unknown */
	long long db_size, db_mtime, db_ctime; /* in the index; db_size NOT_INDEXED:
						 not there */
	long db_ord;                 /* its place in load order, in the index */
	bool db_final;               /* the index's record needs no new parse */
	bool statted;
	bool parse;                  /* to be parsed in this update */
	bool borrowed;               /* path lives in the scan's names */
};

/* Paths read from the index, kept in blocks rather than one malloc each. */
struct name_block {
	struct name_block *next;
	size_t used, cap;
	char data[];
};

#define NOT_INDEXED (-2)

/* A walked folder: its times change whenever a file is added, removed or
 * renamed in it (mtime) or its permissions change (ctime). */
struct cdir {
	char *path;
	long long mtime, ctime;
};

struct scan {
	struct cfile *v;
	size_t n, cap;
	struct cdir *dirs;
	size_t ndirs, dirs_cap;
	struct diag_list walk_diags;  /* met while walking below the roots */
	bool walked;                  /* listed by walking (else from the index) */
	struct isn_strlist gone;      /* indexed files that are no longer there */
	long long now;                /* when the scan began, in ns */
	long long version;            /* PRAGMA data_version when listed from the index */
	size_t *slots;                /* hash of paths: index + 1, 0 when empty */
	size_t nslots;
	struct stat_pool *pool;       /* threads still stat()ing v, or NULL */
	struct name_block *names;
};

struct walk {
	struct scan *scan;
	struct isn_dirset seen;
};

static long long mtime_ns(const struct stat *st)
{
	return (long long)ST_MTIM(st).tv_sec * 1000000000LL + (long long)ST_MTIM(st).tv_nsec;
}

static long long ctime_ns(const struct stat *st)
{
	return (long long)ST_CTIM(st).tv_sec * 1000000000LL + (long long)ST_CTIM(st).tv_nsec;
}

static long long now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	return (long long)t.tv_sec * 1000000000LL + (long long)t.tv_nsec;
}

/* A time this close to the scan may still change without showing it (the
 * clock that stamps files ticks coarsely): never trusted later. */
static bool racy(const struct scan *s, long long t)
{
	return t > s->now - RACY_NS;
}

static struct cfile *add_file(struct scan *s, char *path)
{
	if (!path || isn_grow(&s->v, &s->cap, s->n + 1, sizeof(*s->v)) < 0) {
		free(path);
		return NULL;
	}
	s->v[s->n] = (struct cfile){.path = path, .size = -1, .db_size = NOT_INDEXED, .db_ord = -1};
	return &s->v[s->n++];
}

static void add_stat(struct cfile *f, const struct stat *st)
{
	f->size = (long long)st->st_size;
	f->mtime = mtime_ns(st);
	f->ctime = ctime_ns(st);
	f->statted = true;
}

static void record_dir(struct scan *s, const char *path, const struct stat *st)
{
	if (isn_grow(&s->dirs, &s->dirs_cap, s->ndirs + 1, sizeof(*s->dirs)) < 0)
		return;
	char *p = isn_strdup(path);
	if (p)
		s->dirs[s->ndirs++] = (struct cdir){p, mtime_ns(st), ctime_ns(st)};
}

static void walk_path(struct walk *w, char *path, int depth);

/* Walks a folder the way corpus_catalog_scan does (sorted, hidden entries
 * skipped, loops guarded), with the same messages. Regular files are
 * listed here and stat()ed later, all at once. */
static void walk_dir(struct walk *w, const char *path, const struct stat *st, int depth)
{
	struct diag_list *d = &w->scan->walk_diags;
	if (depth > CORPUS_MAX_DEPTH) {
		diag_add(d, DIAG_WARNING, path, 0, "folders nested deeper than %d levels are not read",
			 CORPUS_MAX_DEPTH);
		return;
	}
	if (isn_dirset_seen(&w->seen, st))
		return;
	record_dir(w->scan, path, st);
	DIR *dir = opendir(path);
	if (!dir) {
		diag_add(d, DIAG_ERROR, path, 0, "cannot open folder: %s", strerror(errno));
		return;
	}
	size_t n;
	struct corpus_dir_item *items = corpus_read_folder(dir, &n);
	closedir(dir);
	for (size_t i = 0; i < n; i++) {
		char *child = isn_asprintf("%s/%s", path, items[i].name);
		if (items[i].type == DT_REG)
			add_file(w->scan, child);
		else if (child)
			walk_path(w, child, depth + 1);
		free(items[i].name);
	}
	free(items);
}

/* Takes path over (freed here or kept by the scan). */
static void walk_path(struct walk *w, char *path, int depth)
{
	struct stat st;
	struct cfile *f;
	if (!path)
		return;
	if (stat(path, &st) != 0) {
		diag_add(&w->scan->walk_diags, DIAG_ERROR, path, 0, "cannot read: %s",
			 strerror(errno));
	} else if (S_ISDIR(st.st_mode)) {
		walk_dir(w, path, &st, depth);
	} else if (S_ISREG(st.st_mode)) {
		if ((f = add_file(w->scan, path)) != NULL)
			add_stat(f, &st);
		return;
	} else if (depth == 0) {
		diag_add(&w->scan->walk_diags, DIAG_ERROR, path, 0, "not a file or folder");
	}
	free(path);
}

/* ---- stat()ing many files ---------------------------------------------- */

/* A stat() costs a system call per file, which dominates a warm start, so
 * a pool of threads stats the files while they are still being listed:
 * the lister says how many are ready, each thread takes STAT_CHUNK files
 * at a time. */
struct stat_pool {
	struct cfile *v;
	atomic_size_t ready;   /* files listed so far */
	atomic_size_t next;    /* the first file of the next chunk to take */
	atomic_bool listed;    /* no more files will come */
	pthread_t th[MAX_THREADS];
	size_t nth;
};

/* The folder a thread looked in last, kept open: a name in it is found
 * by one path component instead of the whole path. */
struct dir_cache {
	char *dir;
	size_t len;
	int fd;
};

static int dir_fd(struct dir_cache *c, const char *path, const char **base)
{
	const char *slash = strrchr(path, '/');
	*base = slash ? slash + 1 : path;
	if (!slash)
		return AT_FDCWD;
	size_t n = (size_t)(slash - path);
	if (c->fd >= 0 && c->len == n && !memcmp(c->dir, path, n))
		return c->fd;
	if (c->fd >= 0)
		close(c->fd);
	free(c->dir);
	c->dir = isn_strndup(path, n ? n : 1);
	c->len = n;
	c->fd = c->dir ? open(c->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	if (c->fd < 0)
		*base = path;
	return c->fd >= 0 ? c->fd : AT_FDCWD;
}

static void stat_one(struct cfile *f, struct dir_cache *c)
{
	struct stat st;
	const char *base;
	int fd = dir_fd(c, f->path, &base);
	if (fstatat(fd, base, &st, 0) == 0)
		add_stat(f, &st);
	f->statted = true;
}

static void *stat_worker(void *arg)
{
	struct stat_pool *p = arg;
	struct dir_cache c = {NULL, 0, -1};
	for (;;) {
		size_t start = atomic_fetch_add(&p->next, STAT_CHUNK), end;
		while ((end = atomic_load(&p->ready)) < start + STAT_CHUNK && !atomic_load(&p->listed))
			sched_yield();
		if (atomic_load(&p->listed))
			end = atomic_load(&p->ready);
		if (start >= end)
			break;
		if (end > start + STAT_CHUNK)
			end = start + STAT_CHUNK;
		for (size_t i = start; i < end; i++)
			if (!p->v[i].statted)
				stat_one(&p->v[i], &c);
	}
	if (c.fd >= 0)
		close(c.fd);
	free(c.dir);
	return NULL;
}

/* Starts helper threads for about `expected` files at v (which must not
 * move until pool_finish): one per core but this thread's, or one per
 * core when this thread goes on with other work meanwhile (busy). */
static void pool_start(struct stat_pool *p, struct cfile *v, size_t expected, bool busy)
{
	p->v = v;
	atomic_init(&p->ready, 0);
	atomic_init(&p->next, 0);
	atomic_init(&p->listed, false);
	p->nth = 0;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	size_t want = ncpu < 1 ? 0 : (size_t)ncpu - !busy;
	if (want > MAX_THREADS - 1)
		want = MAX_THREADS - 1;
	if (expected < PARALLEL_MIN_FILES)
		want = 0;
	while (p->nth < want && pthread_create(&p->th[p->nth], NULL, stat_worker, p) == 0)
		p->nth++;
}

static void pool_ready(struct stat_pool *p, size_t n)
{
	atomic_store(&p->ready, n);
}

/* All n files are listed. */
static void pool_listed(struct stat_pool *p, size_t n)
{
	atomic_store(&p->ready, n);
	atomic_store(&p->listed, true);
}

/* All n files are listed: this thread stats with the others until done. */
static void pool_finish(struct stat_pool *p, size_t n)
{
	pool_listed(p, n);
	stat_worker(p);
	for (size_t i = 0; i < p->nth; i++)
		pthread_join(p->th[i], NULL);
}

static void stat_files(struct scan *s)
{
	struct stat_pool p;
	pool_start(&p, s->v, s->n, false);
	pool_finish(&p, s->n);
}

/* Waits for the threads stat()ing a scan listed from the index. */
static void scan_statted(struct scan *s)
{
	if (!s->pool)
		return;
	pool_finish(s->pool, s->n);
	free(s->pool);
	s->pool = NULL;
}

static uint64_t hash_str(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

static int scan_hash(struct scan *s)
{
	free(s->slots);
	s->nslots = 16;
	while (s->nslots < s->n * 2)
		s->nslots *= 2;
	s->slots = calloc(s->nslots, sizeof(*s->slots));
	if (!s->slots)
		return -1;
	for (size_t i = 0; i < s->n; i++) {
		size_t h = (size_t)hash_str(s->v[i].path, strlen(s->v[i].path)) & (s->nslots - 1);
		while (s->slots[h])
			h = (h + 1) & (s->nslots - 1);
		s->slots[h] = i + 1;
	}
	return 0;
}

static int cmp_ord(const void *a, const void *b)
{
	long x = ((const struct cfile *)a)->db_ord, y = ((const struct cfile *)b)->db_ord;
	return (x > y) - (x < y);
}

/* A scan listed from the index comes in path order and without its hash:
 * an update needs load order and the hash. */
static int scan_ready(struct scan *s)
{
	if (s->walked || s->slots)
		return 0;
	if (s->n > 1)
		qsort(s->v, s->n, sizeof(*s->v), cmp_ord);
	return scan_hash(s);
}

/* The index of the file with this path, or -1. */
static long scan_find(const struct scan *s, const char *path, size_t n)
{
	if (!s->nslots)
		return -1;
	size_t h = (size_t)hash_str(path, n) & (s->nslots - 1);
	for (; s->slots[h]; h = (h + 1) & (s->nslots - 1)) {
		const char *p = s->v[s->slots[h] - 1].path;
		if (strlen(p) == n && memcmp(p, path, n) == 0)
			return (long)(s->slots[h] - 1);
	}
	return -1;
}

static void scan_free(struct scan *s)
{
	scan_statted(s);
	for (size_t i = 0; i < s->n; i++)
		if (!s->v[i].borrowed)
			free(s->v[i].path);
	free(s->v);
	for (struct name_block *b = s->names, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	for (size_t i = 0; i < s->ndirs; i++)
		free(s->dirs[i].path);
	free(s->dirs);
	diag_list_free(&s->walk_diags);
	isn_strlist_free(&s->gone);
	free(s->slots);
	*s = (struct scan){0};
}

static void copy_diags(struct diag_list *to, const struct diag_list *from)
{
	for (size_t i = 0; i < from->n; i++)
		diag_add(to, from->v[i].level, from->v[i].path, from->v[i].line, "%s",
			 from->v[i].message);
}

/* Lists the files below the roots that could be read, by walking. */
static void walk_roots(struct scan *s, char *const *roots, size_t nroots, const bool *ok)
{
	struct walk w = {.scan = s};
	s->walked = true;
	for (size_t i = 0; i < nroots; i++)
		if (ok[i])
			walk_path(&w, isn_strdup(roots[i]), 0);
	isn_dirset_free(&w.seen);
}

/* ==== the database ===================================================== */

/* Stems whose entry counts are kept between the keys of a search. */
#define TERM_CACHE 64

struct search_index {
	sqlite3 *db;
	char *file;         /* the cache file, NULL in memory */
	char **paths;
	size_t npaths;
	char *key;          /* the corpus set, as stored in meta */
	struct search_stats stats;
	const char *why;
	fts5_api *api;
	fts5_tokenizer stemmer;     /* "isn": stems typed words */
	Fts5Tokenizer *stem_inst;
	sqlite3_stmt *q_match, *q_hits, *q_hit_one, *q_term, *q_version; /* kept for search as you type */
	sqlite3_int64 *wanted;  /* the ranked rows isn_hit() lets through, ascending */
	size_t nwanted;
	struct rank_cache rank;
	struct term_count {
		char term[32];
		long docs;
	} terms[TERM_CACHE];  /* entries holding a stem, looked up while typing */
	size_t nterms;
	long long version;  /* PRAGMA data_version when the caches were filled */
	/* A refresh whose files are still being stat()ed (search_opts'
	 * check_later): settle() finishes it. */
	bool check_later;
	bool pending;
	bool reading;                /* in search_during_check: do not wait */
	struct scan scan;
	bool *ok;                    /* the roots that could be read */
	struct diag_list late_diags; /* met while finishing it */
	uint64_t watch_token;        /* a watcher's "dirty N": tell it when done */
	/* The last queries run and their hits: typing a space, a common word
	 * or a letter and taking it back gives a query already run. */
	struct recent_query {
		struct isn_buf key; /* expression, weights and phrases */
		size_t limit;
		struct search_results hits;
	} recent[RECENT_QUERIES];
	size_t next_recent;
};

static int settle(struct search_index *idx);

static void forget_recent(struct search_index *idx)
{
	for (size_t i = 0; i < RECENT_QUERIES; i++) {
		isn_buf_free(&idx->recent[i].key);
		search_results_free(&idx->recent[i].hits);
		idx->recent[i].limit = 0;
	}
	idx->next_recent = 0;
}

static const char sql_schema[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE dirs(path TEXT PRIMARY KEY, mtime INTEGER NOT NULL,"
	" ctime INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE walk_diags(seq INTEGER PRIMARY KEY, level INTEGER NOT NULL,"
	" path TEXT NOT NULL, line INTEGER NOT NULL, message TEXT NOT NULL);"
	"CREATE TABLE files(path TEXT PRIMARY KEY, size INTEGER NOT NULL,"
	" mtime INTEGER NOT NULL, ctime INTEGER NOT NULL, id INTEGER, id_line INTEGER NOT NULL,"
	" final INTEGER NOT NULL, ord INTEGER NOT NULL, owner INTEGER NOT NULL DEFAULT 0)"
	" WITHOUT ROWID;"
	"CREATE TABLE diags(path TEXT NOT NULL, seq INTEGER NOT NULL, level INTEGER NOT NULL,"
	" line INTEGER NOT NULL, message TEXT NOT NULL, PRIMARY KEY(path, seq)) WITHOUT ROWID;"
	"CREATE TABLE entries(id INTEGER PRIMARY KEY, path TEXT NOT NULL, id_text TEXT NOT NULL,"
	" id_line INTEGER NOT NULL, question TEXT NOT NULL, packs TEXT NOT NULL,"
	" primary_ids TEXT NOT NULL, overlap_ids TEXT NOT NULL, tags TEXT NOT NULL);"
	"CREATE TABLE refs(ref TEXT NOT NULL, id INTEGER NOT NULL, kind INTEGER NOT NULL,"
	" PRIMARY KEY(ref, kind, id)) WITHOUT ROWID;"
	"CREATE TABLE links(src INTEGER NOT NULL, ord INTEGER NOT NULL, dst INTEGER NOT NULL,"
	" followup INTEGER NOT NULL, PRIMARY KEY(src, ord)) WITHOUT ROWID;"
	"CREATE VIRTUAL TABLE fts USING fts5(id, question, primary_refs, overlap_refs, notes,"
	" tags, packs, body, tokenize = 'isn remove_diacritics 2');";
/* Created after the first load: building an index at once is faster than
 * growing it row by row. */
static const char sql_indexes[] =
	"CREATE INDEX IF NOT EXISTS files_by_id ON files(id) WHERE id IS NOT NULL;"
	"CREATE INDEX IF NOT EXISTS files_dups ON files(id) WHERE id IS NOT NULL AND owner = 0;"
	"CREATE INDEX IF NOT EXISTS refs_by_id ON refs(id);"
	"CREATE INDEX IF NOT EXISTS links_by_dst ON links(dst);";

static const char sql_meta_put[] = "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)";
static const char sql_meta_get[] = "SELECT value FROM meta WHERE key = ?1";
static const char sql_files_all[] = "SELECT path, size, mtime, final, ord, ctime FROM files";
static const char sql_file_put[] =
	"INSERT OR REPLACE INTO files(path, size, mtime, id, id_line, final, ord, ctime)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char sql_file_owner[] = "UPDATE files SET owner = ?2 WHERE path = ?1";
static const char sql_file_ord[] = "UPDATE files SET ord = ?2 WHERE path = ?1";
static const char sql_dirs_all[] = "SELECT path, mtime, ctime FROM dirs";
static const char sql_dirs_clear[] = "DELETE FROM dirs";
static const char sql_dir_put[] = "INSERT OR REPLACE INTO dirs(path, mtime, ctime) VALUES (?1, ?2, ?3)";
static const char sql_walk_all[] = "SELECT level, path, line, message FROM walk_diags ORDER BY seq";
static const char sql_walk_clear[] = "DELETE FROM walk_diags";
static const char sql_walk_put[] =
	"INSERT INTO walk_diags(seq, level, path, line, message) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_count_add[] =
	"UPDATE meta SET value = value + ?2 WHERE key = ?1";
static const char sql_file_del[] = "DELETE FROM files WHERE path = ?1";
static const char sql_file_claimants[] =
	"SELECT path FROM files WHERE id = ?1 AND path != ?2";
static const char sql_diag_put[] =
	"INSERT INTO diags(path, seq, level, line, message) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_diag_del[] = "DELETE FROM diags WHERE path = ?1";
static const char sql_diags_all[] =
	"SELECT path, level, line, message FROM diags ORDER BY path, seq";
static const char sql_duplicates[] =
	"SELECT f.path, f.id_line, f.id, e.path, e.id_line FROM files f"
	" JOIN entries e ON e.id = f.id WHERE f.id IS NOT NULL AND f.owner = 0"
	" ORDER BY f.id, f.ord";
static const char sql_owner_of_path[] = "SELECT id FROM files WHERE path = ?1 AND owner = 1";
static const char sql_owner_of_id[] = "SELECT path FROM entries WHERE id = ?1";
static const char sql_entry_put[] =
	"INSERT INTO entries(id, path, id_text, id_line, question, packs, primary_ids,"
	" overlap_ids, tags) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_fts_put[] =
	"INSERT INTO fts(rowid, id, question, primary_refs, overlap_refs, notes, tags, packs,"
	" body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_ref_put[] =
	"INSERT OR IGNORE INTO refs(ref, id, kind) VALUES (?1, ?2, ?3)";
static const char sql_link_put[] =
	"INSERT INTO links(src, ord, dst, followup) VALUES (?1, ?2, ?3, ?4)";
static const char sql_entry_del[] = "DELETE FROM entries WHERE id = ?1";
static const char sql_fts_del[] = "DELETE FROM fts WHERE rowid = ?1";
static const char sql_refs_del[] = "DELETE FROM refs WHERE id = ?1";
static const char sql_links_del[] = "DELETE FROM links WHERE src = ?1";
static const char sql_optimize[] = "INSERT INTO fts(fts) VALUES ('optimize')";
/* FTS5 gathers new terms in memory up to hashsize before it writes them
 * out as a segment, which later merges must read again: a build fills a
 * bigger table (10% less work at 10k entries). Nor does a build merge
 * segments as it goes (automerge): the optimize at its end rewrites them
 * all into one anyway, and merging on the way only added rewrites (5%
 * of a 10k build of long answers). An update keeps FTS5's defaults,
 * 1 MiB and merges of 4 segments. */
static const char sql_build_settings[] =
	"INSERT INTO fts(fts, rank) VALUES ('hashsize', 8388608);"
	"INSERT INTO fts(fts, rank) VALUES ('automerge', 0);";
static const char sql_update_settings[] =
	"INSERT INTO fts(fts, rank) VALUES ('hashsize', 1048576);"
	"INSERT INTO fts(fts, rank) VALUES ('automerge', 4);";

/* Ranking: isn_rank() sums a BM25 per column with these weights, in the
 * order of the fts table: id, question, primary_refs, overlap_refs,
 * notes, tags, packs, body. The question and the primary references
 * (with their titles) say what an entry is about; the body only mentions
 * things; tags and packs are shared by most entries. The first argument
 * holds the weights of the query's phrases. */
static const char sql_match[] =
	"SELECT rowid, isn_rank(fts, ?3, 10.0, 2.0, 1.5, 0.5, 0.5, 0.2, 0.2, 1.0) AS score"
	" FROM fts WHERE fts MATCH ?1 ORDER BY score LIMIT ?2";
/* The questions and snippets of the ranked rows, in a second pass over
 * the rows between the first and the last of them: isn_hit() lets only
 * those through, so that no other row gets a snippet. (A query per hit
 * would read the index's lists again for each; letting FTS5 sort by rank
 * and make the snippets in one pass sorts every matching row in full.) */
static const char sql_hits[] =
	"SELECT rowid, question, CASE WHEN isn_inst(fts) > " SNIPPET_STR(SNIPPET_MANY_MATCHES)
	" THEN isn_snippet(fts, 7, char(1), char(2), '…', ?4)"
	" ELSE snippet(fts, 7, char(1), char(2), '…', ?4) END FROM fts"
	" WHERE fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3 AND isn_hit(rowid)";
/* The same for one row: FTS5 finds it in each word's list by its
 * rowid, without matching the rows in between. */
static const char sql_hit_one[] =
	"SELECT rowid, question, CASE WHEN isn_inst(fts) > " SNIPPET_STR(SNIPPET_MANY_MATCHES)
	" THEN isn_snippet(fts, 7, char(1), char(2), '…', ?3)"
	" ELSE snippet(fts, 7, char(1), char(2), '…', ?3) END FROM fts"
	" WHERE fts MATCH ?1 AND rowid = ?2";
/* Every row's column lengths, as FTS5 keeps them: a varint each. */
static const char sql_docsize[] = "SELECT id, sz FROM fts_docsize ORDER BY id";
#define FTS_COLUMNS 8
static const char sql_vocab[] =
	"CREATE VIRTUAL TABLE IF NOT EXISTS temp.isn_vocab USING fts5vocab(main, fts, row)";
static const char sql_term[] = "SELECT doc FROM temp.isn_vocab WHERE term = ?1";

static const char sql_entries_all[] =
	"SELECT id, id_text, id_line, path, question, packs, primary_ids, overlap_ids, tags"
	" FROM entries ORDER BY id";
static const char sql_questions_all[] = "SELECT id, question FROM entries ORDER BY id";
static const char sql_ref_counts[] =
	"SELECT ref, sum(kind = 0), sum(kind = 1) FROM refs GROUP BY ref";
static const char sql_citations[] =
	"SELECT r.ref, r.id, r.kind, e.question FROM refs r JOIN entries e ON e.id = r.id";
static const char sql_backlinks[] =
	"SELECT DISTINCT src FROM links WHERE dst = ?1 AND src != ?1 ORDER BY src";
static const char sql_links_all[] =
	"SELECT l.src, l.dst, l.followup, e.id IS NULL FROM links l"
	" LEFT JOIN entries e ON e.id = l.dst ORDER BY l.src, l.ord";

/* Joins a list with the unit separator, which never occurs in YAML text
 * worth keeping. */
#define LIST_SEP '\x1f'

static int prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st)
{
	return sqlite3_prepare_v2(db, sql, -1, st, NULL) == SQLITE_OK ? 0 : -1;
}

static int exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

/* Runs a statement that returns no rows, then resets it. */
static int run(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Changes when another connection commits to the file. */
static long long data_version(sqlite3 *db)
{
	sqlite3_stmt *st;
	long long v = -1;
	if (prepare(db, "PRAGMA data_version", &st) == 0 && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static char *column_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return isn_strdup(s ? (const char *)s : "");
}

/* ==== writing entries ================================================== */

/* The prepared statements of one update. */
struct writer {
	sqlite3 *db;
	sqlite3_stmt *file_put, *file_del, *diag_put, *diag_del, *entry_put, *fts_put,
		*ref_put, *link_put, *entry_del, *fts_del, *refs_del, *links_del,
		*owner_of_path, *owner_of_id, *claimants, *file_owner, *file_ord, *dirs_clear,
		*dir_put, *walk_clear, *walk_put, *count_add;
	long entries, files; /* rows added (or, below zero, removed) */
};

static const struct {
	size_t offset;
	const char *sql;
} writer_sql[] = {
#define W(field, sql) {offsetof(struct writer, field), sql}
	W(file_put, sql_file_put), W(file_del, sql_file_del), W(diag_put, sql_diag_put),
	W(diag_del, sql_diag_del), W(entry_put, sql_entry_put), W(fts_put, sql_fts_put),
	W(ref_put, sql_ref_put), W(link_put, sql_link_put), W(entry_del, sql_entry_del),
	W(fts_del, sql_fts_del), W(refs_del, sql_refs_del), W(links_del, sql_links_del),
	W(owner_of_path, sql_owner_of_path), W(owner_of_id, sql_owner_of_id),
	W(claimants, sql_file_claimants), W(file_owner, sql_file_owner),
	W(file_ord, sql_file_ord), W(dirs_clear, sql_dirs_clear), W(dir_put, sql_dir_put),
	W(walk_clear, sql_walk_clear), W(walk_put, sql_walk_put), W(count_add, sql_count_add),
#undef W
};

static sqlite3_stmt **writer_stmt(struct writer *w, size_t i)
{
	return (sqlite3_stmt **)((char *)w + writer_sql[i].offset);
}

static void writer_close(struct writer *w)
{
	for (size_t i = 0; i < ISN_ARRAY_LEN(writer_sql); i++)
		sqlite3_finalize(*writer_stmt(w, i));
}

static int writer_open(struct writer *w, sqlite3 *db)
{
	*w = (struct writer){.db = db};
	for (size_t i = 0; i < ISN_ARRAY_LEN(writer_sql); i++)
		if (prepare(db, writer_sql[i].sql, writer_stmt(w, i)) < 0) {
			writer_close(w);
			return -1;
		}
	return 0;
}

static int join_list(struct isn_buf *b, const struct isn_strlist *l)
{
	b->len = 0;
	if (isn_buf_reserve(b, 0) < 0)
		return -1;
	for (size_t i = 0; i < l->n; i++)
		if ((i && isn_buf_addc(b, LIST_SEP) < 0) || isn_buf_adds(b, l->v[i]) < 0)
			return -1;
	return 0;
}

/* References with the titles of their sources, one per line. */
static int refs_text(struct isn_buf *b, const struct entry *e, const struct isn_strlist *refs)
{
	b->len = 0;
	if (isn_buf_reserve(b, 0) < 0)
		return -1;
	for (size_t i = 0; i < refs->n; i++) {
		if (isn_buf_adds(b, refs->v[i]) < 0)
			return -1;
		for (size_t j = 0; j < e->nsources; j++)
			if (e->sources[j].id && e->sources[j].title &&
			    !strcmp(e->sources[j].id, refs->v[i]) &&
			    (isn_buf_addc(b, ' ') < 0 || isn_buf_adds(b, e->sources[j].title) < 0))
				return -1;
		if (isn_buf_addc(b, '\n') < 0)
			return -1;
	}
	return 0;
}

static int notes_text(struct isn_buf *b, const struct entry *e)
{
	b->len = 0;
	if (isn_buf_adds(b, e->notes ? e->notes : "") < 0)
		return -1;
	for (size_t i = 0; i < e->cards_hint.n; i++)
		if (isn_buf_addc(b, '\n') < 0 || isn_buf_adds(b, e->cards_hint.v[i]) < 0)
			return -1;
	return 0;
}

static int put_refs(struct writer *w, const struct entry *e, const struct isn_strlist *l,
		    int kind)
{
	for (size_t i = 0; i < l->n; i++) {
		bind_text(w->ref_put, 1, l->v[i]);
		sqlite3_bind_int64(w->ref_put, 2, e->id);
		sqlite3_bind_int(w->ref_put, 3, kind);
		if (run(w->ref_put) < 0)
			return -1;
	}
	return 0;
}

static int put_links(struct writer *w, const struct entry *e)
{
	for (size_t i = 0; i < e->nlinks; i++) {
		sqlite3_bind_int64(w->link_put, 1, e->id);
		sqlite3_bind_int64(w->link_put, 2, (sqlite3_int64)i);
		sqlite3_bind_int64(w->link_put, 3, e->links[i].target);
		sqlite3_bind_int(w->link_put, 4, e->links[i].origin == LINK_FOLLOWUP);
		if (run(w->link_put) < 0)
			return -1;
	}
	return 0;
}

static int put_head(struct writer *w, const struct entry *e, struct isn_buf *b)
{
	sqlite3_stmt *st = w->entry_put;
	sqlite3_bind_int64(st, 1, e->id);
	bind_text(st, 2, e->path);
	bind_text(st, 3, e->id_text);
	sqlite3_bind_int(st, 4, e->id_line);
	bind_text(st, 5, e->query);
	const struct isn_strlist *lists[] = {&e->packs, &e->primary_ids, &e->overlap_ids,
					     &e->capability_tags};
	for (int i = 0; i < 4; i++) {
		if (join_list(b, lists[i]) < 0)
			return -1;
		bind_text(st, 6 + i, b->data);
	}
	return run(st);
}

static int put_fts(struct writer *w, const struct entry *e, const char *body,
		   struct isn_buf *b)
{
	sqlite3_stmt *st = w->fts_put;
	char id[16];
	entry_id_format(e->id, id);
	sqlite3_bind_int64(st, 1, e->id);
	bind_text(st, 2, id);
	bind_text(st, 3, e->query);
	if (refs_text(b, e, &e->primary_ids) < 0)
		return -1;
	bind_text(st, 4, b->data);
	if (refs_text(b, e, &e->overlap_ids) < 0)
		return -1;
	bind_text(st, 5, b->data);
	if (notes_text(b, e) < 0)
		return -1;
	bind_text(st, 6, b->data);
	if (join_list(b, &e->capability_tags) < 0)
		return -1;
	bind_text(st, 7, b->data);
	if (join_list(b, &e->packs) < 0)
		return -1;
	bind_text(st, 8, b->data);
	bind_text(st, 9, body);
	return run(st);
}

static int put_entry(struct writer *w, const struct entry *e, const char *body)
{
	w->entries++;
	struct isn_buf b = {0};
	int rc = put_head(w, e, &b) == 0 && put_fts(w, e, body, &b) == 0 &&
			 put_refs(w, e, &e->primary_ids, 0) == 0 &&
			 put_refs(w, e, &e->overlap_ids, 1) == 0 && put_links(w, e) == 0
		 ? 0
		 : -1;
	isn_buf_free(&b);
	return rc;
}

static int delete_entry(struct writer *w, sqlite3_int64 id)
{
	sqlite3_stmt *st[] = {w->fts_del, w->entry_del, w->refs_del, w->links_del};
	for (size_t i = 0; i < ISN_ARRAY_LEN(st); i++) {
		sqlite3_bind_int64(st[i], 1, id);
		if (run(st[i]) < 0)
			return -1;
		if (st[i] == w->entry_del)
			w->entries -= sqlite3_changes(w->db);
	}
	return 0;
}

/* Forgets a file: its row, its diagnostics and the entry it owned. */
static int forget_file(struct writer *w, const char *path, sqlite3_int64 *owned)
{
	*owned = -1;
	bind_text(w->owner_of_path, 1, path);
	if (sqlite3_step(w->owner_of_path) == SQLITE_ROW)
		*owned = sqlite3_column_int64(w->owner_of_path, 0);
	sqlite3_reset(w->owner_of_path);
	if (*owned >= 0 && delete_entry(w, *owned) < 0)
		return -1;
	bind_text(w->file_del, 1, path);
	bind_text(w->diag_del, 1, path);
	if (run(w->file_del) < 0)
		return -1;
	w->files -= sqlite3_changes(w->db);
	return run(w->diag_del);
}

/* ==== parsing files ==================================================== */

/* One file read and parsed for the index. */
struct parsed {
	long long size, mtime, ctime;
	bool final;          /* false: could not be read, try again next time */
	enum entry_status status;
	struct entry *e;
	char *body;          /* the answer's words */
	struct diag_list diags;
};

static void parsed_free(struct parsed *p)
{
	entry_free(p->e);
	free(p->body);
	diag_list_free(&p->diags);
	*p = (struct parsed){0};
}

/* Reads a file the way corpus_load does, with the same messages. */
static char *read_file(const char *path, struct parsed *p, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		diag_add(&p->diags, DIAG_ERROR, path, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	struct stat st;
	char *data = NULL;
	if (fstat(fd, &st) == 0) {
		p->size = (long long)st.st_size;
		p->mtime = mtime_ns(&st);
		p->ctime = ctime_ns(&st);
		size_t want = st.st_size > ENTRY_MAX_BYTES ? 0 : (size_t)st.st_size;
		data = malloc(want + 2);
	}
	*len = 0;
	ssize_t r = 0;
	/* one byte past the size tells a file that grew (or grew too big);
	 * a short read once the size is reached is the end, with no second
	 * read to be told so */
	while (data && p->size <= ENTRY_MAX_BYTES) {
		size_t want = (size_t)p->size + 1 - *len;
		if ((r = read(fd, data + *len, want)) <= 0)
			break;
		*len += (size_t)r;
		if ((size_t)r < want && *len >= (size_t)p->size)
			break;
	}
	close(fd);
	p->final = true;
	if (p->size > ENTRY_MAX_BYTES || *len > ENTRY_MAX_BYTES) {
		diag_add(&p->diags, DIAG_ERROR, path, 0,
			 "file is %lld bytes; entries are limited to %u bytes (1 MiB)",
			 p->size > (long long)*len ? p->size : (long long)*len, ENTRY_MAX_BYTES);
		free(data);
		return NULL;
	}
	if (!data || r < 0) {
		diag_add(&p->diags, DIAG_ERROR, path, 0, "cannot read: %s",
			 data ? "read error" : "out of memory");
		p->final = false;
		free(data);
		return NULL;
	}
	return data;
}

static void parse_file(const char *path, struct parsed *p)
{
	*p = (struct parsed){.size = -1, .status = ENTRY_BROKEN};
	size_t len;
	char *data = read_file(path, p, &len);
	if (!data)
		return;
	p->status = entry_parse(path, data, len, &p->diags, &p->e);
	free(data);
	if (p->status == ENTRY_OK) {
		p->body = answer_text(p->e->body, p->e->body_len, p->e->query);
		if (!p->body) {
			diag_add(&p->diags, DIAG_ERROR, path, 0, "out of memory");
			p->status = ENTRY_BROKEN;
			p->final = false;
		}
	}
}

/* ==== updating ========================================================= */

struct update {
	struct search_index *idx;
	struct scan *scan;
	struct writer w;
	size_t *order;   /* indexes of the files to parse, in load order */
	size_t norder, order_cap;
};

static int mark_parse(struct update *u, size_t i)
{
	if (u->scan->v[i].parse)
		return 0;
	u->scan->v[i].parse = true;
	if (isn_grow(&u->order, &u->order_cap, u->norder + 1, sizeof(*u->order)) < 0)
		return -1;
	u->order[u->norder++] = i;
	return 0;
}

static bool changed(const struct cfile *f)
{
	return f->db_size == NOT_INDEXED || !f->db_final || f->size < 0 ||
	       f->size != f->db_size || f->mtime != f->db_mtime || f->ctime != f->db_ctime;
}

/* Marks the new and changed files for parsing. */
static int mark_changes(struct update *u)
{
	for (size_t i = 0; i < u->scan->n; i++)
		if (changed(&u->scan->v[i]) && mark_parse(u, i) < 0)
			return -1;
	return 0;
}

static void set_indexed(struct cfile *f, sqlite3_stmt *st)
{
	f->db_size = sqlite3_column_int64(st, 1);
	f->db_mtime = sqlite3_column_int64(st, 2);
	f->db_final = sqlite3_column_int(st, 3) != 0;
	f->db_ord = (long)sqlite3_column_int64(st, 4);
	f->db_ctime = sqlite3_column_int64(st, 5);
}

/* Reads what the index knows of the scanned files, and which indexed
 * files are gone. */
static int attach_index(sqlite3 *db, struct scan *s)
{
	sqlite3_stmt *st;
	if (prepare(db, sql_files_all, &st) < 0)
		return -1;
	isn_strlist_free(&s->gone);
	for (size_t i = 0; i < s->n; i++) {
		s->v[i].db_size = NOT_INDEXED;
		s->v[i].parse = false;
	}
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(st, 0);
		long i = scan_find(s, path, (size_t)sqlite3_column_bytes(st, 0));
		if (i >= 0)
			set_indexed(&s->v[i], st);
		else if (isn_strlist_push(&s->gone, path) < 0)
			break;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* When a file that owned an ID changes or goes, another file declaring
 * the same ID (a duplicate so far) may own it now: parse those again. */
static int reclaim(struct update *u, sqlite3_int64 id, const char *path)
{
	sqlite3_stmt *st = u->w.claimants;
	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, path);
	int rc = 0;
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		const char *p = (const char *)sqlite3_column_text(st, 0);
		long i = scan_find(u->scan, p, (size_t)sqlite3_column_bytes(st, 0));
		if (i >= 0)
			rc = mark_parse(u, (size_t)i);
	}
	sqlite3_reset(st);
	return rc;
}

static int forget_and_reclaim(struct update *u, const char *path)
{
	sqlite3_int64 owned;
	if (forget_file(&u->w, path, &owned) < 0)
		return -1;
	return owned >= 0 ? reclaim(u, owned, path) : 0;
}

static int put_diags(struct writer *w, const char *path, const struct diag_list *d)
{
	for (size_t i = 0; i < d->n; i++) {
		bind_text(w->diag_put, 1, path);
		sqlite3_bind_int64(w->diag_put, 2, (sqlite3_int64)i);
		sqlite3_bind_int(w->diag_put, 3, d->v[i].level);
		sqlite3_bind_int(w->diag_put, 4, d->v[i].line);
		bind_text(w->diag_put, 5, d->v[i].message);
		if (run(w->diag_put) < 0)
			return -1;
	}
	return 0;
}

static int put_file(struct update *u, size_t i, const struct parsed *p)
{
	sqlite3_stmt *st = u->w.file_put;
	const char *path = u->scan->v[i].path;
	bind_text(st, 1, path);
	sqlite3_bind_int64(st, 2, p->size);
	sqlite3_bind_int64(st, 3, p->mtime);
	if (p->status == ENTRY_OK)
		sqlite3_bind_int64(st, 4, p->e->id);
	else
		sqlite3_bind_null(st, 4);
	sqlite3_bind_int(st, 5, p->e ? p->e->id_line : 0);
	/* a content change moves both times: the newer mtime tells a racy one */
	sqlite3_bind_int(st, 6, p->final && !racy(u->scan, p->mtime));
	sqlite3_bind_int64(st, 7, (sqlite3_int64)i);
	sqlite3_bind_int64(st, 8, p->ctime);
	u->w.files++;
	return run(st) == 0 && put_diags(&u->w, path, &p->diags) == 0 ? 0 : -1;
}

static int set_owner(struct update *u, const char *path, int owner)
{
	bind_text(u->w.file_owner, 1, path);
	sqlite3_bind_int(u->w.file_owner, 2, owner);
	return run(u->w.file_owner);
}

/* Adds a parsed entry unless a file earlier in load order owns its ID
 * (then it is a duplicate, reported at load); a later owner gives way. */
static int claim(struct update *u, size_t i, const struct parsed *p)
{
	sqlite3_stmt *st = u->w.owner_of_id;
	sqlite3_bind_int64(st, 1, p->e->id);
	long owner = -1;
	bool taken = false;
	if (sqlite3_step(st) == SQLITE_ROW) {
		taken = true;
		owner = scan_find(u->scan, (const char *)sqlite3_column_text(st, 0),
				  (size_t)sqlite3_column_bytes(st, 0));
	}
	sqlite3_reset(st);
	if (taken && owner >= 0 && (size_t)owner < i)
		return 0;
	if (taken && (delete_entry(&u->w, p->e->id) < 0 ||
		      (owner >= 0 && set_owner(u, u->scan->v[owner].path, 0) < 0)))
		return -1;
	if (put_entry(&u->w, p->e, p->body) < 0)
		return -1;
	return set_owner(u, u->scan->v[i].path, 1);
}

/* Stores one parsed file: its record, and its entry when it has one. */
static int store_file(struct update *u, size_t i, const struct parsed *p)
{
	int rc = put_file(u, i, p);
	if (rc == 0 && p->status == ENTRY_OK)
		rc = claim(u, i, p);
	return rc;
}

/* ---- parsing in parallel ---------------------------------------------- */

/* Files are parsed by worker threads, at most PARSE_WINDOW ahead of the
 * thread that stores them in load order; that thread parses the next file
 * itself when no worker has taken it yet. */
struct parse_pool {
	const struct scan *scan;
	const size_t *order;
	size_t n;
	struct parsed slot[PARSE_WINDOW];
	bool ready[PARSE_WINDOW];
	size_t next;      /* the next job to take */
	size_t stored;    /* jobs stored so far */
	bool stop;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	pthread_t th[MAX_THREADS];
	size_t nth;
};

/* Takes the next job if it lies within the window; -1 when none. */
static long take_job(struct parse_pool *p, bool wait)
{
	while (!p->stop && p->next < p->n && p->next >= p->stored + PARSE_WINDOW && wait)
		pthread_cond_wait(&p->changed, &p->lock);
	if (p->stop || p->next >= p->n || p->next >= p->stored + PARSE_WINDOW)
		return -1;
	return (long)p->next++;
}

/* Parses job k, outside the lock (held on entry and on return), into its
 * slot. */
static void parse_job(struct parse_pool *p, size_t k)
{
	pthread_mutex_unlock(&p->lock);
	struct parsed r;
	parse_file(p->scan->v[p->order[k]].path, &r);
	pthread_mutex_lock(&p->lock);
	p->slot[k % PARSE_WINDOW] = r;
	p->ready[k % PARSE_WINDOW] = true;
}

static void *parse_worker(void *arg)
{
	struct parse_pool *p = arg;
	pthread_mutex_lock(&p->lock);
	for (long k; (k = take_job(p, true)) >= 0;) {
		parse_job(p, (size_t)k);
		pthread_cond_broadcast(&p->changed);
	}
	pthread_mutex_unlock(&p->lock);
	md_arena_release();
	return NULL;
}

/* The parse of job k: parsed here when no worker took it yet. While a
 * worker is still parsing it, this thread parses a later job rather than
 * wait idle. */
static void next_parsed(struct parse_pool *p, size_t k, struct parsed *out)
{
	pthread_mutex_lock(&p->lock);
	if (p->next == k) {
		p->next++;
		pthread_mutex_unlock(&p->lock);
		parse_file(p->scan->v[p->order[k]].path, out);
		return;
	}
	while (!p->ready[k % PARSE_WINDOW]) {
		long j = take_job(p, false);
		if (j < 0)
			pthread_cond_wait(&p->changed, &p->lock);
		else
			parse_job(p, (size_t)j);
	}
	*out = p->slot[k % PARSE_WINDOW];
	p->ready[k % PARSE_WINDOW] = false;
	pthread_mutex_unlock(&p->lock);
}

static void job_done(struct parse_pool *p)
{
	pthread_mutex_lock(&p->lock);
	p->stored++;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
}

static void parse_pool_start(struct parse_pool *p)
{
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->changed, NULL);
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	size_t want = ncpu < 2 ? 0 : ncpu > MAX_THREADS ? MAX_THREADS - 1 : (size_t)ncpu - 1;
	if (p->n < PARALLEL_MIN_PARSE)
		want = 0;
	while (p->nth < want && pthread_create(&p->th[p->nth], NULL, parse_worker, p) == 0)
		p->nth++;
}

/* Stops the workers and frees what they parsed but nobody stored. */
static void parse_pool_stop(struct parse_pool *p)
{
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
	for (size_t i = 0; i < p->nth; i++)
		pthread_join(p->th[i], NULL);
	for (size_t i = 0; i < PARSE_WINDOW; i++)
		if (p->ready[i])
			parsed_free(&p->slot[i]);
	md_arena_release(); /* this thread's, from the files it parsed */
	pthread_cond_destroy(&p->changed);
	pthread_mutex_destroy(&p->lock);
}

/* Parses the files of u->order and stores them, in that order. */
static int index_files(struct update *u)
{
	struct parse_pool *p = calloc(1, sizeof(*p));
	if (!p)
		return -1;
	*p = (struct parse_pool){.scan = u->scan, .order = u->order, .n = u->norder};
	parse_pool_start(p);
	int rc = 0;
	for (size_t k = 0; rc == 0 && k < u->norder; k++) {
		struct parsed r;
		next_parsed(p, k, &r);
		rc = store_file(u, u->order[k], &r);
		parsed_free(&r);
		job_done(p);
	}
	parse_pool_stop(p);
	free(p);
	return rc;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

/* Writes what the walk found: the folders with their times (a racy time
 * is never matched again), the walk's messages, each file's place. */
static int put_layout(struct update *u)
{
	struct scan *s = u->scan;
	int rc = run(u->w.dirs_clear) == 0 && run(u->w.walk_clear) == 0 ? 0 : -1;
	for (size_t i = 0; rc == 0 && i < s->ndirs; i++) {
		bind_text(u->w.dir_put, 1, s->dirs[i].path);
		sqlite3_bind_int64(u->w.dir_put, 2, racy(s, s->dirs[i].mtime) ? -1 : s->dirs[i].mtime);
		sqlite3_bind_int64(u->w.dir_put, 3, s->dirs[i].ctime);
		rc = run(u->w.dir_put);
	}
	for (size_t i = 0; rc == 0 && i < s->walk_diags.n; i++) {
		const struct diag *d = &s->walk_diags.v[i];
		sqlite3_bind_int64(u->w.walk_put, 1, (sqlite3_int64)i);
		sqlite3_bind_int(u->w.walk_put, 2, d->level);
		bind_text(u->w.walk_put, 3, d->path);
		sqlite3_bind_int(u->w.walk_put, 4, d->line);
		bind_text(u->w.walk_put, 5, d->message);
		rc = run(u->w.walk_put);
	}
	for (size_t i = 0; rc == 0 && i < s->n; i++) {
		if (s->v[i].parse || s->v[i].db_ord == (long)i)
			continue;
		bind_text(u->w.file_ord, 1, s->v[i].path);
		sqlite3_bind_int64(u->w.file_ord, 2, (sqlite3_int64)i);
		rc = run(u->w.file_ord);
	}
	return rc;
}

/* The counts of entries and files are kept in meta, changed by what
 * each update added and removed: counting rows reads whole tables. */
static int add_count(struct writer *w, const char *key, long delta)
{
	bind_text(w->count_add, 1, key);
	sqlite3_bind_int64(w->count_add, 2, delta);
	return run(w->count_add);
}

/* Applies the changes inside the current transaction. */
static int apply_changes(struct update *u)
{
	struct scan *s = u->scan;
	for (size_t i = 0; i < s->gone.n; i++)
		if (forget_and_reclaim(u, s->gone.v[i]) < 0)
			return -1;
	/* reclaim() may add files while this loop runs */
	for (size_t k = 0; k < u->norder; k++)
		if (s->v[u->order[k]].db_size != NOT_INDEXED &&
		    forget_and_reclaim(u, s->v[u->order[k]].path) < 0)
			return -1;
	if (u->norder > 1)
		qsort(u->order, u->norder, sizeof(*u->order), cmp_size);
	if (index_files(u) < 0)
		return -1;
	if (s->walked && put_layout(u) < 0)
		return -1;
	u->idx->stats.parsed += u->norder;
	u->idx->stats.removed += s->gone.n;
	return add_count(&u->w, "entries", u->w.entries) == 0 &&
			       add_count(&u->w, "files", u->w.files) == 0
		       ? 0
		       : -1;
}

static int copy_to_memory(struct search_index *idx);

/* Writes the changes in one transaction, comparing again under the write
 * lock: another ismsnav may have brought the index up to date since. */
static int write_changes(struct search_index *idx, struct scan *scan)
{
	if (sqlite3_db_readonly(idx->db, "main") == 1) {
		if (copy_to_memory(idx) < 0)
			return -1;
		scan->version = -1;
		idx->stats.in_memory = true;
		idx->why = "the cache file is read-only";
	}
	struct update u = {.idx = idx, .scan = scan};
	int rc = exec(idx->db, "BEGIN IMMEDIATE");
	/* what was listed still holds when no one else wrote since */
	bool stale = scan->walked || scan->version < 0 || data_version(idx->db) != scan->version;
	if (rc == 0 && stale)
		rc = attach_index(idx->db, scan);
	if (rc == 0)
		rc = mark_changes(&u);
	if (rc == 0 && (rc = writer_open(&u.w, idx->db)) == 0) {
		rc = apply_changes(&u);
		writer_close(&u.w);
	}
	if (rc == 0)
		rc = exec(idx->db, "COMMIT");
	if (rc < 0)
		exec(idx->db, "ROLLBACK");
	free(u.order);
	return rc;
}

static void forget_kept(struct search_index *idx);

/* Brings the index up to date with the scan. A scan listed from the
 * index takes the write lock only when some file changed; a walked one
 * always writes, to record the folders' times. */
static int update_index(struct search_index *idx, struct scan *scan)
{
	forget_kept(idx);
	scan_statted(scan);
	bool any = scan->walked;
	for (size_t i = 0; i < scan->n && !any; i++)
		any = changed(&scan->v[i]);
	if (!any)
		return 0;
	return scan_ready(scan) == 0 ? write_changes(idx, scan) : -1;
}

/* ==== opening ========================================================== */

static char *cache_dir(const struct search_opts *o)
{
	if (o && o->cache_dir)
		return isn_strdup(o->cache_dir);
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	if (xdg && *xdg == '/')
		return isn_asprintf("%s/ismsnav", xdg);
	if (home && *home)
		return isn_asprintf("%s/.cache/ismsnav", home);
	return NULL;
}

/* The corpus set, as written and as absolute paths: it names the cache
 * file (hashed) and is checked against the file's meta table. */
static char *corpus_key(const char *const *paths, size_t npaths)
{
	struct isn_buf b = {0};
	for (size_t i = 0; i < npaths; i++) {
		char *abs = realpath(paths[i], NULL);
		isn_buf_printf(&b, "%s\t%s\n", paths[i], abs ? abs : "");
		free(abs);
	}
	return b.data ? isn_buf_take(&b) : isn_strdup("");
}

static char *cache_file(const struct search_opts *o, const char *key)
{
	char *dir = cache_dir(o);
	if (!dir || isn_mkdir_p(dir) < 0) {
		free(dir);
		return NULL;
	}
	char *file = isn_asprintf("%s/search-%016llx.db", dir,
				  (unsigned long long)hash_str(key, strlen(key)));
	free(dir);
	return file;
}

static int open_db(struct search_index *idx, const char *file, int flags, sqlite3 **db)
{
	*db = NULL;
	/* one connection per thread: SQLite's own locking is not needed */
	int rc = sqlite3_open_v2(file, db, flags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(*db, SEARCH_BUSY_MS);
		if (register_fts5(*db, &idx->rank) < 0)
			rc = SQLITE_ERROR;
	}
	if (rc != SQLITE_OK) {
		sqlite3_close(*db);
		*db = NULL;
		return -1;
	}
	return 0;
}

static int meta_put(sqlite3 *db, const char *key, const char *value)
{
	sqlite3_stmt *st;
	if (prepare(db, sql_meta_put, &st) < 0)
		return -1;
	bind_text(st, 1, key);
	bind_text(st, 2, value);
	int rc = run(st);
	sqlite3_finalize(st);
	return rc;
}

/* True when the meta value of key equals want. */
static bool meta_is(sqlite3 *db, const char *key, const char *want)
{
	sqlite3_stmt *st;
	if (prepare(db, sql_meta_get, &st) < 0)
		return false;
	bind_text(st, 1, key);
	bool same = sqlite3_step(st) == SQLITE_ROW &&
		    !strcmp((const char *)sqlite3_column_text(st, 0), want);
	sqlite3_finalize(st);
	return same;
}

static int user_version(sqlite3 *db)
{
	sqlite3_stmt *st;
	int v = -1;
	if (prepare(db, "PRAGMA user_version", &st) == 0 && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Creates the schema in an empty database. */
static int init_db(sqlite3 *db, const char *key)
{
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", SEARCH_FORMAT);
	return exec(db, sql_schema) == 0 && exec(db, pragma) == 0 &&
			       meta_put(db, "magic", SEARCH_MAGIC) == 0 &&
			       meta_put(db, "corpus", key) == 0 && meta_put(db, "entries", "0") == 0 &&
			       meta_put(db, "files", "0") == 0
		       ? 0
		       : -1;
}

/* Opens an existing cache file and checks that it is ours, of this
 * format and for this corpus set; says why not in *why. */
static int open_existing(struct search_index *idx, const char **why)
{
	if (access(idx->file, F_OK) != 0) {
		*why = "no index yet";
		return -1;
	}
	if (open_db(idx, idx->file, SQLITE_OPEN_READWRITE, &idx->db) < 0) {
		*why = "the index could not be opened";
		return -1;
	}
	int v = user_version(idx->db);
	*why = v < 0                                   ? "the index file was damaged"
	       : v != SEARCH_FORMAT                    ? "the index was of another format"
	       : !meta_is(idx->db, "magic", SEARCH_MAGIC) ? "the cache file was not an index"
	       : !meta_is(idx->db, "corpus", idx->key) ? "the index was of another corpus"
						       : NULL;
	if (*why) {
		sqlite3_close(idx->db);
		idx->db = NULL;
		return -1;
	}
	exec(idx->db, "PRAGMA synchronous = NORMAL");
	return 0;
}

/* ==== listing the corpus =============================================== */

/* Stats the roots as corpus_catalog_scan does: one that cannot be read
 * is reported and left out. Sets ok[i]; *all_dirs when every root is a
 * folder. Returns 0, or 1 when a root could not be read. */
static int check_roots(struct search_index *idx, bool *ok, bool *all_dirs,
		       struct diag_list *diags)
{
	int rc = 0;
	*all_dirs = true;
	for (size_t i = 0; i < idx->npaths; i++) {
		struct stat st;
		ok[i] = stat(idx->paths[i], &st) == 0;
		if (!ok[i]) {
			diag_add(diags, DIAG_ERROR, idx->paths[i], 0, "cannot read: %s", strerror(errno));
			rc = 1;
		}
		*all_dirs &= ok[i] && S_ISDIR(st.st_mode);
	}
	return rc;
}

static bool root_listed(const struct search_index *idx, const char *path, bool *seen)
{
	for (size_t i = 0; i < idx->npaths; i++)
		if (!strcmp(idx->paths[i], path))
			return seen[i] = true;
	return false;
}

/* True when every folder walked last time still has its recorded times
 * and every root was among them: then no file was added, removed or
 * renamed, and the index's list of files is the corpus's. */
static bool folders_unchanged(struct search_index *idx)
{
	sqlite3_stmt *st;
	bool *seen = calloc(idx->npaths + 1, sizeof(*seen));
	if (!seen || prepare(idx->db, sql_dirs_all, &st) < 0) {
		free(seen);
		return false;
	}
	bool same = true;
	while (same && sqlite3_step(st) == SQLITE_ROW) {
		struct stat s;
		const char *path = (const char *)sqlite3_column_text(st, 0);
		same = stat(path, &s) == 0 && mtime_ns(&s) == sqlite3_column_int64(st, 1) &&
		       ctime_ns(&s) == sqlite3_column_int64(st, 2);
		root_listed(idx, path, seen);
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < idx->npaths; i++)
		same &= seen[i];
	free(seen);
	return same;
}

static size_t meta_count(sqlite3 *db, const char *key)
{
	sqlite3_stmt *st;
	size_t n = 0;
	if (prepare(db, sql_meta_get, &st) == 0) {
		bind_text(st, 1, key);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = (size_t)sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return n;
}

/* A copy of the n bytes at p kept with the scan. */
static char *keep_name(struct scan *s, const char *p, size_t n)
{
	struct name_block *b = s->names;
	if (!p)
		p = "";
	if (!b || b->cap - b->used < n + 1) {
		size_t cap = n + 1 > 65536 ? n + 1 : 65536;
		if (!(b = malloc(sizeof(*b) + cap)))
			return NULL;
		*b = (struct name_block){.next = s->names, .cap = cap};
		s->names = b;
	}
	char *out = b->data + b->used;
	memcpy(out, p, n);
	out[n] = '\0';
	b->used += n + 1;
	return out;
}

/* Reads the index's files into s, and starts threads that stat them
 * meanwhile (scan_statted waits for them). The array is sized once from
 * the stored count: the threads read it as it fills. */
static int read_files(sqlite3 *db, struct scan *s, bool busy)
{
	sqlite3_stmt *st;
	size_t expect = meta_count(db, "files");
	if (prepare(db, sql_files_all, &st) < 0 ||
	    isn_grow(&s->v, &s->cap, expect + 1, sizeof(*s->v)) < 0 ||
	    !(s->pool = malloc(sizeof(*s->pool)))) {
		sqlite3_finalize(st);
		return -1;
	}
	pool_start(s->pool, s->v, expect, busy);
	int rc;
	struct cfile *f;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *path = keep_name(s, (const char *)sqlite3_column_text(st, 0),
				       (size_t)sqlite3_column_bytes(st, 0));
		if (s->n == s->cap || !path)
			break;
		f = &s->v[s->n++];
		*f = (struct cfile){.path = path, .size = -1, .borrowed = true};
		set_indexed(f, st);
		if (s->n % STAT_CHUNK == 0)
			pool_ready(s->pool, s->n);
	}
	pool_listed(s->pool, s->n);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Appends the messages the last walk met, as kept in the index. */
static int read_walk_diags(sqlite3 *db, struct diag_list *diags)
{
	sqlite3_stmt *st;
	if (prepare(db, sql_walk_all, &st) < 0)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW)
		diag_add(diags, sqlite3_column_int(st, 0) ? DIAG_ERROR : DIAG_WARNING,
			 (const char *)sqlite3_column_text(st, 1), sqlite3_column_int(st, 2), "%s",
			 (const char *)sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	return 0;
}

/* Lists the files from the index, with the messages the last walk met.
 * The files are still being stat()ed on return. */
static int list_from_index(sqlite3 *db, struct scan *s, bool busy)
{
	s->version = data_version(db);
	if (read_files(db, s, busy) < 0)
		return -1;
	return read_walk_diags(db, &s->walk_diags);
}

/* Lists the corpus's files with their sizes and times: from the index
 * when no folder changed, else by walking. A list from the index may
 * still be being stat()ed on return (see scan_statted); busy when this
 * thread has other work to do meanwhile. */
static int list_corpus(struct search_index *idx, struct scan *s, const bool *ok, bool all_dirs,
		       bool busy, struct diag_list *diags)
{
	*s = (struct scan){.now = now_ns(), .version = -1};
	if (!(idx->db && all_dirs && folders_unchanged(idx) &&
	      list_from_index(idx->db, s, busy) == 0)) {
		scan_free(s);
		*s = (struct scan){.now = now_ns(), .version = -1};
		walk_roots(s, idx->paths, idx->npaths, ok);
	}
	copy_diags(diags, &s->walk_diags);
	if (!s->walked)
		return 0;
	/* with no index to compare with, every file is parsed, and the parse
	 * records the size and times it read */
	if (idx->db)
		stat_files(s);
	return scan_hash(s);
}

/* Builds a complete index in a new database at file (":memory:" for
 * none) from a walked scan. */
static int build(struct search_index *idx, const char *file, struct scan *scan)
{
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (open_db(idx, file, flags, &idx->db) < 0)
		return -1;
	/* bigger pages: fewer reads when a whole table is listed */
	exec(idx->db, "PRAGMA page_size = " SEARCH_PAGE_SIZE);
	/* a temporary file until renamed: nothing to protect yet */
	exec(idx->db, "PRAGMA journal_mode = OFF");
	exec(idx->db, "PRAGMA synchronous = OFF");
	idx->stats.rebuilt = true;
	bool ok = init_db(idx->db, idx->key) == 0;
	/* (an SQLite without the setting builds as before) */
	if (ok)
		exec(idx->db, sql_build_settings);
	ok = ok && update_index(idx, scan) == 0;
	if (ok)
		exec(idx->db, sql_update_settings);
	if (!ok || exec(idx->db, sql_indexes) < 0 || exec(idx->db, sql_optimize) < 0) {
		sqlite3_close(idx->db);
		idx->db = NULL;
		return -1;
	}
	return 0;
}

/* Builds the cache file anew: into a temporary file renamed over it, so
 * that no reader ever sees half an index. */
static int rebuild_file(struct search_index *idx, struct scan *scan)
{
	char *tmp = isn_asprintf("%s.%ld.tmp", idx->file, (long)getpid());
	if (!tmp)
		return -1;
	unlink(tmp);
	int rc = build(idx, tmp, scan);
	if (rc == 0) {
		sqlite3_close(idx->db);
		idx->db = NULL;
		rc = rename(tmp, idx->file) == 0 ? 0 : -1;
	}
	if (rc == 0)
		rc = open_db(idx, idx->file, SQLITE_OPEN_READWRITE, &idx->db);
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* A cache file we may not write: copy it into memory to update it. */
static int copy_to_memory(struct search_index *idx)
{
	sqlite3 *mem;
	if (open_db(idx, ":memory:", SQLITE_OPEN_READWRITE, &mem) < 0)
		return -1;
	sqlite3_backup *b = sqlite3_backup_init(mem, "main", idx->db, "main");
	int rc = b && sqlite3_backup_step(b, -1) == SQLITE_DONE ? 0 : -1;
	sqlite3_backup_finish(b);
	sqlite3_close(idx->db);
	idx->db = rc == 0 ? mem : NULL;
	if (rc < 0)
		sqlite3_close(mem);
	return rc;
}

static void reset_counts(struct search_index *idx)
{
	idx->stats.parsed = idx->stats.removed = 0;
	idx->stats.rebuilt = idx->stats.watched = false;
}

/* A new index: the cache file rebuilt, else one in memory. */
static int rebuild(struct search_index *idx, struct scan *scan)
{
	reset_counts(idx);
	if (idx->file && !idx->stats.in_memory && rebuild_file(idx, scan) == 0)
		return 0;
	if (idx->file && !idx->stats.in_memory)
		idx->why = "the cache folder cannot be written";
	reset_counts(idx);
	idx->stats.in_memory = true;
	return build(idx, ":memory:", scan);
}

/* Diagnostics stored with the files, and duplicate IDs, reported as
 * corpus_load reports them. */
int search_file_diags(struct search_index *idx, struct diag_list *diags)
{
	settle(idx);
	copy_diags(diags, &idx->late_diags);
	diag_list_free(&idx->late_diags);
	if (!idx->db)
		return -1;
	sqlite3_stmt *st;
	if (prepare(idx->db, sql_diags_all, &st) < 0)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW)
		diag_add(diags, sqlite3_column_int(st, 1) ? DIAG_ERROR : DIAG_WARNING,
			 (const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 2), "%s",
			 (const char *)sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	if (prepare(idx->db, sql_duplicates, &st) < 0)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		char id[16];
		entry_id_format((unsigned)sqlite3_column_int64(st, 2), id);
		diag_add(diags, DIAG_ERROR, (const char *)sqlite3_column_text(st, 0),
			 sqlite3_column_int(st, 1), "duplicate id %s (already defined at %s:%d); skipped",
			 id, (const char *)sqlite3_column_text(st, 3), sqlite3_column_int(st, 4));
	}
	sqlite3_finalize(st);
	return 0;
}

static void finalize_queries(struct search_index *idx)
{
	sqlite3_finalize(idx->q_match);
	sqlite3_finalize(idx->q_hits);
	sqlite3_finalize(idx->q_hit_one);
	sqlite3_finalize(idx->q_term);
	sqlite3_finalize(idx->q_version);
	idx->q_match = idx->q_hits = idx->q_hit_one = idx->q_term = idx->q_version = NULL;
	forget_kept(idx);
}

/* Brings an open index up to date; on failure (a damaged file) closes
 * it, and walks the corpus when the scan came from it. */
static void update_open(struct search_index *idx, struct scan *scan, const bool *ok)
{
	if (update_index(idx, scan) == 0)
		return;
	int err = sqlite3_errcode(idx->db);
	idx->why = err == SQLITE_CORRUPT || err == SQLITE_NOTADB ? "the index file was damaged"
								  : "the index could not be updated";
	sqlite3_close(idx->db);
	idx->db = NULL;
	if (!scan->walked) {
		struct diag_list ignore = {0};
		scan_free(scan);
		list_corpus(idx, scan, ok, false, false, &ignore);
		diag_list_free(&ignore);
	}
}

/* Brings the index up to date with idx->scan (listed by list_corpus,
 * with rc its result) and forgets the scan. */
static int finish_refresh(struct search_index *idx, int rc, struct diag_list *diags)
{
	struct scan *scan = &idx->scan;
	idx->pending = false;
	if (rc == 0 && idx->db)
		update_open(idx, scan, idx->ok);
	if (rc == 0 && !idx->db)
		rc = rebuild(idx, scan);
	idx->stats.files = scan->n;
	idx->stats.entries = idx->db ? meta_count(idx->db, "entries") : 0;
	idx->stats.why = idx->why;
	scan_free(scan);
	free(idx->ok);
	idx->ok = NULL;
	/* the check began after the watcher's answer: it saw every change the
	 * watcher had counted */
	if (rc == 0 && idx->db && !idx->stats.in_memory)
		watch_done(idx->file, idx->watch_token);
	idx->watch_token = 0;
	if (rc < 0) {
		diag_add(diags, DIAG_ERROR, idx->file ? idx->file : "(memory)", 0,
			 "cannot build the search index: %s",
			 idx->db ? sqlite3_errmsg(idx->db) : "out of memory");
		return -1;
	}
	return 0;
}

/* Finishes a refresh left pending (search_opts' check_later): returns
 * 0 when no file had changed, 1 when the index was brought up to date,
 * -1 when it could not be (reported by search_file_diags). */
static int settle(struct search_index *idx)
{
	if (!idx->pending || idx->reading)
		return 0;
	struct scan *scan = &idx->scan;
	scan_statted(scan);
	bool any = false;
	for (size_t i = 0; i < scan->n && !any; i++)
		any = changed(&scan->v[i]);
	if (any)
		finalize_queries(idx); /* the database may be replaced */
	if (finish_refresh(idx, 0, &idx->late_diags) < 0)
		return -1;
	return any;
}

/* Asks the corpus's watcher (`ismsnav watch`), if one runs, whether any
 * file changed since the index was last brought up to date. When none
 * did, the index is the corpus's as it is: nothing is stat()ed. */
static bool trust_watcher(struct search_index *idx, struct diag_list *diags)
{
	idx->watch_token = 0;
	if (!idx->db || idx->stats.in_memory ||
	    watch_ask(idx->file, &idx->watch_token) != WATCH_CLEAN)
		return false;
	struct diag_list walk = {0};
	bool ok = read_walk_diags(idx->db, &walk) == 0;
	if (ok) {
		copy_diags(diags, &walk);
		free(idx->ok);
		idx->ok = NULL;
		idx->stats.files = meta_count(idx->db, "files");
		idx->stats.entries = meta_count(idx->db, "entries");
		idx->stats.why = idx->why;
		idx->stats.watched = true;
	}
	diag_list_free(&walk);
	return ok;
}

int search_refresh(struct search_index *idx, struct diag_list *diags)
{
	settle(idx);
	copy_diags(diags, &idx->late_diags);
	diag_list_free(&idx->late_diags);
	bool all_dirs;
	if (!(idx->ok = calloc(idx->npaths + 1, sizeof(*idx->ok))))
		return -1;
	finalize_queries(idx);
	reset_counts(idx);
	if (!idx->stats.in_memory)
		idx->why = NULL;
	int walked = check_roots(idx, idx->ok, &all_dirs, diags);
	const char *why = NULL;
	if (!idx->db && idx->file && !idx->stats.in_memory && open_existing(idx, &why) < 0)
		idx->why = why;
	if (walked == 0 && trust_watcher(idx, diags))
		return 0;
	int rc = list_corpus(idx, &idx->scan, idx->ok, all_dirs, idx->check_later, diags);
	if (rc == 0 && idx->scan.pool && idx->check_later) {
		/* the first query runs while the files are stat()ed */
		idx->pending = true;
		idx->stats.files = idx->scan.n;
		idx->stats.entries = meta_count(idx->db, "entries");
		idx->stats.why = idx->why;
		return walked;
	}
	return finish_refresh(idx, rc, diags) < 0 ? -1 : walked;
}

int search_during_check(struct search_index *idx,
			int (*fn)(struct search_index *idx, void *ctx, bool again), void *ctx)
{
	idx->reading = true;
	int rc = fn(idx, ctx, false);
	idx->reading = false;
	int settled = settle(idx);
	if (settled < 0)
		return -1;
	return settled ? fn(idx, ctx, true) : rc;
}

static int copy_paths(struct search_index *idx, const char *const *paths, size_t npaths)
{
	idx->paths = calloc(npaths ? npaths : 1, sizeof(*idx->paths));
	if (!idx->paths)
		return -1;
	for (size_t i = 0; i < npaths; i++)
		if (!(idx->paths[idx->npaths++] = isn_strdup(paths[i])))
			return -1;
	return 0;
}

int search_open(struct search_index **out, const char *const *paths, size_t npaths,
		const struct search_opts *opts, struct diag_list *diags)
{
	*out = NULL;
	struct search_index *idx = calloc(1, sizeof(*idx));
	if (!idx || copy_paths(idx, paths, npaths) < 0 ||
	    !(idx->key = corpus_key(paths, npaths))) {
		diag_add(diags, DIAG_ERROR, "", 0, "out of memory");
		search_close(idx);
		return -1;
	}
	if (!(opts && opts->in_memory))
		idx->file = cache_file(opts, idx->key);
	idx->check_later = opts && opts->check_later;
	int rc = search_refresh(idx, diags);
	if (rc < 0) {
		search_close(idx);
		return -1;
	}
	*out = idx;
	return rc;
}

const struct search_stats *search_stats(struct search_index *idx)
{
	settle(idx);
	return &idx->stats;
}

const char *search_cache_file(struct search_index *idx)
{
	settle(idx);
	return idx->stats.in_memory ? NULL : idx->file;
}

void search_close(struct search_index *idx)
{
	if (!idx)
		return;
	scan_free(&idx->scan);
	free(idx->ok);
	diag_list_free(&idx->late_diags);
	finalize_queries(idx);
	free(idx->wanted);
	if (idx->stem_inst)
		idx->stemmer.xDelete(idx->stem_inst);
	sqlite3_close(idx->db);
	for (size_t i = 0; i < idx->npaths; i++)
		free(idx->paths[i]);
	free(idx->paths);
	free(idx->key);
	free(idx->file);
	free(idx);
}

/* ==== reading queries ================================================== */

/* Common English words that say nothing about the topic. Sorted: found by
 * bisection. Operators in upper case (AND, OR, NOT) are syntax instead. */
static const char *const stop_words[] = {
	"a", "about", "above", "actually", "after", "again", "against", "all", "also",
	"am", "an", "and", "any", "anyone", "anything", "are", "as", "at", "be",
	"because", "been", "before", "being", "below", "between", "both", "but", "by",
	"can", "could", "did", "do", "does", "doing", "done", "down", "during", "each",
	"either", "else", "etc", "ever", "every", "exactly", "few", "for", "from",
	"further", "get", "gets", "getting", "give", "go", "goes", "going", "got", "had",
	"has", "have", "having", "he", "her", "here", "hers", "him", "his", "how",
	"i", "if", "in", "into", "is", "it", "its", "itself", "just", "kind", "know",
	"let", "lets", "like", "me", "might", "more", "most", "much", "must", "my",
	"need", "needs", "no", "nor", "not", "now", "of", "off", "ok", "on", "once",
	"only", "or", "other", "ought", "our", "ours", "ourselves", "out", "over",
	"own", "please", "quite", "rather", "really", "said", "same", "say", "says",
	"shall", "she", "should", "so", "some", "someone", "something", "such",
	"tell", "than", "that", "the", "their", "theirs", "them", "themselves", "then",
	"there", "these", "they", "thing", "things", "this", "those", "through", "to",
	"too", "under", "until", "up", "upon", "us", "very", "via", "want", "wants",
	"was", "way", "ways", "we", "well", "were", "what", "whatever", "when",
	"where", "whether", "which", "while", "who", "whom", "whose", "why", "will",
	"with", "within", "without", "would", "yes", "yet", "you", "your", "yours",
	"yourself",
};

/* A small thesaurus of the words and acronyms people type for the terms
 * the standard uses. A plain query's word that is one of `forms` also
 * searches for each of `alts` ('|'-separated), at SYNONYM_WEIGHT. */
struct synonym {
	const char *forms, *alts;
};

static const struct synonym thesaurus[] = {
	{"2fa mfa", "multi-factor|two-factor"},
	{"sso", "single sign-on"},
	{"soa", "statement of applicability"},
	{"bcp bcm", "business continuity"},
	{"dr", "disaster recovery"},
	{"bia", "business impact analysis"},
	{"dpia", "data protection impact assessment"},
	{"pii", "personal data|personally identifiable"},
	{"dlp", "data leakage|data loss"},
	{"siem", "logging|monitoring"},
	{"kpi kpis kri kris", "metrics|indicators|measurement"},
	{"nda ndas", "non-disclosure|confidentiality agreement"},
	{"aup", "acceptable use"},
	{"byod", "personal devices|bring your own device"},
	{"mdm", "mobile device management|endpoint"},
	{"vpn", "remote access"},
	{"iam", "identity management|access control"},
	{"pam", "privileged access"},
	{"rbac", "role-based access"},
	{"sdlc", "development life cycle"},
	{"pentest pentests pentesting", "penetration test"},
	{"cab", "change advisory board|change management"},
	{"rpo rto", "recovery objective|backup|continuity"},
	{"ddos", "denial of service"},
	{"edr av antivirus anti-virus", "malware"},
	{"ids ips", "intrusion detection"},
	{"waf", "web application firewall"},
	{"tls ssl", "encryption|cryptography"},
	{"pki", "certificates|cryptography"},
	{"cmdb", "configuration management|asset inventory"},
	{"hr", "human resources"},
	{"wipe wipes wiped wiping erase erased erasing erasure purge purging",
	 "delete|deletion|disposal"},
	{"shred shredding", "disposal|destroy"},
	{"offboarding offboard leaver leavers", "termination|leaving|return of assets"},
	{"onboarding onboard joiner joiners", "screening|terms and conditions of employment"},
	{"metric metrics measure measures measuring", "measurement|indicators|monitoring"},
	{"mark marks marked marking", "label|labelling"},
	{"breach breaches hack hacked attack attacked compromise compromised", "incident"},
	{"ransomware virus viruses", "malware"},
	{"laptop laptops phone phones mobile", "endpoint|device"},
	{"encrypt encrypted encrypting encryption", "cryptography"},
	{"password passwords passphrase login logon", "authentication"},
	{"patch patches patching", "vulnerability|vulnerabilities"},
	{"vendor vendors third-party outsourcer", "supplier"},
	{"regulator regulators police", "authorities"},
	{"law laws legislation", "legal|statutory|regulatory"},
	{"punish punishment sanction sanctions", "disciplinary"},
	{"appetite", "acceptance criteria"},
};

/* Words that only announce a clause number ("clause 9.2"). */
static const char *const ref_words[] = {"annex", "clause", "clauses", "control", "controls",
					"section"};

static int cmp_word(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static bool is_stop_word(const char *w)
{
	return bsearch(w, stop_words, ISN_ARRAY_LEN(stop_words), sizeof(*stop_words),
		       cmp_word) != NULL;
}

static bool in_list(const char *w, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(w, list[i]))
			return true;
	return false;
}

static bool word_byte(unsigned char c)
{
	return isalnum(c) || c == '_' || c >= 0x80;
}

/* A lexical item of a query. */
enum item_kind { IT_WORD, IT_PHRASE, IT_OPEN, IT_CLOSE, IT_AND, IT_OR, IT_NOT };

struct item {
	enum item_kind kind;
	const char *s;
	size_t n;
	bool prefix;  /* followed by '*' */
	bool open;    /* a phrase whose closing quote is not typed yet */
};

struct items {
	struct item *v;
	size_t n, cap;
	bool syntax;  /* anything but plain words */
};

static int push_item(struct items *it, struct item x)
{
	if (isn_grow(&it->v, &it->cap, it->n + 1, sizeof(*it->v)) < 0)
		return -1;
	it->v[it->n++] = x;
	if (x.kind != IT_WORD || x.prefix)
		it->syntax = true;
	return 0;
}

static enum item_kind word_kind(const char *s, size_t n)
{
	if (n == 3 && !memcmp(s, "AND", 3))
		return IT_AND;
	if (n == 2 && !memcmp(s, "OR", 2))
		return IT_OR;
	if (n == 3 && !memcmp(s, "NOT", 3))
		return IT_NOT;
	return IT_WORD;
}

/* A quoted phrase; an unclosed one runs to the end (it is still being
 * typed). */
static const char *lex_phrase(struct items *it, const char *p)
{
	const char *s = ++p;
	while (*p && *p != '"')
		p++;
	struct item x = {IT_PHRASE, s, (size_t)(p - s), false, *p != '"'};
	if (*p == '"')
		p++;
	if (*p == '*') {
		x.prefix = true;
		p++;
	}
	return push_item(it, x) < 0 ? NULL : p;
}

/* A word: a run without spaces, quotes or parentheses, trimmed of the
 * punctuation around it ("review?" -> review). */
static const char *lex_word(struct items *it, const char *p)
{
	const char *s = p;
	while (*p && !isspace((unsigned char)*p) && !strchr("\"()", *p))
		p++;
	const char *e = p;
	bool prefix = e > s && e[-1] == '*';
	while (e > s && !word_byte((unsigned char)e[-1]))
		e--;
	while (s < e && !word_byte((unsigned char)*s))
		s++;
	if (s == e)
		return p; /* only symbols: nothing to search for */
	struct item x = {word_kind(s, (size_t)(e - s)), s, (size_t)(e - s), prefix, false};
	return push_item(it, x) < 0 ? NULL : p;
}

static int lex(const char *q, struct items *it, bool words_only)
{
	const char *p = q;
	while (p && *p) {
		if (isspace((unsigned char)*p)) {
			p++;
		} else if (strchr("\"()*", *p) && words_only) {
			p++;
		} else if (*p == '"') {
			p = lex_phrase(it, p);
		} else if (*p == '(' || *p == ')') {
			if (push_item(it, (struct item){*p == '(' ? IT_OPEN : IT_CLOSE, p, 1, false, false}) < 0)
				p = NULL;
			else
				p++;
		} else {
			p = lex_word(it, p);
		}
	}
	if (p && words_only) {
		for (size_t i = 0; i < it->n; i++)
			it->v[i].kind = IT_WORD, it->v[i].prefix = false;
		it->syntax = false;
	}
	return p ? 0 : -1;
}

/* FTS5 string literal: double quotes doubled. */
static int add_quoted(struct isn_buf *b, const char *s, size_t n)
{
	if (isn_buf_addc(b, '"') < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if ((s[i] == '"' && isn_buf_addc(b, '"') < 0) || isn_buf_addc(b, s[i]) < 0)
			return -1;
	return isn_buf_addc(b, '"');
}

/* Clause numbers: digits with dots ("9.2", "A.5.15", "27001:2022/6.1"). */
static bool is_ref_word(const char *w)
{
	bool digit = false, dot = false;
	for (const char *p = w; *p; p++) {
		digit |= isdigit((unsigned char)*p) != 0;
		dot |= *p == '.' && isdigit((unsigned char)p[1]);
	}
	return digit && dot;
}

/* One plain word as a search term (lower case, possessive dropped), or
 * an empty string when it is not worth searching for. */
static int plain_term(const char *s, size_t n, const char *next, struct isn_buf *out)
{
	out->len = 0;
	if (isn_buf_add(out, s, n) < 0)
		return -1;
	for (size_t i = 0; i < out->len; i++)
		out->data[i] = (char)tolower((unsigned char)out->data[i]);
	char *w = out->data;
	size_t len = out->len;
	if (len > 2 && !strcmp(w + len - 2, "'s"))
		w[len -= 2] = '\0';
	else if (len > 4 && !strcmp(w + len - 4, "\xE2\x80\x99s"))
		w[len -= 4] = '\0';
	out->len = len;
	unsigned id;
	char idtext[16];
	if (entry_id_parse(w, &id)) {
		entry_id_format(id, idtext);
		out->len = 0;
		return isn_buf_adds(out, idtext);
	}
	bool contraction = strchr(w, '\'') || strstr(w, "\xE2\x80\x99");
	bool announces = next && is_ref_word(next) &&
			 in_list(w, ref_words, ISN_ARRAY_LEN(ref_words));
	if (contraction || announces || is_stop_word(w))
		out->len = 0, out->data[0] = '\0';
	return 0;
}

/* A plain query's terms: lower-cased, without stop words or repeats,
 * with the thesaurus's alternatives weighing less. */
struct term {
	char *text;
	double weight;
	bool typed;       /* the word being typed: matched as a prefix */
};

struct terms {
	struct term *v;
	size_t n, cap;
};

/* An FTS5 expression and the weight of each of its phrases, in order. */
struct compiled {
	struct isn_buf expr, weights;
	struct isn_buf keys; /* each phrase of expr as written, a line each; empty:
				unknown (FTS5 syntax) */
};

static void terms_free(struct terms *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].text);
	free(t->v);
	*t = (struct terms){0};
}

static int add_term(struct terms *t, const char *w, size_t n, double weight, bool typed)
{
	for (size_t i = 0; i < t->n; i++)
		if (strlen(t->v[i].text) == n && !memcmp(t->v[i].text, w, n))
			return 0;
	if (isn_grow(&t->v, &t->cap, t->n + 1, sizeof(*t->v)) < 0)
		return -1;
	struct term x = {isn_strndup(w, n), weight, typed};
	if (!x.text)
		return -1;
	t->v[t->n++] = x;
	return 0;
}

/* The thesaurus's alternatives of a word ("wiping" -> delete, deletion,
 * disposal), or NULL. */
static const char *alternatives(const char *w)
{
	size_t n = strlen(w);
	for (size_t i = 0; i < ISN_ARRAY_LEN(thesaurus); i++)
		for (const char *f = thesaurus[i].forms; *f;) {
			size_t m = strcspn(f, " ");
			if (m == n && !memcmp(f, w, n))
				return thesaurus[i].alts;
			f += m + (f[m] == ' ');
		}
	return NULL;
}

static int add_alternatives(struct terms *t, const char *w)
{
	const char *alts = alternatives(w);
	while (alts && *alts) {
		size_t m = strcspn(alts, "|");
		if (add_term(t, alts, m, SYNONYM_WEIGHT, false) < 0)
			return -1;
		alts += m + (alts[m] == '|');
	}
	return 0;
}

/* The length of the word's last run of letters and digits: "multi-f"
 * ends in a one-letter prefix, which matches most of the vocabulary. */
static size_t last_run(const char *w)
{
	size_t n = strlen(w), k = 0;
	while (k < n && word_byte((unsigned char)w[n - 1 - k]) && w[n - 1 - k] != '_')
		k++;
	return k;
}

static int plain_terms(const struct items *it, unsigned flags, struct terms *t)
{
	struct isn_buf w = {0}, next = {0};
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < it->n; i++) {
		bool last = i + 1 == it->n;
		rc = isn_buf_add(&next, last ? "" : it->v[i + 1].s, last ? 0 : it->v[i + 1].n);
		if (rc == 0)
			rc = plain_term(it->v[i].s, it->v[i].n, last ? NULL : next.data, &w);
		next.len = 0;
		if (rc < 0 || w.len == 0)
			continue;
		bool typed = last && (flags & SEARCH_TYPING) && !is_ref_word(w.data) &&
			     last_run(w.data) >= TYPING_MIN_PREFIX;
		rc = add_term(t, w.data, w.len, 1.0, typed);
		if (rc == 0 && !typed)
			rc = add_alternatives(t, w.data);
	}
	isn_buf_free(&w);
	isn_buf_free(&next);
	return rc;
}

/* heads: the phrase is sought outside the answers' text. */
static int add_phrase(struct compiled *c, const char *w, bool prefix, bool heads, double weight)
{
	if ((c->expr.len && isn_buf_adds(&c->expr, " OR ") < 0) ||
	    (heads && isn_buf_adds(&c->expr, "- {body} : ") < 0) ||
	    add_quoted(&c->expr, w, strlen(w)) < 0 || (prefix && isn_buf_addc(&c->expr, '*') < 0))
		return -1;
	if (isn_buf_printf(&c->keys, "%s%s%s\n", heads ? "-body:" : "", w, prefix ? "*" : "") < 0)
		return -1;
	return isn_buf_printf(&c->weights, "%s%g", c->weights.len ? " " : "", weight);
}

/* The terms ORed. The word being typed is a prefix of the words as
 * written, and also the whole word stemmed ("policy" is stored as
 * "polici") and the longest indexed stem it starts with ("organiza"
 * finds "organ"). */
static int terms_expr(const struct terms *t, const char *stem, struct compiled *c)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct term *x = &t->v[i];
		/* A short prefix starts a great many words of the answers, and
		 * every entry holding one would have to be ranked. Alone, it is
		 * sought outside the answers; after other words (which find the
		 * answers) it waits for a fifth letter, and is then sought
		 * outside them too. Once whole, the word is found anywhere. */
		bool is_short = x->typed && last_run(x->text) < TYPING_BODY_PREFIX;
		bool heads = x->typed && (t->n > 1 || is_short);
		bool skip = is_short && t->n > 1;
		if ((!skip && add_phrase(c, x->text, x->typed, heads, x->weight) < 0) ||
		    (x->typed && add_phrase(c, x->text, false, false, x->weight) < 0) ||
		    (x->typed && stem && add_phrase(c, stem, false, false, x->weight) < 0))
			return -1;
	}
	return 0;
}

/* FTS5 syntax as written, each word and phrase quoted so that only the
 * operators, parentheses and '*' are read as syntax. */
static int syntax_expr(const struct items *it, struct isn_buf *b)
{
	static const char *const ops[] = {[IT_OPEN] = "(", [IT_CLOSE] = ")", [IT_AND] = "AND",
					  [IT_OR] = "OR", [IT_NOT] = "NOT"};
	for (size_t i = 0; i < it->n; i++) {
		const struct item *x = &it->v[i];
		if (i && isn_buf_addc(b, ' ') < 0)
			return -1;
		if (x->kind == IT_WORD || x->kind == IT_PHRASE) {
			if (add_quoted(b, x->s, x->n) < 0 || (x->prefix && isn_buf_addc(b, '*') < 0))
				return -1;
		} else if (isn_buf_adds(b, ops[x->kind]) < 0) {
			return -1;
		}
	}
	return 0;
}

/* While typing, the last word, or a phrase whose quote is still open,
 * is a prefix. */
static void typing_syntax(struct items *it, unsigned flags)
{
	struct item *x = it->n ? &it->v[it->n - 1] : NULL;
	if (!(flags & SEARCH_TYPING) || !x || x->prefix)
		return;
	if ((x->kind == IT_WORD && x->n >= TYPING_MIN_PREFIX) ||
	    (x->kind == IT_PHRASE && x->open && x->n && word_byte((unsigned char)x->s[x->n - 1])))
		x->prefix = true;
}

static void compiled_free(struct compiled *c)
{
	isn_buf_free(&c->expr);
	isn_buf_free(&c->weights);
	isn_buf_free(&c->keys);
}

static char *typed_stem(struct search_index *idx, const char *w);
static int prune_common(struct search_index *idx, struct terms *t);

/* Compiles a query: FTS5 syntax as written, or plain words. With idx,
 * the word being typed is completed from the index's stems. */
static int compile(struct search_index *idx, const char *query, unsigned flags,
		   bool words_only, struct compiled *c, bool *syntax)
{
	struct items it = {0};
	struct terms t = {0};
	char *stem = NULL;
	*c = (struct compiled){{0}, {0}, {0}};
	int rc = lex(query, &it, words_only);
	*syntax = it.syntax;
	if (rc == 0 && it.syntax) {
		typing_syntax(&it, flags);
		rc = syntax_expr(&it, &c->expr);
	} else if (rc == 0 && (rc = plain_terms(&it, flags, &t)) == 0) {
		if (idx)
			rc = prune_common(idx, &t);
		if (idx && t.n && t.v[t.n - 1].typed)
			stem = typed_stem(idx, t.v[t.n - 1].text);
		rc = terms_expr(&t, stem, c);
	}
	free(stem);
	free(it.v);
	terms_free(&t);
	if (rc == 0 && (isn_buf_reserve(&c->expr, 0) < 0 || isn_buf_reserve(&c->weights, 0) < 0))
		rc = -1;
	if (rc < 0)
		compiled_free(c);
	return rc;
}

char *search_translate(const char *query, unsigned flags, bool *syntax)
{
	struct compiled c;
	if (compile(NULL, query, flags, false, &c, syntax) < 0)
		return NULL;
	char *expr = isn_buf_take(&c.expr);
	compiled_free(&c);
	return expr;
}

/* ==== running queries ================================================== */

struct one_token {
	char buf[64];
	int n, count;
};

static int keep_token(void *ctx, int tflags, const char *tok, int n, int start, int end)
{
	(void)tflags, (void)start, (void)end;
	struct one_token *o = ctx;
	if (o->count++ == 0 && n < (int)sizeof o->buf) {
		memcpy(o->buf, tok, (size_t)n);
		o->n = n;
	}
	return SQLITE_OK;
}

static int open_stemmer(struct search_index *idx)
{
	if (idx->stem_inst)
		return 0;
	static const char *const args[] = {"remove_diacritics", "2"};
	void *ud = NULL;
	if (!(idx->api = fts5_api_of(idx->db)) ||
	    idx->api->xFindTokenizer(idx->api, "isn", &ud, &idx->stemmer) != SQLITE_OK ||
	    idx->stemmer.xCreate(ud, (const char **)args, 2, &idx->stem_inst) != SQLITE_OK) {
		idx->stem_inst = NULL;
		return -1;
	}
	return 0;
}

/* True when w is one token that the tokenizer leaves as it is (a stem). */
static bool is_stem(struct search_index *idx, const char *w, size_t n)
{
	struct one_token o = {.n = -1};
	if (idx->stemmer.xTokenize(idx->stem_inst, &o, FTS5_TOKENIZE_QUERY, w, (int)n,
				   keep_token) != SQLITE_OK)
		return false;
	return o.count == 1 && o.n == (int)n && !memcmp(o.buf, w, n);
}

/* How many entries hold an indexed term (a stem); 0 when none does, -1
 * when the vocabulary cannot be read. */
static long term_entries(struct search_index *idx, const char *w, size_t n)
{
	for (size_t i = 0; i < idx->nterms; i++)
		if (strlen(idx->terms[i].term) == n && !memcmp(idx->terms[i].term, w, n))
			return idx->terms[i].docs;
	if (!idx->q_term && (exec(idx->db, sql_vocab) < 0 || prepare(idx->db, sql_term, &idx->q_term) < 0))
		return -1;
	sqlite3_bind_text(idx->q_term, 1, w, (int)n, SQLITE_STATIC);
	int rc = sqlite3_step(idx->q_term);
	long docs = rc == SQLITE_ROW ? (long)sqlite3_column_int64(idx->q_term, 0) : 0;
	sqlite3_reset(idx->q_term);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;
	if (n < sizeof idx->terms[0].term) {
		/* full: start over (a search rarely needs more) */
		if (idx->nterms == TERM_CACHE)
			idx->nterms = 0;
		struct term_count *t = &idx->terms[idx->nterms++];
		memcpy(t->term, w, n);
		t->term[n] = '\0';
		t->docs = docs;
	}
	return docs;
}

static bool indexed_term(struct search_index *idx, const char *w, size_t n)
{
	return term_entries(idx, w, n) > 0;
}

/* The stem the index keeps for a one-word term, or false. */
static bool term_stem(struct search_index *idx, const char *w, struct one_token *o)
{
	size_t n = strlen(w);
	*o = (struct one_token){.n = -1};
	if (open_stemmer(idx) < 0 ||
	    idx->stemmer.xTokenize(idx->stem_inst, o, FTS5_TOKENIZE_QUERY, w, (int)n, keep_token) !=
		    SQLITE_OK)
		return false;
	return o->count == 1 && o->n > 0;
}

/* Drops the words held by more than half the entries when the query has
 * a rarer word that the index holds: their inverse document frequency is
 * nil, so they cannot change the ranking, while their long lists of
 * entries cost the most to read. The word being typed is kept. */
static int prune_common(struct search_index *idx, struct terms *t)
{
	size_t total = idx->stats.entries, o = 0;
	bool *common = calloc(t->n + 1, sizeof(*common)), rare = false;
	if (!common)
		return -1;
	for (size_t i = 0; i < t->n; i++) {
		struct one_token stem;
		long docs = -1;
		if (!t->v[i].typed && term_stem(idx, t->v[i].text, &stem))
			docs = term_entries(idx, stem.buf, (size_t)stem.n);
		common[i] = docs > 0 && (size_t)docs * 2 > total;
		rare |= docs > 0 && !common[i];
	}
	for (size_t i = 0; i < t->n; i++) {
		if (rare && common[i])
			free(t->v[i].text);
		else
			t->v[o++] = t->v[i];
	}
	t->n = o;
	free(common);
	return 0;
}

/* The longest indexed stem that a typed word starts with: porter stems
 * "organization" to "organ", which "organiza*" alone would never reach. */
static char *typed_stem(struct search_index *idx, const char *w)
{
	char f[64];
	size_t n = strlen(w);
	if (n >= sizeof f || open_stemmer(idx) < 0)
		return NULL;
	size_t m = search_fold(w, n, true, f, sizeof f);
	if (m == 0) {
		memcpy(f, w, n + 1);
		m = n;
	}
	for (size_t k = m; k >= 3 && k + TYPING_STEM_SLACK >= m; k--)
		if (is_stem(idx, f, k) && indexed_term(idx, f, k))
			return isn_strndup(f, k);
	return NULL;
}

/* The answer's words span lines: one line for a result list, without
 * the spaces around it. */
static void one_line(char *s)
{
	size_t n = strlen(s), start = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n')
			s[i] = ' ';
	while (start < n && s[start] == ' ')
		start++;
	while (n > start && s[n - 1] == ' ')
		n--;
	memmove(s, s + start, n - start);
	s[n - start] = '\0';
}

/* Reads a varint as SQLite writes it (big-endian groups of 7 bits, the
 * high bit set on all but the last; a ninth byte gives 8 bits). Returns
 * the bytes read, 0 when it runs past n. */
static size_t get_varint(const unsigned char *p, size_t n, uint64_t *v)
{
	uint64_t x = 0;
	for (size_t i = 0; i < n && i < 9; i++) {
		if (i == 8) {
			*v = x << 8 | p[i];
			return 9;
		}
		x = x << 7 | (p[i] & 0x7f);
		if (!(p[i] & 0x80)) {
			*v = x;
			return i + 1;
		}
	}
	return 0;
}

/* One row of sql_docsize into the rank cache; -1 when it is not a list
 * of FTS_COLUMNS lengths. */
static int keep_row(struct rank_cache *c, sqlite3_stmt *st, size_t *cap)
{
	const unsigned char *p = sqlite3_column_blob(st, 1);
	size_t n = (size_t)sqlite3_column_bytes(st, 1), at = 0;
	size_t had = *cap;
	if (isn_grow(&c->rows, cap, c->nrows + 1, sizeof(*c->rows)) < 0)
		return -1;
	if (*cap != had) {
		int *grown = realloc(c->sizes, *cap * FTS_COLUMNS * sizeof(*grown));
		if (!grown)
			return -1;
		c->sizes = grown;
	}
	int *sizes = c->sizes + c->nrows * FTS_COLUMNS;
	for (int i = 0; i < FTS_COLUMNS; i++) {
		uint64_t v = 0;
		size_t k = p ? get_varint(p + at, n - at, &v) : 0;
		if (k == 0 || v > INT_MAX)
			return -1;
		sizes[i] = (int)v;
		at += k;
	}
	c->rows[c->nrows++] = sqlite3_column_int64(st, 0);
	return 0;
}

/* Reads every row's column lengths into the rank cache for search as you
 * type, unless they were read since the index last changed (in this
 * process: update_index forgets them; in another: PRAGMA data_version).
 * Without them, ranking reads each row's lengths on its own. */
static void keep_sizes(struct search_index *idx)
{
	struct rank_cache *c = &idx->rank;
	sqlite3_stmt *st;
	if (c->ncol || idx->version < 0 || prepare(idx->db, sql_docsize, &st) < 0)
		return;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (keep_row(c, st, &cap) < 0)
			break;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		rank_cache_clear(c);
	else
		c->ncol = FTS_COLUMNS;
}

/* Forgets what was kept from the index for the keys of a search (the
 * rank cache's lengths, the stems' entry counts) when the index changed:
 * in another process (PRAGMA data_version), or in this one (callers of
 * update_index call forget_kept). */
static void forget_kept(struct search_index *idx)
{
	forget_recent(idx);
	rank_cache_clear(&idx->rank);
	idx->nterms = 0;
	idx->version = -1;
}

static void check_version(struct search_index *idx)
{
	long long version = -1;
	if (idx->q_version || prepare(idx->db, "PRAGMA data_version", &idx->q_version) == 0) {
		if (sqlite3_step(idx->q_version) == SQLITE_ROW)
			version = sqlite3_column_int64(idx->q_version, 0);
		sqlite3_reset(idx->q_version);
	}
	if (version != idx->version || version < 0)
		forget_kept(idx);
	idx->version = version;
}

static int add_hit(struct search_results *r, sqlite3_stmt *st)
{
	if (isn_grow(&r->v, &r->cap, r->n + 1, sizeof(*r->v)) < 0)
		return -1;
	r->v[r->n++] = (struct search_hit){.id = (unsigned)sqlite3_column_int64(st, 0),
					   .score = sqlite3_column_double(st, 1)};
	return 0;
}

static int cmp_rowid(const void *a, const void *b)
{
	sqlite3_int64 x = *(const sqlite3_int64 *)a, y = *(const sqlite3_int64 *)b;
	return (x > y) - (x < y);
}

/* isn_hit(rowid): whether the row is one of the ranked rows. */
static void is_hit(sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	(void)nval;
	const struct search_index *idx = sqlite3_user_data(ctx);
	sqlite3_int64 id = sqlite3_value_int64(val[0]);
	sqlite3_result_int(ctx, idx->nwanted && bsearch(&id, idx->wanted, idx->nwanted,
							sizeof(id), cmp_rowid) != NULL);
}

/* Fills in a ranked hit's question and snippet from a row of sql_hits. */
static int describe_hit(struct search_results *r, sqlite3_stmt *st)
{
	unsigned id = (unsigned)sqlite3_column_int64(st, 0);
	const char *q = (const char *)sqlite3_column_text(st, 1);
	const char *s = (const char *)sqlite3_column_text(st, 2);
	for (size_t i = 0; i < r->n; i++) {
		struct search_hit *h = &r->v[i];
		if (h->id != id || h->question)
			continue;
		h->question = text_sanitize(q ? q : "", q ? strlen(q) : 0, false);
		h->snippet = isn_strdup(s ? s : "");
		if (!h->question || !h->snippet)
			return -1;
		one_line(h->snippet);
	}
	return 0;
}

/* A hit the second pass did not see (it cannot happen) shows empty. */
static int described(struct search_results *r)
{
	for (size_t i = 0; i < r->n; i++) {
		if (!r->v[i].question)
			r->v[i].question = isn_strdup("");
		if (!r->v[i].snippet)
			r->v[i].snippet = isn_strdup("");
		if (!r->v[i].question || !r->v[i].snippet)
			return -1;
	}
	return 0;
}

/* The most phrases a query may have for its hits to be looked up one by
 * one (describe_hits). */
#define LOOKUP_MAX_PHRASES 2

/* The ranked hits' questions and snippets, one row at a time. */
static int describe_each(struct search_index *idx, const char *expr, struct search_results *r)
{
	if (!idx->q_hit_one && prepare(idx->db, sql_hit_one, &idx->q_hit_one) < 0)
		return -1;
	sqlite3_stmt *st = idx->q_hit_one;
	int rc = SQLITE_DONE;
	for (size_t i = 0; i < r->n && rc == SQLITE_DONE; i++) {
		sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, r->v[i].id);
		sqlite3_bind_int(st, 3, SNIPPET_TOKENS);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			if (describe_hit(r, st) < 0)
				break;
		sqlite3_reset(st);
	}
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? described(r) : -1;
}

/* The ranked hits' questions and snippets, in one pass. */
static int describe_hits(struct search_index *idx, const char *expr, struct search_results *r)
{
	/* Matching a phrase of two words or more compares the positions of
	 * its words in every row holding them all, which is most of the cost
	 * of a query on common words: looking the hits up one by one is
	 * cheaper then. Each lookup opens every word's list again, though:
	 * with more phrases it is dearer (8% more work over the relevance
	 * questions when done for all), and much dearer with a prefix, whose
	 * words' lists FTS5 would merge again for each lookup. */
	if (idx->rank.long_phrase && idx->rank.phrases.n <= LOOKUP_MAX_PHRASES &&
	    !strchr(expr, '*'))
		return describe_each(idx, expr, r);
	if (!idx->q_hits &&
	    (sqlite3_create_function(idx->db, "isn_hit", 1, SQLITE_UTF8, idx, is_hit, NULL, NULL) !=
		     SQLITE_OK ||
	     prepare(idx->db, sql_hits, &idx->q_hits) < 0))
		return -1;
	free(idx->wanted);
	idx->nwanted = 0;
	if (!(idx->wanted = calloc(r->n, sizeof(*idx->wanted))))
		return -1;
	for (size_t i = 0; i < r->n; i++)
		idx->wanted[i] = r->v[i].id;
	qsort(idx->wanted, r->n, sizeof(*idx->wanted), cmp_rowid);
	idx->nwanted = r->n;
	sqlite3_stmt *st = idx->q_hits;
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, idx->wanted[0]);
	sqlite3_bind_int64(st, 3, idx->wanted[r->n - 1]);
	sqlite3_bind_int(st, 4, SNIPPET_TOKENS);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (describe_hit(r, st) < 0)
			break;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	idx->nwanted = 0;
	return rc == SQLITE_DONE ? described(r) : -1;
}

/* Copies the hits of src (not its note) to an empty dst. */
static int copy_hits(struct search_results *dst, const struct search_results *src)
{
	if (src->n && !(dst->v = calloc(src->n, sizeof(*dst->v))))
		return -1;
	dst->cap = src->n;
	for (; dst->n < src->n; dst->n++) {
		const struct search_hit *h = &src->v[dst->n];
		dst->v[dst->n] = (struct search_hit){.id = h->id, .score = h->score,
						     .question = isn_strdup(h->question),
						     .snippet = isn_strdup(h->snippet)};
		if (!dst->v[dst->n].question || !dst->v[dst->n].snippet) {
			dst->n++;
			return -1;
		}
	}
	return 0;
}

static int recent_key(const struct compiled *c, struct isn_buf *key)
{
	return isn_buf_add(key, c->expr.data, c->expr.len) == 0 && isn_buf_addc(key, 0) == 0 &&
			       isn_buf_add(key, c->weights.data, c->weights.len) == 0 &&
			       isn_buf_addc(key, 0) == 0 &&
			       isn_buf_add(key, c->keys.data, c->keys.len) == 0
		       ? 0
		       : -1;
}

static struct recent_query *find_recent(struct search_index *idx, const struct isn_buf *key,
					size_t limit)
{
	for (size_t i = 0; i < RECENT_QUERIES; i++) {
		struct recent_query *q = &idx->recent[i];
		if (q->limit == limit && q->key.len == key->len &&
		    !memcmp(q->key.data, key->data, key->len))
			return q;
	}
	return NULL;
}

/* Keeps a copy of a query's hits (the key is taken over). */
static void keep_recent(struct search_index *idx, struct isn_buf *key, size_t limit,
			const struct search_results *hits)
{
	struct recent_query *q = &idx->recent[idx->next_recent];
	idx->next_recent = (idx->next_recent + 1) % RECENT_QUERIES;
	isn_buf_free(&q->key);
	search_results_free(&q->hits);
	q->limit = 0;
	if (copy_hits(&q->hits, hits) < 0) {
		search_results_free(&q->hits);
		isn_buf_free(key);
		return;
	}
	q->key = *key;
	*key = (struct isn_buf){0};
	q->limit = limit;
}

/* Runs a compiled query. Returns 0, 1 when FTS5 could not read it, -1
 * on another error. */
static int match(struct search_index *idx, const struct compiled *c, size_t limit,
		 unsigned flags, struct search_results *out)
{
	if (!idx->q_match && prepare(idx->db, sql_match, &idx->q_match) < 0)
		return -1;
	if (flags & SEARCH_TYPING)
		keep_sizes(idx);
	if (++idx->rank.query == 0)
		idx->rank.query = 1;
	sqlite3_stmt *st = idx->q_match;
	sqlite3_bind_text(st, 1, c->expr.data, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)limit);
	sqlite3_bind_text(st, 3, c->weights.data, -1, SQLITE_STATIC);
	idx->rank.keys = c->keys.len ? c->keys.data : NULL;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (add_hit(out, st) < 0)
			break;
	idx->rank.keys = NULL;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc == SQLITE_ROW)
		return -1;
	if (rc != SQLITE_DONE)
		return rc == SQLITE_ERROR ? 1 : -1;
	return out->n ? describe_hits(idx, c->expr.data, out) : 0;
}

/* Runs a compiled query, or gives the hits it had when it was one of the
 * last ones; returns like match(). */
static int run_match(struct search_index *idx, const struct compiled *c, size_t limit,
		     unsigned flags, struct search_results *out)
{
	struct isn_buf key = {0};
	if (recent_key(c, &key) == 0) {
		const struct recent_query *q = find_recent(idx, &key, limit);
		if (q) {
			isn_buf_free(&key);
			return copy_hits(out, &q->hits);
		}
	}
	int rc = match(idx, c, limit, flags, out);
	if (rc == 0 && key.len)
		keep_recent(idx, &key, limit, out);
	isn_buf_free(&key);
	return rc;
}

static int set_note(struct search_results *r, const char *note)
{
	free(r->note);
	r->note = isn_strdup(note);
	return r->note ? 0 : -1;
}

static bool blank(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return *s == '\0';
}

/* Compiles and runs; 1 when FTS5 could not read the query. */
static int compile_and_run(struct search_index *idx, const char *query, unsigned flags,
			   bool words_only, size_t limit, struct search_results *out,
			   bool *empty)
{
	struct compiled c;
	bool syntax;
	if (compile(idx, query, flags, words_only, &c, &syntax) < 0)
		return -1;
	*empty = c.expr.len == 0;
	int rc = *empty ? 0 : run_match(idx, &c, limit, flags, out);
	compiled_free(&c);
	return rc;
}

int search_query(struct search_index *idx, const char *query, size_t limit, unsigned flags,
		 struct search_results *out)
{
	*out = (struct search_results){0};
	if (blank(query) || limit == 0)
		return 0;
	if (strlen(query) > SEARCH_QUERY_MAX)
		return set_note(out, "the query is too long to search (the limit is 1024 bytes)");
	check_version(idx);
	bool empty;
	int rc = compile_and_run(idx, query, flags, false, limit, out, &empty);
	int settled = settle(idx); /* 0 unless a check was left pending */
	if (settled != 0) {
		/* some file had changed while the query ran on the old index */
		search_results_free(out);
		if (settled < 0)
			return set_note(out, "the search index could not be brought up to date"), -1;
		rc = compile_and_run(idx, query, flags, false, limit, out, &empty);
	}
	if (rc == 1) {
		/* FTS5 could not read it: search the words */
		search_results_free(out);
		rc = compile_and_run(idx, query, flags, true, limit, out, &empty);
		if (rc == 0)
			rc = set_note(out, empty ? "the search syntax was not understood, and it has "
						   "no words to search for"
						 : "the search syntax was not understood; searched for "
						   "the words instead");
	}
	if (rc == 0 && empty && !out->note)
		rc = set_note(out, "nothing to search for: only common words or symbols");
	if (rc != 0 && !out->note)
		set_note(out, sqlite3_errmsg(idx->db));
	return rc == 0 ? 0 : -1;
}

void search_results_free(struct search_results *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].question);
		free(r->v[i].snippet);
	}
	free(r->v);
	free(r->note);
	*r = (struct search_results){0};
}

/* ==== entries ========================================================== */

/* A list column split in place into an isn_strlist that borrows it. */
struct borrowed_list {
	struct isn_buf text;
	char **v;
	size_t cap;
};

static int borrow_list(struct borrowed_list *b, sqlite3_stmt *st, int col,
		       struct isn_strlist *out)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	size_t n = (size_t)sqlite3_column_bytes(st, col);
	b->text.len = 0;
	*out = (struct isn_strlist){0};
	if (isn_buf_add(&b->text, s ? s : "", s ? n : 0) < 0)
		return -1;
	if (n == 0)
		return 0;
	char *p = b->text.data;
	for (;;) {
		if (isn_grow(&b->v, &b->cap, out->n + 1, sizeof(*b->v)) < 0)
			return -1;
		b->v[out->n++] = p;
		char *sep = strchr(p, LIST_SEP);
		if (!sep)
			break;
		*sep = '\0';
		p = sep + 1;
	}
	out->v = b->v;
	out->cap = b->cap;
	return 0;
}

/* A head-only entry over a row of sql_entries_all, borrowing its text. */
static int row_entry(sqlite3_stmt *st, struct borrowed_list lists[4], struct entry *e)
{
	*e = (struct entry){
		.id = (unsigned)sqlite3_column_int64(st, 0),
		.id_text = (char *)sqlite3_column_text(st, 1),
		.id_line = sqlite3_column_int(st, 2),
		.path = (char *)sqlite3_column_text(st, 3),
		.query = (char *)sqlite3_column_text(st, 4),
		.graph_required = -1,
	};
	struct isn_strlist *out[] = {&e->packs, &e->primary_ids, &e->overlap_ids,
				     &e->capability_tags};
	for (int i = 0; i < 4; i++)
		if (borrow_list(&lists[i], st, 5 + i, out[i]) < 0)
			return -1;
	return 0;
}

int search_each_entry(struct search_index *idx,
		      int (*fn)(const struct entry *e, void *ctx), void *ctx)
{
	settle(idx);
	sqlite3_stmt *st;
	if (prepare(idx->db, sql_entries_all, &st) < 0)
		return -1;
	struct borrowed_list lists[4];
	memset(lists, 0, sizeof lists);
	int rc = 0, step;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct entry e;
		rc = row_entry(st, lists, &e) < 0 ? -1 : fn(&e, ctx);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = -1;
	for (int i = 0; i < 4; i++) {
		isn_buf_free(&lists[i].text);
		free(lists[i].v);
	}
	sqlite3_finalize(st);
	return rc;
}

int search_each_question(struct search_index *idx,
			 int (*fn)(unsigned id, const char *question, void *ctx), void *ctx)
{
	settle(idx);
	sqlite3_stmt *st;
	if (prepare(idx->db, sql_questions_all, &st) < 0)
		return -1;
	int rc = 0, step;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *q = (const char *)sqlite3_column_text(st, 1);
		rc = fn((unsigned)sqlite3_column_int64(st, 0), q ? q : "", ctx);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = -1;
	sqlite3_finalize(st);
	return rc;
}

static int copy_list(struct isn_strlist *to, const struct isn_strlist *from)
{
	*to = (struct isn_strlist){0};
	for (size_t i = 0; i < from->n; i++)
		if (isn_strlist_push(to, from->v[i]) < 0)
			return -1;
	return 0;
}

static int add_head(const struct entry *e, void *ctx)
{
	struct corpus *c = ctx;
	struct entry *h = calloc(1, sizeof(*h));
	if (!h)
		return -1;
	h->id = e->id;
	h->id_line = e->id_line;
	h->graph_required = -1;
	h->id_text = isn_strdup(e->id_text);
	h->query = isn_strdup(e->query);
	h->path = isn_strdup(e->path);
	if (!h->id_text || !h->query || !h->path || copy_list(&h->packs, &e->packs) < 0 ||
	    copy_list(&h->primary_ids, &e->primary_ids) < 0 ||
	    copy_list(&h->overlap_ids, &e->overlap_ids) < 0 ||
	    copy_list(&h->capability_tags, &e->capability_tags) < 0 ||
	    isn_grow(&c->entries, &c->cap, c->n + 1, sizeof(*c->entries)) < 0) {
		entry_free(h);
		return -1;
	}
	h->seq = c->seq++;
	c->entries[c->n++] = h;
	return 0;
}

int search_load_heads(struct search_index *idx, struct corpus *c)
{
	/* rows come in ID order and IDs are unique: already a finished corpus */
	return search_each_entry(idx, add_head, c) == 0 ? 0 : -1;
}

/* ==== references and links ============================================= */

/* Compares runs of digits by value, so that 5.2 sorts before 5.10. */
static int cmp_natural(const char *a, const char *b)
{
	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			while (*a == '0' && isdigit((unsigned char)a[1]))
				a++;
			while (*b == '0' && isdigit((unsigned char)b[1]))
				b++;
			size_t na = 0, nb = 0;
			while (isdigit((unsigned char)a[na]))
				na++;
			while (isdigit((unsigned char)b[nb]))
				nb++;
			int c = na != nb ? (na > nb) - (na < nb) : memcmp(a, b, na);
			if (c)
				return c;
			a += na;
			b += nb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		a++, b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

static int cmp_ref_count(const void *x, const void *y)
{
	const struct search_ref_count *a = x, *b = y;
	return cmp_natural(a->ref, b->ref);
}

int search_ref_counts(struct search_index *idx, struct search_ref_counts *out)
{
	settle(idx);
	*out = (struct search_ref_counts){0};
	sqlite3_stmt *st;
	if (prepare(idx->db, sql_ref_counts, &st) < 0)
		return -1;
	int rc = 0, step;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct search_ref_count r = {column_text(st, 0), (size_t)sqlite3_column_int64(st, 1),
					     (size_t)sqlite3_column_int64(st, 2)};
		if (!r.ref || isn_grow(&out->v, &out->cap, out->n + 1, sizeof(*out->v)) < 0) {
			free(r.ref);
			rc = -1;
		} else {
			out->v[out->n++] = r;
		}
	}
	sqlite3_finalize(st);
	if (rc == 0 && step != SQLITE_DONE)
		rc = -1;
	if (rc < 0)
		search_ref_counts_free(out);
	else if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), cmp_ref_count);
	return rc;
}

void search_ref_counts_free(struct search_ref_counts *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].ref);
	free(r->v);
	*r = (struct search_ref_counts){0};
}

/* "clause 9.2" -> "9.2", "Annex A 5.15" and "a5.15" -> "A.5.15". */
static char *normalise_ref(const char *ref)
{
	while (isspace((unsigned char)*ref))
		ref++;
	static const char *const words[] = {"clause ", "control ", "annex a ", "annex ",
					    "section "};
	for (size_t i = 0; i < ISN_ARRAY_LEN(words); i++) {
		size_t n = strlen(words[i]);
		if (!strncasecmp(ref, words[i], n)) {
			ref += n;
			if (i == 2)
				return isn_asprintf("A.%s", ref);
			break;
		}
	}
	char *r = isn_strdup(ref);
	if (r && (r[0] == 'a' || r[0] == 'A') && isdigit((unsigned char)r[1])) {
		char *a = isn_asprintf("A.%s", r + 1);
		free(r);
		return a;
	}
	if (r && r[0] == 'a' && r[1] == '.')
		r[0] = 'A';
	return r;
}

/* Whether ref starts with prefix at a component boundary (as corpus.c's
 * entry_has_ref: "6" matches "6.1" but not "60"). */
static bool ref_prefix(const char *ref, const char *prefix)
{
	size_t n = strlen(prefix);
	if (strncmp(ref, prefix, n) != 0)
		return false;
	char next = ref[n];
	return next == '\0' || next == '.' || next == '/' || n == 0 || prefix[n - 1] == '.' ||
	       prefix[n - 1] == '/';
}

/* A reference without a standard matches the part after the slash, as
 * written or as an Annex A control ("5.15" finds A.5.15 too). */
static bool ref_wanted(const char *ref, const char *want)
{
	if (strchr(want, '/'))
		return ref_prefix(ref, want);
	const char *local = strrchr(ref, '/');
	local = local ? local + 1 : ref;
	if (ref_prefix(local, want))
		return true;
	return !strncmp(local, "A.", 2) && want[0] != 'A' && ref_prefix(local + 2, want);
}

static int cmp_citation(const void *x, const void *y)
{
	const struct search_citation *a = x, *b = y;
	int c = cmp_natural(a->ref, b->ref);
	if (c)
		return c;
	if (a->primary != b->primary)
		return a->primary ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

static int add_citation(struct search_citations *out, sqlite3_stmt *st)
{
	const char *q = (const char *)sqlite3_column_text(st, 3);
	struct search_citation c = {column_text(st, 0), (unsigned)sqlite3_column_int64(st, 1),
				    sqlite3_column_int(st, 2) == 0,
				    text_sanitize(q ? q : "", q ? strlen(q) : 0, false)};
	if (!c.ref || !c.question || isn_grow(&out->v, &out->cap, out->n + 1, sizeof(*out->v)) < 0) {
		free(c.ref);
		free(c.question);
		return -1;
	}
	out->v[out->n++] = c;
	return 0;
}

int search_citations(struct search_index *idx, const char *ref, struct search_citations *out)
{
	settle(idx);
	*out = (struct search_citations){0};
	char *want = normalise_ref(ref);
	sqlite3_stmt *st = NULL;
	int rc = want && prepare(idx->db, sql_citations, &st) == 0 ? 0 : -1, step = SQLITE_DONE;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
		if (ref_wanted((const char *)sqlite3_column_text(st, 0), want))
			rc = add_citation(out, st);
	sqlite3_finalize(st);
	free(want);
	if (rc == 0 && step != SQLITE_DONE)
		rc = -1;
	if (rc < 0)
		search_citations_free(out);
	else if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), cmp_citation);
	return rc;
}

void search_citations_free(struct search_citations *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].ref);
		free(c->v[i].question);
	}
	free(c->v);
	*c = (struct search_citations){0};
}

int search_backlinks(struct search_index *idx, unsigned id, unsigned **ids, size_t *n)
{
	settle(idx);
	*ids = NULL;
	*n = 0;
	size_t cap = 0;
	sqlite3_stmt *st;
	if (prepare(idx->db, sql_backlinks, &st) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int rc = 0, step;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		if (isn_grow(ids, &cap, *n + 1, sizeof(**ids)) < 0)
			rc = -1;
		else
			(*ids)[(*n)++] = (unsigned)sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc == 0 && step != SQLITE_DONE)
		rc = -1;
	if (rc < 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return rc;
}

int search_each_link(struct search_index *idx,
		     int (*fn)(const struct search_link *l, void *ctx), void *ctx)
{
	settle(idx);
	sqlite3_stmt *st;
	if (prepare(idx->db, sql_links_all, &st) < 0)
		return -1;
	int rc = 0, step;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct search_link l = {(unsigned)sqlite3_column_int64(st, 0),
					(unsigned)sqlite3_column_int64(st, 1),
					sqlite3_column_int(st, 2) != 0, sqlite3_column_int(st, 3) != 0};
		rc = fn(&l, ctx);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = -1;
	sqlite3_finalize(st);
	return rc;
}
