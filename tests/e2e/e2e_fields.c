/* e2e_fields.c: the one-line fields of the real stemtui behave as one:
 * Tab completes from a field's suggestions (the start they share, then
 * each in turn) in the group prompt as in the organisation field of a
 * form; Esc clears the text first and only then closes; Ctrl-U clears;
 * the About prompt says whom Enter would link while it is typed. */
#include "config.h"

#include "e2e.h"

static const char people[] =
	"first_name,last_name,role,organisation,email,focus\n"
	"Tine,Vanhove,leraar,VBS De Vliegenier,,\n"
	"Jan,Wouters,leraar,GO! De Luchtballon,,\n"
	"Jan,Peeters,leraar,VBS Sint-Lodewijk,,\n"
	"Pieter,Jacobs,techniekcoach,,,wetenschap\n";

static void sign_up(void)
{
	e2e_sign_up(people, "four people sign up for COP 07");
}

/* Whether the status line, its trailing blanks left out, ends with arg:
 * what is typed in a prompt, after the prompt. */
static bool status_ends_with(vt *t, void *arg)
{
	const char *want = arg;
	char *row = vt_row(t, E2E_ROWS - 1);
	size_t n = strlen(row), w = strlen(want);
	bool ends;

	while (n > 0 && row[n - 1] == ' ')
		n--;
	ends = n >= w && memcmp(row + n - w, want, w) == 0;
	free(row);
	return ends;
}

static void typed_is(vt *t, const char *text, const char *name)
{
	if (!ok(vt_wait_until(t, status_ends_with, (void *)text, WAIT), "%s", name)) {
		diag("expected the status line to end with \"%s\"", text);
		vt_dump(t);
	}
}

/* F3: Tab completes the group from the labels used before, as the
 * organisation field does: the start they share, then each in turn. */
static void test_group_tab(void)
{
	vt *t;

	e2e_new_home("fields-group");
	e2e_run("add-note 7 --group 'tafel 1' 'een'");
	e2e_run("add-note 7 --group 'tafel 1' 'twee'");
	e2e_run("add-note 7 --group 'tafel 2' 'drie'");
	e2e_run("add-note 7 --group 'plenum' 'vier'");
	t = e2e_open_notes(&(struct e2e_opts){ 0 });
	vt_type(t, "\x07");   /* Ctrl-G: group */
	e2e_shows(t, "Group or table (tafel 1", "the prompt lists the labels");
	vt_type(t, "ta");
	typed_is(t, "): ta", "what is typed shows");
	vt_key(t, VT_TAB);
	vt_type(t, "3");
	typed_is(t, "): tafel 3", "Tab completes the start the labels share (\"tafel \")");
	vt_type(t, "\x15");   /* Ctrl-U */
	typed_is(t, "):", "Ctrl-U clears the field");
	vt_type(t, "TA");
	vt_key(t, VT_TAB);
	vt_key(t, VT_TAB);
	typed_is(t, "): tafel 1", "Tab again: the first label, the one used most");
	vt_key(t, VT_TAB);
	typed_is(t, "): tafel 2", "  and the next");
	vt_key(t, VT_TAB);
	typed_is(t, "): tafel 1", "  round again");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Group: tafel 1", "Enter takes it");
	vt_type(t, "\x07");
	vt_type(t, "pl");
	vt_key(t, VT_TAB);
	typed_is(t, "): plenum", "the only label that fits is completed whole");
	vt_key(t, VT_ESC);
	typed_is(t, "):", "Esc first clears what is typed");
	e2e_shows(t, "Group or table", "  and the prompt stays");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Group or table", "Esc on the empty field closes it");
	e2e_shows(t, "Group: tafel 1", "  changing nothing");
	vt_key(t, VT_ESC);
	e2e_quit(t);
}

/* Checks (waiting for it) that the row above the status line, where a
 * prompt says what its answer would mean, shows text. */
static void says(vt *t, const char *text, const char *name)
{
	if (!ok(vt_wait_row_text(t, E2E_ROWS - 2, text, WAIT), "%s", name)) {
		diag("expected \"%s\" above the status line", text);
		vt_dump(t);
	}
}

/* F4: while a name or school is typed, the line above says whom Enter
 * would link, or why nobody. */
static void test_about_feedback(void)
{
	vt *t;

	e2e_new_home("fields-about");
	sign_up();
	t = e2e_open_notes(&(struct e2e_opts){ 0 });
	vt_type(t, "\x0f");   /* Ctrl-O: about */
	e2e_shows(t, "About (a person or school", "Ctrl-O asks whom the note is about");
	says(t, "Enter: about nobody", "before anything is typed: nobody");
	vt_type(t, "tin");
	says(t, "Enter: about Tine Vanhove, VBS De Vliegenier", "a name typed: who it is, of which school");
	vt_type(t, "\x15");   /* Ctrl-U */
	vt_type(t, "jan");
	says(t, "Several people match \"jan\"", "two people named Jan: type more");
	vt_type(t, " w");
	says(t, "Enter: about Jan Wouters", "more of the name: one");
	vt_type(t, "\x15");
	vt_type(t, "zzz");
	says(t, "Nobody and no school matches \"zzz\"", "nobody");
	vt_type(t, "\x15");
	vt_type(t, "luchtbal");
	says(t, "Enter: about GO! De Luchtballon", "a school");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "About: GO! De Luchtballon", "Enter links the note to it");
	vt_key(t, VT_ESC);
	e2e_quit(t);
}

