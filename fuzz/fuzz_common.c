/* fuzz_common.c: see fuzz.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/check.h"
#include "core/codebook_import.h"
#include "core/csv.h"
#include "core/db.h"
#include "core/demo.h"
#include "core/emit.h"
#include "core/programme_import.h"
#include "fuzz/fuzz.h"

#ifndef FUZZ_SRCDIR
#define FUZZ_SRCDIR "."
#endif

void fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz: property failed: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* ---- files ------------------------------------------------------------------ */

static char scratch[4096];

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void remove_scratch(void)
{
	if (*scratch)
		nftw(scratch, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* The source tree: $STEMTUI_SRCDIR, else the one this was built from. */
static const char *srcdir(void)
{
	const char *env = getenv("STEMTUI_SRCDIR");

	return env && *env ? env : FUZZ_SRCDIR;
}

const char *fuzz_dir(void)
{
	const char *tmp = getenv("TMPDIR");
	char share[4200];

	if (*scratch)
		return scratch;
	snprintf(scratch, sizeof scratch, "%s/stemtui-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(scratch)) {
		perror(scratch);
		exit(99);
	}
	atexit(remove_scratch);
	/* The shipped programme, codebook and roles, from the source tree. */
	snprintf(share, sizeof share, "%s/share", srcdir());
	setenv("STEMTUI_DATADIR", share, 0);
	return scratch;
}

const char *fuzz_write(const char *name, const uint8_t *data, size_t size)
{
	static char path[4][4200];
	static int next;
	char *p = path[next++ % 4];
	size_t done = 0;
	ssize_t n;
	int fd;

	snprintf(p, sizeof path[0], "%s/%s", fuzz_dir(), name);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		fuzz_fail("cannot write %s: %s", p, strerror(errno));
	while (done < size && (n = write(fd, data + done, size - done)) > 0)
		done += (size_t)n;
	if (close(fd) != 0 || done < size)
		fuzz_fail("cannot write %s", p);
	return p;
}

char *fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

unsigned fuzz_hash(const uint8_t *data, size_t size)
{
	unsigned h = 2166136261u;
	size_t i;

	for (i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	return h;
}

/* ---- the database ---------------------------------------------------------- */

static uint64_t text_hash(const char *text);

static struct fuzz_template {
	char *image;      /* the untouched database file */
	size_t size;
	char *dump;       /* fuzz_dump of it */
	uint64_t dump_hash;
	sqlite3 *db;      /* open on a copy of it, or NULL */
	int commits;      /* commits on db since fuzz_db or fuzz_mark */
} templates[2];

bool fuzz_thorough;

static int count_commit(void *t)
{
	((struct fuzz_template *)t)->commits++;
	return 0;
}

/* The template whose database db is, or NULL. */
static struct fuzz_template *template_of(sqlite3 *db)
{
	return db == templates[0].db ? &templates[0] : db == templates[1].db ? &templates[1] : NULL;
}

void fuzz_mark(sqlite3 *db)
{
	struct fuzz_template *t = template_of(db);

	if (t)
		t->commits = 0;
}

static void read_file(const char *path, char **out, size_t *size)
{
	FILE *f = fopen(path, "rb");
	long n;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    !(*out = malloc((size_t)n + 1)) || fread(*out, 1, (size_t)n, f) != (size_t)n)
		fuzz_fail("cannot read %s", path);
	*size = (size_t)n;
	fclose(f);
}

/* Opens path with db_open; a failure is not a finding but a broken setup. */
static sqlite3 *open_db(const char *path)
{
	sqlite3 *db = NULL;
	st_err err;

	if (db_open(path, &db, NULL, &err) != DB_OPEN_OK) {
		fprintf(stderr, "fuzz: cannot open %s: %s\n", path, err.msg);
		exit(99);
	}
	return db;
}

/* Makes the untouched database: the shipped programme, and unless empty
 * the starter codebook and the demo data. */
static void make_template(bool empty)
{
	struct fuzz_template *t = &templates[empty];
	char path[4200];
	sqlite3 *db;
	st_err err;

	snprintf(path, sizeof path, "%s/template-%d.sqlite", fuzz_dir(), empty);
	db = open_db(path);
	if (programme_import_shipped(db, &err) != 0 ||
	    (!empty && (codebook_import_shipped(db, &err) != 0 || demo_seed(db, &err) != 0))) {
		fprintf(stderr, "fuzz: cannot fill %s: %s\n", path, err.msg);
		exit(99);
	}
	db_close(db);   /* checkpoints: the whole database is in the file */
	read_file(path, &t->image, &t->size);
	unlink(path);
}

sqlite3 *fuzz_db(bool empty)
{
	struct fuzz_template *t = &templates[empty];
	static const char *const suffix[] = { "", "-wal", "-shm" };
	char path[4200], name[4300];
	size_t i;

	if (t->db) {
		t->commits = 0;
		return t->db;
	}
	if (!t->image)
		make_template(empty);
	snprintf(path, sizeof path, "%s/work-%d.sqlite", fuzz_dir(), empty);
	for (i = 1; i < sizeof suffix / sizeof suffix[0]; i++) {
		snprintf(name, sizeof name, "%s%s", path, suffix[i]);
		unlink(name);
	}
	fuzz_write(strrchr(path, '/') + 1, (const uint8_t *)t->image, t->size);
	t->db = open_db(path);
	t->commits = 0;
	sqlite3_commit_hook(t->db, count_commit, t);
	if (!t->dump) {
		t->dump = fuzz_dump(t->db);
		t->dump_hash = text_hash(t->dump);
	}
	return t->db;
}

void fuzz_db_reset(bool empty)
{
	db_close(templates[empty].db);
	templates[empty].db = NULL;
}

const char *fuzz_db_dump(bool empty)
{
	fuzz_db(empty);
	return templates[empty].dump;
}

/* Where a dump goes: into text, or only into a hash of that text (most
 * dumps are compared and thrown away: no need to hold them). */
struct sink {
	sqlite3_str *text;   /* NULL: hash only */
	uint64_t hash;
};

static void sink_put(struct sink *k, const char *p, size_t n)
{
	size_t i;

	if (k->text) {
		sqlite3_str_append(k->text, p, (int)n);
		return;
	}
	for (i = 0; i < n; i++)
		k->hash = (k->hash ^ (unsigned char)p[i]) * 0x100000001b3ULL;
}

static void sink_printf(struct sink *k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sink_printf(struct sink *k, const char *fmt, ...)
{
	char buf[64];
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = sqlite3_vsnprintf(sizeof buf, buf, fmt, ap);
	va_end(ap);
	sink_put(k, s, strlen(s));
}

#define HASH_START 0xcbf29ce484222325ULL

/* Puts one value of a row: its type, then the value, NUL bytes and
 * backslashes escaped so that the dump is one C string. */
static void dump_value(struct sink *k, sqlite3_stmt *st, int i)
{
	const unsigned char *v;
	int type = sqlite3_column_type(st, i), n, from, to;

	sink_put(k, &"?ifstbn"[type < 6 ? type : 0], 1);
	if (type == SQLITE_NULL)
		return;
	if (type == SQLITE_INTEGER) {
		sink_printf(k, "%lld", (long long)sqlite3_column_int64(st, i));
		return;
	}
	if (type == SQLITE_FLOAT) {
		sink_printf(k, "%.17g", sqlite3_column_double(st, i));
		return;
	}
	v = type == SQLITE_BLOB ? sqlite3_column_blob(st, i) : sqlite3_column_text(st, i);
	n = sqlite3_column_bytes(st, i);
	for (from = 0; from < n; from = to + 1) {
		for (to = from; to < n && v[to] != '\0' && v[to] != '\\'; to++)
			;
		sink_put(k, (const char *)v + from, (size_t)(to - from));
		if (to < n)
			sink_printf(k, "\\%02x", v[to]);
	}
}

/* Puts every row of sql's result, a line each. */
static void dump_rows(sqlite3 *db, struct sink *k, const char *sql)
{
	sqlite3_stmt *st;
	int i, rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fuzz_fail("dump: %s: %s", sql, sqlite3_errmsg(db));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < sqlite3_column_count(st); i++) {
			sink_put(k, i ? "|" : "\n", 1);
			dump_value(k, st, i);
		}
	}
	if (rc != SQLITE_DONE)
		fuzz_fail("dump: %s: %s", sql, sqlite3_errmsg(db));
	sqlite3_finalize(st);
}

/* The schema, then every table but the virtual ones (their shadow tables
 * hold what they keep). */
static void dump(sqlite3 *db, struct sink *k)
{
	sqlite3_stmt *st;
	char sql[512];

	dump_rows(db, k, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
	if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table'"
			       " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name", -1, &st,
			       NULL) != SQLITE_OK)
		fuzz_fail("dump: %s", sqlite3_errmsg(db));
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);

		sink_put(k, "\n-- ", 4);
		sink_put(k, name, strlen(name));
		snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", name);
		dump_rows(db, k, sql);
	}
	sqlite3_finalize(st);
}

