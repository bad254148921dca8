/* agreement.c: agreement between two coders (percent and Cohen's kappa
 * per factor and in total), the coders the tags record, and the notes
 * where coders disagree on polarity.  See agreement.h.
 *
 * The counting is one SQL statement per question, starting from the
 * coders' tags (tag_by_coder), never from every note. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agreement.h"
#include "core/db.h"
#include "core/factors_sql.h"
#include "core/i18n.h"

bool agreement_kappa(int yy, int yn, int ny, int nn, double *kappa)
{
	double n = (double)yy + yn + ny + nn, po, pa, pb, pe;

	*kappa = 0;
	if (n <= 0)
		return false;
	po = (yy + nn) / n;
	pa = (yy + yn) / n;
	pb = (yy + ny) / n;
	pe = pa * pb + (1 - pa) * (1 - pb);
	/* pe is 1 only when pA and pB are both 0 or both 1: computed from
	 * whole counts, so compared exactly. */
	if ((yy + yn == 0 && yy + ny == 0) || (ny + nn == 0 && yn + nn == 0))
		return false;
	*kappa = (po - pe) / (1 - pe);
	return true;
}

void agreement_row_finish(agreement_row *r)
{
	r->both = r->yy + r->yn + r->ny + r->nn;
	r->agree = r->yy + r->nn;
	r->percent = r->both ? 100.0 * r->agree / r->both : 0;
	r->has_kappa = agreement_kappa(r->yy, r->yn, r->ny, r->nn, &r->kappa);
}

int coder_list(sqlite3 *db, coder_name *out, int max, st_err *err)
{
	/* Each next coder is the least one after the last (one seek in
	 * tag_by_coder), so finding them costs one step per coder. */
	sqlite3_stmt *st = db_prepare(db, "WITH RECURSIVE c(k) AS (SELECT min(coder) FROM tag"
				      " UNION ALL SELECT (SELECT min(coder) FROM tag WHERE coder > c.k)"
				      " FROM c WHERE c.k IS NOT NULL)"
				      " SELECT k FROM c WHERE k IS NOT NULL LIMIT ?1", err);
	int got = 0, rc = SQLITE_DONE;

	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, max);
	while (got < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(out[got].coder, sizeof out[got].coder, "%s", col_text(st, 0));
		got++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? got : db_error(db, err);
}

int agreement_default_coders(sqlite3 *db, char a[CODER_MAX], char b[CODER_MAX], st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT coder, count(*) AS c, count(*) OVER () FROM tag"
				      " WHERE coder != '' GROUP BY coder ORDER BY c DESC, coder"
				      " LIMIT 2", err);
	int got = 0, coders = 0, rc;

	a[0] = b[0] = '\0';
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(got ? b : a, CODER_MAX, "%s", col_text(st, 0));
		coders = sqlite3_column_int(st, 2);
		got++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? coders : db_error(db, err);
}

/* The live notes both coders tagged, at sessions that pass the filter:
 * from coder A's tags (tag_by_coder), those of a note B tagged too. */
#define BOTH_NOTES \
	" both(id) AS MATERIALIZED (SELECT DISTINCT a.note_id FROM tag a" \
	"  CROSS JOIN note n ON n.id = a.note_id AND +n.deleted_at IS NULL" \
	"  CROSS JOIN session s ON s.id = n.session_id" \
	"  WHERE a.coder = st_fold(:a) AND (:programme = 0 OR s.programme_id = :programme)" \
	"  AND (:kind IS NULL OR s.kind = :kind) AND EXISTS (SELECT 1 FROM tag b" \
	"  WHERE b.note_id = a.note_id AND b.coder = st_fold(:b)))"

static void bind_options(sqlite3_stmt *st, const agreement_options *o)
{
	db_bind_named_text(st, ":a", o->coder_a);
	db_bind_named_text(st, ":b", o->coder_b);
	db_bind_named_int64(st, ":programme", o->programme_id);
	if (o->session_kind)
		db_bind_named_text(st, ":kind", o->session_kind);
}

/* Adds the row st is on (id, code, name, depth, notes, yy, yn, ny) to
 * *rows. */
static int add_row(sqlite3_stmt *st, agreement_row **rows, int *n, int *cap, st_err *err)
{
	agreement_row *r;

	if (*n == *cap) {
		int grown = *cap ? 2 * *cap : 64;
		agreement_row *more = realloc(*rows, (size_t)grown * sizeof **rows);

		if (!more)
			return st_err_set(err, "%s", _("out of memory"));
		*rows = more;
		*cap = grown;
	}
	r = &(*rows)[(*n)++];
	memset(r, 0, sizeof *r);
	r->factor_id = sqlite3_column_int64(st, 0);
	snprintf(r->code, sizeof r->code, "%s", col_text(st, 1));
	snprintf(r->name, sizeof r->name, "%s", col_text(st, 2));
	r->depth = sqlite3_column_int(st, 3);
	r->yy = sqlite3_column_int(st, 5);
	r->yn = sqlite3_column_int(st, 6);
	r->ny = sqlite3_column_int(st, 7);
	r->nn = sqlite3_column_int(st, 4) - r->yy - r->yn - r->ny;
	agreement_row_finish(r);
	return 0;
}

