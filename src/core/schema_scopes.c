/* schema_scopes.c: migration 21 -> 22, the factor overview's figures kept
 * per programme and per kind of session (fig_scope, fig_scope_org).
 *
 * The overview filtered on a programme or a kind of session summed
 * fig_session over every session of it: at a million notes, a programme
 * of 625 sessions took 32 ms and a kind of session (1 250 sessions, every
 * programme) 70 ms, each time it was chosen.  fig_scope is fig_total for
 * one scope: a programme (programme_id, kind '') or a kind of session
 * (programme_id 0, kind); fig_scope_org is fig_total_org for one scope,
 * which counts its schools.  A session is in two scopes, its
 * programme's and its kind's.  Two columns, not one name, so that
 * renumber.c finds the programme's id where it finds the others.  A programme and a kind together, or one
 * session, are few sessions: the overview still sums fig_session then.
 *
 * Like fig_total (schema_figures.c), from fig_session:
 *
 *   fig_session  INSERT, UPDATE,   fig_scope_insert, _update,
 *                DELETE              _org_update, _delete -> fig_scope,
 *   session      programme, kind,  fig_scope_moved -----> fig_scope_org
 *                host
 *   fig_scope_org INSERT, DELETE   fig_scope_school_insert, _delete,
 *   organisation kind, new, gone     _kind, _new, _gone -> fig_scope.schools
 *
 * The migration also mends two ways a sync's order of rows left the kept
 * figures wrong (below): a note that comes after its tags, and a factor
 * erased before its tags move or go.
 *
 * Their rows, like fig_total's, stay when their figures reach 0; a row
 * of fig_scope_org goes when its notes do, and takes its school along.
 * check.c counts both afresh. */
#include "config.h"

#include "core/schema_figures.h"
#include "core/schema_pairs.h"
#include "core/session_kinds.h"

/* The scopes of session id, as rows (p, k: the scope; kind, host: the
 * session's). */
#define SCOPES(id) \
	"(SELECT programme_id AS p, '' AS k, kind, host_org_id AS host FROM session" \
	" WHERE id = " id " UNION ALL SELECT 0, kind, kind, host_org_id FROM session" \
	" WHERE id = " id ")"

/* The scopes a session of programme p and kind k is in, as rows (p, k). */
#define SCOPES_OF(p, k) "(SELECT " p " AS p, '' AS k UNION ALL SELECT 0, " k ")"

/* Table t's row is of the scope sc. */
#define IN_SCOPE(t) t ".programme_id = sc.p AND " t ".kind = sc.k"

/* k0..k3 (session_kinds.h order) for what the statements write. */
#define S_COLUMN(i, key) "  k" #i " INTEGER NOT NULL,"
#define S_SUM(i, key) " sum((s.kind = '" key "') * fs.notes),"
#define S_NEW(i, key) " (sc.kind = '" key "') * new.notes,"
#define S_EXCLUDED(i, key) " k" #i " = k" #i " + excluded.k" #i ","
#define S_CHANGE(i, key) " k" #i " = k" #i " + (sc.kind = '" key "') * (new.notes - old.notes),"
#define S_TAKE(i, key) " k" #i " = k" #i " - (sc.kind = '" key "') * old.notes,"
#define S_OUT(i, key) " k" #i " = k" #i " - (old.kind = '" key "') * x.n,"
#define S_IN(i, key) " (new.kind = '" key "') * x.n,"

/* The fill: fig_scope of the scopes `scope` (programme_id, kind of
 * session s). */
#define FILL_SCOPE(scope) \
	"INSERT INTO fig_scope SELECT " scope ", fs.ancestor_id, sum(fs.notes)," \
	" sum(fs.enablers), sum(fs.barriers), sum(fs.neutral)," SESSION_KINDS(S_SUM, ) \
	" count(DISTINCT fs.session_id), 0 FROM fig_session fs JOIN session s ON s.id = fs.session_id" \
	" GROUP BY 1, 2, 3;"