char *fuzz_dump(sqlite3 *db)
{
	struct sink k = { sqlite3_str_new(db), 0 };
	char *out, *copy;

	dump(db, &k);
	out = sqlite3_str_finish(k.text);
	if (!out || !(copy = strdup(out)))
		abort();
	sqlite3_free(out);
	return copy;
}

/* The hash of fuzz_dump(db), without holding the dump. */
static uint64_t dump_hash(sqlite3 *db)
{
	struct sink k = { NULL, HASH_START };

	dump(db, &k);
	return k.hash;
}

static uint64_t text_hash(const char *text)
{
	struct sink k = { NULL, HASH_START };

	sink_put(&k, text, strlen(text));
	return k.hash;
}

/* The first line where two dumps differ, for the message. */
static void first_difference(const char *a, const char *b, char *buf, size_t size)
{
	const char *la = a, *lb = b;

	while (*a && *a == *b) {
		if (*a == '\n') {
			la = a + 1;
			lb = b + 1;
		}
		a++;
		b++;
	}
	snprintf(buf, size, "before: %.*s\n  after: %.*s", (int)strcspn(la, "\n"), la,
		 (int)strcspn(lb, "\n"), lb);
}

void fuzz_unchanged(sqlite3 *db, const char *before, const char *what)
{
	struct fuzz_template *t = template_of(db);
	char *after, diff[1024];
	uint64_t want;

	/* Nothing committed since the mark, and no transaction open: the
	 * file holds what it held (SQLite's rollback is trusted; replay,
	 * which need not be fast, compares the dumps all the same). */
	if (!fuzz_thorough && t && t->commits == 0 && sqlite3_get_autocommit(db))
		return;
	/* The untouched database's dump is compared again and again: its
	 * hash is kept. */
	if (before == templates[0].dump || before == templates[1].dump)
		want = templates[before == templates[1].dump].dump_hash;
	else
		want = text_hash(before);
	if (dump_hash(db) == want)
		return;
	after = fuzz_dump(db);
	first_difference(before, after, diff, sizeof diff);
	fuzz_fail("%s, but the database changed:\n  %s", what, diff);
}

