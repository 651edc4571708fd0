#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# delib as installed (cmake/install.cmake): `cmake --install` into a staging
# prefix, which is then moved (the installed tree is relocatable); from a
# folder outside the source tree and with DELIB_DATADIR unset,
#  - the installed delib renders the sample (23 pages), lists the templates
#    and checks one without files (the installed samples and wording corpus);
#  - a C program built with `pkg-config --cflags --libs delib` and another
#    built by a CMake project with find_package(delib), both linked with
#    libdelib.so, render it, their data folder the staged share/delib;
#  - a program linked statically with `pkg-config --static` renders it too
#    (given the data folder: DELIB_DATADIR from pkg-config's datadir);
#  - libdelib.so exports only delib_* symbols, libdelib.a defines no other
#    global symbol.
# Usage: staged.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 src=$2
sample=$src/samples/2021-10-14-22.xml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "install.staged : $*" >&2; exit 1; }
unset DELIB_DATADIR

cmake --install "$build" --prefix "$tmp/stage" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "cmake --install"; }
mv "$tmp/stage" "$tmp/moved"
p=$tmp/moved
pc=$(find "$p" -name delib.pc)
[ -n "$pc" ] || fail "delib.pc n'est pas installé"
libdir=$(dirname "$(dirname "$pc")")
for f in bin/delib include/delib.h share/delib/schema/deliberation.xsd share/delib/schema/layout.xsd \
         share/delib/templates/default/deliberation.xsl share/delib/templates/communautaire/deliberation.xsl \
         share/delib/fonts/fonts.conf; do
	[ -e "$p/$f" ] || fail "$f n'est pas installé"
done
for f in libdelib.so libdelib.so.0 libdelib.a pkgconfig/delib.pc cmake/delib/delibConfig.cmake \
         cmake/delib/delibConfigVersion.cmake cmake/delib/delibTargets.cmake; do
	[ -e "$libdir/$f" ] || fail "$libdir/$f n'est pas installé"
done
[ "$(readelf -d "$libdir/libdelib.so" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')" = libdelib.so.0 ] || fail "SONAME"
if grep -rqs -- "$src" "$p/share" "$libdir/pkgconfig" "$libdir/cmake"; then
	fail "le dossier des sources est nommé dans l'arbre installé"
fi

mkdir "$tmp/work"
cd "$tmp/work"
pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
# The libdelib.so.0 a program loads, as a canonical path.
loaded() { realpath "$(ldd "$1" | awk '$1 == "libdelib.so.0" {print $3}')"; }
shared=$(realpath "$libdir/libdelib.so.0")

# The installed delib.
"$p/bin/delib" render "$sample" -o cli.pdf || fail "delib render (installé)"
[ "$(pages cli.pdf)" = 23 ] || fail "delib installé : pas 23 pages"
"$p/bin/delib" templates | grep -q '^communautaire' || fail "delib templates (installé)"
# templates --check without files: the samples and the wording corpus
# installed under the data folder.
"$p/bin/delib" templates --check val-fleuri >check.out 2>&1 || { cat check.out; fail "templates --check (installé)"; }
DELIB_DATADIR=$src "$p/bin/delib" templates --check val-fleuri >check-src.out 2>&1 ||
	{ cat check-src.out; fail "templates --check (sources)"; }
grep -q '^modèle « val-fleuri » : [1-9][0-9]* documents essayés, 0 erreur, 0 avertissement$' check.out ||
	{ cat check.out; fail "templates --check (installé) : aucun document essayé"; }
cmp -s check.out check-src.out ||
	{ diff check-src.out check.out; fail "templates --check (installé) : pas les documents des sources"; }
# --data-dir and DELIB_DATADIR win over the default.
! "$p/bin/delib" --data-dir "$tmp/none" templates 2>err.txt || fail "--data-dir ignoré"
grep -q "$tmp/none" err.txt || fail "--data-dir : le message ne nomme pas le dossier"
! DELIB_DATADIR="$tmp/none" "$p/bin/delib" render "$sample" -o x.pdf 2>/dev/null || fail "DELIB_DATADIR ignoré"
"$p/bin/delib" render "$sample" --data-dir="$p/share/delib" -o cli2.pdf || fail "--data-dir=DOSSIER"
cmp -s cli.pdf cli2.pdf || fail "--data-dir : un autre PDF"

# With pkg-config.
export PKG_CONFIG_PATH=$libdir/pkgconfig
# shellcheck disable=SC2046
cc -std=c11 -Wall -Wextra -Werror -o pc "$src/tests/install/render.c" $(pkg-config --cflags --libs delib) \
	-Wl,-rpath,"$(pkg-config --variable=libdir delib)" || fail "programme pkg-config : compilation"
./pc "$sample" pc.pdf >pc.out || { cat pc.out; fail "programme pkg-config : rendu"; }
grep -qx "data: $p/share/delib" pc.out || { cat pc.out; fail "programme pkg-config : dossier de données"; }
grep -q 'pages: 23' pc.out || fail "programme pkg-config : pas 23 pages"
[ "$(loaded ./pc)" = "$shared" ] || fail "programme pkg-config : pas lié à libdelib.so"
cmp -s cli.pdf pc.pdf || fail "programme pkg-config : un autre PDF que delib"

# Statically, with pkg-config --static (libdelib.a, no libdelib.so).
# shellcheck disable=SC2046
cc -std=c11 -o st "$src/tests/install/render.c" $(pkg-config --cflags delib) "$libdir/libdelib.a" \
	$(pkg-config --static --libs delib | sed 's/-ldelib//') || fail "programme statique : édition de liens"
! ldd ./st | grep -q libdelib || fail "programme statique : lié à libdelib.so"
# Its own file is not in the prefix: it is told the data folder.
DELIB_DATADIR=$(pkg-config --variable=datadir delib) ./st "$sample" st.pdf >st.out || { cat st.out; fail "programme statique : rendu"; }
grep -q 'pages: 23' st.out || fail "programme statique : pas 23 pages"

# With find_package(delib).
mkdir proj
cp "$src/tests/install/render.c" proj/
cat >proj/CMakeLists.txt <<'CMAKE'
cmake_minimum_required(VERSION 3.18)
project(delib_user C)
find_package(delib 0.1 REQUIRED)
add_executable(render render.c)
target_link_libraries(render PRIVATE delib::delib)
CMAKE
cmake -S proj -B proj/build -DCMAKE_PREFIX_PATH="$p" >proj.log 2>&1 \
	&& cmake --build proj/build >>proj.log 2>&1 || { cat proj.log; fail "projet find_package"; }
proj/build/render "$sample" fp.pdf >fp.out || { cat fp.out; fail "programme find_package : rendu"; }
grep -q 'pages: 23' fp.out || fail "programme find_package : pas 23 pages"
[ "$(loaded proj/build/render)" = "$shared" ] || fail "programme find_package : pas lié à libdelib.so"

# Exported symbols.
sh "$src/tests/tools/check_exports.sh" "$libdir/libdelib.so" "$p/include/delib.h" || fail "nm -D"
bad=$(nm -g --defined-only "$libdir/libdelib.a" | awk 'NF == 3 && $3 !~ /^delib_/ {print $3}')
[ -z "$bad" ] || fail "libdelib.a définit d'autres symboles globaux : $bad"
echo "install.staged : arbre installé, déplacé, utilisé par delib, pkg-config, pkg-config --static et find_package"
