#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the wording corpus, tests/corpus/wording/: one CASE.xml (a
deliberation of a fictitious council of nine) and CASE.txt (the exact
sentences the PDF must show, read through pdftotext; see run_wording.py)
per case. The sentences are written here by hand, not computed: they are
the expectation.

    make_wording.py OUT_FOLDER
"""
import os
import sys

MEMBERS = [
    ("m1", "Mme", "Anne", "Martin", "Maire"),
    ("m2", "M.", "Bruno", "Bernard", "Premier adjoint"),
    ("m3", "Mme", "Claire", "Petit", None),
    ("m4", "M.", "David", "Durand", None),
    ("m5", "Mme", "Emma", "Leroy", None),
    ("m6", "M.", "Fabien", "Moreau", None),
    ("m7", "Mme", "Gaëlle", "Simon", None),
    ("m8", "M.", "Hugo", "Laurent", None),
    ("m9", "Mme", "Inès", "Lefèvre", None),
]

# Seven present, Hugo Laurent represented by Bruno Bernard, Inès Lefèvre absent: 8 voters.
PRESENCES = """  <presences presents-ouverture="7">
    <present ref="m1"/>
    <present ref="m2"/>
    <present ref="m3"/>
    <present ref="m4"/>
    <present ref="m5"/>
    <present ref="m6"/>
    <present ref="m7"/>
    <pouvoir de="m8" a="m2"/>
    <absent ref="m9"/>
  </presences>
