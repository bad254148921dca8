/* schema_figures.c: the stored figures of the factors, as the two
 * migrations that made them (5 -> 6: factor_anc, fig_note, fig_session,
 * fig_total, fig_total_org; 6 -> 7: fig_pair, fig_pair_total), with the
 * macros that write their triggers.  schema.c lists them among the other
 * migrations.  Like every released migration their text is frozen
 * (tests/unit/test_schema.c pins it); check.c counts the same tables
 * afresh to find figures that went wrong, and repairs them.
 *
 * The cascade.  A write to what is on the left fires the trigger in the
 * middle, which writes the table on the right; that write fires the
 * triggers under the table in turn, all inside the transaction of the
 * first write.  (6) and (7) name the migration that made a trigger by the
 * version it reaches.  Every trigger reads factor_anc.
 *
 *   factor  INSERT, DELETE    fig_factor_insert, _delete (6) --> factor_anc
 *   factor  UPDATE parent_id  fig_factor_move (7) -------------> factor_anc,
 *                             (replacing 6's)                    fig_note, fig_pair
 *
 *   tag     INSERT, UPDATE,   fig_tag_insert, _update,
 *           DELETE              _delete (6) -------------------> fig_note
 *   note    DELETE (before)   fig_note_gone (6) ---------------> fig_note
 *                                                                   |
 *                             fig_note_insert, _update,             |
 *                               _delete (6)                         v
 *   note    trash, session,   fig_note_moved (6) --------------> fig_session
 *           about_org_id                                            |
 *                             fig_session_insert, _update,          |
 *                               _delete (6)                         v
 *   session kind, host        fig_session_changed (6) ---------> fig_total,
 *                                                                fig_total_org
 *                                                                   |
 *                             fig_school_insert, _delete (19)       v
 *   organisation kind,        fig_school_kind, _new,
 *     INSERT, DELETE            _gone (19) --------------------> fig_total.schools
 *
 *   tag     INSERT, UPDATE,   fig_pair_tag_insert, _update,
 *           DELETE              _delete (7) -------------------> fig_pair
 *   note    trash, session    fig_pair_note_moved (7) ---------> fig_pair
 *   note    DELETE (before)   fig_pair_note_gone (7) ----------> fig_pair
 *                                                                   |
 *                             fig_pair_insert, _update,             |
 *                               _delete (7)                         v
 *                                                                fig_pair_total
 *
 * So a tag written reaches fig_total in three steps (tag -> fig_note ->
 * fig_session -> fig_total) and fig_pair_total in two (tag -> fig_pair ->
 * fig_pair_total).  fig_pair is counted from the tags, never from
 * fig_note, so the order in which the two branches fire does not matter.
 * "trash" is deleted_at going from NULL to a time or back. */
#include "config.h"

#include "core/schema_figures.h"
#include "core/schema_pairs.h"
#include "core/session_kinds.h"

#define PAIR_SESSION(n) "(SELECT session_id FROM note WHERE id = " n " AND deleted_at IS NULL)"
/* Note n (when live) had the pairs of PAIR_TAGS(n, e, p) and now has
 * those of its tags: PAIR_LOST takes away the ones it lost, PAIR_GOT adds
 * the ones it got (a tag added only adds pairs, one taken away only takes
 * away: each trigger has only what it needs, as it is compiled into every
 * statement that writes tags). */
#define PAIR_LOST(n, e, p) \
	"  UPDATE fig_pair SET notes = notes - 1 WHERE session_id = " PAIR_SESSION(n) \
	"    AND (ancestor_id, factor_id) IN (" PAIRS(n, e, p) " EXCEPT " \
	PAIRS(n, "NULL", "NULL") ");" \
	"  DELETE FROM fig_pair WHERE session_id = " PAIR_SESSION(n) " AND notes = 0" \
	"    AND (ancestor_id, factor_id) IN (" PAIRS(n, e, p) ");"
#define PAIR_CHANGE(n, e, p) PAIR_LOST(n, e, p) PAIR_GOT(n, e, p)
#define PAIR_GOT(n, e, p) \
	"  INSERT INTO fig_pair SELECT a, " PAIR_SESSION(n) ", f, 1 FROM (" \
	PAIRS(n, "NULL", "NULL") " EXCEPT " PAIRS(n, e, p) ")" \
	"    WHERE " PAIR_SESSION(n) " IS NOT NULL" \
	"    ON CONFLICT (ancestor_id, session_id, factor_id) DO UPDATE SET notes = notes + 1;"
/* Per (ancestor, session, factor) the live notes among those where
 * which (a condition on n) with that pair, for many notes at once. */
#define PAIR_NOTES(which) \
	"SELECT a.ancestor_id AS a, n.session_id AS s, g.factor_id AS f, count(DISTINCT n.id) AS c" \
	" FROM note n JOIN tag h ON h.note_id = n.id JOIN factor_anc a ON a.factor_id = h.factor_id" \
	" JOIN tag g ON g.note_id = n.id WHERE n.deleted_at IS NULL AND " which \
	" AND NOT EXISTS (SELECT 1 FROM factor_anc x WHERE x.factor_id = g.factor_id" \
	" AND x.ancestor_id = a.ancestor_id) GROUP BY 1, 2, 3"
#define PAIR_MOVED \
	"n.id IN (SELECT t.note_id FROM factor_anc d JOIN tag t ON t.factor_id = d.factor_id" \
	" WHERE d.ancestor_id = new.id)"

/* What moving a factor (new.id under new.parent_id) does to factor_anc
 * and fig_note: the rows of the notes tagged within it that name its old
 * ancestors go, and those for the new ones come.  Shared by migration 6's
 * fig_factor_move and migration 7's, which wraps it with fig_pair. */
