/* attendance_view.c: checking people in at the door of a session.
 *
 * Typing narrows the list at once (the names that start with what is
 * typed first, registered people before anyone else, those already
 * present last: attendance_page); Enter marks the selected person present
 * and clears the name for the next one.  Every change is committed as it
 * is made, so a crash or a killed laptop loses nothing; F8 undoes the
 * last one, Shift-F8 redoes it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/attendance.h"
#include "core/i18n.h"
#include "core/programme.h"
#include "core/roles.h"
#include "core/text.h"
#include "tui/actions.h"
#include "tui/attendance_view.h"
#include "tui/draw.h"
#include "tui/lineedit.h"
#include "tui/listview.h"
#include "tui/person_form.h"
#include "tui/person_view.h"
#include "tui/screen.h"
#include "tui/view.h"
#include "tui/writes.h"

#define TOTAL_ROWS_MAX 2   /* lines the totals may take */
#define COUNT_ROLE_ROWS 2  /* lines for the figures per role */
#define COUNT_LINE_MAX 1024
#define COUNT_ITEM_MAX 256
/* The totals, the figures per role, the name line, column headers. */
#define HEAD_ROWS(av) ((av)->total_rows + COUNT_ROLE_ROWS + 2)

struct attendance_view {
	struct view v;
	st_session session;
	struct lineedit name;
	struct listview lv;
	att_counts counts;
	int total_rows;            /* lines the totals took when last drawn */
	bool just_marked;          /* the name was cleared by a mark and nothing
				      chosen since: see mark() */
	char said[MESSAGE_MAX];    /* what the status line said of that mark */
	bool said_error;
	char title[512];
};

#define AV(v) ((struct attendance_view *)(v))

static int src_fetch(void *ctx, const void *anchor, bool backward, void *out, int n,
		     st_err *err)
{
	struct attendance_view *av = ctx;

	return attendance_page(av->v.app->db, av->session.id, av->name.len ? av->name.utf8 : NULL,
			       anchor, backward, out, n, err);
}

static void src_clear(void *row)
{
	attendee_clear(row);
}

static const struct listview_source attendee_source = {
	sizeof(st_attendee), src_fetch, src_clear, NULL, NULL,
};

static int list_height(const struct attendance_view *av)
{
	int h = av->v.height - HEAD_ROWS(av);

	return h < 1 ? 1 : h;
}

static void refresh_counts(struct attendance_view *av)
{
	st_err err;

	if (attendance_counts(av->v.app->db, av->session.id, &av->counts, &err) != 0)
		app_message(av->v.app, true, "%s", err.msg);
	attendance_counts_order(&av->counts, &av->v.app->roles);
}

/* One role's figure, "Teacher 5/20" ("Teacher 5/20+1" with a walk-in),
 * its label cut to max_label columns (with "…") when longer. */
static void role_item(const char *label, const struct att_role_count *r, int max_label,
		      char *buf, size_t n)
{
	char *cut = text_width(label) > max_label ? text_fit(label, max_label, true) : NULL;
	int len = snprintf(buf, n, "%s %d/%d", cut ? cut : label, r->present, r->registered);

	if (r->walk_ins && len > 0 && (size_t)len < n)
		snprintf(buf + len, n - (size_t)len, "+%d", r->walk_ins);
	free(cut);
}

/* Lays n items out in `rows` lines of `width` columns, one " · " between
 * two on a line and never one cut in two.  Returns the lines used, or -1
 * when they do not fit. */
static int flow_items(char (*items)[COUNT_ITEM_MAX], int n, int width, int rows,
		      char lines[][COUNT_LINE_MAX])
{
	int i, row = 0, used;

	for (i = 0; i < rows; i++)
		lines[i][0] = '\0';
	for (i = 0; i < n; i++) {
		used = text_width(lines[row]);
		if (used && used + 3 + text_width(items[i]) > width)
			row++;
		if (row == rows || text_width(items[i]) > width)
			return -1;
		used = (int)strlen(lines[row]);
		snprintf(lines[row] + used, COUNT_LINE_MAX - (size_t)used, "%s%s",
			 used ? " \xc2\xb7 " : "", items[i]);
	}
	return n ? row + 1 : 0;
}

