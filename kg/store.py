"""Where a built graph lives and how it is queried: three stores behind one small interface.

- ``DiskStore``: pyoxigraph on disk under ``build/oxigraph/``, bulk-loaded by ``kg build`` (its
  ``load`` is 6x slower) and opened read-only by every reading command: the default, and the
  reason a question on the corpus answers in a fraction of a second (bench/RESULTS.md).
- ``MemoryStore``: pyoxigraph in memory, parsed from ``build/graph.nq``: the fallback when the
  on-disk store is missing or older than graph.nq. pyoxigraph was chosen over rdflib because it
  loads 15x faster and answers a lineage query 10x faster and an aggregate 30x faster here.
- ``RdflibStore``: a plain rdflib dataset with prepared queries: the reference implementation.
- ``RemoteStore``: any SPARQL 1.1 endpoint over HTTP (Oxigraph server, Fuseki, GraphDB, Virtuoso).

Every store answers ``query(text, bindings)`` with a ``Result`` of pyoxigraph terms: that is the
``Store`` protocol, which whatever reads a graph (queries, standing, effects, the API) takes. Bindings
are RDF terms, never a user's text pasted into the query: rdflib pre-binds them, and pyoxigraph
and a remote endpoint get them in a VALUES block written by the N-Triples serializer, which
escapes whatever the value holds.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import sys
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import pyoxigraph as ox

from .errors import GraphError, QueryError
from .namespaces import XSD

__all__ = ["Result", "Store", "MemoryStore", "DiskStore", "RdflibStore", "RemoteStore", "open_store", "graph_file",
           "refresh_ready_store", "ready_store_is_fresh", "push"]

#: Rows a query returns unless asked for more (``max_rows=None``: all of them). The reading commands
#: ask for all and page them (--limit, --offset), saying on stderr when a page is not the end.
DEFAULT_MAX_ROWS = 100_000
XSD_STRING = XSD + "string"


@dataclass(frozen=True)
class Result:
    """Rows of a SELECT (pyoxigraph terms, None where unbound), or the answer of an ASK."""

    variables: tuple[str, ...]
    rows: tuple[tuple, ...] = ()
    boolean: bool | None = None
    truncated: bool = False

    def records(self) -> list[dict[str, str | None]]:
        """Rows as plain values: IRIs and literals as their text."""
        return [{name: (None if term is None else term.value) for name, term in zip(self.variables, row)}
                for row in self.rows]


@runtime_checkable
class Store(Protocol):
    """A graph that answers SPARQL: in memory, on disk, in rdflib or behind an endpoint.

    ``bindings`` maps variable names to RDF terms (pyoxigraph's), bound by the store, never pasted
    into the text; ``max_rows=None`` returns every row, else the result says it was ``truncated``.
    """

    def query(self, text: str, bindings: dict | None = None,
              max_rows: int | None = DEFAULT_MAX_ROWS) -> Result: ...


def graph_file(location: str | Path) -> Path:
    """The N-Quads of a build directory (or the file itself), named in the error when missing."""
    path = Path(location)
    if path.is_dir():
        path = path / "graph.nq"
    if not path.is_file():
        raise GraphError(f"{location}: no built graph here (run `kg build` first)")
    return path


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
#: Braces, and what may hold one without opening a group: literals, IRIs, comments.
_BRACES = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*|[{}]')


def _values_first(text: str, bindings: dict | None) -> str:
    """The query with its bindings as a VALUES block at the head of its WHERE clause, and of each
    group directly inside it (a branch of a UNION, an OPTIONAL, a GRAPH) that names them.

    Oxigraph plans a query before it substitutes bound variables, so a bound number was found by
    scanning every number and filtering (37 ms for who-cites on the corpus); a leading VALUES block
    lets it start from the number (0.5 ms, bench/RESULTS.md). It does not carry that block into a
    UNION, which it evaluates on its own: who-cites, a UNION of evidence and plain edges, took
    1.5 s at 20,000 synthetic documents with the block at the head only and 2 ms with it in each
    branch that names the variable (in a branch that does not, it made a lineage 700x slower).
    Joining a one-row block again in a group changes no answer. The terms are written by
    pyoxigraph's N-Triples serializer, which escapes quotes and angle brackets: a value cannot
    close the term it stands in, let alone the query (tests/test_query.py tries).

    >>> print(_values_first("SELECT * WHERE { { ?s ?p ?n } UNION { ?s ?p ?o } }", {"n": ox.Literal("1")}))
    SELECT * WHERE {
      VALUES (?n) { ("1") }
      {
      VALUES (?n) { ("1") }
      ?s ?p ?n } UNION { ?s ?p ?o } }
    """
    if not bindings:
        return text
    where = _WHERE.search(text)
    if where is None:
        raise QueryError("a query with parameters needs a WHERE clause to bind them in")
    def block(names):
        return ("\n  VALUES (" + " ".join(f"?{name}" for name in names) + ") { ("
                + " ".join(str(bindings[name]) for name in names) + ") }\n ")

    # the groups directly inside WHERE: (where their words start, where they end)
    groups, depth, opened = [], 1, None
    for token in _BRACES.finditer(text, where.end()):
        if token[0] == "{":
            depth += 1
            if depth == 2:
                opened = token.end()
        elif token[0] == "}":
            depth -= 1
            if depth == 1 and opened is not None:
                groups.append((opened, token.start()))
            if depth == 0:
                break
    out, at = [text[:where.end()], block(list(bindings))], where.end()
    for start, end in groups:
        inside = text[start:end]
        if inside.lstrip().upper().startswith("SELECT"):
            continue  # a subquery: VALUES may not open one
        used = [name for name in bindings if re.search(rf"[?$]{name}\b", inside)]
        if used:
            out += [text[at:start], block(used)]
            at = start
    out.append(text[at:])
    return "".join(out)


def _collect(solutions, max_rows: int | None) -> Result:
    """The rows of an answer, at most ``max_rows`` of them (all with None), and whether any were left."""
    if max_rows is None:
        max_rows = sys.maxsize
    if isinstance(solutions, ox.QueryBoolean):
        return Result((), boolean=bool(solutions))
    if isinstance(solutions, ox.QueryTriples):
        triples = [tuple(t) for _, t in zip(range(max_rows + 1), solutions)]
        return Result(("subject", "predicate", "object"), tuple(triples[:max_rows]), truncated=len(triples) > max_rows)
    names = tuple(v.value for v in solutions.variables)
    rows = []
    for solution in solutions:
        if len(rows) == max_rows:
            return Result(names, tuple(rows), truncated=True)
        rows.append(tuple(solution[name] for name in names))
    return Result(names, tuple(rows))


class _OxigraphStore:
    store: ox.Store
    table = None  # the build's reading table, given by open_store (kg.reading_table)

    def query(self, text: str, bindings: dict | None = None, max_rows: int | None = DEFAULT_MAX_ROWS) -> Result:
        try:
            solutions = self.store.query(_values_first(text, bindings), use_default_graph_as_union=True)
            return _collect(solutions, max_rows)
        except SyntaxError as error:
            raise QueryError(f"malformed SPARQL: {error}") from None
        except OSError as error:
            raise QueryError(f"query failed: {error}") from None

    def update(self, text: str) -> None:
        try:
            self.store.update(text)
        except SyntaxError as error:
            raise QueryError(f"malformed SPARQL update: {error}") from None

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self.store)

    def __len__(self) -> int:
        return len(self.store)


class MemoryStore(_OxigraphStore):
    """pyoxigraph in memory, loaded from a build directory or an N-Quads file.

    >>> store = MemoryStore.from_quads([ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"),
    ...                                 ox.Literal("x"), ox.NamedNode("http://g"))])
    >>> store.query("SELECT ?o WHERE { ?s ?p ?o }").records()
    [{'o': 'x'}]
    """

    source = "graph.nq"

    def __init__(self, location: str | Path | None = None):
        self.store = ox.Store()
        if location is not None:
            path = graph_file(location)
            try:
                self.store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
            except SyntaxError as error:
                raise GraphError(f"{path}: cannot be parsed: {error}") from None

    @classmethod
    def from_quads(cls, quads: Iterable[ox.Quad]) -> MemoryStore:
        store = cls()
        store.store.extend(quads)
        return store


class DiskStore(_OxigraphStore):
    """pyoxigraph on disk beside the build: ``build/oxigraph/``, written by ``kg build`` (or here,
    when it is missing or older than graph.nq) and opened read-only, so that a question costs the
    question and not a parse of graph.nq (11 ms to open on the corpus, against ~2 s to parse).

    ``writable=True`` opens it for writing instead (``kg serve --allow-updates --store disk``):
    what is written then is in the store only, and the next build replaces it."""

    source = "store"

    def __init__(self, location: str | Path, writable: bool = False):
        source = graph_file(location)
        directory = refresh_ready_store(source.parent)
        try:
            self.store = ox.Store(str(directory)) if writable else ox.Store.read_only(str(directory))
        except OSError as error:
            raise GraphError(f"{directory}: cannot be opened: {error}") from None

    def update(self, text: str) -> None:
        try:
            super().update(text)
        except RuntimeError as error:  # a read-only store refuses every transaction
            raise QueryError(f"the store is read-only: {error}") from None


#: The store ``kg build`` leaves beside graph.nq, and the stamp that says which graph.nq it holds.
STORE_DIR = "oxigraph"
STAMP = "loaded-from.json"


def _stat_stamp(source: Path) -> dict:
    stat = source.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _read_stamp(directory: Path) -> dict | None:
    try:
        return json.loads((directory / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def ready_store_is_fresh(folder: str | Path) -> bool:
    """Whether ``folder/oxigraph`` holds the graph.nq beside it: its stamp names graph.nq's size and
    modification time (a stat, not a hash: a reading command must not read 120 MB to decide)."""
    folder = Path(folder)
    stamp = _read_stamp(folder / STORE_DIR)
    source = folder / "graph.nq"
    return stamp is not None and source.is_file() and \
        {key: stamp.get(key) for key in ("size", "mtime_ns")} == _stat_stamp(source)


#: Up to this much N-Quads, a changed graph.nq updates the store graph by graph (read whole, to
#: find each named graph's lines); beyond, it is bulk-loaded again.
INCREMENTAL_MAX_BYTES = 1 << 30


def refresh_ready_store(folder: str | Path, graphs: dict[str, tuple[str, list[tuple[int, int]]]] | None = None
                        ) -> Path:
    """Make ``folder/oxigraph`` hold ``folder/graph.nq``, doing no more than it must:

    - a store already stamped with graph.nq's size and time: nothing;
    - a graph.nq whose named graphs are the store's but for a few (a rebuild after one file
      changed: that file's graph and the instruments' graph): a checkpoint of the store (hard
      links, milliseconds) gets those graphs' quads replaced, then takes the store's place;
    - otherwise a bulk load of the whole file into a directory of its own.

    Either way the new store is renamed into place, so a reader, or a load that is killed,
    never sees half a store. The stamp keeps a digest of each named graph's lines. ``graphs``
    (``{graph IRI: (sha256 of its lines, [(start, end) of its runs])}``, as ``_graph_spans`` reads
    them) is given by ``kg build``, which wrote graph.nq from blocks whose digests and sizes it
    knows: graph.nq is then not read again, and only a changed graph's lines are."""
    folder = Path(folder)
    source = graph_file(folder)
    directory = folder / STORE_DIR
    if ready_store_is_fresh(folder):
        return directory
    old = _read_stamp(directory)
    size = source.stat().st_size
    data = None
    if graphs is None and size <= INCREMENTAL_MAX_BYTES:
        data = source.read_bytes()
        graphs = {name.decode("utf-8"): value for name, value in _graph_spans(data).items()}
    stamp = _stat_stamp(source)
    if graphs is not None:
        stamp["graphs"] = {name: digest for name, (digest, _) in graphs.items()}
    previous = (old or {}).get("graphs")
    _remove_stale_loads(folder)
    fresh = folder / f".oxigraph-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        if previous is not None and graphs is not None and directory.is_dir():
            changed = [name for name, digest in stamp["graphs"].items() if previous.get(name) != digest]
            gone = [name for name in previous if name not in stamp["graphs"]]
            if not changed and not gone:
                _write_stamp(directory, stamp)
                return directory
            changed_bytes = sum(end - begin for name in changed for begin, end in graphs[name][1])
            if changed_bytes + len(gone) * 1000 < size // 2:
                try:
                    ox.Store.read_only(str(directory)).backup(str(fresh))
                    _update_graphs(ox.Store(str(fresh)), _reader(source, data), graphs, changed, gone)
                    return _swap(fresh, directory, folder, stamp)
                except _NotByGraph:
                    shutil.rmtree(fresh, ignore_errors=True)
        store = ox.Store(str(fresh))
        store.bulk_load(path=str(source), format=ox.RdfFormat.N_QUADS)
        store.flush()
        del store
    except SyntaxError as error:
        shutil.rmtree(fresh, ignore_errors=True)
        raise GraphError(f"{source}: cannot be parsed: {error}") from None
    return _swap(fresh, directory, folder, stamp)


