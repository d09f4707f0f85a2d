/* The search index: ranking on a small corpus, stemming, spelling,
 * diacritics, prefixes, phrases, bad syntax, clause references, links,
 * and the cache file: incremental updates, damage, no place to write. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"
#include "ismsnav/graph.h"
#include "ismsnav/search.h"
#include "ismsnav/util.h"

static char root[TEMP_ROOT_MAX], corpus[TEMP_PATH_MAX], cache[TEMP_PATH_MAX];

/* Sets a file's times well in the past: a file changed within the last
 * moments is always parsed again (its time may still move). */
static void age(const char *path, int seconds_ago)
{
	struct timespec t[2];
	clock_gettime(CLOCK_REALTIME, &t[0]);
	t[0].tv_sec -= seconds_ago;
	t[1] = t[0];
	cr_assert_eq(utimensat(AT_FDCWD, path, t, 0), 0, "cannot set the time of %s", path);
}


static void write_file(const char *name, const char *text, int seconds_ago)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", corpus, name);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f, "%s", path);
	fputs(text, f);
	fclose(f);
	age(path, seconds_ago);
}

static void setup(void)
{
	test_locale();
	temp_corpus("search", "search", root, corpus, cache);
}

static void teardown(void)
{
	temp_corpus_remove(root);
}

TestSuite(search, .init = setup, .fini = teardown);

static struct search_index *open_at(const char *dir, const char *cache_dir,
				    struct diag_list *d)
{
	const char *paths[] = {dir};
	struct search_opts o = {.cache_dir = cache_dir};
	struct search_index *idx = NULL;
	cr_assert_geq(search_open(&idx, paths, 1, &o, d), 0);
	cr_assert_not_null(idx);
	return idx;
}

static struct search_index *open_corpus(void)
{
	struct diag_list d = {0};
	struct search_index *idx = open_at(corpus, cache, &d);
	diag_list_free(&d);
	return idx;
}

/* The IDs of the hits, space-separated ("1 5 3"). */
static char *hits(struct search_index *idx, const char *q, unsigned flags)
{
	struct search_results r;
	cr_assert_eq(search_query(idx, q, 20, flags, &r), 0, "query '%s' failed", q);
	struct isn_buf b = {0};
	isn_buf_adds(&b, "");
	for (size_t i = 0; i < r.n; i++)
		isn_buf_printf(&b, "%s%u", i ? " " : "", r.v[i].id);
	search_results_free(&r);
	return isn_buf_take(&b);
}

static unsigned first(struct search_index *idx, const char *q, unsigned flags)
{
	char *h = hits(idx, q, flags);
	unsigned id = (unsigned)strtoul(h, NULL, 10);
	free(h);
	return id;
}

/* True when id is among the hits of q. */
static bool finds(struct search_index *idx, const char *q, unsigned flags, unsigned id)
{
	char *h = hits(idx, q, flags), want[32];
	snprintf(want, sizeof want, " %u ", id);
	struct isn_buf b = {0};
	isn_buf_printf(&b, " %s ", h);
	bool found = strstr(b.data, want) != NULL;
	isn_buf_free(&b);
	free(h);
	return found;
}

/* ---- ranking and words ------------------------------------------------ */

Test(search, ranks_question_matches_first)
{
	struct search_index *idx = open_corpus();
	cr_assert_eq(first(idx, "how often do we review who has access", 0), 1);
	cr_assert_eq(first(idx, "internal audit", 0), 2);
	cr_assert_eq(first(idx, "planning the audit programme", 0), 6);
	cr_assert_eq(first(idx, "statement of applicability", 0), 5);
	search_close(idx);
}

Test(search, plain_words_need_not_all_match)
{
	struct search_index *idx = open_corpus();
	/* "zebra" is nowhere: the other words still find the entry */
	cr_assert_eq(first(idx, "source code zebra", 0), 7);
	search_close(idx);
}

Test(search, stop_words_alone_find_nothing)
{
	struct search_index *idx = open_corpus();
	struct search_results r;
	cr_assert_eq(search_query(idx, "how do we", 10, 0, &r), 0);
	cr_assert_eq(r.n, 0);
	cr_assert_not_null(r.note);
	search_results_free(&r);
	cr_assert_eq(search_query(idx, "   ", 10, 0, &r), 0);
	cr_assert_eq(r.n, 0);
	cr_assert_null(r.note, "a blank query needs no note");
	search_results_free(&r);
	search_close(idx);
}

Test(search, stems)
{
	struct search_index *idx = open_corpus();
	cr_assert(finds(idx, "control", 0, 7), "control finds 'controls'");
	cr_assert(finds(idx, "reviewing", 0, 1), "reviewing finds 'review'");
	cr_assert(finds(idx, "classified", 0, 3));
	search_close(idx);
}

Test(search, british_and_american_spellings_meet)
{
	struct search_index *idx = open_corpus();
	cr_assert(finds(idx, "organization", 0, 1), "organization finds 'organisation'");
	cr_assert(finds(idx, "organisation", 0, 3), "organisation finds 'organization'");
	cr_assert(finds(idx, "behavior", 0, 4));
	cr_assert(finds(idx, "analyze", 0, 4));
	cr_assert(finds(idx, "color", 0, 2), "color finds 'colour-coded'");
	cr_assert(finds(idx, "program", 0, 6), "program finds 'programme'");
	search_close(idx);
}

