#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Builds the three Debian packages (CPack, cmake/package.cmake) into
# build-deb/ or the folder given, as Debian builds its own: the compiler and
# linker flags of dpkg-buildflags with every hardening feature (stack
# protector, _FORTIFY_SOURCE, relro, bindnow), prefix /usr, the Debian
# layout (-DDELIB_DEBIAN_DOCS=ON: copyright, changelogs, compressed man
# pages, lintian overrides). No root needed. scripts/deb-lint.sh checks
# them, scripts/deb-test.sh installs them in a fresh Debian 12.
# Usage: scripts/deb-build.sh [DOSSIER]
set -eu
cd "$(dirname "$0")/.."
dir=${1:-build-deb}
say() { echo "deb-build : $*" >&2; }
command -v dpkg-buildflags >/dev/null || { say "dpkg-buildflags absent (paquet dpkg-dev)"; exit 1; }
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
cflags="$(dpkg-buildflags --get CFLAGS) $(dpkg-buildflags --get CPPFLAGS)"
ldflags=$(dpkg-buildflags --get LDFLAGS)
./scripts/build.sh "$dir" -DCMAKE_INSTALL_PREFIX=/usr -DBUILD_TESTING=OFF -DDELIB_DEBIAN_DOCS=ON \
	-DCMAKE_C_FLAGS="$cflags" -DCMAKE_EXE_LINKER_FLAGS="$ldflags" -DCMAKE_SHARED_LINKER_FLAGS="$ldflags"
rm -f "$dir"/*.deb
(cd "$dir" && cpack -G DEB >/dev/null)
ls "$dir"/delib_*.deb "$dir"/libdelib0_*.deb "$dir"/libdelib-dev_*.deb >/dev/null \
	|| { say "paquets absents de $dir/"; exit 1; }