def _swap(fresh: Path, directory: Path, folder: Path, stamp: dict) -> Path:
    _write_stamp(fresh, stamp)
    retired = folder / f".oxigraph-old-{os.getpid()}"
    if directory.exists():
        directory.rename(retired)
    fresh.rename(directory)
    shutil.rmtree(retired, ignore_errors=True)
    return directory


class _NotByGraph(Exception):
    """graph.nq holds lines that its named graphs do not account for: load it whole instead."""


def _reader(source: Path, data: bytes | None):
    """``read(begin, end)``: those bytes of graph.nq, from ``data`` when it was read whole."""
    if data is not None:
        return lambda begin, end: data[begin:end]

    def read(begin: int, end: int) -> bytes:
        with open(source, "rb") as file:
            file.seek(begin)
            return file.read(end - begin)
    return read


def _update_graphs(store: ox.Store, read, spans: dict, changed: list[str], gone: list[str]) -> None:
    """Replace the quads of the ``changed`` named graphs by their lines (``read(begin, end)`` of
    graph.nq) and drop the ``gone`` ones: only the quads that differ are removed and added (the
    instruments' graph changes by a few counts when one file does)."""
    for name in gone:
        store.remove_graph(ox.NamedNode(name))
    for name in changed:
        graph = ox.NamedNode(name)
        lines = b"".join(read(begin, end) for begin, end in spans[name][1])
        wanted = set(ox.parse(lines, format=ox.RdfFormat.N_QUADS))
        if any(quad.graph_name != graph for quad in wanted):  # a default-graph triple ending in an IRI
            raise _NotByGraph(name)
        held = set(store.quads_for_pattern(None, None, None, graph))
        for quad in held - wanted:
            store.remove(quad)
        store.extend(wanted - held)
    store.flush()


