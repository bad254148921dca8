/* person_name.c: see person_name.h.  The name filter every list of
 * people shares (people.c, attendance.c, person_match.c), so that a name
 * matches the same everywhere. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/person_name.h"
#include "core/text.h"

/* s as an FTS5 string: in double quotes, with each quote doubled, so that
 * nothing typed is read as query syntax. */
static char *fts_quote(const char *s)
{
	char *out = malloc(strlen(s) * 2 + 3), *o = out;

	if (!out)
		return NULL;
	*o++ = '"';
	for (; *s; s++) {
		if (*s == '"')
			*o++ = '"';
		*o++ = *s;
	}
	*o++ = '"';
	*o = '\0';
	return out;
}

/* Names are matched by text_fold_name, which leaves out spaces, hyphens
 * and apostrophes, in the trigram index person_name ("firstlast" and
 * "lastfirst" on two lines, so a search never matches across the two).
 * From three characters on, the index finds the text anywhere; it cannot
 * look up one or two, and such short filters are rare enough to scan its
 * text for.  A space (or hyphen) typed at the end still means the word
 * ends there ("jan " is Jan, not Janssens): the last word typed, with a
 * space, must then be in the name as written, hyphens read as spaces. */
#define NAME_BY_INDEX " AND p.id IN (SELECT rowid FROM person_name WHERE person_name MATCH :name)"
#define NAME_BY_SCAN " AND p.id IN (SELECT rowid FROM person_name WHERE instr(name, :name) > 0)"
#define NAME_WORD_ENDS \
	" AND (instr(replace(p.name_key, '-', ' ') || ' ', :word) > 0" \
	" OR instr(replace(replace(p.sort_key, char(1), ' '), '-', ' ') || ' ', :word) > 0)"
/* The same two lines, first_last_key and last_first_key (migration 8), as
 * a row has them: for rows already few, without the index. */
#define NAME_IN_ROW " AND instr(p.first_last_key || char(10) || p.last_first_key, :prefix) > 0"
/* One or two characters anywhere in the name, read from the copy of the
 * text FTS5 keeps for person_name (person_name_content: id, c0; the table
 * is not contentless, schema.c 1 -> 2): a scan of that narrow table is
 * half the cost of the same scan through the virtual table, and the
 * people it finds are then read by id. */
#define NAME_BY_CONTENT \
	" AND p.id IN (SELECT id FROM " PERSON_NAME_TEXT " WHERE instr(c0, :prefix) > 0)"
/* A short name (person_name_short) where no word of the name starts with
 * it; and the statement that reads, in list order, those where one does
 * (person_name_start s; the name conditions hold for it too). */
#define NO_WORD_STARTS " AND NOT EXISTS (SELECT 1 FROM person_name_start s" \
	" WHERE s.start = :prefix AND s.sort_key = p.sort_key AND s.person_id = p.id)"
/* A name of three characters or more (person_name_indexed) at the start
 * of a word (person_name_word_start): of the rows of person_name_start s,
 * or of p (the rest of the trigram index's matches). */
#define WORD_START_OF_S " AND st_name_word_start(s.sort_key, :prefix)"
#define NO_WORD_START_OF_P " AND NOT st_name_word_start(p.sort_key, :prefix)"
/* A name starts with what was typed: a range on the indexed key (no
 * folded name holds U+10FFFF, so every one that starts with :prefix is
 * below :prefix and that character). */
#define STARTS(col) " (p." col " >= :prefix AND p." col " < :prefix || char(1114111))"
#define FIRST_STARTS " AND" STARTS("first_last_key")
#define LAST_STARTS " AND" STARTS("last_first_key")
#define FIRST_NOT " AND NOT" STARTS("first_last_key")
#define LAST_NOT " AND NOT" STARTS("last_first_key")

/* The last word of folded (a folded name) and a space, when folded ends
 * with a space or hyphen; else NULL. */
static char *last_word_ended(const char *folded)
{
	size_t end = strlen(folded), start;
	char *word;

	if (!end || !text_is_name_gap(folded[end - 1]))
		return NULL;
	while (end > 0 && text_is_name_gap(folded[end - 1]))
		end--;
	for (start = end; start > 0 && !text_is_name_gap(folded[start - 1]); start--)
		;
	if (start == end)
		return NULL;
	word = malloc(end - start + 2);
	if (word) {
		memcpy(word, folded + start, end - start);
		memcpy(word + (end - start), " ", 2);
	}
	return word;
}

