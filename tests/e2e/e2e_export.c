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
	e2e_shows(t, "already exists. Replace it?", "an existing file is not replaced without a question");
	vt_key(t, VT_ESC);
	e2e_shows(t, "Factor list", "Esc goes back to the dialog");
	vt_type(t, "\x13");
	e2e_shows(t, "already exists", "asked again");
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

int main(void)
{
	test_export_factors();
	test_dialog_follows_choice();
	return tap_done();
}
