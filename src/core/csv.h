/* csv.h: reading CSV files (RFC 4180) a record at a time, as scripts and
 * spreadsheets write them: comma or semicolon, UTF-8 or Windows-1252. */
#ifndef STEMTUI_CSV_H
#define STEMTUI_CSV_H

#include <stdio.h>

#include "core/err.h"

typedef struct csv_reader csv_reader;

/* What the bytes of a file are: CSV_AUTO finds out (csv_open_as). */
enum csv_encoding { CSV_AUTO, CSV_UTF8, CSV_WINDOWS_1252 };

/* The encoding a name on the command line gives ("auto", "utf-8",
 * "windows-1252"; "utf8" and "cp1252" will do too; case ignored), or -1. */
int csv_encoding_from_name(const char *name);

/* Opens path for reading as UTF-8: csv_open_as(path, CSV_UTF8, err). */
csv_reader *csv_open(const char *path, st_err *err);

/* Opens path for reading (a pipe, which cannot go back, is copied to a
 * temporary file first); a UTF-8 byte-order mark is skipped.  The
 * separator is the one the first record (the header) holds more of
 * outside quotes: ";" (what a Belgian or Dutch Excel saves) or ",".
 * CSV_WINDOWS_1252 converts every field to UTF-8 (what Excel saves as
 * "CSV (gescheiden door lijstscheidingsteken)"; the bytes 0x81, 0x8D,
 * 0x8F, 0x90 and 0x9D, which it leaves unused, become the control
 * characters of those numbers, and so are refused).  CSV_AUTO reads the
 * file once first, up to where the answer is settled: UTF-8 when it has
 * a byte-order mark, is all UTF-8 or holds a NUL (then UTF-16, which
 * csv_next refuses); Windows-1252 when no byte of it above 0x7F is part
 * of a UTF-8 character (csv_guessed_line says where the first one is,
 * for a warning); a file that holds both UTF-8 characters and bytes that
 * are not is refused, naming the line of the first such byte, since
 * either reading would garble part of it.  NULL with err set when it
 * cannot be read. */
csv_reader *csv_open_as(const char *path, enum csv_encoding encoding, st_err *err);
void csv_close(csv_reader *r);

/* Reads the next record: *fields gets an array of *nfields strings (owned
 * by the reader, valid until the next call), in UTF-8.  Quoted fields
 * may hold separators, doubled quotes and line breaks (given as "\n");
 * CRLF, LF and a lone CR end records.  Empty lines hold no record and
 * are skipped (anywhere, so also at the end).  Fields are not trimmed; a
 * quote in the middle of an unquoted field is kept.  Returns 1 for a
 * record, 0 at the end, -1 on a malformed record (an unclosed quote,
 * text after a closing quote, invalid UTF-8, a NUL byte, a control
 * character other than tab and line break (text_refuse_controls), a
 * field longer than TEXT_FIELD_MAX bytes in UTF-8, which the error names
 * by the first record's heading, more than 1000 fields) with err as
 * "FILE:LINE: reason", LINE being where the problem is; stop reading
 * after -1. */
int csv_next(csv_reader *r, char ***fields, int *nfields, st_err *err);

/* The line the last record returned started on (1-based). */
int csv_line(const csv_reader *r);

/* How the file is read: CSV_UTF8 or CSV_WINDOWS_1252; and ';' or ','. */
enum csv_encoding csv_encoding_of(const csv_reader *r);
char csv_separator(const csv_reader *r);

/* When CSV_AUTO chose Windows-1252: the line of the first byte that is
 * not UTF-8; else 0. */
int csv_guessed_line(const csv_reader *r);

#endif
