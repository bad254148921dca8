/* test_config.c: the configuration file: defaults, values, and warnings
 * that name the file, line, section and key while the program still starts. */
#include "config.h"

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/fsutil.h"
#include "core/settings.h"
#include "../tap.h"
#include "fixture.h"

static const char *dir;

/* Loads path into fresh defaults; returns settings_load's result. */
static int load(st_settings *s, const char *path, bool required, st_err *err)
{
	settings_defaults(s);
	st_err_clear(err);
	return settings_load(s, path, required, err);
}

static void print_warnings(const st_settings *s)
{
	int i;

	for (i = 0; i < s->nwarnings; i++)
		diag("  warning: %s", s->warnings[i]);
}

static bool colour_is(const st_settings *s, enum ui_element e, short fg, short bg)
{
	return s->colour[e].fg == fg && s->colour[e].bg == bg;
}

/* Every colour as settings_defaults leaves it. */
static bool colours_default(const st_settings *s)
{
	st_settings d;
	bool same;

	settings_defaults(&d);
	same = memcmp(d.colour, s->colour, sizeof d.colour) == 0;
	settings_free(&d);
	return same;
}

static void test_defaults(void)
{
	st_settings s;

	settings_defaults(&s);
	ok(!s.database && !s.facilitator && !s.language && !s.programme,
	   "defaults: no database, facilitator, language or programme");
	is_int(s.colour_mode, COLOUR_AUTO, "defaults: colours follow the terminal (auto)");
	ok(colour_is(&s, UI_SELECTED, 0, 6), "defaults: selected row is black on cyan");
	ok(colour_is(&s, UI_TITLE, 7, 4), "defaults: title is white on blue");
	is_int(s.nwarnings, 0, "defaults: no warnings");
	settings_free(&s);

	is_str(settings_element_name(UI_SELECTED), "selected", "element name: selected");
	is_str(settings_element_name(UI_ACCENT), "accent", "element name: accent");
	is_int(settings_parse_colour("white"), 7, "parse_colour: white is 7");
	is_int(settings_parse_colour("BLACK"), 0, "parse_colour: any case (BLACK is 0)");
	is_int(settings_parse_colour("default"), -1, "parse_colour: default is -1");
	is_int(settings_parse_colour("pink"), -2, "parse_colour: pink is unknown (-2)");
}

static void test_missing(void)
{
	char missing[4096];
	st_settings s;
	st_err err;
	int rc;

	snprintf(missing, sizeof missing, "%s/no-such-config.ini", dir);
	is_int(load(&s, missing, false, &err), 0, "missing optional file: not an error");
	is_int(s.nwarnings, 0, "missing optional file: no warnings");
	ok(!s.database && !s.language && s.colour_mode == COLOUR_AUTO && colours_default(&s),
	   "missing optional file: the defaults stay");
	settings_free(&s);

	is_int(load(&s, missing, true, &err), -1, "missing required file (--config): an error");
	has_str(err.msg, missing, "missing required file: the error names the file");
	settings_free(&s);

	/* A folder where the file should be cannot be read: say so. */
	rc = load(&s, dir, true, &err);
	if (!ok(rc == -1 || s.nwarnings == 1,
		"a folder given as the config file (--config): an error or a warning, not silence"))
		diag("  returned %d with %d warnings", rc, s.nwarnings);
	settings_free(&s);
	rc = load(&s, dir, false, &err);
	if (!ok(rc == 0 && s.nwarnings == 1,
		"a folder in the config file's place: one warning, and the program starts"))
		diag("  returned %d with %d warnings", rc, s.nwarnings);
	settings_free(&s);
}

static void test_full(void)
{
	static const char text[] =
		"# stemtui configuration\n"
		"[general]\n"
		"database = ~/notes/stemtui.sqlite\n"
		"facilitator = Françoise Peeters\n"
		"; a comment\n"
		"language = nl\n"
		"programme = STEM++ 2017-2018\n"
		"\n"
		"[colours]\n"
		"enabled = no\n"
		"selected = white/blue\n"
		"accent = green\n";
	const char *path = write_file("full.ini", text);
	char want[4096];
	st_settings s;
	st_err err;

	snprintf(want, sizeof want, "%s/notes/stemtui.sqlite", dir);
	is_int(load(&s, path, true, &err), 0, "full file: loads");
	if (!is_int(s.nwarnings, 0, "full file: no warnings"))
		print_warnings(&s);
	is_str(s.database, want, "full file: ~/ in database is expanded with HOME");
	is_str(s.facilitator, "Françoise Peeters", "full file: facilitator keeps its UTF-8");
	is_str(s.language, "nl", "full file: language nl");
	is_str(s.programme, "STEM++ 2017-2018", "full file: programme");
	is_int(s.colour_mode, COLOUR_NEVER, "full file: enabled = no turns colours off");
	ok(colour_is(&s, UI_SELECTED, 7, 4), "full file: selected = white/blue");
	ok(colour_is(&s, UI_ACCENT, 2, -1), "full file: a colour without /bg has default bg");
	ok(colour_is(&s, UI_TITLE, 7, 4) && colour_is(&s, UI_HEADER, 4, -1),
	   "full file: colours not named keep their defaults");
	settings_free(&s);
	ok(!s.database && !s.facilitator && s.nwarnings == 0 && !s.warnings,
	   "settings_free leaves the defaults");
}

