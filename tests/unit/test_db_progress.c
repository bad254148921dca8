/* test_db_progress.c: db_open_progress reports how far the migrations of
 * an older database have got, from the first report to the end. */
#include "config.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "../tap.h"
#include "old_database.h"

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

static long long query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* secure_delete as this SQLite was built (Debian's: on), which the
 * migrations set to FAST while they run. */
static int compiled_secure_delete(void)
{
	sqlite3 *mem;
	int v;

	if (sqlite3_open(":memory:", &mem) != SQLITE_OK)
		return -1;
	v = (int)query_int(mem, "PRAGMA secure_delete");
	sqlite3_close(mem);
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
	old_database(path, 5, 3000);
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
	is_int((int)query_int(db, "PRAGMA secure_delete"), compiled_secure_delete(),
	       "  secure_delete is as SQLite was built again after the migrations");
	is_int((int)query_int(db, "PRAGMA foreign_keys"), 1, "  and foreign keys are on again");
	is_int((int)query_int(db, "PRAGMA threads"), 0,
	       "  and statements use one processor again, as SQLite's default");
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
	old_database(path, 5, 3000);
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
