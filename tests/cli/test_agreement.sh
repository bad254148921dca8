#!/bin/sh
# test_agreement.sh: coders on tags from the command line: --facilitator
# as the author of notes and the coder of tags, tag --remove taking only
# one's own tag, factors --coder, and `agreement` (table, csv, json; kappa
# undefined as - and null) and `agreement disagreements` compared with
# expected output worked out by hand on a small database (tests/data/export)
# with two coders; and their usage errors (TAP).  Environment as for
# test_cli.sh.

name=agreement
. "$(dirname "$0")/lib.sh"

exp=$tmp/expected
# Notes 1 and 2 at T 01 (a groeisessie), 3 and 4 at T 02 (a focusgroep).
small_database
st --facilitator "Ann Peeters" add-note "T 01" "Vijfde"

# --- --facilitator ------------------------------------------------------------------

run --db "$db" notes --format csv
has_text "--facilitator is the author of the note it adds" "$out" ',Ann Peeters,Vijfde,'

run --db "$db" agreement
is_rc 1 "agreement without tags exits 1"
has_text "  saying it needs two coders" "$err" "agreement needs two coders, and the tags record 0"

# An: 1 VB1+, 2 VB1, 2 TM1+, 3 TM1-.  Bert: 1 VB1-, 2 TM1+, 3 TM1-, 4 VB1.
st --facilitator An tag 1 VB1+
st --facilitator An tag 2 VB1
st --facilitator An tag 2 TM1+
st --facilitator An tag 3 TM1-
run --db "$db" agreement
is_rc 1 "agreement with one coder exits 1"
has_text "  saying the tags record 1" "$err" "the tags record 1;"
run --db "$db" --facilitator Bert tag 1 VB1-
is_rc 0 "Bert tags note 1 that An tagged already"
has_text "  the note shows both, as they disagree" "$out" "note 1: VB1+ VB1-"
st --facilitator Bert tag 2 TM1+
st --facilitator Bert tag 3 TM1-
st --facilitator Bert tag 4 VB1

run --db "$db" --facilitator Bert tag --remove 2 VB1
is_rc 1 "Bert cannot remove An's tag"
has_text "  and is told it is someone else's" "$err" "note 2 is tagged with VB1 by other coders only"
run --db "$db" tag --remove 2 VB1
is_rc 1 "without --facilitator (the unknown coder) neither"
run --db "$db" --facilitator an tag 2 TM1
is_rc 0 "An (any case) makes her TM1 on note 2 neutral"
has_text "  Bert's TM1+ stays" "$out" "note 2: VB1 TM1+ TM1"
st --facilitator AN tag 2 TM1+

# --- factors --coder ---------------------------------------------------------------

cat >"$exp" <<'TXT'
code,name,parent,level,notes,sessions,schools,enablers,barriers,neutral,inspiratie,groei,focus,uitwissel
VB,Visie en beleid,,0,3,2,2,1,1,2,0,2,1,0
VB1,Gedeelde visie,VB,1,3,2,2,1,1,2,0,2,1,0
TM,Team,,0,2,2,2,1,1,0,0,1,1,0
TM1,Professionalisering,TM,1,2,2,2,1,1,0,0,1,1,0
TXT
run --db "$db" factors --format csv
crlf "$exp" >"$exp.crlf"
same_text "factors: every coder's tags, a note once per factor (1 is an enabler and a barrier)" \
	"$exp.crlf" "$out"
cat >"$exp" <<'TXT'
code,name,parent,level,notes,sessions,schools,enablers,barriers,neutral,inspiratie,groei,focus,uitwissel
VB,Visie en beleid,,0,2,2,2,0,1,1,0,1,1,0
VB1,Gedeelde visie,VB,1,2,2,2,0,1,1,0,1,1,0
TM,Team,,0,2,2,2,1,1,0,0,1,1,0
TM1,Professionalisering,TM,1,2,2,2,1,1,0,0,1,1,0
TXT
run --db "$db" factors --coder BERT --format csv
crlf "$exp" >"$exp.crlf"
same_text "factors --coder BERT: Bert's tags only" "$exp.crlf" "$out"
run --db "$db" factors --coders an,bert
is_rc 2 "factors --coders is a usage error"

# --- agreement -------------------------------------------------------------------
# Notes both tagged: 1, 2, 3 (4 is Bert's only).
# VB1: An 1, 2; Bert 1: yy 1, yn 1, ny 0, nn 1; po = 2/3, pA = 2/3,
#   pB = 1/3, pe = 2/9 + 2/9 = 4/9, kappa = (6/9 - 4/9) / (5/9) = 0.4.
# TM1: An 2, 3; Bert 2, 3: yy 2, nn 1: kappa 1.
# Total, 6 decisions: yy 3, yn 1, ny 0, nn 2; po = 5/6, pA = 4/6, pB = 3/6,
#   pe = 12/36 + 6/36 = 1/2, kappa = (5/6 - 1/2) / (1/2) = 2/3.

cat >"$exp" <<'TXT'
Coders an and bert: 3 notes tagged by both
Factor                                          Both   Agree       %   Kappa
  VB1   Gedeelde visie                             3       2    66.7   0.400
  TM1   Professionalisering                        3       3   100.0   1.000
