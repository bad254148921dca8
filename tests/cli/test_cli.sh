#!/bin/sh
# test_cli.sh: the command line, compared with expected output (TAP).
#
# Runs $STEMTUI_BIN with HOME and the XDG folders in a scratch folder, so
# nothing of the person running it is read or written.  Needs STEMTUI_BIN;
# STEMTUI_DATADIR, STEMTUI_LOCALEDIR and STEMTUI_TESTTMP are taken from
# `make check` or guessed from the source and build trees.

unset LC_ALL LC_MESSAGES LC_CTYPE LANGUAGE
LANG=C.UTF-8
export LANG

n=0
failed=0

pass() {
	n=$((n + 1))
	echo "ok $n - $1"
}

fail() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
}

skip() {
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}

diag() {
	sed 's/^/# /'
}

# check NAME COMMAND...: passes when the command succeeds.
check() {
	name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name"; fi
}

# run ARG...: runs stemtui; output in $out and $err, exit status in $rc.
run() {
	"$STEMTUI_BIN" "$@" >"$out" 2>"$err"
	rc=$?
}

# run_nl ARG...: run with LANGUAGE=nl (set here, on the command itself:
# before a shell function, bash --posix would keep the assignment).
run_nl() {
	LANGUAGE=nl "$STEMTUI_BIN" "$@" >"$out" 2>"$err"
	rc=$?
}

# is_rc WANT NAME
is_rc() {
	if [ "$rc" -eq "$1" ]; then
		pass "$2"
	else
		fail "$2"
		echo "#   exit status $rc, want $1; stderr:" && diag <"$err"
	fi
}

# same_text NAME EXPECTED-FILE ACTUAL-FILE: the whole text, with a diff.
same_text() {
	if cmp -s "$2" "$3"; then
		pass "$1"
	else
		fail "$1"
		diff -u "$2" "$3" | diag
	fi
}

# has_text NAME FILE TEXT: FILE holds TEXT (fixed string).
has_text() {
	if grep -F -q -e "$3" "$2"; then
		pass "$1"
	else
		fail "$1"
		echo "#   no \"$3\" in:" && diag <"$2"
	fi
}

is_empty() {
	if [ ! -s "$2" ]; then
		pass "$1"
	else
		fail "$1"
		diag <"$2"
	fi
}

# crlf FILE: LF-terminated lines to CRLF (the expected CSV is written with LF).
crlf() {
	awk '{ printf "%s\r\n", $0 }' "$1"
}

if [ -z "${STEMTUI_BIN:-}" ] || [ ! -x "$STEMTUI_BIN" ]; then
	echo "Bail out! set STEMTUI_BIN to the built stemtui"
	exit 99
fi
here=$(cd "$(dirname "$0")" && pwd)
STEMTUI_SRCDIR=${STEMTUI_SRCDIR:-$(cd "$here/../.." && pwd)}
STEMTUI_DATADIR=${STEMTUI_DATADIR:-$STEMTUI_SRCDIR/share}
STEMTUI_LOCALEDIR=${STEMTUI_LOCALEDIR:-$(dirname "$(dirname "$STEMTUI_BIN")")/locale}
export STEMTUI_DATADIR STEMTUI_LOCALEDIR
if [ -n "${STEMTUI_TESTTMP:-}" ]; then
	mkdir -p "$STEMTUI_TESTTMP" && tmp=$(mktemp -d "$STEMTUI_TESTTMP/cli.XXXXXX")
else
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/stemtui-cli.XXXXXX")
fi
if [ -z "$tmp" ] || [ ! -d "$tmp" ]; then
	echo "Bail out! cannot make a scratch folder"
	exit 99
fi

HOME=$tmp/home
XDG_CONFIG_HOME=$HOME/.config
XDG_DATA_HOME=$HOME/.local/share
XDG_CACHE_HOME=$HOME/.cache
XDG_STATE_HOME=$HOME/.local/state
export HOME XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_STATE_HOME
mkdir -p "$HOME" || exit 99
umask 022
out=$tmp/out
err=$tmp/err
exp=$tmp/expected
dbdir=$XDG_DATA_HOME/stemtui
db=$dbdir/stemtui.sqlite

# --- Commands that never open the database ------------------------------

run --version
is_rc 0 "--version exits 0"
echo "stemtui 0.1.0" >"$exp"
same_text "--version prints \"stemtui 0.1.0\"" "$exp" "$out"
is_empty "--version writes nothing to stderr" "$err"

