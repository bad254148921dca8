/* test_text.c: UTF-8 decoding, folding, natural keys, widths and fitting. */
#include "config.h"

#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/shield.h"
#include "core/text.h"
#include "../tap.h"

/* Checks text_fold(in) == want. */
static void is_fold(const char *in, const char *want, const char *name)
{
	char *got = text_fold(in);

	is_str(got, want, name);
	free(got);
}

/* Checks text_fit(in, width, ellipsis) == want, byte for byte, and that it
 * takes exactly width columns. */
static void is_fit(const char *in, int width, bool ellipsis, const char *want,
		   const char *name)
{
	char *got = text_fit(in, width, ellipsis);

	is_str(got, want, name);
	if (got && text_width(got) != width)
		diag("  (got width %d, want %d)", text_width(got), width);
	free(got);
}

static void is_fit_right(const char *in, int width, const char *want, const char *name)
{
	char *got = text_fit_right(in, width);

	is_str(got, want, name);
	free(got);
}

/* Natural keys: a sorts strictly before b. */
static void key_before(const char *a, const char *b, const char *name)
{
	char *ka = text_natural_key(a), *kb = text_natural_key(b);

	if (!ok(ka && kb && strcmp(ka, kb) < 0, "%s", name))
		diag("  keys \"%s\" and \"%s\"", ka ? ka : "(null)", kb ? kb : "(null)");
	free(ka);
	free(kb);
}

static void test_decode_encode(void)
{
	static const struct {
		uint32_t cp;
		size_t len;
	} round[] = {
		{ 0x41, 1 }, { 0x7f, 1 }, { 0x80, 2 }, { 0xe9, 2 }, { 0x7ff, 2 },
		{ 0x800, 3 }, { 0x20ac, 3 }, { 0xd7ff, 3 }, { 0xe000, 3 }, { 0xfffd, 3 },
		{ 0xffff, 3 }, { 0x10000, 4 }, { 0x1f600, 4 }, { 0x10ffff, 4 },
	};
	size_t i, used, len;
	uint32_t cp;
	char buf[8];
	bool all_ok = true;

	for (i = 0; i < sizeof round / sizeof round[0]; i++) {
		memset(buf, 0, sizeof buf);
		len = text_encode(round[i].cp, buf);
		cp = 0;
		used = text_decode(buf, len, &cp);
		if (len != round[i].len || used != len || cp != round[i].cp) {
			all_ok = false;
			diag("U+%04X: encoded in %zu bytes (want %zu), decoded %zu bytes as U+%04X",
			     (unsigned)round[i].cp, len, round[i].len, used, (unsigned)cp);
		}
	}
	ok(all_ok, "encode/decode round trip at every length boundary (1-4 bytes)");

	used = text_encode(0xe9, buf);
	ok(used == 2 && memcmp(buf, "\xc3\xa9", 2) == 0, "U+00E9 encodes as C3 A9");
	used = text_encode(0x1f600, buf);
	ok(used == 4 && memcmp(buf, "\xf0\x9f\x98\x80", 4) == 0, "U+1F600 encodes as F0 9F 98 80");

	cp = 0;
	used = text_decode("\xe2\x82\xac!", 4, &cp);
	ok(used == 3 && cp == 0x20ac, "decode reads one code point, not the byte after it");
	is_int(text_decode("", 1, &cp), 0, "decode returns 0 at the terminating NUL");
	is_int(text_decode("abc", 0, &cp), 0, "decode returns 0 when n is 0");

#define REJECTS(bytes, n, name)                                                   \
	do {                                                                      \
		cp = 0;                                                           \
		used = text_decode(bytes, n, &cp);                                \
		if (!ok(used == 1 && cp == 0xfffd, name))                         \
			diag("  used %zu bytes, cp U+%04X", used, (unsigned)cp); \
	} while (0)
	REJECTS("\xc0\xaf", 2, "overlong 2-byte '/' is one U+FFFD byte");
	REJECTS("\xc1\xbf", 2, "overlong 2-byte U+007F is rejected");
	REJECTS("\xe0\x80\xaf", 3, "overlong 3-byte '/' is rejected");
	REJECTS("\xe0\x9f\xbf", 3, "overlong 3-byte U+07FF is rejected");
	REJECTS("\xf0\x80\x80\xaf", 4, "overlong 4-byte '/' is rejected");
	REJECTS("\xf0\x8f\xbf\xbf", 4, "overlong 4-byte U+FFFF is rejected");
	REJECTS("\xed\xa0\x80", 3, "the surrogate U+D800 is rejected");
	REJECTS("\xed\xbf\xbf", 3, "the surrogate U+DFFF is rejected");
	REJECTS("\xf4\x90\x80\x80", 4, "U+110000, past Unicode, is rejected");
	REJECTS("\x80", 1, "a lone continuation byte is rejected");
	REJECTS("\xff", 1, "byte FF is rejected");
	REJECTS("\xf8\x88\x80\x80\x80", 5, "a 5-byte form is rejected");
	REJECTS("\xc3(", 2, "a lead byte followed by a non-continuation is rejected");
	REJECTS("\xe2\x82\xac", 2, "a sequence cut short by n is rejected");
#undef REJECTS
}

