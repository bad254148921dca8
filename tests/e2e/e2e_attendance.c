/* e2e_attendance.c: checking people in at the door in the real stemtui:
 * typing parts of names (the names that start with it first, those
 * already present last), Ctrl-U clearing the name, a newcomer with an
 * accented name counted as a walk-in, the duplicate warning, undo and
 * redo, the counts in the header, and that every check-in is in the
 * database after the program is killed with SIGKILL. */
#include "config.h"

#include <signal.h>

#include "core/attendance.h"
#include "core/db.h"
#include "core/organisation.h"
#include "core/session_match.h"
#include "e2e.h"

#define F8 "\033[19~"          /* what xterm sends for F8 */
#define SHIFT_F8 "\033[19;2~"  /* and for Shift-F8 (F20 in terminfo) */

/* Twelve people signed up for COP 07: eight teachers, two school
 * leaders, two techniekcoaches. */
static const char signup[] =
	"voornaam,achternaam,rol,organisatie,e-mail,focus\n"
	"Zoë,Van den Broeck,leraar,VBS Sint-Lodewijk,zoe@example.be,\n"
	"Françoise,Peeters,leraar,VBS Sint-Lodewijk,,\n"
	"Jan,Wouters,leraar,GO! De Luchtballon,,\n"
	"Lotte,De Smet,leraar,GO! De Luchtballon,,\n"
	"Mehmet,Yılmaz,leraar,VBS De Vliegenier,,\n"
	"Ine,Verschueren,leraar,VBS De Vliegenier,,\n"
	"Kobe,Vandenberghe,leraar,VLS Berkenbos,,\n"
	"Sofie,D'Hondt,leraar,VLS Berkenbos,,\n"
	"Els,Claes,directie,VBS Sint-Lodewijk,,\n"
	"Bart,Maes,directie,GO! De Luchtballon,,\n"
	"Nina,Goossens,techniekcoach,,,programmeren\n"
	"Pieter,Jacobs,techniekcoach,,,wetenschap\n";

#define F8 "\033[19~"   /* what xterm sends for F8: undo */

/* What to type for each of the ten who come, and whom it must select. */
static const struct { const char *typed, *selects; } arrivals[] = {
	{ "zoe", "Zoë Van den Broeck" }, { "francoise", "Françoise Peeters" },
	{ "wout", "Jan Wouters" }, { "de sm", "Lotte De Smet" },
	{ "yilm", "Mehmet Yılmaz" }, { "versch", "Ine Verschueren" },
	{ "kobe", "Kobe Vandenberghe" }, { "hondt", "Sofie D'Hondt" },
	{ "claes", "Els Claes" }, { "nina", "Nina Goossens" },
};

static void sign_up(void)
{
	e2e_sign_up(signup, "twelve people sign up for COP 07");
}

/* Opens the attendance of COP 07 from the first screen. */
static vt *open_attendance(void)
{
	return e2e_open_attendance();
}

/* Present count of COP 07 as the database has it. */
static int present_in_database(void)
{
	char path[4300];
	sqlite3 *db;
	att_counts c;
	long long id = 0;
	st_err err;
	int n = -1;

	snprintf(path, sizeof path, "%s/data/stemtui/stemtui.sqlite", e2e_home);
	if (db_open(path, &db, NULL, &err) != DB_OPEN_OK) {
		diag("%s", err.msg);
		return -1;
	}
	if (session_resolve(db, "COP 07", 0, &id, &err) == 1 &&
	    attendance_counts(db, id, &c, &err) == 0)
		n = c.present;
	db_close(db);
	return n;
}

/* Runs sql on the database file (stemtui.sqlite, or the demo's
 * demo.sqlite) of e2e_home; the check is named name. */
static void db_exec_in(const char *file, const char *sql, const char *name)
{
	char path[4300];
	sqlite3 *db;
	st_err err;

	snprintf(path, sizeof path, "%s/data/stemtui/%s", e2e_home, file);
	if (db_open(path, &db, NULL, &err) != DB_OPEN_OK) {
		diag("%s", err.msg);
		return;
	}
	if (!ok(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK, "%s", name))
		diag("%s", sqlite3_errmsg(db));
	db_close(db);
}

