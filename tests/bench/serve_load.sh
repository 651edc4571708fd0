#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Load on `delib serve` over loopback with wrk (Debian package wrk), not
# part of the test suite: a benchmark.
#
#   tests/bench/serve_load.sh [DELIB]        (default: build/delib)
#
# Environment: THREADS (server --threads, default: number of CPUs),
# CONNS (wrk connections, default 4 × THREADS), DURATION (default 30s),
# WRK_THREADS (default 1: leave the cores to the server).
#
# Two runs of DURATION each on one server: (1) POST /v1/render with the
# sample (samples/2021-10-14-22.xml); (2) the same with malformed XML (400),
# a deliberation that breaks the schema (422), /v1/validate, a text/plain
# body (415) and a bad template name (400) mixed in, in turn
# (tests/bench/serve/mixed.lua). For each: requests/s, latency p50/p90/p99
# (wrk --latency), the statuses, socket errors, and the server's resident
# memory (VmRSS from /proc/PID/status) every 5 s. Fails (exit 1) on any 5xx,
# any socket error, a non-2xx response where none is expected, or resident
# memory growing in the second half of a run by more than 10 % + 4 MiB.
# GET /metrics is scraped every second during each run, as Prometheus
# would: every scrape must answer 200 (issue 19); the last one is shown.
set -eu
cd "$(dirname "$0")/../.."
DELIB=${1:-build/delib}
THREADS=${THREADS:-$(nproc)}
CONNS=${CONNS:-$((4 * THREADS))}
DURATION=${DURATION:-30s}
WRK_THREADS=${WRK_THREADS:-1}
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" >&2; exit 1; }
export BODY_FILE=$PWD/samples/2021-10-14-22.xml
export MALFORMED_FILE=$PWD/tests/serve/malformed.xml
export BROKEN_FILE=$PWD/tests/serve/broken.xml
export DELIB_DATADIR=${DELIB_DATADIR:-$PWD}

work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null; rm -rf "$work"' EXIT
: >"$work/server.log"  # before the job opens it: sed must find it (set -e)
"$DELIB" serve --listen 127.0.0.1:0 --threads "$THREADS" 2>"$work/server.log" &
pid=$!
for _ in $(seq 1 100); do
  port=$(sed -n "s|.*à l'écoute sur http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p" "$work/server.log")
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/server.log"; exit 1; }
base=http://127.0.0.1:$port

rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }  # [KiB]
seconds=${DURATION%s}
failed=0

# scrape PID OUT: GET /metrics every second while PID runs, the statuses
# in OUT, the last answer in $work/metrics.txt.
scrape() {
  : >"$2"
  while kill -0 "$1" 2>/dev/null; do
    curl -s -o "$work/metrics.txt" -w '%{http_code}\n' "$base/metrics" >>"$2" || echo 000 >>"$2"
    sleep 1
  done
}

# run NAME SCRIPT EXPECTED_STATUSES: one wrk run, RSS sampled every 5 s.
run() {
  local name=$1 script=$2 expected=$3
  # Warm up (the first renders fill caches), then measure.
  curl -s -o /dev/null -H 'Content-Type: application/xml' --data-binary "@$BODY_FILE" "$base/v1/render"
  echo "== $name: wrk -t$WRK_THREADS -c$CONNS -d$DURATION --latency, server --threads $THREADS"
  local rss_log=$work/rss-$name.txt
  : >"$rss_log"
  echo "0 $(rss)" >>"$rss_log"
  wrk -t"$WRK_THREADS" -c"$CONNS" -d"$DURATION" --timeout 30s --latency -s "$script" "$base" >"$work/wrk-$name.txt" &
  local wrk_pid=$! t=0
  scrape "$wrk_pid" "$work/scrapes-$name.txt" &
  local scrape_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null; do
    sleep 5
    t=$((t + 5))
    [ "$t" -le "$seconds" ] && echo "$t $(rss)" >>"$rss_log"
  done
  wait "$wrk_pid"
  wait "$scrape_pid"
  echo "end $(rss)" >>"$rss_log"
  cat "$work/wrk-$name.txt"
  echo "resident memory (VmRSS, KiB) by second of the run:"
  awk '{printf "  %4s s  %7d KiB\n", $1, $2}' "$rss_log"
  local errors statuses bad mid end
  errors=$(grep -c "Socket errors" "$work/wrk-$name.txt" || true)
  statuses=$(sed -n 's/^status \([0-9]*\): .*/\1/p' "$work/wrk-$name.txt" | tr '\n' ' ')
  bad=""
  for s in $statuses; do
    case " $expected " in *" $s "*) ;; *) bad="$bad $s" ;; esac
  done
  local scrapes scrapes_ok
  scrapes=$(wc -l <"$work/scrapes-$name.txt")
  scrapes_ok=$(grep -c '^200$' "$work/scrapes-$name.txt" || true)
  echo "GET /metrics scraped $scrapes times during the run, $scrapes_ok answered 200; last scrape:"
  grep -E '^delib_(renders_total|queue_depth|workers_busy|render_duration_seconds_(sum|count))' "$work/metrics.txt" \
    | grep -v 'route="/v1/\(validate\|convocation\|liste\)"' | sed 's/^/  /'
  if [ "$scrapes" -eq 0 ] || [ "$scrapes_ok" -ne "$scrapes" ]; then echo "FAIL: /metrics scrapes"; failed=1; fi
  if [ "$errors" -ne 0 ]; then echo "FAIL: socket errors"; failed=1; fi
  if grep -q "Non-2xx or 3xx responses" "$work/wrk-$name.txt" && [ "$expected" = "200" ]; then
    echo "FAIL: non-2xx responses"; failed=1
  fi
  if [ -n "$bad" ]; then echo "FAIL: unexpected statuses:$bad"; failed=1; fi
  mid=$(awk -v h=$((seconds / 2)) '$1 == h {print $2}' "$rss_log")
  end=$(awk '$1 == "end" {print $2}' "$rss_log")
  if [ -n "$mid" ] && [ "$end" -gt $((mid + mid / 10 + 4096)) ]; then
    echo "FAIL: resident memory grew from $mid KiB (middle) to $end KiB (end)"; failed=1
  else
    echo "resident memory flat: start $(head -1 "$rss_log" | cut -d' ' -f2) KiB, middle ${mid:-?} KiB, end $end KiB"
  fi
  echo
}

echo "machine: $(nproc) CPUs; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
run render tests/bench/serve/render.lua "200"
run mixed tests/bench/serve/mixed.lua "200 400 415 422"

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
pid=
echo "server stopped by SIGTERM: exit status $rc"
grep -c " POST /v1/" "$work/server.log" | sed 's/^/access log lines: /'
grep -E " 5[0-9][0-9] [0-9]+ " "$work/server.log" | head -3 || true
[ "$rc" -eq 0 ] || failed=1
exit "$failed"
