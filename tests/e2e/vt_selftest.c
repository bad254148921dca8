/* vt_selftest.c: checks the pty + libvterm harness (vt.c) against real
 * programs every Debian system has (sh, bash, stty, tput, head, od), so a
 * failing end-to-end test can be trusted to be about stemtui. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../tap.h"
#include "vt.h"

/* Generous: a passing check returns as soon as the screen matches. */
enum { T = 3000 };

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static vt *sh(const char *script, char *const env[], int rows, int cols)
{
	char *argv[] = { "/bin/sh", "-c", (char *)script, NULL };

	return vt_spawn(argv, env, rows, cols);
}

/* Lowercase hex of s, as `od -An -tx1 | tr -d ' \n'` prints it. */
static char *hex(const char *s, size_t n)
{
	char *h = malloc(2 * n + 1);

	if (!h)
		abort();
	for (size_t i = 0; i < n; i++)
		snprintf(h + 2 * i, 3, "%02x", (unsigned char)s[i]);
	h[2 * n] = '\0';
	return h;
}

/* Checks that row of t, after prefix, is hex of want (n bytes). */
static void is_hex_row(vt *t, const char *prefix, const char *want, size_t n, const char *name)
{
	char *h = hex(want, n);
	char *expect = malloc(strlen(prefix) + strlen(h) + 1);
	int row;
	char *got;

	if (!expect)
		abort();
	strcpy(expect, prefix);
	strcat(expect, h);
	if (!vt_wait_text(t, prefix, T))
		vt_dump(t);
	/* Raw mode (no ONLCR) leaves the line start wherever "ready" ended. */
	row = vt_find_row(t, prefix);
	got = vt_row(t, row);
	is_str(got ? strstr(got, prefix) : NULL, expect, name);
	free(got);
	free(expect);
	free(h);
}

static bool gone(pid_t pid)
{
	return kill(pid, 0) < 0 && errno == ESRCH;
}

static void test_text_and_typing(void)
{
	vt *t = sh("printf '%s\\n' 'héllo 世界 Zoë e\xcc\x81!'; read x; echo \"got:$x\"",
		   NULL, 24, 80);
	char *row, *all;

	ok(vt_wait_text(t, "Zoë", T), "text appears");
	row = vt_row(t, 0);
	is_str(row, "héllo 世界 Zoë e\xcc\x81!", "row 0: wide chars once, combining kept, trimmed");
	free(row);
	is_int(vt_find_col(t, 0, "世界"), 6, "column of a wide char");
	is_int(vt_find_col(t, 0, "界"), 8, "wide char counts two cells");
	is_int(vt_find_col(t, 0, "Zoë"), 11, "column after wide chars");
	is_int(vt_find_col(t, 0, "!"), 16, "combining char takes no cell");
	is_int(vt_find_col(t, 0, "nope"), -1, "absent text: column -1");
	is_int(vt_find_row(t, "Zoë"), 0, "row of text");
	is_int(vt_find_row(t, "nope"), -1, "absent text: row -1");
	ok(!vt_any_colour(t), "no colour on a plain screen");
	ok(vt_cursor_visible(t), "cursor visible by default");
	ok(!vt_altscreen(t), "primary screen by default");
	ok(!vt_mouse_on(t), "mouse off by default");

	vt_type(t, "abc ñ€");
	vt_key(t, VT_ENTER);
	ok(vt_wait_text(t, "got:abc ñ€", T), "typed UTF-8 reaches the program");
	row = vt_row(t, 2);
	is_str(row, "got:abc ñ€", "reply on row 2");
	free(row);
	is_int(vt_wait_exit(t, T), 0, "exit status 0");
	all = vt_screen_text(t);
	has_str(all, "héllo 世界 Zoë e\xcc\x81!\nabc ñ€\ngot:abc ñ€\n\n", "screen text joins rows");
	{
		int nl = 0;

		for (const char *p = all; *p; p++)
			nl += *p == '\n';
		is_int(nl, 23, "24 rows, 23 newlines");
	}
	free(all);
	vt_free(t);
}

