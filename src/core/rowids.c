/* rowids.c: see rowids.h. */
#include "config.h"

#include <stdlib.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/i18n.h"
#include "core/rowids.h"
#include "core/text.h"

/* The tables whose rows travel with an id of their own. */
static const char *const travelling[] = {
	"programme", "organisation", "session", "person", "factor", "note", "attendance_log",
};

static bool is_travelling(const char *table)
{
	size_t i;

	for (i = 0; i < sizeof travelling / sizeof travelling[0]; i++)
		if (strcmp(travelling[i], table) == 0)
			return true;
	return false;
}

/* 64-bit FNV-1a over the n parts, each followed by a NUL but the last. */
static long long content_hash(const char *const *parts, int n)
{
	uint64_t h = 14695981039346656037ULL;
	const unsigned char *p;
	int i;

	for (i = 0; i < n; i++) {
		for (p = (const unsigned char *)parts[i]; *p; p++) {
			h ^= *p;
			h *= 1099511628211ULL;
		}
		if (i + 1 < n)
			h *= 1099511628211ULL;   /* a NUL byte: h ^= 0 */
	}
	/* The top bits are the best mixed. */
	h >>= 11;
	return h ? (long long)h : 1;
}

long long rowid_of_programme(const char *name)
{
	const char *parts[] = { "programme", name };

	return content_hash(parts, 2);
}

long long rowid_of_session(const char *programme, const char *code)
{
	const char *parts[] = { "session", programme, code };

	return content_hash(parts, 3);
}

long long rowid_of_factor(const char *code)
{
	const char *parts[] = { "factor", code };

	return content_hash(parts, 2);
}

long long rowid_of_organisation(const char *name, const char *postcode)
{
	char *key = text_fold(name ? name : "");
	const char *parts[] = { "organisation", key ? key : "", postcode ? postcode : "" };
	long long id = content_hash(parts, 3);

	free(key);
	return id;
}

long long rowid_of_row(const char *database_id, const char *table, long long old)
{
	char num[24];
	const char *parts[] = { "row", database_id ? database_id : "", table, num };

	snprintf(num, sizeof num, "%lld", old);
	return content_hash(parts, 4);
}

static uint64_t random_bits(void)
{
	uint64_t u;

	sqlite3_randomness((int)sizeof u, &u);
	return u;
}

long long rowid_random(void)
{
	long long id;

	do
		id = (long long)(random_bits() & (uint64_t)(ROWID_LIMIT - 1));
	while (id == 0);
	return id;
}

long long rowid_of_log_time(long long ms)
{
	if (ms < 0)
		ms = 0;
	if (ms >= ROWID_LIMIT / 4096)
		ms = ROWID_LIMIT / 4096 - 1;
	return ms * 4096 + (long long)(random_bits() % 4096);
}

int rowid_in_network(sqlite3 *db, bool *yes, st_err *err)
{
	long long n;

	if (db_query_int(db, "SELECT count(*) FROM sync_self WHERE network_id IS NOT NULL",
			 NULL, 0, &n, err) != 0)
		return -1;
	*yes = n > 0;
	return 0;
}

int rowid_taken(sqlite3 *db, const char *table, long long id, bool *taken, st_err *err)
{
	char sql[96];
	long long n;

	if (!is_travelling(table))
		return st_err_set(err, "rowid_taken: %s is not a travelling table", table);
	snprintf(sql, sizeof sql, "SELECT EXISTS (SELECT 1 FROM %s WHERE id = ?1)", table);
	if (db_query_int(db, sql, &id, 1, &n, err) != 0)
		return -1;
	*taken = n != 0;
	return 0;
}

/* The next id of the log: now, after every id it has. */
static int new_log_id(sqlite3 *db, long long *id, st_err *err)
{
	long long ms, last;

	if (db_query_int(db, "SELECT CAST((julianday('now') - 2458849.5) * 86400000 AS INTEGER)",
			 NULL, 0, &ms, err) != 0 ||
	    db_query_int(db, "SELECT coalesce(max(id), 0) FROM attendance_log", NULL, 0, &last,
			 err) != 0)
		return -1;
	*id = rowid_of_log_time(ms);
	if (*id <= last)
		*id = last + 1 + (long long)(random_bits() % 4096);
	if (*id >= ROWID_LIMIT)
		return st_err_set(err, _("the attendance log has no id left below 2^53"));
	return 0;
}

int rowid_new(sqlite3 *db, const char *table, long long content_id, long long *id,
	      st_err *err)
{
	bool network, taken = true;

	*id = 0;
	if (rowid_in_network(db, &network, err) != 0)
		return -1;
	if (!network)
		return 0;
	if (strcmp(table, "attendance_log") == 0)
		return new_log_id(db, id, err);
	if (content_id > 0 && rowid_taken(db, table, content_id, &taken, err) != 0)
		return -1;
	if (!taken) {
		*id = content_id;
		return 0;
	}
	do {
		*id = rowid_random();
		if (rowid_taken(db, table, *id, &taken, err) != 0)
			return -1;
	} while (taken);
	return 0;
}

int rowid_new_session(sqlite3 *db, long long programme_id, const char *code, long long *id,
		      st_err *err)
{
	sqlite3_stmt *st;
	bool network;
	char *name = NULL;
	int rc;

	*id = 0;
	if (rowid_in_network(db, &network, err) != 0)
		return -1;
	if (!network)
		return 0;
	st = db_prepare_ints(db, "SELECT name FROM programme WHERE id = ?1", &programme_id, 1, err);
	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		name = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	rc = rowid_new(db, "session", name ? rowid_of_session(name, code) : 0, id, err);
	sqlite3_free(name);
	return rc;
}

void rowid_bind(sqlite3_stmt *st, int i, long long id)
{
	if (id > 0)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}