"""


def deliberation(vote='<vote scrutin="main-levee" pour="8" contre="0" abstentions="0" resultat="adopte"/>',
                 type_="commune", dept="76", population="12000", organe="Conseil municipal",
                 nom="Saint-Exemple-sur-Seine", seance_extra="", convocation="2023-03-09",
                 presences=PRESENCES, president="m1", statut="definitif", extra_coll="",
                 final=True, expose=None, substitutes=()):
    members = "\n".join(
        '    <conseiller id="%s" civilite="%s" prenom="%s" nom="%s"%s/>'
        % (i, c, p, n, ' fonction="%s"' % f if f else "") for i, c, p, n, f in MEMBERS)
    members += "".join('\n    <suppleant id="%s" civilite="%s" prenom="%s" nom="%s" titulaire="%s"/>' % s
                       for s in substitutes)
    pop = ' population="%s"' % population if population is not None else ""
    conv = ' convocation="%s"' % convocation if convocation else ""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<deliberation xmlns="urn:delib:deliberation:1" numero="2023-03-16-4" nature="DE" statut="%s">' % statut,
           '  <collectivite type="%s" siren="217605757" departement="%s"%s%s>' % (type_, dept, pop, extra_coll),
           '    <nom>%s</nom>' % nom,
           '    <organe>%s</organe>' % organe,
           '  </collectivite>',
           '  <seance date="2023-03-16" heure="18:30"%s publique="oui"%s>' % (conv, seance_extra),
           '    <lieu>à la mairie</lieu>',
           '  </seance>',
           "  <objet>Acquisition d'une parcelle rue des Tilleuls</objet>",
           '  <conseillers en-exercice="9">', members, '  </conseillers>']
    if final:
        out += [presences.rstrip("\n"),
                '  <president ref="%s"/>' % president,
                '  <secretaire ref="m3"/>']
    out.append('  <rapporteur ref="m2"/>')
    if expose:
        out += ['  <expose>'] + ['    <para>%s</para>' % e for e in expose] + ['  </expose>']
    out += [
           '  <visas>', '    <visa>Le Code général des collectivités territoriales,</visa>', '  </visas>',
           '  <considerants>',
           "    <considerant>La parcelle AB 123 permet l'extension de l'école,</considerant>",
           '  </considerants>',
           '  <decision>', "    <article>D'acquérir la parcelle AB 123 au prix de 20 574 €.</article>", '  </decision>']
    if final:
        out += ['  ' + vote,
                '  <signataire ref="m1"/>',
                '  <executoire reception-prefecture="2023-03-17"',
                '              identifiant="%s-217605757-20230316-D2023_04-DE-1-1"' % dept,
                '              publication="2023-03-20"/>']
    out.append('</deliberation>')
    return "\n".join(out) + "\n"


def votants(choices):
    """choices: {member id: choix} in the order of MEMBERS."""
    return "".join('\n    <votant ref="%s" choix="%s"/>' % (m[0], choices[m[0]]) for m in MEMBERS if m[0] in choices)


def vote(scrutin="main-levee", pour=0, contre=0, abst=0, npp=0, resultat="adopte", extra="", children=""):
    attrs = 'scrutin="%s" pour="%d" contre="%d" abstentions="%d" ne-prend-pas-part="%d" resultat="%s"%s' % (
        scrutin, pour, contre, abst, npp, resultat, extra)
    if children:
        return "<vote %s>%s\n  </vote>" % (attrs, children)
    return "<vote %s/>" % attrs


LEAD = "Après en avoir délibéré, le Conseil municipal "
CASES = {}


def case(name, xml, *sentences):
    CASES[name] = (xml, sentences)


# ---- the result ------------------------------------------------------------
case("unanimite", deliberation(vote(pour=8)),
     LEAD + "adopte à l'Unanimité la délibération, par 8 votes pour.",
     "! au scrutin")
case("unanimite-suffrages-exprimes", deliberation(vote(pour=6, abst=2)),
     LEAD + "adopte à l'unanimité des suffrages exprimés la délibération, par 6 votes pour et 2 abstentions.")
case("unanimite-suffrages-exprimes-une-abstention", deliberation(vote(pour=7, abst=1)),
     LEAD + "adopte à l'unanimité des suffrages exprimés la délibération, par 7 votes pour et 1 abstention.")
case("majorite", deliberation(vote(pour=5, contre=2, abst=1)),
     LEAD + "adopte à la majorité la délibération, par 5 votes pour, 2 votes contre et 1 abstention.")
case("majorite-un-contre", deliberation(vote(pour=7, contre=1)),
     LEAD + "adopte à la majorité la délibération, par 7 votes pour et 1 vote contre.")
case("rejet-majorite", deliberation(vote(pour=2, contre=5, abst=1, resultat="rejete")),
     LEAD + "rejette à la majorité la délibération, par 2 votes pour, 5 votes contre et 1 abstention.")
case("rejet-unanimite", deliberation(vote(contre=8, resultat="rejete")),
     LEAD + "rejette à l'Unanimité la délibération, par 8 votes contre.",
     "! 0 vote pour")
case("rejet-unanimite-suffrages-exprimes", deliberation(vote(contre=6, abst=2, resultat="rejete")),
     LEAD + "rejette à l'unanimité des suffrages exprimés la délibération, par 6 votes contre et 2 abstentions.")
case("aucun-suffrage-exprime", deliberation(vote(abst=8, resultat="rejete")),
     LEAD + "n'adopte pas la délibération, aucun suffrage n'ayant été exprimé (8 abstentions).",
     "! rejette")
case("ne-prend-pas-part-pluriel", deliberation(vote(pour=5, contre=1, npp=2)),
     LEAD + "adopte à la majorité la délibération, par 5 votes pour et 1 vote contre, "
     "2 conseillers ne prenant pas part au vote.")

# ---- ties (L2121-20) ------------------------------------------------------
case("partage-voix-preponderante-pour",
     deliberation(vote(pour=4, contre=4, extra=' voix-preponderante="pour"')),
     LEAD + "adopte la délibération, les voix étant également partagées (4 votes pour et 4 votes contre), "
     "la voix de Madame Anne Martin, Maire, qui a voté pour, étant prépondérante (article L2121-20 du CGCT).",
     "! à la majorité")
case("partage-voix-preponderante-contre",
     deliberation(vote(pour=4, contre=4, resultat="rejete", extra=' voix-preponderante="contre"')),
     LEAD + "rejette la délibération, les voix étant également partagées (4 votes pour et 4 votes contre), "
     "la voix de Madame Anne Martin, Maire, qui a voté contre, étant prépondérante (article L2121-20 du CGCT).")
case("partage-president-de-seance",
     deliberation(vote(pour=3, contre=3, abst=2, extra=' voix-preponderante="pour"'), president="m4"),
     LEAD + "adopte la délibération, les voix étant également partagées (3 votes pour, 3 votes contre et "
     "2 abstentions), la voix de Monsieur David Durand, président de séance, qui a voté pour, étant "
     "prépondérante (article L2121-20 du CGCT).")
case("partage-presidente-de-seance",
     deliberation(vote(pour=4, contre=4, extra=' voix-preponderante="pour"'), president="m3"),
     "la voix de Madame Claire Petit, présidente de séance, qui a voté pour, étant prépondérante")
case("partage-scrutin-secret",
     deliberation(vote(scrutin="secret", pour=4, contre=4, resultat="rejete")),
     "Après en avoir délibéré au scrutin secret, le Conseil municipal n'adopte pas la délibération, les voix "
     "étant également partagées (4 votes pour et 4 votes contre) ; au scrutin secret, la voix de la présidente "
     "n'est pas prépondérante (article L2121-20 du CGCT).",
     "! rejette", "! à la majorité")
case("partage-scrutin-secret-president",
     deliberation(vote(scrutin="secret", pour=3, contre=3, abst=1, npp=1, resultat="rejete"), president="m4"),
     "Après en avoir délibéré au scrutin secret, le Conseil municipal n'adopte pas la délibération, les voix "
     "étant également partagées (3 votes pour, 3 votes contre et 1 abstention), 1 conseiller ne prenant pas "
     "part au vote ; au scrutin secret, la voix du président n'est pas prépondérante (article L2121-20 du CGCT).")
case("scrutin-secret-majorite",
     deliberation(vote(scrutin="secret", pour=5, contre=3)),
     "Après en avoir délibéré au scrutin secret, le Conseil municipal adopte à la majorité la délibération, "
     "par 5 votes pour et 3 votes contre.")

# ---- public ballot: the nominative list (L2121-21) -------------------------
ALL_POUR = {m: "pour" for m in ("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8")}


def public(choices, pour, contre, abst, npp=0, resultat="adopte", interested=()):
    kids = "".join('\n    <interesse ref="%s"/>' % i for i in interested) + votants(choices)
    return vote(scrutin="public", pour=pour, contre=contre, abst=abst, npp=npp, resultat=resultat, children=kids)


case("scrutin-public-liste",
     deliberation(public(dict(ALL_POUR, m5="contre", m6="contre", m7="abstention"), 5, 2, 1)),
     "Après en avoir délibéré au scrutin public, le Conseil municipal adopte à la majorité la délibération, "
     "par 5 votes pour, 2 votes contre et 1 abstention.",
     "Ont voté pour : Madame Anne Martin, Monsieur Bruno Bernard, Madame Claire Petit, Monsieur David Durand "
     "et Monsieur Hugo Laurent (représenté par Monsieur Bruno Bernard).",
     "Ont voté contre : Madame Emma Leroy et Monsieur Fabien Moreau.",
     "S'est abstenue : Madame Gaëlle Simon.")
case("scrutin-public-abstenues",
     deliberation(public(dict(ALL_POUR, m3="abstention", m5="abstention"), 6, 0, 2)),
     "Se sont abstenues : Madame Claire Petit et Madame Emma Leroy.",
     "Ont voté pour : Madame Anne Martin, Monsieur Bruno Bernard, Monsieur David Durand, Monsieur Fabien "
     "Moreau, Madame Gaëlle Simon et Monsieur Hugo Laurent (représenté par Monsieur Bruno Bernard).")
case("scrutin-public-abstenus",
     deliberation(public(dict(ALL_POUR, m4="abstention", m5="abstention", m6="contre"), 5, 1, 2)),
     "Se sont abstenus : Monsieur David Durand et Madame Emma Leroy.",
     "A voté contre : Monsieur Fabien Moreau.")
case("scrutin-public-abstenu",
     deliberation(public(dict(ALL_POUR, m4="abstention"), 7, 0, 1)),
     "S'est abstenu : Monsieur David Durand.",
     "Après en avoir délibéré au scrutin public, le Conseil municipal adopte à l'unanimité des suffrages "
     "exprimés la délibération, par 7 votes pour et 1 abstention.")
case("scrutin-public-representee",
     deliberation(public(dict(ALL_POUR, m8="contre", m7="contre"), 6, 2, 0)),
     "Ont voté contre : Madame Gaëlle Simon et Monsieur Hugo Laurent (représenté par Monsieur Bruno Bernard).")
case("scrutin-public-partage-liste",
     deliberation(public({"m1": "pour", "m2": "pour", "m3": "pour", "m8": "pour", "m4": "contre",
                          "m5": "contre", "m6": "contre", "m7": "contre"}, 4, 4, 0)),
     "Après en avoir délibéré au scrutin public, le Conseil municipal adopte la délibération, les voix étant "
     "également partagées (4 votes pour et 4 votes contre), la voix de Madame Anne Martin, Maire, qui a voté "
     "pour, étant prépondérante (article L2121-20 du CGCT).",
     "Ont voté contre : Monsieur David Durand, Madame Emma Leroy, Monsieur Fabien Moreau et Madame Gaëlle Simon.")
case("scrutin-public-sans-liste",
     deliberation(vote(scrutin="public", pour=8)),
     LEAD + "adopte à l'Unanimité la délibération, par 8 votes pour.",
     "! Ont voté pour", "! au scrutin public")

# ---- interested members (L2131-11) ----------------------------------------
case("interesse-feminin",
     deliberation(vote(pour=7, npp=1, children='\n    <interesse ref="m3"/>')),
     LEAD + "adopte à l'Unanimité la délibération, par 7 votes pour, 1 conseiller ne prenant pas part au vote.",
     "Madame Claire Petit, intéressée à l'affaire, n'a pas pris part au vote (article L2131-11 du CGCT).")
case("interesse-masculin",
     deliberation(vote(pour=6, contre=1, npp=1, children='\n    <interesse ref="m6"/>')),
     "Monsieur Fabien Moreau, intéressé à l'affaire, n'a pas pris part au vote (article L2131-11 du CGCT).")
case("interessees-feminin-pluriel",
     deliberation(vote(pour=6, npp=2, children='\n    <interesse ref="m3"/>\n    <interesse ref="m5"/>')),
     "Madame Claire Petit et Madame Emma Leroy, intéressées à l'affaire, n'ont pas pris part au vote "
     "(article L2131-11 du CGCT).")
case("interesses-mixtes",
     deliberation(vote(pour=5, npp=3, children='\n    <interesse ref="m3"/>\n    <interesse ref="m4"/>'
                                             '\n    <interesse ref="m5"/>')),
     "Madame Claire Petit, Monsieur David Durand et Madame Emma Leroy, intéressés à l'affaire, n'ont pas pris "
     "part au vote (article L2131-11 du CGCT).")
case("interesse-scrutin-public",
     deliberation(public(dict(ALL_POUR, m3="ne-prend-pas-part", m6="contre"), 6, 1, 0, npp=1,
                         interested=("m3",))),
     "Madame Claire Petit, intéressée à l'affaire, n'a pas pris part au vote (article L2131-11 du CGCT).",
     "N'a pas pris part au vote : Madame Claire Petit.",
     "A voté contre : Monsieur Fabien Moreau.")

# ---- urgency and the ruling on it -----------------------------------------
URG = ' urgence="oui" urgence-reconnue="oui"'
case("urgence-reconnue",
     deliberation(vote(pour=8), seance_extra=URG, convocation="2023-03-14"),
     "L'urgence ayant été déclarée pour la convocation, Madame Anne Martin, Maire, en a rendu compte dès "
     "l'ouverture de la séance ; l'urgence a été reconnue par le Conseil municipal (article L2121-12 du CGCT).")
case("urgence-petite-commune",
     deliberation(vote(pour=8), seance_extra=URG, convocation="2023-03-14", population="800"),
     "l'urgence a été reconnue par le Conseil municipal (article L2121-11 du CGCT).")
case("urgence-alsace-moselle-veille",
     deliberation(vote(pour=8), seance_extra=URG, convocation="2023-03-15", population="800", dept="67"),
     "l'urgence a été reconnue par le Conseil municipal (article L2541-2 du CGCT).")
case("urgence-alsace-moselle-grande-commune",
     deliberation(vote(pour=8), seance_extra=URG, convocation="2023-03-14", population="12000", dept="57"),
     "l'urgence a été reconnue par le Conseil municipal (article L2121-12 du CGCT).")
case("urgence-epci",
     deliberation(vote(pour=8), seance_extra=URG, convocation="2023-03-14", type_="epci", population="45000",
                  extra_coll=' plus-grande-commune="12000"', organe="Conseil communautaire",
                  nom="Communauté de communes de l'Exemple"),
     "L'urgence ayant été déclarée pour la convocation, Madame Anne Martin, Maire, en a rendu compte dès "
     "l'ouverture de la séance ; l'urgence a été reconnue par le Conseil communautaire (articles L2121-12 et "
     "L5211-1 du CGCT).",
     "Après en avoir délibéré, le Conseil communautaire adopte à l'Unanimité la délibération, par 8 votes pour.")
case("urgence-departement",
     deliberation(vote(pour=8), seance_extra=URG, convocation="2023-03-14", type_="departement",
                  population=None, organe="Conseil départemental", nom="Département de l'Exemple"),
     "l'urgence a été reconnue par le Conseil départemental (article L3121-19 du CGCT).")
case("urgence-region",
     deliberation(vote(pour=8), seance_extra=URG, convocation="2023-03-14", type_="region",
                  population=None, organe="Conseil régional", nom="Région Exemple"),
     "l'urgence a été reconnue par le Conseil régional (article L4132-18 du CGCT).")
case("assemblee-elision",
     deliberation(vote(pour=6, contre=2), type_="region", dept="2A", population=None,
                  organe="Assemblée de Corse", nom="Collectivité de Corse", convocation="2023-03-02"),
     "Après en avoir délibéré, l'Assemblée de Corse adopte à la majorité la délibération, par 6 votes pour et "
     "2 votes contre.")
# ---- projets (before the séance) ------------------------------------------
EXPOSE = ["La commune souhaite étendre l'école des Tilleuls.",
          "La parcelle AB 123, voisine de l'école, est à vendre au prix de 20 574 €."]
case("projet",
     deliberation(statut="projet", final=False, convocation=None),
     "Projet de délibération",
     "Projet n° 2023-03-16-4",
     "Projet soumis au Conseil municipal, qui se réunira le 16 mars 2023 à 18h30, à la mairie, en séance publique.",
     "[Vote : à compléter après la séance — « Après en avoir délibéré, le Conseil municipal … »]",
     "Projet de délibération n° 2023-03-16-4 | 1/1",
     "! s'est réuni", "! Nombre de conseillers", "! Étaient présents", "! Secrétaire de séance",
     "! Extrait du registre", "! Accusé certifié exécutoire", "! Date de convocation")
case("projet-expose-convocation",
     deliberation(statut="projet", final=False, convocation="2023-03-09", expose=EXPOSE),
     "Exposé des motifs :",
     "La commune souhaite étendre l'école des Tilleuls.",
     "La parcelle AB 123, voisine de l'école, est à vendre au prix de 20 574 €.",
     "Date de convocation : 9 mars 2023")
case("projet-communautaire",
     deliberation(statut="projet", final=False, convocation=None, type_="epci", organe="Conseil communautaire",
                  nom="Communauté de communes de l'Exemple"),
     "@template communautaire",
     "PROJET DE DÉLIBÉRATION N° 2023-03-16-4",
     "Projet soumis au Conseil communautaire, qui se réunira le 16 mars 2023 à 18h30, à la mairie, en "
     "séance publique.",
     "! Conseillers en exercice")
case("projet-assemblee",
     deliberation(statut="projet", final=False, convocation=None, type_="region", dept="2A", population=None,
                  organe="Assemblée de Corse", nom="Collectivité de Corse"),
     "Projet soumis à l'Assemblée de Corse, qui se réunira le 16 mars 2023 à 18h30, à la mairie, en séance "
     "publique.")
case("brouillon-d-un-acte",
     deliberation(vote(pour=8)),
     "@draft",
     "Projet soumis au Conseil municipal, qui se réunira le 16 mars 2023 à 18h30",
     "! 8 votes pour", "! Étaient présents")
case("acte-avec-expose",
     deliberation(vote(pour=8), expose=EXPOSE[:1]),
     "Exposé des motifs :",
     "La commune souhaite étendre l'école des Tilleuls.",
     LEAD + "adopte à l'Unanimité la délibération, par 8 votes pour.")
case("diag-acte-sans-seance",
     deliberation(statut="definitif", final=False, convocation=None),
     "@diag acte définitif sans « presences » : le registre constate les présents, pour le quorum "
     "(CGCT L2121-17), et les pouvoirs (CGCT L2121-20)",
     "@diag acte définitif sans date de convocation (« convocation ») : la convocation est mentionnée au "
     "registre des délibérations (CGCT L2121-10)",
     "@diag acte définitif sans « secretaire »")

# ---- Alsace-Moselle and quorum by collectivity ------------------------------
case("alsace-moselle-seconde-convocation",
     deliberation(vote(pour=8), dept="67", population="800", convocation="2023-03-14",
                  seance_extra=' urgence="oui" urgence-reconnue="oui" seance-sans-quorum="2023-03-14"'),
     "l'urgence a été reconnue par le Conseil municipal (article L2541-2 du CGCT).")
case("diag-seconde-convocation-deux-jours",
     deliberation(vote(pour=8), convocation="2023-03-14",
                  seance_extra=' urgence="oui" urgence-reconnue="oui" seance-sans-quorum="2023-03-14"'),
     "@diag seconde convocation : la séance du 16 mars 2023 suit de 2 jours la séance sans quorum du 14 mars "
     "2023 ; il faut trois jours au moins d'intervalle (CGCT L2121-17)")
PRES_FOUR = """  <presences presents-ouverture="4">
    <present ref="m1"/>
    <present ref="m2"/>
    <present ref="m3"/>
    <present ref="m4"/>
    <excuse ref="m5"/>
    <excuse ref="m6"/>
    <excuse ref="m7"/>
    <excuse ref="m8"/>
    <absent ref="m9"/>
  </presences>
