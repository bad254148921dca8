/* e2e_factors.c: critical success factors in the real stemtui: tagging a
 * note with the picker and with a digit, the review queue of untagged
 * notes, and the factor overview's counts and drill-down to evidence. */
#include "config.h"

#include <errno.h>
#include <sys/stat.h>

#include "core/db.h"
#include "core/tags.h"
#include "e2e.h"

/* The tags of note id as text ("TM3+ VB1"), from the database. */

static void e2e_row_shows(vt *t, const char *code, const char *text, const char *name);
#define F6 "\033[17~"   /* what xterm sends for F6 */
#define F7 "\033[18~"

static vt *open_notes(void)
{
	return e2e_open_notes(&(struct e2e_opts){ 0 });
}

static void test_picker_and_digits(void)
{
	char one[64], want[128];
	vt *t;

	e2e_new_home("factors-tag");
	t = open_notes();
	vt_type(t, "Het team kiest zelf, dus het draagvlak groeit");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 1 saved", "a note is saved");
	vt_type(t, F6);
	e2e_shows(t, "Tag note 1: Het team kiest zelf",
		  "F6 opens the factor picker, which names the note just saved");
	vt_type(t, "draagvl");
	e2e_shows(t, "TM3", "typing finds the factor by its name (draagvlak)");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "[\xc2\xb7] ", "Enter tags it (neutral)");
	vt_key(t, VT_RIGHT);
	e2e_shows(t, "[+]", "Right makes it an enabler");
	is_str(e2e_tags_of(1), "TM3+", "the tag is in the database at once");
	vt_key(t, VT_ESC);
	e2e_shows(t, "LD1", "Esc with text typed clears it: every factor shows again");
	e2e_shows(t, "Tag note 1", "  and the picker stays open");
	vt_type(t, "zzz");
	e2e_shows(t, "No factor matches.", "a filter that finds nothing");
	vt_type(t, "\x15");   /* Ctrl-U */
	e2e_hides(t, "No factor matches.", "Ctrl-U clears it too");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Find:", "Esc on the empty filter closes the picker");
	e2e_shows(t, "TM3+", "the note shows its tag in the list");
	e2e_shows(t, "Tag note 1: 1 ", "the digits still tag it");
	ok(e2e_digit_code(t, 1, one, sizeof one) && strcmp(one, "TM3") != 0,
	   "  and keep the factors they had (%s on 1), however it was tagged", one);
	vt_type(t, "Geen tijd in het lesrooster voor STEM");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 2 saved", "a second note is saved");
	vt_type(t, "1");
	snprintf(want, sizeof want, "Note 2: %s", one);
	e2e_shows(t, want, "one digit tags the note just saved");
	is_str(e2e_tags_of(2), one, "as a neutral tag");
	vt_type(t, "1");
	vt_type(t, "1");
	snprintf(want, sizeof want, "Note 2: %s-", one);
	e2e_shows(t, want, "pressing the digit again makes it +, then -");
	snprintf(want, sizeof want, "%s-", one);
	is_str(e2e_tags_of(2), want, "the barrier is stored");
	vt_type(t, "1");
	snprintf(want, sizeof want, "%s untagged", one);
	e2e_shows(t, want, "and once more removes it");
	is_str(e2e_tags_of(2), "", "nothing is left");
	vt_key(t, VT_ESC);
	e2e_quit(t);
}

