#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""table_headers.py -- does every page a table spans begin with its header row?

Usage: table_headers.py SAMPLE.xml LAYOUT.dump OUT.pdf

SAMPLE.xml is the deliberation (domain vocabulary) that was rendered,
LAYOUT.dump the `delib render --dump-layout` of it, OUT.pdf the PDF.
Python 3 standard library, plus poppler's pdftotext.

Where the tables are
    Each annex section with a table (`tableau` with an `entete`) has an
    outline entry ("N. titre") giving the page and the y of its heading. A
    page is cut at the headings on it into segments; a segment belongs to
    the section whose heading is last before it. Inside a segment the
    table's cells are the stroke ops (the dump draws one stroke rectangle
    per cell fragment).

(a) From the layout dump, for every segment of a table section that holds
    cells:
      - the topmost row of rectangles (the strokes with the smallest y) has
        exactly one rectangle per header cell, and the text ops inside each
        rectangle spell that header cell's text (white space and hyphens
        ignored, so that line breaks and hyphenation do not matter);
      - the first text ops drawn inside the table's area of the segment are
        those header texts (content-stream order is what text extraction and
        screen readers follow).
(b) From the PDF, `pdftotext -raw -f N -l N`, for every page where a table
    goes on from the previous page: once the running header and footer
    lines are dropped, the page's text begins with the header cells' words.

