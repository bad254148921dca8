/* db_migrate.c: see db_migrate.h.  The migrations themselves are
 * schema.c's; this runs them, and reports how far it has got. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/db_migrate.h"
#include "core/i18n.h"
#include "core/schema.h"

/* Progress of the migrations (db_open_progress).  SQLite calls
 * count_steps every MIGRATION_STEP virtual machine instructions.  Each
 * migration gets a share of the bar by how long it takes, and moves
 * through its share by the instructions it has run: both estimated
 * beforehand from the pages of the file, as measured on the benchmark's
 * network (bench/bench_migrate, from version 1 and from version 5; the
 * times of 5 on with secure_delete FAST, two runs, those before scaled
 * alike), so the bar moves evenly without a pass to count rows first.
 * Within a migration the bar stops short of the end of its share until it
 * is done (creeping on when it runs longer than estimated), and jumps
 * there when it ends early: a file unlike the benchmark's still reaches
 * the end, in order.  A migration not listed (a new one) counts
 * as taking a moment. */
#define MIGRATION_STEP 10000
static const struct migration_cost {
	int steps;   /* instructions per page */
	int time;    /* milliseconds per 1000 pages, on a busy 2-core machine */
} migration_cost[] = {
	{ 0, 0 }, { 107, 16 }, { 387, 107 }, { 92, 19 }, { 312, 43 },
	{ 1788, 86 }, { 1592, 111 }, { 260, 89 }, { 45, 10 },
	{ 0, 0 }, { 0, 0 }, { 0, 0 }, { 0, 0 }, { 92, 13 },
	{ 0, 0 }, { 589, 57 }, { 123, 32 }, { 0, 0 }, { 227, 25 },
};

struct migration_watch {
	const st_progress *progress;
	int pages;
	long long steps, expected;  /* run by the migration under way; estimated */
	long long base, share;      /* where its share of the bar starts; how big it is */
	long long total, shown;
};

/* The estimated time (*share, in the bar's units) and instructions
 * (*steps) of migration `version`. */
static void migration_estimate(const struct migration_watch *w, int version, long long *share,
			       long long *steps)
{
	int n = (int)(sizeof migration_cost / sizeof migration_cost[0]);
	const struct migration_cost *c = version < n ? &migration_cost[version] : NULL;

	*share = MIGRATION_STEP + (c ? (long long)c->time * w->pages : 0);
	*steps = MIGRATION_STEP + (c ? (long long)c->steps * w->pages : 0);
}

static void migration_report(struct migration_watch *w, long long done)
{
	/* Every thousandth at most: a bar redrawn a million times is slow. */
	if (done == w->shown || (done < w->total && (done - w->shown) * 1000 < w->total))
		return;
	w->shown = done;
	w->progress->report(w->progress->ctx, done, w->total);
}

/* How much of its share a migration has done after `steps` of the
 * `expected` instructions: in proportion up to nine tenths, then the last
 * tenth ever more slowly (what is left shrinks as expected / steps: half
 * of it at twice the steps at nine tenths), so that a migration that runs
 * longer than estimated (a file unlike the benchmark's) still moves the
 * bar now and then instead of standing still until it ends. */
static long long migration_part(long long share, long long steps, long long expected)
{
	double x = (double)steps / (double)expected;

	if (x <= 0.9)
		return (long long)((double)share * x);
	return share - (long long)((double)share * 0.09 / x) - 1;
}

static int count_steps(void *arg)
{
	struct migration_watch *w = arg;
	long long part;

	w->steps += MIGRATION_STEP;
	part = migration_part(w->share, w->steps, w->expected);
	migration_report(w, w->base + (part < w->share ? part : w->share - 1));
	return 0;
}

/* Starts watching the migrations from `version` on (no progress: none).
 * They run with the connection's settings as they are: a larger page
 * cache and temporary tables in memory made them a fifth faster at 100 000
 * notes, but at a million the migration to version 7 took twice as long
 * with temp_store = MEMORY, and a cache of 32 or 128 MiB gained nothing
 * (bench/bench_migrate, three runs each). */
static void migration_watch_start(sqlite3 *db, int version, const st_progress *progress,
				  struct migration_watch *w)
{
	long long share, steps;
	int i;

	memset(w, 0, sizeof *w);
	if (!progress || !progress->report)
		return;
	w->progress = progress;
	db_pragma_int(db, "PRAGMA page_count", &w->pages);
	for (i = version; i < db_schema_version(); i++) {
		migration_estimate(w, i, &share, &steps);
		w->total += share;
	}
	w->progress->report(w->progress->ctx, 0, w->total);
	migration_estimate(w, version, &w->share, &w->expected);
	sqlite3_progress_handler(db, MIGRATION_STEP, count_steps, w);
}

