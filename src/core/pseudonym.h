/* pseudonym.h: people and organisations out of a text that leaves the
 * network.
 *
 * A pseudonymised export names nobody: a registered person becomes their
 * code (P017, as the people export has it), a school "school A", a
 * partner "partner A" (letters in the order they first appear, so the
 * same within one export), wherever their names stand: in a column, in
 * a note's group, or in the middle of a note's text ("Zoë: ...", "de
 * STEM-kast van De Regenboog").  A name that belongs to two people
 * (two Peeters) becomes "[name]". */
#ifndef STEMTUI_PSEUDONYM_H
#define STEMTUI_PSEUDONYM_H

#include <sqlite3.h>

#include "core/err.h"

typedef struct pseudonymiser pseudonymiser;

/* Reads the names of every person and organisation (one short row each:
 * thousands at most, never the notes).  NULL with err set on failure. */
pseudonymiser *pseudonymiser_new(sqlite3 *db, st_err *err);
void pseudonymiser_free(pseudonymiser *p);

/* text with every name in it replaced, as a new string (NULL only when
 * out of memory); NULL text gives "". */
char *pseudonym_text(pseudonymiser *p, const char *text);

/* *out: note with every name in its text, group, author, about and school
 * replaced; those five strings are new (pseudonym_note_free frees them),
 * the rest is note's.  0, or -1 when out of memory (nothing to free). */
struct st_note;
int pseudonym_note(pseudonymiser *p, const struct st_note *note, struct st_note *out);
void pseudonym_note_free(struct st_note *hidden);

/* The label of organisation id ("school B"), given on first use; "" for
 * an id it does not know. */
const char *pseudonym_org(pseudonymiser *p, long long id);

#endif
