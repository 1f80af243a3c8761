#!/usr/bin/env bash
# Smoke run of the built service: start it, check health, readiness, one real prediction, one bad
# request, then SIGTERM drain with a request in flight, and a clean exit 0. Used by CI (ctest
# smoke_run) and by hand: scripts/smoke_run.sh [build/notecoder] [data/codebook.bin]
set -euo pipefail
BIN=${1:-build/notecoder}
CODEBOOK=${2:-data/codebook.bin}
# Port 0: the kernel picks a free port and the server logs it. A guessed port could belong to
# another test's server when ctest runs suites in parallel.
PORT=${SMOKE_PORT:-0}
LOG=$(mktemp)
BIG=$(mktemp)
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$LOG" "$BIG"
}
trap cleanup EXIT
fail() { echo "smoke: FAIL: $*" >&2; echo "--- server log" >&2; cat "$LOG" >&2; exit 1; }
code() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@"; }

HOST=127.0.0.1 PORT=$PORT NOTECODER_CODEBOOK=$CODEBOOK MAX_BODY_BYTES=8388608 \
  "$BIN" serve >"$LOG" 2>&1 &
pid=$!
start=$(date +%s%N)

if [ "$PORT" = 0 ]; then
  for _ in $(seq 1 300); do
    PORT=$(grep -o '"port":[0-9]*' "$LOG" | head -1 | cut -d: -f2 || true)
    [ -n "$PORT" ] && [ "$PORT" != 0 ] && break
    kill -0 "$pid" 2>/dev/null || fail "server exited at start"
    sleep 0.01
  done
  [ -n "$PORT" ] && [ "$PORT" != 0 ] || fail "the server never logged its port"
fi

for _ in $(seq 1 200); do
  [ "$(code "http://127.0.0.1:$PORT/health")" = 200 ] && break
  kill -0 "$pid" 2>/dev/null || fail "server exited at start"
  sleep 0.02
done
[ "$(code "http://127.0.0.1:$PORT/health")" = 200 ] || fail "/health never answered 200"
for _ in $(seq 1 500); do
  [ "$(code "http://127.0.0.1:$PORT/ready")" = 200 ] && break
  sleep 0.01
done
[ "$(code "http://127.0.0.1:$PORT/ready")" = 200 ] || fail "/ready never turned 200"
echo "smoke: ready after $(( ($(date +%s%N) - start) / 1000000 )) ms"

out=$(curl -s --max-time 10 -H 'Content-Type: application/json' \
  -d '{"note":"Assessment:\n1. Type 2 diabetes with CKD stage 3b.\n2. Denies chest pain."}' \
  "http://127.0.0.1:$PORT/predict/coder")
echo "$out" | grep -q '"code":"E11.22"' || fail "prediction lacks E11.22: $out"
echo "smoke: prediction ok"

[ "$(code -H 'Content-Type: application/json' -d '{"nope":1}' \
  "http://127.0.0.1:$PORT/predict/coder")" = 400 ] || fail "bad request was not 400"
echo "smoke: bad request 400"

# Drain: a slow request in flight when SIGTERM arrives must still be answered 200.
{ printf '{"note":"'; for _ in $(seq 1 30000); do printf 'Type 2 diabetes and hypertension; denies chest pain. '; done; printf '"}'; } >"$BIG"
slow=$(mktemp)
curl -s -o /dev/null -w '%{http_code}' --max-time 30 -H 'Content-Type: application/json' \
  --data-binary @"$BIG" "http://127.0.0.1:$PORT/predict/coder" >"$slow" &
curl_pid=$!
sleep 0.3
kill -TERM "$pid"
wait "$curl_pid" || true
status=$(cat "$slow"); rm -f "$slow"
[ "$status" = 200 ] || fail "in-flight request during drain answered $status"
rc=0; wait "$pid" || rc=$?
pid=""
[ "$rc" = 0 ] || fail "exit status $rc after SIGTERM"
grep -q '"event":"stopped"' "$LOG" || fail "no stopped log line"
echo "smoke: drained on SIGTERM, exit 0"
echo "smoke: OK"
