/* organisation.c: see organisation.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/coaching.h"
#include "core/db.h"
#include "core/i18n.h"
#include "core/organisation.h"
#include "core/people.h"
#include "core/rowids.h"
#include "core/text.h"

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* Looks the organisation up by kind (NULL: any, schools first) and folded
 * name; the oldest wins when people made near-duplicates by hand.  1
 * found, 0 not, -1 error. */
static int org_lookup(sqlite3 *db, const char *kind, const char *name,
		      long long *id, st_err *err)
{
	sqlite3_stmt *st;
	int rc;

	st = db_prepare(db, "SELECT id FROM organisation"
			    " WHERE (?1 IS NULL OR kind = ?1) AND name_key = st_fold(?2)"
			    " ORDER BY kind <> 'school', id LIMIT 1", err);
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
	return db_error(db, err);
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
	return rc == SQLITE_DONE ? 0 : db_error(db, err);
}

static int org_insert(sqlite3 *db, const char *kind, const char *name,
		      const char *street, const char *postcode, const char *city,
		      long long *id, st_err *err)
{
	sqlite3_stmt *st;
	char *key;
	long long new_id;
	int rc;

	if (rowid_new(db, "organisation", rowid_of_organisation(name, postcode), &new_id, err) != 0)
		return -1;
	key = text_fold(name);
	if (!key)
		return st_err_set(err, _("out of memory"));
	st = db_prepare(db, "INSERT INTO organisation"
			    " (id, kind, name, name_key, street, postcode, city)"
			    " VALUES (?7, ?1, ?2, ?3, ?4, ?5, ?6)", err);
	if (!st) {
		free(key);
		return -1;
	}
	rowid_bind(st, 7, new_id);
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
		return db_error(db, err);
	*id = sqlite3_last_insert_rowid(db);
	return 0;
}

int org_find(sqlite3 *db, const char *kind, const char *name, long long *id, st_err *err)
{
	return org_lookup(db, kind, name, id, err);
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

/* ---- reading ------------------------------------------------------------ */

void org_clear(st_organisation *o)
{
	char **field[] = {
		&o->kind, &o->name, &o->name_key, &o->network, &o->street, &o->postcode, &o->city,
	};
	size_t i;

	for (i = 0; i < sizeof field / sizeof field[0]; i++)
		free(*field[i]);
	memset(o, 0, sizeof *o);
}

#define ORG_COLUMNS \
	"o.id, o.kind, o.name, o.name_key, o.network, o.street, o.postcode, o.city," \
	" (SELECT count(*) FROM person p WHERE p.organisation_id = o.id)"

static void org_from_row(sqlite3_stmt *st, st_organisation *o)
{
	char **field[] = {
		&o->kind, &o->name, &o->name_key, &o->network, &o->street, &o->postcode, &o->city,
	};
	size_t i;

	o->id = sqlite3_column_int64(st, 0);
	for (i = 0; i < sizeof field / sizeof field[0]; i++)
		*field[i] = db_column_strdup(st, (int)i + 1);
	o->people = sqlite3_column_int(st, 8);
}

/* Reads up to n rows of ORG_COLUMNS into out; -1 on error. */
static int org_read(sqlite3 *db, sqlite3_stmt *st, st_organisation *out, int n, st_err *err)
{
	int got = 0, rc = SQLITE_DONE;

	while (got < n && (rc = sqlite3_step(st)) == SQLITE_ROW)
		org_from_row(st, &out[got++]);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_error(db, err);
		while (got > 0)
			org_clear(&out[--got]);
		return -1;
	}
	return got;
}

/* There are hundreds of organisations, not hundreds of thousands: one
 * statement per direction and anchor, with the filters as parameters
 * (?1 folded name part or NULL, ?2 kind or NULL, ?3/?4 the anchor's
 * name_key and id, ?5 the limit). */
