/* Drawing helpers the views share: clipped, sanitised text in display
 * columns, and the core's laid-out lines with their styles, the selected
 * link and search matches. */
#ifndef TUI_DRAW_H
#define TUI_DRAW_H

#include <stddef.h>

#include "ismsnav/layout.h"
#include "tui/display.h"

/* What to highlight on a laid-out line. */
struct line_marks {
	long select_span;  /* index of a span drawn as selected, or -1 */
	const char *query; /* search text to mark, or NULL */
};

/* Draws n bytes of UTF-8 at (y, x) within `cols` columns; control
 * characters and invalid bytes show as U+FFFD. Returns columns used. */
int draw_text(int y, int x, const char *s, size_t n, int cols, attr_t attr);
/* Like draw_text for a NUL-terminated string, ending in `ellipsis` when
 * it does not fit. */
int draw_text_cut(int y, int x, const char *s, int cols, attr_t attr,
		  const char *ellipsis);
/* Blanks `cols` columns from (y, x) with attr. */
void draw_fill(int y, int x, int cols, attr_t attr);
void draw_doc_line(const struct display *d, int y, const struct layout_line *l,
		   int cols, const struct line_marks *m);
/* b drawn over a: b's attributes added, b's colour (if any) replacing a's. */
attr_t draw_overlay(attr_t a, attr_t b);

#endif