static void test_fold(void)
{
	char *s;

	is_fold("Françoise", "francoise", "fold: Françoise -> francoise (cedilla)");
	is_fold("Zoë", "zoe", "fold: Zoë -> zoe (diaeresis)");
	is_fold("ÉCOLE", "ecole", "fold: ÉCOLE -> ecole (capital with accent)");
	is_fold("\xc4\xb2zer", "ijzer", "fold: Ĳzer -> ijzer (the IJ ligature)");
	is_fold("Straße", "strasse", "fold: Straße -> strasse");
	is_fold("e\xcc\x81t\xcc\x81", "et", "fold: combining acute accents are dropped");
	is_fold("Œuvre", "oeuvre", "fold: Œ -> oe");
	is_fold("ΣΩ", "σω", "fold: Greek capitals are lower-cased");
	is_fold("COP 07 – Gent", "cop 07 - gent", "fold: an en dash folds to '-'");
	is_fold("D'Hondt", "dhondt", "fold: the apostrophe is dropped (D'Hondt -> dhondt)");
	is_fold("D\xe2\x80\x99Hondt", "dhondt", "fold: so is the typographic one (D’Hondt)");
	is_fold("", "", "fold: the empty string stays empty");
	is_fold("a\xff" "b", "a\xef\xbf\xbd" "b",
		"fold: an invalid byte becomes U+FFFD, the bytes around it stay");
	is_fold("\xc3", "\xef\xbf\xbd", "fold: a truncated sequence at the end becomes U+FFFD");
	s = text_fold("\xed\xa0\x80\xc0\xaf\xf5");
	ok(s != NULL && strcmp(s, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
				  "\xef\xbf\xbd\xef\xbf\xbd") == 0,
	   "fold: every byte of a surrogate and an overlong is its own U+FFFD");
	free(s);

	ok(text_contains_folded("Françoise Peeters", "FRANCOISE"),
	   "contains_folded ignores case and accents");
	ok(text_contains_folded("VBS De Vliegenier", "vliegenier"),
	   "contains_folded finds a word inside");
	ok(!text_contains_folded("VBS De Vliegenier", "luchtballon"),
	   "contains_folded says no when the text is not there");
	ok(text_starts_with_folded("Évaluation", "eva"),
	   "starts_with_folded ignores case and accents");
	ok(!text_starts_with_folded("De Vliegenier", "vlieg"),
	   "starts_with_folded only matches at the start");
	ok(text_starts_with_folded("Zoë", ""), "starts_with_folded: every string starts with \"\"");
	ok(!text_starts_with_folded("Zo", "Zoë"), "starts_with_folded: a longer prefix does not match");
}

static void is_fold_name(const char *in, const char *want, const char *name)
{
	char *got = text_fold_name(in);

	is_str(got, want, name);
	free(got);
}

