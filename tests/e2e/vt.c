/* vt.c: a program in a pseudo-terminal, seen through libvterm.  See vt.h.
 *
 * Design: one non-blocking pty master per vt.  Everything the child writes is
 * read and fed to libvterm; everything we send (typed bytes, encoded keys,
 * libvterm's replies to terminal queries) goes through one outgoing queue
 * that is written whenever the master has room.  Keeping a queue instead of
 * writing from libvterm's output callback means we never block inside
 * vterm_input_write and never re-enter libvterm from its own callback. */
#include "config.h"

#include "vt.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#if defined(HAVE_PTY_H)
#include <pty.h>          /* forkpty: glibc */
#elif defined(HAVE_LIBUTIL_H)
#include <libutil.h>      /* FreeBSD */
#elif defined(HAVE_UTIL_H)
#include <util.h>         /* macOS, NetBSD, OpenBSD */
#endif
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <vterm.h>

extern char **environ;

struct vt {
	VTerm *vt;
	VTermScreen *screen;
	VTermState *state;
	int master;             /* non-blocking, close-on-exec */
	int pidfd;              /* -1 when the kernel has no pidfd_open */
	pid_t pid;
	int rows, cols;
	bool eof;               /* master read gave EIO: no slave is open */
	bool reaped;
	int status;             /* decoded as vt_wait_exit returns it */
	bool altscreen, cursor_visible;
	int mouse;              /* VTERM_PROP_MOUSE_* */
	char *out;              /* bytes queued for the master */
	size_t outlen, outcap;
	char seq[64];           /* a CSI [?] Pm h/l being collected, see feed() */
	size_t seqlen;
};

/* The most a single drain reads, so a child that never stops writing cannot
 * keep a wait from checking its predicate and its deadline. */
enum { DRAIN_MAX = 64 * 1024 };

/* How long vt_type, vt_key & co. wait for the pty to take their bytes. */
enum { SEND_TIMEOUT_MS = 5000 };

/* How long vt_resize waits for the child to block for input. */
enum { RESIZE_IDLE_MS = 2000 };

/* The child's ESCDELAY (make_env sets it), and the margin vt_key(VT_ESC)
 * adds to it: an Esc is a lone Esc only once that long has passed with no
 * byte after it, as when a person presses it. */
enum { ESC_DELAY_MS = 25, ESC_MARGIN_MS = 25 };

