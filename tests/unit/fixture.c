/* fixture.c: the unit tests' shared setup and look-ups (see fixture.h). */
#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/check.h"
#include "core/db.h"
#include "core/codebook.h"
#include "core/notes.h"
#include "core/schema.h"
#include "core/text.h"
#include "core/tags.h"
#include "core/organisation.h"
#include "core/people.h"
#include "../tap.h"
#include "fixture.h"

static const char *scratch;

/* ---- strings kept until exit ------------------------------------------- */

static char **kept;
static size_t nkept, capkept;

static void free_kept(void)
{
	while (nkept)
		free(kept[--nkept]);
	free(kept);
	kept = NULL;
	capkept = 0;
}

/* Takes s (malloc'd) and frees it at exit; bails out when s is NULL. */
static const char *keep(char *s)
{
	char **grown;

	if (!s) {
		printf("Bail out! out of memory\n");
		exit(99);
	}
	if (nkept == capkept) {
		if (!capkept)
			atexit(free_kept);
		capkept = capkept ? capkept * 2 : 64;
		grown = realloc(kept, capkept * sizeof *kept);
		if (!grown) {
			printf("Bail out! out of memory\n");
			exit(99);
		}
		kept = grown;
	}
	kept[nkept++] = s;
	return s;
}

void buf_add(struct buf *b, const char *s)
{
	size_t n = strlen(s);

	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			exit(99);
	}
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

/* ---- the scratch folder and its files ---------------------------------- */

const char *fixture_start(const char *name)
{
	scratch = keep(strdup(tap_tmpdir(name)));
	return scratch;
}

const char *fixture_path(const char *name)
{
	size_t n;
	char *path;

	if (!scratch) {
		printf("Bail out! fixture_path before fixture_start\n");
		exit(99);
	}
	n = strlen(scratch) + strlen(name) + 2;
	path = malloc(n);
	if (path)
		snprintf(path, n, "%s/%s", scratch, name);
	return keep(path);
}

const char *write_file_bytes(const char *name, const char *bytes, size_t n)
{
	const char *path = fixture_path(name);
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(bytes, 1, n, f) != n || fclose(f) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(99);
	}
	return path;
}

const char *write_file(const char *name, const char *text)
{
	return write_file_bytes(name, text, strlen(text));
}

const char *data_path(const char *name)
{
	const char *src = getenv("STEMTUI_SRCDIR");
	size_t n = (src && *src ? strlen(src) : 2) + strlen(name) + 13;
	char *path = malloc(n);

	if (path)
		snprintf(path, n, "%s/tests/data/%s", src && *src ? src : "..", name);
	return keep(path);
}

char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	if (!f)
		return strdup("");
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	s = calloc(1, n > 0 ? (size_t)n + 1 : 1);
	if (s && n > 0 && fread(s, 1, (size_t)n, f) != (size_t)n)
		s[0] = '\0';
	fclose(f);
	return s;
}

void find_datadir(void)
{
	static char datadir[4096];
	const char *src = getenv("STEMTUI_SRCDIR");
	struct stat sb;

	if (getenv("STEMTUI_DATADIR") && *getenv("STEMTUI_DATADIR"))
		return;
	/* Run by hand: STEMTUI_SRCDIR/share, else share/ beside tests/. */
	if (src && *src) {
		snprintf(datadir, sizeof datadir, "%s/share", src);
	} else {
		snprintf(datadir, sizeof datadir, "%s", __FILE__);
		if (strstr(datadir, "tests/unit/"))
			strcpy(strstr(datadir, "tests/unit/"), "share");
	}
	if (stat(datadir, &sb) != 0) {
		printf("Bail out! set STEMTUI_DATADIR to the source tree's share folder\n");
		exit(99);
	}
	setenv("STEMTUI_DATADIR", datadir, 1);
}

/* ---- SQL ---------------------------------------------------------------- */

sqlite3 *open_db(const char *name)
{
	const char *path = fixture_path(name);
	st_err err = { "" };
	sqlite3 *db = NULL;

	if (db_open(path, &db, NULL, &err) != DB_OPEN_OK) {
		printf("Bail out! db_open %s: %s\n", path, err.msg);
		exit(99);
	}
	return db;
}

void exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		printf("Bail out! %s: %s\n", sql, msg ? msg : "");
		exit(99);
	}
}

long long insert(sqlite3 *db, const char *sql)
{
	exec(db, sql);
	return sqlite3_last_insert_rowid(db);
}

long long query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -12345;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		diag("%s: %s", sql, sqlite3_errmsg(db));
		return v;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

const char *query_text_with(sqlite3 *db, const char *sql, const char *arg)
{
	sqlite3_stmt *st;
	const unsigned char *v;
	char *s;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		diag("%s: %s", sql, sqlite3_errmsg(db));
		return "(error)";
	}
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW)
		s = strdup("(none)");
	else if (!(v = sqlite3_column_text(st, 0)))
		s = strdup("(null)");
	else
		s = strdup((const char *)v);
	sqlite3_finalize(st);
	return keep(s);
}

const char *query_text(sqlite3 *db, const char *sql)
{
	return query_text_with(db, sql, NULL);
}

/* SQL functions the schema's migrations use, for a database made here
 * without db_open: the text function of text.h the user data names. */
static void fold_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char *(*fn)(const char *) = (char *(*)(const char *))sqlite3_user_data(ctx);
	const unsigned char *in = sqlite3_value_text(argv[0]);
	char *out;

	(void)argc;
	out = fn(in ? (const char *)in : "");
	sqlite3_result_text(ctx, out ? out : "", -1, SQLITE_TRANSIENT);
	free(out);
}

const char *old_database(const char *name, int version, const char *fill)
{
	const char *path = fixture_path(name);
	char sql[128];
	sqlite3 *old;
	int i, flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;

	if (sqlite3_open(path, &old) != SQLITE_OK ||
	    sqlite3_create_function(old, "st_fold", 1, flags, (void *)text_fold, fold_fn, NULL,
				    NULL) != SQLITE_OK ||
	    sqlite3_create_function(old, "st_fold_name", 1, flags, (void *)text_fold_name, fold_fn,
				    NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(old, "st_natural_key", 1, flags, (void *)text_natural_key,
				    fold_fn, NULL, NULL) != SQLITE_OK)
		exit(99);
	for (i = 0; i < version; i++)
		if (sqlite3_exec(old, schema_migration(i), NULL, NULL, NULL) != SQLITE_OK)
			break;
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d;",
		 (int)ST_DB_APP_ID, version);
	if (i < version || sqlite3_exec(old, sql, NULL, NULL, NULL) != SQLITE_OK ||
	    (fill && sqlite3_exec(old, fill, NULL, NULL, NULL) != SQLITE_OK)) {
		printf("Bail out! making a version %d database: %s\n", version, sqlite3_errmsg(old));
		exit(99);
	}
	sqlite3_close(old);
	chmod(path, 0600);   /* as stemtui makes its files: check looks */
	return path;
}

int check_finds(sqlite3 *db)
{
	check_report r;
	st_err err;
	int i, found = 0;

	if (db_check(db, sqlite3_db_filename(db, "main"), &r, &err) != 0) {
		printf("# stemtui check does not run: %s\n", err.msg);
		return -1;
	}
	for (i = 0; i < CHECK_COUNT; i++) {
		found += r.found[i] + r.skipped[i];
		if (r.detail[i])
			printf("# %s: %s\n", check_item_name(i), r.detail[i]);
	}
	check_report_free(&r);
	return found;
}

char *export_string(sqlite3 *db, const export_options *o, st_err *err)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	st_err own = { "" };
	int rc;

	if (!f) {
		printf("Bail out! open_memstream\n");
		exit(99);
	}
	rc = export_write(db, o, f, err ? err : &own);
	fclose(f);
	if (rc != 0) {
		if (!err)
			printf("# export: %s\n", own.msg);
		free(text);
		return NULL;
	}
	return text;
}

