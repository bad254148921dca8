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

enum action {
	ACT_NONE,
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_FIRST, ACT_LAST,
	ACT_OPEN, ACT_BACK, ACT_SHOW_ALL,
	ACT_PROGRAMME, ACT_FILTER_KIND, ACT_SORT,
	ACT_SEARCH, ACT_SEARCH_NEXT, ACT_SEARCH_PREV,
	ACT_ATTENDANCE, ACT_PEOPLE, ACT_ORGS,
	ACT_PRESENT, ACT_ABSENT, ACT_EXCUSED, ACT_UNDO, ACT_REDO, ACT_CLEAR_TEXT,
	ACT_NEW, ACT_PERSON, ACT_EDIT, ACT_DELETE, ACT_COACH,
	ACT_FILTER_ROLE, ACT_FILTER_FOCUS, ACT_FILTER_ORG,
	ACT_NOTES, ACT_REVIEW, ACT_SAVE_NOTE, ACT_NOTE_KIND, ACT_NOTE_GROUP, ACT_NOTE_ABOUT,
	ACT_EXTERNAL, ACT_FOCUS, ACT_RESTORE, ACT_TRASH, ACT_FILTER_NOTES, ACT_FIND_NOTES,
	ACT_TAG, ACT_QUEUE, ACT_NEXT, ACT_FACTORS, ACT_CODEBOOK, ACT_FOLD, ACT_COOCCUR,
	ACT_SORT_COLUMN, ACT_SORT_REVERSE, ACT_NEW_CHILD, ACT_MOVE, ACT_MERGE, ACT_FIGURE_FILTER, ACT_EXPORT,
	ACT_HELP, ACT_REDRAW, ACT_QUIT,
	ACT_COUNT
};

/* Where an action applies: one bit per view kind. */
enum view_kind {
	VIEW_SESSIONS = 1 << 0,
	VIEW_DETAIL = 1 << 1,
	VIEW_HELP = 1 << 2,
	VIEW_PICKER = 1 << 3,
	VIEW_ATTENDANCE = 1 << 4,
	VIEW_PEOPLE = 1 << 5,
	VIEW_PERSON = 1 << 6,
	VIEW_ORGS = 1 << 7,
	VIEW_ORG = 1 << 8,
	VIEW_NOTES = 1 << 9,
	VIEW_NOTE = 1 << 10,
	VIEW_REVIEW = 1 << 11,
	VIEW_QUEUE = 1 << 12,
	VIEW_FACTORS = 1 << 13,
	VIEW_CODEBOOK = 1 << 14,
	VIEW_ALL = 0xffff
};

struct action_info {
	enum action action;
	unsigned views;       /* views where it applies */
	int keys[4];          /* bound keys, 0-terminated */
	const char *label;    /* short name for the status line, or NULL */
	const char *help;     /* line in the help screen */
};

/* The action bound to key in a view of kind `view`, or ACT_NONE. */
enum action action_for_key(unsigned view, int key);

/* The table, ACT_COUNT - 1 rows in help order. */
const struct action_info *action_table(int *count);

/* The row of the table for an action. */
const struct action_info *action_info(enum action a);

/* True when key is one a text field takes (a character or Backspace):
 * on screens where typing filters, such keys are not actions. */
bool action_key_is_text(int key);

/* A person-readable name of a key ("↑", "PgDn", "Enter", "q") into buf. */
void action_key_name(int key, char *buf, int size);

#endif
