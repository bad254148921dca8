/* draaiboek_notes.c: the draaiboek's notes per factor, gathered in one
 * pass over the tags, or read from the kept figures and indexes (see
 * draaiboek_notes.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/draaiboek_notes.h"
#include "core/i18n.h"

/* Per factor: quotes and observations as enabler, the same as barrier,
 * ideas, actions; each the oldest few, by (created_at, id). */
#define SLOTS (2 * DRAAIBOEK_GROUPS)
#define STR_(x) #x
#define STR(x) STR_(x)

struct kept {
	long long id;
	char *at;                /* created_at */
};

struct slot {
	struct kept *k;          /* sorted, oldest first */
	int n, room, cap;        /* kept, allocated, at most */
};

struct factor_index {
	long long id;
	int i;                   /* in the snapshot */
};

struct draaiboek_notes {
	int nf;
	struct factor_index *by_id;
	struct slot *slots;      /* nf * SLOTS */
	struct slot untagged;    /* ideas and actions, by session date */
	long long *sessions;     /* every session id, sorted */
	int ns;
	unsigned char *at;       /* nf rows of ns bits: a factor's sessions */
	int *all, *tagged;       /* per session: live notes, tagged ones */
	int notes, tagged_sessions;
	char *authors[DRAAIBOEK_FACILITATORS];   /* the first, sorted */
	int nauthors;
	long long note;          /* the note of the row before */
	struct seen { long long factor; int polarity; } *seen;   /* its tags so far */
	int nseen, room_seen;
};

/* Every live note that counts with its tags, one row per tag and coder
 * (one with no tag when it has none; only coder ?5's tags when given), a
 * note's rows one after the other: all notes, or one session's.  Coders
 * who gave a factor the same polarity count once: take_row skips the rows
 * after the first (a subquery per tag for the least coder cost twice the
 * rest of the pass).  In no order: what the pass keeps does not depend on
 * it (the oldest few by (created_at, id), the first facilitators by name,
 * counts), so the notes come from note_live_by_session_kind alone, which
 * holds every column read here, without the table and its text (INDEXED
 * BY: SQLite would take a range of deleted_at for a few rows, and read
 * the table). */
#define PASS_COLUMNS "SELECT n.id, n.kind, n.created_at, n.session_id, n.author, s.date," \
	" t.factor_id, t.polarity"
#define PASS_FILTER " n.deleted_at IS NULL AND (?2 = 0 OR s.programme_id = ?2)" \
	" AND (?3 IS NULL OR s.kind = ?3) AND (?4 = 0 OR s.id = ?4)"
#define PASS_JOINS " CROSS JOIN session s ON s.id = n.session_id" \
	" LEFT JOIN tag t ON t.note_id = n.id AND (?5 IS NULL OR t.coder = st_fold(?5))"
static const char pass_all[] = PASS_COLUMNS " FROM note n INDEXED BY note_live_by_session_kind"
	PASS_JOINS " WHERE" PASS_FILTER;
static const char pass_session[] = PASS_COLUMNS " FROM note n" PASS_JOINS
	" WHERE n.session_id = ?4 AND" PASS_FILTER;