static void test_values(void)
{
	static const char text[] =
		"[General]\n"
		"Database = /srv/stemtui/db.sqlite\n"
		"facilitator = \"Peeters; Françoise # host\"\n"
		"language = auto\n"
		"[colours]\n"
		"enabled = TRUE\n"
		"header = default/default\n"
		"status = Yellow / Black\n";
	const char *path = write_file("values.ini", text);
	st_settings s;
	st_err err;

	is_int(load(&s, path, true, &err), 0, "values file: loads");
	if (!is_int(s.nwarnings, 0, "values file: no warnings"))
		print_warnings(&s);
	is_str(s.database, "/srv/stemtui/db.sqlite",
	       "section and key names are read in any case; an absolute path stays");
	is_str(s.facilitator, "Peeters; Françoise # host",
	       "a quoted value keeps ; and # and loses its quotes");
	ok(s.language == NULL, "language = auto follows the locale (NULL)");
	is_int(s.colour_mode, COLOUR_ALWAYS, "enabled = TRUE (any case) forces colours");
	ok(colour_is(&s, UI_HEADER, -1, -1), "default/default is the terminal's colours");
	ok(colour_is(&s, UI_STATUS, 3, 0), "spaces around / and capitals are fine");
	settings_free(&s);
}

/* Exactly one warning, containing every one of the words. */
static void one_warning(const st_settings *s, const char *const *words, const char *what)
{
	char name[256];
	int i;

	snprintf(name, sizeof name, "%s: exactly one warning", what);
	if (!is_int(s->nwarnings, 1, name))
		print_warnings(s);
	for (i = 0; words[i]; i++) {
		snprintf(name, sizeof name, "%s: the warning names %s", what, words[i]);
		has_str(s->nwarnings > 0 ? s->warnings[0] : NULL, words[i], name);
	}
}

static void test_unknown_key(void)
{
	static const char text[] =
		"[general]\n"
		"facilitator = Jan Janssens\n"
		"colour = red\n"
		"language = en\n"
		"[colours]\n"
		"enabled = yes\n";
	const char *path = write_file("unknown-key.ini", text);
	char where[4096];
	const char *words[] = { where, "[general]", "colour", NULL };
	st_settings s;
	st_err err;

	snprintf(where, sizeof where, "%s:3:", path);
	is_int(load(&s, path, true, &err), 0, "unknown key: still loads");
	one_warning(&s, words, "unknown key");
	is_str(s.facilitator, "Jan Janssens", "unknown key: the key before it is applied");
	is_str(s.language, "en", "unknown key: the key after it is applied");
	is_int(s.colour_mode, COLOUR_ALWAYS, "unknown key: the next section is applied");
	settings_free(&s);
}

static void test_unknown_section(void)
{
	static const char text[] =
		"[general]\n"
		"facilitator = Jan\n"
		"\n"
		"[display]\n"
		"width = 80\n"
		"[colours]\n"
		"enabled = no\n";
	const char *path = write_file("unknown-section.ini", text);
	char where[4096];
	const char *words[] = { where, "[display]", NULL };
	st_settings s;
	st_err err;

	snprintf(where, sizeof where, "%s:4:", path);
	is_int(load(&s, path, true, &err), 0, "unknown section: still loads");
	one_warning(&s, words, "unknown section");
	is_str(s.facilitator, "Jan", "unknown section: the section before it is applied");
	is_int(s.colour_mode, COLOUR_NEVER, "unknown section: the section after it is applied");
	settings_free(&s);
}

