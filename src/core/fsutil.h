/* fsutil.h: files and folders, and where stemtui keeps them (XDG). */
#ifndef STEMTUI_FSUTIL_H
#define STEMTUI_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

/* Creates every missing folder above the file `path`, mode 0700 (they may
 * hold personal data).  Existing folders are left as they are. */
int fs_mkdir_parents(const char *path, st_err *err);

/* Writes all n bytes of buf to fd, again after a signal interrupts it
 * and after a short write.  0, or -1 with errno set. */
int fs_write_all(int fd, const char *buf, size_t n);

/* The same, but only the folders below base, which must exist: stemtui's
 * own folders are made inside a folder someone else made. */
int fs_mkdir_below(const char *base, const char *path, st_err *err);

/* The same for a path from fs_xdg_path: its missing folders are made
 * inside the home folder, which must exist and not be "/" (or, when
 * XDG_<kind>_HOME lies outside it, inside that variable's parent folder).
 * 0 at once when the file's folder exists; else -1 with err naming what
 * is missing. */
int fs_xdg_mkdir_parents(const char *kind, const char *path, st_err *err);

/* Takes group and other access away from the folder holding path when
 * this user owns it: the data folder may have been made by someone else
 * first (`make install --prefix=$HOME/.local` puts the shipped files in
 * ~/.local/share/stemtui, mode 0755), and the database of personal data
 * is kept there.  Best effort: a folder it cannot change stays as it is. */
void fs_private_folder_of(const char *path);

/* Returns a new string: the folder of path ("." when it has no "/"). */
char *fs_dirname(const char *path);

/* Returns a new string: $XDG_<kind>_HOME/stemtui/<name>, with the XDG
 * default ($HOME/.config or $HOME/.local/share) when the variable is unset
 * or not absolute.  kind is "CONFIG" or "DATA".  NULL when neither the
 * variable nor HOME is set. */
char *fs_xdg_path(const char *kind, const char *name);

/* Returns a new string: the person's documents folder, where exports go
 * by default: $XDG_DOCUMENTS_DIR, else XDG_DOCUMENTS_DIR in
 * $XDG_CONFIG_HOME/user-dirs.dirs (~/.config/user-dirs.dirs, where
 * xdg-user-dir looks; "$HOME/Documenten" there is in the home folder).
 * NULL when neither names one or the folder is not there. */
char *fs_documents_dir(void);

/* Returns a new string: dir "/" name. */
char *fs_join(const char *dir, const char *name);

/* The words of the command in cmd, the value of $VISUAL or $EDITOR, run
 * without a shell: when the whole of cmd names an executable file, that
 * is the one word (a path may hold spaces); otherwise cmd is split on
 * blanks as sh would, honouring '...', "..." (where \ keeps only $ ` " \
 * and a line break special) and \ outside quotes, with no expansion.
 * The words are written into buf (size bytes; strlen(cmd) + 1 always
 * suffices) and argv (at most max - 1 words, then NULL).  Returns how
 * many words, or -1 when a quote is not closed or they do not fit. */
int fs_command_words(const char *cmd, char *buf, size_t size, char **argv, int max);

/* This machine's name ("localhost" when it has none), without "/", into
 * buf: part of the names of stemtui's temporary files, since a folder may
 * be shared between machines, where a pid says nothing about another
 * machine's process. */
void fs_host_name(char *buf, size_t size);

/* The mkstemp template of one of stemtui's temporary files in dir:
 * "DIR/KIND" "HOST-PID-XXXXXX" (kind such as ".stemtui-export-"), whose
 * name says whose it is, and is as long whatever file it stands in for.
 * 0, or -1 when it does not fit in size bytes. */
int fs_temp_template(char *buf, size_t size, const char *dir, const char *kind);

/* Removes the temporary files (fs_temp_template) of this kind in dir
 * that their writer left: this machine's of a process that is gone (never
 * one of a live process, however old), and another machine's last
 * written more than max_age seconds ago (max_age < 0: none by age).  Only
 * regular files of this user; errors are ignored (the next sweep tries
 * again). */
void fs_remove_stale(const char *dir, const char *kind, int max_age);

/* Called once at start with argv[0]: notes whether this process runs the
 * program file `make` built in the build folder (configure passes its
 * path as STEMTUI_BUILD_BINARY), so that the data and the catalogs of the
 * source and build folders serve it without `make install`. */
void fs_locate_program(const char *argv0);

/* True when fs_locate_program found the program running from the build
 * folder. */
bool fs_running_uninstalled(void);

/* Folder of shipped data (programmes, roles, codebook): $STEMTUI_DATADIR
 * when set (tests), else the source folder's share/ for the program in
 * the build folder, else the installed one. */
const char *fs_datadir(void);

/* Folder of message catalogs: $STEMTUI_LOCALEDIR when set, else the build
 * folder's locale/ for the program in the build folder, else the
 * installed one. */
const char *fs_localedir(void);

#endif
