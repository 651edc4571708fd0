#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""seed_words.py -- does our PDF say every word of the reference, in order?

Usage:
    seed_words.py SEED.txt PDF_TEXT.txt [--min 99] [--top 20] [--extra]
    seed_words.py SEED.txt PDF_TEXT.txt --order MARKERS [--words 5] [--gap 40]
                  [--strict] [-v]

SEED.txt is the reference text (../shared/seed/000_cda67939873e5b4a.txt),
PDF_TEXT.txt the text of our PDF as plain `pdftotext OUT.pdf OUT.txt` writes
it (`-layout` works too). Python 3, standard library only. Exit status: 0
pass, 1 fail, 2 usage or marker-list error.

Word mode (default)
    Both texts are normalised the same way (below), cut into words and
    counted as multisets. score = |seed ∩ pdf| / |seed|, the multiset
    intersection: a word the seed has 3 times and the PDF twice counts 2.
    Printed as a percentage with the most frequent missing words (--top);
    --extra also lists the words the PDF has beyond the seed (repeated table
    headers, running headers of our own, garbage). Fails below --min (99).

Order mode (--order MARKERS)
    Checks that marker phrases appear in the PDF text in the seed's order.
    MARKERS is
      - a sample in the domain vocabulary (*.xml: samples/2021-10-14-22.xml).
        Markers, in document order: each annex section's "N. titre"; each
        sub-heading (titre); each table group heading (groupe); for each
        table row (ligne of corps) the first --words words (default 5) of its
        first non-empty cell that does not span rows, and when that cell has
        fewer than 3 words, also the first words of the next such cell as a
        second part ("Jeunesse | Horizon études"). Cells with @lignes > 1 are
        skipped: where a renderer prints their text (top, middle) is its own
        choice. Header rows (entete) are skipped: they repeat on every page.
      - or a text file: one marker a line, parts separated by " | ", lines
        starting with '#' ignored.
    A marker is cut into words like the texts. Its first part is searched in
    the PDF's word stream, each word at most --gap words (default 40) after
    the previous one: pdftotext interleaves the lines of neighbouring table
    cells. Further parts must lie within 300 words of the first. Order:
    pages (pdftotext ends each with a form feed) must come in order, but
    inside a page any order is accepted, because pdftotext reads a page's
    table columns in its own order: a marker is searched from the start of
    the page where the previous marker was found (an occurrence already used
    does not count twice). --strict demands word order instead. A marker
    found only before is reported OUT OF ORDER, one not found MISSING; the
    check fails if there is any. The markers are first searched in the seed
    (word order, gaps up to 400 words since the seed's cells continue after
    their row): one that is not there in order is a marker-list error.

