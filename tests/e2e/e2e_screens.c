/* e2e_screens.c: one interaction model for every screen (issue 9), checked
 * over every screen of the real stemtui with one table.
 *
 * A row of `screens` says how to open a screen from the programme browser
 * and what its list (or page) holds; for each row the test, in a stemtui
 * of its own,
 *   - walks every movement key the screen's help lists over a list of more
 *     than two screenfuls, checking the selected row's content after each
 *     key against a model of the moves (a line, a page, an end): up from
 *     the end, down from the start, staying put at both;
 *   - checks the status line's help and back (or quit) keys;
 *   - opens help with ? (where ? is not text) and F1, checks it lists the
 *     screen's keys, each key once and none that is text there, and that
 *     Esc closes it back to the same screen and selection;
 *   - goes back with Esc, and where letters are keys with q, Backspace
 *     and Left, to the screen that opened it, with its selection and
 *     filter as they were (where letters are text, q and ? are typed into
 *     the field, and Esc clears a filter first);
 *   - quits with F10: exit status 0, the terminal restored, no sanitizer
 *     report.
 * Help itself moves by entries (help_walk).  Empty lists (no notes, no
 * people, an empty codebook, a filter that matches nothing) take every
 * movement key without harm and say that they are empty.  Adding a screen
 * is adding a row. */
#include "config.h"

#include <sys/stat.h>

#include "core/attendance.h"
#include "core/codebook.h"
#include "core/codebook_import.h"
#include "core/db.h"
#include "core/note_kinds.h"
#include "core/notes.h"
#include "core/people.h"
#include "core/person_match.h"
#include "core/programme_import.h"
#include "core/session_match.h"
#include "core/tags.h"
#include "e2e.h"

/* ---- the data ------------------------------------------------------------ */

#define SESSIONS 60      /* in the programme shown first: S 001 .. S 060 */
#define PROGRAMMES 45    /* Programma 00 (that one) .. Programma 44 */
#define PEOPLE 50        /* Jo Lid 01 .. Jo Lid 50, registered for S 003 */
#define NOTES 60         /* Notitie 01 .. Notitie 60, at S 003 */
#define EVIDENCE 50      /* notes 1 .. 50 are tagged with Kenmerk 02 */
#define CATEGORIES 8     /* each with 6 factors: Kenmerk 01 .. Kenmerk 56 */
#define FACTORS (CATEGORIES * 7)
#define LONG_NOTE 58     /* a note of LONG_LINES lines: Regel 01 .. */
#define LONG_LINES 60
#define HISTORY_LINE 8   /* the person page's first session line */

static char big_home[4096], empty_home[4096];

static sqlite3 *open_db(const char *home)
{
	char path[4300];
	sqlite3 *db = NULL;
	st_err err;

	snprintf(path, sizeof path, "%s/data", home);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/data/stemtui", home);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/data/stemtui/stemtui.sqlite", home);
	if (db_open(path, &db, NULL, &err) != DB_OPEN_OK) {
		printf("Bail out! %s\n", err.msg);
		exit(99);
	}
	return db;
}

/* Writes text to home/name and returns the path (static). */
static const char *write_file(const char *home, const char *name, const char *text)
{
	static char path[4300];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", home, name);
	f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(99);
	}
	return path;
}

static void import_programme(sqlite3 *db, const char *home, const char *text)
{
	import_stats stats;
	st_err err;

	if (programme_import_file(db, write_file(home, "programme.ini", text), &stats, &err) != 0) {
		printf("Bail out! %s\n", err.msg);
		exit(99);
	}
}

/* A programme of n group sessions coded prefix 001.., dated from its
 * school year on. */
static void add_programme(sqlite3 *db, const char *home, const char *name, int year,
			  const char *prefix, int n)
{
	static char text[65536];
	size_t len;
	int i;

	len = (size_t)snprintf(text, sizeof text, "[programme]\nname = %s\nschool_year = %d-%d\n",
			       name, year, year + 1);
	for (i = 1; i <= n; i++)
		len += (size_t)snprintf(text + len, sizeof text - len,
					"\n[session %d]\ncode = %s %03d\nkind = groeisessie\n"
					"date = %d-%02d-%02d\nvenue = Zaal %d\ncity = Gent\n",
					i, prefix, i, year + 1, 1 + (i - 1) / 28, 1 + (i - 1) % 28, i);
	import_programme(db, home, text);
}

/* CATEGORIES categories of six factors each, named Kenmerk 01 .. in tree
 * order. */
static void add_codebook(sqlite3 *db, const char *home)
{
	static char text[65536];
	codebook_stats stats;
	size_t len = 0;
	st_err err;
	int c, f, k = 0;

	for (c = 1; c <= CATEGORIES; c++) {
		len += (size_t)snprintf(text + len, sizeof text - len,
					"[factor c%d]\ncode = C%d\nname = Kenmerk %02d\n\n", c, c, ++k);
		for (f = 1; f <= 6; f++)
			len += (size_t)snprintf(text + len, sizeof text - len,
						"[factor c%df%d]\ncode = C%dF%d\nparent = C%d\n"
						"name = Kenmerk %02d\n\n", c, f, c, f, c, ++k);
	}
	if (codebook_import_ini(db, write_file(home, "codebook.ini", text), &stats, &err) != 0) {
		printf("Bail out! %s\n", err.msg);
		exit(99);
	}
}

static long long session_id(sqlite3 *db, const char *code)
{
	long long id = 0;
	st_err err;

	if (session_resolve(db, code, 0, &id, &err) != 1) {
		printf("Bail out! no session %s\n", code);
		exit(99);
	}
	return id;
}

/* PEOPLE people signed up for S 003 through the sign-up list, each of
 * their own school. */
static void sign_up(void)
{
	static char csv[16384];
	char arg[4600];
	size_t len;
	int i;

	len = (size_t)snprintf(csv, sizeof csv, "voornaam,achternaam,rol,organisatie,e-mail,focus\n");
	for (i = 1; i <= PEOPLE; i++)
		len += (size_t)snprintf(csv + len, sizeof csv - len, "Jo,Lid %02d,leraar,School %02d,,\n",
					i, i);
	snprintf(arg, sizeof arg, "import people '%s' --expected 'S 003'",
		 write_file(e2e_home, "signup.csv", csv));
	if (e2e_run(arg) != 0) {
		printf("Bail out! %s failed\n", arg);
		exit(99);
	}
}

