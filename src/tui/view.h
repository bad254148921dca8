/* view.h: the interface every screen implements, and the application
 * state they share: struct view and its view_ops, the view stack, the
 * status message, and the registry of every screen's ops.
 *
 * As in tig, each screen is a `struct view` with its own `view_ops`; the
 * main loop only ever talks to the view on top of the stack.  A screen's
 * constructor is declared in the header next to it (session_list.h,
 * attendance_view.h, note_taking.h...), so a screen's includes say which
 * screens it opens. */
#ifndef STEMTUI_VIEW_H
#define STEMTUI_VIEW_H

#include <curses.h>
#include <sqlite3.h>
#include <stdbool.h>

#include "core/pending.h"
#include "core/roles.h"
#include "core/settings.h"
#include "tui/actions.h"

struct view;
struct tui_app;

struct view_ops {
	const char *name;                   /* for the tests' messages */
	/* The screen and field bits (actions.h) it is shown with, 0-ended:
	 * one, or one per mode (taking notes: typing, or in the list). */
	unsigned kinds[3];
	/* Which of kinds holds now; NULL: the first. */
	unsigned (*mode)(struct view *v);
	/* The actions act() carries out, ACT_NONE-ended.  The app itself
	 * does help, quit, redraw and the screens that open from anywhere,
	 * and goes back when act() does not take ACT_BACK.  A unit test
	 * holds this list and the action table to each other. */
	const enum action *handles;
	/* Draws the whole view into the main area (rows top..top+height-1). */
	void (*draw)(struct view *v);
	/* Carries out an action; false when it does not apply now (nothing
	 * selected). */
	bool (*act)(struct view *v, enum action a);
	/* A key no action is bound to (type-ahead); on a screen with a text
	 * field it sees every key first, and takes what the field takes.
	 * May be NULL. */
	bool (*key)(struct view *v, int key);
	/* A mouse event at a screen position; may be NULL. */
	void (*mouse)(struct view *v, const MEVENT *ev);
	/* Frees the view. */
	void (*close)(struct view *v);
	/* Title for the title bar. */
	const char *(*title)(struct view *v);
	/* Called about four times a second while no key comes (autosave);
	 * may be NULL. */
	void (*tick)(struct view *v);
	/* Called when the view is on top again after the one above it closed,
	 * and when another program (a badge scanner running stemtui checkin)
	 * changed the database: re-reads what it shows, keeping the selection
	 * where it can; may be NULL. */
	void (*resume)(struct view *v);
};

/* The movement actions every list handles through lv_move. */
#define LIST_MOVES ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_FIRST, ACT_LAST

struct view {
	const struct view_ops *ops;
	struct tui_app *app;
	struct view *below;   /* the view this one was opened from */
	int top, height;      /* rows of the screen it owns */
	/* False for an action of the view's kind that does not apply to what
	 * it shows now (restore a note that is not in the trash), so the
	 * status line leaves its hint out; NULL: all apply. */
	bool (*offers)(struct view *v, enum action a);
};

/* One transient line shown in the status bar until the next key. */
#define MESSAGE_MAX 512

struct tui_app {
	sqlite3 *db;
	const char *db_path;
	const st_settings *settings;
	st_roles roles;
	struct view *top;      /* the view stack */
	bool quit;
	bool colour;
	char message[MESSAGE_MAX];
	bool message_is_error;
	int data_version;      /* PRAGMA data_version when last looked at */
	unsigned modal_kind;   /* a box over the screen (a picker): its kind, else 0 */
	struct quicktags *quicktags;   /* the digit keys of this run (quicktags.h) */
	pending_queue pending;   /* writes waiting for the database (writes.h) */
	long long retry_at;      /* when to try them again (monotonic ms) */
	bool quit_waits;         /* quitting, once they are saved */
	bool quit_now;           /* quitting at once, leaving them for the next start */
};

/* The screen and field bits v is shown with now. */
unsigned view_kind(struct view *v);

/* True when v's act() carries out a. */
bool view_handles(const struct view_ops *ops, enum action a);

/* Every kind of view and modal widget, NULL-ended: for the unit test
 * that holds each one's handles to the action table. */
extern const struct view_ops *const view_registry[];
extern const struct view_ops session_list_ops, session_detail_ops, help_ops, picker_ops, tagger_ops,
	form_ops,
	attendance_ops, people_ops, person_ops, orgs_ops, org_ops, notes_ops, note_ops,
	review_ops, queue_ops, factors_ops, codebook_ops, network_ops;

/* Puts v on top of the stack. */
void view_push(struct tui_app *app, struct view *v);

/* Closes the top view (never the last one). */
void view_pop(struct tui_app *app);

/* Draws the whole screen now (title, top view, status bar). */
void app_redraw(struct tui_app *app);

/* The next key for a box over the screen (a question, a form, a
 * picker), as screen_read_key: while the terminal is too small to show
 * it, a key is kept for when it is big enough again (F10 sets app->quit)
 * and false is returned, as on a timeout, so the box draws nothing over
 * the message that says so. */
bool app_read_key(struct tui_app *app, int *key);

/* Sets the status bar message (printf format). */
void app_message(struct tui_app *app, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* What help, back, quit and redraw mean in a modal box (a picker, a
 * form, a question) shown where kind says: F1 (or ?) shows its help over
 * it; true when the box must close (Esc, q: back; F10: back, and then
 * the program quits). */
bool modal_common(struct tui_app *app, enum action a, unsigned kind);

#endif
