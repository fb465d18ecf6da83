"""One copy of each relation between two instruments, in the instruments' graph, agreeing with
what the files state (kg.rdf.is_shared_edge): on the corpus build, every relation a file states of
an instrument other than its own document is in the instruments' graph once and in no file's
graph, and every such copy is stated by some file's evidence, with its words."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.namespaces import ID, KG, RDF
from kg.rdf import INSTRUMENTS_GRAPH, PREDICATES, is_shared_edge
from kg.store import open_store

RELATIONS = {KG + name for name in PREDICATES.values()}


@pytest.fixture(scope="module")
def oxigraph(corpus_build) -> ox.Store:
    return open_store(corpus_build, "memory").store


def _node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


@pytest.fixture(scope="module")
def stated(oxigraph) -> dict[tuple[str, str, str], set[str]]:
    """{(subject, relation, object): the files whose evidence states it} for the relations of
    instruments other than the stating file's document, read from the evidence records."""
    describes = {q.subject.value: q.object.value
                 for q in oxigraph.quads_for_pattern(None, _node(KG + "describes"), None)}
    found: dict[tuple, set[str]] = {}
    for quad in oxigraph.quads_for_pattern(None, _node(RDF + "type"), _node(KG + "Assertion")):
        facts = {q.predicate.value: q.object.value for q in oxigraph.quads_for_pattern(quad.subject, None, None)}
        edge = (facts[RDF + "subject"], facts[RDF + "predicate"], facts[RDF + "object"])
        source = facts[KG + "inSource"]
        if is_shared_edge(edge[0], describes[source]):
            found.setdefault(edge, set()).add(source)
    return found


def _edges(oxigraph, graph=None) -> list[tuple[str, str, str, str]]:
    return [(q.subject.value, q.predicate.value, q.object.value, q.graph_name.value)
            for relation in sorted(RELATIONS)
            for q in oxigraph.quads_for_pattern(None, _node(relation), None, graph)]


def test_the_instruments_graph_holds_each_relation_the_files_state_of_others_once(oxigraph, stated):
    shared = _edges(oxigraph, _node(INSTRUMENTS_GRAPH))
    assert len(shared) == len(set(shared))
    assert {(s, p, o) for s, p, o, _ in shared} == set(stated)
    # a real one, restated by many plans: "Nghị định số 29/2025/NĐ-CP ... được sửa đổi, bổ sung bởi
    # Nghị định số 166/2025/NĐ-CP" is one edge, however many files say it
    amends = (ID + "nghi-dinh/166-2025-nd-cp/2025", KG + "amends", ID + "nghi-dinh/29-2025-nd-cp/2025")
    assert amends in stated and len(stated[amends]) > 10


def test_no_file_graph_restates_a_relation_of_another_instrument(oxigraph):
    describes = {q.subject.value: q.object.value
                 for q in oxigraph.quads_for_pattern(None, _node(KG + "describes"), None)}
    in_files = [(s, p, o, g) for s, p, o, g in _edges(oxigraph) if g != INSTRUMENTS_GRAPH]
    assert in_files
    assert not [edge for edge in in_files if is_shared_edge(edge[0], describes[edge[3]])]


def test_the_evidence_of_a_shared_relation_stays_in_each_file_with_its_words(oxigraph, stated):
    amends = (ID + "nghi-dinh/166-2025-nd-cp/2025", KG + "amends", ID + "nghi-dinh/29-2025-nd-cp/2025")
    query = f"""PREFIX kg: <{KG}> PREFIX rdf: <{RDF}>
        SELECT DISTINCT ?file ?quote WHERE {{ GRAPH ?file {{ ?e rdf:subject <{amends[0]}> ; rdf:predicate <{amends[1]}> ;
        rdf:object <{amends[2]}> ; kg:quote ?quote }} }}"""
    rows = list(oxigraph.query(query))
    assert {row["file"].value for row in rows} == stated[amends]
    # each file's own words: "... được sửa đổi, bổ sung bởi Nghị định số 166/2025/NĐ-CP", "Nghị định số
    # 166/2025/NĐ-CP ... sửa đổi, bổ sung một số điều của Nghị định số 29/2025/NĐ-CP ..."
    quotes = {" ".join(row["quote"].value.split()) for row in rows}
    assert len(quotes) > 5
    assert all("sửa đổi, bổ sung" in quote and "166/2025/NĐ-CP" in quote and "29/2025/NĐ-CP" in quote
               for quote in quotes)
