/* e2e_terminal.c: stemtui and the terminal: quitting and signals always
 * restore it, a small terminal gets a message, resizing redraws, colours
 * follow NO_COLOR and the config. */
#include "config.h"

#include <signal.h>

#include "e2e.h"

static bool restored(vt *t, void *arg)
{
	(void)arg;
	return !vt_altscreen(t) && vt_cursor_visible(t) && !vt_mouse_on(t);
}

/* Checks that the program left the terminal as it found it. */
static void check_restored(vt *t, const char *how)
{
	if (!ok(vt_wait_until(t, restored, NULL, WAIT),
		"after %s: main screen, cursor shown, mouse off", how))
		vt_dump(t);
}

static void test_quit_restores(void)
{
	vt *t;

	e2e_new_home("term-quit");
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "COP 01", "the browser is up");
	ok(vt_altscreen(t), "it uses the alternate screen");
	vt_type(t, "q");
	is_int(vt_wait_exit(t, WAIT), 0, "q exits with status 0");
	check_restored(t, "q");
	vt_free(t);
	e2e_no_sanitizer_report();
}

static void test_signals_restore(void)
{
	static const struct { int sig; const char *name; } cases[] = {
		{ SIGTERM, "SIGTERM" }, { SIGHUP, "SIGHUP" }, { SIGINT, "SIGINT" },
		{ SIGSEGV, "a crash (SIGSEGV)" }, { SIGABRT, "an abort (SIGABRT)" },
	};
	size_t i;
	vt *t;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		e2e_new_home("term-signal");
		t = e2e_start(&(struct e2e_opts){ 0 });
		e2e_shows(t, "COP 01", "the browser is up");
		vt_wait_idle(t, WAIT);
		vt_kill(t, cases[i].sig);
		is_int(vt_wait_exit(t, WAIT), 128 + cases[i].sig, "the status tells the signal");
		check_restored(t, cases[i].name);
		vt_free(t);
		e2e_no_sanitizer_report();
	}
}

static void test_too_small(void)
{
	vt *t;

	e2e_new_home("term-small");
	t = e2e_start(&(struct e2e_opts){ .rows = 20, .cols = 60 });
	e2e_shows(t, "needs at least 80x24", "a 60x20 terminal gets a message");
	e2e_shows(t, "The terminal is 60x20", "naming its size");
	e2e_hides(t, "COP 01", "instead of a broken list");
	vt_type(t, "j");
	e2e_shows(t, "1 key typed meanwhile is kept until then.", "a key typed meanwhile is kept");
	vt_resize(t, 24, 80);
	e2e_shows(t, "COP 01", "growing to 80x24 shows the browser at once");
	e2e_selected_is(t, "COP 02", "and the key typed while too small acts then (j: down)");
	vt_resize(t, 24, 79);
	e2e_shows(t, "The terminal is 79x24", "one column short brings the message back");
	vt_resize(t, 10, 30);
	e2e_shows(t, "80x24.", "a 30-column window still shows the whole message, wrapped");
	e2e_shows(t, "press q to quit.", "and how to get out");
	vt_type(t, "q");
	is_int(vt_wait_exit(t, WAIT), 0, "q quits even when the terminal is too small");
	check_restored(t, "q in a small terminal");
	vt_free(t);
	e2e_no_sanitizer_report();
}

/* True when the row of COP 01 shows its city cut with "…". */
static bool city_cut(vt *t, void *unused)
{
	int r = vt_find_row(t, "COP 01");
	char *row = r >= 0 ? vt_row(t, r) : NULL;
	char *city = row ? strstr(row, "Gavere-Se") : NULL;
	bool cut = city && strstr(city, "\xe2\x80\xa6") && !strstr(city, "Gavere-Semmerzake");

	(void)unused;
	free(row);
	return cut;
}

