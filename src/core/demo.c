/* demo.c: see demo.h.
 *
 * Everything here is made up: the schools beyond the programme's host
 * schools, the people, their e-mail addresses (under the reserved
 * .example top-level domain, so nothing ever reaches a real mailbox), who
 * coaches whom, who came, and the co-creation notes taken at the
 * groeisessies and focus groups, and the factors they are tagged with.  The data is fixed (no randomness), so the
 * demo looks the same every time and tests can count on it. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/demo.h"
#include "core/i18n.h"
#include "core/organisation.h"
#include "core/people.h"
#include "core/rowids.h"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

/* The programme whose sessions get attendance: the shipped one. */
#define DEMO_PROGRAMME "STEM++ 2017-2018"

static const struct demo_org {
	const char *kind, *name, *network, *street, *postcode, *city;
} orgs[] = {
	/* Host schools of the shipped programme: found, not duplicated. */
	{ "school", "VBS Sint-Lodewijk", "Katholiek Onderwijs Vlaanderen",
	  "Pladijsstraat 296", "8540", "Deerlijk" },
	{ "school", "VBS De Vliegenier", "Katholiek Onderwijs Vlaanderen",
	  "Opperweg 8", "9890", "Gavere-Semmerzake" },
	{ "school", "GO! De Luchtballon", "GO! onderwijs van de Vlaamse Gemeenschap",
	  "Sliksteenvest 1", "3300", "Tienen" },
	/* Made-up schools. */
	{ "school", "VBS De Regenboog", "Katholiek Onderwijs Vlaanderen",
	  "Kerkstraat 12", "9040", "Sint-Amandsberg" },
	{ "school", "GO! Basisschool Het Klavertje", "GO! onderwijs van de Vlaamse Gemeenschap",
	  "Molenstraat 5", "9300", "Aalst" },
	{ "school", "Sint-Lodewijkscollege basisschool", "Katholiek Onderwijs Vlaanderen",
	  "Collegestraat 3", "8200", "Sint-Andries" },
	{ "school", "Gemeentelijke Basisschool De Wingerd", "OVSG",
	  "Dorp-West 20", "9080", "Lochristi" },
	{ "school", "Stedelijke Basisschool De Knipoog", "OVSG",
	  "Lindenlaan 7", "9000", "Gent" },
	/* Partners. */
	{ "partner", "Arteveldehogeschool", "", "Hoogpoort 15", "9000", "Gent" },
	{ "partner", "STEM-academie Gent", "", "Dok-Noord 4", "9000", "Gent" },
	{ "partner", "Pedagogische begeleidingsdienst Oost-Vlaanderen", "",
	  "Stationsstraat 2", "9000", "Gent" },
};

/* Indexes into orgs, for the tables below. */
enum { SINT_LODEWIJK, VLIEGENIER, LUCHTBALLON, REGENBOOG, KLAVERTJE, COLLEGE,
       WINGERD, KNIPOOG, ARTEVELDE, ACADEMIE, BEGELEIDING, NO_ORG = -1 };

