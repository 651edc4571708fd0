#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# libdelib.so exports the public API of include/delib.h and nothing else:
# every dynamic symbol it defines starts with delib_, and every DELIB_API
# function of the header is among them.
set -eu
lib=$1 header=$2
syms=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRW]$/ {print $3}')
[ -n "$syms" ] || { echo "aucun symbole exporté par $lib"; exit 1; }
bad=$(printf '%s\n' "$syms" | grep -v '^delib_' || true)
[ -z "$bad" ] || { echo "symboles exportés hors de l'API publique :"; echo "$bad"; exit 1; }
for f in $(grep -o 'DELIB_API [^(]*(' "$header" | grep -o 'delib_[a-z_0-9]*($' | tr -d '(' | sort -u); do
	printf '%s\n' "$syms" | grep -qx "$f" || { echo "$f déclaré dans delib.h mais pas exporté"; exit 1; }
done
echo "$(printf '%s\n' "$syms" | wc -l) symboles exportés, tous delib_*"
