/* sync_fixture.c: the sync tests' clock, laptops and dumps (see
 * sync_fixture.h). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/codebook_import.h"
#include "core/db.h"
#include "core/notes.h"
#include "core/programme_import.h"
#include "core/sync.h"
#include "core/sync_tables.h"
#include "../tap.h"
#include "fixture.h"
#include "sync_fixture.h"

/* ---- the clock ----------------------------------------------------------- */

/* Milliseconds since the Julian epoch, as SQLite counts them. */
static sqlite3_int64 clock_ms;
static sqlite3_vfs clock_vfs;

static int clock_now64(sqlite3_vfs *vfs, sqlite3_int64 *t)
{
	(void)vfs;
	*t = clock_ms;
	return SQLITE_OK;
}

static int clock_now(sqlite3_vfs *vfs, double *t)
{
	(void)vfs;
	*t = (double)clock_ms / 86400000.0;
	return SQLITE_OK;
}

/* SQLite's randomness (rowid_random's ids), from the seed. */
static unsigned long long random_state = 0x5354454d;

static int seeded_randomness(sqlite3_vfs *vfs, int n, char *out)
{
	int i;

	(void)vfs;
	for (i = 0; i < n; i++) {
		unsigned long long z = (random_state += 0x9e3779b97f4a7c15ULL);

		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
		out[i] = (char)(z ^ (z >> 31));
	}
	return n;
}

void clock_seed(unsigned long long seed)
{
	random_state = seed;
	sqlite3_randomness(0, NULL);
}

void clock_fork_child(void)
{
	clock_seed(random_state ^ (unsigned long long)getpid() << 20);
}

/* SQLite names its temporary files (a statement journal that outgrows
 * memory, as applying a big file does) from its randomness: seeded, every
 * test program makes the same names in the same order.  In a folder all
 * share (/var/tmp), two running at once (two build folders' make check)
 * would take the same name: SQLite then opens the other's file read-only
 * and fails with an I/O error that rolls back the transaction.  So they
 * are made in this program's scratch folder. */
static void private_temp_files(void)
{
	const char *dir = fixture_path("sqlite-temp");

	if (mkdir(dir, 0700) != 0 || !(sqlite3_temp_directory = sqlite3_mprintf("%s", dir))) {
		printf("Bail out! cannot make %s\n", dir);
		exit(99);
	}
}

void clock_install(void)
{
	sqlite3_vfs *real = sqlite3_vfs_find(NULL);

	if (!real || real->iVersion < 2) {
		printf("Bail out! no VFS to put a clock in\n");
		exit(99);
	}
	private_temp_files();
	/* The default VFS's methods with its own data (pAppData): only the
	 * time is the test's. */
	clock_vfs = *real;
	clock_vfs.pNext = NULL;
	clock_vfs.zName = "stemtui-test-clock";
	clock_vfs.xCurrentTime = clock_now;
	clock_vfs.xCurrentTimeInt64 = clock_now64;
	clock_vfs.xRandomness = seeded_randomness;
	/* 2026-03-02 09:00:00 UTC: 1772442000 s after 1970, which is Julian
	 * day 2440587.5. */
	clock_ms = 210866760000000LL + 1772442000LL * 1000;
	if (sqlite3_vfs_register(&clock_vfs, 1) != SQLITE_OK) {
		printf("Bail out! cannot register the test clock\n");
		exit(99);
	}
}

void clock_tick(long long ms)
{
	clock_ms += ms;
}

/* ---- strings kept until exit --------------------------------------------- */

static char *kept[4096];
static int nkept;

static void free_kept(void)
{
	while (nkept)
		free(kept[--nkept]);
}

static const char *keep(char *s)
{
	if (!s || nkept == (int)(sizeof kept / sizeof kept[0])) {
		printf("Bail out! out of memory (sync_fixture keeps %d strings)\n", nkept);
		exit(99);
	}
	if (!nkept)
		atexit(free_kept);
	return kept[nkept++] = s;
}

/* Once a dump is compared it is no longer needed: the property test
 * makes thousands.  Frees the newest kept strings down to mark. */
