#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Issue 5, templates: `delib templates` lists each template with a
# description; every template renders both samples into a PDF that passes
# the checks of issues 2 and 4 (qpdf, fonts embedded and subset, PDF/A-1b,
# signature field, the seed's words); the two templates' PDFs visibly
# differ (fonts, header). Usage: templates.sh DELIB SOURCE_DIR
set -euo pipefail
delib=$(realpath "$1")
src=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$src/tests/lib.sh"  # preflight_group (its fail() is replaced below: here a failure stops the test)
fail() { echo "ÉCHEC: $*" >&2; exit 1; }
: >"$tmp/preflight.list"

list=$("$delib" templates)
grep -qP "^default\t\S" <<<"$list" || fail "default absent de la liste: $list"
grep -qP "^communautaire\t\S" <<<"$list" || fail "communautaire absent de la liste: $list"
[ "$(wc -l <<<"$list")" -ge 2 ] || fail "liste: $list"

check_pdf() {
  local pdf=$1 fonts sig
  qpdf --check "$pdf" >/dev/null || fail "$pdf: qpdf --check"
  fonts=$(pdffonts "$pdf" | tail -n +3)
  [ -n "$fonts" ] || fail "$pdf: aucune police"
  ! awk '{ if ($(NF-4) != "yes" || $(NF-3) != "yes") bad = 1 } END { exit !bad }' <<<"$fonts" ||
    fail "$pdf: police non incorporée ou non réduite: $fonts"
  echo "$pdf" >>"$tmp/preflight.list"  # Preflight at the end, in one Java process
  sig=$(pdfsig "$pdf" 2>&1 || true)
  grep -q "Signature Field Name:" <<<"$sig" || fail "$pdf: pas de champ de signature"
}

for t in $(cut -f1 <<<"$list"); do
  "$delib" render "$src/samples/2021-10-14-22.xml" --template "$t" -o "$tmp/$t.pdf"
  check_pdf "$tmp/$t.pdf"
  pdftotext -raw "$tmp/$t.pdf" "$tmp/$t.txt"
  python3 "$src/tests/tools/seed_words.py" "$src/../shared/seed/000_cda67939873e5b4a.txt" "$tmp/$t.txt" --min 99 >/dev/null ||
    fail "$t: moins de 99 % des mots de la référence"
done
"$delib" render "$src/samples/2023-03-16-07.xml" --template communautaire -o "$tmp/epci.pdf"
check_pdf "$tmp/epci.pdf"
text=$(pdftotext -f 1 -l 1 "$tmp/epci.pdf" -)
grep -q "Communauté de communes Caux-Rivières" <<<"$text" || fail "en-tête communautaire absent"
grep -q "Conseil communautaire — séance du 16 mars 2023" <<<"$text" || fail "sous-titre de séance absent"
all=$(pdftotext "$tmp/epci.pdf" -)
grep -q "Publié le 21 mars 2023" <<<"$all" || fail "mention de publication (après 2022) absente"
pdfimages -list "$tmp/epci.pdf" | grep -q "image" || fail "logo absent"

# val-fleuri, a template.xml alone (issue 15): its identity on page 1,
# default's parts, the list and the convocation through the same identity.
"$delib" render "$src/samples/2023-03-16-07.xml" --template val-fleuri -o "$tmp/vf-2023.pdf"
check_pdf "$tmp/vf-2023.pdf"
vf=$(pdftotext -f 1 -l 1 "$tmp/val-fleuri.pdf" -)
for line in "Commune de Val-Fleuri — Conseil municipal" "Registre des délibérations" "Département de l’Exemple" \
            "Pour extrait certifié conforme au registre" "Acte certifié exécutoire"; do
  grep -qF "$line" <<<"$(pdftotext "$tmp/val-fleuri.pdf" -)" || fail "val-fleuri : « $line » absent"
done
grep -q "Mairie de Val-Fleuri" <<<"$vf" || fail "val-fleuri : pied de page absent"
pdfimages -list "$tmp/val-fleuri.pdf" | grep -q "image" || fail "val-fleuri : logo absent"
pdffonts "$tmp/val-fleuri.pdf" | grep -q "LiberationSerif" && pdffonts "$tmp/val-fleuri.pdf" | grep -q "LiberationSans" ||
  fail "val-fleuri : Liberation Sans et Serif attendues"
mkdir -p "$tmp/seance"
cp "$src/samples/2021-10-14-22.xml" "$tmp/seance/"
"$delib" liste "$tmp/seance" --template val-fleuri -o "$tmp/vf-liste.pdf" || fail "val-fleuri : liste"
check_pdf_nosig() { qpdf --check "$1" >/dev/null || fail "$1: qpdf --check"; echo "$1" >>"$tmp/preflight.list"; }
check_pdf_nosig "$tmp/vf-liste.pdf"
pdffonts "$tmp/vf-liste.pdf" | grep -q "LiberationSans" || fail "val-fleuri : la liste n'a pas la police de l'identité"
# The whole identity reaches the list and the convocation (header, footer
# and collectivity lines, logo, headings' font), and the annex's pages
# (header and footer lines).
mkdir -p "$tmp/projets"
cp "$src/tests/corpus/wording/projet-expose-convocation.xml" "$tmp/projets/"
"$delib" convocation "$tmp/projets" --template val-fleuri -o "$tmp/vf-convocation.pdf" || fail "val-fleuri : convocation"
check_pdf_nosig "$tmp/vf-convocation.pdf"
for part in vf-liste vf-convocation; do
  first=$(pdftotext -f 1 -l 1 "$tmp/$part.pdf" -)
  for line in "Commune de Val-Fleuri — Conseil municipal" "Registre des délibérations" "Département de l’Exemple" \
              "Mairie de Val-Fleuri"; do
    grep -qF "$line" <<<"$first" || fail "val-fleuri : « $line » absent de la page 1 de $part"
  done
  pdfimages -list "$tmp/$part.pdf" | grep -q "image" || fail "val-fleuri : logo absent de $part"
  pdffonts "$tmp/$part.pdf" | grep -q "LiberationSerif" || fail "val-fleuri : $part sans la police des titres"
done
annex=$(pdftotext -f 5 -l 5 "$tmp/val-fleuri.pdf" -)
grep -q "^Annexe" <<<"$annex" || fail "val-fleuri : la page 5 n'est pas de l'annexe"
for line in "Registre des délibérations" "Mairie de Val-Fleuri"; do
  grep -qF "$line" <<<"$annex" || fail "val-fleuri : « $line » absent des pages de l'annexe"
done

# Visibly different: other font families, other header.
pdffonts "$tmp/default.pdf" | grep -q "DejaVuSans" || fail "default: DejaVu attendu"
! pdffonts "$tmp/default.pdf" | grep -q "Liberation" || fail "default: Liberation inattendu"
pdffonts "$tmp/communautaire.pdf" | grep -q "LiberationSerif" || fail "communautaire: Liberation Serif attendu"
d1=$(pdftotext -f 1 -l 1 "$tmp/default.pdf" - | head -3)
c1=$(pdftotext -f 1 -l 1 "$tmp/communautaire.pdf" - | head -3)
[ "$d1" != "$c1" ] || fail "les en-têtes des deux modèles sont identiques"

report=$(preflight_group "$tmp/preflight.list") || fail "Preflight : aucun rapport"
[ "$(grep -c . "$tmp/preflight.list")" = "$(grep -cP '\tvalid$' <<<"$report")" ] ||
  fail "Preflight (PDF/A-1b) : $report"
echo ok
