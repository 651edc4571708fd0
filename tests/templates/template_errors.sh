#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# The broken-template corpus (issue 15): tests/templates/cases/NAME.xsl is
# a template's deliberation.xsl with one typical mistake (or, with
# NAME.template.xml, its identity has it), NAME.diag what
# `delib render` must print for it, exactly (paths relative to the data
# folder), after a first line "# exit N". Errors give exit status 1 and no
# PDF; warnings (a misspelt override, a part that produced nothing) let the
# PDF be written. Then `delib templates --check NAME` on the same template
# must print the same diagnostics (once each, whatever the documents) and
# exit 1 on an error, 0 otherwise. Unknown or path-like template names are
# usage errors (2).
#   template_errors.sh DELIB SOURCE_DIR [--update]: --update rewrites the
#   .diag files from what delib prints (to review with git diff).
set -euo pipefail
delib=$(realpath "$1")
src=$(realpath "$2")
update=${3:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "ÉCHEC : $*" >&2; exit 1; }
sample="$src/samples/2021-10-14-22.xml"
data="$tmp/data"
mkdir -p "$data/templates"
ln -s "$src/schema" "$data/schema"
ln -s "$src/fonts" "$data/fonts"
ln -s "$src/templates/default" "$data/templates/default"
n=0
for xsl in "$src"/tests/templates/cases/*.xsl; do
  name=$(basename "$xsl" .xsl)
  mkdir -p "$data/templates/$name"
  cp "$xsl" "$data/templates/$name/deliberation.xsl"
  # Its list and convocation are default's (template.xml: inherited parts);
  # NAME.template.xml, when there is one, is the case's own identity.
  if [ -f "${xsl%.xsl}.template.xml" ]; then
    cp "${xsl%.xsl}.template.xml" "$data/templates/$name/template.xml"
  else
    echo "<template name=\"$name\" description=\"cas d'erreur\"/>" >"$data/templates/$name/template.xml"
  fi
  set +e
  out=$(DELIB_DATADIR="$data" "$delib" render "$sample" --template "$name" -o "$tmp/$name.pdf" 2>&1)
  rc=$?
  checked=$(DELIB_DATADIR="$data" "$delib" templates --check "$name" "$sample" 2>&1 >/dev/null)
  check_rc=$?
  set -e
  out=${out//"$data/"/}
  checked=${checked//"$data/"/}
  expected="$src/tests/templates/cases/$name.diag"
  if [ "$update" = --update ]; then
    printf '# exit %s\n%s\n' "$rc" "$out" >"$expected"
  fi
  [ -f "$expected" ] || fail "$name : pas de fichier $name.diag"
  want_rc=$(sed -n '1s/^# exit //p' "$expected")
  want=$(tail -n +2 "$expected")
  [ "$rc" = "$want_rc" ] || fail "$name : code de retour $rc au lieu de $want_rc : $out"
  [ "$out" = "$want" ] || fail "$name : diagnostics différents :
$(diff <(echo "$want") <(echo "$out") || true)"
  if [ "$rc" = 0 ]; then
    [ -s "$tmp/$name.pdf" ] || fail "$name : avertissements seulement, et pas de PDF"
  else
    [ ! -e "$tmp/$name.pdf" ] || fail "$name : un PDF a été écrit"
  fi
  # --check: the same diagnostics, once each.
  for line in $(grep -o '^[^ ]*:[0-9]*:[0-9]*:' <<<"$want" | sort -u); do
    [ "$(grep -cF -- "$line" <<<"$checked")" = "$(grep -cF -- "$line" <<<"$want")" ] ||
      fail "$name : templates --check ne dit pas « $line » une fois : $checked"
  done
  want_check=0
  [ "$rc" = 0 ] || want_check=1
  [ "$check_rc" = "$want_check" ] || fail "$name : templates --check a rendu $check_rc au lieu de $want_check"
  n=$((n + 1))
done
[ "$n" -ge 15 ] || fail "seulement $n cas"

for name in inconnu ../default "a/b" ""; do
  set +e
  out=$("$delib" render "$sample" --template "$name" -o "$tmp/x.pdf" 2>&1)
  rc=$?
  set -e
  [ "$rc" = 2 ] || fail "modèle « $name » : code $rc au lieu de 2 : $out"
  grep -q "\[template.unknown\]" <<<"$out" || fail "modèle « $name » : $out"
done
echo "ok ($n cas)"
