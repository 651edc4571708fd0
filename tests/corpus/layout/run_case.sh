#!/bin/sh
# One case of the golden layout corpus (README.md beside this script):
#
#   run_case.sh DELIB_LAYOUT_DUMP CASE.xml
#
# lays out CASE.xml with the delib-layout-dump program and compares, byte
# for byte, its dump with CASE.dump and its diagnostics with CASE.diag (no
# CASE.diag: no diagnostic expected), printing `diff -u` of each that
# differs. With DELIB_REGEN=1 in the environment it writes CASE.dump and
# CASE.diag (removed when there is no diagnostic) instead, for an intended
# change whose diff is then reviewed before it is committed.
set -u
prog=$1
case_xml=$2
base=${case_xml%.xml}
name=$(basename "$base")
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

if ! "$prog" -d "$tmp/diag" "$case_xml" >"$tmp/dump"; then
	echo "layout.$name: $case_xml could not be laid out (the reason is on stderr)"
	exit 1
fi

if [ "${DELIB_REGEN:-0}" = 1 ]; then
	cp "$tmp/dump" "$base.dump" || exit 2
	if [ -s "$tmp/diag" ]; then
		cp "$tmp/diag" "$base.diag" || exit 2
	else
		rm -f "$base.diag"
	fi
	echo "layout.$name: expectations written; review them with git diff before committing"
	exit 0
fi

status=0
if [ ! -f "$base.dump" ]; then
	echo "layout.$name: no $name.dump yet; the dump laid out now is:"
	cat "$tmp/dump"
	echo "layout.$name: check it, then write it with DELIB_REGEN=1 (README.md)"
	exit 1
fi
if ! diff -u --label "$name.dump (expected)" --label "$name.dump (laid out now)" "$base.dump" "$tmp/dump"; then
	status=1
fi
expected_diag=$base.diag
[ -f "$expected_diag" ] || expected_diag=/dev/null
if ! diff -u --label "$name.diag (expected)" --label "$name.diag (laid out now)" "$expected_diag" "$tmp/diag"; then
	status=1
fi
if [ "$status" != 0 ]; then
	echo "layout.$name: the layout differs from the expectation. If the change is intended, run"
	echo "  DELIB_REGEN=1 ctest -R '^layout\\.$name\$'  and review the diff of $name.dump before committing."
fi
exit "$status"
