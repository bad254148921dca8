/* test_factors.c: the codebook (tree order, search, saving, moving,
 * merging, deleting with or without its tags), the codebook import and its
 * rejections, tags, the most used factors, the note filters on tags, and
 * the figures of the factor overview against a fixture whose counts are
 * worked out by hand below. */
#include "config.h"

#include <locale.h>
#include <regex.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/codebook.h"
#include "core/guid.h"
#include "core/codebook_import.h"
#include "core/codebook_snapshot.h"
#include "core/db.h"
#include "core/demo.h"
#include "core/figures.h"
#include "core/notes.h"
#include "core/programme_import.h"
#include "core/tags.h"
#include "../tap.h"
#include "fixture.h"

#define MAXF 64

static int fixture_no;

/* The fixture (see build_fixture).  Ids by name. */
static long long p1, p2, school_a, school_b, partner_x, s1, s2, s3, s4;
static long long n[11];   /* n[1]..n[10] */
static long long f_aa, f_a1, f_a2, f_bb, f_b1, f_b2;

/* ---- helpers ------------------------------------------------------------ */

/* Every factor and tag as text: equal dumps mean nothing changed. */
static char *dump_db(sqlite3 *db)
{
	static const char *const sql[] = {
		"SELECT 'factor', * FROM factor ORDER BY id",
		"SELECT 'tag', * FROM tag ORDER BY note_id, factor_id",
	};

	return dump_rows(db, sql, sizeof sql / sizeof sql[0]);
}

/* ---- the fixture -------------------------------------------------------- */

/* Two programmes; schools A and B and partner X; four sessions:
 *   s1  P1  groeisessie       host school A
 *   s2  P1  focusgroep        no host
 *   s3  P2  groeisessie       host school B
 *   s4  P2  inspiratiesessie  host partner X (not a school)
 * The codebook: AA (A1, A2) and BB (B1, B2).
 * Ten notes; a note's school is the school it is about, else its session's
 * host when that is a school:
 *   n1  s1  Leen                 school A   A1+
 *   n2  s1  Leen  about B        school B   A1-  A2+
 *   n3  s1  Leen                 school A   A2 0
 *   n4  s2  Leen  about A        school A   A1+  B1-
 *   n5  s2  Leen                 (none)     B1 0
 *   n6  s3  Arne                 school B   A1-  B2+
 *   n7  s3  Arne                 school B   (untagged)
 *   n8  s4  Arne                 (none)     A2+  B1+
 *   n9  s4  Arne  about A        school A   B2-
 *   n10 s1  Arne, in the trash   school A   A1+  (never counts) */
static sqlite3 *build_fixture(void)
{
	char name[64], sql[512];
	sqlite3 *db;
	int i;
	static const struct { long long *session; const char *author; long long *about; } nd[11] = {
		{ NULL, NULL, NULL },
		{ &s1, "Leen Deprez", NULL }, { &s1, "Leen Deprez", &school_b },
		{ &s1, "Leen Deprez", NULL }, { &s2, "Leen Deprez", &school_a },
		{ &s2, "Leen Deprez", NULL }, { &s3, "Arne Smets", NULL },
		{ &s3, "Arne Smets", NULL }, { &s4, "Arne Smets", NULL },
		{ &s4, "Arne Smets", &school_a }, { &s1, "Arne Smets", NULL },
	};

	snprintf(name, sizeof name, "fixture%d.sqlite", ++fixture_no);
	db = open_db(name);
	p1 = insert(db, "INSERT INTO programme (name, school_year) VALUES ('P1', '2017-2018')");
	p2 = insert(db, "INSERT INTO programme (name, school_year) VALUES ('P2', '2018-2019')");
	school_a = insert(db, "INSERT INTO organisation (kind, name, name_key) VALUES ('school', 'A', 'a')");
	school_b = insert(db, "INSERT INTO organisation (kind, name, name_key) VALUES ('school', 'B', 'b')");
	partner_x = insert(db, "INSERT INTO organisation (kind, name, name_key) VALUES ('partner', 'X', 'x')");
#define SESSION(var, prog, code, kind, date, host) \
	snprintf(sql, sizeof sql, "INSERT INTO session (programme_id, code, code_key, kind, date," \
		 " host_org_id) VALUES (%lld, '%s', '%s', '%s', '%s', %s)", prog, code, code, kind, \
		 date, host); \
	var = insert(db, sql)
	{
		char ha[32], hb[32], hx[32];

		snprintf(ha, sizeof ha, "%lld", school_a);
		snprintf(hb, sizeof hb, "%lld", school_b);
		snprintf(hx, sizeof hx, "%lld", partner_x);
		SESSION(s1, p1, "S1", "groeisessie", "2018-01-10", ha);
		SESSION(s2, p1, "S2", "focusgroep", "2018-02-10", "NULL");
		SESSION(s3, p2, "S3", "groeisessie", "2019-01-10", hb);
		SESSION(s4, p2, "S4", "inspiratiesessie", "2019-02-10", hx);
	}
	for (i = 1; i <= 10; i++) {
		snprintf(sql, sizeof sql, "INSERT INTO note (session_id, body, author, about_org_id,"
			 " created_at, updated_at, deleted_at) VALUES (%lld, 'note %d', '%s', %s,"
			 " '2018-03-%02d 10:00:00', '2018-03-%02d 10:00:00', %s)", *nd[i].session, i,
			 nd[i].author, nd[i].about ? (*nd[i].about == school_a ? "(SELECT id FROM"
			 " organisation WHERE name = 'A')" : "(SELECT id FROM organisation WHERE"
			 " name = 'B')") : "NULL", i, i, i == 10 ? "'2018-04-01 10:00:00'" : "NULL");
		n[i] = insert(db, sql);
	}
	f_aa = add_factor(db, 0, "AA", "Alfa", "De eerste categorie");
	f_a1 = add_factor(db, f_aa, "A1", "Alfa één", "");
	f_a2 = add_factor(db, f_aa, "A2", "Alfa twee", "Met de leerlijn");
	f_bb = add_factor(db, 0, "BB", "Bèta", "");
	f_b1 = add_factor(db, f_bb, "B1", "Bèta één", "");
	f_b2 = add_factor(db, f_bb, "B2", "Geïntegreerd STEM-onderwijs", "");
	tag(db, n[1], f_a1, 1);
	tag(db, n[2], f_a1, -1);
	tag(db, n[2], f_a2, 1);
	tag(db, n[3], f_a2, 0);
	tag(db, n[4], f_a1, 1);
	tag(db, n[4], f_b1, -1);
	tag(db, n[5], f_b1, 0);
	tag(db, n[6], f_a1, -1);
	tag(db, n[6], f_b2, 1);
	tag(db, n[8], f_a2, 1);
	tag(db, n[8], f_b1, 1);
	tag(db, n[9], f_b2, -1);
	/* Tagged before it went to the trash (tag_set refuses the trash). */
	snprintf(sql, sizeof sql, "INSERT INTO tag (note_id, factor_id, polarity)"
		 " VALUES (%lld, %lld, 1)", n[10], f_a1);
	exec(db, sql);
	return db;
}

/* ---- figures -------------------------------------------------------------- */

struct want {
	const char *code;
	int notes, sessions, schools, en, ba, neutral, k[4];
};

static void check_figures(sqlite3 *db, const figure_filter *ff, const struct want *w, int nw,
			  const char *label)
{
	st_factor tree[MAXF];
	factor_figures fig[MAXF];
	st_err err = { "" };
	char name[256];
	int nt, nf, i, j, k;

	nt = factor_tree(db, tree, MAXF, &err);
	nf = factor_figures_all(db, ff, fig, MAXF, &err);
	is_int(nf, nt, "figures: one row per factor of the tree");
	for (i = 0; i < nw; i++) {
		for (j = 0; j < nt && strcmp(tree[j].code, w[i].code) != 0; j++)
			;
		if (!ok(j < nt && fig[j].factor_id == tree[j].id, "%s: %s is there, in tree order",
			label, w[i].code))
			continue;
		snprintf(name, sizeof name, "%s: %s notes", label, w[i].code);
		is_int(fig[j].notes, w[i].notes, name);
		snprintf(name, sizeof name, "%s: %s sessions", label, w[i].code);
		is_int(fig[j].sessions, w[i].sessions, name);
		snprintf(name, sizeof name, "%s: %s schools", label, w[i].code);
		is_int(fig[j].schools, w[i].schools, name);
		snprintf(name, sizeof name, "%s: %s enablers", label, w[i].code);
		is_int(fig[j].enablers, w[i].en, name);
		snprintf(name, sizeof name, "%s: %s barriers", label, w[i].code);
		is_int(fig[j].barriers, w[i].ba, name);
		snprintf(name, sizeof name, "%s: %s neutral", label, w[i].code);
		is_int(fig[j].neutral, w[i].neutral, name);
		for (k = 0; k < 4; k++) {
			snprintf(name, sizeof name, "%s: %s by_kind[%d]", label, w[i].code, k);
			is_int(fig[j].by_kind[k], w[i].k[k], name);
		}
	}
	for (i = 0; i < nt; i++)
		factor_clear(&tree[i]);
}