char *dump_rows(sqlite3 *db, const char *const *queries, size_t n)
{
	struct buf b = { NULL, 0, 0 };
	sqlite3_stmt *st;
	size_t i;
	int c;

	buf_add(&b, "");
	for (i = 0; i < n; i++) {
		if (sqlite3_prepare_v2(db, queries[i], -1, &st, NULL) != SQLITE_OK) {
			printf("Bail out! %s: %s\n", queries[i], sqlite3_errmsg(db));
			exit(99);
		}
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (c = 0; c < sqlite3_column_count(st); c++) {
				const unsigned char *v = sqlite3_column_text(st, c);
				buf_add(&b, c ? "|" : "");
				buf_add(&b, v ? (const char *)v : "\\N");
			}
			buf_add(&b, "\n");
		}
		sqlite3_finalize(st);
	}
	return b.s;
}

/* ---- rows ------------------------------------------------------------ */

/* Prepares sql, bailing out when it does not. */
static sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		printf("Bail out! %s: %s\n", sql, sqlite3_errmsg(db));
		exit(99);
	}
	return st;
}

/* Steps st once to the end; the new row's id. */
static long long insert_row(sqlite3 *db, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE) {
		printf("Bail out! %s: %s\n", sqlite3_sql(st), sqlite3_errmsg(db));
		exit(99);
	}
	sqlite3_finalize(st);
	return sqlite3_last_insert_rowid(db);
}

long long add_programme(sqlite3 *db, const char *name, const char *school_year)
{
	sqlite3_stmt *st = prepare(db, "INSERT INTO programme (name, school_year) VALUES (?1, ?2)");

	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, school_year, -1, SQLITE_STATIC);
	return insert_row(db, st);
}

long long add_session(sqlite3 *db, long long programme, const char *code, const char *kind,
		      const char *date, long long host)
{
	sqlite3_stmt *st = prepare(db, "INSERT INTO session (programme_id, code, code_key, kind,"
				   " date, host_org_id) VALUES (?1, ?2, st_natural_key(?2), ?3, ?4,"
				   " nullif(?5, 0))");

	sqlite3_bind_int64(st, 1, programme);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, date, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, host);
	return insert_row(db, st);
}

long long add_org(sqlite3 *db, const char *kind, const char *name)
{
	st_organisation o = { 0 };
	st_err err = { "" };

	o.kind = (char *)kind;
	o.name = (char *)name;
	if (org_save(db, &o, &err) != 0) {
		printf("Bail out! org_save %s: %s\n", name, err.msg);
		exit(99);
	}
	return o.id;
}

long long add_person(sqlite3 *db, const char *first, const char *last, const char *role,
		     long long org, const char *focus)
{
	st_person p = { 0 };
	st_err err = { "" };

	p.first_name = (char *)first;
	p.last_name = (char *)last;
	p.role = (char *)role;
	p.organisation_id = org;
	p.focus = (char *)focus;
	if (person_save(db, &p, &err) != 0) {
		printf("Bail out! person_save %s %s: %s\n", first, last, err.msg);
		exit(99);
	}
	return p.id;
}

long long add_factor(sqlite3 *db, long long parent, const char *code, const char *name,
		     const char *definition)
{
	st_factor f = { 0 };
	st_err err = { "" };

	f.parent_id = parent;
	f.code = (char *)code;
	f.name = (char *)name;
	f.definition = (char *)definition;
	if (factor_save(db, &f, &err) != 0) {
		printf("Bail out! factor_save %s: %s\n", code, err.msg);
		exit(99);
	}
	return f.id;
}

void tag(sqlite3 *db, long long note, long long factor, int polarity)
{
	st_err err = { "" };

	if (tag_set(db, note, factor, polarity, NULL, &err) != 0) {
		printf("Bail out! tag_set: %s\n", err.msg);
		exit(99);
	}
}

long long add_note_at(sqlite3 *db, long long session, const char *kind, const char *group,
		      const char *author, const char *body, const char *created_at)
{
	st_note n = { 0 };
	st_err err;
	char sql[256];

	n.session_id = session;
	n.kind = (char *)kind;
	n.group_label = (char *)group;
	n.body = (char *)body;
	n.author = (char *)author;
	if (note_add(db, &n, &err) != 0) {
		printf("Bail out! note: %s\n", err.msg);
		exit(99);
	}
	snprintf(sql, sizeof sql, "UPDATE note SET created_at = '%s' WHERE id = %lld",
		 created_at, n.id);
	exec(db, sql);
	return n.id;
}