/* The notes at S 003, the evidence for Kenmerk 02, and the sessions the
 * coach came to. */
static void add_notes_and_history(sqlite3 *db)
{
	static char body[8192];
	long long s3 = session_id(db, "S 003"), factor;
	st_person coach = { 0 };
	st_factor f = { 0 };
	char code[16];
	st_err err;
	int i, len;

	for (i = 1; i <= NOTES; i++) {
		st_note n = { .session_id = s3, .kind = (char *)note_kind_key[0], .body = body,
			      .group_label = "", .author = "" };
		len = snprintf(body, sizeof body, "Notitie %02d", i);
		for (int l = 1; i == LONG_NOTE && l <= LONG_LINES; l++)
			len += snprintf(body + len, sizeof body - (size_t)len, "%sRegel %02d",
					l == 1 ? " " : "\n", l);
		if (note_add(db, &n, &err) != 0 || n.id != i) {
			printf("Bail out! note %d: %s\n", i, err.msg);
			exit(99);
		}
	}
	if (factor_find_code(db, "C1F1", &f, &err) != 1)
		exit(99);
	factor = f.id;
	factor_clear(&f);
	for (i = 1; i <= EVIDENCE; i++)
		tag_set(db, i, factor, 0, NULL, &err);
	if (person_resolve(db, "Jo Lid 05", &coach, &err) != 1)
		exit(99);
	for (i = 1; i <= SESSIONS; i++) {
		snprintf(code, sizeof code, "S %03d", i);
		attendance_set(db, session_id(db, code), coach.id, ATT_PRESENT, &err);
	}
	person_clear(&coach);
}

/* The home every screen is visited in: lists of more than two screens. */
static void make_big_home(void)
{
	char name[64];
	sqlite3 *db;
	int i;

	snprintf(big_home, sizeof big_home, "%s", e2e_new_home("screens-big"));
	db = open_db(big_home);
	add_programme(db, big_home, "Programma 00", 2030, "S", SESSIONS);
	for (i = 1; i < PROGRAMMES; i++) {
		snprintf(name, sizeof name, "Programma %02d", i);
		add_programme(db, big_home, name, 2029 - i, "X", 1);
	}
	add_codebook(db, big_home);
	db_close(db);
	sign_up();
	db = open_db(big_home);
	add_notes_and_history(db);
	db_close(db);
}

/* A home with one programme of two sessions and nothing else: no
 * codebook, no people, no schools, no notes. */
static void make_empty_home(void)
{
	sqlite3 *db;

	snprintf(empty_home, sizeof empty_home, "%s", e2e_new_home("screens-empty"));
	db = open_db(empty_home);
	add_programme(db, empty_home, "Leeg 00", 2030, "E", 2);
	db_close(db);
}

static vt *start_in(const char *home)
{
	snprintf(e2e_home, sizeof e2e_home, "%s", home);
	return e2e_start(&(struct e2e_opts){ 0 });
}

/* ---- keys ---------------------------------------------------------------- */

/* Types a script: characters as they are, and <Name> for a key.  Esc is
 * left out on purpose: a lone Esc with bytes right behind it is Alt. */
static void keys(vt *t, const char *script)
{
	static const struct { const char *name; enum vt_key key; const char *bytes; } named[] = {
		{ "Up", VT_UP, NULL }, { "Down", VT_DOWN, NULL }, { "Left", VT_LEFT, NULL },
		{ "Home", VT_HOME, NULL }, { "End", VT_END, NULL },
		{ "PgUp", VT_PGUP, NULL }, { "PgDn", VT_PGDN, NULL }, { "Enter", VT_ENTER, NULL },
		{ "Tab", VT_TAB, NULL }, { "BS", VT_BACKSPACE, NULL }, { "F1", VT_F1, NULL },
		{ "F6", 0, "\033[17~" }, { "F10", 0, "\033[21~" }, { "Ctrl-B", 0, "\002" },
		{ "Ctrl-F", 0, "\006" },
	};
	char one[2] = { 0 };
	const char *end;
	size_t i, len;

	while (*script) {
		if (*script != '<' || !(end = strchr(script, '>'))) {
			one[0] = *script++;
			vt_type(t, one);
			continue;
		}
		len = (size_t)(end - script - 1);
		for (i = 0; i < sizeof named / sizeof named[0]; i++) {
			if (strlen(named[i].name) != len || strncmp(named[i].name, script + 1, len) != 0)
				continue;
			if (named[i].bytes)
				vt_type(t, named[i].bytes);
			else
				vt_key(t, named[i].key);
			break;
		}
		if (i == sizeof named / sizeof named[0]) {
			printf("Bail out! unknown key %.*s\n", (int)len, script + 1);
			exit(99);
		}
		script = end + 1;
	}
}

/* ---- what the screen shows --------------------------------------------- */

#define SEL_COL 40   /* a list's selection spans the row; a picker's box too */

/* The row (1 .. rows-2: not the title or status line) shown selected, or -1. */
static int selected_row(vt *t)
{
	int r;

	for (r = 1; r < E2E_ROWS - 1; r++)
		if (vt_cell_reverse(t, r, SEL_COL))
			return r;
	return -1;
}

static bool row_has(vt *t, int row, const char *text)
{
	char *s = vt_row(t, row);
	bool has = strstr(s, text) != NULL;

	free(s);
	return has;
}

static bool sel_shows(vt *t, void *text)
{
	int r = selected_row(t);

	return r >= 0 && row_has(t, r, text);
}

static bool nothing_selected(vt *t, void *arg)
{
	(void)arg;
	return selected_row(t) < 0;
}

static bool restored(vt *t, void *arg)
{
	(void)arg;
	return !vt_altscreen(t) && vt_cursor_visible(t) && !vt_mouse_on(t);
}

/* The row with the cursor (a field being typed in) shows text. */
static bool field_shows(vt *t, void *text)
{
	int row;

	vt_cursor(t, &row, NULL);
	return row_has(t, row, text);
}

