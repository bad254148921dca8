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
