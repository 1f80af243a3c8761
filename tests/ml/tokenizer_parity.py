#!/usr/bin/python3
"""Tokenizer parity: the C++ analyzers (tests/ml/analyze_tool) must produce exactly the terms, in
order, of scikit-learn's TfidfVectorizer.build_analyzer() on tricky text. Notes arrive as bytes;
invalid UTF-8 is decoded with errors='replace' on the Python side (our documented behaviour).

usage: tokenizer_parity.py --tool analyze_tool
"""
import argparse
import json
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
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
