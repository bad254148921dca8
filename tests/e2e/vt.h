/* vt.h: drive a real terminal program in a pseudo-terminal for end-to-end tests.
 *
 * The program runs in a new pty (forkpty); everything it writes is fed to a
 * libvterm emulator, so a test can type keys and then assert what a user
 * would see: text, attributes, colours and terminal modes.
 *
 * Every wait takes a deadline and pumps the pty with poll(): there is no
 * bare sleep anywhere, so a passing test runs as fast as the program, and a
 * failing one fails after its timeout instead of hanging.
 *
 * Rows and columns are 0-based cell indexes throughout.  Text arguments and
 * results are UTF-8.  Functions that return char * return a fresh string the
 * caller frees.  A failure to set up (out of memory, no pty) prints a
 * diagnostic and exits with 99, the automake "hard error" status, because a
 * test cannot continue without its terminal. */
#ifndef STEMTUI_E2E_VT_H
#define STEMTUI_E2E_VT_H

#include <stdbool.h>
#include <sys/types.h>

typedef struct vt vt;

/* Starts argv[0] (a path; PATH is not searched) with argv in a new pty of
 * rows x cols and returns its handle (free it with vt_free).
 * The child's environment is the caller's with LINES, COLUMNS, LANGUAGE and
 * every LC_* removed (they would override the pty size or the locale and
 * make a test depend on the developer's shell), then TERM=xterm-256color,
 * LANG=C.UTF-8 and ESCDELAY=25 set, then each "NAME=value" of env_extra
 * (NULL-terminated; may be NULL) added or overriding.
 * If the program cannot be executed the child exits with status 127. */
vt *vt_spawn(char *const argv[], char *const env_extra[], int rows, int cols);

/* Sends raw bytes (UTF-8 text or escape sequences) as typed keys, in one
 * write, and returns once the pty has accepted them all (reading the
 * program's output meanwhile, bounded by 5 s).  Control keys are bytes:
 * Ctrl-X is "\x18".  A lone "\x1b" followed at once by more bytes reads as
 * Alt+key to ncurses: use vt_key(t, VT_ESC) and wait for its effect. */
void vt_type(vt *t, const char *bytes);

enum vt_key {
	VT_UP, VT_DOWN, VT_LEFT, VT_RIGHT, VT_HOME, VT_END, VT_PGUP, VT_PGDN,
	VT_ENTER, VT_ESC, VT_TAB, VT_BACKSPACE, VT_F1, VT_DELETE
};

/* Sends the bytes xterm sends for key k, as libvterm encodes them, so the
 * cursor keys follow the mode the program set: "\e[A" normally, "\eOA" after
 * smkx (DECCKM, which ncurses' keypad() sends).  Enter is "\r", Backspace
 * 0x7f, Esc a lone 0x1b, Home/End "\e[H"/"\e[F" ("\eOH"/"\eOF" in
 * application mode), PgUp/PgDn "\e[5~"/"\e[6~", Delete "\e[3~", F1 "\eOP":
 * exactly what terminfo's xterm-256color entry promises ncurses.
 * After Esc it returns only once the program has read it, its ESCDELAY
 * (25 ms) has passed and it waits for input again, as when a person
 * presses Esc: the next key sent is then a key of its own, not Alt+key. */
void vt_key(vt *t, enum vt_key k);

/* Pumps the program's output into the emulator until text appears anywhere
 * on screen (within one row: text wrapped across rows does not match), or
 * timeout_ms passes, or the program has closed the pty.  True when found. */
bool vt_wait_text(vt *t, const char *utf8, int timeout_ms);

/* Like vt_wait_text, but waits until text is no longer anywhere on screen.
 * Also returns true at once if it is already absent. */
bool vt_wait_gone(vt *t, const char *utf8, int timeout_ms);

/* Like vt_wait_text, but only row (0-based) is searched. */
bool vt_wait_row_text(vt *t, int row, const char *utf8, int timeout_ms);

/* Waits until pred(t, arg) is true, pumping output between checks; false
 * after timeout_ms or once the pty is closed and pred is still false.
 * For conditions the other waits cannot express (attributes, modes). */
bool vt_wait_until(vt *t, bool (*pred)(vt *t, void *arg), void *arg, int timeout_ms);

/* Lets output settle: pumps until nothing new has arrived for quiet_ms,
 * bounded by timeout_ms.  Only for "nothing should happen" checks: to wait
 * for something, wait for it. */
void vt_settle(vt *t, int quiet_ms, int timeout_ms);