static void test_exit_status(void)
{
	vt *t = sh("exit 3", NULL, 5, 20);
	char *argv[] = { "/nonexistent/prog", NULL };
	long long t0;
	pid_t pid;
	bool all = true;

	is_int(vt_wait_exit(t, T), 3, "exit status 3");
	is_int(vt_wait_exit(t, 0), 3, "status again, no wait");
	vt_free(t);

	t = sh("echo ready; read x", NULL, 5, 20);
	ok(vt_wait_text(t, "ready", T), "ready");
	vt_kill(t, SIGKILL);
	is_int(vt_wait_exit(t, T), 128 + SIGKILL, "killed by SIGKILL: 137");
	vt_free(t);

	t = sh("echo ready; read x", NULL, 5, 20);
	ok(vt_wait_text(t, "ready", T), "ready");
	vt_kill(t, SIGTERM);
	is_int(vt_wait_exit(t, T), 128 + SIGTERM, "killed by SIGTERM: 143");
	vt_free(t);

	t = sh("read x", NULL, 5, 20);
	t0 = now_ms();
	is_int(vt_wait_exit(t, 30), -1, "timeout: -1");
	ok(now_ms() - t0 >= 30 && now_ms() - t0 < 500, "timeout honoured (%lld ms)", now_ms() - t0);
	pid = vt_pid(t);
	ok(pid > 0 && !gone(pid), "child still running");
	vt_free(t);
	ok(gone(pid), "vt_free killed and reaped the child");

	t = vt_spawn(argv, NULL, 5, 60);
	is_int(vt_wait_exit(t, T), 127, "exec failure: 127");
	ok(vt_find_row(t, "cannot execute /nonexistent/prog") >= 0, "exec failure shown on screen");
	vt_free(t);

	/* Output written just before exit must be on screen when
	 * vt_wait_exit returns, without waiting for it first. */
	for (int i = 0; i < 10; i++) {
		char script[64], want[16];

		snprintf(script, sizeof script, "printf 'bye%d\\n'; exit %d", i, i);
		snprintf(want, sizeof want, "bye%d", i);
		t = sh(script, NULL, 5, 20);
		if (vt_wait_exit(t, T) != i || vt_find_row(t, want) != 0) {
			all = false;
			vt_dump(t);
		}
		vt_free(t);
	}
	ok(all, "last output and status, 10 times");
}

static void test_env(void)
{
	const char *script = "echo \"T=$TERM L=$LANG E=$ESCDELAY F=${FOO-unset}\"; "
			     "echo \"C=${COLUMNS-unset} R=${LINES-unset} A=${LC_ALL-unset} G=${LANGUAGE-unset}\"; "
			     "stty size";
	char *extra[] = { "FOO=bar", NULL };
	char *over[] = { "LANG=nl_BE.UTF-8", "TERM=dumb", "ESCDELAY=100", "LC_ALL=C", NULL };
	vt *t;

	setenv("COLUMNS", "7", 1);
	setenv("LINES", "3", 1);
	setenv("LC_ALL", "C", 1);
	setenv("LANGUAGE", "de", 1);
	t = sh(script, extra, 10, 60);
	ok(vt_wait_text(t, "T=xterm-256color L=C.UTF-8 E=25 F=bar", T), "TERM, LANG, ESCDELAY set; extra added");
	ok(vt_wait_text(t, "C=unset R=unset A=unset G=unset", T), "LINES, COLUMNS, LC_*, LANGUAGE removed");
	ok(vt_wait_text(t, "10 60", T), "pty has the requested size");
	if (vt_wait_exit(t, T) != 0)
		vt_dump(t);
	vt_free(t);

	t = sh(script, over, 10, 60);
	ok(vt_wait_text(t, "T=dumb L=nl_BE.UTF-8 E=100 F=unset", T), "env_extra overrides the defaults");
	ok(vt_wait_text(t, "A=C G=unset", T), "env_extra may set LC_ALL");
	vt_wait_exit(t, T);
	vt_free(t);
	unsetenv("COLUMNS");
	unsetenv("LINES");
	unsetenv("LC_ALL");
	unsetenv("LANGUAGE");
}

