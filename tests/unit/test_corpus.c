/* Loading folders: recursion, hidden files, broken files, duplicates,
 * queries; and the user's own samples when they are present. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "ismsnav/corpus.h"
#include "ismsnav/search.h"
#include "ismsnav/util.h"

TestSuite(corpus, .init = test_locale);

static void load(const char *path, struct corpus *c, struct diag_list *d)
{
	*c = (struct corpus){0};
	*d = (struct diag_list){0};
	const char *paths[] = {path};
	corpus_load(c, paths, 1, d);
}

Test(corpus, walks_folders_sorted_by_id_skipping_hidden_files)
{
	struct corpus c;
	struct diag_list d;
	load(FIXTURES_DIR "/corpus", &c, &d);
	cr_assert_eq(c.n, 4);
	for (size_t i = 0; i < c.n; i++)
		cr_assert_eq(c.entries[i]->id, i + 1);
	cr_assert_eq(d.errors, 0);
	cr_assert_eq(d.warnings, 1, "README.md has no front matter");
	cr_assert(has_diag(&d, DIAG_WARNING, 0, "no front matter"));
	cr_assert_not_null(strstr(c.entries[2]->path, "c-third.txt"), "any extension loads");
	corpus_free(&c);
	diag_list_free(&d);
}

Test(corpus, finds_entries_by_number)
{
	struct corpus c;
	struct diag_list d;
	load(FIXTURES_DIR "/corpus", &c, &d);
	cr_assert_not_null(corpus_find(&c, 3));
	cr_assert_null(corpus_find(&c, 9));
	cr_assert_eq(corpus_index(&c, 4), 3);
	corpus_free(&c);
	diag_list_free(&d);
}

Test(corpus, broken_files_are_reported_and_the_rest_loads)
{
	struct corpus c;
	struct diag_list d;
	load(FIXTURES_DIR "/broken", &c, &d);
	/* dup-a, unknown-key, deep-nesting and zz-good load */
	cr_assert_eq(c.n, 4);
	cr_assert_not_null(corpus_find(&c, 109));
	cr_assert_not_null(corpus_find(&c, 107));
	struct entry *dup = corpus_find(&c, 102);
	cr_assert_not_null(dup);
	cr_assert_not_null(strstr(dup->path, "dup-a.md"), "the first file wins");
	cr_assert(has_diag(&d, DIAG_ERROR, 1, "duplicate id Q102"));
	cr_assert(has_diag(&d, DIAG_ERROR, 2, "invalid UTF-8"));
	cr_assert(has_diag(&d, DIAG_ERROR, 3, "YAML syntax error"));
	cr_assert(has_diag(&d, DIAG_WARNING, 0, "empty file"));
	cr_assert(has_diag(&d, DIAG_WARNING, 2, "binary file"));
	corpus_free(&c);
	diag_list_free(&d);
}

Test(corpus, a_missing_path_is_an_error_but_others_load)
{
	struct corpus c = {0};
	struct diag_list d = {0};
	const char *paths[] = {"/nonexistent/ismsnav", FIXTURES_DIR "/format"};
	cr_assert_eq(corpus_load(&c, paths, 2, &d), -1);
	cr_assert_eq(c.n, 2);
	cr_assert(has_diag(&d, DIAG_ERROR, 0, "cannot read"));
	corpus_free(&c);
	diag_list_free(&d);
}

Test(corpus, check_reports_dangling_links_and_unknown_keys)
{
	struct corpus c;
	struct diag_list d;
	load(FIXTURES_DIR "/broken", &c, &d);
	diag_list_free(&d);
	corpus_check_links(&c, &d);
	corpus_check_extras(&c, &d);
	cr_assert(has_diag(&d, DIAG_WARNING, 7, "link to Q999 is not in this corpus"));
	cr_assert(has_diag(&d, DIAG_WARNING, 3, "unknown key 'colour'"));
	cr_assert(has_diag(&d, DIAG_WARNING, 5, "unknown key 'ui.layout'"));
	corpus_free(&c);
	diag_list_free(&d);
}

