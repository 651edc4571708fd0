#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The Dockerfile's runtime stage, tried without a container engine: in a
# fresh Debian 12 root file system (scripts/chroot-base.sh; the image's
# debian:12-slim is the same minimal system), runs the runtime stage's RUN
# instructions as written in the Dockerfile, copies in what its build stage
# installs (`cmake --install` of the components cli and lib of build-deb/,
# configured as the build stage is), then, in a network namespace of its
# own and as the image's user, starts the image's ENTRYPOINT and CMD
# (delib serve --listen 0.0.0.0:8080), runs its HEALTHCHECK command, renders
# the sample through POST /v1/render, and stops it with the STOPSIGNAL.
# Run as root, after scripts/deb-test.sh has built build-deb/ (or with
# build-deb/ configured with -DCMAKE_INSTALL_PREFIX=/usr).
set -eu
cd "$(dirname "$0")/.."
src=$(pwd)
say() { echo "container-test : $*" >&2; }
fail() { say "$*"; exit 1; }
[ "$(id -u)" = 0 ] || fail "à lancer en root (chroot, unshare)"
grep -q '^CMAKE_INSTALL_PREFIX:PATH=/usr$' build-deb/CMakeCache.txt 2>/dev/null \
	|| fail "build-deb/ absent ou pas configuré pour /usr : lancer d'abord scripts/deb-test.sh"
start=$(date +%s)
cmake --build build-deb -j "$(nproc)" >/dev/null

# The runtime stage of the Dockerfile: its RUN lines (continuations joined),
# its user, working folder, health check, entry point and command.
stage=$(mktemp)
awk '/^FROM .* AS runtime/ {on = 1; next} /^FROM / {on = 0} on' Dockerfile \
	| sed -e ':a' -e '/\\$/{N;s/\\\n//;ba' -e '}' >"$stage"
user=$(sed -n 's/^USER *//p' "$stage")
workdir=$(sed -n 's/^WORKDIR *//p' "$stage")
# A JSON array of the Dockerfile (exec form) as shell words.
json_words() { python3 -c 'import json, shlex, sys; print(" ".join(map(shlex.quote, json.loads(sys.argv[1]))))' "$1"; }
health=$(sed -n 's/^HEALTHCHECK .*CMD *//p' "$stage")
entry=$(sed -n 's/^ENTRYPOINT *//p' "$stage")
cmd=$(sed -n 's/^CMD *//p' "$stage")
[ -n "$user" ] && [ -n "$health" ] && [ -n "$entry" ] && [ -n "$cmd" ] || fail "Dockerfile : étape runtime incomplète"

. ./scripts/chroot-base.sh
root=$(mktemp -d)
trap 'chroot_base_clean "$root"; rm -f "$stage"' EXIT
chroot_base_make "$root" || fail "debootstrap"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
	DEBIAN_FRONTEND=noninteractive "$@"; }

sed -n 's/^RUN *//p' "$stage" | while IFS= read -r run; do
	in_root sh -c "$run" >"$root/tmp/run.log" 2>&1 || { tail -n 30 "$root/tmp/run.log"; fail "RUN $run"; }
done
out=$(mktemp -d)
DESTDIR=$out cmake --install build-deb --component cli --strip >/dev/null
DESTDIR=$out cmake --install build-deb --component lib --strip >/dev/null
cp -a "$out/usr/." "$root/usr/"
rm -rf "$out"
say "étape runtime préparée en $(($(date +%s) - start)) s ($(du -sh --exclude=proc --exclude=dev "$root" | cut -f1))"

# Server and checks in a network namespace of their own: 0.0.0.0:8080 as in
# the image, whatever the host listens on.
cp samples/2021-10-14-22.xml "$root/tmp/sample.xml"
{
	echo 'set -eu'
	echo 'ip link set lo up'
	printf 'chroot --userspec=%s:%s %s /usr/bin/env -i HOME=%s PATH=/usr/bin:/bin sh -c '\''cd %s && exec "$@"'\'' sh' \
		"$user" "$user" "$root" "$workdir" "$workdir"
	printf ' %s %s 2>%s/tmp/serve.log &\n' "$(json_words "$entry")" "$(json_words "$cmd")" "$root"
	echo 'pid=$!'
	echo 'ok=0'
	echo 'for i in $(seq 1 50); do'
	printf '  if chroot --userspec=%s:%s %s' "$user" "$user" "$root"
	printf ' %s 2>/dev/null; then ok=1; break; fi\n' "$(json_words "$health")"
	echo '  sleep 0.2'
	echo 'done'
	echo '[ $ok = 1 ] || { echo "HEALTHCHECK en échec" >&2; kill $pid; exit 1; }'
	printf 'code=$(curl -s -o %s/tmp/sample.pdf -w "%%{http_code}" --data-binary @%s/tmp/sample.xml -H "Content-Type: application/xml" http://127.0.0.1:8080/v1/render)\n' "$root" "$root"
	echo '[ "$code" = 200 ] || { echo "POST /v1/render : $code" >&2; kill $pid; exit 1; }'
	echo 'kill -TERM $pid'
	echo 'wait $pid || { echo "delib serve : code $? après SIGTERM" >&2; exit 1; }'
} >"$root/tmp/run-in-netns.sh"
unshare --net sh "$root/tmp/run-in-netns.sh" || { cat "$root/tmp/serve.log"; fail "service dans l'étape runtime"; }
head -c 8 "$root/tmp/sample.pdf" | grep -q '%PDF-1' || fail "POST /v1/render : pas un PDF"
if command -v pdfinfo >/dev/null; then
	[ "$(pdfinfo "$root/tmp/sample.pdf" | sed -n 's/^Pages: *//p')" = 23 ] || fail "l'exemple n'a pas 23 pages"
fi
grep -q "à l'écoute sur http://0.0.0.0:8080/" "$root/tmp/serve.log" || { cat "$root/tmp/serve.log"; fail "annonce d'écoute"; }
say "HEALTHCHECK, POST /v1/render (23 pages) et arrêt sur SIGTERM en tant que $user : bons"
say "fini en $(($(date +%s) - start)) s"
