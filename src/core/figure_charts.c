/* figure_charts.c: see figure_charts.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/figure_charts.h"
#include "core/i18n.h"
#include "core/programme.h"
#include "core/svg_chart.h"

/* "VB1 Visie op STEM" into a new string. */
static char *row_label(const st_factor *f)
{
	size_t n = strlen(f->code) + strlen(f->name) + 2;
	char *s = malloc(n);

	if (s)
		snprintf(s, n, "%s %s", f->code, f->name);
	return s;
}

static void free_rows(svg_row *rows, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free((char *)rows[i].label);
	free(rows);
}

void chart_polarity(FILE *out, const codebook_snapshot *cb, int max)
{
	const char *series[2] = { _("enabler (helps)"), _("barrier (hinders)") };
	svg_row *rows = calloc((size_t)(cb->n ? cb->n : 1), sizeof *rows);
	char title[256];
	int i, n = 0, more = 0;

	if (!rows)
		return;
	for (i = 0; i < cb->n; i++) {
		if (cb->f[i].children > 0 || cb->fig[i].enablers + cb->fig[i].barriers == 0)
			continue;
		if (n == max) {
			more++;
			continue;
		}
		rows[n].label = row_label(&cb->f[i]);
		rows[n].value[0] = cb->fig[i].enablers;
		rows[n].value[1] = cb->fig[i].barriers;
		if (rows[n].label)
			n++;
	}
	if (n > 0) {
		if (more)
			snprintf(title, sizeof title, ngettext(
				"What helps and what hinders, per factor (notes; %d more factor"
				" not shown)", "What helps and what hinders, per factor (notes; %d more"
				" factors not shown)", (unsigned long)more), more);
		else
			snprintf(title, sizeof title, "%s",
				 _("What helps and what hinders, per factor (notes)"));
		svg_bar_chart(out, "polarity", title, series, 2, rows, n);
	}
	free_rows(rows, n);
}

void chart_session_kinds(FILE *out, const codebook_snapshot *cb)
{
	const char *series[SESSION_KIND_COUNT];
	svg_row *rows = calloc((size_t)(cb->n ? cb->n : 1), sizeof *rows);
	int i, k, n = 0, any = 0;

	if (!rows)
		return;
	for (k = 0; k < SESSION_KIND_COUNT && k < SVG_SERIES_MAX; k++)
		series[k] = session_kind_text(session_kind_key[k]);
	for (i = 0; i < cb->n; i++) {
		if (cb->f[i].depth != 0)
			continue;
		rows[n].label = row_label(&cb->f[i]);
		for (k = 0; k < SESSION_KIND_COUNT && k < SVG_SERIES_MAX; k++) {
			rows[n].value[k] = cb->fig[i].by_kind[k];
			any += rows[n].value[k];
		}
		if (rows[n].label)
			n++;
	}
	if (any > 0)
		svg_bar_chart(out, "kinds", _("Where each category came up: notes per kind of session"),
			      series, SESSION_KIND_COUNT < SVG_SERIES_MAX ? SESSION_KIND_COUNT
			      : SVG_SERIES_MAX, rows, n);
	free_rows(rows, n);
}