Test(search, fold_list)
{
	char out[64];
	struct {
		const char *in, *out;
		bool prefix;
	} cases[] = {
		{"organisation", "organization", false}, {"organisations", "organizations", false},
		{"organise", "organize", false},           {"prioritising", "prioritizing", false},
		{"behavioural", "behavioral", false},      {"colours", "colors", false},
		{"analysed", "analyzed", false},           {"centre", "center", false},
		{"defence", "defense", false},             {"programmes", "programs", false},
		{"labelling", "labeling", false},          {"organis", "organiz", true},
		{"behaviou", "behavio", true},             {"authoris", "authoriz", true},
	};
	for (size_t i = 0; i < ISN_ARRAY_LEN(cases); i++) {
		size_t n = search_fold(cases[i].in, strlen(cases[i].in), cases[i].prefix, out, sizeof out);
		cr_assert_gt(n, 0, "%s is folded", cases[i].in);
		cr_assert_str_eq(out, cases[i].out);
	}
	const char *kept[] = {"exercise", "advise", "four", "hour", "your", "analysis",
			      "emphasis", "organic", "organisms", "otherwise"};
	for (size_t i = 0; i < ISN_ARRAY_LEN(kept); i++)
		cr_assert_eq(search_fold(kept[i], strlen(kept[i]), false, out, sizeof out), 0,
			     "%s stays as it is", kept[i]);
	cr_assert_eq(search_fold("organisation", 12, false, out, 5), 0, "no room: not folded");
}

Test(search, diacritics_and_case)
{
	struct search_index *idx = open_corpus();
	cr_assert(finds(idx, "cafe", 0, 4));
	cr_assert(finds(idx, "ZURICH", 0, 4));
	cr_assert(finds(idx, "Café", 0, 4));
	search_close(idx);
}

Test(search, prefixes)
{
	struct search_index *idx = open_corpus();
	cr_assert(finds(idx, "classif*", 0, 3));
	cr_assert_eq(first(idx, "repositor*", 0), 7);
	/* while typing, the last word is a prefix... */
	cr_assert(finds(idx, "how should we classi", SEARCH_TYPING, 3));
	cr_assert_not(finds(idx, "how should we classi", 0, 3), "not a prefix when not typing");
	/* ...even past the stem the index keeps ("organiza" for "organ") */
	cr_assert(finds(idx, "organiza", SEARCH_TYPING, 3));
	cr_assert(finds(idx, "organisa", SEARCH_TYPING, 1));
	search_close(idx);
}

/* The hits of q with their scores ("2:-1.25 5:-0.5"). */
static char *scored(struct search_index *idx, const char *q, unsigned flags)
{
	struct search_results r;
	cr_assert_eq(search_query(idx, q, 20, flags, &r), 0, "query '%s' failed", q);
	struct isn_buf b = {0};
	isn_buf_adds(&b, "");
	for (size_t i = 0; i < r.n; i++)
		isn_buf_printf(&b, "%s%u:%.17g", i ? " " : "", r.v[i].id, r.v[i].score);
	search_results_free(&r);
	return isn_buf_take(&b);
}

Test(search, typing_key_by_key_finds_what_a_fresh_search_does)
{
	/* counts kept from one key to the next must not change a score */
	const char *queries[] = {"how should we classify information", "audit programme",
				 "source code access review", "who has access to what",
				 "internal audit programme", "access review classification",
				 "statement of applicability controls", "security culture training audit",
				 "information classification policy labels"};
	struct search_index *typed = open_corpus();
	for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
		char typed_so_far[64];
		for (size_t k = 1; k <= strlen(queries[q]); k++) {
			snprintf(typed_so_far, sizeof typed_so_far, "%.*s", (int)k, queries[q]);
			char *a = scored(typed, typed_so_far, SEARCH_TYPING);
			struct search_index *fresh = open_corpus();
			char *b = scored(fresh, typed_so_far, SEARCH_TYPING);
			search_close(fresh);
			cr_assert_str_eq(a, b, "'%s': typed %s, fresh %s", typed_so_far, a, b);
			free(a);
			free(b);
		}
	}
	search_close(typed);
}

Test(search, typed_prefixes_are_not_stemmed)
{
	struct search_index *idx = open_corpus();
	/* stemmed, "restr" could be cut shorter and find more */
	char *h = hits(idx, "restr", SEARCH_TYPING);
	cr_assert_str_eq(h, "7", "only 'restrict' starts with restr: got %s", h);
	free(h);
	/* a prefix shorter than five letters completes the words of
	 * questions, references and tags, not of the answers ("Restrict" is
	 * only in Q7's answer); after other words it waits for a fifth
	 * letter, and is then completed outside the answers too... */
	cr_assert_not(finds(idx, "res", SEARCH_TYPING, 7));
	cr_assert(finds(idx, "sourc", SEARCH_TYPING, 7), "Q7's question");
	cr_assert(finds(idx, "sou", SEARCH_TYPING, 7), "Q7's question");
	cr_assert_not(finds(idx, "classification restr", SEARCH_TYPING, 7));
	cr_assert(finds(idx, "classification sourc", SEARCH_TYPING, 7), "Q7's question");
	cr_assert_not(finds(idx, "classification sou", SEARCH_TYPING, 7));
	/* ...until the word is whole */
	cr_assert(finds(idx, "classification restrict", SEARCH_TYPING, 7));
	/* a whole word typed is found as stored: "policies" is "polici" */
	cr_assert(finds(idx, "classification", SEARCH_TYPING, 3));
	cr_assert(finds(idx, "repositories", SEARCH_TYPING, 7));
	search_close(idx);
}

Test(search, phrases_and_operators)
{
	struct search_index *idx = open_corpus();
	cr_assert(finds(idx, "\"internal audit\"", 0, 2));
	cr_assert_not(finds(idx, "\"internal audit\"", 0, 6), "the words are apart in Q6");
	cr_assert(finds(idx, "audit NOT programme", 0, 2));
	cr_assert_not(finds(idx, "audit NOT programme", 0, 6));
	char *h = hits(idx, "(classification OR repositories) AND levels", 0);
	cr_assert_str_eq(h, "3");
	free(h);
	search_close(idx);
}

/* A note that reads like SQLite's own message would reach the user raw. */
static void assert_friendly(const struct search_results *r, const char *q)
{
	if (r->note) {
		cr_assert_null(strstr(r->note, "fts5"), "'%s': raw note '%s'", q, r->note);
		cr_assert_null(strstr(r->note, "near \""), "'%s': raw note '%s'", q, r->note);
	}
}

