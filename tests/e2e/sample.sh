#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# e2e.sample — renders samples/2021-10-14-22.xml and checks the PDF as a
# reader sees it: poppler's and qpdf's view of the file, never our own dump.
#
# Usage: sample.sh DELIB SRC [CHECKS]
#   DELIB   the delib binary, or the build folder that holds it
#   SRC     the source tree (samples/, tests/tools/, and ../shared/seed/ beside it)
#   CHECKS  comma-separated subset of: render,meta,fonts,words,order,pages,
#           determinism,reader-warnings; "all" (default) runs every one.
#           render always runs (the other checks read its output).
#
# Every check runs even when an earlier one failed, so that one run shows
# every problem; the exit status is 1 when any check failed, 0 otherwise.
# A missing tool or seed is a failure, never a skip.
set -euo pipefail

if [ $# -lt 2 ]; then
	echo "usage: $0 DELIB|BUILD_DIR SRC_DIR [CHECKS]" >&2
	exit 2
fi
DELIB=$1
SRC=$(cd "$2" && pwd)
CHECKS=${3:-all}
[ -d "$DELIB" ] && DELIB=$DELIB/delib

SAMPLE=$SRC/samples/2021-10-14-22.xml
SEED=$SRC/../shared/seed/000_cda67939873e5b4a.txt
SEED_TOOL=$SRC/tests/tools/seed_words.py
ID=76-217605757-20211014-lmc123683-DE-1-1

export DELIB_DATADIR=${DELIB_DATADIR:-$SRC}

. "$SRC/tests/lib.sh"
use_tmp e2e-sample
wants() { [ "$CHECKS" = all ] || [[ ",$CHECKS," == *",$1,"* ]]; }

for tool in qpdf pdfinfo pdffonts pdftotext python3 cmp; do
	if ! command -v "$tool" >/dev/null; then
		echo "FAIL: required tool '$tool' is not installed (poppler-utils, qpdf, python3)" >&2
		exit 1
	fi
done
[ -x "$DELIB" ] || { echo "FAIL: no delib binary at $DELIB" >&2; exit 1; }
[ -f "$SAMPLE" ] || { echo "FAIL: sample missing: $SAMPLE" >&2; exit 1; }

# ---------------------------------------------------------------- render
PDF=$TMP/out.pdf
set +e
"$DELIB" render "$SAMPLE" -o "$PDF" 2>"$TMP/render.err"
rc=$?
set -e
if [ $rc -ne 0 ]; then
	cat "$TMP/render.err" >&2
	echo "FAIL: delib render exited with $rc (expected 0); nothing else can be checked" >&2
	exit 1
fi
[ -s "$PDF" ] || { echo "FAIL: delib render exited 0 but wrote no PDF at $PDF" >&2; exit 1; }
pass "render exits 0"

# Metadata and page count as pdfinfo reads them (UTF-8).
pdfinfo -enc UTF-8 "$PDF" >"$TMP/info.txt" 2>"$TMP/info.err" || fail "pdfinfo cannot read the PDF: $(cat "$TMP/info.err")"
info_field() { sed -n "s/^$1: *//p" "$TMP/info.txt" | head -n 1; }
PAGES=$(info_field Pages)
if ! [[ "$PAGES" =~ ^[0-9]+$ ]]; then
	echo "FAIL: pdfinfo gives no page count ('$PAGES')" >&2
	exit 1
fi

# ---------------------------------------------------------------- meta
if wants meta; then
	if qpdf --check "$PDF" >"$TMP/qpdf.txt" 2>&1; then
		pass "qpdf --check"
	else
		fail "qpdf --check reports errors:"; sed 's/^/    /' "$TMP/qpdf.txt" >&2
	fi
	if [ "$PAGES" -ge 20 ]; then
		pass "$PAGES pages (≥ 20)"
	else
		fail "the PDF has $PAGES pages; the sample with its annex needs at least 20"
	fi
	check_meta() {
		local got
		got=$(info_field "$1")
		if [ "$got" = "$2" ]; then
			pass "$1 = $2"
		else
			fail "PDF $1 is '$got', expected '$2'"
		fi
	}
	check_meta Title "Rapport sur la mise en œuvre de la politique de la Ville année 2020 - Avis"
	check_meta Author "Saint-Étienne-du-Rouvray"
	check_meta Subject "Délibération n° 2021-10-14-22"
	check_meta Keywords "$ID"
fi

# ---------------------------------------------------------------- fonts
if wants fonts; then
	pdffonts "$PDF" >"$TMP/fonts.txt" 2>"$TMP/fonts.err" || fail "pdffonts cannot read the PDF"
	# Rows after the two header lines; columns counted from the right since
	# names and types contain spaces: ... emb sub uni object-id generation.
	nrows=$(awk 'NR > 2 && NF >= 6' "$TMP/fonts.txt" | wc -l)
	bad=$(awk 'NR > 2 && NF >= 6 && ($(NF-4) != "yes" || $(NF-3) != "yes") { print "    " $0 }' "$TMP/fonts.txt")
	if [ "$nrows" -eq 0 ]; then
		fail "pdffonts lists no font at all (empty table): text would not be drawn with embedded fonts"
		sed 's/^/    /' "$TMP/fonts.txt" >&2
	elif [ -n "$bad" ]; then
		fail "fonts not embedded or not subset (emb/sub must both be yes):"; echo "$bad" >&2
	else
		pass "$nrows fonts, all embedded and subset"
	fi
fi

# ---------------------------------------------------------------- words
# -raw follows the content stream, which the writer emits cell by cell;
# the plain mode mixes the columns of a table in reading order.
pdftotext -raw "$PDF" "$TMP/raw.txt" 2>"$TMP/raw.err" || fail "pdftotext -raw cannot read the PDF"
if wants words || wants order; then
	if [ ! -f "$SEED" ]; then
		fail "reference seed missing: $SEED (the folder ../shared/seed beside the source tree must exist; this test never skips)"
	elif [ ! -f "$SEED_TOOL" ]; then
		fail "seed comparison tool missing: $SEED_TOOL"
	else
		if wants words; then
			if python3 "$SEED_TOOL" "$SEED" "$TMP/raw.txt" --min 99 >"$TMP/words.txt" 2>"$TMP/words.err"; then
				pass "words: $(head -n 1 "$TMP/words.txt")"
			else
				fail "the PDF's words differ from the seed's (seed_words.py --min 99):"
				sed 's/^/    /' "$TMP/words.txt" "$TMP/words.err" >&2
			fi
		fi
		if wants order; then
			set +e
			python3 "$SEED_TOOL" "$SEED" "$TMP/raw.txt" --order "$SAMPLE" >"$TMP/order.txt" 2>"$TMP/order.err"
			rc=$?
			set -e
			case $rc in
			0) pass "order: $(tail -n 1 "$TMP/order.txt")" ;;
			2) fail "seed_words.py --order: its marker list does not match the seed (exit 2; a defect of the tool, not of the PDF):"
			   sed 's/^/    /' "$TMP/order.txt" "$TMP/order.err" >&2 ;;
			*) fail "annex headings, group headings or table rows are missing or out of the seed's order (seed_words.py --order, exit $rc):"
			   sed 's/^/    /' "$TMP/order.txt" "$TMP/order.err" >&2 ;;
			esac
		fi
	fi
