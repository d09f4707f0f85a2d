/* Commands and the keys bound to them, generated from keys.def: the enum
 * the views switch on, the lookup from a key press to a command, and the
 * rows the help screen is built from. */
#ifndef TUI_KEYS_H
#define TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#define TK_CTRL(c) ((c) & 0x1f)
#define TK_ESC 27
#define TK_MAX_CODES 10

/* Which views a key row applies to. */
enum key_scope {
	KS_LIST = 1u << 0,
	KS_ANSWER = 1u << 1,
	KS_TRAIL = 1u << 2,
	KS_HELP = 1u << 3,
	KS_REGISTER = 1u << 4,
	KS_ROW = 1u << 5,
	KS_FORM = 1u << 6,
	KS_HEAT = 1u << 7,
	KS_MENU = 1u << 8,
	KS_CLAUSES = 1u << 9,
	KS_ALL = KS_LIST | KS_ANSWER | KS_TRAIL | KS_HELP | KS_REGISTER | KS_ROW | KS_FORM |
		 KS_HEAT | KS_MENU | KS_CLAUSES
};

enum cmd {
	CMD_NONE,
#define KEY_SECTION(title)
#define KEY(name, scope, label, help, ...) CMD_##name,
#include "tui/keys.def"
	CMD_COUNT
};

/* A key press: a character (code point) or a curses function key. */
struct tui_key {
	int code;
	bool fn; /* code is a curses KEY_* value */
};

/* A row of the table; a section title has cmd CMD_NONE and label NULL. */
struct key_row {
	enum cmd cmd;
	unsigned scope;
	const char *label;
	const char *help;
	int codes[TK_MAX_CODES]; /* 0-terminated */
};

/* The command bound to k in a view of the given scope, or CMD_NONE. */
enum cmd keys_lookup(const struct tui_key *k, unsigned scope);
/* The whole table, sections included, in file order. */
const struct key_row *keys_table(size_t *n);

#endif
