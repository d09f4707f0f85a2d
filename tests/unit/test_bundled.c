/* The bundled ISO/IEC 27001:2022 pack: loads with no error or warning,
 * cites every clause 4–10 and every Annex A control as a primary
 * reference, and every entry is reachable from Q001 by follow-ups. */
#include <criterion/criterion.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ismsnav/corpus.h"

static struct corpus c;
static struct diag_list d;

static void setup(void)
{
	test_locale();
	const char *paths[] = {BUNDLED_CORPUS};
	corpus_load(&c, paths, 1, &d);
	corpus_check_links(&c, &d);
	corpus_check_extras(&c, &d);
}

static void teardown(void)
{
	corpus_free(&c);
	diag_list_free(&d);
}

TestSuite(bundled, .init = setup, .fini = teardown);

Test(bundled, loads_without_errors_or_warnings)
{
	for (size_t i = 0; i < d.n; i++)
		cr_log_error("%s:%d: %s", d.v[i].path, d.v[i].line, d.v[i].message);
	cr_assert_eq(d.n, 0);
	cr_assert_geq(c.n, 150 + 93);
}

static bool cited_as_primary(const char *ref)
{
	for (size_t i = 0; i < c.n; i++)
		for (size_t j = 0; j < c.entries[i]->primary_ids.n; j++)
			if (!strcmp(c.entries[i]->primary_ids.v[j], ref))
				return true;
	return false;
}

/* Calls fn with the first column of every data row of a CSV in assets/. */
static size_t each_id(const char *csv, const char *prefix)
{
	char path[512];
	snprintf(path, sizeof path, "%s/../assets/%s", BUNDLED_CORPUS, csv);
	FILE *f = fopen(path, "r");
	cr_assert_not_null(f, "%s", path);
	char line[512];
	size_t n = 0;
	cr_assert_not_null(fgets(line, sizeof line, f)); /* header */
	while (fgets(line, sizeof line, f)) {
		char *comma = strchr(line, ',');
		if (!comma)
			continue;
		*comma = '\0';
		char ref[600];
		snprintf(ref, sizeof ref, "ISO27001:2022/%s%s", prefix, line);
		cr_expect(cited_as_primary(ref), "%s is not a primary reference of any entry", ref);
		n++;
	}
	fclose(f);
	return n;
}

Test(bundled, cites_every_clause_and_control)
{
	cr_assert_eq(each_id("annex_a_2022.csv", "A."), 93);
	cr_assert_geq(each_id("clauses_2022.csv", ""), 38);
}

Test(bundled, every_entry_is_reachable_from_q001)
{
	bool *seen = calloc(c.n, sizeof(*seen));
	size_t *stack = calloc(c.n, sizeof(*stack)), top = 0;
	long start = corpus_index(&c, 1);
	cr_assert_geq(start, 0);
	seen[start] = true;
	stack[top++] = (size_t)start;
	while (top) {
		const struct entry *e = c.entries[stack[--top]];
		for (size_t j = 0; j < e->nlinks; j++) {
			long k = corpus_index(&c, e->links[j].target);
			if (k >= 0 && !seen[k]) {
				seen[k] = true;
				stack[top++] = (size_t)k;
			}
		}
	}
	for (size_t i = 0; i < c.n; i++)
		cr_expect(seen[i], "Q%03u cannot be reached from Q001", c.entries[i]->id);
	free(seen);
	free(stack);
}

static size_t words(const char *s)
{
	size_t n = 0;
	bool in = false;
	for (; *s; s++) {
		bool sp = isspace((unsigned char)*s);
		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

Test(bundled, entries_follow_the_house_rules)
{
	static const char *tags[] = {"Navigator", "Register", "Clause Index"};
	static const char *registers[] = {"risk", "isms_artifacts", "soa", "assets"};
	for (size_t i = 0; i < c.n; i++) {
		const struct entry *e = c.entries[i];
		size_t followups = 0;
		for (size_t j = 0; j < e->nlinks; j++)
			followups += e->links[j].origin == LINK_FOLLOWUP;
		cr_expect_geq(followups, 2, "%s: fewer than two follow-ups", e->path);
		size_t w = words(e->body);
		cr_expect(w >= 150 && w <= 400, "%s: %zu words", e->path, w);
		cr_expect_gt(e->primary_ids.n, 0, "%s: no primary reference", e->path);
		cr_expect_gt(e->nsources, 0, "%s: no sources", e->path);
		for (size_t j = 0; j < e->capability_tags.n; j++) {
			bool ok = false;
			for (size_t k = 0; k < 3; k++)
				ok |= !strcmp(e->capability_tags.v[j], tags[k]);
			cr_expect(ok, "%s: tag '%s' names nothing ismsnav does", e->path,
				  e->capability_tags.v[j]);
		}
		for (size_t j = 0; j < e->nactions; j++) {
			bool ok = e->actions[j].type && !strcmp(e->actions[j].type, "open_register");
			for (size_t k = 0; ok && k < 4; k++)
				if (e->actions[j].target && !strcmp(e->actions[j].target, registers[k]))
					break;
				else if (k == 3)
					ok = false;
			cr_expect(ok, "%s: action %zu is not an open_register of a real register",
				  e->path, j + 1);
		}
	}
}
