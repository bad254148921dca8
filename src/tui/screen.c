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

static bool active, colour, pasting;
static int cursor_y = -1, cursor_x;   /* where the focused field wants it */
static int ctrl_left = -1, ctrl_right = -1;
static volatile sig_atomic_t stop_signal;
static attr_t element_attr[UI_ELEMENT_COUNT];

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

int screen_init(const st_settings *s)
{
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
	ctrl_left = extended_key("kLFT5");
	ctrl_right = extended_key("kRIT5");
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

void screen_draw_too_small(void)
{
	char line[256];
	int y, rows;

	erase();
	snprintf(line, sizeof line, _("The terminal is %dx%d; stemtui needs at least %dx%d."),
		 COLS, LINES, SCREEN_MIN_COLS, SCREEN_MIN_ROWS);
	/* Wrapped, so that even a very narrow window says it whole. */
	rows = wrapped_rows(line, COLS);
	y = (LINES - rows - 1) / 2;
	y = y < 0 ? 0 : y;
	y += draw_wrapped(stdscr, y, 0, COLS, LINES - y, line, A_BOLD);
	if (y < LINES)
		draw_wrapped(stdscr, y, 0, COLS, LINES - y, _("Make the window larger, or press q to quit."), 0);
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
	return pasting;
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

bool screen_read_key_now(int *key)
{
	bool got;

	timeout(0);
	got = screen_read_key(key);
	timeout(READ_TIMEOUT_MS);
	return got;
}

bool screen_read_key(int *key)
{
	wint_t ch;
	int rc;

	for (;;) {
		rc = get_wch(&ch);
		if (rc == ERR)
			return false;
		if (rc == KEY_CODE_YES && (ch == KEY_PASTE_BEGIN || ch == KEY_PASTE_END)) {
			pasting = ch == KEY_PASTE_BEGIN;
			continue;
		}
		break;
	}
	*key = rc == KEY_CODE_YES ? KC((int)ch) : (int)ch;
	/* Ctrl-Left/Right have a code of their own on each terminal. */
	if (rc == KEY_CODE_YES && ctrl_left > 0 && (int)ch == ctrl_left)
		*key = KX_CTRL_LEFT;
	if (rc == KEY_CODE_YES && ctrl_right > 0 && (int)ch == ctrl_right)
		*key = KX_CTRL_RIGHT;
	if (pasting && (*key == '\r' || *key == '\n' || *key == KC(KEY_ENTER)))
		*key = '\n';
	if (pasting && *key == '\t')
		*key = ' ';
	/* Terminals send DEL for Backspace; treat both alike. */
	if (*key == 127 || *key == 8)
		*key = KC(KEY_BACKSPACE);
	return true;
}
