/* bench_migrate.c: how long opening a database of an older schema takes,
 * and whether progress is shown meanwhile.
 *
 *   bench/bench_migrate SRC [VERSION [DB]]
 *
 * Makes a database of schema VERSION (default 5: the last one before the
 * stored figures of the factors) holding the rows of SRC, a database of
 * the current schema (bench_data's), column by column where the old
 * schema has them, its triggers filling the old full-text indexes as the
 * program of then would have.  Then opens it with db_open_progress, as
 * stemtui does, and prints how long that took against the goal (5 s), how
 * many progress reports came and the longest time between two of them.
 * DB (default: SRC.vVERSION) is where the old database is kept: one of
 * that version already there is reused.  What is timed is opening a copy
 * of it (DB.open, removed afterwards), so the run can be repeated. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "bench_goal.h"
#include "core/db.h"
#include "core/person_name.h"
#include "core/schema.h"
#include "core/text.h"

#define GOAL_MS 5000.0

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* The processor time this process has used, in ms. */
static double cpu_ms(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000.0 +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000.0;
}

static void die(sqlite3 *db, const char *what)
{
	fprintf(stderr, "bench_migrate: %s: %s\n", what, db ? sqlite3_errmsg(db) : "failed");
	exit(1);
}

/* The SQL functions the old migrations' triggers call (db.c registers
 * them for the program). */
static void fold_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char *(*f)(const char *) = (char *(*)(const char *))sqlite3_user_data(ctx);
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	char *r;

	(void)argc;
	if (!s) {
		sqlite3_result_null(ctx);
		return;
	}
	r = f(s);
	sqlite3_result_text(ctx, r ? r : "", -1, free);
}

static void starts_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_text(ctx, person_name_starts((const char *)sqlite3_value_text(argv[0]),
						    (const char *)sqlite3_value_text(argv[1])),
			    -1, free);
}

static void register_functions(sqlite3 *db)
{
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;

	if (sqlite3_create_function(db, "st_fold", 1, flags, (void *)text_fold, fold_fn, NULL,
				    NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "st_fold_name", 1, flags, (void *)text_fold_name, fold_fn,
				    NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "st_natural_key", 1, flags, (void *)text_natural_key,
				    fold_fn, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "st_name_starts", 2, flags, NULL, starts_fn, NULL,
				    NULL) != SQLITE_OK)
		die(db, "registering functions");
}

/* The columns of table that both old.table and src.table have, as
 * "a, b, c" (caller frees); NULL when none. */
static char *common_columns(sqlite3 *db, const char *table)
{
	sqlite3_stmt *st;
	char *list = NULL;
	size_t len = 0;

	if (sqlite3_prepare_v2(db, "SELECT o.name FROM pragma_table_info(?1, 'main') o"
			       " JOIN pragma_table_info(?1, 'src') s USING (name) ORDER BY o.cid",
			       -1, &st, NULL) != SQLITE_OK)
		die(db, "columns");
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		char *grown = realloc(list, len + strlen(name) + 5);

		if (!grown)
			die(NULL, "out of memory");
		list = grown;
		len += (size_t)sprintf(list + len, "%s\"%s\"", len ? ", " : "", name);
	}
	sqlite3_finalize(st);
	return list;
}

/* Copies the rows of every ordinary table of the old schema from src
 * (not the full-text indexes, which the old triggers fill). */
static void copy_rows(sqlite3 *db)
{
	sqlite3_stmt *st;
	char sql[8192];

	if (sqlite3_prepare_v2(db, "SELECT name FROM main.sqlite_schema t WHERE type = 'table'"
			       " AND name NOT LIKE 'sqlite%' AND sql NOT LIKE 'CREATE VIRTUAL%'"
			       " AND NOT EXISTS (SELECT 1 FROM main.sqlite_schema v WHERE"
			       "  v.sql LIKE 'CREATE VIRTUAL%' AND t.name LIKE v.name || '\\_%' ESCAPE '\\')"
			       " AND name IN (SELECT name FROM src.sqlite_schema)", -1, &st,
			       NULL) != SQLITE_OK)
		die(db, "tables");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(st, 0);
		char *cols = common_columns(db, table);

		if (!cols)
			continue;
		snprintf(sql, sizeof sql, "DELETE FROM main.\"%s\"; INSERT INTO main.\"%s\" (%s)"
			 " SELECT %s FROM src.\"%s\"", table, table, cols, cols, table);
		free(cols);
		if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
			die(db, table);
	}
	sqlite3_finalize(st);
}

