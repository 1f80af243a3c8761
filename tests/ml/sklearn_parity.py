#!/usr/bin/python3
"""Parity test: scikit-learn pipelines trained here, exported with tools/export_sklearn.py and
scored by `notecoder model score` must give the same scores (within 1e-5) and the same top-10
order as predict_proba / decision_function on 1 000 notes.

usage: sklearn_parity.py --notecoder BIN --codebook SNAPSHOT --workdir DIR
"""
import argparse
import json
import os
import random
import subprocess
import sys
import time
import warnings

import joblib
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

HERE = os.path.dirname(os.path.abspath(__file__))
EXPORTER = os.path.join(HERE, "..", "..", "tools", "export_sklearn.py")
TOLERANCE = 1e-5
NEAR_TIE = 1e-6  # top-10 neighbours closer than this in sklearn's own scores may swap

CODES = ["E11.9", "I10", "J44.9", "N39.0", "K21.9", "F32.9", "E78.5", "I48.91", "J18.9",
         "M54.50", "R07.9", "Z79.4"]
# Words that make a label likely; Unicode, digits of other scripts and underscores on purpose.
CUES = [["diabetes", "hba1c", "metformin", "glucose_high"], ["hypertension", "bp", "lisinopril"],
        ["copd", "emphysema", "inhaler", "wheeze"], ["uti", "dysuria", "nitrite"],
        ["gerd", "reflux", "omeprazole", "sodbrennen"], ["depression", "phq9", "sertraline"],
        ["hyperlipidemia", "ldl", "atorvastatin"], ["afib", "fibrillation", "apixaban"],
        ["pneumonia", "consolidation", "пневмония"], ["lumbago", "back_pain", "lumbar"],
        ["chest", "douleur", "thoracique"], ["insulin", "lantus", "glargine"]]
FILLER = ["patient", "reports", "the", "and", "of", "with", "no", "history", "is", "was", "a",
          "Café", "naïve", "straße", "Ärztin", "ΟΔΥΝΗ", "ΣΟΦΟΣ", "İstanbul", "東京", "٣٤mg",
          "x_ray", "__init__", "O₂", "½dose", "x²", "résumé", "co-morbid", "follow-up", "p.o.",
          "q.d.", "2x", "100mg", "BP:140/90", "well-being", "non—smoker", "🙂", "e.g.", "vs.",
          "dr.", "MRI", "CT", "ℌilbert", "ﬁne", "Ǆemal", "ǅ", "cafe\u0301", "𝐁old"]


def make_notes(n, rng):
    notes, y = [], []
    for _ in range(n):
        labels = [i for i in range(len(CODES)) if rng.random() < 0.18]
        words = [rng.choice(FILLER) for _ in range(rng.randint(8, 60))]
        for i in labels:
            words += rng.sample(CUES[i], k=rng.randint(1, len(CUES[i])))
        if rng.random() < 0.15:  # noise cue without the label
            words.append(rng.choice(rng.choice(CUES)))
        rng.shuffle(words)
        seps = [" ", " ", " ", ", ", ". ", "\n", " - ", "; ", "\t", "  ", "/", "(", ") "]
        text = "".join(w + rng.choice(seps) for w in words)
        if rng.random() < 0.3:
            text = text.upper()
        notes.append(text)
        row = [0] * len(CODES)
        for i in labels:
            row[i] = 1
        y.append(row)
    return notes, np.array(y)


def variants():
    stop = "english"
    return {
        "lr_word12": (dict(ngram_range=(1, 2), stop_words=stop),
                      LogisticRegression(solver="liblinear", C=4.0)),
        "lr_sublinear_limits": (dict(ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_df=0.9,
                                     max_features=600, smooth_idf=False),
                                LogisticRegression(solver="liblinear", C=10.0)),
        "svc_word12": (dict(ngram_range=(1, 2), stop_words=["the", "and", "of", "with", "is"]),
                       LinearSVC(C=0.5)),
        "sgd_hinge_l1norm": (dict(ngram_range=(1, 1), norm="l1", use_idf=False),
                             SGDClassifier(loss="hinge", random_state=0)),
        "sgd_log": (dict(ngram_range=(1, 2)), SGDClassifier(loss="log_loss", random_state=0)),
        "lr_char_wb": (dict(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True),
                       LogisticRegression(solver="liblinear")),
    }


def compare(name, expected, got_lines):
    worst, order_issues = 0.0, 0
    for i, line in enumerate(got_lines):
        got = json.loads(line)
        scores = np.array(got["scores"])
        diff = np.max(np.abs(scores - expected[i]))
        worst = max(worst, diff)
        if diff > TOLERANCE:
            raise AssertionError(f"{name}: note {i}: max |diff| {diff:.3g} > {TOLERANCE}")
        want = sorted(range(len(CODES)), key=lambda l: (-expected[i][l], l))[:10]
        have = [t["label"] for t in got["top"]]
        if have != want:
            for a, b in zip(have, want):
                if a != b and abs(expected[i][a] - expected[i][b]) > NEAR_TIE:
                    raise AssertionError(f"{name}: note {i}: top-10 {have} != sklearn {want}")
            order_issues += 1
        if [t["code"] for t in got["top"]] != [CODES[l] for l in have]:
            raise AssertionError(f"{name}: note {i}: codes do not follow label indices")
    return worst, order_issues