/* A test cannot go on without its terminal: report as TAP and hard-fail. */
static void die(const char *what)
{
	int e = errno;

	fflush(stdout);
	printf("Bail out! vt: %s: %s\n", what, strerror(e));
	fflush(stdout);
	exit(99);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Milliseconds left until deadline, clamped to what poll() takes. */
static int left_ms(long long deadline)
{
	long long d = deadline - now_ms();

	if (d <= 0)
		return 0;
	return d > 1000000 ? 1000000 : (int)d;
}

/* ---- outgoing queue ---------------------------------------------------- */

static void queue(vt *t, const char *s, size_t n)
{
	if (n == 0)
		return;
	if (t->outlen + n > t->outcap) {
		size_t cap = t->outcap ? t->outcap : 256;
		char *p;

		while (cap < t->outlen + n)
			cap *= 2;
		p = realloc(t->out, cap);
		if (!p)
			die("out of memory");
		t->out = p;
		t->outcap = cap;
	}
	memcpy(t->out + t->outlen, s, n);
	t->outlen += n;
}

/* libvterm's output: key encodings and replies to queries (DSR, DA, ...).
 * Only queued here; see the comment at the top. */
static void on_output(const char *s, size_t len, void *user)
{
	queue(user, s, len);
}

/* Writes as much of the queue as the master takes without blocking. */
static void flush(vt *t)
{
	size_t done = 0;

	while (done < t->outlen && !t->eof) {
		ssize_t n = write(t->master, t->out + done, t->outlen - done);

		if (n > 0) {
			done += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		/* EIO: the child is gone, nobody will ever read these bytes. */
		done = t->outlen;
	}
	if (t->eof)
		done = t->outlen;
	if (done > 0) {
		memmove(t->out, t->out + done, t->outlen - done);
		t->outlen -= done;
	}
}

/* ---- incoming ------------------------------------------------------------ */

/* Passes a mode set/reset with several parameters to libvterm as one
 * sequence per parameter.  seq holds ESC [ [?] Pm; final is 'h' or 'l'. */
static void emit_modes(vt *t, char final)
{
	const char *p = t->seq + 2, *end = t->seq + t->seqlen;
	bool priv = *p == '?';

	if (priv)
		p++;
	if (!memchr(p, ';', (size_t)(end - p))) {
		vterm_input_write(t->vt, t->seq, t->seqlen);
		vterm_input_write(t->vt, &final, 1);
		return;
	}
	while (p <= end) {
		const char *q = memchr(p, ';', (size_t)(end - p));
		char one[80];
		int n;

		if (!q)
			q = end;
		if (q > p) {
			n = snprintf(one, sizeof one, "\x1b[%s%.*s%c", priv ? "?" : "",
				     (int)(q - p), p, final);
			vterm_input_write(t->vt, one, (size_t)n);
		}
		p = q + 1;
	}
}

/* Whether byte b continues the CSI [?] Pm collected in t->seq. */
static bool collects(const vt *t, unsigned char b)
{
	if (t->seqlen == 1)
		return b == '[';
	if (t->seqlen == 2 && b == '?')
		return true;
	return t->seqlen < sizeof t->seq && ((b >= '0' && b <= '9') || b == ';');
}

/* Feeds the child's output to libvterm.  libvterm 0.1.4 acts only on the
 * first parameter of DECSET/DECRST (and SM/RM), but ncurses enables the
 * mouse with "\e[?1006;1000h": libvterm would never report the mouse on.
 * So those sequences are split here, one per parameter; every other byte
 * passes through unchanged, in order.  A sequence cut by a read boundary is
 * held in t->seq until the next read completes it. */
static void feed(vt *t, const char *buf, size_t n)
{
	size_t run = 0;         /* start of the bytes not yet passed on */

	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)buf[i];

		if (t->seqlen == 0) {
			if (b == 0x1b) {
				vterm_input_write(t->vt, buf + run, i - run);
				t->seq[t->seqlen++] = (char)b;
				run = i + 1;
			}
			continue;
		}
		if (collects(t, b)) {
			t->seq[t->seqlen++] = (char)b;
			run = i + 1;
			continue;
		}
		if (t->seqlen >= 3 && (b == 'h' || b == 'l')) {
			emit_modes(t, (char)b);
			t->seqlen = 0;
			run = i + 1;
			continue;
		}
		/* Not a mode sequence: pass on what was held back, then b. */
		vterm_input_write(t->vt, t->seq, t->seqlen);
		t->seqlen = 0;
		run = i;
		if (b == 0x1b) {
			t->seq[t->seqlen++] = (char)b;
			run = i + 1;
		}
	}
	vterm_input_write(t->vt, buf + run, n - run);
}

/* Reads what the master has ready (at most DRAIN_MAX) into the emulator and
 * sends any replies that produced.  Returns the number of bytes read.
 * Linux flushes the pty's pending buffer work before a read reports "no
 * data", so everything the child wrote before this call is seen. */
