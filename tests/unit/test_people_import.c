/* test_people_import.c: importing sign-up lists: English and Dutch
 * columns in any order, accents, reimporting, registering as expected,
 * and every kind of bad file refused with its line while the database
 * stays exactly as it was. */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/attendance.h"
#include "core/db.h"
#include "core/organisation.h"
#include "core/people.h"
#include "core/people_import.h"
#include "core/roles.h"
#include "../tap.h"
#include "fixture.h"

static sqlite3 *db;
static st_roles roles;

/* ---- helpers ------------------------------------------------------------ */

/* Every row of every table an import may touch, as text: two dumps are
 * equal exactly when no row was added, removed or changed.  NULL and ''
 * are told apart. */
static char *dump_db(void)
{
	static const char *const sql[] = {
		"SELECT 'organisation', * FROM organisation ORDER BY id",
		"SELECT 'person', * FROM person ORDER BY id",
		"SELECT 'person_focus', * FROM person_focus ORDER BY person_id, focus",
		"SELECT 'person_name', rowid, * FROM person_name ORDER BY rowid",
		"SELECT 'attendance', * FROM attendance ORDER BY session_id, person_id",
		"SELECT 'attendance_log', * FROM attendance_log ORDER BY id",
		"SELECT 'coaching', * FROM coaching ORDER BY coach_id, school_id",
		"SELECT 'session', * FROM session ORDER BY id",
	};

	return dump_rows(db, sql, sizeof sql / sizeof sql[0]);
}

/* The one person called first last: "role|organisation|email|focus", or
 * "(none)" / "(several)". */
static const char *person_line(const char *first, const char *last)
{
	static char line[1024];
	person_filter f = { 0 };
	st_person rows[3];
	st_err err = { "" };
	char name[256];
	int n, i, found = -1;

	memset(rows, 0, sizeof rows);
	snprintf(name, sizeof name, "%s %s", first, last);
	f.name = name;
	n = person_page(db, &f, NULL, false, rows, 3, &err);
	for (i = 0; i < n; i++)
		if (strcmp(rows[i].first_name, first) == 0 && strcmp(rows[i].last_name, last) == 0)
			found = found == -1 ? i : -2;
	if (found == -1)
		snprintf(line, sizeof line, "(none)");
	else if (found == -2)
		snprintf(line, sizeof line, "(several)");
	else
		snprintf(line, sizeof line, "%s|%s|%s|%s", rows[found].role,
			 rows[found].organisation, rows[found].email, rows[found].focus);
	for (i = 0; i < n; i++)
		person_clear(&rows[i]);
	return line;
}

/* ---- good files --------------------------------------------------------- */

static const char english[] =
	"first_name,last_name,role,organisation,email,focus\n"
	"Zoë,Peeters,Leraar,Sint-Lodewijkscollege,zoe@example.org,\"programmeren; Wetenschap\"\n"
	"Françoise,Peeters,pedagogisch begeleider,,francoise@example.org,\n"
	"Jan,Peeters,,Sint-Lodewijkscollege,,\n";

static long long session_id;

static void test_english(void)
{
	const char *path = write_file("english.csv", english);
	people_import_stats stats = { .rows = -1, .created = -1, .existing = -1, .expected = -1 };
	st_err err = { "" };

	if (!ok(people_import_csv(db, path, &roles, 0, &stats, &err) == 0,
		"a file with English columns imports"))
		diag("%s", err.msg);
	ok(stats.rows == 3 && stats.created == 3 && stats.existing == 0 && stats.expected == 0,
	   "  3 rows, 3 people created");
	is_str(person_line("Zoë", "Peeters"),
	       "leraar|Sint-Lodewijkscollege|zoe@example.org|programmeren,wetenschap",
	       "  Zoë Peeters: role by label, school, e-mail, focus split on ;");
	is_str(person_line("Françoise", "Peeters"), "pedagogisch-begeleider||francoise@example.org|",
	       "  Françoise Peeters: role by its label with a space, no school");
	is_str(person_line("Jan", "Peeters"), "andere|Sint-Lodewijkscollege||",
	       "  Jan Peeters: an empty role is andere");
	is_int(query_int(db, "SELECT count(*) FROM organisation WHERE name = 'Sint-Lodewijkscollege'"
			 " AND kind = 'school'"), 1, "  the school was made once");

	if (!ok(people_import_csv(db, path, &roles, 0, &stats, &err) == 0, "importing it again"))
		diag("%s", err.msg);
	ok(stats.rows == 3 && stats.created == 0 && stats.existing == 3,
	   "  finds the 3 people already there");
	is_int(query_int(db, "SELECT count(*) FROM person"), 3, "  and makes no duplicates");
}

