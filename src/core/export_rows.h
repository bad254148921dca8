/* export_rows.h: what export.c and export_rows.c share (private to the
 * core): the evidence export's field names, JSON pieces, the start of a
 * table of rows, and a factor's path. */
#ifndef STEMTUI_EXPORT_ROWS_H
#define STEMTUI_EXPORT_ROWS_H

#include <stdbool.h>
#include <stdio.h>

#include "core/codebook.h"
#include "core/err.h"
#include "core/export.h"
#include "core/sheet.h"

#define EXPORT_EVIDENCE_FIELDS 13
extern const char *const export_evidence_fields[EXPORT_EVIDENCE_FIELDS];

/* JSON: "key": value after a ", " unless first; a row's "{" (with the
 * line break before it); the "]" that ends an array of rows. */
void export_json_number(FILE *out, const char *key, long long value, bool first);
void export_json_start(FILE *out, bool first);
void export_json_end_array(FILE *out, bool empty);

/* Starts the rows of a tabular export: the CSV header (names), "[" for
 * JSON, or a worksheet with its header in the interface's language
 * (export_xlsx.c; *sh).  0, or -1 with err set. */
int export_begin_rows(const export_options *o, FILE *out, const char *const *names, int n,
		      sheet **sh, st_err *err);

/* "VB > VB1": the codes from the top down to tree[i] (of n). */
void export_factor_path(const st_factor *tree, int n, int i, char *buf, size_t size);

#endif
