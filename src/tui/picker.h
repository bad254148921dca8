/* picker.h: a small modal list to choose one item from (a programme, a
 * kind of session). */
#ifndef STEMTUI_PICKER_H
#define STEMTUI_PICKER_H

#include "tui/view.h"

/* Shows title and items in a box over the screen, with `selected`
 * highlighted, until the person picks one (Enter, a click) or cancels
 * (Esc, q).  Returns the chosen index, or -1. */
int picker_run(struct tui_app *app, const char *title, const char *const *items,
	       int n, int selected);

#endif
