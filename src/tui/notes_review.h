/* notes_review.h: reviewing the notes of all sessions: filtered, searched,
 * and the trash. */
#ifndef STEMTUI_NOTES_REVIEW_H
#define STEMTUI_NOTES_REVIEW_H

struct tui_app;
struct view;

struct view *notes_review_open(struct tui_app *app);

/* The notes tagged with a factor (and its children): its evidence, the
 * notes behind the factor overview's figures; within (may be NULL) limits
 * them to a programme, kind of session or session as the overview does. */
struct figure_filter;
struct view *notes_review_open_factor(struct tui_app *app, long long factor_id,
				      const struct figure_filter *within);

#endif