/* The role figures with labels of at most max_label columns, flowed. */
static int flow_roles(const struct attendance_view *av, int max_label, int width, int rows,
		      char lines[][COUNT_LINE_MAX])
{
	const att_counts *c = &av->counts;
	char items[ATT_MAX_ROLES][COUNT_ITEM_MAX];
	int i;

	for (i = 0; i < c->nroles; i++)
		role_item(roles_label(&av->v.app->roles, c->by_role[i].role), &c->by_role[i],
			  max_label, items[i], sizeof items[i]);
	return flow_items(items, c->nroles, width, rows, lines);
}

/* The totals: "Present 12 of 40 registered", then the walk-ins, absent
 * and excused that are not zero.  Returns how many items. */
static int total_items(const att_counts *c, char (*items)[COUNT_ITEM_MAX])
{
	int n = 0;

	snprintf(items[n++], COUNT_ITEM_MAX, _("Present %d of %d registered"), c->present,
		 c->registered);
	if (c->walk_ins)
		snprintf(items[n++], COUNT_ITEM_MAX,
			 ngettext("%d walk-in", "%d walk-ins", (unsigned long)c->walk_ins),
			 c->walk_ins);
	if (c->absent)
		snprintf(items[n++], COUNT_ITEM_MAX, _("%d absent"), c->absent);
	if (c->excused)
		snprintf(items[n++], COUNT_ITEM_MAX, _("%d excused"), c->excused);
	return n;
}

/* The totals flowed into lines: one, or two when the language needs
 * them.  Returns how many. */
static int total_lines(const struct attendance_view *av, int width,
		       char lines[][COUNT_LINE_MAX])
{
	char totals[4][COUNT_ITEM_MAX];
	int n = total_items(&av->counts, totals), used;

	used = flow_items(totals, n, width, 1, lines);
	if (used < 0)
		used = flow_items(totals, n, width, TOTAL_ROWS_MAX, lines);
	/* Only narrower than the 80 columns stemtui needs: cut. */
	return used < 0 ? TOTAL_ROWS_MAX : used;
}

/* The header: the totals (total_lines), then present-of-registered for
 * each role that has someone registered or a walk-in, in the roles'
 * order, on the two lines below.  When the full labels do not fit, labels
 * are shortened until they do, so the figures always show. */
static void draw_counts(struct attendance_view *av, int y,
			char totals[][COUNT_LINE_MAX])
{
	char lines[COUNT_ROLE_ROWS][COUNT_LINE_MAX];
	int width = COLS - 2, max_label = width, i;

	while (flow_roles(av, max_label, width, COUNT_ROLE_ROWS, lines) < 0 && max_label > 3)
		max_label--;
	for (i = 0; i < av->total_rows + COUNT_ROLE_ROWS; i++) {
		draw_blank_row(stdscr, y + i, 0);
		draw_text(stdscr, y + i, 1, width,
			  i < av->total_rows ? totals[i] : lines[i - av->total_rows], A_BOLD);
	}
}

/* The columns: name, role, organisation, status (with the time of
 * arrival: "Present 12:58"). */
enum { C_NAME, C_ROLE, C_ORG, C_STATUS, C_COUNT };

/* The status cell: what was decided at the door, with the time. */
static void status_cell(const st_attendee *a, char *buf, size_t n)
{
	if (a->registered && a->status == ATT_PRESENT && a->arrived_at && *a->arrived_at)
		snprintf(buf, n, "%s %s", attendee_status_label(a), a->arrived_at);
	else
		snprintf(buf, n, "%s", a->registered ? attendee_status_label(a)
						     : att_status_label(ATT_NONE));
}

/* The status column is as wide as the widest status in the language
 * shown, so that none is ever cut ("Verontschuldigd", "Niet
 * ingeschreven"). */
static int status_width(void)
{
	char present[64];
	int w = 0, s;

	for (s = ATT_NONE; s == ATT_NONE || *att_status_key(s); s++)
		widen_to(&w, att_status_label(s));
	snprintf(present, sizeof present, "%s 00:00", att_status_label(ATT_PRESENT));
	widen_to(&w, present);
	snprintf(present, sizeof present, "%s 00:00", _("Walk-in"));
	widen_to(&w, present);
	return w;
}

/* Widths from what the rows shown hold: the status whole, then the name,
 * the role up to ROLE_MAX (at the door the school tells two people of
 * the same name apart better); the organisation gets the rest. */
