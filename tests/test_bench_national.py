"""bench/bench_national.py's corpus, small: every file its own document unless its identity agrees,
articles of one code one document, the files without a header reported, who-cites answers.

No timings here: speed is measured by the bench, never by tests.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_national import make_corpus, merges  # noqa: E402

from kg.build import build  # noqa: E402
from kg.query import run_named  # noqa: E402
from kg.store import MemoryStore  # noqa: E402

DOCUMENTS = [ROOT / "corpus" / "322-KH-UBND-2023-kon-tum.txt",
             ROOT / "corpus" / "congbao" / "bhxh" / "nghi-dinh-so-158-2025-nd-cp-45240.txt",
             ROOT / "corpus" / "congbao" / "bhxh" / "luat-so-51-2024-qh15-43559.txt"]


def test_national_corpus_merges_only_files_whose_identity_agrees(tmp_path):
    target = tmp_path / "quoc-gia"
    truth = make_corpus(target, 150, documents=DOCUMENTS, workers=1)
    assert len(truth) == 153 and sum(identity is None for identity in truth.values()) == 50
    report = build([target], tmp_path / "build")
    assert report.ok and report.files_read == 153
    assert sorted(report.unnumbered) == sorted(label for label, identity in truth.items() if identity is None)
    merged = merges(tmp_path / "build", truth)
    assert merged["wrong"] == {}
    assert merged["files"] == 153 and merged["shared"] >= 2  # the articles of a code are one law
    assert merged["documents"] == 153 - merged["files_in_shared"] + merged["shared"]
    store = MemoryStore(tmp_path / "build")
    citing = run_named(store, "who-cites", {"number": "158/2025/NĐ-CP"}).records()
    assert any("/bo-luat/" in row["source"] for row in citing)
    assert any(row["quote"] and "158/2025/NĐ-CP" in row["quote"] for row in citing)


def test_national_corpus_graph_is_the_graph_of_one_dataset_call(tmp_path):
    """A third of these articles cite undated laws a corpus document dates: the build renames them in
    the cached blocks (kg.rdf.dated_nquads) rather than making those graphs again, and the graph is
    still, quad for quad, the one kg.rdf.dataset makes of the same texts."""
    import hashlib

    import pyoxigraph as ox

    from kg.build import input_files
    from kg.extract import extract_file
    from kg.rdf import dataset

    target = tmp_path / "quoc-gia"
    # a consolidated text is cited by its number alone ("Văn bản hợp nhất số 467/VBHN-BLĐTBXH"),
    # undated, and dated by its own text: the articles citing it are the files the build renames
    consolidated = ROOT / "corpus" / "congbao" / "bhxh" / "van-ban-hop-nhat-so-467-vbhn-bldtbxh-44195.txt"
    make_corpus(target, 150, documents=[*DOCUMENTS, consolidated], workers=1)
    build([target], tmp_path / "build", workers=2)
    files, _, _ = input_files([target])
    sources = [(label, hashlib.sha256(path.read_bytes()).hexdigest(), extract_file(path)) for path, label in files]
    reference = ox.serialize(dataset(sources), format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines()
    built = (tmp_path / "build" / "graph.nq").read_text(encoding="utf-8").splitlines()
    assert sorted(built) == sorted(reference)
