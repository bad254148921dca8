#!/bin/sh
# test_controls.sh: control characters from files and the database never
# reach a terminal raw (TAP).  The importers refuse them with FILE:LINE;
# what is already stored (written by another program) is shown neutralised
# by every table, message and confirmation, and by CSV and JSON written to
# a terminal, while CSV and JSON written to a file or a pipe keep the
# stored bytes.  Environment as for test_cli.sh.

name=controls
. "$(dirname "$0")/lib.sh"

have_python=yes
python3 -c 'import sqlite3' 2>/dev/null || have_python=no
have_script=yes
script -qec true /dev/null </dev/null >/dev/null 2>&1 || have_script=no

# What a hostile file or row holds: a window title (OSC 0), a write to the
# clipboard (OSC 52), a C1 CSI (U+009B), a right-to-left override.
esc=$(printf '\033')
title="$esc]0;pwned$(printf '\007')"
clip="$esc]52;c;ZWNobyBoaQ==$(printf '\007')"
csi=$(printf '\302\233')
rlo=$(printf '\342\200\256')

# clean FILE: FILE holds no control character other than tab and line
# ends, no C1 control and no bidirectional control.
clean() {
	LC_ALL=C grep -q -e "$(printf '[\001-\010\013\014\016-\037\177]')" \
		-e "$(printf '\302[\200-\237]')" -e "$(printf '\342\200[\216\217\252-\256]')" \
		-e "$(printf '\342\201[\246-\251]')" -e "$(printf '\330\234')" "$1" && return 1
	return 0
}

# is_clean NAME FILE
is_clean() {
	if clean "$2"; then pass "$1"; else
		fail "$1"; echo "#   it holds control characters:"; od -c "$2" | head -20 | diag; fi
}

# holds NAME FILE BYTES: FILE holds BYTES as they are.
holds() {
	if LC_ALL=C grep -F -q -e "$3" "$2"; then pass "$1"; else
		fail "$1"; echo "#   the bytes are not in:"; od -c "$2" | head -20 | diag; fi
}

# in_terminal FILE ARG...: runs stemtui with its output on a terminal
# (script(1) gives it a pseudo-terminal); what it showed goes to FILE.
in_terminal() {
	to=$1
	shift
	script -qec "$(printf '%s ' "$STEMTUI_BIN" "$@" | sed 's/ $//')" /dev/null \
		</dev/null >"$to" 2>&1
}

db=$tmp/controls.sqlite

# --- Imports refuse control characters, with FILE:LINE -------------------

run --db "$db" sessions
is_rc 0 "a new database"
cp "$db" "$tmp/before.sqlite"

# refused NAME FILE LINE ARG...: `stemtui ARG...` refuses FILE at LINE and
# changes nothing.
refused() {
	what=$1 file=$2 line=$3
	shift 3
	run --db "$db" "$@"
	is_rc 1 "$what: refused (exit 1)"
	has_text "$what: the message names $(basename "$file"):$line" "$err" "$file:$line: "
	has_text "$what: it says what is wrong" "$err" "control character"
	is_clean "$what: the message itself holds none" "$err"
	check "$what: the database is unchanged" cmp -s "$db" "$tmp/before.sqlite"
}

hdr="first_name,last_name,role,organisation,email,focus"
printf '%s\nAnn,Peeters,leraar,School A,ann@example.org,\n%s,Janssens,leraar,,,\n' \
	"$hdr" "Eve$title" >"$tmp/title.csv"
refused "a sign-up list with a window title in a name" "$tmp/title.csv" 3 \
	import people "$tmp/title.csv"
printf '%s\nAnn,Peeters,leraar,"School A\ncampus Noord",,\nBob,Maes,leraar,"Campus\nOrg%s",,\n' \
	"$hdr" "$clip" >"$tmp/clip.csv"
refused "a clipboard write on the 2nd line of a quoted organisation" "$tmp/clip.csv" 5 \
	import people "$tmp/clip.csv"
printf '%s\nCas,Wouters,leraar,,cas@example.org%s31m,\n' "$hdr" "$csi" >"$tmp/c1.csv"
refused "a sign-up list with a C1 control in an e-mail address" "$tmp/c1.csv" 2 \
	import people "$tmp/c1.csv"
printf '%s\nDirk,%sPeeters,leraar,,,\n' "$hdr" "$rlo" >"$tmp/bidi.csv"
refused "a sign-up list with a bidi override in a name" "$tmp/bidi.csv" 2 \
	import people "$tmp/bidi.csv"

