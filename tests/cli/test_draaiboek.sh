#!/bin/sh
# test_draaiboek.sh: the draaiboek as a handout (issue 13), on the demo
# database: the whole document in Markdown and HTML, in Dutch and in
# English, against the expected files in tests/cli/draaiboek/ (made on
# 2018-12-01 through SOURCE_DATE_EPOCH; the program's version is left
# out); the language is --language's whatever the locale says; its
# structure (title page, contents, introduction, categories, appendix);
# figures that do not mislead; the HTML well-formed with its inline SVG;
# --pseudonymise leaving no name of the demo's people and schools in
# the draaiboek, the evidence, the notes and the attendance; the
# introduction from a file (TAP).  STEMTUI_REGEN=1 rewrites the expected
# files from what the program writes now: read the diff before
# committing them.

name=draaiboek
. "$(dirname "$0")/lib.sh"

SOURCE_DATE_EPOCH=1543622400
export SOURCE_DATE_EPOCH
want=$STEMTUI_SRCDIR/tests/cli/draaiboek
have_python=yes
command -v python3 >/dev/null 2>&1 || have_python=no

# same_as NAME FILE EXPECTED: FILE is EXPECTED, but for the version.
same_as() {
	sed -E 's/\(stemtui [^)]*\)/(stemtui VERSION)/' "$2" >"$tmp/got"
	[ -n "${STEMTUI_REGEN:-}" ] && cp "$tmp/got" "$3"
	if cmp -s "$tmp/got" "$3"; then pass "$1"; else
		fail "$1"; diff -u "$3" "$tmp/got" | head -60 | diag; fi
}

# lacks NAME FILE TEXT: FILE does not hold TEXT.
lacks() {
	if grep -F -q -e "$3" "$2"; then fail "$1"; grep -n -F -e "$3" "$2" | head -5 | diag
	else pass "$1"; fi
}

# --- The whole document, in either language, whatever the locale ---------------

for lang in nl en; do
	for fmt in md html; do
		# The laptop speaks the other language: the document does not.
		other=en
		[ "$lang" = en ] && other=nl
		LANGUAGE=$other run --demo export draaiboek --format "$fmt" --language "$lang" \
			-o "$tmp/d.$lang.$fmt"
		is_rc 0 "export draaiboek --format $fmt --language $lang (interface in $other)"
		same_as "  as expected: tests/cli/draaiboek/draaiboek.$lang.$fmt" "$tmp/d.$lang.$fmt" \
			"$want/draaiboek.$lang.$fmt"
	done
done
LANG=C run --demo export draaiboek --language nl
is_rc 0 "--language nl under LANG=C"
same_as "  Dutch all the same" "$out" "$want/draaiboek.nl.md"
LANGUAGE=nl run --demo export draaiboek
same_as "without --language: the interface's language" "$out" "$want/draaiboek.nl.md"
has_text "the Dutch has no English left" "$tmp/d.nl.md" "Kwam ter sprake in"
lacks "  no 'Came up in'" "$tmp/d.nl.md" "Came up in"
lacks "  no 'What helps'" "$tmp/d.nl.md" "What helps"
has_text "the English has its own introduction" "$tmp/d.en.md" "how can primary schools"
lacks "  and no Dutch one" "$tmp/d.en.md" "duurzame wijze"
has_text "html lang follows --language" "$tmp/d.nl.html" '<html lang="nl">'
has_text "  in English too" "$tmp/d.en.html" '<html lang="en">'

# --- Structure -------------------------------------------------------------------

grep -E '^#{1,3} ' "$tmp/d.nl.md" | head -4 >"$tmp/heads"
printf '%s\n' '# Draaiboek: kritische succesfactoren voor STEM op school' '## Inhoud' \
	'## Inleiding' '### STEM++ en het Lerend Netwerk STEMBASIS' >"$tmp/want"
