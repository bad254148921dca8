/* e2e_duplicates.c: people entered twice, found and merged in the people
 * list (longer than the screen): F6 lists every pair, F5 the ones who
 * look like the selected person; picking one asks first (saying who
 * stays and what moves), Esc keeps both, y merges; the list and the
 * database then hold one person with every attendance row; the help
 * screen lists both keys, in English and Dutch. */
#include "config.h"

#include "core/attendance.h"
#include "core/session_match.h"
#include "e2e.h"

#define SIGNED_UP 40

static void import(const char *name, const char *csv)
{
	char path[4400], arg[4600];

	snprintf(path, sizeof path, "%s/%s", e2e_home, name);
	e2e_write_text(path, csv);
	snprintf(arg, sizeof arg, "import people '%s'", path);
	if (e2e_run(arg) != 0) {
		printf("Bail out! %s failed\n", arg);
		exit(99);
	}
}

/* The people of two sign-up lists: many, then Zoë and Jan entered again
 * (her name spelled otherwise at the same school, his e-mail in capitals
 * under another first name). */
static void sign_up(void)
{
	static char csv[16384];
	size_t len;
	int i;

	len = (size_t)snprintf(csv, sizeof csv, "voornaam,achternaam,rol,organisatie,e-mail\n"
			       "Zoë,Van den Broeck,leraar,Sint-Jozefscollege,\n"
			       "Jan,Janssens,leraar,Atheneum Brugge,jan.janssens@school.be\n");
	for (i = 1; i <= SIGNED_UP; i++)
		len += (size_t)snprintf(csv + len, sizeof csv - len, "Jo,Lid %02d,leraar,School %02d,\n",
					i, i);
	import("first.csv", csv);
	import("second.csv", "voornaam,achternaam,rol,organisatie,e-mail\n"
	       "zoe,Vandenbroeck,leraar,sint-jozefscollege,zoe@sjc.be\n"
	       "Johan,Janssens,leraar,,Jan.Janssens@School.BE\n");
}

