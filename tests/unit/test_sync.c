/* test_sync.c: the rules of sync between the laptops of a network
 * (stemtui(1), issue 12), one test each, with three laptops (Anna, Bert
 * and Carla) that work through the core as the TUI and the CLI do and
 * sync through one folder: notes, tags, attendance, the codebook,
 * erasure, what stays local, the refusal of a bad file, two syncs at
 * once, a sync killed while it applies, and merging a database file
 * (TAP). */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/attendance.h"
#include "core/codebook.h"
#include "core/db.h"
#include "core/drafts.h"
#include "core/notes.h"
#include "core/people.h"
#include "core/state.h"
#include "core/sync.h"
#include "core/syncfile.h"
#include "core/sync_tables.h"
#include "core/tags.h"
#include "fixture.h"
#include "sync_fixture.h"
#include "../tap.h"

/* The network of one test: three laptops and their shared folder. */
static sqlite3 *lap[LAPTOPS], *anna, *bert, *carla;
static const char *folder;
static long long session;          /* COP 07, the same id on every laptop */
static char prefix[32];

/* "test-what": a file of this test in the scratch folder. */
static const char *name_of(const char *what)
{
	return test_name("%s-%s", prefix, what);
}

static const char *named(const char *what)
{
	return fixture_path(name_of(what));
}

/* Every laptop syncs until each has every file: Anna, Bert, Carla, then
 * Anna and Bert again.  Whether none failed or refused a file. */
static bool everyone_syncs(void)
{
	return laptops_sync(lap, folder, "01201", 0);
}

/* Whether the three hold the same content (the first difference to diag). */
static bool same_everywhere(void)
{
	return laptops_alike(lap);
}

/* Three laptops for test name that hold the same shipped data, and
 * their folder; they join the network at their first sync. */
static void laptops(const char *name)
{
	snprintf(prefix, sizeof prefix, "%s", name);
	folder = shared_folder(name_of("shared"));
	laptops_new(lap, name);
	anna = lap[0];
	bert = lap[1];
	carla = lap[2];
}

/* laptops(name) that joined the network through the folder. */
static void network(const char *name)
{
	laptops(name);
	if (!everyone_syncs()) {
		printf("Bail out! %s: the laptops cannot join\n", name);
		exit(99);
	}
	session = query_int(anna, "SELECT id FROM session WHERE code = 'COP 07'");
	if (session != query_int(carla, "SELECT id FROM session WHERE code = 'COP 07'")) {
		printf("Bail out! COP 07 has two ids\n");
		exit(99);
	}
}

static void network_close(void)
{
	laptops_close(lap);
}

/* ---- through the core ---------------------------------------------------- */

static long long add_note(sqlite3 *db, const char *author, const char *body)
{
	return laptop_note(db, session, author, body);
}

static void edit_note(sqlite3 *db, long long id, const char *body)
{
	st_note n;
	st_err err = { "" };
	char *was;

	memset(&n, 0, sizeof n);
	must(note_get(db, id, &n, &err), "note_get", &err);
	was = n.body;
	n.body = (char *)body;
	must(note_update(db, &n, &err), "note_update", &err);
	n.body = was;
	note_clear(&n);
	clock_tick(1000);
}

static long long new_person(sqlite3 *db, const char *first, const char *last)
{
	st_person p;
	st_err err = { "" };

	memset(&p, 0, sizeof p);
	p.first_name = (char *)first;
	p.last_name = (char *)last;
	p.role = "leerkracht";
	p.email = "";
	p.focus = "";
	must(person_save(db, &p, &err), "person_save", &err);
	clock_tick(1000);
	return p.id;
}

static void set_status(sqlite3 *db, long long person, enum att_status s)
{
	st_err err = { "" };

	must(attendance_set(db, session, person, s, &err), "attendance_set", &err);
	clock_tick(1000);
}

static void set_tag(sqlite3 *db, long long note, long long factor, int polarity)
{
	st_err err = { "" };

	must(tag_set(db, note, factor, polarity, "", &err), "tag_set", &err);
	clock_tick(1000);
}

static long long factor_of(sqlite3 *db, const char *code)
{
	st_factor f;
	st_err err = { "" };
	long long id;

	memset(&f, 0, sizeof f);
	if (factor_find_code(db, code, &f, &err) != 1) {
		printf("Bail out! no factor %s: %s\n", code, err.msg);
		exit(99);
	}
	id = f.id;
	factor_clear(&f);
	return id;
}

/* An integer of a query with the one parameter id, on db. */
static long long count_of(sqlite3 *db, const char *sql, long long id)
{
	sqlite3_stmt *st;
	long long n = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		printf("Bail out! %s: %s\n", sql, sqlite3_errmsg(db));
		exit(99);
	}
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static const char *text_of(sqlite3 *db, const char *sql, long long id)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", id);
	return query_text_with(db, sql, buf);
}

/* A dump_rows string, freed at exit. */
static char *dumps[256];
static int ndumps;

static void free_dumps(void)
{
	while (ndumps)
		free(dumps[--ndumps]);
}

static const char *keep_dump(char *s)
{
	if (ndumps == 256)
		exit(99);
	if (!ndumps)
		atexit(free_dumps);
	return dumps[ndumps++] = s;
}

/* The tags of note n as "CODE polarity" lines, by code.  When tags get
 * their coder, add it to the columns: the checks below compare whole
 * lists. */
