#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Broken templates give a diagnostic naming the template file and the line
# of the fault, and no PDF; unknown or path-like template names are usage
# errors. Cases: tests/templates/cases/NAME.xsl, expectations in
# cases/expected.txt. Usage: template_errors.sh DELIB SOURCE_DIR
set -euo pipefail
delib=$(realpath "$1")
src=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "ÉCHEC: $*" >&2; exit 1; }
sample="$src/samples/2021-10-14-22.xml"
data="$tmp/data"
mkdir -p "$data/templates"
ln -s "$src/schema" "$data/schema"
ln -s "$src/fonts" "$data/fonts"
ln -s "$src/templates/default" "$data/templates/default"
n=0
while read -r name status line id; do
  case "$name" in ''|'#'*) continue ;; esac
  mkdir -p "$data/templates/$name"
  cp "$src/tests/templates/cases/$name.xsl" "$data/templates/$name/deliberation.xsl"
  set +e
  out=$(DELIB_DATADIR="$data" "$delib" render "$sample" --template "$name" -o "$tmp/$name.pdf" 2>&1)
  rc=$?
  set -e
  [ "$rc" = "$status" ] || fail "$name: code de retour $rc au lieu de $status: $out"
  [ ! -e "$tmp/$name.pdf" ] || fail "$name: un PDF a été écrit"
  want="$data/templates/$name/deliberation.xsl:$line:"
  grep -qF -- "$want" <<<"$out" || fail "$name: pas de diagnostic « $want »: $out"
  grep -qF -- "[$id]" <<<"$out" || fail "$name: identifiant [$id] absent: $out"
  # One wrong template line, one diagnostic, however many elements it wrote.
  [ "$(grep -cF -- "$want" <<<"$out")" = 1 ] || fail "$name: diagnostic répété: $out"
  n=$((n + 1))
done <"$src/tests/templates/cases/expected.txt"
[ "$n" -ge 4 ] || fail "seulement $n cas"

for name in inconnu ../default "a/b" ""; do
  set +e
  out=$("$delib" render "$sample" --template "$name" -o "$tmp/x.pdf" 2>&1)
  rc=$?
  set -e
  [ "$rc" = 2 ] || fail "modèle « $name »: code $rc au lieu de 2: $out"
  grep -q "\[template.unknown\]" <<<"$out" || fail "modèle « $name »: $out"
done
echo "ok ($n cas)"
