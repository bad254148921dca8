# po_lib.sh: what the catalog checks share (sourced by test_po_complete.sh,
# for po/nl.po, and test_man_po_complete.sh, for po/man/nl.po, after
# tests/tap.sh): the source folder, and whether a PO file is complete,
# with the entries that are not listed.

# The source folder: as make check sets it, else the one the test is in.
STEMTUI_SRCDIR=${STEMTUI_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}

# msgids LABEL: the msgids of a PO file on stdin, one a line (continued
# strings joined), without the header entry.
msgids() {
	awk -v label="$1" '
		/^msgid / { m = substr($0, 7); inid = 1; next }
		inid && /^"/ { m = substr(m, 1, length(m) - 1) substr($0, 2); next }
		/^msgstr/ { if (inid && m != "\"\"") print label ": " m; inid = 0 }'
}

# complete NAME PO-FILE: msgfmt counts no fuzzy and no untranslated entry;
# lists the ones it finds.
complete() {
	if ! msgfmt --statistics -o /dev/null "$2" >"$tmp/stats" 2>&1; then
		fail "$1"
		diag <"$tmp/stats"
		return
	fi
	if grep -E -q 'untranslated|fuzzy' "$tmp/stats"; then
		fail "$1"
		diag <"$tmp/stats"
		msgattrib --untranslated --no-obsolete --no-wrap "$2" 2>/dev/null |
			msgids untranslated | diag
		msgattrib --only-fuzzy --no-obsolete --no-wrap "$2" 2>/dev/null |
			msgids fuzzy | diag
	else
		pass "$1"
		diag <"$tmp/stats"
	fi
}

# catalog_ok LABEL PO-FILE: the catalog as it is, two checks: msgfmt -c
# passes (format strings match their msgids), and it is complete.
catalog_ok() {
	if msgfmt -c -o /dev/null "$2" >"$tmp/check" 2>&1; then
		pass "$1 passes msgfmt -c (format strings match their msgids)"
	else
		fail "$1 passes msgfmt -c (format strings match their msgids)"
		diag <"$tmp/check"
	fi
	complete "$1 has no untranslated or fuzzy entry" "$2"
}