static const char *tags_of(sqlite3 *db, long long n)
{
	char sql[200];
	const char *q = sql;

	snprintf(sql, sizeof sql, "SELECT f.code, t.polarity FROM tag t JOIN factor f"
		 " ON f.id = t.factor_id WHERE t.note_id = %lld ORDER BY f.code", n);
	return keep_dump(dump_rows(db, &q, 1));
}

#define ON_EACH(check) do { \
	sqlite3 *dbs_[3] = { anna, bert, carla }; \
	const char *who_[3] = { "Anna", "Bert", "Carla" }; \
	int i_; \
	for (i_ = 0; i_ < 3; i_++) { \
		sqlite3 *db = dbs_[i_]; \
		const char *who = who_[i_]; \
		(void)who; \
		check; \
	} \
} while (0)

/* ---- notes --------------------------------------------------------------- */

#define BODY "SELECT body FROM note WHERE id = ?1"
#define TRASHED "SELECT deleted_at IS NOT NULL FROM note WHERE id = ?1"
#define KEPT "SELECT count(*) FROM note_revision WHERE note_id = ?1 AND body = "

static void test_notes_travel_with_their_author(void)
{
	long long a, b;

	network("author");
	a = add_note(anna, "Anna", "De leerlingen programmeren zelf.");
	b = add_note(bert, "Bert", "Tafel 2 wil meer tijd.");
	ok(everyone_syncs(), "notes: every laptop syncs");
	ON_EACH(is_str(text_of(db, "SELECT author FROM note WHERE id = ?1", a), "Anna",
		       "notes: Anna's note is hers on every laptop"));
	ON_EACH(is_str(text_of(db, "SELECT author FROM note WHERE id = ?1", b), "Bert",
		       "notes: Bert's note is his on every laptop"));
	ok(same_everywhere(), "notes: the three laptops hold the same");
	network_close();
}

/* Edited on two laptops: the newer text wins, whichever syncs first; the
 * other is kept as a revision on every laptop. */
static void test_notes_newer_edit_wins(void)
{
	long long n, m;

	network("edit");
	n = add_note(anna, "Anna", "Eerste versie.");
	m = add_note(anna, "Anna", "Tweede notitie.");
	ok(everyone_syncs(), "edit: every laptop has the notes");
	/* n: Anna edits first, Bert later, and Bert syncs first. */
	edit_note(anna, n, "Anna's edit (older).");
	edit_note(bert, n, "Bert's edit (newer).");
	/* m: Carla edits later than Bert, and syncs last. */
	edit_note(bert, m, "Bert's edit of m (older).");
	edit_note(carla, m, "Carla's edit of m (newer).");
	ok(laptop_sync(bert, folder, "Bert", NULL) == 0 && laptop_sync(anna, folder, "Anna", NULL) == 0
	   && everyone_syncs(), "edit: every laptop syncs");
	ON_EACH(is_str(text_of(db, BODY, n), "Bert's edit (newer).",
		       "edit: the newer text wins on every laptop"));
	ON_EACH(is_int(count_of(db, KEPT "'Anna''s edit (older).'", n), 1,
		       "edit: the older text is kept as a revision on every laptop"));
	ON_EACH(is_str(text_of(db, BODY, m), "Carla's edit of m (newer).",
		       "edit: the newer text wins when it syncs last"));
	ON_EACH(is_int(count_of(db, KEPT "'Bert''s edit of m (older).'", m), 1,
		       "edit: and the older one is kept"));
	ok(same_everywhere(), "edit: the three laptops hold the same");
	network_close();
}

static void test_notes_trash_and_restore(void)
{
	st_err err = { "" };
	long long n;

	network("trash");
	n = add_note(anna, "Anna", "Wordt weggegooid.");
	ok(everyone_syncs(), "trash: every laptop has the note");
	must(note_delete(anna, n, &err), "note_delete", &err);
	clock_tick(1000);
	edit_note(bert, n, "Bert edits it meanwhile.");
	ok(everyone_syncs(), "trash: every laptop syncs");
	ON_EACH(is_int(count_of(db, TRASHED, n), 1, "trash: trashed on every laptop"));
	ON_EACH(is_str(text_of(db, BODY, n), "Bert edits it meanwhile.",
		       "trash: with the edit made meanwhile"));
	must(note_restore(carla, n, &err), "note_restore", &err);
	clock_tick(1000);
	ok(everyone_syncs(), "trash: every laptop syncs the restore");
	ON_EACH(is_int(count_of(db, TRASHED, n), 0, "trash: restored on every laptop"));
	ok(same_everywhere(), "trash: the three laptops hold the same");
	network_close();
}

/* Anna changes what Bert made (a note's text, a tag) after syncing it;
 * Carla, who has neither, reads Anna's file before Bert's (by database
 * id): Anna's changes wait until Bert's rows are there. */
