"""A national corpus of 30,000+ files: build against extraction, peak memory, reading questions, push.

The corpus is made from what the repository holds (issue #18): the 374 corpus documents (gazette
texts and plans) as they are, and synthetic articles of codes, one article a file as national
collections give them, each citing corpus documents by number ("Nghị định số 158/2025/NĐ-CP")
in sentences taken from the corpus's own articles. Two articles in three open with a dataset's
markdown metadata table naming the code they belong to (``| **Số hiệu** | 45/2009/QH12 |``);
one in three has no header and no own number at all. Everything follows from the seed.

It measures, on one machine, in one run:

- extraction alone (every file through ``kg.extract.extract_file``, 2 worker processes) against
  a cold ``kg build`` with 2 workers, and a warm rebuild after one file changed;
- the peak resident memory of the build's process tree (sampled from /proc, as bench_build does);
- that no two files became one document unless their identity (type, number, issuer, date) agrees:
  every document node of the graph is checked against the generator's record of each file;
- the time of who-cites, lineage-of-task and most-cited on the store the build left on disk;
- with ``--push``, the rate of ``kg push`` to an Oxigraph server (the test extra's ``oxigraph``).

    .venv/bin/python bench/bench_national.py [--articles 30000] [--push] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_build import _children_cpu, _snapshot, _spawn  # noqa: E402  (the build in a subprocess, its peak memory)

SEED = 18
# Laws of the synthetic codes: their numbers lie in years the corpus's own documents do not
# (2001-2012), so an article's code never shares a number with a corpus document.
LEGISLATURES = {2001: "QH10", 2003: "QH11", 2005: "QH11", 2006: "QH11", 2008: "QH12", 2010: "QH12", 2012: "QH13"}
SUBJECTS = ("Bảo vệ môi trường", "Đường thủy nội địa", "Thống kê", "Đo lường", "Phòng, chống thiên tai",
            "Điện lực", "Dược", "Giáo dục đại học", "Khoáng sản", "Lâm nghiệp", "Thủy sản", "Tài nguyên nước",
            "Năng lượng nguyên tử", "Chất lượng sản phẩm, hàng hóa", "Đa dạng sinh học", "Thi đua, khen thưởng")
LEADS = ("Căn cứ {ref},", "Theo quy định tại {ref},", "Việc thực hiện theo {ref}.", "Trừ trường hợp {ref} có quy định khác,",
         "Thực hiện {ref},", "Cơ quan có thẩm quyền hướng dẫn thi hành {ref}.")


# ---------------------------------------------------------------- the corpus

def _identity(path: str):
    """A corpus document's own identity (in a worker: identify reads the whole text)."""
    from kg.identify import identify_document
    from kg.text import read_text

    own = identify_document(read_text(path)).instrument
    return own.doc_type, own.number, own.issuer, own.date, own.iri


def _sentences(paths: list[Path], rng: random.Random, count: int = 4000) -> list[str]:
    """Lines of the corpus's articles that name no instrument: the synthetic articles' prose."""
    lines = []
    for path in paths:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            line = " ".join(line.split())
            if 80 <= len(line) <= 260 and line[0].isupper() and line.endswith((".", ";")) \
                    and "số" not in line and "/" not in line and "Luật" not in line and "CÔNG BÁO" not in line:
                lines.append(line)
    rng.shuffle(lines)
    return lines[:count]


