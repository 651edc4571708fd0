#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# e2e.charts — the two charts of section 3 of samples/2021-10-14-22.xml
# (issue 8), read back from the PDF with poppler as a reader or a search
# engine sees them: their titles, legends and values must be text, with
# French number formatting, on the pages of section 3, and their
# reconstructed values must be marked and said so.
#
# Usage: charts.sh DELIB SRC
#   DELIB  the delib binary, or the build folder that holds it
#   SRC    the source tree (samples/)
#
# Every check runs even when an earlier one failed; exit 1 when any failed.
set -euo pipefail

if [ $# -lt 2 ]; then
	echo "usage: $0 DELIB|BUILD_DIR SRC_DIR" >&2
	exit 2
fi
DELIB=$1
SRC=$(cd "$2" && pwd)
[ -d "$DELIB" ] && DELIB=$DELIB/delib
SAMPLE=$SRC/samples/2021-10-14-22.xml
export DELIB_DATADIR=${DELIB_DATADIR:-$SRC}

. "$SRC/tests/lib.sh"
need pdftotext pdfinfo
use_tmp e2e-charts

PDF=$TMP/out.pdf
if ! "$DELIB" render "$SAMPLE" -o "$PDF" --dump-layout "$TMP/dump.txt" 2>"$TMP/render.err"; then
	cat "$TMP/render.err" >&2
	echo "FAIL: delib render failed; nothing else can be checked" >&2
	exit 1
fi
if grep -q "layout.chart" "$TMP/render.err"; then
	fail "the sample's charts give warnings:"; sed 's/^/    /' "$TMP/render.err" >&2
fi
PAGES=$(pdfinfo "$PDF" | sed -n 's/^Pages: *//p')

# Text of page P in content order (-raw: the chart's labels in the order
# they are drawn, a legend entry's label and value on one line). poppler
# gives no-break spaces as plain spaces, which is what a search matches.
NNBSP=$'\xe2\x80\xaf'  # U+202F narrow no-break space, whatever the locale
NBSP=$'\xc2\xa0'
page_raw() { pdftotext -raw -enc UTF-8 -f "$1" -l "$1" "$PDF" - 2>/dev/null | sed "s/$NNBSP/ /g; s/$NBSP/ /g"; }

# The pages of section 3: from its heading to the one before section 4.
first=0 last=0
for ((p = 3; p <= PAGES; p++)); do
	txt=$(page_raw "$p")
	if [ "$first" -eq 0 ] && grep -qxF "3. Point d'étape" <<<"$txt"; then first=$p; fi
	if [ "$first" -ne 0 ] && [ "$last" -eq 0 ] && grep -qF "4. Déclinaison détaillée" <<<"$txt"; then last=$((p - 1)); fi
done
if [ "$first" -eq 0 ] || [ "$last" -lt "$first" ]; then
	echo "FAIL: cannot find the pages of section 3 (first=$first last=$last of $PAGES)" >&2
	exit 1
fi
section=$(for ((p = first; p <= last; p++)); do page_raw "$p"; done)
words=$(tr '\n' ' ' <<<"$section" | tr -s ' ')
pass "section 3 on pages $first-$last"

# has TEXT WHAT: TEXT is one line of the section, exactly when it starts
# with '='; with '~', a run of words across lines (a wrapped label and the
# value after it); else it occurs inside a line.
has() {
	local want=$1 what=$2
	case $want in
	=*) grep -qxF -- "${want#=}" <<<"$section" && { pass "$what"; return; } ;;
	~*) grep -qF -- " ${want#\~} " <<<" $words " && { pass "$what"; return; } ;;
	*) grep -qF -- "$want" <<<"$section" && { pass "$what"; return; } ;;
	esac
	fail "$what: '${want#[=~]}' not found in the text of pages $first-$last"
}

# Titles.
has "=Profils des bénéficiaires des clauses ville" "bar chart title"
has "=Sorties du PRE" "pie chart title"

# The pie: every legend entry with its value (the legend doubles as the
# data table), the one value the source still shows unmarked, the others
# marked as reconstructed.
while IFS='|' read -r label value; do
	has "~$label $value" "pie legend: $label — $value"
done <<EOF
Réorientation / prise de relais par le droit commun|20 %*
Déménagement du / de bénéficiaire en dehors d'une zone politique de la ville|10 %*
Résolution total des difficultés|30 %
Résolution partielle des difficultés|25 %*
Fin d'adhésion de la famille|10 %*
Non adhésion de la famille|5 %*
EOF
has "=30 %" "pie: the sector label 30 %"
# French typography as drawn (the dump, before poppler): a narrow no-break
# space between a value and its unit.
if grep -qF "\"30${NNBSP}%\"" "$TMP/dump.txt"; then
	pass "30 % drawn with a narrow no-break space (U+202F)"
else
	fail "no text op \"30<U+202F>%\" in the layout dump"
fi

# The bars: every profile with its value in the data table; the axis
# graduated the French way up to 3,5.
while IFS='|' read -r label value; do
	has "~$label $value" "bar data table: $label — $value"
done <<EOF
Jeunes de moins de 26 ans|3*
Demandeurs d'emploi de longue durée|2*
Bénéficiaires du RSA|1*
Habitants des quartiers prioritaires|3*
Personnes de 50 ans et plus|1*
EOF
has "=0 0,5 1 1,5 2 2,5 3 3,5" "bar axis ticks 0 to 3,5 by 0,5"
if grep -qxF "3.5" <<<"$section"; then
	fail "a tick is printed '3.5' (English decimal point)"
fi
has "=Nombre de personnes" "bar value axis title"

# Reconstructed values said so under each chart.
n=$(grep -cF "Valeurs reconstituées" <<<"$section" || true)
if [ "$n" -eq 2 ]; then
	pass "'Valeurs reconstituées' under both charts"
else
	fail "'Valeurs reconstituées' found $n times in section 3, expected 2 (one per chart)"
fi

# Whole-document search (what a reader's Find does): plain pdftotext.
pdftotext -enc UTF-8 "$PDF" - | sed "s/$NNBSP/ /g; s/$NBSP/ /g" >"$TMP/all.txt"
for want in "Profils des bénéficiaires des clauses ville" "Sorties du PRE" "Non adhésion de la famille" \
	"30 %" "25 %*"; do
	if grep -qF -- "$want" "$TMP/all.txt"; then
		pass "pdftotext finds '$want'"
	else
		fail "pdftotext (plain) does not find '$want'"
	fi
done

if [ $failures -ne 0 ]; then
	echo "e2e.charts: $failures check(s) failed" >&2
	exit 1
fi
echo "e2e.charts: all checks passed"
