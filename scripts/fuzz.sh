#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Builds the libFuzzer targets with clang and runs each in turn, SECONDS in
# all (default 60): two thirds to fuzz_render (deliberations through the
# whole pipeline), a ninth each to fuzz_decode (the image decoder of
# src/pdf), fuzz_image (a template's logo in a render) and fuzz_request (the
# service's request checks). A crash, leak or hang leaves
# its input in BUILD/artifacts/ and makes the script fail.
#   scripts/fuzz.sh [SECONDS] [JOBS] [TARGET…]
# Environment: DELIB_FUZZ_BUILD (build folder, default build-fuzz),
# DELIB_FUZZ_SEED (libFuzzer's -seed, for a reproducible run),
# DELIB_FUZZ_ARGS (more libFuzzer options).
#
# Seed corpora, copied to BUILD/corpus-TARGET (libFuzzer adds its finds):
#   render   the samples, tests/corpus/, tests/fuzz/seeds/ (tables of every
#            shape: with and without header, cells merged across columns
#            and rows), four documents of scripts/gen_corpus.py;
#   image, decode  scripts/fuzz_images.py (PNG and JPEG of every kind a
#            template's logo may be);
#   request  tests/fuzz/requests/ (HTTP request heads).
# Dictionaries: tests/fuzz/delib.dict (derived from the schema by
# scripts/fuzz_vocab.py) for render, tests/fuzz/http.dict for request.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-60}
jobs=${2:-1}
shift $(($# < 2 ? $# : 2))
targets=${*:-render decode image request}
build=${DELIB_FUZZ_BUILD:-build-fuzz}
CC=clang ./scripts/build.sh "$build" -DDELIB_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
mkdir -p "$build/artifacts"
export DELIB_DATADIR="$PWD"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

seed_corpus() {  # TARGET DIR
	case $1 in
	render)
		cp samples/*.xml tests/corpus/valid/*.xml tests/corpus/invalid/*.xml tests/fuzz/seeds/*.xml "$2"/
		if [ ! -e "$build/gen/.done" ]; then
			python3 scripts/gen_corpus.py "$build/gen" --years 1 --seances 1 --per-seance 4 --seed 7 >/dev/null
			touch "$build/gen/.done"
		fi
		i=0
		for f in $(find "$build/gen" -name '*.xml' | sort); do
			i=$((i + 1))
			cp "$f" "$2/generated-$i.xml"
		done ;;
	image | decode) python3 scripts/fuzz_images.py "$2" ;;
	request) cp tests/fuzz/requests/* "$2"/ ;;
	esac
}

status=0
n=0
for t in $targets; do n=$((n + 1)); done
for t in $targets; do
	case $t in
	render) share=$((seconds * 2 / 3)); dict=tests/fuzz/delib.dict; extra="-max_len=131072" ;;
	image | decode) share=$((seconds / 9)); dict=; extra="-max_len=65536" ;;
	request) share=$((seconds / 9)); dict=tests/fuzz/http.dict; extra="-max_len=16384" ;;
	*) echo "fuzz.sh : cible inconnue : $t" >&2; exit 2 ;;
	esac
	[ "$n" -eq 1 ] && share=$seconds
	[ "$share" -ge 1 ] || share=1
	work="$build/corpus-$t"
	mkdir -p "$work"
	seed_corpus "$t" "$work"
	set -- -max_total_time="$share" -timeout=30 -rss_limit_mb=3072 $extra \
		-artifact_prefix="$build/artifacts/$t-" -print_final_stats=1
	[ -n "$dict" ] && set -- "$@" -dict="$dict"
	[ -n "${DELIB_FUZZ_SEED:-}" ] && set -- "$@" -seed="$DELIB_FUZZ_SEED"
	[ "$jobs" -gt 1 ] && set -- "$@" -fork="$jobs" -ignore_crashes=0
	echo "== fuzz_$t : $share s" >&2
	# shellcheck disable=SC2086
	"$(cd "$build" && pwd)/tests/fuzz_$t" "$@" ${DELIB_FUZZ_ARGS:-} "$work" || status=1
done
exit $status
