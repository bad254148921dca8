/* e2e_locks.c: the real stemtui while another program holds the
 * database's write lock (a long import, a second stemtui): check-ins, a
 * digit tag and notes are shown as waiting, the screen keeps answering,
 * and all of it is in the database, in order, once the lock goes, without
 * a key.  Quitting waits for what waits, saying so; F10 then quits at once
 * and the next start saves it from the journal.  The lock is held by
 * another connection until the test lets it go: nothing is timed. */
#include "config.h"

#include <glob.h>

#include "core/attendance.h"
#include "core/db.h"
#include "core/notes.h"
#include "core/tags.h"
#include "e2e.h"

#define F10 "\033[21~"   /* what xterm sends for F10 */

static const char signup[] =
	"voornaam,achternaam,rol,organisatie,e-mail,focus\n"
	"Françoise,Peeters,leraar,VBS Sint-Lodewijk,,\n"
	"Jan,Wouters,leraar,GO! De Luchtballon,,\n"
	"Els,Claes,directie,VBS Sint-Lodewijk,,\n";

/* Another program takes the write lock; NULL (and a failed check) when
 * it cannot. */
static sqlite3 *hold_lock(void)
{
	sqlite3 *other = e2e_open_db();

	if (!ok(other && sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK,
		"another program takes the write lock")) {
		db_close(other);
		return NULL;
	}
	return other;
}

static void let_go(sqlite3 *other)
{
	ok(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL) == SQLITE_OK, "the other program lets go");
	db_close(other);
}

/* The first integer of sql on the database, -1 on error. */
static long long db_int(const char *sql)
{
	sqlite3 *db = e2e_open_db();
	sqlite3_stmt *st;
	long long v = -1;

	if (db && sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	db_close(db);
	return v;
}

/* How many journals of kept writes lie beside the database. */
static int journals(void)
{
	char pattern[4400];
	glob_t g;
	int n;

	snprintf(pattern, sizeof pattern, "%s/data/stemtui/stemtui.sqlite-pending-*", e2e_home);
	n = glob(pattern, 0, NULL, &g) == 0 ? (int)g.gl_pathc : 0;
	globfree(&g);
	return n;
}

#define PRESENT_SQL(first) \
	"SELECT count(*) FROM attendance a JOIN person p ON p.id = a.person_id" \
	" WHERE a.status = 'present' AND a.arrived_at IS NOT NULL AND p.first_name = '" first "'"

/* At the door: two check-ins while the lock is held are shown as they will
 * be, and saved once it goes. */
static void test_checkins_wait(void)
{
	sqlite3 *other;
	vt *t;

	e2e_new_home("locks-checkin");
	e2e_sign_up(signup, "three people sign up for COP 07");
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "7");
	e2e_selected_is(t, "COP 07", "7 selects COP 07");
	vt_type(t, "a");
	e2e_shows(t, "Present 0 of 3 registered", "a opens the attendance of COP 07");
	if (!(other = hold_lock()))
		return;
	vt_type(t, "francoise");
	e2e_shows(t, "Françoise Peeters", "her name is typed");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Waiting for the database\xe2\x80\xa6 kept: Françoise Peeters: Present",
		  "Enter while another program writes: the check-in is kept, and the status line says so");
	e2e_shows(t, "Present \xe2\x80\xa6", "  her row shows her present, waiting");
	ok(vt_find_row(t, "locked") < 0, "  no error");
	vt_type(t, "wout");
	e2e_shows(t, "Jan Wouters", "the screen answers meanwhile: the next name is typed");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "kept: Jan Wouters: Present", "  and the next check-in is kept too");
	vt_key(t, VT_DOWN);
	e2e_shows(t, "Waiting for the database\xe2\x80\xa6 2 changes kept",
		  "the status line says how many wait");
	is_int(db_int(PRESENT_SQL("Françoise")) + db_int(PRESENT_SQL("Jan")), 0,
	       "nothing is in the database while the lock is held");
	let_go(other);
	e2e_shows(t, "The database is free again: the 2 changes that waited are saved",
		  "once the lock goes they are saved, without a key");
	e2e_shows(t, "Present 2 of 3 registered", "  and the counts show them");
	is_int(db_int(PRESENT_SQL("Françoise")), 1, "Françoise is present in the database, with a time");
	is_int(db_int(PRESENT_SQL("Jan")), 1, "Jan too");
	is_int(journals(), 0, "no journal is left");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "Esc goes back");
	e2e_quit(t);
}

/* Taking notes: a digit tag on the note just saved, then a note and a tag
 * on it, while the lock is held; all saved once it goes. */
