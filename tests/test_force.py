"""Dates of force: every example kept in kg/data/force.json, and real corpus passages end to end."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.extract import extract_file, extract_source
from kg.force import find_dates_of_force
from kg.models import Citation, Document, Instrument
from kg.text import prepare_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = json.loads((ROOT / "kg" / "data" / "force.json").read_text(encoding="utf-8"))["examples"]
OWN = "https://w3id.org/kg-vn/id/own"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e["text"][:40])
def test_each_example_in_the_data_file_gives_its_dates(example):
    source = prepare_text(example["text"])
    document = Document(Instrument(OWN, example["type"], "1/XX", date=example["signed"]))
    citations = []
    if "cited" in example:  # the cited instruments, as the extractor finds them
        extraction = extract_source(source)
        citations = [c for c in extraction.citations if c.instrument.number in example["cited"]]
        assert citations, example["text"]
    facts = find_dates_of_force(source, document, citations)
    own = {f.kind: f.date for f in facts if f.iri == OWN}
    assert own.get("in_force_from") == example.get("in_force_from")
    assert own.get("in_force_until") == example.get("in_force_until")
    cited = {c.instrument.number: f.date for f in facts for c in citations if f.iri == c.instrument.iri}
    assert cited == example.get("cited", {})
    for fact in facts:  # every fact quotes exactly the characters it points at
        assert example["text"][fact.start:fact.end] == fact.quote


CORPUS_CASES = [
    # (file, the document's first day in force, its last day, the words)
    ("congbao/uu_dai_dt/thong-tu-so-23-2024-tt-bkhdt-44020.txt", "2025-03-01", None,
     "Thông tư này có hiệu lực thi hành kể từ ngày 01 tháng 3 năm 2025"),
    ("congbao/uu_dai_dt/thong-tu-so-07-2024-tt-bkhdt-41891.txt", "2024-06-15", None,
     "Thông tư này có hiệu lực thi hành kể từ ngày 15 tháng 6 năm 2024"),
]


@pytest.mark.parametrize("path,first,last,words", CORPUS_CASES, ids=lambda v: str(v)[-30:])
def test_a_gazette_document_says_when_it_comes_into_force(path, first, last, words):
    extraction = extract_file(ROOT / "corpus" / path)
    document = extraction.to_dict()["document"]
    assert document.get("in_force_from") == first
    assert document.get("in_force_until") == last
    span = document["evidence"]["in_force_from"]
    text = (ROOT / "corpus" / path).read_text(encoding="utf-8")
    assert " ".join(text[span["start"]:span["end"]].split()) == words


def test_a_form_inside_an_appendix_is_not_the_document():
    # 07/2024/TT-BKHĐT carries forms saying "Quyết định này có hiệu lực kể từ ngày ký": a Thông tư's
    # own date is only ever read from "Thông tư này ..."
    extraction = extract_file(ROOT / "corpus" / "congbao/uu_dai_dt/thong-tu-so-07-2024-tt-bkhdt-41891.txt")
    own = [f for f in extraction.force if f.iri == extraction.document.instrument.iri]
    assert [(f.kind, f.date) for f in own] == [("in_force_from", "2024-06-15")]
