/* actions_table.h: every action of the interface, one row each, in help
 * order.  Included twice by actions.h/actions.c (no include guard): once
 * to make `enum action`, once to make the table that key lookup, the help
 * screen and the status line read.  So a key, its help line and its hint
 * cannot drift apart.
 *
 *   ACTION(NAME, where, keys, label, help)  the first row of ACT_NAME
 *   ALSO(NAME, where, keys, label, help)    ACT_NAME with other keys or
 *                                           another text somewhere else
 *
 * `where` is a set of screens (VIEW_*) and text fields (FIELD_*); `keys`
 * up to four keys as K(...); `label` the status-line hint or NULL; `help`
 * the help screen's line.  The order is each screen's order of
 * importance: the status line shows the first hints that fit.
 *
 * Rows for a field (FIELD_*) are the keys that field takes while it has
 * the focus; on a screen with a field, printable keys are text, so a
 * letter bound to the screen is left out of its help and hints there. */

/* Moving in a list or a page (listview.c lv_move does it for every list). */
ACTION(UP,          NAV, K(KC(KEY_UP), 'k'),                 NULL, N_("move up"))
ACTION(DOWN,        NAV, K(KC(KEY_DOWN), 'j'),               NULL, N_("move down"))
ACTION(PAGE_UP,     NAV, K(KC(KEY_PPAGE), CTRL('b')),        NULL, N_("page up"))
ACTION(PAGE_DOWN,   NAV, K(KC(KEY_NPAGE), CTRL('f'), ' '),   NULL, N_("page down"))
ACTION(FIRST,       NAV, K(KC(KEY_HOME), 'g'),               NULL, N_("go to the first line"))
ACTION(LAST,        NAV, K(KC(KEY_END), 'G'),                NULL, N_("go to the last line"))
ACTION(OPEN,        OPENS, K('\r', '\n', KC(KEY_ENTER)),     N_("open"), N_("open the selected row"))

/* The programme browser. */
ACTION(ATTENDANCE,  VIEW_SESSIONS | VIEW_DETAIL, K('a'), N_("attendance"), N_("check people in at the selected session"))
ACTION(NOTES,       VIEW_SESSIONS | VIEW_DETAIL, K('c'), N_("notes"), N_("take co-creation notes at the selected session"))
ACTION(PROGRAMME,   VIEW_SESSIONS, K('p'),                   N_("programme"), N_("switch to another programme"))
ACTION(FILTER_KIND, VIEW_SESSIONS, K('f'),                   N_("filter"), N_("show only one kind of session"))
ACTION(SORT,        VIEW_SESSIONS, K('s'),                   N_("sort"), N_("sort by code or by date"))
ACTION(SEARCH,      VIEW_SESSIONS, K('/'),                   N_("find"), N_("find a session as you type; digits jump to a code"))

/* Checking in at the door. */
ACTION(PRESENT,     VIEW_ATTENDANCE, K('\r', '\n', KC(KEY_ENTER)), N_("present"), N_("mark the selected person present (with the time)"))
ACTION(ABSENT,      VIEW_ATTENDANCE, K(CTRL('a'), KC(KEY_F(5))), N_("absent"), N_("mark the selected person absent"))
ACTION(UNDO,        VIEW_ATTENDANCE, K(KC(KEY_F(8))),        N_("undo"), N_("undo the last change to this attendance (again for the one before)"))
ACTION(REDO,        VIEW_ATTENDANCE, K(KC(KEY_F(20))),       N_("redo"), N_("redo what the last undo undid"))
ACTION(EXCUSED,     VIEW_ATTENDANCE, K(CTRL('e'), KC(KEY_F(6))), N_("excused"), N_("mark the selected person excused"))
ACTION(NEW,         VIEW_ATTENDANCE | VIEW_PEOPLE | VIEW_ORGS, K(CTRL('n'), KC(KEY_F(7))), N_("new"), N_("add a new one (in attendance: a newcomer, checked in)"))
ACTION(PERSON,      VIEW_ATTENDANCE, K(CTRL('o')),           NULL, N_("open the selected person"))

