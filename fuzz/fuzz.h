/* fuzz.h: what the fuzz targets share (fuzz_common.c).
 *
 * Each fuzz/fuzz_*.c is one target: it defines LLVMFuzzerTestOneInput,
 * which feeds one input to one parser of outside input and asserts what
 * must hold for every input, not only "no crash": an import that is
 * refused leaves the database exactly as it was (compared as a dump of
 * every table), one that is accepted leaves a database `stemtui check`
 * finds healthy, and what it stored exports as valid CSV, JSON and
 * REFI-QDA.  A property that fails calls fuzz_fail, which aborts: a
 * finding for libFuzzer (`make fuzz`) and a failed replay of the corpus
 * (`make check`, fuzz/replay.c). */
#ifndef STEMTUI_FUZZ_H
#define STEMTUI_FUZZ_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/export.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Prints "fuzz: property failed: ..." and aborts. */
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* A private scratch folder for this process, made on first use. */
const char *fuzz_dir(void);

/* Writes data to fuzz_dir()/name and returns its path (static buffer
 * per name slot: valid until the next call with the same name). */
const char *fuzz_write(const char *name, const uint8_t *data, size_t size);

/* data as a NUL-terminated string (cut at the first NUL); caller frees. */
char *fuzz_string(const uint8_t *data, size_t size);

/* A cheap hash of the input, for choosing an option (e.g. --replace)
 * so that mutations try both. */
unsigned fuzz_hash(const uint8_t *data, size_t size);

/* ---- the database ---------------------------------------------------------- */

/* The demo database (shipped programme, starter codebook, demo people,
 * notes and tags), open; the same connection on every call until
 * fuzz_db_reset (each call starts counting commits, see fuzz_mark).  `empty` gives a database with only the shipped
 * programme (no codebook, people or notes), kept apart. */
sqlite3 *fuzz_db(bool empty);

/* Starts counting commits on db (a database of fuzz_db) afresh, as
 * fuzz_db does: fuzz_unchanged compares dumps only when something was
 * committed since, unless fuzz_thorough (set by replay.c). */
void fuzz_mark(sqlite3 *db);
extern bool fuzz_thorough;

/* Closes the database fuzz_db gave (it changed) so that the next call
 * starts again from the untouched copy. */
void fuzz_db_reset(bool empty);

/* Every table of db (schema and rows, in storage order) as text; caller
 * frees.  Two dumps are equal when the databases hold the same. */
char *fuzz_dump(sqlite3 *db);

/* The dump of the untouched database fuzz_db(empty) starts from. */
const char *fuzz_db_dump(bool empty);

/* db holds exactly what it held when dump `before` was made; else fails
 * with what (what happened) and the first row that differs. */
void fuzz_unchanged(sqlite3 *db, const char *before, const char *what);

/* The property of a refused import: err is set, no transaction is left
 * open, and db holds exactly what it held before (dump before). */
void fuzz_refused(sqlite3 *db, const char *before, const char *what, const char *err);

/* The property of an accepted import: `stemtui check` finds nothing
 * wrong (integrity, foreign keys, indexes, figures, keys), and no
 * transaction is left open. */
void fuzz_healthy(sqlite3 *db, const char *what);

/* ---- what is exported -------------------------------------------------------- */

/* Exports what as format from db into memory (NUL-terminated; caller
 * frees), and checks that it is valid: JSON parses, every CSV record has
 * the header's number of fields, a .qdc validates against the REFI-QDA
 * schema.  o may be NULL for all rows. */
char *fuzz_export(sqlite3 *db, enum export_what what, enum export_format format,
		  const export_options *o);

/* Whether text[0..len) is one valid JSON value (RFC 8259, UTF-8). */
bool fuzz_json_valid(const char *text, size_t len);

/* Writes fields[0..n) as one CSV record with emit.c and reads it back
 * with csv.c: the same fields must come back (a field a spreadsheet
 * would take for a formula comes back with the apostrophe emit adds). */
void fuzz_csv_roundtrip(const char *const *fields, int n);

#endif
