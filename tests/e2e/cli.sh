#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Issue 19, item 1: the command line as its users expect it. Every command
# has its own help (French, standard output, exit 0); a wrong word is named
# with the nearest valid one (exit 2, no English from getopt); a missing
# argument is named; `render` without -o writes ENTRÉE.pdf beside the input;
# an existing file that is not a PDF takes --force; --format json gives
# validate's JSON; -V gives the libraries' versions. Exact messages.
set -u
delib=$1 src=$2
. "$src/tests/lib.sh"
need python3
use_tmp cli
tmp=$TMP
sample="$src/samples/2021-10-14-22.xml"

# run ARGS…: $rc, $out (standard output), $err (standard error).
run() {
	"$delib" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}
# expect RC "STDERR" ARGS…: exit status and exact standard error.
expect() {
	local want_rc=$1 want_err=$2
	shift 2
	run "$@"
	[ "$rc" = "$want_rc" ] || fail "delib $* : code $rc au lieu de $want_rc"
	[ "$err" = "$want_err" ] || fail "delib $* : erreur
« $err »
au lieu de
« $want_err »"
	if grep -qiE 'unrecognized|invalid option|requires an argument|usage:' "$tmp/err"; then
		fail "delib $* : message de getopt en anglais"
	fi
}

# Help: each command's own, on standard output, exit 0, by three routes.
for cmd in render validate templates liste convocation batch serve; do
	for form in "$cmd --help" "$cmd -h" "help $cmd"; do
		# shellcheck disable=SC2086
		run $form
		[ "$rc" = 0 ] || fail "delib $form : code $rc"
		[ -z "$err" ] || fail "delib $form : erreur standard non vide : $err"
		case $out in
		"Usage : delib $cmd"*) ;;
		*) fail "delib $form : pas l'aide de $cmd : $(head -1 "$tmp/out")" ;;
		esac
		grep -q 'Les commandes' "$tmp/out" && fail "delib $form : l'aide générale au lieu de celle de $cmd"
	done
done
for form in --help -h help; do
	run $form
	[ "$rc" = 0 ] && grep -q '^Les commandes :' "$tmp/out" || fail "delib $form : pas l'aide générale (code $rc)"
done
pass "aide de chaque commande"

# Wrong words: named, the nearest suggested, exit 2.
help_line=$'\nLes commandes : render, validate, templates, liste, convocation, batch, serve ; aide : delib --help'
expect 2 "delib : commande inconnue « rendre » ; vouliez-vous dire « render » ?$help_line" rendre x.xml
expect 2 "delib : commande inconnue « xyzzy »$help_line" xyzzy
expect 2 "delib help : commande inconnue « valider » ; vouliez-vous dire « validate » ?$help_line" help valider
expect 2 $'delib render : option inconnue « --ouput » ; vouliez-vous dire « --output » (-o) ?\nAide : delib help render' \
	render "$sample" --ouput x.pdf
expect 2 $'delib render : option ambiguë « --d » : --draft ou --dump-layout ?\nAide : delib help render' \
	render "$sample" --d
expect 2 $'delib render : option inconnue « -x »\nAide : delib help render' render -x "$sample"
expect 2 $'delib render : l\'option « -o » attend une valeur\nAide : delib help render' render "$sample" -o
expect 2 $'delib render : l\'option « --draft » ne prend pas de valeur\nAide : delib help render' \
	render "$sample" --draft=oui
expect 2 $'delib validate : option inconnue « --formt » ; vouliez-vous dire « --format » (-f) ?\nAide : delib help validate' \
	validate --formt json "$sample"
expect 2 $'delib validate : --format attend « text » ou « json », pas « xml »\nAide : delib help validate' \
	validate --format xml "$sample"
expect 2 $'delib batch : option inconnue « --jbos » ; vouliez-vous dire « --jobs » (-j) ?\nAide : delib help batch' \
	batch --jbos 2 "$tmp" -o "$tmp/b"
expect 2 $'delib : option inconnue « --vesion » ; vouliez-vous dire « --version » ?\nAide : delib --help' --vesion
pass "mot inconnu nommé, le plus proche suggéré"