static const struct demo_person {
	const char *first, *last, *role;
	int org;
	const char *email, *focus;
} people[] = {
	/* techniekcoaches (0-3) */
	{ "Kobe", "Vandenberghe", "techniekcoach", ACADEMIE,
	  "kobe.vandenberghe@stem-academie.example", "programmeren,techniek" },
	{ "Ine", "Verschueren", "techniekcoach", ACADEMIE,
	  "ine.verschueren@stem-academie.example", "wetenschap" },
	{ "Mehmet", "Yılmaz", "techniekcoach", ACADEMIE,
	  "mehmet.yilmaz@stem-academie.example", "programmeren,wiskunde" },
	{ "Sofie", "D'Hondt", "techniekcoach", ACADEMIE,
	  "sofie.dhondt@stem-academie.example", "techniek,wetenschap" },
	/* leraren (4-25) */
	{ "Zoë", "Van den Broeck", "leraar", REGENBOOG, "zoe.vandenbroeck@deregenboog.example", "" },
	{ "Françoise", "Peeters", "leraar", SINT_LODEWIJK, "francoise.peeters@sint-lodewijk.example", "" },
	{ "Jan", "Peeters", "leraar", KLAVERTJE, "jan.peeters@hetklavertje.example", "" },
	{ "Lotte", "De Smet", "leraar", VLIEGENIER, "lotte.desmet@devliegenier.example", "" },
	{ "Charlotte", "Desmet", "leraar", COLLEGE, "charlotte.desmet@slc-basis.example", "" },
	{ "Lies", "Wouters", "leraar", COLLEGE, "lies.wouters@slc-basis.example", "" },
	{ "Pieter-Jan", "Claes", "leraar", LUCHTBALLON, "pieterjan.claes@deluchtballon.example", "" },
	{ "Elke", "Janssens", "leraar", WINGERD, "elke.janssens@dewingerd.example", "" },
	{ "Bram", "Maes", "leraar", KNIPOOG, "", "" },
	{ "An", "Jacobs", "leraar", REGENBOOG, "an.jacobs@deregenboog.example", "" },
	{ "Thomas", "Mertens", "leraar", KLAVERTJE, "thomas.mertens@hetklavertje.example", "" },
	{ "Hanne", "Willems", "leraar", SINT_LODEWIJK, "hanne.willems@sint-lodewijk.example", "" },
	{ "Nathalie", "Goossens", "leraar", VLIEGENIER, "", "" },
	{ "Wout", "Dubois", "leraar", LUCHTBALLON, "wout.dubois@deluchtballon.example", "" },
	{ "Jolien", "Lambrechts", "leraar", WINGERD, "jolien.lambrechts@dewingerd.example", "" },
	{ "Ruben", "De Clercq", "leraar", KNIPOOG, "ruben.declercq@deknipoog.example", "" },
	{ "Femke", "Hermans", "leraar", COLLEGE, "femke.hermans@slc-basis.example", "" },
	{ "Senne", "Van Damme", "leraar", REGENBOOG, "senne.vandamme@deregenboog.example", "" },
	{ "Yasmina", "El Amrani", "leraar", KNIPOOG, "yasmina.elamrani@deknipoog.example", "" },
	{ "Ann-Sophie", "Van de Velde", "leraar", SINT_LODEWIJK, "", "" },
	{ "Dries", "Coppens", "leraar", KLAVERTJE, "dries.coppens@hetklavertje.example", "" },
	{ "Eline", "Verhoeven", "leraar", VLIEGENIER, "eline.verhoeven@devliegenier.example", "" },
	/* directie (26-30) */
	{ "Marc", "Claeys", "directie", SINT_LODEWIJK, "directie@sint-lodewijk.example", "" },
	{ "Hilde", "Aerts", "directie", LUCHTBALLON, "directie@deluchtballon.example", "" },
	{ "Koen", "De Wilde", "directie", REGENBOOG, "koen.dewilde@deregenboog.example", "" },
	{ "Greet", "Michiels", "directie", WINGERD, "greet.michiels@dewingerd.example", "" },
	{ "Erik", "Van Acker", "directie", COLLEGE, "erik.vanacker@slc-basis.example", "" },
	/* pedagogisch begeleiders (31-33) */
	{ "Katrien", "Bogaert", "pedagogisch-begeleider", BEGELEIDING,
	  "katrien.bogaert@pbd-ovl.example", "wetenschap" },
	{ "Wim", "Verstraete", "pedagogisch-begeleider", BEGELEIDING,
	  "wim.verstraete@pbd-ovl.example", "" },
	{ "Saskia", "Dewulf", "pedagogisch-begeleider", BEGELEIDING, "", "" },
	/* lerarenopleiders (34-36) */
	{ "Tine", "Vanhove", "lerarenopleider", ARTEVELDE, "tine.vanhove@arteveldehs.example", "wiskunde" },
	{ "Bart", "Van Hecke", "lerarenopleider", ARTEVELDE, "bart.vanhecke@arteveldehs.example", "" },
	{ "Nele", "Baert", "lerarenopleider", ARTEVELDE, "nele.baert@arteveldehs.example", "" },
	/* onderzoekers (37-38) */
	{ "Leen", "Deprez", "onderzoeker", ARTEVELDE, "leen.deprez@arteveldehs.example", "" },
	{ "Arne", "Smets", "onderzoeker", ARTEVELDE, "arne.smets@arteveldehs.example", "" },
	/* other (39-40) */
	{ "Ilse", "Vandamme", "andere", ACADEMIE, "ilse.vandamme@stem-academie.example", "" },
	{ "Jonas", "Wuyts", "andere", NO_ORG, "", "" },
};

/* Who coaches which schools (indexes into people and orgs). */
static const struct demo_coaching {
	int coach, school;
} coaching[] = {
	{ 0, REGENBOOG }, { 0, KLAVERTJE }, { 0, VLIEGENIER },
	{ 1, COLLEGE }, { 1, SINT_LODEWIJK },
	{ 2, LUCHTBALLON }, { 2, WINGERD }, { 2, KNIPOOG },
	{ 3, KNIPOOG }, { 3, REGENBOOG },
};