static bool wait_field(vt *t, const char *text, const char *what)
{
	if (ok(vt_wait_until(t, field_shows, (void *)text, WAIT), "%s", what))
		return true;
	diag("expected the field to show \"%s\"", text);
	vt_dump(t);
	return false;
}

static bool wait_text(vt *t, const char *text, const char *what)
{
	if (ok(vt_wait_text(t, text, WAIT), "%s", what))
		return true;
	diag("expected \"%s\" on screen", text);
	vt_dump(t);
	return false;
}

static bool wait_selected(vt *t, const char *label, const char *what)
{
	if (ok(vt_wait_until(t, sel_shows, (void *)label, WAIT), "%s", what))
		return true;
	diag("expected the selected row to show \"%s\"", label);
	vt_dump(t);
	return false;
}

/* ---- the table ----------------------------------------------------------- */

/* What the movement keys move: nothing, a list's selection, a page's
 * first line, or help's first entry. */
enum moves { NONE, LIST, PAGE, ENTRIES };
/* Where typing goes: nowhere (letters are keys), a type-to-find field
 * above a list (Esc clears it first), or the note editor (Esc keeps what
 * is typed as a draft and goes back). */
enum field { KEYS, FILTER, EDITOR };

struct screen;
/* True when the screen shows position pos of its list or page. */
typedef bool at_fn(vt *t, const struct screen *s, int pos);

struct screen {
	const char *name;
	const char *path;      /* keys from the browser (S 003 selected) to the
				  opener; NULL: the browser opens it */
	const char *opener;    /* text the opener shows (with path) */
	const char *opener_sel;/* the opener's selected row, or NULL */
	const char *enter;     /* keys from the opener to this screen; NULL:
				  the first screen */
	const char *marker;    /* text only this screen shows */
	enum field field;      /* where typing goes: letters, ? and q are text there */
	enum moves moves;
	const char *label;     /* row i shows label and i + 1 in `digits` digits */
	int digits;
	bool from_zero;        /* row i shows i instead */
	int n;                 /* rows of the list (lines of a page) */
	int start;             /* selected when opened: 0, or -1 for the last */
	int page;              /* rows a page moves (a list's height) */
	at_fn *at;             /* NULL: the selected row shows label */
	bool boxed;            /* drawn over its screen, status line and all */
	const char *help[3];   /* "keys\tdescription" its help must show */
	const char *not_help;  /* a description its help must not show */
	const char *back;      /* what its help says Esc, q, Backspace and Left
				  do, where not "go back to the screen..." */
};

static bool person_at(vt *t, const struct screen *s, int pos);
static bool note_at(vt *t, const struct screen *s, int pos);

#define BROWSER_SEL "S 003"
#define HELP_MARK "Keys on this screen"
#define MID "  \xc2\xb7  "   /* the titles' separator */
#define TITLE "\xe2\x94\x82  "   /* what a screen's title follows */

static const struct screen screens[] = {
	{ .name = "browser", .marker = "Programma 00", .moves = LIST, .label = "S ", .digits = 3,
	  .n = SESSIONS, .start = 2, .page = 14,
	  .help = { "p\tswitch to another programme", "s\tsort by code" },
	  .not_help = "go back to the screen" },
	{ .name = "session detail", .enter = "<Enter>", .marker = "Session S 003",
	  .help = { "a\tcheck people in", "c\ttake co-creation notes", "PgDn, Ctrl-F, Space\tpage down" },
	  .not_help = "open the selected row" },
	{ .name = "attendance", .enter = "a", .marker = "Attendance" MID "S 003", .field = FILTER,
	  .moves = LIST, .label = "Lid ", .digits = 2, .n = PEOPLE, .page = 17,
	  .help = { "Enter\tmark the selected person present" }, .not_help = "go back to the screen" },
	{ .name = "people", .enter = "P", .marker = "People" MID "50", .field = FILTER, .moves = LIST,
	  .label = "Lid ", .digits = 2, .n = PEOPLE, .page = 20,
	  .help = { "Ctrl-R\tshow only people with one role" }, .not_help = "go back to the screen" },
	{ .name = "person", .path = "PLid 0<Down><Down><Down><Down>", .opener = "Name: Lid 0",
	  .opener_sel = "Lid 05", .enter = "<Enter>", .marker = "Person" MID "Jo Lid 05", .moves = PAGE,
	  .n = HISTORY_LINE + SESSIONS, .page = 21, .at = person_at, .help = { "c\tlink a school" } },
	{ .name = "organisations", .enter = "O", .marker = "Schools and partners", .field = FILTER,
	  .moves = LIST, .label = "School ", .digits = 2, .n = PEOPLE, .page = 20,
	  .help = { "Ctrl-N, F7\tadd a new one" }, .not_help = "go back to the screen" },
	{ .name = "organisation", .path = "O<Down><Down><Down>", .opener = "Schools and partners",
	  .opener_sel = "School 04", .enter = "<Enter>", .marker = "Techniekcoaches of this school",
	  .help = { "e, Ctrl-E, F4\tedit the selected one" }, .not_help = "move up" },
	{ .name = "notes (typing)", .enter = "c", .marker = "Notes" MID "S 003", .field = EDITOR,
	  .help = { "End, Ctrl-E\tcursor to the end of the line", "F4, Ctrl-O\tthe person or school",
		    "Ctrl-J\tstart a new line" }, .not_help = "edit the selected one" },
	{ .name = "notes (list)", .path = "c", .opener = "New note:", .enter = "<Tab>",
	  .marker = "Notes" MID "S 003", .moves = LIST, .label = "Notitie ", .digits = 2, .n = NOTES,
	  .start = -1, .page = 14, .help = { "Tab\tgo back to typing", "Enter\topen the selected row" },
	  .not_help = "save the note", .back = "go back to typing the note" },
	/* Its title: the notes list shows "Note 58:" too, on its tag line. */
	{ .name = "note", .path = "c<Tab><Up><Up>", .opener = "New note:", .opener_sel = "Notitie 58",
	  .enter = "<Enter>", .marker = TITLE "Note 58", .moves = PAGE, .n = LONG_LINES, .at = note_at,
	  .help = { "F6, #\ttag the note" } },
	{ .name = "review", .enter = "R", .marker = "Notes" MID "60", .moves = LIST, .label = "Notitie ",
	  .digits = 2, .n = NOTES, .start = -1, .page = 21,
	  .help = { "/\tsearch the notes", "u\twalk the untagged notes" },
	  .back = "first drop the search, filters and trash" },
	{ .name = "review queue", .enter = "u", .marker = "Untagged notes",
	  .help = { "Enter, n, Space\tthe next untagged note" }, .not_help = "move up" },
	{ .name = "factor overview", .enter = "F", .marker = "Factors" MID, .moves = LIST,
	  .label = "Kenmerk ", .digits = 2, .n = FACTORS, .page = 18,
	  .help = { "z, Tab\tfold or unfold", "o\tthe factors tagged together" } },
	{ .name = "evidence", .path = "F<Down>", .opener = "Factors" MID, .opener_sel = "Kenmerk 02",
	  .enter = "<Enter>", .marker = "Notes" MID "50", .moves = LIST, .label = "Notitie ",
	  .digits = 2, .n = EVIDENCE, .start = -1, .page = 21, .help = { "f\tfilter by programme" },
	  .back = "first drop the search, filters and trash" },
	{ .name = "codebook", .enter = "K", .marker = "Codebook" MID, .moves = LIST, .label = "Kenmerk ",
	  .digits = 2, .n = FACTORS, .page = 17,
	  .help = { "m\tmove the selected factor", "M\tmerge the selected factor" } },
	{ .name = "factor picker", .path = "R", .opener = "Notes" MID "60", .opener_sel = "Notitie 60",
	  .enter = "<F6>", .marker = "Tag note 60", .field = FILTER, .moves = LIST,
	  .label = "Kenmerk ", .digits = 2, .n = FACTORS, .page = 13, .boxed = true,
	  .help = { "Enter\ttag the note with the selected factor" } },
	{ .name = "programme picker", .enter = "p", .marker = "Programme", .moves = LIST,
	  .label = "Programma ", .digits = 2, .from_zero = true, .n = PROGRAMMES, .page = 18,
	  .boxed = true, .help = { "Enter\topen the selected row" },
	  .not_help = "switch to another programme" },
	{ .name = "help", .enter = "?", .marker = HELP_MARK, .moves = ENTRIES },
};

