/* note_kinds.h: the five kinds of note (observation, quote, idea,
 * question, action): the keys stored, their translated labels, and the
 * words a person may type for them.  Pure text, no SQLite. */
#ifndef STEMTUI_NOTE_KINDS_H
#define STEMTUI_NOTE_KINDS_H

#define NOTE_KIND_COUNT 5
/* Keys as stored: observation, quote, idea, question, action. */
extern const char *const note_kind_key[NOTE_KIND_COUNT];

/* Index of a kind given as key, English or Dutch word (observatie,
 * citaat, idee, vraag, actie), any case; -1 when unknown. */
int note_kind_index(const char *text);

/* Translated label of a kind key ("Observation" / "Observatie"). */
const char *note_kind_label(const char *key);

#endif
