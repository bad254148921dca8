/* drafts.h: what is typed into a note but not yet saved. */
#ifndef STEMTUI_DRAFTS_H
#define STEMTUI_DRAFTS_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

/* Drafts: what is typed but not yet saved, kept so that a crash loses at
 * most a few seconds.  One draft per key ("session:7" for a new note at
 * session 7, "note:12" for an edit of note 12).  Each call is its own
 * committed transaction.  Keys are free text: when two people may type
 * at one session on one database, give each their own key (for example
 * with the facilitator's name after it). */
typedef struct st_draft {
	char *key;
	char *body;
	char *kind, *group_label;
	char *saved_at;          /* local time */
} st_draft;

/* Frees the strings of d (not d itself); safe on a zeroed one. */
void draft_clear_fields(st_draft *d);
/* Keeps d->body, kind and group_label (kept as given, not cleaned) under
 * d->key, replacing the draft of that key, stamped now.  A body of only
 * white space deletes the draft instead (nothing to keep).  0, or -1. */
int draft_save(sqlite3 *db, const st_draft *d, st_err *err);
int draft_load(sqlite3 *db, const char *key, st_draft *out, st_err *err); /* 1 / 0 / -1 */
/* Deleting a key that has no draft is fine.  0, or -1. */
int draft_delete(sqlite3 *db, const char *key, st_err *err);
/* The newest draft of all, whoever typed it, by the order of saving (for
 * tools and tests: start-up offers only one's own, see draft_list_own).
 * 1 / 0 / -1. */
int draft_newest(sqlite3 *db, st_draft *out, st_err *err);

/* The key of the draft of a new note at a session, or of an edit of a
 * note (note true), for one facilitator ("" for none):
 * "session:7:Arne Smets", "note:12:".  Writes it into buf. */
void draft_key(char *buf, size_t size, bool note, long long id, const char *facilitator);

/* The drafts whose key draft_key made for exactly this facilitator
 * (never another's, though they share the database), newest first, up
 * to max (each to be freed with draft_clear_fields).  Returns how many,
 * or -1. */
int draft_list_own(sqlite3 *db, const char *facilitator, st_draft *out, int max, st_err *err);

#endif
