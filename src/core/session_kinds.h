/* session_kinds.h: the four kinds of session, as the one list that the
 * schema, the figures and programme.c's keys are written from.
 *
 * session.kind holds one of these keys, and the figures keep one count
 * per kind in this order, in the columns k0..k3 (fig_total, and the k0..k3
 * of the figure queries).  SESSION_KINDS(X, SEP) expands X(i, key) for each
 * kind in order, with SEP between two of them (SEP may be empty).  i is a
 * bare integer token, so X can make "k" #i ("k0") of it; key is a string
 * literal.  SQL is built by string-literal concatenation:
 *
 *     #define KIND_COLUMN(i, key) "k" #i
 *     "SELECT " SESSION_KINDS(KIND_COLUMN, ", ") " FROM fig_total"
 *         -> "SELECT k0, k1, k2, k3 FROM fig_total"
 *
 *     #define KIND_KEY(i, key) key,
 *     const char *const keys[] = { SESSION_KINDS(KIND_KEY, ) };
 *
 * The released migrations (schema.c, schema_figures.c) expand this list,
 * and their text is frozen (tests/unit/test_schema.c pins it).  So a new
 * kind is more than a line here: it needs a new migration (the CHECK on
 * session.kind, a k4 column), and the released migrations must go on
 * expanding to exactly the four kinds they were released with. */
#ifndef STEMTUI_SESSION_KINDS_H
#define STEMTUI_SESSION_KINDS_H

#define SESSION_KINDS(X, SEP) \
	X(0, "inspiratiesessie") SEP \
	X(1, "groeisessie") SEP \
	X(2, "focusgroep") SEP \
	X(3, "uitwisselsessie")

/* The number of kinds, counted from the list (a constant expression). */
#define SESSION_KIND_ONE_(i, key) + 1
#define SESSION_KIND_COUNT (0 SESSION_KINDS(SESSION_KIND_ONE_, ))

#endif
