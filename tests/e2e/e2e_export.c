/* e2e_export.c: exporting from the real stemtui: the dialog with its
 * default file name, the progress bar, the path at the end, and the
 * question before an existing file is replaced. */
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

int main(void)
{
	test_export_factors();
	return tap_done();
}