void fuzz_refused(sqlite3 *db, const char *before, const char *what, const char *err)
{
	char says[1200];

	if (!err || !*err)
		fuzz_fail("%s: refused without a message", what);
	if (!sqlite3_get_autocommit(db))
		fuzz_fail("%s: refused (%s) with a transaction left open", what, err);
	snprintf(says, sizeof says, "%s: refused (%s)", what, err);
	fuzz_unchanged(db, before, says);
}

void fuzz_healthy(sqlite3 *db, const char *what)
{
	check_report r;
	st_err err;
	int i;

	if (!sqlite3_get_autocommit(db))
		fuzz_fail("%s: accepted with a transaction left open", what);
	if (db_check(db, sqlite3_db_filename(db, "main"), &r, &err) != 0)
		fuzz_fail("%s: accepted, then stemtui check failed: %s", what, err.msg);
	for (i = 0; i < CHECK_COUNT; i++)
		if (r.found[i] || r.skipped[i])
			fuzz_fail("%s: accepted, then stemtui check found: %s: %s", what,
				  check_item_name(i), r.detail[i] ? r.detail[i] : "?");
	check_report_free(&r);
}

/* ---- what is exported -------------------------------------------------------- */

/* A strict JSON reader (RFC 8259): each function reads one thing at *p
 * and returns false when it is not there. */
static void json_space(const char **p, const char *end)
{
	while (*p < end && (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r'))
		(*p)++;
}

static bool json_literal(const char **p, const char *end, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(end - *p) < n || memcmp(*p, word, n) != 0)
		return false;
	*p += n;
	return true;
}

/* One UTF-8 character (no overlong form, surrogate or value past
 * U+10FFFF). */
static bool json_utf8(const char **p, const char *end)
{
	const unsigned char *u = (const unsigned char *)*p;
	size_t left = (size_t)(end - *p), n, i;
	unsigned long cp;

	if (u[0] < 0x80)
		n = 1, cp = u[0];
	else if ((u[0] & 0xe0) == 0xc0)
		n = 2, cp = u[0] & 0x1f;
	else if ((u[0] & 0xf0) == 0xe0)
		n = 3, cp = u[0] & 0x0f;
	else if ((u[0] & 0xf8) == 0xf0)
		n = 4, cp = u[0] & 0x07;
	else
		return false;
	if (n > left)
		return false;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return false;
		cp = cp << 6 | (u[i] & 0x3f);
	}
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return false;
	*p += n;
	return true;
}

