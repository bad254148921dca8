#!/bin/sh
# test_sync.sh: three facilitators, three databases, one shared folder
# (`stemtui sync FOLDER`), and a colleague's database file brought in
# (`stemtui merge OTHER`): what each prints, what the databases hold
# afterwards (the same notes, check-ins and figures everywhere), the files
# in the folder (0600, never replaced), a damaged file refused whole with
# the database unchanged, two factors given one code on two laptops (the
# clash settled alike, and the decision it leaves said), and the usage
# errors (TAP).  Environment as for test_cli.sh.

name=sync
. "$(dirname "$0")/lib.sh"

share=$tmp/share
mkdir "$share"

# as WHO ARG...: runs stemtui as WHO (an, bert or chloé), on WHO's
# database with WHO's configuration (facilitator = WHO).
as() {
	who=$1
	shift
	if [ ! -f "$tmp/$who.ini" ]; then
		printf '[general]\nfacilitator = %s\n' "$who" >"$tmp/$who.ini"
	fi
	run --config "$tmp/$who.ini" --db "$tmp/$who.sqlite" "$@"
}
# same_as NAME TEXT: $out is TEXT, with the scratch folder written as
# TMP and the first characters of ids as ID.
same_as() {
	sed -e "s|$tmp|TMP|g" -e 's/[0-9a-f]\{8\}-[0-9a-f-]\{27\}/NETWORK/g' "$out" >"$out.tmp"
	printf '%s\n' "$2" >"$out.want"
	if cmp -s "$out.want" "$out.tmp"; then pass "$1"; else
		fail "$1"; diff -u "$out.want" "$out.tmp" | diag; fi
}
# dump WHO: the content that travels, ordered, without the local ids of
# nothing (every id is a network id once synced).
dump() {
	python3 - "$tmp/$1.sqlite" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for t in ("programme", "organisation", "session", "person", "person_focus", "coaching",
          "attendance", "attendance_log", "factor", "note", "tag", "sync_tombstone"):
    for r in c.execute("SELECT * FROM %s ORDER BY 1, 2" % t):
        print(t, r)
PY
}

# Usage.
run sync a b
is_rc 2 "sync takes one folder at most"
run merge
is_rc 2 "merge takes a database file"
as an sync
is_rc 2 "sync without a folder, given or configured, is a usage error"
has_text "  saying where to set it" "$err" "[network]"
as an sync "$tmp/nowhere"
is_rc 1 "a folder that is not there"
has_text "  is named" "$err" "nowhere is not a folder"
is_empty "  and standard output does not say there was nothing to do" "$out"
mkdir "$tmp/looped"
ln -s stemtui-network "$tmp/looped/stemtui-network"
as an sync "$tmp/looped"
is_rc 1 "a folder whose network file cannot be read"
has_text "  names the file with its folder" "$err" "cannot read $tmp/looped/stemtui-network: "
is_empty "  and prints nothing on standard output" "$out"