/* Every vt_key, in enum order. */
static void all_keys(vt *t)
{
	for (int k = VT_UP; k <= VT_DELETE; k++)
		vt_key(t, (enum vt_key)k);
}

static void test_keys(void)
{
	static const char normal[] = "\x1b[A\x1b[B\x1b[D\x1b[C\x1b[H\x1b[F\x1b[5~\x1b[6~"
				     "\r\x1b\t\x7f\x1bOP\x1b[3~";
	static const char app[] = "\x1bOA\x1bOB\x1bOD\x1bOC\x1bOH\x1bOF\x1b[5~\x1b[6~"
				  "\r\x1b\t\x7f\x1bOP\x1b[3~";
	vt *t;

	/* raw mode so every byte reaches head unchanged; the hex is printed
	 * after stty sane. */
	t = sh("stty raw -echo; echo ready; x=$(head -c 37 | od -An -tx1 | tr -d ' \\n'); "
	       "stty sane; echo \"k:$x\"", NULL, 10, 100);
	ok(vt_wait_text(t, "ready", T), "raw mode ready");
	all_keys(t);
	is_hex_row(t, "k:", normal, sizeof normal - 1, "keys in normal cursor mode");
	is_int(vt_wait_exit(t, T), 0, "exit 0");
	vt_free(t);

	t = sh("stty raw -echo; printf '\\033[?1h\\033='; echo ready; "
	       "x=$(head -c 37 | od -An -tx1 | tr -d ' \\n'); stty sane; echo \"k:$x\"",
	       NULL, 10, 100);
	ok(vt_wait_text(t, "ready", T), "raw mode, application cursor keys, ready");
	all_keys(t);
	is_hex_row(t, "k:", app, sizeof app - 1, "keys in application cursor mode (smkx)");
	is_int(vt_wait_exit(t, T), 0, "exit 0");
	vt_free(t);
}

static void test_mouse(void)
{
	static const char want[] = "\x1b[<0;5;3M\x1b[<0;5;3m\x1b[<65;1;1M\x1b[<64;11;10M";
	/* Mouse on and off as ncurses does it for xterm-256color (terminfo XM):
	 * one DECSET with two parameters, which libvterm 0.1.4 alone would
	 * only half obey. */
	vt *t = sh("stty raw -echo; printf '\\033[?1006;1000h'; echo ready; "
		   "x=$(head -c 40 | od -An -tx1 | tr -d ' \\n'); "
		   "printf '\\033[?1006;1000l'; stty sane; echo \"m:$x\"; read y",
		   NULL, 10, 120);

	ok(vt_wait_text(t, "ready", T), "mouse ready");
	ok(vt_mouse_on(t), "mouse reporting on after DECSET 1006;1000");
	vt_click(t, 2, 4);
	vt_wheel(t, 0, 0, true);
	vt_wheel(t, 9, 10, false);
	is_hex_row(t, "m:", want, sizeof want - 1, "SGR click and wheel encoding");
	ok(!vt_mouse_on(t), "mouse reporting off after DECRST 1006;1000");
	vt_key(t, VT_ENTER);
	is_int(vt_wait_exit(t, T), 0, "exit 0");
	vt_free(t);
}

