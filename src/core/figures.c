/* figures.c: the figures of the factor overview, summed from the tables
 * the triggers keep (schema_figures.c), the factors tagged on the same notes, and
 * both counted again from the notes and tags themselves to check those
 * tables.  See figures.h.
 *
 * The figures touch every note, so each is one SQL statement that never
 * loads notes into C. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/factors_sql.h"
#include "core/figures.h"
#include "core/session_kinds.h"

/* The per-kind columns k0..k3 of the figure queries, one per session kind
 * (session_kinds.h): read with a default, counted per note, summed per
 * session, and taken from fig_total. */
#define KIND_FIGURE(i, key) "coalesce(fig.k" #i ", 0)"
#define KIND_NOTE_COUNT(i, key) "sum(kind = '" key "') AS k" #i
#define KIND_SESSION_SUM(i, key) "  sum(CASE WHEN s.kind = '" key "' THEN fs.notes ELSE 0 END) AS k" #i
#define KIND_TOTAL(i, key) "t.k" #i

void factor_figure_values(const factor_figures *x, int v[FACTOR_FIGURE_VALUES])
{
	int i;

	v[0] = x->notes;
	v[1] = x->sessions;
	v[2] = x->schools;
	v[3] = x->enablers;
	v[4] = x->barriers;
	v[5] = x->neutral;
	for (i = 0; i < SESSION_KIND_COUNT; i++)
		v[6 + i] = x->by_kind[i];
}

/* The notes a figure counts: live, at a session that passes the filter.
 * The WHERE clause is put together from these fixed fragments, only those
 * the filter needs, so that a filtered figure starts from the session
 * (its primary key, or session_by_code for a programme) and reaches its
 * notes through note_by_session: a condition like (:session = 0 OR
 * s.id = :session) can use no index.  The joins are CROSS JOINs so the
 * planner keeps that order whatever it guesses about deleted_at (without
 * ANALYZE it takes "deleted_at IS NULL" for selective; it holds for 99%
 * of notes), and +n.deleted_at keeps it from the deleted_at index. */
#define FIGURE_NOTES_FROM \
	" session s CROSS JOIN note n ON n.session_id = s.id AND +n.deleted_at IS NULL"
#define FIGURE_BY_PROGRAMME " AND s.programme_id = :programme"
#define FIGURE_BY_KIND " AND s.kind = :kind"
#define FIGURE_BY_SESSION " AND s.id = :session"

/* The WHERE conditions (each starting " AND ") for filter f, after "WHERE
 * true", into buf. */
static const char *figure_where(const figure_filter *f, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s", f && f->programme_id ? FIGURE_BY_PROGRAMME : "",
		 f && f->session_kind && *f->session_kind ? FIGURE_BY_KIND : "",
		 f && f->session_id ? FIGURE_BY_SESSION : "");
	return buf;
}

/* True when f counts every note: no programme, kind of session or session
 * (a coder may still be set). */
static bool all_notes(const figure_filter *f)
{
	return !f || (!f->programme_id && !(f->session_kind && *f->session_kind) && !f->session_id);
}

/* One coder's tags only (the tags are t, or t1 and t2 of a pair). */
#define FIGURE_BY_CODER " AND t.coder = st_fold(:coder)"
#define PAIR_BY_CODER " AND t1.coder = st_fold(:coder) AND t2.coder = st_fold(:coder)"

/* True when f restricts the tags to one coder. */
static bool by_coder(const figure_filter *f)
{
	return f && f->coder;
}

/* Binds the parameters figure_where put in (those it left out are not in
 * the statement), and the coder's. */
static void bind_figure_filter(sqlite3_stmt *st, const figure_filter *f)
{
	int i = sqlite3_bind_parameter_index(st, ":coder");

	if (i > 0)
		sqlite3_bind_text(st, i, f->coder, -1, SQLITE_STATIC);
	i = sqlite3_bind_parameter_index(st, ":programme");

	if (i > 0)
		sqlite3_bind_int64(st, i, f->programme_id);
	i = sqlite3_bind_parameter_index(st, ":kind");
	if (i > 0)
		sqlite3_bind_text(st, i, f->session_kind, -1, SQLITE_STATIC);
	i = sqlite3_bind_parameter_index(st, ":session");
	if (i > 0)
		sqlite3_bind_int64(st, i, f->session_id);
}