static void db_exec(const char *sql, const char *name)
{
	db_exec_in("stemtui.sqlite", sql, name);
}

/* The first integer of the first row of sql on e2e_home's database. */
static long long db_int(const char *sql)
{
	char path[4300];
	sqlite3 *db;
	sqlite3_stmt *st;
	st_err err;
	long long v = -1;

	snprintf(path, sizeof path, "%s/data/stemtui/stemtui.sqlite", e2e_home);
	if (db_open(path, &db, NULL, &err) != DB_OPEN_OK)
		return -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	db_close(db);
	return v;
}

static void test_checkin_ten(void)
{
	char count[64];
	size_t i;
	vt *t;

	e2e_new_home("att-ten");
	sign_up();
	t = open_attendance();
	e2e_shows(t, "Present 0 of 12 registered", "the header counts 0 of 12");
	for (i = 0; i < sizeof arrivals / sizeof arrivals[0]; i++) {
		vt_type(t, arrivals[i].typed);
		e2e_selected_is(t, arrivals[i].selects, arrivals[i].selects);
		vt_key(t, VT_ENTER);
		snprintf(count, sizeof count, "Present %zu of 12 registered", i + 1);
		e2e_shows(t, count, "  Enter checks them in and the header counts");
	}
	e2e_shows(t, "Teacher 8/8", "the header splits by role (teachers)");
	e2e_shows(t, "School leader 1/2", "the header splits by role (school leaders)");
	e2e_shows(t, "Technology coach 1/2", "the header splits by role (coaches)");
	is_int(present_in_database(), 10, "all ten are in the database at once");
	vt_type(t, "xy");
	e2e_shows(t, "Name: xy", "a name is being typed");
	vt_type(t, "\x15");   /* Ctrl-U */
	e2e_hides(t, "Name: xy", "Ctrl-U clears the name, as in readline");
	vt_type(t, "\x15");
	vt_type(t, "z");
	e2e_shows(t, "Name: z", "Ctrl-U again on the empty name, then a letter");
	e2e_shows(t, "Present 10 of 12 registered", "  no check-in was undone");
	is_int(present_in_database(), 10, "  the database still has all ten");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Name: z", "Esc clears the name");
	vt_type(t, F8);
	e2e_shows(t, "Present 9 of 12 registered", "F8 undoes the last check-in");
	e2e_shows(t, "Undone: Nina Goossens, back to Expected (Shift-F8: redo)",
		  "  saying whom, what she is now, and the key that redoes it");
	is_int(present_in_database(), 9, "the undo is in the database");
	vt_type(t, SHIFT_F8);
	e2e_shows(t, "Present 10 of 12 registered", "Shift-F8 redoes it");
	e2e_shows(t, "Redone: Nina Goossens, Present again (F8: undo)", "  saying so");
	is_int(present_in_database(), 10, "the redo is in the database");
	vt_type(t, F8);
	e2e_shows(t, "Present 9 of 12 registered", "F8 undoes it again");
	vt_type(t, F8);
	e2e_shows(t, "Undone: Els Claes, back to Expected", "F8 again undoes the check-in before");
	e2e_shows(t, "Present 8 of 12 registered", "  and counts it");
	vt_type(t, SHIFT_F8);
	e2e_shows(t, "Redone: Els Claes, Present again", "Shift-F8 redoes the one undone last");
	e2e_shows(t, "Present 9 of 12 registered", "  and counts it");
	vt_type(t, SHIFT_F8);
	e2e_shows(t, "Redone: Nina Goossens, Present again", "Shift-F8 again redoes Nina's");
	e2e_shows(t, "Present 10 of 12 registered", "  and counts it");
	vt_type(t, F8);
	e2e_shows(t, "Present 9 of 12 registered", "F8 undoes Nina's check-in once more");
	is_int(present_in_database(), 9, "the database has the nine");
	vt_type(t, "nina");
	e2e_selected_is(t, "Nina Goossens", "Nina is back to expected");
	e2e_shows(t, "Expected", "with the status Expected");
	vt_type(t, "\x01");   /* Ctrl-A */
	e2e_shows(t, "Absent", "Ctrl-A marks absent");
	e2e_shows(t, "1 absent", "the header counts the absent");
	vt_type(t, SHIFT_F8);
	e2e_shows(t, "Nothing to redo", "after a new change, the undone check-in is not redone");
	e2e_hides(t, "Name: nina", "and the typed name is cleared for the next person, as Enter does");
	vt_type(t, "jan");
	e2e_shows(t, "Name: jan", "a name typed again");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Name: jan", "Esc clears the name");
	vt_type(t, "zoe");
	e2e_selected_is(t, "Zo\xc3\xab Van den Broeck", "Zoë, who is already in");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "was already present, since", "checking her in again says she already was");
	vt_kill(t, SIGKILL);
	is_int(vt_wait_exit(t, WAIT), 128 + SIGKILL, "stemtui is killed with SIGKILL");
	vt_free(t);
	is_int(present_in_database(), 9, "after SIGKILL every check-in is still there");
}

