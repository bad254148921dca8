/* people.c: see people.h.
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
#include "core/notes.h"
#include "core/organisation.h"
#include "core/people.h"
#include "core/text.h"

/* Room for any statement put together here, and for a WHERE clause. */
#define PEOPLE_SQL_MAX 2048
#define PEOPLE_WHERE_MAX 512

/* person_resolve and person_similar name at most this many people. */
#define PEOPLE_LIST_MAX 5

/* The longest name person_similar compares, in characters. */
#define SIMILAR_MAX_CHARS 128
#define SIMILAR_MAX_EDITS 2

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

/* ---- the name filter ---------------------------------------------------- */

static size_t count_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* s as an FTS5 string: in double quotes, with each quote doubled, so that
 * nothing typed is read as query syntax. */
static char *fts_quote(const char *s)
{
	char *out = malloc(strlen(s) * 2 + 3), *o = out;

	if (!out)
		return NULL;
	*o++ = '"';
	for (; *s; s++) {
		if (*s == '"')
			*o++ = '"';
		*o++ = *s;
	}
	*o++ = '"';
	*o = '\0';
	return out;
}

/* Names are matched by text_fold_name, which leaves out spaces, hyphens
 * and apostrophes, in the trigram index person_name ("firstlast" and
 * "lastfirst" on two lines, so a search never matches across the two).
 * From three characters on, the index finds the text anywhere; it cannot
 * look up one or two, and such short filters are rare enough to scan its
 * text for.  A space (or hyphen) typed at the end still means the word
 * ends there ("jan " is Jan, not Janssens): the last word typed, with a
 * space, must then be in the name as written, hyphens read as spaces. */
#define NAME_BY_INDEX " AND p.id IN (SELECT rowid FROM person_name WHERE person_name MATCH :name)"
#define NAME_BY_SCAN " AND p.id IN (SELECT rowid FROM person_name WHERE instr(name, :name) > 0)"
#define NAME_WORD_ENDS \
	" AND (instr(replace(p.name_key, '-', ' ') || ' ', :word) > 0" \
	" OR instr(replace(replace(p.sort_key, char(1), ' '), '-', ' ') || ' ', :word) > 0)"
/* The same two lines, first_last_key and last_first_key (migration 8), as
 * a row has them: for rows already few, without the index. */
#define NAME_IN_ROW " AND instr(p.first_last_key || char(10) || p.last_first_key, :prefix) > 0"
/* A name starts with what was typed: a range on the indexed key (no
 * folded name holds U+10FFFF, so every one that starts with :prefix is
 * below :prefix and that character). */
#define STARTS(col) " (p." col " >= :prefix AND p." col " < :prefix || char(1114111))"
#define FIRST_STARTS " AND" STARTS("first_last_key")
#define LAST_STARTS " AND" STARTS("last_first_key")
#define FIRST_NOT " AND NOT" STARTS("first_last_key")
#define LAST_NOT " AND NOT" STARTS("last_first_key")

/* The last word of folded (a folded name) and a space, when folded ends
 * with a space or hyphen; else NULL. */
static char *last_word_ended(const char *folded)
{
	size_t end = strlen(folded), start;
	char *word;

	if (!end || !text_is_name_gap(folded[end - 1]))
		return NULL;
	while (end > 0 && text_is_name_gap(folded[end - 1]))
		end--;
	for (start = end; start > 0 && !text_is_name_gap(folded[start - 1]); start--)
		;
	if (start == end)
		return NULL;
	word = malloc(end - start + 2);
	if (word) {
		memcpy(word, folded + start, end - start);
		memcpy(word + (end - start), " ", 2);
	}
	return word;
}

bool person_name_given(const char *name)
{
	char *key = name && *name ? text_fold_name(name) : NULL;
	bool given = key && *key;

	free(key);
	return given;
}

/* Fills b for name: the key (:prefix), the key as the index looks it up
 * (:name) and the word that ends (:word, or NULL).  False when there is
 * nothing to match (b is then empty). */
