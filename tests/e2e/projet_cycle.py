#!/usr/bin/env python3
"""Issue 13, the projet as a stage of its own: the reference sample reduced
to a projet (what is known before the séance), then grown back.

    projet_cycle.py DELIB SOURCE_DIR

1. The sample without its séance facts (convocation date, presences,
   president, secretary, vote, signatory, executory block) and with
   statut="projet" validates without diagnostic and renders as a projet:
   its title, the séance in the future tense, no counts, no attendance, a
   placeholder for the vote, "PROJET".
2. The same projet completed with what the séance brought is the sample
   byte for byte, and renders to the same PDF as the sample; the laid-out
   pages are those of the sample before issue 13 (the dump's SHA-256 below,
   taken with the template of commit 4b185d1: the wording moved into
   fn:vote-sentences without changing a character). The PDF itself differs
   from that commit's only by the template's SHA-256 recorded on page 1 and
   the file identifier derived from it.
"""
import hashlib
import os
import re
import subprocess
import sys
import tempfile

# SHA-256 of `delib render samples/2021-10-14-22.xml --dump-layout` before
# issue 13 (template of commit 4b185d1, whose PDF was 89738a59…).
DUMP_BEFORE = "f47ec841bf610e8cd75f3d91c3a8ff6b9c20d1b2b6a173de21427eca72e035ef"

# What only the séance knows, as it is written in the sample.
SEANCE_FACTS = [
    r' convocation="[0-9-]+"',
    r'  <presences [^>]*>.*?</presences>\n',
    r'  <president [^>]*/>\n',
    r'  <secretaire [^>]*/>\n',
    r'  <vote [^>]*/>\n',
    r'  <signataire [^>]*/>\n',
    r'  <executoire [^>]*/>\n',
]


def fail(msg):
    print("ÉCHEC : " + msg)
    sys.exit(1)


def reduce(text):
    """The projet, and the list of (position, removed text) to grow it back."""
    removed = []
    for pat in SEANCE_FACTS:
        m = re.search(pat, text, re.S)
        if not m:
            fail("motif absent de l'échantillon : " + pat)
        removed.append((m.start(), m.group(0)))
        text = text[:m.start()] + text[m.end():]
    old = 'statut="definitif"'
    pos = text.index(old)
    text = text[:pos] + 'statut="projet"' + text[pos + len(old):]
    removed.append((pos, None))
    return text, removed


def grow(text, removed):
    for pos, piece in reversed(removed):
        if piece is None:
            text = text[:pos] + 'statut="definitif"' + text[pos + len('statut="projet"'):]
        else:
            text = text[:pos] + piece + text[pos:]
    return text


def run(cmd):
    return subprocess.run(cmd, capture_output=True, timeout=120)


def render(delib, xml, pdf, dump=None):
    cmd = [delib, "render", xml, "-o", pdf] + (["--dump-layout", dump] if dump else [])
    r = run(cmd)
    if r.returncode != 0:
        fail("render %s : %s" % (xml, r.stderr.decode("utf-8")[:800]))


def text_of(pdf):
    return re.sub(r"\s+", " ", run(["pdftotext", pdf, "-"]).stdout.decode("utf-8"))


def main():
    delib, src = sys.argv[1], sys.argv[2]
    sample = os.path.join(src, "samples", "2021-10-14-22.xml")
    with open(sample, encoding="utf-8") as f:
        original = f.read()
    projet, removed = reduce(original)
    if grow(projet, removed) != original:
        fail("le projet complété n'est pas l'échantillon")
    with tempfile.TemporaryDirectory() as tmp:
        p_xml = os.path.join(tmp, "projet.xml")
        with open(p_xml, "w", encoding="utf-8") as f:
            f.write(projet)
        v = run([delib, "validate", p_xml])
        if v.returncode != 0 or v.stdout.strip() or v.stderr.strip():
            fail("le projet ne valide pas sans diagnostic : %s%s" % (v.stdout.decode(), v.stderr.decode()))
        render(delib, p_xml, os.path.join(tmp, "projet.pdf"))
        t = text_of(os.path.join(tmp, "projet.pdf"))
        for want in ["PROJET", "Projet de délibération Projet n°2021-10-14-22",
                     "Projet soumis au Conseil municipal, qui se réunira le 14 octobre 2021 à 18h30, "
                     "à la mairie, en séance publique.",
                     "[Vote : à compléter après la séance"]:
            if want not in t:
                fail("projet : « %s » absent" % want)
        for refuse in ["s'est réuni", "présents à l'ouverture", "Etaient présents", "Secrétaire de séance",
                       "34 votes pour", "Accusé certifié exécutoire", "Extrait du registre"]:
            if refuse in t:
                fail("projet : « %s » présent" % refuse)
        g_xml = os.path.join(tmp, "2021-10-14-22.xml")
        with open(g_xml, "w", encoding="utf-8") as f:
            f.write(grow(projet, removed))
        render(delib, g_xml, os.path.join(tmp, "acte.pdf"), os.path.join(tmp, "acte.dump"))
        render(delib, sample, os.path.join(tmp, "sample.pdf"))
        with open(os.path.join(tmp, "acte.pdf"), "rb") as a, open(os.path.join(tmp, "sample.pdf"), "rb") as b:
            if a.read() != b.read():
                fail("le projet complété ne rend pas le PDF de l'échantillon")
        with open(os.path.join(tmp, "acte.dump"), "rb") as f:
            got = hashlib.sha256(f.read()).hexdigest()
        if got != DUMP_BEFORE:
            fail("les pages de l'échantillon ont changé : %s au lieu de %s" % (got, DUMP_BEFORE))
    print("ok")


if __name__ == "__main__":
    main()