/* Who was registered for which session, and what became of it.  Status
 * keys as stored; an arrival time only for present. */
struct demo_att {
	int person;
	const char *status, *arrived;
};
static const struct demo_att cop01[] = {   /* 13:00, VBS De Vliegenier */
	{ 0, "present", "12:41" }, { 7, "present", "12:48" }, { 16, "present", "12:50" },
	{ 25, "present", "12:52" }, { 4, "present", "12:55" }, { 13, "present", "12:57" },
	{ 31, "present", "12:58" }, { 34, "present", "13:01" }, { 5, "present", "13:04" },
	{ 26, "present", "13:12" }, { 10, "absent", NULL }, { 21, "excused", NULL },
	{ 37, "present", "12:59" },
};
static const struct demo_att cop06[] = {   /* 09:00, VBS Sint-Lodewijk */
	{ 1, "present", "08:39" }, { 5, "present", "08:44" }, { 15, "present", "08:47" },
	{ 23, "present", "08:49" }, { 26, "present", "08:50" }, { 8, "present", "08:52" },
	{ 9, "present", "08:53" }, { 20, "present", "08:55" }, { 30, "present", "08:58" },
	{ 32, "present", "09:02" }, { 38, "present", "09:06" }, { 12, "absent", NULL },
	{ 35, "excused", NULL }, { 24, "excused", NULL },
};
static const struct demo_att cop07[] = {   /* 09:00, Gent: the growth session */
	{ 0, "present", "08:45" }, { 1, "present", "08:51" }, { 2, "present", "08:52" },
	{ 3, "present", "08:54" }, { 4, "present", "08:56" }, { 5, "present", "08:57" },
	{ 6, "present", "08:58" }, { 11, "present", "09:01" }, { 14, "present", "09:03" },
	{ 17, "present", "09:05" }, { 22, "present", "09:09" }, { 27, "present", "08:59" },
	{ 33, "present", "09:12" }, { 36, "present", "09:14" }, { 19, "absent", NULL },
	{ 29, "excused", NULL }, { 18, "absent", NULL },
};
static const struct demo_att cop08[] = {   /* 09:30, Gent: at the door now */
	{ 0, "present", "09:14" }, { 2, "present", "09:18" }, { 4, "present", "09:21" },
	{ 1, "expected", NULL }, { 3, "expected", NULL }, { 5, "expected", NULL },
	{ 6, "expected", NULL }, { 7, "expected", NULL }, { 9, "expected", NULL },
	{ 13, "expected", NULL }, { 16, "expected", NULL }, { 22, "expected", NULL },
	{ 28, "expected", NULL }, { 31, "expected", NULL }, { 34, "expected", NULL },
	{ 37, "expected", NULL }, { 39, "expected", NULL }, { 40, "expected", NULL },
	{ 24, "excused", NULL },
};
static const struct demo_session {
	const char *code;
	const struct demo_att *att;
	size_t n;
} sessions[] = {
	{ "COP 01", cop01, COUNT(cop01) },
	{ "COP 06", cop06, COUNT(cop06) },
	{ "COP 07", cop07, COUNT(cop07) },
	{ "COP 08", cop08, COUNT(cop08) },
};

/* Co-creation notes taken at the groeisessies (COP 07, 09, 08, in the order
 * they were held) and the focus groups (COP 10-12, dated by month in the
 * programme: held on 8, 15 and 22 November).  person and org are what the
 * note is about (indexes into people and orgs, or NO_ORG). */
