/* pseudonym.c: see pseudonym.h.
 *
 * Every name is a pattern ("Zoë Van den Broeck", "Van den Broeck", "Zoë",
 * "VBS De Regenboog", "De Regenboog"); patterns are chained per first
 * word in a map, longest first, so a text is read once, word by word,
 * looking each word up: a million notes cost a lookup per word, not a
 * comparison with every name. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/db.h"
#include "core/i18n.h"
#include "core/notes.h"
#include "core/people.h"
#include "core/pseudonym.h"
#include "core/strmap.h"

#define AMBIGUOUS (-1)

struct pattern {
	char *text;
	size_t len;
	int who;       /* >= 0: person index; <= -2: organisation -(who + 2); AMBIGUOUS */
	int next;      /* the next pattern with the same first word, or -1 */
};

struct org {
	long long id;
	bool school;
	char label[32];    /* "" until first used */
};

struct pseudonymiser {
	struct pattern *pat;
	int npat, cap;
	strmap *first;     /* first word -> index of its longest pattern */
	long long *person; /* ids */
	int npeople;
	struct org *org;
	int norgs, schools, partners;
};

static bool word_byte(unsigned char c)
{
	return c >= 0x80 || c == '\'' || c == '-' || (c >= '0' && c <= '9') ||
	       ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static size_t word_len(const char *s)
{
	size_t n = 0;

	while (s[n] && word_byte((unsigned char)s[n]))
		n++;
	return n;
}

/* array (n used of *cap elements of size) with room for one more: array
 * itself or a larger copy (*cap grown, from first), or NULL when out of
 * memory (array untouched). */
static void *with_room(void *array, int n, int *cap, size_t size, int first)
{
	void *grown;
	int more;

	if (n < *cap)
		return array;
	more = *cap ? *cap * 2 : first;
	grown = realloc(array, size * (size_t)more);
	if (grown)
		*cap = more;
	return grown;
}

/* Adds text as a name of who; the same text for someone else makes it
 * ambiguous.  0, or -1 when out of memory. */
static int add_pattern(pseudonymiser *p, const char *text, int who)
{
	size_t len = strlen(text), wl = word_len(text);
	char key[256];
	long long *head;
	struct pattern *grown;
	int *link, i;

	if (wl == 0 || wl >= sizeof key || len < 2)
		return 0;
	memcpy(key, text, wl);
	key[wl] = '\0';
	head = strmap_get(p->first, key);
	for (i = head ? (int)*head : -1; i >= 0; i = p->pat[i].next)
		if (strcmp(p->pat[i].text, text) == 0) {
			if (p->pat[i].who != who)
				p->pat[i].who = AMBIGUOUS;
			return 0;
		}
	grown = with_room(p->pat, p->npat, &p->cap, sizeof *p->pat, 256);
	if (!grown)
		return -1;
	p->pat = grown;
	p->pat[p->npat] = (struct pattern){ strdup(text), len, who, -1 };
	if (!p->pat[p->npat].text)
		return -1;
	/* Into its chain, longest first. */
	head = strmap_get(p->first, key);
	if (!head) {
		p->npat++;
		return strmap_put(p->first, key, p->npat - 1);
	}
	if (p->pat[*head].len < len) {
		p->pat[p->npat].next = (int)*head;
		*head = p->npat++;
		return 0;
	}
	for (link = &p->pat[*head].next; *link >= 0 && p->pat[*link].len >= len;
	     link = &p->pat[*link].next)
		;
	p->pat[p->npat].next = *link;
	*link = p->npat++;
	return 0;
}

/* The part of a school's name people use on its own: "De Regenboog" of
 * "VBS De Regenboog", "Het Klavertje" of "GO! Basisschool Het
 * Klavertje", "Sint-Lodewijkscollege" of "Sint-Lodewijkscollege
 * basisschool"; "" when nothing is left to tell it apart. */
static void short_name(const char *name, char *out, size_t size)
{
	static const char *const prefix[] = {
		"VBS", "GBS", "SBS", "BS", "KBS", "GO!", "Vrije", "Gemeentelijke", "Stedelijke",
		"Katholieke", "Basisschool", "Lagere", "school",
	};
	const char *s = name;
	size_t i, len;
	bool stripped = true;

	while (stripped) {
		stripped = false;
		for (i = 0; i < sizeof prefix / sizeof prefix[0]; i++) {
			len = strlen(prefix[i]);
			if (strncasecmp(s, prefix[i], len) == 0 && s[len] == ' ') {
				s += len + 1;
				stripped = true;
			}
		}
	}
	snprintf(out, size, "%s", s);
	len = strlen(out);
	if (len > 12 && strcasecmp(out + len - 12, " basisschool") == 0)
		out[len - 12] = '\0';
	if (strcmp(out, name) == 0 || strlen(out) < 4)
		out[0] = '\0';
}

static int read_people(pseudonymiser *p, sqlite3 *db, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id, first_name, last_name FROM person ORDER BY id",
				      err);
	int rc, n = 0, cap = 0;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *first = (const char *)sqlite3_column_text(st, 1);
		const char *last = (const char *)sqlite3_column_text(st, 2);
		long long *grown = with_room(p->person, n, &cap, sizeof *p->person, 256);
		char full[512];

		if (!grown)
			break;
		p->person = grown;
		p->person[n] = sqlite3_column_int64(st, 0);
		snprintf(full, sizeof full, "%s %s", first ? first : "", last ? last : "");
		if (add_pattern(p, full, n) || add_pattern(p, first ? first : "", n) ||
		    add_pattern(p, last ? last : "", n))
			break;
		n++;
	}
	p->npeople = n;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return st_err_set(err, "%s", sqlite3_errmsg(db));
	return rc == SQLITE_DONE ? 0 : st_err_set(err, "%s", _("out of memory"));
}

