#!/bin/sh
# check-parallel.sh: `make -j` never races, and two test runs on one
# machine do not disturb each other.  Run by `make check-parallel` (it
# takes minutes, so make check does not run it); prints TAP.
#
#  1. DIST_LOOPS times (default 10): a fresh copy of the tree, as a clone
#     has it (with the uncommitted changes and new files), then
#     ./configure && make -j$DIST_JOBS dist (default 4), as a packager
#     would.  A copy where po/ has no catalog yet is where make -j once
#     built po/nl.gmo twice at once.
#  2. Two build folders of one fresh copy, configured with CONFIGURE_ARGS
#     (make check-parallel passes this build's), built at once, then
#     `make check` in both at once (SUITE_JOBS each, default 1; CHECK_TESTS
#     narrows TESTS): the unit, CLI and end-to-end suites side by side.
#     SIDE_BY_SIDE=no leaves this out.
#
# Needs STEMTUI_SRCDIR (the source tree, a git checkout).  The work folder
# is removed at the end unless KEEP=1; a failing step's log is shown.
set -u
# Nothing of the make that runs this reaches the makes it runs.
unset MAKEFLAGS MFLAGS MAKELEVEL
make=${MAKE:-make}

src=${STEMTUI_SRCDIR:?set STEMTUI_SRCDIR to the source tree}
loops=${DIST_LOOPS:-10}
dist_jobs=${DIST_JOBS:-4}
suite_jobs=${SUITE_JOBS:-1}
n=0
failed=0
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
# shows the end of log $1 as TAP diagnostics
show() { tail -n 40 "$1" | sed 's/^/#   /'; }
# has_tarball DIR: make dist left a non-empty tarball in DIR
has_tarball() {
	for f in "$1"/stemtui-*.tar.gz; do [ -s "$f" ] && return 0; done
	return 1
}

if ! git -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
	echo "1..0 # SKIP $src is not a git checkout: no fresh tree to copy"
	exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/stemtui-parallel.XXXXXX") || exit 99
trap '[ "${KEEP:-0}" = 1 ] || rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
start=$(date +%s)

# The fresh tree: tracked and new files as they are now, but not ignored
# ones nor build folders in the tree (_check, as the README's command
# makes it), then autoreconf, as after a clone.
mkdir "$work/base"
set -- .
for f in "$src"/*/config.status; do
	[ -f "$f" ] && f=${f%/config.status} && set -- "$@" ":(exclude)${f##*/}"
done
(cd "$src" && git ls-files -z --cached --others --exclude-standard -- "$@" |
	tar --null -T - --ignore-failed-read -cf - 2>/dev/null) | tar -xf - -C "$work/base"
if ! (cd "$work/base" && autoreconf -fi) >"$work/autoreconf.log" 2>&1; then
	fail "autoreconf -fi on a fresh copy"
	show "$work/autoreconf.log"
	echo "1..$n"
	exit 1
fi

# --- 1. make -j dist on a fresh tree, DIST_LOOPS times --------------------
ok_dist=0
i=1
while [ "$i" -le "$loops" ]; do
	t=$work/dist$i
	cp -a "$work/base" "$t"
	if (cd "$t" && ./configure && "$make" -j"$dist_jobs" dist) >"$work/dist$i.log" 2>&1 &&
	   has_tarball "$t"; then
		ok_dist=$((ok_dist + 1))
		pass "fresh tree $i: ./configure && make -j$dist_jobs dist"
	else
		fail "fresh tree $i: ./configure && make -j$dist_jobs dist"
		show "$work/dist$i.log"
	fi
	rm -rf "$t"
	i=$((i + 1))
done
echo "# make -j$dist_jobs dist on a fresh tree: $ok_dist of $loops passed ($(($(date +%s) - start)) s so far)"

# --- 2. two build folders of one tree, two test runs side by side -----------
if [ "${SIDE_BY_SIDE:-yes}" = no ]; then
	echo "1..$n"
	[ "$failed" -eq 0 ]
	exit
fi
eval "set -- ${CONFIGURE_ARGS:-}"
for b in 1 2; do
	mkdir "$work/b$b"
	if ! (cd "$work/b$b" && "$work/base/configure" "$@") >"$work/configure$b.log" 2>&1; then
		fail "configure build folder $b ($*)"
		show "$work/configure$b.log"
		echo "1..$n"
		exit 1
	fi
done
# gettext writes po/'s catalogs into the source tree: the first build
# makes them, so that two builds of one tree never write them at once.
(cd "$work/b1/po" && "$make") >"$work/po.log" 2>&1 || { fail "po/ of build folder 1"; show "$work/po.log"; }
# build B: all and the test programs (check with no TESTS runs nothing)
build() {
	(cd "$work/b$1" && "$make" -j"$suite_jobs" all && "$make" -j"$suite_jobs" check TESTS=) \
		>"$work/build$1.log" 2>&1
}
# check B: the suites
check() {
	(cd "$work/b$1" && "$make" -j"$suite_jobs" check ${CHECK_TESTS:+TESTS="$CHECK_TESTS"}) \
		>"$work/check$1.log" 2>&1
}
# built B PID: reports the build of folder B, running as PID
built() {
	if wait "$2"; then pass "build folder $1 builds (beside the other)"; else
		fail "build folder $1 builds (beside the other)"; show "$work/build$1.log"; fi
}
build 1 & pid1=$!
build 2 & pid2=$!
built 1 "$pid1"
built 2 "$pid2"
echo "# both built: $(($(date +%s) - start)) s so far"

# checked B PID: reports the make check of folder B, running as PID
checked() {
	b=$1
	if wait "$2"; then pass "make check in build folder $b, beside the other"; else
		fail "make check in build folder $b, beside the other"
		grep -E '^(FAIL|ERROR|XPASS):' "$work/check$b.log" | sed 's/^/#   /'
		sed -n 's/^\(FAIL\|ERROR\): \([^ ]*\).*/\2/p' "$work/check$b.log" | sort -u |
		while read -r f; do
			[ -f "$work/b$b/$f.log" ] && grep -E '^not ok|^#|Bail' "$work/b$b/$f.log" |
				head -n 20 | sed 's/^/#   /'
		done
		show "$work/check$b.log"
	fi
	grep -E '^# (TOTAL|PASS|FAIL|ERROR):' "$work/check$b.log" | tr '\n' ' ' | sed "s/^/# build folder $b: /"
	echo
}
check 1 & pid1=$!
check 2 & pid2=$!
checked 1 "$pid1"
checked 2 "$pid2"

echo "# check-parallel took $(($(date +%s) - start)) s"
echo "1..$n"
[ "$failed" -eq 0 ]
