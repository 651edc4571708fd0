#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The service keeps rendering while hostile templates are stopped (issue
# 15): two workers; two clients send, one after the other, renders with the
# templates of tests/hostile/templates/ that run without end or grow
# (endless and exponential recursion, nested for-each, a string doubled),
# while a third renders the sample with the shipped templates. Every
# hostile render is answered 500 (a template's failure: the service's,
# whose detail, template.limit, goes to its log), every other one 200 with
# a PDF; the server then answers /healthz. Before the sandbox, the
# first endless template held its worker for ever, and the second pinned
# the last one: every render after them answered 503.
#   hostile_template.sh DELIB SOURCE_DIR
. "$(dirname "$0")/lib.sh"
DELIB=$1
SRC=$(cd "$2" && pwd)
SAMPLE=$SRC/samples/2021-10-14-22.xml
own_data_dir "$SRC"
HOSTILE="endless-recursion exponential-recursion nested-for-each string-doubling"
for t in $HOSTILE; do cp -r "$SRC/tests/hostile/templates/$t" "$DATA/templates/"; done
start_server "$DELIB" --threads 2

render() {  # render NAME TEMPLATE: the answer's status in $WORK/NAME.code
  curl -s -o "$WORK/$1.b" -w '%{http_code}' -H 'Content-Type: application/xml' \
    --data-binary @"$SAMPLE" "$BASE/v1/render?template=$2" >"$WORK/$1.code" || echo 000 >"$WORK/$1.code"
}
hostile_client() {
  local round t
  for round in 1 2; do
    for t in $HOSTILE; do render "h$1-$round-$t" "$t"; done
  done
}
hostile_client 1 &
c1=$!
hostile_client 2 &
c2=$!
good=0
for i in $(seq 1 12); do
  t=default
  [ $((i % 2)) = 0 ] && t=communautaire
  render "g$i" "$t"
  if [ "$(cat "$WORK/g$i.code")" = 200 ] && head -c 5 "$WORK/g$i.b" | grep -q '%PDF-'; then
    good=$((good + 1))
  else
    fail "rendu $i ($t) pendant les modèles hostiles : réponse $(cat "$WORK/g$i.code") $(head -c 300 "$WORK/g$i.b")"
  fi
done
wait "$c1" "$c2"
[ "$good" = 12 ] && pass "12 rendus avec default et communautaire pendant les modèles hostiles : 200 et un PDF"
stopped=0
for f in "$WORK"/h*.code; do
  n=${f%.code}
  id=$(sed -n 's/.*(requête \([^)]*\)).*/\1/p' "$n.b")
  if [ "$(cat "$f")" = 500 ] && [ -n "$id" ] && grep -q "requête $id : template.limit" "$SERVER_LOG"; then
    stopped=$((stopped + 1))
  else
    fail "$(basename "$n") : réponse $(cat "$f") $(head -c 300 "$n.b")"
  fi
done
[ "$stopped" = 16 ] && pass "16 rendus hostiles arrêtés : 500, template.limit dans le journal"
code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/healthz")
[ "$code" = 200 ] && pass "/healthz : 200" || fail "/healthz : $code"
stop_server
exit $FAILED
