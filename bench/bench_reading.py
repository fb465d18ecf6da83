"""The reading commands, end to end, from the store kg build leaves beside graph.nq and from a
reparse of graph.nq (issue 17).

Corpus: each command (`kg who-cites`, `kg lineage`, `kg query ...`, `kg rank`, `kg export`) runs
as a fresh process, the way a person types it, ``repeat`` times interleaved, once opening the
ready store (the default) and once parsing graph.nq into memory (``--store memory``, what every
command did before). Goal: a question on the corpus in < 0.5 s, start to finish.

Each command is timed three ways, interleaved: as typed (the store and the reading table
``kg build`` writes beside it, kg.reading_table), the store alone (``--store disk``) and graph.nq
parsed again (``--store memory``).

Synthetic national graph (``bench/synthetic.py``, citations profile): the store is bulk-loaded
and the reading table written once, as ``kg build`` would, then a child process opens them and
times each question once opened (median of the parameter values, several rounds), asked of the
store alone and of the store with its table in turn (the answers checked equal): lineage walked
in the store (what `kg lineage` does), the lineage-of-task named query, who-cites, most-cited. Goals there: lineage and who-cites
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
#: How a command is run: as typed (the store and its reading table, kg.reading_table), the store
#: alone, and graph.nq parsed again (what every command did before the store).
MODES = {"table": [], "store": ["--store", "disk"], "reparse": ["--store", "memory"]}


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
        runs = {(name, mode): [] for name in commands for mode in MODES}
        for _ in range(repeat):
            for name, arguments in commands.items():
                for mode, extra in MODES.items():
                    runs[(name, mode)].append(_kg([*arguments, *extra]))
        return {"medians": {key: statistics.median(values) for key, values in runs.items()}, "built": built,
                "names": list(commands)}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


# ---------------------------------------------------------------- the synthetic graph, in a child

def child(location: str, parameters: dict, rounds: int, kind: str = "disk") -> dict:
    """Each question once the store is opened, asked of the store alone and of the store with its
    reading table in turn (the same answer both ways, checked), CPU and wall time of each."""
    from kg import network
    from kg.query import run_named
    from kg.reading_table import open_table
    from kg.store import DiskStore, MemoryStore

    started = time.perf_counter()
    store = DiskStore(location) if kind == "disk" else MemoryStore(location)  # memory: graph.nq parsed
    opened = time.perf_counter() - started
    started = time.perf_counter()
    table = open_table(location)
    table_opened = time.perf_counter() - started
    questions = {
        "lineage (kg lineage, walked in the store)": [
            (lambda v=v: network.lineage_tree(store, network.find_node(store, v["document"], v["task"])))
            for v in parameters["lineage-of-task"]],
        "lineage-of-task (named query, with labels)": [
            (lambda v=v: run_named(store, "lineage-of-task", v)) for v in parameters["lineage-of-task"]],
        "who-cites": [(lambda v=v: run_named(store, "who-cites", v)) for v in parameters["who-cites"]],
        "most-cited": [lambda: run_named(store, "most-cited", {})],
    }
    ways = {"store": None, "table": table} if table is not None else {"store": None}
    times, cpu, sizes = {}, {}, {}
    for name, calls in questions.items():
        runs = {way: ([], []) for way in ways}
        for turn in range(rounds):
            for call in calls:
                answers = []
                # the two ways in turn, the first alternating, so neither always finds the caches warm
                for way in (list(ways) if turn % 2 == 0 else list(ways)[::-1]):
                    store.table = ways[way]
                    begin, used = time.perf_counter(), time.process_time()
                    answers.append(call())
                    runs[way][0].append(time.perf_counter() - begin)
                    runs[way][1].append(time.process_time() - used)
                if len(answers) == 2 and answers[0] != answers[1]:
                    raise AssertionError(f"{name}: the store and the reading table answer differently")
        for way, (wall, spent) in runs.items():
            times[f"{name}|{way}"] = statistics.median(wall)
            cpu[f"{name}|{way}"] = statistics.median(spent)
        store.table = None
        sizes[name] = max(_size(call()) for call in calls)
    return {"open": opened, "table_open": table_opened if table is not None else None, "times": times, "cpu": cpu,
            "sizes": sizes, "load": os.getloadavg()}


def _size(answer) -> int:
    if isinstance(answer, dict):  # a lineage tree: its steps
        return sum(1 + _size(child) for child in answer["children"]) if answer["children"] else 0
    return len(answer.rows)


def synthetic(size: int, folder: Path | None, repeat: int) -> dict:
    sys.path.insert(0, str(HERE))
    from synthetic import Corpus, write_nquads

    from kg.reading_table import TABLE_FILE, table_is_fresh
    from kg.reading_table_writer import write_reading_table
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
        if not table_is_fresh(folder):
            started = time.perf_counter()
            write_reading_table(folder)
            made["table_write_s"] = time.perf_counter() - started
        made["table_mb"] = (folder / TABLE_FILE).stat().st_size / 2**20
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
        ends = {(name, mode): statistics.median(_kg([*arguments, *MODES[mode]]) for _ in range(repeat))
                for name, arguments in commands.items() for mode in ("table", "store")}
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
        table, store, reparse = (mine["medians"][(name, mode)] for mode in MODES)
        rows.append(("corpus (374 documents)", name, _ms(table), _ms(store), _ms(reparse),
                     f"{store / table:.1f}x, {reparse / table:.1f}x"))
    measured = large["measured"]
    where = f"synthetic {large['size']:,} (citations, {large['nq_bytes'] / 2**20:,.0f} MB of N-Quads)"
    for name in measured["sizes"]:
        table, store = measured["times"].get(f"{name}|table"), measured["times"][f"{name}|store"]
        cpu_table, cpu_store = measured["cpu"].get(f"{name}|table"), measured["cpu"][f"{name}|store"]
        rows.append((where, f"{name}, once opened (up to {measured['sizes'][name]:,} rows)",
                     f"{_ms(table)} (CPU {_ms(cpu_table)})" if table is not None else "-",
                     f"{_ms(store)} (CPU {_ms(cpu_store)})", "-",
                     f"{store / table:.1f}x (CPU {cpu_store / cpu_table:.1f}x)" if table else "-"))
    for name in ("kg lineage", "kg who-cites", "kg query most-cited"):
        table, store = large["ends"][(name, "table")], large["ends"][(name, "store")]
        reparse = large["reparse"] if name == "kg who-cites" else None
        rows.append((where, f"{name}, end to end", _ms(table), _ms(store), _ms(reparse) if reparse else "(as who-cites)",
                     f"{store / table:.1f}x" + (f", {reparse / table:.0f}x" if reparse else "")))
    corpus_worst = max(mine["medians"][(n, "table")] for n in mine["names"]
                       if n.startswith(("kg who", "kg lineage", "kg query")))
    checks = {f"a question on the corpus < {CORPUS_GOAL} s end to end (worst of who-cites, lineage, query)":
              corpus_worst < CORPUS_GOAL}
    opened = {name: measured["times"].get(f"{name}|table", measured["times"][f"{name}|store"])
              for name in SYNTHETIC_GOALS}
    for name, limit in SYNTHETIC_GOALS.items():
        checks[f"synthetic {large['size']:,}: {name} < {_ms(limit)} once opened"] = opened[name] < limit
    made = large["made"]
    summary = [
        f"worst corpus question end to end {_ms(corpus_worst)} as typed (goal < {CORPUS_GOAL} s); at "
        f"{large['size']:,} synthetic documents, once opened, with the reading table: " + ", ".join(
            f"{name} {_ms(opened[name])}" for name in SYNTHETIC_GOALS),
        f"Synthetic graph: {made.get('quads', 0):,} quads; generated in {made.get('generate_s', 0):.0f} s; the store "
        f"bulk-loaded in {made.get('store_load_s', 0):.0f} s (what kg build adds at that size); the reading table "
        + (f"written in {made['table_write_s']:.0f} s, " if "table_write_s" in made else "already there, ")
        + f"{made.get('table_mb', 0):,.0f} MB; the store opened read-only in {_ms(measured['open'])}"
        + (f", the table in {_ms(measured['table_open'])}" if measured.get("table_open") is not None else "")
        + f". Reparsing graph.nq instead (--store memory) costs {_ms(large['reparse'])} for any command at that size.",
        f"The corpus build, store and table included, took {mine['built']:.1f} s." if mine["built"] else "",
        "Load average (1, 5, 15 min) after the synthetic questions: "
        + ", ".join(f"{value:.1f}" for value in measured["load"]) + f" on {os.cpu_count()} cores; the CPU "
        "time beside each question is the work itself, which a busy machine stretches into the wall time.",
    ]
    return {
        "title": "Reading commands: the reading table, the store alone, a reparse of graph.nq",
        "headers": ("graph", "command", f"store + reading table, as typed (median of {repeat})",
                    "store alone (--store disk)", "reparsing graph.nq (--store memory)", "store / table, reparse / table"),
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
