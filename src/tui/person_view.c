/* person_view.c: one person: who they are, the schools they coach, and
 * every session they came to, across programmes. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/attendance.h"
#include "core/coaching.h"
#include "core/date.h"
#include "core/person_match.h"
#include "core/programme.h"
#include "core/i18n.h"
#include "core/organisation.h"
#include "core/people.h"
#include "core/roles.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/listview.h"
#include "tui/org_form.h"
#include "tui/person_form.h"
#include "tui/person_view.h"
#include "tui/screen.h"
#include "tui/view.h"
#include "tui/writes.h"

#define MAX_HISTORY 200
#define MAX_SCHOOLS 32

struct person_view {
	struct view v;
	long long id;
	st_person p;
	st_organisation schools[MAX_SCHOOLS];
	int nschools;
	att_history history[MAX_HISTORY];
	int nhistory, first;
	char title[512];
};

#define PSV(v) ((struct person_view *)(v))

static void load(struct person_view *pv)
{
	st_err err;
	int i;

	person_clear(&pv->p);
	for (i = 0; i < pv->nschools; i++)
		org_clear(&pv->schools[i]);
	pv->nschools = pv->nhistory = 0;
	if (person_get(pv->v.app->db, pv->id, &pv->p, &err) != 1)
		return;
	pv->nschools = coaching_schools(pv->v.app->db, pv->id, pv->schools, MAX_SCHOOLS, &err);
	pv->nhistory = attendance_history(pv->v.app->db, pv->id, pv->history, MAX_HISTORY, &err);
	if (pv->nschools < 0)
		pv->nschools = 0;
	if (pv->nhistory < 0)
		pv->nhistory = 0;
}

/* The page is one column of lines, scrolled as a whole from line
 * pv->first, so every school of a coach of many and every session of a
 * long history can be brought into view.  Lines before the first
 * session: the name, a blank, four fields, the schools, a blank, the
 * sessions' heading. */
static int page_lines(const struct person_view *pv)
{
	return 2 + 4 + pv->nschools + 2 + pv->nhistory;
}

/* The screen row of page line `line`, or -1 when it is scrolled out of
 * view. */
static int page_row(const struct person_view *pv, int line)
{
	int row = pv->v.top + line - pv->first;

	return row >= pv->v.top && row < pv->v.top + pv->v.height ? row : -1;
}

/* A "Label:  value" line; the label is left out for a list's later
 * lines (label NULL). */
static int draw_field(const struct person_view *pv, int line, const char *label,
		      const char *value)
{
	int row = page_row(pv, line);

	if (row >= 0)
		draw_label_value(stdscr, row, 16, label, value, screen_attr(UI_ACCENT));
	return line + 1;
}

/* The history's columns: date, code, kind, status (with the time of
 * arrival, as in the attendance screen), programme. */
enum { H_DATE, H_CODE, H_KIND, H_STATUS, H_PROGRAMME, H_COUNT };

static void history_cells(const att_history *h, char date[64], char status[128])
{
	st_date d;

	if (date_parse_iso(h->date, &d) == 0)
		date_format_short(&d, date, 64);
	else
		snprintf(date, 64, "%s", h->date);
	if (h->status == ATT_PRESENT && *h->arrived_at)
		snprintf(status, 128, "%s %s", att_status_walk_in_label(h->status, h->walk_in),
			 h->arrived_at);
	else
		snprintf(status, 128, "%s", att_status_walk_in_label(h->status, h->walk_in));
}

/* Widths from the whole history (it is in memory), so the columns stay
 * put while the page scrolls: every column whole, the programme's name
 * taking what is left. */
static void history_columns(const struct person_view *pv, int width[H_COUNT])
{
	static const int prio[H_COUNT] = { H_STATUS, H_DATE, H_CODE, H_KIND, H_PROGRAMME };
	static const int min[H_COUNT] = { 8, 4, 6, 8, 8 };
	static const char *const no_head[H_COUNT] = { "", "", "", "", "" };
	int want[H_COUNT] = { 0 }, i;
	char date[64], status[128];

	for (i = 0; i < pv->nhistory; i++) {
		const att_history *h = &pv->history[i];
		history_cells(h, date, status);
		widen_to(&want[H_DATE], date);
		widen_to(&want[H_CODE], h->code);
		widen_to(&want[H_KIND], session_kind_short(h->kind));
		widen_to(&want[H_STATUS], status);
		widen_to(&want[H_PROGRAMME], h->programme);
	}
	fit_columns(no_head, want, min, H_COUNT, prio, H_PROGRAMME, COLS - 3, width);
}

static void draw_history_row(const att_history *h, const int width[H_COUNT], int row)
{
	char date[64], status[128];
	int x = 2;

	history_cells(h, date, status);
	draw_blank_row(stdscr, row, 0);
	draw_text(stdscr, row, x, width[H_DATE], date, 0);
	x += width[H_DATE] + 1;
	draw_text(stdscr, row, x, width[H_CODE], h->code, screen_attr(UI_ACCENT));
	x += width[H_CODE] + 1;
	draw_text(stdscr, row, x, width[H_KIND], session_kind_short(h->kind), 0);
	x += width[H_KIND] + 1;
	draw_text(stdscr, row, x, width[H_STATUS], status, 0);
	x += width[H_STATUS] + 1;
	draw_text(stdscr, row, x, width[H_PROGRAMME], h->programme, 0);
}