static void test_notes_and_tags_wait(void)
{
	char one[32], two[32], want[128];
	sqlite3 *other;
	vt *t;

	e2e_new_home("locks-notes");
	t = e2e_open_notes(&(struct e2e_opts){ 0 });
	vt_type(t, "Een notitie voor het slot");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 1 saved", "a note is saved while the database is free");
	ok(e2e_digit_code(t, 1, one, sizeof one) && e2e_digit_code(t, 2, two, sizeof two),
	   "the digits show their factors");
	if (!(other = hold_lock()))
		return;
	vt_type(t, "1");
	snprintf(want, sizeof want, "Waiting for the database\xe2\x80\xa6 kept: note 1: %s", one);
	e2e_shows(t, want, "1 while another program writes: the tag is kept, and the status line says so");
	vt_type(t, "1");
	snprintf(want, sizeof want, "kept: note 1: %s+", one);
	e2e_shows(t, want, "1 again goes on from the tag kept: an enabler");
	is_str(e2e_tags_of(1), "", "no tag is in the database yet");
	vt_key(t, VT_ENTER);   /* done tagging: 1-9 type */
	vt_type(t, "Genoteerd terwijl een ander schrijft");
	e2e_shows(t, "terwijl een ander schrijft", "the next note is typed meanwhile");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "kept: the new note", "Enter keeps the note for the database");
	e2e_hides(t, "Genoteerd terwijl", "  and the editor is free for the next one");
	e2e_shows(t, "Waiting note: 1 ", "the digits tag the note kept, and the row says so");
	vt_type(t, "2");
	snprintf(want, sizeof want, "kept: the new note: %s", two);
	e2e_shows(t, want, "  2 tags it, kept too");
	is_int(db_int("SELECT count(*) FROM note"), 1, "the database still has one note");
	let_go(other);
	e2e_shows(t, "The database is free again: the 4 changes that waited are saved",
		  "once the lock goes all four are saved, without a key");
	snprintf(want, sizeof want, "%s+", one);
	is_str(e2e_tags_of(1), want, "note 1 is an enabler of the factor on 1");
	is_int(db_int("SELECT count(*) FROM note WHERE body = 'Genoteerd terwijl een ander schrijft'"),
	       1, "the note kept is in the database");
	is_str(e2e_tags_of(2), two, "  tagged with the factor on 2");
	e2e_shows(t, "Tag note 2:", "the digit row names it by its number now");
	vt_key(t, VT_ESC);
	e2e_quit(t);
}

/* Quitting while a note waits: the program says it waits, and ends by
 * itself once the note is saved. */
static void test_quit_waits(void)
{
	sqlite3 *other;
	vt *t;

	e2e_new_home("locks-quit");
	t = e2e_open_notes(&(struct e2e_opts){ 0 });
	if (!(other = hold_lock()))
		return;
	vt_type(t, "Nog snel genoteerd");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "kept: the new note", "the note is kept");
	vt_type(t, F10);
	e2e_shows(t, "Quitting as soon as the database is free: 1 change still waits for it",
		  "F10 waits for it, and says so");
	e2e_shows(t, "F10: quit now", "  with the key that quits at once");
	let_go(other);
	is_int(vt_wait_exit(t, WAIT), 0, "once the lock goes the program saves it and ends");
	vt_free(t);
	e2e_no_sanitizer_report();
	is_int(db_int("SELECT count(*) FROM note WHERE body = 'Nog snel genoteerd'"), 1,
	       "the note is in the database");
	is_int(journals(), 0, "no journal is left");
}

/* F10 twice: the program ends at once; the kept note stays in the journal
 * and the next start saves it. */
static void test_quit_now_then_next_start(void)
{
	sqlite3 *other;
	vt *t;

	e2e_new_home("locks-journal");
	t = e2e_open_notes(&(struct e2e_opts){ 0 });
	if (!(other = hold_lock()))
		return;
	vt_type(t, "Bewaard voor de volgende keer");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "kept: the new note", "the note is kept");
	vt_type(t, F10);
	e2e_shows(t, "Quitting as soon as the database is free", "F10 waits for it");
	vt_type(t, F10);
	is_int(vt_wait_exit(t, WAIT), 0, "F10 again quits at once");
	vt_free(t);
	e2e_no_sanitizer_report();
	is_int(journals(), 1, "the note waits in a journal beside the database");
	let_go(other);
	is_int(db_int("SELECT count(*) FROM note"), 0, "  not in the database yet");
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "Saved the change kept when stemtui last stopped",
		  "the next start saves it, and says so");
	is_int(db_int("SELECT count(*) FROM note WHERE body = 'Bewaard voor de volgende keer'"), 1,
	       "the note is in the database");
	is_int(journals(), 0, "  and the journal is gone");
	e2e_quit(t);
}

/* Esc on a note being typed while the lock is held: its draft is kept
 * for the database, and the screen says so, as it does when the draft is
 * in the database already. */
static void test_draft_left_waits(void)
{
	sqlite3 *other;
	vt *t;

	e2e_new_home("locks-draft");
	t = e2e_open_notes(&(struct e2e_opts){ 0 });
	if (!(other = hold_lock()))
		return;
	vt_type(t, "Half getypt");
	e2e_shows(t, "Half getypt", "a note is typed while another program writes");
	vt_key(t, VT_ESC);
	e2e_shows(t, "The note you did not save is kept as a draft",
		  "Esc keeps its draft for the database, and says it is kept");
	is_int(db_int("SELECT count(*) FROM draft"), 0, "  not in the database yet");
	let_go(other);
	e2e_shows(t, "The database is free again", "once the lock goes it is saved, without a key");
	is_int(db_int("SELECT count(*) FROM draft WHERE body = 'Half getypt'"), 1,
	       "the draft is in the database");
	e2e_quit(t);
}

int main(void)
{
	test_checkins_wait();
	test_notes_and_tags_wait();
	test_quit_waits();
	test_quit_now_then_next_start();
	test_draft_left_waits();
	return tap_done();
}
