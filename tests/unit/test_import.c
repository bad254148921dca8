/* test_import.c: programme files into the database, and organisations. */
#include "config.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/date.h"
#include "core/db.h"
#include "core/fsutil.h"
#include "core/inifile.h"
#include "core/organisation.h"
#include "core/programme_import.h"
#include "../tap.h"
#include "fixture.h"

static const char *tmp;

/* ---- helpers ---------------------------------------------------------- */

/* Every row of the tables an import may touch, as text: two dumps are
 * equal exactly when no row was added, removed or changed.  NULL and ''
 * are told apart. */
static char *dump_db(sqlite3 *db)
{
	static const char *const sql[] = {
		"SELECT 'programme', * FROM programme ORDER BY id",
		"SELECT 'organisation', * FROM organisation ORDER BY id",
		"SELECT 'session', * FROM session ORDER BY id",
	};

	return dump_rows(db, sql, sizeof sql / sizeof sql[0]);
}

/* The first column of the first row of sql, ?1 bound to arg when given,
 * is want. */
#define is_query(db, sql, arg, want, name) is_str(query_text_with(db, sql, arg), want, name)

/* One session's row as text: every column, or every column but start_time. */
static const char *session_row(sqlite3 *db, const char *code, bool without_start)
{
	static const char all[] =
		"SELECT id || '|' || code || '|' || code_key || '|' || kind || '|' || title"
		" || '|' || date || '|' || start_time || '|' || end_time || '|' || venue"
		" || '|' || street || '|' || postcode || '|' || city || '|' || room"
		" || '|' || report_title || '|' || report_url || '|' || remark"
		" || '|' || ifnull(host_org_id, 'NULL') || '|' || programme_id"
		" FROM session WHERE code = ?1";
	static const char no_start[] =
		"SELECT id || '|' || code || '|' || code_key || '|' || kind || '|' || title"
		" || '|' || date || '|' || end_time || '|' || venue"
		" || '|' || street || '|' || postcode || '|' || city || '|' || room"
		" || '|' || report_title || '|' || report_url || '|' || remark"
		" || '|' || ifnull(host_org_id, 'NULL') || '|' || programme_id"
		" FROM session WHERE code = ?1";

	return query_text_with(db, without_start ? no_start : all, code);
}

static void is_stats(const import_stats *s, bool programme_new, int added, int changed,
		     int unchanged, const char *what)
{
	char name[256];

	snprintf(name, sizeof name, "%s: programme_new", what);
	is_int(s->programme_new, programme_new, name);
	snprintf(name, sizeof name, "%s: sessions_new", what);
	is_int(s->sessions_new, added, name);
	snprintf(name, sizeof name, "%s: sessions_changed", what);
	is_int(s->sessions_changed, changed, name);
	snprintf(name, sizeof name, "%s: sessions_unchanged", what);
	is_int(s->sessions_unchanged, unchanged, name);
}

static char shipped_path[4096];

/* ---- the shipped programme ------------------------------------------ */

