/* emit.h: writing values as CSV (RFC 4180) and JSON, for scripts and exports. */
#ifndef STEMTUI_EMIT_H
#define STEMTUI_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The CSV a file is written as.  CSV_RFC4180, for scripts: comma, UTF-8
 * without a byte-order mark, CRLF.  CSV_EXCEL, for a spreadsheet in a
 * Belgian or Dutch locale, whose list separator is ";" (a comma is its
 * decimal separator, so such an Excel puts a comma-separated row in one
 * column): semicolon, UTF-8 with a byte-order mark (without one, Excel
 * reads the bytes as Windows-1252), CRLF.  Both write whole numbers and
 * ISO dates (2018-05-31, 2018-05-31 09:22:10, 08:59), which a Belgian
 * Excel and LibreOffice read as numbers and dates; none of the exports
 * has a fractional figure, which CSV_EXCEL would have to write with a
 * decimal comma. */
enum csv_dialect { CSV_RFC4180, CSV_EXCEL, CSV_DIALECT_COUNT };

/* Names as on the command line and in the config ("rfc4180", "excel"),
 * and back (-1 if none). */
extern const char *const csv_dialect_name[CSV_DIALECT_COUNT];
int csv_dialect_from_name(const char *name);

/* Starts a CSV file: the byte-order mark for CSV_EXCEL, else nothing. */
void emit_csv_begin(FILE *f, enum csv_dialect d);

/* Writes one CSV field, preceded by the separator unless first.  Quotes
 * it when it holds the separator, a quote, CR or LF (CSV_EXCEL: a comma
 * too, so that a reader guessing the separator keeps it whole); a field
 * a spreadsheet would run as a formula (starting with =, +, -, @, tab or
 * CR) gets a leading apostrophe. */
void emit_csv_cell(FILE *f, enum csv_dialect d, const char *s, bool first);

/* emit_csv_cell for CSV_RFC4180. */
void emit_csv_field(FILE *f, const char *s, bool first);

/* Ends a CSV record (CRLF, as RFC 4180 says, in both dialects). */
void emit_csv_end(FILE *f);

/* Writes s as a JSON string literal (with quotes); NULL writes null. */
void emit_json_string(FILE *f, const char *s);

/* Writes "key": value (value a JSON string, or null for NULL or "" when
 * empty_is_null), preceded by ", " unless first. */
void emit_json_member(FILE *f, const char *key, const char *value,
		      bool empty_is_null, bool first);

/* Writes s[0..len) as Markdown text that stays text: characters that
 * could start emphasis, code, links, tables or HTML are escaped (< > &
 * as HTML entities, the others with a backslash), and so are those that
 * would make a line a heading, a list item, a quote or a rule when they
 * start it (line_start).  Line breaks, tabs and CR become spaces. */
void emit_md_text(FILE *f, const char *s, size_t len, bool line_start);

/* Writes a multi-line text s as Markdown that stays inside the block it is
 * written in (a list item): every line escaped as at a line start and
 * preceded by indent, except the first when first_inline (it follows text
 * already on the line); lines of one paragraph joined by a hard break (two
 * spaces), an empty line between paragraphs; white space at the ends of
 * lines and empty lines at the ends of s dropped.  Ends without a line
 * break. */
void emit_md_block(FILE *f, const char *s, const char *indent, bool first_inline);

/* emit_md_text of the whole string, not at a line start. */
void emit_md_inline(FILE *f, const char *s);

/* Writes s as HTML text (also fit for a quoted attribute value): & < > "
 * and ' as entities; control characters other than tab and line break
 * dropped.  With breaks, a line break becomes <br>. */
void emit_html_text(FILE *f, const char *s, bool breaks);

#endif
