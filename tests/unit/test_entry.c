/* Splitting front matter from the answer, mapping fields, type errors. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ismsnav/entry.h"

TestSuite(entry, .init = test_locale);

static const char full[] =
	"id: Q012\n"
	"query: >-\n"
	"  Is this a folded\n"
	"  question?\n"
	"packs:\n"
	"  - \"ISO27001:2022\"\n"
	"primary_ids: [\"ISO27001:2022/4.1\", \"ISO27001:2022/6.1\"]\n"
	"overlap_ids:\n"
	"  - \"ISO27701:2019/4.1\"\n"
	"capability_tags: [\"Register\"]\n"
	"flags: []\n"
	"sources:\n"
	"  - title: \"A title\"\n"
	"    id: \"ISO27001:2022/4.1\"\n"
	"    locator: \"Clause 4.1\"\n"
	"ui:\n"
	"  cards_hint:\n"
	"    - \"Card\"\n"
	"  actions:\n"
	"    - type: \"open_register\"\n"
	"      target: \"risk\"\n"
	"      label: \"Open Risk Register\"\n"
	"output_mode: \"both\"\n"
	"graph_required: false\n"
	"notes: \"a note\"\n"
	"---\n"
	"Body line one.\n";

Test(entry, id_numbers_compare_by_value)
{
	unsigned a, b, c;
	cr_assert(entry_id_parse("Q1", &a));
	cr_assert(entry_id_parse("Q01", &b));
	cr_assert(entry_id_parse(" q001 ", &c));
	cr_assert_eq(a, 1);
	cr_assert_eq(b, 1);
	cr_assert_eq(c, 1);
	char s[16];
	entry_id_format(7, s);
	cr_assert_str_eq(s, "Q007");
	entry_id_format(1234, s);
	cr_assert_str_eq(s, "Q1234");
}

Test(entry, id_rejects_non_ids)
{
	unsigned x;
	const char *bad[] = {"", "Q", "12", "Q1a", "QQ1", "Q1 2", "Q9999999", "R1"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		cr_assert_not(entry_id_parse(bad[i], &x), "'%s'", bad[i]);
}

Test(entry, maps_every_field)
{
	struct diag_list d = {0};
	struct entry *e = parse_str("full.md", full, &d);
	cr_assert_not_null(e);
	cr_assert_eq(d.n, 0);
	cr_assert_eq(e->id, 12);
	cr_assert_str_eq(e->query, "Is this a folded question?");
	cr_assert_eq(e->packs.n, 1);
	cr_assert_str_eq(e->primary_ids.v[1], "ISO27001:2022/6.1");
	cr_assert_str_eq(e->overlap_ids.v[0], "ISO27701:2019/4.1");
	cr_assert_str_eq(e->capability_tags.v[0], "Register");
	cr_assert_eq(e->flags.n, 0);
	cr_assert_eq(e->nsources, 1);
	cr_assert_str_eq(e->sources[0].locator, "Clause 4.1");
	cr_assert_str_eq(e->cards_hint.v[0], "Card");
	cr_assert_eq(e->nactions, 1);
	cr_assert_str_eq(e->actions[0].target, "risk");
	cr_assert_str_eq(e->actions[0].label, "Open Risk Register");
	cr_assert_str_eq(e->output_mode, "both");
	cr_assert_eq(e->graph_required, 0);
	cr_assert_str_eq(e->notes, "a note");
	cr_assert_str_eq(e->body, "Body line one.\n");
	cr_assert_eq(e->body_line, 27);
	cr_assert_eq(e->id_line, 1);
	entry_free(e);
	diag_list_free(&d);
}

Test(entry, accepts_bom_crlf_and_a_leading_separator)
{
	struct diag_list d = {0};
	struct entry *e = parse_str("x.md",
		"\xEF\xBB\xBF---\r\nid: Q5\r\nquery: Q?\r\n---\r\nLine one.\r\nLine two.\r\n", &d);
	cr_assert_not_null(e);
	cr_assert_eq(e->id, 5);
	cr_assert_eq(e->id_line, 2);
	cr_assert_eq(e->body_line, 5);
	cr_assert_str_eq(e->body, "Line one.\nLine two.\n");
	entry_free(e);
	diag_list_free(&d);
}

Test(entry, separator_may_have_trailing_spaces_and_blank_line_before)
{
	struct diag_list d = {0};
	struct entry *e = parse_str("x.md", "id: Q5\nquery: Q?\n\n---   \nBody\n", &d);
	cr_assert_not_null(e);
	cr_assert_str_eq(e->body, "Body\n");
	entry_free(e);
	diag_list_free(&d);
}

Test(entry, a_list_where_a_string_belongs_is_an_error)
{
	struct diag_list d = {0};
	struct entry *e = parse_str("t.md", "id: Q5\nquery:\n  - a\n---\nx\n", &d);
	cr_assert_null(e);
	cr_assert(has_diag(&d, DIAG_ERROR, 3, "'query' must be a string, not a list"));
	diag_list_free(&d);
}

Test(entry, a_string_where_a_list_belongs_is_an_error)
{
	struct diag_list d = {0};
	struct entry *e = parse_str("t.md", "id: Q5\nquery: q\npacks: one\n---\nx\n", &d);
	cr_assert_null(e);
	cr_assert(has_diag(&d, DIAG_ERROR, 3, "'packs' must be a list, not a string"));
	diag_list_free(&d);
}

Test(entry, nested_type_errors_are_errors)
{
	struct diag_list d = {0};
	cr_assert_null(parse_str("t.md", "id: Q5\nquery: q\nui:\n  actions:\n    - just text\n---\nx\n", &d));
	cr_assert(has_diag(&d, DIAG_ERROR, 5, "items of 'ui.actions' must be mappings"));
	cr_assert_null(parse_str("t.md", "id: Q5\nquery: q\ngraph_required: maybe\n---\nx\n", &d));
	cr_assert(has_diag(&d, DIAG_ERROR, 3, "'graph_required' must be true or false"));
	cr_assert_null(parse_str("t.md", "id: Q5\nquery: q\nsources:\n  - title: [a]\n---\nx\n", &d));
	cr_assert(has_diag(&d, DIAG_ERROR, 4, "'title' must be a string"));
	diag_list_free(&d);
}

Test(entry, unknown_keys_are_kept_with_their_lines)
{
	struct diag_list d = {0};
	struct entry *e = parse_str("u.md", "id: Q5\nquery: q\ncolour: blue\nui:\n  size: big\n---\nx\n", &d);
	cr_assert_not_null(e);
	cr_assert_eq(d.n, 0, "unknown keys are reported by check, not by loading");
	cr_assert_eq(e->nextras, 2);
	cr_assert_str_eq(e->extras[0].key, "colour");
	cr_assert_eq(e->extras[0].line, 3);
	cr_assert_str_eq(e->extras[1].key, "ui.size");
	cr_assert_eq(e->extras[1].line, 5);
	entry_free(e);
	diag_list_free(&d);
}

Test(entry, duplicate_keys_are_errors)
{
	struct diag_list d = {0};
	cr_assert_null(parse_str("t.md", "id: Q5\nquery: a\nquery: b\n---\nx\n", &d));
	cr_assert(has_diag(&d, DIAG_ERROR, 3, "duplicate key 'query'"));
	diag_list_free(&d);
}

Test(entry, missing_separator_is_an_error)
{
	struct diag_list d = {0};
	cr_assert_null(parse_str("t.md", "id: Q5\nquery: a\n", &d));
	cr_assert(has_diag(&d, DIAG_ERROR, 1, "missing '---' line"));
	diag_list_free(&d);
}

Test(entry, a_file_without_front_matter_is_skipped_with_a_warning)
{
	struct diag_list d = {0};
	struct entry *e;
	cr_assert_eq(entry_parse("r.md", "# Readme\n\ntext\n", 15, &d, &e), ENTRY_SKIPPED);
	cr_assert_eq(d.warnings, 1);
	cr_assert_eq(d.errors, 0);
	cr_assert(has_diag(&d, DIAG_WARNING, 0, "no front matter with an 'id'"));
	diag_list_free(&d);
}

Test(entry, front_matter_without_id_but_with_query_is_an_error)
{
	struct diag_list d = {0};
	cr_assert_null(parse_str("t.md", "query: a\n---\nx\n", &d));
	cr_assert(has_diag(&d, DIAG_ERROR, 1, "missing required field 'id'"));
	diag_list_free(&d);
}

Test(entry, missing_query_and_bad_id_are_errors)
{
	struct diag_list d = {0};
	cr_assert_null(parse_str("t.md", "id: Q5\n---\nx\n", &d));
	cr_assert(has_diag(&d, DIAG_ERROR, 1, "missing required field 'query'"));
	cr_assert_null(parse_str("t.md", "notes: x\nid: banana\nquery: q\n---\nx\n", &d));
	cr_assert(has_diag(&d, DIAG_ERROR, 2, "id 'banana' is not a question ID"));
	diag_list_free(&d);
}

Test(entry, yaml_syntax_errors_name_the_line)
{
	struct diag_list d = {0};
	cr_assert_null(parse_str("t.md", "id: Q5\nquery: \"open\nnext: 1\n---\nx\n", &d));
	cr_assert_eq(d.errors, 1);
	cr_assert(has_diag(&d, DIAG_ERROR, -1, "YAML syntax error"));
	cr_assert_geq(d.v[0].line, 2);
	diag_list_free(&d);
}

Test(entry, anchors_and_aliases_are_resolved)
{
	struct diag_list d = {0};
	struct entry *e = parse_str("t.md",
				    "id: Q5\n"
				    "query: &q What is an ISMS?\n"
				    "notes: *q\n"
				    "packs: &p\n"
				    "  - A\n"
				    "  - B\n"
				    "capability_tags: *p\n"
				    "flags: [&f one, *f, &f two, *f]\n"
				    "---\nx\n",
				    &d);
	cr_assert_not_null(e);
	cr_assert_eq(d.errors, 0);
	cr_assert_str_eq(e->notes, "What is an ISMS?");
	cr_assert_eq(e->capability_tags.n, 2);
	cr_assert_str_eq(e->capability_tags.v[1], "B");
	/* an alias names the latest node with its anchor */
	cr_assert_eq(e->flags.n, 4);
	cr_assert_str_eq(e->flags.v[1], "one");
	cr_assert_str_eq(e->flags.v[3], "two");
	entry_free(e);
	diag_list_free(&d);
}

