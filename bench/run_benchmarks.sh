#!/usr/bin/env bash
# Runs every in-process benchmark; usage: bench/run_benchmarks.sh [build-dir]
set -euo pipefail
build=${1:-build}
for b in codes_bench nlp_bench rules_bench; do
  echo "== $b"
  "$build/bench/$b" --benchmark_min_time=0.5 "${@:2}"
done
