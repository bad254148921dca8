/* test_coders.c: tags record their coder (TAP).
 *
 * Migration 14 -> 15 on a database from before coders (made at version 7
 * by the released migrations, then opened): the tags keep their note,
 * factor and polarity with the unknown coder, the figures stay right.
 * Two coders on the same note: neither overwrites the other, every kept
 * figure counts the note once (and equals stemtui check's recount), one
 * coder's figures, removing only one's own tag.  Agreement: Cohen's kappa
 * of hand-computed tables, per factor and pooled; the default coders;
 * the notes where coders disagree on polarity. */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agreement.h"
#include "core/codebook.h"
#include "core/db.h"
#include "core/figures.h"
#include "core/tags.h"
#include "../tap.h"
#include "fixture.h"

#define MAXF 16

/* |x| (no libm for one function). */
static double near0(double x)
{
	return x < 0 ? -x : x;
}

static long long f_a1, f_a2, f_b1;

/* A version 7 database (tag without coder): one programme, one session,
 * notes 1 to 6, factors AA > A1, A2 and BB > B1, and tags on notes 1-3. */
static const char *database_before_coders(void)
{
	static const char fill[] =
		"INSERT INTO programme (id, name) VALUES (1, 'P');"
		"INSERT INTO session (id, programme_id, code, code_key, kind, date) VALUES"
		"  (1, 1, 'COP 1', 'cop 0000000001', 'groeisessie', '2018-01-10');"
		"INSERT INTO factor (id, parent_id, code, name, guid, position) VALUES"
		"  (1, NULL, 'AA', 'Alfa', 'g1', 0), (2, 1, 'A1', 'Alfa één', 'g2', 0),"
		"  (3, 1, 'A2', 'Alfa twee', 'g3', 1), (4, NULL, 'BB', 'Bèta', 'g4', 1),"
		"  (5, 4, 'B1', 'Bèta één', 'g5', 0);"
		"INSERT INTO note (id, session_id, body, created_at, updated_at) VALUES"
		"  (1, 1, 'een', 'x', 'x'), (2, 1, 'twee', 'x', 'x'), (3, 1, 'drie', 'x', 'x'),"
		"  (4, 1, 'vier', 'x', 'x'), (5, 1, 'vijf', 'x', 'x'), (6, 1, 'zes', 'x', 'x');"
		"INSERT INTO tag (note_id, factor_id, polarity) VALUES"
		"  (1, 2, 1), (1, 5, -1), (2, 3, 0), (3, 2, -1);";

	return old_database("v7.sqlite", 7, fill);
}

/* stemtui check recounts every kept figure table (fig_note, fig_session,
 * fig_total, fig_pair, ...) from the tags and finds them equal. */
static void check_clean(sqlite3 *db, const char *what)
{
	ok(check_finds(db) == 0, "the kept figures equal stemtui check's recount: %s", what);
}

static sqlite3 *test_migration(void)
{
	sqlite3 *db = NULL;
	st_err err = { "" };

	if (!ok(db_open(database_before_coders(), &db, NULL, &err) == DB_OPEN_OK,
		"a database from before coders (version 7) opens")) {
		diag("%s", err.msg);
		exit(99);
	}
	is_int(query_int(db, "PRAGMA user_version"), db_schema_version(), "  and is migrated");
	is_str(query_text(db, "SELECT group_concat(note_id || ':' || factor_id || ':' || polarity"
			  " || ':' || quote(coder), ' ') FROM tag"),
	       "1:2:1:'' 1:5:-1:'' 2:3:0:'' 3:2:-1:''",
	       "  its tags keep note, factor and polarity, with the unknown coder ''");
	is_str(query_text(db, "SELECT group_concat(name, ',') FROM (SELECT name FROM"
			  " pragma_index_info('sqlite_autoindex_tag_1') ORDER BY seqno)"),
	       "note_id,factor_id,coder", "  the primary key is (note, factor, coder)");
	is_str(query_text(db, "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema"
			  " WHERE tbl_name = 'tag' AND type IN ('index', 'trigger') AND sql IS NOT NULL"
			  " ORDER BY name)"),
	       "fig_pair_tag_delete fig_pair_tag_insert fig_pair_tag_update fig_tag_delete"
	       " fig_tag_insert fig_tag_update tag_by_coder tag_by_factor",
	       "  its index, the new tag_by_coder and the six figure triggers are there");
	is_int(query_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'tag_before_coders'"),
	       0, "  the copy it was made from is gone");
	check_clean(db, "after the migration");
	f_a1 = 2;
	f_a2 = 3;
	f_b1 = 5;
	return db;
}

