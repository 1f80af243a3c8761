#!/usr/bin/env bash
# 10 000 idle keep-alive connections against the built service: RSS and /health latency.
# Usage: bench/http/idle_connections.sh [build dir=build] [connections=10000] [codebook]
# Needs RLIMIT_NOFILE above the connection count for this shell (the server raises its own soft
# limit to the hard limit at start).
set -euo pipefail
BUILD=${1:-build}
N=${2:-10000}
CODEBOOK=${3:-data/codebook.bin}
LOG=$(mktemp)
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid" || true; fi
  rm -f "$LOG"
}
trap cleanup EXIT
ulimit -n "$(ulimit -Hn)"
HOST=127.0.0.1 PORT=0 LOG_LEVEL=info KEEPALIVE_TIMEOUT_S=120 NOTECODER_CODEBOOK=$CODEBOOK \
  "$BUILD/notecoder" serve >"$LOG" 2>&1 &
pid=$!
PORT=""
for _ in $(seq 1 300); do
  PORT=$(grep -o '"port":[0-9]*' "$LOG" | head -1 | cut -d: -f2 || true)
  [ -n "$PORT" ] && break
  sleep 0.02
done
[ -n "$PORT" ] || { echo "server did not start"; cat "$LOG"; exit 1; }
for _ in $(seq 1 300); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/ready")" = 200 ] && break
  sleep 0.02
done
grep -o '"open_files_limit":[0-9]*' "$LOG" || true
"$BUILD/bench/idle_connections" "$PORT" "$pid" "$N"