/* ---- the starts of a name's words (person_name_start) --------------------- */

/* At most this many starts for one person: two for the first name, two
 * for the last name, two for each word of either (a name of more words
 * than that is found among those a name is only inside of). */
#define STARTS_MAX 64

struct starts {
	char s[STARTS_MAX][16];
	int n;
};

/* Adds the first one and the first two characters of key, each once. */
static void add_starts(struct starts *st, const char *key)
{
	size_t len, used;
	uint32_t cp;
	int chars, i;

	for (chars = 1, len = 0; chars <= 2 && key[len]; chars++) {
		used = text_decode(key + len, strlen(key + len), &cp);
		if (used == 0 || len + used >= sizeof st->s[0])
			return;
		len += used;
		for (i = 0; i < st->n && (strlen(st->s[i]) != len || memcmp(st->s[i], key, len)); i++)
			;
		if (i < st->n || st->n == STARTS_MAX)
			continue;
		memcpy(st->s[st->n], key, len);
		st->s[st->n++][len] = '\0';
	}
}

/* Adds the starts of one part of a name: the whole part and each word. */
static int add_part_starts(struct starts *st, const char *part)
{
	char *folded = text_fold(part), *key, *w, *end;

	if (!folded)
		return -1;
	key = text_fold_name(folded);
	if (key)
		add_starts(st, key);
	free(key);
	for (w = folded; *w; w = end) {
		while (*w && text_is_name_gap(*w))
			w++;
		for (end = w; *end && !text_is_name_gap(*end); end++)
			;
		if (*end)
			*end++ = '\0';
		key = text_fold_name(w);
		if (key)
			add_starts(st, key);
		free(key);
	}
	free(folded);
	return 0;
}

/* s as a JSON string, written at out (room for 6 bytes per byte of s,
 * plus 3). */
static size_t json_string(char *out, const char *s)
{
	size_t len = 0;

	out[len++] = '"';
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			len += (size_t)sprintf(out + len, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			len += (size_t)sprintf(out + len, "\\u%04x", (unsigned)*s);
		else
			out[len++] = *s;
	}
	out[len++] = '"';
	out[len] = '\0';
	return len;
}

/* Fills st with the starts of first and last; -1 when out of memory. */
static int name_starts(struct starts *st, const char *first, const char *last)
{
	st->n = 0;
	if (add_part_starts(st, first ? first : "") != 0 ||
	    add_part_starts(st, last ? last : "") != 0)
		return -1;
	return 0;
}

bool person_name_has_start(const char *first, const char *last, const char *name)
{
	struct starts st;
	char *key = name ? text_fold_name(name) : NULL;
	bool has = false;
	int i;

	if (key && name_starts(&st, first, last) == 0)
		for (i = 0; i < st.n && !has; i++)
			has = strcmp(st.s[i], key) == 0;
	free(key);
	return has;
}

char *person_name_starts(const char *first, const char *last)
{
	struct starts st;
	char *out;
	size_t len = 0;
	int i;

	if (name_starts(&st, first, last) != 0)
		return NULL;
	out = malloc((size_t)st.n * (sizeof st.s[0] * 6 + 4) + 3);
	if (!out)
		return NULL;
	out[len++] = '[';
	for (i = 0; i < st.n; i++) {
		if (i)
			out[len++] = ',';
		len += json_string(out + len, st.s[i]);
	}
	out[len++] = ']';
	out[len] = '\0';
	return out;
}

/* ---- a longer name at the start of a word (person_name_word_start) -------- */

/* True when key is a prefix of the name's text from s: the rest of one
 * part of the name (n bytes at s), then the whole other part (on bytes),
 * the gaps text_fold_name leaves out skipped.  Bytes are compared: both
 * are folded UTF-8. */
static bool text_from_is(const char *s, size_t n, const char *other, size_t on,
			 const char *key)
{
	const char *end = s + n;
	size_t gap;
	int pass;

	for (pass = 0; pass < 2 && *key; pass++, s = other, end = other + on) {
		while (s < end && *key) {
			if ((gap = text_name_gap(s)) > 0)
				s += gap;
			else if (*s++ != *key++)
				return false;
		}
	}
	return *key == '\0';
}

