#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generates a realistic archive of council deliberations for delib batch.

    gen_corpus.py OUT_DIR [--years 3] [--seances 10] [--per-seance 30] [--seed 1]
                  [--first-year Y] [--annex-pages N|MIN-MAX]

Writes OUT_DIR/<year>/<séance date>/<NN>_<object>.xml in the domain
vocabulary (schema/deliberation.xsd, docs/vocabulary.md), modelled on
samples/2021-10-14-22.xml. Same arguments, same bytes: everything comes from
random.Random(seed), never from the clock or hash order. Python 3 standard
library only.

What varies, within the law (docs: /work/shared/DOMAIN.md):
- one commune of 28 000 inhabitants, 35 members in office (civilities,
  offices); the council elected in 2020 is installed on 25 May 2020, and
  keeps part of the former one;
- séances spread over each year (none in August), convocation 6 to 9 days
  before (at least 5 clear days), numbers YYYY-MM-DD-N contiguous within the
  séance; file names are not the numbers (the PDFs are named after them);
- attendance: present / excused with proxy / excused / absent; quorum
  P > E/2, or P >= E/3 inside the COVID windows (24 Mar–10 Jul 2020,
  15 Nov 2020–30 Sep 2021, 10 Nov 2021–31 Jul 2022: those of src/era.c),
  where a member may also hold two proxies instead of one; proxies go to
  present members;
- votes: pour + contre + abstentions + ne prend pas part = present + proxies,
  unanimity most often, an opposition group voting against or abstaining,
  now and then a rejected item; never a tie; a divided vote is a show of
  hands ("main-levee"), or now and then a "public" ballot listing each
  member's vote (CGCT L2121-21, "votant" elements agreeing with the totals);
- executory block: reception in prefecture after the séance, ACTES
  identifier agreeing with the document, @affichage before 1 July 2022 and
  @publication from that day;
- objects, visas, considerants and articles from a list of municipal
  subjects; annexes from none to about 40 pages: tables of varied row counts
  (groups, merged cells, amounts, landscape tables of 8 to 10 columns),
  lists, headings and paragraphs.

