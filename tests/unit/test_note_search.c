/* test_note_search.c: a note search as a person types it, without a
 * database: the FTS5 query it becomes (words, prefixes, phrases, every
 * other character taken literally) and where its words occur in a text,
 * for highlighting.  Linked without SQLite (Makefile.am), so that the
 * search's text handling stays free of it, as the fuzzer of searches
 * wants. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/note_search.h"
#include "../tap.h"

static void test_search_query(void)
{
	static const struct { const char *typed, *want; } cases[] = {
		{ "creativiteit", "\"creativiteit\"" },
		{ "creat*", "\"creat\"*" },
		{ "créa**", "\"créa\"*" },
		{ "\"tijd in het lesrooster\"", "\"tijd in het lesrooster\"" },
		{ "  visie \t draagvlak\n", "\"visie\" AND \"draagvlak\"" },
		{ "zo\"n", "\"zo\"\"n\"" },
		{ "AND OR NOT", "\"AND\" AND \"OR\" AND \"NOT\"" },
		{ "\"open phrase", "\"open phrase\"" },
		{ "\"co-creat\"*", "\"co-creat\"*" },
		{ "body:tijd", "\"body:tijd\"" },
		{ "tijd \"in het\" lesrooster*", "\"tijd\" AND \"in het\" AND \"lesrooster\"*" },
		{ "-tijd ^les", "\"-tijd\" AND \"^les\"" },
		{ "NEAR(a b)", "\"NEAR(a\" AND \"b)\"" },
		{ "Zoë", "\"Zoë\"" },
	};
	static const char *const empty[] = { "", "   ", "( ) : ^ - *", "\"\"", "\" \"*", "***" };
	size_t i;
	char *q;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		q = note_search_query(cases[i].typed);
		is_str(q, cases[i].want, cases[i].typed);
		free(q);
	}
	for (i = 0; i < sizeof empty / sizeof empty[0]; i++) {
		q = note_search_query(empty[i]);
		ok(q == NULL, "no word in [%s]: NULL", empty[i]);
		free(q);
	}
	ok(note_search_query(NULL) == NULL, "NULL: NULL");
}

/* The spans of search in text as "start-end,..." (bytes). */
static const char *spans(const char *text, const char *search, int max)
{
	static char buf[1024];
	note_span s[32];
	int n = note_match_spans(text, search, s, max), i;
	size_t len;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		len = strlen(buf);
		snprintf(buf + len, sizeof buf - len, "%s%zu-%zu", i ? "," : "", s[i].start, s[i].end);
	}
	return buf;
}

/* "start-end" of the bytes of word in text (its first occurrence). */
static const char *where(const char *text, const char *word)
{
	static char buf[4][64];
	static int k;
	const char *p = strstr(text, word);

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%zu-%zu", (size_t)(p - text),
		 (size_t)(p - text) + strlen(word));
	return buf[k];
}

static void test_match_spans(void)
{
	const char *t = "Zoë: \"De kinderen tonen zoveel créativiteit.\" CRÉATIVITEIT!";
	const char *r = "Hoe vinden we tijd in het lesrooster? Tijd, tijden.";
	char want[128];
	note_span one[1];

	is_str(spans(t, "zoe", 8), "0-4", "\"zoe\" is the 4 bytes of \"Zoë\"");
	snprintf(want, sizeof want, "%s,%s", where(t, "créativiteit"), where(t, "CRÉATIVITEIT"));
	is_str(spans(t, "creativiteit", 8), want, "\"creativiteit\": both, as bytes of the text");
	is_str(spans(t, "creat*", 8), want, "a prefix finds the same");
	is_str(spans(t, "creat", 8), "", "without *, a word is whole (as FTS5)");
	is_str(spans(t, "creat* créativiteit", 8), want, "two terms on one word: one span");
	snprintf(want, sizeof want, "0-4,%s", where(t, "kinderen"));
	is_str(spans(t, "kinderen zoe", 8), want, "several words: in the order of the text");
	is_str(spans(t, "kinderen zoe", 1), "0-4", "  up to max");
	snprintf(want, sizeof want, "%zu-%zu", (size_t)(strstr(r, "tijd") - r),
		 (size_t)(strstr(r, "lesrooster") - r) + strlen("lesrooster"));
	is_str(spans(r, "\"tijd in het lesrooster\"", 8), want,
	       "a phrase: one span from its first word to its last");
	is_str(spans(r, "\"tijd het\"", 8), "", "  its words must follow each other");
	snprintf(want, sizeof want, "%s,%s", where(r, "tijd"), where(r, "Tijd"));
	is_str(spans(r, "tijd", 8), want, "a word: whole words only, not \"tijden\"");
	snprintf(want, sizeof want, "%s,%s,%s", where(r, "tijd"), where(r, "Tijd"), where(r, "tijden"));
	is_str(spans(r, "tijd*", 8), want, "a prefix: \"tijden\" too");
	is_str(spans("Eerste lijn\ntijd", "tijd", 8), "12-16", "after a line break");
	is_str(spans("collega's", "collega", 8), "0-7", "an apostrophe ends a word (as FTS5)");
	is_str(spans(t, "", 8), "", "an empty search: nothing");
	is_str(spans(t, "( ) *", 8), "", "a search without words: nothing");
	is_str(spans("", "tijd", 8), "", "an empty text: nothing");
	is_int(note_match_spans(NULL, "tijd", one, 1), 0, "a NULL text: 0");
	is_int(note_match_spans(r, "tijd", one, 0), 0, "max 0: 0");
	is_str(spans("Ĳzer en ijzer", "ijzer", 8), "0-5,9-14", "a ligature folds as text_fold does");
}

/* Text that is not valid UTF-8, and words in other scripts, are cut and
 * matched as FTS5's unicode61 would: a bad byte is no letter. */
static void test_odd_text(void)
{
	char *q;

	is_str(spans("tijd\xfftijd", "tijd", 8), "0-4,5-9", "a bad byte ends a word");
	is_str(spans("время и место", "место", 8), "14-24", "Cyrillic words match");
	is_str(spans("tijd—ruimte", "ruimte", 8), "7-13", "an em dash ends a word");
	is_str(spans("co-creatie", "\"co creatie\"", 8), "0-10",
	       "a phrase matches across punctuation between its words");
	q = note_search_query("tijd\xff");
	is_str(q, "\"tijd\xff\"", "a bad byte is kept as typed (FTS5 reads it)");
	free(q);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_search_query();
	test_match_spans();
	test_odd_text();
	return tap_done();
}
