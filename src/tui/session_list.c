/* session_list.c: the programme browser, the first screen.
 *
 * The list keeps only the rows on screen.  Moving past either end, paging
 * and jumping read the next rows with a keyset query (programme.h), so
 * the screen is as fast with ten thousand sessions as with thirteen. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/notes.h"
#include "core/programme.h"
#include "core/text.h"
#include "tui/attendance_view.h"
#include "tui/draw.h"
#include "tui/export_dialog.h"
#include "tui/listview.h"
#include "tui/network_view.h"
#include "tui/note_taking.h"
#include "tui/picker.h"
#include "tui/review_queue.h"
#include "tui/screen.h"
#include "tui/session_detail.h"
#include "tui/session_list.h"
#include "tui/statusbar.h"
#include "tui/view.h"

#define DETAIL_ROWS 7      /* the pane under the list, with its rule */
#define MAX_PROGRAMMES 256
#define TYPEAHEAD_SECONDS 2

struct session_list {
	struct view v;
	st_programme prog;
	session_filter filter;
	struct listview lv;
	char search[256];      /* the last text searched for */
	char digits[8];        /* a code number being typed */
	time_t digits_at;
	char title[512];
};

#define SL(v) ((struct session_list *)(v))

/* Rows the list part of the screen has room for. */
static int list_height(const struct session_list *sl)
{
	int h = sl->v.height - 1 - DETAIL_ROWS;

	return h < 1 ? 1 : h;
}

/* The list's source: sessions of the programme through the filter. */
static int src_fetch(void *ctx, const void *anchor, bool backward, void *out, int n,
		     st_err *err)
{
	struct session_list *sl = ctx;

	return session_page(sl->v.app->db, &sl->filter, anchor, backward, out, n, err);
}

static void src_clear(void *row)
{
	session_clear(row);
}

static long long src_count(void *ctx)
{
	struct session_list *sl = ctx;

	return session_count(sl->v.app->db, &sl->filter, NULL);
}

static long long src_position(void *ctx, const void *row)
{
	struct session_list *sl = ctx;

	return session_position(sl->v.app->db, &sl->filter, row, NULL);
}

static const struct listview_source session_source = {
	sizeof(st_session), src_fetch, src_clear, src_count, src_position,
};

static const st_session *selected(const struct session_list *sl)
{
	return lv_selected(&sl->lv);
}

/* Opens programme p (taking it over) and shows its first page. */
static void set_programme(struct session_list *sl, st_programme *p)
{
	programme_clear(&sl->prog);
	sl->prog = *p;
	sl->filter.programme_id = p->id;
	lv_home(&sl->lv);
}

/* Moves to the next (or previous) session matching text, wrapping round.
 * Returns false when nothing matches. */
static bool find_next(struct session_list *sl, const char *text, bool backward, bool from_here)
{
	session_filter f = sl->filter;
	st_session found = { 0 };
	const st_session *anchor = selected(sl);
	st_err err;
	int n = 0;

	if (text == sl->digits)
		f.code_number = text;
	else
		f.search = text;
	if (from_here && anchor)
		n = session_page(sl->v.app->db, &f, anchor, backward, &found, 1, &err);
	/* Nothing further on: wrap round to the start (or the end). */
	if (n <= 0)
		n = session_page(sl->v.app->db, &f, NULL, backward, &found, 1, &err);
	if (n != 1)
		return false;
	lv_show(&sl->lv, &found, sl->lv.sel);
	session_clear(&found);
	return true;
}

/* Incremental search: called as each character is typed. */
static void on_search_change(void *ctx, const char *text)
{
	struct session_list *sl = ctx;

	if (!*text)
		return;
	if (!find_next(sl, text, false, false))
		app_message(sl->v.app, true, _("No session matches \"%s\""), text);
	app_redraw(sl->v.app);
}

