#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The service's unit as configured (BUILD_DIR/delib.service) passes
# `systemd-analyze verify`, its ExecStart pointed at this build's delib and
# its Documentation= at docs/man; prints its exposure level.
# Usage: systemd_verify.sh BUILD_DIR SOURCE_DIR DELIB
set -eu
build=$1 src=$2 delib=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/man/man1" "$tmp/unit"
cp "$src"/docs/man/*.1 "$tmp/man/man1/"
sed "s|^ExecStart=[^ ]*/delib |ExecStart=$delib |" "$build/delib.service" >"$tmp/unit/delib.service"
MANPATH=$tmp/man systemd-analyze verify "$tmp/unit/delib.service"
systemd-analyze security --offline=true "$tmp/unit/delib.service" 2>/dev/null | tail -n 1 || true
