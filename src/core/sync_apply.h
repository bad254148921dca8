/* sync_apply.h: bringing a colleague's changes into this database, by
 * the rules of stemtui(1), SYNC (the rules are in sync_apply.c, each
 * where it is applied; what follows them for rows they do not name, in
 * sync_follow.c).  A changeset from a file is checked first
 * (sync_changeset_check.h). */
#ifndef STEMTUI_SYNC_APPLY_H
#define STEMTUI_SYNC_APPLY_H

#include <sqlite3.h>
#include <stddef.h>

#include "core/err.h"
#include "core/sync_tables.h"

/* What a changeset brought, by what it is counted as. */
typedef struct sync_counts {
	long long n[SYNC_WHAT_COUNT];
	long long decisions;   /* changes that need a person's decision */
	long long absent;      /* changes to rows not here that have no
				  tombstone (not arrived yet?), restores of
				  notes not in the trash here, or rows made
				  to point at rows not here */
} sync_counts;

/* Applies the changeset at p (sync_changeset_check'ed) inside the
 * caller's transaction, adding what it brought to *counts.  0, or -1
 * with err set (the caller rolls back: nothing of it stays). */
int sync_apply_in(sqlite3 *db, const void *p, size_t len, sync_counts *counts, st_err *err);

#endif
