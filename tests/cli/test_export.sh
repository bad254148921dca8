#!/bin/sh
# test_export.sh: `stemtui export` and `stemtui import codebook FILE.qdc`
# on the demo database, each export read back by an independent reader:
# Python's csv and json modules, xmllint with the REFI-QDA schema, Python's
# html.parser.  Round trip of the codebook through a fresh database, the
# spec's sample codebook, and malformed files refused with the database
# untouched (TAP).  Environment as for test_cli.sh.

name=export
. "$(dirname "$0")/lib.sh"

# py NAME SCRIPT ARG...: passes when the Python script exits 0.
py() {
	name=$1
	shift
	if python3 -c "$@" >"$tmp/py.out" 2>&1; then pass "$name"; else
		fail "$name"; diag <"$tmp/py.out"; fi
}

# The REFI-QDA schema and sample: the copies in the repository, else the
# shared folder beside it.
refi=$STEMTUI_SRCDIR/tests/data/refi-qda
xsd=$refi/Codebook.xsd
sample=$refi/spec-annex-a1.qdc
if [ ! -f "$xsd" ] && [ -d "$STEMTUI_SRCDIR/../shared/refi-qda" ]; then
	xsd=$STEMTUI_SRCDIR/../shared/refi-qda/Codebook.xsd
	sample=$STEMTUI_SRCDIR/../shared/refi-qda/samples/spec-annex-a1.qdc
fi
have_refi=yes
[ -f "$xsd" ] && [ -f "$sample" ] || have_refi=no
have_xmllint=yes
command -v xmllint >/dev/null 2>&1 || have_xmllint=no
have_python=yes
command -v python3 >/dev/null 2>&1 || have_python=no

# --- Usage -------------------------------------------------------------------

run --demo export codebook --format json
is_rc 2 "a codebook as JSON is a usage error"
has_text "it names the formats that fit" "$err" "use --format csv, md, html, qdc or xlsx"
run --demo export draaiboek --format json
is_rc 2 "a draaiboek as JSON is a usage error"
has_text "it names the formats that fit" "$err" "md or html"
run --demo export factors --format md
is_rc 2 "a factor list as Markdown is a usage error"
run --demo export nonsense
is_rc 2 "exporting something unknown is a usage error"
run --demo export attendance --format csv
is_rc 2 "an attendance export needs --session"
run --demo export factors --quotes 2
is_rc 2 "--quotes is only for the draaiboek"
run --demo sessions --format html
is_rc 2 "--format html is only for export"

# --- CSV and JSON, read back by Python ------------------------------------

for what in factors evidence notes people; do
	run --demo export $what --format csv -o "$tmp/$what.csv"
	is_rc 0 "export $what --format csv -o FILE"
	run --demo export $what --format json
	is_rc 0 "export $what --format json to standard output"
	cp "$out" "$tmp/$what.json"
done
run --demo export attendance --session 7 --format csv --pseudonymise -o "$tmp/attendance.csv"
is_rc 0 "export attendance --session 7 --pseudonymise"
run --demo export attendance --session 7 --format json -o -
is_rc 0 "export attendance --session 7 --format json -o -"
cp "$out" "$tmp/attendance.json"

if [ "$have_python" = yes ]; then
	py "CSV and JSON agree: same rows, same fields, RFC 4180 line ends" '
import csv, json, sys
d = sys.argv[1]
for what in ("factors", "evidence", "notes", "people", "attendance"):
    raw = open(d + "/" + what + ".csv", "rb").read()
    assert raw.split(b"\n", 1)[0].endswith(b"\r") and raw.endswith(b"\r\n"), what + ": CRLF records"
    rows = list(csv.DictReader(open(d + "/" + what + ".csv", newline="", encoding="utf-8")))
    data = json.load(open(d + "/" + what + ".json", encoding="utf-8"))
    assert len(rows) == len(data) and rows, (what, len(rows), len(data))
    if what != "attendance":
        assert list(rows[0].keys()) == list(data[0].keys()), (what, rows[0].keys(), data[0].keys())
print("ok")
' "$tmp"
	py "the factor list: 39 factors, path and definition, figures add up" '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert len(rows) == 39, len(rows)
for r in rows:
    assert r["path"].endswith(r["code"]) and r["definition"], r
    assert int(r["notes"]) >= max(int(r["enablers"]), int(r["barriers"]), int(r["neutral"])), r
