"""A built graph as a SPARQL 1.1 endpoint on 127.0.0.1: read-only unless told, every query bounded.

``GET /query?query=...`` or ``POST /query`` (``application/sparql-query`` or a form) answer SPARQL
JSON results; with ``allow_updates``, ``POST /update`` takes SPARQL Update (as
``application/sparql-update`` only) and ``PUT /store?graph=G`` replaces a named graph (the Graph
Store Protocol). Malformed SPARQL gets 400 and the parser's message.

pyoxigraph cannot cancel a running query, so queries run in worker processes forked from the
server (the graph is shared with them, copy-on-write), each under a memory limit (RLIMIT_AS) and
a CPU limit. A query that passes its time is stopped by killing its worker, which is replaced; a
query that passes its memory kills only its worker. A query still running after ``DEMOTE_AFTER``
is lowered in priority, so cheap queries keep their latency while heavy ones run.

An update is bounded like a query: it first runs in a worker, on the worker's copy-on-write copy
of the graph, under the same limits, and only an update that finished there is applied to the
server's store (the worker, whose copy now differs, is replaced). Over the on-disk store, each
write runs in a writer process of its own that opens the store, applies the write in one
transaction and exits; killed past its time or memory, it leaves the store as it was.

Nothing a client sends makes the endpoint reach out: SERVICE and LOAD are refused by what the
parsed query is (rdflib's SPARQL parser, its syntax tree walked), and where the kernel allows it
the workers run in a network namespace of their own, with no network at all.
"""
from __future__ import annotations

import ctypes
import ipaddress
import json
import multiprocessing
import os
import queue
import re
import resource
import signal
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection, Pipe
from urllib.parse import parse_qs, urlparse

import pyoxigraph as ox

from .errors import KGError, QueryError
from .namespaces import XSD
from .store import DiskStore, graph_file, open_store

__all__ = ["Limits", "make_server", "serve", "results_json", "refusal"]

#: A query still running after this many seconds is lowered to the lowest priority (nice 19).
DEMOTE_AFTER = 0.2
#: Seconds a writer process over the on-disk store may take to start, besides its write's time.
STARTUP = 10.0
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


@dataclass(frozen=True)
class Limits:
    """What one client can cost the endpoint."""

    timeout: float = 10.0  # seconds a query may run (and wait for a worker)
    max_rows: int = 10_000
    max_result_bytes: int = 16 * 2**20  # rows past this many bytes of JSON are cut, marked truncated
    max_memory: int = 1024 * 2**20  # bytes a worker may allocate beyond the graph it shares
    workers: int = 8  # query processes
    max_body: int = 8 * 2**20  # bytes of one request body
    max_connections: int = 64  # requests handled at once; more are answered 503 at once
    socket_timeout: float = 10.0  # seconds a client may take to send its request
    allowed_hosts: frozenset = field(default_factory=frozenset)  # Host names besides loopback


# ---------------------------------------------------------------- what a query is, by its syntax tree

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_FORBIDDEN = {"ServiceGraphPattern": "SERVICE", "Load": "LOAD"}


def _unescaped(text: str) -> str:
    def char(match):
        value = int(match[1] or match[2], 16)
        return chr(value) if value <= 0x10FFFF else ""
    return _CODEPOINT.sub(char, text)


def refusal(text: str, kind: str = "query") -> str | None:
    """Why ``text`` (a SPARQL ``query`` or ``update``) may not run here, or None.

    SERVICE (in a query or an update) and LOAD (in an update) fetch other URLs. Whether the text
    holds them is read from rdflib's parse of it, never from its spelling; the parse is skipped
    only when the letters of the keywords appear nowhere in the text, codepoint escapes undone
    (no keyword can then be spelt at all), and the parse costs 10 to 50 ms.

    >>> refusal("SELECT * WHERE { ?s ?p 'SERVICE' }") is None
    True
    >>> refusal("SELECT * WHERE { FILTER(true) SERVICE#>\\n <http://x/> { ?s ?p ?o } }")
    'SERVICE is not allowed: this endpoint fetches no other URLs'
    """
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    words = ("service", "load") if kind == "update" else ("service",)
    flat = _unescaped(text).casefold()
    if not any(word in flat for word in words):
        return None
    try:
        tree = parseUpdate(text) if kind == "update" else parseQuery(text)
    except RecursionError:
        return f"this {kind} is nested too deeply to be checked for SERVICE or LOAD"
    except Exception as error:  # pyparsing's ParseException, rdflib's own errors
        first = str(error).splitlines()[0][:300] if str(error) else type(error).__name__
        return f"this {kind} names SERVICE or LOAD and rdflib's parser, which checks for them, cannot read it: {first}"
    for name in _node_names(tree):
        if name in _FORBIDDEN:
            return f"{_FORBIDDEN[name]} is not allowed: this endpoint fetches no other URLs"
    return None


