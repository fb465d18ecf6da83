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
from kg.errors import QueryError
from kg.query import run_named
from kg.store import DiskStore, MemoryStore, RdflibStore, RemoteStore, Store, open_store, push

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "corpus" / "322-KH-UBND-2023-kon-tum.txt"
OXIGRAPH = shutil.which("oxigraph") or str(Path(__import__("sys").executable).parent / "oxigraph")


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


@pytest.mark.parametrize("kind", ["auto", "memory", "disk", "rdflib"])
def test_every_store_is_a_store_and_answers_as_the_others(plan_build, kind):
    store = open_store(plan_build, kind)
    assert isinstance(store, Store)
    assert _rows(store, "who-cites", {"number": "15/2019/QĐ-UBND"}) == \
        _rows(MemoryStore(plan_build), "who-cites", {"number": "15/2019/QĐ-UBND"})
    assert isinstance(RemoteStore("http://127.0.0.1:9/query"), Store)
    assert not isinstance(plan_build, Store)


def test_the_build_leaves_a_ready_store_that_is_opened_not_loaded(plan_build):
    from kg.store import open_store

    stamp = plan_build / "oxigraph" / "loaded-from.json"
    assert stamp.is_file(), "kg build leaves the on-disk store beside graph.nq"
    loaded = stamp.stat().st_mtime_ns
    store = open_store(plan_build)
    assert isinstance(store, DiskStore) and store.source == "store"
    assert stamp.stat().st_mtime_ns == loaded
    assert len(store) == len(MemoryStore(plan_build))
    with pytest.raises(QueryError, match="read-only"):
        store.update("INSERT DATA { <http://a> <http://b> <http://c> }")


def test_a_store_older_than_graph_nq_is_not_read(tmp_path):
    """graph.nq rewritten after the store (a build killed between the two, or an edit by hand):
    the reading commands parse graph.nq instead of answering from the stale store."""
    from kg.store import open_store, ready_store_is_fresh, refresh_ready_store

    assert build([PLAN], tmp_path).ok
    graph = tmp_path / "graph.nq"
    extra = '<http://example.org/a> <http://example.org/b> "after the store" <http://example.org/g> .\n'
    graph.write_text(graph.read_text(encoding="utf-8") + extra, encoding="utf-8")
    assert not ready_store_is_fresh(tmp_path)
    store = open_store(tmp_path)
    assert isinstance(store, MemoryStore) and store.source == "graph.nq"
    assert store.query("ASK { ?s ?p 'after the store' }").boolean
    refresh_ready_store(tmp_path)
    store = open_store(tmp_path)
    assert isinstance(store, DiskStore) and store.query("ASK { ?s ?p 'after the store' }").boolean
    shutil.rmtree(tmp_path / "oxigraph")
    assert isinstance(open_store(tmp_path), MemoryStore)


def test_a_rebuild_after_one_file_changed_updates_the_store_graph_by_graph(tmp_path):
    """The store of a one-file rebuild is the old one with that file's graph and the instruments'
    graph replaced (hard-linked from a checkpoint, not loaded again), and holds exactly graph.nq."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    other = sorted((ROOT / "corpus" / "plans").glob("*.txt"), key=lambda p: p.stat().st_size)[0]
    shutil.copy(PLAN, corpus / PLAN.name)
    shutil.copy(other, corpus / other.name)
    out = tmp_path / "build"
    assert build([corpus], out).ok
    before = {p.name: p.stat().st_ino for p in (out / "oxigraph").glob("*.sst")}
    held = set(open_store_fresh(out).quads())
    text = (corpus / other.name).read_text(encoding="utf-8")
    (corpus / other.name).write_text(text + "\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n",
                                     encoding="utf-8")
    assert build([corpus], out).ok
    after = {p.name: p.stat().st_ino for p in (out / "oxigraph").glob("*.sst")}
    assert set(before.items()) & set(after.items()), "the old store's files were reused"
    store = open_store_fresh(out)
    assert set(store.quads()) == set(MemoryStore(out).quads()) != held
    assert not list(out.glob(".oxigraph-*"))


def open_store_fresh(location):
    from kg.store import open_store

    store = open_store(location)
    assert isinstance(store, DiskStore)
    return store


def test_a_rebuild_that_changes_nothing_keeps_the_store(plan_build, tmp_path):
    out = tmp_path / "again"
    shutil.copytree(plan_build, out)
    files = {p.name: p.stat().st_mtime_ns for p in (out / "oxigraph").iterdir() if p.suffix == ".sst"}
    assert build([PLAN], out).ok
    assert {p.name: p.stat().st_mtime_ns for p in (out / "oxigraph").iterdir() if p.suffix == ".sst"} == files


def test_without_a_store_auto_parses_a_small_graph_and_loads_a_large_one_on_disk(plan_build, tmp_path,
                                                                                monkeypatch):
    import kg.store
    from kg.store import open_store

    out = tmp_path / "no-store"
    shutil.copytree(plan_build, out, ignore=shutil.ignore_patterns("oxigraph"))
    assert isinstance(open_store(out), MemoryStore)
    monkeypatch.setattr(kg.store, "AUTO_DISK_BYTES", (out / "graph.nq").stat().st_size - 1)
    store = open_store(out)
    assert isinstance(store, DiskStore) and (out / "oxigraph" / "loaded-from.json").is_file()
    assert len(store) == len(MemoryStore(out))


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