static void test_newcomer_and_duplicate(void)
{
	vt *t;

	e2e_new_home("att-new");
	sign_up();
	t = open_attendance();
	vt_type(t, "Anaïs Dubois");
	e2e_shows(t, "Nobody by that name", "an unknown name finds nobody");
	vt_type(t, "\x0e");   /* Ctrl-N */
	e2e_shows(t, "New person", "Ctrl-N opens the form");
	e2e_shows(t, "Anaïs", "the first name is filled in from what was typed");
	e2e_shows(t, "Dubois", "and the last name");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_type(t, "Sint-Lod");
	e2e_shows(t, "Tab: VBS Sint-Lodewijk", "the organisation is suggested as it is typed");
	vt_key(t, VT_TAB);
	vt_type(t, "\x13");   /* Ctrl-S */
	e2e_shows(t, "Added and checked in: Anaïs Dubois (walk-in)",
		  "saving adds the newcomer and checks her in, saying who");
	e2e_shows(t, "Present 0 of 12 registered \xc2\xb7 1 walk-in",
		  "the header counts her as a walk-in, not as registered");
	e2e_shows(t, "Teacher 0/8+1", "  also in her role's figure");
	is_int(db_int("SELECT walk_in FROM attendance a JOIN person p ON p.id = a.person_id"
		      " WHERE p.first_name = 'Anaïs' AND a.status = 'present'"), 1,
	       "the database has her present, as a walk-in");
	vt_type(t, "anais");
	e2e_selected_is(t, "Anaïs Dubois", "the newcomer is found without the accent");
	e2e_shows(t, "VBS Sint-Lodewijk", "with the organisation picked by typing");
	vt_key(t, VT_ESC);
	vt_type(t, "\x0e");   /* Ctrl-N */
	e2e_shows(t, "New person", "Ctrl-N again");
	vt_type(t, "Francoise");
	vt_key(t, VT_DOWN);
	vt_type(t, "Peeters");
	vt_type(t, "\x13");
	e2e_shows(t, "looks like Françoise Peeters", "a name like one already there is pointed out");
	vt_type(t, "u");
	e2e_shows(t, "Present 1 of 12 registered \xc2\xb7 1 walk-in",
		  "using the known person checks her in as registered, no duplicate");
	e2e_shows(t, "Françoise Peeters: Present", "  and says so");
	vt_key(t, VT_ESC);
	e2e_shows(t, "7/13", "Esc goes back to the programme");
	ok(vt_wait_row_text(t, LIST_FIRST, "COP 01", WAIT),
	   "the list is full again, from COP 01 (no blank rows under COP 13)");
	e2e_quit(t);
	t = e2e_start(&(struct e2e_opts){ .args = { "people", "--name", "peeters", "--format", "csv" } });
	ok(vt_wait_exit(t, WAIT) == 0, "the people command runs");
	{
		char *screen = vt_screen_text(t);
		const char *p = screen;
		int n = 0;
		while ((p = strstr(p, "Peeters")) != NULL) {
			n++;
			p++;
		}
		is_int(n, 1, "there is still one Françoise Peeters");
		free(screen);
	}
	vt_free(t);
}

/* Counts the lines of `people --format csv` (run in e2e_home) holding
 * text: what the database has, not what the screen shows. */
