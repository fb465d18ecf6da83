"""The reading commands, end to end, from the store kg build leaves beside graph.nq and from a
reparse of graph.nq (issue 17).

Corpus: each command (`kg who-cites`, `kg lineage`, `kg query ...`, `kg rank`, `kg export`) runs
as a fresh process, the way a person types it, ``repeat`` times interleaved, once opening the
ready store (the default) and once parsing graph.nq into memory (``--store memory``, what every
command did before). Goal: a question on the corpus in < 0.5 s, start to finish.

Synthetic national graph (``bench/synthetic.py``, citations profile): the store is bulk-loaded
once, as ``kg build`` would, then a child process opens it and times each question once opened
(median of the parameter values, several rounds): lineage walked in the store (what `kg lineage`
does), the lineage-of-task named query, who-cites, most-cited. Goals there: lineage and who-cites
< 20 ms, most-cited < 1 s. The same commands end to end, and one reparse of graph.nq for
comparison (a reparse costs the same for every command: it is the load).

    .venv/bin/python bench/bench_reading.py [--size 200000] [--synthetic DIR] [--repeat 5]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS_GOAL = 0.5
SYNTHETIC_GOALS = {"lineage (kg lineage, walked in the store)": 0.020, "who-cites": 0.020, "most-cited": 1.0}
_KG = "import sys; from kg.cli import main; sys.argv[0] = 'kg'; main()"


def _kg(arguments: list[str]) -> float:
    """One ``kg`` command in a fresh interpreter, as typed: its wall time (start to exit)."""
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _KG, *arguments], capture_output=True, text=True, cwd=ROOT,
                         check=False)
    elapsed = time.perf_counter() - started
    if out.returncode:
        raise RuntimeError(f"kg {' '.join(arguments)}: {out.stderr.strip()[-500:]}")
    return elapsed


def _corpus_commands(build: Path, scratch: Path) -> dict[str, list[str]]:
    return {
        "kg who-cites 15/2019/QĐ-UBND": ["who-cites", str(build), "15/2019/QĐ-UBND"],
        "kg lineage 322/KH-UBND --task II.5": ["lineage", str(build), "322/KH-UBND", "--task", "II.5"],
        "kg query who-cites 62/2022/NĐ-CP (143 rows)": ["query", str(build), "who-cites", "--param",
                                                        "number=62/2022/NĐ-CP", "--limit", "0"],
        "kg query lineage-of-task": ["query", str(build), "lineage-of-task", "--param", "document=322/KH-UBND",
                                     "--param", "task=II.5"],
        "kg query most-cited": ["query", str(build), "most-cited"],
        "kg query outline 322/KH-UBND": ["query", str(build), "outline", "--param", "document=322/KH-UBND"],
        "kg rank": ["rank", str(build), "--limit", "20"],
        "kg export --format graphml": ["export", str(build), "--format", "graphml", "-o",
                                       str(scratch / "network.graphml")],
    }


def corpus(repeat: int, build: Path | None = None) -> dict:
    scratch = Path(tempfile.mkdtemp(prefix="kg-bench-reading-"))
    try:
        if build is None:
            from kg.build import build as run_build

            build = scratch / "build"
            started = time.perf_counter()
            assert run_build([ROOT / "corpus"], build, workers=2).ok
            built = time.perf_counter() - started
        else:
            built = None
        commands = _corpus_commands(build, scratch)
        runs = {(name, mode): [] for name in commands for mode in ("store", "reparse")}
        for _ in range(repeat):
            for name, arguments in commands.items():
                runs[(name, "store")].append(_kg(arguments))
                runs[(name, "reparse")].append(_kg([*arguments, "--store", "memory"]))
        return {"medians": {key: statistics.median(values) for key, values in runs.items()}, "built": built,
                "names": list(commands)}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


# ---------------------------------------------------------------- the synthetic graph, in a child

def child(location: str, parameters: dict, rounds: int, kind: str = "disk") -> dict:
    from kg import network
    from kg.query import run_named
    from kg.store import DiskStore, MemoryStore

    started = time.perf_counter()
    store = DiskStore(location) if kind == "disk" else MemoryStore(location)  # memory: graph.nq parsed
    opened = time.perf_counter() - started
    questions = {
        "lineage (kg lineage, walked in the store)": [
            (lambda v=v: network.lineage_tree(store, network.find_node(store, v["document"], v["task"])))
            for v in parameters["lineage-of-task"]],
        "lineage-of-task (named query, with labels)": [
            (lambda v=v: run_named(store, "lineage-of-task", v)) for v in parameters["lineage-of-task"]],
        "who-cites": [(lambda v=v: run_named(store, "who-cites", v)) for v in parameters["who-cites"]],
        "most-cited": [lambda: run_named(store, "most-cited", {})],
    }
    times, cpu, sizes = {}, {}, {}
    for name, calls in questions.items():
        runs, spent = [], []
        for _ in range(rounds):
            for call in calls:
                begin, used = time.perf_counter(), time.process_time()
                answer = call()
                runs.append(time.perf_counter() - begin)
                spent.append(time.process_time() - used)
        times[name] = statistics.median(runs)
        cpu[name] = statistics.median(spent)
        sizes[name] = max(_size(call()) for call in calls)
    return {"open": opened, "times": times, "cpu": cpu, "sizes": sizes, "load": os.getloadavg()}


def _size(answer) -> int:
    if isinstance(answer, dict):  # a lineage tree: its steps
        return sum(1 + _size(child) for child in answer["children"]) if answer["children"] else 0
    return len(answer.rows)


def synthetic(size: int, folder: Path | None, repeat: int) -> dict:
    sys.path.insert(0, str(HERE))
    from synthetic import Corpus, write_nquads

    from kg.store import refresh_ready_store

    made = {}
    own = folder is None
    folder = folder or Path(tempfile.mkdtemp(prefix="kg-bench-reading-synthetic-"))
    try:
        if not (folder / "graph.nq").is_file():
            folder.mkdir(parents=True, exist_ok=True)
            started = time.perf_counter()
            made["quads"] = write_nquads(size, folder / "graph.nq", 1, "citations", 2)
            made["generate_s"] = time.perf_counter() - started
        if (folder / "made.json").is_file():
            made = {**json.loads((folder / "made.json").read_text()), **made}
        if not (folder / "parameters.json").is_file():
            (folder / "parameters.json").write_text(json.dumps(Corpus(size, 1).parameters(), ensure_ascii=False))
        started = time.perf_counter()
        refresh_ready_store(folder)
        if "store_load_s" not in made:
            made["store_load_s"] = time.perf_counter() - started
        out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(folder),
                              str(folder / "parameters.json"), str(repeat)], capture_output=True, text=True,
                             check=True)
        measured = json.loads(out.stdout.strip().splitlines()[-1])
        parameters = json.loads((folder / "parameters.json").read_text())
        task, cited = parameters["lineage-of-task"][0], parameters["who-cites"][0]
        commands = {
            "kg lineage": ["lineage", str(folder), task["document"], "--task", task["task"]],
            "kg who-cites": ["who-cites", str(folder), cited["number"]],
            "kg query most-cited": ["query", str(folder), "most-cited"],
        }
        ends = {name: statistics.median(_kg(arguments) for _ in range(repeat)) for name, arguments in commands.items()}
        reparse = _kg([*commands["kg who-cites"], "--store", "memory"])
        return {"size": size, "made": made, "measured": measured, "ends": ends, "reparse": reparse,
                "nq_bytes": (folder / "graph.nq").stat().st_size}
    finally:
        if own:
            shutil.rmtree(folder, ignore_errors=True)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def run(repeat: int = 5, size: int = 200_000, synthetic_dir: str | None = None, build: str | None = None) -> dict:
    mine = corpus(repeat, Path(build) if build else None)
    large = synthetic(size, Path(synthetic_dir) if synthetic_dir else None, repeat)
    rows = []
    for name in mine["names"]:
        store, reparse = mine["medians"][(name, "store")], mine["medians"][(name, "reparse")]
        rows.append(("corpus (374 documents)", name, _ms(store), _ms(reparse), f"{reparse / store:.1f}x"))
    measured = large["measured"]
    where = f"synthetic {large['size']:,} (citations, {large['nq_bytes'] / 2**20:,.0f} MB of N-Quads)"
    for name, seconds in measured["times"].items():
        rows.append((where, f"{name}, once opened (up to {measured['sizes'][name]:,} rows; CPU time "
                            f"{_ms(measured['cpu'][name])})", _ms(seconds), "-", "-"))
    for name, seconds in large["ends"].items():
        reparse = large["reparse"] if name == "kg who-cites" else None
        rows.append((where, f"{name}, end to end", _ms(seconds), _ms(reparse) if reparse else "(as who-cites)",
                     f"{reparse / seconds:.0f}x" if reparse else "-"))
    corpus_worst = max(mine["medians"][(n, "store")] for n in mine["names"] if n.startswith(("kg who", "kg lineage",
                                                                                             "kg query")))
    checks = {f"a question on the corpus < {CORPUS_GOAL} s end to end (worst of who-cites, lineage, query)":
              corpus_worst < CORPUS_GOAL}
    for name, limit in SYNTHETIC_GOALS.items():
        checks[f"synthetic {large['size']:,}: {name} < {_ms(limit)} once opened"] = measured["times"][name] < limit
    made = large["made"]
    summary = [
        f"worst corpus question end to end {_ms(corpus_worst)} from the store (goal < {CORPUS_GOAL} s); at "
        f"{large['size']:,} synthetic documents, once opened: " + ", ".join(
            f"{name} {_ms(measured['times'][name])}" for name in SYNTHETIC_GOALS),
        f"Synthetic graph: {made.get('quads', 0):,} quads; generated in {made.get('generate_s', 0):.0f} s; the store "
        f"bulk-loaded in {made.get('store_load_s', 0):.0f} s (what kg build adds at that size); opened read-only "
        f"in {_ms(measured['open'])}. Reparsing graph.nq instead (--store memory) costs "
        f"{_ms(large['reparse'])} for any command at that size.",
        f"The corpus build, store included, took {mine['built']:.1f} s." if mine["built"] else "",
        "Load average (1, 5, 15 min) after the synthetic questions: "
        + ", ".join(f"{value:.1f}" for value in measured["load"]) + f" on {os.cpu_count()} cores; the CPU "
        "time beside each question is the work itself, which a busy machine stretches into the wall time.",
    ]
    return {
        "title": "Reading commands: the ready store against a reparse of graph.nq",
        "headers": ("graph", "command", f"from the store (median of {repeat})", "reparsing graph.nq", "ratio"),
        "rows": rows,
        "summary": "\n".join(line for line in summary if line),
        "goals": checks,
        "goal_met": all(checks.values()),
        "ratios": {},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", nargs=3, metavar=("LOCATION", "PARAMETERS", "ROUNDS"), help=argparse.SUPPRESS)
    parser.add_argument("--child-store", choices=("disk", "memory"), default="disk", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, default=200_000)
    parser.add_argument("--synthetic", help="a folder with the synthetic graph.nq (made there if missing)")
    parser.add_argument("--build", help="a build of corpus/ to read (built in a temporary folder without it)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    if args.child:
        location, parameters, rounds = args.child
        print(json.dumps(child(location, json.loads(Path(parameters).read_text(encoding="utf-8")), int(rounds),
                               args.child_store)))
        return 0
    result = run(args.repeat, args.size, args.synthetic, args.build)
    print("| " + " | ".join(result["headers"]) + " |")
    print("|" + "---|" * len(result["headers"]))
    for row in result["rows"]:
        print("| " + " | ".join(row) + " |")
    print()
    print(result["summary"])
    for goal, met in result["goals"].items():
        print(f"- {goal}: {'met' if met else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
