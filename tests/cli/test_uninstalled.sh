#!/bin/sh
# test_uninstalled.sh: the program in the build folder runs without
# `make install` and without STEMTUI_DATADIR/STEMTUI_LOCALEDIR: started
# from another folder, by its path, through the ./stemtui link at the top
# of the build folder and by name on PATH, it reads the shipped
# programme, roles and codebook of the source folder and the Dutch
# catalog of the build folder.  A copy of it (as `make install` makes)
# does not (TAP).  Environment as for test_cli.sh.

name=uninstalled
. "$(dirname "$0")/lib.sh"
unset STEMTUI_DATADIR STEMTUI_LOCALEDIR

if [ "${STEMTUI_UNINSTALLED_RUN:-yes}" = no ]; then
	echo "1..0 # SKIP configured with --disable-uninstalled-run"
	exit 0
fi
builddir=$(cd "$(dirname "$STEMTUI_BIN")/.." && pwd)
mkdir -p "$tmp/elsewhere" && cd "$tmp/elsewhere" || exit 99

run --demo sessions
is_rc 0 "the demo from another folder (the shipped programme and roles)"
has_text "it lists the shipped programme" "$out" "COP 07"
run --demo factors
is_rc 0 "factors: the shipped codebook"
has_text "the starter codebook's factors" "$out" "Gedeelde visie"
run import programme "$STEMTUI_SRCDIR/share/programmes/stem-plus-2017-2018.ini"
is_rc 0 "import programme with the shipped roles"

LANGUAGE=nl run --demo sessions --format table
is_rc 0 "Dutch: the demo"
has_text "Dutch: the catalog of the build folder" "$out" "Soort"
LANGUAGE=nl run --demo sessions --no-such-option
has_text "Dutch: messages too" "$err" "onbekende optie"

# The full-screen interface, in a pseudo-terminal (script(1)), quit with q.
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
	(sleep 2; printf q) | TERM=xterm timeout 30 script -qec "$STEMTUI_BIN --demo" /dev/null \
		>"$out" 2>"$err"
	rc=$?
	is_rc 0 "the full-screen interface from another folder"
	has_text "it shows the shipped programme" "$out" "COP 01"
	(sleep 2; printf q) | LANGUAGE=nl TERM=xterm timeout 30 \
		script -qec "$STEMTUI_BIN --demo" /dev/null >"$out" 2>"$err"
	rc=$?
	is_rc 0 "the full-screen interface in Dutch"
	has_text "in Dutch" "$out" "q stoppen"
else
	for t in "the full-screen interface" "it shows the programme" "in Dutch" "Dutch text"; do
		skip "$t" "no script(1)"
	done
fi

if [ -x "$builddir/stemtui" ]; then
	"$builddir/stemtui" --demo people --role techniekcoach >"$out" 2>"$err"; rc=$?
	is_rc 0 "./stemtui at the top of the build folder"
	(PATH=$builddir:$PATH; export PATH; LANGUAGE=nl stemtui --demo sessions >"$out" 2>"$err"); rc=$?
	is_rc 0 "stemtui by name, with the build folder on PATH"
	has_text "by name: Dutch" "$out" "Soort"
else
	skip "./stemtui at the top of the build folder" "no link"
	skip "stemtui by name" "no link"
	skip "by name: Dutch" "no link"
fi

# A copy is another file, as an installed program is: it keeps to the
# installed data and never reads the build tree's.
cp "$STEMTUI_BIN" "$tmp/stemtui-copy"
"$tmp/stemtui-copy" --db "$tmp/copy.sqlite" sessions >"$out" 2>"$err"; rc=$?
if grep -F -q -e "$STEMTUI_SRCDIR/share" "$err"; then
	fail "a copy does not read the source folder's data"; diag <"$err"
elif [ "$rc" -ne 0 ] && ! grep -F -q "cannot read" "$err"; then
	fail "a copy reads the installed data or says which file it cannot read"; diag <"$err"
else
	pass "a copy reads the installed data, not the build tree's"
fi

finish