static int people_csv_lines_with(const char *args, const char *text)
{
	char cmd[20000], line[1024];
	FILE *p;
	int n = 0;

	snprintf(cmd, sizeof cmd, "HOME='%s' XDG_CONFIG_HOME='%s/config' XDG_DATA_HOME='%s/data' "
		 "'%s' people --format csv %s 2>/dev/null", e2e_home, e2e_home, e2e_home,
		 e2e_env("STEMTUI_BIN"), args);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	while (fgets(line, sizeof line, p))
		if (strstr(line, text))
			n++;
	pclose(p);
	return n;
}

/* 1 when the database has a school of this name (ignoring case and
 * accents), 0 when not, -1 on error. */
static int school_in_database(const char *name)
{
	char path[4300];
	sqlite3 *db;
	long long id;
	st_err err;
	int found;

	snprintf(path, sizeof path, "%s/data/stemtui/stemtui.sqlite", e2e_home);
	if (db_open(path, &db, NULL, &err) != DB_OPEN_OK) {
		diag("%s", err.msg);
		return -1;
	}
	found = org_find(db, "school", name, &id, &err);
	db_close(db);
	return found;
}

/* Types a newcomer's name, opens the form and types the organisation. */
static void newcomer_with_org(vt *t, const char *name, const char *org)
{
	vt_type(t, name);
	vt_type(t, "\x0e");   /* Ctrl-N */
	e2e_shows(t, "New person", "Ctrl-N opens the form");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_type(t, org);
}

/* Part of a school's name typed, with its suggestion showing, is not a
 * new school: saving asks, and offers the suggestion. */
static void test_newcomer_new_school_asked(void)
{
	vt *t;

	e2e_new_home("att-new-school");
	sign_up();
	t = open_attendance();
	newcomer_with_org(t, "Anaïs Dubois", "vliegen");
	e2e_shows(t, "Tab: VBS De Vliegenier", "the school is suggested");
	vt_type(t, "\x13");   /* Ctrl-S */
	e2e_shows(t, "No school called 'vliegen' yet. Create it?", "saving asks about the new school");
	e2e_shows(t, "[t] use VBS De Vliegenier", "and offers the suggestion");
	vt_key(t, VT_ESC);
	e2e_shows(t, "Tab: VBS De Vliegenier", "Esc goes back to the form as it was");
	vt_type(t, "\x13");
	e2e_shows(t, "No school called 'vliegen' yet", "saving again asks again");
	vt_type(t, "t");
	e2e_shows(t, "Present 0 of 12 registered \xc2\xb7 1 walk-in", "t saves with the suggested school");
	is_int(people_csv_lines_with("--name dubois", "VBS De Vliegenier"), 1,
	       "the newcomer is of VBS De Vliegenier");
	is_int(school_in_database("vliegen"), 0, "and no school \"vliegen\" was made");
	newcomer_with_org(t, "Wim Lemmens", "vbs de vliegenièr");
	vt_type(t, "\x13");
	e2e_shows(t, "Present 0 of 12 registered \xc2\xb7 2 walk-ins",
		  "a school's whole name in other case and accents is not asked about");
	newcomer_with_org(t, "Ruth Aerts", "Atheneum Zuid");
	vt_type(t, "\x13");
	e2e_shows(t, "No school called 'Atheneum Zuid' yet", "a new school is asked about");
	e2e_hides(t, "[t] use", "without a suggestion when there is none");
	vt_type(t, "y");
	e2e_shows(t, "Present 0 of 12 registered \xc2\xb7 3 walk-ins", "y creates it");
	is_int(people_csv_lines_with("--name aerts", "Atheneum Zuid"), 1,
	       "the newcomer is of the new school");
	is_int(people_csv_lines_with("--organisation vliegenier", "VBS De Vliegenier"), 4,
	       "VBS De Vliegenier has its two and both newcomers");
	is_int(school_in_database("atheneum zuid"), 1, "the new school is in the database");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "Esc goes back to the programme");
	e2e_quit(t);
}

/* Links Nina Goossens, techniekcoach, to the four schools of the sign-up
 * list, straight in the database. */
