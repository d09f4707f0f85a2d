/* The only file that starts and ends curses: terminal modes, the colour
 * theme, and signal handlers that put the terminal back before the
 * process dies (crash signals are re-raised so cores and sanitizers
 * still see them). */
#include "tui/display.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ismsnav/layout.h"
#include "ismsnav/text.h"
#include "ismsnav/util.h"
#include "tui/tui.h"

#define ESC_DELAY_MS 25
#define UTF8_WAIT_MS 50    /* for the rest of a character's bytes */
#define READ_FAILS_MAX 100 /* consecutive failed reads before giving up */
#define DEF (-1)           /* the terminal's own colour */
#define BRIGHT 8           /* added to a colour for its bright variant */

enum theme { THEME_DEFAULT, THEME_MONO, THEME_CONTRAST };

/* How each role looks in each theme. For a combination of styles the
 * first role (in enum order) that has a colour gives the colour, and the
 * attributes of all of them add up. The contrast theme draws on black. */
struct role_spec {
	uint16_t style;
	short fg;
	attr_t attr;
	attr_t mono;
	short contrast_fg;
	attr_t contrast;
};

static const struct role_spec role_specs[ROLE_COUNT] = {
	[ROLE_TEXT] = {0, DEF, A_NORMAL, A_NORMAL, COLOR_WHITE + BRIGHT, A_BOLD},
	[ROLE_MISSING] = {ST_MISSING, COLOR_RED, A_NORMAL, A_DIM, COLOR_RED + BRIGHT, A_BOLD},
	[ROLE_LINK] = {ST_LINK, COLOR_CYAN, A_UNDERLINE, A_UNDERLINE, COLOR_CYAN + BRIGHT,
		       A_BOLD | A_UNDERLINE},
	[ROLE_TITLE] = {ST_TITLE, DEF, A_BOLD, A_BOLD, COLOR_YELLOW + BRIGHT, A_BOLD},
	[ROLE_HEADING] = {ST_HEADING, COLOR_GREEN, A_BOLD, A_BOLD | A_UNDERLINE,
			  COLOR_YELLOW + BRIGHT, A_BOLD},
	[ROLE_CODE] = {ST_CODE, COLOR_MAGENTA, A_NORMAL, A_NORMAL, COLOR_GREEN + BRIGHT, A_BOLD},
	[ROLE_QUOTE] = {ST_QUOTE, DEF, A_ITALIC, A_ITALIC, COLOR_WHITE + BRIGHT, A_BOLD},
	[ROLE_LABEL] = {ST_LABEL, DEF, A_BOLD, A_BOLD, COLOR_WHITE + BRIGHT, A_BOLD},
	[ROLE_DIM] = {ST_DIM, DEF, A_DIM, A_DIM, COLOR_WHITE, A_BOLD},
	[ROLE_BOLD] = {ST_BOLD, DEF, A_BOLD, A_BOLD, COLOR_WHITE + BRIGHT, A_BOLD},
	[ROLE_ITALIC] = {ST_ITALIC, DEF, A_ITALIC, A_ITALIC, COLOR_WHITE + BRIGHT, A_BOLD},
	[ROLE_SELECT] = {0, DEF, A_REVERSE, A_REVERSE, COLOR_YELLOW + BRIGHT,
			 A_BOLD | A_REVERSE},
	[ROLE_MATCH] = {0, COLOR_YELLOW, A_REVERSE, A_BOLD | A_UNDERLINE,
			COLOR_GREEN + BRIGHT, A_BOLD | A_REVERSE},
	[ROLE_BAR] = {0, DEF, A_REVERSE, A_REVERSE, COLOR_WHITE + BRIGHT, A_BOLD | A_REVERSE},
	[ROLE_ERROR] = {0, COLOR_RED, A_BOLD, A_BOLD, COLOR_RED + BRIGHT, A_BOLD},
	/* reversed, the band's colour fills the cell; mono shades by weight */
	[ROLE_LOW] = {0, COLOR_GREEN, A_REVERSE, A_DIM, COLOR_GREEN + BRIGHT, A_BOLD | A_REVERSE},
	[ROLE_MEDIUM] = {0, COLOR_YELLOW, A_REVERSE, A_NORMAL, COLOR_YELLOW + BRIGHT,
			 A_BOLD | A_REVERSE},
	[ROLE_HIGH] = {0, COLOR_MAGENTA, A_REVERSE, A_BOLD, COLOR_MAGENTA + BRIGHT,
		       A_BOLD | A_REVERSE},
	[ROLE_CRITICAL] = {0, COLOR_RED, A_REVERSE, A_BOLD | A_REVERSE, COLOR_RED + BRIGHT,
			   A_BOLD | A_REVERSE},
};

