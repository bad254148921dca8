/* people.c: see people.h: reading (lists, counts, one person), saving
 * and deleting people, and their focus tags.  The name filter is
 * person_name.c, similar names and resolving a name person_match.c,
 * coaching coaching.c.
 *
 * Lists are keyset pages on (sort_key, id), like the session list.  The
 * WHERE clause of a list depends on which filters are set: it is put
 * together from fixed fragments (never from what a person typed, which is
 * always bound), so that each combination gets its own plan and SQLite can
 * use the index made for it (person_by_role, person_by_organisation, the
 * trigram index person_name). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "core/db.h"
#include "core/i18n.h"
#include "core/note_search.h"
#include "core/notes.h"
#include "core/people.h"
#include "core/person_name.h"
#include "core/rowids.h"
#include "core/text.h"

/* Room for any statement put together here, and for a WHERE clause. */
#define PEOPLE_SQL_MAX 2048
#define PEOPLE_WHERE_MAX 512

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

void person_clear(st_person *p)
{
	char **field[] = {
		&p->first_name, &p->last_name, &p->sort_key, &p->role,
		&p->organisation, &p->email, &p->focus,
	};
	size_t i;

	for (i = 0; i < sizeof field / sizeof field[0]; i++)
		free(*field[i]);
	memset(p, 0, sizeof *p);
}

char *person_sort_key(const char *first, const char *last)
{
	char *f = text_fold(first), *l = text_fold(last), *key = NULL;
	size_t n;

	if (f && l) {
		n = strlen(f) + strlen(l) + 2;
		key = malloc(n);
		if (key)
			snprintf(key, n, "%s\x01%s", l, f);
	}
	free(f);
	free(l);
	return key;
}

void person_from_row(sqlite3_stmt *st, int first, st_person *p)
{
	p->id = sqlite3_column_int64(st, first);
	p->first_name = db_column_strdup(st, first + 1);
	p->last_name = db_column_strdup(st, first + 2);
	p->sort_key = db_column_strdup(st, first + 3);
	p->role = db_column_strdup(st, first + 4);
	p->organisation_id = sqlite3_column_int64(st, first + 5);
	p->organisation = db_column_strdup(st, first + 6);
	p->email = db_column_strdup(st, first + 7);
	p->focus = db_column_strdup(st, first + 8);
}

/* ---- lists -------------------------------------------------------------- */

static bool is_set(const char *s)
{
	return s && *s;
}

/* The WHERE clause of f (after "WHERE 1"), with the name's values in
 * *name: the people of `part` of the name's matches. */
static void filter_where(const person_filter *f, enum person_name_part part, bool few_rows,
			 char *buf, size_t n, person_name_bind *name)
{
	snprintf(buf, n, "%s%s%s%s", person_name_part_condition(f->name, part, few_rows, name),
		 is_set(f->role) ? " AND p.role = :role" : "",
		 is_set(f->focus) ? " AND EXISTS (SELECT 1 FROM person_focus pf"
				    " WHERE pf.person_id = p.id AND st_fold(pf.focus) = :focus)"
				  : "",
		 f->organisation_id ? " AND p.organisation_id = :org" : "");
}

static void bind_filter(sqlite3_stmt *st, const person_filter *f, person_name_bind *name)
{
	char *focus;

	person_bind_name(st, name);
	if (is_set(f->role))
		db_bind_named_text(st, ":role", f->role);
	if (is_set(f->focus)) {
		focus = text_fold(f->focus);
		if (focus)
			db_bind_named_text(st, ":focus", text_trim(focus));
		free(focus);
	}
	db_bind_named_int64(st, ":org", f->organisation_id);
}

int person_read_rows(sqlite3 *db, sqlite3_stmt *st, st_person *out, int n, st_err *err)
{
	int got = 0, rc = SQLITE_DONE;

	while (got < n && (rc = sqlite3_step(st)) == SQLITE_ROW)
		person_from_row(st, 0, &out[got++]);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_error(db, err);
		while (got > 0)
			person_clear(&out[--got]);
		return -1;
	}
	return got;
}

