/* test_note_fts.c: a search's prefixes written as the words they stand
 * for (note_fts.c), kept until the database changes, and a search in
 * the order of the session's date read a window of the walk at a time
 * (note_list.c): over several windows, with notes typed up long after
 * their session (ids far from their neighbours in that order), the same
 * notes in the same order as the reference query, whole and paged both
 * ways, and the same counts; and whether a search matches many notes,
 * kept until the database changes. */
#include "config.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/note_fts.h"
#include "core/notes.h"
#include "../tap.h"
#include "fixture.h"

#define NOTES 6000     /* more than two windows of the walk (2048) */
#define ALL 7000
/* What creat* matches among the notes of test_windows. */
#define CREAT "n.body LIKE 'creat%' OR n.body LIKE 'Créat%'"

static sqlite3 *db;

static const char *expanded(const char *query)
{
	static char out[4096];
	char *q = note_fts_expand(db, query);

	snprintf(out, sizeof out, "%s", q ? q : "(null)");
	free(q);
	return out;
}

static void add_note(sqlite3 *on, long long session, const char *body, const char *at)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(on, "INSERT INTO note (session_id, body, created_at, updated_at)"
			       " VALUES (?1, ?2, ?3, ?3)", -1, &st, NULL) != SQLITE_OK) {
		printf("Bail out! %s\n", sqlite3_errmsg(on));
		exit(99);
	}
	sqlite3_bind_int64(st, 1, session);
	sqlite3_bind_text(st, 2, body, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		printf("Bail out! %s\n", sqlite3_errmsg(on));
		exit(99);
	}
	sqlite3_finalize(st);
}

static void test_expand(long long session)
{
	static const char words[] =
		"(\"creatief\" OR \"creatieve\" OR \"creativiteit\")";
	char want[512], body[64];
	sqlite3 *other;
	int i;

	add_note(db, session, "Creatief en creatieve", "2018-01-01 10:00:00");
	add_note(db, session, "Créativiteit op school, tijd in het lesrooster", "2018-01-01 10:00:01");
	is_str(expanded("\"creat\"*"), words, "a prefix becomes the words it stands for");
	is_str(expanded("\"CreAt\"*"), words, "  whatever its case");
	snprintf(want, sizeof want, "\"school\" AND %s AND \"tijd in het\"", words);
	is_str(expanded("\"school\" AND \"creat\"* AND \"tijd in het\""), want,
	       "  among other words and phrases, which stay");
	is_str(expanded("\"créat\"*"), "\"créat\"*", "a prefix with an accent stays a prefix");
	is_str(expanded("\"tijd in\"*"), "\"tijd in\"*", "  so does a phrase's");
	is_str(expanded("\"co-creat\"*"), "\"co-creat\"*", "  and one FTS5 cuts in two");
	is_str(expanded("\"zzz\"*"), "\"zzz\"*", "  and one that stands for no word");
	is_str(expanded("\"creatief\""), "\"creatief\"", "a word without * stays");
	for (i = 0; i <= NOTE_FTS_MAX_WORDS; i++) {
		snprintf(body, sizeof body, "veel%02d", i);
		add_note(db, session, body, "2018-01-01 10:00:02");
	}
	is_str(expanded("\"veel\"*"), "\"veel\"*", "a prefix of more than 32 words stays a prefix");
	snprintf(body, sizeof body, "veel%02d", NOTE_FTS_MAX_WORDS);
	exec(db, "DELETE FROM note WHERE body = 'veel32'");
	ok(strstr(expanded("\"veel\"*"), "\"veel31\")") != NULL, "  and 32 become words");

	/* Kept until the database changes, by this connection or another. */
	is_str(expanded("\"creat\"*"), words, "asked again: the same");
	add_note(db, session, "Creatie", "2018-01-01 10:00:03");
	is_str(expanded("\"creat\"*"),
	       "(\"creatie\" OR \"creatief\" OR \"creatieve\" OR \"creativiteit\")",
	       "a word added by this connection is in the next answer");
	other = open_db("prefix");
	add_note(other, session, "Creatuur", "2018-01-01 10:00:04");
	db_close(other);
	is_str(expanded("\"creat\"*"),
	       "(\"creatie\" OR \"creatief\" OR \"creatieve\" OR \"creativiteit\" OR \"creatuur\")",
	       "  and one added by another connection");
	exec(db, "DELETE FROM note");
}

