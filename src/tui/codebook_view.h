/* codebook_view.h: the codebook of critical success factors as a tree: add,
 * edit, move, merge and delete factors. */
#ifndef STEMTUI_CODEBOOK_VIEW_H
#define STEMTUI_CODEBOOK_VIEW_H

struct tui_app;
struct view;

struct view *codebook_view_open(struct tui_app *app);

#endif
