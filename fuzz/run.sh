#!/usr/bin/env bash
# Runs fuzz targets built in <build-dir>/fuzz for <seconds> each, one after another, on a working
# copy of the seed corpus and the regressions (in the build tree, so fuzz/corpus never grows).
# Fails when any target finds a crash, a hang (>5 s), a leak or exceeds 2 GB; the input is kept
# in <build-dir>/fuzz/artifacts/<target>/ (copy it to fuzz/regressions/<target>/ after fixing).
# FUZZ_SEED fixes libFuzzer's random seed (make test does, so CI explores the same inputs each
# run and stays reproducible; longer local runs leave it random to explore further).
#   fuzz/run.sh <build-dir> <seconds> [--fresh] <target>...
set -uo pipefail
build=${1:?build dir}
seconds=${2:?seconds}
shift 2
fresh=0
if [ "${1:-}" = "--fresh" ]; then fresh=1; shift; fi
root=$(cd "$(dirname "$0")/.." && pwd)
failed=()
for t in "$@"; do
  bin="$build/fuzz/${t}_fuzz"
  [ -x "$bin" ] || { echo "fuzz: $bin not built (make fuzz-build)" >&2; exit 2; }
  work="$build/fuzz/work/$t"
  art="$build/fuzz/artifacts/$t"
  [ "$fresh" -eq 1 ] && rm -rf "$work"
  mkdir -p "$work" "$art"
  for d in "$root/fuzz/corpus/$t" "$root/fuzz/regressions/$t"; do
    [ -d "$d" ] && find "$d" -maxdepth 1 -type f ! -name '.*' -exec cp -f {} "$work/" \;
  done
  log="$build/fuzz/$t.log"
  start=$(date +%s)
  # -max_len: seeds are a few KB; larger inputs only slow the run down.
  "$bin" "$work" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$art/" ${FUZZ_SEED:+-seed="$FUZZ_SEED"} >"$log" 2>&1
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  echo "fuzz: $t: $((  $(date +%s) - start )) s, ${runs:-?} runs, ${cov:-cov: ?}, exit $rc"
  if [ "$rc" -ne 0 ]; then
    failed+=("$t")
    grep -E 'ERROR|FUZZ_CHECK|SUMMARY|runtime error|Test unit written' "$log" | head -20 >&2
  fi
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]} (logs: $build/fuzz/<target>.log)" >&2
  exit 1
fi
