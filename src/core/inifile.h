/* inifile.h: an INI file read with libiniparser, plus where things are.
 *
 * libiniparser gives the values but not the line a key came from, and it
 * merges a repeated section silently.  Files people write (programmes,
 * codebooks, config) need errors that name the line, so this module also
 * scans the file once for the line of every section and key, and refuses
 * repeated sections and keys.  Section and key names are lower-cased, as
 * libiniparser does. */
#ifndef STEMTUI_INIFILE_H
#define STEMTUI_INIFILE_H

#include "core/err.h"

typedef struct ini_file ini_file;

/* The most bytes a line may hold, a key and its value together, also
 * when the value is continued over several lines with a backslash
 * (libiniparser's buffer, less the line end): a longer one is refused as
 * "FILE:LINE: the value of "KEY" is too long".  This caps every text
 * field read from an INI file. */
#define INI_TEXT_MAX 1022

/* Reads path.  On a syntax error, a repeated section or key, a key
 * outside any section, a line that is not UTF-8 or that holds a control
 * character other than tab (text_refuse_controls), returns NULL with err
 * as "FILE:LINE: reason". */
ini_file *ini_open(const char *path, st_err *err);

void ini_close(ini_file *ini);

/* The file's path as given to ini_open. */
const char *ini_path(const ini_file *ini);

/* Sections in file order: count, name, line of the [header]. */
int ini_section_count(const ini_file *ini);
const char *ini_section_name(const ini_file *ini, int i);
int ini_section_line(const ini_file *ini, int i);

/* Keys of section (in file order): count and name of the i-th. */
int ini_key_count(const ini_file *ini, const char *section);
const char *ini_key_name(const ini_file *ini, const char *section, int i);

/* Line of key in section, or of the section header when key is NULL;
 * 0 when there is no such key. */
int ini_line(const ini_file *ini, const char *section, const char *key);

/* Sets err to "FILE:LINE: reason" with reason from fmt, the form every
 * error about a file people write takes.  Returns -1. */
int ini_error(st_err *err, const ini_file *ini, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Value of key in section (quotes removed, white space trimmed), or NULL
 * when the key is absent. */
const char *ini_get(const ini_file *ini, const char *section, const char *key);

/* The value of key as the file writes it (quotes and a comment after it
 * kept, continued lines joined, white space trimmed), or NULL. */
const char *ini_raw(const ini_file *ini, const char *section, const char *key);

#endif
