/* test_db.c: opening, creating, refusing and migrating the database. */
#include "config.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "core/db.h"
#include "core/state.h"
#include "../tap.h"
#include "fixture.h"

/* A file's whole contents, to prove that a refused file was not touched. */
struct snapshot {
	char *bytes;
	size_t len;
	struct timespec mtime;
	bool ok;
};

static struct snapshot snap_take(const char *path)
{
	struct snapshot s = { NULL, 0, { 0, 0 }, false };
	struct stat sb;
	FILE *f = fopen(path, "rb");
	size_t got;

	if (!f || fstat(fileno(f), &sb) != 0) {
		if (f)
			fclose(f);
		return s;
	}
	s.len = (size_t)sb.st_size;
	s.mtime = sb.st_mtim;
	s.bytes = malloc(s.len + 1);
	got = s.bytes ? fread(s.bytes, 1, s.len, f) : 0;
	fclose(f);
	s.ok = s.bytes && got == s.len;
	return s;
}

static bool snap_same(const struct snapshot *a, const struct snapshot *b)
{
	return a->ok && b->ok && a->len == b->len && memcmp(a->bytes, b->bytes, a->len) == 0 &&
	       a->mtime.tv_sec == b->mtime.tv_sec && a->mtime.tv_nsec == b->mtime.tv_nsec;
}

static void snap_free(struct snapshot *s)
{
	free(s->bytes);
	s->bytes = NULL;
}

/* Sets the file's times far in the past, so that any write would show. */
static void age_file(const char *path)
{
	struct timespec old[2] = { { 1000000000, 0 }, { 1000000000, 0 } };

	if (utimensat(AT_FDCWD, path, old, 0) != 0)
		perror(path);
}

static char *path_in(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	if (!p)
		exit(99);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

static int mode_of(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (int)(sb.st_mode & 07777) : -1;
}

static bool exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

/* No -wal, -shm or -journal beside path: SQLite was not left writing. */
static bool no_side_files(const char *path)
{
	static const char *const suffix[] = { "-wal", "-shm", "-journal" };
	char side[4096];
	size_t i;

	for (i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		snprintf(side, sizeof side, "%s%s", path, suffix[i]);
		if (exists(side))
			return false;
	}
	return true;
}

/* Writes bytes to a new file. */
static void write_bytes(const char *path, const char *bytes, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(bytes, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		exit(99);
	}
}

/* Runs sql on a connection made with SQLite alone, not db_open. */
static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	char *msg = NULL;

	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		printf("Bail out! %s: %s\n", path, msg ? msg : sqlite3_errmsg(db));
		exit(99);
	}
	sqlite3_close(db);
}

static void check_schema(sqlite3 *db)
{
	static const char tables[] =
		"SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master"
		" WHERE type = 'table' ORDER BY name)";

	is_int(query_int(db, "PRAGMA user_version"), db_schema_version(),
	       "user_version is the schema version");
	ok(db_schema_version() >= 1, "there is at least one migration");
	is_int(query_int(db, "PRAGMA application_id"), ST_DB_APP_ID,
	       "application_id is ST_DB_APP_ID");
	is_str(query_text(db, tables),
	       "attendance,attendance_log,coaching,draft,factor,factor_anc,fig_note,fig_pair,"
	       "fig_pair_total,fig_scope,fig_scope_org,fig_session,fig_session_notes,fig_total,fig_total_org,local_state,note,note_fts,note_fts_config,"
	       "note_fts_data,note_fts_docsize,note_fts_idx,note_revision,organisation,person,person_focus,"
	       "person_name,person_name_config,person_name_content,person_name_data,"
	       "person_name_docsize,person_name_idx,person_name_start,"
	       "programme,roster_version,session,sync_decision,sync_field_time,sync_log,sync_member,sync_outbox,"
	       "sync_peer,sync_redirect,sync_self,sync_tombstone,tag",
	       "the migration from version 0 made every table");
	is_int(query_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
			     " AND name = 'session_by_kind_date'"), 1,
	       "and its indexes");
	is_int(query_int(db, "SELECT count(*) FROM programme"), 0, "a new database is empty");
}

