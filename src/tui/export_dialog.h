/* export_dialog.h: the export dialog of the TUI. */
#ifndef STEMTUI_EXPORT_DIALOG_H
#define STEMTUI_EXPORT_DIALOG_H

#include "core/export.h"
#include "tui/view.h"

/* Asks what to export (starting at what), the format and the file, asks
 * before replacing a file, writes it with a progress bar and shows where
 * it went.  preset (may be NULL) carries the programme, session kind or
 * session to limit the export to. */
void export_dialog_run(struct tui_app *app, enum export_what what, const export_options *preset);

/* Removes what killed exports left (export_remove_stale) in the folders
 * the dialog offers: the last export's and the documents folder.  At
 * start, as stale editor files are. */
void export_dialog_remove_stale(sqlite3 *db);

#endif