static void test_resize(void)
{
	vt *t;
	int col;

	e2e_new_home("term-resize");
	t = e2e_start(&(struct e2e_opts){ 0 });
	/* Where exactly it is cut depends on the other columns' widths. */
	e2e_shows(t, "Gavere-Se", "at 80 columns a long city shows its start");
	ok(vt_wait_until(t, city_cut, NULL, WAIT), "  cut with …");
	vt_type(t, "G");
	e2e_selected_is(t, "COP 13", "COP 13 selected");
	vt_resize(t, 30, 120);
	e2e_shows(t, "Gavere-Semmerzake", "at 120 columns it shows whole");
	col = vt_find_col(t, 1, "City");
	ok(col > 80, "the columns widen with the terminal (City at column %d)", col);
	ok(vt_wait_row_text(t, 29, "q quit", WAIT), "the status line moves to the new last row");
	e2e_selected_is(t, "COP 13", "the selection stays");
	vt_resize(t, 24, 80);
	ok(vt_wait_row_text(t, 23, "q quit", WAIT), "shrinking redraws too");
	e2e_selected_is(t, "COP 13", "and the selection is still shown");
	e2e_quit(t);
}

static void test_colours(void)
{
	vt *t;

	e2e_new_home("term-colour");
	t = e2e_start(&(struct e2e_opts){ .colour = true });
	e2e_shows(t, "COP 01", "the browser is up with colours allowed");
	ok(vt_any_colour(t), "colours are used when the terminal has them");
	e2e_quit(t);
	t = e2e_start(&(struct e2e_opts){ .colour = false });
	e2e_shows(t, "COP 01", "the browser is up with NO_COLOR=1");
	ok(!vt_any_colour(t), "NO_COLOR turns every colour off");
	e2e_selected_is(t, "COP 01", "the selection still shows, in reverse video");
	e2e_quit(t);
}

static void test_config_warning(void)
{
	char path[4200];
	FILE *f;
	vt *t;

	e2e_new_home("term-config");
	snprintf(path, sizeof path, "%s/config", e2e_home);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/config/stemtui", e2e_home);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/config/stemtui/config.ini", e2e_home);
	f = fopen(path, "w");
	fprintf(f, "[general]\nlanguage = nl\ncolour = purple\n");
	fclose(f);
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "config.ini:3: [general] colour:", "an unknown config key is shown as a warning, with file, line, section and key");
	e2e_shows(t, "do 9 nov 2017", "the rest of the config applies (language = nl)");
	e2e_quit(t);
}

/* Escape sequences typed into a note, each sent whole in one write as a
 * terminal sends it, with a letter after it that lands where the key put
 * the cursor: what the note must be once they are all typed. */
static const struct { const char *bytes, *shows, *what; } sequences[] = {
	{ "\033[1;5HA", "Amid", "Ctrl-Home (ESC [1;5H) is Home" },
	{ "\033[1;5FB", "AmidB", "Ctrl-End (ESC [1;5F) is End" },
	{ "\033[1~C", "CAmidB", "ESC [1~ is Home" },
	{ "\033[4~D", "CAmidBD", "ESC [4~ is End" },
	{ "\033[7~E", "ECAmidBD", "ESC [7~ (rxvt) is Home" },
	{ "\033[8~F", "ECAmidBDF", "ESC [8~ (rxvt) is End" },
	{ "\033OHG", "GECAmidBDF", "ESC OH is Home" },
	{ "\033OFH", "GECAmidBDFH", "ESC OF is End" },
	{ "\033[HI", "IGECAmidBDFH", "ESC [H is Home" },
	{ "\033[FJ", "IGECAmidBDFHJ", "ESC [F is End" },
	{ "\033[99~K", "IGECAmidBDFHJK", "an unknown ESC [99~ is ignored whole" },
	{ "\033[1;2ZL", "IGECAmidBDFHJKL", "an unknown sequence with parameters is ignored whole" },
	{ "\033xM", "IGECAmidBDFHJKLM", "Alt-x (ESC x) is not typed" },
	{ "\033[1;5DN", "NIGECAmidBDFHJKLM", "Ctrl-Left (ESC [1;5D) moves a word back" },
	{ "\033[1;5CO", "NIGECAmidBDFHJKLMO", "Ctrl-Right (ESC [1;5C) a word on" },
};

/* Keys the terminal sends that TERM's terminfo entry may not list (End
 * as ESC [4~ under xterm-256color, Ctrl-End as ESC [1;5F under screen)
 * never become text in a note. */
