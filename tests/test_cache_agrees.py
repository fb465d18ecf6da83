"""What the build cache gives back is what a fresh extraction gives, field by field, for every corpus file
(issue 20: a cached extraction once held deadlines as a list where a fresh one held a tuple)."""
from __future__ import annotations

from pathlib import Path

from kg.cache import cached_extractions, from_json
from kg.extract import extract_file

ROOT = Path(__file__).resolve().parent.parent


def test_every_cached_extraction_equals_a_fresh_one(corpus_build):
    cached = {data["document"]["instrument"]["iri"] + "|" + data["source"]: from_json(data)
              for data in cached_extractions(corpus_build)}
    assert len(cached) >= 374
    checked = 0
    for key, extraction in cached.items():
        path = ROOT / extraction.source
        if not path.is_file():
            path = ROOT / "corpus" / extraction.source
        fresh = extract_file(path)
        # the source label is the build's (relative to its input); everything else must be equal
        assert extraction.document == fresh.document, key
        assert extraction.citations == fresh.citations, key
        assert extraction.sections == fresh.sections, key
        assert extraction.relations == fresh.relations, key
        assert extraction.force == fresh.force, key
        assert extraction.warnings == fresh.warnings, key
        checked += 1
    assert checked == len(cached)
