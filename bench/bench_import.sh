#!/bin/sh
# bench_import.sh: how long importing a large sign-up list takes, and how
# long a note typed meanwhile waits for the database.
#
#   bench/bench_import.sh [STEMTUI [PEOPLE]]
#
# Makes a sign-up list of PEOPLE made-up people (default 100000, at 3 100
# schools, the same every run), imports it into a fresh database with
# `stemtui import people --expected "COP 07"`, and while it runs adds notes
# with `stemtui add-note` one after the other, as a facilitator at the door
# would.  Prints the time of the import, how many notes were added while
# it ran (and how many failed), and the longest one took (a note alone
# takes a few milliseconds: the rest is waiting for the import's write
# lock).
# STEMTUI is the program (default ./src/stemtui, from a build folder).
set -eu

bin=${1:-./src/stemtui}
people=${2:-100000}
here=$(cd "$(dirname "$0")" && pwd)
STEMTUI_DATADIR=${STEMTUI_DATADIR:-$here/../share}
export STEMTUI_DATADIR
tmp=$(mktemp -d "${TMPDIR:-/tmp}/stemtui-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
HOME=$tmp XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data
export HOME XDG_CONFIG_HOME XDG_DATA_HOME
db=$tmp/bench.sqlite

awk -v n="$people" 'BEGIN {
	split("Jan Pieter Koen Bram Wout Ruben Senne Dries Thomas Kobe Arne Jonas Marc Erik " \
	      "Bart Wim Mehmet Noël Raphaël Joëlle Zoë Françoise Lotte Charlotte Lies Elke An " \
	      "Hanne Nathalie Jolien Femke Yasmina Eline Hilde Greet Katrien Saskia Tine Nele Leen", f, " ")
	split("Peeters Janssens Maes Jacobs Mertens Willems Claes Goossens Wouters Dubois " \
	      "Lambert Dupont Martens Verhoeven Hermans Michiels Smets Aerts Vermeulen Desmet " \
	      "Leclercq Pauwels Coppens Vos", l, " ")
	split("leraar directie techniekcoach onderzoeker andere", r, " ")
	print "first_name,last_name,role,organisation,email,focus"
	for (i = 0; i < n; i++) {
		first = f[i % 40 + 1]; last = l[int(i / 40) % 24 + 1] int(i / 960)
		printf "%s,%s,%s,Basisschool %d,%s%d@example.org,programmeren;wetenschap\n", \
			first, last, r[i % 5 + 1], i % 3100, tolower(first), i
	}
}' >"$tmp/people.csv"

now() { date +%s%N; }
"$bin" -d "$db" sessions >/dev/null

start=$(now)
"$bin" -d "$db" import people "$tmp/people.csv" --expected "COP 07" >"$tmp/import.out" 2>&1 &
importer=$!
notes=0
failed=0
longest=0
while kill -0 "$importer" 2>/dev/null; do
	t0=$(now)
	rc=0
	"$bin" -d "$db" add-note 7 "genoteerd tijdens de import ($notes)" >/dev/null 2>&1 || rc=$?
	took=$(( ($(now) - t0) / 1000000 ))
	notes=$((notes + 1))
	[ "$rc" -eq 0 ] || failed=$((failed + 1))
	[ "$took" -gt "$longest" ] && longest=$took
done
wait "$importer" || { cat "$tmp/import.out"; exit 1; }
total=$(( ($(now) - start) / 1000000 ))
tail -n 2 "$tmp/import.out"
echo "import of $people people: $total ms"
echo "notes added during the import: $notes ($failed failed); the longest took $longest ms"
