/* orgs_view.h: the schools and partner organisations, filtered. */
#ifndef STEMTUI_ORGS_VIEW_H
#define STEMTUI_ORGS_VIEW_H

struct tui_app;
struct view;

struct view *orgs_view_open(struct tui_app *app);

#endif
