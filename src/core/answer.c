/* The full answer document: header, body and footer laid out together so
 * that the answer view and `ismsnav show` print the very same lines. */
#include "ismsnav/answer.h"

#include <stdlib.h>
#include <string.h>

#include "ismsnav/text.h"
#include "ismsnav/util.h"

#define LABEL_COLS 9   /* "Overlap  " */
#define NARROW_COLS 30 /* below this, header labels do not get a column */

static bool exists_in(unsigned id, void *ctx)
{
	return corpus_find(ctx, id) != NULL;
}

/* "Label    value · value · value", wrapped under the values. */
static void header_field(struct layout_doc *d, const char *label,
			 const struct isn_strlist *values)
{
	if (values->n == 0)
		return;
	struct layout_para p = {0};
	char first[32], cont[32];
	snprintf(first, sizeof first, "%-*s", LABEL_COLS, label);
	snprintf(cont, sizeof cont, "%*s", LABEL_COLS, "");
	if (d->width < NARROW_COLS) {
		/* too narrow for a label column: the label leads the text */
		layout_para_add(&p, label, strlen(label), ST_LABEL, -1);
		layout_para_add(&p, " ", 1, 0, -1);
		first[0] = cont[0] = '\0';
	}
	for (size_t i = 0; i < values->n; i++) {
		if (i)
			layout_para_add(&p, " \xC2\xB7 ", 4, ST_DIM, -1); /* · */
		layout_para_add(&p, values->v[i], strlen(values->v[i]), 0, -1);
	}
	layout_emit(d, &p, first, cont, ST_LABEL);
	layout_para_free(&p);
}

static void header(struct layout_doc *d, const struct entry *e)
{
	char id[16];
	entry_id_format(e->id, id);
	struct layout_para p = {0};
	layout_para_add(&p, id, strlen(id), ST_TITLE | ST_BOLD, -1);
	layout_para_add(&p, "  ", 2, 0, -1);
	layout_para_add(&p, e->query, strlen(e->query), ST_TITLE | ST_BOLD, -1);
	char cont[16];
	snprintf(cont, sizeof cont, "%*s", (int)strlen(id) + 2, "");
	layout_emit(d, &p, "", cont, 0);
	layout_para_free(&p);
	header_field(d, "Packs", &e->packs);
	header_field(d, "Primary", &e->primary_ids);
	header_field(d, "Overlap", &e->overlap_ids);
	header_field(d, "Tags", &e->capability_tags);
	layout_rule(d);
	layout_blank(d);
}

static void footer_title(struct layout_doc *d, const char *title)
{
	struct layout_para p = {0};
	layout_para_add(&p, title, strlen(title), ST_LABEL | ST_BOLD, -1);
	layout_emit(d, &p, "", "", 0);
	layout_para_free(&p);
}

static int followups(struct answer *a, const struct corpus *c, const struct entry *e)
{
	size_t n = 0;
	for (size_t i = 0; i < e->nlinks; i++)
		n += e->links[i].origin == LINK_FOLLOWUP;
	if (n == 0)
		return 0;
	a->followups = calloc(n, sizeof(*a->followups));
	if (!a->followups)
		return -1;
	struct layout_doc *d = &a->doc;
	layout_blank(d);
	layout_rule(d);
	footer_title(d, "Follow-ups");
	for (size_t i = 0; i < e->nlinks; i++) {
		const struct entry_link *l = &e->links[i];
		if (l->origin != LINK_FOLLOWUP)
			continue;
		const struct entry *t = corpus_find(c, l->target);
		char num[16], id[16];
		snprintf(num, sizeof num, "[%zu] ", a->nfollowups + 1);
		entry_id_format(l->target, id);
		int32_t link = layout_add_link(d, LINK_ENTRY, l->target, NULL, t == NULL);
		a->followups[a->nfollowups++] = link;
		struct layout_para p = {0};
		layout_para_add(&p, id, strlen(id), t ? ST_LINK : ST_MISSING, link);
		layout_para_add(&p, "  ", 2, 0, -1);
		const char *q = t ? t->query : (l->label ? l->label : "");
		layout_para_add(&p, q, strlen(q), 0, -1);
		if (!t) {
			const char *nic = "(not in this corpus)";
			if (*q)
				layout_para_add(&p, " ", 1, 0, -1);
			layout_para_add(&p, nic, strlen(nic), ST_MISSING | ST_ITALIC, -1);
		}
		char cont[24];
		snprintf(cont, sizeof cont, "%*s", text_width(num, strlen(num)) + 6, "");
		layout_emit(d, &p, num, cont, ST_DIM);
		layout_para_free(&p);
	}
	return 0;
}