static void test_changes_wait_for_their_rows(void)
{
	st_err err = { "" };
	long long n, vb1, tm3;

	network("order");
	vb1 = factor_of(bert, "VB1");
	tm3 = factor_of(bert, "TM3");
	n = add_note(bert, "Bert", "Bert's tekst.");
	set_tag(bert, n, vb1, 1);
	set_tag(bert, n, tm3, 1);
	ok(laptop_sync(bert, folder, "Bert", NULL) == 0 && laptop_sync(anna, folder, "Anna", NULL) == 0,
	   "order: Bert's note reaches Anna");
	edit_note(anna, n, "Anna's verbetering.");
	set_tag(anna, n, vb1, -1);
	must(tag_remove(anna, n, tm3, "", &err), "tag_remove", &err);
	clock_tick(1000);
	ok(laptop_sync(anna, folder, "Anna", NULL) == 0 && laptop_sync(carla, folder, "Carla", NULL) == 0,
	   "order: Carla syncs once");
	ON_EACH(if (db != bert) is_str(text_of(db, BODY, n), "Anna's verbetering.",
				      "order: Anna's edit of Bert's note is there"));
	ON_EACH(if (db != bert) is_str(tags_of(db, n), "VB1|-1\n",
				      "order: and her change and removal of his tags"));
	ok(everyone_syncs() && same_everywhere(), "order: the three laptops hold the same");
	network_close();
}

/* ---- tags ---------------------------------------------------------------- */

static void test_tags_of_two_coders(void)
{
	st_err err = { "" };
	long long n, vb1, ld2, tm3;

	network("tags");
	n = add_note(anna, "Anna", "Directie steunt het project.");
	ok(everyone_syncs(), "tags: every laptop has the note");
	vb1 = factor_of(anna, "VB1");
	ld2 = factor_of(anna, "LD2");
	tm3 = factor_of(anna, "TM3");
	/* Anna and Bert tag the same note at the same time. */
	set_tag(anna, n, vb1, 1);
	set_tag(bert, n, ld2, -1);
	set_tag(bert, n, tm3, 0);
	ok(everyone_syncs(), "tags: every laptop syncs");
	ON_EACH(is_str(tags_of(db, n), "LD2|-1\nTM3|0\nVB1|1\n",
		       "tags: neither coder's tags overwrite the other's"));
	/* Retag and untag at once on two laptops. */
	set_tag(carla, n, vb1, 0);
	must(tag_remove(anna, n, ld2, "", &err), "tag_remove", &err);
	clock_tick(1000);
	ok(everyone_syncs(), "tags: every laptop syncs the retag and untag");
	ON_EACH(is_str(tags_of(db, n), "TM3|0\nVB1|0\n", "tags: the retag and the untag travel"));
	/* The same factor on the same note by two coders.  TODO (tag.coder):
	 * both tags stay, one per coder; today one tag holds one polarity,
	 * the same on every laptop. */
	set_tag(anna, n, tm3, 1);
	set_tag(bert, n, tm3, -1);
	ok(everyone_syncs(), "tags: every laptop syncs two polarities of one factor");
	ok(same_everywhere(), "tags: the three laptops hold the same");
	/* Untagged on one laptop while another changes its polarity. */
	must(tag_remove(carla, n, vb1, "", &err), "tag_remove", &err);
	clock_tick(1000);
	set_tag(bert, n, vb1, -1);
	ok(everyone_syncs(), "tags: every laptop syncs an untag against a retag");
	ok(same_everywhere(), "tags: and they agree on it");
	network_close();
}

/* ---- attendance ---------------------------------------------------------- */

#define STATUS "SELECT status || ' ' || coalesce(arrived_at, '-') FROM attendance" \
	" WHERE session_id = (SELECT id FROM session WHERE code = 'COP 07') AND person_id = ?1"
#define LOGGED "SELECT group_concat(new_status, ',') FROM (SELECT new_status FROM" \
	" attendance_log WHERE person_id = ?1 ORDER BY new_status)"

static void test_attendance_later_status_wins(void)
{
	long long p, q;

	network("attendance");
	p = new_person(anna, "Pieter", "Peeters");
	q = new_person(anna, "Quinten", "Claes");
	set_status(anna, p, ATT_EXPECTED);
	set_status(anna, q, ATT_EXPECTED);
	ok(everyone_syncs(), "attendance: every laptop has the people");
	/* p: Anna checks in first, Bert later marks absent, Bert syncs first. */
	set_status(anna, p, ATT_PRESENT);
	set_status(bert, p, ATT_ABSENT);
	/* q: Bert marks absent first, Carla checks in later, Carla syncs last. */
	set_status(bert, q, ATT_ABSENT);
	set_status(carla, q, ATT_PRESENT);
	ok(laptop_sync(bert, folder, "Bert", NULL) == 0 && everyone_syncs(),
	   "attendance: every laptop syncs");
	ON_EACH(is_str(text_of(db, STATUS, p), "absent -",
		       "attendance: the later status wins, without an arrival time"));
	ON_EACH(is_str(text_of(db, "SELECT substr(status, 1, 7) FROM attendance WHERE person_id = ?1",
			       q), "present",
		       "attendance: the later status wins when it syncs last"));
	ON_EACH(is_str(text_of(db, LOGGED, p), "absent,expected,present",
		       "attendance: both changes stay in the log"));
	ON_EACH(is_str(text_of(db, LOGGED, q), "absent,expected,present",
		       "attendance: both changes stay in the log (2)"));
	ok(same_everywhere(), "attendance: the three laptops hold the same");
	network_close();
}

/* ---- the codebook -------------------------------------------------------- */

