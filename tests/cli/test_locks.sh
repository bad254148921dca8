#!/bin/sh
# test_locks.sh: commands while another program holds the database's write
# lock (a long import, a second stemtui): they wait for it, saying so on a
# terminal, and succeed once it is let go; --wait and database_wait bound
# the wait, with exit status 4 and a message (TAP).  The other program is
# tests/cli/hold_lock, which holds the lock until this script says so: no
# timing is guessed.  Environment as for test_cli.sh.

name=locks
. "$(dirname "$0")/lib.sh"

lacks_text() {
	if ! grep -F -q -e "$3" "$2"; then pass "$1"; else
		fail "$1"; echo "#   \"$3\" in:"; diag <"$2"; fi
}

hold=${HOLD_LOCK_BIN:-$(dirname "$(dirname "$STEMTUI_BIN")")/tests/cli/hold_lock}
if [ ! -x "$hold" ]; then
	echo "Bail out! $hold is not built (make check builds it)"
	exit 99
fi
db=$XDG_DATA_HOME/stemtui/demo.sqlite

# wait_for FILE TEXT PID: until FILE holds TEXT, or process PID ended
# (then the text will not come), for at most a minute.  0 when it came.
wait_for() {
	i=0
	while [ $i -lt 6000 ]; do
		grep -F -q -e "$2" "$1" 2>/dev/null && return 0
		kill -0 "$3" 2>/dev/null || { grep -F -q -e "$2" "$1" 2>/dev/null; return $?; }
		sleep 0.01
		i=$((i + 1))
	done
	return 1
}

# take_lock: another program takes the write lock and holds it until
# let_go; 0 once it holds it.
take_lock() {
	rm -f "$tmp/go" "$tmp/held"
	mkfifo "$tmp/go" || return 1
	"$hold" "$db" <"$tmp/go" >"$tmp/held" 2>&1 &
	holder=$!
	exec 3>"$tmp/go"
	wait_for "$tmp/held" held "$holder"
}

let_go() {
	echo >&3
	exec 3>&-
	wait "$holder"
}

# on_terminal OUT ARG...: runs stemtui ARG... in the background with a
# terminal as its standard error (script(1)), its output into OUT; sets
# $waiter to its process.
on_terminal() {
	file=$1
	shift
	cmd="'$STEMTUI_BIN'"
	for a in "$@"; do cmd="$cmd '$a'"; done
	script -q -e -c "$cmd" /dev/null >"$file" 2>&1 &
	waiter=$!
}

run --demo sessions
is_rc 0 "the demo database is made"

if ! command -v script >/dev/null 2>&1; then
	skip "a command on a terminal waits for the lock" "script(1) is not installed"
else
	# add-note while another program holds the lock: it says it waits,
	# and the note is saved once the lock goes.
	take_lock || echo "Bail out! hold_lock did not take the lock"
	on_terminal "$tmp/add.out" --demo add-note 7 "Genoteerd terwijl een ander schrijft"
	if wait_for "$tmp/add.out" "waiting for another program that is writing to the database" "$waiter"; then
		pass "add-note says on the terminal that it waits for the other program"
	else
		fail "add-note says on the terminal that it waits for the other program"
		diag <"$tmp/add.out"
	fi
	let_go
	wait "$waiter"
	rc=$?
	cp "$tmp/add.out" "$err"
	is_rc 0 "add-note succeeds once the lock is let go"
	lacks_text "  without an error" "$tmp/add.out" "locked"
	run --demo notes --session 7 --format csv
	has_text "  and the note is in the database" "$out" "Genoteerd terwijl een ander schrijft"

	# checkin the same way.
	take_lock || echo "Bail out! hold_lock did not take the lock"
	on_terminal "$tmp/checkin.out" --demo checkin 7 "Françoise Peeters" --status excused
	if wait_for "$tmp/checkin.out" "waiting for another program that is writing to the database" "$waiter"; then
		pass "checkin says on the terminal that it waits for the other program"
	else
		fail "checkin says on the terminal that it waits for the other program"
		diag <"$tmp/checkin.out"
	fi
	let_go
	wait "$waiter"
	rc=$?
	cp "$tmp/checkin.out" "$err"
	is_rc 0 "checkin succeeds once the lock is let go"
	has_text "  and says so" "$tmp/checkin.out" "Françoise Peeters excused"
	run --demo attendance 7 --format csv
	has_text "  and she is excused in the database" "$out" ",Françoise,Peeters,leraar,"
	has_text "  (excused)" "$out" ",excused,"
fi

# The bound: --wait, database_wait; exit status 4 with a message, and
# nothing is changed.  Not on a terminal: no line about waiting.
take_lock || echo "Bail out! hold_lock did not take the lock"
run --demo add-note 7 --wait 1 "Te lang gewacht"
is_rc 4 "add-note --wait 1 while the lock stays held exits 4"
has_text "  saying it waited as long as it may" "$err" "the most stemtui waits"
has_text "  naming the setting" "$err" "database_wait"
lacks_text "  without the line for a terminal" "$err" "waiting for another program"
run --demo add-note 7 --wait 0 "Niet gewacht"
is_rc 4 "add-note --wait 0 exits 4 at once"
mkdir -p "$XDG_CONFIG_HOME/stemtui"
printf '[general]\ndatabase_wait = 1\n' >"$XDG_CONFIG_HOME/stemtui/config.ini"
run --demo checkin 7 "Jan Peeters"
is_rc 4 "checkin with database_wait = 1 in the configuration exits 4"
has_text "  with the same message" "$err" "the most stemtui waits"
let_go
run --demo notes --session 7 --format csv
lacks_text "what gave up changed nothing" "$out" "gewacht"
run --demo attendance 7 --format csv
lacks_text "  (nor the check-in)" "$out" ",Jan,Peeters,leraar,Het Klavertje,,present"

printf '[general]\ndatabase_wait = soon\n' >"$XDG_CONFIG_HOME/stemtui/config.ini"
run --demo sessions
is_rc 0 "a database_wait that is not a number is only a warning"
has_text "  naming the key" "$err" "database_wait: \"soon\" should be a number of seconds"
rm -f "$XDG_CONFIG_HOME/stemtui/config.ini"
run --demo sessions --wait=later
is_rc 2 "--wait later is a usage error"

finish