static void check_shipped_sessions(sqlite3 *db)
{
	is_query(db, "SELECT count(*) FROM session", NULL, "13", "13 sessions");
	is_query(db, "SELECT group_concat(code, ',') FROM"
		     " (SELECT code FROM session ORDER BY code_key)", NULL,
		 "COP 01,COP 02,COP 03,COP 04,COP 05,COP 06,COP 07,COP 08,COP 09,"
		 "COP 10,COP 11,COP 12,COP 13", "codes COP 01..COP 13");
	is_query(db, "SELECT count(*) FROM session WHERE kind = ?1", "inspiratiesessie", "6",
		 "6 inspiratiesessies");
	is_query(db, "SELECT count(*) FROM session WHERE kind = ?1", "groeisessie", "3",
		 "3 groeisessies");
	is_query(db, "SELECT count(*) FROM session WHERE kind = ?1", "focusgroep", "3",
		 "3 focusgroepen");
	is_query(db, "SELECT count(*) FROM session WHERE kind = ?1", "uitwisselsessie", "1",
		 "1 uitwisselsessie");
	is_query(db, "SELECT group_concat(date || ' ' || start_time || '-' || end_time || ' '"
		     " || remark, ';') FROM session WHERE code IN ('COP 10', 'COP 11', 'COP 12')",
		 NULL, "2018-11 09:00-12:30 Individuele sessie per school;"
		 "2018-11 09:00-12:30 Individuele sessie per school;"
		 "2018-11 09:00-12:30 Individuele sessie per school",
		 "COP 10-12 are in 2018-11 (month only), 09:00-12:30");
	is_query(db, "SELECT venue || '|' || street || '|' || postcode || '|' || city"
		     " FROM session WHERE code = ?1", "COP 04",
		 "VBS Heilige Familie|Helmetsesteenweg 216|1030|Schaarbeek",
		 "COP 04 address cleaned up");
	is_query(db, "SELECT venue || '|' || street || '|' || postcode || '|' || city"
		     " FROM session WHERE code = ?1", "COP 05",
		 "GO! De Luchtballon|Sliksteenvest 1|3300|Tienen", "COP 05 venue cleaned up");
	is_query(db, "SELECT date FROM session WHERE code = ?1", "COP 09", "2018-10-15",
		 "COP 09 on 2018-10-15");
	is_query(db, "SELECT date FROM session WHERE code = ?1", "COP 08", "2018-10-22",
		 "COP 08 on 2018-10-22");
	is_query(db, "SELECT group_concat(code, ',') FROM (SELECT code FROM session"
		     " WHERE kind = 'groeisessie' ORDER BY date, code_key)", NULL,
		 "COP 07,COP 09,COP 08", "by date, COP 09 comes before COP 08");
	is_query(db, "SELECT venue || '|' || room || '|' || street || '|' || city"
		     " FROM session WHERE code = ?1", "COP 07",
		 "|A1.04|Brusselsepoortstraat 93|Gent", "COP 07: room, no venue name");
	is_query(db, "SELECT room FROM session WHERE code = ?1", "COP 08", "BPS A1.02",
		 "COP 08 room");
	is_query(db, "SELECT venue || '|' || room || '|' || street || '|' || postcode"
		     " FROM session WHERE code = ?1", "COP 09",
		 "Gebouw Hermes|Vergaderzaal 5303.1|Stormstraat 2|1000", "COP 09 venue and room");
	is_query(db, "SELECT date || ' ' || start_time || '-' || end_time || ' ' || postcode"
		     " || ' ' || city FROM session WHERE code = ?1", "COP 13",
		 "2018-12-19 13:30-16:30 1000 Brussel", "COP 13 in 1000 Brussel");
	is_query(db, "SELECT count(*) FROM session WHERE report_title <> ''", NULL, "7",
		 "7 reports have titles");
	is_query(db, "SELECT count(*) FROM session WHERE report_url <> ''", NULL, "0",
		 "and no report has an address");
	is_query(db, "SELECT count(*) FROM session WHERE code_key <> st_natural_key(code)",
		 NULL, "0", "code_key is the natural key of code");
}

static void check_shipped_hosts(sqlite3 *db)
{
	is_query(db, "SELECT group_concat(name, ',') FROM (SELECT name FROM organisation"
		     " WHERE kind = 'school' ORDER BY id)", NULL,
		 "VBS De Vliegenier,Het Talent Antwerpen,VLS Berkenbos,VBS Heilige Familie,"
		 "GO! De Luchtballon,VBS Sint-Lodewijk", "the six host schools are organisations");
	is_query(db, "SELECT o.name || '|' || o.street || '|' || o.postcode || '|' || o.city"
		     " FROM session s JOIN organisation o ON o.id = s.host_org_id"
		     " WHERE s.code = ?1", "COP 01",
		 "VBS De Vliegenier|Opperweg 8|9890|Gavere-Semmerzake",
		 "COP 01 is hosted by VBS De Vliegenier, with its address");
	is_query(db, "SELECT name_key FROM organisation WHERE name = ?1", "GO! De Luchtballon",
		 "go! de luchtballon", "name_key is the folded name");
	is_query(db, "SELECT count(*) FROM session WHERE kind = 'inspiratiesessie'"
		     " AND (host_org_id IS NULL OR venue <> (SELECT name FROM organisation"
		     " WHERE id = host_org_id))", NULL, "0",
		 "every inspiratiesessie is hosted by the school it is held at");
	is_query(db, "SELECT count(*) FROM session WHERE kind <> 'inspiratiesessie'"
		     " AND host_org_id IS NOT NULL", NULL, "0", "the other sessions have no host");
}

/* The weekday check only guards the file if the file gives weekdays. */
static void check_shipped_weekdays(void)
{
	st_err err = { "" };
	ini_file *ini = ini_open(shipped_path, &err);
	int i, days = 0, named = 0;
	const char *sec, *date;
	st_date d;

	ok(ini != NULL, "the shipped file reads as INI");
	if (!ini) {
		diag("%s", err.msg);
		return;
	}
	for (i = 0; i < ini_section_count(ini); i++) {
		sec = ini_section_name(ini, i);
		date = ini_get(ini, sec, "date");
		if (!date || date_parse_iso(date, &d) != 0 || !d.day)
			continue;
		days++;
		if (ini_get(ini, sec, "weekday"))
			named++;
	}
	is_int(days, 10, "10 sessions have a full date");
	is_int(named, days, "each of them names its weekday");
	ini_close(ini);
}

