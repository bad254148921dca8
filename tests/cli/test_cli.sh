#!/bin/sh
# test_cli.sh: the command line, compared with expected output (TAP).
#
# Runs $STEMTUI_BIN with HOME and the XDG folders in a scratch folder, so
# nothing of the person running it is read or written.  Needs STEMTUI_BIN;
# STEMTUI_DATADIR, STEMTUI_LOCALEDIR and STEMTUI_TESTTMP are taken from
# `make check` or guessed from the source and build trees.

name=cli
. "$(dirname "$0")/lib.sh"

# run_full ARG...: runs stemtui with its output going to /dev/full.
run_full() {
	"$STEMTUI_BIN" "$@" >/dev/full 2>"$err"
	rc=$?
}

# run_nl ARG...: run with LANGUAGE=nl (set here, on the command itself:
# before a shell function, bash --posix would keep the assignment).
run_nl() {
	LANGUAGE=nl "$STEMTUI_BIN" "$@" >"$out" 2>"$err"
	rc=$?
}

exp=$tmp/expected
dbdir=$XDG_DATA_HOME/stemtui
db=$dbdir/stemtui.sqlite

# --- Commands that never open the database ------------------------------

run --version
is_rc 0 "--version exits 0"
echo "stemtui 0.1.0" >"$exp"
head -n 1 "$out" >"$tmp/version-line"
same_text "--version prints \"stemtui 0.1.0\" first" "$exp" "$tmp/version-line"
for lib in "SQLite $(pkg-config --modversion sqlite3 2>/dev/null || echo 3.)" \
	"full-text search FTS5: yes" "session extension: yes" "ncurses " "libxml2 " "libxlsxwriter "; do
	has_text "--version names $lib" "$out" "$lib"
done
is_empty "--version writes nothing to stderr" "$err"

run --help
is_rc 0 "--help exits 0"
for word in "Usage: stemtui" "  sessions " "  import programme FILE " \
	"--db=PATH" "--config=PATH" "--demo" "--programme=NAME" "--format=FMT" \
	"--help" "--version" "Exit status" \
	"  people " "  attendance SESSION " "  checkin SESSION PERSON " "  import people FILE " \
	"--name=TEXT" "--role=ROLE" "--focus=TAG" "--organisation=NAME" "--status=STATUS" \
	"--expected=SESSION" "--pseudonymise" \
	"  notes " "  add-note SESSION [TEXT] " "--session=SESSION" "--kind=KIND" "--group=GROUP" \
	"--search=QUERY"; do
	has_text "--help mentions \"$word\"" "$out" "$word"
done
is_empty "--help writes nothing to stderr" "$err"

# In Dutch the commands' arguments are named as the help beside them
# names them (zonder TEKST), as the options' are (--db=PAD); the commands
# themselves are not translated.
run_nl --help
is_rc 0 "LANGUAGE=nl --help exits 0"
sed -n '/^Opdrachten:/,/^$/p' "$out" | cut -c1-29 | sed 's/ *$//' >"$tmp/cmds"
cat >"$tmp/want" <<'EOF'
Opdrachten:
  sessions
  people
  people --duplicates
  people --merge ID ID
  attendance SESSIE
  checkin SESSIE PERSOON
  import programme BESTAND
  import people BESTAND
  notes
  add-note SESSIE [TEKST]
  factors
  tag NOTITIE FACTOR[+|-]
  agreement
  agreement disagreements
  import codebook BESTAND
  export WAT --format F
  check
  sync [MAP]
  merge ANDERE

EOF
same_text "LANGUAGE=nl --help: the commands as typed, their arguments in Dutch" "$tmp/want" "$tmp/cmds"
has_text "  the help beside add-note names TEKST" "$out" "add-note SESSIE [TEKST]    een notitie toevoegen; zonder TEKST"

run --no-such-option
is_rc 2 "an unknown option exits 2"
has_text "an unknown option says Try 'stemtui --help' on stderr" "$err" "Try 'stemtui --help'"
check "getopt's message starts \"stemtui:\", not with the path the binary was run by" \
	grep -q '^stemtui: ' "$err"
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

# Options of one command given to another, and the new commands' arguments.
run sessions --role techniekcoach
is_rc 2 "sessions --role exits 2"
has_text "it says --role does not apply to sessions" "$err" "option '--role' does not apply to 'sessions'"
is_empty "and prints nothing on stdout" "$out"
run sessions --pseudonymise
is_rc 2 "sessions --pseudonymise exits 2"
run people --status present
is_rc 2 "people --status exits 2"
has_text "it says --status does not apply to people" "$err" "option '--status' does not apply to 'people'"
run people --expected "COP 07"
is_rc 2 "people --expected exits 2"
run people zoe
is_rc 2 "people with an argument exits 2"
has_text "it says people takes no arguments" "$err" "'people' takes no arguments"
run attendance
is_rc 2 "attendance without SESSION exits 2"
has_text "it shows the usage of attendance" "$err" "usage: stemtui attendance SESSION"
run attendance 7 8
is_rc 2 "attendance with two sessions exits 2"
run attendance 7 --role leraar
is_rc 2 "attendance --role exits 2"
has_text "it says --role does not apply to attendance" "$err" "option '--role' does not apply to 'attendance'"
run checkin 7
is_rc 2 "checkin without PERSON exits 2"
has_text "it shows the usage of checkin" "$err" "usage: stemtui checkin SESSION PERSON"
run checkin 7 zoe --status late
is_rc 2 "checkin --status late exits 2"
has_text "it names the status and the ones allowed" "$err" "unknown status 'late' (use present, absent or excused)"
run checkin 7 zoe --format csv
is_rc 2 "checkin --format exits 2"
run checkin 7 zoe --pseudonymise
is_rc 2 "checkin --pseudonymise exits 2"
run import people
is_rc 2 "import people without FILE exits 2"
has_text "import without FILE shows the usage of import people too" "$err" \
	"stemtui import people FILE [--expected SESSION]"
run import programme "$tmp/x.ini" --expected 7
is_rc 2 "import programme --expected exits 2"
has_text "it says --expected is for import people" "$err" "--expected is for 'import people'"
run import persons "$tmp/x.csv"
is_rc 2 "import of an unknown kind exits 2"
run --pseudonymise
is_rc 2 "an option of a command without a command exits 2"
has_text "it says the option needs a command" "$err" "option '--pseudonymise' needs a command"
run --role leraar
is_rc 2 "--role without a command exits 2"

# The notes commands' command lines.
run notes extra
is_rc 2 "notes with an argument exits 2"
has_text "it says notes takes no arguments" "$err" "'notes' takes no arguments"
run notes --kind gedachte
is_rc 2 "notes --kind gedachte (no such kind) exits 2"
has_text "it names the kind" "$err" "unknown note kind 'gedachte'"
for kind in observation quote idea question action; do
	has_text "it lists the kind $kind" "$err" "  $kind "
done
run notes --status present
is_rc 2 "notes --status exits 2"
has_text "it says --status does not apply to notes" "$err" "option '--status' does not apply to 'notes'"
run notes --pseudonymise
is_rc 2 "notes --pseudonymise exits 2"
run people --kind quote
is_rc 2 "people --kind exits 2"
has_text "it says --kind does not apply to people" "$err" "option '--kind' does not apply to 'people'"
run sessions --search tijd
is_rc 2 "sessions --search exits 2"
run attendance 7 --session 7
is_rc 2 "attendance --session exits 2"
run people --format md
is_rc 2 "people --format md exits 2"
has_text "it says md is only for notes" "$err" "--format md is only for 'notes'"
is_empty "and prints nothing on stdout" "$out"
run sessions --format md
is_rc 2 "sessions --format md exits 2"
run attendance 7 --format md
is_rc 2 "attendance --format md exits 2"
run add-note
is_rc 2 "add-note without SESSION exits 2"
has_text "it shows the usage of add-note" "$err" "usage: stemtui add-note SESSION"
run add-note 7 --kind gedachte "een idee"
is_rc 2 "add-note --kind gedachte exits 2"
has_text "it lists the kinds" "$err" "  question "
run add-note 7 --search x "een idee"
is_rc 2 "add-note --search exits 2"
run add-note 7 --format csv "een idee"
is_rc 2 "add-note --format exits 2"
run --kind idea
is_rc 2 "--kind without a command exits 2"

check "a wrong command line (bad arguments) creates no database" test ! -e "$XDG_DATA_HOME"

# An unknown role is a usage error found with the roles (roles.ini and
# the config), still before the database is opened.
run people --role kok
is_rc 2 "people --role kok (no such role) exits 2"
has_text "it names the role" "$err" "unknown role 'kok'"
has_text "it lists the roles: leraar" "$err" "  leraar "
has_text "it lists the roles: techniekcoach" "$err" "  techniekcoach "
has_text "it lists the roles: pedagogisch-begeleider" "$err" "  pedagogisch-begeleider "
is_empty "and prints nothing on stdout" "$out"
check "an unknown role creates no database" test ! -e "$XDG_DATA_HOME"
rm -rf "$XDG_DATA_HOME"

# --- The shipped programme, as CSV ----------------------------------------

cat >"$tmp/shipped.csv" <<'EOF'
programme,code,kind,title,date,start,end,venue,street,postcode,city,room,report_title,report_url,host,remark
STEM++ 2017-2018,COP 01,inspiratiesessie,Inspiratiesessie 1,2017-11-09,13:00,16:30,VBS De Vliegenier,Opperweg 8,9890,Gavere-Semmerzake,,Verslag inspiratiesessie 1,,VBS De Vliegenier,
STEM++ 2017-2018,COP 02,inspiratiesessie,Inspiratiesessie 2,2017-11-22,09:00,12:30,Het Talent Antwerpen,Juul Grietensstraat 8,2140,Borgerhout,,Verslag inspiratiesessie 2,,Het Talent Antwerpen,
STEM++ 2017-2018,COP 03,inspiratiesessie,Inspiratiesessie 3,2018-01-23,13:00,16:30,VLS Berkenbos,Pastoor Paquaylaan 23,3550,Heusden-Zolder,,Verslag inspiratiesessie 3,,VLS Berkenbos,
STEM++ 2017-2018,COP 04,inspiratiesessie,Inspiratiesessie 4,2018-03-07,09:00,12:30,VBS Heilige Familie,Helmetsesteenweg 216,1030,Schaarbeek,,Verslag inspiratiesessie 4,,VBS Heilige Familie,
STEM++ 2017-2018,COP 05,inspiratiesessie,Inspiratiesessie 5,2018-04-19,13:00,16:30,GO! De Luchtballon,Sliksteenvest 1,3300,Tienen,,Verslag inspiratiesessie 5,,GO! De Luchtballon,
STEM++ 2017-2018,COP 06,inspiratiesessie,Inspiratiesessie 6,2018-05-18,09:00,12:30,VBS Sint-Lodewijk,Pladijsstraat 296,8540,Deerlijk,,Verslag inspiratiesessie 6,,VBS Sint-Lodewijk,
STEM++ 2017-2018,COP 07,groeisessie,Groeisessie 1,2018-05-31,09:00,12:30,,Brusselsepoortstraat 93,9000,Gent,A1.04,,,,
STEM++ 2017-2018,COP 08,groeisessie,Groeisessie 2,2018-10-22,09:30,12:30,,Brusselsepoortstraat 93,9000,Gent,BPS A1.02,,,,
STEM++ 2017-2018,COP 09,groeisessie,Groeisessie 3,2018-10-15,09:30,12:30,Gebouw Hermes,Stormstraat 2,1000,Brussel,Vergaderzaal 5303.1,,,,
STEM++ 2017-2018,COP 10,focusgroep,Focusgroep,2018-11,09:00,12:30,,,,,,,,,Individuele sessie per school
STEM++ 2017-2018,COP 11,focusgroep,Focusgroep,2018-11,09:00,12:30,,,,,,,,,Individuele sessie per school
STEM++ 2017-2018,COP 12,focusgroep,Focusgroep,2018-11,09:00,12:30,,,,,,,,,Individuele sessie per school
STEM++ 2017-2018,COP 13,uitwisselsessie,Uitwisselsessie,2018-12-19,13:30,16:30,,,1000,Brussel,,Verslag uitwisselsessie,,,"Uitwisseling met analoge projecten, o.a. Co-Profs in STEM van AP Hogeschool"
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
Code     Kind                 Date             Time         Venue                     City
COP 01   Inspiration session  Thu 9 Nov 2017   13:00-16:30  VBS De Vliegenier         Gavere-Semmerzake
COP 02   Inspiration session  Wed 22 Nov 2017  09:00-12:30  Het Talent Antwerpen      Borgerhout
COP 03   Inspiration session  Tue 23 Jan 2018  13:00-16:30  VLS Berkenbos             Heusden-Zolder
COP 04   Inspiration session  Wed 7 Mar 2018   09:00-12:30  VBS Heilige Familie       Schaarbeek
COP 05   Inspiration session  Thu 19 Apr 2018  13:00-16:30  GO! De Luchtballon        Tienen
COP 06   Inspiration session  Fri 18 May 2018  09:00-12:30  VBS Sint-Lodewijk         Deerlijk
COP 07   Growth session       Thu 31 May 2018  09:00-12:30  Brusselsepoortstraat 93   Gent
COP 08   Growth session       Mon 22 Oct 2018  09:30-12:30  Brusselsepoortstraat 93   Gent
COP 09   Growth session       Mon 15 Oct 2018  09:30-12:30  Gebouw Hermes             Brussel
COP 10   Focus group          Nov 2018         09:00-12:30
COP 11   Focus group          Nov 2018         09:00-12:30
COP 12   Focus group          Nov 2018         09:00-12:30
COP 13   Exchange session     Wed 19 Dec 2018  13:30-16:30                            Brussel
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

