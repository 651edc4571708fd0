#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# How much work a deliberation can ask for per byte of its XML (issue 14,
# item 1): documents built to amplify — the widest table the schema allows
# (100 columns) with words broken letter by letter, 100 000 empty cells,
# 20 000 one-letter paragraphs — rendered once each; prints the PDF bytes,
# pages, peak memory and time per byte of input. The bounds that hold
# whatever the factor: DELIB_MAX_INPUT (64 MiB of XML), the schema's
# element limit, and the CLI's and batch's layout memory bound (2 GiB).
#
#   tests/bench/amplification.sh [build/delib]
set -eu
delib=${1:-build/delib}
src=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$src/tests/corpus/valid/base.xml" "$tmp" <<'PY'
import sys
base = open(sys.argv[1]).read()
out = sys.argv[2]

def table(ncols, rows):
    cols = "".join("<colonne/>" for _ in range(ncols))
    body = "".join("<ligne>" + "".join("<cellule>%s</cellule>" % c for c in r) + "</ligne>\n" for r in rows)
    return ('<annexe titre="A"><section numero="1" titre="T"><tableau>%s<corps>%s</corps></tableau>'
            "</section></annexe>" % (cols, body))

def doc(name, annex):
    open("%s/%s.xml" % (out, name), "w").write(base.replace("</deliberation>", annex + "</deliberation>"))

doc("colonnes-etroites", table(100, [["abcdefghij"] * 100 for _ in range(100)]))
doc("mots-longs", table(100, [["x" * 60] * 100 for _ in range(20)]))
doc("cellules-vides", table(100, [[""] * 100 for _ in range(1000)]))
doc("paragraphes", '<annexe titre="A"><section numero="1" titre="T">' +
    "".join("<para>a</para>" for _ in range(20000)) + "</section></annexe>")
PY
printf '%-18s %10s %10s %6s %12s %10s %12s %12s\n' document "XML (o)" "PDF (o)" pages "mémoire max" "temps" "PDF/XML" "mémoire/XML"
for f in "$tmp"/*.xml; do
	name=$(basename "$f" .xml)
	/usr/bin/time -f '%e %M' -o "$tmp/time" "$delib" render "$f" -o "$tmp/$name.pdf" 2>/dev/null
	read -r secs kb <"$tmp/time"
	x=$(stat -c %s "$f")
	p=$(stat -c %s "$tmp/$name.pdf")
	pages=$(pdfinfo "$tmp/$name.pdf" | awk '/^Pages/ {print $2}')
	awk -v n="$name" -v x="$x" -v p="$p" -v pg="$pages" -v kb="$kb" -v s="$secs" 'BEGIN {
		printf "%-18s %10d %10d %6d %9.1f Mio %8.2f s %12.2f %10.0f o/o\n", n, x, p, pg, kb / 1024, s, p / x, kb * 1024 / x }'
done
