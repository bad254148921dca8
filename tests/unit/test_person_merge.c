/* test_person_merge.c: people entered twice are found (same folded name
 * and organisation, or same e-mail) and merged: attendance (rows both
 * had combined by the documented rule), its log, coach links, focus tags
 * and notes move to the person kept (the older), nothing else is lost,
 * and the database checks clean afterwards. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/attendance.h"
#include "core/check.h"
#include "core/coaching.h"
#include "core/db.h"
#include "core/people.h"
#include "core/person_merge.h"
#include "core/syncid.h"
#include "../tap.h"
#include "fixture.h"

static sqlite3 *db;

/* ---- helpers ------------------------------------------------------------ */

/* Each group as "name:3,7" or "email:4,9" (ids in merge order), joined
 * by " ". */
static int describe_group(void *ctx, const person_dup_group *g, st_err *err)
{
	struct buf *b = ctx;
	char id[32];
	int i;

	(void)err;
	if (b->len)
		buf_add(b, " ");
	buf_add(b, g->reason == DUP_EMAIL ? "email:" : "name:");
	for (i = 0; i < g->n; i++) {
		snprintf(id, sizeof id, "%s%lld", i ? "," : "", g->people[i].id);
		buf_add(b, id);
	}
	return 0;
}

static const char *groups(void)
{
	static struct buf b;
	static st_err err;

	free(b.s);
	memset(&b, 0, sizeof b);
	buf_add(&b, "");
	if (person_duplicate_groups(db, describe_group, &b, &err) != 0)
		return err.msg;
	return b.s;
}

static void set_email(long long id, const char *email)
{
	char sql[256];

	snprintf(sql, sizeof sql, "UPDATE person SET email = '%s' WHERE id = %lld", email, id);
	exec(db, sql);
}

static void set_created(long long id, const char *when)
{
	char sql[256];

	snprintf(sql, sizeof sql, "UPDATE person SET created_at = '%s' WHERE id = %lld", when, id);
	exec(db, sql);
}

static void check_in(long long session, long long person, enum att_status s, const char *at)
{
	st_err err = { "" };

	if (attendance_set_at(db, session, person, s, at, &err) != 0) {
		printf("Bail out! attendance_set_at: %s\n", err.msg);
		exit(99);
	}
}

static long long note_about(long long session, long long person, const char *body,
			    bool trashed)
{
	char sql[512];

	snprintf(sql, sizeof sql, "INSERT INTO note (session_id, body, about_person_id,"
		 " created_at, updated_at, deleted_at) VALUES (%lld, '%s', %lld,"
		 " '2026-01-01 10:00:00', '2026-01-01 10:00:00', %s)", session, body, person,
		 trashed ? "'2026-01-02 10:00:00'" : "NULL");
	return insert(db, sql);
}

static int check_problems(void)
{
	check_report r;
	st_err err = { "" };
	int i, n = 0;

	if (db_check(db, fixture_path("merge.sqlite"), &r, &err) != 0) {
		diag("db_check: %s", err.msg);
		return -1;
	}
	for (i = 0; i < CHECK_COUNT; i++) {
		if (i != CHECK_FILE_MODES && r.found[i]) {
			diag("%s: %s", check_item_name((enum check_item)i), r.detail[i]);
			n += r.found[i];
		}
	}
	check_report_free(&r);
	return n;
}

/* ---- the tests ---------------------------------------------------------- */

static long long org1, org1_again, org2, school_x, school_y, prog, s1, s2, s3, s4;
static long long zoe, zoe_again, zoe_elsewhere, jan, johan, ann, ann_again, ine;

static void add_people(void)
{
	org1 = add_org(db, "school", "Sint-Jozefscollege");
	/* The same school entered on another laptop (org_save refuses a
	 * second one here; a sync need not): its folded name is the same. */
	org1_again = insert(db, "INSERT INTO organisation (kind, name, name_key)"
			    " VALUES ('school', 'sint-jozefscollege', st_fold('sint-jozefscollege'))");
	org2 = add_org(db, "school", "Atheneum Brugge");
	school_x = add_org(db, "school", "Basisschool X");
	school_y = add_org(db, "school", "Basisschool Y");
	zoe = add_person(db, "Zoë", "Van den Broeck", "leraar", org1, "wetenschap");
	zoe_again = add_person(db, "zoe", "Vandenbroeck", "leraar", org1_again,
			       "programmeren, wetenschap");
	zoe_elsewhere = add_person(db, "Zoe", "Van den Broeck", "leraar", org2, NULL);
	jan = add_person(db, "Jan", "Janssens", "leraar", org2, NULL);
	johan = add_person(db, "Johan", "Janssens", "leraar", 0, NULL);
	set_email(jan, "jan.janssens@school.be");
	set_email(johan, "Jan.Janssens@School.BE");
	/* Both rules at once: one group, not two. */
	ann = add_person(db, "Ann", "Smet", "directeur", 0, NULL);
	ann_again = add_person(db, "Ann", "Smet", "directeur", 0, NULL);
	set_email(ann, "ann@smet.be");
	set_email(ann_again, "ann@smet.be");
	ine = add_person(db, "Ine", "Verschueren", "leraar", 0, NULL);
	set_email(ine, "");
	prog = add_programme(db, "STEM++", "2017-2018");
	s1 = add_session(db, prog, "IS1", "inspiratiesessie", "2017-10-01", 0);
	s2 = add_session(db, prog, "IS2", "inspiratiesessie", "2017-11-01", 0);
	s3 = add_session(db, prog, "IS3", "inspiratiesessie", "2017-12-01", 0);
	s4 = add_session(db, prog, "IS4", "inspiratiesessie", "2018-01-01", 0);
}