static void test_dutch(void)
{
	static const char dutch[] =
		"\xef\xbb\xbf" "Rol, Voornaam ,E-mail,ACHTERNAAM,Organisatie,Focus,,\r\n"
		"Techniekcoach,Mehmet,mehmet@example.org,Çelik,,\"Programmeren, robotica\",,\r\n"
		"directie,Lien,,Van den Broeck,sint-lodewijkscollege,,,\r\n"
		"leraar,Jan,,Peeters,,,,\r\n";
	const char *path = write_file("dutch.csv", dutch);
	people_import_stats stats = { .rows = -1, .created = -1, .existing = -1, .expected = -1 };
	st_err err = { "" };

	if (!ok(people_import_csv(db, path, &roles, 0, &stats, &err) == 0,
		"a file with Dutch columns in another order (BOM, CRLF, empty trailing columns)"))
		diag("%s", err.msg);
	ok(stats.rows == 3 && stats.created == 2 && stats.existing == 1,
	   "  2 people created, Jan Peeters found");
	ok(stats.warnings == NULL, "  without a warning");
	is_str(person_line("Mehmet", "Çelik"), "techniekcoach||mehmet@example.org|programmeren,robotica",
	       "  Mehmet Çelik, accents and all");
	is_str(person_line("Lien", "Van den Broeck"), "directie|Sint-Lodewijkscollege||",
	       "  Lien Van den Broeck at the same school, written in lower case");
	is_int(query_int(db, "SELECT count(*) FROM organisation"), 1, "  still one school");
	is_int(query_int(db, "SELECT count(*) FROM person WHERE first_name = 'Jan'"), 1,
	       "  Jan Peeters without a school is the one Jan Peeters there is (at Sint-Lodewijk)");
}

/* Rows that do not say enough to tell people apart: a namesake is reused
 * when there is one, a row is left out (with a warning) when there are
 * several, a school spelled otherwise is not added. */
static void test_namesakes(void)
{
	static const char other_school[] =
		"voornaam,achternaam,organisatie\n"
		"Jan,Peeters,GO! De Klimop\n";
	static const char no_school[] =
		"voornaam,achternaam\n"
		"Françoise,Peeters\n"
		"Jan,Peeters\n";
	static const char misspelt[] =
		"voornaam,achternaam,organisatie\n"
		"Zoë,Peeters,Sint Lodewijks college\n";
	const char *path;
	people_import_stats stats = { -1, -1, -1, -1, -1, NULL };
	st_err err = { "" };

	exec(db, "INSERT INTO organisation (kind, name, name_key) VALUES ('school', 'GO! De Klimop',"
	     " st_fold('GO! De Klimop'))");
	path = write_file("other-school.csv", other_school);
	if (!ok(people_import_csv(db, path, &roles, 0, &stats, &err) == 0,
		"Jan Peeters of another known school"))
		diag("%s", err.msg);
	ok(stats.created == 1 && stats.existing == 0, "  is a new person");
	has_str(stats.warnings, "other-school.csv:2: Jan Peeters is added as a new person of"
		" GO! De Klimop; someone of that name is known elsewhere", "  with a warning");
	free(stats.warnings);
	is_int(query_int(db, "SELECT count(*) FROM person WHERE first_name = 'Jan'"), 2,
	       "  so there are two Jan Peeters");

	path = write_file("no-school.csv", no_school);
	if (!ok(people_import_csv(db, path, &roles, session_id, &stats, &err) == 0,
		"a list without organisations, expected at COP 07"))
		diag("%s", err.msg);
	ok(stats.rows == 2 && stats.created == 0 && stats.existing == 1 && stats.left_out == 1,
	   "  Françoise found, Jan left out, nobody created");
	has_str(stats.warnings, "no-school.csv:3: Jan Peeters: several people have this name", 
		"  the warning names the line and the name");
	has_str(stats.warnings, "left out", "  and says the row was left out");
	ok(strstr(stats.warnings, "no-school.csv:2") == NULL, "  Françoise gets no warning");
	free(stats.warnings);
	is_int(query_int(db, "SELECT count(*) FROM person WHERE first_name = 'Jan'"), 2,
	       "  still two Jan Peeters");

	path = write_file("misspelt.csv", misspelt);
	if (!ok(people_import_csv(db, path, &roles, 0, &stats, &err) == 0,
		"Zoë Peeters of a school spelled otherwise"))
		diag("%s", err.msg);
	ok(stats.created == 0 && stats.existing == 1, "  is the Zoë Peeters already known");
	has_str(stats.warnings, "misspelt.csv:2: Zoë Peeters is taken as the one already known",
		"  with a warning");
	has_str(stats.warnings, "\"Sint Lodewijks college\" was not added", "  naming the school");
	free(stats.warnings);
	is_int(query_int(db, "SELECT count(*) FROM organisation WHERE name = 'Sint Lodewijks college'"),
	       0, "  which is not added");
}

