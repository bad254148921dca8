/* strmap.c: see strmap.h.  Open addressing with linear probing, grown to
 * keep it at most half full; FNV-1a over the lower-cased bytes. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/strmap.h"

struct slot {
	char *key;     /* NULL: empty */
	long long value;
};

struct strmap {
	struct slot *slot;
	size_t cap, n;     /* cap is a power of two */
};

static unsigned char fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

static uint64_t hash(const char *s)
{
	uint64_t h = 14695981039346656037u;

	for (; *s; s++)
		h = (h ^ fold((unsigned char)*s)) * 1099511628211u;
	return h;
}

/* The slot holding key, or the empty slot where it would go. */
static struct slot *find(const strmap *m, const char *key)
{
	size_t i = (size_t)hash(key) & (m->cap - 1);

	while (m->slot[i].key && strcasecmp(m->slot[i].key, key) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->slot[i];
}

strmap *strmap_new(void)
{
	strmap *m = calloc(1, sizeof *m);

	if (!m)
		return NULL;
	m->cap = 64;
	m->slot = calloc(m->cap, sizeof *m->slot);
	if (!m->slot) {
		free(m);
		return NULL;
	}
	return m;
}

void strmap_free(strmap *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->cap; i++)
		free(m->slot[i].key);
	free(m->slot);
	free(m);
}

long long *strmap_get(const strmap *m, const char *key)
{
	struct slot *s = find(m, key);

	return s->key ? &s->value : NULL;
}

static int grow(strmap *m)
{
	struct slot *old = m->slot;
	size_t cap = m->cap, i;

	m->slot = calloc(cap * 2, sizeof *m->slot);
	if (!m->slot) {
		m->slot = old;
		return -1;
	}
	m->cap = cap * 2;
	for (i = 0; i < cap; i++)
		if (old[i].key)
			*find(m, old[i].key) = old[i];
	free(old);
	return 0;
}

int strmap_put(strmap *m, const char *key, long long value)
{
	struct slot *s;

	if ((m->n + 1) * 2 > m->cap && grow(m) != 0)
		return -1;
	s = find(m, key);
	if (!s->key) {
		s->key = strdup(key);
		if (!s->key)
			return -1;
		m->n++;
	}
	s->value = value;
	return 0;
}