run --help
is_rc 0 "--help exits 0"
for word in "Usage: stemtui" "  sessions " "  import programme FILE " \
	"--db=PATH" "--config=PATH" "--demo" "--programme=NAME" "--format=FMT" \
	"--help" "--version" "Exit status"; do
	has_text "--help mentions \"$word\"" "$out" "$word"
done
is_empty "--help writes nothing to stderr" "$err"

run --no-such-option
is_rc 2 "an unknown option exits 2"
has_text "an unknown option says Try 'stemtui --help' on stderr" "$err" "Try 'stemtui --help'"
is_empty "an unknown option prints nothing on stdout" "$out"

run frobnicate
is_rc 2 "an unknown command exits 2"
has_text "an unknown command is named on stderr" "$err" "unknown command 'frobnicate'"
has_text "an unknown command says Try 'stemtui --help'" "$err" "Try 'stemtui --help'"

run sessions --format xml
is_rc 2 "--format xml exits 2"
has_text "--format xml names the format" "$err" "xml"

check "options and command errors create no database" test ! -e "$XDG_DATA_HOME"

run sessions extra
is_rc 2 "sessions with an argument exits 2"
has_text "sessions with an argument says it takes none" "$err" "'sessions' takes no arguments"

run import
is_rc 2 "import without what and FILE exits 2"
has_text "import without FILE shows its usage" "$err" "stemtui import programme FILE"

run import programme
is_rc 2 "import programme without FILE exits 2"

check "a wrong command line (bad arguments) creates no database" test ! -e "$XDG_DATA_HOME"
rm -rf "$XDG_DATA_HOME"

# --- The shipped programme, as CSV ----------------------------------------

cat >"$tmp/shipped.csv" <<'EOF'
programme,code,kind,title,date,start,end,venue,street,postcode,city,room,report_title,report_url,host
STEM++ 2017-2018,COP 01,inspiratiesessie,Inspiratiesessie 1,2017-11-09,13:00,16:30,VBS De Vliegenier,Opperweg 8,9890,Gavere-Semmerzake,,Verslag inspiratiesessie 1,,VBS De Vliegenier
STEM++ 2017-2018,COP 02,inspiratiesessie,Inspiratiesessie 2,2017-11-22,09:00,12:30,Het Talent Antwerpen,Juul Grietensstraat 8,2140,Borgerhout,,Verslag inspiratiesessie 2,,Het Talent Antwerpen
STEM++ 2017-2018,COP 03,inspiratiesessie,Inspiratiesessie 3,2018-01-23,13:00,16:30,VLS Berkenbos,Pastoor Paquaylaan 23,3550,Heusden-Zolder,,Verslag inspiratiesessie 3,,VLS Berkenbos
STEM++ 2017-2018,COP 04,inspiratiesessie,Inspiratiesessie 4,2018-03-07,09:00,12:30,VBS Heilige Familie,Helmetsesteenweg 216,1030,Schaarbeek,,Verslag inspiratiesessie 4,,VBS Heilige Familie
STEM++ 2017-2018,COP 05,inspiratiesessie,Inspiratiesessie 5,2018-04-19,13:00,16:30,GO! De Luchtballon,Sliksteenvest 1,3300,Tienen,,Verslag inspiratiesessie 5,,GO! De Luchtballon
STEM++ 2017-2018,COP 06,inspiratiesessie,Inspiratiesessie 6,2018-05-18,09:00,12:30,VBS Sint-Lodewijk,Pladijsstraat 296,8540,Deerlijk,,Verslag inspiratiesessie 6,,VBS Sint-Lodewijk
STEM++ 2017-2018,COP 07,groeisessie,Groeisessie 1,2018-05-31,09:00,12:30,,Brusselsepoortstraat 93,9000,Gent,A1.04,,,
STEM++ 2017-2018,COP 08,groeisessie,Groeisessie 2,2018-10-22,09:30,12:30,,Brusselsepoortstraat 93,9000,Gent,BPS A1.02,,,
STEM++ 2017-2018,COP 09,groeisessie,Groeisessie 3,2018-10-15,09:30,12:30,Gebouw Hermes,Stormstraat 2,1000,Brussel,Vergaderzaal 5303.1,,,
STEM++ 2017-2018,COP 10,focusgroep,Focusgroep,2018-11,09:00,12:30,,,,,,,,
STEM++ 2017-2018,COP 11,focusgroep,Focusgroep,2018-11,09:00,12:30,,,,,,,,
STEM++ 2017-2018,COP 12,focusgroep,Focusgroep,2018-11,09:00,12:30,,,,,,,,
STEM++ 2017-2018,COP 13,uitwisselsessie,Uitwisselsessie,2018-12-19,13:30,16:30,,,1000,Brussel,,Verslag uitwisselsessie,,
EOF

