/* people_import.c: see people_import.h.
 *
 * Like the programme import, two steps: pim_parse reads and checks the
 * whole file into memory, and pim_write stores it inside one transaction.
 * A bad file is refused before the database is even locked; a database
 * error halfway rolls everything back. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/db.h"
#include "core/i18n.h"
#include "core/organisation.h"
#include "core/people.h"
#include "core/people_import.h"
#include "core/text.h"

enum pim_col { COL_FIRST, COL_LAST, COL_ROLE, COL_ORG, COL_EMAIL, COL_FOCUS, COL_COUNT };

/* Column names, English and Dutch, as they are after pim_column_key. */
static const struct pim_name {
	const char *name;
	enum pim_col col;
} pim_names[] = {
	{ "first_name", COL_FIRST }, { "voornaam", COL_FIRST },
	{ "last_name", COL_LAST }, { "achternaam", COL_LAST },
	{ "role", COL_ROLE }, { "rol", COL_ROLE },
	{ "organisation", COL_ORG }, { "organization", COL_ORG }, { "organisatie", COL_ORG },
	{ "email", COL_EMAIL }, { "e-mail", COL_EMAIL },
	{ "focus", COL_FOCUS },
};
/* The role of a row that gives none, when roles.ini lacks it. */
static char pim_other[] = "andere";

/* Column names are the file format, the same in every language, so the
 * list holds no words to translate: English names, then the Dutch. */
static const char pim_name_list[] =
	"first_name, last_name, role, organisation, email, focus; "
	"voornaam, achternaam, rol, organisatie, e-mail, focus";

struct pim_row {
	int line;
	char *value[COL_COUNT];  /* trimmed; "" for a column the file lacks */
	char *role;              /* the role key (owned by the roles) */
};

struct pim_file {
	const char *path;
	int ncols;               /* columns in the header */
	int col[COL_COUNT];      /* header position of each column, or -1 */
	char *heading[COL_COUNT];/* the header's text for it, for messages */
	struct pim_row *row;
	int n, cap;
};