/* Reads the rows of a figures statement (factor id and the ten figures in
 * factor_figures order) into out, up to max.  Returns how many, or -1. */
static int read_figures(sqlite3 *db, sqlite3_stmt *st, factor_figures *out, int max,
			st_err *err)
{
	int got = 0, rc = SQLITE_DONE, i;

	while (got < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		factor_figures *x = &out[got++];

		x->factor_id = sqlite3_column_int64(st, 0);
		x->notes = sqlite3_column_int(st, 1);
		x->sessions = sqlite3_column_int(st, 2);
		x->schools = sqlite3_column_int(st, 3);
		x->enablers = sqlite3_column_int(st, 4);
		x->barriers = sqlite3_column_int(st, 5);
		x->neutral = sqlite3_column_int(st, 6);
		for (i = 0; i < 4; i++)
			x->by_kind[i] = sqlite3_column_int(st, 7 + i);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, err);
	return got;
}

/* Every factor in tree order with the figures of fig (fid and the
 * figures), 0 where fig has no row. */
#define FIGURES_TAIL \
	" SELECT tree.id, coalesce(fig.notes, 0), coalesce(fig.sessions, 0)," \
	" coalesce(fig.schools, 0), coalesce(fig.en, 0), coalesce(fig.ba, 0)," \
	" coalesce(fig.neutral, 0), " SESSION_KINDS(KIND_FIGURE, ", ") \
	" FROM tree LEFT JOIN fig ON fig.fid = tree.id ORDER BY tree.path"

/* Runs head, the filter's conditions and tail as one figures statement
 * (see read_figures). */
static int run_figures(sqlite3 *db, const char *head, const char *tail, const figure_filter *f,
		       factor_figures *out, int max, st_err *err)
{
	static const figure_filter none = { 0 };
	char sql[4096], where[256];
	sqlite3_stmt *st;

	if (max <= 0)
		return 0;
	if (!f)
		f = &none;
	snprintf(sql, sizeof sql, "%s%s%s%s", head, figure_where(f, where, sizeof where),
		 by_coder(f) ? FIGURE_BY_CODER : "", tail);
	st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	bind_figure_filter(st, f);
	return read_figures(db, st, out, max, err);
}

int factor_figures_recount(sqlite3 *db, const figure_filter *f, factor_figures *out, int max,
			   st_err *err)
{
	/* anc maps every factor to itself and each of its ancestors; a tag
	 * counts for every factor its factor is mapped to.  per_note has one
	 * row per (factor, note): a note counts as an enabler of F when one
	 * of its tags on F or below is +1, as a barrier when one is -1 (it can
	 * be both), and as neutral when all of them are 0. */
#define RECOUNT_HEAD(from) \
		"WITH RECURSIVE " FACTOR_TREE_CTE "," \
		" anc(factor_id, ancestor_id) AS (SELECT id, id FROM factor" \
		"  UNION ALL SELECT anc.factor_id, f.parent_id FROM anc" \
		"  JOIN factor f ON f.id = anc.ancestor_id WHERE f.parent_id IS NOT NULL)," \
		" per_note AS (SELECT anc.ancestor_id AS fid, t.note_id, n.session_id AS sid," \
		"  s.kind AS kind, CASE WHEN o.kind = 'school' THEN o.id END AS school," \
		"  max(t.polarity = 1) AS en, max(t.polarity = -1) AS ba" \
		"  FROM" from " CROSS JOIN anc ON anc.factor_id = t.factor_id" \
		"  LEFT JOIN organisation o ON o.id = coalesce(n.about_org_id, s.host_org_id)" \
		"  WHERE true"
	static const char head[] = RECOUNT_HEAD(FIGURE_NOTES_FROM
						" CROSS JOIN tag t ON t.note_id = n.id");
	/* One coder's: from their tags (tag_by_coder), a subset of all. */
	static const char coder_head[] = RECOUNT_HEAD(
		" tag t CROSS JOIN note n ON n.id = t.note_id AND +n.deleted_at IS NULL"
		" CROSS JOIN session s ON s.id = n.session_id");
#undef RECOUNT_HEAD
	static const char tail[] =
		"  GROUP BY anc.ancestor_id, t.note_id),"
		" fig AS (SELECT fid, count(*) AS notes, count(DISTINCT sid) AS sessions,"
		"  count(DISTINCT school) AS schools, sum(en) AS en, sum(ba) AS ba,"
		"  sum(en = 0 AND ba = 0) AS neutral,"
		"  " SESSION_KINDS(KIND_NOTE_COUNT, ", ")
		"  FROM per_note GROUP BY fid)"
		FIGURES_TAIL;

	return run_figures(db, by_coder(f) ? coder_head : head, tail, f, out, max, err);
}

