/* org_form.h: the organisation form, deleting an organisation, and
 * completing an organisation's name, for every screen that shows or asks
 * for organisations. */
#ifndef STEMTUI_ORG_FORM_H
#define STEMTUI_ORG_FORM_H

#include <stdbool.h>

#include "core/organisation.h"

struct tui_app;

/* "School" or "Partner" (translated) for an organisation's kind. */
const char *org_kind_label(const char *kind);

/* The names of organisations a field completes text with (ctx: the
 * tui_app): those that start with text (ignoring case and accents), else
 * those that contain it; none for an empty text.  An le_suggest_fn. */
int suggest_org_names(void *ctx, const char *text, char **out, int max);

/* Asks `question` in the status bar for an organisation, completing its
 * name as it is typed, and puts the one the answer names in *o (for
 * org_clear): its whole name (ignoring case and accents), or part of the
 * name of only one.  Returns 1 when one was found, 0 for an empty answer,
 * -1 when cancelled or when none or several match (the status line then
 * says so). */
int org_ask(struct tui_app *app, const char *question, st_organisation *o);

/* Asks, saying what will go, then deletes an organisation.  True when it
 * was deleted. */
bool org_delete_asked(struct tui_app *app, long long id);

/* The organisation form: edits org_id, or adds one (org_id 0).  Returns
 * the id saved, or 0 when cancelled or kept for the database. */
long long org_form_run(struct tui_app *app, long long org_id);

#endif
