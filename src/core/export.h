/* export.h: what stemtui publishes: factor lists, evidence, notes,
 * attendance, people (as CSV, JSON or an Excel workbook), the draaiboek,
 * the codebook as REFI-QDA or in plain words, and the matrix of notes
 * per factor and school, session, kind of session or programme.
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

#include "core/emit.h"
#include "core/err.h"

enum export_what { EXPORT_FACTORS, EXPORT_EVIDENCE, EXPORT_NOTES, EXPORT_ATTENDANCE,
		   EXPORT_PEOPLE, EXPORT_DRAAIBOEK, EXPORT_CODEBOOK, EXPORT_MATRIX,
		   EXPORT_WHAT_COUNT };
enum export_format { EXFMT_CSV, EXFMT_JSON, EXFMT_MD, EXFMT_HTML, EXFMT_QDC, EXFMT_XLSX,
		     EXFMT_COUNT };
/* The columns of the matrix export (its rows are the factors). */
enum matrix_cols { MATRIX_SCHOOL, MATRIX_SESSION, MATRIX_SESSION_KIND, MATRIX_PROGRAMME,
		   MATRIX_COLS_COUNT };

/* Names as on the command line ("factors", "csv", "session-kind"), and
 * back (-1 if none). */
extern const char *const export_what_name[EXPORT_WHAT_COUNT];
extern const char *const export_format_name[EXFMT_COUNT];
extern const char *const matrix_cols_name[MATRIX_COLS_COUNT];
int matrix_cols_from_name(const char *name);
int export_what_from_name(const char *name);
int export_format_from_name(const char *name);

/* Whether what can be written as format (e.g. the draaiboek only as md
 * or html, the factor list also as html, the codebook as anything but
 * json). */
bool export_supported(enum export_what what, enum export_format format);

/* The usual file name for an export, e.g. "stemtui-factors.csv" (in
 * the interface's language: "stemtui-factoren.csv" in Dutch); with
 * session_code (not NULL or "") for an export limited to one session,
 * the code in characters safe in any file name:
 * "stemtui-attendance-COP-07.csv" (people and the codebook are never
 * limited to a session: no code). */
void export_default_name(enum export_what what, enum export_format format,
			 const char *session_code, char *buf, int size);

typedef struct export_options {
	enum export_what what;
	enum export_format format;
	long long programme_id;     /* 0: all */
	const char *session_kind;   /* NULL: all */
	long long session_id;       /* notes, attendance: 0 for all (attendance needs one) */
	bool pseudonymise;          /* codes instead of names, no e-mail: people and
				       attendance (the person and their organisation),
				       evidence, notes and the draaiboek (schools
				       "school A", names in the text too: pseudonym.h) */
	enum csv_dialect csv;       /* EXFMT_CSV: for scripts (the default) or Excel */
	/* The further filters of the list commands, or NULL: notes export
	 * with these (their programme, session and session kind are
	 * overridden by the fields above when those are set), people with
	 * those. */
	const struct note_filter *notes;
	const struct person_filter *people;
	enum matrix_cols cols;      /* matrix: what its columns are */
	int quotes;                 /* draaiboek: up to this many enabler quotes and
				       as many barrier quotes per factor; 0 means
				       the default, 3 */
	const char *language;       /* draaiboek, factors as HTML: "nl" or "en", or
				       NULL for the interface's (lang.h) */
	const char *intro;          /* draaiboek: the introduction's file, or NULL
				       for the usual one (draaiboek_intro.h) */
	const char *network;        /* draaiboek: the network, for the title page
				       (the config's [general] network), or NULL */
	const char *coder;          /* the tags of this coder only (a name, folded
				       when compared: "An" is "an"; "" the unknown
				       coder), or NULL for every coder's, each note
				       once per factor: the figures of the factor
				       list, codebook, matrix and draaiboek, the
				       evidence, the draaiboek's notes and the
				       notes' tags */
	/* Set by export_write when pseudonymise is; callers leave it NULL. */
	struct pseudonymiser *pseudo;
	/* Called now and then with done/total (total may be 0 when unknown);
	 * may be NULL.  For a progress bar. */
	void (*progress)(void *ctx, long long done, long long total);
	void *progress_ctx;
} export_options;

