/* db.c: see db.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/db.h"
#include "core/db_migrate.h"
#include "core/db_trace.h"
#include "core/fsutil.h"
#include "core/i18n.h"
#include "core/person_name.h"
#include "core/schema.h"
#include "core/sync_capture.h"
#include "core/syncid.h"
#include "core/text.h"

/* A second process writing (two facilitators, or the CLI beside the TUI)
 * is waited for this long before SQLite gives up, unless a policy says
 * otherwise (db_wait_default). */
#define DB_BUSY_TIMEOUT_MS 10000
/* How often a waiting write looks again. */
#define DB_WAIT_STEP_MS 25

int db_schema_version(void)
{
	return schema_migration_count();
}

/* Sets the result of a text SQL function to f(its argument): NULL for
 * NULL, an out-of-memory error when f fails. */
static void text_result(sqlite3_context *ctx, sqlite3_value **argv, char *(*f)(const char *))
{
	const unsigned char *s = sqlite3_value_text(argv[0]);
	char *r;

	if (!s) {
		sqlite3_result_null(ctx);
		return;
	}
	r = f((const char *)s);
	if (!r) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, r, -1, free);
}

/* SQL function st_fold(text): text_fold, for indexes and lookups. */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	text_result(ctx, argv, text_fold);
}

/* SQL function st_fold_name(text): text_fold_name, for the name index. */
static void sql_fold_name(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	text_result(ctx, argv, text_fold_name);
}

/* SQL function st_name_starts(first, last): person_name_starts, for the
 * triggers that keep person_name_start. */
static void sql_name_starts(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char *starts;

	(void)argc;
	starts = person_name_starts((const char *)sqlite3_value_text(argv[0]),
				    (const char *)sqlite3_value_text(argv[1]));
	if (starts)
		sqlite3_result_text(ctx, starts, -1, free);
	else
		sqlite3_result_error_nomem(ctx);
}

/* SQL function st_natural_key(text): text_natural_key. */
static void sql_natural_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	text_result(ctx, argv, text_natural_key);
}

/* SQL function st_uuid(): a new random UUID (syncid_new_uuid), for the
 * migration that gives a database its sync identity. */
static void sql_uuid(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char id[SYNCID_SIZE];

	(void)argc;
	(void)argv;
	syncid_new_uuid(id);
	sqlite3_result_text(ctx, id, -1, SQLITE_TRANSIENT);
}

