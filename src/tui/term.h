/* The one way the UI includes curses: wide-character functions enabled
 * (get_wch, UTF-8 through waddnstr) whatever feature macros the build
 * passes, so every view sees the same declarations. */
#ifndef TUI_TERM_H
#define TUI_TERM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>

#endif
