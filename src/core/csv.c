/* csv.c: see csv.h.
 *
 * A small state machine over getc: a record is read into one buffer
 * (fields separated by NULs) and only then split into the field array,
 * so the buffer may move while it grows. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/i18n.h"
#include "core/text.h"

/* The most fields a record may have: a sign-up list has a few columns,
 * and a line of a million commas must not take a million fields. */
#define CSV_FIELDS_MAX 1000

struct csv_reader {
	FILE *f;
	char *path;
	int line;          /* the line being read (1-based) */
	int record_line;   /* where the last record started */
	int field_line;    /* where the field being read started */
	bool at_end;
	char *buf;         /* the record: fields, each ending in NUL */
	size_t len, cap;
	size_t *start;     /* offsets of the fields in buf */
	char **field;      /* what csv_next hands out */
	int nfields, fcap;
	char **heading;    /* the first record's fields, to name a column */
	int nheadings;
};

csv_reader *csv_open(const char *path, st_err *err)
{
	csv_reader *r = calloc(1, sizeof *r);

	if (!r || !(r->path = strdup(path))) {
		free(r);
		st_err_set(err, _("out of memory"));
		return NULL;
	}
	r->f = fopen(path, "rb");
	if (!r->f) {
		st_err_set(err, _("cannot read %s: %s"), path, strerror(errno));
		csv_close(r);
		return NULL;
	}
	r->line = 1;
	/* Spreadsheets write a byte-order mark before UTF-8 text. */
	if (getc(r->f) == 0xef && getc(r->f) == 0xbb && getc(r->f) == 0xbf)
		return r;
	rewind(r->f);
	return r;
}

void csv_close(csv_reader *r)
{
	if (!r)
		return;
	if (r->f)
		fclose(r->f);
	free(r->path);
	free(r->buf);
	free(r->start);
	free(r->field);
	while (r->nheadings > 0)
		free(r->heading[--r->nheadings]);
	free(r->heading);
	free(r);
}

int csv_line(const csv_reader *r)
{
	return r->record_line;
}

static int csv_error(csv_reader *r, int line, const char *reason, st_err *err)
{
	return st_err_set(err, "%s:%d: %s", r->path, line, reason);
}

/* A field past TEXT_FIELD_MAX: refused, naming its column by the first
 * record's heading when it has one. */
static int too_long(csv_reader *r, st_err *err)
{
	int col = r->nfields;
	char what[128];

	if (col <= r->nheadings && *r->heading[col - 1])
		/* TRANSLATORS: a column of a CSV file, named by its heading. */
		snprintf(what, sizeof what, _("the field in column %d (\"%.40s\")"), col,
			 r->heading[col - 1]);
	else
		snprintf(what, sizeof what, _("the field in column %d"), col);
	return text_field_too_long(err, r->path, r->field_line, what);
}

static int store_byte(csv_reader *r, int c, st_err *err)
{
	char *grown;

	if (r->len + 1 >= r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		grown = realloc(r->buf, r->cap);
		if (!grown)
			return st_err_set(err, _("out of memory"));
		r->buf = grown;
	}
	r->buf[r->len++] = (char)c;
	return 0;
}

/* A byte of the field being read, which may not grow past TEXT_FIELD_MAX. */
static int put_byte(csv_reader *r, int c, st_err *err)
{
	if (r->len - r->start[r->nfields - 1] >= TEXT_FIELD_MAX)
		return too_long(r, err);
	return store_byte(r, c, err);
}

/* Notes where a field starts. */
static int begin_field(csv_reader *r, st_err *err)
{
	size_t *grown;

	if (r->nfields == CSV_FIELDS_MAX)
		return st_err_set(err, _("%s:%d: a record has more than %d fields"), r->path,
				  r->record_line, CSV_FIELDS_MAX);
	if (r->nfields == r->fcap) {
		r->fcap = r->fcap ? r->fcap * 2 : 16;
		grown = realloc(r->start, (size_t)r->fcap * sizeof *grown);
		if (!grown)
			return st_err_set(err, _("out of memory"));
		r->start = grown;
	}
	r->start[r->nfields++] = r->len;
	return 0;
}

/* Checks that the field from offset `from` is UTF-8 text (no NUL, which a
 * UTF-16 file is full of) without control characters other than tab and
 * line break; on failure, the line of the bad byte. */