static int register_functions(sqlite3 *db)
{
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

	if (sqlite3_create_function(db, "st_fold", 1, flags, NULL, sql_fold,
				    NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "st_fold_name", 1, flags, NULL, sql_fold_name,
				    NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "st_uuid", 0, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL,
				    sql_uuid, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "st_name_starts", 2, flags, NULL, sql_name_starts,
				    NULL, NULL) != SQLITE_OK || person_name_register(db) != 0)
		return -1;
	return sqlite3_create_function(db, "st_natural_key", 1, flags, NULL,
				       sql_natural_key, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* A PRAGMA read without err: an SQLite result code, for check_identity. */
int db_pragma_int(sqlite3 *db, const char *sql, int *out)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return sqlite3_errcode(db);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* SQLite says "disk I/O error" when it cannot grow its -shm file on a
 * full disk, so a full disk, a used-up quota or a file size limit
 * (ulimit -f) is named as such, with the folder. */
/* db_failure_reason for result code rc, whose own words are msg. */
static const char *failure_reason(sqlite3 *db, int rc, const char *msg, char *buf, size_t size)
{
	int e = sqlite3_system_errno(db);
	const char *name = sqlite3_db_filename(db, "main");
	char *dir;

	/* SQLite reports a failed write of the database or its -wal file
	 * as SQLITE_FULL without the system's reason. */
	if (rc == SQLITE_FULL)
		e = ENOSPC;
	if ((rc != SQLITE_IOERR && rc != SQLITE_FULL) || (e != ENOSPC && e != EDQUOT && e != EFBIG) ||
	    !name || !*name || !(dir = fs_dirname(name)))
		return msg;
	if (e == ENOSPC)
		snprintf(buf, size, _("the disk holding %s is full"), dir);
	else if (e == EDQUOT)
		snprintf(buf, size, _("your disk quota on the disk holding %s is used up"), dir);
	else
		snprintf(buf, size, _("a file size limit (ulimit -f) stops writing in %s"), dir);
	free(dir);
	return buf;
}

const char *db_failure_reason(sqlite3 *db, char *buf, size_t size)
{
	return failure_reason(db, sqlite3_errcode(db), sqlite3_errmsg(db), buf, size);
}

/* Creates an empty file private to the user, so that SQLite (which gives
 * its -wal and -shm files the same mode) never makes a world-readable
 * database of personal data. */
static int create_private_file(const char *path, st_err *err)
{
	int fd;

	if (fs_mkdir_parents(path, err) != 0)
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno != EEXIST)
		return st_err_set(err, _("cannot create %s: %s"), path, strerror(errno));
	if (fd >= 0)
		close(fd);
	return 0;
}

/* True when path has a non-empty -wal file beside it: changes another
 * connection has not yet checkpointed into the file. */
static bool has_pending_wal(const char *path)
{
	char wal[4200];
	struct stat sb;

	/* A name too long to hold would be another file: assume a WAL. */
	if (snprintf(wal, sizeof wal, "%s-wal", path) >= (int)sizeof wal)
		return true;
	return stat(wal, &sb) == 0 && sb.st_size > 0;
}

/* Classifies what the header reads said about an existing file. */
static enum db_open_status check_identity(sqlite3 *db, const char *path,
					  int *version, bool *empty, st_err *err)
{
	int app_id = 0, tables = 0, rc;
	char reason[DB_REASON_MAX];

	rc = db_pragma_int(db, "PRAGMA application_id", &app_id);
	if (rc == SQLITE_OK)
		rc = db_pragma_int(db, "PRAGMA user_version", version);
	if (rc == SQLITE_OK)
		rc = db_pragma_int(db, "SELECT count(*) FROM sqlite_master", &tables);
	if (rc == SQLITE_NOTADB) {
		st_err_set(err, _("%s is not a stemtui database (not an SQLite file)"), path);
		return DB_OPEN_NOT_STEMTUI;
	}
	if (rc == SQLITE_CORRUPT) {
		st_err_set(err, _("%s is damaged: %s"), path, sqlite3_errmsg(db));
		return DB_OPEN_CORRUPT;
	}
	if (rc != SQLITE_OK) {
		st_err_set(err, _("cannot read %s: %s"), path,
			   db_failure_reason(db, reason, sizeof reason));
		return DB_OPEN_IO;
	}
	*empty = (tables == 0 && app_id == 0 && *version == 0);
	if (!*empty && app_id != (int)ST_DB_APP_ID) {
		st_err_set(err, _("%s is an SQLite database, but not a stemtui one"), path);
		return DB_OPEN_NOT_STEMTUI;
	}
	/* Ours, but without a schema version: migrating from 0 would fail
	 * halfway ("table programme already exists"), or worse. */
	if (app_id == (int)ST_DB_APP_ID && *version <= 0) {
		st_err_set(err, _("%s is damaged: it is a stemtui database, but its schema version "
				  "(PRAGMA user_version) is %d; restore it from a backup"), path, *version);
		return DB_OPEN_CORRUPT;
	}
	if (*version > db_schema_version()) {
		st_err_set(err, _("%s was written by a newer stemtui (schema %d; this "
				  "version knows up to %d): upgrade stemtui to open it"),
			   path, *version, db_schema_version());
		return DB_OPEN_TOO_NEW;
	}
	return DB_OPEN_OK;
}

/* db_migrate, unrecorded for sync: a migration reshapes what every
 * laptop reshapes alike, it is not a change that travels. */
static int migrate(sqlite3 *db, int version, const st_progress *progress, st_err *err)
{
	int rc;

	sync_capture_pause(db, true);
	rc = db_migrate(db, version, progress, err);
	sync_capture_pause(db, false);
	return rc;
}

static int set_connection_pragmas(sqlite3 *db, bool read_only, st_err *err)
{
	/* WAL lets a reader (the TUI) and a writer (the CLI) work at once;
	 * NORMAL sync is durable across a process crash, which is what a
	 * killed stemtui needs.  A read-only file keeps the mode it has. */
	static const char sql[] = "PRAGMA foreign_keys = ON;"
				  "PRAGMA synchronous = NORMAL;";
	char reason[DB_REASON_MAX];

	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK ||
	    (!read_only && sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK))
		return st_err_set(err, _("cannot set up the database: %s"),
				  db_failure_reason(db, reason, sizeof reason));
	return 0;
}

