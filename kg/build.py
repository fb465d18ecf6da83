"""Texts -> the corpus graph on disk: extract every file, merge, write Turtle and N-Quads.

A build directory holds:

- ``graph.nq``: every quad, one named graph per source file (plus one for the merged
  descriptions of instruments); the file the stores load.
- ``graph.ttl``: the same triples without their graphs, for people and for ``kg validate``.
- ``report.json``: files read, references found, files failed and why.
- ``.cache/``: each file's extraction, keyed by the file's content and by the code and data
  that extracted it, so a rebuild after one file changes reads only that file again.

Every output is written to a temporary file and renamed into place, ``report.json`` last: a
build killed half-way leaves the previous build as it was.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import KGError
from .models import Citation, Document, Extraction, Instrument, Reference, Relation, Section

__all__ = ["BuildReport", "build", "fingerprint", "write_atomic"]

GRAPH_NQ = "graph.nq"
GRAPH_TTL = "graph.ttl"
REPORT = "report.json"
CACHE = ".cache"
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
    seconds: float = 0.0
    workers: int = 1

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        lines = [f"{self.files_read} files read ({self.cached} from cache), {self.references} references found, "
                 f"{self.relations} relations, {self.triples} triples in {self.quads} quads, "
                 f"{len(self.failed)} files failed, {self.seconds:.1f} s with {self.workers} worker(s)"]
        lines += [f"failed: {failure['path']}: {failure['reason']}" for failure in self.failed]
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


# ---------------------------------------------------------------- the cache: extractions as JSON

def _to_json(extraction: Extraction) -> dict:
    return asdict(extraction)


def _from_json(data: dict) -> Extraction:
    def instrument(value):
        return Instrument(**value)

    document = data["document"]
    return Extraction(
        source=data["source"],
        document=Document(instrument(document["instrument"]), document["signer"], document["locality"]),
        citations=tuple(Citation(Reference(**{**c["reference"], "warnings": tuple(c["reference"]["warnings"])}),
                                 instrument(c["instrument"]), c["section"]) for c in data["citations"]),
        sections=tuple(Section(**{**s, "partners": tuple(s["partners"])}) for s in data["sections"]),
        relations=tuple(Relation(**r) for r in data["relations"]),
        warnings=tuple(data["warnings"]),
    )


def _extract(path: str, label: str) -> tuple[str, dict | None, str | None]:
    """Run in a worker: one file's extraction as JSON, or the reason it failed."""
    from .extract import extract_file

    try:
        extraction = extract_file(path)
    except KGError as error:
        return label, None, getattr(error, "reason", str(error))
    except Exception as error:  # a bug in a stage must not take the other files down with it
        return label, None, f"unexpected {type(error).__name__}: {error}"
    data = _to_json(extraction)
    data["source"] = label
    return label, data, None


# ---------------------------------------------------------------- the build

def _inputs(paths) -> list[tuple[Path, str]]:
    """Each text file with its label: its path from the parent of the input that named it."""
    from .extract import iter_text_files

    found = []
    for root in paths:
        root = Path(root)
        # abspath, not resolve: a symlink to a text elsewhere is labelled by where it was found
        # (resolving it made relative_to raise and took the whole build down).
        base = Path(os.path.abspath(root)).parent
        for path in iter_text_files([root]):
            found.append((path, Path(os.path.abspath(path)).relative_to(base).as_posix()))
    return found


def build(paths, output: str | Path, workers: int = 1, log=None) -> BuildReport:
    """Extract every text under ``paths`` and write the graph into ``output``.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> report = build(["corpus/322-KH-UBND-2023-kon-tum.txt"], out)
    >>> report.files_read, report.ok, sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    (1, True, ['graph.nq', 'graph.ttl', 'report.json'])
    """
    from pyoxigraph import RdfFormat, serialize

    from .namespaces import PREFIXES
    from .rdf import dataset

    started = time.perf_counter()
    output = Path(output)
    for stale in output.glob(".*.*"):  # temporary files of a build that was killed while writing
        if stale.is_file() and stale.name.split(".")[1] in ("graph", "report"):
            stale.unlink(missing_ok=True)
    cache = output / CACHE / fingerprint()
    report = BuildReport(workers=workers)
    inputs = _inputs(paths)
    results: dict[str, tuple[str, dict]] = {}
    todo = []
    for path, label in inputs:
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as error:
            report.failed.append({"path": label, "reason": error.strerror or str(error)})
            continue
        cached = cache / f"{digest}.json"
        if cached.exists():
            try:
                data = json.loads(cached.read_text(encoding="utf-8"))
                data["source"] = label
                results[label] = (digest, data)
                report.cached += 1
                continue
            except (OSError, ValueError):
                pass  # a damaged cache entry is read again from the text
        todo.append((path, label, digest))

    digests = {label: digest for _, label, digest in todo}
    if workers > 1 and len(todo) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            done = pool.map(_extract, [str(p) for p, _, _ in todo], [label for _, label, _ in todo],
                            chunksize=max(1, len(todo) // (workers * 8)))
            outcomes = list(done)
    else:
        outcomes = [_extract(str(p), label) for p, label, _ in todo]
    for label, data, reason in outcomes:
        if data is None:
            report.failed.append({"path": label, "reason": reason})
            continue
        results[label] = (digests[label], data)
        text = json.dumps(data, ensure_ascii=False).encode("utf-8")
        write_atomic(cache / f"{digests[label]}.json", lambda file: file.write(text))

    order = [label for _, label in inputs if label in results]
    sources = [(label, results[label][0], _from_json(results[label][1])) for label in order]
    report.files_read = len(sources)
    report.references = sum(len(e.citations) for _, _, e in sources)
    report.relations = sum(len(e.relations) for _, _, e in sources)
    quads = dataset(sources)
    report.quads = len(quads)
    triples = sorted({quad.triple for quad in quads}, key=str)
    report.triples = len(triples)
    if log:
        log(f"extracted in {time.perf_counter() - started:.1f} s; writing {output}")

    write_atomic(output / GRAPH_NQ, lambda file: serialize(quads, file, RdfFormat.N_QUADS))
    write_atomic(output / GRAPH_TTL, lambda file: serialize(triples, file, RdfFormat.TURTLE, prefixes=PREFIXES))
    report.failed.sort(key=lambda failure: failure["path"])
    report.seconds = round(time.perf_counter() - started, 2)
    payload = json.dumps({**asdict(report), "ok": report.ok}, ensure_ascii=False, indent=1).encode("utf-8")
    write_atomic(output / REPORT, lambda file: file.write(payload))
    _prune(output / CACHE, keep=cache.name)
    return report


def _prune(cache_root: Path, keep: str) -> None:
    """Drop the caches of other code versions: they can never be read again."""
    if cache_root.is_dir():
        for entry in cache_root.iterdir():
            if entry.is_dir() and entry.name != keep:
                shutil.rmtree(entry, ignore_errors=True)
