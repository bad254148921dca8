/* quicktags.h: the digits 1-9 tag a note with the facilitator's nine
 * most-used factors, so tagging during a session costs one key. */
#ifndef STEMTUI_QUICKTAGS_H
#define STEMTUI_QUICKTAGS_H

#include <stdbool.h>

#include "core/factors.h"
#include "tui/view.h"

struct quicktags {
	st_factor f[9];
	int n;
};

/* Reads the nine factors (most used in this facilitator's notes first). */
void quicktags_load(struct tui_app *app, struct quicktags *q);
void quicktags_free(struct quicktags *q);

/* A digit 1-9 tags note_id with that factor; pressing it again makes the
 * tag an enabler (+), then a barrier (-), then removes it.  Returns false
 * for other keys. */
bool quicktags_key(struct tui_app *app, struct quicktags *q, long long note_id, int key);

/* "1 VB1 Gedeelde visie  2 TM3 Draagvlak ..." on row y: all nine always
 * show, so the names are cut as far as needed ("1 LD2 STEM-tr…"), or
 * left out when even that does not fit ("1 LD2  2 OR1 ... 9 BO1"). */
void quicktags_draw(const struct quicktags *q, int y, attr_t attr);

#endif
