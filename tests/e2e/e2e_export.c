/* e2e_export.c: exporting from the real stemtui: the dialog with its
 * default file name, the progress bar, the path at the end, and the
 * question before an existing file is replaced; the name, the formats
 * and Pseudonymise following the chosen export while the dialog is open,
 * a typed path kept, CSV for Excel, and the matrix with its columns. */
#include "config.h"

#include <sys/stat.h>

#include "e2e.h"

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	static char buf[65536];
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void test_export_factors(void)
{
	char path[4300];
	struct stat sb;
	const char *text;
	vt *t;

	/* A long folder name, as on a shared drive: the question about an
	 * existing file must still show whole however long its path. */
	e2e_new_home("export-tui-in-a-folder-with-a-name-as-long-as-the-ones-on-a-school-s-shared-drive-"
		     "STEM-plus-plus-2017-2018-groeisessies-en-focusgroepen");
	snprintf(path, sizeof path, "%s/stemtui-factors.csv", e2e_home);
	t = e2e_start(&(struct e2e_opts){ .args = { "--demo" } });
	e2e_shows(t, "COP 01", "the browser is up on the demo database");
	vt_type(t, "F");
	e2e_shows(t, "Leiderschap", "the factor overview");
	vt_type(t, "x");
	e2e_shows(t, "Factor list", "x opens the export dialog with the factor list chosen");
	e2e_shows(t, "stemtui-factors.csv", "and a default file name");
	vt_type(t, "\x13");   /* Ctrl-S */
	e2e_shows(t, "Exported to", "at the end the status line says where the file went");
	/* The folder's path is longer than the line: its start gives way,
	 * the file's name shows (it was cut off at the end). */
	if (!ok(vt_wait_row_text(t, E2E_ROWS - 1, "\xe2\x80\xa6", WAIT) &&
		vt_wait_row_text(t, E2E_ROWS - 1, "/stemtui-factors.csv", WAIT),
		"  its name whole, after the end of its folder's"))
		vt_dump(t);
	e2e_hides(t, "Exporting", "  and the progress box is gone, waiting for no key");
	text = read_all(path);
	ok(text && strncmp(text, "code,", 5) == 0, "the file is there, a CSV with a header");
	ok(text && strstr(text, "LD1") != NULL, "holding the factors");
	ok(stat(path, &sb) == 0, "the file exists");
	/* Again: the file exists now.  The key after an export is the
	 * screen's, not swallowed by a box. */
	vt_type(t, "x");
	e2e_shows(t, "Factor list", "the key after an export works: x opens the dialog again");
	vt_type(t, "\x13");
	/* The path may wrap anywhere; the question has a line of its own. */
	e2e_shows(t, "Replace it?", "an existing file is not replaced without a question");
	vt_key(t, VT_ESC);
	e2e_shows(t, "Factor list", "Esc goes back to the dialog");
	vt_type(t, "\x13");
	e2e_shows(t, "Replace it?", "asked again");
	vt_type(t, "y");
	e2e_shows(t, "Exported to", "y replaces it");
	vt_key(t, VT_ESC);
	e2e_shows(t, "1/13", "back to the programme");
	e2e_quit(t);
}

/* Right on the Export field, then waits for the choice it brings. */
static void next_export(vt *t, const char *label, const char *file, const char *name)
{
	char shown[128];

	vt_key(t, VT_RIGHT);
	snprintf(shown, sizeof shown, "\xe2\x97\x82 %s \xe2\x96\xb8", label);
	e2e_shows(t, shown, name);
	e2e_shows(t, file, "  with its file name");
}

static bool file_exists(const char *name)
{
	char path[4300];
	struct stat sb;

	snprintf(path, sizeof path, "%s/%s", e2e_home, name);
	return stat(path, &sb) == 0;
}

