#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# The API of issue 19: the PDF named after the deliberation's number; a
# multipart/form-data upload (curl -F) beside the raw body, with its
# refusals; POST /v1/liste; a 500 that shows no path of the server; and
# every route's real answers validated against docs/openapi.json, which
# GET /v1/openapi.json serves (tests/serve/openapi_check.py).
# Usage: api.sh DELIB SOURCE_DIR
DELIB=$1
SRC=$2
. "$SRC/tests/serve/lib.sh"
SAMPLE=$SRC/samples/2021-10-14-22.xml
# A data folder of our own, with a template whose liste.xsl compiles but
# stops at run time (a broken one would stop the service at start).
own_data_dir "$SRC"
cp -r "$DATA/templates/default" "$DATA/templates/sans-liste"
cat >"$DATA/templates/sans-liste/liste.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:template match="/"><xsl:message terminate="yes">liste impossible</xsl:message></xsl:template>
</xsl:stylesheet>
XSL

# call NAME METHOD PATH [curl options…]: the answer in $WORK/NAME.{h,b},
# recorded for the OpenAPI check; CODE set.
: >"$WORK/records"
call() {
  local name=$1 method=$2 path=$3
  shift 3
  CODE=$(curl -s -X "$method" -D "$WORK/$name.h" -o "$WORK/$name.b" -w '%{http_code}' "$@" "$BASE$path") || true
  echo "$method ${path%%\?*} $CODE $WORK/$name.h $WORK/$name.b" >>"$WORK/records"
}
is() { [ "$CODE" = "$2" ] && pass "$1: $CODE" || { fail "$1: $CODE, expected $2"; head -c 400 "$WORK/$3.b"; echo; }; }
header() { grep -i "^$1:" "$WORK/$2.h" | head -1 | cut -d: -f2- | tr -d '\r' | sed 's/^ *//'; }
jq_() { python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' "$WORK/$1.b" "$2"; }
XML=(-H "Content-Type: application/xml")

# Bodies: the list of three deliberations of one séance (make_wording's
# council), the same with a number twice, the convocation's projets.
python3 - "$SRC/tests/tools" "$WORK" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import make_wording as mw
def body(path, nums):
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<deliberations xmlns="urn:delib:deliberation:1">\n')
        for objet, num in zip(["Budget primitif 2023", "Tarifs de la cantine scolaire",
                               "Subvention au club de football"], nums):
            x = mw.deliberation().replace('numero="2023-03-16-4"', 'numero="2023-03-16-%d"' % num)
            x = x.replace("<objet>Acquisition d'une parcelle rue des Tilleuls</objet>", "<objet>%s</objet>" % objet)
            out.write("\n".join(l for l in x.split("\n") if not l.startswith("<?xml")) + "\n")
        out.write("</deliberations>\n")
body(sys.argv[2] + "/liste.xml", [3, 2, 1])
body(sys.argv[2] + "/mixed.xml", [3, 2, 3])
PY
python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import convocation as c; c.write_projets(sys.argv[2])' \
  "$SRC/tests/e2e" "$WORK/projets"
{ printf '<?xml version="1.0" encoding="UTF-8"?>\n<projets xmlns="urn:delib:deliberation:1">\n'
  for f in "$WORK"/projets/p*.xml; do sed '1{/^<?xml/d}' "$f"; done
  printf '</projets>\n'; } >"$WORK/projets.xml"

# A short head deadline: the 408 case below waits for it.
start_server "$DELIB" --threads 2 --head-timeout 1500

# ---- GET routes
call page GET /; is "GET /" 200 page
call health GET /healthz; is "GET /healthz" 200 health
call templates GET /v1/templates; is "GET /v1/templates" 200 templates
call metrics GET /metrics; is "GET /metrics" 200 metrics
call openapi GET /v1/openapi.json; is "GET /v1/openapi.json" 200 openapi
cmp -s "$WORK/openapi.b" "$SRC/docs/openapi.json" && pass "GET /v1/openapi.json serves docs/openapi.json" \
  || fail "GET /v1/openapi.json differs from docs/openapi.json"
call post-health POST /healthz; is "POST /healthz" 405 post-health

# ---- Render: the PDF's name, raw and multipart
call render POST /v1/render "${XML[@]}" --data-binary @"$SAMPLE"; is "POST /v1/render" 200 render
[ "$(header Content-Disposition render)" = 'inline; filename="deliberation-2021-10-14-22.pdf"' ] \
  && pass "the PDF is named after the deliberation's number" || fail "Content-Disposition: $(header Content-Disposition render)"
call multipart POST /v1/render -F "deliberation=@$SAMPLE"; is "POST /v1/render, multipart (curl -F)" 200 multipart
cmp -s <(head -c 4 "$WORK/multipart.b") <(printf '%%PDF') && [ "$(header Content-Disposition multipart)" = \
  'inline; filename="deliberation-2021-10-14-22.pdf"' ] && pass "multipart: the same PDF, the same name" \
  || fail "multipart: $(header Content-Disposition multipart)"
call mp-octet POST /v1/validate -F "f=@$SAMPLE;type=application/octet-stream"
is "multipart, part of type application/octet-stream" 200 mp-octet
jq_ mp-octet "j['valid'] is True" && pass "multipart validate: valid" || fail "multipart validate"
call mp-two POST /v1/render -F "f=@$SAMPLE" -F "autre=1"; is "multipart with two parts" 400 mp-two
jq_ mp-two "j['error'] == 'multipart.parts'" && pass "400 multipart.parts" || fail "multipart.parts"
call mp-type POST /v1/render -F "f=@$SAMPLE;type=image/png"; is "multipart part of type image/png" 415 mp-type
call mp-junk POST /v1/render -H "Content-Type: multipart/form-data; boundary=xyz" --data-binary "rien"
is "multipart without its boundary" 400 mp-junk
jq_ mp-junk "j['error'] == 'multipart.invalid'" && pass "400 multipart.invalid" || fail "multipart.invalid"
call mp-chunked POST /v1/render -H "Transfer-Encoding: chunked" -F "f=@$SAMPLE"
is "multipart, chunked: the gate's rule holds" 411 mp-chunked
call plain POST /v1/render -H "Content-Type: text/plain" --data-binary @"$SAMPLE"; is "text/plain" 415 plain
call validate POST /v1/validate "${XML[@]}" --data-binary @"$SAMPLE"; is "POST /v1/validate" 200 validate
call broken POST /v1/render "${XML[@]}" --data-binary @"$SRC/tests/serve/broken.xml"; is "broken" 422 broken
call malformed POST /v1/render "${XML[@]}" --data-binary @"$SRC/tests/serve/malformed.xml"; is "malformed" 400 malformed
call get-render GET /v1/render; is "GET /v1/render" 405 get-render
call convocation POST /v1/convocation "${XML[@]}" --data-binary @"$WORK/projets.xml"
is "POST /v1/convocation" 200 convocation

# ---- POST /v1/liste
call liste POST /v1/liste "${XML[@]}" --data-binary @"$WORK/liste.xml"; is "POST /v1/liste" 200 liste
cp "$WORK/liste.b" "$WORK/liste.pdf"
if qpdf --check "$WORK/liste.pdf" >/dev/null 2>&1 && pdftotext "$WORK/liste.pdf" - | tr -s ' \n' ' ' \
   | grep -q "2023-03-16-1 Subvention au club de football Adoptée.*2023-03-16-2 Tarifs de la cantine scolaire.*2023-03-16-3 Budget primitif 2023"; then
  pass "liste: a sound PDF, entries in the order of their numbers"
else
  fail "liste: $(pdftotext "$WORK/liste.pdf" - | head -20)"
fi
[ "$(header Content-Disposition liste)" = 'inline; filename="liste-2023-03-16.pdf"' ] \
  && pass "liste: named after the séance, liste-2023-03-16.pdf" \
  || fail "liste: $(header Content-Disposition liste)"
call liste-mp POST /v1/liste -F "f=@$WORK/liste.xml"; is "POST /v1/liste, multipart" 200 liste-mp
call liste-mixed POST /v1/liste "${XML[@]}" --data-binary @"$WORK/mixed.xml"; is "liste with a number twice" 422 liste-mixed
jq_ liste-mixed "j['error'] == 'liste.numero' and j['diagnostics'][0]['file'] == '<requête>'" \
  && pass "422 liste.numero" || fail "liste.numero: $(cat "$WORK/liste-mixed.b")"
call liste-one POST /v1/liste "${XML[@]}" --data-binary @"$SAMPLE"; is "liste of a <deliberation>" 400 liste-one
jq_ liste-one "j['error'] == 'xml.root' and 'deliberations' in j['message']" && pass "400 xml.root" || fail "xml.root"
printf '<deliberations xmlns="urn:delib:deliberation:1"/>\n' >"$WORK/empty.xml"
call liste-empty POST /v1/liste "${XML[@]}" --data-binary @"$WORK/empty.xml"; is "liste of nothing" 400 liste-empty
jq_ liste-empty "j['error'] == 'liste.vide'" && pass "400 liste.vide" || fail "liste.vide"
call liste-draft POST "/v1/liste?draft=1" "${XML[@]}" --data-binary @"$WORK/liste.xml"; is "liste?draft=1" 400 liste-draft

# ---- A failure of the service shows no path of the server
call internal POST "/v1/liste?template=sans-liste" "${XML[@]}" -H "X-Request-Id: interne-1" \
  --data-binary @"$WORK/liste.xml"
is "a template whose liste.xsl stops" 500 internal
if ! grep -q "$WORK\|$SRC\|/templates/" "$WORK/internal.b" && jq_ internal "'interne-1' in j['message']"; then
  pass "500: no path of the server, the request id to quote"
else
  fail "500 body: $(cat "$WORK/internal.b")"
fi
grep -q "requête interne-1 : " "$SERVER_LOG" && pass "500: the detail is in the log" || fail "500: not logged"
# ---- Refusals at the gate, before any route (docs/openapi.json describes
# them once, components/responses, for every operation).
# raw NAME METHOD PATH: $WORK/NAME.req sent byte for byte, recorded as call does.
raw() {
  CODE=$(python3 "$SRC/tests/serve/raw_request.py" "$PORT" "$WORK/$1.req" "$WORK/$1")
  echo "$2 $3 $CODE $WORK/$1.h $WORK/$1.b" >>"$WORK/records"
}
long=$(head -c 2000 /dev/zero | tr '\0' a)
printf 'GET /v1/templates?q=%s HTTP/1.1\r\nHost: x\r\n\r\n' "$long" >"$WORK/g414.req"
raw g414 GET /v1/templates; is "a query string over 1024 bytes" 414 g414
printf 'GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n' >"$WORK/g505.req"
raw g505 GET /healthz; is "HTTP/2.0 on the request line" 505 g505
{ printf 'POST /v1/render HTTP/1.1\r\nHost: x\r\n'
  for i in $(seq 1 70); do printf 'X-E%d: 1\r\n' "$i"; done; printf '\r\n'; } >"$WORK/g431.req"
raw g431 POST /v1/render; is "70 header lines" 431 g431
printf 'POST /v1/liste HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n' >"$WORK/g501.req"
raw g501 POST /v1/liste; is "Transfer-Encoding: gzip" 501 g501
printf 'POST /v1/convocation HTTP/1.1\r\nHost: x\r\nX-Request-Id: chunk-1\r\nTransfer-Encoding: chunked\r\n\r\n' \
  >"$WORK/g411.req"
raw g411 POST /v1/convocation; is "a chunked body" 411 g411
[ "$(header X-Request-Id g411)" = chunk-1 ] && pass "a refusal at the gate echoes the request id" \
  || fail "gate refusal: X-Request-Id $(header X-Request-Id g411)"
printf 'GET /metrics HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n' >"$WORK/g400.req"
raw g400 GET /metrics; is "a folded header line" 400 g400
printf 'POST /v1/validate HTTP/1.1\r\nHost: x\r\n' >"$WORK/g408.req"
raw g408 POST /v1/validate; is "a head not finished within --head-timeout" 408 g408
for g in g400 g408 g411 g414 g431 g501 g505; do
  jq_ "$g" "j['error'].startswith('http.')" || fail "$g: $(cat "$WORK/$g.b")"
done

if python3 "$SRC/tests/serve/openapi_check.py" "$SRC/docs/openapi.json" "$WORK/records"; then
  pass "every answer as docs/openapi.json describes it"
else
  fail "OpenAPI check"
fi
stop_server
finish
