#!/usr/bin/env python3
"""Builds the `notecoder batch` benchmark input: N notes of 2-4 KB, each three synthetic notes
(data/synthetic_notes.jsonl from `make model`, our own templates) joined, with ids.

    python3 bench/batch/make_input.py data/synthetic_notes.jsonl 20000 > /tmp/batch_in.jsonl
"""
import json
import random
import sys


def main() -> None:
    source, count = sys.argv[1], int(sys.argv[2])
    notes = [json.loads(line)["note"] for line in open(source, encoding="utf-8")]
    rng = random.Random(8)
    written = 0
    while written < count:
        text = "\n\n".join(rng.choice(notes) for _ in range(3))
        if not 2048 <= len(text.encode("utf-8")) <= 4096:
            continue
        print(json.dumps({"id": f"n{written}", "note": text}))
        written += 1


if __name__ == "__main__":
    main()
