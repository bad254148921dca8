/* figures.h: the figures of the factor overview (how often each factor
 * came up, where, helping or in the way), the factors tagged on the same
 * notes, and both counted again from the notes to check the tables the
 * triggers keep. */
#ifndef STEMTUI_FIGURES_H
#define STEMTUI_FIGURES_H

#include <sqlite3.h>

#include "core/err.h"
#include "core/session_kinds.h"

/* Which notes count: all, or one programme, one kind of session, or one
 * session; and which tags: every coder's, or one coder's.  Figures count
 * a note once per factor whatever the number of coders who tagged it:
 * an enabler when one of them said +, a barrier when one said -, both
 * when they disagree, neutral when all said 0. */
typedef struct figure_filter {
	long long programme_id;      /* 0 for all */
	const char *session_kind;    /* NULL for all */
	long long session_id;        /* 0 for all */
	const char *coder;           /* a coder's name (folded when compared:
					"An" is "an"), NULL for every coder */
} figure_filter;

/* A factor's figures.  A factor counts its own tags and those of its
 * descendants (each note once). */
typedef struct factor_figures {
	long long factor_id;
	int notes, sessions, schools;
	int enablers, barriers, neutral;
	int by_kind[SESSION_KIND_COUNT]; /* notes per kind of session (session_kinds.h order) */
} factor_figures;

/* Figures for every factor in tree order (out[i] belongs to tree[i] of
 * factor_tree), summed in SQL from the per-session figures the triggers
 * keep (migration 6), so they cost little even at a million notes; one
 * coder's are counted from their tags (factor_figures_recount, starting
 * from tag_by_coder).
 * Returns how many, or -1.  The tree and these figures read as one:
 * codebook_snapshot_read. */
int factor_figures_all(sqlite3 *db, const figure_filter *f, factor_figures *out, int max,
		       st_err *err);

/* One factor's live notes under f (its programme, kind of session or
 * session; f->coder is not looked at), as the overview counts them: all
 * of them (which = 0), or those with an enabler (1), a barrier (2), or
 * neither (3), into *notes.  Read from the kept figures: one row for all
 * notes, one per session of f otherwise. */
int factor_notes_counted(sqlite3 *db, long long id, const figure_filter *f, int which,
			 long long *notes, st_err *err);

/* The figures of x as numbers, in the order the overview, the factor
 * list export and the `factors` command show them: notes, sessions,
 * schools, enablers, barriers, neutral, then the notes per kind of
 * session. */
#define FACTOR_FIGURE_VALUES (6 + SESSION_KIND_COUNT)
void factor_figure_values(const factor_figures *x, int v[FACTOR_FIGURE_VALUES]);

/* The same figures counted from the notes and tags themselves, which
 * factor_figures_all reads from tables the triggers keep: slow (seconds
 * at a million notes), for checking those tables. */
int factor_figures_recount(sqlite3 *db, const figure_filter *f, factor_figures *out, int max,
			   st_err *err);

/* Factors tagged on the same notes as factor id (and its descendants),
 * most shared first, up to max: (factor, shared notes); one coder's
 * (f->coder) from their tags, as factor_cooccurrence_recount.  Returns
 * how many. */
typedef struct factor_cooccur { long long factor_id; char code[64], name[256]; int notes; } factor_cooccur;
int factor_cooccurrence(sqlite3 *db, long long id, const figure_filter *f, factor_cooccur *out,
			int max, st_err *err);
/* The same counted from the tags themselves, which factor_cooccurrence
 * reads from fig_pair (kept by triggers): slow, for checking fig_pair. */
int factor_cooccurrence_recount(sqlite3 *db, long long id, const figure_filter *f,
				factor_cooccur *out, int max, st_err *err);

#endif