#define NSCREENS (sizeof screens / sizeof screens[0])

/* Letters, ? and q are text on this screen. */
static bool typing(const struct screen *s)
{
	return s->field != KEYS;
}

static bool is_first(const struct screen *s)
{
	return !s->enter;
}

static bool is_help(const struct screen *s)
{
	return s->moves == ENTRIES;
}

/* The text of row i (0-based) of the list. */
static const char *label_of(const struct screen *s, int i)
{
	static char buf[64];

	snprintf(buf, sizeof buf, "%s%0*d", s->label, s->digits, i + 1);
	return buf;
}

/* The person page: the name, a blank, four fields, a blank, "60
 * sessions", then the sessions newest first (S 060 ..) from line
 * HISTORY_LINE.  The session nearest the top is on the row that says
 * where the page is scrolled to. */
static bool person_at(vt *t, const struct screen *s, int pos)
{
	int history = pos > HISTORY_LINE ? pos - HISTORY_LINE : 0;
	char code[16];

	(void)s;
	snprintf(code, sizeof code, "S %03d", SESSIONS - history);
	return row_has(t, 1 + HISTORY_LINE + history - pos, code);
}

/* The note page: its text starts on row note_top, where the line pos is
 * once scrolled there. */
static int note_top;

/* Finds the row where the long note's text starts (its first line, at the
 * left edge) into *top; false while it is not shown.  Not "Regel 01"
 * anywhere: the notes list that opens the note shows its first line too,
 * further right in its row. */
static bool note_text_shown(vt *t, void *top)
{
	char first[32];
	int r;

	snprintf(first, sizeof first, "Notitie %02d Regel 01", LONG_NOTE);
	for (r = 0; r < E2E_ROWS; r++)
		if (vt_find_col(t, r, first) == 1) {
			*(int *)top = r;
			return true;
		}
	return false;
}

static bool note_at(vt *t, const struct screen *s, int pos)
{
	char line[24];   /* "Regel " and any int (-Wformat-truncation) */

	(void)s;
	snprintf(line, sizeof line, "Regel %02d", pos + 1);
	return row_has(t, note_top, line);
}

struct at_arg { const struct screen *s; int pos; };

static bool shows_pos(vt *t, void *arg)
{
	const struct at_arg *a = arg;

	if (a->s->at)
		return a->s->at(t, a->s, a->pos);
	return sel_shows(t, (void *)label_of(a->s, a->pos - a->s->from_zero));
}

/* Checks (waiting for it) that position pos shows. */
static bool check_pos(vt *t, const struct screen *s, int pos, const char *what)
{
	struct at_arg a = { s, pos };

	if (ok(vt_wait_until(t, shows_pos, &a, WAIT), "%s: %s", s->name, what))
		return true;
	diag("expected position %d of %d", pos, s->n);
	vt_dump(t);
	return false;
}

/* ---- moving -------------------------------------------------------------- */

enum move { UP, DOWN, PAGE_UP, PAGE_DOWN, FIRST, LAST };

/* From the end up, from the start down, staying put at both ends; each
 * key that keeps the position is followed by one that moves from it, so a
 * wrong stay cannot hide. */
static const struct { const char *key; enum move m; bool letter; } walk[] = {
	{ "<End>", LAST, false }, { "<Down>", DOWN, false }, { "<PgDn>", PAGE_DOWN, false },
	{ "k", UP, true }, { "<Up>", UP, false }, { "<PgUp>", PAGE_UP, false },
	{ "<Ctrl-B>", PAGE_UP, false }, { "<Home>", FIRST, false }, { "<Up>", UP, false },
	{ "<PgUp>", PAGE_UP, false }, { "j", DOWN, true }, { "<Down>", DOWN, false },
	{ "<PgDn>", PAGE_DOWN, false }, { "<Ctrl-F>", PAGE_DOWN, false }, { " ", PAGE_DOWN, true },
	{ "G", LAST, true }, { "<Up>", UP, false }, { "g", FIRST, true }, { "<Down>", DOWN, false },
};

/* Where a move goes: a line, a page (a list's height; a page's room less
 * one line), an end; never past the ends. */
