"""Each named query on the corpus graph, with the rows it must give; parameters bound, never pasted."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import QueryError
from kg.namespaces import KG
from kg.query import named_queries, run_named


def test_every_query_file_is_described_and_declares_its_parameters():
    queries = named_queries()
    assert set(queries) == {"lineage-of-task", "who-cites", "amendment-chain", "most-cited",
                            "missing-from-corpus", "outline", "changes", "dates-of-force", "alerts",
                            "effects", "most-cited-articles", "who-cites-article"}
    for query in queries.values():
        assert query.description
        for name in query.parameters:
            assert f"?{name}" in query.text


def test_lineage_of_task(corpus_store):
    rows = run_named(corpus_store, "lineage-of-task", {"document": "322/KH-UBND", "task": "II.5"}).records()
    edges = {(r["fromLabel"], r["relation"][len(KG):], r["toLabel"]) for r in rows}
    # exactly these: a plain citation is followed from the task only, so the lineage stays the task's
    assert edges == {("II.5", "implements", "1847/QĐ-TTg"), ("II.5", "implements", "319/QĐ-BNV"),
                     ("II.5", "implements", "15/2019/QĐ-UBND"), ("II.5", "cites", "21/2018/QĐ-UBND"),
                     ("15/2019/QĐ-UBND", "amends", "21/2018/QĐ-UBND")}


def test_labels_read_by_a_second_query_are_those_an_optional_pattern_gives(corpus_store):
    """lineage-of-task labels its nodes after the query (kg.query._labelled) and orders the rows in
    Python (@order); the rows must be those of the same query with OPTIONAL label patterns and an
    ORDER BY, in that order."""
    query = named_queries()["lineage-of-task"]
    assert query.labels == ("from", "to") and query.order == ("fromLabel", "relation", "toLabel", "from", "to")
    assert not [line for line in query.text.splitlines() if line.startswith("ORDER BY")]
    text = query.text.replace("SELECT DISTINCT ?document ?task ?from ?relation ?to",
                              "SELECT DISTINCT ?document ?task ?from ?fromLabel ?relation ?to ?toLabel").rstrip()
    text = (text[:-1] + "  OPTIONAL { ?from <http://www.w3.org/2000/01/rdf-schema#label> ?fromLabel }\n"
            "  OPTIONAL { ?to <http://www.w3.org/2000/01/rdf-schema#label> ?toLabel }\n}\n"
            "ORDER BY ?fromLabel ?relation ?toLabel ?from ?to")
    from kg.query import bind
    for document, task in (("322/KH-UBND", "II.5"), ("322/KH-UBND", "II.1")):
        values = {"document": document, "task": task}
        named = run_named(corpus_store, "lineage-of-task", values).records()
        bindings = {name: bind(query.parameters[name], value) for name, value in values.items()}
        plain = corpus_store.query(text, bindings).records()
        assert named and all(row["fromLabel"] and row["toLabel"] for row in named)
        columns = ("from", "fromLabel", "relation", "to", "toLabel")
        assert [tuple(r[c] for c in columns) for r in named] == [tuple(r[c] for c in columns) for r in plain]


@pytest.mark.parametrize("number", ["15/2019/QĐ-UBND", "62/2022/NĐ-CP", "29/2025/NĐ-CP"])
def test_who_cites_ordered_by_kg_is_the_order_by_of_sparql(corpus_store, number):
    """who-cites is ordered in Python (@order: Oxigraph on disk pays for an ORDER BY by reading
    the compared terms back); the rows, and their order, must be those of an ORDER BY."""
    query = named_queries()["who-cites"]
    assert query.order == ("citingLabel", "source", "section", "relation")
    assert not [line for line in query.text.splitlines() if line.startswith("ORDER BY")]
    from kg.query import bind
    sparql = corpus_store.query(query.text.rstrip() + "\nORDER BY ?citingLabel ?source ?section ?relation",
                                {"number": bind(query.parameters["number"], number)}).records()
    named = run_named(corpus_store, "who-cites", {"number": number}).records()
    assert len(named) >= 2
    keys = ("citingLabel", "source", "section", "relation")
    assert [tuple(r[k] for k in keys) for r in named] == [tuple(r[k] for k in keys) for r in sparql]
    assert sorted(map(sorted, (r.items() for r in named)), key=repr) == \
        sorted(map(sorted, (((k, v) for k, v in r.items() if k != "number") for r in sparql)), key=repr)


def test_who_cites(corpus_store):
    rows = run_named(corpus_store, "who-cites", {"number": "15/2019/QĐ-UBND"}).records()
    assert {r["citingLabel"] for r in rows} == {"322/KH-UBND"}
    assert {r["source"] for r in rows} == {"corpus/322-KH-UBND-2023-kon-tum.txt"}
    assert "II.5" in {r["section"] for r in rows}
    # the words quoted are the cue that types the relation ("Thực hiện"), found in the plan's text
    text = open("corpus/322-KH-UBND-2023-kon-tum.txt", encoding="utf-8").read()
    assert all(r["quote"] and r["quote"] in text for r in rows)


def test_amendment_chain(corpus_store):
    rows = run_named(corpus_store, "amendment-chain", {"number": "21/2018/QĐ-UBND"}).records()
    assert [(r["changingLabel"], r["relation"][len(KG):], r["changedLabel"], r["date"]) for r in rows] == [
        ("15/2019/QĐ-UBND", "amends", "21/2018/QĐ-UBND", "2019-10-17")]


def test_amendment_chain_of_a_law_holds_its_history_not_the_siblings_of_an_omnibus_law(corpus_store):
    # Law 35/2018/QH14 amended 37 laws touching planning, the social insurance law 58/2014/QH13
    # among them: the chain of 58/2014 holds that amendment, never the other laws it amended
    rows = run_named(corpus_store, "amendment-chain", {"number": "58/2014/QH13"}).records()
    chain = [(r["changingLabel"], r["changedLabel"]) for r in rows]
    assert ("35/2018/QH14", "58/2014/QH13") in chain
    assert not any(changing == "35/2018/QH14" and changed != "58/2014/QH13" for changing, changed in chain)
    # each row changes the instrument itself or a text that changed it, directly or through another
    on_chain = {"58/2014/QH13"}
    for _ in rows:
        on_chain |= {changing for changing, changed in chain if changed in on_chain}
    assert all(changed in on_chain for _, changed in chain)
    # in date order (the changing text's date, else its year)
    when = [r["date"] or r["year"] for r in rows]
    assert when == sorted(when)
    assert len(rows) < 20


def test_most_cited(corpus_store):
    rows = run_named(corpus_store, "most-cited", {}).records()
    assert len(rows) == 25
    counts = [int(r["documents"]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    top = {r["label"]: int(r["documents"]) for r in rows[:5]}
    assert "62/2022/NĐ-CP" in top and top["62/2022/NĐ-CP"] >= 50


def test_missing_from_corpus(corpus_store):
    rows = run_named(corpus_store, "missing-from-corpus", {}).records()
    labels = {r["label"] for r in rows}
    assert {"62/2022/NĐ-CP", "1847/QĐ-TTg", "57-NQ/TW"} <= labels
    # a law the gazette set holds is not missing
    assert "51/2024/QH15" not in labels
    assert next(r for r in rows if r["label"] == "62/2022/NĐ-CP")["kind"] == "Nghị định"


def test_outline(corpus_store):
    rows = run_named(corpus_store, "outline", {"document": "322/KH-UBND"}).records()
    ids = [r["id"] for r in rows]
    assert ids.index("I") < ids.index("II") < ids.index("II.5") < ids.index("III")
    task = next(r for r in rows if r["id"] == "II.5")
    assert task["task"] == "true"
    assert set(task["restsOn"].split(" | ")) >= {"1847/QĐ-TTg", "319/QĐ-BNV", "15/2019/QĐ-UBND", "21/2018/QĐ-UBND"}


def test_a_value_crafted_to_break_out_of_the_query_is_only_a_value(corpus_store):
    before = len(corpus_store)
    hostile = '15/2019/QĐ-UBND" } UNION { ?cited ?p ?o } #'
    assert run_named(corpus_store, "who-cites", {"number": hostile}).rows == ()
    assert run_named(corpus_store, "who-cites", {"number": "x\" } ; DROP ALL ; #"}).rows == ()
    assert len(corpus_store) == before


def test_parameters_are_checked(corpus_store):
    with pytest.raises(QueryError, match="missing parameter"):
        run_named(corpus_store, "who-cites", {})
    with pytest.raises(QueryError, match="unknown parameter"):
        run_named(corpus_store, "most-cited", {"number": "1"})
    with pytest.raises(QueryError, match="no such query"):
        run_named(corpus_store, "nope", {})


def test_cli_query_named_csv_json_and_raw_sparql(corpus_build):
    runner = CliRunner()
    out = runner.invoke(main, ["query", str(corpus_build), "who-cites", "--param", "number=15/2019/QĐ-UBND",
                               "--format", "csv"])
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert rows and rows[0]["citingLabel"] == "322/KH-UBND"
    out = runner.invoke(main, ["query", str(corpus_build), "--format", "json", "--sparql",
                               "SELECT (COUNT(*) AS ?n) WHERE { ?f a <https://w3id.org/kg-vn/ontology#SourceFile> }"])
    assert json.loads(out.output)["rows"] == [{"n": "374"}]
    bad = runner.invoke(main, ["query", str(corpus_build), "--sparql", "SELEC nothing"])
    assert bad.exit_code == 2 and "malformed SPARQL" in bad.output
