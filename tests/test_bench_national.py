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
