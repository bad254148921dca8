/* person_view.h: one person, with the schools they coach and the sessions
 * they came to. */
#ifndef STEMTUI_PERSON_VIEW_H
#define STEMTUI_PERSON_VIEW_H

struct tui_app;
struct view;

struct view *person_view_open(struct tui_app *app, long long person_id);

#endif
