/* note_search.c: see note_search.h.
 *
 * Pure text, no SQLite, so that it can be unit-tested and fuzzed without
 * a database.  Search itself goes through the FTS5 table note_fts
 * (migration 3, read by note_list.c), which folds case and removes
 * diacritics itself; what a person types is turned into quoted FTS5
 * strings first (note_search_query), so no character of it is ever read
 * as query syntax.  note_match_spans finds the same words again in a
 * text, token by token as FTS5's unicode61 tokenizer cuts it, for
 * highlighting. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/note_search.h"
#include "core/text.h"

/* True for a code point that is part of a word as FTS5's unicode61
 * tokenizer sees it (letters, digits, and marks that ride on them),
 * false for white space, punctuation and symbols.  ASCII is exact; beyond
 * it, the blocks of punctuation and symbols are listed, and everything
 * else counts as a letter. */
static bool is_word_cp(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		       (cp >= 'A' && cp <= 'Z');
	if (cp < 0xc0)   /* C1 controls, Latin-1 punctuation and symbols */
		return cp == 0xaa || cp == 0xb2 || cp == 0xb3 || cp == 0xb5 || cp == 0xb9 ||
		       cp == 0xba || (cp >= 0xbc && cp <= 0xbe);
	if (cp == 0xd7 || cp == 0xf7)
		return false;
	if ((cp >= 0x2000 && cp <= 0x206f) ||   /* general punctuation */
	    (cp >= 0x20a0 && cp <= 0x20cf) ||   /* currency */
	    (cp >= 0x2190 && cp <= 0x2bff) ||   /* arrows, maths, shapes, dingbats */
	    (cp >= 0x2e00 && cp <= 0x2e7f) ||   /* supplemental punctuation */
	    (cp >= 0x3000 && cp <= 0x3003) || (cp >= 0x3008 && cp <= 0x3020) ||
	    (cp >= 0xfe10 && cp <= 0xfe1f) || (cp >= 0xfe30 && cp <= 0xfe6f) ||
	    (cp >= 0xff00 && cp <= 0xff0f) || (cp >= 0xff1a && cp <= 0xff20) ||
	    (cp >= 0xff3b && cp <= 0xff40) || (cp >= 0xff5b && cp <= 0xff65) ||
	    (cp >= 0x1f000 && cp <= 0x1faff) ||  /* emoji and other pictographs */
	    cp == 0xfeff || cp == 0xfffd)
		return false;
	return true;
}

static bool is_ascii_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* One thing searched for: a word or a phrase, as bytes of the typed
 * text (without its quotes and stars). */
struct term {
	const char *s;
	size_t len;
	bool prefix;
};

static bool has_word(const char *s, size_t n)
{
	size_t i = 0, used;
	uint32_t cp;

	while ((used = text_decode(s + i, n - i, &cp)) > 0) {
		if (is_word_cp(cp))
			return true;
		i += used;
	}
	return false;
}

/* Splits what a person typed into terms: white space separates words; a
 * double quote at the start of a word opens a phrase, which runs to the
 * next double quote (or the end); one or more * right after a word or a
 * phrase make it a prefix.  A quote inside a word is part of it.  Terms
 * without a letter or digit are dropped (they would match nothing).
 * Returns how many, with *out a new array (NULL for none), or -1. */
static int parse_terms(const char *text, struct term **out)
{
	const char *p = text ? text : "", *start, *end;
	size_t cap = strlen(p) / 2 + 1;
	struct term *t = malloc(cap * sizeof *t);
	int n = 0;
	bool prefix;

	*out = NULL;
	if (!t)
		return -1;
	while (*p) {
		while (is_ascii_space(*p))
			p++;
		if (!*p)
			break;
		if (*p == '"') {
			start = p + 1;
			end = strchr(start, '"');
			if (!end)
				end = start + strlen(start);
			p = *end ? end + 1 : end;
		} else {
			start = p;
			while (*p && !is_ascii_space(*p))
				p++;
			end = p;
			while (end > start && end[-1] == '*')
				end--;
		}
		prefix = false;
		if (end < p && *end == '*')   /* a word's own trailing stars */
			prefix = true;
		while (*p == '*') {           /* stars after a phrase */
			prefix = true;
			p++;
		}
		if (has_word(start, (size_t)(end - start)) && (size_t)n < cap)
			t[n++] = (struct term){ start, (size_t)(end - start), prefix };
	}
	if (n == 0) {
		free(t);
		return 0;
	}
	*out = t;
	return n;
}

