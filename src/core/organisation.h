/* organisation.h: schools and partner organisations. */
#ifndef STEMTUI_ORGANISATION_H
#define STEMTUI_ORGANISATION_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/err.h"

typedef struct st_organisation {
	long long id;
	char *kind;        /* "school" or "partner" */
	char *name;
	char *name_key;    /* text_fold(name): the sort and keyset key */
	char *network;     /* e.g. "Katholiek Onderwijs Vlaanderen", "GO!" */
	char *street, *postcode, *city;
	int people;        /* people linked to it (filled by org_page/org_get) */
} st_organisation;

typedef struct org_filter {
	const char *name;  /* part of the name, ignoring case and accents, or NULL */
	const char *kind;  /* "school", "partner" or NULL for both */
} org_filter;

/* Frees the strings of o (not o itself); safe on a zeroed one. */
void org_clear(st_organisation *o);

/* Finds the organisation of this kind ("school" or "partner"; NULL for
 * either, a school before a partner) whose name matches `name` ignoring
 * case and accents (the oldest of near-duplicates) without creating one.  1 and *id set, 0 when there is none, -1 on error. */
int org_find(sqlite3 *db, const char *kind, const char *name, long long *id, st_err *err);

/* Finds the organisation of this kind ("school" or "partner") whose name
 * matches `name` ignoring case and accents, or creates it with the given
 * address; fills in an address it lacked.  Sets *id.  Does not begin or
 * commit: call it inside the caller's transaction.  0, or -1 with err set. */
int org_find_or_create(sqlite3 *db, const char *kind, const char *name,
		       const char *street, const char *postcode, const char *city,
		       long long *id, st_err *err);

/* Keyset page of organisations in name order (name_key, id): up to n after
 * anchor (before it when backward; from the start/end when anchor is NULL;
 * only its name_key and id are read), in display order.  f may be NULL.
 * Returns how many, or -1 with err set. */
int org_page(sqlite3 *db, const org_filter *f, const st_organisation *anchor,
	     bool backward, st_organisation *out, int n, st_err *err);

/* Reads one organisation.  1 found, 0 not, -1 error. */
int org_get(sqlite3 *db, long long id, st_organisation *out, st_err *err);

/* Finds organisations whose folded name starts with or contains text,
 * best first (exact, then prefix, then contains; by name within each), up
 * to max; an empty text gives them all by name.  For picking an
 * organisation by typing.  Returns how many, or -1. */
int org_search(sqlite3 *db, const char *text, st_organisation *out, int max, st_err *err);

/* Saves o: inserts when o->id is 0 (and sets it), else updates.  An
 * empty name, an unknown kind, or the name of another organisation of the
 * same kind (ignoring case and accents) is refused with a message.  Text
 * is stored trimmed; o->people is ignored.  Only reads o's strings and
 * sets nothing but o->id.  One transaction.  0, or -1 with err set. */
int org_save(sqlite3 *db, st_organisation *o, st_err *err);

/* What deleting would touch: people linked (who keep existing, without
 * organisation), coach links, sessions it hosts. */
typedef struct org_impact {
	int people, coaches, sessions_hosted;
} org_impact;
int org_delete_impact(sqlite3 *db, long long id, org_impact *out, st_err *err);

/* Deletes the organisation in one transaction: its people stay without
 * it, its sessions without a host, its coach links go.  0, or -1 with err
 * set (also for an unknown id). */
int org_delete(sqlite3 *db, long long id, st_err *err);

#endif