/* True when the n bytes at s hold two characters or more, gaps left out:
 * person_name_start then holds their first two as a start. */
static bool two_chars(const char *s, size_t n)
{
	size_t i = 0, gap;
	uint32_t cp;
	int chars = 0;

	while (i < n && chars < 2) {
		if ((gap = text_name_gap(s + i)) > 0) {
			i += gap;
		} else {
			i += text_decode(s + i, n - i, &cp);
			chars++;
		}
	}
	return chars >= 2;
}

/* True when key starts at the whole part (n bytes, folded) or at one of
 * its words, read on into the other part, where person_name_start holds
 * the first two characters (add_part_starts: a word of one character
 * has only that one). */
static bool part_has_start(const char *part, size_t n, const char *other, size_t on,
			   const char *key)
{
	size_t i = 0, end;

	if (two_chars(part, n) && text_from_is(part, n, other, on, key))
		return true;
	while (i < n) {
		while (i < n && text_is_name_gap(part[i]))
			i++;
		for (end = i; end < n && !text_is_name_gap(part[end]); end++)
			;
		if (i > 0 && i < end && two_chars(part + i, end - i) &&
		    text_from_is(part + i, n - i, other, on, key))
			return true;
		i = end;
	}
	return false;
}

bool person_name_word_start(const char *sort_key, const char *key)
{
	const char *sep = sort_key ? strchr(sort_key, '\x01') : NULL;

	if (!sep || !key || !*key)
		return false;
	return part_has_start(sep + 1, strlen(sep + 1), sort_key, (size_t)(sep - sort_key), key) ||
	       part_has_start(sort_key, (size_t)(sep - sort_key), sep + 1, strlen(sep + 1), key);
}

/* SQL function st_name_word_start(sort_key, key): person_name_word_start. */
static void sql_name_word_start(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_int(ctx, person_name_word_start((const char *)sqlite3_value_text(argv[0]),
						       (const char *)sqlite3_value_text(argv[1])));
}

int person_name_register(sqlite3 *db)
{
	return sqlite3_create_function(db, "st_name_word_start", 2,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
				       sql_name_word_start, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

bool person_name_short(const char *name)
{
	char *key = name && *name ? text_fold_name(name) : NULL;
	size_t n = key ? text_chars(key) : 0;

	free(key);
	return n >= 1 && n <= 2;
}

/* The names person_name_dense reads (the first ones stored), and how many
 * of them must have the name for it to be dense: one in a hundred.  A
 * screen of 36 is then about 3 600 people read in list order (5 ms at
 * 100 000 people, where the scan of every name takes 8). */
#define DENSE_SAMPLE 4000
#define DENSE_MATCHES (DENSE_SAMPLE / 100)

bool person_name_dense(sqlite3 *db, const char *name)
{
	static const char sql[] =
		"SELECT count(*) FROM (SELECT id, c0 FROM " PERSON_NAME_TEXT " LIMIT ?2) c"
		" CROSS JOIN person p ON p.id = c.id WHERE instr(c.c0, ?1) > 0"
		" AND NOT EXISTS (SELECT 1 FROM person_name_start s"
		" WHERE s.start = ?1 AND s.sort_key = p.sort_key AND s.person_id = p.id)";
	char *key = person_name_short(name) ? text_fold_name(name) : NULL;
	sqlite3_stmt *st = NULL;
	bool dense = false;

	if (key && sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, DENSE_SAMPLE);
		dense = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) >= DENSE_MATCHES;
	}
	sqlite3_finalize(st);
	free(key);
	return dense;
}

bool person_name_indexed(const char *name)
{
	char *key = name && *name ? text_fold_name(name) : NULL;
	size_t n = key ? text_chars(key) : 0;

	free(key);
	return n >= 3;
}

bool person_name_given(const char *name)
{
	char *key = name && *name ? text_fold_name(name) : NULL;
	bool given = key && *key;

	free(key);
	return given;
}

/* Fills b for name: the key (:prefix), the key as the index looks it up
 * (:name) and the word that ends (:word, or NULL).  False when there is
 * nothing to match (b is then empty). */
