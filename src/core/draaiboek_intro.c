/* draaiboek_intro.c: see draaiboek_intro.h.  Read a line at a time: a
 * paragraph at most INTRO_PARA bytes (a longer one is written in parts).
 * The file is checked as it is read, as every file a person writes. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "core/draaiboek_intro.h"
#include "core/fsutil.h"
#include "core/i18n.h"
#include "core/lang.h"
#include "core/text.h"

#define INTRO_PARA 8192

/* The first of the usual files that can be opened, or NULL; *used
 * names it (caller frees). */
static FILE *open_usual(char **used)
{
	char name[64], *path;
	FILE *f = NULL;

	snprintf(name, sizeof name, "draaiboek-intro.%s.md", lang_current());
	path = fs_xdg_path("CONFIG", name);
	if (path && (f = fopen(path, "r")) != NULL) {
		*used = path;
		return f;
	}
	free(path);
	snprintf(name, sizeof name, "draaiboek/intro.%s.md", lang_current());
	path = fs_join(fs_datadir(), name);
	if (path && (f = fopen(path, "r")) != NULL) {
		*used = path;
		return f;
	}
	free(path);
	return NULL;
}

/* The file given, opened: NULL with err set when it cannot be read or is
 * a folder (which fopen opens, and which would read as empty). */
static FILE *open_given(const char *path, st_err *err)
{
	FILE *f = fopen(path, "r");
	struct stat sb;

	if (f && fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		fclose(f);
		f = NULL;
		errno = EISDIR;
	}
	if (!f)
		st_err_set(err, _("cannot read the introduction %s: %s"), path, strerror(errno));
	return f;
}

/* Writes the block gathered in para (and empties it): a list item when
 * it started with "- ", else a paragraph. */
static void flush(doc *d, char *para, size_t *len, bool *item)
{
	if (*len > 0 && *item)
		doc_item(d, NULL, para);
	else if (*len > 0)
		doc_para(d, NULL, NULL, para);
	*len = 0;
	*item = false;
	para[0] = '\0';
}

/* One line of the file (without its line break) into d: a heading, a
 * list item or part of a paragraph. */
static void add_line(doc *d, const char *line, char *para, size_t *len, bool *item)
{
	const char *text = line;
	size_t n;

	if (!*line) {
		flush(d, para, len, item);
		return;
	}
	if (strncmp(line, "## ", 3) == 0) {
		flush(d, para, len, item);
		doc_heading(d, 3, NULL, NULL, line + 3);
		return;
	}
	if (strncmp(line, "- ", 2) == 0) {
		flush(d, para, len, item);
		*item = true;
		text = line + 2;
	}
	if (!*item)
		doc_end_list(d);
	/* The lines of a block are one text: a file wrapped at 72 columns
	 * reads as the text it is. */
	text += strspn(text, " \t");
	n = strlen(text);
	while (n > 0) {
		/* a line longer than a paragraph goes in parts, cut between
		 * characters */
		size_t part = n > INTRO_PARA - 2 ? text_utf8_end(text, INTRO_PARA - 2) : n;

		if (*len + part + 2 > INTRO_PARA)
			flush(d, para, len, item);
		if (*len > 0)
			para[(*len)++] = ' ';
		memcpy(para + *len, text, part);
		*len += part;
		para[*len] = '\0';
		text += part;
		n -= part;
	}
}

/* Reads f whole (named path) into d, or only checks it when d is NULL:
 * the text must be UTF-8 without control characters, as every file a
 * person writes that stemtui reads, since it goes into the export as it
 * is.  0, or -1 with err naming the file and the line. */
static int read_intro(FILE *f, const char *path, doc *d, st_err *err)
{
	char *line = NULL, para[INTRO_PARA];
	size_t cap = 0, len = 0;
	ssize_t got;
	bool item = false;
	int lineno = 0, rc = 0;

	para[0] = '\0';
	while (rc == 0 && (got = getline(&line, &cap, f)) >= 0) {
		size_t n = (size_t)got;

		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (text_utf8_end(line, n) != n)
			rc = st_err_set(err, _("%s:%d: the text is not valid UTF-8 (save the file as "
					       "UTF-8)"), path, lineno);
		else
			rc = text_refuse_controls(line, n, false, path, lineno, err);
		if (rc == 0 && d)
			add_line(d, line, para, &len, &item);
	}
	if (rc == 0 && ferror(f))
		rc = st_err_set(err, _("cannot read the introduction %s: %s"), path, strerror(errno));
	if (rc == 0 && d) {
		flush(d, para, &len, &item);
		doc_end_list(d);
	}
	free(line);
	return rc;
}

int draaiboek_intro(doc *d, const char *path, st_err *err)
{
	char *used = NULL;
	FILE *f = path && *path ? open_given(path, err) : open_usual(&used);
	int rc;

	if (!f)
		return path && *path ? -1 : 0;
	rc = read_intro(f, used ? used : path, d, err);
	fclose(f);
	free(used);
	return rc;
}

int draaiboek_intro_check(const char *path, st_err *err)
{
	struct stat sb;
	FILE *f;
	int rc;

	if (!path || !*path)
		return 0;
	/* A pipe or a device is read once, by the export. */
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode))
		return 0;
	if (!(f = open_given(path, err)))
		return -1;
	rc = read_intro(f, path, NULL, err);
	fclose(f);
	return rc;
}
