#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# e2e.table_headers — every page a table of the sample's annex spans begins
# with the table's header row: checked in the layout dump (cell rectangles
# and the texts inside them) and in the PDF's text (pdftotext -raw).
# The analysis is table_headers.py beside this script; see its docstring.
#
# Usage: table_headers.sh DELIB|BUILD_DIR SRC_DIR
set -euo pipefail
if [ $# -ne 2 ]; then
	echo "usage: $0 DELIB|BUILD_DIR SRC_DIR" >&2
	exit 2
fi
DELIB=$1
SRC=$(cd "$2" && pwd)
[ -d "$DELIB" ] && DELIB=$DELIB/delib
export DELIB_DATADIR=${DELIB_DATADIR:-$SRC}
SAMPLE=$SRC/samples/2021-10-14-22.xml
HERE=$(cd "$(dirname "$0")" && pwd)

for tool in pdftotext python3; do
	command -v "$tool" >/dev/null || { echo "FAIL: required tool '$tool' is not installed" >&2; exit 1; }
done
TMP=$(mktemp -d "${TMPDIR:-/tmp}/delib-e2e-tables.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

if ! "$DELIB" render "$SAMPLE" -o "$TMP/out.pdf" --dump-layout "$TMP/out.dump" 2>"$TMP/render.err"; then
	cat "$TMP/render.err" >&2
	echo "FAIL: delib render of the sample failed" >&2
	exit 1
fi
[ -s "$TMP/out.dump" ] || { echo "FAIL: delib render wrote no layout dump" >&2; exit 1; }
python3 "$HERE/table_headers.py" "$SAMPLE" "$TMP/out.dump" "$TMP/out.pdf"
