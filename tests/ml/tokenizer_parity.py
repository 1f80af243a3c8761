#!/usr/bin/python3
"""Tokenizer parity: the C++ analyzers (tests/ml/analyze_tool) must produce exactly the terms, in
order, of scikit-learn's TfidfVectorizer.build_analyzer() on tricky text. Notes arrive as bytes;
invalid UTF-8 is decoded with errors='replace' on the Python side (our documented behaviour).
Then ml::FitVocabulary must choose the vocabulary and idf TfidfVectorizer.fit chooses (df bounds
as counts and proportions, max_features, smooth and plain idf) and fail where it fails.

usage: tokenizer_parity.py --tool analyze_tool
"""
import argparse
import collections
import json
import random
import subprocess
import sys
import unicodedata

from sklearn.feature_extraction.text import TfidfVectorizer

TEXTS = [
    "Chest pain, SOB; r/o MI. BP 140/90 -- pt_id_42 x2",
    "İstanbul İİ KIRIK ıı Iİ",  # İ lowers to i + U+0307 (not a word char)
    "STRASSE Straße ẞ ß ﬁne ﬂow ŉ",
    "ΟΔΥΣΣΕΥΣ ΣΟΦΟΣ Σ ΑΣ. ΑΣ' ΑΣ΄Α σΣ ΣΑ Σ̈Α Α̈Σ",  # final sigma rules
    "café café naïve cafe\u0301 e\u0301e\u0301 \u0301\u0301",
    "١٢٣ ٣٤mg ०१२ 十二 Ⅻ ½ ² x² ₂O ①②",
    "東京都 ข้อมูล हिन्दी 한국어 עברית العربية",
    "__init__ _a a_ _ __ ___ snake_case CamelCase",
    "emoji 🙂🙂 ok👍ok 𝐁old 𝔥𝔦 🇫🇷 a\u200db a\u200cb",
    "tab\tsep\u00a0nbsp\u2003em\u3000ideo\u2028ls\u0085nel x\u000by\u001cz",
    "Ǆemal ǅemal ǆ ǈ ǉ ᾈ ᾼ Ω K Å",
    "",
    "a",
    "   \n\t ",
    "the of and with is the pain",
]
BAD_UTF8 = [
    b"ab\xffcd ef",
    b"\xe2\x82 tail",
    b"ok\xe2\x82ok",
    b"\xc3\x28 x\xa0yy",
    b"\xed\xa0\x80surrogate zz",
    b"\xf0\x9f\x98 cut\xf0\x9f",
    b"over\xc0\xafloooong \xf8\x88\x80\x80\x80 \xf4\x90\x80\x80 end",
    b"tail\xe6\x97",
]
CONFIGS = [
    dict(analyzer="word", ngram_range=(1, 1)),
    dict(analyzer="word", ngram_range=(1, 3), stop_words=["the", "of", "and"]),
    dict(analyzer="word", ngram_range=(2, 2), lowercase=False),
    dict(analyzer="char_wb", ngram_range=(1, 3)),
    dict(analyzer="char_wb", ngram_range=(3, 5), lowercase=False),
]


FIT_CONFIGS = [
    dict(),
    dict(ngram_range=(1, 2), min_df=2, max_df=0.5, smooth_idf=False),
    dict(ngram_range=(1, 2), min_df=0.05, max_df=20, max_features=50, stop_words="english"),
    dict(analyzer="char_wb", ngram_range=(2, 3), max_features=200),
    dict(min_df=500),  # nothing remains
    dict(min_df=30, max_df=10),  # max_df < min_df
]


def fit_docs():
    rng = random.Random(7)
    words = [w for t in TEXTS for w in t.split()] + ["pain", "chest", "the", "of", "fever"] * 3
    return [" ".join(rng.choice(words) for _ in range(rng.randint(0, 25))) for _ in range(120)]


