#!/bin/sh
# bench_exports.sh: how fast the exports are at the scale of a network,
# side by side with the sqlite3 CLI running the same query (issue 14).
#
#   bench/bench_exports.sh STEMTUI DB [RUNS]
#
# DB is a database bench_data made (make bench keeps it as
# bench/bench-SCALE.db).  Each export runs RUNS times (3), to /dev/null
# through a file: the table gives the median time with the spread (fastest
# to slowest) and the peak memory (VmHWM, from /usr/bin/time -f %M).
# Where a reference query is kept here (ref_*.sql: the same rows, columns
# and order, as one would ask sqlite3 for them), sqlite3 runs it the same
# way and the ratio is stemtui's median over sqlite3's; its output is then
# checked to be stemtui's on a sample (the first 1000 rows and the number
# of lines): cell by cell for CSV (sqlite3 quotes more cells, stemtui puts
# ' before a cell that starts like a formula), object by object for JSON
# (stemtui writes one array, sqlite3 one json_object per line).
# Timed figures stay out of make check: the machine may be shared.
set -u

if [ $# -lt 2 ]; then
	echo "usage: $0 STEMTUI DB [RUNS]" >&2
	exit 2
fi
stemtui=$1
db=$2
runs=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/bench_goal.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/stemtui-bench-exports-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
SOURCE_DATE_EPOCH=1780000000
export SOURCE_DATE_EPOCH
if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "bench_exports: no sqlite3 CLI; the reference column stays empty" >&2
fi
timer=
[ -x /usr/bin/time ] && timer=/usr/bin/time

# timed OUT CMD...: runs CMD with its output to OUT; prints "SECONDS KB".
timed() {
	out=$1
	shift
	if [ "$timer" ]; then
		$timer -f '%e %M' -o "$tmp/time" "$@" >"$out" 2>"$tmp/err" || {
			echo "failed: $*" >&2
			cat "$tmp/err" >&2
		}
		cat "$tmp/time"
	else
		start=$(date +%s.%N)
		"$@" >"$out" 2>"$tmp/err"
		end=$(date +%s.%N)
		echo "$start $end" | awk '{ printf "%.2f -\n", $2 - $1 }'
	fi
}

# stats FILE: "median min max peak" of the "SECONDS KB" lines of FILE.
stats() {
	sort -n "$1" | awk '{ t[NR] = $1; if ($2 > m) m = $2 }
		END { printf "%.2f %.2f %.2f %.1f\n", t[int((NR + 1) / 2)], t[1], t[NR], m / 1024 }'
}

# same KIND STEMTUI_OUT REF_OUT: whether the reference gave the same rows.
same() {
	command -v python3 >/dev/null 2>&1 || { echo "?"; return; }
	python3 - "$@" <<'EOF'
import csv, itertools, json, sys
kind, ours, ref = sys.argv[1:4]
SAMPLE = 1000
def lines(p):
    with open(p, 'rb') as f:
        return sum(1 for _ in f)
def cells(row):
    # stemtui's "'" before a cell that starts like a formula
    return [c[1:] if c[:1] == "'" and c[1:2] in ('=', '+', '-', '@', '\t', '\r') else c
            for c in row]
if kind == 'csv':
    with open(ours, newline='', encoding='utf-8') as a, open(ref, newline='', encoding='utf-8') as b:
        x = [cells(r) for r in itertools.islice(csv.reader(a), SAMPLE)]
        y = list(itertools.islice(csv.reader(b), SAMPLE))
    ok = x == y and lines(ours) == lines(ref)
else:
    with open(ours, encoding='utf-8') as a, open(ref, encoding='utf-8') as b:
        a.readline()   # "["
        x = [json.loads(l.strip().rstrip(',')) for l in itertools.islice(a, SAMPLE)]
        y = [json.loads(l) for l in itertools.islice(b, SAMPLE)]
    ok = x == y and lines(ours) == lines(ref) + 2
print('same' if ok else 'DIFFERS')
EOF
}

notes=$(sqlite3 "$db" "SELECT count(*) FROM note WHERE deleted_at IS NULL" 2>/dev/null)
echo "exports of $db (${notes:-?} live notes), median of $runs runs (fastest-slowest), seconds"
printf '%-24s %-18s %-18s %-7s %-10s %-6s %-9s %s\n' export stemtui sqlite3 ratio goal holds "peak MB" "sample"

# row NAME GOAL REF FORMAT ARGS...: one export, timed, with its reference.
#   GOAL: "1.2x" (a ratio to sqlite3) or "2s" (seconds); REF: the files in
#   bench/ sqlite3 reads, in order, separated by spaces, or "-".
row() {
	name=$1 goal=$2 ref=$3 format=$4
	shift 4
	args=$*
	: >"$tmp/ours.t"
	: >"$tmp/ref.t"
	: >"$tmp/ref.sql"
	for r in $ref; do
		[ "$r" = - ] || cat "$here/$r" >>"$tmp/ref.sql"
	done
	i=0
	while [ $i -lt "$runs" ]; do
		timed "$tmp/ours.out" "$stemtui" --db="$db" export "$@" >>"$tmp/ours.t"
		if [ "$ref" != - ] && command -v sqlite3 >/dev/null 2>&1; then
			if [ "$format" = csv ]; then
				timed "$tmp/ref.out" sqlite3 -csv -header "$db" ".read $tmp/ref.sql" >>"$tmp/ref.t"
			else
				timed "$tmp/ref.out" sqlite3 "$db" ".read $tmp/ref.sql" >>"$tmp/ref.t"
			fi
		fi
		i=$((i + 1))
	done
	set -- $(stats "$tmp/ours.t")
	ours="$1 ($2-$3)" ours_median=$1 ours_spread="$2-$3" peak=$4
	refcol=- ratio=- sample=-
	if [ -s "$tmp/ref.t" ]; then
		set -- $(stats "$tmp/ref.t")
		refcol="$1 ($2-$3)" ref_median=$1
		ratio=$(echo "$ours_median $1" | awk '{ printf "%.2fx", ($2 > 0 ? $1 / $2 : 0) }')
		sample=$(same "$format" "$tmp/ours.out" "$tmp/ref.out")
	fi
	case $goal in
	*x) holds=$(echo "$ratio ${goal%x}" | awk '{ sub("x", "", $1); print $1 + 0 <= $2 + 0 ? "yes" : "NO" }') ;;
	*s) holds=$(echo "$ours_median ${goal%s}" | awk '{ print $1 + 0 <= $2 + 0 ? "yes" : "NO" }') ;;
	*) holds=- ;;
	esac
	printf '%-24s %-18s %-18s %-7s %-10s %-6s %-9s %s\n' "$name" "$ours" "$refcol" "$ratio" \
		"<= $goal" "$holds" "$peak" "$sample"
	echo "$peak" >>"$tmp/peaks"
	case $goal in
	*x) bench_goal "\`export $args\` vs sqlite3" "$ratio: $ours_median s vs $ref_median s" "<= $goal" \
		"$(echo "$holds" | sed 's/NO/no/')" ;;
	*s) bench_goal "\`export $args\`" "$ours_median s ($ours_spread s)" "<= ${goal%s} s" "$(echo "$holds" | sed 's/NO/no/')" ;;
	esac
}

notes_refs="ref_factor_order.sql ref_notes_rows.sql"
row "notes csv" 1.2x "$notes_refs ref_notes_csv.sql" csv notes --format csv
row "notes json" 1.3x "$notes_refs ref_notes_json.sql" json notes --format json
row "evidence csv" 1.2x ref_evidence_csv.sql csv evidence --format csv
row "draaiboek html" 2s - html draaiboek --format html
row "draaiboek md" 2s - md draaiboek --format md
row "people csv" - - csv people --format csv
row "factors csv" - - csv factors --format csv
if [ -s "$tmp/peaks" ]; then
	max=$(sort -n "$tmp/peaks" | tail -n 1)
	bench_goal "peak memory of every export" "$(sort -n "$tmp/peaks" | head -n 1)-$max MB" \
		"<= 16 MB" "$(echo "$max" | awk '{ print $1 + 0 <= 16 ? "yes" : "no" }')"
fi