static int by_factor_id(const void *a, const void *b)
{
	const struct factor_index *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static int by_value(const void *a, const void *b)
{
	const long long *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

static int factor_of(const draaiboek_notes *d, long long id)
{
	struct factor_index key = { id, 0 };
	const struct factor_index *f = bsearch(&key, d->by_id, (size_t)d->nf, sizeof key,
					       by_factor_id);

	return f ? f->i : -1;
}

static int session_of(const draaiboek_notes *d, long long id)
{
	const long long *s = bsearch(&id, d->sessions, (size_t)d->ns, sizeof id, by_value);

	return s ? (int)(s - d->sessions) : -1;
}

/* The slot a tag of this polarity on a note of this kind goes in; -1. */
static int slot_of(const char *kind, int polarity)
{
	if (strcmp(kind, "idea") == 0)
		return 2 * DRAAIBOEK_HANDVATTEN;
	if (strcmp(kind, "action") == 0)
		return 2 * DRAAIBOEK_HANDVATTEN + 1;
	if (polarity == 0)
		return -1;
	if (strcmp(kind, "quote") == 0)
		return polarity > 0 ? 2 * DRAAIBOEK_HELPS : 2 * DRAAIBOEK_HINDERS;
	if (strcmp(kind, "observation") == 0)
		return polarity > 0 ? 2 * DRAAIBOEK_HELPS + 1 : 2 * DRAAIBOEK_HINDERS + 1;
	return -1;
}

static bool older(const char *at, long long id, const struct kept *k)
{
	int c = strcmp(at, k->at);

	return c < 0 || (c == 0 && id < k->id);
}

/* Keeps note id (created at) in s when it is among the oldest s->cap.
 * 0, or -1 when out of memory. */
static int keep(struct slot *s, long long id, const char *at)
{
	char *copy;
	int i;

	if (s->cap == 0 || (s->n == s->cap && !older(at, id, &s->k[s->n - 1])))
		return 0;
	/* Once: an idea two coders tagged with the factor, + and -, comes
	 * twice (its rows differ in polarity). */
	for (i = 0; i < s->n; i++)
		if (s->k[i].id == id)
			return 0;
	if (s->n == s->room && s->n < s->cap) {
		int room = s->cap - s->room < s->room + 4 ? s->cap : 2 * s->room + 4;
		struct kept *grown = realloc(s->k, sizeof *grown * (size_t)room);

		if (!grown)
			return -1;
		s->k = grown;
		s->room = room;
	}
	if (!(copy = strdup(at)))
		return -1;
	if (s->n == s->cap)
		free(s->k[--s->n].at);
	for (i = s->n; i > 0 && older(at, id, &s->k[i - 1]); i--)
		s->k[i] = s->k[i - 1];
	s->k[i] = (struct kept){ id, copy };
	s->n++;
	return 0;
}

/* Room for every factor's slots and sessions (after read_sessions).
 * 0, or -1. */
static int make_room(draaiboek_notes *d, const codebook_snapshot *cb, int max)
{
	size_t row = ((size_t)d->ns + 7) / 8;
	int i, k;

	d->nf = cb->n;
	d->by_id = calloc((size_t)(d->nf ? d->nf : 1), sizeof *d->by_id);
	d->slots = calloc((size_t)(d->nf ? d->nf : 1) * SLOTS, sizeof *d->slots);
	d->at = calloc((size_t)(d->nf ? d->nf : 1) * (row ? row : 1), 1);
	d->tagged = calloc((size_t)(d->ns ? d->ns : 1), sizeof *d->tagged);
	d->all = calloc((size_t)(d->ns ? d->ns : 1), sizeof *d->all);
	d->untagged.cap = DRAAIBOEK_UNTAGGED + 1;
	if (!d->by_id || !d->slots || !d->at || !d->tagged || !d->all)
		return -1;
	for (i = 0; i < d->nf; i++) {
		d->by_id[i] = (struct factor_index){ cb->f[i].id, i };
		for (k = 0; k < SLOTS; k++)
			d->slots[i * SLOTS + k].cap = k >= 2 * DRAAIBOEK_HANDVATTEN ? 2 * max : max;
	}
	qsort(d->by_id, (size_t)d->nf, sizeof *d->by_id, by_factor_id);
	return 0;
}

/* Every session id, sorted, into d.  0, or -1 with err set. */
static int read_sessions(sqlite3 *db, draaiboek_notes *d, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM session ORDER BY id", err);
	int rc, cap = 0;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (d->ns == cap) {
			long long *grown = realloc(d->sessions, sizeof *grown * (size_t)(cap = 2 * cap + 256));

			if (!grown)
				break;
			d->sessions = grown;
		}
		d->sessions[d->ns++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return st_err_set(err, "%s", _("out of memory"));
	return rc == SQLITE_DONE ? 0 : db_error(db, err);
}

static const char *text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

/* Keeps author among the first DRAAIBOEK_FACILITATORS, sorted, once.
 * 0, or -1 when out of memory. */
static int keep_author(draaiboek_notes *d, const char *author)
{
	int i, c = 1;

	for (i = d->nauthors; i > 0 && (c = strcmp(author, d->authors[i - 1])) < 0; i--)
		;
	if (*author == '\0' || (i > 0 && c == 0) || i == DRAAIBOEK_FACILITATORS)
		return 0;
	if (d->nauthors == DRAAIBOEK_FACILITATORS)
		free(d->authors[--d->nauthors]);
	memmove(&d->authors[i + 1], &d->authors[i], sizeof *d->authors * (size_t)(d->nauthors - i));
	d->nauthors++;
	return (d->authors[i] = strdup(author)) ? 0 : -1;
}

/* A note seen for the first time (its first row): counted, its author,
 * and when it has no tag and is an idea or action, among those the
 * appendix lists, by (session date, created_at, id): as one key, with a
 * byte below any text between the two, which sorts as the pair does.
 * 0, or -1 when out of memory. */
static int take_note(draaiboek_notes *d, sqlite3_stmt *st, int session, bool tagged)
{
	const char *kind = text(st, 1);
	char key[256];

	d->all[session]++;
	if (tagged) {
		if (d->tagged[session]++ == 0)
			d->tagged_sessions++;
		d->notes++;
	}
	if (keep_author(d, text(st, 4)) != 0)
		return -1;
	if (tagged || (strcmp(kind, "idea") != 0 && strcmp(kind, "action") != 0))
		return 0;
	snprintf(key, sizeof key, "%s\x01%s", text(st, 5), text(st, 2));
	return keep(&d->untagged, sqlite3_column_int64(st, 0), key);
}

/* True when the note of the rows being read already had a tag of factor
 * with polarity (another coder's); else notes it.  -1 when out of
 * memory. */
static int seen_before(draaiboek_notes *d, long long factor, int polarity)
{
	int i;

	for (i = 0; i < d->nseen; i++)
		if (d->seen[i].factor == factor && d->seen[i].polarity == polarity)
			return 1;
	if (d->nseen == d->room_seen) {
		int room = 2 * d->room_seen + 8;
		struct seen *grown = realloc(d->seen, sizeof *grown * (size_t)room);

		if (!grown)
			return -1;
		d->seen = grown;
		d->room_seen = room;
	}
	d->seen[d->nseen++] = (struct seen){ factor, polarity };
	return 0;
}

/* One row of the pass: a note with one of its tags, or with none.  0, or
 * -1 when out of memory. */
static int take_row(draaiboek_notes *d, sqlite3_stmt *st)
{
	bool tagged = sqlite3_column_type(st, 6) != SQLITE_NULL;
	long long note = sqlite3_column_int64(st, 0), factor = sqlite3_column_int64(st, 6);
	int session = session_of(d, sqlite3_column_int64(st, 3)), polarity, f, slot, seen;

	if (session < 0)
		return 0;
	if (note != d->note) {
		if (take_note(d, st, session, tagged) != 0)
			return -1;
		d->nseen = 0;
	}
	d->note = note;
	polarity = sqlite3_column_int(st, 7);
	if (!tagged || (seen = seen_before(d, factor, polarity)) > 0)
		return 0;
	if (seen < 0)
		return -1;
	if ((f = factor_of(d, factor)) < 0)
		return 0;
	d->at[(size_t)f * (((size_t)d->ns + 7) / 8) + (size_t)session / 8] |=
		(unsigned char)(1u << (session % 8));
	slot = slot_of(text(st, 1), polarity);
	return slot < 0 ? 0 : keep(&d->slots[f * SLOTS + slot], note, text(st, 2));
}

/* ---- from the kept figures ------------------------------------------------ */

/* Without a coder the draaiboek reads what the pass gathers from the
 * kept figures and indexes, each read a few rows per session, factor or
 * name, so that it costs the same at any number of notes: the counts per
 * session from fig_session_notes, each factor's sessions from
 * fig_session, the facilitators from note_live_by_author one name after
 * the other, the untagged ideas and actions and each factor's notes
 * from walks in their order that stop at the few shown.  ?1 to ?3 are
 * the filter (programme, kind of session, session). */
#define KEPT_SESSIONS " (?1 = 0 OR s.programme_id = ?1) AND (?2 IS NULL OR s.kind = ?2)" \
	" AND (?3 = 0 OR s.id = ?3)"
#define KEPT_NOTE_SESSION " AND (?1 = 0 AND ?2 IS NULL AND ?3 = 0" \
	" OR n.session_id IN (SELECT s.id FROM session s WHERE" KEPT_SESSIONS "))"

struct kept_filter {
	long long programme_id, session_id;
	const char *session_kind;
};

static sqlite3_stmt *kept_prepare(sqlite3 *db, const char *sql, const struct kept_filter *f,
				  st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, sql, err);

	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, f->programme_id);
	db_bind_text_or_null(st, 2, f->session_kind);
	sqlite3_bind_int64(st, 3, f->session_id);
	return st;
}

/* Finalizes st after its rows; 0, or -1 with err set (rc the last step:
 * SQLITE_ROW when a row could not be kept, for want of memory). */
static int kept_done(sqlite3 *db, sqlite3_stmt *st, int rc, st_err *err)
{
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return st_err_set(err, "%s", _("out of memory"));
	return rc == SQLITE_DONE ? 0 : db_error(db, err);
}

/* Per session of the filter its live and tagged notes; the tagged ones
 * in all and their sessions. */
static int kept_counts(sqlite3 *db, draaiboek_notes *d, const struct kept_filter *f,
		       st_err *err)
{
	sqlite3_stmt *st = kept_prepare(db, "SELECT s.id, c.notes, c.tagged FROM session s"
					" JOIN fig_session_notes c ON c.session_id = s.id"
					" WHERE" KEPT_SESSIONS, f, err);
	int rc, i;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((i = session_of(d, sqlite3_column_int64(st, 0))) < 0)
			continue;
		d->all[i] = sqlite3_column_int(st, 1);
		d->tagged[i] = sqlite3_column_int(st, 2);
		d->notes += d->tagged[i];
		d->tagged_sessions += d->tagged[i] > 0;
	}
	return kept_done(db, st, rc, err);
}