/* The figures of factor id, all coders (coder NULL) or one. */
static factor_figures figures_of(sqlite3 *db, long long id, const char *coder)
{
	figure_filter ff = { 0, NULL, 0, coder };
	factor_figures fig[MAXF], none = { 0 };
	st_err err;
	int n = factor_figures_all(db, &ff, fig, MAXF, &err), i;

	for (i = 0; i < n; i++)
		if (fig[i].factor_id == id)
			return fig[i];
	return none;
}

/* The notes factor id shares with other (0 when none), from fig_pair. */
static int shared(sqlite3 *db, long long id, long long other)
{
	factor_cooccur c[MAXF];
	st_err err;
	int n = factor_cooccurrence(db, id, NULL, c, MAXF, &err), i;

	for (i = 0; i < n; i++)
		if (c[i].factor_id == other)
			return c[i].notes;
	return 0;
}

static void tag_as(sqlite3 *db, const char *coder, long long note, long long factor, int pol)
{
	st_err err;

	if (tag_set(db, note, factor, pol, coder, &err) != 0) {
		printf("Bail out! tag_set: %s\n", err.msg);
		exit(99);
	}
}

static void test_two_coders(sqlite3 *db)
{
	factor_figures x;
	st_tag t[8];
	char text[128];
	st_err err;

	/* Note 1 has A1+ and B1- by the unknown coder; An and Bert tag it too. */
	tag_as(db, "An", 1, f_a1, 1);
	tag_as(db, "Bert", 1, f_a1, 1);
	is_int(query_int(db, "SELECT count(*) FROM tag WHERE note_id = 1 AND factor_id = 2"), 3,
	       "three coders tag note 1 with A1: three tags, none overwritten");
	x = figures_of(db, f_a1, NULL);
	ok(x.notes == 2 && x.enablers == 1 && x.barriers == 1 && x.sessions == 1,
	   "A1 still counts note 1 once: 2 notes (1 and 3), 1 enabler, 1 barrier (got %d, %d, %d)",
	   x.notes, x.enablers, x.barriers);
	x = figures_of(db, 1, NULL);
	is_int(x.notes, 3, "AA counts notes 1, 2 and 3 once each");
	is_int(shared(db, f_a1, f_b1), 1, "A1 and B1 share note 1 once (fig_pair)");
	tag_as(db, "an", 1, f_b1, 1);
	tag_as(db, "Bert", 1, f_b1, -1);
	is_int(shared(db, f_a1, f_b1), 1, "  still once when An and Bert tag B1 too");
	is_int(shared(db, 1, f_b1), 1, "  and AA shares it with B1 once");
	check_clean(db, "three coders on one note");
	/* Polarity: a coder's + makes the note an enabler, a coder's - a barrier. */
	x = figures_of(db, f_b1, NULL);
	ok(x.notes == 1 && x.enablers == 1 && x.barriers == 1 && x.neutral == 0,
	   "B1: An said +, Bert and the unknown coder -: one note, an enabler and a barrier");
	tag_text(db, 1, text, sizeof text, &err);
	is_str(text, "A1+ B1+ B1-", "the note's tags: coders who agree once, who disagree per polarity");
	is_int(tag_list(db, 1, "AN", t, 8, &err), 2, "tag_list of one coder (case folded): An's two");
	ok(strcmp(t[0].code, "A1") == 0 && strcmp(t[0].coder, "an") == 0 && t[1].polarity == 1,
	   "  A1 and B1+, with the coder's key");
	is_int(tag_list(db, 1, NULL, t, 8, &err), 6, "tag_list of every coder: six");
	/* One coder's figures. */
	x = figures_of(db, f_b1, "Bert");
	ok(x.notes == 1 && x.enablers == 0 && x.barriers == 1, "B1 for Bert only: one barrier");
	x = figures_of(db, f_a1, "an");
	ok(x.notes == 1 && x.enablers == 1 && x.barriers == 0, "A1 for An only: note 1, an enabler");
	x = figures_of(db, 1, "nobody");
	is_int(x.notes, 0, "a coder without tags has no figures");
	/* Removing a tag removes only that coder's. */
	is_int(tag_remove(db, 1, f_b1, "Bert", &err), 0, "Bert removes B1 from note 1");
	ok(query_int(db, "SELECT count(*) FROM tag WHERE note_id = 1 AND factor_id = 5") == 2,
	   "  An's and the unknown coder's B1 stay");
	is_int(shared(db, f_a1, f_b1), 1, "  A1 and B1 still share note 1");
	tag_remove(db, 1, f_b1, "an", &err);
	tag_remove(db, 1, f_b1, NULL, &err);
	is_int(shared(db, f_a1, f_b1), 0, "once the last B1 on note 1 goes, the pair goes");
	check_clean(db, "tags of coders removed");
}

