#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# batch.* — delib batch over archives made by scripts/gen_corpus.py (issue 6).
#
# Usage: batch.sh DELIB SRC CASE
#   DELIB  the delib binary
#   SRC    the source tree (scripts/gen_corpus.py)
#   CASE   one of:
#     basic     the generator is deterministic and its documents validate; a
#               batch renders them all (qpdf --check passes, PDFs named after
#               the numbers, sidecars beside them, report complete); a second
#               run renders nothing and says so; --force renders again, same bytes
#     kill      kill -9 in the middle of a batch, then a rerun: complete, every
#               PDF valid, no temporary file left, finished work skipped; stale
#               temporaries are swept and nothing else is touched
#     shards    --shard 1/3, 2/3, 3/3 run at the same time into one folder give
#               exactly the files of the unsharded run (names and bytes); a shard
#               sweeps only the temporaries of its own documents
#     failures  invalid XML, a schema error and a duplicate number fail with
#               their diagnostics in the report; the others render; exit 1
#
# A missing tool is a failure, never a skip.
set -euo pipefail

if [ $# -ne 3 ]; then
	echo "usage: $0 DELIB SRC_DIR CASE" >&2
	exit 2
fi
DELIB=$1
SRC=$(cd "$2" && pwd)
CASE=$3
GEN=$SRC/scripts/gen_corpus.py
export DELIB_DATADIR=${DELIB_DATADIR:-$SRC}

. "$SRC/tests/lib.sh"
use_tmp batch-$CASE
need python3
need qpdf

# json FILE EXPR: evaluates a Python expression over the report (bound to r).
json() {
	python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

# Every PDF under a folder passes qpdf --check (in parallel).
check_pdfs() {
	local dir=$1 bad
	bad=$(find "$dir" -name '*.pdf' -print0 |
		xargs -0 -r -n 8 -P 4 sh -c 'for f; do qpdf --check "$f" >/dev/null 2>&1 || echo "$f"; done' sh)
	[ -z "$bad" ] || fail "qpdf --check rejects: $bad"
}

# Temporary files of ours (or any hidden file) left in a folder.
leftovers() {
	find "$1" -name '.*' -type f
}

case_basic() {
	python3 "$GEN" "$TMP/in" --years 1 --seances 2 --per-seance 3 --seed 7 2>/dev/null
	python3 "$GEN" "$TMP/again" --years 1 --seances 2 --per-seance 3 --seed 7 2>/dev/null
	diff -r "$TMP/in" "$TMP/again" >/dev/null || fail "gen_corpus.py is not deterministic for a given seed"
	python3 "$GEN" "$TMP/other" --years 1 --seances 2 --per-seance 3 --seed 8 2>/dev/null
	diff -r "$TMP/in" "$TMP/other" >/dev/null && fail "gen_corpus.py ignores --seed"
	local n
	n=$(find "$TMP/in" -name '*.xml' | wc -l)
	[ "$n" -eq 6 ] || fail "expected 6 documents, got $n"
	while IFS= read -r -d '' f; do
		"$DELIB" validate "$f" >/dev/null 2>&1 || fail "generated document does not validate: $f"
	done < <(find "$TMP/in" -name '*.xml' -print0)

	# First run: everything rendered.
	local rc=0
	"$DELIB" batch "$TMP/in" -o "$TMP/out" -j 2 --report "$TMP/r1.json" 2>"$TMP/err1" || rc=$?
	[ "$rc" -eq 0 ] || { cat "$TMP/err1" >&2; fail "first run exit status $rc"; }
	[ "$(json "$TMP/r1.json" "r['totals']['rendered']")" = 6 ] || fail "first run: 6 rendered expected"
	[ "$(json "$TMP/r1.json" "len(r['documents'])")" = 6 ] || fail "report: 6 documents expected"
	[ "$(json "$TMP/r1.json" "[d['input'] for d in r['documents']] == sorted(d['input'] for d in r['documents'])")" = True ] ||
		fail "report not in input order"
	[ "$(json "$TMP/r1.json" "all(d['pages'] >= 1 and d['milliseconds'] >= 0 for d in r['documents'])")" = True ] ||
		fail "report: pages or milliseconds missing"
	grep -q "Bilan : 6 rendus, 0 inchangé, 0 en échec" "$TMP/err1" || fail "summary of the first run: $(tail -2 "$TMP/err1")"
	check_pdfs "$TMP/out"
	# Mirrored folders, PDFs named after @numero, a sidecar beside each.
	while IFS= read -r -d '' f; do
		local rel numero pdf
		rel=${f#"$TMP/in/"}
		numero=$(sed -n 's/.*<deliberation [^>]*numero="\([^"]*\)".*/\1/p' "$f")
		pdf=$TMP/out/$(dirname "$rel")/$numero.pdf
		[ -s "$pdf" ] || fail "missing $pdf for $rel"
		[ -s "$pdf.sha256" ] || fail "missing sidecar $pdf.sha256"
		[[ $(sed -n 1p "$pdf.sha256") =~ ^[0-9a-f]{64}$ ]] || fail "sidecar without a hash: $pdf.sha256"
	done < <(find "$TMP/in" -name '*.xml' -print0)
	[ "$(find "$TMP/out" -name '*.pdf' | wc -l)" -eq 6 ] || fail "6 PDFs expected"
	[ -z "$(leftovers "$TMP/out")" ] || fail "temporary files left: $(leftovers "$TMP/out")"
	cp -r "$TMP/out" "$TMP/first"

	# Second run: nothing to do, and it says so.
	rc=0
	"$DELIB" batch "$TMP/in" -o "$TMP/out" --report "$TMP/r2.json" 2>"$TMP/err2" || rc=$?
	[ "$rc" -eq 0 ] || fail "second run exit status $rc"
	[ "$(json "$TMP/r2.json" "(r['totals']['rendered'], r['totals']['unchanged'])")" = "(0, 6)" ] ||
		fail "second run: 0 rendered, 6 unchanged expected"
	grep -q "Bilan : 0 rendu, 6 inchangés, 0 en échec" "$TMP/err2" || fail "summary of the second run: $(cat "$TMP/err2")"
	grep -q "Rien à refaire" "$TMP/err2" || fail "the second run does not say that nothing was rendered"
	diff -r "$TMP/first" "$TMP/out" >/dev/null || fail "the second run changed the output"

	# A changed document is rendered again, alone.
	local one
	one=$(find "$TMP/in" -name '*.xml' | sort | sed -n 1p)
	sed -i 's|</objet>| (modifié)</objet>|' "$one"
	"$DELIB" batch "$TMP/in" -o "$TMP/out" --report "$TMP/r3.json" 2>/dev/null || fail "third run failed"
	[ "$(json "$TMP/r3.json" "(r['totals']['rendered'], r['totals']['unchanged'])")" = "(1, 5)" ] ||
		fail "after editing one document: 1 rendered, 5 unchanged expected"
	sed -i 's| (modifié)</objet>|</objet>|' "$one"

	# --force: everything rendered again, byte for byte the same.
	"$DELIB" batch "$TMP/in" -o "$TMP/out" --force -j 1 --report "$TMP/r4.json" 2>/dev/null || fail "--force run failed"
	[ "$(json "$TMP/r4.json" "r['totals']['rendered']")" = 6 ] || fail "--force: 6 rendered expected"
	while IFS= read -r -d '' f; do
		cmp -s "$f" "$TMP/out/${f#"$TMP/first/"}" || fail "--force changed the bytes of ${f#"$TMP/first/"}"
	done < <(find "$TMP/first" -type f -print0)

	# A PDF that is no longer what its sidecar recorded (emptied, as a power
	# cut can leave it) is rendered again; one that only gained bytes at its
	# end (a signature added as an incremental update) is kept as it is.
	local a b
	a=$(find "$TMP/out" -name '*.pdf' | sort | sed -n 1p)
	b=$(find "$TMP/out" -name '*.pdf' | sort | sed -n 2p)
	: >"$a"
	printf '\n%% incremental update of a signer\n' >>"$b"
	cp "$b" "$TMP/b.signed"
	"$DELIB" batch "$TMP/in" -o "$TMP/out" --report "$TMP/r5.json" 2>/dev/null || fail "run after damage failed"
	[ "$(json "$TMP/r5.json" "(r['totals']['rendered'], r['totals']['unchanged'])")" = "(1, 5)" ] ||
		fail "after emptying one PDF and appending to another: 1 rendered, 5 unchanged expected"
	cmp -s "$a" "$TMP/first/${a#"$TMP/out/"}" || fail "the emptied PDF was not rendered again"
	cmp -s "$b" "$TMP/b.signed" || fail "the PDF with an appended update was overwritten"

	# A sidecar that is not ours any more (cut short, or from an older
	# format without the PDF's hash): the document is rendered again.
	local c
	c=$(find "$TMP/out" -name '*.pdf' | sort | sed -n 3p)
	sed -n 1,2p "$c.sha256" >"$TMP/short" && mv "$TMP/short" "$c.sha256"
	"$DELIB" batch "$TMP/in" -o "$TMP/out" --report "$TMP/r6.json" 2>/dev/null || fail "run after the sidecar cut failed"
	[ "$(json "$TMP/r6.json" "(r['totals']['rendered'], r['totals']['unchanged'])")" = "(1, 5)" ] ||
		fail "a sidecar without the PDF's hash: 1 rendered, 5 unchanged expected"
	grep -q '^pdf: [0-9]* [0-9a-f]\{64\}$' "$c.sha256" || fail "the sidecar was not written again in full"
}

case_kill() {
	# About 300 documents: seconds of work on two cores, so that the kill
	# lands in the middle.
	python3 "$GEN" "$TMP/in" --years 1 --seances 10 --per-seance 30 --seed 3 2>/dev/null
	local n
	n=$(find "$TMP/in" -name '*.xml' | wc -l)
	"$DELIB" batch "$TMP/in" -o "$TMP/out" -j 2 2>"$TMP/err1" &
	local pid=$!
	# Kill as soon as a few documents are finished, never later than the
	# run's end: a run that finished first proves nothing.
	local waited=0 done_now=0
	while :; do
		done_now=$({ find "$TMP/out" -name '*.pdf.sha256' 2>/dev/null || true; } | wc -l)
		[ "$done_now" -ge 3 ] && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.02
		waited=$((waited + 1))
		[ "$waited" -lt 3000 ] || break
	done
	if ! kill -9 "$pid" 2>/dev/null; then
		fail "the batch ended before it could be killed (corpus too small for this machine?)"
		return
	fi
	wait "$pid" 2>/dev/null || true
	done_now=$(find "$TMP/out" -name '*.pdf.sha256' | wc -l)
	[ "$done_now" -lt "$n" ] || { fail "the batch was complete when killed"; return; }
	echo "killed with $done_now of $n documents recorded; temporaries: $(leftovers "$TMP/out" | wc -l)"

	# What a kill can leave, planted for certain: temporaries of a PDF and of
	# a sidecar (our pattern); beside them files that are not ours and must stay.
	local d
	d=$(find "$TMP/out" -mindepth 2 -type d | sort | sed -n 1p)
	printf 'partial' >"$d/.9999-99-99-1.pdf.Ab12Cd"
	printf 'partial' >"$d/.9999-99-99-1.pdf.sha256.Zz99Yy"
	printf 'keep' >"$d/.notes.txt"
	printf 'keep' >"$d/brouillon.pdf.XXXXXX"
	printf 'keep' >"$d/.9999.pdf.tmp"

	local rc=0
	"$DELIB" batch "$TMP/in" -o "$TMP/out" -j 2 --report "$TMP/r.json" 2>"$TMP/err2" || rc=$?
	[ "$rc" -eq 0 ] || { cat "$TMP/err2" >&2; fail "rerun exit status $rc"; }
	grep -q "temporaire" "$TMP/err2" || fail "the rerun does not report the temporary files it removed"
	local rendered unchanged
	rendered=$(json "$TMP/r.json" "r['totals']['rendered']")
	unchanged=$(json "$TMP/r.json" "r['totals']['unchanged']")
	[ $((rendered + unchanged)) -eq "$n" ] || fail "rerun: $rendered rendered + $unchanged unchanged != $n"
	[ "$unchanged" -ge 1 ] || fail "rerun: what was finished before the kill was not skipped"
	[ "$rendered" -ge 1 ] || fail "rerun: nothing left to do after the kill?"
	[ "$(find "$TMP/out" -name '*.pdf' | wc -l)" -eq "$n" ] || fail "rerun: not every PDF is there"
	[ "$(find "$TMP/out" -name '*.pdf.sha256' | wc -l)" -eq "$n" ] || fail "rerun: not every sidecar is there"
	local left
	left=$(find "$TMP/out" -type f \( -name '.*.pdf.??????' -o -name '.*.pdf.sha256.??????' \))
	[ -z "$left" ] || fail "temporary files left after the rerun: $left"
	[ -f "$d/.notes.txt" ] && [ -f "$d/brouillon.pdf.XXXXXX" ] && [ -f "$d/.9999.pdf.tmp" ] ||
		fail "the sweep removed files that are not its own"
	check_pdfs "$TMP/out"
	# And a third run has nothing left to do.
	"$DELIB" batch "$TMP/in" -o "$TMP/out" --report "$TMP/r3.json" 2>/dev/null || fail "third run failed"
	[ "$(json "$TMP/r3.json" "r['totals']['unchanged']")" = "$n" ] || fail "third run: all unchanged expected"
}

case_shards() {
	python3 "$GEN" "$TMP/in" --years 1 --seances 3 --per-seance 8 --seed 11 2>/dev/null
	local n
	n=$(find "$TMP/in" -name '*.xml' | wc -l)
	"$DELIB" batch "$TMP/in" -o "$TMP/all" -j 2 2>/dev/null || fail "unsharded run failed"
	local pids=() i
	for i in 1 2 3; do
		"$DELIB" batch "$TMP/in" -o "$TMP/sharded" -j 1 --shard "$i/3" --report "$TMP/s$i.json" 2>"$TMP/err$i" &
		pids+=($!)
	done
	for i in 0 1 2; do
		wait "${pids[$i]}" || fail "shard $((i + 1))/3 failed: $(cat "$TMP/err$((i + 1))")"
	done
	local total=0 c
	for i in 1 2 3; do
		c=$(json "$TMP/s$i.json" "r['totals']['documents']")
		[ "$c" -ge 1 ] || fail "shard $i/3 is empty (a poor split)"
		[ "$(json "$TMP/s$i.json" "r['shard'] == {'index': $i, 'count': 3}")" = True ] || fail "report of shard $i/3"
		total=$((total + c))
	done
	[ "$total" -eq "$n" ] || fail "the shards hold $total documents, not $n"
	diff -r "$TMP/all" "$TMP/sharded" >"$TMP/diff" || fail "shards differ from the unsharded run: $(head -5 "$TMP/diff")"
	# A shard sweeps only the temporaries of its own documents: another
	# shard may be writing beside it.
	local pdf2 tmp2
	pdf2=$(json "$TMP/s2.json" "r['documents'][0]['output']")
	tmp2=$(dirname "$pdf2")/.$(basename "$pdf2").Qw12Er
	printf 'partial' >"$tmp2"
	"$DELIB" batch "$TMP/in" -o "$TMP/sharded" --shard 1/3 2>/dev/null || fail "shard 1/3 rerun failed"
	[ -f "$tmp2" ] || fail "shard 1/3 removed a temporary file of shard 2/3"
	"$DELIB" batch "$TMP/in" -o "$TMP/sharded" --shard 2/3 2>/dev/null || fail "shard 2/3 rerun failed"
	[ ! -e "$tmp2" ] || fail "shard 2/3 left its own stale temporary file"
	# The split is a function of the relative path only: same on another host,
	# in another folder.
	cp -r "$TMP/in" "$TMP/moved"
	"$DELIB" batch "$TMP/moved" -o "$TMP/moved-out" --shard 2/3 --report "$TMP/m2.json" 2>/dev/null || fail "moved shard failed"
	[ "$(json "$TMP/m2.json" "[d['input'].split('/moved/')[1] for d in r['documents']]")" = \
	  "$(json "$TMP/s2.json" "[d['input'].split('/in/')[1] for d in r['documents']]")" ] ||
		fail "shard 2/3 holds other documents when the archive is elsewhere"
	local rc=0
	"$DELIB" batch "$TMP/in" -o "$TMP/x" --shard 4/3 2>/dev/null || rc=$?
	[ "$rc" -eq 2 ] || fail "--shard 4/3 should be a usage error (2), got $rc"
}

case_failures() {
	python3 "$GEN" "$TMP/in" --years 1 --seances 1 --per-seance 4 --seed 5 2>/dev/null
	local d
	d=$(find "$TMP/in" -mindepth 2 -type d | sed -n 1p)
	# Invalid XML: truncated (with a number of its own).
	sed 's/numero="\([^"]*\)"/numero="\1-t"/' "$(find "$d" -name '01_*.xml')" >"$TMP/whole.xml"
	head -c 2000 "$TMP/whole.xml" >"$d/90_tronque.xml"
	# Valid XML, not valid for the schema: an unknown nature.
	sed 's/nature="[A-Z]*"/nature="XX"/; s/numero="\([^"]*\)"/numero="\1-bis"/' "$(find "$d" -name '02_*.xml')" >"$d/91_nature.xml"
	# Same number as another document of the séance.
	cp "$(find "$d" -name '03_*.xml')" "$d/92_doublon.xml"
	local rc=0
	"$DELIB" batch "$TMP/in" -o "$TMP/out" -j 2 --report "$TMP/r.json" 2>"$TMP/err" || rc=$?
	[ "$rc" -eq 1 ] || fail "exit status $rc, expected 1 when a document failed"
	[ "$(json "$TMP/r.json" "(r['totals']['rendered'], r['totals']['failed'])")" = "(4, 3)" ] ||
		fail "4 rendered and 3 failed expected: $(json "$TMP/r.json" "r['totals']")"
	status_of() { json "$TMP/r.json" "[d for d in r['documents'] if d['input'].endswith('/$1')][0]$2"; }
	[ "$(status_of 90_tronque.xml "['status']")" = failed ] || fail "truncated XML not failed"
	[ "$(status_of 90_tronque.xml "['diagnostics'][0]['id']")" = xml.syntax ] || fail "truncated XML: xml.syntax expected"
	[ "$(json "$TMP/r.json" "sorted([d for d in r['documents'] if d['input'].endswith('/90_tronque.xml')][0]['diagnostics'][0])")" = \
	  "['column', 'file', 'id', 'line', 'message', 'severity']" ] || fail "diagnostic fields"
	[ "$(status_of 90_tronque.xml "['diagnostics'][0]['line'] > 0")" = True ] || fail "truncated XML: no line number"
	[ "$(status_of 91_nature.xml "['diagnostics'][0]['id']")" = xml.schema ] || fail "schema error: xml.schema expected"
	[ "$(status_of 92_doublon.xml "['diagnostics'][0]['id']")" = batch.duplicate ] || fail "duplicate number not reported"
	[ "$(status_of 92_doublon.xml "['status']")" = failed ] || fail "duplicate number not failed"
	grep -q "90_tronque.xml:[0-9]*:[0-9]*: erreur" "$TMP/err" || fail "diagnostics not printed on stderr"
	grep -q "Bilan : 4 rendus, 0 inchangé, 3 en échec" "$TMP/err" || fail "summary: $(tail -1 "$TMP/err")"
	[ "$(find "$TMP/out" -name '*.pdf' | wc -l)" -eq 4 ] || fail "4 PDFs expected"
	check_pdfs "$TMP/out"
	# Failed documents are tried again; the others are not.
	rc=0
	"$DELIB" batch "$TMP/in" -o "$TMP/out" --report "$TMP/r2.json" 2>/dev/null || rc=$?
	[ "$rc" -eq 1 ] || fail "second run: exit status 1 expected"
	[ "$(json "$TMP/r2.json" "(r['totals']['unchanged'], r['totals']['failed'])")" = "(4, 3)" ] || fail "second run: 4 unchanged, 3 failed"
	# Usage errors.
	rc=0
	"$DELIB" batch "$TMP/in" 2>/dev/null || rc=$?
	[ "$rc" -eq 2 ] || fail "missing -o: exit status 2 expected, got $rc"
	rc=0
	"$DELIB" batch "$TMP/in" -o "$TMP/o2" --template nulle-part 2>/dev/null || rc=$?
	[ "$rc" -eq 2 ] || fail "unknown template: exit status 2 expected, got $rc"
	rc=0
	"$DELIB" batch "$TMP/nowhere" -o "$TMP/o3" 2>/dev/null || rc=$?
	[ "$rc" -eq 3 ] || fail "missing input folder: exit status 3 expected, got $rc"
}

case "$CASE" in
basic | kill | shards | failures) "case_$CASE" ;;
*) echo "unknown case: $CASE" >&2; exit 2 ;;
esac

if [ "$failures" -ne 0 ]; then
	echo "batch.$CASE: $failures failure(s)" >&2
	exit 1
fi
echo "batch.$CASE: ok"
