/* orgs_view.c: schools and partner organisations: the list (filtered by
 * typing), one organisation with its coaches, and the form. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/coaching.h"
#include "core/i18n.h"
#include "core/organisation.h"
#include "core/people.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/lineedit.h"
#include "tui/listview.h"
#include "tui/screen.h"
#include "tui/view.h"
#include "tui/writes.h"

#define HEAD_ROWS 2
#define MAX_COACHES 32

static const char *kind_label(const char *kind)
{
	return strcmp(kind, "partner") == 0 ? _("Partner") : _("School");
}

/* ---- the list ----------------------------------------------------------- */

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
		widen_to(&want[O_KIND], kind_label(o->kind));
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
		cell[O_KIND] = kind_label(o->kind);
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

bool org_delete_asked(struct tui_app *app, long long id)
{
	st_organisation o = { 0 };
	org_impact imp;
	char text[1024];
	st_err err;
	bool done = false;

	if (org_get(app->db, id, &o, &err) != 1 || org_delete_impact(app->db, id, &imp, &err) != 0) {
		app_message(app, true, "%s", err.msg);
		org_clear(&o);
		return false;
	}
	snprintf(text, sizeof text,
		 _("Delete %s? %d people lose their organisation (they stay), %d coach links go, "
		   "%d sessions lose their host school."),
		 o.name, imp.people, imp.coaches, imp.sessions_hosted);
	if (dialog_ask(app, _("Delete organisation"), text, _("[y] delete  [Esc] keep"), "yj") != 27) {
		pending_write w = { .kind = PW_ORG_DELETE, .n = { id } };
		snprintf(text, sizeof text, _("%s deleted"), o.name);
		w.what = strdup(text);
		done = app_write(app, &w, NULL) == WRITE_DONE;
		if (done)
			app_message(app, false, _("Deleted %s"), o.name);
	}
	org_clear(&o);
	return done;
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
		if (!ov->name.len) {
			view_pop(v->app);
			return true;
		}
		le_clear(&ov->name);
		lv_home(&ov->lv);
		break;
	default: return false;
	}
	return true;
}

