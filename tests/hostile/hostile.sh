#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# hostile.<case> — hostile inputs: each answered with its diagnostic and exit
# status, nothing written, no file content leaked. Timing-independent (the
# figures are measured apart, see the issue note); CTest's timeout bounds it.
#
# Usage: hostile.sh DELIB SRC CASE
#   CASE: laughs | xxe | huge | pipe | nested | text | utf8 | refuse | narrow
set -euo pipefail

if [ $# -lt 3 ]; then
	echo "usage: $0 DELIB SRC CASE" >&2
	exit 2
fi
DELIB=$1
SRC=$(cd "$2" && pwd)
CASE=$3
export DELIB_DATADIR=${DELIB_DATADIR:-$SRC}
. "$SRC/tests/lib.sh"
use_tmp hostile

# expect FILE STATUS ID: validate exits STATUS and reports ID (text and JSON);
# render exits STATUS too and writes nothing.
expect() {
	local file=$1 status=$2 id=$3 rc=0
	"$DELIB" validate "$file" >"$TMP/out.txt" 2>&1 || rc=$?
	[ "$rc" = "$status" ] || fail "$(basename "$file"): validate exit $rc, expected $status"
	grep -q "\[$id\]" "$TMP/out.txt" || fail "$(basename "$file"): no [$id] in: $(head -c 600 "$TMP/out.txt")"
	rc=0
	"$DELIB" validate --format json "$file" >"$TMP/out.json" 2>&1 || rc=$?
	[ "$rc" = "$status" ] || fail "$(basename "$file"): validate --format json exit $rc"
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if any(x["id"]==sys.argv[2] for x in d) else 1)' \
		"$TMP/out.json" "$id" || fail "$(basename "$file"): JSON without $id"
	rc=0
	"$DELIB" render "$file" -o "$TMP/out.pdf" >"$TMP/render.txt" 2>&1 || rc=$?
	[ "$rc" = "$status" ] || fail "$(basename "$file"): render exit $rc, expected $status"
	[ ! -e "$TMP/out.pdf" ] || fail "$(basename "$file"): render wrote a PDF"
	ls -a "$TMP" | grep -q '^\.out\.pdf\.' && fail "$(basename "$file"): temporary file left behind"
	pass "$(basename "$file"): exit $status, [$id], nothing written"
}

laughs() {
	{
		echo '<?xml version="1.0"?>'
		echo '<!DOCTYPE lolz ['
		echo ' <!ENTITY lol "lol">'
		prev=lol
		for i in 1 2 3 4 5 6 7 8 9; do
			printf ' <!ENTITY lol%s "' "$i"
			for _ in 1 2 3 4 5 6 7 8 9 10; do printf '&%s;' "$prev"; done
			echo '">'
			prev=lol$i
		done
		echo ']>'
		echo '<deliberation xmlns="urn:delib:deliberation:1">&lol9;</deliberation>'
	} >"$TMP/laughs.xml"
	expect "$TMP/laughs.xml" 1 xml.dtd
	grep -q 'laughs.xml:2:1:' "$TMP/out.txt" || fail "billion laughs: not reported at the DOCTYPE (2:1)"
}

# An external entity naming a local file: the file's content must appear in
# no message and no PDF; tried with a file of ours holding a marker, and with
# /etc/hostname, in text content and in an attribute.
xxe() {
	local marker="SECRET-$$-$RANDOM-MARKER"
	echo "$marker" >"$TMP/secret.txt"
	local target
	for target in "$TMP/secret.txt" /etc/hostname; do
		sed -e "s|<?xml version=\"1.0\" encoding=\"UTF-8\"?>|<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE deliberation [ <!ENTITY h SYSTEM \"file://$target\"> ]>|" \
		    -e 's|<lieu>[^<]*</lieu>|<lieu>\&h;</lieu>|' \
		    -e 's|<objet>|<objet>\&h; |' \
		    "$SRC/tests/corpus/valid/base.xml" >"$TMP/xxe.xml"
		grep -q 'ENTITY h SYSTEM' "$TMP/xxe.xml" || fail "xxe: test file not built"
		expect "$TMP/xxe.xml" 1 xml.dtd
		"$DELIB" render "$TMP/xxe.xml" -o "$TMP/xxe.pdf" --dump-layout "$TMP/xxe.dump" >"$TMP/all.txt" 2>&1 || true
		cat "$TMP/out.txt" "$TMP/out.json" "$TMP/render.txt" >>"$TMP/all.txt"
		[ -e "$TMP/xxe.dump" ] && cat "$TMP/xxe.dump" >>"$TMP/all.txt"
		[ -e "$TMP/xxe.pdf" ] && fail "xxe: a PDF was written"
		if [ "$target" = "$TMP/secret.txt" ]; then
			grep -qF "$marker" "$TMP/all.txt" && fail "xxe: the marker file's content leaked"
		elif [ -r /etc/hostname ]; then
			local host
			host=$(head -n 1 /etc/hostname)
			# a whole-word match: the host name is short on some machines
			[ -n "$host" ] && grep -qwF "$host" "$TMP/all.txt" && fail "xxe: /etc/hostname ($host) leaked"
		fi
	done
	pass "xxe: no content of the named files in messages, dumps or PDF"
}

