/* draaiboek_intro.c: see draaiboek_intro.h.  Read a line at a time: a
 * paragraph at most INTRO_PARA bytes (a longer one is written in parts). */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/draaiboek_intro.h"
#include "core/fsutil.h"
#include "core/i18n.h"
#include "core/lang.h"

#define INTRO_PARA 8192

/* The first of the usual files that can be opened, or NULL. */
static FILE *open_usual(void)
{
	char name[64], *path;
	FILE *f = NULL;

	snprintf(name, sizeof name, "draaiboek-intro.%s.md", lang_current());
	path = fs_xdg_path("CONFIG", name);
	if (path)
		f = fopen(path, "r");
	free(path);
	if (f)
		return f;
	snprintf(name, sizeof name, "draaiboek/intro.%s.md", lang_current());
	path = fs_join(fs_datadir(), name);
	if (path)
		f = fopen(path, "r");
	free(path);
	return f;
}

/* Writes the block gathered in para (and empties it): a list item when
 * it started with "- ", else a paragraph. */
static void flush(doc *d, char *para, size_t *len, bool *item)
{
	if (*len > 0 && *item)
		doc_item(d, NULL, para);
	else if (*len > 0)
		doc_para(d, NULL, NULL, para);
	*len = 0;
	*item = false;
	para[0] = '\0';
}

int draaiboek_intro(doc *d, const char *path, st_err *err)
{
	FILE *f = path && *path ? fopen(path, "r") : open_usual();
	char line[4096], para[INTRO_PARA];
	size_t len = 0;
	bool item = false;

	if (!f && path && *path)
		return st_err_set(err, _("cannot read the introduction %s: %s"), path,
				  strerror(errno));
	if (!f)
		return 0;
	para[0] = '\0';
	while (fgets(line, sizeof line, f)) {
		const char *text = line;
		size_t n = strcspn(line, "\r\n");

		line[n] = '\0';
		if (n == 0) {
			flush(d, para, &len, &item);
			continue;
		}
		if (strncmp(line, "## ", 3) == 0) {
			flush(d, para, &len, &item);
			doc_heading(d, 3, NULL, NULL, line + 3);
			continue;
		}
		if (strncmp(line, "- ", 2) == 0) {
			flush(d, para, &len, &item);
			item = true;
			text = line + 2;
		}
		if (!item)
			doc_end_list(d);
		/* The lines of a block are one text: a file wrapped at 72
		 * columns reads as the text it is. */
		text += strspn(text, " \t");
		n = strlen(text);
		if (len + n + 2 > sizeof para)
			flush(d, para, &len, &item);
		if (len > 0)
			para[len++] = ' ';
		memcpy(para + len, text, n + 1);
		len += n;
	}
	flush(d, para, &len, &item);
	doc_end_list(d);
	fclose(f);
	return 0;
}
