/* e2e.h: what the end-to-end tests share: starting the real stemtui in a
 * pseudo-terminal with a private home, and asking which row is selected.
 *
 * Every test runs stemtui as a person would, through vt.h, against its own
 * database in a fresh folder. */
#ifndef STEMTUI_E2E_H
#define STEMTUI_E2E_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "../tap.h"
#include "core/db.h"
#include "core/notes.h"
#include "core/tags.h"
#include "vt.h"

#define WAIT 5000       /* ms: generous, since sanitizers slow the program */
#define E2E_ROWS 24
#define E2E_COLS 80
#define LIST_FIRST 2    /* screen row of the first session in the list */
#define LIST_ROWS 14

static char e2e_home[4096];

/* Reads a variable make check sets; bails out when it is missing. */
static const char *e2e_env(const char *name)
{
	const char *v = getenv(name);

	if (!v || !*v) {
		printf("Bail out! %s is not set (run through make check)\n", name);
		exit(99);
	}
	return v;
}

/* A fresh home folder for the next program started, with its own
 * $XDG_RUNTIME_DIR inside (the programs this test starts inherit it): a
 * test run beside another never shares $XDG_RUNTIME_DIR/stemtui. */
__attribute__((unused))
static const char *e2e_new_home(const char *name)
{
	char run[4200];

	snprintf(e2e_home, sizeof e2e_home, "%s", tap_tmpdir(name));
	snprintf(run, sizeof run, "%s/run", e2e_home);
	if (mkdir(run, 0700) != 0 || setenv("XDG_RUNTIME_DIR", run, 1) != 0) {
		perror(run);
		exit(99);
	}
	return e2e_home;
}

struct e2e_opts {
	const char *language;   /* "nl", or NULL for English */
	bool colour;            /* false: NO_COLOR=1, selection is reverse video */
	int rows, cols;         /* 0: 24 x 80 */
	const char *args[6];    /* extra arguments, NULL-terminated */
	const char *term;       /* TERM, or NULL for xterm-256color */
};

/* Starts stemtui in e2e_home (e2e_new_home first) with o. */
__attribute__((unused))
static vt *e2e_start(const struct e2e_opts *o)
{
	static char env[11][4200];
	char *envp[12], *argv[8];
	int n = 0, i;

	snprintf(env[n++], sizeof env[0], "HOME=%s", e2e_home);
	snprintf(env[n++], sizeof env[0], "XDG_CONFIG_HOME=%s/config", e2e_home);
	snprintf(env[n++], sizeof env[0], "XDG_DATA_HOME=%s/data", e2e_home);
	snprintf(env[n++], sizeof env[0], "STEMTUI_DATADIR=%s", e2e_env("STEMTUI_DATADIR"));
	snprintf(env[n++], sizeof env[0], "STEMTUI_LOCALEDIR=%s", e2e_env("STEMTUI_LOCALEDIR"));
	snprintf(env[n++], sizeof env[0], "LANGUAGE=%s", o->language ? o->language : "en");
	snprintf(env[n++], sizeof env[0], o->colour ? "NO_COLOR=" : "NO_COLOR=1");
	/* Sanitizer reports go to files (stderr is the screen); e2e_quit
	 * fails the test when one appears. */
	snprintf(env[n++], sizeof env[0], "ASAN_OPTIONS=log_path=%s/sanitizer:detect_leaks=1", e2e_home);
	snprintf(env[n++], sizeof env[0], "UBSAN_OPTIONS=log_path=%s/sanitizer:print_stacktrace=1:halt_on_error=1", e2e_home);
	if (o->term)
		snprintf(env[n++], sizeof env[0], "TERM=%s", o->term);
	for (i = 0; i < n; i++)
		envp[i] = env[i];
	envp[n] = NULL;
	argv[0] = (char *)e2e_env("STEMTUI_BIN");
	for (i = 0; i < 6 && o->args[i]; i++)
		argv[i + 1] = (char *)o->args[i];
	argv[i + 1] = NULL;
	return vt_spawn(argv, envp, o->rows ? o->rows : E2E_ROWS, o->cols ? o->cols : E2E_COLS);
}

/* Runs stemtui with args (a command, not the TUI) in e2e_home; returns its
 * exit status. */
__attribute__((unused))
static int e2e_run(const char *args)
{
	char cmd[20000];

	snprintf(cmd, sizeof cmd, "HOME='%s' XDG_CONFIG_HOME='%s/config' XDG_DATA_HOME='%s/data' "
		 "'%s' %s >/dev/null 2>&1", e2e_home, e2e_home, e2e_home,
		 e2e_env("STEMTUI_BIN"), args);
	return WEXITSTATUS(system(cmd));
}

