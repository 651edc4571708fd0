#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# What an operator relies on (issue 19): a busy or invalid --listen refused
# at start (exit 3, French message); X-Request-Id accepted, replaced or
# generated, echoed (by the gate's refusals too) and logged; the JSON
# access log; GET /metrics read by a Prometheus text-format parser
# (prometheus_client); SIGHUP reloading the templates folder, with a
# request in flight, with renders waiting in the queue (they keep the old
# templates), and refusing a broken template while keeping the old set.
# Usage: ops.sh DELIB SOURCE_DIR
DELIB=$1
SRC=$2
. "$SRC/tests/serve/lib.sh"
SAMPLE=$SRC/samples/2021-10-14-22.xml
# A data folder of our own, whose templates the test changes.
own_data_dir "$SRC"

# ---- --listen refused at start
start_server "$DELIB" --threads 1 --log-format json
rc=0
"$DELIB" serve --listen "127.0.0.1:$PORT" 2>"$WORK/busy.err" || rc=$?
if [ "$rc" -eq 3 ] && grep -q "écoute impossible sur 127.0.0.1:$PORT : adresse déjà utilisée" "$WORK/busy.err"; then
  pass "busy port: exit 3, French message"
else
  fail "busy port: exit $rc: $(cat "$WORK/busy.err")"
fi
for spec in 127.0.0.1:99999 x:abc 127.0.0.1:-1 127.0.0.1:8080x; do
  rc=0
  "$DELIB" serve --listen "$spec" 2>"$WORK/bad.err" || rc=$?
  if [ "$rc" -eq 3 ] && grep -q "adresse d'écoute « $spec » invalide : le port doit être un nombre de 0 à 65535" "$WORK/bad.err"; then
    pass "--listen $spec: exit 3, French message"
  else
    fail "--listen $spec: exit $rc: $(cat "$WORK/bad.err")"
  fi
done
rc=0
"$DELIB" serve --listen "hote.invalid:8080" 2>"$WORK/bad.err" || rc=$?
[ "$rc" -eq 3 ] && grep -q "hôte « hote.invalid » inconnu" "$WORK/bad.err" && pass "unknown host: exit 3" \
  || fail "unknown host: exit $rc: $(cat "$WORK/bad.err")"
rc=0
"$DELIB" serve --log-format xml 2>"$WORK/bad.err" || rc=$?
[ "$rc" -eq 2 ] && grep -q "valeur invalide : xml" "$WORK/bad.err" && pass "--log-format xml refused" \
  || fail "--log-format xml: exit $rc"
rc=0
"$DELIB" serve --threds 2 2>"$WORK/bad.err" || rc=$?
[ "$rc" -eq 2 ] && grep -q "delib serve : option inconnue « --threds » ; vouliez-vous dire « --threads » ?" "$WORK/bad.err" \
  && pass "an unknown option is named, with the nearest one" || fail "--threds: exit $rc: $(cat "$WORK/bad.err")"

# ---- Request ids
rid() { curl -s -o /dev/null -D - "$@" | tr -d '\r' | sed -n 's/^[Xx]-[Rr]equest-[Ii]d: //p'; }
got=$(rid -H "X-Request-Id: 4bf92f3577b34da6a3ce929d0e0e4736" "$BASE/healthz")
[ "$got" = 4bf92f3577b34da6a3ce929d0e0e4736 ] && pass "X-Request-Id echoed" || fail "X-Request-Id echoed: '$got'"
got=$(rid -H "X-Request-Id: a b<script>" "$BASE/healthz")
[[ "$got" =~ ^[0-9a-f]{32}$ ]] && pass "an unsafe X-Request-Id is replaced ($got)" || fail "unsafe id: '$got'"
long=$(printf 'a%.0s' $(seq 1 129))
got=$(rid -H "X-Request-Id: $long" "$BASE/healthz")
[[ "$got" =~ ^[0-9a-f]{32}$ ]] && pass "an X-Request-Id of 129 bytes is replaced" || fail "long id: '$got'"
got=$(rid "$BASE/v1/nope")
[[ "$got" =~ ^[0-9a-f]{32}$ ]] && pass "an id is generated (404)" || fail "generated id: '$got'"
got=$(rid -H "X-Request-Id: gate-1" -H "Transfer-Encoding: chunked" -H "Content-Type: application/xml" \
      --data-binary @"$SAMPLE" "$BASE/v1/render")
