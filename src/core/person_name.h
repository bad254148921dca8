/* person_name.h: the name filter of every list of people (people,
 * check-in, resolving a name), as SQL conditions on person p, so that a
 * name matches the same everywhere. */
#ifndef STEMTUI_PERSON_NAME_H
#define STEMTUI_PERSON_NAME_H

#include <sqlite3.h>
#include <stdbool.h>

/* The name filter of person_filter as an SQL condition on person p: ""
 * when name is NULL or empty (or only spaces and hyphens), else " AND ..."
 * using the named parameters :name, :prefix and perhaps :word, whose
 * values b gets (fresh strings, or NULL); bind them with person_bind_name,
 * which takes them over (and frees them when the statement could not be
 * made: call it either way).  Names match by text_fold_name: case, accents,
 * spaces, hyphens and apostrophes do not count. */
typedef struct person_name_bind { char *name, *word, *prefix; } person_name_bind;
const char *person_name_condition(const char *name, person_name_bind *b);
void person_bind_name(sqlite3_stmt *st, person_name_bind *b);

/* True when name holds something to match (person_name_condition would
 * not be ""). */
bool person_name_given(const char *name);

/* Parts of the people a name matches, for lists that put the likeliest
 * first (the check-in screen).  Every match is in exactly one of the last
 * three. */
enum person_name_part {
	NAME_MATCHES,          /* the name is anywhere (person_name_condition) */
	NAME_FIRST_STARTS,     /* "first last" starts with it: "ine v" is Ine Verschueren */
	NAME_LAST_STARTS,      /* "last first" does ("versch"), "first last" not */
	NAME_INSIDE,           /* it is in the name, but neither starts with it */
};

/* Like person_name_condition, for one part.  few_rows: p is already
 * narrowed to a few rows (a session's people), so each row is tested as
 * it is rather than the name looked up in the index of every name. */
const char *person_name_part_condition(const char *name, enum person_name_part part,
				       bool few_rows, person_name_bind *b);

#endif
