/* draw.h: putting UTF-8 text on the screen within a width. */
#ifndef STEMTUI_DRAW_H
#define STEMTUI_DRAW_H

#include <curses.h>
#include <stddef.h>

#include "core/note_search.h"

/* Draws text at (y, x) in exactly `width` columns with attr: cut with "…"
 * when too long, padded with spaces when short.  Wide and combining
 * characters are measured as the terminal shows them. */
void draw_text(WINDOW *w, int y, int x, int width, const char *text, attr_t attr);

/* Like draw_text, but a text too long loses its start ("…/a/file.csv"):
 * for paths, where the end says most. */
void draw_text_tail(WINDOW *w, int y, int x, int width, const char *text, attr_t attr);

/* Like draw_text, right-aligned. */
void draw_text_right(WINDOW *w, int y, int x, int width, const char *text, attr_t attr);

/* Draws text at (y, x) with at most `width` columns, without padding;
 * returns the columns used. */
int draw_text_clip(WINDOW *w, int y, int x, int width, const char *text, attr_t attr);

/* A "Label:  value" line of a record (a person, an organisation, a
 * note): "label:" from column 1 in label_width columns with label_attr
 * (left out when label is NULL: a list's later lines), the value from
 * column label_width + 2 to the end of the line. */
void draw_label_value(WINDOW *w, int y, int label_width, const char *label, const char *value,
		      attr_t label_attr);

/* Draws a table row: the whole row in attr, then cells[i] in width[i]
 * columns each, from column 1 with one space between. */
void draw_cells(WINDOW *w, int y, const int *width, const char *const *cells, int n,
		attr_t attr);

/* The accent (codes, times, tags) within a row drawn in row_attr.  On a
 * row in colour (the selection) it is the row's colours in bold: two
 * colour pairs cannot be combined, and ORed together they name another
 * pair (as often as not black on black). */
attr_t draw_accent(attr_t row_attr);

/* Fills row y with spaces in attr. */
void draw_blank_row(WINDOW *w, int y, attr_t attr);


/* Key hints ("[y] delete  [Esc] keep": items two spaces apart) laid out
 * in rows of width columns, each item whole on one row (an item wider
 * than a row alone is word-wrapped), so an answer is never cut in two or
 * pushed out of sight.  draw_hints draws at most max_rows rows from y and
 * returns the rows used; hint_rows says how many rows they need. */
int hint_rows(const char *text, int width);
int draw_hints(WINDOW *w, int y, int x, int width, int max_rows, const char *text, attr_t attr);

/* Widens *width to the columns text takes, when it takes more: for
 * measuring what a column shows. */
void widen_to(int *width, const char *text);

/* Column widths for a table of n columns one space apart in room columns:
 * each column gets min[i] or the width of its head (head[i], translated),
 * whichever is more; then, column by column in the order of prio (indexes,
 * most important first), as much more as it wants (want[i]: its content,
 * measured with widen_to) while room is left; column fill gets what is
 * still left.  Writes the widths into width. */
void fit_columns(const char *const *head, const int *want, const int *min, int n,
		 const int *prio, int fill, int room, int *width);

/* How many rows text takes word-wrapped into width columns. */
int wrapped_rows(const char *text, int width);

/* Draws text word-wrapped into `width` columns from row y, using at most
 * max_rows rows (the last one cut with "…" if needed); returns rows used. */
int draw_wrapped(WINDOW *w, int y, int x, int width, int max_rows, const char *text,
		 attr_t attr);
/* Draws text word-wrapped into width columns, skipping its first `skip`
 * rows and using at most max_rows rows from y; the byte ranges in spans
 * (sorted) are drawn with mark instead of attr.  Returns how many rows
 * the whole text takes (for scrolling). */
int draw_marked(WINDOW *w, int y, int x, int width, int skip, int max_rows, const char *text,
		const note_span *spans, int nspans, attr_t attr, attr_t mark);

#endif
