/* notes.h: co-creation notes, the project's most precious data.
 *
 * A note is written during a session: text (several lines and paragraphs),
 * a kind, the group or table it came from, optionally the person or school
 * it is about, and who wrote it.  Saving, editing and deleting are each one
 * committed transaction; deleting only moves a note to the trash, from
 * which it can be restored.  Full-text search uses SQLite FTS5 with
 * diacritics removed, so "creativiteit" finds "créativiteit".
 *
 * Reading (note_page, note_count, note_get, note_next_untagged) is
 * note_list.c; saving, editing, the trash and group labels notes.c.  The
 * kinds of note are note_kinds.h, a search's words note_search.h, drafts
 * drafts.h. */
#ifndef STEMTUI_NOTES_H
#define STEMTUI_NOTES_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

typedef struct st_note {
	long long id;
	long long session_id;
	char *kind;              /* a note_kind_key (note_kinds.h) */
	char *body;              /* UTF-8, may hold line breaks */
	char *group_label;       /* "tafel 3", or "" */
	long long about_person_id, about_org_id;   /* 0 for none */
	char *author;            /* the facilitator, from the config, or "" */
	char *created_at;        /* local time, "YYYY-MM-DD HH:MM:SS" */
	char *updated_at;
	char *deleted_at;        /* "" unless in the trash */
	/* Read-only, filled by note_get and note_page from joins: */
	char *programme, *session_code, *session_kind, *session_date;
	char *about;             /* name of the person or school it is about, or "" */
	char *tags;              /* factor codes tagged, in tree order, e.g.
				    "VB1+ LD2- TM3" (+ enabler, - barrier), or "" */
	char *school;            /* the organisation it is about, else the
				    session's host, or "" (as in `export
				    evidence`) */
	int factor_polarity;     /* note_page with a filter's factor_id: how
				    the note is tagged with that factor or one
				    below it (TAG_HAS_* bits); else 0 */
} st_note;

void note_clear(st_note *n);

/* The order of a list (note_filter.order). */
enum note_order {
	NOTE_ORDER_ENTERED,   /* by the time each note was written (created_at) */
	NOTE_ORDER_SESSION,   /* by the date of the note's session, then as written */
};

/* Which notes a list shows, and in which order.  Zero / NULL fields do not
 * filter. */
typedef struct note_filter {
	long long programme_id;
	long long session_id;
	const char *session_kind;   /* a session kind key ("focusgroep") */
	const char *kind;           /* a note kind key */
	const char *group_label;    /* exact, ignoring case, accents and white
				       space at the ends */
	long long org_id;           /* notes about this school, or taken at a
				       session it hosted */
	const char *author;         /* exact, ignoring case and accents */
	const char *from, *to;      /* "YYYY-MM-DD": the session date, inclusive;
				       a session dated by month only
				       ("2018-11") is in when the range
				       shares a day with that month */
	const char *search;         /* a search as a person types it, see
				       note_search_query (note_search.h); one without any
				       word (only quotes, stars, punctuation)
				       does not filter, like "" */
	bool trash;                 /* false: live notes; true: only the trash */
	long long factor_id;        /* tagged with this factor or one of its
				       descendants */
	int polarity;               /* NOTE_POLARITY_*: with factor_id, a tag
				       on that factor (or below) with this
				       polarity; without, any tag with it */
	bool untagged;              /* only notes without any tag */
	enum note_order order;      /* not a filter: the order of note_page
				       (and note_next_untagged); 0 is by
				       entry */
	const char *tags_coder;     /* not a filter: note_each's tags (st_note.tags)
				       are this coder's only (tag_codes_new);
				       NULL every coder's */
} note_filter;

/* note_filter.polarity.  Zero does not filter, like the other fields, so
 * neutral (a tag polarity of 0) has its own value here. */
#define NOTE_POLARITY_ANY 0
#define NOTE_POLARITY_ENABLER 1
#define NOTE_POLARITY_BARRIER (-1)
#define NOTE_POLARITY_NEUTRAL 2

/* Keyset page in time order (created_at, id), like session_page: up to n
 * after anchor (before when backward; from the start or the end when
 * anchor is NULL), in display order.  With a search, in id order (the
 * order of writing: the same but for a clock set wrong), so that the
 * full-text index is read only as far as the page needs; the anchor's id
 * is then all that counts.
 * With f->order NOTE_ORDER_SESSION: in the order of the session's date
 * (session_date, created_at, id), so a note typed up today for a session
 * of last year is among that session's notes; the anchor's session_date,
 * created_at and id count.  One session's notes are the same in both
 * orders.  A search in this order reads every match to sort them (see
 * README, Performance), unlike a search in entry order.
 * Returns how many, or -1 with err (a search that FTS5 cannot parse is an
 * error in words, not a crash). */
