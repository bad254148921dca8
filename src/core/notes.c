/* notes.c: see notes.h: saving, editing and trashing a note, and the
 * group labels typed with notes.  Reading notes (pages, counts, one by
 * id) is note_list.c, the search query and highlighting note_search.c,
 * drafts drafts.c, the kinds of note note_kinds.c. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/i18n.h"
#include "core/links.h"
#include "core/note_kinds.h"
#include "core/notes.h"
#include "core/rowids.h"
#include "core/text.h"

/* The local time as the notes store it. */
#define NOW_SQL "strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')"
/* Now, or a second after col when that is not earlier: a time of change
 * that every edit moves, so that a sync file always carries it with the
 * fields it changed (sync_apply.c: the later change wins a field both
 * sides changed; a change that left the time as it was would carry none,
 * and lose to any value that sorts higher). */
#define LATER_SQL(col) "strftime('%Y-%m-%d %H:%M:%S', max(julianday('now', 'localtime')," \
		       " coalesce(julianday(" col ", '+1 second'), 0)))"

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

void note_clear(st_note *n)
{
	char **field[] = {
		&n->kind, &n->body, &n->group_label, &n->author, &n->created_at,
		&n->updated_at, &n->deleted_at, &n->programme, &n->session_code,
		&n->session_kind, &n->session_date, &n->about, &n->tags, &n->school,
	};
	size_t i;

	for (i = 0; i < sizeof field / sizeof field[0]; i++)
		free(*field[i]);
	memset(n, 0, sizeof *n);
}

/* ---- writing ------------------------------------------------------------ */

/* A note's fields as they will be stored. */
struct clean_note {
	const char *kind;
	char *body, *group_label, *author;
};

static void clean_free(struct clean_note *c)
{
	free(c->body);
	free(c->group_label);
	free(c->author);
}

/* Checks and cleans what n holds; 0, or -1 with err set. */
static int clean_make(const st_note *n, bool with_author, struct clean_note *c, st_err *err)
{
	int kind = n->kind && *n->kind ? note_kind_index(n->kind) : 0;

	memset(c, 0, sizeof *c);
	if (kind < 0)
		return st_err_set(err, _("unknown note kind \"%s\" (use observation, quote, idea,"
					 " question or action)"), n->kind);
	c->kind = note_kind_key[kind];
	c->body = text_clean(or_empty(n->body), false);
	c->group_label = text_clean(or_empty(n->group_label), true);
	c->author = with_author ? text_clean(or_empty(n->author), true) : NULL;
	if (!c->body || !c->group_label || (with_author && !c->author)) {
		clean_free(c);
		return st_err_set(err, _("out of memory"));
	}
	if (text_is_blank(c->body)) {
		clean_free(c);
		return st_err_set(err, "%s", _("a note needs some text"));
	}
	return 0;
}

/* Names what is missing (links_check): the session, when check_session,
 * and the person and school the note is about, when it is about one. */
static int check_links(sqlite3 *db, long long session_id, long long person_id,
		       long long org_id, bool check_session, st_err *err)
{
	st_link links[3];
	int n = 0;

	if (check_session)
		links[n++] = (st_link){ LINK_SESSION, session_id };
	if (person_id)
		links[n++] = (st_link){ LINK_PERSON, person_id };
	if (org_id)
		links[n++] = (st_link){ LINK_ORGANISATION, org_id };
	return links_check(db, links, n, err);
}