[ "$got" = gate-1 ] && pass "the gate's refusal (411) echoes the id" || fail "gate refusal id: '$got'"
curl -s -o "$WORK/out.pdf" -H "X-Request-Id: rendu-1" -H "Content-Type: application/xml" \
  --data-binary @"$SAMPLE" "$BASE/v1/render?draft=1"
curl -s -o /dev/null -H "X-Request-Id: valide-1" -H "Content-Type: application/xml" \
  --data-binary @"$SRC/tests/serve/broken.xml" "$BASE/v1/render?template=default"

# ---- The JSON access log
sleep 0.3
if python3 - "$SERVER_LOG" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.startswith("{")]
by_id = {l["id"]: l for l in lines}
keys = {"time", "client", "id", "method", "path", "query", "status", "bytes", "ms", "template", "draft", "diagnostic"}
assert all(keys <= set(l) for l in lines), lines
r = by_id["rendu-1"]
assert (r["method"], r["path"], r["query"], r["status"], r["template"], r["draft"]) == \
    ("POST", "/v1/render", "draft=1", 200, "default", True), r
assert r["bytes"] > 1000 and r["ms"] > 0 and r["time"].endswith("Z"), r
b = by_id["valide-1"]
assert b["status"] == 422 and b["diagnostic"] and b["query"] == "template=default" and b["draft"] is False, b
g = by_id["gate-1"]
assert g["status"] == 411 and g["method"] is None and "http.length-required" in g["note"], g
h = by_id["4bf92f3577b34da6a3ce929d0e0e4736"]
assert h["path"] == "/healthz" and h["query"] is None and h["template"] is None, h
PY
then pass "JSON access log: one object per request, with id, query, template, draft, diagnostic"
else fail "JSON access log"; fi

# ---- /metrics
curl -s -D "$WORK/mh" -o "$WORK/metrics" "$BASE/metrics"
grep -qi '^Content-Type: text/plain; version=0.0.4' "$WORK/mh" && pass "/metrics: text format 0.0.4" \
  || fail "/metrics content type: $(grep -i content-type "$WORK/mh")"
if python3 - "$WORK/metrics" <<'PY'
import sys
from prometheus_client.parser import text_string_to_metric_families
fams = {f.name: f for f in text_string_to_metric_families(open(sys.argv[1], encoding="utf-8").read())}
def value(name, sample, **labels):
    for s in fams[name].samples:
        if s.name == sample and all(s.labels.get(k) == v for k, v in labels.items()):
            return s.value
    raise KeyError((sample, labels))
assert value("delib_http_requests", "delib_http_requests_total", route="/v1/render", status="200") >= 1
assert value("delib_http_requests", "delib_http_requests_total", route="/v1/render", status="422") >= 1
assert value("delib_http_requests", "delib_http_requests_total", route="gate", status="411") >= 1
assert value("delib_http_requests", "delib_http_requests_total", route="other", status="404") >= 1
assert fams["delib_render_duration_seconds"].type == "histogram"
assert value("delib_render_duration_seconds", "delib_render_duration_seconds_count", route="/v1/render") >= 2
assert value("delib_render_duration_seconds", "delib_render_duration_seconds_bucket", route="/v1/render", le="+Inf") >= 2
assert value("delib_renders", "delib_renders_total", outcome="ok") >= 1
assert value("delib_renders", "delib_renders_total", outcome="invalid") >= 1
assert value("delib_queue_depth", "delib_queue_depth") == 0
assert value("delib_workers_busy", "delib_workers_busy") == 0
assert value("delib_workers", "delib_workers") == 1
assert value("delib_templates_generation", "delib_templates_generation") == 1
PY
then pass "/metrics parsed by prometheus_client: requests, histogram, outcomes, gauges"
else fail "/metrics"; cat "$WORK/metrics"; fi