static int moved(int pos, enum move m, int last, int page)
{
	switch (m) {
	case UP: pos--; break;
	case DOWN: pos++; break;
	case PAGE_UP: pos -= page; break;
	case PAGE_DOWN: pos += page; break;
	case FIRST: pos = 0; break;
	case LAST: pos = last; break;
	}
	return pos < 0 ? 0 : pos > last ? last : pos;
}

/* "<PgDn>" as "PgDn", " " as "Space". */
static const char *key_name(const char *key)
{
	static char buf[16];

	if (strcmp(key, " ") == 0)
		return "Space";
	snprintf(buf, sizeof buf, "%.*s", (int)strcspn(key + (*key == '<'), ">"), key + (*key == '<'));
	return buf;
}

/* The last position a move can reach, and the size of a page: for a
 * list, its last row and its height; for a page, its last first line
 * and the room less one.  The note page's room is measured. */
static void extent(vt *t, const struct screen *s, int *last, int *page)
{
	if (s->moves == LIST) {
		*last = s->n - 1;
		*page = s->page;
		return;
	}
	if (s->at == note_at) {
		note_top = -1;
		vt_wait_until(t, note_text_shown, &note_top, WAIT);
		*page = E2E_ROWS - 1 - note_top - 1;
		*last = s->n - (*page + 1);
		return;
	}
	*page = s->page;
	*last = s->n - (s->page + 1);
}

/* Position pos in words: the row a list selects, the line a page shows
 * at its top. */
static const char *pos_name(const struct screen *s, int pos)
{
	static char buf[64];

	if (s->moves == LIST)
		return label_of(s, pos - s->from_zero);
	snprintf(buf, sizeof buf, "line %d at the top", pos + 1);
	return buf;
}

/* Opens the screen's list or page where it should, then every movement
 * key of the walk that works there; returns the position it ends at, or
 * -1 after the first key that went wrong (where the screen is then is
 * unknown). */
static int walk_moves(vt *t, const struct screen *s)
{
	int last, page, pos;
	size_t i;
	char what[128];

	extent(t, s, &last, &page);
	pos = s->start < 0 ? last : s->start;
	snprintf(what, sizeof what, "opens with %s", pos_name(s, pos));
	if (!check_pos(t, s, pos, what))
		return -1;
	for (i = 0; i < sizeof walk / sizeof walk[0]; i++) {
		if (walk[i].letter && typing(s))
			continue;
		keys(t, walk[i].key);
		pos = moved(pos, walk[i].m, last, page);
		snprintf(what, sizeof what, "%s: %s", key_name(walk[i].key), pos_name(s, pos));
		if (!check_pos(t, s, pos, what))
			return -1;
	}
	return pos;
}

/* ---- help ---------------------------------------------------------------- */

#define HELP_MAX 128
#define HELP_FIRST_ROW 4   /* the first entry's row */

struct help_entry { char keys[96], desc[160]; };

/* Splits a help row "  keys   description" (keys in a column of their
 * own, 22 wide: a key list that fills it would not split); false for
 * headings, wrapped lines and notes. */
static bool parse_entry(const char *row, struct help_entry *e)
{
	const char *gap;
	size_t n;

	if (strncmp(row, "  ", 2) != 0 || row[2] == ' ' || !(gap = strstr(row + 2, "  ")))
		return false;
	n = (size_t)(gap - row - 2);
	snprintf(e->keys, sizeof e->keys, "%.*s", (int)n, row + 2);
	while (*gap == ' ')
		gap++;
	snprintf(e->desc, sizeof e->desc, "%s", gap);
	return *e->desc != '\0';
}

static bool help_more(vt *t, void *arg)
{
	(void)arg;
	return vt_find_row(t, "More below") >= 0;
}

struct row_change { int row; const char *was; };

static bool row_changed(vt *t, void *arg)
{
	const struct row_change *c = arg;
	char *s = vt_row(t, c->row);
	bool changed = strcmp(s, c->was) != 0;

	free(s);
	return changed;
}

/* Reads every entry of the help shown, paging down through it. */
static int help_collect(vt *t, struct help_entry *out, int max)
{
	struct help_entry e;
	int n = 0, r, pages;
	char *first;
	bool seen;

	keys(t, "<Home>");
	vt_wait_idle(t, WAIT);
	for (pages = 0; pages < 20; pages++) {
		for (r = HELP_FIRST_ROW; r < E2E_ROWS - 2; r++) {
			char *row = vt_row(t, r);
			if (parse_entry(row, &e) && n < max) {
				seen = false;
				for (int i = 0; i < n && !seen; i++)
					seen = !strcmp(out[i].keys, e.keys) && !strcmp(out[i].desc, e.desc);
				if (!seen)
					out[n++] = e;
			}
			free(row);
		}
		if (!help_more(t, NULL))
			break;
		first = vt_row(t, HELP_FIRST_ROW);
		keys(t, "<PgDn>");
		if (!vt_wait_until(t, row_changed, &(struct row_change){ HELP_FIRST_ROW, first }, WAIT))
			pages = 20;
		vt_wait_idle(t, WAIT);   /* the whole page, not its first rows */
		free(first);
	}
	return n;
}

/* want is "keys\tthe start of the description". */
static bool help_has(const struct help_entry *e, int n, const char *want)
{
	size_t nkeys = strcspn(want, "\t");
	const char *desc = want + nkeys + 1;
	int i;

	for (i = 0; i < n; i++)
		if (strlen(e[i].keys) == nkeys && !strncmp(e[i].keys, want, nkeys) &&
		    !strncmp(e[i].desc, desc, strlen(desc)))
			return true;
	return false;
}

static bool help_mentions(const struct help_entry *e, int n, const char *desc)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strncmp(e[i].desc, desc, strlen(desc)))
			return true;
	return false;
}

