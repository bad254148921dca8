#!/bin/sh
# test_coder_exports.sh: the exports and the coders of tags from the
# command line (TAP).  Two coders tag the small database (tests/data/export):
# An and Bert agree on note 1 (VB1+), disagree on note 2 (TM1+ and TM1-),
# and only Bert tags note 3 (VB1).  Without --coder every export counts
# and shows a note once per factor (once per polarity where the coders
# disagree); with --coder NAME only that coder's tags, in the factor list
# (csv, json, html, xlsx), the codebook, the matrix, the evidence, the
# notes' tags and the draaiboek.  The list of disagreements is reachable;
# --coder where it does not apply is a usage error.  Environment as for
# test_cli.sh.

name=coder_exports
. "$(dirname "$0")/lib.sh"

exp=$tmp/expected
small_database
st --facilitator An tag 1 VB1+
st --facilitator Bert tag 1 VB1+
st --facilitator An tag 2 TM1+
st --facilitator Bert tag 2 TM1-
st --facilitator Bert tag 3 VB1

# same_csv NAME EXPECTED-TEXT: $out equals the text, its lines ended CRLF.
same_csv() {
	printf '%s\n' "$2" >"$exp"
	crlf "$exp" >"$exp.crlf"
	same_text "$1" "$exp.crlf" "$out"
}

# --- the factor list ---------------------------------------------------------------

run --db "$db" export factors --format csv
same_csv "export factors: note 1 once for VB1 (two coders agree), note 2 once for TM1" \
'code,name,parent,level,notes,sessions,schools,enablers,barriers,neutral,inspiratie,groei,focus,uitwissel,path,definition
VB,Visie en beleid,,0,2,2,2,1,0,1,0,1,1,0,VB,Hoe de school STEM ziet.
VB1,Gedeelde visie,VB,1,2,2,2,1,0,1,0,1,1,0,VB > VB1,Het team deelt een beeld van STEM.
TM,Team,,0,1,1,1,1,1,0,0,1,0,0,TM,
TM1,Professionalisering,TM,1,1,1,1,1,1,0,0,1,0,0,TM > TM1,Nascholing en coaching van leerkrachten.'
run --db "$db" export factors --format csv --coder AN
is_rc 0 "export factors --coder AN exits 0"
same_csv "  An's tags only (the name in any case)" \
'code,name,parent,level,notes,sessions,schools,enablers,barriers,neutral,inspiratie,groei,focus,uitwissel,path,definition
VB,Visie en beleid,,0,1,1,1,1,0,0,0,1,0,0,VB,Hoe de school STEM ziet.
VB1,Gedeelde visie,VB,1,1,1,1,1,0,0,0,1,0,0,VB > VB1,Het team deelt een beeld van STEM.
TM,Team,,0,1,1,1,1,0,0,0,1,0,0,TM,
TM1,Professionalisering,TM,1,1,1,1,1,0,0,0,1,0,0,TM > TM1,Nascholing en coaching van leerkrachten.'
run --db "$db" export factors --format json --coder bert
has_text "export factors --format json --coder bert: TM1 his barrier" "$out" \
	'"code": "TM1", "name": "Professionalisering", "parent": "TM", "level": 1, "notes": 1, "sessions": 1, "schools": 1, "enablers": 0, "barriers": 1,'
run --db "$db" export factors --format html --coder Bert
has_text "export factors --format html --coder Bert says whose tags" "$out" "Tags of:"
if command -v python3 >/dev/null 2>&1; then
	run --db "$db" export factors --format xlsx --coder An -o "$tmp/an.xlsx"
	python3 "$STEMTUI_SRCDIR/tests/cli/read_xlsx.py" "$tmp/an.xlsx" 5 >"$tmp/sheet" 2>&1
	has_text "export factors --format xlsx --coder An: TM1 her enabler" "$tmp/sheet" \
		"row 5: A:t:TM1 | B:t:Professionalisering | C:t:TM | D:n:1 | E:n:1 | F:n:1 | G:n:1 | H:n:1 | I:n:0 | J:n:0"
else
	skip "export factors --format xlsx --coder An" "no python3 to read the workbook"
fi

# --- the codebook and the matrix ------------------------------------------------

run --db "$db" export codebook --format csv --coder bert
has_text "export codebook --coder bert: TM1 his barrier" "$out" \
	',Nascholing en coaching van leerkrachten.,,,,,1,1,1,0,1,0'
