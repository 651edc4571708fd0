/* SPDX-License-Identifier: Apache-2.0 */
/* The consistency rules: a model of the deliberation built once from the
 * tree, then the table of rules, each a small function. See check.h. */
#include "check.h"
#include "attendance.h"
#include "tables.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "convocation.h"
#include "era.h"
#include "french.h"
#include "french_vote.h"
#include "namespaces.h"

#define COUNT_MAX 1000000000000LL  /* counts are clamped here: no overflow in sums */

/* ---- the model ------------------------------------------------------------ */

enum status { S_NONE = ATT_NONE, S_PRESENT = ATT_PRESENT, S_PROXY = ATT_PROXY, S_EXCUSED = ATT_EXCUSED, S_ABSENT = ATT_ABSENT };
enum choice { V_NONE, V_POUR, V_CONTRE, V_ABSTENTION, V_NPP };

typedef struct member {
	xmlNodePtr node;          /* the conseiller */
	const char *id, *name;    /* name: "Prénom Nom" */
	int feminine;             /* civilite="Mme": the messages agree with it */
	int substitute;           /* a suppléant (L5211-6), not a member in office */
	int titular;              /* for a substitute: whom they sit for (-1: unknown) */
	int remote;               /* present at a distance at the opening */
	int status;               /* first entry of the presences */
	xmlNodePtr entry;         /* that entry */
	int holds;                /* proxies held */
	int holder;               /* for S_PROXY: who holds the proxy (-1: unknown) */
	int interested;           /* personal interest in the affair (L2131-11) */
	int vote_status;          /* at this deliberation's vote, after the movements */
	int vote_holder;          /* for vote_status S_PROXY: who holds the proxy then */
	int choice;               /* per-member vote of a public ballot */
	xmlNodePtr vote_entry;
} member;

typedef struct entry {
	xmlNodePtr node;          /* present, pouvoir, excuse or absent */
	int kind;                 /* S_PRESENT… */
	int member, holder;       /* indices into members (-1: unknown) */
} entry;

/* An arrival or a departure during the séance, before this vote. */
typedef struct movement {
	xmlNodePtr node;
	att_movement a;           /* member, holder (depart/@pouvoir-a), fault */
} movement;

typedef struct votant {
	xmlNodePtr node;
	int member;
	int choice;
} votant;

typedef struct rule_row rule_row;

typedef struct id_index {
	const char *id;
	int member;
} id_index;

typedef struct model {
	srcpos *pos;
	int draft;
	diag_list *diags;
	int errors;
	const rule_row *rule;   /* the rule running: id and severity of what it reports */
	xmlNodePtr root, collectivite, seance, conseillers, presences, president, vote, signataire, executoire;
	member *members;
	int nmembers;
	id_index *by_id;          /* members sorted by id, for find_member() */
	entry *entries;
	int nentries;
	int npresent, nproxies;           /* at the opening */
	int nremote, nremote_moves;       /* present at a distance at the opening; arrivals at a distance */
	int nsubstitutes;                 /* suppléants declared */
	movement *movements;
	int nmovements;
	int npresent_vote, nproxies_vote; /* at this deliberation's vote */
	int nremote_vote;                 /* of the present, those at a distance */
	xmlNodePtr *secretaries;
	int nsecretaries;
	votant *votants;
	int nvotants;
	xmlNodePtr *interested;
	int ninterested;
	int president_member;
	/* attribute values (owned by strings[]) */
	const char *numero, *nature, *type, *siren, *departement, *date, *convocation, *sans_quorum;
	const char *urgency_ruling;  /* seance/@urgence-reconnue */
	long long population, largest_commune, en_exercice, presents_ouverture;
	int has_population, urgency;
	long day, convocation_day;   /* days since 1970-01-01 */
	const era *era;
	const char *scrutin, *resultat, *mention, *casting;
	long long pour, contre, abstentions, npp;
	char **strings;
	int nstrings, capstrings;
	int oom;
} model;

static const char *keep(model *m, char *s)
{
	if (!s)
		return NULL;
	if (m->nstrings == m->capstrings) {
		int cap = m->capstrings ? m->capstrings * 2 : 64;
		char **a = realloc(m->strings, sizeof *a * (size_t)cap);
		if (!a) {
			xmlFree(s);
			m->oom = 1;
			return NULL;
		}
		m->strings = a;
		m->capstrings = cap;
	}
	m->strings[m->nstrings++] = s;
	return s;
}

/* An attribute's value (NULL if absent), owned by the model. */
static const char *prop(model *m, xmlNodePtr n, const char *name)
{
	if (!n)
		return NULL;
	return keep(m, (char *)xmlGetNoNsProp(n, (const xmlChar *)name));
}

static int is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && strcmp((const char *)n->ns->href, NS_DELIBERATION) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

