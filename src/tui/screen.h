/* screen.h: the terminal: starting and always restoring curses, colours,
 * the minimum size, and reading keys. */
#ifndef STEMTUI_SCREEN_H
#define STEMTUI_SCREEN_H

#include <curses.h>
#include <stdbool.h>

#include "core/settings.h"

#define SCREEN_MIN_ROWS 24
#define SCREEN_MIN_COLS 80

/* Starts curses (wide characters, keypad, mouse, colours unless NO_COLOR
 * or the config says no) and installs handlers so that quitting, a
 * termination signal or a crash always restores the terminal.
 * Returns 0, or -1 when no terminal can be used (message printed).  When
 * curses is already started (for the bar of a migration), does nothing. */
int screen_init(const st_settings *s);

/* Restores the terminal; safe to call more than once. */
void screen_end(void);

/* True when a termination signal (TERM, HUP, INT) asked us to stop. */
bool screen_stop_requested(void);

/* The signal that asked us to stop, or 0. */
int screen_stop_signal(void);

/* True when the terminal is at least SCREEN_MIN_COLS x SCREEN_MIN_ROWS. */
bool screen_big_enough(void);

/* Shows the "terminal too small" message in place of the interface,
 * with the key that quits from there (q, or F10 where typing is text)
 * and how many keys typed meanwhile are kept (screen_keep_key). */
void screen_draw_too_small(bool typing);

/* The attribute (colour pair or, without colours, a video attribute) of
 * a screen element. */
attr_t screen_attr(enum ui_element e);

/* True when colours are in use. */
bool screen_has_colour(void);

/* The terminal cursor: a focused field says where it wants it while it
 * draws (screen_want_cursor, coordinates in w); the redraw forgets that
 * first and places the cursor last (screen_place_cursor), after the title
 * and status line are drawn, hiding it when no field wanted it. */
void screen_want_cursor(WINDOW *w, int y, int x);
void screen_forget_cursor(void);
void screen_place_cursor(void);

/* True when the key read last came from pasted text (bracketed paste). */
bool screen_pasting(void);

/* Waits up to the read timeout for a key.  Returns true with *key in the
 * form actions.h uses (characters as themselves, curses codes with
 * KEY_FLAG); false on timeout or a signal.  Inside a bracketed paste the
 * markers are swallowed and a line break (CR or LF) comes as '\n'.
 * Escape sequences are read whole: the forms of Home and End that
 * terminals send (ESC [H, ESC [1~, ESC [7~, ESC OH and the End ones) are
 * Home and End under any TERM, a modified key is the key (Ctrl-End is End;
 * Ctrl-Left/Right are KX_CTRL_LEFT/RIGHT), and a sequence or
 * Alt+key nothing is bound to is skipped whole, never typed.  A lone Esc
 * (nothing after it within ESCDELAY) is 27.  Keys kept while the terminal
 * was too small come first, once it is big enough again. */
bool screen_read_key(int *key);

/* Like screen_read_key, but never waits: false when no key has arrived
 * yet (so a burst of typing or a paste can be taken in whole). */
bool screen_read_key_now(int *key);

/* Keeps a key read while the terminal is too small to show what it does,
 * for screen_read_key to give again once the terminal is big enough, in
 * the order typed.  False when the queue is full (the key is lost; the
 * too-small message says so). */
bool screen_keep_key(int key);

#endif
