"""`kg build` attacked as issue 14 found it attacked: a poisoned cache, two builds at once, a
pathological file, deep directories, special files, links out of the input, an output that
cannot be written. Each costs the file or the build it aims at, named, and nothing more."""
from __future__ import annotations

import fcntl
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kg.build import build
from kg.errors import KGError

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "corpus" / "322-KH-UBND-2023-kon-tum.txt"
PLANS = sorted((ROOT / "corpus" / "plans").glob("*.txt"))
KG = [sys.executable, "-m", "kg.cli"]


@pytest.fixture()
def texts(tmp_path) -> Path:
    folder = tmp_path / "texts"
    folder.mkdir()
    for path in PLANS[:3]:
        shutil.copy(path, folder / path.name)
    return folder


def _database(out: Path) -> Path:
    (database,) = (out / ".cache").glob("*/cache.sqlite")
    return database


def _kg(*arguments, **options) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *map(str, arguments)], cwd=ROOT, capture_output=True, text=True,
                          timeout=options.pop("timeout", 300), **options)


# ---------------------------------------------------------------- the cache

def test_a_file_rewritten_while_the_build_reads_it_leaves_no_wrong_entry(texts, tmp_path):
    """The cache was keyed by one read of a file and filled from another: a text rewritten in
    between left its other version's extraction under its key, wrong after it was put back."""
    target = texts / PLANS[0].name
    original, other = target.read_bytes(), PLANS[5].read_bytes()
    stop = threading.Event()

    def rewrite():
        while not stop.is_set():
            for content in (other, original):
                with open(target, "r+b") as file:  # in place, as an editor saving over it
                    file.truncate(0)
                    file.write(content)

    out = tmp_path / "out"
    writer = threading.Thread(target=rewrite)
    writer.start()
    try:
        for _ in range(3):
            build([texts], out)
    finally:
        stop.set()
        writer.join()
    target.write_bytes(original)
    build([texts], out)
    clean = tmp_path / "clean"
    build([texts], clean)
    assert (out / "graph.nq").read_bytes() == (clean / "graph.nq").read_bytes()


def test_a_same_length_edit_of_a_cached_block_does_not_reach_the_graph(texts, tmp_path):
    out = tmp_path / "out"
    build([texts], out)
    before = (out / "graph.nq").read_bytes()
    with sqlite3.connect(_database(out)) as db:
        edited = db.execute("UPDATE block_nquads SET nq = CAST(replace(CAST(nq AS TEXT), 'Ủy ban', 'Ủy bam') AS BLOB) "
                            "WHERE instr(CAST(nq AS TEXT), 'Ủy ban') > 0").rowcount
    assert edited
    again = build([texts], out)
    assert again.ok and (out / "graph.nq").read_bytes() == before
    assert "Ủy bam".encode() not in (out / "graph.nq").read_bytes()


def test_an_edited_extraction_in_the_cache_is_not_used(texts, tmp_path):
    """A cached extraction is read when a file's graph is made again from it (another profile)."""
    out = tmp_path / "out"
    build([texts], out)
    with sqlite3.connect(_database(out)) as db:
        for digest, data in db.execute("SELECT digest, data FROM extractions").fetchall():
            forged = json.loads(data)
            forged["document"]["instrument"]["title"] = "FORGED"
            db.execute("UPDATE extractions SET data = ? WHERE digest = ?",
                       (json.dumps(forged, ensure_ascii=False).encode("utf-8"), digest))
    build([texts], out, profile="citations")
    clean = tmp_path / "clean"
    build([texts], clean, profile="citations")
    assert (out / "graph.nq").read_bytes() == (clean / "graph.nq").read_bytes()
    assert b"FORGED" not in (out / "graph.nq").read_bytes()


# ---------------------------------------------------------------- two builds at once