char *note_search_query(const char *text)
{
	struct term *t;
	size_t size = 1, len = 0, k;
	char *q;
	int n = parse_terms(text, &t), i;

	if (n <= 0)
		return NULL;
	for (i = 0; i < n; i++)
		size += t[i].len * 2 + 8;   /* quotes doubled, "", *, " AND " */
	q = malloc(size);
	if (!q) {
		free(t);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		if (i > 0) {
			memcpy(q + len, " AND ", 5);
			len += 5;
		}
		q[len++] = '"';
		for (k = 0; k < t[i].len; k++) {
			if (t[i].s[k] == '"')
				q[len++] = '"';
			q[len++] = t[i].s[k];
		}
		q[len++] = '"';
		if (t[i].prefix)
			q[len++] = '*';
	}
	q[len] = '\0';
	free(t);
	return q;
}

/* ---- highlighting ------------------------------------------------------- */

/* A word of a text: its bytes, and its folded form. */
struct token {
	size_t start, end;
	char *folded;
};

static void tokens_free(struct token *t, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(t[i].folded);
	free(t);
}

/* Cuts s[0..n) into words as unicode61 does: runs of word characters.
 * Returns how many, with *out a new array, or -1 when memory runs out. */
static int tokenize(const char *s, size_t n, struct token **out)
{
	size_t i = 0, used, start = 0;
	struct token *t = NULL, *grown;
	int count = 0, cap = 0;
	bool in_word = false, word;
	uint32_t cp;
	char *copy;

	*out = NULL;
	for (;;) {
		used = i < n ? text_decode(s + i, n - i, &cp) : 0;
		word = used > 0 && is_word_cp(cp);
		if (word && !in_word)
			start = i;
		if (!word && in_word) {
			if (count == cap) {
				cap = cap ? cap * 2 : 16;
				grown = realloc(t, (size_t)cap * sizeof *t);
				if (!grown)
					goto nomem;
				t = grown;
			}
			copy = strndup(s + start, i - start);
			t[count].folded = copy ? text_fold(copy) : NULL;
			free(copy);
			if (!t[count].folded)
				goto nomem;
			t[count].start = start;
			t[count].end = i;
			count++;
		}
		in_word = word;
		if (used == 0)
			break;
		i += used;
	}
	*out = t;
	return count;
nomem:
	tokens_free(t, count);
	return -1;
}

static int by_start(const void *a, const void *b)
{
	const note_span *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end > y->end ? -1 : x->end < y->end;
}

/* Adds the places where term occurs among the text's words to *spans. */
static int find_term(const struct token *words, int nwords, const struct term *term,
		     note_span **spans, int *nspans, int *cap)
{
	struct token *want;
	note_span *grown;
	int nwant = tokenize(term->s, term->len, &want), i, k;
	size_t len;
	bool match;

	if (nwant <= 0)
		return nwant;
	for (i = 0; i + nwant <= nwords; i++) {
		match = true;
		for (k = 0; k < nwant && match; k++) {
			if (k == nwant - 1 && term->prefix) {
				len = strlen(want[k].folded);
				match = strncmp(words[i + k].folded, want[k].folded, len) == 0;
			} else {
				match = strcmp(words[i + k].folded, want[k].folded) == 0;
			}
		}
		if (!match)
			continue;
		if (*nspans == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			grown = realloc(*spans, (size_t)*cap * sizeof **spans);
			if (!grown) {
				tokens_free(want, nwant);
				return -1;
			}
			*spans = grown;
		}
		(*spans)[(*nspans)++] = (note_span){ words[i].start, words[i + nwant - 1].end };
	}
	tokens_free(want, nwant);
	return 0;
}

int note_match_spans(const char *text, const char *search, note_span *out, int max)
{
	struct token *words = NULL;
	struct term *terms = NULL;
	note_span *spans = NULL;
	int nwords, nterms, nspans = 0, cap = 0, i, got = 0;

	if (!text || !out || max <= 0)
		return 0;
	nterms = parse_terms(search, &terms);
	if (nterms <= 0)
		return 0;
	nwords = tokenize(text, strlen(text), &words);
	for (i = 0; i < nterms && nwords > 0; i++)
		if (find_term(words, nwords, &terms[i], &spans, &nspans, &cap) != 0)
			break;
	if (nspans > 1)
		qsort(spans, (size_t)nspans, sizeof *spans, by_start);
	/* Overlapping places (one word found by two terms) become one. */
	for (i = 0; i < nspans; i++) {
		if (got > 0 && spans[i].start < out[got - 1].end) {
			if (spans[i].end > out[got - 1].end)
				out[got - 1].end = spans[i].end;
			continue;
		}
		if (got == max)
			break;
		out[got++] = spans[i];
	}
	free(spans);
	free(terms);
	if (nwords > 0)
		tokens_free(words, nwords);
	return got;
}