run sessions --format csv
is_rc 0 "sessions --format csv exits 0 (and creates the database)"
crlf "$tmp/shipped.csv" >"$exp"
same_text "sessions --format csv is the shipped programme, header and 13 rows, CRLF" "$exp" "$out"
is_empty "sessions --format csv writes nothing to stderr" "$err"

check "the database is made at \$XDG_DATA_HOME/stemtui/stemtui.sqlite" test -f "$db"
mode=$(stat -c %a "$db" 2>/dev/null)
check "the database file is mode 600 (umask was 022)" test "$mode" = 600
mode=$(stat -c %a "$dbdir" 2>/dev/null)
check "its folder is mode 700" test "$mode" = 700

# --- JSON -----------------------------------------------------------------

run sessions --format json
is_rc 0 "sessions --format json exits 0"
if command -v python3 >/dev/null 2>&1; then
	python3 - "$out" "$tmp/shipped.csv" >"$tmp/json.log" 2>&1 <<'EOF'
import csv, json, re, sys

with open(sys.argv[1], encoding="utf-8") as f:
    data = json.load(f)
with open(sys.argv[2], encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f))
header, rows = rows[0], rows[1:]
problems = []
def want(cond, what):
    if not cond:
        problems.append(what)

want(isinstance(data, list), "the top level is a list")
want(len(data) == 13, "13 objects, got %d" % len(data))
for obj, row in zip(data, rows):
    want(list(obj.keys()) == header, "%s: keys in CSV order: %s" % (row[1], list(obj.keys())))
    for i, key in enumerate(header):
        # Empty optional fields (start onwards) are null; the rest are text.
        expect = None if (i >= 5 and row[i] == "") else row[i]
        want(obj.get(key) == expect, "%s %s: %r, want %r" % (row[1], key, obj.get(key), expect))
    for key in ("start", "end"):
        want(obj[key] is None or re.fullmatch(r"\d\d:\d\d", obj[key]),
             "%s %s is HH:MM" % (row[1], key))
byc = {o.get("code"): o for o in data}
want(byc.get("COP 10", {}).get("date") == "2018-11", "COP 10 date is the month 2018-11")
want(byc.get("COP 01", {}).get("start") == "13:00", "COP 01 starts at 13:00")
want(byc.get("COP 09", {}).get("date") == "2018-10-15", "COP 09 date")
want(byc.get("COP 10", {}).get("venue", "x") is None, "COP 10 venue is null")
want(byc.get("COP 07", {}).get("room") == "A1.04", "COP 07 room")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF
	if [ $? -eq 0 ]; then
		pass "sessions --format json is valid JSON: 13 objects, the CSV's values, null where empty"
	else
		fail "sessions --format json is valid JSON: 13 objects, the CSV's values, null where empty"
		diag <"$tmp/json.log"
	fi
else
	skip "sessions --format json is valid JSON" "no python3"
fi

# --- The table, in English and Dutch --------------------------------------

# Trailing blanks (empty last columns) are stripped before comparing.
cat >"$exp" <<'EOF'
STEM++ 2017-2018
Code     Kind                Date             Time         Venue                     City
COP 01   Inspiration sessi…  Thu 9 Nov 2017   13:00-16:30  VBS De Vliegenier         Gavere-Semmerzake
COP 02   Inspiration sessi…  Wed 22 Nov 2017  09:00-12:30  Het Talent Antwerpen      Borgerhout
COP 03   Inspiration sessi…  Tue 23 Jan 2018  13:00-16:30  VLS Berkenbos             Heusden-Zolder
COP 04   Inspiration sessi…  Wed 7 Mar 2018   09:00-12:30  VBS Heilige Familie       Schaarbeek
COP 05   Inspiration sessi…  Thu 19 Apr 2018  13:00-16:30  GO! De Luchtballon        Tienen
COP 06   Inspiration sessi…  Fri 18 May 2018  09:00-12:30  VBS Sint-Lodewijk         Deerlijk
COP 07   Growth session      Thu 31 May 2018  09:00-12:30  Brusselsepoortstraat 93   Gent
COP 08   Growth session      Mon 22 Oct 2018  09:30-12:30  Brusselsepoortstraat 93   Gent
COP 09   Growth session      Mon 15 Oct 2018  09:30-12:30  Gebouw Hermes             Brussel
COP 10   Focus group         Nov 2018         09:00-12:30
COP 11   Focus group         Nov 2018         09:00-12:30
COP 12   Focus group         Nov 2018         09:00-12:30
COP 13   Exchange session    Wed 19 Dec 2018  13:30-16:30                            Brussel
EOF
run sessions
is_rc 0 "sessions (table) exits 0"
sed 's/ *$//' "$out" >"$tmp/table"
same_text "sessions shows the table: 13 rows, English short dates" "$exp" "$tmp/table"
rows=$(grep -c '^COP ' "$out")
check "the table has 13 session rows" test "$rows" = 13
has_text "the table shows COP 01's date as Thu 9 Nov 2017" "$out" "Thu 9 Nov 2017"

