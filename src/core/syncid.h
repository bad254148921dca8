/* syncid.h: who this database is in a network of laptops that sync.
 *
 * Every stemtui database has an id of its own, a random UUID made once
 * when its schema reaches the version that knows about sync (the
 * migration 12 -> 13 calls st_uuid(), which db.c registers with
 * syncid_new_uuid).  It belongs to no network until it joins one; from
 * then on its network id names the network, and only sync files of that
 * network are read.  Each sync file this database writes takes the next
 * number of its own sequence (1, 2, ...); for every colleague database
 * the sequence number of the last of its files applied here is kept, so
 * that a file is applied once and in order.
 *
 * The tables (sync_self, sync_peer) are local-only: they describe this
 * copy, and never travel in a sync file.
 *
 * Ids are text here and in the database: 36 characters, lower-case
 * hexadecimal, 8-4-4-4-12 ("0b6e...-..."); a sync file holds them as
 * their 16 bytes (syncid_to_bytes, syncid_from_bytes). */
#ifndef STEMTUI_SYNCID_H
#define STEMTUI_SYNCID_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/err.h"

/* Bytes an id takes as text, with its terminating NUL. */
#define SYNCID_SIZE 37
/* Bytes an id takes in a sync file. */
#define SYNCID_BYTES 16

/* A new random id (UUID version 4, from libuuid) into out. */
void syncid_new_uuid(char out[SYNCID_SIZE]);

/* Whether s is an id as stemtui writes it: 8-4-4-4-12 lower-case
 * hexadecimal digits, nothing around them. */
bool syncid_valid(const char *s);

/* An id between its text and its 16 bytes.  syncid_to_bytes: 0, or -1
 * when text is not syncid_valid. */
int syncid_to_bytes(const char *text, unsigned char out[SYNCID_BYTES]);
void syncid_from_bytes(const unsigned char bytes[SYNCID_BYTES], char out[SYNCID_SIZE]);

/* This database in its network. */
typedef struct syncid_self {
	char database_id[SYNCID_SIZE];
	char network_id[SYNCID_SIZE];   /* "" until it joins a network */
	long long next_seq;             /* the number its next sync file takes */
} syncid_self;

/* Reads this database's identity.  0, or -1 with err set. */
int syncid_read_self(sqlite3 *db, syncid_self *out, st_err *err);

/* Makes this database a member of the network network_id (syncid_valid).
 * Joining the network it is in already is nothing; a database in
 * another network is refused (-1 with err set), since its sequence and
 * what it applied belong to that one.  On joining, every row takes the
 * id it has in the network (syncid_renumber_in, renumber.h).  Runs in a
 * transaction of its own. */
int syncid_join(sqlite3 *db, const char *network_id, st_err *err);

/* syncid_join inside the caller's transaction (db_begin). */
int syncid_join_in(sqlite3 *db, const char *network_id, st_err *err);

/* Takes the number of the next sync file this database writes: *seq
 * gets it and the stored next number grows by one.  Inside the caller's
 * transaction (db_begin), the one that also records what the file holds,
 * so that a number is never taken twice nor lost with a rollback.
 * 0, or -1 with err set. */
int syncid_take_seq(sqlite3 *db, long long *seq, st_err *err);

/* The sequence number of the last file of colleague database_id applied
 * here (0: none yet).  0, or -1 with err set. */
int syncid_peer_last(sqlite3 *db, const char *database_id, long long *last, st_err *err);

/* Records that colleague database_id's file seq is applied: inside the
 * transaction that applied it (db_begin), so that both happen or
 * neither.  seq must be the one after syncid_peer_last, read in that
 * same transaction: otherwise (another process applied it meanwhile,
 * or a file is missing) nothing is recorded and -1 returned with err
 * set, and the caller rolls back.  0, or -1 with err set. */
int syncid_peer_applied(sqlite3 *db, const char *database_id, long long seq, st_err *err);

#endif