/* The sessions of the filter each factor came up at (fig_session has a
 * row per factor and its ancestors: a leaf's are its own). */
static int kept_sessions_of_factors(sqlite3 *db, draaiboek_notes *d,
				    const struct kept_filter *f, st_err *err)
{
	sqlite3_stmt *st = kept_prepare(db, "SELECT fs.session_id, fs.ancestor_id FROM session s"
					" CROSS JOIN fig_session fs ON fs.session_id = s.id"
					" WHERE fs.notes > 0 AND" KEPT_SESSIONS, f, err);
	size_t row = ((size_t)d->ns + 7) / 8;
	int rc, s, i;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s = session_of(d, sqlite3_column_int64(st, 0));
		i = factor_of(d, sqlite3_column_int64(st, 1));
		if (s >= 0 && i >= 0)
			d->at[(size_t)i * row + (size_t)s / 8] |= (unsigned char)(1u << (s % 8));
	}
	return kept_done(db, st, rc, err);
}

/* The first facilitators by name: each name the next after the one
 * before in note_live_by_author, kept when it wrote a note of the
 * filter (one session: its notes hold them).  INDEXED BY: SQLite would
 * take min() from the live notes of note_by_deleted_session_date, all of
 * them. */
#define NEXT_AUTHOR(after) "SELECT min(author) FROM note INDEXED BY note_live_by_author" \
	" WHERE deleted_at IS NULL AND author > " after