static void search(struct session_list *sl)
{
	char text[256];
	st_session back = { 0 };
	long long back_id = selected(sl) ? selected(sl)->id : 0;

	if (statusbar_prompt(sl->v.app, _("Find: "), text, sizeof text, on_search_change, sl)) {
		snprintf(sl->search, sizeof sl->search, "%s", text);
		if (*text && !find_next(sl, text, false, false))
			app_message(sl->v.app, true, _("No session matches \"%s\""), text);
		return;
	}
	/* Esc: back to where the search started. */
	if (back_id) {
		st_err err;
		if (session_get(sl->v.app->db, back_id, &back, &err) == 1)
			lv_show(&sl->lv, &back, sl->lv.sel);
		session_clear(&back);
	}
	sl->v.app->message[0] = '\0';
}

static void search_again(struct session_list *sl, bool backward)
{
	if (!sl->search[0]) {
		app_message(sl->v.app, false, "%s", _("Nothing searched for yet: press / to find"));
		return;
	}
	if (!find_next(sl, sl->search, backward, true))
		app_message(sl->v.app, true, _("No session matches \"%s\""), sl->search);
}

static void pick_programme(struct session_list *sl)
{
	st_programme progs[MAX_PROGRAMMES];
	const char *names[MAX_PROGRAMMES];
	char labels[MAX_PROGRAMMES][160];
	int n, i, current = 0, chosen;
	st_err err;

	n = programme_list(sl->v.app->db, progs, MAX_PROGRAMMES, &err);
	if (n < 0) {
		app_message(sl->v.app, true, "%s", err.msg);
		return;
	}
	for (i = 0; i < n; i++) {
		snprintf(labels[i], sizeof labels[i], ngettext("%s (%d session)", "%s (%d sessions)",
			 (unsigned long)progs[i].sessions), progs[i].name, progs[i].sessions);
		names[i] = labels[i];
		if (progs[i].id == sl->prog.id)
			current = i;
	}
	chosen = picker_run(sl->v.app, _("Programme"), names, n, current);
	for (i = 0; i < n; i++) {
		if (i == chosen && progs[i].id != sl->prog.id)
			set_programme(sl, &progs[i]);
		else
			programme_clear(&progs[i]);
	}
}

static void pick_kind(struct session_list *sl)
{
	const char *items[SESSION_KIND_COUNT + 1];
	int i, chosen, current = sl->filter.kind ? session_kind_index(sl->filter.kind) + 1 : 0;

	items[0] = _("All kinds");
	for (i = 0; i < SESSION_KIND_COUNT; i++)
		items[i + 1] = _(session_kind_label[i]);
	chosen = picker_run(sl->v.app, _("Show sessions of kind"), items, SESSION_KIND_COUNT + 1, current);
	if (chosen < 0)
		return;
	sl->filter.kind = chosen == 0 ? NULL : session_kind_key[chosen - 1];
	lv_reload(&sl->lv);
}

static void toggle_sort(struct session_list *sl)
{
	sl->filter.sort = sl->filter.sort == SESSION_SORT_CODE ? SESSION_SORT_DATE : SESSION_SORT_CODE;
	lv_reload(&sl->lv);
	app_message(sl->v.app, false, "%s", sl->filter.sort == SESSION_SORT_DATE
		    ? _("Sorted by date") : _("Sorted by code"));
}

static bool sl_act(struct view *v, enum action a)
{
	struct session_list *sl = SL(v);

	if (lv_move(&sl->lv, a))
		return true;
	switch (a) {
	case ACT_OPEN:
		if (selected(sl))
			view_push(v->app, session_detail_open(v->app, selected(sl)->id));
		break;
	case ACT_SHOW_ALL:
		if (sl->filter.kind) {
			sl->filter.kind = NULL;
			lv_reload(&sl->lv);
			app_message(v->app, false, "%s", _("Showing all kinds of session"));
		}
		break;
	case ACT_ATTENDANCE:
		if (selected(sl))
			view_push(v->app, attendance_view_open(v->app, selected(sl)->id));
		break;
	case ACT_EXPORT:
		if (selected(sl)) {
			export_options o = { .session_id = selected(sl)->id, .programme_id = sl->prog.id };
			export_dialog_run(v->app, EXPORT_ATTENDANCE, &o);
		}
		break;
	case ACT_QUEUE:
		if (selected(sl)) {
			note_filter f = { .session_id = selected(sl)->id, .polarity = NOTE_POLARITY_ANY };
			view_push(v->app, review_queue_open(v->app, &f));
		}
		break;
	case ACT_NOTES:
		if (selected(sl))
			view_push(v->app, note_taking_open(v->app, selected(sl)->id, 0));
		break;
	case ACT_PROGRAMME: pick_programme(sl); break;
	case ACT_FILTER_KIND: pick_kind(sl); break;
	case ACT_SORT: toggle_sort(sl); break;
	case ACT_SEARCH: search(sl); break;
	case ACT_SEARCH_NEXT: search_again(sl, false); break;
	case ACT_SEARCH_PREV: search_again(sl, true); break;
	case ACT_NETWORK: view_push(v->app, network_view_open(v->app)); break;
	default: return false;
	}
	return true;
}