Test(corpus, refs_match_by_prefix_at_component_boundaries)
{
	struct corpus c;
	struct diag_list d;
	load(FIXTURES_DIR "/corpus", &c, &d);
	struct entry *q2 = corpus_find(&c, 2), *q3 = corpus_find(&c, 3), *q4 = corpus_find(&c, 4);
	cr_assert(entry_has_ref(q2, "ISO27001:2022/6"));
	cr_assert(entry_has_ref(q2, "ISO27001:2022/6.1"));
	cr_assert(entry_has_ref(q2, "ISO27001:2022/6.1.2"));
	cr_assert_not(entry_has_ref(q2, "ISO27001:2022/6.1.3"));
	cr_assert(entry_has_ref(q3, "ISO27001:2022/6"));
	cr_assert_not(entry_has_ref(q4, "ISO27001:2022/6"), "60 is not under 6");
	cr_assert(entry_has_ref(q4, "ISO27001:2022/"));
	cr_assert(entry_has_ref(corpus_find(&c, 1), "ISO27002:2022"));
	cr_assert(entry_has_pack(q3, "test:2"));
	cr_assert(entry_has_tag(q2, "register"));
	corpus_free(&c);
	diag_list_free(&d);
}

Test(corpus, filter_matches_every_word_in_id_question_or_answer)
{
	struct corpus c;
	struct diag_list d;
	load(FIXTURES_DIR "/corpus", &c, &d);
	struct entry *q1 = corpus_find(&c, 1), *q2 = corpus_find(&c, 2);
	cr_assert(entry_matches(q1, ""));
	cr_assert(entry_matches(q1, "FIXTURE entry"));
	cr_assert(entry_matches(q1, "q1"));
	cr_assert(entry_matches(q1, "Q001"));
	cr_assert(entry_matches(q2, "quoted remark"), "answer text counts");
	cr_assert_not(entry_matches(q1, "fixture banana"));
	corpus_free(&c);
	diag_list_free(&d);
}

Test(corpus, loads_the_users_samples_unchanged)
{
	struct stat st;
	if (stat(SAMPLES_DIR, &st) != 0)
		cr_skip_test("no samples folder at " SAMPLES_DIR);
	struct corpus c;
	struct diag_list d;
	load(SAMPLES_DIR, &c, &d);
	cr_assert_eq(c.n, 3);
	cr_assert_eq(d.errors, 0);
	cr_assert_eq(d.warnings, 0);
	struct entry *q12 = corpus_find(&c, 12);
	cr_assert_not_null(q12);
	cr_assert_eq(q12->nlinks, 10, "Q091–Q100 is ten follow-ups");
	cr_assert_eq(q12->links[0].target, 91);
	cr_assert_eq(q12->links[9].target, 100);
	struct entry *q1 = corpus_find(&c, 1);
	cr_assert_eq(q1->nlinks, 3);
	cr_assert_eq(q1->nactions, 2);
	cr_assert_str_eq(q1->actions[1].label, "Open Risk Register");
	corpus_free(&c);
	diag_list_free(&d);
}

Test(corpus, catalog_loads_only_the_wanted_files)
{
	struct corpus_catalog cat = {0};
	struct diag_list d = {0};
	const char *paths[] = {FIXTURES_DIR "/corpus"};
	cr_assert_eq(corpus_catalog_scan(&cat, paths, 1, &d), 0);
	cr_assert_eq(cat.n, 5, "four entries and the README");
	cr_assert_geq(cat.ndirs, 2);
	struct corpus c = {0};
	unsigned want = 3;
	cr_assert_eq(corpus_catalog_load(&cat, &c, &want, 1, false, &d), 0);
	cr_assert_eq(c.n, 1);
	cr_assert_eq(c.entries[0]->id, 3);
	unsigned more[] = {3, 4};
	corpus_catalog_load(&cat, &c, more, 2, true, &d);
	cr_assert_eq(c.n, 2, "Q3 is not parsed twice");
	cr_assert_eq(d.errors, 0);
	corpus_free(&c);
	corpus_catalog_free(&cat);
	diag_list_free(&d);
}