static void nina_coaches_four(void)
{
	char path[4300];
	sqlite3 *db;
	st_err err;

	snprintf(path, sizeof path, "%s/data/stemtui/stemtui.sqlite", e2e_home);
	if (db_open(path, &db, NULL, &err) != DB_OPEN_OK) {
		diag("%s", err.msg);
		return;
	}
	is_int(sqlite3_exec(db, "INSERT INTO coaching (coach_id, school_id)"
			    " SELECT p.id, o.id FROM person p, organisation o"
			    " WHERE p.last_name = 'Goossens' AND o.name IN ('VBS Sint-Lodewijk',"
			    " 'GO! De Luchtballon', 'VBS De Vliegenier', 'VLS Berkenbos')",
			    NULL, NULL, NULL),
	       SQLITE_OK, "Nina Goossens coaches the four schools");
	db_close(db);
}

/* Each school is on a row of its own, whole. */
static bool schools_listed(vt *t, void *arg)
{
	const char *const *school = arg;
	int rows[4], i, j;

	for (i = 0; i < 4; i++) {
		char *row;
		bool whole;
		if ((rows[i] = vt_find_row(t, school[i])) < 0)
			return false;
		row = vt_row(t, rows[i]);
		whole = !strstr(row, "\xe2\x80\xa6");
		free(row);
		for (j = 0; j < i; j++)
			if (rows[j] == rows[i])
				return false;
		if (!whole)
			return false;
	}
	return true;
}

/* A coach of four schools: the person screen lists them one a line, all
 * four at 80x24, instead of one cut line. */
static void test_coach_of_four(void)
{
	static const char *const school[4] = {
		"GO! De Luchtballon", "VBS De Vliegenier", "VBS Sint-Lodewijk", "VLS Berkenbos",
	};
	vt *t;

	e2e_new_home("att-coach");
	sign_up();
	nina_coaches_four();
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "P");
	e2e_shows(t, "People", "P opens the people");
	vt_type(t, "goossens");
	e2e_selected_is(t, "Goossens", "typing selects Nina Goossens");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Coaches:", "Enter opens her screen, with the schools she coaches");
	if (!ok(vt_wait_until(t, schools_listed, (void *)school, WAIT),
		"the four schools show, each whole on a line of its own"))
		vt_dump(t);
	e2e_shows(t, "1 session", "her sessions show");
	ok(vt_find_row(t, "1 session") > vt_find_row(t, "VLS Berkenbos"),
	   "her sessions come under the schools");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Coaches:", "Esc goes back to the people");
	vt_key(t, VT_ESC);
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "and Esc back to the programme");
	e2e_quit(t);
}

/* Notes at COP 07: two about Nina Goossens, one she wrote, one naming
 * her; and the same for Pieter Jacobs. */
static const char notes_about_two[] =
	"WITH v(body, author, about) AS (VALUES"
	"  ('Nina toont de robot', '', 'Goossens'), ('Nina vraagt tijd', '', 'Goossens'),"
	"  ('over de planning', 'Nina Goossens', NULL), ('Nina Goossens zei het', '', NULL),"
	"  ('Pieter meet', '', 'Jacobs'), ('Pieter telt', '', 'Jacobs'),"
	"  ('Pieter Jacobs vertelt', '', NULL))"
	" INSERT INTO note (session_id, body, author, about_person_id, created_at, updated_at)"
	" SELECT s.id, v.body, v.author, (SELECT id FROM person WHERE last_name = v.about),"
	"  'now', 'now' FROM session s, v WHERE s.code = 'COP 07'";

/* Opens the delete question for the person typed on the people screen. */
static void ask_delete(vt *t, const char *typed, const char *selects)
{
	vt_type(t, typed);
	e2e_selected_is(t, selects, "typing selects them");
	vt_type(t, "\x04");   /* Ctrl-D */
	e2e_shows(t, "Delete person", "Ctrl-D asks");
}

/* The question before deleting a person says truthfully what goes: their
 * attendance and coach links, the notes about them (trashed or kept, as
 * chosen), and the notes that only name them (not changed). */
