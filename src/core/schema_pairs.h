/* schema_pairs.h: the SQL of a note's co-occurring pairs of factors, for
 * the triggers of the migrations that keep fig_pair (schema_figures.c,
 * schema_scopes.c).  Released migrations are made of it: its text may
 * not change (tests/unit/test_schema.c). */
#ifndef STEMTUI_SCHEMA_PAIRS_H
#define STEMTUI_SCHEMA_PAIRS_H

/* Migration 7 (fig_pair): the co-occurring pairs of a note, from its tags
 * and factor_anc alone (never from fig_note, so the order in which the
 * triggers of one change fire does not matter).  PAIR_TAGS is the set of
 * factors the note n is tagged with, leaving out e and adding p (either
 * may be NULL): the note as it was before a change, or is now when both
 * are NULL.  PAIRS are its (ancestor a, factor f) pairs: f is one of its
 * tags, a is a factor one of its tags is on or below, and f is not a or
 * below a. */
#define PAIR_TAGS(n, e, p) \
	"SELECT factor_id AS f FROM tag WHERE note_id = " n " AND factor_id IS NOT (" e ")" \
	" UNION SELECT (" p ") WHERE (" p ") IS NOT NULL"
#define PAIRS(n, e, p) \
	"SELECT DISTINCT a.ancestor_id AS a, g.f AS f FROM (" PAIR_TAGS(n, e, p) ") h" \
	" JOIN factor_anc a ON a.factor_id = h.f, (" PAIR_TAGS(n, e, p) ") g" \
	" WHERE NOT EXISTS (SELECT 1 FROM factor_anc x WHERE x.factor_id = g.f" \
	" AND x.ancestor_id = a.ancestor_id)"

#endif