static void test_queue_and_overview(void)
{
	char code[64], key[8];
	vt *t;
	int d;

	e2e_new_home("factors-queue");
	is_int(e2e_run("add-note 7 --group 'tafel 1' 'De directie steunt het project volop'"), 0, "note 1");
	is_int(e2e_run("add-note 7 --group 'tafel 2' 'Er is te weinig materiaal'"), 0, "note 2");
	is_int(e2e_run("add-note 8 'De STEM-trekker houdt alles samen'"), 0, "note 3 (at COP 08)");
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "7");
	e2e_selected_is(t, "COP 07", "COP 07 selected");
	vt_type(t, "u");
	e2e_shows(t, "2 left", "u walks the two untagged notes of COP 07");
	e2e_shows(t, "De directie steunt", "the first untagged note, whole");
	vt_type(t, F6);
	vt_type(t, "LD1");
	e2e_shows(t, "LD1", "the picker finds a factor by code");
	vt_key(t, VT_ENTER);
	vt_key(t, VT_RIGHT);
	vt_key(t, VT_ESC);
	e2e_shows(t, "Esc done", "Esc clears the filter");
	vt_key(t, VT_ESC);
	e2e_shows(t, "Tags: LD1+", "Esc closes the picker: the note shows its new tag");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Er is te weinig materiaal", "Enter goes to the next untagged note");
	e2e_shows(t, "1 left", "one left");
	/* The digits keep the factors they had when the queue opened. */
	for (d = 1; d <= 9 && !(e2e_digit_code(t, d, code, sizeof code) && strcmp(code, "LD1") == 0); d++)
		;
	ok(d <= 9, "LD1 is on digit %d", d);
	snprintf(key, sizeof key, "%d", d);
	vt_type(t, key);
	e2e_shows(t, "Tags: LD1", "a digit tags it too");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Every note here is tagged", "the queue ends when all are tagged");
	vt_key(t, VT_ESC);
	vt_type(t, "F");
	e2e_shows(t, "Factors", "F opens the factor overview");
	e2e_shows(t, "Betrokken directie", "it lists the factors of the codebook");
	e2e_row_shows(t, "LD1", " 2 ", "LD1 counts its 2 notes");
	vt_type(t, "s");
	e2e_shows(t, "by name, A to Z", "s sorts by the next column (the name)");
	vt_type(t, "s");
	e2e_shows(t, "by notes, most first", "and the next (notes)");
	vt_type(t, "g");   /* the selection stayed on the factor it was on */
	if (!ok(vt_wait_row_text(t, 2, "Leiderschap", WAIT), "sorted by notes, leadership comes first"))
		vt_dump(t);
	for (int i = 0; i < 9; i++)
		vt_type(t, "s");
	e2e_shows(t, "codebook order", "s cycles back to codebook order");
	vt_type(t, "g");
	for (int i = 0; i < 40 && !vt_wait_until(t, selected_has, "LD1", 300); i++)
		vt_key(t, VT_DOWN);
	e2e_selected_is(t, "LD1", "LD1 selected");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "De directie steunt", "Enter on a factor shows its evidence");
	e2e_shows(t, "Er is te weinig materiaal", "both notes tagged with it");
	e2e_hides(t, "STEM-trekker houdt", "and not the untagged one");
	vt_key(t, VT_ESC);
	e2e_shows(t, "Factors", "back to the overview");
	e2e_selected_is(t, "LD1", "  with LD1 still selected");
	vt_key(t, VT_ESC);
	e2e_quit(t);
}

/* True when the text arg shows in reverse video (a picker's selection). */
static bool picked(vt *t, void *text)
{
	int row = vt_find_row(t, text), col = row >= 0 ? vt_find_col(t, row, text) : -1;

	return col >= 0 && vt_cell_reverse(t, row, col);
}

/* In an open picker, moves down to the item text and takes it. */
static void pick(vt *t, const char *text)
{
	for (int i = 0; i < 30 && !vt_wait_until(t, picked, (void *)text, 300); i++)
		vt_key(t, VT_DOWN);
	vt_key(t, VT_ENTER);
}

/* The screen row of the overview that starts with code, or -1. */
static int factor_row_at(vt *t, const char *code)
{
	char start[16];

	snprintf(start, sizeof start, " %s ", code);
	for (int r = 2; r < E2E_ROWS - 1; r++) {
		char *text = vt_row(t, r);
		bool found = strncmp(text, start, strlen(start)) == 0;

		free(text);
		if (found)
			return r;
	}
	return -1;
}