static void test_fold_name(void)
{
	is_fold_name("Van den Broeck", "vandenbroeck", "fold_name: spaces go (Van den Broeck)");
	is_fold_name("Pieter-Jan", "pieterjan", "fold_name: hyphens go (Pieter-Jan)");
	is_fold_name("D'Hondt", "dhondt", "fold_name: apostrophes go (D'Hondt)");
	is_fold_name("D\xe2\x80\x99Hondt", "dhondt", "fold_name: so do typographic ones");
	is_fold_name("Zoë  Van\tden\xc2\xa0" "Broeck", "zoevandenbroeck",
		     "fold_name: tabs, runs and no-break spaces go too, accents fold");
	is_fold_name("Anne\xe2\x80\x90Marie", "annemarie", "fold_name: a Unicode hyphen goes");
	is_fold_name(" - ", "", "fold_name: only gaps: empty");
}

static void test_natural_key(void)
{
	char *a, *b;

	key_before("COP 9", "COP 10", "natural key: COP 9 before COP 10");
	key_before("COP 09", "COP 10", "natural key: COP 09 before COP 10");
	key_before("a2b", "a10b", "natural key: digit runs inside a word compare by value");
	key_before("COP 10", "COP 11", "natural key: COP 10 before COP 11");
	key_before("Zoë 2", "zoe 10", "natural key: folded, then by number");
	a = text_natural_key("COP 9");
	b = text_natural_key("cop 9");
	ok(a && b && strcmp(a, b) == 0, "natural key: case does not matter");
	ok(a && strcmp(a, "cop 0000000009") == 0, "natural key: digits padded to 10 places");
	free(a);
	free(b);
}

static void test_width(void)
{
	is_int(text_width("hello"), 5, "width: ASCII is one column a byte");
	is_int(text_width(""), 0, "width: the empty string is 0");
	is_int(text_width("Zoë"), 3, "width: Zoë is 3 columns (4 bytes)");
	is_int(text_width("e\xcc\x81"), 1, "width: e + combining acute is 1 column");
	is_int(text_width("世界"), 4, "width: 世界 is 4 columns");
	is_int(text_width("a\xff" "b"), 3, "width: an invalid byte counts as one U+FFFD");
	is_int(text_cp_width(0x301), 0, "cp_width: a combining mark is 0");
	is_int(text_cp_width(0x4e16), 2, "cp_width: a CJK character is 2");
	is_int(text_cp_width('\t'), 0, "cp_width: a control character is 0");
}

static void test_fit(void)
{
	static const char mixed[] = "Zoë 世界 e\xcc\x81t\tx COP 07";
	bool exact = true;
	char *s;
	int w, e;

	is_fit("ab", 5, true, "ab   ", "fit: pads with spaces to the width");
	is_fit("Zoë", 5, false, "Zoë  ", "fit: pads by columns, not bytes");
	is_fit("abcde", 5, true, "abcde", "fit: a string of exactly the width is not cut");
	is_fit("abcdefgh", 5, true, "abcd…", "fit: a cut string ends in …");
	is_fit("abcdefgh", 5, false, "abcde", "fit: without ellipsis it is just cut");
	s = text_fit("Françoise Peeters", 8, true);
	is_int(s ? text_width(s) : -1, 8, "fit: the cut result with … is exactly the width");
	has_str(s, "…", "fit: and holds the …");
	free(s);
	is_fit("abcdef", 1, true, "…", "fit: width 1 of a long string is just …");
	is_fit("世界世界", 5, true, "世界…", "fit: wide characters then … make the width");
	is_fit("世界", 3, false, "世 ", "fit: a wide char straddling the edge becomes a space");
	is_fit("a世b", 2, false, "a ", "fit: a wide char at the edge is padded, not split");
	is_fit("世界世界", 4, true, "世… ",
	       "fit: with …, a wide char that no longer fits is padded");
	is_fit("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 2, false, "e\xcc\x81" "e\xcc\x81",
	       "fit: combining marks stay with their base");
	is_fit("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 2, true, "e\xcc\x81…",
	       "fit: a cut keeps the mark of the last base before …");
	s = text_fit("abe\xcc\x81", 2, false);
	ok(s && !strstr(s, "\xcc\x81"), "fit: a mark whose base was cut off is not kept alone");
	free(s);
	is_fit("a\tb\nc", 5, false, "a b c", "fit: tab and newline become spaces");
	is_fit("a\x1b[2Jb", 6, false, "a [2Jb", "fit: ESC becomes a space (no escape reaches the terminal)");
	is_fit("a\x7f" "b", 3, false, "a b", "fit: DEL becomes a space");
	is_fit("a\xc2\x9b" "b", 3, false, "a b", "fit: a C1 control (U+009B CSI) becomes a space");
	is_fit("a\xff" "b", 3, false, "a\xef\xbf\xbd" "b", "fit: an invalid byte shows as U+FFFD");
	is_fit("abc", 0, true, "", "fit: width 0 gives the empty string");
	is_fit("", 0, false, "", "fit: the empty string at width 0 is empty");
	is_fit("", 3, true, "   ", "fit: the empty string is all padding");
	is_fit("abc", -4, true, "", "fit: a negative width is treated as 0");

	for (w = 0; w <= 24; w++) {
		for (e = 0; e <= 1; e++) {
			s = text_fit(mixed, w, e);
			if (!s || text_width(s) != w) {
				exact = false;
				diag("width %d ellipsis %d: \"%s\" is %d columns", w, e,
				     s ? s : "(null)", s ? text_width(s) : -1);
			}
			free(s);
		}
	}
	ok(exact, "fit: every width 0..24 of a mixed string is met exactly");
}

