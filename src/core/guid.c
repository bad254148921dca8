/* guid.c: see guid.h. */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/guid.h"
#include "core/i18n.h"

/* The 16 bytes b as a GUID of version version, upper case, into buf. */
static void guid_format(unsigned char b[16], int version, char *buf)
{
	b[6] = (unsigned char)((b[6] & 0x0f) | (version << 4));
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);   /* RFC 4122 variant */
	snprintf(buf, GUID_SIZE, "%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-"
		 "%02X%02X%02X%02X%02X%02X", b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
		 b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

int guid_new(char *buf, st_err *err)
{
	unsigned char b[16];
	FILE *f = fopen("/dev/urandom", "rb");
	size_t got = f ? fread(b, 1, sizeof b, f) : 0;

	if (f)
		fclose(f);
	if (got != sizeof b)
		return st_err_set(err, "%s", _("cannot read random bytes for a new GUID"));
	guid_format(b, 4, buf);
	return 0;
}

void guid_of_code(const char *code, char *buf)
{
	unsigned char b[16];
	int half, i;

	for (half = 0; half < 2; half++) {
		uint64_t h = 14695981039346656037ULL;
		const char *p;

		h = (h ^ (unsigned char)('1' + half)) * 1099511628211ULL;
		for (p = code; *p; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211ULL;
		for (i = 0; i < 8; i++)
			b[half * 8 + i] = (unsigned char)(h >> (56 - 8 * i));
	}
	guid_format(b, 8, buf);
}

bool guid_is_valid(const char *s)
{
	int i;

	if (strlen(s) != GUID_SIZE - 1)
		return false;
	for (i = 0; i < GUID_SIZE - 1; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
		} else if (!isxdigit((unsigned char)s[i])) {
			return false;
		}
	}
	return true;
}

char *guid_normalised(const char *s)
{
	char buf[GUID_SIZE];
	size_t n = strlen(s), i;

	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (n == GUID_SIZE + 1 && s[0] == '{' && s[GUID_SIZE] == '}')
		s++, n -= 2;
	if (n != GUID_SIZE - 1)
		return NULL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!guid_is_valid(buf))
		return NULL;
	for (i = 0; i < n; i++)
		buf[i] = (char)toupper((unsigned char)buf[i]);
	return strdup(buf);
}