/* The rows every screen's help must show, as the screen works. */
static int expected_help(const struct screen *s, const char **want)
{
	/* [typing]: where letters are text, only the keys that are not */
	static const char *const moves[2][6] = {
		{ "\xe2\x86\x91, k\tmove up", "\xe2\x86\x93, j\tmove down", "PgUp, Ctrl-B\tpage up",
		  "PgDn, Ctrl-F, Space\tpage down", "Home, g\tgo to the first line",
		  "End, G\tgo to the last line" },
		{ "\xe2\x86\x91\tmove up", "\xe2\x86\x93\tmove down", "PgUp, Ctrl-B\tpage up",
		  "PgDn, Ctrl-F\tpage down", "Home\tgo to the first line", "End\tgo to the last line" },
	};
	static char back[128];
	int n = 0, i;

	if (s->moves != NONE)
		for (i = 0; i < 6; i++)
			want[n++] = moves[typing(s)][i];
	want[n++] = typing(s) ? "F1\tshow the keys" : "?, F1\tshow the keys";
	if (is_first(s))
		want[n++] = "q\tquit stemtui";
	else if (s->field == EDITOR)   /* a note is not cleared: it is kept as a draft */
		want[n++] = "Esc\tgo back; the note being typed is kept as a draft";
	else if (typing(s))
		want[n++] = "Esc\tclear what is typed";
	else {
		snprintf(back, sizeof back, "Esc, q, Backspace, \xe2\x86\x90\t%s",
			 s->back ? s->back : "go back to the screen");
		want[n++] = back;
	}
	want[n++] = "F10\tquit stemtui from any screen";
	for (i = 0; i < 3 && s->help[i]; i++)
		want[n++] = s->help[i];
	return n;
}

/* A key a field takes as text: on a screen with a field, help must not
 * offer it for anything else. */
static bool printable(const char *key)
{
	return (strlen(key) == 1 && key[0] > ' ' && key[0] < 127) || !strcmp(key, "Space");
}

/* Every key the help shows is bound once, and is not text where typing
 * goes to a field. */
static void check_keys_once(const struct screen *s, const struct help_entry *e, int n)
{
	char seen[64][32], key[32];
	int nseen = 0, i, j, dup = 0, text = 0;
	const char *p, *comma;

	for (i = 0; i < n; i++) {
		for (p = e[i].keys; *p; p = comma ? comma + 2 : p + strlen(p)) {
			comma = strstr(p, ", ");
			snprintf(key, sizeof key, "%.*s", (int)(comma ? comma - p : (long)strlen(p)), p);
			for (j = 0; j < nseen; j++)
				if (!strcmp(seen[j], key) && ++dup)
					diag("%s: %s is listed twice (\"%s\")", s->name, key, e[i].desc);
			if (typing(s) && printable(key) && ++text)
				diag("%s: %s is text here, but help offers it for \"%s\"", s->name, key,
				     e[i].desc);
			if (nseen < 64)
				snprintf(seen[nseen++], sizeof seen[0], "%s", key);
		}
	}
	ok(!dup, "%s: help lists each key once", s->name);
	ok(!text, "%s: help offers no key that is text there", s->name);
}

static void check_help_content(vt *t, const struct screen *s)
{
	struct help_entry e[HELP_MAX];
	const char *want[16];
	int n = help_collect(t, e, HELP_MAX), nwant = expected_help(s, want), i, missing = 0;

	for (i = 0; i < nwant; i++)
		if (!help_has(e, n, want[i]) && ++missing)
			diag("%s: help lacks \"%s\"", s->name, want[i]);
	if (!ok(!missing, "%s: help lists the screen's keys", s->name))
		for (i = 0; i < n; i++)
			diag("  |%s|%s|", e[i].keys, e[i].desc);
	if (s->not_help)
		ok(!help_mentions(e, n, s->not_help), "%s: help does not offer \"%s\"", s->name,
		   s->not_help);
	check_keys_once(s, e, n);
}

/* ---- moving in help ------------------------------------------------------ */

/* The help's first entry shown is the one describing desc. */
static bool help_top_is(vt *t, void *desc)
{
	struct help_entry e;
	char *row = vt_row(t, HELP_FIRST_ROW);
	bool is = parse_entry(row, &e) && !strncmp(e.desc, desc, strlen(desc));

	free(row);
	return is;
}

static bool help_at_end(vt *t, void *arg)
{
	(void)arg;
	return vt_find_row(t, "Mouse: a click") >= 0 && !help_more(t, NULL);
}

static void check_help_top(vt *t, const char *desc, const char *what)
{
	if (!ok(vt_wait_until(t, help_top_is, (void *)desc, WAIT), "help: %s", what)) {
		diag("expected \"%s\" first", desc);
		vt_dump(t);
	}
}

/* The description of the last entry shown (static), for paging. */
static const char *help_last_shown(vt *t)
{
	static struct help_entry last;
	struct help_entry e;
	int r;

	vt_wait_idle(t, WAIT);
	last.desc[0] = '\0';
	for (r = HELP_FIRST_ROW; r < E2E_ROWS - 2; r++) {
		char *row = vt_row(t, r);
		if (parse_entry(row, &e))
			last = e;
		free(row);
	}
	return last.desc;
}

/* Help is a page of entries (the browser's is longer than a screen): a
 * line moves one entry, a page brings the last entry shown to the top
 * and back, the ends show the first entry and the mouse note. */
static void help_walk(vt *t)
{
	static const char *const pages[][2] = { { "<PgDn>", "<PgUp>" }, { "<Ctrl-F>", "<Ctrl-B>" },
						{ " ", "<PgUp>" } };
	char last[160], what[160];
	size_t i;

	check_help_top(t, "move up", "opens at its first key");
	keys(t, "j");
	check_help_top(t, "move down", "j scrolls one entry");
	keys(t, "<Down>");
	check_help_top(t, "page up", "Down too");
	keys(t, "k");
	check_help_top(t, "move down", "k scrolls back");
	keys(t, "<Up>");
	check_help_top(t, "move up", "Up too");
	keys(t, "<Up>j");
	check_help_top(t, "move down", "Up stays at the top");
	keys(t, "k");
	for (i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		check_help_top(t, "move up", "at the top");
		snprintf(last, sizeof last, "%s", help_last_shown(t));
		keys(t, pages[i][0]);
		snprintf(what, sizeof what, "%s brings the last entry shown to the top",
			 key_name(pages[i][0]));
		check_help_top(t, last, what);
		keys(t, pages[i][1]);
		snprintf(what, sizeof what, "%s goes back a page", key_name(pages[i][1]));
		check_help_top(t, "move up", what);
	}
	keys(t, "<End>");
	ok(vt_wait_until(t, help_at_end, NULL, WAIT), "help: End shows the end, with the mouse note");
	keys(t, "<Down><Home>");
	check_help_top(t, "move up", "Home goes to the top");
	keys(t, "G");
	ok(vt_wait_until(t, help_at_end, NULL, WAIT), "help: G shows the end");
	keys(t, "g");
	check_help_top(t, "move up", "g goes to the top");
}