Sanity: every table section must have cells on at least one page, and at
least one table must go on over a page break; otherwise the sample no
longer exercises what this test is about, and it fails.
Exit status 0 when every check passes, 1 otherwise, 2 on a usage error.
"""

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = "{urn:delib:deliberation:1}"
EPS = 0.05  # [pt] tolerance on dumped coordinates (printed with 2 decimals)

TEXT_RE = re.compile(r'^  text x=(\S+) y=(\S+) w=(\S+) font="[^"]*"(?: bold)?(?: italic)? size=(\S+) "(.*)"$')
STROKE_RE = re.compile(r"^  stroke x=(\S+) y=(\S+) w=(\S+) h=(\S+)$")
PAGE_RE = re.compile(r"^page (\d+) size=(\S+)x(\S+) ")
OUTLINE_RE = re.compile(r'^outline level=(\d+) page=(\d+) y=(\S+) "(.*)"$')

# Running header and footer lines of the annex (see templates/default).
RUNNING = [re.compile(r"^\s*Annexe [–-] .*$"), re.compile(r"^\s*Rapport annexé \| \d+ ?/ ?\d+\s*$"),
           re.compile(r"^\s*Conseil municipal .*\|.*$")]


def norm(s):
    """Text without white space, hyphens or soft hyphens, case-folded."""
    s = s.replace("\u2019", "'").replace("\u00ad", "").replace("\u2010", "-").replace("\u2011", "-")
    return re.sub(r"[\s\-\u00a0\u202f]", "", s).casefold()


def cell_text(el):
    return " ".join("".join(el.itertext()).split())


def read_sections(path):
    """[(numero, titre, [header cell texts])] for each annex section with a table."""
    root = ET.parse(path).getroot()
    out = []
    for sec in root.iter(NS + "section"):
        tables = [t for t in sec.iter(NS + "tableau") if t.find(NS + "entete") is not None]
        if not tables:
            continue
        if len(tables) > 1:
            raise SystemExit("table_headers: section %s has %d tables with headers; this test "
                             "handles one per section: extend it" % (sec.get("numero"), len(tables)))
        rows = tables[0].find(NS + "entete").findall(NS + "ligne")
        if len(rows) != 1:
            raise SystemExit("table_headers: section %s: header of %d rows; this test handles one: "
                             "extend it" % (sec.get("numero"), len(rows)))
        cells = [cell_text(c) for c in rows[0].findall(NS + "cellule")]
        out.append((sec.get("numero"), sec.get("titre"), cells))
    return out


def read_dump(path):
    pages, outline = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            m = PAGE_RE.match(line)
            if m:
                pages.append({"n": int(m.group(1)), "h": float(m.group(3)), "ops": []})
                continue
            m = OUTLINE_RE.match(line)
            if m:
                outline.append((int(m.group(1)), int(m.group(2)), float(m.group(3)), m.group(4)))
                continue
            m = TEXT_RE.match(line)
            if m and pages:
                x, y, w, size = map(float, m.group(1, 2, 3, 4))
                pages[-1]["ops"].append(("text", x, y, w, size, m.group(5)))
                continue
            m = STROKE_RE.match(line)
            if m and pages:
                x, y, w, h = map(float, m.groups())
                pages[-1]["ops"].append(("stroke", x, y, w, h))
    return pages, outline


def inside(t, r):
    """Text op t lies in rectangle r (baseline inside, run within the sides)."""
    _, x, y, w, _, _ = t
    _, rx, ry, rw, rh = r
    return rx - EPS <= x and x + w <= rx + rw + 0.5 and ry - EPS <= y <= ry + rh + EPS


def check_segment(page, top, bottom, header, label, problems):
    """Checks the table cells of page between y top and bottom. Returns
    'none' when there are no cells, else 'ok' or 'bad'."""
    ops = [o for o in page["ops"] if top - EPS <= o[2] < bottom - EPS]
    strokes = [o for o in ops if o[0] == "stroke"]
    if not strokes:
        return "none"
    ty = min(s[2] for s in strokes)
    row = sorted((s for s in strokes if abs(s[2] - ty) <= EPS), key=lambda s: s[1])
    left = min(s[1] for s in strokes)
    right = max(s[1] + s[3] for s in strokes)
    texts = [o for o in ops if o[0] == "text" and left - EPS <= o[1] and o[1] + o[3] <= right + 0.5 and o[2] >= ty - EPS]
    ok = True
    if len(row) != len(header):
        problems.append("%s: the topmost row of cells (y=%.2f) has %d cells, the header %d: %s"
                        % (label, ty, len(row), len(header),
                           " | ".join(" ".join(t[5] for t in texts if inside(t, r)) for r in row)))
        return "bad"
    head_ops = []
    for r, want in zip(row, header):
        got = [t for t in texts if inside(t, r)]
        head_ops.extend(got)
        if norm("".join(t[5] for t in got)) != norm(want):
            problems.append("%s: header cell at x=%.2f reads %r, expected %r"
                            % (label, r[1], " ".join(t[5] for t in got), want))
            ok = False
    first = texts[:len(head_ops)]
    if ok and set(map(id, first)) != set(map(id, head_ops)):
        problems.append("%s: the first texts drawn in the table area are not the header's: %r"
                        % (label, [t[5] for t in first]))
        ok = False
    return "ok" if ok else "bad"


def raw_page(pdf, n):
    r = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-f", str(n), "-l", str(n), pdf, "-"],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True)
    lines = r.stdout.decode("utf-8", "replace").split("\n")
    return "\n".join(l for l in lines if not any(p.match(l) for p in RUNNING))


def main(argv):
    if len(argv) != 4:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    sample, dump, pdf = argv[1:]
    sections = read_sections(sample)
    pages, outline = read_dump(dump)
    if not pages:
        print("FAIL: the layout dump has no pages", file=sys.stderr)
        return 1
    problems = []
    # Where each section starts: (page, y) of its outline entry.
    starts = []  # (page, y, numero) for every annex section heading
    titles = {}
    for lvl, pg, y, title in outline:
        m = re.match(r"^(\S+)\. ", title)
        if lvl >= 1 and m:
            starts.append((pg, y, m.group(1)))
            titles[m.group(1)] = title
    headers = {num: cells for num, _, cells in sections}
    for num, titre, _ in sections:
        if num not in titles:
            problems.append("section %s (%s) has no outline entry 'N. titre' in the dump: cannot place its table"
                            % (num, titre))
    if problems:
        for p in problems:
            print("FAIL: " + p, file=sys.stderr)
        return 1
    starts.sort()
    spanned = {num: [] for num in headers}
    continued = []  # (page number, section) where a table goes on from the previous page
    for page in pages:
        n = page["n"]
        cuts = [(y, num) for pg, y, num in starts if pg == n]
        before = [num for pg, y, num in starts if pg < n]
        segs = []
        cur = before[-1] if before else None
        prev_y = 0.0
        for y, num in cuts:
            segs.append((prev_y, y, cur, prev_y == 0.0))
            prev_y, cur = y, num
        segs.append((prev_y, page["h"], cur, prev_y == 0.0))
        for top, bottom, num, at_top in segs:
            if num not in headers:
                continue
            label = "page %d, section %s (y %.2f..%.2f)" % (n, num, top, bottom)
            res = check_segment(page, top, bottom, headers[num], label, problems)
            if res == "none":
                continue
            spanned[num].append(n)
            if at_top and num in before:
                continued.append((n, num))
    for num in headers:
        if not spanned[num]:
            problems.append("section %s: no table cells (stroke ops) found on any page; the dump format "
                            "or the sample changed: this test would check nothing" % num)
        else:
            print("ok: section %s: table on pages %s, each beginning with its header row"
                  % (num, ", ".join(map(str, spanned[num]))))
    if not continued:
        problems.append("no table goes on over a page break: the header repetition is not exercised")
    # (b) the PDF's own text of each continuation page.
    for n, num in continued:
        text = norm(raw_page(pdf, n))
        want = norm("".join(headers[num]))
        if not text.startswith(want):
            problems.append("PDF page %d (table of section %s goes on): pdftotext -raw does not begin with the "
                            "header %r; it begins with %r" % (n, num, " | ".join(headers[num]),
                                                              raw_page(pdf, n)[:160]))
    print("ok: %d pages where a table goes on from the previous page checked in the PDF text (pages %s)"
          % (len(continued), ", ".join(str(n) for n, _ in continued)))
    for p in problems:
        print("FAIL: " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
