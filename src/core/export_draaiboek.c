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
 * from the codebook snapshot, and what it shows of the notes (the few per
 * factor under the --quotes cap, the counts, the facilitators, the
 * untagged ideas) from the kept figures, or for one coder from one pass
 * over them (draaiboek_notes.c) that keeps only that, never all notes at
 * once.  Markdown or
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
#include "core/draaiboek_notes.h"
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

/* The sessions that count, as an SQL condition on session s, with ?2 the
 * programme (0 all), ?3 the session kind (NULL all), ?4 the session (0
 * all); draaiboek_notes.c reads their notes. */
#define SESSIONS " (?2 = 0 OR s.programme_id = ?2) AND (?3 IS NULL OR s.kind = ?3)" \
	" AND (?4 = 0 OR s.id = ?4)"

struct ctx {
	sqlite3 *db;
	const export_options *o;
	doc d;
	sqlite3_stmt *where, *note;
	int max;
	st_err *err;
	draaiboek_notes *shown;   /* the notes per factor, in one pass */
	long long *ids;           /* room for 2 * max */
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
static void title_facilitators(struct ctx *c)
{
	const char *const *names;
	char list[1024] = "";
	int n = draaiboek_notes_facilitators(c->shown, &names), i;

	for (i = 0; i < n; i++) {
		char *name = shown(c, names[i]);

		if (*list)
			strncat(list, ", ", sizeof list - strlen(list) - 1);
		strncat(list, name ? name : "", sizeof list - strlen(list) - 1);
		free(name);
	}
	if (*list)
		doc_para(&c->d, NULL, _("Facilitators:"), list);
}

/* Whose tags the figures and notes are, when one coder's only. */
static void title_coder(struct ctx *c)
{
	char *name;

	if (!c->o->coder)
		return;
	name = *c->o->coder ? shown(c, c->o->coder) : NULL;
	/* TRANSLATORS: the title page of a draaiboek of one coder's tags:
	   "Tags of: An". */
	doc_para(&c->d, NULL, _("Tags of:"), name ? name : _("the unknown coder"));
	free(name);
}

/* "Based on 41 tagged notes from 9 sessions." */
static void title_counts(struct ctx *c)
{
	char line[256], part[128];
	int notes, sessions;

	draaiboek_notes_tagged(c->shown, &notes, &sessions);
	snprintf(line, sizeof line, ngettext("%d tagged note", "%d tagged notes",
					     (unsigned long)notes), notes);
	snprintf(part, sizeof part, ngettext(" from %d session", " from %d sessions",
					     (unsigned long)sessions), sessions);
	strncat(line, part, sizeof line - strlen(line) - 1);
	doc_para(&c->d, NULL, _("Based on:"), notes ? line : _("no tagged notes yet"));
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
	title_facilitators(c);
	title_coder(c);
	title_counts(c);
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
static int where(struct ctx *c, int factor)
{
	char *list = NULL, item[256], date[64];
	size_t len = 0;
	int rc;

	sqlite3_reset(c->where);
	while ((rc = sqlite3_step(c->where)) == SQLITE_ROW) {
		size_t n;
		char *grown;

		if (!draaiboek_notes_at(c->shown, factor, sqlite3_column_int64(c->where, 0)))
			continue;
		n = (size_t)snprintf(item, sizeof item, "%s%s (%s, %s)", len ? ", " : "",
				     col(c->where, 1), session_kind_short(col(c->where, 2)),
				     human_date(col(c->where, 3), date, sizeof date));
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

/* Note id as a list item (note_item).  1 shown, 0 when it is gone, or -1. */
static int note_by_id(struct ctx *c, long long id)
{
	int rc;

	sqlite3_reset(c->note);
	sqlite3_bind_int64(c->note, 1, id);
	rc = sqlite3_step(c->note);
	if (rc == SQLITE_ROW)
		return note_item(c, c->note) == 0 ? 1 : -1;
	return rc == SQLITE_DONE ? 0 : st_err_set(c->err, "%s", sqlite3_errmsg(c->db));
}

/* The notes of group g of factor (draaiboek_notes.h) under a label. */
static int notes(struct ctx *c, int factor, enum draaiboek_group g, const char *label)
{
	int n = draaiboek_notes_ids(c->shown, factor, g, c->ids, 2 * c->max), i;

	for (i = 0; i < n; i++) {
		if (i == 0)
			doc_para(&c->d, NULL, label, "");
		if (note_by_id(c, c->ids[i]) < 0)
			return -1;
	}
	doc_end_list(&c->d);
	return 0;
}

static int factor_section(struct ctx *c, int i, const st_factor *f, const factor_figures *x)
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
	if (where(c, i) != 0 || notes(c, i, DRAAIBOEK_HELPS, _("What helps:")) != 0 ||
	    notes(c, i, DRAAIBOEK_HINDERS, _("What hinders:")) != 0)
		return -1;
	return notes(c, i, DRAAIBOEK_HANDVATTEN, _("Handvatten (ideas and actions):"));
}

/* The ideas and actions no factor is linked to yet, oldest first. */
static int appendix_untagged(struct ctx *c)
{
	long long ids[DRAAIBOEK_UNTAGGED + 1];
	int n = draaiboek_notes_untagged(c->shown, ids, DRAAIBOEK_UNTAGGED + 1), i;

	doc_heading(&c->d, 3, NULL, NULL, _("Ideas and actions not yet linked to a factor"));
	for (i = 0; i < n && i < DRAAIBOEK_UNTAGGED; i++)
		if (note_by_id(c, ids[i]) < 0)
			return -1;
	if (n > DRAAIBOEK_UNTAGGED)
		doc_para(&c->d, NULL, NULL, _("More in stemtui: stemtui export notes --untagged."));
	else if (n == 0)
		doc_para(&c->d, NULL, NULL, _("None."));
	return 0;
}

/* Every session of the programme, the inspiratiesessies included, with
 * its notes. */
static int appendix_sessions(struct ctx *c)
{
	sqlite3_stmt *st = prepare(c, "SELECT p.name, s.code, s.kind, s.date, s.id"
				   " FROM session s JOIN programme p ON p.id = s.programme_id"
				   " WHERE" SESSIONS " ORDER BY p.name, s.date, s.code_key");
	char *programme = NULL, line[1024], date[64], part[128];
	int rc;

	if (!st)
		return -1;
	doc_heading(&c->d, 3, NULL, NULL, _("The sessions this draaiboek rests on"));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int all, tagged;

		draaiboek_notes_at_session(c->shown, sqlite3_column_int64(st, 4), &all, &tagged);
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
		if (factor_section(c, i, &cb->f[i], &cb->fig[i]) != 0)
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
	/* Every session that counts, in the order "Where:" lists them. */
	static const char where_sql[] =
		"SELECT s.id, s.code, s.kind, s.date FROM session s WHERE" SESSIONS
		" ORDER BY s.date, s.code_key";
	static const char note_sql[] =
		"SELECT n.body, s.code, s.date, n.group_label, n.kind FROM note n"
		" JOIN session s ON s.id = n.session_id WHERE n.id = ?1";
	figure_filter filter = { o->programme_id, o->session_kind, o->session_id, o->coder };
	struct ctx c = { db, o, { out, o->format == EXFMT_HTML, false }, NULL, NULL,
			 o->quotes > 0 ? o->quotes : DEFAULT_QUOTES, err, NULL, NULL };
	codebook_snapshot cb = { 0 };
	int rc = -1;
	const char *title = _("Draaiboek: critical success factors for STEM at school");

	if (codebook_snapshot_read(db, &filter, &cb, err) < 0)
		goto done;
	if (!(c.ids = malloc(sizeof *c.ids * (size_t)(2 * c.max)))) {
		st_err_set(err, "%s", _("out of memory"));
		goto done;
	}
	c.shown = draaiboek_notes_read(db, &cb, o->programme_id, o->session_kind, o->session_id,
				       o->coder, c.max, err);
	c.where = c.shown ? prepare(&c, where_sql) : NULL;
	c.note = c.where ? db_prepare(db, note_sql, err) : NULL;
	if (!c.note)
		goto done;
	doc_begin(&c.d, title);
	rc = body(&c, &cb, title);
done:
	sqlite3_finalize(c.where);
	sqlite3_finalize(c.note);
	draaiboek_notes_free(c.shown);
	free(c.ids);
	codebook_snapshot_free(&cb);
	return rc;
}