#define FIG_FACTOR_MOVE_ANC \
	"  DELETE FROM fig_note WHERE note_id IN (SELECT t.note_id FROM factor_anc d" \
	"    JOIN tag t ON t.factor_id = d.factor_id WHERE d.ancestor_id = new.id)" \
	"    AND ancestor_id NOT IN (SELECT factor_id FROM factor_anc WHERE ancestor_id = new.id);" \
	"  DELETE FROM factor_anc" \
	"    WHERE factor_id IN (SELECT factor_id FROM factor_anc WHERE ancestor_id = new.id)" \
	"    AND ancestor_id NOT IN (SELECT factor_id FROM factor_anc WHERE ancestor_id = new.id);" \
	"  INSERT OR IGNORE INTO factor_anc SELECT d.factor_id, p.ancestor_id FROM factor_anc d" \
	"    JOIN factor_anc p ON p.factor_id = new.parent_id WHERE d.ancestor_id = new.id;" \
	"  INSERT OR IGNORE INTO fig_note SELECT t.note_id, a.ancestor_id, sum(t.polarity = 1)," \
	"    sum(t.polarity = -1), count(*) FROM tag t JOIN factor_anc a ON a.factor_id = t.factor_id" \
	"    WHERE t.note_id IN (SELECT t2.note_id FROM factor_anc d" \
	"    JOIN tag t2 ON t2.factor_id = d.factor_id WHERE d.ancestor_id = new.id)" \
	"    AND a.ancestor_id NOT IN (SELECT factor_id FROM factor_anc WHERE ancestor_id = new.id)" \
	"    GROUP BY 1, 2;"

/* fig_note, from the tags: the three triggers of migration 6, made again
 * by migration 16 when it rebuilds the tag table (a dropped table takes
 * its triggers along).  A note counts once per factor in fig_session
 * whatever its number of tags there, so a second coder's tag on the same
 * note and factor only adds to fig_note's counts. */
#define FIG_TAG_TRIGGERS \
	"CREATE TRIGGER fig_tag_insert AFTER INSERT ON tag BEGIN" \
	"  INSERT INTO fig_note SELECT new.note_id, ancestor_id, new.polarity = 1," \
	"    new.polarity = -1, 1 FROM factor_anc WHERE factor_id = new.factor_id" \
	"    ON CONFLICT (note_id, ancestor_id) DO UPDATE SET" \
	"    enablers = enablers + excluded.enablers, barriers = barriers + excluded.barriers," \
	"    tags = tags + 1;" \
	"END;" \
	"CREATE TRIGGER fig_tag_delete AFTER DELETE ON tag BEGIN" \
	"  UPDATE fig_note SET enablers = enablers - (old.polarity = 1)," \
	"    barriers = barriers - (old.polarity = -1), tags = tags - 1" \
	"    WHERE note_id = old.note_id" \
	"    AND ancestor_id IN (SELECT ancestor_id FROM factor_anc WHERE factor_id = old.factor_id);" \
	"  DELETE FROM fig_note WHERE note_id = old.note_id AND tags = 0;" \
	"END;" \
	"CREATE TRIGGER fig_tag_update AFTER UPDATE OF note_id, factor_id, polarity ON tag BEGIN" \
	"  UPDATE fig_note SET enablers = enablers - (old.polarity = 1)," \
	"    barriers = barriers - (old.polarity = -1), tags = tags - 1" \
	"    WHERE note_id = old.note_id" \
	"    AND ancestor_id IN (SELECT ancestor_id FROM factor_anc WHERE factor_id = old.factor_id);" \
	"  INSERT INTO fig_note SELECT new.note_id, ancestor_id, new.polarity = 1," \
	"    new.polarity = -1, 1 FROM factor_anc WHERE factor_id = new.factor_id" \
	"    ON CONFLICT (note_id, ancestor_id) DO UPDATE SET" \
	"    enablers = enablers + excluded.enablers, barriers = barriers + excluded.barriers," \
	"    tags = tags + 1;" \
	"  DELETE FROM fig_note WHERE note_id = old.note_id AND tags = 0;" \
	"END;"

/* fig_total's k0..k3: the notes at sessions of each kind (session_kinds.h),
 * one fragment per kind for each statement that writes them, spaced as
 * the released text was (the separators go between them). */
#define K_COLUMN(i, key) "k" #i " INTEGER NOT NULL,"
#define K_SUM(i, key) "sum((s.kind = '" key "') * fs.notes),"
#define K_NEW(i, key) "    (kind = '" key "') * new.notes,"
#define K_ADD_EXCLUDED(i, key) "    k" #i " = k" #i " + excluded.k" #i ","
#define K_ADD_CHANGE(i, key) \
	"    k" #i " = k" #i " + (s.kind = '" key "') * (new.notes - old.notes)"
#define K_TAKE_OLD(i, key) "    k" #i " = k" #i " - (s.kind = '" key "') * old.notes,"
#define K_NEW_KIND(i, key) \
	"    k" #i " = k" #i " + ((new.kind = '" key "') - (old.kind = '" key "')) * x.n"

/* fig_total and fig_total_org, from a new row of fig_session: the
 * trigger of migration 6, and of 18 with the value of fig_total's column
 * schools that its rows start with (schools is ", 0" then; the
 * migration's triggers on fig_total_org count them). */
