/* fuzz_search.c: what a person types as a note search (`notes
 * --search`, `/` in the TUI): note_search_query must make an FTS5 query
 * that FTS5 accepts, whatever the text (a search is never an error); the
 * lists and counts with that search run, in both orders, writing
 * nothing; note_match_spans gives ranges inside the text, in order, not
 * overlapping, on character boundaries (of a text that is UTF-8). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/note_search.h"
#include "core/notes.h"
#include "core/text.h"
#include "fuzz/fuzz.h"

#define SPANS 32

/* Spans inside text, in order, not overlapping; on character boundaries
 * when text is UTF-8 (in bytes that are not, there are no characters to
 * keep whole). */
static void check_spans(const char *text, const char *search)
{
	note_span s[SPANS];
	size_t len = strlen(text), prev = 0;
	bool utf8 = text_utf8_end(text, len) == len;
	int n = note_match_spans(text, search, s, SPANS), i;

	if (n < 0 || n > SPANS)
		fuzz_fail("search: %d spans", n);
	for (i = 0; i < n; i++) {
		if (s[i].start >= s[i].end || s[i].end > len || (i && s[i].start < prev))
			fuzz_fail("search: span %d is [%zu, %zu) after %zu in %zu bytes", i, s[i].start,
				  s[i].end, prev, len);
		if (utf8 && ((text[s[i].start] & 0xc0) == 0x80 ||
			     (s[i].end < len && (text[s[i].end] & 0xc0) == 0x80)))
			fuzz_fail("search: span %d [%zu, %zu) cuts a character", i, s[i].start, s[i].end);
		prev = s[i].end;
	}
}

static void check_query(sqlite3 *db, const char *text)
{
	char *q = note_search_query(text);
	sqlite3_stmt *st;
	int rc;

	if (!q)
		return;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM note_fts WHERE note_fts MATCH ?1", -1, &st,
			       NULL) != SQLITE_OK)
		fuzz_fail("search: %s", sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		fuzz_fail("search: FTS5 refuses the query %s made of \"%s\": %s", q, text,
			  sqlite3_errmsg(db));
	sqlite3_finalize(st);
	free(q);
}

static void check_lists(sqlite3 *db, const char *text)
{
	note_filter f = { .search = text };
	st_note page[5];
	st_err err;
	int order, n, i;

	for (order = NOTE_ORDER_ENTERED; order <= NOTE_ORDER_SESSION; order++) {
		f.order = order;
		n = note_page(db, &f, NULL, false, page, 5, &err);
		if (n < 0)
			fuzz_fail("search \"%s\": the list fails: %s", text, err.msg);
		for (i = 0; i < n; i++) {
			check_spans(page[i].body, text);
			note_clear(&page[i]);
		}
	}
	if (note_count(db, &f, &err) < 0 || note_count_upto(db, &f, 1000, &err) < 0)
		fuzz_fail("search \"%s\": counting fails: %s", text, err.msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sqlite3 *db = fuzz_db(false);
	char *text = fuzz_string(data, size);
	int changes = sqlite3_total_changes(db);

	check_query(db, text);
	check_lists(db, text);
	check_spans(text, text);
	check_spans("Tijd in het lesrooster voor co-creatie: créativiteit, Zoë's idee", text);
	if (sqlite3_total_changes(db) != changes)
		fuzz_fail("search \"%s\" wrote to the database", text);
	free(text);
	return 0;
}