static void test_shipped(void)
{
	sqlite3 *db = open_db("shipped.db");
	st_err err = { "" };
	import_stats stats;
	char *before, *after;
	const char *description;
	int rc;

	rc = programme_import_shipped(db, &err);
	is_int(rc, 0, "programme_import_shipped");
	if (rc)
		diag("%s", err.msg);
	is_query(db, "SELECT name || '|' || school_year FROM programme", NULL,
		 "STEM++ 2017-2018|2017-2018", "the programme STEM++ 2017-2018");
	description = query_text_with(db, "SELECT description FROM programme", NULL);
	has_str(description, "duurzame wijze", "its description is the central question");
	check_shipped_sessions(db);
	check_shipped_hosts(db);
	check_shipped_weekdays();

	before = dump_db(db);
	rc = programme_import_shipped(db, &err);
	after = dump_db(db);
	is_int(rc, 0, "importing the shipped programmes again");
	is_str(after, before, "changes no row");
	free(after);

	rc = programme_import_file(db, shipped_path, &stats, &err);
	is_int(rc, 0, "programme_import_file on the shipped file");
	is_stats(&stats, false, 0, 0, 13, "imported twice");
	after = dump_db(db);
	is_str(after, before, "importing it twice changes no row");
	free(after);
	free(before);
	db_close(db);
}

static void test_first_import_stats(void)
{
	sqlite3 *db = open_db("twice.db");
	st_err err = { "" };
	import_stats stats;
	char *before, *after;
	int changes;

	is_int(programme_import_file(db, shipped_path, &stats, &err), 0,
	       "import into an empty database");
	is_stats(&stats, true, 13, 0, 0, "first import");
	before = dump_db(db);
	changes = sqlite3_total_changes(db);
	is_int(programme_import_file(db, shipped_path, &stats, &err), 0, "import again");
	is_stats(&stats, false, 0, 0, 13, "second import");
	is_int(sqlite3_total_changes(db), changes, "the second import writes no row at all");
	after = dump_db(db);
	is_str(after, before, "and the rows are the same");
	free(before);
	free(after);
	is_int(programme_import_file(db, shipped_path, NULL, &err), 0, "stats may be NULL");
	db_close(db);
}

/* Blanks inside quotes are trimmed as those outside are (the value is
 * what is between them, as ini_get promises): a definition exported to
 * REFI-QDA and read back then stays the same. */
static void test_quoted_blanks(void)
{
	sqlite3 *db = open_db("quoted.db");
	st_err err = { "" };
	const char *path = write_file("quoted.ini",
		"[programme]\nname = \"  Gequoteerd \"\nschool_year = 2019-2020\n"
		"[session a]\ncode = K 1\nkind = focusgroep\ndate = 2019-12\n"
		"title = \"\tVisie  \"\nremark = ' ; apart ; '  ; a comment\n");

	is_int(programme_import_file(db, path, NULL, &err), 0, "a programme with blanks inside quotes");
	is_query(db, "SELECT title FROM session WHERE code = ?1", "K 1", "Visie",
		 "  blanks inside quotes are trimmed");
	is_query(db, "SELECT remark FROM session WHERE code = ?1", "K 1", "; apart ;",
		 "  also inside single quotes, before a comment");
	is_query(db, "SELECT name FROM programme WHERE school_year = ?1", "2019-2020", "Gequoteerd",
		 "  and in the programme's name");
	db_close(db);
}

/* A byte-order mark before the first line (Notepad's "UTF-8 with BOM")
 * is not part of it: the file reads as without one, its lines counted
 * alike.  iniparser reads its own copy, which is gone afterwards. */
static void test_byte_order_mark(void)
{
	sqlite3 *db = open_db("bom.db");
	st_err err = { "" };
	const char *path = write_file("bom.ini",
		"\xef\xbb\xbf[programme]\nname = Zoë's programma\nschool_year = 2020-2021\n"
		"[session a]\ncode = K 1\nkind = focusgroep\ndate = 2020-12\n"
		"venue = Sint-Lodewijk\n");

	is_int(programme_import_file(db, path, NULL, &err), 0,
	       "a programme file starting with a byte-order mark is imported");
	is_query(db, "SELECT name FROM programme WHERE school_year = ?1", "2020-2021",
		 "Zoë's programma", "  its first section read whole");
	is_query(db, "SELECT venue FROM session WHERE code = ?1", "K 1", "Sint-Lodewijk",
		 "  and its sessions");
	path = write_file("bom-bad.ini", "\xef\xbb\xbf[programme]\nname = X\nschool_year\n");
	is_int(programme_import_file(db, path, NULL, &err), -1, "a wrong line after a mark");
	has_str(err.msg, "bom-bad.ini:3:", "  is named by its line, the mark not counted as one");
	db_close(db);
}

