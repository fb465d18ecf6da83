"""Texts -> the corpus graph on disk: extract every file, merge, write Turtle and N-Quads.

A build directory holds:

- ``graph.nq``: every quad, one named graph per source file (plus one for the merged
  descriptions of instruments); the file the stores load.
- ``graph.ttl``, only when asked (``turtle=True``, ``kg build --ttl``): the same triples without
  their graphs, for people (grouped by file, not sorted; a triple stated by two files is written
  twice, once is meant). It is made from the blocks' N-Quads when the outputs are written, so a
  build that does not want it pays nothing for it; a build without it removes the graph.ttl of an
  earlier build, which would no longer say what graph.nq says.
- ``report.json``: files read, references found, files failed and why, links skipped.
- ``oxigraph/``: the store every reading command opens (kg.store), and, only when asked
  (``reading_table=True``, ``kg build --reading-table``), ``reading.sqlite``: the reading table made
  from it (kg.reading_table), what a lineage, who-cites and labels read.
- ``.cache/<version>/cache.sqlite``: one SQLite store (WAL, one transaction per batch) of each
  file's extraction and its graph as text (a block), keyed by the sha256 of the bytes the
  extraction read and by the code and data that extracted it, each entry's sha256 checked
  when a later build reads it (a damaged or edited entry is made again), so a rebuild after one file
  changes reads only that file again and writes the outputs by joining the blocks. It also notes
  for the next build where each block stands in the graph.nq it wrote (a rebuild copies the
  unchanged stretches from it, if graph.nq is as it was left) and the corpus's dating.
- ``.lock``: held while a build writes here; a second build is refused with a message.

Every output is written to a temporary file and renamed into place, ``report.json`` last: a
build killed half-way leaves the previous build as it was, and the cache keeps every
transaction it committed.

Inputs: regular files only (a FIFO or a device named is an error for that file), each at most
``max_file_bytes``; a link out of the input directory is not followed unless ``follow_links``;
directories are walked without recursion. Each file is extracted in a worker process whose
memory is bounded (``max_file_memory``): a pathological text fails alone, named, with its reason.
"""
from __future__ import annotations

import contextlib
import fcntl
import gc
import hashlib
import json
import os
import resource
import sqlite3
import tempfile
import threading
import time
from array import array
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import KGError
from .namespaces import PREFIXES

from .cache import (BLOCK_PARTS, CACHE, CACHE_DB, Cache, Damaged, block_rows, cached_extractions, connect, digest_of,
                    extraction_json, from_json, MENTIONS_TAIL, stat_text, whole_extraction,
                    whole_header, write_rows)
from .inputs import DEFAULT_MAX_FILE_BYTES, input_files, read_limited, stat_key

__all__ = ["BuildReport", "build", "fingerprint", "write_atomic", "input_files", "cached_extractions",
           "DEFAULT_MAX_FILE_BYTES", "DEFAULT_MAX_FILE_MEMORY"]

GRAPH_NQ = "graph.nq"
GRAPH_TTL = "graph.ttl"
REPORT = "report.json"
LOCK = ".lock"
DEFAULT_MAX_FILE_MEMORY = 2048 * 2**20
_PREFIX_LINES = "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in PREFIXES.items()).encode("utf-8")
_UMASK = os.umask(0o022)
os.umask(_UMASK)


@dataclass
class BuildReport:
    """What a build did: the numbers ``kg build`` prints and ``report.json`` keeps."""

    files_read: int = 0
    references: int = 0
    relations: int = 0
    quads: int = 0
    triples: int = 0
    cached: int = 0
    failed: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)  # links out of the input, special files in it
    seconds: float = 0.0
    workers: int = 1
    unnumbered: list[str] = field(default_factory=list)  # files whose text states no number: named by the file

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        lines = [f"{self.files_read} files read ({self.cached} from cache), {self.references} references found, "
                 f"{self.relations} relations, {self.triples} triples in {self.quads} quads, "
                 f"{len(self.failed)} files failed, {self.seconds:.1f} s with {self.workers} worker(s)",
                 f"{len(self.unnumbered)} documents without their own number, each named by its file"]
        lines += [f"failed: {failure['path']}: {failure['reason']}" for failure in self.failed]
        lines += [f"skipped: {skip['path']}: {skip['reason']}" for skip in self.skipped]
        return "\n".join(lines)


