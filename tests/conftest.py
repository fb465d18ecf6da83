"""Shared fixtures: the founding plan's build, made once per session (the store, serve and push
tests read it); ``kg serve`` over it, a test's own or one per module and set of options; and the
corpus graph, built once per session (graph tests read it; they are marked slow below)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
PLAN = CORPUS / "322-KH-UBND-2023-kon-tum.txt"


@pytest.fixture(scope="session")
def plan_build(tmp_path_factory) -> Path:
    """The founding plan built once, read only by the tests that take it (a test that writes copies it
    first; ``kg serve --allow-updates`` works on a copy in memory)."""
    from kg.build import build

    out = tmp_path_factory.mktemp("plan-build")
    assert build([PLAN], out).ok
    return out


class Server:
    """A ``kg serve`` process over the founding plan's build, and where it listens."""

    def __init__(self, process: subprocess.Popen, base: str):
        self.process, self.base = process, base
        host, port = base[len("http://"):].split(":")
        self.host, self.port = host, int(port)

    @classmethod
    def start(cls, build: Path, *options: str) -> "Server":
        process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(build), "--port", "0", *options],
                                   stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=ROOT)
        line = process.stderr.readline()
        match = re.search(r"http://([\d.]+):(\d+)/query", line)
        if not match:
            process.kill()
            pytest.fail(f"kg serve {' '.join(options)} did not start: {line}{process.stderr.read()}")
        return cls(process, f"http://{match[1]}:{match[2]}")

    def wait_ready(self, workers: int = 1, seconds: float = 60.0) -> None:
        """Until ``workers`` worker processes are up and one has answered: a test that times a query
        against ``--timeout`` must not count the server's own start (8 workers spawned, each importing
        kg and loading the graph, can take longer than a 1-second bound on a loaded machine)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if len(self.workers()) >= workers:
                try:
                    with urllib.request.urlopen(self.base + "/query?query=ASK%20%7B%7D", timeout=seconds) as answer:
                        if answer.status == 200:
                            return
                except urllib.error.HTTPError:  # 503: no worker ready within the bound yet
                    pass
            time.sleep(0.05)
        pytest.fail(f"kg serve at {self.base} had no {workers} workers ready within {seconds:g} s")

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()

    def workers(self) -> list[int]:
        """The server's worker processes (its children)."""
        children = []
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            children += [int(pid) for pid in (task / "children").read_text().split()]
        return children

    def workers_cpu(self) -> float:
        """Seconds of CPU its workers have used between them."""
        total = 0
        for pid in self.workers():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])
        return total / os.sysconf("SC_CLK_TCK")


@pytest.fixture()
def kg_serve(plan_build):
    """``kg serve`` in its own process (a runaway query cannot be cancelled, only killed with it):
    ``start(*options) -> Server``, a server of the test's own, killed after it. For a test that
    writes through it, stops its workers, kills it or reads what it logs."""
    servers = []

    def start(*options: str) -> Server:
        servers.append(Server.start(plan_build, *options))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="module")
def shared_kg_serve(plan_build):
    """``start(*options) -> Server`` as ``kg_serve``, but one server per set of options for the
    module: for tests that only send requests and read the answers, which a server's earlier
    answers do not change (starting one costs a process, its imports, the graph and 8 spawned
    workers). Stopped with the module, so its workers are not held through the rest of the suite."""
    servers: dict[tuple[str, ...], Server] = {}
    logged: dict[tuple[str, ...], list[str]] = {}

    def start(*options: str) -> Server:
        if options not in servers:
            server = servers[options] = Server.start(plan_build, *options)
            logged[options] = []  # read as it comes, so a long-lived server never blocks on a full pipe
            threading.Thread(target=lambda: logged[options].extend(server.process.stderr), daemon=True).start()
        server = servers[options]
        if server.process.poll() is not None:  # an earlier test's request ended it: that is a failure, not a restart
            pytest.fail(f"the shared kg serve {' '.join(options)} exited ({server.process.returncode}):\n"
                        + "".join(logged[options]))
        return server

    yield start
    for server in servers.values():
        server.stop()


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory) -> Path:
    """A build directory of all 374 corpus documents, with two worker processes and the reading table
    (so every corpus test that opens the build reads through the table; plan_build has none)."""
    from kg.build import build

    output = tmp_path_factory.mktemp("build")
    report = build([CORPUS], output, workers=2, reading_table=True)
    assert report.ok, report.summary()
    return output


@pytest.fixture(scope="session")
def corpus_store(corpus_build):
    from kg.store import MemoryStore

    return MemoryStore(corpus_build)


@pytest.fixture(scope="session")
def corpus_catalog(corpus_store):
    """What the pages draw from (kg.views), read once from the corpus graph."""
    from kg.views import load_catalog

    return load_catalog(corpus_store)


@pytest.fixture(scope="session")
def corpus_site(corpus_catalog, corpus_store, tmp_path_factory):
    """The static site of the whole corpus (kg site), written once: (directory, SiteReport)."""
    from kg.views import write_site

    output = tmp_path_factory.mktemp("site")
    report = write_site([CORPUS], output, corpus_catalog, store=corpus_store)
    assert not report.failed, report.summary()
    return output, report


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    """A plan whose title, headings and sentences hold markup, under file names full of dots and
    markup, built and written as a site (kg.views): (corpus, catalog, site directory, SiteReport)."""
    from kg import views
    from kg.build import build
    from kg.store import MemoryStore

    corpus = tmp_path_factory.mktemp("hostile-corpus")
    text = (Path(__file__).parent / "data" / "hostile-plan.txt").read_text(encoding="utf-8")
    (corpus / "..<script>alert(1)<%2f>..plan.txt").write_text(text, encoding="utf-8")
    (corpus / ".. .txt").write_text(text.replace("999/KH-UBND", "998/KH-UBND"), encoding="utf-8")
    output = tmp_path_factory.mktemp("hostile-build")
    report = build([corpus], output)
    assert report.ok, report.summary()
    catalog = views.load_catalog(MemoryStore(output))
    site = tmp_path_factory.mktemp("hostile-site") / "site"
    result = views.write_site([corpus], site, catalog)
    assert not result.failed, result.summary()
    return corpus, catalog, site, result


# The tests that build the whole corpus (through the fixtures above), drive a browser, run the
# notebook or the benchmark generator are marked slow: `make test-fast` (-m "not slow") leaves them
# out for a quick loop; `make test` (CI) runs everything.
_SLOW_FIXTURES = frozenset({"corpus_build", "corpus_store", "corpus_catalog", "corpus_site"})
_SLOW_FILES = frozenset({"test_browser.py", "test_notebook.py", "test_bench_synthetic.py"})


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ())) or item.path.name in _SLOW_FILES:
            item.add_marker(pytest.mark.slow)
