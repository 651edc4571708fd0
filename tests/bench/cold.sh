#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Cold figures (issue 21): one process per document, as an integrator calls
# delib from PHP or Python and an editor or a commit hook calls validate.
# Measures `delib --version` (the process and its shared libraries alone),
# `delib validate` and `delib render` of the sample, and, when they are
# installed, Apache FOP and Typst on the same content, all in one run, so
# that the ratios hold on a loaded machine where absolute times do not.
#
# Usage: tests/bench/cold.sh [BUILD_DIR] [--runs N] [--base OTHER_DELIB] [--sample FILE.xml]
#   BUILD_DIR        where delib was built (default: build)
#   --runs N         runs of each delib command (default 30; FOP and Typst: N/10, at least 3)
#   --base DELIB     another delib executable (an older build) measured in the
#                    same run, for before/after ratios
#   --sample FILE    the deliberation (default samples/2021-10-14-22.xml)
#
# With hyperfine (package hyperfine) each command gets warm-up runs and its
# median; else (or BENCH_TOOL=loop) a loop timed with `date +%s%N` runs the
# commands in turn, one run of each per round, and prints medians. Either
# way the file system cache is warm: "cold" is a new process, not a cold
# disk. The digests of the font files are remembered between runs
# (DELIB_CACHE_DIR, else the XDG cache folder): the warm-up runs fill it.
#
# FOP: `fop` in PATH and ../shared/peers/seed.fo (the same content as
# XSL-FO). Typst: `typst` in PATH and a .typ file of the same content in
# $TYPST_INPUT or ../shared/peers/seed.typ. Absent, they are said absent.
set -euo pipefail

cd "$(dirname "$0")/../.."
BUILD=build
RUNS=30
BASE=
SAMPLE=samples/2021-10-14-22.xml
while [ $# -gt 0 ]; do
	case "$1" in
	--runs) RUNS=$2; shift 2 ;;
	--base) BASE=$2; shift 2 ;;
	--sample) SAMPLE=$2; shift 2 ;;
	-h | --help) sed -n '2,27p' "$0"; exit 0 ;;
	*) BUILD=$1; shift ;;
	esac
done
DELIB=$BUILD/delib
[ -x "$DELIB" ] || { echo "cold: $DELIB introuvable (./scripts/build.sh)" >&2; exit 2; }
[ -z "$BASE" ] || [ -x "$BASE" ] || { echo "cold: $BASE introuvable" >&2; exit 2; }
[ -r "$SAMPLE" ] || { echo "cold: $SAMPLE illisible" >&2; exit 2; }
export DELIB_DATADIR=${DELIB_DATADIR:-$PWD}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/delib-cold.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
PEER_RUNS=$((RUNS / 10 > 3 ? RUNS / 10 : 3))

# The commands: "label|runs|command line" (words split on spaces: no path
# here may hold one, checked below).
CMDS=()
add() { CMDS+=("$1|$2|$3"); }
for p in "$DELIB" "$BASE" "$SAMPLE" "$WORK"; do
	case "$p" in *' '*) echo "cold: chemin avec une espace : $p" >&2; exit 2 ;; esac
done
add "delib --version" "$RUNS" "$DELIB --version"
add "delib validate" "$RUNS" "$DELIB validate $SAMPLE"
add "delib render" "$RUNS" "$DELIB render $SAMPLE -o $WORK/delib.pdf"
if [ -n "$BASE" ]; then
	add "base --version" "$RUNS" "$BASE --version"
	add "base validate" "$RUNS" "$BASE validate $SAMPLE"
	add "base render" "$RUNS" "$BASE render $SAMPLE -o $WORK/base.pdf"
fi
FO=../shared/peers/seed.fo
if ! command -v fop >/dev/null 2>&1; then
	echo "Apache FOP : absent (apt-get install fop) ; non mesuré"
elif [ ! -r "$FO" ]; then
	echo "Apache FOP : présent, mais $FO manque (../shared à côté de l'arbre) ; non mesuré"
