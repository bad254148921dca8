/* export_draaiboek.c: the draaiboek, the handout a school team reads to
 * start or sustain STEM: a title page (programme, network, date,
 * version, facilitators), an introduction the facilitator can edit (a
 * text file, draaiboek_intro.c), a table of contents, the pictures (HTML),
 * then per category and factor its definition, how often and where it
 * came up, what helps and what hinders (participants' words marked as
 * quotes, facilitators' observations as observations) and its
 * "handvatten" (the ideas and actions about it); an appendix with the
 * ideas and actions not yet linked to a factor and every session it
 * rests on.
 *
 * It stays flat in memory at any size: the tree and its figures come
 * from the codebook snapshot, and the notes are read per factor with
 * limited queries (the --quotes cap), never all at once.  Markdown or
 * one standalone HTML page (draaiboek_doc.h); with --pseudonymise every
 * name in it is replaced (pseudonym.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/codebook.h"
#include "core/codebook_snapshot.h"
#include "core/date.h"
#include "core/db.h"
#include "core/draaiboek_doc.h"
#include "core/draaiboek_intro.h"
#include "core/export.h"
#include "core/figure_charts.h"
#include "core/figures.h"
#include "core/i18n.h"
#include "core/note_kinds.h"
#include "core/programme.h"
#include "core/pseudonym.h"

#define DEFAULT_QUOTES 3
/* Factors in the chart of what helps and hinders; the rest are in the text. */
#define CHART_ROWS 60
/* Untagged ideas and actions in the appendix; the rest are in stemtui. */
#define UNTAGGED_MAX 100
/* Facilitators named on the title page. */
#define FACILITATORS_MAX 12

/* The notes that count, as an SQL condition on session s and note n, with
 * ?2 the programme (0 all), ?3 the session kind (NULL all), ?4 the session
 * (0 all). */
#define FILTER " n.deleted_at IS NULL AND (?2 = 0 OR s.programme_id = ?2)" \
	" AND (?3 IS NULL OR s.kind = ?3) AND (?4 = 0 OR s.id = ?4)"
/* The same for sessions alone. */
#define SESSIONS " (?2 = 0 OR s.programme_id = ?2) AND (?3 IS NULL OR s.kind = ?3)" \
	" AND (?4 = 0 OR s.id = ?4)"

struct ctx {
	sqlite3 *db;
	const export_options *o;
	doc d;
	sqlite3_stmt *where, *notes;
	int max;
	st_err *err;
};

static void bind_filter(struct ctx *c, sqlite3_stmt *st)
{
	sqlite3_bind_int64(st, 2, c->o->programme_id);
	db_bind_text_or_null(st, 3, c->o->session_kind);
	sqlite3_bind_int64(st, 4, c->o->session_id);
}

static sqlite3_stmt *prepare(struct ctx *c, const char *sql)
{
	sqlite3_stmt *st = db_prepare(c->db, sql, c->err);

	if (st)
		bind_filter(c, st);
	return st;
}

static int step_error(struct ctx *c, sqlite3_stmt *st, int rc)
{
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return st_err_set(c->err, "%s", sqlite3_errmsg(c->db));
	return 0;
}

/* s as it may be shown: with every name replaced when pseudonymised.  A
 * new string (NULL when out of memory). */
static char *shown(struct ctx *c, const char *s)
{
	return c->o->pseudo ? pseudonym_text(c->o->pseudo, s) : strdup(s ? s : "");
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

/* Today, or the day of SOURCE_DATE_EPOCH when it is set, so that the same
 * notes give the same document (reproducible builds do the same). */
static st_date export_day(void)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	st_date d = date_today();

	if (epoch && *epoch) {
		time_t t = (time_t)strtoll(epoch, NULL, 10);
		struct tm tm;

		if (gmtime_r(&t, &tm)) {
			d.year = tm.tm_year + 1900;
			d.month = tm.tm_mon + 1;
			d.day = tm.tm_mday;
		}
	}
	return d;
}