/* Digits jump to the session with that code number ("7" -> COP 07); a
 * second digit typed soon after extends the number ("1", "2" -> COP 12). */
static bool sl_key(struct view *v, int key)
{
	struct session_list *sl = SL(v);
	time_t now = time(NULL);
	size_t len;

	if (key < '0' || key > '9')
		return false;
	if (now - sl->digits_at > TYPEAHEAD_SECONDS)
		sl->digits[0] = '\0';
	len = strlen(sl->digits);
	if (len + 1 >= sizeof sl->digits)
		len = 0;
	sl->digits[len] = (char)key;
	sl->digits[len + 1] = '\0';
	sl->digits_at = now;
	if (find_next(sl, sl->digits, false, false))
		return true;
	/* "5" then "1" makes no code 51: start again from the "1". */
	sl->digits[0] = (char)key;
	sl->digits[1] = '\0';
	if (len == 0 || !find_next(sl, sl->digits, false, false))
		app_message(v->app, true, _("No session with number %s"), sl->digits);
	return true;
}

static void sl_mouse(struct view *v, const MEVENT *ev)
{
	if (lv_mouse(&SL(v)->lv, ev, v->top + 1))
		sl_act(v, ACT_OPEN);
}

/* Column widths for the list, from the screen width. */
struct columns { int code, kind, date, time, venue, city; };

static struct columns columns_for(int width)
{
	struct columns c = { 7, 0, 15, 11, 0, 0 };
	int rest, i, w;

	/* The kind as wide as its longest name in the language shown. */
	c.kind = text_width(_("Kind"));
	for (i = 0; i < SESSION_KIND_COUNT; i++)
		if ((w = text_width(_(session_kind_short_label[i]))) > c.kind)
			c.kind = w;
	rest = width - (c.code + c.kind + c.date + c.time + 4 * 1) - 2;

	c.city = rest * 2 / 5;
	c.venue = rest - c.city - 1;
	return c;
}

static void draw_row(int y, const struct columns *c, const char *const cell[6], attr_t attr)
{
	const int width[6] = { c->code, c->kind, c->date, c->time, c->venue, c->city };

	draw_cells(stdscr, y, width, cell, 6, attr);
}

static void draw_list(struct session_list *sl)
{
	struct columns c = columns_for(COLS);
	const char *head[6] = { _("Code"), _("Kind"), _("Date"), _("Time"), _("Venue"), _("City") };
	int y = sl->v.top, i;

	draw_row(y, &c, head, screen_attr(UI_HEADER) | A_BOLD);
	for (i = 0; i < list_height(sl); i++) {
		const st_session *s = lv_row(&sl->lv, i);
		char date[64], time[32];
		const char *cell[6];
		if (!s) {
			draw_blank_row(stdscr, y + 1 + i, 0);
			continue;
		}
		session_date_text(s, false, date, sizeof date);
		session_time_text(s, "-", time, sizeof time);
		cell[0] = s->code;
		cell[1] = session_kind_short(s->kind);
		cell[2] = date;
		cell[3] = time;
		cell[4] = *s->venue ? s->venue : s->street;
		cell[5] = s->city;
		draw_row(y + 1 + i, &c, cell, i == sl->lv.sel ? screen_attr(UI_SELECTED) : 0);
	}
	if (sl->lv.error[0])
		app_message(sl->v.app, true, "%s", sl->lv.error);
	if (sl->lv.nrows == 0)
		draw_text(stdscr, y + 2, 2, COLS - 4, sl->filter.kind
			  ? _("No sessions of this kind in this programme (Esc shows all).")
			  : _("This programme has no sessions yet."), 0);
}

