/* coaching.h: techniekcoaches and the schools they coach. */
#ifndef STEMTUI_COACHING_H
#define STEMTUI_COACHING_H

#include <sqlite3.h>

#include "core/err.h"
#include "core/people.h"

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

#endif
