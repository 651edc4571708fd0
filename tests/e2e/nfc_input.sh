#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# e2e.nfc_input — issue 17, item 3: every text the engine receives is
# composed to NFC as the document is read, not only the paragraphs the
# layout sets. The sample with a chart's title (an attribute) and one of its
# categories (an element's text) in decomposed form ("e" then U+0301, as
# some exports and macOS file names give it) is laid out: the dump must
# hold them composed ("é" as one character) and no decomposed "é" at all;
# pdftotext must read the category back composed.
#   nfc_input.sh DELIB SRC_DIR
set -euo pipefail

if [ $# -lt 2 ]; then
	echo "usage: $0 DELIB SRC_DIR" >&2
	exit 2
fi
DELIB=$1
SRC=$(cd "$2" && pwd)
export DELIB_DATADIR=${DELIB_DATADIR:-$SRC}

. "$SRC/tests/lib.sh"
need pdftotext
use_tmp e2e-nfc-input

E=$'e\xcc\x81'  # e + COMBINING ACUTE ACCENT
sed -e "s|<categorie>Bénéficiaires du RSA</categorie>|<categorie>B${E}n${E}ficiaires du RSA</categorie>|" \
    -e "s|titre=\"Profils des bénéficiaires des clauses ville\"|titre=\"Profils des b${E}n${E}ficiaires des clauses ville\"|" \
    "$SRC/samples/2021-10-14-22.xml" >"$TMP/in.xml"
if [ "$(grep -c "$E" "$TMP/in.xml")" -ne 2 ]; then
	echo "FAIL: the sample no longer has the chart this test decomposes" >&2
	exit 1
fi
if ! "$DELIB" render "$TMP/in.xml" -o "$TMP/out.pdf" --dump-layout "$TMP/out.dump" 2>"$TMP/render.err"; then
	cat "$TMP/render.err" >&2
	echo "FAIL: delib render failed" >&2
	exit 1
fi
if grep -q "$E" "$TMP/out.dump"; then
	fail "decomposed text left in the layout:"
	grep -n "$E" "$TMP/out.dump" | head -3 >&2
else
	pass "no decomposed \"é\" in the layout"
fi
for s in '"Bénéficiaires du RSA"' 'Profils des bénéficiaires des clauses ville'; do
	if grep -q "$s" "$TMP/out.dump"; then
		pass "$s laid out composed"
	else
		fail "$s not found composed in the layout"
	fi
done
pdftotext "$TMP/out.pdf" "$TMP/text.txt"
if grep -q "Bénéficiaires du RSA" "$TMP/text.txt"; then
	pass "pdftotext reads the category back composed"
else
	fail "pdftotext does not read \"Bénéficiaires du RSA\" composed"
fi

if [ $failures -ne 0 ]; then
	echo "e2e.nfc_input: $failures check(s) failed" >&2
	exit 1
fi
echo "e2e.nfc_input: all checks passed"
