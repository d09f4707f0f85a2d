/* Prints the KEYS section of man/ismsnav.1 from the UI's key table, so the
 * man page cannot drift from what the keys do. tests/tools/man_keys.sh
 * compares it with the page; `sh tests/tools/man_keys.sh BIN man/ismsnav.1
 * --update` rewrites the section. */
#include <stdio.h>
#include <string.h>

struct row {
	const char *section, *label, *help;
};

static const struct row rows[] = {
#define KEY_SECTION(title) {title, NULL, NULL},
#define KEY(cmd, scope, label, help, ...) {NULL, label, help},
#include "tui/keys.def"
};

/* roff would read a leading dot or quote as a request; escape them. */
static void roff_text(const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", stdout);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", stdout);
		else if (*s == '-')
			fputs("\\-", stdout);
		else
			putchar(*s);
	}
}

int main(void)
{
	puts(".SH KEYS");
	puts("The navigator shows this list when you press \\fB?\\fP.");
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct row *r = &rows[i];
		if (r->section) {
			fputs(".SS ", stdout);
			roff_text(r->section);
			puts("");
			continue;
		}
		puts(".TP 20");
		fputs(".B \"", stdout);
		roff_text(r->label);
		puts("\"");
		roff_text(r->help);
		size_t n = strlen(r->help);
		puts(n && r->help[n - 1] == '.' ? "" : ".");
	}
	return 0;
}
