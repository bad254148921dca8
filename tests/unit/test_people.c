/* test_people.c: people and organisations: folding and Flemish sorting,
 * finding names (trigram index and short filters), keyset paging, filters,
 * similar names, resolving a name, deleting, coaching, roles, and the
 * migration that brought the name index to an older database. */
#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/attendance.h"
#include "core/coaching.h"
#include "core/db.h"
#include "core/links.h"
#include "core/organisation.h"
#include "core/people.h"
#include "core/person_match.h"
#include "core/person_name.h"
#include "core/roles.h"
#include "core/schema.h"
#include "core/settings.h"
#include "../tap.h"
#include "fixture.h"

#define MAXROWS 1000

static sqlite3 *db;
static const char *dir;

/* ---- helpers ------------------------------------------------------------ */

static void clear_people(st_person *rows, int n)
{
	int i;

	for (i = 0; i < n; i++)
		person_clear(&rows[i]);
}

/* "First Last" of rows, comma-separated, appended to buf. */
static void append_names(char *buf, size_t size, const st_person *rows, int n)
{
	size_t len;
	int i;

	for (i = 0; i < n; i++) {
		len = strlen(buf);
		snprintf(buf + len, size - len, "%s%s %s", len ? "," : "", rows[i].first_name,
			 rows[i].last_name);
	}
}

/* person_page over the test's database, for the fixture's pager. */
static int people_page(const void *f, const void *anchor, bool backward, void *rows, int n,
		       st_err *err)
{
	return person_page(db, f, anchor, backward, rows, n, err);
}

static void clear_person(void *row)
{
	person_clear(row);
}

static void person_id(const void *row, char *out, size_t size)
{
	snprintf(out, size, "%lld", ((const st_person *)row)->id);
}

static void person_name(const void *row, char *out, size_t size)
{
	const st_person *p = row;

	snprintf(out, size, "%s %s", p->first_name, p->last_name);
}

static const struct pager person_ids = { sizeof(st_person), people_page, clear_person, person_id };
static const struct pager person_names = {
	sizeof(st_person), people_page, clear_person, person_name
};

/* "First Last" of the people one page of f shows; "ERROR: ..." on failure. */
static const char *names(const person_filter *f)
{
	return page_labels(&person_names, f, NULL, false, MAXROWS);
}

static const char *names_matching(const char *text)
{
	person_filter f = { .name = text };

	return names(&f);
}

/* ---- the people of most tests ------------------------------------------- */

static long long org_lodewijk, org_klimop, id_jan_peeters, id_francoise, id_zoe,
	id_an_wouters, id_mehmet;

static void add_people(void)
{
	org_lodewijk = add_org(db, "school", "Sint-Lodewijkscollege");
	org_klimop = add_org(db, "school", "Basisschool De Klimop");
	id_an_wouters = add_person(db, "An", "Wouters", "leraar", org_klimop, "");
	add_person(db, "Jan", "Wouters", "directie", org_klimop, "");
	add_person(db, "Lien", "Van den Broeck", "directie", org_lodewijk, "");
	id_jan_peeters = add_person(db, "Jan", "Peeters", "leraar", org_lodewijk, "");
	id_mehmet = add_person(db, "Mehmet", "Çelik", "techniekcoach", 0,
			       "Programmeren, wetenschap; programmeren");
	add_person(db, "Ayse", "Celik", "leraar", org_lodewijk, "");
	id_zoe = add_person(db, "Zoë", "Peeters", "onderzoeker", 0, "");
	id_francoise = add_person(db, "Françoise", "Peeters", "pedagogisch-begeleider", 0, "");
	add_person(db, "Piet", "Janssens", "techniekcoach", org_klimop, " wetenschap ,techniek ");
	add_person(db, "Jan", "Peters", "leraar", org_klimop, "");
}

static void test_sort(void)
{
	person_filter all = { 0 };
	st_err err = { "" };
	char *key = person_sort_key("Lien", "Van den Broeck");

	is_str(key, "van den broeck\x01lien", "person_sort_key: folded last name, \\x01, first name");
	free(key);
	is_str(names(&all),
	       "Ayse Celik,Mehmet Çelik,Piet Janssens,Françoise Peeters,Jan Peeters,Zoë Peeters,"
	       "Jan Peters,Lien Van den Broeck,An Wouters,Jan Wouters",
	       "people sort by the whole last name, ignoring case and accents "
	       "(Van den Broeck under V, Çelik beside Celik)");
	is_int(person_count(db, &all, &err), 10, "person_count counts everyone");
}

static void test_search(void)
{
	person_filter f = { 0 };
	st_err err = { "" };

	is_str(names_matching("zoe"), "Zoë Peeters", "\"zoe\" finds Zoë");
	is_str(names_matching("ZOË"), "Zoë Peeters", "\"ZOË\" finds Zoë");
	is_str(names_matching("francoise"), "Françoise Peeters", "\"francoise\" finds Françoise");
	is_str(names_matching("peeters fr"), "Françoise Peeters",
	       "\"peeters fr\" finds her last name first");
	is_str(names_matching("jan"), "Piet Janssens,Jan Peeters,Jan Peters,Jan Wouters",
	       "\"jan\" finds Jan anywhere in the name");
	is_str(names_matching("jan p"), "Jan Peeters,Jan Peters", "\"jan p\" across the space");
	is_str(names_matching("s j"), "Jan Peeters,Jan Peters,Jan Wouters",
	       "\"s j\" across the space, last name first");
	is_str(names_matching("rs pee"), "",
	       "a search never matches across the two orders of a name");
	is_str(names_matching("çeli"), "Ayse Celik,Mehmet Çelik", "\"çeli\" finds both Celiks");
	is_str(names_matching("xyz"), "", "no match: an empty list");
	is_str(names_matching("\"jan\" OR piet*"), "",
	       "quotes and query words are text to find, not FTS syntax");
	is_str(names_matching("*"), "", "so is a lone *");
	is_str(names_matching("jan "), "Jan Peeters,Jan Peters,Jan Wouters",
	       "a space typed after a name counts (\"jan \" is not Janssens)");
	is_str(names_matching("zo"), "Zoë Peeters", "two letters: \"zo\" finds Zoë");
	is_str(names_matching("Ç"), "Ayse Celik,Mehmet Çelik,Françoise Peeters,Lien Van den Broeck",
	       "one letter: \"Ç\" finds every name with a c");
	is_str(names_matching("k "), "Ayse Celik,Mehmet Çelik,Lien Van den Broeck",
	       "two characters, last name first: \"k \"");
	is_str(names_matching(""), names(&f), "an empty name filters nothing");
	f.name = "peeters";
	is_int(person_count(db, &f, &err), 3, "person_count with a name");
	f.name = "pe";
	is_int(person_count(db, &f, &err), 4, "person_count with a short name");
}