static void test_dialog_follows_choice(void)
{
	char path[4300];
	const char *text;
	vt *t;

	e2e_new_home("export-follows");
	t = e2e_start(&(struct e2e_opts){ .args = { "--demo" } });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "F");
	e2e_shows(t, "Leiderschap", "the factor overview");
	vt_type(t, "x");
	e2e_shows(t, "stemtui-factors.csv", "the dialog, with the factor list's name");
	ok(vt_find_row(t, "Pseudonymise") < 0, "no Pseudonymise for a factor list");
	/* Every export this screen can make, in order: no attendance (it
	 * needs a session), each with its own name and format. */
	next_export(t, "Factor matrix", "stemtui-matrix.csv", "Right: the matrix, next to the list");
	e2e_shows(t, "Columns", "  asking its columns");
	next_export(t, "Evidence per factor", "stemtui-evidence.csv", "Right: evidence");
	e2e_hides(t, "Columns", "  which only the matrix asks");
	ok(vt_find_row(t, "stemtui-factors.csv") < 0, "the old name is gone");
	next_export(t, "Notes", "stemtui-notes.csv", "notes");
	next_export(t, "People", "stemtui-people.csv", "people");
	e2e_shows(t, "Pseudonymise", "Pseudonymise shows for people");
	next_export(t, "Draaiboek", "stemtui-draaiboek.md", "the draaiboek, as Markdown");
	e2e_shows(t, "Pseudonymise", "and for the draaiboek, which names schools and people");
	e2e_shows(t, "Language", "the draaiboek asks its language");
	next_export(t, "Codebook (REFI-QDA)", "stemtui-codebook.qdc", "the codebook, as .qdc");
	e2e_hides(t, "Pseudonymise", "and hides again for the codebook");
	e2e_hides(t, "Language", "and so does Language");
	next_export(t, "Factor list", "stemtui-factors.csv", "round to the factor list: no attendance");
	ok(vt_find_row(t, "Columns") < 0, "  no Columns for the factor list");
	/* Only the formats that fit: the draaiboek has two. */
	vt_key(t, VT_LEFT);
	vt_key(t, VT_LEFT);
	e2e_shows(t, "\xe2\x97\x82 Draaiboek \xe2\x96\xb8", "back to the draaiboek");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_RIGHT);
	e2e_shows(t, "stemtui-draaiboek.html", "Right on Format: HTML, and the name follows");
	vt_key(t, VT_RIGHT);
	e2e_shows(t, "stemtui-draaiboek.md", "and round to Markdown: md and html only");
	vt_key(t, VT_UP);
	vt_key(t, VT_LEFT);
	vt_key(t, VT_LEFT);
	vt_key(t, VT_LEFT);
	e2e_shows(t, "\xe2\x97\x82 Evidence per factor \xe2\x96\xb8", "back to evidence");
	e2e_shows(t, "stemtui-evidence.csv", "its name");
	vt_type(t, "\x13");
	e2e_shows(t, "Exported to", "Ctrl-S exports");
	ok(file_exists("stemtui-evidence.csv"), "the file shown is the file written");
	ok(!file_exists("stemtui-factors.csv"), "and no other");

	/* A typed path is never replaced by a default. */
	vt_type(t, "x");
	e2e_shows(t, "stemtui-factors.csv", "the dialog again");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_key(t, VT_BACKSPACE);
	vt_key(t, VT_BACKSPACE);
	vt_key(t, VT_BACKSPACE);
	vt_type(t, "txt");
	e2e_shows(t, "stemtui-factors.txt", "a path typed");
	vt_key(t, VT_UP);
	vt_key(t, VT_UP);
	vt_key(t, VT_RIGHT);
	e2e_shows(t, "\xe2\x97\x82 Factor matrix \xe2\x96\xb8", "another export: the matrix");
	vt_key(t, VT_RIGHT);
	e2e_shows(t, "\xe2\x97\x82 Evidence per factor \xe2\x96\xb8", "another export");
	vt_settle(t, 100, WAIT);   /* the whole form redrawn, not only the choice */
	ok(vt_find_row(t, "stemtui-factors.txt") >= 0 && vt_find_row(t, "stemtui-evidence") < 0,
	   "keeps the typed path");
	vt_type(t, "\x13");
	e2e_shows(t, "Exported to", "exports");
	snprintf(path, sizeof path, "%s/stemtui-factors.txt", e2e_home);
	text = read_all(path);
	ok(text && strncmp(text, "factor,factor_name,", 19) == 0, "the evidence, to the typed path");
	vt_key(t, VT_ESC);
	e2e_shows(t, "1/13", "back to the programme");
	e2e_quit(t);
}