fi

# ---------------------------------------------------------------- pages
# Text of one page as laid out on it (-layout: one output line per printed
# line), lines stripped of the white space at both ends. Not the plain
# reading-order mode: it puts a running footer in the flow of the column
# above it and, when that column's last line ends with a hyphen, glues the
# two ("Orienta-" + "Rapport annexé | 9/21" → "OrientaRapport annexé | 9/21"),
# which is poppler's guess about reading order, not what the page shows.
page_text() {
	pdftotext -layout -enc UTF-8 -f "$1" -l "$1" "$PDF" - 2>/dev/null | sed 's/^[[:space:]]*//; s/[[:space:]]*$//'
}
# has_line PAGE TEXT: some line of the page is exactly TEXT.
has_line() {
	if page_text "$1" | grep -qxF -- "$2"; then
		pass "page $1 has the line '$2'"
	else
		fail "page $1 has no line '$2'; its text:"; page_text "$1" | sed 's/^/    | /' >&2
	fi
}
# has_text PAGE TEXT: TEXT occurs inside one line of the page.
has_text() {
	if page_text "$1" | grep -qF -- "$2"; then
		pass "page $1 contains '$2'"
	else
		fail "page $1 does not contain '$2' on one line; its text:"; page_text "$1" | sed 's/^/    | /' >&2
	fi
}
if wants pages; then
	has_text 1 "Extrait du registre des délibérations"
	has_line 1 "Conseil municipal | Séance du 14 octobre 2021"
	has_line 1 "Conseil municipal 2021-10-14-22 | 1/2"
	has_line 2 "Conseil municipal 2021-10-14-22 | 2/2"
	has_text 2 "Pour extrait conforme"
	has_text 2 "$ID"
	# The annex: every page after the two pages of the deliberation, numbered
	# 1..N across its portrait and landscape sequences.
	N=$((PAGES - 2))
	if [ "$N" -lt 1 ]; then
		fail "no annex pages after the 2 pages of the deliberation ($PAGES pages in all)"
	else
		bad=0
		for ((p = 3; p <= PAGES; p++)); do
			want="Rapport annexé | $((p - 2))/$N"
			txt=$(page_text "$p")
			if ! grep -qxF -- "$want" <<<"$txt"; then
				fail "annex page $p (annex page $((p - 2)) of $N): no footer line '$want'; its footer-like lines: $(grep -F 'Rapport annexé' <<<"$txt" | tr '\n' ';')"
				bad=1
			fi
			if grep -qF -- "Conseil municipal 2021-10-14-22 |" <<<"$txt"; then
				fail "annex page $p carries the deliberation's footer"
				bad=1
			fi
		done
		[ $bad -eq 0 ] && pass "annex footers 'Rapport annexé | n/$N' on pages 3..$PAGES"
	fi