/* True when stemtui can write path and the folder it is in, where SQLite
 * keeps the -wal and -shm files. */
static bool can_write(const char *path, bool *folder)
{
	char *dir = fs_dirname(path);

	*folder = dir && access(dir, W_OK) == 0;
	free(dir);
	return *folder && access(path, W_OK) == 0;
}

/* path as an SQLite URI filename with query: "file:" and the path with
 * every byte but letters, digits and "/._-~" percent-encoded.  NULL when
 * memory runs out. */
static char *file_uri(const char *path, const char *query)
{
	static const char hex[] = "0123456789ABCDEF";
	char *uri = malloc(strlen(path) * 3 + strlen(query) + 16), *p;
	unsigned char c;

	if (!uri)
		return NULL;
	/* An empty authority, so that a path starting "//" is not a host. */
	p = uri + sprintf(uri, "file:%s", path[0] == '/' ? "//" : "");
	for (; *path; path++) {
		c = (unsigned char)*path;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("/._-~", c)) {
			*p++ = (char)c;
		} else {
			*p++ = '%';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		}
	}
	sprintf(p, "?%s", query);
	return uri;
}

/* True when path has a -shm file beside it. */
static bool has_shm(const char *path)
{
	char shm[4200];
	struct stat sb;

	return snprintf(shm, sizeof shm, "%s-shm", path) < (int)sizeof shm && stat(shm, &sb) == 0;
}

/* Opens path for reading only (a stick locked read-only, a colleague's
 * folder).  A WAL database needs its -shm file, which SQLite would make
 * read-only here and leave behind (a trap for writing it later), and
 * which a folder that cannot be written cannot get; so without one the
 * file is opened as immutable, which needs none: nobody is writing it (a
 * writer would have made the -shm file).  Immutable would not read a
 * -wal file, whose changes would then seem lost: with one, SQLite must
 * make the -shm file, and where it cannot the file is refused.  An
 * SQLite result code; -1 with err set for the refusal. */
