/* test_sync_clash.c: two laptops give one unique value to two rows
 * (sync_clash.h): a factor's code (one laptop renames a factor to the
 * code the other gives a new one), a factor's GUID, a session's code.
 * Every laptop ends with the same content whatever order it heard of
 * the rows in, the factor with the smaller id keeps the code and the
 * other gets CODE~TAG, the tags of both stay, each laptop records a
 * decision; a row that gave way takes its code back once it is free;
 * two factors with one GUID become one; the decisions can be merged or
 * dismissed (TAP). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codebook.h"
#include "core/db.h"
#include "core/notes.h"
#include "core/sync_clash.h"
#include "core/sync_status.h"
#include "core/tags.h"
#include "fixture.h"
#include "sync_fixture.h"
#include "../tap.h"

static sqlite3 *lap[LAPTOPS];
static const char *folder;

/* Three laptops of test name that joined through their folder. */
static void start(const char *name)
{
	folder = shared_folder(test_name("%s-shared", name));
	laptops_new(lap, name);
	laptops_sync(lap, folder, "012", 0);
}

/* The laptops sync in order (a string of laptop numbers, "0120"). */
static bool sync_in(const char *order)
{
	return laptops_sync(lap, folder, order, 0);
}

static long long id_of(sqlite3 *db, const char *sql, const char *arg)
{
	const char *s = query_text_with(db, sql, arg);

	return strtoll(s, NULL, 10);
}

/* A new top-level factor code on db; its id. */
static long long new_factor(sqlite3 *db, const char *code, const char *guid)
{
	st_factor f;
	st_err err = { "" };

	memset(&f, 0, sizeof f);
	f.code = (char *)code;
	f.name = (char *)code;
	f.guid = (char *)guid;
	must(factor_save(db, &f, &err), "factor_save", &err);
	clock_tick(1000);
	return f.id;
}

/* Factor id of db gets code code. */
static void recode(sqlite3 *db, long long id, const char *code)
{
	st_factor f;
	st_err err = { "" };

	memset(&f, 0, sizeof f);
	if (factor_get(db, id, &f, &err) != 1)
		must(-1, "factor_get", &err);
	free(f.code);
	f.code = strdup(code);
	must(factor_save(db, &f, &err), "factor_save", &err);
	factor_clear(&f);
	clock_tick(1000);
}

/* A note at COP 07 on db tagged with factor; the note's id. */
static long long tagged_note(sqlite3 *db, long long factor, const char *body)
{
	st_note n;
	st_err err = { "" };

	memset(&n, 0, sizeof n);
	n.session_id = id_of(db, "SELECT id FROM session WHERE code = ?1", "COP 07");
	n.kind = "observation";
	n.body = (char *)body;
	n.group_label = "";
	n.author = "";
	must(note_add(db, &n, &err), "note_add", &err);
	must(tag_set(db, n.id, factor, 1, "", &err), "tag_set", &err);
	clock_tick(1000);
	return n.id;
}

static long long count_with(sqlite3 *db, const char *sql, long long id)
{
	char arg[32];

	snprintf(arg, sizeof arg, "%lld", id);
	return id_of(db, sql, arg);
}

#define CODE_OF "SELECT code FROM factor WHERE id = ?1"
#define TAGS_ON "SELECT count(*) FROM tag WHERE factor_id = ?1"
#define CODE_DECISIONS "SELECT count(*) FROM sync_decision WHERE tbl = 'factor' AND what GLOB 'code*'"

/* Anna renames a factor to XY1 while Bert adds a new factor XY1; each
 * tags a note with theirs.  Carla hears of both in one sync; Anna and
 * Bert each of the other's afterwards. */
