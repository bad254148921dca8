/* schema_figures.h: the migrations that make and keep the stored figures
 * (schema_figures.c), for schema.c's list of migrations. */
#ifndef STEMTUI_SCHEMA_FIGURES_H
#define STEMTUI_SCHEMA_FIGURES_H

/* 5 -> 6: factor_anc, fig_note, fig_session, fig_total, fig_total_org
 * and the triggers that keep them. */
extern const char schema_figures_migration[];

/* 6 -> 7: fig_pair, fig_pair_total and the triggers that keep them. */
extern const char schema_pairs_migration[];

/* 15 -> 16: tag gets its coder (the primary key becomes note, factor,
 * coder), with its index and triggers made again. */
extern const char schema_coders_migration[];

/* 18 -> 19: fig_total.schools and fig_session_notes with their triggers;
 * note_live_by_author, note_trash_by_session_date. */
extern const char schema_schools_migration[];

/* 21 -> 22: fig_scope and fig_scope_org, the figures of each programme
 * and each kind of session, with their triggers (schema_scopes.c). */
extern const char schema_scopes_migration[];

#endif