static void test_delete_person_asks(void)
{
	vt *t;

	e2e_new_home("att-delete");
	sign_up();
	nina_coaches_four();
	db_exec(notes_about_two, "notes about Nina and Pieter, by Nina, naming them");
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "P");
	e2e_shows(t, "People", "P opens the people");
	ask_delete(t, "goossens", "Goossens");
	e2e_shows(t, "Removed with them: 1 attendance record, 4 coach links.",
		  "it counts her attendance record and coach links, in the singular for one");
	e2e_shows(t, "2 notes are about them: [n] moves them to the trash too,",
		  "it offers to trash the notes about her");
	e2e_shows(t, "2 other notes name them in their text or author: they are",
		  "and counts the notes she wrote or that name her");
	e2e_shows(t, "[k] keep the notes", "keeping them is the other answer");
	vt_type(t, "y");
	vt_type(t, "n");
	e2e_shows(t, "Deleted Nina Goossens", "n deletes her");
	is_int(db_int("SELECT count(*) FROM note WHERE body LIKE 'Nina%' AND deleted_at IS NOT NULL"),
	       2, "  with the two notes about her in the trash");
	is_int(db_int("SELECT count(*) FROM note WHERE deleted_at IS NULL AND (author <> ''"
		      " OR body LIKE 'Nina Goossens%')"), 2,
	       "  the notes that name her are not changed");
	vt_key(t, VT_ESC);
	ask_delete(t, "jacobs", "Jacobs");
	e2e_shows(t, "2 notes are about them", "Pieter has two notes about him");
	vt_type(t, "k");
	e2e_shows(t, "Deleted Pieter Jacobs", "k deletes him");
	is_int(db_int("SELECT count(*) FROM note WHERE body LIKE 'Pieter%' AND deleted_at IS NULL"
		      " AND about_person_id IS NULL"), 3, "  keeping the notes, unlinked");
	vt_key(t, VT_ESC);
	ask_delete(t, "claes", "Claes");
	e2e_shows(t, "[y] delete  [Esc] keep", "without notes about them, y deletes");
	e2e_hides(t, "notes are about", "and nothing is said about notes");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Delete person", "Esc keeps her");
	is_int(people_csv_lines_with("--name claes", "Claes"), 1, "  Els Claes is still there");
	vt_key(t, VT_ESC);
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "Esc back to the programme");
	e2e_quit(t);
}

static bool row_of_has(vt *t, void *arg)
{
	const char *const *want = arg;
	int r = vt_find_row(t, want[0]);
	char *row;
	bool has;

	if (r < 0)
		return false;
	row = vt_row(t, r);
	has = strstr(row, want[1]) != NULL;
	free(row);
	return has;
}

/* A badge scanner checks someone in with the command while the screen is
 * open: the row and the header follow without a key, and F8 says whose
 * check-in it undoes. */
static void test_live_from_cli(void)
{
	const char *jan_present[2] = { "Jan Wouters", "Present" };
	const char *jan_expected[2] = { "Jan Wouters", "Expected" };
	vt *t;

	e2e_new_home("att-live");
	sign_up();
	t = open_attendance();
	e2e_shows(t, "Present 0 of 12 registered", "nobody is present yet");
	ok(vt_wait_until(t, row_of_has, jan_expected, WAIT), "Jan Wouters is expected");
	is_int(e2e_run("checkin 7 'jan wouters'"), 0, "the command checks Jan Wouters in");
	e2e_shows(t, "Present 1 of 12 registered", "the header counts him without a key");
	if (!ok(vt_wait_until(t, row_of_has, jan_present, WAIT), "his row says Present"))
		vt_dump(t);
	e2e_shows(t, "Teacher 1/8", "the figure per role follows too");
	vt_type(t, F8);
	e2e_shows(t, "Undone: Jan Wouters", "F8 says whose check-in it undid");
	e2e_shows(t, "Present 0 of 12 registered", "and counts again");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "Esc goes back to the programme");
	e2e_quit(t);
}

/* Typing "ine v" with Tine Vanhove already in: Ine Verschueren, whose
 * name starts with it, is selected, not Tine, whose name only holds it;
 * Enter checks Ine in. */
