/* signup_list.c: a sign-up list (CSV) read and checked whole before the
 * database is read: its header's columns in English or Dutch and in any
 * order, each row's role, e-mail and values, with FILE:LINE for the first
 * thing wrong.  See people_import_file.h. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/people_import_file.h"
#include "core/text.h"

/* Column names, English and Dutch, as they are after pim_column_key. */
static const struct pim_name {
	const char *name;
	enum pim_col col;
} pim_names[] = {
	{ "first_name", COL_FIRST }, { "voornaam", COL_FIRST },
	{ "last_name", COL_LAST }, { "achternaam", COL_LAST },
	{ "role", COL_ROLE }, { "rol", COL_ROLE },
	{ "organisation", COL_ORG }, { "organization", COL_ORG }, { "organisatie", COL_ORG },
	{ "email", COL_EMAIL }, { "e-mail", COL_EMAIL },
	{ "focus", COL_FOCUS },
};
/* The role of a row that gives none, when roles.ini lacks it. */
static char pim_other[] = "andere";

/* Column names are the file format, the same in every language, so the
 * list holds no words to translate: English names, then the Dutch. */
static const char pim_name_list[] =
	"first_name, last_name, role, organisation, email, focus; "
	"voornaam, achternaam, rol, organisatie, e-mail, focus";