"""
case("diag-departement-quorum",
     deliberation(vote(pour=4), presences=PRES_FOUR, type_="departement", population=None,
                  organe="Conseil départemental", nom="Département de l'Exemple", convocation="2023-03-02"),
     "@diag quorum non atteint le 16 mars 2023 : 4 présents sur 9 conseillers en exercice ; il en faut plus de la "
     "moitié, soit au moins 5 (CGCT L3121-14)")
case("diag-region-quorum",
     deliberation(vote(pour=4), presences=PRES_FOUR, type_="region", population=None,
                  organe="Conseil régional", nom="Région Exemple", convocation="2023-03-02"),
     "@diag il en faut plus de la moitié, soit au moins 5 (CGCT L4132-13)")
case("diag-epci-quorum",
     deliberation(vote(pour=4), presences=PRES_FOUR, type_="epci", organe="Conseil communautaire",
                  nom="Communauté de communes de l'Exemple"),
     "@diag il en faut plus de la moitié, soit au moins 5 (CGCT L2121-17 par renvoi de L5211-1)")

# ---- arrivals and departures: the counts at this vote --------------------------
MOVES = PRESENCES.replace('    <absent ref="m9"/>\n', '    <absent ref="m9"/>\n'
                          '    <arrivee ref="m9" heure="18:50" avant="2023-03-16-2"/>\n'
                          '    <depart ref="m5" heure="19:40" avant="2023-03-16-4" pouvoir-a="m3"/>\n'
                          '    <depart ref="m6" heure="19:45" avant="2023-03-16-4"/>\n')
case("arrivees-departs",
     deliberation(vote(pour=8), presences=MOVES),
     "Nombre de conseillers présents au vote de cette délibération : 6",
     "Nombre de conseillers représentés : 2",
     "Nombre de votants : 8",
     "Arrivées et départs en cours de séance :",
     "Madame Inès Lefèvre est arrivée à 18h50, avant le vote de la délibération n° 2023-03-16-2.",
     "Madame Emma Leroy est partie à 19h40, avant le vote de la délibération n° 2023-03-16-4, et a donné "
     "pouvoir à Madame Claire Petit.",
     "Monsieur Fabien Moreau est parti à 19h45, avant le vote de la délibération n° 2023-03-16-4.",
     LEAD + "adopte à l'Unanimité la délibération, par 8 votes pour.")
MOVE_IN_PROXY = PRESENCES.replace('    <absent ref="m9"/>\n', '    <absent ref="m9"/>\n'
                                  '    <arrivee ref="m8" heure="19:00" avant="2023-03-16-3"/>\n')
case("arrivee-d-un-represente",
     deliberation(vote(pour=8), presences=MOVE_IN_PROXY),
     "Nombre de conseillers présents au vote de cette délibération : 8",
     "Nombre de conseillers représentés : 0",
     "Monsieur Hugo Laurent est arrivé à 19h00, avant le vote de la délibération n° 2023-03-16-3.")
case("arrivees-departs-communautaire",
     deliberation(vote(pour=8), presences=MOVES, type_="epci", organe="Conseil communautaire",
                  nom="Communauté de communes de l'Exemple"),
     "@template communautaire",
     "8 (2)",
     "Madame Inès Lefèvre est arrivée à 18h50, avant le vote de la délibération n° 2023-03-16-2.")
MOVES_NO_QUORUM = PRESENCES.replace('    <absent ref="m9"/>\n', '    <absent ref="m9"/>\n'
                                    '    <depart ref="m5" heure="19:40" avant="2023-03-16-4"/>\n'
                                    '    <depart ref="m6" heure="19:41" avant="2023-03-16-4"/>\n'
                                    '    <depart ref="m7" heure="19:42" avant="2023-03-16-4"/>\n')
case("diag-quorum-au-vote",
     deliberation(vote(pour=5), presences=MOVES_NO_QUORUM),
     "@diag quorum non atteint le 16 mars 2023 au vote de cette délibération : 4 présents sur 9 conseillers en "
     "exercice ; il en faut plus de la moitié, soit au moins 5 (CGCT L2121-17)")
MOVES_BAD = PRESENCES.replace('    <absent ref="m9"/>\n', '    <absent ref="m9"/>\n'
                              '    <depart ref="m9" heure="19:40" avant="2023-03-16-5"/>\n')
case("diag-depart-d-une-absente",
     deliberation(vote(pour=8), presences=MOVES_BAD),
     "@diag Inès Lefèvre part mais n'est pas présente à ce moment",
     "@diag départ avant le vote de la délibération n° 2023-03-16-5, qui n'est pas de cette séance ou vient "
     "après celle-ci (n° 2023-03-16-4) : le mouvement ne peut compter pour ce vote")

MOVES_TWO_PROXIES = PRESENCES.replace('    <absent ref="m9"/>\n', '    <absent ref="m9"/>\n'
                                      '    <depart ref="m5" heure="19:40" avant="2023-03-16-4" pouvoir-a="m2"/>\n')
case("diag-deux-pouvoirs-au-vote",
     deliberation(vote(pour=8), presences=MOVES_TWO_PROXIES),
     "@diag Bruno Bernard détient 2 pouvoirs au moment du vote ; un conseiller ne peut en détenir qu'un "
     "(CGCT L2121-20)")

case("sans-urgence",
     deliberation(vote(pour=8)),
     "! L'urgence ayant été déclarée")

# ---- the communautaire template ----------------------------------------------
case("communautaire-partage",
     deliberation(vote(pour=4, contre=4, extra=' voix-preponderante="pour"'), type_="epci",
                  organe="Conseil communautaire", nom="Communauté de communes de l'Exemple") + "",
     "@template communautaire",
     "Après en avoir délibéré, le Conseil communautaire adopte la délibération, les voix étant également "
     "partagées (4 votes pour et 4 votes contre), la voix de Madame Anne Martin, Maire, qui a voté pour, "
     "étant prépondérante (article L2121-20 du CGCT).")

# ---- diagnostics: elision and agreement --------------------------------------
PRES_ABSENT_HOLDER = PRESENCES.replace('<pouvoir de="m8" a="m2"/>\n    <absent ref="m9"/>',
                                       '<pouvoir de="m9" a="m8"/>\n    <absent ref="m8"/>')
case("diag-pouvoir-elision",
     deliberation(vote(pour=8), presences=PRES_ABSENT_HOLDER),
     "@diag Hugo Laurent reçoit le pouvoir d'Inès Lefèvre mais ne figure pas parmi les présents (CGCT L2121-20)")
case("diag-interessee-vote",
     deliberation(public(dict(ALL_POUR), 8, 0, 0, interested=("m3",))),
     "@diag Claire Petit, intéressée à l'affaire, ne peut prendre part au vote (CGCT L2131-11)")
PRES_NO_PRESIDENT = PRESENCES.replace('<present ref="m1"/>\n', '').replace('presents-ouverture="7"',
                                                                          'presents-ouverture="6"').replace(
    '<absent ref="m9"/>', '<absent ref="m1"/>\n    <absent ref="m9"/>')
case("diag-presidente-absente",
     deliberation(vote(pour=7), presences=PRES_NO_PRESIDENT),
     "@diag la présidente de séance, Anne Martin, ne figure pas parmi les présents")
case("diag-urgence-sans-decision",
     deliberation(vote(pour=8), seance_extra=' urgence="oui"', convocation="2023-03-14"),
     "@diag convocation en urgence : l'assemblée se prononce sur l'urgence dès l'ouverture de la séance ; "
     "indiquer sa décision dans « urgence-reconnue » (CGCT L2121-12)")
case("diag-urgence-renvoi-vote",
     deliberation(vote(pour=8), seance_extra=' urgence="oui" urgence-reconnue="non"', convocation="2023-03-14"),
     "@diag urgence non reconnue : l'affaire est renvoyée à une séance ultérieure et ne peut être votée à "
     "celle-ci (CGCT L2121-12)")
case("diag-alsace-moselle-deux-jours",
     deliberation(vote(pour=8), convocation="2023-03-14", population="800", dept="68"),
     "@diag convocation du 14 mars 2023 pour la séance du 16 mars 2023 : 2 jours avant ; il faut au moins "
     "3 jours avant la séance (CGCT L2541-2, commune d'Alsace-Moselle de moins de 3 500 habitants)")
case("diag-departement-dix-jours",
     deliberation(vote(pour=8), convocation="2023-03-06", type_="departement", population=None,
                  organe="Conseil départemental", nom="Département de l'Exemple"),
     "@diag convocation du 6 mars 2023 pour la séance du 16 mars 2023 : 10 jours avant ; il faut au moins "
     "12 jours avant la séance (CGCT L3121-19, département)")
case("diag-region-urgence-veille",
     deliberation(vote(pour=8), seance_extra=URG, convocation="2023-03-15", type_="region", population=None,
                  organe="Conseil régional", nom="Région Exemple"),
     "@diag convocation du 15 mars 2023 pour la séance du 16 mars 2023 : 0 jour franc ; il faut, en cas "
     "d'urgence, au moins 1 jour franc (CGCT L4132-18, région)")
case("epci-petites-communes-trois-jours",
     deliberation(vote(pour=8), convocation="2023-03-12", type_="epci", population="9000",
                  extra_coll=' plus-grande-commune="3400"', organe="Conseil communautaire",
                  nom="Communauté de communes de l'Exemple"),
     "Après en avoir délibéré, le Conseil communautaire adopte à l'Unanimité la délibération, par 8 votes pour.")
case("diag-epci-grande-commune-trois-jours",
     deliberation(vote(pour=8), convocation="2023-03-12", type_="epci", population="9000",
                  extra_coll=' plus-grande-commune="3600"', organe="Conseil communautaire",
                  nom="Communauté de communes de l'Exemple"),
     "@diag convocation du 12 mars 2023 pour la séance du 16 mars 2023 : 3 jours francs ; il faut au moins "
     "5 jours francs (CGCT L2121-12 par renvoi de L5211-1, établissement public de coopération "
     "intercommunale comprenant une commune de 3 500 habitants et plus)")

# ---- remote participation (CGCT L5211-11-1; the COVID laws) ------------------
EPCI = dict(type_="epci", organe="Conseil communautaire", nom="Communauté de communes de l'Exemple")
LEAD_EPCI = "Après en avoir délibéré, le Conseil communautaire "
REMOTE = PRESENCES.replace('<present ref="m4"/>', '<present ref="m4" a-distance="oui"/>').replace(
    '<present ref="m5"/>', '<present ref="m5" a-distance="oui"/>')


def in_2021(xml):
    """The same deliberation on 18 March 2021 (COVID law 2020-1379: remote
    meetings, quorum of one third, two proxies), posted, not published."""
    return (xml.replace("2023-03-16", "2021-03-18").replace("20230316", "20210318")
            .replace("2023-03-09", "2021-03-11").replace("2023-03-17", "2021-03-19")
            .replace('publication="2023-03-20"', 'affichage="2021-03-22"').replace("D2023_04", "D2021_04"))


case("distance-epci",
     deliberation(vote(scrutin="public", pour=8), presences=REMOTE, **EPCI),
     "Nombre de conseillers présents à l'ouverture de la séance : 7 (dont 2 à distance)",
     "Madame Claire Petit, Monsieur David Durand (à distance), Madame Emma Leroy (à distance), Monsieur Fabien "
     "Moreau, Madame Gaëlle Simon.",
     "Participation à distance, par téléconférence (CGCT L5211-11-1).",
     LEAD_EPCI + "adopte à l'Unanimité la délibération, par 8 votes pour.")
case("distance-commune-covid",
     in_2021(deliberation(public(dict(ALL_POUR, m5="contre"), 7, 1, 0), presences=REMOTE)),
     "Nombre de conseillers présents à l'ouverture de la séance : 7 (dont 2 à distance)",
     "Participation à distance, par téléconférence (loi n° 2020-1379 du 14 novembre 2020, art. 6).",
     "Après en avoir délibéré au scrutin public, le Conseil municipal adopte à la majorité la délibération, "
     "par 7 votes pour et 1 vote contre.",
     "A voté contre : Madame Emma Leroy.")
case("diag-distance-commune",
     deliberation(vote(scrutin="public", pour=8), presences=REMOTE),
     "@diag David Durand participe à distance le 16 mars 2023, ce qu'aucun texte ne permet à une commune à cette "
     "date : la téléconférence n'est ouverte qu'aux conseils des EPCI à fiscalité propre depuis le 29 décembre "
     "2019 (CGCT L5211-11-1) et, pendant la crise sanitaire, aux assemblées de toutes les collectivités "
     "(ordonnance n° 2020-391 du 1er avril 2020, art. 6, et les lois qui l'ont remise en vigueur)")
case("diag-distance-scrutin-secret",
     deliberation(vote(scrutin="secret", pour=6, contre=2), presences=REMOTE, **EPCI),
     "@diag 2 conseillers à distance au vote : le vote a lieu au scrutin public, un scrutin secret n'est pas "
     "possible et l'affaire est reportée à une séance ultérieure (CGCT L5211-11-1)")
case("diag-distance-main-levee",
     in_2021(deliberation(vote(pour=6, contre=2), presences=REMOTE)),
     "@diag 2 conseillers à distance au vote : le vote a lieu au scrutin public, par appel nominal ou scrutin "
     "électronique, et le registre porte le nom des votants (loi n° 2020-1379 du 14 novembre 2020, art. 6) ; "
     "scrutin=\"public\" et un élément « votant » par conseiller")
REMOTE_ARRIVAL = PRESENCES.replace('    <absent ref="m9"/>\n', '    <absent ref="m9"/>\n'
                                   '    <arrivee ref="m9" heure="18:50" avant="2023-03-16-2" a-distance="oui"/>\n')
case("arrivee-a-distance",
     deliberation(vote(scrutin="public", pour=9), presences=REMOTE_ARRIVAL, **EPCI),
     "Nombre de conseillers présents au vote de cette délibération : 8 (dont 1 à distance)",
     "Nombre de votants : 9",
     "Madame Inès Lefèvre a rejoint la séance à distance à 18h50, avant le vote de la délibération n° 2023-03-16-2.",
     "Participation à distance, par téléconférence (CGCT L5211-11-1).",
     LEAD_EPCI + "adopte à l'Unanimité la délibération, par 9 votes pour.")

# ---- a proxy whose holder has left is not used (L2121-20) -----------------------
HOLDER_LEAVES = PRESENCES.replace('    <absent ref="m9"/>\n', '    <absent ref="m9"/>\n'
                                  '    <depart ref="m2" heure="19:40" avant="2023-03-16-4"/>\n')
case("depart-du-mandataire",
     deliberation(vote(pour=6), presences=HOLDER_LEAVES),
     "Nombre de conseillers présents au vote de cette délibération : 6",
     "Nombre de conseillers représentés : 0",
     "Nombre de votants : 6",
     "Monsieur Bruno Bernard est parti à 19h40, avant le vote de la délibération n° 2023-03-16-4.",
     LEAD + "adopte à l'Unanimité la délibération, par 6 votes pour.")
case("diag-depart-du-mandataire-compte",
     deliberation(vote(pour=7), presences=HOLDER_LEAVES),
     "@diag 7 pour + 0 contre + 0 abstention + 0 ne prenant pas part = 7, mais 6 présents et 0 représenté au "
     "vote, arrivées et départs comptés = 6")

# ---- suppléants (CGCT L5211-6) -------------------------------------------------
SUBSTITUTE = [("s9", "M.", "Paul", "Roux", "m9")]
SUBSTITUTE_SITS = PRESENCES.replace('presents-ouverture="7"', 'presents-ouverture="8"').replace(
    '<present ref="m7"/>', '<present ref="m7"/>\n    <present ref="s9"/>').replace(
    '<absent ref="m9"/>', '<excuse ref="m9"/>')
case("suppleant-epci",
     deliberation(vote(pour=9), presences=SUBSTITUTE_SITS, substitutes=SUBSTITUTE, **EPCI),
     "Nombre de conseillers en exercice : 9",
     "Nombre de conseillers présents à l'ouverture de la séance : 8",
     "Madame Gaëlle Simon, Monsieur Paul Roux, suppléant de Madame Inès Lefèvre.",
     "Étaient excusés : Madame Inès Lefèvre.",
     "Après en avoir délibéré, le Conseil communautaire adopte à l'Unanimité la délibération, par 9 votes pour.")
case("suppleante-scrutin-public",
     deliberation(public(dict(ALL_POUR), 8, 1, 0).replace("</vote>", '  <votant ref="s9" choix="contre"/>\n  </vote>'),
                  presences=SUBSTITUTE_SITS,
                  substitutes=[("s9", "Mme", "Zoé", "Roux", "m9")], **EPCI),
     "Madame Zoé Roux, suppléante de Madame Inès Lefèvre.",
     "A voté contre : Madame Zoé Roux.")
case("diag-suppleant-commune",
     deliberation(vote(pour=9), presences=SUBSTITUTE_SITS, substitutes=SUBSTITUTE),
     "@diag Paul Roux, suppléant déclaré pour une commune : seuls les conseils communautaires (CGCT L5211-6) et les "
     "comités syndicaux (CGCT L5212-7) ont des suppléants")
SUBSTITUTE_AND_TITULAR = PRESENCES.replace('presents-ouverture="7"', 'presents-ouverture="8"').replace(
    '<present ref="m7"/>', '<present ref="m7"/>\n    <present ref="s1"/>')
case("diag-suppleant-et-titulaire",
     deliberation(vote(pour=9), presences=SUBSTITUTE_AND_TITULAR, substitutes=[("s1", "Mme", "Zoé", "Roux", "m1")],
                  **EPCI),
     "@diag Zoé Roux siège comme suppléante d'Anne Martin, qui est pourtant présente à l'ouverture : le suppléant "
     "ne siège qu'en l'absence du titulaire (CGCT L5211-6)")
case("diag-suppleante-pouvoir",
     deliberation(vote(pour=8), presences=PRESENCES.replace('<pouvoir de="m8" a="m2"/>', '<pouvoir de="m8" a="s9"/>')
                  .replace('<absent ref="m9"/>', '<excuse ref="m9"/>'),
                  substitutes=[("s9", "Mme", "Zoé", "Roux", "m9")], **EPCI),
     "@diag Zoé Roux, suppléante, ne figure dans les présences que si elle siège (« present »)")
SUBSTITUTE_PROXY = PRESENCES.replace('<pouvoir de="m8" a="m2"/>', '<pouvoir de="m8" a="s9"/>').replace(
    '<absent ref="m9"/>', '<excuse ref="m9"/>')
case("diag-suppleant-pouvoir",
     deliberation(vote(pour=8), presences=SUBSTITUTE_PROXY, substitutes=SUBSTITUTE, **EPCI),
     "@diag Paul Roux, suppléant, ne figure dans les présences que s'il siège (« present ») : un suppléant n'est "
     "ni excusé, ni absent, et ne donne ni ne reçoit de pouvoir (CGCT L5211-6)")


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, (xml, sentences) in sorted(CASES.items()):
        with open(os.path.join(out, name + ".xml"), "w", encoding="utf-8") as f:
            f.write(xml)
        with open(os.path.join(out, name + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(sentences) + "\n")
    print("%d cas" % len(CASES))


if __name__ == "__main__":
    main()