/* Taking notes: typing, and the list of the session's notes. */
ACTION(SAVE_NOTE,   VIEW_NOTES, K('\r', KC(KEY_ENTER)),      N_("save"), N_("save the note"))
ACTION(NOTE_KIND,   VIEW_NOTES, K(KC(KEY_F(2)), CTRL('t')),  N_("kind"), N_("the kind of note: observation, quote, idea, question, action"))
ACTION(NOTE_GROUP,  VIEW_NOTES, K(KC(KEY_F(3)), CTRL('g')),  N_("group"), N_("the group or table the note comes from"))
ACTION(NOTE_ABOUT,  VIEW_NOTES, K(KC(KEY_F(4)), CTRL('o')),  N_("about"), N_("the person or school the note is about"))
ACTION(EXTERNAL,    VIEW_NOTES, K(KC(KEY_F(5)), CTRL('x')),  N_("editor"), N_("write the note in $VISUAL or $EDITOR"))
ACTION(FOCUS,       VIEW_NOTES, K('\t'),                     N_("list"), N_("go to the list of this session's notes"))
ALSO(FOCUS,         VIEW_NOTES_LIST, K('\t'),                N_("type"), N_("go back to typing the note"))
ACTION(TAG,         VIEW_NOTES | VIEW_NOTES_LIST | VIEW_NOTE | VIEW_REVIEW | VIEW_QUEUE, K(KC(KEY_F(6)), '#'), N_("tag"), N_("tag the note with factors (while typing: the note saved last; in a list: the selected one)"))
ACTION(TAG_DIGIT,   VIEW_NOTES | VIEW_NOTES_LIST | VIEW_QUEUE, K(KEY_DIGITS), NULL, N_("tag with the factor on that digit; again: enabler +, again: barrier -, again: off (taking notes: while the row above the editor says \"Tag note\")"))
ACTION(DIGIT_MODE,  VIEW_NOTES, K(KC(KEY_F(7)), CTRL('n')),  N_("digits"), N_("switch 1-9 between tagging the note saved last and typing (after a note is saved they tag, until Enter or a key that types)"))
ACTION(PIN_DIGIT,   VIEW_NOTES | VIEW_NOTES_LIST | VIEW_QUEUE, K('p', CTRL('p')), N_("pin"), N_("pin a factor to a digit until you quit ([digits] in config.ini pins it for good)"))
ACTION(NEXT,        VIEW_QUEUE, K('\r', KC(KEY_ENTER), 'n', ' '), N_("next"), N_("the next untagged note"))
ACTION(QUEUE,       VIEW_SESSIONS | VIEW_DETAIL | VIEW_REVIEW, K('u'), N_("untagged"), N_("walk the untagged notes one by one (digits 1-9 tag)"))

/* The factor picker (F6): tagging the note. */
ACTION(TAG_TOGGLE,  VIEW_TAGGER, K('\r', '\n', KC(KEY_ENTER)), N_("tag/untag"), N_("tag the note with the selected factor, or untag it"))
ACTION(POLARITY_UP, VIEW_TAGGER, K(KC(KEY_RIGHT)),           N_("enabler +"), N_("towards enabler: a barrier becomes neutral, neutral becomes an enabler (+)"))
ACTION(POLARITY_DOWN, VIEW_TAGGER, K(KC(KEY_LEFT)),          N_("barrier -"), N_("towards barrier: an enabler becomes neutral, neutral becomes a barrier (-)"))

/* A form (a person, an export, a filter) and a prompt in the status line. */
ACTION(FORM_SAVE,   VIEW_FORM, K(CTRL('s')),                  N_("save"), N_("save the form (or run it: the export, the filter)"))
ACTION(FORM_NEXT,   VIEW_FORM, K('\r', '\n', KC(KEY_ENTER), KC(KEY_DOWN)), N_("next"), N_("the next field; Enter on the last one saves (in a prompt: Enter takes the answer)"))
ALSO(FORM_NEXT,     FIELD_CHOICES, K('\t'),                    NULL, N_("the next field"))
ACTION(FORM_PREV,   VIEW_FORM, K(KC(KEY_BTAB), KC(KEY_UP)),   NULL, N_("the field before"))
ACTION(CHOICE_NEXT, FIELD_CHOICES, K(KC(KEY_RIGHT), ' '),      NULL, N_("the next choice (typing a choice's first letters picks it)"))
ACTION(CHOICE_PREV, FIELD_CHOICES, K(KC(KEY_LEFT)),            NULL, N_("the choice before"))
ALSO(BACK,          FIELD_CHOICES, K(27),                      N_("cancel"), N_("close the form without saving"))