/* "STEM++ 2017-2018 (2017-2018)", one per programme the notes come from. */
static int title_programmes(struct ctx *c)
{
	sqlite3_stmt *st = prepare(c, "SELECT p.name, p.school_year FROM programme p"
				   " WHERE EXISTS (SELECT 1 FROM session s WHERE s.programme_id = p.id"
				   " AND" SESSIONS ") ORDER BY p.name");
	char line[512];
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*col(st, 1) && !strstr(col(st, 0), col(st, 1)))
			snprintf(line, sizeof line, "%s (%s)", col(st, 0), col(st, 1));
		else
			snprintf(line, sizeof line, "%s", col(st, 0));
		doc_para(&c->d, NULL, _("Programme:"), line);
	}
	return step_error(c, st, rc);
}

/* "Leen Deprez, Arne Smets": who wrote the notes. */
static int title_facilitators(struct ctx *c)
{
	sqlite3_stmt *st = prepare(c, "SELECT DISTINCT n.author FROM note n JOIN session s"
				   " ON s.id = n.session_id WHERE n.author != '' AND" FILTER
				   " ORDER BY n.author LIMIT ?1");
	char list[1024] = "";
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, FACILITATORS_MAX);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *name = shown(c, col(st, 0));

		if (*list)
			strncat(list, ", ", sizeof list - strlen(list) - 1);
		strncat(list, name ? name : "", sizeof list - strlen(list) - 1);
		free(name);
	}
	if (*list)
		doc_para(&c->d, NULL, _("Facilitators:"), list);
	return step_error(c, st, rc);
}

/* "Based on 41 tagged notes from 9 sessions." */
static int title_counts(struct ctx *c)
{
	sqlite3_stmt *st = prepare(c, "SELECT count(*), count(DISTINCT n.session_id) FROM note n"
				   " JOIN session s ON s.id = n.session_id WHERE EXISTS (SELECT 1"
				   " FROM tag t WHERE t.note_id = n.id) AND" FILTER);
	char line[256], part[128];
	int rc;

	if (!st)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int notes = sqlite3_column_int(st, 0), sessions = sqlite3_column_int(st, 1);

		snprintf(line, sizeof line, ngettext("%d tagged note", "%d tagged notes",
						     (unsigned long)notes), notes);
		snprintf(part, sizeof part, ngettext(" from %d session", " from %d sessions",
						     (unsigned long)sessions), sessions);
		strncat(line, part, sizeof line - strlen(line) - 1);
		doc_para(&c->d, NULL, _("Based on:"), notes ? line : _("no tagged notes yet"));
		rc = SQLITE_DONE;
	}
	return step_error(c, st, rc);
}

static int title_page(struct ctx *c, const char *title)
{
	st_date day = export_day();
	char date[64], version[128];

	date_format_long(&day, date, sizeof date);
	if (c->d.html)
		fputs("<header class=\"titlepage\">\n", c->d.out);
	doc_heading(&c->d, 1, NULL, NULL, title);
	if (title_programmes(c) != 0)
		return -1;
	if (c->o->network && *c->o->network)
		doc_para(&c->d, NULL, _("Network:"), c->o->network);
	doc_para(&c->d, NULL, _("Date:"), date);
	date_format_iso(&day, date, sizeof date);
	/* TRANSLATORS: the draaiboek's version: the day it was made and the
	   program that made it, "2026-12-03 (stemtui 1.0)". */
	snprintf(version, sizeof version, _("%s (stemtui %s)"), date, PACKAGE_VERSION);
	doc_para(&c->d, NULL, _("Version:"), version);
	if (title_facilitators(c) != 0 || title_counts(c) != 0)
		return -1;
	if (c->d.html)
		fputs("</header>\n", c->d.out);
	doc_page_break(&c->d);
	return 0;
}

static void contents(struct ctx *c, const codebook_snapshot *cb)
{
	char line[512], anchor[32];
	int i;

	doc_heading(&c->d, 2, NULL, NULL, _("Contents"));
	if (c->d.html)
		fputs("<nav class=\"toc\">\n", c->d.out);
	doc_link_item(&c->d, 0, "intro", _("Introduction"));
	if (c->d.html)
		doc_link_item(&c->d, 0, "figures", _("In figures"));
	for (i = 0; i < cb->n; i++) {
		if (cb->f[i].depth > 1)
			continue;
		snprintf(line, sizeof line, "%s · %s", cb->f[i].code, cb->f[i].name);
		snprintf(anchor, sizeof anchor, "f%lld", cb->f[i].id);
		doc_link_item(&c->d, cb->f[i].depth, anchor, line);
	}
	doc_link_item(&c->d, 0, "appendix", _("Appendix"));
	doc_end_list(&c->d);
	if (c->d.html)
		fputs("</nav>\n", c->d.out);
}

