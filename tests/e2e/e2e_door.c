/* e2e_door.c: a facilitator's walk at the door and through the people
 * and schools, on lists longer than the screen: Enter on a name nobody
 * has says Ctrl-N adds them; a scanner's CR LF (or Enter twice) checks
 * in one person, not also the first of the list; a click on the selected
 * check-in row opens the person; a newcomer like two people already known
 * offers both; the person and school screens show what changed on a
 * screen above them; editing a person whose role this laptop does not
 * know keeps it; a school to coach typed as part of several names links
 * none; deleting a school of one person asks in the singular; a resize
 * keeps the role picker open; a form on a terminal made too small shows
 * the message alone and keeps what is typed meanwhile. */
#include "config.h"

#include "e2e.h"

#define FILLERS 40   /* signed up too: every list is longer than the screen */

/* Forty teachers and two Ilse Maes at two schools signed up for COP 07;
 * Zoë at a school of her own.  The schools are known first: a namesake
 * of a school not known yet would be taken as the Ilse Maes known. */
static void sign_up(void)
{
	static char csv[8192];
	char path[4200], arg[4400];
	size_t len;
	int i;

	snprintf(path, sizeof path, "%s/schools.csv", e2e_home);
	e2e_write_text(path, "voornaam,achternaam,rol,organisatie\n"
		       "Piet,Peeters,leraar,VBS De Vliegenier\n"
		       "Eva,Claes,onderzoeker,Hogeschool Gent\n");
	snprintf(arg, sizeof arg, "import people '%s'", path);
	is_int(e2e_run(arg), 0, "two schools are known");

	len = (size_t)snprintf(csv, sizeof csv, "voornaam,achternaam,rol,organisatie\n"
			       "Ilse,Maes,leraar,VBS De Vliegenier\n"
			       "Ilse,Maes,onderzoeker,Hogeschool Gent\n"
			       "Zo\xc3\xab,Van den Broeck,directie,VBS Sint-Lodewijk\n");
	for (i = 1; i <= FILLERS; i++)
		len += (size_t)snprintf(csv + len, sizeof csv - len,
					"Jo,Lid %02d,leraar,School %02d\n", i, i);
	e2e_sign_up(csv, "forty-three people sign up for COP 07");
}

/* Runs sql on e2e_home's database. */
static void db_exec(const char *sql, const char *name)
{
	sqlite3 *db = e2e_open_db();

	if (!ok(db && sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK, "%s", name))
		diag("%s", db ? sqlite3_errmsg(db) : "no database");
	db_close(db);
}

/* The text of the first column of sql's first row, "" for none. */
static const char *db_text(const char *sql)
{
	static char buf[256];
	sqlite3 *db = e2e_open_db();
	sqlite3_stmt *st;

	buf[0] = '\0';
	if (db && sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
			snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	db_close(db);
	return buf;
}

/* Quits with F10 from any screen; the program must end well. */
static void quit(vt *t)
{
	vt_type(t, "\033[21~");   /* F10 */
	is_int(vt_wait_exit(t, WAIT), 0, "F10 quits with status 0");
	vt_free(t);
	e2e_no_sanitizer_report();
}

/* Starts stemtui on the people screen, with name typed. */
static vt *open_people(const char *name)
{
	vt *t = e2e_start(&(struct e2e_opts){ 0 });

	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "P");
	e2e_shows(t, "People", "P opens the people");
	vt_type(t, name);
	return t;
}

/* A fresh home (e2e_new_home(home)) with the sign-up, on the people
 * screen with Zoë selected. */
static vt *open_zoe(const char *home)
{
	vt *t;

	e2e_new_home(home);
	sign_up();
	t = open_people("zoe");
	e2e_selected_is(t, "Van den Broeck, Zo\xc3\xab", "Zoë is selected");
	return t;
}

/* A fresh home with the sign-up, on the schools screen with Zoë's school
 * (of one person) selected. */
static vt *open_her_school(const char *home)
{
	vt *t;

	e2e_new_home(home);
	sign_up();
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "O");
	e2e_shows(t, "Schools and partners", "O opens the schools");
	vt_type(t, "lodewijk");
	e2e_selected_is(t, "VBS Sint-Lodewijk", "Zoë's school is selected");
	return t;
}

static void test_nobody_by_that_name(void)
{
	vt *t;

	e2e_new_home("door-nobody");
	sign_up();
	t = e2e_open_attendance();
	vt_type(t, "Qwerty");
	e2e_shows(t, "Nobody by that name", "a name nobody has lists nobody");
	vt_key(t, VT_ENTER);
	vt_wait_idle(t, WAIT);
	ok(vt_find_row(t, "type part of a name first") < 0,
	   "Enter does not say to type a name: one is typed");
	ok(vt_wait_row_text(t, E2E_ROWS - 1, "Nobody by that name: Ctrl-N adds a new person.", WAIT),
	   "  the status line says Ctrl-N adds them");
	quit(t);
}

/* A badge scanner that ends its line with CR LF (or Enter pressed
 * twice): the second key must not check in whoever sorts first. */
