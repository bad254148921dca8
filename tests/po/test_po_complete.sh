#!/bin/sh
# test_po_complete.sh: the Dutch catalog translates every message (TAP).
#
# Fails when po/nl.po has an untranslated or fuzzy entry, when it lacks a
# message that is in the sources today (a fresh template is made with
# xgettext and nl.po merged against it, in a scratch folder: the source
# tree may be read-only), or when a source file with messages is missing
# from po/POTFILES.in.

LC_ALL=C
export LC_ALL
unset LANGUAGE

. "$(dirname "$0")/../tap.sh"
. "$(dirname "$0")/po_lib.sh"

po=$STEMTUI_SRCDIR/po/nl.po
for tool in msgfmt xgettext msgmerge msgattrib; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool (gettext tools) is not installed"
		exit 0
	fi
done
if [ ! -f "$po" ]; then
	echo "Bail out! no $po"
	exit 99
fi
scratch po

# 1. The catalog as it is: valid (format strings match) and complete.
catalog_ok po/nl.po "$po"

# 2. Every source file with messages is in POTFILES.in.
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$STEMTUI_SRCDIR/po/POTFILES.in" >"$tmp/POTFILES"
(cd "$STEMTUI_SRCDIR" && grep -l -E '(^|[^A-Za-z0-9_])(N?_|ngettext)\(' src/*/*.c) |
	sort >"$tmp/uses"
sort "$tmp/POTFILES" >"$tmp/listed"
comm -23 "$tmp/uses" "$tmp/listed" >"$tmp/unlisted"
if [ -s "$tmp/uses" ] && [ ! -s "$tmp/unlisted" ]; then
	pass "every source file with messages is listed in po/POTFILES.in"
else
	fail "every source file with messages is listed in po/POTFILES.in"
	diag <"$tmp/unlisted"
fi

# 3. A fresh template from the sources, and nl.po merged against it.
if xgettext --keyword=_ --keyword=N_ --keyword=ngettext:1,2 --from-code=UTF-8 \
	--add-comments=TRANSLATORS: -o "$tmp/new.pot" -D "$STEMTUI_SRCDIR" \
	-f "$tmp/POTFILES" >"$tmp/xgettext.log" 2>&1 && [ -s "$tmp/new.pot" ]; then
	pass "xgettext makes a fresh template from the sources"
else
	fail "xgettext makes a fresh template from the sources"
	diag <"$tmp/xgettext.log"
fi
if msgmerge --quiet -o "$tmp/merged.po" "$po" "$tmp/new.pot" >"$tmp/msgmerge.log" 2>&1; then
	pass "msgmerge merges po/nl.po with the fresh template"
	complete "po/nl.po translates every message in the sources today" "$tmp/merged.po"
	# Messages the sources no longer have: not an error, but worth knowing.
	gone=$(grep -c '^#~ msgid' "$tmp/merged.po")
	[ "$gone" -gt 0 ] && echo "# $gone message(s) of po/nl.po are no longer in the sources"
else
	fail "msgmerge merges po/nl.po with the fresh template"
	diag <"$tmp/msgmerge.log"
	fail "po/nl.po translates every message in the sources today"
fi

finish
