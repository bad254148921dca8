/* person_merge.c: see person_merge.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/i18n.h"
#include "core/person_merge.h"
#include "core/sync_tables.h"

/* The key two people must share to look alike by name: the folded name
 * and the folded name of the organisation (char(10) cannot be in
 * either). */
#define NAME_ORG_KEY(p, o) \
	p ".first_last_key || char(10) || coalesce(" o ".name_key, '')"

/* The candidates: the people whose folded name is there twice (from the
 * index person_by_first_last, grouped without sorting) and those whose
 * e-mail address is (lower-cased; with an index on lower(email) this is
 * a range too), each with its group's key; then, per group, its size,
 * its first name in list order and whether all have one name key (an
 * e-mail group of people who already share a name group says nothing
 * new).  Groups of one (same name, another organisation) drop out. */
static const char groups_sql[] =
	"WITH names(k) AS (SELECT first_last_key FROM person"
	"  GROUP BY first_last_key HAVING count(*) > 1),"
	" emails(k) AS (SELECT lower(email) FROM person WHERE email <> ''"
	"  GROUP BY lower(email) HAVING count(*) > 1),"
	" cand AS ("
	"  SELECT 0 AS reason, " NAME_ORG_KEY("p", "o") " AS gkey, p.id, p.sort_key, p.created_at,"
	"   " NAME_ORG_KEY("p", "o") " AS nk"
	"  FROM names JOIN person p ON p.first_last_key = names.k"
	"  LEFT JOIN organisation o ON o.id = p.organisation_id"
	"  UNION ALL"
	"  SELECT 1, emails.k, p.id, p.sort_key, p.created_at, " NAME_ORG_KEY("p", "o")
	"  FROM emails JOIN person p ON lower(p.email) = emails.k AND p.email <> ''"
	"  LEFT JOIN organisation o ON o.id = p.organisation_id),"
	" grouped AS (SELECT *, count(*) OVER w AS n, min(sort_key) OVER w AS gsort,"
	"  min(nk) OVER w AS nk1, max(nk) OVER w AS nk2"
	"  FROM cand WINDOW w AS (PARTITION BY reason, gkey))"
	" SELECT g.reason, g.gkey, " PERSON_COLUMNS " FROM grouped g"
	" JOIN person p ON p.id = g.id LEFT JOIN organisation o ON o.id = p.organisation_id"
	" WHERE g.n > 1 AND (g.reason = 0 OR g.nk1 <> g.nk2)"
	" ORDER BY g.reason, g.gsort, g.gkey, g.created_at, g.id";

struct group_acc {
	person_dup_group g;
	int cap;
};

static void group_reset(struct group_acc *acc)
{
	int i;

	for (i = 0; i < acc->g.n; i++)
		person_clear(&acc->g.people[i]);
	acc->g.n = 0;
}

/* Adds the person of st's row (PERSON_COLUMNS from column 2) to the
 * group being read. */
static int group_add(struct group_acc *acc, sqlite3_stmt *st, st_err *err)
{
	if (acc->g.n == acc->cap) {
		int cap = acc->cap ? acc->cap * 2 : 8;
		st_person *more = realloc(acc->g.people, (size_t)cap * sizeof *more);

		if (!more)
			return st_err_set(err, "%s", _("out of memory"));
		acc->g.people = more;
		acc->cap = cap;
	}
	memset(&acc->g.people[acc->g.n], 0, sizeof acc->g.people[0]);
	person_from_row(st, 2, &acc->g.people[acc->g.n]);
	if (!acc->g.people[acc->g.n].first_name) {
		person_clear(&acc->g.people[acc->g.n]);
		return st_err_set(err, "%s", _("out of memory"));
	}
	acc->g.n++;
	return 0;
}

/* Hands the group read so far to each (when there is one) and empties it. */
static int group_flush(struct group_acc *acc,
		       int (*each)(void *ctx, const person_dup_group *g, st_err *err),
		       void *ctx, st_err *err)
{
	int rc = acc->g.n > 1 ? each(ctx, &acc->g, err) : 0;

	group_reset(acc);
	return rc;
}