static void test_fit_right(void)
{
	is_fit_right("ab", 4, "  ab", "fit_right: pads on the left");
	is_fit_right("Zoë", 5, "  Zoë", "fit_right: pads by columns");
	is_fit_right("世", 3, " 世", "fit_right: a wide char counts 2");
	is_fit_right("abcd", 4, "abcd", "fit_right: exact width is unchanged");
	is_fit_right("abcdef", 4, "abc…", "fit_right: too long is cut with …");
	is_fit_right("a\tb", 4, " a b", "fit_right: control characters become spaces");
	is_fit_right("abc", 0, "", "fit_right: width 0 is empty");
}

static void test_trim(void)
{
	char a[] = "  \t hello world \r\n", b[] = "   ", c[] = "", d[] = "x";
	char *r;

	r = text_trim(a);
	is_str(a, "hello world", "trim: white space at both ends goes, inner space stays");
	ok(r == a, "trim: returns its argument (in place)");
	is_str(text_trim(b), "", "trim: all blanks becomes empty");
	is_str(text_trim(c), "", "trim: empty stays empty");
	is_str(text_trim(d), "x", "trim: nothing to trim leaves the string");
}

/* Text from the database is drawn neutralised: controls as spaces, bidi
 * controls not at all, so an override cannot reorder a row. */
static void test_shown(void)
{
	static const uint32_t bidi[] = {
		0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
		0x200e, 0x200f, 0x061c,
	};
	bool all = true;
	size_t i;

	for (i = 0; i < sizeof bidi / sizeof bidi[0]; i++) {
		if (text_cp_shown(bidi[i]) != 0 || text_cp_width(bidi[i]) != 0) {
			all = false;
			diag("U+%04X is shown as U+%04X, %d columns", (unsigned)bidi[i],
			     (unsigned)text_cp_shown(bidi[i]), text_cp_width(bidi[i]));
		}
	}
	ok(all, "shown: every bidi control is left out, 0 columns");
	is_int((int)text_cp_shown('\t'), ' ', "shown: a tab is a space");
	is_int((int)text_cp_shown(0x1b), ' ', "shown: ESC is a space");
	is_int((int)text_cp_shown(0x9b), ' ', "shown: a C1 control is a space");
	is_int((int)text_cp_shown(0xe9), 0xe9, "shown: a letter is itself");
	is_int((int)text_cp_shown(0x5d0), 0x5d0, "shown: a Hebrew letter is itself");
	is_int((int)text_cp_shown(0x2010), 0x2010, "shown: the hyphen next to the bidi range is itself");
	is_int((int)text_cp_shown(0x2065), 0x2065, "shown: so is U+2065, before the isolates");
	is_fit("Jan \xe2\x80\xae" "sneeP", 10, false, "Jan sneeP ",
	       "fit: a right-to-left override (U+202E) is left out, the rest in logical order");
	is_fit("\xe2\x81\xa7" "abc\xe2\x81\xa9" "d\xe2\x80\x8f", 4, false, "abcd",
	       "fit: isolates and marks are left out and take no column");
	is_int(text_width("ab\xe2\x80\xae" "cd"), 4, "width: a bidi control takes no column");
	is_fit_right("a\xe2\x80\xae" "b", 3, " ab", "fit_right: counts the override as nothing");
}

