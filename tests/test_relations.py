"""The one declaration of relations (kg/data/relations.json) and everything that must agree with it."""
from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kg import cues, lineage, rdf, relations, views
from kg.errors import QueryError
from kg.namespaces import ELI, KG, SH
from kg.query import named_queries, relations_filled
from kg.rdf import ontology_file
from kg.rdf import provisions
from kg.relations import CHANGE_RELATIONS, FIRST_STEP_ONLY, ONLY_BACKWARDS, RELATIONS, RESTS_ON, by_property

ROOT = Path(__file__).resolve().parent.parent
SHACL = rdflib.Namespace(SH)


@pytest.fixture(scope="module")
def ontology():
    return rdflib.Graph().parse(ontology_file("kg.ttl"))


@pytest.mark.parametrize("name", list(RELATIONS))
def test_each_relation_is_a_property_of_the_ontology_with_its_declared_words(ontology, name):
    relation = RELATIONS[name]
    prop = rdflib.URIRef(KG + relation.property)
    assert (prop, RDF.type, OWL.ObjectProperty) in ontology
    assert (prop, RDFS.subPropertyOf, rdflib.URIRef(KG + "relation")) in ontology
    refines = {str(o) for o in ontology.objects(prop, RDFS.subPropertyOf) if str(o).startswith(ELI)}
    assert refines == ({ELI + relation.eli} if relation.eli else set())
    labels = {(str(o), o.language) for o in ontology.objects(prop, RDFS.label)}
    assert labels == {(relation.label, "en"), (relation.label_vi, "vi")}


def test_the_ontology_has_no_relation_the_declaration_lacks(ontology):
    declared = {KG + relation.property for relation in RELATIONS.values()}
    in_ontology = {str(s) for s in ontology.subjects(RDFS.subPropertyOf, rdflib.URIRef(KG + "relation"))}
    assert in_ontology == declared


def test_the_shapes_accept_exactly_the_declared_relations():
    shapes = rdflib.Graph().parse(ontology_file("shapes.ttl"))
    declared = {rdflib.URIRef(KG + relation.property) for relation in RELATIONS.values()}
    for node in shapes.objects(None, SHACL["in"]):
        listed = set(rdflib.collection.Collection(shapes, node))
        if listed & declared:
            assert listed == declared
    kgsh = rdflib.Namespace("https://w3id.org/kg-vn/shapes#")
    assert set(shapes.objects(kgsh.EdgeShape, SHACL.targetSubjectsOf)) == declared
    assert set(shapes.objects(kgsh.EdgeTargetShape, SHACL.targetObjectsOf)) == declared


def test_every_cue_names_a_declared_relation():
    data = json.loads((ROOT / "kg" / "data" / "relation_cues.json").read_text(encoding="utf-8"))
    assert {cue["predicate"] for cue in data["cues"]} <= set(RELATIONS)
    assert set(cues.relation_cues().rank) == set(RELATIONS)


def test_the_stages_read_the_declaration():
    assert rdf.PREDICATES == {name: relation.property for name, relation in RELATIONS.items()}
    assert lineage.RESTS_ON == RESTS_ON == tuple(_declared(["rests_on"]))
    assert FIRST_STEP_ONLY == set(_declared(["first_step_only"])) and "cites" in FIRST_STEP_ONLY
    assert ONLY_BACKWARDS == {by_property(p).name for p in _declared(["only_backwards"])}
    # what the founding plan's lineage was checked with (tests/test_query.py) still holds
    assert {"basedOn", "implements", "amends", "guides", "consolidates", "issuedWith", "cites"} <= set(RESTS_ON)
    assert {"amends", "replaces", "repeals", "suspends"} <= ONLY_BACKWARDS
    assert {name: views.RELATIONS[name][1] for name in views.RELATIONS if name != "partOf"} == {
        relation.property: relation.colour for relation in RELATIONS.values()}


def test_colours_are_distinct_and_properties_unique():
    colours = [relation.colour for relation in RELATIONS.values()]
    assert len(set(colours)) == len(colours)
    assert len({relation.property for relation in RELATIONS.values()}) == len(RELATIONS)
    assert by_property("issuedWith").name == "issued_with"
    assert sorted(relation.strength for relation in RELATIONS.values()) == list(range(len(RELATIONS)))