#define ROLE_MAX 16
static void columns_for(struct attendance_view *av, const char *const head[C_COUNT],
			int width[C_COUNT])
{
	static const int prio[C_COUNT] = { C_STATUS, C_NAME, C_ROLE, C_ORG };
	int want[C_COUNT] = { 0 }, min[C_COUNT] = { 12, 8, 10, 0 }, i;
	char name[256];

	for (i = 0; i < list_height(av); i++) {
		const st_attendee *a = lv_row(&av->lv, i);
		if (!a)
			continue;
		snprintf(name, sizeof name, "%s %s", a->person.first_name, a->person.last_name);
		widen_to(&want[C_NAME], name);
		widen_to(&want[C_ROLE], roles_label(&av->v.app->roles, a->person.role));
		widen_to(&want[C_ORG], a->person.organisation);
	}
	if (want[C_ROLE] > ROLE_MAX)
		want[C_ROLE] = ROLE_MAX;
	want[C_STATUS] = min[C_STATUS] = status_width();
	fit_columns(head, want, min, C_COUNT, prio, C_ORG, COLS - 2, width);
}

static void draw_row(struct attendance_view *av, const int width[C_COUNT], int y, int i)
{
	const st_attendee *a = lv_row(&av->lv, i);
	char name[256], status[128];
	const char *cell[C_COUNT];
	attr_t attr = i == av->lv.sel ? screen_attr(UI_SELECTED) : 0;
	int to_be;

	if (!a) {
		draw_blank_row(stdscr, y, 0);
		return;
	}
	snprintf(name, sizeof name, "%s %s", a->person.first_name, a->person.last_name);
	status_cell(a, status, sizeof status);
	/* A check-in kept for the database shows as it will be, with "…"
	 * (the status line says it waits). */
	to_be = app_checkin_to_be(av->v.app, av->session.id, a->person.id);
	if (to_be >= 0)
		snprintf(status, sizeof status, "%s \xe2\x80\xa6", att_status_label(to_be));
	cell[C_NAME] = name;
	cell[C_ROLE] = roles_label(&av->v.app->roles, a->person.role);
	cell[C_ORG] = a->person.organisation;
	cell[C_STATUS] = status;
	if (!a->registered && i != av->lv.sel)
		attr |= A_DIM;
	draw_cells(stdscr, y, width, cell, C_COUNT, attr);
}

static void av_draw(struct view *v)
{
	struct attendance_view *av = AV(v);
	const char *head[C_COUNT] = { _("Name"), _("Role"), _("Organisation"), _("Status") };
	char totals[TOTAL_ROWS_MAX][COUNT_LINE_MAX];
	int y = v->top, i, used, width[C_COUNT];

	av->total_rows = total_lines(av, COLS - 2, totals);
	lv_set_height(&av->lv, list_height(av));
	columns_for(av, head, width);
	draw_counts(av, y, totals);
	draw_blank_row(stdscr, y + HEAD_ROWS(av) - 2, 0);
	used = draw_text_clip(stdscr, y + HEAD_ROWS(av) - 2, 1, COLS - 2, _("Name: "),
			      screen_attr(UI_ACCENT) | A_BOLD);
	draw_cells(stdscr, y + HEAD_ROWS(av) - 1, width, head, C_COUNT, screen_attr(UI_HEADER) | A_BOLD);
	for (i = 0; i < list_height(av); i++)
		draw_row(av, width, y + HEAD_ROWS(av) + i, i);
	if (av->lv.nrows == 0)
		draw_text(stdscr, y + HEAD_ROWS(av) + 1, 2, COLS - 4, av->name.len
			  ? _("Nobody by that name: Ctrl-N adds a new person.")
			  : _("Nobody registered yet: type a name, or Ctrl-N for a new person."), 0);
	if (av->lv.error[0])
		app_message(v->app, true, "%s", av->lv.error);
	/* The name line has the cursor: it is where typing goes. */
	le_draw(&av->name, stdscr, y + HEAD_ROWS(av) - 2, 1 + used, COLS - 2 - used, A_BOLD,
		true);
	curs_set(1);
}

/* Says what marking a person did, to whom: at a busy door the same badge
 * may be scanned twice, so checking in someone present says since when
 * (the arrival time is kept); someone checked in who was not registered
 * is added, as a walk-in. */
static void say_marked(struct attendance_view *av, const st_attendee *before,
		       enum att_status status)
{
	char name[256];

	snprintf(name, sizeof name, "%s %s", before->person.first_name, before->person.last_name);
	if (status == ATT_PRESENT && before->status == ATT_PRESENT && *before->arrived_at)
		app_message(av->v.app, false, _("%s was already present, since %s"), name,
			    before->arrived_at);
	else if (status == ATT_PRESENT && !before->registered)
		app_message(av->v.app, false, _("Added and checked in: %s (walk-in)"), name);
	else
		app_message(av->v.app, false, _("%s: %s"), name, att_status_label(status));
}

