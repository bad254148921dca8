/* bench_goal.h: one row of the table of goals that `make bench` prints
 * at its end (bench/bench_table.sh), from the C benchmarks.
 *
 * Each benchmark still prints its own detail; a figure that has a goal
 * (issue 14) is also appended, as "figure<TAB>now<TAB>goal<TAB>holds", to
 * the file the environment variable BENCH_GOALS names.  Without it,
 * nothing is written: a benchmark run by hand prints only its detail. */
#ifndef STEMTUI_BENCH_GOAL_H
#define STEMTUI_BENCH_GOAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

/* Appends the row: figure, what was measured (printf format), the goal
 * and whether it holds. */
static inline void bench_goal(const char *figure, const char *goal, bool holds,
			      const char *now_fmt, ...)
	__attribute__((format(printf, 4, 5)));

static inline void bench_goal(const char *figure, const char *goal, bool holds,
			      const char *now_fmt, ...)
{
	const char *path = getenv("BENCH_GOALS");
	FILE *f;
	va_list ap;

	if (!path || !*path || !(f = fopen(path, "a")))
		return;
	fprintf(f, "%s\t", figure);
	va_start(ap, now_fmt);
	vfprintf(f, now_fmt, ap);
	va_end(ap);
	fprintf(f, "\t%s\t%s\n", goal, holds ? "yes" : "no");
	fclose(f);
}

#endif
