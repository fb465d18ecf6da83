"""Extractions -> quads: one node per instrument, a named graph per source file, evidence on every edge."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.models import Citation, Document, Extraction, Instrument, Reference, Relation, Section
from kg.namespaces import ELI, KG, XSD, sparql_prefixes
from kg.rdf import (INSTRUMENTS_GRAPH, canonical_iris, dataset, is_party, source_graph_iri)
from kg.iri import instrument_iri, section_iri
from kg.store import MemoryStore
from kg.validate import validate

ROOT = Path(__file__).resolve().parent.parent

PLAN = Instrument(instrument_iri("Kế hoạch", "322/KH-UBND", 2023, "tỉnh Kon Tum"), "Kế hoạch", "322/KH-UBND",
                  date="2023-02-08", year=2023, issuer="Ủy ban nhân dân tỉnh Kon Tum")
DECISION = Instrument(instrument_iri("Quyết định", "15/2019/QĐ-UBND", 2019, "tỉnh Kon Tum"), "Quyết định",
                      "15/2019/QĐ-UBND", date="2019-10-17", year=2019, issuer="Ủy ban nhân dân tỉnh Kon Tum")
AMENDED = Instrument(instrument_iri("Quyết định", "21/2018/QĐ-UBND", 2018, "tỉnh Kon Tum"), "Quyết định",
                     "21/2018/QĐ-UBND", date="2018-07-20", year=2018, issuer="Ủy ban nhân dân tỉnh Kon Tum")
UNDATED = Instrument(instrument_iri("Quyết định", "1847/QĐ-TTg", None), "Quyết định", "1847/QĐ-TTg",
                     issuer="Thủ tướng Chính phủ")
DATED = Instrument(instrument_iri("Quyết định", "1847/QĐ-TTg", 2018), "Quyết định", "1847/QĐ-TTg",
                   date="2018-12-27", year=2018, issuer="Thủ tướng Chính phủ")
RESOLUTION = Instrument(instrument_iri("Nghị quyết", "57-NQ/TW", 2024), "Nghị quyết", "57-NQ/TW",
                        date="2024-12-22", year=2024, issuer="Bộ Chính trị")

TEXT = ("5. Thực hiện nghiêm quy định về đạo đức công vụ theo Quyết định số 1847/QĐ-TTg của Thủ tướng Chính phủ; "
        "Quyết định số 15/2019/QĐ-UBND ngày 17 tháng 10 năm 2019 sửa đổi Quyết định số 21/2018/QĐ-UBND.")


def _citation(instrument, words, section="II.5"):
    start = TEXT.index(words)
    return Citation(Reference(start, start + len(words), words, instrument.doc_type), instrument, section)


def plan_extraction(source="corpus/plan.txt") -> Extraction:
    sections = (Section("II", "part", 0, len(TEXT)),
                Section("II.5", "task", 0, len(TEXT), title="Đạo đức công vụ", parent="II", lead="Sở Nội vụ",
                        partners=("Sở Tư pháp",), deadline="2023-11", reports_to="Ủy ban nhân dân tỉnh Kon Tum"))
    citations = (_citation(UNDATED, "Quyết định số 1847/QĐ-TTg"),
                 _citation(DECISION, "Quyết định số 15/2019/QĐ-UBND"),
                 _citation(AMENDED, "Quyết định số 21/2018/QĐ-UBND"))
    cue = "Quyết định số 15/2019/QĐ-UBND ngày 17 tháng 10 năm 2019 sửa đổi Quyết định số 21/2018/QĐ-UBND"
    start = TEXT.index(cue)
    relations = (Relation(section_iri(PLAN.iri, "II.5"), "implements", DECISION.iri, citations[1].reference.start,
                          citations[1].reference.end, citations[1].reference.text, citations[1].reference.text),
                 Relation(DECISION.iri, "amends", AMENDED.iri, start, start + len(cue), "sửa đổi", cue))
    return Extraction(source, Document(PLAN, signer="Lê Ngọc Tuấn", locality="tỉnh Kon Tum"), citations,
                      sections, relations)


def other_extraction(source="corpus/other.txt", title=None) -> Extraction:
    """Another document that dates 1847/QĐ-TTg and rests on a Party resolution."""
    own = Instrument(instrument_iri("Kế hoạch", "9/KH-UBND", 2025, "tỉnh A"), "Kế hoạch", "9/KH-UBND", year=2025,
                     title=title)
    words = "Quyết định số 1847/QĐ-TTg ngày 27 tháng 12 năm 2018 và Nghị quyết số 57-NQ/TW"
    citations = (Citation(Reference(0, 50, words[:50], "Quyết định"), DATED),
                 Citation(Reference(56, len(words), words[56:], "Nghị quyết"), RESOLUTION))
    relations = (Relation(own.iri, "based_on", RESOLUTION.iri, 56, len(words), words[56:], words[56:]),)
    return Extraction(source, Document(own), citations, (), relations)


def quads_of(*extractions):
    return dataset([(e.source, "ab" * 32, e) for e in extractions])


def test_an_undated_citation_joins_the_dated_instrument_another_text_names():
    store = MemoryStore.from_quads(quads_of(plan_extraction(), other_extraction()))
    rows = store.query(f"""SELECT ?task ?decision WHERE {{ ?task <{KG}cites> ?decision .
                           ?decision <{ELI}number> "1847/QĐ-TTg" }}""").records()
    assert rows == [{"task": section_iri(PLAN.iri, "II.5"), "decision": DATED.iri}]
    assert not store.query(f"ASK {{ <{UNDATED.iri}> ?p ?o }}").boolean


def test_two_dated_candidates_are_left_apart():
    iris = [UNDATED.iri, DATED.iri, instrument_iri("Quyết định", "1847/QĐ-TTg", 2019)]
    assert canonical_iris(iris) == {}


def test_each_source_file_has_its_own_named_graph_and_changing_one_leaves_the_other():
    plan, other = plan_extraction(), other_extraction()
    before = quads_of(plan, other)
    after = quads_of(plan, other_extraction(title="Kế hoạch thực hiện Nghị quyết 57"))
    graph = ox.NamedNode(source_graph_iri("corpus/plan.txt"))
    assert {q for q in before if q.graph_name == graph} == {q for q in after if q.graph_name == graph}
    other_graph = ox.NamedNode(source_graph_iri("corpus/other.txt"))
    assert {q for q in before if q.graph_name == other_graph} == {q for q in after if q.graph_name == other_graph}
    assert {q for q in before if q.graph_name.value == INSTRUMENTS_GRAPH} != \
           {q for q in after if q.graph_name.value == INSTRUMENTS_GRAPH}


def test_every_edge_carries_its_file_offsets_and_words():
    store = MemoryStore.from_quads(quads_of(plan_extraction()))
    rows = store.query(f"""
        {sparql_prefixes("kg", "rdf")}
        SELECT ?start ?end ?quote ?path WHERE {{
          GRAPH <{INSTRUMENTS_GRAPH}> {{ <{DECISION.iri}> kg:amends <{AMENDED.iri}> }}
          GRAPH ?g {{ ?e rdf:subject <{DECISION.iri}> ; rdf:predicate kg:amends ; rdf:object <{AMENDED.iri}> ;
             kg:start ?start ; kg:end ?end ; kg:quote ?quote ; kg:inSource ?g . ?g kg:path ?path }} }}""").records()
    assert len(rows) == 1
    # an edge between two other instruments is held once, in the instruments graph; the file keeps its evidence
    assert not store.query(f"""PREFIX kg: <{KG}> ASK {{ GRAPH ?g {{ <{DECISION.iri}> kg:amends <{AMENDED.iri}> }}
        FILTER(?g != <{INSTRUMENTS_GRAPH}>) }}""").boolean
    row = rows[0]
    assert TEXT[int(row["start"]):int(row["end"])] == row["quote"]
    assert row["quote"].startswith("Quyết định số 15/2019/QĐ-UBND") and row["path"] == "corpus/plan.txt"
    # the words that type it are kept beside the quote, within it
    cue = store.query(f"""{sparql_prefixes("kg", "rdf")}
        SELECT ?cue WHERE {{ ?e rdf:predicate kg:amends ; kg:cue ?cue }}""").records()
    assert cue == [{"cue": "sửa đổi"}] and "sửa đổi" in row["quote"]


def test_every_evidence_quote_in_the_corpus_graph_is_its_source_text_between_its_offsets(corpus_store):
    # kg:quote is defined as exactly text[start:end] of the source, the text as read
    from kg.text import read_text

    rows = corpus_store.query(f"""{sparql_prefixes("kg", "rdf")}
        SELECT ?path ?start ?end ?quote ?cue ?relation WHERE {{ GRAPH ?g {{
          ?e a kg:Assertion ; rdf:predicate ?relation ; kg:start ?start ; kg:end ?end ; kg:quote ?quote .
          OPTIONAL {{ ?e kg:cue ?cue }} ?g kg:path ?path }} }}""", max_rows=10**6).rows
    assert len(rows) > 19_000
    texts, wrong, typed = {}, [], 0
    for path, start, end, quote, cue, relation in rows:
        if path.value not in texts:
            texts[path.value] = read_text(path.value).original
        if texts[path.value][int(start.value):int(end.value)] != quote.value:
            wrong.append((path.value, start.value, end.value, quote.value[:40]))
        if cue is not None:
            typed += 1
            assert cue.value in quote.value  # the cue is among the words quoted
    assert wrong == []
    assert typed > 5_000  # most typed relations quote a cue and the reference(s) it bears on


def test_a_task_cites_what_stands_in_it_unless_a_typed_relation_links_them():
    store = MemoryStore.from_quads(quads_of(plan_extraction()))
    task = section_iri(PLAN.iri, "II.5")
    rows = store.query(f"SELECT ?p ?o WHERE {{ <{task}> ?p ?o . FILTER(STRSTARTS(STR(?p), '{KG}')) }}").records()
    edges = {(r["p"][len(KG):], r["o"]) for r in rows if not r["p"].endswith(("Agency", "reportsTo", "deadline",
                                                                               "sectionId", "inDocument", "heading", "start",
                                                                               "end"))}
    assert edges == {("implements", DECISION.iri), ("cites", UNDATED.iri), ("cites", AMENDED.iri)}


def test_tasks_carry_agencies_and_deadline_as_typed_terms():
    store = MemoryStore.from_quads(quads_of(plan_extraction()))
    task = section_iri(PLAN.iri, "II.5")
    row = store.query(f"""{sparql_prefixes("kg", "skos")}
        SELECT ?lead ?partner ?deadline (DATATYPE(?deadline) AS ?type) ?parent WHERE {{
          <{task}> kg:leadAgency/skos:prefLabel ?lead ; kg:partnerAgency/skos:prefLabel ?partner ;
                   kg:deadline ?deadline ; <{ELI}is_part_of> ?parent }}""").records()
    assert row == [{"lead": "Sở Nội vụ", "partner": "Sở Tư pháp", "deadline": "2023-11",
                    "type": XSD + "gYearMonth", "parent": section_iri(PLAN.iri, "II")}]


@pytest.mark.parametrize("instrument, party", [
    (RESOLUTION, True), (DECISION, False), (UNDATED, False),
    (Instrument("x", "Quyết định", "324-QĐ/TU"), True),
    (Instrument("x", "Nghị quyết", None, title="Nghị quyết Đại hội XIII", issuer="Đại hội đại biểu toàn quốc của Đảng"),
     True),
    (Instrument("x", "Luật", None, title="Luật Tố cáo", issuer="Quốc hội"), False),
])
def test_party_documents_are_told_from_state_law(instrument, party):
    assert is_party(instrument) is party


def test_hand_made_graph_conforms_to_the_shapes(tmp_path):
    path = tmp_path / "graph.nq"
    ox.serialize(quads_of(plan_extraction(), other_extraction()), str(path), ox.RdfFormat.N_QUADS)
    report = validate(path)
    assert report.conforms, [str(v) for v in report.violations]


def test_conflicting_dates_resolve_to_the_documents_own_header():
    wrong = Instrument(PLAN.iri, "Kế hoạch", "322/KH-UBND", date="2023-03-01", year=2023)
    citing = Extraction("corpus/c.txt", Document(RESOLUTION), (Citation(Reference(0, 5, "x", "Kế hoạch"), wrong),))
    store = MemoryStore.from_quads(quads_of(plan_extraction(), citing))
    dates = store.query(f"SELECT ?d WHERE {{ <{PLAN.iri}> <{ELI}date_document> ?d }}").records()
    assert dates == [{"d": "2023-02-08"}]


def test_items_d_and_dd_of_one_article_stay_two_sections():
    own = Instrument(instrument_iri("Luật", "1/2020/QH14", 2020), "Luật", "1/2020/QH14", year=2020)
    text = "d) theo Nghị định số 1/2020/NĐ-CP; đ) theo Nghị định số 2/2020/NĐ-CP"
    first = Instrument(instrument_iri("Nghị định", "1/2020/NĐ-CP", 2020), "Nghị định", "1/2020/NĐ-CP", year=2020)
    second = Instrument(instrument_iri("Nghị định", "2/2020/NĐ-CP", 2020), "Nghị định", "2/2020/NĐ-CP", year=2020)
    sections = (Section("Điều 5", "article", 0, len(text)), Section("Điều 5.d", "item", 0, 34, parent="Điều 5"),
                Section("Điều 5.đ", "item", 35, len(text), parent="Điều 5"))
    point_d, point_dd = section_iri(own.iri, "Điều 5.d"), section_iri(own.iri, "Điều 5.đ")
    assert point_d != point_dd  # slugs drop marks, so "đ" must be kept apart on purpose
    relations = (Relation(point_d, "based_on", first.iri, 3, 34, "theo", text[3:34]),
                 Relation(point_dd, "based_on", second.iri, 38, len(text), "theo", text[38:]))
    citations = (Citation(Reference(8, 34, text[8:34], "Nghị định"), first, "Điều 5.d"),
                 Citation(Reference(41, len(text), text[41:], "Nghị định"), second, "Điều 5.đ"))
    store = MemoryStore.from_quads(quads_of(Extraction("corpus/law.txt", Document(own), citations, sections,
                                                       relations)))
    rows = store.query(f"""SELECT ?id ?target WHERE {{ ?s <{KG}sectionId> ?id ; <{KG}basedOn> ?target }}
                           ORDER BY ?id""").records()
    assert rows == [{"id": "Điều 5.d", "target": first.iri}, {"id": "Điều 5.đ", "target": second.iri}]


def test_a_literal_is_written_as_pyoxigraph_writes_it_whatever_it_holds():
    """A file's graph is written as N-Quads text (kg.rdf.terms), not serialized by pyoxigraph: every
    character a literal can hold, and a quote of the corpus, come out as pyoxigraph writes them."""
    from kg.rdf.terms import nq_line, nq_string

    graph = ox.NamedNode("https://w3id.org/kg-vn/id/source/a.txt")
    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
    quote = (ROOT / "corpus" / "322-KH-UBND-2023-kon-tum.txt").read_text(encoding="utf-8")[:3000]
    for value in [every[start:start + 4096] for start in range(0, len(every), 4096)] + [quote, ""]:
        written = ox.serialize([ox.Quad(graph, graph, ox.Literal(value), graph)], format=ox.RdfFormat.N_QUADS)
        assert nq_line(f"<{graph.value}>", f"<{graph.value}>", nq_string(value), f"<{graph.value}>") == written.decode()


def test_an_invalid_iri_in_a_files_graph_is_refused_as_pyoxigraph_refuses_it():
    from kg.rdf.terms import nq_iri

    assert nq_iri("https://w3id.org/kg-vn/id/luat/5-2020-qh14/2020") == "<https://w3id.org/kg-vn/id/luat/5-2020-qh14/2020>"
    with pytest.raises(ValueError):
        nq_iri("https://w3id.org/kg-vn/id/a b")
