#!/bin/sh
# Training side by side: `notecoder train` against scikit-learn's
# OneVsRestClassifier(LogisticRegression(solver='liblinear')).fit on the same synthetic notes,
# same tf-idf options, same machine, one after the other; then compares the coefficients.
#
#   NOTECODER_CODEBOOK=data/codebook.bin bench/ml/train_vs_sklearn.sh [BUILD_DIR]
#   (NOTES=20000 LABELS=500 THREADS=$(nproc) by default; SK_JOBS=2 gives scikit-learn's
#   OneVsRestClassifier n_jobs=2, default None = one process)
set -eu
BUILD=${1:-build}
NOTES=${NOTES:-20000}
LABELS=${LABELS:-500}
THREADS=${THREADS:-$(nproc)}
SK_JOBS=${SK_JOBS:-}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

"$BUILD/notecoder" synth --notes "$NOTES" --labels "$LABELS" --seed 7 --out "$WORK/notes.jsonl"

ours() {  # $1 threads, $2 tag
  /usr/bin/time -f '%e %M' -o "$WORK/$2.time" "$BUILD/notecoder" train --data "$WORK/notes.jsonl" \
    --out "$WORK/model.bin" --holdout 0 --quiet --threads "$1" \
    --coefficients-out "$WORK/coef.bin" > "$WORK/$2.txt"
  train_s=$(sed -n 's/.* train \([0-9.]*\) s.*/\1/p' "$WORK/$2.txt")
  set -- "$1" "$2" $(cat "$WORK/$2.time")
  echo "notecoder train, $1 thread(s): train ${train_s} s, whole process $3 s, peak $(($4 / 1024)) MiB"
  echo "$train_s" > "$WORK/$2.train"
}

echo "machine: $(nproc) cores, $(sed -n 's/model name\s*: //p' /proc/cpuinfo | head -1)"
echo "corpus: $NOTES notes, $LABELS labels, unigram tf-idf, C=1, tol=1e-4"
ours "$THREADS" ours
/usr/bin/time -f '%e %M' -o "$WORK/sk.time" /usr/bin/python3 "$HERE/sklearn_train.py" \
  "$WORK/notes.jsonl" --coefficients "$WORK/coef.bin" ${SK_JOBS:+--n-jobs "$SK_JOBS"} > "$WORK/sk.json"
set -- $(cat "$WORK/sk.time")
echo "scikit-learn $(/usr/bin/python3 -c 'import sklearn; print(sklearn.__version__)'): $(cat "$WORK/sk.json"), whole process $1 s, peak $(($2 / 1024)) MiB"
ours 1 ours1
/usr/bin/python3 - "$WORK" <<'PY'
import json, sys
w = sys.argv[1]
sk = json.load(open(f"{w}/sk.json"))
ours = float(open(f"{w}/ours.train").read())
ours1 = float(open(f"{w}/ours1.train").read())
print(f"fit time ratio scikit-learn / notecoder: {sk['fit_s'] / ours:.2f}x (all threads), "
      f"{sk['fit_s'] / ours1:.2f}x (1 thread); max |coef diff| {sk.get('max_abs_coef_diff')}")
PY
