"""Shared helpers of the benchmark suite: corpus loading, medians, machine facts."""
from __future__ import annotations

import os
import platform
import statistics
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZETTE = ROOT / "corpus" / "congbao"


def gazette_bytes() -> list[tuple[str, bytes]]:
    return [(str(p), p.read_bytes()) for p in sorted(GAZETTE.rglob("*.txt"))]


def timed(function, repeat: int = 5) -> tuple[float, list[float]]:
    """Median wall time of ``repeat`` runs (and all of them)."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), runs


def side_by_side(functions: dict, repeat: int = 5) -> dict[str, float]:
    """Medians of several functions run interleaved, so machine noise falls on all alike."""
    runs: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(repeat):
        for name, function in functions.items():
            start = time.perf_counter()
            function()
            runs[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in runs.items()}


def machine() -> str:
    versions = []
    for package in ("rdflib", "pyoxigraph", "spacy", "networkx", "pyvis", "click"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            pass
    return (f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
            + ", ".join(versions))