int person_duplicate_groups(sqlite3 *db,
			    int (*each)(void *ctx, const person_dup_group *g, st_err *err),
			    void *ctx, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, groups_sql, err);
	struct group_acc acc = { { 0 }, 0 };
	char *key = NULL;
	int rc = 0, step = SQLITE_DONE, reason = -1;

	if (!st)
		return -1;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 1);

		if (reason != sqlite3_column_int(st, 0) || !key || strcmp(key, k ? k : "") != 0) {
			rc = group_flush(&acc, each, ctx, err);
			free(key);
			key = strdup(k ? k : "");
			reason = sqlite3_column_int(st, 0);
			acc.g.reason = reason ? DUP_EMAIL : DUP_NAME_ORG;
			if (!key && rc == 0)
				rc = st_err_set(err, "%s", _("out of memory"));
		}
		if (rc == 0)
			rc = group_add(&acc, st, err);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = db_error(db, err);
	if (rc == 0)
		rc = group_flush(&acc, each, ctx, err);
	group_reset(&acc);
	free(acc.g.people);
	free(key);
	sqlite3_finalize(st);
	return rc;
}

int person_duplicates_of(sqlite3 *db, long long id, st_person *out, int max, st_err *err)
{
	/* Two parts, so the name part is a lookup in its index whatever
	 * the e-mail part costs. */
	long long params[2] = { id, max };
	sqlite3_stmt *st = db_prepare_ints(db, "SELECT " PERSON_COLUMNS PERSON_FROM
		" WHERE p.id IN ("
		"  SELECT q.id FROM person me JOIN person q ON q.first_last_key = me.first_last_key"
		"  LEFT JOIN organisation mo ON mo.id = me.organisation_id"
		"  LEFT JOIN organisation qo ON qo.id = q.organisation_id"
		"  WHERE me.id = ?1 AND q.id <> ?1"
		"  AND coalesce(qo.name_key, '') = coalesce(mo.name_key, '')"
		"  UNION SELECT q.id FROM person me JOIN person q ON lower(q.email) = lower(me.email)"
		"  WHERE me.id = ?1 AND me.email <> '' AND q.email <> '' AND q.id <> ?1)"
		" ORDER BY p.created_at, p.id LIMIT ?2", params, 2, err);
	int n;

	if (!st)
		return -1;
	n = person_read_rows(db, st, out, max, err);
	sqlite3_finalize(st);
	return n;
}

int person_merge_order(sqlite3 *db, long long a, long long b, long long *keep,
		       long long *gone, st_err *err)
{
	long long ids[2] = { a, b }, found;

	if (a == b)
		return st_err_set(err, _("%lld and %lld are the same person"), a, b);
	if (db_query_int(db, "SELECT count(*) FROM person WHERE id = ?1", &a, 1, &found, err) != 0)
		return -1;
	if (!found)
		return st_err_set(err, _("there is no person with id %lld"), a);
	if (db_query_int(db, "SELECT count(*) FROM person WHERE id = ?1", &b, 1, &found, err) != 0)
		return -1;
	if (!found)
		return st_err_set(err, _("there is no person with id %lld"), b);
	if (db_query_int(db, "SELECT id FROM person WHERE id IN (?1, ?2)"
			 " ORDER BY created_at, id LIMIT 1", ids, 2, keep, err) != 0)
		return -1;
	*gone = *keep == a ? b : a;
	return 0;
}

int person_merge_impact_of(sqlite3 *db, long long a, long long b, person_merge_impact *out,
			   st_err *err)
{
	long long ids[2];
	int n[5];

	memset(out, 0, sizeof *out);
	if (person_merge_order(db, a, b, &out->keep, &out->gone, err) != 0)
		return -1;
	ids[0] = out->keep;
	ids[1] = out->gone;
	if (db_row_ints(db, "SELECT"
			" (SELECT count(*) FROM attendance WHERE person_id = ?2),"
			" (SELECT count(*) FROM attendance g JOIN attendance k"
			"  ON k.session_id = g.session_id AND k.person_id = ?1 WHERE g.person_id = ?2),"
			" (SELECT count(*) FROM note WHERE about_person_id = ?2),"
			" (SELECT count(*) FROM coaching WHERE coach_id = ?2),"
			" (SELECT count(*) FROM person_focus WHERE person_id = ?2)",
			ids, 2, n, 5, err) != 0)
		return -1;
	out->attendance = n[0];
	out->combined = n[1];
	out->notes = n[2];
	out->coaching = n[3];
	out->focus = n[4];
	return 0;
}