static void check_connection(sqlite3 *db)
{
	is_int(query_int(db, "PRAGMA foreign_keys"), 1, "foreign keys are on");
	is_str(query_text(db, "PRAGMA journal_mode"), "wal", "journal_mode is WAL");
	is_str(query_text(db, "SELECT st_fold('Zoë')"), "zoe", "st_fold is available in SQL");
	is_str(query_text(db, "SELECT st_fold('ÉCOLE Françoise')"), "ecole francoise",
	       "st_fold folds case and accents");
	is_str(query_text(db, "SELECT st_natural_key('COP 9') < st_natural_key('COP 10')"), "1",
	       "st_natural_key sorts COP 9 before COP 10");
	ok(sqlite3_db_readonly(db, "main") == 0, "the connection can write");
}

static void check_foreign_keys(sqlite3 *db)
{
	static const char bad[] =
		"INSERT INTO session (programme_id, code, code_key, kind, date)"
		" VALUES (999, 'COP 01', 'cop 01', 'focusgroep', '2018-11')";
	static const char good[] =
		"INSERT INTO programme (name) VALUES ('P');"
		"INSERT INTO session (programme_id, code, code_key, kind, date)"
		" VALUES (last_insert_rowid(), 'COP 01', 'cop 01', 'focusgroep', '2018-11')";
	int rc;

	rc = sqlite3_exec(db, bad, NULL, NULL, NULL);
	is_int(rc, SQLITE_CONSTRAINT, "a session of a missing programme is refused");
	is_int(query_int(db, "SELECT count(*) FROM session"), 0, "and not stored");
	rc = sqlite3_exec(db, good, NULL, NULL, NULL);
	is_int(rc, SQLITE_OK, "the same session of an existing programme is stored");
	rc = sqlite3_exec(db, "DELETE FROM programme", NULL, NULL, NULL);
	is_int(rc, SQLITE_OK, "the programme can be deleted");
	is_int(query_int(db, "SELECT count(*) FROM session"), 0,
	       "deleting the programme cascades to its sessions");
}

static void check_transactions(sqlite3 *db)
{
	st_err err = { "" };

	is_int(db_begin(db, &err), 0, "db_begin starts a transaction");
	ok(!sqlite3_get_autocommit(db), "a transaction is open");
	sqlite3_exec(db, "INSERT INTO programme (name) VALUES ('rolled back')", NULL, NULL, NULL);
	db_rollback(db);
	ok(sqlite3_get_autocommit(db), "db_rollback ends it");
	is_int(query_int(db, "SELECT count(*) FROM programme"), 0, "and undoes its writes");
	db_rollback(db);
	ok(sqlite3_get_autocommit(db), "db_rollback outside a transaction is harmless");
	is_int(db_begin(db, &err), 0, "db_begin again");
	sqlite3_exec(db, "INSERT INTO programme (name) VALUES ('kept')", NULL, NULL, NULL);
	is_int(db_commit(db, &err), 0, "db_commit");
	is_int(query_int(db, "SELECT count(*) FROM programme"), 1, "keeps the writes");
	is_int(db_commit(db, &err), -1, "db_commit without a transaction fails");
	has_str(err.msg, "cannot save", "and says so");
	sqlite3_exec(db, "DELETE FROM programme", NULL, NULL, NULL);
}

/* A missing file in missing folders: made private, and set up. */
static char *test_create(const char *dir)
{
	char *top = path_in(dir, "missing"), *sub = path_in(top, "sub");
	char *path = path_in(sub, "stemtui.db"), *wal = path_in(sub, "stemtui.db-wal");
	st_err err = { "" };
	sqlite3 *db = NULL;
	bool created = false;
	enum db_open_status status;

	umask(022);
	status = db_open(path, &db, &created, &err);
	is_int(status, DB_OPEN_OK, "db_open creates a missing database");
	if (status != DB_OPEN_OK)
		diag("%s", err.msg);
	ok(db != NULL, "and returns a connection");
	ok(created, "*created is true for a new file");
	is_int(mode_of(top), 0700, "a missing folder is made 0700");
	is_int(mode_of(sub), 0700, "and so is the one below it");
	is_int(mode_of(path), 0600, "the file is made 0600 despite umask 022");
	if (!db)
		exit(99);
	check_schema(db);
	check_connection(db);
	check_foreign_keys(db);
	check_transactions(db);
	is_int(mode_of(wal), 0600, "the WAL file is private too");
	db_close(db);
	db_close(NULL);
	ok(1, "db_close(NULL) is harmless");
	free(top);
	free(sub);
	free(wal);
	return path;
}

