/* A one-line text field for the list filter and the answer search:
 * UTF-8 text, Backspace removes a whole character, Ctrl-U clears,
 * Ctrl-W removes a word. The caller draws it and decides what Enter and
 * Esc mean. */
#ifndef TUI_PROMPT_H
#define TUI_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/keys.h"

#define PROMPT_MAX 256

struct prompt {
	char text[PROMPT_MAX]; /* NUL-terminated UTF-8 */
	size_t len;
	bool full;             /* the last key found no room: the status says so */
};

enum prompt_result {
	PR_PASS,   /* not an editing key: the caller may handle it */
	PR_EDIT,   /* the text changed */
	PR_SAME,   /* an editing key that changed nothing */
	PR_ACCEPT, /* Enter */
	PR_CANCEL  /* Esc, or Backspace on an empty field */
};

enum prompt_result prompt_key(struct prompt *p, const struct tui_key *k);
void prompt_clear(struct prompt *p);
void prompt_set(struct prompt *p, const char *s);

#endif
