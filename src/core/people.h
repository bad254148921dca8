/* people.h: the people of the network: teachers, school leaders, advisers,
 * teacher educators, techniekcoaches; their focus tags and, for coaches,
 * the schools they coach.
 *
 * Names are compared and sorted folded (text_fold): "zoe" finds "Zoë",
 * "francoise" finds "Françoise", and matched without spaces, hyphens and
 * apostrophes (text_fold_name): "vandenbroeck" finds "Van den Broeck",
 * "pieter jan" finds "Pieter-Jan"; lists sort by the whole last name, the
 * Flemish way ("Van den Broeck" under V). */
#ifndef STEMTUI_PEOPLE_H
#define STEMTUI_PEOPLE_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/err.h"

typedef struct st_person {
	long long id;
	char *first_name, *last_name;
	char *sort_key;           /* fold(last) \x01 fold(first): keyset key */
	char *role;               /* a role key (roles.h) */
	long long organisation_id;/* 0 for none */
	char *organisation;       /* its name, or "" (read-only, from a join) */
	char *email;              /* "" when unknown */
	char *focus;              /* focus tags, comma-separated, sorted: "programmeren,wetenschap" */
} st_person;

typedef struct person_filter {
	const char *name;         /* part of "first last" or "last first", compared
				     folded and without spaces, hyphens and
				     apostrophes ("vandenbroeck" is Van den Broeck),
				     but a space at the end ends a word ("jan " is
				     Jan, not Janssens); NULL or "" for all */
	const char *role;         /* a role key, or NULL */
	const char *focus;        /* a focus tag (folded match), or NULL */
	long long organisation_id;/* 0 for any */
	bool by_code;             /* person_page in code order (the pseudonym,
				     P017: the id) instead of name order, so
				     pseudonymised output cannot be lined up
				     with a list of names; the anchor's id is
				     read */
} person_filter;

/* Frees the strings of p (not p itself); safe on a zeroed one. */
void person_clear(st_person *p);

/* Calls add for each focus tag of list ("a, b" or "a; b"), as they are
 * stored: trimmed, lower-cased, empty ones left out.  0, or the first
 * non-zero that add returned (-1 with err set when memory runs out). */
int person_focus_split(const char *list, int (*add)(void *ctx, const char *tag, st_err *err),
		       void *ctx, st_err *err);

/* The sort key for a name: fold(last) "\x01" fold(first).  Caller frees. */
char *person_sort_key(const char *first, const char *last);

/* Keyset page in sort_key order, like session_page (programme.h): up to n
 * after anchor (before it when backward; from the start or the end when
 * anchor is NULL), in display order.  Only anchor->sort_key and
 * anchor->id are read.  The name filter uses an index (trigram full-text
 * search) from three letters on, so typing stays instant with a hundred
 * thousand people; one or two letters scan.  Returns how many, or -1. */
int person_page(sqlite3 *db, const person_filter *f, const st_person *anchor,
		bool backward, st_person *out, int n, st_err *err);

/* How many people the filter selects.  -1 on error. */
long long person_count(sqlite3 *db, const person_filter *f, st_err *err);

/* Reads one person.  1 found, 0 not, -1 error. */
int person_get(sqlite3 *db, long long id, st_person *out, st_err *err);

/* Saves p: inserts when p->id is 0 (and sets p->id), else updates names,
 * role, organisation, e-mail and focus tags (p->focus, separated by commas
 * or semicolons; tags are trimmed, lower-cased, deduplicated).  Names and
 * e-mail are stored trimmed.  Refuses an empty first or last name; an
 * unknown role is NOT checked here (the caller knows the roles), an empty
 * or NULL one is stored as "andere".  Only reads p's strings (they may be
 * the caller's literals) and sets nothing but p->id.  One transaction.
 * 0, or -1 with err set. */
int person_save(sqlite3 *db, st_person *p, st_err *err);

/* Like person_save, inside the caller's transaction (for imports). */
int person_save_in_tx(sqlite3 *db, st_person *p, st_err *err);

/* What deleting a person touches: their attendance records and coach
 * links (which go with them), the notes linked as being about them (not
 * in the trash), and the other notes (not in the trash) whose author
 * field or text holds their whole name ("first last", ignoring case and
 * accents): those stay as they are, since an author is free text, not a
 * link. */
