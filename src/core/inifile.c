/* inifile.c: see inifile.h. */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#if HAVE_INIPARSER_INIPARSER_H
#include <iniparser/iniparser.h>
#else
#include <iniparser.h>        /* FreeBSD, and where the .pc points inside */
#endif

#include "core/fsutil.h"
#include "core/i18n.h"
#include "core/inifile.h"
#include "core/strmap.h"
#include "core/text.h"

/* libiniparser's line buffer (ASCIILINESZ) is 1024 bytes: a line, with
 * its line end and the NUL after it, or a value continued over several
 * lines with a backslash, must fit in it. */
#define INI_LINE_MAX 1024

/* One section header or key, where it stands in the file.  A section's
 * keys follow its header (a section appears once). */
struct ini_entry {
	char *section;
	char *key;     /* NULL for the section header itself */
	char *raw;     /* a key's value as written (continuations joined) */
	int line;
	int keys;      /* a section header: how many keys follow it */
};

struct ini_file {
	char *path;
	dictionary *dict;
	struct ini_entry *entry;
	int n, cap;
	strmap *where;     /* "section" and "section\nkey" -> index in entry */
	int *section;      /* the entries of the section headers, in order */
	int nsections;
	bool bom;          /* the file starts with a UTF-8 byte-order mark */
};

/* The byte-order mark some editors put before UTF-8 text (Notepad's
 * "UTF-8 with BOM"). */
#define UTF8_BOM "\xef\xbb\xbf"