static int kept_authors(sqlite3 *db, draaiboek_notes *d, const struct kept_filter *f,
			st_err *err)
{
	static const char names[] =
		"WITH RECURSIVE a(name) AS (SELECT (" NEXT_AUTHOR("''") ")"
		" UNION ALL SELECT (" NEXT_AUTHOR("a.name") ") FROM a WHERE a.name IS NOT NULL)"
		" SELECT name FROM a WHERE name IS NOT NULL AND EXISTS (SELECT 1 FROM note n"
		"  CROSS JOIN session s ON s.id = n.session_id WHERE n.author = a.name"
		"  AND n.deleted_at IS NULL AND" KEPT_SESSIONS ") LIMIT " STR(DRAAIBOEK_FACILITATORS);
	static const char one_session[] =
		"SELECT DISTINCT author FROM note WHERE session_id = ?3 AND deleted_at IS NULL"
		" AND author > '' AND ?1 = ?1 AND ?2 IS ?2 ORDER BY author";
	sqlite3_stmt *st = kept_prepare(db, f->session_id ? one_session : names, f, err);
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (keep_author(d, text(st, 0)) != 0)
			break;
	return kept_done(db, st, rc, err);
}

/* The oldest ideas and actions without a tag, by session date (the walk
 * spans the dates of the filter's sessions only: one session's notes
 * are the few of its day, not every note after it). */
