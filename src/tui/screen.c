/* screen.c: see screen.h. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "core/export.h"
#include "core/i18n.h"
#include "tui/actions.h"
#include "tui/draw.h"
#include "tui/screen.h"

/* How long a key read waits.  Waking up now and then lets a resize that
 * arrived between two reads, or a stop request, be seen without a key. */
#define READ_TIMEOUT_MS 250

/* Codes for the keys terminfo names but curses has no constant for. */
#define KEY_PASTE_BEGIN (KEY_MAX + 1)
#define KEY_PASTE_END (KEY_MAX + 2)

/* Keys typed while the terminal is too small, at most this many. */
#define KEPT_MAX 4096

/* A key as get_wch gives it: rc is OK (a character) or KEY_CODE_YES. */
struct raw_key {
	int rc;
	wint_t ch;
};

static bool active, colour;
static bool pasting;       /* between the terminal's paste markers */
static bool last_pasted;   /* the key read last came from a paste */
static int cursor_y = -1, cursor_x;   /* where the focused field wants it */
static volatile sig_atomic_t stop_signal;
static attr_t element_attr[UI_ELEMENT_COUNT];

/* Curses codes of modified keys (Ctrl-End...) and the key each acts as. */
static struct { int code, key; } alias[96];
static int naliases;

/* A key read too early: the second of two Escs, or the byte that ended
 * an escape sequence without belonging to it. */
static struct raw_key held;
static bool have_held;

/* Keys typed while the terminal was too small, oldest first. */
static struct { int key; bool pasted; } kept[KEPT_MAX];
static int kept_first, kept_count;