#define FIG_SESSION_INSERT(schools) \
	"CREATE TRIGGER fig_session_insert AFTER INSERT ON fig_session BEGIN" \
	"  INSERT INTO fig_total SELECT new.ancestor_id, new.notes, new.enablers, new.barriers," \
	"    new.neutral," \
	SESSION_KINDS(K_NEW, ) \
	"    NOT EXISTS (SELECT 1 FROM fig_session WHERE session_id = new.session_id" \
	"    AND ancestor_id = new.ancestor_id AND about_org_id != new.about_org_id)" schools \
	"    FROM session WHERE id = new.session_id" \
	"    ON CONFLICT (ancestor_id) DO UPDATE SET notes = notes + excluded.notes," \
	"    enablers = enablers + excluded.enablers, barriers = barriers + excluded.barriers," \
	"    neutral = neutral + excluded.neutral, " \
	SESSION_KINDS(K_ADD_EXCLUDED, " ") \
	"    sessions = sessions + excluded.sessions;" \
	"  INSERT INTO fig_total_org SELECT new.ancestor_id," \
	"    coalesce(nullif(new.about_org_id, 0), host_org_id) AS org, new.notes" \
	"    FROM session WHERE id = new.session_id AND org IS NOT NULL" \
	"    ON CONFLICT (ancestor_id, org_id) DO UPDATE SET notes = notes + excluded.notes;" \
	"END;"

/* 5 -> 6: the figures of the factor overview, kept up to date by the
 * triggers below in the transaction of every change, so the overview
 * sums a few rows per (factor, session) instead of grouping every tag
 * of a million notes.  Three tables, each derived from the one before:
 *   factor_anc: every factor with itself and each of its ancestors
 *     (triggers cannot use a recursive CTE);
 *   fig_note: per note and factor, how many of the note's tags are on
 *     that factor or below, and how many of those are +1 and -1 (a
 *     note counts once for a factor, whatever its number of tags);
 *   fig_session: per session, factor and the note's about_org_id (0
 *     for none), the live notes and how many of them are enablers,
 *     barriers and neutral.  Schools are looked up when the figures
 *     are read (about_org_id, else the session's host, when a school),
 *     so a new host or a kind of organisation needs no upkeep.
 * A row of fig_note contributes to fig_session one note, an enabler
 * when enablers > 0, a barrier when barriers > 0, neutral when
 * neither; every trigger adds or takes away exactly that. */
