/* agreement_view.c: the agreement between the two coders with most tags,
 * opened from the factor overview: one line per factor (as `stemtui
 * agreement` prints it) in a list over the screen, the total last. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/agreement.h"
#include "core/figures.h"
#include "core/i18n.h"
#include "core/text.h"
#include "tui/agreement_view.h"
#include "tui/notes_review.h"
#include "tui/picker.h"
#include "tui/view.h"

/* Columns of the label (code and name, or the total's): wide enough for
 * the total's label in Dutch. */
#define LABEL_COLS 36
/* Bytes of a line: the label (up to 4 bytes a column) and the figures. */
#define LINE_SIZE (LABEL_COLS * 4 + 64)

/* "VB1    Gedeelde visie        3    2   66.7%  0.400" into buf; the
 * figures with a '.', whatever the locale, as the command prints them.
 * The label is fitted in columns, not bytes: a name with accents or
 * wide characters keeps the figures in line and is never cut inside a
 * character. */
static void format_line(const agreement_row *r, const char *label, char *buf, size_t size)
{
	int pct = (int)(r->percent * 10 + 0.5), k = 0;
	char *fit = text_fit(label, LABEL_COLS, true);

	if (r->has_kappa)
		k = (int)((r->kappa < 0 ? -r->kappa : r->kappa) * 1000 + 0.5);
	if (r->has_kappa)
		snprintf(buf, size, "%s %5d %5d %5d.%d%% %s%d.%03d", fit ? fit : "", r->both,
			 r->agree, pct / 10, pct % 10, r->kappa < 0 && k ? "-" : " ", k / 1000,
			 k % 1000);
	else
		snprintf(buf, size, "%s %5d %5d %5d.%d%%      -", fit ? fit : "", r->both, r->agree,
			 pct / 10, pct % 10);
	free(fit);
}

/* The lines of rows and total (n + 1, the total last) into lines; NULL
 * when out of memory. */
static char **make_lines(const agreement_row *rows, int n, const agreement_row *total)
{
	char **lines = calloc((size_t)n + 1, sizeof *lines), label[320];
	int i;

	for (i = 0; lines && i <= n; i++) {
		if (i < n)
			snprintf(label, sizeof label, "%-6s %s", rows[i].code, rows[i].name);
		else
			snprintf(label, sizeof label, "%s", _("Total (every note and factor)"));
		lines[i] = malloc(LINE_SIZE);
		if (!lines[i])
			break;
		format_line(i < n ? &rows[i] : total, label, lines[i], LINE_SIZE);
	}
	if (lines && i <= n) {
		while (i > 0)
			free(lines[--i]);
		free(lines);
		return NULL;
	}
	return lines;
}

/* Shows the lines; Enter on a factor opens its evidence. */
static void show(struct tui_app *app, const struct figure_filter *filter, const char *a,
		 const char *b, const agreement_row *rows, int n, const agreement_row *total)
{
	char **lines = make_lines(rows, n, total), title[512];
	int i, chosen;

	if (!lines) {
		app_message(app, true, "%s", _("out of memory"));
		return;
	}
	snprintf(title, sizeof title, ngettext("Agreement of %s and %s, %d note tagged by both"
					       "  (both, agree, %%, kappa)",
					       "Agreement of %s and %s, %d notes tagged by both"
					       "  (both, agree, %%, kappa)",
					       (unsigned long)(n ? rows[0].both : 0)),
		 a, b, n ? rows[0].both : 0);
	chosen = picker_run(app, title, (const char *const *)lines, n + 1, 0);
	for (i = 0; i <= n; i++)
		free(lines[i]);
	free(lines);
	if (chosen >= 0 && chosen < n)
		view_push(app, notes_review_open_factor(app, rows[chosen].factor_id, filter));
}

void agreement_view_run(struct tui_app *app, const struct figure_filter *filter)
{
	agreement_options o = { .programme_id = filter->programme_id,
				.session_kind = filter->session_kind };
	char a[CODER_MAX], b[CODER_MAX];
	agreement_row *rows, total;
	st_err err;
	int coders, n;

	coders = agreement_default_coders(app->db, a, b, &err);
	if (coders >= 0 && coders < 2) {
		app_message(app, true, ngettext("Agreement needs two coders; the tags record %d",
						"Agreement needs two coders; the tags record %d",
						(unsigned long)coders), coders);
		return;
	}
	o.coder_a = a;
	o.coder_b = b;
	if (coders < 0 || agreement_compute(app->db, &o, &rows, &n, &total, &err) != 0) {
		app_message(app, true, "%s", err.msg);
		return;
	}
	show(app, filter, a, b, rows, n, &total);
	free(rows);
}
