/* test_programme.c: reading programmes and sessions from a database filled
 * with the shipped STEM++ 2017-2018 programme: finding programmes, counts,
 * both orders, keyset paging both ways, positions and search. */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/db.h"
#include "core/programme.h"
#include "core/programme_import.h"
#include "../tap.h"
#include "fixture.h"

#define MAXROWS 100

/* Every code of the shipped programme, in code order and in date order:
 * COP 09 (15 Oct) was held before COP 08 (22 Oct), and COP 10..12 are
 * only "November 2018", after October and before 19 December. */
static const char by_code[] =
	"COP 01,COP 02,COP 03,COP 04,COP 05,COP 06,COP 07,COP 08,COP 09,COP 10,"
	"COP 11,COP 12,COP 13";
static const char by_date[] =
	"COP 01,COP 02,COP 03,COP 04,COP 05,COP 06,COP 07,COP 09,COP 08,COP 10,"
	"COP 11,COP 12,COP 13";

static sqlite3 *db;
static long long stem_id;

static void clear_rows(st_session *rows, int count)
{
	int i;

	for (i = 0; i < count; i++)
		session_clear(&rows[i]);
}

/* session_page over the test's database, for the fixture's pager. */
static int sessions_page(const void *f, const void *anchor, bool backward, void *rows, int n,
			 st_err *err)
{
	return session_page(db, f, anchor, backward, rows, n, err);
}

static void clear_session(void *row)
{
	session_clear(row);
}

static void session_code(const void *row, char *out, size_t size)
{
	snprintf(out, size, "%s", ((const st_session *)row)->code);
}

static const struct pager session_codes = {
	sizeof(st_session), sessions_page, clear_session, session_code
};

static session_filter filter(enum session_sort sort, const char *kind, const char *search)
{
	session_filter f = { .programme_id = stem_id, .kind = kind, .search = search, .sort = sort };

	return f;
}

/* A session found by code with f, or a zeroed one. */
static st_session find_code(const session_filter *f, const char *code)
{
	st_session rows[MAXROWS], found = { 0 };
	st_err err;
	int got, i;

	memset(rows, 0, sizeof rows);
	got = session_page(db, f, NULL, false, rows, MAXROWS, &err);
	for (i = 0; i < got; i++) {
		if (strcmp(rows[i].code, code) == 0) {
			found = rows[i];
			rows[i] = (st_session){ 0 };
		}
	}
	clear_rows(rows, got > 0 ? got : 0);
	return found;
}

static void setup(void)
{
	st_err err = { "" };

	find_datadir();
	fixture_start("programme");
	db = open_db("stemtui.sqlite");
	if (!ok(programme_import_shipped(db, &err) == 0, "the shipped programme imports")) {
		printf("Bail out! %s\n", err.msg);
		exit(99);
	}
}

static void test_find(void)
{
	st_programme p = { 0 };
	st_err err = { "" };

	is_int(programme_latest(db, &p, &err), 1, "programme_latest finds a programme");
	is_str(p.name, "STEM++ 2017-2018", "  it is STEM++ 2017-2018");
	is_str(p.school_year, "2017-2018", "  of school year 2017-2018");
	has_str(p.description, "duurzame wijze", "  with its description");
	is_int(p.sessions, 13, "  and 13 sessions");
	stem_id = p.id;
	programme_clear(&p);
	ok(!p.name && !p.school_year && p.id == 0, "programme_clear empties the struct");

	is_int(programme_find(db, "STEM++ 2017-2018", &p, &err), 1,
	       "programme_find by exact name");
	ok(p.id == stem_id, "  finds that programme");
	programme_clear(&p);
	is_int(programme_find(db, "stem++ 2017-2018", &p, &err), 1,
	       "programme_find by name in another case");
	ok(p.id == stem_id, "  finds that programme");
	programme_clear(&p);
	is_int(programme_find(db, "STEM++ 2017–2018", &p, &err), 1,
	       "programme_find with an en dash for the hyphen (folded)");
	programme_clear(&p);
	is_int(programme_find(db, "2017-2018", &p, &err), 1, "programme_find by school year");
	ok(p.id == stem_id, "  finds that programme");
	programme_clear(&p);
	is_int(programme_find(db, "nope", &p, &err), 0, "programme_find of an unknown name is 0");
	ok(p.name == NULL, "  and leaves the struct empty");
	is_int(programme_find(db, "STEM++", &p, &err), 0,
	       "programme_find does not match part of a name");
	is_int(programme_find(db, "", &p, &err), 0, "programme_find of \"\" is 0");
}

