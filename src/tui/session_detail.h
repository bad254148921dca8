/* session_detail.h: one session in full, as the pane under the session list
 * and as its own screen. */
#ifndef STEMTUI_SESSION_DETAIL_H
#define STEMTUI_SESSION_DETAIL_H

#include "core/programme.h"

struct tui_app;
struct view;

/* The session screen of session_id. */
struct view *session_detail_open(struct tui_app *app, long long session_id);

/* Draws the summary of session s in rows y..y+height-1 (the pane under
 * the session list). */
void session_pane_draw(int y, int height, const st_session *s);

#endif
