/* test_coder_exports.c: the exports and the coders of tags (TAP).
 *
 * Two coders tag the same notes: An and Bert agree on note 1 (A1+),
 * disagree on note 2 (B1+ and B1-), and only Bert tags note 3 (A1).
 * Without a coder every export counts and shows a note once per factor
 * (once per polarity where the coders disagree): the factor list, the
 * codebook's figures, the matrix, the evidence, the notes' tags and the
 * draaiboek.  With export_options.coder each shows that coder's tags
 * only, as if no one else had tagged; the unknown coder "" is a coder
 * too, not every coder. */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/export.h"
#include "core/tags.h"
#include "../tap.h"
#include "fixture.h"

static long long f_aa, f_a1, f_bb, f_b1;

static void tag_as(sqlite3 *db, const char *coder, long long note, long long factor, int pol)
{
	st_err err;

	if (tag_set(db, note, factor, pol, coder, &err) != 0) {
		printf("Bail out! tag_set: %s\n", err.msg);
		exit(99);
	}
}

static sqlite3 *database(void)
{
	sqlite3 *db = open_db("coders.sqlite");
	long long p = add_programme(db, "P", "2018-2019");
	long long s1 = add_session(db, p, "S 1", "groeisessie", "2018-10-10", 0);
	long long s2 = add_session(db, p, "S 2", "focusgroep", "2019-02-05", 0);
	long long n1, n2, n3;

	f_aa = add_factor(db, 0, "AA", "Alfa", "");
	f_a1 = add_factor(db, f_aa, "A1", "Alfa een", "");
	f_bb = add_factor(db, 0, "BB", "Beta", "");
	f_b1 = add_factor(db, f_bb, "B1", "Beta een", "");
	n1 = add_note_at(db, s1, "quote", "", "An", "een", "2018-10-10 10:00:00");
	n2 = add_note_at(db, s1, "quote", "", "An", "twee", "2018-10-10 10:01:00");
	n3 = add_note_at(db, s2, "observation", "", "Bert", "drie", "2019-02-05 10:00:00");
	tag_as(db, "An", n1, f_a1, 1);
	tag_as(db, "Bert", n1, f_a1, 1);
	tag_as(db, "An", n2, f_b1, 1);
	tag_as(db, "Bert", n2, f_b1, -1);
	tag_as(db, "Bert", n3, f_a1, 0);
	return db;
}

/* The export as text (the caller frees it), "" when it fails (with a
 * diagnostic). */
static char *exported(sqlite3 *db, enum export_what what, enum export_format format,
		      const char *coder)
{
	export_options o = { .what = what, .format = format, .coder = coder,
			     .cols = MATRIX_SESSION, .language = "en" };
	char *text = export_string(db, &o, NULL);

	return text ? text : strdup("");
}

