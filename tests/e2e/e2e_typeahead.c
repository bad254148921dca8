/* e2e_typeahead.c: typing three letters of a name on the people screen
 * and the check-in screen, on lists longer than the screen: the people a
 * word of whose name starts with them come first ("van": Sofie
 * Mertens-Vanhees and thirty Van Ackers), then the people the letters are
 * only inside of (Tine Donovan, Aaron Savanne), each part in name order;
 * End reaches the second part, Home the first again; the title counts up
 * to 1000 ("1000+" beyond). */
#include "config.h"

#include "e2e.h"

#define VAN_ACKERS 30
#define LAST_ROW 22   /* of a 24-row screen: the keys' line is below it */

/* Thirty Van Ackers signed up for COP 07, three more people known but
 * not signed up: one with a later word starting with "van", two the
 * letters are only inside of, who sort before the Van Ackers. */
static void people(void)
{
	static char csv[4096];
	char path[4200], arg[4400];
	size_t len;
	int i;

	len = (size_t)snprintf(csv, sizeof csv, "voornaam,achternaam,rol\n");
	for (i = 1; i <= VAN_ACKERS; i++)
		len += (size_t)snprintf(csv + len, sizeof csv - len, "Jo,Van Acker %02d,leraar\n", i);
	e2e_sign_up(csv, "thirty Van Ackers sign up for COP 07");
	snprintf(path, sizeof path, "%s/others.csv", e2e_home);
	e2e_write_text(path, "voornaam,achternaam,rol\n"
		       "Tine,Donovan,leraar\nAaron,Savanne,leraar\nSofie,Mertens-Vanhees,leraar\n");
	snprintf(arg, sizeof arg, "import people '%s'", path);
	is_int(e2e_run(arg), 0, "three others are known");
}

/* The rows of a, b and c are on screen, in that order. */
static bool in_order(vt *t, const char *a, const char *b, const char *c)
{
	int ra = vt_find_row(t, a), rb = vt_find_row(t, b), rc = vt_find_row(t, c);

	return ra >= 0 && rb > ra && rc > rb;
}

static void test_people_screen(void)
{
	vt *t = e2e_start(&(struct e2e_opts){ 0 });

	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "P");
	e2e_shows(t, "People", "P opens the people");
	vt_type(t, "van");
	e2e_selected_is(t, "Mertens-Vanhees", "\"van\": a word starting with it first, in name order");
	e2e_shows(t, "Van Acker 01", "  then the Van Ackers");
	e2e_hides(t, "Donovan", "  not Tine Donovan, whose name only holds it (before them in name order)");
	e2e_shows(t, "People  \xc2\xb7  33", "  the title counts all 33");
	vt_key(t, VT_END);
	e2e_shows(t, "Savanne", "End: the end of the list");
	is_int(vt_find_row(t, "Savanne"), LAST_ROW, "  whose last row is Aaron Savanne");
	ok(in_order(t, "Van Acker 30", "Donovan", "Savanne"),
	   "  those it is only inside of after the Van Ackers, in name order");
	e2e_hides(t, "Mertens-Vanhees", "  the first part is off the screen");
	vt_key(t, VT_HOME);
	e2e_selected_is(t, "Mertens-Vanhees", "Home: back to the first");
	vt_key(t, VT_BACKSPACE);
	e2e_hides(t, "Donovan", "Backspace to \"va\": the same order");
	e2e_selected_is(t, "Mertens-Vanhees", "  from the same first");
	vt_key(t, VT_ESC);
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "Esc Esc goes back to the programme");
	e2e_quit(t);
}

static void test_checkin(void)
{
	vt *t = e2e_open_attendance();

	vt_type(t, "van");
	e2e_selected_is(t, "Van Acker 01", "check-in, \"van\": the Van Ackers signed up first");
	e2e_hides(t, "Vanhees", "  the others come after them");
	vt_key(t, VT_END);
	e2e_shows(t, "Savanne", "End: the end of the list");
	is_int(vt_find_row(t, "Savanne"), LAST_ROW, "  whose last row is Aaron Savanne");
	ok(in_order(t, "Van Acker 30", "Mertens-Vanhees", "Donovan") &&
	   in_order(t, "Mertens-Vanhees", "Donovan", "Savanne"),
	   "  of the others, a later word starting with it before those it is only inside of");
	vt_key(t, VT_ESC);
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "Esc Esc goes back to the programme");
	e2e_quit(t);
}

int main(void)
{
	e2e_new_home("typeahead");
	people();
	test_people_screen();
	test_checkin();
	return tap_done();
}
