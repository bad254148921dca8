/* agreement_view.h: the agreement between two coders, opened from the
 * factor overview (a): per factor, the notes both coders tagged, where
 * they agree, the percent and Cohen's kappa, and the total. */
#ifndef STEMTUI_AGREEMENT_VIEW_H
#define STEMTUI_AGREEMENT_VIEW_H

struct tui_app;
struct figure_filter;

/* Shows the agreement of the two coders with most tags on the notes of
 * filter's programme and kind of session, in a list over the screen;
 * Enter on a factor opens its evidence.  Says so when the tags record
 * fewer than two coders. */
void agreement_view_run(struct tui_app *app, const struct figure_filter *filter);

#endif