static size_t drain(vt *t)
{
	char buf[4096];
	size_t total = 0;

	while (!t->eof && total < DRAIN_MAX) {
		ssize_t n = read(t->master, buf, sizeof buf);

		if (n > 0) {
			feed(t, buf, (size_t)n);
			total += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		/* 0 or EIO (what Linux gives once no slave fd is open). */
		t->eof = true;
	}
	flush(t);
	return total;
}

/* Waits up to timeout_ms for output, or for room to write queued bytes,
 * then handles both.  Returns the number of bytes read. */
static size_t pump(vt *t, int timeout_ms)
{
	struct pollfd p;
	int r;

	if (t->eof)
		return 0;
	p.fd = t->master;
	p.events = POLLIN | (t->outlen ? POLLOUT : 0);
	p.revents = 0;
	r = poll(&p, 1, timeout_ms);
	if (r < 0 && errno != EINTR)
		die("poll");
	if (r <= 0)
		return 0;
	if (p.revents & POLLOUT)
		flush(t);
	return drain(t);
}

/* Queues bytes and waits (pumping output, so a child blocked writing to us
 * cannot deadlock with us blocked writing to it) until the pty took them. */
static void send_bytes(vt *t, const char *s, size_t n)
{
	long long deadline = now_ms() + SEND_TIMEOUT_MS;

	queue(t, s, n);
	flush(t);
	while (t->outlen && !t->eof && left_ms(deadline) > 0)
		pump(t, left_ms(deadline));
}

/* ---- child process --------------------------------------------------------- */

/* Records the child's status if it has exited; flags as for waitpid. */
static void reap(vt *t, int flags)
{
	int st;
	pid_t r;

	if (t->reaped)
		return;
	do
		r = waitpid(t->pid, &st, flags);
	while (r < 0 && errno == EINTR);
	if (r == t->pid) {
		t->reaped = true;
		if (WIFEXITED(st))
			t->status = WEXITSTATUS(st);
		else if (WIFSIGNALED(st))
			t->status = 128 + WTERMSIG(st);
		else
			t->status = -1;
	} else if (r < 0 && errno == ECHILD) {
		/* Someone else reaped it (SIGCHLD ignored?): nothing to wait for. */
		t->reaped = true;
		t->status = -1;
	}
}

static bool env_drop(const char *entry)
{
	static const char *const names[] = { "LINES=", "COLUMNS=", "LANGUAGE=" };

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strncmp(entry, names[i], strlen(names[i])) == 0)
			return true;
	return strncmp(entry, "LC_", 3) == 0;
}

/* Sets entry ("NAME=value") in env[0..*n), replacing one of the same name. */
static void env_put(char **env, size_t *n, char *entry)
{
	const char *eq = strchr(entry, '=');
	size_t len = eq ? (size_t)(eq - entry) + 1 : strlen(entry);

	for (size_t i = 0; i < *n; i++)
		if (strncmp(env[i], entry, len) == 0) {
			env[i] = entry;
			return;
		}
	env[(*n)++] = entry;
}

/* The child's environment, built before fork so the child only has to exec.
 * Points into environ, env_extra and static strings: free only the array. */
static char **make_env(char *const env_extra[])
{
	static char term[] = "TERM=xterm-256color";
	static char lang[] = "LANG=C.UTF-8";
	static char escdelay[] = "ESCDELAY=25";   /* ESC_DELAY_MS */
	size_t have = 0, extra = 0, n = 0;
	char **env;

	while (environ && environ[have])
		have++;
	while (env_extra && env_extra[extra])
		extra++;
	env = calloc(have + extra + 4, sizeof *env);
	if (!env)
		die("out of memory");
	for (size_t i = 0; i < have; i++)
		if (!env_drop(environ[i]))
			env[n++] = environ[i];
	env_put(env, &n, term);
	env_put(env, &n, lang);
	env_put(env, &n, escdelay);
	for (size_t i = 0; i < extra; i++)
		env_put(env, &n, env_extra[i]);
	env[n] = NULL;
	return env;
}

/* Runs in the forked child: give the program the signal state a login shell
 * would (a test driver may have ignored or blocked some), then exec. */
static void child_exec(char *const argv[], char **env)
{
	static const int sigs[] = { SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM,
				    SIGCHLD, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH };
	sigset_t none;

	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	execve(argv[0], argv, env);
	/* The slave is our stderr: the message lands on the screen, where a
	 * failing test's vt_dump shows it. */
	dprintf(2, "vt_spawn: cannot execute %s: %s\r\n", argv[0], strerror(errno));
	_exit(127);
}

/* ---- emulator --------------------------------------------------------------- */

static int on_termprop(VTermProp prop, VTermValue *val, void *user)
{
	vt *t = user;

	switch (prop) {
	case VTERM_PROP_ALTSCREEN:
		t->altscreen = val->boolean;
		break;
	case VTERM_PROP_CURSORVISIBLE:
		t->cursor_visible = val->boolean;
		break;
	case VTERM_PROP_MOUSE:
		t->mouse = val->number;
		break;
	default:
		break;
	}
	return 1;
}

static const VTermScreenCallbacks screen_cbs = {
	.settermprop = on_termprop,
};