static void test_altscreen(void)
{
	vt *t = sh("echo primary; read x; tput smcup; tput civis; echo inalt; read y; "
		   "tput cnorm; tput rmcup; echo back; read z", NULL, 10, 40);

	ok(vt_wait_text(t, "primary", T), "primary text");
	ok(!vt_altscreen(t), "not on the alternate screen yet");
	vt_key(t, VT_ENTER);
	ok(vt_wait_text(t, "inalt", T), "alternate screen text");
	ok(vt_altscreen(t), "smcup: alternate screen on");
	ok(!vt_cursor_visible(t), "civis: cursor hidden");
	is_int(vt_find_row(t, "primary"), -1, "primary text not on the alternate screen");
	vt_key(t, VT_ENTER);
	ok(vt_wait_text(t, "back", T), "back on primary");
	ok(!vt_altscreen(t), "rmcup: alternate screen off");
	ok(vt_cursor_visible(t), "cnorm: cursor visible");
	ok(vt_find_row(t, "primary") >= 0, "primary text restored");
	is_int(vt_find_row(t, "inalt"), -1, "alternate screen text gone");
	vt_key(t, VT_ENTER);
	is_int(vt_wait_exit(t, T), 0, "exit 0");
	vt_free(t);
}

static void test_attrs(void)
{
	vt *t = sh("printf '\\033[1mB\\033[0m \\033[7mR\\033[0m \\033[31mC\\033[0m "
		   "\\033[38;5;200mX\\033[0m \\033[4mU\\033[0m \\033[44mG\\033[0m "
		   "\\033[38;2;1;2;3mT\\033[0m \\033[1;31mD\\033[0m plain\\n'; read x",
		   NULL, 5, 40);

	ok(vt_wait_text(t, "plain", T), "attribute line");
	ok(vt_cell_bold(t, 0, 0), "bold");
	ok(!vt_cell_bold(t, 0, 2), "not bold");
	ok(vt_cell_reverse(t, 0, 2), "reverse");
	ok(!vt_cell_reverse(t, 0, 0), "not reverse");
	is_int(vt_cell_fg(t, 0, 4), 1, "SGR 31: colour 1");
	is_int(vt_cell_fg(t, 0, 6), 200, "SGR 38;5;200: colour 200");
	ok(vt_cell_underline(t, 0, 8), "underline");
	is_int(vt_cell_bg(t, 0, 10), 4, "SGR 44: background 4");
	is_int(vt_cell_bg(t, 0, 0), -1, "default background");
	is_int(vt_cell_fg(t, 0, 12), 256 + 0x010203, "direct colour");
	is_int(vt_cell_fg(t, 0, 14), 1, "bold red stays colour 1");
	ok(vt_cell_bold(t, 0, 14), "bold red is bold");
	is_int(vt_cell_fg(t, 0, 16), -1, "default foreground");
	is_int(vt_cell_fg(t, -1, 0), -2, "out of range: -2");
	ok(!vt_cell_bold(t, 99, 0), "out of range: not bold");
	ok(vt_any_colour(t), "colour on screen");
	vt_key(t, VT_ENTER);
	is_int(vt_wait_exit(t, T), 0, "exit 0");
	vt_free(t);
}

static void test_resize(void)
{
	vt *t = sh("stty size; read x; stty size; read y; stty size; read z", NULL, 24, 80);
	int rows, cols;
	char *all, want[32];
	int nl = 0;

	ok(vt_wait_text(t, "24 80", T), "initial size 24x80");
	vt_resize(t, 30, 100);
	vt_size(t, &rows, &cols);
	ok(rows == 30 && cols == 100, "emulator is 30x100");
	vt_key(t, VT_ENTER);
	ok(vt_wait_text(t, "30 100", T), "pty is 30x100");
	all = vt_screen_text(t);
	for (const char *p = all; *p; p++)
		nl += *p == '\n';
	is_int(nl, 29, "screen text has 30 rows");
	free(all);
	vt_resize(t, 10, 40);
	vt_key(t, VT_ENTER);
	ok(vt_wait_text(t, "10 40", T), "pty is 10x40");
	vt_key(t, VT_ENTER);
	is_int(vt_wait_exit(t, T), 0, "exit 0");
	vt_free(t);

	/* SIGWINCH reaches a program blocked in read (perl is Essential on
	 * Debian; its handler runs while sysread waits, as ncurses' poll
	 * returns).  Resizing straight after the spawn checks that vt_resize
	 * waits for the child to be idle: a SIGWINCH sent before the handler
	 * is installed would be ignored and "winch" never printed. */
	for (int i = 0; i < 5; i++) {
		char *argv[] = { "/usr/bin/perl", "-e",
				 "$| = 1; $SIG{WINCH} = sub { my $s = `stty size`; print \"winch $s\" };"
				 "print \"ready\\n\"; sysread(STDIN, my $x, 100);",
				 NULL };
		bool good;

		t = vt_spawn(argv, NULL, 24, 80);
		vt_resize(t, 20, 70 + i);
		snprintf(want, sizeof want, "winch 20 %d", 70 + i);
		good = vt_wait_text(t, want, T);
		if (!good)
			vt_dump(t);
		ok(good, "SIGWINCH handled at once, resize straight after spawn (%d)", i);
		vt_key(t, VT_ENTER);
		is_int(vt_wait_exit(t, T), 0, "exit 0");
		vt_free(t);
	}
}

