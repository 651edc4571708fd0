#!/bin/sh
# Builds the libFuzzer harness with clang (build-fuzz/) and runs it for
# SECONDS (default 60) on a copy of the seed corpus: the sample and the
# corpus cases (tests/corpus/). A crash, leak or hang leaves its input in
# build-fuzz/artifacts/ and makes the script fail.
#   scripts/fuzz.sh [SECONDS] [JOBS]
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-60}
jobs=${2:-1}
CC=clang ./scripts/build.sh build-fuzz -DDELIB_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
work=build-fuzz/corpus
mkdir -p "$work" build-fuzz/artifacts
cp samples/*.xml tests/corpus/valid/*.xml tests/corpus/invalid/*.xml "$work"/
export DELIB_DATADIR="$PWD"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
set -- -max_total_time="$seconds" -timeout=30 -rss_limit_mb=3072 -max_len=131072 \
  -dict=tests/fuzz/delib.dict -artifact_prefix=build-fuzz/artifacts/ -print_final_stats=1
if [ "$jobs" -gt 1 ]; then
  set -- "$@" -fork="$jobs" -ignore_crashes=0
fi
./build-fuzz/tests/fuzz_render "$@" "$work"
