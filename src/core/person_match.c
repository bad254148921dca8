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

/* Whether a and b (code points) are at most `limit` edits apart: their
 * common start and end left out, then only the band of the table within
 * limit of its diagonal, which is all a distance up to limit can use.
 * Cheap enough for every key of an index range. */
static bool within_edits(const uint32_t *a, int na, const uint32_t *b, int nb, int limit)
{
	int prev[SIMILAR_MAX_CHARS + 1], cur[SIMILAR_MAX_CHARS + 1], i, j, lo, hi, v, best;

	while (na > 0 && nb > 0 && *a == *b)
		a++, b++, na--, nb--;
	while (na > 0 && nb > 0 && a[na - 1] == b[nb - 1])
		na--, nb--;
	if (abs(na - nb) > limit)
		return false;
	if (na == 0 || nb == 0)
		return true;
	for (j = 0; j <= nb; j++)
		prev[j] = j <= limit ? j : limit + 1;
	for (i = 1; i <= na; i++) {
		lo = i - limit > 1 ? i - limit : 1;
		hi = i + limit < nb ? i + limit : nb;
		cur[lo - 1] = lo == 1 && i <= limit ? i : limit + 1;
		best = cur[lo - 1];
		for (j = lo; j <= hi; j++) {
			v = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (j < i + limit && prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			cur[j] = v > limit ? limit + 1 : v;
			if (cur[j] < best)
				best = cur[j];
		}
		if (hi < nb)
			cur[hi + 1] = limit + 1;
		if (best > limit)
			return false;
		memcpy(prev + lo - 1, cur + lo - 1, (size_t)(hi - lo + 2 + (hi < nb)) * sizeof *cur);
	}
	return prev[nb] <= limit;
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

/* Adds the row (id, sort key, folded "first last", folded "last first")
 * to list when its name is near enough to name ("first last", folded),
 * also when first and last were swapped. */
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

/* What a search for similar names works with: the name as typed
 * ("first last", folded, for the edit distance the list is ordered by),
 * its words as the name keys have them (text_fold_name, without spaces,
 * hyphens and apostrophes) in both orders, the near ones found so far,
 * the same two as code points, and the ids already looked at. */
struct similar_search {
	const char *name;
	char *first, *last, *first_last, *last_first;
	uint32_t typed[SIMILAR_MAX_CHARS + 1], swapped[SIMILAR_MAX_CHARS + 1];
	int ntyped;
	long long except_id;
	struct similar *list;
	int n;
	long long *seen;
	int nseen, cap_seen;
};

/* The people whose first_last_key or last_first_key starts with one of
 * the prefixes (?1, ?2; each range only when its prefix is not empty):
 * ranges of the two indexes, read from the index alone. */
#define KEY_RANGE(col, p) \
	"SELECT id, " col " FROM person WHERE " col " >= " p " AND " col " < " p " || char(1114111)"

/* Candidates, by id and name key, whose key starts with prefix_first or
 * prefix_last, in either index: a name within two edits of the one typed,
 * word by word (first near first and last near last, or swapped), starts
 * its first or last name like the one typed does unless both words have
 * a typo in their first part.  The key then decides cheaply: its edit
 * distance to the name typed (in the same order, or swapped) is at most
 * that of the names themselves, since leaving out spaces and hyphens
 * never makes names further apart.  Returns the statement, or NULL. */
static sqlite3_stmt *key_ranges(sqlite3 *db, const char *prefix_first, const char *prefix_last,
				st_err *err)
{
	char sql[MATCH_SQL_MAX] = "";
	const char *p[2] = { prefix_first, prefix_last }, *num[2] = { "?1", "?2" };
	sqlite3_stmt *st;
	size_t len = 0;
	int i;

	for (i = 0; i < 2; i++) {
		if (!*p[i] || (i == 1 && strcmp(p[0], p[1]) == 0))
			continue;
		len += (size_t)snprintf(sql + len, sizeof sql - len,
					"%s" KEY_RANGE("first_last_key", "%s")
					" UNION ALL " KEY_RANGE("last_first_key", "%s"),
					len ? " UNION ALL " : "", num[i], num[i], num[i], num[i]);
	}
	st = db_prepare(db, sql, err);
	if (st) {
		sqlite3_bind_text(st, 1, prefix_first, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, prefix_last, -1, SQLITE_TRANSIENT);
	}
	return st;
}

/* Whether id was looked at before; remembers it.  -1 out of memory. */
static int seen_before(struct similar_search *s, long long id)
{
	long long *grown;
	int i;

	for (i = 0; i < s->nseen; i++)
		if (s->seen[i] == id)
			return 1;
	if (s->nseen == s->cap_seen) {
		grown = realloc(s->seen, (size_t)(s->cap_seen * 2 + 16) * sizeof *grown);
		if (!grown)
			return -1;
		s->seen = grown;
		s->cap_seen = s->cap_seen * 2 + 16;
	}
	s->seen[s->nseen++] = id;
	return 0;
}

/* The person's own name decides (consider); read by id. */
static int consider_person(sqlite3 *db, struct similar_search *s, long long id, st_err *err)
{
	static const char sql[] =
		"SELECT p.id, p.sort_key, p.name_key, replace(p.sort_key, char(1), ' ')"
		" FROM person p WHERE p.id = ?1";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && consider(st, s->name, &s->list, &s->n) != 0) {
		sqlite3_finalize(st);
		return st_err_set(err, _("out of memory"));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(db, err);
}

/* Whether a name key (first_last_key or last_first_key) is within the
 * edits allowed of the name typed, in either order. */
static bool key_is_near(const struct similar_search *s, const char *key)
{
	uint32_t cp[SIMILAR_MAX_CHARS + 1];
	int n = key && s->ntyped >= 0 ? decode_all(key, cp, SIMILAR_MAX_CHARS) : -1;

	return n >= 0 && (within_edits(s->typed, s->ntyped, cp, n, SIMILAR_MAX_EDITS) ||
			  within_edits(s->swapped, s->ntyped, cp, n, SIMILAR_MAX_EDITS));
}

/* One pass over the key ranges of the two prefixes: each person not seen
 * before whose key is near enough is looked at whole. */
static int search_ranges(sqlite3 *db, struct similar_search *s, const char *prefix_first,
			 const char *prefix_last, st_err *err)
{
	sqlite3_stmt *st = key_ranges(db, prefix_first, prefix_last, err);
	long long *near = NULL, id, *grown;
	const char *key;
	int n = 0, rc, i, fresh;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		key = (const char *)sqlite3_column_text(st, 1);
		if (id == s->except_id || !key_is_near(s, key))
			continue;
		grown = realloc(near, (size_t)(n + 1) * sizeof *near);
		if (!grown)
			break;
		near = grown;
		near[n++] = id;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(near);
		return rc == SQLITE_ROW ? st_err_set(err, _("out of memory")) : db_error(db, err);
	}
	for (i = 0, rc = 0; rc == 0 && i < n; i++) {
		fresh = seen_before(s, near[i]);
		if (fresh < 0)
			rc = st_err_set(err, _("out of memory"));
		else if (fresh == 0)
			rc = consider_person(db, s, near[i], err);
	}
	free(near);
	return rc;
}

/* How many of the people found are at most `edits` from the name. */
static int found_within(const struct similar_search *s, int edits)
{
	int i, count = 0;

	for (i = 0; i < s->n; i++)
		count += s->list[i].distance <= edits;
	return count;
}

/* word cut to its first half, at least three characters (or all of it):
 * a word with one typo keeps that part unless the typo is in it. */
static char *first_part(const char *word)
{
	size_t chars = text_chars(word), keep = chars / 2 < 3 ? 3 : chars / 2;

	return strndup(word, char_offset(word, keep));
}

/* Finds the people near the name: first those whose first or last name is
 * the one typed (the key ranges of the whole words), and only when that
 * gives fewer than max within one edit, those who start a word like
 * it (a typo in each word), from the ranges of the words' first parts. */
static int find_similar(sqlite3 *db, struct similar_search *s, int max, st_err *err)
{
	char *part_first, *part_last;
	int rc;

	if (search_ranges(db, s, s->first, s->last, err) != 0)
		return -1;
	if (found_within(s, 1) >= max)
		return 0;
	part_first = first_part(s->first);
	part_last = first_part(s->last);
	if (!part_first || !part_last)
		rc = st_err_set(err, _("out of memory"));
	else if (strcmp(part_first, s->first) == 0 && strcmp(part_last, s->last) == 0)
		rc = 0;
	else
		rc = search_ranges(db, s, part_first, part_last, err);
	free(part_first);
	free(part_last);
	return rc;
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

/* Sets s up for first and last as typed; false when out of memory. */
static bool similar_start(struct similar_search *s, const char *first, const char *last)
{
	size_t len;

	s->first = text_fold_name(first);
	s->last = text_fold_name(last);
	if (!s->first || !s->last)
		return false;
	len = strlen(s->first) + strlen(s->last) + 1;
	s->first_last = malloc(len);
	s->last_first = malloc(len);
	if (!s->first_last || !s->last_first)
		return false;
	snprintf(s->first_last, len, "%s%s", s->first, s->last);
	snprintf(s->last_first, len, "%s%s", s->last, s->first);
	/* A name longer than SIMILAR_MAX_CHARS (-1) is near nobody's. */
	s->ntyped = decode_all(s->first_last, s->typed, SIMILAR_MAX_CHARS);
	decode_all(s->last_first, s->swapped, SIMILAR_MAX_CHARS);
	return true;
}

static void similar_end(struct similar_search *s)
{
	int i;

	for (i = 0; i < s->n; i++)
		free(s->list[i].sort_key);
	free(s->list);
	free(s->seen);
	free(s->first);
	free(s->last);
	free(s->first_last);
	free(s->last_first);
}

int person_similar(sqlite3 *db, const char *first, const char *last,
		   long long except_id, st_person *out, int max, st_err *err)
{
	char *f = text_fold(or_empty(first)), *l = text_fold(or_empty(last)), *name = NULL;
	struct similar_search s = { .except_id = except_id };
	int rc = -1;
	size_t len;

	if (f && l) {
		text_trim(f);
		text_trim(l);
		len = strlen(f) + strlen(l) + 2;
		name = malloc(len);
		if (name)
			snprintf(name, len, "%s %s", f, l);
	}
	s.name = name;
	if (!name || !similar_start(&s, f, l))
		st_err_set(err, _("out of memory"));
	else if (!*s.first && !*s.last)
		rc = 0;
	else
		rc = find_similar(db, &s, max, err);
	if (rc == 0 && s.n > 1)
		qsort(s.list, (size_t)s.n, sizeof *s.list, by_distance);
	if (rc == 0)
		rc = read_nearest(db, s.list, s.n, out, max, err);
	similar_end(&s);
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