static void test_queries(void)
{
	/* Cursor position report and device attributes: libvterm answers,
	 * the harness writes the answer back as if typed. */
	vt *t = sh("stty raw -echo; printf '\\033[2;5H\\033[6n\\033[c'; "
		   "x=$(head -c 13 | od -An -tx1 | tr -d ' \\n'); stty sane; "
		   "printf '\\033[4;1H'; echo \"q:$x\"", NULL, 10, 60);

	is_hex_row(t, "q:", "\x1b[2;5R\x1b[?1;2c", 13, "DSR and DA answered");
	is_int(vt_wait_exit(t, T), 0, "exit 0");
	vt_free(t);
}

static void test_waits(void)
{
	vt *t = sh("echo ABC; read x; printf '\\033[2J\\033[H'; echo done; read y; "
		   "echo quiet; read z", NULL, 10, 40);
	long long t0;
	int row, col;

	ok(vt_wait_text(t, "ABC", T), "ABC");
	t0 = now_ms();
	ok(!vt_wait_gone(t, "ABC", 50), "wait_gone times out while text stays");
	ok(now_ms() - t0 >= 50 && now_ms() - t0 < 500, "after the timeout (%lld ms)", now_ms() - t0);
	t0 = now_ms();
	ok(!vt_wait_text(t, "never", 40), "wait_text times out");
	ok(now_ms() - t0 >= 40 && now_ms() - t0 < 500, "after the timeout (%lld ms)", now_ms() - t0);
	vt_key(t, VT_ENTER);
	ok(vt_wait_gone(t, "ABC", T), "text gone after clear");
	ok(vt_wait_row_text(t, 0, "done", T), "text on row 0");
	ok(!vt_wait_row_text(t, 1, "done", 20), "not on row 1");
	vt_cursor(t, &row, &col);
	ok(row == 1 && col == 0, "cursor at 1,0 (got %d,%d)", row, col);
	vt_key(t, VT_ENTER);
	t0 = now_ms();
	vt_settle(t, 30, T);
	ok(now_ms() - t0 >= 30 && now_ms() - t0 < 500, "settle returns after quiet period (%lld ms)",
	   now_ms() - t0);
	ok(vt_find_row(t, "quiet") >= 0, "settle pumped the output");
	ok(vt_wait_idle(t, T), "idle in read");
	vt_free(t);

	t = sh("echo hi", NULL, 5, 20);
	t0 = now_ms();
	ok(!vt_wait_text(t, "absent", 5000), "wait_text fails once the pty closes");
	ok(now_ms() - t0 < 1000, "without waiting out the timeout (%lld ms)", now_ms() - t0);
	ok(vt_find_row(t, "hi") == 0, "output before close seen");
	ok(!vt_wait_idle(t, 100), "exited child is not idle");
	is_int(vt_wait_exit(t, T), 0, "exit 0");
	vt_free(t);

	t = sh("while :; do :; done", NULL, 5, 20);
	ok(!vt_wait_idle(t, 50), "busy child is not idle");
	vt_free(t);
}

