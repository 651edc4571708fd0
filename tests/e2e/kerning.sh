#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# e2e.kerning — issue 17, item 2: kerning drawn as the layout measured it.
# The sample with its object reading "AVENANT Tête Voirie" is rendered; its
# content streams (qpdf --qdf) must hold TJ arrays with adjustments, the one
# of the object among them ("AV", "Te", "Vo" kerned), and pdftotext must
# read the object back as written: adjustments move glyphs, not text.
#   kerning.sh DELIB SRC_DIR
set -euo pipefail

if [ $# -lt 2 ]; then
	echo "usage: $0 DELIB SRC_DIR" >&2
	exit 2
fi
DELIB=$1
SRC=$(cd "$2" && pwd)
export DELIB_DATADIR=${DELIB_DATADIR:-$SRC}

. "$SRC/tests/lib.sh"
need pdftotext qpdf
use_tmp e2e-kerning

OBJ='AVENANT Tête Voirie'
sed "s|<objet>[^<]*</objet>|<objet>$OBJ</objet>|" "$SRC/samples/2021-10-14-22.xml" >"$TMP/in.xml"
if ! "$DELIB" render "$TMP/in.xml" -o "$TMP/out.pdf" 2>"$TMP/render.err"; then
	cat "$TMP/render.err" >&2
	echo "FAIL: delib render failed" >&2
	exit 1
fi
qpdf --qdf --object-streams=disable "$TMP/out.pdf" "$TMP/qdf.pdf"
n=$(grep -a -c '\] TJ$' "$TMP/qdf.pdf" || true)
if [ "$n" -gt 0 ]; then
	pass "$n runs drawn with kerning adjustments (TJ)"
else
	fail "no TJ array in the content streams: nothing is kerned"
fi
# The object's run, hex-encoded by qpdf: "AV" = <00410056…>; kerned, its
# string is cut between A and V, an adjustment between them.
if grep -a -q '^\[<0041>-\?[0-9.]* <0056' "$TMP/qdf.pdf"; then
	pass "\"AV\" is kerned in the object's run"
else
	fail "\"AV\" is not kerned; the runs starting with A:"
	grep -a '^\[<0041>' "$TMP/qdf.pdf" | head -3 >&2 || true
fi
pdftotext "$TMP/out.pdf" "$TMP/text.txt"
if grep -q "$OBJ" "$TMP/text.txt"; then
	pass "pdftotext reads \"$OBJ\" back unchanged"
else
	fail "pdftotext does not read \"$OBJ\"; the lines with AVENANT:"
	grep -n "AVENANT" "$TMP/text.txt" >&2 || true
fi

if [ $failures -ne 0 ]; then
	echo "e2e.kerning: $failures check(s) failed" >&2
	exit 1
fi
echo "e2e.kerning: all checks passed"