def _graph_spans(data: bytes) -> dict[bytes, tuple[str, list[tuple[int, int]]]]:
    """{graph IRI: (sha256 of its lines, [(start, end) of each run of its lines])} of N-Quads whose
    every line names its graph (kg build writes each named graph's lines together). A run is found
    by galloping over line ends and checked by counting: its lines all end in that graph.

    >>> spans = _graph_spans(b'<a> <b> "x" <g1> .\\n<a> <b> "y" <g1> .\\n<a> <b> "z" <g2> .\\n<c> <d> <e> <g1> .\\n')
    >>> {name: runs for name, (_, runs) in spans.items()}
    {b'g1': [(0, 38), (57, 76)], b'g2': [(38, 57)]}
    """
    found: dict[bytes, tuple] = {}
    position, size = 0, len(data)
    while position < size:
        line_end = data.index(b"\n", position)
        opening = data.rindex(b"<", position, line_end)
        tail = data[opening:line_end + 1]  # b"<graph> .\n": only a line's end can hold it
        end = _run_end(data, line_end + 1, tail)
        if data.count(b"\n", position, end) != data.count(tail, position, end):
            end = line_end + 1  # not one run after all: this line alone, and go on
        name = tail[1:tail.index(b">")]
        digest, runs = found.get(name, (hashlib.sha256(), []))
        digest.update(data[position:end])
        runs.append((position, end))
        found[name] = (digest, runs)
        position = end
    return {name: (digest.hexdigest(), runs) for name, (digest, runs) in found.items()}


