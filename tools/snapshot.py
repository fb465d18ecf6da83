"""Write every corpus document's extraction as JSON, to diff before and after a change meant to
leave output alone (a speed-up): the extraction-speed work was checked this way at each step.

    .venv/bin/python tools/snapshot.py /tmp/before        # on the old code
    .venv/bin/python tools/snapshot.py /tmp/after         # on the new code
    diff -rq /tmp/before /tmp/after                        # nothing printed: same output
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def snapshot(corpus: Path, output: Path) -> int:
    from kg.extract import extract_file, iter_text_files

    output.mkdir(parents=True, exist_ok=True)
    written = 0
    for path in iter_text_files([corpus]):
        name = path.relative_to(corpus).as_posix().replace("/", "__") + ".json"
        text = json.dumps(extract_file(path).to_dict(), ensure_ascii=False, sort_keys=True, indent=0)
        (output / name).write_text(text, encoding="utf-8")
        written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    args = parser.parse_args(argv)
    print(f"{snapshot(args.corpus, args.output)} extractions -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