--annex-pages N (or MIN-MAX) gives every deliberation an annex of about N
pages (the benchmark uses 21: documents the size of the sample, 23 pages);
without it the annex size varies as above.
"""
import argparse
import datetime as dt
import os
import random
import re
import sys
import unicodedata
from xml.sax.saxutils import escape, quoteattr

NS = "urn:delib:deliberation:1"
E = 35  # members in office for 20 000-29 999 inhabitants (CGCT L2121-2)
REFORM = dt.date(2022, 7, 1)  # publicity reform (ordonnance 2021-1310)
COVID = [(dt.date(2020, 3, 24), dt.date(2020, 7, 10)),
         (dt.date(2020, 11, 15), dt.date(2021, 9, 30)),
         (dt.date(2021, 11, 10), dt.date(2022, 7, 31))]
INSTALLATION_2020 = dt.date(2020, 5, 25)

COMMUNE = {"nom": "Val-de-Rouvre", "departement": "76", "population": "28000",
           "organe": "Conseil municipal", "siren8": "21760598"}

# ---------------------------------------------------------------- people

PRENOMS_F = ["Anne", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Christine", "Martine", "Valérie",
             "Sandrine", "Céline", "Stéphanie", "Émilie", "Julie", "Aurélie", "Claire", "Léa", "Camille",
             "Hélène", "Agnès", "Françoise", "Murielle", "Najia", "Fatima", "Laëtitia", "Marie-Pierre",
             "Anne-Sophie", "Joëlle", "Chloé", "Inès", "Zoé"]
PRENOMS_M = ["Jean", "Philippe", "Michel", "Alain", "Patrick", "Nicolas", "Christophe", "Pierre",
             "Laurent", "Frédéric", "Éric", "David", "Stéphane", "Julien", "Olivier", "Thomas", "Mathieu",
             "François", "Jérôme", "Édouard", "Hubert", "Ahmed", "Karim", "José", "Jean-Marc",
             "Pierre-Yves", "Grégory", "Rémi", "Loïc", "Benoît"]
NOMS = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
        "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
        "Vincent", "Fournier", "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont", "Lambert",
        "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin",
        "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier",
        "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Le Cousin", "Le Bechec", "Grévrand",
        "Quéruel", "Chéron", "Boucard", "Moba M'Builu", "Grandfond-Cassius", "Akkari", "Benali",
        "Nguyen", "Da Silva", "Lemaître", "Vasseur", "Delahaye"]


def ascii_id(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", s.lower())


class Member:
    def __init__(self, civ, prenom, nom):
        self.civ, self.prenom, self.nom = civ, prenom, nom
        self.id = ""
        self.fonction = None
        self.opposition = False
        self.delegation = None  # the subjects this member reports on


def make_people(rng, n):
    people, seen = [], set()
    while len(people) < n:
        civ = rng.choice(["M.", "Mme"])
        prenom = rng.choice(PRENOMS_M if civ == "M." else PRENOMS_F)
        nom = rng.choice(NOMS)
        if (prenom, nom) in seen:
            continue
        seen.add((prenom, nom))
        people.append(Member(civ, prenom, nom))
    return people


DELEGATIONS = ["finances", "urbanisme", "education", "personnel", "social", "culture", "sport",
               "travaux", "environnement", "ville"]


def make_council(rng, people):
    """35 members: maire, 10 adjoints with delegations, 16 other majority
    members, 8 of the opposition. Ids are unique within the council."""
    council = list(people)
    used = set()
    for m in council:
        base = ascii_id(m.prenom[0] + m.nom)
        mid, k = base, 2
        while mid in used:
            mid, k = "%s%d" % (base, k), k + 1
        used.add(mid)
        m.id = mid
        m.fonction, m.delegation, m.opposition = None, None, False
    council[0].fonction = "Maire"
    for i, m in enumerate(council[1:11]):
        m.fonction = "Adjointe au maire" if m.civ == "Mme" else "Adjoint au maire"
        if i == 0:
            m.fonction = "Première adjointe" if m.civ == "Mme" else "Premier adjoint"
        m.delegation = DELEGATIONS[i]
    for m in council[11:14]:
        m.fonction = "Conseillère municipale déléguée" if m.civ == "Mme" else "Conseiller municipal délégué"
    for m in council[-8:]:
        m.opposition = True
    return council


def councils(rng):
    """The council before the 2020 installation and the one after: the maire
    stays, 19 others are re-elected, 15 are new."""
    pool = make_people(rng, 60)
    before = pool[:35]
    kept = [before[0]] + rng.sample(before[1:], 19)
    after_people = kept + pool[35:50]
    order = [after_people[0]] + rng.sample(after_people[1:], len(after_people) - 1)
    fresh = [Member(m.civ, m.prenom, m.nom) for m in order]  # offices change with the mandate
    old = [Member(m.civ, m.prenom, m.nom) for m in before]
    return make_council(rng, old), make_council(rng, fresh)


# ---------------------------------------------------------------- dates

def in_covid(d):
    return any(a <= d <= b for a, b in COVID)


def seance_dates(rng, year, n):
    """n dates spread over the year, on weekdays, none in August."""
    months = [m for m in range(1, 13) if m != 8]
    dates = []
    for s in range(n):
        lo = s * len(months) / n
        hi = (s + 1) * len(months) / n
        m = months[min(int(lo + rng.random() * max(hi - lo, 1e-9)), len(months) - 1)]
        for _ in range(50):
            d = dt.date(year, m, rng.randint(1, 28))
            if d.weekday() < 5 and d not in dates:
                break
        dates.append(d)
    dates.sort()
    for i in range(1, len(dates)):  # keep them distinct after sorting
        while dates[i] <= dates[i - 1]:
            dates[i] += dt.timedelta(days=1)
    return dates


# ---------------------------------------------------------------- subjects
# Each subject: object (with {y} = year), nature, delegation of the
# rapporteur, visas, considerants, articles, annex kinds it may carry,
# and the kind of vote it usually gets.

CGCT = "Le Code général des collectivités territoriales,"

SUBJECTS = [
    dict(objet="Budget primitif {y} - Budget principal - Adoption", nature="BF", deleg="finances",
         visas=[CGCT, "Le Code général des collectivités territoriales, notamment ses articles L2311-1 et suivants et L2312-1 et suivants,",
                "L'instruction budgétaire et comptable M57,",
                "La délibération relative au débat d'orientation budgétaire {y},"],
         cons=["Le projet de budget primitif {y} a été présenté en commission des finances,",
               "Le budget est voté par nature, au niveau du chapitre pour la section de fonctionnement comme pour la section d'investissement,"],
         arts=["D'adopter le budget primitif {y} du budget principal, équilibré en dépenses et en recettes, tel que présenté dans le document annexé.",
               "De voter les crédits au niveau du chapitre."],
         annex=["budget"], vote="clivant"),
    dict(objet="Compte administratif {p} - Budget principal - Approbation", nature="BF", deleg="finances",
         visas=[CGCT, "Le Code général des collectivités territoriales, notamment son article L1612-12,",
                "Le compte de gestion {p} dressé par le comptable public,"],
         cons=["Le compte administratif {p} est conforme au compte de gestion établi par le comptable public,",
               "Le Maire s'est retiré au moment du vote, conformément à l'article L2121-14 du Code général des collectivités territoriales,"],
         arts=["D'approuver le compte administratif {p} du budget principal, dont les résultats sont présentés dans le document annexé.",
               "De constater la concordance des résultats avec le compte de gestion {p}."],
         annex=["budget"], vote="clivant", retrait=True),
    dict(objet="Décision modificative n°{n} - Budget principal {y}", nature="BF", deleg="finances",
         visas=[CGCT, "La délibération portant adoption du budget primitif {y},"],
         cons=["Il convient d'ajuster les crédits ouverts au budget primitif pour tenir compte de l'exécution budgétaire,"],
         arts=["D'adopter la décision modificative n°{n} du budget principal {y} telle que détaillée dans le tableau annexé."],
         annex=["budget", None], vote="clivant"),
    dict(objet="Taux d'imposition des taxes directes locales pour l'année {y}", nature="BF", deleg="finances",
         visas=[CGCT, "Le Code général des impôts, notamment ses articles 1379, 1407 et suivants et 1636 B sexies,",
                "La loi n°2019-1479 du 28 décembre 2019 de finances pour 2020,"],
         cons=["La commune souhaite maintenir ses taux d'imposition au niveau de l'année précédente,"],
         arts=["De fixer pour l'année {y} le taux de la taxe foncière sur les propriétés bâties à 51,56 % et celui de la taxe foncière sur les propriétés non bâties à 64,80 %.",
               "De charger le Maire de notifier cette décision aux services préfectoraux."],
         annex=[None], vote="clivant"),
    dict(objet="Subventions aux associations sportives - Année {y}", nature="DE", deleg="sport",
         visas=[CGCT, "La loi n°2000-321 du 12 avril 2000 relative aux droits des citoyens dans leurs relations avec les administrations, notamment son article 10,"],
         cons=["Les associations sportives contribuent à l'animation de la vie locale et à l'accès de tous à la pratique sportive,",
               "Les demandes de subvention ont été examinées par la commission des sports,"],
         arts=["D'attribuer aux associations sportives les subventions dont le détail figure dans le tableau annexé.",
               "D'imputer la dépense au chapitre 65 du budget {y}."],
         annex=["subventions"], vote="unanime"),
    dict(objet="Subventions aux associations culturelles et de solidarité - Année {y}", nature="DE", deleg="culture",
         visas=[CGCT, "La délibération portant adoption du budget primitif {y},"],
         cons=["Les associations culturelles et de solidarité participent à la cohésion sociale de la commune,"],
         arts=["D'attribuer les subventions de fonctionnement dont le détail figure dans le tableau annexé.",
               "De dire que les crédits sont inscrits au budget {y}."],
         annex=["subventions"], vote="unanime"),
    dict(objet="Tarifs municipaux - Restauration scolaire et accueils périscolaires - Année scolaire {y}-{z}", nature="DE", deleg="education",
         visas=[CGCT, "Le Code de l'éducation, notamment son article R531-52,",
                "La délibération fixant les tarifs de l'année scolaire précédente,"],
         cons=["Les tarifs sont modulés selon le quotient familial afin de garantir l'accès de tous les enfants au service,",
               "L'évolution des coûts de l'énergie et des denrées justifie une revalorisation limitée,"],
         arts=["De fixer les tarifs de la restauration scolaire et des accueils périscolaires pour l'année scolaire {y}-{z} conformément à la grille annexée.",
               "De dire que ces tarifs s'appliquent à compter du 1<exposant>er</exposant> septembre {y}."],
         annex=["tarifs"], vote="clivant"),
    dict(objet="Tableau des effectifs - Modification", nature="DE", deleg="personnel",
         visas=[CGCT, "La loi n°84-53 du 26 janvier 1984 portant dispositions statutaires relatives à la fonction publique territoriale, notamment son article 34,",
                "L'avis du comité technique,"],
         cons=["Il appartient au conseil municipal de fixer l'effectif des emplois nécessaires au fonctionnement des services,",
               "Des avancements de grade et la réorganisation de certains services rendent nécessaire la mise à jour du tableau des effectifs,"],
         arts=["De modifier le tableau des effectifs tel que présenté en annexe.",
               "D'inscrire les crédits correspondants au chapitre 012 du budget."],
         annex=["effectifs"], vote="unanime"),
    dict(objet="Régime indemnitaire tenant compte des fonctions, des sujétions, de l'expertise et de l'engagement professionnel (RIFSEEP) - Actualisation", nature="DE", deleg="personnel",
         visas=[CGCT, "Le décret n°2014-513 du 20 mai 2014 portant création d'un régime indemnitaire tenant compte des fonctions, des sujétions, de l'expertise et de l'engagement professionnel dans la fonction publique de l'État,",
                "L'avis du comité technique,"],
         cons=["Le régime indemnitaire doit être actualisé pour tenir compte des nouveaux cadres d'emplois éligibles,"],
         arts=["D'actualiser le régime indemnitaire selon les modalités et les montants plafonds figurant en annexe.",
               "De dire que les dispositions de la présente délibération prennent effet au 1<exposant>er</exposant> janvier {z}."],
         annex=["effectifs", "rapport"], vote="unanime"),
    dict(objet="Cession de la parcelle cadastrée section {sec} n°{parc} - Rue {rue}", nature="DE", deleg="urbanisme",
         visas=[CGCT, "Le Code général de la propriété des personnes publiques, notamment son article L3211-14,",
                "L'avis du service du Domaine,"],
         cons=["La parcelle ne présente plus d'utilité pour un service public communal,",
               "L'acquéreur s'est engagé à y réaliser un programme de logements,"],
         arts=["De céder la parcelle cadastrée section {sec} n°{parc} d'une contenance de {surf} m² au prix de {prix} € net vendeur.",
               "D'autoriser le Maire à signer l'acte authentique et toutes les pièces afférentes à cette cession."],
         annex=[None, None, "rapport"], vote="clivant"),
    dict(objet="Acquisition amiable d'un terrain situé rue {rue} pour l'aménagement d'un espace public", nature="DE", deleg="urbanisme",
         visas=[CGCT, "Le Code général de la propriété des personnes publiques,"],
         cons=["L'acquisition de ce terrain permettra l'aménagement d'un square de proximité,"],
         arts=["D'acquérir la parcelle cadastrée section {sec} n°{parc} au prix de {prix} €.",
               "D'autoriser le Maire à signer l'acte d'acquisition."],
         annex=[None], vote="unanime"),
    dict(objet="Dénomination d'une voie nouvelle - Allée {nomvoie}", nature="DE", deleg="urbanisme",
         visas=[CGCT, "Le Code général des collectivités territoriales, notamment son article L2121-30,"],
         cons=["Il appartient au conseil municipal de dénommer les voies publiques,"],
         arts=["De dénommer la voie nouvelle desservant le lotissement « Les Jardins du Rouvre » : allée {nomvoie}."],
         annex=[None], vote="unanime"),
    dict(objet="Garantie d'emprunt accordée à un bailleur social - Construction de {nlog} logements locatifs sociaux", nature="DE", deleg="finances",
         visas=[CGCT, "Le Code général des collectivités territoriales, notamment ses articles L2252-1 et L2252-2,",
                "L'article 2298 du Code civil,", "Le contrat de prêt signé entre le bailleur et la Caisse des dépôts et consignations,"],
         cons=["La garantie de la commune est sollicitée à hauteur de 50 % du prêt,"],
         arts=["D'accorder la garantie de la commune à hauteur de 50 % pour le remboursement du prêt d'un montant total de {prix} €.",
               "De s'engager pendant toute la durée du prêt à libérer les ressources suffisantes pour couvrir les charges de celui-ci."],
         annex=["budget", None], vote="unanime"),
    dict(objet="Rapport annuel sur le prix et la qualité du service public de l'eau potable - Exercice {p}", nature="DE", deleg="environnement",
         visas=[CGCT, "Le Code général des collectivités territoriales, notamment ses articles L2224-5 et D2224-1 et suivants,"],
         cons=["Le rapport annuel doit être présenté au conseil municipal dans les neuf mois qui suivent la clôture de l'exercice,"],
         arts=["De prendre acte du rapport annuel sur le prix et la qualité du service public de l'eau potable pour l'exercice {p}, annexé à la présente délibération."],
         annex=["rapport"], vote="acte"),
    dict(objet="Rapport sur la mise en œuvre de la politique de la Ville année {p} - Avis", nature="DE", deleg="ville",
         visas=[CGCT, "La loi n°2014-173 du 21 février 2014 de programmation pour la ville et la cohésion urbaine,"],
         cons=["Le rapport annexé retrace les actions menées au bénéfice des habitants des quartiers en géographie prioritaire au titre de l'année écoulée,",
               "Le projet de rapport élaboré par la commune est soumis pour avis au conseil communautaire et aux conseils citoyens,"],
         arts=["D'émettre un avis favorable au rapport annexé sur la mise en œuvre de la politique de la ville pour l'année {p}."],
         annex=["rapport"], vote="unanime"),
    dict(objet="Rapport d'orientation budgétaire {y}", nature="BF", deleg="finances",
         visas=[CGCT, "Le Code général des collectivités territoriales, notamment son article L2312-1,",
                "La loi n°2015-991 du 7 août 2015 portant nouvelle organisation territoriale de la République,"],
         cons=["Le débat d'orientation budgétaire doit se tenir dans les deux mois précédant l'examen du budget,"],
         arts=["De prendre acte de la tenue du débat d'orientation budgétaire {y} sur la base du rapport annexé."],
         annex=["rapport", "budget"], vote="acte"),
    dict(objet="Convention pluriannuelle d'objectifs avec le centre communal d'action sociale", nature="CC", deleg="social",
         visas=[CGCT, "Le Code de l'action sociale et des familles, notamment ses articles L123-4 et suivants,"],
         cons=["Le centre communal d'action sociale met en œuvre la politique sociale de la commune,"],
         arts=["D'approuver la convention pluriannuelle d'objectifs annexée.", "D'autoriser le Maire à la signer."],
         annex=["convention"], vote="unanime"),
    dict(objet="Adhésion au groupement de commandes pour l'achat d'énergie", nature="CC", deleg="travaux",
         visas=[CGCT, "Le Code de la commande publique, notamment ses articles L2113-6 et L2113-7,"],
         cons=["La mutualisation des achats permet d'obtenir des conditions tarifaires plus avantageuses,"],
         arts=["D'adhérer au groupement de commandes pour l'achat d'électricité et de gaz naturel.",
               "D'approuver la convention constitutive du groupement annexée et d'autoriser le Maire à la signer."],
         annex=["convention", None], vote="unanime"),
    dict(objet="Demande de subvention au titre de la dotation de soutien à l'investissement local - Rénovation énergétique du groupe scolaire {ecole}", nature="DE", deleg="travaux",
         visas=[CGCT, "Le Code général des collectivités territoriales, notamment son article L2334-42,"],
         cons=["Les travaux de rénovation énergétique permettront de réduire de 40 % les consommations du bâtiment,"],
         arts=["D'approuver le plan de financement prévisionnel annexé.",
               "D'autoriser le Maire à solliciter une subvention au titre de la dotation de soutien à l'investissement local."],
         annex=["budget", None], vote="unanime"),
    dict(objet="Désignation des représentants du conseil municipal au conseil d'administration du collège {ecole}", nature="DE", deleg=None,
         visas=[CGCT, "Le Code de l'éducation, notamment ses articles R421-14 et suivants,"],
         cons=["Le conseil municipal a décidé à l'unanimité de ne pas procéder au scrutin secret pour cette désignation,"],
         arts=["De désigner un représentant titulaire et un représentant suppléant au conseil d'administration du collège {ecole}."],
         annex=[None], vote="unanime"),
    dict(objet="Programme de renouvellement urbain - Convention avec l'Agence nationale pour la rénovation urbaine - Avenant n°{n}", nature="CC", deleg="ville",
         visas=[CGCT, "La loi n°2003-710 du 1<exposant>er</exposant> août 2003 d'orientation et de programmation pour la ville et la rénovation urbaine,",
                "Le règlement général de l'Agence nationale pour la rénovation urbaine relatif au nouveau programme national de renouvellement urbain,"],
         cons=["L'avenant actualise le programme des opérations et leur calendrier,"],
         arts=["D'approuver l'avenant n°{n} à la convention pluriannuelle de renouvellement urbain annexé.", "D'autoriser le Maire à le signer."],
         annex=["rapport", "convention"], vote="clivant"),
    dict(objet="Admission en non-valeur de créances irrécouvrables", nature="BF", deleg="finances",
         visas=[CGCT, "L'instruction budgétaire et comptable M57,"],
         cons=["Le comptable public a justifié de l'impossibilité de recouvrer ces créances,"],
         arts=["D'admettre en non-valeur les créances figurant dans l'état annexé, pour un montant total de {prix} €."],
         annex=["subventions", None], vote="unanime"),
    dict(objet="Indemnités de fonction du maire, des adjoints et des conseillers délégués", nature="DE", deleg=None,
         visas=[CGCT, "Le Code général des collectivités territoriales, notamment ses articles L2123-20 et suivants,"],
         cons=["Le montant total des indemnités ne peut excéder l'enveloppe indemnitaire globale,"],
         arts=["De fixer les indemnités de fonction selon le tableau annexé.", "De dire que les crédits sont inscrits au chapitre 65 du budget."],
         annex=["effectifs"], vote="clivant"),
    dict(objet="Règlement intérieur des accueils de loisirs sans hébergement - Modification", nature="AR", deleg="education",
         visas=[CGCT, "Le Code de l'action sociale et des familles, notamment son article R227-1,"],
         cons=["Le règlement intérieur doit être adapté aux nouvelles modalités d'inscription en ligne,"],
         arts=["D'approuver le règlement intérieur des accueils de loisirs sans hébergement annexé.",
               "De dire qu'il entrera en vigueur à la rentrée scolaire {y}."],
         annex=["convention"], vote="unanime"),
    dict(objet="Protection sociale complémentaire des agents - Participation employeur", nature="DE", deleg="personnel",
         visas=[CGCT, "L'ordonnance n°2021-175 du 17 février 2021 relative à la protection sociale complémentaire dans la fonction publique,",
                "L'avis du comité technique,"],
         cons=["La commune souhaite améliorer la couverture santé et prévoyance de ses agents,"],
         arts=["De fixer la participation de la commune à 15 € par mois et par agent pour le risque santé.",
               "De dire que cette participation s'applique à compter du 1<exposant>er</exposant> janvier {z}."],
         annex=[None, "rapport"], vote="unanime"),
]

RUES = ["Victor-Hugo", "Jean-Jaurès", "des Tilleuls", "du Madrillet", "Pierre-Sémard", "de la République",
        "Gambetta", "Lazare-Carnot", "des Coquelicots", "Louise-Michel"]
NOMS_VOIE = ["Simone-Veil", "Gisèle-Halimi", "Aimé-Césaire", "Lucie-Aubrac", "Joséphine-Baker", "des Peupliers"]
ECOLES = ["Joliot-Curie", "Jean-Macé", "Paul-Langevin", "Robespierre", "Henri-Wallon", "Louis-Pergaud"]


def fill(text, ctx):
    return text.format(**ctx)


# ---------------------------------------------------------------- text

def money(v):
    s = "{:,}".format(int(v)).replace(",", "\u00a0")
    return s + "\u00a0€"


PHRASES_DEBUT = ["Au cours de l'année écoulée, ", "Dans le cadre du contrat de ville, ", "Conformément aux orientations fixées par le conseil municipal, ",
                 "Malgré le contexte sanitaire, ", "En lien avec les partenaires institutionnels, ", "Pour la troisième année consécutive, ",
                 "À la demande des conseils citoyens, ", "Afin de répondre aux besoins exprimés par les habitants, "]
PHRASES_SUJET = ["la commune a poursuivi", "les services municipaux ont engagé", "le centre communal d'action sociale a renforcé",
                 "l'équipe de maîtrise d'œuvre urbaine et sociale a accompagné", "la direction de l'éducation a développé",
                 "le service des sports a mis en place", "la médiathèque a organisé", "le pôle finances a conduit"]
PHRASES_OBJET = ["un programme d'actions en faveur de la réussite éducative", "la rénovation énergétique des bâtiments communaux",
                 "des ateliers d'accès aux droits et d'inclusion numérique", "la réhabilitation de quarante logements sociaux",
                 "un plan de prévention des violences intrafamiliales", "l'extension des horaires d'ouverture des équipements",
                 "la mise en accessibilité des écoles et des gymnases", "des chantiers d'insertion à destination des jeunes adultes",
                 "la végétalisation des cours d'école", "un accompagnement renforcé des familles monoparentales"]
PHRASES_FIN = [", en associant étroitement les habitants des quartiers prioritaires.", ", avec le soutien financier de l'État et de la Métropole.",
               ", dont le bilan sera présenté en commission au cours du prochain semestre.", ", pour un coût global maîtrisé.",
               " ; les indicateurs de suivi montrent une progression de la fréquentation.", ", notamment au bénéfice des publics les plus éloignés.",
               " ; plusieurs actions ont toutefois dû être reportées en raison de la crise sanitaire.", "."]
ACTIONS = ["Accueil des familles et accompagnement à la scolarité", "Ateliers sociolinguistiques", "Permanences d'accès aux droits",
           "Chantier éducatif estival", "Prévention de la délinquance routière", "Fête de quartier et animations de proximité",
           "Soutien à la parentalité", "Lutte contre le décrochage scolaire", "Ateliers santé et nutrition", "Insertion par le sport",
           "Coup de pouce à l'emploi", "Jardins partagés", "Médiation sociale dans les transports", "Programme de réussite éducative"]
OPERATEURS = ["Ville", "CCAS", "Centre socio-culturel", "Association Relais", "Mission locale", "Métropole", "Bailleur social",
              "Éducation nationale", "Association Mosaïque", "Club de prévention"]


def sentence(rng):
    return rng.choice(PHRASES_DEBUT) + rng.choice(PHRASES_SUJET) + " " + rng.choice(PHRASES_OBJET) + rng.choice(PHRASES_FIN)


def paragraph(rng, nsent):
    return " ".join(sentence(rng) for _ in range(nsent))


# ---------------------------------------------------------------- annexes
# Built element by element until an estimate of the height reaches the
# target number of pages. The estimate counts lines of 10 pt body text
# (about 95 characters, 52 lines to a portrait page), calibrated by rendering
# annexes of each kind with delib batch: within about 10 % of the target.

LINE_CHARS = 95.0
PAGE_LINES = 52.0
LANDSCAPE_FACTOR = 1.65  # a line of a landscape table weighs this much of a portrait page's


class Annex:
    def __init__(self):
        self.sections = []  # (attrs, [xml strings], lines)
        self.lines = 0.0

    def section(self, numero, titre, paysage=False):
        attrs = 'numero="%s" titre=%s%s' % (numero, quoteattr(titre), ' orientation="paysage"' if paysage else "")
        self.sections.append([attrs, [], paysage])
        self.lines += 3.0 * (1.5 if paysage else 1.0)

    def add(self, xml, lines):
        self.sections[-1][1].append(xml)
        self.lines += lines * (LANDSCAPE_FACTOR if self.sections[-1][2] else 1.0)

    def pages(self):
        return self.lines / PAGE_LINES

    def xml(self, titre):
        out = ["  <annexe titre=%s>" % quoteattr(titre)]
        for attrs, items, _ in self.sections:
            out.append("    <section %s>" % attrs)
            out.extend("      " + x for x in items)
            out.append("    </section>")
        out.append("  </annexe>")
        return "\n".join(out)


def text_lines(text, chars=LINE_CHARS):
    return max(1, -(-len(text) // int(chars)))


def add_para(a, rng, nsent=None):
    t = paragraph(rng, nsent or rng.randint(2, 5))
    a.add("<para>%s</para>" % escape(t), text_lines(t) + 0.6)


def add_list(a, rng):
    marker = rng.choice(["-", "•", "✓", "&gt;", "numero"])
    items = []
    for _ in range(rng.randint(3, 8)):
        o = rng.choice(PHRASES_OBJET)
        items.append(o[0].upper() + o[1:] + rng.choice(PHRASES_FIN))
    xml = "<liste marqueur=\"%s\">%s</liste>" % (marker, "".join("<item>%s</item>" % escape(i) for i in items))
    a.add(xml, sum(text_lines(i, 88) + 0.2 for i in items) + 0.8)


def add_titre(a, rng, niveau=2):
    t = rng.choice(["Bilan de l'année", "Perspectives", "Volet cohésion sociale", "Volet urbain", "Gouvernance",
                    "Moyens mobilisés", "Indicateurs de suivi", "Calendrier prévisionnel", "Éléments financiers"])
    a.add('<titre niveau="%d">%s</titre>' % (niveau, escape(t)), 2.5)


def table_xml(widths, head, rows, size):
    cols = "".join('<colonne largeur="%s%%"/>' % w for w in widths)
    ent = "<entete><ligne>%s</ligne></entete>" % "".join("<cellule>%s</cellule>" % escape(h) for h in head)
    return '<tableau taille-police="%s">%s%s<corps>%s</corps></tableau>' % (size, cols, ent, "".join(rows))


def row_lines(cells, widths, size):
    """Estimated height of a row, in body lines."""
    scale = size / 10.0
    h = 1
    for text, w in zip(cells, widths):
        chars = LINE_CHARS * float(w) / 100.0 / scale
        h = max(h, text_lines(text, max(chars, 4)))
    return h * scale + 0.4


def cell(text):
    return "<cellule>%s</cellule>" % escape(text)


def add_table_subventions(a, rng, target_lines):
    widths = ["34", "40", "13", "13"]
    head = ["Association", "Objet de la subvention", "Montant N-1", "Montant N"]
    rows, lines = [], 2.0
    groups = ["Associations sportives", "Associations culturelles", "Solidarité et action sociale", "Jeunesse et éducation"]
    g = 0
    while lines < target_lines:
        if not rows or rng.random() < 0.12:
            rows.append("<groupe>%s</groupe>" % escape(groups[g % len(groups)]))
            g += 1
            lines += 1.4
        asso = "%s %s" % (rng.choice(["Union sportive", "Amicale", "Comité", "Association", "Club", "Cercle"]),
                          rng.choice(["du Rouvre", "des Familles", "Jean-Moulin", "Laïque", "des Aînés", "Franco-Portugaise", "Olympique"]))
        obj = rng.choice(["Fonctionnement", "Organisation du tournoi annuel", "Projet « Vacances pour tous »", "Aide au déplacement",
                          "Manifestation culturelle", "Achat de matériel", "Fonctionnement et actions éducatives"])
        n1 = rng.randrange(200, 25000, 50)
        n = max(0, n1 + rng.randrange(-2000, 3000, 50))
        cells = [asso, obj, money(n1), money(n)]
        rows.append("<ligne>%s</ligne>" % "".join(cell(c) for c in cells))
        lines += row_lines(cells, widths, 8)
    a.add(table_xml(widths, head, rows, "8"), lines)


def add_table_tarifs(a, rng, target_lines):
    widths = ["40", "20", "20", "20"]
    head = ["Prestation", "Quotient familial", "Tarif actuel", "Nouveau tarif"]
    rows, lines = [], 2.0
    prest = ["Repas élémentaire", "Repas maternelle", "Repas adulte", "Accueil du matin", "Accueil du soir",
             "Étude surveillée", "Accueil de loisirs (journée)", "Accueil de loisirs (demi-journée)", "Séjour (par jour)"]
    tranches = ["QF < 400", "400 ≤ QF < 700", "700 ≤ QF < 1 000", "1 000 ≤ QF < 1 400", "QF ≥ 1 400", "Hors commune"]
    while lines < target_lines:
        p = rng.choice(prest)
        nt = rng.randint(3, 6)
        base = rng.uniform(0.5, 6.0)
        for k in range(nt):
            t = base * (1 + 0.35 * k)
            cur = ("%.2f" % t).replace(".", ",") + "\u00a0€"
            new = ("%.2f" % (t * 1.02)).replace(".", ",") + "\u00a0€"
            first = '<cellule lignes="%d">%s</cellule>' % (nt, escape(p)) if k == 0 else ""
            rows.append("<ligne>%s%s%s%s</ligne>" % (first, cell(tranches[k]), cell(cur), cell(new)))
            lines += 1.2
    a.add(table_xml(widths, head, rows, "8"), lines)


def add_table_effectifs(a, rng, target_lines):
    widths = ["38", "10", "14", "14", "24"]
    head = ["Grade", "Catégorie", "Postes ouverts", "Postes pourvus", "Temps de travail"]
    filieres = {"Filière administrative": [("Attaché principal", "A"), ("Attaché", "A"), ("Rédacteur principal de 1re classe", "B"),
                                           ("Rédacteur", "B"), ("Adjoint administratif principal de 2e classe", "C"), ("Adjoint administratif", "C")],
                "Filière technique": [("Ingénieur principal", "A"), ("Technicien principal de 2e classe", "B"), ("Agent de maîtrise", "C"),
                                      ("Adjoint technique principal de 1re classe", "C"), ("Adjoint technique", "C")],
                "Filière animation": [("Animateur", "B"), ("Adjoint d'animation principal de 2e classe", "C"), ("Adjoint d'animation", "C")],
                "Filière culturelle": [("Assistant de conservation", "B"), ("Professeur d'enseignement artistique", "A"), ("Adjoint du patrimoine", "C")],
                "Filière médico-sociale": [("Éducateur de jeunes enfants", "A"), ("Auxiliaire de puériculture", "C"), ("Agent spécialisé des écoles maternelles", "C")]}
    rows, lines = [], 2.0
    names = list(filieres)
    k = 0
    while lines < target_lines:
        f = names[k % len(names)]
        k += 1
        rows.append("<groupe>%s</groupe>" % escape(f))
        lines += 1.4
        for grade, cat in filieres[f]:
            ouverts = rng.randint(1, 25)
            cells = [grade, cat, str(ouverts), str(rng.randint(max(0, ouverts - 3), ouverts)),
                     rng.choice(["Temps complet", "Temps complet", "Temps non complet (28 h)", "Temps non complet (17 h 30)"])]
            rows.append("<ligne>%s</ligne>" % "".join(cell(c) for c in cells))
            lines += row_lines(cells, widths, 8)
    a.add(table_xml(widths, head, rows, "8"), lines)


def add_table_budget(a, rng, target_lines):
    """A landscape table of 8 to 10 columns (budget by chapter)."""
    ncol = rng.randint(8, 10)
    first = [("Chapitre", 8), ("Libellé", 22)]
    rest = [("BP N-1", 10), ("Réalisé N-1", 10), ("BP N", 10), ("Évolution", 8), ("Reports", 8),
            ("Propositions nouvelles", 10), ("Vote", 10), ("Observations", 15)][:ncol - 2]
    total = sum(w for _, w in first + rest)
    widths = ["%.2f" % (100.0 * w / total) for _, w in first + rest]
    head = [h for h, _ in first + rest]
    libelles = [("011", "Charges à caractère général"), ("012", "Charges de personnel et frais assimilés"),
                ("014", "Atténuations de produits"), ("65", "Autres charges de gestion courante"), ("66", "Charges financières"),
                ("67", "Charges exceptionnelles"), ("042", "Opérations d'ordre de transfert entre sections"),
                ("70", "Produits des services, du domaine et ventes diverses"), ("73", "Impôts et taxes"),
                ("74", "Dotations, subventions et participations"), ("75", "Autres produits de gestion courante"),
                ("20", "Immobilisations incorporelles"), ("21", "Immobilisations corporelles"), ("23", "Immobilisations en cours"),
                ("16", "Emprunts et dettes assimilées"), ("10", "Dotations, fonds divers et réserves")]
    rows, lines = [], 2.5
    sect = ["Section de fonctionnement - Dépenses", "Section de fonctionnement - Recettes", "Section d'investissement - Dépenses",
            "Section d'investissement - Recettes"]
    s = 0
    while lines < target_lines:
        rows.append("<groupe>%s</groupe>" % escape(sect[s % len(sect)]))
        s += 1
        lines += 1.3
        for code, lib in rng.sample(libelles, rng.randint(4, 8)):
            bp1 = rng.randrange(50000, 18000000, 1000)
            real = int(bp1 * rng.uniform(0.85, 1.02))
            bp = int(bp1 * rng.uniform(0.95, 1.08))
            vals = [money(bp1), money(real), money(bp), ("%+.1f %%" % ((bp - bp1) * 100.0 / bp1)).replace(".", ","),
                    money(rng.randrange(0, 300000, 100)), money(rng.randrange(0, 900000, 100)), money(bp),
                    rng.choice(["", "", "Hausse liée à l'énergie", "Recrutements prévus au tableau des effectifs",
                                "Fin d'un emprunt structuré", "Opération pluriannuelle"])]
            cells = [code, lib] + vals[:ncol - 2]
            rows.append("<ligne>%s</ligne>" % "".join(cell(c) for c in cells))
            lines += row_lines(cells, widths, 7) * 0.9
    a.add(table_xml(widths, head, rows, "7"), lines)


def add_table_actions(a, rng, target_lines):
    """Like the sample's section 3: merged cells over several rows."""
    widths = ["14", "22", "40", "24"]
    head = ["Enjeux prioritaires", "Actions", "Point d'étape", "Perspectives"]
    enjeux = ["Emploi / insertion", "Éducation / Réussite éducative", "Culture", "Tranquillité publique / prévention",
              "Santé", "Cadre de vie", "Accès aux droits"]
    rows, lines = [], 2.0
    k = 0
    while lines < target_lines:
        n = rng.randint(2, 6)
        for i in range(n):
            act = "%d- %s" % (i + 1, rng.choice(ACTIONS))
            point = paragraph(rng, rng.randint(1, 4))
            persp = rng.choice(PHRASES_OBJET).capitalize() + rng.choice(PHRASES_FIN)
            first = '<cellule lignes="%d">%s</cellule>' % (n, escape(enjeux[k % len(enjeux)])) if i == 0 else ""
            rows.append("<ligne>%s%s%s%s</ligne>" % (first, cell(act), cell(point), cell(persp)))
            lines += row_lines(["", act, point, persp], widths, 8)
        k += 1
    a.add(table_xml(widths, head, rows, "8"), lines)


