"""Score kg's pinpoints against the gold set: each part of an instrument a reference names.

    python tools/score_pinpoints.py [tests/gold/congbao tests/gold/plans]

Gold is the "pinpoints" list of each settled NAME.json (rules: tests/gold/PINPOINTS.md): one entry per
part named, with the instrument as printed (its number, else its title). kg's are the ``pinpoints`` of its
references to NAME.txt. A pinpoint is right when the instrument and every part (chapter, section, article,
clause, point, appendix) agree; each gold entry is matched once. Prints each document's misses and extras,
then precision, recall and F1 over the set.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

PARTS = ("chapter", "section", "article", "clause", "point", "appendix")
DEFAULT = ("tests/gold/congbao", "tests/gold/plans")


def _instrument_key(name: str | None) -> str:
    return "".join((name or "").split()).casefold()


def _key(instrument: str | None, parts: dict) -> tuple:
    return (_instrument_key(instrument),) + tuple(parts.get(part) for part in PARTS)


def kg_pinpoints(text_path: Path) -> Counter:
    """kg's pinpoints, each keyed by the instrument's number if it has one, else its title; and
    the title of a numbered instrument too, for gold that names it by title ("Luật Đầu tư")."""
    from kg.extract import extract_file

    result = extract_file(text_path)
    found = Counter()
    for citation in result.citations:
        names = tuple(dict.fromkeys(_instrument_key(n) for n in (citation.instrument.number, citation.instrument.title) if n))
        for pinpoint in citation.pinpoints:
            found[(names,) + _key(None, pinpoint.to_dict())[1:]] += 1
    return found


def _match(gold: Counter, found: Counter) -> tuple[Counter, Counter, int]:
    """Gold entries matched one to one with kg's (the instrument by number or by title)."""
    left = Counter(found)
    missed = Counter()
    right = 0
    for key, n in gold.items():
        for _ in range(n):
            hit = next((k for k, m in left.items() if m and key[0] in k[0] and k[1:] == key[1:]), None)
            if hit is None:
                missed[key] += 1
            else:
                left[hit] -= 1
                right += 1
    return missed, +left, right


def gold_pinpoints(gold_path: Path) -> Counter:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    return Counter(_key(entry["instrument"], entry) for entry in gold.get("pinpoints", ()))


def score(directories) -> dict:
    right = gold_total = kg_total = 0
    for directory in directories:
        for gold_path in sorted(Path(directory).glob("*.json")):
            gold = gold_pinpoints(gold_path)
            found = kg_pinpoints(gold_path.with_suffix(".txt"))
            missed, extra, matched = _match(gold, found)
            right += matched
            gold_total += sum(gold.values())
            kg_total += sum(found.values())
            for key, n in missed.items():
                print(f"{gold_path.stem}: missed {n} x {key}")
            for key, n in extra.items():
                print(f"{gold_path.stem}: extra  {n} x {key}")
    precision = right / kg_total if kg_total else 1.0
    recall = right / gold_total if gold_total else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"right": right, "gold": gold_total, "kg": kg_total, "precision": precision, "recall": recall, "f1": f1}


def main(argv: list[str]) -> int:
    result = score(argv or DEFAULT)
    print(f"pinpoints right {result['right']}/{result['gold']} (recall {result['recall']:.3f}), "
          f"kg gave {result['kg']} (precision {result['precision']:.3f}), F1 {result['f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
