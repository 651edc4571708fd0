#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The Dockerfile tried without a container engine, each stage in a fresh
# Debian 12 root file system (scripts/chroot-base.sh; the image's
# debian:12-slim is the same minimal system): the build stage's RUN
# instructions as written, on the committed tree (git archive HEAD, for
# COPY . .) in /src; the runtime stage's, then its COPY --from=build of
# /out/usr; then, in a network namespace of its own and as the image's
# user, the image's ENTRYPOINT and CMD (delib serve --listen 0.0.0.0:8080),
# its HEALTHCHECK command, a render of the sample through POST /v1/render,
# and the stop on SIGTERM (its STOPSIGNAL). Run as root.
set -eu
cd "$(dirname "$0")/.."
src=$(pwd)
say() { echo "container-test : $*" >&2; }
fail() { say "$*"; exit 1; }
[ "$(id -u)" = 0 ] || fail "à lancer en root (chroot, unshare)"
start=$(date +%s)

# A stage of the Dockerfile, continuation lines joined.
stage_of() {
	awk -v name="$1" '$1 == "FROM" && $NF == name {on = 1; next} $1 == "FROM" {on = 0} on' Dockerfile \
		| sed -e ':a' -e '/\\$/{N;s/\\\n//;ba' -e '}'
}
# The runtime stage: its RUN lines, user, working folder, health check,
# entry point and command.
stage=$(mktemp)
stage_of runtime >"$stage"
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
build=$(mktemp -d)
trap 'chroot_base_clean "$build"; chroot_base_clean "$root"; rm -f "$stage"' EXIT
in_chroot() { dir=$1; shift; chroot "$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
	DEBIAN_FRONTEND=noninteractive "$@"; }
# run_stage DIR WORKDIR: the RUN lines of the stage on standard input.
run_stage() {
	sed -n 's/^RUN *//p' | while IFS= read -r run; do
		in_chroot "$1" sh -c "cd $2 && $run" >"$1/tmp/run.log" 2>&1 \
			|| { tail -n 30 "$1/tmp/run.log"; fail "RUN $run"; }
	done
}

# The build stage.
chroot_base_make "$build" || fail "debootstrap"
mkdir -p "$build/src"
git archive HEAD | tar -x -C "$build/src"
stage_of build | run_stage "$build" /src
[ -x "$build/out/usr/bin/delib" ] || fail "l'étape build n'a pas installé /out/usr/bin/delib"
say "étape build faite en $(($(date +%s) - start)) s"

# The runtime stage.
t=$(date +%s)
chroot_base_make "$root" || fail "debootstrap"
run_stage "$root" / <"$stage"
grep -q '^COPY --from=build /out/usr/ /usr/$' "$stage" || fail "Dockerfile : COPY --from=build attendu"
cp -a "$build/out/usr/." "$root/usr/"
chroot_base_clean "$build"
say "étape runtime faite en $(($(date +%s) - t)) s ($(du -sh --exclude=proc --exclude=dev "$root" | cut -f1))"

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
