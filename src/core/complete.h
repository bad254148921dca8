/* complete.h: the words a shell completes from the database (session
 * codes, factor codes, people's names, programme names, ...), for
 * `stemtui complete`: read only, and never a file created or changed. */
#ifndef STEMTUI_COMPLETE_H
#define STEMTUI_COMPLETE_H

#include <stdbool.h>

/* True when kind names a list complete_values gives. */
bool complete_kind_known(const char *kind);

/* Calls emit with each word of kind that starts with prefix (compared
 * folded, as names are; NULL for all), at most COMPLETE_MAX, from the stemtui database
 * at path opened read-only.  A missing, foreign, locked or older file
 * gives no words: a key press must not wait, fail loudly or create a
 * database.  Session codes come without their spaces ("COP07"), as every
 * command takes them and a shell needs no quotes for them. */
#define COMPLETE_MAX 500
void complete_values(const char *path, const char *kind, const char *prefix,
		     void (*emit)(const char *word, void *arg), void *arg);

#endif