Test(entry, bad_aliases_are_syntax_errors_on_their_line)
{
	struct diag_list d = {0};
	cr_assert_null(parse_str("t.md", "id: Q5\nquery: q\nnotes: *nowhere\n---\nx\n", &d));
	cr_assert(has_diag(&d, DIAG_ERROR, 3, "YAML syntax error: found undefined alias *nowhere"));
	cr_assert_null(parse_str("t.md", "id: Q5\nquery: q\n\nflags: &f [a, *f]\n---\nx\n", &d));
	cr_assert(has_diag(&d, DIAG_ERROR, 4, "alias inside its own anchor"));
	cr_assert_eq(d.errors, 2);
	diag_list_free(&d);
}

Test(entry, duplicate_keys_are_found_in_large_mappings)
{
	struct isn_buf b = {0};
	isn_buf_adds(&b, "id: Q5\nquery: q\n");
	for (int i = 0; i < 30; i++)
		isn_buf_printf(&b, "k%d: v\n", i);
	isn_buf_adds(&b, "k7: again\nquery: twice\n---\nx\n");
	struct diag_list d = {0};
	cr_assert_null(parse_str("t.md", b.data, &d));
	cr_assert(has_diag(&d, DIAG_ERROR, 33, "duplicate key 'k7'"));
	cr_assert(has_diag(&d, DIAG_ERROR, 34, "duplicate key 'query'"));
	cr_assert_eq(d.errors, 2);
	isn_buf_free(&b);
	diag_list_free(&d);
}