Total (every note and factor)                      6       5    83.3   0.667
TXT
run --db "$db" agreement
is_rc 0 "agreement exits 0"
same_text "agreement: the two coders with most tags, per factor and in total" "$exp" "$out"
run --db "$db" agreement --coders Bert,An
cat >"$exp" <<'TXT'
Coders Bert and An: 3 notes tagged by both
Factor                                          Both   Agree       %   Kappa
  VB1   Gedeelde visie                             3       2    66.7   0.400
  TM1   Professionalisering                        3       3   100.0   1.000
Total (every note and factor)                      6       5    83.3   0.667
TXT
same_text "agreement --coders Bert,An: the same, by name in any case" "$exp" "$out"

cat >"$exp" <<'TXT'
code,name,both,agree,percent,kappa
VB1,Gedeelde visie,3,2,66.7,0.400
TM1,Professionalisering,3,3,100.0,1.000
,,6,5,83.3,0.667
TXT
run --db "$db" agreement --format csv
crlf "$exp" >"$exp.crlf"
same_text "agreement --format csv: the total is the row with code \"\"" "$exp.crlf" "$out"

# At the focus group only note 3 was tagged by both, with TM1 by both:
# pA = pB = 1, pe = 1: kappa undefined.
cat >"$exp" <<'TXT'
[
  {"code": "TM1", "name": "Professionalisering", "both": 1, "agree": 1, "percent": 100.0, "kappa": null},
  {"code": "", "name": "", "both": 1, "agree": 1, "percent": 100.0, "kappa": null}
]
TXT
run --db "$db" agreement --session-kind focusgroep --format json
same_text "agreement --session-kind focusgroep --format json: kappa undefined is null" "$exp" "$out"
cat >"$exp" <<'TXT'
Coders an and bert: 1 note tagged by both
Factor                                          Both   Agree       %   Kappa
  TM1   Professionalisering                        1       1   100.0       -
Total (every note and factor)                      1       1   100.0       -
TXT
run --db "$db" agreement --session-kind focus
same_text "  and - in the table" "$exp" "$out"
run --db "$db" agreement --programme nope
is_rc 1 "agreement --programme nope exits 1"

cat >"$exp" <<'TXT'
1       T 01          VB1       an +, bert -              Eerste
1 disagreement on polarity
TXT
run --db "$db" agreement disagreements
is_rc 0 "agreement disagreements exits 0"
same_text "  note 1: An said VB1 is an enabler, Bert a barrier" "$exp" "$out"
cat >"$exp" <<'TXT'
[
  {"note": 1, "session": "T 01", "date": "2018-10-10", "code": "VB1", "name": "Gedeelde visie", "polarities": "an +, bert -", "text": "Eerste"}
]
TXT
run --db "$db" agreement disagreements --coders an,bert --format json
same_text "  as JSON, for the two coders" "$exp" "$out"

# --- exports ------------------------------------------------------------------------

cat >"$exp" <<'TXT'
factor,factor_name,path,polarity,note_id,programme,session,session_kind,date,school,group,kind,text
VB1,Gedeelde visie,VB > VB1,enabler,1,Testnetwerk 2018-2019,T 01,groeisessie,2018-10-10,VBS De Regenboog,,observation,Eerste
VB1,Gedeelde visie,VB > VB1,barrier,1,Testnetwerk 2018-2019,T 01,groeisessie,2018-10-10,VBS De Regenboog,,observation,Eerste
VB1,Gedeelde visie,VB > VB1,neutral,2,Testnetwerk 2018-2019,T 01,groeisessie,2018-10-10,VBS De Regenboog,,observation,Tweede
VB1,Gedeelde visie,VB > VB1,neutral,4,Testnetwerk 2018-2019,T 02,focusgroep,2019-02-05,GO! Het Park,,observation,Vierde
TM1,Professionalisering,TM > TM1,enabler,2,Testnetwerk 2018-2019,T 01,groeisessie,2018-10-10,VBS De Regenboog,,observation,Tweede
TM1,Professionalisering,TM > TM1,barrier,3,Testnetwerk 2018-2019,T 02,focusgroep,2019-02-05,GO! Het Park,,observation,Derde
TXT
run --db "$db" export evidence --format csv
crlf "$exp" >"$exp.crlf"
same_text "export evidence: a note once per polarity its coders gave (2 and 3 once, 1 twice)" \
	"$exp.crlf" "$out"
run --db "$db" export draaiboek --format md --quotes 3
is_rc 0 "export draaiboek exits 0"
if [ "$(grep -c 'Derde' "$out")" -eq 1 ]; then
	pass "  a quote tagged by two coders shows once"
else
	fail "  a quote tagged by two coders shows once"; grep -n 'Derde' "$out" | diag
fi

# --- usage --------------------------------------------------------------------------

run --db "$db" agreement --coders an
is_rc 2 "--coders with one name is a usage error"
has_text "  asking for two names" "$err" "--coders wants two names"
run --db "$db" agreement --coders an,bert,carla
is_rc 2 "--coders with three names too"
run --db "$db" agreement --coder an
is_rc 2 "agreement --coder is a usage error"
run --db "$db" agreement kappa
is_rc 2 "agreement kappa (an unknown word) is a usage error"
run --db "$db" agreement --session-kind nope
is_rc 2 "agreement --session-kind nope is a usage error"
run --db "$db" sessions --coder an
is_rc 2 "--coder does not apply to sessions"

finish