def fingerprint() -> str:
    """A hash of the code and data that turn text into extractions: a change to any of them
    (a new cue phrase, a fix in the resolver) invalidates the cache."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted([*package.glob("*.py"), *package.glob("data/*")]):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def write_atomic(path: Path, write) -> None:
    """Call ``write(file)`` on a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.chmod(temporary, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are for sharing
        with os.fdopen(handle, "wb") as file:
            write(file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# ---------------------------------------------------------------- inputs: regular files, bounded, links kept in

class _Stats:
    """Each text's sha256 by its size, times and inode, so that a rebuild hashes only the texts that
    changed. As in git's index, a text changed less than ``_SETTLED`` before it was hashed is not
    remembered: a second write in the same clock tick would leave its times as they were. A text
    that changed while it was read is not remembered either."""

    _SETTLED = 2_000_000_000  # ns

    def __init__(self, cache: Cache):
        self.known = cache.stats()
        self.seen: dict[str, tuple[list, str]] = {}

    def digest(self, path: Path, info: os.stat_result | None = None) -> tuple[str | None, int]:
        """The file's sha256 if its stat key is as when it was hashed (else None: the worker that
        reads it hashes it, a cold build read and hashed every file twice so), and its size; ``info``
        its status if the walk read it (its path is then absolute and normal already)."""
        if info is None:
            where, info = os.path.abspath(path), os.stat(path)
        else:
            where = str(path)
        key = stat_key(info)
        entry = self.known.get(where)
        if entry is None or entry[0] != stat_text(key):
            return None, info.st_size
        self.remember(where, key, entry[1])
        return entry[1], info.st_size

    def remember(self, where: str, key: list | None, digest: str) -> None:
        if key is not None and time.time_ns() - max(key[1], key[2]) > self._SETTLED:
            self.seen[where] = (key, digest)


def _triple_hashes(nquads: bytes, graph: str) -> tuple[bytes, int]:
    """An 8-byte hash of each triple another graph could also hold, and how many it cannot: those
    about the file itself and its evidence (``<graph>``, ``<graph#e1>``), more than a third of them."""
    end = len(graph) + 5  # " <graph> .\n" ends every line
    own = (f"<{graph}>".encode("utf-8"), f"<{graph}#".encode("utf-8"))
    hashes, private = [], 0
    for line in nquads.splitlines(True):
        if line.startswith(own):
            private += 1
        else:
            hashes.append(hashlib.blake2b(line[:-end], digest_size=8).digest())
    return b"".join(hashes), private


def _serialize(quads: list, graph: str) -> tuple[bytes, bytes, int]:
    """N-Quads and ``_triple_hashes`` of the quads of one graph."""
    from pyoxigraph import RdfFormat, serialize

    nquads = serialize(quads, format=RdfFormat.N_QUADS)
    return nquads, *_triple_hashes(nquads, graph)


def _turtle(nquads: bytes) -> bytes:
    """The Turtle of one block's N-Quads, without its prefix lines (graph.ttl states them once)."""
    from pyoxigraph import RdfFormat, parse, serialize

    turtle = serialize([quad.triple for quad in parse(nquads, format=RdfFormat.N_QUADS)], format=RdfFormat.TURTLE,
                       prefixes=PREFIXES)
    while turtle.startswith(b"@prefix "):
        turtle = turtle[turtle.index(b"\n") + 1:]
    return turtle


# ---------------------------------------------------------------- the workers: one file's block each, memory bounded

def _block_key(digest: str, label: str, same: dict[str, str], profile: str) -> str:
    # (most files' dating is empty: their label and profile joined by a NUL, which neither a path nor JSON
    # holds, instead of a JSON text of them; a rebuild at 30,000 files asks 38,000 keys)
    named = json.dumps([label, sorted(same.items()), profile], ensure_ascii=False) if same else f"{label}\0{profile}"
    return f"{digest}.{hashlib.sha256(named.encode('utf-8')).hexdigest()[:16]}"


_WORKER: dict = {"limit": None, "db": None, "peak": 0}  # peak: the worker's peak address space when its file began


def _address_space(field: str = "VmSize") -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _ran_out_of_memory(error: BaseException) -> bool:
    """Whether ``error`` is the worker's memory bound refusing an allocation. CPython does not
    always say so: a C function whose allocation fails may return without setting MemoryError, and
    the interpreter then raises SystemError ("error return without exception set"; seen from bisect
    and from re under RLIMIT_AS). Such a SystemError is a memory failure when the worker's address
    space has come within half a file's allowance of its bound."""
    if isinstance(error, MemoryError):
        return True
    limit = _WORKER["limit"]
    if not (limit and isinstance(error, SystemError)):
        return False
    bound = resource.getrlimit(resource.RLIMIT_AS)[0]
    peak = _address_space("VmPeak")
    # (the peak of this file's work: a worker serves many files, and an earlier one's peak says nothing of this one)
    return bound != resource.RLIM_INFINITY and peak > _WORKER.get("peak", 0) and peak >= bound - limit // 2


def _start_worker(limit: int | None, database: str, lock: int | None = None) -> None:
    """In a worker: die with the build (a build killed left its workers writing, and holding the
    lock on the directory the next build needed), let go of the lock's descriptor the fork copied,
    open its own connection to the cache (never the parent's), and take at most ``limit`` bytes
    more than it holds when it starts (RLIMIT_AS)."""
    # The collector was held off in the build (_collector_paused), and this process holds a copy of
    # all the build held: left in the collector's view, the first collection walked it all (0.13 s
    # a worker, a tenth of a rebuild's extraction at 30,000 files).
    gc.freeze()
    gc.enable()
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if lock is not None:
        try:
            os.close(lock)
        except OSError:
            pass
    _WORKER["limit"], _WORKER["db"] = limit, connect(database, mapped=False)
    if limit:
        try:
            resource.setrlimit(resource.RLIMIT_AS, (_address_space() + limit,) * 2)
        except (ValueError, OSError):
            pass


def _make_block(job: tuple) -> tuple[dict, list[tuple[str, tuple]]]:
    """Run in a worker: one file's block, from its cached extraction or from its bytes read once
    (the key is the sha256 of the very bytes extracted: a file replaced while the build reads it
    cannot leave one text's extraction under another's key), and the cache rows to commit for it."""
    path, label, same, profile, max_bytes, cached = job
    if _WORKER["limit"]:
        _WORKER["peak"] = _address_space("VmPeak")
    try:
        if cached == "look":
            return _cached_block_of(path, label, profile, max_bytes)
        return _block_of(path, label, same, profile, max_bytes, cached)
    except KGError as error:
        return {"label": label, "reason": getattr(error, "reason", str(error))}, []
    except Exception as error:  # a bug in a stage must not take the other files down with it
        if _ran_out_of_memory(error):
            limit = _WORKER["limit"]
            return {"label": label, "reason": "needed more memory than a file may take"
                    + (f" ({limit // 2**20} MB; raise it with --max-file-memory-mb)" if limit else "")}, []
        return {"label": label, "reason": _unexpected(error)}, []


def _unexpected(error: Exception) -> str:
    return f"unexpected {type(error).__name__}: {error}"


def _cached_block_of(path, label, profile, max_bytes) -> tuple[dict, list[tuple[str, tuple]]]:
    """A file whose digest the build did not know: read and hashed here, its block (without dating)
    taken from the cache if there, else made from its cached extraction or from the bytes read."""
    raw, stamp = read_limited(path, max_bytes)
    digest = hashlib.sha256(raw).hexdigest()
    key = _block_key(digest, label, {}, profile)
    header = whole_header(_WORKER["db"], key)
    if header is not None:
        return {"label": label, "reason": None, "digest": digest, "key": key, "stat_key": stamp,
                "extracted": False, "made": False, "header": header}, []
    data = whole_extraction(_WORKER["db"], digest)
    result, rows = _block_of(path, label, {}, profile, max_bytes, (digest, data) if data else None, (digest, raw))
    return {**result, "stat_key": stamp}, rows


def _block_of(path, label, same, profile, max_bytes, cached, read=None) -> tuple[dict, list[tuple[str, tuple]]]:
    """One file's block: from its cached extraction (``cached``: its digest and JSON), or extracted
    from its bytes (``read``: their digest and the bytes, if already read; else read here)."""
    from .extract import bind_to_file, extract_source
    from .rdf import mentions, source_graph_iri, source_nquads
    from .readers import bytes_text
    from .text import prepare_text

    stored, stamp = None, None
    if cached is not None:
        digest, data = cached
        extraction = from_json({**json.loads(data), "source": label})
    else:
        if read is None:
            raw, stamp = read_limited(path, max_bytes)
            digest = hashlib.sha256(raw).hexdigest()
        else:
            digest, raw = read
        extraction = extract_source(prepare_text(bytes_text(raw, str(path)), str(path)))
        del raw
        stored = extraction_json(extraction, label)
    extraction = bind_to_file(extraction, label)  # a document its text does not name is its file's
    nq, quads = source_nquads(label, digest, extraction, same, profile)
    summary = mentions(extraction)
    hashes, private = _triple_hashes(nq, source_graph_iri(label))
    header = {"nq": len(nq), "hashes": len(hashes), "private": private, "quads": quads,
              "references": len(extraction.citations), "relations": len(extraction.relations),
              "numbered": summary["own"][2] is not None, "mentions": summary,
              "mentions_key": hashlib.sha256(json.dumps(summary, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]}
    key = _block_key(digest, label, same, profile)
    rows = block_rows(key, header, nq, hashes)
    if stored is not None:
        rows.insert(0, ("extractions", (digest, stored, digest_of(stored))))
    return {"label": label, "reason": None, "digest": digest, "key": key, "stat_key": stamp,
            "extracted": stored is not None, "made": True, "header": header}, rows


def _make_blocks(jobs: list[tuple]) -> list[dict]:
    """Run in a worker: ``_make_block`` of each job of a chunk, the blocks committed to the cache
    a few megabytes a transaction, each result returned once its rows are committed. One
    transaction a file, two workers taking the write lock in turn, cost the workers half as much
    CPU as extraction itself on a corpus of small files (3,374 files: 17.5 s against 12.9 s without
    writing). A build killed mid-way loses the open transaction's files only."""
    results, rows, size, committed = [], [], 0, 0
    for job in jobs:
        result, made = _make_block(job)
        results.append(result)
        rows += made
        size += sum(len(part) for _, row in made for part in row[1:] if isinstance(part, bytes))
        if size >= _COMMIT_BYTES:
            _commit(rows, results[committed:])
            rows, size, committed = [], 0, len(results)
    _commit(rows, results[committed:])
    return results


_COMMIT_BYTES = 8 << 20


def _commit(rows: list[tuple[str, tuple]], results: list[dict]) -> None:
    """The rows in one transaction of the worker's connection; if it cannot be written, the files
    they are of fail with the reason."""
    if not rows:
        return
    db = _WORKER["db"]
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            write_rows(db, rows)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    except Exception as error:
        for result in results:
            if result["reason"] is None:
                label = result["label"]
                result.clear()
                result.update(label=label, reason=_unexpected(error))


def _chunks(jobs: list[tuple], workers: int) -> list[list[tuple]]:
    """The jobs in runs handed to a worker at once: a job sent alone cost the build's pool (pickling
    it and its result, waking a worker) a third of a small file's extraction at 10,000 files. At most
    ``_CHUNK`` files a run, and runs small enough (eight or more a worker) that the workers still
    finish together; the jobs keep their order (the largest texts first)."""
    size = max(1, min(_CHUNK, len(jobs) // (8 * max(1, workers))))
    return [jobs[start:start + size] for start in range(0, len(jobs), size)]


_CHUNK = 32


def _run(jobs: list[tuple], workers: int, memory: int | None, database: str, lock: int | None = None
         ) -> Iterator[dict]:
    """Each job's result, in the order of the jobs, from worker processes with bounded memory;
    first None, once the jobs are handed to the workers (``_Build._run``). A worker that dies (a
    crash in native code) breaks its pool: the unfinished jobs run again one at a time, and the
    one whose worker dies then fails alone."""
    pending, solo = list(jobs), False
    if not pending:
        yield None
    while pending:
        batch, pending, blamed = pending, [], False
        size = 1 if solo else max(1, min(workers, len(batch)))
        with ProcessPoolExecutor(max_workers=size, initializer=_start_worker, initargs=(memory, database, lock)) as pool:
            futures = deque((pool.submit(_make_blocks, chunk), chunk)
                            for chunk in (_chunks(batch, size) if not solo else [[job] for job in batch]))
            if not solo:
                yield None
            while futures:
                future, chunk = futures.popleft()
                try:
                    yield from future.result()
                except BrokenProcessPool:
                    if solo and not blamed:
                        blamed = True
                        yield {"label": chunk[0][1], "reason": "its worker died while extracting it"
                               + (f" (over {memory // 2**20} MB?)" if memory else "")}
                    else:
                        pending.extend(chunk)
        solo = True


# ---------------------------------------------------------------- the build

def _count_triples(hashes: list[bytes], private: int) -> int:
    """How many distinct triples the blocks hold between them (a triple may stand in several
    graphs): the union of their ``_triple_hashes``, and those no other graph can hold."""
    shared = set()
    for blob in hashes:
        shared.update(array("Q", blob))
    return len(shared) + private


def _graph_places(cache: Cache, parts: list[tuple[str, dict]], graphs: list[str], written: Path
                  ) -> dict[str, tuple[str, list[tuple[int, int]]]] | None:
    """Each named graph's sha256 and place in graph.nq, from the blocks it was joined from (one
    graph a block, in order); None if graph.nq is not as long as they are (kg.store reads it then)."""
    places, offset = {}, 0
    digests = cache.digests([key for key, header in parts if header["nq"]], "nq")
    for (key, header), graph in zip(parts, graphs):
        if header["nq"]:
            places[graph] = (digests[key], [(offset, offset + header["nq"])])
        offset += header["nq"]
    return places if offset == written.stat().st_size else None


def _damaged(cache: Cache, parts: list[tuple[str, dict]]) -> set[str]:
    """The keys of the blocks that are not whole, each part of each read and checked."""
    damaged = set()
    for key, _ in parts:
        for name in BLOCK_PARTS[1:]:
            try:
                cache.part(key, name)
            except Damaged:
                damaged.add(key)
                break
    return damaged


def _joined(cache: Cache, parts: list[tuple[str, dict]], turtle: bool = False, earlier=None):
    """A writer of the N-Quads of the blocks, one after the other, or of their Turtle (``turtle``).

    ``earlier`` (``_earlier_graph``): the graph.nq the previous build wrote and where each of its
    blocks stands in it; a block found there is copied from it by the kernel (copy_file_range), runs
    of them at once, instead of read from the cache, checked and written again (a rebuild after one
    file changed spent 1.3 of its 5 s so at 5,000 files)."""
    def write(file):
        if turtle:
            file.write(_PREFIX_LINES)
        run = None  # [start, end) of the earlier graph.nq still to copy
        for key, header in parts:
            place = earlier[1].get(key) if earlier is not None and not turtle else None
            if place is not None and place[1] == header["nq"]:
                if run is not None and run[1] == place[0]:
                    run[1] += place[1]
                    continue
                if run is not None:
                    _copy_run(earlier[0], file, *run)
                run = [place[0], place[0] + place[1]]
                continue
            if run is not None:
                _copy_run(earlier[0], file, *run)
                run = None
            nquads = cache.part(key, "nq")
            file.write(_turtle(nquads) if turtle else nquads)
        if run is not None:
            _copy_run(earlier[0], file, *run)
    return write


def _write_graph_nq(cache: Cache, path: Path, parts: list[tuple[str, dict]], earlier) -> None:
    """graph.nq written from the blocks, in a thread of its own: read through a connection of its own
    (a connection is its thread's), which knows the blocks the build wrote as ``cache`` does."""
    reading = Cache(cache.path, fresh=cache.fresh)
    try:
        write_atomic(path, _joined(reading, parts, earlier=earlier))
    finally:
        reading.close(commit=False)


def _copy_run(source: int, file, start: int, end: int) -> None:
    """Bytes ``start:end`` of the file open as ``source`` appended to ``file``, in the kernel where it can."""
    file.flush()
    target = file.fileno()
    while start < end:
        try:
            done = os.copy_file_range(source, target, end - start, start)
        except (AttributeError, OSError):  # no copy_file_range here (another system, another file system)
            chunk = os.pread(source, min(end - start, 1 << 24), start)
            done = os.write(target, chunk) if chunk else 0
        if done == 0:
            raise Damaged("graph.nq")  # shorter than the previous build left it
        start += done


@contextlib.contextmanager
def _earlier_graph(cache: Cache, path: Path):
    """``(descriptor, {block key: (offset, length)})`` of the graph.nq the previous build wrote, if
    it is still as that build left it (its size, times and inode, as ``_Stats`` trusts a text's);
    else None."""
    noted = cache.note("layout")
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        yield None
        return
    try:
        if not (isinstance(noted, dict) and noted.get("stat") == stat_key(os.fstat(handle))):
            yield None
            return
        places, offset = {}, 0
        for key, size in zip(noted["keys"], noted["sizes"]):
            places[key] = (offset, size)
            offset += size
        yield handle, places
    finally:
        # Closed in a thread of its own: the last link to the graph.nq just replaced, its blocks are
        # freed on closing (0.25 s of a one-file rebuild at 1 GB), while the build goes on.
        threading.Thread(target=os.close, args=(handle,), name="kg-release-graph").start()


def _note_layout(cache: Cache, path: Path, parts: list[tuple[str, dict]]) -> None:
    """Where each block stands in the graph.nq just written, for the next build (``_earlier_graph``)."""
    cache.put_note("layout", {"stat": stat_key(os.stat(path)), "keys": [key for key, _ in parts],
                              "sizes": [header["nq"] for _, header in parts]})


class _Locked:
    """An exclusive lock on the build directory (``.lock``, flock): two builds into one directory
    crashed one another."""

    def __init__(self, output: Path):
        self.output = output

    def __enter__(self):
        self.handle = os.open(self.output / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(self.handle, 32, 0).decode("ascii", "replace").strip()
            os.close(self.handle)
            raise KGError(f"{self.output}: another build is writing here{f' (process {holder})' if holder else ''}; "
                          f"wait for it to finish or build into another directory") from None
        os.ftruncate(self.handle, 0)
        os.pwrite(self.handle, f"{os.getpid()}\n".encode("ascii"), 0)
        return self

    def __exit__(self, *exc):
        os.close(self.handle)  # and with it the lock


def _cannot_write(output: Path, error: Exception) -> KGError:
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return KGError(f"{output}: cannot write the build: {error.strerror or error}{where}")
    return KGError(f"{output}: cannot write the build cache: {error}")


def build(paths, output: str | Path, workers: int = 1, log=None, profile: str = "full",
          max_file_bytes: int = DEFAULT_MAX_FILE_BYTES, max_file_memory: int | None = DEFAULT_MAX_FILE_MEMORY,
          follow_links: bool = False, turtle: bool = False, reading_table: bool = False, store: bool = True
          ) -> BuildReport:
    """Extract every text under ``paths`` and write the graph into ``output``.

    ``profile`` is what each file's graph keeps (``kg.rdf.PROFILES``): ``full`` (sections and the
    evidence of every edge) or ``citations`` (documents, tasks and edges: for national-scale stores).
    ``max_file_bytes`` and ``max_file_memory`` bound what one file may cost (it fails alone,
    named, past them); ``follow_links`` reads links out of the input directories; ``turtle`` also
    writes graph.ttl; ``reading_table`` also writes build/reading.sqlite (kg.reading_table), which
    makes a lineage or a who-cites on a national corpus cost SQLite queries instead of store lookups,
    at the price of reading the store's quads again at every build (left out by default: at the
    bundled corpus's size a question's time is the process's start, and a one-file rebuild would pay
    the whole table again). ``store=False`` leaves the store (``oxigraph/``, whose bulk load costs about
    1.5x the extraction's CPU) to the reading commands (``kg.store.open_store`` parses graph.nq, or
    loads the store first for a large one): for a graph.nq pushed to a server (``kg push``) or loaded
    elsewhere; ``reading_table`` loads it anyway.

    Each file's graph is made where the file is extracted, in a worker, and cached beside its
    extraction; the build then joins the cached blocks in the order of the files, between the
    ontology and the instruments' graph, the only parts made from the whole corpus. A directory
    that cannot be written (read-only, full) is one ``KGError``; the previous build stays whole.

    >>> import pathlib, shutil, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> report = build(["corpus/322-KH-UBND-2023-kon-tum.txt"], out)
    >>> report.files_read, report.ok, sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    (1, True, ['graph.nq', 'oxigraph', 'report.json'])
    >>> shutil.rmtree(out)
    """
    from .rdf import check_profile

    check_profile(profile)  # before anything is written
    output = Path(output)
    options = _Options(workers, profile, max_file_bytes, max_file_memory, follow_links, turtle, reading_table, store)
    try:
        output.mkdir(parents=True, exist_ok=True)
        with _Locked(output) as locked, _collector_paused():
            return _build(paths, output, options, log, locked.handle)
    except (OSError, sqlite3.Error) as error:
        raise _cannot_write(output, error) from None


@contextlib.contextmanager
def _collector_paused():
    """Python's cycle collector held off while the build runs in this process (the workers run it: they
    start it again). The build holds a header of every file, hundreds of thousands of objects at 30,000
    files, which each of the collector's full passes walked: 0.7 s of a one-file rebuild's 5.5 s. What
    the build makes here holds no reference cycles that need freeing before it ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class _Options:
    """What the caller of ``build`` asked, as every step reads it."""

    workers: int
    profile: str
    max_file_bytes: int
    max_file_memory: int | None
    follow_links: bool
    turtle: bool
    reading_table: bool
    store: bool = True


def _build(paths, output: Path, options: _Options, log, lock: int | None = None) -> BuildReport:
    """The build in its cache: the steps of ``_Build`` in order, the cache committed whatever happens."""
    from .reading_table import TABLE_FILE
    from .reading_table_writer import write_reading_table

    started = time.perf_counter()
    for stale in output.glob(".*.*"):  # temporary files of a build that was killed while writing
        if stale.is_file() and stale.name.split(".")[1] in ("graph", "report"):
            stale.unlink(missing_ok=True)
    directory = output / CACHE / fingerprint()
    directory.mkdir(parents=True, exist_ok=True)
    cache = Cache(directory / CACHE_DB)
    steps = None
    try:
        steps = _Build(cache, output, options, lock)
        steps.read_inputs(paths)          # 1. the files, their digests, the blocks already cached
        steps.extract()                   # 2. every other file's block, in the workers
        steps.date_undated_citations()    # 3. the one step over the whole corpus
        if log:
            log(f"extracted in {time.perf_counter() - started:.1f} s; writing {output}")
        steps.write_graph()               # 4. graph.nq (and graph.ttl) joined from the blocks
        steps.tally()                     # 5. the report's counts; the files' stat keys kept
        if options.store or options.reading_table:
            steps.refresh_store()         # 6. build/oxigraph, the store every reading command opens
        if options.reading_table:         # 7. build/reading.sqlite, made from the store (kg.reading_table)
            write_reading_table(output)
        else:  # (one left by an earlier build no longer holds this graph.nq: readers would pass it by)
            (output / TABLE_FILE).unlink(missing_ok=True)
        steps.write_report(started)       # 8. report.json, last: the build is complete
    except BaseException:
        if steps is not None:
            steps.looking.close()  # (workers started early end before the lock is let go)
        cache.close(commit=True)  # what was made is kept for the next build
        raise
    cache.close()
    _prune(output / CACHE, keep=directory.name)
    return steps.report


class _Build:
    """The steps of one build, in the order ``_build`` runs them, and what they hand each other:
    ``blocks`` (each file's label -> the digest of its bytes, its block's key and header), ``order``
    (the labels whose block is made, in the order of the files), ``same`` (each undated
    instrument the corpus dates -> the dated one) and ``parts`` (the blocks graph.nq is joined from)."""

    def __init__(self, cache: Cache, output: Path, options: _Options, lock: int | None):
        self.cache, self.output, self.options, self.lock = cache, output, options, lock
        self.report = BuildReport(workers=options.workers)
        self.stats = _Stats(cache)
        self.inputs: dict[str, Path] = {}
        self.blocks: dict[str, tuple[str, str, dict]] = {}
        self.todo: list[tuple[tuple, int]] = []
        self.order: list[str] = []
        self.same: dict[str, str] = {}
        self.parts: list[tuple[str, dict]] = []
        self.looking: Iterator[dict] = iter(())  # the results of the files read_inputs handed the workers

    def read_inputs(self, paths) -> None:
        """The input files, each with its label; the digest of each (from its stat key when it did
        not change); its block if cached, else a job for the workers (its extraction if cached)."""
        report, options = self.report, self.options
        statuses: dict[str, os.stat_result] = {}
        found, report.skipped, report.failed = input_files(paths, options.follow_links, statuses)
        for path, label in found:
            self.inputs.setdefault(label, path)  # an input named twice is one graph
        keyed, looks = [], []
        for label, path in self.inputs.items():
            try:
                digest, size = self.stats.digest(path, statuses.get(str(path)))
            except OSError as error:
                report.failed.append({"path": label, "reason": error.strerror or str(error)})
                continue
            if digest is None:  # read, hashed and looked up in the cache by a worker
                looks.append(((str(path), label, {}, options.profile, options.max_file_bytes, "look"), size))
                continue
            keyed.append((label, digest, size, _block_key(digest, label, {}, options.profile)))
        # The workers start on the files that changed while the others' blocks are read here (a
        # rebuild after one file changed at 30,000 files: its worker's 0.2 s beside the headers' 0.3 s)
        self.looking = self._run([job for job, _ in sorted(looks, key=lambda job: -job[1])])
        headers = self.cache.headers([key for *_, key in keyed])
        for label, digest, size, key in keyed:
            header = headers.get(key)
            if header is not None:
                self.blocks[label] = (digest, key, header)
                report.cached += 1
                continue
            self.todo.append((self._job(label, digest, {}), size))
        self.cache.commit()  # (what was dropped, damaged: the workers started above write as soon as it is let go)

    def _job(self, label: str, digest: str, same: dict[str, str]) -> tuple:
        """A worker's job: one file's block, from its cached extraction (under any label or profile) if whole."""
        data = self.cache.extraction(digest)
        return (str(self.inputs[label]), label, same, self.options.profile, self.options.max_file_bytes,
                (digest, data) if data else None)

    def _take(self, result: dict) -> bool:
        """A worker's result (its block is in the cache) into ``blocks``; False if the file failed."""
        label = result["label"]
        if result["reason"] is not None:
            self.report.failed.append({"path": label, "reason": result["reason"]})
            return False
        self.blocks[label] = (result["digest"], result["key"], result["header"])
        if result["made"]:
            self.cache.fresh.add(result["key"])
        self.stats.remember(os.path.abspath(self.inputs[label]), result["stat_key"], result["digest"])
        return True

    def _run(self, jobs: list[tuple]) -> Iterator[dict]:
        """Each job's result from the workers, who start on them before this returns."""
        self.cache.commit()  # the workers write now: the build holds no write lock meanwhile
        results = _run(jobs, self.options.workers, self.options.max_file_memory, str(self.cache.path), self.lock)
        next(results)
        return results

    def extract(self) -> None:
        """Every file without a cached block, through the workers. The largest texts first: the
        workers then finish together, not one of them left with a chunk of long gazettes while
        the other waits."""
        self.todo.sort(key=lambda job: -job[1])
        for result in self._results():
            if self._take(result):
                self.report.cached += not result["extracted"]
        self.order = [label for label in self.inputs if label in self.blocks]

    def _results(self) -> Iterator[dict]:
        """The results of the files read_inputs handed the workers, then of the rest (one pool at a time)."""
        yield from self.looking
        yield from self._run([job for job, _ in self.todo])

    def date_undated_citations(self) -> None:
        """An undated citation becomes the one dated instrument of its series, if some file dates
        it: only the few files naming such an instrument are made again."""
        from .rdf import corpus_dating

        key = self._mentions_key()
        noted = self.cache.note("dating")
        if isinstance(noted, dict) and noted.get("key") == key:  # the files' mentions are as they were
            self.same = noted["same"]
        else:
            self.same = corpus_dating(self._summaries())
            self.cache.put_note("dating", {"key": key, "same": self.same})
        self._remake([label for label in self.order
                      if any(iri in self.same for iri in self.blocks[label][2]["mentions"]["undated"])], dated=True)

    def _remake(self, labels: list[str], dated: bool) -> None:
        """The blocks of ``labels`` under the corpus's dating (``dated``) or none, from the cache if
        made before, else in the workers."""
        jobs, wanted = [], []
        for label in labels:
            digest, _, header = self.blocks[label]
            mine = {iri: self.same[iri] for iri in header["mentions"]["undated"] if iri in self.same} if dated else {}
            wanted.append((label, digest, mine, _block_key(digest, label, mine, self.options.profile)))
        headers = self.cache.headers([key for *_, key in wanted])
        for label, digest, mine, key in wanted:
            found = headers.get(key)
            if found is not None:
                self.blocks[label] = (digest, key, found)
                continue
            if mine and self._dated(label, digest, key, mine, self.blocks[label][2]):
                continue
            jobs.append(self._job(label, digest, mine))
        for result in self._run(jobs):
            if not self._take(result):  # the cached extraction was damaged and the text no longer reads
                self.order.remove(result["label"])
                self.blocks.pop(result["label"], None)

    def _dated(self, label: str, digest: str, key: str, mine: dict[str, str], header: dict) -> bool:
        """The block of ``label`` under the dating ``mine`` made from its block without it (whose
        ``header`` the build holds; ``kg.rdf.dated_nquads``) and cached under ``key``; False where
        that cannot be done."""
        from .rdf import source_graph_iri
        from .rdf.sources import dated_nquads

        base = _block_key(digest, label, {}, self.options.profile)
        header = self._whole_mentions([(base, header)])[0]
        if header is None:
            return False
        try:
            nquads = dated_nquads(self.cache.part(base, "nq"), mine, header["mentions"]["own"][0])
        except Damaged:
            return False
        if nquads is None:
            return False
        hashes, private = _triple_hashes(nquads, source_graph_iri(label))
        header = {**header, "nq": len(nquads), "hashes": len(hashes), "private": private}
        self.blocks[label] = (digest, key, self.cache.put_block(key, header, nquads, hashes))
        return True

    def _summaries(self) -> list[dict]:
        """Every file's whole ``mentions``, in the order of the files (for the corpus's dating and
        the instruments' graph); the tails of those read from the cache read now."""
        headers = self._whole_mentions([(self.blocks[label][1], self.blocks[label][2]) for label in self.order])
        if any(header is None for header in headers):  # the build holds the lock: no one else drops blocks
            raise KGError(f"{self.output}: the build cache changed under the build; remove {self.output / CACHE}")
        return [header["mentions"] for header in headers]

    def _whole_mentions(self, blocks: list[tuple[str, dict]]) -> list[dict | None]:
        """Each ``(key, header)`` as the header with its whole mentions: as it is if a worker made it,
        else with the ``MENTIONS_TAIL`` that ``Cache.headers`` left out (None if no longer cached)."""
        tails = self.cache.mentions([key for key, header in blocks if not _whole(header)])
        return [header if _whole(header) else
                {**header, "mentions": {**header["mentions"], **tails[key]}} if key in tails else None
                for key, header in blocks]

    def _mentions_key(self) -> str:
        """A digest of what every file contributes to the whole corpus's parts, in the files' order."""
        return hashlib.sha256("".join(self.blocks[label][2]["mentions_key"] for label in self.order).encode()).hexdigest()

    def _whole_corpus_parts(self) -> list[tuple[str, dict]]:
        """The ontology's block, every file's in the order of the files, the instruments' graph's
        last (cached under the files' mentions it is made from)."""
        from .rdf import INSTRUMENTS_GRAPH, ONTOLOGY_GRAPH, instrument_quads, ontology_file, ontology_quads

        ontology = f"ontology.{hashlib.sha256(ontology_file('kg.ttl').read_bytes()).hexdigest()[:16]}"
        key = self._mentions_key()
        made = []
        for name, graph, quads in ((ontology, ONTOLOGY_GRAPH, ontology_quads), (f"instruments.{key[:16]}",
                                   INSTRUMENTS_GRAPH, lambda: instrument_quads(self._summaries(), self.same))):
            header = self.cache.header(name)
            if header is None:
                graph_quads = quads()
                nq, hashes, private = _serialize(graph_quads, graph)
                header = self.cache.put_block(name, {"nq": len(nq), "hashes": len(hashes), "private": private,
                                                     "quads": len(graph_quads)}, nq, hashes)
            made.append((name, header))
        return [made[0], *((self.blocks[label][1], self.blocks[label][2]) for label in self.order), made[1]]

    def write_graph(self) -> None:
        """graph.nq joined from the blocks (and graph.ttl if asked, else an older one removed). A
        block found damaged on the way is dropped and made again, and the join starts over."""
        cache, output = self.cache, self.output
        for attempt in range(5):
            self.parts = self._whole_corpus_parts()
            try:
                # graph.nq copied and synced in a thread, which lets go of the GIL, while the
                # triples' hashes are read and counted here (a rebuild after one file changed at
                # 30,000 files spent 0.3 s reading them, then 0.9 s copying and syncing)
                cache.commit()  # the thread reads through a connection of its own
                with _earlier_graph(cache, output / GRAPH_NQ) as earlier, ThreadPoolExecutor(1) as writing:
                    written = writing.submit(_write_graph_nq, cache, output / GRAPH_NQ, self.parts, earlier)
                    # (on an error or interrupt here the pool's exit waits for the writer, and this one is raised)
                    hashes = cache.parts([key for key, _ in self.parts], "hashes")  # read and checked here
                    self.report.triples = _count_triples(hashes, sum(header["private"] for _, header in self.parts))
                    written.result()
                _note_layout(cache, output / GRAPH_NQ, self.parts)
                if self.options.turtle:
                    write_atomic(output / GRAPH_TTL, _joined(cache, self.parts, turtle=True))
                else:
                    (output / GRAPH_TTL).unlink(missing_ok=True)  # it would say what graph.nq no longer does
                return
            except Damaged:  # entries edited or damaged since they were written: each made again
                cache.put_note("layout", None)  # and the earlier graph.nq no longer copied from
                damaged = _damaged(cache, self.parts)
                for key in damaged:
                    cache.drop(key)
                for dated in (False, True):
                    owners = [label for label in self.order if self.blocks[label][1] in damaged
                              and (self.blocks[label][1] != _block_key(self.blocks[label][0], label, {},
                                                                       self.options.profile)) == dated]
                    self._remake(owners, dated)
        raise KGError(f"{output}: the build cache keeps changing under the build; remove {output / CACHE}")

    def tally(self) -> None:
        """The report's counts, from the blocks' headers; the stat keys of the files read kept."""
        report, order, blocks = self.report, self.order, self.blocks
        report.files_read = len(order)
        report.unnumbered = [label for label in order if not blocks[label][2]["numbered"]]
        report.references = sum(blocks[label][2]["references"] for label in order)
        report.relations = sum(blocks[label][2]["relations"] for label in order)
        report.quads = sum(header["quads"] for _, header in self.parts)
        self.cache.save_stats(self.stats.seen, self.stats.known)
        self.cache.commit()

    def refresh_store(self) -> None:
        """build/oxigraph: what every reading command opens (kg.store); each named graph's digest
        and place in graph.nq are its block's, so graph.nq is not read again to find them."""
        from .rdf import INSTRUMENTS_GRAPH, ONTOLOGY_GRAPH, source_graph_iri
        from .store import refresh_ready_store

        graphs = [ONTOLOGY_GRAPH, *map(source_graph_iri, self.order), INSTRUMENTS_GRAPH]
        refresh_ready_store(self.output, _graph_places(self.cache, self.parts, graphs, self.output / GRAPH_NQ))

    def write_report(self, started: float) -> None:
        report = self.report
        report.failed.sort(key=lambda failure: failure["path"])
        report.seconds = round(time.perf_counter() - started, 2)
        payload = json.dumps({**asdict(report), "ok": report.ok}, ensure_ascii=False, indent=1).encode("utf-8")
        write_atomic(self.output / REPORT, lambda file: file.write(payload))


def _whole(header: dict) -> bool:
    """Whether a block's header holds its whole mentions (``kg.cache.MENTIONS_TAIL``)."""
    return MENTIONS_TAIL[0] in header["mentions"]


def _prune(cache_root: Path, keep: str) -> None:
    """Drop the caches of other code versions: they can never be read again."""
    import shutil

    if cache_root.is_dir():
        for entry in cache_root.iterdir():
            if entry.is_dir() and entry.name != keep:
                shutil.rmtree(entry, ignore_errors=True)