/* ---- updates --------------------------------------------------------- */

#define SMALL_HEAD \
	"[programme]\n" \
	"name = Klein\n" \
	"school_year = 2019-2020\n" \
	"description = Eerste versie\n"

#define SESSION_A \
	"[session a]\ncode = K 1\nkind = inspiratiesessie\ndate = 2019-10-01\n" \
	"weekday = Tuesday\nhost = Basisschool Zoë\nvenue = Basisschool Zoë\n" \
	"street = Kerkstraat 1\npostcode = 9000\ncity = Gent\n"
#define SESSION_C \
	"[session c]\ncode = K 3\nkind = focusgroep\ndate = 2019-12\n" \
	"remark = \"Per school; in de klas\"\n"

static const char small_v1[] = SMALL_HEAD SESSION_A
	"[session b]\ncode = K 2\nkind = groeisessie\ndate = 2019-11-05\n"
	"start = 09:00\nend = 12:00\n"
	SESSION_C;

static const char small_v2[] = SMALL_HEAD SESSION_A
	"[session b]\ncode = K 2\nkind = groeisessie\ndate = 2019-11-05\n"
	"start = 09:30\nend = 12:00\n"
	SESSION_C
	"[session d]\ncode = K 4\nkind = uitwisselsessie\ndate = 2020-02\n";

static void test_changed_file(void)
{
	sqlite3 *db = open_db("changes.db");
	st_err err = { "" };
	import_stats stats;
	const char *a, *b, *c, *programme, *orgs, *now, *path;

	path = write_file("small.ini", small_v1);
	is_int(programme_import_file(db, path, &stats, &err), 0, "import a small programme");
	is_stats(&stats, true, 3, 0, 0, "small v1");
	is_query(db, "SELECT remark FROM session WHERE code = ?1", "K 3",
		 "Per school; in de klas", "a quoted value keeps its ';'");
	is_query(db, "SELECT date || '|' || start_time || '|' || ifnull(host_org_id, 'none') FROM session"
		     " WHERE code = ?1", "K 3", "2019-12||none", "K 3: month, no times, no host");
	a = session_row(db, "K 1", false);
	b = session_row(db, "K 2", true);
	c = session_row(db, "K 3", false);
	programme = query_text_with(db, "SELECT id || name || school_year || description FROM programme",
			  NULL);
	orgs = query_text_with(db, "SELECT group_concat(id || name || street, ',') FROM organisation",
		     NULL);

	path = write_file("small.ini", small_v2);
	is_int(programme_import_file(db, path, &stats, &err), 0,
	       "import it with one time changed and one session added");
	is_stats(&stats, false, 1, 1, 2, "small v2");
	now = session_row(db, "K 1", false);
	is_str(now, a, "K 1 is untouched");
	now = session_row(db, "K 3", false);
	is_str(now, c, "K 3 is untouched");
	now = session_row(db, "K 2", true);
	is_str(now, b, "K 2 keeps everything but its start time");
	is_query(db, "SELECT start_time FROM session WHERE code = ?1", "K 2", "09:30",
		 "K 2 starts at 09:30 now");
	is_query(db, "SELECT kind || '|' || date FROM session WHERE code = ?1", "K 4",
		 "uitwisselsessie|2020-02", "K 4 was added");
	is_query(db, "SELECT count(*) FROM session", NULL, "4", "4 sessions");
	now = query_text_with(db, "SELECT id || name || school_year || description FROM programme", NULL);
	is_str(now, programme, "the programme row is unchanged");
	now = query_text_with(db, "SELECT group_concat(id || name || street, ',') FROM organisation", NULL);
	is_str(now, orgs, "the organisations are unchanged");

	/* A file that names fewer sessions and a new description. */
	path = write_file("small.ini",
			  "[programme]\nname = Klein\nschool_year = 2019-2020\n"
			  "description = Tweede versie\n"
			  "[session d]\ncode = K 4\nkind = uitwisselsessie\ndate = 2020-02\n");
	is_int(programme_import_file(db, path, &stats, &err), 0, "import a file with one session");
	is_stats(&stats, false, 0, 0, 1, "small v3");
	is_query(db, "SELECT count(*) FROM session", NULL, "4",
		 "the sessions it does not name are left alone");
	is_query(db, "SELECT description FROM programme WHERE name = 'Klein'", NULL,
		 "Tweede versie", "the description is updated");
	now = session_row(db, "K 1", false);
	is_str(now, a, "K 1 is still untouched");

	/* Dropping an optional value clears it; dropping the host unlinks it. */
	path = write_file("small.ini", SMALL_HEAD
			  "[session a]\ncode = K 1\nkind = inspiratiesessie\ndate = 2019-10-01\n");
	is_int(programme_import_file(db, path, &stats, &err), 0, "import K 1 without extras");
	is_stats(&stats, false, 0, 1, 0, "small v4");
	is_query(db, "SELECT venue || '|' || street || '|' || ifnull(host_org_id, 'none')"
		     " FROM session WHERE code = ?1", "K 1", "||none",
		 "K 1 lost its venue, street and host");
	is_query(db, "SELECT count(*) FROM organisation", NULL, "1",
		 "the organisation itself stays");

	db_close(db);
}