typedef struct person_impact {
	int attendance, coaching, notes_about, notes_mentioning;
} person_impact;
int person_delete_impact(sqlite3 *db, long long id, person_impact *out, st_err *err);

/* Deletes the person and everything that names them by link (attendance
 * and its undo log, coach links, focus tags), in one transaction.  The
 * notes about them go to the trash first when trash_notes_about, else
 * they stay, without the link.  Notes that only mention the name are not
 * changed.  0, or -1 with err set (also for an unknown id). */
int person_delete(sqlite3 *db, long long id, bool trash_notes_about, st_err *err);

/* People whose name looks like first + last: the same folded name, or one
 * within two edits of it ("Francoise Peeters" ~ "Françoise Peeters",
 * "Jan Peters" ~ "Jan Peeters"), also with first and last swapped,
 * excluding except_id (0 for none).  Nearest first, up to max, into out.
 * Returns how many, or -1. */
int person_similar(sqlite3 *db, const char *first, const char *last,
		   long long except_id, st_person *out, int max, st_err *err);

/* Finds the one person `text` means: an id ("17"), or a name that matches
 * exactly one person ("first last" or "last first" equal, compared by
 * text_fold_name, so spaces, hyphens and apostrophes do not count; else
 * containing, as person_filter.name).  Returns 1 and fills out when exactly one; 0 when none (err
 * says so); 2 when several (err says which: up to five "First Last (id)");
 * -1 on error. */
int person_resolve(sqlite3 *db, const char *text, st_person *out, st_err *err);

/* A stable pseudonym for exports: "P" and the id, at least three digits
 * ("P017"). */
void person_pseudonym(long long id, char *buf, int size);

/* Coaching: a techniekcoach and the schools they coach.  Each call is
 * its own transaction; linking twice or unlinking what is not linked is
 * fine; an unknown person or organisation is an error. */
int coaching_link(sqlite3 *db, long long coach_id, long long school_id, st_err *err);
int coaching_unlink(sqlite3 *db, long long coach_id, long long school_id, st_err *err);

/* The schools a coach coaches (out: organisations, name order) or the
 * coaches of a school (out: people, sort order); up to max.  Returns how
 * many, or -1.  (coaching_schools lives in organisation.c.) */
struct st_organisation;
int coaching_schools(sqlite3 *db, long long coach_id, struct st_organisation *out,
		     int max, st_err *err);
int coaching_coaches(sqlite3 *db, long long school_id, st_person *out, int max,
		     st_err *err);

/* Every focus tag in use, sorted, up to max (for a picker).  Returns how
 * many (each a fresh string in out), or -1. */
int focus_tags(sqlite3 *db, char **out, int max, st_err *err);

/* For the core's own queries on people (attendance.c), so that a name
 * matches the same everywhere.
 *
 * PERSON_COLUMNS are the columns person_from_row reads, starting at
 * column `first`, from PERSON_FROM (person p, organisation o). */
#define PERSON_COLUMNS \
	"p.id, p.first_name, p.last_name, p.sort_key, p.role," \
	" coalesce(p.organisation_id, 0), coalesce(o.name, ''), p.email," \
	" coalesce((SELECT group_concat(focus, ',') FROM (SELECT focus FROM person_focus" \
	" WHERE person_id = p.id ORDER BY focus)), '')"
#define PERSON_NCOLUMNS 9
#define PERSON_FROM " FROM person p LEFT JOIN organisation o ON o.id = p.organisation_id"
void person_from_row(sqlite3_stmt *st, int first, st_person *p);

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

/* Parts of the people a name matches, for lists that put the likeliest
 * first (the check-in screen).  Every match is in exactly one of the last
 * three. */
enum person_name_part {
	NAME_MATCHES,          /* the name is anywhere (person_name_condition) */
	NAME_FIRST_STARTS,     /* "first last" starts with it: "ine v" is Ine Verschueren */
	NAME_LAST_STARTS,      /* "last first" does ("versch"), "first last" not */
	NAME_INSIDE,           /* it is in the name, but neither starts with it */
};

/* Like person_name_condition, for one part.  few_rows: p is already
 * narrowed to a few rows (a session's people), so each row is tested as
 * it is rather than the name looked up in the index of every name. */
const char *person_name_part_condition(const char *name, enum person_name_part part,
				       bool few_rows, person_name_bind *b);

#endif
