/* e2e_browse.c: browsing the programme in the real stemtui, by keys and
 * mouse, in English and in Dutch. */
#include "config.h"

#include "e2e.h"

static const struct e2e_opts english = { 0 };

static void test_first_screen(void)
{
	vt *t;

	e2e_new_home("browse-first");
	t = e2e_start(&english);
	e2e_shows(t, "STEM++ 2017-2018", "the title names the shipped programme");
	e2e_shows(t, "1/13", "the title shows the position among 13 sessions");
	ok(vt_wait_row_text(t, LIST_FIRST, "COP 01", WAIT), "COP 01 is the first row");
	e2e_shows(t, "Thu 9 Nov 2017", "the list shows weekday and date");
	e2e_shows(t, "13:00-16:30", "the list shows the time");
	e2e_shows(t, "Gavere-Semmerzake", "the pane shows the city");
	e2e_shows(t, "Thursday 9 November 2017, 13:00", "the pane shows the long date");
	ok(vt_wait_row_text(t, E2E_ROWS - 1, "q quit", WAIT), "the status line shows q quit");
	ok(vt_wait_row_text(t, E2E_ROWS - 1, "? help", WAIT), "the status line shows ? help");
	e2e_selected_is(t, "COP 01", "COP 01 starts selected");
	e2e_quit(t);
}

static void test_moving(void)
{
	vt *t;

	e2e_new_home("browse-move");
	t = e2e_start(&english);
	e2e_selected_is(t, "COP 01", "start on COP 01");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	e2e_selected_is(t, "COP 03", "two Downs select COP 03");
	e2e_shows(t, "Tuesday 23 January 2018", "the pane follows the selection");
	vt_type(t, "j");
	e2e_selected_is(t, "COP 04", "j moves down");
	vt_type(t, "k");
	e2e_selected_is(t, "COP 03", "k moves up");
	vt_type(t, "G");
	e2e_selected_is(t, "COP 13", "G goes to the last session");
	e2e_shows(t, "13/13", "the title shows 13/13");
	vt_key(t, VT_UP);
	e2e_selected_is(t, "COP 12", "Up from the last");
	vt_type(t, "g");
	e2e_selected_is(t, "COP 01", "g goes to the first session");
	vt_key(t, VT_END);
	e2e_selected_is(t, "COP 13", "End goes to the last session");
	vt_key(t, VT_HOME);
	e2e_selected_is(t, "COP 01", "Home goes to the first session");
	vt_key(t, VT_PGDN);
	e2e_selected_is(t, "COP 13", "PgDn goes down a page (to the end here)");
	vt_key(t, VT_PGUP);
	e2e_selected_is(t, "COP 01", "PgUp goes up a page");
	vt_key(t, VT_UP);
	e2e_selected_is(t, "COP 01", "Up at the top stays put");
	e2e_quit(t);
}

/* True when the row showing a[0] is above the row showing a[1]. */
static bool row_before(vt *t, void *arg)
{
	const char **a = arg;
	int r0 = vt_find_row(t, a[0]), r1 = vt_find_row(t, a[1]);

	return r0 >= 0 && r1 >= 0 && r0 < r1;
}

static bool mouse_on(vt *t, void *arg)
{
	(void)arg;
	return vt_mouse_on(t);
}

static void test_sort_by_date(void)
{
	vt *t;

	e2e_new_home("browse-sort");
	t = e2e_start(&english);
	e2e_shows(t, "by code", "sorted by code at first");
	ok(vt_wait_until(t, row_before, (void *)(const char *[]){ "COP 08", "COP 09" }, WAIT),
	   "by code COP 08 comes before COP 09");
	vt_type(t, "s");
	e2e_shows(t, "by date", "s sorts by date");
	ok(vt_wait_until(t, row_before, (void *)(const char *[]){ "COP 09", "COP 08" }, WAIT),
	   "by date COP 09 (15 October) comes before COP 08 (22 October)");
	ok(vt_find_row(t, "COP 08") < vt_find_row(t, "COP 10") &&
	   vt_find_row(t, "COP 12") < vt_find_row(t, "COP 13"),
	   "the November focus groups come between October and December");
	vt_type(t, "s");
	e2e_shows(t, "by code", "s again sorts by code");
	e2e_quit(t);
}

