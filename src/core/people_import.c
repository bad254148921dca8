/* people_import.c: see people_import.h.
 *
 * Three steps: pim_parse (signup_list.c) reads and checks the whole file
 * into memory; staging works out what each row means against the
 * database, only reading it (a long list takes seconds, and a check-in at the door must
 * not wait for it); pim_store stores all of it in one short transaction.
 * A bad file is refused before the database is even read; a database
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
#include "core/people_import_file.h"
#include "core/rowids.h"
#include "core/text.h"

/* ---- staging -------------------------------------------------------------- */

/* What the file asks is worked out row by row against the database as it
 * was when the import began plus what the rows before decided, held in
 * temporary tables of this connection (pim_org, pim_person, pim_focus,
 * pim_expect, with the ids the new rows will get), while only reading the
 * database: another program (a check-in at the door) writes meanwhile.
 * Then one short transaction stores it all, when no person or
 * organisation changed in between (roster_version); else the work is
 * done again, and the last time while holding the lock throughout. */
#define PIM_ATTEMPTS 3

static const char pim_stage_schema[] =
	"DROP TABLE IF EXISTS temp.pim_org;"
	"DROP TABLE IF EXISTS temp.pim_person;"
	"DROP TABLE IF EXISTS temp.pim_focus;"
	"DROP TABLE IF EXISTS temp.pim_expect;"
	"CREATE TEMP TABLE pim_org (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	"  name_key TEXT NOT NULL);"
	"CREATE INDEX temp.pim_org_by_key ON pim_org(name_key);"
	"CREATE TEMP TABLE pim_person (id INTEGER PRIMARY KEY, first_name TEXT NOT NULL,"
	"  last_name TEXT NOT NULL, name_key TEXT NOT NULL, sort_key TEXT NOT NULL,"
	"  role TEXT NOT NULL, organisation_id INTEGER, email TEXT NOT NULL, line INTEGER NOT NULL);"
	"CREATE INDEX temp.pim_person_by_key ON pim_person(name_key, organisation_id);"
	"CREATE TEMP TABLE pim_focus (person_id INTEGER NOT NULL, focus TEXT NOT NULL,"
	"  PRIMARY KEY (person_id, focus)) WITHOUT ROWID;"
	"CREATE TEMP TABLE pim_expect (person_id INTEGER PRIMARY KEY);";

static const char pim_drop_schema[] =
	"DROP TABLE IF EXISTS temp.pim_org;"
	"DROP TABLE IF EXISTS temp.pim_person;"
	"DROP TABLE IF EXISTS temp.pim_focus;"
	"DROP TABLE IF EXISTS temp.pim_expect;";

/* The statements of staging, prepared once per attempt.  Names are
 * matched as the database does (person.name_key is st_fold(first) || ' '
 * || st_fold(last)); the rows of the database come before those staged,
 * as their ids are lower, so "the oldest" is found first as before. */
enum pim_stmt {
	ST_ORG_FIND, ST_ORG_ADD, ST_PERSON_FIND, ST_NAMESAKES, ST_PERSON_ADD, ST_FOCUS_ADD,
	ST_EXPECT_ADD, ST_COUNT
};

