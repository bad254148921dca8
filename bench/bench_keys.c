/* bench_keys.c: what each keystroke costs a person at the keyboard, on the
 * benchmark's network (bench_data.c), in the real program.
 *
 * Starts the real stemtui in a pseudo-terminal (the end-to-end tests'
 * libvterm harness, tests/e2e/vt.h) on a copy of the benchmark database
 * and walks every screen with a fixed script (bench_keys_walk.c): the
 * programme browser, the notes review with scrolling, a search, a filter
 * on one programme and on one kind of session, the untagged queue, the
 * people and check-in type-ahead with one, two and three letters and
 * backspace, a newcomer's duplicate check, the factor overview (also
 * counting one programme and one kind of session) and a factor's
 * evidence (also under those), the codebook and the export dialog.  Each
 * key is timed from its write to the end of the redraw it causes.
 * Prints, per screen, the 50th, 90th and 99th
 * percentile and the maximum; then every key over one frame (16 ms) with
 * the SQL statements it ran, slowest first; then the walk's peak memory
 * (VmHWM of the stemtui process).
 *
 * The end of the redraw: after writing a key the harness waits until the
 * program has read every key sent and sleeps again in read/poll waiting
 * for the next one (vt_wait_idle: the pty has no unread input, and
 * /proc/PID/syscall shows the process asleep in one of those calls), with
 * every byte it wrote before falling asleep drained into the emulator.
 * ncurses writes a frame in doupdate() before it reads the next key, so
 * that moment is the end of the redraw and of any work the key caused,
 * even work done after drawing (which a "screen stopped changing for N
 * ms" rule would miss, and which would delay the next key).  The check is
 * repeated every millisecond, or as soon as output arrives: a figure is
 * at most about 1 ms late.  No sleep is subtracted.
 *
 * On a shared machine a key also waits for a CPU: beside each time the
 * table gives the CPU time stemtui itself used for the key (from
 * /proc/PID/schedstat, in nanoseconds), which the load of others changes
 * far less.
 *
 * The SQL of a key comes from the program itself: with STEMTUI_TRACE_SQL
 * set (src/core/db_trace.c) every statement appends "MICROSECONDS<TAB>SQL"
 * to a file when it finishes; the lines written while a key was handled
 * are that key's.
 *
 *   bench_keys STEMTUI DB [RUNS]      (make bench-keys)
 *
 * DB is not changed: the walk runs on a copy (the walk saves nothing, but
 * opening a database records the screen's state).  RUNS (default 1)
 * repeats the whole walk, each in a fresh process; the table is over all
 * runs, followed by each run's 99th percentile per screen, for the
 * spread on a shared machine. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bench_goal.h"
#include "bench_keys.h"

#define FRAME_MS 16.0
#define MAX_RUNS 10
#define SQL_SHOWN 6         /* statements listed under a slow key */
#define SQL_WIDTH 220       /* characters of each */

static struct key_time *times;
static int ntimes, cap_times;
static const char *trace_path;
static long trace_offset;

double bk_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void bk_die(const char *what)
{
	fprintf(stderr, "bench_keys: %s\n", what);
	exit(1);
}

/* The trace file's lines since the last call, as one string (NULL when
 * none); moves the offset past them. */
static char *trace_since(void)
{
	FILE *f = fopen(trace_path, "r");
	char *buf = NULL;
	long end;
	size_t n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (end = ftell(f)) > trace_offset &&
	    fseek(f, trace_offset, SEEK_SET) == 0 && (buf = malloc((size_t)(end - trace_offset) + 1))) {
		n = fread(buf, 1, (size_t)(end - trace_offset), f);
		buf[n] = '\0';
		trace_offset = end;
	}
	fclose(f);
	return buf;
}

void bk_mark_trace(void)
{
	free(trace_since());
}

