/* test_locks.c: another program holding the database's write lock.
 *
 * The wait of the commands (db_wait_default): as long as the holder makes
 * progress, not past the bound, not long without progress.  The writes
 * the full-screen interface keeps meanwhile (pending.h): in order, with
 * references to ids not made yet, in a journal that a later start takes
 * over.  And the import of a sign-up list, which works while only reading
 * the database (another connection writes meanwhile), stores all of it in
 * one short transaction, notices a roster changed under it, and leaves
 * the database identical when it fails.  A lock is held until the test
 * says so: nothing is timed. */
#include "config.h"

#include <fcntl.h>
#include <glob.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/attendance.h"
#include "core/codebook_import.h"
#include "core/db.h"
#include "core/notes.h"
#include "core/pending.h"
#include "core/people.h"
#include "core/people_import.h"
#include "core/programme_import.h"
#include "core/roles.h"
#include "core/session_match.h"
#include "../tap.h"
#include "fixture.h"

static const char *dir;
static st_roles roles;

/* ---- helpers ------------------------------------------------------------ */

/* Every row of the tables an import or a kept write touches, as text:
 * two dumps are equal exactly when nothing changed. */
static char *dump(sqlite3 *db)
{
	static const char *const sql[] = {
		"SELECT * FROM organisation ORDER BY id", "SELECT * FROM person ORDER BY id",
		"SELECT * FROM person_focus ORDER BY 1, 2", "SELECT * FROM attendance ORDER BY 1, 2",
		"SELECT * FROM attendance_log ORDER BY id", "SELECT * FROM note ORDER BY id",
		"SELECT * FROM tag ORDER BY 1, 2", "SELECT * FROM draft ORDER BY key",
		"SELECT * FROM roster_version",
	};

	return dump_rows(db, sql, sizeof sql / sizeof sql[0]);
}

/* A child process that takes the write lock of name, tells the parent on
 * `ready`, holds it (writing on and on when busy: its -wal file grows, as
 * a long import's does) until a byte comes on `go`, then commits. */
struct holder {
	pid_t pid;
	int go;      /* write a byte here to let it go */
};

