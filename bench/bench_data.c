/* bench_data.c: what a keystroke costs in a network's database after years.
 *
 * Builds a database at the scale the design aims for (scale 1: 100 000
 * people at 3 100 organisations, 1 000 000 notes at 5 000 sessions of 8
 * programmes, about 1.1 million tags on the factors of the shipped
 * starter codebook, 200 000 attendance rows), then times, through the
 * core library, each query and write the program makes on a keystroke:
 * note lists, counts and searches, the people list and its filters, the
 * duplicate check, the attendance screen, saving a note, a check-in, a
 * draft, a tag, and the factor overview.  Each figure is the median of
 * repeated runs (at least 3, for about half a second), in milliseconds.
 *
 * The data is made with a fixed pseudo-random sequence, so every run
 * builds the same database.  Rows are written with prepared statements in
 * one transaction; derived keys come from the core's own helpers
 * (person_sort_key, text_fold, text_natural_key) and the schema's
 * triggers fill the rest (person.name_key, the name and note full-text
 * indexes), as for rows the program writes.  No ANALYZE is run, as the
 * program never runs it.
 *
 *   make bench                 (or: bench/bench_data [SCALE [DB]])
 *
 * SCALE multiplies every count (0.01 for a quick run).  With DB, the
 * database is kept there and, when that file already holds notes, reused
 * as it is instead of filled again.  A third argument "fill" only fills
 * it (for the keystroke benchmark, bench_keys.c), timing nothing. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bench_goal.h"
#include "core/attendance.h"
#include "core/codebook.h"
#include "core/codebook_import.h"
#include "core/db.h"
#include "core/drafts.h"
#include "core/figures.h"
#include "core/notes.h"
#include "core/people.h"
#include "core/person_match.h"
#include "core/tags.h"
#include "core/text.h"

#define COUNT(a) ((int)(sizeof (a) / sizeof (a)[0]))
#define SCREEN 20            /* rows a list reads at a time */
#define MIN_REPEAT 3
#define MAX_REPEAT 200
#define BUDGET_US 500000.0   /* repeat a figure for about this long */
#define PROGRAMMES 8
#define MAX_FACTORS 256

/* ---- made-up data --------------------------------------------------------- */

