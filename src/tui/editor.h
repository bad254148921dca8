/* editor.h: a multi-line text editor inside the TUI, for notes.
 *
 * Holds wide characters; wraps at word boundaries to the width it is
 * drawn in; moves by character (a base with its combining marks), word
 * and visual line; takes pasted text whole (screen.c turns the line breaks
 * of a bracketed paste into newlines). */
#ifndef STEMTUI_EDITOR_H
#define STEMTUI_EDITOR_H

#include <curses.h>
#include <stdbool.h>
#include <wchar.h>

struct editor {
	wchar_t *text;
	int len, cap;
	int cur;          /* cursor index in text */
	int goal_col;     /* column Up/Down aim for, -1 when none */
	int top;          /* first visual line shown */
	int width;        /* wrap width of the last draw */
	bool dirty;       /* changed since ed_mark_clean */
	char *utf8;       /* ed_text's result */
};

void ed_init(struct editor *e);
void ed_free(struct editor *e);

/* Replaces the text (UTF-8); the cursor goes to the end. */
void ed_set(struct editor *e, const char *utf8);

/* The text as UTF-8 (valid until the next change). */
const char *ed_text(struct editor *e);

/* True when the text is empty or only white space. */
bool ed_blank(const struct editor *e);

void ed_mark_clean(struct editor *e);

/* Applies an editing key: characters, '\n' (a new line; Enter is the
 * caller's), Backspace, Delete, arrows, Ctrl-arrows (words), Home/End and
 * Ctrl-A/Ctrl-E (the start and end of the line up to its line breaks, not
 * of the row it is wrapped to), Ctrl-W (word back), Ctrl-K (to the end of
 * the line), Ctrl-U (to its start).  Returns false for keys it does not
 * use. */
bool ed_key(struct editor *e, int key);

/* True when ed_key would change the text for key (not only move). */
bool ed_key_changes(int key);

/* Draws into h rows of width columns at (y, x), scrolled to keep the
 * cursor in view, and places the terminal cursor when focus. */
void ed_draw(struct editor *e, WINDOW *w, int y, int x, int h, int width, bool focus);

#endif