/* ---- signals ---------------------------------------------------------- */

/* Signal handling is the one place that needs globals: a handler has no
 * other way to know whether curses is running or what to restore. */
static volatile sig_atomic_t curses_live;
/* Every signal whose default action ends the process, except those that
 * debuggers and profilers own (SIGTRAP, SIGPROF, SIGVTALRM): raw mode
 * keeps Ctrl-\ from sending SIGQUIT, but kill(1) can send anything. */
static const int caught_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGABRT,
				     SIGBUS, SIGFPE, SIGILL, SIGSYS, SIGXCPU, SIGXFSZ,
				     SIGALRM, SIGUSR1, SIGUSR2};
static struct sigaction saved_actions[ISN_ARRAY_LEN(caught_signals)];
static bool saved_valid[ISN_ARRAY_LEN(caught_signals)];

static void restore_signal(size_t i)
{
	if (saved_valid[i])
		sigaction(caught_signals[i], &saved_actions[i], NULL);
	saved_valid[i] = false;
}

/* Puts the terminal back, then lets the signal do what it did before we
 * came (terminate, dump core, or reach a sanitizer's handler). endwin is
 * not async-signal-safe; the process is about to die either way, and a
 * terminal left in raw mode is the worse outcome. */
static void on_signal(int sig)
{
	if (curses_live) {
		curses_live = 0;
		endwin();
	}
	for (size_t i = 0; i < ISN_ARRAY_LEN(caught_signals); i++)
		if (caught_signals[i] == sig)
			restore_signal(i);
	raise(sig);
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	/* a second signal must not cut into the first one's endwin */
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < ISN_ARRAY_LEN(caught_signals); i++)
		sigaddset(&sa.sa_mask, caught_signals[i]);
	for (size_t i = 0; i < ISN_ARRAY_LEN(caught_signals); i++) {
		if (sigaction(caught_signals[i], NULL, &saved_actions[i]) != 0)
			continue;
		/* a signal ignored by our parent (nohup) stays ignored */
		if (saved_actions[i].sa_handler == SIG_IGN)
			continue;
		saved_valid[i] = sigaction(caught_signals[i], &sa, NULL) == 0;
	}
}

static void restore_signals(void)
{
	for (size_t i = 0; i < ISN_ARRAY_LEN(caught_signals); i++)
		restore_signal(i);
}

/* ---- themes ----------------------------------------------------------- */

static bool theme_parse(const char *name, enum theme *t)
{
	if (!name || !strcmp(name, "default")) {
		const char *nc = getenv("NO_COLOR");
		*t = nc && *nc ? THEME_MONO : THEME_DEFAULT;
	} else if (!strcmp(name, "mono")) {
		*t = THEME_MONO;
	} else if (!strcmp(name, "contrast")) {
		*t = THEME_CONTRAST;
	} else {
		return false;
	}
	return true;
}

bool tui_theme_valid(const char *name)
{
	enum theme t;
	return theme_parse(name, &t);
}

/* One pair per foreground/background combination, allocated on first use;
 * 0 (the terminal's default pair) when none is left. */
static short pair_for(struct display *d, short fg, short bg)
{
	for (int i = 1; i <= d->npairs; i++)
		if (d->pair_fg[i] == fg && d->pair_bg[i] == bg)
			return (short)i;
	if (d->npairs + 1 >= COLOR_PAIRS || d->npairs + 1 > ROLE_COUNT)
		return 0;
	short p = (short)++d->npairs;
	d->pair_fg[p] = fg;
	d->pair_bg[p] = bg;
	init_pair(p, fg, bg);
	return p;
}

/* Bright colours exist on 16-colour terminals; elsewhere bold stands in
 * (every contrast role is bold anyway). */
static short real_colour(short c)
{
	if (c >= BRIGHT && COLORS < 16)
		return (short)(c - BRIGHT);
	return c;
}

static void apply_colour_theme(struct display *d, bool contrast)
{
	start_color();
	short bg = contrast ? COLOR_BLACK : DEF;
	if (!contrast && use_default_colors() == ERR)
		bg = COLOR_BLACK;
	for (int r = 0; r < ROLE_COUNT; r++) {
		const struct role_spec *s = &role_specs[r];
		short fg = contrast ? s->contrast_fg : s->fg;
		d->attr[r] = contrast ? s->contrast : s->attr;
		if (fg == DEF && !contrast)
			continue;
		short p = pair_for(d, real_colour(fg), bg);
		d->attr[r] |= (attr_t)COLOR_PAIR(p);
	}
	if (contrast)
		bkgd((chtype)(' ' | d->attr[ROLE_TEXT]));
}

