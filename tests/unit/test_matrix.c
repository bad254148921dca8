/* test_matrix.c: the matrix export (export_matrix.c) against a recount
 * from the notes and tags themselves, for every kind of column and with
 * filters, on a fixture of a few hundred notes at sessions of two
 * programmes, at schools, a partner and no host, some about another
 * school, some in the trash, tags removed and a factor moved after
 * tagging (so the kept figures went through their triggers); the codebook
 * in plain words' example taken from the memo (export_memo_example). */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/export.h"
#include "../tap.h"
#include "fixture.h"

/* A fixed pseudo-random sequence, the same on every machine. */
static unsigned long seed = 12345;
static int next(int n)
{
	seed = seed * 1103515245UL + 12345UL;
	return (int)((seed >> 16) % (unsigned long)n);
}

static void build_fixture(sqlite3 *db)
{
	static const char *const kinds[] = { "inspiratiesessie", "groeisessie", "focusgroep",
					     "uitwisselsessie" };
	long long school[3], partner, p1, p2, s[8], f[6], a, a2;
	char code[16], sql[256];
	int i, k;

	school[0] = add_org(db, "school", "VBS De Regenboog");
	school[1] = add_org(db, "school", "GO! Het Park");
	school[2] = add_org(db, "school", "Sint-Jozef");
	partner = add_org(db, "partner", "Technopolis");
	p1 = add_programme(db, "STEM++ 2017-2018", "2017-2018");
	p2 = add_programme(db, "STEMBASIS 2018-2019", "2018-2019");
	for (i = 0; i < 8; i++) {
		long long host = i < 5 ? school[i % 2] : i == 5 ? partner : 0;

		snprintf(code, sizeof code, "S %d", i + 1);
		snprintf(sql, sizeof sql, "2018-%02d-10", i + 1);
		s[i] = add_session(db, i < 4 ? p1 : p2, code, kinds[i % 4], sql, host);
	}
	a = add_factor(db, 0, "A", "Alfa", "");
	f[0] = a;
	f[1] = add_factor(db, a, "A1", "Alfa een", "");
	a2 = f[2] = add_factor(db, a, "A2", "Alfa twee", "");
	f[3] = add_factor(db, a2, "A21", "Alfa twee een", "");
	f[4] = add_factor(db, 0, "B", "Beta", "");
	f[5] = add_factor(db, f[4], "B1", "Beta een", "");
	for (i = 1; i <= 400; i++) {
		long long about = next(5) == 0 ? school[2] : 0;
		int tags = next(4);

		snprintf(sql, sizeof sql, "INSERT INTO note (session_id, body, about_org_id, created_at,"
			 " updated_at) VALUES (%lld, 'n', nullif(%lld, 0), '2018-01-01 10:00:00',"
			 " '2018-01-01 10:00:00')", s[next(8)], about);
		long long note = insert(db, sql);
		for (k = 0; k < tags; k++)
			tag(db, note, f[next(6)], next(3) - 1);
	}
	exec(db, "UPDATE note SET deleted_at = '2018-02-01 10:00:00' WHERE id % 17 = 0");
	exec(db, "DELETE FROM tag WHERE note_id % 13 = 0");
	/* A21 moves from A2 to B: its notes now count for B, no longer for A. */
	snprintf(sql, sizeof sql, "UPDATE factor SET parent_id = %lld WHERE id = %lld", f[4], f[3]);
	exec(db, sql);
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *matrix_csv(sqlite3 *db, enum matrix_cols cols, long long programme,
			const char *session_kind)
{
	export_options o;

	memset(&o, 0, sizeof o);
	o.what = EXPORT_MATRIX;
	o.format = EXFMT_CSV;
	o.cols = cols;
	o.programme_id = programme;
	o.session_kind = session_kind;
	return export_string(db, &o, NULL);
}

/* The cells of a matrix CSV (no field in the fixture holds a comma or a
 * quote): "CODE|COLUMN|notes|enablers|barriers" for each non-zero cell,
 * one a line, sorted.  Malloc'd. */
static char *csv_cells(const char *csv)
{
	char *copy = strdup(csv), *save = NULL, *line, *head[64] = { 0 }, **lines = NULL;
	struct buf out = { 0 };
	int ncol = 0, nlines = 0, i;

	for (line = strtok_r(copy, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
		char *fsave = NULL, *field, *v[64];
		int nv = 0;

		for (field = strtok_r(line, ",", &fsave); field && nv < 64;
		     field = strtok_r(NULL, ",", &fsave))
			v[nv++] = field;
		if (!ncol) {
			for (i = 0; i < nv; i++)
				head[i] = v[i];
			ncol = nv;
			continue;
		}
		for (i = 3; i + 2 < nv; i += 3) {
			char cell[256], *colon;

			if (strcmp(v[i], "0") == 0)
				continue;
			snprintf(cell, sizeof cell, "%s|%s", v[0], head[i]);
			colon = strrchr(cell, ':');
			if (colon)
				*colon = '\0';
			snprintf(cell + strlen(cell), sizeof cell - strlen(cell), "|%s|%s|%s",
				 v[i], v[i + 1], v[i + 2]);
			lines = realloc(lines, sizeof *lines * (size_t)(nlines + 1));
			lines[nlines++] = strdup(cell);
		}
	}
	if (nlines)
		qsort(lines, (size_t)nlines, sizeof *lines, by_text);
	for (i = 0; i < nlines; i++) {
		buf_add(&out, lines[i]);
		buf_add(&out, "\n");
		free(lines[i]);
	}
	free(lines);
	free(copy);
	return out.s ? out.s : strdup("");
}

/* The same cells counted from the notes and tags (live notes; a note
 * counts once for a factor when tagged with it or below it, as an enabler
 * when one such tag is +1, as a barrier when one is -1), for the column
 * label expression label, with the filters. */
static char *recount(sqlite3 *db, const char *label, long long programme, const char *kind)
{
	char sql[2048];
	sqlite3_stmt *st;
	struct buf out = { 0 };

	snprintf(sql, sizeof sql,
		 "WITH RECURSIVE anc(factor_id, ancestor_id) AS (SELECT id, id FROM factor"
		 " UNION ALL SELECT anc.factor_id, f.parent_id FROM anc JOIN factor f"
		 " ON f.id = anc.ancestor_id WHERE f.parent_id IS NOT NULL),"
		 " per AS (SELECT anc.ancestor_id AS fid, n.id AS nid, %s AS col,"
		 "  max(t.polarity = 1) AS en, max(t.polarity = -1) AS ba"
		 "  FROM note n JOIN session s ON s.id = n.session_id"
		 "  JOIN programme p ON p.id = s.programme_id"
		 "  LEFT JOIN organisation o ON o.id = coalesce(n.about_org_id, s.host_org_id)"
		 "   AND o.kind = 'school'"
		 "  JOIN tag t ON t.note_id = n.id JOIN anc ON anc.factor_id = t.factor_id"
		 "  WHERE n.deleted_at IS NULL AND (?1 = 0 OR s.programme_id = ?1)"
		 "  AND (?2 IS NULL OR s.kind = ?2) GROUP BY 1, 2)"
		 " SELECT f.code || '|' || col || '|' || count(*) || '|' || sum(en) || '|' || sum(ba)"
		 " AS line FROM per JOIN factor f ON f.id = per.fid GROUP BY per.fid, col"
		 " ORDER BY line", label);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		printf("Bail out! %s\n", sqlite3_errmsg(db));
		exit(99);
	}
	sqlite3_bind_int64(st, 1, programme);
	if (kind)
		sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		buf_add(&out, (const char *)sqlite3_column_text(st, 0));
		buf_add(&out, "\n");
	}
	sqlite3_finalize(st);
	return out.s ? out.s : strdup("");
}

