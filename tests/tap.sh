# tap.sh: the Test Anything Protocol for the shell tests (tap.h is the C
# one), sourced by tests/cli/lib.sh, tests/po/test_*.sh and
# tests/fuzz/test_fuzz_replay.sh: counted checks (pass, fail, skip,
# check), diagnostics, a scratch folder, and finish (the plan and the exit
# status).

n=0
failed=0
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
# diag: standard input as TAP diagnostics.
diag() { sed 's/^/# /'; }

# check NAME COMMAND...: passes when the command succeeds.
check() {
	name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name"; fi
}

# scratch NAME: a new folder in $tmp, under $STEMTUI_TESTTMP (as make check
# sets it) or $TMPDIR.
scratch() {
	if [ -n "${STEMTUI_TESTTMP:-}" ]; then
		mkdir -p "$STEMTUI_TESTTMP" && tmp=$(mktemp -d "$STEMTUI_TESTTMP/$1.XXXXXX")
	else
		tmp=$(mktemp -d "${TMPDIR:-/tmp}/stemtui-$1.XXXXXX")
	fi
	if [ -z "$tmp" ] || [ ! -d "$tmp" ]; then
		echo "Bail out! cannot make a scratch folder"
		exit 99
	fi
}

# finish: the plan and the exit status.  The scratch folder goes when every
# check passed, and stays for a look when one failed.
finish() {
	echo "1..$n"
	if [ "$failed" -eq 0 ]; then
		[ -n "${tmp:-}" ] && rm -rf "$tmp"
		exit 0
	fi
	echo "# $failed of $n checks failed; files kept in ${tmp:-(no scratch folder)}"
	exit 1
}