static void apply_theme(struct display *d, enum theme t)
{
	if (t == THEME_MONO || !has_colors()) {
		for (int r = 0; r < ROLE_COUNT; r++)
			d->attr[r] = t == THEME_CONTRAST ? role_specs[r].contrast & ~A_DIM
							 : role_specs[r].mono;
		return;
	}
	apply_colour_theme(d, t == THEME_CONTRAST);
}

attr_t display_role(const struct display *d, enum role r)
{
	return d->attr[r];
}

attr_t display_style(const struct display *d, uint16_t style)
{
	attr_t attrs = 0, colour = 0;
	for (int r = 0; r < ROLE_COUNT; r++) {
		if (!role_specs[r].style || !(style & role_specs[r].style))
			continue;
		attrs |= d->attr[r] & ~A_COLOR;
		if (!colour)
			colour = d->attr[r] & A_COLOR;
	}
	return attrs | colour;
}

/* ---- start, end, input ------------------------------------------------ */

int display_start(struct display *d, const char *theme, char *err, size_t errlen)
{
	enum theme t;
	*d = (struct display){0};
	if (!theme_parse(theme, &t)) {
		snprintf(err, errlen, "unknown theme '%s' (default, mono, contrast)", theme);
		return -1;
	}
	/* before newterm, so curses keeps its own SIGINT/SIGTERM handlers out */
	install_signals();
	d->screen = newterm(NULL, stdout, stdin);
	if (!d->screen) {
		restore_signals();
		const char *term = getenv("TERM");
		snprintf(err, errlen, "cannot use the terminal (TERM=%s)", term ? term : "");
		return -1;
	}
	curses_live = 1;
	raw(); /* Ctrl-C arrives as a key and quits through the normal path */
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(ESC_DELAY_MS);
	curs_set(0);
	apply_theme(d, t);
	return 0;
}

void display_end(struct display *d)
{
	if (!d->screen)
		return;
	curses_live = 0;
	endwin();
	restore_signals();
	delscreen(d->screen);
	d->screen = NULL;
}

/* How many continuation bytes a UTF-8 lead byte announces; -1 for a byte
 * that cannot start a character. */
static int utf8_tail(int b)
{
	if (b >= 0xC2 && b <= 0xDF)
		return 1;
	if (b >= 0xE0 && b <= 0xEF)
		return 2;
	if (b >= 0xF0 && b <= 0xF4)
		return 3;
	return -1;
}

/* Characters are decoded here, not by get_wch: ncurses' get_wch keeps
 * reading after an invalid UTF-8 sequence (E4 ED, say), so every key
 * typed afterwards vanished into it. A byte that cannot continue the
 * character is read again as the next key; what was read so far becomes
 * U+FFFD. The rest of a character is waited for briefly, as bytes of one
 * character arrive together. */
static uint32_t read_utf8(int lead)
{
	char buf[4] = {(char)lead};
	int need = utf8_tail(lead), n = 1;
	uint32_t cp = TEXT_REPLACEMENT;
	if (need < 0)
		return cp;
	timeout(UTF8_WAIT_MS);
	while (n <= need) {
		int c = getch();
		if (c == ERR)
			break;
		if (c < 0x80 || c > 0xBF) {
			ungetch(c);
			break;
		}
		buf[n++] = (char)c;
	}
	timeout(-1);
	if (n < need + 1 || text_decode(buf, (size_t)n, &cp) != (size_t)n)
		return TEXT_REPLACEMENT; /* cut short, overlong or a surrogate */
	return cp;
}

bool display_read_key(struct tui_key *k)
{
	int fails = 0;
	while (fails < READ_FAILS_MAX) {
		errno = 0;
		int c = getch();
		if (c != ERR) {
			k->fn = c >= KEY_MIN;
			k->code = k->fn || c < 0x80 ? c : (int)read_utf8(c);
			return true;
		}
		/* no timeout is set, so ERR means the input failed */
		if (errno == EIO)
			return false;
		if (errno != EINTR)
			fails++;
	}
	return false;
}

bool display_key_pending(void)
{
	nodelay(stdscr, TRUE);
	int c = getch();
	nodelay(stdscr, FALSE);
	if (c == ERR)
		return false;
	ungetch(c);
	return true;
}

void display_suspend(void)
{
	endwin();
	raise(SIGSTOP);
	/* back: the next refresh restores program mode; repaint everything */
	clearok(curscr, TRUE);
}