static void test_bad_values(void)
{
	static const char lang[] = "[general]\nlanguage = fr\nfacilitator = Jan\n";
	static const char colour[] = "[colours]\nselected = pink\n";
	static const char half[] = "[colours]\nselected = white/pink\n";
	static const char mode[] = "[colours]\nenabled = maybe\n";
	static const char empty[] = "[general]\ndatabase =\n";
	const char *p_lang = write_file("bad-language.ini", lang);
	const char *p_colour = write_file("bad-colour.ini", colour);
	const char *p_half = write_file("bad-background.ini", half);
	const char *p_mode = write_file("bad-enabled.ini", mode);
	const char *p_empty = write_file("empty-path.ini", empty);
	char at_lang[4200], at_colour[4200], at_mode[4200], at_empty[4200];
	/* Each names the file and the line of the key, as an unknown key does. */
	const char *w_lang[] = { at_lang, "language", "fr", NULL };
	const char *w_colour[] = { at_colour, "[colours]", "selected", "pink", NULL };
	const char *w_half[] = { "selected", "white/pink", NULL };
	const char *w_mode[] = { at_mode, "enabled", "maybe", NULL };
	const char *w_empty[] = { at_empty, "database", NULL };
	st_settings s;
	st_err err;

	snprintf(at_lang, sizeof at_lang, "%s:2: ", p_lang);
	snprintf(at_colour, sizeof at_colour, "%s:2: ", p_colour);
	snprintf(at_mode, sizeof at_mode, "%s:2: ", p_mode);
	snprintf(at_empty, sizeof at_empty, "%s:2: ", p_empty);

	is_int(load(&s, p_lang, true, &err), 0, "bad language: still loads");
	one_warning(&s, w_lang, "bad language");
	ok(s.language == NULL, "bad language: the default (follow the locale) stays");
	is_str(s.facilitator, "Jan", "bad language: the other keys are applied");
	settings_free(&s);

	is_int(load(&s, p_colour, true, &err), 0, "bad colour: still loads");
	one_warning(&s, w_colour, "bad colour");
	ok(colours_default(&s), "bad colour: the default colours stay");
	settings_free(&s);

	is_int(load(&s, p_half, true, &err), 0, "bad background: still loads");
	one_warning(&s, w_half, "bad background");
	ok(colour_is(&s, UI_SELECTED, 0, 6), "bad background: the good foreground is not half-applied");
	settings_free(&s);

	is_int(load(&s, p_mode, true, &err), 0, "bad enabled: still loads");
	one_warning(&s, w_mode, "bad enabled");
	is_int(s.colour_mode, COLOUR_AUTO, "bad enabled: auto stays");
	settings_free(&s);

	is_int(load(&s, p_empty, true, &err), 0, "empty database path: still loads");
	one_warning(&s, w_empty, "empty database path");
	ok(s.database == NULL, "empty database path: the XDG default stays");
	settings_free(&s);

}

/* [digits] pins factor codes to the digit keys; what cannot be a pin is
 * a warning naming its line, and the other pins still hold. */
static void test_digits(void)
{
	static const char text[] =
		"[digits]\n"
		"1 = OR1\n"
		"3 = ld2\n"
		"4 =\n"
		"7 = or1\n"
		"10 = BO3\n"
		"x = BO3\n"
		"5 = OR 1\n"
		"9 = BO3\n";
	static const int lines[] = { 5, 6, 7, 8 };
	static const char *const words[] = { "or1 is pinned to 1", "10", "x", "\"OR 1\"" };
	const char *path = write_file("digits.ini", text);
	char where[4200], name[256];
	st_settings s;
	st_err err;
	int i;

	is_int(load(&s, path, true, &err), 0, "digits: loads");
	ok(s.digit_pins[0].code && strcmp(s.digit_pins[0].code, "OR1") == 0 &&
	   s.digit_pins[0].line == 2, "digits: 1 = OR1 pins OR1 to 1 (line 2)");
	ok(s.digit_pins[2].code && strcmp(s.digit_pins[2].code, "ld2") == 0 &&
	   s.digit_pins[2].line == 3, "digits: 3 = ld2 pins it as written (line 3)");
	ok(s.digit_pins[8].code && strcmp(s.digit_pins[8].code, "BO3") == 0,
	   "digits: 9 = BO3 after the bad lines still holds");
	ok(!s.digit_pins[1].code && !s.digit_pins[3].code && !s.digit_pins[4].code &&
	   !s.digit_pins[6].code, "digits: empty, repeated and bad values pin nothing");
	is_str(s.path, path, "the settings know the file they came from");
	if (!is_int(s.nwarnings, 4, "digits: four warnings"))
		print_warnings(&s);
	for (i = 0; i < 4 && i < s.nwarnings; i++) {
		snprintf(where, sizeof where, "%s:%d: [digits]", path, lines[i]);
		snprintf(name, sizeof name, "digits: line %d is named", lines[i]);
		has_str(s.warnings[i], where, name);
		snprintf(name, sizeof name, "digits: line %d says %s", lines[i], words[i]);
		has_str(s.warnings[i], words[i], name);
	}
	settings_free(&s);
	ok(!s.digit_pins[0].code && !s.path, "settings_free clears the pins");
}