static bool name_values(const char *name, person_name_bind *b)
{
	char *folded;

	b->name = b->word = b->prefix = NULL;
	if (!name || !*name)
		return false;
	folded = text_fold(name);
	b->prefix = text_fold_name(name);
	if (folded)
		b->word = last_word_ended(folded);
	free(folded);
	if (b->prefix && *b->prefix)
		b->name = count_chars(b->prefix) >= 3 ? fts_quote(b->prefix) : strdup(b->prefix);
	if (!b->name) {
		person_bind_name(NULL, b);
		return false;
	}
	return true;
}

const char *person_name_part_condition(const char *name, enum person_name_part part,
				       bool few_rows, person_name_bind *b)
{
	/* [part][how the name is found: scan, index, in the row][word ends] */
#define WORD_OR_NOT(c) { c, c NAME_WORD_ENDS }
#define BY_HOW(c) { WORD_OR_NOT(NAME_BY_SCAN c), WORD_OR_NOT(NAME_BY_INDEX c), \
		    WORD_OR_NOT(NAME_IN_ROW c) }
#define ANY_HOW(c) { WORD_OR_NOT(c), WORD_OR_NOT(c), WORD_OR_NOT(c) }
	static const char *const cond[4][3][2] = {
		[NAME_MATCHES] = BY_HOW(""),
		[NAME_FIRST_STARTS] = ANY_HOW(FIRST_STARTS),
		[NAME_LAST_STARTS] = ANY_HOW(LAST_STARTS FIRST_NOT),
		[NAME_INSIDE] = BY_HOW(FIRST_NOT LAST_NOT),
	};
#undef ANY_HOW
#undef BY_HOW
#undef WORD_OR_NOT
	int how;

	if ((unsigned)part > NAME_INSIDE || !name_values(name, b))
		return "";
	how = few_rows ? 2 : count_chars(b->prefix) >= 3;
	return cond[part][how][b->word != NULL];
}

const char *person_name_condition(const char *name, person_name_bind *b)
{
	return person_name_part_condition(name, NAME_MATCHES, false, b);
}

/* Binds the value of parameter `param` when the statement has it, else
 * frees it. */
static void bind_or_free(sqlite3_stmt *st, const char *param, char **value)
{
	int i = st ? sqlite3_bind_parameter_index(st, param) : 0;

	if (i > 0 && *value)
		sqlite3_bind_text(st, i, *value, -1, free);
	else
		free(*value);
	*value = NULL;
}

void person_bind_name(sqlite3_stmt *st, person_name_bind *b)
{
	bind_or_free(st, ":name", &b->name);
	bind_or_free(st, ":word", &b->word);
	bind_or_free(st, ":prefix", &b->prefix);
}

/* ---- lists -------------------------------------------------------------- */

static bool is_set(const char *s)
{
	return s && *s;
}

