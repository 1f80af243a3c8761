#!/usr/bin/python3
"""Fits scikit-learn's one-vs-rest linear models on the matrix notecoder trained on and compares
the coefficients. Usage: sklearn_trainer_parity.py DIR (files written by trainer_parity_test.cpp).
Prints one JSON line; exit status 1 when a difference exceeds the tolerance."""
import json
import sys

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.svm import LinearSVC


def main(folder):
    meta = json.load(open(f"{folder}/meta.json"))
    rows, cols, labels = meta["rows"], meta["columns"], meta["labels"]
    indptr = np.fromfile(f"{folder}/indptr.bin", dtype="<i8")
    indices = np.fromfile(f"{folder}/indices.bin", dtype="<i4")
    data = np.fromfile(f"{folder}/values.bin", dtype="<f8")
    x = sp.csr_matrix((data, indices, indptr), shape=(rows, cols))
    y = np.fromfile(f"{folder}/targets.bin", dtype=np.uint8).reshape(rows, labels)
    if meta["loss"] == "logistic":
        base = LogisticRegression(solver="liblinear", C=meta["C"], tol=meta["tol"],
                                  intercept_scaling=meta["intercept_scaling"])
    else:
        base = LinearSVC(loss="squared_hinge", dual=False, C=meta["C"], tol=meta["tol"],
                         intercept_scaling=meta["intercept_scaling"])
    fitted = OneVsRestClassifier(base).fit(x, y)
    coef = np.vstack([e.coef_ for e in fitted.estimators_])
    intercept = np.concatenate([e.intercept_ for e in fitted.estimators_])
    ours = np.fromfile(f"{folder}/weights.bin", dtype="<f8").reshape(labels, cols)
    ours_intercept = np.fromfile(f"{folder}/intercepts.bin", dtype="<f8")
    diff = max(float(np.abs(coef - ours).max()), float(np.abs(intercept - ours_intercept).max()))
    print(json.dumps({"max_abs_diff": diff, "rows": rows, "columns": cols, "labels": labels,
                      "loss": meta["loss"]}))
    return 0 if diff <= meta["max_diff"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