/* Migration `version` is done: on to the next one's share. */
static void migration_watch_next(struct migration_watch *w, int version)
{
	if (!w->progress)
		return;
	w->base += w->share;
	migration_estimate(w, version + 1, &w->share, &w->expected);
	w->steps = 0;
	migration_report(w, w->base);
}

/* Stops watching; done: the migrations ended well (the bar is full). */
static void migration_watch_end(sqlite3 *db, struct migration_watch *w, bool done)
{
	if (!w->progress)
		return;
	sqlite3_progress_handler(db, 0, NULL, NULL);
	if (done)
		migration_report(w, w->total);
}

/* Runs migration `version` and sets the user_version it reaches, in the
 * caller's transaction. */
static int run_migration(sqlite3 *db, int version)
{
	char sql[64];

	snprintf(sql, sizeof sql, "PRAGMA application_id = %d", (int)ST_DB_APP_ID);
	if (version == 0 && sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_exec(db, schema_migration(version), NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", version + 1);
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* The connection's settings that the migrations change while they run,
 * put back afterwards.
 * secure_delete (on in Debian's SQLite) is FAST: the pages a migration
 * frees (the indexes it drops, the tag table it rebuilds and the copy it
 * rebuilds it from) hold copies of rows still in the database, and
 * overwriting each with zeros wrote them all once more (dropping two of
 * the indexes on a million notes: 0.8 s, 0.15 s without).  Deleted rows
 * are still overwritten within their pages.
 * foreign_keys is OFF, as SQLite asks of a migration that makes a table
 * again (15 -> 16, the tags): every row copied back was checked against
 * its note and factor once more (a third of the copy's processor time).
 * No migration deletes a row another refers to.
 * threads is 2: SQLite's sorter may use a second processor for the
 * indexes the migrations make and the figures they group (from version
 * 5, 13.9-15.5 s instead of 16.1-17.9 s on the benchmark's network). */
struct migration_pragmas {
	int secure_delete, foreign_keys, threads;   /* as they were; -1 when unknown */
};

static void migration_pragmas_set(sqlite3 *db, struct migration_pragmas *saved)
{
	if (db_pragma_int(db, "PRAGMA secure_delete", &saved->secure_delete) != SQLITE_OK)
		saved->secure_delete = -1;
	if (db_pragma_int(db, "PRAGMA foreign_keys", &saved->foreign_keys) != SQLITE_OK)
		saved->foreign_keys = -1;
	if (db_pragma_int(db, "PRAGMA threads", &saved->threads) != SQLITE_OK)
		saved->threads = -1;
	sqlite3_exec(db, "PRAGMA secure_delete = FAST; PRAGMA foreign_keys = OFF;"
		     " PRAGMA threads = 2", NULL, NULL, NULL);
}

static void migration_pragmas_restore(sqlite3 *db, const struct migration_pragmas *saved)
{
	/* 2 is FAST, which the PRAGMA takes only by name. */
	if (saved->secure_delete >= 0)
		sqlite3_exec(db, saved->secure_delete == 2 ? "PRAGMA secure_delete = FAST"
			     : saved->secure_delete ? "PRAGMA secure_delete = ON"
			     : "PRAGMA secure_delete = OFF", NULL, NULL, NULL);
	if (saved->foreign_keys >= 0)
		sqlite3_exec(db, saved->foreign_keys ? "PRAGMA foreign_keys = ON"
			     : "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
	if (saved->threads >= 0) {
		char sql[32];

		snprintf(sql, sizeof sql, "PRAGMA threads = %d", saved->threads);
		sqlite3_exec(db, sql, NULL, NULL, NULL);
	}
}

int db_migrate(sqlite3 *db, int version, const st_progress *progress, st_err *err)
{
	char reason[DB_REASON_MAX];
	struct migration_watch w;
	struct migration_pragmas saved;
	int rc = -1;

	if (version >= db_schema_version())
		return 0;
	/* A new file (version 0) is made in a moment: nothing to show. */
	migration_watch_start(db, version, version > 0 ? progress : NULL, &w);
	migration_pragmas_set(db, &saved);
	while (version < db_schema_version()) {
		if (db_begin(db, err) != 0)
			goto end;
		/* Read the version again inside the write lock: another stemtui
		 * may have migrated while we waited for it. */
		if (db_pragma_int(db, "PRAGMA user_version", &version) != SQLITE_OK)
			goto fail;
		if (version >= db_schema_version()) {
			db_rollback(db);
			break;
		}
		if (run_migration(db, version) != 0)
			goto fail;
		if (db_commit(db, err) != 0)
			goto end;
		migration_watch_next(&w, version);
		version++;
	}
	rc = 0;
	goto end;
fail:
	st_err_set(err, _("cannot update the database schema to version %d: %s"),
		   version + 1, db_failure_reason(db, reason, sizeof reason));
	db_rollback(db);
end:
	migration_pragmas_restore(db, &saved);
	migration_watch_end(db, &w, rc == 0);
	return rc;
}