const char schema_figures_migration[] =
	"CREATE TABLE factor_anc ("
	"  factor_id   INTEGER NOT NULL,"
	"  ancestor_id INTEGER NOT NULL,"
	"  PRIMARY KEY (factor_id, ancestor_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX factor_anc_by_ancestor ON factor_anc(ancestor_id, factor_id);"
	"WITH RECURSIVE anc(f, a) AS (SELECT id, id FROM factor"
	"  UNION ALL SELECT anc.f, p.parent_id FROM anc JOIN factor p ON p.id = anc.a"
	"  WHERE p.parent_id IS NOT NULL)"
	" INSERT INTO factor_anc SELECT f, a FROM anc;"
	"CREATE TABLE fig_note ("
	"  note_id     INTEGER NOT NULL,"
	"  ancestor_id INTEGER NOT NULL,"
	"  enablers    INTEGER NOT NULL,"
	"  barriers    INTEGER NOT NULL,"
	"  tags        INTEGER NOT NULL,"
	"  PRIMARY KEY (note_id, ancestor_id)"
	") WITHOUT ROWID;"
	"INSERT INTO fig_note SELECT t.note_id, a.ancestor_id, sum(t.polarity = 1),"
	"  sum(t.polarity = -1), count(*) FROM tag t JOIN factor_anc a ON a.factor_id = t.factor_id"
	"  GROUP BY t.note_id, a.ancestor_id;"
	"CREATE TABLE fig_session ("
	"  session_id   INTEGER NOT NULL,"
	"  ancestor_id  INTEGER NOT NULL,"
	"  about_org_id INTEGER NOT NULL,"
	"  notes        INTEGER NOT NULL,"
	"  enablers     INTEGER NOT NULL,"
	"  barriers     INTEGER NOT NULL,"
	"  neutral      INTEGER NOT NULL,"
	"  PRIMARY KEY (session_id, ancestor_id, about_org_id)"
	") WITHOUT ROWID;"
	"INSERT INTO fig_session SELECT n.session_id, fn.ancestor_id, coalesce(n.about_org_id, 0),"
	"  count(*), sum(fn.enablers > 0), sum(fn.barriers > 0),"
	"  sum(fn.enablers = 0 AND fn.barriers = 0)"
	"  FROM fig_note fn JOIN note n ON n.id = fn.note_id WHERE n.deleted_at IS NULL"
	"  GROUP BY 1, 2, 3;"
	/* fig_total and fig_total_org: the figures for all notes, kept from
	 * fig_session, as the overview opens on them and summing fig_session
	 * for every note still costs too much (a quarter of a million rows).
	 * fig_total_org counts the notes per (factor, organisation: the
	 * note's, else the session's host), whatever its kind; the schools
	 * among them are picked when read.  A session is counted once per
	 * factor, whatever the organisations of its notes. */
	"CREATE TABLE fig_total ("
	"  ancestor_id INTEGER PRIMARY KEY,"
	"  notes       INTEGER NOT NULL,"
	"  enablers    INTEGER NOT NULL,"
	"  barriers    INTEGER NOT NULL,"
	"  neutral     INTEGER NOT NULL,"
	"  " SESSION_KINDS(K_COLUMN, " ")
	"  sessions    INTEGER NOT NULL"
	");"
	"INSERT INTO fig_total SELECT fs.ancestor_id, sum(fs.notes), sum(fs.enablers),"
	"  sum(fs.barriers), sum(fs.neutral),"
	"  " SESSION_KINDS(K_SUM, "    ")
	"  count(DISTINCT fs.session_id) FROM fig_session fs JOIN session s ON s.id = fs.session_id"
	"  GROUP BY fs.ancestor_id;"
	"CREATE TABLE fig_total_org ("
	"  ancestor_id INTEGER NOT NULL,"
	"  org_id      INTEGER NOT NULL,"
	"  notes       INTEGER NOT NULL,"
	"  PRIMARY KEY (ancestor_id, org_id)"
	") WITHOUT ROWID;"
	"INSERT INTO fig_total_org SELECT fs.ancestor_id, coalesce(nullif(fs.about_org_id, 0),"
	"  s.host_org_id) AS org,"
	"    sum(fs.notes) FROM fig_session fs JOIN session s ON s.id = fs.session_id"
	"  WHERE org IS NOT NULL GROUP BY 1, 2;"
	/* factor_anc.  A move re-links the moved subtree to the new
	 * ancestors and recounts, for the notes tagged within it, the rows of
	 * the ancestors outside it (those inside do not change); OR IGNORE
	 * because the codebook import may make a loop before it checks for
	 * one and rolls back.  A factor is
	 * deleted only once it has no tags and no sub-factors. */
	"CREATE TRIGGER fig_factor_insert AFTER INSERT ON factor BEGIN"
	"  INSERT INTO factor_anc SELECT new.id, new.id"
	"    UNION SELECT new.id, ancestor_id FROM factor_anc WHERE factor_id = new.parent_id;"
	"END;"
	"CREATE TRIGGER fig_factor_move AFTER UPDATE OF parent_id ON factor"
	"  WHEN old.parent_id IS NOT new.parent_id BEGIN"
	FIG_FACTOR_MOVE_ANC
	"END;"
	"CREATE TRIGGER fig_factor_delete AFTER DELETE ON factor BEGIN"
	"  DELETE FROM factor_anc WHERE factor_id = old.id;"
	"  DELETE FROM factor_anc WHERE ancestor_id = old.id;"
	"END;"
	/* fig_note, from the tags (a merge moves tags by UPDATE OF factor_id
	 * or by upsert, both UPDATE). */
	FIG_TAG_TRIGGERS
	/* fig_session, from fig_note: what its row contributes (see above),
	 * when the note is live.  Only the counts of a row ever change. */
	"CREATE TRIGGER fig_note_insert AFTER INSERT ON fig_note BEGIN"
	"  INSERT INTO fig_session SELECT session_id, new.ancestor_id, coalesce(about_org_id, 0),"
	"    1, new.enablers > 0, new.barriers > 0, new.enablers = 0 AND new.barriers = 0"
	"    FROM note WHERE id = new.note_id AND deleted_at IS NULL"
	"    ON CONFLICT (session_id, ancestor_id, about_org_id) DO UPDATE SET"
	"    notes = notes + 1, enablers = enablers + excluded.enablers,"
	"    barriers = barriers + excluded.barriers, neutral = neutral + excluded.neutral;"
	"END;"
	"CREATE TRIGGER fig_note_update AFTER UPDATE ON fig_note"
	"  WHEN (old.enablers > 0) != (new.enablers > 0) OR (old.barriers > 0) != (new.barriers > 0)"
	"  BEGIN"
	"  UPDATE fig_session SET enablers = enablers - (old.enablers > 0) + (new.enablers > 0),"
	"    barriers = barriers - (old.barriers > 0) + (new.barriers > 0),"
	"    neutral = neutral - (old.enablers = 0 AND old.barriers = 0)"
	"    + (new.enablers = 0 AND new.barriers = 0)"
	"    WHERE session_id = (SELECT session_id FROM note WHERE id = new.note_id"
	"    AND deleted_at IS NULL) AND ancestor_id = new.ancestor_id"
	"    AND about_org_id = (SELECT coalesce(about_org_id, 0) FROM note WHERE id = new.note_id);"
	"END;"
	"CREATE TRIGGER fig_note_delete AFTER DELETE ON fig_note BEGIN"
	"  UPDATE fig_session SET notes = notes - 1, enablers = enablers - (old.enablers > 0),"
	"    barriers = barriers - (old.barriers > 0),"
	"    neutral = neutral - (old.enablers = 0 AND old.barriers = 0)"
	"    WHERE session_id = (SELECT session_id FROM note WHERE id = old.note_id"
	"    AND deleted_at IS NULL) AND ancestor_id = old.ancestor_id"
	"    AND about_org_id = (SELECT coalesce(about_org_id, 0) FROM note WHERE id = old.note_id);"
	"  DELETE FROM fig_session WHERE session_id = (SELECT session_id FROM note"
	"    WHERE id = old.note_id) AND ancestor_id = old.ancestor_id AND notes = 0;"
	"END;"
	/* fig_session, from the notes: a note that goes to the trash or comes
	 * back, moves to another session or gets another organisation takes
	 * all its rows along.  A note is deleted before its tags (CASCADE),
	 * so its rows go first, while the note can still be looked up. */
	"CREATE TRIGGER fig_note_gone BEFORE DELETE ON note BEGIN"
	"  DELETE FROM fig_note WHERE note_id = old.id;"
	"END;"
	"CREATE TRIGGER fig_note_moved AFTER UPDATE OF session_id, about_org_id, deleted_at ON note"
	"  WHEN old.session_id IS NOT new.session_id OR old.about_org_id IS NOT new.about_org_id"
	"  OR (old.deleted_at IS NULL) != (new.deleted_at IS NULL) BEGIN"
	"  UPDATE fig_session SET notes = notes - 1,"
	"    enablers = enablers - (SELECT fn.enablers > 0 FROM fig_note fn"
	"    WHERE fn.note_id = old.id AND fn.ancestor_id = fig_session.ancestor_id),"
	"    barriers = barriers - (SELECT fn.barriers > 0 FROM fig_note fn"
	"    WHERE fn.note_id = old.id AND fn.ancestor_id = fig_session.ancestor_id),"
	"    neutral = neutral - (SELECT fn.enablers = 0 AND fn.barriers = 0 FROM fig_note fn"
	"    WHERE fn.note_id = old.id AND fn.ancestor_id = fig_session.ancestor_id)"
	"    WHERE old.deleted_at IS NULL AND session_id = old.session_id"
	"    AND about_org_id = coalesce(old.about_org_id, 0)"
	"    AND ancestor_id IN (SELECT ancestor_id FROM fig_note WHERE note_id = old.id);"
	"  DELETE FROM fig_session WHERE session_id = old.session_id"
	"    AND about_org_id = coalesce(old.about_org_id, 0) AND notes = 0;"
	"  INSERT INTO fig_session SELECT new.session_id, ancestor_id, coalesce(new.about_org_id, 0),"
	"    1, enablers > 0, barriers > 0, enablers = 0 AND barriers = 0"
	"    FROM fig_note WHERE note_id = new.id AND new.deleted_at IS NULL"
	"    ON CONFLICT (session_id, ancestor_id, about_org_id) DO UPDATE SET"
	"    notes = notes + 1, enablers = enablers + excluded.enablers,"
	"    barriers = barriers + excluded.barriers, neutral = neutral + excluded.neutral;"
	"END;"
	/* fig_total, from fig_session and the sessions' kinds and hosts. */
	FIG_SESSION_INSERT("")
	"CREATE TRIGGER fig_session_update AFTER UPDATE ON fig_session BEGIN"
	"  UPDATE fig_total SET notes = notes + new.notes - old.notes,"
	"    enablers = enablers + new.enablers - old.enablers,"
	"    barriers = barriers + new.barriers - old.barriers,"
	"    neutral = neutral + new.neutral - old.neutral,"
	SESSION_KINDS(K_ADD_CHANGE, ", ")
	"    FROM session s WHERE s.id = new.session_id AND fig_total.ancestor_id = new.ancestor_id;"
	"  UPDATE fig_total_org SET notes = notes + new.notes - old.notes FROM session s"
	"    WHERE s.id = new.session_id AND fig_total_org.ancestor_id = new.ancestor_id"
	"    AND fig_total_org.org_id = coalesce(nullif(new.about_org_id, 0), s.host_org_id);"
	"  DELETE FROM fig_total_org WHERE ancestor_id = new.ancestor_id"
	"    AND org_id = coalesce(nullif(new.about_org_id, 0),"
	"    (SELECT host_org_id FROM session WHERE id = new.session_id)) AND notes = 0;"
	"END;"
	"CREATE TRIGGER fig_session_delete AFTER DELETE ON fig_session BEGIN"
	"  UPDATE fig_total SET notes = notes - old.notes, enablers = enablers - old.enablers,"
	"    barriers = barriers - old.barriers, neutral = neutral - old.neutral,"
	SESSION_KINDS(K_TAKE_OLD, " ")
	"    sessions = sessions - NOT EXISTS (SELECT 1 FROM fig_session"
	"    WHERE session_id = old.session_id AND ancestor_id = old.ancestor_id)"
	"    FROM session s WHERE s.id = old.session_id AND fig_total.ancestor_id = old.ancestor_id;"
	"  UPDATE fig_total_org SET notes = notes - old.notes FROM session s"
	"    WHERE s.id = old.session_id AND fig_total_org.ancestor_id = old.ancestor_id"
	"    AND fig_total_org.org_id = coalesce(nullif(old.about_org_id, 0), s.host_org_id);"
	"  DELETE FROM fig_total_org WHERE ancestor_id = old.ancestor_id"
	"    AND org_id = coalesce(nullif(old.about_org_id, 0),"
	"    (SELECT host_org_id FROM session WHERE id = old.session_id)) AND notes = 0;"
	"END;"
	"CREATE TRIGGER fig_session_changed AFTER UPDATE OF kind, host_org_id ON session"
	"  WHEN old.kind IS NOT new.kind OR old.host_org_id IS NOT new.host_org_id BEGIN"
	"  UPDATE fig_total SET"
	SESSION_KINDS(K_NEW_KIND, ", ")
	"    FROM (SELECT ancestor_id, sum(notes) AS n FROM fig_session WHERE session_id = new.id"
	"    GROUP BY ancestor_id) x WHERE fig_total.ancestor_id = x.ancestor_id;"
	"  UPDATE fig_total_org SET notes = fig_total_org.notes - fs.notes FROM fig_session fs"
	"    WHERE fs.session_id = old.id AND fs.about_org_id = 0"
	"    AND fig_total_org.ancestor_id = fs.ancestor_id AND fig_total_org.org_id = old.host_org_id;"
	"  INSERT INTO fig_total_org SELECT ancestor_id, new.host_org_id, notes FROM fig_session"
	"    WHERE session_id = new.id AND about_org_id = 0 AND new.host_org_id IS NOT NULL"
	"    ON CONFLICT (ancestor_id, org_id) DO UPDATE SET notes = notes + excluded.notes;"
	"  DELETE FROM fig_total_org WHERE ancestor_id IN (SELECT ancestor_id FROM fig_session"
	"    WHERE session_id = old.id) AND org_id = old.host_org_id AND notes = 0;"
	"END;";

