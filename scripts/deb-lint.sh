#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# lintian on the Debian packages scripts/deb-build.sh made (build-deb/ or the
# folder given): fails on any error or warning that is not overridden. The
# overrides are cmake/lintian/COMPONENT.overrides, installed in the packages
# (/usr/share/lintian/overrides/PACKAGE), each with its reason. Info tags
# are shown, not counted (an override that no longer matches shows as
# unused-override, one whose context changed fails as mismatched-override).
# Overridden tags are not listed: lintian --show-overrides makes them count
# as failures (lintian 2.116). Without lintian (scripts/install-deps.sh --tests
# installs it), says so and exits 0.
# Usage: scripts/deb-lint.sh [DOSSIER]
set -eu
cd "$(dirname "$0")/.."
dir=${1:-build-deb}
say() { echo "deb-lint : $*" >&2; }
if ! command -v lintian >/dev/null 2>&1; then
	say "lintian absent : paquets NON vérifiés (apt-get install lintian, ou scripts/install-deps.sh --tests)"
	exit 0
fi
set -- "$dir"/delib_*.deb "$dir"/libdelib0_*.deb "$dir"/libdelib-dev_*.deb
for deb; do
	[ -f "$deb" ] || { say "$deb absent (scripts/deb-build.sh $dir d'abord)"; exit 1; }
done
out=$(mktemp)
trap 'rm -f "$out"' EXIT
rc=0
lintian --fail-on error,warning --display-info "$@" >"$out" 2>&1 || rc=$?
# lintian says so when run as root (as scripts/deb-test.sh is): not a finding.
grep -v '^running with root privileges is not recommended!$' "$out" >&2 || true
if [ $rc != 0 ]; then
	say "lintian : erreurs ou avertissements non justifiés (détails : lintian --info $*)"
	exit 1
fi
say "lintian : aucune erreur ni avertissement sur $(echo "$@" | wc -w) paquets ($(lintian --version))"
