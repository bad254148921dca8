/* e2e_fit.c: at 80x24, in English and in Dutch, nothing a person needs to
 * decide is cut: the factor overview's title, legend and factor names,
 * the attendance statuses (check-in and person screen), every answer of
 * a question (the codebook's delete), the keys of a form and of the
 * review queue, and the status line's main hints in Dutch. */
#include "config.h"

#include "e2e.h"

#define STATUS_ROW (E2E_ROWS - 1)
#define CTRL_E "\x05"
#define CTRL_O "\x0f"
#define F6 "\033[17~"   /* what xterm sends for F6 */

/* A long factor name: wider than any column the overview can give it. */
#define LONG_NAME "Samenwerking met de buitenschoolse kinderopvang en de jeugdwerking"

static const struct e2e_opts en_demo = { .args = { "--demo" } };
static const struct e2e_opts nl_demo = { .language = "nl", .args = { "--demo" } };

/* True when no row of the screen shows arg. */
static bool nowhere(vt *t, void *arg)
{
	char *screen = vt_screen_text(t);
	bool absent = !strstr(screen, arg);

	free(screen);
	return absent;
}

/* True when the title row is not cut ("…"). */
static bool title_whole(vt *t, void *unused)
{
	char *row = vt_row(t, 0);
	bool whole = !strstr(row, "\xe2\x80\xa6");

	(void)unused;
	free(row);
	return whole;
}

/* True when text shows on a row other than the status line. */
static bool above_status(vt *t, void *text)
{
	int r = vt_find_row(t, text);

	return r >= 0 && r < STATUS_ROW;
}

/* Presses Esc until the box titled title is gone: one Esc may first
 * clear what is typed.  The box redraws the screen under it before
 * itself, so "gone" counts only once the program waits for a key. */
static void close_box(vt *t, const char *title)
{
	for (int i = 0; i < 3; i++) {
		vt_key(t, VT_ESC);
		if (vt_wait_gone(t, title, 1000) && vt_wait_idle(t, WAIT) &&
		    vt_find_row(t, title) < 0)
			return;
	}
}

/* Imports a codebook that adds a category with LONG_NAME, into e2e_home. */
static void add_long_factor(void)
{
	char path[4200], cmd[4400];
	FILE *f;

	snprintf(path, sizeof path, "%s/long.ini", e2e_home);
	f = fopen(path, "w");
	ok(f && fputs("[factor zz]\ncode = ZZ\nname = " LONG_NAME "\n", f) >= 0 && fclose(f) == 0,
	   "a codebook file with a long factor name");
	snprintf(cmd, sizeof cmd, "--demo import codebook '%s'", path);
	is_int(e2e_run(cmd), 0, "  imports");
}

struct overview_words {
	const struct e2e_opts *opts;
	const char *lang, *title, *legend, *heads, *dutch_in_english;
};

/* The overview says what it shows and what its columns mean, in the
 * language shown, and shows factor names whole. */
static void test_overview(const struct overview_words *w)
{
	vt *t;

	e2e_new_home(w->lang);
	add_long_factor();
	t = e2e_start(w->opts);
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "F");
	e2e_shows(t, w->title, "F opens the overview; the title says what is counted and the order");
	if (!ok(vt_wait_until(t, title_whole, NULL, WAIT), "  the title is whole"))
		vt_dump(t);
	e2e_shows(t, w->heads, "the kinds of session head their columns");
	e2e_shows(t, w->legend, "a legend says what the columns of the kinds of session mean");
	if (w->dutch_in_english &&
	    !ok(vt_wait_until(t, nowhere, (void *)w->dutch_in_english, WAIT), "  no Dutch in English"))
		vt_dump(t);
	vt_type(t, "G");
	e2e_shows(t, "Pedagogische begeleidingsdienst", "a long factor name shows whole in the list");
	vt_type(t, "g");
	for (int i = 0; i < 10 && !vt_wait_until(t, selected_has, "ZZ ", 300); i++)
		vt_key(t, VT_DOWN);
	e2e_selected_is(t, "ZZ ", "the factor with the longest name selected");
	e2e_shows(t, LONG_NAME, "  its name, longer than its column, shows whole below the list");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "Esc goes back");
	e2e_quit(t);
}

struct attendance_words {
	const struct e2e_opts *opts;
	const char *lang, *excused, *not_registered, *undo, *person;
};

/* Every status shows whole, at the door and on the person's screen; the
 * status line offers undo. */
