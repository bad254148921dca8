/* sync_apply.h: bringing a colleague's changes into this database, by
 * the rules of stemtui(1), SYNC (the rules are in sync_apply.c, each
 * where it is applied). */
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

/* Whether the len bytes at p are a changeset whose every record fits in
 * it and whose tables have the columns they have here (a table this
 * stemtui does not know is let through: it is skipped).  SQLite reads a
 * damaged changeset past its end or for ever, so nothing is handed to it
 * before this.  0, or -1 with err set (name names the file). */
int sync_changeset_check(sqlite3 *db, const void *p, size_t len, const char *name,
			 st_err *err);

/* Applies the changeset at p (sync_changeset_check'ed) inside the
 * caller's transaction, adding what it brought to *counts.  0, or -1
 * with err set (the caller rolls back: nothing of it stays). */
int sync_apply_in(sqlite3 *db, const void *p, size_t len, sync_counts *counts, st_err *err);

/* What points at person or factor from (target) now points at into, as
 * when a merge comes in; a row that would then be there twice stays
 * with from.  Inside the caller's transaction.  0, or -1 with err set. */
int sync_follow_merge(sqlite3 *db, const char *target, long long from, long long into,
		      st_err *err);

#endif
