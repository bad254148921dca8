/* draaiboek_intro.h: the draaiboek's introduction, a text file the
 * facilitator can edit: what the programme and the network are and the
 * question they work on.
 *
 * It is the file given (--intro, export_options.intro), else the
 * facilitator's own $XDG_CONFIG_HOME/stemtui/draaiboek-intro.LANG.md,
 * else the one shipped in share/draaiboek/intro.LANG.md, LANG the
 * language the draaiboek is written in ("nl", "en").  Plain text:
 * paragraphs separated by an empty line, "## " starts a heading, "- " a
 * list item; everything is escaped, nothing in it is markup. */
#ifndef STEMTUI_DRAAIBOEK_INTRO_H
#define STEMTUI_DRAAIBOEK_INTRO_H

#include "core/draaiboek_doc.h"
#include "core/err.h"

/* Writes the introduction into d.  0; -1 with err set when path was given
 * and cannot be read (the usual files are only used when they are there). */
int draaiboek_intro(doc *d, const char *path, st_err *err);

/* Before an export that cannot be taken back (to standard output): 0
 * when the introduction at path (NULL or "": none given) can be read and
 * holds UTF-8 text without control characters, as draaiboek_intro wants
 * it; else -1 with err naming the file (and the line).  A path that is a
 * pipe or a device is left for the export to read, once. */
int draaiboek_intro_check(const char *path, st_err *err);

#endif
