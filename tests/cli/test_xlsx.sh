#!/bin/sh
# test_xlsx.sh: the spreadsheets (`export ... --format xlsx`), read back
# with nothing but Python's zipfile and xml (read_xlsx.py): typed cells
# (numbers, dates with a date format, text), a frozen header row, an
# autofilter over the table, fitted column widths, headers and values in
# Dutch (hefboom, drempel) or English by the interface language; mode
# 0600, written whole to a pipe, refused to a terminal (TAP).  Environment
# as for test_cli.sh.

name=xlsx
. "$(dirname "$0")/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP no python3 to read the workbooks"
	exit 0
fi
read_xlsx() { python3 "$STEMTUI_SRCDIR/tests/cli/read_xlsx.py" "$@"; }

# xlsx NAME FILE ROWS: reads FILE into $tmp/sheet (passes when it is a workbook).
xlsx() {
	if read_xlsx "$2" "$3" >"$tmp/sheet" 2>&1; then pass "$1"; else
		fail "$1"; diag <"$tmp/sheet"; fi
}

mode_600() {
	m=$(stat -c %a "$2" 2>/dev/null || stat -f %Lp "$2")
	if [ "$m" = 600 ]; then pass "$1"; else fail "$1"; echo "#   mode $m"; fi
}

# --- In Dutch --------------------------------------------------------------------

LANGUAGE=nl run --demo export evidence --format xlsx -o "$tmp/evidence.xlsx"
is_rc 0 "export evidence --format xlsx -o FILE (in Dutch)"
mode_600 "  mode 0600" "$tmp/evidence.xlsx"
xlsx "  a workbook" "$tmp/evidence.xlsx" 3
has_text "  the header row frozen" "$tmp/sheet" "frozen 1 frozen"
has_text "  an autofilter over the 13 columns and every row" "$tmp/sheet" "autofilter A1:M68"
has_text "  the header in Dutch" "$tmp/sheet" \
	"row 1: A:t:Factor | B:t:Naam van de factor | C:t:Pad | D:t:Polariteit | E:t:Notitie | F:t:Programma | G:t:Sessie | H:t:Soort sessie | I:t:Datum | J:t:School | K:t:Groep | L:t:Soort | M:t:Tekst"
has_text "  a barrier is a drempel, the note a number, the date a date" "$tmp/sheet" \
	"row 2: A:t:VB1 | B:t:Gedeelde visie | C:t:VB > VB1 | D:t:drempel | E:n:1 | F:t:STEM++ 2017-2018 | G:t:COP 07 | H:t:Groeisessie | I:d[yyyy-mm-dd]:2018-05-31 | K:t:tafel 1 | L:t:Observatie"
has_text "  an enabler is a hefboom" "$tmp/sheet" "D:t:hefboom | E:n:12"
if awk '/^widths / { split($2, w, ","); exit !(w[1] + 0 < 15 && w[13] + 0 > 50 && w[13] + 0 <= 61) }' "$tmp/sheet"; then
	pass "  widths fitted: a code narrow, the text wide but capped"
else
	fail "  widths fitted: a code narrow, the text wide but capped"; diag <"$tmp/sheet"
fi

LANGUAGE=nl run --demo export evidence --format xlsx --pseudonymise -o "$tmp/pseudo-evidence.xlsx"
is_rc 0 "export evidence --format xlsx --pseudonymise"
xlsx "  a workbook" "$tmp/pseudo-evidence.xlsx" 1000
if grep -q "Regenboog\|Luchtballon\|Klavertje\|Vliegenier" "$tmp/sheet"; then
	fail "  no school by its name"; grep "Regenboog\|Luchtballon" "$tmp/sheet" | head -3 | diag
else
	pass "  no school by its name"
fi

LANGUAGE=nl run --demo export notes --format xlsx -o "$tmp/notes.xlsx"
is_rc 0 "export notes --format xlsx"
xlsx "  a workbook" "$tmp/notes.xlsx" 2
has_text "  times of entry as date and time" "$tmp/sheet" \
	"A:n:1 | B:t:STEM++ 2017-2018 | C:t:COP 07 | D:t:Groeisessie | E:d[yyyy-mm-dd]:2018-05-31 | F:d[yyyy-mm-dd hh:mm:ss]:2018-05-31 09:22:10"
has_text "  the header in Dutch" "$tmp/sheet" "F:t:Genoteerd | G:t:Gewijzigd | H:t:Soort"
has_text "  every note" "$tmp/sheet" "rows 44"