/* ---- one screen ---------------------------------------------------------- */

/* The screen is shown again, its selection where it was. */
static void check_still(vt *t, const struct screen *s, int pos, const char *after)
{
	char what[160];

	snprintf(what, sizeof what, "%s: after %s the screen is back", s->name, after);
	wait_text(t, s->marker, what);
	if ((s->moves == LIST || s->moves == PAGE) && pos >= 0) {   /* < 0: the walk failed */
		snprintf(what, sizeof what, "after %s the position is kept", after);
		check_pos(t, s, pos, what);
	}
}

static bool help_gone(vt *t, void *arg)
{
	(void)arg;
	return vt_find_row(t, HELP_MARK) < 0;
}

/* ? (where it is not text) and F1 open this screen's help; Esc closes it.
 * Where ? is text, it is typed (and taken out again). */
static void check_help(vt *t, const struct screen *s, int pos)
{
	char what[160];

	if (!typing(s)) {
		keys(t, "?");
		snprintf(what, sizeof what, "%s: ? opens help", s->name);
		if (wait_text(t, HELP_MARK, what))
			check_help_content(t, s);
		vt_key(t, VT_ESC);
		ok(vt_wait_until(t, help_gone, NULL, WAIT), "%s: Esc closes help", s->name);
		check_still(t, s, pos, "help");
	}
	keys(t, "<F1>");
	snprintf(what, sizeof what, "%s: F1 opens help", s->name);
	if (wait_text(t, HELP_MARK, what) && typing(s))
		check_help_content(t, s);
	vt_key(t, VT_ESC);
	ok(vt_wait_until(t, help_gone, NULL, WAIT), "%s: Esc closes help (F1)", s->name);
	check_still(t, s, pos, "F1 help");
	if (typing(s)) {
		keys(t, "?");
		snprintf(what, sizeof what, "%s: ? is typed into the field", s->name);
		wait_field(t, "?", what);
		ok(vt_find_row(t, HELP_MARK) < 0, "%s: ? is text here, no help", s->name);
		keys(t, "<BS>");
	}
}

/* The opener is back, with its selection (and filter) as it was. */
static void check_opener(vt *t, const struct screen *s, const char *how)
{
	const char *opener = s->path ? s->opener : "Programma 00";
	const char *sel = s->opener_sel ? s->opener_sel : s->path ? NULL : BROWSER_SEL;
	char what[160];

	snprintf(what, sizeof what, "%s: %s goes back to the screen that opened it", s->name, how);
	wait_text(t, opener, what);
	snprintf(what, sizeof what, "%s: %s keeps the opener's selection", s->name, how);
	if (sel)
		wait_selected(t, sel, what);
	else if (!ok(vt_wait_until(t, nothing_selected, NULL, WAIT), "%s", what))
		vt_dump(t);
}

/* From the browser with S 003 selected to the screen. */
static void open_screen(vt *t, const struct screen *s)
{
	char what[160];

	wait_selected(t, "S 001", "the browser opens on S 001");
	keys(t, "jj");
	wait_selected(t, BROWSER_SEL, "j j selects S 003");
	if (s->path) {
		keys(t, s->path);
		snprintf(what, sizeof what, "%s: its opener is up", s->name);
		wait_text(t, s->opener, what);
		if (s->opener_sel)
			wait_selected(t, s->opener_sel, "  with its row selected");
	}
	if (s->enter)
		keys(t, s->enter);
	snprintf(what, sizeof what, "%s: it opens", s->name);
	wait_text(t, s->marker, what);
}

static void reopen(vt *t, const struct screen *s)
{
	char what[160];

	keys(t, s->enter);
	snprintf(what, sizeof what, "%s: it opens again", s->name);
	wait_text(t, s->marker, what);
}

/* Where typing goes to a field, q is text, and Esc clears a filter first;
 * the note editor keeps its text as a draft on Esc, so it is erased. */
static void check_q_is_text(vt *t, const struct screen *s)
{
	char what[160];

	keys(t, "q?");
	snprintf(what, sizeof what, "%s: q is text here", s->name);
	wait_field(t, "q?", what);
	if (s->field == EDITOR) {
		keys(t, "<BS><BS>");
	} else {
		vt_key(t, VT_ESC);
		snprintf(what, sizeof what, "%s: Esc clears the field first", s->name);
		if (!ok(vt_wait_gone(t, "q?", WAIT) && vt_find_row(t, s->marker) >= 0, "%s", what))
			vt_dump(t);
	}
	vt_wait_idle(t, WAIT);
}

/* Each key help gives for going back goes back: Esc, and where letters
 * are keys also q, Backspace and Left.  The screen is open again after. */
static void check_back(vt *t, const struct screen *s)
{
	static const char *const back[] = { "Esc", "q", "<BS>", "<Left>" };
	size_t i, n = typing(s) ? 1 : sizeof back / sizeof back[0];

	if (typing(s))
		check_q_is_text(t, s);
	for (i = 0; i < n; i++) {
		if (i == 0)
			vt_key(t, VT_ESC);
		else
			keys(t, back[i]);
		check_opener(t, s, back[i]);
		reopen(t, s);
	}
}

static void check_quit(vt *t, const struct screen *s)
{
	keys(t, "<F10>");
	is_int(vt_wait_exit(t, WAIT), 0, "F10 quits with status 0");
	if (!ok(vt_wait_until(t, restored, NULL, WAIT),
		"%s: after F10 the terminal is restored (main screen, cursor, no mouse)", s->name))
		vt_dump(t);
	vt_free(t);
	e2e_no_sanitizer_report();
}

/* The status line ends with the keys that always work, as they work
 * here: help (F1 where ? is text), and back (or quit on the first
 * screen).  A picker is drawn over its screen's status line. */