static void test_code_clash(const char *order)
{
	char name[32], yielded[64], small_s[32], large_s[32];
	long long a, b, small, large;
	int l;

	snprintf(name, sizeof name, "code-%s", order);
	start(name);
	a = id_of(lap[0], "SELECT id FROM factor WHERE code = ?1", "TM3");
	recode(lap[0], a, "XY1");
	b = new_factor(lap[1], "XY1", NULL);
	tagged_note(lap[0], a, "Anna tagt haar factor");
	tagged_note(lap[1], b, "Bert tagt de zijne");
	ok(a != b, "%s: two factors XY1 with two ids", order);
	ok(sync_in(order), "%s: the laptops sync in this order", order);
	ok(laptops_alike(lap), "%s: every laptop holds the same", order);
	small = a < b ? a : b;
	large = a < b ? b : a;
	sync_clash_yield("XY1", large, yielded, sizeof yielded);
	snprintf(small_s, sizeof small_s, "%lld", small);
	snprintf(large_s, sizeof large_s, "%lld", large);
	for (l = 0; l < LAPTOPS; l++) {
		is_str(query_text_with(lap[l], CODE_OF, small_s), "XY1", test_name("%s, %s: the smaller id keeps XY1", order, laptop_who[l]));
		is_str(query_text_with(lap[l], CODE_OF, large_s), yielded, test_name("%s, %s: the other is XY1~ and its tag", order, laptop_who[l]));
		ok(count_with(lap[l], TAGS_ON, a) == 1 && count_with(lap[l], TAGS_ON, b) == 1,
		   "%s, %s: the tags on both factors are kept", order, laptop_who[l]);
		is_int(query_int(lap[l], CODE_DECISIONS), 1, test_name("%s, %s: a decision is recorded",
		       order, laptop_who[l]));
	}
	laptops_close(lap);
}

/* Once the factor that kept XY1 lets it go, the one that gave way
 * takes it back, on every laptop, and its decision goes. */
static void test_code_taken_back(void)
{
	char arg[32], yielded[64];
	long long a, b, keeper, other;

	start("back");
	a = id_of(lap[0], "SELECT id FROM factor WHERE code = ?1", "TM3");
	recode(lap[0], a, "XY1");
	b = new_factor(lap[1], "XY1", NULL);
	ok(sync_in("01201"), "back: the laptops sync");
	keeper = a < b ? a : b;
	other = a < b ? b : a;
	sync_clash_yield("XY1", other, yielded, sizeof yielded);
	snprintf(arg, sizeof arg, "%lld", other);
	is_str(query_text_with(lap[2], CODE_OF, arg), yielded, "back: one factor gave way");
	/* Carla renames the keeper; nobody else has synced since. */
	recode(lap[2], keeper, "XY9");
	ok(sync_in("2"), "back: Carla syncs her rename");
	is_str(query_text_with(lap[2], CODE_OF, arg), "XY1",
	       "back: on Carla's laptop, the factor that gave way takes XY1 back at her sync");
	is_int(query_int(lap[2], CODE_DECISIONS), 0, "back: and its decision goes");
	ok(sync_in("01"), "back: Anna and Bert sync");
	is_str(query_text_with(lap[0], CODE_OF, arg), "XY1", "back: on Anna's laptop too");
	ok(laptops_alike(lap), "back: every laptop holds the same");
	laptops_close(lap);
}

/* Two factors of one GUID (one codebook imported twice) become one: the
 * larger id goes into the smaller, with its tags. */
static void test_guid_clash(void)
{
	static const char guid[] = "3f0e7d5a-1b2c-4d3e-8f40-5a6b7c8d9e01";
	long long a, b, keeper, gone;
	int l;

	start("guid");
	a = new_factor(lap[0], "G1", guid);
	b = new_factor(lap[1], "G2", guid);
	tagged_note(lap[0], a, "Anna tagt G1");
	tagged_note(lap[1], b, "Bert tagt G2");
	ok(sync_in("01201"), "guid: the laptops sync");
	ok(laptops_alike(lap), "guid: every laptop holds the same");
	keeper = a < b ? a : b;
	gone = a < b ? b : a;
	for (l = 0; l < LAPTOPS; l++) {
		is_int(count_with(lap[l], "SELECT count(*) FROM factor WHERE id = ?1", gone), 0, test_name("guid, %s: the factor with the larger id is merged away", laptop_who[l]));
		is_int(count_with(lap[l], TAGS_ON, keeper), 2, test_name("guid, %s: both tags are on the one that stays", laptop_who[l]));
		is_int(query_int(lap[l], "SELECT count(*) FROM sync_decision WHERE what GLOB 'guid*'"),
		       1, test_name("guid, %s: a decision says so", laptop_who[l]));
	}
	laptops_close(lap);
}

/* The decisions, through the core as the network screen acts on them:
 * one merged (the merge travels), one dismissed. */
