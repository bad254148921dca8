#!/bin/sh
# test_completion.sh: the shell completions (share/completion/) and
# `stemtui complete`, which gives their words: commands, options and
# formats from stemtui's tables, session codes, factor codes, people's
# names and programmes from the demo database; bash's `complete -p` and
# completions scripted through COMP_WORDS/COMP_CWORD; zsh's file parses
# (TAP).  Environment as for test_cli.sh.

name=completion
. "$(dirname "$0")/lib.sh"

bashfile=$STEMTUI_SRCDIR/share/completion/bash/stemtui
zshfile=$STEMTUI_SRCDIR/share/completion/zsh/_stemtui
bindir=$tmp/bin
mkdir -p "$bindir" && ln -s "$STEMTUI_BIN" "$bindir/stemtui" || exit 99

# --- stemtui complete -------------------------------------------------------

run --demo sessions
is_rc 0 "the demo database"
run --demo complete sessions
is_rc 0 "complete sessions exits 0"
has_text "session codes, without their space" "$out" "COP07"
run --demo complete sessions -- cop1
printf 'COP10\nCOP11\nCOP12\nCOP13\n' >"$tmp/exp"
check "a prefix, case ignored" cmp -s "$tmp/exp" "$out"
run --demo complete people -- francoise
echo "Françoise Peeters" >"$tmp/exp"
check "people's names, accents ignored" cmp -s "$tmp/exp" "$out"
run --demo complete factors -- LD
printf 'LD\nLD1\nLD2\n' >"$tmp/exp"
check "factor codes" cmp -s "$tmp/exp" "$out"
run --demo complete programmes
has_text "programme names" "$out" "STEM++ 2017-2018"
has_text "and school years" "$out" "2017-2018"
run --demo complete options people -- --r
echo "--role" >"$tmp/exp"
check "the options of one command" cmp -s "$tmp/exp" "$out"
run --demo complete options sessions -- --role
is_empty "not those of another" "$out"
run --demo complete formats export
printf 'csv\njson\nmd\nhtml\nqdc\nxlsx\n' >"$tmp/exp"
check "the formats of export" cmp -s "$tmp/exp" "$out"
run --demo complete formats sessions
printf 'table\ncsv\njson\n' >"$tmp/exp"
check "the formats of sessions" cmp -s "$tmp/exp" "$out"

# The values of the options that take a fixed set, and the formats of each
# export: each offered, and each one the command takes (a word offered
# that the command refuses would be worse than none).
for w in "rows:factor" "cols:school session session-kind programme" "csv:rfc4180 excel" \
	"encodings:auto utf-8 windows-1252" "languages:nl en"; do
	run complete "${w%%:*}"
	printf '%s\n' ${w#*:} >"$tmp/exp"
	check "complete ${w%%:*}: ${w#*:}" cmp -s "$tmp/exp" "$out"
done
run complete cols -- session
printf 'session\nsession-kind\n' >"$tmp/exp"
check "complete cols with a prefix" cmp -s "$tmp/exp" "$out"
# taken WHAT OPTION...: the command takes every value complete WHAT gives
# for the option (its exit status is not 2).
taken() {
	what=$1
	shift
	bad= vals=$("$STEMTUI_BIN" complete "$what")
	for v in $vals; do
		"$STEMTUI_BIN" --demo "$@" "$v" >/dev/null 2>"$err"
		[ $? -eq 2 ] && bad="$bad $v"
	done
	if [ -n "$vals" ] && [ -z "$bad" ]; then pass "every $what offered is taken: $*"; else
		fail "$what offered but refused:$bad"; diag <"$err"; fi
}
taken rows export matrix --cols school -o /dev/null --rows
taken cols export matrix -o /dev/null --cols
taken csv export factors -o /dev/null --csv
taken languages export draaiboek -o /dev/null --language
taken session-kinds factors --session-kind
printf 'voornaam,achternaam\nAn,Peeters\n' >"$tmp/people.csv"
bad= vals=$("$STEMTUI_BIN" complete encodings)
for v in $vals; do
	"$STEMTUI_BIN" --db "$tmp/enc.sqlite" import people "$tmp/people.csv" --encoding "$v" \
		>/dev/null 2>"$err" || bad="$bad $v"
done
if [ -n "$vals" ] && [ -z "$bad" ]; then pass "every encoding offered is taken by import people"; else
	fail "encodings offered but refused:$bad"; diag <"$err"; fi
run --demo complete formats export draaiboek -- ""
printf 'md\nhtml\n' >"$tmp/exp"
check "the formats of export draaiboek: md and html" cmp -s "$tmp/exp" "$out"
run --demo complete formats export matrix -- ""
printf 'csv\njson\nxlsx\n' >"$tmp/exp"
check "the formats of export matrix" cmp -s "$tmp/exp" "$out"
run --demo complete formats export codebook -- m
echo md >"$tmp/exp"
check "the formats of export codebook, with a prefix" cmp -s "$tmp/exp" "$out"
run --demo complete formats export no-such -- ""
is_empty "no formats for what is not an export" "$out"
bad= nf=0
for w in $("$STEMTUI_BIN" complete exports); do
	case $w in
	attendance) more="--session COP07" ;;
	matrix) more="--cols school" ;;
	*) more= ;;
	esac
	for f in $("$STEMTUI_BIN" complete formats export "$w" -- ""); do
		"$STEMTUI_BIN" --demo export "$w" --format "$f" $more -o /dev/null >/dev/null 2>"$err" ||
			bad="$bad $w:$f"
		nf=$((nf + 1))
	done
