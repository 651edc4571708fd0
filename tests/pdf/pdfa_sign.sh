#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Issue 4: the sample's PDF is PDF/A-1b (Apache PDFBox Preflight), carries an
# empty signature field that two real signers (poppler's pdfsig and MuPDF's
# mutool) sign into, is byte-identical across processes and folders, and
# records its fonts so that --compare-with notices a change.
# Usage: pdfa_sign.sh DELIB SOURCE_DIR
set -euo pipefail
delib=$(realpath "$1")
src=$(realpath "$2")
sample="$src/samples/2021-10-14-22.xml"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "ÉCHEC: $*" >&2; exit 1; }

mkdir "$tmp/one" "$tmp/two"
(cd "$tmp/one" && "$delib" render "$sample" -o a.pdf)
cp "$sample" "$tmp/two/copie.xml"
(cd "$tmp/two" && "$delib" render copie.xml -o b.pdf)
pdf="$tmp/one/a.pdf"
cmp -s "$pdf" "$tmp/two/b.pdf" || fail "deux rendus dans deux dossiers diffèrent"

qpdf --check "$pdf" >/dev/null || fail "qpdf --check"
meta=$(pdfinfo -meta "$pdf")
grep -q "<pdfaid:part>1</pdfaid:part>" <<<"$meta" || fail "pas d'identification PDF/A dans le XMP"
grep -q "<pdfaid:conformance>B</pdfaid:conformance>" <<<"$meta" || fail "conformance B absente"
info=$(pdfinfo "$pdf")
grep -q "^CreationDate: .*2021" <<<"$info" || fail "CreationDate n'est pas la date de la séance: $(grep CreationDate <<<"$info")"
grep -q "^Keywords: *76-217605757-20211014-lmc123683-DE-1-1$" <<<"$info" || fail "Keywords"

jars=/usr/share/java
cp="$jars/preflight.jar:$jars/pdfbox2.jar:$jars/fontbox2.jar:$jars/xmpbox.jar:$jars/commons-logging.jar:$jars/javax.activation.jar:$jars/jaxb-api.jar"
verdict=$(java -cp "$cp" org.apache.pdfbox.preflight.Validator_A1b "$pdf" 2>&1 || true)
grep -q "is a valid PDF/A-1b file" <<<"$verdict" || fail "Preflight: $verdict"

# Bookmarks: the extract, the annex, and each section of the annex under it.
qpdf --json --json-key=outlines "$pdf" | python3 -c '
import json, sys
top = json.load(sys.stdin)["outlines"]
titles = [o["title"] for o in top]
assert len(top) == 2, titles
assert titles[0] == "Extrait du registre des délibérations", titles
assert titles[1].startswith("Rapport annexé"), titles
kids = [k["title"].split(" ")[0] for k in top[1]["kids"]]
assert kids == ["1.", "2.", "3.", "4."], kids
pages = [k["destpageposfrom1"] for k in top[1]["kids"]]
assert pages == sorted(pages) and pages[0] == 3, pages
' || fail "signets: l'extrait, l'annexe et ses quatre sections attendus"

# The empty field is there, named after the signatory's office.
fields=$(pdfsig "$pdf" 2>&1 || true)
grep -q "Signature Field Name: Maire" <<<"$fields" || fail "champ de signature absent: $fields"
grep -q "not signed" <<<"$fields" || fail "le champ devrait être vide"

# Sign with poppler into our field, as a parapheur would (incremental update).
nss="$tmp/nss"
mkdir "$nss"
certutil -N -d "sql:$nss" --empty-password
head -c 2048 /dev/urandom >"$tmp/noise"
certutil -S -d "sql:$nss" -n "Test Signer" -s "CN=Test Signer" -x -t "CT,C,C" -k rsa -g 2048 -Z SHA256 -v 12 \
  -z "$tmp/noise" >/dev/null 2>&1
pdfsig -nssdir "sql:$nss" -nick "Test Signer" -sign Maire "$pdf" "$tmp/signed.pdf" 2>/dev/null
check=$(pdfsig -nssdir "sql:$nss" "$tmp/signed.pdf" 2>/dev/null)
grep -q "Signature Validation: Signature is Valid." <<<"$check" || fail "pdfsig: $check"
size=$(stat -c %s "$pdf")
cmp -s -n "$size" "$pdf" "$tmp/signed.pdf" || fail "le PDF signé ne commence pas par les octets d'origine"

# A second signer: MuPDF, from a PKCS#12 export of the same certificate.
pk12util -o "$tmp/signer.p12" -n "Test Signer" -d "sql:$nss" -W secret >/dev/null 2>&1
mutool sign -s "$tmp/signer.p12" -P secret -o "$tmp/mupdf.pdf" "$pdf" >/dev/null 2>&1
verify=$(mutool sign -v "$tmp/mupdf.pdf" 2>&1)
grep -q "The document is unchanged since signing" <<<"$verify" || fail "mutool: $verify"
check=$(pdfsig "$tmp/mupdf.pdf" 2>/dev/null)
grep -q "Signature Validation: Signature is Valid." <<<"$check" || fail "pdfsig sur la signature MuPDF: $check"
cmp -s -n "$size" "$pdf" "$tmp/mupdf.pdf" || fail "MuPDF a réécrit le fichier au lieu de l'étendre"

# --compare-with: silent against itself, a warning when a recorded font changed.
out=$("$delib" render "$sample" -o "$tmp/again.pdf" --compare-with "$pdf" 2>&1)
[ -z "$out" ] || fail "comparaison avec soi-même: $out"
sed 's/DejaVuSans.ttf/DejaVuSanZ.ttf/' "$pdf" >"$tmp/old.pdf"
out=$("$delib" render "$sample" -o "$tmp/again.pdf" --compare-with "$tmp/old.pdf" 2>&1)
grep -q "\[compare.font\]" <<<"$out" || fail "changement de police non signalé: $out"

# The signature tag option: extractable, and still PDF/A.
"$delib" render "$sample" -o "$tmp/tag.pdf" --signature-tag
[ "$(pdftotext "$tmp/tag.pdf" - | grep -c '#signature#')" = 1 ] || fail "étiquette #signature# absente"
verdict=$(java -cp "$cp" org.apache.pdfbox.preflight.Validator_A1b "$tmp/tag.pdf" 2>&1 || true)
grep -q "is a valid PDF/A-1b file" <<<"$verdict" || fail "Preflight avec étiquette: $verdict"
# The tag is invisible and changes nothing else: every page looks exactly as
# without it. (It once left its invisible rendering mode on, and everything
# drawn after it on its page — the executory block, the footer — vanished.)
pdftoppm -r 40 -gray "$pdf" "$tmp/plain"
pdftoppm -r 40 -gray "$tmp/tag.pdf" "$tmp/tagged"
for page in "$tmp"/plain-*.pgm; do
  n=${page##*/plain-}
  cmp -s "$page" "$tmp/tagged-$n" || fail "l'étiquette change l'aspect de la page ${n%.pgm}"
done
[ "$(ls "$tmp"/plain-*.pgm | wc -l)" -ge 2 ] || fail "pages non rendues par pdftoppm"
echo "ok"
