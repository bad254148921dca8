/* sync_snapshot.h: everything the travelling tables of a database hold,
 * as changesets of INSERTs, a piece at a time.
 *
 * Joining a network puts a database's whole content into its outbox, and
 * merging a colleague's database file applies the whole of that one: at
 * network scale a table is larger than one changeset may be (a sync file
 * holds at most SYNCFILE_PAYLOAD_MAX) and than memory should hold, so the
 * content comes in pieces of about SYNC_SNAPSHOT_PIECE bytes.  A table
 * whose rows refer to rows of the same table (a factor's parent) is never
 * cut, so that every piece applies on its own, parents first. */
#ifndef STEMTUI_SYNC_SNAPSHOT_H
#define STEMTUI_SYNC_SNAPSHOT_H

#include <sqlite3.h>

#include "core/err.h"

/* About how many bytes of rows one piece holds. */
#define SYNC_SNAPSHOT_PIECE ((long long)16 << 20)

/* What is done with a piece: n bytes at p, a changeset (freed after). */
typedef int (*sync_piece_fn)(void *ctx, int n, const void *p, st_err *err);

/* Attaches the empty copies of the travelling tables a snapshot is made
 * with (sync_snapshot_detach undoes it): outside a transaction, as
 * ATTACH must be. */
int sync_snapshot_attach(sqlite3 *db, st_err *err);
void sync_snapshot_detach(sqlite3 *db);

/* Gives every row of the travelling tables of db, parents' tables first,
 * to take, in pieces of about piece bytes (SYNC_SNAPSHOT_PIECE); inside the
 * caller's transaction, with sync_snapshot_attach done.  0, or -1 with err
 * set (take's error too). */
int sync_snapshot_pieces(sqlite3 *db, long long piece, sync_piece_fn take, void *ctx,
			 st_err *err);

#endif
