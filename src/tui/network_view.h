/* network_view.h: the network screen: the shared folder, the last sync,
 * what came in from whom, the decisions waiting, and syncing now. */
#ifndef STEMTUI_NETWORK_VIEW_H
#define STEMTUI_NETWORK_VIEW_H

struct tui_app;
struct view;

struct view *network_view_open(struct tui_app *app);

#endif