static void test_figures(sqlite3 *db)
{
	/* All notes (n10 is in the trash and never counts).
	 * A1: n1+ (s1, A), n2- (s1, B), n4+ (s2, A), n6- (s3, B):
	 *     4 notes, 3 sessions, 2 schools, 2 +, 2 -, 0 neutral;
	 *     groei n1 n2 n6 = 3, focus n4 = 1.
	 * A2: n2+ (s1, B), n3 0 (s1, A), n8+ (s4, none):
	 *     3 notes, 2 sessions, 2 schools, 2 +, 0 -, 1 neutral (n3);
	 *     insp n8 = 1, groei n2 n3 = 2.
	 * AA = A1 or A2: n1 n2 n3 n4 n6 n8: 6 notes, sessions s1-s4 = 4,
	 *     schools A and B = 2 (n8 has none); enablers n1 n2 n4 n8 = 4
	 *     (n2 has A2+), barriers n2 n6 = 2 (n2 is both), neutral n3 = 1;
	 *     insp n8 = 1, groei n1 n2 n3 n6 = 4, focus n4 = 1.
	 * B1: n4- (s2, A), n5 0 (s2, none), n8+ (s4, none):
	 *     3 notes, 2 sessions, 1 school, 1 +, 1 -, 1 neutral;
	 *     insp 1, focus 2.
	 * B2: n6+ (s3, B), n9- (s4, about A): 2 notes, 2 sessions,
	 *     2 schools, 1 +, 1 -; insp 1, groei 1.
	 * BB: n4- n5 0 n6+ n8+ n9-: 5 notes, sessions s2 s3 s4 = 3, schools
	 *     A B = 2, 2 +, 2 -, 1 neutral; insp n8 n9 = 2, groei n6 = 1,
	 *     focus n4 n5 = 2. */
	static const struct want all[] = {
		{ "AA", 6, 4, 2, 4, 2, 1, { 1, 4, 1, 0 } },
		{ "A1", 4, 3, 2, 2, 2, 0, { 0, 3, 1, 0 } },
		{ "A2", 3, 2, 2, 2, 0, 1, { 1, 2, 0, 0 } },
		{ "BB", 5, 3, 2, 2, 2, 1, { 2, 1, 2, 0 } },
		{ "B1", 3, 2, 1, 1, 1, 1, { 1, 0, 2, 0 } },
		{ "B2", 2, 2, 2, 1, 1, 0, { 1, 1, 0, 0 } },
	};
	/* Programme P2 (s3, s4): n6 n7 n8 n9.
	 * A1: n6-: 1 note, 1 session, 1 school (B), 0 +, 1 -; groei 1.
	 * A2: n8+: 1 note, 1 session, 0 schools, 1 +; insp 1.
	 * AA: n6 n8: 2 notes, 2 sessions, 1 school, 1 +, 1 -; insp 1, groei 1.
	 * BB: n6+ (B2) n8+ (B1) n9- (B2): 3 notes, 2 sessions, 2 schools
	 *     (B, A), 2 +, 1 -; insp 2, groei 1. */
	static const struct want prog2[] = {
		{ "AA", 2, 2, 1, 1, 1, 0, { 1, 1, 0, 0 } },
		{ "A1", 1, 1, 1, 0, 1, 0, { 0, 1, 0, 0 } },
		{ "A2", 1, 1, 0, 1, 0, 0, { 1, 0, 0, 0 } },
		{ "BB", 3, 2, 2, 2, 1, 0, { 2, 1, 0, 0 } },
	};
	/* Focus groups (s2): n4 n5.
	 * A1 = AA: n4+: 1 note, 1 session, 1 school (A), 1 +; focus 1.
	 * A2: nothing.
	 * BB = B1: n4- n5 0: 2 notes, 1 session, 1 school, 0 +, 1 -,
	 *     1 neutral; focus 2.  B2: nothing. */
	static const struct want focus[] = {
		{ "AA", 1, 1, 1, 1, 0, 0, { 0, 0, 1, 0 } },
		{ "A1", 1, 1, 1, 1, 0, 0, { 0, 0, 1, 0 } },
		{ "A2", 0, 0, 0, 0, 0, 0, { 0, 0, 0, 0 } },
		{ "BB", 2, 1, 1, 0, 1, 1, { 0, 0, 2, 0 } },
		{ "B1", 2, 1, 1, 0, 1, 1, { 0, 0, 2, 0 } },
		{ "B2", 0, 0, 0, 0, 0, 0, { 0, 0, 0, 0 } },
	};
	figure_filter none = { 0 }, f2 = { .programme_id = p2 };
	figure_filter ffocus = { .session_kind = "focusgroep" };
	figure_filter both = { .programme_id = p2, .session_kind = "focusgroep" };
	factor_figures fig[MAXF];
	st_err err;
	int i, got;

	check_figures(db, &none, all, 6, "all");
	check_figures(db, NULL, all, 6, "NULL filter");
	check_figures(db, &f2, prog2, 4, "programme P2");
	check_figures(db, &ffocus, focus, 6, "focus groups");
	/* S2 is the only focus group: the same figures, by session. */
	check_figures(db, &(figure_filter){ .session_id = s2 }, focus, 6, "session S2");
	got = factor_figures_all(db, &both, fig, MAXF, &err);
	for (i = 0; i < got && fig[i].notes == 0; i++)
		;
	ok(got == 6 && i == got, "P2 has no focus groups: every count is 0");
	is_int(factor_figures_all(db, &none, fig, 2, &err), 2, "figures stop at max");
}

static void test_tree(sqlite3 *db)
{
	static const char *const codes[] = { "AA", "A1", "A2", "BB", "B1", "B2" };
	static const int depth[] = { 0, 1, 1, 0, 1, 1 }, children[] = { 2, 0, 0, 2, 0, 0 };
	st_factor t[MAXF], f = { 0 };
	st_err err;
	int got, i, good = 1;

	got = factor_tree(db, t, MAXF, &err);
	is_int(got, 6, "tree: six factors");
	for (i = 0; i < got && i < 6; i++)
		good &= strcmp(t[i].code, codes[i]) == 0 && t[i].depth == depth[i] &&
			t[i].children == children[i];
	ok(good, "tree: depth first, siblings in order, with depth and children");
	ok(t[1].parent_id == f_aa && t[0].parent_id == 0, "tree: parent ids");
	for (i = 0; i < got; i++)
		factor_clear(&t[i]);
	is_int(factor_tree(db, t, 2, &err), 2, "tree stops at max");
	factor_clear(&t[0]);
	factor_clear(&t[1]);

	is_int(factor_find_code(db, "a1", &f, &err), 1, "find_code ignores case");
	ok(f.id == f_a1 && f.depth == 1 && f.parent_id == f_aa, "  A1, depth 1, under AA");
	factor_clear(&f);
	is_int(factor_find_code(db, "ZZ", &f, &err), 0, "find_code: unknown code is 0");
	is_int(factor_get(db, f_bb, &f, &err), 1, "factor_get");
	ok(f.children == 2 && strcmp(f.name, "Bèta") == 0, "  BB, 2 children");
	factor_clear(&f);
	is_int(factor_get(db, 9999, &f, &err), 0, "factor_get: unknown id is 0");

	got = factor_search(db, "geintegreerd", t, MAXF, &err);
	ok(got == 1 && strcmp(t[0].code, "B2") == 0, "search ignores accents: geintegreerd finds B2");
	for (i = 0; i < got; i++)
		factor_clear(&t[i]);
	got = factor_search(db, "BÈTA", t, MAXF, &err);
	ok(got == 2 && strcmp(t[0].code, "BB") == 0 && strcmp(t[1].code, "B1") == 0,
	   "search BÈTA: BB and B1, in tree order");
	for (i = 0; i < got; i++)
		factor_clear(&t[i]);
	got = factor_search(db, "leerlijn", t, MAXF, &err);
	ok(got == 1 && strcmp(t[0].code, "A2") == 0, "search looks in the definition");
	for (i = 0; i < got; i++)
		factor_clear(&t[i]);
	got = factor_search(db, "a1", t, MAXF, &err);
	ok(got == 1 && strcmp(t[0].code, "A1") == 0, "search looks in the code");
	for (i = 0; i < got; i++)
		factor_clear(&t[i]);
	/* "e": no code has it; the names of A1 A2 BB B1 B2 do (een, twee,
	 * bèta, geïntegreerd), AA only in its definition ("De eerste"): last. */
	got = factor_search(db, "e", t, MAXF, &err);
	ok(got == 6 && strcmp(t[0].code, "A1") == 0 && strcmp(t[4].code, "B2") == 0 &&
	   strcmp(t[5].code, "AA") == 0, "search: name matches before definition matches");
	for (i = 0; i < got; i++)
		factor_clear(&t[i]);
	is_int(factor_search(db, "", t, MAXF, &err), 6, "an empty search lists all");
	for (i = 0; i < 6; i++)
		factor_clear(&t[i]);
}

static bool guid_form(const char *g)
{
	regex_t re;
	bool match;

	regcomp(&re, "^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$",
		REG_EXTENDED | REG_NOSUB);
	match = regexec(&re, g, 0, NULL, 0) == 0;
	regfree(&re);
	return match;
}

static void test_save(sqlite3 *db)
{
	st_factor f = { 0 }, g = { 0 };
	st_err err;
	char *before, *after, guid[64];

	is_int(query_int(db, "SELECT count(*) FROM factor WHERE guid GLOB '[0-9A-F]*'"), 6,
	       "every factor has a GUID");
	is_int(query_int(db, "SELECT count(DISTINCT guid) FROM factor"), 6, "GUIDs are distinct");
	factor_get(db, f_a1, &f, &err);
	ok(guid_form(f.guid), "GUID %s is v4, upper case, 8-4-4-4-12", f.guid);
	snprintf(guid, sizeof guid, "%s", f.guid);

	before = dump_db(db);
	free(f.code);
	f.code = strdup("a2");
	ok(factor_save(db, &f, &err) != 0, "save refuses a duplicate code (other case)");
	has_str(err.msg, "already used", "  says so");
	free(f.code);
	f.code = strdup("A1");
	free(f.colour);
	f.colour = strdup("#12345G");
	ok(factor_save(db, &f, &err) != 0, "save refuses colour #12345G");
	has_str(err.msg, "#RRGGBB", "  and names the form");
	free(f.colour);
	f.colour = strdup("red");
	ok(factor_save(db, &f, &err) != 0, "save refuses colour red");
	free(f.colour);
	f.colour = strdup("");
	free(f.name);
	f.name = strdup("");
	ok(factor_save(db, &f, &err) != 0, "save refuses an empty name");
	free(f.name);
	f.name = strdup("Alfa één");
	free(f.code);
	f.code = strdup("A1+");
	ok(factor_save(db, &f, &err) != 0, "save refuses a code ending in +");
	free(f.code);
	f.code = strdup("");
	ok(factor_save(db, &f, &err) != 0, "save refuses an empty code");
	after = dump_db(db);
	is_str(after, before, "nothing was changed by the refusals");
	free(before);
	free(after);

	free(f.code);
	f.code = strdup("A1");
	free(f.colour);
	f.colour = strdup("#1f77b4");
	free(f.memo);
	f.memo = strdup("een memo");
	is_int(factor_save(db, &f, &err), 0, "save updates colour (lower-case hex is fine) and memo");
	factor_clear(&f);
	factor_get(db, f_a1, &f, &err);
	ok(strcmp(f.colour, "#1f77b4") == 0 && strcmp(f.memo, "een memo") == 0 &&
	   strcmp(f.guid, guid) == 0 && f.parent_id == f_aa, "  stored; GUID and parent kept");
	factor_clear(&f);

	g.code = "CC";
	g.name = "Nieuw";
	g.parent_id = 9999;
	ok(factor_save(db, &g, &err) != 0, "save refuses a parent that does not exist");
	g.parent_id = 0;
	is_int(factor_save(db, &g, &err), 0, "save inserts a new top-level factor");
	ok(g.id > 0, "  and sets its id");
	factor_get(db, g.id, &f, &err);
	ok(f.position > 0 && guid_form(f.guid), "  last among the top level, with a new GUID");
	factor_clear(&f);
	factor_delete(db, g.id, 0, false, 0, &err);
}

