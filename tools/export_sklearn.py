#!/usr/bin/python3
"""Export a fitted scikit-learn pipeline to a notecoder model.

Supported: Pipeline([TfidfVectorizer, OneVsRestClassifier(LogisticRegression | LinearSVC |
SGDClassifier)]) fitted on a multi-label indicator matrix. Anything else is refused with a message
naming the step or parameter.

The pickle/joblib file holds either the Pipeline itself (then --labels names the columns) or a
dict bundle {"pipeline": Pipeline, "labels": [codes] | "binarizer": MultiLabelBinarizer,
"thresholds": [floats] (optional)}.

This script writes the documented interchange file (docs/model-format.md, "Interchange"); the
binary model is written by notecoder itself (`notecoder model import`), so one writer owns the
model format. With --out and --notecoder it runs that step too:

    /usr/bin/python3 tools/export_sklearn.py coder.joblib --labels labels.txt \
        --titles data/icd10cm/icd10cm_order_2026.txt --interchange coder.ncx \
        --out coder.model --notecoder build/notecoder
"""
import argparse
import hashlib
import json
import pickle
import struct
import subprocess
import sys

import numpy as np

MAGIC = b"NCSKLX01"


class Refused(Exception):
    pass


def load(path):
    try:
        import joblib
        return joblib.load(path)
    except ImportError:
        with open(path, "rb") as f:
            return pickle.load(f)


def check_vectorizer(vec):
    from sklearn.feature_extraction.text import TfidfVectorizer
    if type(vec) is not TfidfVectorizer:
        raise Refused(f"first step must be a TfidfVectorizer, not {type(vec).__name__}")
    p = vec.get_params()
    if callable(p["analyzer"]) or p["analyzer"] not in ("word", "char_wb"):
        raise Refused(f"TfidfVectorizer analyzer={p['analyzer']!r} is not supported (word, char_wb)")
    for name in ("tokenizer", "preprocessor", "strip_accents"):
        if p[name] is not None:
            raise Refused(f"TfidfVectorizer {name}={p[name]!r} is not supported (must be None)")
    if p["analyzer"] == "word" and p["token_pattern"] != r"(?u)\b\w\w+\b":
        raise Refused(f"TfidfVectorizer token_pattern={p['token_pattern']!r} is not supported "
                      "(only the default (?u)\\b\\w\\w+\\b)")
    if p["input"] != "content":
        raise Refused(f"TfidfVectorizer input={p['input']!r} is not supported (content)")
    if p["binary"]:
        raise Refused("TfidfVectorizer binary=True is not supported")
    if np.dtype(p["dtype"]) != np.float64:
        raise Refused(f"TfidfVectorizer dtype={np.dtype(p['dtype'])} is not supported (float64)")
    if p["norm"] not in ("l1", "l2", None):
        raise Refused(f"TfidfVectorizer norm={p['norm']!r} is not supported")
    if p["analyzer"] == "word" and p["stop_words"] is not None and not (
            p["stop_words"] == "english" or isinstance(p["stop_words"], (list, tuple, set, frozenset))):
        raise Refused(f"TfidfVectorizer stop_words={p['stop_words']!r} is not supported")
    lo, hi = p["ngram_range"]
    if not 1 <= lo <= hi:
        raise Refused(f"TfidfVectorizer ngram_range={p['ngram_range']!r} is not supported")
    if not hasattr(vec, "vocabulary_"):
        raise Refused("TfidfVectorizer is not fitted")


def estimator_kind(est, label):
    """('logistic' | 'decision-only', coef, intercept) for one binary estimator."""
    from sklearn.linear_model import LogisticRegression, SGDClassifier
    from sklearn.svm import LinearSVC
    name = type(est).__name__
    if name == "_ConstantPredictor":
        raise Refused(f"label {label!r} was constant in training (never or always positive); "
                      "OneVsRest keeps no model for it: drop the label and refit")
    if type(est) is LogisticRegression:
        mc = est.multi_class
        if mc == "multinomial":
            raise Refused("LogisticRegression multi_class='multinomial' is not supported (ovr/auto)")
        proba = True
    elif type(est) is LinearSVC:
        proba = False
    elif type(est) is SGDClassifier:
        proba = est.loss in ("log_loss", "log")
    else:
        raise Refused(f"estimator {name} is not supported "
                      "(LogisticRegression, LinearSVC, SGDClassifier)")
    if len(est.classes_) != 2:
        raise Refused(f"{name} for label {label!r} is not binary")
    coef = np.asarray(est.coef_, dtype=np.float64)
    if coef.shape[0] != 1:
        raise Refused(f"{name} for label {label!r} has {coef.shape[0]} coefficient rows")
    intercept = float(np.ravel(est.intercept_)[0]) if np.ndim(est.intercept_) else float(est.intercept_)
    return proba, coef.ravel(), intercept


def read_titles(path):
    """CMS order file (icd10cm_order_YYYY.txt): code in columns 7-13, long title from 78."""
    titles = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            code = line[6:13].strip()
            if code:
                titles[code] = line[77:].strip()
    return titles


def dotted(code):
    code = code.strip().upper().replace(".", "")
    return code if len(code) <= 3 else code[:3] + "." + code[3:]


