/* attendance_view.h: checking people in at the door of a session. */
#ifndef STEMTUI_ATTENDANCE_VIEW_H
#define STEMTUI_ATTENDANCE_VIEW_H

struct tui_app;
struct view;

struct view *attendance_view_open(struct tui_app *app, long long session_id);

#endif
