/* person_match.c: see person_match.h: finding people by a name as typed,
 * to warn of a duplicate (person_similar: within two edits) or to know
 * whom a command means (person_resolve: an id, or one name). */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/i18n.h"
#include "core/people.h"
#include "core/person_match.h"
#include "core/person_name.h"
#include "core/text.h"

/* Room for any statement put together here. */
#define MATCH_SQL_MAX 2048

/* person_resolve and person_similar name at most this many people. */
#define PEOPLE_LIST_MAX 5

/* The longest name person_similar compares, in characters. */
#define SIMILAR_MAX_CHARS 128
#define SIMILAR_MAX_EDITS 2

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* ---- similar names ------------------------------------------------------ */

/* Decodes s into cp (at most max code points); returns how many, or -1
 * when s is longer. */
static int decode_all(const char *s, uint32_t *cp, int max)
{
	size_t n = strlen(s), i = 0, used;
	int count = 0;

	while ((used = text_decode(s + i, n - i, &cp[count])) > 0) {
		if (++count > max)
			return -1;
		i += used;
	}
	return count;
}

/* Edit distance (insertions, deletions, substitutions) between a and b,
 * by code point, stopping early once it must exceed limit (then limit + 1). */
static int levenshtein(const char *a, const char *b, int limit)
{
	uint32_t ca[SIMILAR_MAX_CHARS + 1], cb[SIMILAR_MAX_CHARS + 1];
	int prev[SIMILAR_MAX_CHARS + 1], cur[SIMILAR_MAX_CHARS + 1];
	int na = decode_all(a, ca, SIMILAR_MAX_CHARS), nb = decode_all(b, cb, SIMILAR_MAX_CHARS);
	int i, j, best, v;

	if (na < 0 || nb < 0 || abs(na - nb) > limit)
		return limit + 1;
	for (j = 0; j <= nb; j++)
		prev[j] = j;
	for (i = 1; i <= na; i++) {
		cur[0] = best = i;
		for (j = 1; j <= nb; j++) {
			v = prev[j - 1] + (ca[i - 1] != cb[j - 1]);
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
		memcpy(prev, cur, (size_t)(nb + 1) * sizeof prev[0]);
	}
	return prev[nb];
}

/* s from byte `from` to `to` as an FTS5 string (in double quotes, each
 * quote doubled), written at out; returns its length. */
static size_t fts_string(char *out, const char *s, size_t from, size_t to)
{
	size_t len = 0;

	out[len++] = '"';
	for (; from < to; from++) {
		if (s[from] == '"')
			out[len++] = '"';
		out[len++] = s[from];
	}
	out[len++] = '"';
	out[len] = '\0';
	return len;
}

/* The byte offset of character number `chars` of s (or its end). */
static size_t char_offset(const char *s, size_t chars)
{
	size_t n = strlen(s), i = 0;
	uint32_t cp;

	while (chars-- > 0 && i < n)
		i += text_decode(s + i, n - i, &cp);
	return i;
}

/* An FTS5 query for s cut in SIMILAR_MAX_EDITS + 1 pieces ("\"janp\" OR
 * \"eet\" OR \"ers\""), or NULL when a piece would be shorter than a
 * trigram.  Each edit spoils at most one piece, so a name within that
 * many edits of s (without its spaces and hyphens, which only lowers the
 * distance) still holds one piece whole: the pieces find every such name
 * from the trigram index, and only them and few others. */
static char *pieces_query(const char *s)
{
	size_t chars = text_chars(s), from = 0, to, len = 0;
	int pieces = SIMILAR_MAX_EDITS + 1, i;
	char *out;

	if (chars < (size_t)pieces * 3)
		return NULL;
	out = malloc(strlen(s) * 2 + (size_t)pieces * 8 + 1);
	if (!out)
		return NULL;
	for (i = 1; i <= pieces; i++) {
		to = char_offset(s, chars * (size_t)i / (size_t)pieces);
		if (len)
			len += (size_t)sprintf(out + len, " OR ");
		len += fts_string(out + len, s, from, to);
		from = to;
	}
	return out;
}

/* An FTS5 query for any trigram of s ("\"jan\" OR \"an \" OR ..."), or
 * NULL when s is shorter than three characters. */
static char *trigram_query(const char *s)
{
	size_t n = strlen(s), i, k, len = 0, used;
	char *out = malloc(n * 16 + 16);
	uint32_t cp;

	if (!out)
		return NULL;
	for (i = 0; i < n; i += text_decode(s + i, n - i, &cp)) {
		/* The three characters from i on. */
		for (k = i, used = 0; used < 3 && k < n; used++)
			k += text_decode(s + k, n - k, &cp);
		if (used < 3)
			break;
		len += (size_t)sprintf(out + len, "%s", len ? " OR " : "");
		len += fts_string(out + len, s, i, k);
	}
	if (len == 0) {
		free(out);
		return NULL;
	}
	return out;
}

struct similar {
	long long id;
	char *sort_key;
	int distance;
};

static int by_distance(const void *a, const void *b)
{
	const struct similar *x = a, *y = b;
	int c;

	if (x->distance != y->distance)
		return x->distance - y->distance;
	c = strcmp(x->sort_key, y->sort_key);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* Candidates, by their id, sort key and folded name in both orders (the
 * rows of the few kept are read after): for a name of nine characters or
 * more (without spaces and hyphens), the people who hold one of its
 * pieces (pieces_query: that finds every name within the edits allowed).
 * For a shorter name, those who share the folded last name (a sort_key
 * range), or the folded first name (a name_key range), or, for a typo in
 * both, trigrams (the 50 best by rank; only for names of three characters
 * or more).  The edit distance then decides. */
/* The names further apart in length than the edits allowed are left out
 * before the edit distance is worked out: the length of "first last" and
 * of "last first" is the same, and differs from that of the name typed
 * by at least the distance. */
#define SIMILAR_COLUMNS \
	"SELECT p.id, p.sort_key, p.name_key, replace(p.sort_key, char(1), ' ') FROM person p" \
	" WHERE p.id <> :except AND abs(length(p.name_key) - :length) <= :edits"
static const char similar_by_pieces[] =
	SIMILAR_COLUMNS " AND p.id IN (SELECT rowid FROM person_name WHERE person_name MATCH :grams)";
static const char similar_sql[] =
	SIMILAR_COLUMNS " AND p.id IN ("
	"  SELECT id FROM person WHERE sort_key >= :last || char(1) AND sort_key < :last || char(2)"
	"  UNION SELECT id FROM person WHERE name_key >= :first || ' ' AND name_key < :first || '!'"
	"%s)";
static const char similar_by_trigram[] =
	"  UNION SELECT id FROM (SELECT rowid AS id FROM person_name"
	"   WHERE person_name MATCH :grams ORDER BY rank LIMIT 50)";

/* Adds the row to list when its name is near enough to name ("first
 * last", folded), also when first and last were swapped. */
static int consider(sqlite3_stmt *st, const char *name, struct similar **list, int *n)
{
	const char *cand = (const char *)sqlite3_column_text(st, 2);
	const char *swapped = (const char *)sqlite3_column_text(st, 3);
	struct similar *grown;
	int d, d2;

	d = levenshtein(name, or_empty(cand), SIMILAR_MAX_EDITS);
	d2 = levenshtein(name, or_empty(swapped), SIMILAR_MAX_EDITS);
	if (d2 < d)
		d = d2;
	if (d > SIMILAR_MAX_EDITS)
		return 0;
	grown = realloc(*list, (size_t)(*n + 1) * sizeof **list);
	if (!grown)
		return -1;
	*list = grown;
	grown[*n].id = sqlite3_column_int64(st, 0);
	grown[*n].sort_key = db_column_strdup(st, 1);
	grown[*n].distance = d;
	if (!grown[*n].sort_key)
		return -1;
	(*n)++;
	return 0;
}

/* Runs the candidate query and keeps the near ones in *list. */
static int find_similar(sqlite3 *db, const char *first, const char *last, const char *name,
			long long except_id, struct similar **list, int *n, st_err *err)
{
	char sql[MATCH_SQL_MAX], *key = text_fold_name(name), *grams;
	sqlite3_stmt *st;
	bool by_pieces;
	int rc;

	/* The index holds names as text_fold_name has them. */
	grams = key ? pieces_query(key) : NULL;
	by_pieces = grams != NULL;
	if (!by_pieces)
		grams = key ? trigram_query(key) : NULL;
	free(key);

	if (by_pieces)
		snprintf(sql, sizeof sql, "%s", similar_by_pieces);
	else
		snprintf(sql, sizeof sql, similar_sql, grams ? similar_by_trigram : "");
	st = db_prepare(db, sql, err);
	if (!st) {
		free(grams);
		return -1;
	}
	db_bind_named_int64(st, ":except", except_id);
	db_bind_named_int64(st, ":length", (long long)text_chars(name));
	db_bind_named_int64(st, ":edits", SIMILAR_MAX_EDITS);
	db_bind_named_text(st, ":first", first);
	db_bind_named_text(st, ":last", last);
	if (grams)
		db_bind_named_text(st, ":grams", grams);
	free(grams);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (consider(st, name, list, n) != 0)
			break;
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return st_err_set(err, _("out of memory"));
	return rc == SQLITE_DONE ? 0 : db_error(db, err);
}

/* Reads the first `max` people of list (nearest first) into out.
 * Returns how many, or -1. */
static int read_nearest(sqlite3 *db, const struct similar *list, int n, st_person *out,
			int max, st_err *err)
{
	int got = 0, rc;

	for (; got < n && got < max; got++) {
		rc = person_get(db, list[got].id, &out[got], err);
		if (rc != 1) {
			while (got > 0)
				person_clear(&out[--got]);
			if (rc == 0)
				st_err_set(err, _("out of memory"));
			return -1;
		}
	}
	return got;
}

int person_similar(sqlite3 *db, const char *first, const char *last,
		   long long except_id, st_person *out, int max, st_err *err)
{
	char *f = text_fold(or_empty(first)), *l = text_fold(or_empty(last)), *name = NULL;
	struct similar *list = NULL;
	int n = 0, i, rc = -1;
	size_t len;

	if (f && l) {
		text_trim(f);
		text_trim(l);
		len = strlen(f) + strlen(l) + 2;
		name = malloc(len);
		if (name)
			snprintf(name, len, "%s %s", f, l);
	}
	if (!name)
		st_err_set(err, _("out of memory"));
	else if (!*f && !*l)
		rc = 0;
	else
		rc = find_similar(db, f, l, name, except_id, &list, &n, err);
	if (rc == 0 && n > 1)
		qsort(list, (size_t)n, sizeof *list, by_distance);
	if (rc == 0)
		rc = read_nearest(db, list, n, out, max, err);
	for (i = 0; i < n; i++)
		free(list[i].sort_key);
	free(list);
	free(f);
	free(l);
	free(name);
	return rc;
}

/* ---- resolving a name --------------------------------------------------- */

/* s folded, trimmed, with runs of white space made one space. */
static char *normalise_name(const char *s)
{
	char *f = text_fold(s), *r, *w;

	if (!f)
		return NULL;
	for (r = w = f; *r; r++) {
		if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
			if (w > f && w[-1] != ' ')
				*w++ = ' ';
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return text_trim(f);
}

/* Sets err to name the people in list (up to PEOPLE_LIST_MAX; more says
 * there were more). */
static void say_several(const char *text, const st_person *list, int n, st_err *err)
{
	char names[ST_ERR_MAX] = "";
	size_t len;
	int i;

	for (i = 0; i < n && i < PEOPLE_LIST_MAX; i++) {
		len = strlen(names);
		snprintf(names + len, sizeof names - len, "%s%s %s (%lld)", i ? ", " : "",
			 list[i].first_name, list[i].last_name, list[i].id);
	}
	if (n > PEOPLE_LIST_MAX) {
		len = strlen(names);
		snprintf(names + len, sizeof names - len, ", …");
	}
	st_err_set(err, _("\"%s\" matches several people: %s"), text, names);
}

/* People whose "first last" or "last first" is exactly name, compared by
 * text_fold_name (so "zoe vandenbroeck" is Zoë Van den Broeck), up to n;
 * uses the name index to narrow first. */
static int exact_matches(sqlite3 *db, const char *name, st_person *out, int n, st_err *err)
{
	char sql[MATCH_SQL_MAX], *exact = text_fold_name(name);
	person_name_bind value;
	sqlite3_stmt *st;
	int got;

	if (!exact)
		return st_err_set(err, _("out of memory"));
	snprintf(sql, sizeof sql, "SELECT " PERSON_COLUMNS PERSON_FROM " WHERE 1%s"
		 " AND (st_fold_name(p.first_name) || st_fold_name(p.last_name) = :exact"
		 " OR st_fold_name(p.last_name) || st_fold_name(p.first_name) = :exact)"
		 " ORDER BY p.sort_key, p.id LIMIT :limit",
		 person_name_condition(name, &value));
	st = db_prepare(db, sql, err);
	if (!st) {
		person_bind_name(NULL, &value);
		free(exact);
		return -1;
	}
	person_bind_name(st, &value);
	db_bind_named_text(st, ":exact", exact);
	free(exact);
	db_bind_named_int64(st, ":limit", n);
	got = person_read_rows(db, st, out, n, err);
	sqlite3_finalize(st);
	return got;
}

/* One person by id: 1, 0 (err says so) or -1. */
static int resolve_id(sqlite3 *db, const char *text, st_person *out, st_err *err)
{
	long long id = strtoll(text, NULL, 10);
	int rc = person_get(db, id, out, err);

	if (rc == 0)
		st_err_set(err, _("there is no person with id %lld"), id);
	return rc;
}

/* Exact matches first; only when there is none, containing matches. */
static int resolve_name(sqlite3 *db, const char *text, const char *name, st_person *out,
			st_err *err)
{
	st_person found[PEOPLE_LIST_MAX + 1];
	person_filter f = { .name = name };
	int n, i;

	memset(found, 0, sizeof found);
	n = exact_matches(db, name, found, PEOPLE_LIST_MAX + 1, err);
	if (n == 0)
		n = person_page(db, &f, NULL, false, found, PEOPLE_LIST_MAX + 1, err);
	if (n < 0)
		return -1;
	if (n == 0)
		st_err_set(err, _("nobody matches \"%s\""), text);
	if (n == 1) {
		*out = found[0];
		return 1;
	}
	if (n > 1)
		say_several(text, found, n, err);
	for (i = 0; i < n; i++)
		person_clear(&found[i]);
	return n > 1 ? 2 : 0;
}

int person_resolve(sqlite3 *db, const char *text, st_person *out, st_err *err)
{
	char *name = normalise_name(or_empty(text));
	int rc;

	if (!name)
		return st_err_set(err, _("out of memory"));
	if (!*name) {
		st_err_set(err, _("nobody matches \"%s\""), or_empty(text));
		rc = 0;
	} else if (text_is_digits(name) && strlen(name) < 19) {
		rc = resolve_id(db, name, out, err);
	} else {
		rc = resolve_name(db, or_empty(text), name, out, err);
	}
	free(name);
	return rc;
}