/* 6 -> 7: factor_cooccurrence.  fig_pair: per ancestor a, session
 * and factor f, the live notes of the session tagged with f and on or
 * below a (f not on or below a; see PAIRS); fig_pair_total: the same
 * for all sessions.  A tag written adds the pairs the note gains, one
 * taken away or moved takes away the ones it loses; a note that goes
 * to the trash, comes back or moves takes its pairs along; a factor
 * that moves recounts, like fig_note, the notes tagged within it. */
const char schema_pairs_migration[] =
	"CREATE TABLE fig_pair ("
	"  ancestor_id INTEGER NOT NULL,"
	"  session_id  INTEGER NOT NULL,"
	"  factor_id   INTEGER NOT NULL,"
	"  notes       INTEGER NOT NULL,"
	"  PRIMARY KEY (ancestor_id, session_id, factor_id)"
	") WITHOUT ROWID;"
	"INSERT INTO fig_pair SELECT a, s, f, c FROM (" PAIR_NOTES("true") ");"
	"CREATE TABLE fig_pair_total ("
	"  ancestor_id INTEGER NOT NULL,"
	"  factor_id   INTEGER NOT NULL,"
	"  notes       INTEGER NOT NULL,"
	"  PRIMARY KEY (ancestor_id, factor_id)"
	") WITHOUT ROWID;"
	"INSERT INTO fig_pair_total SELECT ancestor_id, factor_id, sum(notes) FROM fig_pair"
	"  GROUP BY 1, 2;"
	"CREATE TRIGGER fig_pair_tag_insert AFTER INSERT ON tag BEGIN"
	PAIR_GOT("new.note_id", "new.factor_id", "NULL")
	"END;"
	"CREATE TRIGGER fig_pair_tag_delete AFTER DELETE ON tag BEGIN"
	PAIR_LOST("old.note_id", "NULL", "old.factor_id")
	"END;"
	"CREATE TRIGGER fig_pair_tag_update AFTER UPDATE OF note_id, factor_id ON tag"
	"  WHEN old.note_id != new.note_id OR old.factor_id != new.factor_id BEGIN"
	PAIR_CHANGE("old.note_id", "CASE WHEN new.note_id = old.note_id THEN new.factor_id END",
		    "old.factor_id")
	PAIR_CHANGE("new.note_id", "CASE WHEN new.note_id != old.note_id THEN new.factor_id END",
		    "NULL")
	"END;"
	"CREATE TRIGGER fig_pair_note_moved AFTER UPDATE OF session_id, deleted_at ON note"
	"  WHEN old.session_id IS NOT new.session_id"
	"  OR (old.deleted_at IS NULL) != (new.deleted_at IS NULL) BEGIN"
	"  UPDATE fig_pair SET notes = notes - 1 WHERE old.deleted_at IS NULL"
	"    AND session_id = old.session_id"
	"    AND (ancestor_id, factor_id) IN (" PAIRS("old.id", "NULL", "NULL") ");"
	"  DELETE FROM fig_pair WHERE session_id = old.session_id AND notes = 0"
	"    AND (ancestor_id, factor_id) IN (" PAIRS("old.id", "NULL", "NULL") ");"
	"  INSERT INTO fig_pair SELECT a, new.session_id, f, 1 FROM ("
	PAIRS("new.id", "NULL", "NULL") ") WHERE new.deleted_at IS NULL"
	"    ON CONFLICT (ancestor_id, session_id, factor_id) DO UPDATE SET notes = notes + 1;"
	"END;"
	"CREATE TRIGGER fig_pair_note_gone BEFORE DELETE ON note WHEN old.deleted_at IS NULL BEGIN"
	"  UPDATE fig_pair SET notes = notes - 1 WHERE session_id = old.session_id"
	"    AND (ancestor_id, factor_id) IN (" PAIRS("old.id", "NULL", "NULL") ");"
	"  DELETE FROM fig_pair WHERE session_id = old.session_id AND notes = 0"
	"    AND (ancestor_id, factor_id) IN (" PAIRS("old.id", "NULL", "NULL") ");"
	"END;"
	/* fig_factor_move of migration 6, with the pairs of the notes tagged
	 * within the moved factor taken away before factor_anc changes and
	 * added back after. */
	"DROP TRIGGER fig_factor_move;"
	"CREATE TRIGGER fig_factor_move AFTER UPDATE OF parent_id ON factor"
	"  WHEN old.parent_id IS NOT new.parent_id BEGIN"
	"  UPDATE fig_pair SET notes = notes - x.c FROM (" PAIR_NOTES(PAIR_MOVED) ") x"
	"    WHERE fig_pair.ancestor_id = x.a AND fig_pair.session_id = x.s"
	"    AND fig_pair.factor_id = x.f;"
	"  DELETE FROM fig_pair WHERE notes = 0 AND (ancestor_id, session_id, factor_id) IN"
	"    (SELECT a, s, f FROM (" PAIR_NOTES(PAIR_MOVED) "));"
	FIG_FACTOR_MOVE_ANC
	"  INSERT INTO fig_pair SELECT a, s, f, c FROM (" PAIR_NOTES(PAIR_MOVED) ") WHERE true"
	"    ON CONFLICT (ancestor_id, session_id, factor_id) DO UPDATE SET"
	"    notes = notes + excluded.notes;"
	"END;"
	/* fig_pair_total, from fig_pair. */
	"CREATE TRIGGER fig_pair_insert AFTER INSERT ON fig_pair BEGIN"
	"  INSERT INTO fig_pair_total VALUES (new.ancestor_id, new.factor_id, new.notes)"
	"    ON CONFLICT (ancestor_id, factor_id) DO UPDATE SET notes = notes + excluded.notes;"
	"END;"
	"CREATE TRIGGER fig_pair_update AFTER UPDATE ON fig_pair BEGIN"
	"  UPDATE fig_pair_total SET notes = notes + new.notes - old.notes"
	"    WHERE ancestor_id = new.ancestor_id AND factor_id = new.factor_id;"
	"  DELETE FROM fig_pair_total WHERE ancestor_id = new.ancestor_id"
	"    AND factor_id = new.factor_id AND notes = 0;"
	"END;"
	"CREATE TRIGGER fig_pair_delete AFTER DELETE ON fig_pair BEGIN"
	"  UPDATE fig_pair_total SET notes = notes - old.notes"
	"    WHERE ancestor_id = old.ancestor_id AND factor_id = old.factor_id;"
	"  DELETE FROM fig_pair_total WHERE ancestor_id = old.ancestor_id"
	"    AND factor_id = old.factor_id AND notes = 0;"
	"END;";