/* A merge, a move and the trash keep every coder's tag and the figures. */
static void test_codebook_changes(sqlite3 *db)
{
	st_err err;

	tag_as(db, "an", 2, f_a1, 1);
	tag_as(db, "bert", 2, f_a2, -1);
	tag_as(db, "an", 4, f_b1, 0);
	tag_as(db, "bert", 4, f_b1, 1);
	check_clean(db, "more tags");
	ok(factor_move(db, f_b1, 1, &err) == 0, "move B1 under AA");
	check_clean(db, "a factor with two coders' tags moved");
	ok(factor_merge(db, f_a2, f_a1, 1, &err) == 0, "merge A2 into A1");
	is_str(query_text(db, "SELECT group_concat(quote(coder) || polarity, ' ') FROM (SELECT coder,"
			  " polarity FROM tag WHERE note_id = 2 AND factor_id = 2 ORDER BY coder)"),
	       "''0 'an'1 'bert'-1", "  note 2 keeps a tag per coder on A1, each with its polarity");
	check_clean(db, "a merge with two coders");
	/* Tags moved by UPDATE (as another program may): to a factor or a
	 * note another coder has tagged already, from one another still has. */
	tag_as(db, "an", 3, f_a1, 1);
	tag_as(db, "bert", 3, f_b1, 1);
	exec(db, "UPDATE tag SET factor_id = 5 WHERE note_id = 3 AND factor_id = 2 AND coder = 'an'");
	check_clean(db, "An's tag moved to a factor Bert tagged the note with");
	exec(db, "UPDATE tag SET note_id = 5 WHERE note_id = 3 AND factor_id = 5 AND coder = 'bert'");
	check_clean(db, "Bert's tag moved to another note, An's stays");
	exec(db, "UPDATE tag SET factor_id = 2 WHERE note_id = 3 AND factor_id = 5 AND coder = 'an'");
	check_clean(db, "An's tag moved back");
	exec(db, "UPDATE note SET deleted_at = 'x' WHERE id = 4");
	check_clean(db, "a note with two coders' tags in the trash");
	exec(db, "UPDATE note SET deleted_at = NULL WHERE id = 4; DELETE FROM note WHERE id = 2");
	check_clean(db, "restored, and a note deleted");
}

static void test_kappa(void)
{
	double k;

	/* yy 4, yn 2, ny 1, nn 3 (n 10): po = (4 + 3) / 10 = 0.7;
	 * pA = (4 + 2) / 10 = 0.6, pB = (4 + 1) / 10 = 0.5;
	 * pe = 0.6 * 0.5 + 0.4 * 0.5 = 0.5; kappa = (po - pe) / (1 - pe) = 0.2 / 0.5 = 0.4. */
	ok(agreement_kappa(4, 2, 1, 3, &k) && near0(k - 0.4) < 1e-9, "kappa of 4 2 1 3 is 0.4");
	/* Complete disagreement, yn 2, ny 3: po = 0; pA = 0.4, pB = 0.6;
	 * pe = 0.4 * 0.6 + 0.6 * 0.4 = 0.48; kappa = -0.48 / 0.52. */
	ok(agreement_kappa(0, 2, 3, 0, &k) && near0(k + 0.48 / 0.52) < 1e-9,
	   "kappa of 0 2 3 0 is -0.48 / 0.52");
	ok(agreement_kappa(2, 0, 0, 3, &k) && near0(k - 1) < 1e-9, "agreeing on everything: 1");
	ok(!agreement_kappa(5, 0, 0, 0, &k), "both present on every note: pe = 1, undefined");
	ok(!agreement_kappa(0, 0, 0, 5, &k), "both absent on every note: pe = 1, undefined");
	ok(!agreement_kappa(0, 0, 0, 0, &k), "no notes: undefined");
}

