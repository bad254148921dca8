/* writes.h: every write of the full-screen interface goes through here,
 * so that none is lost, and none freezes the screen, while another
 * program writes to the database (a long import, a second stemtui, a
 * badge scanner).
 *
 * A write is tried at once, waiting at most WRITE_BRIEF_WAIT_MS; when the
 * database is still busy it is kept (core/pending.h: in order, and in a
 * journal file beside the database) and the status line says "Waiting for
 * the database… N changes kept" until the kept writes are applied, tried
 * again every WRITE_RETRY_MS, in the order they were made.  Quitting waits
 * for them, visibly; F10 then quits at once, and the next start applies
 * them from the journal. */
#ifndef STEMTUI_WRITES_H
#define STEMTUI_WRITES_H

#include <stdbool.h>

#include "core/pending.h"

struct tui_app;

/* How long a write waits for another program before it is kept; how often
 * kept writes are tried again. */
#define WRITE_BRIEF_WAIT_MS 100
#define WRITE_RETRY_MS 500

enum write_result {
	WRITE_FAILED = -1,  /* refused (the status line says why) */
	WRITE_DONE = 0,     /* carried out now */
	WRITE_KEPT = 1,     /* kept for when the database is free (the status line says so) */
};

/* Carries out w now, or keeps it after the writes already waiting.  With
 * WRITE_DONE, *made (may be NULL) is the id it made (or, for an undo or
 * redo, the person it concerned; 0: nothing to undo); with WRITE_KEPT, a
 * reference to the id it will make (negative: pending_write_id takes it
 * for a later write).  w's strings are taken over in every case. */
enum write_result app_write(struct tui_app *app, pending_write *w, long long *made);

/* The writes more than one screen makes, through app_write: a note to
 * the trash (or back from it), a draft forgotten, a note tagged with f
 * (polarity -1, 0, 1 or PW_UNTAG; note may be a reference to a kept one). */
enum write_result app_note_trash(struct tui_app *app, long long note, bool trash);
enum write_result app_draft_forget(struct tui_app *app, const char *key);
struct st_factor;
enum write_result app_tag_note(struct tui_app *app, long long note, const struct st_factor *f,
			       int polarity);

/* Opens the queue for the app's database and applies the writes kept when
 * stemtui last stopped before it could (its journal), saying so. */
void app_writes_open(struct tui_app *app);

/* Applies the kept writes when it is time to try again and the database
 * lets it; the screen shows what they changed.  Called on every tick and
 * after keys. */
void app_writes_retry(struct tui_app *app);

/* How many writes wait for the database. */
int app_writes_waiting(const struct tui_app *app);

/* The writes that still wait stay in the journal for the next start. */
void app_writes_close(struct tui_app *app);

/* The polarity the tags of note (an id, or a reference to a kept note)
 * will have with factor once the kept writes are applied: a kept tag's,
 * else `now`. */
int app_tag_to_be(const struct tui_app *app, long long note, long long factor, int now);

/* The status a kept check-in will give person at session, or -1 when none
 * is kept (or an undo kept after it makes it unknown). */
int app_checkin_to_be(const struct tui_app *app, long long session, long long person);

/* The line the status bar shows while writes wait ("Waiting for the
 * database… 2 changes kept"), or "" when none do. */
void app_writes_status(const struct tui_app *app, char *buf, size_t size);

#endif