static int read_orgs(pseudonymiser *p, sqlite3 *db, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id, kind, name FROM organisation ORDER BY id", err);
	int rc, cap = 0;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 2);
		struct org *grown = with_room(p->org, p->norgs, &cap, sizeof *p->org, 64);
		char part[512];

		if (!grown)
			break;
		p->org = grown;
		p->org[p->norgs] = (struct org){ sqlite3_column_int64(st, 0),
			strcmp((const char *)sqlite3_column_text(st, 1), "school") == 0, "" };
		short_name(name ? name : "", part, sizeof part);
		if (add_pattern(p, name ? name : "", -(p->norgs + 2)) ||
		    (*part && add_pattern(p, part, -(p->norgs + 2))))
			break;
		p->norgs++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return st_err_set(err, "%s", sqlite3_errmsg(db));
	return rc == SQLITE_DONE ? 0 : st_err_set(err, "%s", _("out of memory"));
}

pseudonymiser *pseudonymiser_new(sqlite3 *db, st_err *err)
{
	pseudonymiser *p = calloc(1, sizeof *p);

	if (!p || !(p->first = strmap_new())) {
		free(p);
		st_err_set(err, "%s", _("out of memory"));
		return NULL;
	}
	/* Organisations first: a school named after a person ("Sint-Lodewijk")
	 * stays a school. */
	if (read_orgs(p, db, err) != 0 || read_people(p, db, err) != 0) {
		pseudonymiser_free(p);
		return NULL;
	}
	return p;
}

void pseudonymiser_free(pseudonymiser *p)
{
	int i;

	if (!p)
		return;
	for (i = 0; i < p->npat; i++)
		free(p->pat[i].text);
	free(p->pat);
	strmap_free(p->first);
	free(p->person);
	free(p->org);
	free(p);
}

/* "A".."Z", "AA".."AZ", ...: the n-th (from 0). */
static void letters(int n, char *out, size_t size)
{
	char buf[16];
	int i = (int)sizeof buf - 1;

	buf[i] = '\0';
	do {
		buf[--i] = (char)('A' + n % 26);
		n = n / 26 - 1;
	} while (n >= 0 && i > 0);
	snprintf(out, size, "%s", buf + i);
}

static const char *org_label(pseudonymiser *p, int k)
{
	struct org *o = &p->org[k];
	char l[16];

	if (!*o->label) {
		letters(o->school ? p->schools++ : p->partners++, l, sizeof l);
		/* TRANSLATORS: a school in a pseudonymised export: "school A". */
		snprintf(o->label, sizeof o->label, o->school ? _("school %s") : _("partner %s"), l);
	}
	return o->label;
}

const char *pseudonym_org(pseudonymiser *p, long long id)
{
	int k;

	for (k = 0; k < p->norgs; k++)
		if (p->org[k].id == id)
			return org_label(p, k);
	return "";
}

int pseudonym_note(pseudonymiser *p, const st_note *note, st_note *out)
{
	*out = *note;
	out->body = pseudonym_text(p, note->body);
	out->group_label = pseudonym_text(p, note->group_label);
	out->about = pseudonym_text(p, note->about);
	out->author = pseudonym_text(p, note->author);
	out->school = pseudonym_text(p, note->school);
	if (out->body && out->group_label && out->about && out->author && out->school)
		return 0;
	pseudonym_note_free(out);
	return -1;
}

void pseudonym_note_free(st_note *hidden)
{
	free(hidden->body);
	free(hidden->group_label);
	free(hidden->about);
	free(hidden->author);
	free(hidden->school);
}

/* The pattern at s (a word's start), or -1. */
static int match_at(const pseudonymiser *p, const char *s)
{
	size_t wl = word_len(s);
	char key[256];
	long long *head;
	int i;

	if (wl == 0 || wl >= sizeof key)
		return -1;
	memcpy(key, s, wl);
	key[wl] = '\0';
	head = strmap_get(p->first, key);
	for (i = head ? (int)*head : -1; i >= 0; i = p->pat[i].next)
		if (strncmp(s, p->pat[i].text, p->pat[i].len) == 0 &&
		    !word_byte((unsigned char)s[p->pat[i].len]))
			return i;
	return -1;
}

/* Appends n bytes of s to the growing *buf.  0, or -1. */
static int append(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		size_t c = (*len + n + 1) * 2;
		char *grown = realloc(*buf, c);

		if (!grown)
			return -1;
		*buf = grown;
		*cap = c;
	}
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
	return 0;
}

char *pseudonym_text(pseudonymiser *p, const char *text)
{
	const char *s = text ? text : "";
	size_t len = 0, cap = 0;
	char *buf = NULL, code[32];

	if (append(&buf, &len, &cap, "", 0) != 0)
		return NULL;
	while (*s) {
		int m = match_at(p, s);
		const char *with = NULL;
		size_t skip;

		if (m >= 0) {
			int who = p->pat[m].who;

			if (who == AMBIGUOUS) {
				with = _("[name]");
			} else if (who >= 0) {
				person_pseudonym(p->person[who], code, sizeof code);
				with = code;
			} else {
				with = org_label(p, -(who + 2));
			}
			skip = p->pat[m].len;
		} else {
			/* Past this word and what follows it up to the next. */
			skip = word_len(s);
			while (s[skip] && !word_byte((unsigned char)s[skip]))
				skip++;
			if (skip == 0)
				skip = 1;
		}
		if (append(&buf, &len, &cap, with ? with : s, with ? strlen(with) : skip) != 0) {
			free(buf);
			return NULL;
		}
		s += skip;
	}
	return buf;
}
