#!/usr/bin/env bash
# The LLM client under load against the fake provider (BENCHMARKS.md, "Issue 6: LLM engine").
#   bench/llm/run.sh [build-dir] [calls] [concurrency] [latency_ms]
set -euo pipefail
BUILD=${1:-build}
exec "$BUILD/bench/llm_bench" "${2:-200}" "${3:-4}" "${4:-300}"
