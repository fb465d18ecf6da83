"""`kg serve` under attack: a cheap query's latency while four heavy queries run, and how soon the
CPU is idle again once the heavy queries pass their time (issue 14).

    .venv/bin/python bench/bench_serve.py --build build/ --seconds 30

Phase 1: four clients send heavy queries (a cartesian product, a property path over the whole
graph, a 16 GB CONCAT, a sort of a join), each sent again as soon as it is refused; meanwhile one
client sends the named query who-cites, one after the other, and its latencies are kept. Phase 2,
three rounds: the four heavy queries at once; after the last is refused, the CPU time of the
server and all its workers is sampled every 20 ms until it stays under 10% of a core for 200 ms.
Goals: cheap p95 under 100 ms; idle within 2 s of each heavy query's timeout.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

BINDS = "".join(f"BIND(CONCAT(?x{i}, ?x{i}, ?x{i}, ?x{i}, ?x{i}, ?x{i}, ?x{i}, ?x{i}, ?x{i}, ?x{i}) AS ?x{i + 1}) "
                for i in range(9))
HEAVY = {
    "cartesian product": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "property path": "SELECT (COUNT(*) AS ?n) WHERE { ?a (!<http://example.org/none>)* ?b }",
    "16 GB CONCAT": f'SELECT (STRLEN(?x9) AS ?n) WHERE {{ BIND("0123456789abcdef" AS ?x0) {BINDS}}}',
    "sorted join": "SELECT ?a ?b WHERE { ?a ?p ?o . ?b ?q ?o } ORDER BY DESC(?a) ?b LIMIT 1",
}


def _get(base: str, query: str, timeout: float = 120) -> int:
    url = base + "/query?" + urllib.parse.urlencode({"query": query})
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        error.read()
        return error.code


def _tree(pid: int) -> dict[int, float]:
    """CPU seconds of a process and of every process under it, by process."""
    times, stack = {}, [pid]
    while stack:
        current = stack.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            times[current] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return times


def _idle_after(pid: int, since: float, limit: float = 30.0) -> float:
    """Seconds from ``since`` until the process tree uses under 10% of a core for 200 ms (the
    kernel counts CPU time in 10 ms ticks: one tick is 5% of 200 ms).

    Each process's CPU time is kept at the most it was seen at: a process reaped, or missed by
    one walk of /proc while it forks, neither lowers the sum nor adds its past again."""
    seen: dict[int, float] = {}

    def total() -> float:
        for current, seconds in _tree(pid).items():
            seen[current] = max(seconds, seen.get(current, 0.0))
        return sum(seen.values())

    samples = [(time.monotonic(), total())]
    while time.monotonic() - since < limit:
        time.sleep(0.02)
        samples.append((time.monotonic(), total()))
        window = [s for s in samples if s[0] >= samples[-1][0] - 0.2]
        if samples[-1][0] - window[0][0] >= 0.19:
            rate = (window[-1][1] - window[0][1]) / (window[-1][0] - window[0][0])
            if rate < 0.10:
                return max(0.0, window[0][0] - since)
    return float("inf")


def _start(build: Path, timeout: float, workers: int) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(build), "--port", "0",
                                "--timeout", str(timeout), "--workers", str(workers)],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=ROOT,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    line = process.stderr.readline()
    match = re.search(r"http://([\d.]+):(\d+)/query", line)
    if not match:
        raise RuntimeError(line + process.stderr.read())
    return process, f"http://{match[1]}:{match[2]}"


def _cheap(base: str, until: float, latencies: list[float], statuses: list[int]) -> None:
    from kg.errors import QueryError
    from kg.query import run_named
    from kg.store import RemoteStore

    remote = RemoteStore(base + "/query", timeout=60)
    while time.monotonic() < until:
        started = time.perf_counter()
        try:
            run_named(remote, "who-cites", {"number": "15/2019/QĐ-UBND"})
            statuses.append(200)
        except QueryError as error:
            statuses.append(int(re.search(r"HTTP (\d+)", str(error))[1]) if "HTTP" in str(error) else 0)
        latencies.append(time.perf_counter() - started)
        time.sleep(0.02)


def _percentile(values: list[float], cut: int) -> float:
    return statistics.quantiles(values, n=100)[cut - 1] if len(values) > 1 else values[0]


def run(build: str | Path | None = None, seconds: float = 30.0, timeout: float = 5.0, workers: int = 8,
        rounds: int = 3) -> dict:
    scratch = None
    if build is None:
        from kg.build import build as run_build

        scratch = tempfile.TemporaryDirectory(prefix="kg-bench-serve-")
        build = Path(scratch.name)
        run_build([ROOT / "corpus"], build, workers=2)
    process, base = _start(Path(build), timeout, workers)
    try:
        _get(base, "ASK { ?s ?p ?o }")
        quiet_latencies, quiet_statuses = [], []
        _cheap(base, time.monotonic() + min(5.0, seconds / 3), quiet_latencies, quiet_statuses)

        # phase 1: four heavy clients, one cheap client
        until = time.monotonic() + seconds
        heavy_statuses: list[int] = []

        def heavy(query: str) -> None:
            while time.monotonic() < until:
                heavy_statuses.append(_get(base, query))

        threads = [threading.Thread(target=heavy, args=(query,)) for query in HEAVY.values()]
        for thread in threads:
            thread.start()
        time.sleep(0.5)
        latencies, statuses = [], []
        _cheap(base, until, latencies, statuses)
        for thread in threads:
            thread.join()

        # phase 2: the four at once; then how soon the CPU is idle
        idle = []
        for _ in range(rounds):
            time.sleep(1.0)
            refused: dict[str, tuple[int, float]] = {}

            def one(name: str, query: str) -> None:
                status = _get(base, query)
                refused[name] = (status, time.monotonic())

            started = time.monotonic()
            threads = [threading.Thread(target=one, args=item) for item in HEAVY.items()]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            last = max(at for _, at in refused.values())
            before = _tree(process.pid)
            after = _idle_after(process.pid, last)
            if after > 1.0:  # say who was busy
                now = _tree(process.pid)
                busy = {pid: round(now[pid] - before.get(pid, 0.0), 2) for pid in now if now[pid] > before.get(pid, 0.0)}
                print(f"busy after the heavy queries were refused (pid: CPU s; server {process.pid}): {busy}",
                      file=sys.stderr)
            idle.append((after, last - started, sorted({s for s, _ in refused.values()})))
    finally:
        process.kill()
        process.wait()
        if scratch is not None:
            scratch.cleanup()

    p95 = _percentile(latencies, 95)
    worst_idle = max(seconds for seconds, _, _ in idle)
    rows = [
        ["cheap query alone", len(quiet_latencies), f"{statistics.median(quiet_latencies) * 1000:.1f}",
         f"{_percentile(quiet_latencies, 95) * 1000:.1f}", f"{max(quiet_latencies) * 1000:.1f}",
         f"{sum(s == 200 for s in quiet_statuses)}/{len(quiet_statuses)}"],
        ["cheap query, 4 heavy running", len(latencies), f"{statistics.median(latencies) * 1000:.1f}",
         f"{p95 * 1000:.1f}", f"{max(latencies) * 1000:.1f}", f"{sum(s == 200 for s in statuses)}/{len(statuses)}"],
    ]
    rows += [[f"4 heavy at once (round {i + 1}): refused after {refused_after:.1f} s ({', '.join(map(str, codes))})",
              "", "", "", "", f"CPU idle {seconds:.2f} s after the last"] for i, (seconds, refused_after, codes)
             in enumerate(idle)]
    goal = p95 < 0.100 and worst_idle < 2.0 and all(s == 200 for s in statuses)
    return {
        "title": "kg serve under four heavy queries",
        "headers": ["", "queries", "p50 ms", "p95 ms", "max ms", "answered 200 / CPU"],
        "rows": rows,
        "summary": (f"who-cites p95 {p95 * 1000:.1f} ms while four heavy queries ran ({len(heavy_statuses)} heavy "
                    f"queries refused: {sorted(set(heavy_statuses))}); CPU idle at most {worst_idle:.2f} s after "
                    f"the last heavy query's timeout ({timeout:g} s, {workers} workers)"),
        "goal_met": goal,
    }


def _table(headers, rows) -> str:
    lines = ["| " + " | ".join(map(str, headers)) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(map(str, row)) + " |" for row in rows]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", help="a build directory (default: build the corpus in a temporary one)")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    result = run(args.build, args.seconds, args.timeout, args.workers, args.rounds)
    print(_table(result["headers"], result["rows"]))
    print()
    print(result["summary"], "- goal met" if result["goal_met"] else "- goal MISSED")
    return 0 if result["goal_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
