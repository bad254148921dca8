/* inifile.c: see inifile.h. */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iniparser/iniparser.h>

#include "core/i18n.h"
#include "core/inifile.h"
#include "core/text.h"

/* libiniparser's line buffer (ASCIILINESZ) is 1024 bytes. */
#define INI_LINE_MAX 1024

/* One section header or key, where it stands in the file. */
struct ini_entry {
	char *section;
	char *key;     /* NULL for the section header itself */
	int line;
};

struct ini_file {
	char *path;
	dictionary *dict;
	struct ini_entry *entry;
	int n, cap;
};

static void lower_ascii(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

static int add_entry(ini_file *ini, const char *section, const char *key, int line)
{
	struct ini_entry *e;

	if (ini->n == ini->cap) {
		int cap = ini->cap ? ini->cap * 2 : 32;
		e = realloc(ini->entry, (size_t)cap * sizeof *e);
		if (!e)
			return -1;
		ini->entry = e;
		ini->cap = cap;
	}
	e = &ini->entry[ini->n];
	e->section = strdup(section);
	e->key = key ? strdup(key) : NULL;
	e->line = line;
	if (!e->section || (key && !e->key)) {
		free(e->section);
		free(e->key);
		return -1;
	}
	ini->n++;
	return 0;
}

/* Index of the entry for (section, key), or -1. */
static int find_entry(const ini_file *ini, const char *section, const char *key)
{
	int i;

	for (i = 0; i < ini->n; i++) {
		const struct ini_entry *e = &ini->entry[i];
		if (strcmp(e->section, section) != 0)
			continue;
		if ((!key && !e->key) || (key && e->key && strcmp(e->key, key) == 0))
			return i;
	}
	return -1;
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
		return add_entry(ini, section, NULL, lineno);
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
	return add_entry(ini, section, line, lineno);
}

/* Scans the file for the line of every section and key. */
static int index_file(ini_file *ini, FILE *f, st_err *err)
{
	char section[1024] = "", *buf = NULL, *logical = NULL, *grown;
	size_t cap = 0, llen = 0;
	ssize_t got;
	int lineno = 0, start = 0, rc = 0;

	while (rc == 0 && (got = getline(&buf, &cap, f)) >= 0) {
		lineno++;
		while (got > 0 && (buf[got - 1] == '\n' || buf[got - 1] == '\r'))
			buf[--got] = '\0';
		if (!logical)
			start = lineno;
		/* libiniparser refuses lines past its buffer without saying
		 * where; say it here, with the line. */
		if (got >= INI_LINE_MAX) {
			rc = st_err_set(err, _("%s:%d: the line is too long (at most %d characters)"),
					ini->path, lineno, INI_LINE_MAX - 1);
			break;
		}
		if (text_utf8_end(buf, (size_t)got) != (size_t)got) {
			rc = st_err_set(err, _("%s:%d: the text is not valid UTF-8 (save the file as UTF-8)"),
					ini->path, lineno);
			break;
		}
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
	free(buf);
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

ini_file *ini_open(const char *path, st_err *err)
{
	ini_file *ini = calloc(1, sizeof *ini);
	FILE *f;

	if (!ini || !(ini->path = strdup(path))) {
		free(ini);
		st_err_set(err, _("out of memory"));
		return NULL;
	}
	f = fopen(path, "r");
	if (!f) {
		st_err_set(err, _("cannot read %s: %s"), path, strerror(errno));
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
	ini->dict = iniparser_load(path);
	iniparser_set_error_callback(NULL);
	if (ini->dict)
		trim_values(ini->dict);
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
	}
	free(ini->entry);
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
	int i, n = 0;

	for (i = 0; i < ini->n; i++)
		if (!ini->entry[i].key)
			n++;
	return n;
}

/* The i-th section header entry, or NULL. */
static const struct ini_entry *nth_section(const ini_file *ini, int i)
{
	int k;

	for (k = 0; k < ini->n; k++)
		if (!ini->entry[k].key && i-- == 0)
			return &ini->entry[k];
	return NULL;
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
	int i, n = 0;

	for (i = 0; i < ini->n; i++)
		if (ini->entry[i].key && strcmp(ini->entry[i].section, section) == 0)
			n++;
	return n;
}

const char *ini_key_name(const ini_file *ini, const char *section, int i)
{
	int k;

	for (k = 0; k < ini->n; k++)
		if (ini->entry[k].key && strcmp(ini->entry[k].section, section) == 0 && i-- == 0)
			return ini->entry[k].key;
	return NULL;
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