static void test_filters(void)
{
	person_filter f = { 0 };
	st_person p = { 0 };
	st_err err = { "" };
	char *tags[10];
	int n, i;

	f.role = "techniekcoach";
	is_str(names(&f), "Mehmet Çelik,Piet Janssens", "role filter");
	f.role = NULL;
	f.focus = "PROGRAMMEREN";
	is_str(names(&f), "Mehmet Çelik", "focus filter, ignoring case");
	f.focus = "wetenschap";
	is_str(names(&f), "Mehmet Çelik,Piet Janssens", "focus filter: wetenschap");
	f.role = "techniekcoach";
	f.name = "piet";
	is_str(names(&f), "Piet Janssens", "focus, role and name together");
	is_int(person_count(db, &f, &err), 1, "  and their count");
	memset(&f, 0, sizeof f);
	f.organisation_id = org_klimop;
	is_str(names(&f), "Piet Janssens,Jan Peters,An Wouters,Jan Wouters", "organisation filter");
	f.role = "directie";
	is_str(names(&f), "Jan Wouters", "organisation and role");

	is_int(person_get(db, id_mehmet, &p, &err), 1, "person_get finds Mehmet");
	is_str(p.focus, "programmeren,wetenschap",
	       "  focus tags: trimmed, lower-cased, deduplicated, sorted, split on , and ;");
	is_str(p.role, "techniekcoach", "  his role");
	is_int(p.organisation_id, 0, "  no organisation");
	is_str(p.organisation, "", "  so its name is empty");
	person_clear(&p);
	is_int(person_get(db, id_jan_peeters, &p, &err), 1, "person_get finds Jan Peeters");
	is_str(p.organisation, "Sint-Lodewijkscollege", "  with his school's name");
	person_clear(&p);
	is_int(person_get(db, 999999, &p, &err), 0, "person_get of an unknown id is 0");

	n = focus_tags(db, tags, 10, &err);
	is_int(n, 3, "focus_tags: three tags in use");
	if (n == 3)
		ok(strcmp(tags[0], "programmeren") == 0 && strcmp(tags[1], "techniek") == 0 &&
		   strcmp(tags[2], "wetenschap") == 0, "  sorted: programmeren, techniek, wetenschap");
	for (i = 0; i < n; i++)
		free(tags[i]);
}

static void test_save(void)
{
	st_person p = { 0 }, q = { 0 };
	st_err err = { "" };
	long long before = query_int(db, "SELECT count(*) FROM person");

	p.first_name = " ";
	p.last_name = "Nobody";
	is_int(person_save(db, &p, &err), -1, "an empty first name is refused");
	has_str(err.msg, "first name", "  saying so");
	is_int(p.id, 0, "  and no id is set");
	p.first_name = "Some";
	p.last_name = "";
	is_int(person_save(db, &p, &err), -1, "an empty last name is refused");
	has_str(err.msg, "last name", "  saying so");
	is_int(query_int(db, "SELECT count(*) FROM person"), before, "  nothing was added");

	p.first_name = "  Kim ";
	p.last_name = " De Smet";
	p.email = " kim@example.org ";
	p.role = NULL;
	is_int(person_save(db, &p, &err), 0, "a new person is saved");
	ok(p.id > 0, "  and gets an id");
	is_int(person_get(db, p.id, &q, &err), 1, "  which reads back");
	ok(strcmp(q.first_name, "Kim") == 0 && strcmp(q.last_name, "De Smet") == 0,
	   "  with trimmed names");
	is_str(q.email, "kim@example.org", "  a trimmed e-mail address");
	is_str(q.role, "andere", "  and role andere when none was given");
	is_str(names_matching("kim de"), "Kim De Smet", "  and is found by name");
	memset(&p, 0, sizeof p);

	q.first_name[0] = 'T';   /* "Tim" */
	free(q.last_name);
	q.last_name = strdup("Wuyts");
	free(q.focus);
	q.focus = strdup("robotica");
	is_int(person_save(db, &q, &err), 0, "an update is saved");
	is_str(names_matching("kim de"), "", "  the old name is no longer found");
	is_str(names_matching("tim wu"), "Tim Wuyts", "  the new one is");
	is_str(names_matching("wuyts ti"), "Tim Wuyts", "  also last name first");
	is_int(query_int(db, "SELECT count(*) FROM person WHERE name_key = 'tim wuyts'"), 1,
	       "  name_key follows the name");
	person_clear(&p);
	is_int(person_get(db, q.id, &p, &err), 1, "  and reads back");
	is_str(p.focus, "robotica", "  with the new focus tags");
	person_clear(&p);
	person_clear(&q);

	q.id = 999999;
	q.first_name = "No";
	q.last_name = "One";
	is_int(person_save(db, &q, &err), -1, "updating an unknown id is an error");
	has_str(err.msg, "999999", "  naming the id");
}

static void test_paging(void)
{
	static const char *const firsts[] = { "Els", "Tom", "Sara", "Wim", "Ann", "Bart", "Nele" };
	static const char *const lasts[] = {
		"Claes", "Maes", "Jacobs", "Mertens", "Willems", "Goossens", "De Vos",
		"Dubois", "Lambert", "Dupont", "Van Damme",
	};
	static const char *const roles[] = { "leraar", "directie", "techniekcoach" };
	const char *one, *fwd, *back;
	person_filter all = { 0 }, f = { 0 };
	sqlite3 *saved = db;
	st_err err = { "" };
	int i;

	db = open_db("paging.sqlite");
	/* 77 different names for 250 people: many share a whole name, and
	 * then the id decides the order. */
	for (i = 0; i < 250; i++)
		add_person(db, firsts[i % 7], lasts[i % 11], roles[i % 3], 0, "");
	is_int(person_count(db, &all, &err), 250, "250 people");
	one = page_labels(&person_ids, &all, NULL, false, MAXROWS);
	fwd = paged_labels(&person_ids, &all, false, 7);
	back = paged_labels(&person_ids, &all, true, 7);
	ok(strlen(one) > 500, "one big page holds them all");
	is_str(fwd, one, "pages of 7 forward are the big page");
	is_str(back, one, "pages of 7 backward are the big page");

	f.name = "mae";
	one = page_labels(&person_ids, &f, NULL, false, MAXROWS);
	fwd = paged_labels(&person_ids, &f, false, 4);
	back = paged_labels(&person_ids, &f, true, 4);
	is_int(person_count(db, &f, &err), 23, "a name filter selects 23 (Maes)");
	is_str(fwd, one, "  pages forward with it are its big page");
	is_str(back, one, "  and so are pages backward");

	f.name = "s";
	f.role = "directie";
	one = page_labels(&person_ids, &f, NULL, false, MAXROWS);
	fwd = paged_labels(&person_ids, &f, false, 5);
	back = paged_labels(&person_ids, &f, true, 5);
	ok(strlen(one) > 50, "a short name and a role select some");
	is_str(fwd, one, "  pages forward with them are their big page");
	is_str(back, one, "  and so are pages backward");

	f.by_code = true;
	one = page_labels(&person_ids, &f, NULL, false, MAXROWS);
	fwd = paged_labels(&person_ids, &f, false, 5);
	back = paged_labels(&person_ids, &f, true, 5);
	{
		long long prev = 0, id;
		const char *p = one;
		bool rising = true;
		while (*p) {
			id = strtoll(p, (char **)&p, 10);
			rising = rising && id > prev;
			prev = id;
			if (*p == ',')
				p++;
		}
		ok(strlen(one) > 50 && rising, "by_code: the same people in code (id) order");
	}
	is_str(fwd, one, "  pages forward by code are its big page");
	is_str(back, one, "  and so are pages backward");

	/* A name the trigram index looks up, by code and with a role: the
	 * page is sorted from the index's matches (people.c). */
	f.name = "mae";
	one = page_labels(&person_ids, &f, NULL, false, MAXROWS);
	fwd = paged_labels(&person_ids, &f, false, 3);
	back = paged_labels(&person_ids, &f, true, 3);
	ok(strlen(one) > 10, "three letters, a role, by code: some");
	is_str(fwd, one, "  pages forward are the big page");
	is_str(back, one, "  and so are pages backward");
	is_int(person_count(db, &f, &err), 8, "  counted with the role (i = 1 mod 33: 8 of the Maes)");
	f.role = NULL;
	f.name = "maes ";
	is_int(person_count(db, &f, &err), 23, "  a name that ends is counted by the row");
	db_close(db);
	db = saved;
}

