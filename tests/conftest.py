"""Shared fixtures, each made once per test session: the founding plan's build (read by the store,
serve and push tests) and the corpus graph (graph tests read it)."""
from __future__ import annotations

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


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory) -> Path:
    """A build directory of all 374 corpus documents, with two worker processes."""
    from kg.build import build

    output = tmp_path_factory.mktemp("build")
    report = build([CORPUS], output, workers=2)
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
