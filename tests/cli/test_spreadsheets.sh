#!/bin/sh
# test_spreadsheets.sh: what a Belgian Excel saves: `import people` of
# Excel's semicolon files in UTF-8 and Windows-1252 (tests/data/csv), a
# file mixing both, and --encoding (TAP).  Environment as for test_cli.sh.

name=spreadsheets
. "$(dirname "$0")/lib.sh"

data=$STEMTUI_SRCDIR/tests/data/csv

# --- Usage ---------------------------------------------------------------------

run --demo import programme "$data/excel-utf8.csv" --encoding utf-8
is_rc 2 "--encoding is for import people"
has_text "  and says so" "$err" "--encoding is for 'import people'"
run --demo import people "$data/excel-utf8.csv" --encoding latin9
is_rc 2 "--encoding latin9 is not one stemtui reads"
has_text "  naming those it does" "$err" "utf-8, windows-1252 or auto"

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