static void test_tags(sqlite3 *db)
{
	st_tag t[8];
	st_note note = { 0 };
	char text[256];
	st_err err;

	tag_text(db, n[2], text, sizeof text, &err);
	is_str(text, "A1- A2+", "tag_text in tree order: A1- A2+");
	tag(db, n[7], f_b2, 1);
	tag(db, n[7], f_a1, 0);
	tag_text(db, n[7], text, sizeof text, &err);
	is_str(text, "A1 B2+", "tag_set: A1 (neutral) and B2+");
	tag(db, n[7], f_a1, -1);
	tag_text(db, n[7], text, sizeof text, &err);
	is_str(text, "A1- B2+", "tag_set again changes the polarity");
	ok(tag_set(db, n[10], f_b1, 1, NULL, &err) != 0, "tag_set on a note in the trash is refused");
	has_str(err.msg, "in the trash", "  and says why");
	is_int(query_int(db, "SELECT count(*) FROM tag WHERE factor_id = (SELECT id FROM factor"
			     " WHERE code = 'B1') AND note_id = (SELECT max(id) FROM note)"), 0,
	       "  no tag was added");
	is_int(tag_list(db, n[7], NULL, t, 8, &err), 2, "tag_list: two tags");
	ok(t[0].factor_id == f_a1 && t[0].polarity == -1 && strcmp(t[1].code, "B2") == 0 &&
	   strcmp(t[1].name, "Geïntegreerd STEM-onderwijs") == 0 && t[1].polarity == 1,
	   "  with factor, code, name and polarity");
	is_int(note_get(db, n[7], &note, &err), 1, "note_get");
	is_str(note.tags, "A1- B2+", "  fills the note's tags");
	note_clear(&note);
	is_int(tag_remove(db, n[7], f_a1, NULL, &err), 0, "tag_remove");
	is_int(tag_remove(db, n[7], f_a1, NULL, &err), 0, "removing it again is fine");
	tag_text(db, n[7], text, sizeof text, &err);
	is_str(text, "B2+", "  one tag left");
	tag_remove(db, n[7], f_b2, NULL, &err);
	tag_text(db, n[7], text, sizeof text, &err);
	is_str(text, "", "an untagged note's text is empty");
	ok(tag_set(db, 9999, f_a1, 1, NULL, &err) != 0, "tag_set refuses an unknown note");
	has_str(err.msg, "no note", "  says so");
	ok(tag_set(db, n[7], 9999, 1, NULL, &err) != 0, "tag_set refuses an unknown factor");
	ok(tag_set(db, n[7], f_a1, 2, NULL, &err) != 0, "tag_set refuses polarity 2");
	is_int(query_int(db, "SELECT count(*) FROM tag WHERE note_id IN (SELECT id FROM note"
			     " WHERE body = 'note 7')"), 0, "  and nothing was written");
	tag_text(db, n[2], text, 5, &err);
	is_str(text, "A1-", "tag_text keeps only whole tags that fit");
}

static void test_most_used_and_cooccurrence(sqlite3 *db)
{
	st_factor f[8];
	factor_cooccur c[8];
	figure_filter none = { 0 }, f2 = { .programme_id = p2 };
	st_err err;
	int got, i;

	/* Leen: A1 on n1 n2 n4 (3), A2 on n2 n3 (2), B1 on n4 n5 (2); then
	 * the unused leaf B2, then the categories. */
	got = factor_most_used(db, "leen deprez", f, 8, &err);
	ok(got == 6 && strcmp(f[0].code, "A1") == 0 && strcmp(f[1].code, "A2") == 0 &&
	   strcmp(f[2].code, "B1") == 0 && strcmp(f[3].code, "B2") == 0 &&
	   strcmp(f[4].code, "AA") == 0 && strcmp(f[5].code, "BB") == 0,
	   "most used by Leen (case ignored): A1 A2 B1, then B2, then AA BB");
	for (i = 0; i < got; i++)
		factor_clear(&f[i]);
	/* Arne (n10 is in the trash): B2 on n6 n9 (2), then A1, A2, B1 (1). */
	got = factor_most_used(db, "Arne Smets", f, 2, &err);
	ok(got == 2 && strcmp(f[0].code, "B2") == 0 && strcmp(f[1].code, "A1") == 0,
	   "most used by Arne, up to 2: B2 A1");
	for (i = 0; i < got; i++)
		factor_clear(&f[i]);
	/* Nobody: all notes: A1 4, then A2 and B1 3, B2 2. */
	got = factor_most_used(db, "Niemand", f, 3, &err);
	ok(got == 3 && strcmp(f[0].code, "A1") == 0 && strcmp(f[1].code, "A2") == 0 &&
	   strcmp(f[2].code, "B1") == 0, "someone who tagged nothing gets everyone's: A1 A2 B1");
	for (i = 0; i < got; i++)
		factor_clear(&f[i]);
	/* author_key follows a changed author (trigger): Arne's notes become
	 * Nobody's, so Nobody now gets Arne's B2 first. */
	exec(db, "UPDATE note SET author = 'Niémand' WHERE author = 'Arne Smets'");
	got = factor_most_used(db, "niemand", f, 1, &err);
	ok(got == 1 && strcmp(f[0].code, "B2") == 0, "a changed author moves the digit keys along");
	for (i = 0; i < got; i++)
		factor_clear(&f[i]);
	exec(db, "UPDATE note SET author = 'Arne Smets' WHERE author = 'Niémand'");

	/* AA is on n1 n2 n3 n4 n6 n8: B1 on n4 n8 (2), B2 on n6 (1). */
	got = factor_cooccurrence(db, f_aa, &none, c, 8, &err);
	ok(got == 2 && c[0].factor_id == f_b1 && c[0].notes == 2 && c[1].factor_id == f_b2 &&
	   c[1].notes == 1 && strcmp(c[0].code, "B1") == 0,
	   "co-occurrence of AA: B1 on 2 notes, B2 on 1 (not A1, A2)");
	/* A1 is on n1 n2 n4 n6: A2 (n2), B1 (n4), B2 (n6), 1 each, in tree order. */
	got = factor_cooccurrence(db, f_a1, &none, c, 8, &err);
	ok(got == 3 && c[0].factor_id == f_a2 && c[1].factor_id == f_b1 && c[2].factor_id == f_b2,
	   "co-occurrence of A1: A2, B1, B2");
	/* In P2, A1 is on n6 only: B2. */
	got = factor_cooccurrence(db, f_a1, &f2, c, 8, &err);
	ok(got == 1 && c[0].factor_id == f_b2, "co-occurrence of A1 in P2: B2");
	/* S2 (n4 n5) is the only focus group: by kind (from the factor) and
	 * by session (from the session) both give B1 with A1 on n4. */
	got = factor_cooccurrence(db, f_a1, &(figure_filter){ .session_kind = "focusgroep" }, c, 8,
				  &err);
	ok(got == 1 && c[0].factor_id == f_b1 && c[0].notes == 1, "co-occurrence of A1 at focus groups: B1");
	got = factor_cooccurrence(db, f_a1, &(figure_filter){ .session_id = s2 }, c, 8, &err);
	ok(got == 1 && c[0].factor_id == f_b1 && c[0].notes == 1, "co-occurrence of A1 at S2: B1");
	/* n10, in the trash, tagged A1 and B2 as well: still B2 on 1 note. */
	exec(db, "INSERT INTO tag (note_id, factor_id, polarity) SELECT t.note_id, f.id, 1"
	     " FROM tag t JOIN note n ON n.id = t.note_id, factor f"
	     " WHERE n.deleted_at IS NOT NULL AND f.code = 'B2'");
	got = factor_cooccurrence(db, f_a1, &none, c, 8, &err);
	ok(got == 3 && c[2].factor_id == f_b2 && c[2].notes == 1,
	   "co-occurrence leaves out a note in the trash");
	exec(db, "DELETE FROM tag WHERE factor_id = (SELECT id FROM factor WHERE code = 'B2')"
	     " AND note_id IN (SELECT id FROM note WHERE deleted_at IS NOT NULL)");
}

static int count_notes(sqlite3 *db, const note_filter *f)
{
	st_err err;

	return (int)note_count(db, f, &err);
}

/* The codes of the nine digit keys as "A1 A2 B1 B2 AA BB - - -". */
static const char *digit_codes(const st_factor *d)
{
	static char buf[256];
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < FACTOR_DIGITS; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i ? " " : "",
					d[i].id ? d[i].code : "-");
	return buf;
}

/* Chooses the digit keys keeping keep (may be NULL), into d; returns
 * their codes, or "(error)". */
static const char *digits_of(sqlite3 *db, const char *author, const long long *keep,
			     st_factor *d)
{
	st_err err = { "" };
	int i;

	for (i = 0; i < FACTOR_DIGITS; i++)
		factor_clear(&d[i]);
	if (factor_digit_keys(db, author, keep, d, &err) != 0) {
		diag("%s", err.msg);
		return "(error)";
	}
	return digit_codes(d);
}

static void keep_ids(const st_factor *d, long long *keep)
{
	int i;

	for (i = 0; i < FACTOR_DIGITS; i++)
		keep[i] = d[i].id;
}

/* The digit keys are chosen once from the most used factors, then keep
 * their factors while the use changes; a pin stays where it is put, and
 * only a digit whose factor left the codebook gets another. */
static void test_digit_keys(void)
{
	sqlite3 *db = build_fixture();
	st_factor d[FACTOR_DIGITS] = { { 0 } }, most[1] = { { 0 } };
	long long keep[FACTOR_DIGITS], gone;
	st_err err = { "" };
	int i;

	is_str(digits_of(db, "Leen Deprez", NULL, d), "A1 A2 B1 B2 AA BB - - -",
	       "digits for Leen: her most used, then the codebook; none left for 7-9");
	keep_ids(d, keep);
	/* Leen now tags B2 most: it would lead the most used ... */
	tag(db, n[1], f_b2, 1);
	tag(db, n[3], f_b2, 1);
	tag(db, n[5], f_b2, 0);
	tag(db, n[2], f_b2, -1);
	ok(factor_most_used(db, "Leen Deprez", most, 1, &err) == 1 && most[0].id == f_b2,
	   "after more tags B2 is Leen's most used");
	factor_clear(&most[0]);
	/* ... but the digits chosen before stay as they were. */
	is_str(digits_of(db, "Leen Deprez", keep, d), "A1 A2 B1 B2 AA BB - - -",
	       "the digits kept keep their factors whatever is tagged since");
	/* A pin on digit 3 takes the place; the rest fill up without it twice. */
	memset(keep, 0, sizeof keep);
	keep[2] = f_b2;
	is_str(digits_of(db, "Leen Deprez", keep, d), "A1 A2 B2 B1 AA BB - - -",
	       "a factor pinned to 3 is on 3, and on no other digit");
	/* The same factor twice: the second digit gets another. */
	keep[0] = keep[1] = f_bb;
	is_str(digits_of(db, "Leen Deprez", keep, d), "BB A1 B2 A2 B1 AA - - -",
	       "a factor kept on two digits stays on the first only");
	/* A factor deleted from the codebook (or an id that never was) gives
	 * its digit to the next most used; the others stay. */
	gone = add_factor(db, f_bb, "B9", "Weg", "");
	ok(factor_delete(db, gone, 0, false, 0, &err) == 0, "B9 added and deleted");
	memset(keep, 0, sizeof keep);
	keep[0] = f_a1;
	keep[1] = gone;
	keep[2] = f_b1;
	keep[3] = 9999;
	is_str(digits_of(db, "Leen Deprez", keep, d), "A1 B2 B1 A2 AA BB - - -",
	       "a digit whose factor is gone gets the next most used, the others stay");
	/* A renamed factor keeps its digit and shows its new name. */
	exec(db, "UPDATE factor SET name = 'Alfa nieuw' WHERE code = 'A1'");
	keep_ids(d, keep);
	digits_of(db, "Leen Deprez", keep, d);
	ok(d[0].id == f_a1 && strcmp(d[0].name, "Alfa nieuw") == 0,
	   "a renamed factor stays on its digit with its new name");
	/* Digits without a factor get one when the codebook grows, up to 9. */
	gone = add_factor(db, 0, "CC", "Gamma", "");
	for (i = 1; i <= 4; i++) {
		char code[8];
		snprintf(code, sizeof code, "C%d", i);
		add_factor(db, gone, code, code, "");
	}
	is_str(digits_of(db, "Leen Deprez", keep, d), "A1 B2 B1 A2 AA BB C1 C2 C3",
	       "digits 7-9 get factors added to the codebook; the six keep theirs");
	for (i = 0; i < FACTOR_DIGITS; i++)
		factor_clear(&d[i]);
	db_close(db);
}

