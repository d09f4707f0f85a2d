/* Keeping the navigator's corpus current: an entry read from the search
 * index holds only its head until it is opened, when its file is parsed
 * in full; a file that broke or went away since it was indexed is said
 * in the status line, naming the file and line, and its head is shown. */
#include <stdio.h>
#include <string.h>

#include "ismsnav/search.h"
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

/* ---- the reload key --------------------------------------------------- */

/* Reads the corpus again into c and diags: through the index when there
 * is one (only files that changed are parsed), else every file. Returns
 * 0, or -1 with a message shown. */
static int read_again(struct app *a, struct corpus *c, struct diag_list *diags,
		      bool *unreadable)
{
	struct diag_list idx_diags = {0};
	int rc = 0;
	*unreadable = false;
	if (a->index) {
		rc = search_refresh(a->index, &idx_diags);
		*unreadable = rc > 0;
		for (size_t i = 0; rc > 0 && i < idx_diags.n; i++) /* counted as at the start */
			diag_add(diags, idx_diags.v[i].level, idx_diags.v[i].path, idx_diags.v[i].line,
				 "%s", idx_diags.v[i].message);
		if (rc >= 0 && (search_load_heads(a->index, c) < 0 ||
				search_file_diags(a->index, diags) < 0))
			rc = -1;
	} else {
		*unreadable = corpus_load(c, a->corpus_paths, a->ncorpus, diags) < 0;
	}
	if (rc < 0) {
		const char *why = idx_diags.n ? idx_diags.v[0].message : "out of memory";
		app_message(a, true, "Reload failed: %s", why);
		corpus_free(c);
		diag_list_free(diags);
	}
	diag_list_free(&idx_diags);
	return rc < 0 ? -1 : 0;
}

/* Files parsed again whose entries were there before count as changed,
 * even when only their answer changed (the heads cannot tell). A
 * rebuilt index parsed every file, so then only the heads tell. */
static size_t changed_count(const struct app *a, const struct corpus_diff *d)
{
	if (!a->index)
		return d->changed;
	const struct search_stats *st = search_stats(a->index);
	if (st->rebuilt || st->parsed <= d->added)
		return d->changed;
	size_t files = st->parsed - d->added;
	return files > d->changed ? files : d->changed;
}

/* An answer on screen whose entry is gone gives way to the list. */
static void drop_gone_answer(struct app *a)
{
	const struct history_step *st = history_current(&a->hist);
	bool shown = false;
	for (size_t i = 0; i < a->depth; i++)
		shown |= a->stack[i] == VIEW_ANSWER;
	if (!shown || !st || st->reg >= 0 || corpus_find(a->corpus, st->id))
		return;
	a->depth = 1;
}

struct action app_reload(struct app *a)
{
	if (!a->index && a->ncorpus == 0) {
		app_message(a, true, "Nothing to reload: no corpus folder is known");
		return act(ACT_HANDLED);
	}
	struct corpus fresh = {0};
	struct diag_list diags = {0};
	bool unreadable;
	if (read_again(a, &fresh, &diags, &unreadable) < 0)
		return act(ACT_HANDLED);
	struct corpus_diff d;
	corpus_diff(a->corpus, &fresh, &d);
	size_t changed = changed_count(a, &d);
	corpus_free(a->corpus);
	*a->corpus = fresh;
	diag_list_free(a->diags);
	*a->diags = diags;
	a->answer.laid = false; /* laid out again from the file as it is now */
	a->clauses.stale = true; /* the clause index reads the index again */
	list_corpus_changed(a);
	drop_gone_answer(a);
	char skipped[96] = "";
	if (a->diags->errors)
		snprintf(skipped, sizeof skipped, "; %zu file%s skipped (ismsnav check)",
			 a->diags->errors, a->diags->errors == 1 ? "" : "s");
	app_message(a, unreadable, "Reloaded: %zu changed, %zu added, %zu removed%s%s", changed,
		    d.added, d.removed, skipped,
		    unreadable ? "; a corpus folder cannot be read" : "");
	return act(ACT_REDRAW);
}
