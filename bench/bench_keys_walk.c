/* bench_keys_walk.c: the keystroke benchmark's walk over every screen of
 * stemtui on the benchmark database (see bench_keys.c for how a key is
 * timed).
 *
 * The script is what a facilitator does in a working session: scroll the
 * programme, read back the notes (a line, a page, to the end and back),
 * search them with a prefix (creat*), filter them by programme and by kind
 * of session, tag in the untagged queue, find people and check them in by
 * typing one, two and three letters of a name and taking them back, add
 * a newcomer whose name is like a known person's (the duplicate check), look
 * at the factor overview and a factor's evidence, the codebook and the
 * export dialog.  It only reads: nothing is saved.  Keys that only get the
 * walk somewhere (Esc, which waits ESCDELAY by design) are not timed.
 * With BENCH_KEYS_DUMP set, the screen is printed after every key. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "bench_keys.h"
#include "vt.h"

#define ROWS 40
#define COLS 120
#define WAIT_MS 120000   /* a key that takes this long has lost the walk */

const char *const bk_screens[] = {
	"first screen", "browser", "review", "review search", "review filter",
	"untagged queue", "people", "check-in", "newcomer", "factor overview", "evidence", "codebook",
	"export dialog", NULL,
};

static vt *t;
static int run;
static const char *screen;
static bool dump;

static void lost(const char *why)
{
	fprintf(stderr, "bench_keys: the walk lost its way on %s: %s\n", screen, why);
	vt_dump(t);
	vt_free(t);
	exit(1);
}

/* The CPU time stemtui has run so far, in ms (0 if unknown). */
static double cpu_ms(void)
{
	char path[64];
	unsigned long long ns = 0;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/schedstat", (long)vt_pid(t));
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (fscanf(f, "%llu", &ns) != 1)
		ns = 0;
	fclose(f);
	return (double)ns / 1e6;
}

static void wait_idle(void)
{
	if (!vt_wait_idle(t, WAIT_MS))
		lost("stemtui did not come back for the next key");
	if (dump) {
		char *s = vt_screen_text(t);

		fprintf(stderr, "---- %s\n%s\n", screen, s);
		free(s);
	}
}

/* Sends bytes as one key (or a pasted run), or else key k, timed to the
 * end of the redraw. */
static void timed(const char *label, const char *bytes, enum vt_key k)
{
	double t0, c0;

	bk_mark_trace();
	c0 = cpu_ms();
	t0 = bk_now_ms();
	if (bytes)
		vt_type(t, bytes);
	else
		vt_key(t, k);
	wait_idle();
	bk_record(run, screen, label, bk_now_ms() - t0, cpu_ms() - c0);
}

static void key(const char *label, const char *bytes)
{
	timed(label, bytes, VT_ENTER);
}

static void vkey(const char *label, enum vt_key k)
{
	timed(label, NULL, k);
}

/* Keys that only move the walk on: not timed. */
static void go(const char *bytes)
{
	vt_type(t, bytes);
	wait_idle();
}

static void go_key(enum vt_key k)
{
	vt_key(t, k);
	wait_idle();
}

static void expect(const char *text)
{
	if (!vt_wait_text(t, text, WAIT_MS))
		lost(text);
}

static void repeat(const char *label, const char *bytes, int n)
{
	while (n-- > 0)
		key(label, bytes);
}

static void repeat_key(const char *label, enum vt_key k, int n)
{
	while (n-- > 0)
		vkey(label, k);
}

/* Down a line, a page, to the end and back: what reading a list is. */
static void scroll(void)
{
	repeat_key("Down", VT_DOWN, 6);
	repeat_key("PgDn", VT_PGDN, 4);
	repeat_key("Up", VT_UP, 3);
	repeat_key("PgUp", VT_PGUP, 2);
	vkey("End", VT_END);
	repeat_key("Up", VT_UP, 2);
	vkey("PgUp", VT_PGUP);
	vkey("Home", VT_HOME);
}

/* One, two and three letters of a name, then taking them back. */
static void type_name(const char *letters)
{
	char one[2] = { 0 }, label[32];
	size_t i;

	for (i = 0; letters[i]; i++) {
		one[0] = letters[i];
		snprintf(label, sizeof label, "type \"%.*s\"", (int)i + 1, letters);
		key(strdup(label), one);
	}
	while (i-- > 0) {
		snprintf(label, sizeof label, "Backspace to \"%.*s\"", (int)i, letters);
		vkey(strdup(label), VT_BACKSPACE);
	}
}

