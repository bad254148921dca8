/* emit.c: see emit.h. */
#include "config.h"

#include <string.h>

#include "core/emit.h"

void emit_csv_field(FILE *f, const char *s, bool first)
{
	bool formula = strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0';
	bool quote = formula || strpbrk(s, ",\"\r\n") != NULL;

	if (!first)
		fputc(',', f);
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

void emit_csv_end(FILE *f)
{
	fputs("\r\n", f);
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
		switch (*u) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		default:
			if (*u < 0x20)
				fprintf(f, "\\u%04x", *u);
			else
				fputc(*u, f);
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
