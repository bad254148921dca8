/* e2e_notes_walk.c: what a facilitator's walk through the programme and
 * the note taking found: the selected note readable in colour, the time of
 * a draft said the Flemish way, a new note keeping its table while another
 * is edited, and a session's screen showing its text whole, scrolling
 * when it is longer than the screen. */
#include "config.h"

#include "core/db.h"
#include "e2e.h"

#define SELECTED_BG 6   /* the selection's background (cyan) */

/* For vt_wait_until: the row showing text (a note's) is selected, and
 * every cell before the text, the day and the time with it, is in the
 * selection's colours and readable (not in the same colour as its
 * background). */
static bool selected_row_readable(vt *t, void *text)
{
	int row = vt_find_row(t, text), col = row < 0 ? -1 : vt_find_col(t, row, text), c;

	if (col < 0 || vt_cell_bg(t, row, col) != SELECTED_BG)
		return false;
	for (c = 1; c < col; c++)
		if (vt_cell_bg(t, row, c) != SELECTED_BG || vt_cell_fg(t, row, c) == SELECTED_BG)
			return false;
	return true;
}

/* In colour, the note selected in the list of a session's notes shows its
 * day, time and tags: they were black on black (two colour pairs ORed). */
static void test_selected_note_readable(void)
{
	vt *t;

	e2e_new_home("notes-walk-colour");
	is_int(e2e_run("add-note 7 'Eerste notitie'"), 0, "a note (CLI)");
	is_int(e2e_run("add-note 7 'Tweede notitie'"), 0, "another (CLI)");
	is_int(e2e_run("tag 2 LD2+"), 0, "tagged (CLI)");
	t = e2e_open_notes(&(struct e2e_opts){ .colour = true });
	e2e_shows(t, "Tweede notitie", "the notes are listed");
	vt_key(t, VT_TAB);
	if (!ok(vt_wait_until(t, selected_row_readable, "Tweede notitie", WAIT),
		"Tab: the selected note's day, time and tags are readable in the selection's colours"))
		vt_dump(t);
	vt_key(t, VT_UP);
	if (!ok(vt_wait_until(t, selected_row_readable, "Eerste notitie", WAIT),
		"  also on the row above"))
		vt_dump(t);
	vt_key(t, VT_ESC);
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the browser");
	e2e_quit(t);
}

/* Runs sql on the database of e2e_home; false (with a diagnostic) when it
 * fails. */
static bool run_sql(const char *sql)
{
	sqlite3 *db = e2e_open_db();
	char *msg = NULL;
	bool done = db && sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK;

	if (!done)
		diag("%s: %s", sql, msg ? msg : "no database");
	sqlite3_free(msg);
	db_close(db);
	return done;
}

/* A draft not saved is offered back with its time in the language shown
 * ("do 31 mei 2018 11:05"), not as the database keeps it. */
static void test_draft_time_flemish(void)
{
	vt *t;

	e2e_new_home("notes-walk-draft-time");
	t = e2e_open_notes(&(struct e2e_opts){ .language = "nl" });
	vt_type(t, "Zoë en Françoise: 日本語 🎉");
	vt_key(t, VT_ESC);
	e2e_shows(t, "klad", "Esc keeps the note as a draft");
	e2e_quit(t);
	ok(run_sql("UPDATE draft SET saved_at = '2018-05-31 11:05:09'"), "the draft was kept at 11:05");
	t = e2e_start(&(struct e2e_opts){ .language = "nl" });
	e2e_shows(t, "niet bewaard", "the next start offers the draft back");
	/* The dialog wraps it after "mei" at 80 columns. */
	e2e_shows(t, "(COP 07, do 31 mei", "  with its day the Flemish way");
	e2e_shows(t, "2018 11:05)", "  and the hour and minute");
	e2e_hides(t, "2018-05-31", "  not as the database keeps it");
	vt_type(t, "j");
	e2e_shows(t, "teruggehaald (do 31 mei 2018 11:05)", "going on with it says when it was kept");
	e2e_shows(t, "Zoë en Françoise: 日本語 🎉", "  with the text in the editor");
	vt_key(t, VT_ESC);
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the browser");
	e2e_quit(t);
}

/* The group of the newest live note, or "" (a static copy). */
static const char *newest_group(void)
{
	static char group[256];
	note_filter f = { 0 };
	st_note n = { 0 };
	sqlite3 *db = e2e_open_db();
	st_err err;

	group[0] = '\0';
	if (db && note_page(db, &f, NULL, true, &n, 1, &err) == 1)
		snprintf(group, sizeof group, "%s", n.group_label);
	note_clear(&n);
	db_close(db);
	return group;
}

/* Editing a note of another table, then Esc (or saving the edit), leaves
 * the new note at the table it was at, about whom it was: the edited
 * note's group used to stay, and the next note went to the wrong table. */