static void test_codebook_changes_travel(void)
{
	st_factor f;
	st_err err = { "" };
	long long n, tm3, vb, x;

	network("codebook");
	n = add_note(anna, "Anna", "Het team werkt samen.");
	ok(everyone_syncs(), "codebook: every laptop has the note");
	tm3 = factor_of(anna, "TM3");
	vb = factor_of(anna, "VB");
	/* Anna tags with TM3 while Bert moves TM3 under VB and renames it,
	 * and Carla adds a factor. */
	set_tag(anna, n, tm3, 1);
	must(factor_move(bert, tm3, vb, &err), "factor_move", &err);
	clock_tick(1000);
	memset(&f, 0, sizeof f);
	must(factor_get(bert, tm3, &f, &err), "factor_get", &err);
	free(f.name);
	f.name = strdup("Draagvlak in het team");
	must(factor_save(bert, &f, &err), "factor_save", &err);
	factor_clear(&f);
	clock_tick(1000);
	memset(&f, 0, sizeof f);
	f.parent_id = vb;
	f.code = "VB9";
	f.name = "Nieuwe factor van Carla";
	must(factor_save(carla, &f, &err), "factor_save new", &err);
	x = f.id;
	clock_tick(1000);
	ok(everyone_syncs(), "codebook: every laptop syncs");
	ON_EACH(is_str(text_of(db, "SELECT (SELECT code FROM factor p WHERE p.id = f.parent_id)"
				   " || ' ' || name FROM factor f WHERE id = ?1", tm3),
		       "VB Draagvlak in het team", "codebook: the move and the rename travel"));
	ON_EACH(is_str(text_of(db, "SELECT code || ' ' || name FROM factor WHERE id = ?1", x),
		       "VB9 Nieuwe factor van Carla", "codebook: a new factor travels"));
	ON_EACH(is_str(tags_of(db, n), "TM3|1\n", "codebook: the tag follows the moved factor"));
	ON_EACH(is_int(count_of(db, "SELECT count(*) FROM tag t JOIN factor f ON f.id = t.factor_id"
				    " WHERE f.parent_id = ?1", vb), 1,
		       "codebook: and counts under its new parent"));
	ok(same_everywhere(), "codebook: the three laptops hold the same");
	network_close();
}

/* Anna merges a factor into another while Bert tags a note with it: the
 * tag follows the merge on every laptop. */
static void test_codebook_merge_travels(void)
{
	st_err err = { "" };
	long long n, m, tm2, tm3;

	network("merge-factor");
	n = add_note(anna, "Anna", "Collega's helpen elkaar.");
	m = add_note(anna, "Anna", "Nog een notitie.");
	tm2 = factor_of(anna, "TM2");
	tm3 = factor_of(anna, "TM3");
	set_tag(anna, m, tm3, -1);
	ok(everyone_syncs(), "merge factor: every laptop has the notes");
	set_tag(bert, n, tm3, 1);
	must(factor_merge(anna, tm3, tm2, 0, &err), "factor_merge", &err);
	clock_tick(1000);
	ok(everyone_syncs(), "merge factor: every laptop syncs");
	ON_EACH(is_int(count_of(db, "SELECT count(*) FROM factor WHERE id = ?1", tm3), 0,
		       "merge factor: the factor merged away is gone"));
	ON_EACH(is_str(tags_of(db, m), "TM2|-1\n", "merge factor: its tags moved"));
	ON_EACH(is_str(tags_of(db, n), "TM2|1\n",
		       "merge factor: a tag made meanwhile elsewhere follows the merge"));
	ok(same_everywhere(), "merge factor: the three laptops hold the same");
	/* Bert untags a note and then merges its factor, in one file: the
	 * tag he removed does not follow the merge elsewhere. */
	set_tag(bert, m, factor_of(bert, "LD1"), 1);
	ok(everyone_syncs(), "merge factor: every laptop has the new tag");
	must(tag_remove(bert, m, factor_of(bert, "LD1"), "", &err), "tag_remove", &err);
	must(factor_merge(bert, factor_of(bert, "LD1"), factor_of(bert, "LD2"), 0, &err),
	     "factor_merge", &err);
	clock_tick(1000);
	ok(everyone_syncs(), "merge factor: every laptop syncs the untag and merge");
	ON_EACH(is_str(tags_of(db, m), "TM2|-1\n",
		       "merge factor: a tag removed before the merge does not follow it"));
	ok(same_everywhere(), "merge factor: the three laptops still hold the same");
	network_close();
}

/* ---- erasure ------------------------------------------------------------- */

/* A copy of db as it is now, at path (a file another laptop could bring
 * back later). */
static void copy_database(sqlite3 *db, const char *path)
{
	sqlite3 *to;
	sqlite3_backup *b;

	if (sqlite3_open(path, &to) != SQLITE_OK || !(b = sqlite3_backup_init(to, "main", db, "main"))
	    || sqlite3_backup_step(b, -1) != SQLITE_DONE || sqlite3_backup_finish(b) != SQLITE_OK) {
		printf("Bail out! cannot copy to %s: %s\n", path, sqlite3_errmsg(to));
		exit(99);
	}
	sqlite3_close(to);
}

#define PERSON "SELECT count(*) FROM person WHERE id = ?1"
#define ATTENDS "SELECT (SELECT count(*) FROM attendance WHERE person_id = ?1)" \
	" + (SELECT count(*) FROM attendance_log WHERE person_id = ?1)"

/* The test the issue asks for: erased on one laptop, erased on every
 * laptop that syncs, and a stale copy synced later never brings them
 * back. */