def build(obj, labels_file, titles_file, score, source_hash):
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import Pipeline
    import sklearn

    bundle = obj if isinstance(obj, dict) else {"pipeline": obj}
    pipe = bundle.get("pipeline")
    if type(pipe) is not Pipeline:
        raise Refused(f"expected a sklearn Pipeline, got {type(pipe).__name__}")
    if len(pipe.steps) != 2:
        raise Refused("pipeline must have exactly two steps: "
                      + ", ".join(f"{n}={type(s).__name__}" for n, s in pipe.steps))
    (vname, vec), (cname, clf) = pipe.steps
    check_vectorizer(vec)
    if type(clf) is not OneVsRestClassifier:
        raise Refused(f"step {cname!r} must be a OneVsRestClassifier, not {type(clf).__name__}")
    if not getattr(clf, "multilabel_", False):
        raise Refused("OneVsRestClassifier was fitted on single-label targets (its predict_proba "
                      "renormalises rows); fit it on a multi-label indicator matrix")

    n_labels = len(clf.estimators_)
    if "labels" in bundle:
        codes = list(bundle["labels"])
    elif "binarizer" in bundle:
        codes = [str(c) for c in bundle["binarizer"].classes_]
    elif labels_file:
        with open(labels_file, encoding="utf-8") as f:
            codes = [line.strip() for line in f if line.strip()]
    else:
        raise Refused("no label codes: pass --labels FILE or a bundle with 'labels'/'binarizer'")
    if len(codes) != n_labels:
        raise Refused(f"{len(codes)} label codes for {n_labels} classifier columns")
    codes = [dotted(c) for c in codes]
    titles = read_titles(titles_file) if titles_file else {}
    thresholds = bundle.get("thresholds")

    vocab = vec.vocabulary_
    terms = [None] * len(vocab)
    for term, index in vocab.items():
        terms[index] = term
    if any(t is None for t in terms):
        raise Refused("vocabulary_ indices are not 0..n-1")
    n_features = len(terms)

    kinds, weights, intercepts = [], np.empty((n_labels, n_features)), np.empty(n_labels)
    for i, est in enumerate(clf.estimators_):
        proba, coef, b = estimator_kind(est, codes[i])
        if coef.shape[0] != n_features:
            raise Refused(f"label {codes[i]!r}: {coef.shape[0]} coefficients for {n_features} features")
        kinds.append(proba)
        weights[i] = coef
        intercepts[i] = b
    if score == "auto":
        score = "proba" if all(kinds) else "decision"
    if score == "proba" and not all(kinds):
        raise Refused("--score proba needs LogisticRegression or SGDClassifier(loss='log_loss') "
                      "for every label (other losses' predict_proba is not reproduced)")
    kind = "logistic-proba" if score == "proba" else "decision"
    default_threshold = 0.5 if score == "proba" else 0.0

    p = vec.get_params()
    stop = vec.get_stop_words() if p["analyzer"] == "word" else None
    est0 = clf.estimators_[0]
    header = {
        "format": 1,
        "features": {
            "analyzer": p["analyzer"],
            "ngram_range": list(p["ngram_range"]),
            "lowercase": bool(p["lowercase"]),
            "use_idf": bool(p["use_idf"]),
            "smooth_idf": bool(p["smooth_idf"]),
            "sublinear_tf": bool(p["sublinear_tf"]),
            "norm": p["norm"],
            "stop_words": sorted(stop) if stop else [],
        },
        "vocabulary": terms,
        "score_kind": kind,
        "labels": [{"code": c, "title": titles.get(c.replace(".", ""), ""),
                    "threshold": float(thresholds[i]) if thresholds is not None else default_threshold}
                   for i, c in enumerate(codes)],
        "fingerprint": f"sklearn-export sklearn={sklearn.__version__} "
                       f"estimator={type(est0).__name__} score={kind} source-sha256={source_hash}",
    }
    idf = np.asarray(vec.idf_, dtype="<f8") if p["use_idf"] else np.empty(0, dtype="<f8")
    arrays = [idf, np.ascontiguousarray(weights, dtype="<f8"), np.asarray(intercepts, dtype="<f8")]
    return header, arrays


def write_interchange(path, header, arrays):
    text = json.dumps(header, ensure_ascii=False).encode("utf-8")
    with open(path, "wb") as f:
        f.write(MAGIC)
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        f.write(b"\0" * ((-(16 + len(text))) % 8))
        for a in arrays:
            f.write(a.tobytes())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model", help="joblib/pickle file: a Pipeline or a bundle dict")
    ap.add_argument("--labels", help="label codes, one per line, in classifier column order")
    ap.add_argument("--titles", help="CMS order file to copy long titles from (optional)")
    ap.add_argument("--score", choices=("auto", "proba", "decision"), default="auto",
                    help="proba: predict_proba (LR, SGD log_loss); decision: decision_function")
    ap.add_argument("--interchange", required=True, help="interchange file to write")
    ap.add_argument("--out", help="model file to write with `notecoder model import`")
    ap.add_argument("--notecoder", default="notecoder", help="notecoder binary for --out")
    args = ap.parse_args()

    with open(args.model, "rb") as f:
        source_hash = hashlib.sha256(f.read()).hexdigest()
    try:
        header, arrays = build(load(args.model), args.labels, args.titles, args.score, source_hash)
    except Refused as e:
        print(f"export_sklearn: refused: {e}", file=sys.stderr)
        return 2
    write_interchange(args.interchange, header, arrays)
    if args.out:
        return subprocess.call([args.notecoder, "model", "import", args.interchange, "--out", args.out])
    return 0


if __name__ == "__main__":
    sys.exit(main())
