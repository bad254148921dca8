/* renumber.h: giving the rows of a database the ids of its network
 * (rowids.h) when it joins one. */
#ifndef STEMTUI_RENUMBER_H
#define STEMTUI_RENUMBER_H

#include <sqlite3.h>

#include "core/err.h"

/* Gives every row of the travelling tables its network id (rowids.h: a
 * programme, session, organisation or factor its content id, the
 * attendance log ids in its order, any other row an id made of its
 * database's id and its old id, rowid_of_row), and everything that holds
 * those ids follows: the references between the tables, the stored
 * figures (factor_anc, fig_*), the search indexes (note_fts,
 * person_name) and the keys of drafts ("note:12:..." ).  Meant to run
 * once, when the database joins a network (syncid_join does); refused
 * while a journal of pending writes is beside the database (its writes
 * name the old ids).  Inside the caller's transaction (db_begin).  0, or
 * -1 with err set (the caller rolls back). */
int syncid_renumber_in(sqlite3 *db, st_err *err);

/* syncid_renumber_in in a transaction of its own. */
int syncid_renumber(sqlite3 *db, st_err *err);

#endif
