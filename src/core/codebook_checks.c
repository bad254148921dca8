/* codebook_checks.c: the rules a factor's fields follow (its code, its
 * colour, its GUID), a new GUID, and whether a factor exists: what saving
 * a factor (codebook_edit.c), the codebook import (codebook_import.c)
 * and tagging (tags.c) check.  See factors_sql.h. */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/codebook.h"
#include "core/db.h"
#include "core/factors_sql.h"
#include "core/i18n.h"

bool factor_code_ok(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > FACTOR_CODE_MAX || s[n - 1] == '+' || s[n - 1] == '-')
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == 0x7f)
			return false;
	return true;
}

const char *factor_code_rule(void)
{
	return _("a code is 1 to 32 characters without spaces, not ending in + or -");
}

bool factor_colour_ok(const char *s)
{
	int i;

	if (!*s)
		return true;
	if (strlen(s) != 7 || s[0] != '#')
		return false;
	for (i = 1; i < 7; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

int factor_check_exists(sqlite3 *db, long long id, st_err *err)
{
	long long v;

	if (db_query_int(db, "SELECT EXISTS (SELECT 1 FROM factor WHERE id = ?1)", &id, 1, &v,
			 err) != 0)
		return -1;
	if (!v)
		return st_err_set(err, _("there is no factor with id %lld"), id);
	return 0;
}