#define NO_PERSON (-1)
static const struct demo_note {
	const char *code, *at, *kind, *group, *author;
	int person, org;
	const char *body;
} notes[] = {
	/* COP 07, Groeisessie 1, 31 May 2018 */
	{ "COP 07", "2018-05-31 09:22:10", "observation", "tafel 1", "Leen Deprez", NO_PERSON, NO_ORG,
	  "Drie van de vier scholen aan deze tafel hebben nog geen gedeelde visie op STEM. "
	  "Het hangt nu af van één enthousiaste leerkracht." },
	{ "COP 07", "2018-05-31 09:26:45", "quote", "tafel 1", "Leen Deprez", NO_PERSON, NO_ORG,
	  "Als ik morgen vertrek, valt STEM bij ons stil." },
	{ "COP 07", "2018-05-31 09:31:02", "observation", "tafel 2", "Leen Deprez", NO_PERSON, NO_ORG,
	  "Draagvlak in het team groeit pas als collega's zelf iets uitproberen. "
	  "Een studiedag alleen volstaat niet." },
	{ "COP 07", "2018-05-31 09:35:37", "quote", "tafel 2", "Leen Deprez", 4, NO_ORG,
	  "Zoë: \"De kinderen tonen zoveel creativiteit als ze zelf mogen ontwerpen, "
	  "dat had ik niet verwacht.\"" },
	{ "COP 07", "2018-05-31 09:41:18", "question", "tafel 3", "Leen Deprez", NO_PERSON, NO_ORG,
	  "Hoe vinden we tijd in het lesrooster voor STEM zonder dat wiskunde of taal inboet?" },
	{ "COP 07", "2018-05-31 09:47:51", "idea", "tafel 3", "Leen Deprez", NO_PERSON, NO_ORG,
	  "Eén vaste STEM-namiddag per twee weken, afwisselend per graad.\n"
	  "De zorgleerkracht sluit aan, zodat er met twee begeleid kan worden." },
	{ "COP 07", "2018-05-31 09:53:04", "observation", "tafel 4", "Leen Deprez", NO_PERSON, NO_ORG,
	  "Materiaal is er vaak wel (robotjes, bouwdozen), maar niemand weet waar het staat "
	  "of hoe het werkt. Er is nood aan een inventaris en een verantwoordelijke." },
	{ "COP 07", "2018-05-31 10:02:29", "action", "tafel 4", "Leen Deprez", NO_PERSON, NO_ORG,
	  "Tegen de volgende groeisessie maakt elke school een lijst van het STEM-materiaal "
	  "dat al aanwezig is." },
	{ "COP 07", "2018-05-31 10:15:40", "idea", "tafel 1", "Leen Deprez", NO_PERSON, NO_ORG,
	  "Een STEM-trekker per school aanduiden, met een paar uur vrijgesteld in de opdracht." },
	{ "COP 07", "2018-05-31 10:24:13", "question", "tafel 2", "Leen Deprez", NO_PERSON, NO_ORG,
	  "Wie bewaakt de leerlijn over de leerjaren heen? Nu doet elk leerjaar zijn eigen project." },
	{ "COP 07", "2018-05-31 10:38:55", "quote", "tafel 3", "Leen Deprez", NO_PERSON, NO_ORG,
	  "We hebben ideeën genoeg, we hebben vooral tijd nodig om ze uit te werken." },
	{ "COP 07", "2018-05-31 11:05:32", "observation", "", "Leen Deprez", NO_PERSON, NO_ORG,
	  "Plenair: de vier tafels noemen dezelfde drempels: tijd, draagvlak bij collega's "
	  "en onduidelijkheid over wat STEM in de basisschool precies is.\n"
	  "\n"
	  "De techniekcoaches merken op dat scholen met een visietekst sneller vooruitgaan." },
	/* COP 09, Groeisessie 3, 15 October 2018 */
	{ "COP 09", "2018-10-15 09:48:20", "observation", "tafel 1", "Arne Smets", NO_PERSON, NO_ORG,
	  "Twee scholen hebben sinds mei een STEM-werkgroep opgericht. Ze komen maandelijks "
	  "samen tijdens de personeelsvergadering." },
	{ "COP 09", "2018-10-15 09:55:03", "quote", "tafel 1", "Arne Smets", NO_PERSON, NO_ORG,
	  "Sinds de directie mee in de werkgroep zit, is er eindelijk draagvlak." },
	{ "COP 09", "2018-10-15 10:03:47", "idea", "tafel 2", "Arne Smets", NO_PERSON, NO_ORG,
	  "Ouders met een technisch beroep uitnodigen als expert in de klas; "
	  "een oproep via de nieuwsbrief." },
	{ "COP 09", "2018-10-15 10:12:31", "observation", "tafel 2", "Arne Smets", NO_PERSON, NO_ORG,
	  "Samenwerking met bedrijven loopt moeizaam: bedrijven willen wel, maar de school "
	  "weet niet wie ze moet contacteren." },
	{ "COP 09", "2018-10-15 10:20:09", "question", "tafel 3", "Arne Smets", NO_PERSON, NO_ORG,
	  "Moet STEM een apart vak in het lesrooster worden, of geïntegreerd in WO en wiskunde?" },
	{ "COP 09", "2018-10-15 10:34:44", "action", "tafel 3", "Arne Smets", NO_PERSON, NO_ORG,
	  "De techniekcoach bezorgt voorbeelden van leerlijnen techniek voor de kleuterschool "
	  "en het lager." },
	{ "COP 09", "2018-10-15 10:47:12", "observation", "tafel 4", "Arne Smets", NO_PERSON, NO_ORG,
	  "Leerkrachten voelen zich onzeker bij programmeren. Ze vragen een korte opleiding "
	  "op school, liefst met hun eigen klas erbij." },
	{ "COP 09", "2018-10-15 11:10:58", "quote", "tafel 4", "Arne Smets", NO_PERSON, NO_ORG,
	  "Ik durf het nu, omdat ik weet dat ik de techniekcoach altijd kan bellen." },
	/* COP 08, Groeisessie 2, 22 October 2018 */
	{ "COP 08", "2018-10-22 09:41:26", "observation", "tafel 1", "Leen Deprez", NO_PERSON, NO_ORG,
	  "Bij de start van het schooljaar is STEM in de jaarplanning opgenomen, maar bij de "
	  "eerste drukte verdwijnt het weer." },
	{ "COP 08", "2018-10-22 09:46:08", "idea", "tafel 1", "Leen Deprez", NO_PERSON, NO_ORG,
	  "STEM koppelen aan bestaande projecten (het schoolfeest, de sportdag) in plaats van "
	  "er iets bij te doen." },
	{ "COP 08", "2018-10-22 09:52:39", "question", "tafel 2", "Leen Deprez", NO_PERSON, NO_ORG,
	  "Hoe evalueren we STEM-vaardigheden? Een rapportcijfer voelt verkeerd aan." },
	{ "COP 08", "2018-10-22 09:58:15", "quote", "tafel 2", "Leen Deprez", NO_PERSON, NO_ORG,
	  "Het proces is belangrijker dan het product, maar de ouders zien alleen het product." },
	{ "COP 08", "2018-10-22 10:07:50", "observation", "tafel 3", "Leen Deprez", NO_PERSON, REGENBOOG,
	  "De STEM-trekker van De Regenboog heeft een STEM-kast per graad ingericht; "
	  "collega's lenen nu zelf materiaal uit." },
	{ "COP 08", "2018-10-22 10:15:21", "action", "tafel 3", "Leen Deprez", NO_PERSON, NO_ORG,
	  "Foto's van de STEM-kast delen met de andere scholen van het netwerk." },
	{ "COP 08", "2018-10-22 10:26:34", "idea", "tafel 4", "Leen Deprez", NO_PERSON, NO_ORG,
	  "Een leerlijn opbouwen rond de stappen van ontwerpend leren:\n"
	  "probleem verkennen, ideeën bedenken, maken, testen, verbeteren." },
	{ "COP 08", "2018-10-22 10:40:02", "observation", "tafel 4", "Leen Deprez", NO_PERSON, NO_ORG,
	  "Er komt tijd in het lesrooster vrij door wereldoriëntatie en techniek samen te plannen." },
	/* COP 10, focus group, 8 November 2018 */
	{ "COP 10", "2018-11-08 09:20:14", "observation", "VBS De Regenboog", "Leen Deprez",
	  NO_PERSON, REGENBOOG,
	  "Het team schreef samen een visietekst over STEM; die hangt nu in de leraarskamer "
	  "en staat in het schoolwerkplan." },
	{ "COP 10", "2018-11-08 09:34:41", "quote", "VBS De Regenboog", "Leen Deprez", 4, REGENBOOG,
	  "STEM is geen vak, het is een manier van kijken. (Zoë)" },
	{ "COP 10", "2018-11-08 09:51:27", "observation", "GO! Basisschool Het Klavertje",
	  "Leen Deprez", NO_PERSON, KLAVERTJE,
	  "Geen vaste STEM-trekker meer sinds de leerkracht die het trok met pensioen ging. "
	  "Het materiaal staat ongebruikt in de turnzaal." },
	{ "COP 10", "2018-11-08 10:05:36", "question", "GO! Basisschool Het Klavertje",
	  "Leen Deprez", NO_PERSON, KLAVERTJE,
	  "Hoe borgen we wat er opgebouwd is als één persoon vertrekt?" },
	{ "COP 10", "2018-11-08 10:22:03", "action", "GO! Basisschool Het Klavertje",
	  "Leen Deprez", NO_PERSON, KLAVERTJE,
	  "De directie bekijkt of twee leerkrachten samen STEM-trekker kunnen zijn, "
	  "met een half uur overleg per week." },
	/* COP 11, focus group, 15 November 2018 */
	{ "COP 11", "2018-11-15 09:15:48", "observation", "Gemeentelijke Basisschool De Wingerd",
	  "Arne Smets", NO_PERSON, WINGERD,
	  "Samenwerking met een lokaal bedrijf (een schrijnwerkerij): de leerlingen ontwierpen "
	  "vogelhuisjes en bouwden ze in het atelier.\n"
	  "Ouders kwamen kijken naar de presentatie." },
	{ "COP 11", "2018-11-15 09:31:22", "quote", "Gemeentelijke Basisschool De Wingerd",
	  "Arne Smets", NO_PERSON, WINGERD,
	  "De ouders waren even enthousiast als de kinderen, dat gaf ons team een duw in de rug." },
	{ "COP 11", "2018-11-15 09:50:10", "observation", "Stedelijke Basisschool De Knipoog",
	  "Arne Smets", NO_PERSON, KNIPOOG,
	  "De school heeft veel anderstalige leerlingen; STEM-opdrachten met weinig tekst "
	  "werken goed, ook voor hun taalontwikkeling." },
	{ "COP 11", "2018-11-15 10:04:55", "idea", "Stedelijke Basisschool De Knipoog",
	  "Arne Smets", NO_PERSON, KNIPOOG,
	  "Samen met de ouders een woordenlijst met STEM-begrippen in de thuistalen maken." },
	{ "COP 11", "2018-11-15 10:18:37", "question", "Stedelijke Basisschool De Knipoog",
	  "Arne Smets", NO_PERSON, KNIPOOG,
	  "Kan de techniekcoach ook na het project blijven langskomen, bijvoorbeeld één keer "
	  "per trimester?" },
	/* COP 12, focus group, 22 November 2018 */
	{ "COP 12", "2018-11-22 09:12:19", "observation", "VBS Sint-Lodewijk", "Leen Deprez",
	  NO_PERSON, SINT_LODEWIJK,
	  "De leerlijn techniek is uitgeschreven van de derde kleuterklas tot het zesde "
	  "leerjaar; elk leerjaar heeft twee STEM-projecten." },
	{ "COP 12", "2018-11-22 09:29:06", "quote", "VBS Sint-Lodewijk", "Leen Deprez",
	  NO_PERSON, SINT_LODEWIJK,
	  "Het lesrooster zit zo vol dat we geen tijd vinden voor overleg in het team." },
	{ "COP 12", "2018-11-22 09:47:33", "observation", "VBS De Vliegenier", "Leen Deprez",
	  NO_PERSON, VLIEGENIER,
	  "Een makerspace in een leeg klaslokaal; leerlingen van het vijfde leerjaar begeleiden "
	  "de jongere klassen." },
	{ "COP 12", "2018-11-22 10:03:51", "idea", "GO! De Luchtballon", "Leen Deprez",
	  NO_PERSON, LUCHTBALLON,
	  "Eén STEM-dag per jaar met alle scholen van de scholengemeenschap, waar leerlingen "
	  "elkaars ontwerpen testen." },
	{ "COP 12", "2018-11-22 10:20:44", "action", "", "Leen Deprez", NO_PERSON, NO_ORG,
	  "De verslagen van de drie focusgroepen bundelen en vóór de uitwisselsessie van "
	  "december terugkoppelen naar de scholen." },
};