/* Writes the export to out.  0, or -1 with err set. */
int export_write(sqlite3 *db, const export_options *o, FILE *out, st_err *err);

/* Removes the temporary file of an export being written, if there is one:
 * for the handler of a signal that ends the program, so that a killed
 * export leaves nothing behind.  Async-signal-safe. */
void export_abandon(void);

/* Removes from dir the temporary files that killed exports left there
 * (".stemtui-export-HOST-PID-XXXXXX", mode 0600, possibly personal
 * data): of an export that is gone, or untouched for a minute.  Every
 * export to a file does this in its folder first. */
void export_remove_stale(const char *dir);

/* Writes the export to path atomically (see above); path "-" is standard
 * output, and a symbolic link is written through to its target.  A
 * device, pipe or socket (/dev/stdout, a named pipe) is written to, not
 * replaced; anything else that is not a file (a folder) is refused.  0,
 * or -1 with err set (and no file changed). */
int export_to_path(sqlite3 *db, const export_options *o, const char *path, st_err *err);

/* ---- Rows shared with the list commands ------------------------------
 *
 * The list commands (stemtui notes, people, attendance, factors) write
 * their CSV and JSON with these too, so a list and an export of the same
 * thing have the same fields.  JSON rows are written as array elements:
 * "\n  {...}" (first) or ",\n  {...}". */
struct st_note;
struct st_person;
struct st_attendee;
struct st_factor;
struct factor_figures;

extern const char *const export_note_fields[13];
extern const char *const export_people_fields[7];
extern const char *const export_people_fields_pseudo[4];
extern const char *const export_attendance_fields[10];
extern const char *const export_attendance_fields_pseudo[8];
/* The factor list: 14 fields; the export adds "path" and "definition". */
extern const char *const export_factor_fields[16];

/* The header row; it starts the file (with CSV_EXCEL's byte-order mark). */
void export_csv_header(FILE *out, enum csv_dialect d, const char *const *names, int n);
void export_note_csv(FILE *out, enum csv_dialect d, const struct st_note *n);
void export_note_json(FILE *out, const struct st_note *n, bool first);
void export_person_csv(FILE *out, enum csv_dialect d, const struct st_person *p,
		       bool pseudonymise);
void export_person_json(FILE *out, const struct st_person *p, bool pseudonymise, bool first);
void export_attendee_csv(FILE *out, enum csv_dialect d, const char *programme,
			 const char *session, const struct st_attendee *a, bool pseudonymise);
void export_attendee_json(FILE *out, const char *programme, const char *session,
			  const struct st_attendee *a, bool pseudonymise, bool first);
/* Row i of the factor tree (n factors) with its figures; full adds the
 * category path ("VB > VB1") and the definition. */
void export_factor_csv(FILE *out, enum csv_dialect d, const struct st_factor *tree, int n,
		       int i, const struct factor_figures *x, bool full);
void export_factor_json(FILE *out, const struct st_factor *tree, int n, int i,
			const struct factor_figures *x, bool full);

/* The parts of export_write in their own files (export_draaiboek.c,
 * factors_html.c, export_qdc.c, export_codebook.c: the codebook as md,
 * html, csv or xlsx, export_matrix.c); o->format is already checked. */
int export_draaiboek(sqlite3 *db, const export_options *o, FILE *out, st_err *err);
int export_factors_html(sqlite3 *db, const export_options *o, FILE *out, st_err *err);
int export_qdc(sqlite3 *db, const export_options *o, FILE *out, st_err *err);
int export_codebook(sqlite3 *db, const export_options *o, FILE *out, st_err *err);
int export_matrix(sqlite3 *db, const export_options *o, FILE *out, st_err *err);