/* ---- rejections ------------------------------------------------------ */

#define PROG "[programme]\nname = Test\nschool_year = 2017-2018\n"  /* lines 1-3 */

struct reject {
	const char *what;
	const char *text;
	int line;
	const char *words[2];
};

static const struct reject rejects[] = {
	{ "not UTF-8 (a Latin-1 \"ë\")", PROG
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2017-11-09\ncity = Zo\xeb" "ersel\n", 8,
	  { "not valid UTF-8", "save the file as UTF-8" } },
	{ "text after a closing quote (libiniparser would drop it)", PROG
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2017-11-09\n"
	  "title = \"Wat \"\"telt\"\"\" en wat niet\n", 8,
	  { "after the closing quote", "" } },
	{ "unknown kind", PROG
	  "[session a]\ncode = X 1\nkind = workshop\ndate = 2017-11-09\n", 6,
	  { "unknown session kind \"workshop\"", "inspiratiesessie, groeisessie" } },
	{ "date 2017-02-30", PROG
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2017-02-30\n", 7,
	  { "date \"2017-02-30\" is not a valid date", "YYYY-MM-DD or YYYY-MM" } },
	{ "date 2017-11-31", PROG
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2017-11-31\n", 7,
	  { "date \"2017-11-31\" is not a valid date", "YYYY-MM" } },
	{ "date 9 november", PROG
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 9 november\n", 7,
	  { "date \"9 november\" is not a valid date", "YYYY-MM-DD" } },
	{ "date 2018-13", PROG
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2018-13\n", 7,
	  { "date \"2018-13\"", "not a valid date" } },
	{ "weekday with a month-only date", PROG
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2018-11\nweekday = donderdag\n", 8,
	  { "weekday \"donderdag\"", "2018-11 is only a month" } },
	{ "weekday mismatch", PROG
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2017-11-09\nweekday = woensdag\n", 8,
	  { "weekday \"woensdag\" does not match 2017-11-09", "which is a Thursday" } },
	{ "weekday mismatch in English", PROG
	  "[session a]\ncode = X 1\nkind = focusgroep\nweekday = FRIDAY\ndate = 2017-11-09\n", 7,
	  { "weekday \"FRIDAY\" does not match 2017-11-09", "Thursday" } },
	{ "not a weekday", PROG
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2017-11-09\nweekday = dondag\n", 8,
	  { "weekday \"dondag\"", "not a day of the week" } },
	{ "duplicate code", PROG
	  "[session a]\ncode = COP 01\nkind = focusgroep\ndate = 2018-11\n"
	  "[session b]\ncode = COP 01\nkind = focusgroep\ndate = 2018-11\n", 9,
	  { "code \"COP 01\" is used twice", "(first on line 5)" } },
	{ "duplicate code in other case", PROG
	  "[session a]\ncode = COP 01\nkind = focusgroep\ndate = 2018-11\n"
	  "[session b]\nkind = focusgroep\ndate = 2018-11\ncode = cop 01\n", 11,
	  { "code \"cop 01\" is used twice", "first on line 5, as \"COP 01\"" } },
	{ "duplicate code with accents", PROG
	  "[session a]\ncode = Eén\nkind = focusgroep\ndate = 2018-11\n"
	  "[session b]\ncode = EEN\nkind = focusgroep\ndate = 2018-11\n", 9,
	  { "code \"EEN\" is used twice", "first on line 5" } },
	{ "missing code", PROG
	  "[session a]\nkind = focusgroep\ndate = 2018-11\n", 4,
	  { "[session a] needs a \"code\"", "" } },
	{ "empty code", PROG
	  "[session a]\ncode =\nkind = focusgroep\ndate = 2018-11\n", 5,
	  { "\"code\" in [session a] is empty", "" } },
	{ "missing kind", PROG
	  "\n[session x]\ncode = X 1\ndate = 2018-11\n", 5,
	  { "[session x] needs a \"kind\"", "" } },
	{ "missing date", PROG
	  "[session x]\ncode = X 1\nkind = focusgroep\n", 4,
	  { "[session x] needs a \"date\"", "" } },
	{ "missing programme name",
	  "[programme]\nschool_year = 2017-2018\n"
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2018-11\n", 1,
	  { "[programme] needs a \"name\"", "" } },
	{ "missing school year",
	  "; comment\n[programme]\nname = Test\n"
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2018-11\n", 2,
	  { "[programme] needs a \"school_year\"", "" } },
	{ "bad school year",
	  "[programme]\nname = Test\nschool_year = 2017-2019\n"
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2018-11\n", 3,
	  { "school_year \"2017-2019\" is not a school year", "YYYY-YYYY" } },
	{ "unknown key in a session", PROG
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2018-11\nadres = Kerkstraat 1\n", 8,
	  { "unknown key \"adres\" in [session a]", "report_url" } },
	{ "unknown key in the programme",
	  "[programme]\nname = Test\ntitel = Test\nschool_year = 2017-2018\n"
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2018-11\n", 3,
	  { "unknown key \"titel\" in [programme]", "school_year" } },
	{ "bad start time", PROG
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2018-11\nstart = 9u00\n", 8,
	  { "start \"9u00\" is not a valid time", "HH:MM" } },
	{ "bad end time", PROG
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2018-11\n"
	  "start = 09:00\nend = 24:00\n", 9,
	  { "end \"24:00\" is not a valid time", "" } },
	{ "end before start", PROG
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2018-11\n"
	  "start = 13:00\nend = 12:30\n", 9,
	  { "end 12:30 is not after start 13:00", "" } },
	{ "end equal to start", PROG
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2018-11\n"
	  "end = 13:00\nstart = 13:00\n", 8,
	  { "end 13:00 is not after start 13:00", "" } },
	{ "end without start", PROG
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2018-11\nend = 12:30\n", 8,
	  { "end 12:30 is given without a start", "" } },
	{ "bad report_url", PROG
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2018-11\n"
	  "report_url = www.example.org/verslag\n", 8,
	  { "report_url \"www.example.org/verslag\"", "http:// or https://" } },
	{ "unknown section", PROG
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2018-11\n\n[sessie b]\n", 9,
	  { "unknown section [sessie b]", "" } },
	{ "duplicate section", PROG
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2018-11\n"
	  "[Session A]\ncode = X 2\n", 8,
	  { "section [session a] appears twice", "first on line 4" } },
	{ "duplicate key", PROG
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2018-11\nKind = groeisessie\n", 8,
	  { "key \"kind\" appears twice", "first on line 6" } },
	{ "key outside a section",
	  "name = Test\n" PROG
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2018-11\n", 1,
	  { "before any [section]", "" } },
	{ "no sessions", "\n" PROG, 2,
	  { "no sessions", "" } },
	{ "no programme section",
	  "[session a]\ncode = X 1\nkind = focusgroep\ndate = 2018-11\n", 1,
	  { "no [programme] section", "" } },
	{ "empty file", "", 1,
	  { "no [programme] section", "" } },
	{ "unclosed section header", "[programme\nname = Test\n", 1,
	  { "closing ]", "" } },
	{ "line without =", PROG "[session a]\ncode X 1\n", 5,
	  { "key = value", "" } },
};