def _run_end(data: bytes, start: int, tail: bytes) -> int:
    """Where the lines ending in ``tail`` that follow ``start`` stop (galloping, then halving)."""
    size = len(data)

    def holds(at: int) -> bool:  # the line that holds byte ``at`` ends in ``tail``
        end = data.find(b"\n", at)
        return end != -1 and data.endswith(tail, 0, end + 1)

    if start >= size or not holds(start):
        return start
    step, good = 1 << 12, start
    while good + step < size and holds(good + step):
        good, step = good + step, step * 2
    bad = min(good + step, size)
    while bad - good > 1:
        middle = (good + bad) // 2
        good, bad = (middle, bad) if holds(middle) else (good, middle)
    return data.find(b"\n", good) + 1


def _write_stamp(directory: Path, stamp: dict) -> None:
    temporary = directory / (STAMP + ".tmp")
    temporary.write_text(json.dumps(stamp) + "\n", encoding="utf-8")
    temporary.replace(directory / STAMP)


def _remove_stale_loads(folder: Path, pattern: str = ".oxigraph-*") -> None:
    """Drop the half-loaded stores (or half-written reading tables, ``.reading-*.sqlite``) of
    writers that were killed: each is named by a process id that no longer runs, and nothing else
    would ever remove it."""
    for stale in folder.glob(pattern):
        pid = stale.name.split(".")[1].rsplit("-", 1)[-1]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
            else:
                stale.unlink(missing_ok=True)
        except OSError:
            pass  # alive, under another user


