#!/bin/sh
# test_progress.sh: the progress line of a long piece of work (bringing
# an older database up to date as it opens; import people) is drawn on
# stderr only when stderr is a terminal: a script sees exactly what it saw
# before.
name=progress
. "$(dirname "$0")/lib.sh"

db=$tmp/old.sqlite
run --db "$tmp/new.sqlite" sessions
is_rc 0 "a database is made"

# An older database: of schema version 5 (before the stored figures of
# the factors), with 3000 tagged notes; make_old_db is built beside us.
make_old_db=$(dirname "$STEMTUI_BIN")/../tests/cli/make_old_db
old() { "$make_old_db" "$db" 5 3000 || exit 99; }
version() {
	python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("PRAGMA user_version").fetchone()[0])' "$1"
}

# A sign-up list longer than a chunk of the import (1000 people).
awk 'BEGIN {
	print "first_name,last_name,role,organisation,email,focus"
	for (i = 0; i < 2500; i++)
		printf "Voornaam%d,Achternaam%d,leraar,School %d,,\n", i, i, i % 40
}' >"$tmp/people.csv"

# tty COMMAND: runs a shell command with a terminal for its output
# (script(1)), what the terminal showed in $tmp/tty.
tty() { script -qec "$1" /dev/null >"$tmp/tty" 2>&1 </dev/null; }

if [ ! -x "$make_old_db" ]; then
	echo "Bail out! $make_old_db is not built"
	exit 99
fi
old
run --db "$db" sessions
is_rc 0 "an older database opens"
is_empty "  with nothing on stderr when it is not a terminal" "$err"
has_text "  with the sessions listed" "$out" "COP 1"
if python3 -c 'import sqlite3' 2>/dev/null; then
	check "  and is brought up to date" [ "$(version "$db")" -gt 5 ]
else
	skip "  and is brought up to date" "python3's sqlite3 is missing"
fi
if command -v script >/dev/null 2>&1; then
	old
	tty "\"$STEMTUI_BIN\" --db \"$db\" sessions >/dev/null"
	has_text "  on a terminal it shows how far it has got" "$tmp/tty" \
		"stemtui: updating the database: 100%"
else
	skip "  on a terminal it shows how far it has got" "script(1) is missing"
fi

run --db "$db" import people "$tmp/people.csv"
is_rc 0 "import people of 2500 rows"
is_empty "  with nothing on stderr when it is not a terminal" "$err"
has_text "  saying what it did" "$out" "2500 people: 2500 new, 0 already known"
if command -v script >/dev/null 2>&1; then
	tty "\"$STEMTUI_BIN\" --db \"$db\" import people \"$tmp/people.csv\" >/dev/null"
	has_text "  on a terminal it shows the rows" "$tmp/tty" "stemtui: importing: 2500/2500 rows"
else
	skip "  on a terminal it shows the rows" "script(1) is missing"
fi

finish