static void expect_reject(sqlite3 *db, const struct reject *r, int i)
{
	char name[64], prefix[4200], *before, *after;
	st_err err = { "" };
	import_stats stats = { true, 9, 9, 9 };
	const char *path;
	int rc, changes = sqlite3_total_changes(db);

	snprintf(name, sizeof name, "bad%02d.ini", i);
	path = write_file(name, r->text);
	snprintf(prefix, sizeof prefix, "%s:%d: ", path, r->line);
	before = dump_db(db);
	rc = programme_import_file(db, path, &stats, &err);
	after = dump_db(db);
	is_int(rc, -1, r->what);
	diag("%s", err.msg);
	ok(strncmp(err.msg, prefix, strlen(prefix)) == 0, "  message starts with FILE:%d:",
	   r->line);
	if (strncmp(err.msg, prefix, strlen(prefix)) != 0)
		diag("got \"%s\"", err.msg);
	has_str(err.msg, r->words[0], "  message gives the reason");
	if (*r->words[1])
		has_str(err.msg, r->words[1], "  and the details");
	ok(strcmp(before, after) == 0 && sqlite3_total_changes(db) == changes,
	   "  the database is unchanged");
	ok(sqlite3_get_autocommit(db), "  no transaction is left open");
	ok(!stats.programme_new && !stats.sessions_new && !stats.sessions_changed &&
	   !stats.sessions_unchanged, "  stats are zero");
	free(before);
	free(after);
}

