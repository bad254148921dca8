/* test_draaiboek_kept.c: the draaiboek without --coder (of all notes or
 * one session) reads its notes, counts, facilitators and sessions from
 * the kept figures and indexes (draaiboek_notes.c, issue 14); with
 * --coder (or of a programme or a kind of session) it makes one pass
 * over the notes.  On a network whose tags are all the unknown coder's the two
 * must give the same document but for the line that names the coder:
 * whole, per programme, per kind of session and for one session, with
 * notes entered out of id order, some in the trash, more untagged ideas
 * than the appendix lists, more facilitators than the title page names,
 * a factor on more notes than it is read from its tags (a walk in time
 * order) and one on few (from its tags). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/export.h"
#include "../tap.h"
#include "fixture.h"

/* Above the number of notes from which a factor's notes are found by a
 * walk in time order (KEPT_FEW_NOTES in draaiboek_notes.c). */
#define BIG 3000

static const char *const authors[] = { "Leen Deprez", "Arne Smets", "Eva Thys", "Jef Cools",
				       "Ine Verschueren", "Bart Van Hecke", "Lien Martens",
				       "Kobe Vandenberghe", "Katrien Bogaert", "Jonas Wuyts",
				       "Ilse Vandamme", "Françoise Lefèvre", "Zoë Aerts",
				       "Adil Benali" };
static long long p1, s_first, s_groei;

/* The notes in one transaction, as SQL (through the core one by one
 * they take half a minute under the sanitizers): note i at session
 * i * 5 % 6, of kind i * 3 % 5, by author i * 11 % 14, entered out of id
 * order; notes below BIG tagged with the big factor (most +1, every
 * tenth -1 and 0: its enablers and ideas are walked in time order, its
 * barriers read from its tags),
 * every 97th with the small one, every 5th from 1 with another; every
 * 41st in the trash. */
static void build(sqlite3 *db)
{
	char sql[2048];
	long long p2, big, small, other;
	int i;

	p1 = add_programme(db, "STEM 2018", "2018-2019");
	p2 = add_programme(db, "STEM 2019", "2019-2020");
	s_first = add_session(db, p1, "COP 1", "inspiratiesessie", "2018-10-01", 0);
	s_groei = add_session(db, p1, "COP 2", "groeisessie", "2018-11-05", 0);
	add_session(db, p1, "COP 3", "focusgroep", "2018-11-05", 0);
	add_session(db, p2, "COP 1", "groeisessie", "2019-10-01", 0);
	add_session(db, p2, "COP 2", "uitwisselsessie", "2019-12-01", 0);
	add_session(db, p2, "COP 3", "groeisessie", "2019-09-01", 0);
	big = add_factor(db, add_factor(db, 0, "T", "Team", ""), "T1", "Tijd", "");
	small = add_factor(db, big - 1, "T2", "Draagvlak", "");
	other = add_factor(db, 0, "L", "Leerlingen", "");
	exec(db, "CREATE TEMP TABLE who (k INTEGER PRIMARY KEY, name TEXT)");
	for (i = 0; i < (int)(sizeof authors / sizeof *authors); i++) {
		snprintf(sql, sizeof sql, "INSERT INTO temp.who VALUES (%d, '%s')", i, authors[i]);
		exec(db, sql);
	}
	snprintf(sql, sizeof sql,
		 "CREATE TEMP TABLE ses AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id"
		 " FROM session;"
		 "BEGIN;"
		 "WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < %d)"
		 " INSERT INTO note (session_id, kind, group_label, author, body, created_at,"
		 " updated_at) SELECT (SELECT id FROM temp.ses WHERE k = n * 5 %% 6),"
		 " CASE n * 3 %% 5 WHEN 0 THEN 'quote' WHEN 1 THEN 'observation' WHEN 2 THEN 'idea'"
		 " WHEN 3 THEN 'action' ELSE 'question' END, CASE WHEN n %% 4 THEN '' ELSE 'tafel 1' END,"
		 " (SELECT name FROM temp.who WHERE k = n * 11 %% 14), 'Notitie ' || n,"
		 " printf('2018-10-%%02d %%02d:%%02d:00', 1 + n * 7 %% 28, n * 13 %% 24, n * 7919 %% 60),"
		 " '2018-10-01 00:00:00' FROM i;"
		 "CREATE TEMP TABLE nth AS SELECT id, CAST(substr(body, 9) AS INTEGER) AS n FROM note;"
		 "INSERT INTO tag (note_id, factor_id, polarity) SELECT id, %lld,"
		 " CASE n %% 10 WHEN 8 THEN 0 WHEN 9 THEN -1 ELSE 1 END FROM temp.nth WHERE n < %d;"
		 "INSERT INTO tag (note_id, factor_id, polarity) SELECT id, %lld,"
		 " CASE WHEN n %% 2 THEN 1 ELSE -1 END FROM temp.nth WHERE n %% 97 = 0;"
		 "INSERT INTO tag (note_id, factor_id, polarity) SELECT id, %lld, n %% 3 - 1"
		 " FROM temp.nth WHERE n %% 5 = 1;"
		 "UPDATE note SET deleted_at = '2019-01-01 00:00:00'"
		 " WHERE id IN (SELECT id FROM temp.nth WHERE n %% 41 = 0);"
		 "COMMIT", BIG + 700, big, BIG, small, other);
	exec(db, sql);
}