static int introduction(struct ctx *c)
{
	doc_heading(&c->d, 2, "intro", NULL, _("Introduction"));
	if (draaiboek_intro(&c->d, c->o->intro, c->err) != 0)
		return -1;
	doc_heading(&c->d, 3, NULL, NULL, _("How to read this draaiboek"));
	doc_para(&c->d, NULL, NULL, _("Per category and factor: what it means, how often and where"
				      " it came up in the notes of the sessions, what helps and what"
				      " hinders, and handvatten: ideas and actions a school team can"
				      " start from. Words in quotation marks are what participants"
				      " said; observations are what the facilitators noted."));
	return 0;
}

/* "Came up in 5 notes at 3 sessions (2 schools): 3 as enabler, 1 as
 * barrier."  Only what is known and not zero: a factor raised only at
 * groeisessies has sessions but no school. */
static void figures(struct ctx *c, const factor_figures *x)
{
	char buf[512], part[128];
	const char *sep = ": ";

	if (x->notes == 0) {
		doc_para(&c->d, "figures", NULL, _("Not (yet) come up in the notes."));
		return;
	}
	snprintf(buf, sizeof buf, ngettext("Came up in %d note", "Came up in %d notes",
					   (unsigned long)x->notes), x->notes);
	snprintf(part, sizeof part, ngettext(" at %d session", " at %d sessions",
					     (unsigned long)x->sessions), x->sessions);
	strncat(buf, part, sizeof buf - strlen(buf) - 1);
	if (x->schools > 0) {
		snprintf(part, sizeof part, ngettext(" (%d school)", " (%d schools)",
						     (unsigned long)x->schools), x->schools);
		strncat(buf, part, sizeof buf - strlen(buf) - 1);
	}
	if (x->enablers > 0) {
		snprintf(part, sizeof part, _("%s%d as enabler"), sep, x->enablers);
		strncat(buf, part, sizeof buf - strlen(buf) - 1);
		sep = ", ";
	}
	if (x->barriers > 0) {
		snprintf(part, sizeof part, _("%s%d as barrier"), sep, x->barriers);
		strncat(buf, part, sizeof buf - strlen(buf) - 1);
		sep = ", ";
	}
	if (x->neutral > 0) {
		snprintf(part, sizeof part, _("%s%d as neutral"), sep, x->neutral);
		strncat(buf, part, sizeof buf - strlen(buf) - 1);
	}
	strncat(buf, ".", sizeof buf - strlen(buf) - 1);
	doc_para(&c->d, "figures", NULL, buf);
}