vb1 = [r for r in rows if r["code"] == "VB1"][0]
assert vb1["path"] == "VB > VB1" and vb1["parent"] == "VB", vb1
' "$tmp/factors.csv"
	py "evidence: one row per tag, polarity a word" '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows and all(r["polarity"] in ("enabler", "barrier", "neutral") for r in rows)
assert all(r["text"] and r["session"] for r in rows)
' "$tmp/evidence.csv"
	py "no CSV field starts as a formula" '
import csv, sys
for f in sys.argv[1:]:
    for row in csv.reader(open(f, newline="", encoding="utf-8")):
        for v in row:
            assert not v[:1] in ("=", "+", "-", "@", "\t", "\r"), (f, v)
' "$tmp/factors.csv" "$tmp/evidence.csv" "$tmp/notes.csv" "$tmp/people.csv" "$tmp/attendance.csv"
	py "pseudonymised attendance has codes, no names" '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows and "first_name" not in rows[0] and "email" not in rows[0]
assert all(r["code"].startswith("P") for r in rows)
' "$tmp/attendance.csv"
else
	for i in 1 2 3 4 5; do skip "Python check $i" "no python3"; done
fi
mode=$(stat -c %a "$tmp/notes.csv")
if [ "$mode" = 600 ]; then pass "notes file is mode 0600"; else fail "notes file is mode $mode, want 600"; fi

# A link is written through: the file it points at gets the export, and
# the link stays a link.
mkdir -p "$tmp/shared"
echo old >"$tmp/shared/factoren.csv"
ln -s "$tmp/shared/factoren.csv" "$tmp/factoren-link.csv"
run --demo export factors -o "$tmp/factoren-link.csv"
is_rc 0 "export -o a symbolic link exits 0"
if [ -L "$tmp/factoren-link.csv" ]; then pass "the link is still a link"; else fail "the link was replaced by a file"; fi
has_text "its target holds the export" "$tmp/shared/factoren.csv" "LD1"
mode=$(stat -c %a "$tmp/factors.csv")
if [ "$mode" = 644 ]; then pass "factors file is mode 0644"; else fail "factors file is mode $mode, want 644"; fi
(umask 002 && "$STEMTUI_BIN" --demo export factors -o "$tmp/factors-002.csv" >/dev/null 2>&1)
mode=$(stat -c %a "$tmp/factors-002.csv")
if [ "$mode" = 664 ]; then pass "with umask 002 it is 0664 (the umask is honoured)"; else
	fail "with umask 002 it is 0664 (the umask is honoured), not $mode"; fi

# A note with markup, a pipe and a formula, tagged, for the draaiboek.
run --demo add-note 7 --kind citaat '<script>alert(1)</script> | =SUM(A1)'
is_rc 0 "add a note with markup"
note=$(cat "$out")
run --demo tag "$note" VB1+
is_rc 0 "tag it"

# --- The draaiboek --------------------------------------------------------------

run --demo export draaiboek --format md --quotes 5 -o "$tmp/draaiboek.md"
is_rc 0 "export draaiboek --format md"
has_text "md: the note's markup is escaped" "$tmp/draaiboek.md" '&lt;script&gt;alert(1)&lt;/script&gt; \| =SUM(A1)'
if grep -q '<script>' "$tmp/draaiboek.md"; then fail "md: no raw <script>"; else pass "md: no raw <script>"; fi
# A quote of several lines, some of which would start a list, a heading or
# a rule, and a paragraph break: every line escaped, all one list item.
note=$(printf 'x\n- item\n1. num\n+ plus\n\n===\n---' | "$STEMTUI_BIN" --demo add-note "COP 07" --kind quote)
run --demo tag "$note" LD1+
is_rc 0 "tag a quote of several lines"
run --demo export draaiboek --format md --quotes 10
printf -- '- “x  \n  \\- item  \n  1\\. num  \n  \\+ plus\n\n  \\===  \n  \\---” (COP 07, Thu 31 May 2018)\n' >"$tmp/want.md"
grep -A6 '^- “x  $' "$out" >"$tmp/got.md"
if cmp -s "$tmp/want.md" "$tmp/got.md"; then
	pass "md: every line of a quote escaped, its paragraph break kept, one list item"
else
	fail "md: every line of a quote escaped, its paragraph break kept, one list item"; diag <"$tmp/got.md"
fi
run --demo notes --format md
printf -- '  x  \n  \\- item  \n  1\\. num  \n  \\+ plus\n\n  \\===  \n  \\---\n' >"$tmp/want.md"
grep -A6 '^  x  $' "$out" >"$tmp/got.md"
if cmp -s "$tmp/want.md" "$tmp/got.md"; then pass "notes --format md escapes the same way"; else
	fail "notes --format md escapes the same way"; diag <"$tmp/got.md"; fi