/* The text of the row that starts with code in the overview, or NULL. */
static char *factor_row(vt *t, const char *code)
{
	int r = factor_row_at(t, code);

	return r >= 0 ? vt_row(t, r) : NULL;
}

/* The figure of screen row r in the column headed head (" G ", "Notes":
 * as it stands in the header row, with spaces where a letter alone
 * would match elsewhere): figures are right-aligned under their head.
 * -1 when there is none.  Every character of the overview is one cell
 * wide, so cells are counted as characters. */
static int figure_at(vt *t, int r, const char *head)
{
	int col = vt_find_col(t, 1, head), end, cell = 0, n = -1, mul = 1, digits[16], nd = 0;
	char *row;
	const char *h = head;

	if (col < 0 || r < 0)
		return -1;
	while (*h == ' ') {
		h++;
		col++;
	}
	end = col + (int)strcspn(h, " ");   /* the cell after the head */
	row = vt_row(t, r);
	/* The digits that end in the cell before end. */
	for (const char *p = row; *p && cell < end; cell++) {
		int len = (*p & 0x80) ? ((*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 : 4) : 1;
		if (*p >= '0' && *p <= '9') {
			if (nd < 16)
				digits[nd++] = *p - '0';
		} else {
			nd = 0;
		}
		p += len;
	}
	free(row);
	for (int i = nd - 1; i >= 0; i--) {
		n = (n < 0 ? 0 : n) + digits[i] * mul;
		mul *= 10;
	}
	return n;
}

struct figure_want { const char *code, *head; int value; };

static bool figure_is(vt *t, void *arg)
{
	const struct figure_want *w = arg;

	return figure_at(t, factor_row_at(t, w->code), w->head) == w->value;
}

/* Checks (waiting for it) that the overview row of code shows value in
 * the column headed head. */
static void e2e_figure_is(vt *t, const char *code, const char *head, int value, const char *name)
{
	struct figure_want w = { code, head, value };

	if (ok(vt_wait_until(t, figure_is, &w, WAIT), "%s", name))
		return;
	diag("row %s, column %s: %d, expected %d", code, head,
	     figure_at(t, factor_row_at(t, code), head), value);
	vt_dump(t);
}

struct row_want { const char *code, *text; };

static bool row_has(vt *t, void *arg)
{
	const struct row_want *w = arg;
	char *row = factor_row(t, w->code);
	bool has = row && strstr(row, w->text);

	free(row);
	return has;
}

/* Checks (waiting for it) that the overview row of code shows text. */
static void e2e_row_shows(vt *t, const char *code, const char *text, const char *name)
{
	struct row_want w = { code, text };
	char *row;

	if (ok(vt_wait_until(t, row_has, &w, WAIT), "%s", name))
		return;
	row = factor_row(t, code);
	diag("row %s: \"%s\", expected \"%s\"", code, row ? row : "(none)", text);
	free(row);
}

/* The overview filtered to focus groups counts 2 notes for VB; Enter
 * lists exactly those 2, not the notes of the growth sessions. */
static void test_evidence_follows_filter(void)
{
	vt *t;

	e2e_new_home("factors-evidence");
	t = e2e_start(&(struct e2e_opts){ .args = { "--demo" } });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "F");
	e2e_shows(t, "Visie en beleid", "F opens the factor overview");
	vt_type(t, "f");
	e2e_shows(t, "Count the notes of", "f asks which notes count");
	pick(t, "Focus group");
	e2e_shows(t, "Factors  \xc2\xb7  Focus group", "the overview counts focus groups only");
	e2e_figure_is(t, "VB", " Notes", 2, "VB counts 2 notes there");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Notes  \xc2\xb7  2", "Enter on VB lists its 2 notes");
	e2e_shows(t, "Session kind: Focus group", "and says it keeps to focus groups");
	e2e_hides(t, "COP 07", "no note of a growth session is listed");
	e2e_hides(t, "COP 08", "nor of the other one");
	vt_key(t, VT_ESC);
	e2e_shows(t, "Factors  \xc2\xb7  Focus group", "Esc goes back to the overview, filter kept");
	e2e_selected_is(t, "VB", "  with VB still selected");
	vt_type(t, "f");
	e2e_shows(t, "Count the notes of", "f again");
	pick(t, "STEM++ 2017-2018");
	e2e_shows(t, "Factors  \xc2\xb7  STEM++ 2017-2018  \xc2\xb7  Focus group",
		  "a programme and a kind of session together");
	e2e_figure_is(t, "VB", " Notes", 2, "  VB still counts 2 notes");
	vt_type(t, "f");
	e2e_shows(t, "Count the notes of", "f once more");
	pick(t, "All notes");
	e2e_shows(t, "Factors  \xc2\xb7  all notes", "All notes clears both");
	e2e_figure_is(t, "VB", " Notes", 5, "  VB counts its 5 notes again");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "and Esc to the sessions");
	e2e_quit(t);
}

