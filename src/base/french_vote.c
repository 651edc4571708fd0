/* SPDX-License-Identifier: Apache-2.0 */
/*
 * french_vote.c — the sentences of a vote; see french_vote.h.
 *
 * Each phrase is built in a growing string (struct str) that remembers a
 * failed allocation instead of truncating, then appended to the list.
 */
#include "french_vote.h"

#include "french.h"

#include <stdlib.h>
#include <string.h>

/* French typography's spaces, in UTF-8: a no-break space between a
 * civility and the name, a narrow no-break space (U+202F) before ; ! ?. */
#define NBSP "\xC2\xA0"
#define NNBSP "\xE2\x80\xAF"

/* ---- growing string ------------------------------------------------------ */

struct str {
	char *s;
	size_t len, cap;   /* [bytes], without / with the final NUL */
	int bad;           /* allocation failed; sticky */
};

static void put(struct str *b, const char *t)
{
	size_t n = t ? strlen(t) : 0;

	if (b->bad)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 128;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *s = realloc(b->s, cap);
		if (s == NULL) {
			b->bad = 1;
			return;
		}
		b->s = s;
		b->cap = cap;
	}
	memcpy(b->s + b->len, t ? t : "", n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* "34 votes", "1 vote": the count grouped as French numbers are. */
static void put_count(struct str *b, long n, const char *one, const char *many)
{
	char buf[FRENCH_BUF_SIZE];

	if (french_plural(n, one, many, buf, sizeof buf) != 0)
		b->bad = 1;
	else
		put(b, buf);
}

/* ---- persons -------------------------------------------------------------- */

int french_feminine(const char *civilite)
{
	return civilite != NULL && strcmp(civilite, "Mme") == 0;
}

static int is_vowel_start(const char *w)
{
	static const char *const ACCENTED[] = {
		"É", "È", "Ê", "Ë", "À", "Â", "Ä", "Î", "Ï", "Ô", "Ö", "Û", "Ù", "Ü",
		"é", "è", "ê", "ë", "à", "â", "ä", "î", "ï", "ô", "ö", "û", "ù", "ü",
		"Œ", "œ", "Æ", "æ",
	};
	if (strchr("AEIOUaeiou", w[0]) != NULL && w[0] != '\0')
		return 1;
	for (size_t i = 0; i < sizeof ACCENTED / sizeof *ACCENTED; i++)
		if (strncmp(w, ACCENTED[i], strlen(ACCENTED[i])) == 0)
			return 1;
	return 0;
}

const char *french_de(const char *word)
{
	if (word == NULL || word[0] == '\0')
		return "de ";
	if (is_vowel_start(word))
		return "d'";
	/* a first name's h is mute (d'Hugo, d'Hélène); y before a consonant is
	 * a vowel (d'Yves), before a vowel a consonant (de Yannick) */
	if (word[0] == 'H' || word[0] == 'h')
		return "d'";
	if ((word[0] == 'Y' || word[0] == 'y') && word[1] != '\0' && !is_vowel_start(word + 1))
		return "d'";
	return "de ";
}

/* "Madame Anne Martin", the civility kept with the name by a no-break
 * space (French typography). */
static void put_person(struct str *b, const french_person *p)
{
	put(b, french_feminine(p->civilite) ? "Madame" NBSP : "Monsieur" NBSP);
	put(b, p->prenom);
	put(b, " ");
	put(b, p->nom);
}

/* "Madame Anne Martin (représentée par Monsieur Bruno Bernard)" */
static void put_voter(struct str *b, const french_person *p)
{
	put_person(b, p);
	if (p->holder != NULL) {
		put(b, french_feminine(p->civilite) ? " (représentée par " : " (représenté par ");
		put_person(b, p->holder);
		put(b, ")");
	}
}

/* Feminine plural only when every person is a woman. */
static int all_feminine(const french_person *const *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!french_feminine(p[i]->civilite))
			return 0;
	return n > 0;
}

/* "A", "A et B", "A, B et C" */
static void put_names(struct str *b, const french_person *const *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			put(b, i + 1 == n ? " et " : ", ");
		put_voter(b, p[i]);
	}
}

/* ---- figures and mention ------------------------------------------------- */

const char *french_vote_mention(long pour, long contre, long abstentions, int adopted)
{
	long side = adopted ? pour : contre, other = adopted ? contre : pour;

	if (pour < 0 || contre < 0 || abstentions < 0 || side <= other)
		return NULL;
	if (other > 0)
		return "majorite";
	return abstentions > 0 ? "unanimite-suffrages-exprimes" : "unanimite";
}

/* "34 votes pour" | "30 votes pour, 2 votes contre et 2 abstentions" |
 * "30 votes pour et 2 abstentions" | "20 votes contre": no zero is named
 * except a lone "0 vote pour" when nothing was cast at all. */
