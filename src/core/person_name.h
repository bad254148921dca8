/* person_name.h: the name filter of every list of people (people,
 * check-in, resolving a name), as SQL conditions on person p, so that a
 * name matches the same everywhere. */
#ifndef STEMTUI_PERSON_NAME_H
#define STEMTUI_PERSON_NAME_H

#include <sqlite3.h>
#include <stdbool.h>

/* The name filter of person_filter as an SQL condition on person p: ""
 * when name is NULL or empty (or only spaces and hyphens), else " AND ..."
 * using the named parameters :name, :prefix and perhaps :word, whose
 * values b gets (fresh strings, or NULL); bind them with person_bind_name,
 * which takes them over (and frees them when the statement could not be
 * made: call it either way).  Names match by text_fold_name: case, accents,
 * spaces, hyphens and apostrophes do not count. */
typedef struct person_name_bind { char *name, *word, *prefix; } person_name_bind;
const char *person_name_condition(const char *name, person_name_bind *b);
void person_bind_name(sqlite3_stmt *st, person_name_bind *b);

/* True when name holds something to match (person_name_condition would
 * not be ""). */
bool person_name_given(const char *name);

/* The starts of the words of a person's name, as the table
 * person_name_start holds them (schema.c, 12 -> 13): the first one and the
 * first two characters of text_fold_name of the first name, of the last
 * name, and of each of their words (split at spaces and hyphens), each
 * once, as a JSON array ("[\"j\",\"ja\",\"v\",\"va\",\"b\",\"br\"]" for Jan
 * Van Broeck); a fresh string, or NULL when out of memory.  The SQL
 * function st_name_starts(first, last) (db.c) is this. */
char *person_name_starts(const char *first, const char *last);

/* True when one of those starts is name (folded by text_fold_name). */
bool person_name_has_start(const char *first, const char *last, const char *name);

/* True when name is one or two characters once folded (text_fold_name):
 * too short for the trigram index, so lists put the people whose name has
 * a word starting with it first, from person_name_start. */
bool person_name_short(const char *name);

/* For a key of two characters or more (text_fold_name of what was
 * typed): true when it starts where a start of person_name_start is, read
 * on through the name: at the whole first or last name or at one of their
 * words (of two characters or more), on into the rest of the name ("van"
 * in Jan Van Broeck, "broeckjan" too, "anbr" not).  sort_key is the
 * person's (fold(last) "\x01" fold(first)), from which the name is read.
 * Every person it is true of has the first two characters of key in
 * person_name_start, and key in the text of the trigram index, so the
 * people a longer name matches part into those whose word starts with it
 * (read from the index range of those two characters) and the rest.  The
 * SQL function st_name_word_start(sort_key, key), which
 * person_name_register adds to a connection (db_open), is this. */
bool person_name_word_start(const char *sort_key, const char *key);
int person_name_register(sqlite3 *db);

/* Parts of the people a name matches, for lists that put the likeliest
 * first (the check-in screen).  Every match is in exactly one of the last
 * three. */
enum person_name_part {
	NAME_MATCHES,          /* the name is anywhere (person_name_condition) */
	NAME_FIRST_STARTS,     /* "first last" starts with it: "ine v" is Ine Verschueren */
	NAME_LAST_STARTS,      /* "last first" does ("versch"), "first last" not */
	NAME_INSIDE,           /* it is in the name, but neither starts with it */
	/* The people a word of whose name starts with it, read in list
	 * order from person_name_start s joined to p (PERSON_BY_WORD_START:
	 * the condition is only the rest), and the people it is only inside
	 * of; the same two for NAME_INSIDE.  For a short name
	 * (person_name_short) a word starts with it when person_name_start
	 * holds it; for a longer one, when person_name_word_start says so
	 * (of the rows of its first two characters). */
	NAME_WORD_STARTS,
	NAME_NO_WORD_STARTS,
	NAME_INSIDE_WORD_STARTS,
	NAME_INSIDE_NO_WORD_STARTS,
	/* For a name the trigram index looks up (person_name_indexed) only:
	 * NAME_MATCHES read from the index, person_name joined to p
	 * (PERSON_BY_NAME_INDEX: the condition is only the rest); and of
	 * those, NAME_NO_WORD_STARTS. */
	NAME_INDEXED,
	NAME_INDEXED_NO_WORD_STARTS,
	NAME_PARTS
};

/* True when name is three characters or more once folded: the trigram
 * index person_name finds it anywhere in a name. */
bool person_name_indexed(const char *name);

/* The rows of NAME_INDEXED, in the order of the index (person id), each
 * read once as the index gives it: no list of every match is made first,
 * so a count or a LIMIT stops the reading; the statement goes on with
 * " AND ...". */
#define PERSON_BY_NAME_INDEX \
	" FROM person_name CROSS JOIN person p ON p.id = person_name.rowid" \
	" WHERE person_name MATCH :name"

/* The table that holds the text of person_name ("firstlast\nlastfirst",
 * text_fold_name), as columns id and c0: FTS5 keeps this copy. */
#define PERSON_NAME_TEXT "person_name_content"

/* For a short name (person_name_short): true when many people have it in
 * their name but no word of it starting with it, as a sample of the names
 * shows (one in a hundred or more).  Lists then read those people
 * (NAME_NO_WORD_STARTS, NAME_INSIDE_NO_WORD_STARTS) in their own order,
 * testing each row (person_name_part_condition's few_rows), and stop at
 * a screenful: sooner than scanning every name for it ("ij": a screen in
 * 2 ms instead of 13 among 100 000 people).  For few of them (or none)
 * the scan stays: read in list order, finding a screenful would mean
 * reading most people. */
bool person_name_dense(sqlite3 *db, const char *name);

/* The rows of NAME_WORD_STARTS and NAME_INSIDE_WORD_STARTS, in the order
 * s.sort_key, s.person_id (the list order), from the index: the range of
 * the name's first two characters (all of a short name); the statement
 * goes on with " AND ...". */
#define PERSON_BY_WORD_START \
	" FROM person_name_start s CROSS JOIN person p ON p.id = s.person_id" \
	" LEFT JOIN organisation o ON o.id = p.organisation_id" \
	" WHERE s.start = substr(:prefix, 1, 2)"

/* Like person_name_condition, for one part.  few_rows: p is already
 * narrowed to a few rows (a session's people), so each row is tested as
 * it is rather than the name looked up in the index of every name. */
const char *person_name_part_condition(const char *name, enum person_name_part part,
				       bool few_rows, person_name_bind *b);

#endif
