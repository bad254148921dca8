/* sync_field_time.h: when each field of a travelling row last changed.
 *
 * When two laptops changed one field, the later change wins
 * (sync_apply.c).  A row holds one time of change (sync_tables.h: its
 * stamp), which a change of any of its fields moves: a factor moved at
 * 10:05 and renamed at 10:01 on one laptop has 10:05, and its name would
 * beat a name given at 10:03 on another laptop there but not elsewhere.
 * So each laptop keeps, in sync_field_time, the time of the change that
 * wrote each field's value:
 *   - (tbl, row, col): that field's time;
 *   - (tbl, row, ''): the time of the fields without one (the row's time
 *     of change before its first change was recorded);
 *   - nothing for the row: its time of change (not changed since made).
 * A change in a sync file carries one time for every field it changes
 * (its stamp); its writer adopts those times when it writes the file
 * (sync_field_time_sent), so every laptop that applied the same changes
 * holds the same times.  For this to hold, every change moves its row's
 * time to a later one than the row had (notes.c, attendance.c,
 * sync_capture.c): a change that left the time as it was would carry
 * none.
 *
 * A field whose value alone decides is left out: an attendance's walk_in,
 * set once by the row's first writing (sync_field_time_own). */
#ifndef STEMTUI_SYNC_FIELD_TIME_H
#define STEMTUI_SYNC_FIELD_TIME_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/err.h"
#include "core/sync_tables.h"

/* Whether column col of table tbl changes without its row's time of
 * change, so that its value alone decides between two changes. */
bool sync_field_time_own(const char *tbl, const char *col);

/* Whether rows of table t get their time of change at the commit of the
 * transaction that changed them (their changed_at), not from the
 * statement that changed them (a note's, an attendance's updated_at). */
bool sync_field_time_at_commit(const sync_table *t);

/* At the commit of this laptop's transaction, the row a change (op) of
 * it made or changed gets a time of change later than it had (when its
 * table's rows get it then).  0, or -1 with err set. */
int sync_field_time_stamp_row(sqlite3 *db, const sync_table *t, sqlite3_changeset_iter *it,
			      int op, st_err *err);

/* The index of table t's column of its time of change, or -1. */
int sync_field_time_stamp(sqlite3 *db, const sync_table *t);

/* The key of the row a change is about (its primary key's values as
 * text, joined by '/'), sqlite3_free'd by the caller; NULL: out of
 * memory. */
char *sync_field_time_key(sqlite3_changeset_iter *it, int op);

/* The time of field col of row key of table t into *at (sqlite3_free;
 * NULL when nothing is recorded: the row's time of change).  0, or -1
 * with err set. */
int sync_field_time_get(sqlite3 *db, const sync_table *t, const char *key, const char *col,
			char **at, st_err *err);

/* Before a change moves the time of its row: the fields without a time
 * keep the row's time until now, stamp (NULL: the time an UPDATE moves
 * from, else the row's own, read from it).  Nothing when the row has
 * one already.  0, or -1 with err set. */
int sync_field_time_base(sqlite3 *db, const sync_table *t, sqlite3_changeset_iter *it,
			 int op, sqlite3_value *stamp, st_err *err);

/* After a change of table t (an UPDATE, or an INSERT of a row that was
 * here already) was written or applied: each field it carries that
 * holds its value now has the change's time, stamp (NULL: the row's time
 * of change now), or the time it had if later.  0, or -1 with err set. */
int sync_field_time_changed(sqlite3 *db, const sync_table *t, sqlite3_changeset_iter *it,
			    int op, sqlite3_value *stamp, st_err *err);

/* A file of this laptop's changes is written: its fields take the times
 * the file gives them (one per change), as they do on every laptop that
 * applies it; a row the file creates has none but its own.  0, or -1
 * with err set. */
int sync_field_time_sent(sqlite3 *db, const void *p, int n, st_err *err);

#endif