static void test_groups(void)
{
	char want[256];
	st_person out[8];
	st_err err = { "" };
	int n, i;

	snprintf(want, sizeof want, "name:%lld,%lld name:%lld,%lld email:%lld,%lld",
		 ann, ann_again, zoe, zoe_again, jan, johan);
	is_str(groups(), want, "groups: same folded name and organisation (by its folded name),"
	       " then same e-mail ignoring case; a pair matching both once; a name at"
	       " another school not");

	memset(out, 0, sizeof out);
	n = person_duplicates_of(db, zoe_again, out, 8, &err);
	is_int(n, 1, "duplicates of one person: one");
	ok(n == 1 && out[0].id == zoe, "  Zoë at the same school");
	for (i = 0; i < n; i++)
		person_clear(&out[i]);
	n = person_duplicates_of(db, johan, out, 8, &err);
	ok(n == 1 && out[0].id == jan, "duplicates by e-mail, ignoring case");
	for (i = 0; i < n; i++)
		person_clear(&out[i]);
	is_int(person_duplicates_of(db, ine, out, 8, &err), 0,
	       "nobody duplicates a person without a twin (an empty e-mail matches nothing)");
	is_int(person_duplicates_of(db, zoe_elsewhere, out, 8, &err), 0,
	       "the same name at another school is not a duplicate");
}

static void test_order(void)
{
	long long keep = 0, gone = 0;
	st_err err = { "" };

	ok(person_merge_order(db, zoe_again, zoe, &keep, &gone, &err) == 0 && keep == zoe &&
	   gone == zoe_again, "same created_at: the smaller id stays, whatever the order given");
	set_created(zoe_again, "2000-01-01 00:00:00");
	ok(person_merge_order(db, zoe, zoe_again, &keep, &gone, &err) == 0 &&
	   keep == zoe_again && gone == zoe, "the older created_at stays");
	exec(db, "UPDATE person SET created_at = (SELECT created_at FROM person WHERE id = 1)");
	is_int(person_merge_order(db, zoe, zoe, &keep, &gone, &err), -1, "a person with itself: refused");
	is_int(person_merge_order(db, zoe, 9999, &keep, &gone, &err), -1, "an unknown id: refused");
	has_str(err.msg, "9999", "  naming it");
}

/* Zoë (kept) and her twin, with attendance at four sessions, log rows,
 * coach links, focus tags and notes. */
static void fill_twins(void)
{
	st_err err = { "" };

	check_in(s1, zoe, ATT_EXPECTED, NULL);
	check_in(s1, zoe_again, ATT_PRESENT, "09:05");
	check_in(s2, zoe_again, ATT_ABSENT, NULL);
	check_in(s3, zoe, ATT_PRESENT, "09:10");
	check_in(s3, zoe_again, ATT_PRESENT, "09:02");
	check_in(s4, zoe, ATT_EXCUSED, NULL);
	check_in(s4, zoe_again, ATT_ABSENT, NULL);
	if (coaching_link(db, zoe, school_x, &err) != 0 ||
	    coaching_link(db, zoe_again, school_x, &err) != 0 ||
	    coaching_link(db, zoe_again, school_y, &err) != 0) {
		printf("Bail out! coaching_link: %s\n", err.msg);
		exit(99);
	}
	set_email(zoe, "");
	set_email(zoe_again, "zoe@sjc.be");
	exec(db, "UPDATE person SET organisation_id = NULL WHERE id = 1");
	note_about(s1, zoe_again, "Zoë wil robotica", false);
	note_about(s1, zoe_again, "weg ermee", true);
	note_about(s2, zoe, "Zoë zelf", false);
}