# A Dutch locale this machine may not have generated (a fresh Debian has
# only C.UTF-8): Dutch all the same.
LANG=nl_BE.UTF-8 "$STEMTUI_BIN" sessions >"$out" 2>"$err"
rc=$?
is_rc 0 "LANG=nl_BE.UTF-8 sessions exits 0"
grep '^COP 01 ' "$out" >"$tmp/row"
has_text "LANG=nl_BE.UTF-8: the table is in Dutch (do 9 nov 2017)" "$tmp/row" " do 9 nov 2017 "

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

# A refused file with a -wal file beside it (copied while its writer was
# still open): reading it must not fold the WAL into it or delete it.
if python3 - "$tmp" <<'PY'
import shutil, sqlite3, sys
d = sys.argv[1]
for name, version in (("foreign", 0), ("newer", 99)):
    c = sqlite3.connect(f"{d}/{name}.sqlite", isolation_level=None)
    c.execute("PRAGMA journal_mode=WAL")
    c.execute("PRAGMA wal_autocheckpoint=0")
    if version:
        c.execute("PRAGMA application_id=1398035796")
        c.execute(f"PRAGMA user_version={version}")
    c.execute("CREATE TABLE t(x)")
    c.execute("INSERT INTO t VALUES ('pending in the WAL')")
    for suffix in ("", "-wal"):
        shutil.copy(f"{d}/{name}.sqlite{suffix}", f"{d}/{name}-copy.sqlite{suffix}")
    c.close()
PY
then
	for which in foreign newer; do
		cp "$tmp/$which-copy.sqlite" "$tmp/$which.orig"
		cp "$tmp/$which-copy.sqlite-wal" "$tmp/$which.orig-wal"
		run --db "$tmp/$which-copy.sqlite" sessions
		is_rc 3 "a $which database with a pending WAL is refused (exit 3)"
		check "and the $which file is unchanged" cmp -s "$tmp/$which.orig" "$tmp/$which-copy.sqlite"
		check "and its WAL is still there, unchanged" cmp -s "$tmp/$which.orig-wal" "$tmp/$which-copy.sqlite-wal"
	done
else
	skip "a refused database with a pending WAL" "python3's sqlite3 is missing"
fi

# Damage past the first page shows only when a query reaches it: the same
# message and exit status as damage found at open.
run --db "$tmp/damaged.sqlite" sessions
python3 -c "
import sys
with open(sys.argv[1], 'r+b') as f:
    f.seek(4096)
    f.write(b'\xff' * 65536)" "$tmp/damaged.sqlite"
run --db "$tmp/damaged.sqlite" sessions
is_rc 3 "a database damaged past its first page: exit 3"
has_text "the message names the file and says it is damaged" "$err" "$tmp/damaged.sqlite is damaged"

run --db "" sessions
is_rc 1 "--db '' exits 1"
has_text "it says the path is empty" "$err" "the database path is empty"

: >"$tmp/empty.sqlite"
chmod 644 "$tmp/empty.sqlite"
run --db "$tmp/empty.sqlite" sessions
is_rc 0 "an empty file given as --db becomes a database"
check "and is made private (0600): it holds personal data now" \
	test "$(stat -c %a "$tmp/empty.sqlite")" = 600

STEMTUI_DATADIR=$tmp/no-data-here "$STEMTUI_BIN" --db "$tmp/unseeded.sqlite" sessions >"$out" 2>"$err"
rc=$?
is_rc 1 "a new database whose shipped programme cannot be read: exit 1"
has_text "it says so" "$err" "cannot load the shipped programme"
check "and the half-made database is removed, so the next run starts anew" \
	test ! -e "$tmp/unseeded.sqlite"

# --- Output that cannot be written --------------------------------------

for args in --help --version sessions "notes --session 7" "factors" "people"; do
	run_full $args
	is_rc 1 "$args into a full disk (/dev/full) exits 1"
	has_text "$args: it says the output could not be written, and why" "$err" \
		"cannot write the output: No space left on device"
done

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

printf '[general]\nprogramme = STEMBASIS 2030-2031\n' >"$tmp/stale.ini"
run --config "$tmp/stale.ini" sessions --format csv
is_rc 0 "a config naming a programme the database lacks still lists sessions (exit 0)"
has_text "with a warning naming it" "$err" "warning: the configuration names programme 'STEMBASIS 2030-2031'"
same_text "and the newest programme listed" "$exp" "$out"

mkdir -p "$XDG_CONFIG_HOME/stemtui"
printf '[general]\nlanguage = nl\n' >"$XDG_CONFIG_HOME/stemtui/config.ini"
run sessions
is_rc 0 "with language = nl in the XDG config, sessions exits 0"
grep '^COP 01 ' "$out" >"$tmp/row"
has_text "language = nl in the config: the table is in Dutch" "$tmp/row" " do 9 nov 2017 "
is_empty "a good config gives no warnings" "$err"
rm -f "$XDG_CONFIG_HOME/stemtui/config.ini"

# Saved by Notepad as "UTF-8 with BOM": the mark is not part of the first
# line, and the configuration is read.
printf '\357\273\277[general]\nlanguage = nl\n' >"$tmp/bom.ini"
run --config "$tmp/bom.ini" sessions
is_rc 0 "a config starting with a byte-order mark exits 0"
is_empty "  without a warning" "$err"
grep '^COP 01 ' "$out" >"$tmp/row"
has_text "  and is read (the table is in Dutch)" "$tmp/row" " do 9 nov 2017 "

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
programme,code,kind,title,date,start,end,venue,street,postcode,city,room,report_title,report_url,host,remark
STEMBASIS 2018-2019,SB 01,inspiratiesessie,"Startdag ""STEMBASIS""",2018-10-10,13:30,16:00,Zaal De Ark; gelijkvloers,Kerkstraat 1,9000,Gent,"'-1.05",,"https://example.org/verslag?sessie=1,2",Basisschool Zoë & Françoise,
STEMBASIS 2018-2019,SB 02,focusgroep,"Focusgroep, per school",2019-02,,,,,,,,,,,
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

# --- People in the demo database ------------------------------------------

run --demo people
is_rc 0 "--demo people exits 0"
has_text "the demo has 41 people" "$out" "41 people"
is_empty "--demo people writes nothing to stderr" "$err"

# The whole last name counts, ignoring case, accents and apostrophes:
# "Van den Broeck" under V, after Peeters and before Wouters; "De Smet"
# before "Deprez" before "Desmet"; "D'Hondt" as "DHondt".
cat >"$exp" <<'EOF'
Aerts, Hilde
Baert, Nele
Bogaert, Katrien
Claes, Pieter-Jan
Claeys, Marc
Coppens, Dries
De Clercq, Ruben
De Smet, Lotte
De Wilde, Koen
Deprez, Leen
Desmet, Charlotte
Dewulf, Saskia
D'Hondt, Sofie
Dubois, Wout
El Amrani, Yasmina
Goossens, Nathalie
Hermans, Femke
Jacobs, An
Janssens, Elke
Lambrechts, Jolien
Maes, Bram
Mertens, Thomas
Michiels, Greet
Peeters, Françoise
Peeters, Jan
Smets, Arne
Van Acker, Erik
Van Damme, Senne
Van de Velde, Ann-Sophie
Van den Broeck, Zoë
Van Hecke, Bart
Vandamme, Ilse
Vandenberghe, Kobe
Vanhove, Tine
Verhoeven, Eline
Verschueren, Ine
Verstraete, Wim
Willems, Hanne
Wouters, Lies
Wuyts, Jonas
Yılmaz, Mehmet
EOF
run --demo people --format csv
is_rc 0 "--demo people --format csv exits 0"
awk -F, 'NR > 1 { print $3 ", " $2 }' "$out" | tr -d '\r' >"$tmp/names"
same_text "people are sorted by the whole last name, ignoring case and accents" "$exp" "$tmp/names"
grep -n -e '^Peeters, Jan$' -e '^Van den Broeck, Zoë$' -e '^Wouters, Lies$' "$tmp/names" |
	cut -d: -f2 | tr '\n' '/' >"$tmp/order"
printf '%s' 'Peeters, Jan/Van den Broeck, Zoë/Wouters, Lies/' >"$exp"
same_text "Van den Broeck comes after Peeters and before Wouters" "$exp" "$tmp/order"

cat >"$exp" <<'EOF'
Name                      Role                    Organisation                  Focus                     E-mail
D'Hondt, Sofie            Technology coach        STEM-academie Gent            techniek, wetenschap      sofie.dhondt@stem-academie.example
Vandenberghe, Kobe        Technology coach        STEM-academie Gent            programmeren, techniek    kobe.vandenberghe@stem-academie.example
Verschueren, Ine          Technology coach        STEM-academie Gent            wetenschap                ine.verschueren@stem-academie.example
Yılmaz, Mehmet            Technology coach        STEM-academie Gent            programmeren, wiskunde    mehmet.yilmaz@stem-academie.example
4 people
EOF
run --demo people --role techniekcoach
is_rc 0 "people --role techniekcoach exits 0"
sed 's/ *$//' "$out" >"$tmp/table"
same_text "people --role techniekcoach: the four coaches, with their focus" "$exp" "$tmp/table"
run --demo people --role "technology COACH"
sed 's/ *$//' "$out" >"$tmp/table"
same_text "--role takes the English label, in any case" "$exp" "$tmp/table"
run --demo people --role Techniekcoach
sed 's/ *$//' "$out" >"$tmp/table"
same_text "--role takes the Dutch label" "$exp" "$tmp/table"