def add_table_actions_wide(a, rng, target_lines):
    """Like the sample's section 4: ten columns, landscape."""
    widths = ["7.26", "7.26", "7.26", "7.26", "15.93", "15.83", "12.5", "8.37", "8.17", "10.18"]
    head = ["Axe", "Thème", "Nom de l'action", "Opérateur", "Objectifs", "Description synthétique de l'action",
            "Public touché", "Moyens financiers", "Moyens humains (ETP)", "Commentaires"]
    rows, lines = [], 3.0
    while lines < target_lines:
        f1, f2 = rng.randrange(2000, 40000, 1), rng.randrange(2000, 40000, 1)
        cells = [rng.choice(["Cohésion sociale", "Cadre de vie", "Emploi", "Axes transversaux"]),
                 rng.choice(["Éducation", "Santé", "Prévention", "Habitat", "Insertion"]),
                 rng.choice(ACTIONS), rng.choice(OPERATEURS), paragraph(rng, 1), paragraph(rng, rng.randint(1, 2)),
                 "%d habitants dont %d %% en QPV" % (rng.randint(10, 400), rng.randint(40, 95)),
                 "État : %s<saut/>Ville : %s" % (money(f1), money(f2)), "%.1f ETP" % rng.uniform(0.1, 3.0),
                 rng.choice(PHRASES_FIN).strip(" ;,.").capitalize() or "Action reconduite"]
        xml = "".join("<cellule>%s</cellule>" % (escape(c).replace("&lt;saut/&gt;", "<saut/>")) for c in cells)
        rows.append("<ligne>%s</ligne>" % xml)
        lines += row_lines(cells, widths, 7)
    a.add(table_xml(widths, head, rows, "7"), lines)