void bk_record(int run, const char *screen, const char *label, double ms, double cpu_ms)
{
	struct key_time *k;

	if (ntimes == cap_times) {
		cap_times = cap_times ? 2 * cap_times : 256;
		times = realloc(times, sizeof *times * (size_t)cap_times);
		if (!times)
			bk_die("out of memory");
	}
	k = &times[ntimes++];
	k->run = run;
	k->screen = screen;
	k->label = label;
	k->ms = ms;
	k->cpu_ms = cpu_ms;
	k->sql = trace_since();
	if (ms <= FRAME_MS) {   /* only slow keys keep their SQL */
		free(k->sql);
		k->sql = NULL;
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The p-th percentile (nearest rank) of sorted v[n]. */
static double percentile(const double *v, int n, double p)
{
	int rank = (int)(p / 100.0 * n + 0.999999);

	return v[rank < 1 ? 0 : rank > n ? n - 1 : rank - 1];
}

/* The times of screen (in run, or every run when run < 0), sorted: from
 * write to redraw, or with cpu the CPU time of each. */
static int screen_times(const char *screen, int run, bool cpu, double *out)
{
	int n = 0, i;

	for (i = 0; i < ntimes; i++)
		if (strcmp(times[i].screen, screen) == 0 && (run < 0 || times[i].run == run))
			out[n++] = cpu ? times[i].cpu_ms : times[i].ms;
	qsort(out, (size_t)n, sizeof *out, cmp_double);
	return n;
}

/* The goal of a screen's keys at p99 (issue 14), in ms; 0 for none (the
 * first screen is the program's start, not a key). */
static double screen_goal(const char *screen)
{
	if (strcmp(screen, "first screen") == 0)
		return 0;
	return strcmp(screen, "factor overview") == 0 ? 10.0 : FRAME_MS;
}

/* The table of goals' row of a screen: its p99 over every run, with the
 * spread of each run's p99, against its goal. */
static void screen_goal_row(const char *screen, const double *v, int n, int runs)
{
	double goal = screen_goal(screen), p99 = percentile(v, n, 99), lo = p99, hi = p99;
	double *w = malloc(sizeof *w * (size_t)n);
	char figure[80], limit[32];
	int r, m;

	if (goal == 0 || !w) {
		free(w);
		return;
	}
	for (r = 0; r < runs; r++)
		if ((m = screen_times(screen, r, false, w)) > 0) {
			double x = percentile(w, m, 99);

			lo = r == 0 || x < lo ? x : lo;
			hi = r == 0 || x > hi ? x : hi;
		}
	free(w);
	snprintf(figure, sizeof figure, "keystroke to redraw, p99: %s", screen);
	snprintf(limit, sizeof limit, "<= %.0f ms", goal);
	bench_goal(figure, limit, p99 <= goal, "%.1f ms (runs %.1f-%.1f), max %.1f ms, %d keys",
		   p99, lo, hi, v[n - 1], n);
}

double bk_median_ms(const char *screen, const char *label)
{
	double *v = malloc(sizeof *v * (size_t)(ntimes ? ntimes : 1)), m = -1;
	int n = 0, i;

	if (!v)
		bk_die("out of memory");
	for (i = 0; i < ntimes; i++)
		if (strcmp(times[i].screen, screen) == 0 && (!label || strcmp(times[i].label, label) == 0))
			v[n++] = times[i].ms;
	if (n) {
		qsort(v, (size_t)n, sizeof *v, cmp_double);
		m = v[(n - 1) / 2];
	}
	free(v);
	return m;
}

static void print_table(int runs)
{
	double *v = malloc(sizeof *v * (size_t)(ntimes ? ntimes : 1));
	int i, j, n, r, over;

	if (!v)
		bk_die("out of memory");
	printf("\n%-22s %5s %7s %7s %7s %7s %6s %7s %7s", "screen (ms)", "keys", "p50", "p90", "p99",
	       "max", ">16ms", "cpu p50", "cpu p99");
	if (runs > 1)
		printf("   p99 of each run");
	printf("\n");
	for (i = 0; bk_screens[i]; i++) {
		n = screen_times(bk_screens[i], -1, false, v);
		if (n == 0)
			continue;
		for (over = 0, j = 0; j < n; j++)
			over += v[j] > FRAME_MS;
		printf("%-22s %5d %7.1f %7.1f %7.1f %7.1f %6d", bk_screens[i], n,
		       percentile(v, n, 50), percentile(v, n, 90), percentile(v, n, 99), v[n - 1],
		       over);
		screen_times(bk_screens[i], -1, true, v);
		printf(" %7.1f %7.1f", percentile(v, n, 50), percentile(v, n, 99));
		for (r = 0; runs > 1 && r < runs; r++) {
			int m = screen_times(bk_screens[i], r, false, v);

			printf(" %6.1f", m ? percentile(v, m, 99) : 0.0);
		}
		printf("\n");
		screen_times(bk_screens[i], -1, false, v);
		screen_goal_row(bk_screens[i], v, n, runs);
	}
	for (n = 0, i = 0; i < ntimes; i++)
		if (strcmp(times[i].screen, "first screen") != 0)   /* not a key */
			v[n++] = times[i].ms;
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	for (over = 0, j = 0; j < n; j++)
		over += v[j] > FRAME_MS;
	if (n) {
		printf("%-22s %5d %7.1f %7.1f %7.1f %7.1f %6d\n", "all keys", n,
		       percentile(v, n, 50), percentile(v, n, 90), percentile(v, n, 99), v[n - 1],
		       over);
		bench_goal("keystroke to redraw, all keys", "p99 <= 16 ms", percentile(v, n, 99) <= FRAME_MS,
			   "p50/p90/p99 %.1f / %.1f / %.1f ms, max %.1f ms, %d of %d keys over 16 ms",
			   percentile(v, n, 50), percentile(v, n, 90), percentile(v, n, 99), v[n - 1],
			   over, n);
	}
	free(v);
}

struct stmt_line {
	long long us;
	const char *sql;
};

static int cmp_stmt(const void *a, const void *b)
{
	const struct stmt_line *x = a, *y = b;

	return (y->us > x->us) - (y->us < x->us);
}

/* The statements of one key, slowest first, then how many and their sum. */
static void print_sql(char *sql)
{
	struct stmt_line lines[512];
	long long sum = 0;
	char *line, *save = NULL, *tab;
	int n = 0, i;

	for (line = strtok_r(sql, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		tab = strchr(line, '\t');
		if (!tab)
			continue;
		*tab = '\0';
		if (n < (int)(sizeof lines / sizeof lines[0]))
			lines[n++] = (struct stmt_line){ atoll(line), tab + 1 };
		sum += atoll(line);
	}
	qsort(lines, (size_t)n, sizeof lines[0], cmp_stmt);
	for (i = 0; i < n && i < SQL_SHOWN; i++)
		printf("      %8.1f ms  %.*s%s\n", (double)lines[i].us / 1e3, SQL_WIDTH, lines[i].sql,
		       strlen(lines[i].sql) > SQL_WIDTH ? "..." : "");
	/* A virtual table's statements run inside the one reading it, so
	 * the sum counts them twice. */
	printf("      %d statements, %.1f ms summed\n", n, (double)sum / 1e3);
}

static void print_slow(void)
{
	int i, n = 0;

	for (i = 0; i < ntimes; i++)
		n += times[i].ms > FRAME_MS;
	printf("\n%d keys over %.0f ms%s\n", n, FRAME_MS, n ? ", with the SQL each ran:" : "");
	for (i = 0; i < ntimes; i++) {
		if (times[i].ms <= FRAME_MS)
			continue;
		printf("  run %d  %-16s %-34s %7.1f ms (%.1f ms on a CPU)\n", times[i].run + 1,
		       times[i].screen, times[i].label, times[i].ms, times[i].cpu_ms);
		if (times[i].sql)
			print_sql(times[i].sql);
	}
}

/* Copies the file from to to (the database, with its -wal if any). */
static void copy_file(const char *from, const char *to)
{
	char buf[1 << 16];
	FILE *in = fopen(from, "rb"), *out;
	size_t n;

	if (!in)
		return;
	out = fopen(to, "wb");
	if (!out)
		bk_die(to);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			bk_die(to);
	fclose(in);
	if (fclose(out) != 0)
		bk_die(to);
}

int main(int argc, char **argv)
{
	static char home[] = "/tmp/stemtui-bench-keys-XXXXXX";
	char db[4200], from[4300], to[4300], trace[4200], cmd[4400];
	long peak_kb, max_peak = 0;
	int runs = argc > 3 ? atoi(argv[3]) : 1, r;

	if (argc < 3 || runs < 1 || runs > MAX_RUNS) {
		fprintf(stderr, "usage: bench_keys STEMTUI DB [RUNS]   (RUNS from 1 to %d)\n",
			MAX_RUNS);
		return 2;
	}
	if (!mkdtemp(home))
		bk_die("cannot make a temporary folder");
	snprintf(db, sizeof db, "%s/bench.sqlite", home);
	snprintf(trace, sizeof trace, "%s/trace.sql", home);
	trace_path = trace;
	printf("keystrokes on %s (a copy), %d run%s\n", argv[2], runs, runs > 1 ? "s" : "");
	fflush(stdout);
	for (r = 0; r < runs; r++) {
		copy_file(argv[2], db);
		snprintf(from, sizeof from, "%s-wal", argv[2]);
		snprintf(to, sizeof to, "%s-wal", db);
		unlink(to);
		copy_file(from, to);
		peak_kb = bk_walk(argv[1], home, db, trace, r);
		printf("run %d: %d keys so far, peak memory of stemtui %.1f MB\n", r + 1, ntimes,
		       (double)peak_kb / 1024.0);
		fflush(stdout);
		if (peak_kb > max_peak)
			max_peak = peak_kb;
	}
	print_table(runs);
	print_slow();
	bk_compare_sqlite(db, runs);
	printf("\npeak memory (VmHWM) of stemtui over the walk: %.1f MB\n", (double)max_peak / 1024.0);
	bench_goal("peak memory of the TUI walk", "<= 16 MB", max_peak <= 16 * 1024, "%.1f MB",
		   (double)max_peak / 1024.0);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
	if (system(cmd) != 0)
		fprintf(stderr, "bench_keys: cannot remove %s\n", home);
	return 0;
}
