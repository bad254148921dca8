/* db.h: opening, creating and migrating the one stemtui database.
 *
 * A stemtui database is an SQLite file whose application_id is ST_DB_APP_ID
 * and whose user_version is the schema version.  Opening refuses, without
 * writing a byte, anything that is not such a file or that a newer stemtui
 * wrote; a missing file is created private to the user (0600, folders 0700)
 * and migrated to the current schema. */
#ifndef STEMTUI_DB_H
#define STEMTUI_DB_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/err.h"
#include "core/progress.h"

/* 'STEM' in ASCII: tells our files from other SQLite databases. */
#define ST_DB_APP_ID 0x5354454d

/* Why an open failed, so the CLI can pick an exit code. */
enum db_open_status {
	DB_OPEN_OK = 0,
	DB_OPEN_IO,           /* cannot create or read the file or its folder */
	DB_OPEN_NOT_STEMTUI,  /* not SQLite, or SQLite but not ours */
	DB_OPEN_CORRUPT,      /* ours, but damaged (or without a schema version) */
	DB_OPEN_TOO_NEW,      /* written by a newer stemtui: left alone */
};

/* Opens (creating if missing) the database at path and brings its schema up
 * to date.  On success *out is a connection with foreign keys on, WAL, and a
 * busy timeout, and *created tells whether the file was made just now.
 * When the file or its folder cannot be written, the connection is
 * read-only (db_read_only), and a file whose schema would need updating
 * is refused.  On
 * failure *out is NULL, err says why in words for a person, and the file is
 * exactly as it was. */
enum db_open_status db_open(const char *path, sqlite3 **out, bool *created,
			    st_err *err);

/* db_open, reporting through progress (may be NULL) how far bringing the
 * schema up to date has got: only when there is something to migrate,
 * which at a network's scale takes seconds (the first migrations that
 * store figures count every tag); not for a file made just now.  The total is an estimate from the
 * size of the file; the last report is done == total. */
enum db_open_status db_open_progress(const char *path, sqlite3 **out, bool *created,
				     const st_progress *progress, st_err *err);

/* Closes a connection from db_open; NULL is fine. */
void db_close(sqlite3 *db);

/* The schema version this build writes. */
int db_schema_version(void);

/* True when db was opened read-only: the file or its folder cannot be
 * written (read-only media, another person's folder).  Browsing, lists
 * and exports work; db_begin refuses every write with a message. */
bool db_read_only(sqlite3 *db);

/* Transactions.  db_begin starts an IMMEDIATE transaction (so a second
 * writer waits at the start, not halfway through); commit/rollback end it.
 * Each returns 0 or -1 with err set (db_begin: also on a read-only db). */
int db_begin(sqlite3 *db, st_err *err);
int db_commit(sqlite3 *db, st_err *err);
void db_rollback(sqlite3 *db);

/* Sets err from db's last error ("database error: …"; when SQLite found
 * the file damaged, says so and names the file) and returns -1. */
int db_error(sqlite3 *db, st_err *err);

/* db_error for the result code rc of a call that runs statements of its
 * own after a failure, which replace db's last error with theirs:
 * sqlite3changeset_apply ends with ROLLBACK TO and RELEASE of its
 * savepoint, so that an error which rolled back the whole transaction
 * (an I/O error, an interrupt) would read "no such savepoint", and
 * another "not an error".  Says what rc means. */
int db_error_rc(sqlite3 *db, int rc, st_err *err);

/* True when db's last error says the file is damaged or not a database:
 * the CLI's exit status 3, as for a damaged file found at open. */
bool db_error_is_damage(sqlite3 *db);

/* How long a write waits for another writer: ms (0: not at all), or the
 * default (db_wait_default) with a negative ms.  The TUI waits only
 * briefly while someone types, and keeps the write for later itself. */
void db_set_wait(sqlite3 *db, int ms);

/* How the commands wait for another program writing to the database (a
 * long import, a second stemtui): as long as that program makes progress
 * (its writes reach the -wal file), at most bound_ms in all, and no longer
 * than stall_ms without progress.  said is called once a wait has lasted
 * DB_WAIT_SAY_MS, so that a person at the terminal knows why nothing
 * happens yet. */
