# lib.sh: what a CLI test script shares, sourced after setting `name`
# (the scratch folder's prefix): the TAP helpers (../tap.sh), running
# stemtui and checking what it said, the check of STEMTUI_BIN, and
# a scratch HOME with the XDG folders in it, so that nothing of the person
# running the test is read or written.  Sets tmp, out, err; STEMTUI_DATADIR,
# STEMTUI_LOCALEDIR and STEMTUI_TESTTMP are taken from `make check` or
# guessed from the source and build trees.

unset LC_ALL LC_MESSAGES LC_CTYPE LANGUAGE
LANG=C.UTF-8
export LANG

. "$(dirname "$0")/../tap.sh"

# run ARG...: runs stemtui; output in $out and $err, exit status in $rc.
run() { "$STEMTUI_BIN" "$@" >"$out" 2>"$err"; rc=$?; }

# is_rc WANT NAME
is_rc() {
	if [ "$rc" -eq "$1" ]; then pass "$2"; else
		fail "$2"; echo "#   exit status $rc, want $1; stderr:"; diag <"$err"; fi
}

# has_text NAME FILE TEXT: FILE holds TEXT (fixed string).
has_text() {
	if grep -F -q -e "$3" "$2"; then pass "$1"; else
		fail "$1"; echo "#   no \"$3\" in:"; diag <"$2"; fi
}

# same_text NAME EXPECTED-FILE ACTUAL-FILE: the whole text, with a diff.
same_text() {
	if cmp -s "$2" "$3"; then pass "$1"; else
		fail "$1"; diff -u "$2" "$3" | diag; fi
}

# crlf FILE: FILE with CRLF line ends, as CSV has them (the expected CSV is
# written with LF).
crlf() { awk '{ printf "%s\r\n", $0 }' "$1"; }

# st ARG...: stemtui on the test's database $db, which must succeed:
# setting up a test, not checking it (bails out, with stderr, on failure).
st() { "$STEMTUI_BIN" --db "$db" "$@" >/dev/null 2>"$err" || { cat "$err" | diag; exit 99; }; }

# small_database: $db, the small database of tests/data/export ($data):
# a codebook of two categories and two factors (VB > VB1, TM > TM1), a
# programme of two sessions at two schools (T 01, a groeisessie at VBS De
# Regenboog; T 02, a focusgroep at GO! Het Park), and four untagged notes,
# Eerste and Tweede at T 01, Derde and Vierde at T 02 (ids 1 to 4).
small_database() {
	data=$STEMTUI_SRCDIR/tests/data/export
	db=$tmp/small.sqlite
	st import codebook "$data/small.qdc" --replace
	st import programme "$data/two-schools.ini"
	st add-note "T 01" "Eerste"
	st add-note "T 01" "Tweede"
	st add-note "T 02" "Derde"
	st add-note "T 02" "Vierde"
}

is_empty() {
	if [ ! -s "$2" ]; then pass "$1"; else fail "$1"; diag <"$2"; fi
}

if [ -z "${STEMTUI_BIN:-}" ] || [ ! -x "$STEMTUI_BIN" ]; then
	echo "Bail out! set STEMTUI_BIN to the built stemtui"
	exit 99
fi
here=$(cd "$(dirname "$0")" && pwd)
STEMTUI_SRCDIR=${STEMTUI_SRCDIR:-$(cd "$here/../.." && pwd)}
STEMTUI_DATADIR=${STEMTUI_DATADIR:-$STEMTUI_SRCDIR/share}
STEMTUI_LOCALEDIR=${STEMTUI_LOCALEDIR:-$(dirname "$(dirname "$STEMTUI_BIN")")/locale}
export STEMTUI_DATADIR STEMTUI_LOCALEDIR
scratch "$name"
HOME=$tmp/home
XDG_CONFIG_HOME=$HOME/.config
XDG_DATA_HOME=$HOME/.local/share
XDG_CACHE_HOME=$HOME/.cache
XDG_STATE_HOME=$HOME/.local/state
XDG_RUNTIME_DIR=$tmp/run
export HOME XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_STATE_HOME XDG_RUNTIME_DIR
mkdir -p "$HOME" && mkdir -m 0700 "$XDG_RUNTIME_DIR" || exit 99
umask 022
out=$tmp/out
err=$tmp/err
