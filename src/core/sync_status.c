/* sync_status.c: the network screen's view of the sync tables
 * (sync_status.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/i18n.h"
#include "core/sync_status.h"

/* Copies a text column into a fixed buffer ("" for NULL). */
static void column_into(sqlite3_stmt *st, int i, char *out, size_t size)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	snprintf(out, size, "%s", s ? (const char *)s : "");
}

int sync_status_read(sqlite3 *db, sync_status *out, st_err *err)
{
	sqlite3_stmt *st;
	syncid_self self;
	int rc;

	memset(out, 0, sizeof *out);
	if (syncid_read_self(db, &self, err) != 0)
		return -1;
	memcpy(out->database_id, self.database_id, sizeof out->database_id);
	memcpy(out->network_id, self.network_id, sizeof out->network_id);
	st = db_prepare(db, "SELECT last_sync, (SELECT count(*) FROM sync_log),"
			    " (SELECT count(*) FROM sync_decision), (SELECT count(*) FROM note_revision)"
			    " FROM sync_self WHERE one = 1", err);
	if (!st)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		column_into(st, 0, out->last_sync, sizeof out->last_sync);
		out->received = sqlite3_column_int64(st, 1);
		out->decisions = sqlite3_column_int64(st, 2);
		out->revisions = sqlite3_column_int64(st, 3);
	} else {
		db_error(db, err);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* ---- keyset pages on an id ------------------------------------------------ */

/* One list paged on its id: the four statements (by [backward][with an
 * anchor]: ?1 the anchor's id, ?2 the limit), how a row is read, and
 * how it is freed. */
struct id_pager {
	const char *const (*sql)[2];
	size_t row_size;
	void (*read)(sqlite3_stmt *st, void *row);
	void (*clear)(void *row);
};

static int page_by_id(sqlite3 *db, const struct id_pager *p, const long long *anchor,
		      bool backward, void *out, int n, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, p->sql[backward][anchor != NULL], err);
	char *rows = out;
	int got = 0, rc = SQLITE_DONE;

	if (!st)
		return -1;
	if (anchor)
		sqlite3_bind_int64(st, 1, *anchor);
	sqlite3_bind_int(st, 2, n);
	while (got < n && (rc = sqlite3_step(st)) == SQLITE_ROW)
		p->read(st, rows + (size_t)got++ * p->row_size);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_error(db, err);
		while (got > 0)
			p->clear(rows + (size_t)--got * p->row_size);
		got = -1;
	}
	sqlite3_finalize(st);
	/* Backward pages come nearest first; show them in display order. */
	if (got > 0 && backward)
		db_reverse_rows(out, got, p->row_size);
	return got;
}

/* ---- what came in ----------------------------------------------------------- */

/* Newest first: forward is towards smaller ids.  The colleague's name
 * is looked up per row (sync_member's primary key). */
#define LOG_PAGE(cond, order) "SELECT l.id, l.at, l.database_id," \
	" coalesce(nullif((SELECT m.facilitator FROM sync_member m" \
	"  WHERE m.database_id = l.database_id), ''), substr(l.database_id, 1, 8))," \
	" l.seq, l.notes, l.tags, l.checkins, l.people, l.other" \
	" FROM sync_log l" cond " ORDER BY l.id " order " LIMIT ?2"
static const char *const log_sql[2][2] = {
	{ LOG_PAGE("", "DESC"), LOG_PAGE(" WHERE l.id < ?1", "DESC") },
	{ LOG_PAGE("", "ASC"), LOG_PAGE(" WHERE l.id > ?1", "ASC") },
};

static void log_read(sqlite3_stmt *st, void *row)
{
	sync_log_entry *e = row;
	int i;

	e->id = sqlite3_column_int64(st, 0);
	column_into(st, 1, e->at, sizeof e->at);
	column_into(st, 2, e->database_id, sizeof e->database_id);
	e->colleague = db_column_strdup(st, 3);
	e->seq = sqlite3_column_int64(st, 4);
	for (i = 0; i < SYNC_WHAT_COUNT; i++)
		e->n[i] = sqlite3_column_int64(st, 5 + i);
}

void sync_log_entry_clear(sync_log_entry *e)
{
	free(e->colleague);
	memset(e, 0, sizeof *e);
}

static void log_clear(void *row)
{
	sync_log_entry_clear(row);
}

static const struct id_pager log_pager = { log_sql, sizeof(sync_log_entry), log_read, log_clear };

int sync_log_page(sqlite3 *db, const sync_log_entry *anchor, bool backward,
		  sync_log_entry *out, int n, st_err *err)
{
	return page_by_id(db, &log_pager, anchor ? &anchor->id : NULL, backward, out, n, err);
}

/* ---- decisions waiting ------------------------------------------------------ */

