/* people_view.h: the people of the network, filtered. */
#ifndef STEMTUI_PEOPLE_VIEW_H
#define STEMTUI_PEOPLE_VIEW_H

struct tui_app;
struct view;

struct view *people_view_open(struct tui_app *app);

#endif
