/* The terminal itself: starting and ending curses, the colour theme (one
 * colour pair per foreground/background, attributes kept apart), the
 * signal handlers that restore the terminal, and reading keys. Nothing
 * else in the UI starts or ends curses. */
#ifndef TUI_DISPLAY_H
#define TUI_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tui/keys.h"
#include "tui/term.h"

/* What the UI draws, beyond the layout's ST_* styles. */
enum role {
	ROLE_TEXT,
	ROLE_MISSING,
	ROLE_LINK,
	ROLE_TITLE,
	ROLE_HEADING,
	ROLE_CODE,
	ROLE_QUOTE,
	ROLE_LABEL,
	ROLE_DIM,
	ROLE_BOLD,
	ROLE_ITALIC,
	ROLE_SELECT,   /* the selected row or link */
	ROLE_MATCH,    /* search matches */
	ROLE_BAR,      /* status line and column headers */
	ROLE_ERROR,    /* a message that something could not be done */
	ROLE_LOW,      /* risk levels: heat map cells and the Level column */
	ROLE_MEDIUM,
	ROLE_HIGH,
	ROLE_CRITICAL,
	ROLE_COUNT
};

struct display {
	SCREEN *screen;
	attr_t attr[ROLE_COUNT]; /* attributes with the colour pair folded in */
	short pair_fg[ROLE_COUNT + 1], pair_bg[ROLE_COUNT + 1];
	int npairs;
};

/* Starts curses with the named theme (NULL: default, or mono when
 * NO_COLOR is set). Returns 0, or -1 with a message in err. */
int display_start(struct display *d, const char *theme, char *err, size_t errlen);
/* Restores the terminal and frees curses' screen. */
void display_end(struct display *d);

/* Attributes for a combination of ST_* flags. */
attr_t display_style(const struct display *d, uint16_t style);
attr_t display_role(const struct display *d, enum role r);

/* Waits for a key. Returns false when input has failed for good (the
 * terminal is gone), so the caller can quit instead of spinning. */
bool display_read_key(struct tui_key *k);

/* True when a key is already waiting (it stays queued): drawing can
 * wait until the reader stops typing. */
bool display_key_pending(void);

/* Ctrl-Z in raw mode: hands the terminal back and stops until resumed. */
void display_suspend(void);

#endif