static void test_decide(void)
{
	sync_decision_entry e[4];
	char text[512];
	st_err err = { "" };
	int n, i, xy1 = 0;

	start("decide");
	recode(lap[0], id_of(lap[0], "SELECT id FROM factor WHERE code = ?1", "TM3"), "XY1");
	recode(lap[0], id_of(lap[0], "SELECT id FROM factor WHERE code = ?1", "TM2"), "XY2");
	new_factor(lap[1], "XY1", NULL);
	new_factor(lap[1], "XY2", NULL);
	ok(sync_in("101"), "decide: Bert, Anna, Bert sync");
	n = sync_decision_page(lap[0], NULL, false, e, 4, &err);
	is_int(n, 2, "decide: two decisions wait on Anna's laptop");
	for (i = 0; i < n; i++) {
		ok(sync_decision_describe(&e[i], text, sizeof text), "decide: a sentence for each");
		ok(strncmp(text, "Two factors had code XY", 23) == 0, "decide: it names the code: %s",
		   text);
		ok(sync_decision_can_merge(&e[i]), "decide: a factor's code can be merged");
		if (strstr(text, "code XY1"))
			xy1 = i;
	}
	must(sync_decision_merge(lap[0], e[xy1].id, &err), "sync_decision_merge", &err);
	is_int(query_int(lap[0], "SELECT count(*) FROM factor WHERE code GLOB 'XY1*'"), 1,
	       "decide: merging leaves one factor XY1");
	must(sync_decision_dismiss(lap[0], e[1 - xy1].id, &err), "sync_decision_dismiss", &err);
	is_int(query_int(lap[0], "SELECT count(*) FROM factor WHERE code GLOB 'XY2*'"), 2,
	       "decide: dismissing keeps both factors XY2");
	is_int(query_int(lap[0], "SELECT count(*) FROM sync_decision"), 0,
	       "decide: no decision waits on Anna's laptop");
	ok(sync_decision_merge(lap[0], e[xy1].id, &err) < 0, "decide: a decision taken is gone");
	for (i = 0; i < n; i++)
		sync_decision_entry_clear(&e[i]);
	ok(sync_in("012"), "decide: everyone syncs");
	is_int(query_int(lap[1], "SELECT count(*) FROM factor WHERE code GLOB 'XY1*'"), 1,
	       "decide: the merge travels to Bert");
	is_int(query_int(lap[1], CODE_DECISIONS), 1,
	       "decide: where the factor merged away is gone, its decision goes");
	ok(laptops_alike(lap), "decide: every laptop holds the same");
	laptops_close(lap);
}

/* Two sessions of one programme given one code. */
static void test_session_clash(void)
{
	int l;

	start("session");
	/* Anna and Bert give two sessions the code COP 99, as another
	 * program would, in a transaction that is recorded for sync. */
	for (l = 0; l < 2; l++) {
		st_err err = { "" };
		const char *code = l ? "COP 02" : "COP 01";
		char sql[200];

		must(db_begin(lap[l], &err), "db_begin", &err);
		snprintf(sql, sizeof sql, "UPDATE session SET code = 'COP 99',"
			 " code_key = st_natural_key('COP 99') WHERE code = '%s'", code);
		exec(lap[l], sql);
		must(db_commit(lap[l], &err), "db_commit", &err);
		clock_tick(1000);
	}
	ok(sync_in("01201"), "session: the laptops sync");
	ok(laptops_alike(lap), "session: every laptop holds the same");
	for (l = 0; l < LAPTOPS; l++) {
		is_int(query_int(lap[l], "SELECT count(*) FROM session WHERE code GLOB 'COP 99*'"
				 " AND code_key = st_natural_key(code)"), 2, test_name("session, %s: both sessions are there, each with its sort key", laptop_who[l]));
		is_int(query_int(lap[l], "SELECT count(*) FROM sync_decision WHERE what GLOB"
				 " 'session*'"), 1, test_name("session, %s: a decision is recorded", laptop_who[l]));
	}
	laptops_close(lap);
}

int main(void)
{
	fixture_start("test_sync_clash");
	find_datadir();
	clock_install();
	test_code_clash("01201");
	test_code_clash("10210");
	test_code_clash("21012");
	test_code_taken_back();
	test_guid_clash();
	test_decide();
	test_session_clash();
	return tap_done();
}