/* "Where: COP 07 (Groei, do 31 mei 2018), ..." */
static int where(struct ctx *c, long long factor_id)
{
	char *list = NULL, item[256], date[64];
	size_t len = 0;
	int rc;

	sqlite3_reset(c->where);
	sqlite3_bind_int64(c->where, 1, factor_id);
	while ((rc = sqlite3_step(c->where)) == SQLITE_ROW) {
		size_t n = (size_t)snprintf(item, sizeof item, "%s%s (%s, %s)", len ? ", " : "",
					    col(c->where, 0), session_kind_short(col(c->where, 1)),
					    human_date(col(c->where, 2), date, sizeof date));
		char *grown;

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
	if (list && rc == SQLITE_DONE)
		doc_para(&c->d, NULL, _("Where:"), list);
	free(list);
	return rc == SQLITE_DONE ? 0 : st_err_set(c->err, "%s", sqlite3_errmsg(c->db));
}

/* One note as a list item: a quote in quotation marks, anything else
 * under its kind's label; its source is session, date and group. */
static int note_item(struct ctx *c, sqlite3_stmt *st)
{
	char source[512], date[64];
	char *body = shown(c, col(st, 0)), *group = shown(c, col(st, 3));

	if (!body || !group) {
		free(body);
		free(group);
		return st_err_set(c->err, "%s", _("out of memory"));
	}
	human_date(col(st, 2), date, sizeof date);
	if (*group)
		snprintf(source, sizeof source, "%s, %s, %s", col(st, 1), date, group);
	else
		snprintf(source, sizeof source, "%s, %s", col(st, 1), date);
	if (strcmp(col(st, 4), "quote") == 0)
		doc_quote_item(&c->d, body, source);
	else
		doc_note_item(&c->d, note_kind_label(col(st, 4)), body, source);
	free(body);
	free(group);
	return 0;
}

/* Up to max notes about factor_id of kind k1 (first) or k2, with
 * polarity (+1, -1; 0 for any), under a label. */
static int notes(struct ctx *c, long long factor_id, int polarity, const char *k1,
		 const char *k2, const char *label, int max)
{
	bool any = false;
	int rc;

	sqlite3_reset(c->notes);
	sqlite3_bind_int64(c->notes, 1, factor_id);
	sqlite3_bind_int(c->notes, 5, polarity);
	sqlite3_bind_int(c->notes, 6, max);
	sqlite3_bind_text(c->notes, 7, k1, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->notes, 8, k2, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(c->notes)) == SQLITE_ROW) {
		if (!any)
			doc_para(&c->d, NULL, label, "");
		any = true;
		if (note_item(c, c->notes) != 0)
			return -1;
	}
	doc_end_list(&c->d);
	if (rc != SQLITE_DONE)
		return st_err_set(c->err, "%s", sqlite3_errmsg(c->db));
	return 0;
}

static int factor_section(struct ctx *c, const st_factor *f, const factor_figures *x)
{
	char anchor[32];

	snprintf(anchor, sizeof anchor, "f%lld", f->id);
	if (f->depth == 0)
		doc_page_break(&c->d);
	doc_heading(&c->d, f->depth == 0 ? 2 : f->depth == 1 ? 3 : 4, anchor, f->code, f->name);
	if (f->definition && *f->definition)
		doc_para(&c->d, "definition", NULL, f->definition);
	figures(c, x);
	if (f->children > 0 || x->notes == 0)
		return 0;
	if (where(c, f->id) != 0 ||
	    notes(c, f->id, 1, "quote", "observation", _("What helps:"), c->max) != 0 ||
	    notes(c, f->id, -1, "quote", "observation", _("What hinders:"), c->max) != 0)
		return -1;
	return notes(c, f->id, 0, "idea", "action", _("Handvatten (ideas and actions):"),
		     2 * c->max);
}

/* The ideas and actions no factor is linked to yet, oldest first. */
static int appendix_untagged(struct ctx *c)
{
	sqlite3_stmt *st = prepare(c, "SELECT n.body, s.code, s.date, n.group_label, n.kind"
				   " FROM note n JOIN session s ON s.id = n.session_id"
				   " WHERE n.kind IN ('idea', 'action') AND NOT EXISTS (SELECT 1"
				   " FROM tag t WHERE t.note_id = n.id) AND" FILTER
				   " ORDER BY s.date, n.created_at, n.id LIMIT ?1");
	int rc, n = 0;

	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, UNTAGGED_MAX + 1);
	doc_heading(&c->d, 3, NULL, NULL, _("Ideas and actions not yet linked to a factor"));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n++ < UNTAGGED_MAX)
		if (note_item(c, st) != 0) {
			sqlite3_finalize(st);
			return -1;
		}
	if (rc == SQLITE_ROW) {
		doc_para(&c->d, NULL, NULL, _("More in stemtui: stemtui export notes --untagged."));
		rc = SQLITE_DONE;
	} else if (n == 0) {
		doc_para(&c->d, NULL, NULL, _("None."));
	}
	return step_error(c, st, rc);
}

/* Every session of the programme, the inspiratiesessies included, with
 * its notes. */
