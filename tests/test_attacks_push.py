"""`kg push` against servers that are not what they say (issue 14): a redirect that drops the body,
a 200 from something that is no SPARQL server, a server that keeps part of a graph, one that never
answers. Each must end in an error, not in "quads sent"."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import QueryError
from kg.store import MemoryStore, push


@pytest.fixture()
def fake_server():
    """A loopback server whose answers a test chooses: ``start(handler_methods) -> base URL``."""
    servers = []

    def start(**methods) -> tuple[str, list]:
        seen = []

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _dispatch(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                seen.append((self.command, self.path, len(body)))
                methods[self.command](self, body)

            do_GET = do_POST = do_PUT = _dispatch

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}", seen

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _reply(handler, status: int, body: bytes = b"", kind: str = "text/plain", **headers):
    handler.send_response(status)
    handler.send_header("Content-Type", kind)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


def test_a_redirect_is_refused_not_followed_as_a_get_without_body(plan_build, fake_server):
    base, seen = fake_server(PUT=lambda h, body: _reply(h, 302, Location="/elsewhere"),
                             POST=lambda h, body: _reply(h, 302, Location="/elsewhere"),
                             GET=lambda h, body: _reply(h, 200, b"fine"))
    for protocol, path in (("gsp", "/store"), ("update", "/update")):
        with pytest.raises(QueryError, match="302.*redirected"):
            push(plan_build, base + path, protocol=protocol, timeout=10)
    assert all(method != "GET" for method, _, _ in seen), seen  # nothing followed the redirect
    result = CliRunner().invoke(main, ["push", str(plan_build), base + "/store", "--timeout", "10"])
    assert result.exit_code == 2 and "redirected" in result.output and "sent" not in result.output


def test_a_200_from_something_that_is_no_sparql_server_is_not_success(plan_build, fake_server):
    base, _ = fake_server(PUT=lambda h, body: _reply(h, 200, b"<html>welcome</html>", "text/html"),
                          GET=lambda h, body: _reply(h, 200, b"<html>welcome</html>", "text/html"),
                          POST=lambda h, body: _reply(h, 200, b"<html>welcome</html>", "text/html"))
    with pytest.raises(QueryError, match="cannot be counted"):
        push(plan_build, base + "/store", timeout=10)


def test_a_graph_that_did_not_land_whole_is_named(plan_build, fake_server):
    """A server that takes every PUT and keeps one triple less of each graph."""
    expected = {}
    for quad in MemoryStore(plan_build).quads():
        expected[quad.graph_name.value] = expected.get(quad.graph_name.value, 0) + 1

    def counts(handler, body):
        rows = [{"g": {"type": "uri", "value": name}, "n": {"type": "literal", "value": str(count - 1)}}
                for name, count in expected.items()]
        _reply(handler, 200, json.dumps({"head": {"vars": ["g", "n"]}, "results": {"bindings": rows}}).encode(),
               "application/sparql-results+json")

    base, _ = fake_server(PUT=lambda h, body: _reply(h, 204), POST=counts, GET=counts)
    with pytest.raises(QueryError, match=f"{len(expected)} of {len(expected)} graphs did not land whole"):
        push(plan_build, base + "/store", timeout=10)


def test_push_gives_up_after_its_timeout(plan_build, fake_server):
    base, _ = fake_server(PUT=lambda h, body: time.sleep(30), GET=lambda h, body: None, POST=lambda h, body: None)
    started = time.monotonic()
    with pytest.raises(QueryError, match="cannot connect|timed out"):
        push(plan_build, base + "/store", timeout=1)
    assert time.monotonic() - started < 10


def test_push_to_kg_serve_is_counted_there(plan_build):
    from kg.serve import make_server

    server = make_server(plan_build, port=0, allow_updates=True, workers=2)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        sent = push(plan_build, base + "/store", timeout=30)
        assert sum(sent.values()) == len(MemoryStore(plan_build))
    finally:
        server.shutdown()
        server.server_close()
