"""Texts -> the corpus graph on disk: extract every file, merge, write Turtle and N-Quads.

A build directory holds:

- ``graph.nq``: every quad, one named graph per source file (plus one for the merged
  descriptions of instruments); the file the stores load.
- ``graph.ttl``: the same triples without their graphs, for people and for ``kg validate``
  (grouped by file, not sorted; a triple stated by two files is written twice, once is meant).
- ``report.json``: files read, references found, files failed and why.
- ``.cache/``: each file's extraction and its graph as text (a block), keyed by the file's
  content and by the code and data that extracted it, so a rebuild after one file changes
  reads only that file again and writes the outputs by joining the blocks.

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
from array import array
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import KGError
from .namespaces import PREFIXES
from .models import Citation, DateOfForce, Document, Extraction, Instrument, Reference, Relation, Section

__all__ = ["BuildReport", "build", "fingerprint", "write_atomic"]

GRAPH_NQ = "graph.nq"
GRAPH_TTL = "graph.ttl"
REPORT = "report.json"
CACHE = ".cache"
STATS = "stat.json"
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
        force=tuple(DateOfForce(**fact) for fact in data.get("force", ())),
    )


def _cached_extraction(cache: Path, digest: str, label: str) -> Extraction | None:
    try:
        data = json.loads((cache / f"{digest}.json").read_text(encoding="utf-8"))
        data["source"] = label
        return _from_json(data)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # absent, or damaged: read again from the text


# ---------------------------------------------------------------- the cache: one file's graph as text
#
# A block is one source file's named graph as it goes into the outputs: a JSON header line (the
# sizes of the parts, the counts for the report, and the file's ``kg.rdf.mentions``), then its
# N-Quads, its Turtle (without prefixes) and an 8-byte hash of each triple another graph may share (to count the
# distinct triples of the whole graph without reading them). It is keyed by the content and the
# label (which names the graph), and by the few undated instruments the rest of the corpus dates.

def _block_path(cache: Path, digest: str, label: str, same: dict[str, str], profile: str = "full") -> Path:
    key = hashlib.sha256(json.dumps([label, sorted(same.items()), profile], ensure_ascii=False).encode("utf-8"))
    return cache / f"{digest}.{key.hexdigest()[:16]}.block"


def _read_header(path: Path) -> dict | None:
    """A block's header, or None if it is absent or not whole (a build killed while writing it)."""
    try:
        with open(path, "rb") as file:
            line = file.readline()
            header = json.loads(line)
            header["offset"] = len(line)
            whole = os.fstat(file.fileno()).st_size == len(line) + header["nq"] + header["ttl"] + header["hashes"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return header if whole else None


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


def _serialize(quads: list, graph: str) -> tuple[bytes, bytes, bytes, int]:
    """N-Quads, Turtle without its prefix lines, and ``_triple_hashes`` of the quads of one graph."""
    from pyoxigraph import RdfFormat, serialize

    from .namespaces import PREFIXES

    nquads = serialize(quads, format=RdfFormat.N_QUADS)
    turtle = serialize([quad.triple for quad in quads], format=RdfFormat.TURTLE, prefixes=PREFIXES)
    while turtle.startswith(b"@prefix "):
        turtle = turtle[turtle.index(b"\n") + 1:]
    return nquads, turtle, *_triple_hashes(nquads, graph)


def _make_block(path: str, label: str, digest: str, cache: str, same: dict[str, str], profile: str = "full"):
    """Run in a worker: one file's block (extracting the text unless its extraction is cached),
    written into the cache; returns ``(label, header, reason it failed, whether the text was read)``."""
    from .extract import bind_to_file, extract_file
    from .rdf import mentions, source_graph_iri, source_quads

    cache = Path(cache)
    extraction, extracted = _cached_extraction(cache, digest, label), False
    if extraction is None:
        try:
            extraction = extract_file(path)
        except KGError as error:
            return label, None, getattr(error, "reason", str(error)), True
        except Exception as error:  # a bug in a stage must not take the other files down with it
            return label, None, f"unexpected {type(error).__name__}: {error}", True
        data = _to_json(extraction)
        data["source"] = label
        text = json.dumps(data, ensure_ascii=False).encode("utf-8")
        write_atomic(cache / f"{digest}.json", lambda file: file.write(text))
        extracted = True
    extraction = bind_to_file(extraction, label)  # a document its text does not name is its file's
    quads = source_quads(label, digest, extraction, same, profile)
    summary = mentions(extraction)
    header = _write_block(_block_path(cache, digest, label, same, profile), quads, source_graph_iri(label), {
        "references": len(extraction.citations), "relations": len(extraction.relations), "mentions": summary,
        "mentions_key": hashlib.sha256(json.dumps(summary, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]})
    return label, header, None, extracted


def _write_block(path: Path, quads: list, graph: str, header: dict) -> dict:
    """Write a block of the quads of one graph; its header, as ``_read_header`` would give it."""
    nquads, turtle, hashes, private = _serialize(quads, graph)
    header = {"nq": len(nquads), "ttl": len(turtle), "hashes": len(hashes), "private": private,
              "quads": len(quads), **header}
    line = json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n"

    def write(file):
        for part in (line, nquads, turtle, hashes):
            file.write(part)

    write_atomic(path, write)
    return {**header, "offset": len(line)}


def _ontology_block(cache: str) -> tuple[Path, dict]:
    """The ontology's block, made once for each version of kg.ttl."""
    from .rdf import ONTOLOGY_GRAPH, ontology_file, ontology_quads

    path = Path(cache) / f"ontology.{hashlib.sha256(ontology_file('kg.ttl').read_bytes()).hexdigest()[:16]}.block"
    return path, _read_header(path) or _write_block(path, ontology_quads(), ONTOLOGY_GRAPH, {})


def _distinct_triples(parts: list[tuple[Path, dict]]) -> int:
    """How many distinct triples the blocks hold between them (a triple may stand in several graphs)."""
    shared = set()
    for block, header in parts:
        with open(block, "rb") as file:
            file.seek(header["offset"] + header["nq"] + header["ttl"])
            shared.update(array("Q", file.read(header["hashes"])))
    return len(shared) + sum(header["private"] for _, header in parts)


def _joined(parts: list[tuple[Path, dict]], part: str):
    """A writer of the N-Quads (``part="nq"``) or the Turtle of the blocks, one after the other."""
    def write(file):
        if part == "ttl":
            file.write(_PREFIX_LINES)
        for block, header in parts:
            _append(file, block, header["offset"] + (header["nq"] if part == "ttl" else 0), header[part])
    return write


def _append(target, source: Path, offset: int, length: int) -> None:
    """Copy ``length`` bytes of ``source`` from ``offset`` to the end of ``target``, in the kernel
    when it can (a rebuild copies every file's block: that copy is most of its time)."""
    target.flush()
    with open(source, "rb") as file:
        while length:
            try:
                copied = os.copy_file_range(file.fileno(), target.fileno(), length, offset)
            except (AttributeError, OSError):
                copied = 0
            if not copied:  # no copy_file_range here, or across file systems
                file.seek(offset)
                chunk = file.read(min(length, 1 << 24))
                if not chunk:
                    raise OSError(f"{source}: shorter than its header says")
                target.write(chunk)
                target.flush()
                copied = len(chunk)
            offset += copied
            length -= copied


# ---------------------------------------------------------------- the build

class _Stats:
    """Each text's sha256 by its size, times and inode, so that a rebuild hashes only the texts that
    changed. As in git's index, a text changed less than ``_SETTLED`` before it was hashed is not
    remembered: a second write in the same clock tick would leave its times as they were."""

    _SETTLED = 2_000_000_000  # ns

    def __init__(self, path: Path):
        self.path = path
        try:
            self.known = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.seen: dict[str, list] = {}

    def digest(self, path: Path) -> str:
        stat = path.stat()
        where = os.path.abspath(path)
        key = [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]
        entry = self.known.get(where)
        if isinstance(entry, list) and entry[:4] == key:
            digest = entry[4]
        else:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if time.time_ns() - max(stat.st_mtime_ns, stat.st_ctime_ns) > self._SETTLED:
            self.seen[where] = [*key, digest]
        return digest

    def save(self) -> None:
        text = json.dumps(self.seen).encode("utf-8")
        write_atomic(self.path, lambda file: file.write(text))


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


def build(paths, output: str | Path, workers: int = 1, log=None, profile: str = "full") -> BuildReport:
    """Extract every text under ``paths`` and write the graph into ``output``.

    ``profile`` is what each file's graph keeps (``kg.rdf.PROFILES``): ``full`` (sections and the
    evidence of every edge) or ``citations`` (documents, tasks and edges: for national-scale stores).

    Each file's graph is made where the file is extracted, in a worker, and cached beside its
    extraction; the build then joins the cached blocks in the order of the files, between the
    ontology and the instruments' graph, the only parts made from the whole corpus.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> report = build(["corpus/322-KH-UBND-2023-kon-tum.txt"], out)
    >>> report.files_read, report.ok, sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    (1, True, ['graph.nq', 'graph.ttl', 'report.json'])
    """
    from .rdf import INSTRUMENTS_GRAPH, canonical_iris, check_profile, instrument_quads, mentioned_iris

    check_profile(profile)  # before anything is written
    started = time.perf_counter()
    output = Path(output)
    for stale in output.glob(".*.*"):  # temporary files of a build that was killed while writing
        if stale.is_file() and stale.name.split(".")[1] in ("graph", "report"):
            stale.unlink(missing_ok=True)
    cache = output / CACHE / fingerprint()
    cache.mkdir(parents=True, exist_ok=True)
    for stale in cache.glob(".*"):  # the same, for the cache's own temporary files
        stale.unlink(missing_ok=True)
    report = BuildReport(workers=workers)
    inputs: dict[str, Path] = {}
    for path, label in _inputs(paths):
        inputs.setdefault(label, path)  # an input named twice is one graph
    blocks: dict[str, tuple[str, Path, dict]] = {}  # label -> (digest, block, header)
    todo = []
    stats = _Stats(cache / STATS)
    for label, path in inputs.items():
        try:
            digest, size = stats.digest(path), path.stat().st_size
        except OSError as error:
            report.failed.append({"path": label, "reason": error.strerror or str(error)})
            continue
        block = _block_path(cache, digest, label, {}, profile)
        header = _read_header(block)
        if header is None:
            todo.append((str(path), label, digest, size))
        else:
            blocks[label] = (digest, block, header)
            report.cached += 1

    # The largest texts first, one at a time: the workers then finish together, not one of them
    # left with a chunk of long gazettes while the other waits.
    todo.sort(key=lambda job: -job[3])
    jobs = ([p for p, _, _, _ in todo], [label for _, label, _, _ in todo], [d for _, _, d, _ in todo],
            [str(cache)] * len(todo), [{}] * len(todo), [profile] * len(todo))
    if workers > 1 and len(todo) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            ontology = pool.submit(_ontology_block, str(cache))  # beside the files, not after them
            outcomes = list(pool.map(_make_block, *jobs))
            ontology = ontology.result()
    else:
        ontology = _ontology_block(str(cache))
        outcomes = list(map(_make_block, *jobs))
    digests = {label: digest for _, label, digest, _ in todo}
    for label, header, reason, extracted in outcomes:
        if header is None:
            report.failed.append({"path": label, "reason": reason})
            continue
        blocks[label] = (digests[label], _block_path(cache, digests[label], label, {}, profile), header)
        report.cached += not extracted

    # The one step over the whole corpus: an undated citation becomes the one dated instrument of
    # its series, if some file dates it. Only the few files naming such an instrument change.
    order = [label for label in inputs if label in blocks]
    summaries = [blocks[label][2]["mentions"] for label in order]
    same = canonical_iris(mentioned_iris(summaries))
    for label in order:
        digest, _, header = blocks[label]
        mine = {iri: same[iri] for iri in header["mentions"]["undated"] if iri in same}
        if mine:
            block = _block_path(cache, digest, label, mine, profile)
            found = _read_header(block)
            if found is None:
                _, found, reason, _ = _make_block(str(inputs[label]), label, digest, str(cache), mine, profile)
                if found is None:  # the cached extraction vanished and the text no longer reads
                    report.failed.append({"path": label, "reason": reason})
                    order.remove(label)
                    continue
            blocks[label] = (digest, block, found)

    report.files_read = len(order)
    report.unnumbered = [label for label in order if blocks[label][2]["mentions"]["own"][2] is None]
    report.references = sum(blocks[label][2]["references"] for label in order)
    report.relations = sum(blocks[label][2]["relations"] for label in order)
    if log:
        log(f"extracted in {time.perf_counter() - started:.1f} s; writing {output}")
    # The ontology first, every file's graph in the order of the files, the instruments' graph last,
    # cached under the files' mentions it is made from.
    key = hashlib.sha256("".join(blocks[label][2]["mentions_key"] for label in order).encode()).hexdigest()[:16]
    instruments = cache / f"instruments.{key}.block"
    parts = [ontology, *(blocks[label][1:] for label in order),
             (instruments, _read_header(instruments)
              or _write_block(instruments, instrument_quads(summaries, same), INSTRUMENTS_GRAPH, {}))]
    report.quads = sum(header["quads"] for _, header in parts)
    report.triples = _distinct_triples(parts)
    write_atomic(output / GRAPH_NQ, _joined(parts, "nq"))
    write_atomic(output / GRAPH_TTL, _joined(parts, "ttl"))
    stats.save()
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