Test(search, bad_syntax_never_fails)
{
	struct search_index *idx = open_corpus();
	const char *bad[] = {"\"unclosed", "AND OR", "*", "-", "(audit", "audit)", "NOT",
			     "audit AND", "\"\"", "((", "OR audit", "^", "a:b", "NEAR(",
			     "\"internal audit", "'; DROP TABLE fts; --"};
	for (size_t i = 0; i < ISN_ARRAY_LEN(bad); i++) {
		struct search_results r;
		cr_assert_eq(search_query(idx, bad[i], 10, 0, &r), 0, "'%s' failed", bad[i]);
		assert_friendly(&r, bad[i]);
		search_results_free(&r);
		cr_assert_eq(search_query(idx, bad[i], 10, SEARCH_TYPING, &r), 0);
		search_results_free(&r);
	}
	/* an unclosed quote is a phrase still being typed */
	cr_assert(finds(idx, "\"internal aud", SEARCH_TYPING, 2));
	cr_assert(finds(idx, "\"internal audit", 0, 2));
	/* what could not be read as syntax is searched as words, and said so */
	struct search_results r;
	cr_assert_eq(search_query(idx, "(audit", 10, 0, &r), 0);
	cr_assert_gt(r.n, 0);
	cr_assert_not_null(r.note);
	search_results_free(&r);
	cr_assert_eq(search_query(idx, "*", 10, 0, &r), 0);
	cr_assert_eq(r.n, 0);
	cr_assert_not_null(r.note);
	search_results_free(&r);
	search_close(idx);
}

Test(search, translation)
{
	bool syntax;
	char *e = search_translate("How often should we review who has access?", 0, &syntax);
	cr_assert_not(syntax);
	cr_assert_str_eq(e, "\"often\" OR \"review\" OR \"access\"");
	free(e);
	e = search_translate("who has acc", SEARCH_TYPING, &syntax);
	cr_assert_str_eq(e, "- {body} : \"acc\"* OR \"acc\"");
	free(e);
	e = search_translate("clause 9.2", 0, &syntax);
	cr_assert_str_eq(e, "\"9.2\"");
	free(e);
	e = search_translate("\"access review\" AND audit*", 0, &syntax);
	cr_assert(syntax);
	cr_assert_str_eq(e, "\"access review\" AND \"audit\"*");
	free(e);
	e = search_translate("the organisation's policy", 0, &syntax);
	cr_assert_str_eq(e, "\"organisation\" OR \"policy\"");
	free(e);
	e = search_translate("Q7", 0, &syntax);
	cr_assert_str_eq(e, "\"Q007\"");
	free(e);
}

Test(search, thesaurus)
{
	bool syntax;
	char *e = search_translate("wiping laptops", 0, &syntax);
	cr_assert(strstr(e, "\"deletion\""), "%s", e);
	cr_assert(strstr(e, "\"endpoint\""), "%s", e);
	free(e);
	struct search_index *idx = open_corpus();
	cr_assert(finds(idx, "marking documents", 0, 3), "marking finds 'labelling'");
	search_close(idx);
}

Test(search, snippets_mark_matches)
{
	struct search_index *idx = open_corpus();
	struct search_results r;
	cr_assert_eq(search_query(idx, "privileged", 5, 0, &r), 0);
	cr_assert_eq(r.n, 1);
	cr_assert_str_eq(r.v[0].question, "How do we review access rights?");
	char want[64];
	snprintf(want, sizeof want, "%cprivileged%c", SEARCH_MARK_ON, SEARCH_MARK_OFF);
	cr_assert(strstr(r.v[0].snippet, want), "snippet: %s", r.v[0].snippet);
	cr_assert_null(strchr(r.v[0].snippet, '\n'));
	cr_assert_null(strstr(r.v[0].snippet, "Plain-English"), "section labels are left out");
	search_results_free(&r);
	search_close(idx);
}

/* A query with a phrase of two words fetches its hits' questions and
 * snippets one by one, others in one pass over a range of rows: both
 * give the same. */
Test(search, phrase_hits_described_alike)
{
	write_file("t1.md", "id: Q11\nquery: How do we run a tabletop exercise?\n---\nGather.\n", 100);
	write_file("t2.md",
		   "id: Q12\nquery: How do we test the incident plan?\n---\nA tabletop exercise "
		   "walks the team through a scenario.\n",
		   100);
	write_file("t3.md",
		   "id: Q13\nquery: Which exercise suits us?\n---\nNot a tabletop, a drill: "
		   "the exercise is live.\n",
		   100);
	struct search_index *idx = open_corpus();
	struct search_results one, range;
	cr_assert_eq(search_query(idx, "\"tabletop exercise\"", 10, 0, &one), 0);
	cr_assert_eq(search_query(idx, "\"tabletop exercise\" OR zyzzyva*", 10, 0, &range), 0);
	cr_assert_eq(one.n, 2, "the words apart in Q13 are no match");
	cr_assert_eq(one.v[0].id, 11, "the question first");
	cr_assert_eq(one.v[1].id, 12);
	cr_assert_str_eq(one.v[1].question, "How do we test the incident plan?");
	char want[64];
	snprintf(want, sizeof want, "%ctabletop exercise%c", SEARCH_MARK_ON, SEARCH_MARK_OFF);
	cr_assert(strstr(one.v[1].snippet, want), "snippet: %s", one.v[1].snippet);
	cr_assert_eq(range.n, one.n);
	for (size_t i = 0; i < one.n; i++) {
		cr_assert_eq(range.v[i].id, one.v[i].id);
		cr_assert_str_eq(range.v[i].question, one.v[i].question);
		cr_assert_str_eq(range.v[i].snippet, one.v[i].snippet);
	}
	search_results_free(&one);
	search_results_free(&range);
	search_close(idx);
}

