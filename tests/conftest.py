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