def expect_refused(workdir, name, obj, needle, extra=()):
    """The exporter must refuse `obj` with exit code 2 and a message naming `needle`."""
    bundle = os.path.join(workdir, name + ".joblib")
    joblib.dump(obj, bundle)
    run = subprocess.run([sys.executable, EXPORTER, bundle, "--interchange",
                          os.path.join(workdir, name + ".ncx"), *extra],
                         capture_output=True, text=True)
    if run.returncode != 2 or needle not in run.stderr:
        raise AssertionError(f"{name}: expected refusal naming {needle!r}, got "
                             f"{run.returncode}: {run.stderr.strip()}")


def check_refusals(workdir, train, y):
    def fitted(vec_params, estimator, targets=y):
        return Pipeline([("tfidf", TfidfVectorizer(**vec_params)),
                         ("ovr", OneVsRestClassifier(estimator))]).fit(train, targets)
    lr = LogisticRegression(solver="liblinear")
    expect_refused(workdir, "strip_accents", {"pipeline": fitted({"strip_accents": "unicode"}, lr),
                                              "labels": CODES}, "strip_accents")
    expect_refused(workdir, "token_pattern", {"pipeline": fitted({"token_pattern": r"\w+"}, lr),
                                              "labels": CODES}, "token_pattern")
    expect_refused(workdir, "binary", {"pipeline": fitted({"binary": True}, lr), "labels": CODES},
                   "binary=True")
    expect_refused(workdir, "single_label", {"pipeline": fitted({}, lr, y.argmax(axis=1)),
                                             "labels": CODES}, "single-label")
    constant = y.copy()
    constant[:, 3] = 0
    expect_refused(workdir, "constant", {"pipeline": fitted({}, lr, constant), "labels": CODES},
                   "'N39.0' was constant")
    expect_refused(workdir, "no_labels", fitted({}, lr), "--labels")
    expect_refused(workdir, "svc_proba", {"pipeline": fitted({}, LinearSVC()), "labels": CODES},
                   "--score proba needs", extra=("--score", "proba"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--notecoder", required=True)
    ap.add_argument("--codebook", required=True)
    ap.add_argument("--workdir", required=True)
    args = ap.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    warnings.filterwarnings("ignore")
    rng = random.Random(5)
    train, y = make_notes(600, rng)
    test, _ = make_notes(1000, rng)
    test += ["", "   ", "zzzz qqqq", "a b c", "\ufffd\ufffd"]  # no known tokens → intercepts
    test = test[:1000]
    notes_path = os.path.join(args.workdir, "notes.jsonl")
    with open(notes_path, "w", encoding="utf-8") as f:
        for note in test:
            f.write(json.dumps({"note": note}, ensure_ascii=False) + "\n")

    check_refusals(args.workdir, train, y)
    for name, (vec_params, estimator) in variants().items():
        start = time.time()
        pipe = Pipeline([("tfidf", TfidfVectorizer(**vec_params)),
                         ("ovr", OneVsRestClassifier(estimator))])
        pipe.fit(train, y)
        bundle = os.path.join(args.workdir, name + ".joblib")
        joblib.dump({"pipeline": pipe, "labels": CODES}, bundle)
        model = os.path.join(args.workdir, name + ".model")
        subprocess.run([sys.executable, EXPORTER, bundle, "--interchange",
                        os.path.join(args.workdir, name + ".ncx"), "--out", model,
                        "--notecoder", args.notecoder], check=True)
        ovr = pipe.named_steps["ovr"]
        if hasattr(ovr, "predict_proba") and name != "sgd_hinge_l1norm" and \
                not isinstance(estimator, LinearSVC):
            expected = pipe.predict_proba(test)
        else:
            expected = pipe.decision_function(test)
        out = subprocess.run([args.notecoder, "model", "score", model, "--jsonl", notes_path,
                              "--all-scores", "--top", "10", "--codebook", args.codebook],
                             check=True, capture_output=True, text=True).stdout.splitlines()
        assert len(out) == len(test), f"{name}: {len(out)} result lines for {len(test)} notes"
        worst, near_ties = compare(name, expected, out)
        print(f"{name}: 1000 notes, max |diff| {worst:.2e}, near-tie swaps {near_ties}, "
              f"{time.time() - start:.1f}s")
    info = json.loads(subprocess.run([args.notecoder, "model", "info", model, "--compact",
                                      "--codebook", args.codebook],
                                     check=True, capture_output=True, text=True).stdout)
    assert info["labels_count"] == len(CODES) and info["analyzer"] == "char_wb", info
    assert [l["code"] for l in info["labels"]] == CODES
    assert info["fingerprint"].startswith("sklearn-export sklearn="), info["fingerprint"]
    print("parity OK")


if __name__ == "__main__":
    main()