/* text_shown: a whole string as text_cp_shown shows it. */
static void test_shown_string(void)
{
	char *s = text_shown("a\x1b]0;t\x07" "b\nc\xe2\x80\xae" "d\xc2\x9b" "e");

	is_str(s, "a ]0;t b cd e", "shown string: controls and line breaks as spaces, bidi out");
	free(s);
	s = text_shown("Zo\xeb");
	is_str(s, "Zo\xef\xbf\xbd", "shown string: an invalid byte as U+FFFD");
	free(s);
}

static void is_control_at(const char *s, size_t n, bool breaks, size_t want, const char *name)
{
	is_int((int)text_control_at(s, n, breaks), (int)want, name);
}

/* text_control_at and text_refuse_controls: what files may not hold. */
static void test_controls(void)
{
	st_err err = { "" };

	is_control_at("Zo\xc3\xab", 4, false, 4, "controls: none in text");
	is_control_at("a\tb", 3, false, 3, "controls: a tab is allowed");
	is_control_at("a\nb", 3, false, 1, "controls: a line break is one where none is allowed");
	is_control_at("a\nb", 3, true, 3, "controls: and allowed where breaks are");
	is_control_at("a\r\nb", 4, true, 1, "controls: a CR is one even so");
	is_control_at("ab\x1b]0;x\x07", 8, true, 2, "controls: ESC");
	is_control_at("a\x7f", 2, false, 1, "controls: DEL");
	is_control_at("a\xc2\x9b" "31m", 6, false, 1, "controls: a C1 control (U+009B)");
	is_control_at("ab\xe2\x80\xae", 5, false, 2, "controls: a bidi override (U+202E)");
	is_control_at("\xe2\x81\xa6" "a", 4, false, 0, "controls: a bidi isolate (U+2066)");
	is_control_at("a\0b", 3, false, 1, "controls: a NUL");
	is_control_at("a\xff", 2, false, 2, "controls: an invalid byte is not (UTF-8 is checked apart)");
	is_int(text_refuse_controls("Ann", 3, false, "f.csv", 4, &err), 0,
	       "refuse: text without controls passes");
	is_int(text_refuse_controls("a\nb\nc\xe2\x80\xae", 8, true, "f.csv", 4, &err), -1,
	       "refuse: a bidi override on the 3rd line of a field");
	is_str(err.msg, "f.csv:6: the text holds a control character (U+202E): remove it",
	       "  FILE:LINE, the line counted on, and the character named");
}

/* What a shield over a memory stream makes of the writes of `write`,
 * on a stream buffered as mode says. */
static char *through_shield(int mode, void (*write)(FILE *f))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *to = open_memstream(&buf, &len), *f = to ? shield_open(to) : NULL;

	if (!f) {
		printf("Bail out! cannot open a shield\n");
		exit(99);
	}
	setvbuf(f, NULL, mode, BUFSIZ);
	write(f);
	fclose(f);
	fclose(to);
	return buf;
}

static void write_hostile(FILE *f)
{
	fputs("Eve\x1b]0;pwned\x07|\x1b]52;c;ZWNo\x07|\xc2\x9b" "31m|\xe2\x80\xae" "Zo\xc3\xab|\xff\n", f);
}

/* Zoë, a byte at a time: every write cuts the ë. */
static void write_bytewise(FILE *f)
{
	const char *s = "Zo\xc3\xab \xe4\xb8\x96 \xf0\x9f\x98\x80\n";

	for (; *s; s++)
		fputc(*s, f);
}

static void write_line_ends(FILE *f)
{
	fputs("a,b\r", f);
	fputs("\nover\rwrite\r\n\tx\r", f);
}

static void write_cut_at_end(FILE *f)
{
	fputs("a\xc3", f);
}