run_nl sessions
is_rc 0 "LANGUAGE=nl sessions exits 0"
grep '^COP 01 ' "$out" >"$tmp/row"
has_text "LANGUAGE=nl: the table shows COP 01 on do 9 nov 2017" "$tmp/row" " do 9 nov 2017 "
grep '^COP 10 ' "$out" >"$tmp/row"
has_text "LANGUAGE=nl: the month-only COP 10 is nov 2018" "$tmp/row" " nov 2018 "
run_nl sessions --format csv
crlf "$tmp/shipped.csv" >"$exp"
same_text "LANGUAGE=nl: the CSV is not translated" "$exp" "$out"

# --- Choosing a programme -------------------------------------------------

run sessions --programme nope
is_rc 1 "sessions --programme nope exits 1"
has_text "it says there is no such programme" "$err" "no programme called 'nope'"
is_empty "and prints nothing on stdout" "$out"

run sessions --programme "stem++ 2017-2018" --format csv
crlf "$tmp/shipped.csv" >"$exp"
same_text "--programme finds a name in another case" "$exp" "$out"

# --- Refused database -----------------------------------------------------

printf 'These are my notes, not a database.\nDo not touch.\n' >"$tmp/notes.txt"
cp "$tmp/notes.txt" "$tmp/notes.copy"
run --db "$tmp/notes.txt" sessions
is_rc 3 "--db on a text file exits 3"
has_text "it says the file is not a stemtui database" "$err" "not a stemtui database"
check "the text file is unchanged" cmp -s "$tmp/notes.txt" "$tmp/notes.copy"
check "no journal or WAL file is left beside it" \
	test ! -e "$tmp/notes.txt-wal" -a ! -e "$tmp/notes.txt-journal" -a ! -e "$tmp/notes.txt-shm"

# --- The configuration file -----------------------------------------------

run --config "$tmp/no-such.ini" sessions
is_rc 1 "--config on a missing file exits 1"
has_text "it names the file" "$err" "$tmp/no-such.ini"

cat >"$tmp/typo.ini" <<'EOF'
[general]
facilitator = Françoise Peeters
colour = red
EOF
run --config "$tmp/typo.ini" sessions --format csv
is_rc 0 "a config with an unknown key still runs the command (exit 0)"
has_text "the warning names the file and line" "$err" "$tmp/typo.ini:3:"
has_text "the warning names the key" "$err" "[general] colour"
crlf "$tmp/shipped.csv" >"$exp"
same_text "and the output is complete" "$exp" "$out"

mkdir -p "$XDG_CONFIG_HOME/stemtui"
printf '[general]\nlanguage = nl\n' >"$XDG_CONFIG_HOME/stemtui/config.ini"
run sessions
is_rc 0 "with language = nl in the XDG config, sessions exits 0"
grep '^COP 01 ' "$out" >"$tmp/row"
has_text "language = nl in the config: the table is in Dutch" "$tmp/row" " do 9 nov 2017 "
is_empty "a good config gives no warnings" "$err"
rm -f "$XDG_CONFIG_HOME/stemtui/config.ini"

# --- Importing a programme ------------------------------------------------

cat >"$tmp/stembasis.ini" <<'EOF'
# STEMBASIS 2018-2019: two sessions, with values CSV must quote.
[programme]
name = STEMBASIS 2018-2019
school_year = 2018-2019
description = Het lerend netwerk STEMBASIS gaat verder