/* Pumps output until the child has read every key sent to it and is asleep
 * in read/poll/select/epoll (from /proc/PID/stat and /proc/PID/syscall),
 * i.e. waiting for input with all it had to say said and on screen: right
 * after vt_type, the screen then shows what the keys did.  True when idle,
 * false on timeout or if it has exited.
 * Only the spawned process is looked at: spawn the program itself, or via
 * wrappers that exec it (sh -c 'exec ...'), not ones that fork and wait.
 * Where /proc/PID/syscall cannot be read, falls back to 50 ms of quiet
 * output.  vt_resize calls this itself. */
bool vt_wait_idle(vt *t, int timeout_ms);

/* One screen row as UTF-8, trailing blanks trimmed: a wide character once
 * (its continuation cell skipped), combining characters kept after their
 * base, an empty cell as a space.  Out-of-range row: "".  Caller frees. */
char *vt_row(vt *t, int row);

/* The whole screen: every row as vt_row gives it, joined by '\n' (no final
 * newline).  Caller frees. */
char *vt_screen_text(vt *t);

/* Row of the first line containing text, or -1. */
int vt_find_row(vt *t, const char *utf8);

/* Column (cell index, so a wide character before it counts 2) where text
 * first starts within row, or -1. */
int vt_find_col(vt *t, int row, const char *utf8);

/* Cell attributes at (row, col); false when out of range. */
bool vt_cell_reverse(vt *t, int row, int col);
bool vt_cell_bold(vt *t, int row, int col);
bool vt_cell_underline(vt *t, int row, int col);

/* Foreground / background colour at (row, col): -1 for the default colour,
 * 0..255 for a palette index (SGR 30-37 give 0-7, 90-97 give 8-15, 38;5;N
 * gives N), 256 + 0xRRGGBB for a direct RGB colour, -2 when out of range. */
int vt_cell_fg(vt *t, int row, int col);
int vt_cell_bg(vt *t, int row, int col);

/* True when any cell on screen has a non-default foreground or background
 * colour (an erased area painted with a coloured background counts). */
bool vt_any_colour(vt *t);

/* Terminal modes as the program left them, as libvterm's settermprop
 * callback reported them: alternate screen on (smcup / DECSET 1049)?
 * cursor visible (civis / cnorm)?  mouse reporting on (any of DECSET
 * 1000/1002/1003)? */
bool vt_altscreen(vt *t);
bool vt_cursor_visible(vt *t);
bool vt_mouse_on(vt *t);

/* Cursor position (0-based) and screen size; any pointer may be NULL. */
void vt_cursor(vt *t, int *row, int *col);
void vt_size(vt *t, int *rows, int *cols);

/* Sends an xterm SGR (1006) mouse press then release of the left button at
 * (row, col): "\e[<0;C;RM" then "\e[<0;C;Rm" with C = col+1, R = row+1.
 * Sent whether or not the program enabled the mouse (a test may want to
 * check it is ignored). */
void vt_click(vt *t, int row, int col);

/* Sends an SGR wheel event at (row, col): button 64 (up) or 65 (down),
 * press only, as xterm does. */
void vt_wheel(vt *t, int row, int col, bool down);

/* Resizes the pty and the emulator to rows x cols.  First waits (up to 2 s)
 * until the child is idle (vt_wait_idle), because ncurses only notices a
 * SIGWINCH that interrupts its read/poll; one that lands while it is busy is
 * seen only at the next key.  Then sets the emulator size and TIOCSWINSZ,
 * and the kernel sends SIGWINCH to the pty's foreground process group.
 * Wait for the redraw afterwards (vt_wait_text, ...). */
void vt_resize(vt *t, int rows, int cols);

/* Waits up to timeout_ms for the child to exit, pumping its output (what it
 * printed last is on screen when this returns; a background job of the
 * child still holding the pty open may add up to 100 ms).  Returns its exit
 * status (0..255), 128+N if killed by signal N, -1 on timeout.  May be
 * called again and returns the same status; vt_wait_exit(t, 0) polls. */
int vt_wait_exit(vt *t, int timeout_ms);

/* Sends signal sig to the child (not its process group).  No-op once the
 * child has been reaped. */
void vt_kill(vt *t, int sig);

/* The child's process id. */
pid_t vt_pid(vt *t);

/* Prints the screen as TAP diagnostics on stdout, one "# |row text|" line
 * per row after a line with size, cursor and modes; for failing tests. */
void vt_dump(vt *t);

/* Kills the child's process group with SIGKILL if the child is still
 * running, reaps the child, closes the pty and frees everything.
 * NULL is a no-op. */
void vt_free(vt *t);

#endif
