/* state.c: see state.h. */
#include "config.h"

#include <string.h>

#include "core/db.h"
#include "core/state.h"

int state_get(sqlite3 *db, const char *key, char *out, size_t size, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT value FROM local_state WHERE key = ?1", err);
	const char *value;
	int rc, found = 0;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && (value = (const char *)sqlite3_column_text(st, 0)) &&
	    strlen(value) < size) {
		memcpy(out, value, strlen(value) + 1);
		found = 1;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		found = db_error(db, err);
	sqlite3_finalize(st);
	return found;
}

int state_set(sqlite3 *db, const char *key, const char *value, st_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (db_begin(db, err) != 0)
		return -1;
	st = db_prepare(db, "INSERT INTO local_state (key, value) VALUES (?1, ?2)"
			    " ON CONFLICT (key) DO UPDATE SET value = excluded.value", err);
	if (!st) {
		db_rollback(db);
		return -1;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_error(db, err);
	sqlite3_finalize(st);
	if (rc != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}