/* Fatal signals: restore the terminal, then die the way we would have. */
static void on_crash(int sig)
{
	static const char paste_off[] = "\033[?2004l";

	export_abandon();
	if (active) {
		endwin();
		if (write(STDOUT_FILENO, paste_off, sizeof paste_off - 1) < 0)
			active = false;
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* TERM, HUP, INT: ask the main loop to stop cleanly. */
static void on_stop(int sig)
{
	stop_signal = sig;
}

static void install_handlers(void)
{
	static const int crash[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	static const int stop[] = { SIGTERM, SIGHUP, SIGINT };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < sizeof crash / sizeof crash[0]; i++)
		sigaction(crash[i], &sa, NULL);
	sa.sa_handler = on_stop;
	sa.sa_flags = 0;   /* no SA_RESTART: let a blocked read return */
	for (i = 0; i < sizeof stop / sizeof stop[0]; i++)
		sigaction(stop[i], &sa, NULL);
}

static bool want_colour(const st_settings *s)
{
	const char *no_colour = getenv("NO_COLOR");

	if (s->colour_mode == COLOUR_NEVER)
		return false;
	/* https://no-color.org: any non-empty NO_COLOR turns colours off. */
	if (no_colour && *no_colour)
		return false;
	return has_colors();
}

static void setup_colours(const st_settings *s)
{
	static const attr_t plain[UI_ELEMENT_COUNT] = {
		[UI_TITLE] = A_REVERSE | A_BOLD, [UI_HEADER] = A_BOLD,
		[UI_SELECTED] = A_REVERSE, [UI_STATUS] = A_REVERSE, [UI_ACCENT] = A_BOLD,
	};
	int e;

	colour = want_colour(s);
	if (colour) {
		start_color();
		use_default_colors();
	}
	for (e = 0; e < UI_ELEMENT_COUNT; e++) {
		element_attr[e] = plain[e];
		if (!colour)
			continue;
		init_pair((short)(e + 1), s->colour[e].fg, s->colour[e].bg);
		element_attr[e] = COLOR_PAIR(e + 1) | (plain[e] & A_BOLD);
	}
}

/* Ctrl-S (save in forms) and Ctrl-Q would otherwise stop and start the
 * terminal's output (XON/XOFF) and never reach us.  Saving the changed
 * modes as curses' program mode keeps them after a suspend or endwin;
 * Ctrl-C and Ctrl-Z still send their signals. */
static void free_flow_control_keys(void)
{
	struct termios t;

	if (tcgetattr(STDIN_FILENO, &t) != 0)
		return;
	t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
	if (tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0)
		def_prog_mode();
}

/* The code curses gives the key terminfo calls name, or -1. */
static int extended_key(const char *name)
{
	char *seq = tigetstr(name);

	if (!seq || seq == (char *)-1)
		return -1;
	return key_defined(seq) > 0 ? KC(key_defined(seq)) : -1;
}

/* Bracketed paste: the terminal marks pasted text, so its line breaks
 * become new lines in a note instead of a "save" per line. */
static void enable_paste(void)
{
	define_key("\033[200~", KEY_PASTE_BEGIN);
	define_key("\033[201~", KEY_PASTE_END);
	fputs("\033[?2004h", stdout);
	fflush(stdout);
}

/* The key a key with xterm's modifier parameter mod (1 + Shift 1, Alt 2,
 * Ctrl 4) acts as here: Ctrl-Left/Right move by word, any other modifier
 * is left out (Ctrl-End is End, Shift-Up is Up). */
static int modified_key(int code, int mod)
{
	bool ctrl = mod > 1 && ((mod - 1) & 4);

	if (ctrl && code == KEY_LEFT)
		return KX_CTRL_LEFT;
	if (ctrl && code == KEY_RIGHT)
		return KX_CTRL_RIGHT;
	return KC(code);
}

static void add_alias(int code, int key)
{
	if (code >= 0 && naliases < (int)(sizeof alias / sizeof alias[0])) {
		alias[naliases].code = code;
		alias[naliases++].key = key;
	}
}

/* Curses gives the shifted, Ctrl- and Alt- forms of Home, End, the arrows
 * and the like codes of their own (from terminfo's kEND5...), and
 * other terminals' names for Home and End (Find, Select, the keypad's
 * corners): each acts as the key it is a form of. */
static void alias_modified_keys(void)
{
	static const struct { const char *name; int code; } extended[] = {
		{ "kHOM", KEY_HOME }, { "kEND", KEY_END }, { "kUP", KEY_UP }, { "kDN", KEY_DOWN },
		{ "kLFT", KEY_LEFT }, { "kRIT", KEY_RIGHT }, { "kPRV", KEY_PPAGE },
		{ "kNXT", KEY_NPAGE }, { "kDC", KEY_DC }, { "kIC", KEY_IC },
	};
	static const int standard[][2] = {
		{ KEY_SHOME, KEY_HOME }, { KEY_SEND, KEY_END }, { KEY_SLEFT, KEY_LEFT },
		{ KEY_SRIGHT, KEY_RIGHT }, { KEY_SR, KEY_UP }, { KEY_SF, KEY_DOWN },
		{ KEY_SPREVIOUS, KEY_PPAGE }, { KEY_SNEXT, KEY_NPAGE }, { KEY_SDC, KEY_DC },
		{ KEY_FIND, KEY_HOME }, { KEY_SELECT, KEY_END }, { KEY_A1, KEY_HOME },
		{ KEY_C1, KEY_END }, { KEY_A3, KEY_PPAGE }, { KEY_C3, KEY_NPAGE },
	};
	char name[16];
	size_t i;
	int mod;

	for (i = 0; i < sizeof standard / sizeof standard[0]; i++)
		add_alias(KC(standard[i][0]), KC(standard[i][1]));
	for (i = 0; i < sizeof extended / sizeof extended[0]; i++) {
		add_alias(extended_key(extended[i].name), KC(extended[i].code));
		for (mod = 3; mod <= 8; mod++) {
			snprintf(name, sizeof name, "%s%d", extended[i].name, mod);
			add_alias(extended_key(name), modified_key(extended[i].code, mod));
		}
	}
}

int screen_init(const st_settings *s)
{
	if (active)   /* started for the bar of a migration (migration_bar.h) */
		return 0;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "%s: %s\n", PACKAGE,
			_("the full-screen interface needs a terminal; see --help for the commands"));
		return -1;
	}
	if (!newterm(NULL, stdout, stdin)) {
		fprintf(stderr, "%s: %s\n", PACKAGE, _("cannot use this terminal (is TERM set?)"));
		return -1;
	}
	active = true;
	install_handlers();
	cbreak();
	noecho();
	nonl();
	free_flow_control_keys();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	timeout(READ_TIMEOUT_MS);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_DOUBLE_CLICKED |
		  BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	setup_colours(s);
	alias_modified_keys();
	enable_paste();
	return 0;
}

void screen_end(void)
{
	if (!active)
		return;
	mousemask(0, NULL);
	curs_set(1);
	endwin();
	fputs("\033[?2004l", stdout);
	fflush(stdout);
	active = false;
}

bool screen_stop_requested(void)
{
	return stop_signal != 0;
}

int screen_stop_signal(void)
{
	return (int)stop_signal;
}

bool screen_big_enough(void)
{
	return LINES >= SCREEN_MIN_ROWS && COLS >= SCREEN_MIN_COLS;
}

/* What happens to the keys typed while the terminal is too small, or ""
 * when nothing needs saying. */
static void kept_line(bool typing, char *line, size_t size)
{
	line[0] = '\0';
	if (kept_count == KEPT_MAX)
		snprintf(line, size, _("Only the first %d keys typed are kept until then: stop typing."),
			 KEPT_MAX);
	else if (kept_count)
		snprintf(line, size, ngettext("%d key typed meanwhile is kept until then.",
					      "%d keys typed meanwhile are kept until then.",
					      (unsigned long)kept_count), kept_count);
	else if (typing)
		snprintf(line, size, "%s", _("What you type meanwhile is kept until then."));
}