/* The names person_similar gives for first and last, comma-separated
 * ("" for none, "error" on one), and the first one's id. */
static const char *similar_names(const char *first, const char *last, long long except, int max,
				 long long *first_id)
{
	static char buf[1024];
	st_person out[10];
	st_err err = { "" };
	int n;

	memset(out, 0, sizeof out);
	buf[0] = '\0';
	n = person_similar(db, first, last, except, out, max < 10 ? max : 10, &err);
	if (n < 0)
		return "error";
	append_names(buf, sizeof buf, out, n);
	if (first_id)
		*first_id = n > 0 ? out[0].id : 0;
	clear_people(out, n);
	return buf;
}

/* Names written with other spaces and hyphens, or cut into first and
 * last name elsewhere, are the same name (the keys leave them out). */
static void test_similar_spelling(void)
{
	long long id = add_person(db, "Ann-Sophie", "De Wilde", "leraar", 0, "");
	char sql[128];

	is_str(similar_names("Ann Sophie", "Dewilde", 0, 10, NULL), "Ann-Sophie De Wilde",
	       "Ann Sophie Dewilde ~ Ann-Sophie De Wilde");
	is_str(similar_names("Ann-Sophie De", "Wilde", 0, 10, NULL), "Ann-Sophie De Wilde",
	       "  also when \"De\" was typed with the first name");
	snprintf(sql, sizeof sql, "DELETE FROM person WHERE id = %lld", id);
	sqlite3_exec(db, sql, NULL, NULL, NULL);
}

static void test_similar(void)
{
	const char *names;
	long long first = 0;

	names = similar_names("Francoise", "Peeters", 0, 10, &first);
	has_str(names, "Françoise Peeters", "person_similar: Francoise Peeters ~ Françoise Peeters");
	ok(first == id_francoise, "  as the nearest");
	names = similar_names("Jan", "Peters", 0, 10, NULL);
	has_str(names, "Jan Peeters", "Jan Peters ~ Jan Peeters");
	ok(!strstr(names, "Piet Janssens"), "  but not Piet Janssens");
	ok(strncmp(names, "Jan Peters,", 11) == 0, "  the same name comes first");
	is_str(similar_names("Jan", "Peeters", id_jan_peeters, 10, NULL), "Jan Peters",
	       "except_id leaves the person themselves out");
	is_str(similar_names("Fransoise", "Peters", 0, 10, NULL), "Françoise Peeters",
	       "a typo in both names");
	is_str(similar_names("Peeters", "Zoe", 0, 10, NULL), "Zoë Peeters",
	       "first and last name swapped");
	is_str(similar_names("Peters", "Jan", 0, 10, NULL), "Jan Peters,Jan Peeters",
	       "swapped, and swapped with a typo, nearest first");
	is_str(similar_names("Zoi", "Peeterz", 0, 10, NULL), "Zoë Peeters",
	       "a typo in a short first name and at the end of the last name");
	is_str(similar_names("Jan", "Peeters", 0, 1, NULL), "Jan Peeters",
	       "with room for one: the same name, not the one a typo away");
	is_str(similar_names("Piet", "Janssens", 0, 1, NULL), "Piet Janssens", "max is respected");
	is_str(similar_names("Nieuw", "Iemand", 0, 10, NULL), "", "a name like nobody's: none");
	is_str(similar_names("", "", 0, 10, NULL), "", "no name: none");
	test_similar_spelling();
}

static void test_resolve(void)
{
	st_person p = { 0 };
	st_err err = { "" };
	char id[32];

	snprintf(id, sizeof id, "%lld", id_zoe);
	is_int(person_resolve(db, id, &p, &err), 1, "person_resolve by id");
	is_str(p.first_name, "Zoë", "  finds Zoë");
	person_clear(&p);
	is_int(person_resolve(db, "999999", &p, &err), 0, "an unknown id: none");
	is_int(person_resolve(db, "zoe", &p, &err), 1, "a unique part of a name");
	ok(p.id == id_zoe, "  finds Zoë");
	person_clear(&p);
	is_int(person_resolve(db, "  peeters   JAN ", &p, &err), 1,
	       "an exact name, last first, any case and spacing");
	ok(p.id == id_jan_peeters, "  finds Jan Peeters");
	person_clear(&p);
	is_int(person_resolve(db, "an wouters", &p, &err), 1,
	       "an exact name wins over one that contains it (Jan Wouters)");
	ok(p.id == id_an_wouters, "  finds An Wouters");
	person_clear(&p);
	is_int(person_resolve(db, "jan", &p, &err), 2, "\"jan\": several");
	has_str(err.msg, "Jan Peeters", "  the error names them");
	has_str(err.msg, "Piet Janssens", "  all of them");
	ok(p.id == 0 && p.first_name == NULL, "  and out stays empty");
	is_int(person_resolve(db, "e", &p, &err), 2, "\"e\": many");
	has_str(err.msg, "…", "  more than five are cut short");
	is_int(person_resolve(db, "nobody", &p, &err), 0, "no match: 0");
	has_str(err.msg, "nobody", "  with a message");
	is_int(person_resolve(db, "  ", &p, &err), 0, "blank: 0");
}

/* Spaces, hyphens and apostrophes in names do not count when matching. */
static void test_name_gaps(void)
{
	long long pj = add_person(db, "Pieter-Jan", "Claes", "leraar", 0, "");
	long long sofie = add_person(db, "Sofie", "D'Hondt", "leraar", 0, "");
	st_person p = { 0 };
	st_err err = { "" };

	is_str(names_matching("vandenbroeck"), "Lien Van den Broeck",
	       "\"vandenbroeck\" finds Van den Broeck (through the index)");
	is_str(names_matching("lien vandenbroeck"), "Lien Van den Broeck",
	       "  also with the first name");
	is_str(names_matching("vanden broeck lien"), "Lien Van den Broeck",
	       "  and last name first, spaced otherwise");
	is_str(names_matching("pieter jan"), "Pieter-Jan Claes", "\"pieter jan\" finds Pieter-Jan");
	is_str(names_matching("pieterjan"), "Pieter-Jan Claes", "  so does \"pieterjan\"");
	is_str(names_matching("dhondt"), "Sofie D'Hondt", "\"dhondt\" finds D'Hondt");
	is_str(names_matching("d hondt"), "Sofie D'Hondt", "  so does \"d hondt\"");
	is_str(names_matching("jan "), "Pieter-Jan Claes,Jan Peeters,Jan Peters,Jan Wouters",
	       "a space at the end still ends a word: \"jan \" is Pieter-Jan, not Janssens");
	is_str(names_matching("vd"), "", "two letters match without gaps too (none here)");
	is_str(names_matching("nb"), "Lien Van den Broeck", "  \"nb\" finds deN Broeck (scanning)");
	is_int(person_resolve(db, "lien vandenbroeck", &p, &err), 1,
	       "person_resolve: \"lien vandenbroeck\" is one person");
	is_str(p.last_name, "Van den Broeck", "  Lien Van den Broeck");
	person_clear(&p);
	is_int(person_resolve(db, "pieter jan claes", &p, &err), 1,
	       "person_resolve: \"pieter jan claes\" is Pieter-Jan Claes");
	ok(p.id == pj, "  by an exact match");
	person_clear(&p);
	is_int(person_resolve(db, "d'hondt sofie", &p, &err), 1, "person_resolve: \"d'hondt sofie\"");
	ok(p.id == sofie, "  is Sofie D'Hondt");
	person_clear(&p);
	ok(person_delete(db, pj, false, &err) == 0 && person_delete(db, sofie, false, &err) == 0,
	   "the two are deleted again");
}