static void test_reopen(const char *path)
{
	struct snapshot before, after;
	st_err err = { "" };
	sqlite3 *db = NULL;
	bool created = true;

	before = snap_take(path);
	is_int(db_open(path, &db, &created, &err), DB_OPEN_OK, "reopening works");
	ok(!created, "*created is false for an existing database");
	is_int(query_int(db, "PRAGMA user_version"), db_schema_version(),
	       "user_version is unchanged");
	is_int(query_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"), 46,
	       "the tables are all there");
	db_close(db);
	after = snap_take(path);
	ok(before.ok && after.ok && before.len == after.len &&
	   memcmp(before.bytes, after.bytes, before.len) == 0,
	   "reopening and closing changes no byte of the file");
	snap_free(&before);
	snap_free(&after);
}

/* db_open must refuse path with `want`, with a message containing words,
 * without writing anything. */
static void expect_refused(const char *path, enum db_open_status want, const char *words,
			   const char *what)
{
	struct snapshot before, after;
	st_err err = { "" };
	sqlite3 *db = (sqlite3 *)(void *)&err; /* must become NULL */
	bool created = false;
	char name[256];

	age_file(path);
	before = snap_take(path);
	snprintf(name, sizeof name, "%s is refused", what);
	is_int(db_open(path, &db, &created, &err), want, name);
	ok(db == NULL, "  *out is NULL");
	has_str(err.msg, words, "  the message says why");
	has_str(err.msg, path, "  and names the file");
	after = snap_take(path);
	ok(snap_same(&before, &after), "  the file's bytes and mtime are unchanged");
	ok(no_side_files(path), "  no journal or WAL file is left beside it");
	snap_free(&before);
	snap_free(&after);
}

static void test_text_file(const char *dir)
{
	static const char line[] = "hello, not a database\n";
	char *path = path_in(dir, "text.db"), text[2048] = "";
	size_t n = 0;

	while (n + sizeof line < sizeof text) {
		memcpy(text + n, line, sizeof line - 1);
		n += sizeof line - 1;
	}
	ok(n > 1024, "the text file is over 1 KiB");
	write_bytes(path, text, n);
	expect_refused(path, DB_OPEN_NOT_STEMTUI, "not an SQLite file", "a text file");
	free(path);
}

static void test_other_sqlite(const char *dir)
{
	char *path = path_in(dir, "other.db"), *plain = path_in(dir, "plain.db");

	raw_exec(path, "PRAGMA application_id = 42;"
		       "CREATE TABLE t (x); INSERT INTO t VALUES ('theirs');");
	expect_refused(path, DB_OPEN_NOT_STEMTUI, "not a stemtui one",
		       "an SQLite database with another application_id");
	raw_exec(plain, "CREATE TABLE t (x); INSERT INTO t VALUES ('theirs');");
	expect_refused(plain, DB_OPEN_NOT_STEMTUI, "not a stemtui one",
		       "an SQLite database without application_id");
	free(path);
	free(plain);
}

static void test_too_new(const char *dir)
{
	char *path = path_in(dir, "newer.db"), sql[64];
	st_err err = { "" };
	sqlite3 *db = NULL;
	bool created = false;

	is_int(db_open(path, &db, &created, &err), DB_OPEN_OK, "made a database to age");
	db_close(db);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", db_schema_version() + 1);
	raw_exec(path, sql);
	expect_refused(path, DB_OPEN_TOO_NEW, "newer", "a database from a newer stemtui");
	free(path);
}

/* A stemtui database whose user_version was reset: damaged, not new. */
static void test_no_version(const char *dir)
{
	char *path = path_in(dir, "noversion.db");
	st_err err = { "" };
	sqlite3 *db = NULL;
	bool created = false;

	is_int(db_open(path, &db, &created, &err), DB_OPEN_OK, "made a database to reset");
	db_close(db);
	raw_exec(path, "PRAGMA user_version = 0");
	expect_refused(path, DB_OPEN_CORRUPT, "schema version",
		       "a stemtui database whose user_version is 0");
	free(path);
}

/* Makes folder, holding a copy of src named name, which this user cannot
 * write: mode 0555 (the file 0444) for a user; for root, whom modes do
 * not stop, a read-only tmpfs.  False when neither can be made. */
