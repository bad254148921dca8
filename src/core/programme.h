/* programme.h: programmes and their sessions, read from the database.
 *
 * Lists are read a page at a time with keyset queries (rows after or
 * before a known row in index order), never all at once, so a screen stays
 * instant however many sessions the network has held. */
#ifndef STEMTUI_PROGRAMME_H
#define STEMTUI_PROGRAMME_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/session_kinds.h"

typedef struct st_programme {
	long long id;
	char *name;         /* "STEM++ 2017-2018" */
	char *school_year;  /* "2017-2018" */
	char *description;
	int sessions;       /* number of sessions */
} st_programme;

typedef struct st_session {
	long long id;
	long long programme_id;
	char *code;         /* "COP 07" */
	char *code_key;     /* natural sort key of code */
	char *kind;         /* SESSION_KIND_* key */
	char *title;
	char *date;         /* ISO: "2017-11-09" or "2018-11" */
	char *start_time;   /* "HH:MM" or "" */
	char *end_time;
	char *venue, *street, *postcode, *city, *room;
	char *report_title, *report_url;
	char *host;         /* name of the host school, or "" */
	char *remark;
} st_session;

enum session_sort { SESSION_SORT_CODE, SESSION_SORT_DATE };

typedef struct session_filter {
	long long programme_id;
	const char *kind;        /* a session kind key, or NULL for all */
	const char *search;      /* only sessions whose code, title, venue,
				    address, room or host contain this
				    (ignoring case and accents), or NULL */
	const char *code_number; /* only sessions whose code holds this
				    number ("7" matches "COP 07"), or NULL */
	enum session_sort sort;
} session_filter;

/* The session kinds, in programme order (session_kinds.h, which also
 * counts them: SESSION_KIND_COUNT): keys as stored, and English labels
 * for people (translate with _()). */
extern const char *const session_kind_key[SESSION_KIND_COUNT];
extern const char *const session_kind_label[SESSION_KIND_COUNT];

/* Short labels for lists ("Inspiration", "Focus group"). */
extern const char *const session_kind_short_label[SESSION_KIND_COUNT];

/* Index of a kind key in session_kind_key, or -1. */
int session_kind_index(const char *key);

/* Translated label for a kind key ("focusgroep" -> "Focus group"/"Focusgroep"). */
const char *session_kind_text(const char *key);

/* Translated short label for a kind key. */
const char *session_kind_short(const char *key);

/* The session's date for people: long ("donderdag 9 november 2017") or
 * short ("do 9 nov 2017"), in the current language; the stored text when
 * it is not an ISO date. */
void session_date_text(const st_session *s, bool long_form, char *buf, size_t n);

/* The session's time as "13:00-16:30" (with sep between the two), "13:00",
 * or "" when none is known. */
void session_time_text(const st_session *s, const char *sep, char *buf, size_t n);

/* Frees the strings of p / s (not the struct itself); safe on zeroed ones. */
void programme_clear(st_programme *p);
void session_clear(st_session *s);

/* Fills *out (up to max) with every programme, newest school year first;
 * returns how many, or -1 with err set.  There are few programmes (one a
 * school year), so this one list is read whole. */
int programme_list(sqlite3 *db, st_programme *out, int max, st_err *err);

/* Finds a programme by exact name, or else by a case- and
 * accent-insensitive match on name or school year.  Returns 1 when found,
 * 0 when not, -1 on error. */
int programme_find(sqlite3 *db, const char *name, st_programme *out, st_err *err);

/* The newest programme (by school year, then id).  1 / 0 / -1 as above. */
int programme_latest(sqlite3 *db, st_programme *out, st_err *err);

/* Reads up to n sessions that come after `anchor` in f's order (or before
 * it when backward), into out in display order.  anchor NULL means from
 * the start (or, backward, from the end).  Returns the number read, or -1
 * with err set. */
int session_page(sqlite3 *db, const session_filter *f, const st_session *anchor,
		 bool backward, st_session *out, int n, st_err *err);

/* Number of sessions that f selects, and how many come before anchor
 * (its 0-based position).  -1 on error. */
long long session_count(sqlite3 *db, const session_filter *f, st_err *err);
long long session_position(sqlite3 *db, const session_filter *f,
			   const st_session *anchor, st_err *err);

/* Reads one session by id.  1 / 0 / -1 as above. */
int session_get(sqlite3 *db, long long id, st_session *out, st_err *err);

#endif
