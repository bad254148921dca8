/* emit.h: writing values as CSV (RFC 4180) and JSON, for scripts and exports. */
#ifndef STEMTUI_EMIT_H
#define STEMTUI_EMIT_H

#include <stdbool.h>
#include <stddef.h>
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
