/* test_export_stream.c: what lets the exports keep up with a network
 * (issue 14): every note of a filter from one statement (note_each) is
 * what the pages of note_page give, tags and all (tag_codes.c); and the
 * draaiboek's one pass over the notes (draaiboek_notes.c) keeps what its
 * queries per factor gave: quotes before observations, the oldest first,
 * the cap, a factor's sessions, the counts, the facilitators, the
 * untagged ideas and actions by session date, not the trash; and a JSON
 * string, written in runs, escapes as it did byte by byte. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codebook_snapshot.h"
#include "core/db.h"
#include "core/draaiboek_notes.h"
#include "core/emit.h"
#include "core/notes.h"
#include "core/tag_codes.h"
#include "../tap.h"
#include "fixture.h"

static long long prog, other, early, late, elsewhere;
static long long cat, f1, f2, g1;

static long long note_by(sqlite3 *db, long long session, const char *kind, const char *author,
			 const char *body, const char *at)
{
	return add_note_at(db, session, kind, "", author, body, at);
}

static long long note(sqlite3 *db, long long session, const char *kind, const char *body,
		      const char *at)
{
	return note_by(db, session, kind, "Leen", body, at);
}

/* A category with F2 before F1 in the tree (by position, against their
 * ids); sessions on two dates and one of another programme; quotes and
 * observations entered out of id order, two at the same time; ideas and
 * actions with and without tags; a note in the trash. */
static void build(sqlite3 *db)
{
	long long n;
	int i;

	prog = add_programme(db, "Prog", "2018-2019");
	other = add_programme(db, "Ander", "2019-2020");
	late = add_session(db, prog, "COP 02", "groeisessie", "2018-12-01", 0);
	early = add_session(db, prog, "COP 01", "focusgroep", "2018-10-01", 0);
	elsewhere = add_session(db, other, "COP 09", "groeisessie", "2019-10-01", 0);
	cat = add_factor(db, 0, "C", "Categorie", "");
	f1 = add_factor(db, cat, "F1", "Een", "");
	f2 = add_factor(db, cat, "F2", "Twee", "");
	g1 = add_factor(db, cat, "G1", "Drie", "");
	exec(db, "UPDATE factor SET position = 9 WHERE code = 'F1'");
	exec(db, "UPDATE factor SET position = 1 WHERE code = 'F2'");
	exec(db, "UPDATE factor SET position = 5 WHERE code = 'G1'");
	n = note(db, late, "quote", "q-late", "2018-12-01 10:00:00");
	tag(db, n, f1, 1);
	tag(db, n, f2, -1);
	tag(db, note(db, early, "quote", "q-tie-a", "2018-10-01 10:00:00"), f1, 1);
	tag(db, note(db, early, "quote", "q-tie-b", "2018-10-01 10:00:00"), f1, 1);
	tag(db, note(db, early, "quote", "q-first", "2018-10-01 09:00:00"), f1, 1);
	tag(db, note(db, early, "observation", "o-first", "2018-10-01 08:00:00"), f1, 1);
	tag(db, note(db, early, "observation", "o-barrier", "2018-10-01 08:30:00"), f1, -1);
	n = note(db, early, "quote", "q-trash", "2018-10-01 07:00:00");
	tag(db, n, f1, 1);
	exec(db, "UPDATE note SET deleted_at = '2018-10-02 00:00:00' WHERE body = 'q-trash'");
	tag(db, note(db, elsewhere, "idea", "i-tagged", "2019-10-01 10:00:00"), f1, 0);
	tag(db, note(db, late, "action", "a-tagged", "2018-12-01 09:00:00"), f1, 1);
	note(db, late, "idea", "i-untagged-late", "2018-12-01 08:00:00");
	note(db, early, "action", "a-untagged-early", "2018-10-01 11:00:00");
	note(db, early, "question", "v-untagged", "2018-10-01 11:30:00");
	tag(db, note(db, early, "question", "v-g1", "2018-10-01 12:00:00"), g1, 0);
	for (i = 0; i < 14; i++) {
		char name[32];

		snprintf(name, sizeof name, "Schrijver %02d", 13 - i);
		note_by(db, elsewhere, "question", name, "by another", "2019-10-01 12:00:00");
	}
}

struct collected {
	char text[4096];
	int stop_after;
	int seen;
};