prog='[programme]\nname = Vijandig\nschool_year = 2030-2031\n\n[session a]\ncode = V 01\nkind = focusgroep\ndate = 2030-10-10\n'
printf "$prog"'venue = Zaal%s\n' "$title" >"$tmp/venue.ini"
refused "a programme with a window title in a venue" "$tmp/venue.ini" 9 \
	import programme "$tmp/venue.ini"
printf "$prog"'city = Gent\ntitle = %sStartdag\n' "$rlo" >"$tmp/title.ini"
refused "a programme with a bidi override in a title" "$tmp/title.ini" 10 \
	import programme "$tmp/title.ini"

printf '[factor x]\ncode = XX1\nname = "Nieuw%s"\n' "$clip" >"$tmp/codebook.ini"
refused "a codebook with a clipboard write in a name" "$tmp/codebook.ini" 3 \
	import codebook "$tmp/codebook.ini"

qdc() {
	printf '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0">\n<Codes>\n'
	printf '<Code guid="%s" name="%s" isCodable="true">\n' "$1" "$2"
	printf '<Description>Eerste regel\n%s</Description>\n</Code>\n</Codes>\n</CodeBook>\n' "$3"
}
guid=6a0c5b3e-1d2f-4c4b-9a55-0123456789ab
qdc "$guid" "Visie$csi" "Uitleg" >"$tmp/name.qdc"
refused "a REFI-QDA codebook with a C1 control in a code's name" "$tmp/name.qdc" 4 \
	import codebook "$tmp/name.qdc"
qdc "$guid" "Visie" "Uitleg &#x202E;gnipmal" >"$tmp/description.qdc"
refused "a REFI-QDA codebook with a bidi override in a description" "$tmp/description.qdc" 6 \
	import codebook "$tmp/description.qdc"

mkdir -p "$tmp/conf"
printf '[roles]\nmaker = Maker%s\n' "$title" >"$tmp/conf/config.ini"
run --db "$db" -c "$tmp/conf/config.ini" people --role maker
is_rc 2 "a configuration with a window title in a role's label is ignored: no role maker"
has_text "with a warning naming config.ini:2" "$err" "$tmp/conf/config.ini:2: "
has_text "  that says what is wrong" "$err" "control character"
is_clean "  and holds none itself" "$err"

# A tab and a line break in a quoted field are text, as before.
printf '%s\nAnn,Peeters,leraar,"School\tA",,\nBob,Maes,leraar,"Campus\nNoord",,\n' "$hdr" \
	>"$tmp/tab.csv"
run --db "$db" import people "$tmp/tab.csv"
is_rc 0 "a tab and a line break in quoted fields are still imported"

# A message that quotes the file shows it neutralised: a GUID is not
# stored (a new one is made), but the warning quotes the file's text.
qdc "{$csi$rlo}" "Visie" "Uitleg" >"$tmp/guid.qdc"
run --db "$db" import codebook "$tmp/guid.qdc"
is_rc 0 "a REFI-QDA codebook whose GUID holds control characters is imported"
has_text "with a warning that quotes the GUID" "$err" "has no valid GUID"
is_clean "neutralised" "$err"

# --- Stored text is shown neutralised -----------------------------------

printf '%s\nEve,Janssens,leraar,School B,eve@example.org,robotica\nEve,Maes,leraar,School C,,\n' \
	"$hdr" >"$tmp/people.csv"
run --db "$db" import people "$tmp/people.csv" --expected "COP 07"
is_rc 0 "a clean sign-up list is imported"

if [ "$have_python" = yes ] && python3 - "$db" "$title" "$clip" "$csi" "$rlo" <<'PY'
import sqlite3, sys
db, title, clip, csi, rlo = sys.argv[1:]
c = sqlite3.connect(db)
# Another program writing: the functions stemtui's triggers call, roughly.
c.create_function("st_fold", 1, lambda s: s.lower())
c.create_function("st_fold_name", 1, lambda s: s.lower().replace(" ", ""))
c.execute("UPDATE person SET first_name = first_name || ?, last_name = ? || last_name,"
          " email = CASE email WHEN '' THEN '' ELSE email || ? END", (title, rlo, csi + "31m"))
c.execute("UPDATE person_focus SET focus = focus || ?", (csi,))
c.execute("UPDATE organisation SET name = name || ? WHERE name LIKE 'School %'", (clip,))
c.execute("UPDATE session SET city = city || ?, venue = ? || venue, title = title || ?"
          " WHERE code = 'COP 07'", (title, rlo, csi))
