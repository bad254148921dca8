/* listview.h: a list that holds only the rows on screen and reads more
 * with keyset queries as the selection moves (the model behind every list
 * screen: sessions, attendance, people, organisations).
 *
 * A list knows nothing of what its rows are: it calls fetch() for rows
 * next to an anchor row and clear() to free one.  Rows are structs of
 * row_size bytes that own their strings; the list moves them with memcpy. */
#ifndef STEMTUI_LISTVIEW_H
#define STEMTUI_LISTVIEW_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "tui/actions.h"

struct listview_source {
	size_t row_size;
	/* Reads up to n rows after anchor (before it when backward; from the
	 * start or the end when anchor is NULL) into out, in display order.
	 * Returns how many, or -1 with err set. */
	int (*fetch)(void *ctx, const void *anchor, bool backward, void *out, int n,
		     st_err *err);
	/* Frees what a row owns. */
	void (*release)(void *row);
	/* Rows in all and rows before `row`, for "3/40"; may be NULL. */
	long long (*count)(void *ctx);
	long long (*position)(void *ctx, const void *row);
};

struct listview {
	const struct listview_source *src;
	void *ctx;
	char *rows;            /* nrows rows of src->row_size bytes */
	int nrows, cap;
	int sel;               /* index of the selected row in rows */
	int height;            /* rows on screen */
	long long total, position;
	char error[ST_ERR_MAX];/* the last read error, "" when none */
	/* An indexed list (lv_init_indexed): how many things there are. */
	int (*count_things)(void *ctx);
	void *things;
};

/* Sets up an empty list over src/ctx; nothing is read until a move. */
void lv_init(struct listview *lv, const struct listview_source *src, void *ctx);

/* Frees the rows. */
void lv_free(struct listview *lv);

/* Row i of the window, or NULL; the selected row, or NULL when empty. */
void *lv_row(const struct listview *lv, int i);
void *lv_selected(const struct listview *lv);

/* Sets how many rows fit on screen; re-reads when it changed. */
void lv_set_height(struct listview *lv, int height);

/* Reads the first (or last) screenful and selects its first (last) row. */
void lv_home(struct listview *lv);
void lv_end(struct listview *lv);

/* Re-reads the window so that the selected row stays where it is on
 * screen; when it is gone (deleted, filtered out) the next one is
 * selected.  Call after anything that changes rows or the filter. */
void lv_reload(struct listview *lv);

/* Re-reads the window around `row` (a row from a fetch of this source,
 * e.g. a search result), selecting it at screen row `at`. */
void lv_show(struct listview *lv, const void *row, int at);

/* One line, a screen, or n lines up or down, reading rows as needed. */
void lv_line(struct listview *lv, bool down);
void lv_page(struct listview *lv, bool down);
void lv_lines(struct listview *lv, int n);

/* Selects window row i (a click), if there is one. */
bool lv_select(struct listview *lv, int i);

/* Carries out a movement action on the list: Up, Down, PgUp, PgDn, Home
 * and End (with their other keys in actions_table.h).  True when a was
 * one of them.  Every list screen moves through here, so an empty list,
 * a one-row list and the ends are handled in one place. */
bool lv_move(struct listview *lv, enum action a);

/* The mouse on a list whose first row is at screen row first_y: the wheel
 * scrolls three rows, a click selects.  True when a click (or a double
 * click) fell on the row that was selected already: open it. */
bool lv_mouse(struct listview *lv, const MEVENT *ev, int first_y);

/* A list narrowed by a name typed above it (attendance, people,
 * organisations).  lv_filter_type gives key to the name (le_type) and,
 * when the name took it, shows the list again from its first row; true
 * when the name took it.  lv_filter_clear empties the name and shows the
 * list from its first row; false when the name was empty already (Esc
 * then goes back). */
struct lineedit;
bool lv_filter_type(struct listview *lv, struct lineedit *name, int key);
bool lv_filter_clear(struct listview *lv, struct lineedit *name);

/* The same movement on a page of `total` lines that shows `room` at a
 * time (help, a note, a person): moves *first, never past the page's
 * last line at the bottom.  True when a was a movement action. */
bool page_move(int *first, int total, int room, enum action a);

/* A list of things held in memory (a codebook, the rows of a table): its
 * rows are the things' indices, 0 to count(ctx) - 1, so it moves, pages
 * and keeps its selection exactly as the lists read from the database. */
void lv_init_indexed(struct listview *lv, int (*count)(void *ctx), void *ctx);

/* The index of window row i / of the selected row, or -1. */
int lv_index(const struct listview *lv, int i);
int lv_selected_index(const struct listview *lv);

/* Selects thing `index` of an indexed list (after a reload that moved
 * it), showing it at screen row `at`. */
void lv_show_index(struct listview *lv, int index, int at);

#endif