static void walk_browser(void)
{
	screen = "browser";
	scroll();
	key("/ (find a session)", "/");
	key("type \"g\"", "g");
	key("type \"r\"", "r");
	key("type \"o\"", "o");
	go_key(VT_ESC);   /* clears the field */
	go_key(VT_ESC);   /* closes it */
}

static void walk_review(void)
{
	screen = "review";
	key("R (open)", "R");
	expect("All notes");
	scroll();
	key("o (order by entry)", "o");
	repeat_key("PgDn", VT_PGDN, 2);
	key("o (order by session)", "o");
	key("t (trash)", "t");
	key("t (notes again)", "t");

	screen = "review search";
	key("/ (prompt)", "/");
	key("type \"c\"", "c");
	key("type \"r\"", "r");
	key("type \"e\"", "e");
	key("type \"a\"", "a");
	key("type \"t\"", "t");
	key("type \"*\"", "*");
	vkey("Enter (search creat*)", VT_ENTER);
	expect("creat*");
	repeat_key("PgDn", VT_PGDN, 3);
	vkey("End", VT_END);
	vkey("Home", VT_HOME);
	key("o (order by entry)", "o");
	repeat_key("PgDn", VT_PGDN, 2);
	key("o (order by session)", "o");
	key("q (drop the search)", "q");
	expect("All notes");

	screen = "review filter";
	key("f (filter form)", "f");
	go("STEM-netwerk 2019-2020");
	key("Ctrl-S (one programme)", "\x13");
	expect("2019-2020");
	scroll();
	key("q (drop the filter)", "q");
	expect("All notes");
	key("f (filter form)", "f");
	go("\x15");   /* Ctrl-U: every programme again */
	go_key(VT_DOWN);
	go_key(VT_DOWN);
	vkey("Right (a kind of session)", VT_RIGHT);
	key("Ctrl-S (one kind of session)", "\x13");
	expect("Session kind: ");
	scroll();
	key("q (drop the filter)", "q");
	expect("All notes");

	screen = "untagged queue";
	key("u (open)", "u");
	repeat("n (next untagged)", "n", 8);
	key("q (back)", "q");
	screen = "review";
	key("q (back to the browser)", "q");
}

/* A newcomer at the door: Ctrl-N, the name typed in the form, Ctrl-S
 * (the duplicate check: someone known has a name like it), then back to
 * the form and out of it without saving.  In a small network (a
 * BENCH_SCALE below 1) nobody may have a name like it: the newcomer is
 * then added and checked in, and the walk goes on from there. */
static void newcomer(const char *first, const char *last)
{
	char label[96];

	key("Ctrl-N (new person)", "\x0e");
	expect("New person");
	go(first);
	go_key(VT_DOWN);
	go(last);
	snprintf(label, sizeof label, "Ctrl-S (similar names: %s %s)", first, last);
	key(strdup(label), "\x13");
	if (vt_find_row(t, "Maybe a duplicate") < 0 && vt_find_row(t, "Added and checked in") >= 0)
		return;
	expect("Maybe a duplicate");
	go_key(VT_ESC);   /* back to the form */
	go_key(VT_ESC);   /* clears the last name */
	go_key(VT_ESC);   /* closes the form */
}

static void walk_people(void)
{
	screen = "people";
	key("P (open)", "P");
	repeat_key("Down", VT_DOWN, 3);
	vkey("PgDn", VT_PGDN);
	type_name("Jan");
	type_name("Van");
	type_name("Pee");
	type_name("Ij");   /* only inside most names it is in (Dijkman) */
	go_key(VT_ESC);
	go_key(VT_ESC);

	screen = "check-in";
	key("a (open)", "a");
	repeat_key("Down", VT_DOWN, 3);
	type_name("Jan");
	type_name("Van");
	type_name("Pee");
	type_name("Ij");   /* only inside most names it is in (Dijkman) */

	screen = "newcomer";
	newcomer("Jan", "Peters");
	newcomer("Francoise", "Lefevre");
	newcomer("An", "Maes");
	newcomer("Peeters", "Jan");
	screen = "check-in";
	go_key(VT_ESC);
	go_key(VT_ESC);
}

/* A factor's notes (evidence) under the overview's filter, scrolled. */
static void walk_filtered_evidence(const char *label)
{
	repeat_key("Down", VT_DOWN, 2);
	screen = "evidence";
	vkey(label, VT_ENTER);
	scroll();
	key("q (back)", "q");
	screen = "factor overview";
	vkey("Home", VT_HOME);
}