/* The parts a list reads in turn: the name's matches, or for type-ahead
 * (person_filter.starts_first) those a word of whose name starts with it,
 * then the rest. */
static const enum person_name_part one_part[] = { NAME_MATCHES };
static const enum person_name_part start_parts[] = { NAME_WORD_STARTS, NAME_NO_WORD_STARTS };

static bool starts_first(const person_filter *f)
{
	return f->starts_first && !f->by_code && person_name_given(f->name);
}

/* Whether the people a short name is only inside of are read in list
 * order, each row tested (person_name_dense), rather than found by a scan
 * of every name: when they are many, and no other filter thins them out
 * (the list is then read by the filter's index, not in name order). */
static bool dense_rest(sqlite3 *db, const person_filter *f)
{
	return !is_set(f->role) && !is_set(f->focus) && !f->organisation_id &&
	       person_name_dense(db, f->name);
}

/* Reads up to n people of one part after (before) anchor, nearest the
 * anchor first.  Returns how many, or -1. */
static int read_part(sqlite3 *db, const person_filter *f, enum person_name_part part,
		     const st_person *anchor, bool backward, st_person *out, int n, st_err *err)
{
	/* [by word start][by_code][backward] */
	static const char *const after[2][2][2] = {
		{ { " AND (p.sort_key, p.id) > (:key, :id)", " AND (p.sort_key, p.id) < (:key, :id)" },
		  { " AND p.id > :id", " AND p.id < :id" } },
		{ { " AND (s.sort_key, s.person_id) > (:key, :id)",
		    " AND (s.sort_key, s.person_id) < (:key, :id)" } },
	};
	static const char *const order[2][2][2] = {
		{ { "p.sort_key, p.id", "p.sort_key DESC, p.id DESC" }, { "p.id", "p.id DESC" } },
		{ { "s.sort_key, s.person_id", "s.sort_key DESC, s.person_id DESC" } },
	};
	char where[PEOPLE_WHERE_MAX], sql[PEOPLE_SQL_MAX];
	person_name_bind name;
	sqlite3_stmt *st;
	int got, by_code = f->by_code, by_start = part == NAME_WORD_STARTS;
	const char *key = anchor ? after[by_start][by_code][backward] : "";

	if ((part == NAME_MATCHES || part == NAME_NO_WORD_STARTS) && person_name_indexed(f->name)) {
		/* Every match is sorted to find the page's: only its id and
		 * key, the page's columns then for the page alone. */
		filter_where(f, part == NAME_MATCHES ? NAME_INDEXED : NAME_INDEXED_NO_WORD_STARTS,
			     false, where, sizeof where, &name);
		snprintf(sql, sizeof sql, "SELECT " PERSON_COLUMNS " FROM (SELECT p.id AS id"
			 PERSON_BY_NAME_INDEX "%s%s ORDER BY %s LIMIT :limit) k"
			 " CROSS JOIN person p ON p.id = k.id"
			 " LEFT JOIN organisation o ON o.id = p.organisation_id ORDER BY %s",
			 where, key, order[0][by_code][backward], order[0][by_code][backward]);
	} else {
		filter_where(f, part, part == NAME_NO_WORD_STARTS && dense_rest(db, f), where,
			     sizeof where, &name);
		snprintf(sql, sizeof sql, "SELECT " PERSON_COLUMNS "%s%s%s ORDER BY %s LIMIT :limit",
			 by_start ? PERSON_BY_WORD_START : PERSON_FROM " WHERE 1", where, key,
			 order[by_start][by_code][backward]);
	}
	st = db_prepare(db, sql, err);
	if (!st) {
		person_bind_name(NULL, &name);
		return -1;
	}
	bind_filter(st, f, &name);
	if (anchor) {
		db_bind_named_text(st, ":key", or_empty(anchor->sort_key));
		db_bind_named_int64(st, ":id", anchor->id);
	}
	db_bind_named_int64(st, ":limit", n);
	got = person_read_rows(db, st, out, n, err);
	sqlite3_finalize(st);
	return got;
}