/* Snippets mark whole words beside letters beyond ASCII and punctuation
 * of every kind, as the index split them. */
Test(search, snippets_mark_words_among_other_characters)
{
	write_file("u1.md",
		   "id: Q21\nquery: Which words are odd?\n---\nA café’s naïve—résumé "
		   "(x-ray) e-mail.\n",
		   100);
	struct search_index *idx = open_corpus();
	struct search_results r;
	cr_assert_eq(search_query(idx, "naive resume ray mail", 5, 0, &r), 0);
	cr_assert_eq(r.n, 1);
	cr_assert_str_eq(r.v[0].snippet,
			 "A café’s \001naïve\002—\001résumé\002 (x-\001ray\002) e-\001mail\002.");
	search_results_free(&r);
	cr_assert_eq(search_query(idx, "cafe", 5, 0, &r), 0);
	size_t i = 0;
	while (i < r.n && r.v[i].id != 21)
		i++;
	cr_assert_lt(i, r.n);
	cr_assert_str_eq(r.v[i].snippet, "A \001café\002’s naïve—résumé (x-ray) e-mail.");
	search_results_free(&r);
	search_close(idx);
}

/* An answer repeating a word thousands of times gets its snippet in time
 * linear in the answer (FTS5's own snippet() took seconds on 20,000
 * matches): the window with the most distinct matched words, marked. */
Test(search, snippets_of_answers_with_many_matches)
{
	struct isn_buf b = {0};
	isn_buf_adds(&b, "id: Q900\nquery: \"Repeats?\"\npacks: [Test]\n---\n");
	for (int i = 0; i < 20000; i++)
		isn_buf_adds(&b, i % 2 ? "lorem " : "zyzzyva ");
	isn_buf_adds(&b, "quokka zyzzyva lorem zyzzyva\n");
	write_file("q900.md", b.data, 3600);
	isn_buf_free(&b);
	struct search_index *idx = open_corpus();
	struct search_results r;
	cr_assert_eq(search_query(idx, "zyzzyva", 5, 0, &r), 0);
	cr_assert_eq(r.n, 1);
	char want[64];
	snprintf(want, sizeof want, "%czyzzyva%c lorem %czyzzyva%c", SEARCH_MARK_ON,
		 SEARCH_MARK_OFF, SEARCH_MARK_ON, SEARCH_MARK_OFF);
	cr_assert(strstr(r.v[0].snippet, want), "snippet: %s", r.v[0].snippet);
	cr_assert(strncmp(r.v[0].snippet, want, strlen(want)) == 0, "starts at the top: %s",
		  r.v[0].snippet);
	cr_assert(strstr(r.v[0].snippet, "…"), "cut short: %s", r.v[0].snippet);
	search_results_free(&r);
	/* both words matched: the window holding both wins, though it is
	 * 20,000 words in */
	cr_assert_eq(search_query(idx, "zyzzyva OR quokka", 5, 0, &r), 0);
	cr_assert_eq(r.n, 1);
	snprintf(want, sizeof want, "%cquokka%c %czyzzyva%c", SEARCH_MARK_ON, SEARCH_MARK_OFF,
		 SEARCH_MARK_ON, SEARCH_MARK_OFF);
	cr_assert(strstr(r.v[0].snippet, want), "snippet: %s", r.v[0].snippet);
	cr_assert(strncmp(r.v[0].snippet, "…", strlen("…")) == 0, "cut at the start: %s",
		  r.v[0].snippet);
	search_results_free(&r);
	search_close(idx);
}

Test(search, follow_ups_are_not_text)
{
	struct search_index *idx = open_corpus();
	/* Q1's follow-up names "ninth entry": links, not words of Q1 */
	cr_assert_not(finds(idx, "ninth", 0, 1));
	search_close(idx);
}

/* ---- references and links --------------------------------------------- */

Test(search, clause_numbers_are_words)
{
	struct search_index *idx = open_corpus();
	cr_assert_eq(first(idx, "A.5.18", 0), 1);
	cr_assert_eq(first(idx, "5.18", 0), 1);
	cr_assert_eq(first(idx, "Q7", 0), 7);
	char *h = hits(idx, "clause 9.2", 0);
	cr_assert(!strncmp(h, "2 6", 3) || !strncmp(h, "6 2", 3), "got %s", h);
	free(h);
	search_close(idx);
}

Test(search, citations)
{
	struct search_index *idx = open_corpus();
	struct search_citations c;
	cr_assert_eq(search_citations(idx, "A.8.2", &c), 0);
	cr_assert_eq(c.n, 2);
	cr_assert_eq(c.v[0].id, 1);
	cr_assert_not(c.v[0].primary);
	cr_assert_eq(c.v[1].id, 7);
	search_citations_free(&c);
	cr_assert_eq(search_citations(idx, "clause 9.2", &c), 0);
	cr_assert_eq(c.n, 2, "9.2 and 9.2.2");
	cr_assert_str_eq(c.v[0].ref, "ISO27001:2022/9.2");
	cr_assert(c.v[0].primary);
	search_citations_free(&c);
	cr_assert_eq(search_citations(idx, "ISO27001:2022/A.5", &c), 0);
	cr_assert_eq(c.n, 3, "A.5.12 and A.5.13 of Q3, A.5.18 of Q1");
	cr_assert_str_eq(c.v[0].ref, "ISO27001:2022/A.5.12");
	search_citations_free(&c);
	cr_assert_eq(search_citations(idx, "9.3", &c), 0);
	cr_assert_eq(c.n, 0);
	search_citations_free(&c);
	search_close(idx);
}