/* The ids the reference query selects, comma-separated. */
static const char *ids_of(const char *sql)
{
	static char out[ALL * 8];
	char *rows = dump_rows(db, &sql, 1), *c;
	size_t n;

	snprintf(out, sizeof out, "%s", rows ? rows : "");
	free(rows);
	for (c = out; *c; c++)
		if (*c == '\n')
			*c = ',';
	n = strlen(out);
	if (n > 0 && out[n - 1] == ',')
		out[n - 1] = '\0';
	return out;
}

static int notes_page(const void *f, const void *anchor, bool backward, void *rows, int n,
		      st_err *err)
{
	return note_page(db, f, anchor, backward, rows, n, err);
}

static void clear_note(void *row)
{
	note_clear(row);
}

static void note_id(const void *row, char *out, size_t size)
{
	snprintf(out, size, "%lld", ((const st_note *)row)->id);
}

static const struct pager note_ids = { sizeof(st_note), notes_page, clear_note, note_id };

/* f in the order of the session's date against the live notes of the
 * condition cond (on note n and session s), whole and paged. */
static void check_search(note_filter f, const char *cond, const char *name)
{
	static char want[ALL * 8];
	char sql[1024];
	st_err err = { "" };
	long long count;
	const char *c, *got;

	snprintf(sql, sizeof sql, "SELECT n.id FROM note n JOIN session s ON s.id = n.session_id"
		 " WHERE n.deleted_at IS NULL AND (%s) ORDER BY s.date, n.created_at, n.id", cond);
	snprintf(want, sizeof want, "%s", ids_of(sql));
	count = *want ? 1 : 0;
	for (c = want; *c; c++)
		count += *c == ',';
	f.order = NOTE_ORDER_SESSION;
	got = page_labels(&note_ids, &f, NULL, false, ALL);
	if (!ok(count > 400 && strcmp(got, want) == 0,
		"%s: %lld notes by session date, as the reference query", name, count))
		diag("got  %s\nwant %s", got, want);
	is_str(paged_labels(&note_ids, &f, false, 100), want, "  paging forward 100 at a time");
	is_str(paged_labels(&note_ids, &f, true, 100), want, "  paging backward 100 at a time");
	is_str(paged_labels(&note_ids, &f, true, 37), want, "  paging backward 37 at a time");
	is_int(note_count(db, &f, &err), count, "  the exact count");
	is_int(note_count_upto(db, &f, 1000, &err), count > 1000 ? 1001 : count,
	       "  the count up to 1000");
}

/* A capped count of the notes of sessions that match goes session by
 * session: the same counts as the reference condition cond. */
static void check_capped(note_filter f, const char *cond, const char *name)
{
	char sql[512];
	long long want;
	st_err err = { "" };

	snprintf(sql, sizeof sql, "SELECT count(*) FROM note n JOIN session s ON s.id = n.session_id"
		 " WHERE n.deleted_at IS NULL AND %s", cond);
	want = query_int(db, sql);
	ok(want > 5, "%s: %lld notes", name, want);
	is_int(note_count_upto(db, &f, 100000, &err), want, "  counted up to more than that");
	is_int(note_count_upto(db, &f, want, &err), want, "  up to exactly that");
	is_int(note_count_upto(db, &f, 5, &err), 6, "  up to 5: 6, more than 5");
	is_int(note_count(db, &f, &err), want, "  the exact count");
}