#define DB_WAIT_SAY_MS 500
typedef struct db_wait_policy {
	int bound_ms;                 /* 0: do not wait at all */
	int stall_ms;
	void (*said)(void *ctx);      /* may be NULL */
	void *ctx;
} db_wait_policy;

/* Makes p (it must outlive every connection) how connections opened from
 * now on, and db_set_wait(db, -1), wait; NULL: a plain 10 s timeout, the
 * default.  One policy per process, as there is one locale. */
void db_wait_default(const db_wait_policy *p);

/* True when the last call on db failed only because another connection
 * holds the write lock (it will go: try again later). */
bool db_busy(sqlite3 *db);

/* True once an error of this process said another program kept the
 * database (db_begin, db_commit, db_error): a command that fails after
 * that ends with the exit status for it, whatever it did to clean up. */
bool db_was_busy(void);

/* Prepares sql on db; on failure sets err with SQLite's reason. */
sqlite3_stmt *db_prepare(sqlite3 *db, const char *sql, st_err *err);

/* db_prepare, with params[0..nparams-1] bound to ?1.. (as many as sql
 * has: one list serves statements of fewer), as the helpers below bind
 * them: for a statement read row by row, such as the rows of one id. */
sqlite3_stmt *db_prepare_ints(sqlite3 *db, const char *sql, const long long *params,
			      int nparams, st_err *err);

/* Runs a query that returns one row of integers (counts, EXISTS):
 * binds params[0..nparams-1] to ?1.. and reads the first nout columns
 * into out.  0, or -1 with err set (no row is an error too). */
int db_row_ints(sqlite3 *db, const char *sql, const long long *params, int nparams,
		int *out, int nout, st_err *err);

/* Steps a statement that returns no rows (INSERT, UPDATE, DELETE) and
 * finalizes it.  The reason is read before finalizing, while SQLite still
 * holds the statement's own error.  0, or -1 with err set. */
int db_step_done(sqlite3 *db, sqlite3_stmt *st, st_err *err);

/* db_step_done for a statement prepared once and run again: resets it
 * and clears its bindings instead of finalizing it. */
int db_step_reset(sqlite3 *db, sqlite3_stmt *st, st_err *err);

/* Runs sql, which returns no rows, with params[0..nparams-1] bound to
 * ?1.. (as many as sql has: one list serves statements of fewer).  0, or
 * -1 with err set. */
int db_exec_ints(sqlite3 *db, const char *sql, const long long *params, int nparams,
		 st_err *err);

/* Runs a query of one integer (a count, an id, EXISTS, a position) with
 * params bound as db_exec_ints binds them: *out gets the first column of
 * its first row.  0, or -1 with err set (no row is an error too). */
int db_query_int(sqlite3 *db, const char *sql, const long long *params, int nparams,
		 long long *out, st_err *err);

/* Bind to a named parameter (":name") when the statement has it, so one
 * binding routine serves several statements. */
void db_bind_named_text(sqlite3_stmt *st, const char *param, const char *value);
void db_bind_named_int64(sqlite3_stmt *st, const char *param, long long value);

/* Reverses n rows of size bytes in place: a keyset page read backward
 * comes nearest-first and is shown in display order. */
void db_reverse_rows(void *rows, int n, size_t size);

/* Binds text or NULL (for NULL or empty s) to parameter i. */
int db_bind_text_or_null(sqlite3_stmt *st, int i, const char *s);

/* Copies column i as a fresh string ("" for NULL); never returns NULL
 * unless memory runs out. */
char *db_column_strdup(sqlite3_stmt *st, int i);

/* What the database looked like when something was read from it: the
 * rows this connection changed so far and the commits of others (PRAGMA
 * data_version).  A screen that keeps what it read asks again only when
 * the stamp changed.  version -1: unknown, never the same. */
typedef struct db_stamp {
	long long changes;
	int version;
} db_stamp;

db_stamp db_stamp_now(sqlite3 *db);
bool db_stamp_same(db_stamp a, db_stamp b);

#endif
