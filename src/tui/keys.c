/* The key table compiled from keys.def, and the lookup that turns a key
 * press into a command: rows of the current view first, then the rows
 * that apply everywhere. */
#include "tui/keys.h"

#include "ismsnav/util.h"
#include "tui/term.h"

static const struct key_row key_rows[] = {
#define KEY_SECTION(title) {CMD_NONE, 0, NULL, title, {0}},
#define KEY(name, scope, label, help, ...) \
	{CMD_##name, scope, label, help, {__VA_ARGS__}},
#include "tui/keys.def"
};

const struct key_row *keys_table(size_t *n)
{
	*n = ISN_ARRAY_LEN(key_rows);
	return key_rows;
}

/* Codes at or above KEY_MIN name function keys; below, characters. */
static bool row_binds(const struct key_row *r, const struct tui_key *k)
{
	for (size_t i = 0; i < TK_MAX_CODES && r->codes[i]; i++) {
		bool fn = r->codes[i] >= KEY_MIN;
		if (fn == k->fn && r->codes[i] == k->code)
			return true;
	}
	return false;
}

static enum cmd find(const struct tui_key *k, unsigned scope, bool own)
{
	for (size_t i = 0; i < ISN_ARRAY_LEN(key_rows); i++) {
		const struct key_row *r = &key_rows[i];
		if (r->cmd == CMD_NONE || !(r->scope & scope))
			continue;
		if (own == (r->scope == KS_ALL))
			continue;
		if (row_binds(r, k))
			return r->cmd;
	}
	return CMD_NONE;
}

enum cmd keys_lookup(const struct tui_key *k, unsigned scope)
{
	enum cmd c = find(k, scope, true);
	return c != CMD_NONE ? c : find(k, scope, false);
}
