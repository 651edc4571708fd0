#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Configures and builds delib into build/ (or the folder given).
set -eu
cd "$(dirname "$0")/.."
# `shift` with no argument is a fatal error in dash (the shell exits with
# status 2 whatever follows it), so shift only when a folder was given.
dir=build
if [ $# -gt 0 ]; then
	dir=$1
	shift
fi
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$dir" -j "$(nproc)"
