#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The whole test suite, as CI runs it: installs the dependencies, builds,
# runs every test; then the same suite built with AddressSanitizer and
# UndefinedBehaviorSanitizer; then valgrind on the sample; then a minute of
# fuzzing when clang is there (scripts/fuzz.sh).
set -eu
cd "$(dirname "$0")/.."
# The test tool chain (the README's first command installs only what
# building and rendering need).
./scripts/install-deps.sh --tests
# The README's first command, exactly as a new user types it (installs,
# builds into build/, renders the sample): if it breaks, the suite fails.
first=$(sed -n '/^```sh$/{n;p;q}' README.md)
case $first in
./scripts/install-deps.sh*) ;;
*) echo "README : première commande introuvable" >&2; exit 1 ;;
esac
sh -c "$first"
pdfinfo 2021-10-14-22.pdf | grep -q '^Pages: *23$' \
  || { echo "README : la première commande n'a pas produit l'exemple de 23 pages" >&2; exit 1; }
rm -f 2021-10-14-22.pdf
ctest --test-dir build --output-on-failure -j "$(nproc)"

./scripts/build.sh build-asan -DDELIB_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
# The checks that run no delib code (layer includes,
# licence lines, man pages, completion, the systemd unit, the fuzz
# vocabulary) passed in the normal build: not run twice. Nor the three
# whose time goes to outside verifiers and whose delib code other tests
# run under the sanitizers too: serve.browser (Chromium and axe-core; the
# routes it calls: serve.serve, serve.api), pdf.templates (Preflight; the
# templates' renders: wording.identity, e2e.*), pdf.pdfa_sign (pdfsig,
# mutool; the render: e2e.sample). In a sanitizer run measured under load
# they took 55, 26 and 11 s of test time.
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$(nproc)" \
  -E '^(arch\.(includes|includes_negative|spdx)|docs\..*|contrib\..*|fuzz\.vocab|serve\.browser|pdf\.templates|pdf\.pdfa_sign)$'

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
valgrind --quiet --num-callers=50 --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
  --suppressions=tests/valgrind.supp \
  ./build/delib render samples/2021-10-14-22.xml -o "$tmp/sample.pdf" 2>"$tmp/valgrind.log" \
  || { cat "$tmp/valgrind.log"; echo "valgrind: erreurs sur l'exemple" >&2; exit 1; }

# A bounded fuzzing run (libFuzzer, clang; tests/fuzz/) of 60 s in all on the
# seed corpora: 40 s of whole documents (fuzz_render), 6 s each of images
# (fuzz_decode), logos in a render (fuzz_image) and request heads
# (fuzz_request). Any crash, leak or hang fails the suite. (60 s rather
# than 90: the whole of CI stays near ten minutes; longer runs are
# scripts/fuzz.sh's to make.)
if command -v clang >/dev/null 2>&1; then
  ./scripts/fuzz.sh 60 >"$tmp/fuzz.log" 2>&1 \
    || { tail -n 60 "$tmp/fuzz.log"; echo "fuzz: échec, entrée dans build-fuzz/artifacts/" >&2; exit 1; }
  grep 'stat::' "$tmp/fuzz.log" || true
fi
echo "Tous les tests sont passés."
