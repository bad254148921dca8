/* sync_capture.h: recording this laptop's own changes as it makes them.
 *
 * Once a database belongs to a network (syncid.h), every write
 * transaction (db_begin .. db_commit) is watched by an SQLite session
 * (the session extension) on the tables that travel (sync_tables.h).
 * Just before the commit, what the transaction changed is stored as one
 * changeset in sync_outbox, inside that same transaction: a change is
 * saved if and only if its record is.  `stemtui sync` later writes the
 * outbox into a sync file.  Rows a transaction erased get a tombstone
 * (which travels too), and a row it creates again loses its tombstone.
 *
 * Before it joins a network, only the erasures of the rows it shares
 * with every laptop that loaded the same shipped programme and codebook
 * (a starter factor, a school: their ids come from their content,
 * rowids.h) are watched: each gets a tombstone under the id the row has
 * in a network, which goes with the first sync, so that a factor erased
 * before joining does not come back from a colleague.
 *
 * db.c calls these; nothing else needs to.  Changes applied from a
 * colleague's file are not recorded (sync_capture_pause): each database
 * sends only what it did itself, so nothing goes round in circles. */
#ifndef STEMTUI_SYNC_CAPTURE_H
#define STEMTUI_SYNC_CAPTURE_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/err.h"

/* After BEGIN: starts watching when db is not paused (above).  0, or -1 with err set. */
int sync_capture_begin(sqlite3 *db, st_err *err);

/* Before COMMIT: stores what the transaction changed in sync_outbox.
 * 0, or -1 with err set (the caller rolls back). */
int sync_capture_commit(sqlite3 *db, st_err *err);

/* After COMMIT or ROLLBACK: stops watching. */
void sync_capture_end(sqlite3 *db);

/* While paused, the transactions of db are not watched (the migrations,
 * applying a colleague's changes).  Pauses nest. */
void sync_capture_pause(sqlite3 *db, bool paused);

/* Before db is closed. */
void sync_capture_forget(sqlite3 *db);

/* On joining, after the rows took their network ids: the tombstones
 * made before joining of rows made again since go.  0, or -1 with err
 * set. */
int sync_capture_joined(sqlite3 *db, st_err *err);

/* Adds a changeset of n bytes at p to sync_outbox, inside the caller's
 * transaction.  0, or -1 with err set. */
int sync_outbox_add(sqlite3 *db, int n, const void *p, st_err *err);

/* Whether changes to the table named name travel (the session's filter). */
int sync_capture_filter(void *unused, const char *name);

#endif