static void put_figures(struct str *b, long pour, long contre, long abst)
{
	int has_pour = pour > 0 || (contre == 0 && abst == 0);

	if (has_pour) {
		put_count(b, pour, "vote", "votes");
		put(b, " pour");
	}
	if (contre > 0) {
		if (has_pour)
			put(b, abst > 0 ? ", " : " et ");
		put_count(b, contre, "vote", "votes");
		put(b, " contre");
	}
	if (abst > 0) {
		if (has_pour || contre > 0)
			put(b, " et ");
		put_count(b, abst, "abstention", "abstentions");
	}
}

static void put_npp(struct str *b, long npp)
{
	if (npp <= 0)
		return;
	put(b, ", ");
	put_count(b, npp, "conseiller", "conseillers");
	put(b, " ne prenant pas part au vote");
}

/* "présidente de séance" | "Maire" */
static void put_president(struct str *b, const french_vote *v)
{
	put_person(b, v->president);
	put(b, ", ");
	if (v->president_office != NULL && v->president_office[0] != '\0')
		put(b, v->president_office);
	else
		put(b, french_feminine(v->president->civilite) ? "présidente de séance" : "président de séance");
}

/* ---- the phrases ---------------------------------------------------------- */

static void put_lead(struct str *b, const french_vote *v)
{
	put(b, "Après en avoir délibéré");
	if (v->ballot == FRENCH_BALLOT_SECRET)
		put(b, " au scrutin secret");
	else if (v->ballot == FRENCH_BALLOT_PUBLIC && v->nvoters > 0)
		put(b, " au scrutin public");
	put(b, ", ");
	put(b, v->organe);
	put(b, " ");
}

/* A tie (L2121-20): the president's vote decides, except in a secret
 * ballot, where the deliberation is not adopted. */
static void put_tie(struct str *b, const french_vote *v)
{
	int fem = v->president != NULL && french_feminine(v->president->civilite);

	if (v->ballot == FRENCH_BALLOT_SECRET) {
		put(b, "n'adopte pas la délibération, les voix étant également partagées (");
		put_figures(b, v->pour, v->contre, v->abstentions);
		put(b, ")");
		put_npp(b, v->npp);
		put(b, NNBSP "; au scrutin secret, la voix ");
		put(b, fem ? "de la présidente" : "du président");
		put(b, " n'est pas prépondérante (article L2121-20 du CGCT)");
		return;
	}
	put(b, v->adopted ? "adopte" : "rejette");
	put(b, " la délibération, les voix étant également partagées (");
	put_figures(b, v->pour, v->contre, v->abstentions);
	put(b, ")");
	put_npp(b, v->npp);
	if (v->president != NULL) {
		put(b, ", la voix de ");
		put_president(b, v);
	} else {
		put(b, ", la voix du président de séance");
	}
	if (v->casting == FRENCH_CHOICE_POUR || v->casting == FRENCH_CHOICE_CONTRE)
		put(b, v->casting == FRENCH_CHOICE_POUR ? ", qui a voté pour," : ", qui a voté contre,");
	put(b, " étant prépondérante (article L2121-20 du CGCT)");
}

static void put_result(struct str *b, const french_vote *v)
{
	put_lead(b, v);
	if (v->pour == 0 && v->contre == 0) {
		put(b, "n'adopte pas la délibération, aucun suffrage n'ayant été exprimé");
		if (v->abstentions > 0) {
			put(b, " (");
			put_count(b, v->abstentions, "abstention", "abstentions");
			put(b, ")");
		}
		put_npp(b, v->npp);
	} else if (v->pour == v->contre) {
		put_tie(b, v);
	} else {
		const char *mention = french_vote_mention(v->pour, v->contre, v->abstentions, v->adopted);
		put(b, v->adopted ? "adopte " : "rejette ");
		if (mention == NULL)
			mention = "majorite";  /* a result against the figures: vote.outcome refuses it */
		if (strcmp(mention, "unanimite") == 0)
			put(b, v->capital_unanimity ? "à l'Unanimité" : "à l'unanimité");
		else if (strcmp(mention, "unanimite-suffrages-exprimes") == 0)
			put(b, "à l'unanimité des suffrages exprimés");
		else
			put(b, "à la majorité");
		put(b, " la délibération, par ");
		put_figures(b, v->pour, v->contre, v->abstentions);
		put_npp(b, v->npp);
	}
	put(b, ".");
}

/* The urgency, reported by the president at the opening, ruled on by the
 * assembly (L2121-11, L2121-12, L2541-2, L3121-19, L4132-18). */
static int put_urgency(struct str *b, const french_vote *v)
{
	if (v->urgency != FRENCH_URGENCY_RECOGNISED && v->urgency != FRENCH_URGENCY_DEFERRED)
		return 0;
	put(b, "L'urgence ayant été déclarée pour la convocation, ");
	if (v->president != NULL) {
		put_president(b, v);
		put(b, ", en a rendu compte dès l'ouverture de la séance");
	} else {
		put(b, "il en a été rendu compte dès l'ouverture de la séance");
	}
	if (v->urgency == FRENCH_URGENCY_RECOGNISED)
		put(b, NNBSP "; l'urgence a été reconnue par ");
	else
		put(b, NNBSP "; l'affaire a été renvoyée à une séance ultérieure par ");
	put(b, v->organe);
	if (v->urgency_article != NULL && v->urgency_article[0] != '\0') {
		put(b, " (");
		put(b, v->urgency_article);
		put(b, ")");
	}
	put(b, ".");
	return 1;
}

