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


def component_profile(texts: list[str], count: int = 20) -> str:
    """cProfile of the component's own work over ``texts`` (tokenisation done beforehand)."""
    tokenizer, component = blank_vietnamese(False), blank_vietnamese(True)
    docs = [tokenizer.make_doc(text) for text in texts]
    pipe = component.get_pipe("vn_legal_references")
    profile = cProfile.Profile()
    profile.enable()
    for doc in docs:
        pipe(doc)
    profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(count)
    return out.getvalue()


def run(repeat: int = 3, paths: list[str] | None = None, profile_missed: bool = True) -> dict:
    """The figures as a dict (title, headers, rows, ratio, summary, goal_met) for bench/run.py."""
    texts = [read_text(path).original for path in iter_text_files(paths or [str(ROOT / "corpus/congbao")])]
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    tokenizer, component = blank_vietnamese(False), blank_vietnamese(True)
    seconds(component, texts[:5])  # load the registry and compile the grammar before timing
    alone, together = [], []
    for _ in range(repeat):
        alone.append(seconds(tokenizer, texts))
        together.append(seconds(component, texts))
    base, full = statistics.median(alone), statistics.median(together)
    ratio = full / base
    result = {
        "title": "spaCy component beside tokenisation alone (gazette corpus)",
        "headers": ("pipeline", f"median of {repeat}", "throughput"),
        "rows": [("blank vi (no pyvi), tokenisation", f"{base:.2f} s", f"{megabytes / base:.2f} MB/s"),
                 ("same + vn_legal_references", f"{full:.2f} s", f"{megabytes / full:.2f} MB/s")],
        "ratio": ratio,
        "summary": f"{len(texts)} documents, {megabytes:.1f} MB; the component makes the pipeline {ratio:.2f}x "
                   f"as long (goal <= {GOAL})",
        "goal_met": ratio <= GOAL,
        "profiles": {},
    }
    if profile_missed and ratio > GOAL:
        result["profiles"]["vn_legal_references over the corpus"] = component_profile(texts)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "corpus/congbao")])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    result = run(args.runs, args.paths, profile_missed=False)
    for row in result["rows"]:
        print(f"{row[0]:40} {row[1]:>8}  {row[2]}")
    print(result["summary"], "met" if result["goal_met"] else "missed")
    if args.profile:
        print(component_profile([read_text(path).original for path in iter_text_files(args.paths)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
