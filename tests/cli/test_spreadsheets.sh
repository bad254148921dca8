#!/bin/sh
# test_spreadsheets.sh: what a Belgian Excel reads and saves.  `export
# --csv excel` (and [export] csv = excel in the config, which --csv
# overrides): byte-order mark, semicolons, CRLF, compared with expected
# output and read back by Python's csv module with ";"; `import people` of
# Excel's semicolon files in UTF-8 and Windows-1252 (tests/data/csv), a
# file mixing both, and --encoding (TAP).  Environment as for test_cli.sh.

name=spreadsheets
. "$(dirname "$0")/lib.sh"

data=$STEMTUI_SRCDIR/tests/data/csv
exp=$tmp/expected
have_python=yes
command -v python3 >/dev/null 2>&1 || have_python=no

# same_file NAME WANT GOT: the files are byte for byte the same.
same_file() {
	if cmp -s "$2" "$3"; then pass "$1"; else
		fail "$1"; diff "$2" "$3" | od -c | head -20 | diag; fi
}

# --- Usage ---------------------------------------------------------------------

run --demo export factors --csv semicolon
is_rc 2 "--csv wants rfc4180 or excel"
has_text "  and says so" "$err" "--csv wants rfc4180 or excel, not 'semicolon'"
run --demo export factors --format json --csv excel
is_rc 2 "--csv with --format json is a usage error"
has_text "  saying what it is for" "$err" "--csv is for an export as CSV (--format csv)"
run --demo export draaiboek --csv excel
is_rc 2 "--csv for the draaiboek (Markdown) is a usage error"
run --demo notes --format csv --csv excel
is_rc 2 "--csv is for export only"
run --demo import programme "$data/excel-utf8.csv" --encoding utf-8
is_rc 2 "--encoding is for import people"
has_text "  and says so" "$err" "--encoding is for 'import people'"
run --demo import people "$data/excel-utf8.csv" --encoding latin9
is_rc 2 "--encoding latin9 is not one stemtui reads"
has_text "  naming those it does" "$err" "utf-8, windows-1252 or auto"

# --- export --csv excel ----------------------------------------------------------

run --demo export factors --csv excel -o "$tmp/factors.csv"
is_rc 0 "export factors --csv excel -o FILE"
printf '\357\273\277code;name;parent;level;notes;sessions;schools;enablers;barriers;neutral;inspiratie;groei;focus;uitwissel;path;definition\r\n' >"$exp"
head -n 1 "$tmp/factors.csv" >"$tmp/head.csv"
same_file "  a byte-order mark, semicolons, CRLF" "$exp" "$tmp/head.csv"
cr=$(printf '\r')
if sed -n 2p "$tmp/factors.csv" |
	grep -q "^VB;Visie en beleid;;0;\([0-9][0-9]*;\)\{10\}VB;.*$cr\$"; then
	pass "  a row: text, then whole numbers, each field after a semicolon"
else
	fail "  a row: text, then whole numbers, each field after a semicolon"; sed -n 2p "$tmp/factors.csv" | diag
fi
run --demo export attendance --session "COP 07" --csv excel --pseudonymise
is_rc 0 "export attendance --csv excel to standard output"
printf '\357\273\277programme;session;code;role;organisation;status;arrived_at;registered\r\n' >"$exp"
head -n 1 "$out" >"$tmp/head.csv"
same_file "  its header" "$exp" "$tmp/head.csv"
has_text "  times as a spreadsheet reads them" "$out" ";present;08:59;yes"
run --demo export notes --csv excel
has_text "notes: dates and times as a spreadsheet reads them" "$out" \
	";groeisessie;2018-05-31;2018-05-31 09:22:10;2018-05-31 09:22:10;"
has_text "  a field with a comma is quoted" "$out" \
	';"Als ik morgen vertrek, valt STEM bij ons stil.";'

for what in factors evidence notes people attendance codebook matrix; do
	session=
	case $what in
	attendance) session="--session 7" ;;
	matrix) session="--cols school" ;;
	esac
	# shellcheck disable=SC2086
	"$STEMTUI_BIN" --demo export $what $session --format csv -o "$tmp/$what-rfc.csv" 2>"$err" &&
		"$STEMTUI_BIN" --demo export $what $session --format csv --csv excel \
			-o "$tmp/$what-excel.csv" 2>"$err"
	rc=$?
	is_rc 0 "export $what as rfc4180 and as excel"
done
if [ "$have_python" = yes ]; then
	if python3 - "$tmp" >"$tmp/py.out" 2>&1 <<'PY'
