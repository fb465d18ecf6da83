"""The founding plan against its hand-checked gold (a copy of shared/gold kept beside the tests)."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

HERE = Path(__file__).resolve().parent
PLAN = HERE.parent / "corpus" / "322-KH-UBND-2023-kon-tum.txt"
GOLD = json.loads((HERE / "fixtures" / "gold-322-KH-UBND-2023-kon-tum.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def output():
    result = CliRunner().invoke(main, ["extract", str(PLAN), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _key(instrument):
    return instrument.get("number") or instrument.get("title")


def test_every_gold_instrument_with_every_field(output):
    predicted = {_key(i): i for i in output["instruments"]}
    assert len(output["instruments"]) == len(GOLD["instruments"])
    for gold in GOLD["instruments"]:
        got = predicted[_key(gold)]
        for field in ("doc_type", "number", "date", "year", "issuer", "mentions"):
            if gold.get(field) is not None:
                assert got[field] == gold[field], (_key(gold), field)


def test_the_documents_own_identity(output):
    for field, value in GOLD["document"].items():
        assert output["document"][field] == value, field


def test_task_citations(output):
    labels = {i["iri"]: _key(i) for i in output["instruments"]}
    sections = {s["id"]: s for s in output["sections"]}
    for task, cited in GOLD["tasks"].items():
        assert sections[task]["kind"] == "task"
        got = {labels[iri] for iri in sections[task]["cites"]}
        want = {next((_key(i) for i in GOLD["instruments"] if c in (i.get("number"), i.get("title"))), c)
                for c in cited}
        assert got == want, task


def test_relations_between_cited_instruments_and_to_the_plan(output):
    labels = {i["iri"]: _key(i) for i in output["instruments"]}
    labels[output["document"]["iri"]] = "plan"
    stated = {(labels.get(r["subject"]), r["predicate"], labels.get(r["object"])) for r in output["relations"]}
    for relation in GOLD["relations_between_cited"]:
        assert (relation["from"], relation["relation"], relation["to"]) in stated
    assert ("plan", "implements", "33/CT-TTg") in stated


def test_agencies_deadlines_and_reporting(output):
    sections = {s["id"]: s for s in output["sections"]}
    for duty in GOLD["agencies_and_deadlines"]:
        section = sections[duty["section"]]
        if "lead" in duty:
            assert section["lead"] == duty["lead"]
        if "reports_to" in duty:
            assert section["reports_to"] == duty["reports_to"]
            assert section["via"] == duty["via"]
        if "deadline" in duty:
            assert duty["deadline"] in section.get("deadlines", [section.get("deadline")])
