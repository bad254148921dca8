/* session_detail.c: one session in full, as the pane under the list and
 * as its own screen (Enter). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/notes.h"
#include "core/programme.h"
#include "core/text.h"
#include "tui/attendance_view.h"
#include "tui/draw.h"
#include "tui/export_dialog.h"
#include "tui/listview.h"
#include "tui/note_taking.h"
#include "tui/review_queue.h"
#include "tui/screen.h"
#include "tui/session_detail.h"
#include "tui/view.h"

#define FIELD_MAX 10

/* A label and its value (malloc'd: a remark or an address is as long as
 * the programme file made it, and the screen shows it whole). */
struct field {
	const char *label;
	char *value;
};

/* The non-empty parts joined with sep, malloc'd; NULL when out of memory
 * (drawn as nothing). */
static char *join(const char *sep, const char *const *parts, int count)
{
	size_t size = 1, len = 0;
	char *buf;
	int i;

	for (i = 0; i < count; i++)
		if (parts[i] && *parts[i])
			size += strlen(sep) + strlen(parts[i]);
	if (!(buf = malloc(size)))
		return NULL;
	buf[0] = '\0';
	for (i = 0; i < count; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? sep : "", parts[i]);
	}
	return buf;
}

/* "donderdag 9 november 2017, 13:00–16:30" */
static char *describe_when(const st_session *s)
{
	char date[128], time[64];
	const char *parts[2] = { date, time };

	session_date_text(s, true, date, sizeof date);
	session_time_text(s, "\xe2\x80\x93", time, sizeof time);
	return join(", ", parts, 2);
}

/* Adds label and the parts joined with sep to f[*n] (none when all parts
 * are empty). */
static void add_field(struct field *f, int *n, const char *label, const char *sep,
		      const char *const *parts, int count)
{
	char *value = join(sep, parts, count);

	if (value && !*value) {
		free(value);
		return;
	}
	f[*n].label = label;
	f[(*n)++].value = value;
}

static void fields_free(struct field *f, int n)
{
	while (n > 0)
		free(f[--n].value);
}

/* The session as label/value pairs, skipping what it does not have.
 * Returns how many fields were filled (free them with fields_free). */
static int describe(const st_session *s, struct field *f)
{
	const char *where[4] = { s->venue, s->street, s->postcode, s->city };
	const char *report[2] = { s->report_title, *s->report_url ? s->report_url : _("(no link yet)") };
	const char *no_venue[1] = { _("(no venue given)") }, *room[1] = { s->room },
		   *host[1] = { s->host }, *remark[1] = { s->remark };
	char *postcity;
	int n = 0;

	f[n].label = _("When");
	f[n++].value = describe_when(s);
	/* "Venue, Street, 9890 City": the postcode and the city go together. */
	postcity = join(" ", where + 2, 2);
	where[2] = postcity;
	add_field(f, &n, _("Where"), ", ", where, 3);
	if (n == 1)   /* nothing of where it is */
		add_field(f, &n, _("Where"), "", no_venue, 1);
	free(postcity);
	add_field(f, &n, _("Room"), "", room, 1);
	if (*s->report_title || *s->report_url)
		add_field(f, &n, _("Report"), " ", report, 2);
	add_field(f, &n, _("Host school"), "", host, 1);
	add_field(f, &n, _("Remark"), "", remark, 1);
	return n;
}

static int label_width(const struct field *f, int n)
{
	int i, w = 0;

	for (i = 0; i < n; i++)
		if (text_width(f[i].label) > w)
			w = text_width(f[i].label);
	return w + 2;
}

/* "COP 01 · Inspiratiesessie 1 · Inspiration session", malloc'd (or
 * NULL). */
static char *heading(const st_session *s)
{
	const char *parts[3] = { s->code, s->title, session_kind_text(s->kind) };

	/* "Inspiratiesessie 1" already says what kind it is. */
	if (text_starts_with_folded(s->title, session_kind_text(s->kind)))
		parts[2] = NULL;
	return join(" \xc2\xb7 ", parts, 3);
}

/* Draws fields from row y, one or more rows each; returns rows used. */
static int draw_fields(int y, int height, const struct field *f, int n)
{
	int lw = label_width(f, n), used = 0, i;

	for (i = 0; i < n && used < height; i++) {
		char label[128];
		snprintf(label, sizeof label, "%s:", f[i].label);
		draw_text(stdscr, y + used, 0, 1, "", 0);
		draw_text(stdscr, y + used, 1, lw, label, screen_attr(UI_ACCENT));
		used += draw_wrapped(stdscr, y + used, 1 + lw, COLS - 2 - lw, height - used,
				     f[i].value ? f[i].value : "", 0);
	}
	return used;
}

void session_pane_draw(int y, int height, const st_session *s)
{
	struct field f[FIELD_MAX];
	char *head = heading(s);
	int n = describe(s, f), used, w = text_width(head ? head : "");

	draw_blank_row(stdscr, y, screen_attr(UI_HEADER) | A_BOLD);
	draw_text(stdscr, y, 1, COLS - 2, head, screen_attr(UI_HEADER) | A_BOLD);
	mvwhline(stdscr, y, 1 + w + 1, ACS_HLINE, COLS - 3 - w > 0 ? COLS - 3 - w : 0);
	used = 1 + draw_fields(y + 1, height - 1, f, n);
	for (; used < height; used++)
		draw_blank_row(stdscr, y + used, 0);
	fields_free(f, n);
	free(head);
}