static void actions(struct layout_doc *d, const struct entry *e)
{
	if (e->nactions == 0)
		return;
	layout_blank(d);
	footer_title(d, "Actions");
	for (size_t i = 0; i < e->nactions; i++) {
		const struct entry_action *act = &e->actions[i];
		struct layout_para p = {0};
		const char *label = act->label ? act->label : (act->target ? act->target : "?");
		layout_para_add(&p, label, strlen(label), ST_BOLD, -1);
		if (act->type || act->target) {
			char *what = isn_asprintf(" (%s%s%s)", act->type ? act->type : "",
						  act->type && act->target ? " " : "",
						  act->target ? act->target : "");
			if (what)
				layout_para_add(&p, what, strlen(what), ST_DIM, -1);
			free(what);
		}
		layout_emit(d, &p, "\xE2\x80\xA2 ", "  ", ST_DIM);
		layout_para_free(&p);
	}
}

int answer_layout(struct answer *a, const struct corpus *c,
		  const struct entry *e, int width)
{
	*a = (struct answer){0};
	layout_doc_init(&a->doc, width);
	header(&a->doc, e);
	a->body_first_line = a->doc.n;
	struct layout_opts o = {.width = a->doc.width, .exists = exists_in,
				.exists_ctx = (void *)c};
	if (e->body) {
		layout_markdown(&a->doc, e->body, e->body_len, &o);
	} else {
		/* a head whose file could not be read again: say so in place */
		static const char gone[] = "The answer could not be read from its file.";
		struct layout_para p = {0};
		layout_para_add(&p, gone, sizeof gone - 1, ST_DIM | ST_ITALIC, -1);
		layout_emit(&a->doc, &p, "", "", 0);
		layout_para_free(&p);
	}
	if (followups(a, c, e) < 0)
		a->doc.error = 1;
	actions(&a->doc, e);
	if (a->doc.error) {
		answer_free(a);
		return -1;
	}
	return 0;
}

#define LINKED_FROM "Linked from: "

int answer_backlinks(struct answer *a, const struct corpus *c, const unsigned *ids, size_t n)
{
	if (n == 0)
		return 0;
	struct layout_doc *d = &a->doc;
	struct layout_para p = {0};
	layout_blank(d);
	layout_para_add(&p, LINKED_FROM, strlen(LINKED_FROM), ST_LABEL | ST_BOLD, -1);
	for (size_t i = 0; i < n; i++) {
		char id[16];
		bool here = corpus_find(c, ids[i]) != NULL;
		entry_id_format(ids[i], id);
		if (i)
			layout_para_add(&p, ", ", 2, 0, -1);
		int32_t link = layout_add_link(d, LINK_ENTRY, ids[i], NULL, !here);
		layout_para_add(&p, id, strlen(id), here ? ST_LINK : ST_MISSING, link);
	}
	char cont[sizeof LINKED_FROM];
	snprintf(cont, sizeof cont, "%*s", (int)strlen(LINKED_FROM), "");
	layout_emit(d, &p, "", cont, 0);
	bool failed = p.error || d->error;
	layout_para_free(&p);
	if (failed) {
		answer_free(a);
		return -1;
	}
	return 0;
}

void answer_free(struct answer *a)
{
	layout_doc_free(&a->doc);
	free(a->followups);
	*a = (struct answer){0};
}
