/* e2e_review.c: reading back the notes after a session in the real
 * stemtui: a note opened whole (when it was written and changed, the way
 * the language writes a day), the review queue's line above each note,
 * and the codebook's questions before deleting or merging a factor (each
 * count with its own plural); the selected row readable in colour. */
#include "config.h"

#include "e2e.h"

/* Runs sql on the database of e2e_home; true when it went. */
static bool db_exec(const char *sql)
{
	sqlite3 *db = e2e_open_db();
	bool done = db && sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;

	db_close(db);
	return done;
}

#define SELECTED_BG 6   /* the selection's background (cyan) */

/* For vt_wait_until: on the row showing text, the session's code and the
 * tags are in the selection's colours, readable (they were black on
 * black: the selection's colour pair ORed with the accent's). */
static bool code_and_tags_selected(vt *t, void *text)
{
	int row = vt_find_row(t, text);
	int code = row < 0 ? -1 : vt_find_col(t, row, "COP 07");
	int tags = row < 0 ? -1 : vt_find_col(t, row, "LD2+");

	return code > 0 && tags > 0 && vt_cell_bg(t, row, code) == SELECTED_BG &&
	       vt_cell_bg(t, row, tags) == SELECTED_BG && vt_cell_fg(t, row, code) != SELECTED_BG &&
	       vt_cell_fg(t, row, tags) != SELECTED_BG;
}

/* In colour, the note selected in the review list shows its session and
 * tags readable, on that row and the next one selected. */
static void test_selected_row_readable(void)
{
	vt *t;

	e2e_new_home("review-colour");
	is_int(e2e_run("add-note 7 'Eerste notitie'"), 0, "a note");
	is_int(e2e_run("add-note 7 'Tweede notitie'"), 0, "another");
	is_int(e2e_run("tag 1 LD2+"), 0, "both tagged");
	is_int(e2e_run("tag 2 LD2+"), 0, "  with LD2+");
	t = e2e_start(&(struct e2e_opts){ .colour = true });
	e2e_shows(t, "COP 01", "the browser is up, in colour");
	vt_type(t, "R");
	e2e_shows(t, "Tweede notitie", "R: the notes, the last one selected");
	if (!ok(vt_wait_until(t, code_and_tags_selected, "Tweede notitie", WAIT),
		"  its session and tags readable in the selection's colours"))
		vt_dump(t);
	vt_type(t, "k");
	if (!ok(vt_wait_until(t, code_and_tags_selected, "Eerste notitie", WAIT),
		"k: the one above, the same"))
		vt_dump(t);
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "Esc: back to the sessions");
	e2e_quit(t);
}

/* Note 1, at COP 07 (Thursday 31 May 2018), written that morning and
 * changed two days later: the reader says both as a day and a time, in
 * English and in Dutch, never as the stored "2018-05-31 11:05:44". */
static void test_reader_times(void)
{
	static const char *const lang[2] = { NULL, "nl" };
	static const char *const written[2] = { "Written:     Thu 31 May 2018 11:05",
						"Genoteerd:   do 31 mei 2018 11:05" };
	static const char *const changed[2] = { "Changed:     Sat 2 Jun 2018 08:30",
						"Gewijzigd:   za 2 jun 2018 08:30" };
	vt *t;

	e2e_new_home("review-times");
	is_int(e2e_run("add-note 7 'Het team wil een STEM-kast'"), 0, "a note at COP 07");
	ok(db_exec("UPDATE note SET created_at = '2018-05-31 11:05:44',"
		   " updated_at = '2018-06-02 08:30:12' WHERE id = 1"),
	   "written on the session's morning, changed two days later");
	for (int i = 0; i < 2; i++) {
		t = e2e_start(&(struct e2e_opts){ .language = lang[i] });
		e2e_shows(t, "COP 01", "the browser is up");
		vt_type(t, "R");
		e2e_shows(t, "STEM-kast", "R: the notes of all sessions");
		vt_key(t, VT_ENTER);
		e2e_shows(t, written[i], "Enter: the note says when it was written, as a day and a time");
		e2e_shows(t, changed[i], "  and when it was changed");
		e2e_hides(t, "2018-05-31 11:05", "  not as stored");
		vt_key(t, VT_ESC);
		e2e_shows(t, "STEM-kast", "Esc: back to the notes");
		vt_key(t, VT_ESC);
		e2e_shows(t, "COP 01", "back to the sessions");
		e2e_quit(t);
	}
}