/* Migration 16 (coders): fig_pair counts a note once per pair whatever
 * the number of coders, so a tag changes the pairs only when it is the
 * first of its (note, factor) or the last to go.  OTHER_CODER(n, f, c):
 * another coder than c has tagged note n with factor f. */
#define OTHER_CODER(n, f, c) \
	"EXISTS (SELECT 1 FROM tag WHERE note_id = " n " AND factor_id = " f " AND coder != " c ")"
#define CODER_PAIR_TRIGGERS \
	"CREATE TRIGGER fig_pair_tag_insert AFTER INSERT ON tag" \
	"  WHEN NOT " OTHER_CODER("new.note_id", "new.factor_id", "new.coder") " BEGIN" \
	PAIR_GOT("new.note_id", "new.factor_id", "NULL") \
	"END;" \
	"CREATE TRIGGER fig_pair_tag_delete AFTER DELETE ON tag WHEN NOT EXISTS (SELECT 1 FROM tag" \
	"  WHERE note_id = old.note_id AND factor_id = old.factor_id) BEGIN" \
	PAIR_LOST("old.note_id", "NULL", "old.factor_id") \
	"END;" \
	"CREATE TRIGGER fig_pair_tag_update AFTER UPDATE OF note_id, factor_id ON tag" \
	"  WHEN old.note_id != new.note_id OR old.factor_id != new.factor_id BEGIN" \
	PAIR_CHANGE("old.note_id", "CASE WHEN new.note_id = old.note_id AND NOT " \
		    OTHER_CODER("new.note_id", "new.factor_id", "new.coder") \
		    " THEN new.factor_id END", "old.factor_id") \
	PAIR_CHANGE("new.note_id", "CASE WHEN new.note_id != old.note_id AND NOT " \
		    OTHER_CODER("new.note_id", "new.factor_id", "new.coder") \
		    " THEN new.factor_id END", "NULL") \
	"END;"

