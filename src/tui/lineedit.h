/* lineedit.h: one line of text being typed, the one widget behind every
 * one-line field (status-line prompts, form fields, the filters of the
 * pickers and lists): wide and combining characters, cursor movement,
 * completion from the field's suggestions, the one Esc rule, and drawing
 * that scrolls to keep the cursor in view. */
#ifndef STEMTUI_LINEEDIT_H
#define STEMTUI_LINEEDIT_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* Characters a field holds: room for a file path in a deep folder (the
 * export dialog's File), which must never be cut short silently. */
#define LINEEDIT_MAX 1024

/* Suggestions asked for at a time, and the longest text Tab completes
 * from (a group label, a school's name; never a path). */
#define LE_SUGGESTIONS 16
#define LE_STEM_MAX 256

/* Where a field's suggestions come from: writes up to max fresh strings
 * (malloc'd; the field frees them) that fit text, the best first (those
 * starting with text, ignoring case and accents), into out.  Returns how
 * many (0 for none, also on an error). */
typedef int (*le_suggest_fn)(void *ctx, const char *text, char **out, int max);

struct lineedit {
	wchar_t text[LINEEDIT_MAX];
	int len, cur;
	char utf8[LINEEDIT_MAX * 4 + 1];   /* text as UTF-8, kept up to date */
	le_suggest_fn suggest;             /* NULL: Tab completes nothing */
	void *suggest_ctx;
	/* Tab going round the suggestions: the text they are for, and the
	 * one shown (-1: not going round). */
	char stem[LE_STEM_MAX];
	int cycle;
};

/* What a key did to a field. */
enum le_result {
	LE_NOT_MINE,  /* not a key of the field: for the screen around it */
	LE_CHANGED,   /* the text changed */
	LE_TAKEN,     /* the field's key, the text unchanged (the cursor may have moved) */
	LE_CLOSE,     /* Esc on an empty field: whoever opened the field closes it */
};

/* Which keys a field takes: the FIELD_LINE rows of actions_table.h, or
 * where the arrows mean something else (a list, the picker's polarity)
 * the FIELD_FILTER ones, which leave the cursor at the end. */
enum le_keys { LE_ALL_KEYS, LE_TEXT_KEYS };

/* Makes e an empty field without suggestions (for one not zeroed). */
void le_init(struct lineedit *e);

/* Empties e, or sets it to a UTF-8 string (cursor at the end).  The
 * suggestions stay the field's. */
void le_clear(struct lineedit *e);
void le_set(struct lineedit *e, const char *utf8);

/* Where Tab completes from (fn NULL: nowhere). */
void le_set_suggest(struct lineedit *e, le_suggest_fn fn, void *ctx);

/* Applies a key (in the form actions.h uses): a printable character is
 * typed, a field key (actions_table.h) edits.  Esc empties the field; on an
 * empty field it says LE_CLOSE.  Tab completes from the suggestions: the
 * start they share, else (again and again) each in turn; with nothing
 * to complete it is LE_NOT_MINE (a form then moves on). */
enum le_result le_key(struct lineedit *e, int key, enum le_keys keys);

/* le_key with LE_TEXT_KEYS, true when the field took the key: for the
 * filters of list screens, where the arrows move the list. */
bool le_type(struct lineedit *e, int key);

/* What Tab would offer now, "a, b, c" as fits in size (cut with "…"),
 * or "" when there is nothing to complete. */
void le_hint(struct lineedit *e, char *buf, size_t size);

/* Draws the text at (y, x) in width columns with attr, scrolled so the
 * cursor shows; places the terminal cursor there when `focus`. */
void le_draw(const struct lineedit *e, WINDOW *w, int y, int x, int width, attr_t attr,
	     bool focus);

#endif