/* Whether the row showing what[0] also shows what[1]. */
static bool row_has(vt *t, void *arg)
{
	const char *const *what = arg;
	int r = vt_find_row(t, what[0]);
	char *row;
	bool has;

	if (r < 0)
		return false;
	row = vt_row(t, r);
	has = strstr(row, what[1]) != NULL;
	free(row);
	return has;
}

/* The forms of dialog.c (the export dialog is one): at 80x24 the notes
 * filter form has more fields than fit, so it scrolls to keep the focused
 * one in view, inside the box, never over the lines below it. */
static void test_form_scrolls(void)
{
	int factor, help;
	char *status;
	vt *t;

	e2e_new_home("form-scrolls");
	t = e2e_start(&(struct e2e_opts){ .args = { "--demo" } });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "R");
	e2e_shows(t, "Notes", "the review screen");
	vt_type(t, "f");
	e2e_shows(t, "Filter notes", "the filter form");
	e2e_shows(t, "\xe2\x96\xbc", "with a sign that more fields are below");
	ok(vt_find_row(t, "Factor (code)") < 0, "Factor is not in view yet");
	for (factor = 0; factor < 9; factor++)
		vt_key(t, VT_DOWN);
	vt_type(t, "LD2");
	ok(vt_wait_until(t, row_has, (void *)(const char *const[]){ "Factor (code)", "LD2" }, WAIT),
	   "Down to Factor and typing there: the text goes into the Factor field");
	vt_settle(t, 100, WAIT);   /* the whole redraw, not its first rows */
	factor = vt_find_row(t, "Factor (code)");
	help = vt_find_row(t, "Enter next/save");
	ok(factor > 0 && factor < help, "which is in view above the form's keys");
	ok(vt_find_row(t, "\xe2\x96\xb2") >= 0, "with a sign that fields are above");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	e2e_shows(t, "\xe2\x97\x82 All notes \xe2\x96\xb8", "Down to Tagged, the last field");
	vt_settle(t, 100, WAIT);
	ok(vt_find_row(t, "Tagged") > 0 && vt_find_row(t, "Tagged") < vt_find_row(t, "Enter next/save"),
	   "in view inside the box");
	status = vt_row(t, E2E_ROWS - 1);
	ok(strstr(status, "F1 help") != NULL, "the status line below is intact, with the form's keys");
	free(status);
	vt_key(t, VT_DOWN);
	e2e_shows(t, "Programme", "Down from the last field goes round to the first, in view");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Filter notes", "Esc closes the form");
	vt_key(t, VT_ESC);
	e2e_shows(t, "1/13", "back to the programme");
	e2e_quit(t);
}

/* A path into a folder that is not there: the reason in full, then the
 * form again with its choices, not a closed dialog. */
static void test_bad_path(void)
{
	vt *t;

	e2e_new_home("export-bad-path");
	t = e2e_start(&(struct e2e_opts){ .args = { "--demo" } });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "F");
	e2e_shows(t, "Leiderschap", "the factor overview");
	vt_type(t, "x");
	next_export(t, "Factor matrix", "stemtui-matrix.csv", "the matrix");
	next_export(t, "Evidence per factor", "stemtui-evidence.csv", "evidence chosen");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_type(t, "\x01\x0b");   /* Ctrl-A Ctrl-K: the field emptied */
	vt_type(t, "/no-such-folder/x.csv");
	vt_type(t, "\x13");
	/* A path of known length: where the message wraps does not depend
	 * on the folder the tests run in. */
	e2e_shows(t, "/no-such-folder/x.csv: No such", "the reason, whole");
	e2e_shows(t, "file or directory", "  to its end");
	e2e_shows(t, "[Enter] change it", "and what to do");
	vt_type(t, "\r");
	e2e_shows(t, "\xe2\x97\x82 Evidence per factor \xe2\x96\xb8", "Enter: the form again, evidence still chosen");
	e2e_shows(t, "no-such-folder", "with the path as typed, to mend");
	vt_type(t, "\x13");
	e2e_shows(t, "[Enter] change it", "the same error again");
	vt_key(t, VT_ESC);
	e2e_shows(t, "Leiderschap", "Esc: back to the overview, nothing exported");
	vt_key(t, VT_ESC);
	e2e_shows(t, "1/13", "back to the programme");
	e2e_quit(t);
}