if cmp -s "$tmp/heads" "$tmp/want"; then pass "title, contents, introduction, in that order"; else
	fail "title, contents, introduction, in that order"; diag <"$tmp/heads"; fi
for label in '**Programma:** STEM++ 2017-2018' '**Datum:** zaterdag 1 december 2018' \
	'**Versie:** 2018-12-01 (stemtui' '**Begeleiders:** Arne Smets, Leen Deprez' \
	'**Steunt op:**'; do
	has_text "title page: $label" "$tmp/d.nl.md" "$label"
done
has_text "the contents name every category" "$tmp/d.nl.md" "- LL · Leerlingen"
has_text "  and the factors below them" "$tmp/d.nl.md" "    - LD2 · STEM-trekker of kerngroep"
has_text "a factor's definition" "$tmp/d.nl.md" "De directie steunt STEM zichtbaar"
has_text "what helps" "$tmp/d.nl.md" "**Wat helpt:**"
has_text "what hinders" "$tmp/d.nl.md" "**Wat hindert:**"
has_text "a quote in quotation marks" "$tmp/d.nl.md" \
	'- “Sinds de directie mee in de werkgroep zit, is er eindelijk draagvlak.” (COP 09'
has_text "an observation marked as one" "$tmp/d.nl.md" '- *Observatie:* Drie van de vier scholen'
lacks "  and never in quotation marks" "$tmp/d.nl.md" '“Drie van de vier scholen'
has_text "handvatten: the ideas and actions about a factor" "$tmp/d.nl.md" \
	'- *Actie:* De directie bekijkt of twee leerkrachten samen STEM-trekker'
has_text "the appendix" "$tmp/d.nl.md" "## Bijlage"
has_text "  with the untagged ideas and actions" "$tmp/d.nl.md" \
	'- *Actie:* Tegen de volgende groeisessie maakt elke school een lijst'
has_text "  and every session, inspiratiesessies included" "$tmp/d.nl.md" \
	'- COP 01 · Inspiratiesessie · do 9 nov 2017 · geen notities'
has_text "  up to the exchange session" "$tmp/d.nl.md" "- COP 13 · Uitwisselsessie"

# --- Figures that do not mislead ----------------------------------------------------

for f in "$tmp/d.nl.md" "$tmp/d.nl.html"; do
	lacks "no '0 scholen' ($(basename "$f"))" "$f" "(0 scholen)"
	lacks "no '0 keer' ($(basename "$f"))" "$f" " 0 keer"
done
lacks "no '(0 schools)' in English" "$tmp/d.en.md" "(0 schools)"
lacks "  no '0 as neutral'" "$tmp/d.en.md" " 0 as neutral"
has_text "a factor raised only at groeisessies: its sessions, no schools" "$tmp/d.nl.md" \
	"Kwam ter sprake in 3 notities op 2 sessies: 1 keer als hefboom, 2 keer als drempel."

# --- HTML: well-formed, standalone, with its pictures --------------------------------------

if command -v xmllint >/dev/null 2>&1; then
	for f in "$tmp/d.nl.html" "$tmp/d.en.html"; do
		# libxml2's parser knows HTML 4: HTML5's and SVG's element names
		# are "invalid" to it, but any other complaint is a real fault.
		xmllint --html --noout "$f" 2>&1 |
			grep 'error' | grep -v -E 'Tag (header|nav|figure|figcaption|svg|defs|pattern|rect|path|circle|text|line|title) invalid' \
			>"$tmp/lint"
		if [ -s "$tmp/lint" ]; then fail "xmllint --html: $(basename "$f") is well-formed"; diag <"$tmp/lint"
		else pass "xmllint --html: $(basename "$f") is well-formed"; fi
	done
else
	skip "xmllint --html" "no xmllint"
fi
if [ "$have_python" = yes ]; then
	for f in "$tmp/d.nl.html" "$tmp/d.en.html"; do
		if python3 - "$f" >"$tmp/py.out" 2>&1 <<'PY'
