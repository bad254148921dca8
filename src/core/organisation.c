/* organisation.c: see organisation.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/i18n.h"
#include "core/organisation.h"
#include "core/text.h"

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

static int org_sql_error(sqlite3 *db, st_err *err)
{
	return st_err_set(err, _("database error: %s"), sqlite3_errmsg(db));
}

/* Looks the organisation up by kind and folded name; the oldest wins when
 * people made near-duplicates by hand.  1 found, 0 not, -1 error. */
static int org_lookup(sqlite3 *db, const char *kind, const char *name,
		      long long *id, st_err *err)
{
	sqlite3_stmt *st;
	int rc;

	st = db_prepare(db, "SELECT id FROM organisation"
			    " WHERE kind = ?1 AND name_key = st_fold(?2)"
			    " ORDER BY id LIMIT 1", err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return org_sql_error(db, err);
}

/* Fills in each address field the row has empty and the caller knows.
 * Fields already set are never overwritten: a person may have corrected
 * them, and a programme file is not the authority on a school's address.
 * The WHERE clause skips the write when there is nothing to fill, so a
 * repeated import does not touch the row. */
static int org_fill_address(sqlite3 *db, long long id, const char *street,
			    const char *postcode, const char *city, st_err *err)
{
	sqlite3_stmt *st;
	int rc;

	st = db_prepare(db, "UPDATE organisation SET"
			    " street = CASE WHEN street = '' THEN ?2 ELSE street END,"
			    " postcode = CASE WHEN postcode = '' THEN ?3 ELSE postcode END,"
			    " city = CASE WHEN city = '' THEN ?4 ELSE city END"
			    " WHERE id = ?1 AND ((street = '' AND ?2 <> '')"
			    " OR (postcode = '' AND ?3 <> '') OR (city = '' AND ?4 <> ''))",
			err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, street, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, postcode, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, city, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : org_sql_error(db, err);
}

static int org_insert(sqlite3 *db, const char *kind, const char *name,
		      const char *street, const char *postcode, const char *city,
		      long long *id, st_err *err)
{
	sqlite3_stmt *st;
	char *key = text_fold(name);
	int rc;

	if (!key)
		return st_err_set(err, _("out of memory"));
	st = db_prepare(db, "INSERT INTO organisation"
			    " (kind, name, name_key, street, postcode, city)"
			    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
	if (!st) {
		free(key);
		return -1;
	}
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, street, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, postcode, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, city, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	free(key);
	if (rc != SQLITE_DONE)
		return org_sql_error(db, err);
	*id = sqlite3_last_insert_rowid(db);
	return 0;
}

int org_find_or_create(sqlite3 *db, const char *kind, const char *name,
		       const char *street, const char *postcode, const char *city,
		       long long *id, st_err *err)
{
	int found;

	if (!kind || (strcmp(kind, "school") != 0 && strcmp(kind, "partner") != 0))
		return st_err_set(err, _("unknown organisation kind \"%s\" (expected school or partner)"),
				  or_empty(kind));
	if (!name || !*name)
		return st_err_set(err, _("an organisation needs a name"));
	street = or_empty(street);
	postcode = or_empty(postcode);
	city = or_empty(city);
	found = org_lookup(db, kind, name, id, err);
	if (found < 0)
		return -1;
	if (found)
		return org_fill_address(db, *id, street, postcode, city, err);
	return org_insert(db, kind, name, street, postcode, city, id, err);
}
