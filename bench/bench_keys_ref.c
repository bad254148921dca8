/* bench_keys_ref.c: the first screens of the walk beside the sqlite3 CLI
 * running the same queries (issue 14: "likewise first screens against the
 * same queries in sqlite3").
 *
 * The queries are kept in bench/ (ref_first_browser.sql, the programme
 * browser as stemtui starts; ref_first_review.sql, R in the browser), as
 * stemtui's trace shows them with their values written in.  The folder is
 * BENCH_REF_DIR (make bench-keys sets it); without it nothing is compared.
 * What is compared, medians of as many runs as the walk's:
 *   browser: stemtui's start until its first screen is drawn, against a
 *     sqlite3 process that opens the database, runs the queries and ends;
 *   review: the key R until the review is drawn, against that process
 *     less one that opens the database and ends at once (what stemtui had
 *     done before the key). */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_keys.h"

#define MAX_RUNS 10

/* Runs "sqlite3 -batch db" with its input from script (/dev/null: none)
 * and its output to /dev/null; the time it took in ms, -1 when it failed. */
static double sqlite3_once(const char *db, const char *script)
{
	double t0 = bk_now_ms();
	int status, in, out;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		in = open(script, O_RDONLY);
		out = open("/dev/null", O_WRONLY);
		if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0)
			_exit(127);
		execlp("sqlite3", "sqlite3", "-batch", db, (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return -1;
	return bk_now_ms() - t0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median of runs runs of sqlite3_once; -1 when one failed. */
static double sqlite3_median(const char *db, const char *script, int runs)
{
	double t[MAX_RUNS];
	int i;

	for (i = 0; i < runs && i < MAX_RUNS; i++)
		if ((t[i] = sqlite3_once(db, script)) < 0)
			return -1;
	qsort(t, (size_t)i, sizeof t[0], cmp_double);
	return t[i / 2];
}

static void compare(const char *what, double ours, double theirs)
{
	if (ours < 0 || theirs <= 0)
		printf("  %-44s stemtui %7.1f ms   sqlite3: did not run\n", what, ours);
	else
		printf("  %-44s stemtui %7.1f ms   sqlite3 %7.1f ms   %.2fx\n", what, ours, theirs,
		       ours / theirs);
}

void bk_compare_sqlite(const char *db, int runs)
{
	const char *dir = getenv("BENCH_REF_DIR");
	char browser[4200], review[4200];
	double open_only, browser_ms, review_ms;

	if (!dir || !*dir)
		return;
	snprintf(browser, sizeof browser, "%s/ref_first_browser.sql", dir);
	snprintf(review, sizeof review, "%s/ref_first_review.sql", dir);
	open_only = sqlite3_median(db, "/dev/null", runs);
	browser_ms = sqlite3_median(db, browser, runs);
	review_ms = sqlite3_median(db, review, runs);
	printf("\nfirst screens beside the sqlite3 CLI running the same queries"
	       " (bench/ref_first_*.sql), medians of %d runs:\n", runs);
	compare("browser: start to the first screen", bk_median_ms("first screen", NULL),
		browser_ms);
	compare("review: R to its first screen", bk_median_ms("review", "R (open)"),
		review_ms < 0 || open_only < 0 ? -1 : review_ms - open_only);
	printf("  (sqlite3 opening the database and ending at once: %.1f ms)\n", open_only);
}