static int check_text(csv_reader *r, size_t from, int line, st_err *err)
{
	size_t n = r->len - from, end, i;
	const char *s;

	/* An empty first field: no buffer yet (NULL + 0 is undefined). */
	if (n == 0)
		return 0;
	s = r->buf + from;
	end = text_utf8_end(s, n);
	if (end == n)
		return text_refuse_controls(s, n, true, r->path, line, err);
	for (i = 0; i < end; i++)
		if (s[i] == '\n')
			line++;
	return csv_error(r, line, _("the text is not valid UTF-8 (save the file as CSV UTF-8)"), err);
}

/* After a CR: a following LF belongs to it. */
static void skip_lf(csv_reader *r)
{
	int c = getc(r->f);

	if (c != '\n' && c != EOF)
		ungetc(c, r->f);
}

/* Reads a quoted field, its opening quote already read; *next gets the
 * character after it (a comma, a line end or EOF). */
static int read_quoted(csv_reader *r, int *next, st_err *err)
{
	int open_line = r->line, c;

	for (;;) {
		c = getc(r->f);
		if (c == EOF)
			return csv_error(r, open_line, _("a quoted field is not closed (a \" is "
							 "missing)"), err);
		if (c == '"') {
			c = getc(r->f);
			if (c != '"')
				break;
		} else if (c == '\r' || c == '\n') {
			/* A line break inside quotes is part of the value, as LF. */
			if (c == '\r')
				skip_lf(r);
			r->line++;
			c = '\n';
		}
		if (put_byte(r, c, err) != 0)
			return -1;
	}
	if (c != ',' && c != '\r' && c != '\n' && c != EOF)
		return csv_error(r, r->line, _("text after the closing quote of a field (a "
						"quote inside a value must be doubled: \"\")"), err);
	*next = c;
	return 0;
}

/* Reads an unquoted field starting with c; *next as above.  A quote in
 * the middle of one is kept as it is, as spreadsheets read it. */
static int read_plain(csv_reader *r, int c, int *next, st_err *err)
{
	while (c != ',' && c != '\r' && c != '\n' && c != EOF) {
		if (put_byte(r, c, err) != 0)
			return -1;
		c = getc(r->f);
	}
	*next = c;
	return 0;
}

/* Skips empty lines; false at the end of the file. */
static bool skip_empty_lines(csv_reader *r)
{
	int c;

	while ((c = getc(r->f)) == '\r' || c == '\n') {
		if (c == '\r')
			skip_lf(r);
		r->line++;
	}
	if (c == EOF)
		return false;
	ungetc(c, r->f);
	return true;
}

/* Reads one record into buf; the file is positioned at its start. */
static int read_record(csv_reader *r, st_err *err)
{
	int c, next, line;
	size_t from;

	do {
		line = r->field_line = r->line;
		if (begin_field(r, err) != 0)
			return -1;
		from = r->len;
		c = getc(r->f);
		if (c == '"' ? read_quoted(r, &next, err) != 0 : read_plain(r, c, &next, err) != 0)
			return -1;
		if (check_text(r, from, line, err) != 0 || store_byte(r, '\0', err) != 0)
			return -1;
	} while (next == ',');
	if (next == '\r')
		skip_lf(r);
	if (next == EOF)
		r->at_end = true;
	else
		r->line++;
	return 0;
}

/* Keeps the first record's fields (a header row, in the files read here)
 * to name a column in messages. */
static int keep_headings(csv_reader *r)
{
	r->heading = calloc((size_t)r->nfields + 1, sizeof *r->heading);
	if (!r->heading)
		return -1;
	for (; r->nheadings < r->nfields; r->nheadings++) {
		r->heading[r->nheadings] = strdup(r->field[r->nheadings]);
		if (!r->heading[r->nheadings])
			return -1;
	}
	return 0;
}

int csv_next(csv_reader *r, char ***fields, int *nfields, st_err *err)
{
	char **grown;
	int i;

	*fields = NULL;
	*nfields = 0;
	r->len = 0;
	r->nfields = 0;
	if (r->at_end || !skip_empty_lines(r)) {
		r->at_end = true;
		if (ferror(r->f))
			return st_err_set(err, _("cannot read %s: %s"), r->path, strerror(errno));
		return 0;
	}
	r->record_line = r->line;
	if (read_record(r, err) != 0)
		return -1;
	if (ferror(r->f))
		return st_err_set(err, _("cannot read %s: %s"), r->path, strerror(errno));
	grown = realloc(r->field, (size_t)r->nfields * sizeof *grown);
	if (!grown)
		return st_err_set(err, _("out of memory"));
	r->field = grown;
	for (i = 0; i < r->nfields; i++)
		r->field[i] = r->buf + r->start[i];
	if (!r->heading && keep_headings(r) != 0)
		return st_err_set(err, _("out of memory"));
	*fields = r->field;
	*nfields = r->nfields;
	return 1;
}