/* Whether the File field, shown to its end, ends with arg. */
static bool file_field_ends(vt *t, void *arg)
{
	const char *const what[2] = { "File", arg };

	return row_has(t, (void *)what);
}

static void default_file_is(vt *t, const char *end, const char *name)
{
	if (!ok(vt_wait_until(t, file_field_ends, (void *)end, WAIT), "%s", name)) {
		diag("expected the File field to show \"%s\"", end);
		vt_dump(t);
	}
}

/* Opens the factor overview's export dialog on the demo database. */
static vt *open_dialog(void)
{
	vt *t = e2e_start(&(struct e2e_opts){ .args = { "--demo" } });

	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "F");
	e2e_shows(t, "Leiderschap", "the factor overview");
	vt_type(t, "x");
	e2e_shows(t, "Factor list", "x opens the export dialog");
	return t;
}

/* Esc on the dialog (its first field is a choice: it closes), Esc from
 * the factor overview, then quits. */
static void close_dialog(vt *t)
{
	vt_key(t, VT_ESC);
	e2e_hides(t, "Factor list", "Esc closes the dialog");
	vt_key(t, VT_ESC);
	e2e_shows(t, "1/13", "Esc goes back to the programme");
	e2e_quit(t);
}

/* The default folder: the documents folder (as xdg-user-dir finds it),
 * then the folder of the last export, remembered across runs while it
 * is there. */
static void test_default_folder(void)
{
	char path[4300];
	vt *t;

	e2e_new_home("export-folder");
	e2e_home_folder("config");
	e2e_home_file("config/user-dirs.dirs", "XDG_DOCUMENTS_DIR=\"$HOME/Documenten\"\n");
	t = open_dialog();
	default_file_is(t, "/stemtui-factors.csv", "a default file name");
	ok(vt_find_row(t, "Documenten/stemtui-factors.csv") < 0,
	   "not in a documents folder that is not there");
	close_dialog(t);

	e2e_home_folder("Documenten");
	e2e_home_folder("stick");
	t = open_dialog();
	default_file_is(t, "Documenten/stemtui-factors.csv", "the documents folder when it is there");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_type(t, "\x15");   /* Ctrl-U */
	snprintf(path, sizeof path, "%s/stick/mijn-factoren.csv", e2e_home);
	vt_type(t, path);
	vt_type(t, "\x13");   /* Ctrl-S */
	e2e_shows(t, "Exported to", "exported to a folder of one's own");
	ok(file_exists("stick/mijn-factoren.csv"), "  the file is there");
	vt_type(t, "x");
	default_file_is(t, "stick/stemtui-factors.csv", "the next export defaults to that folder");
	/* "~/" is the home folder, as in a shell (it was a folder "~"). */
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_type(t, "\x15");   /* Ctrl-U */
	vt_type(t, "~/stick/tilde.csv");
	vt_type(t, "\x13");   /* Ctrl-S */
	e2e_shows(t, "Exported to", "a path typed with ~/ exports");
	ok(file_exists("stick/tilde.csv"), "  into the home folder's stick");
	vt_type(t, "x");
	default_file_is(t, "stick/stemtui-factors.csv", "  and the next export defaults to that folder");
	close_dialog(t);

	t = open_dialog();
	default_file_is(t, "stick/stemtui-factors.csv", "  also after a restart (kept in the database)");
	close_dialog(t);

	snprintf(path, sizeof path, "rm -r '%s/stick'", e2e_home);
	ok(system(path) == 0, "the stick is taken out");
	t = open_dialog();
	default_file_is(t, "Documenten/stemtui-factors.csv", "a folder that is gone is not offered");
	close_dialog(t);
}

