/* draaiboek_doc.h: the building blocks of a document that is written as
 * Markdown or as one standalone HTML page: headings, paragraphs, lists,
 * quotes, the page itself (inline CSS with a print style, no external
 * files).  What the draaiboek and the HTML factor list are written with;
 * text is always escaped. */
#ifndef STEMTUI_DRAAIBOEK_DOC_H
#define STEMTUI_DRAAIBOEK_DOC_H

#include <stdbool.h>
#include <stdio.h>

typedef struct doc {
	FILE *out;
	bool html;
	bool in_list;
} doc;

/* The page's start (HTML: doctype, <html lang>, the style, <body>) and
 * end; Markdown has neither. */
void doc_begin(doc *d, const char *title);
void doc_end(doc *d);

void doc_text(doc *d, const char *s);
void doc_end_list(doc *d);
/* A heading of level 1 to 6; anchor (or NULL) is its HTML id, code (or
 * NULL) is written before s in a quieter style. */
void doc_heading(doc *d, int level, const char *anchor, const char *code, const char *s);
/* A paragraph; cls is its HTML class (or NULL); label, when given, is
 * written first in bold.  Each line of s stays a line. */
void doc_para(doc *d, const char *cls, const char *label, const char *s);
/* A list item of plain text, in a list of HTML class cls (or NULL). */
void doc_item(doc *d, const char *cls, const char *s);
/* A list item linking to anchor (HTML), indented by level (0, 1). */
void doc_link_item(doc *d, int level, const char *anchor, const char *s);
/* A list item: what a participant said, in quotation marks, and where. */
void doc_quote_item(doc *d, const char *body, const char *source);
/* A list item that is not someone's words (an observation, an idea):
 * label in italics, the text, and where. */
void doc_note_item(doc *d, const char *label, const char *body, const char *source);
/* The rest of the document starts on a new page when printed (HTML);
 * a rule in Markdown. */
void doc_page_break(doc *d);

#endif
