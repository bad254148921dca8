/* csv.h: reading CSV files (RFC 4180, UTF-8) a record at a time. */
#ifndef STEMTUI_CSV_H
#define STEMTUI_CSV_H

#include <stdio.h>

#include "core/err.h"

typedef struct csv_reader csv_reader;

/* Opens path for reading; a UTF-8 byte-order mark is skipped.  NULL with
 * err set when it cannot be read. */
csv_reader *csv_open(const char *path, st_err *err);
void csv_close(csv_reader *r);

/* Reads the next record: *fields gets an array of *nfields strings (owned
 * by the reader, valid until the next call).  Quoted fields may hold
 * commas, doubled quotes and line breaks (given as "\n"); CRLF, LF and a
 * lone CR end records.  Empty lines hold no record and are skipped
 * (anywhere, so also at the end).  Fields are not trimmed; a quote in
 * the middle of an unquoted field is kept.  Returns 1 for a record, 0 at
 * the end, -1 on a malformed record (an unclosed quote, text after a
 * closing quote, invalid UTF-8, a NUL byte, a control character other
 * than tab and line break (text_refuse_controls), a field longer than
 * TEXT_FIELD_MAX bytes, which the error names by the first record's
 * heading, more than 1000 fields) with err as "FILE:LINE: reason", LINE
 * being where the problem is; stop reading after -1. */
int csv_next(csv_reader *r, char ***fields, int *nfields, st_err *err);

/* The line the last record returned started on (1-based). */
int csv_line(const csv_reader *r);

#endif
