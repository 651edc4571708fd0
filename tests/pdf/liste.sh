#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Issue 5, the séance's list: `delib liste DIR` lists each deliberation with
# its number, object and outcome, in the order of the numbers (9 before 22),
# as a PDF/A with the same fonts; deliberations of another séance or a
# repeated number are refused with their file and line, and nothing is
# written. Usage: liste.sh DELIB SOURCE_DIR
set -euo pipefail
delib=$(realpath "$1")
src=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "ÉCHEC: $*" >&2; exit 1; }
sample="$src/samples/2021-10-14-22.xml"
mkdir "$tmp/seance"
cp "$sample" "$tmp/seance/z-rapport.xml"
sed 's/numero="2021-10-14-22"/numero="2021-10-14-9"/; s|<objet>[^<]*</objet>|<objet>Budget supplémentaire 2021</objet>|; s/lmc123683/lmc123670/' \
  "$sample" >"$tmp/seance/a-budget.xml"
sed 's/numero="2021-10-14-22"/numero="2021-10-14-10"/; s|<objet>[^<]*</objet>|<objet>Tarifs du conservatoire</objet>|; s/lmc123683/lmc123671/' \
  "$sample" >"$tmp/seance/m-tarifs.xml"

"$delib" liste "$tmp/seance" -o "$tmp/liste.pdf"
qpdf --check "$tmp/liste.pdf" >/dev/null || fail "qpdf --check"
text=$(pdftotext -raw "$tmp/liste.pdf" -)
grep -q "Liste des délibérations" <<<"$text" || fail "titre absent"
grep -q "séance du 14 octobre 2021" <<<"$text" || fail "séance absente"
order=$(grep -o "2021-10-14-[0-9]*" <<<"$text" | tr '\n' ' ')
[ "$order" = "2021-10-14-9 2021-10-14-10 2021-10-14-22 " ] || fail "ordre: $order"
for objet in "Budget supplémentaire 2021" "Tarifs du conservatoire" "Rapport sur la mise en œuvre"; do
  grep -q "$objet" <<<"$text" || fail "objet absent: $objet"
done
[ "$(grep -o "Adoptée" <<<"$text" | wc -l)" = 3 ] || fail "résultats: $text"
pdffonts "$tmp/liste.pdf" | grep -q "DejaVuSans" || fail "polices"
jars=/usr/share/java
cp="$jars/preflight.jar:$jars/pdfbox2.jar:$jars/fontbox2.jar:$jars/xmpbox.jar:$jars/commons-logging.jar:$jars/javax.activation.jar:$jars/jaxb-api.jar"
verdict=$(java -cp "$cp" org.apache.pdfbox.preflight.Validator_A1b "$tmp/liste.pdf" 2>&1 || true)
grep -q "is a valid PDF/A-1b file" <<<"$verdict" || fail "Preflight: $verdict"
"$delib" liste "$tmp/seance" -o "$tmp/liste-epci.pdf" --template communautaire
pdffonts "$tmp/liste-epci.pdf" | grep -q "LiberationSerif" || fail "modèle communautaire"

# Another séance mixed in, then a repeated number: refused, nothing written.
cp "$src/samples/2023-03-16-07.xml" "$tmp/seance/x-autre.xml"
set +e
out=$("$delib" liste "$tmp/seance" -o "$tmp/refus.pdf" 2>&1); rc=$?
set -e
[ "$rc" = 1 ] || fail "séance mélangée: code $rc"
grep -q "x-autre.xml:[0-9]*:.*\[liste.seance\]" <<<"$out" || fail "séance mélangée: $out"
[ ! -e "$tmp/refus.pdf" ] || fail "un PDF a été écrit malgré l'erreur"
rm "$tmp/seance/x-autre.xml"
cp "$sample" "$tmp/seance/zz-doublon.xml"
set +e
out=$("$delib" liste "$tmp/seance" -o "$tmp/refus.pdf" 2>&1); rc=$?
set -e
[ "$rc" = 1 ] || fail "doublon: code $rc"
grep -q "\[liste.numero\]" <<<"$out" || fail "doublon: $out"
[ ! -e "$tmp/refus.pdf" ] || fail "un PDF a été écrit malgré le doublon"
echo ok
