#!/usr/bin/env bash
# Runs every in-process benchmark of BENCHMARKS.md's summary table (`make bench`); usage:
#   bench/run_benchmarks.sh [build-dir] [extra Google Benchmark flags]
# BENCH_SLOW=1 adds the scikit-learn side-by-sides (scoring ~1 min, training 20 000 notes × 500
# labels several minutes). The HTTP, overload and soak figures need a running server: see
# bench/http/README.md and `make soak`.
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
for b in codes_bench nlp_bench rules_bench ml_bench pipeline_bench; do
  echo "== $b"
  "$build/bench/$b" --benchmark_min_time=0.5 "${@:2}"
done
if command -v redis-server >/dev/null; then
  echo "== cache_bench (2 KB values, 20 000 operations; starts its own redis-server)"
  "$build/bench/cache_bench" 2048 20000
fi
echo "== llm_bench (200 calls, LLM_CONCURRENCY=4, fake provider at 300 ms; ~40 s)"
"$here/llm/run.sh" "$build" 200 4 300
if [ "${BENCH_SLOW:-0}" = 1 ]; then
  echo "== scoring side by side with scikit-learn"
  /usr/bin/python3 "$here/ml/compare_sklearn.py" --build "$build" --codebook "${NOTECODER_CODEBOOK:-data/codebook.bin}"
  echo "== training side by side with scikit-learn"
  "$here/ml/train_vs_sklearn.sh" "$build"
fi