printf 'id,first_name,last_name,role,organisation,email,focus\n' >"$exp.lf"
printf '1,Kobe,Vandenberghe,techniekcoach,STEM-academie Gent,kobe.vandenberghe@stem-academie.example,"programmeren,techniek"\n' >>"$exp.lf"
printf '3,Mehmet,Yılmaz,techniekcoach,STEM-academie Gent,mehmet.yilmaz@stem-academie.example,"programmeren,wiskunde"\n' >>"$exp.lf"
crlf "$exp.lf" >"$exp"
run --demo people --focus programmeren --format csv
is_rc 0 "people --focus programmeren exits 0"
same_text "people --focus programmeren: Kobe and Mehmet (CSV, focus quoted)" "$exp" "$out"
run --demo people --focus PROGRAMMEREN --role techniekcoach --format csv
same_text "--focus ignores case and combines with --role" "$exp" "$out"
run --demo people --focus programmeren --role leraar --format csv
printf 'id,first_name,last_name,role,organisation,email,focus\n' >"$exp.lf"
crlf "$exp.lf" >"$exp"
same_text "--focus programmeren --role leraar: nobody, just the header" "$exp" "$out"

printf 'id,first_name,last_name,role,organisation,email,focus\n5,Zoë,Van den Broeck,leraar,VBS De Regenboog,zoe.vandenbroeck@deregenboog.example,\n' >"$exp.lf"
crlf "$exp.lf" >"$exp"
run --demo people --name zoe --format csv
is_rc 0 "people --name zoe exits 0"
same_text "--name zoe finds Zoë Van den Broeck" "$exp" "$out"
run --demo people --name "broeck zo" --format csv
same_text "--name finds \"last first\" too (broeck zo)" "$exp" "$out"
printf 'id,first_name,last_name,role,organisation,email,focus\n6,Françoise,Peeters,leraar,VBS Sint-Lodewijk,francoise.peeters@sint-lodewijk.example,\n' >"$exp.lf"
crlf "$exp.lf" >"$exp"
run --demo people --name francoise --format csv
same_text "--name francoise finds Françoise Peeters" "$exp" "$out"
run --demo people --name FRANÇ --format csv
same_text "--name FRANÇ finds her too (case, accent)" "$exp" "$out"
run --demo people --name dhondt
has_text "--name dhondt finds Sofie D'Hondt" "$out" "D'Hondt, Sofie"
run --demo people --name vandenbroeck
has_text "--name vandenbroeck finds Zoë Van den Broeck" "$out" "Van den Broeck, Zoë"
has_text "and only her" "$out" "1 person"
run --demo people --name "pieter jan"
has_text "--name \"pieter jan\" finds Pieter-Jan Claes" "$out" "Claes, Pieter-Jan"
run --demo people --name peeters
has_text "--name peeters finds Françoise" "$out" "Peeters, Françoise"
has_text "--name peeters finds Jan" "$out" "Peeters, Jan"
has_text "--name peeters finds two" "$out" "2 people"
run --demo people --name xq
is_rc 0 "--name with no match exits 0"
has_text "and says 0 people" "$out" "0 people"

# --organisation: exact name, a unique part, several, none.
cat >"$exp" <<'EOF'
Name                      Role                    Organisation                  Focus                     E-mail
De Wilde, Koen            School leader           VBS De Regenboog                                        koen.dewilde@deregenboog.example
Jacobs, An                Teacher                 VBS De Regenboog                                        an.jacobs@deregenboog.example
Van Damme, Senne          Teacher                 VBS De Regenboog                                        senne.vandamme@deregenboog.example
Van den Broeck, Zoë       Teacher                 VBS De Regenboog                                        zoe.vandenbroeck@deregenboog.example
4 people
EOF
run --demo people --organisation "VBS De Regenboog"
is_rc 0 "people --organisation \"VBS De Regenboog\" exits 0"
sed 's/ *$//' "$out" >"$tmp/table"
same_text "--organisation lists the four people of that school" "$exp" "$tmp/table"
run --demo people --organisation regenboog
sed 's/ *$//' "$out" >"$tmp/table"
same_text "--organisation regenboog (a unique part) finds the same school" "$exp" "$tmp/table"
run --demo people --organisation "vbs sint-lodewijk" --format csv
is_rc 0 "--organisation \"vbs sint-lodewijk\" exits 0"
rows=$(grep -c ',VBS Sint-Lodewijk,' "$out")
check "it lists the 4 people of VBS Sint-Lodewijk" test "$rows" = 4
rows=$(grep -c . "$out")
check "and nobody else (4 rows and the header)" test "$rows" = 5
run --demo people --organisation "Sint-Lodewijk"
is_rc 1 "--organisation Sint-Lodewijk (in two school names) exits 1"
has_text "it lists Sint-Lodewijkscollege basisschool" "$err" "  Sint-Lodewijkscollege basisschool"
has_text "it lists VBS Sint-Lodewijk" "$err" "  VBS Sint-Lodewijk"
run --demo people --organisation VBS
is_rc 1 "--organisation VBS (several schools) exits 1"
has_text "it says VBS matches several" "$err" "'VBS' matches several organisations:"
has_text "it lists VBS De Regenboog" "$err" "  VBS De Regenboog"
has_text "it lists VBS Sint-Lodewijk" "$err" "  VBS Sint-Lodewijk"
is_empty "and prints nothing on stdout" "$out"
run --demo people --organisation "Nergens"
is_rc 1 "--organisation with no match exits 1"
has_text "it says no organisation matches" "$err" "no organisation matches 'Nergens'"

# --- JSON and CSV of people, parsed -----------------------------------------

if command -v python3 >/dev/null 2>&1; then
	"$STEMTUI_BIN" --demo people --format csv >"$tmp/people.csv" 2>/dev/null
	"$STEMTUI_BIN" --demo people --format json >"$tmp/people.json" 2>/dev/null
	python3 - "$tmp/people.json" "$tmp/people.csv" >"$tmp/json.log" 2>&1 <<'EOF'
import csv, json, sys

with open(sys.argv[1], encoding="utf-8") as f:
    data = json.load(f)
with open(sys.argv[2], encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f))
header, rows = rows[0], rows[1:]
problems = []
def want(cond, what):
    if not cond:
        problems.append(what)

keys = ["id", "first_name", "last_name", "role", "organisation", "email", "focus"]
want(header == keys, "CSV header %s" % header)
want(isinstance(data, list) and len(data) == 41, "41 objects")
want(len(rows) == 41, "41 CSV rows, got %d" % len(rows))
for obj, row in zip(data, rows):
    want(list(obj.keys()) == keys, "keys in order: %s" % list(obj.keys()))
    want(isinstance(obj["id"], int) and str(obj["id"]) == row[0], "id %r / %r" % (obj["id"], row[0]))
    for i in (1, 2, 3):
        want(obj[keys[i]] == row[i], "%s: %r / %r" % (keys[i], obj[keys[i]], row[i]))
    want(obj["organisation"] == (row[4] or None), "organisation %r / %r" % (obj["organisation"], row[4]))
    want(obj["email"] == (row[5] or None), "email %r / %r" % (obj["email"], row[5]))
    want(isinstance(obj["focus"], list) and ",".join(obj["focus"]) == row[6],
         "focus %r / %r" % (obj["focus"], row[6]))
by = {(o["first_name"], o["last_name"]): o for o in data}
kobe = by.get(("Kobe", "Vandenberghe"), {})
want(kobe.get("focus") == ["programmeren", "techniek"], "Kobe's focus is an array of two tags")
want(by.get(("Zoë", "Van den Broeck"), {}).get("focus") == [], "Zoë has an empty focus array")
want(by.get(("Bram", "Maes"), {"email": 1}).get("email") is None, "Bram Maes has no e-mail: null")
want(by.get(("Jonas", "Wuyts"), {"organisation": 1}).get("organisation") is None,
     "Jonas Wuyts has no organisation: null")
want(by.get(("Mehmet", "Yılmaz"), {}).get("role") == "techniekcoach", "roles are keys")
roles = {o["role"] for o in data}
want(roles == {"leraar", "directie", "pedagogisch-begeleider", "lerarenopleider",
               "techniekcoach", "onderzoeker", "andere"}, "every role in the demo: %s" % roles)
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF
	if [ $? -eq 0 ]; then
		pass "people --format json and csv parse and agree: 41 people, keys in order, focus arrays, null where empty"
	else
		fail "people --format json and csv parse and agree: 41 people, keys in order, focus arrays, null where empty"
		diag <"$tmp/json.log"
	fi
else
	skip "people --format json and csv parse and agree" "no python3"
fi

# --- Pseudonymised exports ------------------------------------------------

run --demo people --format csv
cp "$out" "$tmp/people.csv"
run --demo people --pseudonymise --format csv
is_rc 0 "people --pseudonymise --format csv exits 0"
printf 'code,role,organisation,focus\r\n' >"$exp"
head -n 1 "$out" >"$tmp/head"
same_text "pseudonymised CSV header: code, role, organisation, focus (no names, no e-mail)" "$exp" "$tmp/head"
rows=$(tail -n +2 "$out" | grep -c '^P[0-9][0-9][0-9]*,')
check "every one of the 41 rows starts with a P code" test "$rows" = 41
has_text "Zoë (id 5) is P005" "$out" "P005,leraar,VBS De Regenboog,"
has_text "Kobe keeps his focus" "$out" 'P001,techniekcoach,STEM-academie Gent,"programmeren,techniek"'
leaks=$(awk -F, 'NR > 1 { print $2; print $3; print $6 }' "$tmp/people.csv" | tr -d '\r' | sort -u |
	while IFS= read -r word; do
		[ -n "$word" ] && grep -F -q -e "$word" "$out" && echo "$word"
	done)
check "no first name, last name or e-mail address of the demo is in it" test -z "$leaks"
[ -z "$leaks" ] || echo "$leaks" | diag
run --demo people --pseudonymise
is_rc 0 "people --pseudonymise (table) exits 0"
has_text "the table shows codes" "$out" "P005 "
check "the table shows no name" sh -c "! grep -q -e 'Zoë' -e 'Peeters' -e 'Van den Broeck' '$out'"
check "the table shows no e-mail address" sh -c "! grep -q '@' '$out'"
if command -v python3 >/dev/null 2>&1; then
	"$STEMTUI_BIN" --demo people --pseudonymise --format json >"$tmp/pseudo.json" 2>/dev/null
	python3 - "$tmp/pseudo.json" >"$tmp/json.log" 2>&1 <<'EOF'
import json, re, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
bad = [o for o in data if list(o.keys()) != ["code", "role", "organisation", "focus"]
       or not re.fullmatch(r"P\d{3,}", o["code"])]
print(bad[:3])
sys.exit(1 if bad or len(data) != 41 else 0)
EOF
	if [ $? -eq 0 ]; then
		pass "people --pseudonymise --format json: 41 objects with only code, role, organisation, focus"
	else
		fail "people --pseudonymise --format json: 41 objects with only code, role, organisation, focus"
		diag <"$tmp/json.log"
	fi
else
	skip "people --pseudonymise --format json" "no python3"
fi

# --- Attendance in the demo database ----------------------------------------

cat >"$exp" <<'EOF'
COP 07  Groeisessie 1  Thu 31 May 2018  STEM++ 2017-2018
Name                      Status           Arrived     Role                    Organisation
Aerts, Hilde              Present          08:59       School leader           GO! De Luchtballon
Baert, Nele               Present          09:14       Teacher educator        Arteveldehogeschool
De Clercq, Ruben          Absent                       Teacher                 Stedelijke Basisschool De Knipoog
Dewulf, Saskia            Present          09:12       Pedagogical adviser     Pedagogische begeleidingsdienst Oost-Vlaanderen
D'Hondt, Sofie            Present          08:54       Technology coach        STEM-academie Gent
Dubois, Wout              Present          09:05       Teacher                 GO! De Luchtballon
El Amrani, Yasmina        Present          09:09       Teacher                 Stedelijke Basisschool De Knipoog
Janssens, Elke            Present          09:01       Teacher                 Gemeentelijke Basisschool De Wingerd
Lambrechts, Jolien        Absent                       Teacher                 Gemeentelijke Basisschool De Wingerd
Mertens, Thomas           Present          09:03       Teacher                 GO! Basisschool Het Klavertje
Michiels, Greet           Excused                      School leader           Gemeentelijke Basisschool De Wingerd
Peeters, Françoise        Present          08:57       Teacher                 VBS Sint-Lodewijk
Peeters, Jan              Present          08:58       Teacher                 GO! Basisschool Het Klavertje
Van den Broeck, Zoë       Present          08:56       Teacher                 VBS De Regenboog
Vandenberghe, Kobe        Present          08:45       Technology coach        STEM-academie Gent
Verschueren, Ine          Present          08:51       Technology coach        STEM-academie Gent
Yılmaz, Mehmet            Present          08:52       Technology coach        STEM-academie Gent
14 present of 17 registered (2 absent, 1 excused)
  Teacher: 7 of 9
  School leader: 1 of 2
  Pedagogical adviser: 1 of 1
  Teacher educator: 1 of 1
  Technology coach: 4 of 4
