#!/bin/sh
# bench_table.sh: the table of goals of `make bench` (issue 14), as
# Markdown for the README: every figure with a goal that the benchmarks
# wrote to GOALS (bench_goal.h, bench_goal.sh), in the order they ran,
# under a line naming the machine and its load.
#
#   bench/bench_table.sh GOALS
set -eu

goals=${1:?usage: bench_table.sh GOALS}
[ -s "$goals" ] || { echo "bench_table: no figures in $goals" >&2; exit 1; }
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
load=$(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo "?")
echo "Measured $(date -u +%Y-%m-%d) on $(nproc 2>/dev/null || echo "?") processors" \
	"(${cpu:-unknown}), $(free -g 2>/dev/null | awk '/^Mem:/ { print $2 " GiB" }'), load" \
	"average at the end $load; SQLite $(sqlite3 --version 2>/dev/null | cut -d ' ' -f 1)."
echo
echo "| figure | now | goal | holds |"
echo "|---|---|---|---|"
awk -F '\t' 'NF == 4 { printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4 }' "$goals"
awk -F '\t' 'NF == 4 { n++; if ($4 == "yes") y++ }
	END { printf "\n%d of %d goals hold.\n", y, n }' "$goals"
