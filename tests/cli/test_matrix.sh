#!/bin/sh
# test_matrix.sh: the codebook in plain words (`export codebook --format
# md|csv`) and the matrix of notes per factor and column (`export matrix
# --rows factor --cols ...`, csv and json), compared with expected output
# on a small database (tests/data/export: a codebook of two categories and
# two factors, a programme of two sessions at two schools) with four
# tagged notes; and their usage errors (TAP).  Environment as for
# test_cli.sh.

name=matrix
. "$(dirname "$0")/lib.sh"

exp=$tmp/expected
small_database
st tag 1 VB1+
st tag 2 VB1-
st tag 2 TM1+
st tag 3 TM1-
st tag 4 VB1

# --- Usage ------------------------------------------------------------------------

run --db "$db" export matrix --format csv
is_rc 2 "export matrix without --cols is a usage error"
has_text "  naming the columns it takes" "$err" "--cols school|session|session-kind|programme"
run --db "$db" export matrix --cols teacher --format csv
is_rc 2 "--cols teacher is not one"
run --db "$db" export matrix --rows session --cols school --format csv
is_rc 2 "--rows is factor only"
run --db "$db" export factors --cols school --format csv
is_rc 2 "--cols is for export matrix"
has_text "  and says so" "$err" "--rows and --cols are for 'export matrix'"
run --db "$db" export matrix --cols school --format md
is_rc 2 "a matrix as Markdown is a usage error"

# --- The codebook in plain words -------------------------------------------------

cat >"$exp" <<'TXT'
code,name,parent,level,definition,inclusion,exclusion,example,memo,notes,sessions,schools,enablers,barriers,neutral
VB,Visie en beleid,,0,Hoe de school STEM ziet.,,,,,3,2,2,1,1,1
VB1,Gedeelde visie,VB,1,Het team deelt een beeld van STEM.,"Een visietekst, een gesprek over STEM.",Uren en middelen: OR.,"""Drie scholen hebben nog geen visie.""",Nog na te vragen bij de coördinator.,3,2,2,1,1,1
TM,Team,,0,,,,,,2,2,2,1,1,0
TM1,Professionalisering,TM,1,Nascholing en coaching van leerkrachten.,,,,,2,2,2,1,1,0
TXT
crlf "$exp" >"$exp.crlf"
run --db "$db" export codebook --format csv
is_rc 0 "export codebook --format csv"
same_text "  every factor with its criteria, the memo's example apart, and figures" "$exp.crlf" "$out"

cat >"$exp" <<'TXT'
# Codebook: critical success factors for STEM at school

## VB · Visie en beleid

Hoe de school STEM ziet.

**Figures:** Notes 3, Enablers 1, Barriers 1, Neutral 1, Sessions 2, Schools 2

### VB1 · Gedeelde visie

Het team deelt een beeld van STEM.

**Use when:** Een visietekst, een gesprek over STEM.

**Not when:** Uren en middelen: OR.

**Example:** "Drie scholen hebben nog geen visie."

**Memo:** Nog na te vragen bij de coördinator.

**Figures:** Notes 3, Enablers 1, Barriers 1, Neutral 1, Sessions 2, Schools 2

## TM · Team

**Figures:** Notes 2, Enablers 1, Barriers 1, Neutral 0, Sessions 2, Schools 2

### TM1 · Professionalisering

Nascholing en coaching van leerkrachten.

**Figures:** Notes 2, Enablers 1, Barriers 1, Neutral 0, Sessions 2, Schools 2

TXT
run --db "$db" export codebook --format md
is_rc 0 "export codebook --format md"
same_text "  a heading per category and factor, its parts labelled" "$exp" "$out"
LANGUAGE=nl run --db "$db" export codebook --format md
has_text "  in Dutch" "$out" "**Niet gebruiken als:** Uren en middelen: OR."
has_text "  with the example in Dutch" "$out" "**Voorbeeld:** \"Drie scholen hebben nog geen visie.\""
run --db "$db" export codebook --format html
is_rc 0 "export codebook --format html"
has_text "  one page" "$out" "<h3><span class=\"code\">VB1</span> Gedeelde visie</h3>"
has_text "  quotes escaped" "$out" "<p><strong>Example:</strong> &quot;Drie scholen hebben nog geen visie.&quot;</p>"
run --db "$db" export codebook
is_rc 0 "export codebook without --format"
has_text "  is the REFI-QDA codebook still" "$out" "<CodeBook"

# --- The matrix -------------------------------------------------------------------

cat >"$exp" <<'TXT'
code,name,level,Testnetwerk 2018-2019 T 01: notes,Testnetwerk 2018-2019 T 01: enablers,Testnetwerk 2018-2019 T 01: barriers,Testnetwerk 2018-2019 T 02: notes,Testnetwerk 2018-2019 T 02: enablers,Testnetwerk 2018-2019 T 02: barriers
VB,Visie en beleid,0,2,1,1,1,0,0
VB1,Gedeelde visie,1,2,1,1,1,0,0
TM,Team,0,1,1,0,1,0,1
TM1,Professionalisering,1,1,1,0,1,0,1
TXT
crlf "$exp" >"$exp.crlf"
run --db "$db" export matrix --rows factor --cols session --format csv
is_rc 0 "export matrix --rows factor --cols session --format csv"
same_text "  notes, enablers and barriers per factor and session, by date" "$exp.crlf" "$out"

