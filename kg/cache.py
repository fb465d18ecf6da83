"""The build's cache: one SQLite store (WAL, one transaction per batch) of each file's extraction
and its graph as text (a block), keyed by what the extraction read and the code that read it,
each entry's sha256 checked when a later build reads it (a damaged or edited entry is made again); and the
extraction as JSON and back, the same whether cached or fresh."""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from .models import (Citation, DateOfForce, Document, Extraction, Instrument, Pinpoint, ProvisionChange, Reference,
                     Relation, Section)

_BATCH = 64  # cache entries per transaction
CACHE = ".cache"
CACHE_DB = "cache.sqlite"
__all__ = ["Cache", "cached_extractions", "to_json", "extraction_json", "from_json"]


def to_json(extraction: Extraction) -> dict:
    """The extraction as the JSON dicts the cache keeps (``extraction_json`` read back)."""
    return json.loads(extraction_json(extraction))


def extraction_json(extraction: Extraction, source: str | None = None) -> bytes:
    """The extraction as the cache keeps it (JSON, UTF-8), named ``source`` if given. The encoder
    meets each dataclass and takes its fields as they stand in it (a frozen dataclass keeps them, in
    their order, in its ``__dict__``); tuples and lists it writes itself. Walking the dataclasses in
    Python first (``dataclasses.asdict``, then a copy without its deep copies) cost a build's worker
    a tenth of its time at 10,000 files."""
    if source is not None:
        extraction = replace(extraction, source=source)
    return json.dumps(extraction, default=_fields, ensure_ascii=False).encode("utf-8")


def _fields(value) -> dict:
    if not hasattr(type(value), "__dataclass_fields__"):  # the models hold only dataclasses, tuples, lists, dicts,
        raise TypeError(f"cannot store a {type(value).__name__} in the build cache")  # strings, numbers and None
    return vars(value)


def from_json(data: dict) -> Extraction:
    def instrument(value):
        return Instrument(**value)

    def pinpoints(values):
        return tuple(Pinpoint(**value) for value in values or ())

    document = data["document"]
    return Extraction(
        source=data["source"],
        document=Document(instrument(document["instrument"]), document["signer"], document["locality"]),
        citations=tuple(Citation(Reference(**{**c["reference"], "warnings": tuple(c["reference"]["warnings"])}),
                                 instrument(c["instrument"]), c["section"], pinpoints(c.get("pinpoints")))
                        for c in data["citations"]),
        sections=tuple(Section(**{**s, "partners": tuple(s["partners"]), "deadlines": tuple(s["deadlines"])})
                       for s in data["sections"]),
        relations=tuple(Relation(**{**r, "object_provisions": pinpoints(r.get("object_provisions"))})
                        for r in data["relations"]),
        warnings=tuple(data["warnings"]),
        force=tuple(DateOfForce(**fact) for fact in data.get("force", ())),
        pinpoints=pinpoints(data.get("pinpoints")),
        changes=tuple(ProvisionChange(**{**change, "provision": Pinpoint(**change["provision"])})
                      for change in data.get("changes", ())),
    )


# ---------------------------------------------------------------- the cache: one SQLite store, every entry checked
#
# A block is one source file's named graph as it goes into the outputs: a header (the sizes of the
# parts, the counts for the report, and the file's ``kg.rdf.mentions``), its N-Quads and an 8-byte hash of each triple another graph may share (to count the
# distinct triples of the whole graph without reading them). It is keyed by the sha256 of the bytes
# its extraction read and the label (which names the graph), and by the few undated instruments
# the rest of the corpus dates. Each part is stored with its sha256 and checked when read (``Cache.fresh``:
# but for what this build wrote). The N-Quads, nine tenths of a block's bytes, stand in a table of
# their own (``block_nquads``): a rebuild reads every block's header and hashes, and read through
# the N-Quads' overflow pages when they stood in the same row (0.45 s of a 4 s rebuild at 30,000
# files, each time; a scan of the headers alone takes 0.08 s).