static void test_erased_person_stays_erased(void)
{
	st_person p;
	st_err err = { "" };
	sync_report r;
	long long eva;
	const char *stale = named("stale.db");

	network("erase");
	eva = new_person(anna, "Eva", "Verbeke");
	set_status(anna, eva, ATT_PRESENT);
	ok(everyone_syncs(), "erase: every laptop has Eva");
	copy_database(carla, stale);
	/* Carla, not synced yet, edits Eva and checks her in elsewhere... */
	memset(&p, 0, sizeof p);
	must(person_get(carla, eva, &p, &err), "person_get", &err);
	free(p.email);
	p.email = strdup("eva@school.be");
	must(person_save(carla, &p, &err), "person_save", &err);
	person_clear(&p);
	clock_tick(1000);
	set_status(carla, eva, ATT_ABSENT);
	/* ...while Anna erases her. */
	must(person_delete(anna, eva, false, &err), "person_delete", &err);
	clock_tick(1000);
	ok(laptop_sync(anna, folder, "Anna", NULL) == 0 && everyone_syncs(), "erase: every laptop syncs");
	ON_EACH(is_int(count_of(db, PERSON, eva), 0, "erase: Eva is erased on every laptop"));
	ON_EACH(is_int(count_of(db, ATTENDS, eva), 0, "erase: with her attendance and its log"));
	/* Bert brings in the stale copy Carla kept; then everyone syncs. */
	if (!ok(sync_merge(bert, stale, &r, &err) == 0, "erase: Bert merges a stale copy"))
		diag("%s", err.msg);
	sync_report_free(&r);
	ON_EACH(is_int(count_of(db, PERSON, eva), 0, "erase: the stale copy does not bring Eva back"));
	ok(everyone_syncs(), "erase: every laptop syncs after the stale copy");
	ON_EACH(is_int(count_of(db, PERSON, eva), 0, "erase: nor does it after a sync"));
	ON_EACH(is_int(count_of(db, ATTENDS, eva), 0, "erase: nor her attendance"));
	ok(same_everywhere(), "erase: the three laptops hold the same");
	network_close();
}

/* ---- killed while syncing ------------------------------------------------ */

static pid_t sync_in_child(const char *path, int kill_after);
static int child_status(pid_t pid);
static void copy_database(sqlite3 *db, const char *path);

static int steps_left;

static int kill_now(void *unused)
{
	(void)unused;
	if (--steps_left == 0)
		raise(SIGKILL);
	return 0;
}

/* Kills this process (SIGKILL) after n times 50 steps of SQLite. */
static void kill_at_step(sqlite3 *db, int n)
{
	steps_left = n;
	sqlite3_progress_handler(db, 50, kill_now, NULL);
}

/* A sync of Bert's killed after 1, 2, 4, 8... times 50 steps, each from
 * the same copy of his database: it holds what it held before or what
 * a whole sync makes of it, never something between, and the next sync
 * picks up. */
static void test_killed_while_applying(void)
{
	const char *before, *after;
	sqlite3 *db;
	char name[32];
	int i, k, kills = 0, torn = 0, lost = 0;

	network("kill");
	for (i = 0; i < 150; i++) {
		long long n = add_note(anna, "Anna", "Een van honderdvijftig notities.");

		set_tag(anna, n, factor_of(anna, i % 2 ? "VB1" : "TM3"), i % 3 - 1);
	}
	ok(laptop_sync(anna, folder, "Anna", NULL) == 0, "kill: Anna writes one big file");
	copy_database(bert, named("bert-after.db"));
	db = open_db(name_of("bert-after.db"));
	before = whole_dump(db);
	ok(laptop_sync(db, folder, "Bert", NULL) == 0, "kill: a whole sync of the copy");
	after = whole_dump(db);
	db_close(db);
	for (k = 1; k < 1 << 20; k *= 2) {
		snprintf(name, sizeof name, "kill-%d.db", k);
		copy_database(bert, fixture_path(name));
		if (child_status(sync_in_child(fixture_path(name), k)) == 0)
			break;
		kills++;
		db = open_db(name);
		if (strcmp(whole_dump(db), before) != 0 && strcmp(whole_dump(db), after) != 0) {
			diag("kill: killed after %d x 50 steps, %s is neither as before nor as after",
			     k, name);
			torn++;
		}
		if (laptop_sync(db, folder, "Bert", NULL) != 0 || strcmp(whole_dump(db), after) != 0) {
			diag("kill: the sync after a kill at %d x 50 steps did not make %s as after"
			     " (its refusal, if any, above)", k, name);
			lost++;
		}
		db_close(db);
	}
	ok(kills >= 8, "kill: the sync was killed at %d points", kills);
	is_int(torn, 0, "kill: each time the database is as before or as after");
	is_int(lost, 0, "kill: each time the next sync picks up");
	network_close();
}

/* ---- interrupted while syncing ------------------------------------------- */

static int interrupt_left;

static int interrupt_now(void *unused)
{
	(void)unused;
	return --interrupt_left == 0;
}

/* Whether a sync that stopped said why: every message names the
 * interruption (not the words of what SQLite did after it, such as "no
 * such savepoint", nor a table "with another number of columns"). */