/* Sets err to "FILE:LINE: reason". */
int pim_error(st_err *err, const char *path, int line, const char *fmt, ...)
{
	char reason[ST_ERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	return st_err_set(err, "%s:%d: %s", path, line, reason);
}

void pim_free(struct pim_file *f)
{
	int i, c;

	for (i = 0; i < f->n; i++)
		for (c = 0; c < COL_COUNT; c++)
			free(f->row[i].value[c]);
	for (c = 0; c < COL_COUNT; c++)
		free(f->heading[c]);
	free(f->row);
	memset(f, 0, sizeof *f);
}

static char *trimmed_copy(const char *s)
{
	char *copy = strdup(s);

	return copy ? text_trim(copy) : NULL;
}

/* A value of a row on one line, trimmed: a line break in a cell (Alt+Enter
 * in Excel), with the blanks around it, is one space, since a name, a
 * school or a tag with a line break in it would be stored so and look
 * like another ("VBS" and "Sint-Lodewijk" on two lines is not VBS
 * Sint-Lodewijk to the database). */
static char *one_line_copy(const char *s)
{
	char *copy = malloc(strlen(s) + 1), *o = copy;
	size_t run;

	if (!copy)
		return NULL;
	while (*s) {
		run = strspn(s, " \t\r\n");
		if (run && strcspn(s, "\r\n") < run) {
			*o++ = ' ';
			s += run;
		} else if (run) {
			memcpy(o, s, run);
			o += run;
			s += run;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
	return text_trim(copy);
}

/* A heading as it is looked up: folded, trimmed, spaces as underscores
 * ("First name" -> "first_name"). */
static char *pim_column_key(const char *heading)
{
	char *key = text_fold(heading), *p;

	if (!key)
		return NULL;
	text_trim(key);
	for (p = key; *p; p++)
		if (*p == ' ')
			*p = '_';
	return key;
}

/* The column a heading names; -1 if none, -2 out of memory. */
static int pim_column_of(const char *heading)
{
	char *key = pim_column_key(heading);
	size_t i;
	int col = -1;

	if (!key)
		return -2;
	for (i = 0; i < sizeof pim_names / sizeof pim_names[0] && col < 0; i++)
		if (strcmp(key, pim_names[i].name) == 0)
			col = (int)pim_names[i].col;
	free(key);
	return col;
}

static int pim_header_cell(struct pim_file *f, int line, int pos, const char *text,
			   st_err *err)
{
	char *heading = trimmed_copy(text);
	int col = pim_column_of(text);

	if (!heading || col == -2) {
		free(heading);
		return st_err_set(err, _("out of memory"));
	}
	/* An unnamed column is what a spreadsheet leaves after the last one;
	 * it may stay as long as it stays empty (see pim_check_unnamed). */
	if (col == -1 && !*heading) {
		free(heading);
		return 0;
	}
	if (col == -1 && strchr(heading, '\t')) {
		/* Excel's "Text (tab delimited)": one column of it all */
		pim_error(err, f->path, line, _("the columns are separated by tabs: save the file "
						"as CSV (fields separated by commas or semicolons)"));
	} else if (col == -1) {
		pim_error(err, f->path, line, _("unknown column \"%s\" (expected %s)"), heading,
			  pim_name_list);
	} else if (f->col[col] >= 0 && strcmp(f->heading[col], heading) == 0) {
		pim_error(err, f->path, line, _("column \"%s\" appears twice"), heading);
	} else if (f->col[col] >= 0) {
		pim_error(err, f->path, line, _("columns \"%s\" and \"%s\" are the same"),
			  f->heading[col], heading);
	} else {
		f->col[col] = pos;
		f->heading[col] = heading;
		return 0;
	}
	free(heading);
	return -1;
}

static int pim_header(struct pim_file *f, char **fields, int n, int line, st_err *err)
{
	int i;

	f->ncols = n;
	for (i = 0; i < n; i++)
		if (pim_header_cell(f, line, i, fields[i], err) != 0)
			return -1;
	if (f->col[COL_FIRST] < 0)
		return pim_error(err, f->path, line, _("the header has no column %s (or %s)"),
				 "first_name", "voornaam");
	if (f->col[COL_LAST] < 0)
		return pim_error(err, f->path, line, _("the header has no column %s (or %s)"),
				 "last_name", "achternaam");
	return 0;
}

/* A value under a heading that is empty would be lost: refuse it. */
static int pim_check_unnamed(const struct pim_file *f, char **fields, int line, st_err *err)
{
	bool named;
	int i, c;

	for (i = 0; i < f->ncols; i++) {
		for (named = false, c = 0; c < COL_COUNT; c++)
			named = named || f->col[c] == i;
		if (!named && *fields[i])
			return pim_error(err, f->path, line,
					 _("a value in column %d, which has no name in the header"),
					 i + 1);
	}
	return 0;
}

static void pim_role_list(const st_roles *roles, char *buf, size_t n)
{
	size_t len;
	int i;

	buf[0] = '\0';
	for (i = 0; i < roles->n; i++) {
		len = strlen(buf);
		snprintf(buf + len, n - len, "%s%s", i ? ", " : "", roles->role[i].key);
	}
}

/* Checks the row's values; sets row->role. */
static int pim_check_row(const struct pim_file *f, struct pim_row *row, const st_roles *roles,
			 st_err *err)
{
	const char *role = row->value[COL_ROLE], *email = row->value[COL_EMAIL];
	char list[ST_ERR_MAX / 2];
	int i;

	if (!*row->value[COL_FIRST])
		return pim_error(err, f->path, row->line, _("%s is empty"), f->heading[COL_FIRST]);
	if (!*row->value[COL_LAST])
		return pim_error(err, f->path, row->line, _("%s is empty"), f->heading[COL_LAST]);
	if (*email && !strchr(email, '@'))
		return pim_error(err, f->path, row->line, _("e-mail address \"%s\" has no @"),
				 email);
	/* An empty role is "other": a sign-up form often does not ask. */
	i = roles_find(roles, *role ? role : "andere");
	if (i < 0 && !*role) {
		row->role = pim_other;
		return 0;
	}
	if (i < 0) {
		pim_role_list(roles, list, sizeof list);
		return pim_error(err, f->path, row->line,
				 _("unknown role \"%s\" (expected one of: %s)"), role, list);
	}
	row->role = roles->role[i].key;
	return 0;
}

static struct pim_row *pim_add_row(struct pim_file *f, st_err *err)
{
	struct pim_row *grown;

	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 64;
		grown = realloc(f->row, (size_t)f->cap * sizeof *grown);
		if (!grown) {
			st_err_set(err, _("out of memory"));
			return NULL;
		}
		f->row = grown;
	}
	memset(&f->row[f->n], 0, sizeof f->row[0]);
	return &f->row[f->n++];
}

/* Whether every field is empty or blanks: a spreadsheet's empty row,
 * which Excel saves as ";;;;" when its cells were once used. */
static bool pim_blank_row(char **fields, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (fields[i][strspn(fields[i], " \t")])
			return false;
	return true;
}

static int pim_row(struct pim_file *f, char **fields, int n, int line, const st_roles *roles,
		   st_err *err)
{
	struct pim_row *row;
	int c;

	if (pim_blank_row(fields, n))
		return 0;   /* skipped, as an empty line is */
	if (n != f->ncols)
		return pim_error(err, f->path, line,
				 _("wrong number of fields (%d; the header has %d)"), n, f->ncols);
	if (pim_check_unnamed(f, fields, line, err) != 0)
		return -1;
	row = pim_add_row(f, err);
	if (!row)
		return -1;
	row->line = line;
	for (c = 0; c < COL_COUNT; c++) {
		row->value[c] = one_line_copy(f->col[c] >= 0 ? fields[f->col[c]] : "");
		if (!row->value[c])
			return st_err_set(err, _("out of memory"));
	}
	return pim_check_row(f, row, roles, err);
}

int pim_parse(const char *path, enum csv_encoding encoding, const st_roles *roles,
	      struct pim_file *f, st_err *err)
{
	csv_reader *r;
	char **fields;
	int n, rc, c;

	memset(f, 0, sizeof *f);
	f->path = path;
	for (c = 0; c < COL_COUNT; c++)
		f->col[c] = -1;
	r = csv_open_as(path, encoding, err);
	if (!r)
		return -1;
	f->guessed_line = csv_guessed_line(r);
	rc = csv_next(r, &fields, &n, err);
	if (rc == 0)
		rc = pim_error(err, path, 1, _("the file is empty (expected a header row: %s)"),
			       pim_name_list);
	else if (rc > 0)
		rc = pim_header(f, fields, n, csv_line(r), err);
	while (rc == 0 && (rc = csv_next(r, &fields, &n, err)) > 0)
		rc = pim_row(f, fields, n, csv_line(r), roles, err);
	csv_close(r);
	return rc;
}