EOF
run --demo attendance 7
is_rc 0 "--demo attendance 7 exits 0"
sed 's/ *$//' "$out" >"$tmp/table"
same_text "attendance 7: COP 07's people, status, arrival, role, organisation, then the counts" "$exp" "$tmp/table"
is_empty "attendance writes nothing to stderr" "$err"
for code in "COP 07" cop07 "cop 7" " COP 07 "; do
	run --demo attendance "$code"
	sed 's/ *$//' "$out" >"$tmp/table"
	same_text "attendance \"$code\" is COP 07 too" "$exp" "$tmp/table"
done

run --demo attendance 99
is_rc 1 "attendance of an unknown session exits 1"
has_text "it says no session matches" "$err" "no session matches \"99\""
is_empty "and prints nothing on stdout" "$out"

if command -v python3 >/dev/null 2>&1; then
	"$STEMTUI_BIN" --demo attendance "COP 08" --format csv >"$tmp/att.csv" 2>/dev/null
	"$STEMTUI_BIN" --demo attendance "COP 08" --format json >"$tmp/att.json" 2>/dev/null
	python3 - "$tmp/att.json" "$tmp/att.csv" >"$tmp/json.log" 2>&1 <<'EOF'
import csv, json, re, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
rows = list(csv.reader(open(sys.argv[2], encoding="utf-8", newline="")))
header, rows = rows[0], rows[1:]
problems = []
def want(cond, what):
    if not cond:
        problems.append(what)
keys = ["programme", "session", "person_id", "first_name", "last_name", "role",
        "organisation", "status", "arrived_at", "registered"]
want(header == keys, "CSV header %s" % header)
want(len(data) == 19 and len(rows) == 19, "19 registered: %d / %d" % (len(data), len(rows)))
for obj, row in zip(data, rows):
    want(list(obj.keys()) == keys, "keys in order")
    want(obj["programme"] == "STEM++ 2017-2018" and obj["session"] == "COP 08", "programme, session")
    want(str(obj["person_id"]) == row[2] and isinstance(obj["person_id"], int), "person_id")
    want(obj["status"] == row[7], "status")
    want(obj["registered"] is True and row[9] == "yes", "registered: true / yes")
    want(obj["status"] in ("expected", "present", "absent", "excused"), "status key %r" % obj["status"])
    if obj["status"] == "present":
        want(re.fullmatch(r"\d\d:\d\d", obj["arrived_at"] or ""), "present has HH:MM")
    else:
        want(obj["arrived_at"] is None and row[8] == "", "no arrival unless present")
st = [o["status"] for o in data]
want(st.count("present") == 3 and st.count("expected") == 15 and st.count("excused") == 1,
     "3 present, 15 expected, 1 excused: %s" % st)
zoe = [o for o in data if o["first_name"] == "Zoë"]
want(zoe and zoe[0]["arrived_at"] == "09:21", "Zoë arrived at 09:21")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF
	if [ $? -eq 0 ]; then
		pass "attendance --format json and csv of COP 08 parse and agree: statuses as keys, HH:MM for present"
	else
		fail "attendance --format json and csv of COP 08 parse and agree: statuses as keys, HH:MM for present"
		diag <"$tmp/json.log"
	fi
else
	skip "attendance --format json and csv parse" "no python3"
fi

run --demo attendance 8 --pseudonymise --format csv
is_rc 0 "attendance --pseudonymise --format csv exits 0"
printf 'programme,session,code,role,organisation,status,arrived_at,registered\r\n' >"$exp"
head -n 1 "$out" >"$tmp/head"
same_text "pseudonymised attendance header: a code instead of id and names" "$exp" "$tmp/head"
has_text "Zoë is P005, present at 09:21, registered" "$out" "STEM++ 2017-2018,COP 08,P005,leraar,VBS De Regenboog,present,09:21,yes"
check "no name is in it" sh -c "! grep -q -e 'Zoë' -e 'Van den Broeck' -e 'Vandenberghe' '$out'"
run --demo attendance 8 --pseudonymise
check "the pseudonymised table shows no name" sh -c "! grep -q -e 'Zoë' -e 'Peeters' '$out'"
has_text "the pseudonymised table keeps the counts" "$out" "3 present of 19 registered (0 absent, 1 excused)"

# --- Pseudonymised output in code order --------------------------------------
# In name order a reader could line the codes up with a list of names;
# every pseudonymised list and export comes in code order instead.

# in_code_order FILE: the P codes of FILE, in the order they appear, rise
# (and there are at least 3).
in_code_order() {
	grep -o '^\(STEM++ 2017-2018,COP 0[78],\)\{0,1\}"\{0,1\}P[0-9][0-9]*' "$1" |
		sed 's/.*P//' >"$tmp/codes"
	[ "$(wc -l <"$tmp/codes")" -ge 3 ] && sort -n -c "$tmp/codes" 2>/dev/null &&
		! sort -c "$tmp/codes" -r 2>/dev/null
}

not_in_code_order() {
	! in_code_order "$1"
}

run --demo people --pseudonymise --format csv
check "people --pseudonymise --format csv comes in code order" in_code_order "$out"
run --demo people --pseudonymise
check "people --pseudonymise (table) comes in code order" in_code_order "$out"
run --demo people --pseudonymise --format json
tr '{' '\n' <"$out" | sed -n 's/^ *"code": *"\(P[0-9]*\)".*/\1/p' >"$tmp/json-codes"
check "people --pseudonymise --format json comes in code order" in_code_order "$tmp/json-codes"
run --demo people --pseudonymise --role leraar --format csv
check "people --pseudonymise --role leraar too" in_code_order "$out"
run --demo attendance 8 --pseudonymise --format csv
check "attendance --pseudonymise --format csv comes in code order" in_code_order "$out"
run --demo attendance 8 --pseudonymise
check "attendance --pseudonymise (table) comes in code order" in_code_order "$out"
has_text "  still with the counts" "$out" "3 present of 19 registered (0 absent, 1 excused)"
run --demo attendance 8 --format csv
sed 's/^\([^,]*,[^,]*,\)\([0-9]*\),/\1P\2,/' "$out" >"$tmp/ids"
check "attendance without --pseudonymise keeps name order (its ids do not rise)" \
	not_in_code_order "$tmp/ids"
run --demo export people --format csv --pseudonymise -o "$tmp/pseudo-people.csv"
check "export people --pseudonymise comes in code order" in_code_order "$tmp/pseudo-people.csv"
run --demo export attendance --session 7 --format csv --pseudonymise -o "$tmp/pseudo-att.csv"
check "export attendance --pseudonymise comes in code order" in_code_order "$tmp/pseudo-att.csv"
run --demo export people --format json --pseudonymise -o "$tmp/pseudo-people.json"
tr '{' '\n' <"$tmp/pseudo-people.json" | sed -n 's/^ *"code": *"\(P[0-9]*\)".*/\1/p' \
	>"$tmp/json-codes"
check "export people --format json --pseudonymise comes in code order" in_code_order "$tmp/json-codes"

# --- Check-in ---------------------------------------------------------------

run --demo checkin cop08 "Françoise"
is_rc 0 "checkin cop08 Françoise exits 0"
if grep -q '^COP 08: Françoise Peeters present at [0-2][0-9]:[0-5][0-9]$' "$out"; then
	pass "it says \"COP 08: Françoise Peeters present at HH:MM\""
else
	fail "it says \"COP 08: Françoise Peeters present at HH:MM\""
	diag <"$out"
fi
cp "$out" "$tmp/first-checkin"
run --demo attendance 8 --format csv
has_text "attendance 8 shows her present" "$out" ",6,Françoise,Peeters,leraar,VBS Sint-Lodewijk,present,"
run --demo checkin "COP 08" "francoise peeters"
is_rc 0 "checking her in again, unaccented, exits 0"
same_text "and keeps the first arrival time" "$tmp/first-checkin" "$out"
run --demo checkin 8 "zoe vandenbroeck"
is_rc 0 "checkin 8 \"zoe vandenbroeck\" exits 0"
echo "COP 08: Zoë Van den Broeck present at 09:21" >"$exp"
same_text "it finds Zoë Van den Broeck (already present at 09:21)" "$exp" "$out"
run --demo checkin 8 7 --status excused
is_rc 0 "checkin by id with --status excused exits 0"
echo "COP 08: Jan Peeters excused" >"$exp"
same_text "it says \"COP 08: Jan Peeters excused\"" "$exp" "$out"
run --demo checkin 8 "Lies Wouters" --status absent
echo "COP 08: Lies Wouters absent" >"$exp"
same_text "--status absent: \"COP 08: Lies Wouters absent\"" "$exp" "$out"
run --demo attendance 8 --format csv
has_text "Jan Peeters is excused, without a time" "$out" ",7,Jan,Peeters,leraar,GO! Basisschool Het Klavertje,excused,"
has_text "Lies Wouters is absent" "$out" ",Lies,Wouters,leraar,Sint-Lodewijkscollege basisschool,absent,"
run --demo attendance 1
grep '^[0-9]* present of' "$out" >"$tmp/before-walk-in"
run --demo checkin 1 "Ilse Vandamme"
is_rc 0 "checking in someone who was not registered exits 0"
run --demo attendance 1 --format csv
has_text "she is now on the list of COP 01, present, not registered: a walk-in" "$out" \
	",Ilse,Vandamme,andere,STEM-academie Gent,present,"
check "  (the CSV says registered: no)" \
	grep -q ',Ilse,Vandamme,andere,STEM-academie Gent,present,[0-2][0-9]:[0-5][0-9],no' "$out"
run --demo attendance 1 --format json
has_text "  (the JSON says registered: false)" "$out" '", "registered": false}'
run --demo attendance 1
has_text "the table says Walk-in" "$out" "Vandamme, Ilse            Walk-in"
sed 's/, and 1 walk-in$//' "$tmp/before-walk-in" >"$exp"
grep '^[0-9]* present of' "$out" | sed 's/, and 1 walk-in$//' >"$tmp/after-walk-in"
same_text "the registered count is what it was" "$exp" "$tmp/after-walk-in"
has_text "and she is counted apart, as a walk-in" "$out" "excused), and 1 walk-in"
has_text "also in her role's line" "$out" "  Other: 0 of 0, and 1 walk-in"
run --demo attendance 8 --format csv
cp "$out" "$tmp/before-checkin"
run --demo checkin 8 peeters
is_rc 1 "checkin with an ambiguous name exits 1"
has_text "it names Françoise Peeters" "$err" "Françoise Peeters"
has_text "it names Jan Peeters" "$err" "Jan Peeters"
has_text "and says what to do" "$err" "Give more of the name, or the person's id (in brackets)."
is_empty "and prints nothing on stdout" "$out"
run --demo checkin 8 "Niemand Hier"
is_rc 1 "checkin of an unknown person exits 1"
has_text "it says nobody matches" "$err" "nobody matches \"Niemand Hier\""
has_text "and how to find them" "$err" "'stemtui people --name TEXT' lists the people whose name holds TEXT."
run --demo people --merge "Niemand Hier" 1
is_rc 1 "people --merge of an unknown person exits 1"
has_text "  says how to find them" "$err" "'stemtui people --name TEXT' lists"
run --demo checkin 99 zoe
is_rc 1 "checkin at an unknown session exits 1"
has_text "it says no session matches" "$err" "no session matches \"99\""
has_text "and where the sessions are listed" "$err" "'stemtui sessions' lists the sessions"
run --demo attendance 8 --format csv
same_text "failed check-ins change nothing" "$tmp/before-checkin" "$out"

