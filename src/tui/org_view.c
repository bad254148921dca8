/* org_view.c: one school or partner organisation: what is known of it
 * and, for a school, its techniekcoaches. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/coaching.h"
#include "core/i18n.h"
#include "core/organisation.h"
#include "core/people.h"
#include "tui/draw.h"
#include "tui/org_form.h"
#include "tui/org_view.h"
#include "tui/screen.h"
#include "tui/view.h"

#define MAX_COACHES 32

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
	draw_label_value(stdscr, y, 16, label, value, screen_attr(UI_ACCENT));
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
	y = field(y, _("Kind"), org_kind_label(ov->o.kind));
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

/* Back from a screen above (its people edited, a coach linked there), or
 * another program wrote: read it again, so the figures are not stale. */
static void ogv_resume(struct view *v)
{
	org_load(OGV(v));
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
	.resume = ogv_resume,
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
