/* actions.h: the one table of user actions.
 *
 * Key bindings, the help screen and the status line's hints are all
 * generated from this table (as in tig), so they cannot disagree. */
#ifndef STEMTUI_ACTIONS_H
#define STEMTUI_ACTIONS_H

#include <stdbool.h>

/* A key as the table stores it: a character, or a curses key code with
 * KEY_FLAG set (curses codes overlap with characters above U+00FF). */
#define KEY_FLAG 0x40000000
#define KC(code) (KEY_FLAG | (code))
#undef CTRL   /* <sys/ttydefaults.h> has the same one */
#define CTRL(c) ((c) & 0x1f)

/* Keys curses has no fixed code for (Ctrl-Left is kLFT5 on one terminal,
 * another string on the next): screen.c reads them as these. */
#define KX(n) (KEY_FLAG | 0x100000 | (n))
#define KX_CTRL_LEFT KX(1)
#define KX_CTRL_RIGHT KX(2)
/* Stands for the digits 1-9 in help (each view reads them itself). */
#define KEY_DIGITS KX(3)

/* ACT_NONE, then one ACT_name for each ACTION row of actions_table.h. */
enum action {
	ACT_NONE,
#define ACTION(name, where, keys, label, help) ACT_##name,
#define ALSO(name, where, keys, label, help)
#include "tui/actions_table.h"
#undef ACTION
#undef ALSO
	ACT_COUNT
};

/* Where an action applies: one bit per screen, and one per kind of text
 * field (a screen with a field has its bit too while the field has the
 * focus). */
enum view_kind {
	VIEW_SESSIONS = 1 << 0,
	VIEW_DETAIL = 1 << 1,
	VIEW_HELP = 1 << 2,
	VIEW_PICKER = 1 << 3,      /* a list to choose from, over the screen */
	VIEW_ATTENDANCE = 1 << 4,
	VIEW_PEOPLE = 1 << 5,
	VIEW_PERSON = 1 << 6,
	VIEW_ORGS = 1 << 7,
	VIEW_ORG = 1 << 8,
	VIEW_NOTES = 1 << 9,       /* taking notes, typing one */
	VIEW_NOTE = 1 << 10,
	VIEW_REVIEW = 1 << 11,
	VIEW_QUEUE = 1 << 12,
	VIEW_FACTORS = 1 << 13,
	VIEW_CODEBOOK = 1 << 14,
	VIEW_NOTES_LIST = 1 << 15, /* taking notes, in the list of notes */
	VIEW_TAGGER = 1 << 16,     /* the factor picker: tagging a note */
	VIEW_FORM = 1 << 17,       /* a form or a prompt over the screen */
	VIEW_NETWORK = 1 << 18,    /* the network: sync and what came in */
	VIEW_SCREENS = (1 << 19) - 1,
	FIELD_EDITOR = 1 << 20,    /* the note editor, several lines */
	FIELD_LINE = 1 << 21,      /* a one-line field with a cursor */
	FIELD_FILTER = 1 << 22,    /* type-to-find above a list */
	FIELD_CHOICES = 1 << 23,   /* a form's choice: one of a few, typing its start */
	FIELDS = FIELD_EDITOR | FIELD_LINE | FIELD_FILTER | FIELD_CHOICES
};

struct action_info {
	enum action action;
	unsigned views;       /* screens and fields where it applies */
	int keys[4];          /* bound keys, 0-terminated */
	const char *label;    /* short name for the status line, or NULL */
	const char *help;     /* line in the help screen */
};

/* The action bound to key where `kind` (screen and field bits) is shown,
 * or ACT_NONE.  A field's own keys come first; on a screen with a field,
 * printable keys are the field's text, never a screen's action. */
enum action action_for_key(unsigned kind, int key);

/* True when key works where `kind` is shown as row t's key: not a
 * printable key that a field there takes as text. */
bool action_key_works(const struct action_info *t, unsigned kind, int key);

/* The first key of row t that works where kind is shown, or 0. */
int action_first_key(const struct action_info *t, unsigned kind);

/* The row for action a where kind is shown (an action may have another
 * row, with other keys, elsewhere), or NULL. */
const struct action_info *action_row(enum action a, unsigned kind);

/* The table: every row of actions_table.h, in help order. */
const struct action_info *action_table(int *count);

/* True when key is one a text field takes (a character or Backspace):
 * on screens where typing filters, such keys are not actions. */
bool action_key_is_text(int key);

/* A person-readable name of a key ("↑", "PgDn", "Enter", "q") into buf. */
void action_key_name(int key, char *buf, int size);

#endif