/* The organisation field of the person form: Tab as in the group prompt;
 * Esc clears the field first, then cancels the form. */
static void test_form_tab_and_esc(void)
{
	vt *t;

	e2e_new_home("fields-form");
	sign_up();
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "P");
	e2e_shows(t, "People", "P: the people");
	vt_type(t, "\x07");   /* Ctrl-G: one organisation */
	e2e_shows(t, "Organisation (empty for all):", "Ctrl-G asks for an organisation");
	vt_type(t, "luchtb");
	vt_key(t, VT_TAB);
	typed_is(t, ": GO! De Luchtballon", "Tab completes it there too");
	vt_key(t, VT_ESC);
	typed_is(t, "(empty for all):", "Esc clears it");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Organisation (empty for all):", "Esc closes the question");
	vt_type(t, "\x0e");   /* Ctrl-N */
	e2e_shows(t, "New person", "Ctrl-N opens the form");
	vt_type(t, "Ruth");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_type(t, "vbs");
	e2e_shows(t, "Tab: VBS De Vliegenier, VBS Heilige Familie, VBS Si",
		  "the suggestions show, as many as fit");
	vt_key(t, VT_TAB);
	vt_type(t, "X");
	e2e_shows(t, "VBS X", "Tab completes the start they share (\"VBS \")");
	vt_key(t, VT_BACKSPACE);
	vt_key(t, VT_TAB);
	e2e_shows(t, "Organisation    VBS De Vliegenier", "Tab again: the first");
	vt_key(t, VT_TAB);
	e2e_shows(t, "Organisation    VBS Heilige Familie", "  then the next");
	e2e_shows(t, "Esc clear", "the keys say Esc clears");
	vt_key(t, VT_ESC);
	e2e_hides(t, "VBS Heilige Familie", "Esc clears the field");
	e2e_shows(t, "New person", "  and the form stays");
	e2e_shows(t, "Esc cancel", "  where Esc now cancels");
	vt_key(t, VT_UP);
	vt_key(t, VT_UP);
	vt_key(t, VT_UP);
	e2e_shows(t, "Ruth", "the first name is kept");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Ruth", "Esc clears the first name");
	vt_key(t, VT_ESC);
	e2e_hides(t, "New person", "Esc on an empty field cancels the form");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the programme");
	e2e_quit(t);
}

/* The same in Dutch. */
static void test_dutch(void)
{
	vt *t;

	e2e_new_home("fields-nl");
	sign_up();
	t = e2e_open_notes(&(struct e2e_opts){ .language = "nl" });
	vt_type(t, "\x0f");   /* Ctrl-O: about */
	says(t, "Enter: over niemand", "Dutch: nobody yet");
	vt_type(t, "tin");
	says(t, "Enter: over Tine Vanhove, VBS De Vliegenier", "  whom Enter would link");
	vt_key(t, VT_ESC);
	says(t, "Enter: over niemand", "  Esc clears what is typed");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Enter: over", "  Esc closes the prompt");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the programme");
	e2e_quit(t);
}

/* A form, a prompt and a picker have their help on F1 (listing their own
 * keys: the form's fields, the field's editing) and quit on F10, like
 * every screen. */
static void test_boxes_help_and_quit(void)
{
	vt *t;

	e2e_new_home("fields-boxes");
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "P");
	e2e_shows(t, "People", "P: the people");
	vt_type(t, "\x0e");   /* Ctrl-N: a new person */
	e2e_shows(t, "New person", "Ctrl-N opens the form");
	vt_type(t, "Zo\xc3\xab");
	vt_key(t, VT_F1);
	e2e_shows(t, "Keys on this screen", "F1 in a form shows help");
	e2e_shows(t, "the field before", "  with the form's keys");
	e2e_shows(t, "Typing in the field", "  and the field's");
	vt_key(t, VT_ESC);
	e2e_shows(t, "New person", "Esc: back to the form");
	e2e_shows(t, "Zo\xc3\xab", "  with what was typed");
	vt_type(t, "\033[21~");   /* F10 */
	is_int(vt_wait_exit(t, WAIT), 0, "F10 in a form quits with status 0");
	vt_free(t);
	e2e_no_sanitizer_report();

	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "COP 01", "the browser is up again");
	vt_type(t, "7c");
	e2e_shows(t, "New note:", "the notes of COP 07");
	vt_type(t, "\033OR");   /* F3: the group prompt */
	e2e_shows(t, "Group or table", "F3 asks for the group");
	vt_key(t, VT_F1);
	e2e_shows(t, "Typing in the field", "F1 in a prompt shows the field's keys");
	vt_key(t, VT_ESC);
	e2e_shows(t, "Group or table", "Esc: back to the prompt");
	vt_type(t, "\033[21~");   /* F10 */
	is_int(vt_wait_exit(t, WAIT), 0, "F10 in a prompt quits with status 0");
	vt_free(t);
	e2e_no_sanitizer_report();
}

int main(void)
{
	test_group_tab();
	test_about_feedback();
	test_form_tab_and_esc();
	test_dutch();
	test_boxes_help_and_quit();
	return tap_done();
}
