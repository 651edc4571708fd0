#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The Debian packages on a fresh Debian 12: builds them (CPack,
# cmake/package.cmake, scripts/deb-build.sh) into build-deb/, runs lintian
# on them (scripts/deb-lint.sh), installs libdelib0 and delib with
# apt-get in a `debootstrap --variant=minbase bookworm` root file system,
# renders the sample there as an unprivileged user, compares it with the
# host's render of the same data, then removes both with `dpkg -r` and checks that
# nothing of theirs is left. Run as root; not part of the CTest suite
# (minutes, network). The minimal root file system is built once and kept
# as a tarball (scripts/chroot-base.sh: DELIB_CHROOT_CACHE, default
# build-deb/bookworm-minbase.tar; DEBIAN_MIRROR).
# Usage: scripts/deb-test.sh [--dev]   (--dev: also libdelib-dev, and a C
# program built in the chroot with pkg-config)
set -eu
cd "$(dirname "$0")/.."
dev=0
[ "${1:-}" = --dev ] && dev=1
say() { echo "deb-test : $*" >&2; }
fail() { say "$*"; exit 1; }
[ "$(id -u)" = 0 ] || fail "à lancer en root (debootstrap, chroot)"
start=$(date +%s)

# 1. The packages (scripts/deb-build.sh), then lintian (scripts/deb-lint.sh:
# any error or warning not overridden fails; skipped when lintian is absent).
./scripts/deb-build.sh build-deb
say "paquets construits en $(($(date +%s) - start)) s"
./scripts/deb-lint.sh build-deb || fail "lintian"

# 2. A fresh root file system, from the cached tarball (scripts/chroot-base.sh).
. ./scripts/chroot-base.sh
root=$(mktemp -d)
trap 'chroot_base_clean "$root"' EXIT
chroot_base_make "$root" || fail "debootstrap"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
	DEBIAN_FRONTEND=noninteractive "$@"; }
mkdir -p "$root/tmp/deb"
cp build-deb/*.deb "$root/tmp/deb/"
cp samples/2021-10-14-22.xml "$root/tmp/"
# The system's files; not the users' own (the font cache delib leaves in
# ~/.cache is the user's, as any program's cache).
snapshot() { in_root sh -c 'find / -xdev \( -path /proc -o -path /tmp -o -path /var/cache -o -path /var/lib/apt \
	-o -path /var/log -o -path /var/lib/dpkg -o -path /home -o -path /root \) -prune -o -print' | sort; }

# 3. Install with apt-get (dependencies from the archive), render, remove.
in_root apt-get update -qq
snapshot >"$root/tmp/before.txt"
pkgs="./tmp/deb/libdelib0_*.deb ./tmp/deb/delib_*.deb"
[ $dev = 1 ] && pkgs="$pkgs ./tmp/deb/libdelib-dev_*.deb"
t=$(date +%s)
in_root sh -c "cd / && apt-get install -y -qq --no-install-recommends $pkgs" >"$root/tmp/apt.log" 2>&1 \
	|| { tail -n 30 "$root/tmp/apt.log"; fail "apt-get install"; }
say "installés par apt-get en $(($(date +%s) - t)) s : $(in_root dpkg-query -W -f='${Package} ' libdelib0 delib)"
snapshot >"$root/tmp/installed.txt"
# libdelib0 has no maintainer script: dpkg's ldconfig trigger put it in the cache.
in_root ldconfig -p | grep -q 'libdelib\.so\.0 ' || fail "libdelib.so.0 absent du cache de ldconfig (déclencheur)"
in_root useradd -m greffe
in_root su greffe -c 'cd ~ && delib --version && delib templates && delib render /tmp/2021-10-14-22.xml -o d.pdf' \
	|| fail "rendu de l'exemple dans le chroot"
pdf=$root/home/greffe/d.pdf
head -c 8 "$pdf" | grep -q '%PDF-1' || fail "pas un PDF"
if command -v pdfinfo >/dev/null; then
	pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
	[ "$pages" = 23 ] || fail "l'exemple a $pages pages, pas 23"
	say "l'exemple rendu dans le chroot : $pages pages"
fi
# The host's render with the packaged data folder (the source tree's may
# have changed since).
./build-deb/delib --data-dir "$root/usr/share/delib" render samples/2021-10-14-22.xml -o "$root/tmp/host.pdf"
if cmp -s "$pdf" "$root/tmp/host.pdf"; then
	say "PDF identique octet pour octet à celui de l'hôte"
else
	say "PDF différent de celui de l'hôte (polices ou bibliothèques d'une autre version ?)"
fi
in_root su greffe -c 'delib validate /tmp/2021-10-14-22.xml' || fail "delib validate"
for p in delib libdelib0; do
	[ -f "$root/usr/share/doc/$p/copyright" ] || fail "/usr/share/doc/$p/copyright absent"
done
in_root sh -c 'man -w delib-render >/dev/null 2>&1 || test -f /usr/share/man/man1/delib-render.1.gz || test -f /usr/share/man/man1/delib-render.1' \
	|| fail "page de manuel absente"
if [ $dev = 1 ]; then
	in_root apt-get install -y -qq --no-install-recommends gcc libc6-dev pkg-config >/dev/null 2>&1 \
		|| fail "gcc dans le chroot"
	cp tests/install/render.c "$root/tmp/"
	in_root sh -c 'cd /tmp && cc -o render render.c $(pkg-config --cflags --libs delib) && ./render 2021-10-14-22.xml p.pdf' \
		|| fail "programme pkg-config dans le chroot"
	# The functions' pages are links to libdelib.3.gz (test -f follows them).
	in_root test -f /usr/share/man/man3/delib_ctx_new.3.gz || fail "page delib_ctx_new(3) absente"
	in_root dpkg -r libdelib-dev >/dev/null
fi
in_root dpkg -r delib libdelib0 >/dev/null || fail "dpkg -r"
in_root dpkg-query -W -f='${Status}\n' delib libdelib0 2>/dev/null | grep -q ' installed$' \
	&& fail "encore installé après dpkg -r"
snapshot >"$root/tmp/after.txt"
left=$(comm -13 "$root/tmp/before.txt" "$root/tmp/after.txt" | grep -i delib || true)
[ -z "$left" ] || fail "laissé par dpkg -r : $left"
[ ! -e "$root/usr/share/delib" ] && [ ! -e "$root/usr/bin/delib" ] || fail "fichiers restants"
say "dpkg -r : rien de delib ne reste"
say "fini en $(($(date +%s) - start)) s"
