/* export_draaiboek.c: the draaiboek, a readable document for school teams:
 * what it is based on (programmes and sessions), then per category and
 * factor its definition, how often and where it came up, what helped
 * (enabler quotes) and what stood in the way (barrier quotes).  Markdown,
 * or one standalone HTML page (inline CSS, no external assets, a print
 * style).  Text from the database is always escaped. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codebook.h"
#include "core/codebook_snapshot.h"
#include "core/date.h"
#include "core/db.h"
#include "core/emit.h"
#include "core/export.h"
#include "core/figures.h"
#include "core/i18n.h"
#include "core/programme.h"

#define DEFAULT_QUOTES 3

/* The notes that count, as an SQL condition on session s and note n, with
 * ?2 the programme (0 all), ?3 the session kind (NULL all), ?4 the session
 * (0 all). */
#define FILTER " n.deleted_at IS NULL AND (?2 = 0 OR s.programme_id = ?2)" \
	" AND (?3 IS NULL OR s.kind = ?3) AND (?4 = 0 OR s.id = ?4)"
/* Factor ?1 and every factor below it. */
#define SUBTREE "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL" \
	" SELECT f.id FROM factor f JOIN sub ON f.parent_id = sub.id) "

typedef struct doc {
	FILE *out;
	bool html;
	bool in_list;
} doc;

static void text(doc *d, const char *s)
{
	if (d->html)
		emit_html_text(d->out, s, false);
	else
		emit_md_inline(d->out, s);
}

static void end_list(doc *d)
{
	if (d->in_list && d->html)
		fputs("</ul>\n", d->out);
	else if (d->in_list)
		fputc('\n', d->out);
	d->in_list = false;
}

static void heading(doc *d, int level, const char *code, const char *s)
{
	end_list(d);
	if (d->html) {
		fprintf(d->out, "<h%d>", level);
		if (code) {
			fputs("<span class=\"code\">", d->out);
			text(d, code);
			fputs("</span> ", d->out);
		}
		text(d, s);
		fprintf(d->out, "</h%d>\n", level);
	} else {
		fprintf(d->out, "%.*s ", level, "######");
		if (code) {
			text(d, code);
			fputs(" · ", d->out);
		}
		text(d, s);
		fputs("\n\n", d->out);
	}
}

/* A paragraph; cls is its HTML class (or NULL); label, when given, is
 * written first in bold. */
