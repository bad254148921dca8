/* note_list.c: reading notes (see notes.h): the pages and counts of a
 * note_filter, one note by id, and the review queue.
 *
 * Lists are keyset pages on (created_at, id), like the other lists, or in
 * the order of the session's date on (session_date, created_at, id).  The
 * WHERE clause is put together from fixed fragments according to which
 * filters are set (never from what a person typed, which is always
 * bound), so each combination gets its own plan: live notes in time order
 * come straight from the index note_by_deleted_created, in the order of
 * the session's date from note_by_deleted_session_date (session_date is
 * the session's date, copied into the note by triggers for this index),
 * one session's from note_by_session in both orders.  The shapes do not
 * rely on SQLite's guesses (the program runs no ANALYZE, and without it
 * SQLite takes "deleted_at IS NULL", true of nearly every note, for a
 * narrow filter): a programme's or a month's walk in time order starts at
 * its first note (time_bound), by session date at its first date
 * (date_bound), a school's notes come from a list of ids, with "+"
 * keeping the time index out of it.
 *
 * A search is turned into an FTS5 query by note_search_query
 * (note_search.c) and goes through the FTS5 table note_fts (migration 3). */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/figures.h"
#include "core/tags.h"
#include "core/i18n.h"
#include "core/note_fts.h"
#include "core/note_search.h"
#include "core/notes.h"
#include "core/tag_codes.h"
#include "core/text.h"

/* Room for any statement put together here, and for a WHERE clause. */
#define NOTES_SQL_MAX 8192
#define NOTES_WHERE_MAX 2560
#define NOTES_BOUND_MAX 1024

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

static bool is_set(const char *s)
{
	return s && *s;
}

/* ---- reading ------------------------------------------------------------ */

#define NOTE_COLUMNS \
	"n.id, n.session_id, n.kind, n.body, n.group_label," \
	" coalesce(n.about_person_id, 0), coalesce(n.about_org_id, 0), n.author," \
	" n.created_at, n.updated_at, coalesce(n.deleted_at, ''), pr.name, s.code, s.kind," \
	" n.session_date, coalesce(p.first_name || ' ' || p.last_name, o.name, '')," \
	" coalesce(o.name, ho.name, '')"
#define NOTE_FROM " FROM note n JOIN session s ON s.id = n.session_id" NOTE_JOINS
/* For lists: note first whatever SQLite guesses (the filters choose its
 * index), never session first and then sorting a programme's notes. */
#define NOTE_FROM_LIST " FROM note n CROSS JOIN session s ON s.id = n.session_id" NOTE_JOINS
#define NOTE_JOINS \
	" JOIN programme pr ON pr.id = s.programme_id" \
	" LEFT JOIN person p ON p.id = n.about_person_id" \
	" LEFT JOIN organisation o ON o.id = n.about_org_id" \
	" LEFT JOIN organisation ho ON ho.id = s.host_org_id"
/* A note from the row st is on (NOTE_COLUMNS), each text column as
 * text(st, i) gives it; its tags and factor_polarity are left 0. */
static void note_fill_row(sqlite3_stmt *st, st_note *n, char *(*text)(sqlite3_stmt *st, int i))
{
	memset(n, 0, sizeof *n);
	n->id = sqlite3_column_int64(st, 0);
	n->session_id = sqlite3_column_int64(st, 1);
	n->kind = text(st, 2);
	n->body = text(st, 3);
	n->group_label = text(st, 4);
	n->about_person_id = sqlite3_column_int64(st, 5);
	n->about_org_id = sqlite3_column_int64(st, 6);
	n->author = text(st, 7);
	n->created_at = text(st, 8);
	n->updated_at = text(st, 9);
	n->deleted_at = text(st, 10);
	n->programme = text(st, 11);
	n->session_code = text(st, 12);
	n->session_kind = text(st, 13);
	n->session_date = text(st, 14);
	n->about = text(st, 15);
	n->school = text(st, 16);
}

static void note_from_row(sqlite3_stmt *st, st_note *n)
{
	note_fill_row(st, n, db_column_strdup);
	n->tags = strdup("");
}

/* What a filter binds, made once per query: folded labels and the FTS5
 * query. */
struct bound_filter {
	char *group, *author, *search;
	/* With factor_id: its notes as a list of ids that drives the query
	 * (factor_list, see factor_plan), else a probe of each note's tags. */
	bool factor_list;
	/* With a search in the order of the session's date: the matches,
	 * collected once, are probed on that order's walk (search_plan),
	 * instead of note_fts driving and every match being sorted. */
	bool search_walk;
	/* On that walk, one window of it at a time (search_windows): only
	 * the matches between :lo and :hi are collected. */
	bool window;
};

/* True when note_fts drives the query (a search, see note_from). */
static bool fts_drives(const struct bound_filter *b)
{
	return b->search && !b->search_walk;
}