/* The factors each note is tagged with (codes of the starter codebook,
 * + enabler, - barrier), in the order of notes; five are left untagged
 * for the review queue.  A code the codebook lacks is skipped. */
static const char *const note_tags[] = {
	"VB1- LD2-", "LD2- BO3-", "TM3 TM1-", "DI3+",
	"OR1-", "OR1+ TM2+", "OR2-", "",
	"LD2+ OR3+", "DI1-", "OR1-", "OR1- TM3- VB1+",
	"LD2+ TM2+", "LD1+ TM3+", "PA1+", "PA2-",
	"DI2 OR1", "", "TM1-", "PA5+ TM1+",
	"VB2- BO3-", "DI2+", "DI6-", "DI6 PA1-",
	"LD2+ OR2+ TM2+", "", "DI1+ DI3+", "OR1+ DI2+",
	"VB1+ VB2+", "VB1+ DI2+", "LD2- BO3- OR2-", "BO3-",
	"LD1+ LD2+", "PA2+ PA1+ DI3+", "PA1+ TM3+", "LL3+",
	"", "PA5 BO3", "DI1+ BO3+", "OR1- TM2-",
	"OR2+", "DI3+ TM2+", "",
};
_Static_assert(sizeof note_tags / sizeof note_tags[0] == sizeof notes / sizeof notes[0],
	       "one tag list per demo note");