static int kept_untagged(sqlite3 *db, draaiboek_notes *d, const struct kept_filter *f,
			 st_err *err)
{
	sqlite3_stmt *st = kept_prepare(db,
		"SELECT n.id, n.session_date, n.created_at FROM note n"
		" INDEXED BY note_by_deleted_session_date WHERE n.deleted_at IS NULL"
		" AND n.session_date BETWEEN (SELECT min(s.date) FROM session s WHERE" KEPT_SESSIONS ")"
		" AND (SELECT max(s.date) FROM session s WHERE" KEPT_SESSIONS ")"
		" AND NOT EXISTS (SELECT 1 FROM tag t WHERE t.note_id = n.id)"
		" AND n.kind IN ('idea', 'action')" KEPT_NOTE_SESSION
		" ORDER BY n.session_date, n.created_at, n.id LIMIT " STR(DRAAIBOEK_UNTAGGED) " + 1",
		f, err);
	char key[256];
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(key, sizeof key, "%s\x01%s", text(st, 1), text(st, 2));
		if (keep(&d->untagged, sqlite3_column_int64(st, 0), key) != 0)
			break;
	}
	return kept_done(db, st, rc, err);
}

/* A factor's notes of one kind (and polarity, NULL: any), oldest first:
 * by a walk of the live notes in time order that probes each one's tags
 * and stops at the few shown, or, for a factor on few notes (whose walk
 * would read most of the network before it found them), from its tags
 * (tag_by_factor), sorted.  ?4 factor, ?5 polarity, ?6 kind, ?7 how
 * many. */
#define KEPT_FEW_NOTES 2000
#define EVIDENCE_WHERE " AND n.deleted_at IS NULL AND n.kind = ?6" KEPT_NOTE_SESSION \
	" ORDER BY n.created_at, n.id LIMIT ?7"
static const char *const evidence_sql[3] = {
	"SELECT n.id, n.created_at FROM note n INDEXED BY note_by_deleted_created"
	" WHERE EXISTS (SELECT 1 FROM tag t WHERE t.note_id = n.id AND t.factor_id = ?4"
	" AND (?5 IS NULL OR t.polarity = ?5))" EVIDENCE_WHERE,
	"SELECT DISTINCT n.id, n.created_at FROM tag t CROSS JOIN note n ON n.id = t.note_id"
	" WHERE t.factor_id = ?4 AND (?5 IS NULL OR t.polarity = ?5)" EVIDENCE_WHERE,
	/* One session: its notes, in time order (a factor's tags are the
	 * whole network's). */
	"SELECT n.id, n.created_at FROM note n INDEXED BY note_by_session WHERE n.session_id = ?3"
	" AND EXISTS (SELECT 1 FROM tag t WHERE t.note_id = n.id AND t.factor_id = ?4"
	" AND (?5 IS NULL OR t.polarity = ?5))" EVIDENCE_WHERE,
};