static void check_status(vt *t, const struct screen *s)
{
	const char *tail = is_first(s) ? "? help  q quit" : is_help(s) ? "Esc back"
			   : typing(s) ? "F1 help  Esc back" : "? help  Esc back";

	if (s->boxed)
		return;
	if (!ok(vt_wait_row_text(t, E2E_ROWS - 1, tail, WAIT), "%s: the status line says \"%s\"",
		s->name, tail))
		vt_dump(t);
}

static void visit(const struct screen *s)
{
	vt *t = start_in(big_home);
	int pos = 0;

	diag("---- %s", s->name);
	open_screen(t, s);
	check_status(t, s);
	if (s->moves == LIST || s->moves == PAGE)
		pos = walk_moves(t, s);
	if (is_help(s))
		help_walk(t);
	if (!is_help(s))
		check_help(t, s, pos);
	if (is_first(s)) {
		check_quit(t, s);
		return;
	}
	check_back(t, s);
	check_quit(t, s);
}

/* ---- empty lists --------------------------------------------------------- */

struct empty {
	const char *name;
	const char *open;      /* keys from the browser, its first row selected */
	const char *says;      /* what the screen says about its empty list */
	bool text;             /* letters are text here */
	const char *first_esc; /* what Esc shows first (the filter cleared, the
				  opener), or NULL: Esc is back in the browser */
	const char *then;      /* more keys, and what they say (or NULL) */
	const char *then_says;
};

/* In the home without codebook, people, schools or notes. */
static const struct empty empties[] = {
	{ "browser, a kind without sessions", "f<Down><Enter>", "No sessions of this kind", false, NULL,
	  NULL, NULL },
	{ "attendance, nobody registered", "a", "Nobody registered yet", true, NULL, NULL, NULL },
	{ "people, nobody", "P", "Nobody matches", true, NULL, NULL, NULL },
	{ "organisations, none", "O", "No organisation matches", true, NULL, NULL, NULL },
	{ "notes, none yet", "c", "No notes yet at this session", true, NULL, "<Tab>",
	  "the list is empty" },
	{ "review, no notes", "R", "No notes match", false, NULL, NULL, NULL },
	{ "review queue, no notes", "u", "Every note here is tagged", false, NULL, NULL, NULL },
	{ "factor overview, empty codebook", "F", "The codebook is empty", false, NULL, NULL, NULL },
	{ "codebook, empty", "K", "The codebook is empty", false, NULL, NULL, NULL },
};

/* In the big home: filters and a factor that match nothing. */
static const struct empty filtered[] = {
	{ "attendance, no such name", "azzz", "Nobody by that name", true, "Lid 05", NULL, NULL },
	{ "people, no such name", "Pzzz", "Nobody matches", true, "Lid 01", NULL, NULL },
	{ "organisations, no such name", "Ozzz", "No organisation matches", true, "School 01", NULL,
	  NULL },
	{ "review, a search without matches", "R/zzz<Enter>", "No notes match", false, "Notitie 60",
	  NULL, NULL },
	{ "evidence of a factor without notes", "F<End><Enter>", "No notes match", false, "Kenmerk 56",
	  NULL, NULL },
};

static bool empty_as_before(vt *t, void *says)
{
	return vt_find_row(t, says) >= 0 && selected_row(t) < 0;
}

/* Every movement key on an empty list is harmless, and the screen says
 * it is empty. */
static void check_empty(vt *t, const struct empty *e, const char *browser, const char *first)
{
	char what[160];

	keys(t, e->open);
	snprintf(what, sizeof what, "%s: says so", e->name);
	wait_text(t, e->says, what);
	keys(t, "<Up><Down><PgUp><PgDn><Home><End><Ctrl-B><Ctrl-F>");
	if (!e->text)
		keys(t, "kj gG");
	vt_wait_idle(t, WAIT);
	if (!ok(vt_wait_until(t, empty_as_before, (void *)e->says, WAIT),
		"%s: every movement key leaves it empty, nothing selected", e->name))
		vt_dump(t);
	if (e->then) {
		keys(t, e->then);
		snprintf(what, sizeof what, "%s: %s says so", e->name, e->then);
		wait_text(t, e->then_says, what);
	}
	if (e->first_esc) {
		vt_key(t, VT_ESC);
		snprintf(what, sizeof what, "%s: Esc first shows %s again", e->name, e->first_esc);
		wait_selected(t, e->first_esc, what);
	}
	vt_key(t, VT_ESC);
	wait_text(t, browser, "  Esc goes back to the browser");
	wait_selected(t, first, "  with its selection");
}

static void visit_empty(const char *home, const struct empty *e, size_t n, const char *browser,
			const char *first)
{
	vt *t = start_in(home);
	size_t i;

	diag("---- empty lists (%s)", browser);
	wait_selected(t, first, "the browser is up");
	for (i = 0; i < n; i++)
		check_empty(t, &e[i], browser, first);
	e2e_quit(t);
}

/* Keys typed ahead: Up selects the long note, Enter opens it and End
 * comes in the same write, before the note was ever drawn; the screen is drawn first, so
 * End knows how long the note is and shows its last line. */
static void test_typed_ahead(void)
{
	vt *t = start_in(big_home);

	diag("---- keys typed ahead");
	wait_selected(t, "S 001", "the browser is up");
	keys(t, "<Down><Down>");
	wait_selected(t, "S 003", "the session with the notes");
	keys(t, "c<Tab><Up>");
	wait_selected(t, "Notitie 59", "the note after the long one is selected");
	vt_type(t, "\033[A\r\033[F");   /* Up, Enter, End in one write */
	wait_text(t, "Regel 60", "Enter and End typed at once: End shows the note's last line");
	keys(t, "<F10>");
	is_int(vt_wait_exit(t, WAIT), 0, "F10 quits with status 0");
	vt_free(t);
	e2e_no_sanitizer_report();
}

int main(void)
{
	size_t i;

	make_big_home();
	make_empty_home();
	for (i = 0; i < NSCREENS; i++)
		visit(&screens[i]);
	visit_empty(empty_home, empties, sizeof empties / sizeof empties[0], "Leeg 00", "E 001");
	visit_empty(big_home, filtered, sizeof filtered / sizeof filtered[0], "Programma 00", "S 001");
	test_typed_ahead();
	return tap_done();
}