/* A focus group of the programme Test (made with the first); its id. */
static long long test_session(const char *code, const char *date)
{
	long long programme = query_int(db, "SELECT id FROM programme WHERE name = 'Test'");

	if (programme == -12345)
		programme = add_programme(db, "Test", "2019-2020");
	return add_session(db, programme, code, "focusgroep", date, 0);
}

/* Adds a note at session with this body and author, about person (0 for
 * nobody); in the trash when trashed. */
static void add_note(long long session, const char *body, const char *author, long long about,
		     bool trashed)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "INSERT INTO note (session_id, body, author, about_person_id,"
			       " created_at, updated_at, deleted_at) VALUES (?1, ?2, ?3, nullif(?4, 0),"
			       " 'now', 'now', CASE WHEN ?5 THEN 'then' END)", -1, &st, NULL) != SQLITE_OK) {
		printf("Bail out! %s\n", sqlite3_errmsg(db));
		exit(99);
	}
	sqlite3_bind_int64(st, 1, session);
	sqlite3_bind_text(st, 2, body, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, author, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, about);
	sqlite3_bind_int(st, 5, trashed);
	if (sqlite3_step(st) != SQLITE_DONE) {
		printf("Bail out! %s\n", sqlite3_errmsg(db));
		exit(99);
	}
	sqlite3_finalize(st);
}

/* Someone with attendance, a coach link, two notes about them (and one
 * about them already in the trash), a note they wrote, a note that names
 * them, and a note that does not. */
static long long person_with_notes(long long session, const char *first, const char *last,
				   const char *tag)
{
	long long id = add_person(db, first, last, "techniekcoach", org_klimop, "robotica");
	st_err err = { "" };
	char body[256], author[256];

	ok(attendance_set(db, session, id, ATT_PRESENT, &err) == 0 &&
	   coaching_link(db, id, org_lodewijk, &err) == 0, "%s: attendance and a coach link", tag);
	snprintf(body, sizeof body, "%s: over robots", tag);
	add_note(session, body, "", id, false);
	snprintf(body, sizeof body, "%s: vraagt tijd", tag);
	add_note(session, body, "", id, false);
	snprintf(body, sizeof body, "%s: al weg", tag);
	add_note(session, body, "", id, true);
	snprintf(body, sizeof body, "%s: door hen geschreven", tag);
	snprintf(author, sizeof author, "%s %s", first, last);
	add_note(session, body, author, 0, false);
	snprintf(body, sizeof body, "%s: %s %s zei iets", tag, first, last);
	add_note(session, body, "", 0, false);
	snprintf(body, sizeof body, "%s: alleen %s", tag, first);
	add_note(session, body, "", 0, false);
	return id;
}

/* The person and every row that links to them are gone. */
static void gone(long long id)
{
	char sql[512];

	snprintf(sql, sizeof sql, "SELECT (SELECT count(*) FROM person WHERE id = %lld)"
		 " + (SELECT count(*) FROM attendance WHERE person_id = %lld)"
		 " + (SELECT count(*) FROM attendance_log WHERE person_id = %lld)"
		 " + (SELECT count(*) FROM coaching WHERE coach_id = %lld)"
		 " + (SELECT count(*) FROM person_focus WHERE person_id = %lld)"
		 " + (SELECT count(*) FROM person_name WHERE rowid = %lld)"
		 " + (SELECT count(*) FROM note WHERE about_person_id = %lld)", id, id, id, id, id,
		 id, id);
	is_int(query_int(db, sql), 0,
	       "  the person, attendance, its log, coaching, focus, name index and links are gone");
}

static void test_delete(void)
{
	long long session = test_session("FG 01", "2019-10-01");
	long long id = person_with_notes(session, "Weg", "Gaanders", "wg");
	person_impact impact;
	st_err err = { "" };

	is_int(person_delete_impact(db, id, &impact, &err), 0, "person_delete_impact");
	is_int(impact.attendance, 1, "  one attendance record");
	is_int(impact.coaching, 1, "  one coach link");
	is_int(impact.notes_about, 2, "  two live notes about them (not the one in the trash)");
	is_int(impact.notes_mentioning, 2,
	       "  two other notes name them: as the author, in the text (not the first name alone)");
	is_int(person_delete(db, id, false, &err), 0, "person_delete, keeping the notes");
	gone(id);
	is_int(query_int(db, "SELECT count(*) FROM note WHERE body LIKE 'wg:%' AND deleted_at IS NULL"),
	       5, "  the notes about them stay, unlinked, and those that name them too");
	is_str(names_matching("gaanders"), "", "  the name is not found any more");
	is_int(person_delete(db, id, false, &err), -1, "deleting again is an error");
	has_str(err.msg, "no person", "  saying there is no such person");
	is_int(person_delete_impact(db, id, &impact, &err), -1, "the impact of nobody is an error");

	id = person_with_notes(session, "Zoë", "D'Hondt", "zd");
	is_int(person_delete_impact(db, id, &impact, &err), 0, "a name with an accent and apostrophe");
	is_int(impact.notes_mentioning, 2, "  is found in the author field and the text");
	is_int(person_delete(db, id, true, &err), 0, "person_delete, the notes about them to the trash");
	gone(id);
	is_int(query_int(db, "SELECT count(*) FROM note WHERE body IN ('zd: over robots',"
			 " 'zd: vraagt tijd') AND deleted_at IS NOT NULL"), 2,
	       "  the two notes about them are in the trash");
	is_int(query_int(db, "SELECT count(*) FROM note WHERE body LIKE 'zd:%' AND deleted_at IS NULL"),
	       3, "  the notes that name them are not changed");
}

static void test_coaching(void)
{
	st_organisation schools[10];
	st_person coaches[10];
	st_err err = { "" };
	int n;

	memset(schools, 0, sizeof schools);
	memset(coaches, 0, sizeof coaches);
	ok(coaching_link(db, id_mehmet, org_lodewijk, &err) == 0 &&
	   coaching_link(db, id_mehmet, org_klimop, &err) == 0 &&
	   coaching_link(db, id_mehmet, org_klimop, &err) == 0, "coaching_link (twice is fine)");
	n = coaching_schools(db, id_mehmet, schools, 10, &err);
	is_int(n, 2, "coaching_schools: two");
	if (n == 2)
		ok(strcmp(schools[0].name, "Basisschool De Klimop") == 0 &&
		   strcmp(schools[1].name, "Sint-Lodewijkscollege") == 0, "  in name order");
	while (n > 0)
		org_clear(&schools[--n]);
	n = coaching_coaches(db, org_klimop, coaches, 10, &err);
	is_int(n, 1, "coaching_coaches: one");
	ok(n == 1 && coaches[0].id == id_mehmet, "  Mehmet");
	clear_people(coaches, n > 0 ? n : 0);
	is_int(coaching_unlink(db, id_mehmet, org_klimop, &err), 0, "coaching_unlink");
	is_int(coaching_coaches(db, org_klimop, coaches, 10, &err), 0, "  the school has no coach");
	is_int(coaching_link(db, id_mehmet, 999999, &err), -1, "a link to an unknown school");
	has_str(err.msg, "999999", "  is refused, naming it");
}

