/* extedit.h: editing text in the person's own editor ($VISUAL, $EDITOR). */
#ifndef STEMTUI_EXTEDIT_H
#define STEMTUI_EXTEDIT_H

#include "core/err.h"

/* Writes text to a private file (0600, in $XDG_RUNTIME_DIR/stemtui or
 * else stemtui's data folder, never a shared /tmp), leaves curses, runs
 * $VISUAL (else $EDITOR, else vi) on it directly (a path, or words as
 * fs_command_words splits them; never through a shell), waits, restores the screen, and reads the file back.
 * Returns the new text (caller frees), or NULL with err set (the editor
 * could not run, or exited with an error: the text is then unchanged). */
char *extedit_run(const char *text, st_err *err);

/* Removes the files a stemtui that was killed while its editor ran left
 * behind (never one of a stemtui still running). */
void extedit_remove_stale(void);

#endif
