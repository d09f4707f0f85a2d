/* Loading folders: recursion, hidden files, broken files, duplicates,
 * queries; and the user's own samples when they are present. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"
#include "ismsnav/corpus.h"

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
