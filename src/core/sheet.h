/* sheet.h: a table written row by row with typed cells, as CSV (either
 * dialect) or as an Excel workbook (.xlsx, one worksheet): what the
 * spreadsheet exports share.
 *
 * An xlsx sheet has a frozen header row, an autofilter over the whole
 * table, columns as wide as their widest cell (capped), whole numbers as
 * numbers and dates and times as dates with a date format.  Its rows are
 * streamed (libxlsxwriter's constant_memory mode: one row in memory) to a
 * private temporary file, which sheet_close copies to out: a million
 * notes never sit in memory, and out may be a pipe. */
#ifndef STEMTUI_SHEET_H
#define STEMTUI_SHEET_H

#include <stdbool.h>
#include <stdio.h>

#include "core/emit.h"
#include "core/err.h"

typedef struct sheet sheet;

/* A new sheet writing to out: as xlsx when xlsx, else CSV of dialect d.
 * name is the worksheet's name (at most 31 characters, none of []:*?/\).
 * NULL with err set. */
sheet *sheet_open(FILE *out, bool xlsx, enum csv_dialect d, const char *name, st_err *err);

/* The header row: n column names (an xlsx sheet holds at most 16384). */
void sheet_header(sheet *s, const char *const *names, int n);

/* The next cell of the current row.  sheet_text writes NULL as an empty
 * cell; sheet_date takes an ISO date "2018-05-31", date and time
 * "2018-05-31 09:22:10" or time "08:59" (anything else is written as
 * text, an empty one as an empty cell). */
void sheet_text(sheet *s, const char *text);
void sheet_int(sheet *s, long long v);
void sheet_date(sheet *s, const char *iso);

/* Ends the current row. */
void sheet_end_row(sheet *s);

/* Finishes the sheet (xlsx: writes the workbook to out) and frees it.
 * 0, or -1 with err set (a write that failed, or more rows than a
 * worksheet holds).  s may be NULL (then -1, err as sheet_open left it). */
int sheet_close(sheet *s, st_err *err);

/* Removes the temporary file of a workbook being written, if there is
 * one: for the handler of a signal that ends the program (export_abandon
 * calls it).  Async-signal-safe. */
void sheet_abandon(void);

#endif