# Missing and extra arguments, named.
expect 2 $'delib render : fichier d\'entrée manquant\nAide : delib help render' render
expect 2 $'delib render : fichier d\'entrée manquant\nAide : delib help render' render -o x.pdf
expect 2 $'delib validate : fichier d\'entrée manquant\nAide : delib help validate' validate
expect 2 $'delib render : argument en trop « b.xml » (une seule entrée)\nAide : delib help render' render a.xml b.xml
expect 2 $'delib liste : dossier d\'entrée manquant\nAide : delib help liste' liste -o l.pdf
expect 2 $'delib liste : sortie manquante (-o FICHIER.pdf)\nAide : delib help liste' liste "$tmp"
expect 2 $'delib convocation : sortie manquante (-o FICHIER.pdf)\nAide : delib help convocation' convocation "$tmp"
expect 2 $'delib batch : dossier d\'entrée manquant\nAide : delib help batch' batch
expect 2 $'delib batch : dossier de sortie manquant (-o DOSSIER)\nAide : delib help batch' batch "$tmp"
expect 2 $'delib templates : argument en trop « x » (la commande n\'en prend pas)\nAide : delib help templates' templates x
run
[ "$rc" = 2 ] && grep -q '^delib : commande manquante$' "$tmp/err" || fail "delib sans commande : code $rc, $err"
pass "argument manquant nommé"

# -o omitted: ENTRÉE.pdf beside the input, whatever the current folder.
mkdir "$tmp/w" "$tmp/elsewhere"
cp "$sample" "$tmp/w/in.xml"
(cd "$tmp/elsewhere" && "$delib" render ../w/in.xml 2>"$tmp/err") || fail "render sans -o : $(cat "$tmp/err")"
head -c 5 "$tmp/w/in.pdf" | grep -q '%PDF-' || fail "render sans -o : pas de in.pdf à côté de l'entrée"
[ -z "$(ls -A "$tmp/elsewhere")" ] || fail "render sans -o : écrit dans le dossier courant"
cp "$sample" "$tmp/w/noext"
"$delib" render "$tmp/w/noext" 2>/dev/null && [ -s "$tmp/w/noext.pdf" ] || fail "render sans -o : noext.pdf"
# Standard input without -o: standard output, a filter.
"$delib" render - <"$sample" >"$tmp/w/piped.pdf" 2>"$tmp/err" || fail "render - sans -o : $(cat "$tmp/err")"
cmp -s "$tmp/w/in.pdf" "$tmp/w/piped.pdf" || fail "render - sans -o : pas le même PDF sur la sortie standard"
pass "-o facultatif"

# An existing file that is not a PDF: refused (exit 2, left as it was),
# replaced with --force; the input itself refused even with --force.
echo "mon rapport" >"$tmp/w/rapport.txt"
expect 2 "$tmp/w/in.xml:0:0: erreur: sortie « $tmp/w/rapport.txt » refusée : ce fichier existe et n'est pas un PDF (--force pour le remplacer) ; rien n'a été écrit [io.output]" \
	render "$tmp/w/in.xml" -o "$tmp/w/rapport.txt"
[ "$(cat "$tmp/w/rapport.txt")" = "mon rapport" ] || fail "le fichier non PDF a été modifié"
run render "$tmp/w/in.xml" -o "$tmp/w/rapport.txt" --format json
[ "$rc" = 2 ] || fail "refus en JSON : code $rc"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[0]["id"]=="io.output", d' "$tmp/out" ||
	fail "refus en JSON : $out"