import csv, sys
d = sys.argv[1]
for what in ("factors", "evidence", "notes", "people", "attendance", "codebook", "matrix"):
    raw = open(d + "/" + what + "-excel.csv", "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf"), what + ": a byte-order mark"
    assert raw.count(b"\n") == raw.count(b"\r\n") or what in ("evidence", "notes"), what + ": CRLF"
    assert raw.endswith(b"\r\n"), what + ": ends with CRLF"
    excel = list(csv.reader(open(d + "/" + what + "-excel.csv", newline="", encoding="utf-8-sig"),
                            delimiter=";"))
    rfc = list(csv.reader(open(d + "/" + what + "-rfc.csv", newline="", encoding="utf-8")))
    assert excel == rfc and len(excel) > 1, (what, len(excel), len(rfc))
    for row in excel:
        for v in row:
            assert not v[:1] in ("=", "+", "-", "@", "\t", "\r"), (what, v)
print("ok")
PY
	then pass "read with ';', each Excel file holds what the RFC 4180 one holds, guarded"
	else fail "read with ';', each Excel file holds what the RFC 4180 one holds, guarded"
		diag <"$tmp/py.out"; fi
else
	skip "read back with ';'" "no python3"
fi

# The config chooses Excel for every export; --csv rfc4180 overrides it.
mkdir -p "$XDG_CONFIG_HOME/stemtui"
printf '[export]\ncsv = excel\n' >"$XDG_CONFIG_HOME/stemtui/config.ini"
run --demo export people
is_rc 0 "with [export] csv = excel, export people"
printf '\357\273\277id;first_name;last_name;role;organisation;email;focus\r\n' >"$exp"
head -n 1 "$out" >"$tmp/head.csv"
same_file "  writes CSV for Excel" "$exp" "$tmp/head.csv"
run --demo export people --csv rfc4180
printf 'id,first_name,last_name,role,organisation,email,focus\r\n' >"$exp"
head -n 1 "$out" >"$tmp/head.csv"
same_file "  --csv rfc4180 overrides the config" "$exp" "$tmp/head.csv"
run --demo people --format csv
head -n 1 "$out" >"$tmp/head.csv"
same_file "  the list commands stay RFC 4180, for scripts" "$exp" "$tmp/head.csv"
printf '[export]\ncsv = semicolons\n' >"$XDG_CONFIG_HOME/stemtui/config.ini"
run --demo export people
is_rc 0 "a wrong [export] csv still exports"
has_text "  with a warning naming the line" "$err" \
	'config.ini:2: [export] csv: "semicolons" should be rfc4180 or excel'
head -n 1 "$out" >"$tmp/head.csv"
same_file "  as RFC 4180" "$exp" "$tmp/head.csv"
rm -f "$XDG_CONFIG_HOME/stemtui/config.ini"

# --- import people of what Excel saves ---------------------------------------------

db=$tmp/people.sqlite
run --db "$db" import people "$data/excel-utf8.csv"
is_rc 0 "import people of Excel's CSV UTF-8 with semicolons"
has_text "  3 people" "$out" "3 people: 3 new"
is_empty "  without a warning" "$err"
run --db "$db" import people "$data/excel-1252.csv" --encoding utf-8
is_rc 1 "--encoding utf-8 on a Windows-1252 file is refused"
has_text "  with FILE:LINE and why" "$err" "excel-1252.csv:2: the text is not valid UTF-8"
has_text "  nothing imported" "$err" "Nothing was imported."
run --db "$db" import people "$data/excel-1252.csv"
is_rc 0 "import people of Excel's Windows-1252 CSV"
has_text "  3 people" "$out" "3 people: 3 new"
has_text "  with a warning at FILE:LINE saying how it was read" "$err" \
	"warning: $data/excel-1252.csv:2: the file is not UTF-8: it was read as Windows-1252"
run --db "$db" people --format csv
has_text "  Françoise in UTF-8" "$out" ",Françoise,Claes,leraar,Basisschool ’t Klavertje,,"
has_text "  Zoë in UTF-8" "$out" ",Zoë,Wouters,directie,"
has_text "  and the euro sign (0x80)" "$out" ",Jef,Maes,techniekcoach,Scholengroep € Samen,,"
run --db "$db" import people "$data/mixed-encodings.csv"
is_rc 1 "a file mixing UTF-8 and Windows-1252 is refused"
has_text "  at FILE:LINE of the first byte that is not UTF-8" "$err" \
	"mixed-encodings.csv:3: the text is not valid UTF-8, though other text in the file is"
has_text "  nothing imported" "$err" "Nothing was imported."
run --db "$db" import people "$data/mixed-encodings.csv" --encoding windows-1252
is_rc 0 "--encoding windows-1252 reads it as asked"
is_empty "  without a warning" "$err"
printf 'voornaam;achternaam;rol;organisatie\r\nAn;Peeters;astronaut;De Bron\r\n' >"$tmp/bad-role.csv"
run --db "$db" import people "$tmp/bad-role.csv"
is_rc 1 "a semicolon file with a wrong role"
has_text "  is refused at FILE:LINE, its columns understood" "$err" \
	"bad-role.csv:2: unknown role \"astronaut\""