static void test_note_filters(sqlite3 *db)
{
	note_filter f = { 0 };
	st_note out[12], one = { 0 };
	st_err err;
	int got, i;

	f.factor_id = f_aa;
	is_int(count_notes(db, &f), 6, "notes tagged AA or below: 6");
	f.factor_id = f_a1;
	f.polarity = NOTE_POLARITY_ENABLER;
	is_int(count_notes(db, &f), 2, "A1 as enabler: n1 n4");
	f.factor_id = f_bb;
	f.polarity = NOTE_POLARITY_NEUTRAL;
	is_int(count_notes(db, &f), 1, "BB neutral: n5");
	f.factor_id = 0;
	f.polarity = NOTE_POLARITY_BARRIER;
	is_int(count_notes(db, &f), 4, "any barrier: n2 n4 n6 n9");
	f.polarity = NOTE_POLARITY_ANY;
	f.untagged = true;
	is_int(count_notes(db, &f), 1, "untagged live notes: n7");
	f.untagged = false;
	f.factor_id = f_a1;
	f.programme_id = p2;
	got = note_page(db, &f, NULL, false, out, 12, &err);
	ok(got == 1 && out[0].id == n[6] && strcmp(out[0].tags, "A1- B2+") == 0,
	   "A1 in P2: n6, with its tags");
	for (i = 0; i < got; i++)
		note_clear(&out[i]);

	is_int(note_next_untagged(db, NULL, 0, &one, &err), 1, "review queue: a first untagged note");
	ok(one.id == n[7], "  n7");
	note_clear(&one);
	is_int(note_next_untagged(db, NULL, n[7], &one, &err), 0, "  nothing after it");
	is_int(note_next_untagged(db, NULL, n[2], &one, &err), 1, "  after n2: n7 again");
	note_clear(&one);
	memset(&f, 0, sizeof f);
	f.session_id = s1;
	is_int(note_next_untagged(db, &f, 0, &one, &err), 0, "  none at s1");
}

/* A factor's notes of one programme, kind of session or session, and of
 * each polarity counted: note_count reads them from fig_session, and they
 * are as many as the list of them. */
static void test_scoped_counts(sqlite3 *db)
{
	const note_filter scopes[] = {
		{ .programme_id = p2 }, { .session_kind = "focusgroep" }, { .session_id = s2 },
		{ .session_id = s1 }, { .programme_id = p2, .session_kind = "groeisessie" },
		{ .programme_id = p1, .session_kind = "focusgroep", .session_id = s2 },
	};
	const long long factors[] = { f_aa, f_a1, f_a2, f_bb, f_b1, f_b2 };
	const int polarities[] = { NOTE_POLARITY_ANY, NOTE_POLARITY_ENABLER, NOTE_POLARITY_BARRIER };
	st_note out[12];
	st_err err;
	size_t i, j, k;
	int listed, counted, agree, cases = 0;

	for (i = 0; i < sizeof scopes / sizeof scopes[0]; i++) {
		agree = 0;
		for (j = 0; j < sizeof factors / sizeof factors[0]; j++)
			for (k = 0; k < sizeof polarities / sizeof polarities[0]; k++) {
				note_filter f = scopes[i];

				f.factor_id = factors[j];
				f.polarity = polarities[k];
				listed = note_page(db, &f, NULL, false, out, 12, &err);
				counted = (int)note_count(db, &f, &err);
				agree += listed >= 0 && counted == listed;
				cases += listed > 0;
				while (listed-- > 0)
					note_clear(&out[listed]);
			}
		ok(agree == 18, "scope %zu: each factor's count of each polarity is its list's", i);
	}
	ok(cases > 20, "the scopes have notes to count (%d of 108 lists)", cases);
}

/* The evidence of a factor: per note its school and how it is tagged
 * with the factor or below, as the figures count it. */
static void test_evidence(sqlite3 *db)
{
	/* BB's notes in time order: n4 (about A; B1-), n5 (s2 has no host;
	 * B1 0), n6 (host B; B2+), n8 (host X, a partner: the organisation
	 * still shows, as in export evidence; B1+), n9 (about A; B2-). */
	static const struct { int note; const char *school; int bits; } want[] = {
		{ 4, "A", TAG_HAS_BARRIER }, { 5, "", TAG_HAS_NEUTRAL }, { 6, "B", TAG_HAS_ENABLER },
		{ 8, "X", TAG_HAS_ENABLER }, { 9, "A", TAG_HAS_BARRIER },
	};
	note_filter f = { .factor_id = f_bb };
	st_note out[12];
	st_err err;
	int got, i;

	/* n2 is A1- and A2+: both; n3 only A2 0; n7 has no tag. */
	is_int(tag_polarity_within(db, n[2], f_aa, &err), TAG_HAS_ENABLER | TAG_HAS_BARRIER,
	       "n2 under AA: enabler and barrier");
	is_int(tag_polarity_within(db, n[2], f_a1, &err), TAG_HAS_BARRIER, "n2 on A1: barrier");
	is_int(tag_polarity_within(db, n[3], f_aa, &err), TAG_HAS_NEUTRAL, "n3 under AA: neutral");
	is_int(tag_polarity_within(db, n[7], f_aa, &err), 0, "n7: not tagged");
	is_int(tag_polarity_within(db, n[1], f_bb, &err), 0, "n1 under BB: not tagged");
	got = note_page(db, &f, NULL, false, out, 12, &err);
	is_int(got, 5, "BB's evidence: 5 notes");
	for (i = 0; i < got && i < 5; i++) {
		ok(out[i].id == n[want[i].note], "evidence %d is n%d", i + 1, want[i].note);
		is_str(out[i].school, want[i].school, "  its school");
		is_int(out[i].factor_polarity, want[i].bits, "  its polarity for BB");
	}
	for (i = 0; i < got; i++)
		note_clear(&out[i]);
	f.factor_id = 0;
	got = note_page(db, &f, NULL, false, out, 1, &err);
	ok(got == 1 && out[0].factor_polarity == 0 && strcmp(out[0].school, "A") == 0,
	   "without a factor: no polarity, n1's school is its host A");
	for (i = 0; i < got; i++)
		note_clear(&out[i]);
}

/* ---- changing the codebook ---------------------------------------------------- */

static int tag_polarity(sqlite3 *db, long long note, long long factor)
{
	char sql[200];

	snprintf(sql, sizeof sql, "SELECT coalesce((SELECT polarity FROM tag WHERE note_id = %lld"
		 " AND factor_id = %lld), 99)", note, factor);
	return (int)query_int(db, sql);
}

static void test_move(void)
{
	sqlite3 *db = build_fixture();
	st_factor t[MAXF];
	st_err err;
	char *before, *after;
	int got, i;

	is_int(factor_move(db, f_b1, f_aa, &err), 0, "move B1 under AA");
	got = factor_tree(db, t, MAXF, &err);
	ok(got == 6 && strcmp(t[3].code, "B1") == 0 && t[3].depth == 1 &&
	   strcmp(t[4].code, "BB") == 0, "  last among AA's children: AA A1 A2 B1 BB B2");
	for (i = 0; i < got; i++)
		factor_clear(&t[i]);
	before = dump_db(db);
	ok(factor_move(db, f_aa, f_a1, &err) != 0, "moving AA under its child A1 is refused");
	has_str(err.msg, "under itself", "  says why");
	ok(factor_move(db, f_aa, f_aa, &err) != 0, "moving AA under itself is refused");
	ok(factor_move(db, f_aa, 9999, &err) != 0, "moving under an unknown factor is refused");
	after = dump_db(db);
	is_str(after, before, "  nothing changed");
	free(before);
	free(after);
	is_int(factor_move(db, f_a1, 0, &err), 0, "move A1 to the top level");
	got = factor_tree(db, t, MAXF, &err);
	ok(strcmp(t[got - 1].code, "A1") == 0 && t[got - 1].depth == 0, "  it comes last");
	for (i = 0; i < got; i++)
		factor_clear(&t[i]);
	db_close(db);
}

static void test_merge(void)
{
	sqlite3 *db = build_fixture();
	st_factor t[MAXF];
	st_err err;
	char *before, *after;
	int got, i;

	factor_impact imp;

	/* Two more tags: n1 gets A2+ (as its A1+), n3 A1+ (its A2 is 0).
	 * A1: n1+ n2- n3+ n4+ n6- n10+; A2: n1+ n2+ n3 0 n8+ (4 tags).
	 * Merging A2 into A1: n1 keeps +; n2 has A1- and A2+, a conflict;
	 * n3's neutral A2 gives way to A1+; n8's A2+ moves to A1.
	 * Shared: n1 n2 n3 = 3; conflicts: n2 = 1. */
	tag(db, n[1], f_a2, 1);
	tag(db, n[3], f_a1, 1);
	is_int(factor_merge_impact(db, f_a2, f_a1, &imp, &err), 0, "merge impact of A2 into A1");
	is_int(imp.tags, 4, "  A2 has 4 tags");
	is_int(imp.descendants, 0, "  and no sub-factors");
	is_int(imp.shared, 3, "  3 notes are tagged with both (n1 n2 n3)");
	is_int(imp.conflicts, 1, "  1 of them with + and - (n2)");
	before = dump_db(db);
	ok(factor_merge(db, f_a2, f_a1, 5, &err) != 0, "a conflict polarity of 5 is refused");
	after = dump_db(db);
	is_str(after, before, "  nothing changed");
	free(before);
	free(after);
	is_int(factor_merge(db, f_a2, f_a1, -1, &err), 0, "merge A2 into A1, conflicts as barriers");
	is_int(query_int(db, "SELECT count(*) FROM factor WHERE code = 'A2'"), 0, "  A2 is gone");
	is_int(tag_polarity(db, n[1], f_a1), 1, "  n1: A1+ and A2+ became one A1+");
	is_int(tag_polarity(db, n[2], f_a1), -1, "  n2: A1- and A2+ got the chosen barrier");
	is_int(tag_polarity(db, n[3], f_a1), 1, "  n3: A2 0 gave way to A1+");
	is_int(tag_polarity(db, n[8], f_a1), 1, "  n8: A2+ moved to A1+");
	is_int(tag_polarity(db, n[4], f_a1), 1, "  n4: A1+ as it was");
	is_int(query_int(db, "SELECT count(*) FROM tag"), 12, "  3 tags fewer (15 - 3): none lost");

	is_int(factor_merge_impact(db, f_aa, f_bb, &imp, &err), 0, "merge impact of AA into BB");
	ok(imp.tags == 0 && imp.descendants == 1 && imp.shared == 0 && imp.conflicts == 0,
	   "  no tags of its own, one child (A1), nothing shared");
	is_int(factor_merge(db, f_aa, f_bb, 0, &err), 0, "merge category AA into BB");
	got = factor_tree(db, t, MAXF, &err);
	ok(got == 4 && strcmp(t[0].code, "BB") == 0 && strcmp(t[3].code, "A1") == 0 &&
	   t[3].depth == 1 && t[3].parent_id == f_bb, "  A1 moved under BB, after its children");
	for (i = 0; i < got; i++)
		factor_clear(&t[i]);

	before = dump_db(db);
	ok(factor_merge(db, f_bb, f_a1, 0, &err) != 0, "merging BB into its own child is refused");
	ok(factor_merge(db, f_b1, f_b1, 0, &err) != 0, "merging into itself is refused");
	ok(factor_merge(db, 9999, f_b1, 0, &err) != 0, "merging an unknown factor is refused");
	after = dump_db(db);
	is_str(after, before, "  nothing changed");
	free(before);
	free(after);
	db_close(db);
}

