/* e2e_coders.c: coders in the real stemtui: --facilitator makes the TUI's
 * tags that facilitator's, and the factor overview (the starter codebook,
 * longer than a screen) counts one coder's tags or every coder's (c, named
 * in the title) and opens the agreement between the two coders with most
 * tags (a), whose factors open their evidence; its export dialog (x)
 * starts with the overview's coder, offers every coder and each one, and
 * writes what `export --coder` writes. */
#include "config.h"

#include <sys/stat.h>

#include "e2e.h"

#define F6 "\033[17~"   /* what xterm sends for F6 */

/* The coders of note id's tags on factor code, "an:1 bert:-1", from the
 * database (a static copy). */
static const char *coders_of(long long id, const char *code)
{
	static char buf[512];
	sqlite3 *db = e2e_open_db();
	sqlite3_stmt *st = NULL;

	buf[0] = '\0';
	if (!db || sqlite3_prepare_v2(db, "SELECT group_concat(coder || ':' || polarity, ' ') FROM"
				      " (SELECT t.coder, t.polarity FROM tag t JOIN factor f"
				      " ON f.id = t.factor_id WHERE t.note_id = ?1 AND f.code = ?2"
				      " ORDER BY t.coder)", -1, &st, NULL) != SQLITE_OK) {
		snprintf(buf, sizeof buf, "(error)");
	} else {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
			snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	db_close(db);
	return buf;
}

/* The row of the overview that starts with " code " has text in it. */
static bool row_has(vt *t, void *arg)
{
	const char *const *want = arg;
	char start[16];

	snprintf(start, sizeof start, " %s ", want[0]);
	for (int r = 2; r < E2E_ROWS - 1; r++) {
		char *text = vt_row(t, r);
		bool found = strncmp(text, start, strlen(start)) == 0 && strstr(text, want[1]);

		free(text);
		if (found)
			return true;
	}
	return false;
}

static void row_shows(vt *t, const char *code, const char *text, const char *name)
{
	const char *want[2] = { code, text };

	if (!ok(vt_wait_until(t, row_has, (void *)want, WAIT), "%s", name))
		vt_dump(t);
}

/* Notes 1-3 at COP 07: An tags 1 and 2 with LD1, Bert 1 with LD1 and 3
 * with LD2; then Bert, in the TUI, types note 4, An tags it with LD1+
 * from the command line, and Bert tags it with LD1 too. */
static void test_tagging_as_facilitator(void)
{
	vt *t;

	e2e_new_home("coders");
	is_int(e2e_run("add-note 7 'De directie steunt het project'"), 0, "note 1");
	is_int(e2e_run("add-note 7 'De directie kijkt toe'"), 0, "note 2");
	is_int(e2e_run("add-note 7 'De STEM-trekker houdt alles samen'"), 0, "note 3");
	is_int(e2e_run("--facilitator An tag 1 LD1+"), 0, "An tags note 1 with LD1+");
	is_int(e2e_run("--facilitator An tag 2 LD1"), 0, "An tags note 2 with LD1");
	is_int(e2e_run("--facilitator Bert tag 1 LD1-"), 0, "Bert tags note 1 with LD1-");
	is_int(e2e_run("--facilitator Bert tag 3 LD2"), 0, "Bert tags note 3 with LD2");
	t = e2e_open_notes(&(struct e2e_opts){ .args = { "--facilitator", "Bert" } });
	vt_type(t, "De directie wil meer tijd");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 4 saved", "Bert saves note 4");
	is_int(e2e_run("--facilitator An tag 4 LD1+"), 0, "meanwhile An tags it with LD1+");
	vt_type(t, F6);
	e2e_shows(t, "Tag note 4", "F6 opens the picker for note 4");
	e2e_shows(t, "[ ]   LD1    Betrokken directie", "  An's LD1+ is not Bert's: unticked for him");
	vt_type(t, "LD1");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "[\xc2\xb7] ", "Enter tags it for Bert (neutral)");
	is_str(coders_of(4, "LD1"), "an:1 bert:0", "note 4 has An's LD1+ and Bert's LD1, both kept");
	vt_key(t, VT_LEFT);
	e2e_shows(t, "[-] ", "Left makes Bert's a barrier");
	is_str(coders_of(4, "LD1"), "an:1 bert:-1", "  An's stays an enabler");
	vt_key(t, VT_ESC);
	vt_key(t, VT_ESC);
	e2e_hides(t, "Find:", "the picker closes");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the sessions");
	e2e_quit(t);
	is_int(e2e_run("--facilitator Bert tag 4 LD1"), 0, "Bert makes his LD1 on note 4 neutral again");
}

