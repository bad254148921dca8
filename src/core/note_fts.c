/* note_fts.c: what the note lists ask the full-text index once per search
 * and state of the database (see note_fts.h). */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/note_fts.h"

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

/* The vocabulary of note_fts, one row per occurrence of a word, made once
 * per connection in its temp schema (nothing in the database file
 * changes).  Asked for the first row at or after a string, it seeks there
 * and reads one entry: the next word (the table of one row per word would
 * count each word's notes on the way: for creat* at a million notes, a
 * third of them, 28 ms). */
static sqlite3_stmt *words_statement(sqlite3 *db)
{
	static const char sql[] = "SELECT term FROM temp.note_fts_words"
				  " WHERE term >= ?1 AND term < ?2 LIMIT 1";
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK)
		return st;
	if (sqlite3_exec(db, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.note_fts_words"
			 " USING fts5vocab(main, note_fts, instance)", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	return st;
}

/* The first word at or after from and before end, as a new string; NULL
 * with *rc SQLITE_DONE when there is none, or SQLite's error. */
static char *word_from(sqlite3_stmt *st, const char *from, const char *end, int *rc)
{
	char *word = NULL;

	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, end, -1, SQLITE_STATIC);
	*rc = sqlite3_step(st);
	if (*rc == SQLITE_ROW && !(word = strdup((const char *)sqlite3_column_text(st, 0))))
		*rc = SQLITE_NOMEM;
	sqlite3_reset(st);
	return word;
}

/* Writes ("w1" OR "w2" ...) for the words that start with prefix (ASCII
 * letters and digits, lowercased), or false when it is to stay a prefix.
 * After a word w the next is the first at or after w + "\x01": no word
 * holds a control character, and a seek is all it costs. */
static bool put_words(struct buf *b, sqlite3 *db, const char *prefix)
{
	sqlite3_stmt *st = words_statement(db);
	size_t n = strlen(prefix), start = b->len, len;
	char *end = strdup(prefix), *from = malloc(n + 2), *word, *grown;
	int words = 0, rc = SQLITE_NOMEM;

	if (st && end && from) {
		end[n - 1]++;   /* the first string after every word with the prefix */
		memcpy(from, prefix, n + 1);
		put(b, "(", 1);
		while (words <= NOTE_FTS_MAX_WORDS && (word = word_from(st, from, end, &rc))) {
			if (words++)
				put(b, " OR ", 4);
			put_quoted(b, word);
			len = strlen(word);
			grown = strcmp(word, from) >= 0 ? realloc(from, len + 2) : NULL;
			if (!grown) {   /* out of memory, or a word that goes back */
				free(word);
				rc = SQLITE_NOMEM;
				break;
			}
			from = grown;
			memcpy(from, word, len);
			from[len] = '\x01';
			from[len + 1] = '\0';
			free(word);
		}
		put(b, ")", 1);
	}
	sqlite3_finalize(st);
	free(end);
	free(from);
	if ((rc != SQLITE_DONE && rc != SQLITE_ROW) || words == 0 || words > NOTE_FTS_MAX_WORDS) {
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

/* An answer kept for one connection while the database is unchanged:
 * its changes (sqlite3_total_changes) and those of others (PRAGMA
 * data_version) are as they were. */
struct kept {
	sqlite3 *db;
	char *query;
	char *answer;           /* note_fts_expand's */
	int share;              /* note_fts_common's, for that share */
	bool common;
	int changes;
	long long version;
};

static struct kept words, plan;

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

static bool kept_holds(const struct kept *k, sqlite3 *db, const char *query)
{
	return k->db == db && k->query && strcmp(k->query, query) == 0 &&
	       k->changes == sqlite3_total_changes(db) && k->version >= 0 &&
	       k->version == data_version(db);
}

static void kept_forget(struct kept *k)
{
	free(k->query);
	free(k->answer);
	memset(k, 0, sizeof *k);
}

/* Keeps answer (may be NULL) for query, as the database is now; keeps
 * nothing when out of memory. */
static void kept_set(struct kept *k, sqlite3 *db, const char *query, const char *answer)
{
	kept_forget(k);
	k->query = strdup(query);
	k->answer = answer ? strdup(answer) : NULL;
	if (!k->query || (answer && !k->answer)) {
		kept_forget(k);
		return;
	}
	k->db = db;
	k->changes = sqlite3_total_changes(db);
	k->version = data_version(db);
}

/* Whether this connection has the vocabulary table: a connection opened
 * later at the same address (after the one the answer is from was
 * closed) has not, until its own lookup, which replaces the answer. */
static bool has_words_table(sqlite3 *db)
{
	return sqlite3_table_column_metadata(db, "temp", "note_fts_words", "term", NULL, NULL,
					     NULL, NULL, NULL) == SQLITE_OK;
}

char *note_fts_expand(sqlite3 *db, const char *query)
{
	char *q;

	if (!strstr(query, "\"*"))
		return strdup(query);
	if (kept_holds(&words, db, query) && has_words_table(db))
		return strdup(words.answer);
	kept_forget(&words);
	q = expand(db, query);
	if (q)
		kept_set(&words, db, query, q);
	return q;
}

int note_fts_common(sqlite3 *db, const char *query, int share, bool *common)
{
	static const char sql[] = "SELECT count(*) * ?2 >= (SELECT coalesce(max(id), 0)"
		" FROM note) FROM (SELECT 1 FROM note_fts WHERE note_fts MATCH ?1"
		" LIMIT (SELECT coalesce(max(id), 0) FROM note) / ?2 + 1)";
	sqlite3_stmt *st;
	int rc;

	if (kept_holds(&plan, db, query) && plan.share == share) {
		*common = plan.common;
		return SQLITE_OK;
	}
	rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, share);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*common = sqlite3_column_int(st, 0) != 0;
		kept_set(&plan, db, query, NULL);
		plan.share = share;
		plan.common = *common;
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}