c.execute("UPDATE factor SET name = name || ? WHERE code = 'VB1'", (title,))
c.commit()
PY
then
	run --db "$db" people
	is_rc 0 "people: the table"
	is_clean "people: no control character reaches the table" "$out"
	has_text "people: the name is there, its controls as spaces" "$out" "Janssens, Eve ]0;pwned"
	has_text "people: the e-mail address (the last column) too" "$out" "eve@example.org 31m"
	run --db "$db" people --pseudonymise
	is_clean "people --pseudonymise: its last column (focus) too" "$out"
	has_text "people --pseudonymise: the focus is there" "$out" "robotica"

	run --db "$db" attendance "COP 07"
	is_rc 0 "attendance: the table"
	is_clean "attendance: no control character in the table or its heading" "$out"
	has_text "attendance: the organisation (the last column) is there" "$out" \
		"School B ]52;c;ZWNobyBoaQ=="

	run --db "$db" sessions --programme 2017-2018
	is_rc 0 "sessions: the table"
	is_clean "sessions: no control character in the table" "$out"
	has_text "sessions: the city (the last column) is there" "$out" "Gent ]0;pwned"

	run --db "$db" factors
	is_clean "factors: no control character in the table" "$out"

	eve=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT id FROM person WHERE last_name LIKE ?",
                                           ("%Janssens",)).fetchone()[0])' "$db")
	run --db "$db" checkin "COP 07" "$eve"
	is_rc 0 "checkin: checks the person in"
	is_clean "checkin: the confirmation holds no control character" "$out"
	has_text "checkin: and names the person" "$out" "Eve ]0;pwned  Janssens present at"
	run --db "$db" checkin "COP 07" eve
	is_rc 1 "checkin of a name that matches two people fails"
	is_clean "the message listing them holds no control character" "$err"
	run --db "$db" people --organisation school
	is_clean "the organisations listed for an unclear --organisation neither" "$err"

	run --db "$db" add-note "COP 07" "Een idee${csi}met${rlo} omkering"
	is_rc 0 "add-note stores what it is given"
	run --db "$db" notes
	is_clean "notes: the note (the last column) shows neutralised" "$out"

	# Machine formats to a file or a pipe: the stored bytes.
	run --db "$db" export people --format csv -o "$tmp/people-out.csv"
	is_rc 0 "export people --format csv -o FILE"
	holds "the file keeps the window title" "$tmp/people-out.csv" "Eve$title"
	holds "and the bidi override" "$tmp/people-out.csv" "${rlo}Janssens"
	holds "and the C1 control" "$tmp/people-out.csv" "eve@example.org${csi}31m"
	run --db "$db" people --format csv
	if cmp -s "$out" "$tmp/people-out.csv"; then pass "people --format csv to a pipe: the same bytes"; else
		fail "people --format csv to a pipe: the same bytes"; od -c "$out" | head -20 | diag; fi
	run --db "$db" export attendance --session "COP 07" --format json -o "$tmp/att.json"
	holds "export attendance --format json -o FILE keeps the organisation (escaped as JSON says)" \
		"$tmp/att.json" 'School B\u001b]52;c;ZWNobyBoaQ==\u0007'
	run --db "$db" sessions --programme 2017-2018 --format csv
	holds "sessions --format csv to a pipe keeps the stored city" "$out" "Gent$title"

	# Machine formats to a terminal: neutralised.
	if [ "$have_script" = yes ]; then
		in_terminal "$tmp/tty.csv" --db "$db" people --format csv
		is_clean "people --format csv on a terminal: neutralised" "$tmp/tty.csv"
		has_text "  and still there" "$tmp/tty.csv" "Eve ]0;pwned"
		in_terminal "$tmp/tty.json" --db "$db" export people --format json
		is_clean "export people --format json on a terminal: neutralised" "$tmp/tty.json"
		has_text "  and still there" "$tmp/tty.json" '"email": "eve@example.org 31m"'
		in_terminal "$tmp/tty.md" --db "$db" notes --format md
		is_clean "notes --format md on a terminal: neutralised" "$tmp/tty.md"
		has_text "  and still there" "$tmp/tty.md" "met omkering"
	else
		skip "CSV, JSON and Markdown on a terminal" "script(1) is missing"
	fi
else
	skip "stored control characters" "python3's sqlite3 is missing"
fi

finish