static int collect(void *ctx, const st_note *n)
{
	struct collected *c = ctx;
	size_t len = strlen(c->text);

	snprintf(c->text + len, sizeof c->text - len, "%s[%s]%s;", n->body, n->tags,
		 n->session_code);
	return ++c->seen == c->stop_after ? 7 : 0;
}

/* The notes of f as note_page's pages give them, with tag_texts. */
static const char *paged(sqlite3 *db, const note_filter *f, char *buf, size_t size)
{
	st_note page[3];
	st_err err;
	int got, i;

	buf[0] = '\0';
	got = note_page(db, f, NULL, false, page, 3, &err);
	while (got > 0) {
		for (i = 0; i < got; i++) {
			size_t len = strlen(buf);

			snprintf(buf + len, size - len, "%s[%s]%s;", page[i].body, page[i].tags,
				 page[i].session_code);
		}
		{
			st_note anchor = page[got - 1];

			for (i = 0; i < got - 1; i++)
				note_clear(&page[i]);
			got = note_page(db, f, &anchor, false, page, 3, &err);
			note_clear(&anchor);
		}
	}
	return buf;
}

static void test_note_each(sqlite3 *db)
{
	note_filter filters[] = {
		{ 0 },
		{ .programme_id = 0, .session_kind = "focusgroep" },
		{ .kind = "quote" },
		{ .search = "tagged" },
		{ .factor_id = 0 },   /* f1 below */
		{ .untagged = true },
		{ .order = NOTE_ORDER_SESSION },
		{ .trash = true },
	};
	char want[4096];
	struct collected got;
	st_err err;
	int i;

	filters[0].programme_id = prog;
	filters[4].factor_id = f1;
	for (i = 0; i < (int)(sizeof filters / sizeof filters[0]); i++) {
		memset(&got, 0, sizeof got);
		is_int(note_each(db, &filters[i], collect, &got, &err), 0, "note_each reads them all");
		is_str(got.text, paged(db, &filters[i], want, sizeof want),
		       "  the notes and tags of note_page's pages, in their order");
	}
	memset(&got, 0, sizeof got);
	note_each(db, &filters[0], collect, &got, &err);
	has_str(got.text, "q-late[F2- F1+]COP 02;", "tags in tree order (F2 before F1), + and -");
	has_str(got.text, "i-untagged-late[]COP 02;", "no tag: \"\"");
	memset(&got, 0, sizeof got);
	got.stop_after = 2;
	is_int(note_each(db, NULL, collect, &got, &err), 7, "what each returns stops the walk");
	is_int(got.seen, 2, "  after that note");
}

static void test_tag_codes(sqlite3 *db)
{
	st_err err;
	tag_codes *t = tag_codes_new(db, NULL, &err);
	long long n = query_int(db, "SELECT id FROM note WHERE body = 'q-late'");

	ok(t != NULL, "tag_codes_new");
	if (!t)
		return;
	is_str(tag_codes_of(t, n, &err), "F2- F1+", "a note's tags in tree order");
	is_str(tag_codes_of(t, 999999, &err), "", "none: \"\"");
	exec(db, "UPDATE factor SET position = 99 WHERE code = 'F2'");
	tag_codes_free(t);
	t = tag_codes_new(db, NULL, &err);
	is_str(tag_codes_of(t, n, &err), "F1+ F2-", "the tree's order as read when made");
	exec(db, "UPDATE factor SET position = 1 WHERE code = 'F2'");
	tag_codes_free(t);
}

/* The bodies of group g of factor id, "a,b,". */
static const char *shown(sqlite3 *db, const draaiboek_notes *d, const codebook_snapshot *cb,
			 long long id, enum draaiboek_group g)
{
	static char buf[512];
	long long ids[16];
	int i, k, n;

	buf[0] = '\0';
	for (i = 0; i < cb->n && cb->f[i].id != id; i++)
		;
	n = i < cb->n ? draaiboek_notes_ids(d, i, g, ids, 16) : 0;
	for (k = 0; k < n; k++) {
		char sql[128];

		snprintf(sql, sizeof sql, "SELECT body FROM note WHERE id = %lld", ids[k]);
		strncat(buf, query_text(db, sql), sizeof buf - strlen(buf) - 2);
		strcat(buf, ",");
	}
	return buf;
}

static int factor_index(const codebook_snapshot *cb, long long id)
{
	int i;

	for (i = 0; i < cb->n && cb->f[i].id != id; i++)
		;
	return i;
}

