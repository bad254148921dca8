/* draaiboek_doc.c: see draaiboek_doc.h. */
#include "config.h"

#include <string.h>

#include "core/draaiboek_doc.h"
#include "core/emit.h"
#include "core/i18n.h"

static const char css[] =
	"body{font-family:Georgia,'Times New Roman',serif;max-width:46em;margin:2em auto;"
	"padding:0 1em;line-height:1.45;color:#222;background:#fff}"
	"h1,h2,h3,h4{font-family:Helvetica,Arial,sans-serif;line-height:1.2}"
	"h1{font-size:1.8em}h2{border-bottom:2px solid #1f77b4;padding-bottom:.2em;margin-top:2em}"
	"h3{margin-top:1.5em}.code{color:#555;font-weight:normal}"
	".definition{font-style:italic}.figures{color:#333}"
	"ul.quotes{padding-left:1.2em}ul.quotes li{margin:.3em 0}"
	".source{color:#666;font-size:.9em}.label{font-style:italic}"
	".titlepage{margin:4em 0 3em}.titlepage p{margin:.2em 0}"
	".toc ul{list-style:none;padding-left:0}.toc li.level0{font-weight:bold;margin-top:.3em}"
	".toc li.level1{margin-left:1.5em;font-weight:normal}.toc a{text-decoration:none;color:#1f4e79}"
	"figure.chart{margin:1.5em 0}figure.chart figcaption{font-size:.9em;color:#555}"
	"table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .5em}"
	"td.n{text-align:right}"
	".pagebreak{break-after:page;page-break-after:always}"
	"@media print{body{max-width:none;margin:0;font-size:11pt;color:#000}"
	"h2,h3,h4{page-break-after:avoid;break-after:avoid}"
	"li,p,figure{page-break-inside:avoid;break-inside:avoid}"
	"h2{border-bottom:1px solid #000}a{color:#000;text-decoration:none}}";

void doc_begin(doc *d, const char *title)
{
	if (!d->html)
		return;
	/* TRANSLATORS: the language of the draaiboek page, for <html lang>. */
	fprintf(d->out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		"<title>", _("en"));
	emit_html_text(d->out, title, false);
	fprintf(d->out, "</title>\n<style>\n%s\n</style>\n</head>\n<body>\n", css);
}

void doc_end(doc *d)
{
	doc_end_list(d);
	if (d->html)
		fputs("</body>\n</html>\n", d->out);
}

void doc_text(doc *d, const char *s)
{
	if (d->html)
		emit_html_text(d->out, s, false);
	else
		emit_md_inline(d->out, s);
}

void doc_end_list(doc *d)
{
	if (d->in_list && d->html)
		fputs("</ul>\n", d->out);
	else if (d->in_list)
		fputc('\n', d->out);
	d->in_list = false;
}

static void start_list(doc *d, const char *cls)
{
	if (d->in_list)
		return;
	if (d->html && cls)
		fprintf(d->out, "<ul class=\"%s\">\n", cls);
	else if (d->html)
		fputs("<ul>\n", d->out);
	d->in_list = true;
}

void doc_heading(doc *d, int level, const char *anchor, const char *code, const char *s)
{
	doc_end_list(d);
	if (d->html) {
		if (anchor)
			fprintf(d->out, "<h%d id=\"%s\">", level, anchor);
		else
			fprintf(d->out, "<h%d>", level);
		if (code) {
			fputs("<span class=\"code\">", d->out);
			doc_text(d, code);
			fputs("</span> ", d->out);
		}
		doc_text(d, s);
		fprintf(d->out, "</h%d>\n", level);
	} else {
		fprintf(d->out, "%.*s ", level, "######");
		if (code) {
			doc_text(d, code);
			fputs(" · ", d->out);
		}
		doc_text(d, s);
		fputs("\n\n", d->out);
	}
}

void doc_para(doc *d, const char *cls, const char *label, const char *s)
{
	doc_end_list(d);
	if (d->html) {
		if (cls)
			fprintf(d->out, "<p class=\"%s\">", cls);
		else
			fputs("<p>", d->out);
		if (label) {
			fputs("<strong>", d->out);
			doc_text(d, label);
			fputs(*s ? "</strong> " : "</strong>", d->out);
		}
		emit_html_text(d->out, s, true);
		fputs("</p>\n", d->out);
	} else {
		const char *line = s, *end;
		bool first = true;

		if (label) {
			fputs("**", d->out);
			doc_text(d, label);
			fputs(*s ? "** " : "**", d->out);
		}
		/* Each line on its own, as a hard break. */
		for (; line; line = end ? end + 1 : NULL) {
			end = strchr(line, '\n');
			if (!first)
				fputs("  \n", d->out);
			emit_md_text(d->out, line, end ? (size_t)(end - line) : strlen(line),
				     !label || !first);
			first = false;
		}
		fputs("\n\n", d->out);
	}
}

void doc_item(doc *d, const char *cls, const char *s)
{
	start_list(d, cls);
	fputs(d->html ? "<li>" : "- ", d->out);
	doc_text(d, s);
	fputs(d->html ? "</li>\n" : "\n", d->out);
}

void doc_link_item(doc *d, int level, const char *anchor, const char *s)
{
	start_list(d, "toc");
	if (d->html) {
		fprintf(d->out, "<li class=\"level%d\"><a href=\"#%s\">", level, anchor);
		doc_text(d, s);
		fputs("</a></li>\n", d->out);
	} else {
		/* Four spaces: a nested item to every Markdown reader, not only
		 * to CommonMark ones. */
		fprintf(d->out, "%s- ", level > 0 ? "    " : "");
		doc_text(d, s);
		fputc('\n', d->out);
	}
}

/* The body of a list item: every line escaped (Markdown: as at a line
 * start, and indented, so the item stays one, paragraph breaks and all),
 * then its source. */
static void item_body(doc *d, const char *open, const char *body, const char *close,
		      const char *source)
{
	if (d->html) {
		fputs(open, d->out);
		emit_html_text(d->out, body, true);
		fputs(close, d->out);
		fputs(" <span class=\"source\">(", d->out);
		doc_text(d, source);
		fputs(")</span></li>\n", d->out);
	} else {
		fputs(open, d->out);
		emit_md_block(d->out, body, "  ", true);
		fputs(close, d->out);
		fputs(" (", d->out);
		doc_text(d, source);
		fputs(")\n", d->out);
	}
}

void doc_quote_item(doc *d, const char *body, const char *source)
{
	start_list(d, "quotes");
	if (d->html)
		item_body(d, "<li class=\"quote\"><q>", body, "</q>", source);
	else
		item_body(d, "- “", body, "”", source);
}

void doc_note_item(doc *d, const char *label, const char *body, const char *source)
{
	start_list(d, "quotes");
	if (d->html) {
		fputs("<li class=\"note\"><span class=\"label\">", d->out);
		doc_text(d, label);
		item_body(d, ":</span> ", body, "", source);
	} else {
		fputs("- *", d->out);
		doc_text(d, label);
		item_body(d, ":* ", body, "", source);
	}
}

void doc_page_break(doc *d)
{
	doc_end_list(d);
	fputs(d->html ? "<div class=\"pagebreak\"></div>\n" : "---\n\n", d->out);
}