vt *vt_spawn(char *const argv[], char *const env_extra[], int rows, int cols)
{
	struct winsize ws = { 0 };
	vt *t;
	char **env;
	int flags;

	if (!argv || !argv[0] || rows < 1 || cols < 1) {
		errno = EINVAL;
		die("vt_spawn");
	}
	t = calloc(1, sizeof *t);
	if (!t)
		die("out of memory");
	t->rows = rows;
	t->cols = cols;
	t->pidfd = -1;
	t->cursor_visible = true;
	env = make_env(env_extra);
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	/* Unflushed stdio would otherwise be written twice if exec failed and
	 * something in the child flushed it. */
	fflush(stdout);
	fflush(stderr);
	t->pid = forkpty(&t->master, NULL, NULL, &ws);
	if (t->pid < 0)
		die("forkpty");
	if (t->pid == 0)
		child_exec(argv, env);
	free(env);

	/* Close-on-exec so a second vt's child does not hold this pty open
	 * (it would never see EIO after its own child exits). */
	if (fcntl(t->master, F_SETFD, FD_CLOEXEC) < 0)
		die("fcntl");
	flags = fcntl(t->master, F_GETFL);
	if (flags < 0 || fcntl(t->master, F_SETFL, flags | O_NONBLOCK) < 0)
		die("fcntl");
#ifdef SYS_pidfd_open
	/* Lets vt_wait_exit poll for the exit instead of polling waitpid. */
	t->pidfd = (int)syscall(SYS_pidfd_open, t->pid, 0);
#endif

	t->vt = vterm_new(rows, cols);
	if (!t->vt)
		die("vterm_new");
	vterm_set_utf8(t->vt, 1);
	vterm_output_set_callback(t->vt, on_output, t);
	t->state = vterm_obtain_state(t->vt);
	/* Bold must not turn colour 1 into 9: tests compare indexes. */
	vterm_state_set_bold_highbright(t->state, 0);
	t->screen = vterm_obtain_screen(t->vt);
	/* Without a second buffer libvterm refuses DECSET 1049 and never
	 * reports VTERM_PROP_ALTSCREEN. */
	vterm_screen_enable_altscreen(t->screen, 1);
	vterm_screen_set_callbacks(t->screen, &screen_cbs, t);
	vterm_screen_reset(t->screen, 1);
	return t;
}

/* ---- sending ------------------------------------------------------------------ */

void vt_type(vt *t, const char *bytes)
{
	send_bytes(t, bytes, strlen(bytes));
}

/* After a lone Esc: returns once the child has read it, its ESCDELAY has
 * passed (so the next byte sent is a key of its own, not Alt+key) and it
 * is waiting for input again.  The one fixed wait in the harness, because
 * the terminal protocol itself tells a lone Esc by time. */
static void wait_lone_esc(vt *t)
{
	long long until;

	vt_wait_idle(t, RESIZE_IDLE_MS);
	until = now_ms() + ESC_DELAY_MS + ESC_MARGIN_MS;
	while (!t->eof && left_ms(until) > 0)
		pump(t, left_ms(until));
	vt_wait_idle(t, RESIZE_IDLE_MS);
}

void vt_key(vt *t, enum vt_key k)
{
	static const VTermKey map[] = {
		[VT_UP] = VTERM_KEY_UP,
		[VT_DOWN] = VTERM_KEY_DOWN,
		[VT_LEFT] = VTERM_KEY_LEFT,
		[VT_RIGHT] = VTERM_KEY_RIGHT,
		[VT_HOME] = VTERM_KEY_HOME,
		[VT_END] = VTERM_KEY_END,
		[VT_PGUP] = VTERM_KEY_PAGEUP,
		[VT_PGDN] = VTERM_KEY_PAGEDOWN,
		[VT_ENTER] = VTERM_KEY_ENTER,
		[VT_ESC] = VTERM_KEY_ESCAPE,
		[VT_TAB] = VTERM_KEY_TAB,
		[VT_BACKSPACE] = VTERM_KEY_BACKSPACE,
		[VT_F1] = VTERM_KEY_FUNCTION(1),
		[VT_DELETE] = VTERM_KEY_DEL,
	};

	if ((unsigned)k >= sizeof map / sizeof map[0])
		return;
	/* libvterm encodes by the modes the child set (DECCKM for the cursor
	 * keys) and hands the bytes to on_output. */
	vterm_keyboard_key(t->vt, map[k], VTERM_MOD_NONE);
	send_bytes(t, "", 0);
	if (k == VT_ESC)
		wait_lone_esc(t);
}

