/* note_search.h: a note search as a person types it (`notes --search`,
 * `/` in the screens): the safe FTS5 query it becomes, and where its words
 * occur in a text, for highlighting.  Pure text, no SQLite: the lists
 * that run the query are note_list.c (notes.h). */
#ifndef STEMTUI_NOTE_SEARCH_H
#define STEMTUI_NOTE_SEARCH_H

#include <stddef.h>

/* Turns what a person typed into a safe FTS5 query: words must all occur
 * (in any order), a word ending in * is a prefix, "a phrase" in double
 * quotes must occur as such; every other character is taken literally.
 * White space separates words; a double quote opens a phrase only at the
 * start of a word (inside one it is part of the word); a phrase runs to
 * the next double quote or the end; * right after a phrase makes its last
 * word a prefix.  Each word or phrase becomes one quoted FTS5 string
 * (quotes in it doubled), joined with AND:
 *     creat* "tijd in het lesrooster" zo"n
 *  -> "creat"* AND "tijd in het lesrooster" AND "zo""n"
 * A word without any letter or digit ("-", "(", ":") is dropped, since it
 * could match nothing.  Nothing is folded: FTS5 folds case and accents
 * itself.  Punctuation inside a word makes a phrase of its parts, as FTS5
 * cuts them ("co-creatie" is "co" then "creatie").
 * Returns a new string, or NULL when text has no word.  Caller frees. */
char *note_search_query(const char *text);

/* Where the words of a search occur in text, ignoring case and accents:
 * up to max [start, end) byte ranges of text, in order, not overlapping.
 * For highlighting.  Returns how many.
 * search is what the person typed (as for note_search_query).  Matching
 * follows FTS5: text is cut into words (runs of letters and digits), a
 * plain search word matches a whole word only ("tijd" not in "tijden"), a
 * word with * matches the start of a word ("creat*" in "Créativiteit"),
 * a phrase matches consecutive words whatever is between them; each word
 * is compared folded (text_fold).  A range runs from the start of the
 * first word matched to the end of the last, so a highlighted phrase
 * includes the spaces inside it; ranges that overlap are joined. */
typedef struct note_span { size_t start, end; } note_span;
int note_match_spans(const char *text, const char *search, note_span *out, int max);

#endif