Normalisation (both texts, identically)
    - Unicode NFC; ligatures ﬁ ﬂ ﬀ ﬃ ﬄ spelt out; U+2010/U+2011 hyphens to
      '-'; typographic apostrophes to "'"; U+2219 (bullet operator, the
      inclusive-writing dot once in the seed) to U+00B7; no-break and thin
      spaces (U+00A0, U+202F, U+2007, U+2009) and form feeds to spaces; soft
      hyphens removed (at a line end they join the two halves). Case-folded.
    - Lines dropped: running headers and footers ("Conseil municipal |
      Séance du 14 octobre 2021", "Conseil municipal 2021-10-14-22 | 1/2",
      the annex's "Annexe – …" / "Rapport annexé | 3 / 21" as peers print
      them, and any --strip REGEX); a tab-separated line identical to an
      earlier one (a table's header row repeated at each page of the seed).
    - Known artefacts of the seed's extraction, listed below with a reason
      each (SEED_FIXES, SEED_DROP_LINES, SEED_DROP_PREFIXES): stray
      characters ("р", "1", ",", "2", "710000", "prioritaines"); table
      headers broken or cut; a duplicated text layer (the "ACTIONS" line of
      section 3); words cut by a line end without a hyphen ("dysfonctionnem
      ent"); the vertical "Axe" label and the "Axes transversaux" heading
      read in pieces; the item number "l-" read for "4-"; and the chart
      artefacts of section 3: the axis numbers "3.5 2.5 … 2" of "Profils des
      bénéficiaires des clauses ville", the legend of "Sorties du PRE"
      ("Réorientation / prise de relais par le droit commun", "Déménagement
      du / de bénéficiaire en dehors d'une zone politique de la ville", "30%
      ■ Résolution total des difficultés", "Résolution partielle des
      difficultés", "■ Fin d'adhésion de la famille", "■ Non adhésion de la
      famille") and the category axis "Sans QF Tarif 8 … Tarif 1" of the
      Tarifs chart. Chart titles are kept: they are text of the report.
      These are exact strings or whole lines: applied to the PDF text as
      well, they are no-ops there, and the seed against itself scores 100%.
    - The seed's markup: "<u>…</u>" dropped, "2 ^{nde}" read "2 nde".
      Ordinals are counted as number and suffix ("2nde" -> "2", "nde") in
      both texts, since a PDF extractor may print a superscript apart.
    - Hyphenated line ends: a chunk ending in "letter-" followed by white
      space (a newline in the PDF; a plain space in the seed, whose cell line
      ends were flattened: "accompagne- ment") and a word is joined to it:
      without the hyphen when the two halves make a word of the seed
      ("accompagnement"), else with it ("Saint-" + "Étienne-du-Rouvray",
      "Lalung-" + "Bonnaire"). Item numbers like "1- Mise" become "1-mise"
      in both texts alike.
    - Words: runs of letters and digits, with ' - . , · allowed between two
      of them ("d'insertion", "Saint-Étienne-du-Rouvray", "18.45", "1,5",
      "professionnel·les"); everything else (« » ( ) : ; / € ✓ > …) separates
      words and is not counted.
    - PDF text only (and markers): plain pdftotext drops the hyphen of every
      line-end hyphen, real ones included ("rendez-\\nvous" -> "rendezvous",
      "StEtienne-du-R."): a word unknown to the seed that is a hyphenated
      seed word minus one hyphen is read as that word. pdftotext may also
      glue two neighbouring cells ("RéférentsIndicateurs"): a word unknown
      to the seed is cut where a lower case letter meets an upper case one
      if both halves are seed words.

Checked: the seed against itself scores 100% (and passes --order with the
sample's markers); a copy without three paragraphs scores about 96% and fails;
the text of FOP's rendering of ../shared/peers/seed.fo scores about 99.6%.
"""

import argparse
import collections
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

# ------------------------------------------------------------------ tables

# Running headers and footers: seed pages, and annex pages as peers print
# them (seed.fo). Matched against whole lines, after normalisation of spaces.
RUNNING = [
    r"Conseil municipal \| Séance du .*",
    r"Conseil municipal \S+ \| \d+ ?/ ?\d+",
    r"Annexe [–-] .*",
    r"Rapport annexé \| \d+ ?/ ?\d+",
]

# Whole lines of the seed that are extraction artefacts (compared after the
# line is stripped of tabs and spaces at both ends).
SEED_DROP_LINES = {
    # Section 3: the table header broken over two lines on one page.
    "Enjeux\tActions\tPoint d'étape 2020\tPerspectives": "broken header row",
    "prioritaires\t710000\t-\t2021": "broken header row, stray 710000",
    "Actions\tPoint d'étape 2020\tPerspectives 2021": "header row repeated, first column lost",
    # Section 4: a line of stray tokens at a page break.
    "1\t,": "stray '1' and ','",
    # Section 3, chart "Sorties du PRE": legend and its percentage.
    "Réorientation / prise de relais par le droit commun": "chart legend",
    "Déménagement du / de bénéficiaire en dehors d'une zone politique de la ville": "chart legend",
    "30% ■ Résolution total des difficultés": "chart label and legend",
    "Résolution partielle des difficultés": "chart legend",
    "■ Fin d'adhésion de la famille": "chart legend",
    "■ Non adhésion de la famille": "chart legend",
    # Section 3, chart of the Rive Gauche tariffs: category axis.
    "Sans QF Tarif 8 Tarif 7 Tarif 6 Tarif 5 Tarif 4 Tarif 3 Tarif 2 Tarif 1": "chart axis",
}

# Lines that start with this (after stripping) are artefacts too.
SEED_DROP_PREFIXES = {
    # Section 3: a second text layer repeating the two cells above it
    # ("Prévention de la radicalisation…", "Actions aux collèges…").
    "ACTIONS\tPrévention de la radicalisation": "duplicated text layer",
}

# Exact substitutions in the seed: (old, new, reason).
SEED_FIXES = [
    ("р\tl-Développement des parcours", "\t4-Développement des parcours",
     "stray Cyrillic 'р'; 'l-' is the item number '4-' misread"),
    ("prioritaines\t", "\t", "stray word in the first column"),
    ("Un monde\t2\t", "Un monde\t\t", "stray '2'"),
    ("dysfonctionnem ent", "dysfonctionnement", "word cut by a line end"),
    ("mani festations", "manifestations", "word cut by a line end"),
    ("acti ons", "actions", "word cut by a line end"),
    ("Accompagnem ent", "Accompagnement", "word cut by a line end"),
    ("\tAxe\ts transversaux", "\tAxes transversaux", "group heading read in two cells"),
    ("és économiques et sociale et solidaire\t", "\t", "vertical label, second piece"),
    ("Emploi - la création d'activités commerciales - l'économie so\t",
     "Emploi - la création d'activités économiques et commerciales - l'économie sociale et solidaire\t",
     "vertical label, first piece"),
    ("Profils des bénéficiaires des clauses ville 3.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2",
     "Profils des bénéficiaires des clauses ville", "chart axis numbers"),
]

# "2nde", "6ème", "1ère": counted as the number and the suffix, since a PDF
# extractor may print a superscript apart from its number.
ORDINAL = re.compile(r"(\d+)(ère|ème|nde|er|eme|ere)$")

# Order mode: in the seed, a cell cut by a page or line break goes on after
# the other cells of its row, so the words of a marker may lie far apart.
SEED_GAP = 400
# Order mode: the parts of a marker ("Jeunesse | Horizon études") lie within
# this many words of its first part.
WINDOW = 300

WORD = re.compile(r"[^\W_]+(?:['\-.,·][^\W_]+)*")

# ------------------------------------------------------------------ text


def normalise_chars(text):
    text = unicodedata.normalize("NFC", text)
    for a, b in (("ﬁ", "fi"), ("ﬂ", "fl"), ("ﬀ", "ff"), ("ﬃ", "ffi"), ("ﬄ", "ffl"),
                 ("\u2010", "-"), ("\u2011", "-"),
                 ("\u2019", "'"), ("\u2018", "'"), ("\u02bc", "'"), ("\u2032", "'"),
                 ("\u2219", "\u00b7"),
                 ("\u00a0", " "), ("\u202f", " "), ("\u2007", " "), ("\u2009", " "),
                 ("\f", "\n"), ("\r", "")):
        text = text.replace(a, b)
    text = re.sub(r"\u00ad[ \t]*\n[ \t]*", "", text)
    return text.replace("\u00ad", "")


def clean(text, strip, seed_warn=False):
    """Normalised text with headers, footers and known artefacts removed."""
    text = normalise_chars(text)
    for old, new, why in SEED_FIXES:
        if old in text:
            text = text.replace(old, new)
        elif seed_warn:
            print("seed_words: warning: seed fix not applied (%s): %r" % (why, old[:40]),
                  file=sys.stderr)
    running = [re.compile(r"\s*" + p + r"\s*$") for p in RUNNING + strip]
    seen_rows = set()
    found = set()
    out = []
    for line in text.split("\n"):
        if any(r.match(line) for r in running):
            continue
        key = line.strip(" \t")
        if key in SEED_DROP_LINES:
            found.add(key)
            continue
        if any(key.startswith(p) for p in SEED_DROP_PREFIXES):
            found.add(next(p for p in SEED_DROP_PREFIXES if key.startswith(p)))
            continue
        if "\t" in line and key:
            if key in seen_rows:
                continue                      # repeated table header row
            seen_rows.add(key)
        out.append(line)
    if seed_warn:
        for k in list(SEED_DROP_LINES) + list(SEED_DROP_PREFIXES):
            if k not in found:
                print("seed_words: warning: seed artefact line not found: %r" % k[:40],
                      file=sys.stderr)
    text = "\n".join(out)
    text = re.sub(r"</?u>", "", text)
    text = re.sub(r"\s*\^\{([^}]*)\}", r" \1", text)
    return text


def split_word(w):
    """Case-folded word, an ordinal cut from its number ("2nde" -> 2, nde)."""
    w = w.casefold()
    m = ORDINAL.match(w)
    return list(m.groups()) if m else [w]


def raw_words(text):
    out = []
    for w in WORD.findall(text):
        out.extend(split_word(w))
    return out


def vocabulary(seed_text):
    """Words of the seed and their parts between hyphens and apostrophes."""
    voc = set()
    for w in raw_words(seed_text):
        voc.add(w)
        voc.update(p for p in re.split(r"[-']", w) if p)
    return voc


def join_hyphens(text, voc):
    """Chunks between white space, with 'word-' + 'word' joined."""
    chunks = text.split()
    out = []
    i = 0
    while i < len(chunks):
        cur = chunks[i]
        i += 1
        while (i < len(chunks) and len(cur) > 1 and cur.endswith("-")
               and cur[-2].isalnum() and chunks[i][:1].isalnum()):
            nxt = chunks[i]
            i += 1
            left = re.search(r"[^\W_]+$", cur[:-1]).group(0)
            right = re.match(r"[^\W_]+", nxt).group(0)
            if (left + right).casefold() in voc:
                cur = cur[:-1] + nxt
            else:
                cur = cur + nxt
        out.append(cur)
    return out


def dehyphenated(voc):
    """Map: a hyphenated seed word with one hyphen removed -> the word.

    pdftotext joins a line ending in a hyphen to the next line and drops the
    hyphen, even when it was a real one: "rendez-\\nvous" -> "rendezvous"."""
    m = {}
    for w in voc:
        for i, ch in enumerate(w):
            if ch == "-" and 0 < i < len(w) - 1:
                v = w[:i] + w[i + 1:]
                if v not in voc:
                    m.setdefault(v, w)
    return m


def unglue(w, voc):
    """pdftotext may glue the texts of two neighbouring table cells
    ("RéférentsIndicateurs"): cut a word unknown to the seed where a lower
    case letter meets an upper case one, if both halves are seed words."""
    if w.casefold() in voc:
        return [w]
    for i in range(1, len(w)):
        if w[i - 1].islower() and w[i].isupper():
            a, b = w[:i], w[i:]
            if a.casefold() in voc and b.casefold() in voc:
                return [a] + unglue(b, voc)
    return [w]


def words(text, voc, dehy=None):
    """The words of a cleaned text. With dehy (the PDF's text, markers),
    hyphens pdftotext dropped are put back and glued cells cut apart."""
    ws = []
    for chunk in join_hyphens(text, voc):
        for w0 in WORD.findall(chunk):
            for w1 in (unglue(w0, voc) if dehy else [w0]):
                for w in split_word(w1):
                    if dehy and w not in voc and w in dehy:
                        w = dehy[w]
                    ws.append(w)
    return ws


# ------------------------------------------------------------------ modes


def word_mode(seed_ws, pdf_ws, args):
    seed_c = collections.Counter(seed_ws)
    pdf_c = collections.Counter(pdf_ws)
    total = sum(seed_c.values())
    matched = sum((seed_c & pdf_c).values())
    score = 100.0 * matched / total if total else 0.0
    ok = score >= args.min
    print("seed words: %d   pdf words: %d   matched: %d   score: %.2f%%   (min %g%%) %s"
          % (total, len(pdf_ws), matched, score, args.min, "OK" if ok else "FAIL"))
    missing = seed_c - pdf_c
    if missing:
        print("missing: %d words, %d distinct; most frequent:" % (sum(missing.values()), len(missing)))
        for w, n in missing.most_common(args.top):
            print("  %5d  %s" % (n, w))
    if args.extra:
        extra = pdf_c - seed_c
        print("extra in pdf: %d words, %d distinct; most frequent:" % (sum(extra.values()), len(extra)))
        for w, n in extra.most_common(args.top):
            print("  %5d  %s" % (n, w))
    return 0 if ok else 1


def local(tag):
    return tag.rsplit("}", 1)[-1]


def cell_text(el):
    return " ".join("".join(el.itertext()).split())


def markers_from_xml(path, nwords):
    root = ET.parse(path).getroot()
    marks = []

    def first_words(s):
        return " ".join(s.split()[:nwords])

    def walk(el):
        name = local(el.tag)
        if name == "section":
            marks.append("%s. %s" % (el.get("numero", ""), el.get("titre", "")))
        elif name == "titre":
            marks.append(cell_text(el))
            return
        elif name == "groupe":
            marks.append(cell_text(el))
            return
        elif name == "entete":
            return
        elif name == "ligne":
            cells = [c for c in el if local(c.tag) == "cellule"]
            texts = [cell_text(c) for c in cells if int(c.get("lignes", "1")) == 1]
            texts = [t for t in texts if t] or [t for t in map(cell_text, cells) if t]
            if texts:
                m = first_words(texts[0])
                if len(texts[0].split()) < 3 and len(texts) > 1:
                    m += " | " + first_words(texts[1])
                marks.append(m)
            return
        for child in el:
            walk(child)

    for el in root.iter():
        if local(el.tag) == "annexe":
            walk(el)
            break
    return marks


def markers_from_txt(path):
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.lstrip().startswith("#")]


def next_word(stream, w, j, gap, page_start):
    """Index of w at most gap words after j; else, with pages, within
    WINDOW words of the next page's start (a table cell split by a page
    break goes on there, after the repeated header rows); -1 if neither."""
    for k in range(j + 1, min(len(stream), j + 2 + gap)):
        if stream[k] == w:
            return k
    if page_start:
        nxt = next((p for p in page_start if p > j), None)
        if nxt is not None:
            for k in range(nxt, min(len(stream), nxt + WINDOW)):
                if stream[k] == w:
                    return k
    return -1


def find(stream, seq, start, gap, end=None, page_start=None):
    """Index of seq[0] where seq occurs in stream at or after start (and
    before end), each word at most gap words after the previous one (gap 0:
    consecutive) or, with pages, early on the next page; -1 if it does not."""
    first = seq[0]
    stop = len(stream) if end is None else min(end, len(stream))
    for i in range(max(start, 0), stop):
        if stream[i] != first:
            continue
        j = i
        for w in seq[1:]:
            j = next_word(stream, w, j, gap, page_start)
            if j < 0:
                break
        else:
            return i
    return -1


def find_marker(stream, parts, start, gap, page_start=None):
    """Like find() for the first part; the other parts (the next cells of a
    table row) must occur within WINDOW words of it, in any order."""
    while True:
        i = find(stream, parts[0], start, gap, None, page_start)
        if i < 0 or all(find(stream, p, i - WINDOW, gap, i + WINDOW) >= 0 for p in parts[1:]):
            return i
        start = i + 1


def locate(stream, marks, gap, page_start=None, page_of=None):
    """[(status, index)] for each marker (a list of parts, each a list of
    words), searching in order.

    Without pages, a marker must come after the previous one's match. With
    pages (page_start: index of the first word of each page, page_of: page
    of each word), it may also come earlier on the same page as the previous
    match: pdftotext's reading order inside a page (table columns) is its
    own, but pages come in order."""
    prev = -1
    used = set()
    res = []
    for m in marks:
        if not m or not all(m):
            res.append(("EMPTY", -1))
            continue
        start = prev + 1 if page_of is None or prev < 0 else page_start[page_of[prev]]
        i = find_marker(stream, m, start, gap, page_start)
        while i in used:
            i = find_marker(stream, m, i + 1, gap, page_start)
        if i >= 0:
            res.append(("ok", i))
            used.add(i)
            prev = i
            continue
        j = find_marker(stream, m, 0, gap, page_start)
        res.append(("OUT OF ORDER", j) if j >= 0 else ("MISSING", -1))
    return res


def order_mode(seed_ws, pdf_raw, voc, args):
    if args.order.endswith(".xml"):
        phrases = markers_from_xml(args.order, args.words)
    else:
        phrases = markers_from_txt(args.order)
    dehy = dehyphenated(voc)
    marks = [[words(clean(part, []), voc, dehy) for part in p.split(" | ")] for p in phrases]
    pdf_ws, page_of, page_start = [], [], []
    for n, page in enumerate(pdf_raw.split("\f")):
        page_start.append(len(pdf_ws))
        ws = words(clean(page, args.strip), voc, dehy)
        pdf_ws.extend(ws)
        page_of.extend([n] * len(ws))
    if args.strict or len(page_start) == 1:
        page_of = page_start = None

    bad_list = [(p, r) for p, r in zip(phrases, locate(seed_ws, marks, SEED_GAP)) if r[0] != "ok"]
    if bad_list:
        for p, r in bad_list:
            print("marker list error: %s in the seed: %s" % (r[0], p))
        return 2

    res = locate(pdf_ws, marks, args.gap, page_start, page_of)
    bad = 0
    for p, (status, i) in zip(phrases, res):
        if status != "ok":
            bad += 1
        if status != "ok" or args.verbose:
            print("%-12s %7s  %s" % (status, i if i >= 0 else "-", p))
    print("markers: %d   in order: %d   missing or out of order: %d   %s"
          % (len(marks), len(marks) - bad, bad, "OK" if bad == 0 else "FAIL"))
    return 0 if bad == 0 else 1


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Compare the words of the seed text with the text of our PDF.")
    ap.add_argument("seed", help="reference text (shared/seed/000_….txt)")
    ap.add_argument("pdftext", help="text of our PDF, from pdftotext")
    ap.add_argument("--min", type=float, default=99.0,
                    help="lowest acceptable score in percent (default 99)")
    ap.add_argument("--top", type=int, default=20, help="missing words to list (default 20)")
    ap.add_argument("--extra", action="store_true", help="also list words the PDF has in excess")
    ap.add_argument("--strip", action="append", default=[], metavar="REGEX",
                    help="drop lines matching REGEX (whole line) from both texts; repeatable")
    ap.add_argument("--order", metavar="MARKERS",
                    help="order mode: sample .xml or phrase list .txt")
    ap.add_argument("--words", type=int, default=5,
                    help="order mode: words taken from each table row (default 5)")
    ap.add_argument("--gap", type=int, default=40,
                    help="order mode: words allowed between two words of a marker in the PDF "
                         "text (default 40; 0: consecutive)")
    ap.add_argument("--strict", action="store_true",
                    help="order mode: word order even within a page (default: pages in "
                         "order, any order inside a page)")
    ap.add_argument("-v", "--verbose", action="store_true", help="order mode: list every marker")
    args = ap.parse_args(argv)

    try:
        with open(args.seed, encoding="utf-8") as f:
            seed_raw = f.read()
        with open(args.pdftext, encoding="utf-8", errors="replace") as f:
            pdf_raw = f.read()
        for r in args.strip:
            re.compile(r)
    except (OSError, re.error) as e:
        print("seed_words: %s" % e, file=sys.stderr)
        return 2

    seed_text = clean(seed_raw, args.strip, seed_warn=True)
    pdf_text = clean(pdf_raw, args.strip)
    voc = vocabulary(seed_text)
    seed_ws = words(seed_text, voc)
    if args.order:
        try:
            return order_mode(seed_ws, pdf_raw, voc, args)
        except (OSError, ET.ParseError) as e:
            print("seed_words: %s" % e, file=sys.stderr)
            return 2
    return word_mode(seed_ws, words(pdf_text, voc, dehyphenated(voc)), args)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:            # output piped into head
        sys.stderr.close()
        sys.exit(1)