static void test_type_ahead_order(void)
{
	char path[4200], arg[4400];
	FILE *f;
	int ine, tine;
	vt *t;

	e2e_new_home("att-order");
	sign_up();
	snprintf(path, sizeof path, "%s/late.csv", e2e_home);
	f = fopen(path, "w");
	fputs("voornaam,achternaam,rol\nTine,Vanhove,leraar\n", f);
	fclose(f);
	snprintf(arg, sizeof arg, "import people '%s' --expected 'COP 07'", path);
	is_int(e2e_run(arg), 0, "Tine Vanhove signs up too");
	is_int(e2e_run("checkin 7 'tine vanhove'"), 0, "and is checked in");
	t = open_attendance();
	e2e_shows(t, "Present 1 of 13 registered", "one of thirteen is in");
	vt_type(t, "ine v");
	e2e_selected_is(t, "Ine Verschueren", "\"ine v\" selects Ine Verschueren");
	ine = vt_find_row(t, "Ine Verschueren");
	tine = vt_find_row(t, "Tine Vanhove");
	ok(ine > 0 && tine > ine, "Tine Vanhove, already present, is listed below her");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Ine Verschueren: Present", "Enter checks Ine in");
	e2e_shows(t, "Present 2 of 13 registered", "  and the header counts her");
	is_int(db_int("SELECT count(*) FROM attendance a JOIN person p ON p.id = a.person_id"
		      " WHERE a.status = 'present' AND p.last_name IN ('Verschueren', 'Vanhove')"), 2,
	       "the database has both present");
	vt_type(t, "van");
	e2e_selected_is(t, "Kobe Vandenberghe", "\"van\": Kobe, still expected, first");
	ok(vt_find_row(t, "Tine Vanhove") > vt_find_row(t, "Kobe Vandenberghe"),
	   "  Tine, present, below him");
	vt_key(t, VT_ESC);
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "Esc Esc goes back to the programme");
	e2e_quit(t);
}

struct header_want { const char *const *want; int n; bool say; int rows; };

/* Rows 1 to h->rows of the check-in screen (the totals and the figures per
 * role) hold every wanted text, and no "…"; the name line comes next. */
static bool header_whole(vt *t, void *arg)
{
	const struct header_want *h = arg;
	char *rows[4];
	bool whole = true, found;
	int i, r;

	for (i = 0; i < h->rows; i++)
		rows[i] = vt_row(t, 1 + i);
	for (i = 0; i < h->rows; i++)
		if (strstr(rows[i], "\xe2\x80\xa6"))
			whole = false;
	for (i = 0; i < h->n; i++) {
		for (r = 0, found = false; r < h->rows; r++)
			found = found || strstr(rows[r], h->want[i]);
		if (!found && h->say)
			diag("\"%s\" is not in the header", h->want[i]);
		whole = whole && found;
	}
	for (i = 0; i < h->rows; i++)
		free(rows[i]);
	return whole && vt_find_row(t, h->rows == 4 ? "Naam:" : ":") >= 1 + h->rows;
}

/* COP 08 of the demo has someone of every role: at 80 columns the header
 * still shows each role's figure whole, in the roles' order. */
static void test_header_fits(const char *language, const char *const *want, int n,
			     const char *first)
{
	struct header_want h = { want, n, false, 3 };
	vt *t;

	e2e_new_home(language ? "att-head-nl" : "att-head");
	t = e2e_start(&(struct e2e_opts){ .language = language, .args = { "--demo" } });
	e2e_shows(t, "COP 01", "the demo browser is up");
	vt_type(t, "8");
	e2e_selected_is(t, "COP 08", "8 selects COP 08");
	vt_type(t, "a");
	e2e_shows(t, first, "a opens the check-in of COP 08");

	if (!ok(vt_wait_until(t, header_whole, &h, WAIT),
		"%s: every role's figure shows whole at 80x24", language ? language : "en")) {
		h.say = true;
		header_whole(t, &h);
		vt_dump(t);
	}
	ok(vt_find_col(t, 2, first) == 1, "the first role is the first of roles.ini");
	vt_key(t, VT_ESC);
	e2e_hides(t, first, "Esc goes back to the programme");
	e2e_quit(t);
}

/* COP 08 of the demo in Dutch with two walk-ins and ten absent: the
 * totals take two lines, the roles still their two below, all whole. */
