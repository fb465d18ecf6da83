"""The ontology and its shapes: ELI alignment, the concept scheme, examples valid and invalid, packaging."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.namespaces import ELI, KG
from kg.rdf import PREDICATES, ontology_file, type_iri
from kg.relations import RELATIONS
from kg.validate import validate

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "ontology" / "examples"
VALID = sorted((EXAMPLES / "valid").glob("*.ttl"))
INVALID = sorted((EXAMPLES / "invalid").glob("*.ttl"))


@pytest.fixture(scope="module")
def ontology():
    return rdflib.Graph().parse(ontology_file("kg.ttl"))


def test_there_are_examples_both_ways():
    assert len(VALID) >= 2 and len(INVALID) >= 6


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_example_conforms(path):
    report = validate(path)
    assert report.conforms, [str(v) for v in report.violations]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_example_does_not_conform(path):
    report = validate(path)
    assert not report.conforms
    assert report.violations, "a graph that does not conform names at least one violation"


def test_each_invalid_example_fails_for_its_own_reason():
    expected = {
        "two-dates": "at most one date",
        "unknown-type": "concept of kg:DocumentTypes",
        "orphan-task": "part of exactly one",
        "backwards-evidence": "start before end",
        "evidence-without-edge": "not in the graph",
        "edge-to-agency": "points at an instrument or a section",
        "bad-task": "A deadline is",
    }
    for name, words in expected.items():
        messages = [v.message for v in validate(EXAMPLES / "invalid" / f"{name}.ttl").violations]
        assert any(words in m for m in messages), (name, messages)


@pytest.mark.parametrize("relation", sorted(PREDICATES))
def test_relations_are_subproperties_of_eli(ontology, relation):
    """Each relation is an ELI relation, under the ELI property kg/data/relations.json says it refines (issue 7)."""
    prop = rdflib.URIRef(KG + PREDICATES[relation])
    assert (prop, RDF.type, OWL.ObjectProperty) in ontology
    parents = set(ontology.transitive_objects(prop, RDFS.subPropertyOf))
    assert rdflib.URIRef(ELI + "related_to") in parents
    if RELATIONS[relation].eli:
        assert rdflib.URIRef(ELI + RELATIONS[relation].eli) in parents


def test_deprecated_eli_implements_is_not_used(ontology):
    assert not any(rdflib.URIRef(ELI + "implements") in triple for triple in ontology)


def test_instrument_classes_are_eli_legal_resources_and_party_kept_apart(ontology):
    for name in ("StateInstrument", "PartyDocument"):
        assert rdflib.URIRef(ELI + "LegalResource") in set(
            ontology.transitive_objects(rdflib.URIRef(KG + name), RDFS.subClassOf))
    assert (rdflib.URIRef(KG + "StateInstrument"), OWL.disjointWith, rdflib.URIRef(KG + "PartyDocument")) in ontology
    assert rdflib.URIRef(ELI + "LegalResourceSubdivision") in set(
        ontology.transitive_objects(rdflib.URIRef(KG + "Task"), RDFS.subClassOf))


def test_every_document_type_is_a_concept_of_the_scheme():
    from pyoxigraph import RdfFormat, serialize

    from kg.rdf import ontology_quads

    ontology = rdflib.Graph().parse(data=serialize([q.triple for q in ontology_quads()], format=RdfFormat.N_TRIPLES),
                                    format="nt")
    types = json.loads((ROOT / "kg" / "data" / "document_types.json").read_text(encoding="utf-8"))["types"]
    scheme = rdflib.URIRef(KG + "DocumentTypes")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in ontology
    for kind in types:
        concept = rdflib.URIRef(type_iri(kind["name"]))
        assert (concept, SKOS.inScheme, scheme) in ontology, kind["name"]
        assert (concept, SKOS.prefLabel, rdflib.Literal(kind["name"], lang="vi")) in ontology


@pytest.mark.slow  # installs the package into a venv
@pytest.mark.skipif(sys.platform == "win32", reason="venv layout")
def test_installed_package_ships_ontology_and_queries(tmp_path):
    """Build a wheel, install it into a fresh venv, read the ontology and a query from there."""
    wheel_dir = tmp_path / "wheel"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    wheel = next(wheel_dir.glob("kg-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    # A wheel is a zip laid out as site-packages: unpacking it is installing it, without pip.
    subprocess.run([python, "-m", "zipfile", "-e", str(wheel), site], check=True, timeout=120)
    probe = textwrap.dedent("""
        import importlib.resources, json
        root = importlib.resources.files("kg.ontology")
        print(json.dumps({
            "where": str(root),
            "ontology": "owl:Ontology" in root.joinpath("kg.ttl").read_text(encoding="utf-8"),
            "shapes": "sh:NodeShape" in root.joinpath("shapes.ttl").read_text(encoding="utf-8"),
            "lineage": "SELECT" in root.joinpath("queries/lineage-of-task.rq").read_text(encoding="utf-8"),
            "queries": sorted(p.name for p in root.joinpath("queries").iterdir()),
            "examples": sorted(p.name for p in root.joinpath("examples/valid").iterdir()),
        }))
    """)
    found = json.loads(subprocess.run([python, "-I", "-c", probe], check=True, capture_output=True, text=True,
                                      cwd=tmp_path).stdout)
    assert found["where"].startswith(site)
    assert found["ontology"] and found["shapes"] and found["lineage"]
    assert found["queries"] == sorted(p.name for p in (ROOT / "ontology" / "queries").glob("*.rq"))
    assert found["examples"]
