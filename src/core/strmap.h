/* strmap.h: a map from strings to numbers, keys compared ignoring ASCII
 * case (as SQLite's NOCASE and strcasecmp do).
 *
 * What an import uses to find a code, a GUID or an INI key among
 * thousands without searching a list for each one (a codebook of a few
 * thousand codes took minutes that way). */
#ifndef STEMTUI_STRMAP_H
#define STEMTUI_STRMAP_H

typedef struct strmap strmap;

/* A new empty map, or NULL when out of memory. */
strmap *strmap_new(void);
void strmap_free(strmap *m);

/* The value of key (which stays valid until the next strmap_put), or
 * NULL when the map does not hold key. */
long long *strmap_get(const strmap *m, const char *key);

/* Sets key to value; the map keeps a copy of key.  0, or -1 when out of
 * memory. */
int strmap_put(strmap *m, const char *key, long long value);

#endif
