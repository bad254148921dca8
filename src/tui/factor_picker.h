/* factor_picker.h: tagging a note with factors from the codebook. */
#ifndef STEMTUI_FACTOR_PICKER_H
#define STEMTUI_FACTOR_PICKER_H

#include "tui/view.h"

/* Opens the picker over the screen for note_id until Esc; every tag is
 * saved as it is made. */
void factor_picker_run(struct tui_app *app, long long note_id);

/* "+", "-" or "·" for a polarity. */
const char *factor_polarity_mark(int polarity);

/* The mark for TAG_HAS_* bits (tag_polarity_within): "+", "-", "±" for
 * both, "·" for neutral, "" for none. */
const char *factor_polarity_bits_mark(int bits);

#endif
