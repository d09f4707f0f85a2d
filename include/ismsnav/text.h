/* Text width: UTF-8 decoding, display width in terminal columns, and
 * making arbitrary bytes safe for a terminal. Everything that measures or
 * cuts text for the screen goes through here; never count bytes as
 * columns. Widths come from wcwidth(3), so the process must run with a
 * UTF-8 LC_CTYPE: text_locale_init() arranges that once at start-up. */
#ifndef ISMSNAV_TEXT_H
#define ISMSNAV_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TEXT_REPLACEMENT 0xFFFDu

/* Selects a UTF-8 LC_CTYPE (the user's, else C.UTF-8 or en_US.UTF-8).
 * Returns false when no UTF-8 locale exists: widths then fall back to one
 * column per character. */
bool text_locale_init(void);

/* Decodes one UTF-8 sequence at s (n bytes available). Stores the code
 * point (TEXT_REPLACEMENT for an invalid or truncated sequence) and returns
 * the bytes consumed (at least 1 when n > 0, 0 when n == 0). */
size_t text_decode(const char *s, size_t n, uint32_t *cp);

/* Encodes cp as UTF-8 into out (4 bytes room); returns the length. */
size_t text_encode(uint32_t cp, char *out);

/* Display width of one code point: 0 (combining), 1 or 2. Control
 * characters and unprintable code points count as 1 (they are shown as a
 * replacement by text_sanitize). */
int text_cp_width(uint32_t cp);

/* Display width of a UTF-8 string of n bytes. */
int text_width(const char *s, size_t n);

/* Returns the byte length of the longest prefix of s (n bytes) that fits
 * in `cols` columns, never cutting a character. */
size_t text_fit(const char *s, size_t n, int cols);

/* True when s holds valid UTF-8. On failure *bad_offset is the offset of
 * the first invalid byte. */
bool text_valid_utf8(const char *s, size_t n, size_t *bad_offset);

/* Returns a newly allocated copy of s that is safe to show: invalid bytes
 * become U+FFFD, tabs become spaces, other C0/C1 control characters and
 * DEL become their visible Unicode symbols (U+2400 block) or U+FFFD, and
 * newlines become spaces unless keep_newlines. NULL on allocation failure. */
char *text_sanitize(const char *s, size_t n, bool keep_newlines);

#endif