void screen_draw_too_small(bool typing)
{
	char line[256], kept_text[256];
	const char *how = typing ? _("Make the window larger, or press F10 to quit.")
				 : _("Make the window larger, or press q to quit.");
	int y, rows;

	erase();
	snprintf(line, sizeof line, _("The terminal is %dx%d; stemtui needs at least %dx%d."),
		 COLS, LINES, SCREEN_MIN_COLS, SCREEN_MIN_ROWS);
	kept_line(typing, kept_text, sizeof kept_text);
	/* Wrapped, so that even a very narrow window says it whole. */
	rows = wrapped_rows(line, COLS) + wrapped_rows(how, COLS) + wrapped_rows(kept_text, COLS);
	y = (LINES - rows) / 2;
	y = y < 0 ? 0 : y;
	y += draw_wrapped(stdscr, y, 0, COLS, LINES - y, line, A_BOLD);
	if (y < LINES)
		y += draw_wrapped(stdscr, y, 0, COLS, LINES - y, how, 0);
	if (y < LINES)
		draw_wrapped(stdscr, y, 0, COLS, LINES - y, kept_text, 0);
	refresh();
}

attr_t screen_attr(enum ui_element e)
{
	return element_attr[e];
}

bool screen_has_colour(void)
{
	return colour;
}

bool screen_pasting(void)
{
	return last_pasted;
}

void screen_want_cursor(WINDOW *w, int y, int x)
{
	cursor_y = getbegy(w) + y;
	cursor_x = getbegx(w) + x;
}

void screen_forget_cursor(void)
{
	cursor_y = -1;
}

void screen_place_cursor(void)
{
	if (cursor_y < 0) {
		curs_set(0);
		return;
	}
	move(cursor_y, cursor_x);
	curs_set(1);
}

/* The next key from the terminal, waiting up to wait_ms (or the one
 * held back); false when none came. */
static bool read_raw(int wait_ms, struct raw_key *k)
{
	if (have_held) {
		*k = held;
		have_held = false;
		return true;
	}
	timeout(wait_ms);
	k->rc = get_wch(&k->ch);
	return k->rc != ERR;
}

static void hold(const struct raw_key *k)
{
	held = *k;
	have_held = true;
}

/* What a curses key code acts as (KC form). */
static int code_key(int code)
{
	int i;

	for (i = 0; i < naliases; i++)
		if (alias[i].code == KC(code))
			return alias[i].key;
	return KC(code);
}

/* Function key n (1-12) with modifier mod (xterm's: 1 none, 2 Shift):
 * Shift-Fn is F(n+12), as xterm's terminfo has it (Shift-F8 is kf20),
 * also under a TERM whose entry lacks those; 0 for other modifiers. */
static int function_key(int n, int mod)
{
	if (mod == 1)
		return KC(KEY_F(n));
	return mod == 2 ? KC(KEY_F(n + 12)) : 0;
}

/* The key of "ESC [ n ~": the vt220 and rxvt numbers of the editing and
 * function keys, with their modifier, and the paste markers (should
 * curses have missed them); 0 for one this program has no use for. */
static int tilde_key(int n, int mod)
{
	static const int fkeys[] = { 11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 23, 24 };
	size_t i;

	switch (n) {
	case 1: case 7: return modified_key(KEY_HOME, mod);
	case 4: case 8: return modified_key(KEY_END, mod);
	case 2: return modified_key(KEY_IC, mod);
	case 3: return modified_key(KEY_DC, mod);
	case 5: return modified_key(KEY_PPAGE, mod);
	case 6: return modified_key(KEY_NPAGE, mod);
	case 200: return KC(KEY_PASTE_BEGIN);
	case 201: return KC(KEY_PASTE_END);
	default: break;
	}
	for (i = 0; i < sizeof fkeys / sizeof fkeys[0]; i++)
		if (fkeys[i] == n)
			return function_key((int)i + 1, mod);
	return 0;
}

/* The key of a sequence that ends in final: a cursor key, Home, End, F1-F4
 * (CSI or SS3 form) or Shift-Tab; 0 for any other. */
static int final_key(int final, int mod)
{
	switch (final) {
	case 'A': return modified_key(KEY_UP, mod);
	case 'B': return modified_key(KEY_DOWN, mod);
	case 'C': return modified_key(KEY_RIGHT, mod);
	case 'D': return modified_key(KEY_LEFT, mod);
	case 'H': return modified_key(KEY_HOME, mod);
	case 'F': return modified_key(KEY_END, mod);
	case 'P': case 'Q': case 'R': case 'S':
		return function_key(final - 'P' + 1, mod);
	case 'Z': return KC(KEY_BTAB);
	default: return 0;
	}
}