/* The evidence shows per note the school and how it is tagged with the
 * factor (VB: its tags on VB1 and VB2), not the kind and all tags. */
static void test_evidence_school_and_polarity(void)
{
	vt *t;

	e2e_new_home("factors-evidence-school");
	t = e2e_start(&(struct e2e_opts){ .args = { "--demo" } });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "F");
	e2e_shows(t, "Visie en beleid", "F opens the factor overview");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Notes  \xc2\xb7  5", "Enter on VB lists its 5 notes");
	e2e_shows(t, "COP 10  + VBS De Regenboog ", "a note with its polarity and the host school");
	e2e_shows(t, "COP 07  -                  tafel 1 Drie van",
		  "a barrier, at a session without a school");
	e2e_hides(t, "LD2-", "the other tags give way");
	vt_key(t, VT_ESC);
	e2e_shows(t, "Factors", "back to the overview");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "and to the sessions");
	e2e_quit(t);
}

/* The digit row shows all nine factors ("1 LD2  2 OR1 ... 9 DI3"). */
static bool nine_digits(vt *t, void *unused)
{
	(void)unused;
	for (int r = 0; r < E2E_ROWS; r++) {
		char *row = vt_row(t, r);
		char *one = strstr(row, "1 LD2"), *nine = one ? strstr(one, "  9 ") : NULL;
		bool whole = nine && nine[4] != ' ' && nine[4] != '\0';

		free(row);
		if (whole)
			return true;
	}
	return false;
}

/* At 80 columns the nine digit factors all show, while taking notes and
 * in the review queue. */
static void test_nine_digits_fit(void)
{
	vt *t;

	e2e_new_home("factors-digits");
	t = e2e_start(&(struct e2e_opts){ .args = { "--demo" } });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "7");
	e2e_selected_is(t, "COP 07", "COP 07 selected");
	vt_type(t, "c");
	e2e_shows(t, "Notes  \xc2\xb7  COP 07", "c opens the notes of COP 07");
	vt_type(t, F7);
	if (!ok(vt_wait_until(t, nine_digits, NULL, WAIT), "all nine digit factors show at 80 columns"))
		vt_dump(t);
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the sessions");
	vt_type(t, "u");
	e2e_shows(t, "Untagged notes", "u opens the review queue");
	if (!ok(vt_wait_until(t, nine_digits, NULL, WAIT), "  there too"))
		vt_dump(t);
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the sessions");
	e2e_quit(t);
}

/* The G (growth sessions) figure of screen row r of the overview. */
static int groei_of_row(vt *t, int r)
{
	return figure_at(t, r, " G ");
}

/* The first row is of code (NULL: any) with G figure g: waited for, as
 * the screen is written a piece at a time. */
struct first_want { const char *code; int g; };

static bool first_row_is(vt *t, void *arg)
{
	const struct first_want *w = arg;
	char *row = vt_row(t, 2);
	bool code_ok = !w->code || (row[0] == ' ' && strncmp(row + 1, w->code, strlen(w->code)) == 0 &&
				    row[1 + strlen(w->code)] == ' ');

	free(row);
	return code_ok && groei_of_row(t, 2) == w->g;
}

