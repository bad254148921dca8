/* e2e_export.c: exporting from the real stemtui: the dialog with its
 * default file name, the progress bar, the path at the end, and the
 * question before an existing file is replaced; the name, the formats
 * and Pseudonymise following the chosen export while the dialog is open,
 * and a typed path kept. */
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
	e2e_shows(t, "Exporting", "a progress bar shows");
	e2e_shows(t, "Exported to", "and at the end where the file went");
	ok(vt_find_row(t, "28 / 28") >= 0 || vt_find_row(t, " / ") >= 0, "with its counts");
	text = read_all(path);
	ok(text && strncmp(text, "code,", 5) == 0, "the file is there, a CSV with a header");
	ok(text && strstr(text, "LD1") != NULL, "holding the factors");
	ok(stat(path, &sb) == 0, "the file exists");
	vt_type(t, " ");
	e2e_hides(t, "Exporting", "a key closes the box");
	/* Again: the file exists now. */
	vt_type(t, "x");
	e2e_shows(t, "Factor list", "the dialog again");
	vt_type(t, "\x13");
	/* The path may wrap anywhere; the question has a line of its own. */
	e2e_shows(t, "Replace it?", "an existing file is not replaced without a question");
	vt_key(t, VT_ESC);
	e2e_shows(t, "Factor list", "Esc goes back to the dialog");
	vt_type(t, "\x13");
	e2e_shows(t, "Replace it?", "asked again");
	vt_type(t, "y");
	e2e_shows(t, "Exported to", "y replaces it");
	vt_type(t, " ");
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
	next_export(t, "Evidence per factor", "stemtui-evidence.csv", "Right: evidence");
	ok(vt_find_row(t, "stemtui-factors.csv") < 0, "the old name is gone");
	next_export(t, "Notes", "stemtui-notes.csv", "notes");
	next_export(t, "People", "stemtui-people.csv", "people");
	e2e_shows(t, "Pseudonymise", "Pseudonymise shows for people");
	next_export(t, "Draaiboek", "stemtui-draaiboek.md", "the draaiboek, as Markdown");
	e2e_hides(t, "Pseudonymise", "and hides again");
	next_export(t, "Codebook (REFI-QDA)", "stemtui-codebook.qdc", "the codebook, as .qdc");
	next_export(t, "Factor list", "stemtui-factors.csv", "round to the factor list: no attendance");
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
	vt_type(t, " ");
	e2e_hides(t, "Exporting", "a key closes the box");

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
	e2e_shows(t, "\xe2\x97\x82 Evidence per factor \xe2\x96\xb8", "another export");
	vt_settle(t, 100, WAIT);   /* the whole form redrawn, not only the choice */
	ok(vt_find_row(t, "stemtui-factors.txt") >= 0 && vt_find_row(t, "stemtui-evidence") < 0,
	   "keeps the typed path");
	vt_type(t, "\x13");
	e2e_shows(t, "Exported to", "exports");
	snprintf(path, sizeof path, "%s/stemtui-factors.txt", e2e_home);
	text = read_all(path);
	ok(text && strncmp(text, "factor,factor_name,", 19) == 0, "the evidence, to the typed path");
	vt_type(t, " ");
	e2e_hides(t, "Exporting", "a key closes the box");
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
	ok(strstr(status, "? help") != NULL, "the status line below is intact");
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

int main(void)
{
	test_export_factors();
	test_bad_path();
	test_dialog_follows_choice();
	test_form_scrolls();
	return tap_done();
}