/* Sets err to "FILE:LINE: reason". */
__attribute__((format(printf, 4, 5)))
static int pim_error(st_err *err, const char *path, int line, const char *fmt, ...)
{
	char reason[ST_ERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	return st_err_set(err, "%s:%d: %s", path, line, reason);
}

static void pim_free(struct pim_file *f)
{
	int i, c;

	for (i = 0; i < f->n; i++)
		for (c = 0; c < COL_COUNT; c++)
			free(f->row[i].value[c]);
	for (c = 0; c < COL_COUNT; c++)
		free(f->heading[c]);
	free(f->row);
	memset(f, 0, sizeof *f);
}

static char *trimmed_copy(const char *s)
{
	char *copy = strdup(s);

	return copy ? text_trim(copy) : NULL;
}

/* A heading as it is looked up: folded, trimmed, spaces as underscores
 * ("First name" -> "first_name"). */
static char *pim_column_key(const char *heading)
{
	char *key = text_fold(heading), *p;

	if (!key)
		return NULL;
	text_trim(key);
	for (p = key; *p; p++)
		if (*p == ' ')
			*p = '_';
	return key;
}

/* The column a heading names; -1 if none, -2 out of memory. */
static int pim_column_of(const char *heading)
{
	char *key = pim_column_key(heading);
	size_t i;
	int col = -1;

	if (!key)
		return -2;
	for (i = 0; i < sizeof pim_names / sizeof pim_names[0] && col < 0; i++)
		if (strcmp(key, pim_names[i].name) == 0)
			col = (int)pim_names[i].col;
	free(key);
	return col;
}

static int pim_header_cell(struct pim_file *f, int line, int pos, const char *text,
			   st_err *err)
{
	char *heading = trimmed_copy(text);
	int col = pim_column_of(text);

	if (!heading || col == -2) {
		free(heading);
		return st_err_set(err, _("out of memory"));
	}
	/* An unnamed column is what a spreadsheet leaves after the last one;
	 * it may stay as long as it stays empty (see pim_check_unnamed). */
	if (col == -1 && !*heading) {
		free(heading);
		return 0;
	}
	if (col == -1) {
		pim_error(err, f->path, line, _("unknown column \"%s\" (expected %s)"), heading,
			  pim_name_list);
	} else if (f->col[col] >= 0 && strcmp(f->heading[col], heading) == 0) {
		pim_error(err, f->path, line, _("column \"%s\" appears twice"), heading);
	} else if (f->col[col] >= 0) {
		pim_error(err, f->path, line, _("columns \"%s\" and \"%s\" are the same"),
			  f->heading[col], heading);
	} else {
		f->col[col] = pos;
		f->heading[col] = heading;
		return 0;
	}
	free(heading);
	return -1;
}

static int pim_header(struct pim_file *f, char **fields, int n, int line, st_err *err)
{
	int i;

	f->ncols = n;
	for (i = 0; i < n; i++)
		if (pim_header_cell(f, line, i, fields[i], err) != 0)
			return -1;
	if (f->col[COL_FIRST] < 0)
		return pim_error(err, f->path, line, _("the header has no column %s (or %s)"),
				 "first_name", "voornaam");
	if (f->col[COL_LAST] < 0)
		return pim_error(err, f->path, line, _("the header has no column %s (or %s)"),
				 "last_name", "achternaam");
	return 0;
}

/* A value under a heading that is empty would be lost: refuse it. */
static int pim_check_unnamed(const struct pim_file *f, char **fields, int line, st_err *err)
{
	bool named;
	int i, c;

	for (i = 0; i < f->ncols; i++) {
		for (named = false, c = 0; c < COL_COUNT; c++)
			named = named || f->col[c] == i;
		if (!named && *fields[i])
			return pim_error(err, f->path, line,
					 _("a value in column %d, which has no name in the header"),
					 i + 1);
	}
	return 0;
}

static void pim_role_list(const st_roles *roles, char *buf, size_t n)
{
	size_t len;
	int i;

	buf[0] = '\0';
	for (i = 0; i < roles->n; i++) {
		len = strlen(buf);
		snprintf(buf + len, n - len, "%s%s", i ? ", " : "", roles->role[i].key);
	}
}

/* Checks the row's values; sets row->role. */
static int pim_check_row(const struct pim_file *f, struct pim_row *row, const st_roles *roles,
			 st_err *err)
{
	const char *role = row->value[COL_ROLE], *email = row->value[COL_EMAIL];
	char list[ST_ERR_MAX / 2];
	int i;

	if (!*row->value[COL_FIRST])
		return pim_error(err, f->path, row->line, _("%s is empty"), f->heading[COL_FIRST]);
	if (!*row->value[COL_LAST])
		return pim_error(err, f->path, row->line, _("%s is empty"), f->heading[COL_LAST]);
	if (*email && !strchr(email, '@'))
		return pim_error(err, f->path, row->line, _("e-mail address \"%s\" has no @"),
				 email);
	/* An empty role is "other": a sign-up form often does not ask. */
	i = roles_find(roles, *role ? role : "andere");
	if (i < 0 && !*role) {
		row->role = pim_other;
		return 0;
	}
	if (i < 0) {
		pim_role_list(roles, list, sizeof list);
		return pim_error(err, f->path, row->line,
				 _("unknown role \"%s\" (expected one of: %s)"), role, list);
	}
	row->role = roles->role[i].key;
	return 0;
}

static struct pim_row *pim_add_row(struct pim_file *f, st_err *err)
{
	struct pim_row *grown;

	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 64;
		grown = realloc(f->row, (size_t)f->cap * sizeof *grown);
		if (!grown) {
			st_err_set(err, _("out of memory"));
			return NULL;
		}
		f->row = grown;
	}
	memset(&f->row[f->n], 0, sizeof f->row[0]);
	return &f->row[f->n++];
}

static int pim_row(struct pim_file *f, char **fields, int n, int line, const st_roles *roles,
		   st_err *err)
{
	struct pim_row *row;
	int c;

	if (n != f->ncols)
		return pim_error(err, f->path, line,
				 _("wrong number of fields (%d; the header has %d)"), n, f->ncols);
	if (pim_check_unnamed(f, fields, line, err) != 0)
		return -1;
	row = pim_add_row(f, err);
	if (!row)
		return -1;
	row->line = line;
	for (c = 0; c < COL_COUNT; c++) {
		row->value[c] = trimmed_copy(f->col[c] >= 0 ? fields[f->col[c]] : "");
		if (!row->value[c])
			return st_err_set(err, _("out of memory"));
	}
	return pim_check_row(f, row, roles, err);
}

/* Reads and checks the whole file.  Call pim_free afterwards either way. */
static int pim_parse(const char *path, const st_roles *roles, struct pim_file *f,
		     st_err *err)
{
	csv_reader *r;
	char **fields;
	int n, rc, c;

	memset(f, 0, sizeof *f);
	f->path = path;
	for (c = 0; c < COL_COUNT; c++)
		f->col[c] = -1;
	r = csv_open(path, err);
	if (!r)
		return -1;
	rc = csv_next(r, &fields, &n, err);
	if (rc == 0)
		rc = pim_error(err, path, 1, _("the file is empty (expected a header row: %s)"),
			       pim_name_list);
	else if (rc > 0)
		rc = pim_header(f, fields, n, csv_line(r), err);
	while (rc == 0 && (rc = csv_next(r, &fields, &n, err)) > 0)
		rc = pim_row(f, fields, n, csv_line(r), roles, err);
	csv_close(r);
	return rc;
}