done
# 8 exports: 4 + 3 + 3 + 3 + 3 + 2 + 5 + 3 formats.
if [ "$nf" -eq 26 ] && [ -z "$bad" ]; then pass "every export writes every format offered for it"; else
	fail "formats offered but refused:$bad ($nf offered)"; diag <"$err"; fi

run complete commands -- ch
printf 'checkin\ncheck\n' >"$tmp/exp"
check "commands" cmp -s "$tmp/exp" "$out"
run --db "$tmp/none.sqlite" complete sessions
is_rc 0 "a missing database: exit 0"
is_empty "no words" "$out"
is_empty "and no message" "$err"
check "and no database created" test ! -e "$tmp/none.sqlite"
echo "not a database" >"$tmp/text.sqlite"
run --db "$tmp/text.sqlite" complete people
is_empty "a file that is not a database: no words" "$out"
run complete no-such-list
is_rc 2 "an unknown list: exit 2"
is_empty "silently" "$err"

# --- bash -------------------------------------------------------------------

if command -v bash >/dev/null 2>&1; then
	cat >"$tmp/script.bash" <<'BASH'
PATH=$1:$PATH
. "$2" || exit 1
complete -p stemtui
# t WORD...: completes the last word, prints the replies on one line.
t() {
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_stemtui
	printf '%s|' "$*"
	printf '[%s]' "${COMPREPLY[@]}"
	echo
}
t stemtui ""
t stemtui at
t stemtui --demo attendance cop0
t stemtui --demo checkin COP07 fr
t stemtui --demo checkin COP07 "'Françoise P"
t stemtui --demo notes --factor OR
t stemtui --demo notes --factor=LD
t stemtui --demo notes --sess
t stemtui --demo export --format ""
t stemtui --demo export d
t stemtui --demo sessions --programme STEM
t stemtui --demo tag 12 VB
t stemtui --demo import c
t stemtui --db "$3" attendance ""
t stemtui --demo export matrix --cols ""
t stemtui --demo export matrix --cols=session-
t stemtui --demo export matrix --rows ""
t stemtui --demo export draaiboek --format ""
t stemtui --demo export matrix --format ""
t stemtui --demo export factors --csv e
t stemtui --demo export draaiboek --language ""
t stemtui --demo import people x.csv --encoding w
t stemtui --demo factors --session-kind f
t stemtui --demo export --csv excel m
BASH
	bash "$tmp/script.bash" "$bindir" "$bashfile" "$tmp/none.sqlite" >"$out" 2>"$err"
	rc=$?
	is_rc 0 "bash: the completion loads and runs"
	has_text "complete -p names the function" "$out" "complete -F _stemtui stemtui"
	has_text "bash: commands" "$out" "stemtui |[sessions][people][attendance]"
	has_text "bash: a command's start" "$out" "stemtui at|[attendance]"
	has_text "bash: session codes" "$out" "attendance cop0|[COP01][COP02][COP03][COP04][COP05][COP06][COP07][COP08][COP09]"
	has_text "bash: a person's name" "$out" "checkin COP07 fr|[Françoise Peeters]"
	has_text "bash: a quoted name" "$out" "'Françoise P|[Françoise Peeters]"
	has_text "bash: --factor CODE" "$out" "--factor OR|[OR][OR1][OR2][OR3]"
	has_text "bash: --factor=CODE" "$out" "--factor=LD|[LD][LD1][LD2]"
	check "bash: options of notes (not --session-kind)" \
		grep -F -x -q -e "stemtui --demo notes --sess|[--session]" "$out"
	has_text "bash: formats of export" "$out" "export --format |[csv][json][md][html][qdc]"
	has_text "bash: what export writes" "$out" "export d|[draaiboek]"
	has_text "bash: programmes" "$out" "--programme STEM|[STEM++ 2017-2018]"
	has_text "bash: tag NOTE FACTOR" "$out" "tag 12 VB|[VB][VB1][VB2]"
	has_text "bash: import what" "$out" "import c|[codebook]"
	has_text "bash: --db another database (none: nothing)" "$out" "attendance |"
	check "bash: and none created" test ! -e "$tmp/none.sqlite"
	has_text "bash: --cols VALUE" "$out" "--cols |[school][session][session-kind][programme]"
	has_text "bash: --cols=VALUE" "$out" "--cols=session-|[session-kind]"
	has_text "bash: --rows VALUE" "$out" "--rows |[factor]"
	has_text "bash: the formats of export draaiboek only" "$out" "export draaiboek --format |[md][html]"
	has_text "bash: the formats of export matrix only" "$out" "export matrix --format |[csv][json][xlsx]"
	has_text "bash: --csv VALUE" "$out" "--csv e|[excel]"
	has_text "bash: --language VALUE" "$out" "--language |[nl][en]"
	has_text "bash: --encoding VALUE" "$out" "--encoding w|[windows-1252]"
	has_text "bash: --session-kind VALUE" "$out" "--session-kind f|[focusgroep]"
	has_text "bash: --csv takes a value (the next word is not the export)" "$out" \
		"export --csv excel m|[matrix]"