ANNEX_TABLES = {"subventions": add_table_subventions, "tarifs": add_table_tarifs, "effectifs": add_table_effectifs,
                "budget": add_table_budget}


def make_annex(rng, kind, pages):
    """An annex of about `pages` pages."""
    a = Annex()
    target = pages * PAGE_LINES
    if kind in ANNEX_TABLES:
        a.section("1", "Présentation")
        add_para(a, rng, 2)
        paysage = kind == "budget"
        a.section("2", "Détail", paysage=paysage)
        ANNEX_TABLES[kind](a, rng, max(6.0, (target - a.lines) / (LANDSCAPE_FACTOR if paysage else 1.0)))
        return a
    if kind == "convention":
        n = 1
        while a.lines < target:
            a.section(str(n), rng.choice(["Objet de la convention", "Engagements des parties", "Durée", "Modalités financières",
                                          "Suivi et évaluation", "Résiliation", "Litiges"]))
            for _ in range(rng.randint(1, 4)):
                add_para(a, rng)
            if rng.random() < 0.4:
                add_list(a, rng)
            n += 1
        return a
    # A report like the sample's: tables, headings, paragraphs and lists.
    n = 1
    while a.lines < target:
        left = target - a.lines
        r = rng.random()
        if r < 0.3 and left > 40:
            a.section(str(n), "Point d'étape des actions")
            add_table_actions(a, rng, min(left, rng.uniform(40, 150)))
        elif r < 0.45 and left > 50:
            a.section(str(n), "Déclinaison détaillée des actions à l'échelle communale", paysage=True)
            add_table_actions_wide(a, rng, min(left, rng.uniform(50, 200)) / LANDSCAPE_FACTOR)
        else:
            a.section(str(n), rng.choice(["Ingénierie", "Gouvernance", "Bilan de l'année", "Perspectives",
                                          "Moyens mobilisés", "Éléments de contexte"]))
            for _ in range(rng.randint(1, 4)):
                if a.lines >= target:
                    break
                add_titre(a, rng, rng.choice([2, 2, 3]))
                add_para(a, rng)
                if rng.random() < 0.6:
                    add_list(a, rng)
                if rng.random() < 0.5:
                    add_para(a, rng)
        n += 1
    return a