def _node_names(tree):
    """The names of every node of an rdflib parse tree, walked without recursion."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node.name
            stack.extend(node.values())
        elif isinstance(node, (list, tuple, ParseResults)):
            stack.extend(node)


# ---------------------------------------------------------------- results as SPARQL JSON, bounded in bytes

def _binding(variables, row) -> dict:
    entry = {}
    for name, term in zip(variables, row):
        if term is None:
            continue
        if isinstance(term, ox.NamedNode):
            entry[name] = {"type": "uri", "value": term.value}
        elif isinstance(term, ox.BlankNode):
            entry[name] = {"type": "bnode", "value": term.value}
        elif isinstance(term, ox.Literal):
            entry[name] = {"type": "literal", "value": term.value}
            if term.language:
                entry[name]["xml:lang"] = term.language
            elif term.datatype.value != XSD + "string":
                entry[name]["datatype"] = term.datatype.value
        else:
            entry[name] = {"type": "triple", "value": str(term)}
    return entry


def results_json(result) -> dict:
    """A ``Result`` in the SPARQL 1.1 Query Results JSON format."""
    if result.boolean is not None:
        return {"head": {}, "boolean": result.boolean}
    return {"head": {"vars": list(result.variables)},
            "results": {"bindings": [_binding(result.variables, row) for row in result.rows]},
            **({"truncated": True} if result.truncated else {})}


def _encoded(result, max_bytes: int) -> bytes:
    """``results_json`` as bytes, its rows cut where they would pass ``max_bytes``."""
    if result.boolean is not None:
        return json.dumps(results_json(result)).encode("utf-8")
    head = json.dumps({"vars": list(result.variables)}, ensure_ascii=False).encode("utf-8")
    # the frame around the rows, and ", " between them, count too: the whole answer stays under the cap
    frame = len(b'{"head": ' + head + b', "results": {"bindings": []}, "truncated": true}')
    pieces, size, truncated = [], frame, result.truncated
    for row in result.rows:
        piece = json.dumps(_binding(result.variables, row), ensure_ascii=False).encode("utf-8")
        size += len(piece) + (2 if pieces else 0)
        if size > max_bytes:
            truncated = True
            break
        pieces.append(piece)
    return (b'{"head": ' + head + b', "results": {"bindings": [' + b", ".join(pieces) + b"]}"
            + (b', "truncated": true' if truncated else b"") + b"}")


# ---------------------------------------------------------------- the worker processes

def _isolate(keep: int, forked: bool = True) -> bool:
    """In a new worker: close every descriptor a fork inherited but its pipe (client sockets,
    the listening socket, other workers' pipes), die with the server, and leave the network if
    the kernel lets it (a namespace of its own: no interface but a loopback that is down).
    Returns whether the worker has no network."""
    if forked:
        os.closerange(3, keep)
        os.closerange(keep + 1, 1 << 16)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: the server's death ends its workers
        return libc.unshare(0x40000000) == 0  # CLONE_NEWNET
    except (OSError, AttributeError):
        return False


def _address_space() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _worker(connection: Connection, store, limits: Limits, isolated: bool) -> None:
    """A worker's life: take a query or an update to check, answer it, until the server closes."""
    resource.setrlimit(resource.RLIMIT_AS, (_address_space() + limits.max_memory,) * 2)
    connection.send(("ready", isolated))
    while True:
        try:
            kind, text = connection.recv()
        except (EOFError, OSError):
            return
        usage = resource.getrusage(resource.RUSAGE_SELF)
        ceiling = int(usage.ru_utime + usage.ru_stime + limits.timeout) + 2  # if the server's kill misses
        resource.setrlimit(resource.RLIMIT_CPU, (ceiling, resource.RLIM_INFINITY))
        try:
            answer = _answer(store, kind, text, limits)
        except MemoryError:
            answer = ("memory", f"the query needed more than {limits.max_memory // 2**20} MB")
        except RecursionError:
            answer = ("bad", "the query is nested too deeply")
        connection.send(answer)


def _disk_store(opened: ox.Store) -> DiskStore:
    """A DiskStore over a store a worker or writer opened itself (not refreshed from graph.nq: the server did that)."""
    store = DiskStore.__new__(DiskStore)
    store.store = opened
    return store


def _spawned_worker(connection: Connection, directory: str, limits: Limits) -> None:
    """A worker over the on-disk store, started as a new interpreter: RocksDB cannot be opened
    again in a child forked from a process that had it open (its thread pools are gone there)."""
    try:
        import rdflib.plugins.sparql.parser  # noqa: F401  before the first check, not during it

        isolated = _isolate(connection.fileno(), forked=False)
        store = _disk_store(ox.Store.read_only(directory))
        _worker(connection, store, limits, isolated)
    except BaseException:
        os._exit(1)
    os._exit(0)


def _spawned_writer(connection: Connection, directory: str, limits: Limits) -> None:
    """One write to the on-disk store, in a new interpreter under the workers' limits: a SPARQL
    update, or a named graph replaced by N-Triples. Oxigraph applies each in one transaction, so
    a writer killed midway leaves the store as it was."""
    try:
        import rdflib.plugins.sparql.parser  # noqa: F401

        _isolate(connection.fileno(), forked=False)
        resource.setrlimit(resource.RLIMIT_AS, (_address_space() + limits.max_memory,) * 2)
        ceiling = int(limits.timeout) + 2
        resource.setrlimit(resource.RLIMIT_CPU, (ceiling, resource.RLIM_INFINITY))
        store = _disk_store(ox.Store(directory))
        kind, payload = connection.recv()
        try:
            if kind == "graph":
                answer = _replace_graph(store.store, *payload)
            else:
                answer = _answer(store, "update", payload, limits)
        except MemoryError:
            answer = ("memory", f"the update needed more than {limits.max_memory // 2**20} MB")
        connection.send(answer)
    except BaseException:
        os._exit(1)
    os._exit(0)


def _replace_graph(store: ox.Store, graph: str | None, body: bytes) -> tuple:
    """``PUT /store?graph=G``: the named graph G (or the default graph) becomes the N-Triples sent."""
    try:
        name = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
    except (ValueError, SyntaxError) as error:
        return ("bad", f"bad graph: {error}")
    if isinstance(name, ox.NamedNode):
        store.remove_graph(name) if store.contains_named_graph(name) else None
    else:
        store.clear_graph(name)
    store.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
    return ("ok", b"")


def _answer(store, kind: str, text: str, limits: Limits) -> tuple:
    reason = refusal(text, kind)
    if reason is not None:
        return ("refused", reason)
    try:
        if kind == "update":  # on this worker's own copy: proves the update ends within the limits
            store.update(text)
            return ("ok", b"")
        result = store.query(text, None, limits.max_rows)
    except QueryError as error:
        return ("bad", str(error))
    return ("ok", _encoded(result, limits.max_result_bytes))


@dataclass
class _Process:
    pid: int
    connection: Connection
    generation: int
    demoted: bool = False
    handle: object = None  # the multiprocessing.Process of a spawned worker


class QueryPool:
    """``limits.workers`` query processes, each forked from the server with the graph in memory.

    All forks happen on one long-lived thread: a worker dies with the thread that forked it
    (PR_SET_PDEATHSIG), and request threads come and go.
    """

    def __init__(self, store, limits: Limits, directory: str | None = None):
        self.store, self.limits, self.directory = store, limits, directory
        self.generation = 0
        self.isolated: bool | None = None
        self._idle: queue.Queue[_Process] = queue.Queue()
        self._forks: queue.Queue = queue.Queue()
        self._fork_lock = threading.Lock()  # held by writers: no fork sees a store half-written
        self._live: dict[int, _Process] = {}
        self._closed = False
        threading.Thread(target=self._spawner, name="kg-spawner", daemon=True).start()
        for _ in range(limits.workers):
            self._forks.put(None)

    def _spawner(self) -> None:
        while not self._closed:
            if self._forks.get() == "stop":
                return
            try:
                process = self._fork()
            except OSError:  # no memory or no process left for a fork: try again shortly
                process = None
            if process is None:
                time.sleep(0.5)
                self._forks.put(None)
            else:
                self._idle.put(process)

    def _fork(self) -> _Process:
        parent_end, child_end = Pipe()
        handle = None
        with self._fork_lock:
            generation = self.generation
            if self.directory is not None:
                handle = multiprocessing.get_context("spawn").Process(
                    target=_spawned_worker, args=(child_end, self.directory, self.limits), daemon=True)
                handle.start()
                pid = handle.pid
            else:
                pid = os.fork()
            if pid == 0:  # the worker: never return into the server's code
                status = 0
                try:
                    isolated = _isolate(child_end.fileno())
                    if os.getppid() == 1:
                        os._exit(0)
                    _worker(child_end, self.store, self.limits, isolated)
                except BaseException:
                    status = 1
                finally:
                    os._exit(status)
        child_end.close()
        process = _Process(pid, parent_end, generation, handle=handle)
        self._live[pid] = process
        try:  # the worker says it is ready, and whether it has no network
            if not parent_end.poll(60):
                raise EOFError
            _, self.isolated = parent_end.recv()
        except (EOFError, OSError):
            self._replace(process, again=False)
            return None
        return process

    def run(self, kind: str, text: str) -> tuple:
        """``(outcome, payload)`` of a query or an update check in a worker: ``ok``, ``bad`` and
        ``refused`` from the worker; ``busy``, ``timeout``, ``died`` and ``memory`` from here."""
        deadline = time.monotonic() + self.limits.timeout
        while True:
            try:
                process = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                return ("busy", f"all {self.limits.workers} query workers stayed busy for {self.limits.timeout:g} s")
            if process.generation == self.generation:
                break
            self._replace(process)  # forked before the last write: it would not see it
        try:
            process.connection.send((kind, text))
            ready = process.connection.poll(DEMOTE_AFTER)
            if not ready:
                try:
                    os.setpriority(os.PRIO_PROCESS, process.pid, 19)
                    process.demoted = True
                except OSError:
                    pass
                ready = process.connection.poll(max(0.0, self.limits.timeout - DEMOTE_AFTER))
            if not ready:
                self._replace(process)
                return ("timeout", f"query ran over {self.limits.timeout:g} s and was stopped")
            answer = process.connection.recv()
        except (EOFError, OSError):
            self._replace(process)
            return ("died", f"the query's worker stopped (it needed more than "
                            f"{self.limits.max_memory // 2**20} MB, or its CPU time ran out)")
        if kind == "update":  # its copy of the graph now differs from the server's
            self._replace(process)
        else:
            self._release(process)
        return answer

    def write_on_disk(self, kind: str, payload) -> tuple:
        """``(outcome, message)`` of one write (``update`` text or ``graph`` (name, N-Triples)) to
        the on-disk store, run by a writer process of its own, killed past the time limit."""
        parent_end, child_end = Pipe()
        writer = multiprocessing.get_context("spawn").Process(
            target=_spawned_writer, args=(child_end, self.directory, self.limits), daemon=True)
        with self._fork_lock:
            writer.start()
        child_end.close()
        try:
            parent_end.send((kind, payload))
            if not parent_end.poll(self.limits.timeout + STARTUP):
                return ("timeout", f"the write ran over {self.limits.timeout:g} s and was stopped; nothing was written")
            return parent_end.recv()
        except (EOFError, OSError):
            return ("died", f"the write's process stopped (it needed more than {self.limits.max_memory // 2**20} MB, "
                            f"or its CPU time ran out); nothing was written")
        finally:
            writer.kill()
            writer.join()
            parent_end.close()

    def _release(self, process: _Process) -> None:
        if process.demoted:
            try:
                os.setpriority(os.PRIO_PROCESS, process.pid, 0)
                process.demoted = False
            except OSError:  # raising a priority needs privilege: a fresh worker instead
                return self._replace(process)
        if process.generation != self.generation:
            return self._replace(process)
        self._idle.put(process)

    def _replace(self, process: _Process, again: bool = True) -> None:
        # once per worker: close() and a worker that failed to start can both reach it (its pipe,
        # closed twice, was an EBADF at shutdown)
        if self._live.pop(process.pid, None) is None:
            return
        if process.handle is not None:
            process.handle.kill()
            process.handle.join()
        else:
            try:
                os.kill(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            try:
                os.waitpid(process.pid, 0)
            except ChildProcessError:
                pass
        process.connection.close()
        if again and not self._closed:
            self._forks.put(None)

    def renew(self) -> None:
        """After a write: every worker forked before it is replaced when it is next taken or
        released. Not at once: a push of 376 graphs made 3,000 forks, and timed out."""
        with self._fork_lock:
            self.generation += 1

    def writing(self):
        """Hold while the store is written: no worker is forked from a store half-written."""
        return self._fork_lock

    def close(self) -> None:
        self._closed = True
        self._forks.put("stop")
        for process in list(self._live.values()):
            self._replace(process)


# ---------------------------------------------------------------- HTTP

def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_name(header: str) -> str:
    """The name in a Host header or an Origin, without port or scheme."""
    header = header.strip().lower()
    if "://" in header:
        header = header.split("://", 1)[1].split("/", 1)[0]
    if header.startswith("["):
        return header[:header.find("]") + 1]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


_LENGTH = re.compile(r"[0-9]{1,15}")


class _Budget:
    """Bytes of request bodies held at once."""

    def __init__(self, total: int):
        self.left, self.lock = total, threading.Lock()

    def take(self, amount: int) -> bool:
        with self.lock:
            if amount > self.left:
                return False
            self.left -= amount
            return True

    def give(self, amount: int) -> None:
        with self.lock:
            self.left += amount


@dataclass(frozen=True)
class _Endpoint:
    """What every request reads of its server: the store and its workers, the limits, who may write."""

    store: object
    pool: QueryPool
    limits: Limits
    allowed: frozenset[str]  # the names a Host or an Origin may give: loopback, the host, --allowed-host
    allow_updates: bool
    directory: str | None  # the on-disk store's folder: each worker opens it itself, each write is a writer's
    bodies: _Budget  # bytes of request bodies held at once
    writes: threading.Lock = field(default_factory=threading.Lock)  # one write at a time: each is checked
    # against the graph it changes


_STATUSES = {"ok": HTTPStatus.OK, "bad": HTTPStatus.BAD_REQUEST, "refused": HTTPStatus.BAD_REQUEST,
             "busy": HTTPStatus.SERVICE_UNAVAILABLE, "timeout": HTTPStatus.SERVICE_UNAVAILABLE,
             "died": HTTPStatus.SERVICE_UNAVAILABLE, "memory": HTTPStatus.SERVICE_UNAVAILABLE}


def make_server(location, host: str = "127.0.0.1", port: int = 7878, allow_updates: bool = False,
                timeout: float = 10.0, max_rows: int = 10_000, store_kind: str = "auto",
                allow_remote_updates: bool = False, **limits) -> ThreadingHTTPServer:
    """The server, bound but not yet serving (``serve_forever`` runs it); port 0 picks a free one.

    ``limits`` are the fields of ``Limits`` (workers, max_memory, max_result_bytes, ...).
    Listening on an address other than loopback with updates allowed is refused unless
    ``allow_remote_updates``: anyone who can reach the port could then rewrite the graph.
    """
    if allow_updates and not _is_loopback(host) and not allow_remote_updates:
        raise KGError(f"--host {host} with --allow-updates would let anyone who reaches this machine rewrite "
                      f"the graph; add --allow-remote-updates if that is meant")
    limits = Limits(timeout=timeout, max_rows=max_rows, **limits)
    # auto with updates works on a copy in memory; on disk, the store is written by writer processes
    store = open_store(location, store_kind, writable=allow_updates and store_kind != "disk")
    directory = None
    if isinstance(store, DiskStore):  # each worker opens the store on disk itself, read-only
        directory = str(graph_file(location).parent / "oxigraph")
    import rdflib.plugins.sparql.parser  # noqa: F401  imported once here, not in each worker

    pool = QueryPool(store, limits, directory)
    server = _Server((host, port), _Handler, limits.max_connections)
    server.pool = pool
    server.endpoint = _Endpoint(store, pool, limits,
                                LOOPBACK_NAMES | {host.lower()} | {name.lower() for name in limits.allowed_hosts},
                                allow_updates, directory, _Budget(4 * limits.max_body))
    return server


class _Handler(BaseHTTPRequestHandler):
    """One request: its Host (and, for a write, its Origin) checked, its body bounded, then a query
    to a worker, an update or a graph put (each one write at a time); what it needs is the server's
    ``_Endpoint``."""

    server_version = "kg-serve"

    def setup(self):
        self.endpoint = self.server.endpoint
        self.timeout = self.endpoint.limits.socket_timeout  # a client that stops sending is dropped, quietly
        super().setup()

    def log_message(self, *args):  # quiet: the caller decides what to log
        pass

    def _answer(self, status: int, body: bytes, content_type: str = "text/plain; charset=utf-8"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _error(self, status: int, message: str):
        self._answer(status, (message + "\n").encode("utf-8"))

    def _host_ok(self) -> bool:
        """A browser led to this port by a rebound DNS name sends that name: refused."""
        named = self.headers.get("Host")
        if named is not None and _host_name(named) not in self.endpoint.allowed:
            self._error(HTTPStatus.MISDIRECTED_REQUEST, f"Host {named[:80]!r} is not this endpoint's name "
                                                        f"(loopback names only unless started with --allowed-host)")
            return False
        return True

    def _write_ok(self) -> bool:
        if not self.endpoint.allow_updates:
            self._error(HTTPStatus.FORBIDDEN, "read-only endpoint (start with --allow-updates)")
            return False
        origin = self.headers.get("Origin")
        if origin is not None and _host_name(origin) not in self.endpoint.allowed:
            self._error(HTTPStatus.FORBIDDEN, f"writes from a page of {origin[:80]!r} are refused")
            return False
        return True

    def _body(self) -> bytes | None:
        if self.headers.get("Transfer-Encoding"):
            self._error(HTTPStatus.LENGTH_REQUIRED, "send the body with a Content-Length, not chunked")
            return None
        length = self.headers.get("Content-Length")
        if length is None:
            self._error(HTTPStatus.LENGTH_REQUIRED, "a body needs a Content-Length")
            return None
        if not _LENGTH.fullmatch(length.strip()):  # ASCII digits only: '²'.isdigit() is True
            self._error(HTTPStatus.BAD_REQUEST, f"Content-Length {length[:40]!r} is not a length")
            return None
        length = int(length)
        if length > self.endpoint.limits.max_body:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"body over {self.endpoint.limits.max_body} bytes")
            return None
        if not self.endpoint.bodies.take(length):
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, "too many large bodies at once; try again")
            return None
        try:
            return self.rfile.read(length)
        finally:
            self.endpoint.bodies.give(length)

    def _run_query(self, text: str | None):
        if not text:
            return self._error(HTTPStatus.BAD_REQUEST, "no query given")
        outcome, payload = self.endpoint.pool.run("query", text)
        if outcome == "ok":
            return self._answer(HTTPStatus.OK, payload, "application/sparql-results+json")
        self._error(_STATUSES[outcome], payload)

    def _update(self, text: str) -> tuple[str, str]:
        """A SPARQL Update: over the on-disk store, in a writer process; else proved on a worker's copy
        first, then applied here."""
        endpoint = self.endpoint
        if endpoint.directory is not None:
            return endpoint.pool.write_on_disk("update", text)
        outcome, payload = endpoint.pool.run("update", text)
        if outcome == "ok":
            try:
                with endpoint.pool.writing():
                    endpoint.store.update(text)
            except (QueryError, OSError) as error:
                outcome, payload = "bad", str(error)
        return outcome, payload

    def _put_graph(self, graph: str | None, body: bytes) -> tuple[str, str]:
        """A named graph replaced: over the on-disk store, in a writer process; else here, bounded by
        the body's size."""
        endpoint = self.endpoint
        if endpoint.directory is not None:
            return endpoint.pool.write_on_disk("graph", (graph, body))
        with endpoint.pool.writing():
            return _replace_graph(endpoint.store.store, graph, body)

    def _write(self, write, *arguments):
        """One write at a time; after one that went through, every worker is renewed."""
        with self.endpoint.writes:
            outcome, payload = write(*arguments)
            if outcome == "ok":
                self.endpoint.pool.renew()
        if outcome != "ok":
            return self._error(_STATUSES[outcome], payload)
        self._answer(HTTPStatus.NO_CONTENT, b"")

    def do_GET(self):
        if not self._host_ok():
            return
        url = urlparse(self.path)
        if url.path != "/query":
            return self._error(HTTPStatus.NOT_FOUND, "SPARQL queries go to /query")
        self._run_query(parse_qs(url.query).get("query", [None])[0])

    def do_POST(self):
        if not self._host_ok():
            return
        url = urlparse(self.path)
        if url.path == "/update" and not self._write_ok():
            return
        if url.path not in ("/query", "/update"):
            return self._error(HTTPStatus.NOT_FOUND, "POST goes to /query or /update")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if url.path == "/update" and kind != "application/sparql-update":
            # a form or text/plain POST needs no preflight: any web page could send one
            return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                               "updates are taken as application/sparql-update only")
        if url.path == "/query" and kind not in ("application/sparql-query", "application/x-www-form-urlencoded"):
            return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                               "queries are taken as application/sparql-query or a form")
        body = self._body()
        if body is None:
            return
        text = body.decode("utf-8", "replace")
        if url.path == "/update":
            return self._write(self._update, text)
        if kind == "application/x-www-form-urlencoded":
            text = (parse_qs(text).get("query") or [""])[0]
        self._run_query(text)

    def do_PUT(self):
        if not self._host_ok():
            return
        url = urlparse(self.path)
        if url.path != "/store":
            return self._error(HTTPStatus.NOT_FOUND, "graphs are PUT to /store?graph=IRI")
        if not self._write_ok():
            return
        graph = parse_qs(url.query).get("graph", [None])[0]
        body = self._body()
        if body is None:
            return
        self._write(self._put_graph, graph, body)