/* The row's name as it is now, for the sentence (sync_clash.c). */
#define DECISION_PAGE(cond, order) "SELECT d.id, d.at, d.tbl, d.row_id, d.what," \
	" CASE d.tbl WHEN 'factor' THEN (SELECT f.name FROM factor f WHERE f.id = d.row_id) END" \
	" FROM sync_decision d" cond " ORDER BY d.id " order " LIMIT ?2"
static const char *const decision_sql[2][2] = {
	{ DECISION_PAGE("", "ASC"), DECISION_PAGE(" WHERE d.id > ?1", "ASC") },
	{ DECISION_PAGE("", "DESC"), DECISION_PAGE(" WHERE d.id < ?1", "DESC") },
};

static void decision_read(sqlite3_stmt *st, void *row)
{
	sync_decision_entry *e = row;

	e->id = sqlite3_column_int64(st, 0);
	column_into(st, 1, e->at, sizeof e->at);
	e->table = db_column_strdup(st, 2);
	e->row_id = sqlite3_column_int64(st, 3);
	e->what = db_column_strdup(st, 4);
	e->label = db_column_strdup(st, 5);
}

void sync_decision_entry_clear(sync_decision_entry *e)
{
	free(e->table);
	free(e->what);
	free(e->label);
	memset(e, 0, sizeof *e);
}

static void decision_clear(void *row)
{
	sync_decision_entry_clear(row);
}

static const struct id_pager decision_pager = {
	decision_sql, sizeof(sync_decision_entry), decision_read, decision_clear,
};

int sync_decision_page(sqlite3 *db, const sync_decision_entry *anchor, bool backward,
		       sync_decision_entry *out, int n, st_err *err)
{
	return page_by_id(db, &decision_pager, anchor ? &anchor->id : NULL, backward, out, n, err);
}

/* ---- note texts kept ---------------------------------------------------------- */

#define REVISION_PAGE(cond, order) "SELECT r.id, r.note_id, r.kept_at, s.code, n.author, r.body" \
	" FROM note_revision r JOIN note n ON n.id = r.note_id JOIN session s ON s.id = n.session_id" \
	cond " ORDER BY r.id " order " LIMIT ?2"
static const char *const revision_sql[2][2] = {
	{ REVISION_PAGE("", "DESC"), REVISION_PAGE(" WHERE r.id < ?1", "DESC") },
	{ REVISION_PAGE("", "ASC"), REVISION_PAGE(" WHERE r.id > ?1", "ASC") },
};

static void revision_read(sqlite3_stmt *st, void *row)
{
	note_revision_entry *e = row;

	e->id = sqlite3_column_int64(st, 0);
	e->note_id = sqlite3_column_int64(st, 1);
	column_into(st, 2, e->kept_at, sizeof e->kept_at);
	e->session_code = db_column_strdup(st, 3);
	e->author = db_column_strdup(st, 4);
	e->body = db_column_strdup(st, 5);
}

void note_revision_entry_clear(note_revision_entry *e)
{
	free(e->session_code);
	free(e->author);
	free(e->body);
	memset(e, 0, sizeof *e);
}

static void revision_clear(void *row)
{
	note_revision_entry_clear(row);
}

static const struct id_pager revision_pager = {
	revision_sql, sizeof(note_revision_entry), revision_read, revision_clear,
};

int note_revision_page(sqlite3 *db, const note_revision_entry *anchor, bool backward,
		       note_revision_entry *out, int n, st_err *err)
{
	return page_by_id(db, &revision_pager, anchor ? &anchor->id : NULL, backward, out, n, err);
}

/* ---- a summary in words -------------------------------------------------------- */

static void count_text(int what, long long n, char *buf, size_t size)
{
	unsigned long k = (unsigned long)n;

	switch (what) {
	case SYNC_WHAT_NOTES:
		snprintf(buf, size, ngettext("%lld note", "%lld notes", k), n);
		break;
	case SYNC_WHAT_TAGS:
		snprintf(buf, size, ngettext("%lld tag", "%lld tags", k), n);
		break;
	case SYNC_WHAT_CHECKINS:
		snprintf(buf, size, ngettext("%lld check-in", "%lld check-ins", k), n);
		break;
	case SYNC_WHAT_PEOPLE:
		snprintf(buf, size, ngettext("%lld change to people", "%lld changes to people", k), n);
		break;
	default:
		snprintf(buf, size, ngettext("%lld other change", "%lld other changes", k), n);
		break;
	}
}

void sync_counts_text(const long long *n, char *buf, size_t size)
{
	size_t len = 0;
	char one[128];
	int i;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < SYNC_WHAT_COUNT; i++) {
		if (n[i] == 0)
			continue;
		count_text(i, n[i], one, sizeof one);
		len += (size_t)snprintf(buf + len, len < size ? size - len : 0, "%s%s",
					len ? ", " : "", one);
		if (len >= size)
			return;
	}
	if (len == 0)
		snprintf(buf, size, "%s", _("nothing new"));
}
