/* person_form.h: the person form and deleting a person, for every screen
 * that shows people (the people list, the person screen, the attendance
 * screen). */
#ifndef STEMTUI_PERSON_FORM_H
#define STEMTUI_PERSON_FORM_H

#include <stdbool.h>
#include <stddef.h>

struct tui_app;

/* The person form: edits person_id, or adds a new person (person_id 0)
 * with `name` ("First Last", may be empty) filled in.  Warns before
 * making someone who looks like a person already there, offering that
 * person instead.  Returns the id of the person saved or chosen, a
 * reference to a new person kept for the database (negative: writes.h),
 * or 0 when cancelled or an edit is kept. */
long long person_form_run(struct tui_app *app, long long person_id, const char *name);

/* Asks, saying what will go, then deletes a person.  True when it was
 * deleted. */
bool person_delete_asked(struct tui_app *app, long long id);

/* "3 attendance records" and "1 coach link" (ngettext), the counts the
 * questions before deleting and merging people give. */
void person_link_counts(int attendance, int coaching, char *records, size_t rn, char *links,
			size_t ln);

#endif
