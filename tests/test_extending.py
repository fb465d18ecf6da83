"""A new kind of instrument and a new relation, added by editing data alone (README, "Adding a
relation, or a document type, by editing data").

Each test copies the package and its ontology, edits only data files there (JSON and Turtle), and
runs kg from the copy in a fresh interpreter: the stages read the new entry with no line of Python
changed. Should a stage come to keep its own list of kinds or relations again, these fail.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _copy_of_kg(tmp_path: Path) -> Path:
    """kg and its ontology (installed as kg.ontology) copied under ``tmp_path``."""
    ignore = shutil.ignore_patterns("__pycache__", "ontology")
    shutil.copytree(ROOT / "kg", tmp_path / "kg", ignore=ignore)
    shutil.copytree(ROOT / "ontology", tmp_path / "kg" / "ontology", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path / "kg"


def _edit_json(path: Path, edit) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def _run(tmp_path: Path, script: str) -> list:
    """``script`` run by kg from the copy; what it prints, read as JSON."""
    environment = {**os.environ, "PYTHONPATH": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=environment, capture_output=True,
                          text=True, timeout=300, check=True)
    return json.loads(done.stdout)


def test_a_kind_of_instrument_added_to_the_data_is_read_graphed_and_drawn(tmp_path):
    # Sắc lệnh, the President's decree of 1945-1959, which the Pháp điển notes still cite:
    # "(Điều 1 Sắc lệnh số 102-SL/L-004 ban bố luật quy định quyền lập hội ..." (corpus/registry/phapdien-sources.csv)
    package = _copy_of_kg(tmp_path)
    _edit_json(package / "data" / "document_types.json", lambda data: data["types"].append({
        "name": "Sắc lệnh", "forms": ["Sắc lệnh"], "by_title": False, "codes": ["SL"],
        "examples": ["Điều 1 Sắc lệnh số 102-SL/L-004 ban bố luật quy định quyền lập hội"],
        "issuer": "Chủ tịch nước", "family": "law"}))
    found = _run(tmp_path, """
import json
from kg.extract import extract_text
from kg.iri import instrument_iri
from kg.rdf.ontology_graph import type_concepts
from kg.views.catalog import _type_of
from kg.views.html import family
result = extract_text("(Điều 1 Sắc lệnh số 102-SL/L-004 ban bố luật quy định quyền lập hội đã được ")
print(json.dumps([[(c.instrument.doc_type, c.instrument.issuer) for c in result.citations],
                  any(q.object.value == "Sắc lệnh" for q in type_concepts()),
                  _type_of(instrument_iri("Sắc lệnh", "102-SL/L", 1957)), family("Sắc lệnh")]))
""")
    assert found == [[["Sắc lệnh", "Chủ tịch nước"]], True, "Sắc lệnh", "law"]


def test_a_relation_added_to_the_data_is_extracted_written_queried_and_drawn(tmp_path):
    # a relation kg does not know (a resolution of the Standing Committee interpreting a law), in
    # a sentence of the form such resolutions take
    package = _copy_of_kg(tmp_path)
    _edit_json(package / "data" / "relations.json", lambda data: data["relations"].append({
        "name": "interprets", "property": "interprets", "eli": None,
        "label": {"en": "interprets", "vi": "giải thích"}, "inverse": {"en": "interpreted by", "vi": "được giải thích bởi"},
        "colour": "#44aa99", "only_backwards": True, "rests_on": True, "first_step_only": False, "foundational": False,
        "strength": 10, "kept_apart": False, "amendment_chain": False, "effect": None, "change_kinds": []}))
    sentence = "Nghị quyết này giải thích khoản 2 Điều 3 của Luật Bảo hiểm y tế số 25/2008/QH12"
    _edit_json(package / "data" / "relation_cues.json", lambda data: data["cues"].append(
        {"predicate": "interprets", "phrases": ["giải thích"], "examples": [sentence]}))
    ontology = package / "ontology" / "kg.ttl"
    ontology.write_text(ontology.read_text(encoding="utf-8") + (
        '\nkg:interprets a owl:ObjectProperty ; rdfs:subPropertyOf kg:relation ;\n'
        '    rdfs:label "interprets"@en , "giải thích"@vi .\n'), encoding="utf-8")
    shapes = package / "ontology" / "shapes.ttl"
    text = shapes.read_text(encoding="utf-8")
    assert text.count("kg:issuedWith kg:cites") == 1 and text.count("kg:issuedWith , kg:cites") == 2
    shapes.write_text(text.replace("kg:issuedWith kg:cites", "kg:issuedWith kg:cites kg:interprets")
                      .replace("kg:issuedWith , kg:cites", "kg:issuedWith , kg:cites , kg:interprets"), encoding="utf-8")
    found = _run(tmp_path, f"""
import json
from pyoxigraph import NamedNode, RdfFormat, serialize
from kg.extract import extract_text
from kg.query import named_queries
from kg.rdf import dataset
from kg.validate import validate
from kg.views.html import RELATIONS
result = extract_text("NGHỊ QUYẾT\\n" + {sentence!r})
quads = dataset([("interprets.txt", "0" * 64, result)])
serialize(quads, "graph.nq", RdfFormat.N_QUADS)
interprets = NamedNode("https://w3id.org/kg-vn/ontology#interprets")
report = validate("graph.nq")
print(json.dumps([[r.predicate for r in result.relations],
                  sum(q.predicate == interprets for q in quads),
                  [v.message for v in report.violations],
                  "kg:interprets" in named_queries()["lineage-of-task"].text,
                  RELATIONS["interprets"]]))
""")
    # the edge is written with the new property, and the graph validates against the edited shapes
    relations, edges, violations, queried, drawn = found
    assert (relations, violations, queried, drawn) == (["interprets"], [], True, ["interprets (giải thích)", "#44aa99"])
    assert edges >= 1
