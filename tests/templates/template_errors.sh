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
# A séance's list and convocation must show each item's objet: a liste.xsl
# whose "entries" forget the objets and a convocation.xsl whose "agenda"
# forgets the third affair are warned at their line, once per item, and
# the PDF is still written (template.part). A commune of 800: no note
# explicative de synthèse, which would name every objet again.
seance="$data/templates/sans-objets"
mkdir -p "$seance" "$tmp/liste" "$tmp/projets"
echo '<template name="sans-objets" description="cas d'"'"'erreur"/>' >"$seance/template.xml"
cat >"$seance/liste.xsl" <<'XSL'
<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:d="urn:delib:deliberation:1" xmlns="urn:delib:layout:1" exclude-result-prefixes="d">
  <xsl:import href="../default/liste.xsl"/>
  <xsl:template name="entries">
    <xsl:for-each select="d:entree"><p><xsl:value-of select="@numero"/></p></xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
XSL
cat >"$seance/convocation.xsl" <<'XSL'
<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:d="urn:delib:deliberation:1" xmlns="urn:delib:layout:1" exclude-result-prefixes="d">
  <xsl:import href="../default/convocation.xsl"/>
  <xsl:template name="agenda">
    <xsl:for-each select="d:point[position() != 3]"><p><xsl:value-of select="d:objet"/></p></xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
XSL
cp "$sample" "$tmp/liste/"
python3 - "$src/tests/tools" "$tmp/projets" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import make_wording as mw
for i, objet in enumerate(["Budget primitif 2023", "Tarifs de la cantine", "Subvention au club de judo"], 1):
    x = mw.deliberation(statut="projet", final=False, convocation="2023-03-09", population="800")
    x = x.replace('numero="2023-03-16-4"', 'numero="2023-03-16-%d"' % i)
    x = x.replace("<objet>Acquisition d'une parcelle rue des Tilleuls</objet>", "<objet>%s</objet>" % objet)
    open("%s/p%d.xml" % (sys.argv[2], i), "w", encoding="utf-8").write(x)
PY
numero=$(sed -n 's/.*<deliberation [^>]*numero="\([^"]*\)".*/\1/p' "$sample")
out=$(DELIB_DATADIR="$data" "$delib" liste "$tmp/liste" --template sans-objets -o "$tmp/liste.pdf" 2>&1) ||
  fail "liste sans objets : la liste doit être écrite malgré l'avertissement : $out"
want="templates/sans-objets/liste.xsl:5:0: avertissement: le modèle ne produit pas la délibération n° $numero dans la liste : son objet (« entree/objet ») n'est nulle part dans la mise en page, et la liste énumère les délibérations examinées en séance (CGCT L2121-25) [template.part]"
[ "${out//"$data/"/}" = "$want" ] || fail "liste sans objets : $out"
[ -s "$tmp/liste.pdf" ] || fail "liste sans objets : pas de PDF"
out=$(DELIB_DATADIR="$data" "$delib" convocation "$tmp/projets" --template sans-objets -o "$tmp/convocation.pdf" 2>&1) ||
  fail "ordre du jour incomplet : la convocation doit être écrite malgré l'avertissement : $out"
want="templates/sans-objets/convocation.xsl:5:0: avertissement: le modèle ne produit pas l'affaire n° 2023-03-16-3 à l'ordre du jour : son objet (« point/objet ») n'est nulle part dans la mise en page, et la convocation indique les questions portées à l'ordre du jour (CGCT L2121-10 ; départements L3121-19, régions L4132-18) [template.part]"
[ "${out//"$data/"/}" = "$want" ] || fail "ordre du jour incomplet : $out"
# default's own list and convocation of the same séance: no warning.
out=$(DELIB_DATADIR="$data" "$delib" convocation "$tmp/projets" -o "$tmp/c2.pdf" 2>&1)
[ -z "$out" ] || fail "convocation de default : $out"
out=$(DELIB_DATADIR="$data" "$delib" liste "$tmp/liste" -o "$tmp/l2.pdf" 2>&1)
[ -z "$out" ] || fail "liste de default : $out"
echo "ok ($n cas, et la liste et la convocation)"
