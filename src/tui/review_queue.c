/* review_queue.c: walking the untagged notes one by one, after a session:
 * each note whole, the digits 1-9 (or the picker, F6) to tag it, Enter
 * for the next. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/note_kinds.h"
#include "core/notes.h"
#include "tui/draw.h"
#include "tui/factor_picker.h"
#include "tui/listview.h"
#include "tui/quicktags.h"
#include "tui/review_queue.h"
#include "tui/screen.h"
#include "tui/view.h"

struct review_queue {
	struct view v;
	note_filter filter;      /* which notes; untagged is always set */
	st_note n;               /* the note shown, or zeroed at the end */
	long long left;          /* untagged notes left */
	int first;               /* first row of the text shown */
	int rows;                /* rows the text takes */
	int room;                /* rows it has on screen */
	char title[256];
};

#define QV(v) ((struct review_queue *)(v))

/* The untagged notes left, counted no further than NOTE_COUNT_CAP + 1
 * (more is shown as "more than 1000"): it runs after every key. */
static long long left_count(struct review_queue *q)
{
	st_err err;

	return note_count_upto(q->v.app->db, &q->filter, NOTE_COUNT_CAP, &err);
}

/* Shows the first untagged note after after_id (0: from the start). */
static void load_next(struct review_queue *q, long long after_id)
{
	st_err err;

	note_clear(&q->n);
	q->first = 0;
	if (note_next_untagged(q->v.app->db, &q->filter, after_id, &q->n, &err) < 0)
		app_message(q->v.app, true, "%s", err.msg);
	q->left = left_count(q);
}

static void reload_current(struct review_queue *q)
{
	st_err err;
	long long id = q->n.id;

	if (!id)
		return;
	note_clear(&q->n);
	note_get(q->v.app->db, id, &q->n, &err);
	q->left = left_count(q);
}

/* The session, kind, group and the session's day of note n: "COP 07 ·
 * Actie · tafel 4 · do 31 mei 2018 10:02".  A note without a group has
 * no empty place for it; the time it was written shows only when it
 * was written on the session's day (a note typed up later is not given
 * that day with another day's time). */
static void heading(const st_note *n, char *buf, size_t size)
{
	char date[64];
	size_t len;
	st_date d;

	if (date_parse_iso(n->session_date, &d) == 0)
		date_format_short(&d, date, sizeof date);
	else
		snprintf(date, sizeof date, "%s", n->session_date);
	len = (size_t)snprintf(buf, size, "%s  \xc2\xb7  %s", n->session_code,
			       note_kind_label(n->kind));
	if (*n->group_label && len < size)
		len += (size_t)snprintf(buf + len, size - len, "  \xc2\xb7  %s", n->group_label);
	if (len < size)
		len += (size_t)snprintf(buf + len, size - len, "  \xc2\xb7  %s", date);
	if (*n->session_date && strncmp(n->created_at, n->session_date, strlen(n->session_date)) == 0 &&
	    strlen(n->created_at) >= 16 && len < size)
		snprintf(buf + len, size - len, " %.5s", n->created_at + 11);
}

/* The note's text in room rows from y.  A text longer than that scrolls
 * (the arrows, PgUp, PgDn, Home, End), and its last row says there is
 * more below: a note was cut there, and tagged unread. */
static void draw_body(struct review_queue *q, int y, int room)
{
	int last, i;

	q->room = room;
	q->rows = draw_marked(stdscr, y, 1, COLS - 2, q->first, room, q->n.body, NULL, 0, 0, 0);
	if (q->rows <= room || room < 2)
		return;
	q->room = room - 1;
	last = q->rows - q->room;
	if (q->first > last)
		q->first = last;   /* wider after a resize */
	for (i = y; i < y + room; i++)
		draw_blank_row(stdscr, i, 0);
	draw_marked(stdscr, y, 1, COLS - 2, q->first, q->room, q->n.body, NULL, 0, 0, 0);
	if (q->first < last)
		draw_text(stdscr, y + q->room, 1, COLS - 2, _("More below: \xe2\x86\x93, PgDn or End"),
			  screen_attr(UI_ACCENT));
}

