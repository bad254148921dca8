/* sync_changeset_check.c: a colleague's changeset checked before SQLite
 * reads it (sync_changeset_check.h).
 *
 * The changeset format (SQLite's sessions extension): for each table a
 * header ('T', its number of columns, a byte a column telling whether it
 * is in the key, its name and a NUL), then its changes (the operation,
 * the indirect flag, the old and/or new record: a type byte a column and
 * the value).  Every length is checked against the end of the buffer;
 * nothing is interpreted beyond that. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/i18n.h"
#include "core/sync_changeset_check.h"
#include "core/sync_tables.h"

/* An SQLite varint at *p (at most 9 bytes, not past end) into *v. */
static int get_varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 9 && *p < end; i++) {
		unsigned char b = *(*p)++;

		if (i == 8) {
			*v = (*v << 8) | b;
			return 0;
		}
		*v = (*v << 7) | (b & 0x7f);
		if (!(b & 0x80))
			return 0;
	}
	return -1;
}

/* Steps over one record of ncol values. */
static int skip_record(const unsigned char **p, const unsigned char *end, int ncol)
{
	int i;

	for (i = 0; i < ncol; i++) {
		uint64_t len;

		if (*p >= end)
			return -1;
		switch (*(*p)++) {
		case 0: case 5:                 /* undefined, NULL */
			break;
		case 1: case 2:                 /* integer, real */
			if (end - *p < 8)
				return -1;
			*p += 8;
			break;
		case 3: case 4:                 /* text, blob */
			if (get_varint(p, end, &len) != 0 || len > (uint64_t)(end - *p))
				return -1;
			*p += len;
			break;
		default:
			return -1;
		}
	}
	return 0;
}

/* Reads a table header ('T' done): its columns and name. */
static int table_header(const unsigned char **p, const unsigned char *end, int *ncol,
			const char **name)
{
	uint64_t n;
	const unsigned char *nul;

	if (get_varint(p, end, &n) != 0 || n == 0 || n > SYNC_COLS_MAX || n > (uint64_t)(end - *p))
		return -1;
	*ncol = (int)n;
	*p += n;
	nul = memchr(*p, 0, (size_t)(end - *p));
	if (!nul)
		return -1;
	*name = (const char *)*p;
	*p = nul + 1;
	return 0;
}

/* 0 when table name has ncol columns here (or does not travel), 1 when
 * not, -1 with err set when they cannot be read. */
static int table_fits(sqlite3 *db, const char *name, int ncol, st_err *err)
{
	char *col[SYNC_COLS_MAX];
	int pk[SYNC_COLS_MAX], n;

	if (!sync_table_find(name))
		return 0;
	n = sync_table_columns(db, name, col, pk, err);
	if (n < 0)
		return -1;
	sync_table_columns_free(col, n);
	return n == ncol ? 0 : 1;
}

int sync_changeset_check(sqlite3 *db, const void *data, size_t len, const char *name,
			 st_err *err)
{
	const unsigned char *p = data, *end;
	int ncol = 0;
	const char *table = NULL;
	bool bad = false;
	int fits;

	if (len == 0)                   /* no changes (and maybe no buffer) */
		return 0;
	end = p + len;
	while (p < end && !bad) {
		unsigned char op = *p++;

		if (op == 'T') {
			if (table_header(&p, end, &ncol, &table) != 0) {
				bad = true;
				break;
			}
			if ((fits = table_fits(db, table, ncol, err)) < 0)
				return -1;
			if (fits > 0)
				return st_err_set(err, _("%s changes table %s with %d columns, which has "
							 "another number of columns here: it was "
							 "written by another version of stemtui"),
						  name, table, ncol);
			continue;
		}
		if (!table || (op != SQLITE_INSERT && op != SQLITE_DELETE && op != SQLITE_UPDATE) ||
		    p >= end) {
			bad = true;
			break;
		}
		p++;                            /* indirect */
		bad = skip_record(&p, end, ncol) != 0 ||
		      (op == SQLITE_UPDATE && skip_record(&p, end, ncol) != 0);
	}
	if (bad || (len > 0 && !table))
		return st_err_set(err, _("%s is damaged: its changes do not read as SQLite "
					 "changes"), name);
	return 0;
}