static void test_filter_and_find(void)
{
	vt *t;

	e2e_new_home("browse-filter");
	t = e2e_start(&english);
	vt_type(t, "f");
	e2e_shows(t, "Show sessions of kind", "f opens the kind picker");
	ok(vt_wait_row_text(t, E2E_ROWS - 1, "Esc back", WAIT),
	   "the status line gives the picker's keys: Esc goes back");
	ok(!vt_wait_row_text(t, E2E_ROWS - 1, "q quit", 0), "  not the browser's (q quit)");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_key(t, VT_ENTER);
	e2e_shows(t, "1/3", "only the three focus groups are left");
	e2e_hides(t, "COP 01", "COP 01 is filtered out");
	e2e_selected_is(t, "COP 10", "the first focus group is selected");
	e2e_shows(t, "Focus group", "the title names the kind shown");
	vt_key(t, VT_ESC);
	e2e_shows(t, "10/13  ·  all kinds", "Esc shows every kind again, COP 10 still selected");
	vt_type(t, "/");
	e2e_shows(t, "Find:", "/ opens the find prompt");
	vt_type(t, "herm");
	e2e_selected_is(t, "COP 09", "typing jumps to the first match (Gebouw Hermes)");
	vt_key(t, VT_ENTER);
	e2e_hides(t, "Find:", "Enter closes the prompt");
	e2e_selected_is(t, "COP 09", "and keeps the match");
	vt_type(t, "/");
	vt_type(t, "gent");
	e2e_selected_is(t, "COP 07", "\"gent\" finds COP 07 in Gent");
	vt_key(t, VT_ENTER);
	vt_type(t, "n");
	e2e_selected_is(t, "COP 08", "n finds the next match");
	vt_type(t, "N");
	e2e_selected_is(t, "COP 07", "N finds the previous match");
	vt_type(t, "/");
	vt_type(t, "zzz");
	e2e_shows(t, "Find: zzz", "the prompt shows what is typed");
	vt_type(t, "\x15");   /* Ctrl-U */
	e2e_hides(t, "Find: zzz", "Ctrl-U clears it, as in every field");
	vt_type(t, "herm");
	e2e_selected_is(t, "COP 09", "a match is found again");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Find: herm", "Esc first clears what is typed");
	if (!ok(vt_wait_row_text(t, E2E_ROWS - 1, "Find:", WAIT), "  and the prompt stays"))
		vt_dump(t);
	e2e_selected_is(t, "COP 09", "  with the match still selected");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Find:", "Esc on the empty prompt closes it");
	e2e_selected_is(t, "COP 07", "and returns to where the search started");
	vt_type(t, "5");
	e2e_selected_is(t, "COP 05", "a digit jumps to that code number");
	vt_type(t, "1");
	e2e_selected_is(t, "COP 01", "a digit that makes no code with the one before starts anew");
	vt_type(t, "2");
	e2e_selected_is(t, "COP 12", "a second digit typed quickly extends the number (COP 12)");
	vt_type(t, "/");
	vt_type(t, "luchtballon");
	e2e_selected_is(t, "COP 05", "find ignores case (\"luchtballon\" finds GO! De Luchtballon)");
	vt_key(t, VT_ENTER);
	e2e_quit(t);
}