class RdflibStore:
    """A plain rdflib dataset whose default graph is the union of its named graphs."""

    source = "graph.nq"
    table = None

    def __init__(self, location: str | Path):
        import rdflib

        self.dataset = rdflib.Dataset(default_union=True)
        with _rdflib_own_deprecation():
            self.dataset.parse(graph_file(location), format="nquads")
        self._prepared: dict[str, object] = {}

    def query(self, text: str, bindings: dict | None = None, max_rows: int | None = DEFAULT_MAX_ROWS) -> Result:
        from rdflib.plugins.sparql import prepareQuery

        from .namespaces import PREFIXES

        try:
            prepared = self._prepared.get(text)
            if prepared is None:
                prepared = self._prepared[text] = prepareQuery(text, initNs=PREFIXES)
            with _rdflib_own_deprecation():
                result = self.dataset.query(prepared, initBindings={
                    name: _to_rdflib(term) for name, term in (bindings or {}).items()})
                rows = list(result) if result.type != "ASK" else []
        except Exception as error:  # pyparsing's ParseException and rdflib's own errors
            raise QueryError(f"malformed SPARQL: {error}") from None
        if result.type == "ASK":
            return Result((), boolean=bool(result.askAnswer))
        names = tuple(str(v) for v in result.vars)
        limit = sys.maxsize if max_rows is None else max_rows
        kept = [tuple(_from_rdflib(row[name]) for name in names) for row in rows[:limit]]
        return Result(names, tuple(kept), truncated=len(rows) > limit)


