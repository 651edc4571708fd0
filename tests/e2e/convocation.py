#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Issue 13, the convocation (`delib convocation FOLDER -o convocation.pdf`).

    convocation.py DELIB SOURCE_DIR

Five projets of one séance, their files named against the order of their
numbers: the ordre du jour comes in the order of the numbers; the note
explicative de synthèse, built from each exposé, is there for a commune of
12,000 inhabitants and absent for one of 800 (CGCT L2121-12); an urgent
convocation says so with its article; a projet of another séance is refused
at its file and line, nothing written; the PDF passes Apache Preflight
(PDF/A-1b) when the validator is installed.
"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import make_wording as mw  # noqa: E402  the wording corpus's council of nine

OBJETS = ["Budget primitif 2023", "Acquisition d'une parcelle rue des Tilleuls", "Tarifs de la cantine scolaire",
          "Subvention à l'association sportive", "Convention avec le syndicat des eaux"]
JARS = "/usr/share/java"
PREFLIGHT = ["preflight.jar", "pdfbox2.jar", "fontbox2.jar", "xmpbox.jar", "commons-logging.jar",
             "javax.activation.jar", "jaxb-api.jar"]


def fail(msg):
    print("ÉCHEC : " + msg)
    sys.exit(1)


def write_projets(folder, population="12000", seance_extra="", date_of=lambda i: "2023-03-16"):
    os.makedirs(folder)
    for i, objet in enumerate(OBJETS, start=1):
        x = mw.deliberation(statut="projet", final=False, convocation="2023-03-09", population=population,
                            seance_extra=seance_extra, expose=["Exposé du point %d : %s." % (i, objet)])
        x = x.replace('numero="2023-03-16-4"', 'numero="2023-03-16-%d"' % i)
        x = x.replace('<seance date="2023-03-16"', '<seance date="%s"' % date_of(i))
        x = x.replace('numero="2023-03-16-', 'numero="%s-' % date_of(i))
        x = x.replace("<objet>Acquisition d'une parcelle rue des Tilleuls</objet>", "<objet>%s</objet>" % objet)
        with open(os.path.join(folder, "p%d.xml" % (len(OBJETS) + 1 - i)), "w", encoding="utf-8") as f:
            f.write(x)


def convocation(delib, folder, pdf):
    return subprocess.run([delib, "convocation", folder, "-o", pdf], capture_output=True, timeout=120)


def text(pdf):
    out = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, timeout=60).stdout.decode("utf-8")
    return re.sub(r"\s+", " ", out)


def main():
    delib, src = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        big, small, urgent, mixed = (os.path.join(tmp, n) for n in ("big", "small", "urgent", "mixed"))
        write_projets(big)
        write_projets(small, population="800")
        write_projets(urgent, seance_extra=' urgence="oui"')
        write_projets(mixed, date_of=lambda i: "2023-03-23" if i == 3 else "2023-03-16")
        pdf = os.path.join(tmp, "big.pdf")
        r = convocation(delib, big, pdf)
        if r.returncode != 0:
            fail("convocation : %s" % r.stderr.decode("utf-8"))
        t = text(pdf)
        agenda = [t.find("%d. %s (projet n° 2023-03-16-%d" % (i, o, i)) for i, o in enumerate(OBJETS, start=1)]
        if min(agenda) < 0 or agenda != sorted(agenda):
            fail("ordre du jour absent ou dans le désordre : %s\n%s" % (agenda, t))
        for want in ["J'ai l'honneur de vous convoquer à la séance du Conseil municipal qui se tiendra le "
                     "16 mars 2023 à 18h30, à la mairie. La séance est publique.",
                     "Note explicative de synthèse (CGCT L2121-12)",
                     "5. Convention avec le syndicat des eaux Rapporteur : Monsieur Bruno Bernard Exposé du point 5",
                     "Fait le 9 mars 2023 Maire Madame Anne Martin"]:
            if want not in t:
                fail("« %s » absent :\n%s" % (want, t))
        if os.path.exists(os.path.join(JARS, "preflight.jar")):
            cp = ":".join(os.path.join(JARS, j) for j in PREFLIGHT)
            p = subprocess.run(["java", "-cp", cp, "org.apache.pdfbox.preflight.Validator_A1b", pdf],
                               capture_output=True, timeout=180)
            if b"is a valid PDF/A-1b file" not in p.stdout + p.stderr:
                fail("Preflight : %s" % (p.stdout + p.stderr).decode("utf-8", "replace")[:1500])
        pdf = os.path.join(tmp, "small.pdf")
        r = convocation(delib, small, pdf)
        if r.returncode != 0 or "Note explicative" in text(pdf) or "Ordre du jour" not in text(pdf):
            fail("commune de 800 habitants : pas de note de synthèse attendue")
        pdf = os.path.join(tmp, "urgent.pdf")
        r = convocation(delib, urgent, pdf)
        want = ("En raison de l'urgence, le délai de convocation est abrégé ; l'assemblée se prononcera sur "
                "l'urgence dès l'ouverture de la séance (article L2121-12 du CGCT).")
        if r.returncode != 0 or want not in text(pdf):
            fail("urgence : « %s » absent" % want)
        pdf = os.path.join(tmp, "mixed.pdf")
        r = convocation(delib, mixed, pdf)
        err = r.stderr.decode("utf-8")
        if r.returncode != 1 or os.path.exists(pdf) or not re.search(r"p3\.xml:7:\d+: erreur: .*16 mars 2023", err):
            fail("projet d'une autre séance : code %d, %s" % (r.returncode, err))
    print("ok")


if __name__ == "__main__":
    main()