/* The draaiboek's Quotes per factor, as the command's --quotes: the file
 * written is the command's with the same number. */
static void test_quotes(void)
{
	char *dialog, *cli, path[4300];
	vt *t;

	e2e_new_home("export-quotes");
	t = open_dialog();
	ok(vt_find_row(t, "Quotes per factor") < 0, "no Quotes for a factor list");
	next_export(t, "Factor matrix", "stemtui-matrix.csv", "the matrix");
	next_export(t, "Evidence per factor", "stemtui-evidence.csv", "evidence");
	next_export(t, "Notes", "stemtui-notes.csv", "notes");
	next_export(t, "People", "stemtui-people.csv", "people");
	next_export(t, "Draaiboek", "stemtui-draaiboek.md", "the draaiboek");
	e2e_shows(t, "Quotes per factor", "Quotes shows for the draaiboek");
	ok(vt_wait_until(t, row_has, (void *)(const char *const[]){ "Quotes per factor", "3" }, WAIT),
	   "  3, as the command's default");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_type(t, "\x15");   /* Ctrl-U */
	vt_type(t, "0");
	vt_type(t, "\x13");   /* Ctrl-S */
	e2e_shows(t, "Quotes per factor: a number from 1 to 100", "0 is refused, saying what fits");
	vt_key(t, VT_BACKSPACE);
	vt_type(t, "1");
	vt_type(t, "\x13");
	e2e_shows(t, "Exported to", "one quote per factor: exported");
	snprintf(path, sizeof path, "--demo export draaiboek --format md --quotes 1 -o '%s/cli-1.md'",
		 e2e_home);
	is_int(e2e_run(path), 0, "the command writes the same with --quotes 1");
	snprintf(path, sizeof path, "--demo export draaiboek --format md -o '%s/cli-3.md'", e2e_home);
	is_int(e2e_run(path), 0, "and with its default");
	snprintf(path, sizeof path, "%s/stemtui-draaiboek.md", e2e_home);
	dialog = strdup(read_all(path) ? read_all(path) : "");
	snprintf(path, sizeof path, "%s/cli-1.md", e2e_home);
	cli = strdup(read_all(path) ? read_all(path) : "-");
	ok(*dialog && strcmp(dialog, cli) == 0, "the dialog's draaiboek has one quote a factor, as --quotes 1");
	free(cli);
	snprintf(path, sizeof path, "%s/cli-3.md", e2e_home);
	cli = strdup(read_all(path) ? read_all(path) : "");
	ok(strcmp(dialog, cli) != 0, "  which is not the default's three");
	free(cli);
	free(dialog);
	vt_key(t, VT_ESC);
	e2e_shows(t, "1/13", "back to the programme");
	e2e_quit(t);
}

/* From the programme, x exports the selected session's attendance: its
 * code is in the file name. */
static void test_attendance_name(void)
{
	vt *t;

	e2e_new_home("export-attendance");
	t = e2e_start(&(struct e2e_opts){ .args = { "--demo" } });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "7");
	e2e_selected_is(t, "COP 07", "7 selects COP 07");
	vt_type(t, "x");
	e2e_shows(t, "\xe2\x97\x82 Attendance \xe2\x96\xb8", "x: the attendance export");
	default_file_is(t, "/stemtui-attendance-COP-07.csv", "its file is named after the session");
	vt_type(t, "\x13");
	e2e_shows(t, "Exported to", "exported");
	ok(file_exists("stemtui-attendance-COP-07.csv"), "  to that file");
	e2e_quit(t);
}

/* Opened on a session, the evidence is the whole network's unless the
 * form says "Only COP 08"; the form shows which, the file name follows. */
