/* draaiboek_notes.h: what the draaiboek shows of its notes, gathered in
 * one pass over them and their tags (export_draaiboek.c shows it; private
 * to the core): which notes per factor, which sessions each factor came
 * up at, how many notes there are and how many are tagged (per session
 * and in all), who wrote them, and the ideas and actions not yet tagged.
 *
 * Per factor and polarity the draaiboek shows the oldest few quotes (then
 * observations), and the oldest ideas (then actions).  Asking SQLite for
 * them per factor and polarity sorts every note of the factor each time,
 * which grows with the network (a walk of all notes per factor at a
 * million notes); one pass over the notes (from an index that holds
 * what it reads) reads each once, keeps the few that count, and the
 * draaiboek then reads only those; the counts, the facilitators and the
 * appendix, each a walk of every note when asked apart, come from the
 * same pass.  That pass is what one coder's draaiboek reads, and one of
 * a programme or a kind of session; of all notes or one session without
 * a coder the same is read from the kept figures and indexes instead
 * (fig_session_notes, fig_session, note_live_by_author, walks that stop
 * at the few notes shown), so that it costs the same at any number of
 * notes. */
#ifndef STEMTUI_DRAAIBOEK_NOTES_H
#define STEMTUI_DRAAIBOEK_NOTES_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/codebook_snapshot.h"
#include "core/err.h"

/* What is shown per factor. */
enum draaiboek_group {
	DRAAIBOEK_HELPS,        /* enabler: quotes, then observations (max) */
	DRAAIBOEK_HINDERS,      /* barrier: quotes, then observations (max) */
	DRAAIBOEK_HANDVATTEN,   /* any polarity: ideas, then actions (2 max) */
	DRAAIBOEK_GROUPS
};

typedef struct draaiboek_notes draaiboek_notes;

/* The pass over the live notes of the filter (programme_id 0: all;
 * session_kind NULL: all; session_id 0: all) for the factors of cb, up to
 * max per polarity; with the tags of coder only (NULL: every coder's),
 * as if no other coder had tagged (a note only they tagged is untagged
 * here).  NULL with err set. */
draaiboek_notes *draaiboek_notes_read(sqlite3 *db, const codebook_snapshot *cb,
				      long long programme_id, const char *session_kind,
				      long long session_id, const char *coder, int max,
				      st_err *err);

/* The ids of the notes of group g of cb->f[factor], in the order shown;
 * returns how many (*ids valid until draaiboek_notes_free). */
int draaiboek_notes_ids(const draaiboek_notes *d, int factor, enum draaiboek_group g,
			long long *ids, int size);

/* Whether a note tagged with cb->f[factor] was taken at session_id. */
bool draaiboek_notes_at(const draaiboek_notes *d, int factor, long long session_id);

/* The live notes at session_id, and the tagged ones among them. */
void draaiboek_notes_at_session(const draaiboek_notes *d, long long session_id, int *all,
				int *tagged);
/* The tagged notes in all, and the sessions they are from. */
void draaiboek_notes_tagged(const draaiboek_notes *d, int *notes, int *sessions);

/* Who wrote the notes: the first DRAAIBOEK_FACILITATORS names in byte
 * order, each once; returns how many. */
#define DRAAIBOEK_FACILITATORS 12
int draaiboek_notes_facilitators(const draaiboek_notes *d, const char *const **names);

/* The oldest ideas and actions without a tag, by session date, then as
 * entered: up to DRAAIBOEK_UNTAGGED + 1 (one more tells there are more)
 * into ids (size); returns how many there are. */
#define DRAAIBOEK_UNTAGGED 100
int draaiboek_notes_untagged(const draaiboek_notes *d, long long *ids, int size);

void draaiboek_notes_free(draaiboek_notes *d);

#endif
