/* schema.c: the database schema as a list of forward migrations.
 *
 * migration[i] takes a database from user_version i to i + 1.  A migration
 * is never edited once released: a change to the schema is a new entry at
 * the end.  Each runs inside the transaction that also bumps user_version,
 * so a crash leaves either the old or the new schema, never half of one.
 * The two migrations that make and keep the stored figures of the
 * factors (fig_*) are in schema_figures.c, with a drawing of how their
 * triggers feed each other. */
#include "config.h"

#include <stddef.h>

#include "core/schema.h"
#include "core/schema_figures.h"
#include "core/session_kinds.h"

/* The CHECK on session.kind (0 -> 1) lists the kinds of session_kinds.h
 * spaced as it was released: wrapped after the first one.  A fifth kind
 * has no separator here, on purpose: it needs a new migration. */
#define KIND_CHECK_SEP_0 ""
#define KIND_CHECK_SEP_1 ",               "
#define KIND_CHECK_SEP_2 ", "
#define KIND_CHECK_SEP_3 ", "
#define KIND_CHECK(i, key) KIND_CHECK_SEP_##i "'" key "'"

/* A new person's name_key, first_last_key and last_first_key (migrations
 * 2, 8), as a trigger computes them from new.first_name and
 * new.last_name. */
#define PERSON_NAME_KEYS \
	"st_fold(new.first_name) || ' ' || st_fold(new.last_name)," \
	" st_fold_name(new.first_name) || st_fold_name(new.last_name)," \
	" st_fold_name(new.last_name) || st_fold_name(new.first_name)"

