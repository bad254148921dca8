/* db_migrate.h: bringing a database's schema up to date as db_open opens
 * it (private to the core: db.c and db_migrate.c). */
#ifndef STEMTUI_DB_MIGRATE_H
#define STEMTUI_DB_MIGRATE_H

#include <sqlite3.h>

#include "core/err.h"
#include "core/progress.h"

/* Runs every migration from `version` on, each in its own transaction
 * together with the user_version it reaches, reporting through progress
 * (may be NULL) when version is not 0.  0, or -1 with err set (the
 * migrations done before stay done). */
int db_migrate(sqlite3 *db, int version, const st_progress *progress, st_err *err);

/* What db.c lends: one integer from a PRAGMA or query (an SQLite result
 * code), and why the last call on db failed in words for a person, into
 * buf of DB_REASON_MAX bytes (or SQLite's message). */
#define DB_REASON_MAX 512
int db_pragma_int(sqlite3 *db, const char *sql, int *out);
const char *db_failure_reason(sqlite3 *db, char *buf, size_t size);

#endif