else
	skip "bash" "no bash"
fi

# --- zsh ----------------------------------------------------------------------

# An interactive zsh in a pseudo-terminal (zsh/zpty): each line is typed,
# Tab pressed, and the line as completed echoed back after "RESULT: ".
if command -v zsh >/dev/null 2>&1 && zsh -fc 'zmodload zsh/zpty' 2>/dev/null; then
	check "zsh: the completion parses" zsh -n "$zshfile"
	mkdir -p "$tmp/zfunc" && cp "$zshfile" "$tmp/zfunc/" || exit 99
	cat >"$tmp/script.zsh" <<'ZSH'
zmodload zsh/zpty
zpty -b z "PATH=${(q)1}:\$PATH zsh -f -i"
zpty -w z "PS1='%% '; fpath=(${(q)2} \$fpath); autoload -Uz compinit; compinit -u -D"
sleep 1
t() {
	local out line
	zpty -w -n z "$1"$'\t'
	sleep 1
	zpty -w -n z $'\C-a'"echo RESULT: "$'\C-e\n'
	sleep 1
	while zpty -r -t z line; do out+=$line; done
	print -r -- ${(M)${(f)${out//$'\r'/}}:#RESULT: *}
}
t 'stemtui --demo attendance cop07'
t 'stemtui --demo checkin cop07 franc'
t 'stemtui --demo notes --factor LD2'
t 'stemtui --demo export --format ht'
t 'stemtui --demo export matrix --cols session-k'
t 'stemtui --demo export factors --csv ex'
zpty -d z
ZSH
	timeout 60 zsh -f "$tmp/script.zsh" "$bindir" "$tmp/zfunc" >"$out" 2>"$err"
	has_text "zsh: a session code" "$out" "RESULT: stemtui --demo attendance COP07"
	has_text "zsh: a person's name, accents ignored" "$out" \
		"RESULT: stemtui --demo checkin cop07 Françoise Peeters"
	has_text "zsh: --factor CODE" "$out" "RESULT: stemtui --demo notes --factor LD2"
	has_text "zsh: formats of export" "$out" "RESULT: stemtui --demo export --format html"
	has_text "zsh: --cols VALUE" "$out" "RESULT: stemtui --demo export matrix --cols session-kind"
	has_text "zsh: --csv VALUE" "$out" "RESULT: stemtui --demo export factors --csv excel"
else
	skip "zsh" "no zsh with zsh/zpty"
fi

finish