# 100 MB: refused before reading (the limit is 64 MiB), file untouched.
huge() {
	python3 - "$TMP/huge.xml" <<'PY'
import sys
with open(sys.argv[1], "wb") as f:
    f.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<deliberation xmlns="urn:delib:deliberation:1" numero="1" nature="DE">\n<objet>')
    chunk = b"Acquisition d'une parcelle. " * 4096
    for _ in range(100 * 1000 * 1000 // len(chunk) + 1):
        f.write(chunk)
    f.write(b"</objet></deliberation>\n")
PY
	expect "$TMP/huge.xml" 1 xml.limit
	grep -q 'octets (au plus 67108864)' "$TMP/out.txt" || fail "huge: the message does not give the limit"
}

# The same through a pipe (no size known in advance): read up to the limit.
pipe() {
	local rc=0
	python3 -c 'import sys; sys.stdout.buffer.write(b"<deliberation>" + b" " * (70 * 1024 * 1024))' |
		"$DELIB" validate /dev/stdin >"$TMP/out.txt" 2>&1 || rc=$?
	[ "$rc" = 1 ] || fail "pipe: exit $rc, expected 1"
	grep -q '\[xml.limit\]' "$TMP/out.txt" && grep -q 'plus de 67108864 octets' "$TMP/out.txt" ||
		fail "pipe: $(cat "$TMP/out.txt")"
	pass "pipe: 70 MiB on standard input refused [xml.limit]"
}

nested() {
	python3 -c '
import sys
n = 100000
sys.stdout.write("<?xml version=\"1.0\"?>\n<deliberation xmlns=\"urn:delib:deliberation:1\">" + "<a>" * n + "</a>" * n + "</deliberation>\n")
' >"$TMP/nested.xml"
	expect "$TMP/nested.xml" 1 xml.limit
	grep -q 'nested.xml:2:' "$TMP/out.txt" || fail "nested: not reported on line 2"
}

# Under the size limit but too much text to lay out: a 2 MB paragraph, and
# 9 MiB of text in 100 kB pieces (the sample has about 60 kB of text).
text() {
	python3 - "$SRC/tests/corpus/valid/base.xml" "$TMP" <<'PY'
import sys
base = open(sys.argv[1]).read()
one = "<objet>" + "Acquisition d'une parcelle. " * 75000 + "</objet>"
open(sys.argv[2] + "/onetext.xml", "w").write(
    base.replace("<objet>Acquisition d'une parcelle rue des Tilleuls</objet>", one))
visas = "".join("<visa>" + "Le Code général des collectivités territoriales, " * 2000 + "</visa>\n" for _ in range(95))
open(sys.argv[2] + "/manytexts.xml", "w").write(
    base.replace("<visa>Le Code général des collectivités territoriales,</visa>", visas))
PY
	expect "$TMP/onetext.xml" 1 xml.limit
	grep -q 'onetext.xml:10:.*texte d.un seul tenant de plus de 1048576 octets' "$TMP/out.txt" ||
		fail "text: one text node: $(cat "$TMP/out.txt")"
	expect "$TMP/manytexts.xml" 1 xml.limit
	grep -q 'plus de 8388608 octets de texte' "$TMP/out.txt" || fail "text: in all: $(cat "$TMP/out.txt")"
}

utf8() {
	sed 's|Saint-Exemple-sur-Seine|Saint-\xC3\x28xemple|' "$SRC/tests/corpus/valid/base.xml" >"$TMP/utf8.xml"
	expect "$TMP/utf8.xml" 1 xml.encoding
	grep -q 'utf8.xml:4:' "$TMP/out.txt" || fail "utf8: not reported on line 4"
	python3 -c 'import sys; open(sys.argv[1], encoding="utf-8").read()' "$TMP/out.txt" ||
		fail "utf8: the message is not valid UTF-8"
}

# render refuses on any error: exit 1, an existing output untouched, no
# temporary file left; a valid file then renders.
refuse() {
	printf '%%PDF-1.4 bon fichier\n' >"$TMP/out.pdf"  # a PDF: another file would take --force
	cp "$TMP/out.pdf" "$TMP/before.pdf"
	local f rc
	for f in "$SRC"/tests/corpus/invalid/vote-total-34-pour-33-votants.xml \
	         "$SRC"/tests/corpus/invalid/tronque.xml "$SRC"/tests/corpus/invalid/vide.xml \
	         "$SRC"/tests/corpus/invalid/schema-attribut-manquant.xml; do
		rc=0
		"$DELIB" render "$f" -o "$TMP/out.pdf" >"$TMP/render.txt" 2>&1 || rc=$?
		[ "$rc" = 1 ] || fail "refuse: $(basename "$f"): exit $rc, expected 1"
		cmp -s "$TMP/out.pdf" "$TMP/before.pdf" || fail "refuse: $(basename "$f"): the existing output was changed"
		grep -q ': erreur: ' "$TMP/render.txt" || fail "refuse: $(basename "$f"): no diagnostic printed"
	done
	ls -a "$TMP" | grep -q '^\.out\.pdf\.' && fail "refuse: temporary file left behind"
	rc=0
	"$DELIB" render "$SRC/tests/corpus/valid/base.xml" -o "$TMP/out.pdf" >"$TMP/render.txt" 2>&1 || rc=$?
	[ "$rc" = 0 ] && head -c 5 "$TMP/out.pdf" | grep -q '%PDF-' || fail "refuse: the valid file did not render"
	pass "refuse: invalid inputs leave the existing output untouched"
}

# A table column of 1.37 %: its header cell, a letter per line, is taller
# than the page. Repeated on every page, it left room for one body line per
# page, and the render grew past 20 GB in a minute (found by libFuzzer). Now
# the header is drawn once, with a warning, in well under a second and
# 1 GB (GNU time's peak; no ulimit -v, which AddressSanitizer cannot run under).
narrow() {
	sed 's/<colonne largeur="8.37%"\/>/<colonne largeur="1.37%"\/>/' "$SRC/samples/2021-10-14-22.xml" >"$TMP/narrow.xml"
	cmp -s "$TMP/narrow.xml" "$SRC/samples/2021-10-14-22.xml" && fail "narrow: the sample has no 8.37 % column any more"
	local rc=0 peak
	timeout 30 /usr/bin/time -f 'peak %M' -o "$TMP/time.txt" "$DELIB" render "$TMP/narrow.xml" -o "$TMP/narrow.pdf" \
		>"$TMP/render.txt" 2>&1 || rc=$?
	[ "$rc" = 0 ] || fail "narrow: exit $rc: $(tail -c 600 "$TMP/render.txt")"
	peak=$(awk '/^peak/ {print $2}' "$TMP/time.txt")
	[ "$peak" -lt 1000000 ] || fail "narrow: peak memory $peak KB"
	grep -q '\[layout.table-header\]' "$TMP/render.txt" || fail "narrow: no [layout.table-header] warning"
	local pages
	pages=$(pdfinfo "$TMP/narrow.pdf" | awk '/^Pages:/ {print $2}')
	[ "$pages" -lt 100 ] || fail "narrow: $pages pages"
	pass "narrow: a table header taller than the page is drawn once ($pages pages)"
}

case $CASE in
laughs | xxe | huge | pipe | nested | text | utf8 | refuse | narrow) "$CASE" ;;
*)
	echo "unknown case $CASE" >&2
	exit 2
	;;
esac
[ "$failures" = 0 ] || exit 1