/* Adds a note at COP 07 of some 25 rows at 80 columns, from "Begin van
 * de notitie." to "Einde.". */
static void add_long_note(void)
{
	char cmd[4096];
	size_t len = (size_t)snprintf(cmd, sizeof cmd, "add-note 7 'Begin van de notitie.");

	for (int i = 0; i < 40 && len < sizeof cmd - 200; i++)
		len += (size_t)snprintf(cmd + len, sizeof cmd - len,
					" Zin %d van een lang verslag van tafel drie.", i + 1);
	snprintf(cmd + len, sizeof cmd - len, " Einde.'");
	is_int(e2e_run(cmd), 0, "a note longer than the screen");
}

/* A note longer than the screen, read to its end at 80 columns, then the
 * window made wider: the text takes fewer rows and where it was scrolled
 * to is past its end.  Its start shows again (it was an empty page). */
static void test_reader_resize(void)
{
	vt *t;

	e2e_new_home("review-resize");
	add_long_note();
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "R");
	e2e_shows(t, "Begin van de notitie", "R: the notes");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Written:", "Enter: the note whole");
	vt_key(t, VT_END);
	e2e_shows(t, "Einde.", "End: its end");
	e2e_hides(t, "Begin van de notitie", "  its start scrolled away");
	vt_wait_idle(t, WAIT);
	vt_resize(t, 50, 160);
	e2e_shows(t, "Begin van de notitie", "wider: the note fits, and shows from its start");
	e2e_shows(t, "Einde.", "  to its end");
	vt_wait_idle(t, WAIT);
	vt_resize(t, 24, 80);
	e2e_shows(t, "Begin van de notitie", "back to 80 columns: from its start");
	vt_wait_idle(t, WAIT);
	vt_key(t, VT_ESC);
	e2e_shows(t, "All notes", "Esc: back to the notes");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the sessions");
	e2e_quit(t);
}

/* The review queue's line above a note: a note without a group has no
 * empty place for one; a note typed up long after the session shows the
 * session's day without the other day's time; one written at the session
 * shows its time. */
static void test_queue_heading(void)
{
	vt *t;

	e2e_new_home("review-queue");
	is_int(e2e_run("add-note 7 'Later uitgetypt van papier'"), 0, "note 1, no group");
	is_int(e2e_run("add-note 7 --group 'tafel 4' 'Op de sessie zelf'"), 0, "note 2, tafel 4");
	ok(db_exec("UPDATE note SET created_at = '2026-12-04 00:05:00' WHERE id = 1;"
		   "UPDATE note SET created_at = '2018-05-31 10:02:00' WHERE id = 2"),
	   "note 1 typed up years later, note 2 at the session");
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "7");
	e2e_selected_is(t, "COP 07", "COP 07 selected");
	vt_type(t, "u");
	e2e_shows(t, "Op de sessie zelf", "u: the first untagged note (by time written)");
	e2e_shows(t, "COP 07  \xc2\xb7  Observation  \xc2\xb7  tafel 4  \xc2\xb7  Thu 31 May 2018 10:02",
		  "  its line: session, kind, group, and the time it was written that day");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Later uitgetypt", "Enter: the next");
	e2e_shows(t, "COP 07  \xc2\xb7  Observation  \xc2\xb7  Thu 31 May 2018",
		  "  its line: the session's day, no empty place for a group");
	e2e_hides(t, "Thu 31 May 2018 00:05", "  not the session's day with another day's time");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "Esc goes back");
	e2e_quit(t);
}