LANGUAGE=nl run --demo export attendance --session 7 --format xlsx -o "$tmp/attendance.xlsx"
is_rc 0 "export attendance --format xlsx"
xlsx "  a workbook" "$tmp/attendance.xlsx" 2
has_text "  the time of arrival as a time, registered as ja" "$tmp/sheet" \
	"C:n:28 | D:t:Hilde | E:t:Aerts | F:t:directie | G:t:GO! De Luchtballon | H:t:Aanwezig | I:d[hh:mm]:08:59 | J:t:ja"
LANGUAGE=nl run --demo export attendance --session 7 --format xlsx --pseudonymise -o "$tmp/pseudo.xlsx"
xlsx "export attendance --format xlsx --pseudonymise" "$tmp/pseudo.xlsx" 2
has_text "  codes, no names" "$tmp/sheet" "row 1: A:t:Programma | B:t:Sessie | C:t:Code | D:t:Rol"
if grep -q "Hilde" "$tmp/sheet"; then fail "  no first names"; else pass "  no first names"; fi

LANGUAGE=nl run --demo export factors --format xlsx -o "$tmp/factors.xlsx"
is_rc 0 "export factors --format xlsx"
xlsx "  a workbook" "$tmp/factors.xlsx" 2
has_text "  the figures' headers in Dutch" "$tmp/sheet" "E:t:Notities | F:t:Sessies | G:t:Scholen | H:t:Hefbomen | I:t:Drempels | J:t:Neutraal"
if grep -q '^row 2: A:t:VB | B:t:Visie en beleid | D:n:0 | E:n:[0-9]' "$tmp/sheet"; then
	pass "  the level and figures as numbers"
else
	fail "  the level and figures as numbers"; diag <"$tmp/sheet"
fi

LANGUAGE=nl run --demo export people --format xlsx -o "$tmp/people.xlsx"
is_rc 0 "export people --format xlsx"
xlsx "  a workbook" "$tmp/people.xlsx" 1
has_text "  the header in Dutch" "$tmp/sheet" "row 1: A:t:Id | B:t:Voornaam | C:t:Achternaam | D:t:Rol | E:t:Organisatie | F:t:E-mail | G:t:Focus"

LANGUAGE=nl run --demo export codebook --format xlsx -o "$tmp/codebook.xlsx"
is_rc 0 "export codebook --format xlsx"
xlsx "  a workbook" "$tmp/codebook.xlsx" 3
has_text "  the criteria's headers in Dutch" "$tmp/sheet" \
	"F:t:Gebruiken als | G:t:Niet gebruiken als | H:t:Voorbeeld | I:t:Memo"
has_text "  the example taken from the memo" "$tmp/sheet" "H:t:\"Drie van de vier scholen aan deze tafel hebben nog geen gedeelde visie op STEM.\""
mode_600 "  mode 0600" "$tmp/codebook.xlsx"

LANGUAGE=nl run --demo export matrix --cols session-kind --format xlsx -o "$tmp/matrix.xlsx"
is_rc 0 "export matrix --format xlsx"
xlsx "  a workbook" "$tmp/matrix.xlsx" 2
has_text "  the kinds of session by their Dutch names" "$tmp/sheet" \
	"D:t:Groeisessie: Notities | E:t:Groeisessie: Hefbomen | F:t:Groeisessie: Drempels"
if grep -q '^row 2: A:t:VB | B:t:Visie en beleid | C:n:0 | D:n:[0-9]' "$tmp/sheet"; then
	pass "  the counts as numbers"
else
	fail "  the counts as numbers"; diag <"$tmp/sheet"
fi

# --- In English, to a pipe -------------------------------------------------------------

"$STEMTUI_BIN" --demo export evidence --format xlsx 2>"$err" | cat >"$tmp/piped.xlsx"
xlsx "export evidence --format xlsx to a pipe: a whole workbook" "$tmp/piped.xlsx" 3
has_text "  the header in English" "$tmp/sheet" "row 1: A:t:Factor | B:t:Factor name | C:t:Path | D:t:Polarity"
has_text "  an enabler is an enabler" "$tmp/sheet" "D:t:enabler | E:n:12"

# --- Not to a terminal ---------------------------------------------------------------

if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
	script -qec "'$STEMTUI_BIN' --demo export factors --format xlsx" /dev/null >"$out" 2>&1
	rc=$?
	is_rc 2 "export --format xlsx to a terminal is refused"
	has_text "  saying to use -o" "$out" "use -o FILE.xlsx"
else
	skip "export --format xlsx to a terminal is refused" "no script(1)"
	skip "  saying to use -o" "no script(1)"
fi
run --demo export draaiboek --format xlsx -o "$tmp/d.xlsx"
is_rc 2 "a draaiboek as xlsx is a usage error"
if [ -e "$tmp/d.xlsx" ]; then fail "  and writes nothing"; else pass "  and writes nothing"; fi
finish
