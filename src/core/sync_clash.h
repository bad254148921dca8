/* sync_clash.h: a colleague's row that breaks a UNIQUE rule of the
 * schema here (two factors with one code or one GUID, two programmes
 * with one name, two sessions of a programme with one code), settled
 * alike on every laptop whatever the order of syncs, and left for a
 * person to decide (sync_decision).
 *
 * The rule (stemtui(1), SYNC): of two rows that want one unique value,
 * the one with the smaller id keeps it; the other's value becomes
 * "VALUE~TAG", TAG four characters made from its own id, so that every
 * laptop writes the same.  Two factors with one GUID are the same
 * factor of one codebook: the one with the larger id is merged into the
 * other (its tags and sub-factors follow, sync_redirect).  Once the
 * row that kept the value lets it go (erased, merged, renamed), the row
 * with the smallest id among those that gave way takes it back
 * (sync_clash_settle), so the content depends on the rows only, not on
 * the order the changes came in.  These writes are not recorded for
 * sync: every laptop makes the same.
 *
 * A decision records each clash: what names it (a key and the values),
 * and sync_decision_describe says it in the language shown. */
#ifndef STEMTUI_SYNC_CLASH_H
#define STEMTUI_SYNC_CLASH_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/sync_status.h"

/* The value a row of id id gets when it gives way for value: value
 * "~" and four characters of the id, into out (of size). */
void sync_clash_yield(const char *value, long long id, char *out, size_t size);

/* Before the row id of table is written with the values val (of the
 * ncol columns named col; NULL: not written): makes room for each
 * unique value it takes, by the rule above.  alt[i] gets the value to
 * write instead of val[i] (malloc'd, for the caller to free), or stays
 * NULL; *gone is set when the row was merged into another and is not to
 * be written.  Each clash adds a decision to *decisions.  Inside the
 * caller's transaction.  0, or -1 with err set. */
int sync_clash_room(sqlite3 *db, const char *table, long long id, int ncol, char *const *col,
		    sqlite3_value *const *val, char **alt, bool *gone, long long *decisions,
		    st_err *err);

/* A change of the changeset iterator it (an INSERT or UPDATE of table,
 * whose ncol columns are named col, pk[i] telling the key) that SQLite
 * refused as breaking a rule: written here with room made for it
 * (sync_clash_room).  1 when done, 0 when it breaks no unique rule this
 * knows (the caller keeps it for a person), -1 with err set. */
int sync_clash_take(sqlite3 *db, const char *table, sqlite3_changeset_iter *it, int ncol,
		    char *const *col, const int *pk, long long *decisions, st_err *err);

/* After changes were applied, or when this laptop syncs: a row that
 * gave way takes its value back when the row holding it has a larger id
 * or none holds it any more (the smallest such id first), and the
 * decisions about rows no longer there go.  Inside the caller's
 * transaction.  0, or -1 with err set. */
int sync_clash_settle(sqlite3 *db, long long *decisions, st_err *err);

/* The decision e in a sentence, in the language shown, into buf; false
 * (buf untouched) for a decision of no clash sync_clash knows. */
bool sync_decision_describe(const sync_decision_entry *e, char *buf, size_t size);

/* Whether e is a factor that gave way its code, which
 * sync_decision_merge can merge into the factor that kept it. */
bool sync_decision_can_merge(const sync_decision_entry *e);

/* Merges the factor of decision id into the one that kept its code
 * (factor_merge: the merge travels), and removes the decision.  0, or
 * -1 with err set. */
int sync_decision_merge(sqlite3 *db, long long id, st_err *err);

/* Removes decision id: both rows stay as they are.  0, or -1. */
int sync_decision_dismiss(sqlite3 *db, long long id, st_err *err);

#endif