static bool says_interrupted(int rc, const st_err *err, const sync_report *r)
{
	bool said = rc == 0 || strstr(err->msg, "interrupted") != NULL;
	int i;

	if (!said)
		diag("interrupt: the sync stopped saying: %s", err->msg);
	for (i = 0; i < r->nrefused; i++)
		if (!strstr(r->refused[i], "interrupted")) {
			diag("interrupt: a file was refused saying: %s", r->refused[i]);
			said = false;
		}
	return said;
}

/* A sync of Bert's interrupted (an SQLite error that rolls back the whole
 * transaction, as an I/O error does) at 1, 2, 4... times 50 steps, each
 * from the same copy of his database: it says so, leaves the database as
 * before or as a whole sync makes it, and the next sync picks up. */
static void test_interrupted_while_applying(void)
{
	const char *before, *after;
	sqlite3 *db;
	sync_report r;
	char name[32];
	int i, k, rc, stops = 0, unsaid = 0, torn = 0, lost = 0;

	network("interrupt");
	for (i = 0; i < 150; i++)
		set_tag(anna, add_note(anna, "Anna", "Een van honderdvijftig notities."),
			factor_of(anna, i % 2 ? "VB1" : "TM3"), i % 3 - 1);
	ok(laptop_sync(anna, folder, "Anna", NULL) == 0, "interrupt: Anna writes one big file");
	copy_database(bert, named("bert-after.db"));
	db = open_db(name_of("bert-after.db"));
	before = whole_dump(db);
	ok(laptop_sync(db, folder, "Bert", NULL) == 0, "interrupt: a whole sync of the copy");
	after = whole_dump(db);
	db_close(db);
	for (k = 1; k < 1 << 20; k *= 2) {
		st_err err = { "" };

		snprintf(name, sizeof name, "interrupt-%d.db", k);
		copy_database(bert, fixture_path(name));
		db = open_db(name);
		interrupt_left = k;
		sqlite3_progress_handler(db, 50, interrupt_now, NULL);
		rc = sync_folder(db, folder, "Bert", NULL, &r, &err);
		sqlite3_progress_handler(db, 0, NULL, NULL);
		if (interrupt_left > 0) {       /* done before the k-th time */
			sync_report_free(&r);
			db_close(db);
			break;
		}
		stops++;
		unsaid += !says_interrupted(rc, &err, &r);
		sync_report_free(&r);
		torn += strcmp(whole_dump(db), before) != 0 && strcmp(whole_dump(db), after) != 0;
		lost += laptop_sync(db, folder, "Bert", NULL) != 0 || strcmp(whole_dump(db), after) != 0;
		db_close(db);
	}
	ok(stops >= 8, "interrupt: the sync was interrupted at %d points", stops);
	is_int(unsaid, 0, "interrupt: each time the message names the interruption");
	is_int(torn, 0, "interrupt: each time the database is as before or as after");
	is_int(lost, 0, "interrupt: each time the next sync picks up");
	network_close();
}

/* ---- safety -------------------------------------------------------------- */

static unsigned char *file_bytes(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p;
	long n;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    !(p = malloc((size_t)n + 1)) || fread(p, 1, (size_t)n, f) != (size_t)n) {
		printf("Bail out! cannot read %s\n", path);
		exit(99);
	}
	fclose(f);
	*len = (size_t)n;
	return p;
}

static void put_bytes(const char *path, const unsigned char *p, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0 || write(fd, p, len) != (ssize_t)len || close(fd) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(99);
	}
}

/* The path of file seq of db in the folder. */
static const char *file_of(sqlite3 *db, long long seq)
{
	syncid_self self;
	st_err err = { "" };
	char *name, *path;
	const char *kept;

	must(syncid_read_self(db, &self, &err), "syncid_read_self", &err);
	name = syncfile_name(self.database_id, seq);
	path = malloc(strlen(folder) + strlen(name) + 2);
	sprintf(path, "%s/%s", folder, name);
	free(name);
	kept = keep_dump(path);
	return kept;
}

/* The file at path as good (n bytes at good) with its header fields
 * changed by change and sealed again (a sound checksum). */
static void reseal(const char *path, const unsigned char *good, size_t n,
		   void (*change)(syncfile_header *h, unsigned char *payload))
{
	syncfile f;
	st_err err = { "" };
	syncfile_expect any = { NULL, 1000, 0 };
	unsigned char *img = malloc(n);

	if (syncfile_decode(good, n, &any, path, &f, &err) != SYNCFILE_OK) {
		printf("Bail out! %s\n", err.msg);
		exit(99);
	}
	memcpy(img, good, n);
	change(&f.h, img + SYNCFILE_HEADER_SIZE);
	must(syncfile_encode_header(&f.h, img + SYNCFILE_HEADER_SIZE, f.payload_len, img, &err),
	     "syncfile_encode_header", &err);
	put_bytes(path, img, n);
	syncfile_free(&f);
	free(img);
}

static void newer_schema(syncfile_header *h, unsigned char *payload)
{
	(void)payload;
	h->schema = (uint32_t)db_schema_version() + 1;
}

static void other_network(syncfile_header *h, unsigned char *payload)
{
	(void)payload;
	memcpy(h->network_id, "5354454d-5359-4e43-8000-0000000000ff", SYNCID_SIZE);
}

/* A sound checksum over changes SQLite cannot read: a table header
 * naming a column count no table here has. */
