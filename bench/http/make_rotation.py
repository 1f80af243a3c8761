#!/usr/bin/python3
"""Writes request bodies for the rotation benchmark: 240 distinct 2-4 KB notes, each a dev note
(tests/rules/dev_notes) followed by a short addendum from the synthetic corpus, so no two
requests share a text (no cache or branch history carries one request's work to the next).

usage: make_rotation.py SYNTHETIC_JSONL OUT_JSONL [COUNT]
"""
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parents[2]
dev = sorted((root / "tests/rules/dev_notes").glob("*.txt"))
synthetic = [json.loads(line)["note"] for line in open(sys.argv[1], encoding="utf-8")]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 240
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for i in range(count):
        note = dev[i % len(dev)].read_text(encoding="utf-8")
        addendum = synthetic[i % len(synthetic)]
        cut = addendum.rfind("\n", 0, 500)
        note += "\n\nADDENDUM:\n" + (addendum[:cut] if cut > 0 else addendum[:500])
        out.write(json.dumps({"note": note}) + "\n")