/* The part the anchor is in: 1 when no word of its name starts with
 * f->name, else 0 (a longer name by its sort key; a short one by its
 * names when it has them, else by the index). */
static int anchor_part(sqlite3 *db, const person_filter *f, const st_person *anchor)
{
	char *key;
	sqlite3_stmt *st;
	int part = 1;

	if (person_name_indexed(f->name)) {
		key = text_fold_name(f->name);
		part = key && person_name_word_start(anchor->sort_key, key) ? 0 : 1;
		free(key);
		return part;
	}
	if (anchor->first_name && anchor->last_name)
		return person_name_has_start(anchor->first_name, anchor->last_name, f->name) ? 0 : 1;
	key = text_fold_name(f->name);
	st = key ? db_prepare(db, "SELECT 1 FROM person_name_start WHERE start = ?1"
			      " AND sort_key = ?2 AND person_id = ?3", NULL) : NULL;
	if (st) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, or_empty(anchor->sort_key), -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, anchor->id);
		part = sqlite3_step(st) == SQLITE_ROW ? 0 : 1;
		sqlite3_finalize(st);
	}
	free(key);
	return part;
}

int person_page(sqlite3 *db, const person_filter *f, const st_person *anchor,
		bool backward, st_person *out, int n, st_err *err)
{
	bool parted = starts_first(f);
	const enum person_name_part *parts = parted ? start_parts : one_part;
	int nparts = parted ? 2 : 1, step = backward ? -1 : 1, got = 0, more, at, i;

	/* Parts in reading order; an anchor starts inside its own part. */
	at = anchor && parted ? anchor_part(db, f, anchor) : backward ? nparts - 1 : 0;
	for (i = at; i >= 0 && i < nparts && got < n; i += step) {
		more = read_part(db, f, parts[i], i == at ? anchor : NULL, backward, out + got,
				 n - got, err);
		if (more < 0) {
			while (got > 0)
				person_clear(&out[--got]);
			return -1;
		}
		got += more;
	}
	/* Backward pages come nearest first; show them in display order. */
	if (backward && got > 0)
		db_reverse_rows(out, got, sizeof(st_person));
	return got;
}

/* The statement that counts the people of f: all of them (cap 0) or up
 * to :cap, each read once as an index gives them (no order to keep);
 * only those a word of whose name starts with the name when by_start. */
static void count_sql(const person_filter *f, long long cap, bool by_start, char *sql, size_t n,
		      person_name_bind *name)
{
	char where[PEOPLE_WHERE_MAX];

	if (by_start) {
		filter_where(f, NAME_WORD_STARTS, false, where, sizeof where, name);
		/* With nothing but the name to check (its being in the row is
		 * sure of a start), the index range alone counts: reading
		 * each person row costs ten times more. */
		if (!name->word && !is_set(f->role) && !is_set(f->focus) && !f->organisation_id)
			snprintf(sql, n, "SELECT count(*) FROM (SELECT 1 FROM person_name_start s"
				 " WHERE s.start = :prefix LIMIT :cap)");
		else
			snprintf(sql, n, "SELECT count(*) FROM (SELECT 1" PERSON_BY_WORD_START "%s"
				 " LIMIT :cap)", where);
	} else if (person_name_indexed(f->name)) {
		/* The matches as the index gives them; with nothing else to
		 * check, the index alone counts them. */
		filter_where(f, NAME_INDEXED, false, where, sizeof where, name);
		if (*where)
			snprintf(sql, n, "SELECT count(*) FROM (SELECT 1" PERSON_BY_NAME_INDEX "%s%s)",
				 where, cap ? " LIMIT :cap" : "");
		else
			snprintf(sql, n, "SELECT count(*) FROM (SELECT 1 FROM person_name"
				 " WHERE person_name MATCH :name%s)", cap ? " LIMIT :cap" : "");
	} else if (person_name_given(f->name) && cap) {
		/* The people whose name holds it, read from the name's text
		 * in table order (the condition of NAME_WORD_STARTS, the name
		 * in the row, is then only what is left: a word that ends,
		 * the other filters). */
		filter_where(f, NAME_WORD_STARTS, false, where, sizeof where, name);
		snprintf(sql, n, "SELECT count(*) FROM (SELECT 1 FROM " PERSON_NAME_TEXT " c"
			 " CROSS JOIN person p ON p.id = c.id WHERE instr(c.c0, :prefix) > 0%s"
			 " LIMIT :cap)", where);
	} else {
		filter_where(f, NAME_MATCHES, false, where, sizeof where, name);
		if (cap)
			snprintf(sql, n, "SELECT count(*) FROM (SELECT 1 FROM person p WHERE 1%s"
				 " LIMIT :cap)", where);
		else
			snprintf(sql, n, "SELECT count(*) FROM person p WHERE 1%s", where);
	}
}

