"""Provisions in the graph: nodes below their instrument, edges to them beside the edges to the
instrument (which stay as they were), the effects table and the most cited articles, on real texts."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox

from kg.effects import effects, most_cited_provisions
from kg.extract import extract_file, extract_text
from kg.iri import section_iri
from kg.namespaces import ELI, KG, sparql_prefixes
from kg.rdf import PREDICATES, dataset
from kg.store import MemoryStore
from kg.validate import validate

ROOT = Path(__file__).resolve().parents[1]
AMENDING_LAW = ROOT / "tests/gold/congbao/luat-so-51-2024-qh15-43559.txt"  # amends 25/2008/QH12 article by article
CIRCULAR_2022 = ROOT / "corpus/congbao/uu_dai_dt/thong-tu-so-10-2022-tt-bkhdt-37566.txt"


def _quads(*extractions):
    return dataset([(e.source, "ab" * 32, e) for e in extractions])


def test_a_changed_clause_is_a_provision_below_its_article_and_instrument():
    law = extract_file(AMENDING_LAW)
    store = MemoryStore.from_quads(_quads(law))
    target = next(c.target for c in law.changes)
    clause, article = section_iri(target, "Điều 6.1"), section_iri(target, "Điều 6")
    assert store.query(f"ASK {{ <{clause}> <{ELI}is_part_of> <{article}> . <{article}> <{KG}provisionOf> <{target}> ."
                       f" <{clause}> a <{ELI}LegalResourceSubdivision> ; <{KG}provisionOf> <{target}> }}").boolean
    # the article is part of the instrument by kg:provisionOf alone: a document's article keeps one parent
    assert not store.query(f"ASK {{ <{article}> <{ELI}is_part_of> ?parent }}").boolean
    rows = store.query(f"""{sparql_prefixes("kg", "rdf")}
        SELECT ?kind ?quote WHERE {{ ?e rdf:predicate kg:changesProvision ; rdf:object <{clause}> ;
        kg:changeKind ?kind ; kg:quote ?quote }}""").records()
    assert rows == [{"kind": "amended", "quote": "Sửa đổi, bổ sung khoản 1"}]


def test_edges_to_instruments_are_the_same_with_or_without_provisions():
    law = extract_file(AMENDING_LAW)
    bare = replace(law, changes=(), pinpoints=(), citations=tuple(replace(c, pinpoints=()) for c in law.citations),
                   relations=tuple(replace(r, object_provisions=()) for r in law.relations))
    relations = {KG + name for name in PREDICATES.values()}

    def edges(extraction):
        return {(q.subject, q.predicate, q.object) for q in _quads(extraction) if q.predicate.value in relations}

    assert edges(law) == edges(bare)


def test_a_cited_article_of_a_document_in_the_corpus_is_that_documents_section():
    held = extract_file(CIRCULAR_2022)
    citing = extract_text("Nhà đầu tư thực hiện theo quy định tại khoản 1 Điều 3 Thông tư số 10/2022/TT-BKHĐT "
                          "ngày 15 tháng 6 năm 2022 của Bộ trưởng Bộ Kế hoạch và Đầu tư.", path="corpus/a.txt")
    assert citing.citations[0].instrument.iri == held.document.instrument.iri
    store = MemoryStore.from_quads(_quads(held, citing))
    node = section_iri(held.document.instrument.iri, "Điều 3.1")
    assert store.query(f"ASK {{ <{node}> <{KG}sectionId> 'Điều 3.1' ; <{KG}provisionId> 'Điều 3.1' ."
                       f" ?s <{KG}citesProvision> <{node}> }}").boolean


def test_the_graph_with_provisions_conforms_to_the_shapes(tmp_path):
    path = tmp_path / "graph.nq"
    held = extract_file(CIRCULAR_2022)
    citing = extract_file(ROOT / "tests/gold/congbao/thong-tu-so-10-2024-tt-bkhdt-42068.txt")
    ox.serialize(_quads(extract_file(AMENDING_LAW), held, citing), str(path), ox.RdfFormat.N_QUADS)
    report = validate(path)
    assert report.conforms, [str(v) for v in report.violations][:5]


def test_effects_table_and_most_cited_articles():
    law = extract_file(AMENDING_LAW)
    decree = extract_file(ROOT / "tests/gold/congbao/nghi-dinh-so-162-2026-nd-cp-469551.txt")
    store = MemoryStore.from_quads(_quads(law, decree))
    rows = effects(store, "25/2008/QH12")
    assert [(r.label(), r.kind, r.by, r.by_section) for r in rows[:3]] == [
        ("khoản 9 Điều 2", "supplemented", "51/2024/QH15", "Điều 1.1"),
        ("khoản 2 Điều 3", "amended", "51/2024/QH15", "Điều 1.2"),
        ("Điều 6", "amended", "51/2024/QH15", "Điều 1.3")]
    assert rows[0].quote == "Bổ sung khoản 9 vào sau khoản 8 Điều 2"
    # "theo quy định tại Điều 23 của Luật Bảo hiểm xã hội số 41/2024/QH15"
    assert ("Điều 23", 1, 1) in most_cited_provisions(store, "41/2024/QH15")


def test_an_article_of_an_appendix_is_counted_among_the_most_cited():
    # nghi-quyet-so-6616-2026-nq-cp: "gửi 01 bộ hồ sơ quy định tại khoản 2 Điều 18 Phụ lục I ban hành kèm
    # theo Nghị định số 142/2025/NĐ-CP": Điều 18 of the regulation appendix I holds is cited, and so is the appendix
    resolution = extract_file(ROOT / "corpus/congbao/chinh_sach_dn/nghi-quyet-so-6616-2026-nq-cp-469362.txt")
    cited = {provision for provision, _, _ in most_cited_provisions(MemoryStore.from_quads(_quads(resolution)),
                                                                   "142/2025/NĐ-CP")}
    assert {"Phụ lục I", "Phụ lục I.Điều 18"} <= cited
    assert not any(provision.count(".") > 1 or provision.startswith("Điều") and "." in provision for provision in cited)