/* The check-in as a write: person (an id, or a reference to a newcomer
 * kept for the database) gets status, arriving now. */
static void checkin_write(const struct attendance_view *av, long long person, const char *name,
			  enum att_status status, pending_write *w)
{
	char now[8], what[512];
	time_t t = time(NULL);

	memset(w, 0, sizeof *w);
	w->kind = PW_CHECKIN;
	w->n[0] = av->session.id;
	pending_write_id(w, 1, person);
	w->n[2] = status;
	/* The time of arrival is when the key was pressed, also when the
	 * database takes it later. */
	strftime(now, sizeof now, "%H:%M", localtime(&t));
	pending_write_text(w, 0, status == ATT_PRESENT ? now : "");
	snprintf(what, sizeof what, _("%s: %s"), name, att_status_label(status));
	w->what = strdup(what);
}

/* Marks a person; the next person's name is typed afresh, whatever was
 * marked.  While another program writes to the database the check-in is
 * kept and the list shows it as it will be. */
static void set_status(struct attendance_view *av, long long person, enum att_status status)
{
	st_attendee before = { .status = ATT_NONE };
	pending_write w;
	char name[256];
	st_err err;
	int found = person > 0 ? attendance_get(av->v.app->db, av->session.id, person, &before, &err)
			       : 1;

	snprintf(name, sizeof name, "%s %s", person > 0 ? before.person.first_name : _("the new person"),
		 person > 0 ? before.person.last_name : "");
	text_trim(name);
	if (found == 1) {
		checkin_write(av, person, name, status, &w);
		if (app_write(av->v.app, &w, NULL) == WRITE_DONE)
			say_marked(av, &before, status);
	} else {
		app_message(av->v.app, true, "%s", found == 0 ? _("This person no longer exists.")
							       : err.msg);
	}
	attendee_clear(&before);
	if (!lv_filter_clear(&av->lv, &av->name))
		lv_reload(&av->lv);
	av->just_marked = true;
	snprintf(av->said, sizeof av->said, "%s", av->v.app->message);
	av->said_error = av->v.app->message_is_error;
	refresh_counts(av);
}

/* Right after a mark, with nothing typed or chosen since, the selection
 * is only the top of the list: an Enter then is the second half of a
 * scanner's CR LF, or a key pressed twice, and must not mark whoever
 * sorts first.  It is ignored, and the status line keeps saying whom
 * the last one marked. */
static void mark(struct attendance_view *av, enum att_status status)
{
	st_attendee *a = lv_selected(&av->lv);

	if (av->just_marked && !av->name.len) {
		app_message(av->v.app, av->said_error, "%s", av->said);
		return;
	}

	/* With a name typed that nobody has, say what helps: a newcomer. */
	if (!a)
		app_message(av->v.app, true, "%s", av->name.len
			    ? _("Nobody by that name: Ctrl-N adds a new person.")
			    : _("Nobody selected: type part of a name first"));
	else
		set_status(av, a->person.id, status);
}

/* Says whose change an undo (or redo) took back, what they are now, and
 * the key that takes it back (with a badge scanner writing too, it may
 * not be one made on this screen); person 0: there was none. */
static void say_replayed(struct attendance_view *av, bool redo, long long person)
{
	st_attendee a = { .status = ATT_NONE };
	st_err err;
	char key[32];

	action_key_name(action_row(redo ? ACT_UNDO : ACT_REDO, VIEW_ATTENDANCE)->keys[0], key, sizeof key);
	if (!person)
		app_message(av->v.app, false, "%s", redo ? _("Nothing to redo") : _("Nothing to undo"));
	else if (attendance_get(av->v.app->db, av->session.id, person, &a, &err) < 0)
		app_message(av->v.app, true, "%s", err.msg);
	else if (redo)
		app_message(av->v.app, false, _("Redone: %s %s, %s again (%s: undo)"),
			    a.person.first_name, a.person.last_name, attendee_status_label(&a), key);
	else
		app_message(av->v.app, false, _("Undone: %s %s, back to %s (%s: redo)"),
			    a.person.first_name, a.person.last_name, attendee_status_label(&a), key);
	attendee_clear(&a);
}

/* Undoes (or redoes) the last change; kept for the database, in order
 * after the check-ins kept, while another program writes to it. */