static void bound_free(struct bound_filter *b)
{
	free(b->group);
	free(b->author);
	free(b->search);
}

static char *fold_trimmed(const char *s)
{
	char *f = text_fold(s);

	return f ? text_trim(f) : NULL;
}

/* With expand, a search's prefixes become the words they stand for
 * (note_fts.h): for what reads a screen or a capped count.  An exact
 * count reads every match, which FTS5 does faster from the prefix. */
static int bound_make(sqlite3 *db, const note_filter *f, bool expand, struct bound_filter *b,
		      st_err *err)
{
	char *query;

	memset(b, 0, sizeof *b);
	if (!f)
		return 0;
	if ((is_set(f->group_label) && !(b->group = fold_trimmed(f->group_label))) ||
	    (is_set(f->author) && !(b->author = fold_trimmed(f->author)))) {
		bound_free(b);
		return st_err_set(err, _("out of memory"));
	}
	/* A search with no word in it (only quotes or stars) does not filter,
	 * like an empty one. */
	if (is_set(f->search) && (query = note_search_query(f->search))) {
		b->search = expand ? note_fts_expand(db, query) : strdup(query);
		free(query);
		if (!b->search) {
			bound_free(b);
			return st_err_set(err, _("out of memory"));
		}
	}
	return 0;
}

/* Fragments on the session's columns (alias s), shared by filter_where
 * and time_bound.  A session dated by month only ("2018-11") is inside a
 * range that shares a day with that month. */
#define W_PROGRAMME " AND s.programme_id = :programme"
#define W_SESSION_KIND " AND s.kind = :session_kind"
#define W_FROM " AND (s.date >= :from OR substr(:from, 1, length(s.date)) = s.date)"
#define W_TO " AND (s.date <= :to OR substr(s.date, 1, length(:to)) = :to)"

/* Notes of a school: of the sessions it hosted, and about it.  As a list
 * of ids the query reads only these (a few hundred), not the time index. */
#define W_ORG " AND n.id IN (SELECT x.id FROM session h JOIN note x ON x.session_id = h.id" \
	" WHERE h.host_org_id = :org UNION ALL SELECT id FROM note WHERE about_org_id = :org)"

/* True when f filters on the session's columns, so a query must join
 * session; without them a count reads only the note index. */
static bool filters_session(const note_filter *f)
{
	return f && (f->programme_id || is_set(f->session_kind) || f->org_id ||
		     is_set(f->from) || is_set(f->to));
}

/* True when a list of ids drives the query (a school's notes): then the
 * live / trash test must not look like an index to use ("+"), or SQLite
 * walks every note in time order probing the list. */
static bool driven_by_list(const note_filter *f, const struct bound_filter *b)
{
	return f && (f->org_id || b->factor_list);
}

/* The factor and the factors below it. */
#define FACTOR_SUBTREE "(WITH RECURSIVE d(id) AS (SELECT :factor UNION" \
	" SELECT x.id FROM factor x JOIN d ON x.parent_id = d.id) SELECT id FROM d)"

/* A factor's notes: with a list of them SQLite collects every note of
 * the subtree first (a category: a fifth of the network), so lists probe
 * each note's tags (its primary key) while walking the time index, which
 * reaches a screen after a few hundred notes.  A factor with few matching
 * notes (fig_total, live notes) would make that walk read most of the
 * network; its notes are few enough to collect and sort instead.  Not
 * with a school, a session or a search, whose own index drives. */
#define FACTOR_LIST_MAX 2000

/* The kept figure for f's factor and polarity (the live notes tagged on
 * it or below; with a polarity, those with such a tag): *notes, in the
 * whole network, or (scoped) under f's programme, kind of session and
 * session.  For neutral it is the notes with neither polarity, not those
 * with a neutral tag: only an estimate then (factor_plan). */
static int factor_figure(sqlite3 *db, const note_filter *f, bool scoped, long long *notes,
			 st_err *err)
{
	figure_filter scope = { .programme_id = f->programme_id, .session_kind = f->session_kind,
				.session_id = f->session_id };
	int which = f->polarity == NOTE_POLARITY_ENABLER ? 1 : f->polarity == NOTE_POLARITY_BARRIER
		  ? 2 : f->polarity == NOTE_POLARITY_NEUTRAL ? 3 : 0;

	return factor_notes_counted(db, f->factor_id, scoped ? &scope : NULL, which, notes, err);
}

static int factor_plan(sqlite3 *db, const note_filter *f, struct bound_filter *b, st_err *err)
{
	long long notes;

	b->factor_list = false;
	if (!f || !f->factor_id || f->org_id || f->session_id || b->search)
		return 0;
	/* The list holds the factor's notes in the whole network. */
	if (factor_figure(db, f, false, &notes, err) != 0)
		return -1;
	b->factor_list = notes < FACTOR_LIST_MAX;
	return 0;
}

