/* sync_tables.h: which tables travel between the laptops of a network,
 * and how a change to each is merged with the changes made here.
 *
 * Only these tables are written into a sync file or read from one; every
 * other table is this laptop's own (drafts, window state, the stored
 * figures and search indexes, which triggers rebuild from the tables
 * that travel) or describes the sync itself.  Also here: a travelling
 * table's columns as they are here, and the tombstones that keep an
 * erased row erased. */
#ifndef STEMTUI_SYNC_TABLES_H
#define STEMTUI_SYNC_TABLES_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/err.h"

/* What a change is counted as in the report of a sync. */
enum sync_what {
	SYNC_WHAT_NOTES,
	SYNC_WHAT_TAGS,
	SYNC_WHAT_CHECKINS,
	SYNC_WHAT_PEOPLE,
	SYNC_WHAT_OTHER,
	SYNC_WHAT_COUNT
};

typedef struct sync_table {
	const char *name;
	/* The column holding the time of the row's last change: when two
	 * laptops changed the same field, the later one wins.  NULL: the
	 * values decide (the larger wins), so every laptop decides alike. */
	const char *stamp;
	/* Rows with one integer id that, once erased, stay erased: a copy
	 * written before the erasure never brings them back (tombstones). */
	bool tombstoned;
	enum sync_what what;
} sync_table;

/* The oldest schema (PRAGMA user_version) whose sync files this version
 * applies: a file's changes must have the columns the tables have here
 * (sync_changeset_check).  A migration that touches no travelling table
 * keeps it; one that changes a travelling table's columns (as 15 -> 16
 * and 19 -> 20 did to tag) raises it to its own new version. */
#define SYNC_OLDEST_SCHEMA 20

/* The travelling tables, parents before children. */
extern const sync_table sync_tables[];
extern const int sync_table_count;

/* The travelling table named name, or NULL for any other. */
const sync_table *sync_table_find(const char *name);

/* The most columns a travelling table has (a changeset naming more is
 * damaged). */
#define SYNC_COLS_MAX 64

/* The columns of table name here, in order: their names into col
 * (sqlite3_free'd by the caller, sync_table_columns_free) and whether
 * each is in the primary key into pk.  Returns how many, or -1 with err
 * set and nothing to free: a read cut short (an I/O error) is not a
 * table with fewer columns. */
/* The position of column col in table name here, or -1. */
int sync_table_column(sqlite3 *db, const char *name, const char *col);

int sync_table_columns(sqlite3 *db, const char *name, char *col[SYNC_COLS_MAX],
		       int pk[SYNC_COLS_MAX], st_err *err);

/* Frees the n names sync_table_columns gave. */
void sync_table_columns_free(char *col[SYNC_COLS_MAX], int n);

/* The tombstone of the row a change of table t is about (an INSERT: its
 * new values, else its old ones), into *tbl (sqlite3_free) and *row_id.
 * A row of a tombstoned table is named by its table and id.  A tag,
 * whose key is (note_id, factor_id, coder), is named exactly by
 * "tag/FACTOR/CODER" and its note: no hash that two tags could share,
 * and the table sync_tombstone as it is.  1 when erasing a row of t
 * leaves a tombstone, 0 when not, -1 out of memory. */
int sync_tombstone_of(const sync_table *t, sqlite3_changeset_iter *it, int op, char **tbl,
		      long long *row_id);

/* Erases the row the tombstone (tbl, row_id) names, if it is here
 * (nothing for a name that is no tombstone's: the name may come from a
 * file).  0, or -1 with err set. */
int sync_tombstone_erase(sqlite3 *db, const char *tbl, long long row_id, st_err *err);

/* Whether the tombstone (tbl, row_id) is here.  0, or -1 with err set. */
int sync_tombstone_here(sqlite3 *db, const char *tbl, long long row_id, bool *yes,
			st_err *err);

/* Whether the row a change of table t is about (op as in
 * sync_tombstone_of) has a tombstone here.  0, or -1 with err set. */
int sync_change_tombstoned(sqlite3 *db, const sync_table *t, sqlite3_changeset_iter *it,
			   int op, bool *yes, st_err *err);

/* Records, inside the caller's transaction, that row from of table
 * ("person" or "factor") was merged into row into, so that what another
 * laptop writes about from, before or after it hears of the merge,
 * follows into (sync_follow.c); earlier merges into from now lead to into.
 * Nothing outside a network.  0, or -1 with err set. */
int sync_record_merge(sqlite3 *db, const char *table, long long from, long long into,
		      st_err *err);

#endif
