/* agreement.h: agreement between two coders, the usual check of a
 * codebook in qualitative research: for the notes both coders tagged,
 * per factor, whether they agree on its presence (percent agreement and
 * Cohen's kappa); the coders the tags record; and the notes where coders
 * disagree on a factor's polarity.
 *
 * A coder is the folded name (st_fold) of the facilitator who tagged;
 * "" is the unknown coder of the tags made before tags recorded their
 * coder.  Names given here are folded the same way, so "An" is "an". */
#ifndef STEMTUI_AGREEMENT_H
#define STEMTUI_AGREEMENT_H

#include <stdbool.h>
#include <sqlite3.h>

#include "core/err.h"

#define CODER_MAX 128   /* bytes of a coder's key, with its '\0' */

/* Which notes and coders: the notes both coder_a and coder_b tagged (with
 * any factor), live, at sessions of programme_id (0: all) and of
 * session_kind (NULL: all). */
typedef struct agreement_options {
	const char *coder_a, *coder_b;
	long long programme_id;
	const char *session_kind;
} agreement_options;

/* One factor's figures, or the total (factor_id 0, code ""): per note of
 * both, the factor present for both coders (yy), for A only (yn), for B
 * only (ny), for neither (nn).  A factor is present for a coder when they
 * tagged the note with it (that factor itself, whatever the polarity).
 * The total pools every (note, factor) decision of the factors listed:
 * its both counts decisions, not notes. */
typedef struct agreement_row {
	long long factor_id;
	char code[64], name[256];
	int depth;
	int both, agree;        /* both = yy + yn + ny + nn, agree = yy + nn */
	int yy, yn, ny, nn;
	double percent;         /* 100 * agree / both (0 when both is 0) */
	double kappa;           /* valid when has_kappa */
	bool has_kappa;
} agreement_row;

/* Cohen's kappa of a 2x2 table: po = (yy + nn) / n, pe = pA pB +
 * (1 - pA)(1 - pB) with pA = (yy + yn) / n and pB = (yy + ny) / n, kappa =
 * (po - pe) / (1 - pe).  False (kappa undefined) when n is 0 or pe is 1
 * (both coders said present for every note, or absent for every note). */
bool agreement_kappa(int yy, int yn, int ny, int nn, double *kappa);

/* Fills r's agree, both, percent and kappa from its yy, yn, ny, nn. */
void agreement_row_finish(agreement_row *r);

/* The coders the tags record, up to max, by name ("" the unknown coder
 * among them, first).  Reads one index entry per coder: counting their
 * tags would read every tag (30 ms at a million), for a list that only
 * names them.  Returns how many, or -1. */
typedef struct coder_name {
	char coder[CODER_MAX];
} coder_name;
int coder_list(sqlite3 *db, coder_name *out, int max, st_err *err);

/* The two coders agreement compares by default: the two with the most
 * tags (ties by name), never the unknown coder "".  Returns how many
 * coders other than "" have tags (so < 2: there are no two to compare),
 * or -1. */
int agreement_default_coders(sqlite3 *db, char a[CODER_MAX], char b[CODER_MAX], st_err *err);

/* The figures per factor that either coder used on the notes both
 * tagged, in tree order, into *rows (malloc'd, *n of them; the caller
 * frees it), and their total into *total.  0, or -1. */
int agreement_compute(sqlite3 *db, const agreement_options *o, agreement_row **rows, int *n,
		      agreement_row *total, st_err *err);

/* A note where coders disagree on the polarity of a factor they both
 * tagged it with: polarities is "an +, bert -" (coders by name; + enabler,
 * - barrier, 0 neutral). */
typedef struct disagreement {
	long long note_id;
	const char *session, *date, *code, *name, *polarities, *body;
} disagreement;

/* Calls each(ctx, d) for every such (note, factor), by note then tree
 * order, among the tags of o's two coders (every coder's when coder_a is
 * NULL) on live notes that pass o's filter; the strings last until each
 * returns.  each returns 0 to go on.  0, -1 with err, or what each
 * returned when it stopped. */
int agreement_disagreements(sqlite3 *db, const agreement_options *o,
			    int (*each)(void *ctx, const disagreement *d), void *ctx,
			    st_err *err);

#endif