static bool ov_key(struct view *v, int key)
{
	struct orgs_view *ov = OV(v);

	if (!le_type(&ov->name, key))
		return false;
	lv_home(&ov->lv);
	return true;
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

/* ---- one organisation --------------------------------------------------- */

struct org_view {
	struct view v;
	long long id;
	st_organisation o;
	st_person coaches[MAX_COACHES];
	int ncoaches;
	char title[512];
};

#define OGV(v) ((struct org_view *)(v))

static void org_load(struct org_view *ov)
{
	st_err err;
	int i;

	org_clear(&ov->o);
	for (i = 0; i < ov->ncoaches; i++)
		person_clear(&ov->coaches[i]);
	ov->ncoaches = 0;
	if (org_get(ov->v.app->db, ov->id, &ov->o, &err) != 1)
		return;
	ov->ncoaches = coaching_coaches(ov->v.app->db, ov->id, ov->coaches, MAX_COACHES, &err);
	if (ov->ncoaches < 0)
		ov->ncoaches = 0;
}

static int field(int y, const char *label, const char *value)
{
	char l[128];

	snprintf(l, sizeof l, "%s:", label);
	draw_text(stdscr, y, 1, 16, l, screen_attr(UI_ACCENT));
	draw_text(stdscr, y, 18, COLS - 19, value, 0);
	return y + 1;
}

static void ogv_draw(struct view *v)
{
	struct org_view *ov = OGV(v);
	char line[512], people[32];
	int y = v->top, i, bottom = v->top + v->height;

	for (i = y; i < bottom; i++)
		draw_blank_row(stdscr, i, 0);
	if (!ov->o.name) {
		draw_text(stdscr, y + 1, 1, COLS - 2, _("This organisation no longer exists."), 0);
		return;
	}
	draw_text(stdscr, y + 1, 1, COLS - 2, ov->o.name, A_BOLD);
	y += 3;
	y = field(y, _("Kind"), kind_label(ov->o.kind));
	y = field(y, _("Network"), ov->o.network);
	snprintf(line, sizeof line, "%s%s%s %s", ov->o.street, *ov->o.street ? ", " : "",
		 ov->o.postcode, ov->o.city);
	y = field(y, _("Address"), line);
	snprintf(people, sizeof people, "%d", ov->o.people);
	y = field(y, _("People"), people);
	if (strcmp(ov->o.kind, "school") != 0)
		return;
	y++;
	draw_text(stdscr, y++, 1, COLS - 2, _("Techniekcoaches of this school"),
		  screen_attr(UI_HEADER) | A_BOLD);
	if (ov->ncoaches == 0)
		draw_text(stdscr, y++, 2, COLS - 3, _("(none linked)"), 0);
	for (i = 0; i < ov->ncoaches && y < bottom; i++, y++) {
		snprintf(line, sizeof line, "%s %s  \xc2\xb7  %s", ov->coaches[i].first_name,
			 ov->coaches[i].last_name, ov->coaches[i].focus);
		draw_text(stdscr, y, 2, COLS - 3, line, 0);
	}
}

static bool ogv_act(struct view *v, enum action a)
{
	struct org_view *ov = OGV(v);

	switch (a) {
	case ACT_EDIT:
		if (org_form_run(v->app, ov->id) > 0)
			org_load(ov);
		return true;
	case ACT_DELETE:
		if (org_delete_asked(v->app, ov->id))
			view_pop(v->app);
		return true;
	default: return false;
	}
}

static const char *ogv_title(struct view *v)
{
	struct org_view *ov = OGV(v);

	snprintf(ov->title, sizeof ov->title, "%s", ov->o.name ? ov->o.name : "");
	return ov->title;
}

static void ogv_close(struct view *v)
{
	struct org_view *ov = OGV(v);
	int i;

	org_clear(&ov->o);
	for (i = 0; i < ov->ncoaches; i++)
		person_clear(&ov->coaches[i]);
	free(ov);
}

static const enum action ogv_handles[] = {
	ACT_EDIT, ACT_DELETE, ACT_NONE,
};

const struct view_ops org_ops = {
	.name = "org",
	.kinds = { VIEW_ORG },
	.handles = ogv_handles,
	.draw = ogv_draw,
	.act = ogv_act,
	.close = ogv_close,
	.title = ogv_title,
};

struct view *org_view_open(struct tui_app *app, long long org_id)
{
	struct org_view *ov = calloc(1, sizeof *ov);

	if (!ov)
		return NULL;
	ov->v.ops = &org_ops;
	ov->v.app = app;
	ov->id = org_id;
	org_load(ov);
	return &ov->v;
}

/* ---- the form ----------------------------------------------------------- */

enum { G_NAME, G_KIND, G_NETWORK, G_STREET, G_POSTCODE, G_CITY, G_COUNT };

long long org_form_run(struct tui_app *app, long long org_id)
{
	static const char *const kinds[] = { "school", "partner" };
	const char *kind_labels[2] = { _("School"), _("Partner") };
	struct form_field f[G_COUNT];
	st_organisation o = { 0 };
	st_err err;
	long long id = 0;
	int i;

	memset(f, 0, sizeof f);
	f[G_NAME] = (struct form_field){ .label = N_("Name"), .type = FIELD_TEXT, .required = true };
	f[G_KIND] = (struct form_field){ .label = N_("Kind"), .type = FIELD_CHOICE,
					 .choice_labels = kind_labels, .nchoices = 2 };
	f[G_NETWORK] = (struct form_field){ .label = N_("Network"), .type = FIELD_TEXT };
	f[G_STREET] = (struct form_field){ .label = N_("Street"), .type = FIELD_TEXT };
	f[G_POSTCODE] = (struct form_field){ .label = N_("Postcode"), .type = FIELD_TEXT };
	f[G_CITY] = (struct form_field){ .label = N_("City"), .type = FIELD_TEXT };
	for (i = 0; i < G_COUNT; i++)
		le_clear(&f[i].edit);
	if (org_id && org_get(app->db, org_id, &o, &err) == 1) {
		le_set(&f[G_NAME].edit, o.name);
		f[G_KIND].choice = strcmp(o.kind, "partner") == 0;
		le_set(&f[G_NETWORK].edit, o.network);
		le_set(&f[G_STREET].edit, o.street);
		le_set(&f[G_POSTCODE].edit, o.postcode);
		le_set(&f[G_CITY].edit, o.city);
	}
	while (form_run(app, org_id ? _("Edit organisation") : _("New organisation"), f, G_COUNT,
			NULL, NULL)) {
		/* PW_ORG's strings: kind, then the form's text fields in order. */
		pending_write w = { .kind = PW_ORG, .n = { org_id } };
		static const int field[] = { G_NAME, G_NETWORK, G_STREET, G_POSTCODE, G_CITY };
		enum write_result r;

		pending_write_text(&w, 0, kinds[f[G_KIND].choice]);
		for (i = 0; i < (int)(sizeof field / sizeof field[0]); i++)
			pending_write_text(&w, i + 1, text_trim(f[field[i]].edit.utf8));
		w.what = strdup(f[G_NAME].edit.utf8);
		/* Refused (a name missing): the form stays, as it was. */
		r = app_write(app, &w, &id);
		if (r == WRITE_FAILED)
			continue;
		if (r == WRITE_DONE)
			app_message(app, false, _("Saved %s"), f[G_NAME].edit.utf8);
		else
			id = 0;
		break;
	}
	org_clear(&o);
	return id;
}