static void qv_draw(struct view *v)
{
	struct review_queue *q = QV(v);
	int y = v->top, i, bottom = v->top + v->height, kr;
	char line[512];
	const char *keys;

	for (i = y; i < bottom; i++)
		draw_blank_row(stdscr, i, 0);
	if (!q->n.id) {
		/* Skipped notes are still untagged: the end of the walk is not
		 * the end of the work. */
		if (q->left > NOTE_COUNT_CAP)
			snprintf(line, sizeof line, _("The end of the queue: more than %lld notes you"
						      " went past are still untagged. Enter starts"
						      " again from the first; Esc goes back."),
				 (long long)NOTE_COUNT_CAP);
		else if (q->left > 0)
			snprintf(line, sizeof line, ngettext("The end of the queue: %lld note you went past"
							     " is still untagged. Enter starts again"
							     " from the first; Esc goes back.",
							     "The end of the queue: %lld notes you went"
							     " past are still untagged. Enter starts"
							     " again from the first; Esc goes back.",
							     (unsigned long)q->left), q->left);
		else
			snprintf(line, sizeof line, "%s", _("Every note here is tagged. Esc goes back."));
		draw_wrapped(stdscr, y + 1, 2, COLS - 4, 3, line, A_BOLD);
		return;
	}
	heading(&q->n, line, sizeof line);
	draw_text(stdscr, y + 1, 1, COLS - 2, line, A_BOLD);
	snprintf(line, sizeof line, _("Tags: %s"), *q->n.tags ? q->n.tags : _("(none yet)"));
	draw_text(stdscr, y + 2, 1, COLS - 2, line, screen_attr(UI_ACCENT));
	mvwhline(stdscr, y + 3, 1, ACS_HLINE, COLS - 2);
	/* The keys take a second row rather than lose the last (in Dutch,
	 * Enter). */
	keys = _("Digits tag (again: + enabler, - barrier, off)  F6 all factors  Enter next");
	kr = hint_rows(keys, COLS - 2);
	draw_body(q, y + 4, bottom - y - 6 - kr);
	draw_hints(stdscr, bottom - 1 - kr, 1, COLS - 2, kr, keys, 0);
	quicktags_draw(v->app, bottom - 1, 0, COLS, screen_attr(UI_ACCENT) | A_BOLD);
}

static bool qv_act(struct view *v, enum action a)
{
	struct review_queue *q = QV(v);

	switch (a) {
	case ACT_NEXT: load_next(q, q->n.id); return true;
	case ACT_TAG:
		if (q->n.id) {
			factor_picker_run(v->app, q->n.id);
			reload_current(q);
		}
		return true;
	case ACT_PIN_DIGIT: quicktags_pin(v->app); return true;
	default: return false;
	}
}

/* The digits tag; the keys that scroll a note (as in the note reader:
 * its table's keys, Space aside, which is "next" here) scroll the text. */
static bool qv_key(struct view *v, int key)
{
	struct review_queue *q = QV(v);
	enum action a = action_for_key(VIEW_NOTE, key);

	if (q->n.id && key != ' ' && page_move(&q->first, q->rows, q->room, a))
		return true;
	if (!quicktags_key(v->app, q->n.id, key))
		return false;
	reload_current(q);
	return true;
}

static const char *qv_title(struct view *v)
{
	struct review_queue *q = QV(v);

	if (q->left > NOTE_COUNT_CAP) {
		snprintf(q->title, sizeof q->title, _("Untagged notes  \xc2\xb7  more than %lld left"),
			 (long long)NOTE_COUNT_CAP);
		return q->title;
	}
	snprintf(q->title, sizeof q->title, ngettext("Untagged notes  \xc2\xb7  %lld left",
						     "Untagged notes  \xc2\xb7  %lld left",
						     (unsigned long)q->left), q->left);
	return q->title;
}

static void qv_close(struct view *v)
{
	struct review_queue *q = QV(v);

	note_clear(&q->n);
	free(q);
}

static const enum action qv_handles[] = {
	ACT_NEXT, ACT_TAG, ACT_PIN_DIGIT,
	ACT_TAG_DIGIT,   /* the key hook reads the digits themselves */
	ACT_NONE,
};

const struct view_ops queue_ops = {
	.name = "queue",
	.kinds = { VIEW_QUEUE },
	.handles = qv_handles,
	.draw = qv_draw,
	.act = qv_act,
	.key = qv_key,
	.close = qv_close,
	.title = qv_title,
};

struct view *review_queue_open(struct tui_app *app, const note_filter *f)
{
	struct review_queue *q = calloc(1, sizeof *q);

	if (!q)
		return NULL;
	q->v.ops = &queue_ops;
	q->v.app = app;
	q->filter = *f;
	q->filter.untagged = true;
	q->filter.trash = false;
	q->filter.search = NULL;
	quicktags_open(app);
	load_next(q, 0);
	return &q->v;
}
