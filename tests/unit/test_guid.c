/* test_guid.c: new GUIDs (form, version, variant, no two alike), the
 * check of a GUID's form, and a GUID from a file put in stored form. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/guid.h"
#include "../tap.h"

#define MANY 5000

/* Whether s is 8-4-4-4-12 upper-case hexadecimal digits, version 4, RFC
 * 4122 variant: checked here character by character, not with
 * guid_is_valid, so that a fault in one is not hidden by the other. */
static bool is_new_form(const char *s)
{
	/* H: an upper-case hexadecimal digit; V: the variant's, 8 9 A or B. */
	static const char form[] = "HHHHHHHH-HHHH-4HHH-VHHH-HHHHHHHHHHHH";
	size_t i;
	bool fits;

	if (strlen(s) != sizeof form - 1)
		return false;
	for (i = 0; form[i]; i++) {
		fits = form[i] == 'H'   ? strchr("0123456789ABCDEF", s[i]) != NULL
		       : form[i] == 'V' ? strchr("89AB", s[i]) != NULL
					: s[i] == form[i];
		if (!fits)
			return false;
	}
	return true;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

static void test_new(void)
{
	static char g[MANY][GUID_SIZE];
	int i, bad = 0, failed = 0, same = 0;
	st_err err;

	for (i = 0; i < MANY; i++) {
		memset(g[i], 'x', GUID_SIZE);
		if (guid_new(g[i], &err) != 0)
			failed++;
		else if (!is_new_form(g[i]) || !guid_is_valid(g[i]))
			bad++;
	}
	is_int(failed, 0, "guid_new succeeds every time");
	is_int(bad, 0, "every new GUID is 8-4-4-4-12 upper-case hexadecimal digits, version 4,"
	       " RFC 4122 variant");
	is_int((long long)strlen(g[0]), GUID_SIZE - 1, "a new GUID is terminated after 36 characters");
	qsort(g, MANY, sizeof g[0], cmp_str);
	for (i = 1; i < MANY; i++)
		same += strcmp(g[i - 1], g[i]) == 0;
	is_int(same, 0, "no two of 5000 new GUIDs are alike");
}

static void test_valid(void)
{
	ok(guid_is_valid("D7AA29DA-519B-4946-9B90-253B6DB8FD0A"), "upper case is valid");
	ok(guid_is_valid("d7aa29da-519b-4946-9b90-253b6db8fd0a"), "lower case is valid");
	ok(guid_is_valid("00000000-0000-0000-0000-000000000000"), "any version is valid");
	ok(!guid_is_valid(""), "empty is not");
	ok(!guid_is_valid("{D7AA29DA-519B-4946-9B90-253B6DB8FD0A}"), "braces are not (for the check)");
	ok(!guid_is_valid(" D7AA29DA-519B-4946-9B90-253B6DB8FD0A"), "a space is not");
	ok(!guid_is_valid("D7AA29DA-519B-4946-9B90-253B6DB8FD0"), "35 characters are not");
	ok(!guid_is_valid("D7AA29DA-519B-4946-9B90-253B6DB8FD0AB"), "37 characters are not");
	ok(!guid_is_valid("D7AA29DA0519B-4946-9B90-253B6DB8FD0A"), "a digit for a dash is not");
	ok(!guid_is_valid("D7AA29DA-519B-4946-9B90-253B6DB8FD0G"), "G is no hexadecimal digit");
	ok(!guid_is_valid("D7AA29DA519B-4946-9B90-253B6DB8-FD0A"), "dashes elsewhere are not");
}

static void is_normal(const char *in, const char *want, const char *name)
{
	char *got = guid_normalised(in);

	if (want)
		is_str(got, want, name);
	else
		ok(got == NULL, "%s", name);
	free(got);
}

static void test_normalised(void)
{
	const char *g = "D7AA29DA-519B-4946-9B90-253B6DB8FD0A";

	is_normal("D7AA29DA-519B-4946-9B90-253B6DB8FD0A", g, "a stored GUID stays");
	is_normal("d7aa29da-519b-4946-9b90-253b6db8fd0a", g, "lower case becomes upper case");
	is_normal("{d7aa29da-519b-4946-9b90-253b6db8fd0a}", g, "braces go");
	is_normal("  {D7AA29DA-519B-4946-9B90-253B6DB8FD0A}\n", g, "white space around goes");
	is_normal("{D7AA29DA-519B-4946-9B90-253B6DB8FD0A", NULL, "one brace is no GUID");
	is_normal("(D7AA29DA-519B-4946-9B90-253B6DB8FD0A)", NULL, "brackets are no braces");
	is_normal("D7AA29DA-519B-4946-9B90-253B6DB8FD0", NULL, "too short is no GUID");
	is_normal("D7AA29DA-519B-4946-9B90 253B6DB8FD0A", NULL, "a space inside is no GUID");
	is_normal("D7AA29DA-519B-4946-9B90-253B6DB8FDZA", NULL, "Z is no hexadecimal digit");
	is_normal("", NULL, "empty is no GUID");
}

/* A factor code's GUID is the same wherever it is made (a shipped factor
 * is one row in a network), a version 5 UUID, and another for another code. */
static void test_of_code(void)
{
	char a[GUID_SIZE], b[GUID_SIZE], c[GUID_SIZE], d[GUID_SIZE];

	guid_of_code("VB1", a);
	guid_of_code("VB1", b);
	guid_of_code("VB2", c);
	guid_of_code("Zo\xc3\xab", d);
	is_str(a, b, "a code gives the same GUID every time");
	ok(strcmp(a, c) != 0, "another code gives another GUID");
	ok(guid_is_valid(a) && guid_is_valid(d), "a code's GUID is a GUID");
	ok(a[14] == '5' && strchr("89AB", a[19]) != NULL,
	   "version 5 (name-based, SHA-1), RFC 4122 variant");
	is_str(a, "85DD8524-91F8-5123-9005-E44E1089ECEA", "VB1's GUID is the one every stemtui release gives it");
	ok(strspn(a, "0123456789ABCDEF-") == GUID_SIZE - 1, "upper case, as stemtui writes GUIDs");
}

int main(void)
{
	test_new();
	test_valid();
	test_of_code();
	test_normalised();
	return tap_done();
}
