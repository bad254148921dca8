/* session_list.h: the programme browser, the first screen: the sessions
 * of a programme, with the summary of the selected one below. */
#ifndef STEMTUI_SESSION_LIST_H
#define STEMTUI_SESSION_LIST_H

struct tui_app;
struct view;

/* Opens the list on the sessions of programme (a name; NULL: the newest;
 * unknown: the newest, saying so). */
struct view *session_list_open(struct tui_app *app, const char *programme);

#endif