run render "$tmp/w/in.xml" -o "$tmp/w/rapport.txt" --force
[ "$rc" = 0 ] && head -c 5 "$tmp/w/rapport.txt" | grep -q '%PDF-' || fail "--force : non remplacé (code $rc) $err"
echo "notes" >"$tmp/w/notes.txt"
mkdir "$tmp/seance" && cp "$sample" "$tmp/seance/a.xml"
run liste "$tmp/seance" -o "$tmp/w/notes.txt"
[ "$rc" = 2 ] && [ "$(cat "$tmp/w/notes.txt")" = notes ] || fail "liste sur un fichier non PDF : code $rc"
: >"$tmp/w/empty.pdf"
run render "$tmp/w/in.xml" -o "$tmp/w/empty.pdf"
[ "$rc" = 0 ] || fail "un fichier vide (mktemp) refusé : $err"
cp "$tmp/w/in.xml" "$tmp/w/before.xml"
run render "$tmp/w/in.xml" -o "$tmp/w/in.xml" --force
[ "$rc" = 2 ] && cmp -s "$tmp/w/in.xml" "$tmp/w/before.xml" || fail "--force sur l'entrée : code $rc"
grep -q "c'est le fichier d'entrée" "$tmp/err" || fail "--force sur l'entrée : $err"
pass "fichier existant non PDF refusé sans --force"

# --format json: validate's JSON, parseable, for render on an invalid
# document (on standard output; on standard error when the PDF goes to
# standard output), and for liste.
sed 's/<seance/<seanceX/' "$sample" >"$tmp/w/bad.xml"
json_ids() { python3 -c 'import json,sys; print(" ".join(d["id"] for d in json.load(open(sys.argv[1]))))' "$1"; }
run render "$tmp/w/bad.xml" -o "$tmp/w/bad.pdf" --format json
[ "$rc" = 1 ] || fail "render --format json invalide : code $rc"
[ "$(json_ids "$tmp/out")" = xml.syntax ] || fail "render --format json : $out"
[ -z "$err" ] || fail "render --format json : erreur standard non vide : $err"
"$delib" validate --format json "$tmp/w/bad.xml" >"$tmp/validate.json" 2>/dev/null
cmp -s "$tmp/out" "$tmp/validate.json" || fail "render --format json : pas le JSON de validate"
"$delib" render - -o - --format json <"$tmp/w/bad.xml" >/dev/null 2>"$tmp/err.json"
[ "$(json_ids "$tmp/err.json")" = xml.syntax ] || fail "render -o - --format json : $(cat "$tmp/err.json")"
cp "$tmp/w/bad.xml" "$tmp/seance/b.xml"
run liste "$tmp/seance" -o "$tmp/w/liste.pdf" --format json
json_ids "$tmp/out" | grep -q xml.syntax || fail "liste --format json (code $rc) : $out"
# batch: one JSON line per failed document on standard output, the
# progress and the summary on standard error.
mkdir "$tmp/lot"
cp "$tmp/w/bad.xml" "$tmp/lot/a.xml"
sed 's/numero="2021-10-14-22"/numero="2021-10-14-23"/' "$tmp/w/bad.xml" >"$tmp/lot/b.xml"
run batch "$tmp/lot" -o "$tmp/lot-pdf" --format json
[ "$rc" = 1 ] || fail "batch --format json : code $rc"
python3 -c 'import json, sys
lines = open(sys.argv[1]).read().splitlines()
docs = [json.loads(l) for l in lines]
assert [d["input"].rsplit("/", 1)[1] for d in docs] == ["a.xml", "b.xml"], docs
assert all(d["status"] == "failed" and d["diagnostics"][0]["id"] == "xml.syntax" for d in docs), docs' "$tmp/out" \
  || fail "batch --format json : $out"
grep -q "^Bilan : 0 rendu, 0 inchangé, 2 en échec" "$tmp/err" || fail "batch --format json, erreur standard : $err"
expect 2 "delib batch : --format json et --report - écriraient tous deux sur la sortie standard
Aide : delib help batch" batch "$tmp/lot" -o "$tmp/lot-pdf" --format json --report -
pass "--format json"

# -V: delib and the libraries it runs with.
for form in -V --version; do
	run $form
	[ "$rc" = 0 ] || fail "delib $form : code $rc"
	for lib in delib libxml2 libxslt libharu HarfBuzz fontconfig; do
		grep -qE "^$lib [0-9]+\.[0-9]+(\.[0-9]+)?" "$tmp/out" || fail "delib $form : pas de version de $lib : $out"
	done
done
pass "versions"
[ "$failures" = 0 ]
