/* duplicates.h: people who look like the same person (person_merge.h),
 * offered for merging: a list of the pairs, and merging one after a
 * question that says who stays and what moves to them. */
#ifndef STEMTUI_DUPLICATES_H
#define STEMTUI_DUPLICATES_H

#include <stdbool.h>

#include "tui/view.h"

/* The people who look like person id; picking one asks to merge the two.
 * Says so when there are none.  True when two were merged. */
bool duplicates_of_person(struct tui_app *app, long long id);

/* Every pair of people in the network who look like the same person
 * (the first DUP_MAX_PAIRS); picking one asks to merge them.  True when
 * two were merged. */
#define DUP_MAX_PAIRS 200
bool duplicates_all(struct tui_app *app);

#endif
