"""The one declaration of relations (kg/data/relations.json) and everything that must agree with it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kg import lineage, rdf, relate, views
from kg.namespaces import ELI, KG
from kg.rdf import ontology_file
from kg.relations import FIRST_STEP_ONLY, ONLY_BACKWARDS, RELATIONS, RESTS_ON, by_property

ROOT = Path(__file__).resolve().parent.parent
SHACL = rdflib.Namespace("http://www.w3.org/ns/shacl#")


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
    cues = json.loads((ROOT / "kg" / "data" / "relation_cues.json").read_text(encoding="utf-8"))
    assert {cue["predicate"] for cue in cues["cues"]} <= set(RELATIONS)
    assert set(relate._cues().rank) == set(RELATIONS)


def test_the_stages_read_the_declaration():
    assert rdf.PREDICATES == {name: relation.property for name, relation in RELATIONS.items()}
    assert lineage.RESTS_ON == RESTS_ON == ("basedOn", "implements", "amends", "guides", "consolidates", "issuedWith", "cites")
    assert FIRST_STEP_ONLY == {"cites"}
    assert ONLY_BACKWARDS == {"amends", "replaces", "repeals", "suspends", "guides", "consolidates"}
    assert {name: views.RELATIONS[name][1] for name in views.RELATIONS if name != "partOf"} == {
        relation.property: relation.colour for relation in RELATIONS.values()}


def test_colours_are_distinct_and_properties_unique():
    colours = [relation.colour for relation in RELATIONS.values()]
    assert len(set(colours)) == len(colours)
    assert len({relation.property for relation in RELATIONS.values()}) == len(RELATIONS)
    assert by_property("issuedWith").name == "issued_with"
    assert sorted(relation.strength for relation in RELATIONS.values()) == list(range(len(RELATIONS)))
