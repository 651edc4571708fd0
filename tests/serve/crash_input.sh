#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The crash input of issue 14 sent to the service: a schema-valid
# deliberation whose <cellule colonnes="1431655766"> over 3 rows overflowed
# the table grid (build_grid) and killed the server (exit 139) with one
# POST to /v1/validate. The service must survive it, whatever it answers
# (since the table-span bounds of issue 14, item 1: 400/422 with
# tableau.colonnes). Fails on the code before them: the server segfaults.
#   crash_input.sh DELIB SOURCE_DIR
. "$(dirname "$0")/lib.sh"
DELIB=$1
SRC=$2
start_server "$DELIB" --threads 2
for route in validate render; do
  code=$(curl -s -o "$WORK/out" -w '%{http_code}' -H 'Content-Type: application/xml' \
    --data-binary @"$SRC/tests/serve/colspan-overflow.xml" "$BASE/v1/$route" || true)
  echo "# /v1/$route : $code $(head -c 300 "$WORK/out" 2>/dev/null)"
  if kill -0 "$SERVER_PID" 2>/dev/null && curl -s "$BASE/healthz" | grep -q '"status":"ok"'; then
    pass "/v1/$route : le service survit à colonnes=\"1431655766\" (réponse $code)"
  else
    fail "/v1/$route : le service est mort sur colonnes=\"1431655766\""
    exit 1
  fi
done
stop_server
exit $FAILED