/* The draaiboek of the filter in Markdown (of the unknown coder's tags
 * when coder), without the paragraph that names the coder. */
static char *draaiboek(sqlite3 *db, long long programme, const char *kind, long long session,
		       bool coder)
{
	export_options o = { .what = EXPORT_DRAAIBOEK, .format = EXFMT_MD, .language = "en",
			     .programme_id = programme, .session_kind = kind,
			     .session_id = session, .coder = coder ? "" : NULL };
	char *buf = export_string(db, &o, NULL), *line;

	if (buf && (line = strstr(buf, "**Tags of:**"))) {
		char *end = strchr(line, '\n') + 1;

		end += *end == '\n';   /* and the empty line after the paragraph */
		memmove(line, end, strlen(end) + 1);
	}
	return buf;
}

static void same(sqlite3 *db, long long programme, const char *kind, long long session,
		 const char *what)
{
	char *kept = draaiboek(db, programme, kind, session, false);
	char *pass = draaiboek(db, programme, kind, session, true);

	if (!ok(kept && pass && strcmp(kept, pass) == 0,
		"the kept figures give the pass's draaiboek: %s", what) && kept && pass) {
		size_t i = 0;

		while (kept[i] && kept[i] == pass[i])
			i++;
		diag("they part at byte %zu: kept \"%.60s\"", i, kept + i);
		diag("pass \"%.60s\"", pass + i);
	}
	free(kept);
	free(pass);
}

int main(void)
{
	sqlite3 *db;
	char *doc;

	fixture_locale();
	find_datadir();
	fixture_start("draaiboek_kept");
	db = open_db("kept.sqlite");
	build(db);
	is_int((int)query_int(db, "SELECT count(*) FROM tag WHERE coder <> ''"), 0,
	       "every tag is the unknown coder's");
	doc = draaiboek(db, 0, NULL, 0, false);
	ok(doc && strstr(doc, "More in stemtui") && strstr(doc, "Adil Benali") &&
	   !strstr(doc, "Zoë Aerts"), "  more untagged ideas than listed, facilitators capped");
	free(doc);
	same(db, 0, NULL, 0, "all notes");
	same(db, p1, NULL, 0, "one programme");
	same(db, 0, "groeisessie", 0, "one kind of session");
	same(db, p1, NULL, s_groei, "one session");
	same(db, p1, NULL, s_first, "another session");
	exec(db, "UPDATE note SET deleted_at = NULL WHERE deleted_at IS NOT NULL;"
	     " DELETE FROM tag WHERE note_id IN (SELECT id FROM note WHERE id % 7 = 0)");
	same(db, 0, NULL, 0, "after a restore and tags taken away");
	db_close(db);
	return tap_done();
}