/* The figures of every factor from a table that keeps them, one row per
 * factor: fig_total (all notes) or fig_scope (one programme or kind of
 * session), "TABLE t WHERE ...". */
#define KEPT_FIGURES(from) \
	"WITH RECURSIVE " FACTOR_TREE_CTE "," \
	" fig AS (SELECT t.ancestor_id AS fid, t.notes, t.sessions, t.schools," \
	"  t.enablers AS en, t.barriers AS ba, t.neutral, " SESSION_KINDS(KIND_TOTAL, ", ") \
	"  FROM " from

/* The scope f's figures are kept under in fig_scope, when f is one
 * programme alone (*programme, *kind "") or one kind of session alone
 * (0, the kind): true.  False for all notes, a session, a programme and a
 * kind together, or one coder's tags (fig_session, or the tags, count
 * those). */
static bool kept_scope(const figure_filter *f, long long *programme, const char **kind)
{
	bool by_kind = f && f->session_kind && *f->session_kind;

	if (!f || by_coder(f) || f->session_id || (f->programme_id != 0) == by_kind)
		return false;
	*programme = f->programme_id;
	*kind = by_kind ? f->session_kind : "";
	return true;
}

/* Binds fig_scope's key of the scope (kept_scope) in st. */
static void bind_scope(sqlite3_stmt *st, long long programme, const char *kind)
{
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope_programme"), programme);
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":scope_kind"), kind, -1,
			  SQLITE_STATIC);
}
#define SCOPE_KEY "programme_id = :scope_programme AND kind = :scope_kind"

/* factor_figures_all of one scope of fig_scope. */
static int scope_figures(sqlite3 *db, long long programme, const char *kind,
			 factor_figures *out, int max, st_err *err)
{
	static const char sql[] = KEPT_FIGURES("fig_scope t WHERE t." SCOPE_KEY ")") FIGURES_TAIL;
	sqlite3_stmt *st;

	if (max <= 0)
		return 0;
	st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	bind_scope(st, programme, kind);
	return read_figures(db, st, out, max, err);
}

int factor_figures_all(sqlite3 *db, const figure_filter *f, factor_figures *out, int max,
		       st_err *err)
{
	/* Filtered: fig_session (see schema_figures.c) holds the figures per
	 * (session, factor, the notes' organisation): sums of its rows, and
	 * the distinct sessions and schools among them.  The school of a row is
	 * its organisation, else the session's host, when that is a school. */
	static const char head[] =
		"WITH RECURSIVE " FACTOR_TREE_CTE ","
		" fig AS (SELECT fs.ancestor_id AS fid, sum(fs.notes) AS notes,"
		"  count(DISTINCT fs.session_id) AS sessions,"
		"  count(DISTINCT CASE WHEN o.kind = 'school' THEN o.id END) AS schools,"
		"  sum(fs.enablers) AS en, sum(fs.barriers) AS ba, sum(fs.neutral) AS neutral,"
		"  " SESSION_KINDS(KIND_SESSION_SUM, ",")
		"  FROM session s CROSS JOIN fig_session fs ON fs.session_id = s.id"
		"  LEFT JOIN organisation o ON o.id = coalesce(nullif(fs.about_org_id, 0), s.host_org_id)"
		"  WHERE true";
	static const char tail[] = "  GROUP BY fs.ancestor_id)" FIGURES_TAIL;
	/* All notes: fig_total has the sums and the schools (migration 19;
	 * counting a factor's rows of fig_total_org, one per organisation,
	 * was factors x organisations rows, 8-22 ms at a million notes). */
	static const char total[] = KEPT_FIGURES("fig_total t WHERE true");
	long long programme;
	const char *kind;

	if (by_coder(f))
		return factor_figures_recount(db, f, out, max, err);
	if (all_notes(f))
		return run_figures(db, total, ")" FIGURES_TAIL, NULL, out, max, err);
	if (kept_scope(f, &programme, &kind))
		return scope_figures(db, programme, kind, out, max, err);
	return run_figures(db, head, tail, f, out, max, err);
}