static void para(doc *d, const char *cls, const char *label, const char *s)
{
	end_list(d);
	if (d->html) {
		if (cls)
			fprintf(d->out, "<p class=\"%s\">", cls);
		else
			fputs("<p>", d->out);
		if (label) {
			fputs("<strong>", d->out);
			text(d, label);
			fputs(*s ? "</strong> " : "</strong>", d->out);
		}
		emit_html_text(d->out, s, true);
		fputs("</p>\n", d->out);
	} else {
		const char *line = s, *end;
		bool first = true;

		if (label) {
			fputs("**", d->out);
			text(d, label);
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

/* A list item: a quote and where it comes from. */
static void quote_item(doc *d, const char *body, const char *source)
{
	if (!d->in_list) {
		fputs(d->html ? "<ul class=\"quotes\">\n" : "", d->out);
		d->in_list = true;
	}
	if (d->html) {
		fputs("<li><q>", d->out);
		emit_html_text(d->out, body, true);
		fputs("</q> <span class=\"source\">(", d->out);
		text(d, source);
		fputs(")</span></li>\n", d->out);
	} else {
		/* Every line escaped as at a line start and indented, so the
		 * quote stays one list item, paragraph breaks and all. */
		fputs("- “", d->out);
		emit_md_block(d->out, body, "  ", true);
		fputs("” (", d->out);
		text(d, source);
		fputs(")\n", d->out);
	}
}

static const char css[] =
	"body{font-family:Georgia,'Times New Roman',serif;max-width:46em;margin:2em auto;"
	"padding:0 1em;line-height:1.45;color:#222;background:#fff}"
	"h1,h2,h3,h4{font-family:Helvetica,Arial,sans-serif;line-height:1.2}"
	"h1{font-size:1.8em}h2{border-bottom:2px solid #1f77b4;padding-bottom:.2em;margin-top:2em}"
	"h3{margin-top:1.5em}.code{color:#555;font-weight:normal}"
	".definition{font-style:italic}.figures{color:#333}"
	"ul.quotes{padding-left:1.2em}ul.quotes li{margin:.3em 0}"
	".source{color:#666;font-size:.9em}"
	"@media print{body{max-width:none;margin:0;font-size:11pt;color:#000}"
	"h2,h3,h4{page-break-after:avoid;break-after:avoid}"
	"li,p{page-break-inside:avoid;break-inside:avoid}"
	"h2{border-bottom:1px solid #000}a{color:#000;text-decoration:none}}";

struct ctx {
	sqlite3 *db;
	const export_options *o;
	doc d;
	sqlite3_stmt *where, *quotes;
	st_err *err;
};

static void bind_filter(struct ctx *c, sqlite3_stmt *st)
{
	sqlite3_bind_int64(st, 2, c->o->programme_id);
	db_bind_text_or_null(st, 3, c->o->session_kind);
	sqlite3_bind_int64(st, 4, c->o->session_id);
}

/* A stored ISO date the way people read it ("do 31 mei 2018"). */
static const char *human_date(const char *iso, char *buf, size_t n)
{
	st_date d;

	if (date_parse_iso(iso, &d) == 0)
		date_format_short(&d, buf, n);
	else
		snprintf(buf, n, "%s", iso);
	return buf;
}

static const char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

/* "Based on": each programme and its sessions with tagged notes. */
static int based_on(struct ctx *c)
{
	static const char sql[] =
		"SELECT p.name, s.code, s.kind, s.date, count(DISTINCT n.id)"
		" FROM note n JOIN session s ON s.id = n.session_id"
		" JOIN programme p ON p.id = s.programme_id"
		" WHERE EXISTS (SELECT 1 FROM tag t WHERE t.note_id = n.id) AND" FILTER
		" GROUP BY s.id ORDER BY p.name, s.date, s.code_key";
	sqlite3_stmt *st = db_prepare(c->db, sql, c->err);
	char *programme = NULL, line[1024], date[64];
	int rc, sessions = 0;
	long long notes = 0;

	if (!st)
		return -1;
	bind_filter(c, st);
	heading(&c->d, 2, NULL, _("What this is based on"));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!programme || strcmp(programme, col(st, 0)) != 0) {
			free(programme);
			programme = strdup(col(st, 0));
			end_list(&c->d);
			para(&c->d, NULL, _("Programme:"), col(st, 0));
		}
		snprintf(line, sizeof line, "%s · %s · %s", col(st, 1), session_kind_text(col(st, 2)),
			 human_date(col(st, 3), date, sizeof date));
		if (!c->d.in_list) {
			fputs(c->d.html ? "<ul>\n" : "", c->d.out);
			c->d.in_list = true;
		}
		fputs(c->d.html ? "<li>" : "- ", c->d.out);
		text(&c->d, line);
		fprintf(c->d.out, ngettext(" (%d tagged note)", " (%d tagged notes)",
					   (unsigned long)sqlite3_column_int(st, 4)),
			sqlite3_column_int(st, 4));
		fputs(c->d.html ? "</li>\n" : "\n", c->d.out);
		sessions++;
		notes += sqlite3_column_int(st, 4);
	}
	free(programme);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return st_err_set(c->err, "%s", sqlite3_errmsg(c->db));
	if (sessions == 0)
		para(&c->d, NULL, NULL, _("No tagged notes yet."));
	else {
		snprintf(line, sizeof line, ngettext("%lld tagged note", "%lld tagged notes",
						     (unsigned long)notes), notes);
		end_list(&c->d);
		para(&c->d, NULL, _("In all:"), line);
	}
	return 0;
}

/* "Came up in 5 notes at 3 sessions (2 schools): 3 enablers, 1 barrier, 1 neutral." */
static void figures(struct ctx *c, const factor_figures *x)
{
	char buf[512], part[128];

	if (x->notes == 0) {
		para(&c->d, "figures", NULL, _("Not (yet) come up in the notes."));
		return;
	}
	snprintf(buf, sizeof buf, ngettext("Came up in %d note", "Came up in %d notes",
					   (unsigned long)x->notes), x->notes);
	snprintf(part, sizeof part, ngettext(" at %d session", " at %d sessions",
					     (unsigned long)x->sessions), x->sessions);
	strncat(buf, part, sizeof buf - strlen(buf) - 1);
	snprintf(part, sizeof part, ngettext(" (%d school)", " (%d schools)",
					     (unsigned long)x->schools), x->schools);
	strncat(buf, part, sizeof buf - strlen(buf) - 1);
	snprintf(part, sizeof part, _(": %d as enabler, %d as barrier, %d neutral."),
		 x->enablers, x->barriers, x->neutral);
	strncat(buf, part, sizeof buf - strlen(buf) - 1);
	para(&c->d, "figures", NULL, buf);
}

/* "Where: COP 07 (Groei, di 20 nov 2018), ..." */
static int where(struct ctx *c, long long factor_id)
{
	char *list = NULL, item[256], date[64];
	size_t len = 0;
	int rc;

	sqlite3_reset(c->where);
	sqlite3_bind_int64(c->where, 1, factor_id);
	bind_filter(c, c->where);
	while ((rc = sqlite3_step(c->where)) == SQLITE_ROW) {
		size_t n;
		char *grown;

		n = (size_t)snprintf(item, sizeof item, "%s%s (%s, %s)", len ? ", " : "",
				     col(c->where, 0), session_kind_short(col(c->where, 1)),
				     human_date(col(c->where, 2), date, sizeof date));
		if (n >= sizeof item)
			n = sizeof item - 1;
		grown = realloc(list, len + n + 1);
		if (!grown) {
			free(list);
			return st_err_set(c->err, "%s", _("out of memory"));
		}
		list = grown;
		memcpy(list + len, item, n + 1);
		len += n;
	}
	if (rc != SQLITE_DONE) {
		free(list);
		return st_err_set(c->err, "%s", sqlite3_errmsg(c->db));
	}
	if (list)
		para(&c->d, NULL, _("Where:"), list);
	free(list);
	return 0;
}

/* Up to max quotes with polarity (+1/-1) under a label. */
static int quotes(struct ctx *c, long long factor_id, int polarity, const char *label, int max)
{
	char source[512], date[64];
	bool any = false;
	int rc;

	sqlite3_reset(c->quotes);
	sqlite3_bind_int64(c->quotes, 1, factor_id);
	bind_filter(c, c->quotes);
	sqlite3_bind_int(c->quotes, 5, polarity);
	sqlite3_bind_int(c->quotes, 6, max);
	while ((rc = sqlite3_step(c->quotes)) == SQLITE_ROW) {
		if (!any)
			para(&c->d, NULL, label, "");
		any = true;
		human_date(col(c->quotes, 2), date, sizeof date);
		if (*col(c->quotes, 3))
			snprintf(source, sizeof source, "%s, %s, %s", col(c->quotes, 1), date,
				 col(c->quotes, 3));
		else
			snprintf(source, sizeof source, "%s, %s", col(c->quotes, 1), date);
		quote_item(&c->d, col(c->quotes, 0), source);
	}
	end_list(&c->d);
	if (rc != SQLITE_DONE)
		return st_err_set(c->err, "%s", sqlite3_errmsg(c->db));
	return 0;
}

static int factor_section(struct ctx *c, const st_factor *f, const factor_figures *x, int max)
{
	heading(&c->d, f->depth == 0 ? 2 : f->depth == 1 ? 3 : 4, f->code, f->name);
	if (f->definition && *f->definition)
		para(&c->d, "definition", NULL, f->definition);
	figures(c, x);
	if (f->children > 0 || x->notes == 0)
		return 0;
	if (where(c, f->id) != 0)
		return -1;
	if (quotes(c, f->id, 1, _("What helped:"), max) != 0)
		return -1;
	return quotes(c, f->id, -1, _("What stood in the way:"), max);
}

int export_draaiboek(sqlite3 *db, const export_options *o, FILE *out, st_err *err)
{
	static const char where_sql[] =
		SUBTREE "SELECT s.code, s.kind, s.date FROM session s WHERE EXISTS (SELECT 1"
		" FROM note n JOIN tag t ON t.note_id = n.id WHERE n.session_id = s.id"
		" AND t.factor_id IN sub AND" FILTER ") ORDER BY s.date, s.code_key";
	/* Quotes (kind quote) first, then the other notes, oldest first. */
	static const char quotes_sql[] =
		SUBTREE "SELECT n.body, s.code, s.date, n.group_label FROM note n"
		" JOIN session s ON s.id = n.session_id"
		" WHERE EXISTS (SELECT 1 FROM tag t WHERE t.note_id = n.id AND t.factor_id IN sub"
		" AND t.polarity = ?5) AND" FILTER
		" ORDER BY n.kind != 'quote', n.created_at, n.id LIMIT ?6";
	figure_filter filter = { o->programme_id, o->session_kind, o->session_id };
	struct ctx c = { db, o, { out, o->format == EXFMT_HTML, false }, NULL, NULL, err };
	codebook_snapshot cb = { 0 };
	int max = o->quotes > 0 ? o->quotes : DEFAULT_QUOTES;
	int i, rc = -1;
	const char *title = _("Draaiboek: critical success factors for STEM at school");

	if (codebook_snapshot_read(db, &filter, &cb, err) < 0)
		goto done;
	c.where = db_prepare(db, where_sql, err);
	c.quotes = c.where ? db_prepare(db, quotes_sql, err) : NULL;
	if (!c.quotes)
		goto done;
	if (c.d.html) {
		/* TRANSLATORS: the language of the draaiboek page, for <html lang>. */
		fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			"<title>", _("en"));
		emit_html_text(out, title, false);
		fprintf(out, "</title>\n<style>\n%s\n</style>\n</head>\n<body>\n", css);
	}
	heading(&c.d, 1, NULL, title);
	para(&c.d, NULL, NULL, _("Per category and factor: what it means, how often and where it came"
				 " up in the notes of the sessions, what helped and what stood in"
				 " the way, in the participants' own words."));
	if (based_on(&c) != 0)
		goto done;
	for (i = 0; i < cb.n; i++) {
		if (factor_section(&c, &cb.f[i], &cb.fig[i], max) != 0)
			goto done;
		if (o->progress)
			o->progress(o->progress_ctx, i + 1, cb.n);
	}
	end_list(&c.d);
	if (c.d.html)
		fputs("</body>\n</html>\n", out);
	rc = 0;
done:
	sqlite3_finalize(c.where);
	sqlite3_finalize(c.quotes);
	codebook_snapshot_free(&cb);
	return rc;
}
