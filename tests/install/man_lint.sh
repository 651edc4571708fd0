#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Every man page of docs/man is clean under `mandoc -T lint -W style`; the
# only message allowed is a cross reference to another page of docs/man,
# which mandoc cannot find before installation.
# Usage: man_lint.sh SOURCE_DIR
set -eu
dir=$1/docs/man
command -v mandoc >/dev/null || { echo "mandoc introuvable (install-deps.sh --tests)" >&2; exit 1; }
status=0
for page in "$dir"/*.[1-8]; do
	mandoc -T lint -W style "$page" 2>&1 | while IFS= read -r line; do
		ref=$(printf '%s\n' "$line" | sed -n 's/.*referenced manual not found: Xr \([^ ]*\) \([0-9]\).*/\1.\2/p')
		[ -n "$ref" ] && [ -f "$dir/$ref" ] && continue
		case $line in *"outdated mandoc.db"*) continue ;; esac
		echo "$line"
		exit 1
	done || status=1
done
[ $status -eq 0 ] && echo "$(ls "$dir"/*.[1-8] | wc -l) pages de manuel, mandoc -T lint sans remarque"
exit $status
