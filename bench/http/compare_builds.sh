#!/usr/bin/env bash
# Side-by-side POST /predict/coder throughput of two builds on the shared machine: starts each
# build's server in turn on a loopback port, 2 s warm pass, 6 s measured (wrk over the rotation
# of distinct notes), stops it; alternates ROUNDS times so both see the same noise.
#   bench/http/compare_builds.sh OLD_BIN NEW_BIN MODEL_PATH(none|file) [ROUNDS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
rotation=${ROTATION_FILE:-/tmp/notecoder-rotation.jsonl}
port=${PORT:-18111}
run() {
  LOG_LEVEL=warn PORT=$port NOTECODER_CODEBOOK=${NOTECODER_CODEBOOK:-$root/data/codebook.bin} \
    MODEL_PATH=$2 ENABLE_ML_CACHE=0 "$1" serve >/dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/ready" >/dev/null && break; sleep 0.1; done
  local url="http://127.0.0.1:$port/predict/coder" lua="$root/bench/http/predict_rotation.lua"
  ROTATION_FILE=$rotation wrk -t2 -c64 -d2s -s "$lua" "$url" >/dev/null 2>&1
  # The warm pass's last requests are still being coded after wrk closed their connections; they
  # hold admission until done and would show as 503s at the start of the measured run.
  sleep 1
  ROTATION_FILE=$rotation wrk -t2 -c64 -d6s --latency -s "$lua" "$url" 2>&1 |
    grep -E "Requests/sec|99%|Non-2xx" | tr -s ' \n' ' '
  echo
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
}
for _ in $(seq 1 "${4:-2}"); do
  echo -n "old: "; run "$1" "$3"
  echo -n "new: "; run "$2" "$3"
done