/* Counts the people of f, up to cap (0: all; by_start as count_sql). */
static long long count_up_to(sqlite3 *db, const person_filter *f, long long cap, bool by_start,
			     st_err *err)
{
	char sql[PEOPLE_SQL_MAX];
	person_name_bind name;
	sqlite3_stmt *st;
	long long count = -1;

	count_sql(f, cap, by_start, sql, sizeof sql, &name);
	st = db_prepare(db, sql, err);
	if (!st) {
		person_bind_name(NULL, &name);
		return -1;
	}
	bind_filter(st, f, &name);
	db_bind_named_int64(st, ":cap", cap);
	if (sqlite3_step(st) == SQLITE_ROW)
		count = sqlite3_column_int64(st, 0);
	else
		db_error(db, err);
	sqlite3_finalize(st);
	return count;
}

long long person_count(sqlite3 *db, const person_filter *f, st_err *err)
{
	return count_up_to(db, f, 0, false, err);
}

long long person_count_capped(sqlite3 *db, const person_filter *f, long long cap, st_err *err)
{
	long long starts;

	if (cap <= 0)
		return count_up_to(db, f, 0, false, err);
	/* One or two letters are looked for in the text of every name; but
	 * the people a word of whose name starts with them, an index range,
	 * are often more than cap already ("ja"), and then that is all the
	 * count needs to read. */
	if (person_name_short(f->name)) {
		starts = count_up_to(db, f, cap + 1, true, err);
		if (starts < 0 || starts > cap)
			return starts;
	}
	return count_up_to(db, f, cap + 1, false, err);
}

int person_get(sqlite3 *db, long long id, st_person *out, st_err *err)
{
	sqlite3_stmt *st = db_prepare_ints(db, "SELECT " PERSON_COLUMNS PERSON_FROM
					   " WHERE p.id = ?1", &id, 1, err);
	int got;

	if (!st)
		return -1;
	got = person_read_rows(db, st, out, 1, err);
	sqlite3_finalize(st);
	return got;
}

/* ---- saving ------------------------------------------------------------- */

/* s lower-cased, keeping accents (a tag is shown as it was typed). */
static char *lower_utf8(const char *s)
{
	size_t n = strlen(s), i = 0, len = 0, used;
	char *out = malloc(n * 4 + 1);
	uint32_t cp;

	if (!out)
		return NULL;
	while ((used = text_decode(s + i, n - i, &cp)) > 0) {
		len += text_encode((uint32_t)towlower((wint_t)cp), out + len);
		i += used;
	}
	out[len] = '\0';
	return out;
}

static int insert_focus_tag(sqlite3 *db, long long person_id, const char *tag, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "INSERT OR IGNORE INTO person_focus (person_id, focus)"
				      " VALUES (?1, ?2)", err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_text(st, 2, tag, -1, SQLITE_STATIC);
	return db_step_done(db, st, err);
}

