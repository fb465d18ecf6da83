"""The ontology graph: kg.ttl as shipped, and the concept scheme of document types from the data file.

The ontology travels with the data, so that queries can read class labels and the concepts of
document types, and the graph validates on its own.
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from ..errors import GraphError
from ..iri import ONTOLOGY_GRAPH, slug, type_iri
from ..namespaces import SKOS
from ..vocab import document_types
from .terms import RDF_TYPE, kg_term, string

__all__ = ["ontology_file", "type_concepts", "ontology_quads"]


def ontology_file(name: str) -> Path:
    """A file shipped in the installed ``kg.ontology`` package (kg.ttl, shapes.ttl, queries/x.rq).

    >>> ontology_file("kg.ttl").name
    'kg.ttl'
    """
    path = files("kg.ontology").joinpath(name)
    if not path.is_file():
        raise GraphError(f"{name}: no such file in the kg ontology package")
    return Path(str(path))



def type_concepts() -> list[Quad]:
    """The concept scheme of document types, one concept per kind in kg/data/document_types.json.

    >>> any(q.object == Literal("Quyết định", language="vi") for q in type_concepts())
    True
    """
    kinds = document_types()
    graph = NamedNode(ONTOLOGY_GRAPH)
    scheme = kg_term("DocumentTypes")
    quads = []
    for kind in kinds["types"]:
        concept = NamedNode(type_iri(kind["name"]))
        quads += [Quad(concept, RDF_TYPE, NamedNode(SKOS + "Concept"), graph),
                  Quad(concept, NamedNode(SKOS + "inScheme"), scheme, graph),
                  Quad(concept, NamedNode(SKOS + "prefLabel"), Literal(kind["name"], language="vi"), graph),
                  Quad(concept, NamedNode(SKOS + "notation"), string(slug(kind["name"])), graph)]
    return quads


def ontology_quads() -> list[Quad]:
    """kg.ttl and the concepts of document types, in the ontology graph."""
    ontology = NamedNode(ONTOLOGY_GRAPH)
    quads = [Quad(t.subject, t.predicate, t.object, ontology)
             for t in parse(path=ontology_file("kg.ttl"), format=RdfFormat.TURTLE)]
    return quads + type_concepts()
