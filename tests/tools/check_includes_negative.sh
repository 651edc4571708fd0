#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The include-graph check must fail on a wrong include: each case copies the
# tree, adds one forbidden include and expects check_includes.py to name it.
set -eu
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# case FILE LINE EXPECTED: insert LINE at the top of FILE in a fresh copy.
case_of() {
	rm -rf "$tmp/tree"
	mkdir -p "$tmp/tree"
	cp -R "$src/src" "$src/include" "$tmp/tree/"
	sed -i "1i $2" "$tmp/tree/$1"
	if python3 "$src/tests/tools/check_includes.py" "$tmp/tree" >"$tmp/out" 2>&1; then
		echo "ÉCHEC : « $2 » dans $1 n'a pas été refusé"
		fail=1
	elif ! grep -q -- "$3" "$tmp/out"; then
		echo "ÉCHEC : « $2 » dans $1 : message attendu « $3 », reçu :"
		cat "$tmp/out"
		fail=1
	fi
}

case_of src/pdf/render_pdf.c '#include "layout.h"' 'appartient à src/layout/'
case_of src/layout/layout.c '#include <hpdf.h>' 'hors de src/pdf/'
case_of src/cli/main.c '#include "arena.h"' 'interne à src/base/'
case_of src/cli/main.c '#include "parse.h"' 'appartient à src/xml/'
case_of src/base/arena.c '#include "font.h"' 'appartient à src/font/'
case_of src/layout/layout_inline.c '#include "layout_block.h"' 'cercle'
case_of src/font/font.h '#include "nothing_here.h"' 'introuvable'
# A layer's CMake USES may not reach up either.
rm -rf "$tmp/tree" && mkdir -p "$tmp/tree" && cp -R "$src/src" "$src/include" "$tmp/tree/"
sed -i 's/USES base font page/USES base font page layout/' "$tmp/tree/src/pdf/CMakeLists.txt"
python3 "$src/tests/tools/check_includes.py" "$tmp/tree" >"$tmp/out" 2>&1 && { echo "ÉCHEC : USES layout dans src/pdf accepté"; fail=1; }
grep -q "ne peut pas utiliser layout" "$tmp/out" || { echo "ÉCHEC : message USES"; cat "$tmp/out"; fail=1; }
exit $fail
