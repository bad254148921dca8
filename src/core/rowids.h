/* rowids.h: the ids of the rows that travel between the laptops of a
 * network (programme, organisation, session, person, factor, note,
 * attendance_log; person_focus, coaching, attendance and tag travel
 * through their keys).
 *
 * Every table keeps its INTEGER PRIMARY KEY.  A database that belongs to
 * no network numbers its rows 1, 2, 3... as SQLite does.  Once it belongs
 * to one (syncid_join), a row is given an id that is the same on every
 * laptop and that no other laptop gives to another row, all below 2^53 so
 * that JSON holds them exactly (stemtui(1), SYNC FILES):
 *   - a programme, a session, an organisation and a factor: an id from
 *     its content (the programme's name; the programme's name and the
 *     session's code; the organisation's folded name and postcode; the
 *     factor's code), so that laptops that loaded the same shipped
 *     programme and starter codebook share those rows;
 *   - a row of the attendance log: the time in milliseconds, so that the
 *     log keeps its order (newest last, what undo and redo read) and
 *     merges in time order across laptops, with random low bits;
 *   - any other row, or one whose content id is taken here: a random id
 *     (on joining, an id from the database and the old id: rowid_of_row).
 * The insert of a travelling row binds the id rowid_* gives (0: none, let
 * SQLite number it, see rowid_bind); a random id that another laptop gave
 * to another row shows up as a conflict when syncing, never silently. */
#ifndef STEMTUI_ROWIDS_H
#define STEMTUI_ROWIDS_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/err.h"

/* Ids are below 2^53 (JSON's exact integers). */
#define ROWID_LIMIT (1LL << 53)

/* The content ids: the top 53 bits of the 64-bit FNV-1a hash of
 * "programme" NUL name; of "session" NUL programme name NUL code; of
 * "factor" NUL code (1 instead of 0). */
long long rowid_of_programme(const char *name);
long long rowid_of_session(const char *programme, const char *code);
long long rowid_of_factor(const char *code);
/* An organisation: "organisation" NUL its folded name NUL its postcode,
 * so that the schools of the shipped programme, or a school two laptops
 * registered alike, are one row in the network. */
long long rowid_of_organisation(const char *name, const char *postcode);

/* The network id of row old of table in the database database_id when
 * it joins a network, for a row with no content id: the same each time
 * that database joins (merging a copy of it twice brings its rows in
 * once), and another database's never (its id is a random UUID). */
long long rowid_of_row(const char *database_id, const char *table, long long old);

/* The id of a log row changed at ms milliseconds after 2020-01-01 UTC:
 * ms * 4096 plus random bits below 4096. */
long long rowid_of_log_time(long long ms);

/* A random id in 1 .. ROWID_LIMIT - 1. */
long long rowid_random(void);

/* Whether db belongs to a network.  0, or -1 with err set. */
int rowid_in_network(sqlite3 *db, bool *yes, st_err *err);

/* Whether table (one of the travelling ones) has a row of id id. */
int rowid_taken(sqlite3 *db, const char *table, long long id, bool *taken, st_err *err);

/* The id of a new row of table (a travelling one, named as in SQL) into
 * *id: 0 when db belongs to no network (SQLite numbers it), else
 * content_id when it is not 0 and free, else a random free one.  An
 * attendance_log row gets rowid_of_log_time(now), above every id of the
 * log.  Inside the caller's transaction.  0, or -1 with err set. */
int rowid_new(sqlite3 *db, const char *table, long long content_id, long long *id,
	      st_err *err);

/* rowid_new for a session of programme programme_id with code code: its
 * content id asked for. */
int rowid_new_session(sqlite3 *db, long long programme_id, const char *code, long long *id,
		      st_err *err);

/* Binds id to parameter i of st: NULL for 0, so SQLite numbers the row. */
void rowid_bind(sqlite3_stmt *st, int i, long long id);

#endif