/* True when f selects a factor's live notes (with a polarity other than
 * neutral), perhaps of one programme, kind of session or session, and
 * nothing else: fig_total and fig_session count them. */
static bool counted_by_figures(const note_filter *f)
{
	return f && f->factor_id && !f->trash && !f->untagged &&
	       f->polarity != NOTE_POLARITY_NEUTRAL && !f->org_id && !is_set(f->kind) &&
	       !is_set(f->group_label) && !is_set(f->author) && !is_set(f->from) &&
	       !is_set(f->to) && !is_set(f->search);
}

/* The WHERE clause of f (after "WHERE 1"). */
static void filter_where(const note_filter *f, const struct bound_filter *b, char *buf,
			 size_t n)
{
	static const note_filter none;

	if (!f)
		f = &none;
	const char *polarity = "";
	bool plus = driven_by_list(f, b);

	if (f->polarity != NOTE_POLARITY_ANY && !f->factor_id)
		polarity = " AND n.id IN (SELECT note_id FROM tag WHERE polarity = :polarity)";
	snprintf(buf, n, "%s%s%s%s%s%s%s%s%s%s%s%s%s%s",
		 f->trash ? (plus ? " AND +n.deleted_at IS NOT NULL" : " AND n.deleted_at IS NOT NULL")
			  : (plus ? " AND +n.deleted_at IS NULL" : " AND n.deleted_at IS NULL"),
		 f->programme_id ? W_PROGRAMME : "",
		 f->session_id ? " AND n.session_id = :session" : "",
		 is_set(f->session_kind) ? W_SESSION_KIND : "",
		 is_set(f->kind) ? " AND n.kind = :kind" : "",
		 b->group ? " AND st_fold(n.group_label) = :group" : "",
		 b->author ? " AND st_fold(n.author) = :author" : "",
		 f->org_id ? W_ORG : "",
		 is_set(f->from) ? W_FROM : "",
		 is_set(f->to) ? W_TO : "",
		 /* note_fts drives the query then (note_from), or its
		  * matches are a list to probe ("+": not to drive). */
		 fts_drives(b) ? " AND note_fts MATCH :search"
		 : b->window ? " AND +n.id IN (SELECT rowid FROM note_fts WHERE note_fts MATCH :search"
			       " AND rowid BETWEEN :lo AND :hi)"
		 : b->search ? " AND +n.id IN (SELECT rowid FROM note_fts WHERE note_fts MATCH :search)"
		 : "",
		 /* Tagged with the factor or one below it. */
		 !f->factor_id ? ""
		 : b->factor_list ? " AND n.id IN (SELECT t.note_id FROM tag t WHERE t.factor_id IN"
				    FACTOR_SUBTREE
		 : " AND EXISTS (SELECT 1 FROM tag t WHERE t.note_id = n.id AND t.factor_id IN"
		   FACTOR_SUBTREE,
		 f->factor_id && f->polarity != NOTE_POLARITY_ANY ? " AND t.polarity = :polarity" : "",
		 f->factor_id ? ")" : "");
	if (*polarity && strlen(buf) + strlen(polarity) < n)
		strcat(buf, polarity);
	if (f->untagged && strlen(buf) + 60 < n)
		strcat(buf, " AND NOT EXISTS (SELECT 1 FROM tag u WHERE u.note_id = n.id)");
}

/* A search walks note_fts in rowid (= note id) order; within one session
 * only that session's range of ids, so FTS5 skips the rest of the network.
 * buf is "" otherwise. */
static void search_bound(const note_filter *f, const struct bound_filter *b, char *buf,
			 size_t n)
{
	*buf = '\0';
	if (b->search && f->session_id)
		snprintf(buf, n, " AND note_fts.rowid BETWEEN (SELECT min(id) FROM note"
			 " WHERE session_id = :session) AND (SELECT max(id) FROM note"
			 " WHERE session_id = :session)");
}

/* The FROM of a list or count of f.  A search drives the query from
 * note_fts in rowid order (reading matches only as far as a page needs,
 * not collecting them all first); CROSS JOIN keeps note, then session,
 * in that order whatever SQLite guesses: never a session first and then
 * sorting a programme's notes. */
static const char *note_from(const struct bound_filter *b, bool columns, bool session)
{
	if (columns)
		return fts_drives(b) ? " FROM note_fts CROSS JOIN note n ON n.id = note_fts.rowid"
				       " CROSS JOIN session s ON s.id = n.session_id" NOTE_JOINS
				     : NOTE_FROM_LIST;
	if (fts_drives(b))
		return session ? " FROM note_fts CROSS JOIN note n ON n.id = note_fts.rowid"
				 " CROSS JOIN session s ON s.id = n.session_id"
			       : " FROM note_fts CROSS JOIN note n ON n.id = note_fts.rowid";
	return session ? " FROM note n CROSS JOIN session s ON s.id = n.session_id" : " FROM note n";
}

