/* orgs_view.c: the schools and partner organisations of the network,
 * filtered by typing part of a name. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/coaching.h"
#include "core/i18n.h"
#include "core/organisation.h"
#include "tui/draw.h"
#include "tui/lineedit.h"
#include "tui/listview.h"
#include "tui/org_form.h"
#include "tui/org_view.h"
#include "tui/orgs_view.h"
#include "tui/screen.h"
#include "tui/view.h"

#define HEAD_ROWS 2

struct orgs_view {
	struct view v;
	struct lineedit name;
	org_filter filter;
	struct listview lv;
	char title[256];
};

#define OV(v) ((struct orgs_view *)(v))

static int src_fetch(void *ctx, const void *anchor, bool backward, void *out, int n,
		     st_err *err)
{
	struct orgs_view *ov = ctx;

	ov->filter.name = ov->name.len ? ov->name.utf8 : NULL;
	return org_page(ov->v.app->db, &ov->filter, anchor, backward, out, n, err);
}

static void src_clear(void *row)
{
	org_clear(row);
}

static const struct listview_source org_source = {
	sizeof(st_organisation), src_fetch, src_clear, NULL, NULL,
};

static int list_height(const struct orgs_view *ov)
{
	return ov->v.height - HEAD_ROWS > 1 ? ov->v.height - HEAD_ROWS : 1;
}

/* The list's columns. */
enum { O_NAME, O_KIND, O_CITY, O_NET, O_PEOPLE, O_COUNT };

/* A name gets this much before the city gets its share. */
#define NAME_FIRST 32

/* Widths from what the rows shown hold, in the language shown: the
 * headers, figures and kinds whole, then the name (what a school is
 * chosen by) up to NAME_FIRST, the city, the rest of the name; the
 * network gets what is left. */
static void columns_for(struct orgs_view *ov, const char *const head[O_COUNT],
			int width[O_COUNT])
{
	static const int prio[O_COUNT] = { O_PEOPLE, O_KIND, O_NAME, O_CITY, O_NET };
	int want[O_COUNT] = { 0 }, min[O_COUNT] = { 16, 0, 10, 6, 0 }, i, name_want, more;
	char people[16];

	for (i = 0; i < list_height(ov); i++) {
		const st_organisation *o = lv_row(&ov->lv, i);
		if (!o)
			continue;
		snprintf(people, sizeof people, "%d", o->people);
		widen_to(&want[O_NAME], o->name);
		widen_to(&want[O_KIND], org_kind_label(o->kind));
		widen_to(&want[O_CITY], o->city);
		widen_to(&want[O_NET], o->network);
		widen_to(&want[O_PEOPLE], people);
	}
	min[O_KIND] = want[O_KIND];
	min[O_PEOPLE] = want[O_PEOPLE];
	name_want = want[O_NAME];
	if (want[O_NAME] > NAME_FIRST)
		want[O_NAME] = NAME_FIRST;
	fit_columns(head, want, min, O_COUNT, prio, O_NET, COLS - 2, width);
	/* The rest of the name before the network, which keeps its
	 * minimum (or its head). */
	widen_to(&min[O_NET], head[O_NET]);
	more = width[O_NET] - min[O_NET];
	if (more > name_want - width[O_NAME])
		more = name_want - width[O_NAME];
	if (more > 0) {
		width[O_NAME] += more;
		width[O_NET] -= more;
	}
}