static void test_rejections(void)
{
	sqlite3 *db = open_db("reject.db");
	st_err err = { "" };
	char *before, *after, missing[4200];
	size_t i;
	int rc;

	/* Something in the database, so "unchanged" means something. */
	rc = programme_import_file(db, shipped_path, NULL, &err);
	is_int(rc, 0, "fill the database first");
	for (i = 0; i < sizeof rejects / sizeof rejects[0]; i++)
		expect_reject(db, &rejects[i], (int)i);

	snprintf(missing, sizeof missing, "%s/no-such-file.ini", tmp);
	before = dump_db(db);
	rc = programme_import_file(db, missing, NULL, &err);
	after = dump_db(db);
	is_int(rc, -1, "an unreadable file is refused");
	has_str(err.msg, missing, "  the message names it");
	has_str(err.msg, "cannot read", "  and says it cannot be read");
	is_str(after, before, "  the database is unchanged");
	free(before);
	free(after);
	db_close(db);
}

/* A file that passes every check but fails while being written (here: a
 * trigger refuses one session) leaves nothing of itself behind. */
static void test_write_failure_rolls_back(void)
{
	sqlite3 *db = open_db("rollback.db");
	st_err err = { "" };
	char *before, *after;
	const char *path;
	int rc;

	programme_import_file(db, shipped_path, NULL, &err);
	sqlite3_exec(db, "CREATE TRIGGER boom BEFORE INSERT ON session WHEN NEW.code = 'BOOM'"
			 " BEGIN SELECT RAISE(ABORT, 'boom refused'); END", NULL, NULL, NULL);
	path = write_file("boom.ini",
			  "[programme]\nname = STEM++ 2017-2018\nschool_year = 2017-2018\n"
			  "description = Anders\n"
			  "[session 1]\ncode = COP 01\nkind = inspiratiesessie\ndate = 2017-11-09\n"
			  "title = Veranderd\nhost = Nieuwe School\n"
			  "[session 2]\ncode = COP 99\nkind = focusgroep\ndate = 2018-11\n"
			  "[session 3]\ncode = BOOM\nkind = focusgroep\ndate = 2018-11\n");
	before = dump_db(db);
	rc = programme_import_file(db, path, NULL, &err);
	after = dump_db(db);
	is_int(rc, -1, "an import that fails halfway through writing");
	has_str(err.msg, "boom refused", "  reports the database's reason");
	has_str(err.msg, path, "  and the file");
	is_str(after, before, "  and leaves the database as it was");
	ok(sqlite3_get_autocommit(db), "  with no transaction open");
	db_close(db);
	free(before);
	free(after);
}

/* ---- shipped folder -------------------------------------------------- */

static void make_dir(const char *path)
{
	if (mkdir(path, 0700) != 0) {
		perror(path);
		exit(99);
	}
}