static void test_header_wraps(void)
{
	static const char *const want[] = {
		"Aanwezig 3 van 19 ingeschreven", "2 onaangemeld", "10 afwezig",
		"1 verontschuldigd", "Leraar ", "Directie 0/1", "Pedagogisch begeleider 0/1",
		"Lerarenopleider 0/1", "Techniekcoach 2/4", "Onderzoeker 0/1", "Andere ",
	};
	struct header_want h = { want, 11, false, 4 };
	vt *t;

	e2e_new_home("att-head-wrap");
	is_int(e2e_run("--demo attendance 8"), 0, "the demo database is made");
	db_exec_in("demo.sqlite",
		   "UPDATE attendance SET status = 'absent' WHERE (session_id,"
		   " person_id) IN (SELECT session_id, person_id FROM attendance a JOIN session s"
		   " ON s.id = a.session_id WHERE s.code = 'COP 08' AND a.status = 'expected'"
		   " ORDER BY person_id LIMIT 10);"
		   "INSERT INTO attendance (session_id, person_id, status, arrived_at, updated_at,"
		   " walk_in) SELECT s.id, p.id, 'present', '09:30', 'x', 1 FROM session s, person p"
		   " WHERE s.code = 'COP 08' AND p.id NOT IN (SELECT person_id FROM attendance"
		   " WHERE session_id = s.id) ORDER BY p.id LIMIT 2;",
		   "ten of COP 08 are absent, and two walk-ins came");
	t = e2e_start(&(struct e2e_opts){ .language = "nl", .args = { "--demo" } });
	e2e_shows(t, "COP 01", "the demo browser is up");
	vt_type(t, "8");
	e2e_selected_is(t, "COP 08", "8 selects COP 08");
	vt_type(t, "a");
	e2e_shows(t, "Aanwezig 3 van 19 ingeschreven", "a opens the check-in, in Dutch");
	if (!ok(vt_wait_until(t, header_whole, &h, WAIT),
		"the totals take two lines and every figure shows whole at 80x24")) {
		h.say = true;
		header_whole(t, &h);
		vt_dump(t);
	}
	vt_key(t, VT_ESC);
	e2e_hides(t, "Naam:", "Esc goes back to the programme");
	e2e_quit(t);
}

/* Under a TERM whose terminfo has no Shift-F8 (screen-256color: no kf20),
 * the terminal still sends it as xterm does, ESC [19;2~: it redoes. */
static void test_redo_under_screen(void)
{
	vt *t;

	e2e_new_home("att-redo-screen");
	sign_up();
	t = e2e_start(&(struct e2e_opts){ .term = "screen-256color" });
	e2e_shows(t, "COP 01", "the browser is up (TERM=screen-256color)");
	vt_type(t, "7");
	e2e_selected_is(t, "COP 07", "7 selects COP 07");
	vt_type(t, "a");
	e2e_shows(t, "Present 0 of 12 registered", "a opens the attendance");
	vt_type(t, "zoe");
	e2e_selected_is(t, "Zoë Van den Broeck", "zoe selects Zoë");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Present 1 of 12 registered", "Enter checks her in");
	vt_type(t, F8);
	e2e_shows(t, "Undone: Zoë Van den Broeck", "F8 undoes it");
	vt_type(t, SHIFT_F8);
	e2e_shows(t, "Redone: Zoë Van den Broeck, Present again", "Shift-F8 (ESC [19;2~) redoes it");
	e2e_shows(t, "Present 1 of 12 registered", "  and counts it");
	is_int(present_in_database(), 1, "the redo is in the database");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the browser");
	e2e_quit(t);
}

int main(void)
{
	static const char *const en[] = {
		"Present 3 of 19 registered", "Teacher 1/9", "School leader 0/1",
		"Pedagogical adviser 0/1", "Teacher educator 0/1", "Technology coach 2/4",
		"Researcher 0/1", "Other 0/2",
	};
	static const char *const nl[] = {
		"Aanwezig 3 van 19 ingeschreven", "Leraar 1/9", "Directie 0/1",
		"Pedagogisch begeleider 0/1", "Lerarenopleider 0/1", "Techniekcoach 2/4",
		"Onderzoeker 0/1", "Andere 0/2",
	};

	test_header_fits(NULL, en, 8, "Teacher 1/9");
	test_header_fits("nl", nl, 8, "Leraar 1/9");
	test_header_wraps();
	test_checkin_ten();
	test_redo_under_screen();
	test_live_from_cli();
	test_type_ahead_order();
	test_newcomer_and_duplicate();
	test_newcomer_new_school_asked();
	test_coach_of_four();
	test_delete_person_asks();
	return tap_done();
}
