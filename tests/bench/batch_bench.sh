#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Benchmark of `delib batch` (issue 6): documents/s, pages/s and peak memory
# with -j 1 and -j 2, on generated archives of 100 and of 1,000 documents the
# size of the sample (samples/2021-10-14-22.xml: 23 pages, an annex of 21),
# and on 300 copies of the sample itself.
#
# Usage: tests/bench/batch_bench.sh [BUILD_DIR] [--pages N] [--keep DIR]
#   BUILD_DIR   where delib was built (default: build)
#   --pages N   annex pages of each generated deliberation (default 21: with
#               the two pages of the extract, the sample's 23)
#   --keep DIR  generate the archives there and keep them (default: a
#               temporary folder, removed at the end)
#
# The archives come from scripts/gen_corpus.py --annex-pages N (seed 1), so
# the figures are reproducible. Each run starts from an empty output folder
# (every document is rendered); one more run over the 1,000 shows the cost
# of a rerun where nothing changed. Peak memory is the "Maximum resident set
# size" of GNU time (package `time`): it must not grow with the number of
# documents, so the 100 and 1,000 runs are compared.
set -euo pipefail

cd "$(dirname "$0")/../.."
BUILD=build
PAGES=21
KEEP=
while [ $# -gt 0 ]; do
	case "$1" in
	--pages) PAGES=$2; shift 2 ;;
	--keep) KEEP=$2; shift 2 ;;
	-h | --help) sed -n '2,19p' "$0"; exit 0 ;;
	*) BUILD=$1; shift ;;
	esac
done
DELIB=$BUILD/delib
[ -x "$DELIB" ] || { echo "batch_bench: $DELIB introuvable (./scripts/build.sh)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "batch_bench: /usr/bin/time manquant (paquet time, scripts/install-deps.sh)" >&2; exit 2; }
export DELIB_DATADIR=${DELIB_DATADIR:-$PWD}

if [ -n "$KEEP" ]; then
	WORK=$KEEP
	mkdir -p "$WORK"
else
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/delib-batch-bench.XXXXXX")
	trap 'rm -rf "$WORK"' EXIT
fi

gen() { # gen DIR SEANCES PER_SEANCE
	[ -d "$1" ] || python3 scripts/gen_corpus.py "$1" --years 1 --seances "$2" --per-seance "$3" \
		--seed 1 --annex-pages "$PAGES" 2>/dev/null
}
gen "$WORK/in100" 4 25
gen "$WORK/in1000" 10 100
# The sample itself, 300 times (numbers changed so that each PDF has its own
# name): documents exactly the size and mix of the reference deliberation,
# whose annex is mostly prose; the generated ones are mostly table cells.
if [ ! -d "$WORK/in300" ]; then
	for s in 1 2 3; do
		mkdir -p "$WORK/in300/seance-$s"
		for i in $(seq 1 100); do
			sed "s/numero=\"2021-10-14-22\"/numero=\"2021-10-14-$((100 * s + i))\"/" samples/2021-10-14-22.xml \
				>"$WORK/in300/seance-$s/$i.xml"
		done
	done
fi

echo "machine: $(nproc) processeurs en ligne, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | sed -n 1p)"
echo "delib: $("$DELIB" --version | head -1), $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo '+modifs')"
for n in 100 1000 300; do
	python3 - "$WORK/in$n" <<'EOF'
import os, sys
sizes = [os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(sys.argv[1]) for f in fs if f.endswith(".xml")]
print("archive %d documents : XML moyen %.1f Kio (l'exemple : %.1f Kio)"
      % (len(sizes), sum(sizes) / len(sizes) / 1024, os.path.getsize("samples/2021-10-14-22.xml") / 1024))
EOF
done
echo

# run LABEL N J [--keep-output]: one batch, then one line of figures.
run() {
	local label=$1 n=$2 j=$3 keep=${4:-}
	local out=$WORK/out$n-j$j
	[ -n "$keep" ] || rm -rf "$out"
	/usr/bin/time -v "$DELIB" batch "$WORK/in$n" -o "$out" -j "$j" --report "$WORK/report.json" \
		2>"$WORK/stderr" || { cat "$WORK/stderr" >&2; echo "batch_bench: échec du lot" >&2; exit 1; }
	local rss cpu
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/stderr")
	cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$WORK/stderr")
	python3 - "$WORK/report.json" "$label" "$n" "$j" "$rss" "$cpu" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["totals"]
label, n, j, rss, cpu = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
done = r["rendered"] + r["unchanged"]
assert r["failed"] == 0 and done == n, r
pages = r["pages"] / max(done, 1)
print("%-8s %5d  -j %d  %7.2f s  %7.1f doc/s  %7.1f pages/s  %5.1f p/doc  %7.1f s  %6.1f doc/s  %6.1f Mio"
      % (label, n, j, r["seconds"], done / r["seconds"], r["pages_rendered"] / r["seconds"], pages,
         cpu, done / cpu if cpu > 0 else 0, rss / 1024))
EOF
}

echo "charge au départ : $(cut -d' ' -f1-3 /proc/loadavg) (une machine partagée fausse le temps écoulé, pas le temps CPU)"
printf '%-8s %5s  %5s  %9s  %13s  %15s  %11s  %9s  %12s  %10s\n' run docs jobs écoulé débit "pages/s" "pages/doc" "CPU" "doc/s/CPU" "RSS max"
for n in 100 1000; do
	for j in 1 2; do
		run rendu "$n" "$j"
	done
done
run relance 1000 2 keep
for j in 1 2; do
	run exemple 300 "$j"
done
echo "charge à la fin : $(cut -d' ' -f1-3 /proc/loadavg)"
echo "doc/s/CPU : documents par seconde de processeur (utilisateur + système), ce qu'un cœur libre rend."
echo "RSS max : comparer 100 et 1 000 documents à -j égal ; il ne doit pas croître avec le nombre de documents."
echo "exemple : 300 copies de samples/2021-10-14-22.xml (annexe surtout rédigée) ; rendu : l'archive générée (annexes surtout tableaux)."