static bool json_string(const char **p, const char *end)
{
	int i;

	if (*p >= end || **p != '"')
		return false;
	(*p)++;
	while (*p < end && **p != '"') {
		if ((unsigned char)**p < 0x20)
			return false;
		if (**p != '\\') {
			if (!json_utf8(p, end))
				return false;
			continue;
		}
		if (++*p >= end)
			return false;
		if (**p == 'u') {
			for (i = 1; i <= 4; i++)
				if (*p + i >= end || !strchr("0123456789abcdefABCDEF", (*p)[i]) || !(*p)[i])
					return false;
			*p += 5;
		} else if (strchr("\"\\/bfnrt", **p) && **p) {
			(*p)++;
		} else {
			return false;
		}
	}
	if (*p >= end)
		return false;
	(*p)++;
	return true;
}

static bool json_digits(const char **p, const char *end)
{
	const char *start = *p;

	while (*p < end && **p >= '0' && **p <= '9')
		(*p)++;
	return *p > start;
}

static bool json_number(const char **p, const char *end)
{
	if (*p < end && **p == '-')
		(*p)++;
	if (*p < end && **p == '0')
		(*p)++;
	else if (!json_digits(p, end))
		return false;
	if (*p < end && **p == '.' && (++*p, !json_digits(p, end)))
		return false;
	if (*p < end && (**p == 'e' || **p == 'E')) {
		(*p)++;
		if (*p < end && (**p == '+' || **p == '-'))
			(*p)++;
		if (!json_digits(p, end))
			return false;
	}
	return true;
}

static bool json_value(const char **p, const char *end, int depth);

/* An array or an object (with "key": before each value). */
static bool json_list(const char **p, const char *end, int depth, char close)
{
	(*p)++;
	json_space(p, end);
	if (*p < end && **p == close) {
		(*p)++;
		return true;
	}
	for (;;) {
		json_space(p, end);
		if (close == '}') {
			if (!json_string(p, end))
				return false;
			json_space(p, end);
			if (*p >= end || *(*p)++ != ':')
				return false;
		}
		if (!json_value(p, end, depth + 1))
			return false;
		json_space(p, end);
		if (*p < end && **p == ',') {
			(*p)++;
			continue;
		}
		if (*p < end && **p == close) {
			(*p)++;
			return true;
		}
		return false;
	}
}

static bool json_value(const char **p, const char *end, int depth)
{
	json_space(p, end);
	if (*p >= end || depth > 64)
		return false;
	switch (**p) {
	case '{': return json_list(p, end, depth, '}');
	case '[': return json_list(p, end, depth, ']');
	case '"': return json_string(p, end);
	case 't': return json_literal(p, end, "true");
	case 'f': return json_literal(p, end, "false");
	case 'n': return json_literal(p, end, "null");
	default: return json_number(p, end);
	}
}

bool fuzz_json_valid(const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	if (!json_value(&p, end, 0))
		return false;
	json_space(&p, end);
	return p == end;
}

/* Every record of the CSV file at path has as many fields as the first;
 * the reader accepts the whole file. */
static void check_csv_file(const char *path, const char *what)
{
	st_err err;
	csv_reader *r = csv_open(path, &err);
	char **fields;
	int n, first = -1, rc;

	if (!r)
		fuzz_fail("%s: cannot read it back: %s", what, err.msg);
	while ((rc = csv_next(r, &fields, &n, &err)) == 1) {
		if (first < 0)
			first = n;
		else if (n != first)
			fuzz_fail("%s: line %d has %d fields, the header %d", what, csv_line(r), n, first);
	}
	if (rc < 0)
		fuzz_fail("%s: stemtui's own CSV reader refuses it: %s", what, err.msg);
	csv_close(r);
}

static char xml_error[1024];

static void keep_xml_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	if (!*xml_error && e && e->message)
		snprintf(xml_error, sizeof xml_error, "line %d: %s", e->line, e->message);
}

