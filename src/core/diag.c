/* Diagnostics collected while loading and checking, printed in the
 * compiler-style `path:line: level: message` form editors understand. */
#include "ismsnav/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ismsnav/util.h"

void diag_add(struct diag_list *l, enum diag_level level, const char *path,
	      int line, const char *fmt, ...)
{
	if (isn_grow(&l->v, &l->cap, l->n + 1, sizeof(*l->v)) < 0)
		return;
	struct isn_buf msg = {0};
	va_list ap;
	va_start(ap, fmt);
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n >= 0 && isn_buf_reserve(&msg, (size_t)n) == 0) {
		vsnprintf(msg.data, (size_t)n + 1, fmt, ap);
		msg.len = (size_t)n;
	}
	va_end(ap);
	char *p = isn_strdup(path ? path : "");
	if (!msg.data || !p) {
		isn_buf_free(&msg);
		free(p);
		return;
	}
	l->v[l->n] = (struct diag){level, p, line, isn_buf_take(&msg), l->n};
	l->n++;
	if (level == DIAG_ERROR)
		l->errors++;
	else
		l->warnings++;
}

void diag_format(const struct diag *d, FILE *out)
{
	const char *lv = d->level == DIAG_ERROR ? "error" : "warning";
	if (d->line > 0)
		fprintf(out, "%s:%d: %s: %s\n", d->path, d->line, lv, d->message);
	else
		fprintf(out, "%s: %s: %s\n", d->path, lv, d->message);
}

void diag_print(const struct diag_list *l, FILE *out, enum diag_level min)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].level >= min)
			diag_format(&l->v[i], out);
}

static int cmp_diag(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	if (c)
		return c;
	if (x->line != y->line)
		return (x->line > y->line) - (x->line < y->line);
	return (x->seq > y->seq) - (x->seq < y->seq);
}

void diag_sort(struct diag_list *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_diag);
}

void diag_list_free(struct diag_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].path);
		free(l->v[i].message);
	}
	free(l->v);
	*l = (struct diag_list){0};
}
