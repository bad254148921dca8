/* text.h: UTF-8 text: folding for search and sort, display width, fitting.
 *
 * Everything here takes and returns UTF-8.  Invalid bytes are never
 * dropped silently into garbage: each one is read as U+FFFD. */
#ifndef STEMTUI_TEXT_H
#define STEMTUI_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <wchar.h>

#include "core/err.h"

/* Decodes one code point from s (at most n bytes) into *cp; returns the
 * number of bytes used (1 for an invalid byte, read as U+FFFD), 0 at end. */
size_t text_decode(const char *s, size_t n, uint32_t *cp);

/* The offset of the first byte of s[0..n) that is not UTF-8 text (an
 * invalid sequence, or a NUL, which a UTF-16 file is full of); n when all
 * of it is.  For files people write: refused, never stored as U+FFFD. */
size_t text_utf8_end(const char *s, size_t n);

/* The most bytes one text field read from a file may hold: a name, a
 * definition, a column of a sign-up list (REFI-QDA codebooks, sign-up
 * CSV; an INI line holds less, INI_TEXT_MAX).  A longer one is refused
 * with FILE:LINE, so that no file makes the program hold or store
 * megabytes for one field. */
#define TEXT_FIELD_MAX 65536

/* Sets err to "FILE:LINE: FIELD is longer than TEXT_FIELD_MAX bytes"
 * (field says which: "the Description of code "Beleid"").  Returns -1. */
struct st_err;
int text_field_too_long(struct st_err *err, const char *path, int line, const char *field);

/* Appends the UTF-8 form of cp to out (room for 4 bytes); returns bytes. */
size_t text_encode(uint32_t cp, char *out);

/* Returns a new string: s lower-cased with accents and other diacritics
 * removed ("Françoise" -> "francoise", "Zoë" -> "zoe", "Ĳzer" -> "ijzer"),
 * apostrophes dropped ("D'Hondt" -> "dhondt"),
 * for accent- and case-insensitive search and sorting.  Caller frees. */
char *text_fold(const char *s);

/* Returns a new string: text_fold(s) without white space and hyphens
 * (apostrophes text_fold drops already): the key names are matched by, so
 * that "vandenbroeck" finds "Van den Broeck", "pieter jan" finds
 * "Pieter-Jan" and "dhondt" finds "D'Hondt".  Caller frees. */
char *text_fold_name(const char *s);

/* True for the characters text_fold_name leaves out of a folded string:
 * ASCII white space and '-' (the byte at s; multibyte hyphens and the
 * no-break space are handled by text_fold_name itself). */
bool text_is_name_gap(char c);

/* The bytes at s that text_fold_name leaves out of a folded string (an
 * ASCII gap, a no-break space or a Unicode hyphen), or 0. */
size_t text_name_gap(const char *s);

/* Returns a new string: text_fold(s) with every run of digits left-padded
 * with zeros to 10 places, so that "COP 9" sorts before "COP 10". */
char *text_natural_key(const char *s);

/* True when needle (folded or not) occurs in haystack, comparing folded. */
bool text_contains_folded(const char *haystack, const char *needle);

/* True when s starts with prefix, comparing folded. */
bool text_starts_with_folded(const char *s, const char *prefix);

/* Columns a code point takes on a terminal: 0 for combining marks, 2 for
 * wide (East Asian) characters, 1 otherwise; control characters and
 * bidirectional controls 0. */
int text_cp_width(uint32_t cp);

/* What a code point of text from a file or the database is drawn as, so
 * that none reaches the terminal raw: a control character (C0, DEL, C1:
 * an ESC could start an escape sequence) as a space, a bidirectional
 * control (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C: an
 * override would reorder the rest of the row, over other cells) as
 * nothing (0), any other code point as itself.  The one place where
 * shown text is neutralised: text_fit and every drawing of text use it;
 * the stored text is never changed.  Its columns are
 * text_cp_width(text_cp_shown(cp)). */
uint32_t text_cp_shown(uint32_t cp);

/* Returns a new string: s with every code point as text_cp_shown shows
 * it (a line break too is a space), for text printed whole where
 * text_fit would cut it: the last column of a table.  Caller frees. */
char *text_shown(const char *s);

/* The offset of the first code point of s[0..n) that text_cp_shown does
 * not show as itself (a control character, a bidirectional control),
 * other than a tab and, when breaks, a line break; n when there is none. */
size_t text_control_at(const char *s, size_t n, bool breaks);

/* For the readers of files people write, which refuse what text_control_at
 * finds (a file holding an escape sequence is hostile or damaged, and a
 * stored one would reach terminals that show the data): 0 when s[0..n)
 * holds none; else -1 with err as "FILE:LINE: reason", LINE being line
 * plus the line breaks before the character, which the reason names. */
int text_refuse_controls(const char *s, size_t n, bool breaks, const char *path, int line,
			 st_err *err);

/* Columns the whole string takes. */
int text_width(const char *s);

/* Characters (code points) in s, counted by UTF-8 lead bytes. */
size_t text_chars(const char *s);

/* Returns a new string that takes exactly `width` columns: s cut (with "…"
 * when cut and ellipsis is true) and padded with spaces on the right.
 * Combining marks stay with their base; a wide character that would cross
 * the edge is replaced by a space.  Code points are shown as
 * text_cp_shown says (control characters as spaces, bidirectional
 * controls left out). */
char *text_fit(const char *s, int width, bool ellipsis);

/* Like text_fit but padded on the left (right-aligned). */
char *text_fit_right(const char *s, int width);

/* True for a combining mark: a character drawn on the one before it. */
bool text_is_mark(uint32_t cp);

/* In a wide-character buffer: the start of the character before index i
 * (a base with its combining marks), and the index after the character at
 * i.  The editors move and delete by these, never inside a character. */
int wtext_prev_char(const wchar_t *s, int i);
int wtext_next_char(const wchar_t *s, int len, int i);

/* Trims ASCII white space at both ends, in place; returns s. */
char *text_trim(char *s);

/* Text as a note or draft stores it: a new string, s as valid UTF-8 (an
 * invalid byte becomes U+FFFD), CR LF and CR made LF, other control
 * characters dropped (a tab is kept, or made a space when one_line, as is
 * a line break), ASCII white space trimmed at both ends.  NULL when
 * memory runs out.  Caller frees. */
char *text_clean(const char *s, bool one_line);

/* True when s holds nothing but white space as a person sees it: ASCII,
 * no-break and the Unicode spaces, and the zero-width ones ("" too). */
bool text_is_blank(const char *s);

/* True when s is one or more ASCII digits and nothing else: an id typed
 * where a name may be. */
bool text_is_digits(const char *s);

#endif
