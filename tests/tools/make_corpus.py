#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes tests/corpus/valid/ and tests/corpus/invalid/.

    make_corpus.py [SRC_DIR]

Each case is a small deliberation derived from BASE by text replacements,
with its expected diagnostics written by hand here: a list of
(locator, id), where the locator is a piece of text of the case whose
line is the expected line (the element or attribute concerned), or the
line number itself. The
script writes NAME.xml and NAME.diag ("LINE:ID" per line, sorted); the
files are checked in, and tests/corpus/run_case.py compares them with
`delib validate --format json`. Adding a case = one entry below, then
running this script. Python 3 standard library only.
"""
import os
import sys

BASE = """<?xml version="1.0" encoding="UTF-8"?>
<deliberation xmlns="urn:delib:deliberation:1" numero="2023-03-16-4" nature="DE" statut="definitif">
  <collectivite type="commune" siren="217605757" departement="76" population="12000">
    <nom>Saint-Exemple-sur-Seine</nom>
    <organe>Conseil municipal</organe>
  </collectivite>
  <seance date="2023-03-16" heure="18:30" convocation="2023-03-09" publique="oui">
    <lieu>à la mairie</lieu>
  </seance>
  <objet>Acquisition d'une parcelle rue des Tilleuls</objet>
  <conseillers en-exercice="9">
    <conseiller id="m1" civilite="Mme" prenom="Anne" nom="Martin" fonction="Maire"/>
    <conseiller id="m2" civilite="M." prenom="Bruno" nom="Bernard" fonction="Premier adjoint"/>
    <conseiller id="m3" civilite="Mme" prenom="Claire" nom="Petit"/>
    <conseiller id="m4" civilite="M." prenom="David" nom="Durand"/>
    <conseiller id="m5" civilite="Mme" prenom="Emma" nom="Leroy"/>
    <conseiller id="m6" civilite="M." prenom="Fabien" nom="Moreau"/>
    <conseiller id="m7" civilite="Mme" prenom="Gaëlle" nom="Simon"/>
    <conseiller id="m8" civilite="M." prenom="Hugo" nom="Laurent"/>
    <conseiller id="m9" civilite="Mme" prenom="Inès" nom="Lefèvre"/>
  </conseillers>
  <presences presents-ouverture="6">
    <present ref="m1"/>
    <present ref="m2"/>
    <present ref="m3"/>
    <present ref="m4"/>
    <present ref="m5"/>
    <present ref="m6"/>
    <pouvoir de="m7" a="m2"/>
    <excuse ref="m8"/>
    <absent ref="m9"/>
  </presences>
  <president ref="m1"/>
  <secretaire ref="m3"/>
  <rapporteur ref="m2"/>
  <visas>
    <visa>Le Code général des collectivités territoriales,</visa>
  </visas>
  <considerants>
    <considerant>La parcelle AB 123 permet l'extension de l'école,</considerant>
  </considerants>
  <decision>
    <article>D'acquérir la parcelle AB 123 au prix de 20 574 €.</article>
  </decision>
  <vote scrutin="main-levee" pour="7" contre="0" abstentions="0" ne-prend-pas-part="0" resultat="adopte"/>
  <signataire ref="m1"/>
  <executoire reception-prefecture="2023-03-17"
              identifiant="76-217605757-20230316-D2023_04-DE-1-1"
              publication="2023-03-20"/>