static void test_escape_sequences(const char *term)
{
	char home[64], *body;
	size_t i;
	vt *t;

	snprintf(home, sizeof home, "term-keys-%s", term);
	e2e_new_home(home);
	t = e2e_open_notes(&(struct e2e_opts){ .term = term });
	vt_type(t, "mid");
	e2e_shows(t, "mid", "typing goes into the note");
	for (i = 0; i < sizeof sequences / sizeof sequences[0]; i++) {
		vt_type(t, sequences[i].bytes);
		if (!ok(vt_wait_text(t, sequences[i].shows, WAIT), "TERM=%s: %s", term,
			sequences[i].what))
			vt_dump(t);
	}
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 1 saved", "the note is saved");
	body = e2e_newest_note();
	if (!ok(body && strcmp(body, "NIGECAmidBDFHJKLMO") == 0,
		"TERM=%s: the saved note has no trace of the sequences", term))
		diag("the note is \"%s\"", body ? body : "(none)");
	free(body);
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "a lone Esc is still Esc: back to the programme");
	e2e_quit(t);
}

/* Resizes to rows x cols (too small) and waits for the message. */
static void shrink(vt *t, int rows, int cols)
{
	vt_resize(t, rows, cols);
	if (!ok(vt_wait_text(t, "F10 to quit", WAIT),
		"at %dx%d the message says F10 quits (q is text in a note)", cols, rows))
		vt_dump(t);
}

/* A resize storm while typing a note: every word typed while the window
 * is too small is in the note once it is big enough again. */
static void test_typing_while_small(void)
{
	static const struct { int rows, cols; } sizes[] = {
		{ 20, 60 }, { 24, 79 }, { 23, 80 }, { 10, 30 }, { 12, 100 },
	};
	char typed[512] = "", word[32], kept[64], *body;
	size_t i;
	vt *t;

	e2e_new_home("term-storm");
	t = e2e_open_notes(&(struct e2e_opts){ 0 });
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		shrink(t, sizes[i].rows, sizes[i].cols);
		snprintf(word, sizeof word, "quiet%zu ", i);
		vt_type(t, word);
		strcat(typed, word);
		snprintf(kept, sizeof kept, "%zu keys typed", strlen(word));
		e2e_shows(t, kept, "the message counts the keys kept");
		vt_resize(t, 24, 80);
		snprintf(kept, sizeof kept, "quiet%zu", i);
		e2e_shows(t, kept, "back at 80x24 the word typed meanwhile is in the editor");
		snprintf(word, sizeof word, "big%zu ", i);
		vt_type(t, word);
		strcat(typed, word);
	}
	vt_type(t, "end");
	strcat(typed, "end");
	e2e_shows(t, "big4 end", "typing goes on");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 1 saved", "the note is saved");
	body = e2e_newest_note();
	is_str(body, typed, "every character typed in the storm is in the saved note, in order");
	free(body);
	shrink(t, 20, 60);
	vt_type(t, "\033[21~");   /* F10, as xterm sends it */
	is_int(vt_wait_exit(t, WAIT), 0, "F10 quits from the small screen");
	vt_free(t);
	e2e_no_sanitizer_report();
}

/* More keys than can be kept while too small: the message says that the
 * rest are lost, and the kept ones all arrive. */
static void test_too_much_while_small(void)
{
	enum { TYPED = 4200, KEPT = 4096 };
	char *many = malloc(TYPED + 1), *body;
	vt *t;

	if (!many)
		return;
	memset(many, 'w', TYPED);
	many[TYPED] = '\0';
	e2e_new_home("term-flood");
	t = e2e_open_notes(&(struct e2e_opts){ 0 });
	shrink(t, 20, 60);
	vt_type(t, many);
	e2e_shows(t, "Only the first 4096 keys typed are kept", "the message says when keys are no longer kept");
	vt_resize(t, 24, 80);
	e2e_shows(t, "wwwwwwwwww", "back at 80x24 the kept keys are in the editor");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 1 saved", "the note is saved");
	body = e2e_newest_note();
	is_int(body ? (int)strlen(body) : -1, KEPT, "it holds the 4096 keys that were kept");
	free(body);
	free(many);
	vt_key(t, VT_ESC);
	e2e_quit(t);
}

/* The cell where text starts on screen: *row, *col; false if not shown. */
static bool find_text(vt *t, const char *text, int *row, int *col)
{
	*row = vt_find_row(t, text);
	*col = *row >= 0 ? vt_find_col(t, *row, text) : -1;
	return *col >= 0;
}

