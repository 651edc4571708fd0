#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `delib serve` under abuse (issue 14): every refusal in the documented
# JSON, even those libmicrohttpd used to answer itself in HTML (a
# Content-Length of -1, heads too large); total deadlines for the head and
# the body; a cap per client address; a legitimate client answered within
# a second while slow clients flood a small --max-connections.
#   abuse.sh DELIB SOURCE_DIR
. "$(dirname "$0")/lib.sh"
DELIB=$1
SRC=$2
PY="python3 $SRC/tests/serve/abuse.py"

start_server "$DELIB" --threads 2 --head-timeout 1500 --body-timeout 2000
$PY "$PORT" heads || FAILED=1
$PY "$PORT" head-deadline 1500 || FAILED=1
$PY "$PORT" body-deadline 2000 || FAILED=1
grep -q ' (corps non reçu dans le délai : connexion fermée)$' "$SERVER_LOG" \
  && pass "journal : corps coupé à son délai" || fail "journal : corps coupé à son délai"
grep -q ' - - 400 0 0.0ms (refusée à l.entrée : http.content-length)$' "$SERVER_LOG" \
  && pass "journal : refus à l'entrée" || fail "journal : refus à l'entrée"
stop_server

start_server "$DELIB" --threads 2 --max-per-client 3
$PY "$PORT" per-client 3 || FAILED=1
stop_server

# The flood: 24 slow clients of one address against 8 connections, 4 per
# address; the legitimate client comes from another loopback address.
start_server "$DELIB" --threads 2 --max-connections 8 --max-per-client 4 --head-timeout 2000
$PY "$PORT" flood "$SRC/tests/corpus/valid/base.xml" || FAILED=1
curl -s "$BASE/healthz" | grep -q '"status":"ok"' && pass "en service après l'inondation" \
  || fail "en service après l'inondation"
stop_server
exit $FAILED
