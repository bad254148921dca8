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
	vt_resize(t, 24, 80);
	e2e_shows(t, "COP 01", "growing to 80x24 shows the browser at once");
	e2e_selected_is(t, "COP 01", "keys pressed while too small did nothing");
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

int main(void)
{
	test_quit_restores();
	test_signals_restore();
	test_too_small();
	test_resize();
	test_colours();
	test_config_warning();
	return tap_done();
}
