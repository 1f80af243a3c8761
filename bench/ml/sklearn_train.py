#!/usr/bin/python3
"""The scikit-learn side of bench/ml/train_vs_sklearn.sh: the same tf-idf features and
OneVsRestClassifier(LogisticRegression(solver='liblinear')) on the same JSON-lines notes, timing
`fit`; with --coefficients, compares them with those `notecoder train --coefficients-out` wrote.

    /usr/bin/python3 bench/ml/sklearn_train.py notes.jsonl [--coefficients coef.bin] [--C 1.0]
        [--ngram-max 1] [--min-df 1] [--sublinear-tf] [--n-jobs 1]
Prints one JSON line.
"""
import argparse
import json
import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--coefficients")
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--ngram-max", type=int, default=1)
    ap.add_argument("--min-df", type=int, default=1)
    ap.add_argument("--sublinear-tf", action="store_true")
    ap.add_argument("--n-jobs", type=int, default=None)
    args = ap.parse_args()

    start = time.perf_counter()
    notes, codes = [], []
    with open(args.data, encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            notes.append(item["note"])
            codes.append(item["codes"])
    read_s = time.perf_counter() - start

    start = time.perf_counter()
    vectorizer = TfidfVectorizer(ngram_range=(1, args.ngram_max), min_df=args.min_df,
                                 sublinear_tf=args.sublinear_tf)
    x = vectorizer.fit_transform(notes)
    binarizer = MultiLabelBinarizer()  # classes sorted, as notecoder orders its labels
    y = binarizer.fit_transform(codes)
    features_s = time.perf_counter() - start

    start = time.perf_counter()
    model = OneVsRestClassifier(
        LogisticRegression(solver="liblinear", C=args.C, tol=1e-4, intercept_scaling=1.0),
        n_jobs=args.n_jobs).fit(x, y)
    fit_s = time.perf_counter() - start

    out = {"notes": x.shape[0], "features": x.shape[1], "labels": y.shape[1],
           "read_s": round(read_s, 3), "features_s": round(features_s, 3),
           "fit_s": round(fit_s, 3), "n_jobs": args.n_jobs}
    if args.coefficients:
        coef = np.vstack([e.coef_ for e in model.estimators_])
        intercept = np.concatenate([e.intercept_ for e in model.estimators_])
        raw = np.fromfile(args.coefficients, dtype="<f8")
        labels, features = y.shape[1], x.shape[1]
        if raw.size != labels * features + labels:
            out["error"] = f"coefficient file has {raw.size} values, expected {labels * (features + 1)}"
        else:
            ours = raw[: labels * features].reshape(labels, features)
            out["max_abs_coef_diff"] = float(max(np.abs(coef - ours).max(),
                                                 np.abs(intercept - raw[labels * features:]).max()))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