/* With a filter on the session's columns (programme, kind of session,
 * dates) notes come in time order from the time index, which would read
 * every note before the first that matches (a programme of years ago:
 * half a million).  This bound (after "WHERE 1 ...") starts that walk at
 * the first note of a matching session after the anchor (the last before
 * it when backward), found with one seek per session in note_by_session;
 * NULL when none, which selects nothing, rightly.  One session and a
 * school have their own index and need none: buf is "". */
static void time_bound(const note_filter *f, const struct bound_filter *b, bool anchor,
		       bool backward, char *buf, size_t n)
{
	static const char *const after[2] = {
		" AND (x.created_at, x.id) > (:at, :id)", " AND (x.created_at, x.id) < (:at, :id)",
	};

	*buf = '\0';
	if (!filters_session(f) || f->session_id || f->org_id || is_set(f->search) ||
	    b->factor_list)
		return;
	snprintf(buf, n, " AND n.created_at %s (SELECT %s((SELECT x.created_at FROM note x"
		 " WHERE x.session_id = s.id%s ORDER BY x.created_at%s, x.id%s LIMIT 1))"
		 " FROM session s WHERE 1%s%s%s%s)", backward ? "<=" : ">=",
		 backward ? "max" : "min", anchor ? after[backward] : "",
		 backward ? " DESC" : "", backward ? " DESC" : "",
		 f->programme_id ? W_PROGRAMME : "", is_set(f->session_kind) ? W_SESSION_KIND : "",
		 is_set(f->from) ? W_FROM : "", is_set(f->to) ? W_TO : "");
}

static void bind_filter(sqlite3_stmt *st, const note_filter *f, const struct bound_filter *b)
{
	if (!f)
		return;
	db_bind_named_int64(st, ":programme", f->programme_id);
	db_bind_named_int64(st, ":session", f->session_id);
	if (is_set(f->session_kind))
		db_bind_named_text(st, ":session_kind", f->session_kind);
	if (is_set(f->kind))
		db_bind_named_text(st, ":kind", f->kind);
	if (b->group)
		db_bind_named_text(st, ":group", b->group);
	if (b->author)
		db_bind_named_text(st, ":author", b->author);
	db_bind_named_int64(st, ":org", f->org_id);
	if (is_set(f->from))
		db_bind_named_text(st, ":from", f->from);
	if (is_set(f->to))
		db_bind_named_text(st, ":to", f->to);
	if (b->search)
		db_bind_named_text(st, ":search", b->search);
	db_bind_named_int64(st, ":factor", f->factor_id);
	db_bind_named_int64(st, ":polarity", f->polarity == NOTE_POLARITY_NEUTRAL ? 0 : f->polarity);
}

/* The error of a failed step: with a search, FTS5 may be the one that
 * failed, so say what was searched for. */
static int step_error(sqlite3 *db, const note_filter *f, st_err *err)
{
	if (f && is_set(f->search))
		return st_err_set(err, _("cannot search for \"%s\": %s"), f->search,
				  sqlite3_errmsg(db));
	return db_error(db, err);
}

static int read_notes(sqlite3 *db, sqlite3_stmt *st, const note_filter *f, st_note *out,
		      int n, st_err *err)
{
	int got = 0, rc = SQLITE_DONE, i;
	long long *ids;
	char **tags;

	while (got < n && (rc = sqlite3_step(st)) == SQLITE_ROW)
		note_from_row(st, &out[got++]);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		step_error(db, f, err);
		goto fail;
	}
	ids = malloc(sizeof *ids * (size_t)(got ? got : 1));
	tags = malloc(sizeof *tags * (size_t)(got ? got : 1));
	for (i = 0; ids && i < got; i++)
		ids[i] = out[i].id;
	rc = ids && tags ? tag_texts(db, ids, got, tags, err) : st_err_set(err, "%s", _("out of memory"));
	for (i = 0; rc == 0 && i < got; i++) {
		free(out[i].tags);
		out[i].tags = tags[i];
	}
	/* Evidence: how each note is tagged with the filter's factor. */
	if (rc == 0 && f && f->factor_id && got > 0) {
		int *bits = malloc(sizeof *bits * (size_t)got);

		rc = bits ? tag_polarities_within(db, f->factor_id, ids, got, bits, err)
			  : st_err_set(err, "%s", _("out of memory"));
		for (i = 0; rc == 0 && i < got; i++)
			out[i].factor_polarity = bits[i];
		free(bits);
	}
	free(ids);
	free(tags);
	if (rc == 0)
		return got;
fail:
	while (got > 0)
		note_clear(&out[--got]);
	return -1;
}