static void test_counts(void)
{
	session_filter f = filter(SESSION_SORT_CODE, NULL, NULL);
	st_err err = { "" };

	is_int(session_count(db, &f, &err), 13, "session_count: 13 sessions");
	f.kind = "focusgroep";
	is_int(session_count(db, &f, &err), 3, "session_count: 3 focusgroepen");
	f.kind = "inspiratiesessie";
	is_int(session_count(db, &f, &err), 6, "session_count: 6 inspiratiesessies");
	f.kind = "groeisessie";
	is_int(session_count(db, &f, &err), 3, "session_count: 3 groeisessies");
	f.kind = "uitwisselsessie";
	is_int(session_count(db, &f, &err), 1, "session_count: 1 uitwisselsessie");
	f.kind = NULL;
	f.programme_id = stem_id + 1000;
	is_int(session_count(db, &f, &err), 0, "session_count: none for another programme");
}

static void test_orders(void)
{
	session_filter code = filter(SESSION_SORT_CODE, NULL, NULL);
	session_filter date = filter(SESSION_SORT_DATE, NULL, NULL);

	is_str(page_labels(&session_codes, &code, NULL, false, 100), by_code,
	       "by code: COP 01 .. COP 13 in order");
	is_str(page_labels(&session_codes, &date, NULL, false, 100), by_date,
	       "by date: COP 09 before COP 08, COP 10..12 (November) before COP 13");
	code.kind = "focusgroep";
	is_str(page_labels(&session_codes, &code, NULL, false, 100), "COP 10,COP 11,COP 12",
	       "kind filter: the focusgroepen are COP 10..12");
	code.kind = "groeisessie";
	date.kind = "groeisessie";
	is_str(page_labels(&session_codes, &date, NULL, false, 100), "COP 07,COP 09,COP 08",
	       "kind filter by date: COP 07, COP 09, COP 08");
	is_str(page_labels(&session_codes, &code, NULL, false, 2), "COP 07,COP 08",
	       "a page holds at most n rows");
}

static void test_paging(void)
{
	session_filter code = filter(SESSION_SORT_CODE, NULL, NULL);
	session_filter date = filter(SESSION_SORT_DATE, NULL, NULL);

	is_str(paged_labels(&session_codes, &code, false, 4), by_code,
	       "by code, pages of 4 forward: the same 13 codes in order");
	is_str(paged_labels(&session_codes, &date, false, 4), by_date,
	       "by date, pages of 4 forward: the same 13 codes in order");
	is_str(paged_labels(&session_codes, &date, false, 1), by_date,
	       "by date, pages of 1 forward: the same order");
	is_str(paged_labels(&session_codes, &code, true, 4), by_code,
	       "by code, pages of 4 backward from the end: the same list");
	is_str(paged_labels(&session_codes, &date, true, 4), by_date,
	       "by date, pages of 4 backward from the end: the same list");

	is_str(page_labels(&session_codes, &code, NULL, true, 4), "COP 10,COP 11,COP 12,COP 13",
	       "by code, the last page (anchor NULL, backward) is in display order");
	is_str(page_labels(&session_codes, &date, NULL, true, 5), "COP 08,COP 10,COP 11,COP 12,COP 13",
	       "by date, the last 5 are COP 08 then November then December");
	is_str(page_labels(&session_codes, &code, NULL, true, 100), by_code,
	       "backward with room for all gives the whole list in order");
}

