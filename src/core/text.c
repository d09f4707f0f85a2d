/* UTF-8 decoding, display widths and sanitising, so that layout measures
 * columns (not bytes) and nothing the corpus holds can drive the terminal.
 * Widths come from wcwidth(3), the same table curses uses to draw. */
#include "ismsnav/text.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ismsnav/util.h"

static bool codeset_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

bool text_locale_init(void)
{
	static const char *fallbacks[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8", "UTF-8"};
	if (setlocale(LC_CTYPE, "") && codeset_is_utf8())
		return true;
	for (size_t i = 0; i < ISN_ARRAY_LEN(fallbacks); i++)
		if (setlocale(LC_CTYPE, fallbacks[i]) && codeset_is_utf8())
			return true;
	return false;
}

size_t text_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n == 0) {
		*cp = 0;
		return 0;
	}
	unsigned c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t len;
	uint32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2; v = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3; v = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4; v = c & 0x07; min = 0x10000;
	} else {
		*cp = TEXT_REPLACEMENT;
		return 1;
	}
	if (n < len) {
		*cp = TEXT_REPLACEMENT;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = TEXT_REPLACEMENT;
			return 1;
		}
		v = (v << 6) | (u[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = TEXT_REPLACEMENT;
		return 1;
	}
	*cp = v;
	return len;
}

size_t text_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = TEXT_REPLACEMENT;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

static bool is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

int text_cp_width(uint32_t cp)
{
	if (is_control(cp))
		return 1;
	if (cp < 0x7F)
		return 1;
	int w = wcwidth((wchar_t)cp);
	if (w < 0)
		return 1;
	return w > 2 ? 2 : w;
}

int text_width(const char *s, size_t n)
{
	int w = 0;
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		i += text_decode(s + i, n - i, &cp);
		w += text_cp_width(cp);
	}
	return w;
}

size_t text_fit(const char *s, size_t n, int cols)
{
	int w = 0;
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = text_decode(s + i, n - i, &cp);
		int cw = text_cp_width(cp);
		if (w + cw > cols)
			break;
		w += cw;
		i += k;
	}
	return i;
}

bool text_valid_utf8(const char *s, size_t n, size_t *bad_offset)
{
	size_t i = 0;
	while (i < n) {
		/* ASCII, the bulk of any corpus, eight bytes at a time */
		uint64_t w;
		while (i + 8 <= n && (memcpy(&w, s + i, 8), (w & 0x8080808080808080ull) == 0))
			i += 8;
		if (i >= n)
			break;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = text_decode(s + i, n - i, &cp);
		if (cp == TEXT_REPLACEMENT &&
		    !(k == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0)) {
			if (bad_offset)
				*bad_offset = i;
			return false;
		}
		i += k;
	}
	return true;
}

/* What a character becomes on screen; 0 means "drop it". */
static uint32_t visible(uint32_t cp, bool keep_newlines)
{
	if (cp == '\n')
		return keep_newlines ? '\n' : ' ';
	if (cp == '\t' || cp == '\r')
		return ' ';
	if (cp < 0x20)
		return 0x2400 + cp;  /* ␀ ␁ … */
	if (cp == 0x7F)
		return 0x2421;       /* ␡ */
	if (cp >= 0x80 && cp < 0xA0)
		return TEXT_REPLACEMENT;
	if (cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF)
		return ' ';
	/* Bidi controls can reorder a whole line on some terminals. */
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
		return TEXT_REPLACEMENT;
	if (cp >= 0xA0 && wcwidth((wchar_t)cp) < 0 && cp != 0xAD)
		return TEXT_REPLACEMENT;
	return cp;
}

char *text_sanitize(const char *s, size_t n, bool keep_newlines)
{
	struct isn_buf b = {0};
	if (isn_buf_reserve(&b, n) < 0)
		return NULL;
	size_t i = 0;
	while (i < n) {
		/* printable ASCII runs go through as they are */
		size_t run = i;
		while (run < n && (unsigned char)s[run] >= 0x20 && (unsigned char)s[run] < 0x7F)
			run++;
		if (run > i) {
			isn_buf_add(&b, s + i, run - i); /* room was reserved */
			i = run;
			continue;
		}
		uint32_t cp;
		size_t k = text_decode(s + i, n - i, &cp);
		uint32_t v = visible(cp, keep_newlines);
		if (v == cp && cp != TEXT_REPLACEMENT) {
			if (isn_buf_add(&b, s + i, k) < 0)
				goto fail;
		} else {
			char enc[4];
			if (isn_buf_add(&b, enc, text_encode(v, enc)) < 0)
				goto fail;
		}
		i += k;
	}
	return isn_buf_take(&b);
fail:
	isn_buf_free(&b);
	return NULL;
}