static void test_draaiboek_notes(sqlite3 *db)
{
	codebook_snapshot cb;
	draaiboek_notes *d;
	const char *const *names;
	long long ids[8];
	int notes, sessions, all, tagged, n;
	st_err err;

	codebook_snapshot_read(db, NULL, &cb, &err);
	d = draaiboek_notes_read(db, &cb, 0, NULL, 0, NULL, 2, &err);
	ok(d != NULL, "the pass over the notes");
	if (!d) {
		codebook_snapshot_free(&cb);
		return;
	}
	is_str(shown(db, d, &cb, f1, DRAAIBOEK_HELPS), "q-first,q-tie-a,",
	       "what helps: quotes, the oldest first, a tie by id, up to max; not the trash");
	is_str(shown(db, d, &cb, f1, DRAAIBOEK_HINDERS), "o-barrier,",
	       "what hinders: an observation when there is no quote");
	is_str(shown(db, d, &cb, f2, DRAAIBOEK_HINDERS), "q-late,", "a note on two factors");
	is_str(shown(db, d, &cb, f1, DRAAIBOEK_HANDVATTEN), "i-tagged,a-tagged,",
	       "handvatten: ideas before actions, any polarity");
	is_str(shown(db, d, &cb, g1, DRAAIBOEK_HELPS), "", "a question is shown nowhere");
	ok(draaiboek_notes_at(d, factor_index(&cb, f1), early) &&
	   draaiboek_notes_at(d, factor_index(&cb, f1), elsewhere) &&
	   !draaiboek_notes_at(d, factor_index(&cb, g1), late), "a factor's sessions");
	draaiboek_notes_tagged(d, &notes, &sessions);
	is_int(notes, 9, "tagged live notes");
	is_int(sessions, 3, "  from three sessions");
	draaiboek_notes_at_session(d, early, &all, &tagged);
	ok(all == 8 && tagged == 6, "notes at a session, and tagged ones (not the trash)");
	n = draaiboek_notes_untagged(d, ids, 8);
	is_int(n, 2, "two untagged ideas and actions (not the question)");
	ok(n == 2 && ids[0] == query_int(db, "SELECT id FROM note WHERE body = 'a-untagged-early'"),
	   "  the one of the earlier session first, though entered later");
	n = draaiboek_notes_facilitators(d, &names);
	is_int(n, DRAAIBOEK_FACILITATORS, "up to twelve facilitators");
	ok(n > 1 && strcmp(names[0], "Leen") == 0 && strcmp(names[1], "Schrijver 00") == 0 &&
	   strcmp(names[n - 1], "Schrijver 10") == 0, "  the first by name, each once");
	draaiboek_notes_free(d);
	d = draaiboek_notes_read(db, &cb, prog, NULL, 0, NULL, 1, &err);
	is_str(shown(db, d, &cb, f1, DRAAIBOEK_HANDVATTEN), "a-tagged,",
	       "a programme: the idea of another programme is left out");
	draaiboek_notes_free(d);
	d = draaiboek_notes_read(db, &cb, 0, NULL, late, NULL, 3, &err);
	is_str(shown(db, d, &cb, f1, DRAAIBOEK_HELPS), "q-late,", "one session: its notes only");
	draaiboek_notes_tagged(d, &notes, &sessions);
	ok(notes == 2 && sessions == 1, "  its tagged notes counted once each");
	draaiboek_notes_free(d);
	codebook_snapshot_free(&cb);
}

static void test_json_string(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	emit_json_string(f, "Zoë zei \"ja\"\\nee\n\r\t\x01\x1f end\x7f");
	emit_json_string(f, "");
	emit_json_string(f, "\"");
	emit_json_string(f, NULL);
	fclose(f);
	is_str(buf, "\"Zoë zei \\\"ja\\\"\\\\nee\\n\\r\\t\\u0001\\u001f end\x7f\"\"\"\"\\\"\"null",
	       "a JSON string: runs as they are, every escape as before");
	free(buf);
}

int main(void)
{
	sqlite3 *db;

	fixture_locale();
	find_datadir();
	fixture_start("export_stream");
	db = open_db("stream.sqlite");
	build(db);
	test_note_each(db);
	test_tag_codes(db);
	test_draaiboek_notes(db);
	test_json_string();
	db_close(db);
	return tap_done();
}