static const char *const migration[] = {
	/* 0 -> 1: the whole domain, so later features only fill it in. */
	"CREATE TABLE programme ("
	"  id          INTEGER PRIMARY KEY,"
	"  name        TEXT NOT NULL UNIQUE,"
	"  school_year TEXT NOT NULL DEFAULT '',"
	"  description TEXT NOT NULL DEFAULT ''"
	");"
	/* Schools and partner organisations.  name_key is st_fold(name), for
	 * accent- and case-insensitive lookup and sorting. */
	"CREATE TABLE organisation ("
	"  id       INTEGER PRIMARY KEY,"
	"  kind     TEXT NOT NULL DEFAULT 'school'"
	"           CHECK (kind IN ('school', 'partner')),"
	"  name     TEXT NOT NULL,"
	"  name_key TEXT NOT NULL,"
	"  network  TEXT NOT NULL DEFAULT '',"
	"  street   TEXT NOT NULL DEFAULT '',"
	"  postcode TEXT NOT NULL DEFAULT '',"
	"  city     TEXT NOT NULL DEFAULT ''"
	");"
	"CREATE INDEX organisation_by_name ON organisation(name_key, id);"
	/* date is ISO 8601, 'YYYY-MM-DD' or 'YYYY-MM' when only the month is
	 * known; both sort as text.  code_key pads digit runs so that code
	 * order is natural ('COP 9' before 'COP 10'). */
	"CREATE TABLE session ("
	"  id           INTEGER PRIMARY KEY,"
	"  programme_id INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,"
	"  code         TEXT NOT NULL,"
	"  code_key     TEXT NOT NULL,"
	"  kind         TEXT NOT NULL CHECK (kind IN (" SESSION_KINDS(KIND_CHECK, ) ")),"
	"  title        TEXT NOT NULL DEFAULT '',"
	"  date         TEXT NOT NULL,"
	"  start_time   TEXT NOT NULL DEFAULT '',"
	"  end_time     TEXT NOT NULL DEFAULT '',"
	"  venue        TEXT NOT NULL DEFAULT '',"
	"  street       TEXT NOT NULL DEFAULT '',"
	"  postcode     TEXT NOT NULL DEFAULT '',"
	"  city         TEXT NOT NULL DEFAULT '',"
	"  room         TEXT NOT NULL DEFAULT '',"
	"  report_title TEXT NOT NULL DEFAULT '',"
	"  report_url   TEXT NOT NULL DEFAULT '',"
	"  host_org_id  INTEGER REFERENCES organisation(id) ON DELETE SET NULL,"
	"  remark       TEXT NOT NULL DEFAULT '',"
	"  UNIQUE (programme_id, code)"
	");"
	"CREATE INDEX session_by_code ON session(programme_id, code_key, id);"
	"CREATE INDEX session_by_date ON session(programme_id, date, code_key, id);"
	"CREATE INDEX session_by_kind_code ON session(programme_id, kind, code_key, id);"
	"CREATE INDEX session_by_kind_date ON session(programme_id, kind, date, code_key, id);"
	"CREATE INDEX session_by_host ON session(host_org_id);"
	/* People.  sort_key is st_fold(last) || x'01' || st_fold(first): the
	 * whole last name counts, the Flemish way ('Van den Broeck' under V). */
	"CREATE TABLE person ("
	"  id              INTEGER PRIMARY KEY,"
	"  first_name      TEXT NOT NULL,"
	"  last_name       TEXT NOT NULL,"
	"  sort_key        TEXT NOT NULL,"
	"  role            TEXT NOT NULL,"
	"  organisation_id INTEGER REFERENCES organisation(id) ON DELETE SET NULL,"
	"  email           TEXT NOT NULL DEFAULT '',"
	"  created_at      TEXT NOT NULL"
	");"
	"CREATE INDEX person_by_sort ON person(sort_key, id);"
	"CREATE INDEX person_by_organisation ON person(organisation_id);"
	"CREATE TABLE person_focus ("
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  focus     TEXT NOT NULL,"
	"  PRIMARY KEY (person_id, focus)"
	") WITHOUT ROWID;"
	"CREATE INDEX person_focus_by_focus ON person_focus(focus, person_id);"
	/* A techniekcoach and the schools they coach. */
	"CREATE TABLE coaching ("
	"  coach_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  school_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,"
	"  PRIMARY KEY (coach_id, school_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX coaching_by_school ON coaching(school_id, coach_id);"
	"CREATE TABLE attendance ("
	"  session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,"
	"  person_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  status     TEXT NOT NULL DEFAULT 'expected'"
	"             CHECK (status IN ('expected', 'present', 'absent', 'excused')),"
	"  arrived_at TEXT,"
	"  updated_at TEXT NOT NULL,"
	"  PRIMARY KEY (session_id, person_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX attendance_by_person ON attendance(person_id, session_id);"
	/* The codebook of critical success factors, a tree.  guid is kept
	 * across exports so QDA tools recognise a factor again. */
	"CREATE TABLE factor ("
	"  id         INTEGER PRIMARY KEY,"
	"  parent_id  INTEGER REFERENCES factor(id) ON DELETE RESTRICT,"
	"  code       TEXT NOT NULL UNIQUE,"
	"  name       TEXT NOT NULL,"
	"  definition TEXT NOT NULL DEFAULT '',"
	"  inclusion  TEXT NOT NULL DEFAULT '',"
	"  exclusion  TEXT NOT NULL DEFAULT '',"
	"  colour     TEXT NOT NULL DEFAULT '',"
	"  memo       TEXT NOT NULL DEFAULT '',"
	"  guid       TEXT NOT NULL UNIQUE,"
	"  position   INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE INDEX factor_by_parent ON factor(parent_id, position, id);"
	/* Notes are the most precious data: a session that has notes cannot
	 * be deleted (RESTRICT), and a deleted note only gets deleted_at. */
	"CREATE TABLE note ("
	"  id              INTEGER PRIMARY KEY,"
	"  session_id      INTEGER NOT NULL REFERENCES session(id) ON DELETE RESTRICT,"
	"  kind            TEXT NOT NULL DEFAULT 'observation'"
	"                  CHECK (kind IN ('observation', 'quote', 'idea',"
	"                  'question', 'action')),"
	"  body            TEXT NOT NULL,"
	"  group_label     TEXT NOT NULL DEFAULT '',"
	"  about_person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,"
	"  about_org_id    INTEGER REFERENCES organisation(id) ON DELETE SET NULL,"
	"  author          TEXT NOT NULL DEFAULT '',"
	"  created_at      TEXT NOT NULL,"
	"  updated_at      TEXT NOT NULL,"
	"  deleted_at      TEXT"
	");"
	"CREATE INDEX note_by_session ON note(session_id, created_at, id);"
	"CREATE INDEX note_by_created ON note(created_at, id);"
	"CREATE INDEX note_by_about_person ON note(about_person_id);"
	"CREATE INDEX note_by_about_org ON note(about_org_id);"
	/* A tag links a note to a factor, with a polarity: +1 enabler,
	 * -1 barrier, 0 neutral. */
	"CREATE TABLE tag ("
	"  note_id   INTEGER NOT NULL REFERENCES note(id) ON DELETE CASCADE,"
	"  factor_id INTEGER NOT NULL REFERENCES factor(id) ON DELETE RESTRICT,"
	"  polarity  INTEGER NOT NULL DEFAULT 0 CHECK (polarity IN (-1, 0, 1)),"
	"  PRIMARY KEY (note_id, factor_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX tag_by_factor ON tag(factor_id, note_id);",

	/* 1 -> 2: finding people fast at the door, and undoing check-ins. */
	/* name_key is st_fold(first) || ' ' || st_fold(last): exact and
	 * short (one or two letter) name lookups.  The triggers below keep it,
	 * so every way of writing a person gets it right. */
	"ALTER TABLE person ADD COLUMN name_key TEXT NOT NULL DEFAULT '';"
	"UPDATE person SET name_key = st_fold(first_name) || ' ' || st_fold(last_name);"
	"CREATE INDEX person_by_name_key ON person(name_key, id);"
	/* The lists filter by role or organisation in name order. */
	"CREATE INDEX person_by_role ON person(role, sort_key, id);"
	"DROP INDEX person_by_organisation;"
	"CREATE INDEX person_by_organisation ON person(organisation_id, sort_key, id);"
	/* Substring search on names from three letters on: a trigram index
	 * over the folded name in both orders, "first last" and "last first"
	 * on two lines, so "peeters fr" finds Françoise Peeters while a
	 * search never matches across the two (nobody types a line break).
	 * rowid is person.id.  SQLite 3.40 has no contentless_delete, so the
	 * table keeps its own copy of the text. */
	"CREATE VIRTUAL TABLE person_name USING fts5(name, tokenize = 'trigram');"
	"INSERT INTO person_name (rowid, name)"
	"  SELECT id, st_fold(first_name) || ' ' || st_fold(last_name) || char(10) ||"
	"  st_fold(last_name) || ' ' || st_fold(first_name) FROM person;"
	"CREATE TRIGGER person_name_insert AFTER INSERT ON person BEGIN"
	"  UPDATE person SET name_key = st_fold(new.first_name) || ' ' ||"
	"    st_fold(new.last_name) WHERE id = new.id;"
	"  INSERT INTO person_name (rowid, name) VALUES (new.id,"
	"    st_fold(new.first_name) || ' ' || st_fold(new.last_name) || char(10) ||"
	"    st_fold(new.last_name) || ' ' || st_fold(new.first_name));"
	"END;"
	"CREATE TRIGGER person_name_update AFTER UPDATE OF first_name, last_name ON person BEGIN"
	"  UPDATE person SET name_key = st_fold(new.first_name) || ' ' ||"
	"    st_fold(new.last_name) WHERE id = new.id;"
	"  DELETE FROM person_name WHERE rowid = old.id;"
	"  INSERT INTO person_name (rowid, name) VALUES (new.id,"
	"    st_fold(new.first_name) || ' ' || st_fold(new.last_name) || char(10) ||"
	"    st_fold(new.last_name) || ' ' || st_fold(new.first_name));"
	"END;"
	"CREATE TRIGGER person_name_delete AFTER DELETE ON person BEGIN"
	"  DELETE FROM person_name WHERE rowid = old.id;"
	"END;"
	/* Every change made at the door, newest last, with the state before
	 * it, so the last one can be undone (old_status NULL: the person was
	 * not registered).  Goes with the session or person it names. */
	"CREATE TABLE attendance_log ("
	"  id             INTEGER PRIMARY KEY,"
	"  session_id     INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,"
	"  person_id      INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  old_status     TEXT,"
	"  old_arrived_at TEXT,"
	"  new_status     TEXT NOT NULL,"
	"  changed_at     TEXT NOT NULL"
	");"
	"CREATE INDEX attendance_log_by_session ON attendance_log(session_id, id);"
	"CREATE INDEX attendance_log_by_person ON attendance_log(person_id);",

	/* 2 -> 3: co-creation notes: search, filters, drafts. */
	/* Full-text search over the note text and its group label, ignoring
	 * case and accents ("creativiteit" finds "créativiteit").  External
	 * content: the text lives only in note, rowid is note.id; the
	 * triggers below keep the index in step with every write, including
	 * those of other programs (the sqlite3 shell). */
	"CREATE VIRTUAL TABLE note_fts USING fts5(body, group_label,"
	"  content = 'note', content_rowid = 'id',"
	"  tokenize = 'unicode61 remove_diacritics 2');"
	"INSERT INTO note_fts (note_fts) VALUES ('rebuild');"
	"CREATE TRIGGER note_fts_insert AFTER INSERT ON note BEGIN"
	"  INSERT INTO note_fts (rowid, body, group_label)"
	"    VALUES (new.id, new.body, new.group_label);"
	"END;"
	"CREATE TRIGGER note_fts_delete AFTER DELETE ON note BEGIN"
	"  INSERT INTO note_fts (note_fts, rowid, body, group_label)"
	"    VALUES ('delete', old.id, old.body, old.group_label);"
	"END;"
	"CREATE TRIGGER note_fts_update AFTER UPDATE OF body, group_label ON note BEGIN"
	"  INSERT INTO note_fts (note_fts, rowid, body, group_label)"
	"    VALUES ('delete', old.id, old.body, old.group_label);"
	"  INSERT INTO note_fts (rowid, body, group_label)"
	"    VALUES (new.id, new.body, new.group_label);"
	"END;"
	/* Lists show live notes (deleted_at IS NULL) or the trash in time
	 * order; labels are counted for reuse. */
	"CREATE INDEX note_by_deleted_created ON note(deleted_at, created_at, id);"
	"CREATE INDEX note_by_group ON note(group_label);"
	/* What is typed but not saved yet, one row per place it is typed
	 * ("session:7", "note:12"); seq grows with every save, so the newest
	 * is known even within one second. */
	"CREATE TABLE draft ("
	"  key         TEXT PRIMARY KEY,"
	"  body        TEXT NOT NULL,"
	"  kind        TEXT NOT NULL DEFAULT '',"
	"  group_label TEXT NOT NULL DEFAULT '',"
	"  saved_at    TEXT NOT NULL,"
	"  seq         INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE INDEX draft_by_seq ON draft(seq);",

	/* 3 -> 4: names match without their spaces, hyphens and apostrophes
	 * ("vandenbroeck" finds Van den Broeck, "pieter jan" Pieter-Jan): the
	 * trigram index holds st_fold_name of both orders, "firstlast" and
	 * "lastfirst" on two lines, and a search looks up st_fold_name of
	 * what was typed. */
	"DELETE FROM person_name;"
	"INSERT INTO person_name (rowid, name)"
	"  SELECT id, st_fold_name(first_name) || st_fold_name(last_name) || char(10) ||"
	"  st_fold_name(last_name) || st_fold_name(first_name) FROM person;"
	"DROP TRIGGER person_name_insert;"
	"DROP TRIGGER person_name_update;"
	"CREATE TRIGGER person_name_insert AFTER INSERT ON person BEGIN"
	"  UPDATE person SET name_key = st_fold(new.first_name) || ' ' ||"
	"    st_fold(new.last_name) WHERE id = new.id;"
	"  INSERT INTO person_name (rowid, name) VALUES (new.id,"
	"    st_fold_name(new.first_name) || st_fold_name(new.last_name) || char(10) ||"
	"    st_fold_name(new.last_name) || st_fold_name(new.first_name));"
	"END;"
	"CREATE TRIGGER person_name_update AFTER UPDATE OF first_name, last_name ON person BEGIN"
	"  UPDATE person SET name_key = st_fold(new.first_name) || ' ' ||"
	"    st_fold(new.last_name) WHERE id = new.id;"
	"  DELETE FROM person_name WHERE rowid = old.id;"
	"  INSERT INTO person_name (rowid, name) VALUES (new.id,"
	"    st_fold_name(new.first_name) || st_fold_name(new.last_name) || char(10) ||"
	"    st_fold_name(new.last_name) || st_fold_name(new.first_name));"
	"END;",

	/* 4 -> 5: a facilitator's own notes, newest first, without a scan:
	 * author_key is st_fold(author), kept by the triggers below so every
	 * way of writing a note gets it right (the digit keys read the
	 * factors of someone's newest notes). */
	"ALTER TABLE note ADD COLUMN author_key TEXT NOT NULL DEFAULT '';"
	"UPDATE note SET author_key = st_fold(author);"
	"CREATE INDEX note_by_author_key ON note(author_key, created_at);"
	"CREATE TRIGGER note_author_key_insert AFTER INSERT ON note BEGIN"
	"  UPDATE note SET author_key = st_fold(new.author) WHERE id = new.id;"
	"END;"
	"CREATE TRIGGER note_author_key_update AFTER UPDATE OF author ON note BEGIN"
	"  UPDATE note SET author_key = st_fold(new.author) WHERE id = new.id;"
	"END;",

	/* 5 -> 6: the figures of the factor overview (schema_figures.c). */
	schema_figures_migration,

	/* 6 -> 7: factor_cooccurrence, fig_pair (schema_figures.c). */
	schema_pairs_migration,

	/* 7 -> 8: notes in the order of their session's date (the review's
	 * order), a page at a time: session_date is the date of the note's
	 * session, kept by the triggers below (a note written, moved to
	 * another session, a session given another date), so that one index
	 * holds the order.  The trigger that sets author_key on a new note
	 * sets session_date too: one update of the new row, not two. */
	"ALTER TABLE note ADD COLUMN session_date TEXT NOT NULL DEFAULT '';"
	"UPDATE note SET session_date = s.date FROM session s WHERE s.id = note.session_id;"
	"CREATE INDEX note_by_deleted_session_date ON note(deleted_at, session_date, created_at, id);"
	"DROP TRIGGER note_author_key_insert;"
	"CREATE TRIGGER note_derived_insert AFTER INSERT ON note BEGIN"
	"  UPDATE note SET author_key = st_fold(new.author),"
	"    session_date = (SELECT date FROM session WHERE id = new.session_id) WHERE id = new.id;"
	"END;"
	"CREATE TRIGGER note_session_date_moved AFTER UPDATE OF session_id ON note"
	"  WHEN old.session_id IS NOT new.session_id BEGIN"
	"  UPDATE note SET session_date = (SELECT date FROM session WHERE id = new.session_id)"
	"    WHERE id = new.id;"
	"END;"
	"CREATE TRIGGER session_date_of_notes AFTER UPDATE OF date ON session"
	"  WHEN old.date IS NOT new.date BEGIN"
	"  UPDATE note SET session_date = new.date WHERE session_id = new.id;"
	"END;",

	/* 8 -> 9: the check-in screen.  A walk-in (someone checked in who was
	 * not registered) gets walk_in = 1 on the row that check-in makes, so
	 * the counts keep them apart from the registered; rows checked in
	 * before are known by their undo log.  An undone change stays in the
	 * log, marked undone, with the arrival time it set, so it can be
	 * redone. */
	"ALTER TABLE attendance ADD COLUMN walk_in INTEGER NOT NULL DEFAULT 0;"
	"UPDATE attendance SET walk_in = 1 WHERE EXISTS (SELECT 1 FROM attendance_log l"
	"  WHERE l.session_id = attendance.session_id AND l.person_id = attendance.person_id"
	"  AND l.old_status IS NULL AND l.new_status = 'present');"
	"ALTER TABLE attendance_log ADD COLUMN new_arrived_at TEXT;"
	"ALTER TABLE attendance_log ADD COLUMN undone INTEGER NOT NULL DEFAULT 0;"
	/* Type-ahead puts the names that start with what is typed first:
	 * st_fold_name of "first last" and of "last first" (the two lines of
	 * person_name), each indexed, so they are found by a range. */
	"ALTER TABLE person ADD COLUMN first_last_key TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE person ADD COLUMN last_first_key TEXT NOT NULL DEFAULT '';"
	"UPDATE person SET first_last_key = st_fold_name(first_name) || st_fold_name(last_name),"
	"  last_first_key = st_fold_name(last_name) || st_fold_name(first_name);"
	"CREATE INDEX person_by_first_last ON person(first_last_key, id);"
	"CREATE INDEX person_by_last_first ON person(last_first_key, id);"
	"DROP TRIGGER IF EXISTS person_name_insert;"
	"DROP TRIGGER IF EXISTS person_name_update;"
	"CREATE TRIGGER person_name_insert AFTER INSERT ON person BEGIN"
	"  UPDATE person SET name_key = st_fold(new.first_name) || ' ' || st_fold(new.last_name),"
	"    first_last_key = st_fold_name(new.first_name) || st_fold_name(new.last_name),"
	"    last_first_key = st_fold_name(new.last_name) || st_fold_name(new.first_name)"
	"    WHERE id = new.id;"
	"  INSERT INTO person_name (rowid, name) VALUES (new.id,"
	"    st_fold_name(new.first_name) || st_fold_name(new.last_name) || char(10) ||"
	"    st_fold_name(new.last_name) || st_fold_name(new.first_name));"
	"END;"
	"CREATE TRIGGER person_name_update AFTER UPDATE OF first_name, last_name ON person BEGIN"
	"  UPDATE person SET name_key = st_fold(new.first_name) || ' ' || st_fold(new.last_name),"
	"    first_last_key = st_fold_name(new.first_name) || st_fold_name(new.last_name),"
	"    last_first_key = st_fold_name(new.last_name) || st_fold_name(new.first_name)"
	"    WHERE id = new.id;"
	"  DELETE FROM person_name WHERE rowid = old.id;"
	"  INSERT INTO person_name (rowid, name) VALUES (new.id,"
	"    st_fold_name(new.first_name) || st_fold_name(new.last_name) || char(10) ||"
	"    st_fold_name(new.last_name) || st_fold_name(new.first_name));"
	"END;",

	/* 9 -> 10: local_state (state.h): what this laptop remembers between
	 * runs that is neither data nor configuration (the folder of the
	 * last export). */
	"CREATE TABLE local_state ("
	"  key   TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") WITHOUT ROWID;",

	/* 10 -> 11: factors are looked up by code and by GUID ignoring case
	 * (COLLATE NOCASE), which the UNIQUE indexes (binary) cannot serve:
	 * importing a codebook of thousands of codes read the whole table for
	 * each one. */
	"CREATE INDEX factor_by_code_nocase ON factor(code COLLATE NOCASE);"
	"CREATE INDEX factor_by_guid_nocase ON factor(guid COLLATE NOCASE);",

	/* 11 -> 12: roster_version counts the changes to people and
	 * organisations that an import of a sign-up list decides by (names,
	 * organisations, kinds).  The import works them out without holding
	 * the write lock, then in one short transaction stores them only when
	 * the count is what it was when it began (people_import.c). */
	"CREATE TABLE roster_version (n INTEGER NOT NULL);"
	"INSERT INTO roster_version (n) VALUES (0);"
	"CREATE TRIGGER roster_person_insert AFTER INSERT ON person BEGIN"
	"  UPDATE roster_version SET n = n + 1;"
	"END;"
	"CREATE TRIGGER roster_person_update AFTER UPDATE OF first_name, last_name, organisation_id"
	"  ON person BEGIN"
	"  UPDATE roster_version SET n = n + 1;"
	"END;"
	"CREATE TRIGGER roster_person_delete AFTER DELETE ON person BEGIN"
	"  UPDATE roster_version SET n = n + 1;"
	"END;"
	"CREATE TRIGGER roster_org_insert AFTER INSERT ON organisation BEGIN"
	"  UPDATE roster_version SET n = n + 1;"
	"END;"
	"CREATE TRIGGER roster_org_update AFTER UPDATE OF kind, name, name_key ON organisation BEGIN"
	"  UPDATE roster_version SET n = n + 1;"
	"END;"
	"CREATE TRIGGER roster_org_delete AFTER DELETE ON organisation BEGIN"
	"  UPDATE roster_version SET n = n + 1;"
	"END;",

	/* 12 -> 13: who this database is in a network of laptops that sync
	 * (syncid.h).  sync_self is one row: this database's id, a UUID made
	 * here once (st_uuid, from libuuid); the network it belongs to, NULL
	 * until it joins one; the sequence number its next sync file takes.
	 * sync_peer: per colleague database, the sequence number of the last
	 * of its sync files applied here.  Both are local-only: they never
	 * travel in a sync file. */
	"CREATE TABLE sync_self ("
	"  one         INTEGER PRIMARY KEY CHECK (one = 1),"
	"  database_id TEXT NOT NULL CHECK (length(database_id) = 36),"
	"  network_id  TEXT CHECK (network_id IS NULL OR length(network_id) = 36),"
	"  next_seq    INTEGER NOT NULL DEFAULT 1 CHECK (next_seq >= 1)"
	");"
	"INSERT INTO sync_self (one, database_id) VALUES (1, st_uuid());"
	"CREATE TABLE sync_peer ("
	"  database_id TEXT PRIMARY KEY CHECK (length(database_id) = 36),"
	"  last_seq    INTEGER NOT NULL CHECK (last_seq >= 0),"
	"  applied_at  TEXT NOT NULL"
	") WITHOUT ROWID;",

	/* 13 -> 14: type-ahead with one or two letters, which the trigram
	 * index cannot look up, puts first the people a word of whose name
	 * starts with them, read in list order from one index range instead
	 * of a scan of every name: person_name_start holds, for each person,
	 * the first one and first two characters of each word of the name
	 * and of the whole first and last name (st_name_starts, person_name.h),
	 * with the sort key the lists are ordered by.  The triggers keep it
	 * (delete by the old starts, insert the new ones), so every way of
	 * writing a person gets it right. */
	"CREATE TABLE person_name_start ("
	"  start     TEXT NOT NULL,"
	"  sort_key  TEXT NOT NULL,"
	"  person_id INTEGER NOT NULL,"
	"  PRIMARY KEY (start, sort_key, person_id)"
	") WITHOUT ROWID;"
	"INSERT OR IGNORE INTO person_name_start (start, sort_key, person_id)"
	"  SELECT j.value, p.sort_key, p.id FROM person p,"
	"  json_each(st_name_starts(p.first_name, p.last_name)) j ORDER BY 1, 2, 3;"
	"CREATE TRIGGER person_name_start_insert AFTER INSERT ON person BEGIN"
	"  INSERT OR IGNORE INTO person_name_start (start, sort_key, person_id)"
	"    SELECT value, new.sort_key, new.id"
	"    FROM json_each(st_name_starts(new.first_name, new.last_name));"
	"END;"
	"CREATE TRIGGER person_name_start_update AFTER UPDATE OF id, first_name, last_name, sort_key"
	"  ON person BEGIN"
	"  DELETE FROM person_name_start WHERE sort_key = old.sort_key AND person_id = old.id"
	"    AND start IN (SELECT value FROM json_each(st_name_starts(old.first_name, old.last_name)));"
	"  INSERT OR IGNORE INTO person_name_start (start, sort_key, person_id)"
	"    SELECT value, new.sort_key, new.id"
	"    FROM json_each(st_name_starts(new.first_name, new.last_name));"
	"END;"
	"CREATE TRIGGER person_name_start_delete AFTER DELETE ON person BEGIN"
	"  DELETE FROM person_name_start WHERE sort_key = old.sort_key AND person_id = old.id"
	"    AND start IN (SELECT value FROM json_each(st_name_starts(old.first_name, old.last_name)));"
	"END;",
	/* 14 -> 15: sync between laptops (sync.h).  Travelling with the
	 * changes: sync_member (who each database's facilitator is),
	 * sync_tombstone (rows erased for good: a stale copy never brings
	 * them back), sync_redirect (a merged person or factor, which rows
	 * written elsewhere follow).  The rows that several laptops may edit
	 * and that had no time of change get changed_at: the time of the
	 * last edit made here of a database in a network, which the commit
	 * that records the edit for sync sets (sync_capture.c; an edit that
	 * changed nothing in the end is no edit), and which a change applied
	 * from another laptop brings with it: when two laptops changed the
	 * same field, the later change wins.  Local only: sync_outbox
	 * (this database's changes not yet in the shared folder; seq: the
	 * sync file they were given to, not yet written), sync_log (what
	 * came in from whom), sync_decision (what needs a person's
	 * decision), note_revision (a note's text that lost to a newer edit
	 * on another laptop, kept for its author). */
	"CREATE TABLE sync_member ("
	"  database_id TEXT PRIMARY KEY CHECK (length(database_id) = 36),"
	"  facilitator TEXT NOT NULL DEFAULT '',"
	"  changed_at  TEXT NOT NULL DEFAULT ''"
	") WITHOUT ROWID;"
	"CREATE TABLE sync_tombstone ("
	"  tbl    TEXT NOT NULL,"
	"  row_id INTEGER NOT NULL,"
	"  at     TEXT NOT NULL,"
	"  PRIMARY KEY (tbl, row_id)"
	") WITHOUT ROWID;"
	"CREATE TABLE sync_redirect ("
	"  tbl     TEXT NOT NULL,"
	"  from_id INTEGER NOT NULL,"
	"  into_id INTEGER NOT NULL,"
	"  PRIMARY KEY (tbl, from_id)"
	") WITHOUT ROWID;"
	"CREATE TABLE sync_outbox ("
	"  id        INTEGER PRIMARY KEY,"
	"  changeset BLOB NOT NULL,"
	"  seq       INTEGER"
	");"
	"CREATE INDEX sync_outbox_by_seq ON sync_outbox(seq, id);"
	"CREATE TABLE sync_log ("
	"  id          INTEGER PRIMARY KEY,"
	"  at          TEXT NOT NULL,"
	"  database_id TEXT NOT NULL,"
	"  seq         INTEGER NOT NULL,"
	"  notes       INTEGER NOT NULL DEFAULT 0,"
	"  tags        INTEGER NOT NULL DEFAULT 0,"
	"  checkins    INTEGER NOT NULL DEFAULT 0,"
	"  people      INTEGER NOT NULL DEFAULT 0,"
	"  other       INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE TABLE sync_decision ("
	"  id     INTEGER PRIMARY KEY,"
	"  at     TEXT NOT NULL,"
	"  tbl    TEXT NOT NULL,"
	"  row_id INTEGER,"
	"  what   TEXT NOT NULL"
	");"
	"CREATE TABLE note_revision ("
	"  id         INTEGER PRIMARY KEY,"
	"  note_id    INTEGER NOT NULL REFERENCES note(id) ON DELETE CASCADE,"
	"  body       TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  kept_at    TEXT NOT NULL,"
	"  UNIQUE (note_id, updated_at, body)"
	");"
	"ALTER TABLE sync_self ADD COLUMN last_sync TEXT;"
	/* The database each change of the attendance log was made in: undo
	 * takes back this laptop's own changes only. */
	"ALTER TABLE attendance_log ADD COLUMN origin TEXT NOT NULL DEFAULT '';"
	"UPDATE attendance_log SET origin = (SELECT database_id FROM sync_self WHERE one = 1);"
	"ALTER TABLE programme ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE organisation ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE session ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE person ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE factor ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';",

	/* 15 -> 16: tags record their coder (schema_figures.c: the table is
	 * made again with its figure triggers). */
	schema_coders_migration,

	/* 16 -> 17: the indexes on note justified one by one (issue 14, by
	 * EXPLAIN QUERY PLAN of every statement the program runs).  The
	 * draaiboek's pass over every live note with its session, kind, time
	 * and author reads them from note_live_by_session_kind alone (a
	 * fifth of the table, which holds the text), and so do the counts of
	 * the live notes of a session, programme or kind of session.  It is
	 * partial (live notes only): with deleted_at as its first column,
	 * SQLite took it for a better "deleted_at IS NULL AND session_id = ?"
	 * than note_by_session and then walked every note in time order for
	 * one session's page.  note_by_created served only the trash in entry
	 * order: the trash gets an index of its own notes (partial), not one
	 * of every note.  note_by_group served nothing (a group label is
	 * matched folded).  person_by_email: the people who share an e-mail
	 * address (people --duplicates, a person's duplicates) from an index
	 * range instead of every person. */
	"CREATE INDEX note_live_by_session_kind"
	"  ON note(session_id, kind, created_at, author, deleted_at) WHERE deleted_at IS NULL;"
	"DROP INDEX note_by_created;"
	"CREATE INDEX note_trash_by_created ON note(created_at, id) WHERE deleted_at IS NOT NULL;"
	"DROP INDEX note_by_group;"
	"CREATE INDEX person_by_email ON person(lower(email)) WHERE email <> '';",

	/* 17 -> 18: the time each field of a travelling row last changed
	 * (sync_field_time.h), this laptop's own: a row's time of change
	 * moves with any of its fields, so it cannot tell which of two
	 * changes of one field is the later. */
	"CREATE TABLE sync_field_time ("
	"  tbl     TEXT NOT NULL,"
	"  row_key TEXT NOT NULL,"
	"  col     TEXT NOT NULL,"
	"  at      TEXT NOT NULL,"
	"  PRIMARY KEY (tbl, row_key, col)"
	") WITHOUT ROWID;",

	/* 18 -> 19 (issue 14): fig_total.schools, fig_session_notes,
	 * note_live_by_author and the trash's index in the review's order
	 * (schema_figures.c). */
	schema_schools_migration,

	/* 19 -> 20: a tag's time of change (sync_tables.c), so that of two
	 * polarities given one tag on two laptops the later wins, and a
	 * stale copy merged later does not bring its old one back: tags had
	 * none, and the larger polarity won.  '' until the tag changes
	 * (stamped at the commit, sync_field_time.h). */
	"ALTER TABLE tag ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';",

	/* 20 -> 21 (issue 14): a person inserted with its name keys already
	 * right (the sign-up import stages them) is not written a second
	 * time: the trigger rewrote every new row and its three name indexes
	 * to fill them in, a tenth of importing a list. */
	"DROP TRIGGER person_name_insert;"
	"CREATE TRIGGER person_name_insert AFTER INSERT ON person BEGIN"
	"  UPDATE person SET (name_key, first_last_key, last_first_key) = (" PERSON_NAME_KEYS ")"
	"    WHERE id = new.id AND (new.name_key, new.first_last_key, new.last_first_key)"
	"    IS NOT (" PERSON_NAME_KEYS ");"
	"  INSERT INTO person_name (rowid, name) VALUES (new.id,"
	"    st_fold_name(new.first_name) || st_fold_name(new.last_name) || char(10) ||"
	"    st_fold_name(new.last_name) || st_fold_name(new.first_name));"
	"END;",

	/* 21 -> 22 (issue 14): the factor overview's figures per programme
	 * and per kind of session (schema_scopes.c). */
	schema_scopes_migration,
};

int schema_migration_count(void)
{
	return (int)(sizeof migration / sizeof migration[0]);
}

const char *schema_migration(int from_version)
{
	if (from_version < 0 || from_version >= schema_migration_count())
		return NULL;
	return migration[from_version];
}
