/* sync_follow.h: what follows the changes of a colleague's changeset,
 * for rows the changes do not name (sync_apply.c calls these around
 * sqlite3changeset_apply_v2, inside the caller's transaction). */
#ifndef STEMTUI_SYNC_FOLLOW_H
#define STEMTUI_SYNC_FOLLOW_H

#include <sqlite3.h>

#include "core/err.h"
#include "core/sync_tables.h"

/* An erasure that rows here held back (a factor with tags or
 * below-factors here, whose ON DELETE is RESTRICT), made after the
 * changeset, when the merges it may bring are known. */
typedef struct sync_erasure {
	const sync_table *t;
	long long id;
} sync_erasure;

/* What points at person or factor from (target) now points at into, as
 * when a merge comes in; a row that would then be there twice stays
 * with from.  0, or -1 with err set. */
int sync_follow_merge(sqlite3 *db, const char *target, long long from, long long into,
		      st_err *err);

/* Before the changes are applied: a merge of people that one of them
 * (an INSERT into sync_redirect) brings is followed, or otherwise erasing
 * the person merged away would erase with it the check-ins written here
 * about them (ON DELETE CASCADE).  A factor's merge is followed after
 * them (sync_erase_held_back, sync_follow_missing_rows: its ON DELETE
 * is RESTRICT, so nothing goes with it): followed before, it moved a tag
 * the same changes remove, which then stayed on the factor merged into
 * here only.  0, or -1 with err set. */
int sync_follow_incoming_merge(sqlite3 *db, sqlite3_changeset_iter *it, st_err *err);

/* After the changes and what follows them: the rows of factor_anc of
 * factors erased while tags or below-factors here still pointed at them
 * (kept for those to find the ancestors they leave, fig_factor_delete)
 * go.  0, or -1 with err set. */
int sync_follow_factor_links(sqlite3 *db, st_err *err);

/* After the changes: the n erasures held back are made.  A factor's
 * tags and below-factors here follow its merge if there is one, else
 * they are released (its tags go, its below-factors move to the top);
 * then it is erased.  What still holds one back (a note of an erased
 * session) refuses the file (sync_follow_missing_rows says so).  0, or
 * -1 with err set. */
int sync_erase_held_back(sqlite3 *db, const sync_erasure *later, int n, st_err *err);

/* After the changes, when rows point at rows not here: every merge is
 * followed, then what points at a row erased goes as it would have gone
 * here (the schema's ON DELETE).  A note whose session is gone is never
 * erased so: -1 with err saying so, as for any failure; else 0.  Reads
 * whole tables. */
int sync_follow_missing_rows(sqlite3 *db, st_err *err);

/* After the changes, for one INSERT or UPDATE (op) of the changeset (it,
 * of table t): a row created with a tombstone here (a copy older than
 * its erasure) is erased again; a tombstone that came in, or came again
 * later, erases its row (a tag only if not tagged again later).  0, or
 * -1 with err set. */
int sync_honour_tombstone(sqlite3 *db, sqlite3_changeset_iter *it, const sync_table *t,
			  int op, st_err *err);

#endif
