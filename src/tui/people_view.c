/* people_view.c: the people of the network, filtered by typing part of a
 * name and by role, focus tag and organisation. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/organisation.h"
#include "core/people.h"
#include "core/roles.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/duplicates.h"
#include "tui/lineedit.h"
#include "tui/listview.h"
#include "tui/org_form.h"
#include "tui/people_view.h"
#include "tui/person_form.h"
#include "tui/person_view.h"
#include "tui/picker.h"
#include "tui/screen.h"
#include "tui/view.h"

#define HEAD_ROWS 2     /* the filter line and the column headers */
#define COUNT_CAP 1000  /* beyond it the title says "1000+" */
#define MAX_TAGS 128

struct people_view {
	struct view v;
	struct lineedit name;
	person_filter filter;
	char role[64], focus[128], org_name[256];
	struct listview lv;
	long long whole;   /* the last read from the start or the end held the
			      whole list: its length; else -1 */
	char title[512];
};

#define PV(v) ((struct people_view *)(v))

static int src_fetch(void *ctx, const void *anchor, bool backward, void *out, int n,
		     st_err *err)
{
	struct people_view *pv = ctx;
	int got;

	pv->filter.name = pv->name.len ? pv->name.utf8 : NULL;
	pv->filter.starts_first = true;
	got = person_page(pv->v.app->db, &pv->filter, anchor, backward, out, n, err);
	pv->whole = !anchor && got >= 0 && got < n ? got : -1;
	return got;
}

static void src_clear(void *row)
{
	person_clear(row);
}

static long long src_count(void *ctx)
{
	struct people_view *pv = ctx;

	/* A read from the start (or the end) that came back short was the
	 * whole list: no need to count it again (a name nobody has is looked
	 * for once per key, not twice). */
	if (pv->whole >= 0)
		return pv->whole;
	return person_count_capped(pv->v.app->db, &pv->filter, COUNT_CAP, NULL);
}

static const struct listview_source person_source = {
	sizeof(st_person), src_fetch, src_clear, src_count, NULL,
};

static int list_height(const struct people_view *pv)
{
	return pv->v.height - HEAD_ROWS > 1 ? pv->v.height - HEAD_ROWS : 1;
}

/* The filters in force, as "role: Techniekcoach  ·  focus: programmeren". */
static void describe_filters(const struct people_view *pv, char *buf, size_t n)
{
	size_t len = 0;

	buf[0] = '\0';
	if (pv->filter.role)
		len += (size_t)snprintf(buf + len, n - len, _("  role: %s"),
					roles_label(&pv->v.app->roles, pv->filter.role));
	if (pv->filter.focus && len < n)
		len += (size_t)snprintf(buf + len, n - len, _("  focus: %s"), pv->filter.focus);
	if (pv->filter.organisation_id && len < n)
		snprintf(buf + len, n - len, _("  organisation: %s"), pv->org_name);
}

/* Columns the name field keeps for typing, at least. */
#define NAME_ROOM 16

/* The list's columns. */
enum { P_NAME, P_ROLE, P_ORG, P_FOCUS, P_COUNT };

/* Widths from what the rows shown hold, in the language shown: the name
 * (last name first, what the list is sorted by), the role, the
 * organisation; the focus tags get what is left. */
static void columns_for(struct people_view *pv, const char *const head[P_COUNT],
			int width[P_COUNT])
{
	static const int prio[P_COUNT] = { P_NAME, P_ROLE, P_ORG, P_FOCUS };
	int want[P_COUNT] = { 0 }, min[P_COUNT] = { 16, 8, 12, 6 }, i;
	char name[256];

	for (i = 0; i < list_height(pv); i++) {
		const st_person *p = lv_row(&pv->lv, i);
		if (!p)
			continue;
		snprintf(name, sizeof name, "%s, %s", p->last_name, p->first_name);
		widen_to(&want[P_NAME], name);
		widen_to(&want[P_ROLE], roles_label(&pv->v.app->roles, p->role));
		widen_to(&want[P_ORG], p->organisation);
	}
	fit_columns(head, want, min, P_COUNT, prio, P_FOCUS, COLS - 2, width);
}

