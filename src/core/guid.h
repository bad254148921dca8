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

/* A new random (version 4) GUID from libuuid, upper case, into buf (at
 * least GUID_SIZE bytes).  Always 0: err is kept for callers that treat a
 * GUID as something that may fail. */
int guid_new(char *buf, st_err *err);

/* The GUID of the factor code code in a codebook file that gives it
 * none: a name-based (version 5, SHA-1) UUID of the code in stemtui's own
 * namespace, the same on every laptop that imports the file, so that a
 * shipped factor is one row in a network, GUID and all. */
void guid_of_code(const char *code, char *buf);

/* Whether s is exactly 8-4-4-4-12 hexadecimal digits (either case). */
bool guid_is_valid(const char *s);

/* s as a GUID in the form stemtui stores: white space around it and
 * braces ("{...}") removed, upper case.  A new string, or NULL when s is
 * not a GUID (or memory runs out). */
char *guid_normalised(const char *s);

#endif