Test(search, reference_counts_in_clause_order)
{
	struct search_index *idx = open_corpus();
	struct search_ref_counts rc;
	cr_assert_eq(search_ref_counts(idx, &rc), 0);
	const char *order[] = {"ISO27001:2022/6.1.3", "ISO27001:2022/7.3", "ISO27001:2022/9.2",
			       "ISO27001:2022/9.2.2", "ISO27001:2022/A.5.12", "ISO27001:2022/A.5.13",
			       "ISO27001:2022/A.5.18", "ISO27001:2022/A.8.2", "ISO27001:2022/A.8.4"};
	cr_assert_eq(rc.n, ISN_ARRAY_LEN(order));
	for (size_t i = 0; i < rc.n; i++)
		cr_assert_str_eq(rc.v[i].ref, order[i]);
	cr_assert_eq(rc.v[7].primary, 0);
	cr_assert_eq(rc.v[7].overlap, 2);
	search_ref_counts_free(&rc);
	search_close(idx);
}

Test(search, backlinks)
{
	struct search_index *idx = open_corpus();
	unsigned *ids;
	size_t n;
	cr_assert_eq(search_backlinks(idx, 2, &ids, &n), 0);
	cr_assert_eq(n, 2);
	cr_assert_eq(ids[0], 1);
	cr_assert_eq(ids[1], 6);
	free(ids);
	cr_assert_eq(search_backlinks(idx, 1, &ids, &n), 0);
	cr_assert_eq(n, 2, "Q2 inline, Q7 follow-up");
	free(ids);
	cr_assert_eq(search_backlinks(idx, 5, &ids, &n), 0);
	cr_assert_eq(n, 0);
	cr_assert_null(ids);
	search_close(idx);
}

Test(search, graph)
{
	struct search_index *idx = open_corpus();
	struct graph g;
	cr_assert_eq(graph_build(idx, NULL, 0, &g), 0);
	cr_assert_eq(g.n, 8, "seven entries and the missing Q9");
	cr_assert(graph_node(&g, 9)->missing);
	struct isn_buf out = {0};
	cr_assert_eq(graph_tsv(&g, &out), 0);
	cr_assert_str_eq(out.data, "Q001\tQ002\tfollowup\nQ001\tQ009\tdangling\nQ002\tQ001\tinline\n"
				   "Q006\tQ002\tfollowup\nQ007\tQ001\tfollowup\n");
	isn_buf_free(&out);
	cr_assert_eq(graph_dot(&g, &out), 0);
	cr_assert(strstr(out.data, "\"Q001\" -> \"Q009\" [style=dashed];"));
	cr_assert(strstr(out.data, "\"Q004\" [label=\"Q004\\nWhy does behaviour matter for…\""),
		  "%s", out.data);
	isn_buf_free(&out);
	graph_free(&g);
	unsigned from = 7;
	cr_assert_eq(graph_build(idx, &from, 1, &g), 0);
	cr_assert_eq(g.n, 2);
	cr_assert_eq(g.nedges, 1);
	graph_free(&g);
	cr_assert_eq(graph_build(idx, &from, 2, &g), 0);
	cr_assert_eq(g.n, 4, "Q7 -> Q1 -> Q2, Q9");
	graph_free(&g);
	search_close(idx);
}

/* ---- entries and problems ---------------------------------------------- */

struct collected {
	struct isn_buf text;
};

static int collect(const struct entry *e, void *ctx)
{
	struct collected *c = ctx;
	isn_buf_printf(&c->text, "%u|%s|%zu|%zu|%s\n", e->id, e->query, e->packs.n,
		       e->primary_ids.n, e->path);
	return 0;
}

/* The index lists the same entries as corpus_load, with the same
 * problems, whether the index was just built or read back. */
static void same_as_load(const char *dir)
{
	struct corpus c = {0};
	struct diag_list ld = {0};
	const char *paths[] = {dir};
	corpus_load(&c, paths, 1, &ld);
	struct collected want = {{0}}, got = {{0}};
	for (size_t i = 0; i < c.n; i++)
		collect(c.entries[i], &want);
	for (int pass = 0; pass < 2; pass++) {
		struct diag_list d = {0};
		struct search_index *idx = open_at(dir, cache, &d);
		cr_assert_eq(search_file_diags(idx, &d), 0);
		cr_assert_eq(d.errors, ld.errors, "pass %d: %zu errors, load says %zu", pass,
			     d.errors, ld.errors);
		cr_assert_eq(d.warnings, ld.warnings, "pass %d", pass);
		got.text.len = 0;
		cr_assert_eq(search_each_entry(idx, collect, &got), 0);
		cr_assert_str_eq(got.text.data ? got.text.data : "", want.text.data ? want.text.data : "");
		cr_assert_eq(search_stats(idx)->entries, c.n);
		search_close(idx);
		diag_list_free(&d);
	}
	isn_buf_free(&want.text);
	isn_buf_free(&got.text);
	corpus_free(&c);
	diag_list_free(&ld);
}

Test(search, lists_what_corpus_load_lists)
{
	same_as_load(corpus);
	same_as_load(FIXTURES_DIR "/broken");
	same_as_load(FIXTURES_DIR "/corpus");
}

static int collect_question(unsigned id, const char *question, void *ctx)
{
	struct collected *c = ctx;
	isn_buf_printf(&c->text, "%u|%s\n", id, question);
	return id == 5; /* stops at the fifth */
}

Test(search, questions_alone)
{
	struct search_index *idx = open_corpus();
	struct collected c = {{0}};
	cr_assert_eq(search_each_question(idx, collect_question, &c), 1, "stopped by the callback");
	cr_assert_str_eq(c.text.data, "1|How do we review access rights?\n2|What is an internal audit?\n"
				      "3|How should the organization classify information?\n"
				      "4|Why does behaviour matter for security culture?\n"
				      "5|What is the Statement of Applicability?\n");
	isn_buf_free(&c.text);
	search_close(idx);
}