/* The review queue shows a note longer than its place with a row saying
 * there is more; the keys of the note reader scroll it (it was cut, to be
 * tagged unread), and the next note starts at its top. */
static void test_queue_scrolls(void)
{
	vt *t;

	e2e_new_home("review-queue-long");
	add_long_note();
	is_int(e2e_run("add-note 7 'Een korte notitie'"), 0, "and a short one");
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "7");
	e2e_selected_is(t, "COP 07", "COP 07 selected");
	vt_type(t, "u");
	e2e_shows(t, "Begin van de notitie", "u: the long note, from its start");
	e2e_shows(t, "More below: \xe2\x86\x93, PgDn or End", "  a row says there is more");
	vt_key(t, VT_END);
	e2e_shows(t, "Einde.", "End: its end");
	e2e_hides(t, "Begin van de notitie", "  its start scrolled away");
	e2e_hides(t, "More below", "  nothing more below");
	vt_key(t, VT_HOME);
	e2e_shows(t, "Begin van de notitie", "Home: its start again");
	vt_key(t, VT_PGDN);
	e2e_hides(t, "Begin van de notitie", "PgDn: a page further");
	vt_type(t, "k");
	e2e_shows(t, "More below", "k: a row back, more below still");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Een korte notitie", "Enter: the next note");
	e2e_hides(t, "More below", "  short: nothing more below");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "Esc goes back");
	e2e_quit(t);
}

/* Waits for the codebook with code selected (moving down from the top). */
static void codebook_select(vt *t, const char *code, int downs)
{
	char want[32];

	vt_key(t, VT_HOME);
	for (int i = 0; i < downs; i++)
		vt_key(t, VT_DOWN);
	snprintf(want, sizeof want, "%s  ", code);
	/* The pane under the list names the selected factor. */
	e2e_shows(t, want, "the codebook's pane names the selected factor");
}

/* Deleting and merging ask first, with each count in its own plural:
 * "It has 1 tag", never "1 tags"; no "0 factors under it" for a factor
 * without any. */
static void test_codebook_questions(void)
{
	vt *t;

	e2e_new_home("review-codebook");
	is_int(e2e_run("add-note 7 'Een gedeelde visie'"), 0, "a note");
	is_int(e2e_run("tag 1 VB1+"), 0, "tagged with VB1");
	t = e2e_start(&(struct e2e_opts){ .rows = 50, .cols = 160 });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "K");
	e2e_shows(t, "Codebook", "K opens the codebook");
	codebook_select(t, "VB1", 1);
	vt_type(t, "d");
	e2e_shows(t, "Delete VB1 Gedeelde visie? It has 1 tag. What happens to the tags?",
		  "d on VB1: 1 tag, and nothing about factors under it");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Delete VB1", "Esc keeps it");
	codebook_select(t, "VB", 0);
	vt_type(t, "d");
	/* The box wraps the question: each count where it cannot be cut. */
	e2e_shows(t, "Delete VB Visie en beleid? It has 0 tags.", "d on VB: 0 tags");
	e2e_shows(t, "2 factors under", "  2 factors under it");
	e2e_shows(t, "with 1 tag.", "  with 1 tag");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Delete VB", "Esc keeps it");
	codebook_select(t, "VB1", 1);
	vt_type(t, "M");
	e2e_shows(t, "Merge into", "M asks where to");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Merge VB1 Gedeelde visie into VB2", "M, VB2: merging VB1 into VB2 asks first");
	e2e_shows(t, "Its 1 tag and 0 sub-factors move there", "  1 tag, 0 sub-factors");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Merge VB1", "Esc keeps both");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the sessions");
	e2e_quit(t);
	is_str(e2e_tags_of(1), "VB1+", "the tag is as it was");
}

int main(void)
{
	test_selected_row_readable();
	test_reader_times();
	test_reader_resize();
	test_queue_heading();
	test_queue_scrolls();
	test_codebook_questions();
	return tap_done();
}