static const char *const pim_sql[ST_COUNT] = {
	[ST_ORG_FIND] =
	"SELECT id FROM main.organisation WHERE kind = 'school' AND name_key = st_fold(?1)"
	" UNION ALL SELECT id FROM temp.pim_org WHERE name_key = st_fold(?1)"
	" ORDER BY 1 LIMIT 1",
	[ST_ORG_ADD] =
	"INSERT INTO temp.pim_org (id, name, name_key) VALUES (?1, ?2, st_fold(?2))",
	[ST_PERSON_FIND] =
	"SELECT id FROM main.person WHERE name_key = st_fold(?1) || ' ' || st_fold(?2)"
	" AND organisation_id IS ?3"
	" UNION ALL SELECT id FROM temp.pim_person WHERE name_key = st_fold(?1) || ' ' || st_fold(?2)"
	" AND organisation_id IS ?3 ORDER BY 1 LIMIT 1",
	[ST_NAMESAKES] =
	"SELECT p.id, coalesce((SELECT name FROM main.organisation WHERE id = p.organisation_id),"
	" (SELECT name FROM temp.pim_org WHERE id = p.organisation_id), '')"
	" FROM (SELECT id, organisation_id FROM main.person"
	"  WHERE name_key = st_fold(?1) || ' ' || st_fold(?2)"
	"  UNION ALL SELECT id, organisation_id FROM temp.pim_person"
	"  WHERE name_key = st_fold(?1) || ' ' || st_fold(?2)) p ORDER BY p.id LIMIT ?3",
	[ST_PERSON_ADD] =
	"INSERT INTO temp.pim_person (id, first_name, last_name, name_key, sort_key, role,"
	" organisation_id, email, line) VALUES (?1, ?2, ?3, st_fold(?2) || ' ' || st_fold(?3), ?4,"
	" ?5, ?6, ?7, ?8)",
	[ST_FOCUS_ADD] =
	"INSERT OR IGNORE INTO temp.pim_focus (person_id, focus) VALUES (?1, ?2)",
	[ST_EXPECT_ADD] =
	"INSERT OR IGNORE INTO temp.pim_expect (person_id) VALUES (?1)",
};

struct pim_stage {
	sqlite3 *db;
	const char *path;
	sqlite3_stmt *st[ST_COUNT];
	bool network;                      /* in a network of laptops (rowids.h) */
	long long next_person, next_org;   /* the ids new rows get (in no network) */
	int roster;                        /* roster_version when it began */
	people_import_stats *stats;
	const st_progress *progress;       /* or NULL */
	long long rows, shown;             /* rows of the file; progress reported */
};

static void pim_finalize(struct pim_stage *s)
{
	int i;

	for (i = 0; i < ST_COUNT; i++) {
		sqlite3_finalize(s->st[i]);
		s->st[i] = NULL;
	}
}

/* Makes the temporary tables (empty) and prepares the statements; reads
 * where the ids of new rows start and the roster's version. */