# ---- SIGHUP
templates() { curl -s "$BASE/v1/templates" | python3 -c 'import json,sys; print(" ".join(sorted(t["name"] for t in json.load(sys.stdin))))'; }
cp -r "$DATA/templates/default" "$DATA/templates/nouveau"
if python3 "$SRC/tests/serve/reload.py" "$PORT" "$SERVER_PID" "$SAMPLE"; then
  pass "SIGHUP with a request in flight: it completes, the service goes on"
else
  fail "SIGHUP with a request in flight"
fi
sleep 0.5
[ "$(templates)" = "communautaire default nouveau val-fleuri" ] && pass "SIGHUP: a new template is listed" \
  || fail "SIGHUP: templates: $(templates)"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Content-Type: application/xml" --data-binary @"$SAMPLE" \
       "$BASE/v1/render?template=nouveau")
[ "$code" = 200 ] && pass "SIGHUP: the new template renders" || fail "SIGHUP: new template: $code"
grep -q "SIGHUP : 4 modèles rechargés" "$SERVER_LOG" && pass "SIGHUP: reload logged" || fail "SIGHUP: no log"
mkdir "$DATA/templates/casse"
printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/">\n' \
  >"$DATA/templates/casse/deliberation.xsl"
kill -HUP "$SERVER_PID"
sleep 1.5
grep -q "SIGHUP : nouveaux modèles refusés (le modèle « casse » ne se charge pas : casse/deliberation.xsl:2:.*) ; les précédents restent en service" \
  "$SERVER_LOG" && pass "SIGHUP: a broken template is refused, logged at its file and line" \
  || fail "SIGHUP: broken template not logged: $(grep SIGHUP "$SERVER_LOG")"
# A template whose convocation.xsl alone is broken: refused at the reload,
# not by the first convocation asked of it.
rm -r "$DATA/templates/casse"
cp -r "$DATA/templates/default" "$DATA/templates/casse2"
printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n<xsl:template match="/">\n' \
  >"$DATA/templates/casse2/convocation.xsl"
kill -HUP "$SERVER_PID"
sleep 1.5
grep -q "SIGHUP : nouveaux modèles refusés (le modèle « casse2 » ne se charge pas : casse2/convocation.xsl:3:.*) ; les précédents restent en service" \
  "$SERVER_LOG" && pass "SIGHUP: a template with a broken convocation.xsl is refused, logged at its file and line" \
  || fail "SIGHUP: broken convocation.xsl not logged: $(grep SIGHUP "$SERVER_LOG")"
[ "$(templates)" = "communautaire default nouveau val-fleuri" ] && pass "SIGHUP: the old set stays" \
  || fail "SIGHUP after a broken template: $(templates)"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Content-Type: application/xml" --data-binary @"$SAMPLE" \
       "$BASE/v1/render?template=nouveau")
[ "$code" = 200 ] && pass "SIGHUP: renders go on with the old set" || fail "SIGHUP: render after refusal: $code"
curl -s "$BASE/metrics" | grep -q '^delib_templates_reload_failures_total 2$' && pass "/metrics counts the refused reload" \
  || fail "/metrics: reload failures"
kill -0 "$SERVER_PID" && pass "SIGHUP does not stop the service" || fail "the service stopped on SIGHUP"
stop_server

# ---- SIGHUP with renders waiting: queued before, old templates; after, new
rm -r "$DATA/templates/casse2"
start_server "$DELIB" --threads 1 --queue 64 --max-per-client 64
if python3 "$SRC/tests/serve/reload_queue.py" "$PORT" "$SERVER_PID" "$SAMPLE" \
     "$DATA/templates/default/deliberation.xsl" "$SERVER_LOG"; then
  pass "SIGHUP: renders queued before it finish with the old templates, later ones get the new"
else
  fail "SIGHUP with renders in the queue"
fi
stop_server
finish