/* How often needle occurs in s. */
static int occurrences(const char *s, const char *needle)
{
	int n = 0;

	while ((s = strstr(s, needle))) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/* The factor list, the codebook's figures and the matrix. */
static void test_figures(sqlite3 *db)
{
	char *t = exported(db, EXPORT_FACTORS, EXFMT_CSV, NULL);

	/* code,name,parent,level,notes,sessions,schools,+,-,0,kinds (4) */
	has_str(t, "\r\nA1,Alfa een,AA,1,2,2,0,1,0,1,0,1,1,0,",
		"factors: A1 counts note 1 once (two coders agree), and note 3");
	has_str(t, "\r\nB1,Beta een,BB,1,1,1,0,1,1,0,0,1,0,0,",
		"  B1 counts note 2 once, an enabler and a barrier (the coders disagree)");
	free(t);
	t = exported(db, EXPORT_FACTORS, EXFMT_CSV, "an");
	has_str(t, "\r\nA1,Alfa een,AA,1,1,1,0,1,0,0,0,1,0,0,", "factors of An: A1 note 1 only");
	has_str(t, "\r\nB1,Beta een,BB,1,1,1,0,1,0,0,0,1,0,0,", "  B1 her enabler only");
	free(t);
	t = exported(db, EXPORT_FACTORS, EXFMT_CSV, "");
	has_str(t, "\r\nAA,Alfa,,0,0,0,0,0,0,0,0,0,0,0,", "factors of the unknown coder: none");
	free(t);
	t = exported(db, EXPORT_FACTORS, EXFMT_HTML, "Bert");
	has_str(t, "Tags of:", "factors as a page of Bert's tags says whose");
	free(t);
	t = exported(db, EXPORT_CODEBOOK, EXFMT_CSV, NULL);
	has_str(t, "\r\nA1,Alfa een,AA,1,,,,,,2,2,0,1,0,1\r\n", "codebook: A1 in 2 notes, 1 enabler");
	free(t);
	t = exported(db, EXPORT_CODEBOOK, EXFMT_CSV, "Bert");
	has_str(t, "\r\nB1,Beta een,BB,1,,,,,,1,1,0,0,1,0\r\n", "codebook of Bert: B1 a barrier");
	free(t);
	/* code,name,level, then notes,enablers,barriers per session */
	t = exported(db, EXPORT_MATRIX, EXFMT_CSV, NULL);
	has_str(t, "\r\nA1,Alfa een,1,1,1,0,1,0,0\r\n", "matrix: A1 note 1 once at S 1, note 3 at S 2");
	has_str(t, "\r\nBB,Beta,0,1,1,1,0,0,0\r\n", "  BB: note 2 once, enabler and barrier");
	free(t);
	t = exported(db, EXPORT_MATRIX, EXFMT_CSV, "AN");
	has_str(t, "\r\nA1,Alfa een,1,1,1,0\r\n", "matrix of An: only S 1 has her notes");
	has_str(t, "\r\nBB,Beta,0,1,1,0\r\n", "  BB her enabler");
	free(t);
	t = exported(db, EXPORT_MATRIX, EXFMT_CSV, "bert");
	has_str(t, "\r\nB1,Beta een,1,1,0,1,0,0,0\r\n", "matrix of Bert: B1 his barrier");
	free(t);
}

/* The evidence, the notes' tags and the draaiboek. */
static void test_notes(sqlite3 *db)
{
	char *t = exported(db, EXPORT_EVIDENCE, EXFMT_CSV, NULL);

	is_int(occurrences(t, "A1,Alfa een,AA > A1,enabler,1,"), 1,
	       "evidence: note 1 once for A1, whatever the number of coders");
	has_str(t, "B1,Beta een,BB > B1,barrier,2,", "  note 2 as a barrier of B1");
	has_str(t, "B1,Beta een,BB > B1,enabler,2,", "  and as an enabler");
	free(t);
	t = exported(db, EXPORT_EVIDENCE, EXFMT_CSV, "an");
	ok(!strstr(t, "barrier") && !strstr(t, ",3,"), "evidence of An: no barrier, not note 3");
	free(t);
	t = exported(db, EXPORT_NOTES, EXFMT_CSV, NULL);
	has_str(t, ",een,A1+\r\n", "notes: note 1's A1+ once (it was A1+ A1+)");
	has_str(t, ",twee,B1+ B1-\r\n", "  note 2 once per polarity");
	free(t);
	t = exported(db, EXPORT_NOTES, EXFMT_CSV, "Bert");
	has_str(t, ",twee,B1-\r\n", "notes with Bert's tags: his B1- on note 2");
	has_str(t, ",drie,A1\r\n", "  and his A1 on note 3");
	free(t);
	t = exported(db, EXPORT_NOTES, EXFMT_CSV, "An");
	has_str(t, ",drie,\r\n", "notes with An's tags: note 3 has none");
	free(t);
	t = exported(db, EXPORT_DRAAIBOEK, EXFMT_MD, NULL);
	has_str(t, "**Based on:** 3 tagged notes from 2 sessions", "draaiboek: 3 tagged notes");
	has_str(t, "Came up in 2 notes at 2 sessions", "  A1 came up in 2 notes, not 3");
	is_int(occurrences(t, "- “een”"), 1, "  note 1 quoted once");
	ok(!strstr(t, "Tags of:"), "  no coder named");
	free(t);
	t = exported(db, EXPORT_DRAAIBOEK, EXFMT_MD, "An");
	has_str(t, "**Tags of:** An", "draaiboek of An's tags says so");
	has_str(t, "**Based on:** 2 tagged notes from 1 session", "  2 tagged notes");
	ok(!strstr(t, "What hinders"), "  nothing hinders: Bert's barrier is not hers");
	free(t);
}

int main(void)
{
	sqlite3 *db;

	setlocale(LC_ALL, "C.UTF-8");
	unsetenv("LANGUAGE");
	fixture_start("test_coder_exports");
	find_datadir();
	db = database();
	test_figures(db);
	test_notes(db);
	db_close(db);
	return tap_done();
}
