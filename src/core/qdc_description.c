/* qdc_description.c: the one Description of a REFI-QDA Code, into which
 * a factor's stemtui code, definition, inclusion and exclusion notes and
 * memo are packed (see export.h), and back: the writer (export_qdc.c)
 * packs, the reader (qdc_read.c) unpacks. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/export.h"
#include "core/codebook.h"
#include "core/qdc.h"

void qdc_append(char **buf, size_t *len, const char *s)
{
	size_t n = strlen(s);
	char *grown = realloc(*buf, *len + n + 1);

	if (!grown)
		return;
	memcpy(grown + *len, s, n + 1);
	*buf = grown;
	*len += n;
}

/* Appends s, introduced by label, after an empty line unless it is the
 * first part; nothing when s is empty. */
static void part(char **buf, size_t *len, const char *label, const char *s)
{
	if (!s || !*s)
		return;
	if (*len)
		qdc_append(buf, len, "\n\n");
	qdc_append(buf, len, label);
	qdc_append(buf, len, s);
}

char *qdc_pack_description(const st_factor *f)
{
	char *buf = calloc(1, 1);
	size_t len = 0;

	if (!buf)
		return NULL;
	part(&buf, &len, "Code: ", f->code);
	part(&buf, &len, "", f->definition);
	part(&buf, &len, "Inclusion: ", f->inclusion);
	part(&buf, &len, "Exclusion: ", f->exclusion);
	part(&buf, &len, "Memo: ", f->memo);
	return buf;
}

/* Cuts the part introduced by label off the end of rest (rest itself when
 * it starts with label, else after its last "\n\n" + label). */
static char *cut(char *rest, const char *label)
{
	size_t n = strlen(label);
	char *at = NULL, *p;

	if (strncmp(rest, label, n) == 0) {
		at = rest;
	} else {
		for (p = strstr(rest, "\n\n"); p; p = strstr(p + 1, "\n\n"))
			if (strncmp(p + 2, label, n) == 0)
				at = p;
	}
	if (!at)
		return strdup("");
	p = strdup(at + (at == rest ? 0 : 2) + n);
	*at = '\0';
	return p;
}

void qdc_unpack_description(const char *text, char **code, char **definition,
			    char **inclusion, char **exclusion, char **memo)
{
	char *rest = strdup(text ? text : ""), *nl;
	const char *body = rest;

	*code = strdup("");
	if (rest && strncmp(rest, "Code: ", 6) == 0) {
		nl = strchr(rest, '\n');
		free(*code);
		*code = nl ? strndup(rest + 6, (size_t)(nl - rest - 6)) : strdup(rest + 6);
		body = nl ? nl + 1 : "";
		if (*body == '\n')
			body++;
		memmove(rest, body, strlen(body) + 1);
	}
	if (!rest)
		rest = strdup("");
	*memo = cut(rest, "Memo: ");
	*exclusion = cut(rest, "Exclusion: ");
	*inclusion = cut(rest, "Inclusion: ");
	*definition = rest;
}