[session sb01]
code = SB 01
kind = inspiratiesessie
title = Startdag "STEMBASIS"
date = 2018-10-10
weekday = Woensdag
start = 13:30
end = 16:00
host = Basisschool Zoë & Françoise
venue = "Zaal De Ark; gelijkvloers"
street = Kerkstraat 1
postcode = 9000
city = Gent
room = -1.05
report_url = https://example.org/verslag?sessie=1,2

[session sb02]
code = SB 02
kind = focusgroep
title = Focusgroep, per school
date = 2019-02
EOF
cat >"$tmp/stembasis.csv" <<'EOF'
programme,code,kind,title,date,start,end,venue,street,postcode,city,room,report_title,report_url,host
STEMBASIS 2018-2019,SB 01,inspiratiesessie,"Startdag ""STEMBASIS""",2018-10-10,13:30,16:00,Zaal De Ark; gelijkvloers,Kerkstraat 1,9000,Gent,"'-1.05",,"https://example.org/verslag?sessie=1,2",Basisschool Zoë & Françoise
STEMBASIS 2018-2019,SB 02,focusgroep,"Focusgroep, per school",2019-02,,,,,,,,,,
EOF

run import programme "$tmp/stembasis.ini"
is_rc 0 "import programme of a new file exits 0"
echo "$tmp/stembasis.ini: 2 new, 0 changed, 0 unchanged sessions" >"$exp"
same_text "it reports 2 new sessions" "$exp" "$out"
is_empty "and no errors" "$err"

run sessions --programme 2018-2019 --format csv
is_rc 0 "sessions --programme 2018-2019 exits 0"
crlf "$tmp/stembasis.csv" >"$exp"
same_text "it lists the 2 imported sessions (CSV quoting, formula guard, UTF-8)" "$exp" "$out"

run sessions --format csv
crlf "$tmp/stembasis.csv" >"$exp"
same_text "without --programme, sessions shows the newest school year" "$exp" "$out"

run import programme "$tmp/stembasis.ini"
is_rc 0 "importing the same file again exits 0"
echo "$tmp/stembasis.ini: 0 new, 0 changed, 2 unchanged sessions" >"$exp"
same_text "and reports 0 new, 0 changed" "$exp" "$out"

# A changed copy that is wrong on one line: nothing of it may be written.
sed -e 's/^title = Startdag.*/title = Startdag (gewijzigd)/' \
	-e 's/^kind = focusgroep/kind = lezing/' "$tmp/stembasis.ini" >"$tmp/bad.ini"
printf '\n[session sb03]\ncode = SB 03\nkind = focusgroep\ndate = 2019-03\n' >>"$tmp/bad.ini"
badline=$(grep -n '^kind = lezing' "$tmp/bad.ini" | cut -d: -f1)
"$STEMTUI_BIN" sessions --programme 2017-2018 --format csv >"$tmp/before-1" 2>/dev/null
"$STEMTUI_BIN" sessions --programme 2018-2019 --format csv >"$tmp/before-2" 2>/dev/null
cp "$db" "$tmp/before.sqlite"
run import programme "$tmp/bad.ini"
is_rc 1 "importing a file with an unknown kind exits 1"
has_text "stderr names FILE:LINE: of the bad kind" "$err" "$tmp/bad.ini:$badline:"
has_text "stderr names the kind" "$err" "lezing"
is_empty "and stdout reports no import" "$out"
run sessions --programme 2017-2018 --format csv
same_text "afterwards the shipped programme is as before" "$tmp/before-1" "$out"
run sessions --programme 2018-2019 --format csv
same_text "afterwards STEMBASIS is as before (no title changed, no SB 03)" "$tmp/before-2" "$out"
check "the database file's bytes are unchanged" cmp -s "$db" "$tmp/before.sqlite"

run import programme "$tmp/no-such-programme.ini"
is_rc 1 "importing a missing file exits 1"

# --- The demo database ----------------------------------------------------

run --demo sessions --format csv
is_rc 0 "--demo sessions exits 0"
crlf "$tmp/shipped.csv" >"$exp"
same_text "--demo has its own database with only the shipped programme" "$exp" "$out"
check "--demo keeps its file apart (demo.sqlite)" test -f "$dbdir/demo.sqlite"

echo "1..$n"
if [ "$failed" -eq 0 ]; then
	rm -rf "$tmp"
	exit 0
fi
echo "# $failed of $n checks failed; files kept in $tmp"
exit 1