static const char *const first_names[] = {
	"Jan", "Pieter", "Koen", "Bram", "Wout", "Ruben", "Senne", "Dries", "Thomas", "Kobe",
	"Arne", "Jonas", "Marc", "Erik", "Bart", "Wim", "Mehmet", "Noël", "Raphaël", "Joëlle",
	"Zoë", "Françoise", "Lotte", "Charlotte", "Lies", "Elke", "An", "Hanne", "Nathalie",
	"Jolien", "Femke", "Yasmina", "Ann-Sophie", "Eline", "Hilde", "Greet", "Katrien",
	"Saskia", "Tine", "Nele", "Leen", "Ilse", "Sofie", "Ine", "Anaïs", "Chloë", "Inès",
	"Emma", "Louise", "Marie", "Fien", "Lien", "Sarah", "Laura", "Eva", "Lore", "Jef",
	"Stijn", "Tom", "Pieter-Jan",
};
static const char *const last_prefixes[] = { "", "", "", "", "De ", "Van ", "Van den ", "Vande" };
static const char *const last_roots[] = {
	"Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
	"Wouters", "Dubois", "Lambrechts", "Hermans", "Coppens", "Verhoeven", "Claeys", "Aerts",
	"Michiels", "Bogaert", "Verstraete", "Dewulf", "Vanhove", "Baert", "Deprez", "Smets",
	"Wuyts", "Smet", "Clercq", "Damme", "Velde", "Broeck", "Wilde", "Acker", "Hecke",
	"Berghe", "Verschueren", "Yılmaz", "D'Hondt", "El Amrani", "Desmet", "Pauwels", "Martens",
	"Vermeulen", "Hendrickx", "Segers", "Stevens", "Verbruggen", "Leclercq", "Dumont",
	"Lemaire", "François", "Lefèvre", "Ceulemans", "Verlinden", "Bosmans", "Thys", "Cools",
	"Van Dyck", "Vercammen", "Geerts", "Moens", "Schepens", "Declercq", "Vandeputte",
	"Laureys", "Roels", "Lauwers", "Verbeke", "Bracke", "Mortier", "Nys", "Wijns", "Cuypers",
	"Devos", "Verbeeck", "Pieters", "Boonen", "Hoste", "Vlaeminck", "Gysels", "Bauwens",
};
static const char *const school_prefixes[] = {
	"VBS", "Vrije Basisschool", "GO! Basisschool", "Gemeentelijke Basisschool",
	"Stedelijke Basisschool",
};
static const char *const school_networks[] = {
	"Katholiek Onderwijs Vlaanderen", "Katholiek Onderwijs Vlaanderen",
	"GO! onderwijs van de Vlaamse Gemeenschap", "OVSG", "OVSG",
};
static const char *const school_names[] = {
	"De Regenboog", "Het Klavertje", "De Wingerd", "De Knipoog", "De Vliegenier",
	"Sint-Lodewijk", "De Luchtballon", "Sint-Jozef", "Mariaburg", "De Vlinder", "Het Anker",
	"De Zonnebloem", "De Boomgaard", "Het Molentje", "De Kameleon", "De Wegwijzer",
	"Sint-Maarten", "Onze-Lieve-Vrouw", "De Toverfluit", "Het Kompas", "De Speelvogel",
	"De Horizon", "'t Kofschip", "De Bron", "Het Spoor", "Sint-Vincentius", "De Tuimelaar",
	"Ter Beuken", "De Zeppelin", "Het Prieeltje",
};
static const char *const cities[] = {
	"Gent", "Aalst", "Brugge", "Kortrijk", "Leuven", "Antwerpen", "Mechelen", "Hasselt",
	"Genk", "Tienen", "Deerlijk", "Lochristi", "Sint-Niklaas", "Dendermonde", "Lokeren",
	"Roeselare", "Oostende", "Ieper", "Tielt", "Waregem", "Oudenaarde", "Ninove", "Geel",
	"Turnhout", "Mol", "Lier", "Herentals", "Diest", "Aarschot", "Halle", "Vilvoorde",
	"Zaventem", "Asse", "Ronse", "Eeklo", "Zele", "Wetteren", "Temse", "Beveren", "Boom",
	"Bornem", "Tongeren", "Sint-Truiden", "Lommel", "Maaseik", "Bree", "Menen", "Izegem",
	"Poperinge", "Diksmuide",
};
/* Roles by share of the network: mostly teachers. */
static const char *const roles[] = {
	"leraar", "leraar", "leraar", "leraar", "leraar", "leraar", "leraar", "leraar",
	"leraar", "leraar", "leraar", "leraar", "leraar", "leraar", "directie", "directie",
	"pedagogisch-begeleider", "lerarenopleider", "techniekcoach", "onderzoeker",
};
static const char *const focus_list[] = {
	"programmeren", "techniek", "wetenschap", "wiskunde", "onderzoekend leren", "robotica",
};
static const char *const session_kinds[] = {
	"inspiratiesessie", "groeisessie", "focusgroep", "uitwisselsessie",
};
/* Note kinds by share: mostly observations. */
static const char *const note_kinds[] = {
	"observation", "observation", "observation", "observation", "observation", "quote",
	"quote", "idea", "idea", "question", "action",
};
static const char *const authors[] = {
	"Kobe Vandenberghe", "Ine Verschueren", "Mehmet Yılmaz", "Sofie D'Hondt",
	"Katrien Bogaert", "Wim Verstraete", "Saskia Dewulf", "Tine Vanhove", "Bart Van Hecke",
	"Nele Baert", "Leen Deprez", "Arne Smets", "Ilse Vandamme", "Jonas Wuyts",
	"Françoise Lefèvre", "Noël Pauwels", "Lien Martens", "Stijn Segers", "Eva Thys",
	"Jef Cools",
};
/* Words every note is full of. */
static const char *const small_words[] = {
	"de", "het", "een", "en", "van", "in", "op", "te", "dat", "is", "niet", "met", "voor",
	"zijn", "er", "ook", "maar", "om", "aan", "bij", "nog", "wel", "als", "ze", "we", "ons",
	"hun", "wat", "meer", "veel",
};
/* Content words, the first ones the most frequent. */
static const char *const words[] = {
	"school", "team", "STEM", "klas", "les", "lessen", "tijd", "directie", "leerkrachten",
	"project", "materiaal", "werken", "samen", "ideeën", "visie", "begeleiding", "coach",
	"werkgroep", "planning", "jaar", "kinderen", "ouders", "onderzoekend", "leren",
	"techniek", "wetenschap", "wiskunde", "programmeren", "robots", "bouwen", "ontwerpen",
	"proberen", "vragen", "antwoorden", "uitdaging", "motivatie", "goed", "moeilijk",
	"creatief", "creatieve", "créativiteit", "creativiteit", "één", "reëel", "coördinatie",
	"financiële", "middelen", "budget", "lokaal", "maker", "ruimte", "nascholing",
	"collega", "collega's", "overleg", "vergadering", "trekker", "kerngroep", "beleid",
	"schoolwerkplan", "doelen", "eindtermen", "leerlijn", "evaluatie", "feedback",
	"reflectie", "enquête", "geïnteresseerd", "naïef", "verwachtingen", "ervaring",
	"voorbeeld", "partner", "bedrijf", "hogeschool", "studenten", "stage", "netwerk",
	"uitwisseling", "inspiratie", "groei", "focus", "gesprek", "tafel", "groep",
	"werkvorm", "opdracht", "kit", "laptops", "tablets", "software", "scratch", "microbit",
	"sensoren", "meten", "experiment", "hypothese", "resultaat", "presentatie", "trots",
	"plezier", "frustratie", "weerstand", "draagvlak", "vertrouwen", "cultuur",
	"verandering", "innovatie", "duurzaam", "borgen", "continuïteit", "rooster", "uren",
	"week", "maand", "trimester", "kleuters", "lager", "zesde", "vijfde", "derde",
	"graad", "juf", "meester", "zorg", "differentiatie", "taal", "lezen", "schrijven",
	"rekenen", "wereldoriëntatie", "muziek", "natuur", "tuin", "water", "energie",
	"bruggen", "torens", "auto's", "raketten",
};

/* A fixed sequence (splitmix64), so every run builds the same data. */
static uint64_t rng = 0x5354454dULL;