int person_focus_split(const char *list, int (*add)(void *ctx, const char *tag, st_err *err),
		       void *ctx, st_err *err)
{
	char *lower = lower_utf8(or_empty(list)), *tag, *next;
	int rc = 0;

	if (!lower)
		return st_err_set(err, _("out of memory"));
	for (tag = lower; tag && rc == 0; tag = next) {
		next = strpbrk(tag, ",;");
		if (next)
			*next++ = '\0';
		text_trim(tag);
		if (*tag)
			rc = add(ctx, tag, err);
	}
	free(lower);
	return rc;
}

struct focus_of {
	sqlite3 *db;
	long long person_id;
};

static int add_focus_tag(void *ctx, const char *tag, st_err *err)
{
	struct focus_of *f = ctx;

	return insert_focus_tag(f->db, f->person_id, tag, err);
}

/* Replaces the person's tags with those in list (person_focus_split); the
 * primary key drops duplicates. */
static int save_focus(sqlite3 *db, long long person_id, const char *list, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "DELETE FROM person_focus WHERE person_id = ?1", err);
	struct focus_of f = { db, person_id };

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	if (db_step_done(db, st, err) != 0)
		return -1;
	return person_focus_split(list, add_focus_tag, &f, err);
}

/* Binds ?1..?6 of the INSERT and UPDATE below. */
static void bind_person(sqlite3_stmt *st, const char *first, const char *last,
			const char *sort_key, const st_person *p)
{
	sqlite3_bind_text(st, 1, first, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, last, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, sort_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, is_set(p->role) ? p->role : "andere", -1, SQLITE_STATIC);
	if (p->organisation_id)
		sqlite3_bind_int64(st, 5, p->organisation_id);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_text(st, 6, or_empty(p->email), -1, SQLITE_TRANSIENT);
}

/* Writes the person row itself (name_key and the search index follow by
 * trigger).  Sets p->id on insert. */
static int write_person(sqlite3 *db, st_person *p, const char *first, const char *last,
			st_err *err)
{
	static const char insert_sql[] =
		"INSERT INTO person (id, first_name, last_name, sort_key, role, organisation_id,"
		" email, created_at) VALUES (?7, ?1, ?2, ?3, ?4, ?5, trim(?6),"
		" strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))";
	static const char update_sql[] =
		"UPDATE person SET first_name = ?1, last_name = ?2, sort_key = ?3, role = ?4,"
		" organisation_id = ?5, email = trim(?6) WHERE id = ?7";
	char *sort_key = person_sort_key(first, last);
	sqlite3_stmt *st;
	long long new_id = 0;
	int rc;

	if (!sort_key)
		return st_err_set(err, _("out of memory"));
	if (!p->id && rowid_new(db, "person", 0, &new_id, err) != 0) {
		free(sort_key);
		return -1;
	}
	st = db_prepare(db, p->id ? update_sql : insert_sql, err);
	if (!st) {
		free(sort_key);
		return -1;
	}
	bind_person(st, first, last, sort_key, p);
	rowid_bind(st, 7, p->id ? p->id : new_id);
	rc = db_step_done(db, st, err);
	free(sort_key);
	if (rc != 0)
		return -1;
	if (p->id && sqlite3_changes(db) == 0)
		return st_err_set(err, _("there is no person with id %lld"), p->id);
	if (!p->id)
		p->id = sqlite3_last_insert_rowid(db);
	return 0;
}

int person_save_in_tx(sqlite3 *db, st_person *p, st_err *err)
{
	char *first = strdup(or_empty(p->first_name)), *last = strdup(or_empty(p->last_name));
	long long old_id = p->id;
	int rc = -1;

	if (!first || !last)
		st_err_set(err, _("out of memory"));
	else if (!*text_trim(first))
		st_err_set(err, _("a person needs a first name"));
	else if (!*text_trim(last))
		st_err_set(err, _("a person needs a last name"));
	else
		rc = write_person(db, p, first, last, err);
	if (rc == 0)
		rc = save_focus(db, p->id, p->focus, err);
	/* A failed insert must not leave an id the database never kept. */
	if (rc != 0)
		p->id = old_id;
	free(first);
	free(last);
	return rc;
}