# --- Importing a sign-up list -----------------------------------------------

pdb=$tmp/people.sqlite
cat >"$tmp/signup.csv" <<'EOF'
last_name,first_name,email,role,focus,organisation
Van den Broeck,Zoë,zoe@regenboog.example,Leraar,,VBS De Regenboog
D'Hondt,Sofie,,techniekcoach,"wetenschap, programmeren",STEM-academie Gent
Çelik,Ayşe,ayse@klavertje.example,Teacher,wiskunde; techniek,GO! Basisschool Het Klavertje
EOF
run --db "$pdb" import people "$tmp/signup.csv"
is_rc 0 "import people of a sign-up list (English columns, any order) exits 0"
echo "$tmp/signup.csv: 3 people: 3 new, 0 already known" >"$exp"
same_text "it reports 3 people, 3 new" "$exp" "$out"
is_empty "and no errors" "$err"
cat >"$exp.lf" <<'EOF'
id,first_name,last_name,role,organisation,email,focus
3,Ayşe,Çelik,leraar,GO! Basisschool Het Klavertje,ayse@klavertje.example,"techniek,wiskunde"
2,Sofie,D'Hondt,techniekcoach,STEM-academie Gent,,"programmeren,wetenschap"
1,Zoë,Van den Broeck,leraar,VBS De Regenboog,zoe@regenboog.example,
EOF
crlf "$exp.lf" >"$exp"
run --db "$pdb" people --format csv
same_text "people shows them, sorted, roles as keys, focus tags (by , or ;) sorted" "$exp" "$out"
run --db "$pdb" people --name zoe --format csv
has_text "--name zoe finds the imported Zoë" "$out" "1,Zoë,Van den Broeck,"

run --db "$pdb" import people "$tmp/signup.csv"
is_rc 0 "importing the same list again exits 0"
echo "$tmp/signup.csv: 3 people: 0 new, 3 already known" >"$exp"
same_text "it reports 0 new, 3 already known" "$exp" "$out"
run --db "$pdb" people --format csv
rows=$(grep -c . "$out")
check "and nobody is duplicated (3 people and the header)" test "$rows" = 4

cat >"$tmp/aanmeldingen.csv" <<'EOF'
voornaam,achternaam,rol,organisatie,e-mail,focus
Françoise,Peeters,leraar,VBS Sint-Lodewijk,,
Mehmet,Yılmaz,Techniekcoach,STEM-academie Gent,mehmet@stem.example,programmeren
Zoë,Van den Broeck,leraar,VBS De Regenboog,,
EOF
run --db "$pdb" import people "$tmp/aanmeldingen.csv" --expected "COP 07"
is_rc 0 "import people with Dutch columns and --expected \"COP 07\" exits 0"
printf '%s\n' "$tmp/aanmeldingen.csv: 3 people: 2 new, 1 already known" \
	"COP 07: 3 people added as expected" >"$exp"
same_text "it reports 2 new, 1 known, 3 expected at COP 07" "$exp" "$out"
cat >"$exp.lf" <<'EOF'
programme,session,person_id,first_name,last_name,role,organisation,status,arrived_at,registered
STEM++ 2017-2018,COP 07,4,Françoise,Peeters,leraar,VBS Sint-Lodewijk,expected,,yes
STEM++ 2017-2018,COP 07,1,Zoë,Van den Broeck,leraar,VBS De Regenboog,expected,,yes
STEM++ 2017-2018,COP 07,5,Mehmet,Yılmaz,techniekcoach,STEM-academie Gent,expected,,yes
EOF
crlf "$exp.lf" >"$exp"
run --db "$pdb" attendance 7 --format csv
is_rc 0 "attendance 7 --format csv exits 0"
same_text "attendance 7 lists the three as expected" "$exp" "$out"
run --db "$pdb" attendance 7
has_text "the table counts them: 0 present of 3 registered" "$out" "0 present of 3 registered (0 absent, 0 excused)"

run --db "$pdb" checkin 7 zoe
is_rc 0 "checkin 7 zoe exits 0"
run --db "$pdb" import people "$tmp/aanmeldingen.csv" --expected 7
is_rc 0 "importing the list for COP 07 again exits 0"
has_text "it adds nobody as expected" "$out" "COP 07: 0 people added as expected"
run --db "$pdb" attendance 7 --format csv
has_text "and Zoë stays present (an import never undoes a check-in)" "$out" ",1,Zoë,Van den Broeck,leraar,VBS De Regenboog,present,"

# Bad lists: nothing of them is written.
run --db "$pdb" people --format csv
cp "$out" "$tmp/people-before"
run --db "$pdb" attendance 7 --format csv
cp "$out" "$tmp/att-before"
printf 'first_name,last_name,shoe_size\nJoris,Claes,44\n' >"$tmp/shoes.csv"
run --db "$pdb" import people "$tmp/shoes.csv"
is_rc 1 "a list with an unknown column exits 1"
has_text "stderr names FILE:1: (the header line)" "$err" "$tmp/shoes.csv:1:"
has_text "stderr names the column" "$err" "shoe_size"
has_text "stderr says nothing was imported" "$err" "Nothing was imported."
is_empty "and stdout reports no import" "$out"
printf 'voornaam,achternaam,rol\nJoris,Claes,leraar\nLien,Martens,kok\n' >"$tmp/kok.csv"
run --db "$pdb" import people "$tmp/kok.csv" --expected 7
is_rc 1 "a list with an unknown role on line 3 exits 1"
has_text "stderr names FILE:3:" "$err" "$tmp/kok.csv:3:"
has_text "stderr names the role" "$err" "kok"
has_text "and says nothing was imported" "$err" "Nothing was imported."
printf 'voornaam,achternaam\nJoris,Claes\n' >"$tmp/good.csv"
run --db "$pdb" import people "$tmp/good.csv" --expected "COP 99"
is_rc 1 "--expected with an unknown session exits 1"
has_text "it says no session matches" "$err" "no session matches \"COP 99\""
has_text "and that nothing was imported" "$err" "Nothing was imported."
run --db "$pdb" import people "$tmp/no-such.csv"
is_rc 1 "importing a missing file exits 1"
run --db "$pdb" people --format csv
same_text "after the bad lists, the people are as before (no Joris Claes)" "$tmp/people-before" "$out"
run --db "$pdb" attendance 7 --format csv
same_text "and so is COP 07's attendance" "$tmp/att-before" "$out"

# More people than one page (lists are read 64 at a time).
awk 'BEGIN { print "first_name,last_name"
	for (i = 1; i <= 150; i++) printf "Naam%03d,Achternaam%03d\n", 151 - i, i % 7 }' >"$tmp/big.csv"
run --db "$tmp/big.sqlite" import people "$tmp/big.csv" --expected 9
is_rc 0 "importing 150 people for COP 09 exits 0"
run --db "$tmp/big.sqlite" people --format csv
tail -n +2 "$out" | tr -d '\r' | awk -F, '{ print $3 " " $2 }' >"$tmp/big-names"
LC_ALL=C sort "$tmp/big-names" >"$exp"
same_text "people lists all 150 over several pages, in order, none twice" "$exp" "$tmp/big-names"
rows=$(sort -u "$tmp/big-names" | grep -c .)
check "150 different people" test "$rows" = 150
run --db "$tmp/big.sqlite" attendance 9 --format csv
rows=$(tail -n +2 "$out" | tr -d '\r' | sort -u | grep -c ',expected,,yes$')
check "attendance 9 lists all 150 as expected, none twice" test "$rows" = 150
run --db "$tmp/big.sqlite" attendance 9
has_text "and counts them" "$out" "0 present of 150 registered"
run --db "$tmp/big.sqlite" people
has_text "people counts 150 people" "$out" "150 people"

# --- Co-creation notes ------------------------------------------------------

# run_in FILE ARG...: run stemtui with FILE on standard input.
run_in() {
	in=$1
	shift
	"$STEMTUI_BIN" "$@" <"$in" >"$out" 2>"$err"
	rc=$?
}

run --demo notes
is_rc 0 "--demo notes exits 0"
is_empty "--demo notes writes nothing to stderr" "$err"
has_text "the demo has 43 notes" "$out" "43 notes"
rows=$(grep -c '^20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]  COP ' "$out")
check "the table has 43 rows: time, then session" test "$rows" = 43
head -n 1 "$out" | sed 's/ *$//' >"$tmp/head"
echo "Time              Session  Kind         Group         Text" >"$exp"
same_text "the table's header: time, session, kind, group, text" "$exp" "$tmp/head"
cat >"$exp" <<'EOF'
2018-05-31 09:22  COP 07   Observation  tafel 1       Drie van de vier scholen aan deze tafel hebben nog geen gedeelde visie op STEM. Het hangt nu af van één enthousiaste leerkracht.
2018-05-31 09:26  COP 07   Quote        tafel 1       Als ik morgen vertrek, valt STEM bij ons stil.
EOF
sed -n '2,3p' "$out" >"$tmp/rows"
same_text "the first two notes, in time order, the text whole (not a terminal)" "$exp" "$tmp/rows"
has_text "a line break shows as ⏎ on the note's one line" "$out" \
	"afwisselend per graad. ⏎ De zorgleerkracht sluit aan"
awk 'NR > 1 && / COP / { print $3, $4 }' "$out" | uniq | tr '\n' '/' >"$tmp/order"
printf '%s' "COP 07/COP 09/COP 08/COP 10/COP 11/COP 12/" >"$exp"
same_text "notes come in time order (COP 09 was held before COP 08)" "$exp" "$tmp/order"
rows=$(grep -c '  GO! De Luch…  ' "$out")
check "a long group label is cut with … in its column" test "$rows" = 1

for code in 7 cop07 "COP 07"; do
	run --demo notes --session "$code"
	is_rc 0 "notes --session \"$code\" exits 0"
	has_text "notes --session \"$code\": COP 07's 12 notes" "$out" "12 notes"
done
rows=$(grep -c ' COP 07 ' "$out")
check "and only COP 07's" test "$rows" = 12
run --demo notes --session 99
is_rc 1 "notes --session 99 (no such session) exits 1"
has_text "it says no session matches" "$err" "no session matches \"99\""
is_empty "and prints nothing on stdout" "$out"
run --demo notes --programme nope
is_rc 1 "notes --programme nope exits 1"
has_text "it says there is no such programme" "$err" "no programme called 'nope'"
run --demo notes --programme 2017-2018
has_text "notes --programme 2017-2018: all 43" "$out" "43 notes"

run --demo notes --kind quote
is_rc 0 "notes --kind quote exits 0"
has_text "the demo has 9 quotes" "$out" "9 notes"
rows=$(grep -c ' Quote  ' "$out")
check "every row is a quote" test "$rows" = 9
cp "$out" "$tmp/quotes"
run --demo notes --kind Citaat
same_text "--kind Citaat (Dutch) is the same list" "$tmp/quotes" "$out"
run --demo notes --group "TAFEL 1"
has_text "--group \"TAFEL 1\": the 7 notes of tafel 1, ignoring case" "$out" "7 notes"
run --demo notes --session 10 --group "vbs de regenboog"
has_text "--session 10 --group: 2 notes" "$out" "2 notes"

