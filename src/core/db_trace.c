/* db_trace.c: the statement log behind STEMTUI_TRACE_SQL (see db_trace.h). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/db_trace.h"

/* Statements running at once (nested: a virtual table's own statements
 * run inside the statement that reads it). */
#define RUNNING 16

/* When each running statement started: SQLite's own figure is in whole
 * milliseconds on Unix, too coarse against a frame of 16. */
static struct {
	void *stmt;
	long long start_us;
} running[RUNNING];

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* One file for the process, opened on first use and kept open: every
 * connection writes to it, and the program exits without closing it (the
 * lines are flushed one by one). */
static FILE *trace_file(void)
{
	static FILE *f;
	static int tried;
	const char *path;

	if (!tried) {
		tried = 1;
		path = getenv("STEMTUI_TRACE_SQL");
		if (path && *path)
			f = fopen(path, "a");
	}
	return f;
}

static int slot(void *stmt)
{
	return (int)(((uintptr_t)stmt >> 4) % RUNNING);
}

static void write_line(FILE *f, long long us, const char *sql)
{
	const char *c;

	fprintf(f, "%lld\t", us);
	for (c = sql; *c; c++)
		putc(*c == '\n' || *c == '\t' ? ' ' : *c, f);
	putc('\n', f);
	fflush(f);
}

/* SQLITE_TRACE_STMT: p started.  SQLITE_TRACE_PROFILE: p finished, x is
 * SQLite's time for it in nanoseconds (used when the start was not seen). */
static int trace_event(unsigned type, void *ctx, void *p, void *x)
{
	const char *sql = sqlite3_sql(p);
	long long us;
	int i = slot(p);

	if (type == SQLITE_TRACE_STMT) {
		running[i].stmt = p;
		running[i].start_us = now_us();
	} else if (type == SQLITE_TRACE_PROFILE && sql) {
		us = running[i].stmt == p ? now_us() - running[i].start_us
					  : *(sqlite3_int64 *)x / 1000;
		running[i].stmt = NULL;
		write_line(ctx, us, sql);
	}
	return 0;
}

void db_trace_start(sqlite3 *db)
{
	FILE *f = trace_file();

	if (f)
		sqlite3_trace_v2(db, SQLITE_TRACE_STMT | SQLITE_TRACE_PROFILE, trace_event, f);
}
