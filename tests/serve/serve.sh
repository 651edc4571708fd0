#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Every endpoint of `delib serve` over loopback with curl: status, content
# type, body (a valid PDF read back with qpdf and pdftotext, the JSON of the
# diagnostics), the refusals (400, 404, 405, 413, 415, 503 on the time
# limit), the access log, and a clean stop on SIGTERM.
# Usage: serve.sh DELIB SOURCE_DIR
DELIB=$1
SRC=$2
. "$SRC/tests/serve/lib.sh"
SAMPLE=$SRC/samples/2021-10-14-22.xml
BROKEN=$SRC/tests/serve/broken.xml
MALFORMED=$SRC/tests/serve/malformed.xml

# req METHOD PATH CONTENT_TYPE BODY_FILE [curl options…]: sets CODE and
# CTYPE; the body lands in $WORK/body, the headers in $WORK/headers.
req() {
  local method=$1 path=$2 ctype=$3 body=$4
  shift 4
  local data=()
  [ -n "$body" ] && data=(--data-binary "@$body")
  local out
  out=$(curl -s -X "$method" -H "Content-Type: $ctype" "${data[@]}" "$@" -D "$WORK/headers" -o "$WORK/body" \
        -w '%{http_code} %{content_type}' "$BASE$path") || true
  CODE=${out%% *}
  CTYPE=${out#* }
}

# expect NAME CODE CTYPE_PREFIX: checks the last response.
expect() {
  local name=$1 code=$2 ctype=$3
  if [ "$CODE" = "$code" ] && [[ "$CTYPE" == "$ctype"* ]]; then
    pass "$name: $CODE $CTYPE"
  else
    fail "$name: got $CODE '$CTYPE', expected $code '$ctype'"
    head -c 600 "$WORK/body"; echo
  fi
}

# json NAME PYTHON_EXPR: the last body is JSON and the expression (over j)
# holds.
json() {
  if python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' \
       "$WORK/body" "$2" 2>"$WORK/py.err"; then
    pass "$1"
  else
    fail "$1: $2"; cat "$WORK/py.err"; head -c 600 "$WORK/body"; echo
  fi
}

# pdf NAME TEXT…: the last body is a PDF that qpdf finds sound and whose
# text has every TEXT.
pdf() {
  local name=$1
  shift
  cp "$WORK/body" "$WORK/out.pdf"
  if ! qpdf --check "$WORK/out.pdf" >"$WORK/qpdf.log" 2>&1; then
    fail "$name: qpdf --check"; cat "$WORK/qpdf.log"; return
  fi
  pdftotext -layout "$WORK/out.pdf" "$WORK/out.txt"
  local t
  for t in "$@"; do
    grep -qF -- "$t" "$WORK/out.txt" || { fail "$name: '$t' not in the PDF's text"; return; }
  done
  pass "$name: qpdf --check clean, text found"
}

header() { grep -i "^$1:" "$WORK/headers" | head -1 | cut -d: -f2- | tr -d '\r' | sed 's/^ *//'; }

start_server "$DELIB" --threads 2 --max-body 1000000

# ---- GET endpoints
req GET /healthz "" ""
expect "GET /healthz" 200 application/json
version=$("$DELIB" --version | awk 'NR == 1 {print $2}')
json "healthz says ok and the version" "j == {'status': 'ok', 'version': '$version'}"

req GET /v1/templates "" ""
expect "GET /v1/templates" 200 application/json
json "templates: a list of names with descriptions, default among them" \
  "isinstance(j, list) and all(set(t) == {'name', 'description'} for t in j) and 'default' in [t['name'] for t in j] and all(t['description'] for t in j)"
# A template is a folder with a deliberation.xsl, or a template.xml alone
# (its parts inherited from default).
expected_templates=$(cd "$SRC/templates" && for d in */; do
  { [ -f "$d/deliberation.xsl" ] || [ -f "$d/template.xml" ]; } && printf '%s ' "${d%/}"; done)
json "templates: exactly the folders of templates/ ($expected_templates)" \
  "sorted(t['name'] for t in j) == sorted('$expected_templates'.split())"

req GET / "" ""
expect "GET / (preview page)" 200 text/html
if grep -q '<html lang="fr">' "$WORK/body" && grep -q '<textarea id="xml"' "$WORK/body" \
   && ! grep -Eq '(src|href)="(https?:)?//' "$WORK/body" && [ -n "$(header Content-Security-Policy)" ]; then
  pass "preview page: French, textarea, no external asset, CSP header"
else
  fail "preview page content or headers"
fi
req HEAD / "" "" -I
expect "HEAD /" 200 text/html

# ---- Render
req POST /v1/render application/xml "$SAMPLE"
expect "POST /v1/render sample" 200 application/pdf
pdf "render sample" "Saint-Étienne-du-Rouvray" "Extrait du registre des délibérations"
if grep -q '^PROJET |' "$WORK/out.txt"; then fail "render without draft shows PROJET"; else pass "render without draft: no PROJET header"; fi
pages=$(header X-Delib-Pages)
[ "${pages:-0}" -gt 1 ] && pass "X-Delib-Pages: $pages" || fail "X-Delib-Pages: '$pages'"

req POST "/v1/render?template=default&draft=1" "text/xml; charset=UTF-8" "$SAMPLE"
expect "POST /v1/render?draft=1 (text/xml; charset=UTF-8)" 200 application/pdf
pdf "render draft" "PROJET | Conseil municipal"

if [ -f "$SRC/templates/communautaire/deliberation.xsl" ] && [ -f "$SRC/samples/2023-03-16-07.xml" ]; then
  req POST "/v1/render?template=communautaire" "application/xml;charset=utf-8" "$SRC/samples/2023-03-16-07.xml"
  expect "POST /v1/render?template=communautaire" 200 application/pdf
  pdf "render with another template"
fi

req POST /v1/render application/xml "$BROKEN"
expect "render a broken deliberation" 422 application/json
json "422: the diagnostics, with position and id" \
  "j['error'] == 'xml.schema' and [(d['line'], d['id']) for d in j['diagnostics']] == [(6, 'xml.schema'), (22, 'xml.schema')] and all(set(d) == {'file', 'line', 'column', 'severity', 'id', 'message'} and d['severity'] == 'error' and d['column'] > 0 and d['message'] for d in j['diagnostics'])"

req POST /v1/render application/xml "$MALFORMED"
expect "render malformed XML" 400 application/json
json "400: xml.syntax diagnostic at its line" "j['error'] == 'xml.syntax' and j['diagnostics'][0]['line'] == 3"
printf '' >"$WORK/empty.xml"
req POST /v1/render application/xml "$WORK/empty.xml"
expect "render an empty body" 400 application/json
json "400: xml.empty" "j['error'] == 'xml.empty'"
printf '<?xml version="1.0"?>\n<html/>\n' >"$WORK/root.xml"
req POST /v1/render application/xml "$WORK/root.xml"
expect "render XML that is not a deliberation" 400 application/json
json "400: xml.root" "j['error'] == 'xml.root'"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<deliberation xmlns="urn:delib:deliberation:1">\xe9t\xe9</deliberation>\n' >"$WORK/latin1.xml"
req POST /v1/render application/xml "$WORK/latin1.xml"
expect "render a body that is not UTF-8" 400 application/json
json "400: xml.encoding, valid JSON although the input is not UTF-8" "j['error'] == 'xml.encoding'"

# ---- Validate
req POST /v1/validate application/xml "$SAMPLE"
expect "validate the sample" 200 application/json
json "valid: true" "j['valid'] is True and j['diagnostics'] == [] and j['pages'] > 1"
req POST /v1/validate application/xml "$BROKEN"
expect "validate a broken deliberation" 200 application/json
json "valid: false, with the diagnostics" "j['valid'] is False and [d['line'] for d in j['diagnostics']] == [6, 22]"
req POST /v1/validate application/xml "$MALFORMED"
expect "validate malformed XML" 200 application/json
json "valid: false, xml.syntax" "j['valid'] is False and j['diagnostics'][0]['id'] == 'xml.syntax'"

# ---- Convocation: the five projets of e2e.convocation (tests/e2e/convocation.py,
# files named against the order of their numbers), one <projets> body.
python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import convocation as c
c.write_projets(sys.argv[2])
c.write_projets(sys.argv[3], date_of=lambda i: "2023-03-23" if i == 3 else "2023-03-16")' \
  "$SRC/tests/e2e" "$WORK/projets" "$WORK/mixed"
# projets_body FOLDER OUT: the folder's projets, their XML declarations
# stripped, under one <projets> root.
projets_body() {
  { printf '<?xml version="1.0" encoding="UTF-8"?>\n<projets xmlns="urn:delib:deliberation:1">\n'
    for f in "$1"/p*.xml; do sed '1{/^<?xml/d}' "$f"; done
    printf '</projets>\n'; } >"$2"
}
projets_body "$WORK/projets" "$WORK/projets.xml"
projets_body "$WORK/mixed" "$WORK/mixed.xml"
req POST /v1/convocation application/xml "$WORK/projets.xml"
expect "POST /v1/convocation, five projets" 200 application/pdf
pdf "convocation" "J'ai l'honneur de vous convoquer" "Note explicative de synthèse"
if python3 -c 'import re, sys
t = re.sub(r"\s+", " ", open(sys.argv[1], encoding="utf-8").read())
at = [t.find("%d. %s (projet n° 2023-03-16-%d" % (i, o, i)) for i, o in enumerate(sys.argv[2:], start=1)]
sys.exit(0 if min(at) >= 0 and at == sorted(at) else 1)' "$WORK/out.txt" "Budget primitif 2023" \
   "Acquisition d'une parcelle rue des Tilleuls" "Tarifs de la cantine scolaire" \
   "Subvention à l'association sportive" "Convention avec le syndicat des eaux"; then
  pass "convocation: the ordre du jour in the order of the numbers"
else
  fail "convocation: ordre du jour"; cat "$WORK/out.txt"
fi
[ "$(header Content-Disposition)" = 'inline; filename="convocation-2023-03-16.pdf"' ] && [ -n "$(header X-Delib-Pages)" ] \
  && pass "convocation: the headers of a render, the PDF named after the séance" \
  || fail "convocation headers: $(cat "$WORK/headers")"
line=$(grep -n '<seance date="2023-03-23"' "$WORK/mixed.xml" | cut -d: -f1)
req POST /v1/convocation application/xml "$WORK/mixed.xml"
expect "convocation of projets of two séances" 422 application/json
json "422: liste.seance at the other séance's line in the body" \
  "j['error'] == 'liste.seance' and [(d['file'], d['line'], d['id']) for d in j['diagnostics']] == [('<requête>', $line, 'liste.seance')]"
awk '/<deliberation/ && ++n == 2 { sub(/ nature="DE"/, "") } 1' "$WORK/projets.xml" >"$WORK/projets-bad.xml"
req POST /v1/convocation application/xml "$WORK/projets-bad.xml"
expect "convocation with a projet that breaks the schema" 422 application/json
bad=$(grep -n '<deliberation' "$WORK/projets-bad.xml" | sed -n 2p | cut -d: -f1)
json "422: xml.schema at the projet's line and column in the body" \
  "[(d['line'], d['column'], d['id']) for d in j['diagnostics']] == [($bad, 1, 'xml.schema')]"
req POST /v1/convocation application/xml "$SAMPLE"
expect "convocation of one deliberation, not <projets>" 400 application/json
json "400: xml.root" "j['error'] == 'xml.root' and 'projets' in j['message']"
printf '<projets xmlns="urn:delib:deliberation:1"/>\n' >"$WORK/no-projet.xml"
req POST /v1/convocation application/xml "$WORK/no-projet.xml"
expect "convocation of no projet" 400 application/json
json "400: projets.vide" "j['error'] == 'projets.vide'"
req POST "/v1/convocation?draft=1" application/xml "$WORK/projets.xml"
expect "convocation?draft=1" 400 application/json
json "400: param.draft" "j['error'] == 'param.draft'"
req GET /v1/convocation "" ""
expect "GET /v1/convocation" 405 application/json
[ "$(header Allow)" = "POST" ] && pass "405 names POST" || fail "Allow: '$(header Allow)'"

# ---- Refusals
head -c 2000000 /dev/zero | tr '\0' ' ' >"$WORK/big.xml"
req POST /v1/render application/xml "$WORK/big.xml"
expect "body over --max-body (Content-Length)" 413 application/json
json "413: http.too-large" "j['error'] == 'http.too-large'"
req POST /v1/render application/xml "$SAMPLE" -H "Transfer-Encoding: chunked"
expect "chunked body: Content-Length required" 411 application/json
json "411: http.length-required" "j['error'] == 'http.length-required'"

req POST /v1/render text/plain "$SAMPLE"
expect "Content-Type text/plain" 415 application/json
json "415: http.media-type" "j['error'] == 'http.media-type'"
req POST /v1/render "" "$SAMPLE"
expect "no Content-Type" 415 application/json
req POST /v1/render "application/xml; charset=iso-8859-1" "$SAMPLE"
expect "charset other than UTF-8" 415 application/json

req POST "/v1/render?template=nope" application/xml "$SAMPLE"
expect "unknown template" 400 application/json
json "400: template.unknown" "j['error'] == 'template.unknown'"
for t in ..%2F..%2Fetc ../default default%00 "$(printf 'a%.0s' $(seq 65))" ""; do
  req POST "/v1/render?template=$t" application/xml "$SAMPLE"
  expect "template '$t'" 400 application/json
  json "400: template.invalid" "j['error'] == 'template.invalid'"
done
req POST "/v1/render?draft=maybe" application/xml "$SAMPLE"
expect "draft=maybe" 400 application/json

req GET /v1/nope "" ""
expect "unknown path" 404 application/json
json "404: http.not-found" "j['error'] == 'http.not-found'"
req GET /v1/render "" ""
expect "GET /v1/render" 405 application/json
[ "$(header Allow)" = "POST" ] && pass "405 names the allowed method" || fail "Allow: '$(header Allow)'"
req POST /healthz application/xml "$SAMPLE"
expect "POST /healthz" 405 application/json

# ---- Access log: one line per request, with method, path, status, bytes, ms
if grep -Eq 'POST /v1/render 200 [0-9]+ [0-9.]+ms template=default draft=0$' "$SERVER_LOG" && grep -Eq 'GET /v1/nope 404 [0-9]+ [0-9.]+ms$' "$SERVER_LOG" \
   && grep -Eq 'POST /v1/render 413 [0-9]+ [0-9.]+ms( |$)' "$SERVER_LOG"; then
  pass "access log lines"
else
  fail "access log lines"
fi
stop_server
grep -q "arrêté" "$SERVER_LOG" && pass "stop announced" || fail "stop not announced"

# ---- The time limit: 1 ms is always too short for the sample.
start_server "$DELIB" --threads 1 --render-timeout 1
req POST /v1/render application/xml "$SAMPLE"
expect "render past --render-timeout" 503 application/json
json "503: http.timeout" "j['error'] == 'http.timeout'"
[ "$(header Retry-After)" = "1" ] && pass "503 with Retry-After" || fail "Retry-After: '$(header Retry-After)'"
req GET /healthz "" ""
expect "still serving after a timeout" 200 application/json
stop_server

finish
