/* bench_sync.c: what sync costs: a colleague's 10 000 notes with their
 * tags applied here, and a sync with nothing new.
 *
 * Two databases in a scratch folder join one network through a shared
 * folder.  Then A writes N notes (default 10 000), each with one or two
 * tags, in one transaction (recorded for sync as the program records
 * every write), and syncs: its sync file is written.  B syncs: the file
 * is checked and applied.  Then B syncs again with nothing new.  Each
 * figure is the wall time of that one step, in milliseconds, with the
 * size of the sync file.
 *
 *   make bench-sync          (or: bench/bench_sync [N])
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/codebook.h"
#include "core/codebook_import.h"
#include "core/db.h"
#include "core/rowids.h"
#include "core/sync.h"
#include "core/syncfile.h"

#define MAX_FACTORS 256

static void die(const char *what, const char *msg)
{
	fprintf(stderr, "bench_sync: %s: %s\n", what, msg);
	exit(1);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static sqlite3 *open_new(const char *dir, const char *name)
{
	char path[4096];
	sqlite3 *db;
	bool created;
	st_err err;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (db_open(path, &db, &created, &err) != DB_OPEN_OK)
		die(path, err.msg);
	if (codebook_import_shipped(db, &err) != 0)
		die("codebook", err.msg);
	/* A hundred sessions, as a network's 10 000 notes spread. */
	if (sqlite3_exec(db, "INSERT INTO programme (id, name, school_year) VALUES (1, 'Bench', '2026-2027');"
			 "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 100)"
			 " INSERT INTO session (id, programme_id, code, code_key, kind, title, date)"
			 " SELECT i, 1, printf('COP %03d', i), printf('cop %03d', i), 'groeisessie',"
			 " 'Groeisessie', '2026-11-09' FROM k",
			 NULL, NULL, NULL) != SQLITE_OK)
		die("programme", sqlite3_errmsg(db));
	return db;
}

static double sync_ms(sqlite3 *db, const char *folder, sync_report *r)
{
	double t0 = now_ms();
	st_err err;

	if (sync_folder(db, folder, "bench", NULL, r, &err) != 0)
		die("sync", err.msg);
	return now_ms() - t0;
}

/* n notes spread over the 100 sessions (their ids in the table session,
 * which joining a network changed), each with one or two tags, in one
 * transaction. */
static double write_notes(sqlite3 *db, int n)
{
	long long factor[MAX_FACTORS];
	long long session[100];
	sqlite3_stmt *note, *tag, *f;
	double t0 = now_ms();
	int nf = 0, ns = 0, i;
	st_err err;

	f = db_prepare(db, "SELECT id FROM factor WHERE parent_id IS NOT NULL ORDER BY id", &err);
	while (f && nf < MAX_FACTORS && sqlite3_step(f) == SQLITE_ROW)
		factor[nf++] = sqlite3_column_int64(f, 0);
	sqlite3_finalize(f);
	f = db_prepare(db, "SELECT id FROM session ORDER BY id", &err);
	while (f && ns < 100 && sqlite3_step(f) == SQLITE_ROW)
		session[ns++] = sqlite3_column_int64(f, 0);
	sqlite3_finalize(f);
	if (nf == 0)
		die("factors", "none");
	note = db_prepare(db, "INSERT INTO note (id, session_id, kind, body, author, created_at,"
			      " updated_at) VALUES (?1, ?2, 'observation', ?3, 'bench',"
			      " '2026-11-09 10:00:00', '2026-11-09 10:00:00')", &err);
	tag = db_prepare(db, "INSERT OR IGNORE INTO tag (note_id, factor_id, polarity)"
			     " VALUES (?1, ?2, ?3)", &err);
	if (!note || !tag || db_begin(db, &err) != 0)
		die("write", err.msg);
	for (i = 0; i < n; i++) {
		char body[160];
		long long id = rowid_random();
		int k;

		snprintf(body, sizeof body, "De STEM-trekker van school %d neemt het team mee in"
			 " het onderzoekend leren (notitie %d)", i % 97, i);
		sqlite3_bind_int64(note, 1, id);
		sqlite3_bind_int64(note, 2, session[i % ns]);
		sqlite3_bind_text(note, 3, body, -1, SQLITE_TRANSIENT);
		if (db_step_reset(db, note, &err) != 0)
			die("note", err.msg);
		for (k = 0; k < 1 + i % 2; k++) {
			sqlite3_bind_int64(tag, 1, id);
			sqlite3_bind_int64(tag, 2, factor[(i * 7 + k * 13) % nf]);
			sqlite3_bind_int(tag, 3, k ? -1 : 1);
			if (db_step_reset(db, tag, &err) != 0)
				die("tag", err.msg);
		}
	}
	sqlite3_finalize(note);
	sqlite3_finalize(tag);
	if (db_commit(db, &err) != 0)
		die("commit", err.msg);
	return now_ms() - t0;
}

static long long folder_bytes(const char *folder, const char *db_id, long long seq)
{
	char *name = syncfile_name(db_id, seq), path[4400];
	struct stat st;

	snprintf(path, sizeof path, "%s/%s", folder, name ? name : "");
	free(name);
	return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 10000;
	char dir[] = "/tmp/bench-sync-XXXXXX", folder[4200];
	sqlite3 *a, *b;
	sync_report r;
	syncid_self self;
	st_err err;
	sqlite3_stmt *st;
	double w, base, out, in, none;
	long long notes = 0;

	if (n <= 0 || !mkdtemp(dir))
		die("setup", "give a number of notes; /tmp must be writable");
	snprintf(folder, sizeof folder, "%s/share", dir);
	if (mkdir(folder, 0700) != 0)
		die(folder, "cannot make it");
	/* The same writes in a database of no network: what recording costs. */
	a = open_new(dir, "c.sqlite");
	w = write_notes(a, n);
	db_close(a);
	a = open_new(dir, "a.sqlite");
	b = open_new(dir, "b.sqlite");
	sync_ms(a, folder, &r);
	sync_report_free(&r);
	sync_ms(b, folder, &r);
	sync_report_free(&r);
	base = w;
	w = write_notes(a, n);
	out = sync_ms(a, folder, &r);
	if (syncid_read_self(a, &self, &err) != 0)
		die("self", err.msg);
	printf("bench_sync: %d notes with %d tags written in one transaction\n", n, n + n / 2);
	printf("  in a database of no network:                        %8.0f ms\n", base);
	printf("  by A, recorded for sync:                            %8.0f ms\n", w);
	printf("  A writes its sync file (%lld changes, %lld bytes):   %8.0f ms\n",
	       r.written_changes, folder_bytes(folder, self.database_id, r.written_seq), out);
	sync_report_free(&r);
	in = sync_ms(b, folder, &r);
	sync_report_free(&r);
	st = db_prepare(b, "SELECT count(*) FROM note", &err);
	if (st && sqlite3_step(st) == SQLITE_ROW)
		notes = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	printf("  B applies them (now %lld notes):                    %8.0f ms\n", notes, in);
	none = sync_ms(b, folder, &r);
	sync_report_free(&r);
	printf("  B syncs again, nothing new:                         %8.1f ms\n", none);
	db_close(a);
	db_close(b);
	snprintf(folder, sizeof folder, "rm -rf '%s'", dir);
	if (system(folder) != 0)
		fprintf(stderr, "bench_sync: %s left behind\n", dir);
	return 0;
}
