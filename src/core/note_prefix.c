/* note_prefix.c: prefixes of a note search as the words they stand for
 * (see note_prefix.h). */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/note_prefix.h"

/* The growing text of the query being written. */
struct buf {
	char *s;
	size_t len, cap;
	bool failed;
};

static void put(struct buf *b, const char *s, size_t n)
{
	char *grown;

	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		grown = realloc(b->s, b->cap);
		if (!grown) {
			b->failed = true;
			return;
		}
		b->s = grown;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* A word as a quoted FTS5 string (quotes doubled; the vocabulary's words
 * hold none, but a stray one must not end the string). */
static void put_quoted(struct buf *b, const char *word)
{
	const char *q;

	put(b, "\"", 1);
	while ((q = strchr(word, '"'))) {
		put(b, word, (size_t)(q - word) + 1);
		put(b, "\"", 1);
		word = q + 1;
	}
	put(b, word, strlen(word));
	put(b, "\"", 1);
}

/* The vocabulary of note_fts, one row per word, made once per connection
 * in its temp schema (nothing in the database file changes). */
static sqlite3_stmt *words_statement(sqlite3 *db)
{
	static const char sql[] = "SELECT term FROM temp.note_fts_words"
				  " WHERE term >= ?1 AND term < ?2 LIMIT ?3";
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK)
		return st;
	if (sqlite3_exec(db, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.note_fts_words"
			 " USING fts5vocab(main, note_fts, row)", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	return st;
}

/* Writes ("w1" OR "w2" ...) for the words that start with prefix (ASCII
 * letters and digits, lowercased), or false when it is to stay a prefix. */
static bool put_words(struct buf *b, sqlite3 *db, const char *prefix)
{
	sqlite3_stmt *st = words_statement(db);
	size_t n = strlen(prefix), start = b->len;
	char *next = strdup(prefix);
	int words = 0, rc = SQLITE_ERROR;

	if (!st || !next) {
		sqlite3_finalize(st);
		free(next);
		return false;
	}
	next[n - 1]++;   /* the first string after every word with the prefix */
	sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, next, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, NOTE_PREFIX_MAX_WORDS + 1);
	put(b, "(", 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (words++)
			put(b, " OR ", 4);
		put_quoted(b, (const char *)sqlite3_column_text(st, 0));
	}
	put(b, ")", 1);
	sqlite3_finalize(st);
	free(next);
	if (rc != SQLITE_DONE || words == 0 || words > NOTE_PREFIX_MAX_WORDS) {
		b->len = start;   /* as it was */
		if (b->s)
			b->s[start] = '\0';
		return false;
	}
	return true;
}

/* The word of a quoted FTS5 string starting at q ("creat"), lowercased,
 * when it is plain ASCII letters and digits; NULL otherwise.  *end is set
 * past the closing quote. */
static char *plain_word(const char *q, const char **end)
{
	const char *p = q + 1;
	char *w;
	size_t i, n;

	while (*p && !(*p == '"' && p[1] != '"'))
		p += *p == '"' ? 2 : 1;
	*end = *p ? p + 1 : p;
	n = (size_t)(p - q - 1);
	for (i = 0; i < n; i++)
		if (!((q[1 + i] >= 'a' && q[1 + i] <= 'z') || (q[1 + i] >= 'A' && q[1 + i] <= 'Z') ||
		      (q[1 + i] >= '0' && q[1 + i] <= '9')))
			return NULL;
	if (n == 0 || !(w = malloc(n + 1)))
		return NULL;
	for (i = 0; i < n; i++)
		w[i] = q[1 + i] >= 'A' && q[1 + i] <= 'Z' ? (char)(q[1 + i] - 'A' + 'a') : q[1 + i];
	w[n] = '\0';
	return w;
}

/* Walks the query: quoted strings, "*" after one, and " AND ". */
static char *expand(sqlite3 *db, const char *query)
{
	struct buf b = { 0 };
	const char *p = query, *end;
	char *word;

	put(&b, "", 0);
	while (*p) {
		if (*p != '"') {
			put(&b, p++, 1);
			continue;
		}
		word = plain_word(p, &end);
		if (*end == '*' && word && put_words(&b, db, word)) {
			p = end + 1;
		} else {
			put(&b, p, (size_t)(end - p));
			p = end;
		}
		free(word);
	}
	if (b.failed) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/* The last answer, for one connection, while the database is unchanged:
 * its changes (sqlite3_total_changes) and those of others (PRAGMA
 * data_version) are as they were. */
static struct {
	sqlite3 *db;
	char *query, *expanded;
	int changes;
	long long version;
} last;

/* PRAGMA data_version: other connections' commits change it (only a
 * statement sees them: the pager notices them when a read starts). */
static long long data_version(sqlite3 *db)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Whether this connection has the vocabulary table: a connection opened
 * later at the same address (after the one the answer is from was
 * closed) has not, until its own lookup, which replaces the answer. */
static bool has_words_table(sqlite3 *db)
{
	return sqlite3_table_column_metadata(db, "temp", "note_fts_words", "term", NULL, NULL,
					     NULL, NULL, NULL) == SQLITE_OK;
}

char *note_prefix_expand(sqlite3 *db, const char *query)
{
	int changes = sqlite3_total_changes(db);
	long long version = data_version(db);
	char *q;

	if (!strstr(query, "\"*"))
		return strdup(query);
	if (last.db == db && last.changes == changes && last.version == version && version >= 0 &&
	    last.query &&
	    strcmp(last.query, query) == 0 && has_words_table(db))
		return strdup(last.expanded);
	free(last.query);
	free(last.expanded);
	last.query = last.expanded = NULL;
	q = expand(db, query);
	if (!q)
		return NULL;
	last.db = db;
	last.query = strdup(query);
	last.expanded = strdup(q);
	last.changes = changes;
	last.version = version;
	if (!last.query || !last.expanded) {
		free(last.query);
		free(last.expanded);
		last.query = last.expanded = NULL;
	}
	return q;
}
