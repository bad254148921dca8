/* qdc_description.c: the one Description of a REFI-QDA Code, into which
 * a factor's stemtui code, definition, inclusion and exclusion notes and
 * memo are packed (see export.h), and back: the writer (export_qdc.c)
 * packs, the reader (qdc_read.c) unpacks. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/export.h"
#include "core/codebook.h"
#include "core/i18n.h"
#include "core/qdc.h"

/* The labels of the parts after the definition.  Written in the
 * interface's language ("Inclusie: " in Dutch), read in English, in
 * Dutch and in the interface's language: a .qdc written on a Dutch
 * laptop opens on an English one and back.  The Dutch here must be
 * po/nl.po's translation (test_export's round trip checks it). */
static const struct label {
	const char *en, *nl;
} INCLUSION = { N_("Inclusion: "), "Inclusie: " },
  EXCLUSION = { N_("Exclusion: "), "Exclusie: " },
  MEMO = { N_("Memo: "), "Memo: " };

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
	part(&buf, &len, _(INCLUSION.en), f->inclusion);
	part(&buf, &len, _(EXCLUSION.en), f->exclusion);
	part(&buf, &len, _(MEMO.en), f->memo);
	return buf;
}

/* Cuts the part introduced by label off the end of rest (rest itself when
 * it starts with label, else after its last "\n\n" + label); NULL when
 * rest has no such part. */
static char *cut_one(char *rest, const char *label)
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
		return NULL;
	p = strdup(at + (at == rest ? 0 : 2) + n);
	*at = '\0';
	return p;
}

/* The part introduced by label in any of its languages, cut off rest;
 * "" when there is none. */
static char *cut(char *rest, const struct label *label)
{
	char *p = cut_one(rest, label->en);

	if (!p)
		p = cut_one(rest, label->nl);
	if (!p)
		p = cut_one(rest, _(label->en));
	return p ? p : strdup("");
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
	*memo = cut(rest, &MEMO);
	*exclusion = cut(rest, &EXCLUSION);
	*inclusion = cut(rest, &INCLUSION);
	*definition = rest;
}