static void garbled_changes(syncfile_header *h, unsigned char *payload)
{
	(void)h;
	payload[1] = 0x3f;
}

/* Bert syncs with the file at path as it is now: refused whole, with a
 * message naming it, and his database unchanged. */
static void refused(const char *path, const char *how)
{
	sync_report r;
	const char *before = whole_dump(bert), *base = strrchr(path, '/') + 1;

	ok(laptop_sync(bert, folder, "Bert", &r) == 1, "refuse: a file %s is refused", how);
	if (r.nrefused == 1)
		has_str(r.refused[0], base, "refuse: the message names the file");
	else
		ok(0, "refuse: the message names the file");
	sync_report_free(&r);
	is_str(whole_dump(bert), before, "refuse: the database is unchanged");
}

static void test_bad_files_refused_whole(void)
{
	sync_report r;
	unsigned char *good, *bad;
	size_t n;
	const char *path;
	long long i;

	network("refuse");
	for (i = 0; i < 5; i++)
		add_note(anna, "Anna", "Een notitie die niet aankomt.");
	ok(laptop_sync(anna, folder, "Anna", &r) == 0 && r.written_seq > 0,
	   "refuse: Anna writes a file");
	path = file_of(anna, r.written_seq);
	sync_report_free(&r);
	good = file_bytes(path, &n);
	put_bytes(path, good, n - 7);
	refused(path, "truncated");
	put_bytes(path, good, SYNCFILE_HEADER_SIZE + 3);
	refused(path, "cut just after its header");
	bad = malloc(n);
	memcpy(bad, good, n);
	bad[n - 5] ^= 0x10;
	put_bytes(path, bad, n);
	refused(path, "with a byte altered (checksum)");
	memcpy(bad, good, n);
	bad[20] ^= 0x01;
	put_bytes(path, bad, n);
	refused(path, "with a byte of its header altered");
	free(bad);
	reseal(path, good, n, newer_schema);
	refused(path, "written by a newer schema");
	reseal(path, good, n, other_network);
	refused(path, "of another network");
	reseal(path, good, n, garbled_changes);
	refused(path, "whose changes SQLite cannot read");
	put_bytes(path, good, n);
	ok(everyone_syncs(), "refuse: once the file is whole again, it is taken");
	ON_EACH(is_int(query_int(db, "SELECT count(*) FROM note"), 5, "refuse: with its notes"));
	ok(same_everywhere(), "refuse: the three laptops hold the same");
	free(good);
	network_close();
}

/* Bert's database opened again (a second stemtui) syncs in a child. */
static pid_t sync_in_child(const char *path, int kill_after)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		sqlite3 *db = NULL;
		st_err err = { "" };
		sync_report r;
		int rc;

		clock_fork_child();
		if (db_open(path, &db, NULL, &err) != DB_OPEN_OK)
			_exit(3);
		if (kill_after > 0)
			kill_at_step(db, kill_after);
		rc = sync_folder(db, folder, NULL, NULL, &r, &err);
		if (rc != 0)
			fprintf(stderr, "# child: %s\n", err.msg);
		if (rc == 0 && r.nrefused)
			fprintf(stderr, "# child: %s\n", r.refused[0]);
		if (rc == 0 && r.nrefused)
			rc = 2;
		_exit(rc == 0 ? 0 : 2);
	}
	return pid;
}