static void test_edit_keeps_new_note_group(void)
{
	vt *t;

	e2e_new_home("notes-walk-edit-group");
	is_int(e2e_run("add-note 7 --group 'tafel 9' --kind idee 'Van tafel negen'"), 0,
	       "a note of table 9 (CLI)");
	t = e2e_open_notes(&(struct e2e_opts){ 0 });
	vt_type(t, "\x07");   /* Ctrl-G: the group */
	e2e_shows(t, "Group or table", "Ctrl-G asks the group");
	vt_type(t, "tafel 2");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Group: tafel 2 (F3)", "the new note is of table 2");
	vt_type(t, "\x0f");   /* Ctrl-O: about */
	e2e_shows(t, "About (a person or school", "Ctrl-O asks whom the note is about");
	vt_type(t, "Luchtballon");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "About: GO! De Luchtball", "  and about a school");
	vt_key(t, VT_TAB);
	vt_type(t, "e");
	e2e_shows(t, "Editing the note:  Kind: Idea (F2)  Group: tafel 9", "e edits the note of table 9");
	vt_key(t, VT_ESC);
	e2e_shows(t, "New note:  Kind: Observation (F2)  Group: tafel 2 (F3)  About: GO! De Luchtball",
		  "Esc: the new note is of table 2 again, an observation, about the school");
	vt_key(t, VT_TAB);
	vt_type(t, "e");
	e2e_shows(t, "Editing the note:  Kind: Idea (F2)  Group: tafel 9", "e edits it again");
	vt_type(t, " (bijgewerkt)");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 1 updated", "Enter saves the edit");
	e2e_shows(t, "New note:  Kind: Observation (F2)  Group: tafel 2 (F3)  About: GO! De Luchtball",
		  "  and the new note is as it was again");
	vt_type(t, "Aan tafel twee");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 2 saved", "the next note is saved");
	is_str(newest_group(), "tafel 2", "  at table 2");
	vt_key(t, VT_ESC);
	e2e_quit(t);
}

/* A session's screen shows its title and a remark whole, however long:
 * values were cut at 511 bytes without a sign, and the title at the end
 * of its row. */
static void test_session_shown_whole(void)
{
	char ini[8000], remark[2000], import[4400];
	size_t len = 0;
	vt *t;
	int i;

	e2e_new_home("notes-walk-detail");
	for (i = 0; i < 60; i++)
		len += (size_t)snprintf(remark + len, sizeof remark - len, "Zoë 日本語 ");
	snprintf(ini, sizeof ini,
		 "[programme]\nname = Lange teksten 2030-2031\nschool_year = 2030-2031\n\n"
		 "[session lt01]\ncode = LT 01\nkind = groeisessie\ndate = 2030-10-01\n"
		 "title = Een groeisessie met een titel die langer is dan een regel van het "
		 "scherm, Françoise TITELEINDE\nremark = %sEINDE\n", remark);
	e2e_home_file("lang.ini", ini);
	snprintf(import, sizeof import, "import programme '%s/lang.ini'", e2e_home);
	is_int(e2e_run(import), 0, "a session with a long remark (CLI)");
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "LT 01", "the browser shows the newest programme");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Session LT 01", "Enter opens the session");
	e2e_shows(t, "TITELEINDE", "its title is shown whole, wrapped");
	e2e_shows(t, " EINDE", "its remark is shown whole, to its end");
	vt_key(t, VT_ESC);
	e2e_shows(t, "LT 01 \xc2\xb7", "Esc: back to the browser");
	e2e_quit(t);
}

/* A session whose fields take more rows than the screen has scrolls with
 * the movement keys its help lists: the end of a long remark was out of
 * reach. */
static void test_session_scrolls(void)
{
	vt *t;

	e2e_new_home("notes-walk-scroll");
	is_int(e2e_run("sessions"), 0, "the database with the shipped programme (CLI)");
	ok(run_sql("UPDATE session SET remark = 'Begin ' || replace(hex(zeroblob(400)), '00', "
		   "'woord ') || 'EINDE' WHERE code = 'COP 07'"), "COP 07 has a remark of 40 rows");
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "7");
	e2e_selected_is(t, "COP 07", "7 selects COP 07");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "COP 07 \xc2\xb7 Groeisessie 1", "Enter opens the session, its title on top");
	e2e_shows(t, "Remark: Begin woord", "  and the start of its remark");
	e2e_hides(t, "EINDE", "  whose end is below");
	vt_key(t, VT_END);
	e2e_shows(t, "EINDE", "End shows the end of the remark");
	e2e_hides(t, "Groeisessie 1", "  the title scrolled away");
	vt_key(t, VT_HOME);
	e2e_shows(t, "COP 07 \xc2\xb7 Groeisessie 1", "Home: the title again");
	e2e_hides(t, "EINDE", "  and the end below");
	vt_key(t, VT_PGDN);
	e2e_hides(t, "Groeisessie 1", "PgDn scrolls a page");
	vt_type(t, "k");
	vt_type(t, "g");
	e2e_shows(t, "Groeisessie 1", "k and g move back up");
	vt_key(t, VT_ESC);
	e2e_shows(t, "Code    Kind", "Esc: back to the browser");
	e2e_quit(t);
}

int main(void)
{
	test_selected_note_readable();
	test_draft_time_flemish();
	test_edit_keeps_new_note_group();
	test_session_shown_whole();
	test_session_scrolls();
	return tap_done();
}