#define FILL_SCOPE_ORG(scope) \
	"INSERT INTO fig_scope_org SELECT " scope ", fs.ancestor_id," \
	" coalesce(nullif(fs.about_org_id, 0), s.host_org_id) AS org, sum(fs.notes)" \
	" FROM fig_session fs JOIN session s ON s.id = fs.session_id WHERE org IS NOT NULL" \
	" GROUP BY 1, 2, 3, 4;"

/* A session's figures per factor (x: ancestor_id, n, e, b, u), and per
 * factor and organisation with its host h (x: ancestor_id, org, n). */
#define SESSION_SUMS(id) \
	"(SELECT ancestor_id, sum(notes) AS n, sum(enablers) AS e, sum(barriers) AS b," \
	" sum(neutral) AS u FROM fig_session WHERE session_id = " id " GROUP BY ancestor_id)"
#define SESSION_ORGS(id, h) \
	"(SELECT ancestor_id, coalesce(nullif(about_org_id, 0), " h ") AS org, sum(notes) AS n" \
	" FROM fig_session WHERE session_id = " id " GROUP BY 1, 2)"

/* The rows of fig_scope_org of scope (p, k) whose notes reached 0, among
 * ancestor_id `a` and org_id `o` (each "= x" or "IN (...)"): by the
 * primary key, which a row value IN over the scopes would not use. */
#define ORGS_GONE(p, k, a, o) \
	"  DELETE FROM fig_scope_org WHERE programme_id = " p " AND kind = " k \
	"    AND ancestor_id " a " AND org_id " o " AND notes = 0;"
/* Those of both scopes of session id (SCOPES) for a row of fig_session
 * (r: new or old). */
#define ROW_ORGS_GONE(id, r) \
	ORGS_GONE("(SELECT programme_id FROM session WHERE id = " id ")", "''", \
		  "= " r ".ancestor_id", "= coalesce(nullif(" r ".about_org_id, 0)," \
		  " (SELECT host_org_id FROM session WHERE id = " id "))") \
	ORGS_GONE("0", "(SELECT kind FROM session WHERE id = " id ")", \
		  "= " r ".ancestor_id", "= coalesce(nullif(" r ".about_org_id, 0)," \
		  " (SELECT host_org_id FROM session WHERE id = " id "))")
/* Those of the scopes of a session of programme p, kind k and host h
 * (session id): its factors and organisations, by the key. */
#define SESSION_ORGS_GONE(id, p, k, h) \
	ORGS_GONE(p, "''", "IN (SELECT ancestor_id FROM fig_session WHERE session_id = " id ")", \
		  "IN (SELECT coalesce(nullif(about_org_id, 0), " h ") FROM fig_session" \
		  " WHERE session_id = " id ")") \
	ORGS_GONE("0", k, "IN (SELECT ancestor_id FROM fig_session WHERE session_id = " id ")", \
		  "IN (SELECT coalesce(nullif(about_org_id, 0), " h ") FROM fig_session" \
		  " WHERE session_id = " id ")")

/* fig_scope's factor has a row of organisation o in fig_scope_org. */
#define SCOPE_HAS_ROW(o) \
	"EXISTS (SELECT 1 FROM fig_scope_org fo WHERE fo.programme_id = fig_scope.programme_id" \
	" AND fo.kind = fig_scope.kind" \
	" AND fo.ancestor_id = fig_scope.ancestor_id AND fo.org_id = " o ")"