static void test_scanner_line_end(void)
{
	vt *t;

	e2e_new_home("door-scanner");
	sign_up();
	t = e2e_open_attendance();
	vt_type(t, "Zoe Van den Broeck\r\n");
	e2e_shows(t, "Present 1 of 43 registered", "a name, CR and LF: she is checked in");
	e2e_shows(t, "Zo\xc3\xab Van den Broeck: Present", "  the status line says so");
	vt_key(t, VT_ENTER);
	vt_wait_idle(t, WAIT);
	e2e_shows(t, "Zo\xc3\xab Van den Broeck: Present", "  Enter again keeps saying so");
	is_int(atoi(db_text("SELECT count(*) FROM attendance WHERE status = 'present'")), 1,
	       "  and nobody else is checked in: not the first in the list");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Present 2 of 43 registered", "a row chosen with the arrows is checked in");
	quit(t);
}

static void test_click_opens_person(void)
{
	vt *t;
	int row;

	e2e_new_home("door-click");
	sign_up();
	t = e2e_open_attendance();
	vt_type(t, "Lid");
	e2e_shows(t, "Name: Lid", "Lid is typed");
	vt_wait_idle(t, WAIT);
	e2e_selected_is(t, "Jo Lid 01", "  the first is selected");
	row = vt_find_row(t, "Jo Lid 02");
	ok(row > 0, "the second is listed");
	vt_click(t, row, 5);
	e2e_selected_is(t, "Jo Lid 02", "a click selects the second");
	ok(vt_find_row(t, "Person  \xc2\xb7") < 0, "  and opens nothing");
	vt_click(t, row, 5);
	e2e_shows(t, "Person  \xc2\xb7  Jo Lid 02",
		  "a click on the selected row opens the person, as the help says");
	is_int(atoi(db_text("SELECT count(*) FROM attendance WHERE status = 'present'")), 0,
	       "  and checks nobody in");
	quit(t);
}

static void test_several_alike(void)
{
	vt *t;

	e2e_new_home("door-alike");
	sign_up();
	t = e2e_open_attendance();
	vt_type(t, "Ilse Mais");
	e2e_shows(t, "Name: Ilse Mais", "a newcomer's name, as heard");
	vt_type(t, "\x0e");   /* Ctrl-N */
	e2e_shows(t, "New person", "Ctrl-N opens the form");
	vt_type(t, "\x13");   /* Ctrl-S */
	e2e_shows(t, "Maybe a duplicate", "two Ilse Maes are known: the form asks");
	e2e_shows(t, "[1] Ilse Maes (VBS De Vliegenier)", "  offering the first");
	e2e_shows(t, "[2] Ilse Maes (Hogeschool Gent)", "  and the second");
	vt_type(t, "2");
	e2e_shows(t, "Researcher 1/1", "2 checks in the second");
	is_str(db_text("SELECT p.role FROM attendance a JOIN person p ON p.id = a.person_id"
			  " WHERE a.status = 'present'"), "onderzoeker",
		  "  the researcher of Hogeschool Gent, not the teacher");
	is_int(atoi(db_text("SELECT count(*) FROM person WHERE last_name IN ('Maes', 'Mais')")), 2,
	       "  and nobody new is made");
	quit(t);
}

static void test_person_screen_current(void)
{
	vt *t;

	t = open_zoe("door-person");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "VBS Sint-Lodewijk", "her screen shows her school");
	vt_type(t, "O");
	e2e_shows(t, "Schools and partners", "O opens the schools");
	vt_type(t, "lodewijk");
	e2e_selected_is(t, "VBS Sint-Lodewijk", "her school is selected");
	vt_type(t, "\x05");   /* Ctrl-E */
	e2e_shows(t, "Edit organisation", "Ctrl-E edits it");
	vt_key(t, VT_END);
	vt_type(t, " Brugge\x13");
	e2e_shows(t, "Saved VBS Sint-Lodewijk Brugge", "renamed and saved");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Name: lodewijk", "Esc clears the name");
	vt_key(t, VT_ESC);
	e2e_shows(t, "Person  \xc2\xb7", "Esc goes back to Zoë");
	e2e_shows(t, "VBS Sint-Lodewijk Brugge", "  whose school shows with its new name");
	quit(t);
}

static void test_school_screen_current(void)
{
	vt *t;

	t = open_her_school("door-school");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "People:          1", "its screen counts one person");
	vt_type(t, "P");
	e2e_shows(t, "People  \xc2\xb7", "P opens the people");
	vt_type(t, "zoe");
	e2e_selected_is(t, "Van den Broeck, Zo\xc3\xab", "Zoë is selected");
	vt_type(t, "\x04");   /* Ctrl-D */
	e2e_shows(t, "Delete person", "Ctrl-D asks");
	vt_type(t, "y");
	e2e_shows(t, "Deleted Zo\xc3\xab Van den Broeck", "y deletes her");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Name: zoe", "Esc clears the name");
	vt_key(t, VT_ESC);
	e2e_shows(t, "People:          0", "back on the school, it counts nobody");
	quit(t);
}