static void bind_id_or_null(sqlite3_stmt *st, int i, long long id)
{
	if (id)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

static int insert_note(sqlite3 *db, const st_note *n, const struct clean_note *c,
		       long long *id, st_err *err)
{
	sqlite3_stmt *st;
	long long new_id;

	if (rowid_new(db, "note", 0, &new_id, err) != 0)
		return -1;
	st = db_prepare(db, "INSERT INTO note (id, session_id, kind, body, group_label,"
			" about_person_id, about_org_id, author, created_at, updated_at)"
			" VALUES (?9, ?1, ?2, ?3, ?4, ?5, ?6, ?7, coalesce(?8, " NOW_SQL "),"
			" coalesce(?8, " NOW_SQL "))", err);
	if (!st)
		return -1;
	rowid_bind(st, 9, new_id);
	sqlite3_bind_int64(st, 1, n->session_id);
	sqlite3_bind_text(st, 2, c->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, c->body, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, c->group_label, -1, SQLITE_STATIC);
	bind_id_or_null(st, 5, n->about_person_id);
	bind_id_or_null(st, 6, n->about_org_id);
	sqlite3_bind_text(st, 7, c->author, -1, SQLITE_STATIC);
	db_bind_text_or_null(st, 8, n->created_at);
	if (db_step_done(db, st, err) != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(db);
	return 0;
}

int note_add(sqlite3 *db, st_note *n, st_err *err)
{
	struct clean_note c;
	long long id = 0;
	int rc;

	if (clean_make(n, true, &c, err) != 0)
		return -1;
	if (db_begin(db, err) != 0) {
		clean_free(&c);
		return -1;
	}
	rc = check_links(db, n->session_id, n->about_person_id, n->about_org_id, true, err);
	if (rc == 0)
		rc = insert_note(db, n, &c, &id, err);
	clean_free(&c);
	if (rc != 0) {
		db_rollback(db);
		return -1;
	}
	if (db_commit(db, err) != 0)
		return -1;
	n->id = id;
	return 0;
}

int note_update(sqlite3 *db, const st_note *n, st_err *err)
{
	/* updated_at moves only when something changes, so opening a note
	 * and saving it unchanged does not mark it edited. */
	static const char sql[] =
		"UPDATE note SET updated_at = CASE WHEN kind IS ?2 AND body IS ?3"
		" AND group_label IS ?4 AND about_person_id IS ?5 AND about_org_id IS ?6"
		" THEN updated_at ELSE " LATER_SQL("updated_at") " END,"
		" kind = ?2, body = ?3, group_label = ?4, about_person_id = ?5, about_org_id = ?6"
		" WHERE id = ?1";
	struct clean_note c;
	sqlite3_stmt *st;
	int rc;

	if (clean_make(n, false, &c, err) != 0)
		return -1;
	if (db_begin(db, err) != 0) {
		clean_free(&c);
		return -1;
	}
	rc = check_links(db, 0, n->about_person_id, n->about_org_id, false, err);
	st = rc == 0 ? db_prepare(db, sql, err) : NULL;
	if (st) {
		sqlite3_bind_int64(st, 1, n->id);
		sqlite3_bind_text(st, 2, c.kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, c.body, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, c.group_label, -1, SQLITE_STATIC);
		bind_id_or_null(st, 5, n->about_person_id);
		bind_id_or_null(st, 6, n->about_org_id);
		rc = db_step_done(db, st, err);
		if (rc == 0 && sqlite3_changes(db) == 0)
			rc = st_err_set(err, _("there is no note with id %lld"), n->id);
	} else {
		rc = -1;
	}
	clean_free(&c);
	if (rc != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

/* Sets or clears deleted_at in one transaction.  Doing it twice is fine;
 * an unknown id is an error. */
static int set_trash(sqlite3 *db, long long id, bool trash, st_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (db_begin(db, err) != 0)
		return -1;
	/* Trashing and restoring are changes of the note: its time of
	 * change moves, so that of a trash and a restore made on two
	 * laptops the later wins (sync_field_time.h). */
	st = db_prepare(db, trash ? "UPDATE note SET deleted_at = " NOW_SQL ", updated_at = "
				    LATER_SQL("updated_at") " WHERE id = ?1 AND deleted_at IS NULL"
				  : "UPDATE note SET deleted_at = NULL, updated_at = "
				    LATER_SQL("updated_at") " WHERE id = ?1 AND deleted_at IS NOT NULL",
			err);
	if (!st) {
		db_rollback(db);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	rc = db_step_done(db, st, err);
	if (rc == 0 && sqlite3_changes(db) == 0) {
		st = db_prepare(db, "SELECT 1 FROM note WHERE id = ?1", err);
		rc = st ? 0 : -1;
		if (st) {
			sqlite3_bind_int64(st, 1, id);
			switch (sqlite3_step(st)) {
			case SQLITE_ROW: break;
			case SQLITE_DONE:
				rc = st_err_set(err, _("there is no note with id %lld"), id);
				break;
			default:
				rc = db_error(db, err);
			}
			sqlite3_finalize(st);
		}
	}
	if (rc != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

int note_delete(sqlite3 *db, long long id, st_err *err)
{
	return set_trash(db, id, true, err);
}

int note_restore(sqlite3 *db, long long id, st_err *err)
{
	return set_trash(db, id, false, err);
}

int note_trash_about_person(sqlite3 *db, long long person_id, st_err *err)
{
	return db_exec_ints(db, "UPDATE note SET deleted_at = " NOW_SQL ", updated_at = "
			    LATER_SQL("updated_at")
			    " WHERE about_person_id = ?1 AND deleted_at IS NULL", &person_id, 1, err);
}

/* How many of the newest notes rank the labels of other sessions: a few
 * weeks of a busy network, read in milliseconds. */
#define GROUPS_RECENT 5000

int note_groups(sqlite3 *db, long long session_id, const char *prefix, char **out, int max,
		st_err *err)
{
	sqlite3_stmt *st;
	char *folded;
	int n = 0, rc = SQLITE_DONE;

	if (max <= 0)
		return 0;
	folded = text_fold(or_empty(prefix));
	if (!folded)
		return st_err_set(err, _("out of memory"));
	/* Not trimmed: "tafel " is typed on the way to "tafel 3".  Read are
	 * the session's notes (note_by_session; "+" keeps SQLite off the time
	 * index) and the newest GROUPS_RECENT live notes, never every note:
	 * "most used overall" is most used lately, which is also what a
	 * facilitator wants to reuse. */
	st = db_prepare(db, "SELECT group_label, sum(here) AS here, sum(1 - here) AS total FROM"
			    " (SELECT group_label, 1 AS here FROM note WHERE session_id = ?1"
			    " AND +deleted_at IS NULL"
			    " UNION ALL SELECT group_label, 0 FROM (SELECT group_label FROM note"
			    " WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?4))"
			    " WHERE group_label <> '' GROUP BY group_label"
			    /* Folded once per label, not per note. */
			    " HAVING substr(st_fold(group_label), 1, length(?2)) = ?2"
			    " ORDER BY here DESC, total DESC, group_label"
			    " LIMIT ?3", err);
	if (!st) {
		free(folded);
		return -1;
	}
	sqlite3_bind_int64(st, 1, session_id);
	sqlite3_bind_text(st, 2, folded, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, max);
	sqlite3_bind_int(st, 4, GROUPS_RECENT);
	while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		out[n] = db_column_strdup(st, 0);
		if (out[n])
			n++;
	}
	sqlite3_finalize(st);
	free(folded);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		while (n > 0)
			free(out[--n]);
		return db_error(db, err);
	}
	return n;
}

int note_group_spelling(sqlite3 *db, long long session_id, const char *text, char *out,
			size_t size, st_err *err)
{
	/* The labels note_groups offers while typing (this session's and
	 * recent ones), so the CLI reuses what the screen would, and reads as
	 * few notes. */
	char *trimmed = strdup(or_empty(text)), *want = NULL, *labels[64], *copy, *have;
	int n, i, found = 0;

	if (trimmed)
		want = text_fold(text_trim(trimmed));
	n = want ? note_groups(db, session_id, text_trim(trimmed), labels, 64, err)
		 : st_err_set(err, _("out of memory"));
	for (i = 0; i < n; i++) {
		copy = strdup(labels[i]);
		have = copy ? text_fold(text_trim(copy)) : NULL;
		if (!found && have && strcmp(have, want) == 0) {
			snprintf(out, size, "%s", labels[i]);
			found = 1;
		}
		free(have);
		free(copy);
		free(labels[i]);
	}
	free(want);
	free(trimmed);
	return n < 0 ? -1 : found;
}