def fit_case(config, docs):
    params = {"min_df": 1, "max_df": 1.0, "max_features": None, "smooth_idf": True, **config}
    vec = TfidfVectorizer(**params)
    try:
        vec.fit(docs)
        want = (list(vec.get_feature_names_out()), list(vec.idf_))
    except ValueError as e:
        want = str(e)
    case = {"docs_hex": [d.encode("utf-8").hex() for d in docs],
            "analyzer": params.get("analyzer", "word"),
            "ngram": list(params.get("ngram_range", (1, 1))), "lowercase": True,
            "stop_words": sorted(vec.get_stop_words() or []), "min_df": params["min_df"],
            "max_df": params["max_df"], "max_features": params["max_features"] or 0,
            "smooth_idf": params["smooth_idf"]}
    return case, want, vec


def same_vocabulary(config, docs, want, got):
    """Equal terms and idf, except that max_features may keep a different one of several terms
    tied at the cut-off count (numpy's argsort is unstable there; we keep the first by term)."""
    if got["terms"] != want[0]:
        if not config.get("max_features") or len(got["terms"]) != len(want[0]):
            return False
        analyze = TfidfVectorizer(**config).build_analyzer()
        tf = collections.Counter(term for doc in docs for term in analyze(doc))
        cutoff = min(tf[t] for t in want[0])
        if any(tf[t] != cutoff for t in set(got["terms"]) ^ set(want[0])):
            return False
    idf = dict(zip(want[0], want[1]))
    return all(abs(idf[t] - v) < 1e-12 for t, v in zip(got["terms"], got["idf"]) if t in idf)


def check_fit(tool):
    docs = fit_docs()
    cases, wants = [], []
    for config in FIT_CONFIGS:
        case, want, _ = fit_case(config, docs)
        cases.append(case)
        wants.append(want)
    out = subprocess.run([tool], input="\n".join(json.dumps(c) for c in cases) + "\n",
                         capture_output=True, text=True, check=True).stdout.splitlines()
    failures = 0
    for config, want, line in zip(FIT_CONFIGS, wants, out):
        got = json.loads(line)
        if isinstance(want, str):
            ok = "error" in got
        elif "terms" not in got:
            ok = False
        else:
            ok = same_vocabulary(config, docs, want, got)
        if not ok:
            failures += 1
            print(f"FIT MISMATCH {config}:\n  sklearn {str(want)[:300]}\n  ours    {line[:300]}",
                  file=sys.stderr)
    print(f"{len(cases)} vocabulary fits, {failures} mismatches")
    return failures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", required=True)
    args = ap.parse_args()
    cases, expected = [], []
    inputs = [t.encode("utf-8") for t in TEXTS] + BAD_UTF8
    for config in CONFIGS:
        vec = TfidfVectorizer(**config)
        analyze = vec.build_analyzer()
        stop = sorted(vec.get_stop_words() or [])
        for raw in inputs:
            cases.append({"hex": raw.hex(), "analyzer": config["analyzer"],
                          "ngram": list(config["ngram_range"]),
                          "lowercase": config.get("lowercase", True), "stop_words": stop})
            expected.append(analyze(raw.decode("utf-8", errors="replace")))
    out = subprocess.run([args.tool], input="\n".join(json.dumps(c) for c in cases) + "\n",
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert len(out) == len(cases), f"{len(out)} outputs for {len(cases)} cases"
    failures = 0
    for case, want, line in zip(cases, expected, out):
        got = json.loads(line)
        if got != want:
            failures += 1
            text = bytes.fromhex(case["hex"]).decode("utf-8", errors="replace")
            print(f"MISMATCH {case['analyzer']} {case['ngram']} on {text!r}:\n"
                  f"  sklearn {want}\n  ours    {got}", file=sys.stderr)
    print(f"{len(cases)} cases, {failures} mismatches (Python {sys.version.split()[0]}, "
          f"Unicode {unicodedata.unidata_version})")
    failures += check_fit(args.tool)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