/* c on a person links a school by name: part of several names links
 * none (not whichever sorts first), a whole name links that one. */
static void test_coach_by_whole_name(void)
{
	vt *t;

	t = open_zoe("door-coach");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Person  \xc2\xb7", "Enter opens her");
	vt_type(t, "c");
	e2e_shows(t, "School this person coaches:", "c asks for a school");
	vt_type(t, "vbs\r");
	e2e_shows(t, "Several organisations match \"vbs\": type more of the name",
		  "part of several names: the status line says to type more");
	is_int(atoi(db_text("SELECT count(*) FROM coaching")), 0, "  and no school is linked");
	vt_type(t, "c");
	e2e_shows(t, "School this person coaches:", "c asks again");
	vt_type(t, "vbs de vliegenier\r");
	e2e_shows(t, "Coaches:         VBS De Vliegenier", "a whole name links that school");
	is_str(db_text("SELECT o.name FROM coaching c JOIN organisation o ON o.id = c.school_id"),
	       "VBS De Vliegenier", "  in the database");
	quit(t);
}

/* Deleting a school with one person asks in the singular. */
static void test_delete_school_counts(void)
{
	vt *t;

	t = open_her_school("door-delete-school");
	vt_type(t, "\x04");   /* Ctrl-D */
	e2e_shows(t, "Delete organisation", "Ctrl-D asks");
	e2e_shows(t, "1 person loses their organisation", "  one person, in the singular");
	e2e_shows(t, "0 coach links go", "  no coach link");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Delete organisation", "Esc keeps it");
	quit(t);
}

static void test_unknown_role_kept(void)
{
	vt *t;

	t = open_zoe("door-role");
	db_exec("UPDATE person SET role = 'stagiair' WHERE first_name = 'Zo\xc3\xab'",
		"Zoë has a role a colleague's configuration added (come in by sync)");
	vt_type(t, "\x05");   /* Ctrl-E */
	e2e_shows(t, "Edit person", "Ctrl-E edits her");
	e2e_shows(t, "stagiair", "  the form shows her role as it is");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_type(t, "zoe@example.be\x13");
	e2e_shows(t, "Saved Zo\xc3\xab Van den Broeck", "her e-mail is saved");
	is_str(db_text("SELECT email FROM person WHERE first_name = 'Zo\xc3\xab'"),
		  "zoe@example.be", "  the e-mail is in the database");
	is_str(db_text("SELECT role FROM person WHERE first_name = 'Zo\xc3\xab'"), "stagiair",
		  "  and her role is not silently changed");
	quit(t);
}

static void test_picker_survives_resize(void)
{
	vt *t;

	e2e_new_home("door-picker");
	sign_up();
	t = open_people("");
	e2e_shows(t, "Lid 01", "the people are listed");
	vt_type(t, "\x12");   /* Ctrl-R */
	e2e_shows(t, "Show people with role", "Ctrl-R opens the role picker");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_wait_idle(t, WAIT);
	vt_resize(t, 30, 100);
	vt_wait_idle(t, WAIT);
	e2e_shows(t, "Show people with role", "a resize keeps the picker open");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "role: School leader", "Enter picks the role chosen before the resize");
	e2e_shows(t, "People  \xc2\xb7  1", "  and the list shows only Zoë");
	quit(t);
}

/* A form while the terminal is too small: the message alone, nothing of
 * the form drawn over it; what is typed meanwhile goes into the field
 * once the terminal is big enough again. */
static void test_form_too_small(void)
{
	vt *t;

	t = open_zoe("door-small");
	vt_type(t, "\x05");   /* Ctrl-E */
	e2e_shows(t, "Edit person", "Ctrl-E edits her");
	vt_wait_idle(t, WAIT);
	vt_resize(t, 15, 60);
	vt_wait_idle(t, WAIT);
	e2e_shows(t, "Make the window larger", "too small: the message says so");
	e2e_hides(t, "Edit person", "  and no part of the form is drawn over it");
	ok(vt_find_row(t, "Voornaam") < 0 && vt_find_row(t, "First name") < 0,
	   "  nor its fields");
	vt_type(t, "X");
	e2e_shows(t, "1 key typed meanwhile is kept", "a key typed meanwhile is kept");
	vt_resize(t, 24, 80);
	e2e_shows(t, "Edit person", "big enough again: the form is back");
	e2e_shows(t, "Zo\xc3\xab" "X", "  with the key typed meanwhile in her first name");
	quit(t);
	is_str(db_text("SELECT first_name FROM person WHERE last_name = 'Van den Broeck'"),
	       "Zo\xc3\xab", "  the form was not saved");
}

int main(void)
{
	test_nobody_by_that_name();
	test_click_opens_person();
	test_scanner_line_end();
	test_several_alike();
	test_person_screen_current();
	test_school_screen_current();
	test_unknown_role_kept();
	test_coach_by_whole_name();
	test_delete_school_counts();
	test_picker_survives_resize();
	test_form_too_small();
	return tap_done();
}
