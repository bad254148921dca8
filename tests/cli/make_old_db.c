/* make_old_db.c: `make_old_db PATH VERSION NOTES` makes PATH a database
 * as an older stemtui left it (tests/unit/old_database.h), for
 * test_progress.sh. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "../unit/old_database.h"

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: make_old_db PATH VERSION NOTES\n");
		return 2;
	}
	old_database(argv[1], atoi(argv[2]), atoi(argv[3]));
	return 0;
}