static int open_read_only(const char *path, bool folder_writable, sqlite3 **db, st_err *err)
{
	bool wal = has_pending_wal(path), immutable = !has_shm(path) && !wal;
	char *uri;
	int rc;

	if (!has_shm(path) && wal && !folder_writable)
		return st_err_set(err, _("cannot open %s: its folder cannot be written, and its last "
					 "changes are in %s-wal, which SQLite reads only where it "
					 "can also write"), path, path);
	uri = file_uri(path, immutable ? "mode=ro&immutable=1" : "mode=ro");
	if (!uri)
		return SQLITE_NOMEM;
	rc = sqlite3_open_v2(uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	free(uri);
	return rc;
}

/* Opens a connection to path, read-only or not; 0, or -1 with err set
 * and *db NULL. */
static int open_connection(const char *path, bool read_only, bool folder_writable,
			   sqlite3 **db, st_err *err)
{
	int rc = read_only ? open_read_only(path, folder_writable, db, err)
			   : sqlite3_open_v2(path, db, SQLITE_OPEN_READWRITE, NULL);

	if (rc == SQLITE_OK)
		return 0;
	if (rc != -1)
		st_err_set(err, _("cannot open %s: %s"), path,
			   *db ? sqlite3_errmsg(*db) : strerror(ENOMEM));
	sqlite3_close(*db);
	*db = NULL;
	return -1;
}

enum db_open_status db_open(const char *path, sqlite3 **out, bool *created,
			    st_err *err)
{
	return db_open_progress(path, out, created, NULL, err);
}

enum db_open_status db_open_progress(const char *path, sqlite3 **out, bool *created,
				     const st_progress *progress, st_err *err)
{
	enum db_open_status status;
	sqlite3 *db = NULL;
	struct stat sb;
	bool empty = false, is_new, read_only, folder_writable = true;
	int version = 0;

	*out = NULL;
	if (!*path) {
		st_err_set(err, "%s", _("the database path is empty"));
		return DB_OPEN_IO;
	}
	is_new = stat(path, &sb) != 0;
	if (!is_new && !S_ISREG(sb.st_mode)) {
		st_err_set(err, _("%s is not a regular file"), path);
		return DB_OPEN_NOT_STEMTUI;
	}
	if (is_new && create_private_file(path, err) != 0)
		return DB_OPEN_IO;
	read_only = !is_new && !can_write(path, &folder_writable);
	/* An empty file is about to become a database of personal data. */
	if (!is_new && !read_only && sb.st_size == 0 && chmod(path, 0600) != 0) {
		st_err_set(err, _("cannot make %s private: %s"), path, strerror(errno));
		return DB_OPEN_IO;
	}
	if (open_connection(path, read_only, folder_writable, &db, err) != 0)
		return DB_OPEN_IO;
	sqlite3_extended_result_codes(db, 0);
	db_set_wait(db, -1);
	/* Until the file is known to be ours, closing must not fold a
	 * pending -wal file into it: a refused file is left as it was.  (With
	 * no -wal file before, closing only removes the empty one it made.) */
	if (has_pending_wal(path))
		sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
	status = check_identity(db, path, &version, &empty, err);
	if (status == DB_OPEN_OK && register_functions(db) != 0) {
		st_err_set(err, _("cannot set up the database: %s"), sqlite3_errmsg(db));
		status = DB_OPEN_IO;
	}
	if (status == DB_OPEN_OK && set_connection_pragmas(db, read_only, err) != 0)
		status = DB_OPEN_IO;
	if (status == DB_OPEN_OK && read_only && version < db_schema_version()) {
		st_err_set(err, _("cannot open %s: it cannot be written, and stemtui must first bring "
				  "its schema up to date (version %d to %d); copy it where it can be "
				  "written"), path, version, db_schema_version());
		status = DB_OPEN_IO;
	}
	if (status == DB_OPEN_OK && !read_only &&
	    migrate(db, version, progress, err) != 0)
		status = DB_OPEN_IO;
	if (status != DB_OPEN_OK) {
		sqlite3_close(db);
		return status;
	}
	sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, (int *)NULL);
	db_trace_start(db);
	if (created)
		*created = is_new || empty;
	*out = db;
	return DB_OPEN_OK;
}

void db_close(sqlite3 *db)
{
	/* Not a loop finalizing every statement first: that would also
	 * finalize the statements a virtual table (the FTS5 name index) keeps
	 * for itself, which it finalizes again when sqlite3_close disconnects
	 * it, a double free.  sqlite3_close_v2 closes at once when nothing is
	 * left open, and otherwise as soon as the last statement goes. */
	sync_capture_forget(db);
	sqlite3_close_v2(db);
}

/* The waiting of the process (db_wait_default): one write waits at a
 * time, so one record of the wait under way does. */
static struct {
	const db_wait_policy *policy;
	long long start, progress_at;   /* ms */
	unsigned long long wal;         /* what the -wal file looked like */
	bool said;
	enum { GAVE_UP_NOT, GAVE_UP_BOUND, GAVE_UP_STALL } gave_up;
	int waited_ms;
} waiting;

static long long monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Size and time of change of db's -wal file in one number: it changes
 * when the program holding the lock writes (a transaction larger than
 * its cache spills there, a commit appends), so a wait can tell a writer
 * at work from one that holds the lock and does nothing. */
static unsigned long long wal_signature(sqlite3 *db)
{
	const char *path = sqlite3_db_filename(db, "main");
	char wal[4200];
	struct stat sb;

	if (!path || snprintf(wal, sizeof wal, "%s-wal", path) >= (int)sizeof wal ||
	    stat(wal, &sb) != 0)
		return 0;
#if defined(HAVE_STRUCT_STAT_ST_MTIM_TV_NSEC)
	return (unsigned long long)sb.st_size * 1000003u ^
	       (unsigned long long)sb.st_mtim.tv_sec * 1000000000u ^
	       (unsigned long long)sb.st_mtim.tv_nsec;
#elif defined(HAVE_STRUCT_STAT_ST_MTIMESPEC_TV_NSEC)   /* macOS */
	return (unsigned long long)sb.st_size * 1000003u ^
	       (unsigned long long)sb.st_mtimespec.tv_sec * 1000000000u ^
	       (unsigned long long)sb.st_mtimespec.tv_nsec;
#else
	return (unsigned long long)sb.st_size * 1000003u ^
	       (unsigned long long)sb.st_mtime * 1000000000u;
#endif
}

