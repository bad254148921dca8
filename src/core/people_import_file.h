/* people_import_file.h: a sign-up list read and checked whole, for
 * people_import.c (private to the core: see people_import.h for the
 * import itself).  signup_list.c reads the file; people_import.c works
 * out and stores what its rows mean. */
#ifndef STEMTUI_PEOPLE_IMPORT_FILE_H
#define STEMTUI_PEOPLE_IMPORT_FILE_H

#include <stdbool.h>

#include "core/csv.h"
#include "core/err.h"
#include "core/roles.h"

enum pim_col { COL_FIRST, COL_LAST, COL_ROLE, COL_ORG, COL_EMAIL, COL_FOCUS, COL_COUNT };

struct pim_row {
	int line;
	char *value[COL_COUNT];  /* trimmed; "" for a column the file lacks */
	char *role;              /* the role key (owned by the roles) */
	bool staged;             /* taken by an earlier pass of staging */
};

struct pim_file {
	const char *path;
	int guessed_line;        /* read as Windows-1252 from this line on: warn */
	int ncols;               /* columns in the header */
	int col[COL_COUNT];      /* header position of each column, or -1 */
	char *heading[COL_COUNT];/* the header's text for it, for messages */
	struct pim_row *row;
	int n, cap;
};

/* Sets err to "FILE:LINE: reason". */
__attribute__((format(printf, 4, 5)))
int pim_error(st_err *err, const char *path, int line, const char *fmt, ...);

/* Reads and checks the whole file.  Call pim_free afterwards either way. */
int pim_parse(const char *path, enum csv_encoding encoding, const st_roles *roles,
	      struct pim_file *f, st_err *err);

void pim_free(struct pim_file *f);

#endif
