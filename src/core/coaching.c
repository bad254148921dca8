/* coaching.c: see coaching.h (coaching_schools is organisation.c). */
#include "config.h"

#include "core/coaching.h"
#include "core/db.h"
#include "core/links.h"
#include "core/people.h"

/* Runs one write (with ?1 coach, ?2 school) in its own transaction. */
static int coaching_write(sqlite3 *db, const char *sql, long long coach_id,
			  long long school_id, st_err *err)
{
	const long long ids[2] = { coach_id, school_id };

	if (db_begin(db, err) != 0)
		return -1;
	if (db_exec_ints(db, sql, ids, 2, err) != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

/* Says which of the two does not exist (links_check), so a link is not
 * refused with SQLite's bare "FOREIGN KEY constraint failed". */
static int coaching_check(sqlite3 *db, long long coach_id, long long school_id, st_err *err)
{
	const st_link links[2] = { { LINK_PERSON, coach_id }, { LINK_ORGANISATION, school_id } };

	return links_check(db, links, 2, err);
}

int coaching_link(sqlite3 *db, long long coach_id, long long school_id, st_err *err)
{
	if (coaching_check(db, coach_id, school_id, err) != 0)
		return -1;
	return coaching_write(db, "INSERT OR IGNORE INTO coaching (coach_id, school_id)"
			      " VALUES (?1, ?2)", coach_id, school_id, err);
}

int coaching_unlink(sqlite3 *db, long long coach_id, long long school_id, st_err *err)
{
	return coaching_write(db, "DELETE FROM coaching WHERE coach_id = ?1 AND school_id = ?2",
			      coach_id, school_id, err);
}

int coaching_coaches(sqlite3 *db, long long school_id, st_person *out, int max,
		     st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " PERSON_COLUMNS PERSON_FROM
				      " JOIN coaching c ON c.coach_id = p.id WHERE c.school_id = ?1"
				      " ORDER BY p.sort_key, p.id LIMIT ?2", err);
	int got;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int(st, 2, max);
	got = person_read_rows(db, st, out, max, err);
	sqlite3_finalize(st);
	return got;
}