static void test_shipped_folder(void)
{
	char data[4200], programmes[4300], missing[4300], *saved, *before, *after;
	const char *env = getenv("STEMTUI_DATADIR");
	sqlite3 *db = open_db("folder.db");
	st_err err = { "" };
	int rc;

	saved = strdup(env ? env : "");
	snprintf(data, sizeof data, "%s/data", tmp);
	snprintf(programmes, sizeof programmes, "%s/programmes", data);
	make_dir(data);
	make_dir(programmes);
	setenv("STEMTUI_DATADIR", data, 1);

	write_file("data/programmes/b.ini", "[programme]\nname = B\nschool_year = 2020-2021\n"
		   "[session 1]\ncode = B 1\nkind = groeisessie\ndate = 2020-13\n");
	write_file("data/programmes/a.ini", "[programme]\nname = A\nschool_year = 2019-2020\n"
		   "[session 1]\ncode = A 1\nkind = groeisessie\ndate = 2019-10\n");
	write_file("data/programmes/.hidden.ini", "broken [\n");
	write_file("data/programmes/readme.txt", "not a programme\n");
	before = dump_db(db);
	rc = programme_import_shipped(db, &err);
	after = dump_db(db);
	is_int(rc, -1, "one bad shipped file fails the whole import");
	has_str(err.msg, "b.ini:7:", "  naming the file and line");
	is_str(after, before, "  and a.ini, imported before it, is undone");
	free(before);
	free(after);

	write_file("data/programmes/b.ini", "[programme]\nname = B\nschool_year = 2020-2021\n"
		   "[session 1]\ncode = B 1\nkind = groeisessie\ndate = 2020-12\n");
	rc = programme_import_shipped(db, &err);
	is_int(rc, 0, "with b.ini fixed, the folder imports");
	if (rc)
		diag("%s", err.msg);
	is_query(db, "SELECT group_concat(name, ',') FROM (SELECT name FROM programme"
		     " ORDER BY id)", NULL, "A,B",
		 "in name order, skipping hidden files and other names");

	snprintf(missing, sizeof missing, "%s/nowhere", tmp);
	setenv("STEMTUI_DATADIR", missing, 1);
	rc = programme_import_shipped(db, &err);
	is_int(rc, -1, "a missing programmes folder is an error");
	has_str(err.msg, "nowhere/programmes", "  naming the folder");

	if (*saved)
		setenv("STEMTUI_DATADIR", saved, 1);
	else
		unsetenv("STEMTUI_DATADIR");
	free(saved);
	db_close(db);
}

/* ---- organisations --------------------------------------------------- */

static void test_organisations(void)
{
	sqlite3 *db = open_db("orgs.db");
	st_err err = { "" };
	long long a = 0, b = 0, c = 0, d = 0;
	int changes;

	is_int(org_find_or_create(db, "school", "Basisschool Zoë", NULL, "", NULL, &a, &err), 0,
	       "org_find_or_create creates a school");
	is_query(db, "SELECT kind || '|' || name || '|' || name_key || '|' || street || city"
		     " FROM organisation", NULL, "school|Basisschool Zoë|basisschool zoe|",
		 "with its folded name_key and no address");
	is_int(org_find_or_create(db, "school", "BASISSCHOOL ZOE", "Dorp 1", "9000", "Gent",
				  &b, &err), 0, "finding it case- and accent-insensitively");
	is_int(b, a, "  gives the same id");
	is_query(db, "SELECT name || '|' || street || '|' || postcode || '|' || city"
		     " FROM organisation", NULL, "Basisschool Zoë|Dorp 1|9000|Gent",
		 "  keeps the name and fills in the missing address");
	changes = sqlite3_total_changes(db);
	is_int(org_find_or_create(db, "school", "basisschool zoë", "Elders 2", "1000", "Brussel",
				  &c, &err), 0, "finding it with another address");
	is_int(c, a, "  gives the same id");
	is_query(db, "SELECT street || '|' || city FROM organisation", NULL, "Dorp 1|Gent",
		 "  does not overwrite the address it has");
	is_int(sqlite3_total_changes(db), changes, "  and writes nothing");
	is_int(org_find_or_create(db, "partner", "Basisschool Zoë", "", "", "", &d, &err), 0,
	       "a partner of the same name");
	ok(d != a, "  is another organisation");
	is_int(org_find_or_create(db, "club", "X", "", "", "", &d, &err), -1,
	       "an unknown kind is refused");
	has_str(err.msg, "\"club\"", "  naming it");
	is_int(org_find_or_create(db, "school", "", "", "", "", &d, &err), -1,
	       "an empty name is refused");
	is_query(db, "SELECT count(*) FROM organisation", NULL, "2", "two organisations in all");
	db_close(db);
}

/* The shipped programme file, in the data folder make check names (or the
 * source tree's). */
static void find_shipped_file(void)
{
	find_datadir();
	snprintf(shipped_path, sizeof shipped_path, "%s/programmes/stem-plus-2017-2018.ini",
		 fs_datadir());
	if (access(shipped_path, R_OK) != 0) {
		printf("Bail out! %s not found: set STEMTUI_DATADIR to the share folder\n",
		       shipped_path);
		exit(99);
	}
}

int main(void)
{
	tmp = fixture_start("test_import");
	find_shipped_file();
	test_shipped();
	test_first_import_stats();
	test_quoted_blanks();
	test_byte_order_mark();
	test_changed_file();
	test_rejections();
	test_write_failure_rolls_back();
	test_shipped_folder();
	test_organisations();
	return tap_done();
}
