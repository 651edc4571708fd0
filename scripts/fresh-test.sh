#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The README's commands on a fresh Debian 12: the committed tree (git
# archive HEAD) copied into a `debootstrap --variant=minbase bookworm` root
# file system (scripts/chroot-base.sh), then, as root there, the README's
# first command (install what building and rendering need, build, render
# the sample: 23 pages, compared with this machine's render); with --all,
# the second one too (the whole suite: long), with ../shared beside the
# copy. Run as root; not part of the CTest suite.
set -eu
cd "$(dirname "$0")/.."
src=$(pwd)
say() { echo "fresh-test : $*" >&2; }
fail() { say "$*"; exit 1; }
[ "$(id -u)" = 0 ] || fail "à lancer en root (chroot)"
start=$(date +%s)
. ./scripts/chroot-base.sh
root=$(mktemp -d)
trap 'chroot_base_clean "$root"' EXIT
chroot_base_make "$root" || fail "debootstrap"
mkdir -p "$root/work/delib"
git archive HEAD | tar -x -C "$root/work/delib"
[ -d ../shared ] && [ "${1:-}" = --all ] && cp -a ../shared "$root/work/shared"
# The network as this machine reaches it: where the way out re-signs TLS
# with a local authority (/usr/local/share/ca-certificates), the root file
# system trusts it too once its ca-certificates package is installed (which
# reads that folder), for npm through NODE_EXTRA_CA_CERTS, as the host does. Nothing of the project's; a machine without one copies nothing.
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
	mkdir -p "$root/usr/local/share/ca-certificates"
	cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
fi
in_root() {
	chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
		NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt "$@"
}
first=$(sed -n '/^```sh$/{n;p;q}' README.md)
second=$(sed -n '/^```sh$/{n;n;p;q}' README.md)
say "première commande : $first"
t=$(date +%s)
in_root sh -c "cd /work/delib && $first" >"$root/first.log" 2>&1 || { tail -n 40 "$root/first.log"; fail "première commande"; }
say "première commande passée en $(($(date +%s) - t)) s"
pdf=$root/work/delib/2021-10-14-22.pdf
head -c 8 "$pdf" | grep -q '%PDF-1' || fail "pas de PDF"
if command -v pdfinfo >/dev/null; then
	[ "$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')" = 23 ] || fail "l'exemple n'a pas 23 pages"
fi
# Compared with this machine's build/, when it renders (it may be older
# than the tree: information only).
if [ -x build/delib ] && DELIB_DATADIR=$src build/delib render samples/2021-10-14-22.xml -o "$root/host.pdf" 2>/dev/null; then
	cmp -s "$pdf" "$root/host.pdf" && say "PDF identique octet pour octet à celui de build/ de l'hôte" \
		|| say "PDF différent de celui de build/ de l'hôte (build/ à jour ?)"
fi
if [ "${1:-}" = --all ]; then
	say "seconde commande : $second"
	t=$(date +%s)
	in_root sh -c "cd /work/delib && $second" >"$root/second.log" 2>&1 || { tail -n 60 "$root/second.log"; fail "seconde commande"; }
	say "seconde commande passée en $(($(date +%s) - t)) s"
fi
say "fini en $(($(date +%s) - start)) s"