/* The factor overview. */
ACTION(FOLD,        VIEW_FACTORS, K('z', '\t'),              N_("fold"), N_("fold or unfold the selected category"))
ACTION(COOCCUR,     VIEW_FACTORS, K('o'),                    N_("together"), N_("the factors tagged together with the selected one"))
ACTION(SORT_COLUMN, VIEW_FACTORS, K('s'),                    N_("sort"), N_("sort by the next column, codebook order first"))
ACTION(SORT_REVERSE, VIEW_FACTORS, K('S'),                   NULL, N_("reverse the order of the sorted column"))
ACTION(FIGURE_FILTER, VIEW_FACTORS, K('f'),                  N_("filter"), N_("count only one programme, one kind of session, or both"))
ACTION(CODER,       VIEW_FACTORS, K('c'),                    N_("coder"), N_("count only one coder's tags: the next coder each time, then every coder's again"))
ACTION(AGREEMENT,   VIEW_FACTORS, K('a'),                    N_("agreement"), N_("agreement between the two coders with most tags, per factor (percent, Cohen's kappa)"))

/* The codebook. */
ACTION(NEW_CHILD,   VIEW_CODEBOOK, K('n', CTRL('n')),        N_("new"), N_("add a factor under the selected one (N: a new category)"))
ALSO(NEW,           VIEW_CODEBOOK, K('N'),                   NULL, N_("add a new top-level category"))

/* Reviewing notes (restore first: in the trash it matters most). */
ACTION(RESTORE,     VIEW_REVIEW | VIEW_NOTE, K('r'),         N_("restore"), N_("restore the selected note from the trash"))
ACTION(FIND_NOTES,  VIEW_REVIEW, K('/'),                     N_("search"), N_("search the notes: words, prefix*, \"a phrase\""))
ACTION(FILTER_NOTES, VIEW_REVIEW, K('f'),                    N_("filter"), N_("filter by programme, session, kind, group, school, author, dates"))
ACTION(TRASH,       VIEW_REVIEW, K('t'),                     N_("trash"), N_("show the trash (deleted notes), or the notes again"))
ACTION(NOTE_ORDER,  VIEW_REVIEW, K('o'),                     N_("order"), N_("order by session date, or by the time each note was entered"))

/* Editing what is selected. */
ACTION(EDIT,        EDITS, K('e', CTRL('e'), KC(KEY_F(4))),  N_("edit"), N_("edit the selected one"))
ACTION(DELETE,      EDITS, K('d', CTRL('d'), KC(KEY_DC)),    N_("delete"), N_("delete the selected one (people, organisations, factors: asks first; notes go to the trash)"))
ACTION(MOVE,        VIEW_CODEBOOK, K('m'),                   N_("move"), N_("move the selected factor under another one"))
ACTION(MERGE,       VIEW_CODEBOOK, K('M'),                   N_("merge"), N_("merge the selected factor into another (its tags move there)"))
ACTION(COACH,       VIEW_PERSON, K('c'),                     N_("coach"), N_("link a school this techniekcoach coaches (or unlink it)"))
ACTION(FILTER_ROLE, VIEW_PEOPLE, K(CTRL('r')),               N_("role"), N_("show only people with one role"))
ACTION(FILTER_FOCUS, VIEW_PEOPLE, K(CTRL('t')),              N_("focus"), N_("show only people with one focus tag"))
ACTION(FILTER_ORG,  VIEW_PEOPLE, K(CTRL('g')),               N_("organisation"), N_("show only the people of one organisation"))
ACTION(DUPLICATES,  VIEW_PEOPLE, K(KC(KEY_F(5))),            N_("duplicates"), N_("the people who look like the selected one (same name and organisation, or same e-mail): pick one to merge the two (asks first)"))
ACTION(ALL_DUPLICATES, VIEW_PEOPLE, K(KC(KEY_F(6))),         N_("all duplicates"), N_("every pair of people who look like the same person: pick one to merge the two (asks first)"))