static void test_anchor(void)
{
	session_filter code = filter(SESSION_SORT_CODE, NULL, NULL);
	session_filter date = filter(SESSION_SORT_DATE, NULL, NULL);
	st_session cop05 = find_code(&code, "COP 05"), cop08 = find_code(&code, "COP 08");
	st_session cop13 = find_code(&code, "COP 13"), cop01 = find_code(&code, "COP 01");
	st_err err = { "" };

	if (!cop05.code || !cop08.code || !cop13.code || !cop01.code) {
		printf("Bail out! a COP code is missing\n");
		exit(99);
	}
	is_int(session_position(db, &code, &cop05, &err), 4, "position of COP 05 by code is 4");
	is_int(session_position(db, &code, &cop01, &err), 0, "position of COP 01 by code is 0");
	is_int(session_position(db, &code, &cop08, &err), 7, "position of COP 08 by code is 7");
	is_int(session_position(db, &date, &cop08, &err), 8,
	       "position of COP 08 by date is 8 (after COP 09)");
	is_str(page_labels(&session_codes, &code, &cop05, false, 3), "COP 06,COP 07,COP 08",
	       "the page after COP 05 by code");
	is_str(page_labels(&session_codes, &code, &cop05, true, 3), "COP 02,COP 03,COP 04",
	       "the page before COP 05 by code");
	is_str(page_labels(&session_codes, &date, &cop08, false, 2), "COP 10,COP 11",
	       "the page after COP 08 by date");
	is_str(page_labels(&session_codes, &date, &cop08, true, 2), "COP 07,COP 09",
	       "the page before COP 08 by date");
	is_str(page_labels(&session_codes, &code, &cop13, false, 4), "",
	       "nothing comes after the last row");
	is_str(page_labels(&session_codes, &code, &cop01, true, 4), "",
	       "nothing comes before the first row");
	session_clear(&cop05);
	session_clear(&cop08);
	session_clear(&cop13);
	session_clear(&cop01);
}

static void search_is(const char *search, enum session_sort sort, const char *want,
		      const char *name)
{
	session_filter f = filter(sort, NULL, search);
	st_err err = { "" };
	char count[160];
	long long n = 1;
	const char *p;

	is_str(page_labels(&session_codes, &f, NULL, false, 100), want, name);
	for (p = want; *want && *p; p++)
		n += *p == ',';
	if (!*want)
		n = 0;
	snprintf(count, sizeof count, "  and session_count agrees (%lld)", n);
	is_int(session_count(db, &f, &err), n, count);
}

static void code_number_is(const char *number, const char *want, const char *name)
{
	session_filter f = filter(SESSION_SORT_CODE, NULL, NULL);

	f.code_number = number;
	is_str(page_labels(&session_codes, &f, NULL, false, 100), want, name);
}

static void test_search(void)
{
	session_filter f = filter(SESSION_SORT_CODE, "groeisessie", "gent");
	session_filter none = filter(SESSION_SORT_CODE, NULL, NULL);
	st_session cop08 = { 0 };
	st_err err = { "" };

	search_is("vliegenier", SESSION_SORT_CODE, "COP 01", "search \"vliegenier\" finds COP 01 (venue)");
	search_is("GENT", SESSION_SORT_CODE, "COP 07,COP 08", "search \"GENT\" finds COP 07 and 08 (city, any case)");
	search_is("7", SESSION_SORT_CODE, "COP 07", "search \"7\" finds COP 07 only (the code's number)");
	search_is("07", SESSION_SORT_CODE, "COP 07", "search \"07\" finds COP 07 only");
	search_is("hermes", SESSION_SORT_CODE, "COP 09", "search \"hermes\" finds COP 09 (venue)");
	search_is("5303", SESSION_SORT_CODE, "COP 09", "search \"5303\" finds COP 09 (room)");
	code_number_is("1", "COP 01", "code number 1 finds COP 01 only, not COP 10..13 nor addresses");
	code_number_is("12", "COP 12", "code number 12 finds COP 12");
	code_number_is("012", "COP 12", "leading zeros do not matter");
	code_number_is("3", "COP 03", "code number 3 ignores street numbers");
	code_number_is("99", "", "code number 99 finds nothing");
	search_is("Héusden", SESSION_SORT_CODE, "COP 03", "search ignores accents in what is typed");
	search_is("focusgroep", SESSION_SORT_CODE, "COP 10,COP 11,COP 12", "search finds titles");
	search_is("brussel", SESSION_SORT_DATE, "COP 07,COP 09,COP 08,COP 13",
		  "search \"brussel\" by date: the city and Brusselsepoortstraat, in date order");
	search_is("zzzz", SESSION_SORT_CODE, "", "search for text nowhere finds nothing");
	search_is("", SESSION_SORT_CODE, by_code, "an empty search is no filter");

	is_str(page_labels(&session_codes, &f, NULL, false, 100), "COP 07,COP 08",
	       "search and kind filter together");
	cop08 = find_code(&none, "COP 08");
	is_int(session_position(db, &f, &cop08, &err), 1,
	       "position of COP 08 among the Gent groeisessies is 1");
	is_str(page_labels(&session_codes, &f, &cop08, true, 4), "COP 07",
	       "the page before COP 08 within the search");
	session_clear(&cop08);
}