static void test_merge(void)
{
	person_merge_impact imp;
	st_err err = { "" };
	long long log_rows = query_int(db, "SELECT count(*) FROM attendance_log"
				       " WHERE person_id IN (1, 2)");
	char sql[256];

	fill_twins();
	ok(person_merge_impact_of(db, zoe_again, zoe, &imp, &err) == 0, "impact: %s", err.msg);
	ok(imp.keep == zoe && imp.gone == zoe_again && imp.attendance == 4 && imp.combined == 3 &&
	   imp.notes == 2 && imp.coaching == 2 && imp.focus == 2,
	   "impact: keep %lld, gone %lld, 4 attendance rows (3 combined), 2 notes, 2 coach links,"
	   " 2 focus tags", imp.keep, imp.gone);
	log_rows = query_int(db, "SELECT count(*) FROM attendance_log WHERE person_id IN (1, 2)");

	memset(&imp, 0, sizeof imp);
	ok(person_merge(db, zoe_again, zoe, &imp, &err) == 0, "merge: %s", err.msg);
	is_int(imp.keep, zoe, "  keeps the older (by id at equal created_at), named second");
	is_int(query_int(db, "SELECT count(*) FROM person WHERE id = 2"), 0, "  the other is gone");
	is_str(query_text(db, "SELECT group_concat(s.code || '=' || a.status || '@' ||"
			  " coalesce(a.arrived_at, '-'), ' ') FROM (SELECT * FROM attendance"
			  " WHERE person_id = 1 ORDER BY session_id) a JOIN session s ON s.id = a.session_id"),
	       "IS1=present@09:05 IS2=absent@- IS3=present@09:02 IS4=excused@-",
	       "  attendance: every session kept; present > excused > absent > expected;"
	       " the earlier arrival");
	is_int(query_int(db, "SELECT count(*) FROM attendance WHERE person_id = 2"), 0,
	       "  no attendance row left behind");
	is_int(query_int(db, "SELECT count(*) FROM attendance_log WHERE person_id = 1"), log_rows,
	       "  every attendance log row kept");
	is_str(query_text(db, "SELECT group_concat(school_id, ',') FROM (SELECT school_id"
			  " FROM coaching WHERE coach_id = 1 ORDER BY 1)"),
	       query_text(db, "SELECT (SELECT id FROM organisation WHERE name = 'Basisschool X')"
			  " || ',' || (SELECT id FROM organisation WHERE name = 'Basisschool Y')"),
	       "  coach links joined, each once");
	is_str(query_text(db, "SELECT group_concat(focus, ',') FROM (SELECT focus FROM"
			  " person_focus WHERE person_id = 1 ORDER BY 1)"),
	       "programmeren,wetenschap", "  focus tags joined");
	is_int(query_int(db, "SELECT count(*) FROM note WHERE about_person_id = 1"), 3,
	       "  the notes about the other (also in the trash) are about the one kept");
	is_str(query_text(db, "SELECT email FROM person WHERE id = 1"), "zoe@sjc.be",
	       "  an empty e-mail is filled in");
	snprintf(sql, sizeof sql, "SELECT organisation_id = %lld FROM person WHERE id = 1",
		 org1_again);
	is_int(query_int(db, sql), 1, "  an empty organisation too");
	is_int(check_problems(), 0, "stemtui check finds nothing wrong after a merge");
	{
		st_person out[4];

		memset(out, 0, sizeof out);
		is_int(person_duplicates_of(db, zoe, out, 4, &err), 0, "no duplicate left");
	}
}

static void test_refused(void)
{
	static const char *const dump[] = {
		"SELECT * FROM person ORDER BY id", "SELECT * FROM attendance ORDER BY 1, 2",
		"SELECT * FROM note ORDER BY id",
	};
	char *before = dump_rows(db, dump, 3), *after;
	st_err err = { "" };

	is_int(person_merge(db, jan, jan, NULL, &err), -1, "merging a person with itself fails");
	is_int(person_merge(db, jan, 424242, NULL, &err), -1, "merging with an unknown id fails");
	after = dump_rows(db, dump, 3);
	is_str(after, before, "  and changes nothing");
	free(before);
	free(after);
	is_int(query_int(db, "SELECT count(*) FROM sync_redirect"), 0,
	       "outside a network a merge leaves no redirect (a freed id may come back)");
	if (syncid_join(db, "6f1c2a9e-2b7d-4c1e-9a51-0d6c1f2e3a4b", &err) != 0)
		diag("syncid_join: %s", err.msg);
	/* Joining gave everyone a random id: Jan stays by being older. */
	jan = query_int(db, "SELECT id FROM person WHERE first_name = 'Jan'");
	johan = query_int(db, "SELECT id FROM person WHERE first_name = 'Johan'");
	set_created(jan, "2001-01-01 00:00:00");
	ok(person_merge(db, johan, jan, NULL, &err) == 0, "an e-mail pair merges");
	ok(query_int(db, "SELECT count(*) FROM sync_redirect WHERE tbl = 'person'") == 1 &&
	   query_int(db, "SELECT into_id FROM sync_redirect WHERE tbl = 'person'") ==
	   query_int(db, "SELECT id FROM person WHERE first_name = 'Jan'"),
	   "  in a network, sync_redirect says where the other went");
	is_str(query_text(db, "SELECT email FROM person WHERE first_name = 'Jan'"),
	       "jan.janssens@school.be",
	       "  the kept person's own e-mail stays");
	ok(strstr(groups(), "email:") == NULL, "  and is no longer listed");
}

int main(void)
{
	fixture_locale();
	find_datadir();
	fixture_start("person_merge");
	db = open_db("merge.sqlite");
	add_people();
	test_groups();
	test_order();
	test_merge();
	test_refused();
	db_close(db);
	return tap_done();
}