#define ORG_PAGE(cond, order) "SELECT " ORG_COLUMNS " FROM organisation o" \
	" WHERE (?1 IS NULL OR instr(o.name_key, ?1) > 0) AND (?2 IS NULL OR o.kind = ?2)" \
	cond " ORDER BY " order " LIMIT ?5"
static const char *const org_page_sql[2][2] = {
	{ ORG_PAGE("", "o.name_key, o.id"),
	  ORG_PAGE(" AND (o.name_key, o.id) > (?3, ?4)", "o.name_key, o.id") },
	{ ORG_PAGE("", "o.name_key DESC, o.id DESC"),
	  ORG_PAGE(" AND (o.name_key, o.id) < (?3, ?4)", "o.name_key DESC, o.id DESC") },
};

int org_page(sqlite3 *db, const org_filter *f, const st_organisation *anchor,
	     bool backward, st_organisation *out, int n, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, org_page_sql[backward][anchor != NULL], err);
	int got;

	if (!st)
		return -1;
	if (f && f->name && *f->name)
		sqlite3_bind_text(st, 1, text_fold(f->name), -1, free);
	if (f)
		db_bind_text_or_null(st, 2, f->kind);
	if (anchor) {
		sqlite3_bind_text(st, 3, or_empty(anchor->name_key), -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, anchor->id);
	}
	sqlite3_bind_int(st, 5, n);
	got = org_read(db, st, out, n, err);
	sqlite3_finalize(st);
	/* Backward pages come nearest first; show them in display order. */
	if (backward && got > 0)
		db_reverse_rows(out, got, sizeof *out);
	return got;
}

int org_get(sqlite3 *db, long long id, st_organisation *out, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " ORG_COLUMNS " FROM organisation o"
				      " WHERE o.id = ?1", err);
	int got;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	got = org_read(db, st, out, 1, err);
	sqlite3_finalize(st);
	return got;
}

int org_search(sqlite3 *db, const char *text, st_organisation *out, int max, st_err *err)
{
	/* Best first: the whole name, then names that start with the text,
	 * then names that hold it; alphabetically within each. */
	sqlite3_stmt *st = db_prepare(db, "SELECT " ORG_COLUMNS " FROM organisation o"
				      " WHERE instr(o.name_key, ?1) > 0 ORDER BY"
				      " CASE WHEN o.name_key = ?1 THEN 0"
				      " WHEN substr(o.name_key, 1, length(?1)) = ?1 THEN 1 ELSE 2 END,"
				      " o.name_key, o.id LIMIT ?2", err);
	char *key = text_fold(or_empty(text));
	int got;

	if (!st || !key) {
		sqlite3_finalize(st);
		free(key);
		return st ? st_err_set(err, _("out of memory")) : -1;
	}
	sqlite3_bind_text(st, 1, text_trim(key), -1, free);
	sqlite3_bind_int(st, 2, max);
	got = org_read(db, st, out, max, err);
	sqlite3_finalize(st);
	return got;
}

/* ---- writing ------------------------------------------------------------ */

/* Another organisation of the same kind with this folded name: two
 * schools people cannot tell apart in a list. 1 yes, 0 no, -1 error. */
static int org_name_taken(sqlite3 *db, const st_organisation *o, const char *name,
			  st_err *err)
{
	long long other = 0;
	int found = org_lookup(db, o->kind, name, &other, err);

	if (found <= 0)
		return found;
	return other != o->id;
}

