#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Issue 16, tagged PDF: the structure checker (tests/tools/check_tagged.py)
# on what delib writes, one case per CTest entry, and on a PDF it must
# refuse. Usage: tagged.sh DELIB SOURCE_DIR CASE, CASE one of
#   sample       the reference sample, default template (pdfinfo says Tagged: yes)
#   val-fleuri   the sample through the second template
#   projet       the sample as a projet (the PROJET watermark: an artefact)
#   liste        the séance's list
#   convocation  the convocation of a projet
#   negative     the sample with one text run added outside any marked
#                content: the checker must fail, and say why
set -euo pipefail
delib=$(realpath "$1")
src=$(realpath "$2")
case=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "ÉCHEC: $*" >&2; exit 1; }
check="$src/tests/tools/check_tagged.py"
sample="$src/samples/2021-10-14-22.xml"
projet() { sed 's/statut="definitif"/statut="projet"/' "$sample" >"$1"; }

case $case in
sample)
  "$delib" render "$sample" -o "$tmp/out.pdf"
  pdfinfo "$tmp/out.pdf" | grep -q "^Tagged: *yes" || fail "pdfinfo ne dit pas Tagged: yes"
  # Read by structure (what a screen reader follows): the reference's
  # words, whole, in its order, and no running header or footer (their
  # lines all hold " | ", which the body never does).
  seed="$src/../shared/seed/000_cda67939873e5b4a.txt"
  words="$src/tests/tools/seed_words.py"
  pdfinfo -struct-text "$tmp/out.pdf" >"$tmp/struct.txt"
  python3 "$words" "$seed" "$tmp/struct.txt" --min 99.5 || fail "pdfinfo -struct-text : mots"
  python3 "$words" "$seed" "$tmp/struct.txt" --order "$sample" | tail -1 || fail "pdfinfo -struct-text : ordre"
  ! grep -q " | " "$tmp/struct.txt" || fail "en-tête ou pied de page dans la structure : $(grep -m1 " | " "$tmp/struct.txt")"
  # Hyphens added by layout are soft hyphens: raw extraction joins the words.
  pdftotext -raw "$tmp/out.pdf" "$tmp/raw.txt"
  python3 "$words" "$seed" "$tmp/raw.txt" --min 99.86 || fail "pdftotext -raw : mots"
  ;;
val-fleuri) "$delib" render "$sample" --template val-fleuri -o "$tmp/out.pdf" ;;
projet)
  projet "$tmp/projet.xml"
  "$delib" render "$tmp/projet.xml" -o "$tmp/out.pdf"
  ;;
liste)
  mkdir "$tmp/seance"
  cp "$sample" "$tmp/seance/"
  "$delib" liste "$tmp/seance" -o "$tmp/out.pdf"
  ;;
convocation)
  mkdir "$tmp/projets"
  projet "$tmp/projets/projet.xml"
  "$delib" convocation "$tmp/projets" -o "$tmp/out.pdf"
  ;;
negative)
  "$delib" render "$sample" -o "$tmp/good.pdf"
  python3 "$check" "$tmp/good.pdf" >/dev/null || fail "l'échantillon échoue déjà"
  # One text run appended to page 1's content, outside marked content.
  python3 - "$tmp/good.pdf" "$tmp/out.pdf" <<'PY'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
page = pdf.pages[0]
font = next(iter(page.obj.Resources.Font.keys()))
page.contents_add(pikepdf.Stream(pdf, ("BT %s 10 Tf 72 72 Td (x) Tj ET" % font).encode()), prepend=False)
pdf.save(sys.argv[2])
PY
  if out=$(python3 "$check" "$tmp/out.pdf"); then fail "le contrôle accepte un texte non balisé"; fi
  grep -q "page 1 : opérateur Tj (texte) hors de tout contenu marqué" <<<"$out" || fail "motif absent : $out"
  echo "$out"
  exit 0
  ;;
*) fail "cas inconnu : $case" ;;
esac
python3 "$check" "$tmp/out.pdf"