/* A row whose school is new and whose name is known comes before the row
 * that adds that school: it is a new person there all the same, so the
 * outcome does not depend on the order of the rows, and importing the file
 * again finds everyone (found by make fuzz: a second import created one
 * more person). */
static void test_row_order(void)
{
	static const char school_added_later[] =
		"voornaam,achternaam,organisatie\n"
		"Zoë,Peeters,VBS De Regenboog\n"
		"Mira,Claes,VBS De Regenboog\n";
	const char *path = write_file("school-added-later.csv", school_added_later);
	people_import_stats stats = { -1, -1, -1, -1, -1, NULL };
	st_err err = { "" };

	if (!ok(people_import_csv(db, path, &roles, 0, &stats, &err) == 0,
		"Zoë Peeters of a school that the next row adds"))
		diag("%s", err.msg);
	ok(stats.rows == 2 && stats.created == 2 && stats.existing == 0,
	   "  is a new person of that school, as Mira Claes is");
	has_str(stats.warnings, "school-added-later.csv:2: Zoë Peeters is added as a new person of"
		" VBS De Regenboog", "  with a warning for her line");
	free(stats.warnings);
	is_str(person_line("Mira", "Claes"), "andere|VBS De Regenboog||", "  Mira Claes is there");
	is_int(query_int(db, "SELECT count(*) FROM organisation WHERE name = 'VBS De Regenboog'"), 1,
	       "  the school is added once");

	stats.warnings = NULL;
	if (!ok(people_import_csv(db, path, &roles, 0, &stats, &err) == 0, "importing it again"))
		diag("%s", err.msg);
	ok(stats.rows == 2 && stats.created == 0 && stats.existing == 2,
	   "  finds both and creates nobody");
	ok(stats.warnings == NULL, "  without a warning");
	free(stats.warnings);
}

static void test_expected(void)
{
	const char *path = write_file("expected.csv", english);
	people_import_stats stats = { .rows = -1, .created = -1, .existing = -1, .expected = -1 };
	st_err err = { "" };
	char sql[512];

	exec(db, "INSERT INTO programme (name, school_year) VALUES ('STEMBASIS 2018-2019', '2018-2019')");
	exec(db, "INSERT INTO session (programme_id, code, code_key, kind, date)"
	     " VALUES (1, 'COP 07', st_natural_key('COP 07'), 'focusgroep', '2019-02-07')");
	session_id = sqlite3_last_insert_rowid(db);
	snprintf(sql, sizeof sql, "SELECT id FROM person WHERE first_name = 'Zoë'");
	if (attendance_set(db, session_id, query_int(db, sql), ATT_PRESENT, &err) != 0)
		diag("%s", err.msg);
	if (!ok(people_import_csv(db, path, &roles, session_id, &stats, &err) == 0,
		"import with an expected session"))
		diag("%s", err.msg);
	ok(stats.rows == 3 && stats.existing == 3 && stats.expected == 2,
	   "  registers the 2 not yet registered");
	ok(query_int(db, "SELECT count(*) FROM attendance WHERE status = 'present'") == 1 &&
	   query_int(db, "SELECT count(*) FROM attendance WHERE status = 'expected'") == 2,
	   "  Zoë stays present, Françoise and Jan are expected");
	is_int(query_int(db, "SELECT count(*) FROM attendance_log WHERE new_status = 'expected'"), 0,
	       "  an import is not in the undo log");
	is_int(people_import_csv(db, path, &roles, 999999, &stats, &err), -1,
	       "an unknown expected session is an error");
	has_str(err.msg, "999999", "  naming it");
}

