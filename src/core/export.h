/* export.h: what stemtui publishes: factor lists, evidence, notes,
 * attendance, people, the draaiboek, and the codebook as REFI-QDA.
 *
 * Every export streams from the database a page at a time (never all
 * rows at once) to a FILE*; export_to_path writes a file atomically (a
 * temporary file in the same folder, renamed over the target), so an
 * interrupted export never leaves a half-written file where the old one
 * was, and creates it mode 0600 when it holds names. */
#ifndef STEMTUI_EXPORT_H
#define STEMTUI_EXPORT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>

#include "core/err.h"

enum export_what { EXPORT_FACTORS, EXPORT_EVIDENCE, EXPORT_NOTES, EXPORT_ATTENDANCE,
		   EXPORT_PEOPLE, EXPORT_DRAAIBOEK, EXPORT_CODEBOOK, EXPORT_WHAT_COUNT };
enum export_format { EXFMT_CSV, EXFMT_JSON, EXFMT_MD, EXFMT_HTML, EXFMT_QDC, EXFMT_COUNT };

/* Names as on the command line ("factors", "csv"), and back (-1 if none). */
extern const char *const export_what_name[EXPORT_WHAT_COUNT];
extern const char *const export_format_name[EXFMT_COUNT];
int export_what_from_name(const char *name);
int export_format_from_name(const char *name);

/* Whether what can be written as format (e.g. codebook only as qdc,
 * draaiboek only as md or html). */
bool export_supported(enum export_what what, enum export_format format);

/* The usual file name for an export, e.g. "stemtui-factors.csv". */
void export_default_name(enum export_what what, enum export_format format, char *buf, int size);

typedef struct export_options {
	enum export_what what;
	enum export_format format;
	long long programme_id;     /* 0: all */
	const char *session_kind;   /* NULL: all */
	long long session_id;       /* notes, attendance: 0 for all (attendance needs one) */
	bool pseudonymise;          /* attendance, people: codes instead of names, no e-mail */
	int quotes;                 /* draaiboek: quotes per factor (default 3) */
	/* Called now and then with done/total (total may be 0 when unknown);
	 * may be NULL.  For a progress bar. */
	void (*progress)(void *ctx, long long done, long long total);
	void *progress_ctx;
} export_options;

/* Writes the export to out.  0, or -1 with err set. */
int export_write(sqlite3 *db, const export_options *o, FILE *out, st_err *err);

/* Writes the export to path atomically (see above); path "-" is standard
 * output.  0, or -1 with err set (and no file changed). */
int export_to_path(sqlite3 *db, const export_options *o, const char *path, st_err *err);

/* Imports a REFI-QDA codebook (.qdc) into the factor codebook: GUIDs
 * kept (so export, import and export again gives the same file), a
 * byte-order mark, braced or lower-case GUIDs and an empty Sets element
 * tolerated; what cannot be kept is reported in warnings (a malloc'd
 * string of lines, or NULL; caller frees).  All or nothing: a file that
 * is not XML, has the wrong namespace or a code without a name is refused
 * with a clear error and the database is untouched.  0, or -1. */
typedef struct qdc_stats { int added, changed, unchanged; } qdc_stats;
int codebook_import_qdc(sqlite3 *db, const char *path, qdc_stats *stats, char **warnings,
			st_err *err);

#endif
