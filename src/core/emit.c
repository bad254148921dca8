/* emit.c: see emit.h. */
#include "config.h"

#include <string.h>

#include "core/emit.h"

const char *const csv_dialect_name[CSV_DIALECT_COUNT] = { "rfc4180", "excel" };

int csv_dialect_from_name(const char *name)
{
	int i;

	for (i = 0; name && i < CSV_DIALECT_COUNT; i++)
		if (strcmp(name, csv_dialect_name[i]) == 0)
			return i;
	return -1;
}

void emit_csv_begin(FILE *f, enum csv_dialect d)
{
	if (d == CSV_EXCEL)
		fputs("\xef\xbb\xbf", f);
}

void emit_csv_cell(FILE *f, enum csv_dialect d, const char *s, bool first)
{
	bool formula = strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0';
	bool quote = formula || strpbrk(s, d == CSV_EXCEL ? ";,\"\r\n" : ",\"\r\n") != NULL;

	if (!first)
		fputc(d == CSV_EXCEL ? ';' : ',', f);
	if (!quote) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	if (formula)
		fputc('\'', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void emit_csv_field(FILE *f, const char *s, bool first)
{
	emit_csv_cell(f, CSV_RFC4180, s, first);
}

void emit_csv_end(FILE *f)
{
	fputs("\r\n", f);
}

/* Bytes a JSON string writes as they are: all but '"', '\\' and controls. */
static size_t json_plain_run(const unsigned char *u)
{
	size_t n = 0;

	while (u[n] >= 0x20 && u[n] != '"' && u[n] != '\\')
		n++;
	return n;
}

void emit_json_string(FILE *f, const char *s)
{
	const unsigned char *u;

	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (u = (const unsigned char *)s; *u; u++) {
		/* Runs that need no escape in one write: a note's text is
		 * mostly such a run, and a call per byte is what an export of
		 * a network's notes would spend its time on. */
		size_t run = json_plain_run(u);

		if (run > 0) {
			fwrite(u, 1, run, f);
			u += run - 1;
			continue;
		}
		switch (*u) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		default: fprintf(f, "\\u%04x", *u);
		}
	}
	fputc('"', f);
}

void emit_json_member(FILE *f, const char *key, const char *value,
		      bool empty_is_null, bool first)
{
	if (!first)
		fputs(", ", f);
	emit_json_string(f, key);
	fputs(": ", f);
	emit_json_string(f, value && (*value || !empty_is_null) ? value : NULL);
}

void emit_md_text(FILE *f, const char *s, size_t len, bool line_start)
{
	size_t i, digits;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (line_start) {
			for (digits = 0; i + digits < len && s[i + digits] >= '0' &&
			     s[i + digits] <= '9'; digits++)
				;
			if (digits > 0 && i + digits < len &&
			    (s[i + digits] == '.' || s[i + digits] == ')')) {
				/* "1. " would start an ordered list. */
				fwrite(s + i, 1, digits, f);
				fprintf(f, "\\%c", s[i + digits]);
				i += digits;
				line_start = false;
				continue;
			}
			if (c == '-' || c == '+' || c == '=') {
				fprintf(f, "\\%c", c);
				line_start = false;
				continue;
			}
		}
		line_start = false;
		switch (c) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '\\': case '`': case '*': case '_': case '[': case ']': case '|':
		case '~': case '#':
			fprintf(f, "\\%c", c);
			break;
		case '\t': case '\r': case '\n':
			fputc(' ', f);
			break;
		default:
			fputc(c, f);
		}
	}
}

static bool md_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

void emit_md_block(FILE *f, const char *s, const char *indent, bool first_inline)
{
	const char *line = s, *end, *next;
	bool started = false, gap = false;

	for (; line; line = next) {
		end = strchr(line, '\n');
		next = end ? end + 1 : NULL;
		if (!end)
			end = line + strlen(line);
		while (line < end && md_blank(*line))
			line++;
		while (end > line && md_blank(end[-1]))
			end--;
		if (line == end) {
			gap = started;
			continue;
		}
		/* A blank line between paragraphs; the indent keeps the next
		 * one inside the list item. */
		if (started)
			fprintf(f, "%s%s", gap ? "\n\n" : "  \n", indent);
		else if (!first_inline)
			fputs(indent, f);
		emit_md_text(f, line, (size_t)(end - line), started || !first_inline);
		started = true;
		gap = false;
	}
}

void emit_md_inline(FILE *f, const char *s)
{
	emit_md_text(f, s, strlen(s), false);
}

void emit_html_text(FILE *f, const char *s, bool breaks)
{
	const unsigned char *u;

	for (u = (const unsigned char *)s; *u; u++) {
		switch (*u) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		case '\n': fputs(breaks ? "<br>\n" : " ", f); break;
		case '\t': fputc(breaks ? '\t' : ' ', f); break;
		default:
			if (*u >= 0x20 && *u != 0x7f)
				fputc(*u, f);
		}
	}
}
