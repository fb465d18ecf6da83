"""Lineage over the corpus graph: a task's foundations, multi-hop chains, shared ancestors, PageRank."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg import lineage
from kg.cli import main
from kg.namespaces import sparql_prefixes


@pytest.fixture(scope="module")
def graph(corpus_store):
    return lineage.load(corpus_store)


def _walk(tree):
    yield tree
    for child in tree["children"]:
        yield from _walk(child)


def _labels(tree):
    return [entry["label"] for entry in _walk(tree)]


def test_task_ii5_of_the_plan_rests_on_its_decisions_and_through_the_amendment_on_21_2018(corpus_store, graph):
    task = lineage.find_start(corpus_store, "322/KH-UBND", "II.5")
    tree = lineage.upstream(graph, task)
    labels = _labels(tree)
    for number in ("1847/QĐ-TTg", "319/QĐ-BNV", "15/2019/QĐ-UBND", "21/2018/QĐ-UBND"):
        assert number in labels, number
    decision = next(c for c in tree["children"] if c["label"] == "15/2019/QĐ-UBND")
    assert [(c["relation"], c["label"]) for c in decision["children"]] == [("amends", "21/2018/QĐ-UBND")]


def test_a_circular_rests_on_a_decree_that_rests_on_a_law(corpus_store, graph):
    circular = lineage.find_start(corpus_store, "107/2025/TT-BTC")
    tree = lineage.upstream(graph, circular, relations=("basedOn",), depth=2)
    decree = next(c for c in tree["children"] if c["label"] == "233/2025/NĐ-CP")
    assert decree["relation"] == "basedOn"
    laws = {c["label"] for c in decree["children"]}
    assert {"51/2024/QH15", "63/2025/QH15"} <= laws
    # the decree is itself in the corpus: the chain crosses documents
    held = corpus_store.query(sparql_prefixes("kg") + """
        SELECT ?d ?path WHERE { ?f kg:describes ?d ; kg:path ?path }""", {"d": _iri(decree)}).records()
    assert held and held[0]["path"].startswith("corpus/congbao/")


def _iri(entry):
    import pyoxigraph as ox
    return ox.NamedNode(entry["iri"])


def test_plans_of_different_provinces_share_resolution_57_expanded_once(corpus_store, graph):
    plans = [lineage.find_start(corpus_store, number) for number in ("144/KH-UBND", "179/KH-UBND", "987/KH-UBND")]
    assert len({p.rsplit("/", 1)[1] for p in plans}) == 3  # three provinces
    tree = lineage.upstream(graph, plans, depth=1)
    meetings = [entry for entry in _walk(tree) if entry["label"] == "57-NQ/TW"]
    assert len(meetings) == 3
    assert sum(1 for entry in meetings if not entry.get("seen")) == 1  # one node, expanded once


def test_downstream_of_resolution_57_reaches_plans_of_several_provinces(corpus_store, graph):
    resolution = lineage.find_start(corpus_store, "57-NQ/TW")
    tree = lineage.downstream(graph, resolution, depth=1)
    provinces = {c["iri"].rsplit("/", 1)[1] for c in tree["children"] if "/ke-hoach/" in c["iri"]}
    assert {"tinh-bac-ninh", "tinh-dong-nai", "tinh-nghe-an"} <= provinces


def test_paths_between_two_instruments(corpus_store, graph):
    circular = lineage.find_start(corpus_store, "107/2025/TT-BTC")
    law = lineage.find_start(corpus_store, "63/2025/QH15")
    found = lineage.paths(graph, circular, law, cutoff=2)
    assert found and found[0][0] == circular and found[0][-1] == law
    assert any(len(path) == 3 and "233-2025-nd-cp" in path[1] for path in found)


def test_pagerank_puts_the_party_resolution_and_laws_among_the_most_foundational(graph):
    top = [graph.nodes[iri].get("label") for iri, _ in lineage.foundational(graph, top=10)]
    assert "57-NQ/TW" in top
    assert any(label and "/QH" in label for label in top)


def test_cli_lineage_text_and_json(corpus_build):
    runner = CliRunner()
    text = runner.invoke(main, ["lineage", str(corpus_build), "322/KH-UBND", "--task", "II.5"])
    assert text.exit_code == 0, text.output
    assert text.output.splitlines()[0] == "322/KH-UBND II.5"
    assert "amends 21/2018/QĐ-UBND" in text.output
    data = runner.invoke(main, ["lineage", str(corpus_build), "322/KH-UBND", "--task", "II.5", "--format", "json"])
    assert json.loads(data.output)["iri"].endswith("/section/ii.5")
    missing = runner.invoke(main, ["lineage", str(corpus_build), "322/KH-UBND", "--task", "IX.9"])
    assert missing.exit_code == 2 and "task IX.9 of 322/KH-UBND: not in the graph" in missing.output


def test_cli_lineage_of_a_task_that_rests_on_nothing_says_so_in_words(corpus_build):
    # task II.2 of the founding plan cites no instrument (its gold lists none): no IRI is printed
    runner = CliRunner()
    up = runner.invoke(main, ["lineage", str(corpus_build), "322/KH-UBND", "--task", "II.2"])
    assert up.exit_code == 0, up.output
    assert up.output.strip() == ("322/KH-UBND II.2: rests on nothing in the graph "
                                 "(it cites no instrument and states no basis)")
    down = runner.invoke(main, ["lineage", str(corpus_build), "322/KH-UBND", "--task", "II.2", "--down"])
    assert down.exit_code == 0 and "nothing in the graph rests on it" in down.output
    assert "https://" not in up.output + down.output