Test(entry, empty_binary_invalid_and_huge_files)
{
	struct diag_list d = {0};
	struct entry *e;
	cr_assert_eq(entry_parse("e.md", "", 0, &d, &e), ENTRY_SKIPPED);
	cr_assert(has_diag(&d, DIAG_WARNING, 0, "empty file"));
	cr_assert_eq(entry_parse("b.md", "id: Q1\n\0x", 9, &d, &e), ENTRY_SKIPPED);
	cr_assert(has_diag(&d, DIAG_WARNING, 2, "binary file"));
	cr_assert_eq(entry_parse("u.md", "id: Q1\nquery: \xFF\n---\n", 20, &d, &e), ENTRY_BROKEN);
	cr_assert(has_diag(&d, DIAG_ERROR, 2, "invalid UTF-8"));
	size_t big = ENTRY_MAX_BYTES + 1;
	char *huge = malloc(big);
	memset(huge, 'x', big);
	cr_assert_eq(entry_parse("h.md", huge, big, &d, &e), ENTRY_BROKEN);
	cr_assert(has_diag(&d, DIAG_ERROR, 0, "limited to"));
	free(huge);
	diag_list_free(&d);
}

Test(entry, a_file_exactly_at_the_size_limit_loads)
{
	struct diag_list d = {0};
	const char *head = "id: Q1\nquery: q\n---\n";
	size_t n = ENTRY_MAX_BYTES;
	char *s = malloc(n);
	memset(s, 'x', n);
	memcpy(s, head, strlen(head));
	struct entry *e;
	cr_assert_eq(entry_parse("l.md", s, n, &d, &e), ENTRY_OK);
	entry_free(e);
	free(s);
	diag_list_free(&d);
}

Test(entry, yaml_aliases_do_not_explode)
{
	struct diag_list d = {0};
	struct entry *e = parse_str("a.md",
		"id: Q1\nquery: q\nnotes: &a x\npacks: [*a, *a, *a]\n---\nx\n", &d);
	cr_assert_not_null(e);
	cr_assert_eq(e->packs.n, 3);
	entry_free(e);
	diag_list_free(&d);
}

static bool peek(const char *s, unsigned *id)
{
	return entry_peek_id(s, strlen(s), id);
}

