"""Where a built graph lives and how it is queried: three stores behind one small interface.

- ``MemoryStore``: pyoxigraph in memory, loaded from ``build/graph.nq``; the default, no server
  needed. Chosen over rdflib because it loads 15x faster and answers a lineage query 10x faster
  and an aggregate 30x faster on this machine (../shared/MEASURED.md).
- ``DiskStore``: pyoxigraph on disk under ``build/oxigraph/``, bulk-loaded once per build (its
  ``load`` is 6x slower), reopened without loading, for graphs that outgrow memory.
- ``RdflibStore``: a plain rdflib dataset with prepared queries: the reference implementation.
- ``RemoteStore``: any SPARQL 1.1 endpoint over HTTP (Oxigraph server, Fuseki, GraphDB, Virtuoso).

Every store answers ``query(text, bindings)`` with a ``Result`` of pyoxigraph terms. Bindings
are RDF terms, never a user's text pasted into the query: rdflib pre-binds them, and pyoxigraph
and a remote endpoint get them in a VALUES block written by the N-Triples serializer, which
escapes whatever the value holds.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import GraphError, QueryError

__all__ = ["Result", "MemoryStore", "DiskStore", "RdflibStore", "RemoteStore", "open_store", "graph_file",
           "push"]

DEFAULT_MAX_ROWS = 100_000
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


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


def _collect(solutions, max_rows: int) -> Result:
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

    def query(self, text: str, bindings: dict | None = None, max_rows: int = DEFAULT_MAX_ROWS) -> Result:
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
    """pyoxigraph on disk beside the build: ``build/oxigraph/``, loaded again only when the
    graph changed (the stamp is the hash of graph.nq), swapped in by a rename."""

    def __init__(self, location: str | Path):
        source = graph_file(location)
        directory = source.parent / "oxigraph"
        stamp = _file_hash(source)
        stamp_file = directory / "loaded-from.sha256"
        if not (stamp_file.is_file() and stamp_file.read_text().strip() == stamp):
            _remove_stale_loads(source.parent)
            fresh = source.parent / f".oxigraph-{os.getpid()}"
            shutil.rmtree(fresh, ignore_errors=True)
            store = ox.Store(str(fresh))
            store.bulk_load(path=str(source), format=ox.RdfFormat.N_QUADS)
            store.flush()
            del store
            (fresh / "loaded-from.sha256").write_text(stamp + "\n")
            old = source.parent / f".oxigraph-old-{os.getpid()}"
            if directory.exists():
                directory.rename(old)
            fresh.rename(directory)
            shutil.rmtree(old, ignore_errors=True)
        self.store = ox.Store(str(directory))


def _remove_stale_loads(folder: Path) -> None:
    """Drop the half-loaded stores of writers that were killed: each is a full-size copy, named by
    a process id that no longer runs, and nothing else would ever remove it."""
    for stale in folder.glob(".oxigraph-*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(stale, ignore_errors=True)
        except OSError:
            pass  # alive, under another user


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class RdflibStore:
    """A plain rdflib dataset whose default graph is the union of its named graphs."""

    def __init__(self, location: str | Path):
        import rdflib

        self.dataset = rdflib.Dataset(default_union=True)
        self.dataset.parse(graph_file(location), format="nquads")
        self._prepared: dict[str, object] = {}

    def query(self, text: str, bindings: dict | None = None, max_rows: int = DEFAULT_MAX_ROWS) -> Result:
        from rdflib.plugins.sparql import prepareQuery

        from .namespaces import PREFIXES

        try:
            prepared = self._prepared.get(text)
            if prepared is None:
                prepared = self._prepared[text] = prepareQuery(text, initNs=PREFIXES)
            result = self.dataset.query(prepared, initBindings={
                name: _to_rdflib(term) for name, term in (bindings or {}).items()})
        except Exception as error:  # pyparsing's ParseException and rdflib's own errors
            raise QueryError(f"malformed SPARQL: {error}") from None
        if result.type == "ASK":
            return Result((), boolean=bool(result.askAnswer))
        names = tuple(str(v) for v in result.vars)
        rows = []
        for row in result:
            if len(rows) == max_rows:
                return Result(names, tuple(rows), truncated=True)
            rows.append(tuple(_from_rdflib(row[name]) for name in names))
        return Result(names, tuple(rows))


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

    def __init__(self, url: str, timeout: float = 60.0):
        if not url.startswith(("http://", "https://")):
            raise QueryError(f"{url}: not an http(s) SPARQL endpoint")
        self.url = url
        self.timeout = timeout

    def query(self, text: str, bindings: dict | None = None, max_rows: int = DEFAULT_MAX_ROWS) -> Result:
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


#: Above this much N-Quads, ``open_store(kind="auto")`` uses the on-disk store. Measured
#: (bench/RESULTS.md): in memory a graph costs ~370 bytes a quad and is parsed again by every
#: command (63 s and 5 GB at 200,000 synthetic documents); on disk it is loaded once and reopened
#: in ~2 s with a bounded working set (1.9 GB there), and its queries are as fast or within ~3x.
#: 512 MB of N-Quads is ~2.4M quads: ~0.9 GB and ~10 s in memory.
AUTO_DISK_BYTES = 512 * 2**20


def open_store(location: str | Path, kind: str = "auto"):
    """A store over a build directory (``auto``, ``memory``, ``disk`` or ``rdflib``) or an endpoint URL.

    ``auto`` is the in-memory store for graphs up to ``AUTO_DISK_BYTES`` of N-Quads (the bundled
    corpus is 112 MB) and the on-disk store beyond.
    """
    if str(location).startswith(("http://", "https://")):
        return RemoteStore(str(location))
    if kind == "auto":
        kind = "disk" if graph_file(location).stat().st_size > AUTO_DISK_BYTES else "memory"
    stores = {"memory": MemoryStore, "disk": DiskStore, "rdflib": RdflibStore}
    if kind not in stores:
        raise QueryError(f"{kind}: no such store (choose from {', '.join(stores)})")
    return stores[kind](location)


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