static void lower_ascii(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* The key entries are found by: the section, or section and key with a
 * line break between them (neither can hold one). */
static char *where_key(const char *section, const char *key)
{
	size_t n = strlen(section), k = key ? strlen(key) : 0;
	char *s = malloc(n + k + 2);

	if (!s)
		return NULL;
	memcpy(s, section, n + 1);
	if (key) {
		s[n] = '\n';
		memcpy(s + n + 1, key, k + 1);
	}
	return s;
}

/* Index of the entry for (section, key), or -1. */
static int find_entry(const ini_file *ini, const char *section, const char *key)
{
	char *w = where_key(section, key);
	long long *at = w ? strmap_get(ini->where, w) : NULL;

	free(w);
	return at ? (int)*at : -1;
}

static int add_section(ini_file *ini, int entry)
{
	int *grown = realloc(ini->section, (size_t)(ini->nsections + 1) * sizeof *grown);

	if (!grown)
		return -1;
	ini->section = grown;
	ini->section[ini->nsections++] = entry;
	return 0;
}

static int add_entry(ini_file *ini, const char *section, const char *key, const char *raw,
		     int line)
{
	struct ini_entry *e;
	char *w;
	int rc;

	if (ini->n == ini->cap) {
		int cap = ini->cap ? ini->cap * 2 : 32;
		e = realloc(ini->entry, (size_t)cap * sizeof *e);
		if (!e)
			return -1;
		ini->entry = e;
		ini->cap = cap;
	}
	e = &ini->entry[ini->n];
	memset(e, 0, sizeof *e);
	e->section = strdup(section);
	e->key = key ? strdup(key) : NULL;
	e->raw = raw ? strdup(raw) : NULL;
	e->line = line;
	w = where_key(section, key);
	rc = e->section && (!key || e->key) && (!raw || e->raw) && w ? 0 : -1;
	if (rc == 0)
		rc = strmap_put(ini->where, w, ini->n);
	if (rc == 0)
		rc = key ? 0 : add_section(ini, ini->n);
	free(w);
	if (rc != 0) {
		free(e->section);
		free(e->key);
		free(e->raw);
		return -1;
	}
	if (key)
		ini->entry[ini->section[ini->nsections - 1]].keys++;
	ini->n++;
	return 0;
}

/* Whether a value in quotes has text after its closing quote: libiniparser
 * ends the value there and drops the rest without a word ("a ""b"" c"
 * gives "a "), so such a line is refused rather than cut short.  A
 * comment may follow. */
static bool text_after_quote(const char *value)
{
	const char *close;

	value += strspn(value, " \t");
	if (*value != '"' && *value != '\'')
		return false;
	close = strchr(value + 1, *value);
	if (!close)
		return false;
	close += 1 + strspn(close + 1, " \t");
	return *close && *close != ';' && *close != '#';
}

/* Records one logical line (continuations already joined). */
static int index_line(ini_file *ini, char *line, int lineno, char *section,
		      size_t section_size, st_err *err)
{
	char *eq, *end;
	int prev;

	text_trim(line);
	if (!*line || *line == '#' || *line == ';')
		return 0;
	if (*line == '[') {
		end = strchr(line, ']');
		if (!end)
			return st_err_set(err, _("%s:%d: a section header needs a closing ]"),
					  ini->path, lineno);
		*end = '\0';
		snprintf(section, section_size, "%s", line + 1);
		text_trim(section);
		lower_ascii(section);
		prev = find_entry(ini, section, NULL);
		if (prev >= 0)
			return st_err_set(err, _("%s:%d: section [%s] appears twice (first on line %d)"),
					  ini->path, lineno, section, ini->entry[prev].line);
		return add_entry(ini, section, NULL, NULL, lineno);
	}
	eq = strchr(line, '=');
	if (!eq)
		return st_err_set(err, _("%s:%d: expected \"key = value\""), ini->path, lineno);
	if (!*section)
		return st_err_set(err, _("%s:%d: a key before any [section]"), ini->path, lineno);
	if (text_after_quote(eq + 1))
		return st_err_set(err, _("%s:%d: text after the closing quote (a value in quotes ends "
					 "at its second quote; to keep quotes in a value, leave out "
					 "the quotes around it)"), ini->path, lineno);
	*eq = '\0';
	text_trim(line);
	lower_ascii(line);
	if (!*line)
		return st_err_set(err, _("%s:%d: a value without a key"), ini->path, lineno);
	prev = find_entry(ini, section, line);
	if (prev >= 0)
		return st_err_set(err, _("%s:%d: key \"%s\" appears twice in [%s] (first on line %d)"),
				  ini->path, lineno, line, section, ini->entry[prev].line);
	return add_entry(ini, section, line, text_trim(eq + 1), lineno);
}

/* The error for a line (line, from lineno) past libiniparser's buffer:
 * it names the key when there is one. */
static int too_long(const ini_file *ini, const char *line, int lineno, st_err *err)
{
	const char *eq = strchr(line, '=');
	char key[64];
	size_t n;

	if (!eq || *line == '[')
		return st_err_set(err, _("%s:%d: the line is too long (at most %d characters)"),
				  ini->path, lineno, INI_TEXT_MAX);
	n = (size_t)(eq - line);
	snprintf(key, sizeof key, "%.*s", (int)(n < sizeof key ? n : sizeof key - 1), line);
	return st_err_set(err, _("%s:%d: the value of \"%s\" is too long (a key and its value"
				 " take at most %d bytes, also over several lines)"),
			  ini->path, lineno, text_trim(key), INI_TEXT_MAX);
}

/* Reads one line of f, its line break included, into buf (size bytes),
 * but never more than size - 1 bytes of it: a line past that (a file of
 * zeros) is not read to its end.  The bytes read (NUL bytes count), or -1
 * at the end of the file. */
static ssize_t read_line(FILE *f, char *buf, size_t size)
{
	size_t n = 0;
	int c = 0;

	while (n + 1 < size && c != '\n' && (c = getc(f)) != EOF)
		buf[n++] = (char)c;
	buf[n] = '\0';
	return n == 0 && c == EOF ? -1 : (ssize_t)n;
}

/* Scans the file for the line of every section and key. */
static int index_file(ini_file *ini, FILE *f, st_err *err)
{
	/* Room for a line one byte past the limit and its line break. */
	char section[1024] = "", buf[INI_LINE_MAX + 3], *logical = NULL, *grown;
	size_t llen = 0;
	ssize_t got;
	int lineno = 0, start = 0, rc = 0;

	while (rc == 0 && (got = read_line(f, buf, sizeof buf)) >= 0) {
		lineno++;
		if (!logical)
			start = lineno;
		/* libiniparser refuses lines past its buffer without saying
		 * where, also a value continued over several lines: say it
		 * here, with the line and the key. */
		if (llen + (size_t)got > INI_LINE_MAX - 1) {
			rc = too_long(ini, logical ? logical : buf, logical ? start : lineno, err);
			break;
		}
		while (got > 0 && (buf[got - 1] == '\n' || buf[got - 1] == '\r'))
			buf[--got] = '\0';
		if (lineno == 1 && strncmp(buf, UTF8_BOM, 3) == 0) {
			ini->bom = true;
			memmove(buf, buf + 3, (size_t)got - 2);
			got -= 3;
		}
		if (text_utf8_end(buf, (size_t)got) != (size_t)got) {
			rc = st_err_set(err, _("%s:%d: the text is not valid UTF-8 (save the file as UTF-8)"),
					ini->path, lineno);
			break;
		}
		/* Comments too: a file holding an escape sequence is not one
		 * a person wrote. */
		if ((rc = text_refuse_controls(buf, (size_t)got, false, ini->path, lineno, err)) != 0)
			break;
		grown = realloc(logical, llen + (size_t)got + 1);
		if (!grown) {
			rc = st_err_set(err, _("out of memory"));
			break;
		}
		logical = grown;
		memcpy(logical + llen, buf, (size_t)got + 1);
		llen += (size_t)got;
		/* A trailing backslash continues the value, as in iniparser. */
		if (llen > 0 && logical[llen - 1] == '\\') {
			logical[--llen] = '\0';
			continue;
		}
		rc = index_line(ini, logical, start, section, sizeof section, err);
		free(logical);
		logical = NULL;
		llen = 0;
	}
	if (rc == 0 && ferror(f))
		rc = st_err_set(err, _("cannot read %s: %s"), ini->path, strerror(errno));
	free(logical);
	return rc;
}

/* libiniparser trims the blanks around a value but keeps those inside its
 * quotes ("  Visie "): trim those too, so that a value is the same
 * however it was quoted (and survives an export that trims, such as a
 * REFI-QDA description). */
static void trim_values(dictionary *d)
{
	ssize_t i;

	for (i = 0; i < d->size; i++)
		if (d->key[i] && d->val[i])
			text_trim(d->val[i]);
}

/* iniparser reports syntax errors through a callback; keep the last one. */
static char parse_error[512];

static int capture_error(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(parse_error, sizeof parse_error, fmt, ap);
	va_end(ap);
	return n;
}

/* Opens path for reading when it is a regular file: a device (/dev/zero)
 * never ends and a named pipe may never deliver, so both are refused
 * (without waiting for a writer to open the pipe).  NULL with err set. */
static FILE *open_regular(const char *path, st_err *err)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat sb;
	FILE *f;

	if (fd < 0) {
		st_err_set(err, _("cannot read %s: %s"), path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		st_err_set(err, _("cannot read %s: it is not a regular file"), path);
		close(fd);
		return NULL;
	}
	f = fdopen(fd, "r");
	if (!f) {
		st_err_set(err, _("cannot read %s: %s"), path, strerror(errno));
		close(fd);
	}
	return f;
}

/* iniparser reads a file by its name, and would take a byte-order mark
 * for part of the first line: it reads a private copy without one, in
 * the temporary folder.  The copy is removed at once.  *failed when the
 * copy could not be made (err says why). */
static dictionary *load_without_bom(const char *path, bool *failed, st_err *err)
{
	const char *dir = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char copy[4096], buf[4096];
	dictionary *d = NULL;
	FILE *in = open_regular(path, err), *out = NULL;
	size_t n;
	int fd = -1, ok;

	if (in && (fs_temp_template(copy, sizeof copy, dir, ".stemtui-ini-") != 0 ||
		   (fd = mkstemp(copy)) < 0 || !(out = fdopen(fd, "w")))) {
		st_err_set(err, _("cannot make a copy of %s in %s: %s"), path, dir,
			   strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(copy);
		}
		fclose(in);
		*failed = true;
		return NULL;
	}
	if (!in) {
		*failed = true;
		return NULL;
	}
	ok = fread(buf, 1, 3, in) == 3;
	while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
		ok = fwrite(buf, 1, n, out) == n;
	ok = ok && !ferror(in);
	fclose(in);
	ok = fclose(out) == 0 && ok;
	if (ok)
		d = iniparser_load(copy);
	else
		st_err_set(err, _("cannot read %s: %s"), path, strerror(errno));
	*failed = !ok;
	unlink(copy);
	return d;
}

ini_file *ini_open(const char *path, st_err *err)
{
	ini_file *ini = calloc(1, sizeof *ini);
	bool copy_failed = false;
	FILE *f;

	if (!ini || !(ini->path = strdup(path)) || !(ini->where = strmap_new())) {
		if (ini)
			free(ini->path);
		free(ini);
		st_err_set(err, _("out of memory"));
		return NULL;
	}
	f = open_regular(path, err);
	if (!f) {
		ini_close(ini);
		return NULL;
	}
	if (index_file(ini, f, err) != 0) {
		fclose(f);
		ini_close(ini);
		return NULL;
	}
	fclose(f);
	parse_error[0] = '\0';
	iniparser_set_error_callback(capture_error);
	ini->dict = ini->bom ? load_without_bom(path, &copy_failed, err) : iniparser_load(path);
	iniparser_set_error_callback(NULL);
	if (ini->dict)
		trim_values(ini->dict);
	if (copy_failed) {
		ini_close(ini);
		return NULL;
	}
	if (!ini->dict) {
		text_trim(parse_error);
		st_err_set(err, _("%s: cannot read it as an INI file: %s"), path,
			   parse_error[0] ? parse_error : _("syntax error"));
		ini_close(ini);
		return NULL;
	}
	return ini;
}

void ini_close(ini_file *ini)
{
	int i;

	if (!ini)
		return;
	for (i = 0; i < ini->n; i++) {
		free(ini->entry[i].section);
		free(ini->entry[i].key);
		free(ini->entry[i].raw);
	}
	free(ini->entry);
	free(ini->section);
	strmap_free(ini->where);
	if (ini->dict)
		iniparser_freedict(ini->dict);
	free(ini->path);
	free(ini);
}

const char *ini_path(const ini_file *ini)
{
	return ini->path;
}

int ini_section_count(const ini_file *ini)
{
	return ini->nsections;
}

/* The i-th section header entry, or NULL. */
static const struct ini_entry *nth_section(const ini_file *ini, int i)
{
	return i >= 0 && i < ini->nsections ? &ini->entry[ini->section[i]] : NULL;
}

const char *ini_section_name(const ini_file *ini, int i)
{
	const struct ini_entry *e = nth_section(ini, i);

	return e ? e->section : NULL;
}

int ini_section_line(const ini_file *ini, int i)
{
	const struct ini_entry *e = nth_section(ini, i);

	return e ? e->line : 0;
}

int ini_key_count(const ini_file *ini, const char *section)
{
	int i = find_entry(ini, section, NULL);

	return i >= 0 ? ini->entry[i].keys : 0;
}

const char *ini_key_name(const ini_file *ini, const char *section, int i)
{
	int at = find_entry(ini, section, NULL);

	return at >= 0 && i >= 0 && i < ini->entry[at].keys ? ini->entry[at + 1 + i].key : NULL;
}

int ini_line(const ini_file *ini, const char *section, const char *key)
{
	int i = find_entry(ini, section, key);

	return i >= 0 ? ini->entry[i].line : 0;
}

int ini_error(st_err *err, const ini_file *ini, int line, const char *fmt, ...)
{
	char reason[ST_ERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	return st_err_set(err, "%s:%d: %s", ini_path(ini), line, reason);
}

const char *ini_get(const ini_file *ini, const char *section, const char *key)
{
	char full[2048];

	if (find_entry(ini, section, key) < 0)
		return NULL;
	snprintf(full, sizeof full, "%s:%s", section, key);
	return iniparser_getstring(ini->dict, full, NULL);
}

const char *ini_raw(const ini_file *ini, const char *section, const char *key)
{
	int i = find_entry(ini, section, key);

	return i >= 0 && key ? ini->entry[i].raw : NULL;
}