static void test_delete(void)
{
	sqlite3 *db = build_fixture();
	factor_impact imp;
	st_err err;
	char *before, *after;

	is_int(factor_delete_impact(db, f_aa, 0, &imp, &err), 0, "delete impact of AA");
	/* A1: n1 n2 n4 n6 n10 (5, the trash counts: nothing lost silently);
	 * A2: n2 n3 n8 (3). */
	ok(imp.tags == 0 && imp.descendants == 2 && imp.descendant_tags == 8,
	   "  0 own tags, 2 sub-factors with 8 tags");
	ok(imp.shared == 0 && imp.conflicts == 0, "  nothing shared when the tags are not moved");
	before = dump_db(db);
	ok(factor_delete(db, f_a1, 0, false, 0, &err) != 0, "deleting A1 (it has tags) is refused");
	has_str(err.msg, "5 tags", "  says how many");
	ok(factor_delete(db, f_aa, f_a2, false, 0, &err) != 0,
	   "moving AA's tags to its own child is refused");
	ok(factor_delete(db, f_aa, 9999, false, 0, &err) != 0, "moving to an unknown factor is refused");
	after = dump_db(db);
	is_str(after, before, "  nothing changed");
	free(before);
	free(after);

	/* n5 gets A2- next to its B1 0.  AA with A1 and A2 to B1, per note:
	 * n1 A1+ -> B1+; n2 A1- A2+: conflict; n3 A2 0 -> B1 0; n4 A1+ B1-:
	 * conflict; n5 A2- B1 0 -> B1- (neutral gives way); n6 A1- -> B1-;
	 * n8 A2+ B1+ -> B1+; n10 A1+ -> B1+.  Shared: n2 n4 n5 n8 = 4;
	 * conflicts: n2 n4 = 2, here made enablers. */
	tag(db, n[5], f_a2, -1);
	is_int(factor_delete_impact(db, f_aa, f_b1, &imp, &err), 0, "impact of moving AA's tags to B1");
	is_int(imp.shared, 4, "  4 notes end up with one tag for several (n2 n4 n5 n8)");
	is_int(imp.conflicts, 2, "  2 of them with + and - (n2 n4)");
	is_int(factor_delete(db, f_aa, f_b1, false, 1, &err), 0, "delete AA, its tags to B1");
	is_int(query_int(db, "SELECT count(*) FROM factor"), 3, "  AA, A1, A2 are gone");
	is_int(query_int(db, "SELECT count(*) FROM tag WHERE factor_id = (SELECT id FROM factor"
			     " WHERE code = 'B1')"), 8, "  B1 has 8 tags");
	ok(tag_polarity(db, n[1], f_b1) == 1 && tag_polarity(db, n[3], f_b1) == 0 &&
	   tag_polarity(db, n[6], f_b1) == -1 && tag_polarity(db, n[8], f_b1) == 1 &&
	   tag_polarity(db, n[10], f_b1) == 1, "  agreeing polarities kept");
	is_int(tag_polarity(db, n[5], f_b1), -1, "  n5: B1 0 gave way to A2-");
	ok(tag_polarity(db, n[2], f_b1) == 1 && tag_polarity(db, n[4], f_b1) == 1,
	   "  n2 and n4: the chosen enabler");

	is_int(factor_delete(db, f_bb, 0, true, 0, &err), 0, "delete BB with its tags");
	is_int(query_int(db, "SELECT count(*) FROM factor"), 0, "  the codebook is empty");
	is_int(query_int(db, "SELECT count(*) FROM tag"), 0, "  and so are the tags");
	is_int(query_int(db, "SELECT count(*) FROM note"), 10, "  the notes are all there");
	ok(factor_delete(db, f_bb, 0, true, 0, &err) != 0, "deleting an unknown factor is an error");
	db_close(db);
}

/* ---- codebook import ------------------------------------------------------------ */

static const char good_ini[] =
	"; a small codebook\n"
	"[factor one]\n"
	"code = ONE\n"
	"parent = CAT\n"
	"name = Eén\n"
	"definition = Wanneer het eerste gebeurt.\n"
	"\n"
	"[factor cat]\n"
	"code = CAT\n"
	"name = Categorie\n"
	"colour = \"#112233\"\n"
	"\n"
	"[factor two]\n"
	"code = TWO\n"
	"parent = CAT\n"
	"name = Twee\n"
	"inclusion = in\n"
	"exclusion = uit\n"
	"memo = m\n"
	"guid = 0A1B2C3D-1111-4222-8333-444455556666\n";

struct reject { const char *name, *text, *where, *reason; };

static void test_import(void)
{
	static const struct reject rejects[] = {
		{ "unknown key", "[factor a]\ncode = A\nname = A\ncolor = #000000\n", ":4:",
		  "unknown key \"color\"" },
		{ "unknown section", "[factor a]\ncode = A\nname = A\n\n[categorie]\nname = x\n",
		  ":5:", "unknown section [categorie]" },
		{ "no code", "[factor a]\nname = A\n", ":1:", "needs a \"code\"" },
		{ "duplicate code", "[factor a]\ncode = A\nname = A\n[factor b]\ncode = a\nname = B\n",
		  ":5:", "used twice (first on line 2)" },
		{ "no name", "[factor a]\ncode = A\n", ":1:", "needs a name" },
		{ "bad colour", "[factor a]\ncode = A\nname = A\ncolour = blue\n", ":4:", "#RRGGBB" },
		{ "unknown parent", "[factor a]\ncode = A\nname = A\nparent = NOPE\n", ":4:",
		  "parent \"NOPE\" is not a factor" },
		{ "own parent", "[factor a]\ncode = A\nname = A\nparent = a\n", ":4:", "its own parent" },
		{ "loop in the file", "[factor a]\ncode = A\nname = A\nparent = B\n"
		  "[factor b]\ncode = B\nname = B\nparent = A\n", ":4:", "makes a loop" },
		{ "loop through the database", "[factor cat]\ncode = CAT\nname = C\nparent = ONE\n",
		  ":4:", "makes a loop" },
		{ "bad GUID", "[factor a]\ncode = A\nname = A\nguid = 1234\n", ":4:", "not valid" },
		{ "GUID of another factor", "[factor a]\ncode = A\nname = A\n"
		  "guid = 0A1B2C3D-1111-4222-8333-444455556666\n", ":4:", "already belongs to factor TWO" },
		{ "colour not quoted", "[factor a]\ncode = A\nname = A\ncolour = #112233\n", ":4:",
		  "double quotes" },
		{ "bad code", "[factor a]\ncode = A B\nname = A\n", ":2:", "not valid" },
		{ "no factors", "; nothing\n", ":1:", "no factors" },
		{ "syntax", "[factor a\ncode = A\n", ":1:", "" },
		{ "invalid UTF-8", "[factor a]\ncode = A\nname = Caf\xe9\n", ":3:", "not valid UTF-8" },
	};
	sqlite3 *db = open_db("import.sqlite");
	codebook_stats stats = { 9, 9, 9 };
	st_factor t[MAXF];
	st_err err = { "" };
	char *before, *after, *guid_one;
	const char *path = write_file("good.ini", good_ini);
	size_t i;
	int got, k;

	is_int(codebook_import_ini(db, path, &stats, &err), 0, "import a good codebook");
	if (err.msg[0])
		diag("%s", err.msg);
	ok(stats.added == 3 && stats.changed == 0 && stats.unchanged == 0, "  3 added");
	got = factor_tree(db, t, MAXF, &err);
	ok(got == 3 && strcmp(t[0].code, "CAT") == 0 && strcmp(t[1].code, "ONE") == 0 &&
	   strcmp(t[2].code, "TWO") == 0 && t[1].parent_id == t[0].id,
	   "  CAT with ONE and TWO (a parent may come later in the file), in file order");
	ok(strcmp(t[0].colour, "#112233") == 0 && strcmp(t[1].definition, "Wanneer het eerste gebeurt.")
	   == 0 && strcmp(t[2].memo, "m") == 0 && strcmp(t[2].exclusion, "uit") == 0,
	   "  with colour, definition, memo, exclusion");
	is_str(t[2].guid, "0A1B2C3D-1111-4222-8333-444455556666", "  a GUID given is kept");
	{
		char want[GUID_SIZE];

		guid_of_code("ONE", want);
		is_str(t[1].guid, want, "  when absent, the code's (the same on every laptop)");
		ok(strcmp(t[1].guid, t[0].guid) != 0 && want[14] == '5', "  a GUID of version 5 (name-based)");
	}
	guid_one = strdup(t[1].guid);
	for (k = 0; k < got; k++)
		factor_clear(&t[k]);

	before = dump_db(db);
	is_int(codebook_import_ini(db, path, &stats, &err), 0, "import it again");
	ok(stats.added == 0 && stats.changed == 0 && stats.unchanged == 3, "  0 added, 0 changed");
	after = dump_db(db);
	is_str(after, before, "  the database is exactly as it was (GUIDs stable)");
	free(before);
	free(after);

	path = write_file("changed.ini", "[factor one]\ncode = one\nparent = CAT\nname = Een\n"
			  "\n[factor two]\ncode = TWO\nparent = CAT\nname = Twee\nmemo = \n");
	is_int(codebook_import_ini(db, path, &stats, &err), 0, "import a file that renames ONE");
	ok(stats.added == 0 && stats.changed == 2 && stats.unchanged == 0, "  2 changed");
	factor_find_code(db, "ONE", &t[0], &err);
	ok(strcmp(t[0].name, "Een") == 0 && strcmp(t[0].guid, guid_one) == 0,
	   "  matched by code ignoring case; GUID kept");
	is_str(t[0].code, "ONE", "  the code keeps its case (\"one\" in the file)");
	is_str(t[0].definition, "Wanneer het eerste gebeurt.", "  a definition left out is kept");
	factor_clear(&t[0]);
	factor_find_code(db, "TWO", &t[0], &err);
	ok(strcmp(t[0].inclusion, "in") == 0 && strcmp(t[0].exclusion, "uit") == 0,
	   "  TWO keeps the inclusion and exclusion left out");
	is_str(t[0].memo, "", "  an empty memo given empties it");
	factor_clear(&t[0]);
	free(guid_one);
	codebook_import_ini(db, write_file("good.ini", good_ini), &stats, &err);

	for (i = 0; i < sizeof rejects / sizeof rejects[0]; i++) {
		char name[64], want[128];

		snprintf(name, sizeof name, "bad%zu.ini", i);
		path = write_file(name, rejects[i].text);
		before = dump_db(db);
		ok(codebook_import_ini(db, path, &stats, &err) != 0, "rejects %s", rejects[i].name);
		snprintf(want, sizeof want, "%s%s", name, rejects[i].where);
		has_str(err.msg, want, "  FILE:LINE");
		has_str(err.msg, rejects[i].reason, "  says why");
		after = dump_db(db);
		is_str(after, before, "  and changes nothing");
		free(before);
		free(after);
	}
	ok(codebook_import_ini(db, "/nonexistent/x.ini", &stats, &err) != 0,
	   "a missing file is an error");
	db_close(db);
}