/* ---- parse on open: heads from the search index, completed later ---- */

static char open_root[64];

static void open_write(const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", open_root, name);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f, "%s", path);
	fputs(text, f);
	fclose(f);
}

static const char one[] = "id: Q1\nquery: First question\nprimary_ids:\n  - \"ISO27001:2022/9.2\"\n"
			  "---\nThe answer.\n\n**Likely follow-ups**\n- \"Second?\" (See Q002.)\n";
static const char two[] = "id: Q2\nquery: Second question\n---\nAnother answer.\n";

/* A corpus of two files read as heads only, as the navigator starts. */
static void open_heads(struct corpus *c, struct search_index **idx)
{
	snprintf(open_root, sizeof open_root, "/tmp/ismsnav-open-XXXXXX");
	cr_assert_not_null(mkdtemp(open_root));
	open_write("one.md", one);
	open_write("two.md", two);
	const char *paths[] = {open_root};
	struct search_opts o = {.in_memory = true};
	struct diag_list d = {0};
	cr_assert_eq(search_open(idx, paths, 1, &o, &d), 0);
	cr_assert_eq(d.errors, 0);
	diag_list_free(&d);
	*c = (struct corpus){0};
	cr_assert_eq(search_load_heads(*idx, c), 0);
	cr_assert_eq(c->n, 2);
}

static void open_cleanup(struct corpus *c, struct search_index *idx)
{
	corpus_free(c);
	search_close(idx);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", open_root);
	cr_assert_eq(system(cmd), 0);
}

Test(corpus, a_head_is_parsed_in_full_when_opened)
{
	struct corpus c;
	struct search_index *idx;
	open_heads(&c, &idx);
	struct entry *e = corpus_find(&c, 1);
	cr_assert(entry_is_head(e));
	cr_assert_null(e->body);
	struct diag_list d = {0};
	cr_assert_eq(corpus_complete(&c, 1, &d, &e), 0);
	cr_assert_eq(d.errors, 0);
	cr_assert_not(entry_is_head(e));
	cr_assert_eq(corpus_find(&c, 1), e, "the corpus holds the full entry");
	cr_assert_not_null(strstr(e->body, "The answer."));
	cr_assert_eq(e->nlinks, 1);
	cr_assert_eq(e->links[0].target, 2);
	cr_assert_eq(e->id_line, 1);
	cr_assert(entry_is_head(corpus_find(&c, 2)), "only the opened entry is parsed");
	/* once complete, the file is not read again */
	char path[128];
	snprintf(path, sizeof path, "%s/one.md", open_root);
	cr_assert_eq(unlink(path), 0);
	struct entry *again;
	cr_assert_eq(corpus_complete(&c, 1, &d, &again), 0);
	cr_assert_eq(again, e);
	cr_assert_eq(d.n, 0);
	diag_list_free(&d);
	open_cleanup(&c, idx);
}

Test(corpus, a_file_broken_since_indexing_keeps_the_head_and_names_the_line)
{
	struct corpus c;
	struct search_index *idx;
	open_heads(&c, &idx);
	open_write("one.md", "id: Q1\nquery: [unclosed\n---\nx\n");
	struct diag_list d = {0};
	struct entry *e;
	cr_assert_eq(corpus_complete(&c, 1, &d, &e), -1);
	cr_assert_not_null(e);
	cr_assert(entry_is_head(e));
	cr_assert_str_eq(e->query, "First question", "the head stays");
	cr_assert_gt(d.errors, 0);
	cr_assert_gt(d.v[0].line, 0, "the message names the line");
	cr_assert_not_null(strstr(d.v[0].path, "one.md"));
	diag_list_free(&d);
	/* mended, it opens */
	open_write("one.md", one);
	d = (struct diag_list){0};
	cr_assert_eq(corpus_complete(&c, 1, &d, &e), 0);
	cr_assert_not(entry_is_head(e));
	diag_list_free(&d);
	open_cleanup(&c, idx);
}

