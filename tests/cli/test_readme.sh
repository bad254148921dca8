#!/bin/sh
# test_readme.sh: every example command in README.md runs as written
# (TAP).  The indented lines that start with `stemtui` or `xmllint` are
# run in order with sh, in a scratch folder beside a link to the source
# folder's tests/ (as the build folder sits beside it), with stemtui on
# PATH and the demo database as the default database, the files they
# name made first (next year's programme, a sign-up list, codebooks).
# Each must exit 0 and print nothing on stderr.  The full-screen ones
# (`stemtui`, `stemtui --demo`) run in a pseudo-terminal (script(1)) and
# are quit with q.  The build commands of the quick start are what CI
# runs (.ci/run), and `make fuzz` is not run here.  Environment as for
# test_cli.sh.

name=readme
. "$(dirname "$0")/lib.sh"

readme=$STEMTUI_SRCDIR/README.md
bindir=$tmp/bin
work=$tmp/build
mkdir -p "$bindir" "$work" && ln -s "$STEMTUI_BIN" "$bindir/stemtui" &&
	ln -s "$STEMTUI_SRCDIR/tests" "$tmp/tests" || exit 99
PATH=$bindir:$PATH
export PATH
cd "$work" || exit 99

# The default database is a copy of the demo database.
run --demo sessions
is_rc 0 "the demo database"
cp "$XDG_DATA_HOME/stemtui/demo.sqlite" "$XDG_DATA_HOME/stemtui/stemtui.sqlite" || exit 99

# The files the examples name: next school year's programme (the shipped
# one a year on, with codes of its own and without weekdays), a sign-up
# list, an INI codebook and a REFI-QDA one.
sed -e '/^weekday/d' -e 's/2018-/2019-/g; s/2017-/2018-/g; s/^code = COP /code = SB /' \
	-e 's/^name = .*/name = STEMBASIS 2018-2019/; s/^school_year = .*/school_year = 2018-2019/' \
	"$STEMTUI_SRCDIR/share/programmes/stem-plus-2017-2018.ini" >stembasis-2018-2019.ini
# The shared folder of the sync examples, and a colleague's database.
mkdir -p "$HOME/Gedeeld/stembasis" || exit 99
"$STEMTUI_BIN" --db dirk.sqlite add-note "COP 02" "Dirk noteerde dit offline" >/dev/null || exit 99
cat >aanmeldingen.csv <<'CSV'
voornaam,achternaam,rol,organisatie,e-mail,focus
Lotte,Maes,leraar,VBS De Vliegenier,,
Jonas,Wouters,Techniekcoach,VBS De Vliegenier,jonas@stem.example,programmeren
CSV
cp "$STEMTUI_SRCDIR/share/codebook/starter.ini" mijn-codeboek.ini
"$STEMTUI_BIN" --demo export codebook --format qdc -o uit-maxqda.qdc || exit 99

awk '/^    / { sub(/^ +/, ""); if ($0 ~ /^(stemtui|xmllint)( |$)/) print }' "$readme" >"$tmp/examples"
count=$(wc -l <"$tmp/examples")
if [ "$count" -ge 25 ]; then pass "README.md has $count examples"; else
	fail "README.md has only $count examples"; fi

have_script=no
command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1 && have_script=yes
have_xmllint=no
command -v xmllint >/dev/null 2>&1 && have_xmllint=yes

while IFS= read -r line; do
	words=${line%%#*}
	set -- $words
	if [ "$1" = stemtui ] && { [ $# -eq 1 ] || { [ $# -eq 2 ] && [ "$2" = --demo ]; }; }; then
		if [ "$have_script" = no ]; then
			skip "$line" "no script(1)"
			continue
		fi
		(sleep 2; printf q) | TERM=xterm COLUMNS=100 LINES=30 \
			timeout 30 script -qec "$words" /dev/null >"$out" 2>"$err"
		rc=$?
		is_rc 0 "$line"
		has_text "  it showed the programme browser" "$out" "COP 01"
		continue
	fi
	if [ "$1" = xmllint ] && [ "$have_xmllint" = no ]; then
		skip "$line" "no xmllint"
		continue
	fi
	sh -c "$line" >"$out" 2>"$err" </dev/null
	rc=$?
	is_rc 0 "$line"
	if [ "$1" = xmllint ]; then
		continue   # xmllint says "validates" on stderr
	fi
	is_empty "  nothing on stderr" "$err"
done <"$tmp/examples"

finish