def make_corpus(target: Path, articles: int, seed: int = SEED, workers: int = 2,
                documents: list[Path] | None = None) -> dict[str, tuple | None]:
    """Write the corpus under ``target`` (``target/van-ban``: the corpus documents, or ``documents``
    of it; ``target/bo-luat``: the articles); return each file's label (as ``kg build target``
    labels it) with its identity (type, number, issuer, date), None for a file that states none."""
    rng = random.Random(seed)
    documents = sorted(documents or (p for p in (ROOT / "corpus").rglob("*.txt")))
    with ProcessPoolExecutor(workers) as pool:
        identities = list(pool.map(_identity, map(str, documents), chunksize=16))
    truth: dict[str, tuple | None] = {}
    for path, identity in zip(documents, identities):
        copy = target / "van-ban" / path.relative_to(ROOT / "corpus")
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copy)
        truth[f"{target.name}/{copy.relative_to(target).as_posix()}"] = identity[:4] if identity[1] else None
    # what articles cite: the corpus's national documents, the most cited by rank (Zipf)
    from kg.namespaces import ID

    citable = [(t, n) for t, n, _, _, iri in identities if n and iri[len(ID):].count("/") == 2]
    weights = [1 / rank for rank in range(1, len(citable) + 1)]
    prose = _sentences(documents, rng)
    codes = []
    for k in range(1, articles // 100 + 2):
        year = rng.choice(sorted(LEGISLATURES))
        day, month = rng.randint(1, 28), rng.randint(1, 12)
        codes.append((f"{k}/{year}/{LEGISLATURES[year]}", f"{day:02d}/{month:02d}/{year}",
                      f"{year}-{month:02d}-{day:02d}", rng.choice(SUBJECTS)))
    articles_of: dict[str, int] = {}
    for index in range(articles):
        code = codes[min(int(rng.paretovariate(1.2)) - 1, len(codes) - 1) if index % 7 == 0 else index // 100]
        number, written_date, iso_date, subject = code
        article = articles_of[number] = articles_of.get(number, 0) + 1  # each article of a code once
        cited = rng.choices(citable, weights, k=rng.randint(1, 4))
        paragraphs = []
        for doc_type, cited_number in cited:
            lead = rng.choice(LEADS).format(ref=f"{doc_type} số {cited_number}")
            paragraphs.append(f"{lead} {rng.choice(prose)}")
        paragraphs.extend(rng.sample(prose, rng.randint(1, 5)))
        rng.shuffle(paragraphs)
        body = f"Điều {article}. {rng.choice(prose)[:60].rstrip(' ,.;')}\n\n" + "\n\n".join(
            f"{k}. {p}" for k, p in enumerate(paragraphs, 1)) + "\n"
        folder = target / "bo-luat" / number.replace("/", "-")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"dieu-{article}-{index}.md"
        if index % 3 == 0:  # no header: no own number, as a third of a national collection
            path.write_text(body, encoding="utf-8")
            truth[f"{target.name}/{path.relative_to(target).as_posix()}"] = None
        else:
            header = (f"# Luật {subject}\n\n| | |\n|---|---|\n| **Số hiệu** | {number} |\n| **Loại văn bản** | Luật |\n"
                      f"| **Nơi ban hành** | Quốc hội |\n| **Ngày ban hành** | {written_date} |\n\n")
            path.write_text(header + "# " + body, encoding="utf-8")
            truth[f"{target.name}/{path.relative_to(target).as_posix()}"] = ("Luật", number, "Quốc hội", iso_date)
    return truth


# ---------------------------------------------------------------- the measures

def _extract_one(path: str) -> int:
    from kg.errors import KGError
    from kg.extract import extract_file

    try:
        return len(extract_file(path).citations)
    except KGError:
        return -1


def extraction_alone(target: Path, workers: int = 2) -> tuple[float, int, float]:
    """Seconds, citations found, and CPU seconds of the workers."""
    from kg.extract import iter_text_files

    paths = [str(p) for p in iter_text_files([target])]
    started, cpu = time.perf_counter(), _children_cpu()
    with ProcessPoolExecutor(workers) as pool:
        citations = sum(max(n, 0) for n in pool.map(_extract_one, paths, chunksize=64))
    return time.perf_counter() - started, citations, _children_cpu() - cpu


def merges(output: Path, truth: dict[str, tuple | None]) -> dict:
    """Documents the graph holds, those made of several files, and those whose files disagree."""
    from urllib.parse import unquote

    from kg.namespaces import ID, KG

    files: dict[str, list[str]] = {}
    describes = f"<{KG}describes>"
    with open(output / "graph.nq", encoding="utf-8") as graph:
        for line in graph:
            if describes in line:
                subject, predicate, obj = line.split(" ", 3)[:3]
                if predicate == describes:
                    label = unquote(subject[1 + len(ID + "source/"):-1])
                    files.setdefault(obj, []).append(label)
    shared = {doc: labels for doc, labels in files.items() if len(labels) > 1}
    wrong = {doc: labels for doc, labels in shared.items()
             if any(truth.get(label) is None for label in labels) or len({truth[label] for label in labels}) > 1}
    return {"documents": len(files), "files": sum(map(len, files.values())), "shared": len(shared),
            "files_in_shared": sum(map(len, shared.values())), "wrong": wrong}


def questions(output: Path, repeat: int = 3) -> dict[str, tuple[float, int, float | None]]:
    """Median seconds and rows of the reading questions, on the store the build left (build/oxigraph),
    which every reading command opens (loading a graph.nq of 1 GB in memory took 177 s): asked of
    the store with its reading table (kg.reading_table, what a command reads) and of the store alone,
    in turn, the answers checked equal. ``{name: (seconds with the table, rows, seconds alone)}``."""
    from kg.network import find_node, lineage_tree
    from kg.query import run_named
    from kg.reading_table import open_table, table_is_fresh
    from kg.reading_table_writer import write_reading_table
    from kg.store import DiskStore, ready_store_is_fresh

    assert ready_store_is_fresh(output), "the build left no ready store"
    timings = {}
    if not table_is_fresh(output):  # kg build writes it only with --reading-table: written here, its time noted
        started = time.perf_counter()
        write_reading_table(output)
        timings["write the reading table (kg build --reading-table's step)"] = (time.perf_counter() - started, 0, None)
    started = time.perf_counter()
    store = DiskStore(output)
    timings["open the build's store (DiskStore)"] = (time.perf_counter() - started, 0, None)
    started = time.perf_counter()
    table = open_table(output)
    assert table is not None, "no reading table"
    timings["open its reading table"] = (time.perf_counter() - started, 0, None)

    def walked(document, task):
        return lineage_tree(store, find_node(store, document, task))

    asks = {"who-cites 158/2025/NĐ-CP": lambda: run_named(store, "who-cites", {"number": "158/2025/NĐ-CP"}),
            "lineage-of-task 322/KH-UBND II.5": lambda: run_named(store, "lineage-of-task",
                                                                  {"document": "322/KH-UBND", "task": "II.5"}),
            "kg lineage 322/KH-UBND --task II.5 (walked)": lambda: walked("322/KH-UBND", "II.5"),
            "most-cited": lambda: run_named(store, "most-cited", {})}
    for name, ask in asks.items():
        runs, rows = {"table": [], "store": []}, 0
        for turn in range(repeat):
            answers = []
            for way in ("table", "store") if turn % 2 == 0 else ("store", "table"):
                store.table = table if way == "table" else None
                began = time.perf_counter()
                answers.append(ask())
                runs[way].append(time.perf_counter() - began)
            assert answers[0] == answers[1], f"{name}: the store and the reading table answer differently"
            rows = len(answers[0].rows) if hasattr(answers[0], "rows") else _steps(answers[0])
        timings[name] = (statistics.median(runs["table"]), rows, statistics.median(runs["store"]))
    return timings


def _steps(tree: dict) -> int:
    return sum(1 + _steps(child) for child in tree["children"])


def push_rate(output: Path, work: Path) -> dict:
    """Seconds and quads of ``kg push`` (Graph Store Protocol) to a fresh Oxigraph server."""
    from kg.store import push

    server = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    # the first load of a large graph: Oxigraph's bulk loader, server stopped, from graph.nq
    started = time.perf_counter()
    subprocess.run([server, "load", "--location", str(work / "oxigraph-bulk"), "--file", str(output / "graph.nq")],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    bulk = time.perf_counter() - started
    shutil.rmtree(work / "oxigraph-bulk", ignore_errors=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([server, "serve", "--location", str(work / "oxigraph-db"), "--bind",
                                f"127.0.0.1:{port}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        started = time.perf_counter()
        sent = push(output, base + "/store")
        seconds = time.perf_counter() - started
        quads = sum(sent.values()) if isinstance(sent, dict) else 0
        return {"seconds": seconds, "graphs": len(sent), "quads": quads, "bulk": bulk}
    finally:
        process.terminate()
        process.wait(timeout=30)


def run(articles: int = 30_000, push: bool = False, keep: Path | None = None) -> dict:
    work = Path(tempfile.mkdtemp(prefix="kg-bench-national-"))
    try:
        target = work / "quoc-gia"
        began = time.perf_counter()
        truth = make_corpus(target, articles)
        made = time.perf_counter() - began
        size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
        extraction, citations, extraction_cpu = extraction_alone(target)
        env = _snapshot(work)
        output = work / "build"
        loads = [os.getloadavg()[0]]
        began = time.time()
        cold = _spawn(target, output, 2, env=env)
        # the graph written, then the store loaded: graph.nq's time splits the cold build
        cold["to_graph"] = (output / "graph.nq").stat().st_mtime - began
        loads.append(os.getloadavg()[0])
        bare = _spawn(target, work / "build-no-store", 2, env=env, store=False)  # kg build --no-store
        shutil.rmtree(work / "build-no-store", ignore_errors=True)
        changed = next(iter(sorted((target / "bo-luat").rglob("*.md"))))
        with open(changed, "a", encoding="utf-8") as file:
            file.write("\nGhi chú.\n")
        warm = _spawn(target, output, 2, env=env)
        report = json.loads((output / "report.json").read_text(encoding="utf-8"))
        merged = merges(output, truth)
        asked = questions(output)
        loads.append(os.getloadavg()[0])
        pushed = push_rate(output, work) if push else None
        if keep:
            shutil.copytree(output, keep, dirs_exist_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    no_number = sum(1 for identity in truth.values() if identity is None)
    rows = [
        ("corpus", f"{len(truth):,} files, {size / 2**20:.0f} MB", f"{no_number:,} without an own number", f"made in {made:.0f} s"),
        ("extraction alone, 2 workers", f"{extraction:.1f} s", f"{citations:,} citations", "1.00x"),
        ("kg build, cold, 2 workers", f"{cold['seconds']:.1f} s", f"peak {cold['peak_tree'] / 2**20:,.0f} MB (process tree)",
         f"{cold['seconds'] / extraction:.2f}x extraction"),
        ("  of which: until graph.nq is written", f"{cold['to_graph']:.1f} s", "then the on-disk store's bulk load",
         f"{cold['to_graph'] / extraction:.2f}x extraction"),
        ("kg build --no-store, cold, 2 workers", f"{bare['seconds']:.1f} s, {bare['cpu']:.1f} s of CPU",
         "the store left to the first reader", f"{bare['seconds'] / extraction:.2f}x extraction; "
         f"{bare['cpu'] / extraction_cpu:.2f}x its CPU"),
        ("kg build after one file changed", f"{warm['seconds']:.1f} s", f"{warm['files'] - warm['cached']} file(s) read again",
         f"{cold['seconds'] / warm['seconds']:.1f}x faster than cold"),
        ("CPU time (processes and their workers): extraction alone / cold build / rebuild",
         f"{extraction_cpu:.1f} / {cold['cpu']:.1f} / {warm['cpu']:.1f} s", "what the load average does not stretch",
         f"{cold['cpu'] / extraction_cpu:.2f}x extraction; {cold['cpu'] / warm['cpu']:.1f}x the rebuild"),
        ("graph", f"{cold['quads']:,} quads", f"{merged['documents']:,} document nodes",
         f"{len(report.get('unnumbered', [])):,} reported without own number"),
        ("documents made of several files", f"{merged['shared']:,} ({merged['files_in_shared']:,} files)",
         f"{len(merged['wrong'])} whose files' identities disagree", ""),
    ]
    rows += [(name, f"{seconds * 1000:,.0f} ms" + (f" (store alone {alone * 1000:,.0f} ms)" if alone else ""),
              f"{count:,} rows" if count else "", f"store alone / table {alone / seconds:.1f}x" if alone else "")
             for name, (seconds, count, alone) in asked.items()]
    if pushed:
        rows.append(("kg push to an Oxigraph server (GSP)", f"{pushed['seconds']:.1f} s",
                     f"{pushed['graphs']:,} graphs, {pushed['quads']:,} quads",
                     f"{pushed['quads'] / pushed['seconds']:,.0f} quads/s"))
        rows.append(("oxigraph load (bulk, server stopped)", f"{pushed['bulk']:.1f} s", f"{cold['quads']:,} quads",
                     f"{cold['quads'] / pushed['bulk']:,.0f} quads/s"))
    slowest = max(seconds for name, (seconds, _, _) in asked.items() if not name.startswith(("open", "write")))
    goals = {
        "cold build <= 1.5x extraction alone": cold["seconds"] <= 1.5 * extraction,
        "rebuild after one change >= 20x faster than cold": cold["seconds"] / warm["seconds"] >= 20,
        "no two files merged unless their identity agrees": not merged["wrong"],
        "every reading question < 1 s": slowest < 1.0,
    }
    return {
        "title": f"A national corpus: {len(truth):,} files",
        "headers": ("what", "time / size", "", "ratio"),
        "rows": rows,
        "ratios": {"cold build / extraction": cold["seconds"] / extraction, "cold / warm rebuild": cold["seconds"] / warm["seconds"],
                   "cold build / extraction, CPU": cold["cpu"] / extraction_cpu, "cold / warm rebuild, CPU": cold["cpu"] / warm["cpu"],
                   "cold build --no-store / extraction": bare["seconds"] / extraction,
                   "cold build --no-store / extraction, CPU": bare["cpu"] / extraction_cpu},
        "summary": (f"{len(truth):,} files: build {cold['seconds']:.0f} s = {cold['seconds'] / extraction:.2f}x extraction "
                    f"({extraction:.0f} s); peak {cold['peak_tree'] / 2**20:,.0f} MB; {len(merged['wrong'])} wrong merges; "
                    f"slowest question {slowest * 1000:.0f} ms; load average {', '.join(f'{x:.1f}' for x in loads)}"),
        "goals": goals,
        "goal_met": all(goals.values()),
        "wrong": dict(list(merged["wrong"].items())[:5]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=30_000)
    parser.add_argument("--push", action="store_true", help="also measure kg push to an Oxigraph server")
    parser.add_argument("--keep", type=Path, help="copy the build here")
    parser.add_argument("--questions", type=Path, metavar="BUILD",
                        help="only time the reading questions on a kept build (its table written if missing)")
    args = parser.parse_args(argv)
    if args.questions:
        from kg.reading_table import table_is_fresh
        from kg.reading_table_writer import write_reading_table

        if not table_is_fresh(args.questions):
            began = time.perf_counter()
            write_reading_table(args.questions)
            print(f"reading table written in {time.perf_counter() - began:.1f} s")
        for name, (seconds, count, alone) in questions(args.questions).items():
            print(f"{name}: {seconds * 1000:,.1f} ms" + (f", store alone {alone * 1000:,.1f} ms "
                  f"({alone / seconds:.1f}x)" if alone else "") + (f", {count:,} rows" if count else ""))
        print("load average", ", ".join(f"{x:.2f}" for x in os.getloadavg()))
        return 0
    result = run(args.articles, args.push, args.keep)
    print(" | ".join(result["headers"]))
    for row in result["rows"]:
        print(" | ".join(row))
    print(result["summary"])
    for goal, met in result["goals"].items():
        print(f"{'met' if met else 'MISSED'}: {goal}")
    if result["wrong"]:
        print("wrong merges:", json.dumps(result["wrong"], ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