run --demo export draaiboek --format html -o "$tmp/draaiboek.html"
is_rc 0 "export draaiboek --format html"
if [ "$have_python" = yes ]; then
	py "html: a standalone page with inline style, no script, no external assets" '
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.tags = []; self.text = []; self.stack = []
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag); self.stack.append(tag)
        for k, v in attrs:
            assert not (v or "").startswith(("http://", "https://", "//")), (tag, k, v)
    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag: self.stack.pop()
    def handle_data(self, d):
        if self.stack and self.stack[-1] == "style": self.style = d
        self.text.append(d)
s = open(sys.argv[1], encoding="utf-8").read()
p = P(); p.feed(s); p.close()
for t in ("html", "head", "style", "title", "body", "h1"):
    assert t in p.tags, t
assert "script" not in p.tags and "link" not in p.tags and "img" not in p.tags
assert "http://" not in s and "https://" not in s
assert "@media print" in p.style
assert "<script>alert(1)</script> | =SUM(A1)" in "".join(p.text)
' "$tmp/draaiboek.html"
else
	skip "html check" "no python3"
fi

# --- The codebook ------------------------------------------------------------------

run --demo export codebook --format qdc -o "$tmp/codebook.qdc"
is_rc 0 "export codebook --format qdc"
if [ "$have_refi" = yes ] && [ "$have_xmllint" = yes ]; then
	if xmllint --noout --schema "$xsd" "$tmp/codebook.qdc" >"$tmp/xl" 2>&1; then
		pass "the codebook validates against Codebook.xsd"
	else
		fail "the codebook validates against Codebook.xsd"; diag <"$tmp/xl"
	fi
else
	skip "the codebook validates against Codebook.xsd" "no xmllint or schema"
fi
if grep -q '<Sets' "$tmp/codebook.qdc"; then fail "no Sets element"; else pass "no Sets element"; fi
has_text "categories are not codable" "$tmp/codebook.qdc" 'name="Visie en beleid" isCodable="false"'
has_text "the code is in the Description" "$tmp/codebook.qdc" '<Description>Code: VB1'

# without CODE FILE: FILE (a codebook) without the leaf code CODE.
without() {
	awk -v code="$1" '
	skip { if ($0 ~ /<\/Code>/) skip = 0; next }
	held != "" { if ($0 ~ "Code: " code "$") { held = ""; skip = 1; next } print held; held = "" }
	/<Code guid=/ { held = $0; next }
	{ print }' "$2"
}
# The starter codebook edited elsewhere (a fresh database starts with the
# starter one, whose GUIDs are its codes', the same in every database): PA4
# gone, PA3 renamed XYZ, which keeps PA3's GUID.
without PA4 "$tmp/codebook.qdc" | sed 's/Code: PA3$/Code: XYZ/' >"$tmp/own.qdc"
if grep -q 'Code: PA4' "$tmp/own.qdc" || ! grep -q 'Code: XYZ' "$tmp/own.qdc"; then
	echo "Bail out! cannot make a codebook other than the starter one"; exit 99; fi
fresh=$tmp/fresh.sqlite
run --db "$fresh" import codebook --replace "$tmp/own.qdc"
is_rc 0 "import --replace a codebook into a fresh database"
has_text "PA3 is renamed (its GUID), PA4 removed" "$out" "0 added, 4 changed, 34 unchanged, 1 removed"
run --db "$fresh" export codebook -o "$tmp/own2.qdc"
is_rc 0 "export it again"
if cmp -s "$tmp/own.qdc" "$tmp/own2.qdc"; then pass "export, import, export: identical"; else
	fail "export, import, export: identical"; diff "$tmp/own.qdc" "$tmp/own2.qdc" | head -20 | diag; fi
run --db "$fresh" import codebook --replace "$tmp/own.qdc"
has_text "importing again changes nothing" "$out" "0 added, 0 changed, 38 unchanged, 0 removed"
run --db "$fresh" import codebook "$tmp/own.qdc"
has_text "nor does importing without --replace" "$out" "0 added, 0 changed, 38 unchanged factors"
run --db "$fresh" export codebook -o "$tmp/own3.qdc"
if cmp -s "$tmp/own.qdc" "$tmp/own3.qdc"; then pass "and the codebook is still the file's"; else
	fail "and the codebook is still the file's"; diff "$tmp/own.qdc" "$tmp/own3.qdc" | head -20 | diag; fi