def annex_pages(rng, fixed):
    if fixed:
        lo, hi = fixed
        return rng.uniform(lo, hi)
    r = rng.random()
    if r < 0.40:
        return 0
    if r < 0.70:
        return rng.uniform(0.5, 3)
    if r < 0.90:
        return rng.uniform(4, 15)
    return rng.uniform(18, 40)


# ---------------------------------------------------------------- attendance and votes

class Seance:
    def __init__(self, rng, date, council):
        self.date = date
        self.council = council
        covid = in_covid(date)
        self.covid = covid
        self.heure = rng.choice(["18:00", "18:30", "18:30", "19:00"])
        self.convocation = date - dt.timedelta(days=rng.randint(6, 9))  # 5 to 8 clear days
        self.publique = "non" if covid and rng.random() < 0.3 else "oui"
        self.lieu = "à la salle festive Jean-Moulin" if covid and rng.random() < 0.6 else "à la mairie"
        self.attendance(rng)
        self.secretaire = rng.choice([m for m in self.present if m.fonction is None and not m.opposition] or self.present[1:])

    def attendance(self, rng):
        """present / proxies / excused / absent, with the quorum of the day.
        The maire presides; in the maire's absence, the first adjoint."""
        c = self.council
        if self.covid and rng.random() < 0.5:
            n_present = rng.randint(-(-E // 3) + 1, 24)  # quorum of one third (COVID laws)
        else:
            n_present = rng.randint(E // 2 + 2, E)  # P > E/2 (L2121-17)
        chair = c[0] if rng.random() < 0.95 else c[1]
        others = [m for m in c if m is not chair]
        chosen = set(m.id for m in rng.sample(others, n_present - 1)) | {chair.id}
        self.present = [chair] + [m for m in c if m.id in chosen and m is not chair]
        self.president = chair
        per_holder = 2 if self.covid else 1  # L2121-20; two during the COVID windows
        held = {m.id: 0 for m in self.present}
        self.pouvoirs, self.excuses, self.absents = [], [], []
        for m in c:
            if m.id in chosen:
                continue
            r = rng.random()
            if r < 0.55:
                free = [h for h in self.present if held[h.id] < per_holder]
                same_side = [h for h in free if h.opposition == m.opposition]
                if same_side or free:
                    h = rng.choice(same_side or free)
                    held[h.id] += 1
                    self.pouvoirs.append((m, h))
                    continue
            (self.excuses if r < 0.85 else self.absents).append(m)

    def vote(self, rng, kind):
        """(scrutin, pour, contre, abstentions, npp, resultat)."""
        voters = len(self.present) + len(self.pouvoirs)
        npp = 1 if rng.random() < 0.06 else 0
        exprimes = voters - npp
        opposition = sum(1 for m in self.present if m.opposition) + sum(1 for m, _ in self.pouvoirs if m.opposition)
        contre = abst = 0
        if kind == "clivant":
            r = rng.random()
            if r < 0.45:
                contre = opposition
            elif r < 0.75:
                abst = opposition
            elif r < 0.9:
                contre = opposition // 2
                abst = opposition - contre
        elif kind == "unanime" and rng.random() < 0.15:
            abst = rng.randint(1, max(1, opposition))
        contre, abst = min(contre, exprimes), min(abst, exprimes - contre)
        pour = exprimes - contre - abst
        if kind != "acte" and rng.random() < 0.01:  # now and then, the majority splits
            pour, contre = min(pour, contre), max(pour, contre)
        if pour == contre and pour > 0:  # no tie: the president's casting vote is avoided
            pour, abst = pour - 1, abst + 1
        resultat = "adopte" if pour > (pour + contre) / 2 else "rejete"
        uniform = contre == 0 and abst == 0 and npp == 0
        scrutin = "public" if uniform and rng.random() < 0.5 else "main-levee"
        return scrutin, pour, contre, abst, npp, resultat


# ---------------------------------------------------------------- documents

def luhn_digit(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


SIREN = COMMUNE["siren8"] + luhn_digit(COMMUNE["siren8"])


def slug(text, n=40):
    s = unicodedata.normalize("NFKD", re.sub("<[^>]+>", "", text)).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s[:n].rstrip("-")


def member_xml(m):
    f = ' fonction=%s' % quoteattr(m.fonction) if m.fonction else ""
    return '    <conseiller id="%s" civilite="%s" prenom=%s nom=%s%s/>' % (m.id, m.civ, quoteattr(m.prenom), quoteattr(m.nom), f)


def rapporteur_for(seance, deleg, rng):
    if deleg:
        for m in seance.present:
            if m.delegation == deleg:
                return m
    adj = [m for m in seance.present if m.delegation]
    return rng.choice(adj) if adj else seance.present[0]


def deliberation_xml(rng, seance, k, subject, ctx, counter, fixed_pages):
    d = seance.date
    numero = "%s-%d" % (d.isoformat(), k)
    objet = fill(subject["objet"], ctx)
    nature = subject["nature"]
    internal = "LMC%06d" % counter  # S²LOW: at most 15 of A-Z 0-9 _
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<!-- Généré par scripts/gen_corpus.py : délibération fictive, commune fictive. -->',
           '<deliberation xmlns="%s" numero="%s" nature="%s" statut="definitif">' % (NS, numero, nature),
           '  <collectivite type="commune" siren="%s" departement="%s" population="%s">' % (SIREN, COMMUNE["departement"], COMMUNE["population"]),
           '    <nom>%s</nom>' % escape(COMMUNE["nom"]),
           '    <organe>%s</organe>' % COMMUNE["organe"],
           '  </collectivite>',
           '  <seance date="%s" heure="%s" convocation="%s" publique="%s">' % (d.isoformat(), seance.heure, seance.convocation.isoformat(), seance.publique),
           '    <lieu>%s</lieu>' % escape(seance.lieu),
           '  </seance>',
           '  <objet>%s</objet>' % escape(objet),
           '  <conseillers en-exercice="%d">' % E]
    out += [member_xml(m) for m in seance.council]
    out.append('  </conseillers>')
    out.append('  <presences presents-ouverture="%d">' % len(seance.present))
    out += ['    <present ref="%s"/>' % m.id for m in seance.present]
    out += ['    <pouvoir de="%s" a="%s"/>' % (m.id, h.id) for m, h in seance.pouvoirs]
    out += ['    <excuse ref="%s"/>' % m.id for m in seance.excuses]
    out += ['    <absent ref="%s"/>' % m.id for m in seance.absents]
    out.append('  </presences>')
    president = seance.president
    maire = seance.council[0]
    retrait = subject.get("retrait") and president is maire  # L2121-14: the maire withdraws for the vote
    if retrait:
        president = next((m for m in seance.present if m.delegation), seance.present[1])
    out.append('  <president ref="%s"/>' % president.id)
    out.append('  <secretaire ref="%s"/>' % seance.secretaire.id)
    out.append('  <rapporteur ref="%s"/>' % rapporteur_for(seance, subject["deleg"], rng).id)
    out.append('  <visas>')
    out += ['    <visa>%s</visa>' % fill(v, ctx) for v in subject["visas"]]
    if seance.covid:
        out.append("    <visa>La loi n°2021-1465 du 10 novembre 2021 portant diverses dispositions de vigilance sanitaire,</visa>"
                   if d >= COVID[2][0] else
                   "    <visa>La loi n°2020-1379 du 14 novembre 2020 autorisant la prorogation de l'état d'urgence sanitaire,</visa>"
                   if d >= COVID[1][0] else
                   "    <visa>La loi n°2020-290 du 23 mars 2020 d'urgence pour faire face à l'épidémie de covid-19,</visa>")
    out.append('  </visas>')
    out.append('  <considerants>')
    out += ['    <considerant>%s</considerant>' % fill(c, ctx) for c in subject["cons"]]
    out.append('  </considerants>')
    out.append('  <decision>')
    out += ['    <article>%s</article>' % fill(a, ctx) for a in subject["arts"]]
    out.append('  </decision>')
    scrutin, pour, contre, abst, npp, res = seance.vote(rng, subject["vote"])
    if retrait and npp == 0:  # the maire's own vote becomes "ne prend pas part"
        npp, scrutin = 1, "main-levee"
        if pour > 0:
            pour -= 1
        elif contre > 0:
            contre -= 1
        else:
            abst -= 1
        if pour == contre and pour > 0:
            pour, abst = pour - 1, abst + 1
        res = "adopte" if pour > (pour + contre) / 2 else "rejete"
    divided = contre or abst or npp
    votants = []
    if divided and rng.random() < 0.15:  # a public ballot asked for: each member's vote is recorded
        scrutin = "public"
        votants = roll_call(seance, maire if retrait else None, pour, contre, abst, npp)
    attrs = ('scrutin="%s" pour="%d" contre="%d" abstentions="%d" ne-prend-pas-part="%d" resultat="%s"'
             % (scrutin, pour, contre, abst, npp, res))
    if votants:
        out.append('  <vote %s>' % attrs)
        out += ['    <votant ref="%s" choix="%s"/>' % (m.id, c) for m, c in votants]
        out.append('  </vote>')
    else:
        out.append('  <vote %s/>' % attrs)
    out.append('  <signataire ref="%s" fonction="Maire"/>' % maire.id)
    reception = d + dt.timedelta(days=rng.randint(1, 6))
    shown = reception + dt.timedelta(days=rng.randint(0, 5))
    ident = "%s-%s-%s-%s-%s-1-1" % (COMMUNE["departement"], SIREN, d.strftime("%Y%m%d"), internal, nature)
    when = 'publication="%s"' % shown.isoformat() if d >= REFORM else 'affichage="%s"' % shown.isoformat()
    out.append('  <executoire reception-prefecture="%s" identifiant="%s" %s/>' % (reception.isoformat(), ident, when))
    kind = rng.choice(subject["annex"])
    pages = annex_pages(rng, fixed_pages)
    if fixed_pages and not kind:
        kind = "rapport"
    if kind and pages > 0:
        out.append(make_annex(rng, kind, pages).xml(objet))
    out.append('</deliberation>')
    return numero, objet, "\n".join(out) + "\n"


def roll_call(seance, withdrawn, pour, contre, abst, npp):
    """Each present or represented member's vote (CGCT L2121-21), agreeing
    with the totals: the opposition votes against or abstains first, the
    member who withdrew takes no part; listed in the council's order."""
    voters = [m for m in seance.council if m in seance.present or any(m is g for g, _ in seance.pouvoirs)]
    choice = {}
    order = ([withdrawn] if withdrawn else []) + [m for m in reversed(voters) if not m.opposition and m is not withdrawn]
    for m in order[:npp]:
        choice[m.id] = "ne-prend-pas-part"
    rest = [m for m in voters if m.opposition] + [m for m in reversed(voters) if not m.opposition]
    rest = [m for m in rest if m.id not in choice]
    for m in rest[:contre]:
        choice[m.id] = "contre"
    for m in rest[contre:contre + abst]:
        choice[m.id] = "abstention"
    for m in rest[contre + abst:]:
        choice[m.id] = "pour"
    assert sum(1 for c in choice.values() if c == "pour") == pour, (pour, choice)
    return [(m, choice[m.id]) for m in voters]


def subject_context(rng, d):
    return {"y": d.year, "z": d.year + 1, "p": d.year - 1, "n": rng.randint(1, 4), "sec": rng.choice(["AB", "AK", "BC", "CE"]),
            "parc": rng.randint(12, 980), "rue": rng.choice(RUES), "surf": rng.randint(180, 4200),
            "prix": "{:,}".format(rng.randrange(15000, 2500000, 500)).replace(",", "\u00a0"),
            "nomvoie": rng.choice(NOMS_VOIE), "ecole": rng.choice(ECOLES), "nlog": rng.randint(12, 80)}


def parse_pages(s):
    if s is None:
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?", s)
    if not m:
        raise argparse.ArgumentTypeError("attendu : N ou MIN-MAX")
    lo = float(m.group(1))
    hi = float(m.group(2)) if m.group(2) else lo
    if hi < lo or hi > 60:
        raise argparse.ArgumentTypeError("bornes invalides (au plus 60 pages)")
    return (lo, hi)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Génère une archive réaliste de délibérations (vocabulaire du domaine).")
    ap.add_argument("out_dir")
    ap.add_argument("--years", type=int, default=3)
    ap.add_argument("--seances", type=int, default=10, help="séances par an")
    ap.add_argument("--per-seance", type=int, default=30, help="délibérations par séance")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--first-year", type=int, default=None,
                    help="première année (par défaut : l'archive finit en 2022, pour couvrir les périodes COVID et la réforme du 1er juillet 2022)")
    ap.add_argument("--annex-pages", type=parse_pages, default=None,
                    help="pages d'annexe de chaque délibération, N ou MIN-MAX (par défaut : de 0 à 40, variées)")
    args = ap.parse_args(argv)
    if args.years < 1 or args.seances < 1 or args.per_seance < 1 or args.seances > 100 or args.per_seance > 200:
        ap.error("--years, --seances et --per-seance doivent être positifs (au plus 100 séances, 200 délibérations)")
    first = args.first_year if args.first_year is not None else 2023 - args.years
    rng = random.Random(args.seed)
    before, after = councils(rng)
    counter = 100000 + rng.randint(0, 800000)
    total = 0
    for year in range(first, first + args.years):
        for d in seance_dates(rng, year, args.seances):
            council = before if d < INSTALLATION_2020 else after
            seance = Seance(rng, d, council)
            folder = os.path.join(args.out_dir, str(year), d.isoformat())
            os.makedirs(folder, exist_ok=True)
            subjects = [SUBJECTS[i % len(SUBJECTS)] for i in range(len(SUBJECTS))]
            rng.shuffle(subjects)
            for k in range(1, args.per_seance + 1):
                subject = subjects[(k - 1) % len(subjects)]
                counter += 1
                numero, objet, xml = deliberation_xml(rng, seance, k, subject, subject_context(rng, d), counter,
                                                      args.annex_pages)
                name = "%02d_%s.xml" % (k, slug(objet))
                with open(os.path.join(folder, name), "w", encoding="utf-8", newline="\n") as f:
                    f.write(xml)
                total += 1
    print("%d délibérations écrites sous %s" % (total, args.out_dir), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