static void test_windows(long long prog, long long *sessions, int nsessions)
{
	static const char *const words[] = { "creatief", "creatieve", "school", "Créativiteit" };
	char body[64], at[32], cond[256];
	int i, s;

	exec(db, "BEGIN");
	for (i = 0; i < NOTES; i++) {
		/* Sessions in turn, so neighbours in id order are far apart
		 * in date order; every seventh typed up years later. */
		s = i % nsessions;
		snprintf(body, sizeof body, "%s nummer %d", words[i % 4], i);
		snprintf(at, sizeof at, "%s %02d:%02d:%02d", i % 7 ? "2018-03-01" : "2025-06-30",
			 i / 3600, i / 60 % 60, i % 60);
		add_note(db, sessions[s], body, at);
	}
	exec(db, "UPDATE note SET deleted_at = '2019-01-01 00:00:00' WHERE id % 97 = 0");
	exec(db, "UPDATE note SET kind = 'quote' WHERE id % 5 = 0");
	exec(db, "COMMIT");
	check_search((note_filter){ .search = "creat*" }, CREAT, "a prefix in 3 notes of 4");
	check_search((note_filter){ .search = "créat*" }, CREAT,
		     "a prefix with an accent (not expanded)");
	check_search((note_filter){ .search = "school" }, "n.body LIKE 'school%'",
		     "a word in 1 note of 4");
	check_search((note_filter){ .search = "creat*", .session_kind = "focusgroep" },
		     "(" CREAT ") AND s.kind = 'focusgroep'", "a prefix in one kind of session");
	snprintf(cond, sizeof cond, "(%s) AND s.programme_id = %lld", CREAT, prog);
	check_search((note_filter){ .search = "creat*", .programme_id = prog }, cond,
		     "a prefix in one programme");
	snprintf(cond, sizeof cond, "s.programme_id = %lld", prog);
	check_capped((note_filter){ .programme_id = prog }, cond, "one programme");
	check_capped((note_filter){ .session_kind = "groeisessie" }, "s.kind = 'groeisessie'",
		     "one kind of session");
	check_capped((note_filter){ .from = "2017-09-01", .to = "2018-06-30", .kind = "quote" },
		     "s.date BETWEEN '2017-09-01' AND '2018-06-30' AND n.kind = 'quote'",
		     "dates and a kind of note");
}

/* Whether a search matches one note in 50 or more, kept until the
 * database changes. */
static void test_common(long long session)
{
	bool common = true;
	int i;

	is_int(note_fts_common(db, "\"school\"", 50, &common), SQLITE_OK, "a word in 1 note of 4");
	ok(common, "  is common");
	add_note(db, session, "zeldzaam", "2018-03-02 10:00:00");
	is_int(note_fts_common(db, "\"zeldzaam\"", 50, &common), SQLITE_OK, "a word in 1 note");
	ok(!common, "  is not");
	exec(db, "BEGIN");
	for (i = 0; i < NOTES / 40; i++)
		add_note(db, session, "zeldzaam", "2018-03-02 10:00:00");
	exec(db, "COMMIT");
	ok(note_fts_common(db, "\"zeldzaam\"", 50, &common) == SQLITE_OK && common,
	   "  once in 1 note of 40, it is");
	ok(note_fts_common(db, "\"zeldzaam\"", 20, &common) == SQLITE_OK && !common,
	   "  but not in 1 of 20");
	ok(note_fts_common(db, "\"zeld", 50, &common) != SQLITE_OK && *sqlite3_errmsg(db),
	   "a query FTS5 refuses: its error");
}

int main(void)
{
	long long prog, other, sessions[8];
	static const char *const kinds[] = { "focusgroep", "groeisessie" };
	char code[16], date[16];
	int i;

	fixture_start("note_fts");
	db = open_db("prefix");
	prog = add_programme(db, "STEM++ 2017-2018", "2017-2018");
	other = add_programme(db, "STEMBASIS 2018-2019", "2018-2019");
	for (i = 0; i < 8; i++) {
		snprintf(code, sizeof code, "COP %02d", i + 1);
		/* Dates not in the order of the ids either. */
		snprintf(date, sizeof date, "201%d-%02d-15", 7 + (i % 2), 12 - i);
		sessions[i] = add_session(db, i % 2 ? other : prog, code, kinds[i % 2], date, 0);
	}
	test_expand(sessions[0]);
	test_windows(prog, sessions, 8);
	test_common(sessions[0]);
	db_close(db);
	return tap_done();
}
