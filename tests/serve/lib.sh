# SPDX-License-Identifier: Apache-2.0
# Helpers of the tests of `delib serve` (sourced by tests/serve/*.sh).
#
# start_server DELIB [OPTIONS…] starts `DELIB serve --listen 127.0.0.1:0`
# (the kernel picks a free port, so tests can run in parallel), waits for
# the line it prints once listening, and sets SERVER_PID, PORT, BASE and
# SERVER_LOG (its stderr). stop_server sends SIGTERM and checks it exits 0.
# Everything lands in $WORK, a temporary folder removed on exit.

set -eu
WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

FAILED=0
pass() { echo "ok - $*"; }
fail() { echo "not ok - $*"; FAILED=1; }

start_server() {
  local delib=$1
  shift
  SERVER_LOG=$WORK/server.log
  # Created here: the background job opens it for its stderr only once it
  # is scheduled, and a sed on a missing file would end the test (set -e).
  : >"$SERVER_LOG"
  "$delib" serve --listen 127.0.0.1:0 "$@" 2>"$SERVER_LOG" &
  SERVER_PID=$!
  local i
  for i in $(seq 1 600); do  # 60 s: the sanitizer build starts slowly
    PORT=$(sed -n "s|.*à l'écoute sur http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p" "$SERVER_LOG")
    [ -n "$PORT" ] && break
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      cat "$SERVER_LOG" >&2
      echo "delib serve exited before listening" >&2
      exit 1
    fi
    sleep 0.1
  done
  if [ -z "$PORT" ]; then
    cat "$SERVER_LOG" >&2
    echo "delib serve did not start listening" >&2
    exit 1
  fi
  BASE=http://127.0.0.1:$PORT
}

# stop_server: SIGTERM, then the exit status must be 0 within 60 s.
stop_server() {
  kill -TERM "$SERVER_PID" 2>/dev/null || true  # it may have stopped already
  local i rc
  for i in $(seq 1 600); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    fail "delib serve still running 60 s after SIGTERM"
    return
  fi
  rc=0
  wait "$SERVER_PID" || rc=$?
  SERVER_PID=
  if [ "$rc" -eq 0 ]; then pass "SIGTERM: exit status 0"; else fail "SIGTERM: exit status $rc"; fi
}

# own_data_dir: DATA, a data folder of the test's own in $WORK (links to the
# source tree's folders, a copy of its templates, which the test may change),
# exported as DELIB_DATADIR.
own_data_dir() {
  local src=$1 f
  DATA=$WORK/data
  mkdir "$DATA"
  for f in "$src"/*; do
    [ "$(basename "$f")" = templates ] || ln -s "$f" "$DATA/"
  done
  cp -r "$src/templates" "$DATA/templates"
  export DELIB_DATADIR=$DATA
}

finish() {
  if [ "$FAILED" -ne 0 ]; then
    echo "--- server log ---"
    cat "$SERVER_LOG"
    exit 1
  fi
}
