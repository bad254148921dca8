/* guid.c: see guid.h. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uuid/uuid.h>

#include "core/guid.h"
#include "core/i18n.h"

/* Where a factor's code-derived GUID lives (RFC 4122 name-based UUIDs
 * need a namespace): a fixed UUID of stemtui's own, so that the GUID of a
 * code never equals one another program derives from the same text. */
static const char code_namespace[] = "5b0d7f0e-3c2a-4e57-9d55-7374656d7475";

static void guid_unparse(const uuid_t u, char *buf)
{
	uuid_unparse_upper(u, buf);
}

int guid_new(char *buf, st_err *err)
{
	uuid_t u;

	(void)err;      /* libuuid falls back on its own generator: no failure */
	uuid_generate_random(u);
	guid_unparse(u, buf);
	return 0;
}

void guid_of_code(const char *code, char *buf)
{
	uuid_t ns, u;

	uuid_parse(code_namespace, ns);
	uuid_generate_sha1(u, ns, code, strlen(code));
	guid_unparse(u, buf);
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