run --db "$tmp/merged.sqlite" import codebook "$tmp/own.qdc"
is_rc 0 "without --replace the file is merged into the starter codebook"
has_text "which says what it kept" "$err" "1 factor that is not in the file was kept; --replace removes it"
# The demo's notes are tagged with LD1: replacing would lose that evidence.
run --demo factors --format csv
cp "$out" "$tmp/before.csv"
without LD1 "$tmp/codebook.qdc" >"$tmp/noLD1.qdc"
run --demo import codebook --replace "$tmp/noLD1.qdc"
is_rc 1 "--replace without a tagged factor is refused"
has_text "naming the factor and its notes" "$err" "not in the file: LD1 ("
run --demo factors --format csv
if cmp -s "$tmp/before.csv" "$out"; then pass "and the codebook is untouched"; else
	fail "and the codebook is untouched"; diff "$tmp/before.csv" "$out" | diag; fi
run --demo import codebook --replace "$tmp/x.ini"
is_rc 2 "--replace with an INI codebook is a usage error"

sdb=$tmp/sample.sqlite
if [ "$have_refi" = yes ]; then
	run --db "$sdb" import codebook "$sample"
	is_rc 0 "the spec's sample codebook imports"
	has_text "its six codes are added" "$out" "6 added"
	run --db "$sdb" factors --format csv
	has_text "Economy is there" "$out" "Economy"
	if [ "$(sed -n '2p;$p' "$out" | cut -d, -f1 | tr '\n' ' ')" = "VB LIB " ]; then
		pass "its codes come after the starter codebook's, in their order"
	else fail "its codes come after the starter codebook's, in their order"; cut -d, -f1 "$out" | diag; fi
	run --db "$sdb" export codebook -o "$tmp/sample-out.qdc"
	is_rc 0 "and exports again"
	has_text "GUIDs kept, upper case, without braces" "$tmp/sample-out.qdc" 'guid="D7AA29DA-519B-4946-9B90-253B6DB8FD0A"'
	if [ "$have_xmllint" = yes ] && xmllint --noout --schema "$xsd" "$tmp/sample-out.qdc" >/dev/null 2>&1; then
		pass "which validates"
	elif [ "$have_xmllint" = no ]; then skip "which validates" "no xmllint"; else fail "which validates"; fi
else
	for i in 1 2 3 4 5 6 7; do skip "sample check $i" "no refi-qda folder"; done
fi