static bool read_only_copy(const char *src, const char *folder, const char *name)
{
	struct snapshot s = snap_take(src);
	char *dst = path_in(folder, name);
	bool root = geteuid() == 0, made;

	mkdir(folder, 0700);
	made = s.ok && (!root || mount("tmpfs", folder, "tmpfs", 0, "size=16m") == 0);
	if (made)
		write_bytes(dst, s.bytes, s.len);
	if (made && root)
		made = mount(NULL, folder, NULL, MS_REMOUNT | MS_RDONLY, NULL) == 0;
	else if (made)
		made = chmod(dst, 0444) == 0 && chmod(folder, 0555) == 0;
	snap_free(&s);
	free(dst);
	return made;
}

/* A database on read-only media or in a folder of another person: read,
 * never written (WAL would need a -shm file beside it). */
static void test_read_only(const char *dir)
{
	char *src = path_in(dir, "to-lock.db"), *folder = path_in(dir, "locked");
	char *path = path_in(folder, "locked.db");
	struct snapshot before, after;
	st_err err = { "" };
	sqlite3 *db = NULL;
	bool created = true;

	if (db_open(src, &db, NULL, &err) != DB_OPEN_OK)
		exit(99);
	sqlite3_exec(db, "INSERT INTO programme (name) VALUES ('Kept')", NULL, NULL, NULL);
	db_close(db);
	db = NULL;
	if (!read_only_copy(src, folder, "locked.db")) {
		for (int i = 0; i < 8; i++)
			ok(1, "# SKIP cannot make a read-only folder here");
		free(src);
		free(folder);
		free(path);
		return;
	}
	before = snap_take(path);
	is_int(db_open(path, &db, &created, &err), DB_OPEN_OK,
	       "a database in a folder that cannot be written opens");
	if (!db)
		diag("%s", err.msg);
	ok(!created, "  as an existing one");
	ok(db && db_read_only(db), "  read-only");
	is_str(query_text(db, "SELECT name FROM programme"), "Kept", "  and reads");
	is_int(db_begin(db, &err), -1, "a write is refused");
	has_str(err.msg, "read-only", "  saying the database is read-only");
	db_close(db);
	after = snap_take(path);
	ok(snap_same(&before, &after), "the file is unchanged");
	ok(no_side_files(path), "and no -wal or -shm file was made");
	snap_free(&before);
	snap_free(&after);
	if (geteuid() == 0)
		umount2(folder, MNT_DETACH);
	else
		chmod(folder, 0700);
	free(src);
	free(folder);
	free(path);
}

static void test_empty_file(const char *dir)
{
	char *path = path_in(dir, "empty.db");
	st_err err = { "" };
	sqlite3 *db = NULL;
	bool created = false;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);

	if (fd < 0 || close(fd) != 0)
		exit(99);
	is_int(db_open(path, &db, &created, &err), DB_OPEN_OK, "an empty file is opened");
	ok(created, "and counts as created");
	is_int(query_int(db, "PRAGMA user_version"), db_schema_version(),
	       "and is brought to the schema version");
	is_int(query_int(db, "PRAGMA application_id"), ST_DB_APP_ID, "and marked as ours");
	db_close(db);
	free(path);
}

static void test_directory(const char *dir)
{
	st_err err = { "" };
	sqlite3 *db = NULL;
	bool created = false;

	is_int(db_open(dir, &db, &created, &err), DB_OPEN_NOT_STEMTUI, "a folder is refused");
	has_str(err.msg, "not a regular file", "  as not a regular file");
}

/* What this laptop remembers (the folder of the last export). */
static void test_local_state(const char *dir)
{
	char path[4096], value[32];
	sqlite3 *db = NULL;
	st_err err;

	snprintf(path, sizeof path, "%s/state.sqlite", dir);
	if (db_open(path, &db, NULL, &err) != DB_OPEN_OK) {
		printf("Bail out! %s\n", err.msg);
		exit(99);
	}
	is_int(state_get(db, STATE_EXPORT_FOLDER, value, sizeof value, &err), 0,
	       "a new database remembers no export folder");
	is_int(state_set(db, STATE_EXPORT_FOLDER, "/home/an/Documenten", &err), 0, "one is set");
	is_int(state_get(db, STATE_EXPORT_FOLDER, value, sizeof value, &err), 1, "and read back");
	is_str(value, "/home/an/Documenten", "  as it was set");
	is_int(state_set(db, STATE_EXPORT_FOLDER, "/media/stick", &err), 0, "set again");
	state_get(db, STATE_EXPORT_FOLDER, value, sizeof value, &err);
	is_str(value, "/media/stick", "  it replaces the one before");
	is_int(query_int(db, "SELECT count(*) FROM local_state"), 1, "  one row for the key");
	is_int(state_get(db, STATE_EXPORT_FOLDER, value, 5, &err), 0,
	       "a value longer than the room is not read cut short");
	db_close(db);
}

