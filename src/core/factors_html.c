/* factors_html.c: `export factors --format html`: the factor list as one
 * standalone page for the network's coordinator: the two charts of the
 * figures (figure_charts.h) and a table of every factor with its
 * figures, as the CSV has them. */
#include "config.h"

#include <stdio.h>

#include "core/codebook_snapshot.h"
#include "core/draaiboek_doc.h"
#include "core/emit.h"
#include "core/export.h"
#include "core/figure_charts.h"
#include "core/i18n.h"
#include "core/programme.h"

/* Charts show at most this many factors; the table shows them all. */
#define CHART_ROWS 80

static void table_head(FILE *out)
{
	const char *head[] = { _("Code"), _("Factor"), _("Notes"), _("Sessions"), _("Schools"),
			       _("Enablers"), _("Barriers"), _("Neutral") };
	size_t i;
	int k;

	fputs("<table>\n<thead><tr>", out);
	for (i = 0; i < sizeof head / sizeof head[0]; i++) {
		fputs("<th>", out);
		emit_html_text(out, head[i], false);
		fputs("</th>", out);
	}
	for (k = 0; k < SESSION_KIND_COUNT; k++) {
		fputs("<th>", out);
		emit_html_text(out, session_kind_text(session_kind_key[k]), false);
		fputs("</th>", out);
	}
	fputs("</tr></thead>\n<tbody>\n", out);
}

static void table_row(FILE *out, const st_factor *f, const factor_figures *x)
{
	int v[FACTOR_FIGURE_VALUES], k;

	fprintf(out, "<tr class=\"level%d\"><td>", f->depth);
	emit_html_text(out, f->code, false);
	fprintf(out, "</td><td style=\"padding-left:%.1fem\">", 0.5 + f->depth * 1.2);
	emit_html_text(out, f->name, false);
	fputs("</td>", out);
	factor_figure_values(x, v);
	for (k = 0; k < FACTOR_FIGURE_VALUES; k++)
		fprintf(out, "<td class=\"n\">%d</td>", v[k]);
	fputs("</tr>\n", out);
}

int export_factors_html(sqlite3 *db, const export_options *o, FILE *out, st_err *err)
{
	figure_filter filter = { o->programme_id, o->session_kind, o->session_id, o->coder };
	codebook_snapshot cb;
	doc d = { out, true, false };
	const char *title = _("Critical success factors: the figures");
	int i;

	if (codebook_snapshot_read(db, &filter, &cb, err) < 0)
		return -1;
	doc_begin(&d, title);
	doc_heading(&d, 1, NULL, NULL, title);
	if (o->coder)
		doc_para(&d, NULL, _("Tags of:"), *o->coder ? o->coder : _("the unknown coder"));
	chart_polarity(out, &cb, CHART_ROWS);
	chart_session_kinds(out, &cb);
	doc_heading(&d, 2, NULL, NULL, _("Every factor"));
	table_head(out);
	for (i = 0; i < cb.n; i++) {
		table_row(out, &cb.f[i], &cb.fig[i]);
		if (o->progress)
			o->progress(o->progress_ctx, i + 1, cb.n);
	}
	fputs("</tbody>\n</table>\n", out);
	doc_end(&d);
	codebook_snapshot_free(&cb);
	return 0;
}