/* Writes name: an INI codebook of count factors F0, F1, ... (three lines and
 * a blank each, so [factor fI] is on line 4 * I + 1).  Returns the path. */
static const char *write_factors(const char *name, int count)
{
	struct buf b = { NULL, 0, 0 };
	char section[96];
	const char *path;
	int i;

	buf_add(&b, "");
	for (i = 0; i < count; i++) {
		snprintf(section, sizeof section, "[factor f%d]\ncode = F%d\nname = Factor %d\n\n", i,
			 i, i);
		buf_add(&b, section);
	}
	path = write_file(name, b.s);
	free(b.s);
	return path;
}

/* One limit everywhere: a codebook holds at most FACTORS_MAX factors (an
 * import that would make it larger is refused, so is adding one more), and
 * no INI line is longer than libiniparser reads (INI_TEXT_MAX), which the
 * error says with the key instead of libiniparser's "input line too long". */
static void test_limits(void)
{
	sqlite3 *db = open_db("limits.sqlite");
	codebook_stats stats;
	st_factor f = { 0 };
	st_err err = { "" };
	char *before, *after, text[4096], want[4400], *a;
	const char *path;

	/* A line of INI_TEXT_MAX characters reads; one more does not. */
	a = malloc(2000);
	if (!a)
		exit(99);
	memset(a, 'a', 2000);
	snprintf(text, sizeof text, "[factor l]\ncode = L\nname = Lang\ndefinition = %.*s\n",
		 1022 - 13, a);
	path = write_file("line-max.ini", text);
	is_int(codebook_import_ini(db, path, &stats, &err), 0,
	       "a line of 1022 characters (INI_TEXT_MAX) imports");
	if (err.msg[0])
		diag("%s", err.msg);
	before = dump_db(db);
	snprintf(text, sizeof text, "[factor l]\ncode = L\nname = Lang\ndefinition = %.*s\n",
		 1023 - 13, a);
	path = write_file("line-long.ini", text);
	ok(codebook_import_ini(db, path, &stats, &err) != 0, "one more is refused");
	snprintf(want, sizeof want, "%s:4: the value of \"definition\" is too long (a key and its"
		 " value take at most 1022 bytes", path);
	has_str(err.msg, want, "  with FILE:LINE, the key and the limit");
	/* The same over three lines, none of them long. */
	snprintf(text, sizeof text, "[factor l]\ncode = L\nname = Lang\nmemo = %.*s\\\n%.*s\\\n%.*s\n",
		 400, a, 400, a, 400, a);
	path = write_file("continued.ini", text);
	ok(codebook_import_ini(db, path, &stats, &err) != 0,
	   "a value continued over several lines past the limit is refused");
	snprintf(want, sizeof want, "%s:4: the value of \"memo\" is too long", path);
	has_str(err.msg, want, "  on the line of its key");
	after = dump_db(db);
	is_str(after, before, "  and changes nothing");
	free(after);
	free(a);

	/* More factors than a codebook holds. */
	path = write_factors("too-many.ini", FACTORS_MAX + 1);
	ok(codebook_import_ini(db, path, &stats, &err) != 0,
	   "a codebook file of FACTORS_MAX + 1 factors is refused");
	snprintf(want, sizeof want, "%s:%d: too many factors (%d, at most %d)", path,
		 4 * FACTORS_MAX + 1, FACTORS_MAX + 1, FACTORS_MAX);
	is_str(err.msg, want, "  saying how many, the most, and where");
	after = dump_db(db);
	is_str(after, before, "  and changes nothing");
	free(after);

	/* A codebook that is full: nothing more is added. */
	exec(db, "WITH RECURSIVE k(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM k WHERE i < 10000)"
	     " INSERT INTO factor (code, name, guid) SELECT 'K' || i, 'K', printf("
	     "'%08d-0000-4000-8000-000000000000', i) FROM k");
	f.code = "NEW";
	f.name = "Nieuw";
	ok(factor_save(db, &f, &err) != 0, "a full codebook (FACTORS_MAX) takes no new factor");
	snprintf(want, sizeof want, "the codebook is full (%d factors)", FACTORS_MAX);
	has_str(err.msg, want, "  and says why");
	path = write_file("one-more.ini", "[factor n]\ncode = NEW\nname = Nieuw\n");
	ok(codebook_import_ini(db, path, &stats, &err) != 0, "nor an import of one more");
	snprintf(want, sizeof want, "%s: too many factors: the codebook would have %d (at most %d)",
		 path, FACTORS_MAX + 1, FACTORS_MAX);
	is_str(err.msg, want, "  saying how many it would have");
	free(before);
	db_close(db);
}

static void test_shipped(void)
{
	sqlite3 *db = open_db("shipped.sqlite");
	st_factor t[MAXF];
	st_err err = { "" };
	int got, i, cats = 0;
	bool colours = true;

	is_int(codebook_import_shipped(db, &err), 0, "the starter codebook imports");
	if (err.msg[0])
		diag("%s", err.msg);
	got = factor_tree(db, t, MAXF, &err);
	for (i = 0; i < got; i++) {
		cats += t[i].depth == 0;
		colours &= t[i].colour[0] == '#' && t[i].definition[0] != '\0';
	}
	ok(got == 39 && cats == 8, "  8 categories, 39 factors in all");
	ok(colours, "  each with a colour and a definition");
	ok(got > 0 && strcmp(t[0].code, "VB") == 0 && strcmp(t[1].code, "VB1") == 0 &&
	   strcmp(t[got - 1].code, "BO3") == 0, "  VB first, then VB1, ..., BO3 last");
	for (i = 0; i < got; i++)
		factor_clear(&t[i]);
	/* "pa": PA and its factors by code, before OR2 ("makerspace"), DI
	 * ("aangepakt") and others that only have it in their definition. */
	got = factor_search(db, "pa", t, MAXF, &err);
	for (i = 0; i < got && strncmp(t[i].code, "PA", 2) == 0; i++)
		;
	ok(got > 8 && strcmp(t[0].code, "PA") == 0 && i == 8,
	   "search pa: PA and its 7 factors first, then the definitions (%d in all)", got);
	for (i = 0; i < got; i++)
		factor_clear(&t[i]);
	db_close(db);
}

/* ---- the kept figures against a recount ------------------------------------ */

/* Whether the figures of filter ff read from the kept tables are those
 * counted from the notes, row for row.  Says which differ. */
static bool same_figures(sqlite3 *db, const figure_filter *ff, const char *what)
{
	factor_figures fast[MAXF], slow[MAXF];
	st_err err = { "" };
	int nf = factor_figures_all(db, ff, fast, MAXF, &err);
	int ns = factor_figures_recount(db, ff, slow, MAXF, &err);
	int i;

	if (nf < 0 || nf != ns) {
		diag("%s: %d rows, the recount %d (%s)", what, nf, ns, err.msg);
		return false;
	}
	for (i = 0; i < nf; i++)
		if (memcmp(&fast[i], &slow[i], sizeof fast[i]) != 0) {
			diag("%s: factor %lld: notes %d/%d sessions %d/%d schools %d/%d en %d/%d"
			     " ba %d/%d neutral %d/%d", what, fast[i].factor_id, fast[i].notes,
			     slow[i].notes, fast[i].sessions, slow[i].sessions, fast[i].schools,
			     slow[i].schools, fast[i].enablers, slow[i].enablers, fast[i].barriers,
			     slow[i].barriers, fast[i].neutral, slow[i].neutral);
			return false;
		}
	return true;
}

/* Whether factor_cooccurrence (from fig_pair) of filter ff gives what
 * the recount from the tags gives, for every factor.  Says which differ. */
static bool same_cooccur(sqlite3 *db, const figure_filter *ff, const char *what)
{
	factor_cooccur fast[MAXF], slow[MAXF];
	st_err err = { "" };
	sqlite3_stmt *st;
	bool same = true;
	int nf, ns, i;

	if (sqlite3_prepare_v2(db, "SELECT id FROM factor", -1, &st, NULL) != SQLITE_OK)
		exit(99);
	while (same && sqlite3_step(st) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);

		nf = factor_cooccurrence(db, id, ff, fast, MAXF, &err);
		ns = factor_cooccurrence_recount(db, id, ff, slow, MAXF, &err);
		if (nf < 0 || nf != ns) {
			diag("%s: co-occurrence of %lld: %d rows, the recount %d (%s)", what, id,
			     nf, ns, err.msg);
			same = false;
		}
		for (i = 0; same && i < nf; i++)
			if (fast[i].factor_id != slow[i].factor_id ||
			    fast[i].notes != slow[i].notes || strcmp(fast[i].code, slow[i].code) != 0) {
				diag("%s: co-occurrence of %lld, row %d: %lld %d, the recount %lld %d",
				     what, id, i, fast[i].factor_id, fast[i].notes, slow[i].factor_id,
				     slow[i].notes);
				same = false;
			}
	}
	sqlite3_finalize(st);
	return same;
}

/* stemtui check finds every kept table, index and key as it recounts
 * them: its recount agrees with the triggers. */
static void check_clean(sqlite3 *db, const char *what)
{
	ok(check_finds(db) == 0, "stemtui check finds nothing wrong: %s", what);
}

/* The kept figures equal the recount for all notes, every programme,
 * every kind of session and every session. */