static void test_detail_and_help(void)
{
	vt *t;

	e2e_new_home("browse-detail");
	t = e2e_start(&english);
	vt_type(t, "9");
	e2e_selected_is(t, "COP 09", "9 selects COP 09");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Session COP 09", "Enter opens the session");
	e2e_shows(t, "Vergaderzaal 5303.1", "it shows the room");
	e2e_shows(t, "Gebouw Hermes, Stormstraat 2, 1000 Brussel", "and the full address");
	e2e_shows(t, "Esc back", "its status line offers Esc to go back");
	vt_key(t, VT_ESC);
	e2e_shows(t, "9/13", "Esc returns to the list");
	e2e_selected_is(t, "COP 09", "with the same session selected");
	vt_type(t, "?");
	e2e_shows(t, "Keys on this screen", "? opens the help");
	e2e_shows(t, "More below", "the help says when more keys follow");
	vt_key(t, VT_END);
	e2e_hides(t, "More below", "End scrolls to the last keys");
	e2e_shows(t, "wheel scrolls.", "and the mouse note below them, whole");
	e2e_shows(t, "kept as a draft)", "a long description wraps rather than being cut");
	vt_key(t, VT_HOME);
	e2e_shows(t, "sort by code or by date", "help lists s");
	e2e_shows(t, "switch to another programme", "help lists p");
	e2e_shows(t, "show only one kind of session", "help lists f");
	e2e_shows(t, "PgDn, Ctrl-F, Space", "help lists every key of an action");
	vt_type(t, "q");
	e2e_shows(t, "9/13", "q leaves the help, not the program");
	e2e_quit(t);
}

/* Help ends with the mouse note: shown whole, or "More below" says that
 * it follows (a short help on a screen of few keys must not cut it). */
static bool mouse_note_whole_or_more(vt *t, void *arg)
{
	char *text = vt_screen_text(t);
	bool ok = text && (strstr(text, arg) || strstr(text, "More below"));

	free(text);
	return ok;
}

static void test_help_mouse_note(void)
{
	vt *t;

	e2e_new_home("browse-help-mouse");
	t = e2e_start(&english);
	vt_type(t, "9");
	e2e_selected_is(t, "COP 09", "9 selects COP 09");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Session COP 09", "Enter opens the session");
	vt_type(t, "?");
	e2e_shows(t, "Keys on this screen", "? opens its help");
	vt_wait_idle(t, WAIT);
	if (!ok(mouse_note_whole_or_more(t, "wheel scrolls."),
		"the mouse note shows whole, or More below says it follows"))
		vt_dump(t);
	vt_key(t, VT_END);
	e2e_shows(t, "wheel scrolls.", "End shows it whole");
	e2e_hides(t, "More below", "  and nothing more below");
	vt_key(t, VT_ESC);
	e2e_shows(t, "Session COP 09", "Esc closes the help");
	vt_key(t, VT_ESC);
	e2e_shows(t, "9/13", "Esc goes back to the programme");
	e2e_quit(t);
}

/* In the help a key that does nothing says how to leave it: the help
 * has no help of its own, so "press F1 for help" would send you round. */
static void test_key_in_help(void)
{
	vt *t;

	e2e_new_home("browse-help-keys");
	t = e2e_start(&english);
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "?");
	e2e_shows(t, "Keys on this screen", "? opens the help");
	vt_type(t, "a");
	e2e_shows(t, "That key does nothing here: Esc goes back", "a in the help: Esc goes back");
	ok(vt_find_row(t, "for help") < 0, "  and no key for help is offered there");
	vt_key(t, VT_F1);
	e2e_shows(t, "Esc goes back", "F1 in the help says the same");
	vt_key(t, VT_ESC);
	e2e_shows(t, "1/13", "Esc leaves the help");
	vt_type(t, "@");
	e2e_shows(t, "That key does nothing here: press ? for help", "on a screen: ? for help");
	e2e_quit(t);
}

static void test_dutch(void)
{
	struct e2e_opts nl = { .language = "nl" };
	char *status;
	vt *t;

	e2e_new_home("browse-nl");
	t = e2e_start(&nl);
	e2e_shows(t, "do 9 nov 2017", "Dutch short dates in the list");
	e2e_shows(t, "donderdag 9 november 2017, 13:00", "Dutch long date in the pane");
	e2e_shows(t, "q stoppen", "Dutch status line");
	status = vt_row(t, E2E_ROWS - 1);
	ok(!strstr(status, "\xe2\x80\xa6"), "the status line shows whole hints, none cut with an ellipsis");
	free(status);
	e2e_shows(t, "Gemeente", "Dutch column headers");
	vt_type(t, "s");
	e2e_shows(t, "op datum", "Dutch sort name");
	vt_type(t, "?");
	e2e_shows(t, "Toetsen op dit scherm", "Dutch help");
	vt_key(t, VT_ESC);
	e2e_quit(t);
}

