/* svg_chart.h: bar charts as inline SVG, for the HTML draaiboek and the
 * HTML factor list.
 *
 * One chart is a standalone <svg> element (no external files, no
 * script) that prints as it shows: every series has its own pattern
 * (solid, hatched, dotted, striped) as well as its colour, and every bar
 * its number written beside it, so a black-and-white printout reads the
 * same. */
#ifndef STEMTUI_SVG_CHART_H
#define STEMTUI_SVG_CHART_H

#include <stdio.h>

#define SVG_SERIES_MAX 4

typedef struct svg_row {
	const char *label;                /* "VB1 Visie op STEM" */
	int value[SVG_SERIES_MAX];
} svg_row;

/* A horizontal grouped bar chart: per row one bar for each of the
 * nseries series (named in the legend), scaled to the largest value.
 * id makes the pattern names unique on the page ("c1"); title is the
 * chart's caption and accessible name.  Text is escaped. */
void svg_bar_chart(FILE *out, const char *id, const char *title, const char *const *series,
		   int nseries, const svg_row *rows, int nrows);

#endif