/* text is a REFI-QDA codebook: well-formed and valid against the
 * schema in tests/data/refi-qda. */
static void check_qdc(const char *text, size_t len, const char *what)
{
	static xmlSchemaPtr schema;
	char path[4200];
	xmlSchemaValidCtxtPtr vc;
	xmlDocPtr doc;
	int rc;

	*xml_error = '\0';
	xmlSetStructuredErrorFunc(NULL, keep_xml_error);
	if (!schema) {
		xmlSchemaParserCtxtPtr pc;

		snprintf(path, sizeof path, "%s/tests/data/refi-qda/Codebook.xsd", srcdir());
		pc = xmlSchemaNewParserCtxt(path);
		schema = pc ? xmlSchemaParse(pc) : NULL;
		xmlSchemaFreeParserCtxt(pc);
		if (!schema) {
			fprintf(stderr, "fuzz: cannot read the schema %s: %s\n", path, xml_error);
			exit(99);
		}
	}
	doc = xmlReadMemory(text, (int)len, "export.qdc", NULL, XML_PARSE_NONET);
	if (!doc)
		fuzz_fail("%s: not well-formed XML: %s", what, xml_error);
	vc = xmlSchemaNewValidCtxt(schema);
	rc = vc ? xmlSchemaValidateDoc(vc, doc) : -1;
	xmlSchemaFreeValidCtxt(vc);
	xmlFreeDoc(doc);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (rc != 0)
		fuzz_fail("%s: not valid REFI-QDA: %s", what, xml_error);
}

char *fuzz_export(sqlite3 *db, enum export_what what, enum export_format format,
		  const export_options *o)
{
	export_options opt = { 0 };
	char *text = NULL, name[64];
	size_t len = 0;
	st_err err;
	FILE *f;

	if (o)
		opt = *o;
	opt.what = what;
	opt.format = format;
	snprintf(name, sizeof name, "export %s as %s", export_what_name[what],
		 export_format_name[format]);
	f = open_memstream(&text, &len);
	if (!f)
		abort();
	if (export_write(db, &opt, f, &err) != 0)
		fuzz_fail("%s: fails: %s", name, err.msg);
	fclose(f);
	if (format == EXFMT_JSON && !fuzz_json_valid(text, len))
		fuzz_fail("%s: not valid JSON:\n%s", name, text);
	if (format == EXFMT_CSV)
		check_csv_file(fuzz_write("export.csv", (const uint8_t *)text, len), name);
	if (format == EXFMT_QDC)
		check_qdc(text, len, name);
	return text;
}

/* What csv.c gives back for a field emit.c wrote: line breaks as "\n",
 * and the apostrophe that keeps a spreadsheet from running a formula. */
static char *csv_expected(const char *field)
{
	char *out = malloc(strlen(field) + 2), *o = out;

	if (!out)
		abort();
	if (*field && strchr("=+-@\t\r", *field))
		*o++ = '\'';
	for (; *field; field++) {
		if (*field == '\r') {
			*o++ = '\n';
			if (field[1] == '\n')
				field++;
		} else {
			*o++ = *field;
		}
	}
	*o = '\0';
	return out;
}

void fuzz_csv_roundtrip(const char *const *fields, int n)
{
	char path[4200], **got;
	st_err err;
	csv_reader *r;
	FILE *f;
	int i, ngot;

	/* A first field of our own: a byte-order mark at the start of a
	 * file is the reader's to skip, whatever the data. */
	snprintf(path, sizeof path, "%s/roundtrip.csv", fuzz_dir());
	f = fopen(path, "wb");
	if (!f)
		abort();
	emit_csv_field(f, "row", true);
	for (i = 0; i < n; i++)
		emit_csv_field(f, fields[i], false);
	emit_csv_end(f);
	fclose(f);
	r = csv_open(path, &err);
	if (!r || csv_next(r, &got, &ngot, &err) != 1)
		fuzz_fail("CSV written by emit.c is not read back by csv.c: %s", err.msg);
	if (ngot != n + 1)
		fuzz_fail("CSV round trip: %d fields written, %d read", n + 1, ngot);
	for (i = 0; i < n; i++) {
		char *want = csv_expected(fields[i]);

		if (strcmp(got[i + 1], want) != 0)
			fuzz_fail("CSV round trip: field %d written as \"%s\", read as \"%s\"", i + 1,
				  fields[i], got[i + 1]);
		free(want);
	}
	csv_close(r);
}