_BUSY_BODY = b"too many connections at once; try again\n"
_BUSY = (b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n"
         b"Content-Length: %d\r\n\r\n%s" % (len(_BUSY_BODY), _BUSY_BODY))


class _Server(ThreadingHTTPServer):
    # socketserver listens with a backlog of 5: fifty clients connecting at once had some of
    # their connections reset and others wait a second for a SYN retransmit.
    request_queue_size = 1024
    daemon_threads = True
    block_on_close = False

    def __init__(self, address, handler, max_connections: int):
        self.slots = threading.BoundedSemaphore(max_connections)
        self.errors = 0  # connections that ended in an error (reset, timed out): counted, not printed
        super().__init__(address, handler)

    def process_request(self, request, client_address):
        """A thread per connection up to ``max_connections``; past that, 503 at once, no thread."""
        if not self.slots.acquire(blocking=False):
            try:
                request.setblocking(False)
                request.send(_BUSY)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request, client_address):
        # A client that resets or stalls is its own problem: thousands of them once printed
        # ~96,000 lines of tracebacks and kept the server from answering.
        self.errors += 1

    def server_close(self):
        super().server_close()
        pool = getattr(self, "pool", None)
        if pool is not None:
            pool.close()


def serve(location, host: str = "127.0.0.1", port: int = 7878, log=print, **options) -> None:
    """Run the endpoint until interrupted."""
    server = make_server(location, host=host, port=port, **options)
    bound_host, bound_port = server.server_address[:2]
    if not _is_loopback(bound_host):
        log(f"WARNING: listening on {bound_host}, not loopback: anyone who can reach this machine can query "
            f"the graph{' and REWRITE it' if options.get('allow_updates') else ''}; clients must use a loopback "
            f"name or one given with --allowed-host")
    log(f"SPARQL endpoint on http://{bound_host}:{bound_port}/query "
        f"({'updates allowed' if options.get('allow_updates') else 'read-only'}, "
        f"{server.pool.limits.workers} query workers)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
