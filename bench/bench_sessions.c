/* bench_sessions.c: how the session browser's queries scale.
 *
 * Builds a database with one programme of N sessions (default 100000,
 * far more than any real network holds, to show the queries do not depend
 * on the size) and times what a keystroke in the browser costs: the first
 * screen, a page down, the end of the list, the position shown in the
 * title, and a find.  Prints one line per figure, in microseconds.
 *
 *   make bench            (or: bench/bench_sessions [N]) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/db.h"
#include "core/programme.h"
#include "core/text.h"

#define SCREEN 14
#define REPEAT 200

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static void fill(sqlite3 *db, int n)
{
	static const char *const kinds[] = { "inspiratiesessie", "groeisessie", "focusgroep",
					     "uitwisselsessie" };
	sqlite3_stmt *st;
	char code[32], date[16];
	char *key;
	int i;

	sqlite3_exec(db, "BEGIN; INSERT INTO programme(name, school_year) VALUES "
		     "('Bench', '2030-2031')", NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO session(programme_id, code, code_key, kind, title,"
			   " date, start_time, end_time, venue, city) VALUES (1, ?1, ?2, ?3,"
			   " 'Sessie', ?4, '09:00', '12:30', 'Basisschool De Vliegenier', 'Gent')",
			   -1, &st, NULL);
	for (i = 0; i < n; i++) {
		snprintf(code, sizeof code, "COP %d", i + 1);
		snprintf(date, sizeof date, "%04d-%02d-%02d", 2000 + (i * 7) % 30, 1 + i % 12, 1 + i % 28);
		key = text_natural_key(code);
		sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, key, -1, free);
		sqlite3_bind_text(st, 3, kinds[i % 4], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, date, -1, SQLITE_TRANSIENT);
		sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	sqlite3_exec(db, "COMMIT; ANALYZE", NULL, NULL, NULL);
}

static void clear_rows(st_session *rows, int n)
{
	int i;

	for (i = 0; i < n; i++)
		session_clear(&rows[i]);
}

/* Times REPEAT runs of one page read after anchor (NULL = first page). */
static double time_page(sqlite3 *db, const session_filter *f, const st_session *anchor,
			bool backward)
{
	st_session rows[SCREEN];
	double t0 = now_us();
	int r, n;

	for (r = 0; r < REPEAT; r++) {
		n = session_page(db, f, anchor, backward, rows, SCREEN, NULL);
		clear_rows(rows, n);
	}
	return (now_us() - t0) / REPEAT;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 100000, r;
	char path[] = "/tmp/stemtui-bench-XXXXXX";
	session_filter f = { .programme_id = 1, .sort = SESSION_SORT_CODE };
	st_session mid[1] = { { 0 } };
	sqlite3 *db;
	st_err err;
	double t0;
	int fd = mkstemp(path);

	if (fd < 0 || n < 10)
		return 1;
	close(fd);
	if (db_open(path, &db, NULL, &err) != DB_OPEN_OK) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	t0 = now_us();
	fill(db, n);
	printf("sessions                      %d (filled in %.0f ms)\n", n, (now_us() - t0) / 1000);
	printf("first screen, by code         %8.1f us\n", time_page(db, &f, NULL, false));
	f.sort = SESSION_SORT_DATE;
	printf("first screen, by date         %8.1f us\n", time_page(db, &f, NULL, false));
	printf("last screen (End), by date    %8.1f us\n", time_page(db, &f, NULL, true));
	f.sort = SESSION_SORT_CODE;
	session_get(db, n / 2, mid, NULL);
	printf("page down from the middle     %8.1f us\n", time_page(db, &f, mid, false));
	printf("page up from the middle       %8.1f us\n", time_page(db, &f, mid, true));
	f.kind = "focusgroep";
	printf("first screen, one kind        %8.1f us\n", time_page(db, &f, NULL, false));
	f.kind = NULL;
	t0 = now_us();
	for (r = 0; r < REPEAT; r++)
		session_position(db, &f, mid, NULL);
	printf("position of the middle row    %8.1f us\n", (now_us() - t0) / REPEAT);
	t0 = now_us();
	for (r = 0; r < 20; r++)
		session_count(db, &f, NULL);
	printf("count in the title            %8.1f us\n", (now_us() - t0) / 20);
	f.search = "zzz-no-match";
	t0 = now_us();
	for (r = 0; r < 5; r++) {
		st_session one[1];
		clear_rows(one, session_page(db, &f, NULL, false, one, 1, NULL));
	}
	printf("find with no match (scan)     %8.1f us\n", (now_us() - t0) / 5);
	session_clear(&mid[0]);
	db_close(db);
	unlink(path);
	return 0;
}
