#!/usr/bin/env bash
# Regenerates the binary seeds of fuzz/corpus/codebook and fuzz/corpus/model with a built
# `notecoder`: a snapshot of the hand-written fixtures of tests/codes (a few KB, nothing from the
# official files) and tiny models trained on it. Run after a snapshot or model format change:
#   fuzz/make_binary_seeds.sh build/notecoder
set -euo pipefail
bin=$(realpath "${1:?usage: $0 path/to/notecoder}")
root=$(cd "$(dirname "$0")/.." && pwd)
fx="$root/tests/codes/fixtures"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir "$tmp/src"
cp "$fx/order_mini.txt" "$tmp/src/icd10cm_order_2026.txt"
cp "$fx/order_addenda_mini.txt" "$tmp/src/icd10cm_order_addenda_2026.txt"
cp "$fx/tabular_mini.xml" "$tmp/src/icd10cm_tabular_2023.xml"
cp "$fx/index_mini.xml" "$tmp/src/icd10cm_index_2023.xml"
"$bin" codes build --src "$tmp/src" --out "$tmp/codebook.bin" >/dev/null
cp "$tmp/codebook.bin" "$root/fuzz/corpus/codebook/mini_fixtures.bin"

# A few labelled notes over codes of the fixtures; two shapes of model (unigram dense, bigram
# sparse-friendly with sublinear tf).
cat > "$tmp/train.jsonl" <<'JSONL'
{"note": "type 2 diabetes mellitus without complications on metformin", "codes": ["E11.9"]}
{"note": "essential hypertension, blood pressure elevated", "codes": ["I10"]}
{"note": "type 2 diabetes with hypertension", "codes": ["E11.9", "I10"]}
{"note": "cholera with diarrhea", "codes": ["A00.9"]}
{"note": "hypertension controlled on lisinopril", "codes": ["I10"]}
{"note": "diabetes type 2 a1c 7.1", "codes": ["E11.9"]}
{"note": "cholera due to vibrio cholerae", "codes": ["A00.0"]}
{"note": "fracture of neck of right femur initial encounter", "codes": ["S72.001A"]}
JSONL
"$bin" train --data "$tmp/train.jsonl" --codebook "$tmp/codebook.bin" --quiet --holdout 0 \
  --out "$root/fuzz/corpus/model/unigram.bin" >/dev/null
"$bin" train --data "$tmp/train.jsonl" --codebook "$tmp/codebook.bin" --quiet --holdout 0 \
  --ngram-max 2 --sublinear-tf --C 10 --out "$root/fuzz/corpus/model/bigram_sublinear.bin" >/dev/null
ls -l "$root/fuzz/corpus/codebook" "$root/fuzz/corpus/model"