/* s reaches every column, the kinds of session too; S reverses the
 * order, and the title says which it is. */
static void test_sort_every_column(void)
{
	vt *t;
	int i;

	e2e_new_home("factors-sort");
	t = e2e_start(&(struct e2e_opts){ .args = { "--demo" } });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "F");
	e2e_shows(t, "codebook order", "the overview starts in codebook order");
	for (i = 0; i < 12 && !vt_wait_text(t, "by growth sessions, most first", 300); i++)
		vt_type(t, "s");
	e2e_shows(t, "by growth sessions, most first", "s reaches the G column");
	vt_type(t, "g");
	e2e_row_shows(t, "OR", "Organisatie", "the most notes at growth sessions first");
	ok(vt_wait_until(t, first_row_is, &(struct first_want){ "OR", 9 }, WAIT), "  OR, with 9");
	vt_type(t, "S");
	e2e_shows(t, "by growth sessions, fewest first", "S reverses the order");
	vt_type(t, "g");
	ok(vt_wait_until(t, first_row_is, &(struct first_want){ NULL, 0 }, WAIT),
	   "  the first row has no note at a growth session");
	vt_type(t, "S");
	e2e_shows(t, "by growth sessions, most first", "S again turns it back");
	vt_type(t, "g");
	ok(vt_wait_until(t, first_row_is, &(struct first_want){ "OR", 9 }, WAIT), "  OR first again");
	for (i = 0; i < 12 && !vt_wait_text(t, "codebook order", 300); i++)
		vt_type(t, "s");
	vt_type(t, "S");
	e2e_shows(t, "S then reverses it", "S in codebook order says what to do");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the sessions");
	e2e_quit(t);
}

/* The demo database's path. */
static const char *demo_db(void)
{
	static char path[4300];

	snprintf(path, sizeof path, "%s/data/stemtui/demo.sqlite", e2e_home);
	return path;
}

/* The tags of the newest note ("OR3+ VB1"), from the demo database (a
 * static copy). */