/* A memo's example: the text of its first line that starts with
 * "Voorbeeld:" or "Example:" (as the starter codebook keeps it), or NULL,
 * and the rest of the memo without that line (trimmed).  Malloc'd. */
void export_memo_example(const char *memo, char **example, char **rest);
/* ---- Rows of a worksheet (export_xlsx.c) ------------------------------
 *
 * The tabular exports as xlsx: the fields of their CSV, typed, with
 * headers and values (kinds, polarity, status, yes and no) in the
 * interface's language.  export_xlsx_begin opens the worksheet of
 * o->what with its header (NULL with err set); export_xlsx_end finishes
 * it when rc is 0 (writing the workbook to the export's stream), or
 * drops it, and returns rc or the error of finishing; s may be NULL
 * (another format: rc). */
struct sheet;
struct sheet *export_xlsx_begin(const export_options *o, FILE *out, st_err *err);
int export_xlsx_end(struct sheet *s, int rc, st_err *err);
void export_note_xlsx(struct sheet *s, const struct st_note *n);
void export_person_xlsx(struct sheet *s, const struct st_person *p, bool pseudonymise);
void export_attendee_xlsx(struct sheet *s, const char *programme, const char *session,
			  const struct st_attendee *a, bool pseudonymise);
/* Row i of the factor tree (n factors) with its figures x and its path. */
void export_factor_xlsx(struct sheet *s, const struct st_factor *tree, int n, int i,
			const struct factor_figures *x, const char *path);
/* An evidence row: factor f at path, the tag's polarity, the note's id
 * and v: programme, session, session kind, date, school, group, kind,
 * text (pseudonymised when asked). */
void export_evidence_xlsx(struct sheet *s, const struct st_factor *f, const char *path,
			  int polarity, long long note_id, const char *const v[8]);
/* "enabler", "barrier" or "neutral" for a tag's polarity (1, -1, 0) in
 * the interface's language (hefboom, drempel, neutraal), for people. */
const char *export_polarity_text(int polarity);
/* The code of session session_id and the name of its programme.  0, or
 * -1 with err set (no such session). */
int export_session_programme(sqlite3 *db, long long session_id, char *code, size_t csize,
			     char *programme, size_t psize, st_err *err);

/* A factor's definition, inclusion and exclusion notes and memo packed
 * into the one REFI-QDA Description, with the stemtui code as the first
 * line ("Code: VB1"), parts separated by an empty line and introduced by
 * "Inclusion: ", "Exclusion: ", "Memo: " (in the interface's language;
 * read back in English or Dutch).  Malloc'd strings. */
char *qdc_pack_description(const struct st_factor *f);
void qdc_unpack_description(const char *text, char **code, char **definition,
			    char **inclusion, char **exclusion, char **memo);

/* Imports a REFI-QDA codebook (.qdc) into the factor codebook: GUIDs
 * kept (so export, import and export again gives the same file), a
 * byte-order mark, braced or lower-case GUIDs and an empty Sets element
 * tolerated; what cannot be kept is reported in warnings (a malloc'd
 * string of lines, or NULL; caller frees).  The file's codes come after
 * the factors already there that are not in the file, in the file's
 * order.  Those other factors are kept and counted (others), or with
 * replace removed (removed), so the codebook becomes the file's; that is
 * refused, naming them, when a note is tagged with one of them.  All or
 * nothing: a file that is not XML, has the wrong namespace or a code
 * without a name is refused with a clear error and the database is
 * untouched.  0, or -1. */
typedef struct qdc_stats { int added, changed, unchanged, removed, others; } qdc_stats;
int codebook_import_qdc(sqlite3 *db, const char *path, bool replace, qdc_stats *stats,
			char **warnings, st_err *err);

#endif
