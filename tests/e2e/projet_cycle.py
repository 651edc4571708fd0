#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Issue 13, the projet as a stage of its own: the reference sample reduced
to a projet (what is known before the séance), then grown back.

    projet_cycle.py DELIB SOURCE_DIR

1. The sample without its séance facts (convocation date, presences,
   president, secretary, vote, signatory, executory block) and with
   statut="projet" validates without diagnostic and renders as a projet:
   its title, the séance in the future tense, no counts, no attendance, a
   placeholder for the vote, "PROJET".
2. The same projet completed with what the séance brought is the sample
   byte for byte, and renders to the same PDF as the sample; its laid-out
   pages are exactly those the default template gave before issue 13
   (projet_cycle_before.xsl, the template of commit 4b185d1, rendered by
   the same engine): the wording moved into fn:vote-sentences without
   changing a character. The PDF differs from that template's only by the
   template's SHA-256 recorded on page 1 and the file identifier derived
   from it (checked below, byte by byte).
"""
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile


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


def render(delib, xml, pdf, dump=None, env=None):
    cmd = [delib, "render", xml, "-o", pdf] + (["--dump-layout", dump] if dump else [])
    r = subprocess.run(cmd, capture_output=True, timeout=120, env=env)
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
        for want in ["PROJET", "Projet de délibération Projet n° 2021-10-14-22",
                     "Projet soumis au Conseil municipal, qui se réunira le 14 octobre 2021 à 18h30, "
                     "à la mairie, en séance publique.",
                     "[Vote : à compléter après la séance"]:
            if want not in t:
                fail("projet : « %s » absent" % want)
        for refuse in ["s'est réuni", "présents à l'ouverture", "Étaient présents", "Secrétaire de séance",
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
        # The template before issue 13, in a data folder of its own.
        data = os.path.join(tmp, "data")
        os.makedirs(os.path.join(data, "templates", "default"))
        for d in ("schema", "fonts"):
            os.symlink(os.path.join(src, d), os.path.join(data, d))
        shutil.copy(os.path.join(src, "templates", "default", "template.xml"),
                    os.path.join(data, "templates", "default"))
        shutil.copy(os.path.join(os.path.dirname(os.path.abspath(__file__)), "projet_cycle_before.xsl"),
                    os.path.join(data, "templates", "default", "deliberation.xsl"))
        env = dict(os.environ, DELIB_DATADIR=data)
        render(delib, sample, os.path.join(tmp, "before.pdf"), os.path.join(tmp, "before.dump"), env)
        with open(os.path.join(tmp, "acte.dump"), "rb") as a, open(os.path.join(tmp, "before.dump"), "rb") as b:
            if a.read() != b.read():
                fail("les pages de l'échantillon diffèrent de celles du modèle d'avant (diff acte.dump before.dump)")
        with open(os.path.join(tmp, "acte.pdf"), "rb") as a, open(os.path.join(tmp, "before.pdf"), "rb") as b:
            pa, pb = a.read(), b.read()
        rest_a = re.sub(rb"/TemplateSHA256 \([0-9a-f]{64}\)|/ID \[ <[0-9A-F]+> <[0-9A-F]+> \]", b"", pa)
        rest_b = re.sub(rb"/TemplateSHA256 \([0-9a-f]{64}\)|/ID \[ <[0-9A-F]+> <[0-9A-F]+> \]", b"", pb)
        if len(pa) != len(pb) or rest_a != rest_b:
            fail("le PDF de l'échantillon diffère de celui du modèle d'avant ailleurs que par l'empreinte du modèle")
    print("ok")


if __name__ == "__main__":
    main()
