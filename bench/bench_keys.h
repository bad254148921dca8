/* bench_keys.h: what the keystroke benchmark's report (bench_keys.c) and
 * its walk over the screens (bench_keys_walk.c) share. */
#ifndef STEMTUI_BENCH_KEYS_H
#define STEMTUI_BENCH_KEYS_H

/* One timed key. */
struct key_time {
	int run;
	const char *screen, *label;
	double ms;
	double cpu_ms;   /* of that, the time stemtui ran on a CPU */
	char *sql;   /* the trace lines of a key over a frame, else NULL */
};

/* The screens of the walk in the order they are reported, NULL-ended. */
extern const char *const bk_screens[];

/* Walks every screen once: starts stemtui (the program at bin) with home
 * as its home folder on the database db, with the SQL trace going to
 * trace, times each key of the script (bk_record) and quits.  Returns the
 * peak memory of the stemtui process (VmHWM) in kB.  Exits when the walk
 * loses its way (a screen it expects does not show), printing the
 * screen. */
long bk_walk(const char *bin, const char *home, const char *db, const char *trace, int run);

/* Records that a key on screen, named by label, took ms in run, cpu_ms of
 * them on a CPU, with the trace lines written since bk_mark_trace. */
void bk_record(int run, const char *screen, const char *label, double ms, double cpu_ms);

/* Skips the trace lines written so far (before a timed key). */
void bk_mark_trace(void);

/* The median time of the keys of screen named label (every key of the
 * screen when label is NULL) over the runs; -1 when there is none. */
double bk_median_ms(const char *screen, const char *label);

/* Prints the first screens beside the sqlite3 CLI running the same
 * queries on db, runs times each (bench_keys_ref.c). */
void bk_compare_sqlite(const char *db, int runs);

/* A monotonic clock in milliseconds. */
double bk_now_ms(void);

/* Prints what failed and exits with status 1. */
void bk_die(const char *what);

#endif