static void test_broken_file(void)
{
	static const char syntax[] =
		"[general]\n"
		"facilitator = Jan\n"
		"[colours\n"
		"enabled = no\n";
	static const char twice[] =
		"[general]\n"
		"language = nl\n"
		"facilitator = Jan\n"
		"language = en\n";
	static const char orphan[] = "language = nl\n[general]\n";
	const char *p_syntax = write_file("syntax.ini", syntax);
	const char *p_twice = write_file("twice.ini", twice);
	const char *p_orphan = write_file("orphan.ini", orphan);
	char w_syntax[4096], w_twice[4096], w_orphan[4096];
	const char *words_syntax[] = { w_syntax, NULL };
	const char *words_twice[] = { w_twice, "language", NULL };
	const char *words_orphan[] = { w_orphan, NULL };
	st_settings s;
	st_err err;

	snprintf(w_syntax, sizeof w_syntax, "%s:3:", p_syntax);
	is_int(load(&s, p_syntax, true, &err), 0,
	       "syntax error ([colours without ]): returns 0, the program still starts");
	one_warning(&s, words_syntax, "syntax error");
	ok(!s.facilitator && s.colour_mode == COLOUR_AUTO,
	   "syntax error: the file is ignored, defaults stay");
	settings_free(&s);

	snprintf(w_twice, sizeof w_twice, "%s:4:", p_twice);
	is_int(load(&s, p_twice, true, &err), 0, "repeated key: returns 0");
	one_warning(&s, words_twice, "repeated key");
	settings_free(&s);

	snprintf(w_orphan, sizeof w_orphan, "%s:1:", p_orphan);
	is_int(load(&s, p_orphan, true, &err), 0, "key before any section: returns 0");
	one_warning(&s, words_orphan, "key before any section");
	ok(s.language == NULL, "key before any section: it is not applied");
	settings_free(&s);

}

/* Checks that fs_documents_dir() is dir/name (or NULL for a NULL name). */
static void documents_is(const char *name, const char *test)
{
	char want[4200], *got = fs_documents_dir();

	if (!name) {
		if (!ok(!got, "%s", test))
			diag("got %s", got);
	} else {
		snprintf(want, sizeof want, "%s/%s", dir, name);
		is_str(got, want, test);
	}
	free(got);
}

/* The documents folder, where exports go by default: as xdg-user-dir
 * finds it, and only when it is there. */
static void test_documents_dir(void)
{
	char path[4200], env[4200];

	unsetenv("XDG_DOCUMENTS_DIR");
	snprintf(env, sizeof env, "%s/xdgconf", dir);
	setenv("XDG_CONFIG_HOME", env, 1);
	documents_is(NULL, "no user-dirs.dirs: no documents folder");
	snprintf(path, sizeof path, "%s/xdgconf", dir);
	mkdir(path, 0700);
	write_file("xdgconf/user-dirs.dirs", "# written by xdg-user-dirs-update\n"
		   "XDG_DESKTOP_DIR=\"$HOME/Bureaublad\"\n"
		   "XDG_DOCUMENTS_DIR=\"$HOME/Documenten\"\n");
	documents_is(NULL, "a folder named that is not there does not count");
	snprintf(path, sizeof path, "%s/Documenten", dir);
	mkdir(path, 0700);
	documents_is("Documenten", "XDG_DOCUMENTS_DIR in user-dirs.dirs, $HOME/ for the home folder");
	snprintf(path, sizeof path, "XDG_DOCUMENTS_DIR=\"%s/Documenten\"\n", dir);
	write_file("xdgconf/user-dirs.dirs", path);
	documents_is("Documenten", "  or an absolute path");
	snprintf(path, sizeof path, "%s/Docs", dir);
	mkdir(path, 0700);
	setenv("XDG_DOCUMENTS_DIR", path, 1);
	documents_is("Docs", "$XDG_DOCUMENTS_DIR first");
	unsetenv("XDG_DOCUMENTS_DIR");
	unsetenv("XDG_CONFIG_HOME");
}

static bool is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* stemtui makes its data folder only inside a home folder that exists:
 * a wrong HOME must not leave a trail of folders. */