/* The network: syncing with the colleagues' laptops. */
ACTION(SYNC_NOW,    VIEW_NETWORK, K('s', KC(KEY_F(5))),      N_("sync now"), N_("sync now: send this database's changes to the shared folder, take in the colleagues'"))
ALSO(MERGE,         VIEW_NETWORK, K('m'),                    N_("merge"), N_("in the decisions: merge the factor that gave way its code into the one that kept it (the merge travels)"))
ACTION(DISMISS,     VIEW_NETWORK, K('x', KC(KEY_DC)),        N_("keep both"), N_("in the decisions: take the selected one off the list, keeping both rows as they are"))
ACTION(DECISIONS,   VIEW_NETWORK, K('d', '\t'),              N_("decisions"), N_("show the decisions waiting, or what came in again"))
ACTION(REVISIONS,   VIEW_NETWORK, K('v'),                    N_("kept texts"), N_("show the note texts kept after losing to a newer edit (Enter opens the note as it is now), or what came in again"))

/* Going back, and the screens that open from anywhere. */
ACTION(BACK,        SUB & ~TYPING & ~VIEW_NOTES_LIST & ~VIEW_REVIEW, K(27, 'q', KC(KEY_BACKSPACE), KC(KEY_LEFT)), N_("back"), N_("go back to the screen this one was opened from"))
ALSO(BACK,          VIEW_NOTES_LIST, K(27, 'q', KC(KEY_BACKSPACE), KC(KEY_LEFT)), N_("back"), N_("go back to typing the note"))
ALSO(BACK,          VIEW_REVIEW, K(27, 'q', KC(KEY_BACKSPACE), KC(KEY_LEFT)), N_("back"), N_("first drop the search, filters and trash the screen did not open with; then go back to the screen this one was opened from"))
ALSO(BACK,          SUB & TYPING & ~VIEW_NOTES & ~VIEW_PEOPLE, K(27), N_("back"), N_("clear what is typed; when it is empty, go back"))
ALSO(BACK,          VIEW_PEOPLE, K(27),                      N_("back"), N_("clear what is typed, then the role, focus and organisation filters; when nothing is left, go back"))
ALSO(BACK,          VIEW_NOTES, K(27),                       N_("back"), N_("go back; the note being typed is kept as a draft and is there again next time"))
ACTION(SHOW_ALL,    VIEW_SESSIONS, K(27),                    NULL, N_("show every kind of session again"))
ACTION(REVIEW,      TOP & ~VIEW_REVIEW, K('R', KC(KEY_F(9))), N_("review"), N_("review the notes of all sessions"))
ACTION(EXPORT,      VIEW_SESSIONS | VIEW_DETAIL | VIEW_FACTORS | VIEW_REVIEW | VIEW_CODEBOOK | VIEW_NOTES | VIEW_NOTES_LIST, K('x', KC(KEY_F(8))), N_("export"), N_("export (factor list, evidence, notes, attendance, people, draaiboek, codebook)"))
ACTION(FACTORS,     TOP & ~VIEW_FACTORS, K('F', KC(KEY_F(11))), N_("factors"), N_("the factor overview: which factors come back, where, and as what"))
ACTION(CODEBOOK,    TOP & ~VIEW_CODEBOOK, K('K', KC(KEY_F(12))), N_("codebook"), N_("the codebook of factors: add, rename, move, merge, delete"))
ACTION(PEOPLE,      VIEW_SESSIONS | VIEW_DETAIL | VIEW_ORGS | VIEW_ORG, K('P', KC(KEY_F(2))), N_("people"), N_("the people of the network"))
ACTION(ORGS,        VIEW_SESSIONS | VIEW_DETAIL | VIEW_PEOPLE | VIEW_PERSON, K('O', KC(KEY_F(3))), N_("schools"), N_("schools and partner organisations"))
ACTION(NETWORK,     VIEW_SESSIONS, K('W'),                   N_("network"), N_("the network: the shared folder, sync now, what came in from whom, the decisions waiting"))
ACTION(SEARCH_NEXT, VIEW_SESSIONS, K('n'),                   NULL, N_("find the next match"))
ACTION(SEARCH_PREV, VIEW_SESSIONS, K('N'),                   NULL, N_("find the previous match"))
ACTION(HELP,        VIEW_SCREENS & ~VIEW_HELP, K('?', KC(KEY_F(1))), N_("help"), N_("show the keys of this screen"))
ACTION(REDRAW,      VIEW_SCREENS, K(CTRL('l')),              NULL, N_("redraw the screen"))
ALSO(QUIT,          VIEW_SESSIONS, K('q'),                   N_("quit"), N_("quit stemtui"))
ACTION(QUIT,        VIEW_SCREENS, K(KC(KEY_F(10))),          N_("quit"), N_("quit stemtui from any screen (a note being typed is kept as a draft)"))

