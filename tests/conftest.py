"""Shared fixtures: the corpus graph, built once per test session (graph tests read it)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


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
def corpus_site(corpus_catalog, tmp_path_factory):
    """The static site of the whole corpus (kg site), written once: (directory, SiteReport)."""
    from kg.views import write_site

    output = tmp_path_factory.mktemp("site")
    report = write_site([CORPUS], output, corpus_catalog)
    assert not report.failed, report.summary()
    return output, report