static void test_scope(void)
{
	char path[4300];
	const char *text;
	vt *t;

	e2e_new_home("export-scope");
	t = e2e_start(&(struct e2e_opts){ .args = { "--demo" } });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "8");
	e2e_selected_is(t, "COP 08", "8 selects COP 08");
	vt_type(t, "x");
	e2e_shows(t, "\xe2\x97\x82 Attendance \xe2\x96\xb8", "x: the attendance export");
	ok(vt_find_row(t, "The whole network") < 0, "attendance is always the session's: no scope");
	vt_key(t, VT_LEFT);
	e2e_shows(t, "\xe2\x97\x82 Notes \xe2\x96\xb8", "Left: the notes");
	e2e_shows(t, "\xe2\x97\x82 Only COP 08 \xe2\x96\xb8", "  of COP 08 by default");
	e2e_shows(t, "stemtui-notes-COP-08.csv", "  and named so");
	vt_key(t, VT_LEFT);
	e2e_shows(t, "\xe2\x97\x82 Evidence per factor \xe2\x96\xb8", "Left: the evidence");
	e2e_shows(t, "\xe2\x97\x82 The whole network \xe2\x96\xb8", "  of the whole network, and says so");
	e2e_shows(t, "stemtui-evidence.csv", "  and named so");
	vt_type(t, "\x13");
	e2e_shows(t, "Exported to", "exported");
	snprintf(path, sizeof path, "%s/stemtui-evidence.csv", e2e_home);
	text = read_all(path);
	ok(text && strstr(text, "COP 07") && strstr(text, "COP 10"),
	   "  the file holds the evidence of other sessions too");
	vt_type(t, "x");
	e2e_shows(t, "\xe2\x97\x82 Attendance \xe2\x96\xb8", "x again");
	vt_key(t, VT_LEFT);
	vt_key(t, VT_LEFT);
	e2e_shows(t, "\xe2\x97\x82 Evidence per factor \xe2\x96\xb8", "Left, Left: the evidence");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_RIGHT);
	e2e_shows(t, "\xe2\x97\x82 Only COP 08 \xe2\x96\xb8", "Right on Of: only COP 08");
	e2e_shows(t, "stemtui-evidence-COP-08.csv", "  and the file name says so");
	vt_type(t, "\x13");
	e2e_shows(t, "Exported to", "exported");
	snprintf(path, sizeof path, "%s/stemtui-evidence-COP-08.csv", e2e_home);
	text = read_all(path);
	ok(text && strstr(text, "COP 08") && !strstr(text, "COP 07") && !strstr(text, "COP 10"),
	   "  the file holds COP 08's evidence only");
	e2e_quit(t);
}

/* The dialog in Dutch at 80x24: the Quotes field and its message fit. */
static void test_dutch(void)
{
	vt *t;

	e2e_new_home("export-nl");
	t = e2e_start(&(struct e2e_opts){ .language = "nl", .args = { "--demo" } });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "F");
	vt_type(t, "x");
	e2e_shows(t, "Factorenlijst", "the dialog in Dutch");
	vt_key(t, VT_LEFT);
	vt_key(t, VT_LEFT);
	e2e_shows(t, "Citaten per factor", "the draaiboek's Quotes per factor in Dutch");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_type(t, "\x15x\x13");
	e2e_shows(t, "Citaten per factor: een getal van 1 tot 100", "and what it wants");
	vt_key(t, VT_ESC);
	e2e_shows(t, "Esc annuleren", "Esc cleared the field; now Esc cancels");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Citaten per factor", "and closes the dialog");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the programme");
	e2e_quit(t);
}

/* CSV for Excel: offered next to CSV, the file written with a byte-order
 * mark and semicolons; with [export] csv = excel in the config it is the
 * format the dialog starts with. */
