/* note_taking.h: taking co-creation notes during a session. */
#ifndef STEMTUI_NOTE_TAKING_H
#define STEMTUI_NOTE_TAKING_H

struct tui_app;
struct view;

/* The notes of session_id, ready to type a new one (edit_id 0), or with
 * note edit_id in the editor. */
struct view *note_taking_open(struct tui_app *app, long long session_id, long long edit_id);

/* Offers back, one by one, the notes this facilitator typed and did not
 * save (a crash, a flat battery), naming session and time; going on with
 * one opens the notes screen with it.  Never another facilitator's. */
void notes_offer_drafts(struct tui_app *app);

#endif
