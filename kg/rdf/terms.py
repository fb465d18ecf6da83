"""The ontology's terms as pyoxigraph nodes and literals: what every quad writer of the package shares.

Each relation the extractor names is an ontology property declared once, in kg/data/relations.json.

>>> kg_term("basedOn").value, PREDICATES["based_on"]
('https://w3id.org/kg-vn/ontology#basedOn', 'basedOn')
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from pyoxigraph import Literal, NamedNode, Quad

from ..iri import agency_iri, type_iri
from ..namespaces import ELI, KG, RDF, RDFS, XSD
from ..relations import RELATIONS

__all__ = ["PREDICATES", "ISO_DATE", "RDF_TYPE", "RDFS_LABEL", "XSD_DATE", "kg_term", "eli_term", "string",
           "integer", "agency_node", "type_node", "statement_head"]

#: The extractor's relation names -> the ontology's properties (declared in kg/data/relations.json).
PREDICATES = {name: relation.property for name, relation in RELATIONS.items()}

#: A day as xsd:date holds it; a date a text gives only in part stays a plain string.
ISO_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")

RDF_TYPE = NamedNode(RDF + "type")
RDFS_LABEL = NamedNode(RDFS + "label")
XSD_DATE = NamedNode(XSD + "date")
_XSD_INTEGER = NamedNode(XSD + "integer")
_RDF_SUBJECT, _RDF_PREDICATE, _RDF_OBJECT = (NamedNode(RDF + name) for name in ("subject", "predicate", "object"))


@lru_cache(maxsize=None)
def kg_term(name: str) -> NamedNode:
    """A class or property of the project's ontology (ontology/kg.ttl)."""
    return NamedNode(KG + name)


@lru_cache(maxsize=None)
def eli_term(name: str) -> NamedNode:
    """A class or property of the European Legislation Identifier ontology."""
    return NamedNode(ELI + name)


def string(value: str) -> Literal:
    return Literal(value)


def integer(value: int) -> Literal:
    return Literal(str(value), datatype=_XSD_INTEGER)


# The same few hundred bodies and kinds recur through the corpus; their slugs are worth keeping.
@lru_cache(maxsize=None)
def agency_node(name: str) -> NamedNode:
    return NamedNode(agency_iri(name))


@lru_cache(maxsize=None)
def type_node(doc_type: str) -> NamedNode:
    return NamedNode(type_iri(doc_type))


def statement_head(node: NamedNode, kind: str, subject: NamedNode, predicate: NamedNode, obj: NamedNode | Literal,
                   start: int, end: int, graph: NamedNode) -> Iterable[Quad]:
    """The evidence of one edge, as every kind of it (kg:Assertion, kg:ProvisionStatement,
    kg:DateStatement) opens: its class, the edge it states, and the characters of the text that state it."""
    yield Quad(node, RDF_TYPE, kg_term(kind), graph)
    yield Quad(node, _RDF_SUBJECT, subject, graph)
    yield Quad(node, _RDF_PREDICATE, predicate, graph)
    yield Quad(node, _RDF_OBJECT, obj, graph)
    yield Quad(node, kg_term("start"), integer(start), graph)
    yield Quad(node, kg_term("end"), integer(end), graph)
