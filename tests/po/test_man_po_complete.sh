#!/bin/sh
# test_man_po_complete.sh: the Dutch man page translates the whole English
# one (TAP).
#
# Fails when po/man/nl.po has an untranslated or fuzzy entry, when it lacks
# a paragraph that share/man/stemtui.1 has today (a copy of nl.po is
# brought up to date with po4a-updatepo, as `make update-man-po` does, in
# a scratch folder: the source tree may be read-only), when the Dutch page
# is not clean roff (groff -ww warns) or has lost a macro of the English
# page's structure, or when the page the build made is not what nl.po
# makes today.

LC_ALL=C.UTF-8
export LC_ALL
unset LANGUAGE

. "$(dirname "$0")/../tap.sh"
. "$(dirname "$0")/po_lib.sh"

po=$STEMTUI_SRCDIR/po/man/nl.po
master=$STEMTUI_SRCDIR/share/man/stemtui.1
for tool in msgfmt msgattrib po4a-updatepo po4a-translate groff; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool is not installed (Debian: po4a, gettext, groff-base)"
		exit 0
	fi
done
if [ ! -f "$po" ] || [ ! -f "$master" ]; then
	echo "Bail out! no $po or no $master"
	exit 99
fi
scratch manpo
po4a="-f man -M UTF-8"

# 1. The catalog as it is: valid and complete.
catalog_ok po/man/nl.po "$po"

# 2. Brought up to date with the English page: nothing new or changed.
cp "$po" "$tmp/updated.po"
# shellcheck disable=SC2086 # $po4a is several options
if po4a-updatepo $po4a -m "$master" -p "$tmp/updated.po" >"$tmp/updatepo.log" 2>&1; then
	pass "po4a-updatepo merges po/man/nl.po with share/man/stemtui.1"
	complete "po/man/nl.po translates every paragraph of share/man/stemtui.1 today (else: make update-man-po, and translate)" \
		"$tmp/updated.po"
else
	fail "po4a-updatepo merges po/man/nl.po with share/man/stemtui.1"
	diag <"$tmp/updatepo.log"
fi

# 3. The Dutch page, made as the build makes it (-k 0: made even when a
# paragraph is not translated, 1 and 2 say which; nl.add: no
# hyphenation): clean roff, the same structure as the English page.
# shellcheck disable=SC2086
if po4a-translate $po4a -L UTF-8 -k 0 -m "$master" -p "$po" \
	-a "$STEMTUI_SRCDIR/po/man/nl.add" -l "$tmp/stemtui.1" \
	>"$tmp/translate.log" 2>&1 && [ -s "$tmp/stemtui.1" ]; then
	pass "po4a-translate makes the Dutch page"
else
	fail "po4a-translate makes the Dutch page"
	diag <"$tmp/translate.log"
fi
groff -man -Tutf8 -ww -z "$tmp/stemtui.1" >"$tmp/groff.log" 2>&1
if [ -s "$tmp/stemtui.1" ] && [ ! -s "$tmp/groff.log" ]; then
	pass "groff -man -ww finds nothing to warn about in the Dutch page"
else
	fail "groff -man -ww finds nothing to warn about in the Dutch page"
	diag <"$tmp/groff.log"
fi
# The macros that make the page's structure, in order (the font macros
# become \f escapes in po4a's output, so they are not compared).
structure() {
	grep -oE '^\.(TH|SH|SS|TP|PP|LP|P|IP|RS|RE|EX|EE|nf|fi|br|sp|in|ne)([[:space:]]|$)' "$1" |
		sed 's/[[:space:]]*$//'
}
structure "$master" >"$tmp/structure.en"
structure "$tmp/stemtui.1" >"$tmp/structure.nl"
if [ -s "$tmp/structure.en" ] && cmp -s "$tmp/structure.en" "$tmp/structure.nl"; then
	pass "the Dutch page has the English page's structure (sections, paragraphs, lists)"
else
	fail "the Dutch page has the English page's structure (sections, paragraphs, lists)"
	diff "$tmp/structure.en" "$tmp/structure.nl" | head -20 | diag
fi
if grep -n -E '(^|[^f])[BIE]<[^ ]' "$tmp/stemtui.1" >"$tmp/markup" 2>/dev/null && [ -s "$tmp/markup" ]; then
	fail "no po4a markup (B<...>, I<...>, E<...>) is left as text"
	head -5 "$tmp/markup" | diag
else
	pass "no po4a markup (B<...>, I<...>, E<...>) is left as text"
fi

# 4. The page the build made (and installs) is the one nl.po makes today.
builddir=
[ -n "${STEMTUI_BIN:-}" ] && builddir=$(dirname "$(dirname "$STEMTUI_BIN")")
built=
for f in "$builddir/share/man/nl/stemtui.1" "$STEMTUI_SRCDIR/share/man/nl/stemtui.1"; do
	if [ -n "$builddir" ] && [ -f "$f" ]; then built=$f; break; fi
done
if [ -z "$built" ]; then
	skip "the built Dutch page is up to date" "no build folder (run under make check)"
elif cmp -s "$built" "$tmp/stemtui.1"; then
	pass "the built Dutch page is up to date"
else
	fail "the built Dutch page is up to date"
	diff "$built" "$tmp/stemtui.1" | head -10 | diag
fi

finish