static void test_data_folder(void)
{
	char home[4200], path[4300], xdg[4200];
	st_err err = { "" };

	unsetenv("XDG_DATA_HOME");
	snprintf(home, sizeof home, "%s/nohome/x", dir);
	setenv("HOME", home, 1);
	snprintf(path, sizeof path, "%s/.local/share/stemtui/stemtui.sqlite", home);
	is_int(fs_xdg_mkdir_parents("DATA", path, &err), -1, "a missing home folder is not made");
	has_str(err.msg, "the home folder", "  the message says the home folder");
	has_str(err.msg, "does not exist", "  does not exist");
	snprintf(home, sizeof home, "%s/nohome", dir);
	ok(!is_dir(home), "  and nothing was made");
	setenv("HOME", "/", 1);
	is_int(fs_xdg_mkdir_parents("DATA", "/.local/share/stemtui-unit-test/x/stemtui.sqlite", &err), -1,
	       "HOME=/ (a service's) gets no /.local");
	has_str(err.msg, "the home folder is /", "  and says why");
	setenv("HOME", dir, 1);
	snprintf(path, sizeof path, "%s/.local/share/stemtui/stemtui.sqlite", dir);
	is_int(fs_xdg_mkdir_parents("DATA", path, &err), 0, "in an existing home folder it is made");
	snprintf(path, sizeof path, "%s/.local/share/stemtui", dir);
	ok(is_dir(path), "  every level of it");
	snprintf(home, sizeof home, "%s/.local", dir);
	setenv("HOME", home, 1);
	snprintf(xdg, sizeof xdg, "%s/elsewhere/share", dir);
	setenv("XDG_DATA_HOME", xdg, 1);
	snprintf(path, sizeof path, "%s/stemtui/stemtui.sqlite", xdg);
	is_int(fs_xdg_mkdir_parents("DATA", path, &err), -1,
	       "XDG_DATA_HOME outside the home folder, in a folder that is not there: not made");
	snprintf(xdg, sizeof xdg, "%s/elsewhere", dir);
	has_str(err.msg, xdg, "  the message names what is missing");
	mkdir(xdg, 0700);
	is_int(fs_xdg_mkdir_parents("DATA", path, &err), 0, "  once that folder is there, it is made");
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", dir, 1);
}

/* [export] csv: the CSV the exports write; anything but rfc4180 or
 * excel is a warning naming file, line and key, and the default stays. */
static void test_export_csv(void)
{
	const char *path = write_file("export-csv.ini", "[export]\ncsv = excel\n");
	char where[4096];
	const char *words[] = { where, "[export] csv", "\"semicolon\"", "rfc4180 or excel", NULL };
	st_settings s;
	st_err err;

	settings_defaults(&s);
	is_int(s.export_csv, CSV_RFC4180, "[export] csv: RFC 4180 by default");
	is_int(load(&s, path, true, &err), 0, "[export] csv = excel loads");
	ok(s.nwarnings == 0, "  without a warning");
	is_int(s.export_csv, CSV_EXCEL, "  the exports write CSV for Excel");
	settings_free(&s);
	path = write_file("export-csv-bad.ini", "[export]\n\ncsv = semicolon\n");
	snprintf(where, sizeof where, "%s:3:", path);
	is_int(load(&s, path, true, &err), 0, "[export] csv = semicolon: still loads");
	one_warning(&s, words, "[export] csv = semicolon");
	is_int(s.export_csv, CSV_RFC4180, "  the default stays");
	settings_free(&s);
}

/* [network] folder: the folder shared for sync, with ~/ expanded. */
static void test_network_folder(void)
{
	const char *path = write_file("network.ini", "[network]\nfolder = ~/Gedeeld/stem\n");
	char want[4200];
	st_settings s;
	st_err err;

	settings_defaults(&s);
	ok(s.sync_folder == NULL, "[network] folder: none by default");
	is_int(load(&s, path, true, &err), 0, "[network] folder loads");
	ok(s.nwarnings == 0, "  without a warning (the section is known)");
	snprintf(want, sizeof want, "%s/Gedeeld/stem", dir);
	is_str(s.sync_folder ? s.sync_folder : "(none)", want, "  the folder, ~/ expanded");
	settings_free(&s);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	unsetenv("LANGUAGE");
	dir = fixture_start("config");
	if (setenv("HOME", dir, 1) != 0)
		exit(99);
	test_defaults();
	test_missing();
	test_full();
	test_values();
	test_unknown_key();
	test_unknown_section();
	test_bad_values();
	test_broken_file();
	test_digits();
	test_documents_dir();
	test_data_folder();
	test_export_csv();
	test_network_folder();
	return tap_done();
}
