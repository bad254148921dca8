/* qdc.h: what the REFI-QDA codebook (.qdc) files share, private to them:
 * the namespace, the growing text both the Description and the warnings
 * are built in, and the codebook as read from a file (qdc_read.c), which
 * qdc_import.c writes into the database.  The packing of a factor's
 * texts into one Description is public (export.h: qdc_pack_description,
 * qdc_unpack_description, in qdc_description.c); the writer is
 * export_qdc.c. */
#ifndef STEMTUI_QDC_H
#define STEMTUI_QDC_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/strmap.h"

#define QDC_NS "urn:QDA-XML:codebook:1.0"

/* Appends s to the string *buf of *len bytes (left as it was when memory
 * runs out). */
void qdc_append(char **buf, size_t *len, const char *s);

/* One Code of the file.  The reader fills all but the last three, which
 * the import fills. */
struct qcode {
	char *guid;           /* normalised: upper case, no braces; "" when to be made */
	char *name, *code, *definition, *inclusion, *exclusion, *memo, *colour;
	int parent;           /* index in the list, -1 at the top */
	int position;
	int line;
	long long id;         /* the factor it becomes */
	char *old_code;       /* its code before the import (existing factors) */
	bool is_new;
};

/* The file: its Codes in document order (a parent before its children),
 * the warnings for what cannot be kept, and what the import looks them
 * up by. */
struct qfile {
	const char *path;
	struct qcode *c;
	int n, cap;
	char *warnings;
	size_t wlen;
	/* So that a codebook of thousands of codes imports in seconds, not
	 * minutes: nothing below searches a list for each code. */
	strmap *guids;        /* the file's GUIDs -> index in c */
	strmap *matched;      /* ids (decimal) of factors a code of the file became */
	strmap *taken;        /* codes a code of the file cannot get (choose_code) */
	strmap *tries;        /* a code made from a name -> the next number to try */
	long long *ids;       /* the file's factors' ids, sorted (in_file) */
	int nids;
	int *start;           /* first_position per parent index + 1; -1: not yet */
};

/* Reads q->path (zeroed otherwise) into q: every Code with its fields,
 * GUIDs that two codes share refused.  0, or -1 with err set; free q
 * with qfile_free either way. */
int qdc_parse(struct qfile *q, st_err *err);

/* Adds a line to q's warnings. */
void qdc_warn(struct qfile *q, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void qfile_free(struct qfile *q);

#endif