/* SQLite's busy handler under a policy: 1 to try again, 0 to give up. */
static int wait_for_writer(void *arg, int tries)
{
	const db_wait_policy *p = waiting.policy;
	long long now = monotonic_ms();
	unsigned long long wal = wal_signature(arg);
	struct timespec step = { 0, DB_WAIT_STEP_MS * 1000000L };

	if (tries == 0) {
		waiting.start = waiting.progress_at = now;
		waiting.wal = wal;
		waiting.said = false;
	}
	if (wal != waiting.wal) {
		waiting.wal = wal;
		waiting.progress_at = now;
	}
	waiting.waited_ms = (int)(now - waiting.start);
	waiting.gave_up = now - waiting.start >= p->bound_ms ? GAVE_UP_BOUND
			  : now - waiting.progress_at >= p->stall_ms ? GAVE_UP_STALL : GAVE_UP_NOT;
	if (waiting.gave_up != GAVE_UP_NOT)
		return 0;
	if (!waiting.said && now - waiting.start >= DB_WAIT_SAY_MS && p->said) {
		waiting.said = true;
		p->said(p->ctx);
	}
	nanosleep(&step, NULL);
	return 1;
}

void db_wait_default(const db_wait_policy *p)
{
	waiting.policy = p;
}

void db_set_wait(sqlite3 *db, int ms)
{
	if (ms < 0 && waiting.policy)
		sqlite3_busy_handler(db, wait_for_writer, db);
	else
		sqlite3_busy_timeout(db, ms < 0 ? DB_BUSY_TIMEOUT_MS : ms);
	waiting.gave_up = GAVE_UP_NOT;
}

/* Sets err for a write another program kept from the database: how long
 * it was waited for and why no longer, in words for a person. */
static bool reported_busy;

bool db_was_busy(void)
{
	return reported_busy;
}

static int busy_error(st_err *err)
{
	int s = (waiting.waited_ms + 500) / 1000;

	reported_busy = true;
	if (waiting.gave_up == GAVE_UP_STALL)
		return st_err_set(err, _("another program has held the database for %d s without "
					 "writing to it, so stemtui stopped waiting: nothing was "
					 "changed (is a stuck program or an sqlite3 shell keeping it?)"),
				  s);
	if (waiting.gave_up == GAVE_UP_BOUND)
		return st_err_set(err, _("another program was still writing to the database after "
					 "%d s, the most stemtui waits (database_wait in the "
					 "configuration, or --wait): nothing was changed; try again "
					 "when it is done"), s);
	return st_err_set(err, "%s", _("another program is writing to the database: nothing "
				       "was changed; try again when it is done"));
}

bool db_busy(sqlite3 *db)
{
	int rc = sqlite3_extended_errcode(db) & 0xff;

	return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

bool db_read_only(sqlite3 *db)
{
	return sqlite3_db_readonly(db, "main") == 1;
}

int db_begin(sqlite3 *db, st_err *err)
{
	char reason[DB_REASON_MAX];

	if (db_read_only(db))
		return st_err_set(err, _("the database is read-only, nothing can be changed: "
					 "%s or its folder cannot be written"),
				  sqlite3_db_filename(db, "main"));
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return db_busy(db) ? busy_error(err)
				   : st_err_set(err, _("cannot start a database transaction: %s"),
						db_failure_reason(db, reason, sizeof reason));
	if (sync_capture_begin(db, err) != 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

int db_commit(sqlite3 *db, st_err *err)
{
	char reason[DB_REASON_MAX];

	if (sync_capture_commit(db, err) != 0) {
		db_rollback(db);
		return -1;
	}
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		if (db_busy(db))
			busy_error(err);
		else
			st_err_set(err, _("cannot save to the database: %s"),
				   db_failure_reason(db, reason, sizeof reason));
		db_rollback(db);
		return -1;
	}
	sync_capture_end(db);
	return 0;
}

void db_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	sync_capture_end(db);
}

bool db_error_is_damage(sqlite3 *db)
{
	int rc = sqlite3_errcode(db);

	return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

/* err for result code rc (primary), whose own words are msg. */
static int error_of(sqlite3 *db, int rc, const char *msg, st_err *err)
{
	char reason[DB_REASON_MAX];

	/* Damage beyond the first page shows only when a query reaches it:
	 * say which file, so the person knows to restore that one. */
	if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
		return st_err_set(err, _("%s is damaged: %s"), sqlite3_db_filename(db, "main"), msg);
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return busy_error(err);
	return st_err_set(err, _("database error: %s"),
			  failure_reason(db, rc, msg, reason, sizeof reason));
}

int db_error(sqlite3 *db, st_err *err)
{
	return error_of(db, sqlite3_extended_errcode(db) & 0xff, sqlite3_errmsg(db), err);
}

int db_error_rc(sqlite3 *db, int rc, st_err *err)
{
	return error_of(db, rc & 0xff, sqlite3_errstr(rc), err);
}

sqlite3_stmt *db_prepare(sqlite3 *db, const char *sql, st_err *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		db_error(db, err);
		return NULL;
	}
	return st;
}

sqlite3_stmt *db_prepare_ints(sqlite3 *db, const char *sql, const long long *params,
			       int nparams, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, sql, err);
	int i;

	for (i = 0; st && i < nparams && i < sqlite3_bind_parameter_count(st); i++)
		sqlite3_bind_int64(st, i + 1, params[i]);
	return st;
}