/* Prepares sql; a search FTS5 cannot parse may already fail here. */
static sqlite3_stmt *prepare_filtered(sqlite3 *db, const char *sql, const note_filter *f,
				      st_err *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		step_error(db, f, err);
		return NULL;
	}
	return st;
}

/* What a list is ordered by (see note_page in notes.h). */
enum list_key {
	KEY_ENTERED,   /* (created_at, id) */
	KEY_ID,        /* a search in entry order: note_fts's rowid, the note id */
	KEY_SESSION,   /* (session_date, created_at, id) */
};

static enum list_key list_key(const note_filter *f, const struct bound_filter *b)
{
	/* One session's notes share its date: both orders are one, and
	 * note_by_session (or a search's range of ids) serves it. */
	if (f && f->order == NOTE_ORDER_SESSION && !f->session_id)
		return KEY_SESSION;
	return b->search ? KEY_ID : KEY_ENTERED;
}

/* In the order of the session's date, with a filter on the session's
 * columns (programme, kind of session, dates), the walk on
 * note_by_deleted_session_date is bounded (after "WHERE 1 ...") to the
 * dates of the sessions that match, found on the session indexes: it
 * starts at the first and stops after the last, instead of reading the
 * rest of the network (a programme is a school year).  After an anchor
 * only the far end is bounded, so that the keyset starts the walk.  NULL
 * when no session matches, which selects nothing, rightly.  Where
 * time_bound needs none, neither does this: buf is "". */
static void date_bound(const note_filter *f, const struct bound_filter *b, bool anchor,
		       bool backward, char *buf, size_t n)
{
	char sessions[384];   /* about 250 used */

	*buf = '\0';
	if (!filters_session(f) || f->session_id || f->org_id || fts_drives(b) || b->factor_list)
		return;
	snprintf(sessions, sizeof sessions, "FROM session s WHERE 1%s%s%s%s",
		 f->programme_id ? W_PROGRAMME : "", is_set(f->session_kind) ? W_SESSION_KIND : "",
		 is_set(f->from) ? W_FROM : "", is_set(f->to) ? W_TO : "");
	if (!anchor || backward)
		snprintf(buf, n, " AND n.session_date >= (SELECT min(s.date) %s)", sessions);
	if (!anchor || !backward)
		snprintf(buf + strlen(buf), n - strlen(buf),
			 " AND n.session_date <= (SELECT max(s.date) %s)", sessions);
}

/* A search in the order of the session's date: note_fts gives its matches
 * in id order only, so they are either all read and sorted, which costs
 * every match (a common word: a third of the network), or collected once
 * as a list of ids that the walk in that order probes, which costs a
 * tenth of that per match plus the walk, as far as the page needs.  The
 * walk is taken when the matches are at least one note in
 * SEARCH_WALK_SHARE (counted up to that many, against the highest note
 * id), so that it finds a page after some SEARCH_WALK_SHARE notes per
 * row; fewer matches are sorted, which costs little.  Not with a school
 * or a factor's list, whose few notes drive. */
#define SEARCH_WALK_SHARE 50

static int search_plan(sqlite3 *db, const note_filter *f, struct bound_filter *b,
		       enum list_key key, st_err *err)
{
	b->search_walk = false;
	if (key != KEY_SESSION || !b->search || f->org_id || b->factor_list)
		return 0;
	if (note_fts_common(db, b->search, SEARCH_WALK_SHARE, &b->search_walk) != SQLITE_OK)
		return step_error(db, f, err);
	return 0;
}

/* The statement of a page.  In entry order the notes come with their
 * columns straight from the walk.  In the order of the session's date the
 * ids of the page are found first and only those get their columns: where
 * that order has to be sorted (a search, a school, the trash) only ids
 * and keys are sorted, not every match's text. */
static void page_sql(const note_filter *f, const struct bound_filter *b, enum list_key key,
		     const char *conditions, const char *order, char *sql, size_t n)
{
	if (key != KEY_SESSION)
		snprintf(sql, n, "SELECT " NOTE_COLUMNS "%s WHERE 1%s ORDER BY %s LIMIT :limit",
			 note_from(b, true, true), conditions, order);
	else
		snprintf(sql, n, "SELECT " NOTE_COLUMNS " FROM (SELECT n.id AS page_id%s WHERE 1%s"
			 " ORDER BY %s LIMIT :limit) CROSS JOIN note n ON n.id = page_id"
			 " CROSS JOIN session s ON s.id = n.session_id" NOTE_JOINS " ORDER BY %s",
			 note_from(b, false, filters_session(f)), conditions, order, order);
}