/* How informative an attendance status is: a merge keeps the higher. */
#define STATUS_RANK(s) \
	"(CASE " s " WHEN 'present' THEN 3 WHEN 'excused' THEN 2 WHEN 'absent' THEN 1 ELSE 0 END)"

/* The statements of a merge, ?1 the person kept, ?2 the one who goes, in
 * order: first the rows both have are combined, then the other rows move
 * (those left behind go with the person), and the person goes last. */
static const char *const merge_steps[] = {
	"UPDATE attendance AS k SET"
	" status = CASE WHEN " STATUS_RANK("g.status") " > " STATUS_RANK("k.status")
	"  THEN g.status ELSE k.status END,"
	" arrived_at = coalesce(min(k.arrived_at, g.arrived_at), k.arrived_at, g.arrived_at),"
	" walk_in = min(k.walk_in, g.walk_in),"
	" updated_at = max(k.updated_at, g.updated_at)"
	" FROM attendance AS g"
	" WHERE k.person_id = ?1 AND g.person_id = ?2 AND g.session_id = k.session_id",
	"UPDATE attendance SET person_id = ?1 WHERE person_id = ?2"
	" AND session_id NOT IN (SELECT session_id FROM attendance WHERE person_id = ?1)",
	"UPDATE attendance_log SET person_id = ?1 WHERE person_id = ?2",
	"INSERT OR IGNORE INTO coaching (coach_id, school_id)"
	" SELECT ?1, school_id FROM coaching WHERE coach_id = ?2",
	"INSERT OR IGNORE INTO person_focus (person_id, focus)"
	" SELECT ?1, focus FROM person_focus WHERE person_id = ?2",
	"UPDATE note SET about_person_id = ?1 WHERE about_person_id = ?2",
	"UPDATE person SET"
	" email = CASE WHEN email = '' THEN (SELECT email FROM person WHERE id = ?2) ELSE email END,"
	" organisation_id = coalesce(organisation_id,"
	"  (SELECT organisation_id FROM person WHERE id = ?2))"
	" WHERE id = ?1",
	"DELETE FROM person WHERE id = ?2",
};

/* In a network, what another laptop wrote about the one who went follows
 * to the one kept when it comes in (sync_follow.c).  Only there: outside
 * one, ids are not random, and a new person may get the freed id. */
static int record_for_sync(sqlite3 *db, long long gone, long long keep, st_err *err)
{
	long long in_network;

	if (db_query_int(db, "SELECT count(*) FROM sync_self WHERE network_id IS NOT NULL",
			 NULL, 0, &in_network, err) != 0)
		return -1;
	return in_network ? sync_record_merge(db, "person", gone, keep, err) : 0;
}

int person_merge(sqlite3 *db, long long a, long long b, person_merge_impact *out, st_err *err)
{
	person_merge_impact imp;
	long long ids[2];
	size_t i;

	if (db_begin(db, err) != 0)
		return -1;
	/* Worked out inside the transaction: what is counted is what moves. */
	if (person_merge_impact_of(db, a, b, &imp, err) != 0) {
		db_rollback(db);
		return -1;
	}
	ids[0] = imp.keep;
	ids[1] = imp.gone;
	for (i = 0; i < sizeof merge_steps / sizeof merge_steps[0]; i++) {
		if (db_exec_ints(db, merge_steps[i], ids, 2, err) != 0) {
			db_rollback(db);
			return -1;
		}
	}
	if (record_for_sync(db, imp.gone, imp.keep, err) != 0) {
		db_rollback(db);
		return -1;
	}
	if (db_commit(db, err) != 0)
		return -1;
	if (out)
		*out = imp;
	return 0;
}