static const char *newest_demo_tags(void)
{
	static char tags[256];
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long long id = 0;
	st_err err;

	snprintf(tags, sizeof tags, "(none)");
	if (db_open(demo_db(), &db, NULL, &err) == DB_OPEN_OK &&
	    sqlite3_prepare_v2(db, "SELECT max(id) FROM note", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (id)
		tag_text(db, id, tags, sizeof tags, &err);
	db_close(db);
	return tags;
}

/* Waits until the digit row is want; says so as name. */
static void digits_are(vt *t, const char *want, const char *name)
{
	char got[1024];

	if (!ok(vt_wait_until(t, e2e_digit_row_is, (void *)want, WAIT), "%s", name)) {
		diag("want \"%s\"", want);
		diag("got  \"%s\"", e2e_digit_row(t, got, sizeof got) ? got : "(no digit row)");
	}
}

/* The digits keep their factors for the whole run: while notes are tagged
 * (so that another factor becomes the most used), after the picker, when
 * the notes are opened again, and in the review queue; only a pin moves
 * them (Ctrl-P, then a digit and a factor). */
static void test_digits_stay(void)
{
	char first[1024], pinned[1024], body[64];
	vt *t;
	int i;

	e2e_new_home("factors-stay");
	t = e2e_start(&(struct e2e_opts){ .args = { "--demo" } });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "7");
	e2e_selected_is(t, "COP 07", "COP 07 selected");
	vt_type(t, "c");
	e2e_shows(t, "1-9 are text in the note", "the notes open with 1-9 as text");
	vt_type(t, "Notitie 1 over onderzoekend leren");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Tag note", "saving a note turns the tag keys on");
	ok(e2e_digit_row_drawn(t, first, sizeof first), "the digit row shows the nine: %s", first);
	/* Digit 9 on four notes: its factor becomes the most used. */
	for (i = 1; i <= 4; i++) {
		if (i > 1) {
			snprintf(body, sizeof body, "Notitie %d over onderzoekend leren", i);
			vt_type(t, body);
			vt_key(t, VT_ENTER);
			e2e_shows(t, "Tag note", "the next note is saved");
		}
		vt_type(t, "9");
		e2e_shows(t, ": DI3\xc2\xb7 Onderzoekend", "9 tags it");
		digits_are(t, first, "  the digits stay as they were");
	}
	vt_type(t, F6);
	e2e_shows(t, "Find:", "F6 opens the picker");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Find:", "Esc closes it");
	digits_are(t, first, "the digits stay after the picker");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the sessions");
	vt_type(t, "c");
	e2e_shows(t, "1-9 are text in the note", "the notes again");
	vt_type(t, F7);
	e2e_shows(t, "Tag note", "F7 turns the tag keys on");
	digits_are(t, first, "  the same digits as when they were chosen");
	/* A pin: VB1 on 6; the factor on 6 goes where VB1 was. */
	vt_type(t, "\x10");   /* Ctrl-P */
	e2e_shows(t, "Which digit", "Ctrl-P asks which digit to pin");
	vt_type(t, "6");
	e2e_shows(t, "Digit 6: which factor?", "then which factor");
	vt_type(t, "g");
	vt_type(t, "j");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Digits 6 and 5 changed places: 6 is VB1", "VB1 (on 5) and the factor on 6 change places");
	snprintf(pinned, sizeof pinned, "%s", first);
	{
		/* "5 VB1  6 TM3" becomes "5 TM3  6 VB1" */
		char *five = strstr(pinned, "  5 "), *six = strstr(pinned, "  6 "), a[32], b[32];
		ok(five && six && sscanf(five, " 5 %31s", a) == 1 && sscanf(six, " 6 %31s", b) == 1 &&
		   strcmp(a, "VB1") == 0, "VB1 was on 5");
		if (five && six && strlen(a) == strlen(b)) {
			memcpy(five + 4, b, strlen(b));
			memcpy(six + 4, a, strlen(a));
		}
	}
	digits_are(t, pinned, "  the row shows the pin");
	vt_type(t, "6");
	e2e_shows(t, ": VB1\xc2\xb7 Gedeelde visie", "5 tags with the factor pinned");
	ok(strstr(newest_demo_tags(), "VB1") != NULL, "  in the database (%s)", newest_demo_tags());
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the sessions");
	vt_type(t, "u");
	e2e_shows(t, "Untagged notes", "u opens the review queue");
	digits_are(t, pinned, "  with the same digits as taking notes");
	vt_type(t, "p");
	e2e_shows(t, "Which digit", "p pins there too");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Which digit", "Esc leaves the digits as they are");
	digits_are(t, pinned, "  unchanged");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the sessions");
	e2e_quit(t);
}

/* [digits] in config.ini pins factors for good; a line that cannot be a
 * pin, and a code the codebook lacks, are warnings naming the line. */
static void test_config_pins(void)
{
	char path[4300], code[64];
	FILE *f;
	vt *t;

	e2e_new_home("factors-config-pins");
	snprintf(path, sizeof path, "%s/config", e2e_home);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/config/stemtui", e2e_home);
	ok(mkdir(path, 0700) == 0 || errno == EEXIST, "a config folder");
	snprintf(path, sizeof path, "%s/config/stemtui/config.ini", e2e_home);
	f = fopen(path, "w");
	ok(f && fputs("[digits]\n1 = or3\n10 = OR1\n7 = ZZ9\n", f) >= 0 && fclose(f) == 0,
	   "a config with [digits]");
	t = e2e_start(&(struct e2e_opts){ .language = "nl", .args = { "--demo" } });
	e2e_shows(t, "config.ini:3: [digits] 10: de sleutel moet een cijfer",
		  "a key that is no digit is a warning with its line (in Dutch)");
	vt_type(t, "7");
	e2e_selected_is(t, "COP 07", "COP 07 selected");
	vt_type(t, "c");
	e2e_shows(t, "config.ini:4: [digits] 7: geen factor ZZ9 in het codeboek",
		  "a code the codebook lacks is said when the digits are chosen");
	vt_type(t, "Een notitie over middelen");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Tag notitie", "the tag keys are on after saving (in Dutch)");
	ok(e2e_digit_code(t, 1, code, sizeof code) && strcmp(code, "OR3") == 0,
	   "OR3 is on 1 as the config pins it");
	ok(e2e_digit_code(t, 7, code, sizeof code) && strcmp(code, "ZZ9") != 0,
	   "7 follows the facilitator's use (%s)", code);
	vt_type(t, "11");
	e2e_shows(t, "OR3+ Financi\xc3\xable middelen", "1 tags with it");
	is_str(newest_demo_tags(), "OR3+", "  in the database");
	vt_key(t, VT_ESC);
	e2e_quit(t);
}

/* Going past notes without tagging them: the end of the queue says how
 * many are still untagged, as the title does, and Enter starts again. */
static void test_queue_skipped(void)
{
	vt *t;

	e2e_new_home("factors-skip");
	is_int(e2e_run("add-note 7 'Eerste notitie zonder tag'"), 0, "note 1");
	is_int(e2e_run("add-note 7 'Tweede notitie zonder tag'"), 0, "note 2");
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "7");
	e2e_selected_is(t, "COP 07", "COP 07 selected");
	vt_type(t, "u");
	e2e_shows(t, "Eerste notitie", "u shows the first untagged note");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Tweede notitie", "Enter goes past it");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "2 notes you went", "the end says 2 are still untagged");
	e2e_shows(t, "2 left", "  as the title does");
	e2e_hides(t, "Every note here is tagged", "  and does not claim all are tagged");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Eerste notitie", "Enter starts again from the first");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "Esc goes back");
	e2e_quit(t);
}

