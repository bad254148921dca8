/* quicktags.h: the digits 1-9 tag a note with nine factors, so tagging
 * during a session costs one key.
 *
 * The nine are chosen once per run of the program, the first time a
 * screen with digit keys opens: the pins of the config ([digits]), then
 * the factors the facilitator used most recently.  From then on every
 * screen (taking notes, the review queue) shows the same nine on the same
 * digits, so they can be learnt by heart; only pinning (Ctrl-P) moves
 * them.  A digit whose factor left the codebook gets another. */
#ifndef STEMTUI_QUICKTAGS_H
#define STEMTUI_QUICKTAGS_H

#include <stdbool.h>

#include "core/codebook.h"
#include "core/tags.h"
#include "tui/view.h"

struct quicktags {
	st_factor f[FACTOR_DIGITS];   /* f[i] for digit i + 1; id 0: none */
	bool chosen;                  /* once: from then on only kept */
};

/* Chooses the nine the first time, afterwards reads them again (a name
 * changed in the codebook, a factor gone): call when a screen with digit
 * keys opens.  A pin of the config that is not in the codebook is said in
 * the status line. */
void quicktags_open(struct tui_app *app);

/* Frees the nine (at the end of the run). */
void quicktags_free(struct tui_app *app);

/* A digit 1-9 tags note_id with that factor; pressing it again makes the
 * tag an enabler (+), then a barrier (-), then removes it.  Returns false
 * for other keys. */
bool quicktags_key(struct tui_app *app, long long note_id, int key);

/* Asks for a digit and a factor, and puts that factor on that digit for
 * the rest of the run (a factor already on another digit changes places
 * with the one it replaces). */
void quicktags_pin(struct tui_app *app);

/* "1 VB1 Gedeelde visie  2 TM3 Draagvlak ..." on row y from column x in
 * width columns: all nine always show, so the names are cut as far as
 * needed ("1 LD2 STEM-tr…"), or left out when even that does not fit
 * ("1 LD2  2 OR1 ... 9 BO1"). */
void quicktags_draw(struct tui_app *app, int y, int x, int width, attr_t attr);

/* The columns the nine take by code only ("1 LD2  2 OR1 ... 9 BO1"). */
int quicktags_codes_width(struct tui_app *app);

#endif
