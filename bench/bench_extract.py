"""Extraction speed: the whole pipeline beside a bare scan of the same text (issue 3, item 1).

The floor is one compiled regular expression that finds number-like tokens and does nothing
else; both sides decode the same bytes. Goal: extraction within 3x the bare scan.
"""
from __future__ import annotations

import re
import statistics
import time

from common import gazette_bytes, side_by_side

from kg.extract import extract_source
from kg.readers import decode_bytes
from kg.text import prepare_text

BARE = re.compile(r"\d+(?:/\d{4})?[-/][A-ZĐ][A-ZĐa-z0-9]*(?:[-/][A-ZĐ][A-ZĐa-z0-9]*)*")


def run(repeat: int = 5) -> dict:
    files = gazette_bytes()
    megabytes = sum(len(data) for _, data in files) / 1e6

    def bare():
        return sum(len(BARE.findall(decode_bytes(data, name))) for name, data in files)

    def extraction():
        return sum(len(extract_source(prepare_text(decode_bytes(data, name), name)).citations)
                   for name, data in files)

    extraction()  # load the vocabulary and registry once, as a long run would
    # CPU time beside wall time: on a shared machine the wall clock also counts other processes' turns
    cpu: dict[str, list[float]] = {"bare scan": [], "kg extract": []}

    def on_cpu(name, function):
        def timed():
            start = time.process_time()
            function()
            cpu[name].append(time.process_time() - start)
        return timed

    medians = side_by_side({"bare scan": on_cpu("bare scan", bare), "kg extract": on_cpu("kg extract", extraction)},
                           repeat)
    cpu_medians = {name: statistics.median(values) for name, values in cpu.items()}
    ratio = medians["kg extract"] / medians["bare scan"]
    cpu_ratio = cpu_medians["kg extract"] / cpu_medians["bare scan"]
    return {
        "title": "Extraction beside a bare regular-expression scan (gazette corpus)",
        "rows": [(name, f"{seconds:.3f} s", f"{cpu_medians[name]:.3f} s", f"{megabytes / seconds:.1f} MB/s")
                 for name, seconds in medians.items()],
        "headers": ("pipeline", f"median of {repeat} (wall)", "CPU", "throughput"),
        "ratio": ratio,
        "cpu_ratio": cpu_ratio,
        "summary": f"{len(files)} files, {megabytes:.1f} MB; extraction takes {ratio:.2f}x the bare scan "
                   f"({cpu_ratio:.2f}x in CPU time; goal: <= 3x)",
        "goal_met": ratio <= 3.0,
    }


if __name__ == "__main__":
    result = run()
    for row in result["rows"]:
        print(*row, sep="  ")
    print(result["summary"])
