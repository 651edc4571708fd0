#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Same input, same bytes, in a warm worker as in a fresh process: one
# worker (--threads 1) renders the sample with the communautaire template
# (its Liberation faces are loaded first), then with the default one, then
# a page with a character its font lacks (the fallback face); each PDF must
# equal the one `delib render` writes in a new process. Before the PDF
# writer named and embedded fonts in the document's order of use, the
# default render after the communautaire one differed (/F7 instead of /F0);
# before the fallback ignored the faces loaded earlier, the ✓ came from
# DejaVu Sans in a warm worker, DejaVu Math TeX Gyre in a fresh process.
#   warm.sh DELIB SOURCE_DIR
. "$(dirname "$0")/lib.sh"
DELIB=$1
SRC=$2
SAMPLE=$SRC/samples/2021-10-14-22.xml
# The objet gains a ✓, which DejaVu Sans draws, and a ⨁ (U+2A01), which
# only DejaVu Math TeX Gyre has among the faces of fonts/fonts.conf.
sed 's|<objet>|<objet>✓ ⨁ |' "$SAMPLE" >"$WORK/fallback.xml"
start_server "$DELIB" --threads 1
n=0
for run in communautaire:"$SAMPLE" default:"$SAMPLE" default:"$WORK/fallback.xml" communautaire:"$WORK/fallback.xml"; do
  n=$((n + 1))
  tmpl=${run%%:*}
  in=${run#*:}
  code=$(curl -s -o "$WORK/warm$n.pdf" -w '%{http_code}' -H 'Content-Type: application/xml' \
    --data-binary @"$in" "$BASE/v1/render?template=$tmpl")
  "$DELIB" render "$in" --template "$tmpl" -o "$WORK/cold$n.pdf" 2>"$WORK/cold$n.log" \
    || { cat "$WORK/cold$n.log"; fail "rendu $n ($tmpl) en ligne de commande"; continue; }
  if [ "$code" = 200 ] && cmp -s "$WORK/warm$n.pdf" "$WORK/cold$n.pdf"; then
    pass "rendu $n ($tmpl, $(basename "$in")) : octets identiques, service chaud et processus neuf"
  else
    fail "rendu $n ($tmpl, $(basename "$in")) : réponse $code, PDF différent de celui d'un processus neuf"
  fi
done
stop_server
exit $FAILED