static void test_get(void)
{
	session_filter code = filter(SESSION_SORT_CODE, NULL, NULL);
	st_session cop09 = find_code(&code, "COP 09"), cop10 = find_code(&code, "COP 10");
	st_session cop01 = find_code(&code, "COP 01"), s = { 0 };
	st_err err = { "" };

	is_int(session_get(db, cop09.id, &s, &err), 1, "session_get finds COP 09 by id");
	is_str(s.code, "COP 09", "  code");
	is_str(s.kind, "groeisessie", "  kind");
	is_str(s.title, "Groeisessie 3", "  title");
	is_str(s.date, "2018-10-15", "  date");
	is_str(s.start_time, "09:30", "  start");
	is_str(s.end_time, "12:30", "  end");
	is_str(s.venue, "Gebouw Hermes", "  venue");
	is_str(s.street, "Stormstraat 2", "  street");
	is_str(s.postcode, "1000", "  postcode");
	is_str(s.city, "Brussel", "  city");
	is_str(s.room, "Vergaderzaal 5303.1", "  room");
	is_str(s.host, "", "  no host is \"\", not NULL");
	ok(s.programme_id == stem_id, "  programme_id");
	session_clear(&s);
	is_int(session_get(db, cop10.id, &s, &err), 1, "session_get finds COP 10");
	is_str(s.date, "2018-11", "  a month-only date");
	is_str(s.venue, "", "  no venue is \"\"");
	is_str(s.remark, "Individuele sessie per school", "  remark");
	session_clear(&s);
	is_int(session_get(db, cop01.id, &s, &err), 1, "session_get finds COP 01");
	is_str(s.host, "VBS De Vliegenier", "  its host school comes from organisation");
	is_str(s.report_title, "Verslag inspiratiesessie 1", "  report title");
	session_clear(&s);
	ok(!s.code && !s.host && s.id == 0, "session_clear empties the struct");
	is_int(session_get(db, 987654321, &s, &err), 0, "session_get of an unknown id is 0");
	ok(s.code == NULL, "  and fills nothing");
	session_clear(&cop09);
	session_clear(&cop10);
	session_clear(&cop01);
}

static void test_kinds(void)
{
	is_int(session_kind_index("focusgroep"), 2, "kind index of focusgroep is 2");
	is_int(session_kind_index("lecture"), -1, "kind index of an unknown kind is -1");
	is_int(session_kind_index(NULL), -1, "kind index of NULL is -1");
	is_str(session_kind_text("focusgroep"), "Focus group", "kind text of focusgroep (English)");
	is_str(session_kind_short("inspiratiesessie"), "Inspiration", "short kind text");
	is_str(session_kind_text("lecture"), "lecture", "kind text of an unknown key is the key");
}

static void test_newer_programme(void)
{
	st_programme p = { 0 }, list[8];
	st_err err = { "" };
	session_filter f = filter(SESSION_SORT_CODE, NULL, NULL);
	char buf[256];
	int n, i;

	exec(db, "INSERT INTO programme (name, school_year, description)"
		 " VALUES ('STEMBASIS 2018-2019', '2018-2019', 'Het lerend netwerk gaat verder')");
	is_int(programme_latest(db, &p, &err), 1, "with two programmes, programme_latest finds one");
	is_str(p.name, "STEMBASIS 2018-2019", "  the newer school year, STEMBASIS 2018-2019");
	is_int(p.sessions, 0, "  which has no sessions yet");
	f.programme_id = p.id;
	is_int(session_count(db, &f, &err), 0, "session_count of STEMBASIS is 0");
	is_str(page_labels(&session_codes, &f, NULL, false, 10), "", "its first page is empty");
	programme_clear(&p);

	/* An older school year added later (higher id): order is by school year. */
	exec(db, "INSERT INTO programme (name, school_year) VALUES ('STEM 2016-2017', '2016-2017')");
	programme_latest(db, &p, &err);
	is_str(p.name, "STEMBASIS 2018-2019",
	       "programme_latest goes by school year, not by the order added");
	programme_clear(&p);
	n = programme_list(db, list, 8, &err);
	is_int(n, 3, "programme_list gives all 3");
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		size_t len = strlen(buf);
		snprintf(buf + len, sizeof buf - len, "%s%s", i ? "|" : "", list[i].name);
	}
	is_str(buf, "STEMBASIS 2018-2019|STEM++ 2017-2018|STEM 2016-2017",
	       "programme_list: newest school year first");
	ok(n >= 2 && list[1].sessions == 13 && list[0].sessions == 0,
	   "programme_list counts each programme's sessions");
	for (i = 0; i < n; i++)
		programme_clear(&list[i]);
	is_int(programme_list(db, list, 1, &err), 1, "programme_list stops at max");
	is_str(list[0].name, "STEMBASIS 2018-2019", "  with the newest");
	programme_clear(&list[0]);
	is_int(programme_find(db, "2018-2019", &p, &err), 1, "programme_find by the new school year");
	is_str(p.name, "STEMBASIS 2018-2019", "  finds STEMBASIS");
	programme_clear(&p);
	is_int(programme_find(db, "stembasis 2018-2019", &p, &err), 1, "programme_find folded");
	is_str(p.name, "STEMBASIS 2018-2019", "  finds STEMBASIS");
	programme_clear(&p);
	programme_find(db, "2017-2018", &p, &err);
	is_str(p.name, "STEM++ 2017-2018", "programme_find 2017-2018 still finds STEM++");
	programme_clear(&p);
}