/* ---- writing ------------------------------------------------------------ */

static int pim_sql_error(sqlite3 *db, st_err *err)
{
	return db_error(db, err);
}

/* The person this row names: same folded name and same organisation (or
 * both none).  Sets *id, 0 when there is none yet. */
static int pim_find_person(sqlite3 *db, const struct pim_row *row, long long org_id,
			   long long *id, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM person WHERE name_key ="
				      " st_fold(?1) || ' ' || st_fold(?2) AND organisation_id IS ?3"
				      " ORDER BY id LIMIT 1", err);
	int rc;

	*id = 0;
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, row->value[COL_FIRST], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, row->value[COL_LAST], -1, SQLITE_STATIC);
	if (org_id)
		sqlite3_bind_int64(st, 3, org_id);
	else
		sqlite3_bind_null(st, 3);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : pim_sql_error(db, err);
}

/* Registers the person as expected, leaving anyone already registered
 * (maybe present by now) as they are.  Not in the undo log: undo is for
 * changes made at the door.  Counts a new registration in stats. */
static int pim_expect(sqlite3 *db, long long session_id, long long person_id,
		      people_import_stats *stats, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "INSERT INTO attendance (session_id, person_id, status,"
				      " updated_at) VALUES (?1, ?2, 'expected',"
				      " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
				      " ON CONFLICT (session_id, person_id) DO NOTHING", err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, session_id);
	sqlite3_bind_int64(st, 2, person_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return pim_sql_error(db, err);
	stats->expected += sqlite3_changes(db);
	return 0;
}

static int pim_create_person(sqlite3 *db, const struct pim_row *row, long long org_id,
			     long long *id, st_err *err)
{
	st_person p;

	memset(&p, 0, sizeof p);
	/* person_save_in_tx only reads the strings. */
	p.first_name = row->value[COL_FIRST];
	p.last_name = row->value[COL_LAST];
	p.role = row->role;
	p.organisation_id = org_id;
	p.email = row->value[COL_EMAIL];
	p.focus = row->value[COL_FOCUS];
	if (person_save_in_tx(db, &p, err) != 0)
		return -1;
	*id = p.id;
	return 0;
}

/* Adds "FILE:LINE: message" and a line break to stats->warnings. */
__attribute__((format(printf, 4, 5)))
static void pim_warn(people_import_stats *stats, const char *path, int line, const char *fmt, ...)
{
	char msg[ST_ERR_MAX];
	size_t len = stats->warnings ? strlen(stats->warnings) : 0, n;
	char *grown;
	va_list ap;
	int used = snprintf(msg, sizeof msg, "%s:%d: ", path, line);

	va_start(ap, fmt);
	vsnprintf(msg + used, sizeof msg - (size_t)used, fmt, ap);
	va_end(ap);
	n = strlen(msg);
	grown = realloc(stats->warnings, len + n + 2);
	if (!grown)
		return;
	memcpy(grown + len, msg, n);
	memcpy(grown + len + n, "\n", 2);
	stats->warnings = grown;
}

/* People of the row's folded name, anywhere: how many (up to
 * PIM_NAMESAKES_MAX + 1), the first one's id and organisation, and
 * "First Last (id, Organisation), ..." of them for messages. */
#define PIM_NAMESAKES_MAX 5
struct pim_namesakes {
	int n;
	long long first_id;
	char first_org[256];
	char list[ST_ERR_MAX / 2];
};

static int pim_find_namesakes(sqlite3 *db, const struct pim_row *row, struct pim_namesakes *ns,
			      st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT p.id, coalesce(o.name, '') FROM person p"
				      " LEFT JOIN organisation o ON o.id = p.organisation_id"
				      " WHERE p.name_key = st_fold(?1) || ' ' || st_fold(?2)"
				      " ORDER BY p.id LIMIT ?3", err);
	size_t len;
	int rc;

	memset(ns, 0, sizeof *ns);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, row->value[COL_FIRST], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, row->value[COL_LAST], -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, PIM_NAMESAKES_MAX + 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *org = (const char *)sqlite3_column_text(st, 1);

		if (ns->n == 0) {
			ns->first_id = sqlite3_column_int64(st, 0);
			snprintf(ns->first_org, sizeof ns->first_org, "%s", org);
		}
		len = strlen(ns->list);
		snprintf(ns->list + len, sizeof ns->list - len, "%s%lld%s%s", ns->n ? ", " : "",
			 (long long)sqlite3_column_int64(st, 0), *org ? " " : "", org);
		ns->n++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : pim_sql_error(db, err);
}

