/* Line editing for the filter and search fields. Input arrives as code
 * points from get_wch and is stored as UTF-8; control characters never
 * enter the text. */
#include "tui/prompt.h"

#include <string.h>

#include "ismsnav/text.h"
#include "tui/term.h"

void prompt_clear(struct prompt *p)
{
	p->len = 0;
	p->text[0] = '\0';
	p->full = false;
}

void prompt_set(struct prompt *p, const char *s)
{
	size_t n = strlen(s);
	if (n >= PROMPT_MAX)
		n = PROMPT_MAX - 1;
	memcpy(p->text, s, n);
	p->len = n;
	p->text[n] = '\0';
	p->full = false;
}

/* Start of the character that ends at p->len. */
static size_t prev_char(const struct prompt *p, size_t i)
{
	while (i > 0 && ((unsigned char)p->text[i - 1] & 0xC0) == 0x80)
		i--;
	return i > 0 ? i - 1 : 0;
}

static enum prompt_result erase_char(struct prompt *p)
{
	if (p->len == 0)
		return PR_CANCEL;
	p->len = prev_char(p, p->len);
	p->text[p->len] = '\0';
	return PR_EDIT;
}

static enum prompt_result erase_word(struct prompt *p)
{
	size_t n = p->len;
	while (n > 0 && p->text[n - 1] == ' ')
		n--;
	while (n > 0 && p->text[n - 1] != ' ')
		n--;
	if (n == p->len)
		return PR_SAME;
	p->len = n;
	p->text[n] = '\0';
	return PR_EDIT;
}

static bool is_printable(int cp)
{
	return cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0) &&
	       cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
}

static enum prompt_result insert(struct prompt *p, int cp)
{
	char buf[4];
	size_t n = text_encode((uint32_t)cp, buf);
	if (p->len + n >= PROMPT_MAX) {
		p->full = true;
		return PR_SAME;
	}
	memcpy(p->text + p->len, buf, n);
	p->len += n;
	p->text[p->len] = '\0';
	return PR_EDIT;
}

enum prompt_result prompt_key(struct prompt *p, const struct tui_key *k)
{
	p->full = false;
	if (k->fn) {
		if (k->code == KEY_ENTER)
			return PR_ACCEPT;
		if (k->code == KEY_BACKSPACE)
			return erase_char(p);
		return PR_PASS;
	}
	switch (k->code) {
	case '\n':
	case '\r':
		return PR_ACCEPT;
	case TK_ESC:
		return PR_CANCEL;
	case 127:
	case TK_CTRL('h'):
		return erase_char(p);
	case TK_CTRL('u'):
		if (p->len == 0)
			return PR_SAME;
		prompt_clear(p);
		return PR_EDIT;
	case TK_CTRL('w'):
		return erase_word(p);
	default:
		return is_printable(k->code) ? insert(p, k->code) : PR_PASS;
	}
}
