/* test_db_progress.c: db_open_progress reports how far the migrations of
 * an older database have got, from the first report to the end. */
#include "config.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/schema.h"
#include "core/text.h"
#include "../tap.h"

/* Every report, in order. */
struct reports {
	int n;
	long long first, last, total;
	bool backwards, past_total, total_changed;
};

static void record(void *ctx, long long done, long long total)
{
	struct reports *r = ctx;

	if (r->n == 0) {
		r->first = done;
		r->total = total;
	}
	r->backwards |= r->n > 0 && done < r->last;
	r->past_total |= done > total;
	r->total_changed |= total != r->total;
	r->last = done;
	r->n++;
}

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

/* A database of schema version 5 (before the stored figures) at path,
 * with 3 000 notes tagged with two factors, one under the other: what
 * the migrations to 6 and 7 count. */
static void make_version_5(const char *path)
{
	static const char fill[] =
		"INSERT INTO programme (id, name) VALUES (1, 'STEM');"
		"INSERT INTO session (id, programme_id, code, code_key, kind, date)"
		"  VALUES (1, 1, 'COP 1', 'cop 0000000001', 'groeisessie', '2024-09-01');"
		"INSERT INTO factor (id, parent_id, code, name, guid) VALUES"
		"  (1, NULL, 'A', 'Leiderschap', 'g1'), (2, 1, 'A1', 'Visie', 'g2');"
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
		"  INSERT INTO note (id, session_id, body, created_at, updated_at)"
		"  SELECT i, 1, 'note ' || i, '2024-09-01T10:00:00Z', '2024-09-01T10:00:00Z' FROM n;"
		"INSERT INTO tag (note_id, factor_id, polarity) SELECT id, 2, 1 FROM note;"
		"INSERT INTO tag (note_id, factor_id, polarity) SELECT id, 1, -1 FROM note"
		"  WHERE id % 2 = 0;";
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC, i;
	char sql[128];
	sqlite3 *db;

	remove(path);
	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_create_function(db, "st_fold", 1, flags, (void *)text_fold, fold_fn, NULL,
				    NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "st_fold_name", 1, flags, (void *)text_fold_name, fold_fn,
				    NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "st_natural_key", 1, flags, (void *)text_natural_key,
				    fold_fn, NULL, NULL) != SQLITE_OK)
		exit(99);
	for (i = 0; i < 5; i++)
		if (sqlite3_exec(db, schema_migration(i), NULL, NULL, NULL) != SQLITE_OK)
			break;
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = 5;",
		 (int)ST_DB_APP_ID);
	if (i < 5 || sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, fill, NULL, NULL, NULL) != SQLITE_OK) {
		printf("Bail out! making a version 5 database: %s\n", sqlite3_errmsg(db));
		exit(99);
	}
	sqlite3_close(db);
}

static long long query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void test_old_database(const char *dir)
{
	struct reports r = { 0 };
	st_progress progress = { record, &r };
	char path[4200];
	sqlite3 *db;
	st_err err = { "" };

	snprintf(path, sizeof path, "%s/v5.sqlite", dir);
	make_version_5(path);
	if (!ok(db_open_progress(path, &db, NULL, &progress, &err) == DB_OPEN_OK,
		"a version 5 database opens with progress")) {
		diag("%s", err.msg);
		return;
	}
	is_int((int)query_int(db, "PRAGMA user_version"), db_schema_version(), "  and is migrated");
	is_int((int)query_int(db, "SELECT notes FROM fig_total WHERE ancestor_id = 1"), 3000,
	       "  its figures are counted");
	ok(r.n >= 3, "  progress was reported (%d times)", r.n);
	ok(r.first == 0 && r.total > 0, "  from 0 of a total");
	ok(r.last == r.total, "  to the end");
	ok(!r.backwards && !r.past_total && !r.total_changed,
	   "  never going back, past the total, or changing it");
	db_close(db);

	memset(&r, 0, sizeof r);
	ok(db_open_progress(path, &db, NULL, &progress, &err) == DB_OPEN_OK && r.n == 0,
	   "an up-to-date database opens without a report");
	db_close(db);
}

static void test_new_database(const char *dir)
{
	struct reports r = { 0 };
	st_progress progress = { record, &r };
	char path[4200];
	bool created = false;
	sqlite3 *db;
	st_err err = { "" };

	snprintf(path, sizeof path, "%s/new.sqlite", dir);
	remove(path);
	ok(db_open_progress(path, &db, &created, &progress, &err) == DB_OPEN_OK && created,
	   "a new database is made");
	is_int(r.n, 0, "  without a report: there is nothing to show");
	db_close(db);
}

/* Progress may be NULL, or have no report. */
static void test_no_progress(const char *dir)
{
	st_progress none = { NULL, NULL };
	char path[4200];
	sqlite3 *db;
	st_err err = { "" };

	snprintf(path, sizeof path, "%s/v5-quiet.sqlite", dir);
	make_version_5(path);
	ok(db_open_progress(path, &db, NULL, &none, &err) == DB_OPEN_OK &&
	   query_int(db, "PRAGMA user_version") == db_schema_version(),
	   "a progress without a report migrates quietly");
	db_close(db);
}

int main(void)
{
	const char *dir = tap_tmpdir("test_db_progress");

	test_old_database(dir);
	test_new_database(dir);
	test_no_progress(dir);
	return tap_done();
}
