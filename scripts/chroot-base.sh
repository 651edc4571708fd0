# SPDX-License-Identifier: Apache-2.0
# Sourced by scripts/deb-test.sh and scripts/container-test.sh: a fresh
# Debian 12 root file system (`debootstrap --variant=minbase bookworm`),
# built once and kept as a tarball, unpacked into a new folder each run.
#   chroot_base_make DIR   unpacks it into DIR, mounts /proc and /dev,
#                          copies resolv.conf
#   chroot_base_clean DIR  unmounts and removes DIR
# DELIB_CHROOT_CACHE: the tarball (default build-deb/bookworm-minbase.tar);
# DEBIAN_MIRROR: the archive (default http://deb.debian.org/debian).
chroot_base_tarball() {
	cache=${DELIB_CHROOT_CACHE:-$(pwd)/build-deb/bookworm-minbase.tar}
	[ -s "$cache" ] && return 0
	command -v debootstrap >/dev/null || apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
	fresh=$(mktemp -d)
	debootstrap --variant=minbase bookworm "$fresh" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" \
		>"$fresh.log" 2>&1 || { tail -n 30 "$fresh.log"; rm -rf "$fresh"; return 1; }
	mkdir -p "$(dirname "$cache")"
	tar -C "$fresh" -cf "$cache.tmp" . && mv "$cache.tmp" "$cache"
	rm -rf "$fresh" "$fresh.log"
	echo "système de base mis en cache : $cache" >&2
}

chroot_base_make() {
	chroot_base_tarball || return 1
	tar -C "$1" -xf "$cache"
	chmod 755 "$1"  # the root of the chroot (mktemp -d's, and the tarball's ".", are 0700)
	mount -t proc proc "$1/proc"
	mount --bind /dev "$1/dev"
	cp /etc/resolv.conf "$1/etc/resolv.conf"
}

chroot_base_clean() {
	umount "$1/proc" 2>/dev/null || umount -l "$1/proc" 2>/dev/null || true
	umount "$1/dev" 2>/dev/null || umount -l "$1/dev" 2>/dev/null || true
	# Never through a mount left behind (the host's /dev).
	if mountpoint -q "$1/dev" || mountpoint -q "$1/proc"; then
		echo "$1 : montages restants, dossier laissé en place" >&2
		return 1
	fi
	rm -rf --one-file-system "$1"
}
