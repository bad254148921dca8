/* test_sync_snapshot: a database's content as changesets in pieces
 * (sync_snapshot.c): a large table comes in several pieces, a table whose
 * rows refer to each other in one, and the pieces applied one by one
 * rebuild the content exactly. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/sync_snapshot.h"
#include "fixture.h"
#include "../tap.h"

#define PIECE 4096

/* What the pieces were, and the database they are applied to. */
struct seen {
	sqlite3 *into;
	int notes, factors, others, failed;
	long long largest;
};

static int refuse(void *ctx, int kind, sqlite3_changeset_iter *it)
{
	(void)ctx;
	(void)kind;
	(void)it;
	return SQLITE_CHANGESET_ABORT;
}

/* The table of a piece: every piece holds one table's rows. */
static const char *table_of(int n, const void *p)
{
	static char name[64];
	sqlite3_changeset_iter *it;
	const char *tab = "";
	int ncol, op, indirect;

	if (sqlite3changeset_start(&it, n, (void *)p) != SQLITE_OK)
		return "";
	if (sqlite3changeset_next(it) == SQLITE_ROW)
		sqlite3changeset_op(it, &tab, &ncol, &op, &indirect);
	snprintf(name, sizeof name, "%s", tab);
	sqlite3changeset_finalize(it);
	return name;
}

static int take(void *ctx, int n, const void *p, st_err *err)
{
	struct seen *s = ctx;
	const char *t = table_of(n, p);

	(void)err;
	if (strcmp(t, "note") == 0)
		s->notes++;
	else if (strcmp(t, "factor") == 0)
		s->factors++;
	else
		s->others++;
	if (strcmp(t, "factor") != 0 && n > s->largest)
		s->largest = n;
	if (sqlite3changeset_apply(s->into, n, (void *)p, NULL, refuse, NULL) != SQLITE_OK)
		s->failed++;
	return 0;
}

static const char *const content[] = {
	"SELECT * FROM programme ORDER BY id", "SELECT * FROM session ORDER BY id",
	"SELECT * FROM factor ORDER BY id",
	"SELECT id, session_id, kind, body, author, created_at, updated_at FROM note ORDER BY id",
};

static void fill(sqlite3 *db)
{
	long long prog = add_programme(db, "STEM++", "2017-2018");

	add_session(db, prog, "COP 01", "inspiratiesessie", "2017-11-09", 0);
	exec(db, "INSERT INTO factor (id, code, name, guid) VALUES (1, 'VB', 'Visie',"
		 " '00000000-0000-4000-8000-000000000001');"
		 "WITH RECURSIVE i(k) AS (SELECT 2 UNION ALL SELECT k + 1 FROM i WHERE k < 120)"
		 " INSERT INTO factor (id, parent_id, code, name, guid, definition)"
		 " SELECT k, k - 1, 'F' || k, 'Factor ' || k, printf('00000000-0000-4000-8000-%012d', k),"
		 " printf('%.200c', 'x') FROM i;"
		 "WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i WHERE k < 400)"
		 " INSERT INTO note (session_id, body, author, created_at, updated_at)"
		 " SELECT (SELECT id FROM session), 'Zoë zegt ' || k || printf(' %.150c', 'y'),"
		 " 'Françoise', '2017-11-09 14:00:00', '2017-11-09 14:00:00' FROM i;");
}

int main(void)
{
	sqlite3 *db, *into;
	struct seen s = { 0 };
	st_err err = { "" };
	char *want, *got;

	fixture_start("sync_snapshot");
	db = open_db("all.sqlite");
	into = open_db("pieces.sqlite");
	fill(db);
	exec(into, "DELETE FROM tag; DELETE FROM note; DELETE FROM factor; DELETE FROM session;"
		   " DELETE FROM programme;");
	s.into = into;

	is_int(sync_snapshot_attach(db, &err), 0, "the empty copies attach");
	is_int(db_begin(db, &err), 0, "a transaction");
	is_int(sync_snapshot_pieces(db, PIECE, take, &s, &err), 0, "the content, in pieces");
	ok(s.notes > 10, "400 notes of about 170 bytes come in several pieces (%d)", s.notes);
	ok(s.largest < 2 * PIECE, "  none much larger than a piece (%lld bytes)", s.largest);
	is_int(s.factors, 1, "the factors, each the parent of the next, in one piece");
	is_int(s.failed, 0, "every piece applies on its own, in its order");
	is_int(db_commit(db, &err), 0, "the transaction commits: the copies' keys are kept");
	is_int(query_int(db, "SELECT count(*) FROM sync_empty.note"), 0, "  and the copies are empty");
	sync_snapshot_detach(db);

	want = dump_rows(db, content, sizeof content / sizeof content[0]);
	got = dump_rows(into, content, sizeof content / sizeof content[0]);
	is_str(got, want, "the pieces give back exactly what the database holds");
	free(want);
	free(got);
	db_close(into);
	db_close(db);
	return tap_done();
}
