/* tui.c: the main loop: draw the view on top, read a key, act on it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/i18n.h"
#include "core/notes.h"
#include "core/text.h"
#include "tui/codebook_view.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/export_dialog.h"
#include "tui/extedit.h"
#include "tui/factors_view.h"
#include "tui/help.h"
#include "tui/note_taking.h"
#include "tui/notes_review.h"
#include "tui/orgs_view.h"
#include "tui/people_view.h"
#include "tui/quicktags.h"
#include "tui/screen.h"
#include "tui/session_list.h"
#include "tui/statusbar.h"
#include "tui/tui.h"
#include "tui/view.h"
#include "tui/writes.h"

void view_push(struct tui_app *app, struct view *v)
{
	if (!v)
		return;
	v->below = app->top;
	v->app = app;
	app->top = v;
}

void view_pop(struct tui_app *app)
{
	struct view *v = app->top;

	if (!v || !v->below)
		return;
	app->top = v->below;
	v->ops->close(v);
	if (app->top->ops->resume)
		app->top->ops->resume(app->top);
}

static void draw_title(struct tui_app *app)
{
	char line[768];

	/* A read-only database says so on every screen, where the program's
	 * name stands (beside it, the titles would no longer fit 80 columns). */
	snprintf(line, sizeof line, " %s  \xe2\x94\x82  %s",
		 db_read_only(app->db) ? _("read-only") : "stemtui", app->top->ops->title(app->top));
	draw_text(stdscr, 0, 0, COLS, line, screen_attr(UI_TITLE));
}

/* True where q quits (the first screen); elsewhere it is text or goes
 * back, and while the window is too small it is kept like any key. */
static bool q_quits(struct tui_app *app)
{
	return action_for_key(view_kind(app->top), 'q') == ACT_QUIT;
}

void app_redraw(struct tui_app *app)
{
	if (!screen_big_enough()) {
		screen_draw_too_small(!q_quits(app));
		return;
	}
	erase();
	screen_forget_cursor();
	app->top->top = 1;
	app->top->height = LINES - 2;
	app->top->ops->draw(app->top);
	draw_title(app);
	statusbar_draw(app);
	screen_place_cursor();
	refresh();
}

unsigned view_kind(struct view *v)
{
	return v->ops->mode ? v->ops->mode(v) : v->ops->kinds[0];
}

bool view_handles(const struct view_ops *ops, enum action a)
{
	const enum action *h;

	for (h = ops->handles; h && *h != ACT_NONE; h++)
		if (*h == a)
			return true;
	return false;
}

const struct view_ops *const view_registry[] = {
	&session_list_ops, &session_detail_ops, &help_ops, &picker_ops, &tagger_ops, &attendance_ops,
	&people_ops, &person_ops, &orgs_ops, &org_ops, &notes_ops, &note_ops, &review_ops,
	&queue_ops, &factors_ops, &codebook_ops, &form_ops, &network_ops, NULL,
};

static void handle_mouse(struct tui_app *app)
{
	MEVENT ev;

	if (getmouse(&ev) == OK && app->top->ops->mouse)
		app->top->ops->mouse(app->top, &ev);
}

/* Says that key does nothing where kind is shown, and what helps: the
 * help key ("?" where it is not text, else "F1"), or in the help itself,
 * which has no help of its own, Esc. */
static void say_key_does_nothing(struct tui_app *app, unsigned kind)
{
	const struct action_info *t = action_row(ACT_HELP, kind);
	char name[32];

	if (!t) {
		app_message(app, false, "%s", _("That key does nothing here: Esc goes back"));
		return;
	}
	action_key_name(action_first_key(t, kind), name, sizeof name);
	app_message(app, false, _("That key does nothing here: press %s for help"), name);
}

/* The actions that mean the same on every screen; true when a was one. */
static bool app_act(struct tui_app *app, enum action a, unsigned kind)
{
	switch (a) {
	case ACT_QUIT: app->quit = true; return true;
	case ACT_HELP: view_push(app, help_open(app, kind)); return true;
	case ACT_PEOPLE: view_push(app, people_view_open(app)); return true;
	case ACT_ORGS: view_push(app, orgs_view_open(app)); return true;
	case ACT_REVIEW: view_push(app, notes_review_open(app)); return true;
	case ACT_FACTORS: view_push(app, factors_view_open(app)); return true;
	case ACT_CODEBOOK: view_push(app, codebook_view_open(app)); return true;
	case ACT_REDRAW: clearok(curscr, TRUE); return true;
	default: return false;
	}
}

