# bench_goal.sh: sourced by the shell benchmarks.  bench_goal FIGURE NOW
# GOAL HOLDS appends one row of the table of goals that `make bench`
# prints at its end (bench/bench_table.sh) to the file $BENCH_GOALS
# names, as bench_goal.h does for the C benchmarks; nothing without it.
bench_goal() {
	[ -n "${BENCH_GOALS:-}" ] || return 0
	printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$BENCH_GOALS"
}