import re, sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
VOID = {"meta", "br", "hr", "img", "link", "input"}
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.stack = []; self.tags = []
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for k, v in attrs:
            assert not (v or "").startswith(("http:", "https:", "//")), (tag, k, v)
        if tag not in VOID: self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)
    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, ("unbalanced", tag, self.stack[-3:])
        self.stack.pop()
s = open(sys.argv[1], encoding="utf-8").read()
p = P(); p.feed(s); p.close()
assert p.stack == [], p.stack
assert "script" not in p.tags and "link" not in p.tags and "img" not in p.tags
svgs = re.findall(r"<svg.*?</svg>", s, re.S)
assert len(svgs) == 2, len(svgs)
for svg in svgs:
    root = ET.fromstring(svg)
    # black and white: every series has a pattern, every bar its number
    assert len(root.findall(".//pattern")) >= 2
    assert any(t.text and t.text.isdigit() for t in root.iter("text"))
PY
		then pass "$(basename "$f"): tags balanced, no external file, two SVG charts with patterns and numbers"
		else fail "$(basename "$f"): tags balanced, no external file, two SVG charts with patterns and numbers"
			diag <"$tmp/py.out"; fi
	done
else
	skip "the HTML read back" "no python3"
fi
has_text "the chart of what helps and hinders" "$tmp/d.nl.html" "Wat helpt en wat hindert, per factor"
has_text "the chart per kind of session" "$tmp/d.en.html" "notes per kind of session"
has_text "a print style" "$tmp/d.nl.html" "@media print"

run --demo export factors --format html --language nl -o "$tmp/factors.html"
is_rc 0 "export factors --format html"
has_text "  in Dutch" "$tmp/factors.html" "Kritische succesfactoren: de cijfers"
charts=$(grep -c "<svg" "$tmp/factors.html")
if [ "$charts" = 2 ]; then pass "  with its two charts"; else fail "  with its two charts ($charts)"; fi
has_text "  and a table of every factor" "$tmp/factors.html" "<td>LD2</td>"

# --- Pseudonymised: no name of the demo's people or schools -----------------------------

run --demo people --format csv
python3 - "$out" >"$tmp/names" <<'PY'
import csv, sys
names = set()
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    names.add(r["first_name"] + " " + r["last_name"])
    names.add(r["last_name"])
    if len(r["first_name"]) >= 4:   # "An", "Jan", "Wim": words and months too
        names.add(r["first_name"])
    if r["organisation"]:
        names.add(r["organisation"])
for s in ("De Regenboog", "Het Klavertje", "De Wingerd", "De Knipoog", "De Vliegenier",
          "De Luchtballon", "Sint-Lodewijk", "Zoë"):
    names.add(s)
print("\n".join(sorted(names)))
PY
run --demo export draaiboek --language nl --pseudonymise -o "$tmp/p.md"
is_rc 0 "export draaiboek --pseudonymise"
run --demo export draaiboek --format html --pseudonymise -o "$tmp/p.html"
run --demo export evidence --pseudonymise -o "$tmp/p-evidence.csv"
is_rc 0 "export evidence --pseudonymise"
run --demo export notes --format json --pseudonymise -o "$tmp/p-notes.json"
is_rc 0 "export notes --pseudonymise"
run --demo export attendance --session "COP 07" --pseudonymise -o "$tmp/p-attendance.csv"
is_rc 0 "export attendance --pseudonymise"
for f in p.md p.html p-evidence.csv p-notes.json p-attendance.csv; do
	if grep -n -w -F -f "$tmp/names" "$tmp/$f" >"$tmp/found"; then
		fail "$f names none of the demo's people and schools"; head -5 "$tmp/found" | diag
	else
		pass "$f names none of the demo's people and schools"
	fi