/* The session screen: its title and fields whole, scrolled when they
 * take more rows than the screen has. */
struct session_detail {
	struct view v;
	st_session s;
	int first;           /* the first row shown */
	int rows, room;      /* rows of the whole, rows of the screen */
	char title[512];
};

/* Draws the rows of text (word-wrapped in width columns at x) that are on
 * screen, the text starting at row *at of the whole; *at moves past it.
 * The label, when there is one, goes before its first row. */
static void draw_block(struct session_detail *sd, int *at, int x, int width, const char *label,
		       const char *text, attr_t attr)
{
	int top = sd->v.top + 1, skip = sd->first > *at ? sd->first - *at : 0;
	int y = top + *at + skip - sd->first, rows = wrapped_rows(text, width);

	if (skip < rows && y < top + sd->room) {
		draw_marked(stdscr, y, x, width, skip, top + sd->room - y, text, NULL, 0, attr, attr);
		if (label && !skip)
			draw_text(stdscr, y, 1, x - 1, label, screen_attr(UI_ACCENT));
	}
	*at += rows > 0 ? rows : 1;
}

static void sd_draw(struct view *v)
{
	struct session_detail *sd = (struct session_detail *)v;
	struct field f[FIELD_MAX];
	char *head, label[128];
	int n, lw, i, at = 0, y = v->top;

	for (; y < v->top + v->height; y++)
		draw_blank_row(stdscr, y, 0);
	if (!sd->s.code) {
		draw_text(stdscr, v->top + 1, 1, COLS - 2, _("This session no longer exists."), 0);
		return;
	}
	sd->room = v->height - 1;
	head = heading(&sd->s);
	draw_block(sd, &at, 1, COLS - 2, NULL, head ? head : "", A_BOLD);
	free(head);
	at++;   /* a blank row under the title */
	n = describe(&sd->s, f);
	lw = label_width(f, n);
	for (i = 0; i < n; i++) {
		snprintf(label, sizeof label, "%s:", f[i].label);
		draw_block(sd, &at, 1 + lw, COLS - 2 - lw, label, f[i].value ? f[i].value : "", 0);
	}
	fields_free(f, n);
	sd->rows = at;
	/* Smaller now (a resize): no blank screen below the end. */
	if (sd->first > 0 && sd->first > sd->rows - sd->room) {
		sd->first = sd->rows - sd->room > 0 ? sd->rows - sd->room : 0;
		sd_draw(v);
	}
}

static bool sd_act(struct view *v, enum action a)
{
	struct session_detail *sd = (struct session_detail *)v;

	if (page_move(&sd->first, sd->rows, sd->room, a))
		return true;
	if (a == ACT_ATTENDANCE && sd->s.code) {
		view_push(v->app, attendance_view_open(v->app, sd->s.id));
		return true;
	}
	if (a == ACT_EXPORT && sd->s.code) {
		export_options o = { .session_id = sd->s.id, .programme_id = sd->s.programme_id };
		export_dialog_run(v->app, EXPORT_ATTENDANCE, &o);
		return true;
	}
	if (a == ACT_QUEUE && sd->s.code) {
		note_filter f = { .session_id = sd->s.id, .polarity = NOTE_POLARITY_ANY };
		view_push(v->app, review_queue_open(v->app, &f));
		return true;
	}
	if (a == ACT_NOTES && sd->s.code) {
		view_push(v->app, note_taking_open(v->app, sd->s.id, 0));
		return true;
	}
	return false;
}

static void sd_close(struct view *v)
{
	struct session_detail *sd = (struct session_detail *)v;

	session_clear(&sd->s);
	free(sd);
}

static const char *sd_title(struct view *v)
{
	struct session_detail *sd = (struct session_detail *)v;

	snprintf(sd->title, sizeof sd->title, _("Session %s"), sd->s.code ? sd->s.code : "");
	return sd->title;
}

static const enum action sd_handles[] = {
	LIST_MOVES, ACT_ATTENDANCE, ACT_EXPORT, ACT_QUEUE, ACT_NOTES, ACT_NONE,
};

const struct view_ops session_detail_ops = {
	.name = "session_detail",
	.kinds = { VIEW_DETAIL },
	.handles = sd_handles,
	.draw = sd_draw,
	.act = sd_act,
	.close = sd_close,
	.title = sd_title,
};

struct view *session_detail_open(struct tui_app *app, long long session_id)
{
	struct session_detail *sd = calloc(1, sizeof *sd);
	st_err err;

	if (!sd)
		return NULL;
	sd->v.ops = &session_detail_ops;
	sd->v.app = app;
	if (session_get(app->db, session_id, &sd->s, &err) < 0)
		app_message(app, true, "%s", err.msg);
	return &sd->v;
}