/* ---- keyset-paged lists -------------------------------------------------- */

/* Appends the labels of rows[0..n-1] to b, comma-separated. */
static void add_labels(const struct pager *p, struct buf *b, const char *rows, int n)
{
	char label[1024];
	int i;

	for (i = 0; i < n; i++) {
		p->label(rows + (size_t)i * p->row_size, label, sizeof label);
		buf_add(b, b->len ? "," : "");
		buf_add(b, label);
	}
}

static void clear_rows(const struct pager *p, char *rows, int n)
{
	int i;

	for (i = 0; i < n; i++)
		p->clear(rows + (size_t)i * p->row_size);
}

static char *new_rows(const struct pager *p, int n)
{
	char *rows = calloc(n > 0 ? (size_t)n : 1, p->row_size);

	if (!rows) {
		printf("Bail out! out of memory\n");
		exit(99);
	}
	return rows;
}

static const char *page_error(const st_err *err)
{
	size_t n = strlen(err->msg) + 8;
	char *s = malloc(n);

	if (s)
		snprintf(s, n, "ERROR: %s", err->msg);
	return keep(s);
}

const char *page_labels(const struct pager *p, const void *filter, const void *anchor,
			bool backward, int n)
{
	struct buf b = { NULL, 0, 0 };
	st_err err = { "" };
	char *rows = new_rows(p, n);
	int got = p->page(filter, anchor, backward, rows, n, &err);

	buf_add(&b, "");
	if (got < 0) {
		free(rows);
		free(b.s);
		return page_error(&err);
	}
	add_labels(p, &b, rows, got);
	clear_rows(p, rows, got);
	free(rows);
	return keep(b.s);
}

/* At most this many pages: a pager that never ends stops here. */
#define MAX_PAGES 400

const char *paged_labels(const struct pager *p, const void *filter, bool backward, int n)
{
	char *rows = new_rows(p, n), *anchor = new_rows(p, 1), *pages[MAX_PAGES];
	struct buf b = { NULL, 0, 0 };
	st_err err = { "" };
	bool have_anchor = false;
	int got, npages = 0, i, last;

	do {
		struct buf page = { NULL, 0, 0 };

		got = p->page(filter, have_anchor ? anchor : NULL, backward, rows, n, &err);
		if (got <= 0)
			break;
		buf_add(&page, "");
		add_labels(p, &page, rows, got);
		pages[npages++] = page.s;
		/* The next page starts after the last row (forward) or before
		 * the first (backward): that row becomes the anchor. */
		if (have_anchor)
			p->clear(anchor);
		last = backward ? 0 : got - 1;
		memcpy(anchor, rows + (size_t)last * p->row_size, p->row_size);
		have_anchor = true;
		for (i = 0; i < got; i++)
			if (i != last)
				p->clear(rows + (size_t)i * p->row_size);
	} while (got == n && npages < MAX_PAGES);
	if (have_anchor)
		p->clear(anchor);
	free(anchor);
	free(rows);
	buf_add(&b, "");
	/* Backward pages came last page first: put them back in display order. */
	for (i = 0; i < npages; i++) {
		buf_add(&b, b.len ? "," : "");
		buf_add(&b, pages[backward ? npages - 1 - i : i]);
	}
	for (i = 0; i < npages; i++)
		free(pages[i]);
	if (got < 0) {
		free(b.s);
		return page_error(&err);
	}
	return keep(b.s);
}

void fixture_locale(void)
{
	const char *dir = getenv("STEMTUI_LOCALEDIR");

	setlocale(LC_ALL, "C.UTF-8");
	unsetenv("LANGUAGE");
	if (dir) {
		bindtextdomain("stemtui", dir);
		bind_textdomain_codeset("stemtui", "UTF-8");
	}
	textdomain("stemtui");
}
