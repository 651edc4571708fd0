#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# batch.io-* — delib batch when the output cannot be written (issue 14).
#
# Usage: io.sh DELIB SRC FAILFS CASE
#   DELIB   the delib binary
#   SRC     the source tree (scripts/gen_corpus.py)
#   FAILFS  tests/batch/failfs.c built as a shared object (LD_PRELOAD): the
#           output folder fails as a read-only mount, a permission error or a
#           full disk would, whoever runs the test (root ignores permissions)
#   CASE    one of:
#     readonly    EROFS on the output folder: exit 3 (not 1: the README's Job
#                 retries on 3), every document failed with io.write and the
#                 cause in the report and on stderr, nothing left behind; the
#                 rerun once the folder is writable renders everything, exit 0
#     permission  the same with EACCES
#     nospace     the same with ENOSPC (the writes fail, not the creation)
#     mixed       an invalid document and a full disk: exit 3 still (the
#                 I/O failure decides), the invalid one reported as such
#     sidecar     a sidecar recording a size no PDF can have (0 bytes: a PDF
#                 emptied, then its sidecar rewritten to match) is not
#                 trusted: the document is rendered again
#
# A missing tool is a failure, never a skip.
set -euo pipefail

if [ $# -ne 4 ]; then
	echo "usage: $0 DELIB SRC_DIR FAILFS CASE" >&2
	exit 2
fi
DELIB=$1
SRC=$(cd "$2" && pwd)
FAILFS=$3
CASE=$4
GEN=$SRC/scripts/gen_corpus.py
export DELIB_DATADIR=${DELIB_DATADIR:-$SRC}

. "$SRC/tests/lib.sh"
use_tmp batch-io-$CASE
need python3

json() {
	python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

# failing ERRNO ARGS…: delib batch with the output folder failing with ERRNO.
failing() {
	local e=$1
	shift
	# The shim is not instrumented: a sanitizer build must accept it first.
	LD_PRELOAD=$FAILFS FAILFS_UNDER=$TMP/out FAILFS_ERRNO=$e \
		ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 "$DELIB" batch "$@"
}

io_case() {
	local errno=$1 rc=0 n
	python3 "$GEN" "$TMP/in" --years 1 --seances 1 --per-seance 3 --seed 3 --annex-pages 0 2>/dev/null
	mkdir -p "$TMP/out"
	failing "$errno" "$TMP/in" -o "$TMP/out" -j 2 --report "$TMP/r.json" 2>"$TMP/err" || rc=$?
	[ "$rc" -eq 3 ] || { cat "$TMP/err" >&2; fail "$errno: exit status $rc, expected 3 (an I/O failure, worth a retry)"; }
	[ "$(json "$TMP/r.json" "(r['totals']['failed'], r['totals']['rendered'])")" = "(3, 0)" ] ||
		fail "$errno: 3 failed, 0 rendered expected in the report"
	[ "$(json "$TMP/r.json" "sorted({d['diagnostics'][-1]['id'] for d in r['documents']})")" = "['io.write']" ] ||
		fail "$errno: every document should fail with io.write"
	grep -q 'code de sortie 3' "$TMP/err" || fail "$errno: stderr does not say exit 3 and why"
	n=$(find "$TMP/out" -type f | wc -l)
	[ "$n" -eq 0 ] || fail "$errno: $n files left in the output folder"
	rc=0
	"$DELIB" batch "$TMP/in" -o "$TMP/out" --report "$TMP/r2.json" 2>/dev/null || rc=$?
	[ "$rc" -eq 0 ] || fail "$errno: the rerun on a writable folder exits $rc"
	[ "$(json "$TMP/r2.json" "r['totals']['rendered']")" = 3 ] || fail "$errno: the rerun should render all 3"
}

case_mixed() {
	local rc=0
	python3 "$GEN" "$TMP/in" --years 1 --seances 1 --per-seance 2 --seed 3 --annex-pages 0 2>/dev/null
	local d
	d=$(dirname "$(find "$TMP/in" -name '*.xml' | sort | head -1)")
	printf '<deliberation' >"$d/99_tronque.xml"
	mkdir -p "$TMP/out"
	failing ENOSPC "$TMP/in" -o "$TMP/out" --report "$TMP/r.json" 2>/dev/null || rc=$?
	[ "$rc" -eq 3 ] || fail "mixed: exit status $rc, expected 3"
	[ "$(json "$TMP/r.json" "[d for d in r['documents'] if d['input'].endswith('99_tronque.xml')][0]['diagnostics'][0]['id']")" = xml.syntax ] ||
		fail "mixed: the truncated document should fail with xml.syntax"
	# Without the I/O failure, the invalid document alone: exit 1.
	rc=0
	"$DELIB" batch "$TMP/in" -o "$TMP/out" 2>/dev/null || rc=$?
	[ "$rc" -eq 1 ] || fail "mixed: invalid document only: exit status $rc, expected 1"
}

case_sidecar() {
	python3 "$GEN" "$TMP/in" --years 1 --seances 1 --per-seance 2 --seed 3 --annex-pages 0 2>/dev/null
	"$DELIB" batch "$TMP/in" -o "$TMP/out" 2>/dev/null || fail "first run failed"
	local a
	a=$(find "$TMP/out" -name '*.pdf' | sort | head -1)
	cp "$a" "$TMP/a.pdf"
	# The PDF emptied, its sidecar rewritten to claim an empty PDF: the hash
	# of its first 0 bytes matches any file.
	: >"$a"
	local empty
	empty=$(python3 -c 'import hashlib; print(hashlib.sha256(b"").hexdigest())')
	sed -i "s/^pdf: .*/pdf: 0 $empty/" "$a.sha256"
	"$DELIB" batch "$TMP/in" -o "$TMP/out" --report "$TMP/r.json" 2>/dev/null || fail "run after the damage failed"
	[ "$(json "$TMP/r.json" "(r['totals']['rendered'], r['totals']['unchanged'])")" = "(1, 1)" ] ||
		fail "a sidecar recording a 0-byte PDF was trusted: 1 rendered, 1 unchanged expected"
	cmp -s "$a" "$TMP/a.pdf" || fail "the emptied PDF was not rendered again"
	# Below the smallest PDF (a 40-byte file and its true hash): not trusted either.
	head -c 40 "$TMP/a.pdf" >"$a"
	sed -i "s/^pdf: .*/pdf: 40 $(sha256sum "$a" | cut -c1-64)/" "$a.sha256"
	"$DELIB" batch "$TMP/in" -o "$TMP/out" --report "$TMP/r2.json" 2>/dev/null || fail "run after the second damage failed"
	[ "$(json "$TMP/r2.json" "r['totals']['rendered']")" = 1 ] || fail "a sidecar recording a 40-byte PDF was trusted"
}

case $CASE in
readonly) io_case EROFS ;;
permission) io_case EACCES ;;
nospace) io_case ENOSPC ;;
mixed) case_mixed ;;
sidecar) case_sidecar ;;
*) echo "unknown case: $CASE" >&2; exit 2 ;;
esac

if [ "$failures" -ne 0 ]; then
	echo "$failures failure(s)" >&2
	exit 1
fi
echo "ok: batch.io-$CASE"
