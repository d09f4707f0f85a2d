/* Keeping the navigator's corpus current: an entry read from the search
 * index holds only its head until it is opened, when its file is parsed
 * in full; a file that broke or went away since it was indexed is said
 * in the status line, naming the file and line, and its head is shown. */
#include <stdio.h>
#include <string.h>

#include "tui/app.h"

/* The first error, as "file:line: message" with the file's own name (the
 * folders make the status line too long to read). */
static void say_problem(struct app *a, const struct diag_list *d, unsigned id)
{
	const struct diag *p = NULL;
	for (size_t i = 0; i < d->n && !p; i++)
		if (d->v[i].level == DIAG_ERROR)
			p = &d->v[i];
	char ids[16];
	entry_id_format(id, ids);
	if (!p) {
		app_message(a, true, "%s cannot be read again from its file", ids);
		return;
	}
	const char *base = strrchr(p->path, '/');
	base = base ? base + 1 : p->path;
	if (p->line > 0)
		app_message(a, true, "%s: %s:%d: %s", ids, base, p->line, p->message);
	else
		app_message(a, true, "%s: %s: %s", ids, base, p->message);
}

const struct entry *app_entry(struct app *a, unsigned id)
{
	struct diag_list d = {0};
	struct entry *e;
	if (corpus_complete(a->corpus, id, &d, &e) < 0 && e)
		say_problem(a, &d, id);
	diag_list_free(&d);
	return e;
}
