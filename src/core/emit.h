/* emit.h: writing values as CSV (RFC 4180) and JSON, for scripts and exports. */
#ifndef STEMTUI_EMIT_H
#define STEMTUI_EMIT_H

#include <stdbool.h>
#include <stdio.h>

/* Writes one CSV field, preceded by a comma unless first.  Quotes it when
 * it holds a comma, quote, CR or LF; a field a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe. */
void emit_csv_field(FILE *f, const char *s, bool first);

/* Ends a CSV record (CRLF, as RFC 4180 says). */
void emit_csv_end(FILE *f);

/* Writes s as a JSON string literal (with quotes); NULL writes null. */
void emit_json_string(FILE *f, const char *s);

/* Writes "key": value (value a JSON string, or null for NULL or "" when
 * empty_is_null), preceded by ", " unless first. */
void emit_json_member(FILE *f, const char *key, const char *value,
		      bool empty_is_null, bool first);

#endif
