"""The three stores side by side on the synthetic national corpus (issue 3, item 4).

For each store (the embedded ``MemoryStore``, the on-disk ``DiskStore``, a plain ``RdflibStore``),
a fresh subprocess loads the graph the way ``kg`` does and runs the named queries through
``kg.query.run_named``; its own peak RSS is the store's peak memory.

Sizes and profiles: a full graph (``kg build``'s default profile) has ~1,000 quads per document
(every section with offsets, the evidence of every edge), so 200,000 documents would be ~200M
quads: ~80 GB in Oxigraph's memory store and far beyond the suite's 15 minutes to load. National
scale is the ``citations`` profile (documents, tasks, typed edges: ~70 quads per document), which
is measured at 200,000 documents in both Oxigraph stores, once (each query is still the median of
up to 15 runs). All three stores, and the full profile beside the citations profile, are measured
at 2,000 documents, several rounds taking turns. rdflib is not loaded at 200,000: it took ~1
minute per 200k quads here, ~70 minutes for 14M.

    .venv/bin/python bench/bench_stores.py [--small 2000] [--large 200000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_build import peak_rss  # noqa: E402  (bench/ is on the path: a script of this folder)

HERE = Path(__file__).resolve().parent
TARGET = 200_000
GOALS = {"lineage-of-task": 0.020, "who-cites": 0.020, "most-cited": 1.0}
MEMORY_GOAL = 4 * 2**30
QUERIES = ("lineage-of-task", "who-cites", "amendment-chain", "most-cited")
#: A query stops repeating once it has used this much time in one subprocess (rdflib's aggregates
#: take minutes); it always runs once for every parameter value.
QUERY_BUDGET = 8.0


# ---------------------------------------------------------------- the child: one store, one graph

def child(kind: str, location: str, parameters: dict) -> dict:
    from kg.query import run_named
    from kg.store import DiskStore, MemoryStore, RdflibStore

    started = time.perf_counter()
    if kind == "disk":
        shutil.rmtree(Path(location) / "oxigraph", ignore_errors=True)
        store = DiskStore(location)
    else:
        store = {"memory": MemoryStore, "rdflib": RdflibStore}[kind](location)
    result = {"load": time.perf_counter() - started}
    if kind == "disk":
        del store
        started = time.perf_counter()
        store = DiskStore(location)  # the stamp matches: opened, not loaded
        result["reopen"] = time.perf_counter() - started

    result["queries"], result["rows"] = {}, {}
    for name in QUERIES:
        runs, rows, spent = [], [], 0.0
        for repeat in range(3):
            for values in parameters[name]:
                if repeat and spent > QUERY_BUDGET:
                    break
                begin = time.perf_counter()
                answer = run_named(store, name, values)
                runs.append(time.perf_counter() - begin)
                spent += runs[-1]
                rows.append(len(answer.rows))
        result["queries"][name] = statistics.median(runs)
        result["rows"][name] = statistics.median(rows)
    result["peak_rss"] = peak_rss()
    return result


def _spawn(kind: str, location: Path, parameters: Path) -> dict:
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", kind, str(location), str(parameters)],
                         capture_output=True, text=True, check=False)
    if out.returncode:
        return {"error": (out.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- the parent

def _median(results: list[dict], *keys):
    values = []
    for result in results:
        value = result
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        if value is not None:
            values.append(value)
    return statistics.median(values) if values else None


def _ms(seconds) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def run(small: int = 2000, large: int = 200_000, repeat: int = 3, seed: int = 1, workers: int = 2) -> dict:
    sys.path.insert(0, str(HERE))
    from synthetic import Corpus, write_nquads

    work = Path(tempfile.mkdtemp(prefix="kg-bench-stores-"))
    try:
        graphs, generated = {}, {}
        for size, profile in ((small, "citations"), (small, "full"), (large, "citations")):
            folder = work / f"n{size}-{profile}"
            folder.mkdir()
            begin = time.perf_counter()
            quads = write_nquads(size, folder / "graph.nq", seed, profile, workers)
            generated[(size, profile)] = (quads, time.perf_counter() - begin, (folder / "graph.nq").stat().st_size)
            parameters = folder / "parameters.json"
            parameters.write_text(json.dumps(Corpus(size, seed).parameters(), ensure_ascii=False))
            graphs[(size, profile)] = (folder, parameters)

        small_plan = [(small, "citations", "memory"), (small, "citations", "disk"), (small, "citations", "rdflib"),
                      (small, "full", "memory")]
        large_plan = [(large, "citations", "memory"), (large, "citations", "disk")]
        results: dict[tuple, list[dict]] = {key: [] for key in small_plan + large_plan}
        for _ in range(repeat):
            for size, profile, kind in small_plan:
                results[(size, profile, kind)].append(_spawn(kind, *graphs[(size, profile)]))
        for size, profile, kind in large_plan:
            results[(size, profile, kind)].append(_spawn(kind, *graphs[(size, profile)]))
        return _report(results, small_plan + large_plan, generated, small, large, repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _report(results, plan, generated, small, large, repeat) -> dict:
    names = {"memory": "MemoryStore (pyoxigraph in memory)", "disk": "DiskStore (Oxigraph on disk)",
             "rdflib": "RdflibStore (rdflib Dataset)"}
    rows, medians = [], {}
    for size, profile, kind in plan:
        runs = [r for r in results[(size, profile, kind)] if "error" not in r]
        errors = [r["error"] for r in results[(size, profile, kind)] if "error" in r]
        quads = generated[(size, profile)][0]
        where = f"{size:,} ({profile}, {quads / 1e6:.2f}M quads)"
        if not runs:
            rows.append((where, names[kind], f"failed: {errors[0]}", *["-"] * (len(QUERIES) + 1)))
            continue
        m = {"load": _median(runs, "load"), "rss": _median(runs, "peak_rss"), "reopen": _median(runs, "reopen"),
             **{name: _median(runs, "queries", name) for name in QUERIES},
             **{f"{name}/rows": _median(runs, "rows", name) for name in QUERIES}}
        medians[(size, profile, kind)] = m
        load = _ms(m["load"]) + (f" (reopen {_ms(m['reopen'])})" if m["reopen"] is not None else "")
        cells = [f"{_ms(m[name])} ({m[f'{name}/rows']:,.0f} rows)" for name in QUERIES]
        rows.append((where, names[kind], load, f"{m['rss'] / 2**20:,.0f} MB", *cells))

    lines, verdicts = [], {}
    for kind in ("memory", "disk"):
        m = medians.get((large, "citations", kind))
        if not m:
            lines.append(f"{names[kind]} at {large:,} documents failed; see the table.")
            continue
        checks = [(name, m[name], limit, m[name] < limit) for name, limit in GOALS.items()]
        checks.append(("peak memory", m["rss"], MEMORY_GOAL, m["rss"] < MEMORY_GOAL))
        verdicts[kind] = all(met for *_, met in checks)
        lines.append(f"{names[kind]} at {large:,} documents: " + "; ".join(
            f"{name} {(_ms(value) if name != 'peak memory' else f'{value / 2**30:.2f} GB')} "
            f"(goal < {(_ms(limit) if name != 'peak memory' else '4 GB')}: {'met' if met else 'missed'})"
            for name, value, limit, met in checks) + f"; load {_ms(m['load'])}"
            + (f", reopened in {_ms(m['reopen'])}" if m.get("reopen") is not None else "") + ".")
    full, lean = generated[(small, "full")][0], generated[(small, "citations")][0]
    full_memory, large_memory = medians.get((small, "full", "memory")), medians.get((large, "citations", "memory"))
    if full_memory and large_memory:
        per_quad = large_memory["rss"] / generated[(large, "citations")][0]
        lines.append(f"The full profile at {small:,} documents: {full:,} quads ({full / small:,.0f} per document) "
                     f"against {lean:,} ({lean / small:,.0f}) in the citations profile; at {TARGET:,} documents "
                     f"that is ~{full / small * TARGET / 1e6:,.0f}M quads, ~{full / small * TARGET * per_quad / 2**30:,.0f} GB "
                     f"in memory at the {per_quad:,.0f} bytes per quad measured at {large:,} (extrapolated).")
    generation = "; ".join(f"{size:,} documents, {profile}: {q:,} quads, {b / 2**20:,.0f} MB of N-Quads generated "
                           f"in {s:.1f} s" for (size, profile), (q, s, b) in generated.items())
    ratios = {}
    small_memory = medians.get((small, "citations", "memory"))
    for other in ("rdflib", "disk"):
        theirs = medians.get((small, "citations", other))
        if small_memory and theirs:
            ratios[f"{other}/memory load at {small:,}"] = theirs["load"] / small_memory["load"]
            for name in QUERIES:
                if theirs[name] and small_memory[name]:
                    ratios[f"{other}/memory {name} at {small:,}"] = theirs[name] / small_memory[name]
    memory, disk = medians.get((large, "citations", "memory")), medians.get((large, "citations", "disk"))
    if memory and disk:
        ratios[f"disk/memory peak RSS at {large:,}"] = disk["rss"] / memory["rss"]
        for name in QUERIES:
            ratios[f"disk/memory {name} at {large:,}"] = disk[name] / memory[name]
    met = [kind for kind, ok in verdicts.items() if ok]
    headline = (f"at {large:,} documents (citations profile, {generated[(large, 'citations')][0] / 1e6:.1f}M quads): "
                + (f"every goal met by {', '.join(names[k] for k in met)}" if met else "no store meets every goal")
                + "; " + "; ".join(f"{kind}: lineage {_ms(medians[(large, 'citations', kind)]['lineage-of-task'])}, "
                                    f"who-cites {_ms(medians[(large, 'citations', kind)]['who-cites'])}, most-cited "
                                    f"{_ms(medians[(large, 'citations', kind)]['most-cited'])}, "
                                    f"{medians[(large, 'citations', kind)]['rss'] / 2**30:.1f} GB"
                                    for kind in ("memory", "disk") if (large, "citations", kind) in medians))
    return {
        "title": "Stores on the synthetic national corpus",
        "headers": ("documents", "store", f"load (median of {repeat} at {small:,}, 1 at {large:,})", "peak RSS",
                    *QUERIES),
        "rows": rows,
        "ratios": ratios,
        "summary": "\n".join([headline, *lines, generation]),
        "goal_met": bool(met),
        "medians": {f"{size}/{profile}/{kind}": m for (size, profile, kind), m in medians.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", nargs=3, metavar=("KIND", "LOCATION", "PARAMETERS"), help=argparse.SUPPRESS)
    parser.add_argument("--small", type=int, default=2000)
    parser.add_argument("--large", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if args.child:
        kind, location, parameters = args.child
        print(json.dumps(child(kind, location, json.loads(Path(parameters).read_text(encoding="utf-8")))))
        return 0
    result = run(args.small, args.large, args.repeat)
    print(" | ".join(result["headers"]))
    for row in result["rows"]:
        print(" | ".join(row))
    print(result["summary"])
    for name, ratio in result["ratios"].items():
        print(f"{name}: {ratio:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
