/* figure_charts.h: the pictures of a codebook snapshot's figures, as
 * inline SVG (svg_chart.h): what helps and what hinders per factor, and
 * in which kind of session each category came up.  The HTML draaiboek
 * and the HTML factor list show them. */
#ifndef STEMTUI_FIGURE_CHARTS_H
#define STEMTUI_FIGURE_CHARTS_H

#include <stdio.h>

#include "core/codebook_snapshot.h"

/* Enablers and barriers of every factor without subfactors that came up
 * (at most the first max of them; the caption says when some were left
 * out).  Writes nothing when none came up. */
void chart_polarity(FILE *out, const codebook_snapshot *cb, int max);

/* The notes of each category (top level) per kind of session. */
void chart_session_kinds(FILE *out, const codebook_snapshot *cb);

#endif
