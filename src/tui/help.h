/* help.h: the help screen, generated from the action table: the keys
 * of the screen or box it was asked from, with what they do. */
#ifndef STEMTUI_HELP_H
#define STEMTUI_HELP_H

struct tui_app;
struct view;

/* The help of the screen or box shown as for_kind (actions.h bits). */
struct view *help_open(struct tui_app *app, unsigned for_kind);

#endif