Test(search, heads_without_parsing)
{
	struct search_index *idx = open_corpus();
	struct corpus c = {0};
	cr_assert_eq(search_load_heads(idx, &c), 0);
	cr_assert_eq(c.n, 7);
	const struct entry *e = corpus_find(&c, 7);
	cr_assert_not_null(e);
	cr_assert_str_eq(e->query, "Which controls protect source code?");
	cr_assert(entry_has_ref(e, "ISO27001:2022/A.8"));
	cr_assert(strstr(e->path, "/sub/g-source.md"));
	cr_assert_null(e->body);
	corpus_free(&c);
	search_close(idx);
}

/* ---- the cache file ----------------------------------------------------- */

static char *cache_path(void)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "ls %s/search-*.db", cache);
	FILE *p = popen(cmd, "r");
	char line[256] = "";
	cr_assert_not_null(fgets(line, sizeof line, p), "no cache file");
	pclose(p);
	line[strcspn(line, "\n")] = '\0';
	return isn_strdup(line);
}

static const struct search_stats *reopen(struct search_index **idx)
{
	if (*idx)
		search_close(*idx);
	*idx = open_corpus();
	return search_stats(*idx);
}

Test(search, warm_start_parses_nothing)
{
	struct search_index *idx = NULL;
	const struct search_stats *s = reopen(&idx);
	cr_assert(s->rebuilt);
	cr_assert_eq(s->parsed, 8, "seven entries and the README");
	cr_assert_not(s->in_memory);
	s = reopen(&idx);
	cr_assert_not(s->rebuilt);
	cr_assert_eq(s->parsed, 0);
	cr_assert_eq(s->files, 8);
	cr_assert_eq(s->entries, 7);
	search_close(idx);
}

/* The size and time the index keeps for a file. */
static long long stored_mtime(const char *db, const char *name)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(h, "SELECT mtime FROM files WHERE path LIKE ?1", -1, &st, NULL),
		     SQLITE_OK);
	char like[128];
	snprintf(like, sizeof like, "%%/%s", name);
	sqlite3_bind_text(st, 1, like, -1, SQLITE_TRANSIENT);
	long long t = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	sqlite3_close(h);
	return t;
}

Test(search, incremental_update)
{
	struct search_index *idx = NULL;
	reopen(&idx);
	char *db = cache_path();
	long long before_b = stored_mtime(db, "b-audit.md"), before_e = stored_mtime(db, "e-soa.md");

	/* an edit in place: only that file is parsed again */
	write_file("b-audit.md",
		   "id: Q2\nquery: What is an internal audit?\n---\nAn audit with zeppelins.\n", 50);
	const struct search_stats *s = reopen(&idx);
	cr_assert_eq(s->parsed, 1);
	cr_assert_not(s->rebuilt);
	cr_assert(finds(idx, "zeppelins", 0, 2));
	cr_assert_neq(stored_mtime(db, "b-audit.md"), before_b);
	cr_assert_eq(stored_mtime(db, "e-soa.md"), before_e, "an unchanged file keeps its record");

	/* a new file */
	write_file("sub/h-new.md", "id: Q8\nquery: Where are the zeppelins parked?\n---\nHangar.\n", 40);
	s = reopen(&idx);
	cr_assert_eq(s->parsed, 1);
	cr_assert_eq(s->entries, 8);
	cr_assert_eq(first(idx, "hangar", 0), 8);

	/* a removed file */
	char path[256];
	snprintf(path, sizeof path, "%s/c-classify.md", corpus);
	cr_assert_eq(unlink(path), 0);
	s = reopen(&idx);
	cr_assert_eq(s->parsed, 0);
	cr_assert_eq(s->removed, 1);
	cr_assert_eq(s->entries, 7);
	cr_assert_not(finds(idx, "classification", 0, 3));
	cr_assert_eq(stored_mtime(db, "c-classify.md"), -1);

	/* the same size and time again: not parsed (a file's time is what
	 * the index compares, with its size) */
	s = reopen(&idx);
	cr_assert_eq(s->parsed, 0);
	cr_assert_eq(s->removed, 0);
	free(db);
	search_close(idx);
}

Test(search, same_size_and_time_is_still_noticed)
{
	struct search_index *idx = NULL;
	reopen(&idx);
	/* as `cp -p` or `rsync -t` leave it: other bytes, same size and time */
	char path[256];
	snprintf(path, sizeof path, "%s/b-audit.md", corpus);
	struct stat before;
	cr_assert_eq(stat(path, &before), 0);
	FILE *f = fopen(path, "r+");
	cr_assert_not_null(f);
	cr_assert_eq(fseek(f, -12, SEEK_END), 0);
	fputs("for zeppelin", f);
	fclose(f);
	struct timespec t[2] = {before.st_atim, before.st_mtim};
	cr_assert_eq(utimensat(AT_FDCWD, path, t, 0), 0);
	const struct search_stats *s = reopen(&idx);
	cr_assert_eq(s->parsed, 1);
	cr_assert(finds(idx, "zeppelin", 0, 2));
	search_close(idx);
}

static struct search_index *open_later(const char *dir)
{
	const char *paths[] = {dir};
	struct search_opts o = {.cache_dir = cache, .check_later = true};
	struct search_index *idx = NULL;
	struct diag_list d = {0};
	cr_assert_eq(search_open(&idx, paths, 1, &o, &d), 0);
	diag_list_free(&d);
	return idx;
}

Test(search, a_query_while_checking_sees_an_edit)
{
	search_close(open_corpus());
	write_file("b-audit.md",
		   "id: Q2\nquery: What is an internal audit?\n---\nAn audit with zeppelins.\n", 50);
	/* the query runs on the index as it was, then again once the check
	 * has found the edit */
	struct search_index *idx = open_later(corpus);
	cr_assert_eq(first(idx, "zeppelins", 0), 2);
	cr_assert_eq(search_stats(idx)->parsed, 1);
	search_close(idx);
	idx = open_later(corpus);
	cr_assert_eq(first(idx, "zeppelins", 0), 2);
	cr_assert_eq(search_stats(idx)->parsed, 0, "the edit was indexed the first time");
	search_close(idx);
}