# Rows Excel saves from cells once used and emptied: only separators, in
# the middle and at the end.  Skipped as empty lines are.
printf 'voornaam;achternaam;rol;organisatie;;\r\nZo\353;Janssens;leraar;VBS Sint-Lodewijk;;\r\n;;;;;\r\nFran\347oise;Lef\350vre;leraar;VBS Sint-Lodewijk;;\r\n; ;;;;\r\n;;;;;\r\n' \
	>"$tmp/empty-rows.csv"
run --db "$tmp/empty-rows.sqlite" import people "$tmp/empty-rows.csv"
is_rc 0 "a Windows-1252 semicolon list with empty rows (;;;;;) is imported"
has_text "  the two people, the empty rows skipped" "$out" "2 people: 2 new"
run --db "$tmp/empty-rows.sqlite" export people --format csv
has_text "  Zoë, byte for byte" "$out" ",Zoë,Janssens,leraar,VBS Sint-Lodewijk,,"
has_text "  Françoise Lefèvre, byte for byte" "$out" ",Françoise,Lefèvre,leraar,VBS Sint-Lodewijk,,"
printf 'voornaam;achternaam\r\nAn;\r\n' >"$tmp/half-row.csv"
run --db "$tmp/empty-rows.sqlite" import people "$tmp/half-row.csv"
is_rc 1 "a row with a first name alone is still refused"
has_text "  at its line" "$err" "half-row.csv:2: achternaam is empty"

# A line break in a cell (Alt+Enter) is a space: the school is the one
# the database knows, not another that looks the same on screen.
printf 'voornaam;achternaam;organisatie;focus\r\n"Zo\303\253\r\n Lien";Janssens;"VBS\nSint-Lodewijk";"programmeren\nwetenschap"\r\n' \
	>"$tmp/alt-enter.csv"
run --demo import people "$tmp/alt-enter.csv"
is_rc 0 "a list with line breaks in its cells is imported"
has_text "  one new person at a school already known" "$out" "1 person: 1 new, 0 already known"
run --demo people --name "Zoë Lien" --format csv
has_text "  the line breaks read as spaces" "$out" \
	",Zoë Lien,Janssens,andere,VBS Sint-Lodewijk,,programmeren wetenschap"
run --demo people --organisation "VBS Sint-Lodewijk" --format csv
has_text "  and she is one of the school's people" "$out" ",Zoë Lien,Janssens,"

# Excel's "Unicode text" is UTF-16, with its byte-order mark (either way
# round): said as such, not as text that is not UTF-8.
printf '\377\376v\000o\000o\000r\000\r\000\n\000' >"$tmp/utf16le.csv"
printf '\376\377\000v\000o\000o\000r\000\r\000\n' >"$tmp/utf16be.csv"
for f in utf16le utf16be; do
	run --db "$tmp/empty-rows.sqlite" import people "$tmp/$f.csv"
	is_rc 1 "a UTF-16 list ($f) is refused"
	has_text "  saying it is UTF-16 and to save it as CSV UTF-8" "$err" \
		"$f.csv:1: the file is UTF-16 (as Excel saves \"Unicode text\"): save it as CSV UTF-8"
done

# Excel's "Text (tab delimited)": not one unknown column named after all
# of them, but what it is and what to do.
printf 'voornaam\tachternaam\r\nZo\303\253\tJanssens\r\n' >"$tmp/tabs.csv"
run --db "$tmp/empty-rows.sqlite" import people "$tmp/tabs.csv"
is_rc 1 "a tab-separated list is refused"
has_text "  saying it is separated by tabs and to save it as CSV" "$err" \
	"tabs.csv:1: the columns are separated by tabs: save the file as CSV (fields separated by commas or semicolons)"

# A pipe cannot go back, and the reader reads ahead: it is read whole first.
"$STEMTUI_BIN" --db "$tmp/pipe.sqlite" import people /dev/stdin <"$data/excel-1252.csv" \
	>"$out" 2>"$err"
rc=$?
is_rc 0 "import people /dev/stdin (a pipe) of the Windows-1252 file"
has_text "  3 people" "$out" "3 people: 3 new"
has_text "  the warning names it" "$err" "/dev/stdin:2: the file is not UTF-8"
# Finding out the encoding stops at the first NUL: /dev/zero is refused,
# not read for ever.
if command -v timeout >/dev/null 2>&1; then
	timeout 60 "$STEMTUI_BIN" --db "$db" import people /dev/zero >"$out" 2>"$err"
	rc=$?
	is_rc 1 "import people /dev/zero is refused at once"
else
	skip "import people /dev/zero is refused at once" "no timeout(1)"
fi

finish
