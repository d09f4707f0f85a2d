/* Fuzz target: the registers' value rules on arbitrary bytes. One value
 * is checked as a chosen field of a chosen register; a stored form must be
 * valid UTF-8 within the field's limit and read back to itself, as it
 * does when an export is imported again. A whole row (NUL-separated
 * cells) is then normalised field by field, checked, derived, sorted and
 * filtered the way the store and the views do.
 *
 * Input: a byte for the register, a byte for the field, then the value;
 * the value's NUL bytes split it into a row's cells. */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "ismsnav/reg.h"
#include "ismsnav/text.h"
#include "ismsnav/util.h"

static void check_value(const struct reg_def *d, const struct reg_field *f, const char *in)
{
	char err[REG_ERR_MAX] = "", err2[REG_ERR_MAX] = "";
	char *out = NULL, *again = NULL;

	if (reg_parse_value(d, f, in, &out, err, sizeof(err)) < 0) {
		FUZZ_CHECK(out == NULL, "%s: a refused value has a stored form", f->name);
		FUZZ_CHECK(err[0] != '\0' && strlen(err) < sizeof(err),
			   "%s: a refusal without a message", f->name);
		return;
	}
	FUZZ_CHECK(out != NULL, "%s: an accepted value has no stored form", f->name);
	size_t len = strlen(out);
	FUZZ_CHECK(text_valid_utf8(out, len, NULL), "%s: the stored form is not UTF-8", f->name);
	FUZZ_CHECK(len <= (f->type == FT_NOTE ? REG_NOTE_MAX : REG_TEXT_MAX),
		   "%s: stored form of %zu bytes", f->name, len);
	FUZZ_CHECK(reg_parse_value(d, f, out, &again, err2, sizeof(err2)) == 0,
		   "%s: stored form '%s' is refused: %s", f->name, out, err2);
	FUZZ_CHECK(!strcmp(out, again), "%s: '%s' reads back as '%s'", f->name, out, again);
	if (f->type == FT_DATE && out[0])
		FUZZ_CHECK(reg_date_valid(out), "%s: accepted date '%s' is not valid", f->name, out);
	free(again);
	free(out);
}

static void check_id(const struct reg_def *d, const char *in)
{
	char id[64], id2[64];

	if (reg_parse_id(d, in, id, sizeof(id)) < 0)
		return;
	FUZZ_CHECK(reg_parse_id(d, id, id2, sizeof(id2)) == 0 && !strcmp(id, id2),
		   "%s ID '%s' does not read back", d->name, id);
	int a = reg_id_cmp(id, in), b = reg_id_cmp(in, id);
	FUZZ_CHECK((a > 0) - (a < 0) == -((b > 0) - (b < 0)), "reg_id_cmp is not antisymmetric");
	FUZZ_CHECK(reg_id_cmp(id, id) == 0, "reg_id_cmp('%s', itself) is not 0", id);
}

/* Cells from the NUL-separated input; NULL when a cell is refused. */
static char **row_from(const struct reg_def *d, const char *data, size_t len)
{
	char **cells = calloc(d->nfields, sizeof(*cells));
	char err[REG_ERR_MAX];
	size_t pos = 0;

	FUZZ_CHECK(cells != NULL, "out of memory");
	for (size_t i = 0; i < d->nfields; i++) {
		const char *in = pos < len ? data + pos : "";
		pos += strnlen(in, len > pos ? len - pos : 0) + 1;
		const struct reg_field *f = &d->fields[i];
		if (f->flags & (RF_DERIVED | RF_PSEUDO)) {
			cells[i] = isn_strdup("");
			continue;
		}
		if (reg_parse_value(d, f, in, &cells[i], err, sizeof(err)) < 0) {
			reg_row_free(d, cells);
			return NULL;
		}
	}
	return cells;
}

static void check_row(const struct reg_def *d, const char *data, size_t len)
{
	char err[REG_ERR_MAX];
	char **cells = row_from(d, data, len);
	struct reg_table t = {.def = d};
	size_t idx[2] = {0, 0};

	if (!cells)
		return;
	FUZZ_CHECK(reg_derive(d, cells) == 0, "derive failed");
	for (size_t i = 0; i < d->nfields; i++) {
		char out[16];
		if (reg_derived_text(d, cells, i, out))
			FUZZ_CHECK(!strcmp(out, cells[i]), "derived %s differs", d->fields[i].name);
	}
	if (reg_check_row(d, cells, err, sizeof(err)) < 0)
		FUZZ_CHECK(err[0] != '\0', "a refused row without a message");
	if (d->kind == REG_DOC) {
		int st = reg_field_index(d, "status");
		FUZZ_CHECK(st >= 0, "documents have a status");
		reg_doc_transition(cells[st], "approved", err, sizeof(err));
		reg_doc_transition("draft", cells[st], err, sizeof(err));
	}
	FUZZ_CHECK(reg_table_push(&t, cells) == 0, "push failed");
	for (int f = 0; f < (int)d->nfields; f++)
		reg_sort(&t, idx, 1, f, f % 2);
	FUZZ_CHECK(idx[0] == 0, "sorting one row moved it");
	reg_filter(&t, idx, 1, cells[1]);
	if (d->kind == REG_RISK) {
		unsigned heat[5][5];
		size_t placed = reg_heat(&t, false, heat);
		FUZZ_CHECK(placed <= 1, "one row placed %zu times", placed);
	}
	reg_table_free(&t);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	text_locale_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2 || size > REG_NOTE_MAX + 1024)
		return 0;
	const struct reg_def *d = reg_def((enum reg_kind)(data[0] % REG_COUNT));
	const struct reg_field *f = &d->fields[data[1] % d->nfields];
	size_t len = size - 2;
	char *value = malloc(len + 1); /* the first cell, and the row's cells after it */

	FUZZ_CHECK(value != NULL, "out of memory");
	memcpy(value, data + 2, len);
	value[len] = '\0';
	check_value(d, f, value);
	check_id(d, value);
	FUZZ_CHECK(reg_find(d->name) == d, "register %s not found by name", d->name);
	reg_find(value);
	reg_field_index(d, value);
	reg_date_valid(value);
	check_row(d, value, len);
	free(value);
	return 0;
}