@contextlib.contextmanager
def _rdflib_own_deprecation():
    """rdflib 7 reads its own deprecated ``Dataset.default_context`` while parsing N-Quads and
    matching triples of a union dataset (one DeprecationWarning per pattern matched, hundreds a
    query), its SPARQL evaluator its own ``Dataset.contexts`` for a ``GRAPH ?g`` pattern, and its
    JSON-LD parser makes a ConjunctiveGraph: warnings about code that is not ours.
    Only those are silenced, only where kg calls rdflib."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Dataset\.default_context is deprecated", category=DeprecationWarning)
        warnings.filterwarnings("ignore", message=r"ConjunctiveGraph is deprecated", category=DeprecationWarning)
        warnings.filterwarnings("ignore", message=r"Dataset\.contexts is deprecated", category=DeprecationWarning)
        yield


def _to_rdflib(term):
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return rdflib.Literal(term.value)  # rdflib holds "x" and "x"^^xsd:string apart
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise QueryError(f"cannot bind {term!r}")


def _from_rdflib(term):
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD_STRING)))


class RemoteStore:
    """A SPARQL 1.1 endpoint: queries by the SPARQL protocol, results as SPARQL JSON."""

    source = "endpoint"

    def __init__(self, url: str, timeout: float = 60.0):
        if not url.startswith(("http://", "https://")):
            raise QueryError(f"{url}: not an http(s) SPARQL endpoint")
        self.url = url
        self.timeout = timeout

    def query(self, text: str, bindings: dict | None = None, max_rows: int | None = DEFAULT_MAX_ROWS) -> Result:
        if bindings:
            names = list(bindings)
            # Terms are written by the N-Triples serializer (str of a pyoxigraph term), which escapes
            # quotes and angle brackets: a value cannot close the term it stands in.
            text += "\nVALUES (" + " ".join(f"?{n}" for n in names) + ") { (" + \
                    " ".join(str(bindings[n]) for n in names) + ") }"
        request = urllib.request.Request(self.url, data=text.encode("utf-8"), method="POST", headers={
            "Content-Type": "application/sparql-query; charset=utf-8",
            "Accept": "application/sparql-results+json"})
        body = _send(request, self.timeout, self.url)
        try:
            results = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        except SyntaxError as error:
            raise QueryError(f"{self.url}: unreadable results: {error}") from None
        return _collect(results, max_rows)


def _send(request: urllib.request.Request, timeout: float, url: str, open_url=urllib.request.urlopen) -> bytes:
    try:
        with open_url(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        message = error.read().decode("utf-8", "replace").strip()[:500] if error.fp else ""
        raise QueryError(f"{url}: HTTP {error.code}: {message or error.reason}") from None
    except (urllib.error.URLError, OSError) as error:
        raise QueryError(f"{url}: cannot connect: {getattr(error, 'reason', error)}") from None


#: Above this much N-Quads, ``open_store(kind="auto")`` loads the on-disk store when the build has
#: none (or an older one) rather than parse graph.nq into memory. Measured (bench/RESULTS.md): in
#: memory a graph costs ~370 bytes a quad and is parsed again by every command (63 s and 5 GB at
#: 200,000 synthetic documents); on disk it is loaded once and reopened in milliseconds with a
#: bounded working set. 512 MB of N-Quads is ~2.4M quads: ~0.9 GB and ~10 s in memory.
AUTO_DISK_BYTES = 512 * 2**20


def open_store(location: str | Path, kind: str = "auto", writable: bool = False, table: bool | None = None) -> Store:
    """A store over a build directory (``auto``, ``memory``, ``disk`` or ``rdflib``) or an endpoint URL.

    ``auto`` opens the store ``kg build`` left beside graph.nq (``build/oxigraph``, read-only) when it
    holds that graph.nq; when it is missing or older, it parses graph.nq into memory, or for a graph
    above ``AUTO_DISK_BYTES`` loads the on-disk store first. ``writable`` (``kg serve
    --allow-updates``) keeps the build's own store out of reach: ``auto`` then works on a copy in
    memory. The store says where it came from in ``source`` ("store" or "graph.nq").

    ``table`` (by default with ``auto`` only): give the store the reading table ``kg build`` wrote
    beside it (``store.table``, kg.reading_table), when it holds that graph.nq, which the lineage,
    who-cites and the labels then read instead of the store; ``disk``, ``memory`` and ``rdflib``
    are the store alone unless asked.
    """
    if table is None:
        table = kind == "auto"
    if str(location).startswith(("http://", "https://")):
        return RemoteStore(str(location))
    if kind == "auto":
        source = graph_file(location)
        if writable:
            kind = "memory"
        elif ready_store_is_fresh(source.parent):
            kind = "disk"
        else:
            kind = "disk" if source.stat().st_size > AUTO_DISK_BYTES else "memory"
    stores = {"memory": MemoryStore, "disk": DiskStore, "rdflib": RdflibStore}
    if kind not in stores:
        raise QueryError(f"{kind}: no such store (choose from {', '.join(stores)})")
    if kind == "disk":
        store = DiskStore(location, writable=writable)
    else:
        store = stores[kind](location)
    if table and not writable:
        from .reading_table import open_table

        store.table = open_table(graph_file(location).parent)
    return store


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect turns a POST into a GET without its body (302, 303) or asks to send it elsewhere:
    a push that followed one reported graphs sent that never arrived."""

    def redirect_request(self, request, fp, code, message, headers, new_url):
        raise urllib.error.HTTPError(request.full_url, code, f"redirected to {new_url[:200]}: refused "
                                     f"(push to the address it names, if it is meant)", headers, fp)


