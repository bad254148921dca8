#!/bin/sh
# test_codebook.sh: the starter codebook shipped in share/codebook (TAP):
# complete (a definition for every category; definition, inclusion,
# exclusion and an example for every factor), holding the areas issue 13
# added, loaded into a new database only, reaching an existing one only
# through `import codebook` (which names what it adds and changes), and
# round-tripping through REFI-QDA (.qdc).  Environment as for test_cli.sh.

name=codebook
. "$(dirname "$0")/lib.sh"

starter=$STEMTUI_DATADIR/codebook/starter.ini

# --- The file: every factor explained -----------------------------------------

# One line per section: CODE PARENT has-definition has-inclusion
# has-exclusion has-example (1 or 0), read from the INI as written.
awk '
	function flush() { if (code != "") print code, (parent == "" ? "-" : parent), d, i, e, x }
	/^\[/ { flush(); code = ""; parent = ""; d = i = e = x = 0; next }
	/^code = / { code = $3 }
	/^parent = / { parent = $3 }
	/^definition = ./ { d = 1 }
	/^inclusion = ./ { i = 1 }
	/^exclusion = ./ { e = 1 }
	/^memo = "?Voorbeeld: ./ { x = 1 }
	END { flush() }' "$starter" >"$tmp/sections"
awk '$2 == "-" && $3 != 1' "$tmp/sections" >"$tmp/bare"
is_empty "every category of the starter codebook has a definition" "$tmp/bare"
awk '$2 != "-" && ($3 != 1 || $4 != 1 || $5 != 1 || $6 != 1)' "$tmp/sections" >"$tmp/bare"
is_empty "every factor has a definition, inclusion and exclusion criteria and an example" "$tmp/bare"

# --- A new database gets it -------------------------------------------------------

db=$tmp/new.sqlite
run --db "$db" factors --format csv
is_rc 0 "a new database lists its factors"
cp "$out" "$tmp/new.csv"
has_text "  down to the last factor of issue 5" "$tmp/new.csv" \
	"BO3,Verankering,BO,1"
for want in "LL,Leerlingen,,0" "LL1,Betrokkenheid en motivatie,LL,1" \
	"LL2,Meisjes en genderbewust STEM-onderwijs,LL,1" \
	"LL3,\"Diversiteit, kansengroepen en anderstalige leerlingen\",LL,1" \
	"LL4,Talent en excellentie,LL,1" "LL5,Beeldvorming over techniek en STEM-beroepen,LL,1" \
	"PA6,Pedagogische begeleidingsdienst,PA,1" \
	"PA7,Netwerk en uitwisseling met andere scholen,PA,1" \
	"DI4,Aansluiting bij leerplan en eindtermen,DI,1" \
	"DI5,Maatschappelijke relevantie en contexten,DI,1" \
	"DI6,Evalueren van leerlingen,DI,1" \
	"OR2,\"Ruimte, infrastructuur en materiaal\",OR,1" \
	"OR3,Financiële middelen en omkadering,OR,1" \
	"BO1,Evaluatie en kwaliteitszorg,BO,1"; do
	has_text "  holds $want" "$tmp/new.csv" "$want"
done
if [ "$(($(wc -l <"$tmp/new.csv") - 1))" -eq 39 ]; then
	pass "  39 factors in all"
else
	fail "  39 factors in all"; diag <"$tmp/new.csv"
fi

# The demo's note about anderstalige leerlingen is tagged with the
# diversity factor, pupils' evaluation with DI6.
run --demo notes --factor LL3 --format csv
has_text "the demo tags the note about anderstalige leerlingen LL3" "$out" "veel anderstalige leerlingen"
run --demo notes --factor DI6 --format csv
has_text "the demo tags the note about evaluating pupils DI6" "$out" "Een rapportcijfer voelt verkeerd aan"

# --- An existing database keeps its own codebook -----------------------------------

# An "older stemtui": a datadir whose starter codebook is smaller and
# which the user then edited.
olddata=$tmp/olddata
mkdir -p "$olddata/codebook"
cp -R "$STEMTUI_DATADIR/programmes" "$STEMTUI_DATADIR/roles.ini" "$olddata/"
printf '[factor vb]\ncode = VB\nname = Visie en beleid\n\n[factor vb1]\ncode = VB1\nparent = VB\nname = Gedeelde visie\n\n[factor or3]\ncode = OR3\nparent = VB\nname = Middelen\n' \
	>"$olddata/codebook/starter.ini"
old=$tmp/old.sqlite
STEMTUI_DATADIR=$olddata "$STEMTUI_BIN" --db "$old" factors >/dev/null 2>&1
printf '[factor mine]\ncode = VB1\nparent = VB\nname = Onze eigen visie\n' >"$tmp/mine.ini"
run --db "$old" import codebook "$tmp/mine.ini"
run --db "$old" factors --format csv
cp "$out" "$tmp/old-before.csv"
has_text "opening an existing database with a newer stemtui does not load the new starter codebook" \
	"$tmp/old-before.csv" "VB1,Onze eigen visie,VB,1"
if [ "$(($(wc -l <"$tmp/old-before.csv") - 1))" -eq 3 ]; then
	pass "  nor add any of its factors"
else
	fail "  nor add any of its factors"; diag <"$tmp/old-before.csv"
fi
run --db "$old" import codebook "$starter"
is_rc 0 "import codebook of the starter codebook into an existing database exits 0"
has_text "  and counts what it does" "$out" "36 added, 3 changed, 0 unchanged factors"
has_text "  naming each factor it adds" "$out" "  added: LL  Leerlingen"
has_text "  (a factor under a category)" "$out" "  added: LL3  Diversiteit, kansengroepen en anderstalige leerlingen"
has_text "  and each it changes" "$out" "  changed: VB1  Gedeelde visie"
has_text "  by code, renamed as shipped" "$out" "  changed: OR3  Financiële middelen en omkadering"
run --db "$old" import codebook "$starter"
has_text "importing it again changes nothing" "$out" "0 added, 0 changed, 39 unchanged factors"
if grep -q "added:\|changed:" "$out"; then fail "  and names nothing"; diag <"$out"; else pass "  and names nothing"; fi
LANGUAGE=nl run --db "$tmp/nl.sqlite" import codebook "$tmp/mine.ini"
has_text "in Dutch, it names what it changes" "$out" "  gewijzigd: VB1  Onze eigen visie"

# Saved by Notepad as "UTF-8 with BOM": imported as without the mark.
{ printf '\357\273\277'; cat "$starter"; } >"$tmp/bom.ini"
run --db "$tmp/bom.sqlite" import codebook "$tmp/bom.ini"
is_rc 0 "a codebook starting with a byte-order mark is imported"
is_empty "  without a word on stderr" "$err"

# --- Round trip through REFI-QDA ------------------------------------------------------

run --db "$db" export codebook --format qdc -o "$tmp/a.qdc"
is_rc 0 "the starter codebook exports as .qdc"
if command -v xmllint >/dev/null 2>&1; then
	if xmllint --noout --schema "$STEMTUI_SRCDIR/tests/data/refi-qda/Codebook.xsd" "$tmp/a.qdc" \
		2>"$err"; then pass "  valid against the REFI-QDA schema"; else
		fail "  valid against the REFI-QDA schema"; diag <"$err"; fi
else
	skip "  valid against the REFI-QDA schema" "no xmllint"
fi
has_text "  with the inclusion criteria" "$tmp/a.qdc" "Inclusion: Thuistaal, taalarme opdrachten"
has_text "  the exclusion criteria" "$tmp/a.qdc" "Exclusion: Het evalueren van leerlingen: DI6."
has_text "  and the example" "$tmp/a.qdc" "Voorbeeld: &quot;De school heeft veel anderstalige leerlingen."
run --db "$tmp/fresh.sqlite" import codebook "$tmp/a.qdc"
is_rc 0 "the .qdc imports into a fresh database"
run --db "$tmp/fresh.sqlite" export codebook --format qdc -o "$tmp/b.qdc"
if cmp -s "$tmp/a.qdc" "$tmp/b.qdc"; then pass "  which exports the same .qdc again"; else
	fail "  which exports the same .qdc again"; diff -u "$tmp/a.qdc" "$tmp/b.qdc" | diag; fi
run --db "$tmp/fresh.sqlite" factors --format csv
if cmp -s "$tmp/new.csv" "$out"; then pass "  and lists the same factors"; else
	fail "  and lists the same factors"; diff -u "$tmp/new.csv" "$out" | diag; fi

rm -rf "$tmp"
finish