run --demo notes --search creativiteit
is_rc 0 "notes --search creativiteit exits 0"
has_text "it finds creativiteit" "$out" "zoveel creativiteit als"
has_text "one note" "$out" "1 note"
run --demo notes --search "CRÉATIVITEIT"
has_text "--search CRÉATIVITEIT finds it too" "$out" "zoveel creativiteit als"
run --demo notes --search "creat*"
has_text "--search creat* (a prefix) finds it" "$out" "zoveel creativiteit als"
run --demo notes --search ideeen
has_text "--search ideeen finds the two notes with ideeën" "$out" "2 notes"
run --demo notes --search zoe
has_text "--search zoe finds the two notes with Zoë" "$out" "2 notes"
run --demo notes --search '"tijd in het lesrooster"'
is_rc 0 "notes --search with a phrase exits 0"
has_text "the phrase is in 2 notes" "$out" "2 notes"
run --demo notes --search "tijd in het lesrooster"
has_text "the same words, not as a phrase, are in 3" "$out" "3 notes"
run --demo notes --search "lesrooster tijd" --kind quote
has_text "search and kind combine: 1 note" "$out" "1 note"
run --demo notes --search 'AND OR NOT ( ) : ^ - * "'
is_rc 0 "a search with FTS5 syntax characters exits 0"
is_empty "  and no error" "$err"
has_text "  and finds nothing" "$out" "0 notes"
run --demo notes --search "NEAR(tijd lesrooster)"
is_rc 0 "NEAR(...) is searched as words, not an error"

# --order: a note typed up later for an earlier session (COP 07, 31 May
# 2018, written after one of COP 10, November 2018).
run --db "$tmp/order.sqlite" add-note 'COP 10' "Focusgroep: de leerlijn ontbreekt"
run --db "$tmp/order.sqlite" add-note 7 "Groeisessie: samen met ouders"
run --db "$tmp/order.sqlite" notes
awk 'NR > 1 && / COP / { print $3, $4 }' "$out" | tr '\n' '/' >"$tmp/order"
printf '%s' "COP 10/COP 07/" >"$exp"
same_text "notes: in entry order by default (COP 10's note was written first)" "$exp" "$tmp/order"
cp "$out" "$tmp/entered"
run --db "$tmp/order.sqlite" notes --order entered
same_text "notes --order entered: the same" "$tmp/entered" "$out"
run --db "$tmp/order.sqlite" notes --order session
is_rc 0 "notes --order session exits 0"
awk 'NR > 1 && / COP / { print $3, $4 }' "$out" | tr '\n' '/' >"$tmp/order"
printf '%s' "COP 07/COP 10/" >"$exp"
same_text "notes --order session: 31 May 2018 before November 2018" "$exp" "$tmp/order"
run --db "$tmp/order.sqlite" notes --order session --format md
grep '^## ' "$out" | cut -c1-9 | tr '\n' '/' >"$tmp/order"
printf '%s' "## COP 07/## COP 10/" >"$exp"
same_text "notes --order session --format md: one heading per session, in date order" "$exp" "$tmp/order"
run --db "$tmp/order.sqlite" export notes --order session --format csv
cut -d, -f3 "$out" | tr '\n' '/' >"$tmp/order"
printf '%s' "session/COP 07/COP 10/" >"$exp"
same_text "export notes --order session: the same order" "$exp" "$tmp/order"
run --db "$tmp/order.sqlite" notes --order date
is_rc 2 "notes --order date exits 2"
has_text "  it names the orders" "$err" "--order wants session or entered, not 'date'"
run --db "$tmp/order.sqlite" export people --order session
is_rc 2 "export people --order exits 2"
has_text "  --order is for 'export notes'" "$err" "--order are for 'export notes'"
run --db "$tmp/order.sqlite" sessions --order session
is_rc 2 "sessions --order exits 2"

if command -v python3 >/dev/null 2>&1; then
	"$STEMTUI_BIN" --demo notes --format csv >"$tmp/notes.csv" 2>/dev/null
	"$STEMTUI_BIN" --demo notes --format json >"$tmp/notes.json" 2>/dev/null
	python3 - "$tmp/notes.json" "$tmp/notes.csv" >"$tmp/json.log" 2>&1 <<'EOF'
import csv, json, re, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
rows = list(csv.reader(open(sys.argv[2], encoding="utf-8", newline="")))
header, rows = rows[0], rows[1:]
problems = []
def want(cond, what):
    if not cond:
        problems.append(what)
keys = ["id", "programme", "session", "session_kind", "date", "created_at", "updated_at",
        "kind", "group", "about", "author", "text", "tags"]