def _query_url(url: str) -> str:
    """The query endpoint beside a graph store or update URL: its last path segment made ``query``
    (http://h/store -> http://h/query, as Oxigraph and kg serve lay them out; Fuseki's /ds/data -> /ds/query)."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rsplit("/", 1)[0] + "/query"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def push(location: str | Path, url: str, protocol: str = "gsp", timeout: float = 300.0,
         query_url: str | None = None) -> dict[str, int]:
    """Send a built graph to a SPARQL 1.1 server, one named graph at a time, each replacing the
    server's graph of the same name (so pushing a rebuild replaces what changed and keeps the rest),
    then check what landed: each graph's quads counted on the server by a query.

    ``protocol="gsp"``: the Graph Store Protocol, ``PUT url?graph=G`` with N-Triples (``url`` is the
    server's graph store, e.g. http://127.0.0.1:7878/store). ``protocol="update"``: SPARQL Update,
    ``DROP SILENT GRAPH G; INSERT DATA { GRAPH G { ... } }`` (``url`` is its update endpoint).
    ``query_url`` is where the counts are asked (by default beside ``url``: ``_query_url``).
    Redirects are refused; a graph whose count differs raises ``QueryError``.
    """
    if protocol not in ("gsp", "update"):
        raise QueryError(f"{protocol}: no such protocol (gsp or update)")
    if not url.startswith(("http://", "https://")):
        raise QueryError(f"{url}: not an http(s) URL")
    graphs: dict[str, list[ox.Quad]] = {}
    for quad in ox.parse(path=str(graph_file(location)), format=ox.RdfFormat.N_QUADS):
        graphs.setdefault(quad.graph_name.value, []).append(quad)
    opener = urllib.request.build_opener(_RefuseRedirects)
    sent = {}
    for name, quads in graphs.items():
        body = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
        if protocol == "gsp":
            target = url + ("&" if "?" in url else "?") + urllib.parse.urlencode({"graph": name})
            request = urllib.request.Request(target, data=body, method="PUT",
                                             headers={"Content-Type": "application/n-triples"})
        else:
            graph = str(ox.NamedNode(name))
            update = f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n".encode() + body + b"}}"
            request = urllib.request.Request(url, data=update, method="POST",
                                             headers={"Content-Type": "application/sparql-update; charset=utf-8"})
        _send(request, timeout, url, opener.open)
        sent[name] = len(set(quads))  # a graph is a set: a quad stated twice lands once
    _verify(query_url or _query_url(url), sent, timeout)
    return sent


def _verify(query_url: str, sent: dict[str, int], timeout: float, batch: int = 200) -> None:
    """Count each sent graph's quads on the server; raise if one is not what was sent."""
    remote = RemoteStore(query_url, timeout=timeout)
    names = list(sent)
    found: dict[str, int] = {}
    for start in range(0, len(names), batch):
        values = " ".join(str(ox.NamedNode(name)) for name in names[start:start + batch])
        try:
            result = remote.query(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} "
                                  f"GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g")
        except QueryError as error:
            raise QueryError(f"sent, but what landed cannot be counted at {query_url} (give --query-url): "
                             f"{error}") from None
        for row in result.records():
            found[row.get("g") or ""] = int(row.get("n") or 0)
    wrong = [f"{name}: {count} sent, {found.get(name, 0)} there" for name, count in sent.items()
             if found.get(name, 0) != count]
    if wrong:
        raise QueryError(f"{query_url}: {len(wrong)} of {len(sent)} graphs did not land whole: "
                         + "; ".join(wrong[:3]) + (" ..." if len(wrong) > 3 else ""))
