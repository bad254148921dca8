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
#include "core/programme.h"
#include "core/text.h"
#include "tui/draw.h"
#include "tui/picker.h"
#include "tui/screen.h"
#include "tui/view.h"

#define DETAIL_ROWS 7      /* the pane under the list, with its rule */
#define MAX_PROGRAMMES 256
#define TYPEAHEAD_SECONDS 2

struct session_list {
	struct view v;
	st_programme prog;
	session_filter filter;
	st_session *rows;      /* the rows on screen, in display order */
	int nrows, cap, sel;
	int loaded_height;     /* list_height() when the rows were read */
	long long total, position;
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

static void rows_clear(struct session_list *sl, int from)
{
	int i;

	for (i = from; i < sl->nrows; i++)
		session_clear(&sl->rows[i]);
	if (from < sl->nrows)
		sl->nrows = from;
}

static bool rows_reserve(struct session_list *sl, int n)
{
	st_session *r;

	if (n <= sl->cap)
		return true;
	r = realloc(sl->rows, (size_t)n * sizeof *r);
	if (!r)
		return false;
	sl->rows = r;
	sl->cap = n;
	return true;
}

/* Reads up to n rows next to anchor into a fresh array; returns how many
 * (0 on error, with the error shown). */
static int fetch(struct session_list *sl, const st_session *anchor, bool backward,
		 int n, st_session **out)
{
	st_err err;
	int got;

	*out = calloc((size_t)(n > 0 ? n : 1), sizeof **out);
	if (!*out)
		return 0;
	got = session_page(sl->v.app->db, &sl->filter, anchor, backward, *out, n, &err);
	if (got < 0) {
		app_message(sl->v.app, true, "%s", err.msg);
		got = 0;
	}
	return got;
}

/* Refreshes the count and the selected row's position, for the title. */
static void update_position(struct session_list *sl)
{
	st_err err;

	sl->total = session_count(sl->v.app->db, &sl->filter, &err);
	sl->position = sl->nrows ? session_position(sl->v.app->db, &sl->filter,
						     &sl->rows[sl->sel], &err) : 0;
}

/* Fills the window so that `keep` (a copy; may be NULL for the first
 * page) shows at row `at` when there are rows enough around it. */
static void load_around(struct session_list *sl, const st_session *keep, int at)
{
	int h = list_height(sl), nb = 0, na = 0, i;
	st_session *before = NULL, *after = NULL;

	if (at > h - 1)
		at = h - 1;
	if (keep)
		nb = fetch(sl, keep, true, at < 0 ? 0 : at, &before);
	na = fetch(sl, keep, false, h - nb - (keep ? 1 : 0), &after);
	/* Near the end: fill the screen with rows from above instead. */
	if (keep && nb + 1 + na < h) {
		for (i = 0; i < nb; i++)
			session_clear(&before[i]);
		free(before);
		nb = fetch(sl, keep, true, h - 1 - na, &before);
	}
	rows_clear(sl, 0);
	if (rows_reserve(sl, h)) {
		if (nb > 0)
			memcpy(sl->rows, before, (size_t)nb * sizeof *before);
		sl->nrows = nb;
		if (keep) {
			/* Re-read the kept row so that it shows current data. */
			st_err err;
			st_session fresh = { 0 };
			if (session_get(sl->v.app->db, keep->id, &fresh, &err) == 1)
				sl->rows[sl->nrows++] = fresh;
		}
		if (na > 0)
			memcpy(sl->rows + sl->nrows, after, (size_t)na * sizeof *after);
		sl->nrows += na;
		sl->sel = keep ? nb : 0;
	}
	free(before);
	free(after);
	if (sl->sel >= sl->nrows)
		sl->sel = sl->nrows ? sl->nrows - 1 : 0;
	sl->loaded_height = h;
	update_position(sl);
}

/* True when s is one of the rows the filter selects. */
static bool in_filter(const struct session_list *sl, const st_session *s)
{
	return s->programme_id == sl->filter.programme_id &&
	       (!sl->filter.kind || strcmp(s->kind, sl->filter.kind) == 0);
}

/* Reloads keeping the selected row where it is, if it still shows. */
static void reload(struct session_list *sl)
{
	st_session keep = { 0 };
	int at = sl->sel;

	if (sl->nrows == 0 || !in_filter(sl, &sl->rows[sl->sel])) {
		load_around(sl, NULL, 0);
		return;
	}
	keep = sl->rows[sl->sel];
	sl->rows[sl->sel] = (st_session){ 0 };
	load_around(sl, &keep, at);
	session_clear(&keep);
}

/* Reads up to n rows past the end (down) or before the start of the
 * window, keeping at most one screen: the rows that fall off the other end
 * are dropped.  The selection stays on the same session.  Returns how many
 * places the window moved. */
static int scroll_by(struct session_list *sl, bool down, int n)
{
	int h = list_height(sl), got, drop, i;
	st_session *more;

	if (sl->nrows == 0)
		return 0;
	got = fetch(sl, &sl->rows[down ? sl->nrows - 1 : 0], !down, n, &more);
	drop = sl->nrows + got - h;
	if (drop < 0)
		drop = 0;
	if (got == 0 || !rows_reserve(sl, sl->nrows + got)) {
		for (i = 0; i < got; i++)
			session_clear(&more[i]);
		free(more);
		return 0;
	}
	if (down) {
		for (i = 0; i < drop; i++)
			session_clear(&sl->rows[i]);
		memmove(sl->rows, sl->rows + drop, (size_t)(sl->nrows - drop) * sizeof *sl->rows);
		memcpy(sl->rows + sl->nrows - drop, more, (size_t)got * sizeof *more);
		sl->sel -= drop;
	} else {
		for (i = sl->nrows - drop; i < sl->nrows; i++)
			session_clear(&sl->rows[i]);
		memmove(sl->rows + got, sl->rows, (size_t)(sl->nrows - drop) * sizeof *sl->rows);
		memcpy(sl->rows, more, (size_t)got * sizeof *more);
		sl->sel += got;
	}
	sl->nrows += got - drop;
	free(more);
	return down ? drop : got;
}

static void clamp_selection(struct session_list *sl)
{
	if (sl->sel >= sl->nrows)
		sl->sel = sl->nrows - 1;
	if (sl->sel < 0)
		sl->sel = 0;
}

/* One row up or down, scrolling at the edges. */
static void move_line(struct session_list *sl, bool down)
{
	if (down && sl->sel + 1 >= sl->nrows)
		scroll_by(sl, true, 1);
	else if (!down && sl->sel == 0)
		scroll_by(sl, false, 1);
	sl->sel += down ? 1 : -1;
	clamp_selection(sl);
	update_position(sl);
}

/* A page up or down: the window moves a screen and the selection keeps
 * its place on screen, as in less and tig; at the ends it goes as far as
 * there are sessions. */
static void move_page(struct session_list *sl, bool down)
{
	int h = list_height(sl), at = sl->sel, moved = scroll_by(sl, down, h);

	sl->sel = down ? at + (h - moved) : at - (h - moved);
	clamp_selection(sl);
	update_position(sl);
}

/* Moves n lines (the mouse wheel). */
static void move_lines(struct session_list *sl, int n)
{
	for (; n > 0; n--)
		move_line(sl, true);
	for (; n < 0; n++)
		move_line(sl, false);
}

static void go_end(struct session_list *sl, bool last)
{
	st_session *page;
	int n = fetch(sl, NULL, last, list_height(sl), &page);

	rows_clear(sl, 0);
	if (n > 0 && rows_reserve(sl, n)) {
		memcpy(sl->rows, page, (size_t)n * sizeof *page);
		sl->nrows = n;
	}
	free(page);
	sl->loaded_height = list_height(sl);
	sl->sel = last && n > 0 ? n - 1 : 0;
	update_position(sl);
}

/* Opens programme p (taking it over) and shows its first page. */
static void set_programme(struct session_list *sl, st_programme *p)
{
	programme_clear(&sl->prog);
	sl->prog = *p;
	sl->filter.programme_id = p->id;
	go_end(sl, false);
}

/* Moves to the next (or previous) session matching text, wrapping round.
 * Returns false when nothing matches. */
static bool find_next(struct session_list *sl, const char *text, bool backward, bool from_here)
{
	session_filter f = sl->filter;
	st_session found = { 0 };
	const st_session *anchor = sl->nrows ? &sl->rows[sl->sel] : NULL;
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
	load_around(sl, &found, sl->sel);
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
	long long back_id = sl->nrows ? sl->rows[sl->sel].id : 0;

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
			load_around(sl, &back, sl->sel);
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
	reload(sl);
	if (sl->nrows == 0)
		go_end(sl, false);
}

static void toggle_sort(struct session_list *sl)
{
	sl->filter.sort = sl->filter.sort == SESSION_SORT_CODE ? SESSION_SORT_DATE : SESSION_SORT_CODE;
	reload(sl);
	app_message(sl->v.app, false, "%s", sl->filter.sort == SESSION_SORT_DATE
		    ? _("Sorted by date") : _("Sorted by code"));
}

static bool sl_act(struct view *v, enum action a)
{
	struct session_list *sl = SL(v);

	switch (a) {
	case ACT_UP: move_line(sl, false); break;
	case ACT_DOWN: move_line(sl, true); break;
	case ACT_PAGE_UP: move_page(sl, false); break;
	case ACT_PAGE_DOWN: move_page(sl, true); break;
	case ACT_FIRST: go_end(sl, false); break;
	case ACT_LAST: go_end(sl, true); break;
	case ACT_OPEN:
		if (sl->nrows)
			view_push(v->app, session_detail_open(v->app, sl->rows[sl->sel].id));
		break;
	case ACT_SHOW_ALL:
		if (sl->filter.kind) {
			sl->filter.kind = NULL;
			reload(sl);
			app_message(v->app, false, "%s", _("Showing all kinds of session"));
		}
		break;
	case ACT_PROGRAMME: pick_programme(sl); break;
	case ACT_FILTER_KIND: pick_kind(sl); break;
	case ACT_SORT: toggle_sort(sl); break;
	case ACT_SEARCH: search(sl); break;
	case ACT_SEARCH_NEXT: search_again(sl, false); break;
	case ACT_SEARCH_PREV: search_again(sl, true); break;
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
	struct session_list *sl = SL(v);
	int row = ev->y - (v->top + 1);

	if (ev->bstate & BUTTON4_PRESSED) {
		move_lines(sl, -3);
		return;
	}
	if (ev->bstate & BUTTON5_PRESSED) {
		move_lines(sl, 3);
		return;
	}
	if (row < 0 || row >= sl->nrows || row >= list_height(sl))
		return;
	if (!(ev->bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_DOUBLE_CLICKED)))
		return;
	/* A click on the row already selected opens it, as a double click would. */
	if (row == sl->sel || (ev->bstate & BUTTON1_DOUBLE_CLICKED)) {
		sl->sel = row;
		sl_act(v, ACT_OPEN);
		return;
	}
	sl->sel = row;
	update_position(sl);
}

/* Column widths for the list, from the screen width. */
struct columns { int code, kind, date, time, venue, city; };

static struct columns columns_for(int width)
{
	struct columns c = { 7, 12, 15, 11, 0, 0 };
	int rest = width - (c.code + c.kind + c.date + c.time + 4 * 1) - 2;