/* The user_version of path, or -1 when it cannot be read. */
static int version_of(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int v = -1;

	if (access(path, F_OK) != 0 || sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* Copies the database at from to to (replaced), with SQLite's backup. */
static void copy_database(const char *from, const char *to)
{
	sqlite3 *src, *dst;
	sqlite3_backup *b;
	char side[4400];

	unlink(to);
	snprintf(side, sizeof side, "%s-wal", to);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", to);
	unlink(side);
	if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_open(to, &dst) != SQLITE_OK)
		die(NULL, "copying");
	b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE)
		die(dst, "copying");
	sqlite3_backup_finish(b);
	sqlite3_close(src);
	sqlite3_close(dst);
}

static void make_old(const char *src, const char *path, int version)
{
	char sql[4300];
	sqlite3 *db;
	int i;

	unlink(path);
	if (sqlite3_open(path, &db) != SQLITE_OK)
		die(db, path);
	register_functions(db);
	for (i = 0; i < version; i++)
		if (sqlite3_exec(db, schema_migration(i), NULL, NULL, NULL) != SQLITE_OK)
			die(db, "old schema");
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d;"
		 " PRAGMA journal_mode = WAL; PRAGMA foreign_keys = OFF;"
		 " PRAGMA cache_size = -65536; BEGIN;", (int)ST_DB_APP_ID, version);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(db, "setting up");
	snprintf(sql, sizeof sql, "ATTACH '%s' AS src", src);
	if (strchr(src, '\'') || sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(db, "attaching SRC (a name without quotes, please)");
	copy_rows(db);
	if (sqlite3_exec(db, "COMMIT; DETACH src; PRAGMA wal_checkpoint(TRUNCATE);", NULL, NULL,
			 NULL) != SQLITE_OK)
		die(db, "storing");
	sqlite3_close(db);
}

struct watch {
	double start, last, longest;
	long long reports, done, total;
};

static void on_progress(void *ctx, long long done, long long total)
{
	struct watch *w = ctx;
	double t = now_ms();

	if (t - w->last > w->longest)
		w->longest = t - w->last;
	w->last = t;
	w->reports++;
	w->done = done;
	w->total = total;
}

int main(int argc, char **argv)
{
	const char *src = argc > 1 ? argv[1] : NULL;
	int version = argc > 2 ? atoi(argv[2]) : 5;
	char old[4200], path[4300];
	struct watch w = { 0 };
	st_progress progress = { on_progress, &w };
	sqlite3 *db;
	st_err err;
	double ms, cpu;
	char figure[80];

	if (!src || version < 1 || version >= db_schema_version()) {
		fprintf(stderr, "usage: bench_migrate SRC [VERSION (1-%d) [DB]]\n",
			db_schema_version() - 1);
		return 2;
	}
	snprintf(old, sizeof old, "%s", argc > 3 ? argv[3] : "");
	if (!*old)
		snprintf(old, sizeof old, "%s.v%d", src, version);
	if (version_of(old) != version) {
		printf("making a version %d copy of %s in %s ...\n", version, src, old);
		fflush(stdout);
		make_old(src, old, version);
	}
	snprintf(path, sizeof path, "%s.open", old);
	copy_database(old, path);
	cpu = cpu_ms();
	w.start = w.last = now_ms();
	if (db_open_progress(path, &db, NULL, &progress, &err) != DB_OPEN_OK) {
		fprintf(stderr, "bench_migrate: %s\n", err.msg);
		return 1;
	}
	ms = now_ms() - w.start;
	cpu = cpu_ms() - cpu;
	if (now_ms() - w.last > w.longest)
		w.longest = now_ms() - w.last;
	db_close(db);
	unlink(path);
	printf("%-48s %9.0f ms  goal <= %.0f ms: %s\n", "opening a database that needs migrating",
	       ms, GOAL_MS, ms <= GOAL_MS ? "holds" : "MISSED");
	printf("%-48s %9lld     last %lld of %lld; longest gap %.0f ms\n", "  progress reports",
	       w.reports, w.done, w.total, w.longest);
	printf("%-48s %9.0f ms\n", "  processor time", cpu);
	snprintf(figure, sizeof figure, "opening a version %d database (migrations to %d)", version,
		 db_schema_version());
	bench_goal(figure, "< 5 s, progress shown", ms < GOAL_MS && w.reports > 0,
		   "%.1f s (%.1f s processor), %lld progress reports, longest gap %.1f s", ms / 1000,
		   cpu / 1000, w.reports, w.longest / 1000);
	return 0;
}