static void test_shield(void)
{
	char *s;
	FILE *full, *f;

	s = through_shield(_IOFBF, write_hostile);
	is_str(s, "Eve ]0;pwned | ]52;c;ZWNo | 31m|Zo\xc3\xab|\xef\xbf\xbd\n",
	       "shield: ESC, BEL, C1 as spaces, bidi out, an invalid byte as U+FFFD, line break kept");
	free(s);
	s = through_shield(_IONBF, write_bytewise);
	is_str(s, "Zo\xc3\xab \xe4\xb8\x96 \xf0\x9f\x98\x80\n",
	       "shield: characters cut between writes are put together");
	free(s);
	s = through_shield(_IONBF, write_line_ends);
	is_str(s, "a,b\r\nover write\r\n x ", "shield: CR LF kept (also cut between writes), a lone CR a space");
	free(s);
	s = through_shield(_IONBF, write_cut_at_end);
	is_str(s, "a\xef\xbf\xbd", "shield: a character cut by the end shows as U+FFFD");
	free(s);
	full = fopen("/dev/full", "w");
	if (!full) {
		ok(1, "shield: a failed write fails # SKIP no /dev/full");
		return;
	}
	f = shield_open(full);
	fputs("x\n", f);
	ok(fflush(f) != 0 && ferror(f), "shield: a write that fails underneath fails");
	fclose(f);
	fclose(full);
}

/* Moving by character in a wide buffer steps over combining marks. */
static void test_wide_steps(void)
{
	/* "e" + combining acute, "世", "a" */
	static const wchar_t s[] = { L'e', 0x301, 0x4e16, L'a', 0 };

	ok(text_is_mark(0x301), "U+0301 is a combining mark");
	ok(!text_is_mark('e') && !text_is_mark(0x4e16), "letters and CJK are not marks");
	is_int(wtext_next_char(s, 4, 0), 2, "next from e skips its accent");
	is_int(wtext_next_char(s, 4, 2), 3, "next from 世 is a");
	is_int(wtext_next_char(s, 4, 4), 4, "next at the end stays");
	is_int(wtext_prev_char(s, 2), 0, "previous from 世 lands on e, not its accent");
	is_int(wtext_prev_char(s, 3), 2, "previous from a is 世");
	is_int(wtext_prev_char(s, 0), 0, "previous at the start stays");
}

/* Text as a note stores it, white space as a person sees it, and ids
 * typed where a name may be. */
static void test_clean_blank_digits(void)
{
	char *c;

	c = text_clean(" \tline one\r\nline\ttwo\rthree\x01\x7f \n", false);
	is_str(c, "line one\nline\ttwo\nthree", "clean: CR LF and CR become LF, controls go, ends trimmed");
	free(c);
	c = text_clean("tafel\n3\t(b)", true);
	is_str(c, "tafel 3 (b)", "clean: on one line, a break and a tab become spaces");
	free(c);
	c = text_clean("caf\xe9 \xc2\x85x", false);
	is_str(c, "caf\xef\xbf\xbd x", "clean: a bad byte becomes U+FFFD, a C1 control goes");
	free(c);
	ok(text_is_blank(""), "blank: empty");
	ok(text_is_blank(" \t\n\xc2\xa0\xe2\x80\x8b\xe3\x80\x80"),
	   "blank: ASCII, no-break, zero-width and ideographic spaces");
	ok(!text_is_blank(" \xc2\xa0x "), "blank: one letter is not blank");
	ok(text_is_digits("17") && text_is_digits("0"), "digits: an id");
	ok(!text_is_digits("") && !text_is_digits("17a") && !text_is_digits(" 17") &&
	   !text_is_digits("-1"), "digits: empty, a letter, a space or a sign is not an id");
}

int main(void)
{
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		diag("no C.UTF-8 locale: widths may fall back");
	test_decode_encode();
	test_fold();
	test_fold_name();
	test_natural_key();
	test_width();
	test_fit();
	test_fit_right();
	test_trim();
	test_shown();
	test_shown_string();
	test_controls();
	test_shield();
	test_wide_steps();
	test_clean_blank_digits();
	return tap_done();
}