static void test_overview_coders(void)
{
	vt *t = e2e_start(&(struct e2e_opts){ 0 });

	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "F");
	e2e_shows(t, "Factors  \xc2\xb7  all notes  \xc2\xb7  codebook order",
		  "F opens the overview, every coder's tags");
	/* Notes, then sessions: LD1 has notes 1, 2 and 4 (two coders on 1 and 4). */
	row_shows(t, "LD1", " 3     1 ", "LD1 counts notes 1, 2 and 4 once each, whatever the coders");
	row_shows(t, "LD2", " 1     1 ", "LD2 counts Bert's note 3");
	vt_type(t, "c");
	e2e_shows(t, "all notes  \xc2\xb7  coder an  \xc2\xb7", "c counts An's tags only, named in the title");
	row_shows(t, "LD2", " 0     0 ", "  LD2 (only Bert's) counts nothing for An");
	row_shows(t, "LD1", " 3     1 ", "  LD1 her three notes");
	vt_type(t, "c");
	e2e_shows(t, "coder bert", "c again: Bert's");
	row_shows(t, "LD2", " 1     1 ", "  LD2 counts Bert's note 3");
	row_shows(t, "LD1", " 2     1 ", "  LD1 his notes 1 and 4");
	vt_type(t, "c");
	e2e_shows(t, "Factors  \xc2\xb7  all notes  \xc2\xb7  codebook order",
		  "c after the last coder: every coder's again");
	row_shows(t, "LD1", " 3     1 ", "  LD1 three notes again");
	vt_key(t, VT_END);
	e2e_shows(t, "BO3    Verankering", "the list is longer than the screen: End reaches the last");
	vt_type(t, "a");
	/* Notes both tagged: 1 and 4, both with LD1: kappa undefined. */
	e2e_shows(t, "Agreement of an and bert, 2 notes tagged by both",
		  "a opens the agreement of the two coders with most tags (a tie: by name)");
	e2e_shows(t, "LD1    Betrokken directie                2     2   100.0%      -",
		  "  LD1: both, agree, percent; kappa undefined as -");
	e2e_shows(t, "Total (every note and factor)", "  and the total");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "De directie steunt", "Enter on a factor opens its evidence");
	vt_key(t, VT_ESC);
	e2e_shows(t, "Factors", "back to the overview");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the sessions");
	e2e_quit(t);
}

/* The whole file at path (a static copy; "" when it cannot be read). */
static const char *file_text(const char *path)
{
	static char buf[65536];
	FILE *f = fopen(path, "r");
	size_t n = 0;

	if (f) {
		n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

/* Whether the dialog's file is what the command writes with args. */
static bool same_as_command(const char *file, const char *args, const char *name)
{
	char cmd[4400], path[4300], *dialog;
	bool same;

	snprintf(path, sizeof path, "%s/%s", e2e_home, file);
	dialog = strdup(file_text(path));
	snprintf(cmd, sizeof cmd, "export %s -o '%s/cli.csv'", args, e2e_home);
	ok(e2e_run(cmd) == 0, "export %s", args);
	snprintf(path, sizeof path, "%s/cli.csv", e2e_home);
	same = dialog && *dialog && strcmp(dialog, file_text(path)) == 0;
	ok(same, "%s", name);
	free(dialog);
	return same;
}

/* The export dialog from the overview showing An's tags: Coder an, as
 * the overview; every coder's when chosen; no Coder for people. */
static void test_export_coder(void)
{
	vt *t = e2e_start(&(struct e2e_opts){ 0 });

	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "F");
	e2e_shows(t, "Factors", "F opens the overview");
	vt_type(t, "c");
	e2e_shows(t, "coder an", "c: An's tags");
	vt_type(t, "x");
	e2e_shows(t, "\xe2\x97\x82 Factor list \xe2\x96\xb8", "x opens the export dialog");
	e2e_shows(t, "\xe2\x97\x82 an \xe2\x96\xb8", "  Coder: an, the overview's");
	vt_type(t, "\x13");   /* Ctrl-S */
	e2e_shows(t, "Exported to", "exported");
	same_as_command("stemtui-factors.csv", "factors --format csv --coder an",
			"the file holds An's figures, as export factors --coder an");
	vt_type(t, "x");
	e2e_shows(t, "\xe2\x97\x82 an \xe2\x96\xb8", "x again: Coder an");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_key(t, VT_RIGHT);
	e2e_shows(t, "\xe2\x97\x82 bert \xe2\x96\xb8", "Right on Coder: bert");
	vt_key(t, VT_RIGHT);
	e2e_shows(t, "\xe2\x97\x82 Every coder \xe2\x96\xb8", "  Right again: every coder, first");
	vt_type(t, "\x13");
	e2e_shows(t, "Replace it?", "the file is there: asked");
	vt_type(t, "y");
	e2e_shows(t, "Exported to", "exported again");
	same_as_command("stemtui-factors.csv", "factors --format csv",
			"  every coder's figures, each note once, as export factors");
	vt_type(t, "x");
	e2e_shows(t, "Coder", "the dialog again, with Coder");
	vt_key(t, VT_LEFT);
	vt_key(t, VT_LEFT);
	vt_key(t, VT_LEFT);
	e2e_shows(t, "\xe2\x97\x82 People \xe2\x96\xb8", "Left to people");
	e2e_hides(t, "Coder", "  no Coder for people");
	vt_key(t, VT_ESC);
	e2e_shows(t, "Factors", "Esc: back to the overview");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the sessions");
	e2e_quit(t);
}

static void test_one_coder(void)
{
	vt *t;

	e2e_new_home("coders-one");
	is_int(e2e_run("add-note 7 'Een notitie'"), 0, "a note");
	is_int(e2e_run("--facilitator An tag 1 LD1+"), 0, "An tags it");
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "F");
	e2e_shows(t, "Factors", "F opens the overview");
	vt_type(t, "a");
	e2e_shows(t, "Agreement needs two coders; the tags record 1",
		  "a with one coder says agreement needs two");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the sessions");
	e2e_quit(t);
}

