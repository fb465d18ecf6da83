"""The stores agree; the on-disk store persists; push reaches a real Oxigraph server; serve is bounded."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.build import build
from kg.query import run_named
from kg.store import DiskStore, MemoryStore, RdflibStore, RemoteStore, push

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "corpus" / "322-KH-UBND-2023-kon-tum.txt"
OXIGRAPH = shutil.which("oxigraph") or str(Path(__import__("sys").executable).parent / "oxigraph")


@pytest.fixture(scope="module")
def plan_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("plan-build")
    assert build([PLAN], out).ok
    return out


def _rows(store, name, params):
    return sorted((tuple(sorted(r.items())) for r in run_named(store, name, params).records()), key=str)


@pytest.mark.parametrize("name, params", [("who-cites", {"number": "15/2019/QĐ-UBND"}),
                                          ("lineage-of-task", {"document": "322/KH-UBND", "task": "II.5"}),
                                          ("most-cited", {})])
def test_memory_disk_and_rdflib_stores_answer_alike(plan_build, name, params):
    memory = _rows(MemoryStore(plan_build), name, params)
    assert memory
    assert _rows(RdflibStore(plan_build), name, params) == memory
    assert _rows(DiskStore(plan_build), name, params) == memory


def test_the_disk_store_is_loaded_once_and_reopened(plan_build):
    DiskStore(plan_build)
    stamp = plan_build / "oxigraph" / "loaded-from.sha256"
    loaded = stamp.stat().st_mtime_ns
    store = DiskStore(plan_build)
    assert stamp.stat().st_mtime_ns == loaded
    assert len(store) == len(MemoryStore(plan_build))


def test_auto_keeps_a_corpus_sized_graph_in_memory_and_a_larger_one_on_disk(plan_build, monkeypatch):
    import kg.store
    from kg.store import open_store

    assert isinstance(open_store(plan_build), MemoryStore)
    monkeypatch.setattr(kg.store, "AUTO_DISK_BYTES", (plan_build / "graph.nq").stat().st_size - 1)
    store = open_store(plan_build)
    assert isinstance(store, DiskStore) and (plan_build / "oxigraph" / "loaded-from.sha256").is_file()
    assert len(store) == len(MemoryStore(plan_build))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(url)


@pytest.fixture()
def oxigraph_server(tmp_path):
    if not Path(OXIGRAPH).exists():
        pytest.fail("the oxigraph server (PyPI package 'oxigraph', in the test extras) is not installed")
    port = _free_port()
    process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "db"), "--bind",
                                f"127.0.0.1:{port}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/query")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize("protocol, path", [("gsp", "/store"), ("update", "/update")])
def test_push_to_an_oxigraph_server_then_query_it(plan_build, oxigraph_server, protocol, path):
    sent = push(plan_build, oxigraph_server + path, protocol=protocol)
    assert sum(sent.values()) == len(MemoryStore(plan_build))
    remote = RemoteStore(oxigraph_server + "/query")
    assert _rows(remote, "who-cites", {"number": "15/2019/QĐ-UBND"}) == \
           _rows(MemoryStore(plan_build), "who-cites", {"number": "15/2019/QĐ-UBND"})
    # pushing again replaces each graph instead of doubling it
    push(plan_build, oxigraph_server + path, protocol=protocol)
    count = remote.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").records()[0]["n"]
    assert int(count) == sum(sent.values())


def test_remote_bindings_cannot_break_out(plan_build, oxigraph_server):
    push(plan_build, oxigraph_server + "/store")
    remote = RemoteStore(oxigraph_server + "/query")
    assert run_named(remote, "who-cites", {"number": '15/2019/QĐ-UBND" } UNION { ?x ?y ?z } #'}).rows == ()


@pytest.fixture()
def endpoint(plan_build):
    from kg.serve import make_server

    servers = []

    def start(**options):
        server = make_server(plan_build, port=0, **options)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return "http://127.0.0.1:%d" % server.server_address[1]

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _post(url, body: str, kind: str, method="POST"):
    request = urllib.request.Request(url, data=body.encode("utf-8"), method=method, headers={"Content-Type": kind})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_serve_answers_queries_bounds_rows_and_refuses_writes(endpoint):
    base = endpoint(max_rows=5)
    assert base.startswith("http://127.0.0.1:")
    query = "SELECT ?s WHERE { ?s a <https://w3id.org/kg-vn/ontology#Section> }"
    status, body = _get(base + "/query?" + urllib.parse.urlencode({"query": query}))
    data = json.loads(body)
    assert status == 200 and len(data["results"]["bindings"]) == 5 and data["truncated"]
    status, body = _get(base + "/query?" + urllib.parse.urlencode({"query": "SELEC ?x WHERE {"}))
    assert status == 400 and "malformed SPARQL" in body
    status, _ = _post(base + "/update", "DROP ALL", "application/sparql-update")
    assert status == 403
    status, _ = _post(base + "/store?graph=http://x/g", "<http://a> <http://b> <http://c> .",
                      "application/n-triples", method="PUT")
    assert status == 403
    status, body = _post(base + "/query", "ASK { ?s ?p ?o }", "application/sparql-query")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_serve_with_updates_takes_a_push(plan_build, endpoint):
    base = endpoint(allow_updates=True)
    before = RemoteStore(base + "/query").query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").records()[0]["n"]
    push(plan_build, base + "/store")
    after = RemoteStore(base + "/query").query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").records()[0]["n"]
    assert before == after  # the same graphs, replaced, not doubled
