#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The wording corpus through a template made only of a template.xml
# (templates/val-fleuri, issue 15): every case that names no template of
# its own renders with it and holds its exact sentences (run_wording.py);
# the identity changes the look, never the law's wording.
#   identity.sh DELIB SOURCE_DIR
set -euo pipefail
delib=$1
src=$(cd "$2" && pwd)
n=0
failed=0
for case in "$src"/tests/corpus/wording/*.xml; do
  grep -q '^@template ' "${case%.xml}.txt" && continue
  if ! DELIB_WORDING_TEMPLATE=val-fleuri python3 "$src/tests/corpus/wording/run_wording.py" "$delib" "$case" >/dev/null; then
    DELIB_WORDING_TEMPLATE=val-fleuri python3 "$src/tests/corpus/wording/run_wording.py" "$delib" "$case" | tail -5
    failed=$((failed + 1))
  fi
  n=$((n + 1))
done
[ "$n" -ge 50 ] || { echo "ÉCHEC : seulement $n cas"; exit 1; }
[ "$failed" = 0 ] || { echo "ÉCHEC : $failed cas sur $n"; exit 1; }
echo "ok : $n cas du corpus des formulations avec val-fleuri"