/* The statement helpers every module uses: parameters bound up to as
 * many as the statement has, one integer read, and a failing statement's
 * own reason in the message. */
static void test_statement_helpers(const char *dir)
{
	char path[4096];
	sqlite3 *db = NULL;
	st_err err = { "" };
	long long v = -7;
	sqlite3_stmt *st;

	snprintf(path, sizeof path, "%s/helpers.sqlite", dir);
	if (db_open(path, &db, NULL, &err) != DB_OPEN_OK) {
		printf("Bail out! %s\n", err.msg);
		exit(99);
	}
	is_int(db_exec_ints(db, "CREATE TEMP TABLE t (a INTEGER NOT NULL, b INTEGER)", NULL, 0, &err),
	       0, "db_exec_ints runs a statement without parameters");
	is_int(db_exec_ints(db, "INSERT INTO temp.t (a) VALUES (?1)", (long long[]){ 40, 2 }, 2, &err),
	       0, "  and binds only the parameters the statement has");
	is_int(db_exec_ints(db, "INSERT INTO temp.t (a, b) VALUES (?1, ?2)", (long long[]){ 1, 2 }, 2,
			    &err), 0, "  or all of them");
	is_int(db_query_int(db, "SELECT sum(a) + ?1 FROM temp.t", (long long[]){ 1 }, 1, &v, &err), 0,
	       "db_query_int reads one integer");
	is_int((int)v, 42, "  the right one");
	is_int(db_query_int(db, "SELECT a FROM temp.t WHERE a = ?1", (long long[]){ 99 }, 1, &v, &err),
	       -1, "  no row is an error");
	is_int(db_exec_ints(db, "INSERT INTO temp.t (a) VALUES (NULL)", NULL, 0, &err), -1,
	       "a statement the database refuses fails");
	has_str(err.msg, "NOT NULL constraint failed", "  with its own reason");
	st = db_prepare(db, "INSERT INTO temp.t (a) VALUES (?1)", &err);
	sqlite3_bind_int64(st, 1, 5);
	is_int(db_step_reset(db, st, &err), 0, "db_step_reset runs a kept statement");
	is_int(db_step_reset(db, st, &err), -1, "  and clears its bindings (a NULL now)");
	has_str(err.msg, "NOT NULL constraint failed", "  with the reason");
	sqlite3_finalize(st);
	db_close(db);
}

/* db_stamp: the same while nothing is written, changed by a write of the
 * connection's own and by a commit of another connection. */
static void test_stamp(const char *dir)
{
	char path[4096];
	sqlite3 *db = NULL, *other = NULL;
	st_err err = { "" };
	db_stamp before;

	snprintf(path, sizeof path, "%s/stamp.sqlite", dir);
	if (db_open(path, &db, NULL, &err) != DB_OPEN_OK ||
	    db_open(path, &other, NULL, &err) != DB_OPEN_OK) {
		printf("Bail out! %s\n", err.msg);
		exit(99);
	}
	before = db_stamp_now(db);
	query_int(db, "SELECT count(*) FROM person");
	ok(db_stamp_same(before, db_stamp_now(db)), "db_stamp: the same after a read");
	db_exec_ints(db, "INSERT INTO local_state (key, value) VALUES ('k', 'v')", NULL, 0, &err);
	ok(!db_stamp_same(before, db_stamp_now(db)), "  changed by a write of its own");
	before = db_stamp_now(db);
	db_exec_ints(other, "DELETE FROM local_state", NULL, 0, &err);
	ok(!db_stamp_same(before, db_stamp_now(db)), "  and by another connection's commit");
	before.version = -1;
	ok(!db_stamp_same(before, before), "  an unknown one is never the same");
	db_close(other);
	db_close(db);
}

int main(void)
{
	const char *dir = tap_tmpdir("test_db");
	char *path;

	path = test_create(dir);
	test_reopen(path);
	free(path);
	test_text_file(dir);
	test_other_sqlite(dir);
	test_too_new(dir);
	test_no_version(dir);
	test_read_only(dir);
	test_empty_file(dir);
	test_directory(dir);
	test_local_state(dir);
	test_statement_helpers(dir);
	test_stamp(dir);
	return tap_done();
}