/* Carries out what key means on the view on top. */
static void handle_key(struct tui_app *app, int key)
{
	struct view *v = app->top;
	unsigned kind = view_kind(v);
	enum action a;

	app->message[0] = '\0';
	if (key == KC(KEY_MOUSE)) {
		handle_mouse(app);
		return;
	}
	/* Where typing goes to a field, the field sees the key first. */
	if ((kind & FIELDS) && v->ops->key && v->ops->key(v, key))
		return;
	/* Pasted text is never a command: a tab or a letter in it would
	 * switch focus, delete, quit... */
	if (screen_pasting())
		return;
	a = action_for_key(kind, key);
	if (app_act(app, a, kind))
		return;
	if (a != ACT_NONE && view_handles(v->ops, a) && v->ops->act(v, a))
		return;
	/* Back, when the screen has nothing to clear first. */
	if (a == ACT_BACK && v->below) {
		view_pop(app);
		return;
	}
	if (a == ACT_NONE && !(kind & FIELDS) && v->ops->key && v->ops->key(v, key))
		return;
	if (key != KC(KEY_RESIZE))
		say_key_does_nothing(app, kind);
}

/* Shows the help of a modal box (a picker, a form) until it is closed;
 * true when F10 there asked to quit. */
static bool help_run(struct tui_app *app, unsigned for_kind)
{
	struct view *h = help_open(app, for_kind);
	unsigned modal = app->modal_kind;
	int key;

	if (!h)
		return false;
	app->modal_kind = 0;   /* the status line is help's while it shows */
	view_push(app, h);
	while (app->top == h && !app->quit && !screen_stop_requested()) {
		app_redraw(app);
		if (screen_read_key(&key))
			handle_key(app, key);
	}
	app->modal_kind = modal;
	if (app->top == h)   /* F10 or a signal: leave it for the main loop */
		return true;
	/* The box is drawn again over its screen, not over the help. */
	if (!app->quit)
		app_redraw(app);
	return app->quit;
}

bool modal_common(struct tui_app *app, enum action a, unsigned kind)
{
	switch (a) {
	case ACT_BACK: return true;
	case ACT_QUIT: app->quit = true; return true;
	case ACT_HELP: return help_run(app, kind);
	case ACT_REDRAW: clearok(curscr, TRUE); return false;
	default: return false;
	}
}

/* handle_key, and when the key opened or closed a screen, draw it before
 * the next key: a screen learns its size and its rows when it is drawn
 * (a note's length, a page's height), and a key typed ahead (Enter then
 * End at once) must find them. */
static void handle_key_drawn(struct tui_app *app, int key)
{
	struct view *before = app->top;

	handle_key(app, key);
	if (app->top != before && !app->quit)
		app_redraw(app);
}

/* Keys already there when one is read (a paste, fast typing, a held key)
 * are all handled before the screen is drawn again: drawing after each
 * would make taking in n characters cost n redraws.  Bounded, so that a
 * long paste still shows its progress. */
#define KEYS_PER_REDRAW 4096

static void handle_pending_keys(struct tui_app *app)
{
	int n, key;

	for (n = 0; n < KEYS_PER_REDRAW && !app->quit && screen_big_enough(); n++) {
		if (!screen_read_key_now(&key))
			return;
		handle_key_drawn(app, key);
	}
}

/* A key that comes while the terminal is too small to show the view: it
 * is kept for the view, which sees it once the terminal is big enough
 * again, so nothing typed into a note is lost.  F10 quits from there, and
 * q on the first screen (the too-small message says which). */
static void key_while_small(struct tui_app *app, int key)
{
	MEVENT ev;

	if (key == KC(KEY_MOUSE)) {
		getmouse(&ev);   /* a place on a screen that is not shown */
		return;
	}
	if (action_for_key(view_kind(app->top), key) == ACT_QUIT && !screen_pasting()) {
		app->quit = true;
		return;
	}
	if (!screen_keep_key(key))
		beep();
	app_redraw(app);
}

bool app_read_key(struct tui_app *app, int *key)
{
	if (!screen_read_key(key))
		return false;
	if (screen_big_enough() || *key == KC(KEY_RESIZE))
		return true;
	key_while_small(app, *key);
	return false;
}

/* A config warning without the folders of its file name, so that the
 * section and key still fit on the status line; stderr has it whole. */