static void check_kept(sqlite3 *db, const char *what)
{
	static const char *const kinds[] = { "inspiratiesessie", "groeisessie", "focusgroep",
					     "uitwisselsessie" };
	sqlite3_stmt *st;
	figure_filter ff = { 0 };
	bool same = same_figures(db, NULL, what) && same_cooccur(db, NULL, what);
	size_t i;

	for (i = 0; i < 4; i++) {
		ff.session_kind = kinds[i];
		same &= same_figures(db, &ff, kinds[i]);
		same &= same_cooccur(db, &ff, kinds[i]);
	}
	ff.session_kind = NULL;
	if (sqlite3_prepare_v2(db, "SELECT 1, id FROM programme UNION ALL"
			       " SELECT 2, id FROM session", -1, &st, NULL) != SQLITE_OK)
		exit(99);
	while (sqlite3_step(st) == SQLITE_ROW) {
		ff.programme_id = sqlite3_column_int(st, 0) == 1 ? sqlite3_column_int64(st, 1) : 0;
		ff.session_id = sqlite3_column_int(st, 0) == 2 ? sqlite3_column_int64(st, 1) : 0;
		same &= same_figures(db, &ff, what);
		same &= same_cooccur(db, &ff, what);
	}
	sqlite3_finalize(st);
	ok(same, "kept figures and co-occurrences equal the recount: %s", what);
	check_clean(db, what);
}

/* Runs sql with ?1 = a and ?2 = b (when it has them). */
static void set_sql(sqlite3 *db, const char *sql, long long a, long long b)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		printf("Bail out! %s: %s\n", sql, sqlite3_errmsg(db));
		exit(99);
	}
	sqlite3_bind_int64(st, 1, a);
	if (sqlite3_bind_parameter_count(st) > 1)
		sqlite3_bind_int64(st, 2, b);
	if (sqlite3_step(st) != SQLITE_DONE) {
		printf("Bail out! %s: %s\n", sql, sqlite3_errmsg(db));
		exit(99);
	}
	sqlite3_finalize(st);
}

/* Every kind of change, each followed by the comparison. */
static void test_kept_figures(void)
{
	sqlite3 *db = build_fixture();
	st_err err = { "" };
	long long a11, a12, a111, x1, x2;

	check_kept(db, "the fixture");
	a11 = add_factor(db, f_a1, "A11", "Alfa één één", "");
	a12 = add_factor(db, f_a1, "A12", "Alfa één twee", "");
	a111 = add_factor(db, a11, "A111", "Alfa drie diep", "");
	tag(db, n[1], a11, -1);
	tag(db, n[1], a111, 0);
	tag(db, n[3], a111, 1);
	tag(db, n[5], a12, 0);
	tag(db, n[7], a11, 1);
	tag(db, n[7], a12, -1);
	check_kept(db, "three levels, conflicting polarities");
	tag(db, n[1], a11, 1);
	tag(db, n[2], f_a1, 0);
	tag(db, n[7], a12, 0);
	ok(tag_remove(db, n[2], f_a2, NULL, &err) == 0, "tag_remove");
	check_kept(db, "polarities changed, a tag removed");
	set_sql(db, "UPDATE note SET deleted_at = '2018-05-01' WHERE id = ?1 OR id = ?2",
		n[3], n[7]);
	check_kept(db, "notes to the trash");
	set_sql(db, "UPDATE note SET deleted_at = NULL WHERE id = ?1 OR id = ?2", n[10], n[7]);
	check_kept(db, "notes restored");
	set_sql(db, "UPDATE note SET session_id = ?1 WHERE id = ?2", s3, n[1]);
	set_sql(db, "UPDATE note SET session_id = ?1 WHERE id = ?2", s2, n[3]);
	check_kept(db, "a note moved to another session (and one in the trash)");
	set_sql(db, "UPDATE note SET about_org_id = ?1 WHERE id = ?2", partner_x, n[5]);
	set_sql(db, "UPDATE note SET about_org_id = NULL WHERE id = ?1 OR id = ?2", n[9], n[4]);
	check_kept(db, "the organisation of notes changed");
	set_sql(db, "UPDATE organisation SET kind = 'partner' WHERE id = ?1", school_b, 0);
	set_sql(db, "UPDATE organisation SET kind = 'school' WHERE id = ?1", partner_x, 0);
	set_sql(db, "UPDATE session SET host_org_id = ?1 WHERE id = ?2", school_a, s2);
	set_sql(db, "UPDATE session SET kind = 'uitwisselsessie', programme_id = ?1"
		" WHERE id = ?2", p1, s3);
	check_kept(db, "kinds of organisation, a host, a session changed");
	ok(factor_move(db, f_a1, f_bb, &err) == 0, "move A1 (with A11, A111, A12) under BB");
	check_kept(db, "a subtree moved");
	ok(factor_move(db, a11, 0, &err) == 0, "move A11 to the top level");
	check_kept(db, "a factor moved to the top level");
	ok(factor_merge(db, f_a2, f_b1, 1, &err) == 0, "merge A2 into B1");
	check_kept(db, "a merge");
	ok(factor_merge(db, f_a1, f_b2, -1, &err) == 0, "merge A1 (with A12) into B2");
	check_kept(db, "a merge of a factor with a child");
	ok(factor_delete(db, f_bb, a111, false, 1, &err) == 0, "delete BB, its tags to A111");
	check_kept(db, "a subtree deleted, its tags moved");
	ok(factor_delete(db, a11, 0, true, 0, &err) == 0, "delete A11 with its tags");
	check_kept(db, "a subtree deleted with its tags");
	f_bb = add_factor(db, f_aa, "BB", "Bèta", "");
	tag(db, n[6], f_bb, -1);
	tag(db, n[8], f_bb, 1);
	set_sql(db, "DELETE FROM note WHERE id = ?1 OR id = ?2", n[6], n[1]);
	set_sql(db, "DELETE FROM organisation WHERE id = ?1", school_a, 0);
	check_kept(db, "notes and an organisation deleted");
	/* A sync applies rows with the foreign keys checked at the commit:
	 * a note about a school that comes after it. */
	exec(db, "BEGIN; PRAGMA defer_foreign_keys = ON");
	set_sql(db, "UPDATE note SET about_org_id = 9999 WHERE id = ?1", n[8], 0);
	exec(db, "INSERT INTO organisation (id, kind, name, name_key)"
	     " VALUES (9999, 'school', 'Laat', 'laat'); COMMIT");
	check_kept(db, "a school made after a note about it");
	/* n9 (about no one since A went) counts for its session's host. */
	tag(db, n[9], f_bb, -1);
	exec(db, "BEGIN; PRAGMA defer_foreign_keys = ON");
	set_sql(db, "UPDATE session SET host_org_id = 9998 WHERE id = ?1", s4, 0);
	exec(db, "INSERT INTO organisation (id, kind, name, name_key)"
	     " VALUES (9998, 'school', 'Later', 'later'); COMMIT");
	check_kept(db, "a school made after a session it hosts");
	/* A sync's order: a note's tags before the note; a factor erased
	 * before its tags go and its below-factors move (as its merge or its
	 * erasure then asks, sync_follow.c). */
	x1 = add_factor(db, f_aa, "X1", "Ix één", "");
	x2 = add_factor(db, 0, "X2", "Ix twee", "");
	exec(db, "BEGIN; PRAGMA defer_foreign_keys = ON");
	set_sql(db, "INSERT INTO tag (note_id, factor_id, polarity) VALUES (9997, ?1, 1)", x1, 0);
	set_sql(db, "INSERT INTO tag (note_id, factor_id, polarity) VALUES (9997, ?1, -1)", x2, 0);
	set_sql(db, "INSERT INTO note (id, session_id, kind, body, created_at, updated_at, author)"
		" VALUES (9997, ?1, 'idea', 'Laat', '2018-05-31 10:00:00', '2018-05-31 10:00:00', 'Anna')", s4, 0);
	exec(db, "COMMIT");
	check_kept(db, "a note made after its tags");
	{
		long long gone = add_factor(db, x1, "X19", "Weg", "");
		long long below = add_factor(db, gone, "X191", "Eronder", "");

		tag(db, n[8], gone, -1);
		tag(db, n[8], below, 1);
		tag(db, 9997, gone, 0);
		exec(db, "BEGIN; PRAGMA defer_foreign_keys = ON");
		set_sql(db, "DELETE FROM factor WHERE id = ?1", gone, 0);
		set_sql(db, "UPDATE OR IGNORE tag SET factor_id = ?2 WHERE factor_id = ?1", gone, x2);
		set_sql(db, "DELETE FROM tag WHERE factor_id = ?1", gone, 0);
		set_sql(db, "UPDATE factor SET parent_id = NULL WHERE parent_id = ?1", gone, 0);
		exec(db, "DELETE FROM factor_anc WHERE factor_id NOT IN (SELECT id FROM factor)"
		     " OR ancestor_id NOT IN (SELECT id FROM factor); COMMIT");
		check_kept(db, "a factor erased before its tags and below-factors follow");
	}
	db_close(db);
}

