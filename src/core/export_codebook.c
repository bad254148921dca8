/* export_codebook.c: the codebook in plain words, for people rather than
 * for a QDA program (that is export_qdc.c): every category and factor with
 * its code, name, definition, when to use it and when not, an example, the
 * memo and its figures, as Markdown or one HTML page (written with
 * draaiboek_doc.c, as the draaiboek is), CSV or a spreadsheet.
 * The starter codebook keeps a factor's example in its memo, as a line
 * "Voorbeeld: ..."; export_memo_example takes it out. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/codebook.h"
#include "core/codebook_snapshot.h"
#include "core/draaiboek_doc.h"
#include "core/export.h"
#include "core/figures.h"
#include "core/i18n.h"
#include "core/sheet.h"

#define COUNT(a) ((int)(sizeof (a) / sizeof (a)[0]))

/* The words a memo's example line starts with, in either language. */
static const char *const example_words[] = { "Voorbeeld:", "Example:" };

/* The length of the example word that line starts with, or 0. */
static size_t example_word(const char *line)
{
	int i;

	for (i = 0; i < COUNT(example_words); i++)
		if (strncasecmp(line, example_words[i], strlen(example_words[i])) == 0)
			return strlen(example_words[i]);
	return 0;
}

static char *trimmed(const char *s, size_t len)
{
	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	return strndup(s, len);
}

void export_memo_example(const char *memo, char **example, char **rest)
{
	const char *line = memo ? memo : "";
	size_t cap = strlen(line) + 1, used = 0;
	char *r = malloc(cap);

	*example = NULL;
	while (r && *line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line), w = example_word(line);

		if (w && !*example) {
			*example = trimmed(line + w, len - w);
		} else {
			memcpy(r + used, line, len);
			used += len;
			if (end)
				r[used++] = '\n';
		}
		line += len + (end ? 1 : 0);
	}
	if (r) {
		r[used] = '\0';
		*rest = trimmed(r, used);
		free(r);
	} else {
		*rest = NULL;
	}
}

/* ---- as a table (csv, xlsx) ------------------------------------------------ */

static const char *const codebook_fields[] = {
	"code", "name", "parent", "level", "definition", "inclusion", "exclusion", "example",
	"memo", "notes", "sessions", "schools", "enablers", "barriers", "neutral",
};
static const char *const codebook_labels[] = {
	N_("Code"), N_("Name"), N_("Parent"), N_("Level"), N_("Definition"), N_("Use when"),
	N_("Not when"), N_("Example"), N_("Memo"), N_("Notes"), N_("Sessions"), N_("Schools"),
	N_("Enablers"), N_("Barriers"), N_("Neutral"),
};

static const char *parent_code(const codebook_snapshot *cb, const st_factor *f)
{
	int k;

	for (k = 0; f->parent_id && k < cb->n; k++)
		if (cb->f[k].id == f->parent_id)
			return cb->f[k].code;
	return NULL;
}

static void table_row(sheet *s, const codebook_snapshot *cb, int i)
{
	const st_factor *f = &cb->f[i];
	const factor_figures *x = &cb->fig[i];
	char *example, *memo;

	export_memo_example(f->memo, &example, &memo);
	sheet_text(s, f->code);
	sheet_text(s, f->name);
	sheet_text(s, parent_code(cb, f));
	sheet_int(s, f->depth);
	sheet_text(s, f->definition);
	sheet_text(s, f->inclusion);
	sheet_text(s, f->exclusion);
	sheet_text(s, example);
	sheet_text(s, memo);
	sheet_int(s, x->notes);
	sheet_int(s, x->sessions);
	sheet_int(s, x->schools);
	sheet_int(s, x->enablers);
	sheet_int(s, x->barriers);
	sheet_int(s, x->neutral);
	sheet_end_row(s);
	free(example);
	free(memo);
}

static int codebook_table(const export_options *o, const codebook_snapshot *cb, FILE *out,
			  st_err *err)
{
	const char *names[COUNT(codebook_labels)];
	bool xlsx = o->format == EXFMT_XLSX;
	sheet *s = sheet_open(out, xlsx, o->csv, "codebook", err);
	int i;

	if (!s)
		return -1;
	for (i = 0; i < COUNT(names); i++)
		names[i] = xlsx ? _(codebook_labels[i]) : codebook_fields[i];
	sheet_header(s, names, COUNT(names));
	for (i = 0; i < cb->n; i++)
		table_row(s, cb, i);
	return sheet_close(s, err);
}

/* ---- as a document (md, html: draaiboek_doc.c) -------------------------- */

/* "12 notes: 5 enablers, 3 barriers, 4 neutral; 4 sessions, 2 schools" */
static void figures_text(const factor_figures *x, char *buf, size_t size)
{
	snprintf(buf, size, "%s %d, %s %d, %s %d, %s %d, %s %d, %s %d", _("Notes"), x->notes,
		 _("Enablers"), x->enablers, _("Barriers"), x->barriers, _("Neutral"), x->neutral,
		 _("Sessions"), x->sessions, _("Schools"), x->schools);
}

/* One labelled part of a factor ("Use when: ..."), when text is not empty. */
static void doc_part(doc *d, const char *label, const char *text)
{
	char head[128];

	if (!text || !*text)
		return;
	snprintf(head, sizeof head, "%s:", label);
	doc_para(d, NULL, head, text);
}

static void doc_factor(doc *d, const st_factor *f, const factor_figures *x)
{
	char figures[256], *example, *memo;

	export_memo_example(f->memo, &example, &memo);
	figures_text(x, figures, sizeof figures);
	doc_heading(d, f->depth + 2 > 6 ? 6 : f->depth + 2, NULL, f->code, f->name);
	if (f->definition && *f->definition)
		doc_para(d, "definition", NULL, f->definition);
	doc_part(d, _("Use when"), f->inclusion);
	doc_part(d, _("Not when"), f->exclusion);
	doc_part(d, _("Example"), example);
	doc_part(d, _("Memo"), memo);
	doc_part(d, _("Figures"), figures);
	free(example);
	free(memo);
}

static void codebook_doc(const export_options *o, const codebook_snapshot *cb, FILE *out)
{
	doc d = { out, o->format == EXFMT_HTML, false };
	const char *title = _("Codebook: critical success factors for STEM at school");
	int i;

	doc_begin(&d, title);
	doc_heading(&d, 1, NULL, NULL, title);
	for (i = 0; i < cb->n; i++) {
		doc_factor(&d, &cb->f[i], &cb->fig[i]);
		if (o->progress)
			o->progress(o->progress_ctx, i + 1, cb->n);
	}
	doc_end(&d);
}

int export_codebook(sqlite3 *db, const export_options *o, FILE *out, st_err *err)
{
	figure_filter filter = { o->programme_id, o->session_kind, o->session_id, o->coder };
	codebook_snapshot cb;
	int rc = 0;

	if (codebook_snapshot_read(db, &filter, &cb, err) < 0)
		return -1;
	if (o->format == EXFMT_MD || o->format == EXFMT_HTML)
		codebook_doc(o, &cb, out);
	else
		rc = codebook_table(o, &cb, out, err);
	codebook_snapshot_free(&cb);
	return rc;
}