static void pv_draw(struct view *v)
{
	struct people_view *pv = PV(v);
	const char *head[P_COUNT] = { _("Name"), _("Role"), _("Organisation"), _("Focus") };
	const char *cell[P_COUNT];
	int width[P_COUNT], y, i, used, field_w;
	char filters[512];

	lv_set_height(&pv->lv, list_height(pv));
	columns_for(pv, head, width);
	y = v->top;
	draw_blank_row(stdscr, y, 0);
	used = draw_text_clip(stdscr, y, 1, COLS - 2, _("Name: "), screen_attr(UI_ACCENT) | A_BOLD);
	/* The filters in force take the line right of what is typed (with
	 * room to type on), not just its right half: they say which people
	 * are left out. */
	field_w = text_width(pv->name.utf8) + 2;
	if (field_w < NAME_ROOM)
		field_w = NAME_ROOM;
	if (field_w > COLS / 2 - 1 - used)
		field_w = COLS / 2 - 1 - used;
	describe_filters(pv, filters, sizeof filters);
	draw_text_right(stdscr, y, 1 + used + field_w, COLS - 2 - used - field_w, filters,
			screen_attr(UI_ACCENT));
	draw_cells(stdscr, y + 1, width, head, P_COUNT, screen_attr(UI_HEADER) | A_BOLD);
	for (i = 0; i < list_height(pv); i++) {
		const st_person *p = lv_row(&pv->lv, i);
		attr_t attr = i == pv->lv.sel ? screen_attr(UI_SELECTED) : 0;
		char name[256];
		int row = y + HEAD_ROWS + i;
		if (!p) {
			draw_blank_row(stdscr, row, 0);
			continue;
		}
		/* Last name first: the list is sorted by it. */
		snprintf(name, sizeof name, "%s, %s", p->last_name, p->first_name);
		cell[P_NAME] = name;
		cell[P_ROLE] = roles_label(&v->app->roles, p->role);
		cell[P_ORG] = p->organisation;
		cell[P_FOCUS] = p->focus;
		draw_cells(stdscr, row, width, cell, P_COUNT, attr);
	}
	if (pv->lv.nrows == 0)
		draw_text(stdscr, y + HEAD_ROWS + 1, 2, COLS - 4,
			  _("Nobody matches. Ctrl-N adds a person; Esc clears the filters."), 0);
	if (pv->lv.error[0])
		app_message(v->app, true, "%s", pv->lv.error);
	le_draw(&pv->name, stdscr, y, 1 + used, field_w, A_BOLD, true);
	curs_set(1);
}

static void pick_role(struct people_view *pv)
{
	const st_roles *r = &pv->v.app->roles;
	const char *items[64];
	int i, n = 0, chosen;

	items[n++] = _("All roles");
	for (i = 0; i < r->n && n < 64; i++)
		items[n++] = roles_label(r, r->role[i].key);
	chosen = picker_run(pv->v.app, _("Show people with role"), items, n, 0);
	if (chosen < 0)
		return;
	if (chosen == 0) {
		pv->filter.role = NULL;
	} else {
		snprintf(pv->role, sizeof pv->role, "%s", r->role[chosen - 1].key);
		pv->filter.role = pv->role;
	}
	lv_home(&pv->lv);
}

static void pick_focus(struct people_view *pv)
{
	char *tags[MAX_TAGS];
	const char *items[MAX_TAGS + 1];
	st_err err;
	int n = focus_tags(pv->v.app->db, tags, MAX_TAGS, &err), i, chosen;

	if (n < 0) {
		app_message(pv->v.app, true, "%s", err.msg);
		return;
	}
	items[0] = _("All focus tags");
	for (i = 0; i < n; i++)
		items[i + 1] = tags[i];
	chosen = picker_run(pv->v.app, _("Show people with focus"), items, n + 1, 0);
	if (chosen == 0)
		pv->filter.focus = NULL;
	if (chosen > 0) {
		snprintf(pv->focus, sizeof pv->focus, "%s", tags[chosen - 1]);
		pv->filter.focus = pv->focus;
	}
	for (i = 0; i < n; i++)
		free(tags[i]);
	if (chosen >= 0)
		lv_home(&pv->lv);
}

static void pick_org(struct people_view *pv)
{
	st_organisation found = { 0 };
	int r = org_ask(pv->v.app, _("Organisation (empty for all): "), &found);

	if (r < 0)
		return;
	pv->filter.organisation_id = r ? found.id : 0;
	if (r) {
		snprintf(pv->org_name, sizeof pv->org_name, "%s", found.name);
		org_clear(&found);
	}
	lv_home(&pv->lv);
}