/* The total: every decision of the rows pooled. */
static void pool_rows(const agreement_row *rows, int n, agreement_row *total)
{
	int i;

	memset(total, 0, sizeof *total);
	for (i = 0; i < n; i++) {
		total->yy += rows[i].yy;
		total->yn += rows[i].yn;
		total->ny += rows[i].ny;
		total->nn += rows[i].nn;
	}
	agreement_row_finish(total);
}

int agreement_compute(sqlite3 *db, const agreement_options *o, agreement_row **rows, int *n,
		      agreement_row *total, st_err *err)
{
	/* per: for each (note of both, factor either coder used on it),
	 * whether A and whether B tagged it. */
	static const char sql[] =
		"WITH RECURSIVE " FACTOR_TREE_CTE "," BOTH_NOTES ","
		" per(fid, ina, inb) AS (SELECT t.factor_id, max(t.coder = st_fold(:a)),"
		"  max(t.coder = st_fold(:b)) FROM both CROSS JOIN tag t ON t.note_id = both.id"
		"  WHERE t.coder IN (st_fold(:a), st_fold(:b)) GROUP BY t.note_id, t.factor_id)"
		" SELECT f.id, f.code, f.name, tree.depth, (SELECT count(*) FROM both),"
		" sum(ina AND inb), sum(ina AND NOT inb), sum(inb AND NOT ina)"
		" FROM per JOIN factor f ON f.id = per.fid JOIN tree ON tree.id = f.id"
		" GROUP BY f.id ORDER BY tree.path";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	int cap = 0, rc = SQLITE_DONE;

	*rows = NULL;
	*n = 0;
	memset(total, 0, sizeof *total);
	if (!st)
		return -1;
	bind_options(st, o);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (add_row(st, rows, n, &cap, err) != 0)
			break;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		if (rc != SQLITE_ROW)
			db_error(db, err);
		free(*rows);
		*rows = NULL;
		*n = 0;
		return -1;
	}
	pool_rows(*rows, *n, total);
	return 0;
}

int agreement_disagreements(sqlite3 *db, const agreement_options *o,
			    int (*each)(void *ctx, const disagreement *d), void *ctx,
			    st_err *err)
{
	/* d: the (note, factor) pairs whose tags (by those coders) differ in
	 * polarity, read in primary key order, so grouped without sorting. */
	static const char sql[] =
		"WITH RECURSIVE " FACTOR_TREE_CTE ","
		" d(note_id, factor_id) AS (SELECT note_id, factor_id FROM tag"
		"  WHERE :a IS NULL OR coder IN (st_fold(:a), st_fold(:b))"
		"  GROUP BY note_id, factor_id HAVING min(polarity) != max(polarity))"
		" SELECT d.note_id, s.code, s.date, f.code, f.name, (SELECT group_concat("
		"  CASE t.coder WHEN '' THEN :unknown ELSE t.coder END || ' ' ||"
		"  CASE t.polarity WHEN 1 THEN '+' WHEN -1 THEN '-' ELSE '0' END, ', ')"
		"  FROM (SELECT coder, polarity FROM tag WHERE note_id = d.note_id"
		"  AND factor_id = d.factor_id AND (:a IS NULL OR coder IN (st_fold(:a), st_fold(:b)))"
		"  ORDER BY coder) t), n.body"
		" FROM d JOIN note n ON n.id = d.note_id AND n.deleted_at IS NULL"
		" JOIN session s ON s.id = n.session_id JOIN factor f ON f.id = d.factor_id"
		" JOIN tree ON tree.id = f.id"
		" WHERE (:programme = 0 OR s.programme_id = :programme)"
		" AND (:kind IS NULL OR s.kind = :kind) ORDER BY d.note_id, tree.path";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	int rc = SQLITE_DONE, stop = 0;

	if (!st)
		return -1;
	bind_options(st, o);
	db_bind_named_text(st, ":unknown", _("(unknown)"));
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		disagreement d = {
			sqlite3_column_int64(st, 0), col_text(st, 1), col_text(st, 2),
			col_text(st, 3), col_text(st, 4), col_text(st, 5), col_text(st, 6),
		};
		stop = each(ctx, &d);
	}
	if (!stop && rc != SQLITE_DONE)
		stop = db_error(db, err);
	sqlite3_finalize(st);
	return stop;
}