/* A fresh database: notes 1-5 tagged by An, Bert and Carla. */
static sqlite3 *agreement_database(const char *name)
{
	sqlite3 *db = open_db(name);
	long long p = add_programme(db, "P", "2018"), s = add_session(db, p, "S1", "groeisessie",
									 "2018-01-10", 0);
	long long aa = add_factor(db, 0, "AA", "Alfa", ""), bb = add_factor(db, 0, "BB", "Bèta", "");
	char sql[256];
	int i;

	f_a1 = add_factor(db, aa, "A1", "Alfa één", "");
	f_a2 = add_factor(db, aa, "A2", "Alfa twee", "");
	f_b1 = add_factor(db, bb, "B1", "Bèta één", "");
	for (i = 1; i <= 5; i++) {
		snprintf(sql, sizeof sql, "INSERT INTO note (id, session_id, body, created_at,"
			 " updated_at) VALUES (%d, %lld, 'noot %d', 'x', 'x')", i, s, i);
		exec(db, sql);
	}
	/* An: n1 A1+, n2 A1, n3 A2, n4 A1, n4 B1.  Bert: n1 A1-, n2 A2, n3 A2,
	 * n4 A2, n5 A1 (n5 only Bert's).  Carla: n1 A1. */
	tag_as(db, "An", 1, f_a1, 1);
	tag_as(db, "An", 2, f_a1, 0);
	tag_as(db, "An", 3, f_a2, 0);
	tag_as(db, "An", 4, f_a1, 0);
	tag_as(db, "An", 4, f_b1, 0);
	tag_as(db, "Bert", 1, f_a1, -1);
	tag_as(db, "Bert", 2, f_a2, 0);
	tag_as(db, "Bert", 3, f_a2, 0);
	tag_as(db, "Bert", 4, f_a2, 0);
	tag_as(db, "Bert", 5, f_a1, 0);
	tag_as(db, "Carla", 1, f_a1, 0);
	return db;
}

static void is_row(const agreement_row *r, const char *code, int yy, int yn, int ny, int nn,
		   double kappa, const char *what)
{
	ok(strcmp(r->code, code) == 0 && r->yy == yy && r->yn == yn && r->ny == ny &&
	   r->nn == nn && r->both == yy + yn + ny + nn && r->agree == yy + nn &&
	   r->has_kappa && near0(r->kappa - kappa) < 1e-9, "%s", what);
	if (strcmp(r->code, code) != 0 || r->yy != yy || r->yn != yn || r->ny != ny || r->nn != nn)
		diag("got %s %d %d %d %d kappa %f", r->code, r->yy, r->yn, r->ny, r->nn, r->kappa);
}