/* What each slot holds (see slot_of): the kind, the polarity (0: any). */
static const struct { const char *kind; int polarity; } slot_is[SLOTS] = {
	[2 * DRAAIBOEK_HELPS] = { "quote", 1 }, [2 * DRAAIBOEK_HELPS + 1] = { "observation", 1 },
	[2 * DRAAIBOEK_HINDERS] = { "quote", -1 },
	[2 * DRAAIBOEK_HINDERS + 1] = { "observation", -1 },
	[2 * DRAAIBOEK_HANDVATTEN] = { "idea", 0 }, [2 * DRAAIBOEK_HANDVATTEN + 1] = { "action", 0 },
};

/* Slot k of factor i, filled from st (evidence_sql) up to what is shown:
 * the second slot of a group only what the first leaves. */
static int kept_slot(sqlite3 *db, draaiboek_notes *d, sqlite3_stmt *st, int i, int k,
		     long long factor_id, st_err *err)
{
	struct slot *s = &d->slots[i * SLOTS + k], *first = &d->slots[i * SLOTS + (k & ~1)];
	int want = k & 1 ? first->cap - first->n : s->cap, rc;

	if (want <= 0)
		return 0;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 4, factor_id);
	if (slot_is[k].polarity)
		sqlite3_bind_int(st, 5, slot_is[k].polarity);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_text(st, 6, slot_is[k].kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, want);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (keep(s, sqlite3_column_int64(st, 0), text(st, 1)) != 0)
			return st_err_set(err, "%s", _("out of memory"));
	return rc == SQLITE_DONE ? 0 : db_error(db, err);
}

/* The notes shown of every factor that shows notes (one with no
 * sub-factors and notes), slot by slot; a factor's figures for the
 * filter tell how many notes its tags hold with each polarity. */
static int kept_evidence(sqlite3 *db, draaiboek_notes *d, const codebook_snapshot *cb,
			 const struct kept_filter *f, st_err *err)
{
	sqlite3_stmt *st[2] = { kept_prepare(db, evidence_sql[f->session_id ? 2 : 0], f, err),
				NULL };
	int i, k, rc = -1;

	if (st[0] && (st[1] = kept_prepare(db, evidence_sql[f->session_id ? 2 : 1], f, err)))
		rc = 0;
	for (i = 0; rc == 0 && i < cb->n; i++) {
		const factor_figures *x = &cb->fig[i];

		if (cb->f[i].children > 0 || x->notes == 0)
			continue;
		for (k = 0; rc == 0 && k < SLOTS; k++) {
			int notes = slot_is[k].polarity > 0 ? x->enablers
				  : slot_is[k].polarity < 0 ? x->barriers : x->notes;

			rc = kept_slot(db, d, st[notes <= KEPT_FEW_NOTES], i, k, cb->f[i].id, err);
		}
	}
	sqlite3_finalize(st[0]);
	sqlite3_finalize(st[1]);
	return rc;
}

static int read_kept(sqlite3 *db, draaiboek_notes *d, const codebook_snapshot *cb,
		     const struct kept_filter *f, st_err *err)
{
	if (kept_counts(db, d, f, err) != 0 || kept_sessions_of_factors(db, d, f, err) != 0 ||
	    kept_authors(db, d, f, err) != 0 || kept_untagged(db, d, f, err) != 0)
		return -1;
	return kept_evidence(db, d, cb, f, err);
}


