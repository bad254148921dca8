/* schema_figures.h: the two migrations that keep the stored figures
 * (schema_figures.c), for schema.c's list of migrations. */
#ifndef STEMTUI_SCHEMA_FIGURES_H
#define STEMTUI_SCHEMA_FIGURES_H

/* 5 -> 6: factor_anc, fig_note, fig_session, fig_total, fig_total_org
 * and the triggers that keep them. */
extern const char schema_figures_migration[];

/* 6 -> 7: fig_pair, fig_pair_total and the triggers that keep them. */
extern const char schema_pairs_migration[];

#endif
