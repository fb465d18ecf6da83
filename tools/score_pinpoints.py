"""Score kg's pinpoints against the gold set: each part of an instrument a reference names.

    python tools/score_pinpoints.py [tests/gold/congbao tests/gold/plans] [--kg PATH]

With ``--kg``, kg's pinpoints are those of that program's ``extract --format json`` (another version of kg, as
score_gold_dir.py runs it); without it, of the kg this Python imports.

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


def kg_pinpoints(text_path: Path, program: str | None = None) -> Counter:
    """kg's pinpoints, each keyed by the instrument's number if it has one, else its title; and
    the title of a numbered instrument too, for gold that names it by title ("Luật Đầu tư")."""
    found = Counter()
    for instrument, pinpoints in (_extracted(text_path, program) if program else _imported(text_path)):
        names = tuple(dict.fromkeys(_instrument_key(n) for n in instrument if n))
        for pinpoint in pinpoints:
            found[(names,) + _key(None, pinpoint)[1:]] += 1
    return found


def _imported(text_path: Path):
    """Each citation's instrument (number, title) and its pinpoints, from the kg this Python imports."""
    from kg.extract import extract_file

    for citation in extract_file(text_path).citations:
        yield (citation.instrument.number, citation.instrument.title), [p.to_dict() for p in citation.pinpoints]


def _extracted(text_path: Path, program: str):
    """The same, from ``program extract --format json`` (the instruments by the references' IRIs)."""
    import subprocess

    out = subprocess.run([program, "extract", str(text_path), "--format", "json"], capture_output=True, text=True,
                         check=True).stdout
    data = json.loads(out)
    instruments = {i["iri"]: (i.get("number"), i.get("title")) for i in data["instruments"]}
    for reference in data["references"]:
        yield instruments.get(reference["iri"], (None, None)), reference.get("pinpoints") or []


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


def score(directories, program: str | None = None) -> dict:
    right = gold_total = kg_total = 0
    for directory in directories:
        if not Path(directory).is_dir():
            raise SystemExit(f"{directory}: not a directory of gold files")
        for gold_path in sorted(Path(directory).glob("*.json")):
            gold = gold_pinpoints(gold_path)
            found = kg_pinpoints(gold_path.with_suffix(".txt"), program)
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
    program = None
    if "--kg" in argv:  # (it was taken for a directory, and the imported kg scored, when only that was read)
        at = argv.index("--kg")
        program, argv = argv[at + 1], argv[:at] + argv[at + 2:]
    result = score(argv or DEFAULT, program)
    print(f"pinpoints right {result['right']}/{result['gold']} (recall {result['recall']:.3f}), "
          f"kg gave {result['kg']} (precision {result['precision']:.3f}), F1 {result['f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
