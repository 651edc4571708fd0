#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# The preview page in headless Chromium (tests/serve/preview.test.mjs),
# then the PDF the page showed, read back with qpdf and pdftotext.
# Needs /usr/bin/chromium (Debian package chromium) and tests/serve/node_modules
# (`npm ci` in tests/serve: scripts/install-deps.sh does it).
# Usage: browser.sh DELIB SOURCE_DIR
DELIB=$1
SRC=$2
. "$SRC/tests/serve/lib.sh"
if [ ! -x /usr/bin/chromium ] || [ ! -d "$SRC/tests/serve/node_modules/playwright-core" ]; then
  echo "chromium or playwright-core missing: run scripts/install-deps.sh" >&2
  exit 1
fi
start_server "$DELIB" --threads 2
OUT=${DELIB_TEST_OUT:-$WORK}
if node "$SRC/tests/serve/preview.test.mjs" "$BASE" "$SRC/samples/2021-10-14-22.xml" "$SRC/tests/serve/broken.xml" "$OUT"; then
  pass "preview page in Chromium"
else
  fail "preview page in Chromium"
fi
if [ -f "$OUT/preview.pdf" ] && qpdf --check "$OUT/preview.pdf" >/dev/null 2>&1 \
   && pdftotext "$OUT/preview.pdf" - | grep -q "^PROJET | Conseil municipal"; then
  pass "the PDF shown is valid (qpdf --check) and a draft (pdftotext: PROJET)"
else
  fail "the PDF shown is not a valid draft"
fi
stop_server
finish
