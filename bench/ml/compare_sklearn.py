#!/usr/bin/python3
"""Side by side: scikit-learn predict_proba on one ~4 KB note vs notecoder's ml::Model::Score, on
the same 100 000-feature × 500-label model, in one run.

The model: a TfidfVectorizer(ngram_range=(1, 2), max_features=100000) fitted on a synthetic corpus
(Zipf-distributed pseudo-words mixed with the note's own sentences) and a OneVsRestClassifier of
500 LogisticRegression estimators with dense normal coefficients (as liblinear's L2 solver gives;
set directly: fitting 500 real labels would only slow this script down). It is exported with
tools/export_sklearn.py, imported with `notecoder model import`, and bench/ml_bench scores it.

usage: /usr/bin/python3 bench/ml/compare_sklearn.py --build build-mlA [--codebook data/codebook.bin]
"""
import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time

import joblib
import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import LabelBinarizer

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FEATURES, LABELS = 100_000, 500


def corpus(note, rng, docs=2500):
    syll = ["ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe", "ri", "so",
            "tu", "va", "xe", "zo", "str", "an", "el", "is", "or", "um", "oph", "ic", "al"]
    words = ["".join(rng.choice(syll) for _ in range(rng.randint(2, 4))) for _ in range(20000)]
    weights = [1.0 / (i + 1) for i in range(len(words))]
    lines = [l for l in note.splitlines() if l.strip()]
    out = []
    for _ in range(docs):
        parts = rng.choices(words, weights=weights, k=200) + rng.sample(lines, k=4)
        out.append(" ".join(parts))
    return out


def billable_codes(order_file, n):
    codes = []
    with open(order_file, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line[14] == "1":
                c = line[6:13].strip()
                codes.append(c if len(c) <= 3 else c[:3] + "." + c[3:])
                if len(codes) == n:
                    break
    return codes


def build_pipeline(note, rng):
    vec = TfidfVectorizer(ngram_range=(1, 2), max_features=FEATURES)
    vec.fit(corpus(note, rng))
    n_features = len(vec.vocabulary_)
    nrng = np.random.default_rng(5)
    estimators = []
    for _ in range(LABELS):
        lr = LogisticRegression(solver="liblinear")
        lr.classes_ = np.array([0, 1])
        lr.coef_ = nrng.normal(0.0, 0.5, size=(1, n_features))
        lr.intercept_ = np.array([-3.0])
        lr.n_features_in_ = n_features
        estimators.append(lr)
    ovr = OneVsRestClassifier(LogisticRegression(solver="liblinear"))
    ovr.estimators_ = estimators
    ovr.label_binarizer_ = LabelBinarizer(sparse_output=True).fit(sp.csr_matrix(np.eye(LABELS, dtype=int)))
    return Pipeline([("tfidf", vec), ("ovr", ovr)])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True, help="build dir with notecoder and bench/ml_bench")
    ap.add_argument("--codebook", default=os.path.join(ROOT, "data", "codebook.bin"))
    ap.add_argument("--order", default=os.path.join(ROOT, "..", "shared", "data", "icd10cm",
                                                    "icd10cm_order_2026.txt"))
    ap.add_argument("--repeat", type=int, default=200)
    args = ap.parse_args()
    with open(os.path.join(ROOT, "bench", "ml", "note_4k.txt"), encoding="utf-8") as f:
        note = f.read()
    rng = random.Random(5)
    t0 = time.time()
    pipe = build_pipeline(note, rng)
    print(f"model built in {time.time() - t0:.1f}s: "
          f"{len(pipe.named_steps['tfidf'].vocabulary_)} features x {LABELS} labels", flush=True)

    pipe.predict_proba([note])  # warm-up
    times = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        expected = pipe.predict_proba([note])[0]
        times.append(time.perf_counter() - t)
    sk_us = statistics.median(times) * 1e6

    with tempfile.TemporaryDirectory() as tmp:
        bundle = os.path.join(tmp, "bench.joblib")
        joblib.dump({"pipeline": pipe, "labels": billable_codes(args.order, LABELS)}, bundle)
        model = os.path.join(tmp, "bench.model")
        subprocess.run([sys.executable, os.path.join(ROOT, "tools", "export_sklearn.py"), bundle,
                        "--interchange", os.path.join(tmp, "bench.ncx"), "--out", model,
                        "--notecoder", os.path.join(args.build, "notecoder")], check=True)
        scored = subprocess.run([os.path.join(args.build, "notecoder"), "model", "score", model,
                                 os.path.join(ROOT, "bench", "ml", "note_4k.txt"), "--all-scores",
                                 "--compact", "--codebook", args.codebook],
                                check=True, capture_output=True, text=True).stdout
        max_diff = float(np.max(np.abs(np.array(json.loads(scored)["scores"]) - expected)))
        model_mb = os.path.getsize(model) / 1e6
        env = dict(os.environ, ML_BENCH_MODEL=model, NOTECODER_CODEBOOK=args.codebook)
        out = subprocess.run([os.path.join(args.build, "bench", "ml_bench"),
                              "--benchmark_filter=BM_ScoreNote$|BM_OpenModel",
                              "--benchmark_repetitions=5", "--benchmark_format=json",
                              "--benchmark_min_time=0.3"],
                             check=True, capture_output=True, text=True, env=env).stdout
    runs = [b for b in json.loads(out)["benchmarks"] if b.get("run_type") == "iteration"]
    score = [b["real_time"] for b in runs if b["name"].startswith("BM_ScoreNote")]
    opens = [b["real_time"] for b in runs if b["name"] == "BM_OpenModel"]
    ours_us = statistics.median(score)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores; "
          f"python {platform.python_version()}, numpy {np.__version__}")
    print(f"scikit-learn predict_proba, one note: median {sk_us:.0f} us "
          f"(min {min(times) * 1e6:.0f}, max {max(times) * 1e6:.0f}; {args.repeat} runs)")
    print(f"notecoder Score, one note:           median {ours_us:.1f} us "
          f"(range {min(score):.1f}-{max(score):.1f} us over 5 repetitions)")
    print(f"notecoder Model::Open (fast):        {min(opens):.2f}-{max(opens):.2f} ms "
          f"(model file {model_mb:.0f} MB)")
    print(f"max |score diff| vs predict_proba: {max_diff:.2e}")
    print(f"ratio: {sk_us / ours_us:.0f}x faster")


if __name__ == "__main__":
    main()