static uint64_t rnd(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int pick(int n)
{
	return (int)(rnd() % (uint64_t)n);
}

static double uniform(void)
{
	return (double)(rnd() >> 11) / 9007199254740992.0;
}

static int chance(double p)
{
	return uniform() < p;
}

/* Appends the text of one made-up note to buf (room for 1024 bytes):
 * one to four sentences of everyday words; "leerlingen" in about a third
 * of the notes, "tijd in het lesrooster" in about one in a hundred. */
static void make_body(char *buf)
{
	int sentences = 1 + pick(4), s, w, nw, len = 0;
	const char *word;

	for (s = 0; s < sentences; s++) {
		nw = 5 + pick(10);
		for (w = 0; w < nw; w++) {
			if (w == 2 && s == 0 && chance(0.3))
				word = "de leerlingen";
			else if (w == 3 && s == 1 && chance(0.03))
				word = "tijd in het lesrooster";
			else if (chance(0.4))
				word = small_words[pick(COUNT(small_words))];
			else
				word = words[(int)(COUNT(words) * uniform() * uniform())];
			len += snprintf(buf + len, (size_t)(1024 - len), "%s%s", w ? " " : s ? " " : "",
					word);
		}
		len += snprintf(buf + len, (size_t)(1024 - len), "%s", chance(0.2) ? "?" : ".");
	}
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
}

/* ---- filling ---------------------------------------------------------------- */

struct sizes {
	int schools, partners, people, sessions, notes;
	long long tags, attendance;
};

static void die(const char *what, const char *msg)
{
	fprintf(stderr, "bench_data: %s: %s\n", what, msg);
	exit(1);
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die(sql, sqlite3_errmsg(db));
	return st;
}

static void step(sqlite3 *db, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die("insert", sqlite3_errmsg(db));
	sqlite3_reset(st);
}

static void exec(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(sql, sqlite3_errmsg(db));
}

/* Schools (ids 1..schools) and partners (after them). */
static void fill_orgs(sqlite3 *db, const struct sizes *z)
{
	sqlite3_stmt *st = prepare(db, "INSERT INTO organisation (kind, name, name_key, network,"
				   " street, postcode, city) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	int combos = COUNT(school_prefixes) * COUNT(school_names) * COUNT(cities), i, c, pre;
	char name[256], street[64], postcode[8];

	for (i = 0; i < z->schools + z->partners; i++) {
		/* A step prime to the number of combinations visits each once. */
		c = (int)((long long)i * 7919 % combos);
		pre = c % COUNT(school_prefixes);
		if (i < z->schools)
			snprintf(name, sizeof name, "%s %s %s%s", school_prefixes[pre],
				 school_names[c / COUNT(school_prefixes) % COUNT(school_names)],
				 cities[c / COUNT(school_prefixes) / COUNT(school_names)],
				 i >= combos ? " (campus 2)" : "");
		else
			snprintf(name, sizeof name, "Hogeschool %s %d", cities[i % COUNT(cities)],
				 i - z->schools + 1);
		snprintf(street, sizeof street, "Kerkstraat %d", 1 + pick(200));
		snprintf(postcode, sizeof postcode, "%d", 1000 + pick(9000));
		sqlite3_bind_text(st, 1, i < z->schools ? "school" : "partner", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, text_fold(name), -1, free);
		sqlite3_bind_text(st, 4, i < z->schools ? school_networks[pre] : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, street, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 6, postcode, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 7, cities[c / COUNT(school_prefixes) / COUNT(school_names)],
				  -1, SQLITE_STATIC);
		step(db, st);
	}
	sqlite3_finalize(st);
}

/* People: teachers and school leaders at schools, the others at
 * partners, a few at none; about one in five has focus tags. */
static void fill_people(sqlite3 *db, const struct sizes *z)
{
	sqlite3_stmt *st = prepare(db, "INSERT INTO person (first_name, last_name, sort_key, role,"
				   " organisation_id, email, created_at) VALUES (?1, ?2, ?3, ?4, ?5,"
				   " ?6, '2017-09-01T08:00:00Z')");
	sqlite3_stmt *fo = prepare(db, "INSERT OR IGNORE INTO person_focus (person_id, focus)"
				   " VALUES (?1, ?2)");
	char last[128], email[256], *fold;
	const char *first, *role;
	long long org;
	int i, k;

	for (i = 1; i <= z->people; i++) {
		first = first_names[pick(COUNT(first_names))];
		snprintf(last, sizeof last, "%s%s", last_prefixes[pick(COUNT(last_prefixes))],
			 last_roots[pick(COUNT(last_roots))]);
		role = roles[pick(COUNT(roles))];
		if (chance(0.03))
			org = 0;
		else if (strcmp(role, "leraar") == 0 || strcmp(role, "directie") == 0)
			org = 1 + pick(z->schools);
		else
			org = z->schools + 1 + pick(z->partners);
		snprintf(email, sizeof email, "%s.%s.%d@school.example", first, last, i);
		for (fold = email; *fold; fold++)
			if (*fold == ' ')
				*fold = '-';
		fold = text_fold(email);
		sqlite3_bind_text(st, 1, first, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, last, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, person_sort_key(first, last), -1, free);
		sqlite3_bind_text(st, 4, role, -1, SQLITE_STATIC);
		if (org)
			sqlite3_bind_int64(st, 5, org);
		else
			sqlite3_bind_null(st, 5);
		sqlite3_bind_text(st, 6, chance(0.8) && fold ? fold : "", -1, SQLITE_TRANSIENT);
		free(fold);
		step(db, st);
		for (k = chance(0.2) ? 1 + pick(2) : 0; k > 0; k--) {
			sqlite3_bind_int(fo, 1, i);
			sqlite3_bind_text(fo, 2, focus_list[pick(COUNT(focus_list))], -1, SQLITE_STATIC);
			step(db, fo);
		}
	}
	sqlite3_finalize(st);
	sqlite3_finalize(fo);
}

/* Programmes, one a school year, and their sessions (ids in date order),
 * hosted by schools, every kind in turn. */
static void fill_sessions(sqlite3 *db, const struct sizes *z, char (*dates)[24])
{
	sqlite3_stmt *pr = prepare(db, "INSERT INTO programme (name, school_year) VALUES (?1, ?2)");
	sqlite3_stmt *st = prepare(db, "INSERT INTO session (programme_id, code, code_key, kind,"
				   " title, date, start_time, end_time, venue, city, host_org_id)"
				   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, '09:00', '16:00', ?7, ?8, ?9)");
	int per = (z->sessions + PROGRAMMES - 1) / PROGRAMMES, i, p, k, day, host;
	char name[64], year[32], code[32], title[64];

	for (p = 0; p < PROGRAMMES; p++) {
		snprintf(year, sizeof year, "%d-%d", 2017 + p, 2018 + p);
		snprintf(name, sizeof name, "STEM-netwerk %s", year);
		sqlite3_bind_text(pr, 1, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(pr, 2, year, -1, SQLITE_TRANSIENT);
		step(db, pr);
	}
	for (i = 0; i < z->sessions; i++) {
		p = i / per;
		k = i % per;
		/* Spread over the 300 days from 1 September. */
		day = k * 300 / per;
		snprintf(dates[i], sizeof dates[i], "%04d-%02d-%02d", 2017 + p + (day >= 120),
			 (8 + day / 30) % 12 + 1, 1 + day % 30 * 28 / 30);
		snprintf(code, sizeof code, "COP %d", k + 1);
		snprintf(title, sizeof title, "%s %d", session_kinds[i % 4], k / 4 + 1);
		host = 1 + pick(z->schools);
		sqlite3_bind_int(st, 1, p + 1);
		sqlite3_bind_text(st, 2, code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, text_natural_key(code), -1, free);
		sqlite3_bind_text(st, 4, session_kinds[i % 4], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, title, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 6, dates[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, school_names[host % COUNT(school_names)], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, cities[host % COUNT(cities)], -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 9, host);
		step(db, st);
	}
	sqlite3_finalize(pr);
	sqlite3_finalize(st);
}

/* Notes, session after session in date order, a few seconds apart; a
 * session has from a quarter to one and three quarter times the average.
 * About 60% are tagged with one to three factors (mostly factors, some
 * categories; a few factors far more than others); 1% are in the trash. */
static void fill_notes(sqlite3 *db, const struct sizes *z, char (*dates)[24],
		       const long long *factor, int nfactors, long long *tags)
{
	sqlite3_stmt *st = prepare(db, "INSERT INTO note (session_id, kind, body, group_label,"
				   " about_person_id, about_org_id, author, created_at, updated_at,"
				   " deleted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)");
	sqlite3_stmt *tg = prepare(db, "INSERT OR IGNORE INTO tag (note_id, factor_id, polarity)"
				   " VALUES (?1, ?2, ?3)");
	int avg = z->notes / z->sessions, left = z->notes, s, n, k, secs;
	const char *author, *other;
	char body[1024], group[32], at[32];
	long long id = 0;

	*tags = 0;
	for (s = 0; s < z->sessions && left > 0; s++) {
		n = s == z->sessions - 1 ? left : avg / 4 + pick(avg * 3 / 2 + 1);
		if (n > left)
			n = left;
		left -= n;
		author = authors[pick(COUNT(authors))];
		other = authors[pick(COUNT(authors))];
		for (k = 0; k < n; k++) {
			id++;
			make_body(body);
			if (chance(0.3))
				group[0] = '\0';
			else if (chance(0.8))
				snprintf(group, sizeof group, "tafel %d", 1 + pick(12));
			else
				snprintf(group, sizeof group, "groep %c", 'A' + pick(6));
			secs = 9 * 3600 + k * 25000 / (n + 1);
			snprintf(at, sizeof at, "%s %02d:%02d:%02d", dates[s], secs / 3600,
				 secs / 60 % 60, secs % 60);
			sqlite3_bind_int(st, 1, s + 1);
			sqlite3_bind_text(st, 2, note_kinds[pick(COUNT(note_kinds))], -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, body, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 4, group, -1, SQLITE_TRANSIENT);
			if (chance(0.1))
				sqlite3_bind_int(st, 5, 1 + pick(z->people));
			else
				sqlite3_bind_null(st, 5);
			if (chance(0.05))
				sqlite3_bind_int(st, 6, 1 + pick(z->schools));
			else
				sqlite3_bind_null(st, 6);
			sqlite3_bind_text(st, 7, chance(0.8) ? author : other, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 8, at, -1, SQLITE_TRANSIENT);
			if (chance(0.01))
				sqlite3_bind_text(st, 9, "2026-01-05 10:00:00", -1, SQLITE_STATIC);
			else
				sqlite3_bind_null(st, 9);
			step(db, st);
			if (!chance(0.6))
				continue;
			for (int t = 1 + pick(3); t > 0; t--) {
				int f = (int)(nfactors * uniform() * uniform());
				double p = uniform();

				sqlite3_bind_int64(tg, 1, id);
				sqlite3_bind_int64(tg, 2, factor[f]);
				sqlite3_bind_int(tg, 3, p < 0.45 ? 1 : p < 0.8 ? -1 : 0);
				step(db, tg);
				*tags += sqlite3_changes(db);
			}
		}
	}
	sqlite3_finalize(st);
	sqlite3_finalize(tg);
}

/* 20 to 60 people registered for each session; most came. */
static long long fill_attendance(sqlite3 *db, const struct sizes *z)
{
	sqlite3_stmt *st = prepare(db, "INSERT OR IGNORE INTO attendance (session_id, person_id,"
				   " status, arrived_at, updated_at) VALUES (?1, ?2, ?3, ?4,"
				   " '2018-01-01T08:00:00Z')");
	static const char *const status[] = {
		"present", "present", "present", "present", "present", "present", "present",
		"absent", "excused", "expected",
	};
	long long rows = 0;
	const char *s;
	char at[8];
	int i, k, n;

	for (i = 1; i <= z->sessions; i++) {
		n = 20 + pick(41);
		for (k = 0; k < n; k++) {
			s = status[pick(COUNT(status))];
			snprintf(at, sizeof at, "%02d:%02d", 8 + pick(2), pick(60));
			sqlite3_bind_int(st, 1, i);
			sqlite3_bind_int(st, 2, 1 + pick(z->people));
			sqlite3_bind_text(st, 3, s, -1, SQLITE_STATIC);
			if (strcmp(s, "present") == 0)
				sqlite3_bind_text(st, 4, at, -1, SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(st, 4);
			step(db, st);
			rows += sqlite3_changes(db);
		}
	}
	sqlite3_finalize(st);
	return rows;
}

/* The shipped codebook's factors for tagging: the factors under the
 * categories first (tagged most), then the categories. */
static int codebook_factors(sqlite3 *db, long long *out)
{
	st_factor tree[MAX_FACTORS];
	st_err err;
	int n, i, k = 0, pass;

	if (codebook_import_shipped(db, &err) != 0)
		die("codebook", err.msg);
	n = factor_tree(db, tree, MAX_FACTORS, &err);
	if (n <= 0)
		die("codebook", n < 0 ? err.msg : "no factors");
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < n; i++)
			if ((tree[i].parent_id != 0) == (pass == 0))
				out[k++] = tree[i].id;
	for (i = 0; i < n; i++)
		factor_clear(&tree[i]);
	return k;
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static void fill(sqlite3 *db, const struct sizes *zin)
{
	struct sizes z = *zin;
	char (*dates)[24] = calloc((size_t)z.sessions, sizeof *dates);
	long long factor[MAX_FACTORS];
	int nfactors;
	double t0 = now_us();

	if (!dates)
		die("fill", "out of memory");
	nfactors = codebook_factors(db, factor);
	/* A big cache for the fill only; the timings reopen the database. */
	exec(db, "PRAGMA cache_size = -1048576; BEGIN");
	fill_orgs(db, &z);
	fill_people(db, &z);
	fill_sessions(db, &z, dates);
	fill_notes(db, &z, dates, factor, nfactors, &z.tags);
	z.attendance = fill_attendance(db, &z);
	exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)");
	free(dates);
	printf("filled in %.0f s: %d organisations, %d people, %d sessions of %d programmes,"
	       " %d notes, %lld tags on %d factors, %lld attendance rows\n",
	       (now_us() - t0) / 1e6, z.schools + z.partners, z.people, z.sessions, PROGRAMMES,
	       z.notes, z.tags, nfactors, z.attendance);
}

/* ---- timing ----------------------------------------------------------------- */

static sqlite3 *db;

/* What the operation being timed works on. */
static struct {
	note_filter nf;
	person_filter pf;
	const void *anchor;
	bool backward;
	long long session, note, person, factor;
	const char *name, *first, *last, *author;
	figure_filter fig;
	int flip;
} q;

static void check(int rc, const st_err *err)
{
	if (rc < 0)
		die("core", err->msg);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The slowest median timed since group_start, and what it was: a row of
 * the table of goals is the slowest of the queries that serve it. */
static struct {
	double ms;
	const char *what;
	int n;   /* timed since group_start */
} slowest;

static void group_start(void)
{
	slowest.ms = -1;
	slowest.what = NULL;
	slowest.n = 0;
}

/* The row of the table of goals for the queries timed since group_start:
 * the slowest of them against goal_ms. */
static void group_goal(const char *figure, double goal_ms)
{
	char goal[32];

	snprintf(goal, sizeof goal, "<= %.0f ms", goal_ms);
	if (slowest.n == 1)
		bench_goal(figure, goal, slowest.ms <= goal_ms, "%.2f ms", slowest.ms);
	else if (slowest.n > 1)
		bench_goal(figure, goal, slowest.ms <= goal_ms, "%.2f ms (the slowest of %d: %s)",
			   slowest.ms, slowest.n, slowest.what + strspn(slowest.what, " "));
	group_start();
}

/* Runs op once to warm up, then at least MIN_REPEAT times and for about
 * BUDGET_US, and prints the median. */
static void timed(const char *what, void (*op)(void))
{
	double sample[MAX_REPEAT], t0, total = 0;
	int n = 0;

	op();
	while (n < MIN_REPEAT || (n < MAX_REPEAT && total < BUDGET_US)) {
		t0 = now_us();
		op();
		sample[n] = now_us() - t0;
		total += sample[n++];
	}
	qsort(sample, (size_t)n, sizeof sample[0], cmp_double);
	printf("%-52s %10.3f ms\n", what, sample[n / 2] / 1000);
	fflush(stdout);
	slowest.n++;
	if (sample[n / 2] / 1000 > slowest.ms) {
		slowest.ms = sample[n / 2] / 1000;
		slowest.what = what;
	}
}

static void op_note_page(void)
{
	st_note rows[SCREEN];
	st_err err;
	int n = note_page(db, &q.nf, q.anchor, q.backward, rows, SCREEN, &err), i;

	check(n, &err);
	for (i = 0; i < n; i++)
		note_clear(&rows[i]);
}

/* The count a list's title and the review queue show: capped. */
static void op_note_count(void)
{
	st_err err;

	check((int)note_count_upto(db, &q.nf, NOTE_COUNT_CAP, &err), &err);
}

/* The exact count, for an export's progress or a command's summary. */
static void op_note_count_exact(void)
{
	st_err err;

	check((int)note_count(db, &q.nf, &err), &err);
}

static void op_next_untagged(void)
{
	st_note n;
	st_err err;

	check(note_next_untagged(db, NULL, q.note, &n, &err), &err);
	note_clear(&n);
}

static void op_note_groups(void)
{
	char *g[10];
	st_err err;
	int n = note_groups(db, q.session, q.name, g, 10, &err);

	check(n, &err);
	while (n > 0)
		free(g[--n]);
}

static void op_person_page(void)
{
	st_person rows[SCREEN];
	st_err err;
	int n = person_page(db, &q.pf, q.anchor, q.backward, rows, SCREEN, &err), i;

	check(n, &err);
	for (i = 0; i < n; i++)
		person_clear(&rows[i]);
}

static void op_person_count(void)
{
	st_err err;

	check((int)person_count(db, &q.pf, &err), &err);
}

static void op_person_count_capped(void)
{
	st_err err;

	check((int)person_count_capped(db, &q.pf, 1000, &err), &err);
}

static void op_person_similar(void)
{
	st_person rows[5];
	st_err err;
	int n = person_similar(db, q.first, q.last, 0, rows, 5, &err);

	check(n, &err);
	while (n > 0)
		person_clear(&rows[--n]);
}

static void op_attendance_page(void)
{
	st_attendee rows[SCREEN];
	st_err err;
	int n = attendance_page(db, q.session, q.name, NULL, false, rows, SCREEN, &err), i;

	check(n, &err);
	for (i = 0; i < n; i++)
		attendee_clear(&rows[i]);
}

static void op_attendance_counts(void)
{
	att_counts c;
	st_err err;

	check(attendance_counts(db, q.session, &c, &err), &err);
}

static void op_attendance_set(void)
{
	st_err err;

	q.flip = !q.flip;
	check(attendance_set(db, q.session, q.person, q.flip ? ATT_PRESENT : ATT_ABSENT, &err),
	      &err);
}

static void op_attendance_undo_redo(void)
{
	st_err err;

	check(attendance_undo(db, q.session, NULL, &err), &err);
	check(attendance_redo(db, q.session, NULL, &err), &err);
}

static void op_note_add(void)
{
	st_note n = { .session_id = q.session, .kind = "idea", .group_label = "tafel 3",
		      .author = "Kobe Vandenberghe",
		      .body = "Een nieuwe notitie: de leerlingen willen zelf een robot bouwen." };
	st_err err;

	check(note_add(db, &n, &err), &err);
}

static void op_draft_save(void)
{
	st_draft d = { .key = "session:1", .kind = "observation", .group_label = "tafel 1" };
	st_err err;

	q.flip = !q.flip;
	d.body = q.flip ? "De leerlingen bouwen een brug" : "De leerlingen bouwen een brug.";
	check(draft_save(db, &d, &err), &err);
}

static void op_tag_set(void)
{
	st_err err;

	q.flip = !q.flip;
	check(tag_set(db, q.note, q.factor, q.flip ? 1 : -1, NULL, &err), &err);
}

static void op_figures(void)
{
	static factor_figures fig[MAX_FACTORS];
	st_err err;

	check(factor_figures_all(db, &q.fig, fig, MAX_FACTORS, &err), &err);
}

static void op_cooccurrence(void)
{
	factor_cooccur c[10];
	st_err err;

	check(factor_cooccurrence(db, q.factor, &q.fig, c, 10, &err), &err);
}

static void op_most_used(void)
{
	st_factor f[9];
	st_err err;
	int n = factor_most_used(db, q.author, f, 9, &err);

	check(n, &err);
	while (n > 0)
		factor_clear(&f[--n]);
}

/* One id from sql (its first column). */
static long long one_id(const char *sql)
{
	sqlite3_stmt *st = prepare(db, sql);
	long long id = 0;

	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

static void time_all(void)
{
	long long session, programme, school, mid_id, category, leaf;
	st_note mid = { 0 };
	st_person pmid = { 0 };
	char sql[256];
	st_err err;

	/* A session halfway (its programme, one of its people, its host), a
	 * note and a person halfway through their lists, two factors. */
	session = one_id("SELECT id FROM session ORDER BY id LIMIT 1 OFFSET"
			 " (SELECT count(*) / 2 FROM session)");
	snprintf(sql, sizeof sql, "SELECT programme_id FROM session WHERE id = %lld", session);
	programme = one_id(sql);
	snprintf(sql, sizeof sql, "SELECT person_id FROM attendance WHERE session_id = %lld",
		 session);
	q.person = one_id(sql);
	snprintf(sql, sizeof sql, "SELECT host_org_id FROM session WHERE id = %lld", session);
	school = one_id(sql);
	mid_id = one_id("SELECT id FROM note ORDER BY created_at, id LIMIT 1 OFFSET"
			" (SELECT count(*) / 2 FROM note)");
	check(note_get(db, mid_id, &mid, &err), &err);
	check(person_get(db, one_id("SELECT id FROM person ORDER BY sort_key, id LIMIT 1 OFFSET"
				    " (SELECT count(*) / 2 FROM person)"), &pmid, &err), &err);
	category = one_id("SELECT id FROM factor WHERE code = 'TM'");
	leaf = one_id("SELECT id FROM factor WHERE code = 'LD2'");

	printf("\nnotes (a screen is %d rows)\n", SCREEN);
	q.nf = (note_filter){ .session_id = session };
	timed("  one session: first screen", op_note_page);
	q.backward = true;
	timed("  one session: last screen (End)", op_note_page);
	q.backward = false;
	timed("  one session: count", op_note_count);
	q.nf = (note_filter){ 0 };
	timed("  all notes: first screen", op_note_page);
	q.anchor = &mid;
	timed("  all notes: page down from the middle", op_note_page);
	q.backward = true;
	timed("  all notes: page up from the middle", op_note_page);
	q.anchor = NULL;
	timed("  all notes: last screen (End)", op_note_page);
	q.backward = false;
	group_start();
	timed("  all notes: count", op_note_count);
	group_goal("count of notes shown (capped at 1000+): all notes", 16);
	timed("  all notes: exact count (export)", op_note_count_exact);
	q.nf = (note_filter){ .programme_id = programme };
	timed("  one programme: first screen", op_note_page);
	group_start();
	timed("  one programme: count", op_note_count);
	group_goal("count of notes shown (capped at 1000+): one programme", 16);
	timed("  one programme: exact count (export)", op_note_count_exact);
	q.nf = (note_filter){ .session_kind = "focusgroep" };
	group_start();
	timed("  one kind of session: first screen", op_note_page);
	group_goal("notes of one kind of session: first screen", 16);
	q.nf = (note_filter){ .kind = "question" };
	timed("  one kind of note: first screen", op_note_page);
	q.nf = (note_filter){ .org_id = school };
	timed("  one school: first screen", op_note_page);
	q.nf = (note_filter){ .from = "2021-03-01", .to = "2021-03-31" };
	timed("  one month (2021-03-01 to 03-31): first screen", op_note_page);
	q.nf = (note_filter){ .group_label = "tafel 3" };
	timed("  one group label: first screen", op_note_page);
	q.nf = (note_filter){ .author = "Ine Verschueren" };
	timed("  one author: first screen", op_note_page);

	printf("\nnotes in the order of the session's date (the review's order)\n");
	q.nf = (note_filter){ .order = NOTE_ORDER_SESSION };
	timed("  all notes: first screen", op_note_page);
	q.anchor = &mid;
	timed("  all notes: page down from the middle", op_note_page);
	q.backward = true;
	timed("  all notes: page up from the middle", op_note_page);
	q.anchor = NULL;
	timed("  all notes: last screen (End)", op_note_page);
	q.nf = (note_filter){ .order = NOTE_ORDER_SESSION, .programme_id = programme };
	timed("  one programme: last screen", op_note_page);
	q.nf = (note_filter){ .order = NOTE_ORDER_SESSION, .session_kind = "focusgroep" };
	timed("  one kind of session: last screen", op_note_page);
	q.nf = (note_filter){ .order = NOTE_ORDER_SESSION, .kind = "question" };
	timed("  one kind of note: last screen", op_note_page);
	q.nf = (note_filter){ .order = NOTE_ORDER_SESSION, .org_id = school };
	timed("  one school: last screen", op_note_page);
	q.nf = (note_filter){ .order = NOTE_ORDER_SESSION, .from = "2021-03-01", .to = "2021-03-31" };
	timed("  one month (2021-03-01 to 03-31): last screen", op_note_page);
	q.nf = (note_filter){ .order = NOTE_ORDER_SESSION, .author = "Ine Verschueren" };
	timed("  one author: last screen", op_note_page);
	q.nf = (note_filter){ .order = NOTE_ORDER_SESSION, .trash = true };
	timed("  the trash: last screen", op_note_page);
	q.nf = (note_filter){ .order = NOTE_ORDER_SESSION, .factor_id = category };
	timed("  a category (TM, with its factors): last screen", op_note_page);
	q.nf = (note_filter){ .order = NOTE_ORDER_SESSION, .untagged = true };
	timed("  untagged: last screen", op_note_page);
	q.nf = (note_filter){ .order = NOTE_ORDER_SESSION, .search = "leerlingen" };
	timed("  common word (leerlingen): last screen", op_note_page);
	q.nf = (note_filter){ .order = NOTE_ORDER_SESSION, .search = "creat*" };
	timed("  prefix (creat*): last screen", op_note_page);
	q.nf = (note_filter){ .order = NOTE_ORDER_SESSION, .search = "\"tijd in het lesrooster\"" };
	timed("  phrase (\"tijd in het lesrooster\"): last screen", op_note_page);
	q.nf = (note_filter){ .order = NOTE_ORDER_SESSION, .search = "zzzgeenmatch" };
	timed("  no match: last screen", op_note_page);
	q.nf = (note_filter){ .order = NOTE_ORDER_SESSION, .search = "leerlingen",
			      .programme_id = programme };
	timed("  common word in one programme: last screen", op_note_page);
	q.backward = false;

	printf("\nsearch (full text)\n");
	q.nf = (note_filter){ .search = "leerlingen" };
	timed("  common word (leerlingen): first screen", op_note_page);
	timed("  common word (leerlingen): count", op_note_count);
	q.nf = (note_filter){ .search = "creat*" };
	group_start();
	timed("  prefix (creat*): first screen", op_note_page);
	group_goal("search with a prefix (creat*): first screen", 16);
	q.nf = (note_filter){ .search = "\"tijd in het lesrooster\"" };
	timed("  phrase (\"tijd in het lesrooster\"): first screen", op_note_page);
	q.nf = (note_filter){ .search = "creativiteit" };
	timed("  accent-folded (creativiteit): first screen", op_note_page);
	q.nf = (note_filter){ .search = "zzzgeenmatch" };
	timed("  no match: first screen", op_note_page);
	q.nf = (note_filter){ .search = "leerlingen", .session_id = session };
	timed("  common word in one session: first screen", op_note_page);

	printf("\nnotes by factor, review queue, group labels\n");
	q.nf = (note_filter){ .factor_id = category };
	timed("  a category (TM, with its factors): first screen", op_note_page);
	timed("  a category (TM, with its factors): count", op_note_count);
	q.nf = (note_filter){ .factor_id = leaf, .polarity = NOTE_POLARITY_BARRIER };
	timed("  a factor as barrier (LD2-): first screen", op_note_page);
	q.nf = (note_filter){ .untagged = true };
	timed("  untagged: first screen", op_note_page);
	timed("  untagged: count (review queue, each key)", op_note_count);
	q.note = mid_id;
	timed("  next untagged after the middle (Enter)", op_next_untagged);
	q.session = session;
	q.name = "";
	timed("  group labels to reuse, one session (F3)", op_note_groups);
	q.session = 0;
	q.name = "taf";
	timed("  group labels starting \"taf\"", op_note_groups);

	printf("\npeople\n");
	q.pf = (person_filter){ 0 };
	timed("  first screen", op_person_page);
	q.anchor = &pmid;
	timed("  page down from the middle", op_person_page);
	q.anchor = NULL;
	timed("  count", op_person_count);
	q.pf.name = "pe";
	timed("  name typed, 2 letters (pe): first screen", op_person_page);
	timed("  name typed, 2 letters (pe): count", op_person_count);
	q.pf.name = "zq";
	timed("  name typed, 2 letters, no match (zq)", op_person_page);
	q.pf = (person_filter){ .name = "v", .starts_first = true };
	group_start();
	timed("  people screen, 1 letter (v): first screen", op_person_page);
	timed("  people screen, 1 letter (v): count (1000+)", op_person_count_capped);
	q.pf.name = "pe";
	timed("  people screen, 2 letters (pe): first screen", op_person_page);
	timed("  people screen, 2 letters (pe): count (1000+)", op_person_count_capped);
	q.pf.name = "zq";
	timed("  people screen, 2 letters, no match (zq)", op_person_page);
	timed("  people screen, 2 letters, no match (zq): count", op_person_count_capped);
	q.pf.name = "ij";
	timed("  people screen, 2 letters, rare (ij): first screen", op_person_page);
	timed("  people screen, 2 letters, rare (ij): count", op_person_count_capped);
	group_goal("people (P): name typed with 1-2 letters, each query (page, count)", 16);
	q.pf = (person_filter){ .name = "pee" };
	timed("  name typed, 3 letters (pee): first screen", op_person_page);
	timed("  name typed, 3 letters (pee): count", op_person_count);
	q.pf.name = "francoise lef";
	timed("  name typed (francoise lef): first screen", op_person_page);
	q.pf = (person_filter){ .role = "directie" };
	timed("  one role (directie): first screen", op_person_page);
	timed("  one role (directie): count", op_person_count);
	q.pf = (person_filter){ .focus = "robotica" };
	timed("  one focus tag (robotica): first screen", op_person_page);
	q.first = "Jan";
	q.last = "Peeters";
	group_start();
	timed("  similar names (Jan Peeters)", op_person_similar);
	q.first = "Francoise";
	q.last = "Lefevre";
	timed("  similar names, a typo (Francoise Lefevre)", op_person_similar);
	group_goal("duplicate check for a newcomer (similar names)", 16);

	printf("\nattendance (one session)\n");
	q.session = session;
	q.name = NULL;
	timed("  first screen", op_attendance_page);
	q.name = "pee";
	timed("  name typed (pee): names starting with it first", op_attendance_page);
	q.name = "ine v";
	timed("  name typed (ine v): first and last name", op_attendance_page);
	q.name = "pe";
	group_start();
	timed("  name typed, 2 letters (pe)", op_attendance_page);
	q.name = "zq";
	timed("  name typed, 2 letters, no match (zq)", op_attendance_page);
	q.name = "v";
	timed("  name typed, 1 letter (v)", op_attendance_page);
	q.name = "ij";
	timed("  name typed, 2 letters, rare (ij)", op_attendance_page);
	group_goal("check-in (a): name typed with 1-2 letters, each query (page)", 16);
	q.name = "eet";
	timed("  name typed, only inside names (eet)", op_attendance_page);
	timed("  counts in the header", op_attendance_counts);

	printf("\nwrites (each one committed transaction)\n");
	timed("  check-in (attendance_set)", op_attendance_set);
	timed("  undo, then redo (attendance_undo, _redo)", op_attendance_undo_redo);
	timed("  new note (note_add)", op_note_add);
	timed("  draft (draft_save)", op_draft_save);
	q.factor = leaf;
	timed("  tag (tag_set)", op_tag_set);

	printf("\nfactors\n");
	q.fig = (figure_filter){ 0 };
	group_start();
	timed("  overview, all notes (factor_figures_all)", op_figures);
	group_goal("factor overview (F): its figures, all notes", 10);
	q.fig = (figure_filter){ .programme_id = programme };
	timed("  overview, one programme", op_figures);
	q.fig = (figure_filter){ .session_kind = "groeisessie" };
	timed("  overview, one kind of session", op_figures);
	q.fig = (figure_filter){ .programme_id = programme, .session_kind = "groeisessie" };
	timed("  overview, one programme and kind", op_figures);
	q.fig = (figure_filter){ .session_id = session };
	timed("  overview, one session", op_figures);
	q.fig = (figure_filter){ 0 };
	q.factor = category;
	timed("  shared with a category (factor_cooccurrence)", op_cooccurrence);
	q.author = NULL;
	timed("  digit keys, all notes (factor_most_used)", op_most_used);
	q.author = "Kobe Vandenberghe";
	timed("  digit keys, one author (factor_most_used)", op_most_used);

	note_clear(&mid);
	person_clear(&pmid);
}

int main(int argc, char **argv)
{
	double scale = argc > 1 ? strtod(argv[1], NULL) : 1.0;
	char tmp[] = "/tmp/stemtui-bench-data-XXXXXX", wal[4200];
	const char *path = argc > 2 ? argv[2] : NULL;
	struct sizes z;
	struct stat sb;
	bool reuse;
	st_err err;
	int fd;

	if (!(scale > 0 && scale <= 10)) {
		fprintf(stderr, "usage: bench_data [SCALE [DB [fill]]]   (SCALE from 0.001 to 10)\n");
		return 2;
	}
	z = (struct sizes){ (int)(3000 * scale), (int)(100 * scale), (int)(100000 * scale),
			    (int)(5000 * scale), (int)(1000000 * scale), 0, 0 };
	z.schools = z.schools < 10 ? 10 : z.schools;
	z.partners = z.partners < 2 ? 2 : z.partners;
	z.people = z.people < 100 ? 100 : z.people;
	z.sessions = z.sessions < PROGRAMMES ? PROGRAMMES : z.sessions;
	z.notes = z.notes < z.sessions * 4 ? z.sessions * 4 : z.notes;
	/* The codebook comes from the source tree unless told otherwise. */
	if (!getenv("STEMTUI_DATADIR"))
		setenv("STEMTUI_DATADIR", BENCH_DATADIR, 1);
	reuse = path && stat(path, &sb) == 0 && sb.st_size > 0;
	if (!path) {
		fd = mkstemp(tmp);
		if (fd < 0)
			return 1;
		close(fd);
		path = tmp;
	}
	if (db_open(path, &db, NULL, &err) != DB_OPEN_OK)
		die(path, err.msg);
	if (!reuse || one_id("SELECT count(*) FROM note") == 0)
		fill(db, &z);
	else
		printf("reusing %s\n", path);
	db_close(db);
	/* Timed as the program sees it: a fresh connection, its own cache. */
	if (db_open(path, &db, NULL, &err) != DB_OPEN_OK)
		die(path, err.msg);
	if (stat(path, &sb) == 0)
		printf("database %s: %.0f MB\n", path, (double)sb.st_size / 1e6);
	if (!(argc > 3 && strcmp(argv[3], "fill") == 0))
		time_all();
	db_close(db);
	if (path == tmp) {
		unlink(tmp);
		snprintf(wal, sizeof wal, "%s-wal", tmp);
		unlink(wal);
		snprintf(wal, sizeof wal, "%s-shm", tmp);
		unlink(wal);
	}
	return 0;
}
