/* session_match.h: the session a person means by a code as typed. */
#ifndef STEMTUI_SESSION_MATCH_H
#define STEMTUI_SESSION_MATCH_H

#include <sqlite3.h>

#include "core/err.h"

/* Finds the session text means: a code ("COP 07"), folded and without
 * spaces, numbers compared as numbers ("cop07", "cop 7"), or a number
 * that is one of the code's numbers ("7", "07" find COP 07, not COP 17).
 * When several sessions match and exactly one has the code as typed
 * (folded, without spaces: "COP 1" beside "COP 01"), that one is the
 * answer.  With programme_id, only that programme is searched.  Without
 * (0): the newest programme first; only when none matches there, every
 * programme.  Returns 1 and sets *id; 3 and sets *id when it is the
 * newest programme's session but the text also names sessions of other
 * programmes (err then says which, for a warning); 0 when none (err says
 * so); 2 when several (err lists up to five as "PROGRAMME CODE"); -1 on
 * error. */
#define SESSION_FOUND_ELSEWHERE_TOO 3
int session_resolve(sqlite3 *db, const char *text, long long programme_id, long long *id,
		    st_err *err);

#endif