void vt_click(vt *t, int row, int col)
{
	char buf[64];
	int n = snprintf(buf, sizeof buf, "\x1b[<0;%d;%dM\x1b[<0;%d;%dm",
			 col + 1, row + 1, col + 1, row + 1);

	send_bytes(t, buf, (size_t)n);
}

void vt_wheel(vt *t, int row, int col, bool down)
{
	char buf[32];
	int n = snprintf(buf, sizeof buf, "\x1b[<%d;%d;%dM", down ? 65 : 64,
			 col + 1, row + 1);

	send_bytes(t, buf, (size_t)n);
}

/* ---- reading the screen --------------------------------------------------------- */

static bool get_cell(vt *t, int row, int col, VTermScreenCell *cell)
{
	VTermPos pos = { .row = row, .col = col };

	if (row < 0 || row >= t->rows || col < 0 || col >= t->cols)
		return false;
	return vterm_screen_get_cell(t->screen, pos, cell) != 0;
}

/* Writes c as UTF-8 (at most 4 bytes); what is not a scalar value becomes
 * U+FFFD so the result is always valid UTF-8. */
static size_t put_utf8(char *p, uint32_t c)
{
	if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		c = 0xFFFD;
	if (c < 0x80) {
		p[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		p[0] = (char)(0xC0 | c >> 6);
		p[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		p[0] = (char)(0xE0 | c >> 12);
		p[1] = (char)(0x80 | (c >> 6 & 0x3F));
		p[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	p[0] = (char)(0xF0 | c >> 18);
	p[1] = (char)(0x80 | (c >> 12 & 0x3F));
	p[2] = (char)(0x80 | (c >> 6 & 0x3F));
	p[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* Row text as vt_row documents it.  With cellof, also a malloc'd map from
 * each byte offset (0..length) to the cell its character starts in, which
 * is how vt_find_col turns a strstr() hit into a column. */
static char *row_text(vt *t, int row, int **cellof)
{
	size_t cap = (size_t)t->cols * VTERM_MAX_CHARS_PER_CELL * 4 + 1;
	char *s = malloc(cap);
	int *map = cellof ? malloc(cap * sizeof *map) : NULL;
	size_t len = 0;

	if (!s || (cellof && !map))
		die("out of memory");
	for (int col = 0; row >= 0 && row < t->rows && col < t->cols; col++) {
		VTermScreenCell cell;
		size_t start = len;

		if (!get_cell(t, row, col, &cell))
			continue;
		if (cell.chars[0] == (uint32_t)-1)
			continue;       /* right half of a wide character */
		if (cell.chars[0] == 0)
			s[len++] = ' ';
		for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++)
			len += put_utf8(s + len, cell.chars[i]);
		if (map)
			for (size_t b = start; b < len; b++)
				map[b] = col;
	}
	while (len > 0 && s[len - 1] == ' ')
		len--;
	s[len] = '\0';
	if (map)
		map[len] = t->cols;
	if (cellof)
		*cellof = map;
	return s;
}

char *vt_row(vt *t, int row)
{
	return row_text(t, row, NULL);
}

char *vt_screen_text(vt *t)
{
	size_t cap = 1, len = 0;
	char *all = malloc(cap);

	if (!all)
		die("out of memory");
	for (int row = 0; row < t->rows; row++) {
		char *s = row_text(t, row, NULL);
		size_t n = strlen(s);
		char *p = realloc(all, cap + n + 1);

		if (!p)
			die("out of memory");
		all = p;
		cap += n + 1;
		if (row > 0)
			all[len++] = '\n';
		memcpy(all + len, s, n);
		len += n;
		free(s);
	}
	all[len] = '\0';
	return all;
}

int vt_find_row(vt *t, const char *utf8)
{
	for (int row = 0; row < t->rows; row++) {
		char *s = row_text(t, row, NULL);
		bool hit = strstr(s, utf8) != NULL;

		free(s);
		if (hit)
			return row;
	}
	return -1;
}

int vt_find_col(vt *t, int row, const char *utf8)
{
	int *map;
	char *s = row_text(t, row, &map);
	char *hit = strstr(s, utf8);
	int col = hit ? map[hit - s] : -1;

	free(map);
	free(s);
	return col;
}

bool vt_cell_reverse(vt *t, int row, int col)
{
	VTermScreenCell c;

	return get_cell(t, row, col, &c) && c.attrs.reverse;
}

bool vt_cell_bold(vt *t, int row, int col)
{
	VTermScreenCell c;

	return get_cell(t, row, col, &c) && c.attrs.bold;
}

bool vt_cell_underline(vt *t, int row, int col)
{
	VTermScreenCell c;

	return get_cell(t, row, col, &c) && c.attrs.underline != VTERM_UNDERLINE_OFF;
}

/* A VTermColor as vt_cell_fg documents it.  libvterm flags the default
 * colours instead of giving them an index, which is what tells "the program
 * set no colour" apart from "the program chose white". */
static int colour_code(const VTermColor *c, bool fg)
{
	if (fg ? VTERM_COLOR_IS_DEFAULT_FG(c) : VTERM_COLOR_IS_DEFAULT_BG(c))
		return -1;
	if (VTERM_COLOR_IS_INDEXED(c))
		return c->indexed.idx;
	return 256 + (c->rgb.red << 16 | c->rgb.green << 8 | c->rgb.blue);
}

int vt_cell_fg(vt *t, int row, int col)
{
	VTermScreenCell c;

	return get_cell(t, row, col, &c) ? colour_code(&c.fg, true) : -2;
}

int vt_cell_bg(vt *t, int row, int col)
{
	VTermScreenCell c;

	return get_cell(t, row, col, &c) ? colour_code(&c.bg, false) : -2;
}

bool vt_any_colour(vt *t)
{
	for (int row = 0; row < t->rows; row++)
		for (int col = 0; col < t->cols; col++) {
			VTermScreenCell c;

			if (get_cell(t, row, col, &c) &&
			    (colour_code(&c.fg, true) != -1 || colour_code(&c.bg, false) != -1))
				return true;
		}
	return false;
}

bool vt_altscreen(vt *t)
{
	return t->altscreen;
}

bool vt_cursor_visible(vt *t)
{
	return t->cursor_visible;
}

bool vt_mouse_on(vt *t)
{
	return t->mouse != VTERM_PROP_MOUSE_NONE;
}

void vt_cursor(vt *t, int *row, int *col)
{
	VTermPos pos;

	vterm_state_get_cursorpos(t->state, &pos);
	if (row)
		*row = pos.row;
	if (col)
		*col = pos.col;
}

void vt_size(vt *t, int *rows, int *cols)
{
	if (rows)
		*rows = t->rows;
	if (cols)
		*cols = t->cols;
}

/* ---- waiting ---------------------------------------------------------------------- */

bool vt_wait_until(vt *t, bool (*pred)(vt *t, void *arg), void *arg, int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;

	/* Catch up first: the predicate is about the screen as it is now, not
	 * as it was when we last looked. */
	drain(t);
	for (;;) {
		if (pred(t, arg))
			return true;
		/* Once the pty is closed the screen cannot change any more. */
		if (t->eof || left_ms(deadline) == 0)
			return false;
		pump(t, left_ms(deadline));
	}
}

static bool text_present(vt *t, void *arg)
{
	return vt_find_row(t, arg) >= 0;
}

static bool text_absent(vt *t, void *arg)
{
	return vt_find_row(t, arg) < 0;
}

struct row_arg {
	int row;
	const char *text;
};

static bool row_has(vt *t, void *arg)
{
	const struct row_arg *a = arg;

	return vt_find_col(t, a->row, a->text) >= 0;
}

bool vt_wait_text(vt *t, const char *utf8, int timeout_ms)
{
	return vt_wait_until(t, text_present, (void *)utf8, timeout_ms);
}

bool vt_wait_gone(vt *t, const char *utf8, int timeout_ms)
{
	return vt_wait_until(t, text_absent, (void *)utf8, timeout_ms);
}

bool vt_wait_row_text(vt *t, int row, const char *utf8, int timeout_ms)
{
	struct row_arg a = { row, utf8 };

	return vt_wait_until(t, row_has, &a, timeout_ms);
}

void vt_settle(vt *t, int quiet_ms, int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;
	long long quiet_until = now_ms() + quiet_ms;

	drain(t);
	while (!t->eof) {
		long long end = quiet_until < deadline ? quiet_until : deadline;
		int wait = left_ms(end);

		if (wait == 0)
			return;
		if (pump(t, wait) > 0)
			quiet_until = now_ms() + quiet_ms;
	}
}

enum idle { IDLE_NO, IDLE_YES, IDLE_UNKNOWN, IDLE_DEAD };

/* Reads a small /proc file whole; false if it cannot be read. */
static bool read_proc(pid_t pid, const char *name, char *buf, size_t size)
{
	char path[64];
	int fd;
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%ld/%s", (long)pid, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	do
		n = read(fd, buf, size - 1);
	while (n < 0 && errno == EINTR);
	close(fd);
	if (n < 0)
		return false;
	buf[n] = '\0';
	return true;
}

/* The syscalls a terminal program sleeps in while waiting for a key. */
static bool waits_for_input(long nr)
{
	static const long nrs[] = {
#ifdef SYS_read
		SYS_read,
#endif
#ifdef SYS_readv
		SYS_readv,
#endif
#ifdef SYS_poll
		SYS_poll,
#endif
#ifdef SYS_ppoll
		SYS_ppoll,
#endif
#ifdef SYS_select
		SYS_select,
#endif
#ifdef SYS_pselect6
		SYS_pselect6,
#endif
#ifdef SYS_epoll_wait
		SYS_epoll_wait,
#endif
#ifdef SYS_epoll_pwait
		SYS_epoll_pwait,
#endif
#ifdef SYS_epoll_pwait2
		SYS_epoll_pwait2,
#endif
		-1
	};

	for (size_t i = 0; nrs[i] >= 0; i++)
		if (nrs[i] == nr)
			return true;
	return false;
}

/* Whether pid sleeps (state S) in one of those syscalls.  The syscall file
 * is read before and after the state so a task that woke in between is
 * not taken for idle. */
static enum idle child_idle(pid_t pid)
{
	char sc1[256], sc2[256], st[1024];
	const char *p;
	char *end;
	long nr;

	if (!read_proc(pid, "syscall", sc1, sizeof sc1))
		return read_proc(pid, "stat", st, sizeof st) ? IDLE_UNKNOWN : IDLE_DEAD;
	if (!read_proc(pid, "stat", st, sizeof st))
		return IDLE_DEAD;
	if (!read_proc(pid, "syscall", sc2, sizeof sc2))
		return IDLE_DEAD;
	/* The command name in parentheses may hold anything: skip past it. */
	p = strrchr(st, ')');
	if (!p || p[1] != ' ')
		return IDLE_UNKNOWN;
	if (p[2] == 'Z' || p[2] == 'X')
		return IDLE_DEAD;
	if (p[2] != 'S' || strcmp(sc1, sc2) != 0)
		return IDLE_NO;
	errno = 0;
	nr = strtol(sc1, &end, 10);
	if (end == sc1 || errno)
		return IDLE_NO;         /* "running" */
	return waits_for_input(nr) ? IDLE_YES : IDLE_NO;
}

/* Whether keys sent to the child wait unread on its side of the pty.  A
 * write to the master reaches the slave through the kernel's buffer work,
 * which runs later (much later under load): until then the child sleeps in
 * poll as if nothing had been typed.  poll() on the slave runs that work
 * first, so it sees every key sent before it, read or not. */
static bool input_pending(vt *t)
{
	struct pollfd p = { .events = POLLIN };
	const char *slave = ptsname(t->master);
	int r;

	if (!slave)
		return false;
	p.fd = open(slave, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (p.fd < 0)
		return false;
	do
		r = poll(&p, 1, 0);
	while (r < 0 && errno == EINTR);
	/* Closed at once: an open slave would hide the child's exit (EIO). */
	close(p.fd);
	return r > 0 && (p.revents & POLLIN);
}

bool vt_wait_idle(vt *t, int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;

	for (;;) {
		enum idle s;

		drain(t);
		/* A child that closed the pty is not waiting for keys from it. */
		if (t->reaped || t->eof)
			return false;
		/* Keys first, then the child: asleep with every key read is
		 * asleep after answering them. */
		s = input_pending(t) ? IDLE_NO : child_idle(t->pid);
		if (s == IDLE_YES) {
			/* What it wrote since the drain above, before it
			 * fell asleep, is on screen too. */
			drain(t);
			return true;
		}
		if (s == IDLE_DEAD)
			return false;
		if (s == IDLE_UNKNOWN) {
			/* No /proc/PID/syscall (kernel config, hardening):
			 * quiet output is the best guess left. */
			vt_settle(t, 50, left_ms(deadline));
			return !t->eof;
		}
		if (left_ms(deadline) == 0)
			return false;
		/* Re-check every millisecond, or as soon as output arrives. */
		pump(t, 1);
	}
}

void vt_resize(vt *t, int rows, int cols)
{
	struct winsize ws = { 0 };

	if (rows < 1 || cols < 1)
		return;
	vt_wait_idle(t, RESIZE_IDLE_MS);
	/* Emulator first: the child redraws for the new size as soon as the
	 * kernel's SIGWINCH reaches it. */
	vterm_set_size(t->vt, rows, cols);
	t->rows = rows;
	t->cols = cols;
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	if (ioctl(t->master, TIOCSWINSZ, &ws) < 0)
		die("TIOCSWINSZ");
}

int vt_wait_exit(vt *t, int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;

	for (;;) {
		struct pollfd p[2];
		nfds_t n = 0;
		int wait;

		reap(t, WNOHANG);
		if (t->reaped) {
			/* What the child wrote before exiting is readable now,
			 * and the read after it gives EIO once no slave fd is
			 * left.  A background job still holding the pty gets
			 * 100 ms to stop writing. */
			long long until = now_ms() + 100;

			drain(t);
			while (!t->eof && left_ms(until) > 0)
				pump(t, left_ms(until));
			return t->status;
		}
		wait = left_ms(deadline);
		if (wait == 0)
			return -1;
		if (!t->eof) {
			p[n].fd = t->master;
			p[n].events = POLLIN | (t->outlen ? POLLOUT : 0);
			p[n++].revents = 0;
		}
		if (t->pidfd >= 0) {
			p[n].fd = t->pidfd;
			p[n].events = POLLIN;
			p[n++].revents = 0;
		} else if (wait > 5) {
			wait = 5;       /* no pidfd: look at waitpid every 5 ms */
		}
		if (poll(p, n, wait) < 0 && errno != EINTR)
			die("poll");
		if (!t->eof && p[0].revents) {
			if (p[0].revents & POLLOUT)
				flush(t);
			drain(t);
		}
	}
}

void vt_kill(vt *t, int sig)
{
	reap(t, WNOHANG);
	if (!t->reaped)
		kill(t->pid, sig);
}

pid_t vt_pid(vt *t)
{
	return t->pid;
}

void vt_dump(vt *t)
{
	int row, col;

	drain(t);
	vt_cursor(t, &row, &col);
	printf("# screen %dx%d, cursor %d,%d%s%s%s%s\n", t->rows, t->cols, row, col,
	       t->cursor_visible ? "" : " (hidden)", t->altscreen ? ", altscreen" : "",
	       t->mouse ? ", mouse" : "", t->reaped ? ", exited" : "");
	for (int r = 0; r < t->rows; r++) {
		char *s = vt_row(t, r);

		printf("# |%s|\n", s);
		free(s);
	}
	fflush(stdout);
}

void vt_free(vt *t)
{
	if (!t)
		return;
	reap(t, WNOHANG);
	if (!t->reaped) {
		/* forkpty made the child a session and group leader: take its
		 * helpers (a shell's background jobs) down with it. */
		kill(-t->pid, SIGKILL);
		kill(t->pid, SIGKILL);
		reap(t, 0);
	}
	close(t->master);
	if (t->pidfd >= 0)
		close(t->pidfd);
	vterm_free(t->vt);
	free(t->out);
	free(t);
}