/* ---- bad files ---------------------------------------------------------- */

/* Imports text as name and expects "FILE:LINE: " and words in the error,
 * with the database exactly as before. */
static void refused(const char *name, const char *text, int line, const char *words)
{
	const char *path = write_file(name, text);
	char where[4300], *before, *after;
	people_import_stats stats = { .rows = 7, .created = 7, .existing = 7, .expected = 7 };
	st_err err = { "" };

	before = dump_db();
	is_int(people_import_csv(db, path, &roles, session_id, &stats, &err), -1,
	       name);
	snprintf(where, sizeof where, "%s:%d: ", path, line);
	if (!tap_ok(strncmp(err.msg, where, strlen(where)) == 0, "  the error starts with FILE:%d:",
		    line))
		diag("%s", err.msg);
	has_str(err.msg, words, "  and says why");
	ok(stats.rows == 0 && stats.created == 0, "  stats are zero");
	after = dump_db();
	ok(strcmp(before, after) == 0, "  the database is unchanged");
	free(before);
	free(after);
}

static void test_bad(void)
{
	refused("unknown-column.csv", "first_name,last_name,phone\nA,B,1\n", 1,
		"unknown column \"phone\"");
	refused("duplicate-column.csv", "first_name,last_name,role,role\nA,B,,\n", 1,
		"\"role\" appears twice");
	refused("synonym-column.csv", "first_name,last_name,voornaam\nA,B,C\n", 1,
		"\"first_name\" and \"voornaam\"");
	refused("no-last-name.csv", "first_name,role\nA,leraar\n", 1, "last_name");
	refused("no-first-name.csv", "achternaam\nA\n", 1, "first_name");
	refused("empty.csv", "", 1, "empty");
	refused("empty-first-name.csv",
		"first_name,last_name\nNieuw,Een\nNieuw,Twee\n,Peeters\nNieuw,Vier\n", 4,
		"first_name is empty");
	refused("empty-achternaam.csv", "voornaam,achternaam\nNieuw,Een\n\"Nieuw\",\"  \"\n", 3,
		"achternaam is empty");
	refused("unknown-role.csv", "first_name,last_name,role\nNieuw,Een,leraar\nNieuw,Twee,astronaut\n",
		3, "unknown role \"astronaut\"");
	refused("unknown-role-list.csv", "first_name,last_name,role\nNieuw,Een,kapitein\n", 2,
		"leraar, directie, pedagogisch-begeleider, lerarenopleider, techniekcoach, "
		"onderzoeker, andere");
	refused("field-count.csv", "first_name,last_name\nNieuw,Een\nNieuw,Twee,extra\n", 3,
		"(3; the header has 2)");
	refused("too-few.csv", "first_name,last_name,role\nNieuw\n", 2, "(1; the header has 3)");
	refused("unclosed-quote.csv", "first_name,last_name\nNieuw,Een\n\"Nieuw,Twee\nNieuw,Drie\n",
		3, "not closed");
	refused("latin1.csv", "first_name,last_name\nNieuw,Een\nZo\xeb,Peeters\n", 3, "UTF-8");
	refused("bad-email.csv", "first_name,last_name,email\nNieuw,Een,nieuw.example.org\n", 2,
		"nieuw.example.org");
	refused("unnamed-value.csv", "first_name,last_name,\nNieuw,Een,\nNieuw,Twee,x\n", 3,
		"column 3");

	/* A row the database refuses halfway: everything before it goes too. */
	exec(db, "CREATE TEMP TRIGGER boom BEFORE INSERT ON person WHEN new.last_name = 'Boom'"
	     " BEGIN SELECT RAISE(ABORT, 'boom goes the database'); END");
	refused("database-refuses.csv",
		"first_name,last_name,organisation\nNieuw,Een,Nieuwe School\nTik,Boom,\nNieuw,Drie,\n",
		3, "boom goes the database");
	exec(db, "DROP TRIGGER boom");
}