/* One integer from sql, or -1. */
static long long kinds_int(const char *sql)
{
	st_err err = { "" };
	long long n = -1;

	return db_query_int(db, sql, NULL, 0, &n, &err) == 0 ? n : -1;
}

/* The kinds of session_kinds.h as the program and the schema see them:
 * session_kind_key[i] is a kind the session table accepts, and a note
 * tagged at a session of that kind counts in fig_total's k<i>, the column
 * the figures read as by_kind[i].  Undone at the end. */
static void test_kinds_list(void)
{
	static const char kk[] = "(SELECT id FROM factor WHERE code = 'KK')";
	char sql[768], name[128];
	int i;

	is_int(SESSION_KIND_COUNT, 4, "four session kinds");
	is_int((int)kinds_int("SELECT count(*) FROM pragma_table_info('fig_total')"
			      " WHERE name GLOB 'k[0-9]'"), SESSION_KIND_COUNT,
	       "fig_total has one k column per session kind");
	exec(db, "SAVEPOINT kinds;"
		 "INSERT INTO factor (code, name, guid) VALUES ('KK', 'Kinds', 'kinds-guid');");
	for (i = 0; i < SESSION_KIND_COUNT; i++) {
		snprintf(sql, sizeof sql,
			 "INSERT INTO session (programme_id, code, code_key, kind, date)"
			 " VALUES (%lld, 'KIND %d', 'kind %d', '%s', '2030-01-01');"
			 "INSERT INTO note (session_id, body, created_at, updated_at)"
			 " VALUES (last_insert_rowid(), 'kinds', '2030-01-01 10:00:00',"
			 " '2030-01-01 10:00:00');"
			 "INSERT INTO tag (note_id, factor_id) VALUES (last_insert_rowid(), %s);",
			 stem_id, i, i, session_kind_key[i], kk);
		snprintf(name, sizeof name, "the session table takes kind %d, %s", i,
			 session_kind_key[i]);
		ok(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK, "%s", name);
		snprintf(sql, sizeof sql, "SELECT k%d FROM fig_total WHERE ancestor_id = %s", i, kk);
		snprintf(name, sizeof name, "  and a note tagged at it counts in k%d", i);
		is_int((int)kinds_int(sql), 1, name);
	}
	snprintf(sql, sizeof sql, "SELECT notes = k0 + k1 + k2 + k3 FROM fig_total"
		 " WHERE ancestor_id = %s", kk);
	is_int((int)kinds_int(sql), 1, "every note counts in exactly one k column");
	snprintf(sql, sizeof sql, "INSERT INTO session (programme_id, code, code_key, kind, date)"
		 " VALUES (%lld, 'KIND X', 'kind x', 'workshop', '2030-01-01')", stem_id);
	ok(sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK &&
	   sqlite3_extended_errcode(db) == SQLITE_CONSTRAINT_CHECK,
	   "the session table refuses a kind not in the list");
	exec(db, "ROLLBACK TO kinds; RELEASE kinds;");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	unsetenv("LANGUAGE");
	setup();
	test_find();
	test_counts();
	test_orders();
	test_paging();
	test_anchor();
	test_search();
	test_get();
	test_kinds();
	test_newer_programme();
	test_kinds_list();
	db_close(db);
	return tap_done();
}