	c.city = rest * 2 / 5;
	c.venue = rest - c.city - 1;
	return c;
}

static void draw_row(int y, const struct columns *c, const char *const cell[6], attr_t attr)
{
	int x = 1;

	draw_text(stdscr, y, 0, COLS, "", attr);
	draw_text(stdscr, y, x, c->code, cell[0], attr);
	x += c->code + 1;
	draw_text(stdscr, y, x, c->kind, cell[1], attr);
	x += c->kind + 1;
	draw_text(stdscr, y, x, c->date, cell[2], attr);
	x += c->date + 1;
	draw_text(stdscr, y, x, c->time, cell[3], attr);
	x += c->time + 1;
	draw_text(stdscr, y, x, c->venue, cell[4], attr);
	x += c->venue + 1;
	draw_text(stdscr, y, x, c->city, cell[5], attr);
}

static void draw_list(struct session_list *sl)
{
	struct columns c = columns_for(COLS);
	const char *head[6] = { _("Code"), _("Kind"), _("Date"), _("Time"), _("Venue"), _("City") };
	int y = sl->v.top, i;

	draw_row(y, &c, head, screen_attr(UI_HEADER) | A_BOLD);
	for (i = 0; i < list_height(sl); i++) {
		const st_session *s = &sl->rows[i];
		char date[64], time[32];
		const char *cell[6];
		if (i >= sl->nrows) {
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
		draw_row(y + 1 + i, &c, cell, i == sl->sel ? screen_attr(UI_SELECTED) : 0);
	}
	if (sl->nrows == 0)
		draw_text(stdscr, y + 2, 2, COLS - 4, sl->filter.kind
			  ? _("No sessions of this kind in this programme (Esc shows all).")
			  : _("This programme has no sessions yet."), 0);
}

static void sl_draw(struct view *v)
{
	struct session_list *sl = SL(v);
	int y = v->top + 1 + list_height(sl);

	/* The terminal was resized: read the rows that now fit. */
	if (sl->loaded_height != list_height(sl))
		reload(sl);

	draw_list(sl);
	if (sl->nrows)
		session_pane_draw(y, v->top + v->height - y, &sl->rows[sl->sel]);
	else
		for (; y < v->top + v->height; y++)
			draw_blank_row(stdscr, y, 0);
}

static const char *sl_title(struct view *v)
{
	struct session_list *sl = SL(v);
	const char *kind = sl->filter.kind ? session_kind_text(sl->filter.kind) : _("all kinds");

	snprintf(sl->title, sizeof sl->title, _("%s  ·  %lld/%lld  ·  %s  ·  by %s"),
		 sl->prog.name ? sl->prog.name : "", sl->nrows ? sl->position + 1 : 0, sl->total,
		 kind, sl->filter.sort == SESSION_SORT_DATE ? _("date") : _("code"));
	return sl->title;
}

static void sl_close(struct view *v)
{
	struct session_list *sl = SL(v);

	rows_clear(sl, 0);
	free(sl->rows);
	programme_clear(&sl->prog);
	free(sl);
}

static const struct view_ops session_list_ops = {
	VIEW_SESSIONS, sl_draw, sl_act, sl_key, sl_mouse, sl_close, sl_title,
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