/* 15 -> 16: tags record their coder.  coder is the folded name (st_fold,
 * as note.author_key) of the facilitator who tagged; '' is the unknown
 * coder, which every tag made before this migration gets: the config of
 * the laptop that migrates does not tell who tagged (a laptop may have
 * been shared), and a migration must give the same result everywhere.
 * Two coders may tag the same note with the same factor, each their own
 * row.  SQLite cannot change a primary key in place, so the table is
 * made again: copied aside, dropped (which takes its triggers and index
 * along, and fires no trigger, so the kept figures stay as they are),
 * made with the new key and filled back, then its index and triggers
 * made again; ALTER TABLE RENAME would fail on the triggers of other
 * tables that read tag.  tag_by_coder serves a coder's tags (agreement,
 * the figures of one coder) and the list of coders. */
const char schema_coders_migration[] =
	"CREATE TABLE tag_before_coders AS SELECT note_id, factor_id, polarity FROM tag;"
	"DROP TABLE tag;"
	"CREATE TABLE tag ("
	"  note_id   INTEGER NOT NULL REFERENCES note(id) ON DELETE CASCADE,"
	"  factor_id INTEGER NOT NULL REFERENCES factor(id) ON DELETE RESTRICT,"
	"  coder     TEXT NOT NULL DEFAULT '',"
	"  polarity  INTEGER NOT NULL DEFAULT 0 CHECK (polarity IN (-1, 0, 1)),"
	"  PRIMARY KEY (note_id, factor_id, coder)"
	") WITHOUT ROWID;"
	"INSERT INTO tag (note_id, factor_id, coder, polarity)"
	"  SELECT note_id, factor_id, '', polarity FROM tag_before_coders ORDER BY 1, 2;"
	"DROP TABLE tag_before_coders;"
	"CREATE INDEX tag_by_factor ON tag(factor_id, note_id);"
	"CREATE INDEX tag_by_coder ON tag(coder, note_id);"
	FIG_TAG_TRIGGERS
	CODER_PAIR_TRIGGERS;

/* Migration 19: fig_total's factor has a row of organisation o in
 * fig_total_org. */
#define SCHOOL_HAS_ROW(o) \
	"EXISTS (SELECT 1 FROM fig_total_org fo WHERE fo.ancestor_id = fig_total.ancestor_id" \
	" AND fo.org_id = " o ")"

/* Migration 19: note n has a row in fig_note (a tag), 1 or 0. */
#define NOTE_TAGGED(n) "EXISTS (SELECT 1 FROM fig_note WHERE note_id = " n ")"

/* 18 -> 19 (issue 14): fig_total.schools, the schools among a
 * factor's organisations (fig_total_org), kept by triggers so the
 * factor overview reads one row per factor instead of counting
 * fig_total_org's (factors x organisations).  An organisation
 * counts while it has notes of the factor (fig_total_org has its
 * row) and is a school.  A row of fig_total_org is made by INSERT (an
 * upsert that finds one is an UPDATE, which changes no school) and
 * goes by DELETE; fig_total has the factor's row by then
 * (fig_session_insert writes it first).  An organisation that
 * becomes a school or stops being one counts for every factor it has
 * a row of.  One that is deleted is gone before its notes and
 * sessions let go of it (ON DELETE SET NULL, whose triggers then
 * delete its rows of fig_total_org without finding it a school), so
 * it is taken away before, for every factor at once.  One that is made
 * after its rows (a sync applies rows with the foreign keys checked at
 * the commit) counts from then on.  SCHOOL_HAS_ROW probes
 * fig_total_org's key once per factor: it has no index by organisation.
 * fig_session_insert is made again to give a new row of fig_total its
 * schools, 0 (it inserts without naming the columns).
 * fig_session_notes and note_live_by_author: the draaiboek's counts
 * and facilitators without a walk of every note (see below).
 * note_trash_by_session_date: the trash in the order of the review
 * (by the session's date) from an index of the trash alone, instead
 * of every note in the trash sorted for each screen. */
