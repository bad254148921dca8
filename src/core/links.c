/* links.c: see links.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/i18n.h"
#include "core/links.h"

/* [enum link_table]: the table each kind of row is in. */
static const char *const table_name[] = {
	[LINK_SESSION] = "session",
	[LINK_PERSON] = "person",
	[LINK_ORGANISATION] = "organisation",
};

static int say_missing(const st_link *link, st_err *err)
{
	switch (link->table) {
	case LINK_SESSION:
		return st_err_set(err, _("there is no session with id %lld"), link->id);
	case LINK_PERSON:
		return st_err_set(err, _("there is no person with id %lld"), link->id);
	case LINK_ORGANISATION:
		break;
	}
	return st_err_set(err, _("there is no organisation with id %lld"), link->id);
}

int links_check(sqlite3 *db, const st_link *links, int n, st_err *err)
{
	char sql[LINKS_MAX * 64 + 16] = "SELECT ";
	long long ids[LINKS_MAX];
	int exists[LINKS_MAX], i;
	size_t len;

	if (n <= 0)
		return 0;
	if (n > LINKS_MAX)
		return st_err_set(err, "links_check: more than %d links", LINKS_MAX);
	/* One EXISTS a row, from fixed fragments: "SELECT EXISTS (SELECT 1
	 * FROM session WHERE id = ?1), EXISTS (...?2)". */
	for (i = 0; i < n; i++) {
		len = strlen(sql);
		snprintf(sql + len, sizeof sql - len, "%sEXISTS (SELECT 1 FROM %s WHERE id = ?%d)",
			 i ? ", " : "", table_name[links[i].table], i + 1);
		ids[i] = links[i].id;
	}
	if (db_row_ints(db, sql, ids, n, exists, n, err) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (!exists[i])
			return say_missing(&links[i], err);
	return 0;
}
