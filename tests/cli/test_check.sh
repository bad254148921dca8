#!/bin/sh
# test_check.sh: `stemtui check` and `stemtui check --repair` on the demo
# database, healthy and spoiled with SQL (Python's sqlite3, as a program
# without stemtui's triggers would write it), compared with expected
# output (TAP).  Environment as for test_cli.sh.

name=check
. "$(dirname "$0")/lib.sh"

# same_out NAME: $out, with the scratch folder written as TMP, is $exp.
same_out() {
	sed "s|$tmp|TMP|g" "$out" >"$out.tmp"
	if cmp -s "$exp" "$out.tmp"; then pass "$1"; else
		fail "$1"; diff -u "$exp" "$out.tmp" | diag; fi
}
# spoil SQL: runs SQL on the database with Python's sqlite3.
spoil() {
	python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript(sys.argv[2])
c.close()' "$db" "$1"
}

exp=$tmp/expected
db=$tmp/demo.sqlite

run check extra
is_rc 2 "check takes no arguments"
run sessions --repair
is_rc 2 "--repair is for check only"

run --db "$db" --demo check
is_rc 0 "a new demo database is healthy (exit 0)"
cat >"$exp" <<'EOF'
Database: TMP/demo.sqlite
integrity: ok
foreign keys: ok
note search index: ok
name search index: ok
factor figures: ok
kept keys: ok
file modes: ok
The database is healthy.
EOF
same_out "each item is ok"

if ! python3 -c 'import sqlite3' 2>/dev/null; then
	skip "a spoiled database" "python3's sqlite3 is missing"
	echo "1..$n"
	exit 0
fi

# A note taken out of the search index, a figure changed, a key changed,
# the file readable by others (SQLite gives -wal and -shm its mode):
# what a program that writes the file without the triggers can leave.
spoil "INSERT INTO note_fts (note_fts, rowid, body, group_label)
         SELECT 'delete', id, body, group_label FROM note WHERE id = 3;
       UPDATE fig_total SET notes = notes + 5
         WHERE ancestor_id = (SELECT id FROM factor WHERE code = 'LD');
       UPDATE note SET author_key = 'niemand' WHERE id = 4;"
chmod 0644 "$db"
cp "$db" "$tmp/before.sqlite"
run --db "$db" check
is_rc 4 "check finds what --repair puts right (exit 4)"
cat >"$exp" <<'EOF'
Database: TMP/demo.sqlite
integrity: ok
foreign keys: ok
note search index: does not match the notes
name search index: ok
factor figures: 1 row differs from a recount (fig_total 1)
kept keys: 1 key differs from what it is kept from (note.author_key 1)
file modes: open to others, not 0600: TMP/demo.sqlite (0644), TMP/demo.sqlite-wal (0644), TMP/demo.sqlite-shm (0644)
stemtui check --repair rebuilds what is wrong.
EOF
same_out "it says what is wrong and what to do"
if cmp -s "$tmp/before.sqlite" "$db"; then pass "check changes nothing"; else fail "check changes nothing"; fi

run --db "$db" check --repair
is_rc 0 "check --repair puts it right (exit 0)"
cat >"$exp" <<'EOF'
Database: TMP/demo.sqlite
integrity: ok
foreign keys: ok
note search index: does not match the notes: put right
name search index: ok
factor figures: 1 row differs from a recount (fig_total 1): put right
kept keys: 1 key differs from what it is kept from (note.author_key 1): put right
file modes: open to others, not 0600: TMP/demo.sqlite (0644), TMP/demo.sqlite-wal (0644), TMP/demo.sqlite-shm (0644): put right
Rebuilt what was wrong: the database is healthy now.
EOF
same_out "it says what it put right"
run --db "$db" check
is_rc 0 "then check finds it healthy"
run --db "$db" notes --search "$(python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("SELECT body FROM note WHERE id = 3").fetchone()[0].split()[0].strip(".,:;!?\""))' "$db")" --format csv
has_text "the note taken out of the index is found again" "$out" "
3,"

LANGUAGE=nl "$STEMTUI_BIN" --db "$db" check >"$out" 2>"$err"
rc=$?
is_rc 0 "in Dutch too"
has_text "  in Dutch words" "$out" "De databank is gezond."

# A row that refers to nobody cannot be rebuilt: exit 3, left alone.
spoil "PRAGMA foreign_keys = OFF;
       INSERT INTO attendance (session_id, person_id, status, updated_at)
         VALUES (7, 999999, 'present', '2018-01-01 10:00:00');"
run --db "$db" check --repair
is_rc 3 "a broken reference: exit 3, also with --repair"
has_text "  named" "$out" "foreign keys: 1 row refers to a row that is not there (attendance, to a person)"
has_text "  and what it means" "$out" "check --repair cannot put that right"

finish