BLOCK_PARTS = ("header", "nq", "hashes")
_PART_TABLE = {"nq": "block_nquads", "hashes": "blocks"}
_SCAN_FROM = 2000  # keys asked at once from which a table is scanned whole (``Cache._rows``)


def digest_of(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


class Damaged(Exception):
    """A cache entry whose bytes are not those its sha256 was taken of: edited, or damaged."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def connect(path: Path | str, mapped: bool = True) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None, timeout=300)  # a writer waits for the other's commit
    # Blocks are large blobs read whole: 64 kB pages make their overflow chains 16x shorter,
    # and reads through a memory map copy them once (a rebuild reads every block). Workers only
    # write: a map would take the address space their memory limit counts.
    db.execute("PRAGMA page_size=65536")  # takes effect when the file is created
    db.execute(f"PRAGMA mmap_size={1 << 34 if mapped else 0}")
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")  # commits survive a killed process; no fsync each
    return db


#: The parts of a file's ``mentions`` that only the steps over the whole corpus read (its dating and
#: the instruments' graph, each made again only when some file's mentions changed): kept after the
#: rest of the header, and parsed only when asked (``Cache.mentions``). They are three quarters of
#: a header's bytes, and a rebuild after one file changed parsed every header. The document's own
#: identity ("own", seven fields) is among them: the report reads only whether it has a number, the
#: header's "numbered"; parsing it for 30,000 files was a tenth of a one-file rebuild.
MENTIONS_TAIL = ("own", "cited", "objects", "edges")


def block_rows(key: str, header: dict, nq: bytes, hashes: bytes) -> list[tuple[str, tuple]]:
    """A block as the cache stores it, as ``(table, row)``; its header as two lines of JSON (JSON written
    by ``json.dumps`` holds no line break): the header without the ``MENTIONS_TAIL`` of its mentions,
    and that tail."""
    mentions = header.get("mentions", {})
    head = {**header, "mentions": {name: value for name, value in mentions.items() if name not in MENTIONS_TAIL}}
    tail = {name: mentions[name] for name in MENTIONS_TAIL if name in mentions}
    encoded = (json.dumps(head if mentions else header, ensure_ascii=False) + "\n"
               + json.dumps(tail, ensure_ascii=False)).encode("utf-8")
    sha = b"".join(digest_of(part) for part in (encoded, nq, hashes))
    return [("blocks", (key, encoded, hashes, sha)), ("block_nquads", (key, nq))]


def write_rows(db: sqlite3.Connection, rows: list[tuple[str, tuple]]) -> None:
    """``(table, row)`` pairs (``block_rows``, an extraction's) written, each table's in one statement."""
    tables: dict[str, list[tuple]] = {}
    for table, row in rows:
        tables.setdefault(table, []).append(row)
    for table, values in tables.items():
        db.executemany(f"INSERT OR REPLACE INTO {table} VALUES ({', '.join('?' * len(values[0]))})", values)


def whole_extraction(db: sqlite3.Connection, digest: str) -> bytes | None:
    """A file's extraction as JSON, if cached and whole (what a worker asks its own connection)."""
    row = db.execute("SELECT data, sha FROM extractions WHERE digest = ?", (digest,)).fetchone()
    return row[0] if row is not None and digest_of(row[0]) == row[1] else None


def whole_header(db: sqlite3.Connection, key: str) -> dict | None:
    """A block's header without its ``MENTIONS_TAIL``, if the block is cached and its header whole."""
    row = db.execute("SELECT header, sha FROM blocks WHERE key = ?", (key,)).fetchone()
    if row is None or not _whole_header(*row):
        return None
    return json.loads(row[0].partition(b"\n")[0])


def _whole_header(header: bytes, sha: bytes) -> bool:
    return len(sha) == 32 * len(BLOCK_PARTS) and digest_of(header) == sha[:32] and b"\n" in header


class Cache:
    """The cache of one code version: extractions, blocks and the files' stat keys in one SQLite
    file in WAL mode. The build writes in transactions of ``_BATCH`` entries, each worker one
    transaction per file (so the workers, not the build, carry the blocks' bytes). A build killed
    mid-way loses its open transactions only; what was committed is whole and read by the next."""

    def __init__(self, path: Path, fresh: set[str] | None = None):
        self.path = path
        self.db = connect(path)
        self.db.executescript("""
            CREATE TABLE IF NOT EXISTS extractions (digest TEXT PRIMARY KEY, data BLOB NOT NULL, sha BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS blocks (key TEXT PRIMARY KEY, header BLOB NOT NULL, hashes BLOB NOT NULL,
                                               sha BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS block_nquads (key TEXT PRIMARY KEY, nq BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS stats (path TEXT PRIMARY KEY, stat TEXT NOT NULL, digest TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS notes (name TEXT PRIMARY KEY, data TEXT NOT NULL);
        """)
        self.pending = 0
        # The blocks this build wrote (or its workers, under its lock): not checked again when read
        # back to be joined (a cold build read its whole graph twice so, once to take its sha256).
        # (``fresh``: another connection's, for a thread that reads what that build wrote.)
        self.fresh: set[str] = set() if fresh is None else fresh
        self.db.execute("BEGIN")

    def _changed(self) -> None:
        self.pending += 1
        if self.pending >= _BATCH:
            self.commit()

    def commit(self) -> None:
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")
        self.pending = 0

    def close(self, commit: bool = True) -> None:
        if self.db.in_transaction:
            self.db.execute("COMMIT" if commit else "ROLLBACK")
        self.db.close()

    def extraction(self, digest: str) -> bytes | None:
        """A file's extraction as JSON, if cached and whole (a damaged one is dropped)."""
        data = whole_extraction(self.db, digest)
        if data is None:
            self.db.execute("DELETE FROM extractions WHERE digest = ?", (digest,))
        return data

    def header(self, key: str) -> dict | None:
        """A block's header, if the block is cached and its header whole."""
        return self.headers([key]).get(key)

    def headers(self, keys: list[str]) -> dict[str, dict]:
        """The whole headers of those blocks of ``keys`` that are cached, asked a few hundred at a
        time (one query a block was a tenth of a rebuild at 5,000 files), each without the
        ``MENTIONS_TAIL`` of its mentions (``mentions`` reads it)."""
        return {key: json.loads(head) for key, head, _ in self._header_lines(keys)}

    def mentions(self, keys: list[str]) -> dict[str, dict]:
        """The ``MENTIONS_TAIL`` of the mentions of those blocks of ``keys`` that are cached and whole."""
        return {key: json.loads(tail) for key, _, tail in self._header_lines(keys)}

    def _header_lines(self, keys: list[str]) -> Iterator[tuple[str, bytes, bytes]]:
        """Each whole header of ``keys`` as its two lines (``block_rows``); a damaged one is dropped."""
        for key, header, sha in list(self._rows("blocks", "header, sha", keys)):
            if not _whole_header(header, sha):
                self.drop(key)
                continue
            head, _, tail = header.partition(b"\n")
            yield key, head, tail

    def _rows(self, table: str, columns: str, keys: list[str]) -> Iterator[tuple]:
        """``key, columns`` of the rows of ``table`` (joined with ``blocks`` for their sha) whose key is
        one of ``keys``: a few hundred asked at a time, or the whole table scanned when most of it is
        asked (a rebuild asks for every block: 38,000 lookups took four times a scan)."""
        source = table if table == "blocks" else f"{table} JOIN blocks USING (key)"
        if len(keys) < _SCAN_FROM:
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                yield from self.db.execute(f"SELECT key, {columns} FROM {source} WHERE key IN ({','.join('?' * len(chunk))})",
                                           chunk)
            return
        wanted = set(keys)
        yield from (row for row in self.db.execute(f"SELECT key, {columns} FROM {source}") if row[0] in wanted)

    def note(self, name: str) -> object | None:
        """What an earlier build noted under ``name`` (JSON), if anything."""
        row = self.db.execute("SELECT data FROM notes WHERE name = ?", (name,)).fetchone()
        try:
            return json.loads(row[0]) if row else None
        except ValueError:
            return None

    def put_note(self, name: str, value: object) -> None:
        self.db.execute("INSERT OR REPLACE INTO notes VALUES (?, ?)", (name, json.dumps(value, ensure_ascii=False)))

    def part(self, key: str, name: str) -> bytes:
        """One part of a block (``nq`` or ``hashes``), checked unless this build wrote it (``fresh``);
        ``Damaged`` if it is not whole."""
        return self.parts([key], name)[0]

    def parts(self, keys: list[str], name: str) -> list[bytes]:
        """The part ``name`` of each block of ``keys``, in their order, asked a few hundred at a time as
        ``headers`` are (a rebuild at 30,000 files asked 30,000 times for the triples' hashes), each
        checked as ``part`` checks it; ``Damaged`` for the first that is missing or not whole."""
        index = BLOCK_PARTS.index(name)
        found = {key: (data, sha) for key, data, sha in self._rows(_PART_TABLE[name], f"{name}, sha", keys)}
        parts = []
        for key in keys:
            data, sha = found.get(key, (None, None))
            if data is None or (key not in self.fresh and digest_of(data) != sha[32 * index:32 * index + 32]):
                raise Damaged(key)
            parts.append(data)
        return parts

    def digests(self, keys: list[str], name: str) -> dict[str, str]:
        """The sha256 each part ``name`` of the blocks of ``keys`` was stored with (checked when the
        part was read), asked a few hundred at a time as ``headers`` are."""
        index = BLOCK_PARTS.index(name)
        return {key: sha[32 * index:32 * index + 32].hex() for key, sha in self._rows("blocks", "sha", keys)}

    def put_block(self, key: str, header: dict, nq: bytes, hashes: bytes) -> dict:
        write_rows(self.db, block_rows(key, header, nq, hashes))
        self.fresh.add(key)
        self._changed()
        return header

    def drop(self, key: str) -> None:
        self.db.execute("DELETE FROM blocks WHERE key = ?", (key,))
        self.db.execute("DELETE FROM block_nquads WHERE key = ?", (key,))
        self.fresh.discard(key)

    def stats(self) -> dict[str, tuple[str, str]]:
        """Each file's stat key as ``stat_text`` wrote it, and its digest: compared as text, not
        parsed (a rebuild at 30,000 files parsed 30,000 of them)."""
        return {path: (stat, digest) for path, stat, digest in self.db.execute("SELECT path, stat, digest FROM stats")}

    def save_stats(self, seen: dict[str, tuple[list, str]], known: dict[str, tuple[str, str]]) -> None:
        """The stats table made ``seen``, from ``known`` (``stats``, as the build read it): only the
        rows that differ are written (a rebuild rewrote every file's row, 30,000 of them)."""
        rows = {path: (stat_text(stat), digest) for path, (stat, digest) in seen.items()}
        self.db.executemany("DELETE FROM stats WHERE path = ?", ((path,) for path in known if path not in rows))
        self.db.executemany("INSERT OR REPLACE INTO stats VALUES (?, ?, ?)",
                            ((path, *row) for path, row in rows.items() if known.get(path) != row))


def stat_text(key: list[int]) -> str:
    """A stat key (``kg.inputs.stat_key``: four integers) as the cache keeps it: its JSON."""
    size, modified, changed, inode = key
    return f"[{size}, {modified}, {changed}, {inode}]"


def cached_extractions(build_dir: str | Path) -> Iterator[dict]:
    """Every whole extraction in a build directory's cache, as the JSON dicts the build stored."""
    for path in sorted(Path(build_dir, CACHE).glob(f"*/{CACHE_DB}")):
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            for data, sha in db.execute("SELECT data, sha FROM extractions ORDER BY digest"):
                if digest_of(data) == sha:
                    yield json.loads(data)
        finally:
            db.close()
