#!/bin/sh
# test_people_merge.sh: `stemtui people --duplicates` (table, CSV, JSON,
# pseudonymised) and `stemtui people --merge A B` on people two sign-up
# lists entered twice (a name spelled otherwise at the same school, one
# e-mail address in two cases), compared with expected output; the merge
# keeps every attendance row and leaves a healthy database (TAP).
# Environment as for test_cli.sh.

name=people_merge
. "$(dirname "$0")/lib.sh"

# same_out NAME: $out is $exp (CSV's CRLF line ends as LF).
same_out() {
	tr -d '\r' <"$out" >"$out.lf"
	if cmp -s "$exp" "$out.lf"; then pass "$1"; else
		fail "$1"; diff -u "$exp" "$out.lf" | diag; fi
}

exp=$tmp/expected
db=$tmp/people.sqlite
cat >"$tmp/first.csv" <<'EOF'
first_name,last_name,role,organisation,email
Zoë,Van den Broeck,leraar,Sint-Jozefscollege,
Jan,Janssens,leraar,Atheneum Brugge,jan.janssens@school.be
Ann,Smet,directie,,ann@smet.be
EOF
cat >"$tmp/second.csv" <<'EOF'
first_name,last_name,role,organisation,email
zoe,Vandenbroeck,leraar,sint-jozefscollege,zoe@sjc.be
Johan,Janssens,leraar,,Jan.Janssens@School.BE
Zoe,Van den Broeck,leraar,Atheneum Brugge,
EOF
run --db "$db" import people "$tmp/first.csv"
is_rc 0 "the first sign-up list imports"
run --db "$db" import people "$tmp/second.csv"
is_rc 0 "the second one too (a name spelled otherwise is a new person)"

run --db "$db" people --duplicates
is_rc 0 "people --duplicates exits 0"
cat >"$exp" <<'EOF'
Group  Why           Id      Name                      Organisation                  E-mail
1      same name     1       Van den Broeck, Zoë       Sint-Jozefscollege            
1      same name     4       Vandenbroeck, zoe         Sint-Jozefscollege            zoe@sjc.be
2      same e-mail   2       Janssens, Jan             Atheneum Brugge               jan.janssens@school.be
2      same e-mail   5       Janssens, Johan                                         Jan.Janssens@School.BE
2 groups of people who look like the same person; the first of each is the one 'people --merge' keeps
EOF
same_out "the groups: same folded name at the same school, same e-mail ignoring case; not the same name elsewhere"

run --db "$db" people --duplicates --format csv
cat >"$exp" <<'EOF'
group,reason,id,first_name,last_name,role,organisation,email,focus
1,name,1,Zoë,Van den Broeck,leraar,Sint-Jozefscollege,,
1,name,4,zoe,Vandenbroeck,leraar,Sint-Jozefscollege,zoe@sjc.be,
2,email,2,Jan,Janssens,leraar,Atheneum Brugge,jan.janssens@school.be,
2,email,5,Johan,Janssens,leraar,,Jan.Janssens@School.BE,
EOF
same_out "people --duplicates --format csv"

run --db "$db" people --duplicates --format json
cat >"$exp" <<'EOF'
[
  {"group": 1, "reason": "name", "people": [
  {"id": 1, "first_name": "Zoë", "last_name": "Van den Broeck", "role": "leraar", "organisation": "Sint-Jozefscollege", "email": null, "focus": []},
  {"id": 4, "first_name": "zoe", "last_name": "Vandenbroeck", "role": "leraar", "organisation": "Sint-Jozefscollege", "email": "zoe@sjc.be", "focus": []}]},
  {"group": 2, "reason": "email", "people": [
  {"id": 2, "first_name": "Jan", "last_name": "Janssens", "role": "leraar", "organisation": "Atheneum Brugge", "email": "jan.janssens@school.be", "focus": []},
  {"id": 5, "first_name": "Johan", "last_name": "Janssens", "role": "leraar", "organisation": null, "email": "Jan.Janssens@School.BE", "focus": []}]}
]
EOF
same_out "people --duplicates --format json"

