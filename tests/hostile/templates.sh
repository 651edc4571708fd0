#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# hostile-template.<case> — a template written to read the machine's files,
# fetch over the network, write, or run or grow without end
# (tests/hostile/templates/CASE/, expectations in expected.txt): refused or
# stopped with one diagnostic at the template's file and line, exit status
# 1, no PDF and no temporary file, nothing of /etc/passwd or /etc/hostname
# in any output (render's messages, validate's JSON, the layout dump). The
# bounds checked (20 s, 512 MB of peak) are far above what the sandbox
# takes (under half a second and 100 MB, printed) and far below what the
# case takes without it (endless, or gigabytes): timing-independent under
# the sanitizers.
#
# Usage: templates.sh DELIB SRC CASE
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 DELIB SRC CASE" >&2; exit 2; }
DELIB=$(realpath "$1")
SRC=$(cd "$2" && pwd)
CASE=$3
. "$SRC/tests/lib.sh"
use_tmp hostile-template

read -r line id < <(awk -v c="$CASE" '$1 == c {print $2, $3}' "$SRC/tests/hostile/templates/expected.txt")
[ -n "${id:-}" ] || { echo "unknown case $CASE" >&2; exit 2; }

# A data folder of our own: the shipped default (which hostile cases
# import) and the case's folder.
data=$TMP/data
mkdir -p "$data/templates"
ln -s "$SRC/schema" "$data/schema"
ln -s "$SRC/fonts" "$data/fonts"
ln -s "$SRC/templates/default" "$data/templates/default"
cp -r "$SRC/tests/hostile/templates/$CASE" "$data/templates/$CASE"
# A link out of the folder is made here, not kept in the repository.
[ "$CASE" = document-symlink ] && ln -s /etc/passwd "$data/templates/$CASE/lien.xml"
rm -f /tmp/delib-hostile-written.xml /tmp/delib-hostile-written2.xml

sample=$SRC/samples/2021-10-14-22.xml
sheet=$data/templates/$CASE/deliberation.xsl
rc=0
DELIB_DATADIR=$data timeout 20 /usr/bin/time -f '%e %M' -o "$TMP/time.txt" \
	"$DELIB" render "$sample" --template "$CASE" -o "$TMP/out.pdf" --dump-layout "$TMP/out.dump" \
	>"$TMP/render.txt" 2>&1 || rc=$?
read -r seconds peak < <(tail -n 1 "$TMP/time.txt") || true
[ "$rc" = 1 ] || fail "$CASE: exit $rc, expected 1: $(head -c 800 "$TMP/render.txt")"
[ ! -e "$TMP/out.pdf" ] || fail "$CASE: a PDF was written"
ls -a "$TMP" | grep -q '^\.out\.pdf\.' && fail "$CASE: temporary file left behind"
# LINE, or FIRST-LAST for a stop inside a loop: where the count of
# instructions runs out depends on what ran before it (default's parts).
first=${line%-*}
last=${line#*-}
got=$(sed -n "s|^$sheet:\([0-9]*\):.*\[$id\]\$|\1|p" "$TMP/render.txt" | head -n 1)
[ -n "$got" ] && [ "$got" -ge "$first" ] && [ "$got" -le "$last" ] ||
	fail "$CASE: no diagnostic at $sheet:$line: with [$id]: $(cat "$TMP/render.txt")"
errors=$(grep -c ': erreur: ' "$TMP/render.txt" || true)
[ "$errors" = 1 ] || fail "$CASE: $errors errors, one cause: $(cat "$TMP/render.txt")"
[ "${peak:-0}" -lt 512000 ] || fail "$CASE: peak memory $peak KB"

rc=0
DELIB_DATADIR=$data timeout 20 "$DELIB" validate "$sample" --template "$CASE" --format json \
	>"$TMP/validate.json" 2>&1 || rc=$?
[ "$rc" = 1 ] || fail "$CASE: validate exit $rc"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if [x["id"] for x in d if x["severity"]=="error"]==[sys.argv[2]] else 1)' \
	"$TMP/validate.json" "$id" || fail "$CASE: validate's JSON: $(cat "$TMP/validate.json")"

# Nothing of the machine's files in any output.
cat "$TMP/render.txt" "$TMP/validate.json" >"$TMP/all.txt"
[ -e "$TMP/out.dump" ] && cat "$TMP/out.dump" >>"$TMP/all.txt"
grep -qE 'root:x?:0:0|/bin/(ba)?sh|nologin' "$TMP/all.txt" && fail "$CASE: /etc/passwd leaked"
host=$(head -n 1 /etc/hostname 2>/dev/null || true)
[ -n "$host" ] && grep -qwF -- "$host" "$TMP/all.txt" && fail "$CASE: /etc/hostname ($host) leaked"
[ ! -e /tmp/delib-hostile-written.xml ] && [ ! -e /tmp/delib-hostile-written2.xml ] ||
	fail "$CASE: the template wrote a file"
[ "$failures" = 0 ] && pass "$CASE: [$id] at line $line, exit 1, ${seconds} s, peak ${peak} KB"
[ "$failures" = 0 ]