</deliberation>
"""

VOTE = '<vote scrutin="main-levee" pour="7" contre="0" abstentions="0" ne-prend-pas-part="0" resultat="adopte"/>'
PRESENCES = """  <presences presents-ouverture="6">
    <present ref="m1"/>
    <present ref="m2"/>
    <present ref="m3"/>
    <present ref="m4"/>
    <present ref="m5"/>
    <present ref="m6"/>
    <pouvoir de="m7" a="m2"/>
    <excuse ref="m8"/>
    <absent ref="m9"/>
  </presences>"""


def luhn(digits):
    """digits + the Luhn check digit."""
    for d in range(10):
        s = digits + str(d)
        total = 0
        for i, ch in enumerate(reversed(s)):
            v = int(ch)
            if i % 2:
                v *= 2
                v -= 9 if v > 9 else 0
            total += v
        if total % 10 == 0:
            return s
    raise ValueError(digits)


SIREN_67 = luhn("21670482")
SIREN_OTHER = luhn("21760001")


def sub(text, *pairs):
    for old, new in pairs:
        if old not in text:
            raise SystemExit("replacement not found: %r" % old)
        text = text.replace(old, new, 1)
    return text


def at_date(text, iso, publicity="publication", pub_date=None):
    """The base moved to séance date iso (convocation 7 days before,
    reception the day after, publicity 4 days after, ACTES id and number
    following), with the publicity attribute given."""
    import datetime
    d = datetime.date.fromisoformat(iso)
    conv = (d - datetime.timedelta(days=7)).isoformat()
    rec = (d + datetime.timedelta(days=1)).isoformat()
    pub = pub_date or (d + datetime.timedelta(days=4)).isoformat()
    return sub(text,
               ('numero="2023-03-16-4"', 'numero="%s-4"' % iso),
               ('date="2023-03-16" heure="18:30" convocation="2023-03-09"',
                'date="%s" heure="18:30" convocation="%s"' % (iso, conv)),
               ('reception-prefecture="2023-03-17"', 'reception-prefecture="%s"' % rec),
               ('20230316-D2023_04', iso.replace("-", "") + "-D2023_04"),
               ('publication="2023-03-20"', '%s="%s"' % (publicity, pub)))


def presences(present, proxies=(), excused=(), absent=(), opening=None):
    lines = ['  <presences presents-ouverture="%d">' % (len(present) if opening is None else opening)]
    lines += ['    <present ref="%s"/>' % m for m in present]
    lines += ['    <pouvoir de="%s" a="%s"/>' % p for p in proxies]
    lines += ['    <excuse ref="%s"/>' % m for m in excused]
    lines += ['    <absent ref="%s"/>' % m for m in absent]
    lines.append('  </presences>')
    return "\n".join(lines)


def vote(pour, contre=0, abst=0, npp=0, res="adopte", scrutin="main-levee", extra="", children=None):
    head = '<vote scrutin="%s" pour="%d" contre="%d" abstentions="%d" ne-prend-pas-part="%d" resultat="%s"%s' % (
        scrutin, pour, contre, abst, npp, res, extra)
    if not children:
        return head + "/>"
    return head + ">\n" + "\n".join("    " + c for c in children) + "\n  </vote>"


def votants(pairs):
    return ['<votant ref="%s" choix="%s"/>' % p for p in pairs]


ALL9 = ["m%d" % i for i in range(1, 10)]

# A séance with 4 present of 9 (quorum only under the COVID laws: 3 × 4 >= 9,
# not 2 × 4 > 9), two proxies held by m2 (COVID only).
COVID_PRESENCES = presences(["m1", "m2", "m3", "m4"], [("m7", "m2"), ("m8", "m2")], ["m5", "m6"], ["m9"])


def covid_like(iso, publicity="affichage"):
    t = at_date(BASE, iso, publicity)
    return sub(t, (PRESENCES, COVID_PRESENCES), (VOTE, vote(6)))


def quorum_like(iso, publicity="affichage"):
    """4 present of 9, one proxy each: valid under the COVID quorum only."""
    t = at_date(BASE, iso, publicity)
    return sub(t, (PRESENCES, presences(["m1", "m2", "m3", "m4"], [("m7", "m2")], ["m5", "m6", "m8"], ["m9"])),
               (VOTE, vote(5)))


def double_proxy(iso, publicity):
    """6 present, m2 holds two proxies: COVID only."""
    t = at_date(BASE, iso, publicity)
    return sub(t, (PRESENCES, presences(["m1", "m2", "m3", "m4", "m5", "m6"], [("m7", "m2"), ("m8", "m2")], [],
                                        ["m9"])),
               (VOTE, vote(8)))


VALID = {}
INVALID = {}


def valid(name, text):
    VALID[name] = text


def invalid(name, text, expected):
    INVALID[name] = (text, expected)


# ---------------------------------------------------------------- valid cases

valid("base", BASE)
valid("votes-contre-et-abstentions",
      sub(BASE, (VOTE, vote(4, 2, 1, extra=' mention="majorite"'))))
valid("abstentions-unanimite-exprimes",
      sub(BASE, (VOTE, vote(6, 0, 1, extra=' mention="unanimite-suffrages-exprimes"'))))
valid("rejet",
      sub(BASE, (VOTE, vote(2, 5, 0, res="rejete"))))
valid("partage-voix-du-president",
      sub(BASE, (VOTE, vote(3, 3, 1, extra=' voix-preponderante="pour"'))))
valid("partage-president-contre-rejet",
      sub(BASE, (VOTE, vote(3, 3, 1, res="rejete", extra=' voix-preponderante="contre"'))))
valid("scrutin-public",
      sub(BASE, (VOTE, vote(5, 1, 1, scrutin="public", children=votants(
          [("m1", "pour"), ("m2", "pour"), ("m3", "contre"), ("m4", "pour"), ("m5", "abstention"),
           ("m6", "pour"), ("m7", "pour")])))))
valid("scrutin-public-partage",
      sub(BASE, (VOTE, vote(3, 3, 1, scrutin="public", children=votants(
          [("m1", "pour"), ("m2", "pour"), ("m3", "contre"), ("m4", "contre"), ("m5", "abstention"),
           ("m6", "contre"), ("m7", "pour")])))))
valid("scrutin-secret",
      sub(BASE, (VOTE, vote(4, 3, 0, scrutin="secret"))))
valid("scrutin-secret-partage-rejet",
      sub(BASE, (VOTE, vote(3, 3, 1, scrutin="secret", res="rejete"))))
valid("covid-double-pouvoir", covid_like("2021-01-21"))
valid("publication-2022", at_date(BASE, "2022-09-15", "publication"))
valid("notification-acte-individuel",
      sub(at_date(BASE, "2022-09-15", "notification"), ('nature="DE"', 'nature="AI"'), ("-DE-1-1", "-AI-1-1")))
valid("seconde-convocation-sans-quorum",
      sub(BASE, ('convocation="2023-03-09"', 'convocation="2023-03-10" seance-sans-quorum="2023-03-09"'),
          (PRESENCES, presences(["m1", "m2", "m3"], [("m7", "m2")], ["m4", "m5", "m6", "m8"], ["m9"])),
          (VOTE, vote(4))))
valid("alsace-moselle-secretaire-non-membre",
      sub(BASE, ('siren="217605757" departement="76"', 'siren="%s" departement="67"' % SIREN_67),
          ('<secretaire ref="m3"/>',
           '<secretaire civilite="M." prenom="Jean" nom="Schmitt" fonction="Directeur général des services"/>'),
          ("76-217605757-", "67-%s-" % SIREN_67)))
valid("urgence-un-jour-franc",
      sub(BASE, ('convocation="2023-03-09"', 'convocation="2023-03-14" urgence="oui" urgence-reconnue="oui"')))
valid("petite-commune-trois-jours-francs",
      sub(BASE, ('population="12000"', 'population="800"'), ('convocation="2023-03-09"', 'convocation="2023-03-12"')))
valid("interesse-ne-prend-pas-part",
      sub(BASE, (VOTE, vote(6, 0, 0, 1, children=['<interesse ref="m4"/>']))))
valid("projet-sans-presences",
      sub(BASE, ('statut="definitif"', 'statut="projet"'), (PRESENCES, presences([], opening=0)),
          ("  " + VOTE + "\n", ""), ('  <signataire ref="m1"/>\n', ""),
          ("""  <executoire reception-prefecture="2023-03-17"
              identifiant="76-217605757-20230316-D2023_04-DE-1-1"
              publication="2023-03-20"/>