/* The matrix for cols (and the filters) holds exactly the recounted cells. */
static void check_matrix(sqlite3 *db, enum matrix_cols cols, const char *label,
			 long long programme, const char *kind, const char *name)
{
	char *csv = matrix_csv(db, cols, programme, kind);
	char *got = csv ? csv_cells(csv) : strdup("(export failed)");
	char *want = recount(db, label, programme, kind);

	ok(strlen(want) > 40, "%s: the recount has cells", name);
	is_str(got, want, name);
	free(csv);
	free(got);
	free(want);
}

static void test_matrix(sqlite3 *db)
{
	long long p2 = query_int(db, "SELECT id FROM programme WHERE name LIKE 'STEMBASIS%'");

	check_matrix(db, MATRIX_SCHOOL, "coalesce(o.name, '(no school)')", 0, NULL,
		     "per school: the recount");
	check_matrix(db, MATRIX_SESSION, "p.name || ' ' || s.code", 0, NULL,
		     "per session: the recount");
	check_matrix(db, MATRIX_SESSION_KIND, "s.kind", 0, NULL, "per session kind: the recount");
	check_matrix(db, MATRIX_PROGRAMME, "p.name", 0, NULL, "per programme: the recount");
	check_matrix(db, MATRIX_SCHOOL, "coalesce(o.name, '(no school)')", p2, NULL,
		     "per school, one programme: the recount");
	check_matrix(db, MATRIX_SESSION, "p.name || ' ' || s.code", 0, "focusgroep",
		     "per session, focus groups only: the recount");
}

static void test_memo_example(void)
{
	char *example, *rest;

	export_memo_example("Voorbeeld: \"Een citaat.\"\nNog iets.", &example, &rest);
	is_str(example, "\"Een citaat.\"", "the example: the Voorbeeld line's text");
	is_str(rest, "Nog iets.", "  the memo without it");
	free(example);
	free(rest);
	export_memo_example("Eerst dit.\nexample:  In English  \n\nDan dat.", &example, &rest);
	is_str(example, "In English", "an Example line in any case, trimmed, wherever it is");
	is_str(rest, "Eerst dit.\n\nDan dat.", "  the other lines kept as they were");
	free(example);
	free(rest);
	export_memo_example("Geen voorbeeld hier.", &example, &rest);
	ok(example == NULL, "no example line: no example");
	is_str(rest, "Geen voorbeeld hier.", "  and the whole memo");
	free(example);
	free(rest);
	export_memo_example(NULL, &example, &rest);
	ok(example == NULL && rest && !*rest, "no memo: nothing");
	free(example);
	free(rest);
}

int main(void)
{
	sqlite3 *db;

	setlocale(LC_ALL, "C.UTF-8");
	fixture_start("matrix");
	db = open_db("matrix.sqlite");
	build_fixture(db);
	test_matrix(db);
	test_memo_example();
	db_close(db);
	return tap_done();
}