static bool name_values(const char *name, person_name_bind *b)
{
	char *folded;

	b->name = b->word = b->prefix = NULL;
	if (!name || !*name)
		return false;
	folded = text_fold(name);
	b->prefix = text_fold_name(name);
	if (folded)
		b->word = last_word_ended(folded);
	free(folded);
	if (b->prefix && *b->prefix)
		b->name = text_chars(b->prefix) >= 3 ? fts_quote(b->prefix) : strdup(b->prefix);
	if (!b->name) {
		person_bind_name(NULL, b);
		return false;
	}
	return true;
}

const char *person_name_part_condition(const char *name, enum person_name_part part,
				       bool few_rows, person_name_bind *b)
{
	/* [part][how the name is found: scan, index, in the row][word ends] */
#define WORD_OR_NOT(c) { c, c NAME_WORD_ENDS }
#define BY_HOW(c) { WORD_OR_NOT(NAME_BY_SCAN c), WORD_OR_NOT(NAME_BY_INDEX c), \
		    WORD_OR_NOT(NAME_IN_ROW c) }
#define ANY_HOW(c) { WORD_OR_NOT(c), WORD_OR_NOT(c), WORD_OR_NOT(c) }
/* The word-start parts: short names scanned or in the row, longer ones
 * from the index. */
#define THREE_WAYS(scan, index, row) { WORD_OR_NOT(scan), WORD_OR_NOT(index), WORD_OR_NOT(row) }
	static const char *const cond[NAME_PARTS][3][2] = {
		[NAME_MATCHES] = BY_HOW(""),
		[NAME_FIRST_STARTS] = ANY_HOW(FIRST_STARTS),
		[NAME_LAST_STARTS] = ANY_HOW(LAST_STARTS FIRST_NOT),
		[NAME_INSIDE] = BY_HOW(FIRST_NOT LAST_NOT),
		[NAME_WORD_STARTS] = THREE_WAYS(NAME_IN_ROW, WORD_START_OF_S, NAME_IN_ROW),
		[NAME_NO_WORD_STARTS] = THREE_WAYS(NAME_BY_CONTENT NO_WORD_STARTS,
						   NAME_BY_INDEX NO_WORD_START_OF_P,
						   NAME_IN_ROW NO_WORD_STARTS),
		[NAME_INSIDE_WORD_STARTS] = THREE_WAYS(NAME_IN_ROW FIRST_NOT LAST_NOT,
						       FIRST_NOT LAST_NOT WORD_START_OF_S,
						       NAME_IN_ROW FIRST_NOT LAST_NOT),
		[NAME_INSIDE_NO_WORD_STARTS] =
			THREE_WAYS(NAME_BY_CONTENT FIRST_NOT LAST_NOT NO_WORD_STARTS,
				   NAME_BY_INDEX FIRST_NOT LAST_NOT NO_WORD_START_OF_P,
				   NAME_IN_ROW FIRST_NOT LAST_NOT NO_WORD_STARTS),
		[NAME_INDEXED] = { WORD_OR_NOT(NAME_BY_SCAN), WORD_OR_NOT(""),
				   WORD_OR_NOT(NAME_IN_ROW) },
		[NAME_INDEXED_NO_WORD_STARTS] = THREE_WAYS(NAME_BY_SCAN NO_WORD_START_OF_P,
							   NO_WORD_START_OF_P,
							   NAME_IN_ROW NO_WORD_START_OF_P),
	};
#undef ANY_HOW
#undef THREE_WAYS
#undef BY_HOW
#undef WORD_OR_NOT
	int how;

	if ((unsigned)part >= NAME_PARTS || !name_values(name, b))
		return "";
	how = few_rows ? 2 : text_chars(b->prefix) >= 3;
	return cond[part][how][b->word != NULL];
}

const char *person_name_condition(const char *name, person_name_bind *b)
{
	return person_name_part_condition(name, NAME_MATCHES, false, b);
}

/* Binds the value of parameter `param` when the statement has it, else
 * frees it. */
static void bind_or_free(sqlite3_stmt *st, const char *param, char **value)
{
	int i = st ? sqlite3_bind_parameter_index(st, param) : 0;

	if (i > 0 && *value)
		sqlite3_bind_text(st, i, *value, -1, free);
	else
		free(*value);
	*value = NULL;
}

void person_bind_name(sqlite3_stmt *st, person_name_bind *b)
{
	bind_or_free(st, ":name", &b->name);
	bind_or_free(st, ":word", &b->word);
	bind_or_free(st, ":prefix", &b->prefix);
}