/* The column where the figures of the agreement's row for code start
 * ("  100.0%"), or -1. */
static int percent_col(vt *t, const char *code)
{
	char start[16];

	for (int r = 1; r < E2E_ROWS - 1; r++) {
		char *text = vt_row(t, r);
		bool found;

		snprintf(start, sizeof start, " %s ", code);
		found = strstr(text, start) && strstr(text, "100.0%");
		free(text);
		if (found)
			return vt_find_col(t, r, "100.0%");
	}
	return -1;
}

/* Names with accents and wide characters, in Dutch: the figures stay in
 * one column (the label was cut in bytes: a wide character cut in two,
 * the figures moved left), and the Dutch total's label shows whole. */
static void test_agreement_wide_names(void)
{
	sqlite3 *db;
	vt *t;
	int ascii, accent, wide;

	e2e_new_home("coders-wide");
	is_int(e2e_run("add-note 7 'Een notitie'"), 0, "a note");
	db = e2e_open_db();
	ok(db && sqlite3_exec(db, "UPDATE factor SET name = '\xe5\x8d\x94\xe5\x8a\x9b "
			      "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe5\x8d\x94"
			      "\xe5\x8a\x9b\xe3\x81\xa8\xe5\x85\xb1\xe5\x90\x8c' WHERE code = 'TM2'",
			      NULL, NULL, NULL) == SQLITE_OK, "TM2 gets a name in Japanese");
	db_close(db);
	for (int i = 0; i < 3; i++) {
		static const char *const code[3] = { "LD1+", "TM2+", "OR3+" };
		char args[64];

		snprintf(args, sizeof args, "--facilitator Zo\xc3\xab tag 1 %s", code[i]);
		is_int(e2e_run(args), 0, "Zo\xc3\xab tags it");
		snprintf(args, sizeof args, "--facilitator Bert tag 1 %s", code[i]);
		is_int(e2e_run(args), 0, "  Bert too");
	}
	t = e2e_start(&(struct e2e_opts){ .language = "nl" });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "F");
	e2e_shows(t, "Factoren", "F opens the overview");
	vt_type(t, "a");
	e2e_shows(t, "Totaal (alle notities en factoren)", "a: the total's label shows whole in Dutch");
	e2e_hides(t, "\xef\xbf\xbd", "  no character is cut in two");
	ascii = percent_col(t, "LD1");
	accent = percent_col(t, "OR3");
	wide = percent_col(t, "TM2");
	ok(ascii > 0, "  LD1's figures show (column %d)", ascii);
	is_int(accent, ascii, "  OR3 (Financi\xc3\xable...): its figures in the same column");
	is_int(wide, ascii, "  TM2 (a name in Japanese, cut): its figures in the same column");
	vt_key(t, VT_ESC);
	e2e_shows(t, "Factoren", "Esc: back to the overview");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the sessions");
	e2e_quit(t);
}

int main(void)
{
	test_tagging_as_facilitator();
	test_overview_coders();
	test_export_coder();
	test_one_coder();
	test_agreement_wide_names();
	return tap_done();
}
