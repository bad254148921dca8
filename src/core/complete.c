/* complete.c: see complete.h. */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "core/complete.h"
#include "core/db.h"
#include "core/text.h"

/* Each query gives the words in the order a person reads them; the
 * prefix is compared folded (text_starts_with_folded: "franc" finds
 * "Françoise Peeters") as the commands compare names, so it is applied to
 * the rows, which stay a quick scan of one table or index. */
static const struct {
	const char *kind;
	const char *sql;
} lists[] = {
	{ "sessions",
	  "SELECT replace(code, ' ', '') AS w FROM session GROUP BY w ORDER BY min(code_key), w" },
	{ "factors", "SELECT code FROM factor ORDER BY code" },
	{ "people",
	  "SELECT first_name || ' ' || last_name AS w FROM person GROUP BY w"
	  " ORDER BY min(sort_key), w" },
	{ "programmes",
	  "SELECT name FROM programme UNION"
	  " SELECT school_year FROM programme WHERE school_year <> '' ORDER BY 1" },
	{ "roles", "SELECT DISTINCT role FROM person ORDER BY role" },
	{ "focus", "SELECT DISTINCT focus FROM person_focus ORDER BY focus" },
	{ "organisations",
	  "SELECT name FROM organisation GROUP BY name ORDER BY min(name_key), name" },
};
#define LIST_COUNT (sizeof lists / sizeof lists[0])

static int list_index(const char *kind)
{
	size_t i;

	for (i = 0; kind && i < LIST_COUNT; i++)
		if (strcmp(kind, lists[i].kind) == 0)
			return (int)i;
	return -1;
}

bool complete_kind_known(const char *kind)
{
	return list_index(kind) >= 0;
}

/* A word a shell can take: no control character, no tab, nothing
 * text_cp_shown would not show as itself (the database may hold what
 * another program wrote). */
static bool word_is_plain(const char *w)
{
	size_t n = strlen(w);

	return n > 0 && !strchr(w, '\t') && text_control_at(w, n, false) == n;
}

/* The database at path, read-only, when it is a stemtui database. */
static sqlite3 *open_for_reading(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	bool ours = false;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, 200);
	if (sqlite3_prepare_v2(db, "PRAGMA application_id", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		ours = sqlite3_column_int64(st, 0) == ST_DB_APP_ID;
	sqlite3_finalize(st);
	if (!ours) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

void complete_values(const char *path, const char *kind, const char *prefix,
		     void (*emit)(const char *word, void *arg), void *arg)
{
	int i = list_index(kind), n = 0;
	sqlite3_stmt *st = NULL;
	sqlite3 *db;

	if (i < 0 || !path || !(db = open_for_reading(path)))
		return;
	if (sqlite3_prepare_v2(db, lists[i].sql, -1, &st, NULL) == SQLITE_OK) {
		while (n < COMPLETE_MAX && sqlite3_step(st) == SQLITE_ROW) {
			const char *w = (const char *)sqlite3_column_text(st, 0);

			if (w && word_is_plain(w) &&
			    (!prefix || text_starts_with_folded(w, prefix))) {
				emit(w, arg);
				n++;
			}
		}
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
}