static int count_x(vt *t)
{
	char *text = vt_screen_text(t);
	int n = 0;

	for (const char *p = text; *p; p++)
		n += *p == 'x';
	free(text);
	return n;
}

static bool shows_x(vt *t, void *n)
{
	return count_x(t) >= *(int *)n;
}

/* Right after keys are sent, idle means the child has read them and
 * answered: a cat in raw mode echoes each x, on screen once vt_wait_idle
 * returns, with no wait for it.  (The keys reach the child through the
 * kernel's buffer work, later under load; until then it sleeps in read
 * as if nothing had been typed.)  Many rounds, since one can be lucky. */
static void test_idle_after_keys(void)
{
	vt *t = sh("stty raw -echo; echo ready; exec cat", NULL, 24, 80);
	int i, early = 0;

	ok(vt_wait_text(t, "ready", T), "cat in raw mode is up");
	for (i = 1; i <= 300; i++) {
		vt_type(t, "x");
		if (vt_wait_idle(t, T) && count_x(t) == i)
			continue;
		early++;
		vt_wait_until(t, shows_x, &i, T);   /* the next round starts even */
	}
	is_int(early, 0, "idle right after a key: the key was read and its echo is on screen");
	vt_free(t);
}

static void test_two_at_once(void)
{
	vt *a = sh("echo A-ready; read x; echo \"A-got:$x\"", NULL, 5, 30);
	vt *b = sh("echo B-ready; read y; echo \"B-got:$y\"", NULL, 5, 30);
	long long t0;

	ok(vt_wait_text(a, "A-ready", T) && vt_wait_text(b, "B-ready", T), "both running");
	vt_type(b, "to-b\r");
	vt_type(a, "to-a\r");
	ok(vt_wait_text(a, "A-got:to-a", T), "A got its keys");
	ok(vt_wait_text(b, "B-got:to-b", T), "B got its keys");
	ok(vt_find_row(a, "B-") < 0 && vt_find_row(b, "A-") < 0, "screens kept apart");
	is_int(vt_wait_exit(a, T), 0, "A exits");
	is_int(vt_wait_exit(b, T), 0, "B exits");
	vt_free(b);
	vt_free(a);

	/* A background job keeps the pty open after the shell exits: the
	 * status still comes back promptly. */
	a = sh("sleep 5 & echo bg; exit 4", NULL, 5, 30);
	t0 = now_ms();
	is_int(vt_wait_exit(a, T), 4, "exit status with a background job");
	ok(now_ms() - t0 < 1000, "promptly (%lld ms)", now_ms() - t0);
	ok(vt_find_row(a, "bg") == 0, "its output seen");
	vt_free(a);
}

static void test_dump(void)
{
	vt *t = sh("printf 'one\\ntwo 世界\\n'; read x", NULL, 3, 20);

	ok(vt_wait_text(t, "two", T), "dump screen");
	vt_dump(t);
	vt_free(t);
	vt_free(NULL);
	ok(1, "vt_free(NULL) is a no-op");
}

static void timed(const char *name, void (*fn)(void))
{
	long long t0 = now_ms();

	fn();
	diag("%s: %lld ms", name, now_ms() - t0);
}

int main(void)
{
	long long t0 = now_ms();

	timed("text and typing", test_text_and_typing);
	timed("exit status", test_exit_status);
	timed("environment", test_env);
	timed("keys", test_keys);
	timed("mouse", test_mouse);
	timed("alternate screen", test_altscreen);
	timed("attributes", test_attrs);
	timed("resize", test_resize);
	timed("queries", test_queries);
	timed("waits", test_waits);
	timed("idle after keys", test_idle_after_keys);
	timed("two at once", test_two_at_once);
	timed("dump", test_dump);
	diag("total: %lld ms", now_ms() - t0);
	return tap_done();
}