fi

# ---------------------------------------------------------------- determinism
if wants determinism; then
	"$DELIB" render "$SAMPLE" -o "$TMP/again.pdf" 2>/dev/null || fail "second render exited non-zero"
	if cmp -s "$PDF" "$TMP/again.pdf"; then
		pass "two renders are byte-identical"
	else
		fail "two renders of the same input differ: $(cmp "$PDF" "$TMP/again.pdf" 2>&1 | head -n 1)"
	fi
fi

# ---------------------------------------------------------------- reader warnings
# poppler complains on stderr about objects it had to guess around
# ("Syntax Warning: ..."): a reader less forgiving may show wrong text.
if wants reader-warnings; then
	pdffonts "$PDF" >/dev/null 2>"$TMP/w1.err" || true
	pdftotext -raw "$PDF" /dev/null 2>"$TMP/w2.err" || true
	if grep -qi "syntax \(warning\|error\)" "$TMP/w1.err" "$TMP/w2.err"; then
		fail "poppler reports problems in the PDF's objects ($(cat "$TMP/w1.err" "$TMP/w2.err" | grep -ci 'syntax') messages), e.g.:"
		cat "$TMP/w1.err" "$TMP/w2.err" | sort | uniq -c | sed 's/^/    /' >&2
	else
		pass "poppler reads the PDF without syntax warnings"
	fi
fi

if [ $failures -ne 0 ]; then
	echo "e2e.sample: $failures check(s) failed" >&2
	exit 1
fi
echo "e2e.sample: all checks passed ($CHECKS)"