int factor_notes_counted(sqlite3 *db, long long id, const figure_filter *f, int which,
			 long long *notes, st_err *err)
{
	static const char total[] = "SELECT notes, enablers, barriers, neutral FROM fig_total"
				    " WHERE ancestor_id = :id";
	/* The sessions of f, each reaching the factor's rows of fig_session
	 * by their key: a programme's or a kind's sessions, not the notes of
	 * the factor's subtree, which may be most of the network. */
	static const char head[] =
		"SELECT coalesce(sum(fs.notes), 0), coalesce(sum(fs.enablers), 0),"
		" coalesce(sum(fs.barriers), 0), coalesce(sum(fs.neutral), 0)"
		" FROM session s CROSS JOIN fig_session fs ON fs.session_id = s.id"
		" AND fs.ancestor_id = :id WHERE true";
	static const char scoped[] = "SELECT notes, enablers, barriers, neutral FROM fig_scope"
				     " WHERE " SCOPE_KEY " AND ancestor_id = :id";
	char sql[sizeof head + 256], where[256];
	long long programme;
	const char *kind;
	sqlite3_stmt *st;
	int rc;

	*notes = 0;
	if (all_notes(f))
		st = db_prepare(db, total, err);
	else if (kept_scope(f, &programme, &kind)) {
		st = db_prepare(db, scoped, err);
		if (st)
			bind_scope(st, programme, kind);
	} else {
		snprintf(sql, sizeof sql, "%s%s", head, figure_where(f, where, sizeof where));
		st = db_prepare(db, sql, err);
	}
	if (!st)
		return -1;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":id"), id);
	if (f)
		bind_figure_filter(st, f);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*notes = sqlite3_column_int64(st, which >= 0 && which <= 3 ? which : 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(db, err);
}

/* Where factor_cooccurrence_recount (the query the kept fig_pair figures
 * are checked against) starts: from the tags of the factor (by
 * tag_by_factor), or, filtered by session or programme, from the notes
 * of those sessions (note_by_session covers them).  Neither reads the
 * note rows: a note is live when it is not in the trash, the few notes
 * note_by_deleted_created holds with a deleted_at (an index on them is
 * made once per statement), which costs far less than looking up the
 * hundred thousand notes of a big factor. */
#define COOC_BY_FACTOR \
	" FROM d CROSS JOIN tag t1 ON t1.factor_id = d.id"
#define COOC_BY_SESSION \
	" FROM session s CROSS JOIN note n ON n.session_id = s.id" \
	" CROSS JOIN tag t1 ON t1.note_id = n.id AND t1.factor_id IN (SELECT id FROM d)"

/* Reads the rows of a co-occurrence statement (factor id, code, name,
 * notes) into out, up to max.  Returns how many, or -1. */
static int read_cooccur(sqlite3 *db, sqlite3_stmt *st, factor_cooccur *out, int max,
			st_err *err)
{
	int got = 0, rc = SQLITE_DONE;

	while (got < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		out[got].factor_id = sqlite3_column_int64(st, 0);
		snprintf(out[got].code, sizeof out[got].code, "%s", col_text(st, 1));
		snprintf(out[got].name, sizeof out[got].name, "%s", col_text(st, 2));
		out[got].notes = sqlite3_column_int(st, 3);
		got++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, err);
	return got;
}