def test_each_kind_of_change_states_one_declared_relation_with_an_effect():
    """The kinds of change kg.pinpoint reads (kg/data/pinpoints.json) are exactly those the declaration
    gives a relation, each to one relation that changes its object; the shapes accept exactly them."""
    pinpoints = json.loads((ROOT / "kg" / "data" / "pinpoints.json").read_text(encoding="utf-8"))
    read = {change["kind"] for change in pinpoints["changes"]} | {pinpoints["phrase_change"]["kind"]}
    declared = [kind for relation in RELATIONS.values() for kind in relation.change_kinds]
    assert len(declared) == len(set(declared)) and set(declared) == read
    assert all(RELATIONS[name].effect for name in CHANGE_RELATIONS.values())
    assert CHANGE_RELATIONS["supplemented"] == CHANGE_RELATIONS["amended"] == "amends"
    assert CHANGE_RELATIONS["repealed"] == "repeals"
    assert provisions.CHANGE_RELATIONS is CHANGE_RELATIONS
    shapes = rdflib.Graph().parse(ontology_file("shapes.ttl"))
    accepted = [{str(value) for value in rdflib.collection.Collection(shapes, node)}
                for shape in shapes.subjects(SHACL.path, rdflib.URIRef(KG + "changeKind"))
                for node in shapes.objects(shape, SHACL["in"])]
    assert accepted == [read]


# ------------------------------------------------------------------ the named queries' lists of relations

_RELATION_TERM = re.compile(r"\^?kg:(\w+)")
_PLACEHOLDER = re.compile(r"\{\{(path|inverse-path|list) ([\w -]+)\}\}")


def _declared(flags: list[str]) -> list[str]:
    """The properties the flags select, read from the JSON file itself (not through kg.relations)."""
    entries = json.loads((ROOT / "kg" / "data" / "relations.json").read_text(encoding="utf-8"))["relations"]
    return [entry["property"] for entry in entries
            if flags == ["all"] or (all(entry[f] for f in flags if not f.startswith("-"))
                                    and not any(entry[f[1:]] for f in flags if f.startswith("-")))]


def _query_files():
    return sorted((ROOT / "ontology" / "queries").glob("*.rq"))


@pytest.mark.parametrize("path", _query_files(), ids=lambda p: p.stem)
def test_no_query_lists_a_relation_by_hand(path):
    """Outside its comments, a query names relations only through a {{...}} list."""
    properties = {relation.property for relation in RELATIONS.values()}
    body = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#")]
    named = {term for line in body for term in _RELATION_TERM.findall(_PLACEHOLDER.sub("", line))}
    assert not named & properties


@pytest.mark.parametrize("path", _query_files(), ids=lambda p: p.stem)
def test_each_list_of_relations_holds_every_declared_relation_with_its_flags_and_no_other(path):
    raw = path.read_text(encoding="utf-8")
    filled = named_queries()[path.stem].text
    assert "{{" not in filled
    # each placeholder becomes, in place, the terms of exactly the relations its flags select
    pieces = _PLACEHOLDER.split(raw)
    position = 0
    for index in range(0, len(pieces) - 1, 3):
        literal, form, flags = pieces[index], pieces[index + 1], pieces[index + 2].split()
        assert filled.startswith(literal, position)
        position += len(literal)
        separator = ", " if form == "list" else "|"
        end = filled.find(")", position)
        written = filled[position:end].split(separator)
        prefix = "^kg:" if form == "inverse-path" else "kg:"
        assert written == [prefix + name for name in _declared(flags)]
        position = end
    assert filled[position:] == pieces[-1]


def test_the_lineage_queries_follow_the_relations_a_lineage_rests_on():
    text = named_queries()["lineage-of-task"].text
    assert "(" + "|".join("kg:" + p for p in RESTS_ON) + ")" in text
    assert "(" + "|".join("kg:" + p for p in RESTS_ON if p not in FIRST_STEP_ONLY) + ")*" in text
    changes = named_queries()["changes"].text
    assert "IN (kg:amends, kg:replaces, kg:repeals, kg:suspends)" in changes


def test_a_relation_added_to_the_declaration_reaches_the_queries(monkeypatch):
    interprets = replace(RELATIONS["guides"], name="interprets", property="interprets", colour="#123456")
    monkeypatch.setattr(relations, "RELATIONS", {**RELATIONS, "interprets": interprets})
    filled = relations_filled("?a ({{path rests_on -first_step_only}})* ?b . FILTER (?r IN ({{list effect}}))")
    assert "kg:consolidates|kg:issuedWith|kg:interprets)*" in filled
    assert "kg:interprets" not in filled.split("FILTER")[1]


@pytest.mark.parametrize("text", ["({{path rests_on -no_such_flag}})", "({{list}})", "({{path all rests_on}})",
                                  "({{ list effect }})"])
def test_a_list_of_relations_that_cannot_be_read_is_refused_naming_the_file(text):
    with pytest.raises(QueryError, match=r"^changes\.rq: "):
        relations_filled(text, "changes.rq")