Test(corpus, a_file_gone_or_changed_id_or_no_entry_keeps_the_head)
{
	struct corpus c;
	struct search_index *idx;
	open_heads(&c, &idx);
	struct diag_list d = {0};
	struct entry *e;
	char path[128];
	snprintf(path, sizeof path, "%s/two.md", open_root);
	cr_assert_eq(unlink(path), 0);
	cr_assert_eq(corpus_complete(&c, 2, &d, &e), -1);
	cr_assert(entry_is_head(e));
	cr_assert(has_diag(&d, DIAG_ERROR, 0, "cannot open"));
	diag_list_free(&d);

	d = (struct diag_list){0};
	open_write("two.md", "id: Q9\nquery: Moved\n---\nx\n");
	cr_assert_eq(corpus_complete(&c, 2, &d, &e), -1);
	cr_assert(has_diag(&d, DIAG_ERROR, 1, "now declares Q009, not Q002"));
	cr_assert_null(corpus_find(&c, 9), "the other ID is not added");
	diag_list_free(&d);

	d = (struct diag_list){0};
	open_write("two.md", "Just some notes, no front matter.\n");
	cr_assert_eq(corpus_complete(&c, 2, &d, &e), -1);
	cr_assert(has_diag(&d, DIAG_ERROR, 0, "no longer holds an entry"));
	cr_assert_str_eq(corpus_find(&c, 2)->query, "Second question");
	diag_list_free(&d);

	/* a file grown past the size limit is not read at all */
	d = (struct diag_list){0};
	char big[160];
	snprintf(big, sizeof big, "%s/two.md", open_root);
	FILE *f = fopen(big, "w");
	cr_assert_not_null(f);
	fputs("id: Q2\nquery: Second question\n---\n", f);
	for (unsigned i = 0; i <= ENTRY_MAX_BYTES / 64; i++)
		fputs("Padding that makes the answer longer than any entry may be.....\n", f);
	fclose(f);
	cr_assert_eq(corpus_complete(&c, 2, &d, &e), -1);
	cr_assert(has_diag(&d, DIAG_ERROR, 0, "limited to"));
	cr_assert(entry_is_head(e));
	diag_list_free(&d);

	d = (struct diag_list){0};
	cr_assert_eq(corpus_complete(&c, 7, &d, &e), -1);
	cr_assert_null(e, "not in the corpus");
	diag_list_free(&d);
	open_cleanup(&c, idx);
}

Test(corpus, diff_counts_added_removed_and_changed_entries)
{
	struct diag_list d = {0};
	struct corpus a = {0}, b = {0};
	corpus_add(&a, parse_str("1.md", "id: Q1\nquery: One\n---\nx\n", &d), &d);
	corpus_add(&a, parse_str("2.md", "id: Q2\nquery: Two\n---\nx\n", &d), &d);
	corpus_add(&a, parse_str("3.md", "id: Q3\nquery: Three\n---\nx\n", &d), &d);
	corpus_add(&b, parse_str("1.md", "id: Q1\nquery: One\n---\nx\n", &d), &d);
	corpus_add(&b, parse_str("3.md", "id: Q3\nquery: Three, reworded\n---\nx\n", &d), &d);
	corpus_add(&b, parse_str("4.md", "id: Q4\nquery: Four\n---\nx\n", &d), &d);
	corpus_add(&b, parse_str("5.md", "id: Q5\nquery: Five\n---\nx\n", &d), &d);
	corpus_finish(&a, &d);
	corpus_finish(&b, &d);
	struct corpus_diff df;
	corpus_diff(&a, &b, &df);
	cr_assert_eq(df.added, 2);
	cr_assert_eq(df.removed, 1);
	cr_assert_eq(df.changed, 1);
	corpus_diff(&a, &a, &df);
	cr_assert_eq(df.added + df.removed + df.changed, 0);
	/* a body both loads read counts too */
	free(b.entries[0]->body);
	b.entries[0]->body = isn_strdup("y\n");
	corpus_diff(&a, &b, &df);
	cr_assert_eq(df.changed, 2);
	corpus_free(&a);
	corpus_free(&b);
	diag_list_free(&d);
}
