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

/* An FTS5 query for any trigram of s ("\"jan\" OR \"an \" OR ..."), or
 * NULL when s is shorter than three characters. */
static char *trigram_query(const char *s)
{
	size_t n = strlen(s), i, k, len = 0, used;
	char *out = malloc(n * 16 + 16), *gram;
	uint32_t cp;

	if (!out)
		return NULL;
	for (i = 0; i < n; i += text_decode(s + i, n - i, &cp)) {
		/* The three characters from i on. */
		for (k = i, used = 0; used < 3 && k < n; used++)
			k += text_decode(s + k, n - k, &cp);
		if (used < 3)
			break;
		gram = malloc(k - i + 1);
		if (!gram)
			break;
		memcpy(gram, s + i, k - i);
		gram[k - i] = '\0';
		len += (size_t)sprintf(out + len, "%s\"", len ? " OR " : "");
		for (k = 0; gram[k]; k++) {
			if (gram[k] == '"')
				out[len++] = '"';
			out[len++] = gram[k];
		}
		out[len++] = '"';
		out[len] = '\0';
		free(gram);
	}
	if (len == 0) {
		free(out);
		return NULL;
	}
	return out;
}

struct similar {
	st_person person;
	int distance;
};

static int by_distance(const void *a, const void *b)
{
	const struct similar *x = a, *y = b;

	if (x->distance != y->distance)
		return x->distance - y->distance;
	return strcmp(x->person.sort_key, y->person.sort_key);
}

/* Candidates share the folded last name (a sort_key range), or the
 * folded first name (a name_key range), or, for a typo in both, trigrams
 * (the 50 best by rank; only for names of three characters or more).  The
 * edit distance then decides. */
static const char similar_sql[] =
	"SELECT " PERSON_COLUMNS ", p.name_key, replace(p.sort_key, char(1), ' ')" PERSON_FROM
	" WHERE p.id <> :except AND p.id IN ("
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
	const char *cand = (const char *)sqlite3_column_text(st, PERSON_NCOLUMNS);
	const char *swapped = (const char *)sqlite3_column_text(st, PERSON_NCOLUMNS + 1);
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
	person_from_row(st, 0, &grown[*n].person);
	grown[*n].distance = d;
	(*n)++;
	return 0;
}

/* Runs the candidate query and keeps the near ones in *list. */
static int find_similar(sqlite3 *db, const char *first, const char *last, const char *name,
			long long except_id, struct similar **list, int *n, st_err *err)
{
	char sql[MATCH_SQL_MAX], *key = text_fold_name(name), *grams;
	sqlite3_stmt *st;
	int rc;

	/* The index holds names as text_fold_name has them. */
	grams = key ? trigram_query(key) : NULL;
	free(key);

	snprintf(sql, sizeof sql, similar_sql, grams ? similar_by_trigram : "");
	st = db_prepare(db, sql, err);
	if (!st) {
		free(grams);
		return -1;
	}
	db_bind_named_int64(st, ":except", except_id);
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
	for (i = 0; i < n; i++) {
		if (rc == 0 && i < max)
			out[i] = list[i].person;
		else
			person_clear(&list[i].person);
	}
	free(list);
	free(f);
	free(l);
	free(name);
	if (rc != 0)
		return -1;
	return n < max ? n : max;
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