static void release_to(int mark)
{
	while (nkept > mark)
		free(kept[--nkept]);
}

/* ---- laptops ------------------------------------------------------------- */

sqlite3 *laptop_new(const char *name)
{
	sqlite3 *db = open_db(name);
	st_err err = { "" };

	if (programme_import_shipped(db, &err) != 0 || codebook_import_shipped(db, &err) != 0) {
		printf("Bail out! %s: %s\n", name, err.msg);
		exit(99);
	}
	/* What a power cut would lose is not tested here (a killed process
	 * loses nothing the system has): no waiting for the disk. */
	exec(db, "PRAGMA synchronous = OFF");
	return db;
}

int laptop_sync(sqlite3 *db, const char *folder, const char *who, sync_report *report)
{
	sync_report r;
	st_err err = { "" };
	int i, rc;

	rc = sync_folder(db, folder, who, NULL, &r, &err);
	if (rc != 0)
		diag("sync of %s failed: %s", who, err.msg);
	for (i = 0; i < r.nrefused; i++)
		diag("%s refused: %s", who, r.refused[i]);
	if (rc == 0)
		rc = r.nrefused;
	if (report)
		*report = r;
	else
		sync_report_free(&r);
	return rc;
}

/* ---- three laptops of one test ------------------------------------------ */

const char *const laptop_who[LAPTOPS] = { "Anna", "Bert", "Carla" };

const char *test_name(const char *fmt, ...)
{
	static char name[8][160];
	static int next;
	char *s = name[next++ % 8];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s, sizeof name[0], fmt, ap);
	va_end(ap);
	return s;
}

const char *shared_folder(const char *name)
{
	const char *folder = fixture_path(name);

	if (mkdir(folder, 0700) != 0) {
		printf("Bail out! mkdir %s\n", folder);
		exit(99);
	}
	return folder;
}

void laptops_new(sqlite3 *lap[LAPTOPS], const char *prefix)
{
	static const char *const file[LAPTOPS] = { "anna", "bert", "carla" };
	char sql[96];
	int l;

	for (l = 0; l < LAPTOPS; l++) {
		lap[l] = laptop_new(test_name("%s-%s.db", prefix, file[l]));
		snprintf(sql, sizeof sql, "UPDATE sync_self SET database_id ="
			 " '%c%c%c%c%c%c%c%c-0000-4000-8000-00000000000%d'", 'a' + l, 'a' + l,
			 'a' + l, 'a' + l, 'a' + l, 'a' + l, 'a' + l, 'a' + l, l + 1);
		exec(lap[l], sql);
	}
}

bool laptops_sync(sqlite3 *const lap[LAPTOPS], const char *folder, const char *order,
		  long long tick_ms)
{
	int bad = 0;

	for (; *order; order++) {
		bad += laptop_sync(lap[*order - '0'], folder, laptop_who[*order - '0'], NULL) != 0;
		clock_tick(tick_ms);
	}
	return bad == 0;
}

bool laptops_alike(sqlite3 *const lap[LAPTOPS])
{
	const char *a = travelling_dump(lap[0]), *o;
	size_t i = 0;
	int l;

	for (l = 1; l < LAPTOPS; l++) {
		o = travelling_dump(lap[l]);
		if (strcmp(a, o) == 0)
			continue;
		while (a[i] && a[i] == o[i])
			i++;
		while (i > 0 && a[i - 1] != '\n')
			i--;
		diag("%s and %s differ; first difference: %.300s\n# ---- and ----\n# %.300s",
		     laptop_who[0], laptop_who[l], a + i, o + i);
		return false;
	}
	return true;
}

void laptops_close(sqlite3 *lap[LAPTOPS])
{
	int l;

	for (l = 0; l < LAPTOPS; l++)
		db_close(lap[l]);
}

void must(int rc, const char *what, const st_err *err)
{
	if (rc < 0) {
		printf("Bail out! %s: %s\n", what, err->msg);
		exit(99);
	}
}

