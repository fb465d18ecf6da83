"""The build: every file read or reported, a content-keyed cache, workers, outputs whole or not at all."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "corpus" / "322-KH-UBND-2023-kon-tum.txt"
PLANS = sorted((ROOT / "corpus" / "plans").glob("*.txt"))


@pytest.fixture()
def small_corpus(tmp_path) -> Path:
    folder = tmp_path / "texts"
    folder.mkdir()
    shutil.copy(PLAN, folder / PLAN.name)
    for path in PLANS[:2]:
        shutil.copy(path, folder / path.name)
    return folder


def test_the_corpus_builds_whole(corpus_build):
    report = json.loads((corpus_build / "report.json").read_text(encoding="utf-8"))
    assert report["files_read"] == 374 and report["failed"] == [] and report["ok"]
    assert report["references"] > 15000
    nquads = (corpus_build / "graph.nq").read_text(encoding="utf-8")
    # one named graph per source file, plus the instruments' and the ontology's
    graphs = {line.rsplit(" ", 2)[-2] for line in nquads.splitlines()}
    assert len(graphs) == 374 + 2


def test_the_corpus_graph_passes_validation(corpus_build):
    from kg.validate import validate

    report = validate(corpus_build)
    assert report.conforms, [str(v) for v in report.violations[:20]]


def test_unreadable_files_are_reported_with_reasons_and_the_exit_status_says_so(small_corpus, tmp_path):
    (small_corpus / "empty.txt").write_bytes(b"")
    (small_corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    result = CliRunner().invoke(main, ["build", str(small_corpus), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert "3 files read" in result.output and "2 files failed" in result.output
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    failed = {f["path"]: f["reason"] for f in report["failed"]}
    assert set(failed) == {"texts/empty.txt", "texts/image.txt"}
    assert all(reason for reason in failed.values())


def test_a_rebuild_reads_only_the_file_that_changed(small_corpus, tmp_path):
    out = tmp_path / "out"
    first = build([small_corpus], out)
    assert (first.files_read, first.cached) == (3, 0)
    again = build([small_corpus], out)
    assert (again.files_read, again.cached) == (3, 3)
    assert (out / "graph.nq").read_bytes() == (out / "graph.nq").read_bytes()
    changed = small_corpus / PLANS[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\nCăn cứ Luật số 63/2025/QH15;\n", encoding="utf-8")
    third = build([small_corpus], out)
    assert (third.files_read, third.cached) == (3, 2)


def test_two_workers_write_the_same_graph_as_one(small_corpus, tmp_path):
    build([small_corpus], tmp_path / "one", workers=1)
    build([small_corpus], tmp_path / "two", workers=2)
    for name in ("graph.nq", "graph.ttl"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_a_build_killed_half_way_leaves_the_previous_build_and_the_next_run_completes(small_corpus, tmp_path):
    out = tmp_path / "out"
    build([small_corpus], out)
    before = {name: (out / name).read_bytes() for name in ("graph.nq", "graph.ttl", "report.json")}
    kg = [sys.executable, "-m", "kg.cli", "build", str(ROOT / "corpus"), "-o", str(out)]
    process = subprocess.Popen(kg, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2.0)
    assert process.poll() is None, "the build finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert {name: (out / name).read_bytes() for name in before} == before
    assert not [p for p in out.iterdir() if p.name.startswith(".graph") or p.name.startswith(".report")]
    finished = subprocess.run(kg, cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert finished.returncode == 0, finished.stderr
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["files_read"] == 374