/* Typing in a field: the note editor (several lines), a one-line field
 * (forms, prompts, the factor picker's filter) and the type-to-find field
 * of the attendance, people and organisation lists. */
ACTION(ED_NEWLINE,  FIELD_EDITOR, K('\n'),                   NULL, N_("start a new line in the note"))
ACTION(ED_LEFT,     FIELD_EDITOR | FIELD_LINE, K(KC(KEY_LEFT)), NULL, N_("cursor one character left"))
ACTION(ED_RIGHT,    FIELD_EDITOR | FIELD_LINE, K(KC(KEY_RIGHT)), NULL, N_("cursor one character right"))
ACTION(ED_UP,       FIELD_EDITOR, K(KC(KEY_UP)),             NULL, N_("cursor one line up"))
ACTION(ED_DOWN,     FIELD_EDITOR, K(KC(KEY_DOWN)),           NULL, N_("cursor one line down"))
ACTION(ED_WORD_LEFT, FIELD_EDITOR | FIELD_LINE, K(KX_CTRL_LEFT), NULL, N_("cursor one word left"))
ACTION(ED_WORD_RIGHT, FIELD_EDITOR | FIELD_LINE, K(KX_CTRL_RIGHT), NULL, N_("cursor one word right"))
ACTION(ED_LINE_START, FIELD_EDITOR | FIELD_LINE, K(KC(KEY_HOME), CTRL('a')), NULL, N_("cursor to the start of the line"))
ACTION(ED_LINE_END, FIELD_EDITOR | FIELD_LINE, K(KC(KEY_END), CTRL('e')), NULL, N_("cursor to the end of the line"))
ACTION(ED_BACKSPACE, FIELDS, K(KC(KEY_BACKSPACE)),           NULL, N_("delete the character before the cursor"))
ACTION(ED_DELETE,   FIELD_EDITOR | FIELD_LINE, K(KC(KEY_DC), CTRL('d')), NULL, N_("delete the character under the cursor"))
ACTION(ED_DELETE_WORD, FIELDS, K(CTRL('w')),                 NULL, N_("delete the word before the cursor"))
ACTION(ED_KILL,     FIELD_EDITOR | FIELD_LINE, K(CTRL('k')), NULL, N_("delete to the end of the line"))
ACTION(ED_CLEAR,    FIELD_LINE | FIELD_FILTER, K(CTRL('u')), NULL, N_("clear the field up to the cursor (as in the shell)"))
ACTION(ED_COMPLETE, FIELD_LINE, K('\t'),                     NULL, N_("complete from the suggestions: the start they share, then each in turn (in a form, with nothing to complete: the next field)"))
ACTION(ED_ESCAPE,   FIELD_LINE, K(27),                       NULL, N_("clear the field; in an empty field: close it"))
ALSO(ED_CLEAR,      FIELD_EDITOR, K(CTRL('u')),              NULL, N_("delete to the start of the line (a one-line note: all of it)"))