want(header == keys, "CSV header %s" % header)
want(len(data) == 43 and len(rows) == 43, "43 notes: %d / %d" % (len(data), len(rows)))
for obj, row in zip(data, rows):
    want(list(obj.keys()) == keys, "keys in order: %s" % list(obj.keys()))
    want(isinstance(obj["id"], int) and str(obj["id"]) == row[0], "id")
    for i, k in enumerate(keys[1:], 1):
        want((obj[k] if obj[k] is not None else "") == row[i], "%s: %r vs %r" % (k, obj[k], row[i]))
    want(obj["kind"] in ("observation", "quote", "idea", "question", "action"), "kind key %r" % obj["kind"])
    want(obj["session_kind"] in ("groeisessie", "focusgroep"), "session kind %r" % obj["session_kind"])
    want(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", obj["created_at"]), "created_at")
    want(obj["author"] in ("Leen Deprez", "Arne Smets"), "author %r" % obj["author"])
times = [o["created_at"] for o in data]
want(times == sorted(times), "in time order")
multi = [o for o in data if "\n" in o["text"]]
want(len(multi) == 4, "4 notes keep their line breaks: %d" % len(multi))
want(any(o["text"].startswith("Eén vaste STEM-namiddag per twee weken, afwisselend per graad.\nDe zorg")
         for o in data), "a line break inside a note")
want(any("precies is.\n\nDe techniekcoaches" in o["text"] for o in data), "a paragraph break")
zoe = [o for o in data if "creativiteit" in o["text"]]
want(len(zoe) == 1 and zoe[0]["about"] == "Zoë Van den Broeck" and zoe[0]["group"] == "tafel 2"
     and zoe[0]["session"] == "COP 07" and zoe[0]["date"] == "2018-05-31", "the creativiteit quote")
want(any(o["group"] is None for o in data), "an empty group is null in JSON")
focus = [o for o in data if o["session_kind"] == "focusgroep"]
want(len(focus) == 15 and all(o["date"] == "2018-11" for o in focus), "15 focus group notes, dated 2018-11")
want(sum(1 for o in data if o["tags"] == "") == 5, "5 demo notes are untagged")
want(data[0]["tags"] == "VB1- LD2-", "the first note's tags: %r" % data[0]["tags"])
for p in problems[:20]:
    print(p)
sys.exit(1 if problems else 0)
EOF
	if [ $? -eq 0 ]; then
		pass "notes --format json and csv parse and agree: 43 notes, fields in order, line breaks kept"
	else
		fail "notes --format json and csv parse and agree: 43 notes, fields in order, line breaks kept"
		diag <"$tmp/json.log"
	fi
else
	skip "notes --format json and csv parse" "no python3"
fi

run --demo notes --session 10 --format md
is_rc 0 "notes --format md exits 0"
cat >"$exp" <<'EOF'
# STEM++ 2017-2018

## COP 10 · Focusgroep · November 2018

- **Observation** · VBS De Regenboog · 2018-11-08 09:20 · by Leen Deprez

  Het team schreef samen een visietekst over STEM; die hangt nu in de leraarskamer en staat in het schoolwerkplan.

- **Quote** · VBS De Regenboog · 2018-11-08 09:34 · about Zoë Van den Broeck · by Leen Deprez

  STEM is geen vak, het is een manier van kijken. (Zoë)

EOF
head -n 12 "$out" >"$tmp/md"
same_text "notes --format md: programme, session heading, each note a list item" "$exp" "$tmp/md"
run --demo notes --session 7 --format md
has_text "md: the session heading has its title and date" "$out" "## COP 07 · Groeisessie 1 · Thursday 31 May 2018"
has_text "md: the time alone on the session's day" "$out" "- **Quote** · tafel 1 · 09:26 · by Leen Deprez"
has_text "md: lines of one paragraph end in a hard break" "$out" "  Eén vaste STEM-namiddag per twee weken, afwisselend per graad.  "
has_text "md: the next line is indented under the item" "$out" "  De zorgleerkracht sluit aan, zodat er met twee begeleid kan worden."

# add-note, on a database of its own, with a facilitator in the config.
ndb=$tmp/notes.sqlite
printf '[general]\nfacilitator = Françoise Peeters\n' >"$tmp/facilitator.ini"
run --db "$ndb" --config "$tmp/facilitator.ini" add-note "COP 07" --kind idee --group "tafel 2" \
	Een STEM-kast per graad
is_rc 0 "add-note with the text as arguments exits 0"
is_empty "and writes nothing to stderr" "$err"
if grep -q -x '[0-9][0-9]*' "$out" && [ "$(grep -c . "$out")" = 1 ]; then
	pass "it prints the new note's id alone"
else
	fail "it prints the new note's id alone"
	diag <"$out"
fi
id1=$(cat "$out")
run --db "$ndb" notes --format csv
has_text "the note is listed: id, programme, session, its date" "$out" \
	"$id1,STEM++ 2017-2018,COP 07,groeisessie,2018-05-31,"
has_text "  kind as a key, group, author from the config, the words joined" "$out" \
	",idea,tafel 2,,Françoise Peeters,Een STEM-kast per graad"

printf 'Eerste regel\r\nTweede regel met Zoë\n\n  Nieuwe alinea  \n\n' >"$tmp/note.txt"
run_in "$tmp/note.txt" --db "$ndb" add-note 8 --kind Question
is_rc 0 "add-note with the text on standard input exits 0"
id2=$(cat "$out")
check "it prints another id" test -n "$id2" -a "$id2" != "$id1"
if command -v python3 >/dev/null 2>&1; then
	"$STEMTUI_BIN" --db "$ndb" notes --session 8 --format json >"$tmp/n.json" 2>/dev/null
	python3 - "$tmp/n.json" "$id2" >"$tmp/json.log" 2>&1 <<'EOF'
import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
ok = (len(data) == 1 and data[0]["id"] == int(sys.argv[2]) and data[0]["session"] == "COP 08"
      and data[0]["kind"] == "question" and data[0]["author"] is None and data[0]["group"] is None
      and data[0]["text"] == "Eerste regel\nTweede regel met Zoë\n\n  Nieuwe alinea")
if not ok:
    print(data)
sys.exit(0 if ok else 1)
EOF
	if [ $? -eq 0 ]; then
		pass "the note from standard input is listed whole: lines and paragraphs kept, CRLF as LF, trimmed"
	else
		fail "the note from standard input is listed whole: lines and paragraphs kept, CRLF as LF, trimmed"
		diag <"$tmp/json.log"
	fi
else
	skip "the note from standard input is listed whole" "no python3"
fi
run --db "$ndb" notes
has_text "the table lists both" "$out" "2 notes"
has_text "the stdin note on one line" "$out" "Eerste regel ⏎ Tweede regel met Zoë ⏎  ⏎   Nieuwe alinea"
run --db "$ndb" add-note 7 --group " TAFEL 2 " "Nog een idee van tafel 2"
is_rc 0 "add-note --group with another spelling of a label exits 0"
run --db "$ndb" notes --format csv
has_text "  the label already there is reused, ignoring case and blanks" "$out" \
	",observation,tafel 2,,,Nog een idee van tafel 2"

# Markdown keeps what was typed as text.
run --db "$ndb" add-note 7 --group 'tafel |3|' '<script>alert("x")</script> | a *b* _c_ `d` [e](f) & <!-- g'
is_rc 0 "add-note of a text full of Markdown and HTML exits 0"
printf '# geen kop\n1. geen lijst\n- ook niet\n> geen citaat\n+ en = niet\n' >"$tmp/md.txt"
run_in "$tmp/md.txt" --db "$ndb" add-note 7
is_rc 0 "add-note of lines that would be Markdown blocks exits 0"
run --db "$ndb" notes --session 7 --format md
is_rc 0 "notes --format md exits 0"
has_text "md: HTML and inline Markdown are escaped" "$out" \
	'  &lt;script&gt;alert("x")&lt;/script&gt; \| a \*b\* \_c\_ \`d\` \[e\](f) &amp; &lt;!-- g'
has_text "md: the group label is escaped too" "$out" '· tafel \|3\| ·'
has_text "md: # at a line start is not a heading" "$out" '  \# geen kop  '
has_text "md: 1. is not a list" "$out" '  1\. geen lijst  '
has_text "md: - is not a list" "$out" '  \- ook niet  '
has_text "md: > is not a quote" "$out" '  &gt; geen citaat  '
has_text "md: + is escaped at a line start" "$out" '  \+ en = niet'
check "md: no raw <script> tag" sh -c "! grep -q -F '<script>' '$out'"
check "md: no raw HTML comment" sh -c "! grep -q -F '<!--' '$out'"

run --db "$ndb" notes --format csv
cp "$out" "$tmp/notes-before"
run --db "$ndb" add-note 7 "   "
is_rc 1 "add-note with an empty text exits 1"
has_text "it says a note needs text" "$err" "a note needs some text"
is_empty "and prints no id" "$out"
printf '\n  \n\t\n' >"$tmp/blank.txt"
run_in "$tmp/blank.txt" --db "$ndb" add-note 7
is_rc 1 "add-note with blank standard input exits 1"
: >"$tmp/empty.txt"
run_in "$tmp/empty.txt" --db "$ndb" add-note 7
is_rc 1 "add-note with empty standard input exits 1"
printf 'caf\351 in Latin-1\n' >"$tmp/latin1.txt"
run_in "$tmp/latin1.txt" --db "$ndb" add-note 7
is_rc 1 "add-note with standard input that is not UTF-8 exits 1"
has_text "it says so, with where" "$err" "not valid UTF-8 (byte 4)"
is_empty "and prints no id" "$out"
run --db "$ndb" add-note 99 "een notitie"
is_rc 1 "add-note at an unknown session exits 1"
has_text "it says no session matches" "$err" "no session matches \"99\""
run --db "$ndb" add-note 7 --kind gedachte "een notitie"
is_rc 2 "add-note with an unknown kind exits 2"
has_text "it names the kind" "$err" "unknown note kind 'gedachte'"
has_text "and lists the kinds" "$err" "  observation "
run --db "$ndb" notes --format csv
same_text "failed add-notes added nothing" "$tmp/notes-before" "$out"
run --db "$tmp/never.sqlite" add-note 7 "  "
check "an empty note creates no database" test ! -e "$tmp/never.sqlite"

# On a terminal, one note is one line of the terminal's width.
if command -v python3 >/dev/null 2>&1; then
	COLUMNS=70 python3 - "$STEMTUI_BIN" >"$tmp/tty.log" 2>&1 <<'EOF'
import os, subprocess, sys
master, slave = os.openpty()
p = subprocess.Popen([sys.argv[1], "--demo", "notes", "--session", "7"], stdout=slave,
                     stderr=subprocess.STDOUT)
os.close(slave)
data = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:
        break
    if not chunk:
        break
    data += chunk
p.wait()
lines = data.decode("utf-8").replace("\r\n", "\n").rstrip("\n").split("\n")
widths = [len(l) for l in lines]
print(widths)
cut = [l for l in lines if l.endswith("…")]
ok = p.returncode == 0 and len(lines) == 14 and max(widths) <= 70 and len(cut) >= 10
sys.exit(0 if ok else 1)
EOF
	if [ $? -eq 0 ]; then
		pass "on a terminal (COLUMNS=70) each note is cut to the width, with …"
	else
		fail "on a terminal (COLUMNS=70) each note is cut to the width, with …"
		diag <"$tmp/tty.log"
	fi
else
	skip "on a terminal each note is cut to the width" "no python3"
fi

# --- Roles from the configuration ---------------------------------------------

printf '[roles]\nstagiair = Stagiair\n' >"$tmp/roles.ini"
printf 'voornaam,achternaam,rol\nLien,Martens,Stagiair\n' >"$tmp/stagiair.csv"
run --db "$pdb" import people "$tmp/stagiair.csv"
is_rc 1 "without the config, the role Stagiair is unknown (exit 1)"
run --db "$pdb" --config "$tmp/roles.ini" import people "$tmp/stagiair.csv"
is_rc 0 "with [roles] stagiair = Stagiair in the config, the list imports"
is_empty "and the config gives no warning" "$err"
run --db "$pdb" --config "$tmp/roles.ini" people --role stagiair
is_rc 0 "people --role stagiair (a role from the config) exits 0"
has_text "it lists Lien Martens with the label Stagiair" "$out" "Martens, Lien"
has_text "with the config's label" "$out" " Stagiair "
run --db "$pdb" people --role stagiair
is_rc 2 "without the config, --role stagiair is a usage error"
run --db "$pdb" checkin 7 "Lien Martens"
is_rc 0 "checkin 7 \"Lien Martens\" (the stagiair) exits 0"
run --db "$pdb" --config "$tmp/roles.ini" attendance 7
tail -n 4 "$out" >"$tmp/tail"
cat >"$exp" <<'EOF'
1 present of 3 registered (0 absent, 0 excused), and 1 walk-in
  Teacher: 1 of 2
  Technology coach: 0 of 1
  Stagiair: 0 of 0, and 1 walk-in
EOF
same_text "attendance counts per role in the order of the roles, the config's last; the stagiair, checked in without registering, as a walk-in" "$exp" "$tmp/tail"
run --db "$pdb" attendance 7
tail -n 1 "$out" >"$tmp/tail"
echo "  stagiair: 0 of 0, and 1 walk-in" >"$exp"
same_text "without the config, a role no longer listed is counted last, by its key" "$exp" "$tmp/tail"

# --- Factors and tags ---------------------------------------------------------

run --demo factors
is_rc 0 "--demo factors exits 0"
is_empty "--demo factors writes nothing to stderr" "$err"
has_text "the table lists the starter codebook: 39 factors" "$out" "39 factors"
has_text "a category in the table" "$out" "LD    Leiderschap"
has_text "a factor indented under it" "$out" "  LD2   STEM-trekker of kerngroep"
if command -v python3 >/dev/null 2>&1; then
	"$STEMTUI_BIN" --demo factors --format json >"$tmp/f.json" 2>/dev/null
	"$STEMTUI_BIN" --demo factors --format csv >"$tmp/f.csv" 2>/dev/null
	"$STEMTUI_BIN" --demo factors --format json --session-kind focusgroep >"$tmp/ff.json" 2>/dev/null
	python3 - "$tmp/f.json" "$tmp/f.csv" "$tmp/ff.json" >"$tmp/json.log" 2>&1 <<'EOF'
import csv, json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
rows = list(csv.reader(open(sys.argv[2], encoding="utf-8", newline="")))
focus = {o["code"]: o for o in json.load(open(sys.argv[3], encoding="utf-8"))}
problems = []
def want(cond, what):
    if not cond:
        problems.append(what)
keys = ["code", "name", "parent", "level", "notes", "sessions", "schools", "enablers",
        "barriers", "neutral", "inspiratie", "groei", "focus", "uitwissel"]
want(rows[0] == keys, "CSV header %s" % rows[0])
want(len(data) == 39 and len(rows) == 40, "39 factors")
for o in data:
    want(list(o.keys()) == keys, "keys in order: %s" % list(o.keys()))
by = {o["code"]: o for o in data}
want(by["VB"]["parent"] is None and by["VB1"]["parent"] == "VB", "parent: code or null")
want(by["VB1"]["level"] == 1 and by["VB"]["level"] == 0, "level")
# LD2 is on 7 demo notes (4 +, 3 -) at COP 07, 09, 08, 10: 4 sessions.
o = by["LD2"]
want((o["notes"], o["sessions"], o["enablers"], o["barriers"]) == (7, 4, 4, 3), "LD2 %r" % o)
want((o["groei"], o["focus"]) == (5, 2), "LD2 by kind %r" % o)
# LD = LD1 or LD2: 8 notes (COP 09's directie quote has LD1+ only).
want(by["LD"]["notes"] == 8, "LD rolls up its children: %r" % by["LD"])
want(all(x["notes"] >= max(c["notes"] for c in data if c["parent"] == x["code"])
         for x in data if x["level"] == 0), "a category counts at least its busiest child")
want(focus["LD2"]["notes"] == 2 and focus["LD2"]["groei"] == 0, "--session-kind focusgroep: LD2 %r" % focus["LD2"])
want(sum(o["notes"] for o in focus.values()) < sum(o["notes"] for o in data), "focus groups count fewer")
for r in rows[1:]:
    want(r[4] == str(by[r[0]]["notes"]), "CSV agrees with JSON on %s" % r[0])
for p in problems[:20]:
    print(p)
sys.exit(1 if problems else 0)
EOF
	if [ $? -eq 0 ]; then
		pass "factors --format json/csv: keys in order, hand-checked figures, --session-kind"
	else
		fail "factors --format json/csv: keys in order, hand-checked figures, --session-kind"
		diag <"$tmp/json.log"
	fi
else
	skip "factors --format json" "no python3"
fi
run --demo factors --session-kind nope
is_rc 2 "factors --session-kind nope exits 2"
has_text "  and lists the kinds with their short names" "$err" "focusgroep       focus"
"$STEMTUI_BIN" --demo factors --session-kind focusgroep --format csv >"$tmp/fk.csv" 2>/dev/null
run --demo factors --session-kind Focus --format csv
is_rc 0 "factors --session-kind Focus (the column's short name, any case) exits 0"
same_text "  and counts the focus groups, as --session-kind focusgroep" "$tmp/fk.csv" "$out"
run --demo factors --factor VB
is_rc 2 "factors --factor exits 2 (does not apply)"

tdb=$tmp/tags.sqlite
run --db "$tdb" add-note 7 "Een note om te taggen"
nid=$(cat "$out")
run --db "$tdb" tag "$nid" vb1+
is_rc 0 "tag NOTE vb1+ exits 0"
echo "note $nid: VB1+" >"$exp"
same_text "tag prints the note's tags" "$exp" "$out"
run --db "$tdb" tag "$nid" LD2-
has_text "a second tag, a barrier" "$out" "note $nid: VB1+ LD2-"
run --db "$tdb" tag "$nid" LD2
has_text "no suffix: neutral" "$out" "note $nid: VB1+ LD2"
run --db "$tdb" tag "$nid" VB1 --remove
has_text "--remove takes a tag off" "$out" "note $nid: LD2"
run --db "$tdb" tag "$nid" VB1 --remove
is_rc 1 "tag --remove of a tag the note does not have exits 1"
has_text "  and says so" "$err" "note $nid is not tagged with VB1: nothing to remove"
if command -v python3 >/dev/null 2>&1; then
	run --db "$tdb" add-note 7 "Een note voor de prullenbak"
	tid=$(cat "$out")
	python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE note SET deleted_at = datetime() WHERE id = ?", (int(sys.argv[2]),))
db.commit()' "$tdb" "$tid"
	run --db "$tdb" tag "$tid" VB1+
	is_rc 1 "tag on a note in the trash exits 1"
	has_text "  and says it is in the trash" "$err" "note $tid is in the trash: restore it first"
else
	skip "tag on a note in the trash" "no python3"
fi
run --db "$tdb" tag 9999 VB1
is_rc 1 "tag on an unknown note exits 1"
has_text "  and says so" "$err" "no note with id 9999"
run --db "$tdb" tag "$nid" NOPE+
is_rc 1 "tag with an unknown factor exits 1"
has_text "  and says so" "$err" "no factor with code 'NOPE'"
run --db "$tdb" tag abc VB1
is_rc 2 "tag with a note id that is no number exits 2"
run --db "$tdb" notes --factor LD --format csv
has_text "notes --factor LD (its child LD2) finds it, with its tags" "$out" ",LD2"
run --db "$tdb" notes --untagged
has_text "notes --untagged: the new database has no other notes" "$out" "0 notes"
run --demo notes --untagged
has_text "--demo notes --untagged: 5" "$out" "5 notes"
run --demo notes --factor OR1 --polarity -
has_text "--demo notes --factor OR1 --polarity -: 4" "$out" "4 notes"
run --demo notes --polarity x
is_rc 2 "notes --polarity x exits 2"

# import codebook: twice, then a bad one that changes nothing.
cdb=$tmp/codebook.sqlite
cat >"$tmp/cb.ini" <<'EOF'
[factor extra]
code = EX
name = Extra
colour = "#123456"

[factor extra1]
code = EX1
parent = EX
name = Extra één
EOF
run --db "$cdb" import codebook "$tmp/cb.ini"
is_rc 0 "import codebook exits 0"
has_text "  2 added" "$out" "2 added, 0 changed, 0 unchanged factors"
run --db "$cdb" import codebook "$tmp/cb.ini"
has_text "importing it again: 0 added, 0 changed" "$out" "0 added, 0 changed, 2 unchanged factors"
"$STEMTUI_BIN" --db "$cdb" factors --format csv >"$tmp/before.csv" 2>/dev/null
printf '[factor x]\ncode = NEW\nname = Nieuw\n\n[factor y]\ncode = EX1\nname = X\nparent = NOPE\n' >"$tmp/bad.ini"
run --db "$cdb" import codebook "$tmp/bad.ini"
is_rc 1 "a bad codebook exits 1"
has_text "  with FILE:LINE" "$err" "bad.ini:8: parent \"NOPE\""
has_text "  and says nothing was imported" "$err" "Nothing was imported."
"$STEMTUI_BIN" --db "$cdb" factors --format csv >"$tmp/after.csv" 2>/dev/null
same_text "  the codebook is unchanged" "$tmp/before.csv" "$tmp/after.csv"
has_text "a new database has the starter codebook and the imported factors" "$tmp/after.csv" "EX1,Extra één,EX,1"
printf '<?xml version="1.0"?>\n<CodeBook/>\n' >"$tmp/cb.qdc"
run --db "$cdb" import codebook "$tmp/cb.qdc"
is_rc 1 "import codebook of a .qdc without the REFI-QDA namespace exits 1"
has_text "  and says it is not a REFI-QDA codebook" "$err" "not a REFI-QDA codebook"

# --- In Dutch -------------------------------------------------------------------

run_nl --demo people --role techniekcoach
is_rc 0 "LANGUAGE=nl people --role techniekcoach exits 0"
has_text "LANGUAGE=nl: the header is in Dutch" "$out" "Naam "
has_text "LANGUAGE=nl: roles have their Dutch label" "$out" "Techniekcoach "
has_text "LANGUAGE=nl: the count is in Dutch" "$out" "4 personen"
run_nl --demo attendance 7
has_text "LANGUAGE=nl: statuses are in Dutch" "$out" "Aanwezig "
has_text "LANGUAGE=nl: the counts are in Dutch" "$out" "14 aanwezig van 17 ingeschreven"
run_nl --demo attendance 7 --format csv
has_text "LANGUAGE=nl: the CSV keeps status and role keys" "$out" ",leraar,VBS Sint-Lodewijk,present,"

run_nl --demo notes --session 7
has_text "LANGUAGE=nl: the notes header is in Dutch" "$out" "Uur               Sessie   Soort        Groep         Tekst"
has_text "LANGUAGE=nl: kinds have their Dutch label" "$out" " Citaat "
has_text "LANGUAGE=nl: the count is in Dutch" "$out" "12 notities"
run_nl --demo notes --session 7 --format md
has_text "LANGUAGE=nl: md in Dutch" "$out" "## COP 07 · Groeisessie 1 · donderdag 31 mei 2018"
has_text "LANGUAGE=nl: md kinds and by" "$out" "- **Citaat** · tafel 1 · 09:26 · door Leen Deprez"
run_nl --demo notes --kind vraag --format csv
has_text "LANGUAGE=nl: the CSV keeps kind keys" "$out" ",question,"

# --- A sign-up list without organisations reuses the people known -----------

printf 'voornaam,achternaam\nJan,Peeters\n' >"$tmp/jan.csv"
run --demo import people "$tmp/jan.csv" --expected 13
is_rc 0 "a list with Jan Peeters and no organisation imports"
printf '%s\n' "$tmp/jan.csv: 1 person: 0 new, 1 already known" "COP 13: 1 person added as expected" >"$exp"
same_text "it finds the one Jan Peeters instead of making a second" "$exp" "$out"
run --demo people --name "jan peeters"
has_text "there is still one Jan Peeters" "$out" "1 person"
run --demo checkin 13 "jan peeters"
is_rc 0 "so checkin 13 \"jan peeters\" is not ambiguous"
printf 'voornaam,achternaam,organisatie\nAn,Jacobs,VBS Regenboog\n' >"$tmp/an-misspelt.csv"
run --demo import people "$tmp/an-misspelt.csv"
is_rc 0 "An Jacobs with her school spelled otherwise imports"
echo "stemtui: warning: $tmp/an-misspelt.csv:2: An Jacobs is taken as the one already known (id 14, VBS De Regenboog); the organisation \"VBS Regenboog\" was not added" >"$exp"
same_text "she is the An Jacobs known, with a warning naming the line" "$exp" "$err"

# --- Sessions of an older programme (--programme) -----------------------------

# A newer programme reuses COP 07, and has both COP 1 and COP 01.
pdb="$tmp/programmes.sqlite"
cat >"$tmp/newer.ini" <<'EOF'
[programme]
name = STEM++ 2018-2019
school_year = 2018-2019

[session cop07]
code = COP 07
kind = focusgroep
date = 2019-02-07

[session cop1]
code = COP 1
kind = focusgroep
date = 2018-10-01

[session cop01]
code = COP 01
kind = focusgroep
date = 2018-10-02
EOF
printf 'voornaam,achternaam\nAn,Jacobs\n' >"$tmp/an.csv"
run --db "$pdb" import programme "$tmp/newer.ini"
is_rc 0 "a newer programme reusing COP 07 is imported"
newest_warning='stemtui: warning: "7" is taken as STEM++ 2018-2019 COP 07, of the newest programme; it also matches STEM++ 2017-2018 COP 07: use --programme to choose'
run --db "$pdb" attendance 7
is_rc 0 "attendance 7 without --programme exits 0"
has_text "it takes the newest programme's COP 07" "$out" "COP 07  Focus group  Thu 7 Feb 2019  STEM++ 2018-2019"
echo "$newest_warning" >"$exp"
same_text "and says so on stderr, naming the other and --programme" "$exp" "$err"
run --db "$pdb" attendance 7 --programme 2017-2018
is_rc 0 "attendance 7 --programme 2017-2018 exits 0"
has_text "it shows COP 07 of 2017-2018" "$out" "COP 07  Groeisessie 1  Thu 31 May 2018  STEM++ 2017-2018"
is_empty "without a warning" "$err"
run --db "$pdb" attendance 7 --programme "STEM++ 2018-2019"
has_text "--programme by name works too" "$out" "STEM++ 2018-2019"
is_empty "  without a warning" "$err"
run --db "$pdb" attendance 7 --programme 2016-2017
is_rc 1 "an unknown --programme exits 1"
echo "stemtui: no programme called '2016-2017'" >"$exp"
same_text "saying there is no such programme" "$exp" "$err"
run --db "$pdb" import people "$tmp/an.csv" --expected 7 --programme 2017-2018
is_rc 0 "import people --expected 7 --programme 2017-2018 exits 0"
has_text "it registers her at COP 07" "$out" "COP 07: 1 person added as expected"
run --db "$pdb" attendance 7 --programme 2017-2018 --format csv
has_text "  of 2017-2018" "$out" "STEM++ 2017-2018,COP 07,"
run --db "$pdb" checkin 7 "an jacobs" --programme 2017-2018 --status excused
is_rc 0 "checkin 7 --programme 2017-2018 exits 0"
echo "COP 07: An Jacobs excused" >"$exp"
same_text "it checks her in there" "$exp" "$out"
is_empty "  without a warning" "$err"
run --db "$pdb" attendance 7 --programme 2017-2018 --format csv
has_text "she is excused at COP 07 of 2017-2018" "$out" ",An,Jacobs,andere,,excused,"
run --db "$pdb" add-note 7 --programme 2017-2018 "Een notitie bij de oude COP 07"
is_rc 0 "add-note 7 --programme 2017-2018 exits 0"
run --db "$pdb" notes --session 7 --programme 2017-2018 --format csv
has_text "notes --session 7 --programme 2017-2018 finds it" "$out" "Een notitie bij de oude COP 07"
run --db "$pdb" notes --session 7 --format csv
check "notes --session 7 alone is the newest COP 07, without it" sh -c "! grep -q 'oude COP 07' '$out'"
echo "$newest_warning" >"$exp"
same_text "  and warns" "$exp" "$err"
run --db "$pdb" export attendance --session 7 --programme 2017-2018 --format csv
is_rc 0 "export attendance --session 7 --programme 2017-2018 exits 0"
has_text "it exports her" "$out" "STEM++ 2017-2018,COP 07,"
run --db "$pdb" attendance "COP 1"
is_rc 0 "attendance \"COP 1\" beside COP 01 exits 0"
has_text "it takes COP 1 itself" "$out" "COP 1  Focus group  Mon 1 Oct 2018  STEM++ 2018-2019"
run --db "$pdb" attendance "cop01" --programme 2018-2019
has_text "and cop01 takes COP 01" "$out" "COP 01  Focus group  Tue 2 Oct 2018  STEM++ 2018-2019"
run --db "$pdb" attendance 1 --programme 2018-2019
is_rc 1 "attendance 1 with COP 1 and COP 01 exits 1"
cat >"$exp" <<'EOF'
stemtui: "1" matches several sessions: STEM++ 2018-2019 COP 1, STEM++ 2018-2019 COP 01
Type the session's whole code, as 'stemtui sessions' shows it.
EOF
same_text "naming both, and saying what to do" "$exp" "$err"
run --db "$pdb" attendance 1
is_rc 1 "attendance 1 in two programmes exits 1"
has_text "  saying to choose the programme" "$err" "Say which programme with --programme NAME"
run --db "$pdb" import people "$tmp/an.csv" --programme 2017-2018
is_rc 2 "import people --programme without --expected exits 2"
run --db "$pdb" import programme "$tmp/newer.ini" --programme 2017-2018
is_rc 2 "import programme --programme exits 2"

# --- The man page -----------------------------------------------------------
# Rendered as man(1) would: no word runs into the one before it (a macro
# line such as ".BR Fields )." with more words after it glues them:
# "Fields).Anorganisation").
man_page=$STEMTUI_SRCDIR/share/man/stemtui.1
if command -v groff >/dev/null 2>&1; then
	groff -k -man -Tutf8 -P-cbou "$man_page" >"$out" 2>"$err"
	if grep -E -n '\)\.?[A-Z][a-z]' "$out" >"$tmp/glued"; then
		fail "the man page renders with no word glued to a parenthesis"
		diag <"$tmp/glued"
	else
		pass "the man page renders with no word glued to a parenthesis"
	fi
else
	skip "the man page renders with no word glued to a parenthesis" "no groff"
fi

finish
