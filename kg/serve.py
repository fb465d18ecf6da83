"""A built graph as a SPARQL 1.1 endpoint on 127.0.0.1: read-only unless told, every query bounded.

``GET /query?query=...`` or ``POST /query`` (``application/sparql-query`` or a form) answer SPARQL
JSON results; with ``allow_updates``, ``POST /update`` takes SPARQL Update and ``PUT /store?graph=G``
replaces a named graph (the Graph Store Protocol). Malformed SPARQL gets 400 and the parser's
message. pyoxigraph cannot cancel a running query, so the time bound answers 503 when it passes
and a fixed pool of query threads keeps runaway queries from piling up.
"""
from __future__ import annotations

import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pyoxigraph as ox

from .errors import QueryError
from .store import open_store

__all__ = ["make_server", "serve", "results_json"]

MAX_BODY = 64 * 1024 * 1024
# pyoxigraph answers SERVICE <url> by fetching the url and quotes the reply in its error: any client
# could make the endpoint request internal addresses and read them. pyoxigraph has no switch to
# turn federation off, so the keyword is refused, looked for outside strings, IRIs and comments.
_LEXICAL = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                      r'|<[^<>"{}|^`\\\s]*>|\\.|#[^\n]*')  # \\. : ex:a\# is a name, not a comment
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:-])", re.IGNORECASE)


def results_json(result) -> dict:
    """A ``Result`` in the SPARQL 1.1 Query Results JSON format."""
    if result.boolean is not None:
        return {"head": {}, "boolean": result.boolean}
    bindings = []
    for row in result.rows:
        entry = {}
        for name, term in zip(result.variables, row):
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
                elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
                    entry[name]["datatype"] = term.datatype.value
            else:
                entry[name] = {"type": "triple", "value": str(term)}
        bindings.append(entry)
    return {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings},
            **({"truncated": True} if result.truncated else {})}


def make_server(location, host: str = "127.0.0.1", port: int = 7878, allow_updates: bool = False,
                timeout: float = 10.0, max_rows: int = 10_000, store_kind: str = "auto",
                query_threads: int = 4) -> ThreadingHTTPServer:
    """The server, bound but not yet serving (``serve_forever`` runs it); port 0 picks a free one."""
    store = open_store(location, store_kind, writable=allow_updates)
    pool = ThreadPoolExecutor(max_workers=query_threads, thread_name_prefix="kg-query")
    write_lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        server_version = "kg-serve"

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

        def _body(self) -> bytes | None:
            length = self.headers.get("Content-Length") or "0"
            if not length.isdigit():  # int() raised, and the client got no answer at all
                self._error(HTTPStatus.BAD_REQUEST, f"Content-Length {length[:40]!r} is not a length")
                return None
            length = int(length)
            if length > MAX_BODY:
                self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"body over {MAX_BODY} bytes")
                return None
            return self.rfile.read(length)

        def _run_query(self, text: str | None):
            if not text:
                return self._error(HTTPStatus.BAD_REQUEST, "no query given")
            if _SERVICE.search(_LEXICAL.sub(" ", text)):
                return self._error(HTTPStatus.BAD_REQUEST, "SERVICE is not allowed: this endpoint fetches no other URLs")
            future = pool.submit(store.query, text, None, max_rows)
            try:
                result = future.result(timeout=timeout)
            except FutureTimeout:
                return self._error(HTTPStatus.SERVICE_UNAVAILABLE, f"query ran over {timeout:g} s")
            except QueryError as error:
                return self._error(HTTPStatus.BAD_REQUEST, str(error))
            body = json.dumps(results_json(result), ensure_ascii=False).encode("utf-8")
            self._answer(HTTPStatus.OK, body, "application/sparql-results+json")

        def do_GET(self):
            url = urlparse(self.path)
            if url.path != "/query":
                return self._error(HTTPStatus.NOT_FOUND, "SPARQL queries go to /query")
            self._run_query(parse_qs(url.query).get("query", [None])[0])

        def do_POST(self):
            url = urlparse(self.path)
            body = self._body()
            if body is None:
                return
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip()
            text = body.decode("utf-8", "replace")
            if kind == "application/x-www-form-urlencoded":
                form = parse_qs(text)
                text = (form.get("query") or form.get("update") or [""])[0]
            if url.path == "/query":
                return self._run_query(text)
            if url.path == "/update":
                if not allow_updates:
                    return self._error(HTTPStatus.FORBIDDEN, "read-only endpoint (start with --allow-updates)")
                try:
                    with write_lock:
                        store.update(text)
                except (QueryError, AttributeError) as error:
                    return self._error(HTTPStatus.BAD_REQUEST, str(error))
                return self._answer(HTTPStatus.NO_CONTENT, b"")
            self._error(HTTPStatus.NOT_FOUND, "POST goes to /query or /update")

        def do_PUT(self):
            url = urlparse(self.path)
            if url.path != "/store":
                return self._error(HTTPStatus.NOT_FOUND, "graphs are PUT to /store?graph=IRI")
            if not allow_updates:
                return self._error(HTTPStatus.FORBIDDEN, "read-only endpoint (start with --allow-updates)")
            graph = parse_qs(url.query).get("graph", [None])[0]
            body = self._body()
            if body is None:
                return
            try:
                name = ox.NamedNode(graph) if graph else ox.DefaultGraph()
                triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
            except (ValueError, SyntaxError) as error:
                return self._error(HTTPStatus.BAD_REQUEST, f"bad graph: {error}")
            with write_lock:
                if isinstance(name, ox.NamedNode):
                    store.store.remove_graph(name) if store.store.contains_named_graph(name) else None
                else:
                    store.store.clear_graph(name)
                store.store.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
            self._answer(HTTPStatus.NO_CONTENT, b"")

    server = _Server((host, port), Handler)
    return server


class _Server(ThreadingHTTPServer):
    # socketserver listens with a backlog of 5: fifty clients connecting at once had some of
    # their connections reset and others wait a second for a SYN retransmit.
    request_queue_size = 1024
    daemon_threads = True


def serve(location, host: str = "127.0.0.1", port: int = 7878, log=print, **options) -> None:
    """Run the endpoint until interrupted."""
    server = make_server(location, host=host, port=port, **options)
    bound_host, bound_port = server.server_address[:2]
    log(f"SPARQL endpoint on http://{bound_host}:{bound_port}/query "
        f"({'updates allowed' if options.get('allow_updates') else 'read-only'})")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
