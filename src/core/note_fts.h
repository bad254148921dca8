/* note_fts.h: what the note lists (note_list.c) ask the full-text index
 * once per search and state of the database: a search's prefixes
 * ("creat"*) as the words they stand for, so that FTS5 streams the
 * matches instead of collecting them all first, and whether the search
 * matches many notes. */
#ifndef STEMTUI_NOTE_FTS_H
#define STEMTUI_NOTE_FTS_H

#include <sqlite3.h>
#include <stdbool.h>

/* The FTS5 query of note_search_query (note_search.h) with each prefix of
 * one plain word ("creat"*) written as the words of note_fts that start
 * with it: ("creatief" OR "creatieve" OR "creativiteit").  FTS5 answers a
 * prefix by merging the whole of every such word's list of notes before
 * the first match comes out (a third of the network for creat*), but an OR
 * of words match by match, so a screen or a capped count reads only what
 * it shows.  The same notes match either way.  A prefix is left as it is
 * when it is not plain ASCII letters and digits (FTS5 would fold it or cut
 * it into several words: the vocabulary is not looked up in its terms),
 * when it stands for no word or for more than NOTE_FTS_MAX_WORDS, or
 * when the vocabulary cannot be read.
 * The words are read from the index's vocabulary (an fts5vocab table in
 * the connection's temp schema), which costs about the reading of their
 * lists of notes once; the last answer is kept for that connection until
 * the database changes (by it or another connection), since a screen asks
 * again for every page and count.
 * Returns a new string (a copy of query when nothing is expanded), NULL
 * when out of memory.  Caller frees. */
#define NOTE_FTS_MAX_WORDS 32
char *note_fts_expand(sqlite3 *db, const char *query);

/* Sets *common to whether the FTS5 query matches at least one note in
 * share (counted no further than that many, against the highest note id):
 * the order of the session's date then walks the notes rather than sorting
 * the matches (note_list.c).  Kept like note_fts_expand's answer, since a
 * screen asks for every page.  Returns SQLITE_OK, or SQLite's error (the
 * reason in sqlite3_errmsg, for a query FTS5 refuses). */
int note_fts_common(sqlite3 *db, const char *query, int share, bool *common);

#endif