/* [list_key][backward] */
static const char *const page_after[3][2] = {
	{ " AND (n.created_at, n.id) > (:at, :id)", " AND (n.created_at, n.id) < (:at, :id)" },
	{ " AND note_fts.rowid > :id", " AND note_fts.rowid < :id" },
	{ " AND (n.session_date, n.created_at, n.id) > (:date, :at, :id)",
	  " AND (n.session_date, n.created_at, n.id) < (:date, :at, :id)" },
};
static const char *const page_order[3][2] = {
	{ "n.created_at, n.id", "n.created_at DESC, n.id DESC" },
	{ "note_fts.rowid", "note_fts.rowid DESC" },
	{ "n.session_date, n.created_at, n.id",
	  "n.session_date DESC, n.created_at DESC, n.id DESC" },
};

/* A window of the walk in the order of the session's date (see
 * search_windows): the ids it spans and the key of its last note. */
struct window {
	int rows;
	long long lo, hi, end_id;
	char end_date[32], end_at[32];
};

static void bind_anchor(sqlite3_stmt *st, const st_note *anchor)
{
	if (!anchor)
		return;
	db_bind_named_text(st, ":date", or_empty(anchor->session_date));
	db_bind_named_text(st, ":at", or_empty(anchor->created_at));
	db_bind_named_int64(st, ":id", anchor->id);
}

/* The statement of up to n notes (-1: all) of f after anchor in the
 * order of key, as b plans them; within window w when given (its end
 * bounds the walk, its ids the matches).  Nearest first when backward.
 * NULL with err set. */
static sqlite3_stmt *page_statement(sqlite3 *db, const note_filter *f,
				    const struct bound_filter *b, enum list_key key,
				    const st_note *anchor, bool backward,
				    const struct window *w, int n, st_err *err)
{
	static const char *const window_end[2] = {
		" AND (n.session_date, n.created_at, n.id) <= (:wdate, :wat, :wid)",
		" AND (n.session_date, n.created_at, n.id) >= (:wdate, :wat, :wid)",
	};
	char where[NOTES_WHERE_MAX], bound[NOTES_BOUND_MAX], sbound[NOTES_BOUND_MAX];
	char conditions[NOTES_WHERE_MAX + 2 * NOTES_BOUND_MAX + 256], sql[NOTES_SQL_MAX];
	sqlite3_stmt *st;

	filter_where(f, b, where, sizeof where);
	if (key == KEY_SESSION)
		date_bound(f, b, anchor != NULL, backward, bound, sizeof bound);
	else
		time_bound(f, b, anchor != NULL, backward, bound, sizeof bound);
	search_bound(f, b, sbound, sizeof sbound);
	snprintf(conditions, sizeof conditions, "%s%s%s%s%s", where, bound, sbound,
		 anchor ? page_after[key][backward] : "", w ? window_end[backward] : "");
	page_sql(f, b, key, conditions, page_order[key][backward], sql, sizeof sql);
	st = prepare_filtered(db, sql, f, err);
	if (!st)
		return NULL;
	bind_filter(st, f, b);
	bind_anchor(st, anchor);
	if (w) {
		db_bind_named_int64(st, ":lo", w->lo);
		db_bind_named_int64(st, ":hi", w->hi);
		db_bind_named_text(st, ":wdate", w->end_date);
		db_bind_named_text(st, ":wat", w->end_at);
		db_bind_named_int64(st, ":wid", w->end_id);
	}
	db_bind_named_int64(st, ":limit", n);
	return st;
}

/* page_statement's notes read into out. */
static int page_rows(sqlite3 *db, const note_filter *f, const struct bound_filter *b,
		     enum list_key key, const st_note *anchor, bool backward,
		     const struct window *w, st_note *out, int n, st_err *err)
{
	sqlite3_stmt *st = page_statement(db, f, b, key, anchor, backward, w, n, err);
	int got;

	if (!st)
		return -1;
	got = read_notes(db, st, f, out, n, err);
	sqlite3_finalize(st);
	return got;
}

/* Notes a search in the order of the session's date walks at a time. */
#define SEARCH_WINDOW 2048

/* The next window after anchor: the next SEARCH_WINDOW notes of f without
 * its search, in the order of the session's date (from the covering
 * index, without the notes' text).  w->rows is 0 at the end. */