static void test_missing(void)
{
	st_err err = { "" };

	is_int(people_import_csv(db, "/nonexistent/people.csv", &roles, 0, NULL, &err), -1,
	       "a missing file is an error");
	has_str(err.msg, "/nonexistent/people.csv", "  naming it");
}

/* ---- What a Belgian Excel saves ----------------------------------------------- */

/* Excel's "CSV UTF-8" (byte-order mark, semicolons, CRLF) imports, and
 * so does its Windows-1252 CSV, with a warning naming the line of the
 * first byte that is not UTF-8; a file mixing both is refused with
 * FILE:LINE and the database untouched; the encoding given decides. */
static void test_excel(void)
{
	const char *utf8 = data_path("csv/excel-utf8.csv"), *cp1252 = data_path("csv/excel-1252.csv");
	const char *mixed = data_path("csv/mixed-encodings.csv");
	char where[4300], *before, *after;
	people_import_stats stats = { 0 };
	st_err err = { "" };

	if (!ok(people_import_csv_as(db, utf8, CSV_AUTO, &roles, 0, &stats, &err) == 0,
		"Excel's CSV UTF-8 with semicolons imports"))
		diag("%s", err.msg);
	ok(stats.rows == 3 && stats.created == 3, "  3 rows, 3 people created");
	ok(stats.warnings == NULL, "  without a warning");
	is_str(person_line("Zoë", "Dewilde"), "directie|Sint-Jozef; campus Noord||",
	       "  Zoë Dewilde: a quoted semicolon is part of the school's name");
	is_str(person_line("Ward", "Goossens"), "andere|Basisschool De Regenboog||programmeren,wetenschap",
	       "  Ward Goossens: focus tags split on the comma inside quotes");
	free(stats.warnings);

	snprintf(where, sizeof where, "%s:2: ", cp1252);
	before = dump_db();
	is_int(people_import_csv_as(db, cp1252, CSV_UTF8, &roles, 0, &stats, &err), -1,
	       "Excel's Windows-1252 CSV read as UTF-8 (--encoding utf-8) is refused");
	has_str(err.msg, where, "  with FILE:LINE");
	has_str(err.msg, "not valid UTF-8", "  saying why");
	after = dump_db();
	ok(strcmp(before, after) == 0, "  the database is unchanged");
	free(before);
	free(after);
	if (!ok(people_import_csv_as(db, cp1252, CSV_AUTO, &roles, 0, &stats, &err) == 0,
		"found out, it imports"))
		diag("%s", err.msg);
	ok(stats.rows == 3 && stats.created == 3, "  3 rows, 3 people created");
	has_str(stats.warnings, where, "  with a warning at the line of the first byte not UTF-8");
	has_str(stats.warnings, "read as Windows-1252", "  saying how it was read");
	is_str(person_line("Françoise", "Claes"), "leraar|Basisschool \xe2\x80\x99t Klavertje||",
	       "  Françoise Claes of Basisschool ’t Klavertje");
	is_str(person_line("Zoë", "Wouters"),
	       "directie|Vrije Basisschool Sint-Maarten|zoe.wouters@example.org|", "  Zoë Wouters");
	is_str(person_line("Jef", "Maes"), "techniekcoach|Scholengroep € Samen||",
	       "  Jef Maes of Scholengroep € Samen (0x80 is the euro sign)");
	free(stats.warnings);

	snprintf(where, sizeof where, "%s:3: ", mixed);
	before = dump_db();
	is_int(people_import_csv_as(db, mixed, CSV_AUTO, &roles, 0, &stats, &err), -1,
	       "a file mixing UTF-8 and other bytes is refused");
	has_str(err.msg, where, "  with FILE:LINE of the first byte not UTF-8");
	has_str(err.msg, "--encoding", "  saying how to choose");
	after = dump_db();
	ok(strcmp(before, after) == 0, "  the database is unchanged");
	free(before);
	free(after);
	if (!ok(people_import_csv_as(db, mixed, CSV_WINDOWS_1252, &roles, 0, &stats, &err) == 0,
		"--encoding windows-1252 reads it all as Windows-1252"))
		diag("%s", err.msg);
	ok(strcmp(person_line("Françoise", "Maes"), "andere|||") == 0 &&
	   strcmp(person_line("Zo\xc3\x83\xc2\xab", "Maes"), "andere|||") == 0,
	   "  as asked: Françoise right, the UTF-8 Zoë as two characters");
	ok(stats.warnings == NULL, "  without a warning: the encoding was given");
	free(stats.warnings);
}