static void test_agreement(void)
{
	sqlite3 *db = agreement_database("agreement.sqlite");
	agreement_options o = { "an", "BERT", 0, NULL };
	agreement_row *rows, total;
	coder_name c[8];
	char a[CODER_MAX], b[CODER_MAX];
	st_err err;
	int n;

	is_int(coder_list(db, c, 8, &err), 3, "coder_list: three coders");
	ok(strcmp(c[0].coder, "an") == 0 && strcmp(c[1].coder, "bert") == 0 &&
	   strcmp(c[2].coder, "carla") == 0, "  by name");
	is_int(agreement_default_coders(db, a, b, &err), 3, "three coders other than the unknown");
	ok(strcmp(a, "an") == 0 && strcmp(b, "bert") == 0, "  the default two: most tags, An and Bert");
	if (!ok(agreement_compute(db, &o, &rows, &n, &total, &err) == 0, "agreement_compute")) {
		diag("%s", err.msg);
		return;
	}
	if (!is_int(n, 3, "  three factors used on the notes both tagged (1-4; not 5)"))
		return;
	/* A1 over notes 1-4: An has 1, 2, 4, Bert 1: yy 1, yn 2, ny 0, nn 1;
	 * po = 2/4 = 0.5, pA = 3/4, pB = 1/4, pe = 3/4 * 1/4 + 1/4 * 3/4 = 0.375,
	 * kappa = (0.5 - 0.375) / (1 - 0.375) = 0.2. */
	is_row(&rows[0], "A1", 1, 2, 0, 1, 0.2, "  A1: yy 1, yn 2, ny 0, nn 1, kappa 0.2");
	ok(near0(rows[0].percent - 50) < 1e-9, "  A1: 50%% agreement");
	/* A2: An has 3, Bert 2, 3, 4: yy 1, yn 0, ny 2, nn 1: the same po and pe, 0.2. */
	is_row(&rows[1], "A2", 1, 0, 2, 1, 0.2, "  A2: yy 1, yn 0, ny 2, nn 1, kappa 0.2");
	/* B1: An has 4, Bert none: po = 3/4, pA = 1/4, pB = 0, pe = 0 + 3/4 * 1 = 3/4,
	 * kappa = (3/4 - 3/4) / (1/4) = 0. */
	is_row(&rows[2], "B1", 0, 1, 0, 3, 0, "  B1: yy 0, yn 1, ny 0, nn 3, kappa 0");
	/* Pooled: yy 2, yn 3, ny 2, nn 5 (12 decisions): po = 7/12, pA = 5/12,
	 * pB = 4/12, pe = 20/144 + 56/144 = 76/144, kappa = (84 - 76) / (144 - 76) = 8/68. */
	is_row(&total, "", 2, 3, 2, 5, 8.0 / 68, "  the total pools 12 decisions: kappa 8/68");
	free(rows);
	o.session_kind = "focusgroep";
	ok(agreement_compute(db, &o, &rows, &n, &total, &err) == 0 && n == 0 && total.both == 0 &&
	   !total.has_kappa, "no notes of focus groups: no rows, the total undefined");
	free(rows);
	db_close(db);
}

static int collect(void *ctx, const disagreement *d)
{
	struct buf *b = ctx;
	char line[256];

	snprintf(line, sizeof line, "%lld %s %s: %s|", d->note_id, d->session, d->code,
		 d->polarities);
	buf_add(b, line);
	return 0;
}

static void test_disagreements(void)
{
	sqlite3 *db = agreement_database("disagreements.sqlite");
	agreement_options o = { NULL, NULL, 0, NULL };
	struct buf b = { 0 };
	st_err err;

	tag_as(db, "Carla", 3, f_a2, -1);
	is_int(agreement_disagreements(db, &o, collect, &b, &err), 0, "agreement_disagreements");
	is_str(b.s, "1 S1 A1: an +, bert -, carla 0|3 S1 A2: an 0, bert 0, carla -|",
	       "  every coder: notes 1 (A1) and 3 (A2), with each coder's polarity");
	free(b.s);
	memset(&b, 0, sizeof b);
	o.coder_a = "Bert";
	o.coder_b = "Carla";
	agreement_disagreements(db, &o, collect, &b, &err);
	is_str(b.s, "1 S1 A1: bert -, carla 0|3 S1 A2: bert 0, carla -|",
	       "  Bert and Carla only");
	free(b.s);
	memset(&b, 0, sizeof b);
	o.coder_a = "An";
	o.coder_b = "Carla";
	exec(db, "UPDATE note SET deleted_at = 'x' WHERE id = 1");
	agreement_disagreements(db, &o, collect, &b, &err);
	is_str(b.s, "3 S1 A2: an 0, carla -|", "  a note in the trash is left out");
	free(b.s);
	db_close(db);
}

int main(void)
{
	sqlite3 *db;

	setlocale(LC_ALL, "C.UTF-8");
	unsetenv("LANGUAGE");
	fixture_start("test_coders");
	db = test_migration();
	test_two_coders(db);
	test_codebook_changes(db);
	db_close(db);
	test_kappa();
	test_agreement();
	test_disagreements();
	return tap_done();
}
