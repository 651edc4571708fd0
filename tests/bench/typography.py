#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Typography benchmark: how evenly justified lines are spaced, how often
lines end with a hyphen.

    typography.py [--json] [--bbox-em E] FILE...

Each FILE is a layout dump (`delib render --dump-layout`) or the XHTML of
`pdftotext -bbox-layout` (a PDF made by another engine, FOP for instance),
told apart by their first bytes. Prints one `key: value` per line over all
the files (README.md beside this file, "Typography").

What is a line: the text runs of one page at one baseline, cut where two
runs are more than 2 em apart (table columns). Its word gaps are the
spaces between runs wider than 0.05 em (narrower: pieces of one word in
two styles). A line is *justified* when it has a word gap, its gaps are
equal (justification spreads the room evenly), it lies outside table cells
and frames (a dump's boxes) and it spans the page's text column, ending at
the rightmost edge of the text outside boxes: the full-measure lines of
justified paragraphs, not their last lines, ragged text nor table cells. Its gap is the mean gap in
em of its font size. A *loose* line has a gap over 0.5 em (DejaVu Sans'
space is 0.318 em). Hyphenated line ends are counted over every line that
holds a letter; a run of hyphenated lines follows a column down the page.
Python 3 standard library only.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

LOOSE_EM = 0.5
COLUMN_GAP_EM = 2.0
GLUED_EM = 0.05
# pdftotext's word boxes are as high as poppler reads the font's vertical
# extent: for delib's DejaVu Sans, ascent + descent (0.928 + 0.236), 1.164
# em; for FOP's, whose descriptor poppler reads otherwise, the font's
# bounding box (1.232 + 0.463), 1.695 em (its word "Joachim" at 10 pt is
# 16.94 pt high, delib's 11.64 pt, both 39.50 pt wide). --bbox-em sets it.
# Only used for PDFs, whose runs carry no size.
BBOX_EM = 1.164

BOX_RE = re.compile(r'^  (?:stroke|fill) x=(\S+) y=(\S+) w=(\S+) h=(\S+)$')
TEXT_RE = re.compile(r'^  text x=(\S+) y=(\S+) w=(\S+) font="[^"]*"(?: bold)?(?: italic)? size=(\S+) "(.*)"$')


class Run:
    __slots__ = ("x", "y", "w", "size", "text")

    def __init__(self, x, y, w, size, text):
        self.x, self.y, self.w, self.size, self.text = x, y, w, size, text


def read_dump(path):
    """Runs and boxes (table cells: their sides cut lines) per page of a
    layout dump, as a list of (runs, boxes)."""
    pages = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("page "):
                pages.append(([], []))
                continue
            m = TEXT_RE.match(line.rstrip("\n"))
            if m and pages:
                x, y, w, size = (float(v) for v in m.groups()[:4])
                pages[-1][0].append(Run(x, y, w, size, m.group(5)))
                continue
            m = BOX_RE.match(line.rstrip("\n"))
            if m and pages:
                pages[-1][1].append(tuple(float(v) for v in m.groups()))
    return pages


def read_bbox(path, bbox_em):
    """Runs per page of pdftotext -bbox-layout: a word is a run, its
    baseline the line's bottom, its size from the box's height."""
    tree = ET.parse(path)
    pages = []
    for page in tree.iter():
        if not page.tag.endswith("page"):
            continue
        runs = []
        for line in page.iter():
            if not line.tag.endswith("line"):
                continue
            words = [w for w in line if w.tag.endswith("word")]
            if not words:
                continue
            base = max(float(w.get("yMax")) for w in words)
            for w in words:
                x0, x1 = float(w.get("xMin")), float(w.get("xMax"))
                size = (float(w.get("yMax")) - float(w.get("yMin"))) / bbox_em
                runs.append(Run(x0, base, x1 - x0, size, w.text or ""))
        pages.append((runs, []))
    return pages


def main_size(runs):
    return max(r.size for r in runs)


def cell_side_between(boxes, a, b):
    """Whether a box's side stands between runs a and b (a table cell's)."""
    x0, x1 = a.x + a.w, b.x
    for bx, by, bw, bh in boxes:
        if by <= a.y <= by + bh and (x0 <= bx <= x1 or x0 <= bx + bw <= x1):
            return True
    return False


def page_lines(runs, boxes):
    """Runs grouped by baseline (a superscript joins the line it sits on),
    sorted by x, then cut at column gaps and table cells' sides."""
    rows = {}
    for r in runs:
        rows.setdefault(round(r.y, 1), []).append(r)
    keys = sorted(rows)
    # A smaller run within half its line's size above or below: sup/sub.
    for k in keys:
        row = rows[k]
        if not row:
            continue
        big = main_size(row)
        for other in keys:
            if other != k and rows[other] and abs(other - k) < 0.5 * big and main_size(rows[other]) < 0.8 * big:
                row.extend(rows[other])
                rows[other] = []
    lines = []
    for k in keys:
        row = sorted(rows[k], key=lambda r: r.x)
        if not row:
            continue
        cur = [row[0]]
        for r in row[1:]:
            prev = cur[-1]
            gap = r.x - (prev.x + prev.w)
            if gap > COLUMN_GAP_EM * main_size(cur) or gap < -1 or cell_side_between(boxes, prev, r):
                lines.append(cur)
                cur = [r]
            else:
                cur.append(r)
        lines.append(cur)
    return lines


def word_gaps(line):
    size = main_size(line)
    gaps = []
    for a, b in zip(line, line[1:]):
        g = b.x - (a.x + a.w)
        if g > GLUED_EM * size:
            gaps.append(g)
    return gaps


def right(line):
    return line[-1].x + line[-1].w


def in_box(boxes, line):
    x0, x1, y = line[0].x, right(line), line[0].y
    return any(bx - 0.5 <= x0 and x1 <= bx + bw + 0.5 and by <= y <= by + bh for bx, by, bw, bh in boxes)


def justified_gaps(lines, boxes, tol):
    """The mean gap [em] of each justified line of a page: equal gaps,
    outside table cells and frames, and spanning the page's text column
    (from its left half to the rightmost edge of the text outside boxes)."""
    free = [l for l in lines if not in_box(boxes, l)]
    if not free:
        return []
    edge = max(right(l) for l in free)
    left = min(l[0].x for l in free)
    out = []
    for line in free:
        gaps = word_gaps(line)
        if not gaps or max(gaps) - min(gaps) > tol:
            continue
        if right(line) >= edge - tol and line[0].x <= left + (edge - left) / 2:
            out.append(sum(gaps) / len(gaps) / main_size(line))
    return out


def has_letter(line):
    return any(ch.isalpha() for r in line for ch in r.text)


def hyphenated(line):
    t = line[-1].text
    return len(t) >= 2 and t.endswith("-") and t[-2].isalpha()


def hyphen_runs(lines):
    """Longest run of consecutive hyphenated lines down one column: a
    line's predecessor is the nearest line above it (within 2 em) whose
    horizontal extent overlaps its own."""
    run = {}
    longest = 0
    for i, line in enumerate(lines):
        size = main_size(line)
        y, x0, x1 = line[0].y, line[0].x, right(line)
        pred = None
        for j in range(i - 1, -1, -1):
            o = lines[j]
            if o[0].y >= y - 0.01:
                continue
            if y - o[0].y > 2 * size:
                break
            if o[0].x < x1 and right(o) > x0:
                pred = j
                break
        run[i] = (run.get(pred, 0) + 1) if hyphenated(line) else 0
        longest = max(longest, run[i])
    return longest


def percentile(values, p):
    """Nearest-rank percentile."""
    if not values:
        return 0.0
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(-(-p * len(s) // 100)) - 1))
    return s[k]


def measure(paths, bbox_em=BBOX_EM):
    gaps, nlines, nhyph, longest = [], 0, 0, 0
    for path in paths:
        with open(path, "rb") as f:
            head = f.read(200)
        is_dump = head.startswith(b"document ")
        pages = read_dump(path) if is_dump else read_bbox(path, bbox_em)
        tol = 0.03 if is_dump else 0.15
        for runs, boxes in pages:
            lines = page_lines(runs, boxes)
            lines.sort(key=lambda l: (l[0].y, l[0].x))
            gaps.extend(justified_gaps(lines, boxes, tol))
            text_lines = [l for l in lines if has_letter(l)]
            nlines += len(text_lines)
            nhyph += sum(1 for l in text_lines if hyphenated(l))
            longest = max(longest, hyphen_runs(lines))
    loose = sum(1 for g in gaps if g > LOOSE_EM)
    return {
        "files": len(paths),
        "lines": nlines,
        "justified_lines": len(gaps),
        "loose_lines_pct": round(100.0 * loose / len(gaps), 2) if gaps else 0.0,
        "gap_p50_em": round(percentile(gaps, 50), 3),
        "gap_p90_em": round(percentile(gaps, 90), 3),
        "gap_worst_em": round(max(gaps), 3) if gaps else 0.0,
        "hyphens_per_100_lines": round(100.0 * nhyph / nlines, 2) if nlines else 0.0,
        "longest_hyphen_run": longest,
    }


def main(argv):
    as_json = "--json" in argv
    argv = [a for a in argv if a != "--json"]
    bbox_em = BBOX_EM
    if "--bbox-em" in argv:
        i = argv.index("--bbox-em")
        if i + 1 >= len(argv):
            argv = []
        else:
            bbox_em = float(argv[i + 1])
            argv = argv[:i] + argv[i + 2:]
    paths = argv
    if not paths:
        print("usage: typography.py [--json] [--bbox-em E] FILE...", file=sys.stderr)
        return 2
    figures = measure(paths, bbox_em)
    if as_json:
        print(json.dumps(figures))
    else:
        for k, v in figures.items():
            print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