/* The rest of a control sequence, ESC [ already read: parameter bytes
 * 0x30-0x3F, intermediate bytes 0x20-0x2F, a final byte 0x40-0x7E, as
 * terminals send for keys their terminfo entry does not list (Ctrl-End
 * as ESC [1;5F, End as ESC [4~).  Read whole, always, so that none of it
 * becomes text; the key it means, or 0 to ignore it. */
static int csi_key(void)
{
	char params[32];
	size_t n = 0;
	struct raw_key k;
	int num = 1, mod = 1;

	for (;;) {
		/* The terminal sends a sequence at once: a pause means it was
		 * cut short (only its start arrived). */
		if (!read_raw(get_escdelay(), &k))
			return 0;
		if (k.rc != OK || k.ch < 0x20 || k.ch > 0x7e) {
			hold(&k);   /* not part of a sequence: a key of its own */
			return 0;
		}
		if (k.ch >= 0x40)
			break;
		if (n < sizeof params - 1)
			params[n++] = (char)k.ch;
	}
	params[n] = '\0';
	/* Only "n" and "n;mod": private forms (ESC [ < ...) mean no key here. */
	if (strspn(params, "0123456789;") != n ||
	    (n && sscanf(params, "%d;%d", &num, &mod) < 1))
		return 0;
	if (k.ch == '~')
		return tilde_key(num, mod);
	return final_key((int)k.ch, mod);
}

/* ESC O x: the cursor keys, Home, End and F1-F4 in application mode. */
static int ss3_key(void)
{
	struct raw_key k;

	if (!read_raw(get_escdelay(), &k))
		return 0;
	if (k.rc != OK || k.ch < 0x20 || k.ch > 0x7e) {
		hold(&k);
		return 0;
	}
	return k.ch == 'M' ? '\r' : final_key((int)k.ch, 1);
}

/* After an ESC, what came with it decides (curses has already waited
 * ESCDELAY for it): nothing is a lone Esc, ESC [ and ESC O start a key's
 * escape sequence, ESC and a character is that character with Alt, which
 * nothing is bound to, so it is ignored rather than typed.  Returns the
 * key, or 0 for nothing. */
static int escape_key(void)
{
	struct raw_key k;

	if (!read_raw(0, &k))
		return 27;
	if (k.rc == KEY_CODE_YES || k.ch == 27) {
		/* A key curses knows, with Alt: that key.  Two Escs: the
		 * second is read next, on its own. */
		hold(&k);
		return k.rc == KEY_CODE_YES ? 0 : 27;
	}
	if (k.ch == '[')
		return csi_key();
	if (k.ch == 'O')
		return ss3_key();
	return 0;
}

/* The next key from the terminal in the form actions.h uses, or 0 for
 * none (a paste marker, an ignored escape sequence); false on timeout. */
static bool next_key(int wait_ms, int *key)
{
	struct raw_key k;

	if (!read_raw(wait_ms, &k))
		return false;
	if (k.rc == KEY_CODE_YES)
		*key = code_key((int)k.ch);
	else if (k.ch == 27)
		*key = escape_key();
	else
		*key = (int)k.ch;
	if (*key == KC(KEY_PASTE_BEGIN) || *key == KC(KEY_PASTE_END)) {
		pasting = *key == KC(KEY_PASTE_BEGIN);
		*key = 0;
	}
	return true;
}

/* The oldest key kept while the terminal was too small, if it is big
 * enough again now. */
static bool kept_key(int *key)
{
	if (!kept_count || !screen_big_enough())
		return false;
	*key = kept[kept_first].key;
	last_pasted = kept[kept_first].pasted;
	kept_first = (kept_first + 1) % KEPT_MAX;
	kept_count--;
	return true;
}

static bool read_key(int wait_ms, int *key)
{
	if (kept_key(key))
		return true;
	do {
		if (!next_key(wait_ms, key))
			return false;
	} while (!*key);
	last_pasted = pasting;
	if (pasting && (*key == '\r' || *key == '\n' || *key == KC(KEY_ENTER)))
		*key = '\n';
	if (pasting && *key == '\t')
		*key = ' ';
	/* Terminals send DEL for Backspace; treat both alike. */
	if (*key == 127 || *key == 8)
		*key = KC(KEY_BACKSPACE);
	return true;
}

bool screen_read_key(int *key)
{
	return read_key(READ_TIMEOUT_MS, key);
}

bool screen_read_key_now(int *key)
{
	return read_key(0, key);
}

bool screen_keep_key(int key)
{
	if (kept_count == KEPT_MAX)
		return false;
	kept[(kept_first + kept_count) % KEPT_MAX].key = key;
	kept[(kept_first + kept_count) % KEPT_MAX].pasted = last_pasted;
	kept_count++;
	return true;
}
