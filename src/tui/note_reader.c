/* note_reader.c: one note, whole: its session, time, kind, group, what it
 * is about, who wrote it, its tags, and the text with the words searched
 * for highlighted. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/note_kinds.h"
#include "core/note_search.h"
#include "core/notes.h"
#include "core/programme.h"
#include "tui/draw.h"
#include "tui/factor_picker.h"
#include "tui/listview.h"
#include "tui/note_reader.h"
#include "tui/note_taking.h"
#include "tui/screen.h"
#include "tui/view.h"
#include "tui/writes.h"

#define MAX_SPANS 256

struct note_view {
	struct view v;
	long long id;
	st_note n;
	char highlight[256];
	int first;           /* first row of the text shown */
	int rows;            /* rows the text takes */
	int room;            /* rows it has on screen */
	char title[256];
};

#define NTV(v) ((struct note_view *)(v))

static void load(struct note_view *nv)
{
	st_err err;

	note_clear(&nv->n);
	if (note_get(nv->v.app->db, nv->id, &nv->n, &err) < 0)
		app_message(nv->v.app, true, "%s", err.msg);
}

/* A field the note has (an empty one takes no line). */
static int field(int y, const char *label, const char *value)
{
	if (!value || !*value)
		return y;
	draw_label_value(stdscr, y, 12, label, value, screen_attr(UI_ACCENT));
	return y + 1;
}

static void ntv_draw(struct view *v)
{
	struct note_view *nv = NTV(v);
	const st_note *n = &nv->n;
	note_span spans[MAX_SPANS];
	char line[512], date[64];
	int y = v->top, bottom = v->top + v->height, nspans = 0, i, last;
	st_date d;

	/* Read again each time: coming back from editing shows it as saved. */
	load(nv);
	for (i = y; i < bottom; i++)
		draw_blank_row(stdscr, i, 0);
	if (!n->body) {
		draw_text(stdscr, y + 1, 1, COLS - 2, _("This note no longer exists."), 0);
		return;
	}
	if (date_parse_iso(n->session_date, &d) == 0)
		date_format_long(&d, date, sizeof date);
	else
		snprintf(date, sizeof date, "%s", n->session_date);
	snprintf(line, sizeof line, "%s  \xc2\xb7  %s  \xc2\xb7  %s  \xc2\xb7  %s", n->session_code,
		 session_kind_text(n->session_kind), date, n->programme);
	draw_text(stdscr, y++, 1, COLS - 2, line, A_BOLD);
	if (*n->deleted_at)
		draw_text(stdscr, y++, 1, COLS - 2, _("In the trash: r restores it"), screen_attr(UI_ACCENT) | A_BOLD);
	y++;
	date_format_short_time_text(n->created_at, date, sizeof date);
	y = field(y, _("Written"), date);
	if (strcmp(n->updated_at, n->created_at) != 0) {
		date_format_short_time_text(n->updated_at, date, sizeof date);
		y = field(y, _("Changed"), date);
	}
	y = field(y, _("Kind"), note_kind_label(n->kind));
	y = field(y, _("Group"), n->group_label);
	y = field(y, _("About"), n->about);
	y = field(y, _("Author"), n->author);
	y = field(y, _("Tags"), n->tags);
	mvwhline(stdscr, y++, 1, ACS_HLINE, COLS - 2);
	if (nv->highlight[0])
		nspans = note_match_spans(n->body, nv->highlight, spans, MAX_SPANS);
	nv->room = bottom - y;
	for (;;) {
		nv->rows = draw_marked(stdscr, y, 1, COLS - 2, nv->first, bottom - y, n->body, spans,
				       nspans, 0, A_REVERSE | A_BOLD);
		last = nv->rows > nv->room ? nv->rows - nv->room : 0;
		if (nv->first <= last)
			break;
		/* Wider (a resize): the text takes fewer rows, and where it
		 * was scrolled to may be past its end, its start hidden with
		 * room to spare.  Its end goes to the bottom again. */
		nv->first = last;
		for (i = y; i < bottom; i++)
			draw_blank_row(stdscr, i, 0);
	}
}

static bool ntv_act(struct view *v, enum action a)
{
	struct note_view *nv = NTV(v);

	if (page_move(&nv->first, nv->rows, nv->room, a))
		return true;
	switch (a) {
	case ACT_EDIT:
		if (nv->n.body && !*nv->n.deleted_at)
			view_push(v->app, note_taking_open(v->app, nv->n.session_id, nv->id));
		return true;
	case ACT_DELETE:
		if (nv->n.body && app_note_trash(v->app, nv->id, true) == WRITE_DONE)
			app_message(v->app, false, _("Note %lld moved to the trash"), nv->id);
		load(nv);
		return true;
	case ACT_TAG:
		if (nv->n.body && !*nv->n.deleted_at)
			factor_picker_run(v->app, nv->id);
		return true;
	case ACT_RESTORE:
		if (nv->n.body && *nv->n.deleted_at &&
		    app_note_trash(v->app, nv->id, false) == WRITE_DONE)
			app_message(v->app, false, _("Note %lld restored"), nv->id);
		load(nv);
		return true;
	default:
		return false;
	}
}

static const char *ntv_title(struct view *v)
{
	struct note_view *nv = NTV(v);

	snprintf(nv->title, sizeof nv->title, _("Note %lld"), nv->id);
	return nv->title;
}

static void ntv_close(struct view *v)
{
	note_clear(&NTV(v)->n);
	free(v);
}

/* A note in the trash can be restored; one that is not, edited and tagged. */
static bool ntv_offers(struct view *v, enum action a)
{
	bool trash = NTV(v)->n.deleted_at && *NTV(v)->n.deleted_at;

	if (a == ACT_RESTORE)
		return trash;
	if (a == ACT_EDIT || a == ACT_TAG || a == ACT_DELETE)
		return !trash;
	return true;
}

static const enum action ntv_handles[] = {
	LIST_MOVES, ACT_EDIT, ACT_DELETE, ACT_TAG, ACT_RESTORE, ACT_NONE,
};

const struct view_ops note_ops = {
	.name = "note",
	.kinds = { VIEW_NOTE },
	.handles = ntv_handles,
	.draw = ntv_draw,
	.act = ntv_act,
	.close = ntv_close,
	.title = ntv_title,
};

struct view *note_reader_open(struct tui_app *app, long long note_id, const char *highlight)
{
	struct note_view *nv = calloc(1, sizeof *nv);

	if (!nv)
		return NULL;
	nv->v.ops = &note_ops;
	nv->v.offers = ntv_offers;
	nv->v.app = app;
	nv->id = note_id;
	snprintf(nv->highlight, sizeof nv->highlight, "%s", highlight ? highlight : "");
	load(nv);
	return &nv->v;
}