Test(search, a_query_while_checking_finds_what_a_checked_one_does)
{
	struct search_index *idx = open_corpus();
	char *want = hits(idx, "audit", 0);
	search_close(idx);
	idx = open_later(corpus);
	char *got = hits(idx, "audit", 0);
	cr_assert_str_eq(got, want);
	cr_assert_eq(search_stats(idx)->parsed, 0);
	cr_assert_eq(search_stats(idx)->files, 8);
	free(got);
	free(want);
	search_close(idx);
	/* closed before anything was read: the check is waited for */
	search_close(open_later(corpus));
}

struct during {
	int calls;
	bool again;
	char *first_hit;
};

static int list_during(struct search_index *idx, void *ctx, bool again)
{
	struct during *d = ctx;
	d->calls++;
	d->again = again;
	free(d->first_hit);
	d->first_hit = hits(idx, "hangar", 0);
	return 0;
}

/* Opens the corpus with its check pending and reads it meanwhile. */
static void read_during_check(struct during *d)
{
	d->calls = 0;
	struct search_index *idx = open_later(corpus);
	cr_assert_eq(search_during_check(idx, list_during, d), 0);
	search_close(idx);
}

Test(search, reading_during_the_check_starts_over_after_a_change)
{
	search_close(open_corpus());
	struct during d = {0};
	read_during_check(&d);
	cr_assert_eq(d.calls, 1, "nothing changed: read once");
	cr_assert_str_eq(d.first_hit, "");

	/* an edit in place leaves the folder's times: found by the check */
	write_file("b-audit.md", "id: Q2\nquery: What is an internal audit?\n---\nHangar.\n", 40);
	read_during_check(&d);
	cr_assert_eq(d.calls, 2, "a file was edited: read again");
	cr_assert(d.again);
	cr_assert_str_eq(d.first_hit, "2");

	/* a new file changes the folder's times: the index is brought up to
	 * date before search_open returns */
	write_file("sub/h-new.md", "id: Q8\nquery: Where are the zeppelins parked?\n---\nHangar.\n", 40);
	read_during_check(&d);
	cr_assert_eq(d.calls, 1);
	cr_assert_str_eq(d.first_hit, "2 8");
	free(d.first_hit);
}

Test(search, a_query_while_checking_many_files)
{
	/* enough files for the check to run on threads */
	char dir[192], path[256];
	snprintf(dir, sizeof dir, "%s/many", root);
	cr_assert_eq(mkdir(dir, 0755), 0);
	for (int i = 1; i <= 1500; i++) {
		snprintf(path, sizeof path, "%s/q%04d.md", dir, i);
		FILE *f = fopen(path, "w");
		cr_assert_not_null(f);
		fprintf(f, "id: Q%d\nquery: Question number %d?\n---\nAnswer %d.\n", i, i, i);
		fclose(f);
		age(path, 100);
	}
	age(dir, 100);
	search_close(open_later(dir));
	snprintf(path, sizeof path, "%s/q1234.md", dir);
	FILE *f = fopen(path, "a");
	cr_assert_not_null(f);
	fputs("Zeppelins.\n", f);
	fclose(f);
	age(path, 50);
	struct search_index *idx = open_later(dir);
	cr_assert_eq(first(idx, "zeppelins", 0), 1234);
	cr_assert_eq(search_stats(idx)->parsed, 1);
	cr_assert_eq(search_stats(idx)->files, 1500);
	search_close(idx);
}

Test(search, refresh_picks_up_changes)
{
	struct search_index *idx = open_corpus();
	write_file("sub/h-new.md", "id: Q8\nquery: Where are the zeppelins parked?\n---\nHangar.\n", 40);
	struct diag_list d = {0};
	cr_assert_eq(search_refresh(idx, &d), 0);
	cr_assert_eq(search_stats(idx)->parsed, 1);
	cr_assert_eq(first(idx, "zeppelins", 0), 8);
	diag_list_free(&d);
	search_close(idx);
}

/* A query typed again gives the hits it gave, unless the index changed
 * since: in this process, or in another. */
Test(search, a_query_again_sees_changes_to_the_index)
{
	struct search_index *idx = open_corpus(), *other = open_corpus();
	cr_assert_not(finds(idx, "zeppelins", 0, 8));
	write_file("sub/h-new.md", "id: Q8\nquery: Where are the zeppelins parked?\n---\nHangar.\n", 40);
	struct diag_list d = {0};
	cr_assert_eq(search_refresh(idx, &d), 0);
	cr_assert(finds(idx, "zeppelins", 0, 8), "refreshed here");
	cr_assert(finds(idx, "zeppelins ", SEARCH_TYPING, 8), "the same query again");
	cr_assert(finds(other, "hangar", 0, 8));
	write_file("sub/h-new.md", "id: Q8\nquery: Where are the airships parked?\n---\nHangar.\n", 30);
	cr_assert_eq(search_refresh(other, &d), 0);
	cr_assert_not(finds(idx, "zeppelins", 0, 8), "refreshed by another");
	cr_assert(finds(idx, "airships", 0, 8));
	diag_list_free(&d);
	search_close(other);
	search_close(idx);
}

Test(search, recent_files_are_looked_at_again)
{
	struct search_index *idx = NULL;
	reopen(&idx);
	/* written just now: its time may still move within the clock's tick */
	write_file("sub/h-new.md", "id: Q8\nquery: Fresh?\n---\nJust written.\n", 0);
	const struct search_stats *s = reopen(&idx);
	cr_assert_eq(s->parsed, 1);
	s = reopen(&idx);
	cr_assert_eq(s->parsed, 1, "still too recent to trust");
	char path[256];
	snprintf(path, sizeof path, "%s/sub/h-new.md", corpus);
	age(path, 30);
	s = reopen(&idx);
	cr_assert_eq(s->parsed, 1);
	s = reopen(&idx);
	cr_assert_eq(s->parsed, 0);
	search_close(idx);
}

