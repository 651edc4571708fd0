#!/usr/bin/env bash
# e2e.lines — issue 14's lines as a reader sees them, read back with
# pdftotext in its default reading order: the sample with one councillor
# renamed in Arabic and soft hyphens (U+00AD) put in one of its sentences.
#   - the Arabic name comes out in its logical order, "محمد بن علي" (poppler
#     reads right-to-left runs drawn in visual order back into logical
#     order; a name drawn reversed comes out reversed);
#   - the sentence with soft hyphens reads "réseau local d'insertion":
#     neither the soft hyphens nor a visible "-" are in it.
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
if a == s or b == a:
    sys.exit("the sample no longer has the text this test edits")
open(sys.argv[2], "w", encoding="utf-8").write(b)
PY

if ! "$DELIB" render "$TMP/in.xml" -o "$TMP/out.pdf" 2>"$TMP/render.err"; then
	cat "$TMP/render.err" >&2
	echo "FAIL: render" >&2
	exit 1
fi
pdftotext "$TMP/out.pdf" "$TMP/out.txt"
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

if grep -q "Mise en œuvre du réseau local d'insertion ;" "$TMP/text.txt"; then
	pass "the soft hyphens are invisible mid-line"
else
	fail "\"réseau local d'insertion\" not found as plain text; the line:"
	grep -n "Mise en œuvre du r" "$TMP/text.txt" >&2 || true
fi
if grep -q "$SHY" "$TMP/text.txt"; then
	fail "a soft hyphen (U+00AD) is drawn: $(grep -c "$SHY" "$TMP/text.txt") lines"
else
	pass "no soft hyphen drawn"
fi

exit $((failures > 0))
