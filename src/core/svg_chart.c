/* svg_chart.c: see svg_chart.h. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/emit.h"
#include "core/svg_chart.h"

#define WIDTH 680
#define LABEL_W 250     /* the labels' column */
#define BAR_X (LABEL_W + 8)
#define BAR_MAX (WIDTH - BAR_X - 40)   /* room for the number after a bar */
#define BAR_H 9
#define BAR_GAP 2
#define ROW_GAP 8
#define TOP 52          /* below the caption and the legend */
#define LABEL_CHARS 38  /* longer labels are cut with "…" */

/* Colour and, for black and white, the pattern of each series. */
static const char *const colour[SVG_SERIES_MAX] = { "#1f5f8b", "#b03a2e", "#6c7a2f", "#7d5a94" };

static void patterns(FILE *out, const char *id)
{
	int i;

	fputs("<defs>", out);
	for (i = 0; i < SVG_SERIES_MAX; i++) {
		fprintf(out, "<pattern id=\"%s-p%d\" width=\"6\" height=\"6\""
			" patternUnits=\"userSpaceOnUse\">", id, i);
		fprintf(out, "<rect width=\"6\" height=\"6\" fill=\"%s\"/>",
			i == 0 ? colour[0] : "#fff");
		if (i == 1)
			fprintf(out, "<path d=\"M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5\" stroke=\"%s\""
				" stroke-width=\"1.6\"/>", colour[1]);
		else if (i == 2)
			fprintf(out, "<circle cx=\"3\" cy=\"3\" r=\"1.4\" fill=\"%s\"/>", colour[2]);
		else if (i == 3)
			fprintf(out, "<path d=\"M0,1.5 H6 M0,4.5 H6\" stroke=\"%s\""
				" stroke-width=\"1.2\"/>", colour[3]);
		fputs("</pattern>", out);
	}
	fputs("</defs>\n", out);
}

/* label, cut after LABEL_CHARS characters (not bytes: UTF-8) and any
 * space there, with "…" to say so. */
static void label_text(FILE *out, const char *label)
{
	char buf[4 * LABEL_CHARS + 8];
	size_t i, chars = 0;
	bool cut;

	for (i = 0; label[i] && i < sizeof buf - 4; i++) {
		if (((unsigned char)label[i] & 0xC0) != 0x80 && ++chars > LABEL_CHARS)
			break;
		buf[i] = label[i];
	}
	cut = label[i] != '\0';
	while (cut && i > 0 && buf[i - 1] == ' ')
		i--;
	buf[i] = '\0';
	if (cut)
		strcat(buf, "\xe2\x80\xa6");
	emit_html_text(out, buf, false);
}

static void legend(FILE *out, const char *id, const char *const *series, int nseries)
{
	int i;

	for (i = 0; i < nseries; i++) {
		int x = 8 + i * 165;

		fprintf(out, "<rect x=\"%d\" y=\"30\" width=\"16\" height=\"11\" fill=\"url(#%s-p%d)\""
			" stroke=\"#000\" stroke-width=\"0.6\"/>", x, id, i);
		fprintf(out, "<text x=\"%d\" y=\"40\">", x + 22);
		emit_html_text(out, series[i], false);
		fputs("</text>\n", out);
	}
}

void svg_bar_chart(FILE *out, const char *id, const char *title, const char *const *series,
		   int nseries, const svg_row *rows, int nrows)
{
	int row_h = nseries * (BAR_H + BAR_GAP) + ROW_GAP;
	int height = TOP + nrows * row_h + 8, max = 1, r, i;

	if (nseries > SVG_SERIES_MAX)
		nseries = SVG_SERIES_MAX;
	for (r = 0; r < nrows; r++)
		for (i = 0; i < nseries; i++)
			if (rows[r].value[i] > max)
				max = rows[r].value[i];
	fprintf(out, "<figure class=\"chart\">\n<svg"
		" viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" aria-label=\"", WIDTH, height);
	emit_html_text(out, title, false);
	fputs("\" font-family=\"Helvetica,Arial,sans-serif\" font-size=\"11\">\n<title>", out);
	emit_html_text(out, title, false);
	fputs("</title>\n", out);
	patterns(out, id);
	fputs("<text x=\"8\" y=\"18\" font-size=\"13\" font-weight=\"bold\">", out);
	emit_html_text(out, title, false);
	fputs("</text>\n", out);
	legend(out, id, series, nseries);
	for (r = 0; r < nrows; r++) {
		int y = TOP + r * row_h;

		fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", LABEL_W,
			y + (nseries * (BAR_H + BAR_GAP)) / 2 + 4);
		label_text(out, rows[r].label);
		fputs("</text>\n", out);
		for (i = 0; i < nseries; i++) {
			int v = rows[r].value[i], w = v * BAR_MAX / max;
			int by = y + i * (BAR_H + BAR_GAP);

			if (w > 0)
				fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\""
					" fill=\"url(#%s-p%d)\" stroke=\"#000\" stroke-width=\"0.6\"/>",
					BAR_X, by, w, BAR_H, id, i);
			fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"9\">%d</text>\n",
				BAR_X + w + 4, by + BAR_H - 1, v);
		}
	}
	fprintf(out, "<line x1=\"%d\" y1=\"48\" x2=\"%d\" y2=\"", BAR_X, BAR_X);
	fprintf(out, "%d\" stroke=\"#000\" stroke-width=\"0.8\"/>\n</svg>\n", height - 4);
	fputs("<figcaption>", out);
	emit_html_text(out, title, false);
	fputs("</figcaption>\n</figure>\n", out);
}