/* Esc: first the name, then the other filters, then back. */
static void clear_or_back(struct people_view *pv)
{
	if (lv_filter_clear(&pv->lv, &pv->name))
		return;
	if (pv->filter.role || pv->filter.focus || pv->filter.organisation_id) {
		pv->filter.role = pv->filter.focus = NULL;
		pv->filter.organisation_id = 0;
		lv_home(&pv->lv);
	} else {
		view_pop(pv->v.app);
	}
}

static bool pv_act(struct view *v, enum action a)
{
	struct people_view *pv = PV(v);
	st_person *sel = lv_selected(&pv->lv);
	long long id;

	if (lv_move(&pv->lv, a))
		return true;
	switch (a) {
	case ACT_OPEN:
		if (sel)
			view_push(v->app, person_view_open(v->app, sel->id));
		break;
	case ACT_NEW:
		if ((id = person_form_run(v->app, 0, pv->name.utf8)) > 0) {
			le_clear(&pv->name);
			lv_reload(&pv->lv);
			view_push(v->app, person_view_open(v->app, id));
		}
		break;
	case ACT_EDIT:
		if (sel && person_form_run(v->app, sel->id, NULL) > 0)
			lv_reload(&pv->lv);
		break;
	case ACT_DELETE:
		if (sel && person_delete_asked(v->app, sel->id))
			lv_reload(&pv->lv);
		break;
	case ACT_DUPLICATES:
		if (sel && duplicates_of_person(v->app, sel->id))
			lv_reload(&pv->lv);
		break;
	case ACT_ALL_DUPLICATES:
		if (duplicates_all(v->app))
			lv_reload(&pv->lv);
		break;
	case ACT_FILTER_ROLE: pick_role(pv); break;
	case ACT_FILTER_FOCUS: pick_focus(pv); break;
	case ACT_FILTER_ORG: pick_org(pv); break;
	case ACT_BACK: clear_or_back(pv); break;
	default: return false;
	}
	return true;
}

static bool pv_key(struct view *v, int key)
{
	struct people_view *pv = PV(v);

	return lv_filter_type(&pv->lv, &pv->name, key);
}

static void pv_mouse(struct view *v, const MEVENT *ev)
{
	if (lv_mouse(&PV(v)->lv, ev, v->top + HEAD_ROWS))
		pv_act(v, ACT_OPEN);
}

static const char *pv_title(struct view *v)
{
	struct people_view *pv = PV(v);

	if (pv->lv.total > COUNT_CAP)
		snprintf(pv->title, sizeof pv->title, _("People  ·  %lld+"), (long long)COUNT_CAP);
	else
		snprintf(pv->title, sizeof pv->title, _("People  ·  %lld"), pv->lv.total);
	return pv->title;
}

static void pv_close(struct view *v)
{
	struct people_view *pv = PV(v);

	curs_set(0);
	lv_free(&pv->lv);
	free(pv);
}

/* Back from a screen above: show what changed there. */
static void pv_resume(struct view *v)
{
	lv_reload(&PV(v)->lv);
}

static const enum action pv_handles[] = {
	LIST_MOVES, ACT_OPEN, ACT_EDIT, ACT_DELETE, ACT_NEW, ACT_FILTER_ROLE, ACT_FILTER_FOCUS, ACT_FILTER_ORG,
	ACT_DUPLICATES, ACT_ALL_DUPLICATES, ACT_BACK, ACT_NONE,
};

const struct view_ops people_ops = {
	.name = "people",
	.kinds = { VIEW_PEOPLE | FIELD_FILTER },
	.handles = pv_handles,
	.draw = pv_draw,
	.act = pv_act,
	.key = pv_key,
	.mouse = pv_mouse,
	.close = pv_close,
	.title = pv_title,
	.resume = pv_resume,
};

struct view *people_view_open(struct tui_app *app)
{
	struct people_view *pv = calloc(1, sizeof *pv);

	if (!pv)
		return NULL;
	pv->v.ops = &people_ops;
	pv->v.app = app;
	pv->v.height = LINES - 2;
	le_clear(&pv->name);
	pv->whole = -1;
	lv_init(&pv->lv, &person_source, pv);
	pv->lv.height = list_height(pv);
	lv_home(&pv->lv);
	return &pv->v;
}