static const char *short_warning(const char *w)
{
	const char *colon = strchr(w, ':'), *slash = w, *p;

	for (p = w; colon && p < colon; p++)
		if (*p == '/')
			slash = p + 1;
	return slash;
}

/* SQLite's count of commits by other connections; -1 when unknown. */
static int data_version(struct tui_app *app)
{
	st_err err;
	int version;

	if (db_row_ints(app->db, "PRAGMA data_version", NULL, 0, &version, 1, &err) != 0)
		return -1;
	return version;
}

/* While no key comes: when another program wrote to the database (a badge
 * scanner checking people in beside the open screen), the view on top
 * reads its rows again, so what it shows is never stale.  The views below
 * re-read when they are on top again (resume).  Asking costs no I/O:
 * data_version is kept in memory. */
static void watch_database(struct tui_app *app)
{
	int version = data_version(app);

	if (version < 0 || version == app->data_version)
		return;
	app->data_version = version;
	if (!app->top->ops->resume || !screen_big_enough())
		return;
	app->top->ops->resume(app->top);
	app_redraw(app);
}

/* Quitting while writes wait for the database: the program waits for
 * them, saying so (statusbar_draw); F10 (or q where it quits) then quits
 * at once, leaving them in the journal for the next start, and any other
 * key goes back to work.  True when the program may end now. */
static bool may_quit(struct tui_app *app)
{
	if (!app->quit)
		return false;
	if (app_writes_waiting(app) == 0 || app->quit_now)
		return true;
	if (!app->quit_waits) {
		app->quit_waits = true;
		app_redraw(app);
	}
	return false;
}

/* A key while quitting waits for the database. */
static void key_while_quitting(struct tui_app *app, int key)
{
	if (action_for_key(view_kind(app->top), key) == ACT_QUIT && !screen_pasting()) {
		app->quit_now = true;
		return;
	}
	app->quit = app->quit_waits = false;
	app_redraw(app);
}

int tui_run(sqlite3 *db, const char *db_path, const st_settings *settings,
	    const char *programme)
{
	struct tui_app app;
	st_err err;
	int key;

	memset(&app, 0, sizeof app);
	app.db = db;
	app.db_path = db_path;
	app.settings = settings;
	app.data_version = data_version(&app);
	if (screen_init(settings) != 0)
		return 1;
	extedit_remove_stale();
	export_dialog_remove_stale(db);
	app.colour = screen_has_colour();
	if (roles_load(&app.roles, settings, &err) != 0)
		app_message(&app, true, "%s", err.msg);
	view_push(&app, session_list_open(&app, programme ? programme : settings->programme));
	if (!app.top) {
		screen_end();
		fprintf(stderr, "%s: %s\n", PACKAGE, _("out of memory"));
		return 1;
	}
	if (db_read_only(db))
		app_message(&app, false, "%s", _("The database is read-only: you can browse and export, "
						 "not change anything"));
	if (settings->nwarnings == 1)
		app_message(&app, true, "%s", short_warning(settings->warnings[0]));
	else if (settings->nwarnings > 1)
		app_message(&app, true, _("%s (and %d more; see stderr)"),
			    short_warning(settings->warnings[0]), settings->nwarnings - 1);
	app_writes_open(&app);
	app_redraw(&app);
	notes_offer_drafts(&app);
	app_redraw(&app);
	while (!may_quit(&app) && !screen_stop_requested()) {
		if (!screen_read_key(&key)) {
			app_writes_retry(&app);
			if (app.top->ops->tick)
				app.top->ops->tick(app.top);
			watch_database(&app);
			continue;
		}
		if (!screen_big_enough() && key != KC(KEY_RESIZE)) {
			key_while_small(&app, key);
			continue;
		}
		if (app.quit_waits) {
			key_while_quitting(&app, key);
			continue;
		}
		handle_key_drawn(&app, key);
		handle_pending_keys(&app);
		/* Typing on gives no tick: try the kept writes here too. */
		app_writes_retry(&app);
		app_redraw(&app);
	}
	while (app.top) {
		struct view *v = app.top;
		app.top = v->below;
		v->ops->close(v);
	}
	app_writes_close(&app);
	roles_free(&app.roles);
	quicktags_free(&app);
	screen_end();
	/* Stopped by a signal: say so in the exit status, as the shell would. */
	return screen_stop_signal() ? 128 + screen_stop_signal() : 0;
}
