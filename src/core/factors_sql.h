/* factors_sql.h: what the codebook, tag and figure files share and no
 * other file uses (private: not installed, not for screens): the SQL
 * fragments that walk the codebook tree, the reader of factor rows, and
 * the checks of a factor's fields that saving (codebook_edit.c) and the
 * codebook import (codebook_import.c) both apply.
 *
 * Tree order comes from a recursive CTE (FACTOR_TREE_CTE) that builds for
 * every factor a path of fixed-width (position, id) pairs from its top
 * level down; sorting by that path gives depth-first order with siblings
 * by position. */
#ifndef STEMTUI_FACTORS_SQL_H
#define STEMTUI_FACTORS_SQL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/codebook.h"
#include "core/err.h"

/* Every factor with its depth and its path (see above). */
#define FACTOR_TREE_CTE \
	"tree(id, depth, path) AS (" \
	" SELECT id, 0, printf('%010d.%019d', position, id) FROM factor WHERE parent_id IS NULL" \
	" UNION ALL" \
	" SELECT f.id, tree.depth + 1, tree.path || '/' || printf('%010d.%019d', f.position, f.id)" \
	" FROM factor f JOIN tree ON f.parent_id = tree.id)"

/* Factor :root and all its descendants. */
#define FACTOR_DESC_CTE(param) \
	"d(id) AS (SELECT " param " UNION" \
	" SELECT f.id FROM factor f JOIN d ON f.parent_id = d.id)"

/* What factor_read_rows reads, followed by the depth and the number of
 * children. */
#define FACTOR_COLUMNS \
	"f.id, coalesce(f.parent_id, 0), f.code, f.name, f.definition, f.inclusion," \
	" f.exclusion, f.colour, f.memo, f.guid, f.position"

static inline const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* Column i of the row st is on as text, "" for NULL. */
static inline const char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

/* Reads rows of FACTOR_COLUMNS, depth, children into out (up to max).
 * Returns how many, or -1 (with nothing left in out).  codebook.c. */
int factor_read_rows(sqlite3 *db, sqlite3_stmt *st, st_factor *out, int max, st_err *err);

/* The checks, in codebook_checks.c. */

/* Why a code was refused, for the person (see factor_code_ok). */
const char *factor_code_rule(void);
/* "" or #RRGGBB. */
bool factor_colour_ok(const char *s);
/* 0 when factor id exists, else -1 with err "there is no factor with id N". */
int factor_check_exists(sqlite3 *db, long long id, st_err *err);

#endif