run --db "$db" people --duplicates --format csv --pseudonymise
cat >"$exp" <<'EOF'
group,reason,code,role,organisation,focus
1,name,P001,leraar,Sint-Jozefscollege,
1,name,P004,leraar,Sint-Jozefscollege,
2,email,P002,leraar,Atheneum Brugge,
2,email,P005,leraar,,
EOF
same_out "people --duplicates --pseudonymise: codes, no names or e-mail"

# Attendance of both at three sessions: one only the newer has, two both have.
run --db "$db" checkin "COP 01" 4
run --db "$db" checkin "COP 02" 4 --status excused
run --db "$db" checkin "COP 02" 1 --status absent
run --db "$db" checkin "COP 03" 1
run --db "$db" checkin "COP 03" 4 --status absent
is_rc 0 "check-ins of both"

run --db "$db" people --merge 4 1
is_rc 0 "people --merge 4 1 exits 0"
cat >"$exp" <<'EOF'
Merged zoe Vandenbroeck (4) into Zoë Van den Broeck (1), the one entered first.
Moved: attendance rows 3 (combined with a row at the same session: 2), notes about them 0, coach links 0, focus tags 0.
EOF
same_out "the merge keeps the one entered first, whatever the order given, and says what moved"
run --db "$db" attendance "COP 02" --format csv
has_text "COP 02: excused beats absent" "$out" "1,Zoë,Van den Broeck,leraar,Sint-Jozefscollege,excused,,yes"
run --db "$db" attendance "COP 03" --format csv
has_text "COP 03: present beats absent" "$out" "1,Zoë,Van den Broeck,leraar,Sint-Jozefscollege,present,"
run --db "$db" attendance "COP 01" --format csv
has_text "COP 01: the row only the other had moved over" "$out" "1,Zoë,Van den Broeck,leraar,Sint-Jozefscollege,present,"
run --db "$db" people --format csv --name zoe
cat >"$exp" <<'EOF'
id,first_name,last_name,role,organisation,email,focus
1,Zoë,Van den Broeck,leraar,Sint-Jozefscollege,zoe@sjc.be,
6,Zoe,Van den Broeck,leraar,Atheneum Brugge,,
EOF
same_out "one Zoë left at the school, with the e-mail she lacked; the one elsewhere stays"
run --db "$db" check
is_rc 0 "stemtui check: healthy after the merge"

run --db "$db" people --duplicates
cat >"$exp" <<'EOF'
Group  Why           Id      Name                      Organisation                  E-mail
1      same e-mail   2       Janssens, Jan             Atheneum Brugge               jan.janssens@school.be
1      same e-mail   5       Janssens, Johan                                         Jan.Janssens@School.BE
1 group of people who look like the same person; the first of each is the one 'people --merge' keeps
EOF
same_out "the merged group is gone from the list"

run --db "$db" people --merge 4 1
is_rc 1 "merging someone merged away exits 1"
has_text "  naming the id" "$err" "there is no person with id 4"
run --db "$db" people --merge Janssens 2
is_rc 1 "a name several people have is refused"
has_text "  listing them" "$err" "Jan Janssens (2), Johan Janssens (5)"
run --db "$db" people --merge 2 2
is_rc 1 "a person with itself is refused"
run --db "$db" people --merge 2
is_rc 2 "--merge with one person is a usage error"
run --db "$db" people --merge 2 5 --format csv
is_rc 2 "--merge takes no --format"
run --db "$db" people --duplicates --name jan
is_rc 2 "--duplicates takes no filters"
run --db "$db" people --duplicates --merge 2 5
is_rc 2 "--duplicates and --merge together are a usage error"
run --db "$db" attendance "COP 01" --merge
is_rc 2 "--merge is for people only"

run --db "$db" people --merge 5 2
is_rc 0 "the e-mail pair merges"
run --db "$db" people --duplicates
cat >"$exp" <<'EOF'
Group  Why           Id      Name                      Organisation                  E-mail
No two people look like the same person.
EOF
same_out "no duplicates left"

finish