static bool row_has_no(vt *t, void *arg)
{
	const struct row_want *w = arg;
	char *row = factor_row(t, w->code);
	bool has_not = row && !strstr(row, w->text);

	free(row);
	return has_not;
}

/* Text shown in the row of code, `by` columns right of the start of the
 * Factor column. */
struct indent_want { const char *code, *text; int by; };

static bool indented(vt *t, void *arg)
{
	const struct indent_want *w = arg;
	int r = factor_row_at(t, w->code), head = vt_find_col(t, 1, "Factor");

	return r >= 0 && head >= 0 && vt_find_col(t, r, w->text) == head + w->by;
}

/* Bars compare a category with categories and a factor with factors; a
 * third level is indented under the second. */
static void test_bars_and_levels(void)
{
	char path[4200];
	FILE *f;
	vt *t;
	struct row_want three = { "VB", "\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88" };

	e2e_new_home("factors-levels");
	snprintf(path, sizeof path, "%s/deeper.ini", e2e_home);
	f = fopen(path, "w");
	ok(f && fputs("[factor vb1a]\ncode = VB1A\nparent = VB1\nname = Deelvisie\n", f) >= 0 &&
	   fclose(f) == 0, "a codebook file with a third level");
	{
		char cmd[4400];

		snprintf(cmd, sizeof cmd, "--demo import codebook '%s'", path);
		is_int(e2e_run(cmd), 0, "  imports");
	}
	t = e2e_start(&(struct e2e_opts){ .args = { "--demo" } });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "F");
	e2e_shows(t, "Visie en beleid", "F opens the factor overview");
	ok(vt_wait_until(t, indented, &(struct indent_want){ "VB1A", "Deelvisie", 4 }, WAIT),
	   "the third level is indented under VB1");
	ok(vt_wait_until(t, indented, &(struct indent_want){ "VB1", "\xe2\x96\xbe Gedeelde visie", 2 },
			 WAIT), "  the second level by two columns");
	/* VB has 5 notes, the busiest category (OR) 12: 2 of 3 blocks (the bar
	 * gives way to the starter codebook's long names); against the busiest
	 * factor (7) it would be 3. */
	e2e_row_shows(t, "VB", "\xe2\x96\x88\xe2\x96\x88", "VB has a bar");
	ok(vt_wait_until(t, row_has_no, &three, WAIT), "  of 2 blocks: 5 of the busiest category's 12");
	e2e_row_shows(t, "OR", "\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88",
		      "  OR, the busiest category, a full bar");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the sessions");
	e2e_quit(t);
}