static void test_excel(void)
{
	char path[4300];
	const char *text;
	vt *t;

	e2e_new_home("export-excel");
	t = open_dialog();
	e2e_shows(t, "\xe2\x97\x82 CSV \xe2\x96\xb8", "CSV (for scripts) at first");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_RIGHT);
	e2e_shows(t, "\xe2\x97\x82 CSV for Excel (;) \xe2\x96\xb8", "Right on Format: CSV for Excel");
	default_file_is(t, "/stemtui-factors.csv", "  still a .csv file");
	vt_type(t, "\x13");
	e2e_shows(t, "Exported to", "exported");
	snprintf(path, sizeof path, "%s/stemtui-factors.csv", e2e_home);
	text = read_all(path);
	ok(text && strncmp(text, "\xef\xbb\xbf" "code;name;parent;", 20) == 0,
	   "  a byte-order mark and semicolons");
	ok(text && strstr(text, "\r\nLD1;") != NULL, "  CRLF line ends");
	vt_key(t, VT_ESC);
	e2e_shows(t, "1/13", "back to the programme");
	e2e_quit(t);

	e2e_home_folder("config");
	e2e_home_folder("config/stemtui");
	e2e_home_file("config/stemtui/config.ini", "[export]\ncsv = excel\n");
	t = open_dialog();
	e2e_shows(t, "\xe2\x97\x82 CSV for Excel (;) \xe2\x96\xb8",
		  "with [export] csv = excel, CSV for Excel at first");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_LEFT);
	e2e_shows(t, "\xe2\x97\x82 CSV \xe2\x96\xb8", "  Left: CSV for scripts");
	close_dialog(t);
}

/* A draaiboek in English from an interface in Dutch (issue 13): the
 * dialog's Language, the file in English, and the interface still in
 * Dutch after it. */
static void test_language(void)
{
	char path[4300];
	const char *text;
	vt *t;

	e2e_new_home("export-lang");
	t = e2e_start(&(struct e2e_opts){ .language = "nl", .args = { "--demo" } });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "F");
	vt_type(t, "x");
	e2e_shows(t, "Factorenlijst", "the dialog in Dutch");
	ok(vt_find_row(t, "Taal") < 0, "no Language for a factor list as CSV");
	vt_key(t, VT_LEFT);
	vt_key(t, VT_LEFT);
	e2e_shows(t, "\xe2\x97\x82 Draaiboek \xe2\x96\xb8", "the draaiboek");
	e2e_shows(t, "Pseudonimiseren", "  with Pseudonymise");
	e2e_shows(t, "\xe2\x97\x82 Die van de interface \xe2\x96\xb8", "  and Language: the interface's");
	vt_key(t, VT_UP);
	vt_key(t, VT_RIGHT);
	e2e_shows(t, "\xe2\x97\x82 Nederlands \xe2\x96\xb8", "Up goes round to Language; Right: Nederlands");
	vt_key(t, VT_RIGHT);
	e2e_shows(t, "\xe2\x97\x82 English \xe2\x96\xb8", "  Right again: English");
	vt_type(t, "\x13");
	e2e_shows(t, "Ge\xc3\xabxporteerd naar", "exported; the status line still in Dutch");
	snprintf(path, sizeof path, "%s/stemtui-draaiboek.md", e2e_home);
	text = read_all(path);
	ok(text && strstr(text, "## Contents") && strstr(text, "What helps") &&
	   !strstr(text, "## Inhoud") && !strstr(text, "Wat helpt"), "  the draaiboek is in English");
	vt_type(t, "x");
	e2e_shows(t, "Factorenlijst", "the next dialog in Dutch again");
	vt_key(t, VT_ESC);
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the programme");
	e2e_quit(t);
}

/* A spreadsheet: Excel (.xlsx) offered after CSV, CSV for Excel and JSON,
 * the name following it, a workbook (a zip: "PK") written mode 0600 (the
 * codebook still starts at its .qdc: test_dialog_follows_choice). */
static void test_xlsx(void)
{
	char path[4300];
	const char *text;
	struct stat sb;
	vt *t;

	e2e_new_home("export-xlsx");
	t = open_dialog();
	e2e_shows(t, "\xe2\x97\x82 CSV \xe2\x96\xb8", "CSV at first");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_LEFT);
	e2e_shows(t, "\xe2\x97\x82 Excel (.xlsx) \xe2\x96\xb8", "Left on Format: Excel, the last");
	default_file_is(t, "/stemtui-factors.xlsx", "  an .xlsx file");
	vt_type(t, "\x13");
	e2e_shows(t, "Exported to", "exported");
	snprintf(path, sizeof path, "%s/stemtui-factors.xlsx", e2e_home);
	text = read_all(path);
	ok(text && strncmp(text, "PK", 2) == 0, "  a workbook (a zip)");
	ok(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600, "  mode 0600");
	vt_key(t, VT_ESC);
	e2e_shows(t, "1/13", "back to the programme");
	e2e_quit(t);
}