/* Writes text to the file at path (bails out when it cannot). */
__attribute__((unused))
static void e2e_write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(99);
	}
}

/* Makes the folder name (one level) in e2e_home. */
__attribute__((unused))
static void e2e_home_folder(const char *name)
{
	char path[4300];

	snprintf(path, sizeof path, "%s/%s", e2e_home, name);
	if (mkdir(path, 0700) != 0)
		diag("cannot make %s", path);
}

/* Writes text to the file name in e2e_home. */
__attribute__((unused))
static void e2e_home_file(const char *name, const char *text)
{
	char path[4300];

	snprintf(path, sizeof path, "%s/%s", e2e_home, name);
	e2e_write_text(path, text);
}

/* Opens the database of the program started in e2e_home, or NULL (the
 * reason as a diagnostic).  Close it with db_close. */
__attribute__((unused))
static sqlite3 *e2e_open_db(void)
{
	char path[4300];
	sqlite3 *db = NULL;
	st_err err;

	snprintf(path, sizeof path, "%s/data/stemtui/stemtui.sqlite", e2e_home);
	if (db_open(path, &db, NULL, &err) != DB_OPEN_OK)
		diag("%s", err.msg);
	return db;
}

/* The tags of note id as tag_text writes them ("LD2+ TM1"), "" for none,
 * "(error)" when the database cannot say (a static copy). */
__attribute__((unused))
static const char *e2e_tags_of(long long id)
{
	static char buf[512];
	sqlite3 *db = e2e_open_db();
	st_err err;

	buf[0] = '\0';
	if (!db || tag_text(db, id, buf, sizeof buf, &err) != 0)
		snprintf(buf, sizeof buf, "(error)");
	db_close(db);
	return buf;
}

/* The body of the newest live note in that database, or NULL (caller
 * frees). */
__attribute__((unused))
static char *e2e_newest_note(void)
{
	note_filter f = { 0 };
	st_note n = { 0 };
	sqlite3 *db = e2e_open_db();
	st_err err;
	char *body = NULL;

	if (db && note_page(db, &f, NULL, true, &n, 1, &err) == 1)
		body = strdup(n.body);
	note_clear(&n);
	db_close(db);
	return body;
}

/* Where the list of the screen a test looks at lies: the session list's
 * rows unless the test says otherwise (a screen with more above its list). */
static int e2e_list_first = LIST_FIRST, e2e_list_rows = LIST_ROWS;

/* The list row shown selected (reverse video, or the selection colour),
 * or -1. */
static int e2e_selected_row(vt *t)
{
	int r;

	for (r = e2e_list_first; r < e2e_list_first + e2e_list_rows; r++)
		if (vt_cell_reverse(t, r, 2) || vt_cell_bg(t, r, 2) == 6)
			return r;
	return -1;
}

static bool selected_has(vt *t, void *text)
{
	int r = e2e_selected_row(t);
	char *row;
	bool has;

	if (r < 0)
		return false;
	row = vt_row(t, r);
	has = strstr(row, text) != NULL;
	free(row);
	return has;
}

/* Checks (waiting for it) that the selected row shows text. */
__attribute__((unused))
static void e2e_selected_is(vt *t, const char *text, const char *name)
{
	if (!ok(vt_wait_until(t, selected_has, (void *)text, WAIT), "%s", name))
		vt_dump(t);
}

/* Checks (waiting for it) that text shows somewhere on screen. */
__attribute__((unused))
static void e2e_shows(vt *t, const char *text, const char *name)
{
	if (!ok(vt_wait_text(t, text, WAIT), "%s", name)) {
		diag("expected \"%s\" on screen", text);
		vt_dump(t);
	}
}

/* Checks (waiting for it) that text is no longer on screen. */
__attribute__((unused))
static void e2e_hides(vt *t, const char *text, const char *name)
{
	if (!ok(vt_wait_gone(t, text, WAIT), "%s", name)) {
		diag("did not expect \"%s\" on screen", text);
		vt_dump(t);
	}
}

/* The row of digit keys as shown ("Tag note 4: 1 VB1  2 VB2 ... 9 TM1"
 * above the editor, "1 VB1  2 VB2 ..." in the review queue) from its
 * "1 " on, trailing blanks cut, into buf; false when no row shows 1 to 9. */