static void sl_draw(struct view *v)
{
	struct session_list *sl = SL(v);
	int y = v->top + 1 + list_height(sl);

	/* The terminal may have been resized: read the rows that now fit. */
	lv_set_height(&sl->lv, list_height(sl));
	draw_list(sl);
	if (selected(sl))
		session_pane_draw(y, v->top + v->height - y, selected(sl));
	else
		for (; y < v->top + v->height; y++)
			draw_blank_row(stdscr, y, 0);
}

static const char *sl_title(struct view *v)
{
	struct session_list *sl = SL(v);
	const char *kind = sl->filter.kind ? session_kind_text(sl->filter.kind) : _("all kinds");

	snprintf(sl->title, sizeof sl->title, _("%s  ·  %lld/%lld  ·  %s  ·  by %s"),
		 sl->prog.name ? sl->prog.name : "", sl->lv.nrows ? sl->lv.position + 1 : 0,
		 sl->lv.total,
		 kind, sl->filter.sort == SESSION_SORT_DATE ? _("date") : _("code"));
	return sl->title;
}

static void sl_close(struct view *v)
{
	struct session_list *sl = SL(v);

	lv_free(&sl->lv);
	programme_clear(&sl->prog);
	free(sl);
}

/* Back from a screen above, or another program changed the sessions.
 * A database that joined a network (a sync, network_view.c) gave the
 * programme its network id (sync.h): find it again by its name. */
static void sl_resume(struct view *v)
{
	struct session_list *sl = SL(v);
	st_programme p = { 0 };
	st_err err;

	if (sl->prog.name && programme_find(v->app->db, sl->prog.name, &p, &err) == 1 &&
	    p.id != sl->prog.id) {
		set_programme(sl, &p);
		return;
	}
	programme_clear(&p);
	lv_reload(&sl->lv);
}

static const enum action sl_handles[] = {
	LIST_MOVES, ACT_OPEN, ACT_SHOW_ALL, ACT_ATTENDANCE, ACT_EXPORT, ACT_QUEUE, ACT_NOTES, ACT_PROGRAMME, ACT_FILTER_KIND, ACT_SORT, ACT_SEARCH, ACT_SEARCH_NEXT, ACT_SEARCH_PREV, ACT_NETWORK, ACT_NONE,
};

const struct view_ops session_list_ops = {
	.name = "session_list",
	.kinds = { VIEW_SESSIONS },
	.handles = sl_handles,
	.draw = sl_draw,
	.act = sl_act,
	.key = sl_key,
	.mouse = sl_mouse,
	.close = sl_close,
	.title = sl_title,
	.resume = sl_resume,
};

struct view *session_list_open(struct tui_app *app, const char *programme)
{
	struct session_list *sl = calloc(1, sizeof *sl);
	st_programme p = { 0 };
	st_err err;
	int rc;

	if (!sl)
		return NULL;
	sl->v.ops = &session_list_ops;
	sl->v.app = app;
	sl->v.top = 1;
	sl->v.height = LINES - 2;
	lv_init(&sl->lv, &session_source, sl);
	sl->lv.height = list_height(sl);
	rc = programme ? programme_find(app->db, programme, &p, &err) : programme_latest(app->db, &p, &err);
	if (rc < 0)
		app_message(app, true, "%s", err.msg);
	else if (rc == 0 && programme)
		app_message(app, true, _("No programme called \"%s\"; showing the newest"), programme);
	if (rc == 0 && programme)
		rc = programme_latest(app->db, &p, &err);
	if (rc == 1)
		set_programme(sl, &p);
	else if (rc == 0)
		app_message(app, false, "%s", _("No programme yet: import one with 'stemtui import programme FILE'"));
	return &sl->v;
}