static void ov_draw(struct view *v)
{
	struct orgs_view *ov = OV(v);
	const char *head[O_COUNT] = { _("Name"), _("Kind"), _("City"), _("Network"), _("People") };
	const char *cell[O_COUNT];
	int width[O_COUNT], y = v->top, i, used, x_people;
	attr_t head_attr = screen_attr(UI_HEADER) | A_BOLD;
	char people[16];

	lv_set_height(&ov->lv, list_height(ov));
	columns_for(ov, head, width);
	x_people = COLS - 1 - width[O_PEOPLE];
	draw_blank_row(stdscr, y, 0);
	used = draw_text_clip(stdscr, y, 1, COLS - 2, _("Name: "), screen_attr(UI_ACCENT) | A_BOLD);
	/* Every column left-aligned but the figure, aligned right. */
	draw_cells(stdscr, y + 1, width, head, O_COUNT - 1, head_attr);
	draw_text_right(stdscr, y + 1, x_people, width[O_PEOPLE], head[O_PEOPLE], head_attr);
	for (i = 0; i < list_height(ov); i++) {
		const st_organisation *o = lv_row(&ov->lv, i);
		attr_t attr = i == ov->lv.sel ? screen_attr(UI_SELECTED) : 0;
		int row = y + HEAD_ROWS + i;
		if (!o) {
			draw_blank_row(stdscr, row, 0);
			continue;
		}
		snprintf(people, sizeof people, "%d", o->people);
		cell[O_NAME] = o->name;
		cell[O_KIND] = org_kind_label(o->kind);
		cell[O_CITY] = o->city;
		cell[O_NET] = o->network;
		draw_cells(stdscr, row, width, cell, O_COUNT - 1, attr);
		draw_text_right(stdscr, row, x_people, width[O_PEOPLE], people, attr);
	}
	if (ov->lv.nrows == 0)
		draw_text(stdscr, y + HEAD_ROWS + 1, 2, COLS - 4,
			  _("No organisation matches. Ctrl-N adds one."), 0);
	if (ov->lv.error[0])
		app_message(v->app, true, "%s", ov->lv.error);
	le_draw(&ov->name, stdscr, y, 1 + used, COLS - 2 - used, A_BOLD, true);
	curs_set(1);
}

static bool ov_act(struct view *v, enum action a)
{
	struct orgs_view *ov = OV(v);
	st_organisation *sel = lv_selected(&ov->lv);
	long long id;

	if (lv_move(&ov->lv, a))
		return true;
	switch (a) {
	case ACT_OPEN:
		if (sel)
			view_push(v->app, org_view_open(v->app, sel->id));
		break;
	case ACT_NEW:
		if ((id = org_form_run(v->app, 0)) > 0) {
			le_clear(&ov->name);
			lv_reload(&ov->lv);
		}
		break;
	case ACT_EDIT:
		if (sel && org_form_run(v->app, sel->id) > 0)
			lv_reload(&ov->lv);
		break;
	case ACT_DELETE:
		if (sel && org_delete_asked(v->app, sel->id))
			lv_reload(&ov->lv);
		break;
	case ACT_BACK:
		if (!lv_filter_clear(&ov->lv, &ov->name))
			view_pop(v->app);
		break;
	default: return false;
	}
	return true;
}

static bool ov_key(struct view *v, int key)
{
	struct orgs_view *ov = OV(v);

	return lv_filter_type(&ov->lv, &ov->name, key);
}

static void ov_mouse(struct view *v, const MEVENT *ev)
{
	if (lv_mouse(&OV(v)->lv, ev, v->top + HEAD_ROWS))
		ov_act(v, ACT_OPEN);
}

static const char *ov_title(struct view *v)
{
	(void)v;
	return _("Schools and partners");
}

static void ov_close(struct view *v)
{
	struct orgs_view *ov = OV(v);

	curs_set(0);
	lv_free(&ov->lv);
	free(ov);
}

/* Back from a screen above: show what changed there. */
static void ov_resume(struct view *v)
{
	lv_reload(&OV(v)->lv);
}

static const enum action ov_handles[] = {
	LIST_MOVES, ACT_OPEN, ACT_EDIT, ACT_DELETE, ACT_NEW, ACT_BACK, ACT_NONE,
};

const struct view_ops orgs_ops = {
	.name = "orgs",
	.kinds = { VIEW_ORGS | FIELD_FILTER },
	.handles = ov_handles,
	.draw = ov_draw,
	.act = ov_act,
	.key = ov_key,
	.mouse = ov_mouse,
	.close = ov_close,
	.title = ov_title,
	.resume = ov_resume,
};

struct view *orgs_view_open(struct tui_app *app)
{
	struct orgs_view *ov = calloc(1, sizeof *ov);

	if (!ov)
		return NULL;
	ov->v.ops = &orgs_ops;
	ov->v.app = app;
	ov->v.height = LINES - 2;
	le_clear(&ov->name);
	lv_init(&ov->lv, &org_source, ov);
	ov->lv.height = list_height(ov);
	lv_home(&ov->lv);
	return &ov->v;
}