/* The WHERE clause of f (after "WHERE 1"), with the name's values in *name. */
static void filter_where(const person_filter *f, char *buf, size_t n, person_name_bind *name)
{
	snprintf(buf, n, "%s%s%s%s", person_name_condition(f->name, name),
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

/* Reads up to n rows of PERSON_COLUMNS into out; -1 on error. */
static int read_people(sqlite3 *db, sqlite3_stmt *st, st_person *out, int n, st_err *err)
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

int person_page(sqlite3 *db, const person_filter *f, const st_person *anchor,
		bool backward, st_person *out, int n, st_err *err)
{
	/* [by_code][backward] */
	static const char *const after[2][2] = {
		{ " AND (p.sort_key, p.id) > (:key, :id)", " AND (p.sort_key, p.id) < (:key, :id)" },
		{ " AND p.id > :id", " AND p.id < :id" },
	};
	static const char *const order[2][2] = {
		{ "p.sort_key, p.id", "p.sort_key DESC, p.id DESC" },
		{ "p.id", "p.id DESC" },
	};
	char where[PEOPLE_WHERE_MAX], sql[PEOPLE_SQL_MAX];
	person_name_bind name;
	sqlite3_stmt *st;
	int got, by_code = f->by_code;

	filter_where(f, where, sizeof where, &name);
	snprintf(sql, sizeof sql, "SELECT " PERSON_COLUMNS PERSON_FROM " WHERE 1%s%s"
		 " ORDER BY %s LIMIT :limit", where, anchor ? after[by_code][backward] : "",
		 order[by_code][backward]);
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
	got = read_people(db, st, out, n, err);
	sqlite3_finalize(st);
	/* Backward pages come nearest first; show them in display order. */
	if (backward && got > 0)
		db_reverse_rows(out, got, sizeof(st_person));
	return got;
}

long long person_count(sqlite3 *db, const person_filter *f, st_err *err)
{
	char where[PEOPLE_WHERE_MAX], sql[PEOPLE_SQL_MAX];
	person_name_bind name;
	sqlite3_stmt *st;
	long long count = -1;

	filter_where(f, where, sizeof where, &name);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM person p WHERE 1%s", where);
	st = db_prepare(db, sql, err);
	if (!st) {
		person_bind_name(NULL, &name);
		return -1;
	}
	bind_filter(st, f, &name);
	if (sqlite3_step(st) == SQLITE_ROW)
		count = sqlite3_column_int64(st, 0);
	else
		db_error(db, err);
	sqlite3_finalize(st);
	return count;
}

int person_get(sqlite3 *db, long long id, st_person *out, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " PERSON_COLUMNS PERSON_FROM
				      " WHERE p.id = ?1", err);
	int got;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	got = read_people(db, st, out, 1, err);
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
		"INSERT INTO person (first_name, last_name, sort_key, role, organisation_id,"
		" email, created_at) VALUES (?1, ?2, ?3, ?4, ?5, trim(?6),"
		" strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))";
	static const char update_sql[] =
		"UPDATE person SET first_name = ?1, last_name = ?2, sort_key = ?3, role = ?4,"
		" organisation_id = ?5, email = trim(?6) WHERE id = ?7";
	char *sort_key = person_sort_key(first, last);
	sqlite3_stmt *st;
	int rc;

	if (!sort_key)
		return st_err_set(err, _("out of memory"));
	st = db_prepare(db, p->id ? update_sql : insert_sql, err);
	if (!st) {
		free(sort_key);
		return -1;
	}
	bind_person(st, first, last, sort_key, p);
	if (p->id)
		sqlite3_bind_int64(st, 7, p->id);
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
	sqlite3_stmt *st = db_prepare(db, "DELETE FROM person WHERE id = ?1", err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (db_step_done(db, st, err) != 0)
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

/* ---- similar names ------------------------------------------------------ */

/* Decodes s into cp (at most max code points); returns how many, or -1
 * when s is longer. */
static int decode_all(const char *s, uint32_t *cp, int max)
{
	size_t n = strlen(s), i = 0, used;
	int count = 0;

	while ((used = text_decode(s + i, n - i, &cp[count])) > 0) {
		if (++count > max)
			return -1;
		i += used;
	}
	return count;
}

/* Edit distance (insertions, deletions, substitutions) between a and b,
 * by code point, stopping early once it must exceed limit (then limit + 1). */
static int levenshtein(const char *a, const char *b, int limit)
{
	uint32_t ca[SIMILAR_MAX_CHARS + 1], cb[SIMILAR_MAX_CHARS + 1];
	int prev[SIMILAR_MAX_CHARS + 1], cur[SIMILAR_MAX_CHARS + 1];
	int na = decode_all(a, ca, SIMILAR_MAX_CHARS), nb = decode_all(b, cb, SIMILAR_MAX_CHARS);
	int i, j, best, v;

	if (na < 0 || nb < 0 || abs(na - nb) > limit)
		return limit + 1;
	for (j = 0; j <= nb; j++)
		prev[j] = j;
	for (i = 1; i <= na; i++) {
		cur[0] = best = i;
		for (j = 1; j <= nb; j++) {
			v = prev[j - 1] + (ca[i - 1] != cb[j - 1]);
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
		memcpy(prev, cur, (size_t)(nb + 1) * sizeof prev[0]);
	}
	return prev[nb];
}

/* An FTS5 query for any trigram of s ("\"jan\" OR \"an \" OR ..."), or
 * NULL when s is shorter than three characters. */
static char *trigram_query(const char *s)
{
	size_t n = strlen(s), i, k, len = 0, used;
	char *out = malloc(n * 16 + 16), *gram;
	uint32_t cp;

	if (!out)
		return NULL;
	for (i = 0; i < n; i += text_decode(s + i, n - i, &cp)) {
		/* The three characters from i on. */
		for (k = i, used = 0; used < 3 && k < n; used++)
			k += text_decode(s + k, n - k, &cp);
		if (used < 3)
			break;
		gram = malloc(k - i + 1);
		if (!gram)
			break;
		memcpy(gram, s + i, k - i);
		gram[k - i] = '\0';
		len += (size_t)sprintf(out + len, "%s\"", len ? " OR " : "");
		for (k = 0; gram[k]; k++) {
			if (gram[k] == '"')
				out[len++] = '"';
			out[len++] = gram[k];
		}
		out[len++] = '"';
		out[len] = '\0';
		free(gram);
	}
	if (len == 0) {
		free(out);
		return NULL;
	}
	return out;
}

struct similar {
	st_person person;
	int distance;
};

static int by_distance(const void *a, const void *b)
{
	const struct similar *x = a, *y = b;

	if (x->distance != y->distance)
		return x->distance - y->distance;
	return strcmp(x->person.sort_key, y->person.sort_key);
}

/* Candidates share the folded last name (a sort_key range), or the
 * folded first name (a name_key range), or, for a typo in both, trigrams
 * (the 50 best by rank; only for names of three characters or more).  The
 * edit distance then decides. */
static const char similar_sql[] =
	"SELECT " PERSON_COLUMNS ", p.name_key, replace(p.sort_key, char(1), ' ')" PERSON_FROM
	" WHERE p.id <> :except AND p.id IN ("
	"  SELECT id FROM person WHERE sort_key >= :last || char(1) AND sort_key < :last || char(2)"
	"  UNION SELECT id FROM person WHERE name_key >= :first || ' ' AND name_key < :first || '!'"
	"%s)";
static const char similar_by_trigram[] =
	"  UNION SELECT id FROM (SELECT rowid AS id FROM person_name"
	"   WHERE person_name MATCH :grams ORDER BY rank LIMIT 50)";

/* Adds the row to list when its name is near enough to name ("first
 * last", folded), also when first and last were swapped. */
static int consider(sqlite3_stmt *st, const char *name, struct similar **list, int *n)
{
	const char *cand = (const char *)sqlite3_column_text(st, PERSON_NCOLUMNS);
	const char *swapped = (const char *)sqlite3_column_text(st, PERSON_NCOLUMNS + 1);
	struct similar *grown;
	int d, d2;

	d = levenshtein(name, or_empty(cand), SIMILAR_MAX_EDITS);
	d2 = levenshtein(name, or_empty(swapped), SIMILAR_MAX_EDITS);
	if (d2 < d)
		d = d2;
	if (d > SIMILAR_MAX_EDITS)
		return 0;
	grown = realloc(*list, (size_t)(*n + 1) * sizeof **list);
	if (!grown)
		return -1;
	*list = grown;
	person_from_row(st, 0, &grown[*n].person);
	grown[*n].distance = d;
	(*n)++;
	return 0;
}

/* Runs the candidate query and keeps the near ones in *list. */
static int find_similar(sqlite3 *db, const char *first, const char *last, const char *name,
			long long except_id, struct similar **list, int *n, st_err *err)
{
	char sql[PEOPLE_SQL_MAX], *key = text_fold_name(name), *grams;
	sqlite3_stmt *st;
	int rc;

	/* The index holds names as text_fold_name has them. */
	grams = key ? trigram_query(key) : NULL;
	free(key);

	snprintf(sql, sizeof sql, similar_sql, grams ? similar_by_trigram : "");
	st = db_prepare(db, sql, err);
	if (!st) {
		free(grams);
		return -1;
	}
	db_bind_named_int64(st, ":except", except_id);
	db_bind_named_text(st, ":first", first);
	db_bind_named_text(st, ":last", last);
	if (grams)
		db_bind_named_text(st, ":grams", grams);
	free(grams);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (consider(st, name, list, n) != 0)
			break;
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return st_err_set(err, _("out of memory"));
	return rc == SQLITE_DONE ? 0 : db_error(db, err);
}

int person_similar(sqlite3 *db, const char *first, const char *last,
		   long long except_id, st_person *out, int max, st_err *err)
{
	char *f = text_fold(or_empty(first)), *l = text_fold(or_empty(last)), *name = NULL;
	struct similar *list = NULL;
	int n = 0, i, rc = -1;
	size_t len;

	if (f && l) {
		text_trim(f);
		text_trim(l);
		len = strlen(f) + strlen(l) + 2;
		name = malloc(len);
		if (name)
			snprintf(name, len, "%s %s", f, l);
	}
	if (!name)
		st_err_set(err, _("out of memory"));
	else if (!*f && !*l)
		rc = 0;
	else
		rc = find_similar(db, f, l, name, except_id, &list, &n, err);
	if (rc == 0 && n > 1)
		qsort(list, (size_t)n, sizeof *list, by_distance);
	for (i = 0; i < n; i++) {
		if (rc == 0 && i < max)
			out[i] = list[i].person;
		else
			person_clear(&list[i].person);
	}
	free(list);
	free(f);
	free(l);
	free(name);
	if (rc != 0)
		return -1;
	return n < max ? n : max;
}

/* ---- resolving a name --------------------------------------------------- */

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* s folded, trimmed, with runs of white space made one space. */
static char *normalise_name(const char *s)
{
	char *f = text_fold(s), *r, *w;

	if (!f)
		return NULL;
	for (r = w = f; *r; r++) {
		if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
			if (w > f && w[-1] != ' ')
				*w++ = ' ';
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return text_trim(f);
}

/* Sets err to name the people in list (up to PEOPLE_LIST_MAX; more says
 * there were more). */
static void say_several(const char *text, const st_person *list, int n, st_err *err)
{
	char names[ST_ERR_MAX] = "";
	size_t len;
	int i;

	for (i = 0; i < n && i < PEOPLE_LIST_MAX; i++) {
		len = strlen(names);
		snprintf(names + len, sizeof names - len, "%s%s %s (%lld)", i ? ", " : "",
			 list[i].first_name, list[i].last_name, list[i].id);
	}
	if (n > PEOPLE_LIST_MAX) {
		len = strlen(names);
		snprintf(names + len, sizeof names - len, ", …");
	}
	st_err_set(err, _("\"%s\" matches several people: %s"), text, names);
}

/* People whose "first last" or "last first" is exactly name, compared by
 * text_fold_name (so "zoe vandenbroeck" is Zoë Van den Broeck), up to n;
 * uses the name index to narrow first. */
static int exact_matches(sqlite3 *db, const char *name, st_person *out, int n, st_err *err)
{
	char sql[PEOPLE_SQL_MAX], *exact = text_fold_name(name);
	person_name_bind value;
	sqlite3_stmt *st;
	int got;

	if (!exact)
		return st_err_set(err, _("out of memory"));
	snprintf(sql, sizeof sql, "SELECT " PERSON_COLUMNS PERSON_FROM " WHERE 1%s"
		 " AND (st_fold_name(p.first_name) || st_fold_name(p.last_name) = :exact"
		 " OR st_fold_name(p.last_name) || st_fold_name(p.first_name) = :exact)"
		 " ORDER BY p.sort_key, p.id LIMIT :limit",
		 person_name_condition(name, &value));
	st = db_prepare(db, sql, err);
	if (!st) {
		person_bind_name(NULL, &value);
		free(exact);
		return -1;
	}
	person_bind_name(st, &value);
	db_bind_named_text(st, ":exact", exact);
	free(exact);
	db_bind_named_int64(st, ":limit", n);
	got = read_people(db, st, out, n, err);
	sqlite3_finalize(st);
	return got;
}

/* One person by id: 1, 0 (err says so) or -1. */
static int resolve_id(sqlite3 *db, const char *text, st_person *out, st_err *err)
{
	long long id = strtoll(text, NULL, 10);
	int rc = person_get(db, id, out, err);

	if (rc == 0)
		st_err_set(err, _("there is no person with id %lld"), id);
	return rc;
}

/* Exact matches first; only when there is none, containing matches. */
static int resolve_name(sqlite3 *db, const char *text, const char *name, st_person *out,
			st_err *err)
{
	st_person found[PEOPLE_LIST_MAX + 1];
	person_filter f = { .name = name };
	int n, i;

	memset(found, 0, sizeof found);
	n = exact_matches(db, name, found, PEOPLE_LIST_MAX + 1, err);
	if (n == 0)
		n = person_page(db, &f, NULL, false, found, PEOPLE_LIST_MAX + 1, err);
	if (n < 0)
		return -1;
	if (n == 0)
		st_err_set(err, _("nobody matches \"%s\""), text);
	if (n == 1) {
		*out = found[0];
		return 1;
	}
	if (n > 1)
		say_several(text, found, n, err);
	for (i = 0; i < n; i++)
		person_clear(&found[i]);
	return n > 1 ? 2 : 0;
}

int person_resolve(sqlite3 *db, const char *text, st_person *out, st_err *err)
{
	char *name = normalise_name(or_empty(text));
	int rc;

	if (!name)
		return st_err_set(err, _("out of memory"));
	if (!*name) {
		st_err_set(err, _("nobody matches \"%s\""), or_empty(text));
		rc = 0;
	} else if (all_digits(name) && strlen(name) < 19) {
		rc = resolve_id(db, name, out, err);
	} else {
		rc = resolve_name(db, or_empty(text), name, out, err);
	}
	free(name);
	return rc;
}

void person_pseudonym(long long id, char *buf, int size)
{
	if (size > 0)
		snprintf(buf, (size_t)size, "P%03lld", id);
}

/* ---- coaching ----------------------------------------------------------- */

/* Runs one write (with ?1 coach, ?2 school) in its own transaction. */
static int coaching_write(sqlite3 *db, const char *sql, long long coach_id,
			  long long school_id, st_err *err)
{
	sqlite3_stmt *st;

	if (db_begin(db, err) != 0)
		return -1;
	st = db_prepare(db, sql, err);
	if (!st) {
		db_rollback(db);
		return -1;
	}
	sqlite3_bind_int64(st, 1, coach_id);
	sqlite3_bind_int64(st, 2, school_id);
	if (db_step_done(db, st, err) != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

/* Says which of the two does not exist, so a link is not refused with
 * SQLite's bare "FOREIGN KEY constraint failed".  0 when both do. */
static int coaching_check(sqlite3 *db, long long coach_id, long long school_id, st_err *err)
{
	const long long ids[2] = { coach_id, school_id };
	int exists[2];

	if (db_row_ints(db, "SELECT EXISTS (SELECT 1 FROM person WHERE id = ?1),"
			" EXISTS (SELECT 1 FROM organisation WHERE id = ?2)", ids, 2, exists, 2, err) != 0)
		return -1;
	if (!exists[0])
		return st_err_set(err, _("there is no person with id %lld"), coach_id);
	if (!exists[1])
		return st_err_set(err, _("there is no organisation with id %lld"), school_id);
	return 0;
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
	got = read_people(db, st, out, max, err);
	sqlite3_finalize(st);
	return got;
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