/* The matrix (issue 13): its Columns as --cols, Pseudonymise only for a
 * column per school, as CSV for Excel with the schools as "school A",
 * and per kind of session as JSON; the files as the command writes them. */
static void test_matrix(void)
{
	char path[4300];
	const char *text;
	vt *t;

	e2e_new_home("export-matrix");
	t = open_dialog();
	next_export(t, "Factor matrix", "stemtui-matrix.csv", "Right: the matrix");
	e2e_shows(t, "\xe2\x97\x82 Schools \xe2\x96\xb8", "  with a column per school at first");
	e2e_shows(t, "Pseudonymise", "  and Pseudonymise, as schools are named");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_RIGHT);
	e2e_shows(t, "\xe2\x97\x82 Sessions \xe2\x96\xb8", "Right on Columns: sessions");
	e2e_hides(t, "Pseudonymise", "  no Pseudonymise: a session names nobody");
	vt_key(t, VT_LEFT);
	e2e_shows(t, "\xe2\x97\x82 Schools \xe2\x96\xb8", "Left: schools again");
	e2e_shows(t, "Pseudonymise", "  Pseudonymise again");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_RIGHT);
	e2e_shows(t, "\xe2\x97\x82 CSV for Excel (;) \xe2\x96\xb8", "Down, Right: CSV for Excel");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_key(t, VT_RIGHT);
	e2e_shows(t, "Yes: codes instead of names", "Down to Pseudonymise, Right: yes");
	vt_type(t, "\x13");
	e2e_shows(t, "Exported to", "exported");
	snprintf(path, sizeof path, "%s/stemtui-matrix.csv", e2e_home);
	text = read_all(path);
	ok(text && strncmp(text, "\xef\xbb\xbf" "code;name;level;school A: notes;school A: enablers;"
			   "school A: barriers;school B: notes;", 85) == 0,
	   "  a matrix per school for Excel, the schools as school A, B, ...");
	ok(text && strstr(text, "\r\nVB1;") != NULL, "  a row per factor");
	ok(text && !strstr(text, "Klavertje") && !strstr(text, "GO! ") && !strstr(text, "Basisschool"),
	   "  and no school's name");

	vt_type(t, "x");
	next_export(t, "Factor matrix", "stemtui-matrix.csv", "x, Right: the matrix again");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_RIGHT);
	vt_key(t, VT_RIGHT);
	e2e_shows(t, "\xe2\x97\x82 Session kinds \xe2\x96\xb8", "Right, Right on Columns: session kinds");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_RIGHT);
	vt_key(t, VT_RIGHT);
	e2e_shows(t, "\xe2\x97\x82 JSON \xe2\x96\xb8", "Right, Right on Format: JSON");
	default_file_is(t, "/stemtui-matrix.json", "  named .json");
	vt_type(t, "\x13");
	e2e_shows(t, "Exported to", "exported");
	snprintf(path, sizeof path, "%s/stemtui-matrix.json", e2e_home);
	text = read_all(path);
	ok(text && strncmp(text, "{\"rows\": \"factor\", \"cols\": \"session-kind\", \"columns\": [", 54) == 0,
	   "  a matrix per kind of session, as JSON");
	ok(text && strstr(text, "\"groeisessie\"") && strstr(text, "{\"code\": \"LD1\""),
	   "  with the kinds and the factors");
	vt_key(t, VT_ESC);
	e2e_shows(t, "1/13", "back to the programme");
	e2e_quit(t);
}

int main(void)
{
	test_default_folder();
	test_quotes();
	test_attendance_name();
	test_scope();
	test_dutch();
	test_language();
	test_export_factors();
	test_bad_path();
	test_dialog_follows_choice();
	test_form_scrolls();
	test_excel();
	test_xlsx();
	test_matrix();
	return tap_done();
}
