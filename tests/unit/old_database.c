/* old_database.c: see old_database.h. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/db.h"
#include "core/schema.h"
#include "core/text.h"
#include "old_database.h"

/* The SQL functions the old migrations call (db.c registers them for the
 * program): f is the text function. */
static void fold_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char *(*f)(const char *) = (char *(*)(const char *))sqlite3_user_data(ctx);
	const char *s = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	if (s)
		sqlite3_result_text(ctx, f(s), -1, free);
	else
		sqlite3_result_null(ctx);
}

/* The rows, in the columns of the first schema (migration 0 -> 1). */
static const char fill[] =
	"INSERT INTO programme (id, name) VALUES (1, 'STEM');"
	"INSERT INTO session (id, programme_id, code, code_key, kind, date)"
	"  VALUES (1, 1, 'COP 1', 'cop 0000000001', 'groeisessie', '2024-09-01');"
	"INSERT INTO factor (id, parent_id, code, name, guid) VALUES"
	"  (1, NULL, 'A', 'Leiderschap', 'g1'), (2, 1, 'A1', 'Visie', 'g2');"
	"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)"
	"  INSERT INTO note (id, session_id, body, created_at, updated_at)"
	"  SELECT i, 1, 'note ' || i, '2024-09-01T10:00:00Z', '2024-09-01T10:00:00Z' FROM n;"
	"INSERT INTO tag (note_id, factor_id, polarity) SELECT id, 2, 1 FROM note;"
	"INSERT INTO tag (note_id, factor_id, polarity) SELECT id, 1, -1 FROM note"
	"  WHERE id % 2 = 0;";

static void bail(sqlite3 *db, const char *what)
{
	printf("Bail out! making an old database: %s: %s\n", what,
	       db ? sqlite3_errmsg(db) : "cannot open");
	exit(99);
}

/* Runs each statement of sql, with ?1 bound to n where it has one. */
static void run_all(sqlite3 *db, const char *sql, int n)
{
	sqlite3_stmt *st;
	const char *tail = sql;

	while (*tail) {
		if (sqlite3_prepare_v2(db, tail, -1, &st, &tail) != SQLITE_OK)
			bail(db, "filling it");
		if (!st)
			break;
		if (sqlite3_bind_parameter_count(st) > 0)
			sqlite3_bind_int(st, 1, n);
		if (sqlite3_step(st) != SQLITE_DONE)
			bail(db, "filling it");
		sqlite3_finalize(st);
	}
}

void old_database(const char *path, int version, int notes)
{
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC, i;
	char sql[128];
	sqlite3 *db = NULL;

	remove(path);
	if (version < 1 || version >= db_schema_version() || sqlite3_open(path, &db) != SQLITE_OK)
		bail(db, path);
	if (sqlite3_create_function(db, "st_fold", 1, flags, (void *)text_fold, fold_fn, NULL,
				    NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "st_fold_name", 1, flags, (void *)text_fold_name, fold_fn,
				    NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "st_natural_key", 1, flags, (void *)text_natural_key,
				    fold_fn, NULL, NULL) != SQLITE_OK)
		bail(db, "its functions");
	for (i = 0; i < version; i++)
		if (sqlite3_exec(db, schema_migration(i), NULL, NULL, NULL) != SQLITE_OK)
			bail(db, "its schema");
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d;",
		 (int)ST_DB_APP_ID, version);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		bail(db, "its version");
	run_all(db, fill, notes);
	sqlite3_close(db);
}