done
has_text "schools become school A, B, ..." "$tmp/p.md" "(COP 10, nov 2018, school A)"
has_text "a person named in a note becomes their code" "$tmp/p.md" "STEM is geen vak, het is een manier van kijken. (P005)"
has_text "the facilitators by their codes" "$tmp/p.md" "**Begeleiders:** P039, P038"
has_text "the same school the same letter in the note's text" "$tmp/p.md" "De STEM-trekker van school A"
has_text "attendance codes the school as well as the person" "$tmp/p-attendance.csv" ",P005,leraar,school "
run --demo export factors --pseudonymise
is_rc 2 "--pseudonymise is not for the factor list (no names in it)"

# --- The introduction from a file ------------------------------------------------------

printf 'Ons netwerk & <ons> verhaal.\n\n## Een kop\n\n- een punt\n' >"$tmp/intro.txt"
run --demo export draaiboek --intro "$tmp/intro.txt"
is_rc 0 "--intro FILE"
has_text "  its text, escaped" "$out" "Ons netwerk &amp; &lt;ons&gt; verhaal."
has_text "  its heading" "$out" "### Een kop"
has_text "  its list item" "$out" "- een punt"
lacks "  instead of the shipped one" "$out" "duurzame wijze"
mkdir -p "$XDG_CONFIG_HOME/stemtui"
printf 'De eigen inleiding van de begeleider.\n' >"$XDG_CONFIG_HOME/stemtui/draaiboek-intro.nl.md"
run --demo export draaiboek --language nl
has_text "the facilitator's own introduction from the config folder" "$out" "De eigen inleiding van de begeleider."
run --demo export draaiboek --language en
has_text "  only for its language" "$out" "how can primary schools"
run --demo export draaiboek --intro "$tmp/none.txt"
is_rc 1 "an --intro that cannot be read is an error"
has_text "  saying which file" "$err" "none.txt"
is_empty "  and writes nothing on standard output" "$out"
run --demo export draaiboek --intro "$tmp"
is_rc 1 "an --intro that is a folder is an error"
has_text "  saying so" "$err" "cannot read the introduction $tmp: "
is_empty "  and writes nothing on standard output" "$out"
printf 'Een inleiding van Zo\353 uit Sint-Lodewijk.\n' >"$tmp/latin1.txt"
run --demo export draaiboek --intro "$tmp/latin1.txt"
is_rc 1 "an --intro that is not UTF-8 (Latin-1) is an error"
has_text "  naming the file and the line" "$err" "latin1.txt:1: the text is not valid UTF-8"
is_empty "  and writes nothing on standard output" "$out"
printf 'Gewoon.\nRood: \033[31mrood\n' >"$tmp/escape.txt"
run --demo export draaiboek --intro "$tmp/escape.txt"
is_rc 1 "an --intro holding an escape sequence is an error"
has_text "  naming the line and the character" "$err" "escape.txt:2: the text holds a control character (U+001B)"
is_empty "  and writes nothing on standard output" "$out"
run --demo export draaiboek --intro "$tmp/escape.txt" -o "$tmp/d.md"
is_rc 1 "  also to a file"
if [ -e "$tmp/d.md" ]; then fail "  which is not made"; else pass "  which is not made"; fi
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "Zwaluwë "; print "" }' >"$tmp/long.txt"
run --demo export draaiboek --format md --intro "$tmp/long.txt"
is_rc 0 "an --intro with a line longer than a paragraph"
words=$(grep -o "Zwaluwë" "$out" | wc -l)
if [ "$words" -eq 3000 ]; then pass "  keeps every word of it"; else
	fail "  keeps every word of it"; echo "# $words of 3000"; fi
run --demo export notes --language nl
is_rc 2 "--language is for the draaiboek and the factor page"
run --demo export draaiboek --language fr
is_rc 2 "--language fr is refused"

printf '[general]\nnetwork = Lerend Netwerk STEMBASIS\n' >"$XDG_CONFIG_HOME/stemtui/config.ini"
run --demo export draaiboek --language nl
has_text "the network from the config on the title page" "$out" "**Netwerk:** Lerend Netwerk STEMBASIS"

finish