# Malformed files: refused, exit 1, the database untouched.
run --db "$sdb" factors --format csv
cp "$out" "$tmp/before.csv"
printf 'not XML at all\n' >"$tmp/notxml.qdc"
printf '<?xml version="1.0"?>\n<CodeBook xmlns="urn:QDA-XML:project:1.0"><Codes><Code guid="11111111-1111-1111-1111-111111111111" name="A" isCodable="true"/></Codes></CodeBook>\n' >"$tmp/ns.qdc"
printf '<?xml version="1.0"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n<Code guid="11111111-1111-1111-1111-111111111111" name="New" isCodable="true"/>\n<Code guid="22222222-1111-1111-1111-111111111111" isCodable="true"/>\n</Codes></CodeBook>\n' >"$tmp/noname.qdc"
for bad in notxml:"not an XML file" ns:"not a REFI-QDA codebook" noname:"line 4: a Code without a name"; do
	file=${bad%%:*}
	msg=${bad#*:}
	run --db "$sdb" import codebook "$tmp/$file.qdc"
	is_rc 1 "$file.qdc is refused with exit 1"
	has_text "$file.qdc: a clear message" "$err" "$msg"
	has_text "$file.qdc: nothing imported" "$err" "Nothing was imported."
done
run --db "$sdb" factors --format csv
if cmp -s "$tmp/before.csv" "$out"; then pass "the database is untouched"; else
	fail "the database is untouched"; diff "$tmp/before.csv" "$out" | diag; fi

# Hostile codebooks: a document type declaring an entity (a small file
# that would expand to megabytes), a field past the limit, more codes than
# a codebook holds.  Refused with FILE:LINE, the database untouched.
python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
head = '<?xml version="1.0" encoding="UTF-8"?>\n'
code = ('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n'
        '<Code guid="6E6E6E6E-0000-4000-8000-000000000001" name="Boom" isCodable="true">'
        '<Description>%s</Description></Code>\n</Codes></CodeBook>\n')
open(d + "/entity.qdc", "w").write(head + '<!DOCTYPE CodeBook [<!ENTITY a "' + "A" * 1000
                                   + '">]>\n' + code % ("&a;" * 1000))
open(d + "/long.qdc", "w").write(head + code % ("x" * 65537))
def codes(name, n, first):
    with open(d + "/" + name, "w") as f:
        f.write(head + '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n')
        for i in range(first, first + n):
            f.write('<Code guid="5E5E5E5E-0000-4000-8000-%012d" name="Code %d" isCodable="true">'
                    '<Description>Code: Q%d</Description></Code>\n' % (i, i, i))
        f.write('</Codes></CodeBook>\n')
codes("5000.qdc", 5000, 0)
codes("10001.qdc", 10001, 100000)
PY
for bad in entity:"entity.qdc:2: a document type (<!DOCTYPE ...>) is not allowed in a REFI-QDA codebook" \
	long:"long.qdc:3: the Description of code \"Boom\" is longer than 65536 bytes, the most a field may hold" \
	10001:"10001.qdc:10003: too many codes (10001, at most 10000)"; do
	file=${bad%%:*}
	msg=${bad#*:}
	run --db "$sdb" import codebook "$tmp/$file.qdc"
	is_rc 1 "$file.qdc is refused with exit 1"
	has_text "$file.qdc: FILE:LINE and why" "$err" "$msg"
	has_text "$file.qdc: nothing imported" "$err" "Nothing was imported."
done
run --db "$sdb" factors --format csv
if cmp -s "$tmp/before.csv" "$out"; then pass "the database is untouched"; else
	fail "the database is untouched"; diff "$tmp/before.csv" "$out" | diag; fi

# A codebook of 5000 codes (past 4096 this crashed) imports whole, and
# every command shows all of it.
big=$tmp/big.sqlite
run --db "$big" import codebook "$tmp/5000.qdc"
is_rc 0 "a codebook of 5000 codes imports"
has_text "all of them" "$out" "5000 added, 0 changed, 0 unchanged factors"
run --db "$big" factors --format csv
if [ "$(grep -c '^Q[0-9]' "$out")" -eq 5000 ] && [ "$(tail -n 1 "$out" | cut -d, -f1)" = Q4999 ]; then
	pass "factors lists the 5000, the last one last"
else fail "factors lists the 5000, the last one last"; tail -n 2 "$out" | diag; fi
run --db "$big" export codebook -o "$tmp/big.qdc"
if [ "$(grep -c 'name="Code ' "$tmp/big.qdc")" -eq 5000 ]; then pass "export codebook writes the 5000"
else fail "export codebook writes the 5000"; fi
run --db "$big" export factors --format csv -o "$tmp/big.csv"
if [ "$(grep -c '^Q[0-9]' "$tmp/big.csv")" -eq 5000 ]; then pass "export factors writes the 5000"
else fail "export factors writes the 5000"; fi

# A failing export leaves the old file.
echo "old" >"$tmp/keep.csv"
run --demo export attendance --session nonsense-session --format csv -o "$tmp/keep.csv"
is_rc 1 "an export that fails exits 1"
if [ "$(cat "$tmp/keep.csv")" = old ]; then pass "and leaves the old file"; else fail "and leaves the old file"; fi

# Exporting onto the open database (by any name, or its WAL file) is
# refused and the database stays.
own=$tmp/own.sqlite
run --db "$own" factors --format csv
ln -s own.sqlite "$tmp/own-link.sqlite"
for target in "$own" "$tmp/own-link.sqlite" "$own-wal"; do
	run --db "$own" export factors -o "$target"
	is_rc 1 "export -o ${target#$tmp/} onto the open database is refused"
	has_text "with a clear message" "$err" "is the database stemtui has open"
done
run --db "$own" factors --format csv
is_rc 0 "the database is still there"
has_text "with its codebook" "$out" "VB1"

# The list commands' filters work on exports too.
run --demo notes --search creativiteit --format csv
cp "$out" "$tmp/listed.csv"
run --demo export notes --search creativiteit --format csv
is_rc 0 "export notes --search exits 0"
if cmp -s "$tmp/listed.csv" "$out"; then pass "export notes --search gives what notes --search lists"; else
	fail "export notes --search gives what notes --search lists"; diff "$tmp/listed.csv" "$out" | diag; fi
py "export notes --search keeps only matching notes" \
	'import csv,sys; r=list(csv.DictReader(open(sys.argv[1],encoding="utf-8"))); assert r and all("creativiteit" in x["text"].lower() for x in r), r' "$out"
run --demo export notes --factor LD2 --polarity - --format json
py "export notes --factor LD2 --polarity - keeps LD2 barriers" \
	'import json,sys; r=json.load(open(sys.argv[1],encoding="utf-8")); assert r and all("LD2-" in x["tags"].split() for x in r), r' "$out"
run --demo export people --role techniekcoach --format json
py "export people --role techniekcoach gives the four coaches" \
	'import json,sys; r=json.load(open(sys.argv[1],encoding="utf-8")); assert len(r) == 4 and all(x["role"] == "techniekcoach" for x in r), r' "$out"
run --demo export factors --role techniekcoach --format csv
is_rc 2 "a people filter on another export is a usage error"
run --demo export notes --kind nonsense --format csv
is_rc 2 "an unknown note kind is a usage error"

# --- An export killed while it writes ------------------------------------

# Enough notes that the export takes a while; SIGTERM once its temporary
# file is there must leave neither that file nor a half-written target.
cp "$XDG_DATA_HOME/stemtui/demo.sqlite" "$tmp/many.sqlite"
if python3 - "$tmp/many.sqlite" <<'PY'
import sqlite3, sys, unicodedata
c = sqlite3.connect(sys.argv[1])
# The schema's triggers call stemtui's own st_fold: a stand-in for them.
c.create_function("st_fold", 1, lambda s: None if s is None else "".join(
    ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch)).lower())
c.execute("BEGIN")
c.execute("""WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 8)
             INSERT INTO note(session_id, kind, body, group_label, author, created_at, updated_at)
             SELECT n.session_id, n.kind, n.body || ' ' || k.i || '-' || n2.id, n.group_label,
                    n.author, n.created_at, n.updated_at
             FROM note n, note n2, k""")
c.execute("COMMIT")
PY
then
	mkdir -p "$tmp/killed"
	"$STEMTUI_BIN" --db "$tmp/many.sqlite" export notes --format json -o "$tmp/killed/notes.json" \
		>/dev/null 2>&1 &
	pid=$!
	seen=no
	for i in $(seq 1 2000); do
		if ls -A "$tmp/killed" | grep -q '^\.stemtui-export-'; then seen=yes; break; fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.01
	done
	if [ "$seen" = yes ]; then
		kill -TERM "$pid"
		wait "$pid"
		rc=$?
		if [ "$rc" -ne 0 ]; then pass "SIGTERM ends the export (status $rc)"; else
			fail "SIGTERM ends the export"; fi
		if [ -z "$(ls -A "$tmp/killed")" ]; then pass "and leaves no temporary file and no target behind"; else
			fail "a killed export left files behind"; ls -A "$tmp/killed" | diag; fi
	else
		wait "$pid"
		skip "SIGTERM during an export" "the export finished before its temporary file was seen"
		skip "no temporary file left behind" "as above"
	fi
	# SIGKILL cannot be caught: the temporary file stays, until the next
	# export into that folder finds its writer gone.
	"$STEMTUI_BIN" --db "$tmp/many.sqlite" export notes --format json -o "$tmp/killed/notes.json" \
		>/dev/null 2>&1 &
	pid=$!
	seen=no
	for i in $(seq 1 2000); do
		if ls -A "$tmp/killed" | grep -q '^\.stemtui-export-'; then seen=yes; break; fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.01
	done
	if [ "$seen" = yes ]; then
		kill -KILL "$pid"
		wait "$pid" 2>/dev/null   # without the shell's "Killed" in the log
		if ls -A "$tmp/killed" | grep -q '^\.stemtui-export-'; then
			pass "SIGKILL leaves the temporary file, named as stemtui's"; else
			fail "SIGKILL leaves the temporary file, named as stemtui's"; fi
		run --demo export factors -o "$tmp/killed/factors.csv"
		is_rc 0 "the next export into that folder exits 0"
		if ls -A "$tmp/killed" | grep -q '^\.stemtui-export-'; then
			fail "and removes the killed export's temporary file"; ls -A "$tmp/killed" | diag; else
			pass "and removes the killed export's temporary file"; fi
	else
		wait "$pid"
		for i in 1 2 3; do skip "SIGKILL during an export ($i)" "the export finished first"; done
	fi
else
	skip "SIGTERM during an export" "python3's sqlite3 is missing"
	skip "no temporary file left behind" "as above"
	for i in 1 2 3; do skip "SIGKILL during an export ($i)" "python3's sqlite3 is missing"; done
fi

finish