/* "Madame Béatrice Quesnel, intéressée à l'affaire, n'a pas pris part au
 * vote (article L2131-11 du CGCT)." */
static void put_interested(struct str *b, const french_person *const *p, size_t n)
{
	int fem = all_feminine(p, n);

	put_names(b, p, n);
	if (n == 1)
		put(b, fem ? ", intéressée à l'affaire, n'a pas pris part au vote"
		           : ", intéressé à l'affaire, n'a pas pris part au vote");
	else
		put(b, fem ? ", intéressées à l'affaire, n'ont pas pris part au vote"
		           : ", intéressés à l'affaire, n'ont pas pris part au vote");
	put(b, " (article L2131-11 du CGCT).");
}

/* "Ont voté pour : A, B et C." | "S'est abstenue : Madame D." */
static void put_group(struct str *b, int choice, const french_person *const *p, size_t n)
{
	int fem = all_feminine(p, n), one = n == 1;

	switch (choice) {
	case FRENCH_CHOICE_POUR:
		put(b, one ? "A voté pour : " : "Ont voté pour : ");
		break;
	case FRENCH_CHOICE_CONTRE:
		put(b, one ? "A voté contre : " : "Ont voté contre : ");
		break;
	case FRENCH_CHOICE_ABSTENTION:
		put(b, one ? (fem ? "S'est abstenue : " : "S'est abstenu : ")
		           : (fem ? "Se sont abstenues : " : "Se sont abstenus : "));
		break;
	default:
		put(b, one ? "N'a pas pris part au vote : " : "N'ont pas pris part au vote : ");
		break;
	}
	put_names(b, p, n);
	put(b, ".");
}

/* ---- the list ------------------------------------------------------------- */

struct list {
	french_phrase *p;
	size_t n;
	int bad;
};

/* Moves the string into the list (or frees it on failure). */
static void add(struct list *l, int role, struct str *b)
{
	if (b->bad || l->bad) {
		free(b->s);
		l->bad = 1;
		return;
	}
	french_phrase *p = realloc(l->p, (l->n + 1) * sizeof *p);
	if (p == NULL) {
		free(b->s);
		l->bad = 1;
		return;
	}
	l->p = p;
	l->p[l->n].role = role;
	l->p[l->n].text = b->s;
	l->n++;
}

static void add_groups(struct list *l, const french_vote *v)
{
	const french_person **who = malloc((v->nvoters ? v->nvoters : 1) * sizeof *who);

	if (who == NULL) {
		l->bad = 1;
		return;
	}
	for (int c = 0; c < FRENCH_CHOICES; c++) {
		size_t n = 0;
		for (size_t i = 0; i < v->nvoters; i++)
			if (v->voters[i].choice == c && v->voters[i].who != NULL)
				who[n++] = v->voters[i].who;
		if (n == 0)
			continue;
		struct str b = {0};
		put_group(&b, c, who, n);
		add(l, FRENCH_PHRASE_VOTERS, &b);
	}
	free(who);
}

static void add_interested(struct list *l, const french_vote *v)
{
	const french_person **who;

	if (v->ninterested == 0)
		return;
	who = malloc(v->ninterested * sizeof *who);
	if (who == NULL) {
		l->bad = 1;
		return;
	}
	for (size_t i = 0; i < v->ninterested; i++)
		who[i] = &v->interested[i];
	struct str b = {0};
	put_interested(&b, who, v->ninterested);
	add(l, FRENCH_PHRASE_INTERESTED, &b);
	free(who);
}

int french_vote_phrases(const french_vote *v, french_phrase **out, size_t *n)
{
	struct list l = {0};
	struct str b = {0};

	if (out == NULL || n == NULL)
		return -1;
	*out = NULL;
	*n = 0;
	if (v == NULL || v->organe == NULL || v->pour < 0 || v->contre < 0 ||
	    v->abstentions < 0 || v->npp < 0)
		return -1;
	if (put_urgency(&b, v))
		add(&l, FRENCH_PHRASE_URGENCY, &b);
	struct str r = {0};
	put_result(&r, v);
	add(&l, FRENCH_PHRASE_RESULT, &r);
	add_interested(&l, v);
	add_groups(&l, v);
	if (l.bad) {
		french_phrases_free(l.p, l.n);
		return -1;
	}
	*out = l.p;
	*n = l.n;
	return 0;
}

void french_phrases_free(french_phrase *p, size_t n)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		free(p[i].text);
	free(p);
}

const char *french_phrase_role_name(int role)
{
	switch (role) {
	case FRENCH_PHRASE_URGENCY: return "urgence";
	case FRENCH_PHRASE_RESULT: return "resultat";
	case FRENCH_PHRASE_INTERESTED: return "interesses";
	case FRENCH_PHRASE_VOTERS: return "votants";
	default: return NULL;
	}
}
