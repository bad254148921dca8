/* csv.c: see csv.h.
 *
 * A small state machine over getc: a record is read into one buffer
 * (fields separated by NULs) and only then split into the field array,
 * so the buffer may move while it grows.  The bytes that structure a
 * file (separators, quotes, line ends) are ASCII in UTF-8 and
 * Windows-1252 alike, so a field is read as bytes and converted to
 * UTF-8 once it is whole. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <strings.h>
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
	char sep;          /* ',' or ';' */
	enum csv_encoding encoding;  /* CSV_UTF8 or CSV_WINDOWS_1252 */
	int guessed_line;  /* csv_guessed_line */
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

/* The names --encoding takes, with the usual other spellings. */
static const struct encoding_name {
	const char *name;
	enum csv_encoding encoding;
} encoding_names[] = {
	{ "auto", CSV_AUTO }, { "utf-8", CSV_UTF8 }, { "utf8", CSV_UTF8 },
	{ "windows-1252", CSV_WINDOWS_1252 }, { "cp1252", CSV_WINDOWS_1252 },
};

int csv_encoding_from_name(const char *name)
{
	size_t i;

	for (i = 0; name && i < sizeof encoding_names / sizeof encoding_names[0]; i++)
		if (strcasecmp(name, encoding_names[i].name) == 0)
			return (int)encoding_names[i].encoding;
	return -1;
}

/* What CSV_AUTO learns from reading the file through once. */
struct csv_scan {
	bool nul, utf8_char;   /* a NUL byte; a character of two bytes or more */
	bool after_cr;         /* the byte before was a CR */
	int bad_line;          /* the line of the first byte not UTF-8, or 0 */
};

/* Scans buf[0..n) from line *line on; returns how many bytes it took
 * (fewer than n when the last ones may begin a character that the next
 * read completes, unless at_end). */
static size_t scan_bytes(struct csv_scan *sc, const unsigned char *buf, size_t n, bool at_end,
			 int *line)
{
	size_t i = 0, used;
	uint32_t cp;

	while (i < n) {
		if (buf[i] < 0x80) {
			/* Lines as the reader counts them: CRLF, LF or CR. */
			if (buf[i] == '\r' || (buf[i] == '\n' && !sc->after_cr))
				(*line)++;
			sc->nul |= buf[i] == 0;
			sc->after_cr = buf[i] == '\r';
			i++;
			continue;
		}
		used = text_decode((const char *)buf + i, n - i, &cp);
		sc->after_cr = false;
		if (used == 1 && cp == 0xfffd) {
			if (!at_end && n - i < 4)
				break;
			if (!sc->bad_line)
				sc->bad_line = *line;
		} else {
			sc->utf8_char = true;
		}
		i += used;
	}
	return i;
}

/* After reading ahead: the file at start again, or an error when reading
 * failed. */
static int back_to(csv_reader *r, long start, st_err *err)
{
	if (ferror(r->f) || start < 0 || fseek(r->f, start, SEEK_SET) != 0)
		return st_err_set(err, _("cannot read %s: %s"), r->path,
				  strerror(errno ? errno : EIO));
	return 0;
}

/* Reads the file from where it is to its end, or until what it holds
 * settles the question: a NUL (UTF-16, or /dev/zero) or both UTF-8
 * characters and bytes that are not; then goes back to where it was. */
static int scan_file(csv_reader *r, struct csv_scan *sc, st_err *err)
{
	unsigned char buf[4096];
	long start = ftell(r->f);
	size_t kept = 0, n, used;
	int line = 1;
	bool at_end = false;

	while (!at_end && !sc->nul && !(sc->bad_line && sc->utf8_char)) {
		n = fread(buf + kept, 1, sizeof buf - kept, r->f);
		at_end = n < sizeof buf - kept;
		n += kept;
		used = scan_bytes(sc, buf, n, at_end, &line);
		kept = n - used;
		memmove(buf, buf + used, kept);
	}
	return back_to(r, start, err);
}

/* CSV_AUTO: what the file is (see csv.h). */
static int choose_encoding(csv_reader *r, st_err *err)
{
	struct csv_scan sc = { false, false, false, 0 };

	if (scan_file(r, &sc, err) != 0)
		return -1;
	r->encoding = CSV_UTF8;
	if (!sc.bad_line || sc.nul)
		return 0;
	if (sc.utf8_char)
		return st_err_set(err, _("%s:%d: the text is not valid UTF-8, though other text in"
					 " the file is (save the file as CSV UTF-8, or give the"
					 " encoding: --encoding windows-1252)"), r->path,
				  sc.bad_line);
	r->encoding = CSV_WINDOWS_1252;
	r->guessed_line = sc.bad_line;
	return 0;
}

/* The separator: ';' when the first record holds more of them than
 * commas outside quotes (in its first TEXT_FIELD_MAX bytes: a file of
 * one endless line must not be read to its end here), else ','.  The
 * file is where it was after. */
static int choose_separator(csv_reader *r, st_err *err)
{
	long start = ftell(r->f);
	int c, commas = 0, semicolons = 0;
	bool quoted = false, started = false;
	size_t seen = 0;

	while (seen++ < TEXT_FIELD_MAX && (c = getc(r->f)) != EOF) {
		if (!quoted && (c == '\r' || c == '\n')) {
			if (started)
				break;
			continue;   /* empty lines before the header */
		}
		started = true;
		if (c == '"')
			quoted = !quoted;
		else if (!quoted && c == ',')
			commas++;
		else if (!quoted && c == ';')
			semicolons++;
	}
	r->sep = semicolons > commas ? ';' : ',';
	return back_to(r, start, err);
}

