"""bench/synthetic.py: the same seed gives the same bytes, and the real named queries answer its graph.

No timings here: speed is measured by bench/run.py, never by tests.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

from synthetic import Corpus, write_nquads  # noqa: E402

from kg.query import run_named  # noqa: E402
from kg.rdf import dataset  # noqa: E402
from kg.store import MemoryStore  # noqa: E402

DOCUMENTS = 40


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("synthetic") / "graph.nq"
    write_nquads(DOCUMENTS, path, seed=7)
    return path


def test_same_seed_same_bytes_in_another_interpreter(graph, tmp_path):
    # Another process with another string-hash seed: no set or dict order may leak into the output.
    again = tmp_path / "again.nq"
    subprocess.run([sys.executable, str(BENCH / "synthetic.py"), "generate", str(DOCUMENTS), "-o", str(again),
                    "--seed", "7"], check=True, env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert again.read_bytes() == graph.read_bytes()


def test_another_seed_another_graph(graph, tmp_path):
    other = tmp_path / "other.nq"
    write_nquads(DOCUMENTS, other, seed=8)
    assert other.read_bytes() != graph.read_bytes()


@pytest.mark.parametrize("profile", ["full", "citations"])
def test_a_graph_written_in_parts_is_the_graph_of_one_dataset_call(tmp_path, profile):
    # Workers write parts and tally the instruments; the quads must be those of kg.rdf.dataset over
    # all of the documents, each once, with one count per cited instrument.
    import pyoxigraph as ox

    path = tmp_path / "parts.nq"
    written = write_nquads(25, path, seed=2, profile=profile, workers=3)
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    assert set(quads) == set(dataset(Corpus(25, seed=2).extractions(), profile))
    assert written == len(quads) == len(set(quads))
    counts = [q.subject for q in quads if q.predicate.value.endswith("#citingDocuments")]
    assert counts and len(counts) == len(set(counts))
    assert not list(tmp_path.glob("*.part*"))


@pytest.mark.parametrize("name", ["lineage-of-task", "who-cites", "amendment-chain", "most-cited"])
def test_named_queries_answer_the_synthetic_graph(graph, name):
    store = MemoryStore(graph)
    values = Corpus(DOCUMENTS, seed=7).parameters()[name]
    assert values, f"the generator offers no parameters for {name}"
    answered = [len(run_named(store, name, value).rows) for value in values]
    assert all(answered), f"{name} found nothing for some of {values}"