Test(entry, peek_reads_a_plain_id_line_without_parsing)
{
	unsigned id = 0;
	cr_assert(peek("id: Q12\nquery: x\n---\n", &id));
	cr_assert_eq(id, 12);
	cr_assert(peek("\xEF\xBB\xBF---\r\nnotes: a\r\nid: \"Q0007\"\r\n---\r\n", &id));
	cr_assert_eq(id, 7);
	cr_assert_not(peek("query: x\n---\nid: Q1\n", &id), "after the separator");
	cr_assert_not(peek("  id: Q1\n---\n", &id), "not top level");
	cr_assert_not(peek("{id: Q1}\n---\n", &id), "flow style: parse it");
	cr_assert_not(peek("id: Q1", &id), "a cut line is not trusted");
}

Test(entry, head_parse_reads_id_and_query_only)
{
	struct diag_list d = {0};
	struct entry *e = NULL;
	cr_assert_eq(entry_parse_head("f.md", full, strlen(full), &d, &e), ENTRY_OK);
	cr_assert_eq(e->id, 12);
	cr_assert_str_eq(e->query, "Is this a folded question?");
	cr_assert_eq(e->nlinks, 0);
	entry_free(e);
	/* the answer is not checked, but a broken front matter still is */
	const char *bad_body = "id: Q3\nquery: q\n---\n\xFF body\n";
	cr_assert_eq(entry_parse_head("b.md", bad_body, strlen(bad_body), &d, &e), ENTRY_OK);
	entry_free(e);
	const char *bad_head = "id: Q3\nquery: [x\n---\nbody\n";
	cr_assert_eq(entry_parse_head("h.md", bad_head, strlen(bad_head), &d, &e), ENTRY_BROKEN);
	cr_assert(has_diag(&d, DIAG_ERROR, -1, "YAML syntax error"));
	/* a query given as a list is found wrong by the full parse it falls back to */
	const char *list_query = "id: Q3\nquery:\n  - a\n---\nbody\n";
	cr_assert_eq(entry_parse_head("l.md", list_query, strlen(list_query), &d, &e), ENTRY_BROKEN);
	diag_list_free(&d);
}

Test(entry, head_parse_finds_the_separator_as_split_does)
{
	struct diag_list d = {0};
	struct entry *e = NULL;
	/* "----" is not the separator: the bad byte after it is front matter */
	const char *dashes = "id: Q3\nquery: q\n----\n\xFF: x\n---\nbody\n";
	cr_assert_eq(entry_parse_head("d.md", dashes, strlen(dashes), &d, &e), ENTRY_BROKEN);
	cr_assert(has_diag(&d, DIAG_ERROR, 4, "invalid UTF-8"));
	/* a CRLF separator ends the front matter: the bad byte is in the answer */
	const char *crlf = "id: Q3\r\nquery: q\r\n---\r\n\xFF body\r\n";
	cr_assert_eq(entry_parse_head("c.md", crlf, strlen(crlf), &d, &e), ENTRY_OK);
	entry_free(e);
	diag_list_free(&d);
}

/* A front matter of thousands of keys once took minutes: each key was
 * compared with every key before it, and the unknown ones were kept in
 * an array grown by one. Duplicates are still found, wherever they are. */
Test(entry, thousands_of_keys_parse_and_duplicates_are_found)
{
	struct isn_buf b = {0};
	struct diag_list d = {0};

	isn_buf_adds(&b, "id: Q1\nquery: \"Many keys?\"\n");
	for (int i = 0; i < 5000; i++)
		isn_buf_printf(&b, "k%d: %d\n", (i * 7919) % 5000, i);
	isn_buf_adds(&b, "k4999: again\nquery: twice\n---\nAnswer.\n");
	struct entry *e = parse_str("many.md", b.data, &d);
	cr_assert_null(e);
	cr_assert_eq(d.errors, 2);
	cr_assert(has_diag(&d, DIAG_ERROR, 5003, "duplicate key 'k4999'"));
	cr_assert(has_diag(&d, DIAG_ERROR, 5004, "duplicate key 'query'"));
	diag_list_free(&d);

	/* without the duplicates it loads, every unknown key kept in order */
	b.len -= strlen("k4999: again\nquery: twice\n---\nAnswer.\n");
	isn_buf_adds(&b, "---\nAnswer.\n");
	e = parse_str("many.md", b.data, &d);
	cr_assert_not_null(e);
	cr_assert_eq(e->nextras, 5000);
	cr_assert_str_eq(e->extras[0].key, "k0");
	cr_assert_eq(e->extras[0].line, 3);
	cr_assert_str_eq(e->extras[4999].key, "k2081");
	cr_assert_eq(e->extras[4999].line, 5002);
	entry_free(e);
	diag_list_free(&d);
	isn_buf_free(&b);
}