/* The import writes each person's name keys itself, as the trigger would
 * (schema 21): the trigger then leaves the row alone instead of writing
 * it and its three name indexes a second time.  A row inserted without
 * them still gets them. */
static void test_keys_once(void)
{
	static const char names[] =
		"first_name,last_name\n"
		"Pieter-Jan,D'Hondt\n"
		"Zo\xc3\xab,Van den Broeck\n"
		"Fran\xc3\xa7oise,Le Clercq\n";
	const char *path = write_file("keys.csv", names);
	people_import_stats stats = { 0 };
	st_err err = { "" };

	exec(db, "CREATE TEMP TABLE key_writes (n INTEGER NOT NULL); INSERT INTO key_writes VALUES (0);"
		 "CREATE TEMP TRIGGER key_write AFTER UPDATE OF name_key, first_last_key, last_first_key"
		 " ON person BEGIN UPDATE key_writes SET n = n + 1; END;");
	if (!ok(people_import_csv(db, path, &roles, 0, &stats, &err) == 0 && stats.created == 3,
		"a list of names with hyphens, apostrophes and accents imports"))
		diag("%s", err.msg);
	is_int(query_int(db, "SELECT n FROM key_writes"), 0,
	       "  no person row was written twice for its name keys");
	is_int(query_int(db, "SELECT count(*) FROM person WHERE name_key IS NOT"
			 " st_fold(first_name) || ' ' || st_fold(last_name)"
			 " OR first_last_key IS NOT st_fold_name(first_name) || st_fold_name(last_name)"
			 " OR last_first_key IS NOT st_fold_name(last_name) || st_fold_name(first_name)"), 0,
	       "  every person's keys are what the trigger makes of the name");
	is_str(person_line("Zo\xc3\xab", "Van den Broeck"), "andere|||", "  Zo\xc3\xab is found by name");
	exec(db, "INSERT INTO person (first_name, last_name, sort_key, role, created_at)"
		 " VALUES ('Sen', 'De Smet', 'x', 'andere', '2026-01-01T00:00:00Z')");
	is_int(query_int(db, "SELECT n FROM key_writes"), 1,
	       "  a person inserted without keys gets them from the trigger");
	is_int(query_int(db, "SELECT count(*) FROM person WHERE first_name = 'Sen'"
			 " AND name_key = 'sen de smet' AND first_last_key = 'sendesmet'"
			 " AND last_first_key = 'desmetsen'"), 1, "  the right ones");
	exec(db, "DROP TRIGGER temp.key_write; DROP TABLE temp.key_writes;");
}

int main(void)
{
	st_err err = { "" };

	setlocale(LC_ALL, "C.UTF-8");
	unsetenv("LANGUAGE");
	find_datadir();
	fixture_start("people-import");
	db = open_db("import.sqlite");
	if (roles_load(&roles, NULL, &err) != 0) {
		printf("Bail out! %s\n", err.msg);
		return 99;
	}
	test_english();
	test_dutch();
	test_expected();
	test_namesakes();
	test_row_order();
	test_bad();
	test_missing();
	test_excel();
	test_keys_once();
	roles_free(&roles);
	db_close(db);
	return tap_done();
}
