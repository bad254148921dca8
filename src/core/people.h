/* people.h: the people of the network: teachers, school leaders, advisers,
 * teacher educators, techniekcoaches; their focus tags and, for coaches,
 * the schools they coach.
 *
 * Names are compared and sorted folded (text_fold): "zoe" finds "Zoë",
 * "francoise" finds "Françoise", and matched without spaces, hyphens and
 * apostrophes (text_fold_name): "vandenbroeck" finds "Van den Broeck",
 * "pieter jan" finds "Pieter-Jan"; lists sort by the whole last name, the
 * Flemish way ("Van den Broeck" under V).
 *
 * The name filter is person_name.h, similar names and resolving a name
 * person_match.h, coaching coaching.h. */
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
	bool starts_first;        /* with a name, person_page puts first the
				     people a word of whose name starts with
				     it ("van" finds Jan Van Broeck before
				     Tine Donovan; person_name_word_start),
				     then those it is only inside of, each
				     part in sort_key order (type-ahead; not
				     with by_code) */
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
 * thousand people; one or two letters scan, unless f->starts_first: then
 * the first part is an index range (person_name_start, also for a longer
 * name: the range of its first two characters) and the second is read
 * only once the first is used up.  Returns how many, or -1. */
int person_page(sqlite3 *db, const person_filter *f, const st_person *anchor,
		bool backward, st_person *out, int n, st_err *err);

/* How many people the filter selects.  -1 on error. */
long long person_count(sqlite3 *db, const person_filter *f, st_err *err);

/* person_count for a list on screen: it stops counting past cap (returns
 * cap + 1: show "cap+"), so neither opening the list nor a key typed
 * counts a whole network.  cap 0 counts all. */
long long person_count_capped(sqlite3 *db, const person_filter *f, long long cap,
			      st_err *err);

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

/* A stable pseudonym for exports: "P" and the id, at least three digits
 * ("P017"). */
void person_pseudonym(long long id, char *buf, int size);

/* Every focus tag in use, sorted, up to max (for a picker).  Returns how
 * many (each a fresh string in out), or -1. */
int focus_tags(sqlite3 *db, char **out, int max, st_err *err);

/* For the core's own queries on people (attendance.c, coaching.c,
 * person_match.c).
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

/* Steps st (which selects PERSON_COLUMNS first) for up to n rows into out,
 * without finalizing it.  Returns how many, or -1 with err set (out then
 * holds nothing to free). */
int person_read_rows(sqlite3 *db, sqlite3_stmt *st, st_person *out, int n, st_err *err);

#endif