run --db "$db" export matrix --cols school --format csv
same_csv "export matrix: a note once per factor and school" \
'code,name,level,GO! Het Park: notes,GO! Het Park: enablers,GO! Het Park: barriers,VBS De Regenboog: notes,VBS De Regenboog: enablers,VBS De Regenboog: barriers
VB,Visie en beleid,0,1,0,0,1,1,0
VB1,Gedeelde visie,1,1,0,0,1,1,0
TM,Team,0,0,0,0,1,1,1
TM1,Professionalisering,1,0,0,0,1,1,1'
run --db "$db" export matrix --cols school --format csv --coder an
same_csv "export matrix --coder an: only the school of her notes" \
'code,name,level,VBS De Regenboog: notes,VBS De Regenboog: enablers,VBS De Regenboog: barriers
VB,Visie en beleid,0,1,1,0
VB1,Gedeelde visie,1,1,1,0
TM,Team,0,1,1,0
TM1,Professionalisering,1,1,1,0'

# --- the evidence and the notes' tags --------------------------------------------

run --db "$db" export evidence --format csv
tr -d '\r' <"$out" | cut -d, -f1,4,5 >"$tmp/cols"
printf 'factor,polarity,note_id\nVB1,enabler,1\nVB1,neutral,3\nTM1,enabler,2\nTM1,barrier,2\n' >"$exp"
same_text "export evidence: note 1 once, note 2 once per polarity" "$exp" "$tmp/cols"
run --db "$db" export evidence --format csv --coder Bert
tr -d '\r' <"$out" | cut -d, -f1,4,5 >"$tmp/cols"
printf 'factor,polarity,note_id\nVB1,enabler,1\nVB1,neutral,3\nTM1,barrier,2\n' >"$exp"
same_text "export evidence --coder Bert: his tags" "$exp" "$tmp/cols"
run --db "$db" export notes --format csv
tr -d '\r' <"$out" | cut -d, -f1,12,13 >"$tmp/cols"
printf 'id,text,tags\n1,Eerste,VB1+\n2,Tweede,TM1+ TM1-\n3,Derde,VB1\n4,Vierde,\n' >"$exp"
same_text "export notes: VB1+ once on note 1 (it was VB1+ VB1+)" "$exp" "$tmp/cols"
run --db "$db" export notes --format csv --coder an
tr -d '\r' <"$out" | cut -d, -f1,12,13 >"$tmp/cols"
printf 'id,text,tags\n1,Eerste,VB1+\n2,Tweede,TM1+\n3,Derde,\n4,Vierde,\n' >"$exp"
same_text "export notes --coder an: her tags" "$exp" "$tmp/cols"

# --- the draaiboek ---------------------------------------------------------------

run --db "$db" export draaiboek --format md
has_text "export draaiboek: 3 tagged notes" "$out" "**Based on:** 3 tagged notes from 2 sessions"
run --db "$db" export draaiboek --format md --coder An
has_text "export draaiboek --coder An says whose tags" "$out" "**Tags of:** An"
has_text "  2 tagged notes" "$out" "**Based on:** 2 tagged notes from 1 session"
if grep -q "What hinders" "$out"; then fail "  nothing hinders (Bert's barrier)"; else
	pass "  nothing hinders (Bert's barrier)"; fi

# --- the disagreements ------------------------------------------------------------

run --db "$db" agreement disagreements
is_rc 0 "agreement disagreements exits 0"
has_text "  and lists note 2, where An and Bert disagree on TM1" "$out" "an +, bert -"
run --help
has_text "--help names agreement disagreements" "$out" "agreement disagreements "

# --- usage errors ---------------------------------------------------------------

run --db "$db" export people --coder an
is_rc 2 "export people --coder is a usage error"
has_text "  saying which exports take it" "$err" "--coder is for the exports with tags or figures"
run --db "$db" export attendance --session "T 01" --coder an
is_rc 2 "export attendance --coder is a usage error"
run --db "$db" export codebook --format qdc --coder an
is_rc 2 "export codebook --format qdc --coder is a usage error"
run --db "$db" export notes --untagged --coder an
is_rc 2 "export notes --untagged --coder is a usage error"
has_text "  saying the tag filters read every coder's tags" "$err" "every coder's tags"
run --db "$db" export factors --coders an,bert
is_rc 2 "export --coders is a usage error"

finish