static bool no_bidi_control(vt *t, void *arg)
{
	char *screen = vt_screen_text(t);
	bool none = !strstr(screen, "\xe2\x80\xae") && !strstr(screen, "\xe2\x81\xa6");

	(void)arg;
	free(screen);
	return none;
}

/* Writes a sign-up list into e2e_home and imports it as expected at
 * COP 07; returns the exit status. */
static int import_signup(const char *csv)
{
	char path[4200], arg[4400];
	FILE *f;

	snprintf(path, sizeof path, "%s/signup.csv", e2e_home);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fputs(csv, f);
	fclose(f);
	snprintf(arg, sizeof arg, "import people '%s' --expected 'COP 07'", path);
	return e2e_run(arg);
}

/* A right-to-left override (U+202E) or isolate (U+2066) in a note, its
 * group or a person's name reaches no cell: the cells after it stay in
 * logical order, and the editor's cursor stays after the text typed.  A
 * sign-up list cannot bring one in (the import refuses it), so the name
 * gets it as another program would write it. */
static void test_bidi_controls(void)
{
	static const char header[] = "voornaam,achternaam,rol,organisatie,e-mail,focus\n";
	char signup[256], *body;
	int row, col, name_col, cur_row, cur_col;
	sqlite3 *db;
	vt *t;

	e2e_new_home("term-bidi");
	is_int(e2e_run("add-note 7 --group 'taf\xe2\x80\xae" "el 3' "
		       "'abc\xe2\x80\xae" "def ghi \xe2\x81\xa6" "jkl'"), 0,
	       "a note with U+202E in its text and group (CLI)");
	snprintf(signup, sizeof signup, "%s%s", header, "Ab\xe2\x80\xae" "cd,Efgh,leraar,VBS Omgekeerd,,\n");
	is_int(import_signup(signup), 1, "a sign-up list with U+202E in a name is refused");
	snprintf(signup, sizeof signup, "%s%s", header, "Abcd,Efgh,leraar,VBS Omgekeerd,,\n");
	is_int(import_signup(signup), 0, "the person signs up without it");
	db = e2e_open_db();
	ok(db && sqlite3_exec(db, "UPDATE person SET first_name = 'Ab' || char(0x202e) || 'cd'"
			      " WHERE first_name = 'Abcd'", NULL, NULL, NULL) == SQLITE_OK &&
	   sqlite3_changes(db) == 1, "another program writes U+202E into the name");
	db_close(db);
	t = e2e_open_notes(&(struct e2e_opts){ 0 });
	e2e_shows(t, "abcdef ghi jkl", "the note's text shows in logical order, the controls left out");
	e2e_shows(t, "tafel 3", "so does its group");
	ok(find_text(t, "tafel 3", &row, &col) && vt_find_col(t, row, "abcdef") > col,
	   "and the text stays right of the group, in its own cells");
	ok(vt_wait_until(t, no_bidi_control, NULL, WAIT), "no cell holds a bidi control");
	vt_type(t, "xy\xe2\x80\xae" "z");
	e2e_shows(t, "xyz", "U+202E typed into the editor is not shown");
	vt_cursor(t, &cur_row, &cur_col);
	ok(find_text(t, "xyz", &row, &col) && cur_row == row && cur_col == col + 3,
	   "the cursor stays right after the text (row %d col %d, text at %d, %d)",
	   cur_row, cur_col, row, col);
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 2 saved", "the note is saved");
	body = e2e_newest_note();
	is_str(body, "xy\xe2\x80\xae" "z", "the stored text keeps the override");
	free(body);
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the programme");
	vt_type(t, "a");
	e2e_shows(t, "Abcd Efgh", "the person's name shows in logical order");
	ok(find_text(t, "Abcd Efgh", &row, &name_col) && vt_find_col(t, row, "VBS Omgekeerd") > name_col,
	   "with the school after it, in its own column");
	ok(vt_wait_until(t, no_bidi_control, NULL, WAIT), "no cell holds a bidi control");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the programme");
	e2e_quit(t);
}

int main(void)
{
	test_quit_restores();
	test_signals_restore();
	test_too_small();
	test_typing_while_small();
	test_too_much_while_small();
	test_escape_sequences("xterm-256color");
	test_escape_sequences("screen");
	test_bidi_controls();
	test_resize();
	test_colours();
	test_config_warning();
	return tap_done();
}