int factor_cooccurrence(sqlite3 *db, long long id, const figure_filter *f, factor_cooccur *out,
			int max, st_err *err)
{
	/* fig_pair (see schema_figures.c) holds per (factor on or below id, session)
	 * the notes shared with each factor outside id; fig_pair_total the
	 * same for all sessions. */
	static const char head[] =
		"WITH RECURSIVE " FACTOR_TREE_CTE ","
		" hit(fid, c) AS (SELECT p.factor_id, sum(p.notes) FROM session s"
		"  CROSS JOIN fig_pair p ON p.ancestor_id = :id AND p.session_id = s.id WHERE true";
	static const char tail[] = "  GROUP BY p.factor_id)"
		" SELECT f.id, f.code, f.name, hit.c FROM hit"
		" JOIN factor f ON f.id = hit.fid JOIN tree ON tree.id = f.id"
		" WHERE hit.c > 0 ORDER BY hit.c DESC, tree.path LIMIT :max";
	static const char total[] =
		"WITH RECURSIVE " FACTOR_TREE_CTE
		" SELECT f.id, f.code, f.name, p.notes FROM fig_pair_total p"
		" JOIN factor f ON f.id = p.factor_id JOIN tree ON tree.id = f.id"
		" WHERE p.ancestor_id = :id AND p.notes > 0 ORDER BY p.notes DESC, tree.path LIMIT :max";
	char sql[sizeof head + sizeof tail + 256], where[256];
	sqlite3_stmt *st;

	if (max <= 0)
		return 0;
	if (by_coder(f))
		return factor_cooccurrence_recount(db, id, f, out, max, err);
	if (all_notes(f))
		st = db_prepare(db, total, err);
	else {
		snprintf(sql, sizeof sql, "%s%s%s", head, figure_where(f, where, sizeof where), tail);
		st = db_prepare(db, sql, err);
	}
	if (!st)
		return -1;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":id"), id);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":max"), max);
	if (f)
		bind_figure_filter(st, f);
	return read_cooccur(db, st, out, max, err);
}

int factor_cooccurrence_recount(sqlite3 *db, long long id, const figure_filter *f,
				factor_cooccur *out, int max, st_err *err)
{
	/* hit has one row per tag t2 outside d on a note tagged (t1) within
	 * d; a note tagged twice within d is there twice, hence DISTINCT. */
	static const char head[] =
		"WITH RECURSIVE " FACTOR_DESC_CTE(":id") ","
		" " FACTOR_TREE_CTE ","
		" hit(fid, note_id) AS (SELECT t2.factor_id, t1.note_id";
	static const char join[] =
		" CROSS JOIN tag t2 ON t2.note_id = t1.note_id"
		" WHERE t2.factor_id NOT IN (SELECT id FROM d)"
		" AND t1.note_id NOT IN (SELECT id FROM note WHERE deleted_at IS NOT NULL)";
	static const char by_session_kind[] =
		" AND (SELECT kind FROM session WHERE id = (SELECT session_id FROM note"
		"  WHERE id = t1.note_id)) = :kind";
	static const char tail[] = ")"
		" SELECT f.id, f.code, f.name, count(DISTINCT hit.note_id) AS c FROM hit"
		" JOIN factor f ON f.id = hit.fid JOIN tree ON tree.id = f.id"
		" GROUP BY f.id ORDER BY c DESC, min(tree.path) LIMIT :max";
	static const figure_filter none = { 0 };
	char sql[sizeof head + sizeof COOC_BY_SESSION + sizeof join + sizeof by_session_kind +
		 sizeof PAIR_BY_CODER + sizeof tail + 256], where[256];
	sqlite3_stmt *st;
	bool by_session;

	if (max <= 0)
		return 0;
	if (!f)
		f = &none;
	/* Only a kind of session: from the factor, with the kind looked up
	 * per note (a kind spans every programme). */
	by_session = f->session_id || f->programme_id;
	snprintf(sql, sizeof sql, "%s%s%s%s%s%s", head, by_session ? COOC_BY_SESSION : COOC_BY_FACTOR,
		 join, by_session ? figure_where(f, where, sizeof where)
		 : f->session_kind && *f->session_kind ? by_session_kind : "",
		 by_coder(f) ? PAIR_BY_CODER : "", tail);
	st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":id"), id);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":max"), max);
	bind_figure_filter(st, f);
	return read_cooccur(db, st, out, max, err);
}