static int window_next(sqlite3 *db, const note_filter *f, const struct bound_filter *b,
		       const st_note *anchor, bool backward, struct window *w, st_err *err)
{
	struct bound_filter plain = *b;
	char where[NOTES_WHERE_MAX], bound[NOTES_BOUND_MAX], sql[NOTES_SQL_MAX];
	sqlite3_stmt *st;
	long long id;
	int rc;

	plain.search = NULL;
	plain.search_walk = plain.window = false;
	filter_where(f, &plain, where, sizeof where);
	date_bound(f, &plain, anchor != NULL, backward, bound, sizeof bound);
	snprintf(sql, sizeof sql, "SELECT n.id, n.session_date, n.created_at%s WHERE 1%s%s%s"
		 " ORDER BY %s LIMIT %d", note_from(&plain, false, filters_session(f)), where,
		 bound, anchor ? page_after[KEY_SESSION][backward] : "",
		 page_order[KEY_SESSION][backward], SEARCH_WINDOW);
	st = prepare_filtered(db, sql, f, err);
	if (!st)
		return -1;
	bind_filter(st, f, &plain);
	bind_anchor(st, anchor);
	memset(w, 0, sizeof *w);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		w->lo = w->rows == 0 || id < w->lo ? id : w->lo;
		w->hi = w->rows == 0 || id > w->hi ? id : w->hi;
		w->rows++;
		w->end_id = id;
		snprintf(w->end_date, sizeof w->end_date, "%s", (const char *)sqlite3_column_text(st, 1));
		snprintf(w->end_at, sizeof w->end_at, "%s", (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : step_error(db, f, err);
}

/* A search in the order of the session's date with many matches
 * (search_plan): the walk goes a window of SEARCH_WINDOW notes at a time,
 * and collects only the matches among the ids that window spans, which
 * FTS5 finds by seeking in each word's list (notes entered at a session
 * have ids close together), instead of every match of the network for
 * each screen.  The page is the matches of the first windows, in order;
 * as many windows as it takes to fill it. */
static int search_windows(sqlite3 *db, const note_filter *f, struct bound_filter *b,
			  const st_note *anchor, bool backward, st_note *out, int n, st_err *err)
{
	struct window w;
	st_note from = { 0 };
	/* The anchor's own copy: the next window is read into w. */
	char date[sizeof w.end_date], at[sizeof w.end_at];
	int got = 0, r;

	b->window = true;
	while (got < n) {
		if (window_next(db, f, b, anchor, backward, &w, err) != 0)
			goto fail;
		if (w.rows == 0)
			break;
		r = page_rows(db, f, b, KEY_SESSION, anchor, backward, &w, out + got, n - got, err);
		if (r < 0)
			goto fail;
		got += r;
		if (w.rows < SEARCH_WINDOW)
			break;
		snprintf(date, sizeof date, "%s", w.end_date);
		snprintf(at, sizeof at, "%s", w.end_at);
		from.id = w.end_id;
		from.session_date = date;
		from.created_at = at;
		anchor = &from;
	}
	return got;
fail:
	while (got > 0)
		note_clear(&out[--got]);
	return -1;
}

int note_page(sqlite3 *db, const note_filter *f, const st_note *anchor, bool backward,
	      st_note *out, int n, st_err *err)
{
	struct bound_filter b;
	enum list_key key;
	int got;

	if (n <= 0)
		return 0;
	if (bound_make(db, f, true, &b, err) != 0)
		return -1;
	key = list_key(f, &b);
	if (factor_plan(db, f, &b, err) != 0 || search_plan(db, f, &b, key, err) != 0) {
		bound_free(&b);
		return -1;
	}
	if (key == KEY_SESSION && b.search_walk)
		got = search_windows(db, f, &b, anchor, backward, out, n, err);
	else
		got = page_rows(db, f, &b, key, anchor, backward, NULL, out, n, err);
	bound_free(&b);
	/* Backward pages come nearest first; show them in display order. */
	if (backward && got > 0)
		db_reverse_rows(out, got, sizeof(st_note));
	return got;
}

/* Column i of st as the row's own text (valid until the next step), for
 * note_fill_row: no copy per column of every note a stream reads. */
static char *column_borrowed(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? (char *)s : (char *)"";
}

/* Every note of f in one statement, for note_each: a search read whole
 * from its prefixes (as an exact count is) and sorted, never in windows. */
static sqlite3_stmt *all_statement(sqlite3 *db, const note_filter *f, struct bound_filter *b,
				   st_err *err)
{
	enum list_key key;

	if (bound_make(db, f, false, b, err) != 0)
		return NULL;
	key = list_key(f, b);
	if (factor_plan(db, f, b, err) != 0)
		return NULL;
	return page_statement(db, f, b, key, NULL, false, NULL, -1, err);
}

int note_each(sqlite3 *db, const note_filter *f, int (*each)(void *ctx, const st_note *n),
	      void *ctx, st_err *err)
{
	struct bound_filter b;
	tag_codes *codes = tag_codes_new(db, f ? f->tags_coder : NULL, err);
	sqlite3_stmt *st = codes ? all_statement(db, f, &b, err) : NULL;
	int rc = 0, step = SQLITE_DONE;

	if (!st) {
		if (codes)
			bound_free(&b);
		tag_codes_free(codes);
		return -1;
	}
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *tags = tag_codes_of(codes, sqlite3_column_int64(st, 0), err);
		st_note n;

		if (!tags) {
			rc = -1;
			break;
		}
		note_fill_row(st, &n, column_borrowed);
		n.tags = (char *)tags;
		rc = each(ctx, &n);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = step_error(db, f, err);
	sqlite3_finalize(st);
	bound_free(&b);
	tag_codes_free(codes);
	return rc;
}

/* Counts what f selects; cap > 0 stops after cap + 1 rows, so a count on
 * a keystroke costs at most that many rows whatever the filter.  The
 * session is joined only when f needs it: then the covering index
 * note_by_deleted_created answers alone.  A capped count of a factor's
 * notes reads them from tag_by_factor (no order needed), a note once
 * however many of its tags are in the subtree; an exact one collects
 * them as a list.  A factor's notes and nothing else are counted already,
 * in fig_total. */
static long long count_notes(sqlite3 *db, const note_filter *f, long long cap, st_err *err)
{
	char where[NOTES_WHERE_MAX], bound[NOTES_BOUND_MAX], sbound[NOTES_BOUND_MAX];
	char sql[NOTES_SQL_MAX];
	struct bound_filter b;
	sqlite3_stmt *st;
	long long count = -1;
	bool by_tag, by_session;

	/* A factor's notes, as the overview shows them: stored, exact. */
	if (counted_by_figures(f)) {
		if (factor_figure(db, f, true, &count, err) != 0)
			return -1;
		return cap > 0 && count > cap + 1 ? cap + 1 : count;
	}
	if (bound_make(db, f, cap > 0, &b, err) != 0)
		return -1;
	by_tag = cap > 0 && f && f->factor_id && !f->org_id && !f->session_id && !b.search;
	/* A capped count has no order to keep: the notes of the sessions
	 * that match, session by session (note_by_session), reach the cap
	 * after about that many notes, where the walk in time order from
	 * time_bound reads every note between, each from its row. */
	by_session = cap > 0 && !by_tag && filters_session(f) && !f->session_id && !f->org_id &&
		     !b.search;
	b.factor_list = f && f->factor_id && cap <= 0;
	filter_where(f, &b, where, sizeof where);
	if (!by_session)
		time_bound(f, &b, false, false, bound, sizeof bound);
	else
		*bound = '\0';
	search_bound(f, &b, sbound, sizeof sbound);
	if (by_tag)
		snprintf(sql, sizeof sql, "SELECT count(*) FROM (SELECT DISTINCT tf.note_id"
			 " FROM tag tf CROSS JOIN note n ON n.id = tf.note_id%s"
			 " WHERE tf.factor_id IN " FACTOR_SUBTREE "%s LIMIT :cap)",
			 filters_session(f) ? " CROSS JOIN session s ON s.id = n.session_id" : "",
			 where);
	else
		snprintf(sql, sizeof sql,
			 cap > 0 ? "SELECT count(*) FROM (SELECT 1%s WHERE 1%s%s%s LIMIT :cap)"
				 : "SELECT count(*)%s WHERE 1%s%s%s",
			 by_session ? " FROM session s CROSS JOIN note n ON n.session_id = s.id"
				    : note_from(&b, false, filters_session(f)), where, bound, sbound);
	st = prepare_filtered(db, sql, f, err);
	if (!st) {
		bound_free(&b);
		return -1;
	}
	bind_filter(st, f, &b);
	db_bind_named_int64(st, ":cap", cap + 1);
	if (sqlite3_step(st) == SQLITE_ROW)
		count = sqlite3_column_int64(st, 0);
	else
		step_error(db, f, err);
	sqlite3_finalize(st);
	bound_free(&b);
	return count;
}

long long note_count(sqlite3 *db, const note_filter *f, st_err *err)
{
	return count_notes(db, f, 0, err);
}

long long note_count_upto(sqlite3 *db, const note_filter *f, long long cap, st_err *err)
{
	return count_notes(db, f, cap > 0 ? cap : 1, err);
}

int note_get(sqlite3 *db, long long id, st_note *out, st_err *err)
{
	sqlite3_stmt *st = db_prepare_ints(db, "SELECT " NOTE_COLUMNS NOTE_FROM " WHERE n.id = ?1",
					   &id, 1, err);
	int got;

	if (!st)
		return -1;
	got = read_notes(db, st, NULL, out, 1, err);
	sqlite3_finalize(st);
	return got;
}

int note_next_untagged(sqlite3 *db, const note_filter *f, long long after_id, st_note *out,
		       st_err *err)
{
	note_filter q = { 0 };
	st_note anchor = { 0 };
	int rc;

	if (f)
		q = *f;
	q.trash = false;
	q.untagged = true;
	if (after_id) {
		rc = note_get(db, after_id, &anchor, err);
		if (rc < 0)
			return -1;
		if (rc == 0)
			return st_err_set(err, _("there is no note with id %lld"), after_id);
	}
	rc = note_page(db, &q, after_id ? &anchor : NULL, false, out, 1, err);
	note_clear(&anchor);
	return rc;
}