/* Migrations 6 and 7 fill the kept tables from what is there. */
static void test_kept_fill(void)
{
	sqlite3 *db = build_fixture();
	char name[64];

	snprintf(name, sizeof name, "fixture%d.sqlite", fixture_no);
	tag(db, n[1], add_factor(db, f_a1, "A11", "Alfa één één", ""), -1);
	/* Back to version 5: migration 22 undone first (its triggers on
	 * fig_session and session), then 19 (its index is on session_date;
	 * its triggers on fig_total_org go with the table), then 8. */
	exec(db, UNDO_MIGRATION_22);
	exec(db, "DROP INDEX note_trash_by_session_date; DROP TRIGGER fig_school_kind;"
	     " DROP TRIGGER fig_school_new; DROP TRIGGER fig_school_gone;"
	     " DROP TRIGGER fig_notes_insert; DROP TRIGGER fig_notes_delete;"
	     " DROP TRIGGER fig_notes_moved; DROP TRIGGER fig_notes_session_gone;"
	     " DROP TRIGGER fig_notes_tagged; DROP TRIGGER fig_notes_untagged;"
	     " DROP TABLE fig_session_notes; DROP INDEX note_live_by_author;"
	     " DROP TRIGGER note_session_date_moved; DROP TRIGGER session_date_of_notes;"
	     " DROP TRIGGER note_derived_insert; DROP INDEX note_by_deleted_session_date;"
	     " ALTER TABLE note DROP COLUMN session_date;"
	     " CREATE TRIGGER note_author_key_insert AFTER INSERT ON note BEGIN"
	     " UPDATE note SET author_key = st_fold(new.author) WHERE id = new.id; END");
	exec(db, "DROP TRIGGER fig_pair_tag_insert; DROP TRIGGER fig_pair_tag_delete;"
	     " DROP TRIGGER fig_pair_tag_update; DROP TRIGGER fig_pair_note_moved;"
	     " DROP TRIGGER fig_pair_note_gone; DROP TABLE fig_pair; DROP TABLE fig_pair_total;"
	     " DROP TRIGGER fig_factor_insert; DROP TRIGGER fig_factor_move;"
	     " DROP TRIGGER fig_factor_delete; DROP TRIGGER fig_tag_insert;"
	     " DROP TRIGGER fig_tag_delete; DROP TRIGGER fig_tag_update;"
	     " DROP TRIGGER fig_note_gone; DROP TRIGGER fig_note_moved;"
	     " DROP TRIGGER fig_session_changed; DROP TABLE fig_total; DROP TABLE fig_total_org;"
	     " DROP TABLE fig_session; DROP TABLE fig_note; DROP TABLE factor_anc;"
	     /* and what migrations 9 to 13 added */
	     " DROP INDEX factor_by_code_nocase; DROP INDEX factor_by_guid_nocase;"
	     " DROP INDEX person_by_first_last; DROP INDEX person_by_last_first;"
	     " DROP TRIGGER person_name_insert; DROP TRIGGER person_name_update;"
	     " ALTER TABLE person DROP COLUMN first_last_key;"
	     " ALTER TABLE person DROP COLUMN last_first_key;"
	     " ALTER TABLE attendance DROP COLUMN walk_in;"
	     " ALTER TABLE attendance_log DROP COLUMN new_arrived_at;"
	     " ALTER TABLE attendance_log DROP COLUMN undone;"
	     " DROP TABLE local_state;"
	     " DROP TRIGGER roster_person_insert; DROP TRIGGER roster_person_update;"
	     " DROP TRIGGER roster_person_delete; DROP TRIGGER roster_org_insert;"
	     " DROP TRIGGER roster_org_update; DROP TRIGGER roster_org_delete;"
	     " DROP TABLE roster_version; DROP TABLE sync_self; DROP TABLE sync_peer;"
	     /* and 15 */
	     " DROP TABLE sync_member; DROP TABLE sync_tombstone; DROP TABLE sync_redirect;"
	     " DROP TABLE sync_outbox; DROP TABLE sync_log; DROP TABLE sync_decision;"
	     " DROP TABLE note_revision; ALTER TABLE attendance_log DROP COLUMN origin;"
	     " ALTER TABLE programme DROP COLUMN changed_at;"
	     " ALTER TABLE organisation DROP COLUMN changed_at;"
	     " ALTER TABLE session DROP COLUMN changed_at;"
	     " ALTER TABLE person DROP COLUMN changed_at;"
	     " ALTER TABLE factor DROP COLUMN changed_at;"
	     /* and 14 */
	     " DROP TRIGGER person_name_start_insert; DROP TRIGGER person_name_start_update;"
	     " DROP TRIGGER person_name_start_delete; DROP TABLE person_name_start;"
	     /* and 17 */
	     " DROP INDEX note_live_by_session_kind; DROP INDEX note_trash_by_created;"
	     " DROP INDEX person_by_email; DROP TABLE sync_field_time; ALTER TABLE tag DROP COLUMN changed_at; CREATE INDEX note_by_created ON note(created_at, id);"
	     " CREATE INDEX note_by_group ON note(group_label);"
	     " PRAGMA user_version = 5");
	db_close(db);
	db = open_db(name);
	is_int(query_int(db, "PRAGMA user_version"), db_schema_version(), "migrated again");
	ok(query_int(db, "SELECT count(*) FROM fig_session") > 0 &&
	   query_int(db, "SELECT count(*) FROM fig_note WHERE ancestor_id = (SELECT id FROM factor"
		     " WHERE code = 'AA')") == 7, "  the kept tables are filled");
	ok(query_int(db, "SELECT count(*) FROM fig_pair") > 0, "  and fig_pair");
	ok(query_int(db, "SELECT sum(tagged) FROM fig_session_notes") > 0 &&
	   query_int(db, "SELECT sum(notes) FROM fig_session_notes") >
	   query_int(db, "SELECT sum(tagged) FROM fig_session_notes"), "  and fig_session_notes");
	check_kept(db, "filled by the migration");
	db_close(db);
}

/* The demo database: shipped programme, starter codebook, demo notes. */
static void test_kept_demo(void)
{
	sqlite3 *db = open_db("demo.sqlite");
	st_err err = { "" };

	ok(programme_import_shipped(db, &err) == 0 && codebook_import_shipped(db, &err) == 0 &&
	   demo_seed(db, &err) == 0, "the demo database fills");
	if (err.msg[0])
		diag("%s", err.msg);
	ok(query_int(db, "SELECT count(*) FROM tag") > 0, "  it has tags");
	check_kept(db, "the demo database");
	db_close(db);
}

/* ---- the codebook snapshot ------------------------------------------------ */

/* True when the snapshot's factor i and its figures are tree[i] and
 * fig[i], read apart. */
static bool snapshot_row_is(const codebook_snapshot *s, int i, const st_factor *tree,
			    const factor_figures *fig)
{
	int a[FACTOR_FIGURE_VALUES], b[FACTOR_FIGURE_VALUES];

	factor_figure_values(&s->fig[i], a);
	factor_figure_values(&fig[i], b);
	return s->f[i].id == tree[i].id && s->f[i].parent_id == tree[i].parent_id &&
	       strcmp(s->f[i].code, tree[i].code) == 0 && strcmp(s->f[i].name, tree[i].name) == 0 &&
	       s->f[i].depth == tree[i].depth && s->f[i].children == tree[i].children &&
	       s->fig[i].factor_id == tree[i].id && fig[i].factor_id == tree[i].id &&
	       memcmp(a, b, sizeof a) == 0;
}

/* The snapshot holds what factor_tree and factor_figures_all read apart
 * on a database nothing writes to. */
static void check_snapshot_same(sqlite3 *db, const figure_filter *ff, const char *label)
{
	st_factor tree[MAXF];
	factor_figures fig[MAXF];
	codebook_snapshot s;
	st_err err = { "" };
	char name[256];
	int nt = factor_tree(db, tree, MAXF, &err), i, same = 0;

	is_int(factor_figures_all(db, ff, fig, MAXF, &err), nt, "(the figures read apart)");
	snprintf(name, sizeof name, "snapshot, %s: every factor of the tree", label);
	is_int(codebook_snapshot_read(db, ff, &s, &err), nt, name);
	if (s.n == nt)
		for (same = 1, i = 0; i < nt; i++)
			same = same && snapshot_row_is(&s, i, tree, fig);
	ok(same, "snapshot, %s: the same factors in tree order, each with its own figures", label);
	codebook_snapshot_free(&s);
	ok(s.n == 0 && !s.f && !s.fig, "  freed, it is empty");
	for (i = 0; i < nt; i++)
		factor_clear(&tree[i]);
}

/* What the other connection writes while the snapshot is being read. */
struct meanwhile {
	sqlite3 *reading, *other;
	int wrote;
};

/* Progress handler of the reading connection: once its reads have begun
 * (it holds a read transaction), the other connection adds a factor that
 * comes first in tree order and tags a note with A1, and commits. */
static int write_meanwhile(void *ctx)
{
	struct meanwhile *m = ctx;
	char sql[256];

	if (m->wrote || sqlite3_txn_state(m->reading, "main") != SQLITE_TXN_READ)
		return 0;
	m->wrote = 1;
	exec(m->other, "INSERT INTO factor (code, name, guid, position) VALUES ('A0', 'Nieuw',"
	     " '00000000-0000-4000-8000-000000000001', -1)");
	snprintf(sql, sizeof sql, "INSERT INTO tag (note_id, factor_id, polarity) VALUES (%lld, %lld, 1)",
		 n[7], f_a1);
	exec(m->other, sql);
	return 0;
}

static void test_snapshot(void)
{
	sqlite3 *db = build_fixture(), *other;
	figure_filter by_p1 = { p1, NULL, 0, NULL }, by_kind = { 0, "groeisessie", 0, NULL };
	figure_filter by_s1 = { 0, NULL, s1, NULL };
	st_factor tree[MAXF];
	factor_figures fig[MAXF];
	codebook_snapshot s;
	struct meanwhile m;
	st_err err = { "" };
	char name[64];
	int nt, i, same;

	check_snapshot_same(db, NULL, "all notes");
	check_snapshot_same(db, &by_p1, "one programme");
	check_snapshot_same(db, &by_kind, "one kind of session");
	check_snapshot_same(db, &by_s1, "one session");

	/* Another program writes while the snapshot is read: the snapshot is
	 * the codebook before that write, whole, its figures in line. */
	snprintf(name, sizeof name, "fixture%d.sqlite", fixture_no);
	other = open_db(name);
	nt = factor_tree(db, tree, MAXF, &err);
	factor_figures_all(db, NULL, fig, MAXF, &err);
	m = (struct meanwhile){ db, other, 0 };
	sqlite3_progress_handler(db, 1, write_meanwhile, &m);
	is_int(codebook_snapshot_read(db, NULL, &s, &err), nt,
	       "a snapshot read while another connection writes has the factors from before");
	sqlite3_progress_handler(db, 0, NULL, NULL);
	is_int(m.wrote, 1, "  (the other connection wrote while it read)");
	for (same = s.n == nt, i = 0; same && i < nt; i++)
		same = snapshot_row_is(&s, i, tree, fig);
	ok(same, "  each with the figures from before: the write did not tear it");
	codebook_snapshot_free(&s);
	is_int(codebook_snapshot_read(db, NULL, &s, &err), nt + 1, "the next snapshot has the new factor");
	ok(s.n == nt + 1 && strcmp(s.f[0].code, "A0") == 0 && s.fig[0].factor_id == s.f[0].id,
	   "  first, with its own figures");
	ok(s.n == nt + 1 && s.f[2].id == f_a1 && s.fig[2].notes == fig[1].notes + 1,
	   "  and A1 counts the note tagged meanwhile");
	codebook_snapshot_free(&s);

	/* Inside a transaction of the caller's: read in that one. */
	exec(db, "BEGIN");
	is_int(codebook_snapshot_read(db, NULL, &s, &err), nt + 1,
	       "a snapshot inside the caller's transaction reads in it");
	ok(!sqlite3_get_autocommit(db), "  and leaves that transaction open");
	exec(db, "COMMIT");
	codebook_snapshot_free(&s);
	for (i = 0; i < nt; i++)
		factor_clear(&tree[i]);
	db_close(other);
	db_close(db);
}

int main(void)
{
	sqlite3 *db;

	setlocale(LC_ALL, "C.UTF-8");
	unsetenv("LANGUAGE");
	fixture_start("test_factors");
	db = build_fixture();
	test_tree(db);
	test_figures(db);
	test_most_used_and_cooccurrence(db);
	test_note_filters(db);
	test_scoped_counts(db);
	test_evidence(db);
	test_tags(db);
	test_save(db);
	db_close(db);
	test_digit_keys();
	test_move();
	test_merge();
	test_delete();
	test_import();
	test_limits();
	test_shipped();
	test_kept_figures();
	test_kept_fill();
	test_kept_demo();
	test_snapshot();
	return tap_done();
}