const char schema_schools_migration[] =
	"ALTER TABLE fig_total ADD COLUMN schools INTEGER NOT NULL DEFAULT 0;"
	"UPDATE fig_total SET schools = (SELECT count(*) FROM fig_total_org fo"
	"  JOIN organisation o ON o.id = fo.org_id"
	"  WHERE fo.ancestor_id = fig_total.ancestor_id AND o.kind = 'school');"
	"CREATE TRIGGER fig_school_insert AFTER INSERT ON fig_total_org BEGIN"
	"  UPDATE fig_total SET schools = schools + 1 WHERE ancestor_id = new.ancestor_id"
	"    AND EXISTS (SELECT 1 FROM organisation WHERE id = new.org_id AND kind = 'school');"
	"END;"
	"CREATE TRIGGER fig_school_delete AFTER DELETE ON fig_total_org BEGIN"
	"  UPDATE fig_total SET schools = schools - 1 WHERE ancestor_id = old.ancestor_id"
	"    AND EXISTS (SELECT 1 FROM organisation WHERE id = old.org_id AND kind = 'school');"
	"END;"
	"CREATE TRIGGER fig_school_kind AFTER UPDATE OF kind ON organisation"
	"  WHEN (old.kind = 'school') != (new.kind = 'school') BEGIN"
	"  UPDATE fig_total SET schools = schools + (new.kind = 'school') - (old.kind = 'school')"
	"    WHERE " SCHOOL_HAS_ROW("new.id") ";"
	"END;"
	"CREATE TRIGGER fig_school_new AFTER INSERT ON organisation WHEN new.kind = 'school' BEGIN"
	"  UPDATE fig_total SET schools = schools + 1 WHERE " SCHOOL_HAS_ROW("new.id") ";"
	"END;"
	"CREATE TRIGGER fig_school_gone BEFORE DELETE ON organisation"
	"  WHEN old.kind = 'school' BEGIN"
	"  UPDATE fig_total SET schools = schools - 1 WHERE " SCHOOL_HAS_ROW("old.id") ";"
	"END;"
	"DROP TRIGGER fig_session_insert;"
	FIG_SESSION_INSERT(", 0")
	/* fig_session_notes: per session its live notes and how many of
	 * them are tagged (have a row in fig_note), for the draaiboek's
	 * counts.  A note counts as tagged from its first row of fig_note
	 * to its last (a tag writes the rows of its factor and each
	 * ancestor, one statement, one row at a time); fig_note_gone takes
	 * a deleted note's rows away before it goes, so the note is still
	 * there to find its session.  A note that comes after its tags (a
	 * sync) is counted tagged when it comes.  A session that goes takes
	 * its row along (after its notes went, by ON DELETE CASCADE). */
	"CREATE TABLE fig_session_notes ("
	"  session_id INTEGER PRIMARY KEY,"
	"  notes      INTEGER NOT NULL,"
	"  tagged     INTEGER NOT NULL"
	");"
	"INSERT INTO fig_session_notes SELECT n.session_id, count(*),"
	"  sum(EXISTS (SELECT 1 FROM fig_note fn WHERE fn.note_id = n.id))"
	"  FROM note n INDEXED BY note_live_by_session_kind WHERE n.deleted_at IS NULL"
	"  GROUP BY n.session_id;"
	"CREATE TRIGGER fig_notes_insert AFTER INSERT ON note WHEN new.deleted_at IS NULL BEGIN"
	"  INSERT INTO fig_session_notes SELECT new.session_id, 1, " NOTE_TAGGED("new.id")
	"    ON CONFLICT (session_id) DO UPDATE SET notes = notes + 1,"
	"    tagged = tagged + excluded.tagged;"
	"END;"
	"CREATE TRIGGER fig_notes_delete AFTER DELETE ON note WHEN old.deleted_at IS NULL BEGIN"
	"  UPDATE fig_session_notes SET notes = notes - 1 WHERE session_id = old.session_id;"
	"END;"
	"CREATE TRIGGER fig_notes_moved AFTER UPDATE OF session_id, deleted_at ON note"
	"  WHEN old.session_id IS NOT new.session_id"
	"  OR (old.deleted_at IS NULL) != (new.deleted_at IS NULL) BEGIN"
	"  UPDATE fig_session_notes SET notes = notes - 1, tagged = tagged - " NOTE_TAGGED("old.id")
	"    WHERE session_id = old.session_id AND old.deleted_at IS NULL;"
	"  INSERT INTO fig_session_notes SELECT new.session_id, 1, " NOTE_TAGGED("new.id")
	"    WHERE new.deleted_at IS NULL"
	"    ON CONFLICT (session_id) DO UPDATE SET notes = notes + 1,"
	"    tagged = tagged + excluded.tagged;"
	"END;"
	"CREATE TRIGGER fig_notes_tagged AFTER INSERT ON fig_note"
	"  WHEN NOT EXISTS (SELECT 1 FROM fig_note WHERE note_id = new.note_id"
	"  AND ancestor_id != new.ancestor_id) BEGIN"
	"  UPDATE fig_session_notes SET tagged = tagged + 1 WHERE session_id ="
	"    (SELECT session_id FROM note WHERE id = new.note_id AND deleted_at IS NULL);"
	"END;"
	"CREATE TRIGGER fig_notes_untagged AFTER DELETE ON fig_note"
	"  WHEN NOT EXISTS (SELECT 1 FROM fig_note WHERE note_id = old.note_id) BEGIN"
	"  UPDATE fig_session_notes SET tagged = tagged - 1 WHERE session_id ="
	"    (SELECT session_id FROM note WHERE id = old.note_id AND deleted_at IS NULL);"
	"END;"
	"CREATE TRIGGER fig_notes_session_gone AFTER DELETE ON session BEGIN"
	"  DELETE FROM fig_session_notes WHERE session_id = old.id;"
	"END;"
	/* The draaiboek's facilitators: the names of the live notes'
	 * authors, each found from the one before in this index. */
	"CREATE INDEX note_live_by_author ON note(author, session_id) WHERE deleted_at IS NULL;"
	"CREATE INDEX note_trash_by_session_date"
	"  ON note(session_date, created_at, id) WHERE deleted_at IS NOT NULL;";