static int seed_orgs(sqlite3 *db, long long *org_id, st_err *err)
{
	sqlite3_stmt *st;
	size_t i;
	int rc = 0;

	st = db_prepare(db, "UPDATE organisation SET network = ?2"
			    " WHERE id = ?1 AND network = ''", err);
	if (!st)
		return -1;
	for (i = 0; i < COUNT(orgs) && rc == 0; i++) {
		const struct demo_org *o = &orgs[i];

		rc = org_find_or_create(db, o->kind, o->name, o->street, o->postcode,
					o->city, &org_id[i], err);
		if (rc == 0 && *o->network) {
			sqlite3_bind_int64(st, 1, org_id[i]);
			sqlite3_bind_text(st, 2, o->network, -1, SQLITE_STATIC);
			rc = db_step_reset(db, st, err);
		}
	}
	sqlite3_finalize(st);
	return rc;
}

static int seed_people(sqlite3 *db, const long long *org_id, long long *person_id,
		       st_err *err)
{
	size_t i;

	for (i = 0; i < COUNT(people); i++) {
		const struct demo_person *d = &people[i];
		/* person_save_in_tx reads these strings and does not keep or
		 * free them. */
		st_person p = {
			.first_name = (char *)d->first,
			.last_name = (char *)d->last,
			.role = (char *)d->role,
			.organisation_id = d->org == NO_ORG ? 0 : org_id[d->org],
			.email = (char *)d->email,
			.focus = (char *)d->focus,
		};

		if (person_save_in_tx(db, &p, err) != 0)
			return -1;
		person_id[i] = p.id;
	}
	return 0;
}

