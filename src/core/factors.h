/* factors.h: the codebook, its import, tags and figures at once.
 *
 * Kept only for src/core/notes.c and src/core/export_qdc.c, which other
 * changes are splitting while this one split the codebook files: include
 * what you use instead (codebook.h, codebook_import.h, tags.h,
 * figures.h, codebook_snapshot.h).  Remove this header once those two
 * include tags.h and codebook.h. */
#ifndef STEMTUI_FACTORS_H
#define STEMTUI_FACTORS_H

#include "core/codebook.h"
#include "core/codebook_import.h"
#include "core/codebook_snapshot.h"
#include "core/figures.h"
#include "core/tags.h"

#endif