int person_save(sqlite3 *db, st_person *p, st_err *err)
{
	if (db_begin(db, err) != 0)
		return -1;
	if (person_save_in_tx(db, p, err) != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

/* ---- deleting ----------------------------------------------------------- */

/* The other live notes (not linked about person ?1) whose author field
 * holds the name ?2 or whose text has it as a phrase (?3: the name in
 * quotes, made a safe FTS5 query by note_search_query). */
static int count_mentions(sqlite3 *db, long long id, const char *name, int *out, st_err *err)
{
	sqlite3_stmt *st;
	size_t len = strlen(name) + 3;
	char *quoted = malloc(len), *query;
	int rc;

	if (quoted)
		snprintf(quoted, len, "\"%s\"", name);
	query = quoted ? note_search_query(quoted) : NULL;
	free(quoted);
	*out = 0;
	if (!query)         /* a name of no letters: no note can hold it */
		return 0;
	st = db_prepare(db, "SELECT count(*) FROM note n WHERE n.deleted_at IS NULL"
			" AND coalesce(n.about_person_id, 0) <> ?1"
			" AND (instr(st_fold(n.author), st_fold(?2)) > 0"
			" OR n.id IN (SELECT rowid FROM note_fts WHERE note_fts MATCH ?3))", err);
	if (!st) {
		free(query);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, query, -1, free);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_error(db, err);
}

int person_delete_impact(sqlite3 *db, long long id, person_impact *out, st_err *err)
{
	int n[3] = { 0, 0, 0 };
	st_person p = { 0 };
	char name[512];
	int rc;

	memset(out, 0, sizeof *out);
	if (db_row_ints(db, "SELECT"
			" (SELECT count(*) FROM attendance WHERE person_id = ?1),"
			" (SELECT count(*) FROM coaching WHERE coach_id = ?1),"
			" (SELECT count(*) FROM note WHERE about_person_id = ?1"
			"  AND deleted_at IS NULL)",
			&id, 1, n, 3, err) != 0)
		return -1;
	out->attendance = n[0];
	out->coaching = n[1];
	out->notes_about = n[2];
	if ((rc = person_get(db, id, &p, err)) != 1) {
		person_clear(&p);
		return rc < 0 ? -1 : st_err_set(err, _("there is no person with id %lld"), id);
	}
	snprintf(name, sizeof name, "%s %s", p.first_name, p.last_name);
	person_clear(&p);
	return count_mentions(db, id, name, &out->notes_mentioning, err);
}

/* Deletes the person row; the schema does the rest: attendance, its log,
 * coaching and focus tags go with the person (CASCADE), notes about them
 * lose the link (SET NULL), and a trigger drops them from the name index. */
static int delete_person_row(sqlite3 *db, long long id, st_err *err)
{
	if (db_exec_ints(db, "DELETE FROM person WHERE id = ?1", &id, 1, err) != 0)
		return -1;
	if (sqlite3_changes(db) == 0)
		return st_err_set(err, _("there is no person with id %lld"), id);
	return 0;
}

int person_delete(sqlite3 *db, long long id, bool trash_notes_about, st_err *err)
{
	if (db_begin(db, err) != 0)
		return -1;
	if ((trash_notes_about && note_trash_about_person(db, id, err) != 0) ||
	    delete_person_row(db, id, err) != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}
void person_pseudonym(long long id, char *buf, int size)
{
	if (size > 0)
		snprintf(buf, (size_t)size, "P%03lld", id);
}

int focus_tags(sqlite3 *db, char **out, int max, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT DISTINCT focus FROM person_focus"
				      " ORDER BY focus LIMIT ?1", err);
	int n = 0, rc = SQLITE_DONE;

	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, max);
	while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		out[n] = db_column_strdup(st, 0);
		if (out[n])
			n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		while (n > 0)
			free(out[--n]);
		return db_error(db, err);
	}
	return n;
}