else
	add "Apache FOP" "$PEER_RUNS" "fop -q -c ../shared/peers/fop.xconf -fo $FO -pdf $WORK/fop.pdf"
fi
TYP=${TYPST_INPUT:-../shared/peers/seed.typ}
if ! command -v typst >/dev/null 2>&1; then
	echo "Typst : absent ; non mesuré"
elif [ ! -r "$TYP" ]; then
	echo "Typst : présent, mais pas d'entrée (TYPST_INPUT ou $TYP) ; non mesuré"
else
	add "Typst" "$PEER_RUNS" "typst compile $TYP $WORK/typst.pdf"
fi

# Every command must work before it is timed.
for c in "${CMDS[@]}"; do
	IFS='|' read -r label _ cmd <<<"$c"
	$cmd >/dev/null 2>&1 || { echo "cold: échec de « $label » : $cmd" >&2; exit 1; }
done

declare -A MEDIAN
median_of() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

TOOL=${BENCH_TOOL:-}
if [ -z "$TOOL" ]; then
	TOOL=loop
	command -v hyperfine >/dev/null 2>&1 && TOOL=hyperfine
fi
echo "outil : $TOOL ; $RUNS exécutions par commande delib, $PEER_RUNS pour FOP et Typst ; médianes"
if [ "$TOOL" = hyperfine ]; then
	i=0
	for c in "${CMDS[@]}"; do
		IFS='|' read -r label runs cmd <<<"$c"
		hyperfine -N --style none -w 3 -r "$runs" --export-json "$WORK/h$i.json" "$cmd" >/dev/null 2>&1 ||
			{ echo "cold: hyperfine a échoué sur « $label »" >&2; exit 1; }
		# hyperfine writes times in seconds; "median" appears once per command.
		MEDIAN[$label]=$(sed -n 's/.*"median": *\([0-9.e+-]*\).*/\1/p' "$WORK/h$i.json" | awk '{ printf "%.3f", $1 * 1000 }')
		i=$((i + 1))
	done
else
	# Rounds: one run of each command per round, so that a burst of load
	# falls on all of them alike. Three warm-up rounds.
	max=0
	for c in "${CMDS[@]}"; do
		IFS='|' read -r _ runs _ <<<"$c"
		[ "$runs" -gt "$max" ] && max=$runs
	done
	for round in $(seq -2 "$max"); do
		i=0
		for c in "${CMDS[@]}"; do
			IFS='|' read -r label runs cmd <<<"$c"
			if [ "$round" -le "$runs" ]; then
				t0=$(date +%s%N)
				$cmd >/dev/null 2>&1
				t1=$(date +%s%N)
				[ "$round" -ge 1 ] && echo $(((t1 - t0) / 1000)) >>"$WORK/t$i"
			fi
			i=$((i + 1))
		done
	done
	i=0
	for c in "${CMDS[@]}"; do
		IFS='|' read -r label _ _ <<<"$c"
		MEDIAN[$label]=$(median_of <"$WORK/t$i" | awk '{ printf "%.3f", $1 / 1000 }')
		i=$((i + 1))
	done
fi

REF=${MEDIAN[delib render]}
printf '\n%-18s %12s %22s\n' "commande" "médiane (ms)" "rapport à delib render"
for c in "${CMDS[@]}"; do
	IFS='|' read -r label _ _ <<<"$c"
	printf '%-18s %12s %21s×\n' "$label" "${MEDIAN[$label]}" "$(awk -v a="${MEDIAN[$label]}" -v b="$REF" 'BEGIN { printf "%.2f", a / b }')"
done
if [ -n "$BASE" ]; then
	echo
	for what in --version validate render; do
		awk -v a="${MEDIAN[base $what]}" -v b="${MEDIAN[delib $what]}" -v w="$what" \
			'BEGIN { printf "%-10s base / delib : %.2f× (%s ms → %s ms)\n", w, a / b, a, b }'
	done
fi