static long long id_of(sqlite3 *db, const char *first, const char *last)
{
	sqlite3_stmt *st;
	long long id = 0;

	if (sqlite3_prepare_v2(db, "SELECT id FROM person WHERE first_name = ?1 AND last_name = ?2",
			       -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, first, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, last, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

static long long count(sqlite3 *db, const char *sql, long long id)
{
	sqlite3_stmt *st;
	long long n = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static long long zoe, zoe_again, jan, johan;

/* Both Zoës came to sessions: three rows in all, two at one session. */
static void check_ins(void)
{
	sqlite3 *db = e2e_open_db();
	long long s[2];
	st_err err;
	int i;

	if (!db)
		exit(99);
	zoe = id_of(db, "Zoë", "Van den Broeck");
	zoe_again = id_of(db, "zoe", "Vandenbroeck");
	jan = id_of(db, "Jan", "Janssens");
	johan = id_of(db, "Johan", "Janssens");
	for (i = 0; i < 2; i++) {
		if (session_resolve(db, i ? "COP 02" : "COP 01", 0, &s[i], &err) < 1) {
			printf("Bail out! no session: %s\n", err.msg);
			exit(99);
		}
	}
	if (!zoe || !zoe_again || !jan || !johan ||
	    attendance_set_at(db, s[0], zoe, ATT_ABSENT, NULL, &err) != 0 ||
	    attendance_set_at(db, s[0], zoe_again, ATT_PRESENT, "09:05", &err) != 0 ||
	    attendance_set_at(db, s[1], zoe_again, ATT_EXCUSED, NULL, &err) != 0) {
		printf("Bail out! people or check-ins: %s\n", err.msg);
		exit(99);
	}
	db_close(db);
}

/* ok, with the screen shown when it fails. */
#define SEE(t, cond, ...) do { if (!ok(cond, __VA_ARGS__)) vt_dump(t); } while (0)

#define F5 "\033[15~"
#define F6 "\033[17~"

static void test_all_pairs(vt *t)
{
	sqlite3 *db;

	vt_type(t, F6);
	SEE(t, vt_wait_text(t, "People who look like the same person", WAIT),
	   "F6 lists the pairs of the whole network");
	SEE(t, vt_wait_text(t, "same name: Zoë Van den Broeck (Sint-Jozefscollege)  =  zoe Vandenb", WAIT),
	   "  the two Zoës, the one kept first");
	SEE(t, vt_wait_text(t, "same e-mail: Jan Janssens (Atheneum Brugge", WAIT),
	    "  and the two Janssens, by e-mail");
	vt_key(t, VT_ENTER);
	SEE(t, vt_wait_text(t, "Merge these two into one person?", WAIT), "Enter asks first");
	SEE(t, vt_wait_text(t, "Stays: Zoë Van den Broeck (Sint-Jozefscollege)", WAIT),
	   "  saying who stays");
	SEE(t, vt_wait_text(t, "2 attendance records (1 at a", WAIT),
	   "  and what moves to them");
	vt_type(t, "y");
	SEE(t, vt_wait_text(t, "zoe Vandenbroeck merged into Zoë Van den Broeck", WAIT),
	   "y merges, and says so");
	vt_type(t, "vandenbroeck");
	SEE(t, vt_wait_text(t, "People" "  \xc2\xb7  " "1", WAIT) &&
	   vt_wait_text(t, "Van den Broeck, Zoë", WAIT) && vt_wait_gone(t, "Vandenbroeck, zoe", WAIT),
	   "the list holds one Zoë");
	db = e2e_open_db();
	is_int(count(db, "SELECT count(*) FROM person WHERE id = ?1", zoe_again), 0,
	       "the database: the other Zoë is gone");
	is_int(count(db, "SELECT count(*) FROM attendance WHERE person_id = ?1", zoe), 2,
	       "  Zoë has a row at both sessions");
	is_int(count(db, "SELECT count(*) FROM attendance WHERE person_id = ?1"
		     " AND status = 'present' AND arrived_at = '09:05'", zoe), 1,
	       "  present (not absent) at the session both had, with the arrival time");
	db_close(db);
	vt_key(t, VT_ESC);
}

static void test_of_person(vt *t)
{
	sqlite3 *db;

	vt_type(t, "johan");
	SEE(t, vt_wait_text(t, "Janssens, Johan", WAIT), "typing finds Johan");
	vt_type(t, F5);
	SEE(t, vt_wait_text(t, "Merge Johan Janssens with", WAIT), "F5: the people who look like him");
	SEE(t, vt_wait_text(t, "Jan Janssens (Atheneum Brugge, jan.janssens@school.be)", WAIT),
	   "  Jan, with the same e-mail");
	vt_key(t, VT_ENTER);
	SEE(t, vt_wait_text(t, "Merge these two into one person?", WAIT), "Enter asks first");
	vt_key(t, VT_ESC);
	SEE(t, vt_wait_gone(t, "Merge these two", WAIT), "Esc keeps both");
	db = e2e_open_db();
	is_int(count(db, "SELECT count(*) FROM person WHERE id = ?1", johan), 1, "  Johan is still there");
	db_close(db);
	vt_key(t, VT_ESC);
	vt_type(t, "zoe");
	SEE(t, vt_wait_text(t, "Van den Broeck, Zoë", WAIT), "typing finds Zoë");
	vt_type(t, F5);
	SEE(t, vt_wait_text(t, "Nobody looks like Zoë Van den Broeck.", WAIT),
	   "F5 on someone without a twin says so");
	vt_key(t, VT_ESC);
}

static void test_help(vt *t)
{
	vt_key(t, VT_F1);
	SEE(t, vt_wait_text(t, "the people who look like the selected one", WAIT),
	   "the help screen lists F5");
	vt_key(t, VT_PGDN);
	SEE(t, vt_wait_text(t, "every pair of people who look like the same person", WAIT),
	   "  and F6");
	vt_key(t, VT_ESC);
}

static void test_dutch(void)
{
	vt *t = e2e_start(&(struct e2e_opts){ .language = "nl" });

	SEE(t, vt_wait_text(t, "STEM++", WAIT), "stemtui starts in Dutch");
	vt_type(t, "P");
	SEE(t, vt_wait_text(t, "Mensen", WAIT), "the people list");
	vt_type(t, F6);
	SEE(t, vt_wait_text(t, "Mensen die dezelfde persoon lijken", WAIT), "F6 in Dutch");
	vt_key(t, VT_ESC);
	vt_key(t, VT_F1);
	vt_key(t, VT_PGDN);
	SEE(t, vt_wait_text(t, "alle paren van mensen die dezelfde persoon lijken", WAIT),
	    "the help screen in Dutch");
	vt_key(t, VT_ESC);
	vt_key(t, VT_ESC);
	e2e_quit(t);
}

int main(void)
{
	vt *t;

	e2e_new_home("duplicates");
	sign_up();
	check_ins();
	t = e2e_start(&(struct e2e_opts){ 0 });
	SEE(t, vt_wait_text(t, "STEM++", WAIT), "stemtui starts");
	vt_type(t, "P");
	SEE(t, vt_wait_text(t, "People" "  \xc2\xb7  " "44", WAIT), "the people list, longer than the screen");
	test_all_pairs(t);
	test_of_person(t);
	test_help(t);
	vt_key(t, VT_ESC);
	SEE(t, vt_wait_gone(t, "People" "  \xc2\xb7", WAIT), "Esc goes back");
	e2e_quit(t);
	test_dutch();
	return tap_done();
}
