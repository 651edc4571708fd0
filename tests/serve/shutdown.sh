#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# A clean stop: SIGTERM while a request is in flight (its body half sent);
# the server refuses new connections, lets that request finish (200, a valid
# PDF), then exits 0 (tests/serve/inflight.py does the client's part).
# Usage: shutdown.sh DELIB SOURCE_DIR
DELIB=$1
SRC=$2
. "$SRC/tests/serve/lib.sh"

start_server "$DELIB" --threads 2
if python3 "$SRC/tests/serve/inflight.py" "$PORT" "$SERVER_PID" "$SRC/samples/2021-10-14-22.xml" "$WORK/inflight.pdf"; then
  pass "request in flight during SIGTERM served"
else
  fail "request in flight during SIGTERM"
fi
if qpdf --check "$WORK/inflight.pdf" >/dev/null 2>&1 && pdftotext "$WORK/inflight.pdf" - | grep -q "Saint-Étienne-du-Rouvray"; then
  pass "its PDF is valid"
else
  fail "its PDF is not valid"
fi
stop_server  # SIGTERM sent already by inflight.py: this one finds it stopping or gone
grep -q "SIGTERM reçu ; arrêt après 1 requête en cours" "$SERVER_LOG" && pass "the stop waited for 1 request" \
  || fail "the stop did not count the request in flight"
grep -Eq 'POST /v1/render 200 [0-9]+ [0-9.]+ms template=default draft=0$' "$SERVER_LOG" && pass "the request is in the access log" \
  || fail "the request is not in the access log"
finish
