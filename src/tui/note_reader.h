/* note_reader.h: reading one note, whole. */
#ifndef STEMTUI_NOTE_READER_H
#define STEMTUI_NOTE_READER_H

struct tui_app;
struct view;

/* Note note_id, with the words of highlight (a search; may be NULL or
 * empty) marked in its text. */
struct view *note_reader_open(struct tui_app *app, long long note_id, const char *highlight);

#endif