cat >"$exp" <<'TXT'
code,name,level,groeisessie: notes,groeisessie: enablers,groeisessie: barriers,focusgroep: notes,focusgroep: enablers,focusgroep: barriers
VB,Visie en beleid,0,2,1,1,1,0,0
VB1,Gedeelde visie,1,2,1,1,1,0,0
TM,Team,0,1,1,0,1,0,1
TM1,Professionalisering,1,1,1,0,1,0,1
TXT
crlf "$exp" >"$exp.crlf"
run --db "$db" export matrix --cols session-kind
is_rc 0 "export matrix --cols session-kind (csv by default)"
same_text "  per kind of session, in the kinds' order" "$exp.crlf" "$out"

cat >"$exp" <<'TXT'
{"rows": "factor", "cols": "school", "columns": ["GO! Het Park", "VBS De Regenboog"],
 "factors": [
  {"code": "VB", "name": "Visie en beleid", "level": 0, "cells": [{"notes": 1, "enablers": 0, "barriers": 0}, {"notes": 2, "enablers": 1, "barriers": 1}]},
  {"code": "VB1", "name": "Gedeelde visie", "level": 1, "cells": [{"notes": 1, "enablers": 0, "barriers": 0}, {"notes": 2, "enablers": 1, "barriers": 1}]},
  {"code": "TM", "name": "Team", "level": 0, "cells": [{"notes": 1, "enablers": 0, "barriers": 1}, {"notes": 1, "enablers": 1, "barriers": 0}]},
  {"code": "TM1", "name": "Professionalisering", "level": 1, "cells": [{"notes": 1, "enablers": 0, "barriers": 1}, {"notes": 1, "enablers": 1, "barriers": 0}]}
 ]
}
TXT
run --db "$db" export matrix --cols school --format json
is_rc 0 "export matrix --cols school --format json"
same_text "  a cell per school, the schools by name" "$exp" "$out"
if command -v python3 >/dev/null 2>&1; then
	check "  valid JSON" python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$out"
else
	skip "  valid JSON" "no python3"
fi

# Pseudonymised: the schools by letter, in the order they were registered
# (VBS De Regenboog before GO! Het Park), not by name.
cat >"$exp" <<'TXT'
{"rows": "factor", "cols": "school", "columns": ["school A", "school B"],
 "factors": [
  {"code": "VB", "name": "Visie en beleid", "level": 0, "cells": [{"notes": 2, "enablers": 1, "barriers": 1}, {"notes": 1, "enablers": 0, "barriers": 0}]},
  {"code": "VB1", "name": "Gedeelde visie", "level": 1, "cells": [{"notes": 2, "enablers": 1, "barriers": 1}, {"notes": 1, "enablers": 0, "barriers": 0}]},
  {"code": "TM", "name": "Team", "level": 0, "cells": [{"notes": 1, "enablers": 1, "barriers": 0}, {"notes": 1, "enablers": 0, "barriers": 1}]},
  {"code": "TM1", "name": "Professionalisering", "level": 1, "cells": [{"notes": 1, "enablers": 1, "barriers": 0}, {"notes": 1, "enablers": 0, "barriers": 1}]}
 ]
}
TXT
run --db "$db" export matrix --cols school --format json --pseudonymise
is_rc 0 "export matrix --cols school --pseudonymise"
same_text "  the schools as school A and B, in the order they were registered" "$exp" "$out"
run --db "$db" export matrix --cols school --format csv --csv excel --pseudonymise
is_rc 0 "export matrix --pseudonymise --csv excel"
has_text "  a CSV for Excel with the pseudonyms" "$out" "code;name;level;school A: notes;school A: enablers;"
check "  and no school's name" sh -c '! grep -q -e Regenboog -e "Het Park" "$1"' - "$out"
run --db "$db" export matrix --cols session --format csv --pseudonymise
is_rc 0 "export matrix --cols session --pseudonymise: nothing to hide in sessions"
has_text "  the sessions as without it" "$out" "Testnetwerk 2018-2019 T 01: notes"
run --db "$db" export factors --pseudonymise --format csv
has_text "--pseudonymise with factors: the message names matrix" "$err" "'draaiboek' and 'matrix'"

cat >"$exp" <<'TXT'
code,name,level,Testnetwerk 2018-2019: notes,Testnetwerk 2018-2019: enablers,Testnetwerk 2018-2019: barriers
VB,Visie en beleid,0,3,1,1
VB1,Gedeelde visie,1,3,1,1
TM,Team,0,2,1,1
TM1,Professionalisering,1,2,1,1
TXT
crlf "$exp" >"$exp.crlf"
run --db "$db" export matrix --cols programme --format csv
same_text "export matrix --cols programme" "$exp.crlf" "$out"

run --db "$db" export matrix --cols school --session-kind focusgroep --format csv
is_rc 0 "export matrix --session-kind focusgroep"
printf 'code,name,level,GO! Het Park: notes,GO! Het Park: enablers,GO! Het Park: barriers\r\nVB,Visie en beleid,0,1,0,0\r\n' >"$exp"
head -n 2 "$out" >"$tmp/head"
same_text "  only the notes of focus groups, only the school that had one" "$exp" "$tmp/head"

run --db "$db" export matrix --cols session --format csv -o "$tmp/m.csv"
is_rc 0 "export matrix -o FILE"
finish