static int pim_stage_open(struct pim_stage *s, st_err *err)
{
	int v[3], i;

	if (sqlite3_exec(s->db, pim_stage_schema, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(s->db, err);
	if (rowid_in_network(s->db, &s->network, err) != 0)
		return -1;
	for (i = 0; i < ST_COUNT; i++)
		if (!(s->st[i] = db_prepare(s->db, pim_sql[i], err)))
			return -1;
	if (db_row_ints(s->db, "SELECT (SELECT n FROM roster_version),"
			" (SELECT coalesce(max(id), 0) FROM person),"
			" (SELECT coalesce(max(id), 0) FROM organisation)", NULL, 0, v, 3, err) != 0)
		return -1;
	s->roster = v[0];
	s->next_person = (long long)v[1] + 1;
	s->next_org = (long long)v[2] + 1;
	return 0;
}

/* The id a new row of table will get: in a network a random one no row
 * has (rowids.h; the staged tables' keys refuse one staged twice), else
 * the next of the database's own numbering, *next (without asking
 * rowid_new, which looks up the network each time: a tenth of a long
 * import).  content: rowid_new's content_id.  The roster's version tells
 * at storing that no row got it meanwhile. */
static int pim_new_id(struct pim_stage *s, const char *table, long long content, long long *next,
		      long long *id, st_err *err)
{
	*id = 0;
	if (s->network && rowid_new(s->db, table, content, id, err) != 0)
		return -1;
	if (!*id)
		*id = (*next)++;
	return 0;
}

/* Runs st (bound) to its end; for a query, *id gets the first column of
 * its first row (0 when none).  0, or -1 with err set. */
static int pim_run(struct pim_stage *s, sqlite3_stmt *st, long long *id, st_err *err)
{
	int rc = sqlite3_step(st);

	if (id)
		*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(s->db, err);
}

static void pim_bind_names(sqlite3_stmt *st, const struct pim_row *row)
{
	sqlite3_bind_text(st, 1, row->value[COL_FIRST], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, row->value[COL_LAST], -1, SQLITE_STATIC);
}

/* The school called name (folded), known or staged; *id 0 when none. */
static int pim_find_org(struct pim_stage *s, const char *name, long long *id, st_err *err)
{
	sqlite3_bind_text(s->st[ST_ORG_FIND], 1, name, -1, SQLITE_STATIC);
	return pim_run(s, s->st[ST_ORG_FIND], id, err);
}

/* A new school, staged with the id it will get. */
static int pim_add_org(struct pim_stage *s, const char *name, long long *id, st_err *err)
{
	if (pim_new_id(s, "organisation", rowid_of_organisation(name, ""), &s->next_org, id,
		       err) != 0)
		return -1;
	sqlite3_bind_int64(s->st[ST_ORG_ADD], 1, *id);
	sqlite3_bind_text(s->st[ST_ORG_ADD], 2, name, -1, SQLITE_STATIC);
	return pim_run(s, s->st[ST_ORG_ADD], NULL, err);
}

/* The person this row names: same folded name and same organisation (or
 * both none).  Sets *id, 0 when there is none yet. */
static int pim_find_person(struct pim_stage *s, const struct pim_row *row, long long org_id,
			   long long *id, st_err *err)
{
	sqlite3_stmt *st = s->st[ST_PERSON_FIND];

	pim_bind_names(st, row);
	if (org_id)
		sqlite3_bind_int64(st, 3, org_id);
	else
		sqlite3_bind_null(st, 3);
	return pim_run(s, st, id, err);
}

/* Registers the person as expected (stored later, leaving anyone already
 * registered, maybe present by now, as they are; not in the undo log:
 * undo is for changes made at the door). */
static int pim_expect(struct pim_stage *s, long long person_id, st_err *err)
{
	sqlite3_bind_int64(s->st[ST_EXPECT_ADD], 1, person_id);
	return pim_run(s, s->st[ST_EXPECT_ADD], NULL, err);
}

struct pim_focus_of {
	struct pim_stage *s;
	long long person_id;
};

static int pim_add_focus(void *ctx, const char *tag, st_err *err)
{
	struct pim_focus_of *f = ctx;
	sqlite3_stmt *st = f->s->st[ST_FOCUS_ADD];

	sqlite3_bind_int64(st, 1, f->person_id);
	sqlite3_bind_text(st, 2, tag, -1, SQLITE_STATIC);
	return pim_run(f->s, st, NULL, err);
}

/* A new person, staged with the id they will get: as person_save would
 * store them. */
static int pim_create_person(struct pim_stage *s, const struct pim_row *row, long long org_id,
			     long long *id, st_err *err)
{
	sqlite3_stmt *st = s->st[ST_PERSON_ADD];
	char *sort_key = person_sort_key(row->value[COL_FIRST], row->value[COL_LAST]);
	struct pim_focus_of focus = { s, 0 };
	int rc;

	if (!sort_key)
		return st_err_set(err, _("out of memory"));
	if (pim_new_id(s, "person", 0, &s->next_person, id, err) != 0) {
		free(sort_key);
		return -1;
	}
	focus.person_id = *id;
	sqlite3_bind_int64(st, 1, *id);
	sqlite3_bind_text(st, 2, row->value[COL_FIRST], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, row->value[COL_LAST], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, sort_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, row->role, -1, SQLITE_STATIC);
	if (org_id)
		sqlite3_bind_int64(st, 6, org_id);
	sqlite3_bind_text(st, 7, row->value[COL_EMAIL], -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 8, row->line);
	rc = pim_run(s, st, NULL, err);
	free(sort_key);
	if (rc == 0)
		rc = person_focus_split(row->value[COL_FOCUS], pim_add_focus, &focus, err);
	return rc;
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
 * PIM_NAMESAKES_MAX + 1; -1 when not looked up yet), the first one's id
 * and organisation, and "First Last (id, Organisation), ..." of them for
 * messages. */
#define PIM_NAMESAKES_MAX 5
struct pim_namesakes {
	int n;
	long long first_id;
	char first_org[256];
	char list[ST_ERR_MAX / 2];
};

static int pim_find_namesakes(struct pim_stage *s, const struct pim_row *row,
			      struct pim_namesakes *ns, st_err *err)
{
	sqlite3_stmt *st = s->st[ST_NAMESAKES];
	size_t len;
	int rc;

	memset(ns, 0, sizeof *ns);
	pim_bind_names(st, row);
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
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : db_error(s->db, err);
}

/* A row that matches nobody by name and organisation: reuses the one
 * namesake when the row's organisation cannot tell (none, or one not
 * known yet), leaves the row out when several namesakes leave it
 * ambiguous, else adds the person.  ns: the row's namesakes, looked up
 * here when ns->n < 0.  Sets *person_id, 0 when left out. */
static int pim_person_for(struct pim_stage *s, const struct pim_row *row, long long org_id,
			  struct pim_namesakes *ns, long long *person_id, st_err *err)
{
	people_import_stats *stats = s->stats;
	const char *org = row->value[COL_ORG], *path = s->path;

	*person_id = 0;
	if (ns->n < 0 && pim_find_namesakes(s, row, ns, err) != 0)
		return -1;
	if (!org_id && ns->n == 1) {
		if (*org)
			pim_warn(stats, path, row->line,
				 _("%s %s is taken as the one already known (id %lld, %s);"
				   " the organisation \"%s\" was not added"),
				 row->value[COL_FIRST], row->value[COL_LAST], ns->first_id,
				 *ns->first_org ? ns->first_org : _("no organisation"), org);
		*person_id = ns->first_id;
		stats->existing++;
		return 0;
	}
	if (!org_id && ns->n > 1) {
		pim_warn(stats, path, row->line,
			 _("%s %s: several people have this name (ids %s) and the row does not"
			   " say which: left out (give the organisation, or check them in by id)"),
			 row->value[COL_FIRST], row->value[COL_LAST], ns->list);
		stats->left_out++;
		return 0;
	}
	if (ns->n > 0)
		pim_warn(stats, path, row->line,
			 _("%s %s is added as a new person of %s; someone of that name is known"
			   " elsewhere (ids %s)"), row->value[COL_FIRST], row->value[COL_LAST],
			 org, ns->list);
	if (*org && !org_id && pim_add_org(s, org, &org_id, err) != 0)
		return -1;
	if (pim_create_person(s, row, org_id, person_id, err) != 0)
		return -1;
	stats->created++;
	return 0;
}

/* Stages row; ns: its namesakes, if pim_row_waits looked them up. */
static int pim_stage_row(struct pim_stage *s, const struct pim_row *row, long long org_id,
			 struct pim_namesakes *ns, bool expect, st_err *err)
{
	long long person_id = 0;

	if ((org_id || !*row->value[COL_ORG]) &&
	    pim_find_person(s, row, org_id, &person_id, err) != 0)
		return -1;
	if (person_id)
		s->stats->existing++;
	else if (pim_person_for(s, row, org_id, ns, &person_id, err) != 0)
		return -1;
	return expect && person_id ? pim_expect(s, person_id, err) : 0;
}

/* Staging runs in three passes so that the outcome does not depend on the
 * order of the rows (and importing the file again changes nothing): a row
 * whose organisation is not known yet is matched to a namesake only once
 * every row that adds an organisation has been staged.
 *   PASS_PLAIN: rows of a known or no organisation, and rows without a
 *               namesake (which add their organisation);
 *   PASS_ADDED: rows whose organisation another row has added;
 *   PASS_REST:  the rest, whose organisation no row adds. */
enum pim_pass { PASS_PLAIN, PASS_ADDED, PASS_REST, PASS_COUNT };

/* Whether row waits for a later pass; *org_id is its organisation so far
 * (0 when none or not known); ns its namesakes when they were looked up
 * to tell (else ns->n is -1), which staging the row reuses. */
static int pim_row_waits(struct pim_stage *s, const struct pim_row *row, enum pim_pass pass,
			 long long *org_id, struct pim_namesakes *ns, bool *waits, st_err *err)
{
	*org_id = 0;
	*waits = false;
	ns->n = -1;
	/* An organisation the database does not know yet is only added with
	 * a new person: a school spelled otherwise must not make a duplicate. */
	if (!*row->value[COL_ORG] || pass == PASS_REST)
		return *row->value[COL_ORG] ? pim_find_org(s, row->value[COL_ORG], org_id, err) : 0;
	if (pim_find_org(s, row->value[COL_ORG], org_id, err) != 0)
		return -1;
	if (*org_id)
		return 0;
	if (pass == PASS_ADDED) {
		*waits = true;
		return 0;
	}
	if (pim_find_namesakes(s, row, ns, err) != 0)
		return -1;
	*waits = ns->n > 0;
	return 0;
}

static int pim_check_session(sqlite3 *db, long long session_id, st_err *err)
{
	int found = 0;

	if (db_row_ints(db, "SELECT EXISTS (SELECT 1 FROM session WHERE id = ?1)", &session_id, 1,
			&found, 1, err) != 0)
		return -1;
	return found ? 0 : st_err_set(err, _("there is no session with id %lld"), session_id);
}

/* Reports how far the import has got: a row counts half when staged and
 * half when stored (storing takes about as long as staging), so done runs
 * from 0 to the rows of the file; every hundredth at most.  An attempt
 * again after a change stages the rows again: the count waits meanwhile. */
static void pim_report(struct pim_stage *s, long long staged, long long stored)
{
	long long done = (staged + stored) / 2;

	if (!s->progress || !s->progress->report || done <= s->shown ||
	    (done < s->rows && (done - s->shown) * 100 < s->rows))
		return;
	s->shown = done;
	s->progress->report(s->progress->ctx, done, s->rows);
}

/* One pass of staging over the rows not staged yet. */
static int pim_stage_pass(struct pim_stage *s, const struct pim_file *f, enum pim_pass pass,
			  long long session_id, st_err *err)
{
	char reason[ST_ERR_MAX];
	struct pim_namesakes ns;
	long long org_id;
	bool waits;
	int i;

	for (i = 0; i < f->n; i++) {
		struct pim_row *row = &f->row[i];

		if (row->staged)
			continue;
		if (pim_row_waits(s, row, pass, &org_id, &ns, &waits, err) != 0 ||
		    (!waits && pim_stage_row(s, row, org_id, &ns, session_id != 0, err) != 0)) {
			/* Say which row the database refused. */
			snprintf(reason, sizeof reason, "%s", err ? err->msg : "");
			return pim_error(err, f->path, row->line, "%s", reason);
		}
		if (!waits) {
			row->staged = true;
			s->stats->rows++;
			pim_report(s, s->stats->rows, 0);
		}
	}
	return 0;
}

/* Stages every row of a checked file. */
static int pim_stage_all(struct pim_stage *s, const struct pim_file *f, long long session_id,
			 st_err *err)
{
	enum pim_pass pass;
	int i;

	if (session_id && pim_check_session(s->db, session_id, err) != 0)
		return -1;
	if (pim_stage_open(s, err) != 0)
		return -1;
	for (i = 0; i < f->n; i++)
		f->row[i].staged = false;   /* an attempt after a change starts over */
	for (pass = PASS_PLAIN; pass < PASS_COUNT; pass++)
		if (pim_stage_pass(s, f, pass, session_id, err) != 0)
			return -1;
	return 0;
}

/* ---- storing ------------------------------------------------------------ */

/* With the name keys as the trigger person_name_insert makes them (staged
 * name_key, and the other two here), so that it leaves the new row alone
 * (schema 21) instead of writing it and three indexes again. */
#define PIM_PERSON_INSERT \
	"INSERT INTO person (id, first_name, last_name, sort_key, role, organisation_id, email," \
	" created_at, name_key, first_last_key, last_first_key)" \
	" SELECT id, first_name, last_name, sort_key, role, organisation_id, email," \
	" strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), name_key," \
	" st_fold_name(first_name) || st_fold_name(last_name)," \
	" st_fold_name(last_name) || st_fold_name(first_name) FROM temp.pim_person"

/* The line of the first staged person after id `after` the database
 * refuses, one by one (after all of them at once failed): 0 when none is. */
static int pim_refused_line(struct pim_stage *s, long long after)
{
	sqlite3_stmt *staged = db_prepare_ints(s->db, "SELECT id, line FROM temp.pim_person"
					       " WHERE id > ?1 ORDER BY id", &after, 1, NULL);
	sqlite3_stmt *st = staged ? db_prepare(s->db, PIM_PERSON_INSERT " WHERE id = ?1", NULL) : NULL;
	int line = 0;

	while (st && !line && sqlite3_step(staged) == SQLITE_ROW) {
		sqlite3_bind_int64(st, 1, sqlite3_column_int64(staged, 0));
		if (sqlite3_step(st) != SQLITE_DONE)
			line = sqlite3_column_int(staged, 1);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(staged);
	return line;
}

/* People are stored PIM_STORE_CHUNK at a time: a statement each would
 * cost the name index a flush each (ten times slower), one for all would
 * show no progress for half the import. */
#define PIM_STORE_CHUNK 1000

/* Stores the staged people of ids after *after, up to PIM_STORE_CHUNK of
 * them, in one statement; *after becomes the last id stored, *stored
 * grows by how many; 0 stored when none are left.  -1 with err set. */
static int pim_store_chunk(struct pim_stage *s, sqlite3_stmt *bound, sqlite3_stmt *insert,
			   long long *after, int *stored)
{
	long long upto;
	bool none;
	int rc;

	sqlite3_bind_int64(bound, 1, *after);
	sqlite3_bind_int(bound, 2, PIM_STORE_CHUNK);
	rc = sqlite3_step(bound);
	none = rc != SQLITE_ROW || sqlite3_column_type(bound, 0) == SQLITE_NULL;
	upto = none ? 0 : sqlite3_column_int64(bound, 0);
	sqlite3_reset(bound);
	if (none)
		return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
	sqlite3_bind_int64(insert, 1, *after);
	sqlite3_bind_int64(insert, 2, upto);
	rc = sqlite3_step(insert);
	sqlite3_reset(insert);
	if (rc != SQLITE_DONE)
		return -1;
	*stored += sqlite3_changes(s->db);
	*after = upto;
	return 0;
}

/* Stores the people staged, in chunks of PIM_STORE_CHUNK, in the order of
 * their ids, reporting progress; a person the database refuses (a
 * trigger of someone's) is then found by its line. */
static int pim_store_people(struct pim_stage *s, st_err *err)
{
	sqlite3_stmt *bound = db_prepare(s->db, "SELECT max(id) FROM (SELECT id FROM"
					 " temp.pim_person WHERE id > ?1 ORDER BY id LIMIT ?2)", err);
	sqlite3_stmt *insert = bound ? db_prepare(s->db, PIM_PERSON_INSERT
						  " WHERE id > ?1 AND id <= ?2 ORDER BY id", err)
				     : NULL;
	char reason[ST_ERR_MAX];
	long long after = -1;
	int stored = 0, before, rc = insert ? 0 : -1, line;

	while (rc == 0) {
		before = stored;
		rc = pim_store_chunk(s, bound, insert, &after, &stored);
		if (rc != 0 || stored == before)
			break;
		pim_report(s, s->rows, s->stats->created ? stored * s->rows / s->stats->created : 0);
	}
	sqlite3_finalize(bound);
	sqlite3_finalize(insert);
	if (rc == 0 || !insert)
		return rc;
	db_error(s->db, err);
	snprintf(reason, sizeof reason, "%s", err ? err->msg : "");
	line = pim_refused_line(s, after);
	if (!line)
		return st_err_set(err, "%s", reason);
	return pim_error(err, s->path, line, "%s", reason);
}

/* Stores what was staged, inside the caller's write transaction, with
 * the ids staged: a few statements over the temporary tables. */
static int pim_store(struct pim_stage *s, long long session_id, st_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_exec(s->db, "INSERT INTO organisation (id, kind, name, name_key, street,"
			 " postcode, city) SELECT id, 'school', name, name_key, '', '', ''"
			 " FROM temp.pim_org ORDER BY id", NULL, NULL, NULL) != SQLITE_OK)
		return db_error(s->db, err);
	if (pim_store_people(s, err) != 0)
		return -1;
	if (sqlite3_exec(s->db, "INSERT OR IGNORE INTO person_focus (person_id, focus)"
			 " SELECT person_id, focus FROM temp.pim_focus", NULL, NULL, NULL) != SQLITE_OK)
		return db_error(s->db, err);
	if (!session_id)
		return 0;
	if (pim_check_session(s->db, session_id, err) != 0)
		return -1;
	st = db_prepare(s->db, "INSERT INTO attendance (session_id, person_id, status, updated_at)"
			" SELECT ?1, person_id, 'expected', strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
			" FROM temp.pim_expect WHERE true"
			" ON CONFLICT (session_id, person_id) DO NOTHING", err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, session_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(s->db, err);
	s->stats->expected = sqlite3_changes(s->db);
	return 0;
}

/* True when no person or organisation changed since s began: what it
 * staged still holds (and the ids it gave are still free). */
static int pim_still_current(struct pim_stage *s, bool *current, st_err *err)
{
	int n;

	if (db_row_ints(s->db, "SELECT n FROM roster_version", NULL, 0, &n, 1, err) != 0)
		return -1;
	*current = n == s->roster;
	return 0;
}

/* One attempt: stage, then store in one transaction.  locked: holding the
 * write lock throughout (the last attempt); else only to store.  1 when
 * the roster changed meanwhile (nothing stored: try again), 0 stored,
 * -1 error. */
static int pim_attempt(struct pim_stage *s, const struct pim_file *f, long long session_id,
		       bool locked, st_err *err)
{
	bool current = true;
	int rc;

	/* BEGIN (deferred) reads one snapshot of the database throughout and
	 * writes only the temporary tables: it takes no write lock. */
	if (locked ? db_begin(s->db, err) != 0
		   : sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return locked ? -1 : db_error(s->db, err);
	rc = pim_stage_all(s, f, session_id, err);
	pim_finalize(s);
	if (rc == 0 && !locked) {
		rc = db_commit(s->db, err);
		if (rc == 0)
			rc = db_begin(s->db, err);
		if (rc == 0)
			rc = pim_still_current(s, &current, err);
	}
	if (rc == 0 && current)
		rc = pim_store(s, session_id, err);
	if (rc != 0 || !current) {
		db_rollback(s->db);
		return rc != 0 ? -1 : 1;
	}
	return db_commit(s->db, err);
}

int people_import_csv(sqlite3 *db, const char *path, const st_roles *roles,
		      long long expected_session, people_import_stats *stats, st_err *err)
{
	return people_import_csv_as(db, path, CSV_UTF8, roles, expected_session, stats, err);
}

int people_import_csv_as(sqlite3 *db, const char *path, enum csv_encoding encoding,
			 const st_roles *roles, long long expected_session,
			 people_import_stats *stats, st_err *err)
{
	return people_import_csv_progress(db, path, encoding, roles, expected_session, NULL, stats,
					  err);
}

/* The attempts, each on a fresh count. */
static int pim_attempts(struct pim_stage *s, struct pim_file *f, long long expected_session,
			people_import_stats *counted, st_err *err)
{
	int rc = 0, attempt;

	for (attempt = 0; attempt < PIM_ATTEMPTS; attempt++) {
		free(counted->warnings);
		*counted = (people_import_stats){ 0, 0, 0, 0, 0, NULL };
		if (f->guessed_line)
			pim_warn(counted, s->path, f->guessed_line,
				 _("the file is not UTF-8: it was read as Windows-1252, as Excel saves"
				   " \"CSV (gescheiden door lijstscheidingsteken)\"; check the"
				   " accents (--encoding says which it is)"));
		rc = pim_attempt(s, f, expected_session, attempt == PIM_ATTEMPTS - 1, err);
		if (rc <= 0)
			break;
		rc = 0;   /* someone changed the roster meanwhile: again */
	}
	return rc;
}

/* While importing, a larger page cache (SQLite's default is 2 MiB): the
 * name indexes of a network's 100 000 people are larger than that, and
 * every new person writes into each of them at random places; and
 * temporary files in memory, the staged rows and above all the statement
 * journal, which storing a chunk of people otherwise writes to a file
 * page by page (a sixth of the import).  Changing temp_store drops
 * temporary tables, so it is left alone when the connection has any. */
#define PIM_CACHE_KIB "16384"

struct pim_pragmas {
	int cache;
	bool temp;
};

static void pim_pragmas_set(sqlite3 *db, struct pim_pragmas *saved)
{
	int temps = 1;

	saved->cache = 0;
	db_row_ints(db, "PRAGMA cache_size", NULL, 0, &saved->cache, 1, NULL);
	db_row_ints(db, "SELECT count(*) FROM temp.sqlite_schema", NULL, 0, &temps, 1, NULL);
	saved->temp = temps == 0;
	sqlite3_exec(db, "PRAGMA cache_size = -" PIM_CACHE_KIB, NULL, NULL, NULL);
	if (saved->temp)
		sqlite3_exec(db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
}

static void pim_pragmas_restore(sqlite3 *db, const struct pim_pragmas *saved)
{
	char sql[64];

	snprintf(sql, sizeof sql, "PRAGMA cache_size = %d", saved->cache ? saved->cache : -2000);
	sqlite3_exec(db, sql, NULL, NULL, NULL);
	if (saved->temp)
		sqlite3_exec(db, "PRAGMA temp_store = DEFAULT", NULL, NULL, NULL);
}

int people_import_csv_progress(sqlite3 *db, const char *path, enum csv_encoding encoding,
			       const st_roles *roles, long long expected_session,
			       const st_progress *progress, people_import_stats *stats,
			       st_err *err)
{
	people_import_stats counted = { 0, 0, 0, 0, 0, NULL };
	struct pim_stage s = { .db = db, .path = path, .stats = &counted, .progress = progress };
	struct pim_pragmas saved;
	struct pim_file f;
	int rc;

	if (stats)
		*stats = counted;
	rc = pim_parse(path, encoding, roles, &f, err);
	s.rows = f.n;
	if (rc == 0) {
		pim_pragmas_set(db, &saved);
		rc = pim_attempts(&s, &f, expected_session, &counted, err);
		sqlite3_exec(db, pim_drop_schema, NULL, NULL, NULL);
		pim_pragmas_restore(db, &saved);
	}
	pim_free(&f);
	if (rc == 0 && progress && progress->report && s.shown < s.rows)
		progress->report(progress->ctx, s.rows, s.rows);
	if (rc == 0 && stats)
		*stats = counted;
	else
		free(counted.warnings);
	return rc;
}