static void test_statuses(const struct attendance_words *w)
{
	vt *t;

	e2e_new_home(w->lang);
	t = e2e_start(w->opts);
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "a");
	e2e_shows(t, "Senne Van Damme", "a opens the check-in of COP 01");
	e2e_shows(t, w->excused, "an excused person's status shows whole");
	if (!ok(vt_wait_row_text(t, STATUS_ROW, w->undo, WAIT), "the status line offers undo"))
		vt_dump(t);
	vt_type(t, "hilde");
	e2e_shows(t, w->not_registered, "someone not registered says so, whole");
	vt_key(t, VT_ESC);
	vt_type(t, "senne");
	e2e_selected_is(t, "Senne Van Damme", "typing selects Senne");
	vt_type(t, CTRL_O);
	e2e_shows(t, w->person, "Ctrl-O opens his screen, with his sessions");
	e2e_shows(t, w->excused, "  his status there shows whole too");
	vt_key(t, VT_ESC);
	e2e_hides(t, w->person, "Esc goes back to the check-in");
	vt_key(t, VT_ESC);
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 13", "and to the programme");
	e2e_quit(t);
}

/* The codebook's delete question shows every answer, the way out last. */
static void test_delete_answers(const struct e2e_opts *o, const char *lang, const char *title,
				const char *cancel)
{
	vt *t;

	e2e_new_home(lang);
	t = e2e_start(o);
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "K");
	e2e_shows(t, "Gedeelde visie", "K opens the codebook");
	vt_type(t, "j");
	vt_type(t, "d");
	e2e_shows(t, title, "d asks what happens to the tags");
	e2e_shows(t, cancel, "  the answer that keeps the factor shows whole");
	vt_key(t, VT_ESC);
	e2e_hides(t, title, "Esc keeps it");
	e2e_shows(t, "Gedeelde visie", "  it is still there");
	vt_key(t, VT_ESC);
	e2e_quit(t);
}

/* In Dutch: the browser's status line keeps the filter hint, the person
 * form its way out on the organisation field (with a suggestion key),
 * the tag picker what is typed after its label and a long name whole,
 * the review queue its Enter. */
static void test_dutch_keys(void)
{
	vt *t;

	e2e_new_home("nl-keys");
	add_long_factor();
	t = e2e_start(&nl_demo);
	e2e_shows(t, "COP 01", "the browser is up");
	if (!ok(vt_wait_row_text(t, STATUS_ROW, "f filter", WAIT), "the status line offers f filter"))
		vt_dump(t);
	vt_type(t, "P");
	e2e_shows(t, "Aerts, Hilde", "P opens the people");
	vt_type(t, CTRL_E);
	e2e_shows(t, "Persoon bewerken", "Ctrl-E opens the form");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	e2e_shows(t, "Tab aanvullen", "on the organisation, the form offers completion");
	e2e_shows(t, "Esc wissen", "  and what Esc does there, whole");
	vt_key(t, VT_ESC);
	e2e_shows(t, "Esc annuleren", "Esc clears the field; then the way out shows whole");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Persoon bewerken", "Esc closes the form");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the programme");
	vt_type(t, "R");
	e2e_shows(t, "Alle notities", "R opens the review");
	vt_type(t, F6);
	e2e_shows(t, "Zoeken:", "F6 opens the tag picker");
	vt_type(t, "kinderop");
	e2e_shows(t, "Zoeken: kinderop", "what is typed shows after the label, whole");
	e2e_shows(t, LONG_NAME, "the factor found shows its whole name below the list");
	close_box(t, "Zoeken:");
	e2e_hides(t, "Zoeken:", "Esc closes the picker");
	vt_type(t, "u");
	e2e_shows(t, "Cijfers taggen", "u walks the untagged notes, saying how to tag");
	if (!ok(vt_wait_until(t, above_status, "Enter volgende", WAIT),
		"  and, above the status line, that Enter goes on"))
		vt_dump(t);
	vt_key(t, VT_ESC);
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 13", "back to the programme");
	e2e_quit(t);
}

int main(void)
{
	test_overview(&(struct overview_words){
		&en_demo, "fit-en-overview", "Factors  \xc2\xb7  all notes  \xc2\xb7  codebook order",
		"I G F E: Inspiration, Growth, Focus group, Exchange", "+ - I G F E", "inspiratie" });
	test_overview(&(struct overview_words){
		&nl_demo, "fit-nl-overview",
		"Factoren  \xc2\xb7  alle notities  \xc2\xb7  codeboekvolgorde",
		"I G F U: Inspiratie, Groeisessie, Focusgroep, Uitwisseling", "+ - I G F U", NULL });
	test_statuses(&(struct attendance_words){
		&en_demo, "fit-en-statuses", "Excused", "Not registered", "undo",
		"Person  \xc2\xb7  Senne" });
	test_statuses(&(struct attendance_words){
		&nl_demo, "fit-nl-statuses", "Verontschuldigd", "Niet ingeschreven", "ongedaan maken",
		"Persoon  \xc2\xb7  Senne" });
	test_delete_answers(&en_demo, "fit-en-delete", "Delete factor", "[Esc] keep it");
	test_delete_answers(&nl_demo, "fit-nl-delete", "Factor verwijderen", "[Esc] houden");
	test_dutch_keys();
	return tap_done();
}
