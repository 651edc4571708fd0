#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Issue 14, item 5: `delib render -o PATH` (and `liste -o`) replaces only a
# regular file. The input itself, a device, a FIFO, a folder or a symbolic
# link is refused with io.output and exit 2, left exactly as it was, and no
# temporary file is left beside it. "-" is standard input or output.
set -u
delib=$1 src=$2
. "$src/tests/lib.sh"
use_tmp output
tmp=$TMP
sample="$src/samples/2021-10-14-22.xml"
ko() { fail "$*"; }

# refused TARGET WHAT [render args...]: exit 2, io.output, nothing left over.
refused() {
	local target=$1 what=$2
	shift 2
	"$delib" "$@" -o "$target" 2>"$tmp/err"
	local rc=$?
	[ "$rc" = 2 ] || ko "$what : code de sortie $rc au lieu de 2"
	grep -q '\[io.output\]' "$tmp/err" || ko "$what : pas de diagnostic io.output : $(cat "$tmp/err")"
	ls -A "$(dirname "$target")" | grep -q '^\..*\.[A-Za-z0-9]\{6\}$' && ko "$what : fichier temporaire laissé"
	return 0
}

mkdir "$tmp/w"
cp "$sample" "$tmp/w/in.xml"
before=$(sha256sum <"$tmp/w/in.xml")
refused "$tmp/w/in.xml" "l'entrée" render "$tmp/w/in.xml"
[ "$(sha256sum <"$tmp/w/in.xml")" = "$before" ] || ko "l'entrée a été modifiée"
ln "$tmp/w/in.xml" "$tmp/w/hard.xml"
refused "$tmp/w/hard.xml" "un lien physique vers l'entrée" render "$tmp/w/in.xml"
[ "$(sha256sum <"$tmp/w/in.xml")" = "$before" ] || ko "l'entrée a été modifiée par son lien physique"

mkfifo "$tmp/w/fifo"
refused "$tmp/w/fifo" "un tube" render "$sample"
[ -p "$tmp/w/fifo" ] || ko "le tube a été remplacé"

ln -s "$tmp/w/target.pdf" "$tmp/w/link.pdf"
refused "$tmp/w/link.pdf" "un lien symbolique" render "$sample"
[ -L "$tmp/w/link.pdf" ] || ko "le lien symbolique a été remplacé"
[ -e "$tmp/w/target.pdf" ] && ko "la cible du lien a été écrite"

mkdir "$tmp/w/dossier"
refused "$tmp/w/dossier" "un dossier" render "$sample"
[ -d "$tmp/w/dossier" ] || ko "le dossier a disparu"

# A device: as root, renaming over /dev/null would replace it. A private
# device node of our own, so that a failure cannot damage the machine.
if [ "$(id -u)" = 0 ] && mknod "$tmp/w/null" c 1 3 2>/dev/null; then
	refused "$tmp/w/null" "un périphérique" render "$sample"
	[ -c "$tmp/w/null" ] || ko "le périphérique a été remplacé"
fi

mkdir "$tmp/seance"
cp "$sample" "$tmp/seance/a.xml"
refused "$tmp/seance/a.xml" "liste : une des entrées" liste "$tmp/seance"
[ "$(sha256sum <"$tmp/seance/a.xml")" = "$before" ] || ko "liste : l'entrée a été modifiée"

# "-": standard input and standard output, the same bytes as files; no
# file named "-" is made.
cd "$tmp/w" || exit 1
"$delib" render "$sample" -o "$tmp/w/ref.pdf" 2>/dev/null || ko "rendu de référence"
"$delib" render - -o - <"$sample" >"$tmp/w/stdio.pdf" 2>"$tmp/err" || ko "render - -o - : $(cat "$tmp/err")"
cmp -s "$tmp/w/ref.pdf" "$tmp/w/stdio.pdf" || ko "render - -o - : octets différents du rendu de fichier à fichier"
"$delib" render "$sample" -o - >"$tmp/w/stdout.pdf" 2>/dev/null || ko "render FICHIER -o -"
cmp -s "$tmp/w/ref.pdf" "$tmp/w/stdout.pdf" || ko "render FICHIER -o - : octets différents"
"$delib" render - -o "$tmp/w/fromstdin.pdf" <"$sample" 2>/dev/null || ko "render - -o FICHIER"
cmp -s "$tmp/w/ref.pdf" "$tmp/w/fromstdin.pdf" || ko "render - -o FICHIER : octets différents"
[ -e "$tmp/w/-" ] && ko "un fichier nommé « - » a été créé"
"$delib" validate - <"$sample" 2>/dev/null || ko "validate - : code $?"
mkfifo "$tmp/w/fifo2"
refused "$tmp/w/fifo2" "entrée standard vers un tube" render - <"$sample"
[ -p "$tmp/w/fifo2" ] || ko "le tube a été remplacé (entrée standard)"
cd - >/dev/null || exit 1

# A regular file is replaced, atomically, as before: a PDF, or (with
# --force) any file; one that is not a PDF takes --force (tests/e2e/cli.sh).
echo '%PDF-1.4 ancien' >"$tmp/w/out.pdf"
"$delib" render "$sample" -o "$tmp/w/out.pdf" 2>/dev/null || ko "un PDF existant n'a pas été remplacé"
grep -q ancien "$tmp/w/out.pdf" && ko "le PDF existant n'a pas été remplacé"
echo ancien >"$tmp/w/out.txt"
"$delib" render "$sample" -o "$tmp/w/out.txt" --force 2>/dev/null || ko "--force : un fichier ordinaire existant n'a pas été remplacé"
head -c 5 "$tmp/w/out.txt" | grep -q '%PDF-' || ko "le fichier remplacé n'est pas un PDF"
[ "$failures" = 0 ]
