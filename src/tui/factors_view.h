/* factors_view.h: the factor overview: every critical success factor with
 * its figures, its evidence, and the factors tagged together with it. */
#ifndef STEMTUI_FACTORS_VIEW_H
#define STEMTUI_FACTORS_VIEW_H

struct tui_app;
struct view;

struct view *factors_view_open(struct tui_app *app);

#endif
