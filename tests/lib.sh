# SPDX-License-Identifier: Apache-2.0
# Shared by the bash test scripts (sourced): a temporary folder removed on
# exit, failures counted rather than fatal so one run reports them all, and
# required tools checked (a missing tool fails the test, never skips it).

# use_tmp NAME: $TMP, a fresh folder, removed when the script exits.
use_tmp() {
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/delib-$1.XXXXXX")
	trap 'rm -rf "$TMP"' EXIT
}

failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}
pass() { echo "ok: $*"; }

# need TOOL…: each must be on PATH (installed by scripts/install-deps.sh).
need() {
	for tool in "$@"; do
		command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed (scripts/install-deps.sh)" >&2; exit 1; }
	done
}