static void replay(struct attendance_view *av, bool redo)
{
	pending_write w = { .kind = redo ? PW_REDO : PW_UNDO, .n = { av->session.id } };
	long long person = 0;

	w.what = strdup(redo ? _("redo the last change undone") : _("undo the last change"));
	if (app_write(av->v.app, &w, &person) == WRITE_DONE)
		say_replayed(av, redo, person);
	lv_reload(&av->lv);
	refresh_counts(av);
}

/* Ctrl-N: a newcomer, with the name typed so far as a start; checked in
 * as present once saved (or once the database takes both, in order). */
static void add_newcomer(struct attendance_view *av)
{
	long long id = person_form_run(av->v.app, 0, av->name.utf8);

	if (id != 0)
		set_status(av, id, ATT_PRESENT);
}

static bool av_act(struct view *v, enum action a)
{
	struct attendance_view *av = AV(v);
	st_attendee *sel;

	if (lv_move(&av->lv, a)) {
		av->just_marked = false;
		return true;
	}
	switch (a) {
	case ACT_PRESENT: mark(av, ATT_PRESENT); break;
	case ACT_ABSENT: mark(av, ATT_ABSENT); break;
	case ACT_EXCUSED: mark(av, ATT_EXCUSED); break;
	case ACT_UNDO: replay(av, false); break;
	case ACT_REDO: replay(av, true); break;
	case ACT_NEW: add_newcomer(av); break;
	case ACT_PERSON:
		sel = lv_selected(&av->lv);
		if (sel)
			view_push(v->app, person_view_open(v->app, sel->person.id));
		break;
	case ACT_BACK:
		if (!lv_filter_clear(&av->lv, &av->name))
			view_pop(v->app);
		break;
	default:
		return false;
	}
	return true;
}

/* Characters go to the name: the list narrows as it is typed. */
static bool av_key(struct view *v, int key)
{
	struct attendance_view *av = AV(v);

	if (!lv_filter_type(&av->lv, &av->name, key))
		return false;
	av->just_marked = false;
	return true;
}

/* A click on the selected row opens the person, as in every list (the
 * help says so); checking in stays a key, never a stray click. */
static void av_mouse(struct view *v, const MEVENT *ev)
{
	AV(v)->just_marked = false;
	if (lv_mouse(&AV(v)->lv, ev, v->top + HEAD_ROWS(AV(v))))
		av_act(v, ACT_PERSON);
}

static const char *av_title(struct view *v)
{
	struct attendance_view *av = AV(v);
	char date[64];

	session_date_text(&av->session, false, date, sizeof date);
	snprintf(av->title, sizeof av->title, _("Attendance  ·  %s  ·  %s  ·  %s"),
		 av->session.code ? av->session.code : "", av->session.title ? av->session.title : "",
		 date);
	return av->title;
}

static void av_close(struct view *v)
{
	struct attendance_view *av = AV(v);

	curs_set(0);
	lv_free(&av->lv);
	session_clear(&av->session);
	free(av);
}

/* Back from a screen above, or another program checked someone in. */
static void av_resume(struct view *v)
{
	struct attendance_view *av = AV(v);

	lv_reload(&av->lv);
	refresh_counts(av);
}

static const enum action av_handles[] = {
	LIST_MOVES, ACT_PRESENT, ACT_ABSENT, ACT_EXCUSED, ACT_UNDO, ACT_REDO, ACT_NEW, ACT_PERSON,
	ACT_BACK, ACT_NONE,
};

const struct view_ops attendance_ops = {
	.name = "attendance",
	.kinds = { VIEW_ATTENDANCE | FIELD_FILTER },
	.handles = av_handles,
	.draw = av_draw,
	.act = av_act,
	.key = av_key,
	.mouse = av_mouse,
	.close = av_close,
	.title = av_title,
	.resume = av_resume,
};

struct view *attendance_view_open(struct tui_app *app, long long session_id)
{
	struct attendance_view *av = calloc(1, sizeof *av);
	st_err err;

	if (!av)
		return NULL;
	av->v.ops = &attendance_ops;
	av->v.app = app;
	av->v.height = LINES - 2;
	if (session_get(app->db, session_id, &av->session, &err) != 1) {
		app_message(app, true, "%s", _("This session no longer exists."));
		free(av);
		return NULL;
	}
	le_clear(&av->name);
	av->total_rows = 1;
	lv_init(&av->lv, &attendee_source, av);
	av->lv.height = list_height(av);
	lv_home(&av->lv);
	refresh_counts(av);
	return &av->v;
}
