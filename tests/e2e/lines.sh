#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# e2e.lines — issue 14's lines as a reader sees them, read back with
# pdftotext in its default reading order: the sample with one councillor
# renamed in Arabic and soft hyphens (U+00AD) put in one of its sentences.
#   - the Arabic name comes out in its logical order, "محمد بن علي" (poppler
#     reads right-to-left runs drawn in visual order back into logical
#     order; a name drawn reversed comes out reversed);
#   - the sentence with soft hyphens reads "réseau local d'insertion":
#     neither the soft hyphens nor a visible "-" are in it;
#   - a word of 100,000 letters put in another sentence is broken into
#     lines of the page's width (no line of pdftotext's output longer than
#     200 characters; all its letters there), with the note
#     layout.word-broken: once, a word of 512 bytes or more ran off the page
#     in one string past PDF/A's limit of 32,767 bytes.
#
# Usage: lines.sh DELIB SRC
#   DELIB  the delib binary, or the build folder that holds it
#   SRC    the source tree (samples/)
#
# Every check runs even when an earlier one failed; exit 1 when any failed.
set -euo pipefail

if [ $# -lt 2 ]; then
	echo "usage: $0 DELIB|BUILD_DIR SRC_DIR" >&2
	exit 2
fi
DELIB=$1
SRC=$(cd "$2" && pwd)
[ -d "$DELIB" ] && DELIB=$DELIB/delib
export DELIB_DATADIR=${DELIB_DATADIR:-$SRC}

. "$SRC/tests/lib.sh"
need pdftotext python3
use_tmp e2e-lines

NAME='محمد بن علي'
SHY=$'\u00ad'
python3 - "$SRC/samples/2021-10-14-22.xml" "$TMP/in.xml" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
a = s.replace('prenom="Anne-Emilie" nom="Ravache"', 'prenom="محمد" nom="بن علي"')
b = a.replace("réseau local d'insertion ;</para>", "ré\u00adseau lo\u00adcal d'in\u00adser\u00adtion ;</para>", 1)
c = b.replace("Renforcement des clauses sociales d'insertion ;</para>",
              "Renforcement des clauses sociales " + "abcdefghij" * 10000 + " ;</para>", 1)
if a == s or b == a or c == b:
    sys.exit("the sample no longer has the text this test edits")
open(sys.argv[2], "w", encoding="utf-8").write(c)
PY

if ! "$DELIB" render "$TMP/in.xml" -o "$TMP/out.pdf" 2>"$TMP/render.err"; then
	cat "$TMP/render.err" >&2
	echo "FAIL: render" >&2
	exit 1
fi
pdftotext "$TMP/out.pdf" "$TMP/out.txt"
if grep -q "layout.word-broken" "$TMP/render.err"; then
	pass "the long word is reported (layout.word-broken)"
else
	fail "no layout.word-broken note for the word of 100,000 letters"
fi
# poppler marks a right-to-left run with U+202B … U+202C: drop the marks.
python3 -c 'import sys; t = open(sys.argv[1], encoding="utf-8").read(); print(t.replace("\u202b", "").replace("\u202c", ""), end="")' \
	"$TMP/out.txt" >"$TMP/text.txt"

n=$(grep -c "Madame $NAME," "$TMP/text.txt" || true)
if [ "$n" -ge 2 ]; then
	pass "the Arabic name reads in its logical order ($n times: present, and holder of a proxy)"
else
	fail "\"Madame $NAME,\" found $n times, expected 2; the lines with Madame:"
	grep -n "Madame" "$TMP/text.txt" | head -3 >&2
fi

# Lines joined: where the sentence breaks is the line breaker's choice. A
# break at one of its soft hyphens ends the line with the U+00AD the
# engine writes there (below), which joins the word's two parts again; a
# visible "-" would not, and fail here.
if sed -z "s/${SHY}\n//g" "$TMP/text.txt" | tr '\n' ' ' | grep -q "Mise en œuvre du réseau local d'insertion ;"; then
	pass "the soft hyphens are invisible mid-line"
else
	fail "\"réseau local d'insertion\" not found as plain text; the line:"
	grep -n "Mise en œuvre du r" "$TMP/text.txt" >&2 || true
fi
# A hyphen the engine adds at a line end is written as U+00AD (tagged PDF:
# docs/accessibility.md), and pdftotext may put a neighbouring table cell's
# text after it on the same line; but the author's soft hyphens inside the
# sentence are never drawn: none between two letters of its words.
if grep -q "ré${SHY}seau\|lo${SHY}cal\|in${SHY}ser\|ser${SHY}tion" "$TMP/text.txt"; then
	fail "an author's soft hyphen (U+00AD) is drawn inside a line"
else
	pass "no author's soft hyphen drawn inside a line"
fi

# The word's lines (between them, the pages' headers and footers): runs of
# "abcdefghij…" only, the last one followed by " ;"; joined, the word.
if python3 - "$TMP/text.txt" <<'PY'
import sys
cycle = "abcdefghij" * 30
parts = []
for line in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    line = line.rstrip("\u00ad")  # the hyphen of a cut (tagged PDF: a soft hyphen)
    core = line[:-2] if line.endswith(" ;") else line
    if len(core) >= 5 and core in cycle:
        parts.append(core)
longest = max(map(len, parts), default=0)
print("  %d lines of the word, the longest %d characters" % (len(parts), longest))
sys.exit(0 if longest <= 200 and "".join(parts) == "abcdefghij" * 10000 else 1)
PY
then
	pass "the word of 100,000 letters is broken into lines of the page, no letter lost"
else
	fail "the word of 100,000 letters is not broken into whole lines"
fi

exit $((failures > 0))
