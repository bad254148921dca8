/* tag_codes.c: a note's tags as text, one note after another (see
 * tag_codes.h).  The same text as tag_texts (tags.c) gives for a page. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/factors_sql.h"
#include "core/i18n.h"
#include "core/tag_codes.h"

struct factor_rank {
	long long id;
	int rank;          /* place in tree order */
	char *code;
};

struct tag_rank {
	int rank;
	int polarity;
	const char *code;
};

struct tag_codes {
	sqlite3 *db;
	sqlite3_stmt *tags;          /* a note's tags, by its key */
	struct factor_rank *f;       /* by id */
	int n;
	struct tag_rank *found;      /* a note's tags, while sorting them */
	int found_cap;
	char *text;
	size_t text_cap;
};

static int by_id(const void *a, const void *b)
{
	const struct factor_rank *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* Every factor of the tree with its place in tree order, sorted by id.
 * 0, or -1 with err set. */
static int read_ranks(tag_codes *t, st_err *err)
{
	sqlite3_stmt *st = db_prepare(t->db, "WITH RECURSIVE " FACTOR_TREE_CTE
				      " SELECT f.id, f.code FROM factor f JOIN tree ON tree.id = f.id"
				      " ORDER BY tree.path", err);
	int rc, cap = 0;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (t->n == cap) {
			struct factor_rank *grown = realloc(t->f, sizeof *grown * (size_t)(cap = 2 * cap + 64));

			if (!grown)
				break;
			t->f = grown;
		}
		t->f[t->n].id = sqlite3_column_int64(st, 0);
		t->f[t->n].rank = t->n;
		if (!(t->f[t->n].code = strdup(col_text(st, 1))))
			break;
		t->n++;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return st_err_set(err, "%s", _("out of memory"));
	if (rc != SQLITE_DONE)
		return db_error(t->db, err);
	if (t->n > 0)
		qsort(t->f, (size_t)t->n, sizeof *t->f, by_id);
	return 0;
}

tag_codes *tag_codes_new(sqlite3 *db, const char *coder, st_err *err)
{
	/* DISTINCT: two coders who agree are one tag; + before 0 before -,
	 * which keep's insertion leaves in that order within a factor. */
	static const char sql[] = "SELECT DISTINCT factor_id, polarity FROM tag WHERE note_id = ?1"
				  " AND (?2 IS NULL OR coder = st_fold(?2)) ORDER BY polarity DESC";
	tag_codes *t = calloc(1, sizeof *t);

	if (!t) {
		st_err_set(err, "%s", _("out of memory"));
		return NULL;
	}
	t->db = db;
	if (read_ranks(t, err) != 0 ||
	    !(t->tags = db_prepare(db, sql, err))) {
		tag_codes_free(t);
		return NULL;
	}
	/* A binding lasts through every reset; "" is the unknown coder. */
	if (coder)
		sqlite3_bind_text(t->tags, 2, coder, -1, SQLITE_TRANSIENT);
	return t;
}

/* Keeps tag (factor_id, polarity) in t->found (found so far), in tree
 * order; a factor outside the tree is left out, as tag_texts does.  0, or
 * -1 when out of memory. */
static int keep(tag_codes *t, int found, long long factor_id, int polarity)
{
	struct factor_rank key = { factor_id, 0, NULL };
	const struct factor_rank *f = bsearch(&key, t->f, (size_t)t->n, sizeof *t->f, by_id);
	int i;

	if (!f)
		return found;
	if (found == t->found_cap) {
		int cap = 2 * t->found_cap + 8;
		struct tag_rank *grown = realloc(t->found, sizeof *grown * (size_t)cap);

		if (!grown)
			return -1;
		t->found = grown;
		t->found_cap = cap;
	}
	/* A note has a few tags: insertion keeps them sorted. */
	for (i = found; i > 0 && t->found[i - 1].rank > f->rank; i--)
		t->found[i] = t->found[i - 1];
	t->found[i] = (struct tag_rank){ f->rank, polarity, f->code };
	return found + 1;
}

/* "CODE+ CODE-" of the found tags into t->text.  0, or -1. */
static int write_text(tag_codes *t, int found)
{
	size_t need = 1, len = 0;
	int i;

	for (i = 0; i < found; i++)
		need += strlen(t->found[i].code) + 2;
	if (need > t->text_cap) {
		char *grown = realloc(t->text, need);

		if (!grown)
			return -1;
		t->text = grown;
		t->text_cap = need;
	}
	for (i = 0; i < found; i++) {
		size_t n = strlen(t->found[i].code);

		if (i > 0)
			t->text[len++] = ' ';
		memcpy(t->text + len, t->found[i].code, n);
		len += n;
		if (t->found[i].polarity != 0)
			t->text[len++] = t->found[i].polarity > 0 ? '+' : '-';
	}
	t->text[len] = '\0';
	return 0;
}

const char *tag_codes_of(tag_codes *t, long long note_id, st_err *err)
{
	int rc, found = 0;

	sqlite3_reset(t->tags);
	sqlite3_bind_int64(t->tags, 1, note_id);
	while (found >= 0 && (rc = sqlite3_step(t->tags)) == SQLITE_ROW)
		found = keep(t, found, sqlite3_column_int64(t->tags, 0),
			     sqlite3_column_int(t->tags, 1));
	if (found >= 0 && rc != SQLITE_DONE) {
		db_error(t->db, err);
		return NULL;
	}
	if (found < 0 || write_text(t, found) != 0) {
		st_err_set(err, "%s", _("out of memory"));
		return NULL;
	}
	return t->text;
}

void tag_codes_free(tag_codes *t)
{
	int i;

	if (!t)
		return;
	sqlite3_finalize(t->tags);
	for (i = 0; i < t->n; i++)
		free(t->f[i].code);
	free(t->f);
	free(t->found);
	free(t->text);
	free(t);
}
