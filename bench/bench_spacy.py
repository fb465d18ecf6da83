"""What the vn_legal_references component adds to a blank Vietnamese pipeline's time.

Runs, side by side over the whole gazette corpus, ``spacy.blank("vi")`` without pyvi
(tokenisation alone) and the same pipeline with the component, three times each, interleaved
so that a noisy machine slows both alike; prints MB/s (UTF-8 megabytes) of the median run and
the ratio. The goal (issue 3) is a ratio of at most 1.5. ``--profile`` adds a cProfile of the
component's own work, the twenty costliest functions by cumulative time.

    .venv/bin/python bench/bench_spacy.py [--runs 3] [--profile] [PATHS...]
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import time
from pathlib import Path

import spacy

from kg.extract import iter_text_files
from kg.text import read_text

ROOT = Path(__file__).resolve().parent.parent
GOAL = 1.5


def blank_vietnamese(with_component: bool) -> spacy.Language:
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.max_length = 10**8  # gazette issues reach 1.2M characters; nothing here parses
    if with_component:
        nlp.add_pipe("vn_legal_references")
    return nlp


def seconds(nlp: spacy.Language, texts: list[str]) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "corpus/congbao")])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)

    texts = [read_text(path).original for path in iter_text_files(args.paths)]
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    tokenizer, component = blank_vietnamese(False), blank_vietnamese(True)
    seconds(component, texts[:5])  # load the registry and compile the grammar before timing
    alone, together = [], []
    for _ in range(args.runs):
        alone.append(seconds(tokenizer, texts))
        together.append(seconds(component, texts))
    base, full = statistics.median(alone), statistics.median(together)
    print(f"{len(texts)} documents, {megabytes:.1f} MB, median of {args.runs} runs")
    print(f"{'blank vi (no pyvi), tokenisation':40} {base:6.2f} s  {megabytes / base:5.2f} MB/s")
    print(f"{'same + vn_legal_references':40} {full:6.2f} s  {megabytes / full:5.2f} MB/s")
    ratio = full / base
    print(f"ratio {ratio:.2f} (goal <= {GOAL}: {'met' if ratio <= GOAL else 'missed'})")

    if args.profile:
        docs = [tokenizer.make_doc(text) for text in texts]
        pipe = component.get_pipe("vn_legal_references")
        profile = cProfile.Profile()
        profile.enable()
        for doc in docs:
            pipe(doc)
        profile.disable()
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(20)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