def test_a_second_build_into_the_same_directory_is_refused_with_a_message(texts, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        held.write("4242\n")
        held.flush()
        with pytest.raises(KGError, match=r"another build is writing here \(process 4242\)"):
            build([texts], out)
    assert build([texts], out).ok  # the lock is free again


def test_two_builds_started_together_one_runs_one_is_refused(texts, tmp_path):
    for path in sorted((ROOT / "corpus" / "congbao").rglob("*.txt"))[:60]:  # seconds of work
        shutil.copy(path, texts / path.name)
    out = tmp_path / "out"
    first = subprocess.Popen([*KG, "build", str(texts), "-o", str(out)], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not ((out / ".lock").exists() and (out / ".lock").read_text().strip()):
        assert time.monotonic() < deadline and first.poll() is None
        time.sleep(0.01)
    assert first.poll() is None, "the first build ended before the second started: no race was tried"
    second = _kg("build", texts, "-o", out)
    first_out, first_err = first.communicate(timeout=300)
    assert first.returncode == 0, first_err
    assert second.returncode == 2 and "another build is writing here" in second.stderr
    assert "Traceback" not in second.stderr


# ---------------------------------------------------------------- inputs

def test_a_pathological_file_fails_alone_within_its_memory(texts, tmp_path):
    """100,000 repeated references: the file fails, named, for its memory; the others build."""
    sentence = "Căn cứ Quyết định số 1/QĐ-UBND ngày 1 tháng 1 năm 2020 của Ủy ban nhân dân tỉnh; "
    (texts / "bomb.txt").write_text(sentence * 100_000, encoding="utf-8")
    result = _kg("build", texts, "-o", tmp_path / "out", "--max-file-memory-mb", "128")
    assert result.returncode == 1, result.stderr
    assert "3 files read" in result.stdout
    assert "failed: texts/bomb.txt: needed more memory than a file may take (128 MB" in result.stdout


_MEMORY_CHECK = """
import resource, sys
from kg import build
build._WORKER["limit"] = 64 * 2**20
print(build._ran_out_of_memory(MemoryError()), build._ran_out_of_memory(SystemError("error return without exception set")))
resource.setrlimit(resource.RLIMIT_AS, (build._address_space() + 64 * 2**20,) * 2)
print(build._ran_out_of_memory(SystemError("error return without exception set")))
try:
    hold = [bytearray(2**20) for _ in range(200)]
except MemoryError:
    pass
hold = None
print(build._ran_out_of_memory(SystemError("error return without exception set")), build._ran_out_of_memory(ValueError()))
build._WORKER["peak"] = build._address_space("VmPeak")  # the next file: the last one's peak is not its own
print(build._ran_out_of_memory(SystemError("a bug")))
"""


def test_a_system_error_at_the_memory_bound_is_the_memory_bound():
    """CPython may answer a refused allocation with SystemError instead of MemoryError (the fresh-clone
    CI saw the bomb above fail so): a worker that came to its bound in this file's work says memory; one far from
    it, one whose peak was an earlier file's, or one with no bound, still says the error was unexpected."""
    result = subprocess.run([sys.executable, "-c", _MEMORY_CHECK], capture_output=True, text=True, check=True)
    assert result.stdout.split("\n")[:4] == ["True False", "False", "True False", "False"], result.stdout


def test_a_thousand_nested_directories_build(tmp_path):
    deep = path = tmp_path / "texts"
    path.mkdir()
    levels = [path]
    for _ in range(1200):  # one at a time: mkdir(parents=True) recurses too
        path = path / "d"
        path.mkdir()
        levels.append(path)
    shutil.copy(PLAN, path / "plan.txt")
    try:
        report = build([deep], tmp_path / "out")
        assert report.ok and report.files_read == 1
    finally:  # removed innermost first: pytest's own clean-up of old temporary folders recurses
        (path / "plan.txt").unlink()
        for level in reversed(levels):
            level.rmdir()


def test_a_fifo_and_a_device_fail_alone_without_hanging(texts, tmp_path):
    fifo = tmp_path / "named.txt"
    os.mkfifo(fifo)
    os.mkfifo(texts / "inside.txt")
    result = _kg("build", texts, fifo, "/dev/zero", "-o", tmp_path / "out", timeout=120)
    assert result.returncode == 1
    assert "failed: named.txt: not a regular file: it is a FIFO" in result.stdout
    assert "failed: zero: not a regular file: it is a character device" in result.stdout
    assert "skipped: texts/inside.txt: not a regular file: it is a FIFO" in result.stdout
    assert "3 files read" in result.stdout


def test_a_file_over_the_size_limit_fails_alone_and_the_limit_can_be_raised(texts, tmp_path):
    text = PLAN.read_text(encoding="utf-8")
    (texts / "large.txt").write_text(text * (1_500_000 // len(text.encode("utf-8")) + 1), encoding="utf-8")
    result = _kg("build", texts, "-o", tmp_path / "out", "--max-file-mb", "1")
    assert result.returncode == 1 and "3 files read" in result.stdout
    assert "failed: texts/large.txt:" in result.stdout and "over the limit of 1,048,576" in result.stdout
    raised = _kg("build", texts, "-o", tmp_path / "out", "--max-file-mb", "10")
    assert raised.returncode == 0 and "4 files read" in raised.stdout


def test_a_link_out_of_the_input_is_skipped_unless_asked(texts, tmp_path):
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    shutil.copy(PLAN, secret)
    os.symlink(secret, texts / "link.txt")
    os.symlink(secret.parent, texts / "outside-dir")
    report = build([texts], tmp_path / "out")
    assert report.ok and report.files_read == 3
    assert {skip["path"] for skip in report.skipped} == {"texts/link.txt", "texts/outside-dir"}
    assert b"link.txt" not in (tmp_path / "out" / "graph.nq").read_bytes()
    followed = build([texts], tmp_path / "followed", follow_links=True)
    assert followed.files_read == 5 and b"texts/link.txt" in (tmp_path / "followed" / "graph.nq").read_bytes()


# ---------------------------------------------------------------- an output that cannot be written

def _one_line_error(result: subprocess.CompletedProcess, out: Path, before: dict) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"kg: {out}: cannot write the build"), result.stderr
    assert {name: (out / name).read_bytes() for name in before} == before  # the previous build, whole


def test_a_full_disk_is_one_line_and_the_previous_build_stays(texts, tmp_path):
    out = tmp_path / "out"
    build([texts], out, turtle=True)
    before = {name: (out / name).read_bytes() for name in ("graph.nq", "graph.ttl", "report.json")}
    (texts / PLAN.name).write_bytes(PLAN.read_bytes())  # something to write

    def small_files():  # writes past 50 kB fail with EFBIG, as they would with ENOSPC
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, 50_000))

    result = _kg("build", texts, "-o", out, preexec_fn=small_files)
    _one_line_error(result, out, before)


def test_a_read_only_output_is_one_line_and_the_previous_build_stays(texts, tmp_path):
    out = tmp_path / "out"
    build([texts], out, turtle=True)
    before = {name: (out / name).read_bytes() for name in ("graph.nq", "graph.ttl", "report.json")}
    shutil.copy(PLAN, texts / PLAN.name)  # something to write
    if os.geteuid() == 0:  # root writes through permissions: a read-only mount of out/, in a namespace
        mount = f"mount --bind '{out}' '{out}' && mount -o remount,bind,ro '{out}' && exec \"$@\""
        command = ["unshare", "--mount", "--propagation", "private", "sh", "-c", mount, "sh"]
        if subprocess.run([*command, "true"], capture_output=True).returncode != 0:
            pytest.skip("root without mount namespaces: no way to make out/ read-only here")
    else:
        command = []
        for path in [out, *out.rglob("*")]:
            path.chmod(0o555 if path.is_dir() else 0o444)
    result = subprocess.run([*command, *KG, "build", str(texts), "-o", str(out)], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    for path in [out, *out.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)
    _one_line_error(result, out, before)