static void holder_run(const char *name, bool busy, int ready, int go)
{
	sqlite3 *db = NULL;
	char path[4200], c = 'L';

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA cache_size = 8; CREATE TABLE IF NOT EXISTS filler (b BLOB);"
			 "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
	    write(ready, &c, 1) != 1)
		_exit(1);
	if (busy)
		fcntl(go, F_SETFL, O_NONBLOCK);
	while (read(go, &c, 1) != 1)
		if (busy && sqlite3_exec(db, "INSERT INTO filler VALUES (randomblob(16384))",
					 NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
	_exit(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : 1);
}

static struct holder hold(const char *name, bool busy)
{
	struct holder h = { -1, -1 };
	int ready[2], go[2];
	char c;

	if (pipe(ready) != 0 || pipe(go) != 0) {
		printf("Bail out! pipe\n");
		exit(99);
	}
	fflush(stdout);
	h.pid = fork();
	if (h.pid == 0) {
		close(ready[0]);
		close(go[1]);
		holder_run(name, busy, ready[1], go[0]);
	}
	close(ready[1]);
	close(go[0]);
	if (h.pid < 0 || read(ready[0], &c, 1) != 1) {
		printf("Bail out! the holder did not take the lock\n");
		exit(99);
	}
	close(ready[0]);
	h.go = go[1];
	return h;
}

/* Lets the holder go; true when it committed. */
static bool let_go(struct holder *h)
{
	int status = 0;

	if (h->go >= 0) {
		if (write(h->go, "g", 1) != 1)
			return false;
		close(h->go);
		h->go = -1;
	}
	return waitpid(h->pid, &status, 0) == h->pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0;
}

/* ---- the commands' wait ----------------------------------------------------- */

/* The policy's `said`: a person would be told now; here the holder is
 * let go, so that the wait ends only when it was not given up first. */
static void said_let_go(void *ctx)
{
	struct holder *h = ctx;

	if (h->go >= 0 && write(h->go, "g", 1) == 1) {
		close(h->go);
		h->go = -1;
	}
}

static void test_wait_policy(void)
{
	db_wait_policy p = { 60000, 300, said_let_go, NULL };
	struct holder h;
	sqlite3 *db;
	st_err err = { "" };

	db_wait_default(&p);
	db = open_db("wait.sqlite");
	/* A holder that writes on and on: waited for past the stall limit,
	 * until it lets go (told to when the wait has lasted DB_WAIT_SAY_MS,
	 * longer than the 300 ms a stall is given). */
	h = hold("wait.sqlite", true);
	p.ctx = &h;
	is_int(db_begin(db, &err), 0, "a write waits for a holder that makes progress, past the stall limit");
	ok(h.go < 0, "  and was told to say so (it lasted %d ms)", DB_WAIT_SAY_MS);
	db_rollback(db);
	ok(let_go(&h), "  the holder committed");

	/* A holder that does nothing: given up after 300 ms without
	 * progress, before anyone is told, with why. */
	h = hold("wait.sqlite", false);
	p.ctx = &h;
	is_int(db_begin(db, &err), -1, "a write gives up on a holder that makes no progress");
	ok(db_busy(db), "  busy");
	ok(h.go >= 0, "  before the wait was long enough to say so");
	has_str(err.msg, "without writing to it", "  and says why");
	ok(let_go(&h), "  the holder committed");

	/* The bound. */
	p.bound_ms = 200;
	h = hold("wait.sqlite", true);
	p.ctx = &h;
	is_int(db_begin(db, &err), -1, "a write gives up at the bound, progress or not");
	has_str(err.msg, "the most stemtui waits", "  and says so");
	ok(let_go(&h), "  the holder committed");
	db_close(db);
	db_wait_default(NULL);
}

/* ---- kept writes ------------------------------------------------------------- */

static pending_write note_write(long long session, const char *body)
{
	pending_write w = { .kind = PW_NOTE, .n = { 0, session } };

	pending_write_text(&w, 0, "idee");
	pending_write_text(&w, 1, body);
	pending_write_text(&w, 4, "2018-05-31 10:11:12");
	w.what = strdup("a note");
	return w;
}

static int journals(const char *name)
{
	char pattern[4400];
	glob_t g;
	int n;

	snprintf(pattern, sizeof pattern, "%s/%s-pending-*", dir, name);
	n = glob(pattern, 0, NULL, &g) == 0 ? (int)g.gl_pathc : 0;
	globfree(&g);
	return n;
}

static void test_pending(void)
{
	char path[4200];
	sqlite3 *db = open_db("pending.sqlite"), *other = open_db("pending.sqlite");
	pending_queue q, q2;
	pending_write w;
	long long session = 0, note_seq = 0, person_seq = 0;
	st_err err = { "" };
	const pending_write *last;

	snprintf(path, sizeof path, "%s/pending.sqlite", dir);
	if (programme_import_shipped(db, &err) != 0 || codebook_import_shipped(db, &err) != 0 ||
	    session_resolve(db, "COP 07", 0, &session, &err) != 1) {
		printf("Bail out! %s\n", err.msg);
		exit(99);
	}
	is_int(pending_init(&q, path, &err), 0, "a queue opens");
	is_int(journals("pending.sqlite"), 0, "  without a journal while nothing waits");

	/* Another program writes: writes are kept, in order, on disk. */
	exec(other, "BEGIN IMMEDIATE");
	w = note_write(session, "Regel een\ttab\\slash\nregel twee");
	is_int(pending_keep(&q, &w, &note_seq, &err), 0, "a note is kept");
	ok(w.s[1] == NULL, "  taking its strings over");
	w = (pending_write){ .kind = PW_TAG, .n = { 0, 1, 1 } };
	pending_write_id(&w, 0, -note_seq);
	pending_keep(&q, &w, NULL, &err);
	w = (pending_write){ .kind = PW_PERSON };
	pending_write_text(&w, 0, "Nieuwe");
	pending_write_text(&w, 1, "Collega");
	pending_write_text(&w, 2, "leraar");
	pending_write_text(&w, 3, "Een Nieuwe School");
	pending_keep(&q, &w, &person_seq, &err);
	w = (pending_write){ .kind = PW_CHECKIN, .n = { session, 0, ATT_PRESENT } };
	pending_write_id(&w, 1, -person_seq);
	pending_write_text(&w, 0, "08:59");
	pending_keep(&q, &w, NULL, &err);
	is_int(q.n, 4, "a tag of the note, a newcomer and their check-in are kept after it");
	is_int(journals("pending.sqlite"), 1, "  in a journal beside the database");
	last = pending_last(&q, PW_TAG, note_seq, true, 1);
	ok(last && last->n[2] == 1, "pending_last finds the tag kept for the note kept");
	ok(!pending_last(&q, PW_TAG, note_seq, false, 1), "  not for a note with that id");
	is_int(pending_flush(&q, db, 0, NULL, NULL), 0, "nothing goes while the lock is held");
	is_int(q.n, 4, "  all four still wait");

	/* The program ends (quit at once, a crash): a second one takes the
	 * journal over only then. */
	pending_init(&q2, path, &err);
	is_int(pending_adopt(&q2, &err), 0, "a journal whose program still runs is left alone");
	pending_free(&q);
	is_int(pending_adopt(&q2, &err), 4, "once it ended, the next start takes its four writes over");
	is_int(journals("pending.sqlite"), 1, "  into a journal of its own (the old one is gone)");
	ok(q2.w[0].kind == PW_NOTE && strcmp(q2.w[0].s[1], "Regel een\ttab\\slash\nregel twee") == 0,
	   "  the note's text whole (tab, backslash, line break)");
	ok(q2.w[1].refs == 1u && q2.w[1].n[0] == q2.w[0].seq, "  the tag still names the note");
	ok(q2.w[3].refs == 2u && q2.w[3].n[1] == q2.w[2].seq, "  the check-in still names the newcomer");

	exec(other, "COMMIT");
	is_int(pending_flush(&q2, db, 0, NULL, NULL), 4, "once the lock goes, all four are applied");
	is_int(q2.n, 0, "  none waits");
	is_int(journals("pending.sqlite"), 0, "  and the journal is gone");
	is_int(query_int(db, "SELECT count(*) FROM note WHERE created_at = '2018-05-31 10:11:12'"
			 " AND body LIKE 'Regel een%'"), 1, "the note is there, dated when it was kept");
	is_int(query_int(db, "SELECT polarity FROM tag t JOIN note n ON n.id = t.note_id"
			 " WHERE n.body LIKE 'Regel een%' AND t.factor_id = 1"), 1,
	       "  with the tag kept for it");
	is_int(query_int(db, "SELECT count(*) FROM attendance a JOIN person p ON p.id = a.person_id"
			 " JOIN organisation o ON o.id = p.organisation_id"
			 " WHERE p.last_name = 'Collega' AND a.status = 'present'"
			 " AND a.arrived_at = '08:59' AND o.name = 'Een Nieuwe School'"), 1,
	       "the newcomer is there, at their new school, checked in at the time kept");
	ok(pending_made_id(&q2, q2.last_seq - 1) > 0, "pending_made_id gives the newcomer's id");

	/* A write naming one that failed cannot be carried out; the flush
	 * says so and goes on with the next. */
	exec(other, "BEGIN IMMEDIATE");
	w = (pending_write){ .kind = PW_TRASH, .n = { 999999 } };
	w.what = strdup("note 999999 to the trash");
	pending_keep(&q2, &w, NULL, &err);
	w = note_write(session, "Na de fout");
	pending_keep(&q2, &w, NULL, &err);
	exec(other, "COMMIT");
	is_int(pending_flush(&q2, db, 0, NULL, NULL), 1, "a write the database refuses is dropped, the next applied");
	is_int(query_int(db, "SELECT count(*) FROM note WHERE body = 'Na de fout'"), 1, "  (it is there)");
	pending_free(&q2);
	db_close(other);
	db_close(db);
}

/* ---- the import -------------------------------------------------------------- */

/* The progress handler of the importing connection: another connection
 * writes meanwhile (a note's draft, nothing the import decides by) while
 * the import only reads, the first time also adding a person the file
 * names (so the roster changes under the import, which must notice); and
 * tries to while the import stores, when it must be refused. */
struct meanwhile {
	sqlite3 *importer, *other;
	int wrote, refused;          /* while the import read */
	int wrote_storing, refused_storing;
	bool add_person;
};

/* True while the importing connection only reads the database (it works
 * out the rows), as against writing to it (it stores them). */
static bool only_reading(sqlite3 *importer)
{
	return sqlite3_txn_state(importer, "main") == SQLITE_TXN_READ;
}

static bool write_draft(sqlite3 *other, int n)
{
	char sql[256];

	snprintf(sql, sizeof sql, "INSERT INTO draft (key, body, saved_at) VALUES ('meanwhile:%d',"
		 " 'x', '')", n);
	return sqlite3_exec(other, sql, NULL, NULL, NULL) == SQLITE_OK;
}

static int write_meanwhile(void *ctx)
{
	struct meanwhile *m = ctx;
	int n = m->wrote + m->refused + m->wrote_storing + m->refused_storing;

	if (only_reading(m->importer) && m->add_person) {
		m->add_person = false;
		exec(m->other, "INSERT INTO person (first_name, last_name, sort_key, role, created_at)"
		     " VALUES ('Al', 'Aanwezig', 'aanwezig\x01" "al', 'leraar', '')");
	} else if (only_reading(m->importer) && m->wrote + m->refused < 40) {
		if (write_draft(m->other, n))
			m->wrote++;
		else
			m->refused++;
	} else if (sqlite3_txn_state(m->importer, "main") == SQLITE_TXN_WRITE &&
		   m->wrote_storing + m->refused_storing < 3) {
		if (write_draft(m->other, n))
			m->wrote_storing++;
		else
			m->refused_storing++;
	}
	return 0;
}

/* A sign-up list of n people, the first "Al Aanwezig" (no school). */
static const char *big_list(int n)
{
	static char *text;
	size_t len = 0, cap = 64 + (size_t)n * 80;
	int i;

	free(text);
	text = malloc(cap);
	if (!text)
		exit(99);
	len += (size_t)snprintf(text + len, cap - len, "first_name,last_name,organisation,focus\n"
				"Al,Aanwezig,,\n");
	for (i = 1; i < n; i++)
		len += (size_t)snprintf(text + len, cap - len, "Persoon,Nummer %d,School %d,stem; taal\n",
					i, i % 50);
	return write_file("big.csv", text);
}

/* The progress handler of the importing connection, once: another
 * connection deletes the session everyone is to be expected at. */
struct doomed {
	sqlite3 *importer, *other;
	long long session;
};

static int delete_session_meanwhile(void *ctx)
{
	struct doomed *d = ctx;
	char sql[128];

	if (d->session && only_reading(d->importer)) {
		snprintf(sql, sizeof sql, "DELETE FROM session WHERE id = %lld", d->session);
		if (sqlite3_exec(d->other, sql, NULL, NULL, NULL) != SQLITE_OK)
			diag("the session could not be deleted: %s", sqlite3_errmsg(d->other));
		d->session = 0;
	}
	return 0;
}

static void test_import_yields(void)
{
	struct doomed doomed;
	sqlite3 *db = open_db("import.sqlite"), *other = open_db("import.sqlite");
	struct meanwhile m = { db, other, 0, 0, 0, 0, true };
	people_import_stats stats;
	long long session = 0;
	st_err err = { "" };
	char *before, *after;
	struct holder h;

	if (programme_import_shipped(db, &err) != 0 || session_resolve(db, "COP 07", 0, &session, &err) != 1) {
		printf("Bail out! %s\n", err.msg);
		exit(99);
	}
	db_set_wait(other, 0);   /* never waits: refused while the import holds the lock */
	sqlite3_progress_handler(db, 200, write_meanwhile, &m);
	is_int(people_import_csv(db, big_list(2000), &roles, session, &stats, &err), 0,
	       "2000 people are imported while another connection writes");
	sqlite3_progress_handler(db, 0, NULL, NULL);
	is_int(m.wrote, 40, "  while it read, the other connection wrote every time it tried");
	is_int(m.refused, 0, "  never refused");
	ok(m.refused_storing > 0 && m.wrote_storing == 0,
	   "  it was refused only while the import stored, in one short transaction");
	is_int(query_int(db, "SELECT count(*) FROM draft WHERE key LIKE 'meanwhile:%'"), m.wrote,
	       "  and all it wrote is there");
	is_int(query_int(db, "SELECT count(*) FROM person WHERE last_name = 'Aanwezig'"), 1,
	       "the person added meanwhile is reused, not doubled: the import noticed the change");
	is_int(stats.created, 1999, "  1999 new people");
	is_int(stats.existing, 1, "  one already known");
	is_int(stats.expected, 2000, "  all 2000 expected at COP 07");
	is_int(query_int(db, "SELECT count(*) FROM person_focus"), 2 * 1999, "  their focus tags stored");
	is_int(query_int(db, "SELECT count(*) FROM person_name WHERE person_name MATCH 'nummer'"), 1999,
	       "  and their names found by the name index");
	is_int(query_int(db, "SELECT count(*) FROM temp.sqlite_master"), 0, "no staging table is left");
	free(stats.warnings);

	/* It fails while another program holds the lock: nothing changes. */
	before = dump(db);
	h = hold("import.sqlite", false);
	db_set_wait(db, 200);
	is_int(people_import_csv(db, write_file("two.csv", "first_name,last_name\nTwee,Nieuw\nDrie,Nieuw\n"),
				 &roles, session, &stats, &err), -1,
	       "an import that cannot get the lock to store fails");
	db_set_wait(db, -1);
	has_str(err.msg, "another program", "  saying another program kept the database");
	ok(db_was_busy(), "  and a command would end with its own exit status");
	ok(let_go(&h), "  (the holder let go)");
	after = dump(db);
	is_str(after, before, "  and the database is identical");
	free(after);
	is_int(query_int(db, "SELECT count(*) FROM temp.sqlite_master"), 0, "  no staging table is left");

	/* Its session deleted while it worked: refused, nothing stored. */
	exec(other, "INSERT INTO session (programme_id, code, code_key, kind, date) SELECT"
	     " programme_id, 'COP 99', st_natural_key('COP 99'), kind, date FROM session WHERE id = 1");
	session = query_int(db, "SELECT id FROM session WHERE code = 'COP 99'");
	free(before);
	before = dump(db);
	doomed = (struct doomed){ db, other, session };
	sqlite3_progress_handler(db, 1, delete_session_meanwhile, &doomed);
	is_int(people_import_csv(db, write_file("three.csv", "first_name,last_name\nVier,Nieuw\n"), &roles,
				 session, &stats, &err), -1,
	       "an import whose session is deleted while it works fails");
	sqlite3_progress_handler(db, 0, NULL, NULL);
	has_str(err.msg, "no session", "  saying so");
	after = dump(db);
	is_str(after, before, "  and nothing else changed");
	free(after);
	free(before);
	db_close(other);
	db_close(db);
}

/* Two programs on one database at once: a journal another program is
 * making (created, not yet locked, still empty) is never taken over nor
 * removed by the start of a second one. */
static void test_pending_journal_being_made(void)
{
	char db_path[4200], journal[4300];
	pending_queue q;
	st_err err = { "" };
	struct stat sb;
	FILE *f;

	snprintf(db_path, sizeof db_path, "%s/making.sqlite", dir);
	snprintf(journal, sizeof journal, "%s-pending-abcdef", db_path);
	f = fopen(journal, "w");
	if (!f || fclose(f) != 0) {
		printf("Bail out! cannot write %s\n", journal);
		exit(99);
	}
	pending_init(&q, db_path, &err);
	is_int(pending_adopt(&q, &err), 0, "an empty journal (its program is making it) is not taken");
	ok(stat(journal, &sb) == 0, "  nor removed");
	pending_free(&q);
	unlink(journal);
}

int main(void)
{
	st_err err = { "" };

	setlocale(LC_ALL, "C.UTF-8");
	unsetenv("LANGUAGE");
	signal(SIGPIPE, SIG_IGN);
	dir = fixture_start("locks");
	if (roles_load(&roles, NULL, &err) != 0) {
		printf("Bail out! %s\n", err.msg);
		return 99;
	}
	test_wait_policy();
	test_pending();
	test_import_yields();
	test_pending_journal_being_made();
	roles_free(&roles);
	return tap_done();
}
