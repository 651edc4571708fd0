#!/bin/sh
# Installs the Debian 12 packages delib needs to build, run and be tested.
# Run as root on a fresh machine; safe to run again.
set -eu
PACKAGES="
  build-essential cmake pkg-config
  libhpdf-dev libpng-dev libjpeg62-turbo-dev libxml2-dev libxslt1-dev libfontconfig-dev libharfbuzz-dev
  libfribidi-dev
  libhyphen-dev hyphen-fr libmicrohttpd-dev libcmocka-dev nettle-dev libdeflate-dev
  fonts-dejavu-core fonts-dejavu-extra fonts-liberation2
  poppler-utils qpdf python3 valgrind time
  icc-profiles-free libnss3-tools mupdf-tools
  default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java
  curl chromium wrk
  clang libclang-rt-dev
"
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

# The browser test of `delib serve` (tests/serve/preview.test.mjs) drives
# Debian's chromium with playwright-core, pinned by tests/serve/package-lock.json.
# Node.js and npm come with the machine (Debian 12's nodejs is too old for it).
serve_tests="$(dirname "$0")/../tests/serve"
if command -v npm >/dev/null 2>&1; then
  npm ci --prefix "$serve_tests" --no-audit --no-fund --loglevel=error
else
  # Rendering does not need it; the browser test will say so and fail.
  echo "install-deps: npm introuvable : le test du navigateur (tests/serve) ne pourra pas tourner" >&2
fi