long long laptop_note(sqlite3 *db, long long session, const char *author, const char *body)
{
	st_note n;
	st_err err = { "" };

	memset(&n, 0, sizeof n);
	n.session_id = session;
	n.kind = "observation";
	n.body = (char *)body;
	n.group_label = "";
	n.author = (char *)author;
	must(note_add(db, &n, &err), "note_add", &err);
	clock_tick(1000);
	return n.id;
}

/* ---- dumps --------------------------------------------------------------- */

/* "SELECT cols FROM table ORDER BY its primary key" for table, leaving
 * out the column named skip (may be NULL). */
static char *select_of(sqlite3 *db, const char *table, const char *skip)
{
	sqlite3_stmt *st;
	char *cols = NULL, *order = NULL, *sql;

	if (sqlite3_prepare_v2(db, "SELECT name, pk FROM pragma_table_info(?1) ORDER BY pk, cid",
			       -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *col = (const char *)sqlite3_column_text(st, 0);

		if (skip && strcmp(col, skip) == 0)
			continue;
		cols = sqlite3_mprintf("%z%s\"%w\"", cols, cols ? ", " : "", col);
		if (sqlite3_column_int(st, 1) > 0)
			order = sqlite3_mprintf("%z%s\"%w\"", order, order ? ", " : "", col);
	}
	sqlite3_finalize(st);
	sql = sqlite3_mprintf("SELECT %s FROM \"%w\"%s%s", cols ? cols : "*", table,
			      order ? " ORDER BY " : " ORDER BY rowid", order ? order : "");
	sqlite3_free(cols);
	sqlite3_free(order);
	return sql;
}

static void dump_table(sqlite3 *db, struct buf *b, const char *table, const char *skip)
{
	char *sql = select_of(db, table, skip), *rows;
	const char *q = sql;

	if (!sql) {
		printf("Bail out! cannot read the columns of %s\n", table);
		exit(99);
	}
	rows = dump_rows(db, &q, 1);
	buf_add(b, "== ");
	buf_add(b, table);
	buf_add(b, "\n");
	buf_add(b, rows);
	free(rows);
	sqlite3_free(sql);
}

const char *travelling_dump(sqlite3 *db)
{
	struct buf b = { NULL, 0, 0 };
	int i;

	buf_add(&b, "");
	for (i = 0; i < sync_table_count; i++)
		dump_table(db, &b, sync_tables[i].name, NULL);
	return keep(b.s);
}

const char *whole_dump(sqlite3 *db)
{
	struct buf b = { NULL, 0, 0 };
	sqlite3_stmt *st;

	buf_add(&b, "");
	if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
			       " AND name NOT LIKE 'sqlite_%' AND name <> 'sync_log'"
			       " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
			       -1, &st, NULL) != SQLITE_OK) {
		printf("Bail out! %s\n", sqlite3_errmsg(db));
		exit(99);
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);

		dump_table(db, &b, name, strcmp(name, "sync_self") == 0 ? "last_sync" : NULL);
	}
	sqlite3_finalize(st);
	return keep(b.s);
}

const char *changeset_tables(const void *p, int n)
{
	struct buf b = { NULL, 0, 0 };
	sqlite3_changeset_iter *it;
	const char *last = NULL;
	char *copy = NULL;

	buf_add(&b, "");
	if (sqlite3changeset_start(&it, n, (void *)p) != SQLITE_OK)
		return keep(strdup("(unreadable)"));
	while (sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *tab;
		int ncol, op, indirect;

		sqlite3changeset_op(it, &tab, &ncol, &op, &indirect);
		if (last && strcmp(last, tab) == 0)
			continue;
		buf_add(&b, b.len ? "," : "");
		buf_add(&b, tab);
		free(copy);
		last = copy = strdup(tab);
	}
	free(copy);
	if (sqlite3changeset_finalize(it) != SQLITE_OK) {
		free(b.s);
		return keep(strdup("(unreadable)"));
	}
	return keep(b.s);
}

int sync_fixture_mark(void)
{
	return nkept;
}

void sync_fixture_release(int mark)
{
	release_to(mark);
}