static xmlNodePtr child(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

static int count_children(xmlNodePtr parent, const char *name)
{
	int n = 0;
	for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
		n += is(c, name);
	return n;
}

/* A non-negative integer as the schema accepts it (spaces, '+', leading
 * zeros), clamped at COUNT_MAX; -1 if absent or not a number. */
static long long count_of(const char *s)
{
	if (!s)
		return -1;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (*s == '+')
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	long long v = 0;
	for (; *s >= '0' && *s <= '9'; s++)
		v = v >= COUNT_MAX ? COUNT_MAX : v * 10 + (*s - '0');
	return v > COUNT_MAX ? COUNT_MAX : v;
}

static int compare_ids(const void *a, const void *b)
{
	return strcmp(((const id_index *)a)->id, ((const id_index *)b)->id);
}

/* The member of that id (-1 if none): a binary search, so that a document
 * with many members stays linear-logarithmic. */
static int find_member(const model *m, const char *id)
{
	if (!id || !m->by_id)
		return -1;
	id_index key = {id, -1};
	const id_index *hit = bsearch(&key, m->by_id, (size_t)m->nmembers, sizeof *m->by_id, compare_ids);
	return hit ? hit->member : -1;
}

static const char *name_of(const model *m, int i)
{
	return i >= 0 && i < m->nmembers && m->members[i].name ? m->members[i].name : "?";
}

/* "de Bruno Bernard", "d'Anne Martin": the name after an elided "de". */
static const char *de(const model *m, int i)
{
	return french_de(name_of(m, i));
}

/* The word that agrees with member i's gender. */
static const char *agree(const model *m, int i, const char *masculine, const char *feminine)
{
	return i >= 0 && i < m->nmembers && m->members[i].feminine ? feminine : masculine;
}

static int yes(const char *s)
{
	return s && strcmp(s, "oui") == 0;
}

static int choice_of(const char *s)
{
	if (!s)
		return V_NONE;
	if (strcmp(s, "pour") == 0)
		return V_POUR;
	if (strcmp(s, "contre") == 0)
		return V_CONTRE;
	if (strcmp(s, "abstention") == 0)
		return V_ABSTENTION;
	if (strcmp(s, "ne-prend-pas-part") == 0)
		return V_NPP;
	return V_NONE;
}

static void *grow(model *m, void *array, int n, size_t size)
{
	void *a = realloc(array, size * (size_t)(n + 1));
	if (!a)
		m->oom = 1;
	return a;
}

/* The conseillers, then the suppléants (who sit only for an absent
 * titular): one index space, so that every reference finds its person. */
static void build_members(model *m)
{
	int n = count_children(m->conseillers, "conseiller") + count_children(m->conseillers, "suppleant");
	m->members = calloc((size_t)(n ? n : 1), sizeof *m->members);
	if (!m->members) {
		m->oom = 1;
		return;
	}
	for (xmlNodePtr c = m->conseillers->children; c; c = c->next) {
		if (!is(c, "conseiller") && !is(c, "suppleant"))
			continue;
		member *x = &m->members[m->nmembers++];
		x->node = c;
		x->id = prop(m, c, "id");
		x->holder = -1;
		x->titular = -1;
		x->substitute = is(c, "suppleant");
		m->nsubstitutes += x->substitute;
		x->feminine = french_feminine(prop(m, c, "civilite"));
		const char *prenom = prop(m, c, "prenom"), *nom = prop(m, c, "nom");
		size_t len = (prenom ? strlen(prenom) : 0) + (nom ? strlen(nom) : 0) + 2;
		char *name = xmlMalloc(len);  /* freed with the model's strings, by xmlFree */
		if (name)
			snprintf(name, len, "%s %s", prenom ? prenom : "", nom ? nom : "");
		x->name = keep(m, name);
	}
	m->by_id = calloc((size_t)(m->nmembers ? m->nmembers : 1), sizeof *m->by_id);
	if (!m->by_id) {
		m->oom = 1;
		return;
	}
	for (int i = 0; i < m->nmembers; i++)
		m->by_id[i] = (id_index){m->members[i].id ? m->members[i].id : "", i};
	qsort(m->by_id, (size_t)m->nmembers, sizeof *m->by_id, compare_ids);
	for (int i = 0; i < m->nmembers; i++)
		if (m->members[i].substitute)
			m->members[i].titular = find_member(m, prop(m, m->members[i].node, "titulaire"));
}

static void add_entry(model *m, xmlNodePtr node, int kind, const char *who, const char *to)
{
	entry *a = grow(m, m->entries, m->nentries, sizeof *a);
	if (!a)
		return;
	m->entries = a;
	entry *e = &m->entries[m->nentries++];
	e->node = node;
	e->kind = kind;
	e->member = find_member(m, who);
	e->holder = find_member(m, to);
	if (e->member >= 0 && m->members[e->member].status == S_NONE) {
		m->members[e->member].status = kind;
		m->members[e->member].entry = node;
		m->members[e->member].remote = kind == S_PRESENT && yes(prop(m, node, "a-distance"));
		if (kind == S_PROXY)
			m->members[e->member].holder = e->holder;
	}
	if (kind == S_PRESENT) {
		m->npresent++;
		m->nremote += yes(prop(m, node, "a-distance"));
	}
	if (kind == S_PROXY) {
		m->nproxies++;
		if (e->holder >= 0)
			m->members[e->holder].holds++;
	}
}

static void add_movement(model *m, xmlNodePtr c, int arrival)
{
	movement *a = grow(m, m->movements, m->nmovements, sizeof *a);
	if (!a)
		return;
	m->movements = a;
	movement *v = &m->movements[m->nmovements++];
	v->node = c;
	v->a = (att_movement){.member = find_member(m, prop(m, c, "ref")), .arrival = arrival,
	                      .holder = find_member(m, prop(m, c, "pouvoir-a")),
	                      .remote = arrival && yes(prop(m, c, "a-distance"))};
	m->nremote_moves += v->a.remote;
}

static void build_presences(model *m)
{
	for (xmlNodePtr c = m->presences ? m->presences->children : NULL; c && !m->oom; c = c->next) {
		if (is(c, "present"))
			add_entry(m, c, S_PRESENT, prop(m, c, "ref"), NULL);
		else if (is(c, "pouvoir"))
			add_entry(m, c, S_PROXY, prop(m, c, "de"), prop(m, c, "a"));
		else if (is(c, "excuse"))
			add_entry(m, c, S_EXCUSED, prop(m, c, "ref"), NULL);
		else if (is(c, "absent"))
			add_entry(m, c, S_ABSENT, prop(m, c, "ref"), NULL);
		else if (is(c, "arrivee") || is(c, "depart"))
			add_movement(m, c, is(c, "arrivee"));
	}
	for (xmlNodePtr c = m->root->children; c && !m->oom; c = c->next) {
		if (!is(c, "secretaire"))
			continue;
		xmlNodePtr *a = grow(m, m->secretaries, m->nsecretaries, sizeof *a);
		if (a) {
			m->secretaries = a;
			m->secretaries[m->nsecretaries++] = c;
		}
	}
}

/* The attendance at this vote: the opening's, then each movement in order
 * (attendance.h, shared with the templates' fn:attendance). */
static void apply_movements(model *m)
{
	att_member *a = calloc((size_t)(m->nmembers ? m->nmembers : 1), sizeof *a);
	att_movement *mv = calloc((size_t)(m->nmovements ? m->nmovements : 1), sizeof *mv);
	if (!a || !mv) {
		m->oom = 1;
		free(a);
		free(mv);
		return;
	}
	for (int i = 0; i < m->nmembers; i++)
		a[i] = (att_member){(att_status)m->members[i].status, m->members[i].holder, m->members[i].remote};
	for (int i = 0; i < m->nmovements; i++)
		mv[i] = m->movements[i].a;
	att_counts c = attendance_at_vote(a, m->nmembers, mv, m->nmovements);
	for (int i = 0; i < m->nmembers; i++) {
		m->members[i].vote_status = (int)a[i].status;
		m->members[i].vote_holder = a[i].holder;
	}
	for (int i = 0; i < m->nmovements; i++)
		m->movements[i].a.fault = mv[i].fault;
	/* without movements, the opening's lists as printed, whatever their
	 * faults (a member listed twice counts twice: the proxy and partition
	 * rules report it, the totals are not reported on top) */
	m->npresent_vote = m->nmovements ? c.present : m->npresent;
	m->nproxies_vote = m->nmovements ? c.represented : m->nproxies;
	m->nremote_vote = m->nmovements ? c.remote : m->nremote;
	free(a);
	free(mv);
}

static void build_vote(model *m)
{
	xmlNodePtr v = m->vote;
	if (!v)
		return;
	m->scrutin = prop(m, v, "scrutin");
	m->resultat = prop(m, v, "resultat");
	m->mention = prop(m, v, "mention");
	m->casting = prop(m, v, "voix-preponderante");
	m->pour = count_of(prop(m, v, "pour"));
	m->contre = count_of(prop(m, v, "contre"));
	m->abstentions = count_of(prop(m, v, "abstentions"));
	m->npp = count_of(prop(m, v, "ne-prend-pas-part"));
	if (m->npp < 0)
		m->npp = 0;  /* the schema's default */
	for (xmlNodePtr c = v->children; c && !m->oom; c = c->next) {
		if (is(c, "interesse")) {
			xmlNodePtr *a = grow(m, m->interested, m->ninterested, sizeof *a);
			if (!a)
				break;
			m->interested = a;
			m->interested[m->ninterested++] = c;
			int i = find_member(m, prop(m, c, "ref"));
			if (i >= 0)
				m->members[i].interested = 1;
		} else if (is(c, "votant")) {
			votant *a = grow(m, m->votants, m->nvotants, sizeof *a);
			if (!a)
				break;
			m->votants = a;
			votant *x = &m->votants[m->nvotants++];
			x->node = c;
			x->member = find_member(m, prop(m, c, "ref"));
			x->choice = choice_of(prop(m, c, "choix"));
			if (x->member >= 0 && !m->members[x->member].vote_entry) {
				m->members[x->member].vote_entry = c;
				m->members[x->member].choice = x->choice;
			}
		}
	}
}

static int build(model *m, xmlDocPtr doc)
{
	m->root = xmlDocGetRootElement(doc);
	if (!is(m->root, "deliberation"))
		return -1;
	m->collectivite = child(m->root, "collectivite");
	m->seance = child(m->root, "seance");
	m->conseillers = child(m->root, "conseillers");
	m->presences = child(m->root, "presences");
	m->president = child(m->root, "president");
	m->vote = child(m->root, "vote");
	m->signataire = child(m->root, "signataire");
	m->executoire = child(m->root, "executoire");
	if (!m->collectivite || !m->seance || !m->conseillers)
		return -1;  /* the schema requires them: nothing to check without */
	m->numero = prop(m, m->root, "numero");
	m->nature = prop(m, m->root, "nature");
	m->type = prop(m, m->collectivite, "type");
	m->siren = prop(m, m->collectivite, "siren");
	m->departement = prop(m, m->collectivite, "departement");
	m->population = count_of(prop(m, m->collectivite, "population"));
	m->largest_commune = count_of(prop(m, m->collectivite, "plus-grande-commune"));
	m->has_population = m->population >= 0;
	m->date = prop(m, m->seance, "date");
	m->convocation = prop(m, m->seance, "convocation");
	m->sans_quorum = prop(m, m->seance, "seance-sans-quorum");
	const char *urgence = prop(m, m->seance, "urgence");
	m->urgency = urgence && strcmp(urgence, "oui") == 0;
	m->urgency_ruling = prop(m, m->seance, "urgence-reconnue");
	if (!m->date || era_days(m->date, &m->day) != 0 ||
	    (m->convocation && era_days(m->convocation, &m->convocation_day) != 0))
		return -1;
	if (!m->convocation)
		m->convocation_day = m->day;  /* a projet: not sent yet; the rules on it are skipped */
	m->era = era_at(m->date);
	m->en_exercice = count_of(prop(m, m->conseillers, "en-exercice"));
	m->presents_ouverture = count_of(prop(m, m->presences, "presents-ouverture"));
	build_members(m);
	if (m->oom)
		return -1;
	build_presences(m);
	apply_movements(m);
	m->president_member = find_member(m, prop(m, m->president, "ref"));
	build_vote(m);
	return m->oom ? -1 : 0;
}

static void model_free(model *m)
{
	for (int i = 0; i < m->nstrings; i++)
		xmlFree(m->strings[i]);
	free(m->strings);
	free(m->members);
	free(m->by_id);
	free(m->entries);
	free(m->movements);
	free(m->secretaries);
	free(m->votants);
	free(m->interested);
}

/* ---- reporting and small helpers ------------------------------------------ */

struct rule_row {
	check_rule_info info;
	void (*run)(model *m);
};

static void report(model *m, xmlNodePtr node, const char *attr, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Reports under the running rule's id, at node's attribute attr (or the
 * element when attr is NULL). */
static void report(model *m, xmlNodePtr node, const char *attr, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	int line = 0, col = 0;
	srcpos_find(m->pos, node, attr, &line, &col);
	diag_add_rule(m->diags, m->rule->info.id, m->rule->info.severity, line, col, "%s", msg);
	if (m->rule->info.severity == DELIB_ERROR)
		m->errors++;
}

/* "14 octobre 2021" (or the ISO text if it is not a date). */
static const char *date_fr(const char *iso, char *buf, size_t cap)
{
	if (french_date_long(iso, buf, cap) != 0)
		snprintf(buf, cap, "%s", iso ? iso : "?");
	return buf;
}

static const char *plural(long long n, const char *one, const char *many)
{
	return n == 1 || n == 0 ? one : many;
}

/* "une commune", "un département"…: who the rule speaks of. */
static const char *collectivity_of(const model *m)
{
	static const char *const NAMES[][2] = {{"commune", "une commune"}, {"epci", "un EPCI"},
	                                        {"departement", "un département"}, {"region", "une région"},
	                                        {"syndicat", "un syndicat"}};
	for (size_t i = 0; m->type && i < sizeof NAMES / sizeof *NAMES; i++)
		if (strcmp(m->type, NAMES[i][0]) == 0)
			return NAMES[i][1];
	return "cette collectivité";
}

static int line_of(const model *m, xmlNodePtr n)
{
	int line = 0, col = 0;
	srcpos_find(m->pos, n, NULL, &line, &col);
	return line;
}

/* ---- presences ------------------------------------------------------------ */

/* Every member once: present, represented, excused or absent (P+R+A = E). */
static void rule_presence_partition(model *m)
{
	if (!m->presences)
		return;  /* acte.required */
	for (int i = 0; i < m->nentries; i++) {
		const entry *e = &m->entries[i];
		if (e->member < 0 || m->members[e->member].entry == e->node)
			continue;
		const member *x = &m->members[e->member];
		if (e->kind == S_PROXY && x->status == S_PRESENT)
			continue;  /* proxy.giver-present says it better */
		report(m, e->node, e->kind == S_PROXY ? "de" : "ref",
		       "%s figure déjà dans les présences (ligne %d) : chaque conseiller est présent, représenté, "
		       "excusé ou absent, une seule fois",
		       x->name, line_of(m, x->entry));
	}
	for (int i = 0; i < m->nmembers; i++)
		if (m->members[i].status == S_NONE && !m->members[i].substitute)
			report(m, m->members[i].node, NULL,
			       "%s ne figure ni parmi les présents, ni parmi les représentés, excusés ou absents",
			       m->members[i].name);
}

/* The printed counts equal the lists. */
static void rule_presence_count(model *m)
{
	int in_office = m->nmembers - m->nsubstitutes;
	if (m->en_exercice >= 0 && m->en_exercice != in_office)
		report(m, m->conseillers, "en-exercice",
		       "%lld conseillers en exercice imprimés, mais %d déclarés dans « conseillers »%s", m->en_exercice,
		       in_office, m->nsubstitutes ? " (suppléants non comptés)" : "");
	if (!m->draft && m->presents_ouverture >= 0 && m->presents_ouverture != m->npresent)
		report(m, m->presences, "presents-ouverture",
		       "%lld %s à l'ouverture imprimés, mais %d %s dans la liste", m->presents_ouverture,
		       plural(m->presents_ouverture, "présent", "présents"), m->npresent,
		       plural(m->npresent, "conseiller présent", "conseillers présents"));
}

static void rule_president_present(model *m)
{
	int p = m->president_member;
	if (p >= 0 && m->members[p].status != S_PRESENT)
		report(m, m->president, "ref", "%s de séance, %s, ne figure pas parmi les présents",
		       agree(m, p, "le président", "la présidente"), name_of(m, p));
}

/* The quorum's article: the period's (the COVID laws) or, in ordinary
 * times, the collectivity's own. */
static const char *quorum_ref(const model *m)
{
	if (m->era->quorum != ERA_QUORUM_HALF || !m->type)
		return m->era->quorum_ref;
	if (strcmp(m->type, "departement") == 0)
		return "CGCT L3121-14";
	if (strcmp(m->type, "region") == 0)
		return "CGCT L4132-13";
	if (strcmp(m->type, "epci") == 0 || strcmp(m->type, "syndicat") == 0)
		return "CGCT L2121-17 par renvoi de L5211-1";
	return m->era->quorum_ref;
}

/* L2121-17 (or the COVID laws): quorum of members present, proxies not
 * counted; none on a second convocation. */
static void rule_quorum(model *m)
{
	if (!m->presences || m->sans_quorum || m->en_exercice <= 0 || !m->era)
		return;
	long long e = m->en_exercice, p = m->nmovements ? m->npresent_vote : m->npresent;
	char d[64];
	if (m->era->quorum == ERA_QUORUM_HALF && !(2 * p > e))
		report(m, m->presences, NULL,
		       "quorum non atteint le %s%s : %lld %s sur %lld conseillers en exercice ; il en faut plus de la "
		       "moitié, soit au moins %lld (%s)",
		       date_fr(m->date, d, sizeof d), m->nmovements ? " au vote de cette délibération" : "", p, plural(p, "présent", "présents"), e, e / 2 + 1,
		       quorum_ref(m));
	else if (m->era->quorum == ERA_QUORUM_THIRD && !(3 * p >= e))
		report(m, m->presences, NULL,
		       "quorum non atteint le %s%s : %lld %s sur %lld conseillers en exercice ; il en faut au moins le "
		       "tiers, soit %lld (%s)",
		       date_fr(m->date, d, sizeof d), m->nmovements ? " au vote de cette délibération" : "", p, plural(p, "présent", "présents"), e, (e + 2) / 3,
		       m->era->quorum_ref);
}

/* L2121-17: a second convocation, at least three days after the séance that
 * lacked quorum, deliberates without quorum. */
static void rule_second_convocation(model *m)
{
	long first;
	char a[64], b[64];
	if (!m->sans_quorum || era_days(m->sans_quorum, &first) != 0)
		return;
	if (first >= m->day)
		report(m, m->seance, "seance-sans-quorum",
		       "la séance sans quorum du %s doit précéder cette séance du %s", date_fr(m->sans_quorum, a, sizeof a),
		       date_fr(m->date, b, sizeof b));
	else if (m->day - first < 3 && !(m->type && strcmp(m->type, "commune") == 0 &&
	                                  convocation_alsace_moselle(m->departement)))
		/* Alsace-Moselle: L2541-1 sets aside the second paragraph of
		 * L2121-17; L2541-4 asks no interval */
		report(m, m->seance, "seance-sans-quorum",
		       "seconde convocation : la séance du %s suit de %ld %s la séance sans quorum du %s ; il faut trois "
		       "jours au moins d'intervalle (CGCT L2121-17)",
		       date_fr(m->date, b, sizeof b), m->day - first, plural(m->day - first, "jour", "jours"),
		       date_fr(m->sans_quorum, a, sizeof a));
	if (m->convocation && m->convocation_day < first)
		report(m, m->seance, "convocation",
		       "la seconde convocation du %s précède la séance sans quorum du %s",
		       date_fr(m->convocation, b, sizeof b), date_fr(m->sans_quorum, a, sizeof a));
}

/* ---- proxies (L2121-20) --------------------------------------------------- */

static void rule_proxy_holder_absent(model *m)
{
	for (int i = 0; i < m->nentries; i++) {
		const entry *e = &m->entries[i];
		if (e->kind != S_PROXY || e->holder < 0 || m->members[e->holder].status == S_PRESENT)
			continue;
		if (e->holder == e->member)
			report(m, e->node, "a", "%s ne peut se donner pouvoir à %s (%s)",
			       agree(m, e->member, "un conseiller", "une conseillère"),
			       agree(m, e->member, "lui-même", "elle-même"), name_of(m, e->member));
		else
			report(m, e->node, "a",
			       "%s reçoit le pouvoir %s%s mais ne figure pas parmi les présents (CGCT L2121-20)",
			       name_of(m, e->holder), de(m, e->member), name_of(m, e->member));
	}
}

static void rule_proxy_giver_present(model *m)
{
	for (int i = 0; i < m->nentries; i++) {
		const entry *e = &m->entries[i];
		if (e->kind == S_PROXY && e->member >= 0 && m->members[e->member].status == S_PRESENT)
			report(m, e->node, "de", "%s figure parmi les présents (ligne %d) et donne pourtant pouvoir à %s",
			       name_of(m, e->member), line_of(m, m->members[e->member].entry), name_of(m, e->holder));
	}
}

static void rule_proxy_one_per_holder(model *m)
{
	if (!m->era)
		return;
	int limit = m->era->proxies_per_holder;
	int *seen = calloc((size_t)(m->nmembers ? m->nmembers : 1), sizeof *seen);
	if (!seen)
		return;
	for (int i = 0; i < m->nentries; i++) {
		const entry *e = &m->entries[i];
		if (e->kind != S_PROXY || e->holder < 0)
			continue;
		if (++seen[e->holder] == limit + 1)
			report(m, e->node, "a", "%s détient %d pouvoirs ; un conseiller ne peut en détenir %s (%s)",
			       name_of(m, e->holder), m->members[e->holder].holds, limit == 1 ? "qu'un" : "que deux",
			       m->era->proxies_ref);
	}
	free(seen);
}

/* ---- secretary (L2121-15, L2541-6) ---------------------------------------- */

static int alsace_moselle(const char *dept)
{
	return dept && (strcmp(dept, "57") == 0 || strcmp(dept, "67") == 0 || strcmp(dept, "68") == 0 ||
	                strcmp(dept, "057") == 0 || strcmp(dept, "067") == 0 || strcmp(dept, "068") == 0);
}

static void rule_secretary_present(model *m)
{
	for (int i = 0; i < m->nsecretaries; i++) {
		int s = find_member(m, prop(m, m->secretaries[i], "ref"));
		if (s >= 0 && m->members[s].status != S_PRESENT)
			report(m, m->secretaries[i], "ref",
			       "%s de séance, %s, ne figure pas parmi les présents (CGCT L2121-15)",
			       agree(m, s, "le secrétaire", "la secrétaire"), name_of(m, s));
	}
}

static void rule_secretary_non_member(model *m)
{
	for (int i = 0; i < m->nsecretaries; i++) {
		xmlNodePtr s = m->secretaries[i];
		if (prop(m, s, "ref"))
			continue;
		if (!alsace_moselle(m->departement))
			report(m, s, NULL,
			       "secrétaire de séance sans « ref » : un secrétaire qui n'est pas conseiller n'est admis qu'en "
			       "Alsace-Moselle (départements 57, 67 et 68, CGCT L2541-6) ; ici le département %s",
			       m->departement ? m->departement : "?");
		else if (!prop(m, s, "civilite") || !prop(m, s, "prenom") || !prop(m, s, "nom"))
			report(m, s, NULL, "secrétaire de séance qui n'est pas conseiller : « civilite », « prenom » et "
			                   "« nom » sont obligatoires");
	}
}

/* ---- the vote ------------------------------------------------------------- */

/* The order number at the end of a deliberation number ("2023-03-16-4"
 * → 4), and the length of what precedes it; -1 if it has none. */
static long order_of(const char *numero, size_t *prefix)
{
	const char *dash = numero ? strrchr(numero, '-') : NULL;
	char *end;
	if (!dash || !dash[1])
		return -1;
	long n = strtol(dash + 1, &end, 10);
	if (*end)
		return -1;
	*prefix = (size_t)(dash - numero);
	return n;
}

/* Arrivals and departures: who arrives was not present, who leaves was,
 * a proxy given on leaving goes to a member present; each before this
 * vote, in this séance (L2121-17, L2121-20). */
static void rule_presence_movement(model *m)
{
	size_t own_prefix = 0, prefix = 0;
	long own = order_of(m->numero, &own_prefix);
	for (int i = 0; i < m->nmovements; i++) {
		const movement *mv = &m->movements[i];
		const att_movement *v = &mv->a;
		const char *who = name_of(m, v->member);
		if (v->fault == ATT_ARRIVES_PRESENT)
			report(m, mv->node, "ref", "%s arrive mais est déjà %s", who, agree(m, v->member, "présent", "présente"));
		else if (v->fault == ATT_LEAVES_ABSENT)
			report(m, mv->node, "ref", "%s part mais n'est pas %s à ce moment", who,
			       agree(m, v->member, "présent", "présente"));
		else if (v->fault == ATT_PROXY_TO_ABSENT)
			report(m, mv->node, "pouvoir-a", "%s donne pouvoir en partant à %s, qui n'est pas %s (CGCT L2121-20)",
			       who, name_of(m, v->holder), agree(m, v->holder, "présent", "présente"));
		if (!v->arrival && v->holder >= 0 && v->fault == ATT_OK && m->era) {
			int held = 0;
			for (int k = 0; k < m->nmembers; k++)
				held += m->members[k].vote_status == S_PROXY && m->members[k].vote_holder == v->holder;
			if (held > m->era->proxies_per_holder)
				report(m, mv->node, "pouvoir-a", "%s détient %d pouvoirs au moment du vote ; un conseiller ne peut "
				       "en détenir %s (%s)", name_of(m, v->holder), held,
				       m->era->proxies_per_holder == 1 ? "qu'un" : "que deux", m->era->proxies_ref);
		}
		const char *avant = prop(m, mv->node, "avant");
		long n = avant ? order_of(avant, &prefix) : -1;
		if (avant && own >= 0 && (n < 0 || prefix != own_prefix || strncmp(avant, m->numero, prefix) != 0 || n > own))
			report(m, mv->node, "avant",
			       "%s avant le vote de la délibération n° %s, qui n'est pas de cette séance ou vient après "
			       "celle-ci (n° %s) : le mouvement ne peut compter pour ce vote",
			       v->arrival ? "arrivée" : "départ", avant, m->numero);
	}
}

/* What only the séance knows, required in a definitive act (a projet
 * written before the séance may leave it out). */
static void rule_acte_required(model *m)
{
	if (!m->convocation)
		report(m, m->seance, NULL, "acte définitif sans date de convocation (« convocation ») : la convocation "
		                           "est mentionnée au registre des délibérations (CGCT L2121-10)");
	if (!m->presences)
		report(m, m->root, NULL, "acte définitif sans « presences » : le registre constate les présents, pour "
		                         "le quorum (CGCT L2121-17), et les pouvoirs (CGCT L2121-20)");
	if (!m->president)
		report(m, m->root, NULL, "acte définitif sans « president » : le président de séance est nommé au "
		                         "registre (CGCT L2121-14)");
	if (m->nsecretaries == 0)
		report(m, m->root, NULL, "acte définitif sans « secretaire » : le conseil nomme au début de chaque "
		                         "séance un ou plusieurs de ses membres pour remplir les fonctions de secrétaire "
		                         "(CGCT L2121-15)");
}

static void rule_vote_missing(model *m)
{
	if (!m->vote)
		report(m, m->root, NULL,
		       "délibération définitive sans « vote » (un projet porte statut=\"projet\")");
}

static void rule_signatory_missing(model *m)
{
	if (!m->signataire)
		report(m, m->root, NULL,
		       "délibération définitive sans « signataire » : prénom, nom et qualité de l'auteur sont "
		       "obligatoires (CRPA L212-1)");
}

/* V + C + Ab + N = P + R. */
static void rule_vote_total(model *m)
{
	if (!m->vote || m->pour < 0 || m->contre < 0 || m->abstentions < 0)
		return;
	long long votes = m->pour + m->contre + m->abstentions + m->npp;
	if (votes != m->npresent_vote + m->nproxies_vote)
		report(m, m->vote, NULL,
		       "%lld pour + %lld contre + %lld %s + %lld ne prenant pas part = %lld, mais %d %s et %d %s%s = %d",
		       m->pour, m->contre, m->abstentions, plural(m->abstentions, "abstention", "abstentions"), m->npp,
		       votes, m->npresent_vote, plural(m->npresent_vote, "présent", "présents"), m->nproxies_vote,
		       plural(m->nproxies_vote, "représenté", "représentés"),
		       m->nmovements ? " au vote, arrivées et départs comptés" : "", m->npresent_vote + m->nproxies_vote);
}

/* The president's vote, for a tie: from the list, else @voix-preponderante. */
static int president_vote(const model *m)
{
	int p = m->president_member;
	if (p >= 0 && m->members[p].vote_entry)
		return m->members[p].choice;
	if (m->casting)
		return strcmp(m->casting, "pour") == 0 ? V_POUR : V_CONTRE;
	return V_NONE;
}

/* Adopted iff V > C (absolute majority of the votes cast); on a tie the
 * president's vote decides, except in a secret ballot (L2121-20). */
static void rule_vote_outcome(model *m)
{
	if (!m->vote || !m->resultat || m->pour < 0 || m->contre < 0)
		return;
	int adopted = strcmp(m->resultat, "adopte") == 0;
	int secret = m->scrutin && strcmp(m->scrutin, "secret") == 0;
	if (m->pour != m->contre || m->pour == 0) {
		int should = m->pour > m->contre;
		if (adopted != should)
			report(m, m->vote, "resultat",
			       "résultat « %s » contraire aux voix : %lld pour, %lld contre ; la délibération est %s à la "
			       "majorité absolue des suffrages exprimés",
			       m->resultat, m->pour, m->contre, should ? "adoptée" : "rejetée");
		return;
	}
	if (secret) {
		if (adopted)
			report(m, m->vote, "resultat",
			       "partage égal des voix (%lld pour, %lld contre) au scrutin secret : la voix du président "
			       "n'est pas prépondérante, la délibération est rejetée",
			       m->pour, m->contre);
		return;
	}
	int pv = president_vote(m);
	if (m->casting && m->president_member >= 0 && m->members[m->president_member].vote_entry &&
	    m->members[m->president_member].choice != (strcmp(m->casting, "pour") == 0 ? V_POUR : V_CONTRE))
		report(m, m->vote, "voix-preponderante",
		       "voix prépondérante « %s » contraire au vote du président dans la liste des votants", m->casting);
	else if (pv == V_NONE)
		report(m, m->vote, NULL,
		       "partage égal des voix (%lld pour, %lld contre) : indiquer le vote du président, prépondérant "
		       "(« voix-preponderante » ou liste des votants)",
		       m->pour, m->contre);
	else if (adopted != (pv == V_POUR))
		report(m, m->vote, "resultat",
		       "partage égal des voix : le président a voté %s, sa voix prépondérante fait %s la délibération",
		       pv == V_POUR ? "pour" : pv == V_CONTRE ? "contre" : "sans exprimer de suffrage",
		       pv == V_POUR ? "adopter" : "rejeter");
}

/* The unanimity mention recorded must be the wording of the figures, as the
 * templates print it (french_vote_wording). */
static void rule_vote_unanimity(model *m)
{
	if (!m->vote || !m->mention || m->pour < 0 || m->contre < 0 || m->abstentions < 0)
		return;
	int adopted = m->resultat && strcmp(m->resultat, "adopte") == 0;
	const char *expected = french_vote_mention((long)(m->pour > 1000000000 ? 1000000000 : m->pour),
	                                           (long)(m->contre > 1000000000 ? 1000000000 : m->contre),
	                                           (long)(m->abstentions > 1000000000 ? 1000000000 : m->abstentions),
	                                           adopted);
	if (expected == NULL) {
		if (m->pour == m->contre)
			report(m, m->vote, "mention",
			       "mention « %s » sur un partage égal des voix (%lld pour, %lld contre) : ni unanimité ni "
			       "majorité, le registre dit la voix prépondérante du président ou le rejet (CGCT L2121-20)",
			       m->mention, m->pour, m->contre);
		return;  /* a result against the figures: vote.outcome */
	}
	const char *wording = strcmp(expected, "unanimite") == 0 ? "à l'unanimité"
	                      : strcmp(expected, "unanimite-suffrages-exprimes") == 0 ? "à l'unanimité des suffrages exprimés"
	                                                                              : "à la majorité";
	if (strcmp(m->mention, expected) != 0)
		report(m, m->vote, "mention",
		       "mention « %s » contraire aux voix (%lld pour, %lld contre, %lld %s) : « %s » attendu, le registre "
		       "dira « %s »",
		       m->mention, m->pour, m->contre, m->abstentions, plural(m->abstentions, "abstention", "abstentions"),
		       expected, wording);
}

static int voter(const member *x)
{
	return x->vote_status == S_PRESENT || x->vote_status == S_PROXY;
}

/* Whether a public ballot without a list still says how each voted: one
 * choice for all (everyone pour, say). */
static int uniform_vote(const model *m)
{
	int kinds = (m->pour > 0) + (m->contre > 0) + (m->abstentions > 0) + (m->npp > 0);
	return kinds <= 1;
}

static void check_vote_list(model *m)
{
	long long counts[5] = {0};
	for (int i = 0; i < m->nvotants; i++) {
		const votant *v = &m->votants[i];
		if (v->member < 0)
			continue;
		const member *x = &m->members[v->member];
		if (x->vote_entry != v->node)
			report(m, v->node, "ref", "%s vote deux fois (ligne %d)", x->name, line_of(m, x->vote_entry));
		else if (!voter(x))
			report(m, v->node, "ref", "%s vote mais n'est ni %s ni %s au moment du vote",
			       x->name, x->feminine ? "présente" : "présent", x->feminine ? "représentée" : "représenté");
		else
			counts[v->choice]++;
	}
	for (int i = 0; i < m->nmembers; i++)
		if (voter(&m->members[i]) && !m->members[i].vote_entry)
			report(m, m->vote, NULL, "%s manque dans la liste des votants (%s)", m->members[i].name,
			       m->members[i].status == S_PRESENT ? "parmi les présents" : "représenté par un pouvoir");
	if (counts[V_POUR] != m->pour || counts[V_CONTRE] != m->contre || counts[V_ABSTENTION] != m->abstentions ||
	    counts[V_NPP] != m->npp)
		report(m, m->vote, NULL,
		       "la liste des votants (%lld pour, %lld contre, %lld %s, %lld ne prenant pas part) ne "
		       "correspond pas aux totaux (%lld, %lld, %lld, %lld)",
		       counts[V_POUR], counts[V_CONTRE], counts[V_ABSTENTION],
		       plural(counts[V_ABSTENTION], "abstention", "abstentions"), counts[V_NPP], m->pour, m->contre,
		       m->abstentions, m->npp);
}

/* L2121-21: a public ballot records each voter's name and vote. */
static void rule_vote_public_list(model *m)
{
	if (!m->vote || !m->scrutin || m->pour < 0 || m->contre < 0 || m->abstentions < 0)
		return;
	if (strcmp(m->scrutin, "secret") == 0) {
		if (m->nvotants)
			report(m, m->votants[0].node, NULL, "scrutin secret : le vote de chaque conseiller n'est pas connu "
			                                    "et ne peut figurer au registre");
		return;
	}
	if (m->nvotants == 0) {
		if (strcmp(m->scrutin, "public") == 0 && !uniform_vote(m))
			report(m, m->vote, "scrutin",
			       "scrutin public : le registre porte le nom des votants et le sens de leur vote (CGCT "
			       "L2121-21) ; ajouter un élément « votant » par conseiller présent ou représenté");
		return;
	}
	check_vote_list(m);
}

/* L2131-11: a member with a personal interest takes no part, neither in his
 * own name nor as a proxy holder. */
static void rule_vote_interested(model *m)
{
	if (!m->vote)
		return;
	long long must_abstain = 0;
	for (int i = 0; i < m->nmembers; i++) {
		const member *x = &m->members[i];
		int through = x->vote_status == S_PROXY && x->vote_holder >= 0 && m->members[x->vote_holder].interested;
		if (!voter(x) || (!x->interested && !through))
			continue;
		must_abstain++;
		if (x->vote_entry && x->choice != V_NPP) {
			if (x->interested)
				report(m, x->vote_entry, "choix", "%s, %s à l'affaire, ne peut prendre part au vote "
				       "(CGCT L2131-11)", x->name, x->feminine ? "intéressée" : "intéressé");
			else
				report(m, x->vote_entry, "choix",
				       "%s vote par le pouvoir %s%s, %s à l'affaire, qui ne peut voter comme mandataire "
				       "(CGCT L2131-11)",
				       x->name, de(m, x->vote_holder), name_of(m, x->vote_holder),
				       agree(m, x->vote_holder, "intéressé", "intéressée"));
		}
	}
	if (m->nvotants == 0 && m->npp < must_abstain)
		report(m, m->vote, "ne-prend-pas-part",
		       "%lld %s ne prenant pas part au vote, mais %lld %s ne %s voter (intéressés à l'affaire, ou "
		       "représentés par un intéressé ; CGCT L2131-11)",
		       m->npp, plural(m->npp, "conseiller", "conseillers"), must_abstain,
		       plural(must_abstain, "conseiller présent ou représenté", "conseillers présents ou représentés"),
		       must_abstain > 1 ? "peuvent" : "peut");
}

/* ---- convocation and dates ------------------------------------------------ */

/* The convocation rule of this collectivity (convocation.h): by type,
 * department and population (for an EPCI or a syndicat, its largest member
 * commune's when given, L5211-1). -1 for an unknown type. */
static int convocation_rule_here(const model *m, convocation_rule *r)
{
	long long size = m->population;
	if (m->type && (strcmp(m->type, "epci") == 0 || strcmp(m->type, "syndicat") == 0) && m->largest_commune >= 0)
		size = m->largest_commune;
	return convocation_rule_of(m->type, m->departement, size, r);
}

/* Days between the sending and the séance. */
static long gap_days(const model *m)
{
	return m->day - m->convocation_day;
}

/* What the gap gives, in the rule's unit: "4 jours francs" | "2 jours avant". */
static void describe_gap(const model *m, int clear, char *buf, size_t cap)
{
	long gap = gap_days(m);
	if (clear) {
		long n = gap - 1 < 0 ? 0 : gap - 1;
		snprintf(buf, cap, "%ld %s", n, plural(n, "jour franc", "jours francs"));
	} else {
		snprintf(buf, cap, "%ld %s avant", gap, plural(gap, "jour", "jours"));
	}
}

/* L2121-11/12, L2541-2, L5211-1, L3121-19, L4132-18: the convocation's
 * delay by collectivity, shortened in declared urgency. */
static void rule_convocation_delay(model *m)
{
	convocation_rule r;
	if (!m->convocation || convocation_rule_here(m, &r) != 0 || m->convocation_day > m->day)
		return;  /* date.order reports a convocation after the séance */
	long need = m->urgency ? r.urgency_min_gap : r.min_gap;
	if (!m->urgency && !r.size_known && gap_days(m) >= 4)
		return;  /* convocation.population: cannot tell 3 clear days from 5 */
	if (gap_days(m) >= need)
		return;
	char a[64], b[64], got[64];
	describe_gap(m, m->urgency ? r.urgency_clear : r.clear, got, sizeof got);
	report(m, m->seance, "convocation",
	       "convocation du %s pour la séance du %s : %s ; il faut%s %s (%s, %s)",
	       date_fr(m->convocation, a, sizeof a), date_fr(m->date, b, sizeof b), got,
	       m->urgency ? ", en cas d'urgence," : "", m->urgency ? r.urgency_delay : r.delay,
	       m->urgency ? r.urgency_article : r.article, r.scope);
}

static void rule_convocation_population(model *m)
{
	convocation_rule r;
	if (!m->convocation || convocation_rule_here(m, &r) != 0 || m->urgency || r.size_known ||
	    m->convocation_day > m->day ||
	    strcmp(m->type, "departement") == 0 || strcmp(m->type, "region") == 0)
		return;
	long clear = gap_days(m) - 1;
	if (clear >= 3 && clear < 5)
		report(m, m->collectivite, NULL,
		       "population inconnue : %ld jours francs de convocation suffisent au-dessous de 3 500 habitants "
		       "(CGCT L2121-11), pas au-delà (il en faut 5, CGCT L2121-12) ; indiquer « population »%s",
		       clear, strcmp(m->type, "commune") == 0 ? "" : " ou « plus-grande-commune » (CGCT L5211-1)");
}

/* The president reports the urgency at the opening and the assembly rules
 * on it; it may send the affair to a later séance (L2121-11, L2121-12,
 * L2541-2, L3121-19, L4132-18). */
static void rule_urgency_ruling(model *m)
{
	convocation_rule r;
	const char *article = convocation_rule_here(m, &r) == 0 ? r.urgency_article : "CGCT L2121-12";
	if (!m->urgency) {
		if (m->urgency_ruling)
			report(m, m->seance, "urgence-reconnue",
			       "décision sur l'urgence sans urgence déclarée : ajouter urgence=\"oui\" ou retirer "
			       "« urgence-reconnue » (%s)", article);
		return;
	}
	if (!m->urgency_ruling)
		report(m, m->seance, "urgence",
		       "convocation en urgence : l'assemblée se prononce sur l'urgence dès l'ouverture de la séance ; "
		       "indiquer sa décision dans « urgence-reconnue » (%s)", article);
	else if (strcmp(m->urgency_ruling, "non") == 0 && m->vote)
		report(m, m->seance, "urgence-reconnue",
		       "urgence non reconnue : l'affaire est renvoyée à une séance ultérieure et ne peut être votée à "
		       "celle-ci (%s)", article);
}

static void check_after_seance(model *m, const char *attr)
{
	const char *v = prop(m, m->executoire, attr);
	long day;
	char a[64], b[64];
	if (v && era_days(v, &day) == 0 && day < m->day)
		report(m, m->executoire, attr, "%s le %s, avant la séance du %s",
		       strcmp(attr, "reception-prefecture") == 0 ? "reçu en préfecture"
		       : strcmp(attr, "affichage") == 0          ? "affiché"
		       : strcmp(attr, "publication") == 0        ? "publié"
		                                                 : "notifié",
		       date_fr(v, a, sizeof a), date_fr(m->date, b, sizeof b));
}

/* The convocation precedes the séance; the executory dates follow it. */
static void rule_date_order(model *m)
{
	char a[64], b[64];
	if (m->convocation_day > m->day)
		report(m, m->seance, "convocation", "convocation du %s postérieure à la séance du %s",
		       date_fr(m->convocation, a, sizeof a), date_fr(m->date, b, sizeof b));
	if (m->draft || !m->executoire)
		return;
	check_after_seance(m, "reception-prefecture");
	check_after_seance(m, "affichage");
	check_after_seance(m, "publication");
	check_after_seance(m, "notification");
}

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* A number starting with a date (2021-10-14-22, 20211014_3) or a year
 * (2021-123) agrees with the séance; the order number after it is >= 1. */
static void rule_numero_format(model *m)
{
	const char *n = m->numero;
	if (!n)
		return;
	char iso[11] = "";
	size_t len = strlen(n), rest = 0;
	if (len >= 10 && digits(n, 4) && n[4] == '-' && digits(n + 5, 2) && n[7] == '-' && digits(n + 8, 2) &&
	    (len == 10 || n[10] == '-' || n[10] == '_')) {
		memcpy(iso, n, 10);
		rest = 10;
	} else if (len >= 8 && digits(n, 8) && (len == 8 || n[8] == '-' || n[8] == '_')) {
		snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", n, n + 4, n + 6);
		rest = 8;
	}
	char b[64];
	if (*iso) {
		if (strcmp(iso, m->date) != 0)
			report(m, m->root, "numero", "le numéro « %s » porte la date %s, mais la séance est du %s", n, iso,
			       date_fr(m->date, b, sizeof b));
	} else if (len >= 5 && digits(n, 4) && (n[4] == '-' || n[4] == '_') && n[0] >= '1' && n[0] <= '2') {
		if (strncmp(n, m->date, 4) != 0)
			report(m, m->root, "numero", "le numéro « %s » porte l'année %.4s, mais la séance est du %s", n, n,
			       date_fr(m->date, b, sizeof b));
		return;
	} else {
		return;
	}
	if (rest < len && rest + 1 < len && digits(n + rest + 1, (int)(len - rest - 1)) &&
	    count_of(n + rest + 1) == 0)
		report(m, m->root, "numero", "numéro d'ordre nul dans « %s » : la numérotation commence à 1", n);
}

/* ---- the ACTES identifier ------------------------------------------------- */

typedef struct actes_id {
	char part[7][64];
	int nparts;
} actes_id;

/* Splits on '-'; nparts is the number of parts found, 7 or not. */
static void split_actes(const char *id, actes_id *a)
{
	memset(a, 0, sizeof *a);
	int dashes = 0;
	for (const char *p = id; *p; p++)
		dashes += *p == '-';
	if (dashes != 6) {
		a->nparts = dashes + 1;
		return;
	}
	const char *p = id;
	for (int k = 0; k < 7; k++) {
		const char *dash = strchr(p, '-');
		size_t n = dash ? (size_t)(dash - p) : strlen(p);
		if (n >= sizeof a->part[0]) {
			a->nparts = 0;
			return;
		}
		memcpy(a->part[k], p, n);
		p = dash ? dash + 1 : p + n;
	}
	a->nparts = 7;
}

static int luhn_ok(const char *s)
{
	int sum = 0, n = (int)strlen(s);
	for (int i = 0; i < n; i++) {
		int d = s[n - 1 - i] - '0';
		if (d < 0 || d > 9)
			return 0;
		if (i % 2) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return n > 0 && sum % 10 == 0;
}

static int dept_ok(const char *d)
{
	size_t n = strlen(d);
	return ((n == 2 || n == 3) && digits(d, (int)n)) || strcmp(d, "2A") == 0 || strcmp(d, "2B") == 0 ||
	       strcmp(d, "02A") == 0 || strcmp(d, "02B") == 0;
}

static int internal_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 1 || n > 15)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

static int nature_ok(const char *s)
{
	static const char *const CODES[] = {"DE", "AR", "AI", "CC", "BF", "AU"};
	for (size_t i = 0; i < sizeof CODES / sizeof *CODES; i++)
		if (strcmp(s, CODES[i]) == 0)
			return 1;
	return 0;
}

/* The identifier, or NULL on a draft or when there is none. */
static const char *actes(model *m, actes_id *a)
{
	if (m->draft || !m->executoire)
		return NULL;
	const char *id = prop(m, m->executoire, "identifiant");
	if (id)
		split_actes(id, a);
	return id;
}

static void rule_actes_format(model *m)
{
	actes_id a;
	const char *id = actes(m, &a);
	if (!id)
		return;
	const char *what = NULL;
	long day;
	char date[16];
	if (a.nparts != 7)
		what = "sept parties séparées par « - » attendues : département-SIREN-AAAAMMJJ-numéro-nature-1-1";
	else if (!dept_ok(a.part[0]))
		what = "département invalide (2 ou 3 chiffres, 2A ou 2B)";
	else if (strlen(a.part[1]) != 9 || !digits(a.part[1], 9))
		what = "SIREN invalide (9 chiffres)";
	else if (strlen(a.part[2]) != 8 || !digits(a.part[2], 8) ||
	         (snprintf(date, sizeof date, "%.4s-%.2s-%.2s", a.part[2], a.part[2] + 4, a.part[2] + 6),
	          era_days(date, &day) != 0))
		what = "date de décision invalide (AAAAMMJJ)";
	else if (!internal_ok(a.part[3]))
		what = "numéro interne invalide (1 à 15 caractères parmi A-Z, 0-9 et « _ », limite de S²LOW)";
	else if (!nature_ok(a.part[4]))
		what = "code de nature invalide (DE, AR, AI, CC, BF ou AU)";
	else if (strcmp(a.part[5], "1") != 0 || strcmp(a.part[6], "1") != 0)
		what = "type de message invalide : un acte transmis se termine par -1-1 (transmission d'acte)";
	if (what)
		report(m, m->executoire, "identifiant", "identifiant de télétransmission « %s » : %s", id, what);
}

static void rule_actes_siren(model *m)
{
	if (m->siren && !luhn_ok(m->siren))
		report(m, m->collectivite, "siren", "SIREN %s invalide : la clé de Luhn ne correspond pas", m->siren);
	actes_id a;
	const char *id = actes(m, &a);
	if (!id || a.nparts != 7 || strlen(a.part[1]) != 9 || !digits(a.part[1], 9))
		return;
	if (!luhn_ok(a.part[1]))
		report(m, m->executoire, "identifiant",
		       "le SIREN %s de l'identifiant de télétransmission est invalide (clé de Luhn)", a.part[1]);
	else if (m->siren && strcmp(a.part[1], m->siren) != 0)
		report(m, m->executoire, "identifiant",
		       "le SIREN %s de l'identifiant de télétransmission n'est pas celui de la collectivité (%s)",
		       a.part[1], m->siren);
}

static const char *strip_zeros(const char *d)
{
	while (d[0] == '0' && d[1])
		d++;
	return d;
}

static void rule_actes_department(model *m)
{
	actes_id a;
	const char *id = actes(m, &a);
	if (!id || a.nparts != 7 || !dept_ok(a.part[0]) || !m->departement)
		return;
	if (strcmp(strip_zeros(a.part[0]), strip_zeros(m->departement)) != 0)
		report(m, m->executoire, "identifiant",
		       "le département %s de l'identifiant de télétransmission n'est pas celui de la collectivité (%s)",
		       a.part[0], m->departement);
}

static void rule_actes_date(model *m)
{
	actes_id a;
	const char *id = actes(m, &a);
	if (!id || a.nparts != 7 || strlen(a.part[2]) != 8)
		return;
	char iso[16], b[64];
	long day;
	snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", a.part[2], a.part[2] + 4, a.part[2] + 6);
	if (era_days(iso, &day) == 0 && strcmp(iso, m->date) != 0)  /* an invalid date is actes.format's */
		report(m, m->executoire, "identifiant",
		       "la date %s de l'identifiant de télétransmission n'est pas celle de la séance (%s), date de la "
		       "décision",
		       a.part[2], date_fr(m->date, b, sizeof b));
}

static void rule_actes_nature(model *m)
{
	actes_id a;
	const char *id = actes(m, &a);
	if (!id || a.nparts != 7 || !nature_ok(a.part[4]) || !m->nature)
		return;
	if (strcmp(a.part[4], m->nature) != 0)
		report(m, m->executoire, "identifiant",
		       "la nature %s de l'identifiant de télétransmission n'est pas celle de l'acte (nature=\"%s\")",
		       a.part[4], m->nature);
}

/* Display (before 1 July 2022) or publication / notification (after). */
static void rule_publicity_era(model *m)
{
	if (m->draft || !m->executoire || !m->era)
		return;
	static const char *const ATTRS[] = {"affichage", "publication", "notification"};
	const char *want = era_publicity_attribute(m->era, m->nature);
	char b[64];
	for (size_t i = 0; i < sizeof ATTRS / sizeof *ATTRS; i++) {
		if (strcmp(ATTRS[i], want) == 0 || !prop(m, m->executoire, ATTRS[i]))
			continue;
		if (m->era->publicity == ERA_PUBLICITY_DISPLAY)
			report(m, m->executoire, ATTRS[i],
			       "séance du %s, avant le 1er juillet 2022 : le bloc exécutoire porte la date d'affichage "
			       "(« affichage », « Affiché ou notifié le »), pas « %s » (%s)",
			       date_fr(m->date, b, sizeof b), ATTRS[i], m->era->publicity_ref);
		else
			report(m, m->executoire, ATTRS[i],
			       "séance du %s, depuis le 1er juillet 2022 : %s porte la date de %s (« %s », « %s »), pas « %s » "
			       "(%s)",
			       date_fr(m->date, b, sizeof b),
			       strcmp(want, "notification") == 0 ? "un acte individuel" : "un acte réglementaire ou de portée générale",
			       strcmp(want, "notification") == 0 ? "notification" : "publication", want,
			       strcmp(want, "notification") == 0 ? "Notifié le" : "Publié le", ATTRS[i], m->era->publicity_ref);
	}
}

/* ---- remote participation and suppléants ----------------------------------- */

/* Members at a distance: only where a text allowed it (era_remote_basis). */
static void rule_presence_remote(model *m)
{
	if ((m->nremote == 0 && m->nremote_moves == 0) || !m->type || era_remote_basis(m->date, m->type))
		return;
	char d[64];
	for (int i = 0; i < m->nentries; i++)
		if (m->entries[i].kind == S_PRESENT && yes(prop(m, m->entries[i].node, "a-distance")))
			report(m, m->entries[i].node, "a-distance", "%s participe à distance le %s, ce qu'aucun texte ne "
			       "permet à %s à cette date : la téléconférence n'est ouverte qu'aux conseils des EPCI à "
			       "fiscalité propre depuis le 29 décembre 2019 (CGCT L5211-11-1) et, pendant la crise "
			       "sanitaire, aux assemblées de toutes les collectivités (ordonnance n° 2020-391 du 1er avril "
			       "2020, art. 6, et les lois qui l'ont remise en vigueur)",
			       name_of(m, m->entries[i].member), date_fr(m->date, d, sizeof d), collectivity_of(m));
	for (int i = 0; i < m->nmovements; i++)
		if (m->movements[i].a.remote)
			report(m, m->movements[i].node, "a-distance", "%s rejoint la séance à distance le %s, ce qu'aucun "
			       "texte ne permet à %s à cette date (CGCT L5211-11-1 ; ordonnance n° 2020-391 du 1er avril "
			       "2020, art. 6)",
			       name_of(m, m->movements[i].a.member), date_fr(m->date, d, sizeof d), collectivity_of(m));
}

/* With members at a distance, votes are public: a secret ballot is not
 * possible (the affair is put off to a later séance), and the register
 * names the voters (ordonnance 2020-391 art. 6; CGCT L5211-11-1). */
static void rule_vote_remote_ballot(model *m)
{
	if (!m->vote || !m->scrutin || m->nremote_vote == 0 || strcmp(m->scrutin, "public") == 0)
		return;
	const char *basis = m->type ? era_remote_basis(m->date, m->type) : NULL;
	if (!basis)
		return;  /* presence.remote reports the remote participation itself */
	if (strcmp(m->scrutin, "secret") == 0)
		report(m, m->vote, "scrutin", "%lld %s à distance au vote : le vote a lieu au scrutin public, un scrutin "
		       "secret n'est pas possible et l'affaire est reportée à une séance ultérieure (%s)",
		       (long long)m->nremote_vote, plural(m->nremote_vote, "conseiller", "conseillers"), basis);
	else
		report(m, m->vote, "scrutin", "%lld %s à distance au vote : le vote a lieu au scrutin public, par appel "
		       "nominal ou scrutin électronique, et le registre porte le nom des votants (%s) ; "
		       "scrutin=\"public\" et un élément « votant » par conseiller",
		       (long long)m->nremote_vote, plural(m->nremote_vote, "conseiller", "conseillers"), basis);
}

/* Suppléants exist in the councils of communautés (one per commune with a
 * single seat, L5211-6) and in syndicats whose statutes provide them
 * (L5212-7); nowhere else. */
static void rule_substitute_collectivity(model *m)
{
	if (!m->nsubstitutes || !m->type || strcmp(m->type, "epci") == 0 || strcmp(m->type, "syndicat") == 0)
		return;
	for (int i = 0; i < m->nmembers; i++)
		if (m->members[i].substitute)
			report(m, m->members[i].node, NULL, "%s, %s pour %s : seuls les conseils "
			       "communautaires (CGCT L5211-6) et les comités syndicaux (CGCT L5212-7) ont des suppléants",
			       m->members[i].name, agree(m, i, "suppléant déclaré", "suppléante déclarée"), collectivity_of(m));
}

/* A suppléant sits only while the titular is neither present nor
 * represented (L5211-6: "en cas d'absence du conseiller titulaire"); the
 * titular is a member in office. */
static void rule_substitute_titular(model *m)
{
	for (int i = 0; i < m->nmembers; i++) {
		const member *x = &m->members[i];
		if (!x->substitute)
			continue;
		if (x->titular < 0 || m->members[x->titular].substitute) {
			report(m, x->node, "titulaire", "%s n'est %s d'aucun conseiller en exercice", x->name,
			       x->feminine ? "suppléante" : "suppléant");
			continue;
		}
		const member *t = &m->members[x->titular];
		if (x->status == S_PRESENT && (t->status == S_PRESENT || t->status == S_PROXY))
			report(m, x->entry, "ref", "%s siège comme %s %s%s, qui est pourtant %s à l'ouverture : le suppléant ne "
			       "siège qu'en l'absence du titulaire (CGCT L5211-6)", x->name,
			       x->feminine ? "suppléante" : "suppléant", de(m, x->titular), t->name,
			       t->status == S_PRESENT ? agree(m, x->titular, "présent", "présente")
			                              : agree(m, x->titular, "représenté", "représentée"));
		else if (x->vote_status == S_PRESENT && (t->vote_status == S_PRESENT || t->vote_status == S_PROXY))
			report(m, x->entry ? x->entry : m->presences, NULL, "%s et %s, %s titulaire, siègent tous deux au vote "
			       "de cette délibération : le suppléant ne siège qu'en l'absence du titulaire (CGCT L5211-6)",
			       x->name, t->name, x->feminine ? "sa" : "son");
	}
}

/* A suppléant is not a member in office: present when sitting, or not
 * listed; not excused, absent, represented or holding a proxy, not president
 * or signatory. */
static void rule_substitute_role(model *m)
{
	for (int i = 0; i < m->nentries; i++) {
		const entry *e = &m->entries[i];
		int who = e->member >= 0 && m->members[e->member].substitute ? e->member
		          : e->holder >= 0 && m->members[e->holder].substitute ? e->holder : -1;
		if (who < 0 || e->kind == S_PRESENT)
			continue;
		report(m, e->node, e->kind == S_PROXY ? (who == e->member ? "de" : "a") : "ref",
		       "%s, %s, ne figure dans les présences que %s siège (« present ») : un suppléant n'est ni "
		       "excusé, ni absent, et ne donne ni ne reçoit de pouvoir (CGCT L5211-6)",
		       name_of(m, who), agree(m, who, "suppléant", "suppléante"), agree(m, who, "s'il", "si elle"));
	}
	if (m->president_member >= 0 && m->members[m->president_member].substitute)
		report(m, m->president, "ref", "%s, %s, ne peut présider la séance", name_of(m, m->president_member),
		       agree(m, m->president_member, "suppléant", "suppléante"));
}

/* ---- the table ------------------------------------------------------------ */

enum { ALL = 0, FINAL = 1 };

static const rule_row RULES[] = {
	{{"presence.partition", DELIB_ERROR, FINAL, "chaque conseiller est présent, représenté, excusé ou absent, une seule fois"}, rule_presence_partition},
	{{"presence.count", DELIB_ERROR, ALL, "les nombres imprimés (en exercice, présents) sont ceux des listes"}, rule_presence_count},
	{{"president.present", DELIB_ERROR, FINAL, "le président de séance est présent"}, rule_president_present},
	{{"quorum", DELIB_ERROR, FINAL, "plus de la moitié des membres en exercice présents (le tiers en période COVID), sauf seconde convocation"}, rule_quorum},
	{{"quorum.second-convocation", DELIB_ERROR, ALL, "seconde convocation trois jours au moins après la séance sans quorum"}, rule_second_convocation},
	{{"proxy.holder-absent", DELIB_ERROR, FINAL, "le pouvoir est donné à un membre présent"}, rule_proxy_holder_absent},
	{{"proxy.giver-present", DELIB_ERROR, FINAL, "qui donne pouvoir n'est pas listé présent"}, rule_proxy_giver_present},
	{{"proxy.one-per-holder", DELIB_ERROR, FINAL, "un pouvoir par membre (deux en période COVID)"}, rule_proxy_one_per_holder},
	{{"secretary.present", DELIB_ERROR, FINAL, "le secrétaire de séance est un membre présent"}, rule_secretary_present},
	{{"secretary.non-member", DELIB_ERROR, ALL, "un secrétaire non conseiller seulement en Alsace-Moselle, avec prénom et nom"}, rule_secretary_non_member},
	{{"presence.remote", DELIB_ERROR, FINAL, "participation à distance seulement où un texte l'a permise (CGCT L5211-11-1, lois COVID)"}, rule_presence_remote},
	{{"vote.remote-ballot", DELIB_ERROR, FINAL, "conseillers à distance : scrutin public, jamais secret"}, rule_vote_remote_ballot},
	{{"substitute.collectivity", DELIB_ERROR, ALL, "des suppléants seulement en EPCI (CGCT L5211-6) et en syndicat (CGCT L5212-7)"}, rule_substitute_collectivity},
	{{"substitute.titular", DELIB_ERROR, FINAL, "le suppléant siège en l'absence de son titulaire"}, rule_substitute_titular},
	{{"substitute.role", DELIB_ERROR, FINAL, "un suppléant est présent ou absent des listes, ni pouvoir ni présidence"}, rule_substitute_role},
	{{"presence.movement", DELIB_ERROR, FINAL, "arrivées et départs cohérents, avant ce vote, dans cette séance"}, rule_presence_movement},
	{{"acte.required", DELIB_ERROR, FINAL, "un acte définitif porte la convocation, les présences, le président et le secrétaire"}, rule_acte_required},
	{{"vote.missing", DELIB_ERROR, FINAL, "une délibération définitive porte son vote"}, rule_vote_missing},
	{{"signatory.missing", DELIB_ERROR, FINAL, "une délibération définitive porte son signataire (CRPA L212-1)"}, rule_signatory_missing},
	{{"vote.total", DELIB_ERROR, FINAL, "pour + contre + abstentions + ne prend pas part = présents + représentés"}, rule_vote_total},
	{{"vote.outcome", DELIB_ERROR, FINAL, "adoptée si pour > contre ; partage : voix du président, sauf scrutin secret"}, rule_vote_outcome},
	{{"vote.unanimity", DELIB_ERROR, FINAL, "la mention d'unanimité correspond aux voix"}, rule_vote_unanimity},
	{{"vote.public-list", DELIB_ERROR, FINAL, "scrutin public : le vote de chacun, conforme aux totaux ; aucun au scrutin secret"}, rule_vote_public_list},
	{{"vote.interested", DELIB_ERROR, FINAL, "un membre intéressé ne vote pas, ni comme mandataire"}, rule_vote_interested},
	{{"convocation.delay", DELIB_ERROR, ALL, "délai de convocation de la collectivité : 5 jours francs (3 sous 3 500 habitants ; Alsace-Moselle 3 jours ; départements et régions 12 jours), abrégé en urgence"}, rule_convocation_delay},
	{{"urgency.ruling", DELIB_ERROR, FINAL, "l'assemblée se prononce sur l'urgence ; une affaire renvoyée n'est pas votée"}, rule_urgency_ruling},
	{{"convocation.population", DELIB_WARNING, ALL, "population inconnue quand le délai ne suffit qu'au-dessous de 3 500 habitants"}, rule_convocation_population},
	{{"date.order", DELIB_ERROR, ALL, "convocation avant la séance ; réception et publicité après"}, rule_date_order},
	{{"numero.format", DELIB_ERROR, ALL, "la date ou l'année du numéro est celle de la séance ; numéro d'ordre >= 1"}, rule_numero_format},
	{{"actes.format", DELIB_ERROR, FINAL, "identifiant ACTES : département-SIREN-AAAAMMJJ-numéro-nature-1-1"}, rule_actes_format},
	{{"actes.siren", DELIB_ERROR, ALL, "SIREN valide (Luhn), le même dans l'identifiant et la collectivité"}, rule_actes_siren},
	{{"actes.department", DELIB_ERROR, FINAL, "le département de l'identifiant est celui de la collectivité"}, rule_actes_department},
	{{"actes.date", DELIB_ERROR, FINAL, "la date de l'identifiant est celle de la séance"}, rule_actes_date},
	{{"actes.nature", DELIB_ERROR, FINAL, "la nature de l'identifiant est celle de l'acte"}, rule_actes_nature},
	{{"publicity.era", DELIB_ERROR, FINAL, "affichage avant le 1er juillet 2022, publication ou notification après"}, rule_publicity_era},
};

#define NRULES (sizeof RULES / sizeof *RULES)

size_t check_rule_count(void) { return NRULES; }

const check_rule_info *check_rule(size_t i) { return i < NRULES ? &RULES[i].info : NULL; }

int check_document(xmlDocPtr doc, srcpos *pos, int draft, diag_list *diags)
{
	model m = {.pos = pos, .draft = draft, .diags = diags};
	if (build(&m, doc) != 0) {
		if (m.oom) {
			diag_add(diags, D_NOMEM, 0, 0);
			model_free(&m);
			return 1;
		}
		model_free(&m);
		return 0;  /* not a document of the schema: nothing to check */
	}
	for (size_t i = 0; i < NRULES && !m.oom; i++) {
		if (draft && RULES[i].info.final_only)
			continue;
		m.rule = &RULES[i];
		RULES[i].run(&m);
	}
	if (m.oom) {
		diag_add(diags, D_NOMEM, 0, 0);
		m.errors++;
	}
	model_free(&m);
	return m.errors + check_tables(doc, pos, diags);
}