static void test_organisations(void)
{
	st_organisation o = { 0 }, rows[10];
	org_filter f = { 0 };
	org_impact impact;
	st_err err = { "" };
	long long college, session;
	int n;

	memset(rows, 0, sizeof rows);
	college = add_org(db, "school", "Lodewijk College");
	add_org(db, "partner", "Lodewijkvereniging");
	n = org_search(db, "lodewijk", rows, 10, &err);
	is_int(n, 3, "org_search \"lodewijk\": three");
	if (n == 3)
		ok(strcmp(rows[0].name, "Lodewijk College") == 0 &&
		   strcmp(rows[1].name, "Lodewijkvereniging") == 0 &&
		   strcmp(rows[2].name, "Sint-Lodewijkscollege") == 0,
		   "  names that start with it first, then names that hold it");
	while (n > 0)
		org_clear(&rows[--n]);
	{
		long long found = 0;
		is_int(org_find(db, NULL, "LODEWIJKVERENIGING", &found, &err), 1,
		       "org_find of either kind finds a partner by its whole name");
		is_int(org_find(db, NULL, "lodewijk", &found, &err), 0, "  but not by part of it");
		is_int(org_find(db, "school", "Lodewijkvereniging", &found, &err), 0,
		       "  and not among the schools");
	}
	n = org_search(db, "LODEWIJK COLLEGE", rows, 10, &err);
	ok(n >= 1 && rows[0].id == college, "the whole name comes first");
	while (n > 0)
		org_clear(&rows[--n]);

	f.kind = "partner";
	n = org_page(db, &f, NULL, false, rows, 10, &err);
	ok(n == 1 && strcmp(rows[0].name, "Lodewijkvereniging") == 0, "org_page of partners");
	while (n > 0)
		org_clear(&rows[--n]);
	f.kind = NULL;
	f.name = "lodew";
	n = org_page(db, &f, NULL, true, rows, 2, &err);
	ok(n == 2 && strcmp(rows[0].name, "Lodewijkvereniging") == 0 &&
	   strcmp(rows[1].name, "Sint-Lodewijkscollege") == 0, "org_page backward from the end");
	o = rows[0];
	rows[0] = (st_organisation){ 0 };
	while (n > 0)
		org_clear(&rows[--n]);
	n = org_page(db, &f, &o, true, rows, 10, &err);
	ok(n == 1 && rows[0].id == college, "  and before that");
	org_clear(&o);
	while (n > 0)
		org_clear(&rows[--n]);

	is_int(org_get(db, org_klimop, &o, &err), 1, "org_get");
	is_int(o.people, 4, "  counts its people");
	is_str(o.name_key, "basisschool de klimop", "  with the folded name");
	org_clear(&o);

	o.kind = "school";
	o.name = " sint-lodewijkscollege ";
	is_int(org_save(db, &o, &err), -1, "a second school with the same name is refused");
	has_str(err.msg, "sint-lodewijkscollege", "  saying which");
	o.name = "";
	is_int(org_save(db, &o, &err), -1, "an empty name is refused");
	o.name = "X";
	o.kind = "club";
	is_int(org_save(db, &o, &err), -1, "an unknown kind is refused");
	o.kind = "school";
	o.name = "Lodewijk Kollege";
	o.id = college;
	o.city = "Brugge";
	is_int(org_save(db, &o, &err), 0, "an update is saved");
	memset(&o, 0, sizeof o);
	org_get(db, college, &o, &err);
	ok(strcmp(o.name, "Lodewijk Kollege") == 0 && strcmp(o.city, "Brugge") == 0 &&
	   strcmp(o.name_key, "lodewijk kollege") == 0, "  name, name_key and city changed");
	org_clear(&o);

	session = test_session("FG 02", "2019-11-01");
	exec(db, "UPDATE session SET host_org_id = (SELECT id FROM organisation"
	     " WHERE name = 'Basisschool De Klimop') WHERE code = 'FG 02'");
	coaching_link(db, id_mehmet, org_klimop, &err);
	is_int(org_delete_impact(db, org_klimop, &impact, &err), 0, "org_delete_impact");
	ok(impact.people == 4 && impact.coaches == 1 && impact.sessions_hosted == 1,
	   "  four people, one coach, one session hosted");
	is_int(org_delete(db, org_klimop, &err), 0, "org_delete");
	is_int(query_int(db, "SELECT count(*) FROM person WHERE first_name = 'Piet'"
			 " AND organisation_id IS NULL"), 1, "  its people stay, without it");
	is_int(query_int(db, "SELECT count(*) FROM coaching"), 1, "  its coach link is gone");
	is_int(query_int(db, "SELECT count(*) FROM session WHERE code = 'FG 02' AND host_org_id IS NULL"),
	       1, "  its session has no host");
	(void)session;
	is_int(org_delete(db, org_klimop, &err), -1, "deleting again is an error");
}

static void test_pseudonym(void)
{
	char buf[16];

	person_pseudonym(17, buf, sizeof buf);
	is_str(buf, "P017", "pseudonym of 17 is P017");
	person_pseudonym(1234, buf, sizeof buf);
	is_str(buf, "P1234", "pseudonym of 1234 is P1234");
	person_pseudonym(5, buf, 3);
	is_str(buf, "P0", "a short buffer is cut, not overrun");
}

static bool role_is(const st_roles *r, const char *text, const char *key)
{
	int i = roles_find(r, text);

	return i >= 0 && strcmp(r->role[i].key, key) == 0;
}

static void test_roles(void)
{
	static const char config[] =
		"[roles]\n"
		"stagiair = Stagiair\n"
		"team lead = Teamleider\n"
		"onderzoeker = Wetenschapper\n";
	const char *path = write_file("roles-config.ini", config), *bad;
	char where[4200];
	const char *saved = getenv("STEMTUI_DATADIR");
	char saved_copy[4096];
	st_settings s;
	st_roles r;
	st_err err = { "" };

	settings_defaults(&s);
	is_int(settings_load(&s, path, true, &err), 0, "a config with [roles] loads");
	is_int(s.nextra_roles, 2, "  two roles are added");
	is_int(s.nwarnings, 1, "  one key is not a role key");
	if (s.nwarnings == 1)
		has_str(s.warnings[0], "team lead", "  the warning names it");
	is_int(roles_load(&r, &s, &err), 0, "roles_load");
	is_int(r.n, 8, "  seven shipped roles and one added");
	ok(role_is(&r, "Teacher", "leraar"), "roles_find: \"Teacher\" is leraar");
	ok(role_is(&r, "techniekcoach", "techniekcoach"), "\"techniekcoach\" by key");
	ok(role_is(&r, "Techniekcoach", "techniekcoach"), "\"Techniekcoach\" by label");
	ok(role_is(&r, " pedagogisch begeleider ", "pedagogisch-begeleider"),
	   "\"pedagogisch begeleider\" by its label");
	ok(role_is(&r, "STAGIAIR", "stagiair"), "a role from the config");
	is_int(roles_find(&r, "astronaut"), -1, "an unknown role: -1");
	is_int(roles_find(&r, ""), -1, "an empty one too");
	is_str(roles_label(&r, "leraar"), "Teacher", "roles_label in English");
	is_str(roles_label(&r, "onderzoeker"), "Wetenschapper", "the config renames a role");
	is_str(roles_label(&r, "kapitein"), "kapitein", "an unknown key is its own label");
	if (getenv("STEMTUI_LOCALEDIR")) {
		setenv("LANGUAGE", "nl", 1);
		textdomain("stemtui");
		is_str(roles_label(&r, "leraar"), "Leraar", "roles_label in Dutch");
		unsetenv("LANGUAGE");
		textdomain("stemtui");
	} else {
		ok(1, "# SKIP roles_label in Dutch: no catalog (STEMTUI_LOCALEDIR)");
	}
	roles_free(&r);
	settings_free(&s);

	snprintf(saved_copy, sizeof saved_copy, "%s", saved ? saved : "");
	bad = write_file("roles.ini", "[role leraar]\nlabel = Leraar\n\n[role Bad Key!]\nlabel = X\n");
	setenv("STEMTUI_DATADIR", dir, 1);
	snprintf(where, sizeof where, "%s:4:", bad);
	is_int(roles_load(&r, NULL, &err), -1, "a bad roles.ini is an error");
	has_str(err.msg, where, "  naming file and line");
	ok(r.n == 0 && r.role == NULL, "  and leaves no roles");
	setenv("STEMTUI_DATADIR", saved_copy, 1);
}