/* Ends a statement run for one row: 0 when it gave one, else -1 with
 * err set from the statement's own reason, read before finalizing. */
static int finish_row(sqlite3 *db, sqlite3_stmt *st, int rc, st_err *err)
{
	if (rc != SQLITE_ROW)
		db_error(db, err);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int db_row_ints(sqlite3 *db, const char *sql, const long long *params, int nparams,
		int *out, int nout, st_err *err)
{
	sqlite3_stmt *st = db_prepare_ints(db, sql, params, nparams, err);
	int i, rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	for (i = 0; rc == SQLITE_ROW && i < nout; i++)
		out[i] = sqlite3_column_int(st, i);
	return finish_row(db, st, rc, err);
}

int db_query_int(sqlite3 *db, const char *sql, const long long *params, int nparams,
		 long long *out, st_err *err)
{
	sqlite3_stmt *st = db_prepare_ints(db, sql, params, nparams, err);
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	return finish_row(db, st, rc, err);
}

int db_step_done(sqlite3 *db, sqlite3_stmt *st, st_err *err)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE)
		db_error(db, err);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int db_step_reset(sqlite3 *db, sqlite3_stmt *st, st_err *err)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE)
		db_error(db, err);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int db_exec_ints(sqlite3 *db, const char *sql, const long long *params, int nparams,
		 st_err *err)
{
	sqlite3_stmt *st = db_prepare_ints(db, sql, params, nparams, err);

	return st ? db_step_done(db, st, err) : -1;
}

void db_bind_named_text(sqlite3_stmt *st, const char *param, const char *value)
{
	int i = sqlite3_bind_parameter_index(st, param);

	if (i > 0)
		sqlite3_bind_text(st, i, value, -1, SQLITE_TRANSIENT);
}

void db_bind_named_int64(sqlite3_stmt *st, const char *param, long long value)
{
	int i = sqlite3_bind_parameter_index(st, param);

	if (i > 0)
		sqlite3_bind_int64(st, i, value);
}

void db_reverse_rows(void *rows, int n, size_t size)
{
	unsigned char *a = rows, *b, t;
	size_t k;
	int i;

	for (i = 0; i < n / 2; i++) {
		b = a + (size_t)(n - 1 - i) * size;
		for (k = 0; k < size; k++) {
			t = a[(size_t)i * size + k];
			a[(size_t)i * size + k] = b[k];
			b[k] = t;
		}
	}
}

int db_bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
	if (!s || !*s)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

char *db_column_strdup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return strdup(s ? (const char *)s : "");
}

db_stamp db_stamp_now(sqlite3 *db)
{
	db_stamp s = { sqlite3_total_changes64(db), -1 };

	if (db_pragma_int(db, "PRAGMA data_version", &s.version) != SQLITE_OK)
		s.version = -1;
	return s;
}

bool db_stamp_same(db_stamp a, db_stamp b)
{
	return a.version >= 0 && a.version == b.version && a.changes == b.changes;
}
