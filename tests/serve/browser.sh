#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# The drafting page in headless Chromium (tests/serve/preview.test.mjs),
# then the PDFs the page showed, read back with qpdf and pdftotext: the
# projet written through the form, completed after the séance (final.pdf),
# and the sample as a draft (preview.pdf).
# Needs /usr/bin/chromium (Debian package chromium) and tests/serve/node_modules
# (`npm ci` in tests/serve: scripts/install-deps.sh does it).
# Usage: browser.sh DELIB SOURCE_DIR
DELIB=$1
SRC=$2
. "$SRC/tests/serve/lib.sh"
if [ ! -x /usr/bin/chromium ] || [ ! -d "$SRC/tests/serve/node_modules/playwright-core" ] \
   || [ ! -d "$SRC/tests/serve/node_modules/axe-core" ]; then
  echo "chromium, playwright-core or axe-core missing: run scripts/install-deps.sh --tests" >&2
  exit 1
fi
start_server "$DELIB" --threads 2
OUT=${DELIB_TEST_OUT:-$WORK}
if node "$SRC/tests/serve/preview.test.mjs" "$BASE" "$SRC/samples/2021-10-14-22.xml" "$SRC/tests/serve/broken.xml" \
     "$SRC/tests/serve/profil-commune.xml" "$SRC/tests/serve/projet-attendu.xml" "$OUT"; then
  pass "drafting page in Chromium"
else
  fail "drafting page in Chromium"
fi
if [ -f "$OUT/final.pdf" ] && qpdf --check "$OUT/final.pdf" >/dev/null 2>&1 \
   && pdftotext "$OUT/final.pdf" - | tr '\n' ' ' >"$WORK/final.txt" \
   && ! grep -q "PROJET" "$WORK/final.txt" \
   && grep -q "Extrait du registre des délibérations" "$WORK/final.txt" \
   && grep -q "Séance du 23 mai 2024" "$WORK/final.txt" \
   && grep -q "donne pouvoir à Monsieur Bruno Bernard" "$WORK/final.txt" \
   && grep -q "Monsieur Noël Girard est arrivé à 18h50" "$WORK/final.txt" \
   && grep -q "A voté contre : Monsieur Louis Roux" "$WORK/final.txt"; then
  pass "the final PDF is valid (qpdf --check), an act with its attendance, arrival and public vote (pdftotext)"
else
  fail "the final PDF is not the completed act"
fi
if [ -f "$OUT/preview.pdf" ] && qpdf --check "$OUT/preview.pdf" >/dev/null 2>&1 \
   && pdftotext "$OUT/preview.pdf" - | grep -q "^PROJET | Conseil municipal"; then
  pass "the sample's PDF shown is valid (qpdf --check) and a draft (pdftotext: PROJET)"
else
  fail "the sample's PDF shown is not a valid draft"
fi
stop_server
finish
