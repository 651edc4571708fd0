/* SPDX-License-Identifier: Apache-2.0 */
/*
 * french_vote.h — the sentences a register prints about one vote, from the
 * whole vote: ballot, figures, result, the president's casting vote on a
 * tie, the members with a personal interest, the nominative list of a
 * public ballot, and the urgency of the convocation with the council's
 * ruling on it. Also the small agreements every French message needs:
 * elision of "de" before a name, gender from the civility.
 *
 * Pure C, no libxml2 types, no global state. The caller fills a
 * french_vote from the document (xslt_functions.c does it for templates)
 * and gets back a list of phrases it owns.
 *
 * The law behind each sentence (CGCT): L2121-20 (majority of the votes
 * cast; on a tie the president's vote decides, except in a secret ballot),
 * L2121-21 (public ballot: the register names the voters and the sense of
 * their vote), L2131-11 (a member interested in the affair takes no part),
 * L2121-11 / L2121-12 / L2541-2 / L3121-19 / L4132-18 (urgency: the
 * president reports it at the opening and the assembly rules on it).
 */
#ifndef DELIB_FRENCH_VOTE_H
#define DELIB_FRENCH_VOTE_H

#include <stddef.h>

/* A person as the register names her: "Madame Anne Martin". */
typedef struct french_person {
	const char *civilite;   /* "M." or "Mme" (anything else: masculine) */
	const char *prenom;
	const char *nom;
	/* for a member represented at the vote: who holds her proxy (NULL: none) */
	const struct french_person *holder;
} french_person;

enum french_ballot {
	FRENCH_BALLOT_HANDS,    /* à main levée */
	FRENCH_BALLOT_PUBLIC,   /* scrutin public (L2121-21) */
	FRENCH_BALLOT_SECRET    /* scrutin secret */
};

enum french_choice {
	FRENCH_CHOICE_POUR,
	FRENCH_CHOICE_CONTRE,
	FRENCH_CHOICE_ABSTENTION,
	FRENCH_CHOICE_NPP,      /* ne prend pas part au vote */
	FRENCH_CHOICES
};

enum french_urgency {
	FRENCH_URGENCY_NONE,        /* no urgency declared */
	FRENCH_URGENCY_UNRULED,     /* declared, the assembly's ruling not recorded */
	FRENCH_URGENCY_RECOGNISED,  /* declared and recognised by the assembly */
	FRENCH_URGENCY_DEFERRED     /* declared, the assembly sent the affair to a later séance */
};

typedef struct french_voter {
	const french_person *who;
	int choice;                 /* enum french_choice */
} french_voter;

typedef struct french_vote {
	const char *organe;         /* with its article: "le Conseil municipal" */
	int ballot;                 /* enum french_ballot */
	long pour, contre, abstentions, npp;   /* >= 0 */
	int adopted;                /* 1 adopted, 0 not */
	int casting;                /* the president's vote on a tie: FRENCH_CHOICE_POUR
	                               or FRENCH_CHOICE_CONTRE, -1 unknown */
	const french_person *president;   /* NULL if unknown */
	const char *president_office;     /* "Maire" (NULL: "président(e) de séance") */
	const french_person *interested;  /* L2131-11, in the file's order */
	size_t ninterested;
	const french_voter *voters;       /* the nominative list, in the file's order */
	size_t nvoters;
	int urgency;                /* enum french_urgency */
	const char *urgency_article;      /* "article L2121-12 du CGCT" */
	int capital_unanimity;      /* this collectivity prints "à l'Unanimité" */
} french_vote;

enum french_phrase_role {
	FRENCH_PHRASE_URGENCY,      /* "urgence" */
	FRENCH_PHRASE_RESULT,       /* "resultat" */
	FRENCH_PHRASE_INTERESTED,   /* "interesses" */
	FRENCH_PHRASE_VOTERS        /* "votants": one phrase per sense of vote */
};

typedef struct french_phrase {
	int role;                   /* enum french_phrase_role */
	char *text;                 /* one sentence, UTF-8, owned by the list */
} french_phrase;

/* The phrases of a vote, in reading order: urgency (if declared and ruled),
 * the result, the interested members, then the nominative list grouped by
 * sense of vote (pour, contre, abstention, ne prend pas part).
 * On success *out (free with french_phrases_free()) and *n are set and 0 is
 * returned; -1 on bad input (NULL, negative counts) or out of memory, with
 * *out NULL and *n 0. */
int french_vote_phrases(const french_vote *v, french_phrase **out, size_t *n);
void french_phrases_free(french_phrase *p, size_t n);

/* The role's name for templates ("urgence", "resultat", "interesses",
 * "votants"); NULL for an unknown role. */
const char *french_phrase_role_name(int role);

/* The mention of a vote by its figures and result, as french_vote_phrases()
 * prints it: "unanimite" (no vote on the other side, no abstention),
 * "unanimite-suffrages-exprimes" (no vote on the other side, abstentions),
 * "majorite"; NULL when no mention applies (a tie, no vote cast, or a result
 * the figures contradict). */
const char *french_vote_mention(long pour, long contre, long abstentions, int adopted);

/* 1 if the civility is feminine ("Mme"). */
int french_feminine(const char *civilite);

/* "de" before a word, elided before a vowel or a mute h: "d'Anne",
 * "d'Hugo", "d'Yves", "de Yannick", "de Bruno". Returns "d'" or "de ". */
const char *french_de(const char *word);

#endif /* DELIB_FRENCH_VOTE_H */