draaiboek_notes *draaiboek_notes_read(sqlite3 *db, const codebook_snapshot *cb,
				      long long programme_id, const char *session_kind,
				      long long session_id, const char *coder, int max,
				      st_err *err)
{
	draaiboek_notes *d = calloc(1, sizeof *d);
	sqlite3_stmt *st = NULL;
	int rc = SQLITE_DONE;

	if (!d) {
		st_err_set(err, "%s", _("out of memory"));
		return NULL;
	}
	if (read_sessions(db, d, err) != 0)
		goto fail;
	if (make_room(d, cb, max) != 0) {
		st_err_set(err, "%s", _("out of memory"));
		goto fail;
	}
	/* A programme or a kind of session stays with the pass: the walks
	 * in time order would cross every note before the filter's (a
	 * programme is a school year), and a factor's tags are those of
	 * the whole network (0.6 s by the pass, 14 s so at a million). */
	if (!coder && (session_id || (!programme_id && !session_kind))) {
		struct kept_filter f = { programme_id, session_id, session_kind };

		if (read_kept(db, d, cb, &f, err) != 0)
			goto fail;
		return d;
	}
	if (!(st = db_prepare(db, session_id ? pass_session : pass_all, err)))
		goto fail;
	sqlite3_bind_int64(st, 2, programme_id);
	db_bind_text_or_null(st, 3, session_kind);
	sqlite3_bind_int64(st, 4, session_id);
	if (coder)
		sqlite3_bind_text(st, 5, coder, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (take_row(d, st) != 0)
			break;
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return d;
	if (rc == SQLITE_ROW)
		st_err_set(err, "%s", _("out of memory"));
	else
		db_error(db, err);
fail:
	draaiboek_notes_free(d);
	return NULL;
}

int draaiboek_notes_ids(const draaiboek_notes *d, int factor, enum draaiboek_group g,
			long long *ids, int size)
{
	const struct slot *first = &d->slots[factor * SLOTS + 2 * (int)g], *then = first + 1;
	int n = 0, i;

	for (i = 0; i < first->n && n < first->cap && n < size; i++)
		ids[n++] = first->k[i].id;
	for (i = 0; i < then->n && n < first->cap && n < size; i++)
		ids[n++] = then->k[i].id;
	return n;
}

bool draaiboek_notes_at(const draaiboek_notes *d, int factor, long long session_id)
{
	int s = session_of(d, session_id);

	return s >= 0 && (d->at[(size_t)factor * (((size_t)d->ns + 7) / 8) + (size_t)s / 8] >>
			  (s % 8) & 1);
}

void draaiboek_notes_at_session(const draaiboek_notes *d, long long session_id, int *all,
				int *tagged)
{
	int s = session_of(d, session_id);

	*all = s >= 0 ? d->all[s] : 0;
	*tagged = s >= 0 ? d->tagged[s] : 0;
}

int draaiboek_notes_untagged(const draaiboek_notes *d, long long *ids, int size)
{
	int i;

	for (i = 0; i < d->untagged.n && i < size; i++)
		ids[i] = d->untagged.k[i].id;
	return d->untagged.n;
}

int draaiboek_notes_facilitators(const draaiboek_notes *d, const char *const **names)
{
	*names = (const char *const *)d->authors;
	return d->nauthors;
}

void draaiboek_notes_tagged(const draaiboek_notes *d, int *notes, int *sessions)
{
	*notes = d->notes;
	*sessions = d->tagged_sessions;
}

void draaiboek_notes_free(draaiboek_notes *d)
{
	int i, k;

	if (!d)
		return;
	for (i = 0; d->slots && i < d->nf * SLOTS; i++) {
		for (k = 0; d->slots[i].k && k < d->slots[i].n; k++)
			free(d->slots[i].k[k].at);
		free(d->slots[i].k);
	}
	free(d->slots);
	for (k = 0; k < d->untagged.n; k++)
		free(d->untagged.k[k].at);
	free(d->untagged.k);
	for (k = 0; k < d->nauthors; k++)
		free(d->authors[k]);
	free(d->all);
	free(d->by_id);
	free(d->sessions);
	free(d->at);
	free(d->tagged);
	free(d->seen);
	free(d);
}
