/* person_match.h: finding people by a name as typed: the people a new
 * name may duplicate, and the one person a command's argument means. */
#ifndef STEMTUI_PERSON_MATCH_H
#define STEMTUI_PERSON_MATCH_H

#include <sqlite3.h>

#include "core/err.h"
#include "core/people.h"

/* People whose name looks like first + last: the same folded name, or one
 * within two edits of it ("Francoise Peeters" ~ "Françoise Peeters",
 * "Jan Peters" ~ "Jan Peeters"), also with first and last swapped,
 * excluding except_id (0 for none).  Looked for word by word, from the
 * name-key indexes: a first or last name typed as it is known, or a typo
 * in each word when one of them is past the word's first half (at least
 * three letters); a typo early in both words is not looked for.  Nearest
 * first, up to max, into out.  Returns how many, or -1. */
int person_similar(sqlite3 *db, const char *first, const char *last,
		   long long except_id, st_person *out, int max, st_err *err);

/* Finds the one person `text` means: an id ("17"), or a name that matches
 * exactly one person ("first last" or "last first" equal, compared by
 * text_fold_name, so spaces, hyphens and apostrophes do not count; else
 * containing, as person_filter.name).  Returns 1 and fills out when exactly one; 0 when none (err
 * says so); 2 when several (err says which: up to five "First Last (id)");
 * -1 on error. */
int person_resolve(sqlite3 *db, const char *text, st_person *out, st_err *err);

#endif
