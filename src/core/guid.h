/* guid.h: GUIDs as REFI-QDA writes them, 8-4-4-4-12 hexadecimal digits
 * ("D7AA29DA-519B-4946-9B90-253B6DB8FD0A"): made new for a factor, and
 * checked or put in that form when one comes from a file.  A factor's
 * GUID is stored, so that every export of the codebook gives it the same
 * one. */
#ifndef STEMTUI_GUID_H
#define STEMTUI_GUID_H

#include <stdbool.h>

#include "core/err.h"

/* Bytes a GUID takes with its terminating NUL. */
#define GUID_SIZE 37

/* A new random (version 4, RFC 4122 variant) GUID, upper case, into buf
 * (at least GUID_SIZE bytes), from /dev/urandom.  0, or -1 with err set
 * when no random bytes can be read. */
int guid_new(char *buf, st_err *err);

/* The GUID of the factor code code in a codebook file that gives it
 * none (version 8: two 64-bit FNV-1a hashes of "1" and "2" followed by
 * the code): the same on every laptop that imports the file, so that a
 * shipped factor is one row in a network, GUID and all. */
void guid_of_code(const char *code, char *buf);

/* Whether s is exactly 8-4-4-4-12 hexadecimal digits (either case). */
bool guid_is_valid(const char *s);

/* s as a GUID in the form stemtui stores: white space around it and
 * braces ("{...}") removed, upper case.  A new string, or NULL when s is
 * not a GUID (or memory runs out). */
char *guid_normalised(const char *s);

#endif