/* Plain SQL: coaching_link commits on its own. */
static int seed_coaching(sqlite3 *db, const long long *org_id, const long long *person_id,
			 st_err *err)
{
	sqlite3_stmt *st;
	size_t i;
	int rc = 0;

	st = db_prepare(db, "INSERT OR IGNORE INTO coaching (coach_id, school_id)"
			    " VALUES (?1, ?2)", err);
	if (!st)
		return -1;
	for (i = 0; i < COUNT(coaching) && rc == 0; i++) {
		sqlite3_bind_int64(st, 1, person_id[coaching[i].coach]);
		sqlite3_bind_int64(st, 2, org_id[coaching[i].school]);
		rc = db_step_reset(db, st, err);
	}
	sqlite3_finalize(st);
	return rc;
}

/* The id of a session of the demo programme by code: 1, 0 when the
 * shipped programme no longer has it, -1 on error. */
static int session_id(sqlite3 *db, sqlite3_stmt *st, const char *code, long long *id,
		      st_err *err)
{
	int rc;

	sqlite3_bind_text(st, 1, DEMO_PROGRAMME, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : db_error(db, err);
}

/* Attendance rows are written with plain SQL: attendance_set commits each
 * change (and logs it for undo), while the demo is one transaction with
 * nothing to undo. */
static int seed_attendance(sqlite3 *db, const long long *person_id, st_err *err)
{
	sqlite3_stmt *find, *ins;
	size_t i, j;
	int rc = 0, found;

	find = db_prepare(db, "SELECT s.id FROM session s JOIN programme p ON p.id = s.programme_id"
			      " WHERE p.name = ?1 AND s.code = ?2", err);
	if (!find)
		return -1;
	/* arrived_at is local HH:MM, as attendance_set writes it; updated_at
	 * (UTC, ISO 8601) is made up from the session's date and time. */
	ins = db_prepare(db, "INSERT INTO attendance"
			     " (session_id, person_id, status, arrived_at, updated_at)"
			     " SELECT ?1, ?2, ?3, ?4, s.date || 'T' ||"
			     "  coalesce(?4, nullif(s.start_time, ''), '09:00') || ':00Z'"
			     " FROM session s WHERE s.id = ?1", err);
	if (!ins) {
		sqlite3_finalize(find);
		return -1;
	}
	for (i = 0; i < COUNT(sessions) && rc == 0; i++) {
		long long sid = 0;

		found = session_id(db, find, sessions[i].code, &sid, err);
		if (found < 0)
			rc = -1;
		for (j = 0; found == 1 && j < sessions[i].n && rc == 0; j++) {
			const struct demo_att *a = &sessions[i].att[j];

			sqlite3_bind_int64(ins, 1, sid);
			sqlite3_bind_int64(ins, 2, person_id[a->person]);
			sqlite3_bind_text(ins, 3, a->status, -1, SQLITE_STATIC);
			if (a->arrived)
				sqlite3_bind_text(ins, 4, a->arrived, -1, SQLITE_STATIC);
			rc = db_step_reset(db, ins, err);
		}
	}
	sqlite3_finalize(find);
	sqlite3_finalize(ins);
	return rc;
}

/* Tags the note just written with the codes in list ("VB1+ LD2- TM3"). */
static int seed_tags(sqlite3 *db, sqlite3_stmt *tag, long long note_id, const char *list,
		     st_err *err)
{
	char code[64];
	const char *p = list;
	size_t len;
	int polarity;

	while (*p) {
		while (*p == ' ')
			p++;
		len = strcspn(p, " ");
		if (len == 0 || len >= sizeof code)
			break;
		memcpy(code, p, len);
		code[len] = '\0';
		p += len;
		polarity = code[len - 1] == '+' ? 1 : code[len - 1] == '-' ? -1 : 0;
		if (polarity)
			code[len - 1] = '\0';
		sqlite3_bind_int64(tag, 1, note_id);
		sqlite3_bind_text(tag, 2, code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(tag, 3, polarity);
		if (db_step_reset(db, tag, err) != 0)
			return -1;
	}
	return 0;
}

/* Notes are written with plain SQL too: note_add commits each one and
 * stamps the time now. */
static int seed_notes(sqlite3 *db, const long long *org_id, const long long *person_id,
		      st_err *err)
{
	sqlite3_stmt *find, *ins, *tag;
	size_t i;
	int rc = 0, found;

	tag = db_prepare(db, "INSERT OR IGNORE INTO tag (note_id, factor_id, polarity)"
			     " SELECT ?1, id, ?3 FROM factor WHERE code = ?2", err);
	if (!tag)
		return -1;
	find = db_prepare(db, "SELECT s.id FROM session s JOIN programme p ON p.id = s.programme_id"
			      " WHERE p.name = ?1 AND s.code = ?2", err);
	if (!find) {
		sqlite3_finalize(tag);
		return -1;
	}
	ins = db_prepare(db, "INSERT INTO note (id, session_id, kind, body, group_label,"
			     " about_person_id, about_org_id, author, created_at, updated_at)"
			     " VALUES (?9, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)", err);
	if (!ins) {
		sqlite3_finalize(find);
		sqlite3_finalize(tag);
		return -1;
	}
	for (i = 0; i < COUNT(notes) && rc == 0; i++) {
		const struct demo_note *d = &notes[i];
		long long sid = 0, new_id = 0;

		found = session_id(db, find, d->code, &sid, err);
		if (found < 0 || (found == 1 && rowid_new(db, "note", 0, &new_id, err) != 0))
			rc = -1;
		if (found != 1 || rc != 0)
			continue;
		rowid_bind(ins, 9, new_id);
		sqlite3_bind_int64(ins, 1, sid);
		sqlite3_bind_text(ins, 2, d->kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, d->body, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 4, d->group, -1, SQLITE_STATIC);
		if (d->person != NO_PERSON)
			sqlite3_bind_int64(ins, 5, person_id[d->person]);
		if (d->org != NO_ORG)
			sqlite3_bind_int64(ins, 6, org_id[d->org]);
		sqlite3_bind_text(ins, 7, d->author, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 8, d->at, -1, SQLITE_STATIC);
		rc = db_step_reset(db, ins, err);
		if (rc == 0)
			rc = seed_tags(db, tag, sqlite3_last_insert_rowid(db), note_tags[i], err);
	}
	sqlite3_finalize(find);
	sqlite3_finalize(ins);
	sqlite3_finalize(tag);
	return rc;
}

int demo_seed(sqlite3 *db, st_err *err)
{
	long long org_id[COUNT(orgs)], person_id[COUNT(people)];

	if (db_begin(db, err) != 0)
		return -1;
	if (seed_orgs(db, org_id, err) != 0 ||
	    seed_people(db, org_id, person_id, err) != 0 ||
	    seed_coaching(db, org_id, person_id, err) != 0 ||
	    seed_attendance(db, person_id, err) != 0 ||
	    seed_notes(db, org_id, person_id, err) != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}
