#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian 12 packages delib needs. Run as root; safe to run again.
#   install-deps.sh           what building and rendering need (the README's
#                             first command): compiler, libraries, fonts,
#                             hyphenation patterns, colour profile
#   install-deps.sh --tests   that and the test tool chain (scripts/test.sh):
#                             PDF readers and checkers, a JRE with PDFBox,
#                             Chromium and Node.js for the service's browser
#                             test, clang for the sanitizers and the fuzzer,
#                             valgrind, curl, wrk, mandoc, lintian (the
#                             Debian packages, scripts/deb-lint.sh)
set -eu
BUILD="
  build-essential cmake pkg-config
  libhpdf-dev libpng-dev libjpeg62-turbo-dev libxml2-dev libxslt1-dev libfontconfig-dev libharfbuzz-dev
  libfribidi-dev libutf8proc-dev
  libhyphen-dev hyphen-fr libmicrohttpd-dev libcmocka-dev nettle-dev libdeflate-dev
  fonts-dejavu-core fonts-dejavu-extra fonts-liberation2
  icc-profiles-free
"
TESTS="
  poppler-utils qpdf python3 python3-prometheus-client python3-jsonschema python3-pikepdf valgrind time man-db liblzma-dev
  libnss3-tools mupdf-tools
  default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java
  curl chromium wrk
  clang libclang-rt-dev
  mandoc bash-completion
  lintian
"
case ${1:-} in
'') PACKAGES=$BUILD ;;
--tests) PACKAGES="$BUILD $TESTS" ;;
*) echo "usage : install-deps.sh [--tests]" >&2; exit 2 ;;
esac
# Node.js and npm for the browser test: the machine's when it has them,
# else Debian's.
if [ "${1:-}" = --tests ] && ! command -v npm >/dev/null 2>&1; then
  PACKAGES="$PACKAGES nodejs npm"
fi
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing
fi
[ "${1:-}" = --tests ] || exit 0

# The browser test of `delib serve` (tests/serve/preview.test.mjs) drives
# Debian's chromium with playwright-core and runs axe-core in the page (test
# time only; the page never serves it), pinned by tests/serve/package-lock.json.
serve_tests="$(dirname "$0")/../tests/serve"
npm ci --prefix "$serve_tests" --no-audit --no-fund --loglevel=error