/* f: the overview counts the notes of one programme (and a factor's
 * notes there), then of one kind of session in it, of that kind alone
 * (and a factor's notes of that kind), and of all notes again (the
 * picker lists "All notes", the programmes, then the kinds). */
static void walk_factor_filters(void)
{
	key("f (pick what to count)", "f");
	vkey("Down", VT_DOWN);
	vkey("Enter (one programme)", VT_ENTER);
	walk_filtered_evidence("Enter (a factor's notes in one programme)");
	key("f (pick)", "f");
	vkey("End", VT_END);
	vkey("Enter (and one kind of session)", VT_ENTER);
	key("f (pick)", "f");
	vkey("Enter (all notes)", VT_ENTER);
	key("f (pick)", "f");
	vkey("End", VT_END);
	vkey("Enter (one kind of session)", VT_ENTER);
	walk_filtered_evidence("Enter (a factor's notes of one kind)");
	key("f (pick)", "f");
	vkey("Enter (all notes)", VT_ENTER);
}

static void walk_factors(void)
{
	screen = "factor overview";
	key("F (open)", "F");
	repeat_key("Down", VT_DOWN, 4);
	vkey("End", VT_END);
	vkey("Home", VT_HOME);
	key("s (sort)", "s");
	key("s (sort)", "s");
	key("S (reverse)", "S");
	go("ssss");
	key("z (fold)", "z");
	key("z (unfold)", "z");
	walk_factor_filters();
	repeat_key("Down", VT_DOWN, 2);

	screen = "evidence";
	vkey("Enter (a factor's notes)", VT_ENTER);
	scroll();
	key("q (back)", "q");
	screen = "factor overview";
	key("q (back to the browser)", "q");

	screen = "codebook";
	key("K (open)", "K");
	scroll();
	key("q (back)", "q");

	screen = "export dialog";
	key("x (open)", "x");
	repeat_key("Down", VT_DOWN, 4);
	repeat_key("Right", VT_RIGHT, 2);
	go_key(VT_ESC);
}

/* The stemtui process's peak resident memory in kB, 0 if unknown. */
static long peak_kb(pid_t pid)
{
	char path[64], line[256];
	long kb = 0;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

long bk_walk(const char *bin, const char *home, const char *db, const char *trace, int which)
{
	static char env[8][4300];
	char *envp[9], *argv[4], dbarg[4300];
	const char *datadir = getenv("STEMTUI_DATADIR"), *localedir = getenv("STEMTUI_LOCALEDIR");
	double t0;
	long kb;
	int n = 0, i;

	dump = getenv("BENCH_KEYS_DUMP") != NULL;
	run = which;
	snprintf(env[n++], sizeof env[0], "HOME=%s", home);
	snprintf(env[n++], sizeof env[0], "XDG_CONFIG_HOME=%s/config", home);
	snprintf(env[n++], sizeof env[0], "XDG_DATA_HOME=%s/data", home);
	snprintf(env[n++], sizeof env[0], "XDG_RUNTIME_DIR=%s", home);
	snprintf(env[n++], sizeof env[0], "LANGUAGE=en");
	snprintf(env[n++], sizeof env[0], "STEMTUI_TRACE_SQL=%s", trace);
	if (datadir)
		snprintf(env[n++], sizeof env[0], "STEMTUI_DATADIR=%s", datadir);
	if (localedir)
		snprintf(env[n++], sizeof env[0], "STEMTUI_LOCALEDIR=%s", localedir);
	for (i = 0; i < n; i++)
		envp[i] = env[i];
	envp[n] = NULL;
	snprintf(dbarg, sizeof dbarg, "--db=%s", db);
	argv[0] = (char *)bin;
	argv[1] = dbarg;
	argv[2] = NULL;
	screen = "first screen";
	t0 = bk_now_ms();
	t = vt_spawn(argv, envp, ROWS, COLS);
	wait_idle();
	bk_record(run, screen, "start to the programme", bk_now_ms() - t0, cpu_ms());
	expect("COP 1");
	walk_browser();
	walk_review();
	walk_people();
	walk_factors();
	kb = peak_kb(vt_pid(t));
	vt_type(t, "q");
	if (vt_wait_exit(t, WAIT_MS) != 0)
		lost("q did not quit");
	vt_free(t);
	return kb;
}