/* For vt_wait_until: the code arg is on the selected row of a list that
 * may fill the screen (the overview's rows go past LIST_ROWS). */
static bool code_picked(vt *t, void *code)
{
	char cell[32];

	snprintf(cell, sizeof cell, "%s ", (const char *)code);
	return picked(t, cell);
}

/* End goes to the last factor of a codebook far past 512 factors (the
 * screens stopped there, while commands and exports showed all): in the
 * overview, the codebook and the picker, which tags with it. */
static void test_big_codebook(void)
{
	char path[4300], arg[4400], title[64];
	FILE *f;
	vt *t;
	int i;

	e2e_new_home("factors-big");
	snprintf(path, sizeof path, "%s/big.qdc", e2e_home);
	f = fopen(path, "w");
	if (!f)
		exit(99);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n", f);
	for (i = 0; i < 600; i++)
		fprintf(f, "<Code guid=\"5E5E5E5E-0000-4000-8000-%012d\" name=\"Code %d\""
			" isCodable=\"true\"><Description>Code: Q%d</Description></Code>\n", i, i, i);
	fputs("</Codes></CodeBook>\n", f);
	if (fclose(f) != 0)
		exit(99);
	snprintf(arg, sizeof arg, "import codebook '%s'", path);
	is_int(e2e_run(arg), 0, "a codebook of 600 codes imports (639 factors with the starter's)");
	t = open_notes();
	vt_type(t, "Een notitie voor de laatste factor");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 1 saved", "a note is saved");
	vt_type(t, F6);
	e2e_shows(t, "Tag note 1", "F6 opens the picker");
	vt_key(t, VT_END);
	if (!ok(vt_wait_until(t, code_picked, "Q599", WAIT), "End in the picker goes to Q599, the last"))
		vt_dump(t);
	vt_key(t, VT_ENTER);
	e2e_shows(t, "[\xc2\xb7] Q599", "Enter tags the note with it");
	is_str(e2e_tags_of(1), "Q599", "  in the database");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Find:", "Esc closes the picker");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the sessions");
	vt_type(t, "F");
	e2e_shows(t, "Factors", "F opens the overview");
	vt_key(t, VT_END);
	if (!ok(vt_wait_until(t, code_picked, "Q599", WAIT), "End in the overview goes to Q599"))
		vt_dump(t);
	e2e_row_shows(t, "Q599", " 1 ", "  which counts its note");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the sessions");
	vt_type(t, "K");
	snprintf(title, sizeof title, "%d factors", 639);
	e2e_shows(t, title, "K opens the codebook: all 639 factors");
	vt_key(t, VT_END);
	if (!ok(vt_wait_until(t, code_picked, "Q599", WAIT), "End in the codebook goes to Q599"))
		vt_dump(t);
	vt_key(t, VT_HOME);
	if (!ok(vt_wait_until(t, code_picked, "VB", WAIT), "Home goes back to the first, VB"))
		vt_dump(t);
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the sessions");
	e2e_quit(t);
}

int main(void)
{
	test_picker_and_digits();
	test_queue_and_overview();
	test_evidence_follows_filter();
	test_evidence_school_and_polarity();
	test_nine_digits_fit();
	test_sort_every_column();
	test_queue_skipped();
	test_digits_stay();
	test_config_pins();
	test_bars_and_levels();
	test_big_codebook();
	return tap_done();
}