int note_page(sqlite3 *db, const note_filter *f, const st_note *anchor, bool backward,
	      st_note *out, int n, st_err *err);

/* Calls each(ctx, n) for every note f selects, in note_page's order,
 * from one statement (for an export: no page read again, no copy of a
 * note): n and its text are valid during the call only; its tags are
 * filled, its factor_polarity is 0.  Returns 0; -1 with err set when a
 * read fails; or the first non-zero value each returned (which stops the
 * walk; err is then each's to set). */
int note_each(sqlite3 *db, const note_filter *f, int (*each)(void *ctx, const st_note *n),
	      void *ctx, st_err *err);

/* How many notes the filter selects; -1 on error.  Exact, so it may read
 * every note: for a command's summary or an export's progress. */
long long note_count(sqlite3 *db, const note_filter *f, st_err *err);

/* For a count shown on every keystroke: how many notes the filter
 * selects when that is at most cap (> 0), cap + 1 when there are more
 * (show it as "1000+"), -1 on error.  Reads at most cap + 1 notes. */
#define NOTE_COUNT_CAP 1000
long long note_count_upto(sqlite3 *db, const note_filter *f, long long cap, st_err *err);

/* Reads one note (also from the trash).  1 found, 0 not, -1 error. */
int note_get(sqlite3 *db, long long id, st_note *out, st_err *err);

/* The review queue: the first live, untagged note that f selects (f may be
 * NULL; its trash and untagged fields are ignored) in note_page's order after
 * note after_id (0: from the start).  A note tagged meanwhile simply drops
 * out of the queue.  1 found (out filled), 0 none left, -1 error. */
int note_next_untagged(sqlite3 *db, const note_filter *f, long long after_id, st_note *out,
		       st_err *err);

/* Saves a new note (n->session_id, kind, body, group_label, about ids,
 * author; an empty kind means observation) with both times now (or both
 * n->created_at when it is set: a note kept while another program wrote
 * is dated when Enter was pressed), in one
 * committed transaction, and sets n->id.  Refuses an empty body or an
 * unknown kind or session.  0, or -1 with err set.
 * The kind may be given as anything note_kind_index takes; the key is
 * stored.  Text is stored as valid UTF-8 (an invalid byte becomes
 * U+FFFD), CR LF and CR as LF, without other control characters (tabs
 * stay), trimmed of white space at both ends; the group label and author
 * on one line.  A body of only white space is empty.  Only n->id is
 * written; n's strings are only read (they may be the caller's literals).
 * A database another stemtui is writing to is waited for (db_set_wait),
 * not reported: this holds for every write here. */
int note_add(sqlite3 *db, st_note *n, st_err *err);

/* Saves changes to kind, body, group_label and about ids of note n->id
 * (cleaned and checked as by note_add; the session and author stay),
 * setting updated_at when any of them changed.  Also for a note in the
 * trash.  One committed transaction.  0, or -1 (also for an unknown id). */
int note_update(sqlite3 *db, const st_note *n, st_err *err);

/* Moves a note to the trash / back.  One committed transaction each.
 * Deleting a note already in the trash (restoring one that is not) changes
 * nothing and is fine; an unknown id is an error.  0, or -1. */
int note_delete(sqlite3 *db, long long id, st_err *err);
int note_restore(sqlite3 *db, long long id, st_err *err);

/* Moves the live notes linked as being about this person to the trash,
 * inside the caller's transaction (it neither begins nor commits): for
 * deleting the person with them.  0, or -1 with err set. */
int note_trash_about_person(sqlite3 *db, long long person_id, st_err *err);

/* Group labels used before, most used first, that start with prefix
 * (ignoring case and accents; "" for all): for reusing a label by typing.
 * The labels used at session_id come first (most used there first), then
 * the others (most used among the newest 5 000 notes first; older labels
 * are not offered); 0 for no session.  Labels of notes in the trash do
 * not count.  Fills out with fresh strings, up to
 * max.  Returns how many, or -1. */
int note_groups(sqlite3 *db, long long session_id, const char *prefix, char **out, int max,
		st_err *err);

/* The spelling of a group label used before that is text, ignoring case,
 * accents and white space at the ends (the one used most at session_id,
 * else in the recent notes, as note_groups ranks them), so that "Tafel 3"
 * typed again is stored as the "tafel 3"
 * already there.  Writes it into out: 1; 0 when there is none (out is
 * left alone); -1 on error. */
int note_group_spelling(sqlite3 *db, long long session_id, const char *text, char *out,
			size_t size, st_err *err);

#endif
