#!/bin/sh
# bench_exports_outputs.sh: every export of a database, written to files, so
# that a change to the exports can be checked to leave their output byte
# for byte as it was.
#
#   bench/bench_exports_outputs.sh STEMTUI DB DIR
#       writes every export of DB into DIR;
#   bench/bench_exports_outputs.sh --compare STEMTUI DB DIR
#       writes them into a fresh directory and compares it with DIR
#       (made before the change); exit status 1 when any file differs.
#
# Every export and format, with the filters and options that change what
# an export reads: a programme, a kind of session, one session,
# --pseudonymise, --csv=excel, --language, the filters of the notes.  The
# draaiboek carries the day it was made: SOURCE_DATE_EPOCH fixes it.  A
# workbook (xlsx) carries the time it was made: it is compared by its
# entries (unzip -p) with that time taken out.
#
# The demo database, for one: HOME=$(mktemp -d) stemtui --demo sessions
# makes it in $HOME/.local/share/stemtui/demo.sqlite; copy it, as every
# new demo database has new GUIDs.
set -u

compare=
if [ "${1:-}" = --compare ]; then
	compare=1
	shift
fi
if [ $# -ne 3 ]; then
	echo "usage: $0 [--compare] STEMTUI DB DIR" >&2
	exit 2
fi
stemtui=$1
db=$2
dir=$3
if [ "$compare" ]; then
	golden=$dir
	dir=$(mktemp -d "${TMPDIR:-/tmp}/stemtui-exports-XXXXXX")
fi
mkdir -p "$dir" || exit 1

dbopt=--db=$db
SOURCE_DATE_EPOCH=1780000000
LANG=C.UTF-8
LANGUAGE=
export SOURCE_DATE_EPOCH LANG LANGUAGE

failed=0
run() {   # run NAME ARGS...: stemtui ARGS into DIR/NAME
	name=$1
	shift
	if ! "$stemtui" "$dbopt" "$@" -o "$dir/$name" 2>"$dir/$name.err"; then
		echo "failed: stemtui $*" >&2
		failed=1
	fi
	[ -s "$dir/$name.err" ] || rm -f "$dir/$name.err"
}

# A programme, a kind of session and the session with the most people
# registered (attendance), found with the program's own list commands.
sessions=$("$stemtui" "$dbopt" sessions --format csv) || exit 1
programme=$(printf '%s\n' "$sessions" | sed -n 2p | cut -d, -f1)
session=$(printf '%s\n' "$sessions" | sed -n 2p | cut -d, -f2)
kind=groeisessie
factor=$("$stemtui" "$dbopt" factors --format csv | sed -n 3p | cut -d, -f1)

for f in csv json xlsx; do
	run factors.$f export factors --format $f
	run factors-kind.$f export factors --format $f --session-kind $kind
	run evidence.$f export evidence --format $f
	run evidence-prog.$f export evidence --format $f --programme "$programme"
	run notes.$f export notes --format $f
	run notes-prog.$f export notes --format $f --programme "$programme"
	run notes-session.$f export notes --format $f --programme "$programme" --session "$session"
	run notes-kind.$f export notes --format $f --session-kind $kind --kind quote
	run notes-pseudo.$f export notes --format $f --pseudonymise --programme "$programme"
	run attendance.$f export attendance --format $f --programme "$programme" --session "$session"
	run attendance-pseudo.$f export attendance --format $f --pseudonymise \
		--programme "$programme" --session "$session"
	run people.$f export people --format $f
	run people-pseudo.$f export people --format $f --pseudonymise
	for cols in school session session-kind programme; do
		run matrix-$cols.$f export matrix --format $f --cols $cols
	done
done
run factors.html export factors --format html
run notes-excel.csv export notes --format csv --csv excel
run notes-order.csv export notes --format csv --order session
run notes-factor.csv export notes --format csv --factor "$factor"
run notes-factor-plus.json export notes --format json --factor "$factor" --polarity +
run notes-untagged.csv export notes --format csv --untagged
run notes-search.csv export notes --format csv --search "school*"
run notes-search-order.json export notes --format json --search "leerlingen" --order session
run notes-group.csv export notes --format csv --group "tafel 1"
run people-excel.csv export people --format csv --csv excel
run people-role.csv export people --format csv --role leraar
run evidence-excel.csv export evidence --format csv --csv excel
run attendance-excel.csv export attendance --format csv --csv excel \
	--programme "$programme" --session "$session"
for f in md html; do
	run draaiboek.$f export draaiboek --format $f
	run draaiboek-en.$f export draaiboek --format $f --language en
	run draaiboek-prog.$f export draaiboek --format $f --programme "$programme"
	run draaiboek-kind.$f export draaiboek --format $f --session-kind $kind --quotes 5
	run draaiboek-session.$f export draaiboek --format $f --programme "$programme" \
		--session "$session"
	run draaiboek-pseudo.$f export draaiboek --format $f --pseudonymise
done
for f in csv md html qdc xlsx; do
	run codebook.$f export codebook --format $f
done

# A workbook as its entries one after the other, without the time it was
# made.
for x in "$dir"/*.xlsx; do
	[ -f "$x" ] || continue
	unzip -p "$x" | sed 's/<dcterms:\(created\|modified\)[^<]*</<dcterms:\1 TIME</g' \
		>"$x.contents" && rm -f "$x"
done

if [ "$compare" ]; then
	if diff -r -q "$golden" "$dir" >&2; then
		echo "every export as before ($(ls "$dir" | wc -l) files)"
		rm -rf "$dir"
	else
		echo "exports differ: see diff -r $golden $dir" >&2
		failed=1
	fi
fi
exit $failed