static void test_mouse(void)
{
	vt *t;
	int row;

	e2e_new_home("browse-mouse");
	t = e2e_start(&english);
	e2e_shows(t, "COP 05", "the list is shown");
	ok(vt_wait_until(t, mouse_on, NULL, WAIT), "stemtui asks the terminal for mouse reports");
	row = vt_find_row(t, "COP 05");
	vt_click(t, row, 10);
	e2e_selected_is(t, "COP 05", "a click selects the row");
	e2e_shows(t, "Thursday 19 April 2018", "and the pane shows it");
	vt_click(t, row, 10);
	e2e_shows(t, "Session COP 05", "a click on the selected row opens it");
	vt_key(t, VT_ESC);
	e2e_shows(t, "5/13", "back in the list");
	vt_wheel(t, row, 10, true);
	e2e_selected_is(t, "COP 08", "the wheel moves the selection down");
	e2e_quit(t);
}

/* Writes a programme of n sessions for the paging tests. */
static void write_big_programme(const char *path, int n)
{
	FILE *f = fopen(path, "w");
	int i;

	fprintf(f, "[programme]\nname = STEMBASIS 2030-2031\nschool_year = 2030-2031\n");
	for (i = 1; i <= n; i++)
		fprintf(f, "\n[session %d]\ncode = S %03d\nkind = %s\ndate = 2031-%02d-%02d\n"
			"venue = Zaal Zoë %d\ncity = Gent\n", i, i,
			i % 2 ? "groeisessie" : "focusgroep", 1 + (i - 1) / 28 % 12, 1 + (i - 1) % 28, i);
	fclose(f);
}

static void test_programme_switch_and_paging(void)
{
	char file[4200], arg[4300];
	vt *t;

	e2e_new_home("browse-big");
	snprintf(file, sizeof file, "%s/big.ini", e2e_home);
	write_big_programme(file, 60);
	snprintf(arg, sizeof arg, "import programme '%s'", file);
	is_int(e2e_run(arg), 0, "a 60-session programme imports");
	t = e2e_start(&english);
	e2e_shows(t, "STEMBASIS 2030-2031", "the newest programme opens first");
	e2e_shows(t, "1/60", "with 60 sessions");
	e2e_shows(t, "Zaal Zoë 1", "accented venue names show");
	vt_key(t, VT_PGDN);
	e2e_shows(t, "S 028", "PgDn reads the next page");
	e2e_hides(t, "S 001", "and the first page scrolls away");
	vt_type(t, "G");
	e2e_selected_is(t, "S 060", "G reads the last page");
	e2e_shows(t, "60/60", "the title shows 60/60");
	vt_key(t, VT_PGUP);
	e2e_shows(t, "S 033", "PgUp reads the page before");
	vt_type(t, "g");
	vt_key(t, VT_UP);
	e2e_selected_is(t, "S 001", "Up at the top stays on the first row");
	vt_type(t, "p");
	e2e_shows(t, "STEM++ 2017-2018 (13 sessions)", "p lists the programmes with their sizes");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_ENTER);
	e2e_shows(t, "1/13", "choosing one switches to it");
	e2e_shows(t, "STEM++ 2017-2018", "and the title names it");
	e2e_quit(t);
	t = e2e_start(&(struct e2e_opts){ .args = { "--programme", "2017-2018" } });
	e2e_shows(t, "1/13", "--programme opens that programme");
	e2e_quit(t);
}

int main(void)
{
	test_first_screen();
	test_moving();
	test_sort_by_date();
	test_filter_and_find();
	test_detail_and_help();
	test_help_mouse_note();
	test_key_in_help();
	test_dutch();
	test_mouse();
	test_programme_switch_and_paging();
	return tap_done();
}
