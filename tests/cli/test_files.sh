#!/bin/sh
# test_files.sh: stemtui and the files and disks around it: exports to
# what is not a regular file, the temporary files of exports, long file
# names, a database that cannot be written, a full disk, a damaged schema
# version, a missing home folder, and configuration files that never end
# (TAP).  Environment as for test_cli.sh.

name=files
. "$(dirname "$0")/lib.sh"

# run_for SECONDS ARG...: run, ended after SECONDS (exit status 124 then).
run_for() { secs=$1; shift; timeout "$secs" "$STEMTUI_BIN" "$@" >"$out" 2>"$err"; rc=$?; }
have_python=yes
command -v python3 >/dev/null 2>&1 || have_python=no

# Folders made read-only for the tests: mounted ones (root) are unmounted
# and the others made writable again at the end, so the scratch folder
# can go.
mounts=
locked=
cleanup() {
	for m in $mounts; do umount "$m" 2>/dev/null; done
	for l in $locked; do chmod -R u+w "$l" 2>/dev/null; done
}
trap cleanup EXIT

# read_only_folder DIR FILE...: makes DIR, holding copies of the FILEs,
# which this user cannot write: mode 0555 (files 0444) for a user, a
# read-only tmpfs for root, whom modes do not stop.  Fails when neither
# can be made (root without the right to mount).
read_only_folder() {
	rof=$1
	shift
	mkdir -p "$rof" || return 1
	if [ "$(id -u)" -ne 0 ]; then
		cp "$@" "$rof/" && chmod 0444 "$rof"/* && chmod 0555 "$rof" || return 1
		locked="$locked $rof"
		return 0
	fi
	mount -t tmpfs -o size=32m tmpfs "$rof" 2>/dev/null || return 1
	mounts="$mounts $rof"
	cp "$@" "$rof/" && mount -o remount,ro "$rof" 2>/dev/null
}

# The demo database, made once; each part works on copies of it.
run --demo sessions
is_rc 0 "the demo database is made"
demo=$XDG_DATA_HOME/stemtui/demo.sqlite

# --- export -o what is not a regular file -------------------------------

# A named pipe: written to, never replaced (its reader would wait forever).
mkfifo "$tmp/pipe"
timeout 20 cat "$tmp/pipe" >"$tmp/pipe.out" &
reader=$!
run_for 20 --demo export people --format csv -o "$tmp/pipe"
wait "$reader"
is_rc 0 "export -o a named pipe exits 0"
check "the pipe is still a pipe" test -p "$tmp/pipe"
has_text "and its reader got the export" "$tmp/pipe.out" "first_name"

# A link to this process's standard output (what /dev/stdout is), here a
# pipe: the export goes down the pipe and the link stays.
ln -s /proc/self/fd/1 "$tmp/stdout-link"
{ "$STEMTUI_BIN" --demo export people --format csv -o "$tmp/stdout-link" 2>"$err"
  echo $? >"$tmp/rc"; } | cat >"$tmp/piped"
rc=$(cat "$tmp/rc")
is_rc 0 "export -o a link to /proc/self/fd/1 exits 0"
check "the link is still a link" test -L "$tmp/stdout-link"
has_text "and the export went to standard output" "$tmp/piped" "first_name"

# Devices: a null device takes the export, a full one says so; neither is
# replaced by a file.  Made here (root only), never the system's own.
if [ "$(id -u)" -eq 0 ] && mknod "$tmp/null" c 1 3 2>/dev/null && mknod "$tmp/full" c 1 7 2>/dev/null &&
	echo x >"$tmp/null" 2>/dev/null; then
	run --demo export people --format csv -o "$tmp/null"
	is_rc 0 "export -o a null device exits 0"
	check "the device is still a device" test -c "$tmp/null"
	run --demo export people --format csv -o "$tmp/full"
	is_rc 1 "export -o a full device exits 1"
	has_text "saying the device is full" "$err" "No space left on device"
	check "and it is still a device, not a file with the people list" test -c "$tmp/full"
else
	for i in 1 2 3 4 5; do skip "export -o a device ($i)" "cannot make device nodes here"; done
fi

# A Unix socket someone listens on: connected to and written to.
if [ "$have_python" = yes ]; then
	python3 - "$tmp/sock" "$tmp/sock.out" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1])
s.listen(1)
s.settimeout(20)
open(sys.argv[1] + ".ready", "w").close()
try:
    c, _ = s.accept()
except OSError:
    sys.exit(1)
c.settimeout(20)
data = b""
while True:
    b = c.recv(65536)
    if not b:
        break
    data += b
open(sys.argv[2], "wb").write(data)
PY
	server=$!
	for i in $(seq 1 500); do [ -e "$tmp/sock.ready" ] && break; sleep 0.02; done
	run_for 20 --demo export factors --format csv -o "$tmp/sock"
	wait "$server"
	is_rc 0 "export -o a Unix socket exits 0"
	check "the socket is still a socket" test -S "$tmp/sock"
	has_text "and the listener got the export" "$tmp/sock.out" "VB1"
else
	for i in 1 2 3; do skip "export -o a socket ($i)" "no python3"; done
fi

# What is neither a file nor a stream is refused, and left as it was.
mkdir "$tmp/afolder"
run --demo export factors -o "$tmp/afolder"
is_rc 1 "export -o a folder exits 1"
has_text "saying it is not a file" "$err" "it is not a file"
check "the folder is still there" test -d "$tmp/afolder"
ln -s "$tmp/nowhere/x.csv" "$tmp/dangling"
run --demo export factors -o "$tmp/dangling"
is_rc 1 "export -o a link to nothing exits 1"
has_text "saying where it points" "$err" "it is a link to $tmp/nowhere/x.csv, which is not there"
check "the link is still a link" test -L "$tmp/dangling"

# --- The temporary file of an export -------------------------------------

# A file name of 255 bytes, the most a folder takes: the temporary file's
# name does not grow with it.
long=$(printf '%0251d' 0).csv
run --demo export factors --format csv -o "$tmp/$long"
is_rc 0 "export -o a file name of 255 bytes exits 0"
has_text "and writes it" "$tmp/$long" "VB1"

# What killed exports left: stemtui's own names, ".stemtui-export-HOST-PID-",
# removed by the next export into that folder when their writer is gone
# or they are older than a minute.  Other files stay.
host=$(uname -n)
sh -c 'exit 0' &
gone=$!
wait "$gone"
mkdir "$tmp/stale"
echo names >"$tmp/victim"
for f in ".stemtui-export-$host-$gone-aaaaaa" ".stemtui-export-elders-1-bbbbbb" \
	".stemtui-export-elders-1-cccccc" ".stemtui-export-$host-$$-dddddd" ".factors.csv.eeeeee"; do
	echo "Zoë Peeters" >"$tmp/stale/$f"
done
touch -d '2 minutes ago' "$tmp/stale/.stemtui-export-elders-1-bbbbbb"
ln -s "$tmp/victim" "$tmp/stale/.stemtui-export-$host-$gone-ffffff"
run --demo export factors --format csv -o "$tmp/stale/factors.csv"
is_rc 0 "an export into a folder with left-over temporary files exits 0"
check "the file of a writer that is gone is removed" test ! -e "$tmp/stale/.stemtui-export-$host-$gone-aaaaaa"
check "so is one older than a minute, from another machine" test ! -e "$tmp/stale/.stemtui-export-elders-1-bbbbbb"
check "another machine's fresh one stays (it may be writing)" test -e "$tmp/stale/.stemtui-export-elders-1-cccccc"
check "a running writer's fresh one stays" test -e "$tmp/stale/.stemtui-export-$host-$$-dddddd"
check "a file stemtui did not name stays" test -e "$tmp/stale/.factors.csv.eeeeee"
has_text "a link is not followed" "$tmp/victim" "names"
check "and the export is there" test -s "$tmp/stale/factors.csv"
left=$(ls -A "$tmp/stale" | grep -c '^\.stemtui-export-')
if [ "$left" -eq 3 ]; then pass "the export's own temporary file is gone"; else
	fail "the export's own temporary file is gone"; ls -A "$tmp/stale" | diag; fi

# A running writer's file stays however old it is: that export may still be
# writing (a slow drive, a stopped program, a test run beside this one).
mkdir "$tmp/slow"
echo "Zoë Peeters" >"$tmp/slow/.stemtui-export-$host-$$-gggggg"
touch -d '2 minutes ago' "$tmp/slow/.stemtui-export-$host-$$-gggggg"
run --demo export factors --format csv -o "$tmp/slow/factors.csv"
is_rc 0 "an export beside a running writer's old temporary file exits 0"
check "a running writer's file older than a minute stays" test -e "$tmp/slow/.stemtui-export-$host-$$-gggggg"

# --- A database that cannot be written ---------------------------------------

cp "$demo" "$tmp/demo-copy.sqlite"
if read_only_folder "$tmp/ro" "$demo"; then
	ro=$tmp/ro/demo.sqlite
	run --db "$ro" sessions
	is_rc 0 "sessions on a database in a read-only folder exits 0"
	has_text "and lists them" "$out" "COP 07"
	run --db "$ro" notes --session 7 --format csv
	is_rc 0 "notes on it exits 0"
	has_text "and lists them" "$out" "COP 07"
	run --db "$ro" export people --format csv -o "$tmp/ro-people.csv"
	is_rc 0 "export from it exits 0"
	has_text "and writes the export" "$tmp/ro-people.csv" "first_name"
	run --db "$ro" add-note 7 "Een notitie"
	is_rc 1 "add-note on it exits 1"
	has_text "saying the database is read-only" "$err" "the database is read-only, nothing can be changed"
	run --db "$ro" checkin 7 "Françoise Peeters"
	is_rc 1 "checkin on it exits 1"
	has_text "for the same reason" "$err" "read-only"
	check "the database is unchanged" cmp -s "$ro" "$tmp/demo-copy.sqlite"
	check "and no -wal or -shm file was made" test ! -e "$ro-wal" -a ! -e "$ro-shm"
else
	for i in $(seq 1 14); do skip "read-only folder ($i)" "cannot make a read-only folder"; done
fi
# A database file that cannot be written, in a folder that can: read
# without leaving a read-only -shm file behind, which would make writing
# fail later, once the file can be written again.  Root is not stopped by
# modes: run as nobody.
ro=$tmp/rofile
as=
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
	# Nobody must reach it: the build folder's tests/tmp may be 0700.
	ro=$(mktemp -d /tmp/stemtui-rofile.XXXXXX) && chmod 0755 "$ro"
	as="setpriv --reuid=65534 --regid=65534 --clear-groups"
else
	mkdir "$ro"
fi
cp "$demo" "$ro/db.sqlite"
[ -z "$as" ] || chown -R 65534 "$ro"
if [ "$(id -u)" -ne 0 ] || [ -n "$as" ]; then
	chmod 0444 "$ro/db.sqlite"
	XDG_CONFIG_HOME=$ro/none $as "$STEMTUI_BIN" --db "$ro/db.sqlite" sessions \
		>"$out" 2>"$err"
	rc=$?
	is_rc 0 "sessions on a database file that cannot be written exits 0"
	check "and leaves no -shm or -wal file" test ! -e "$ro/db.sqlite-shm" -a ! -e "$ro/db.sqlite-wal"
	# Its mode (0444, readable by others) is what --repair puts right,
	# which it cannot do on a database it opens read-only.
	XDG_CONFIG_HOME=$ro/none $as "$STEMTUI_BIN" --db "$ro/db.sqlite" check \
		>"$out" 2>"$err"
	rc=$?
	is_rc 4 "check on it finds its mode"
	has_text "  and does not send the reader to a --repair that is refused" "$out" \
		"stemtui check --repair rebuilds what is wrong, but this database is read-only: make the file and its folder writable, or repair a copy."
	chmod 0644 "$ro/db.sqlite"
	XDG_CONFIG_HOME=$ro/none $as "$STEMTUI_BIN" --db "$ro/db.sqlite" add-note 7 x \
		>"$out" 2>"$err"
	rc=$?
	is_rc 0 "once it can be written, add-note works"
else
	for i in 1 2 3 4 5; do skip "a read-only file ($i)" "root without setpriv"; done
fi
[ "$ro" = "$tmp/rofile" ] || rm -rf "$ro"

# An older schema cannot be brought up to date there: refused, exit 1.
if [ "$have_python" = yes ]; then
	cp "$demo" "$tmp/old.sqlite"
	python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); v = c.execute("PRAGMA user_version").fetchone()[0]
c.execute("PRAGMA user_version = %d" % (v - 1)); c.commit(); c.close()' "$tmp/old.sqlite"
	if read_only_folder "$tmp/ro-old" "$tmp/old.sqlite"; then
		run --db "$tmp/ro-old/old.sqlite" sessions
		is_rc 1 "a read-only database of an older schema exits 1"
		has_text "saying why" "$err" "copy it where it can be written"
	else
		for i in 1 2; do skip "read-only, older schema ($i)" "cannot make a read-only folder"; done
	fi
else
	for i in 1 2; do skip "read-only, older schema ($i)" "no python3"; done
fi

# --- A full disk -------------------------------------------------------------

# Before its -shm file exists, SQLite cannot even read a database on a full
# disk ("disk I/O error"); a file size limit (write() fails with EFBIG)
# does the same anywhere.
mkdir "$tmp/fsize"
cp "$demo" "$tmp/fsize/db.sqlite"
(trap '' XFSZ; ulimit -f 1; exec "$STEMTUI_BIN" --db "$tmp/fsize/db.sqlite" sessions) >"$out" 2>"$err"
rc=$?
is_rc 1 "under a file size limit, sessions exits 1"
has_text "naming the limit and the folder" "$err" "a file size limit (ulimit -f) stops writing in $tmp/fsize"
if [ "$(id -u)" -eq 0 ] && mkdir "$tmp/fulldisk" && mount -t tmpfs -o size=1m tmpfs "$tmp/fulldisk" 2>/dev/null; then
	mounts="$mounts $tmp/fulldisk"
	cp "$demo" "$tmp/fulldisk/db.sqlite"
	dd if=/dev/zero of="$tmp/fulldisk/fill" bs=4096 2>/dev/null
	run --db "$tmp/fulldisk/db.sqlite" sessions
	is_rc 1 "on a full disk, sessions exits 1"
	has_text "saying the disk is full, and where" "$err" "the disk holding $tmp/fulldisk is full"
	run --db "$tmp/fulldisk/new.sqlite" sessions
	is_rc 1 "creating a database on a full disk exits 1"
	has_text "saying the disk is full" "$err" "the disk holding $tmp/fulldisk is full"
else
	for i in 1 2 3 4; do skip "a full tmpfs ($i)" "cannot mount a tmpfs here"; done
fi

# --- A stemtui database without its schema version ---------------------------

if [ "$have_python" = yes ]; then
	cp "$demo" "$tmp/noversion.sqlite"
	python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA user_version = 0"); c.commit(); c.close()' \
		"$tmp/noversion.sqlite"
	cp "$tmp/noversion.sqlite" "$tmp/noversion-before.sqlite"
	run --db "$tmp/noversion.sqlite" sessions
	is_rc 3 "a stemtui database whose user_version is 0 exits 3"
	has_text "saying it is damaged" "$err" "is damaged: it is a stemtui database, but its schema version"
	check "and leaves it untouched" cmp -s "$tmp/noversion.sqlite" "$tmp/noversion-before.sqlite"
else
	for i in 1 2 3; do skip "user_version 0 ($i)" "no python3"; done
fi

# --- Where the data folder is made ------------------------------------------------

# Only inside a home folder that exists: a wrong HOME leaves no trail.
(HOME=$tmp/nohome/x; unset XDG_DATA_HOME XDG_CONFIG_HOME; export HOME
 exec "$STEMTUI_BIN" sessions) >"$out" 2>"$err"
rc=$?
is_rc 1 "with a HOME that does not exist, sessions exits 1"
has_text "saying so" "$err" "the home folder $tmp/nohome/x does not exist"
check "and creates nothing there" test ! -e "$tmp/nohome"
(HOME=$tmp/nohome/x XDG_DATA_HOME=$tmp/nodata/share; export HOME XDG_DATA_HOME
 exec "$STEMTUI_BIN" --demo sessions) >"$out" 2>"$err"
rc=$?
is_rc 1 "with an XDG_DATA_HOME whose folder does not exist either, exits 1"
has_text "saying what is missing" "$err" "$tmp/nodata does not exist"
check "and creates nothing there" test ! -e "$tmp/nodata"
mkdir "$tmp/xdg"
(HOME=$tmp/nohome/x XDG_DATA_HOME=$tmp/xdg/share; export HOME XDG_DATA_HOME
 exec "$STEMTUI_BIN" --demo sessions) >"$out" 2>"$err"
rc=$?
is_rc 0 "an XDG_DATA_HOME inside a folder that exists is made"
check "with the database in it" test -s "$tmp/xdg/share/stemtui/demo.sqlite"
# A data folder someone else made first (make install --prefix=$HOME/.local
# puts the shipped files in ~/.local/share/stemtui, mode 0755) is made
# private before the database of personal data goes in it.
mkdir -p "$tmp/xdg2/share/stemtui" && chmod 0755 "$tmp/xdg2/share/stemtui"
(HOME=$tmp/nohome/x XDG_DATA_HOME=$tmp/xdg2/share; export HOME XDG_DATA_HOME
 exec "$STEMTUI_BIN" --demo sessions) >"$out" 2>"$err"
rc=$?
is_rc 0 "a data folder of mode 0755 that exists already is used"
check "and made 0700" test "$(stat -c %a "$tmp/xdg2/share/stemtui")" = 700

# --- Configuration files that never end ----------------------------------------

run_for 20 -c /dev/zero sessions
is_rc 1 "-c /dev/zero exits 1 (at once)"
has_text "saying it is not a regular file" "$err" "cannot read config file /dev/zero: it is not a regular file"
mkfifo "$tmp/config-pipe"
run_for 20 -c "$tmp/config-pipe" sessions
is_rc 1 "-c a named pipe exits 1 without waiting for a writer"
has_text "saying it is not a regular file" "$err" "it is not a regular file"
run_for 20 --demo import programme "$tmp/config-pipe"
is_rc 1 "import programme from a named pipe exits 1 without waiting"
has_text "saying it is not a regular file" "$err" "it is not a regular file"
# A file of 64 GB of zero bytes (sparse, so it takes no room): one line,
# read only up to its limit.
if truncate -s 64G "$tmp/huge.ini" 2>/dev/null && [ "$(du -k "$tmp/huge.ini" | cut -f1)" -lt 1024 ]; then
	run_for 20 -c "$tmp/huge.ini" sessions
	is_rc 0 "a config file of one 64 GB line is only a warning"
	has_text "that the line is too long" "$err" "huge.ini:1: the line is too long"
else
	for i in 1 2; do skip "a 64 GB line ($i)" "no sparse files here"; done
fi
rm -f "$tmp/huge.ini"

[ "$failed" -eq 0 ] && cleanup
finish
