/* lineedit.h: one line of text being typed: wide and combining characters,
 * cursor movement, and drawing that scrolls to keep the cursor in view. */
#ifndef STEMTUI_LINEEDIT_H
#define STEMTUI_LINEEDIT_H

#include <curses.h>
#include <stdbool.h>
#include <wchar.h>

/* Characters a field holds: room for a file path in a deep folder (the
 * export dialog's File), which must never be cut short silently. */
#define LINEEDIT_MAX 1024

struct lineedit {
	wchar_t text[LINEEDIT_MAX];
	int len, cur;
	char utf8[LINEEDIT_MAX * 4 + 1];   /* text as UTF-8, kept up to date */
};

/* Empties e, or sets it to a UTF-8 string (cursor at the end). */
void le_clear(struct lineedit *e);
void le_set(struct lineedit *e, const char *utf8);

/* Applies a key (in the form actions.h uses): a printable character is
 * inserted; Backspace, Delete, Left, Right, Home, End, Ctrl-A/Ctrl-E
 * (start/end), Ctrl-W (delete word), Ctrl-K (delete to end) and Ctrl-U
 * (delete to start) edit.
 * Returns true when the key was an editing key (the text or cursor may
 * have changed), false when it is for someone else. */
bool le_key(struct lineedit *e, int key);

/* Like le_key, but only for keys that change the text (characters,
 * Backspace, Ctrl-U): for screens where the arrows mean something else. */
bool le_type(struct lineedit *e, int key);

/* Draws the text at (y, x) in width columns with attr, scrolled so the
 * cursor shows; places the terminal cursor there when `focus`. */
void le_draw(const struct lineedit *e, WINDOW *w, int y, int x, int width, attr_t attr,
	     bool focus);

#endif
