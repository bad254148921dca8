/* org_view.h: one school or partner organisation, with its coaches. */
#ifndef STEMTUI_ORG_VIEW_H
#define STEMTUI_ORG_VIEW_H

struct tui_app;
struct view;

struct view *org_view_open(struct tui_app *app, long long org_id);

#endif