static int org_write(sqlite3 *db, st_organisation *o, const char *name, st_err *err)
{
	static const char insert_sql[] =
		"INSERT INTO organisation (id, kind, name, name_key, network, street, postcode, city)"
		" VALUES (?7, ?1, ?2, st_fold(?2), trim(?3), trim(?4), trim(?5), trim(?6))";
	static const char update_sql[] =
		"UPDATE organisation SET kind = ?1, name = ?2, name_key = st_fold(?2),"
		" network = trim(?3), street = trim(?4), postcode = trim(?5), city = trim(?6)"
		" WHERE id = ?7";
	sqlite3_stmt *st;
	long long new_id = 0;
	int rc;

	if (!o->id && rowid_new(db, "organisation", rowid_of_organisation(o->name, o->postcode),
				&new_id, err) != 0)
		return -1;
	st = db_prepare(db, o->id ? update_sql : insert_sql, err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, o->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, or_empty(o->network), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, or_empty(o->street), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, or_empty(o->postcode), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, or_empty(o->city), -1, SQLITE_STATIC);
	rowid_bind(st, 7, o->id ? o->id : new_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(db, err);
	if (o->id && sqlite3_changes(db) == 0)
		return st_err_set(err, _("there is no organisation with id %lld"), o->id);
	if (!o->id)
		o->id = sqlite3_last_insert_rowid(db);
	return 0;
}

/* Checks o and writes it; the caller holds the transaction. */
static int org_save_in_tx(sqlite3 *db, st_organisation *o, const char *name, st_err *err)
{
	int taken;

	if (!o->kind || (strcmp(o->kind, "school") != 0 && strcmp(o->kind, "partner") != 0))
		return st_err_set(err, _("unknown organisation kind \"%s\" (expected school or partner)"),
				  or_empty(o->kind));
	if (!*name)
		return st_err_set(err, _("an organisation needs a name"));
	taken = org_name_taken(db, o, name, err);
	if (taken < 0)
		return -1;
	if (taken)
		return st_err_set(err, _("there is already an organisation called \"%s\""), name);
	return org_write(db, o, name, err);
}

int org_save(sqlite3 *db, st_organisation *o, st_err *err)
{
	char *name = strdup(or_empty(o->name));
	int rc = -1;

	if (!name)
		return st_err_set(err, _("out of memory"));
	text_trim(name);
	if (db_begin(db, err) == 0) {
		rc = org_save_in_tx(db, o, name, err);
		if (rc == 0)
			rc = db_commit(db, err);
		else
			db_rollback(db);
	}
	free(name);
	return rc;
}

int org_delete_impact(sqlite3 *db, long long id, org_impact *out, st_err *err)
{
	int n[3] = { 0, 0, 0 };

	memset(out, 0, sizeof *out);
	if (db_row_ints(db, "SELECT"
			" (SELECT count(*) FROM person WHERE organisation_id = ?1),"
			" (SELECT count(*) FROM coaching WHERE school_id = ?1),"
			" (SELECT count(*) FROM session WHERE host_org_id = ?1)",
			&id, 1, n, 3, err) != 0)
		return -1;
	out->people = n[0];
	out->coaches = n[1];
	out->sessions_hosted = n[2];
	return 0;
}

int org_delete(sqlite3 *db, long long id, st_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (db_begin(db, err) != 0)
		return -1;
	/* The schema does the rest: people and notes lose the link, sessions
	 * their host (SET NULL), coach links go (CASCADE). */
	st = db_prepare(db, "DELETE FROM organisation WHERE id = ?1", err);
	if (!st) {
		db_rollback(db);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_error(db, err);
		db_rollback(db);
		return -1;
	}
	if (sqlite3_changes(db) == 0) {
		db_rollback(db);
		return st_err_set(err, _("there is no organisation with id %lld"), id);
	}
	return db_commit(db, err);
}

/* Declared in people.h with the rest of coaching; here because it reads
 * organisations. */
int coaching_schools(sqlite3 *db, long long coach_id, st_organisation *out, int max,
		     st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " ORG_COLUMNS " FROM organisation o"
				      " JOIN coaching c ON c.school_id = o.id WHERE c.coach_id = ?1"
				      " ORDER BY o.name_key, o.id LIMIT ?2", err);
	int got;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, coach_id);
	sqlite3_bind_int(st, 2, max);
	got = org_read(db, st, out, max, err);
	sqlite3_finalize(st);
	return got;
}
