#!/bin/sh
# test_fuzz_replay.sh: every fuzz target (fuzz/targets.txt) run once over
# each of its seeds and each input that once found something
# (tests/data/fuzz/TARGET/), built with the normal compiler: the
# properties `make fuzz` asserts, kept for every input that mattered (TAP).
# Needs STEMTUI_BIN (the replay programs are built beside it, in fuzz/)
# and STEMTUI_SRCDIR, as `make check` sets them.

. "$(dirname "$0")/../tap.sh"

if [ -z "${STEMTUI_BIN:-}" ] || [ -z "${STEMTUI_SRCDIR:-}" ]; then
	echo "Bail out! set STEMTUI_BIN and STEMTUI_SRCDIR (make check does)"
	exit 99
fi
builddir=$(dirname "$(dirname "$STEMTUI_BIN")")
scratch fuzz
TMPDIR=$tmp
export TMPDIR STEMTUI_SRCDIR
log=$TMPDIR/log

sed -e 's/#.*//' "$STEMTUI_SRCDIR/fuzz/targets.txt" | awk 'NF' >"$TMPDIR/targets"
while read -r target dict seeds; do
	set --
	for s in $seeds "tests/data/fuzz/$target"; do
		[ -e "$STEMTUI_SRCDIR/$s" ] && set -- "$@" "$STEMTUI_SRCDIR/$s"
	done
	if "$builddir/fuzz/replay_$target" "$@" >"$log" 2>&1; then
		pass "$target: $(tail -n 1 "$log")"
	else
		fail "$target: an input breaks a property (dictionary $dict)"
		tail -n 30 "$log" | diag
	fi
done <"$TMPDIR/targets"

finish