Test(search, duplicate_ids_follow_load_order)
{
	struct search_index *idx = NULL;
	write_file("z-dup.md", "id: Q1\nquery: A second Q1?\n---\nDuplicate.\n", 60);
	reopen(&idx);
	struct diag_list d = {0};
	cr_assert_eq(search_file_diags(idx, &d), 0);
	cr_assert(has_diag(&d, DIAG_ERROR, -1, "duplicate id Q001"));
	diag_list_free(&d);
	cr_assert_eq(first(idx, "review access rights", 0), 1);
	cr_assert_not(finds(idx, "duplicate", 0, 1));
	/* the first one goes: the duplicate owns Q1 now */
	char path[256];
	snprintf(path, sizeof path, "%s/a-access.md", corpus);
	cr_assert_eq(unlink(path), 0);
	const struct search_stats *s = reopen(&idx);
	cr_assert_eq(s->parsed, 1, "only the duplicate is parsed again");
	cr_assert(finds(idx, "duplicate", 0, 1));
	d = (struct diag_list){0};
	cr_assert_eq(search_file_diags(idx, &d), 0);
	cr_assert_eq(d.errors, 0);
	diag_list_free(&d);
	search_close(idx);
}

static void damage(const char *db, const char *with)
{
	FILE *f = fopen(db, "w");
	cr_assert_not_null(f);
	fputs(with, f);
	fclose(f);
}

Test(search, damaged_cache_is_rebuilt)
{
	struct search_index *idx = NULL;
	reopen(&idx);
	search_close(idx);
	idx = NULL;
	char *db = cache_path();
	damage(db, "garbage, not a database");
	const struct search_stats *s = reopen(&idx);
	cr_assert(s->rebuilt);
	cr_assert_not(s->in_memory);
	cr_assert_not_null(s->why);
	cr_assert_eq(first(idx, "internal audit", 0), 2);
	search_close(idx);
	idx = NULL;
	/* a database, but not ours */
	sqlite3 *h;
	unlink(db);
	cr_assert_eq(sqlite3_open(db, &h), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(h, "CREATE TABLE t(x); PRAGMA user_version = 1;", NULL, NULL, NULL),
		     SQLITE_OK);
	sqlite3_close(h);
	s = reopen(&idx);
	cr_assert(s->rebuilt);
	cr_assert_eq(first(idx, "internal audit", 0), 2);
	search_close(idx);
	idx = NULL;
	/* ours, of an older format */
	cr_assert_eq(sqlite3_open(db, &h), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(h, "PRAGMA user_version = 0;", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	s = reopen(&idx);
	cr_assert(s->rebuilt);
	cr_assert_str_eq(s->why, "the index was of another format");
	/* no temporary file is left behind */
	char cmd[256];
	snprintf(cmd, sizeof cmd, "ls %s | grep -c tmp", cache);
	cr_assert_neq(system(cmd), 0);
	free(db);
	search_close(idx);
}

Test(search, damage_inside_the_file_is_rebuilt)
{
	struct search_index *idx = NULL;
	reopen(&idx);
	search_close(idx);
	idx = NULL;
	/* a valid header with the pages after it overwritten */
	char *db = cache_path();
	int fd = open(db, O_WRONLY);
	cr_assert_geq(fd, 0);
	char junk[4096];
	memset(junk, 0x5a, sizeof junk);
	for (off_t off = 4096; off < 8 * 4096; off += 4096)
		cr_assert_eq(pwrite(fd, junk, sizeof junk, off), (ssize_t)sizeof junk);
	close(fd);
	const struct search_stats *s = reopen(&idx);
	cr_assert(s->rebuilt);
	cr_assert_eq(first(idx, "internal audit", 0), 2);
	free(db);
	search_close(idx);
}

Test(search, unwritable_cache_falls_back_to_memory)
{
	struct diag_list d = {0};
	struct search_index *idx = open_at(corpus, "/proc/ismsnav-no-such-cache", &d);
	const struct search_stats *s = search_stats(idx);
	cr_assert(s->in_memory);
	cr_assert_null(search_cache_file(idx));
	cr_assert_eq(d.errors, 0, "no cache is not a problem");
	cr_assert_eq(first(idx, "internal audit", 0), 2);
	search_close(idx);
	diag_list_free(&d);
}

Test(search, read_only_cache_file_is_used_in_memory)
{
	struct search_index *idx = NULL;
	reopen(&idx);
	search_close(idx);
	idx = NULL;
	write_file("sub/h-new.md", "id: Q8\nquery: Where are the zeppelins parked?\n---\nHangar.\n", 40);
	/* as root a file's mode does not stop writing: make it immutable */
	char *db = cache_path(), cmd[512];
	snprintf(cmd, sizeof cmd, "chattr +i '%s' 2>/dev/null", db);
	if (system(cmd) != 0) {
		free(db);
		cr_skip_test("chattr +i is not available here");
	}
	idx = open_corpus();
	const struct search_stats *s = search_stats(idx);
	cr_assert(s->in_memory);
	cr_assert_not(s->rebuilt, "a sound file is copied, not rebuilt");
	cr_assert_eq(s->parsed, 1);
	cr_assert_eq(first(idx, "zeppelins", 0), 8);
	search_close(idx);
	snprintf(cmd, sizeof cmd, "chattr -i '%s'", db);
	cr_assert_eq(system(cmd), 0);
	free(db);
}

Test(search, missing_corpus_path)
{
	struct diag_list d = {0};
	const char *paths[] = {"/no/such/folder", corpus};
	struct search_opts o = {.cache_dir = cache};
	struct search_index *idx;
	cr_assert_eq(search_open(&idx, paths, 2, &o, &d), 1);
	cr_assert(has_diag(&d, DIAG_ERROR, 0, "cannot read"));
	cr_assert_eq(first(idx, "internal audit", 0), 2);
	search_close(idx);
	diag_list_free(&d);
}