static void psv_draw(struct view *v)
{
	struct person_view *pv = PSV(v);
	char line[512];
	int i, n = 0, row, width[H_COUNT];

	for (i = v->top; i < v->top + v->height; i++)
		draw_blank_row(stdscr, i, 0);
	if (!pv->p.first_name) {
		draw_text(stdscr, v->top + 1, 1, COLS - 2, _("This person no longer exists."), 0);
		return;
	}
	snprintf(line, sizeof line, "%s %s", pv->p.first_name, pv->p.last_name);
	if ((row = page_row(pv, n)) >= 0)
		draw_text(stdscr, row, 1, COLS - 2, line, A_BOLD);
	n += 2;
	n = draw_field(pv, n, _("Role"), roles_label(&v->app->roles, pv->p.role));
	n = draw_field(pv, n, _("Organisation"), pv->p.organisation);
	n = draw_field(pv, n, _("E-mail"), pv->p.email);
	n = draw_field(pv, n, _("Focus"), pv->p.focus);
	/* One school a line: on one line a fourth school was cut off. */
	for (i = 0; i < pv->nschools; i++)
		n = draw_field(pv, n, i ? NULL : _("Coaches"), pv->schools[i].name);
	n++;
	snprintf(line, sizeof line, ngettext("%d session", "%d sessions", (unsigned long)pv->nhistory),
		 pv->nhistory);
	if ((row = page_row(pv, n++)) >= 0)
		draw_text(stdscr, row, 1, COLS - 2, line, screen_attr(UI_HEADER) | A_BOLD);
	history_columns(pv, width);
	for (i = 0; i < pv->nhistory; i++, n++)
		if ((row = page_row(pv, n)) >= 0)
			draw_history_row(&pv->history[i], width, row);
}

/* Links a school typed by name, or unlinks it when already linked. */
static void coach_school(struct person_view *pv)
{
	char question[512];
	st_organisation o = { 0 };
	pending_write w;
	int i;

	if (org_ask(pv->v.app, _("School this person coaches: "), &o) != 1)
		return;
	for (i = 0; i < pv->nschools && pv->schools[i].id != o.id; i++)
		;
	w = (pending_write){ .kind = i < pv->nschools ? PW_UNCOACH : PW_COACH, .n = { pv->id, o.id } };
	snprintf(question, sizeof question, i < pv->nschools ? _("%s no longer coached")
							     : _("%s coached"), o.name);
	w.what = strdup(question);
	if (i < pv->nschools) {
		snprintf(question, sizeof question, _("Stop linking %s as a school this person coaches?"), o.name);
		if (dialog_ask(pv->v.app, _("Coaching"), question, _("[y] yes  [Esc] no"), "yj") == 27)
			pending_write_clear(&w);
	}
	if (w.what)
		app_write(pv->v.app, &w, NULL);
	org_clear(&o);
	load(pv);
}

static bool psv_act(struct view *v, enum action a)
{
	struct person_view *pv = PSV(v);

	if (page_move(&pv->first, page_lines(pv), pv->v.height, a))
		return true;
	switch (a) {
	case ACT_EDIT:
		if (person_form_run(v->app, pv->id, NULL) > 0)
			load(pv);
		return true;
	case ACT_DELETE:
		if (person_delete_asked(v->app, pv->id))
			view_pop(v->app);
		return true;
	case ACT_COACH: coach_school(pv); return true;
	default: return false;
	}
}

static const char *psv_title(struct view *v)
{
	struct person_view *pv = PSV(v);

	snprintf(pv->title, sizeof pv->title, _("Person  ·  %s %s"),
		 pv->p.first_name ? pv->p.first_name : "", pv->p.last_name ? pv->p.last_name : "");
	return pv->title;
}

static void psv_close(struct view *v)
{
	struct person_view *pv = PSV(v);
	int i;

	person_clear(&pv->p);
	for (i = 0; i < pv->nschools; i++)
		org_clear(&pv->schools[i]);
	free(pv);
}

/* Back from a screen above (an organisation renamed there, the person
 * merged or deleted), or another program wrote (a scanner checked them
 * in): read them again, so the page never shows what is no longer so. */
static void psv_resume(struct view *v)
{
	load(PSV(v));
}

static const enum action psv_handles[] = {
	LIST_MOVES, ACT_COACH, ACT_EDIT, ACT_DELETE, ACT_NONE,
};

const struct view_ops person_ops = {
	.name = "person",
	.kinds = { VIEW_PERSON },
	.handles = psv_handles,
	.draw = psv_draw,
	.act = psv_act,
	.close = psv_close,
	.title = psv_title,
	.resume = psv_resume,
};

struct view *person_view_open(struct tui_app *app, long long person_id)
{
	struct person_view *pv = calloc(1, sizeof *pv);

	if (!pv)
		return NULL;
	pv->v.ops = &person_ops;
	pv->v.app = app;
	pv->id = person_id;
	load(pv);
	return &pv->v;
}