__attribute__((unused))
static bool e2e_digit_row(vt *t, char *buf, size_t size)
{
	char *row, *one;
	size_t n;
	int r;

	for (r = 0; r < E2E_ROWS; r++) {
		row = vt_row(t, r);
		for (one = strstr(row, "1 "); one && one > row && one[-1] != ' ';
		     one = strstr(one + 1, "1 "))
			;
		if (one && strstr(one, "  2 ") && strstr(one, "  9 ")) {
			for (n = strlen(one); n > 0 && one[n - 1] == ' '; n--)
				;
			snprintf(buf, size, "%.*s", (int)n, one);
			free(row);
			return true;
		}
		free(row);
	}
	return false;
}

/* The digit row once the program has drawn all it had to (the row can
 * come in pieces), as e2e_digit_row. */
__attribute__((unused))
static bool e2e_digit_row_drawn(vt *t, char *buf, size_t size)
{
	vt_wait_idle(t, WAIT);
	return e2e_digit_row(t, buf, size);
}

/* The code on digit d (1-9) of the digit row as drawn, into code. */
__attribute__((unused))
static bool e2e_digit_code(vt *t, int d, char *code, size_t size)
{
	char row[1024], want[8], *at;
	size_t n;

	code[0] = '\0';
	vt_wait_idle(t, WAIT);
	snprintf(want, sizeof want, d == 1 ? "%d " : "  %d ", d);
	if (!e2e_digit_row(t, row, sizeof row) || !(at = strstr(row, want)))
		return false;
	at += strlen(want);
	n = strcspn(at, " ");
	snprintf(code, size, "%.*s", (int)n, at);
	return n > 0 && n < size;
}

/* For vt_wait_until: the digit row is exactly want. */
__attribute__((unused))
static bool e2e_digit_row_is(vt *t, void *want)
{
	char row[1024];

	return e2e_digit_row(t, row, sizeof row) && strcmp(row, want) == 0;
}

/* Imports csv (a sign-up list, sign-up list format) into e2e_home's
 * database as expected at COP 07; name says what it holds. */
__attribute__((unused))
static void e2e_sign_up(const char *csv, const char *name)
{
	char path[4200], arg[4400];
	FILE *f;

	snprintf(path, sizeof path, "%s/signup.csv", e2e_home);
	f = fopen(path, "w");
	if (!f || fputs(csv, f) < 0 || fclose(f) != 0)
		diag("cannot write %s", path);
	snprintf(arg, sizeof arg, "import people '%s' --expected 'COP 07'", path);
	is_int(e2e_run(arg), 0, name);
}

/* Starts stemtui with o (e2e_new_home first) and opens the notes of
 * COP 07 from the programme, in either language. */
__attribute__((unused))
static vt *e2e_open_notes(const struct e2e_opts *o)
{
	vt *t = e2e_start(o);

	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "7");
	e2e_selected_is(t, "COP 07", "7 selects COP 07");
	vt_type(t, "c");
	e2e_shows(t, "  \xc2\xb7  COP 07", "c opens the notes of COP 07");
	return t;
}

/* Starts stemtui (e2e_new_home first) and opens the attendance of COP 07
 * from the first screen. */
__attribute__((unused))
static vt *e2e_open_attendance(void)
{
	vt *t = e2e_start(&(struct e2e_opts){ 0 });

	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "7");
	e2e_selected_is(t, "COP 07", "7 selects COP 07");
	vt_type(t, "a");
	e2e_shows(t, "Attendance", "a opens the attendance of COP 07");
	return t;
}

/* Checks that no sanitizer report was written for the program started
 * in e2e_home, printing any that was. */
__attribute__((unused))
static void e2e_no_sanitizer_report(void)
{
	char cmd[4400];
	int found;

	snprintf(cmd, sizeof cmd, "ls '%s'/sanitizer.* >/dev/null 2>&1", e2e_home);
	found = system(cmd) == 0;
	if (!ok(!found, "no sanitizer report"))  {
		snprintf(cmd, sizeof cmd, "sed 's/^/# /' '%s'/sanitizer.*", e2e_home);
		if (system(cmd) != 0)
			diag("cannot show the report");
	}
}

/* Quits with q and checks the program ended well. */
__attribute__((unused))
static void e2e_quit(vt *t)
{
	vt_type(t, "q");
	is_int(vt_wait_exit(t, WAIT), 0, "q quits with status 0");
	vt_free(t);
	e2e_no_sanitizer_report();
}

#endif
