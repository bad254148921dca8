/* shield.h: a stream that shows text as text_cp_shown says, for terminals.
 *
 * Text from files and the database may hold control characters: ESC
 * starts an escape sequence (ESC ] 52 writes the clipboard, ESC ] 0 the
 * window title), a C1 control (U+009B) is one by itself, and a
 * bidirectional override reorders what follows it.  Whatever the command
 * line writes for a person to read goes through a shield, so that none of
 * them reaches a terminal raw, whichever path printed it. */
#ifndef STEMTUI_SHIELD_H
#define STEMTUI_SHIELD_H

#include <stdio.h>

/* Returns a stream that writes to `to` what is written to it, every code
 * point as text_cp_shown shows it except the line break (and a CR right
 * before one), which stay; an invalid byte shows as U+FFFD.  A character
 * cut between two writes is put together first.  Each write is flushed to
 * `to`, and fails (with ferror) when writing to `to` fails.  fclose
 * leaves `to` open.  NULL when out of memory. */
FILE *shield_open(FILE *to);

#endif