static int child_status(pid_t pid)
{
	int status = 0;

	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

#define APPLIED_TWICE "SELECT count(*) - count(DISTINCT database_id || seq) FROM sync_log"

static void test_two_syncs_at_once(void)
{
	const char *path;
	pid_t one, two;
	int i, a, b;

	network("twice");
	path = named("bert.db");
	for (i = 0; i < 12; i++) {
		add_note(anna, "Anna", "Eén van twaalf bestanden.");
		ok(laptop_sync(anna, folder, "Anna", NULL) == 0, "twice: Anna writes file %d", i + 1);
	}
	one = sync_in_child(path, 0);
	two = sync_in_child(path, 0);
	a = child_status(one);
	b = child_status(two);
	is_int(a, 0, "twice: the first sync ends well");
	is_int(b, 0, "twice: the second sync at once ends well");
	is_int(query_int(bert, APPLIED_TWICE), 0, "twice: no file was applied twice");
	is_int(query_int(bert, "SELECT count(*) FROM sync_log"),
	       query_int(anna, "SELECT next_seq - 1 FROM sync_self") +
	       query_int(carla, "SELECT next_seq - 1 FROM sync_self"),
	       "twice: every file was applied once");
	ok(everyone_syncs() && same_everywhere(), "twice: the three laptops hold the same");
	network_close();
}

/* ---- local-only state ---------------------------------------------------- */

/* The tables of every sync file of db in the folder, comma-separated,
 * and whether each is one of sync_tables. */
static const char *tables_sent(sqlite3 *db, bool *only_travelling)
{
	syncid_self self;
	syncfile_list l;
	syncfile_expect x = { NULL, 0, 0 };
	st_err err = { "" };
	struct buf b = { NULL, 0, 0 };
	int i;

	*only_travelling = true;
	must(syncid_read_self(db, &self, &err), "syncid_read_self", &err);
	must(syncfile_scan(folder, &l, &err), "syncfile_scan", &err);
	x.network_id = self.network_id;
	x.schema = (uint32_t)db_schema_version();
	buf_add(&b, "");
	for (i = 0; i < l.n; i++) {
		syncfile f;
		const char *t;
		char *copy, *tok, *save;

		if (strcmp(l.v[i].database_id, self.database_id) != 0)
			continue;
		must(syncfile_read(l.v[i].path, &x, &f, &err) == SYNCFILE_OK ? 0 : -1, "read", &err);
		t = changeset_tables(f.payload, (int)f.payload_len);
		buf_add(&b, b.len ? ";" : "");
		buf_add(&b, t);
		copy = strdup(t);
		for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
			if (!sync_table_find(tok))
				*only_travelling = false;
		free(copy);
		syncfile_free(&f);
	}
	syncfile_list_free(&l);
	return keep_dump(b.s);
}

static void test_local_state_stays_local(void)
{
	st_draft d = { "session:1:Anna", "Een kladje van Anna.", "idea", "tafel 1", NULL };
	st_err err = { "" };
	bool only;
	const char *sent;

	laptops("local");
	/* Before joining (the first file holds everything) and after. */
	must(draft_save(anna, &d, &err), "draft_save", &err);
	must(state_set(anna, "digit.1", "VB1", &err), "state_set", &err);
	ok(everyone_syncs(), "local: every laptop joins");
	d.key = "session:2:Anna";
	must(draft_save(anna, &d, &err), "draft_save", &err);
	must(state_set(anna, "window", "notes", &err), "state_set", &err);
	add_note(anna, "Anna", "Een echte notitie.");
	ok(everyone_syncs(), "local: every laptop syncs");
	sent = tables_sent(anna, &only);
	ok(only, "local: Anna's files change only travelling tables (%s)", sent);
	ok(strstr(sent, "draft") == NULL && strstr(sent, "local_state") == NULL,
	   "local: her files carry no draft and no local state");
	ok(strstr(sent, "note") != NULL, "local: but her note (%s)", sent);
	ON_EACH(is_int(query_int(db, "SELECT count(*) FROM draft"), db == anna ? 2 : 0,
		       "local: the drafts stay on Anna's laptop"));
	ON_EACH(is_int(query_int(db, "SELECT count(*) FROM local_state WHERE key IN ('digit.1',"
				     " 'window')"), db == anna ? 2 : 0,
		       "local: and so does her local state"));
	network_close();
}

/* ---- merging a database file --------------------------------------------- */

static void test_merge_database_file(void)
{
	st_err err = { "" };
	sync_report r;
	sqlite3 *other, *mine;
	unsigned char *was, *is;
	size_t n, m;
	const char *path, *merged;
	long long p, x;

	snprintf(prefix, sizeof prefix, "merge");
	path = named("other.db");
	other = laptop_new(name_of("other.db"));
	mine = laptop_new(name_of("mine.db"));
	session = query_int(other, "SELECT id FROM session WHERE code = 'COP 07'");
	x = add_note(other, "Anna", "Van de andere databank.");
	set_tag(other, x, factor_of(other, "VB1"), 1);
	p = new_person(other, "Olga", "Andries");
	set_status(other, p, ATT_PRESENT);
	session = query_int(mine, "SELECT id FROM session WHERE code = 'COP 07'");
	add_note(mine, "Bert", "Van mijn databank.");
	db_close(other);
	was = file_bytes(path, &n);
	if (!ok(sync_merge(mine, path, &r, &err) == 0, "merge: a database of no network"))
		diag("%s", err.msg);
	sync_report_free(&r);
	is = file_bytes(path, &m);
	ok(n == m && memcmp(was, is, n) == 0, "merge: OTHER is byte for byte as it was");
	ok(access(fixture_path("merge-other.db-wal"), F_OK) != 0 &&
	   access(fixture_path("merge-other.db-shm"), F_OK) != 0,
	   "merge: and has no -wal or -shm beside it");
	is_str(query_text(mine, "SELECT group_concat(body, ' / ') FROM (SELECT body FROM note"
				" ORDER BY body)"), "Van de andere databank. / Van mijn databank.",
	       "merge: brings its notes in");
	is_str(query_text(mine, "SELECT (SELECT group_concat(code || polarity) FROM tag JOIN factor"
				" ON factor.id = factor_id) || ' ' || (SELECT first_name || ' ' || status"
				" FROM person JOIN attendance ON person_id = person.id)"),
	       "VB11 Olga present", "merge: its tags, people and attendance");
	merged = whole_dump(mine);
	if (!ok(sync_merge(mine, path, &r, &err) == 0, "merge: the same file again"))
		diag("%s", err.msg);
	sync_report_free(&r);
	is_str(whole_dump(mine), merged, "merge: merging again changes nothing");
	free(was);
	free(is);
	db_close(mine);
}

int main(void)
{
	fixture_start("test_sync");
	find_datadir();
	clock_install();
	test_notes_travel_with_their_author();
	test_notes_newer_edit_wins();
	test_notes_trash_and_restore();
	test_changes_wait_for_their_rows();
	test_tags_of_two_coders();
	test_attendance_later_status_wins();
	test_codebook_changes_travel();
	test_codebook_merge_travels();
	test_erased_person_stays_erased();
	test_local_state_stays_local();
	test_bad_files_refused_whole();
	test_two_syncs_at_once();
	test_killed_while_applying();
	test_interrupted_while_applying();
	test_merge_database_file();
	return tap_done();
}