const char schema_scopes_migration[] =
	"CREATE TABLE fig_scope ("
	"  programme_id INTEGER NOT NULL,"
	"  kind        TEXT NOT NULL,"
	"  ancestor_id INTEGER NOT NULL,"
	"  notes       INTEGER NOT NULL,"
	"  enablers    INTEGER NOT NULL,"
	"  barriers    INTEGER NOT NULL,"
	"  neutral     INTEGER NOT NULL,"
	SESSION_KINDS(S_COLUMN, )
	"  sessions    INTEGER NOT NULL,"
	"  schools     INTEGER NOT NULL,"
	"  PRIMARY KEY (programme_id, kind, ancestor_id)"
	") WITHOUT ROWID;"
	"CREATE TABLE fig_scope_org ("
	"  programme_id INTEGER NOT NULL,"
	"  kind        TEXT NOT NULL,"
	"  ancestor_id INTEGER NOT NULL,"
	"  org_id      INTEGER NOT NULL,"
	"  notes       INTEGER NOT NULL,"
	"  PRIMARY KEY (programme_id, kind, ancestor_id, org_id)"
	") WITHOUT ROWID;"
	FILL_SCOPE("s.programme_id, ''")
	FILL_SCOPE("0, s.kind")
	FILL_SCOPE_ORG("s.programme_id, ''")
	FILL_SCOPE_ORG("0, s.kind")
	"UPDATE fig_scope SET schools = (SELECT count(*) FROM fig_scope_org fo"
	"  JOIN organisation o ON o.id = fo.org_id WHERE fo.programme_id = fig_scope.programme_id"
	"  AND fo.kind = fig_scope.kind AND fo.ancestor_id = fig_scope.ancestor_id"
	"  AND o.kind = 'school');"
	/* A new row of fig_session: a session counts once per factor, with
	 * its first row of it (as in fig_total). */
	"CREATE TRIGGER fig_scope_insert AFTER INSERT ON fig_session BEGIN"
	"  INSERT INTO fig_scope SELECT sc.p, sc.k, new.ancestor_id, new.notes, new.enablers,"
	"    new.barriers, new.neutral," SESSION_KINDS(S_NEW, )
	"    NOT EXISTS (SELECT 1 FROM fig_session WHERE session_id = new.session_id"
	"    AND ancestor_id = new.ancestor_id AND about_org_id != new.about_org_id), 0"
	"    FROM " SCOPES("new.session_id") " sc WHERE true"
	"    ON CONFLICT (programme_id, kind, ancestor_id) DO UPDATE SET"
	"    notes = notes + excluded.notes,"
	"    enablers = enablers + excluded.enablers, barriers = barriers + excluded.barriers,"
	"    neutral = neutral + excluded.neutral," SESSION_KINDS(S_EXCLUDED, )
	"    sessions = sessions + excluded.sessions;"
	"  INSERT INTO fig_scope_org SELECT sc.p, sc.k, new.ancestor_id,"
	"    coalesce(nullif(new.about_org_id, 0), sc.host) AS org, new.notes"
	"    FROM " SCOPES("new.session_id") " sc WHERE org IS NOT NULL"
	"    ON CONFLICT (programme_id, kind, ancestor_id, org_id) DO UPDATE SET"
	"    notes = notes + excluded.notes;"
	"END;"
	/* Only the counts of a row of fig_session ever change. */
	"CREATE TRIGGER fig_scope_update AFTER UPDATE ON fig_session BEGIN"
	"  UPDATE fig_scope SET notes = notes + new.notes - old.notes,"
	"    enablers = enablers + new.enablers - old.enablers,"
	"    barriers = barriers + new.barriers - old.barriers,"
	"    " SESSION_KINDS(S_CHANGE, )
	"    neutral = neutral + new.neutral - old.neutral"
	"    FROM " SCOPES("new.session_id") " sc"
	"    WHERE " IN_SCOPE("fig_scope") " AND fig_scope.ancestor_id = new.ancestor_id;"
	"END;"
	/* A tag that only changes a polarity changes no organisation's
	 * notes: most updates of fig_session skip this. */
	"CREATE TRIGGER fig_scope_org_update AFTER UPDATE ON fig_session"
	"  WHEN new.notes != old.notes BEGIN"
	"  UPDATE fig_scope_org SET notes = notes + new.notes - old.notes"
	"    FROM " SCOPES("new.session_id") " sc WHERE " IN_SCOPE("fig_scope_org")
	"    AND fig_scope_org.ancestor_id = new.ancestor_id"
	"    AND fig_scope_org.org_id = coalesce(nullif(new.about_org_id, 0), sc.host);"
	ROW_ORGS_GONE("new.session_id", "new")
	"END;"
	"CREATE TRIGGER fig_scope_delete AFTER DELETE ON fig_session BEGIN"
	"  UPDATE fig_scope SET notes = notes - old.notes, enablers = enablers - old.enablers,"
	"    barriers = barriers - old.barriers, neutral = neutral - old.neutral,"
	"   " SESSION_KINDS(S_TAKE, )
	"    sessions = sessions - NOT EXISTS (SELECT 1 FROM fig_session"
	"    WHERE session_id = old.session_id AND ancestor_id = old.ancestor_id)"
	"    FROM " SCOPES("old.session_id") " sc"
	"    WHERE " IN_SCOPE("fig_scope") " AND fig_scope.ancestor_id = old.ancestor_id;"
	"  UPDATE fig_scope_org SET notes = notes - old.notes"
	"    FROM " SCOPES("old.session_id") " sc WHERE " IN_SCOPE("fig_scope_org")
	"    AND fig_scope_org.ancestor_id = old.ancestor_id"
	"    AND fig_scope_org.org_id = coalesce(nullif(old.about_org_id, 0), sc.host);"
	ROW_ORGS_GONE("old.session_id", "old")
	"END;"
	/* A session that moves to another programme or kind, or gets another
	 * host, takes its figures out of its old scopes and into the new. */
	"CREATE TRIGGER fig_scope_moved AFTER UPDATE OF programme_id, kind, host_org_id ON session"
	"  WHEN old.programme_id IS NOT new.programme_id OR old.kind IS NOT new.kind"
	"  OR old.host_org_id IS NOT new.host_org_id BEGIN"
	"  UPDATE fig_scope SET notes = notes - x.n, enablers = enablers - x.e,"
	"    barriers = barriers - x.b, neutral = neutral - x.u," SESSION_KINDS(S_OUT, )
	"    sessions = sessions - 1"
	"    FROM " SESSION_SUMS("old.id") " x, " SCOPES_OF("old.programme_id", "old.kind") " sc"
	"    WHERE " IN_SCOPE("fig_scope") " AND fig_scope.ancestor_id = x.ancestor_id;"
	"  UPDATE fig_scope_org SET notes = notes - x.n"
	"    FROM " SESSION_ORGS("old.id", "old.host_org_id") " x, "
	SCOPES_OF("old.programme_id", "old.kind") " sc"
	"    WHERE " IN_SCOPE("fig_scope_org") " AND fig_scope_org.ancestor_id = x.ancestor_id"
	"    AND fig_scope_org.org_id = x.org;"
	SESSION_ORGS_GONE("old.id", "old.programme_id", "old.kind", "old.host_org_id")
	"  INSERT INTO fig_scope SELECT sc.p, sc.k, x.ancestor_id, x.n, x.e, x.b, x.u,"
	SESSION_KINDS(S_IN, ) " 1, 0"
	"    FROM " SESSION_SUMS("new.id") " x, " SCOPES_OF("new.programme_id", "new.kind") " sc"
	"    WHERE true ON CONFLICT (programme_id, kind, ancestor_id) DO UPDATE SET"
	"    notes = notes + excluded.notes, enablers = enablers + excluded.enablers,"
	"    barriers = barriers + excluded.barriers, neutral = neutral + excluded.neutral,"
	SESSION_KINDS(S_EXCLUDED, ) " sessions = sessions + 1;"
	"  INSERT INTO fig_scope_org SELECT sc.p, sc.k, x.ancestor_id, x.org, x.n"
	"    FROM " SESSION_ORGS("new.id", "new.host_org_id") " x, "
	SCOPES_OF("new.programme_id", "new.kind") " sc"
	"    WHERE x.org IS NOT NULL"
	"    ON CONFLICT (programme_id, kind, ancestor_id, org_id) DO UPDATE SET"
	"    notes = notes + excluded.notes;"
	"END;"
	/* The schools, as fig_total's (migration 19): an organisation counts
	 * while it has a row and is a school. */
	"CREATE TRIGGER fig_scope_school_insert AFTER INSERT ON fig_scope_org BEGIN"
	"  UPDATE fig_scope SET schools = schools + 1 WHERE programme_id = new.programme_id"
	"    AND kind = new.kind"
	"    AND ancestor_id = new.ancestor_id"
	"    AND EXISTS (SELECT 1 FROM organisation WHERE id = new.org_id AND kind = 'school');"
	"END;"
	"CREATE TRIGGER fig_scope_school_delete AFTER DELETE ON fig_scope_org BEGIN"
	"  UPDATE fig_scope SET schools = schools - 1 WHERE programme_id = old.programme_id"
	"    AND kind = old.kind"
	"    AND ancestor_id = old.ancestor_id"
	"    AND EXISTS (SELECT 1 FROM organisation WHERE id = old.org_id AND kind = 'school');"
	"END;"
	"CREATE TRIGGER fig_scope_school_kind AFTER UPDATE OF kind ON organisation"
	"  WHEN (old.kind = 'school') != (new.kind = 'school') BEGIN"
	"  UPDATE fig_scope SET schools = schools + (new.kind = 'school') - (old.kind = 'school')"
	"    WHERE " SCOPE_HAS_ROW("new.id") ";"
	"END;"
	/* A new school has rows only when its notes or sessions came first
	 * (a sync): asked of their indexes first, so that a sign-up list
	 * that makes thousands of schools does not visit every scope for
	 * each (0.8 s for 10 000 rows). */
	"CREATE TRIGGER fig_scope_school_new AFTER INSERT ON organisation WHEN new.kind = 'school'"
	"  AND (EXISTS (SELECT 1 FROM note WHERE about_org_id = new.id)"
	"  OR EXISTS (SELECT 1 FROM session WHERE host_org_id = new.id)) BEGIN"
	"  UPDATE fig_scope SET schools = schools + 1 WHERE " SCOPE_HAS_ROW("new.id") ";"
	"END;"
	"CREATE TRIGGER fig_scope_school_gone BEFORE DELETE ON organisation"
	"  WHEN old.kind = 'school' BEGIN"
	"  UPDATE fig_scope SET schools = schools - 1 WHERE " SCOPE_HAS_ROW("old.id") ";"
	"END;"
	/* A sync may erase a factor while tags or below-factors here still
	 * point at it (the foreign keys are checked at the commit): they go
	 * or follow its merge after it, and their triggers find the factor's
	 * ancestors in factor_anc.  Its rows stay there until then
	 * (sync_follow_factor_links takes them away); a factor erased here
	 * has nothing pointing at it (migration 6's trigger, made again). */
	/* A sync may also bring a note's tags before the note: their rows
	 * of fig_note are made then, but fig_session and fig_pair find no
	 * live note to count (fig_session_notes does, migration 19).  When
	 * the note comes, it counts with what its tags made. */
	"CREATE TRIGGER fig_note_arrived AFTER INSERT ON note WHEN new.deleted_at IS NULL"
	"  AND EXISTS (SELECT 1 FROM fig_note WHERE note_id = new.id) BEGIN"
	"  INSERT INTO fig_session SELECT new.session_id, ancestor_id, coalesce(new.about_org_id, 0),"
	"    1, enablers > 0, barriers > 0, enablers = 0 AND barriers = 0"
	"    FROM fig_note WHERE note_id = new.id"
	"    ON CONFLICT (session_id, ancestor_id, about_org_id) DO UPDATE SET"
	"    notes = notes + 1, enablers = enablers + excluded.enablers,"
	"    barriers = barriers + excluded.barriers, neutral = neutral + excluded.neutral;"
	"  INSERT INTO fig_pair SELECT a, new.session_id, f, 1 FROM ("
	PAIRS("new.id", "NULL", "NULL") ") WHERE true"
	"    ON CONFLICT (ancestor_id, session_id, factor_id) DO UPDATE SET notes = notes + 1;"
	"END;"
	"DROP TRIGGER fig_factor_delete;"
	"CREATE TRIGGER fig_factor_delete AFTER DELETE ON factor"
	"  WHEN NOT EXISTS (SELECT 1 FROM tag WHERE factor_id = old.id)"
	"  AND NOT EXISTS (SELECT 1 FROM factor WHERE parent_id = old.id) BEGIN"
	"  DELETE FROM factor_anc WHERE factor_id = old.id;"
	"  DELETE FROM factor_anc WHERE ancestor_id = old.id;"
	"END;";