/* f, or when it cannot go back (a pipe: /dev/stdin, <(...)), a temporary
 * file holding what it holds, since the reader reads ahead; f is closed
 * then.  NULL when that cannot be made. */
static FILE *seekable(FILE *f)
{
	char buf[4096];
	size_t n;
	FILE *copy;

	if (fseek(f, 0, SEEK_CUR) == 0)
		return f;
	copy = tmpfile();
	while (copy && (n = fread(buf, 1, sizeof buf, f)) > 0)
		if (fwrite(buf, 1, n, copy) != n)
			break;
	if (copy && (ferror(f) || ferror(copy) || fseek(copy, 0, SEEK_SET) != 0)) {
		fclose(copy);
		copy = NULL;
	}
	fclose(f);
	return copy;
}

/* Whether f starts with UTF-16's byte-order mark, either way round (a
 * list saved as "Unicode text"), which no byte of the UTF-8 or
 * Windows-1252 a list may be read as would start with.  Leaves f at its
 * start. */
static bool starts_utf16(FILE *f)
{
	int a = getc(f), b = getc(f);

	rewind(f);
	return (a == 0xff && b == 0xfe) || (a == 0xfe && b == 0xff);
}

csv_reader *csv_open_as(const char *path, enum csv_encoding encoding, st_err *err)
{
	csv_reader *r = calloc(1, sizeof *r);
	bool bom;

	if (!r || !(r->path = strdup(path))) {
		free(r);
		st_err_set(err, _("out of memory"));
		return NULL;
	}
	r->f = fopen(path, "rb");
	if (r->f)
		r->f = seekable(r->f);
	if (!r->f) {
		st_err_set(err, _("cannot read %s: %s"), path, strerror(errno ? errno : EIO));
		csv_close(r);
		return NULL;
	}
	r->line = 1;
	r->encoding = encoding == CSV_AUTO ? CSV_UTF8 : encoding;
	if (starts_utf16(r->f)) {
		st_err_set(err, _("%s:1: the file is UTF-16 (as Excel saves \"Unicode text\"): save "
				  "it as CSV UTF-8"), path);
		csv_close(r);
		return NULL;
	}
	/* Spreadsheets write a byte-order mark before UTF-8 text. */
	bom = getc(r->f) == 0xef && getc(r->f) == 0xbb && getc(r->f) == 0xbf;
	if (!bom)
		rewind(r->f);
	if ((encoding == CSV_AUTO && !bom && choose_encoding(r, err) != 0) ||
	    choose_separator(r, err) != 0) {
		csv_close(r);
		return NULL;
	}
	return r;
}

csv_reader *csv_open(const char *path, st_err *err)
{
	return csv_open_as(path, CSV_UTF8, err);
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

enum csv_encoding csv_encoding_of(const csv_reader *r)
{
	return r->encoding;
}

char csv_separator(const csv_reader *r)
{
	return r->sep;
}

int csv_guessed_line(const csv_reader *r)
{
	return r->guessed_line;
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

/* The characters Windows-1252 has at 0x80..0x9F, where Latin-1 has C1
 * controls; the five it leaves unused stay those controls. */
static const uint16_t cp1252_high[32] = {
	0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
	0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
};

/* Converts the field from offset `from` (Windows-1252) to UTF-8 in place.
 * A table rather than iconv: two encodings only, and no conversion
 * module that a system may lack at run time. */
static int from_cp1252(csv_reader *r, size_t from, st_err *err)
{
	size_t n = r->len - from, i;
	unsigned char *raw;
	char utf8[4];
	size_t k, used;
	int rc = 0;

	for (i = 0; i < n && (unsigned char)r->buf[from + i] < 0x80; i++)
		;
	if (i == n)
		return 0;
	raw = malloc(n);
	if (!raw)
		return st_err_set(err, _("out of memory"));
	memcpy(raw, r->buf + from, n);
	r->len = from + i;
	for (; i < n && rc == 0; i++) {
		uint32_t cp = raw[i] >= 0x80 && raw[i] < 0xa0 ? cp1252_high[raw[i] - 0x80] : raw[i];

		used = text_encode(cp, utf8);
		for (k = 0; k < used && rc == 0; k++)
			rc = put_byte(r, utf8[k], err);
	}
	free(raw);
	return rc;
}

/* Checks that the field from offset `from` (converted to UTF-8 first in a
 * Windows-1252 file) is UTF-8 text (no NUL, which a UTF-16 file is full
 * of) without control characters other than tab and line break; on
 * failure, the line of the bad byte. */
static int check_text(csv_reader *r, size_t from, int line, st_err *err)
{
	size_t n = r->len - from, end, i;
	const char *s;

	/* An empty first field: no buffer yet (NULL + 0 is undefined). */
	if (n == 0)
		return 0;
	if (r->encoding == CSV_WINDOWS_1252) {
		if (from_cp1252(r, from, err) != 0)
			return -1;
		n = r->len - from;
	}
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
 * character after it (the separator, a line end or EOF). */
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
	if (c != r->sep && c != '\r' && c != '\n' && c != EOF)
		return csv_error(r, r->line, _("text after the closing quote of a field (a "
						"quote inside a value must be doubled: \"\")"), err);
	*next = c;
	return 0;
}

/* Reads an unquoted field starting with c; *next as above.  A quote in
 * the middle of one is kept as it is, as spreadsheets read it. */
static int read_plain(csv_reader *r, int c, int *next, st_err *err)
{
	while (c != r->sep && c != '\r' && c != '\n' && c != EOF) {
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
	} while (next == r->sep);
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