static int appendix_sessions(struct ctx *c)
{
	sqlite3_stmt *st = prepare(c, "SELECT p.name, s.code, s.kind, s.date,"
				   " (SELECT count(*) FROM note n WHERE n.session_id = s.id"
				   "  AND n.deleted_at IS NULL),"
				   " (SELECT count(*) FROM note n WHERE n.session_id = s.id"
				   "  AND n.deleted_at IS NULL AND EXISTS (SELECT 1 FROM tag t"
				   "  WHERE t.note_id = n.id))"
				   " FROM session s JOIN programme p ON p.id = s.programme_id"
				   " WHERE" SESSIONS " ORDER BY p.name, s.date, s.code_key");
	char *programme = NULL, line[1024], date[64], part[128];
	int rc;

	if (!st)
		return -1;
	doc_heading(&c->d, 3, NULL, NULL, _("The sessions this draaiboek rests on"));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int all = sqlite3_column_int(st, 4), tagged = sqlite3_column_int(st, 5);

		if (!programme || strcmp(programme, col(st, 0)) != 0) {
			free(programme);
			programme = strdup(col(st, 0));
			doc_para(&c->d, NULL, _("Programme:"), col(st, 0));
		}
		if (all == 0)
			snprintf(part, sizeof part, "%s", _("no notes"));
		else
			snprintf(part, sizeof part, ngettext("%d note, %d tagged",
							     "%d notes, %d tagged",
							     (unsigned long)all), all, tagged);
		snprintf(line, sizeof line, "%s · %s · %s · %s", col(st, 1),
			 session_kind_text(col(st, 2)), human_date(col(st, 3), date, sizeof date),
			 part);
		doc_item(&c->d, NULL, line);
	}
	free(programme);
	return step_error(c, st, rc);
}

static int body(struct ctx *c, const codebook_snapshot *cb, const char *title)
{
	int i;

	if (title_page(c, title) != 0)
		return -1;
	contents(c, cb);
	if (introduction(c) != 0)
		return -1;
	if (c->d.html) {
		doc_heading(&c->d, 2, "figures", NULL, _("In figures"));
		chart_polarity(c->d.out, cb, CHART_ROWS);
		chart_session_kinds(c->d.out, cb);
	}
	for (i = 0; i < cb->n; i++) {
		if (factor_section(c, &cb->f[i], &cb->fig[i]) != 0)
			return -1;
		if (c->o->progress)
			c->o->progress(c->o->progress_ctx, i + 1, cb->n);
	}
	doc_page_break(&c->d);
	doc_heading(&c->d, 2, "appendix", NULL, _("Appendix"));
	if (appendix_untagged(c) != 0 || appendix_sessions(c) != 0)
		return -1;
	doc_end(&c->d);
	return 0;
}

int export_draaiboek(sqlite3 *db, const export_options *o, FILE *out, st_err *err)
{
	static const char where_sql[] =
		"SELECT s.code, s.kind, s.date FROM session s WHERE s.id IN (SELECT n.session_id"
		" FROM tag t JOIN note n ON n.id = t.note_id WHERE t.factor_id = ?1"
		" AND n.deleted_at IS NULL) AND" SESSIONS " ORDER BY s.date, s.code_key";
	/* Driven by the factor's tags (tag_by_factor), kind k1 before k2,
	 * oldest first; LIMIT keeps the sort to the few it returns. */
	static const char notes_sql[] =
		"SELECT n.body, s.code, s.date, n.group_label, n.kind FROM tag t"
		" JOIN note n ON n.id = t.note_id JOIN session s ON s.id = n.session_id"
		" WHERE t.factor_id = ?1 AND (?5 = 0 OR t.polarity = ?5) AND n.kind IN (?7, ?8)"
		" AND" FILTER " ORDER BY n.kind != ?7, n.created_at, n.id LIMIT ?6";
	figure_filter filter = { o->programme_id, o->session_kind, o->session_id };
	struct ctx c = { db, o, { out, o->format == EXFMT_HTML, false }, NULL, NULL,
			 o->quotes > 0 ? o->quotes : DEFAULT_QUOTES, err };
	codebook_snapshot cb = { 0 };
	int rc = -1;
	const char *title = _("Draaiboek: critical success factors for STEM at school");

	if (codebook_snapshot_read(db, &filter, &cb, err) < 0)
		goto done;
	c.where = prepare(&c, where_sql);
	c.notes = c.where ? prepare(&c, notes_sql) : NULL;
	if (!c.notes)
		goto done;
	doc_begin(&c.d, title);
	rc = body(&c, &cb, title);
done:
	sqlite3_finalize(c.where);
	sqlite3_finalize(c.notes);
	codebook_snapshot_free(&cb);
	return rc;
}