/* A row that matches nobody by name and organisation: reuses the one
 * namesake when the row's organisation cannot tell (none, or one not
 * known yet), leaves the row out when several namesakes leave it
 * ambiguous, else adds the person.  Sets *person_id, 0 when left out. */
static int pim_person_for(sqlite3 *db, const char *path, const struct pim_row *row,
			  long long org_id, long long *person_id, people_import_stats *stats,
			  st_err *err)
{
	const char *org = row->value[COL_ORG];
	struct pim_namesakes ns;

	*person_id = 0;
	if (pim_find_namesakes(db, row, &ns, err) != 0)
		return -1;
	if (!org_id && ns.n == 1) {
		if (*org)
			pim_warn(stats, path, row->line,
				 _("%s %s is taken as the one already known (id %lld, %s);"
				   " the organisation \"%s\" was not added"),
				 row->value[COL_FIRST], row->value[COL_LAST], ns.first_id,
				 *ns.first_org ? ns.first_org : _("no organisation"), org);
		*person_id = ns.first_id;
		stats->existing++;
		return 0;
	}
	if (!org_id && ns.n > 1) {
		pim_warn(stats, path, row->line,
			 _("%s %s: several people have this name (ids %s) and the row does not"
			   " say which: left out (give the organisation, or check them in by id)"),
			 row->value[COL_FIRST], row->value[COL_LAST], ns.list);
		stats->left_out++;
		return 0;
	}
	if (ns.n > 0)
		pim_warn(stats, path, row->line,
			 _("%s %s is added as a new person of %s; someone of that name is known"
			   " elsewhere (ids %s)"), row->value[COL_FIRST], row->value[COL_LAST],
			 org, ns.list);
	if (*org && !org_id &&
	    org_find_or_create(db, "school", org, "", "", "", &org_id, err) != 0)
		return -1;
	if (pim_create_person(db, row, org_id, person_id, err) != 0)
		return -1;
	stats->created++;
	return 0;
}

static int pim_write_row(sqlite3 *db, const char *path, const struct pim_row *row,
			 long long session_id, people_import_stats *stats, st_err *err)
{
	long long org_id = 0, person_id = 0;
	int known = 0;

	/* An organisation the database does not know yet is only added with
	 * a new person: a school spelled otherwise must not make a duplicate. */
	if (*row->value[COL_ORG] &&
	    (known = org_find(db, "school", row->value[COL_ORG], &org_id, err)) < 0)
		return -1;
	if ((known || !*row->value[COL_ORG]) &&
	    pim_find_person(db, row, org_id, &person_id, err) != 0)
		return -1;
	if (person_id)
		stats->existing++;
	else if (pim_person_for(db, path, row, org_id, &person_id, stats, err) != 0)
		return -1;
	return session_id && person_id ? pim_expect(db, session_id, person_id, stats, err) : 0;
}

static int pim_check_session(sqlite3 *db, long long session_id, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM session WHERE id = ?1", err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, session_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return st_err_set(err, _("there is no session with id %lld"), session_id);
	return rc == SQLITE_ROW ? 0 : pim_sql_error(db, err);
}

/* Stores a checked file; the caller holds the transaction. */
static int pim_write(sqlite3 *db, const struct pim_file *f, long long session_id,
		     people_import_stats *stats, st_err *err)
{
	char reason[ST_ERR_MAX];
	int i;

	if (session_id && pim_check_session(db, session_id, err) != 0)
		return -1;
	for (i = 0; i < f->n; i++) {
		if (pim_write_row(db, f->path, &f->row[i], session_id, stats, err) != 0) {
			/* Say which row the database refused. */
			snprintf(reason, sizeof reason, "%s", err ? err->msg : "");
			return pim_error(err, f->path, f->row[i].line, "%s", reason);
		}
		stats->rows++;
	}
	return 0;
}

int people_import_csv(sqlite3 *db, const char *path, const st_roles *roles,
		      long long expected_session, people_import_stats *stats, st_err *err)
{
	people_import_stats counted = { 0, 0, 0, 0, 0, NULL };
	struct pim_file f;
	int rc;

	if (stats)
		*stats = counted;
	rc = pim_parse(path, roles, &f, err);
	if (rc == 0)
		rc = db_begin(db, err);
	if (rc == 0) {
		rc = pim_write(db, &f, expected_session, &counted, err);
		if (rc == 0)
			rc = db_commit(db, err);
		else
			db_rollback(db);
	}
	pim_free(&f);
	if (rc == 0 && stats)
		*stats = counted;
	else
		free(counted.warnings);
	return rc;
}