""", "")))
# Both sides of each boundary of the period table (src/era.c): the valid side.
valid("era-2020-03-24-covid-quorum-tiers", quorum_like("2020-03-24"))
valid("era-2020-07-10-covid-quorum-tiers", quorum_like("2020-07-10"))
valid("era-2020-11-15-covid-quorum-tiers", quorum_like("2020-11-15"))
valid("era-2021-09-30-covid-quorum-tiers", quorum_like("2021-09-30"))
valid("era-2021-11-10-covid-quorum-tiers", quorum_like("2021-11-10"))
valid("era-2022-06-30-affichage", at_date(BASE, "2022-06-30", "affichage"))
valid("era-2022-07-01-publication", at_date(BASE, "2022-07-01", "publication"))
valid("era-2022-07-31-covid-double-pouvoir", double_proxy("2022-07-31", "publication"))

# -------------------------------------------------------------- invalid cases
# Reading: empty, truncated, encodings, DTD and entities, limits, root.

invalid("vide", "", [("", "xml.empty")])
invalid("blancs-seulement", "\n  \n  ", [(3, "xml.syntax")])
invalid("tronque", BASE[:BASE.index("<conseiller id=\"m5\"") + 22],
        [('<conseiller id="m5"', "xml.syntax")])
invalid("tronque-dans-commentaire", BASE.replace("<objet>", "<!-- objet à revoir\n  <objet>")[:BASE.index("<objet>") + 40],
        [("<objet>Acq", "xml.syntax")])
invalid("utf8-invalide", sub(BASE, ("Saint-Exemple-sur-Seine", "Saint-Exemple-sur-Seine \udcff")),
        [("Saint-Exemple-sur-Seine", "xml.encoding")])
invalid("latin1-non-declare", sub(BASE, ("Acquisition d'une", "Acquisition d\udce9une")),
        [("<objet>", "xml.encoding")])
invalid("encodage-inconnu", sub(BASE, ('encoding="UTF-8"', 'encoding="X-INCONNU"')),
        [("<?xml", "xml.encoding")])
invalid("milliard-de-rires", """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<deliberation xmlns="urn:delib:deliberation:1">&lol9;</deliberation>
""", [("<!DOCTYPE", "xml.dtd")])
invalid("entite-externe-fichier",
        sub(BASE, ('<?xml version="1.0" encoding="UTF-8"?>\n',
                   '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE deliberation [\n'
                   '  <!ENTITY h SYSTEM "file:///etc/hostname">\n]>\n'),
            ("<lieu>à la mairie</lieu>", "<lieu>&h;</lieu>")),
        [("<!DOCTYPE", "xml.dtd")])
invalid("entite-parametre",
        sub(BASE, ('<?xml version="1.0" encoding="UTF-8"?>\n',
                   '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE deliberation [\n'
                   '  <!ENTITY % p SYSTEM "http://exemple.invalid/evil.dtd"> %p;\n]>\n')),
        [("<!DOCTYPE", "xml.dtd")])
invalid("dtd-externe",
        sub(BASE, ('<?xml version="1.0" encoding="UTF-8"?>\n',
                   '<?xml version="1.0" encoding="UTF-8"?>\n'
                   '<!DOCTYPE deliberation SYSTEM "http://exemple.invalid/deliberation.dtd">\n')),
        [("<!DOCTYPE", "xml.dtd")])
invalid("entite-non-definie", sub(BASE, ("à la mairie", "à la&nbsp;mairie")), [("<lieu>", "xml.syntax")])
invalid("imbrication-profonde",
        sub(BASE, ("<article>D'acquérir", "<article>" + "<gras>" * 70 + "D'acquérir"),
            ("20 574 €.</article>", "20 574 €." + "</gras>" * 70 + "</article>")),
        [("<article>", "xml.limit")])
invalid("racine-inconnue", sub(BASE, ("<deliberation ", "<deliberations "), ("</deliberation>", "</deliberations>")),
        [("<deliberations ", "xml.root")])
invalid("racine-sans-espace-de-noms", sub(BASE, (' xmlns="urn:delib:deliberation:1"', "")),
        [("<deliberation ", "xml.root")])
invalid("racine-autre-espace-de-noms", sub(BASE, ('xmlns="urn:delib:deliberation:1"', 'xmlns="urn:delib:deliberation:2"')),
        [("<deliberation ", "xml.root")])
invalid("balises-croisees", sub(BASE, ("<nom>Saint-Exemple-sur-Seine</nom>", "<nom>Saint-Exemple-sur-Seine</organe>")),
        [("<nom>", "xml.syntax")])
invalid("esperluette-isolee", sub(BASE, ("Acquisition d'une", "Acquisition & cession d'une")), [("<objet>", "xml.syntax")])
invalid("attribut-repete", sub(BASE, ('<present ref="m4"/>', '<present ref="m4" ref="m5"/>')),
        [('<present ref="m4"', "xml.syntax")])
invalid("caractere-interdit", sub(BASE, ("à la mairie", "à la&#1;mairie")), [("<lieu>", "xml.syntax")])
invalid("contenu-apres-racine", BASE + "<deliberation/>\n", [("<deliberation/>", "xml.syntax")])
invalid("prefixe-non-declare", sub(BASE, ("<objet>", "<x:objet>"), ("</objet>", "</x:objet>")),
        [("<x:objet>", "xml.syntax")])

# Schema (the messages are translated; one diagnostic per problem).
invalid("schema-attribut-manquant", sub(BASE, (' pour="7"', "")), [("<vote ", "xml.schema")])
invalid("schema-attribut-inconnu", sub(BASE, ('publique="oui"', 'publique="oui" duree="2h"')),
        [('duree="2h"', "xml.schema")])
invalid("schema-element-inattendu", sub(BASE, ('  <rapporteur ref="m2"/>\n', '  <rapporteur ref="m2"/>\n  <invite ref="m9"/>\n')),
        [("<invite", "xml.schema")])
invalid("schema-element-manquant", sub(BASE, ("  <objet>Acquisition d'une parcelle rue des Tilleuls</objet>\n", "")),
        [("<conseillers ", "xml.schema")])
invalid("schema-entier-negatif", sub(BASE, ('contre="0"', 'contre="-1"')), [('contre="-1"', "xml.schema")])
invalid("schema-date-inexistante", sub(BASE, ('convocation="2023-03-09"', 'convocation="2023-02-30"')),
        [('convocation="2023-02-30"', "xml.schema")])
invalid("schema-date-fuseau", sub(BASE, ('date="2023-03-16"', 'date="2023-03-16Z"')),
        [('date="2023-03-16Z"', "xml.schema")])
invalid("schema-enumeration", sub(BASE, ('scrutin="main-levee"', 'scrutin="vote"')), [('scrutin="vote"', "xml.schema")])
invalid("schema-siren-8-chiffres", sub(BASE, ('siren="217605757"', 'siren="21760575"')),
        [('siren="21760575"', "xml.schema")])
invalid("schema-reference-inconnue", sub(BASE, ('<president ref="m1"/>', '<president ref="m10"/>')),
        [('<president ref="m10"/>', "xml.schema")])
invalid("schema-identifiant-double", sub(BASE, ('<conseiller id="m9"', '<conseiller id="m8"'), ('<absent ref="m9"/>', '<absent ref="m8"/>')),
        [('id="m8" civilite="Mme"', "xml.schema")])
invalid("schema-texte-hors-element", sub(BASE, ('<present ref="m6"/>\n', '<present ref="m6"/>\n    et M. X\n')),
        [("<presences ", "xml.schema")])
invalid("schema-objet-vide", sub(BASE, ("<objet>Acquisition d'une parcelle rue des Tilleuls</objet>", "<objet> </objet>")),
        [("<objet>", "xml.schema")])

# Rules: attendance.
invalid("presence-conseiller-oublie", sub(BASE, ('    <absent ref="m9"/>\n', "")),
        [('<conseiller id="m9"', "presence.partition")])
invalid("presence-double", sub(BASE, ('<absent ref="m9"/>', '<absent ref="m9"/>\n    <absent ref="m8"/>')),
        [('<absent ref="m8"/>', "presence.partition")])
invalid("presence-present-et-excuse", sub(BASE, ('<excuse ref="m8"/>', '<excuse ref="m8"/>\n    <excuse ref="m4"/>')),
        [('<excuse ref="m4"/>', "presence.partition")])
invalid("presence-en-exercice", sub(BASE, ('en-exercice="9"', 'en-exercice="10"')),
        [('en-exercice="10"', "presence.count")])
invalid("presence-ouverture", sub(BASE, ('presents-ouverture="6"', 'presents-ouverture="7"')),
        [('presents-ouverture="7"', "presence.count")])
invalid("president-excuse", sub(BASE, ('<president ref="m1"/>', '<president ref="m8"/>')),
        [('<president ref="m8"/>', "president.present")])
invalid("quorum-non-atteint",
        sub(BASE, (PRESENCES, presences(["m1", "m2", "m3", "m4"], [("m7", "m2")], ["m5", "m6", "m8"], ["m9"])),
            (VOTE, vote(5))),
        [("<presences ", "quorum")])
invalid("quorum-covid-tiers",
        sub(covid_like("2021-01-21"), (COVID_PRESENCES,
                                       presences(["m1", "m3"], [("m7", "m1"), ("m8", "m3")], ["m2", "m4", "m5", "m6"], ["m9"])),
            (vote(6), vote(4))),
        [("<presences ", "quorum")])

# Proxies.
invalid("pouvoir-a-un-excuse", sub(BASE, ('<pouvoir de="m7" a="m2"/>', '<pouvoir de="m7" a="m8"/>')),
        [('<pouvoir de="m7"', "proxy.holder-absent")])
invalid("pouvoir-a-soi-meme", sub(BASE, ('<pouvoir de="m7" a="m2"/>', '<pouvoir de="m7" a="m7"/>')),
        [('<pouvoir de="m7"', "proxy.holder-absent")])
invalid("pouvoir-donne-par-un-present",
        sub(BASE, ('<pouvoir de="m7" a="m2"/>', '<pouvoir de="m7" a="m2"/>\n    <pouvoir de="m6" a="m3"/>'),
            (VOTE, vote(8))),
        [('<pouvoir de="m6"', "proxy.giver-present")])
invalid("pouvoir-deux-hors-covid", double_proxy("2023-03-16", "publication"),
        [('<pouvoir de="m8"', "proxy.one-per-holder")])
invalid("pouvoir-trois-en-covid",
        sub(covid_like("2021-01-21"), ('<pouvoir de="m8" a="m2"/>', '<pouvoir de="m8" a="m2"/>\n    <pouvoir de="m5" a="m2"/>'),
            ('    <excuse ref="m5"/>\n', ""), (vote(6), vote(7))),
        [('<pouvoir de="m5"', "proxy.one-per-holder")])

# Secretary.
invalid("secretaire-absent", sub(BASE, ('<secretaire ref="m3"/>', '<secretaire ref="m9"/>')),
        [('<secretaire ref="m9"/>', "secretary.present")])
invalid("secretaire-non-membre-hors-alsace-moselle",
        sub(BASE, ('<secretaire ref="m3"/>', '<secretaire civilite="M." prenom="Jean" nom="Dupont"/>')),
        [("<secretaire ", "secretary.non-member")])
invalid("secretaire-non-membre-sans-nom",
        sub(BASE, ('siren="217605757" departement="76"', 'siren="%s" departement="67"' % SIREN_67),
            ('<secretaire ref="m3"/>', '<secretaire nom="Schmitt"/>'), ("76-217605757-", "67-%s-" % SIREN_67)),
        [("<secretaire ", "secretary.non-member")])

# The vote.
invalid("vote-manquant", sub(BASE, ("  " + VOTE + "\n", "")), [("<deliberation ", "vote.missing")])
invalid("signataire-manquant", sub(BASE, ('  <signataire ref="m1"/>\n', "")), [("<deliberation ", "signatory.missing")])
invalid("vote-total-34-pour-33-votants", sub(BASE, (VOTE, vote(8))), [("<vote ", "vote.total")])
invalid("vote-adopte-minoritaire", sub(BASE, (VOTE, vote(3, 4))), [('resultat="adopte"', "vote.outcome")])
invalid("vote-rejete-majoritaire", sub(BASE, (VOTE, vote(5, 2, res="rejete"))), [('resultat="rejete"', "vote.outcome")])
invalid("vote-partage-secret-adopte", sub(BASE, (VOTE, vote(3, 3, 1, scrutin="secret"))), [('resultat="adopte"', "vote.outcome")])
invalid("vote-partage-sans-voix-preponderante", sub(BASE, (VOTE, vote(3, 3, 1))), [("<vote ", "vote.outcome")])
invalid("vote-partage-voix-contre-adopte", sub(BASE, (VOTE, vote(3, 3, 1, extra=' voix-preponderante="contre"'))),
        [('resultat="adopte"', "vote.outcome")])
invalid("vote-aucun-suffrage-adopte", sub(BASE, (VOTE, vote(0, 0, 7))), [('resultat="adopte"', "vote.outcome")])
invalid("vote-unanimite-avec-contre", sub(BASE, (VOTE, vote(5, 1, 1, extra=' mention="unanimite"'))),
        [('mention="unanimite"', "vote.unanimity")])
invalid("vote-unanimite-avec-abstention", sub(BASE, (VOTE, vote(6, 0, 1, extra=' mention="unanimite"'))),
        [('mention="unanimite"', "vote.unanimity")])
invalid("vote-majorite-sans-opposition", sub(BASE, (VOTE, vote(7, extra=' mention="majorite"'))),
        [('mention="majorite"', "vote.unanimity")])
invalid("scrutin-public-sans-liste", sub(BASE, (VOTE, vote(5, 1, 1, scrutin="public"))), [('scrutin="public"', "vote.public-list")])
invalid("scrutin-public-liste-fausse",
        sub(BASE, (VOTE, vote(5, 1, 1, scrutin="public", children=votants(
            [("m1", "pour"), ("m2", "pour"), ("m3", "contre"), ("m4", "pour"), ("m5", "contre"),
             ("m6", "pour"), ("m7", "pour")])))),
        [("<vote ", "vote.public-list")])
invalid("scrutin-public-votant-oublie",
        sub(BASE, (VOTE, vote(5, 1, 1, scrutin="public", children=votants(
            [("m1", "pour"), ("m2", "pour"), ("m3", "contre"), ("m4", "pour"), ("m5", "abstention"),
             ("m6", "pour")])))),
        [("<vote ", "vote.public-list"), ("<vote ", "vote.public-list")])
invalid("scrutin-public-votant-absent",
        sub(BASE, (VOTE, vote(5, 1, 1, scrutin="public", children=votants(
            [("m1", "pour"), ("m2", "pour"), ("m3", "contre"), ("m4", "pour"), ("m5", "abstention"),
             ("m6", "pour"), ("m7", "pour"), ("m9", "pour")])))),
        [('<votant ref="m9"', "vote.public-list")])
invalid("scrutin-secret-nominatif",
        sub(BASE, (VOTE, vote(7, scrutin="secret", children=votants([("m%d" % i, "pour") for i in range(1, 8)])))),
        [('<votant ref="m1"', "vote.public-list")])
invalid("interesse-qui-vote",
        sub(BASE, (VOTE, vote(7, scrutin="public", children=['<interesse ref="m4"/>'] + votants(
            [("m%d" % i, "pour") for i in range(1, 8)])))),
        [('<votant ref="m4"', "vote.interested")])
invalid("interesse-compte-dans-les-voix", sub(BASE, (VOTE, vote(7, children=['<interesse ref="m4"/>']))),
        [('ne-prend-pas-part="0"', "vote.interested")])
invalid("interesse-mandataire", sub(BASE, (VOTE, vote(6, 0, 0, 1, children=['<interesse ref="m2"/>']))),
        [('ne-prend-pas-part="1"', "vote.interested")])

# Convocation and dates.
invalid("convocation-quatre-jours-francs", sub(BASE, ('convocation="2023-03-09"', 'convocation="2023-03-11"')),
        [('convocation="2023-03-11"', "convocation.delay")])
invalid("convocation-28000-habitants-trois-jours",
        sub(BASE, ('population="12000"', 'population="28000"'), ('convocation="2023-03-09"', 'convocation="2023-03-12"')),
        [('convocation="2023-03-12"', "convocation.delay")])
invalid("convocation-petite-commune-deux-jours",
        sub(BASE, ('population="12000"', 'population="800"'), ('convocation="2023-03-09"', 'convocation="2023-03-13"')),
        [('convocation="2023-03-13"', "convocation.delay")])
invalid("convocation-urgence-veille", sub(BASE, ('convocation="2023-03-09"',
                                                 'convocation="2023-03-15" urgence="oui" urgence-reconnue="oui"')),
        [('convocation="2023-03-15"', "convocation.delay")])
invalid("convocation-population-inconnue",
        sub(BASE, (' population="12000"', ""), ('convocation="2023-03-09"', 'convocation="2023-03-11"')),
        [("<collectivite ", "convocation.population")])
invalid("convocation-apres-la-seance", sub(BASE, ('convocation="2023-03-09"', 'convocation="2023-03-17"')),
        [('convocation="2023-03-17"', "date.order")])
invalid("reception-avant-la-seance", sub(BASE, ('reception-prefecture="2023-03-17"', 'reception-prefecture="2023-03-15"')),
        [('reception-prefecture="2023-03-15"', "date.order")])
invalid("publication-avant-la-seance", sub(BASE, ('publication="2023-03-20"', 'publication="2023-03-10"')),
        [('publication="2023-03-10"', "date.order")])
invalid("seconde-convocation-trop-tot",
        sub(BASE, ('date="2023-03-16" heure="18:30" convocation="2023-03-09"',
                   'date="2023-03-16" heure="18:30" convocation="2023-03-10" seance-sans-quorum="2023-03-14"'),
            (PRESENCES, presences(["m1", "m2", "m3"], [("m7", "m2")], ["m4", "m5", "m6", "m8"], ["m9"])),
            (VOTE, vote(4))),
        [('seance-sans-quorum="2023-03-14"', "quorum.second-convocation"),
         ('convocation="2023-03-10"', "quorum.second-convocation")])
invalid("seconde-convocation-apres-la-seance",
        sub(BASE, ('convocation="2023-03-09"', 'convocation="2023-03-09" seance-sans-quorum="2023-03-20"')),
        [('seance-sans-quorum="2023-03-20"', "quorum.second-convocation"),
         ('convocation="2023-03-09"', "quorum.second-convocation")])

# Numbering and the ACTES identifier.
invalid("numero-autre-date", sub(BASE, ('numero="2023-03-16-4"', 'numero="2023-03-15-4"')),
        [('numero="2023-03-15-4"', "numero.format")])
invalid("numero-autre-annee", sub(BASE, ('numero="2023-03-16-4"', 'numero="2022-045"')),
        [('numero="2022-045"', "numero.format")])
invalid("numero-ordre-zero", sub(BASE, ('numero="2023-03-16-4"', 'numero="2023-03-16-0"')),
        [('numero="2023-03-16-0"', "numero.format")])
invalid("actes-partie-manquante", sub(BASE, ("-D2023_04-DE-1-1", "-DE-1-1")), [("identifiant=", "actes.format")])
invalid("actes-numero-interne-trop-long", sub(BASE, ("-D2023_04-DE-1-1", "-D2023_0400000000-DE-1-1")),
        [("identifiant=", "actes.format")])
invalid("actes-numero-interne-caractere", sub(BASE, ("-D2023_04-DE-1-1", "-D2023.04-DE-1-1")),
        [("identifiant=", "actes.format")])
invalid("actes-type-de-message", sub(BASE, ("-D2023_04-DE-1-1", "-D2023_04-DE-2-1")), [("identifiant=", "actes.format")])
invalid("actes-nature-inconnue", sub(BASE, ("-D2023_04-DE-1-1", "-D2023_04-XX-1-1")), [("identifiant=", "actes.format")])
invalid("actes-date-invalide", sub(BASE, ("-20230316-", "-20230230-")), [("identifiant=", "actes.format")])
invalid("actes-siren-luhn", sub(BASE, ("76-217605757-", "76-217605758-")), [("identifiant=", "actes.siren")])
invalid("actes-siren-autre-collectivite", sub(BASE, ("76-217605757-", "76-%s-" % SIREN_OTHER)), [("identifiant=", "actes.siren")])
invalid("siren-collectivite-luhn", sub(BASE, ('siren="217605757"', 'siren="217605758"'), ("76-217605757-", "76-217605758-")),
        [('siren="217605758"', "actes.siren"), ("identifiant=", "actes.siren")])
invalid("actes-departement", sub(BASE, ("76-217605757-", "27-217605757-")), [("identifiant=", "actes.department")])
invalid("actes-date-autre-seance", sub(BASE, ("-20230316-", "-20230315-")), [("identifiant=", "actes.date")])
invalid("actes-nature-autre", sub(BASE, ("-D2023_04-DE-1-1", "-D2023_04-AR-1-1")), [("identifiant=", "actes.nature")])

# Publicity by date, and both sides of each boundary: the invalid side.
invalid("publicite-affichage-apres-reforme", sub(BASE, ('publication="2023-03-20"', 'affichage="2023-03-20"')),
        [('affichage="2023-03-20"', "publicity.era")])
invalid("publicite-acte-individuel-publie", sub(BASE, ('nature="DE"', 'nature="AI"'), ("-DE-1-1", "-AI-1-1")),
        [('publication="2023-03-20"', "publicity.era")])
invalid("era-2022-06-30-publication", at_date(BASE, "2022-06-30", "publication"),
        [('publication="2022-07-04"', "publicity.era")])
invalid("era-2022-07-01-affichage", at_date(BASE, "2022-07-01", "affichage"),
        [('affichage="2022-07-05"', "publicity.era")])
invalid("era-2020-03-23-quorum-moitie", quorum_like("2020-03-23"), [("<presences ", "quorum")])
invalid("era-2020-07-11-quorum-moitie", quorum_like("2020-07-11"), [("<presences ", "quorum")])
invalid("era-2020-11-14-quorum-moitie", quorum_like("2020-11-14"), [("<presences ", "quorum")])
invalid("era-2021-10-01-quorum-moitie", quorum_like("2021-10-01"), [("<presences ", "quorum")])
invalid("era-2021-11-09-quorum-moitie", quorum_like("2021-11-09"), [("<presences ", "quorum")])
invalid("era-2022-08-01-quorum-moitie", quorum_like("2022-08-01", "publication"), [("<presences ", "quorum")])
invalid("era-2022-08-01-double-pouvoir", double_proxy("2022-08-01", "publication"),
        [('<pouvoir de="m8"', "proxy.one-per-holder")])

# The example: 34 votes from 33 voters, a proxy held by an absent
# member, a convocation three days before the séance in a town of 28,000.
invalid("plusieurs-fautes",
        sub(BASE, ('population="12000"', 'population="28000"'), ('convocation="2023-03-09"', 'convocation="2023-03-12"'),
            ('<pouvoir de="m7" a="m2"/>', '<pouvoir de="m7" a="m9"/>'), (VOTE, vote(8))),
        [('<pouvoir de="m7"', "proxy.holder-absent"), ("<vote ", "vote.total"),
         ('convocation="2023-03-12"', "convocation.delay")])


# ---------------------------------------------------------------- tables
# The structure of the annex's tables (src/rules/tables.c): spans bounded by
# the schema, within the declared columns and within their section's rows.

def with_table(rows, ncols=2):
    cols = "".join("        <colonne/>\n" for _ in range(ncols))
    annex = ('  <annexe titre="Annexe">\n    <section numero="1" titre="Tableau">\n      <tableau>\n' + cols +
             "        <corps>\n" + "".join("          " + r + "\n" for r in rows) +
             "        </corps>\n      </tableau>\n    </section>\n  </annexe>\n")
    return sub(BASE, ("</deliberation>", annex + "</deliberation>"))


valid("tableau-fusions",
      with_table(['<ligne><cellule lignes="2">Axe</cellule><cellule>Action 1</cellule></ligne>',
                  "<ligne><cellule>Action 2</cellule></ligne>",
                  "<groupe>Axes transversaux</groupe>",
                  '<ligne><cellule colonnes="2">Total</cellule></ligne>']))
# rows × columns once overflowed an int in the layout's grid and crashed the engine.
invalid("tableau-colonnes-enorme",
        with_table(['<ligne><cellule colonnes="1431655766">a</cellule></ligne>',
                    "<ligne><cellule>b</cellule><cellule>c</cellule></ligne>",
                    "<ligne><cellule>d</cellule><cellule>e</cellule></ligne>"]),
        [('colonnes="1431655766"', "xml.schema")])
invalid("tableau-lignes-enorme",
        with_table(['<ligne><cellule lignes="4294967296">a</cellule><cellule>b</cellule></ligne>']),
        [('lignes="4294967296"', "xml.schema")])
invalid("tableau-colonnes-debordent",
        with_table(["<ligne><cellule>a</cellule><cellule>b</cellule></ligne>",
                    '<ligne><cellule colonnes="3">Total</cellule></ligne>']),
        [('colonnes="3"', "tableau.colonnes")])
invalid("tableau-cellule-en-trop",
        with_table(["<ligne><cellule>a</cellule><cellule>b</cellule><cellule>c</cellule></ligne>"]),
        [("<cellule>c</cellule>", "tableau.colonnes")])
invalid("tableau-une-colonne",
        with_table(["<ligne><cellule>a</cellule><cellule>b</cellule></ligne>"], ncols=1),
        [("<cellule>b</cellule>", "tableau.colonnes")])
invalid("tableau-lignes-debordent",
        with_table(['<ligne><cellule lignes="5">Axe</cellule><cellule>x</cellule></ligne>',
                    "<ligne><cellule>y</cellule></ligne>"]),
        [('lignes="5"', "tableau.lignes")])
invalid("tableau-lignes-derniere",
        with_table(["<ligne><cellule>a</cellule><cellule>b</cellule></ligne>",
                    '<ligne><cellule lignes="2">c</cellule><cellule>d</cellule></ligne>']),
        [('lignes="2"', "tableau.lignes")])
invalid("tableau-intertitre-coupe",
        with_table(['<ligne><cellule lignes="2">Axe</cellule><cellule>x</cellule></ligne>',
                    "<groupe>Axes transversaux</groupe>",
                    "<ligne><cellule>y</cellule></ligne>"]),
        [("<groupe>", "tableau.intertitre")])


def line_of(text, locator):
    if isinstance(locator, int):
        return locator
    if locator == "":
        return 1
    i = text.find(locator)
    if i < 0:
        raise SystemExit("locator not found: %r" % locator)
    return text.count("\n", 0, i) + 1


def encode(text):
    # "\udcXX" stands for the raw byte 0xXX (invalid UTF-8 on purpose).
    return text.encode("utf-8", "surrogateescape")


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    for kind, cases in (("valid", VALID), ("invalid", INVALID)):
        folder = os.path.join(src, "tests", "corpus", kind)
        os.makedirs(folder, exist_ok=True)
        for old in os.listdir(folder):
            if old.endswith(".xml") or old.endswith(".diag"):
                os.remove(os.path.join(folder, old))
        for name, case in sorted(cases.items()):
            text, expected = (case, []) if kind == "valid" else case
            with open(os.path.join(folder, name + ".xml"), "wb") as f:
                f.write(encode(text))
            lines = sorted("%d:%s" % (line_of(text, loc), rule) for loc, rule in expected)
            with open(os.path.join(folder, name + ".diag"), "w") as f:
                f.write("".join(l + "\n" for l in lines))
    print("%d valid, %d invalid" % (len(VALID), len(INVALID)))


if __name__ == "__main__":
    main()