# An writes a note and syncs first: the folder is named after the
# network her database joins.
as an add-note "COP 01" "Zoë: de STEM-kast van Sint-Lodewijk werkt"
as an sync "$share"
is_rc 0 "An syncs first"
has_text "  her database joins a network" "$out" "This database joined network"
has_text "  and writes file 1" "$out" "Wrote file 1 with"
net=$(cat "$share/stemtui-network")
case $net in
????????-????-????-????-????????????) pass "the folder names its network" ;;
*) fail "the folder names its network"; echo "# got $net" ;;
esac
perm=$(stat -c %a "$share"/*.stemsync "$share/stemtui-network" | sort -u)
if [ "$perm" = 600 ]; then pass "the sync files and the network's name are 0600"; else
	fail "the sync files and the network's name are 0600"; echo "# got $perm"; fi

# Bert joins, checks someone in, and gets An's note.
as bert --demo people >/dev/null
as bert sync "$share"
is_rc 0 "Bert syncs"
has_text "  and gets An's note, by her name" "$out" "From an: 1 note"
as bert notes --format csv
has_text "  which he now has" "$out" "de STEM-kast van Sint-Lodewijk"
as bert add-note "COP 01" "Françoise: techniekcoach helpt bij de start"
as bert checkin "COP 01" "Zoë"
is_rc 0 "Bert checks in a person"
as bert sync "$share"
is_rc 0 "Bert syncs what he did"

# Chloé starts later and gets everything at once.
as chloé sync "$share"
is_rc 0 "Chloé syncs"
has_text "  she gets An's" "$out" "From an:"
has_text "  and Bert's" "$out" "From bert:"

as an sync "$share"
is_rc 0 "An syncs again"
has_text "  she gets Bert's notes and check-ins (his demo's too)" "$out" "check-ins"
as bert sync "$share"
as an sync "$share"
same_as "nothing new the second time" "Nothing new to send or to take in."

dump an >"$tmp/an.dump"
dump bert >"$tmp/bert.dump"
dump chloé >"$tmp/chloé.dump"
if cmp -s "$tmp/an.dump" "$tmp/bert.dump" && cmp -s "$tmp/an.dump" "$tmp/chloé.dump"; then
	pass "the three databases hold the same"
else
	fail "the three databases hold the same"
	diff "$tmp/an.dump" "$tmp/bert.dump" | diag
	diff "$tmp/an.dump" "$tmp/chloé.dump" | diag
fi
as an factors --format csv
cp "$out" "$tmp/an.factors"
as chloé factors --format csv
if cmp -s "$out" "$tmp/an.factors"; then pass "and the same factor figures"; else
	fail "and the same factor figures"; diff "$tmp/an.factors" "$out" | diag; fi
as an attendance "COP 01"
has_text "Bert's check-in counts at An's" "$out" "Zoë"

# A damaged file is refused whole and names itself; nothing changes.
f=$(ls "$share"/*.stemsync | head -n 1)
id=$(basename "$f" | cut -c1-36)
dam="$share/0b6e8d3c-5a41-4c2e-9f07-3d1e2a6b9c84-0000000001.stemsync"
python3 - "$f" "$dam" "$id" <<'PY'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
# another database's id in the header, and a flipped byte in the payload
b[32:48] = bytes.fromhex("0b6e8d3c5a414c2e9f073d1e2a6b9c84")
b[-1] ^= 0xff
open(sys.argv[2], "wb").write(bytes(b))
PY
dump an >"$tmp/before"
as an sync "$share"
is_rc 1 "a damaged file fails the sync"
has_text "  naming the file" "$err" "0b6e8d3c-5a41-4c2e-9f07-3d1e2a6b9c84-0000000001.stemsync"
dump an >"$tmp/after"
if cmp -s "$tmp/before" "$tmp/after"; then pass "  and the database is unchanged"; else
	fail "  and the database is unchanged"; diff "$tmp/before" "$tmp/after" | diag; fi
rm -f "$dam"

# A colleague's database of no network is merged in, once.
as dirk add-note "COP 02" "Dirk noteerde dit offline"
cp "$tmp/dirk.sqlite" "$tmp/dirk.copy"
as an merge "$tmp/dirk.sqlite"
is_rc 0 "An merges Dirk's database file"
has_text "  bringing his note in" "$out" "1 note"
if cmp -s "$tmp/dirk.sqlite" "$tmp/dirk.copy"; then pass "  Dirk's file is untouched"; else
	fail "  Dirk's file is untouched"; fi
as an merge "$tmp/dirk.sqlite"
is_rc 0 "merging it again"
as an notes --search offline --format csv
copies=$(grep -c "Dirk noteerde" "$out")
if [ "$copies" = 1 ]; then pass "  brings nothing twice"; else
	fail "  brings nothing twice"; echo "# $copies copies"; fi
as an merge "$tmp/an.sqlite"
is_rc 1 "a database does not merge itself"
printf 'not a database\n' >"$tmp/text.sqlite"
as an merge "$tmp/text.sqlite"
is_rc 1 "merging a file that is not a database"
printf 'stemtui: %s/text.sqlite is not a stemtui database (not an SQLite file)\n' "$tmp" >"$tmp/want"
same_text "  says so" "$tmp/want" "$err"
as an merge "$tmp"
is_rc 1 "merging a folder"
printf 'stemtui: cannot read %s: it is not a regular file\n' "$tmp" >"$tmp/want"
same_text "  says it is not a file" "$tmp/want" "$err"
as an sync "$share"
as bert sync "$share"
as bert notes --search offline --format csv
has_text "what An merged travels on to Bert" "$out" "Dirk noteerde dit offline"

# Two facilitators give one factor code to two factors (each renames
# another through a REFI-QDA codebook, which keeps a factor by its GUID):
# the sync that brings the other's settles it alike on both laptops, and
# says that a decision waits and where to take it.
clash=$tmp/clash
mkdir "$clash"
# recode WHO OLD NEW: WHO's factor OLD is now NEW.
recode() {
	as "$1" export codebook --format qdc -o "$tmp/$1.qdc"
	sed "s/^\( *<Description>Code: \)$2\$/\1$3/" "$tmp/$1.qdc" >"$tmp/$1-recoded.qdc"
	as "$1" import codebook "$tmp/$1-recoded.qdc"
}
as eva sync "$clash"
as fien sync "$clash"
as eva sync "$clash"
recode eva TM3 XY1
same_as "Eva renames TM3 to XY1" "TMP/eva-recoded.qdc: 0 added, 1 changed, 38 unchanged factors"
recode fien TM2 XY1
as fien sync "$clash"
as eva sync "$clash"
is_rc 0 "Eva syncs Fien's XY1"
decision="1 decision waits: in stemtui, W opens the network screen and d lists it (m merges two factors that had one code, x keeps both)."
same_as "  a decision waits, and she is told where to take it" "Wrote file 2 with 1 change to TMP/clash.
From fien: 1 other change (1 file)
$decision"
as fien sync "$clash"
same_as "Fien, who gets Eva's, is told alike" "From eva: 1 other change (1 file)
$decision"
as eva factors --format csv
cut -d, -f1 "$out" | grep '^XY1' | sed 's/~.*/~/' >"$out.codes"
if [ "$(tr '\n' ' ' <"$out.codes")" = "XY1 XY1~ " ] || [ "$(tr '\n' ' ' <"$out.codes")" = "XY1~ XY1 " ]; then
	pass "  one factor keeps XY1, the other gave way"; else
	fail "  one factor keeps XY1, the other gave way"; diag <"$out"; fi
dump eva >"$tmp/eva.dump"
dump fien >"$tmp/fien.dump"
if cmp -s "$tmp/eva.dump" "$tmp/fien.dump"; then pass "  and both laptops hold the same"; else
	fail "  and both laptops hold the same"; diff "$tmp/eva.dump" "$tmp/fien.dump" | diag; fi

finish