/* Makes `file`, a database at schema 1 holding what `fill` inserts, and
 * opens it with this stemtui as db (migrating it).  False (a failed
 * check said so) when it does not open. */
static bool open_v1(const char *file, const char *fill)
{
	char path[4200];
	sqlite3 *old = NULL;
	st_err err = { "" };
	char sql[256];

	snprintf(path, sizeof path, "%s/%s", dir, file);
	if (sqlite3_open(path, &old) != SQLITE_OK)
		exit(99);
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = 1;",
		 (int)ST_DB_APP_ID);
	if (sqlite3_exec(old, schema_migration(0), NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(old, sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(old, fill, NULL, NULL, NULL) != SQLITE_OK) {
		printf("Bail out! making a version 1 database: %s\n", sqlite3_errmsg(old));
		exit(99);
	}
	sqlite3_close(old);
	if (db_open(path, &db, NULL, &err) != DB_OPEN_OK)
		return ok(0, "a version 1 database opens: %s", err.msg);
	return true;
}

/* A database at schema 1 with one person, opened by this stemtui. */
static void test_migration(void)
{
	sqlite3 *saved = db;

	if (!open_v1("v1.sqlite", "INSERT INTO person (first_name, last_name, sort_key, role,"
		     " created_at) VALUES ('Zoë', 'Van Peeters', 'van peeters' || char(1) || 'zoe',"
		     " 'leraar', '2018-01-01T00:00:00Z')")) {
		db = saved;
		return;
	}
	is_int(query_int(db, "PRAGMA user_version"), db_schema_version(),
	       "a version 1 database is migrated to the current version");
	is_int(query_int(db, "SELECT count(*) FROM person WHERE name_key = 'zoe van peeters'"), 1,
	       "  its person has a name_key");
	is_str(names_matching("zoe van"), "Zoë Van Peeters", "  is found through the trigram index");
	is_str(names_matching("peeters zo"), "Zoë Van Peeters", "  also last name first");
	is_str(names_matching("zo"), "Zoë Van Peeters", "  and by two letters");
	is_str(names_matching("vanpeeters"), "Zoë Van Peeters", "  and without the space");
	is_int(query_int(db, "SELECT count(*) FROM attendance_log"), 0, "  the undo log is there");
	db_close(db);
	db = saved;
}

/* links_check names the first row that is missing, in the order given,
 * and checks nothing for no links. */
static void test_links(void)
{
	st_person p = { .first_name = "Lena", .last_name = "Links", .role = "leraar" };
	st_link both[2], missing[3];
	long long school = 0;
	st_err err = { "" };

	/* Made with the core's own calls, not this file's helpers. */
	ok(org_find_or_create(db, "school", "Links-school", NULL, NULL, NULL, &school, &err) == 0 &&
	   person_save(db, &p, &err) == 0, "links: a school and a person to link to");
	both[0] = (st_link){ LINK_PERSON, p.id };
	both[1] = (st_link){ LINK_ORGANISATION, school };
	missing[0] = both[0];
	missing[1] = (st_link){ LINK_ORGANISATION, 987654 };
	missing[2] = (st_link){ LINK_SESSION, 876543 };
	is_int(links_check(db, both, 2, &err), 0, "links: a person and a school that exist");
	is_str(err.msg, "", "  no error said");
	is_int(links_check(db, NULL, 0, &err), 0, "links: none to check");
	is_int(links_check(db, missing, 3, &err), -1, "links: a missing school");
	is_str(err.msg, "there is no organisation with id 987654", "  named, before the session");
	is_int(links_check(db, missing + 2, 1, &err), -1, "links: a missing session");
	is_str(err.msg, "there is no session with id 876543", "  named");
}

/* ---- the starts of name words (person_name_start) ----------------------- */

/* The rows person_name_start holds for person id, "start,start" in order,
 * or "" for none; also "sort key wrong" when a row's sort_key is not the
 * person's. */
static const char *starts_of(long long id)
{
	static char buf[512];
	char sql[512];
	const char *got;

	snprintf(sql, sizeof sql, "SELECT count(*) FROM person_name_start s WHERE s.person_id = %lld"
		 " AND s.sort_key IS NOT (SELECT sort_key FROM person WHERE id = %lld)", id, id);
	if (query_int(db, sql) != 0)
		return "sort key wrong";
	snprintf(sql, sizeof sql, "SELECT coalesce(group_concat(start, ','), '') FROM (SELECT start"
		 " FROM person_name_start WHERE person_id = %lld ORDER BY start)", id);
	got = query_text(db, sql);
	snprintf(buf, sizeof buf, "%s", got ? got : "(null)");
	return buf;
}

/* person_name_start holds exactly what st_name_starts says of every person
 * now: no row missing, none left over. */
static void starts_exact(const char *what)
{
	char missing[128], over[128];

	snprintf(missing, sizeof missing, "%s: no start missing", what);
	snprintf(over, sizeof over, "%s: none left over", what);
	is_int(query_int(db, "SELECT count(*) FROM person p,"
			 " json_each(st_name_starts(p.first_name, p.last_name)) j"
			 " WHERE NOT EXISTS (SELECT 1 FROM person_name_start s WHERE s.start = j.value"
			 " AND s.sort_key = p.sort_key AND s.person_id = p.id)"), 0, missing);
	is_int(query_int(db, "SELECT count(*) FROM person_name_start s WHERE NOT EXISTS"
			 " (SELECT 1 FROM person p, json_each(st_name_starts(p.first_name,"
			 " p.last_name)) j WHERE p.id = s.person_id AND p.sort_key = s.sort_key"
			 " AND j.value = s.start)"), 0, over);
}

static void test_name_starts(void)
{
	char *s;

	s = person_name_starts("Jan", "Van den Broeck");
	is_str(s, "[\"j\",\"ja\",\"v\",\"va\",\"d\",\"de\",\"b\",\"br\"]",
	       "person_name_starts: the whole first and last name and each word, one and two"
	       " letters, each once");
	free(s);
	s = person_name_starts("Pieter-Jan", "D'Hondt");
	is_str(s, "[\"p\",\"pi\",\"j\",\"ja\",\"d\",\"dh\"]",
	       "  hyphens part words, apostrophes do not");
	free(s);
	s = person_name_starts("Zoë", "É\"x");
	is_str(s, "[\"z\",\"zo\",\"e\",\"e\\\"\"]", "  folded, and a quote escaped for JSON");
	free(s);
	s = person_name_starts("", "");
	is_str(s, "[]", "  an empty name: none");
	free(s);
	ok(person_name_has_start("Jan", "Van den Broeck", "BR") &&
	   person_name_has_start("Jan", "Van den Broeck", "v") &&
	   !person_name_has_start("Jan", "Van den Broeck", "ro") &&
	   !person_name_has_start("Jan", "Van den Broeck", NULL),
	   "person_name_has_start: one of the starts, folded");
	ok(person_name_short("pe") && person_name_short("Zö") && person_name_short("a-"),
	   "person_name_short: one or two characters, folded");
	ok(!person_name_short("pee") && !person_name_short("") && !person_name_short(" - ") &&
	   !person_name_short(NULL), "  not three, nor nothing");
}

/* The triggers keep person_name_start through every write of a person. */
static void test_name_starts_kept(void)
{
	st_person p = { .first_name = "Ine", .last_name = "Verschueren", .role = "leraar" };
	st_err err = { "" };
	long long id;
	char sql[128];

	ok(person_save(db, &p, &err) == 0, "person_name_start: a person saved");
	id = p.id;
	is_str(starts_of(id), "i,in,v,ve", "  has the starts of her name");
	p.first_name = "Anne-Sophie";
	p.last_name = "De Smet";
	ok(person_save(db, &p, &err) == 0, "  renamed");
	is_str(starts_of(id), "a,an,d,de,s,sm,so", "  has those of the new name only");
	snprintf(sql, sizeof sql, "UPDATE person SET last_name = 'Claes', sort_key = 'claes'"
		 " || char(1) || 'anne-sophie' WHERE id = %lld", id);
	exec(db, sql);
	is_str(starts_of(id), "a,an,c,cl,s,so", "  and after another program renamed her");
	snprintf(sql, sizeof sql, "UPDATE person SET sort_key = 'x' WHERE id = %lld", id);
	exec(db, sql);
	is_str(starts_of(id), "a,an,c,cl,s,so", "  a new sort key is taken along");
	starts_exact("after renames");
	ok(person_delete(db, id, false, &err) == 0, "  deleted");
	is_str(starts_of(id), "", "  she has none left");
	starts_exact("after a delete");
	p.id = 0;
	p.first_name = "Ine";
	p.last_name = "Verschueren";
	ok(person_save(db, &p, &err) == 0, "  saved again");
	snprintf(sql, sizeof sql, "UPDATE person SET id = %lld WHERE id = %lld", p.id + 1000, p.id);
	exec(db, sql);
	is_str(starts_of(p.id), "", "  given another id, the old id has none");
	is_str(starts_of(p.id + 1000), "i,in,v,ve", "  the new one has hers");
	starts_exact("after all");
}

/* The people screen with one or two letters: first those a word of whose
 * name starts with them, then the rest, each in name order, the same
 * people as without starts_first; pages lose and repeat nothing. */
static void test_starts_first(void)
{
	person_filter plain = { .name = "ee" }, first = { .name = "ee", .starts_first = true };
	person_filter both = { .name = "pe", .starts_first = true };
	st_err err = { "" };
	char *all, *big;
	long long id_eef;

	id_eef = add_person(db, "Eef", "Zwartjes", "leraar", 0, "");
	add_person(db, "Ee", "Aarts", "leraar", 0, "");
	all = strdup(names(&plain));
	big = strdup(names(&first));
	has_str(all, "Françoise Peeters", "starts_first: without it, \"ee\" in name order");
	ok(strstr(all, "Ee Aarts") && strstr(all, "Eef Zwartjes") &&
	   strstr(all, "Ee Aarts") < strstr(all, "Françoise Peeters") &&
	   strstr(all, "Eef Zwartjes") > strstr(all, "Françoise Peeters"), "  Aarts first, Zwartjes last");
	ok(strncmp(big, "Ee Aarts,Eef Zwartjes,", 22) == 0 && strstr(big, "Françoise Peeters"),
	   "  with it, the names with a word starting with \"ee\" come first: %s", big);
	is_int((int)strlen(big), (int)strlen(all), "  the same people");
	is_str(paged_labels(&person_names, &first, false, 1), big, "  paged forward one at a time");
	is_str(paged_labels(&person_names, &first, false, 3), big, "  three at a time");
	is_str(paged_labels(&person_names, &first, true, 2), big, "  and backward");
	free(all);
	free(big);
	add_person(db, "Kasper", "Aerts", "leraar", 0, "");
	ok(strncmp(names(&(person_filter){ .name = "pe" }), "Kasper Aerts,", 13) == 0,
	   "  \"pe\" inside Kasper Aerts: first in name order");
	big = strdup(names(&both));
	ok(strncmp(big, "Françoise Peeters,", 18) == 0 && strlen(big) > 13 &&
	   strcmp(big + strlen(big) - 13, ",Kasper Aerts") == 0,
	   "  last with starts_first, after Peeters and Peters (%s)", big);
	free(big);
	first.name = "ee";
	ok(person_count_capped(db, &first, 1, &err) == 2 && person_count(db, &first, &err) > 2,
	   "person_count_capped: stops at cap + 1 for a short name");
	ok(person_count_capped(db, &first, 2, &err) == 3 && person_count(db, &first, &err) > 3,
	   "  also when the word starts alone (two) are not past cap");
	is_int((int)person_count_capped(db, &first, 1000, &err), (int)person_count(db, &first, &err),
	       "  all of them under the cap");
	first.role = "directie";
	is_int((int)person_count_capped(db, &first, 1000, &err), (int)person_count(db, &first, &err),
	       "  with a role too");
	first.role = NULL;
	plain.name = "zq";
	is_int((int)person_count_capped(db, &plain, 1000, &err), 0, "  none for no match");
	plain.name = "pee";
	ok(person_count(db, &plain, &err) > 2 && person_count_capped(db, &plain, 1, &err) == 2,
	   "  and for three letters");
	is_int((int)person_count_capped(db, &plain, 0, &err), (int)person_count(db, &plain, &err),
	       "  cap 0 counts all");
	plain.name = NULL;
	ok(person_count(db, &plain, &err) > 2 && person_count_capped(db, &plain, 1, &err) == 2,
	   "  and without a name (opening the people screen)");
	plain.role = "leraar";
	ok(person_count(db, &plain, &err) > 2 && person_count_capped(db, &plain, 1, &err) == 2,
	   "  and with only a role");
	is_int((int)person_count_capped(db, &plain, 1000, &err), (int)person_count(db, &plain, &err),
	       "  all of them under the cap");
	(void)id_eef;
}

/* The same with three letters or more: first those a word of whose name
 * starts with them (person_name_word_start), then those they are only
 * inside of, each in name order; the same people as without it; pages
 * lose and repeat nothing. */
static void test_starts_first_long(void)
{
	person_filter plain = { .name = "vAn" }, first = { .name = "vAn", .starts_first = true };
	char *all, *big;

	add_person(db, "Tine", "Donovan", "leraar", 0, "");
	add_person(db, "Aaron", "Savanne", "leraar", 0, "");
	add_person(db, "Zeno", "De Vanneste", "leraar", 0, "");
	add_person(db, "Kevin", "Dhont", "leraar", 0, "");
	all = strdup(names(&plain));
	big = strdup(names(&first));
	ok(strstr(all, "Zeno De Vanneste") < strstr(all, "Tine Donovan") &&
	   strstr(all, "Tine Donovan") < strstr(all, "Aaron Savanne") &&
	   strstr(all, "Aaron Savanne") < strstr(all, "Lien Van den Broeck"),
	   "starts_first, three letters: without it, \"van\" in name order (%s)", all);
	is_str(big, "Zeno De Vanneste,Lien Van den Broeck,Tine Donovan,Aaron Savanne",
	       "  with it, word starts first (De Vanneste, Van den Broeck), then inside");
	is_int((int)strlen(big), (int)strlen(all), "  the same people");
	is_str(paged_labels(&person_names, &first, false, 1), big, "  paged forward one at a time");
	is_str(paged_labels(&person_names, &first, false, 3), big, "  three at a time");
	is_str(paged_labels(&person_names, &first, true, 2), big, "  and backward");
	free(all);
	free(big);
	first.name = "ont kev";
	plain.name = "ont kev";
	all = strdup(names(&plain));
	ok(strcmp(names(&first), all) == 0 && *all, "  a name only inside: the plain list (%s)",
	   all);
	free(all);
	first.name = "vannes";
	is_str(names(&first), "Zeno De Vanneste", "  a word that starts later in the last name");
	first.name = "vanne ";
	is_str(names(&first), "Aaron Savanne", "  a space at the end still ends the word");
	first.name = "dhontkev";
	is_str(names(&first), "Kevin Dhont", "  a last name read on into the first name");
}

/* person_name_word_start: where person_name_start holds the first two
 * characters, read on through the name. */
static void test_word_start(void)
{
	char *key = person_sort_key("Jan", "Van den Broeck");

	ok(person_name_word_start(key, "van") && person_name_word_start(key, "vandenbr") &&
	   person_name_word_start(key, "den") && person_name_word_start(key, "broeckjan") &&
	   person_name_word_start(key, "janvan") && person_name_word_start(key, "jan"),
	   "person_name_word_start: at each word, read on");
	ok(!person_name_word_start(key, "roe") && !person_name_word_start(key, "anva") &&
	   !person_name_word_start(key, "janbr") && !person_name_word_start(key, "Van") &&
	   !person_name_word_start(key, "") && !person_name_word_start(NULL, "van") &&
	   !person_name_word_start("no separator", "no"),
	   "  not inside a word, not folded, not without a sort key");
	free(key);
	key = person_sort_key("J", "Pee-ters");
	ok(!person_name_word_start(key, "jpe") && person_name_word_start(key, "peet") &&
	   person_name_word_start(key, "ters") && person_name_word_start(key, "peetersj"),
	   "  a word of one character is no start of two; hyphens are left out");
	free(key);
	key = person_sort_key("Zoë", "D'Hondt");
	ok(person_name_word_start(key, "dhon") && person_name_word_start(key, "zoedh") &&
	   !person_name_word_start(key, "hon"), "  folded: accents and apostrophes");
	free(key);
}

/* Two letters many people have only inside their name (person_name_dense:
 * "ij" in Dijkman): the rest is then read in name order, row by row,
 * instead of scanning every name.  The list is the same as for a rare
 * pair: word starts first, then the rest in name order, every page. */
static void test_starts_first_dense(void)
{
	sqlite3 *saved = db;
	person_filter plain = { .name = "ij" }, first = { .name = "ij", .starts_first = true };
	char last[32], *big, *all;
	st_err err = { "" };
	int i;

	db = open_db("dense.sqlite");
	for (i = 0; i < 60; i++) {
		snprintf(last, sizeof last, "Dijkman %02d", 59 - i);
		add_person(db, i % 2 ? "Piet" : "Zoë", last, "leraar", 0, "");
		snprintf(last, sizeof last, "Peeters %02d", i);
		add_person(db, "Jan", last, "leraar", 0, "");
	}
	add_person(db, "Ine", "IJzerman", "leraar", 0, "");
	add_person(db, "Bart", "IJsselmuiden", "directie", 0, "");
	ok(person_name_dense(db, "ij") && person_name_dense(db, "IJ"),
	   "person_name_dense: 60 of 122 people have \"ij\" inside a word");
	ok(!person_name_dense(db, "zq") && !person_name_dense(db, "ijz") &&
	   !person_name_dense(db, "pe"), "  not for a pair nobody has, a long name, or word starts");
	big = strdup(names(&first));
	all = strdup(names(&plain));
	ok(strncmp(big, "Bart IJsselmuiden,Ine IJzerman,Piet Dijkman 00,Zoë Dijkman 01,", 62) == 0,
	   "  word starts first, then the rest in name order (%.80s)", big);
	ok(strlen(big) > 62 && strcmp(big + strlen(big) - strlen(",Zoë Dijkman 59"),
				      ",Zoë Dijkman 59") == 0,
	   "  to the last of them");
	is_int((int)strlen(big), (int)strlen(all), "  the same people as without starts_first");
	is_str(paged_labels(&person_names, &first, false, 1), big, "  paged forward one at a time");
	is_str(paged_labels(&person_names, &first, false, 7), big, "  seven at a time");
	is_str(paged_labels(&person_names, &first, true, 5), big, "  and backward (End, then up)");
	is_int((int)person_count_capped(db, &first, 1000, &err), 62, "  62 counted");
	first.role = "directie";
	is_str(names(&first), "Bart IJsselmuiden", "  with a role, the same (by its index)");
	free(big);
	free(all);
	db_close(db);
	db = saved;
}

/* An anchor of only a sort key and an id (the index says which part it is
 * in), at the border of the two parts of "ee". */
static void test_starts_anchor(void)
{
	person_filter first = { .name = "ee", .starts_first = true };
	st_person rows[MAXROWS], anchor = { 0 }, next[1];
	st_err err = { "" };
	int n = person_page(db, &first, NULL, false, rows, MAXROWS, &err), at = -1, i, got;

	for (i = 0; i < n && at < 0; i++)
		if (!person_name_has_start(rows[i].first_name, rows[i].last_name, "ee"))
			at = i;
	if (!ok(at > 0, "starts_first: both parts of \"ee\" (the second from row %d)", at)) {
		clear_people(rows, n > 0 ? n : 0);
		return;
	}
	anchor.id = rows[at - 1].id;
	anchor.sort_key = rows[at - 1].sort_key;
	got = person_page(db, &first, &anchor, false, next, 1, &err);
	ok(got == 1 && next[0].id == rows[at].id,
	   "  after an anchor of only a sort key and id: the second part's first");
	clear_people(next, got > 0 ? got : 0);
	anchor.id = rows[at].id;
	anchor.sort_key = rows[at].sort_key;
	got = person_page(db, &first, &anchor, true, next, 1, &err);
	ok(got == 1 && next[0].id == rows[at - 1].id, "  and before that one, the first part's last");
	clear_people(next, got > 0 ? got : 0);
	clear_people(rows, n);
}

/* A database made before person_name_start gets it filled on opening. */
static void test_name_starts_migration(void)
{
	sqlite3 *saved = db;

	if (!open_v1("v1-starts.sqlite", "INSERT INTO person (id, first_name, last_name, sort_key,"
		     " role, created_at) VALUES (7, 'Zoë', 'Van Peeters', 'van peeters' || char(1) ||"
		     " 'zoe', 'leraar', 'x'), (8, 'Jan', 'Wouters', 'wouters' || char(1) || 'jan',"
		     " 'leraar', 'x')")) {
		db = saved;
		return;
	}
	is_str(starts_of(7), "p,pe,v,va,z,zo", "person_name_start: the migration fills it");
	is_str(starts_of(8), "j,ja,w,wo", "  for every person");
	starts_exact("after the migration");
	db_close(db);
	db = saved;
}

int main(void)
{
	fixture_locale();
	find_datadir();
	dir = fixture_start("people");
	db = open_db("people.sqlite");
	add_people();
	test_sort();
	test_search();
	test_filters();
	test_save();
	test_paging();
	test_similar();
	test_resolve();
	test_name_gaps();
	test_delete();
	test_coaching();
	test_organisations();
	test_pseudonym();
	test_roles();
	test_migration();
	test_links();
	test_name_starts();
	test_name_starts_kept();
	test_starts_first();
	test_starts_first_long();
	test_starts_first_dense();
	test_word_start();
	test_starts_anchor();
	test_name_starts_migration();
	db_close(db);
	return tap_done();
}
